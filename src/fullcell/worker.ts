/**
 * Worker-thread body of `sacplate fullcell` with an anode run (cli/actions/fullcell.ts): fullCellOf with the
 * run's progress posted, so that the main thread draws simulate's progress bar or line and hears Ctrl-C while the
 * synchronous simulation runs (it ran about 13 s without a word, and Ctrl-C was Node's default kill).
 * Its report is posted only if the shared word (worker-state.ts) goes from RUNNING to FINISHED here: a stop the main
 * thread has already said ("the anode run had not finished") is not followed by a report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fullCellOf } from './library.js';
import { serialiseError } from '../simulation/worker-errors.js';
import { RUNNING, FINISHED } from './worker-state.js';

const port = parentPort!;
const { file, state } = workerData as { file: string; state: Int32Array };
try {
  const report = fullCellOf(file, { onProgress: (p) => port.postMessage({ type: 'progress', p }) });
  if (Atomics.compareExchange(state, 0, RUNNING, FINISHED) === RUNNING) port.postMessage({ type: 'done', report });
} catch (e) {
  port.postMessage({ type: 'error', error: serialiseError(e) });
}
