/**
 * One simulation on a worker thread, stoppable from the main thread.
 *
 * `simulate()` is synchronous: run on the main thread it blocks the event loop, so a SIGINT
 * handler never runs and Ctrl-C cannot stop a run cleanly. Here the run goes to a worker and the
 * main thread keeps a cancel flag in shared memory (SharedArrayBuffer + Atomics); the loop reads
 * it between batches of events (every `chunk` events, 200 000 by default: about 0.1 s), stops,
 * writes the outputs of what it did, and keeps the last checkpoint for `--resume`.
 */
import { Worker } from 'node:worker_threads';
import type { ResolvedRun } from '../input/types.js';
import type { SimulateOptions } from './simulate.js';
import type { ProgressInfo, StepResult } from './simulation.js';
import type { RunStep, RunTrace } from './run-resolved.js';
import type { Metrics, VoxelGrid } from './report.js';
import type { CycleSummary } from './cycles.js';
import { reviveError, unreadableMessage, type SerialisedError } from './worker-errors.js';
import { optionsArg, runArg, signalArg } from '../args.js';
import type { LiveOptions, Snapshot, TraceRows } from './live.js';
import type { RunInput } from '../input/run-schema.js';

/** What `done` gives with the workbench's `live` option (src/server/service.ts), and the fields every result has. */
export interface WorkerRunResult {
  metrics: Metrics;
  files: string[];
  /** per-step results (how each step ended), for the early-end warnings */
  steps: StepResult[];
  resumed: boolean;
  /** the run stopped at a cancel request (outputs cover what was done; the checkpoint is kept) */
  cancelled: boolean;
  /** with `live`: the trace thinned to `live.maxTraceRows` rows, and the per-cycle summary */
  trace?: TraceRows;
  cycles?: unknown[];
}

/**
 * What `done` gives without `live` (a library caller's run): simulate()'s result but `run`, with its whole trace, cycle
 * summary and final voxel grid, the same numbers as `simulate(run)` (review73: none of the three came back, a script read
 * the trace from outDir's eta.csv and without outDir had none)
 */
export interface WorkerRunOutput extends Omit<WorkerRunResult, 'trace' | 'cycles' | 'steps'> {
  /** every sample row, the columns of simulate()'s `trace` (time_s, cell_voltage_mV, overpotential_mV, ..., charge_mAh_per_cm2) */
  trace: RunTrace;
  /** simulate()'s steps, each with charge_mAh_per_cm2 beside charge_C_per_cm2 */
  steps: RunStep[];
  /** CE, dead metal, plated and stripped charge per cycle, as simulate()'s `cycles` */
  cycles: CycleSummary;
  /** the deposit at the run's end, as simulate()'s `grid` (docs/api.md (a)) */
  grid: VoxelGrid;
}

/** The workbench's live view: trace rows with each progress message, voxel snapshots now and then. */
export interface LiveWatch {
  options: LiveOptions;
  /** progress (null for the final rows) and the trace rows added since the last call */
  onRows: (p: ProgressInfo | null, rows: TraceRows) => void;
  onSnapshot: (s: Snapshot) => void;
}

export interface WorkerRun<R = WorkerRunResult> {
  /** asks the run to stop at its next batch boundary */
  cancel(): void;
  /** resolves with the result (also after a cancel); rejects with the worker's error, class kept */
  done: Promise<R>;
  /** stops the worker at once (no outputs) */
  terminate(): Promise<number>;
}

/** simulateInWorker's options. */
export type WorkerRunOptions = Pick<SimulateOptions, 'outDir' | 'checkpointEvery_s' | 'resume' | 'config' | 'chunk' | 'onProgress' | 'onResume' | 'eventLimit'> & {
    /**
     * aborted, the run stops at its next batch of events as at `cancel()` (`cancelled: true`, the checkpoint kept); one
     * aborted before the call stops it at its first (review73: refused as no such option, where nucleation(), runScreen(),
     * compare() and runSweep() take one)
     */
    signal?: AbortSignal;
    live?: LiveWatch;
    /** render <outDir>/figures on the worker when the run ends (not after a cancel); their files join `files` */
    figures?: boolean;
    /** a previous run's entries of outDir, removed just before the run writes its first file there (simulate --force) */
    clearFirst?: readonly string[];
};

