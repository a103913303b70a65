/**
 * `sacplate sweep` on sweep files: invalid tasks (a misspelt axis path, the most tasks a sweep holds) said once,
 * axis values that resolve alike run once, a large sweep's plan line and Ctrl-C while it is resolved.
 *
 * Moved here from test/audit18-cli.test.ts and test/audit34.test.ts (branch testsort; docs/history.md's testsort
 * entry maps each old file to its new ones). Each test's story is told in docs/history.md under the session that
 * wrote it: a session's name in a test's name (e.g. 'mends36') refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { parseSweep, MAX_SWEEP_TASKS } from '../src/sweep/spec.js';
import { InputError } from '../src/errors.js';
import { resolveTasks } from '../src/sweep/tasks.js';
import { invalidTaskLines, lateInvalidLines } from '../src/cli/actions/sweep.js';
import { BIG_BOX, boxRun } from './helpers/small-runs.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('sweep-files');

/** A run of well under a second (test/sweep.test.ts's TINY_BASE). */
const TINY_BASE = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', kinetics: { terraceBarrier: '0.3 eV' },
  sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
};

test('a sweep whose axis path is misspelt says each distinct error once with the tasks that share it, not one line per task', () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  const spec = parseSweep({ name: 'typo', base, axes: { 'sacs[0].loadnig': ['1 %', '2 %'], 'sacs[0].site': ['Zn-N4', 'Fe-N4'] }, seeds: [1, 2, 3] });
  const tasks = resolveTasks(spec);
  assert.equal(tasks.filter((t) => t.error).length, 12);
  const lines = invalidTaskLines(tasks.filter((t) => t.error));
  assert.equal(lines.length, 2, lines.join('\n')); // one per loading value: the message names the value
  assert.match(lines[0]!, /^invalid: task 0 \(sacs\[0\]\.loadnig=1 %, sacs\[0\]\.site=Zn-N4, seed=1\): sacs\[0\]\.loadnig: got "1 %", expected no such key \(did you mean "loading"\?\).* \(and 5 more tasks with this error: 1, 2, 3, 4, 5\)$/);
  assert.match(lines[1]!, /^invalid: task 6 .*got "2 %".*\(and 5 more tasks with this error: 7, 8, 9, 10, 11\)$/);
  // a single invalid task reads as before
  const one = resolveTasks(parseSweep({ name: 'one', base, axes: { 'sacs[0].loading': ['1 %', '150 %'] } })).filter((t) => t.error);
  assert.deepEqual(invalidTaskLines(one), [`invalid: ${one[0]!.error!.message}`]);
});

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

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
test('a sweep task whose box would not fit in its machine\'s memory is an invalid task, refused before anything is allocated (pool and queue workers run the same body)', async () => {
  const { runTask } = await import('../src/sweep/task-worker.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  // 1024 x 1024 x 1023 voxels (about the most the parser takes, about 2.89 GB by the estimate) on a machine whose share is 1 GB
  const out = runTask({ hash: 'h', run: parseRunInput(boxRun(BIG_BOX)) }, { bytes: 1e9, why: 'a 1 GB test machine' });
  if (out.status === 'done') assert.fail('the 1.07e9-voxel task ran');
  assert.equal(out.status, 'invalid', out.error.message);
  assert.match(out.error.message, /^lattice\.size: got \[1024,1024,1023\], expected a box whose run fits in 1\.00 GB of memory \(a 1 GB test machine\): .* a machine with more memory/);
});

// review88 F4 (mends122): a sweep whose invalid values all differ printed one `invalid:` line per value with no cap
// (temperature 401..1400 K x 2 seeds: 1,005 stderr lines), and then pointed to `results --by-point` with 0 results
test('a sweep of many distinct invalid values says at most 10 of them and "... and N more", and no --by-point hint without a result', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-invalid-cap-'));
  const file = join(dir, 'hot.json');
  const temps = Array.from({ length: 30 }, (_, i) => `${401 + i} K`); // above the 150-400 K range: 30 distinct errors
  writeFileSync(file, JSON.stringify({ name: 'hot', base: TINY_BASE, axes: { temperature: temps }, seeds: [1, 2] }));
  const r = await cli(['sweep', file, '--db', join(dir, 'store.db')]);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('invalid: '));
  assert.equal(lines.length, 11, r.stderr.slice(0, 2000));
  assert.match(lines[0]!, /^invalid: task 0 \(temperature=401 K, seed=1\): temperature: got "401 K".*\(and 1 more task with this error: 1\)$/);
  assert.match(lines[10]!, /^invalid: \.\.\. and 40 more tasks with 20 other errors \(tasks 20, 21, 22, 23, 24, 25, 26, 27, \.\.\.\); each task's error_type and error: sacplate results without --by-point$/);
  assert.doesNotMatch(r.stderr, /each point's mean and 95 % interval/, 'no pointer to a by-point table of no results');
  assert.match(r.stderr, /^hot: 60 tasks, 0 with a result, 60 invalid, 0 to run$/m);
  // review88 F5: `ran` counts the tasks run (the plan's `to run`), not those refused in the plan, as docs/sweeps.md says now
  assert.match(r.stdout, /^ran: 0\ninvalid: 60$|^ran: 0$[\s\S]*^invalid: 60$/m);
});

test('robust62: a sweep whose base names a file of another kind (a sweep, a full-cell file, itself) is refused naming base and the kind; each task was "invalid" for "name: got ..., expected no such key"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-base-'));
  const other = join(dir, 'other.yaml');
  writeFileSync(other, 'name: other\nbase: { metal: Li }\naxes: { temperature: [300 K] }\n');
  const fc = join(dir, 'fc.yaml');
  writeFileSync(fc, 'cathode: LFP\nnp: 1\ncycles: 10\nanode: { ce: 0.99 }\n');
  for (const [base, what] of [['other.yaml', /a sweep file/], ['fc.yaml', /a full-cell file/], ['self.yaml', /a sweep file/]] as const) {
    const self = join(dir, 'self.yaml');
    writeFileSync(self, `name: self\nbase: ${base}\naxes: { temperature: [300 K] }\n`);
    assert.throws(() => parseSweep({ name: 'self', base, axes: { temperature: ['300 K'] } }, { file: self }), (e: unknown) => e instanceof InputError && e.field === 'base'
      && new RegExp(`^base: got "${base}", expected a run file \\(metal, lattice, host, protocol\\), not ${what.source}`).test(e.message), base);
  }
});
