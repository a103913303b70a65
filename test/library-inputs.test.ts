/**
 * The library API as a script calls it (src/index.ts): the package entry's functions, each mistaken option one
 * InputError naming it, the cycler choices in any case, errors naming the library's options (not CLI flags),
 * simulate() given null or a file or object of another kind, openStore()'s and SweepStore's typed metrics,
 * renderFigures().
 *
 * Moved here from test/audit21-library.test.ts, test/audit24.test.ts, test/libapi3.test.ts, test/mends37.test.ts,
 * test/mends39.test.ts, test/review34.test.ts, test/review33.test.ts and test/mends42.test.ts (branch testsort;
 * docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told in
 * docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, readFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { oneLine } from './helpers/input-error.js';
import { sharedCycler, sharedCyclerHead } from './helpers/cycler-files.js';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { InputError } from '../src/errors.js';
import { analyzeFile, FileError, formatReport, readCheckpoint, resolveInput, resumeSimulation, Simulation, writeCheckpoint, openStore, renderFigures, runSweep, simulate, type Metrics, type RunRecord, type RunRecordMetrics, type SweepRow, citations } from '../src/index.js';
import { formatReport as formatCliReport } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { openStore as openStoreFile } from '../src/store/index.js';
import { SweepStore } from '../src/sweep/store.js';
import { readInputFile, RUN_FILE_TAKES } from '../src/input/parse.js';
import { CITATIONS_TAKE } from '../src/cite/run-citations.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('library-inputs');

const P = sharedCycler;
const tmp = tempFolder('library-inputs');


const head = (f: string, n: number): string => sharedCyclerHead(tmp, f, n);
const NEWARE = head('neware_uio.csv', 1500);
const dir = tempFolder('library-inputs');
const tiny = { metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false }, seed: 1 };
const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };

test("the package entry holds the four tasks' functions: nucleation, screening and cycler analysis were reachable only by paths the package does not export", async () => {
  const lib = await import('sacplate');
  for (const k of ['simulate', 'nucleation', 'runScreen', 'parseScreen', 'loadScreenFile', 'analyzeFile', 'formatReport', 'NucleationCancelled', 'OBJECTIVES'] as const) {
    assert.ok(k in lib, `sacplate exports ${k}`);
  }
});

test('library options: a misspelt, mistyped or missing option is one InputError naming it, before any work (each was ignored, a TypeError, or named a CLI flag)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const sim = (o: unknown) => () => lib.simulate(run, o as never);
  const cases: [string, () => unknown, RegExp][] = [
    ['simulate: outdir (ignored: nothing written)', sim({ outdir: '/tmp/x' }), /^options\.outdir: got "\/tmp\/x", expected no such option \(did you mean "outDir"\?\)/],
    ['simulate: signal "stop" (never stopped)', sim({ signal: 'stop' }), /^signal: got "stop", expected an AbortSignal/],
    ['simulate: resume "yes" ("--resume: got true")', sim({ resume: 'yes' }), /^resume: got "yes", expected true or false/],
    ['simulate: resume without outDir (named --resume, --out)', sim({ resume: true }), /^resume: got true, expected an output folder as well \(outDir\)/],
    ['simulate: checkpointEvery_s "10" (taken)', sim({ outDir: '/tmp/never-made', checkpointEvery_s: '10' }), /^checkpointEvery_s: got "10", expected seconds of wall time, a number >= 0/],
    ['simulate: config.counter 5 (NaN cell voltages)', sim({ config: { counter: 5 } }), /^config\.counter: got 5, expected a counter electrode/],
  ];
  for (const [what, f, re] of cases) assert.throws(f, oneLine(re), what);
  const f = '../shared/data/cycler/neware_uio.csv';
  for (const [what, o, re] of [
    ['analyzeFile: no options (TypeError)', undefined, /^options: got nothing \(field missing\), expected a map of options with protocol/],
    ['analyzeFile: protocol typo (ran, analysed nothing)', { protocol: 'symetric' }, /^protocol: got "symetric", expected one of symmetric, licu, aurbach, fullcell/],
    ['analyzeFile: area -1 (taken)', { protocol: 'licu', area_cm2: -1 }, /^area_cm2: got -1, expected a number above 0/],
    ['analyzeFile: area as text (taken)', { protocol: 'licu', area_cm2: '1 cm2' }, /^area_cm2: got "1 cm2"/],
    ['analyzeFile: option typo (ignored)', { protocol: 'licu', areaCm2: 1 }, /^options\.areaCm2: got 1, expected no such option/],
    ['analyzeFile: format named --format', { protocol: 'licu', format: 'xyz' }, /^format: got "xyz", expected one of /],
  ] as const) await assert.rejects(lib.analyzeFile(f, o as never), oneLine(re), what);
  const screen = { base: run, seeds: 1, candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }], objectives: ['sustainability'] };
  for (const [what, a, o, re] of [
    ['runScreen(5)', 5, {}, /^screen: got 5, expected a map with keys base, candidates/],
    ['runScreen: unknown objective (TypeError after every simulation)', screen, { objectives: ['roughness'] }, /^objectives: got "roughness", expected one of nucleation_overpotential_mV/],
    ['runScreen: option typo (ignored)', screen, { treads: 2 }, /^options\.treads: got 2, expected no such option \(did you mean "threads"\?\)/],
    ['runScreen: signal "x" (a TypeError)', screen, { signal: 'x' }, /^signal: got "x", expected an AbortSignal/],
  ] as const) await assert.rejects(lib.runScreen(a as never, o as never), oneLine(re), what);
  await assert.rejects(lib.runSeeds(run, [1], { treads: 2 } as never), oneLine(/^options\.treads: got 2, expected no such option \(did you mean "threads"\?\)/), 'runSeeds: option typo (ignored)');
  await assert.rejects(lib.runPool([run], { thread: 2 } as never), oneLine(/^options\.thread: got 2, expected no such option \(did you mean "threads"\?\)/), 'runPool: option typo (ignored)');
  assert.throws(() => lib.simulateInWorker(run, { outdir: 'x' } as never), oneLine(/^options\.outdir: got "x", expected no such option \(did you mean "outDir"\?\)/), 'simulateInWorker: option typo (refused on the worker)');
  assert.throws(() => lib.loadScreenFile(5 as never), oneLine(/^file: got 5, expected a screen file path/), 'loadScreenFile(5) asked for a run file path');
  const req = { metal: 'Li', host: 'Cu', current_A_per_m2: 10 };
  await assert.rejects(lib.nucleation(req, { db: 5 } as never), oneLine(/^db: got 5, expected a store file path \(text\), or false/));
  await assert.rejects(lib.nucleation(req, { signal: 'x' } as never), oneLine(/^signal: got "x", expected an AbortSignal/));
  await assert.rejects(lib.nucleation(req, { signal: AbortSignal.abort(), db: false }), (e: unknown) => e instanceof lib.NucleationCancelled);
});

test('runSeeds takes a run object as simulate does (it asked for resolveInput(run) first)', async () => {
  const lib = await import('sacplate');
  // 50 nm voxels: 8 x 8 x 8 at 10 nm ran 57,800 events at 4,800 events/s (12 s)
  const run = { metal: 'Li', lattice: { size: [10, 10, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  // mends92: a signal never aborted stops nothing (the stopped cases: test/library.test.ts)
  const s = await lib.runSeeds(run, [3], { threads: 1, signal: new AbortController().signal });
  assert.equal(s.runs[0]!.events, lib.simulate(run, { seed: 3 }).metrics.events);
  assert.deepEqual([s.cancelled, s.seeds, s.unfinished], [false, [3], []]);
  await assert.rejects(lib.runSeeds({ ...run, metal: 'Mg' }, [3]), oneLine(/^metal: got "Mg"/));
});

test('library spellings: readCycler and analyzeFile take format, protocol and pair in any case, as the CLI does (they wanted exact lower case)', async () => {
  const t = await readCycler(NEWARE, { format: 'Neware' as 'neware' });
  assert.equal(t.format, 'neware');
  const { report } = await analyzeFile(NEWARE, { protocol: 'Fullcell' as 'fullcell', format: 'NEWARE' as 'neware', pair: 'Auto' as 'auto' });
  assert.equal(report.protocol, 'fullcell');
  assert.equal(report.format, 'neware');
  assert.ok(report.fullcell!.cycles.length > 0);
});

test('library spellings: an unknown choice is one InputError naming the option, the value and the choices (readCycler named --format; an array matched by its text)', async () => {
  await assert.rejects(readCycler(NEWARE, { format: 'newarez' as 'neware' }), (e: unknown) =>
    e instanceof InputError && e.field === 'format' && e.value === 'newarez' && /^one of mpt, btlab-csv, neware, .*generic$/.test(e.expected));
  await assert.rejects(analyzeFile(NEWARE, { protocol: 'half' as 'licu' }), (e: unknown) =>
    e instanceof InputError && e.field === 'protocol' && e.expected === 'one of symmetric, licu, aurbach, fullcell');
  await assert.rejects(analyzeFile(NEWARE, { protocol: ['licu'] as unknown as 'licu' }), (e: unknown) => e instanceof InputError && e.field === 'protocol');
  await assert.rejects(analyzeFile(NEWARE, { protocol: 'fullcell', pair: 'first' as 'auto' }), (e: unknown) =>
    e instanceof InputError && e.field === 'pair' && /^one of auto, /.test(e.expected));
});

test('the library\'s formatReport and engine parts name its options, not the CLI\'s flags ("does not fit --protocol symmetric", "run with --checkpoint-every", "--resume: got ...")', async () => {
  // neware_uio.csv (an electrode against Li, 2.92 V at rest) read as symmetric: the protocol check warns, the note repeats it
  const { report } = await analyzeFile(NEWARE, { protocol: 'symmetric' });
  assert.equal(report.checks.find((c) => c.name === 'protocol')?.status, 'warn');
  const text = formatReport(report);
  assert.match(text, /^note: this file does not fit protocol symmetric \(the protocol check above\)/m);
  assert.doesNotMatch(text, /--(protocol|format|map|area)\b/);
  // the CLI's own printing keeps its flag
  assert.match(formatCliReport(report), /^note: this file does not fit --protocol symmetric /m);
  assert.throws(() => readCheckpoint(join(tmp, 'none.bin')), (e: unknown) => e instanceof FileError && /: no checkpoint here \(run with simulate\(\)'s checkpointEvery_s first\)$/.test(e.message));
  // a checkpoint of seed 4 resumed as seed 5: refused naming the argument, the file
  const run = resolveInput({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Li', seed: 4, protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2'] });
  const ck = join(tmp, 'seed4.ckpt');
  writeCheckpoint(ck, new Simulation(run), {} as Parameters<typeof writeCheckpoint>[2]);
  assert.throws(() => resumeSimulation(ck, { ...run, seed: 5 }), (e: unknown) => e instanceof InputError && e.field === 'file' && e.value === ck
    && /^a checkpoint of the same run file and seed \(this one was written for seed 4, not 5\)$/.test(e.expected));
});

test('openStore: the runs `sacplate simulate` recorded, as `runs list` and `runs show` give them; a sweep\'s rows as runSweep returned them; the literature records', async () => {
  const db = join(dir, 'store.db');
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(tiny));
  const out = join(dir, 'run');
  const r = await cli(['simulate', file, '--db', db, '--out', out, '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  const id = /recorded run (\S+)/.exec(r.stderr)?.[1];
  assert.ok(id, r.stderr);
  const sweep = await runSweep({ name: 'tiny-sweep', base: tiny, axes: { host: ['Cu', 'carbon-cloth'] }, seeds: [1] }, { db, threads: 1 });
  const store = openStore(db);
  try {
    assert.equal(store.path, db);
    const runs = store.listRuns();
    const listed = await cli(['runs', 'list', '--db', db, '--format', 'json']);
    assert.deepEqual(runs, JSON.parse(listed.stdout), 'what `sacplate runs list --format json` prints');
    assert.deepEqual(runs.map((x) => x.id), [id]);
    const one = store.getRun(id.slice(0, 20))!;
    assert.equal(one.id, id, 'by a unique prefix, as `runs show` takes it');
    assert.deepEqual(one.metrics, JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')), "the run's metrics.json");
    assert.equal(store.getRun('run-nothing-like-it'), undefined);
    assert.deepEqual(store.listRuns({ status: 'failed' }), []);
    assert.deepEqual(store.listRuns({ name: 'tiny.json', since: '2000-01-01', limit: 1 }).map((x) => x.id), [id]);
    assert.deepEqual(store.listRuns({ since: '2999-01-01' }), []);
    assert.deepEqual(store.sweepRows('tiny-sweep'), sweep.rows, 'the rows runSweep returned (`sacplate results tiny-sweep`)');
    assert.deepEqual(store.sweepRows('tiny-sweep').map((x) => x.status), ['done', 'done']);
    const { records, moved } = store.literature();
    assert.ok(records.some((x) => x.name === 'SAFe/CVRCS@3DPC'), 'the review\'s records, synced in');
    assert.deepEqual(moved, []);
    // mistakes: one InputError naming the option as the script wrote it
    const refused = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof InputError && re.test(e.message), String(re));
    refused(() => store.listRuns({ status: 'done' as never }), /^status: got "done", expected finished, failed, cancelled, running$/);
    refused(() => store.listRuns({ limit: 0 }), /^limit: got 0, expected a whole number from 1 to 9007199254740991$/);
    refused(() => store.listRuns({ since: 'last week' }), /^since: got "last week", expected a date or time/);
    refused(() => store.listRuns({ stauts: 'failed' } as never), /stauts.*did you mean "status"/);
    refused(() => store.sweepRows('no-such-sweep'), /^name: got "no-such-sweep", expected a sweep run before with this store \(.*store\.db\); none named "no-such-sweep"$/);
    refused(() => store.getRun(5 as never), /^id: got 5, expected a run id/);
  } finally { store.close(); }
  assert.throws(() => store.listRuns(), (e: unknown) => e instanceof InputError && /^listRuns: .*expected an open store/.test(e.message));
  assert.throws(() => openStore(5 as never), (e: unknown) => e instanceof InputError && /^path: got 5, expected a store file path/.test(e.message));
  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'not a database, and long enough to be read');
  assert.throws(() => openStore(junk), (e: unknown) => e instanceof FileError && /is not a SQLite database.*call openStore\(path\) with another path/.test(e.message));
  assert.equal(readFileSync(junk, 'utf8'), 'not a database, and long enough to be read', 'left as it was');
});

test('renderFigures: a run folder\'s figures drawn to SVG and PNG beside their specifications, as `simulate --out` draws them', async () => {
  const out = join(dir, 'fig');
  const r = simulate(tiny, { outDir: out });
  const specs = r.files.filter((f) => f.endsWith('.vl.json'));
  assert.ok(specs.length >= 2, 'simulate() wrote the specifications');
  assert.ok(!readdirSync(join(out, 'figures')).some((n) => /\.(svg|png)$/.test(n)), 'and no image');
  const files = await renderFigures(out);
  assert.deepEqual(files.slice().sort(), specs.flatMap((s) => [s.replace(/\.vl\.json$/, '.png'), s.replace(/\.vl\.json$/, '.svg')]).sort());
  for (const f of files) {
    const b = readFileSync(f);
    if (f.endsWith('.png')) assert.deepEqual([...b.subarray(1, 4)], [...Buffer.from('PNG')], f);
    else assert.match(b.toString('utf8'), /^<svg[\s\S]*<\/svg>\s*$/, f);
  }
  const svgOnly = join(dir, 'fig-svg');
  simulate(tiny, { outDir: svgOnly });
  assert.ok((await renderFigures(svgOnly, { png: false })).every((f) => f.endsWith('.svg')));
  assert.ok(!readdirSync(join(svgOnly, 'figures')).some((n) => n.endsWith('.png')));
  const rejects = (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: unknown) => e instanceof InputError && re.test(e.message), String(re));
  await rejects(renderFigures(join(dir, 'nothing-here')), /^outDir: got ".*nothing-here", expected a run folder with its figure specifications .*nothing-here\/figures does not exist$/);
  await rejects(renderFigures(dir), /^outDir: .*figures does not exist$/);
  await rejects(renderFigures(out, { pgn: false } as never), /pgn.*did you mean "png"/);
  await rejects(renderFigures(out, { png: 'no' } as never), /^png: got "no", expected true or false$/);
  assert.ok(!existsSync(join(dir, 'nothing-here')), 'nothing written for a refused call');
});

test('openStore(): a run record\'s metrics are typed with the simulator\'s Metrics (a script reads their keys), and hold the run\'s', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-mends37-')), 'store.db');
  const m = simulate({ ...INPUT, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }).metrics;
  const writer = openStoreFile(db);
  const id = writer.recordRun({ name: 'typed', input: INPUT, metrics: m });
  writer.close();
  const store = openStore(db);
  try {
    const rec: RunRecord = store.getRun(id)!;
    // compile-level: these read typed keys (with `metrics: unknown` they do not compile)
    const events: number | null | undefined = rec.metrics.events;
    const metal: string | undefined = rec.metrics.metal;
    const eta: number | null | undefined = rec.metrics.nucleation_overpotential_mV;
    // @ts-expect-error a metric's type is kept: events is a number, not a text (unused, an error, were metrics `any`)
    const wrong: string | undefined = rec.metrics.events;
    // every key of Metrics is one of a record's (the type is Metrics', not a copy that could drift)
    const full: RunRecordMetrics = m satisfies Metrics;
    // a number read back may be null (JSON writes NaN as null): a script is told so by the type
    // @ts-expect-error number | null | undefined is not a number
    const notNull: number = rec.metrics.nucleation_overpotential_mV;
    assert.ok(notNull === null || typeof notNull === 'number');
    assert.equal(events, m.events);
    assert.ok(m.events > 0);
    assert.equal(metal, 'Li');
    assert.equal(eta, Number.isNaN(m.nucleation_overpotential_mV) ? null : m.nucleation_overpotential_mV, 'a NaN is null, as JSON writes it');
    assert.equal(wrong, m.events);
    assert.deepEqual(rec.metrics, JSON.parse(JSON.stringify(full)));
  } finally {
    store.close();
  }
});

test('openStore(): a sweep row\'s metrics are typed with the simulator\'s Metrics too (mends38), and hold the task\'s, a NaN kept', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-mends38-')), 'store.db');
  const base = { ...INPUT, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  await runSweep({ name: 'typed-rows', base, axes: { host: ['Cu'] }, seeds: [3] }, { db, threads: 1 });
  const m = simulate({ ...base, seed: 3 }).metrics;
  const store = openStore(db);
  try {
    const row: SweepRow = store.sweepRows('typed-rows')[0]!;
    assert.equal(row.status, 'done');
    const metrics = row.metrics!;
    // compile-level: typed keys (with `metrics: Record<string, unknown>` or `unknown` they do not compile)
    const events: number | undefined = metrics.events;
    const metal: string | undefined = metrics.metal;
    // the store spells a NaN out and gives it back: a number, not null
    const eta: number | undefined = metrics.nucleation_overpotential_mV;
    // @ts-expect-error a metric's type is kept: events is a number, not a text (unused, an error, were metrics `any`)
    const wrong: string | undefined = metrics.events;
    // a key read by its name (a table's column) is still allowed: unknown
    const byName: unknown = metrics['events' as string];
    assert.equal(events, m.events);
    assert.ok(m.events > 0);
    assert.equal(metal, 'Li');
    assert.ok(Object.is(eta, m.nucleation_overpotential_mV), `${eta} for ${m.nucleation_overpotential_mV}`);
    assert.equal(wrong, m.events);
    assert.equal(byName, m.events);
    assert.equal(metrics.seed, 3);
  } finally {
    store.close();
  }
});

test('SweepStore.finishedRuns(): a finished run\'s metrics are typed as a sweep row\'s, and hold the run\'s, a NaN kept', () => {
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 3, output: { snapshots: false } };
  const m = simulate(input).metrics;
  const store = SweepStore.open(join(mkdtempSync(join(tmpdir(), 'sacplate-mends39-')), 'store.db'));
  try {
    store.record({ hash: 'h1', status: 'done', metrics: m as unknown as Record<string, unknown>, worker: 'local' });
    const metrics = store.finishedRuns(['h1', 'h2']).get('h1')!.metrics;
    // compile-level: typed keys (with `metrics: Record<string, unknown>` or `unknown` they do not compile)
    const events: number | undefined = metrics.events;
    const metal: string | undefined = metrics.metal;
    const eta: number | undefined = metrics.nucleation_overpotential_mV;
    // @ts-expect-error a metric's type is kept: events is a number, not a text (unused, an error, were metrics `any`)
    const wrong: string | undefined = metrics.events;
    assert.ok(m.events > 0);
    assert.equal(events, m.events);
    assert.equal(wrong, m.events);
    assert.equal(metal, 'Li');
    assert.ok(Object.is(eta, m.nucleation_overpotential_mV), `${eta} for ${m.nucleation_overpotential_mV}`);
  } finally {
    store.close();
  }
});

test('simulate() and citations() given null or undefined say what they take (a TypeError since review33)', async () => {
  for (const v of [null, undefined]) {
    const isInput = (e: unknown) => e instanceof InputError && e.field === 'input' && /expected a run description: a map with keys metal, /.test(e.message);
    assert.throws(() => citations(v as never), isInput, String(v));
    await assert.rejects(async () => simulate(v as never), isInput, String(v));
  }
});

test('simulate() and citations() given an object of another kind say what it is, as for its file', () => {
  const kinds: [string, RegExp][] = [
    ['sweep-loading.yaml', /^name: got "sweep-loading", expected no such key in a single run \(the keys of a sweep file \(base \+ axes\): sacplate sweep runs it\)$/],
    ['screen-li.yaml', /^name: got "screen-li", expected no such key in a single run \(the keys of a screen file \(base \+ candidates\): sacplate screen runs it\)$/],
    ['nucleation-na.yaml', /^current: got "1 mA\/cm2", expected no such key in a single run \(the keys of a nucleation case file/],
    ['fullcell/li-lfp.yaml', /^cathode: got "LFP", expected no such key in a single run \(the keys of a full-cell file/],
  ];
  for (const [f, message] of kinds) {
    const o = readInputFile(resolve('examples', f)) as Record<string, unknown>;
    for (const call of [() => simulate(o), () => citations(o)]) assert.throws(call, (e: Error) => e instanceof InputError && message.test(e.message), f);
  }
  // a run object with a misspelt key still has the run's list of keys
  assert.throws(() => simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], sede: 1 }), /sede: got 1, expected no such key \(did you mean "seed"\?\); allowed keys: metal, /);
});

test('citations() and simulate() given a file of another kind say what it is (the check of `sacplate cite`, in loadRunFile)', async () => {
  const ex = (f: string) => resolve('examples', f);
  const kinds: [string, RegExp][] = [
    ['sweep-loading.yaml', /sweep-loading\.yaml: a sweep file \(base \+ axes\): sacplate sweep runs it; a run file \(metal, lattice, host, protocol\) is read here$/],
    ['li-hosts.yaml', /li-hosts\.yaml: a comparison file \(variants\): sacplate compare runs it; a run file/],
    ['screen-li.yaml', /screen-li\.yaml: a screen file \(base \+ candidates\): sacplate screen runs it; a run file/],
    ['nucleation-na.yaml', /nucleation-na\.yaml: a nucleation case file \(metal, current, cases\): sacplate nucleation reads it; a run file/],
    ['fullcell/li-lfp.yaml', /li-lfp\.yaml: a full-cell file \(cathode, np, cycles, anode\): sacplate fullcell reads it; a run file/],
  ];
  for (const [f, message] of kinds) {
    // (citations() says what it takes in its own words since review33: a screen file's sources are `sacplate cite`'s)
    assert.throws(() => citations(ex(f)), (e: Error) => e instanceof FileError && message.test(e.message.replace(CITATIONS_TAKE, RUN_FILE_TAKES)), f);
    assert.throws(() => simulate(ex(f)), (e: Error) => e instanceof FileError && message.test(e.message), f);
  }
  assert.match(citations(ex('li-zn-sac.yaml')), /sacplate/, 'a run file is cited as before');
  // the CLI's words unchanged: cite names itself
  const c = await cli(['cite', ex('nucleation-na.yaml')]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /^sacplate: .*nucleation-na\.yaml: a nucleation case file \(metal, current, cases\): sacplate nucleation reads it; cite takes a run file, a run folder \(with resolved\.json\) or a screen file\n$/);
});

test('runSeeds with outDir writes seeds.json (stats and intervals) and seeds.csv as --seeds --out does; meanInterval and pairedInterval are exported (mends126; review90 F4)', async () => {
  const lib = await import('sacplate');
  // TINY_RUN_YAML's run (test/helpers/small-runs.ts): well under a second; most of the test's CPU is the worker's start
  const run = { metal: 'Li', lattice: { size: [6, 6, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const out = join(mkdtempSync(join(tmpdir(), 'sacplate-r90-')), 'seeds');
  const s = await lib.runSeeds(run, [3, 4], { threads: 1, outDir: out, figures: false });
  const file = JSON.parse(readFileSync(join(out, 'seeds.json'), 'utf8')) as { seeds: number[]; stats: Record<string, { mean: number }>; intervals: Record<string, { mean: number; lo95: number; hi95: number; n: number }> };
  assert.deepEqual(file.seeds, [3, 4]);
  assert.ok(existsSync(join(out, 'seeds.csv')));
  // the interval by hand: t(0.975, 1) = 12.706
  const xs = s.runs.map((m) => m.events);
  const mean = (xs[0]! + xs[1]!) / 2, sd = Math.abs(xs[0]! - xs[1]!) / Math.SQRT2;
  assert.ok(sd > 0, 'two seeds, two runs');
  const iv = file.intervals.events!;
  assert.ok(Math.abs(iv.mean - mean) < 1e-9 && Math.abs(iv.hi95 - (mean + 12.706 * sd / Math.SQRT2)) < 1e-6 * mean, JSON.stringify(iv));
  // the result's intervals are the file's (NaN there is null in the file)
  assert.deepEqual(JSON.parse(JSON.stringify((s as unknown as { intervals: unknown }).intervals)), file.intervals);
  const m = (lib as unknown as { meanInterval: (v: number[]) => { mean: number; lo: number; hi: number } }).meanInterval(xs);
  assert.ok(Math.abs(m.hi - (mean + 12.706 * sd / Math.SQRT2)) < 1e-6 * mean);
  const p = (lib as unknown as { pairedInterval: (a: number[], b: number[]) => { mean: number; n: number } }).pairedInterval([3, 5, 7], [1, 2, 3]);
  assert.deepEqual([p.mean, p.n], [3, 3]);
  assert.throws(() => (lib as unknown as { pairedInterval: (a: number[], b: number[]) => unknown }).pairedInterval([1, 2], [1]), oneLine(/^b: got \[1\], expected as many values as a \(2\)/));
});

test('robust62: formatReport() given what is not a report (null, a number, {}, analyzeFile()\'s whole result) is one InputError naming the argument (a TypeError: "Cannot read properties of null", "r.checks is not iterable")', async () => {
  for (const bad of [undefined, null, NaN, 5, 'report', [], {}, { file: 'x.csv' }]) {
    assert.throws(() => formatReport(bad as never), (e: unknown) => e instanceof InputError && e.field === 'report'
      && /^report: got .*, expected an analysis report: what analyzeFile\(\) resolves with, its \.report/.test(e.message), String(bad));
  }
  // analyzeFile()'s whole result ({ table, report }) given in place of its .report: the message says which key to take
  const whole = await analyzeFile(NEWARE, { protocol: 'fullcell' });
  assert.throws(() => formatReport(whole as never), (e: unknown) => e instanceof InputError && /its \.report \(this is analyzeFile\(\)'s whole result \{ table, report \}: pass result\.report\)/.test(e.message));
  assert.match(formatReport(whole.report), /^file\s+/);
});

test('robust62: renderFigures() of a folder whose figure specification is not JSON, or not one Vega-Lite can draw, is a FileError naming that file (a SyntaxError "Unexpected end of JSON input", a TypeError "reading \'filled\'")', async () => {
  const out = join(dir, 'fig-damaged');
  simulate(tiny, { outDir: out, });
  const specs = readdirSync(join(out, 'figures')).filter((n) => n.endsWith('.vl.json')).sort();
  const first = join(out, 'figures', specs[0]!);
  const good = readFileSync(first, 'utf8');
  writeFileSync(first, '{"x":');
  await assert.rejects(renderFigures(out), (e: unknown) => e instanceof FileError && e.file === first
    && /: is not JSON \(.*\): a figure specification \(Vega-Lite\) as simulate\(\) writes it; simulate the run again to write it anew$/.test(e.message), 'cut short');
  writeFileSync(first, '{"mark":"nosuch","data":5}');
  await assert.rejects(renderFigures(out), (e: unknown) => e instanceof FileError && e.file === first
    && /: cannot be drawn as a Vega-Lite specification \(.+\); simulate the run again to write it anew$/.test(e.message), 'not Vega-Lite');
  writeFileSync(first, good);
  assert.equal((await renderFigures(out, { png: false })).length, specs.length);
});

test('robust62: runSeeds() with a seed given twice is refused naming it (it ran the run twice, the same to the bit, and its 95 % intervals counted it as two seeds)', async () => {
  const { runSeeds } = await import('../src/index.js');
  await assert.rejects(runSeeds(INPUT, [1, 2, 1], { threads: 1 }), (e: unknown) => e instanceof InputError && e.field === 'seeds[2]'
    && /^seeds\[2\]: got 1, expected each seed once \(seeds\[0\] is 1 too\): a seed repeats its run to the bit, so the statistics would count one run twice$/.test(e.message));
});
