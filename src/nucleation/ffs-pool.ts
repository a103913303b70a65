/**
 * The repetitions of an FFS point on several threads (branch ffspar): ffs-scan.ts's ffsPoint runs its repetitions (one
 * runFfs each, seed seed0 + r) here when the atomistic stage was given `threads` > 1; the stage stays synchronous for its
 * callers (the CLI's and the server's nucleation worker, the library's, the studies).
 *
 * A pool of threads - 1 worker threads (ffs-worker.ts), started at the first point that needs them and kept for the
 * whole atomistic stage (index.ts atomisticStage closes it in a finally: also on an error and on a cancel). The calling
 * thread is the pool's last thread. Repetition r runs on thread r mod T (T = min(threads, repetitions)): a fixed
 * assignment, so that repetition 0, whose error the sequential loop would throw first, runs on a worker and the path of
 * an error back from a worker is the common one. Each worker gets its repetitions by message on its own port, runs them
 * one after another and posts each result (structured clone: every number, the kept states' Int32Arrays, to the bit), then
 * counts itself done in a SharedArrayBuffer and wakes the caller (Atomics.notify). The caller runs its own share, then
 * sleeps in Atomics.wait until every worker is done (waking every 100 ms to read the stage's stop signal), and reads the
 * results synchronously (receiveMessageOnPort). The results are put back in repetition order: the point is the
 * sequential one to the bit (test/nucleation-ffs-pool.test.ts), so the cache key does not change.
 *
 * Errors: the first failing repetition in repetition order is thrown, as the sequential loop would (a failing thread
 * stops its share and lowers a shared bound, so that no thread starts a repetition past it); a worker's error crosses
 * with worker-errors.ts (InputError and FileError keep their class; others their name, message and the worker's stack).
 * Cancel: the stage's signal is read by the caller's own runFfs and, while it waits, every 100 ms; either way the
 * shared cancel word is set, which every worker's runFfs reads between its segments and trials (FfsStopped), and the
 * caller throws FfsStopped (the stage's NucleationCancelled) at once; the stage then terminates the pool.
 * A worker that ends without answering (process.exit, out of memory, terminate(); branch audit28): its 'exit' event
 * would reach this blocked thread only after the point, so the caller looks for it itself, every 100 ms (between its
 * own runFfs's segments and trials, and while it waits): a worker's own process.exit leaves its exit code in the shared
 * words; any other end is seen as its OS thread gone from /proc/self/task (Linux: each worker leaves its thread id).
 * The point then fails with an error naming the worker, the repetition it was running and its exit code, the other
 * workers are stopped (cancel word, terminate) and the pool cannot run again. Elsewhere than on Linux only an exit by
 * process.exit is seen.
 * CPU: runFfs's cpu_s is process.cpuUsage(), the whole process's (Node 20 has no per-thread CPU clock): with the pool it
 * would count the other threads, so ffsPoint reports no per-repetition CPU then (cpuEachNote says so), but each
 * repetition's wall time on its thread and the point's process CPU over all threads (ffs-scan.ts FfsPointDetail).
 */
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { runFfs, FfsStopped, type FfsBoxSpec, type FfsOptions, type FfsResult } from './ffs.js';
import { reviveError, unreadableMessage, type SerialisedError } from '../simulation/worker-errors.js';

/** the words of the pool's SharedArrayBuffer (Int32Array) */
export const W_CANCEL = 0, W_DONE = 1, W_FAIL = 2, W_READY = 3;
/** then W_EACH words per worker from W_WORKER + W_EACH * index: its OS thread id (0: not known), its exit code + 1 once
 * it ran process.exit (0: not), and the repetition it runs + 1 (0: none) */
export const W_WORKER = 4, W_EACH = 3, W_TID = 0, W_EXIT = 1, W_REP = 2;
/** how long the caller waits for a new worker to load (its 'error' event would reach this blocked thread only later) */
const START_MS = 20000;
const NO_FAIL = 0x7fffffff;

/** the FFS options a point's repetitions share (each sets its own seed; the signal is the thread's own) */
export type FfsRepOptions = Omit<FfsOptions, 'seed' | 'signal' | 'progress'>;

