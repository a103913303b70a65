/**
 * The output folders a command writes (--out, screen --report): a command that fails on its input leaves no empty
 * folder behind; --out "" is refused; a previous run's folder is refused without --force and kept when the new run
 * fails before writing; --force never clears a folder holding the command's own input (or a file that input names);
 * --out may name a link to a folder.
 *
 * Moved here from test/audit18-cli.test.ts, test/mends42.test.ts, test/mends43.test.ts, test/mends45.test.ts,
 * test/review34.test.ts and test/review35.test.ts (branch testsort; docs/history.md's testsort entry maps each old
 * file to its new ones). Each test's story is told in docs/history.md under the session that wrote it: a session's
 * name in a test's name (e.g. 'mends36') refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync, existsSync, statSync, readdirSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, copyFileSync, lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempFolder, inTempDir, tempRoot } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { TINY_RUN_YAML } from './helpers/small-runs.js';
import { prepareOutDir } from '../src/io/dirs.js';
import { refusedInOneLine } from './helpers/refusals.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('output-folders');

const tmp = tempFolder('output-folders');
const run = (...args: string[]) => cli(args, { cwd: tmp });
const write = (name: string, text: string) => { writeFileSync(join(tmp, name), text); return name; };
const fullcellFile = (np: string) => write(`fc-${np.length}.yaml`, `cathode: LFP\nloading: 10 mg/cm2\n${np}\ncycles: 30\nanode: { ce: 0.995 }\n`);
const tmp2 = tempFolder('output-folders');
const tmp3 = tempFolder('output-folders');
const tmp4 = tempFolder('output-folders');

/** a previous run's folder: its files and what they hold */
function previousRun(name: string): { dir: string; files: Record<string, string> } {
  const dir = join(tmp4, name);
  mkdirSync(dir);
  const files = { 'metrics.json': '{"previous": true}', 'eta.csv': 'previous\n', 'nucleation.json': '{"previous": true}' };
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return { dir, files };
}

const badDb = join(tmp4, 'not-a-store.db');
writeFileSync(badDb, 'this is not a SQLite database\n');
const tmp5 = tempFolder('output-folders');
const NEWARE = resolve('../shared/data/cycler/neware_uio.csv');
const tmp6 = tempFolder('output-folders');

const refusal = (field: string, dir: string, file: string) =>
  `sacplate: ${field}: got "${dir}", expected a folder that does not hold the command's input (${file} is in it, and --force would clear it with the rest; choose another folder)\n`;

test('a command that fails on its input or its store leaves no empty output folder behind (it made them; a folder the user made stays)', async () => {
  const typo = fullcellFile('nP: [0, 1]');
  const junkDb = write('junk.db', 'not a database\n');
  const runFile = resolve('examples/li-zn-sac.yaml');
  const cases: [string[], string, RegExp][] = [
    [['fullcell', typo, '--out', 'fc-out'], 'fc-out', /nP: got \[0,1\], expected no such key \(did you mean "np"\?\)/],
    [['fullcell', typo, '--out', 'deep/er/fc'], 'deep', /nP: got/],
    [['simulate', runFile, '--out', 'sim-out', '--db', junkDb], 'sim-out', /junk\.db: is not a SQLite database/],
  ];
  for (const [args, made, re] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, re);
    assert.equal(existsSync(join(tmp, made)), false, `${args.join(' ')} left ${made}/ behind`);
  }
  // a folder that was there before the call is the user's: it stays, empty
  mkdirSync(join(tmp, 'mine'));
  const r = await run('fullcell', typo, '--out', 'mine');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(statSync(join(tmp, 'mine')).isDirectory(), true);
  // and a command that succeeds keeps what it wrote
  const ok = await run('fullcell', fullcellFile('np: [1]'), '--out', 'fc-ok');
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(readdirSync(join(tmp, 'fc-ok')).sort(), ['fullcell.csv', 'fullcell.json']);
});