/** With `live` (the workbench): a thinned trace; without (a script): simulate()'s trace, cycles and grid. */
export function simulateInWorker(run: ResolvedRun | RunInput | Record<string, unknown>, opts: WorkerRunOptions & { live: LiveWatch }): WorkerRun<WorkerRunResult>;
export function simulateInWorker(run: ResolvedRun | RunInput | Record<string, unknown>, opts?: WorkerRunOptions & { live?: undefined }): WorkerRun<WorkerRunOutput>;
export function simulateInWorker(run: ResolvedRun | RunInput | Record<string, unknown>, opts?: WorkerRunOptions): WorkerRun<WorkerRunResult | WorkerRunOutput>;
export function simulateInWorker(
  /** resolveInput(run), or a run object (resolved on the worker: its mistakes come back as InputErrors) */
  run: ResolvedRun | RunInput | Record<string, unknown>,
  opts: WorkerRunOptions = {},
): WorkerRun<WorkerRunResult | WorkerRunOutput> {
  runArg('run', run);
  optionsArg('options', opts, '{ outDir: "runs/li" }', ['outDir', 'checkpointEvery_s', 'resume', 'config', 'chunk', 'onProgress', 'onResume', 'signal', 'live', 'figures', 'clearFirst', 'eventLimit']);
  signalArg('signal', opts.signal);
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const { onProgress, onResume, live, signal, ...plain } = opts;
  // the signal sets the flag the worker's loop reads between batches (an AbortSignal cannot cross to the worker)
  const onAbort = () => { Atomics.store(flag, 0, 1); };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const { source: _source, ...runData } = run as ResolvedRun | Record<string, unknown>; // the raw input stays here (resolved.json leaves it out too)
  const w = takeWorker();
  // (startcost2) kept after a small box only: an idle worker does not collect the last run's arrays until it runs again
  const size = (runData as { lattice?: { size?: unknown } }).lattice?.size;
  const small = Array.isArray(size) && size.length === 3 && size.every((x) => typeof x === 'number') && (size as number[]).reduce((a, b) => a * b, 1) <= KEEP_MAX_VOXELS;
  try {
    w.postMessage({ type: 'run', data: { run: runData, opts: plain, cancel, live: live?.options } });
  } catch (e) {
    // a run that cannot be sent (structured clone refused it) starts nothing: the worker is not left running
    void w.terminate();
    signal?.removeEventListener('abort', onAbort);
    throw e;
  }
  let killed = false, released = false;
  const done = new Promise<WorkerRunResult | WorkerRunOutput>((resolve, reject) => {
    let settled = false;
    const onMessage = (m: { type: string; p?: ProgressInfo | null; rows?: TraceRows; snapshot?: Snapshot; info?: { file: string; events: number; step: number }; error?: SerialisedError; output?: Pick<WorkerRunOutput, 'trace' | 'cycles' | 'grid'> } & Partial<WorkerRunResult>) => {
      if (m.type === 'progress') {
        if (m.p) onProgress?.(m.p);
        if (m.rows) live?.onRows(m.p ?? null, m.rows);
      } else if (m.type === 'snapshot') live?.onSnapshot(m.snapshot!);
      else if (m.type === 'resume') onResume?.(m.info!);
      else if (m.type === 'done') {
        settled = true;
        const base = { metrics: m.metrics!, files: m.files!, steps: m.steps ?? [], resumed: !!m.resumed, cancelled: !!m.cancelled };
        resolve(m.output ? { ...base, steps: base.steps as RunStep[] /* simulate()'s, with charge_mAh_per_cm2 */, ...m.output } : { ...base, ...(m.trace ? { trace: m.trace, cycles: m.cycles ?? [] } : {}) });
        release(true);
      }
      else if (m.type === 'error') { settled = true; reject(reviveError(m.error!)); release(false); }
    };
    const onError = (e: Error) => { settled = true; reject(e); };
    // a message this thread cannot read (before, the run then ended as "exited with code 0 before finishing")
    const onMessageError = (e: unknown) => {
      settled = true;
      reject(unreadableMessage(e as Error, 'the simulation worker')); release(false);
    };
    const onExit = (code: number) => { if (!settled) reject(new Error(`simulation worker exited with code ${code} before finishing`)); };
    /** the run is over: its listeners off, and the worker kept for the next call (a finished or cancelled run) or ended */
    const release = (keep: boolean) => {
      released = true;
      w.off('message', onMessage); w.off('error', onError); w.off('messageerror', onMessageError); w.off('exit', onExit);
      if (keep && small && !killed) keepWorker(w); else void w.terminate();
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('messageerror', onMessageError);
    w.on('exit', onExit);
  });
  if (signal) void done.then(() => signal.removeEventListener('abort', onAbort), () => signal.removeEventListener('abort', onAbort));
  return {
    cancel: onAbort,
    done,
    // once the run has ended its worker is no longer its own (kept for, or already running, another call): as a
    // terminate after the end did before (the worker had ended), nothing is stopped
    terminate: () => {
      killed = true;
      return released ? Promise.resolve(undefined as unknown as number) : w.terminate();
    },
  };
}

/**
 * startcost2: one worker kept between `simulateInWorker` calls of a process. A fresh worker costs node's worker start,
 * the engine's modules and V8's first compilation of the engine's code again (a tiny run: about 0.2 CPU s a call
 * against 0.007 s in a kept worker; docs/speed-history.md, session 55): a finished or cancelled run's worker waits, not
 * holding the process open (unref), for the next call, which takes it if this thread's environment is still the one it
 * was started with (a worker's process.env is a copy made at its start). A run that failed, or that was terminated,
 * ends its worker; a second run while the kept one is busy starts its own. The engine keeps no state between runs that
 * changes a run (test/worker-load.test.ts: two runs in one worker give the bytes of two fresh workers), as the seeds
 * pool's threads (seed-worker.ts) already ran several runs each.
 */
let kept: { w: Worker; env: string; onExit: () => void } | undefined;
/**
 * The largest box (voxels) after whose run the worker is kept: 64^3. An idle worker allocates nothing, so it does not
 * collect what the last run left (its lattice's arrays, tens of bytes a voxel) until its next run: kept after a large
 * box it would hold that memory beside the next run's, which the memory checks (input/memory.ts) count as one box a
 * run. A large run's own time dwarfs a worker's start anyway.
 */
export const KEEP_MAX_VOXELS = 64 ** 3;
/** the environment each worker was started with */
const started = new WeakMap<Worker, string>();
const envKey = (): string => JSON.stringify(process.env);

function takeWorker(): Worker {
  const env = envKey();
  const k = kept;
  kept = undefined;
  if (k) k.w.off('exit', k.onExit);
  if (k && k.env === env) { k.w.ref(); return k.w; }
  if (k) void k.w.terminate();
  const w = new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: { kept: true } });
  started.set(w, env);
  return w;
}

function keepWorker(w: Worker): void {
  const env = started.get(w);
  if (kept || env === undefined) { void w.terminate(); return; }
  // a kept worker that ends by itself is no longer kept
  const onExit = () => { if (kept?.w === w) kept = undefined; };
  kept = { w, env, onExit };
  w.once('exit', onExit);
  w.unref();
}

/** Ends the kept worker, if any (the next call starts a fresh one): for a caller that wants none left, or a test. */
export async function endKeptWorker(): Promise<void> {
  const k = kept;
  kept = undefined;
  if (k) await k.w.terminate();
}
