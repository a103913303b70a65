/**
 * Sweeps on the local pool: sweep-file parsing and task keys, one invalid task among good ones,
 * an unexpected error stopping its siblings, and Ctrl-C + --resume giving the same results as an
 * uninterrupted sweep (bit-identical metrics for the same seeds, timings aside).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSweep, expandSweep } from '../src/sweep/spec.js';
import { resolveTasks } from '../src/sweep/tasks.js';
import { taskHash } from '../src/sweep/hash.js';
import { parseRunInput, parseCompareInput } from '../src/input/parse.js';
import { runLocal } from '../src/sweep/pool.js';
import { runSweepLocal } from '../src/sweep/run.js';
import { SweepStore } from '../src/sweep/store.js';
import { TIMING_METRICS, resultTable, pointTable, tableCsv } from '../src/sweep/results.js';
import { InputError } from '../src/errors.js';
import { boundedInterval } from '../src/stats/interval.js';
import type { ResolvedRun } from '../src/input/types.js';
import { cli as cliInProcess, type CliOptions } from './helpers/cli.js';
import { simulate } from '../src/simulation/simulate.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('sweep');

/** The CLI in-process (test/helpers/cli.ts), in the shape spawnSync returns; the Ctrl-C test spawns a real process. */
const cli = async (args: string[], o?: CliOptions) => { const r = await cliInProcess(args, o); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; };

/** A run that takes well under a second: 8 x 8 voxels, about half a layer of Li. */
export const TINY_BASE = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'graphene',
  kinetics: { terraceBarrier: '0.3 eV' }, // sweep bookkeeping: a slow terrace hop keeps each task short under physics v2
  sacs: [{ site: 'Zn-N4', loading: '4 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false },
};

function sweepFile(dir: string, name: string, extra: Record<string, unknown>): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, base: TINY_BASE, ...extra }));
  return file;
}

const close = (a: number, b: number, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `expected ${b}, got ${a}`);

const deterministic = (m: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !TIMING_METRICS.includes(k)));

test('sweep files: cartesian and zip expansion, seeds crossed, task keys from the resolved run', () => {
  const cart = parseSweep({ base: TINY_BASE, axes: { 'sacs[0].loading': ['1 %', '2 %'], temperature: ['253 K', '298 K', '320 K'] }, seeds: 2 });
  assert.equal(expandSweep(cart).length, 12);
  const zip = parseSweep({ base: TINY_BASE, mode: 'zip', axes: { 'sacs[0].loading': ['1 %', '2 %'], 'sacs[0].site': ['Zn-N4', 'Fe-N4'] } });
  const zt = expandSweep(zip);
  assert.deepEqual(zt.map((t) => t.label), [{ 'sacs[0].loading': '1 %', 'sacs[0].site': 'Zn-N4' }, { 'sacs[0].loading': '2 %', 'sacs[0].site': 'Fe-N4' }]);
  // same numbers written differently -> same key; another seed -> another key
  const a = parseRunInput({ ...TINY_BASE, temperature: '25 degC' });
  const b = parseRunInput({ temperature: '298.15 K', ...TINY_BASE, sacs: [{ loading: 0.04, site: 'Zn-N4' }] });
  assert.equal(taskHash(a), taskHash(b));
  assert.notEqual(taskHash(a), taskHash({ ...a, seed: 2 } as ResolvedRun));
  // mends65b: a user host's element is keyed (final.extxyz writes it); a run whose input gives none keys as it did, on
  // the run without its provenance (a built-in host, a new set without element), so earlier stores keep hitting
  const noProv = (r: ResolvedRun) => taskHash({ ...r, provenance: undefined } as ResolvedRun);
  const foam = (el?: string) => parseRunInput({ ...TINY_BASE, host: 'foam', parameters: { hosts: { foam: { ...(el ? { element: el } : {}), metals: { Li: { binding: '0.05 eV' } } } } } });
  assert.equal(taskHash(a), noProv(a));
  assert.equal(taskHash(foam()), noProv(foam()));
  assert.notEqual(taskHash(foam('Sn')), taskHash(foam('Bi')));
  assert.notEqual(taskHash(foam('Sn')), taskHash(foam()));
  // two axis values that resolve alike share a key
  const dup = resolveTasks(parseSweep({ base: TINY_BASE, axes: { temperature: ['25 degC', '298.15 K'] } }));
  assert.equal(dup[0]!.hash, dup[1]!.hash);
});

test('sweep command: a bad axis path is one line naming the axis, exit code 2, nothing run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-badpath-'));
  const file = sweepFile(dir, 'badpath', { axes: { 'sacs[3].loading': ['1 %'] } });
  const r = await cli(['sweep', file, '--db', join(dir, 'store.db')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^sacplate: axes\.sacs\[3\]\.loading: got "sacs\[3\]\.loading", expected a path the base run has: sacs has 1 entries/);
});

