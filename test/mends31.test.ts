/**
 * Session 29, task mends31: small defects a fresh-eyes audit (audit30) found and left, each test
 * failing on the code before its fix. (1) A nucleation case file with a second YAML document said
 * "not valid YAML/JSON (Source contains multiple documents; please use YAML.parseAllDocuments() ...)",
 * the YAML library's advice: its reader was its own; now the run file's (parseYamlText). (2) A run
 * file's "-300 K" said "expected a temperature above 0 K" and "0 K" "from 150 to 400 K": two rules for one
 * field; now every temperature out of 150 to 400 K says the range. "298 k" was refused: a lower-case k
 * names no other temperature unit, so it is read as kelvin (the refusal of other units names "K (kelvin)").
 * (3) `analyze final.vti` said "contains NUL bytes: binary or UTF-16 data", `analyze final.extxyz`
 * 'unknown cycler layout (first line: "66")': now each names the simulation output it is and what
 * analyze reads. `sweep run.yaml` listed the run's keys as unknown sweep keys; it now says what a
 * sweep file is, with its shape. (4) `results sc-tiny` for a screen said only 'none named "sc-tiny"': a
 * screen's simulations are the sweep "sc-tiny-runs", which it now names. (5) Flags that did nothing
 * beside others, without a word, are refused naming the flag: `--db` beside `--no-store`, `--fresh`
 * beside `--no-store` without `--out`, `--no-figures` without `--out` (simulate and compare). (6)
 * `anode-capacity --metal-mass "0 mg/cm2"` said 'got 0' (the SI number, no unit); `analyze` with no
 * file asked for --protocol first (commander checks required options before arguments); `lit verify
 * --help` showed '(default: "")'. (7) RunService.finish() scanned every run the service held each time
 * a run ended (O(n) per run, O(n^2) to drain a long queue); it now keeps the ended runs in entry order in a
 * list of at most KEEP_FINISHED + 1: the same runs are kept (the 50 newest by entry, not by end).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { parseRunInput } from '../src/input/parse.js';
import { parseQuantity } from '../src/units.js';
import { validateRecord } from '../src/evidence/schema.js';
import { RunService } from '../src/server/service.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends31-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** a run of a few thousand events, as an object */
const TINY = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1 };

