/**
 * Worker-thread body of `sacplate fullcell` with an anode run (cli/actions/fullcell.ts): fullCellOf with the
 * run's progress posted, so that the main thread draws simulate's progress bar or line and hears Ctrl-C while the
 * synchronous simulation runs (it ran about 13 s without a word, and Ctrl-C was Node's default kill).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fullCellOf } from './library.js';
import { serialiseError } from '../simulation/worker-errors.js';

const port = parentPort!;
try {
  const report = fullCellOf((workerData as { file: string }).file, { onProgress: (p) => port.postMessage({ type: 'progress', p }) });
  port.postMessage({ type: 'done', report });
} catch (e) {
  port.postMessage({ type: 'error', error: serialiseError(e) });
}