test('audit70: a sweep on the local pool says 0 of its tasks done as it starts, off a terminal (a log said nothing until the first task ended)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit70-'));
  const file = sweepFile(dir, 'startline', { base: { ...TINY_BASE, protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'] }, seeds: 1 });
  const r = await cli(['sweep', file, '--db', join(dir, 'store.db'), '--threads', '1']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines[0], 'startline: 1 task, 0 with a result, 0 invalid, 1 to run', r.stderr);
  assert.equal(lines[1], 'startline: 0/1 tasks', r.stderr);
  assert.equal(lines[2], 'startline: 1/1 tasks', r.stderr);
  rmSync(dir, { recursive: true, force: true });
});

test('sweep files: a bad axis path or shape is one InputError naming the axis', () => {
  const bad: [unknown, RegExp][] = [
    [{ base: TINY_BASE, axes: { 'sacs[3].loading': ['1 %'] } }, /^axes\.sacs\[3\]\.loading: .*sacs has 1 entries/],
    [{ base: TINY_BASE, axes: { 'colour': ['red'] } }, /^axes\.colour: .*a path starting with a run key/],
    [{ base: TINY_BASE, axes: { 'sacs[0]..site': ['Zn-N4'] } }, /^axes\.sacs\[0\]\.\.site: /],
    [{ base: TINY_BASE, axes: { temperature: [] } }, /^axes\.temperature: .*non-empty list/],
    [{ base: TINY_BASE, mode: 'zip', axes: { temperature: ['253 K'], 'sacs[0].loading': ['1 %', '2 %'] } }, /^axes\.sacs\[0\]\.loading: got "2 values", expected 1 values/],
    [{ base: TINY_BASE, mode: 'diagonal' }, /^mode: /],
    [{ base: TINY_BASE, seeds: -1 }, /^seeds: /],
    [{ base: TINY_BASE, axis: {} }, /^axis: .*no such key/],
    // 1e8 tasks were planned one by one until the heap ran out (a V8 stack after minutes)
    [{ base: TINY_BASE, axes: { temperature: Array.from({ length: 100 }, (_, i) => `${250 + i * 0.5} K`), 'lattice.size[0]': Array.from({ length: 1000 }, (_, i) => i + 4) }, seeds: 1000 },
      /^axes: got "1\.00e\+8 tasks \(100 x 1000 x 1000 seeds\)", expected at most 100,000 tasks in one sweep/],
    [{ base: TINY_BASE, mode: 'zip', axes: { temperature: Array.from({ length: 2000 }, () => '298 K') }, seeds: 100 }, /^axes: got "2\.00e\+5 tasks \(2000 zipped points x 100 seeds\)"/],
  ];
  for (const [input, re] of bad) {
    assert.throws(() => parseSweep(input), (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes('\n'), JSON.stringify(input));
  }
});

test('sweep files: an axis into a run section the base leaves out (electrochem.estimator) varies it in each task', () => {
  // review40: `electrochem.estimator: [rates, events]` over a base without `electrochem` was refused as
  // "electrochem is not a map in the base run"; the base of a study seldom sets the galvanostat
  const tasks = resolveTasks(parseSweep({ base: TINY_BASE, axes: { 'electrochem.estimator': ['rates', 'events', 'scaled-rates'] }, seeds: [1] }));
  assert.deepEqual(tasks.map((t) => t.error?.message), [undefined, undefined, undefined]);
  assert.deepEqual(tasks.map((t) => t.run!.electrochem.estimator), [undefined, 'events', 'scaled-rates']);
  // rates is the default: that task is the base's own run (one task key)
  assert.equal(tasks[0]!.hash, taskHash(parseRunInput({ ...TINY_BASE, seed: 1 })));
  assert.equal(new Set(tasks.map((t) => t.hash)).size, 3);
  // a value the run file refuses makes its task invalid, named as the run file names it
  const bad = resolveTasks(parseSweep({ base: TINY_BASE, axes: { 'electrochem.estimator': ['counts'] } }));
  assert.match(bad[0]!.error!.message, /electrochem\.estimator: got "counts", expected rates \(the default\), events or scaled-rates/);
  // a map the base has is not replaced (only the key is set), and a key spelt near one the base has stays a typo
  const kept = expandSweep(parseSweep({ base: { ...TINY_BASE, electrochem: { ohmic: '5 Ohm cm2' } }, axes: { 'electrochem.estimator': ['events'] } }));
  assert.deepEqual(kept[0]!.input.electrochem, { ohmic: '5 Ohm cm2', estimator: 'events' });
  assert.throws(() => parseSweep({ base: TINY_BASE, axes: { 'lattice.sise.x': [1] } }), (e: unknown) => e instanceof InputError && /^axes\.lattice\.sise\.x: .*lattice\.sise is not a map in the base run \(did you mean "size"\?\)$/.test(e.message));
});

// mends105 (mends100's and mends103's leftover): a task that refuses a key of the base's, bad only with the task's axis
// value, named the key alone (`cell.sand_fraction`), as if the base were bad; a comparison's variant says `(in variants[0] "x")`
test('a task that refuses a key the base gave names it as the base\'s with the task\'s axis values; an axis\' own key as given', async () => {
  const base = { ...TINY_BASE, sacs: [], electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', sand_fraction: 0.05 } };
  const tasks = resolveTasks(parseSweep({ base, axes: { 'cell.transport': ['field', 'walkers'], temperature: ['25 degC', '35 degC'] } }));
  assert.deepEqual(tasks.map((t) => t.error === undefined), [true, true, false, false]);
  const field = 'cell.sand_fraction (the base\'s, with cell.transport=walkers, temperature=25 degC)';
  assert.equal(tasks[2]!.error?.field, field);
  assert.match(tasks[2]!.error?.message ?? 'ran', new RegExp(`^task 2 \\(cell\\.transport=walkers, temperature=25 degC\\): ${field.replace(/[.()]/g, '\\$&')}: got 0\\.05, expected no concentration-field option with cell\\.transport: walkers`));
  // the command's invalid: lines: one for the tasks the same refusal fails, its first task's line
  const { invalidTaskLines } = await import('../src/cli/actions/sweep.js');
  assert.deepEqual(invalidTaskLines(tasks.filter((t) => t.error)), [`invalid: ${tasks[2]!.error!.message} (and 1 more task with this error: 3)`]);
  // a key the base refuses itself stays the key alone, one line for every task
  const bad = resolveTasks(parseSweep({ base: { ...base, cell: { diffusion_layer: '20 um', sand_fraction: 7 } }, axes: { temperature: ['25 degC', '35 degC'] } }));
  assert.deepEqual(bad.map((t) => t.error?.field), ['cell.sand_fraction', 'cell.sand_fraction']);
  assert.equal(invalidTaskLines(bad).length, 1);
  // an axis' own key (and one inside it: lattice.size[2] of lattice.size) is named as it is
  const own = resolveTasks(parseSweep({ base: TINY_BASE, axes: { 'sacs[0].loading': ['150 %'], 'lattice.size': [[8, 8, 2]] }, seeds: [1, 2] }));
  assert.deepEqual(own.map((t) => t.error?.field), ['lattice.size[2]', 'lattice.size[2]']);
  const load = resolveTasks(parseSweep({ base: TINY_BASE, axes: { 'sacs[0].loading': ['150 %'] }, seeds: [3] }));
  assert.equal(load[0]!.error?.field, 'sacs[0].loading');
});

test('a loading axis of bare numbers [1, 2] (meant as 1 % and 2 %) makes both tasks invalid, asking for the unit; a bare fraction 0.02 runs', () => {
  // review46: 1 ran as 100 % of the host sites without a word, 2 was refused
  const tasks = resolveTasks(parseSweep({ base: TINY_BASE, axes: { 'sacs[0].loading': [1, 2, 0.02, '1 %'] } }));
  assert.match(tasks[0]!.error?.message ?? 'ran', /: sacs\[0\]\.loading: got 1, expected a loading with its unit, "1 %" or "100 %" of host sites/);
  assert.match(tasks[1]!.error?.message ?? 'ran', /: sacs\[0\]\.loading: got 2, expected a loading with its unit, "2 %" of host sites/);
  assert.deepEqual(tasks.slice(2).map((t) => t.error), [undefined, undefined]);
});

test('a sweep with one invalid task finishes the others, records the invalid one with its error, and a rerun adds nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-'));
  const db = join(dir, 'store.db');
  const file = sweepFile(dir, 'oneinvalid', { axes: { 'sacs[0].loading': ['1 %', '150 %', '4 %'] } });
  const r = await cli(['sweep', file, '--db', db, '--threads', '2', '--json']);
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('invalid:'));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /task 1 \(sacs\[0\]\.loading=150 %\): sacs\[0\]\.loading: got "150 %", expected a loading from 0 to 100 %/);
  const store = SweepStore.open(db);
  try {
    const rows = store.sweepRows('oneinvalid');
    assert.deepEqual(rows.map((x) => x.status), ['done', 'invalid', 'done']);
    assert.equal(rows[1]!.error!.type, 'InputError');
    assert.ok((rows[0]!.metrics!.deposited_voxels as number) > 0);
  } finally { store.close(); }
  const again = await cli(['sweep', file, '--db', db, '--json']);
  assert.equal(again.status, 2);
  assert.equal(JSON.parse(again.stdout).ran, 0, 'a rerun repeats no finished work');
  const csv = await cli(['results', file, '--db', db, '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  const csvLines = csv.stdout.trim().split('\n');
  assert.equal(csvLines.length, 4);
  // the axis as written, then its numbers in a column named with the unit (docs/sweeps.md)
  assert.match(csvLines[0]!, /^task,hash,status,sacs\[0\]\.loading,sacs\[0\]\.loading_pct,error_type,error,metal,host,/);
  assert.deepEqual(csvLines.slice(1).map((l) => l.split(',')[4]), ['1', '150', '4']);
  assert.ok(csvLines[0]!.split(',').includes('nucleation_overpotential_mV'));
  // parquet: read back with hyparquet, the same rows and numbers as the CSV
  const pq = join(dir, 'r.parquet');
  const p = await cli(['results', 'oneinvalid', '--db', db, '--format', 'parquet', '--out', pq]);
  assert.equal(p.status, 0, p.stderr);
  const { parquetReadObjects } = await import('hyparquet');
  const buf = readFileSync(pq);
  const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) }) as Record<string, unknown>[];
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r.status), ['done', 'invalid', 'done']);
  const col = csvLines[0]!.split(',').indexOf('nucleation_overpotential_mV');
  // the CSV keeps 12 significant digits (src/io/csv.ts), Parquet the double
  assert.equal(+(rows[0]!.nucleation_overpotential_mV as number).toPrecision(12), Number(csvLines[1]!.split(',')[col]));
  assert.deepEqual(rows.map((r) => r['sacs[0].loading_pct']), [1, 150, 4]);
  assert.equal(rows[1]!.error_type, 'InputError');
  // review39: by point (here one seed each): a mean, no interval, and the invalid task said in the point's notes
  const bp = await cli(['results', 'oneinvalid', '--db', db, '--by-point', '--format', 'json']);
  assert.equal(bp.status, 0, bp.stderr);
  const points = JSON.parse(bp.stdout) as Record<string, unknown>[];
  assert.deepEqual(points.map((x) => [x.seeds, x.done]), [[1, 1], [1, 0], [1, 1]]);
  // (the peak: this seed's nucleation reading is <= 0, no dip, which --by-point no longer averages since mends116)
  assert.equal(points[0]!.peak_overpotential_mV, rows[0]!.peak_overpotential_mV);
  assert.equal(points[0]!.peak_overpotential_mV_lo95, null);
  assert.equal(points[1]!.peak_overpotential_mV, null);
  assert.match(String(points[1]!.notes), /^1 invalid of 1 task$/);
  // review39: a mistyped file path is said to be no file, not only no sweep's name
  const typo = await cli(['results', join(dir, 'oneinvalidd.json'), '--db', db]);
  assert.equal(typo.status, 2);
  assert.equal(typo.stderr.trim(), `sacplate: sweep: got "${join(dir, 'oneinvalidd.json')}", expected a sweep file that exists (no such file: ${join(dir, 'oneinvalidd.json')}) or the name of a sweep run before with this store (${db})`);
  // and a misspelt sweep name, the near one in the store
  assert.match((await cli(['results', 'oneinvaild', '--db', db])).stderr, /none named "oneinvaild" \(did you mean "oneinvalid"\?\)\n$/);
  // parquet needs a file
  const noOut = await cli(['results', 'oneinvalid', '--db', db, '--format', 'parquet']);
  assert.equal(noOut.status, 2);
  assert.match(noOut.stderr, /^sacplate: --out: /);
});

test('an unexpected error in one task stops its siblings and keeps its error type', { timeout: 120_000 }, async () => {
  // The siblings are runs that cannot finish on their own within the test (32 x 32 x 40 voxels, 1 mAh/cm2
  // at the physics-v2 terrace barrier: hours of hops), so the only way the pool returns is the stop
  // terminating the running sibling's thread and dropping the queued ones; a broken stop hangs until the
  // timeout. (Siblings that finish in a fraction of a second made this timing-dependent: on a loaded
  // machine the thread given the broken task can start late enough for the other thread to run them all.)
  const { kinetics: _fast, ...slowBase } = TINY_BASE;
  const endless = parseRunInput({ ...slowBase, lattice: { size: [32, 32, 40], voxel: '10 nm' }, protocol: ['Plate 1 mAh/cm2 at 1 mA/cm2'] });
  const broken = { ...parseRunInput(TINY_BASE), host: undefined } as unknown as ResolvedRun; // resolved-looking, but not a run the engine can build
  // the broken task first, so it is handed a thread whatever the scheduling; the first sibling takes the other thread
  const tasks = [{ hash: 'bad', run: broken }, ...Array.from({ length: 3 }, (_, i) => ({ hash: `s${i}`, run: { ...endless, seed: i + 1 } }))];
  const seen: string[] = [];
  const s = await runLocal(tasks, { threads: 2, onOutcome: (o) => seen.push(o.hash) });
  assert.ok(s.fatal, 'the pool reports the fatal error');
  assert.equal(s.fatal!.hash, 'bad');
  assert.equal(s.fatal!.error.type, 'TypeError');
  assert.deepEqual(seen, ['bad'], 'the error is the only outcome: the running sibling was stopped, the queued ones never ran');
  assert.equal(s.completed, 0);
  assert.equal(s.cancelled, false, 'a fatal error is not a Ctrl-C');
  // mends49: an unexpected error is counted apart from the results, named (the sweep's `errors:` and its `error: task N:` lines)
  assert.deepEqual(s.errors.map((e) => [e.hash, e.error.type]), [['bad', 'TypeError']]);
});

