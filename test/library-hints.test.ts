/**
 * A refusal's hint names the argument its caller wrote: the library's compare() and `sacplate compare`
 * run one implementation (src/batch/compare.ts), and where it tells how to raise the memory budget, to
 * clear a previous run's folder or to do without the store, a script reads its option (`maxMemory`,
 * `force: true`, `db: false`) and the CLI its flag (`--max-memory`, `--force`, `--no-store`). The
 * library's memory refusal said "--max-memory" before (withOptionNames renamed only the field).
 * The same for simulate() (resume: true), nucleation() (sac), analyzeFile() (format, map), runSweep(),
 * runScreen() and literature.* (db, format): one refusal through the library and one through the CLI each;
 * a screen file's weights key is named weights, not --weights (parseWeights named the flag wherever it parsed).
 * Each call is refused before any run starts (no simulation; nucleation()'s refusal comes from its worker
 * thread before the atomistic stage): the file costs 1.6-1.8 s of CPU (user + sys, five runs, 2-core
 * machine at a load of 1.3-3.5), the first four tests alone 1.16 s, so about 0.1 s for each later one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from '../src/batch/compare.js';
import { anodeCapacity, literature } from '../src/evidence/library.js';
import { simulate } from '../src/simulation/simulate.js';
import { nucleation } from '../src/nucleation/library.js';
import { analyzeCyclerFile as analyzeFile } from '../src/analysis/report.js';
import { runSweep } from '../src/sweep/library.js';
import { runScreen } from '../src/screen/screen.js';
import { parseScreen } from '../src/screen/spec.js';
import { withOptionNames } from '../src/args.js';
import { FileError, InputError } from '../src/errors.js';
import { cli } from './helpers/cli.js';

// 400 x 400 x 100 voxels: about 440 MB by input/memory.ts's reckoning, refused under a 1 MB budget
const comparison = {
  metal: 'Li', host: 'Cu', lattice: { size: [400, 400, 100], voxel: '10 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  variants: [{ name: 'Cu', host: 'Cu' }, { name: 'graphene', host: 'graphene' }],
};

test('a box over maxMemory: compare() names maxMemory in its hint, `sacplate compare` names --max-memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    let lib: InputError | undefined;
    await compare(comparison, { db: false, maxMemory: '1 MB' }).catch((e: unknown) => { lib = e as InputError; });
    assert.ok(lib instanceof InputError, String(lib));
    assert.equal(lib.field, 'lattice.size (case "Cu")');
    assert.match(lib.expected, /\(set by maxMemory\)/);
    assert.match(lib.expected, /, or maxMemory SIZE \(e\.g\. "16 GB"\)/);
    assert.doesNotMatch(lib.message, /--/);
    const f = join(dir, 'cmp.json');
    writeFileSync(f, JSON.stringify(comparison));
    const r = await cli(['compare', f, '--no-store', '--max-memory', '1 MB']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /lattice\.size \(case "Cu"\): .*\(set by --max-memory\).*, or --max-memory SIZE \(e\.g\. "16 GB"\)/);
    assert.doesNotMatch(r.stderr, /maxMemory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an output folder holding another run: compare() says force: true, `sacplate compare` says --force', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const small = { ...comparison, lattice: { size: [8, 8, 8], voxel: '50 nm' } };
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'metrics.json'), '{}'); // a simulate run's folder
    let lib: InputError | undefined;
    await compare(small, { db: false, outDir: out }).catch((e: unknown) => { lib = e as InputError; });
    assert.ok(lib instanceof InputError, String(lib));
    assert.equal(lib.field, 'outDir');
    assert.match(lib.expected, /pass force: true to clear it first/);
    assert.doesNotMatch(lib.message, /--/);
    const f = join(dir, 'cmp.json');
    writeFileSync(f, JSON.stringify(small));
    const r = await cli(['compare', f, '--no-store', '--out', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--out: .*pass --force to clear it first/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('withOptionNames: the listed flags renamed in a FileError\'s message and an InputError\'s hint, whole flags only, others kept', () => {
  const words = { '--db': 'db', '--no-store': 'db: false', '--max-memory': 'maxMemory' };
  assert.throws(() => withOptionNames(() => { throw new FileError('/x/s.db', '--db: the store cannot be written (EROFS); pass --no-store or another --db'); }, {}, words),
    (e: unknown) => e instanceof FileError && e.file === '/x/s.db' && e.message === '/x/s.db: db: the store cannot be written (EROFS); pass db: false or another db');
  assert.throws(() => withOptionNames(() => { throw new InputError('threads', 2, 'no threads with a queue (`sacplate worker --concurrency N`); or --max-memory SIZE, not --max-memory-x'); }, {}, words),
    (e: unknown) => e instanceof InputError && e.field === 'threads' && e.expected === 'no threads with a queue (`sacplate worker --concurrency N`); or maxMemory SIZE, not --max-memory-x');
  // without words (the other library calls) a hint is kept as written, the field renamed as before
  assert.throws(() => withOptionNames(() => { throw new InputError('--sac-element', 'Xx', 'an element; or --max-memory SIZE'); }),
    (e: unknown) => e instanceof InputError && e.field === 'sacElement' && e.expected === 'an element; or --max-memory SIZE');
});

test('anode capacity without a metal mass: anodeCapacity() hints at cycledCapacity, `sacplate anode-capacity` at --cycled-capacity', async () => {
  assert.throws(() => anodeCapacity({ metal: 'Li' }),
    (e: unknown) => e instanceof InputError && e.field === 'metalMass' && / or cycledCapacity$/.test(e.expected) && !e.message.includes('--'));
  const r = await cli(['anode-capacity', '--metal', 'Li']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--metal-mass: .* or --cycled-capacity/);
});

// the package's entries as a script calls them (src/index.ts exports analyzeCyclerFile as analyzeFile)
const run = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } };

test('a checkpoint of an old format: simulate() says resume: true, `sacplate simulate` says --resume', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const out = join(dir, 'out');
    mkdirSync(out);
    const old = Buffer.alloc(16); // a checkpoint header of format version 1 (checkpoint.ts reads 2 and up): refused before the run
    old.write('SACPCKPT', 0, 'latin1');
    old.writeUInt32LE(1, 8);
    writeFileSync(join(out, 'checkpoint.bin'), old);
    assert.throws(() => simulate(run, { outDir: out, resume: true }),
      (e: unknown) => e instanceof FileError && /\(start the run again without resume: true\)$/.test(e.message) && !e.message.includes('--'));
    const f = join(dir, 'run.json');
    writeFileSync(f, JSON.stringify(run));
    const r = await cli(['simulate', f, '--out', out, '--resume', '--no-store', '--no-figures']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /\(start the run again without --resume\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a loading without a SAC: nucleation() names the request\'s sac, `sacplate nucleation` --sac', async () => {
  let lib: InputError | undefined;
  await nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, loading: '1 wt%' }, { db: false }).catch((e: unknown) => { lib = e as InputError; });
  assert.ok(lib instanceof InputError, String(lib));
  assert.equal(lib.field, 'loading');
  assert.match(lib.expected, /^a SAC as well \(sac or a case's sac:\)/);
  assert.doesNotMatch(lib.message, /--/);
  const r = await cli(['nucleation', '--metal', 'Li', '--host', 'graphene', '--loading', '1 wt%', '--no-store']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /--loading: .*a SAC as well \(--sac or a case's sac:\)/);
});

test('a cycler file of no known layout, format generic without a map, no area: analyzeFile() says format, map and area_cm2, `sacplate analyze` --format, --map and --area', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const unknown = join(dir, 'notes.txt'), generic = join(dir, 'a.csv');
    writeFileSync(unknown, 'hello there\n1,2,3\n');
    writeFileSync(generic, 'Time,Voltage,Current\n0,0.1,1\n1,0.1,1\n');
    let lib: unknown;
    await analyzeFile(unknown, { protocol: 'licu' }).catch((e: unknown) => { lib = e; });
    assert.ok(lib instanceof FileError, String(lib));
    assert.match(lib.message, /give format \(mpt, .*\) or format: 'generic' and map time=COL,voltage=COL,current=COL$/);
    assert.doesNotMatch(lib.message, /--/);
    lib = undefined;
    await analyzeFile(generic, { protocol: 'licu', format: 'generic' }).catch((e: unknown) => { lib = e; });
    assert.ok(lib instanceof InputError, String(lib));
    assert.equal(lib.field, 'map');
    assert.match(lib.expected, /^a column mapping for format: 'generic', e\.g\. /);
    assert.doesNotMatch(lib.message, /--/);
    const r1 = await cli(['analyze', unknown, '--protocol', 'licu']);
    assert.equal(r1.code, 2, r1.stderr);
    assert.match(r1.stderr, /give --format \(mpt, .*\) or --format generic --map time=COL/);
    const r2 = await cli(['analyze', generic, '--protocol', 'licu', '--format', 'generic']);
    assert.equal(r2.code, 2, r2.stderr);
    assert.match(r2.stderr, /--map: .*a column mapping for --format generic/);
    // a file it reads (80 rows, 10 s apart, +-1 mA every 100 s) without an area: the report's area check names the option as well
    const sym = join(dir, 'sym.csv');
    writeFileSync(sym, ['Time,Voltage,Current', ...Array.from({ length: 80 }, (_x, i) => { const s = Math.floor(i / 10) % 2 === 0 ? 1 : -1; return `${i * 10},${0.02 * s},${s}`; })].join('\n') + '\n');
    const map = 'time=Time@s,voltage=Voltage@V,current=Current@mA';
    const { report } = await analyzeFile(sym, { protocol: 'symmetric', format: 'generic', map });
    assert.equal(report.checks.find((c) => c.name === 'area')?.detail, 'unknown; per-area figures need area_cm2');
    const r3 = await cli(['analyze', sym, '--protocol', 'symmetric', '--format', 'generic', '--map', map, '--json', '--no-figures', '--out', join(dir, 'report')]);
    assert.equal(r3.code, 0, r3.stderr);
    assert.equal((JSON.parse(r3.stdout) as { checks: { name: string; detail: string }[] }).checks.find((c) => c.name === 'area')?.detail, 'unknown; per-area figures need --area');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store file that is no database: runSweep() and runScreen() say pass db, `sacplate sweep` and `sacplate screen` say --db', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const db = join(dir, 'junk.db');
    writeFileSync(db, 'this is no database, just text');
    // a screen's nucleation stage opens the store before its first candidate's work
    const entries: [string, Record<string, unknown>, (input: Record<string, unknown>) => Promise<unknown>][] = [
      ['sweep', { name: 'hints', base: run, axes: { host: ['Cu', 'graphene'] }, seeds: [1] }, (input) => runSweep(input, { db, threads: 1 })],
      ['screen', { name: 'hints', base: run, seeds: 1, candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }], objectives: ['nucleation_overpotential_mV'] },
        (input) => runScreen(input, { db, threads: 1 })],
    ];
    for (const [command, input, call] of entries) {
      let lib: unknown;
      await call(input).catch((e: unknown) => { lib = e; });
      assert.ok(lib instanceof FileError, `${command}: ${String(lib)}`);
      assert.match(lib.message, /Move it away or pass db with another path$/);
      assert.doesNotMatch(lib.message, /--/);
      const f = join(dir, `${command}.json`);
      writeFileSync(f, JSON.stringify(input));
      const r = await cli([command, f, '--db', db]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /pass --db with another path/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an import file of no known format, a store that is no database: literature says format and db, `sacplate lit` --format and --db', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const recs = join(dir, 'records.txt'), junk = join(dir, 'junk.db'), db = join(dir, 'store.db');
    writeFileSync(recs, 'id: x\n');
    writeFileSync(junk, 'this is no database, just text');
    assert.throws(() => literature.importFile(recs, { db }),
      (e: unknown) => e instanceof FileError && /unknown format; use format csv\|json\|yaml or a /.test(e.message) && !e.message.includes('--'));
    assert.throws(() => literature.list({ db: junk }),
      (e: unknown) => e instanceof FileError && /Move it away or pass db with another path$/.test(e.message) && !e.message.includes('--'));
    const r1 = await cli(['lit', 'import', recs, '--db', db]);
    assert.equal(r1.code, 2, r1.stderr);
    assert.match(r1.stderr, /unknown format; use --format csv\|json\|yaml/);
    const r2 = await cli(['lit', 'list', '--db', junk]);
    assert.equal(r2.code, 2, r2.stderr);
    assert.match(r2.stderr, /pass --db with another path/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a screen\'s sustainability weights with an unknown criterion: parseScreen() and `sacplate screen` name the key weights (a file key, not the flag --weights)', async () => {
  const screen = { name: 'hints', base: run, seeds: 1, candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }], objectives: ['sustainability'], weights: 'toxic=2' };
  assert.throws(() => parseScreen(screen), (e: unknown) => e instanceof InputError && e.field === 'weights' && e.value === 'toxic=2' && !e.message.includes('--'));
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hints-'));
  try {
    const f = join(dir, 'screen.json');
    writeFileSync(f, JSON.stringify(screen));
    const r = await cli(['screen', f, '--db', join(dir, 'store.db')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /(?<!-)weights: got "toxic=2", expected criterion=number/);
    const e = await cli(['elements', 'Fe', '--sustainability', '--weights', 'toxic=2']); // the flag keeps its name
    assert.equal(e.code, 2, e.stderr);
    assert.match(e.stderr, /--weights: got "toxic=2"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// review80 (mends101): runSweep(..., { db: false }) read `db: got false, expected a store file path (text)`, where
// compare() takes db: false; a sweep needs its store (its tasks and their results are recorded there): the line says
// so and what to pass instead
test('runSweep with db: false says a sweep needs its store and what to pass (a path, or none for the default) (mends101)', async () => {
  let e: unknown;
  await runSweep({ name: 'hints', base: run, axes: { host: ['Cu'] }, seeds: [1] }, { db: false } as never).catch((x: unknown) => { e = x; });
  assert.ok(e instanceof InputError && e.field === 'db' && e.value === false, String(e));
  assert.match(e.message, /a sweep needs its store/);
  assert.match(e.message, /tasks and their results/);
  assert.match(e.message, /leave db out for the default/);
  // a path that is no text is still refused as before
  await assert.rejects(runSweep({ name: 'hints', base: run, axes: { host: ['Cu'] }, seeds: [1] }, { db: 3 } as never), (x: unknown) => x instanceof InputError && x.field === 'db');
});
