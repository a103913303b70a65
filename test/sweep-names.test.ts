/**
 * Two sweep files that share a name (a/x.yaml and b/x.yaml both default to "x") in one store: the
 * second is refused with one InputError naming the name, both files and the fix (`name:` in the
 * file), before any task runs, and the first's listing stays (`results x` gives its tasks). Before,
 * the second silently replaced sweep x's listing. The same file again (by another relative path) is
 * its own sweep; a row kept with a relative path (before the paths were made absolute) is taken
 * over as before; with `name:` both are kept. Through the real SQLite store (SweepStore, the CLI's
 * `sweep` and `results`); no simulation runs (planSweep records a sweep without running it): the file
 * costs 1.1 s of CPU (user + sys, alone, 2-core machine at a load of about 5).
 * The refusal offers `--name` too (the library's `name` option): `sacplate sweep FILE --name NAME`,
 * runSweep(FILE, { name }) and a screen's name the same way (its sweep NAME-runs) keep a second file
 * beside the first without editing it; a bad --name is refused naming --name (the library's, name).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SweepStore } from '../src/sweep/store.js';
import { loadSweepFile, parseSweep } from '../src/sweep/spec.js';
import { planSweep } from '../src/sweep/run.js';
import { loadScreenFile } from '../src/screen/spec.js';
import { screenSweep } from '../src/screen/stages.js';
import { InputError } from '../src/errors.js';
import { cli } from './helpers/cli.js';
import { runSweep, sweepSpecOf, sweepTasks } from '../src/sweep/library.js';
import { runScreen } from '../src/screen/screen.js';
import { parseCsv } from '../src/io/csv.js';
import { resultTable, tableCsv } from '../src/sweep/results.js';
import type { SweepRow } from '../src/sweep/store.js';
import { tempFolder } from './helpers/tmp.js';

const base = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } };
const sweepFile = (dir: string, sizes: number[], name?: string): string => {
  mkdirSync(dir, { recursive: true });
  const f = join(dir, 'x.json');
  writeFileSync(f, JSON.stringify({ ...(name ? { name } : {}), base, axes: { 'lattice.size[0]': sizes } }));
  return f;
};
/** Two sweep files named x (a/x.json with one task, b/x.json with two) beside a store, in a folder removed after `fn`. */
const withTwoFiles = async (fn: (t: { dir: string; db: string; a: string; b: string }) => Promise<void>): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-names-'));
  try { await fn({ dir, db: join(dir, 'store.db'), a: sweepFile(join(dir, 'a'), [8]), b: sweepFile(join(dir, 'b'), [8, 10]) }); }
  finally { rmSync(dir, { recursive: true, force: true }); }
};
const listed = (db: string, name: string) => { const s = SweepStore.open(db); try { return s.sweepRows(name).map((r) => r.label); } finally { s.close(); } };

