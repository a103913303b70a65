/**
 * Lead (session 67): repro67 found study nucleation-ffs-controls writing its rows in an order that changed from run to
 * run (rows 5/6 and 10/11 swapped on a rerun, every figure identical by row id): validation/studies/nucleation-ffs-scan.ts
 * `twoAtATime` runs two jobs at a time and kept each result in the order the jobs FINISHED, which the machine's load
 * sets. Its results must come in the order of its tasks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoAtATime } from '../validation/studies/nucleation-ffs-scan.js';

test('twoAtATime returns its tasks\' results in the tasks\' order, whichever job finishes first', async () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // task 0 is the slowest: the other slot finishes 1, 2 and 3 before it
  const got = await twoAtATime([0, 1, 2, 3].map((k) => async () => { await wait(k === 0 ? 40 : 1); return k; }));
  assert.deepEqual(got, [0, 1, 2, 3]);
  // two at a time still: at most two jobs run at once
  let running = 0, most = 0;
  await twoAtATime([1, 2, 3, 4, 5].map(() => async () => { running++; most = Math.max(most, running); await wait(2); running--; }));
  assert.equal(most, 2);
});
