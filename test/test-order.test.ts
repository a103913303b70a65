import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SOLO, fileWeights, groupLight, heaviestFirst } from '../bench/test-order.js';

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
  // lane time (testtrim64): the larger of CPU and wall seconds in the same latest run; CPU alone where no wall was kept
  const lanes = fileWeights({
    old: { date: '2026-12-01T00:00:00Z', files: [{ file: 'q.test.js', cpu_s: 1, wall_s: 50 }] },
    now: { date: '2026-12-02T00:00:00Z', files: [{ file: 'q.test.js', cpu_s: 7, wall_s: 22 }, { file: 'c.test.js', cpu_s: 9, wall_s: 8 }, { file: 'n.test.js', cpu_s: 3 }] },
  }, true);
  assert.deepEqual([...lanes.entries()].sort(), [['c.test.js', 9], ['n.test.js', 3], ['q.test.js', 22]]);
  // a file that waits (q: 7 CPU s in 22 s) starts before a heavier one that computes (c: 9 CPU s in 8 s)
  assert.deepEqual(heaviestFirst(['c.test.js', 'n.test.js', 'q.test.js'], lanes), ['q.test.js', 'c.test.js', 'n.test.js']);
  assert.deepEqual(heaviestFirst(['c.test.js', 'n.test.js', 'q.test.js'], fileWeights({ now: { date: '2026-12-02T00:00:00Z', files: [{ file: 'q.test.js', cpu_s: 7, wall_s: 22 }, { file: 'c.test.js', cpu_s: 9, wall_s: 8 }, { file: 'n.test.js', cpu_s: 3 }] } })), ['c.test.js', 'q.test.js', 'n.test.js']);
});

test("npm test's light files share processes: below the bound, not solo, known, in name order, groups filled up to the target", () => {
  const w = new Map([['a.test.js', 0.5], ['b.test.js', 3], ['c.test.js', 0.7], ['d.test.js', 0.9], ['e.test.js', 0.2], ['f.test.js', 1.9], ['g.test.js', 2]]);
  const r = groupLight(['g.test.js', 'f.test.js', 'e.test.js', 'new.test.js', 'd.test.js', 'c.test.js', 'b.test.js', 'a.test.js'], w, { below: 2, target: 1.5, solo: new Set(['d.test.js']) });
  // b (3) and g (2, not below 2) heavy, d solo, new unweighed: alone; a + c reach 1.2, + e 1.4, + f 3.3 >= 1.5
  assert.deepEqual(r.alone, ['b.test.js', 'd.test.js', 'g.test.js', 'new.test.js']);
  assert.deepEqual(r.groups, [['a.test.js', 'c.test.js', 'e.test.js', 'f.test.js']]);
  const r2 = groupLight(['a.test.js', 'c.test.js', 'e.test.js'], w, { below: 2, target: 0.6, solo: new Set() });
  assert.deepEqual(r2.groups, [['a.test.js', 'c.test.js'], ['e.test.js']]);
  // every file once, either alone or in one group
  const all = [...r.alone, ...r.groups.flat()].sort();
  assert.deepEqual(all, ['a.test.js', 'b.test.js', 'c.test.js', 'd.test.js', 'e.test.js', 'f.test.js', 'g.test.js', 'new.test.js']);
  assert.ok(SOLO.has('cli-lazy.test.js'), 'the file that counts loaded modules keeps its own process');
});
