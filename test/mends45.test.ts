/**
 * Session 34, task mends45: leftovers of review34 and mends44.
 * (1) `simulate --out DIR --force` and `nucleation --out DIR --force` cleared DIR before their run: a run that failed
 * (a bad --db) or was stopped before writing anything (nucleation: Ctrl-C writes nothing; simulate: a second Ctrl-C)
 * left the previous outputs cleared and nothing in their place. simulate's run now clears them just before its first
 * file (simulation/run-resolved.ts), nucleation once its results are ready.
 * (2) compare (and --seeds) continued into its own folder cleared it without review34's input check: a comparison file
 * in it went with the runs not kept.
 * (3) citations() given a CSV path said 'input: got "time_s,..." (6599 characters), expected a run description' (the
 * file's text as the value, the file not named), a run folder's metrics.json listed its keys as unknown run keys, and a
 * folder that merely holds a run folder was "the output of compare or --seeds".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { citations } from '../src/index.js';
import { FileError } from '../src/errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends45-'));
const TINY = 'metal: Li\nlattice: { size: [6, 6, 8], voxel: 50 nm }\nhost: Cu\nprotocol: [Plate 0.0005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\n';

/** a previous run's folder: its files and what they hold */
function previousRun(name: string): { dir: string; files: Record<string, string> } {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir);
  const files = { 'metrics.json': '{"previous": true}', 'eta.csv': 'previous\n', 'nucleation.json': '{"previous": true}' };
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return { dir, files };
}

const badDb = path.join(tmp, 'not-a-store.db');
fs.writeFileSync(badDb, 'this is not a SQLite database\n');

test('simulate and nucleation --out DIR --force keep the previous outputs when they fail before writing (a bad --db)', async () => {
  const runFile = path.join(tmp, 'tiny.yaml');
  fs.writeFileSync(runFile, TINY);
  const sim = previousRun('sim-prev');
  const s = await cli(['simulate', runFile, '--out', sim.dir, '--force', '--db', badDb, '--no-figures']);
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr, /is not a SQLite database/);
  const nuc = previousRun('nuc-prev');
  const n = await cli(['nucleation', '--metal', 'Li', '--host', 'Cu', '--out', nuc.dir, '--force', '--db', badDb]);
  assert.equal(n.code, 2, n.stderr);
  assert.match(n.stderr, /is not a SQLite database/);
  for (const { dir, files } of [sim, nuc]) {
    assert.deepEqual(fs.readdirSync(dir).sort(), Object.keys(files).sort(), `${dir}: the previous outputs are kept`);
    for (const [f, text] of Object.entries(files)) assert.equal(fs.readFileSync(path.join(dir, f), 'utf8'), text);
  }
});