test('--out "" (an unset shell variable) is one line naming --out, exit 2, before any work: fullcell and compare ran and wrote nothing, simulate named the library\'s outDir', async () => {
  const tiny = write('tiny-cmp.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: carbon cloth, host: carbon-cloth }\n');
  const single = write('tiny-one.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\n');
  for (const args of [['fullcell', fullcellFile('np: [1]'), '--out', ''], ['compare', tiny, '--out', '', '--no-store'], ['simulate', single, '--out', '', '--no-store'], ['simulate', single, '--seeds', '2', '--out', '', '--no-store']]) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^sacplate: --out: got "", expected a directory path\n$/, args.join(' '));
  }
});

test('screen --report into a previous report\'s folder is refused without --force (it was written over), before any simulation; --force writes it', async () => {
  const dir = mkdtempSync(join(tmp2, 'report-'));
  const f = join(dir, 's.yaml');
  writeFileSync(f, 'name: m42\nbase: { metal: Li, lattice: { size: [8, 8, 10], voxel: 10 nm }, host: N-graphene, protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2] }\nseeds: 1\ncandidates: [{ name: bare, sacs: [] }]\nobjectives: [sustainability]\n');
  const rep = join(dir, 'rep'), db = join(dir, 's.db');
  const first = await cli(['screen', f, '--report', rep, '--db', db, '--threads', '1']);
  assert.equal(first.code, 0, first.stderr);
  const ranking = join(rep, 'ranking.csv');
  writeFileSync(ranking, 'kept');
  const again = await cli(['screen', f, '--report', rep, '--db', join(dir, 'other.db'), '--threads', '1']);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `sacplate: --report: got "${rep}", expected a new or empty directory (it holds a previous report: pass --force to clear it first, or choose another folder)\n`);
  assert.equal(readFileSync(ranking, 'utf8'), 'kept');
  assert.ok(!existsSync(join(dir, 'other.db')), 'refused before any simulation');
  const forced = await cli(['screen', f, '--report', rep, '--db', db, '--threads', '1', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(ranking, 'utf8'), /^rank,/);
  assert.match((await cli(['screen', f, '--force', '--db', db])).stderr, /^sacplate: --force: got true, expected --report <dir> as well/);
});

