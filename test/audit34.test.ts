/**
 * Branch audit34: sweeps as a materials scientist runs them (docs/history.md, audit34).
 * - a sweep with many invalid tasks ended with a quadratic scan of them (20,000 invalid tasks: 17.6 CPU s after
 *   the sweep had finished; 100,000, the most a sweep holds, minutes);
 * - a new sweep with two axis values that resolve alike said "2 tasks, 0 with a result, 0 invalid, 1 to run";
 * - a large sweep said nothing while every task was resolved (20,000 tasks: 10 s) and Ctrl-C waited for the end of it;
 * - the summary's wall_s had every digit of a float.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
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

/** A run of well under a second (test/sweep.test.ts's TINY_BASE). */
const TINY_BASE = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.3 eV' },
  sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
};

test('sweep: two axis values that resolve alike are one run, and the plan line says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a34-dup-'));
  const file = join(dir, 'dup.json');
  writeFileSync(file, JSON.stringify({ name: 'dup', base: TINY_BASE, axes: { temperature: ['298.15 K', '25 degC'] } }));
  const r = await cli(['sweep', file, '--db', join(dir, 'store.db'), '--threads', '1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const plan = r.stderr.split('\n')[0]!;
  assert.match(plan, /^dup: 2 tasks, 0 with a result, 0 invalid, 1 to run, 1 repeating an earlier task's run \(task 1 = task 0: axis values that resolve alike; run once\)$/);
  const summary = JSON.parse(r.stdout) as { tasks: number; ran: number; wall_s: number };
  assert.deepEqual([summary.tasks, summary.ran], [2, 1]);
  // to the millisecond: it printed every digit of a float (wall_s: 0.44248505899999996)
  assert.match(String(summary.wall_s), /^\d+(\.\d{1,3})?$/);
});

test('sweep: a large sweep says how many tasks before resolving them, and Ctrl-C quits at once meanwhile', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-a34-large-'));
  const file = join(dir, 'large.json');
  // 4,000 tasks, each invalid (nothing runs): resolving them takes about 2 s
  writeFileSync(file, JSON.stringify({ name: 'large', base: TINY_BASE, axes: { temperature: ['1 K', '2 K'] }, seeds: 2000 }));
  const p = spawn(process.execPath, ['bin/sacplate.js', 'sweep', file, '--db', join(dir, 'store.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const first = new Promise<number>((resolve) => p.stderr.on('data', (d: Buffer) => { err += d.toString(); if (err.includes('\n')) resolve(performance.now()); }));
  const exit = new Promise<[number | null, NodeJS.Signals | null, number]>((resolve) => p.once('exit', (c, s) => resolve([c, s, performance.now()])));
  const said = await Promise.race([first, exit.then(() => -1)]);
  assert.ok(said > 0, `a line before the plan: ${err}`);
  assert.match(err.split('\n')[0]!, /^large: 4000 tasks \(2 x 2000 seeds\): resolving and keying each one before any runs \(Ctrl-C quits at once until then\)$/);
  p.kill('SIGINT');
  const [code, signal, t] = await exit;
  assert.ok(code === 130 || signal === 'SIGINT', `stopped by the signal: ${code} ${signal}`);
  assert.ok(t - said < 1500, `quit ${(t - said).toFixed(0)} ms after the signal`);
  assert.doesNotMatch(err, /large: 4000 tasks, /, 'stopped before the plan was made');
});