// mends49: a crashed task was counted in the local sweep's `ran` (the queue's `collected` counts results only since
// review39). Two tasks that both fail at once on two threads, and a good one run before them on one thread: the
// good one is the only result, both errors are named.
test('the local pool counts results and unexpected errors apart, each error named', { timeout: 60_000 }, async () => {
  const good = parseRunInput(TINY_BASE);
  const broken = { ...good, host: undefined } as unknown as ResolvedRun;
  const one = await runLocal([{ hash: 'ok', run: good }, { hash: 'bad', run: broken }], { threads: 1 });
  assert.equal(one.completed, 1, 'the result, not the crash');
  assert.deepEqual(one.errors.map((e) => e.hash), ['bad']);
  const two = await runLocal([{ hash: 'bad1', run: broken }, { hash: 'bad2', run: { ...broken, seed: 2 } }], { threads: 2 });
  assert.equal(two.completed, 0, 'no error counted as a result');
  assert.ok(two.errors.length >= 1 && two.errors.every((e) => e.error.type === 'TypeError'), JSON.stringify(two.errors));
  assert.equal(two.fatal?.hash, two.errors[0]!.hash);
  // mends50: the count a sweep's progress bar shows, handed with each outcome, is of the results: the bar read 2/2
  // tasks as the crash stopped the sweep, with one result in the store
  const counts: [string, number | undefined][] = [];
  await runLocal([{ hash: 'ok', run: good }, { hash: 'bad', run: broken }], { threads: 1, onOutcome: (o, done) => counts.push([o.hash, done]) });
  assert.deepEqual(counts, [['ok', 1], ['bad', 1]]);
});

