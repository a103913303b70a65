/**
 * Worker-thread body of FfsPool (ffs-pool.ts): per task (its repetitions of one FFS point), runs runFfs for each
 * repetition on seed seed0 + r, posts each result or error on its port, then counts itself done in the shared words and
 * wakes the pool's caller. Its runFfs stops (FfsStopped) when the shared cancel word is set.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { runFfs, FfsStopped } from './ffs.js';
import { failAt, W_CANCEL, W_DONE, W_EACH, W_EXIT, W_FAIL, W_READY, W_REP, W_TID, W_WORKER, type FfsAnswer, type FfsTask } from './ffs-pool.js';
import { serialiseError } from '../simulation/worker-errors.js';

const { ctl: buf, port, index } = workerData as { ctl: SharedArrayBuffer; port: MessagePort; index: number };
const ctl = new Int32Array(buf);
const signal = { get aborted(): boolean { return Atomics.load(ctl, W_CANCEL) !== 0; } };
const at = W_WORKER + W_EACH * index;

// what the pool's caller reads when this thread ends without answering (ffs-pool.ts lostWorker): the OS thread's id
// (Linux: /proc/thread-self is this thread's /proc/<pid>/task/<tid>), and the exit code of a process.exit
try { Atomics.store(ctl, at + W_TID, Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0); } catch { /* not Linux */ }
process.on('exit', (code) => { Atomics.store(ctl, at + W_EXIT, code + 1); Atomics.notify(ctl, W_DONE); });

port.on('message', (t: FfsTask) => {
  try {
    for (const r of t.reps) {
      if (r > Atomics.load(ctl, W_FAIL)) break;
      Atomics.store(ctl, at + W_REP, r + 1);
      try {
        port.postMessage({ r, result: runFfs(t.box, { ...t.options, seed: t.seed0 + r, signal }) } satisfies FfsAnswer);
      } catch (e) {
        if (!(e instanceof FfsStopped)) failAt(ctl, r);
        port.postMessage({ r, error: serialiseError(e) } satisfies FfsAnswer);
        break;
      }
    }
  } finally {
    Atomics.store(ctl, at + W_REP, 0);
    Atomics.add(ctl, W_DONE, 1);
    Atomics.notify(ctl, W_DONE);
  }
});

Atomics.add(ctl, W_READY, 1);
Atomics.notify(ctl, W_READY);