test('a second file with the same sweep name is refused (name, both files, the fix) and the first listing stays', async () => {
  await withTwoFiles(async ({ dir, db, a, b }) => {
    const store = SweepStore.open(db);
    try {
      assert.equal(planSweep(store, loadSweepFile(a)).tasks.length, 1);
      assert.throws(() => planSweep(store, loadSweepFile(b)), (e: unknown) => e instanceof InputError && e.field === 'name' && e.value === 'x');
      // the same file again, named by a relative path: its own sweep, accepted
      const prev = process.cwd();
      process.chdir(dir);
      try { assert.equal(planSweep(store, loadSweepFile(relative(dir, a))).tasks.length, 1); } finally { process.chdir(prev); }
    } finally { store.close(); }

    const r = await cli(['sweep', b, '--db', db, '--threads', '1']);
    assert.equal(r.code, 2, r.stderr);
    const line = r.stderr.trim();
    assert.equal(line.split('\n').length, 1, line);
    for (const part of ['name: got "x"', a, b, '`name:`', 'with --name']) assert.ok(line.includes(part), `${part} in: ${line}`);
    assert.deepEqual(listed(db, 'x'), [{ 'lattice.size[0]': 8 }], 'sweep x still lists a/x.json\'s one task');
    const csv = await cli(['results', 'x', '--db', db, '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout.trim().split('\n').length, 2, 'results x: a header and a/x.json\'s one task');

    // with a name of its own, b is kept beside a
    const named = sweepFile(join(dir, 'b'), [8, 10], 'x-b');
    const s2 = SweepStore.open(db);
    try { planSweep(s2, loadSweepFile(named)); } finally { s2.close(); }
    assert.equal(listed(db, 'x').length, 1);
    assert.equal(listed(db, 'x-b').length, 2);
  });
});

test('a sweep row kept with a relative file path (an older store) is taken over, and then holds the absolute path', async () => {
  await withTwoFiles(async ({ db, a, b }) => {
    const store = SweepStore.open(db);
    try {
      store.defineSweep('x', 'a/x.json', {}, [{ index: 0, hash: 'h0', label: {} }]); // as `sacplate sweep a/x.json --queue` kept it
      assert.equal(planSweep(store, loadSweepFile(b)).tasks.length, 2);
      assert.equal(store.listSweeps().find((s) => s.name === 'x')?.file, b);
      assert.throws(() => planSweep(store, loadSweepFile(a)), /sweep "x"/);
    } finally { store.close(); }
  });
});

test('two screen files with the same name: the second screen\'s runs are refused as a sweep of the other file, with an example name the screen takes as it says', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sweep-names-'));
  try {
    const db = join(dir, 'store.db');
    const screen = (sub: string, site: string) => {
      mkdirSync(join(dir, sub));
      const f = join(dir, sub, 's.json');
      writeFileSync(f, JSON.stringify({ base, candidates: [{ name: 'bare', sacs: [] }, { name: site, sacs: [{ site, loading: '2 %' }] }], objectives: ['nucleation_overpotential_mV'] }));
      return screenSweep(loadScreenFile(f));
    };
    const a = screen('a', 'Zn-N4'), b = screen('b', 'Fe-N4');
    assert.equal(a.name, 's-runs');
    const store = SweepStore.open(db);
    try {
      planSweep(store, a);
      // the name the file gives (s), and an example the screen takes as it says (it read "name: s-runs-2", which runs as s-runs-2-runs)
      let hint = '';
      assert.throws(() => planSweep(store, b), (e: unknown) => e instanceof InputError && e.value === 's' && e.message.includes(a.file!) && e.message.includes(b.file!)
        && /^a name whose sweep, "s-runs", is this file's own: .*\(e\.g\. name: s-2, whose simulations are then sweep s-2-runs\) or give one with --name$/.test(hint = e.expected));
      const named = screenSweep({ ...loadScreenFile(b.file!), name: /e\.g\. name: ([^,]+),/.exec(hint)![1]! });
      assert.equal(named.name, 's-2-runs');
      planSweep(store, named);
    } finally { store.close(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--name / the name option: the second file kept beside the first under a name of its own, without editing it', async () => {
  await withTwoFiles(async ({ dir, db, a, b }) => {
    const store = SweepStore.open(db);
    try { planSweep(store, loadSweepFile(a)); } finally { store.close(); }
    // the library's refusal names its option, not the CLI's flag
    await assert.rejects(runSweep(b, { db }), (e: unknown) => e instanceof InputError && e.field === 'name' && e.message.includes('the name option') && !e.message.includes('--name'));
    await assert.rejects(runSweep(b, { db, name: 'x b' }), (e: unknown) => e instanceof InputError && e.field === 'name' && e.value === 'x b');
    const bad = await cli(['sweep', b, '--db', db, '--name', 'x b']);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--name: got "x b"/);
    // the CLI's sweep takes the name before it opens the store: --resume looks for x-b, not the file's x
    const resume = await cli(['sweep', b, '--db', db, '--name', 'x-b', '--resume']);
    assert.equal(resume.code, 2, resume.stderr);
    assert.match(resume.stderr, /none named "x-b"/);
    // stopped once planned: the sweep is defined under the given name and no task runs (an aborted signal given to
    // runSweep did this until review36: it now stops the planning too, and defines nothing)
    const stop = new AbortController();
    const r = await sweepTasks(b, { db, name: 'x-b', threads: 1, signal: stop.signal }, { onPlan: () => stop.abort() });
    assert.equal(r.sweep, 'x-b');
    assert.equal(r.ran, 0);
    assert.deepEqual(listed(db, 'x'), [{ 'lattice.size[0]': 8 }], 'sweep x still lists a/x.json\'s one task');
    assert.equal(listed(db, 'x-b').length, 2);
    // a screen file: the name takes the place of the screen's, its simulations the sweep NAME-runs
    writeFileSync(join(dir, 's.json'), JSON.stringify({ base, candidates: [{ name: 'bare', sacs: [] }], objectives: ['nucleation_overpotential_mV'] }));
    assert.equal((await sweepSpecOf(join(dir, 's.json'), 's2')).name, 's2-runs');
    await assert.rejects(runScreen(join(dir, 's.json'), { db, name: 's 2' }), (e: unknown) => e instanceof InputError && e.field === 'name');
    const screenBad = await cli(['screen', join(dir, 's.json'), '--db', db, '--name', 's 2']);
    assert.equal(screenBad.code, 2, screenBad.stderr);
    assert.match(screenBad.stderr, /--name: got "s 2"/);
  });
});

// From loose5 (session 18, task loose5: a new user's audit); failed on the code before its fix.
test('sweep results: an axis of quantities ("0.5 %") also has its numbers in a column named with the unit; mixed units that convert get one unit; names stay text', () => {
  const loadings = ['0.5 %', '1 %', '2 %'];
  const rows: SweepRow[] = loadings.flatMap((loading, i) => ['Zn-N4', 'Co-N/O'].map((site, j) => ({
    index: 2 * i + j, hash: `h${i}${j}`, status: 'done' as const,
    label: { 'sacs[0].loading': loading, 'sacs[0].site': site, current: i === 2 ? '2 A/m2' : '1 mA/cm2', host: '3D-Cu', seed: 1 },
    metrics: { nucleation_overpotential_mV: 10 + i },
  })));
  const table = parseCsv(tableCsv(resultTable(rows)));
  const header = table[0]!;
  const col = (name: string) => { const k = header.indexOf(name); assert.ok(k >= 0, `no column ${name} in ${header.join(',')}`); return table.slice(1).map((r) => r[k]); };
  assert.deepEqual(col('sacs[0].loading'), ['0.5 %', '0.5 %', '1 %', '1 %', '2 %', '2 %'], 'the label column stays');
  assert.deepEqual(col('sacs[0].loading_pct').map(Number), [0.5, 0.5, 1, 1, 2, 2]);
  // units that convert into one another: one column in the first value's unit since mends123 (2 A/m2 = 0.2 mA/cm2;
  // `current_value` and `current_unit` before); units that do not compare keep value + unit (test/sweep.test.ts)
  assert.deepEqual(col('current_mA_per_cm2').map(Number), [1, 1, 1, 1, 0.2, 0.2]);
  // names are not quantities: no number column for a site or a host named "3D-Cu", none for a number
  assert.deepEqual(header.filter((h) => /^(sacs\[0\]\.site|host|seed)_/.test(h)), []);
  assert.equal(header.indexOf('sacs[0].loading_pct'), header.indexOf('sacs[0].loading') + 1);
  assert.deepEqual(col('nucleation_overpotential_mV').map(Number), [10, 10, 11, 11, 12, 12]);
});

// From review37 (session 36: a user's review, docs/history.md); failed on the code before its fix.
const tmp = tempFolder('sweep-names');

test('a sweep axis value .nan or .inf (YAML) is named as written in the invalid task\'s line and kept in the store\'s label', () => {
  const spec = parseSweep({
    name: 'nonfinite', seeds: [1],
    base: { metal: 'Li', host: 'graphene', lattice: { size: [8, 8, 8], voxel: '10 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] },
    axes: { temperature: [NaN, Infinity, '25 degC'] },
  }, { baseDir: tmp });
  const store = SweepStore.open(join(tmp, 'sweep.db'));
  try {
    const plan = planSweep(store, spec);
    const lines = plan.invalid.map((t) => t.error!.message);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /^task 0 \(temperature=NaN, seed=1\): temperature: got NaN/);
    assert.match(lines[1]!, /^task 1 \(temperature=Infinity, seed=1\): temperature: got Infinity/);
    assert.deepEqual(store.sweepRows('nonfinite').map((r) => r.label.temperature), ['NaN', 'Infinity', '25 degC']);
  } finally { store.close(); }
});

// From mends46 (session 36, docs/history.md); failed on the code before its fix (sweep b's row said "task 1 (temperature=NaN, seed=1)").
test('an invalid task\'s error in the store\'s rows names the task of the sweep read, not of the sweep that recorded it first', () => {
  const run = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '10 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] };
  const store = SweepStore.open(join(tmp, 'shared-invalid.db'));
  try {
    // the same invalid input: task 1 of a (an axis), task 0 of b (its base, seeds only): one hash, one stored error
    const a = planSweep(store, parseSweep({ name: 'a', seeds: [1], base: run, axes: { temperature: ['-400 degC', NaN] } }, { baseDir: tmp }));
    const b = planSweep(store, parseSweep({ name: 'b', seeds: [1], base: { ...run, temperature: NaN } }, { baseDir: tmp }));
    assert.equal(a.invalid[1]!.hash, b.invalid[0]!.hash);
    const [rowA] = store.sweepRows('a').slice(1), [rowB] = store.sweepRows('b');
    assert.match(rowA!.error!.message, /^task 1 \(temperature=NaN, seed=1\): temperature: got NaN/);
    assert.match(rowB!.error!.message, /^task 0 \(seed=1\): temperature: got NaN/);
  } finally { store.close(); }
});

test('a screen whose objectives need no simulation is refused as a sweep in one line, nothing run or defined; its results name still resolves (review48: sacplate sweep ran its 24 tasks for nothing the screen reads)', async () => {
  const dir = tempFolder('sweep-nosim-');
  const db = join(dir, 't.db');
  const file = join(dir, 'nosim.json');
  writeFileSync(file, JSON.stringify({ name: 'nosim', base, seeds: 2, candidates: [{ name: 'bare', sacs: [] }], objectives: ['sustainability', 'synthesis_energy_kWh_per_g'] }));
  await assert.rejects(sweepTasks(file, { db, threads: 1 }), (e: unknown) => e instanceof InputError && e.field === 'sweep' && /need no kMC run/.test(e.message) && /nucleation_overpotential_mV/.test(e.message));
  const r = await cli(['sweep', file, '--db', db, '--threads', '1']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: sweep: got ".*nosim\.json", expected a screen with an objective its simulations give \(one of nucleation_overpotential_mV, .*this screen's objectives \(sustainability, synthesis_energy_kWh_per_g\) need no kMC run/);
  assert.deepEqual(listed(db, 'nosim-runs'), [], 'no task defined or run');
  // the sweep spec is still read for its name (results, the workbench), and a simulated objective makes it a sweep again
  assert.equal((await sweepSpecOf(file)).name, 'nosim-runs');
  writeFileSync(file, JSON.stringify({ name: 'nosim', base, seeds: 2, candidates: [{ name: 'bare', sacs: [] }], objectives: ['sustainability', 'host_coverage'] }));
  assert.equal((await sweepSpecOf(file, undefined, { toRun: true })).axes[0]!.values.length, 1);
});