test('Ctrl-C then --resume gives the same results as an uninterrupted sweep (bit-identical metrics)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-resume-'));
  const extra = { axes: { 'sacs[0].loading': ['2 %', '6 %'] }, seeds: 5 };
  const file = sweepFile(dir, 'resume', extra);
  // reference: uninterrupted, through the library
  const refDb = join(dir, 'ref.db');
  const ref = await runSweepLocal(file, { db: refDb, threads: 2 });
  assert.equal(ref.recorded, 10);
  // interrupted: SIGINT once some results are in
  const db = join(dir, 'int.db');
  const child = spawn(process.execPath, ['bin/sacplate.js', 'sweep', file, '--db', db, '--threads', '2', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  let before = 0;
  for (let i = 0; i < 2400; i++) { // up to a minute on a loaded machine
    await new Promise((r) => setTimeout(r, 25));
    try {
      const s = SweepStore.open(db);
      try { before = s.sweepRows('resume').filter((x) => x.status === 'done').length; } finally { s.close(); }
    } catch { /* not created yet */ }
    if (before >= 2) break;
  }
  assert.ok(before >= 2, 'some results were in before the interrupt');
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  const interrupted = JSON.parse(stdout) as { ran: number; cancelled: boolean };
  assert.equal(interrupted.cancelled, true);
  assert.ok(interrupted.ran < 10, `the interrupt left work to do (${interrupted.ran} of 10 ran)`);
  const resumed = await cli(['sweep', file, '--db', db, '--resume', '--threads', '2', '--json']);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).ran, 10 - interrupted.ran, 'resume runs only the unfinished tasks');
  const read = (p: string) => { const s = SweepStore.open(p); try { return s.sweepRows('resume'); } finally { s.close(); } };
  const a = read(refDb), b = read(db);
  assert.equal(b.length, 10);
  for (let i = 0; i < 10; i++) {
    assert.equal(b[i]!.status, 'done');
    assert.equal(b[i]!.hash, a[i]!.hash);
    assert.deepEqual(deterministic(b[i]!.metrics), deterministic(a[i]!.metrics), `task ${i}`);
  }
  // the exports agree too (timing columns aside)
  const strip = (rows: ReturnType<typeof read>) => tableCsv(resultTable(rows.map((r) => ({ ...r, metrics: deterministic(r.metrics) }))));
  assert.equal(strip(b), strip(a));
  const s = SweepStore.open(db);
  try { for (const r of b) assert.equal(s.resultCount(r.hash), 1); } finally { s.close(); }
  assert.ok(readFileSync(file, 'utf8').length > 0);
  // review39: one row per axis point, its five seeds together: each metric's mean and 95 % interval (compare.csv's
  // columns), the unit in the header (until then one row per task only: the means and intervals were the user's to make)
  const bp = await cli(['results', file, '--db', db, '--by-point']);
  assert.equal(bp.status, 0, bp.stderr);
  const [head, ...lines] = bp.stdout.trim().split('\n').map((l) => l.split(','));
  assert.equal(lines.length, 2, bp.stdout);
  const at = (name: string) => { const i = head!.indexOf(name); assert.ok(i >= 0, `column ${name} in ${head!.join(',')}`); return i; };
  assert.deepEqual(head!.slice(0, 5), ['point', 'sacs[0].loading', 'sacs[0].loading_pct', 'seeds', 'done']);
  assert.ok(!head!.includes('seed') && !head!.includes('seed_lo95'), 'the seed is the point\'s, not a figure');
  for (const [p, loading] of [[0, 2], [1, 6]] as const) {
    const row = lines[p]!;
    assert.deepEqual([row[at('sacs[0].loading_pct')], row[at('seeds')], row[at('done')]].map(Number), [loading, 5, 5]);
    for (const k of ['nucleation_overpotential_mV', 'rms_roughness_nm', 'nucleus_density_per_um2']) {
      const all = b.filter((r) => r.label['sacs[0].loading'] === `${loading} %`).map((r) => r.metrics![k] as number);
      assert.equal(all.length, 5);
      // the nucleation readings with a dip (> 0) only: a reading <= 0 is counted in nucleation_no_dip_seeds (mends116)
      const xs = k === 'nucleation_overpotential_mV' ? all.filter((x) => x > 0) : all;
      const iv = boundedInterval(xs, k);
      const got = [row[at(k)], row[at(`${k}_lo95`)], row[at(`${k}_hi95`)]].map(Number);
      for (const [j, want] of [iv.mean, iv.lo, iv.hi].entries()) assert.ok(Math.abs(got[j]! - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${k} point ${p}: ${got.join(', ')} vs ${iv.mean}, ${iv.lo}, ${iv.hi}`);
    }
    // a yes/no metric: how many seeds say yes (compare.csv's nucleation_no_dip_seeds)
    assert.equal(Number(row[at('nucleation_no_dip_seeds')]), b.filter((r) => r.label['sacs[0].loading'] === `${loading} %` && r.metrics!.nucleation_no_dip === true).length);
  }
});

test('the shipped examples parse: every sweep task and screen candidate resolves', async () => {
  const { loadSweepFile } = await import('../src/sweep/spec.js');
  const { loadScreenFile } = await import('../src/screen/spec.js');
  const tasks = resolveTasks(loadSweepFile('examples/sweep-loading.yaml'));
  assert.equal(tasks.length, 24);
  assert.deepEqual(tasks.filter((t) => t.error).map((t) => t.error!.message), []);
  const screen = loadScreenFile('examples/screen-li.yaml');
  assert.deepEqual(screen.candidates.filter((c) => c.error).map((c) => c.error), []);
  assert.equal(screen.candidates.length, 8);
});

// review39: a current-density sweep goes through the protocol step's text (`protocol[0]`); its CSV had that text only,
// so a plot against the current needed the number cut out of it. The step's current and capacity get columns of their own.
test('results: a protocol step axis gets its current density and capacity as numbers, per task and per point', () => {
  const steps = ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Plate 0.002 mAh/cm2 at 30 A/m2', 'Plate at 500 uA/cm2 for 10 s', 'Rest for 1 s', 'Plate 0.001 mAh/cm2 at 1 mA/cm^2x'];
  const rows = steps.flatMap((step, i) => [1, 2].map((seed) => ({ index: 2 * i + seed - 1, hash: `h${i}${seed}`, label: { 'protocol[0]': step, seed }, status: 'pending' as const })));
  for (const [t, perPoint] of [[resultTable(rows), false], [pointTable(rows), true]] as const) {
    const col = (name: string) => { const j = t.columns.indexOf(name); assert.ok(j >= 0, `${name} in ${t.columns.join(',')}`); return t.rows.map((r) => r[j]); };
    const pick = <T>(xs: T[]) => (perPoint ? xs : xs.filter((_, k) => k % 2 === 0)); // one row per task: two seeds a step
    assert.deepEqual(pick(col('protocol[0]')), steps);
    // 30 A/m2 = 3 mA/cm2, 500 uA/cm2 = 0.5 mA/cm2; a rest has no current; a step given by time no capacity; a bad step nothing
    assert.deepEqual(pick(col('protocol[0]_current_mA_per_cm2')), [1, 3, 0.5, null, null]);
    assert.deepEqual(pick(col('protocol[0]_capacity_mAh_per_cm2')), [0.001, 0.002, null, null, null]);
  }
});

// mends49: a list metric's null (a rest's current) was written `null` in the results table (`1;null;3`); it is now an empty
// entry (`1;;3`), the list keeping one entry per step as `steps_ended` beside it, so that splitting on ";" gives the steps.
test('results: a per-step list writes a step without a value as an empty entry, one entry per step as steps_ended', () => {
  const { metrics } = simulate({ ...TINY_BASE, protocol: ['Plate 0.0003 mAh/cm2 at 1 mA/cm2', 'Rest for 0.0001 s', 'Plate 0.0003 mAh/cm2 at 30 A/m2'] });
  const rows = [{ index: 0, hash: 'h', label: { seed: 1 }, status: 'done' as const, metrics: metrics as unknown as Record<string, unknown> }];
  const [head, line] = tableCsv(resultTable(rows)).trim().split('\n').map((l) => l.split(','));
  const at = (k: string) => line![head!.indexOf(k)]!.split(';');
  const ended = at('steps_ended');
  assert.equal(ended.length, metrics.steps_ended.length);
  for (const k of ['steps_current_mA_per_cm2', 'steps_capacity_mAh_per_cm2'] as const) {
    assert.deepEqual(at(k), metrics[k].map((x) => (x === null ? '' : String(x))), `${k}: ${at(k).join(';')}`);
    assert.equal(at(k).length, ended.length);
  }
  assert.ok(metrics.steps_current_mA_per_cm2.includes(null), 'the rest has no current');
});

// mends50: by point, a metric with no value in any seed (`average_ce` of a plating-only run) was left out, so two
// by-point tables had different columns; and a setting (the run's current, capacity, temperature, voxel) got a mean and
// a zero-width "interval" (lo = hi = mean), read as a measured figure. Now the metric's three cells are there, empty,
// and a setting is one column, as compare.csv writes its settings: the seeds' common value (empty and a note if not one).
test('results --by-point: a metric without a value has empty cells; a setting is one value a point, no interval', () => {
  const seeds = [1, 2].map((seed) => simulate({ ...TINY_BASE, seed }).metrics as unknown as Record<string, unknown>);
  assert.ok(seeds.every((m) => m.average_ce === null && m.plating_current_mA_per_cm2 === 1), 'a plating-only run at 1 mA/cm2');
  const rows = seeds.map((metrics, i) => ({ index: i, hash: `h${i}`, label: { seed: i + 1 }, status: 'done' as const, metrics }));
  const t = pointTable(rows);
  const at = (k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[0]![j]; };
  assert.deepEqual(['average_ce', 'average_ce_lo95', 'average_ce_hi95'].map(at), [null, null, null]);
  // (a note may say a seed had no nucleation dip, mends116: not this metric)
  assert.ok(!String(at('notes') ?? '').includes('average_ce'), 'a metric that no seed has is no note');
  for (const [k, want] of [['plating_current_mA_per_cm2', 1], ['plating_capacity_mAh_per_cm2', 0.001], ['temperature_K', seeds[0]!.temperature_K], ['voxel_nm', 10]] as const) {
    assert.equal(at(k), want, k);
    assert.ok(!t.columns.includes(`${k}_lo95`) && !t.columns.includes(`${k}_hi95`), `${k}: no interval`);
  }
  assert.ok(t.columns.includes('nucleation_overpotential_mV_hi95'), 'a measured metric keeps its interval');
  // seeds that do not share a setting (not from one sweep point: a hand-made row) get no value, and a note
  const mixed = pointTable(rows.map((r, i) => ({ ...r, metrics: { ...r.metrics, plating_current_mA_per_cm2: i + 1 } })));
  const cur = mixed.columns.indexOf('plating_current_mA_per_cm2'), notes = mixed.columns.indexOf('notes');
  assert.equal(mixed.rows[0]![cur], null);
  assert.match(String(mixed.rows[0]![notes]), /plating_current_mA_per_cm2: the seeds differ \(1, 2\)/);
});

// review46: a count's interval over 2 seeds ran below 0 (first_passage_exits 207,497 [-724,310, 1,139,304] in a sweep of
// two seeds), where events, the count beside it, was cut at 0
test('results --by-point: counts and sizes (first-passage exits, hops, islands) get intervals cut at 0, as events does', () => {
  const m = (exits: number, islands: number) => ({ events: exits, first_passage_exits: exits, first_passage_hops: 10 * exits, hops: exits, island_count: islands, mean_height_nm: exits / 1e3 - 300 });
  const rows = [m(134161, 3), m(280833, 40)].map((metrics, i) => ({ index: i, hash: `h${i}`, label: { seed: i + 1 }, status: 'done' as const, metrics }));
  const t = pointTable(rows);
  const at = (k: string) => t.rows[0]![t.columns.indexOf(k)];
  for (const k of ['events', 'first_passage_exits', 'first_passage_hops', 'hops', 'island_count']) {
    assert.equal(at(`${k}_lo95`), 0, `${k}: cut at 0`);
    assert.ok(Number(at(`${k}_hi95`)) > Number(at(k)), k);
  }
  // (a signed figure: mean_height_nm of runs without a host named, a foil's can be below 0; until mends116 the nucleation
  // reading, whose readings <= 0 are now no dip, left out of the mean)
  assert.ok(Number(at('mean_height_nm_lo95')) < -300, 'a signed figure is not cut');
  assert.match(String(at('intervals_cut')), /first_passage_exits/);
});

// review55: by point, a seed that failed showed `done` 1 of 2 and a note "1 error of 2 tasks" without where its error is,
// and the deposit's net charge (a charge that cannot go below 0 on a host that is not a foil of the metal) had an
// interval over two seeds below 0 (charge_C_per_cm2_lo95 -0.00138)
test('results --by-point: a failed seed is counted in `errors` with where its message is; a net deposit\'s interval is cut at 0 unless the host is a foil of the metal (mends67)', () => {
  const m = (host: string, charge: number) => ({ metal: 'Li', host, charge_C_per_cm2: charge, charge_mAh_per_cm2: charge / 3.6, deposited_voxels: Math.round(charge * 1e4), applied_charge_C_per_cm2: charge - 0.003 });
  const rows = [
    { index: 0, hash: 'h0', label: { host: 'Cu', seed: 1 }, status: 'done' as const, metrics: m('Cu', 0.0002) },
    { index: 1, hash: 'h1', label: { host: 'Cu', seed: 2 }, status: 'done' as const, metrics: m('Cu', 0.0025) },
    { index: 2, hash: 'h2', label: { host: 'Li', seed: 1 }, status: 'done' as const, metrics: m('Li', -0.0012) },
    { index: 3, hash: 'h3', label: { host: 'Li', seed: 2 }, status: 'error' as const, error: { type: 'InjectedCrash', message: 'task 3: crashed on purpose' } },
    { index: 4, hash: 'h4', label: { host: 'Li', seed: 3 }, status: 'done' as const, metrics: m('Li', 0.0004) },
  ];
  const t = pointTable(rows);
  const at = (p: number, k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[p]![j]; };
  assert.deepEqual([at(0, 'seeds'), at(0, 'done'), at(0, 'errors')], [2, 2, 0]);
  assert.deepEqual([at(1, 'seeds'), at(1, 'done'), at(1, 'errors')], [3, 2, 1]);
  assert.match(String(at(1, 'notes')), /1 error of 3 tasks \(task 3: InjectedCrash: crashed on purpose\); each task's error_type and error: sacplate results without --by-point/);
  for (const k of ['charge_C_per_cm2', 'charge_mAh_per_cm2', 'deposited_voxels']) {
    assert.equal(at(0, `${k}_lo95`), 0, `${k} on Cu: cut at 0`);
    assert.match(String(at(0, 'intervals_cut')), new RegExp(`${k}: interval cut at 0`));
    assert.ok(Number(at(1, `${k}_lo95`)) < Number(at(1, k)) && Number(at(1, `${k}_lo95`)) < 0, `${k} on a Li foil (stripped below its start): not cut`);
  }
  assert.equal(at(1, 'intervals_cut'), null);
  assert.ok(Number(at(0, 'applied_charge_C_per_cm2_lo95')) < 0, 'the applied charge is signed (a strip passes a negative one): not cut');
});

test('a sweep of one task says "1 task" in its plan line (it said "1 tasks")', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-'));
  const r = await cli(['sweep', sweepFile(dir, 'onetask', { axes: { 'sacs[0].loading': ['150 %'] } }), '--db', join(dir, 'store.db'), '--json']);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^onetask: 1 task, 0 with a result, 1 invalid, 0 to run$/m);
});

test('the same sweep started twice at once on the local pool: the second is refused in one line; a mark a killed run left is taken over', { timeout: 60_000 }, async () => {
  // until review53 both ran every task, each saying it ran them all, and the second result of each was dropped
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-'));
  const db = join(dir, 'store.db');
  const file = sweepFile(dir, 'twice', { seeds: 4 });
  const stop = new AbortController();
  let planned!: () => void;
  const isPlanned = new Promise<void>((r) => { planned = r; });
  const first = runSweepLocal(file, { db, threads: 1, signal: stop.signal, onPlan: () => planned() });
  await isPlanned;
  await assert.rejects(runSweepLocal(file, { db, threads: 1 }), (e: Error) => e instanceof InputError
    && new RegExp(`^sweep: got "twice", expected one run of a sweep at a time on the local pool: process ${process.pid} \\(this one\\) on this machine has been running sweep "twice" \\(store .+\\) since \\S+; wait for it to end, or stop it \\(Ctrl-C\\) and run this again`).test(e.message));
  stop.abort();
  const r1 = await first;
  assert.equal(r1.cancelled, true);
  // a run killed with SIGKILL leaves its mark: its process is gone, so the next run takes it over
  const { spawnSync } = await import('node:child_process');
  const { hostname } = await import('node:os');
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  const { createRequire } = await import('node:module');
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  const raw = new Database(db);
  raw.prepare('INSERT INTO sweep_runs (name, host, pid, token, started_at) VALUES (?, ?, ?, ?, ?)').run('twice', hostname(), dead, 'killed', new Date().toISOString());
  raw.close();
  const r2 = await runSweepLocal(file, { db, threads: 1 });
  assert.equal(r2.cancelled, false);
  assert.equal((r2.plan?.finished ?? 0) + r2.completed, 4);
});

// polish65b (sweeprobust65): a queued sweep's command killed with SIGKILL leaves its mark (the queue it watched), and its
// waiting tasks stay on that queue; a local rerun or --resume took the mark over with a note and ran the unfinished tasks
// beside the workers, which ran them from the queue (6 of 8 twice by hand). Refused now, naming the queue, the way on
// (--queue URL --resume) and the way off (--cancel); --force runs it here. The mark is the store's: no Redis needed
test('a local run of a sweep whose queue watcher was killed is refused, naming the queue, --resume there and --cancel; --force runs it here', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-'));
  const db = join(dir, 'store.db');
  const file = sweepFile(dir, 'wasqueued', { seeds: 2 });
  const url = 'redis://127.0.0.1:6390';
  const { spawnSync } = await import('node:child_process');
  const { hostname } = await import('node:os');
  const { createRequire } = await import('node:module');
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  // the sweep as the killed command left it: defined in the store (its plan made), no result
  const { planSweep } = await import('../src/sweep/run.js');
  const { loadSweepFile } = await import('../src/sweep/spec.js');
  const store = SweepStore.open(db);
  try { planSweep(store, loadSweepFile(file)); } finally { store.close(); }
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  const raw = new Database(db);
  raw.prepare('INSERT INTO sweep_runs (name, host, pid, token, started_at, runner) VALUES (?, ?, ?, ?, ?, ?)').run('wasqueued', hostname(), dead, 'killed', '2026-12-07T10:00:00.000Z', `queue ${url}`);
  raw.close();
  const said = `sweep: got "wasqueued", expected a sweep whose tasks no queue may still hold, to run it here: sweep "wasqueued" (store ${db}) was last watched on the queue ${url} by process ${dead} on this machine, now gone, since 2026-12-07T10:00:00.000Z, `
    + `and its waiting tasks may still be on that queue, where the workers would run them beside a local run (each twice); run this with --queue ${url} --resume to collect the workers' results and go on there, `
    + `or take its waiting tasks off first (\`sacplate sweep FILE --queue ${url} --cancel\`, which clears this mark once none of its tasks runs on a worker) and run this again to run the rest here (--force runs it here without that)`;
  for (const args of [[], ['--resume']]) {
    const r = await cli(['sweep', file, '--db', db, '--threads', '1', ...args]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: ${said}`);
  }
  // the library's names its option
  const { runSweep } = await import('../src/sweep/library.js');
  await assert.rejects(runSweep(file, { db, threads: 1 }), (e: Error) => e instanceof InputError && e.message === said.replace('(--force runs', '(force: true runs'));
  // nothing ran, and the mark is still there
  const kept = SweepStore.open(db);
  try { assert.deepEqual(kept.sweepRows('wasqueued').map((x) => x.status), ['pending', 'pending']); } finally { kept.close(); }
  assert.equal((await cli(['sweep', file, '--db', db, '--force', '--queue', url])).status, 2, 'no --force with a queue');
  const forced = await cli(['sweep', file, '--db', db, '--threads', '1', '--force', '--json']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal((JSON.parse(forced.stdout) as { ran: number }).ran, 2);
  assert.match(forced.stderr, new RegExp(`^wasqueued: process ${dead}, which watched this sweep on the queue ${url.replace(/\./g, '\\.')} since \\S+, is gone: its waiting tasks may still be on that queue`, 'm'));
});

// sweepkeep: an unexpected error in one task (a crash in the engine, not a bad input) stopped the whole sweep, and only
// that: one such task ended an overnight sweep of hundreds. `--keep-going` records it and goes on; the default stops, and
// says the flag. No input passes the run file's checks and then crashes the engine, so the crash is the worker's test
// fault injection (SACPLATE_DEBUG_CRASH_TASKS, src/sweep/task-worker.ts), in the pool's real threads.
// timeout: 19-25 s of wall here beside a busy loop at load 14 (mends66; about 1.3 CPU s): 60 s left a margin of 2.4x
test('sweep --keep-going: a crashed task is an error row with its axis values, the others run, exit 1 with one line; a rerun retries only it', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-keep-'));
  const db = join(dir, 'store.db');
  const file = sweepFile(dir, 'keepgoing', { axes: { 'sacs[0].loading': ['2 %', '4 %'] }, seeds: 3 }); // tasks 0-5; task 1 is 2 %, seed 2
  const crash = { SACPLATE_DEBUG_CRASH_TASKS: '1' };
  const read = () => { const s = SweepStore.open(db); try { return s.sweepRows('keepgoing'); } finally { s.close(); } };
  // the default: the crash stops the sweep, its line naming the flag that goes on. Which tasks have a result by then is
  // the pool's order, not the sweep's (mends66): piscina 5 runs the queued tasks of a new one-thread pool, each with a stop
  // signal, as 0, 2, 4, 1, 5, 3 (its skip queue: a task it cannot place yet goes to the back), and as the crash's outcome
  // arrives it has handed the thread the next one (5); a result that comes in the same turn (the test's process kept off
  // the CPU that long under load) is kept, as any finished result is. Until mends66 this test took task 0 then the crash
  // as the order and allowed one result more (`ran` 1 or 2 of 4 tasks: in fact 2 as a rule, 3 once the thread's next task
  // ended in that turn, which failed it once under load in session 65). Now: task 0 (first in any order) has its result,
  // the results counted are the store's done rows, and a task is left unrun (3, never handed to the thread)
  const stopped = await cli(['sweep', file, '--db', db, '--threads', '1', '--json'], { env: crash });
  assert.equal(stopped.status, 1, stopped.stderr);
  assert.match(stopped.stderr, /^sacplate: stopped the sweep: InjectedCrash: crashed on purpose .* \(--keep-going records such an error and goes on with the other tasks\)$/m);
  const first = JSON.parse(stopped.stdout) as { ran: number; errors: number };
  assert.equal(first.errors, 1, stopped.stdout);
  const atStop = read().map((x) => x.status);
  assert.deepEqual([atStop[0], atStop[1]], ['done', 'error'], atStop.join(' '));
  assert.equal(atStop.filter((x) => x === 'done').length, first.ran, `each result counted is in the store: ${atStop.join(' ')}`);
  assert.ok(atStop.includes('pending'), `the crash stopped the sweep: a task left unrun (${atStop.join(' ')})`);
  // --keep-going: the crash is recorded, the tasks left run
  const kept = await cli(['sweep', file, '--db', db, '--threads', '1', '--keep-going', '--json'], { env: crash });
  assert.equal(kept.status, 1, `any failed task: exit 1; ${kept.stderr}`);
  const sum = JSON.parse(kept.stdout) as { ran: number; errors: number; cancelled: boolean; fatal?: unknown };
  assert.deepEqual([sum.ran, sum.errors, sum.cancelled, sum.fatal], [5 - first.ran, 1, false, undefined]);
  assert.doesNotMatch(kept.stderr, /stopped the sweep/);
  assert.match(kept.stderr, /^error: task 1: InjectedCrash: crashed on purpose/m);
  assert.equal(kept.stderr.split('\n').filter((l) => / tasks run failed /.test(l)).length, 1, kept.stderr);
  assert.match(kept.stderr, new RegExp(`^keepgoing: 1 of the ${6 - first.ran} tasks run failed \\(an unexpected error, no result\\): their rows in the store ${db.replace(/[.]/g, '\\.')} have status error, the error's type and message \\(sacplate results ${file.replace(/[.]/g, '\\.')} --db ${db.replace(/[.]/g, '\\.')} --format csv\\); run the same command again to retry them: finished results are kept and not run again$`, 'm'));
  const before = read();
  assert.deepEqual(before.map((x) => x.status), ['done', 'error', 'done', 'done', 'done', 'done']);
  // the error row in the results table: its axis values, its type and message
  const csv = await cli(['results', file, '--db', db, '--format', 'csv']);
  const [head, ...lines] = csv.stdout.trim().split('\n').map((l) => l.split(','));
  const row = lines[1]!;
  const at = (k: string) => row[head!.indexOf(k)];
  assert.deepEqual([at('status'), at('sacs[0].loading'), at('seed'), at('error_type')], ['error', '2 %', '2', 'InjectedCrash']);
  assert.match(at('error')!, /^"?task 1: crashed on purpose \(SACPLATE_DEBUG_CRASH_TASKS=1: /);
  // by point (mends67): the point counts it in `errors`, and a line under the table says where its message is
  const bp = await cli(['results', file, '--db', db, '--by-point', '--format', 'json']);
  assert.equal(bp.status, 0, bp.stderr);
  assert.deepEqual((JSON.parse(bp.stdout) as { done: number; errors: number }[]).map((p) => [p.done, p.errors]), [[2, 1], [3, 0]]);
  assert.match(bp.stderr, new RegExp(`^note: 1 task of 1 point ended in an error .*: sacplate results ${file.replace(/[.]/g, '\\.')} --db ${db.replace(/[.]/g, '\\.')} --format csv; run the sweep again to retry them$`, 'm'));
  // the rerun (no crash now) runs task 1 alone; the finished results are the same rows, not run again
  const again = await cli(['sweep', file, '--db', db, '--threads', '1', '--json']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /^keepgoing: 6 tasks, 5 with a result, 0 invalid, 1 to run$/m);
  assert.deepEqual([JSON.parse(again.stdout).ran, JSON.parse(again.stdout).errors], [1, 0]);
  const after = read();
  assert.deepEqual(after.map((x) => x.status), ['done', 'done', 'done', 'done', 'done', 'done']);
  for (const i of [0, 2, 3, 4, 5]) assert.deepEqual(after[i]!.metrics, before[i]!.metrics, `task ${i} kept as it was (its wall_s too)`);
  const s = SweepStore.open(db);
  try { for (const r of after) assert.equal(s.resultCount(r.hash), 1); } finally { s.close(); }
});

// review60: a run's blocks of readings (metrics.json `transport` with an electrolyte, `sei` with an SEI) were one cell of
// JSON text per task in `sacplate results` (pandas: a string to json.loads row by row), and `--by-point`, which keeps
// numbers, left them out: a current-density sweep of an electrolyte run had no surface concentration nor Sand's time by
// point. Each reading is now a column of its own, named by its path in metrics.json, with its mean and interval by point.
test('results: the transport and SEI blocks are one column per reading (transport.surface_concentration_M), per task and per point', () => {
  const base = {
    metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um' },
    sei: 'carbonate', protocol: ['Plate 0.005 mAh/cm2 at 150 mA/cm2'], output: { snapshots: false },
  };
  const ms = [1, 2].map((seed) => simulate({ ...base, seed }).metrics);
  const tr = ms.map((m) => m.transport!);
  assert.ok(tr.every((t) => typeof t.surface_concentration_M === 'number') && ms.every((m) => m.sei !== undefined), 'both blocks in metrics.json');
  const rows = ms.map((metrics, i) => ({ index: i, hash: `h${i}`, label: { seed: i + 1 }, status: 'done' as const, metrics: metrics as unknown as Record<string, unknown> }));
  const [head, ...lines] = tableCsv(resultTable(rows)).trim().split('\n').map((l) => l.split(','));
  const at = (line: string[], k: string) => { const j = head!.indexOf(k); assert.ok(j >= 0, `${k} in ${head!.join(',')}`); return line[j]!; };
  assert.ok(!head!.includes('transport') && !head!.includes('sei'), 'no column of JSON text');
  assert.ok(lines.every((l) => !l.some((c) => c.includes('{'))), 'no cell of JSON text');
  lines.forEach((l, i) => {
    assert.equal(Number(at(l, 'transport.surface_concentration_M')), +tr[i]!.surface_concentration_M.toPrecision(12));
    assert.equal(Number(at(l, 'transport.limiting_current_mA_per_cm2')), +tr[i]!.limiting_current_mA_per_cm2!.toPrecision(12));
    assert.equal(at(l, 'transport.electrolyte'), 'LiPF6-EC-DMC');
    assert.equal(at(l, 'transport.field_grid.columns'), '4;4');
    assert.equal(Number(at(l, 'sei.sei_faces_stretched')), (ms[i]!.sei as Record<string, number>).sei_faces_stretched);
  });
  const t = pointTable(rows);
  const p = (k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[0]![j]; };
  const iv = boundedInterval(tr.map((x) => x.surface_concentration_M), 'transport.surface_concentration_M');
  assert.deepEqual(['', '_lo95', '_hi95'].map((s) => p(`transport.surface_concentration_M${s}`)), [iv.mean, iv.lo, iv.hi]);
  assert.ok(t.columns.includes('transport.concentration_overpotential_mV_hi95') && t.columns.includes('sei.sei_faces_stretched_lo95'));
  // the cell's limiting current is its set-up, one value a point as the run's current is
  assert.equal(p('transport.limiting_current_mA_per_cm2'), tr[0]!.limiting_current_mA_per_cm2);
  assert.ok(!t.columns.includes('transport.limiting_current_mA_per_cm2_lo95'));
});

// mends78 (review62 left it): `transport.sand_steps` (a list of records, one per plating step above J_lim) was one cell
// of JSON text per task (`{"step":1,"protocol":...}`), the form review60 removed for the blocks, and `--by-point` left it
// out: now its count and the first step's numbers, one setting column each by point
test('results: transport.sand_steps is number columns (its count, the first step\'s step, current and Sand\'s time), per task and per point; no JSON text', () => {
  const base = {
    metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '500 um', stop_at_sand: true },
    protocol: ['Plate at 1000 mA/cm2 for 1 s'], output: { snapshots: false },
  };
  const ms = [1, 2].map((seed) => simulate({ ...base, seed }).metrics);
  const steps = ms[0]!.transport!.sand_steps;
  assert.equal(steps.length, 1, 'one plating step above J_lim');
  const rows = ms.map((metrics, i) => ({ index: i, hash: `h${i}`, label: { seed: i + 1 }, status: 'done' as const, metrics: metrics as unknown as Record<string, unknown> }));
  const [head, ...lines] = tableCsv(resultTable(rows)).trim().split('\n').map((l) => l.split(','));
  const at = (line: string[], k: string) => { const j = head!.indexOf(k); assert.ok(j >= 0, `${k} in ${head!.join(',')}`); return line[j]!; };
  assert.ok(!head!.includes('transport.sand_steps'), 'no column of JSON text');
  assert.ok(lines.every((l) => !l.some((c) => c.includes('{'))), `no cell of JSON text: ${lines.map((l) => l.join(',')).join('\n')}`);
  for (const l of lines) {
    assert.equal(at(l, 'transport.sand_steps.count'), '1');
    assert.equal(Number(at(l, 'transport.sand_steps[0].sand_time_analytic_s')), +steps[0]!.sand_time_analytic_s.toPrecision(12));
    assert.equal(Number(at(l, 'transport.sand_steps[0].current_mA_per_cm2')), 1000);
    assert.equal(at(l, 'transport.sand_steps[0].step'), '1');
  }
  const t = pointTable(rows);
  const p = (k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[0]![j]; };
  assert.deepEqual([p('transport.sand_steps.count'), p('transport.sand_steps[0].sand_time_analytic_s')], [1, steps[0]!.sand_time_analytic_s]);
  assert.ok(!t.columns.includes('transport.sand_steps.count_lo95'), 'a setting of the run: one column by point');
});

test('sweep files: an axis whose path is a whole block (cell, electrolyte, lattice) gives each task the base\'s block with the value\'s changes, as a comparison\'s variant; a value that is not a map, or a path into a list, replaces (mends98)', () => {
  // mends95 left it: `cell: [{ space_charge: chazalviel }, ...]` replaced the base's whole cell (the default 25 um
  // separator, not the base's 500 um diffusion layer), where a comparison's variant merges it
  const el = { name: 'my-LiPF6', concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38, conductivity: '10 mS/cm' };
  const base = {
    metal: 'Li', lattice: { size: [4, 4, 40], voxel: '100 nm' }, host: 'Cu', electrolyte: el, sacs: [{ site: 'Zn-N4', loading: '4 %' }],
    cell: { field_cell: '100 nm', diffusion_layer: '500 um' }, protocol: ['Plate 0.035 mAh/cm2 at 1000 mA/cm2'], seed: 1,
  };
  const cells = [{ space_charge: 'chazalviel' }, { space_charge: 'off' }, { diffusion_layer: null, separator_distance: '50 um' }];
  const els = [{ concentration: '2 M' }, { name: 'two-molar', concentration: '2 M' }];
  const tasks = resolveTasks(parseSweep({ base, axes: { cell: cells, electrolyte: els } }));
  assert.deepEqual(tasks.map((t) => t.error?.message), cells.flatMap(() => els.map(() => undefined)));
  const runs = tasks.map((t) => t.run!);
  for (const r of runs.slice(0, 4)) { assert.equal(r.transport!.boundary, 'diffusion_layer'); close(r.transport!.distance_m, 500e-6); close(r.transport!.cell_voxels, 1); }
  assert.deepEqual(runs.map((r) => r.transport!.space_charge), ['chazalviel', 'chazalviel', undefined, undefined, undefined, undefined]);
  for (const r of runs.slice(4)) { assert.equal(r.transport!.boundary, 'separator'); close(r.transport!.distance_m, 50e-6); } // null removed the base's key
  assert.deepEqual(runs.map((r) => r.transport!.electrolyte.name), ['my-LiPF6 (changed: concentration)', 'two-molar', 'my-LiPF6 (changed: concentration)', 'two-molar', 'my-LiPF6 (changed: concentration)', 'two-molar']);
  close(runs[0]!.transport!.electrolyte.D_m2_per_s, 3e-10);
  close(runs[0]!.transport!.electrolyte.c0_mol_per_m3, 2000); // the base's diffusivity kept beside the new concentration
  // the same runs as a comparison of those variants (src/batch/variant-merge.ts mergeVariant, one rule for both)
  const cmp = parseCompareInput({ ...base, variants: cells.flatMap((c, i) => els.map((e, j) => ({ name: `v${i}${j}`, cell: c, electrolyte: e }))) });
  assert.deepEqual(tasks.map((t) => t.hash), cmp.map((c) => taskHash(c.run)));
  // lattice: a list inside the block still replaces, the voxel kept; a named SEI set under a map is that set with its changes
  const [wide] = resolveTasks(parseSweep({ base, axes: { lattice: [{ size: [8, 8, 40] }] } }));
  assert.deepEqual(wide!.run!.lattice.size, [8, 8, 40]);
  close(wide!.run!.lattice.voxel_m, 100e-9);
  assert.deepEqual(expandSweep(parseSweep({ base: { ...base, sei: 'ether' }, axes: { sei: [{ formation_rate: 3 }] } }))[0]!.input.sei, { set: 'ether', formation_rate: 3 });
  // a value that is not a map replaces (null too), and so does a map at a path into a list (sacs[0]: a list's entry)
  const [nul, , sac] = [
    ...expandSweep(parseSweep({ base, axes: { 'cell.diffusion_layer': [null, '1 mm'] } })),
    ...expandSweep(parseSweep({ base, axes: { 'sacs[0]': [{ loading: '2 %' }] } })),
  ];
  assert.deepEqual(nul!.input.cell, { field_cell: '100 nm', diffusion_layer: null });
  assert.deepEqual(sac!.input.sacs, [{ loading: '2 %' }]);
  assert.deepEqual(base.cell, { field_cell: '100 nm', diffusion_layer: '500 um' }, 'the base is not changed');
});

// review80: `electrolyte: [{ concentration: 2 M }]` over a base `electrolyte: LiPF6-EC-DMC` (a named set has no merge form, so
// the map replaces it) read `electrolyte.diffusivity: got nothing (field missing), ... (required in an inline electrolyte)`,
// a key the user never wrote, in every task; a comparison's variant read it as the base's key `(in variants[0] "x")`
test('sweep axis or comparison variant: a map over the base\'s named electrolyte is refused as what it is, naming the set and what to give (review80)', () => {
  const base = {
    metal: 'Li', lattice: { size: [4, 4, 10], voxel: '100 nm' }, host: 'Cu', electrolyte: 'LiPF6-EC-DMC',
    cell: { diffusion_layer: '50 um' }, protocol: ['Plate 0.01 mAh/cm2 at 50 mA/cm2'], seed: 1,
  };
  const els = [{ concentration: '2 M' }, { concentration: '2 M', diffusivity: '3e-6 cm2/s', transference: 0.38 }];
  const tasks = resolveTasks(parseSweep({ base, axes: { electrolyte: els } }));
  const said = /^task 0 \(electrolyte=\{"concentration":"2 M"\}\): electrolyte: got \{"concentration":"2 M"\}, expected .*a map over the base's named electrolyte LiPF6-EC-DMC replaces it whole.*diffusivity.*sacplate params show LiPF6-EC-DMC/;
  assert.match(tasks[0]!.error?.message ?? '', said);
  assert.equal(tasks[0]!.error?.field, 'electrolyte');
  assert.equal(tasks[1]!.error, undefined, 'a whole inline electrolyte in its place runs');
  assert.equal(tasks[1]!.run!.transport!.electrolyte.name, 'inline');
  // the same words from a comparison, naming the variant's own key
  assert.throws(() => parseCompareInput({ ...base, variants: [{ name: 'base' }, { name: 'two-molar', electrolyte: els[0] }] }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.field, 'variants[1].electrolyte');
    assert.match(e.message, /a map over the base's named electrolyte LiPF6-EC-DMC replaces it whole/);
    return true;
  });
  // an inline base is merged as before (mends98), and a map's own mistake over a named set keeps its own words
  assert.equal(resolveTasks(parseSweep({ base: { ...base, electrolyte: { concentration: '1 M', diffusivity: '3e-6 cm2/s', transference: 0.38 } }, axes: { electrolyte: [els[0]] } }))[0]!.error, undefined);
  assert.match(resolveTasks(parseSweep({ base, axes: { electrolyte: [{ ...els[1], transference: 2 }] } }))[0]!.error?.message ?? '', /electrolyte\.transference: got 2, expected a cation transference number/);
});

// review79: the space-charge zone's constants of the set-up (the anions' drift per mA/cm2, the solid fraction phi, the
// box's columns and the 1 / phi a front needs) each kept `_lo95`/`_hi95` columns by point, always empty, where the
// cell's limiting current, its grid and the voxel's charge are one setting column
test('results --by-point: the space-charge zone\'s constants of the set-up (transport.space_charge.solid_fraction, columns, ...) are one setting column a point, its readings keep their interval (review79)', () => {
  const base = {
    metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 10], voxel: '100 nm' }, electrolyte: 'LiPF6-EC-DMC',
    cell: { diffusion_layer: '500 um', field_cell: '100 nm', space_charge: 'chazalviel' }, protocol: ['Plate at 1000 mA/cm2 for 1 s'], output: { snapshots: false },
  };
  const ms = [1, 2].map((seed) => simulate({ ...base, seed }).metrics);
  const sc = ms.map((m) => m.transport!.space_charge!);
  assert.ok(sc.every((x) => x.zones === 1) && sc[0]!.onset_layer !== sc[1]!.onset_layer, 'a zone in both seeds, at different layers');
  const rows = ms.map((metrics, i) => ({ index: i, hash: `h${i}`, label: { seed: i + 1 }, status: 'done' as const, metrics: metrics as unknown as Record<string, unknown> }));
  const t = pointTable(rows);
  const p = (k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[0]![j]; };
  for (const k of ['anion_drift_um_per_s_per_mA_cm2', 'solid_fraction', 'columns', 'columns_needed'] as const) {
    const key = `transport.space_charge.${k}`;
    assert.equal(p(key), sc[0]![k], key);
    assert.ok(!t.columns.includes(`${key}_lo95`) && !t.columns.includes(`${key}_hi95`), `${key}: a setting, no interval`);
  }
  assert.equal(p('transport.space_charge.columns'), 16);
  assert.equal(p('transport.space_charge.onset_layer'), (sc[0]!.onset_layer + sc[1]!.onset_layer) / 2);
  assert.ok(t.columns.includes('transport.space_charge.onset_layer_lo95'), 'a reading keeps its interval');
});

// mends100 (review79): --by-point kept numbers only, so text metrics (the electrolyte's name, the field's boundary, the
// steps' ends, what the readings are at) were in the per-task table and compare.csv but not by point
test('mends100: results --by-point keeps a text metric as one column, the point\'s seeds\' common text, empty where they differ (a note says so)', () => {
  const m = (electrolyte: string, ended: string[], readings: string) => ({
    metal: 'Li', seed: 1, nucleation_overpotential_mV: 40, steps_ended: ended,
    transport: { electrolyte, readings_at: readings, field_grid: { boundary: 'separator', cell_nm: 100 } },
  });
  const row = (index: number, axis: string, seed: number, metrics: Record<string, unknown>) => ({ index, hash: `h${index}`, label: { electrolyte: axis, seed }, status: 'done' as const, metrics });
  const t = pointTable([
    row(0, 'a', 1, m('LiPF6-EC-DMC', ['charge'], 'end of run')), row(1, 'a', 2, m('LiPF6-EC-DMC', ['charge'], 'end of run')),
    row(2, 'b', 1, m('KFSI-DME', ['charge'], 'end of run')), row(3, 'b', 2, m('KFSI-DME', ['box_full'], 'space-charge zone')),
  ]);
  const at = (i: number, k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[i]![j]; };
  assert.equal(at(0, 'transport.electrolyte'), 'LiPF6-EC-DMC');
  assert.equal(at(1, 'transport.electrolyte'), 'KFSI-DME');
  assert.equal(at(0, 'metal'), 'Li');
  assert.equal(at(1, 'transport.field_grid.boundary'), 'separator');
  assert.equal(at(0, 'steps_ended'), 'charge');
  assert.equal(at(1, 'steps_ended'), null, 'the seeds differ: empty');
  assert.equal(at(1, 'transport.readings_at'), null);
  assert.match(String(at(1, 'notes')), /steps_ended: the seeds differ/);
  // (the seeds' nucleation readings agree, 40 and 40: a note says so since mends123; none on the text, which is common)
  assert.doesNotMatch(String(at(0, 'notes')), /differ/);
  assert.ok(!t.columns.includes('transport.electrolyte_lo95'), 'no interval for text');
  assert.equal(at(0, 'nucleation_overpotential_mV'), 40, 'numbers as before');
});

// mends116 (review86 F3): a nucleation reading <= 0 is no dip, not a nucleation barrier (the CLI table's cell reads
// "none (no dip: plateau above peak)"), but --by-point averaged it as a number: a point of two no-dip seeds read
// -98.28 [-121.06, -75.50] mV, one of a no-dip seed and a dip 2.24 [-45.78, 50.27] mV
test('results --by-point: no-dip nucleation readings are counted, not averaged: the mean and interval are of the seeds with a dip, a note says how many (mends116)', () => {
  const row = (index: number, point: string, seed: number, nuc: number) => ({ index, hash: `h${index}`, label: { loading: point, seed }, status: 'done' as const,
    metrics: { nucleation_overpotential_mV: nuc, peak_overpotential_mV: 100, nucleation_no_dip: nuc <= 0 } });
  const none = [-96.48, -100.08], mixed = [-1.54, 6.02, 10.4];
  const t = pointTable([...none.map((x, i) => row(i, '4 %', i + 1, x)), ...mixed.map((x, i) => row(2 + i, '1 %', i + 1, x))]);
  const at = (i: number, k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[i]![j]; };
  // every seed without a dip: no mean, no interval, both counted
  assert.deepEqual(['nucleation_overpotential_mV', 'nucleation_overpotential_mV_lo95', 'nucleation_overpotential_mV_hi95'].map((k) => at(0, k)), [null, null, null]);
  assert.equal(at(0, 'nucleation_no_dip_seeds'), 2);
  assert.match(String(at(0, 'notes')), /nucleation_overpotential_mV: 2 of 2 seeds had no dip .*no mean/);
  // one of three without: the mean of the two dips, their interval, and n said
  const dips = mixed.filter((x) => x > 0);
  assert.ok(Math.abs(Number(at(1, 'nucleation_overpotential_mV')) - (dips[0]! + dips[1]!) / 2) < 1e-12, `mean ${at(1, 'nucleation_overpotential_mV')}`);
  assert.ok(Number(at(1, 'nucleation_overpotential_mV_lo95')) > -45, `interval of the dips only: lo ${at(1, 'nucleation_overpotential_mV_lo95')}`);
  assert.equal(at(1, 'nucleation_no_dip_seeds'), 1);
  assert.match(String(at(1, 'notes')), /nucleation_overpotential_mV: 1 of 3 seeds had no dip .*the mean and interval are of the 2 with a dip/);
  // the peak, a reading in every seed, is averaged over all of them as before
  assert.equal(at(0, 'peak_overpotential_mV'), 100);
});

// mends123 (review88 F3): two seeds that agree (island_count 3 and 3) gave empty `_lo95`/`_hi95` cells with `done` 2 and
// an empty `notes`, read as one seed; the note now says the seeds agree (docs/figures.md's round-off rule)
test('results --by-point: seeds that agree on a metric get empty interval cells and a note that says so, not read as one seed (mends123)', () => {
  const row = (index: number, point: string, seed: number, islands: number, height: number) => ({ index, hash: `h${index}`, label: { loading: point, seed }, status: 'done' as const,
    metrics: { island_count: islands, deposited_voxels: 34, mean_height_nm: height } });
  const t = pointTable([row(0, '1 %', 1, 3, 1.5), row(1, '1 %', 2, 3, 2.5), row(2, '2 %', 1, 4, 1.5)]);
  const at = (i: number, k: string) => { const j = t.columns.indexOf(k); assert.ok(j >= 0, `${k} in ${t.columns.join(',')}`); return t.rows[i]![j]; };
  assert.deepEqual(['island_count', 'island_count_lo95', 'island_count_hi95', 'done'].map((k) => at(0, k)), [3, null, null, 2]);
  assert.match(String(at(0, 'notes')), /island_count, deposited_voxels: the 2 seeds agree \(the same value to round-off\): no interval/);
  assert.doesNotMatch(String(at(0, 'notes')), /mean_height_nm/, 'a metric with a spread has its interval and no note');
  assert.ok(Number(at(0, 'mean_height_nm_lo95')) < 2);
  assert.equal(at(1, 'notes'), null, 'one seed: no note (docs: one seed gives empty interval cells)');
});

// mends123 (review88 F7): an axis mixing `25 degC` and `298.15 K` got `temperature_value` / `temperature_unit` and no
// `temperature_K`, though both convert; units that convert into one another now give the one number column
test('results: an axis whose units convert into one another (25 degC, 298.15 K; 1 mA/cm2, 2 A/m2) gets one number column in one unit; units that do not compare keep value + unit (mends123)', () => {
  const temps = ['25 degC', '298.15 K', '300 K'], currents = ['1 mA/cm2', '1 mA/cm2', '2 A/m2'], loads = ['1 wt%', '2 %', '2 %'];
  const rows = temps.map((temperature, i) => ({ index: i, hash: `h${i}`, status: 'done' as const,
    label: { temperature, current: currents[i]!, 'sacs[0].loading': loads[i]!, seed: 1 }, metrics: { temperature_K: 1000 + i } })); // (not a real run's: the metric told apart from the axis' column)
  for (const t of [resultTable(rows), pointTable(rows)]) {
    const col = (name: string) => { const j = t.columns.indexOf(name); assert.ok(j >= 0, `${name} in ${t.columns.join(',')}`); return t.rows.map((r) => r[j]); };
    assert.deepEqual(col('temperature_K'), [298.15, 298.15, 300], 'degC converted to K');
    assert.deepEqual(col('temperature'), temps, 'the values as written stay');
    assert.ok(!t.columns.includes('temperature_value') && !t.columns.includes('temperature_unit'));
    assert.deepEqual(col('current_mA_per_cm2'), [1, 1, 0.2], 'in the first value\'s unit');
    // % of sites and wt% of the host's mass do not compare, though both are fractions
    assert.deepEqual(col('sacs[0].loading_value'), [1, 2, 2]);
    assert.deepEqual(col('sacs[0].loading_unit'), ['wt%', '%', '%']);
    assert.deepEqual(col('metric.temperature_K'), [1000, 1001, 1002], 'the metric beside the axis column of the same name');
  }
});

// mends123 (review88 F6): a map (block) axis was one column of JSON text (`kinetics` = `{"terraceBarrier":"0.2 eV"}`), a
// string inside `--format json`, with no number column to plot by; now a number column per key whose values are numbers
test('results: a map axis keeps its JSON column and gets a number column per key of numbers (kinetics.terraceBarrier_eV); --format json gives the map as an object (mends123)', async () => {
  const { tableJson } = await import('../src/sweep/results.js');
  const maps = [{ terraceBarrier: '0.2 eV', attempt: 1e13 }, { terraceBarrier: '300 meV', attempt: 2e13 }];
  const rows = maps.flatMap((kinetics, i) => [1, 2].map((seed) => ({ index: 2 * i + seed - 1, hash: `h${i}${seed}`, status: 'done' as const,
    label: { kinetics, electrochem: { estimator: i ? 'rates' : 'scaled-rates' }, seed }, metrics: { island_count: i + seed } })));
  for (const [t, perPoint] of [[resultTable(rows), false], [pointTable(rows), true]] as const) {
    const col = (name: string) => { const j = t.columns.indexOf(name); assert.ok(j >= 0, `${name} in ${t.columns.join(',')}`); return t.rows.map((r) => r[j]); };
    const pick = <T>(xs: T[]) => (perPoint ? xs : xs.filter((_, k) => k % 2 === 0));
    assert.deepEqual(pick(col('kinetics')), ['{"terraceBarrier":"0.2 eV","attempt":10000000000000}', '{"terraceBarrier":"300 meV","attempt":20000000000000}'], 'the JSON column stays');
    assert.deepEqual(pick(col('kinetics.terraceBarrier_eV')), [0.2, 0.3]);
    assert.deepEqual(pick(col('kinetics.attempt')), [1e13, 2e13]);
    assert.ok(!t.columns.some((c) => c.startsWith('electrochem.')), 'a key of names: no number column');
    const json = JSON.parse(tableJson(t)) as Record<string, unknown>[];
    assert.deepEqual(json[0]!.kinetics, maps[0], 'an object in JSON, not its text');
    assert.deepEqual(json[0]!.electrochem, { estimator: 'scaled-rates' });
  }
});

// mends123 (review88 F10): `sacplate sweep` had no plan-only run: the plan line and the invalid lines came only as the
// sweep started running its tasks
test('sweep --plan: the plan line and the invalid lines, nothing run or recorded; exit 2 when a task is invalid or the file is bad, 0 otherwise (mends123)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-plan-'));
  const db = join(dir, 'store.db');
  const bad = sweepFile(dir, 'plan-bad', { axes: { temperature: ['298.15 K', '25 degC', '900 K'] } });
  const r = await cli(['sweep', bad, '--plan', '--db', db]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^plan-bad: 3 tasks, 0 with a result, 1 invalid, 1 to run, 1 repeating an earlier task's run/);
  assert.match(r.stderr, /\ninvalid: task 2 \(temperature=900 K\): temperature: got "900 K"/);
  assert.match(r.stdout, /to_run: 1/);
  assert.ok(!existsSync(db), 'no store made: nothing recorded');
  // a sweep with a result: counted as such, and nothing more runs
  const good = sweepFile(dir, 'plan-good', { axes: { temperature: ['298.15 K', '300 K'] } });
  assert.equal((await cli(['sweep', good, '--db', db, '--threads', '1'])).status, 0);
  writeFileSync(good, JSON.stringify({ name: 'plan-good', base: TINY_BASE, axes: { temperature: ['298.15 K', '300 K', '310 K'] } }));
  const p = await cli(['sweep', good, '--plan', '--db', db, '--json']);
  assert.equal(p.status, 0, p.stderr);
  assert.match(p.stderr, /^plan-good: 3 tasks, 2 with a result, 0 invalid, 1 to run\n/);
  assert.deepEqual(JSON.parse(p.stdout), { sweep: 'plan-good', tasks: 3, with_result: 2, invalid: 0, to_run: 1, repeats: 0 });
  const store = SweepStore.open(db);
  try { assert.equal(store.sweepRows('plan-good').length, 2, 'the listing is the one of the sweep run, not of the plan'); } finally { store.close(); }
  // a bad file: one line, exit 2; with --resume: refused naming --plan (with a queue: test/sweep-queue.test.ts, mends124)
  const typo = sweepFile(dir, 'plan-typo', { axes: { temprature: ['298.15 K'] } });
  const t = await cli(['sweep', typo, '--plan', '--db', db]);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /temprature/);
  const q = await cli(['sweep', good, '--plan', '--resume', '--db', db]);
  assert.equal(q.status, 2);
  assert.match(q.stderr, /--plan: got true, expected no --resume/);
});