/** a worker's task: its repetitions of one point */
export interface FfsTask { box: FfsBoxSpec; options: FfsRepOptions; seed0: number; reps: number[] }
/** a worker's answer for one repetition */
export type FfsAnswer = { r: number; result: FfsResult } | { r: number; error: SerialisedError };

/** lowers the shared bound of the first failing repetition to r (no thread starts a repetition past it) */
export function failAt(ctl: Int32Array, r: number): void {
  for (let cur = Atomics.load(ctl, W_FAIL); r < cur; cur = Atomics.load(ctl, W_FAIL)) if (Atomics.compareExchange(ctl, W_FAIL, cur, r) === cur) break;
}

export class FfsPool {
  private readonly ctl: Int32Array;
  private readonly workers: { w: Worker; port: MessagePort }[] = [];
  private dead: string | null = null;

  /** threads: the calling thread and threads - 1 workers (started when a point first needs them) */
  constructor(readonly threads: number) {
    if (!(Number.isInteger(threads) && threads >= 2)) throw new RangeError(`FfsPool: threads = ${threads}: expected an integer >= 2 (1 is ffsPoint's own loop)`);
    this.ctl = new Int32Array(new SharedArrayBuffer(4 * (W_WORKER + W_EACH * (threads - 1))));
  }

  /** the workers now running (0 before the first point and after close) */
  get started(): number { return this.workers.length; }

  private ensure(n: number): void {
    while (this.workers.length < n) {
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(new URL('./ffs-worker.js', import.meta.url), { workerData: { ctl: this.ctl.buffer, port: port2, index: this.workers.length }, transferList: [port2] });
      // an 'error' event reaches this thread only once it is back in its event loop (after the stage): kept from being
      // an uncaught exception; a repetition's error is posted by the worker itself (ffs-worker.ts)
      w.on('error', () => {});
      this.workers.push({ w, port: port1 });
    }
    // each worker counts itself ready once loaded: one that fails to load (a bad execArgv, a missing file) would
    // otherwise leave the caller waiting for it for ever
    const t0 = Date.now();
    for (let r = Atomics.load(this.ctl, W_READY); r < n; r = Atomics.load(this.ctl, W_READY)) {
      if (Date.now() - t0 > START_MS) {
        this.dead = 'a worker thread did not start';
        throw new Error(`FfsPool: ${n - r} of ${n} worker threads did not start within ${START_MS / 1000} s (their error is on their 'error' event); threads 1 runs the repetitions without them`);
      }
      Atomics.wait(this.ctl, W_READY, r, 100);
    }
  }

  /**
   * The repetitions r = 0 .. n - 1 of one point (seed seed0 + r) on the pool, in repetition order; each result's cpu_s
   * is NaN (see the header). Throws the first failing repetition's error, or FfsStopped when the signal was set.
   */
  run(box: FfsBoxSpec, options: FfsRepOptions, seed0: number, n: number, signal?: { readonly aborted: boolean }): FfsResult[] {
    if (this.dead) throw new Error(`FfsPool: ${this.dead}`);
    const T = Math.min(this.threads, n);
    const helpers = T - 1;
    this.ensure(helpers);
    const ctl = this.ctl;
    Atomics.store(ctl, W_DONE, 0);
    Atomics.store(ctl, W_FAIL, NO_FAIL);
    const share = (t: number) => Array.from({ length: n }, (_, r) => r).filter((r) => r % T === t);
    for (let t = 0; t < helpers; t++) this.workers[t]!.port.postMessage({ box, options, seed0, reps: share(t) } satisfies FfsTask);
    const results = new Array<FfsResult | undefined>(n);
    const errors = new Map<number, unknown>();
    const stop = () => { Atomics.store(ctl, W_CANCEL, 1); this.dead = 'stopped'; return new FfsStopped(); };
    // a worker that ended without answering, looked for at most every 100 ms (the header)
    let lost: Error | null = null, next = 0;
    const watch = (): boolean => {
      const now = performance.now();
      if (now >= next) { next = now + 100; lost ??= this.lostWorker(helpers, share, seed0, n); }
      return lost !== null;
    };
    const own = { get aborted(): boolean { return signal?.aborted === true || watch(); } };
    for (const r of share(helpers)) {
      if (r > Atomics.load(ctl, W_FAIL)) break;
      try {
        results[r] = { ...runFfs(box, { ...options, seed: seed0 + r, signal: own }), cpu_s: NaN };
      } catch (e) {
        if (e instanceof FfsStopped) throw lost ?? stop();
        errors.set(r, e);
        failAt(ctl, r);
        break;
      }
    }
    for (let d = Atomics.load(ctl, W_DONE); d < helpers; d = Atomics.load(ctl, W_DONE)) {
      if (signal?.aborted) throw stop();
      next = 0;
      if (watch()) throw lost!;
      Atomics.wait(ctl, W_DONE, d, 100);
    }
    if (signal?.aborted) throw stop();
    for (const [t, { port }] of this.workers.slice(0, helpers).entries()) {
      for (let m = this.receive(port, t); m !== undefined; m = this.receive(port, t)) {
        const a = m.message as FfsAnswer;
        if ('result' in a) results[a.r] = { ...a.result, cpu_s: NaN };
        else errors.set(a.r, a.error.kind === 'Error' && a.error.name === 'FfsStopped' ? new FfsStopped() : reviveError(a.error));
      }
    }
    // the first failure in repetition order: what the sequential loop throws (it runs no repetition after it)
    for (let r = 0; r < n; r++) {
      if (errors.has(r)) throw errors.get(r);
      if (!results[r]) throw new Error(`FfsPool: repetition ${r} has no result (a worker ended without answering)`);
    }
    return results as FfsResult[];
  }

