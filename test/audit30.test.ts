/**
 * Session 29, task audit30: defects found by a new user's audit, each test failing on the code
 * before its fix. (1) `simulate --seeds N` and `compare` queued all N runs in the run service at
 * once: each got a store row before it started, and a stop cancelled them one by one, each cancel
 * scanning every run the service held (O(N^2)): Ctrl-C on `--seeds 100000` took 237 s to exit and
 * left 100,000 cancelled rows in the store (`--seeds 1000000` never stopped and left 984,282 rows
 * "running"). Now a run starts when a thread frees up. (2) `--seeds` had no upper bound: a million
 * seeds hashed and looked up a million runs before the first started (minutes, no line printed);
 * now at most 100,000, a sweep's most tasks (MAX_SWEEP_TASKS). (3) A run file saved as UTF-16 (Windows
 * Notepad's "Unicode") was read as garbage ('input: got "\ufffd\ufffdm\u0000e\u0000t..."'), a PNG given by
 * mistake as YAML ("Implicit keys need to be on a single line"); nucleation's case file likewise.
 * (4) `analyze --qt -5 mAh` (or --qc 0 mAh) named the library's option, not the flag, and the value
 * without its unit: "qt_mAh: got -5, expected a number above 0 (a charge in mAh)". (5) `params show Li
 * --kind electrolyte` said 'name: got "Li", expected a known parameter set: Li, Na, ...' (the sets of
 * every other kind), and an unknown name's list left the electrolyte sets out. (6) `elements Fe Co
 * --weights abundance=1` without --sustainability printed the table as if no weights were given.
 * (7) A run file with a second YAML document ("---" between two runs) said "Source contains multiple
 * documents; please use YAML.parseAllDocuments()", the YAML library's advice to a programmer.
 * (8) A first step "Strip at 1 mA/cm2 until 200 mV" on a bare host (nothing plated) stripped nothing
 * and said nothing: the table read "stripped" in every morphology column ("the deposit was fully
 * stripped"). A strip to a cut-off that runs out of metal is not warned about (that is how the cut-off
 * comes), but one that stripped nothing at all now is. (9) `nucleation --against-literature --metal Li`
 * (or a case file beside it) and `nucleation cases.yaml --metal Li --host Cu` ran without a word about
 * the flags they ignored (the review's systems, the file's metal and cases). (10) `simulate run.yaml
 * --threads 2` (one run: one thread) and `simulate`/`compare --force` without --out (no folder to clear)
 * did nothing, without a word. (11) Units as papers print them, "1 mA cm⁻²", were refused ("unknown unit"):
 * units.ts turned "²" into "2" before it looked for "⁻²", so its "⁻¹ ⁻² ⁻³" rules never matched.
 * (12) `cite runs/na` (the README's compare --out folder) said only "not a run folder (no resolved.json)";
 * it now names one of the run folders it holds.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { runCases } from '../src/batch/cases.js';
import { openStore } from '../src/store/index.js';
import { cli } from './helpers/cli.js';
import { parseQuantity } from '../src/units.js';
import { earlyEndWarnings } from '../src/cli/run-report.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit30-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** a run of a few thousand events, as an object, resolved, or a file */
const TINY = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1 };
const tiny = () => parseRunInput({ ...TINY, output: { snapshots: false } });
const tinyFile = () => {
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify(TINY));
  return file;
};

test('runCases: a stop after the first run leaves only the runs that started in the store, and returns at once', async () => {
  const run = tiny();
  const n = 300;
  const items = Array.from({ length: n }, (_, s) => ({ name: `seed ${s}`, dirName: `seed-${s}`, run: { ...run, seed: s } }));
  const db = join(dir, 'stop.db');
  const ac = new AbortController();
  const t0 = performance.now();
  const r = await runCases('seeds', 'tiny.yaml', items, { store: true, db, threads: 1, figures: false, signal: ac.signal, onDone: () => ac.abort() });
  const ms = performance.now() - t0;
  assert.equal(r.cancelled, true);
  const finished = r.done.filter(Boolean).length;
  assert.ok(finished >= 1 && finished <= 2, `finished ${finished}`);
  const store = openStore(db);
  try {
    const rows = store.countRuns();
    // the run that finished and at most the one started as it ended: not a row for each of the 300 seeds
    assert.ok(rows <= 2, `${rows} runs recorded in the store for ${finished} that ran`);
  } finally { store.close(); }
  assert.ok(ms < 20000, `${ms.toFixed(0)} ms`);
});

