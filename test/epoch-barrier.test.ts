/**
 * The sector scheme's barrier (src/parallel/sectors.ts EpochBarrier) on real worker threads: no
 * thread passes barrier k before every thread has reached it, whether the waiters spin or sleep.
 * Each thread writes its round number into a slot of its own before barrier k and, after it, reads
 * every other thread's slot: a barrier that let one through early shows an older round there. One
 * thread in turn is made late by 0-3 ms (the others sleep in Atomics.wait) and sometimes by a few
 * us (they spin). Under a second.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { ctrlWords } from '../src/parallel/sectors.js';

async function rounds(parties: number, n: number): Promise<{ early: number; spun: number; slept: number }[]> {
  const ctrl = new SharedArrayBuffer(4 * ctrlWords(parties));
  const slots = new SharedArrayBuffer(4 * parties);
  const url = new URL('../src/parallel/sectors.js', import.meta.url).href;
  const code = `const { workerData: d, parentPort } = require('node:worker_threads');
    import(d.url).then(({ EpochBarrier }) => {
      const c = new Int32Array(d.ctrl), s = new Int32Array(d.slots), b = new EpochBarrier(c, d.parties, d.id);
      const busy = (ms) => { const t = performance.now() + ms; while (performance.now() < t); };
      let early = 0;
      for (let k = 1; k <= d.n; k++) {
        if (k % d.parties === d.id) busy(k % 7 === 0 ? 1 + (k % 3) : 0.005 * (k % 5));
        Atomics.store(s, d.id, k);
        b.wait();
        for (let j = 0; j < d.parties; j++) if (Atomics.load(s, j) < k) early++;
        b.wait();
      }
      parentPort.postMessage({ early, spun: b.spun, slept: b.slept });
    });`;
  return Promise.all(Array.from({ length: parties }, (_, id) => new Promise<{ early: number; spun: number; slept: number }>((ok, fail) => {
    const w = new Worker(code, { eval: true, workerData: { url, ctrl, slots, parties, id, n } });
    w.once('message', ok); w.once('error', fail);
  })));
}

test('EpochBarrier: no thread passes a barrier before every thread reached it (2 and 3 threads, spinning and sleeping waiters)', { timeout: 60_000 }, async () => {
  for (const parties of [2, 3]) {
    const r = await rounds(parties, 300);
    for (const t of r) assert.equal(t.early, 0, `${parties} threads: a thread saw another's slot behind the barrier's round`);
    const slept = r.reduce((s, t) => s + t.slept, 0);
    assert.ok(slept > 0, `${parties} threads: the late thread (1-3 ms) must make the others sleep`);
  }
});