  /**
   * The first of the point's `helpers` workers that has ended (its process.exit's code in the shared words, or its OS
   * thread gone): the pool is stopped (the other workers told to stop and terminated; it cannot run again) and the
   * point's error returned, naming the worker, the repetition it was running and its exit code; null while all run.
   */
  private lostWorker(helpers: number, share: (t: number) => number[], seed0: number, n: number): Error | null {
    for (let t = 0; t < helpers; t++) {
      const at = W_WORKER + W_EACH * t;
      const exit = Atomics.load(this.ctl, at + W_EXIT), tid = Atomics.load(this.ctl, at + W_TID);
      if (exit === 0 && !(tid > 0 && !existsSync(`/proc/self/task/${tid}`))) continue;
      const rep = Atomics.load(this.ctl, at + W_REP) - 1;
      // (no "out of memory" in the text: the CLI would read it as an input too large, failure.ts)
      const how = exit > 0 ? `with exit code ${exit - 1}` : 'with no exit code (terminated, or past its heap limit)';
      const what = rep >= 0 ? `while it ran repetition ${rep} (seed ${seed0 + rep})` : 'before it ran a repetition';
      const mine = share(t);
      this.dead = `worker thread ${t + 1} ended`;
      Atomics.store(this.ctl, W_CANCEL, 1);
      for (const { w } of this.workers) void w.terminate();
      return new Error(`FfsPool: worker thread ${t + 1} of ${helpers}${tid > 0 ? ` (thread id ${tid})` : ''} ended ${how} ${what}, without answering: ` +
        `the point failed (no result for its repetition${mine.length > 1 ? 's' : ''} ${mine.join(', ')} of repetitions 0-${n - 1}) and the other threads were stopped; --threads 1 runs the repetitions on one thread`);
    }
    return null;
  }

  /**
   * The next message on worker t's port. One this thread cannot read (receiveMessageOnPort throws: the workers post
   * numbers and typed arrays, so only a defect would send one) fails the point with that error, naming the worker
   * (worker-errors.ts), and stops the pool: the messages behind it cannot be matched to their repetitions any more.
   */
  private receive(port: MessagePort, t: number): { message: unknown } | undefined {
    try {
      return receiveMessageOnPort(port);
    } catch (e) {
      this.dead = `a message from worker thread ${t + 1} could not be read`;
      Atomics.store(this.ctl, W_CANCEL, 1);
      for (const { w } of this.workers) void w.terminate();
      throw unreadableMessage(e, `FfsPool worker thread ${t + 1}`);
    }
  }

  /** stops every worker (the cancel word, then terminate); the pool cannot run again. Resolves when all have exited. */
  close(): Promise<void> {
    Atomics.store(this.ctl, W_CANCEL, 1);
    this.dead = 'closed';
    const all = this.workers.splice(0).map(({ w, port }) => { port.close(); return w.terminate(); });
    return Promise.all(all).then(() => undefined);
  }
}