test('a nucleation case file with two YAML documents says so in words, at the line of the second', async () => {
  const file = join(dir, 'cases-two.yaml');
  writeFileSync(file, 'metal: Li\ncurrent: 1 mA/cm2\ncases: []\n---\nmetal: Na\n');
  const r = await cli(['nucleation', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${file}:4: holds a second YAML document (a "---" line starts it): a nucleation case file is one document`);
});

test('a run file temperature out of 150 to 400 K says the range, in one wording; "298 k" is kelvin', () => {
  const range = 'a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  for (const t of ['-300 K', '0 K', '149 K', '401 K', '-300 degC', '-274 degC']) {
    assert.throws(() => parseRunInput({ ...TINY, temperature: t }), (e: Error) => e.message === `temperature: got "${t}", expected ${range}`, t);
  }
  assert.equal(parseRunInput({ ...TINY, temperature: '298 k' }).temperature_K, 298);
  assert.equal(parseQuantity('t', '298 k', 'temperature'), 298);
  for (const t of ['298 F', '298 kK', '298']) {
    assert.throws(() => parseQuantity('t', t, 'temperature'), (e: Error) => e.message === `t: got "${t}", expected a temperature in K (kelvin) or degC, e.g. "25 degC" or "298.15 K"`, t);
  }
});

test('a literature record condition at or below absolute zero is still refused, in K or degC', () => {
  const shipped = parse(readFileSync('data/literature/li-cc-cn-saco.yaml', 'utf8')) as Record<string, any>;
  const base = (Array.isArray(shipped) ? shipped[0] : shipped) as Record<string, any>;
  const rec = (temperature: string) => ({ ...base, figures: [{ ...base.figures[0], conditions: { temperature } }] });
  assert.equal(validateRecord(rec('25 degC'), 'r.yaml').figures[0]!.conditions?.temperature, '25 degC');
  for (const t of ['-5 K', '-300 degC']) {
    assert.throws(() => validateRecord(rec(t), 'r.yaml'), /conditions\.temperature: got "[^"]+", expected a temperature above 0 K \(absolute zero, -273\.15 degC\)/, t);
  }
});

test('analyze names a simulation output given in place of a cycler export; sweep names a run file given in place of a sweep file', async () => {
  const run = join(dir, 'run');
  mkdirSync(run);
  writeFileSync(join(run, 'eta.csv'), 'time_s,charge_C_per_cm2,overpotential_mV\n0,0,0\n');
  // a .vti's appended binary block holds NUL bytes; an .extxyz starts with its atom count
  writeFileSync(join(run, 'final.vti'), Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<VTKFile type="ImageData">\n<AppendedData encoding="raw">\n_'), Buffer.from([0, 0, 1, 0])]));
  writeFileSync(join(run, 'final.extxyz'), '66\nLattice="1 0 0 0 1 0 0 0 1" Properties=species:S:1:pos:R:3\nLi 0 0 0\n');
  writeFileSync(join(run, 'metrics.json'), '{"nucleation_overpotential_mV": 20}\n');
  const reads = `not a cycler export: analyze reads cycler files (.mpt, Neware, Arbin, Landt, BDF, ... CSV) or a simulated run's eta.csv (this run's: ${join(run, 'eta.csv')})`;
  for (const [f, what] of [['final.vti', 'a VTK image (a simulation output: the deposit\'s voxels)'], ['final.extxyz', 'an extended XYZ file (a simulation output: the deposit\'s atoms)'], ['metrics.json', 'a run\'s metrics.json (a simulation output)']]) {
    const r = await cli(['analyze', join(run, f!), '--protocol', 'symmetric']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: ${join(run, f!)}: is ${what}, ${reads}`);
  }
  const file = join(dir, 'run.yaml');
  writeFileSync(file, JSON.stringify(TINY));
  const s = await cli(['sweep', file]);
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr.trim(), /^sacplate: base: got nothing \(field missing\), expected the base run: this is a run file \(metal, lattice, host, protocol at the top; `sacplate simulate` runs it once\)\. A sweep file has base: \(the run\) and the keys it varies, e\.g\. base: run\.yaml .*axes: \{ sacs\[0\]\.loading: \[1 %, 2 %\] \}, seeds: \[1, 2\]/);
});

