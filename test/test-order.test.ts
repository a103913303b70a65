import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileWeights, heaviestFirst } from '../bench/test-order.js';

test("npm test's file order: each file's CPU seconds from the latest run that timed it, heaviest first, unknown files at the median", () => {
  const runs = {
    newer: { date: '2026-12-03T05:00:00Z', files: [{ file: 'a.test.js', cpu_s: 2 }, { file: 'b.test.js', cpu_s: 9 }] },
    phase: { date: '2026-12-04T00:00:00Z', phase: { cpu_s: 400 } },
    older: { date: '2026-12-01T00:00:00Z', files: [{ file: 'a.test.js', cpu_s: 30 }, { file: 'c.test.js', cpu_s: 5 }, { file: 'd.test.js', cpu_s: 1 }] },
  };
  const w = fileWeights(runs);
  assert.deepEqual([...w.entries()].sort(), [['a.test.js', 2], ['b.test.js', 9], ['c.test.js', 5], ['d.test.js', 1]]);
  // known weights 1, 2, 5, 9: median 3.5, so the new file goes between c (5) and a (2)
  assert.deepEqual(heaviestFirst(['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js', 'new.test.js'], w),
    ['b.test.js', 'c.test.js', 'new.test.js', 'a.test.js', 'd.test.js']);
  // ties by name
  assert.deepEqual(heaviestFirst(['y.test.js', 'x.test.js'], new Map()), ['x.test.js', 'y.test.js']);
});
