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
import type { Metrics } from './report.js';
import { reviveError, type SerialisedError } from './worker-errors.js';

export interface WorkerRunResult {
  metrics: Metrics;
  files: string[];
  /** per-step results (how each step ended), for the early-end warnings */
  steps: StepResult[];
  resumed: boolean;
  /** the run stopped at a cancel request (outputs cover what was done; the checkpoint is kept) */
  cancelled: boolean;
}

export interface WorkerRun {
  /** asks the run to stop at its next batch boundary */
  cancel(): void;
  /** resolves with the result (also after a cancel); rejects with the worker's error, class kept */
  done: Promise<WorkerRunResult>;
  /** stops the worker at once (no outputs) */
  terminate(): Promise<number>;
}

export function simulateInWorker(
  run: ResolvedRun,
  opts: Pick<SimulateOptions, 'outDir' | 'checkpointEvery_s' | 'resume' | 'config' | 'onProgress' | 'onResume'> = {},
): WorkerRun {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const { onProgress, onResume, ...plain } = opts;
  const { source: _source, ...runData } = run; // the raw input stays here (resolved.json leaves it out too)
  const w = new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: { run: runData, opts: plain, cancel } });
  const done = new Promise<WorkerRunResult>((resolve, reject) => {
    let settled = false;
    w.on('message', (m: { type: string; p?: ProgressInfo; info?: { file: string; events: number; step: number }; error?: SerialisedError } & Partial<WorkerRunResult>) => {
      if (m.type === 'progress') onProgress?.(m.p!);
      else if (m.type === 'resume') onResume?.(m.info!);
      else if (m.type === 'done') { settled = true; resolve({ metrics: m.metrics!, files: m.files!, steps: m.steps ?? [], resumed: !!m.resumed, cancelled: !!m.cancelled }); void w.terminate(); }
      else if (m.type === 'error') { settled = true; reject(reviveError(m.error!)); void w.terminate(); }
    });
    w.on('error', (e) => { settled = true; reject(e); });
    w.on('exit', (code) => { if (!settled) reject(new Error(`simulation worker exited with code ${code} before finishing`)); });
  });
  return {
    cancel: () => { Atomics.store(flag, 0, 1); },
    done,
    terminate: () => w.terminate(),
  };
}
