/**
 * Session 34, task review34: the last round's merged changes (speed12, mends43, review33) used as a user would; each
 * test fails on the code before its fix.
 * (1) `analyze RUN/eta.csv --out RUN --force` (mends43's --force) cleared the run folder, the file being analysed with
 * it, then failed reading it: the run was lost. The same for simulate and screen given a file inside their --out or
 * --report with --force (the file deleted). A folder that would be cleared and holds the command's input is refused.
 * (2) `analyze FILE --out DIR --force` cleared DIR before reading FILE: a missing or unreadable file left the previous
 * analysis cleared and nothing in its place; it is cleared once the file is analysed.
 * (3) simulate(null) and citations(null) (or undefined) threw "TypeError: Cannot convert undefined or null to object"
 * (review33's look at an object's keys); they say what they take again, as before review33.
 * (4) bench/sector.js `--deadline 05:00` before the repeats was refused as repeats "--deadline"; a value flag given
 * without its value (last, e.g. `--out`) ran the bench with its default (bench/args.ts checkArgs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from './helpers/cli.js';
import { citations, simulate } from '../src/index.js';
import { InputError } from '../src/errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-review34-'));
const NEWARE = path.resolve('../shared/data/cycler/neware_uio.csv');

test('analyze, simulate and screen refuse to clear (--force) an output folder that holds their input; the input is kept', async () => {
  const run = path.join(tmp, 'run');
  fs.mkdirSync(run);
  fs.writeFileSync(path.join(run, 'metrics.json'), '{}'); // a previous run's folder
  const input = path.join(run, 'cell.csv');
  fs.copyFileSync(NEWARE, input);
  const refusal = (field: string, dir: string, file: string) =>
    `sacplate: ${field}: got "${dir}", expected a folder that does not hold the command's input (${file} is in it, and --force would clear it with the rest; choose another folder)\n`;
  for (const force of [['--force'], []]) {
    const a = await cli(['analyze', input, '--protocol', 'fullcell', '--no-figures', '--out', run, ...force]);
    assert.equal(a.code, 2, a.stderr);
    assert.equal(a.stderr, refusal('--out', run, input), force.join(''));
  }
  assert.ok(fs.existsSync(input) && fs.existsSync(path.join(run, 'metrics.json')), 'the run and the file are kept');
  const runFile = path.join(run, 'tiny.yaml');
  fs.writeFileSync(runFile, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 50 nm }\nhost: Cu\nprotocol: [Plate 0.0005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', runFile, '--out', run, '--force', '--no-store', '--no-figures']);
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr, refusal('--out', run, runFile));
  const screenFile = path.join(run, 'screen.yaml');
  fs.copyFileSync(path.resolve('examples/screen-li.yaml'), screenFile);
  const r = await cli(['screen', screenFile, '--report', run, '--force', '--db', path.join(tmp, 'screen.db'), '--threads', '1']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr, refusal('--report', run, screenFile));
  for (const f of [input, runFile, screenFile, path.join(run, 'metrics.json')]) assert.ok(fs.existsSync(f), `${f} kept`);
});

test('analyze --out DIR --force keeps the previous analysis when the file cannot be read (it cleared DIR first)', async () => {
  const out = path.join(tmp, 'prev');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'report.json'), 'kept');
  const bad = path.join(tmp, 'bad.csv');
  fs.writeFileSync(bad, 'garbage\n');
  for (const file of [path.join(tmp, 'missing.csv'), bad]) {
    const a = await cli(['analyze', file, '--protocol', 'fullcell', '--no-figures', '--out', out, '--force']);
    assert.equal(a.code, 2, a.stderr);
    assert.match(a.stderr, new RegExp(`^sacplate: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.equal(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), 'kept', file);
  }
});

test('simulate() and citations() given null or undefined say what they take (a TypeError since review33)', async () => {
  for (const v of [null, undefined]) {
    const isInput = (e: unknown) => e instanceof InputError && e.field === 'input' && /expected a run description: a map with keys metal, /.test(e.message);
    assert.throws(() => citations(v as never), isInput, String(v));
    await assert.rejects(async () => simulate(v as never), isInput, String(v));
  }
});

test('bench/sector.js: --deadline before the repeats is read as --deadline; a value flag without its value, or with one no run takes, is refused', () => {
  const run = (...a: string[]) => spawnSync(process.execPath, ['dist/bench/sector.js', ...a], { encoding: 'utf8', timeout: 20000 });
  // (repeats 0 is refused before any work: what is read as the repeats is what the refusal names)
  const d = run('--deadline', '05:00', '0');
  assert.notEqual(d.status, 0);
  assert.match(d.stderr, /repeats: a whole number >= 1, got 0\b/);
  // (each case is a spawned bench: 0.3 CPU s; repeats 0 makes a missed refusal end at once)
  const r = run('0', '--out');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^sector: --out needs a value\nnode dist\/bench\/sector\.js \[repeats\]/);
  // a value no run takes is refused with the usage before any work (--order only as the first sector variant started, --deadline never)
  for (const [args, why] of [[['--order', 'sideways'], '--order: fixed or random, got sideways'], [['--deadline', '5pm'], '--deadline: a UTC time HH:MM, e.g. 05:00, got 5pm']] as const) {
    const v = run('0', ...args);
    assert.equal(v.status, 2, v.stderr);
    assert.ok(v.stderr.startsWith(`sector: ${why}\nnode dist/bench/sector.js [repeats]`), v.stderr);
  }
});

test('citations() and cite given a run folder\'s resolved.json cite it as its folder; simulate() says what it is (its keys were listed as unknown run keys)', async () => {
  const f = path.join(tmp, 'r.yaml'), out = path.join(tmp, 'r-out');
  fs.writeFileSync(f, 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 10 nm }\nhost: graphene\nsacs: [{ site: Zn-N4, loading: 5 % }]\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n');
  const s = await cli(['simulate', f, '--out', out, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const resolved = path.join(out, 'resolved.json');
  assert.equal(citations(resolved, 'bibtex'), citations(out, 'bibtex'));
  const c = await cli(['cite', resolved]);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(c.stdout, (await cli(['cite', out])).stdout);
  assert.throws(() => simulate(resolved), (e: Error) => e.message === `${resolved}: a run folder's resolved.json (what simulate writes beside its outputs), not an input file; a run file (metal, lattice, host, protocol) is read here`);
});

test('bench/test-times.js: --files naming no test, and --runner without --phase, are refused before any timing (an empty record, exit 0; the full timing)', () => {
  const out = path.join(tmp, 'times.json');
  const run = (...a: string[]) => spawnSync(process.execPath, ['dist/bench/test-times.js', '--label', 'r34', '--out', out, ...a], { encoding: 'utf8', timeout: 20000 });
  const none = run('--files', 'no-such-file');
  assert.equal(none.status, 2, none.stdout);
  assert.match(none.stderr, /^test-times: --files: no dist\/test\/no-such-file\.test\.js /);
  const runner = run('--runner', '--files', 'no-such-file');
  assert.equal(runner.status, 2, runner.stdout);
  assert.match(runner.stderr, /^test-times: --runner goes with --phase/);
  assert.ok(!fs.existsSync(out), 'no record written');
});

test('fullcell --out and screen --report with --force keep the previous outputs when the input cannot be read (they were cleared first)', async () => {
  const fc = path.join(tmp, 'fc-prev'), rep = path.join(tmp, 'rep-prev');
  fs.mkdirSync(fc);
  fs.writeFileSync(path.join(fc, 'fullcell.json'), 'kept');
  fs.mkdirSync(rep);
  fs.writeFileSync(path.join(rep, 'ranking.csv'), 'kept');
  const missing = path.join(tmp, 'missing.yaml');
  const a = await cli(['fullcell', missing, '--out', fc, '--force']);
  const b = await cli(['screen', missing, '--report', rep, '--force', '--db', path.join(tmp, 'rep.db'), '--threads', '1']);
  for (const r of [a, b]) {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /missing\.yaml: cannot read: no such file/);
  }
  assert.equal(fs.readFileSync(path.join(fc, 'fullcell.json'), 'utf8'), 'kept');
  assert.equal(fs.readFileSync(path.join(rep, 'ranking.csv'), 'utf8'), 'kept');
});

test('fullcell: an anode.run that cannot be read, or empty, is named as anode.run (it said "FILE: cannot read" alone, or read the folder)', async () => {
  const { fullCellOf } = await import('../src/fullcell/library.js');
  const missing = path.join(tmp, 'no-anode.yaml');
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: missing } }), (e: unknown) => e instanceof InputError
    && e.message === `anode.run: got "${missing}", expected a Li||Cu run file that can be read (${missing}: cannot read: no such file (ENOENT))`);
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: '' } }), (e: unknown) => e instanceof InputError
    && e.message === 'anode.run: got "", expected a Li||Cu run file path (relative to the full-cell file), e.g. anode-licu-carbonate.yaml');
});