// mends124 (mends123's "Left:"): a list among an axis' values, the axis' own (`lattice.size: [[8, 8, 10], [16, 16, 12]]`)
// or a key of a map axis (`lattice: [{ size: [8, 8, 10] }, ...]`), was its text alone (`8;8;10`), no number column
test('results: a list-valued axis, or a list key of a map axis, gets a number column per entry, named by its path (lattice.size[0], protocol[0]_current_mA_per_cm2) (mends124)', () => {
  const sizes = [[8, 8, 10], [16, 16, 12]];
  const lattices = [{ size: [8, 8, 10], voxel: '10 nm' }, { size: [16, 16, 12], voxel: '5 nm' }];
  const protocols = [['Plate 0.001 mAh/cm2 at 1 mA/cm2'], ['Plate 0.002 mAh/cm2 at 3 mA/cm2']];
  // two points of two seeds each, the point's axis values by `label(i)`
  const rowsOf = (label: (i: number) => Record<string, unknown>) => [0, 1].flatMap((i) => [1, 2].map((seed) => ({ index: 2 * i + seed - 1,
    hash: `h${i}${seed}`, status: 'done' as const, label: { ...label(i), seed }, metrics: { island_count: i + seed } })));
  const own = rowsOf((i) => ({ 'lattice.size': sizes[i], protocol: protocols[i], tags: [['a', 'b'], ['c']][i] }));
  const inMap = rowsOf((i) => ({ lattice: lattices[i] }));
  for (const perPoint of [false, true]) {
    const table = (rows: typeof own) => (perPoint ? pointTable(rows) : resultTable(rows));
    const colOf = (t: ReturnType<typeof resultTable>) => (name: string) => {
      const j = t.columns.indexOf(name);
      assert.ok(j >= 0, `${name} in ${t.columns.join(',')}`);
      return t.rows.map((r) => r[j]).filter((_, k) => perPoint || k % 2 === 0);
    };
    const t = table(own), col = colOf(t);
    assert.deepEqual(col('lattice.size'), ['8;8;10', '16;16;12'], 'the text column stays');
    for (const k of [0, 1, 2]) assert.deepEqual(col(`lattice.size[${k}]`), sizes.map((s) => s[k]));
    assert.deepEqual(col('protocol[0]_current_mA_per_cm2'), [1, 3], 'a list of steps: each step as a step axis');
    assert.deepEqual(col('protocol[0]_capacity_mAh_per_cm2'), [0.001, 0.002]);
    assert.ok(!t.columns.some((c) => c.startsWith('tags[')), 'a list of names: no number column');
    const m = table(inMap), mcol = colOf(m);
    for (const k of [0, 1, 2]) assert.deepEqual(mcol(`lattice.size[${k}]`), lattices.map((l) => l.size[k]), 'a map key\'s list: the same names');
    assert.deepEqual(mcol('lattice.voxel_nm'), [10, 5]);
  }
});

