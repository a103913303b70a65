/**
 * Branch audit34: sweeps as a materials scientist runs them (docs/history.md, audit34).
 * - a sweep with many invalid tasks ended with a quadratic scan of them (20,000 invalid tasks: 17.6 CPU s after
 *   the sweep had finished; 100,000, the most a sweep holds, minutes);
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lateInvalidLines } from '../src/cli/actions/sweep.js';
import { MAX_SWEEP_TASKS } from '../src/sweep/spec.js';

test('the invalid tasks of a sweep of the most tasks are sorted out at once: only those found while running are said again', () => {
  // every task of a sweep of MAX_SWEEP_TASKS invalid in its plan (shaped as the plan's tasks), two more found invalid by a worker
  const n = MAX_SWEEP_TASKS;
  const planned = Array.from({ length: n }, (_, i) => ({ index: i, label: { temperature: `${i} K`, seed: i }, input: { metal: 'Li', seed: i },
    hash: `invalid-${i.toString(16).padStart(32, '0')}`, error: { type: 'InputError', message: `task ${i}: x` } }));
  const all = [...planned.map((t) => ({ index: t.index, error: t.error })),
    { index: n, error: { message: `task ${n}: late` } }, { index: n + 1, error: { message: `task ${n + 1}: later` } }];
  const t0 = performance.now();
  const lines = lateInvalidLines(all, planned);
  const ms = performance.now() - t0;
  assert.deepEqual(lines, [`invalid: task ${n}: late`, `invalid: task ${n + 1}: later`]);
  // a set lookup takes milliseconds; a scan of the planned list for each task took 5e9 comparisons (7 s here, idle)
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms for ${n} planned invalid tasks`);
});
