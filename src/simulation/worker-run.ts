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
import type { ProgressInfo, StepResult, TraceColumns } from './simulation.js';
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
export interface WorkerRunOutput extends Omit<WorkerRunResult, 'trace' | 'cycles'> {
  /** every sample row, the columns of simulate()'s `trace` (time_s, cell_voltage_mV, overpotential_mV, ...) */
  trace: TraceColumns;
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
  const w = new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: { run: runData, opts: plain, cancel, live: live?.options } });
  const done = new Promise<WorkerRunResult | WorkerRunOutput>((resolve, reject) => {
    let settled = false;
    w.on('message', (m: { type: string; p?: ProgressInfo | null; rows?: TraceRows; snapshot?: Snapshot; info?: { file: string; events: number; step: number }; error?: SerialisedError; output?: Pick<WorkerRunOutput, 'trace' | 'cycles' | 'grid'> } & Partial<WorkerRunResult>) => {
      if (m.type === 'progress') {
        if (m.p) onProgress?.(m.p);
        if (m.rows) live?.onRows(m.p ?? null, m.rows);
      } else if (m.type === 'snapshot') live?.onSnapshot(m.snapshot!);
      else if (m.type === 'resume') onResume?.(m.info!);
      else if (m.type === 'done') {
        settled = true;
        const base = { metrics: m.metrics!, files: m.files!, steps: m.steps ?? [], resumed: !!m.resumed, cancelled: !!m.cancelled };
        resolve(m.output ? { ...base, ...m.output } : { ...base, ...(m.trace ? { trace: m.trace, cycles: m.cycles ?? [] } : {}) });
        void w.terminate();
      }
      else if (m.type === 'error') { settled = true; reject(reviveError(m.error!)); void w.terminate(); }
    });
    w.on('error', (e) => { settled = true; reject(e); });
    // a message this thread cannot read (before, the run then ended as "exited with code 0 before finishing")
    w.on('messageerror', (e) => {
      settled = true;
      reject(unreadableMessage(e, 'the simulation worker')); void w.terminate();
    });
    w.on('exit', (code) => { if (!settled) reject(new Error(`simulation worker exited with code ${code} before finishing`)); });
  });
  if (signal) void done.then(() => signal.removeEventListener('abort', onAbort), () => signal.removeEventListener('abort', onAbort));
  return {
    cancel: onAbort,
    done,
    terminate: () => w.terminate(),
  };
}
