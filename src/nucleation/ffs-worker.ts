/**
 * Worker-thread body of FfsPool (ffs-pool.ts): per task (its repetitions of one FFS point), runs runFfs for each
 * repetition on seed seed0 + r, posts each result or error on its port, then counts itself done in the shared words and
 * wakes the pool's caller. Its runFfs stops (FfsStopped) when the shared cancel word is set.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runFfs, FfsStopped } from './ffs.js';
import { failAt, W_CANCEL, W_DONE, W_FAIL, W_READY, type FfsAnswer, type FfsTask } from './ffs-pool.js';
import { serialiseError } from '../simulation/worker-errors.js';

const { ctl: buf, port } = workerData as { ctl: SharedArrayBuffer; port: MessagePort };
const ctl = new Int32Array(buf);
const signal = { get aborted(): boolean { return Atomics.load(ctl, W_CANCEL) !== 0; } };

port.on('message', (t: FfsTask) => {
  try {
    for (const r of t.reps) {
      if (r > Atomics.load(ctl, W_FAIL)) break;
      try {
        port.postMessage({ r, result: runFfs(t.box, { ...t.options, seed: t.seed0 + r, signal }) } satisfies FfsAnswer);
      } catch (e) {
        if (!(e instanceof FfsStopped)) failAt(ctl, r);
        port.postMessage({ r, error: serialiseError(e) } satisfies FfsAnswer);
        break;
      }
    }
  } finally {
    Atomics.add(ctl, W_DONE, 1);
    Atomics.notify(ctl, W_DONE);
  }
});

Atomics.add(ctl, W_READY, 1);
Atomics.notify(ctl, W_READY);