test('prepareOutDir names what the refused folder holds: the caller\'s word for its own outputs, "a previous run" for any other', () => {
  const holds = { what: 'a previous report', files: ['ranking.csv'] };
  const refusal = (file: string) => {
    const dir = mkdtempSync(join(tmp3, 'out-'));
    writeFileSync(join(dir, file), 'kept');
    try { prepareOutDir(dir, { field: '--report', holds }); } catch (e) { return (e as Error).message; }
    return 'not refused';
  };
  assert.match(refusal('ranking.csv'), /--report: got .*, expected a new or empty directory \(it holds a previous report: pass --force/);
  assert.match(refusal('eta.csv'), /\(it holds a previous run: pass --force/);
});

test('analyze --out into a previous analysis\'s folder is refused without --force (it was written over), before the file is read; --force clears it', async () => {
  const out = join(mkdtempSync(join(tmp3, 'analyze-')), 'a');
  const args = ['analyze', resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--no-figures', '--out', out];
  const first = await cli(args);
  assert.equal(first.code, 0, first.stderr);
  const report = join(out, 'report.json');
  writeFileSync(report, 'kept');
  const again = await cli([...args.slice(0, 1), join(tmp3, 'missing.csv'), ...args.slice(2)]);
  assert.equal(again.code, 2);
  assert.equal(again.stderr, `sacplate: --out: got "${out}", expected a new or empty directory (it holds a previous analysis: pass --force to clear it first, or choose another folder)\n`);
  assert.equal(readFileSync(report, 'utf8'), 'kept');
  const forced = await cli([...args, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(report, 'utf8'), /^\{/);
  assert.match((await cli(['analyze', args[1]!, '--protocol', 'fullcell', '--force'])).stderr, /^sacplate: --force: got true, expected --out <dir> as well/);
});

test('simulate and nucleation --out DIR --force keep the previous outputs when they fail before writing (a bad --db)', async () => {
  const runFile = join(tmp4, 'tiny.yaml');
  writeFileSync(runFile, TINY_RUN_YAML);
  const sim = previousRun('sim-prev');
  const s = await cli(['simulate', runFile, '--out', sim.dir, '--force', '--db', badDb, '--no-figures']);
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr, /is not a SQLite database/);
  const nuc = previousRun('nuc-prev');
  const n = await cli(['nucleation', '--metal', 'Li', '--host', 'Cu', '--out', nuc.dir, '--force', '--db', badDb]);
  assert.equal(n.code, 2, n.stderr);
  assert.match(n.stderr, /is not a SQLite database/);
  for (const { dir, files } of [sim, nuc]) {
    assert.deepEqual(readdirSync(dir).sort(), Object.keys(files).sort(), `${dir}: the previous outputs are kept`);
    for (const [f, text] of Object.entries(files)) assert.equal(readFileSync(join(dir, f), 'utf8'), text);
  }
});

test('simulate --out DIR --force that runs replaces the previous outputs (the run clears them before its first file)', async () => {
  const runFile = join(tmp4, 'tiny2.yaml');
  writeFileSync(runFile, TINY_RUN_YAML);
  const { dir } = previousRun('sim-replaced');
  const s = await cli(['simulate', runFile, '--out', dir, '--force', '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const files = readdirSync(dir);
  assert.ok(!files.includes('nucleation.json'), `the previous run's other files are gone: ${files.join(', ')}`);
  assert.match(readFileSync(join(dir, 'eta.csv'), 'utf8'), /^time_s,/);
  assert.notEqual(readFileSync(join(dir, 'metrics.json'), 'utf8'), '{"previous": true}');
});

test('compare continued into its own folder refuses to clear it when the comparison file is in it (it was deleted)', async () => {
  // the comparison's recorded path (resume.json keeps it as given, resolved) later leads into the folder: a link re-pointed
  const root = join(tmp4, 'cmp');
  mkdirSync(join(root, 'E'), { recursive: true });
  const text = TINY_RUN_YAML + 'variants:\n  - { name: a }\n  - { name: b, seed: 2 }\n';
  writeFileSync(join(root, 'E', 'cmp.yaml'), text);
  const link = join(root, 'L');
  const out = join(root, 'D');
  symlinkSync('E', link);
  const args = ['compare', join(link, 'cmp.yaml'), '--out', out, '--no-figures', '--db', join(tmp4, 'cmp.db')];
  const first = await cli(args);
  assert.equal(first.code, 0, first.stderr);
  unlinkSync(link);
  symlinkSync('D', link);
  writeFileSync(join(out, 'cmp.yaml'), text);
  const again = await cli(args);
  assert.equal(again.code, 2, again.stderr);
  assert.match(again.stderr, /--out: got ".*D", expected a folder that does not hold the command's input \(.*cmp\.yaml is in it, and continuing the batch there would clear it/);
  assert.equal(readFileSync(join(out, 'cmp.yaml'), 'utf8'), text, 'the comparison file is kept');
  assert.ok(existsSync(join(out, 'compare.csv')) && existsSync(join(out, 'resume.json')), 'the batch is kept');
});

test('analyze, simulate and screen refuse to clear (--force) an output folder that holds their input; the input is kept', async () => {
  const run = join(tmp5, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'metrics.json'), '{}'); // a previous run's folder
  const input = join(run, 'cell.csv');
  copyFileSync(NEWARE, input);
  const refusal = (field: string, dir: string, file: string) =>
    `sacplate: ${field}: got "${dir}", expected a folder that does not hold the command's input (${file} is in it, and --force would clear it with the rest; choose another folder)\n`;
  for (const force of [['--force'], []]) {
    const a = await cli(['analyze', input, '--protocol', 'fullcell', '--no-figures', '--out', run, ...force]);
    assert.equal(a.code, 2, a.stderr);
    assert.equal(a.stderr, refusal('--out', run, input), force.join(''));
  }
  assert.ok(existsSync(input) && existsSync(join(run, 'metrics.json')), 'the run and the file are kept');
  const runFile = join(run, 'tiny.yaml');
  writeFileSync(runFile, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 50 nm }\nhost: Cu\nprotocol: [Plate 0.0005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', runFile, '--out', run, '--force', '--no-store', '--no-figures']);
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr, refusal('--out', run, runFile));
  const screenFile = join(run, 'screen.yaml');
  copyFileSync(resolve('examples/screen-li.yaml'), screenFile);
  const r = await cli(['screen', screenFile, '--report', run, '--force', '--db', join(tmp5, 'screen.db'), '--threads', '1']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, refusal('--report', run, screenFile));
  for (const f of [input, runFile, screenFile, join(run, 'metrics.json')]) assert.ok(existsSync(f), `${f} kept`);
});

test('analyze --out DIR --force keeps the previous analysis when the file cannot be read (it cleared DIR first)', async () => {
  const out = join(tmp5, 'prev');
  mkdirSync(out);
  writeFileSync(join(out, 'report.json'), 'kept');
  const bad = join(tmp5, 'bad.csv');
  writeFileSync(bad, 'garbage\n');
  for (const file of [join(tmp5, 'missing.csv'), bad]) {
    const a = await cli(['analyze', file, '--protocol', 'fullcell', '--no-figures', '--out', out, '--force']);
    assert.equal(a.code, 2, a.stderr);
    assert.match(a.stderr, new RegExp(`^sacplate: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.equal(readFileSync(join(out, 'report.json'), 'utf8'), 'kept', file);
  }
});

test('fullcell --out and screen --report with --force keep the previous outputs when the input cannot be read (they were cleared first)', async () => {
  const fc = join(tmp5, 'fc-prev'), rep = join(tmp5, 'rep-prev');
  mkdirSync(fc);
  writeFileSync(join(fc, 'fullcell.json'), 'kept');
  mkdirSync(rep);
  writeFileSync(join(rep, 'ranking.csv'), 'kept');
  const missing = join(tmp5, 'missing.yaml');
  const a = await cli(['fullcell', missing, '--out', fc, '--force']);
  const b = await cli(['screen', missing, '--report', rep, '--force', '--db', join(tmp5, 'rep.db'), '--threads', '1']);
  for (const r of [a, b]) {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /missing\.yaml: cannot read: no such file/);
  }
  assert.equal(readFileSync(join(fc, 'fullcell.json'), 'utf8'), 'kept');
  assert.equal(readFileSync(join(rep, 'ranking.csv'), 'utf8'), 'kept');
});

test('fullcell, simulate and screen --force refuse an output folder holding a file their input file names (anode.run, parameters, descriptors, base); the file is kept', async () => {
  const out = join(tmp6, 'OUT');
  mkdirSync(join(out, 'anode'), { recursive: true });
  writeFileSync(join(out, 'fullcell.json'), '{}'); // a previous full cell's outputs
  const anode = join(out, 'anode', 'a.yaml');
  writeFileSync(anode, 'metal: Li\nlattice: { size: [8, 8, 16], voxel: 100 nm }\nhost: Cu\nprotocol:\n  - repeat: 2\n    steps: [Plate 0.01 mAh/cm2 at 1 mA/cm2, Strip at 1 mA/cm2 until 1 V]\nseed: 1\noutput: { snapshots: false }\n');
  const fc = join(tmp6, 'fc.yaml');
  writeFileSync(fc, 'cathode: LFP\nnp: 2\ncycles: 3\nanode: { run: OUT/anode/a.yaml }\n'); // relative to the full-cell file
  for (const force of [['--force'], []]) {
    const r = await cli(['fullcell', fc, '--out', out, ...force]);
    assert.equal(r.stderr, refusal('--out', out, anode), force.join(''));
    assert.equal(r.code, 2);
  }
  assert.ok(existsSync(anode) && existsSync(join(out, 'fullcell.json')), 'the anode run file and the previous outputs are kept');

  // a run's parameters file in its --out folder, given relative to the run file and reached through `x/../x`
  const sets = join(out, 'sets.yaml');
  writeFileSync(sets, 'sacs:\n  Cu-N3: { element: Cu, support: N-graphene, metals: { Li: { binding: 0.6 eV } } }\n');
  const run = join(tmp6, 'run.yaml');
  writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: N-graphene\nprotocol: [Plate at 1 mA/cm2 for 1e-9 s]\nparameters: OUT/../OUT/sets.yaml\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', run, '--out', out, '--force', '--no-figures', '--no-store']);
  assert.equal(s.stderr, refusal('--out', out, sets));
  assert.ok(existsSync(sets), 'the parameters file is kept');

  // a screen's descriptors CSV and base run file in its --report folder (refused before the file is parsed)
  const rep = join(tmp6, 'REP');
  mkdirSync(rep);
  writeFileSync(join(rep, 'ranking.csv'), 'name\n');
  for (const key of ['descriptors: REP/d.csv\nbase: { metal: Li }', 'base: REP/d.csv']) {
    writeFileSync(join(rep, 'd.csv'), 'name\n');
    const sf = join(tmp6, 'screen.yaml');
    writeFileSync(sf, `${key}\n`);
    const r = await cli(['screen', sf, '--report', rep, '--force']);
    assert.equal(r.stderr, refusal('--report', rep, join(rep, 'd.csv')), key);
    assert.ok(existsSync(join(rep, 'd.csv')) && existsSync(join(rep, 'ranking.csv')), key);
  }
});

test('--out naming a link to a folder writes there (it was refused as "a file of that name exists"); a link to nothing says so', async () => {
  const real = join(tmp6, 'scratch');
  mkdirSync(real);
  const link = join(tmp6, 'results');
  symlinkSync(real, link);
  const run = join(tmp6, 'tiny.yaml');
  writeFileSync(run, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate at 1 mA/cm2 for 1e-9 s]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', run, '--out', link, '--no-figures', '--no-store']);
  assert.equal(s.code, 0, s.stderr);
  assert.ok(existsSync(join(real, 'metrics.json')), 'the outputs are in the linked folder');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is kept');
  const again = await cli(['simulate', run, '--out', link, '--no-figures', '--no-store']);
  assert.match(again.stderr, /it holds a previous run: pass --force/);
  const dangling = join(tmp6, 'gone');
  symlinkSync(join(tmp6, 'nowhere'), dangling);
  const d = await cli(['simulate', run, '--out', dangling, '--no-figures', '--no-store']);
  assert.equal(d.code, 2);
  assert.equal(d.stderr, `sacplate: --out: got "${dangling}", expected a directory for the outputs (it is a link to ${join(tmp6, 'nowhere')}: no such file (ENOENT); make that folder or choose another path)\n`);
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('simulate --resume on a folder whose run finished (no checkpoint) is refused in one line; the finished outputs stay', async () => {
  await inTempDir('output-folders', async (dir) => {
    // bookkeeping only: terrace barrier 0.3 eV keeps the run short
    const file = join(dir, 'run.yaml');
    writeFileSync(file, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 100 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol:\n  - Plate 0.002 mAh/cm2 at 1 mA/cm2\nseed: 1\noutput: { snapshots: false }\n');
    const out = join(dir, 'out');
    const first = await cli(['simulate', file, '--out', out, '--no-store', '--no-figures', '--json']);
    assert.equal(first.code, 0, first.stderr);
    const metrics = readFileSync(join(out, 'metrics.json'), 'utf8');
    const again = await cli(['simulate', file, '--out', out, '--resume', '--no-store', '--no-figures', '--json']);
    refusedInOneLine(again, '--resume', /checkpoint/);
    assert.equal(readFileSync(join(out, 'metrics.json'), 'utf8'), metrics, 'the finished run is untouched');
  });
});

// From audit-cli (session 10, branch `audit`: the end-to-end audit of the user commands); failed before its fix.
test('nucleation --out / --plot and fullcell --out do not write into a previous run\'s folder (a simulation\'s eta.csv was overwritten) unless --force', async () => {
  await inTempDir('output-folders', async (dir) => {
    const run = join(dir, 'run');
    mkdirSync(run);
    writeFileSync(join(run, 'eta.csv'), 'time_s,overpotential_mV\n0,1\n');
    writeFileSync(join(run, 'metrics.json'), '{}\n');
    // the metal's own foil: no atomistic stage, a fraction of a second
    const nuc = ['nucleation', '--metal', 'Li', '--host', 'Li', '--no-store'];
    refusedInOneLine(await cli([...nuc, '--out', run]), '--out', /previous run/);
    refusedInOneLine(await cli([...nuc, '--plot', run]), '--plot', /previous run/);
    assert.equal(readFileSync(join(run, 'eta.csv'), 'utf8'), 'time_s,overpotential_mV\n0,1\n', 'the simulation\'s eta.csv is untouched');
    const out = join(dir, 'nuc');
    assert.equal((await cli([...nuc, '--out', out])).code, 0);
    assert.ok(existsSync(join(out, 'nucleation.json')));
    refusedInOneLine(await cli([...nuc, '--out', out]), '--out', /--force/);
    assert.equal((await cli([...nuc, '--out', out, '--force'])).code, 0);
    const fc = join(dir, 'fc');
    const cellFile = join(dir, 'cell.yaml');
    writeFileSync(cellFile, 'cathode: LFP\nloading: 10 mg/cm2\nnp: [0]\ncycles: 10\nanode: { ce: 0.99 }\n');
    assert.equal((await cli(['fullcell', cellFile, '--out', fc])).code, 0);
    refusedInOneLine(await cli(['fullcell', cellFile, '--out', fc]), '--out', /--force/);
    refusedInOneLine(await cli(['fullcell', cellFile, '--out', run]), '--out', /previous run/);
    assert.equal((await cli(['fullcell', cellFile, '--out', fc, '--force'])).code, 0);
    assert.ok(existsSync(join(fc, 'fullcell.json')));
  });
});

// From loose5 (session 18, task loose5: a new user's audit); failed on the code before its fix.
const tmp7 = tempFolder('output-folders');
const run7 = (...args: string[]) => cli(args, { cwd: tmp7 });

test('an empty output path (an unset shell variable) is one line naming the flag, exit 2, before any work: analyze, screen, results, convert, lit export', async () => {
  const cycler = resolve('test/data/cycler/pec_Test25205.csv');
  const db = join(tmp7, 'empty-out.db');
  const cases: [string[], string][] = [
    [['analyze', cycler, '--protocol', 'fullcell', '--no-figures', '--out', ''], 'sacplate: --out: got "", expected a directory path'],
    [['analyze', cycler, '--protocol', 'fullcell', '--no-figures', '--out', ' '], 'sacplate: --out: got " ", expected a directory path'],
    [['screen', resolve('examples/screen-li.yaml'), '--db', db, '--report', ''], 'sacplate: --report: got "", expected a directory path'],
    [['results', resolve('examples/sweep-loading.yaml'), '--db', db, '--format', 'parquet', '--out', ''], 'sacplate: --out: got "", expected a file path'],
    [['convert', cycler, '--to', 'bdf', '-o', ''], 'sacplate: -o: got "", expected a file path'],
    [['lit', 'export', '--format', 'csv', '--db', db, '--out', ''], 'sacplate: --out: got "", expected a file path'],
  ];
  for (const [args, line] of cases) {
    const r = await run7(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim(), line);
    assert.equal(r.stdout, '', `${args.join(' ')} printed nothing`);
  }
  assert.deepEqual(readdirSync(tmp7), [], 'nothing written into the current folder');
});

// audit69: `results --out results.parquet` (no --format: csv) wrote CSV text into results.parquet, `--format parquet --out
// r.csv` Parquet bytes into r.csv, `lit export --format bibtex --out refs.csv` BibTeX into refs.csv: a file whose name says
// one format and holds another; refused naming --out, the value and the name --format writes, before any work
test('results and lit export: an --out name of another format than --format writes is refused naming both, nothing written', async () => {
  const db = join(tmp7, 'no-store.db');
  const cases: [string[], string][] = [
    [['results', 'some-sweep', '--db', db, '--out', 'r.parquet'], 'sacplate: --out: got "r.parquet", expected a name ending .csv for --format csv (the default); --format parquet writes a .parquet file'],
    [['results', 'some-sweep', '--db', db, '--format', 'parquet', '--out', 'r.csv'], 'sacplate: --out: got "r.csv", expected a name ending .parquet for --format parquet; --format csv writes a .csv file'],
    [['results', 'some-sweep', '--db', db, '--format', 'json', '--out', 'r.xlsx'], 'sacplate: --out: got "r.xlsx", expected a name ending .json for --format json; no --format writes a .xlsx file'],
    [['lit', 'export', '--format', 'bibtex', '--db', db, '--out', 'refs.csv'], 'sacplate: --out: got "refs.csv", expected a name ending .bib for --format bibtex; --format csv writes a .csv file'],
    // review69: a cycler's own formats too, as convert -o refuses them (one list, cli/guards.ts)
    [['results', 'some-sweep', '--db', db, '--out', 'r.mpt'], 'sacplate: --out: got "r.mpt", expected a name ending .csv for --format csv (the default); no --format writes a .mpt file'],
  ];
  for (const [args, line] of cases) {
    const r = await run7(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim(), line);
  }
  assert.deepEqual(readdirSync(tmp7).filter((f) => !f.endsWith('.db')), [], 'nothing written');
});

// review69: `--out -` (and convert's `-o -`), the usual name of standard output, wrote a file named "-" in the current
// folder (`lit export --format json --out -`: "wrote 18 records to -"); it prints on standard output now, as leaving
// --out out does, and a binary format (results --format parquet) is refused for it as for no --out
test('--out - (convert -o -) prints on standard output, as no --out does, and writes no file named "-"', async () => {
  const db = join(tmp7, 'dash.db');
  for (const [fmt, head] of [['json', /^\{/], ['csv', /^id,/], ['bibtex', /^@/]] as const) {
    const plain = await run7('lit', 'export', '--format', fmt, '--db', db);
    const dash = await run7('lit', 'export', '--format', fmt, '--db', db, '--out', '-');
    assert.equal(dash.code, 0, dash.stderr);
    assert.match(dash.stdout, head, fmt);
    assert.equal(dash.stdout, plain.stdout, `lit export --format ${fmt}: --out - prints what no --out prints`);
  }
  const src = NEWARE;
  const plain = await run7('convert', src, '--to', 'bdf');
  const dash = await run7('convert', src, '--to', 'bdf', '-o', '-');
  assert.equal(dash.code, 0, dash.stderr);
  assert.ok(plain.stdout.length > 100 && dash.stdout === plain.stdout, 'convert -o - prints the BDF CSV no -o prints');
  const pq = await run7('results', 'some-sweep', '--db', db, '--format', 'parquet', '--out', '-');
  assert.equal(pq.code, 2, pq.stderr);
  assert.match(pq.stderr, /^sacplate: --out: got "-", expected an output file for --format parquet \(binary: not standard output\), e.g\. --out results\.parquet\n$/);
  assert.deepEqual(readdirSync(tmp7).filter((f) => f === '-' || f.startsWith('.-')), [], 'no file named "-"');
});
