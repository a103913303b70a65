/**
 * The local worker pool (piscina; one simulation per thread at a time, all cores by default).
 * Each outcome is handed to `onOutcome` as it arrives (the caller writes it to the store), with the results so far
 * (`completed`, the count a sweep's progress shows: an unexpected error is none; until mends50 the sweep counted it as
 * done), so a stop loses only the tasks still running. An unexpected error in one task stops its siblings
 * (their threads are terminated) and is returned with its error class, unless `keepGoing` (`sweep --keep-going`):
 * then it is that task's outcome as an input error is, and the others run. Aborting `signal` (Ctrl-C) stops the pool
 * the same way.
 */
import { availableParallelism } from 'node:os';
import { setMaxListeners } from 'node:events';
import type { Piscina } from 'piscina';
import { lazyRequire } from '../lazy-require.js';
import type { ResolvedRun } from '../input/types.js';
import type { TaskMessage, TaskOutcome } from './task-worker.js';
import type { TaskError } from './tasks.js';

/** `index`: the task's place in its sweep (task-worker.ts: the tests' fault injection reads it) */
export interface PoolTask { hash: string; run: ResolvedRun; index?: number; }

export interface PoolSummary {
  /** tasks run to a result (done, or invalid input); not an unexpected error (until mends49 the sweep's `ran` counted those too) */
  completed: number;
  /** every task that ended with an unexpected error (the first is `fatal`; another may end so in the same turn), named by hash */
  errors: { hash: string; error: TaskError }[];
  /**
   * the signal stopped the pool with a task that had not ended (mends62c: a stop that came once every task had ended, the
   * last one's result in hand before this thread heard the stop, was a cancel too: `cancelled: true`, exit 130, as flaky62
   * found for compare)
   */
  cancelled: boolean;
  /** the first unexpected error, which stopped the pool (none with `keepGoing`: the errors are in `errors`) */
  fatal?: { hash: string; error: TaskError };
  threads: number;
  wall_s: number;
}

/** task-worker.js behind a CommonJS entry (task-entry.cts: why) */
export const WORKER_URL = new URL('./task-entry.cjs', import.meta.url).href;

export function defaultThreads(): number { return availableParallelism(); }

/** A pool of `threads` worker threads running task messages; used by the local sweep and the queue worker. */
export function createPool(threads: number): Piscina<TaskMessage, TaskOutcome> {
  const { Piscina: Pool } = lazyRequire<typeof import('piscina')>('piscina'); // loaded on first use (src/lazy-require.ts)
  const pool = new Pool<TaskMessage, TaskOutcome>({ filename: WORKER_URL, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 1 });
  // A thread's outcome for a task the pool no longer has (stopped: Ctrl-C, a crash in a sibling, a result the caller
  // could not keep) is emitted by piscina as an 'error' event, which, heard by no one, ended the process as an internal
  // error carrying every metric of the run (sweeprobust65: a store locked past its wait). The task is unfinished, as any
  // stopped task: the next run runs it. Any other 'error' is thrown as before (an uncaught exception).
  pool.on('error', (e: Error) => { if (!e.message.startsWith('Unexpected message from Worker')) throw e; });
  return pool;
}

export async function runLocal(
  tasks: PoolTask[],
  opts: {
    threads?: number; signal?: AbortSignal; onOutcome?: (o: TaskOutcome, completed: number) => void;
    /** an unexpected error is that task's outcome, and the other tasks run (it stopped the pool: one crash ended an overnight sweep) */
    keepGoing?: boolean;
  } = {},
): Promise<PoolSummary> {
  const threads = Math.max(1, Math.min(opts.threads ?? defaultThreads(), Math.max(1, tasks.length)));
  const t0 = performance.now();
  const summary: PoolSummary = { completed: 0, errors: [], cancelled: false, threads, wall_s: 0 };
  if (tasks.length === 0) return summary;
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // piscina listens once per queued task
  let ended = 0; // tasks with an outcome (a result, or an unexpected error)
  const onAbort = () => { summary.cancelled = true; stop.abort(); };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const pool = createPool(threads);
  try {
    await Promise.all(tasks.map(async (t) => {
      if (stop.signal.aborted) return;
      let out: TaskOutcome;
      try {
        out = await pool.run({ hash: t.hash, run: t.run, ...(t.index === undefined ? {} : { index: t.index }) }, { signal: stop.signal });
      } catch (e) {
        if (stop.signal.aborted) return; // stopped: this task stays unfinished
        out = { hash: t.hash, status: 'error', error: { type: (e as Error).name || 'Error', message: (e as Error).message } };
      }
      // A resolved run is a finished result even if the stop fired meanwhile (piscina rejects a
      // stopped task with an AbortError before terminating its thread, and may hand over several
      // results in one turn): it is kept, never lost.
      ended++;
      try { handle(out, t); } catch (e) {
        // the caller could not keep the outcome (sweeprobust65: its store removed or no longer writable): the other tasks
        // are stopped, not run to results that would go nowhere, and the error is the call's
        stop.abort();
        throw e;
      }
    }));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool.destroy();
  }
  // a stop heard once every task had ended stopped nothing
  if (ended === tasks.length) summary.cancelled = false;
  summary.wall_s = (performance.now() - t0) / 1000;
  return summary;

  /** a task's outcome counted and handed to onOutcome (an unexpected error stops the others unless keepGoing) */
  function handle(out: TaskOutcome, t: PoolTask): void {
    if (out.status === 'error') {
      // an unexpected error is no result: counted apart (a second one in the same turn was counted as completed)
      summary.errors.push({ hash: t.hash, error: out.error });
      if (opts.keepGoing) { opts.onOutcome?.(out, summary.completed); return; }
      if (!summary.fatal) summary.fatal = { hash: t.hash, error: out.error };
      opts.onOutcome?.(out, summary.completed);
      stop.abort();
      return;
    }
    summary.completed++;
    opts.onOutcome?.(out, summary.completed);
  }
}