test('results NAME of a screen names the sweep its runs are stored as (NAME-runs)', async () => {
  const db = join(dir, 'screen.db');
  const file = join(dir, 'screen.json');
  writeFileSync(file, JSON.stringify({ base: TINY, candidates: [{ name: 'bare', sacs: [] }], objectives: ['nucleation_overpotential_mV'] }));
  const screen = await cli(['screen', file, '--db', db, '--name', 'sc-tiny', '--threads', '1']);
  assert.equal(screen.code, 0, screen.stderr);
  const r = await cli(['results', 'sc-tiny', '--db', db]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: sweep: got "sc-tiny", expected a sweep run before with this store (${db}); none named "sc-tiny"; "sc-tiny" is a screen: its runs are stored as the sweep "sc-tiny-runs" (sacplate results sc-tiny-runs)`);
  const runs = await cli(['results', 'sc-tiny-runs', '--db', db, '--format', 'csv']);
  assert.equal(runs.code, 0, runs.stderr);
  // a name that is neither: no hint
  assert.match((await cli(['results', 'nothing', '--db', db])).stderr, /none named "nothing"\n$/);
});

test('simulate and compare refuse --db with --no-store, --fresh with --no-store and no --out, --no-figures without --out, naming the flag', async () => {
  const file = join(dir, 'idle.json');
  writeFileSync(file, JSON.stringify(TINY));
  const DB = 'no --no-store beside it (--db names the store runs are recorded in; --no-store records none)';
  const FRESH = 'a store (no --no-store) or --out <dir> (it runs again what the store keeps; with --no-store and no --out nothing is kept, so every run is fresh)';
  const FIG = '--out <dir> as well (figures are rendered only into the --out folder; without --out there are none)';
  // --rebuild-every 5 / --threads 0 after them: a line naming those means the flag was let through
  for (const cmd of [['simulate', file, '--seeds', '2', '--rebuild-every', '5'], ['compare', 'examples/main-job.yaml', '--threads', '0']]) {
    const db = await cli([...cmd, '--db', join(dir, 'x.db'), '--no-store']);
    assert.equal(db.code, 2, db.stderr);
    assert.equal(db.stderr.trim(), `sacplate: --db: got "${join(dir, 'x.db')}", expected ${DB}`);
    const fresh = await cli([...cmd, '--fresh', '--no-store']);
    assert.equal(fresh.stderr.trim(), `sacplate: --fresh: got true, expected ${FRESH}`);
    const fig = await cli([...cmd, '--no-figures']);
    assert.equal(fig.stderr.trim(), `sacplate: --no-figures: got true, expected ${FIG}`);
    // with what they act on, they are let through (to the next flag's refusal)
    for (const ok of [['--db', join(dir, 'x.db')], ['--fresh', '--no-store', '--out', join(dir, 'o')], ['--no-figures', '--out', join(dir, 'o')]]) {
      assert.match((await cli([...cmd, ...ok])).stderr, /--rebuild-every|--threads/, ok.join(' '));
    }
  }
});

test('wording: --metal-mass 0 echoed as given; a missing file named before a missing --protocol; lit verify --help without an empty default', async () => {
  for (const v of ['0 mg/cm2', '0 g/m2']) {
    const r = await cli(['anode-capacity', '--metal', 'Li', '--metal-mass', v]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: --metal-mass: got "${v}", expected a positive mass per area, e.g. "2 mg/cm2" (or --cycled-capacity)`);
  }
  for (const cmd of ['analyze', 'convert']) {
    const r = await cli([cmd]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: missing required argument 'file' (see sacplate ${cmd} --help)`);
  }
  // with the file, the option is still required
  assert.match((await cli(['analyze', 'x.csv'])).stderr, /^sacplate: required option '--protocol <protocol>' not specified/);
  const help = await cli(['lit', 'verify', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /--review <file>\s+the review text \(default: seed\/000_761d9a0e1df2534e\.txt of\s+\$SACPLATE_SHARED/);
  assert.doesNotMatch(help.stdout, /default: ""/);
  assert.equal((await cli(['lit', 'verify', '--review', ''])).stderr.trim(), 'sacplate: --review: got "", expected a file path');
});

test('the run service keeps the 50 newest ended runs by the order they entered it, whatever order they end in', async () => {
  const run = parseRunInput({ ...TINY, output: { snapshots: false } });
  const service = new RunService({ store: null, concurrency: 1, writeFiles: false, chunk: null, maxSnapshotVoxels: 0 });
  try {
    // r0 runs (its worker starts on a later tick), r1..r59 wait; the waiting ones end newest first
    const ids = Array.from({ length: 60 }, (_, s) => service.start({}, `r${s}`, { resolved: { ...run, seed: s } }).id);
    for (let k = 59; k >= 1; k--) assert.equal(service.cancel(ids[k]!), true);
    // r59..r10 ended first and are the newest by entry; r9..r1 each ended as the 51st and went at once
    const kept = (from: number, to: number) => ids.slice(from, to).map((id) => service.status(id)?.status);
    assert.deepEqual(kept(1, 10), Array(9).fill(undefined));
    assert.deepEqual(kept(10, 60), Array(50).fill('cancelled'));
    assert.equal(service.status(ids[0]!)?.status, 'running');
    assert.deepEqual(service.counts(), { queued: 0, running: 1, live: 51 });
    // r0 ends last but entered first: the oldest ended run, it goes, and r10..r59 stay
    service.cancel(ids[0]!);
    await service.wait(ids[0]!);
    assert.equal(service.status(ids[0]!), undefined);
    assert.deepEqual(kept(10, 60), Array(50).fill('cancelled'));
    assert.deepEqual(service.counts(), { queued: 0, running: 0, live: 50 });
  } finally { await service.close(); }
});
