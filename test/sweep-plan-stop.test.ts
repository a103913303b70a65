/**
 * runSweep's signal while a large sweep is planned (each task resolved and keyed, about 0.5 ms each, before any runs):
 * it was not heard until the whole plan was made and the sweep recorded in the store (an abort from a timer waited for
 * the plan: 4,000 tasks, 3.5 s); now the plan stops at the abort, and nothing is recorded (review36).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSweep } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-plan-stop-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// 2,000 tasks: about a second of planning, which the abort below comes well inside
const big = (name: string) => ({
  name, base: { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
  axes: { 'sacs[0].loading': Array.from({ length: 1000 }, (_, i) => `${(0.1 + i * 0.001).toFixed(3)} %`) }, seeds: [1, 2],
});

test('runSweep: an abort while a large sweep is planned stops the plan; nothing is recorded, nothing runs', async () => {
  const db = join(dir, 'timer.db');
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 30);
  const r = await runSweep(big('plan-stop-timer'), { db, signal: ac.signal, threads: 1 });
  assert.equal(r.cancelled, true);
  assert.equal(r.tasks, 2000);
  assert.equal(r.ran, 0);
  assert.deepEqual(r.rows, [], 'the sweep is not recorded (it was, with its 2,000 tasks pending)');
});

test('runSweep: a signal aborted before the call plans nothing', async () => {
  const ac = new AbortController();
  ac.abort();
  const r = await runSweep(big('plan-stop-before'), { db: join(dir, 'before.db'), signal: ac.signal });
  assert.ok(r.cancelled && r.ran === 0 && r.rows.length === 0, JSON.stringify({ ...r, rows: r.rows.length }));
});
