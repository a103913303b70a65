/**
 * Worker-thread body of `simulateInWorker` (worker-run.ts): runs one simulation, posts progress,
 * and stops between batches of events when the parent sets the shared cancel flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulate, type SimulateOptions } from './simulate.js';
import type { ResolvedRun } from '../input/types.js';
import { serialiseError } from './worker-errors.js';

interface Data {
  run: ResolvedRun;
  opts: Pick<SimulateOptions, 'outDir' | 'checkpointEvery_s' | 'resume' | 'config'>;
  /** Int32Array over a SharedArrayBuffer: [0] != 0 asks the run to stop */
  cancel: SharedArrayBuffer;
  /** events between cancel checks and progress messages */
  chunk?: number;
}

const d = workerData as Data;
const flag = new Int32Array(d.cancel);
// The loop asks `signal.aborted` between batches of events (simulation.ts, every `chunk` events)
const signal = { get aborted(): boolean { return Atomics.load(flag, 0) !== 0; } } as AbortSignal;
try {
  const r = simulate(d.run, {
    ...d.opts, signal,
    onProgress: (p) => parentPort!.postMessage({ type: 'progress', p }),
    onResume: (info) => parentPort!.postMessage({ type: 'resume', info }),
  });
  const cancelled = r.steps.some((s) => s.ended === 'cancelled');
  parentPort!.postMessage({ type: 'done', metrics: r.metrics, files: r.files, steps: r.steps.map((x) => ({ ...x })), resumed: r.resumed, cancelled, events: r.metrics.events });
} catch (e) {
  parentPort!.postMessage({ type: 'error', error: serialiseError(e) });
}
