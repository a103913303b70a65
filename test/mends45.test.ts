/**
 * Session 34, task mends45: leftovers of review34 and mends44.
 * (1) `simulate --out DIR --force` and `nucleation --out DIR --force` cleared DIR before their run: a run that failed
 * (a bad --db) or was stopped before writing anything (nucleation: Ctrl-C writes nothing; simulate: a second Ctrl-C)
 * left the previous outputs cleared and nothing in their place. simulate's run now clears them just before its first
 * file (simulation/run-resolved.ts), nucleation once its results are ready.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';

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
