/**
 * Worker-thread body of `nucleationInWorker` (in-worker.ts): runs the cases one after another with
 * `nucleation()` (the CLI's call) on its own connection to the store (WAL: the server keeps
 * reading), posts each progress line and each case's report, and stops between atomistic runs when
 * the parent sets the shared cancel flag.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nucleation, NucleationCancelled, type NucleationRequest } from './index.js';
import { serialiseError } from '../simulation/worker-errors.js';
import type { Store } from '../store/index.js';

interface Data {
  cases: { name: string; req: NucleationRequest }[];
  /** null: no cache (the server's --no-store) */
  storePath: string | null;
  /** Int32Array over a SharedArrayBuffer: [0] != 0 asks the work to stop */
  cancel: SharedArrayBuffer;
  /** threads of each FFS point's repetitions (atomisticStage's; branch ffspar) */
  threads: number;
}

const d = workerData as Data;
const flag = new Int32Array(d.cancel);
const signal = { get aborted(): boolean { return Atomics.load(flag, 0) !== 0; } };
const port = parentPort!;

let store: Store | undefined;
try {
  if (d.storePath !== null) {
    const { openStore } = await import('../store/index.js');
    store = openStore(d.storePath);
  }
  for (let i = 0; i < d.cases.length; i++) {
    if (signal.aborted) throw new NucleationCancelled();
    const c = d.cases[i]!;
    port.postMessage({ type: 'progress', case: i, message: `${c.name}: ...` });
    const report = nucleation(c.req, store, (m) => port.postMessage({ type: 'progress', case: i, message: m }), signal, d.threads);
    port.postMessage({ type: 'case', case: i, report });
  }
  port.postMessage({ type: 'done' });
} catch (e) {
  if (e instanceof NucleationCancelled) port.postMessage({ type: 'cancelled' });
  else port.postMessage({ type: 'error', error: serialiseError(e) });
} finally {
  store?.close();
}