test('simulate --out DIR --force that runs replaces the previous outputs (the run clears them before its first file)', async () => {
  const runFile = path.join(tmp, 'tiny2.yaml');
  fs.writeFileSync(runFile, TINY);
  const { dir } = previousRun('sim-replaced');
  const s = await cli(['simulate', runFile, '--out', dir, '--force', '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const files = fs.readdirSync(dir);
  assert.ok(!files.includes('nucleation.json'), `the previous run's other files are gone: ${files.join(', ')}`);
  assert.match(fs.readFileSync(path.join(dir, 'eta.csv'), 'utf8'), /^time_s,/);
  assert.notEqual(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8'), '{"previous": true}');
});

test('compare continued into its own folder refuses to clear it when the comparison file is in it (it was deleted)', async () => {
  // the comparison's recorded path (resume.json keeps it as given, resolved) later leads into the folder: a link re-pointed
  const root = path.join(tmp, 'cmp');
  fs.mkdirSync(path.join(root, 'E'), { recursive: true });
  const text = TINY + 'variants:\n  - { name: a }\n  - { name: b, seed: 2 }\n';
  fs.writeFileSync(path.join(root, 'E', 'cmp.yaml'), text);
  const link = path.join(root, 'L');
  const out = path.join(root, 'D');
  fs.symlinkSync('E', link);
  const args = ['compare', path.join(link, 'cmp.yaml'), '--out', out, '--no-figures', '--db', path.join(tmp, 'cmp.db')];
  const first = await cli(args);
  assert.equal(first.code, 0, first.stderr);
  fs.unlinkSync(link);
  fs.symlinkSync('D', link);
  fs.writeFileSync(path.join(out, 'cmp.yaml'), text);
  const again = await cli(args);
  assert.equal(again.code, 2, again.stderr);
  assert.match(again.stderr, /--out: got ".*D", expected a folder that does not hold the command's input \(.*cmp\.yaml is in it, and continuing the batch there would clear it/);
  assert.equal(fs.readFileSync(path.join(out, 'cmp.yaml'), 'utf8'), text, 'the comparison file is kept');
  assert.ok(fs.existsSync(path.join(out, 'compare.csv')) && fs.existsSync(path.join(out, 'resume.json')), 'the batch is kept');
});

test('citations() given a CSV, a metrics.json or a folder holding a run folder names what it was given and what it takes', async () => {
  const runFile = path.join(tmp, 'tiny3.yaml');
  const holder = path.join(tmp, 'holder');
  const run = path.join(holder, 'run1');
  fs.writeFileSync(runFile, TINY);
  const s = await cli(['simulate', runFile, '--out', run, '--no-store', '--no-figures']);
  assert.equal(s.code, 0, s.stderr);
  const takes = "citations() takes a run file, a run folder, a run object or a resolved run (a screen file's sources: `sacplate cite FILE`)";
  const refusal = (input: string) => { try { citations(input); } catch (e) { assert.ok(e instanceof FileError, String(e)); return (e as Error).message; } assert.fail(`${input} was cited`); };
  const eta = path.join(run, 'eta.csv');
  const first = fs.readFileSync(eta, 'utf8').split('\n', 1)[0]!;
  assert.equal(refusal(eta), `${eta}: a table (first line ${JSON.stringify(first.slice(0, 60) + '...')}; \`sacplate analyze\` reads a run's eta.csv or a cycler's data), not a run file; ${takes}`);
  const metrics = path.join(run, 'metrics.json');
  assert.equal(refusal(metrics), `${metrics}: a run folder's metrics.json (what simulate writes beside its outputs), not an input file; ${takes}`);
  assert.equal(refusal(holder), `${holder}: not a run folder (no resolved.json); it holds a run folder: cite that, ${run}`);
  const empty = path.join(tmp, 'empty-folder');
  fs.mkdirSync(empty);
  assert.equal(refusal(empty), `${empty}: not a run folder (no resolved.json); ${takes}`);
  assert.match(citations(run), /sacplate/, 'the run folder itself is cited');
});

test('a walker rest on a clock (cell.drift) sees a cancel as it runs; uninterrupted, it is the same walk with the looks as without', async () => {
  const { simulate } = await import('../src/index.js');
  const { walkersInFlight } = await import('../src/simulation/drift-walker-step.js');
  const run = {
    metal: 'Li', host: 'Cu', electrolyte: 'LiPF6-EC-DMC', seed: 1,
    lattice: { size: [32, 32, 160], voxel: '20 nm' },
    cell: { transport: 'walkers', drift: 'off' }, // the clock without drift (a plating step rarely leaves a walker in flight: this one does)
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s', 'Plate 0.0001 mAh/cm2 at 10 mA/cm2'],
    output: { snapshots: false },
  };
  // the rest (step 1): its first look (at its start) says no, every later one yes
  let sim: { nextStep: number } | undefined, looks = 0, inFlight = 0;
  const stopInRest = { get aborted() { if (sim?.nextStep !== 1) return false; if (looks === 0) inFlight = walkersInFlight(sim as never)?.xs.length ?? 0; return ++looks > 1; } };
  const cut = simulate(run, { signal: stopInRest as AbortSignal, onSimulation: (s) => { sim = s; } });
  assert.ok(inFlight > 0, 'walkers are in flight as the rest starts (the rest walks them)');
  assert.deepEqual(cut.steps.map((s) => s.ended), ['charge', 'cancelled'], 'the run stops in the rest');
  const rest = cut.steps[1]!;
  assert.ok(rest.kmc_duration_s > 0 && rest.kmc_duration_s < 0.05 * 0.9, `the rest stopped early: ${rest.kmc_duration_s} s of 0.05 s`);
  // uninterrupted, with a signal looked at in the rest, and without any signal: the same run
  const never = simulate(run, { signal: { aborted: false } as AbortSignal });
  const plain = simulate(run);
  assert.deepEqual(never.steps.map((s) => s.ended), ['charge', 'time', 'charge']);
  assert.deepEqual(never.trace, plain.trace);
  assert.equal(never.metrics.walkers?.random_walk_steps, plain.metrics.walkers?.random_walk_steps);
});