test('simulate --seeds: more than a sweep holds (100,000) is refused naming the flag and the range, before anything runs', async () => {
  const file = tinyFile();
  // --threads 0 would be refused too: the seeds are checked first, so the line must name --seeds
  const r = await cli(['simulate', file, '--seeds', '100001', '--threads', '0', '--no-store']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'sacplate: --seeds: got "100001", expected an integer from 1 to 100000');
  const ok = await cli(['simulate', file, '--seeds', '100000', '--threads', '0', '--no-store']);
  assert.match(ok.stderr, /^sacplate: --threads: got "0"/);
});

test('a run, comparison, sweep, screen, full-cell, cite, nucleation or lit import file that is UTF-16 or binary is refused as such, in one line', async () => {
  const text = 'metal: Li\ntemperature: 25 degC\n';
  const utf16 = join(dir, 'utf16.yaml');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const png = join(dir, 'figure.yaml');
  writeFileSync(png, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR')]));
  for (const cmd of [['simulate'], ['compare'], ['sweep'], ['screen'], ['fullcell'], ['cite'], ['nucleation']]) {
    const a = await cli([...cmd, utf16]);
    assert.equal(a.code, 2, `${cmd[0]}: ${a.stderr}`);
    assert.equal(a.stderr.trim(), `sacplate: ${utf16}:1: is UTF-16 encoded; save it as UTF-8 (a YAML or JSON text file)`, cmd[0]);
    const b = await cli([...cmd, png]);
    assert.equal(b.code, 2, `${cmd[0]}: ${b.stderr}`);
    assert.equal(b.stderr.trim(), `sacplate: ${png}:3: contains NUL bytes: binary data (or UTF-16), not a YAML or JSON text file`, cmd[0]);
  }
  // lit import (csv, json or yaml records): it said 'record: expected a mapping with id, name, metal, ...'
  const lit = await cli(['lit', 'import', utf16, '--db', join(dir, 'lit.db')]);
  assert.equal(lit.code, 2, lit.stderr);
  assert.equal(lit.stderr.trim(), `sacplate: ${utf16}:1: is UTF-16 encoded; save it as UTF-8 (a CSV, JSON or YAML text file)`);
});

test('analyze --qt / --qc of zero or below: the flag and the value as given are named', async () => {
  const file = '../shared/data/cycler/neware_uio.csv';
  for (const [flag, v] of [['--qt', '-5 mAh'], ['--qc', '0 mAh'], ['--qc', '-1 mAh/cm2']] as const) {
    const r = await cli(['analyze', existsSync(file) ? file : 'test/data/cycler/maccor_002_C-D_boundary.txt', '--protocol', 'aurbach', '--area', '1 cm2', flag, ...v.split(' '), '--no-figures', '--out', join(dir, 'an')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: ${flag}: got "${v}", expected a positive charge, e.g. "5 mAh" (or "5 mAh/cm2" with --area)`);
  }
});

test('params show: an unknown name lists the sets of the kind asked for, electrolytes included', async () => {
  const el = await cli(['params', 'show', 'Li', '--kind', 'electrolyte']);
  assert.equal(el.code, 2, el.stderr);
  assert.equal(el.stderr.trim(), 'sacplate: name: got "Li", expected a known electrolyte set: LiPF6-EC-DMC, LiPF6-EC-EMC, LiTFSI-DOL-DME, NaPF6-diglyme, KFSI-DME');
  const any = await cli(['params', 'show', 'bogus']);
  assert.equal(any.code, 2, any.stderr);
  assert.match(any.stderr.trim(), /^sacplate: name: got "bogus", expected a known parameter set: Li, Na, K, Cu, .*, Zn-N4, .*, LiPF6-EC-DMC, LiPF6-EC-EMC, LiTFSI-DOL-DME, NaPF6-diglyme, KFSI-DME$/);
  const sac = await cli(['params', 'show', 'Li', '--kind', 'sac']);
  assert.doesNotMatch(sac.stderr, /LiPF6|: Li, /, sac.stderr);
  // and the set itself with --kind electrolyte, as without it
  const ok = await cli(['params', 'show', 'KFSI-DME', '--kind', 'electrolyte']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^electrolyte KFSI-DME: /);
});

test('elements --weights without --sustainability is refused (the weights are the score\'s; they did nothing)', async () => {
  const r = await cli(['elements', 'Fe', 'Co', '--weights', 'abundance=1']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'sacplate: --weights: got "abundance=1", expected --sustainability as well (the weights are the sustainability score\'s; without it no score is computed)');
  const ok = await cli(['elements', 'Fe', 'Co', '--weights', 'abundance=1', '--sustainability']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /weights \{"abundance":1,"price":0,"hhi":0,"toxicity":0\}|weights \{"abundance":1/);
});

test('a run file with two YAML documents says so in words, at the line of the second', async () => {
  const file = join(dir, 'two-docs.yaml');
  writeFileSync(file, 'metal: Li\nhost: Cu\n---\nmetal: Na\n');
  const r = await cli(['simulate', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${file}:3: holds a second YAML document (a "---" line starts it): a run file is one document`);
  // a single document may start with "---"
  writeFileSync(file, '---\nmetal: Li\n');
  assert.match((await cli(['simulate', file])).stderr, /lattice: got nothing \(field missing\)/);
});

test('a strip to a cut-off that stripped nothing (no metal from the start) is warned about; one that ran out of metal is not', () => {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene',
    protocol: ['Strip at 1 mA/cm2 until 200 mV', 'Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], seed: 1,
  });
  const w = earlyEndWarnings([
    { index: 0, ended: 'no_metal', text: 'Strip at 1 mA/cm2 until cell voltage 200 mV', charge_C_per_cm2: 0, duration_s: 0 },
    { index: 1, ended: 'charge', text: 'Plate 0.001 mAh/cm2 at 1 mA/cm2', charge_C_per_cm2: 0.0036, duration_s: 3.6 },
    { index: 2, ended: 'no_metal', text: 'Strip at 1 mA/cm2 until cell voltage 200 mV', charge_C_per_cm2: -0.0035, duration_s: 3.5 },
  ], '', run.protocol);
  assert.deepEqual(w, ['warning: step 1 "Strip at 1 mA/cm2 until cell voltage 200 mV" ended early (no_metal: no connected metal was left to strip) after 0.00 mAh/cm2 and 0.00 s']);
});

test('nucleation: --metal, --host, --sac or a case file beside what they would not change are refused, before any work', async () => {
  // --runs 3 is refused too, but only after these: a line naming --runs means the flag was let through
  const lit = await cli(['nucleation', '--against-literature', '--metal', 'Li', '--runs', '3']);
  assert.equal(lit.code, 2, lit.stderr);
  assert.equal(lit.stderr.trim(), 'sacplate: --metal: got "Li", expected nothing with --against-literature (it runs the review\'s systems, each with its own metal, host and SAC)');
  const both = await cli(['nucleation', 'examples/nucleation-na.yaml', '--against-literature', '--runs', '3']);
  assert.equal(both.stderr.trim(), 'sacplate: file: got "examples/nucleation-na.yaml", expected nothing with --against-literature (it runs the review\'s systems, each with its own metal, host and SAC)');
  const file = await cli(['nucleation', 'examples/nucleation-na.yaml', '--host', 'Cu', '--runs', '3']);
  assert.equal(file.stderr.trim(), 'sacplate: --host: got "Cu", expected nothing with a case file (examples/nucleation-na.yaml gives the metal and each case\'s host and SAC)');
  const sac = await cli(['nucleation', 'examples/nucleation-na.yaml', '--sac', 'Zn-N4, loading 1 wt%', '--runs', '3']);
  assert.match(sac.stderr.trim(), /^sacplate: --sac: got "Zn-N4, loading 1 wt%", expected nothing with a case file/);
  // the flags a case file does take: still the --runs refusal
  assert.match((await cli(['nucleation', 'examples/nucleation-na.yaml', '--current', '2 mA/cm2', '--runs', '3'])).stderr, /^sacplate: --runs: got "3"/);
});

test('simulate --threads without --seeds, and simulate / compare --force without --out, are refused (they did nothing)', async () => {
  const file = tinyFile();
  // a bad --rebuild-every is refused after these checks: a line naming it means the flag was let through
  const th = await cli(['simulate', file, '--threads', '2', '--no-store', '--rebuild-every', '5']);
  assert.equal(th.code, 2, th.stderr);
  assert.equal(th.stderr.trim(), 'sacplate: --threads: got "2", expected --seeds n (n >= 2) as well: a single run takes one thread (--threads is how many seeds run at once)');
  const f = await cli(['simulate', file, '--force', '--no-store', '--rebuild-every', '5']);
  assert.equal(f.stderr.trim(), 'sacplate: --force: got true, expected --out <dir> as well (it clears that folder first; without --out no folder is written)');
  const c = await cli(['compare', 'examples/main-job.yaml', '--force', '--no-store', '--threads', '0']);
  assert.equal(c.stderr.trim(), 'sacplate: --force: got true, expected --out <dir> as well (it clears that folder first; without --out no folder is written)');
  // with --seeds, --threads is taken (the next refusal is --rebuild-every's)
  assert.match((await cli(['simulate', file, '--seeds', '2', '--threads', '2', '--no-store', '--rebuild-every', '5'])).stderr, /^sacplate: --rebuild-every: got "5"/);
});

test('superscript minus in a unit (mA cm⁻², S cm⁻¹, m² s⁻¹) reads as the ASCII spelling does', async () => {
  assert.equal(parseQuantity('x', '1 mA cm⁻²', 'currentDensity'), parseQuantity('x', '1 mA cm-2', 'currentDensity'));
  assert.equal(parseQuantity('x', '3 mAh cm⁻²', 'arealCapacity'), parseQuantity('x', '3 mAh/cm2', 'arealCapacity'));
  assert.equal(parseQuantity('x', '10 mS cm⁻¹', 'conductivity'), parseQuantity('x', '10 mS/cm', 'conductivity'));
  assert.equal(parseQuantity('x', '3e-10 m² s⁻¹', 'diffusivity'), parseQuantity('x', '3e-10 m2/s', 'diffusivity'));
  // in a protocol step, as in the README's run file
  const run = parseRunInput({ metal: 'Li', temperature: '25 °C', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh cm⁻² at 1 mA cm⁻²'], seed: 1 });
  const ascii = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1 });
  assert.deepEqual(run.protocol, ascii.protocol.map((p) => ({ ...p, text: 'Plate 0.002 mAh cm⁻² at 1 mA cm⁻²' })));
});

test('cite of a compare or --seeds output folder names a run folder inside it to cite', async () => {
  const out = join(dir, 'cmp-out');
  mkdirSync(join(out, 'Cu'), { recursive: true });
  mkdirSync(join(out, 'graphene'), { recursive: true });
  writeFileSync(join(out, 'graphene', 'resolved.json'), '{}');
  writeFileSync(join(out, 'Cu', 'resolved.json'), '{}');
  writeFileSync(join(out, 'compare.csv'), 'case\n'); // compare's table (without it the folder is not said to be compare's: mends45)
  const r = await cli(['cite', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${out}: not a run folder (no resolved.json); it holds run folders (the output of compare or --seeds): cite one of them, e.g. ${join(out, 'Cu')}`);
  const empty = join(dir, 'empty-out');
  mkdirSync(empty);
  assert.equal((await cli(['cite', empty])).stderr.trim(), `sacplate: ${empty}: not a run folder (no resolved.json)`);
});