test('mends61b: the library\'s sweep of a screen returns the candidates it leaves out (notEvaluated: { name, error }), as runScreen\'s invalid; a sweep file\'s is []', async () => {
  const { runSweep } = await import('../src/sweep/library.js');
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-'));
  const db = join(dir, 'store.db');
  // robust61 fixed the CLI's words; runSweep/sweepTasks still dropped the refused candidate without a word (SweepResult had no field for it)
  const screen = {
    name: 'tiny-screen', base: { ...TINY_BASE, sacs: [] }, seeds: 1, objectives: ['nucleation_overpotential_mV'],
    candidates: [{ name: 'ok', sacs: [] }, { name: 'bad', sacs: [{ site: 'Zn-N4', loading: '200 %' }] }],
  };
  const r = await runSweep(screen, { db, threads: 1 });
  assert.equal(r.tasks, 1);
  assert.deepEqual(r.notEvaluated?.map((c) => c.name), ['bad']);
  assert.match(r.notEvaluated?.[0]?.error ?? '', /^candidates\[1\] "bad": sacs\[0\]\.loading: got "200 %", expected a loading from 0 to 100 %/);
  // a sweep file has no candidates to leave out
  const s = await runSweep({ name: 'tiny-sweep', base: TINY_BASE, axes: { 'sacs[0].loading': ['4 %'] } }, { db, threads: 1 });
  assert.deepEqual(s.notEvaluated, []);
});
