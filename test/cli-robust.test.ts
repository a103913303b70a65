/**
 * Issue 13, "never a stack trace, never a hang", one test per item: each bad path or input gives
 * one line naming the problem and exit code 2, checked BEFORE anything is written; plus the
 * warnings (a run that ended early, snapshot volume) and messages that used to mislead.
 * The CLI runs in-process (test/helpers/cli.ts) except where a real process is the point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, chmodSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, type CliResult } from './helpers/cli.js';
import { parseRunInput } from '../src/input/parse.js';
import { snapshotPlan, keepSnapshot, SNAPSHOT_BUDGET_BYTES } from '../src/simulation/snapshots.js';
import { implausibleFlags } from '../src/analysis/plausibility.js';
import { snapshotWarning } from '../src/simulation/snapshots.js';
import type { AnalysisReport } from '../src/analysis/report.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cli-robust');

const tmp = () => mkdtempSync(join(tmpdir(), 'sacplate-robust-'));
const BASE = 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nseed: 1\n'; // bookkeeping runs: a slow terrace hop keeps them short
function runFile(dir: string, name: string, body: string): string {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
}
const okRun = (dir: string) => runFile(dir, 'ok.yaml', BASE + 'protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');

function oneLineError(r: CliResult, re?: RegExp): void {
  assert.equal(r.code, 2, `exit code 2, got ${r.code}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0]!, /^sacplate: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  if (re) assert.match(lines[0]!, re);
}

test('--out at an existing file, under /proc, or a reused run folder: one line, exit 2, nothing written', { timeout: 60_000 }, async () => {
  const d = tmp();
  const f = okRun(d);
  const file = runFile(d, 'afile', 'keep me');
  oneLineError(await cli(['simulate', f, '--no-store', '--out', file]), /--out/);
  assert.equal(readFileSync(file, 'utf8'), 'keep me');
  const r = await cli(['simulate', f, '--no-store', '--out', '/proc/sacplate-x']); // endless mkdir loop before
  oneLineError(r, /\/proc\/sacplate-x/);
  assert.ok(r.ms < 5000);
  // a previous run's folder is refused without --force, cleared with it
  const out = join(d, 'run');
  const cyc = runFile(d, 'cyc.yaml', BASE + 'protocol: [{ repeat: 1, steps: [Plate 0.0001 mAh/cm2 at 1 mA/cm2, Strip at 1 mA/cm2 until 200 mV] }]\noutput: { snapshots: false }\n');
  assert.equal((await cli(['simulate', cyc, '--no-store', '--no-figures', '--out', out])).code, 0);
  assert.ok(existsSync(join(out, 'cycles.csv')));
  oneLineError(await cli(['simulate', f, '--no-store', '--out', out]), /--force/);
  assert.ok(existsSync(join(out, 'cycles.csv')), 'the previous run is left as it was');
  assert.equal((await cli(['simulate', f, '--no-store', '--no-figures', '--out', out, '--force'])).code, 0);
  assert.ok(!existsSync(join(out, 'cycles.csv')), 'no stale cycles.csv mixed into the new run');
  // a folder with someone else's files is never cleared
  const other = join(d, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'thesis.tex'), 'x');
  oneLineError(await cli(['simulate', f, '--no-store', '--out', other, '--force']), /other files/);
  assert.ok(existsSync(join(other, 'thesis.tex')));
});

test('an unusable --db is reported before the run, and nothing is written', { timeout: 60_000 }, async () => {
  const d = tmp();
  const f = okRun(d);
  const out = join(d, 'out');
  oneLineError(await cli(['simulate', f, '--db', '/proc/sacplate-x/s.db', '--out', out]), /--db/);
  assert.ok(!existsSync(join(out, 'metrics.json')), 'checked before the run');
  oneLineError(await cli(['simulate', f, '--db', d]), /directory/);
  // every other command opened the store with Node's recursive mkdir, which never returns under /proc
  // the code in words, as every reader says it (errors.ts fsReason; it said only "(ENOENT)"), serve's --db too
  for (const args of [['nucleation', '--metal', 'Li', '--host', 'Li'], ['serve', '--port', '0']]) {
    oneLineError(await cli([...args, '--db', '/proc/sacplate-x/s.db']), /^sacplate: \/proc\/sacplate-x: the store folder: cannot create the directory: no such file \(ENOENT\)$/);
  }
  // audit69: the commands that only read the store make no folder or file (they made the folder as these do): runs list and
  // lit list read an empty store, results says there is none
  const list = await cli(['runs', 'list', '--db', '/proc/sacplate-x/s.db']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stderr, /^0 runs in \/proc\/sacplate-x\/s\.db: there is no store there \(no such file\): [^\n]+\n$/);
  assert.equal((await cli(['lit', 'list', '--db', '/proc/sacplate-x/s.db'])).code, 0);
  oneLineError(await cli(['results', 'x', '--db', '/proc/sacplate-x/s.db']), /^sacplate: sweep: got "x", expected a sweep run before with this store \(\/proc\/sacplate-x\/s\.db\); there is no store there \(no such file\)$/);
});

test('screen, lit and compare inputs that hung or were taken silently: --report under /proc, an objective named twice, a reversed range, an unknown architecture, __proto__ in a comparison', { timeout: 60_000 }, async () => {
  const d = tmp();
  const base = `base: { ${BASE.trim().split('\n').join(', ')}, protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2] }\n`;
  const screen = (name: string, extra: string) => runFile(d, name, `name: s\nseeds: 1\n${base}candidates: [{ name: a, sacs: [] }]\n${extra}`);
  // --report was made after the simulations (a recursive mkdir: a hang under /proc); now proved writable first
  oneLineError(await cli(['screen', screen('ok.yaml', ''), '--report', '/proc/sacplate-x', '--db', join(d, 's.db')]), /^sacplate: \/proc\/sacplate-x: --report: cannot create the directory/);
  assert.ok(!existsSync(join(d, 's.db')), 'refused before any simulation');
  // an objective named twice was ranked twice (two columns, a doubled weight); "toString" passed the `in` test
  oneLineError(await cli(['screen', screen('twice.yaml', 'objectives: [porosity, porosity]\n'), '--db', join(d, 's.db')]), /^sacplate: objectives\[1\]: got "porosity", expected each objective once \(it is objectives\[0\] too\)$/);
  oneLineError(await cli(['screen', screen('ok.yaml', ''), '--objectives', 'porosity,porosity', '--db', join(d, 's.db')]), /^sacplate: --objectives: got "porosity,porosity", expected each objective once/);
  oneLineError(await cli(['screen', screen('ok.yaml', ''), '--objectives', 'toString', '--db', join(d, 's.db')]), /^sacplate: --objectives: got "toString", expected one of /);
  // a reversed range and an unknown architecture listed 0 records without a word
  oneLineError(await cli(['lit', 'list', '--range', 'nucleation_overpotential=50:10', '--db', join(d, 'lit.db')]), /^sacplate: --range: got "nucleation_overpotential=50:10", expected min <= max/);
  oneLineError(await cli(['lit', 'list', '--architecture', 'spaceship', '--db', join(d, 'lit.db')]), /^sacplate: --architecture: got "spaceship", expected one of coating, 3D host, /);
  assert.equal((await cli(['lit', 'list', '--architecture', '3d host', '--db', join(d, 'lit.db')])).code, 0, 'case aside, as before');
  // a comparison's __proto__ key was dropped by z.record without a word (the file ran as if it were not there)
  const cmp = (name: string, text: string) => runFile(d, name, BASE + 'protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n' + text);
  oneLineError(await cli(['compare', cmp('v.yaml', 'variants: [{ name: a, __proto__: 1 }]\n'), '--no-store']), /^sacplate: variants\[0\]\.__proto__: got 1, expected no such key; a variant has: name, metal, temperature, .*, sei, model$/);
  oneLineError(await cli(['compare', cmp('t.yaml', '__proto__: { x: 1 }\nvariants: [{ name: a }]\n'), '--no-store']), /^sacplate: __proto__: got \{"x":1\}, expected no such key in a comparison; allowed keys: metal, /);
});

test('compare of one run (a run file, or one variant): one line naming the file, exit 2, nothing run or written', async () => {
  const d = tmp();
  const one = okRun(d);
  const out = join(d, 'out');
  const r = await cli(['compare', one, '--out', out, '--no-store']);
  oneLineError(r);
  assert.ok(r.stderr.startsWith(`sacplate: ${one}: a single run (no variants:); a comparison needs two or more runs: `), r.stderr);
  assert.ok(!existsSync(out), 'refused before any run');
  const single = runFile(d, 'v1.yaml', BASE + 'protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\nvariants: [{ name: a, host: graphene }]\n');
  oneLineError(await cli(['compare', single, '--out', out, '--no-store']), /: one variant \("a"\); a comparison needs two or more runs: /);
  assert.ok(!existsSync(out), 'refused before any run');
});

test('compare of a file of another kind (sweep, screen, nucleation, full-cell, a run folder\'s resolved.json or metrics.json, a CSV) names the file, what it is and what compare reads (review49: its keys were refused as a comparison\'s, "name: got "sweep-loading", expected no such key in a comparison")', async () => {
  const d = tmp();
  const takes = 'compare reads a comparison file (run keys plus variants: [{ name, ... }])';
  const HEAD = 'case,seeds,plating_current_mA_per_cm2,plating_capacity_mAh_per_cm2,average_ce'; // compare.csv's first columns
  const files: [string, string][] = [
    ['examples/sweep-loading.yaml', 'a sweep file (base + axes): sacplate sweep runs it'],
    ['examples/screen-li.yaml', 'a screen file (base + candidates): sacplate screen runs it'],
    ['examples/nucleation-na.yaml', 'a nucleation case file (metal, current, cases): sacplate nucleation reads it'],
    ['examples/fullcell/li-lfp.yaml', 'a full-cell file (cathode, np, cycles, anode): sacplate fullcell reads it'],
    [runFile(d, 'resolved.json', JSON.stringify({ metal: 'Li', units: {}, provenance: {}, derived: {} })), "a run folder's resolved.json (what simulate writes beside its outputs), not an input file"],
    [runFile(d, 'metrics.json', JSON.stringify({ events: 10, wall_s: 1, deposited_voxels: 3 })), "a run folder's metrics.json (what simulate writes beside its outputs), not an input file"],
    [runFile(d, 'compare.csv', `${HEAD}\nCu,1,1,0.1,0.9\n`), `a table (first line "${HEAD.slice(0, 60)}..."; \`sacplate analyze\` reads a run's eta.csv or a cycler's data), not a comparison file`],
  ];
  for (const [f, what] of files) {
    const r = await cli(['compare', f, '--no-store']);
    oneLineError(r);
    assert.equal(r.stderr.trim(), `sacplate: ${f}: ${what}; ${takes}`);
  }
});

test('a read-only --db (another user) gives one line before the run', { timeout: 60_000 }, async (t) => {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // as root, a file's mode does not stop writes: run as nobody, if nobody can run sacplate from here
  const probe = spawnSync(process.execPath, ['bin/sacplate.js', '--version'], { encoding: 'utf8', ...asUser });
  if (probe.status !== 0) { t.skip('the checkout is not readable by user nobody'); return; }
  const d = tmp();
  chmodSync(d, 0o755);
  const f = okRun(d);
  const db = join(d, 'ro.db');
  const seed = await cli(['simulate', f, '--db', db]); // the store written as root, in-process (test/helpers/cli.ts)
  assert.equal(seed.code, 0, seed.stderr);
  chmodSync(db, 0o444);
  const out = join(d, 'out');
  mkdirSync(out, { mode: 0o777 });
  chmodSync(out, 0o777);
  const r = spawnSync(process.execPath, ['bin/sacplate.js', 'simulate', f, '--db', db, '--out', out], { encoding: 'utf8', ...asUser });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--db|readonly|read-only|cannot/i);
  assert.ok(!existsSync(join(out, 'metrics.json')), 'no finished run lost: the run never started');
});

test('convert -o to a directory or an unwritable path: one line, exit 2', async () => {
  const d = tmp();
  const f = join(d, 'eta.csv');
  writeFileSync(f, 'time_s,charge_C_per_cm2,overpotential_mV,kmc_time_s,step,cycle,half_cycle,current_mA_per_cm2,cell_voltage_mV,counter_mV,ohmic_mV\n0,0,-10,0,0,0,0,-1,-10,0,0\n1,0.001,-11,1,0,0,0,-1,-11,0,0\n');
  oneLineError(await cli(['convert', f, '--to', 'bdf', '-o', d]), /directory/);
  oneLineError(await cli(['convert', f, '--to', 'bdf', '-o', '/proc/sacplate-x.csv']));
  // -o naming the input (any spelling) truncated it before it was read: the data were lost
  const before = readFileSync(f, 'utf8');
  for (const o of [f, join(d, '.', 'eta.csv')]) oneLineError(await cli(['convert', f, '--to', 'bdf', '-o', o]), /^sacplate: -o: got ".*eta\.csv", expected a file other than the input/);
  assert.equal(readFileSync(f, 'utf8'), before, 'the input is untouched');
  // a bad cell on a late row left a header-only file behind; now nothing (and no .part file)
  const g = join(d, 'late.csv');
  writeFileSync(g, 'time/s,Ewe/V,I/mA\n' + Array.from({ length: 50 }, (_, i) => `${i},0.1,1`).join('\n') + '\n50,abc,1\n');
  const map = ['--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA'];
  oneLineError(await cli(['convert', g, '--to', 'bdf', ...map, '-o', join(d, 'late-bdf.csv')]), /late\.csv:52: column "Ewe\/V": "abc" is not a number/);
  assert.deepEqual(readdirSync(d).filter((x) => x.startsWith('late-bdf') || x.endsWith('.part')), []);
  oneLineError(await cli(['convert', g, '--to', 'bdf', ...map, '--delimiter', 'xx']), /^sacplate: --delimiter: got "xx", expected one character/);
});

test('flag values that were taken silently: blank numbers, a dropped --shape or anode run, a bench lattice too big to allocate', async () => {
  const d = tmp();
  const f = okRun(d);
  // Number('') is 0: --seed '' ran seed 0, --checkpoint-every '' checkpointed as often as possible
  oneLineError(await cli(['simulate', f, '--no-store', '--seed', '']), /^sacplate: --seed: got "", expected an integer/);
  oneLineError(await cli(['simulate', f, '--no-store', '--out', join(d, 'o'), '--checkpoint-every', ' ']), /^sacplate: --checkpoint-every: got " "/);
  const eta = join(d, 'eta.csv');
  writeFileSync(eta, 'time/s,Ewe/V,I/mA\n0,0.1,1\n1,0.1,1\n');
  oneLineError(await cli(['analyze', eta, '--protocol', 'aurbach', '--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--n', '']), /^sacplate: --n: got ""/);
  // anode { ce, run }: the run file was never read
  const fc = runFile(d, 'fc.yaml', 'cathode: LFP\nloading: 10 mg/cm2\nnp: 2\ncycles: 10\nanode: { ce: 0.99, run: missing.yaml }\n');
  oneLineError(await cli(['fullcell', fc]), /^sacplate: anode\.run: got "missing\.yaml", expected one of ce, run and file, not ce and run/);
  oneLineError(await cli(['bench', '--shape', '64,64,32']), /^sacplate: --shape: got "64,64,32", expected the plating app as well/);
  const rss0 = process.memoryUsage().rss;
  oneLineError(await cli(['bench', '--app', 'plating', '--shape', '10000,10000,100']), /^sacplate: --shape: .*at most 2\^30/);
  assert.ok(process.memoryUsage().rss - rss0 < 200e6, 'refused before allocation');
});

test('hostile inputs: YAML alias bomb, JSON nested 10,000 deep, 2.1e9 voxels, bench --size 100000, nested repeats', { timeout: 60_000 }, async () => {
  const d = tmp();
  let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 1; i < 10; i++) { const p = String.fromCharCode(96 + i), c = String.fromCharCode(97 + i); bomb += `${c}: &${c} [${Array(9).fill('*' + p).join(',')}]\n`; }
  oneLineError(await cli(['simulate', runFile(d, 'bomb.yaml', bomb), '--no-store']), /alias/);
  oneLineError(await cli(['simulate', runFile(d, 'deep.json', '['.repeat(10000) + ']'.repeat(10000)), '--no-store']), /nested/);
  oneLineError(await cli(['simulate', runFile(d, 'huge.yaml', 'metal: Li\nlattice: { size: [1024, 1024, 2000], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n'), '--no-store']), /lattice.size/);
  oneLineError(await cli(['bench', '--size', '100000']), /--size/);
  // a count without an upper limit says its lower one, not 2^53 - 1 (which reads as a limit); the seed keeps its range
  oneLineError(await cli(['bench', '--size', 'x']), /^sacplate: --size: got "x", expected an integer >= 4$/);
  // (a count is decimal digits since audit25: 1e300 is refused as text, 1 and 30 zeros by its range)
  oneLineError(await cli(['bench', '--size', '1e300']), /^sacplate: --size: got "1e300", expected an integer >= 4$/);
  oneLineError(await cli(['bench', '--size', '1' + '0'.repeat(30)]), /--size: got "10{30}", expected an integer from 4 to 2\^53 - 1/);
  oneLineError(await cli(['bench', '--seed', '-1']), /--seed: got "-1", expected an integer from 0 to 2\^53 - 1/);
  const rss0 = process.memoryUsage().rss;
  const r = await cli(['simulate', runFile(d, 'nested.yaml', BASE + 'protocol: [{repeat: 1000000, steps: [{repeat: 1000000, steps: [Plate at 1 mA/cm2 for 1 s, Strip at 1 mA/cm2 for 1 s]}]}]\n'), '--no-store']);
  oneLineError(r, /protocol.*steps/);
  assert.ok(process.memoryUsage().rss - rss0 < 200e6, 'nothing unrolled');
});

test('messages: typo, rest-only protocol, a parameters path, control bytes, absurd current and potential, --reference-cycle', { timeout: 60_000 }, async () => {
  const d = tmp();
  oneLineError(await cli(['simulate', runFile(d, 'u.yaml', BASE + 'protocol: [Plate at 1 mA/cm2 untill 200 mV]\n'), '--no-store']), /"untill".*"until"/);
  const rest = await cli(['simulate', runFile(d, 'r.yaml', 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Li\nprotocol: [Rest for 1 s]\n'), '--no-store']);
  assert.equal(rest.code, 0, rest.stderr);
  assert.doesNotMatch(rest.stderr, /output\.sample/);
  const pw = await cli(['simulate', runFile(d, 'p.yaml', BASE + 'parameters: /etc/passwd\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n'), '--no-store']);
  oneLineError(pw, /parameters.*\/etc\/passwd/);
  assert.doesNotMatch(pw.stderr, /root:/, 'the file is not echoed');
  assert.ok(pw.stderr.length < 300);
  const cb = await cli(['simulate', runFile(d, 'c.yaml', 'metal: "Li\u001b[31mred\u0007\u009b"\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Rest for 1 s]\n'), '--no-store']);
  oneLineError(cb, /\\u001b/);
  assert.doesNotMatch(cb.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, 'no raw control byte reaches the terminal');
  oneLineError(await cli(['simulate', runFile(d, 'i.yaml', BASE + 'protocol: [Plate at 1e9 mA/cm2 for 1 s]\n'), '--no-store']), /1000 mA\/cm2/);
  oneLineError(await cli(['simulate', runFile(d, 'h.yaml', BASE + 'protocol: [Hold at 5 V for 1 s]\n'), '--no-store']), /overpotential.*1000 mV/);
  // --reference-cycle of a cycle the file does not have: the cycles it does have, no "(...)"
  const eta = join(d, 'eta.csv');
  writeFileSync(eta, 'time_s,charge_C_per_cm2,overpotential_mV,kmc_time_s,step,cycle,half_cycle,current_mA_per_cm2,cell_voltage_mV,counter_mV,ohmic_mV\n' +
    Array.from({ length: 20 }, (_, i) => `${i},${i * 1e-4},-20,${i},0,0,0,-1,-20,0,0`).join('\n') + '\n');
  const rc = await cli(['analyze', eta, '--protocol', 'fullcell', '--reference-cycle', '2', '--no-figures', '--out', join(d, 'an')]);
  oneLineError(rc, /--reference-cycle/);
  assert.doesNotMatch(rc.stderr, /\.\.\.\)/);
});

test('a run that ends early says so; a long cycling run keeps its snapshots under ~1 GB', { timeout: 60_000 }, async () => {
  const d = tmp();
  const r = await cli(['simulate', runFile(d, 'long.yaml', 'metal: Li\nlattice: { size: [4, 4, 8], voxel: 10 nm }\nhost: Cu\nprotocol: [Plate at 100 mA/cm2 for 1e9 h]\n'), '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: step 1 "Plate at 100 mA\/cm2 for 1e9 h" ended early \(box_full/);
  // repeat: 1000000 plate/strip on a 16^3 box: 2e6 snapshots of ~60 kB (11 GB written before)
  const run = parseRunInput({ metal: 'Li', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Li', protocol: [{ repeat: 1000000, steps: ['Plate at 1 mA/cm2 for 1 s', 'Strip at 1 mA/cm2 for 1 s'] }] });
  const p = snapshotPlan(run);
  assert.ok(p.bytes_all > 10 * SNAPSHOT_BUDGET_BYTES, `${p.bytes_all} bytes for all`);
  assert.ok(p.every_cycle > 1 && p.bytes_kept <= 1.01 * SNAPSHOT_BUDGET_BYTES);
  assert.match(snapshotWarning(run, d)!, new RegExp(`warning: snapshots of all 2,000,000 plate/strip steps would take about [\\d.]+ GB; keeping every ${p.every_cycle}(st|nd|rd|th) cycle's`));
  let kept = 0;
  for (let i = 0; i < 2_000_000; i++) if (keepSnapshot(p, { index: i, cycle: 1 + (i >> 1) } as never, 1_999_999)) kept++;
  assert.ok(kept * p.bytes_each <= 1.01 * SNAPSHOT_BUDGET_BYTES, `${kept} snapshots kept`);
  const small = snapshotPlan(parseRunInput({ metal: 'Li', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Li', protocol: [{ repeat: 10, steps: ['Plate at 1 mA/cm2 for 1 s', 'Strip at 1 mA/cm2 for 1 s'] }] }));
  assert.equal(small.every_cycle, 1, 'short runs keep every snapshot');
});

// audit69: the snapshot warning said "keeping every 2th cycle's" (2th, 3th, 21th), and of a run whose one plate step's
// snapshot is over the budget (1024 x 1024 x 1000 voxels, 1.3 GB) "keeping every 2th cycle's (about 642.3 MB ...)":
// the first and the last step's snapshots are always written (keepSnapshot), so that one was written whole
test('the snapshot warning says its ordinal in English (2nd, 3rd, 11th, 21st) and, what the first and last steps keep counted, no less than is written', () => {
  const d = tmp();
  const cycle = ['Plate at 1 mA/cm2 for 1 s', 'Strip at 1 mA/cm2 for 1 s'];
  const box = { metal: 'Li', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Li' };
  const each = snapshotPlan(parseRunInput({ ...box, protocol: cycle })).bytes_each;
  const written = (p: ReturnType<typeof snapshotPlan>) => {
    let n = 0;
    for (let i = 0; i < p.steps; i++) if (keepSnapshot(p, { index: i, cycle: 1 + (i >> 1) } as never, p.steps - 1)) n++;
    return n * p.bytes_each;
  };
  // mends69: the bracket names the count first, `(11,766 of the 23,530 snapshots, about 750.0 MB, ...)`
  const about = (w: string) => { const m = /(?:\(|snapshots, )about ([\d.]+) (GB|MB)/.exec(w) ?? /steps? take about ([\d.]+) (GB|MB)/.exec(w); assert.ok(m, w); return Number(m[1]) * (m[2] === 'GB' ? 1e9 : 1e6); };
  for (const [k, ordinal] of [[2, '2nd'], [3, '3rd'], [11, '11th'], [21, '21st'], [22, '22nd']] as const) {
    const run = parseRunInput({ ...box, protocol: [{ repeat: Math.floor(((k - 0.5) * SNAPSHOT_BUDGET_BYTES) / (2 * each)), steps: cycle }] });
    const p = snapshotPlan(run);
    assert.equal(p.every_cycle, k);
    const w = snapshotWarning(run, d)!;
    assert.match(w, new RegExp(`; keeping every ${ordinal} cycle's[^(]*\\([\\d,]+ of the [\\d,]+ snapshots, about`), w);
    assert.ok(about(w) >= 0.999 * written(p), `${w}: ${written(p)} bytes written`);
  }
  // one plate step whose snapshot alone is over the budget: written whole, and said so
  const big = parseRunInput({ metal: 'Li', lattice: { size: [1024, 1024, 1000], voxel: '20 nm' }, host: 'graphene', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'] });
  const bp = snapshotPlan(big);
  assert.equal(written(bp), bp.bytes_each, 'the one step\'s snapshot is written');
  const w = snapshotWarning(big, d)!;
  assert.doesNotMatch(w, /keeping every/, w);
  assert.ok(about(w) >= 0.999 * bp.bytes_each, w);
});

// mends69 (review69 left it): the kept bytes were ceil(all / N) + the first and last step's, up to two snapshots over what
// is written (a 3-step run that keeps 2 said 3). The plan counts the snapshots keepSnapshot keeps, step by step as the run
// numbers its steps and cycles (flattenProtocol: steps before the first repeat block are cycle 0, rests write none), and
// the warning says that count. Checked here against the run's own rule on flattenProtocol's steps.
test('the snapshot plan counts exactly the snapshots the run keeps, and the warning says how many of how many (mends69)', async () => {
  const { flattenProtocol } = await import('../src/simulation/simulation.js');
  const box = { metal: 'Li', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Li' };
  const P = 'Plate at 1 mA/cm2 for 1 s', S = 'Strip at 1 mA/cm2 for 1 s', R = 'Rest for 1 s';
  const protocols: unknown[][] = [
    [P, { repeat: 1, steps: [S] }, P],
    [{ repeat: 7, steps: [P, S] }],
    [P, R, { repeat: 5, steps: [P, R, S] }, S, R],
    [R, { repeat: 4, steps: [P, { repeat: 3, steps: [S, P] }] }, P, S],
    [P, S, P, { repeat: 9, steps: [S, P] }],
  ];
  for (const protocol of protocols) {
    const run = parseRunInput({ ...box, protocol });
    const steps = flattenProtocol(run.protocol);
    for (const budget of [1e12, 3e5, 1.5e5, 1e5]) {
      const p = snapshotPlan(run, budget);
      const kept = steps.filter((f) => f.step.kind !== 'rest' && keepSnapshot(p, { index: f.index, cycle: f.cycle } as never, steps.length - 1)).length;
      assert.equal(p.kept, kept, `${JSON.stringify(protocol)} at a budget of ${budget}: every ${p.every_cycle}`);
      assert.equal(p.bytes_kept, kept * p.bytes_each);
    }
  }
  // review69's case: three steps of 1.3 GB each, the middle one in cycle 1: two written, and said
  const d = tmp();
  const bigBox = { metal: 'Li', lattice: { size: [1024, 1024, 1000], voxel: '20 nm' }, host: 'graphene' };
  const big = parseRunInput({ ...bigBox, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', { repeat: 1, steps: ['Strip at 1 mA/cm2 for 1 s'] }, 'Plate 0.0005 mAh/cm2 at 1 mA/cm2'] });
  const bp = snapshotPlan(big);
  assert.equal(bp.kept, 2);
  assert.match(snapshotWarning(big, d)!, new RegExp(`keeping every ${bp.every_cycle}th cycle's and the first and last step's \\(2 of the 3 snapshots, about ${((2 * bp.bytes_each) / 1e9).toFixed(1)} GB, budget 1\\.0 GB\\)`));
  // three steps before any repeat block: cycle 0, each kept; said so, as one or two steps are
  const three = parseRunInput({ ...bigBox, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 for 1 s', 'Plate 0.0005 mAh/cm2 at 1 mA/cm2'] });
  assert.equal(snapshotPlan(three).kept, 3);
  const w3 = snapshotWarning(three, d)!;
  assert.doesNotMatch(w3, /keeping every/, w3);
  assert.match(w3, /^warning: the snapshots of the 3 plate\/strip steps take about [\d.]+ GB, over the budget of 1\.0 GB; each is written/, w3);
});

test('analyze on a run\'s eta.csv writes into that run folder and looks for no soft short', { timeout: 60_000 }, async () => {
  const d = tmp();
  const out = join(d, 'run');
  assert.equal((await cli(['simulate', okRun(d), '--no-store', '--no-figures', '--out', out])).code, 0);
  const cwd = process.cwd();
  const elsewhere = tmp();
  process.chdir(elsewhere);
  try {
    const r = await cli(['analyze', join(out, 'eta.csv'), '--protocol', 'symmetric', '--no-png']);
    assert.equal(r.code, 0, r.stderr);
    // a run without an electrolyte has no separator (review67: the same words were said of a run that had one)
    assert.match(r.stderr, /^sacplate: soft-short detection off for a simulated trace \(the model forms no soft short, and this run has no separator in its box to short through\)$/m);
  } finally { process.chdir(cwd); }
  assert.ok(existsSync(join(out, 'analysis', 'report.json')));
  assert.deepEqual(readdirSync(elsewhere), [], 'nothing in the current directory');
  const rep = JSON.parse(readFileSync(join(out, 'analysis', 'report.json'), 'utf8')) as { symmetric?: { cycle_life?: { criterion: string } | null } };
  assert.doesNotMatch(rep.symmetric?.cycle_life?.criterion ?? '', /soft-short/);
});

// review67: the line said "the model has no separator to short through" of every run, one that had short-circuited at
// its separator plane included (docs/transport.md, "Short circuit")
test('analyze of a run that short-circuited at its separator names the short circuit and its time (not "no separator")', async () => {
  const d = tmp();
  const shorted = join(d, 'shorted');
  const f = runFile(d, 'sep.yaml', 'metal: Li\nhost: Cu\nlattice: { size: [4, 4, 16], voxel: 100 nm }\nelectrolyte: LiPF6-EC-DMC\ncell: { separator_distance: 1 um }\nprotocol: [Plate at 1000 mA/cm2 for 1 s]\nseed: 1\noutput: { snapshots: false }\n');
  assert.equal((await cli(['simulate', f, '--no-store', '--no-figures', '--out', shorted])).code, 0);
  const t = (JSON.parse(readFileSync(join(shorted, 'metrics.json'), 'utf8')) as { transport: { short_circuit_s: number } }).transport.short_circuit_s;
  assert.ok(t > 0, 'the run short-circuited');
  const r = await cli(['analyze', join(shorted, 'eta.csv'), '--protocol', 'symmetric', '--no-png']);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stderr.split('\n').find((l) => l.startsWith('sacplate: soft-short detection off')) ?? '';
  assert.doesNotMatch(line, /no separator/);
  assert.ok(line.includes(`reached the separator plane at t = ${t.toPrecision(4)} s`), line);
});

test('implausible cycler numbers are flagged: CE 14.6, retention 1.84', () => {
  const r = { licu: { cycles: [{ cycle: 1, ce: 0.98 }, { cycle: 2, ce: 14.6 }] }, fullcell: { reference_cycle: 1, cycles: [{ cycle: 1, ce: 0.99, retention: 1 }, { cycle: 5, ce: 0.99, retention: 1.84 }] } } as unknown as AnalysisReport;
  const f = implausibleFlags(r);
  assert.equal(f.length, 2);
  assert.match(f[0]!, /CE 1460\.0 % in cycle 2/);
  assert.match(f[1]!, /retention 184\.0 % in cycle 5/);
  assert.deepEqual(implausibleFlags({ licu: { cycles: [{ cycle: 1, ce: 0.99 }] } } as unknown as AnalysisReport), []);
});

test('an implausible --mass is flagged naming the value (a coin cell\'s active mass is 0.1-50 mg); 2.08 mg is not (review48: 10 g and 1e9 mg were taken without a word)', () => {
  const flags = (mass_g: number) => implausibleFlags({ mass_g, fullcell: { reference_cycle: 1, cycles: [{ cycle: 1, ce: 0.99, retention: 1 }] } } as unknown as AnalysisReport);
  assert.deepEqual(flags(2.08e-3), []);
  assert.deepEqual(flags(0.1e-3), []);
  assert.deepEqual(flags(50e-3), []);
  assert.match(flags(10)[0] ?? '', /^warning: implausible --mass 10 g \(10000 mg\) of active material \(expected about 0\.1-50 mg for a coin cell's electrode\): check the unit; capacities per gram are divided by it$/);
  assert.match(flags(1e6)[0] ?? '', /^warning: implausible --mass 1e\+6 g \(1e\+9 mg\) /);
  assert.match(flags(2e-6)[0] ?? '', /^warning: implausible --mass 0\.002 mg /);
  assert.equal(flags(10).length, 1);
});

test('Aurbach cycles.csv says what each row is (its first and last CE are charge ratios)', { timeout: 60_000 }, async () => {
  const d = tmp();
  const out = join(d, 'au');
  const f = runFile(d, 'au.yaml', 'metal: Li\nlattice: { size: [10, 10, 12], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\noutput: { snapshots: false }\nprotocol:\n  - Plate 0.001 mAh/cm2 at 1 mA/cm2\n  - repeat: 2\n    steps: [Strip 0.0002 mAh/cm2 at 1 mA/cm2, Plate 0.0002 mAh/cm2 at 1 mA/cm2]\n  - Strip at 1 mA/cm2 until 200 mV\n');
  const r = await cli(['simulate', f, '--no-store', '--no-figures', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const rows = readFileSync(join(out, 'cycles.csv'), 'utf8').trim().split('\n');
  const head = rows[0]!.split(',');
  const role = head.indexOf('role');
  assert.ok(role >= 0, head.join(','));
  assert.match(rows[1]!, /reservoir Q_T plated.*charge ratio/);
  assert.match(rows[rows.length - 1]!, /final strip to the cut-off.*charge ratio/);
});

test('robust61: sweep --plan refuses the --threads the run would refuse (--threads 0 and abc were taken by the plan without a word)', async () => {
  const sw = join(import.meta.dirname, '..', '..', 'examples', 'sweep-loading.yaml');
  for (const v of ['0', 'abc']) {
    const r = await cli(['sweep', sw, '--plan', '--threads', v, '--db', join(tmp(), 'never.db')]);
    oneLineError(r, new RegExp(`^sacplate: --threads: got "${v}", expected an integer >= 1`));
  }
  assert.equal((await cli(['sweep', sw, '--plan', '--threads', '2', '--db', join(tmp(), 'never.db')])).code, 0);
});

test('robust61: sweep of a screen file names the candidates it leaves out (not evaluated), as screen does; its --plan exits 2 on them (both dropped them without a word: "0 invalid", exit 0)', async () => {
  const d = tmp();
  const f = join(d, 'tiny-screen.yaml');
  writeFileSync(f, 'name: tiny-screen\nbase:\n  metal: Li\n  lattice: { size: [8, 8, 16], voxel: 10 nm }\n  host: Cu\n  protocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\n  output: { snapshots: false }\n'
    + 'seeds: 1\ncandidates:\n  - { name: ok, sacs: [] }\n  - { name: bad, sacs: [{ site: Zn-N4, loading: 200 % }] }\nobjectives: [nucleation_overpotential_mV]\n');
  const line = /not evaluated: candidates\[1\] "bad": sacs\[0\]\.loading: got "200 %", expected a loading from 0 to 100 %/;
  const p = await cli(['sweep', f, '--plan', '--db', join(d, 'plan.db')]);
  assert.equal(p.code, 2, p.stderr);
  assert.match(p.stderr, line);
  assert.match(p.stderr, /tiny-screen-runs: 1 task, 0 with a result, 0 invalid, 1 to run/);
  assert.ok(!existsSync(join(d, 'plan.db')), 'the plan records nothing');
  const r = await cli(['sweep', f, '--threads', '1', '--db', join(d, 'run.db')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, line);
});

test('robust62: simulate whose store refuses to record the run\'s end says so in sacplate\'s words, not "sacplate serve: ...", and not "recorded run"; the outputs are written', async () => {
  const dir = tmp();
  const db = join(dir, 's.db');
  const Database = (await import('better-sqlite3')).default;
  const { openStore } = await import('../src/store/index.js');
  openStore(db).close();
  const d = new Database(db);
  d.exec("CREATE TRIGGER t BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'blocked'); END");
  d.close();
  const out = join(dir, 'out');
  const r = await cli(['simulate', okRun(dir), '--out', out, '--db', db, '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /sacplate serve/);
  assert.doesNotMatch(r.stderr, /^recorded run /m);
  assert.match(r.stderr, /^sacplate: the run finished, its outputs in .*out, but the store did not record its end: could not record the run in the store: .*s\.db: a write was refused by a trigger in the store .*\(SQLite: blocked\); its row run-\S+ reads running$/m);
  assert.ok(existsSync(join(out, 'metrics.json')));
});

test('robust63: the default store\'s folder that cannot be made is named as the default store, not as a --db the user never gave', async () => {
  const d = tmp();
  const f = okRun(d);
  const home = join(d, 'home-is-a-file');
  writeFileSync(home, '');
  const r = await cli(['simulate', f, '--out', join(d, 'o'), '--no-figures'], { env: { HOME: home, SACPLATE_DB: undefined } });
  oneLineError(r, new RegExp(`^sacplate: ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.sacplate: the default store's folder \\(~/\\.sacplate; set SACPLATE_DB or pass --db for another store\\): ${home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, expected a directory$`));
  // SACPLATE_DB's folder is named as SACPLATE_DB's, --db's as --db's (as before)
  const env = join(home, 'x', 's.db');
  oneLineError(await cli(['simulate', f, '--out', join(d, 'o2'), '--no-figures'], { env: { SACPLATE_DB: env } }), /^sacplate: \S+\/x: SACPLATE_DB: \S+home-is-a-file is a file, expected a directory$/);
  oneLineError(await cli(['simulate', f, '--out', join(d, 'o3'), '--no-figures', '--db', env]), /^sacplate: \S+\/x: --db: \S+home-is-a-file is a file, expected a directory$/);
  assert.ok(!existsSync(join(d, 'o', 'metrics.json')), 'refused before the run');
});
