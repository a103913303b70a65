// fullcell's anode.run: a run file that cannot be read is named as anode.run's, told by the error's type
// (UnreadableFileError), not by the first words of its message (review36)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError, InputError, UnreadableFileError } from '../src/errors.js';
import { readTextFile } from '../src/io/text-file.js';
import { fullCellOf } from '../src/fullcell/library.js';

const tmp = mkdtempSync(join(tmpdir(), 'sacplate-anode-run-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

test('anode.run: a missing file or a folder is an UnreadableFileError, named as anode.run with the reader\'s words', () => {
  const missing = join(tmp, 'missing.yaml');
  const folder = join(tmp, 'a-folder.yaml');
  mkdirSync(folder);
  for (const f of [missing, folder]) {
    let read: unknown;
    try { readTextFile(f); } catch (e) { read = e; }
    assert.ok(read instanceof UnreadableFileError && read instanceof FileError && read.file === f, String(read));
    assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: f } }), (e: unknown) => e instanceof InputError
      && e.field === 'anode.run' && e.message === `anode.run: got "${f}", expected a Li||Cu run file that can be read (${read.message})`);
  }
});

test('anode.run: a file that can be read but is not text stays the FileError naming its line (not "a file that can be read")', () => {
  const binary = join(tmp, 'binary.yaml');
  writeFileSync(binary, 'metal: Li\n\u0000\n');
  assert.throws(() => fullCellOf({ cathode: 'LFP', np: 1, cycles: 10, anode: { run: binary } }), (e: unknown) => e instanceof FileError
    && !(e instanceof UnreadableFileError) && e.file === binary && e.line === 2);
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before its fix.
test('fullcell anode: {run}: a CE above 1 capped and a cycle with no CE dropped are said, naming the cycles; a first cycle with CE 0 is refused', async () => {
  // the CE per cycle of a simulated run as cycleSummary gives it: on a Li foil host a strip of twice the
  // plated charge gave CE 2.0000000000000004 in cycle 1 and a plating half with no net deposit CE NaN in cycle 2
  // (seed 1, 6 x 6 x 8 voxels of 10 nm; simulating it here would cost ~1 s of this file's CPU)
  const { anodeCeOfRun } = await import('../src/fullcell/library.js');
  const got = anodeCeOfRun('lifoil.json', [{ cycle: 1, ce: 2.0000000000000004 }, { cycle: 2, ce: NaN }, { cycle: 3, ce: 0.98 }, { cycle: 4, ce: -0.1 }]);
  assert.deepEqual(got.ce, [1, 0.98]);
  assert.deepEqual(got.notes, [
    'CE above 1 capped at 1 (the full cell has no source of metal) in cycle(s) 1 (2.0000)',
    'cycle(s) 2 (no CE), 4 (CE -0.1) dropped: no CE above 0 (nothing stripped, no net plating, or a strip that ended early with the box full: no CE); the cycles after them move up',
  ]);
  assert.throws(() => anodeCeOfRun('licu.yaml', [{ cycle: 1, ce: 0 }, { cycle: 2, ce: 0.98 }]),
    (e: Error) => /^anode\.run: got "licu\.yaml", expected a run whose first plate\/strip cycle strips metal back \(cycle 1 has CE 0:/.test(e.message));
  // session 37: a cycle without a CE (NaN) is said as such, not as "CE NaN"
  assert.throws(() => anodeCeOfRun('licu.yaml', [{ cycle: 1, ce: NaN }, { cycle: 2, ce: 0.98 }]),
    (e: Error) => /\(cycle 1 has no CE: the full cell's retention/.test(e.message));
});

// mends63 (session 63): a stop (Ctrl-C / SIGTERM) that lands once the anode run's worker has finished and posted its report,
// before this thread reads it, said "the anode run had not finished ... nothing written", exit 130, and lost the finished
// result (mends62c's "Noticed, left alone"). It is not a cancel: the table and files are written, exit 0, as compare,
// sweep, screen and validate do since flaky62 / mends62c. The stop is emitted in-process from fullcellTestHooks.beforeReport
// (the worker's report has come and is not yet read), so it lands in that window at any load.
test('fullcell anode.run: a stop that lands with the finished report in flight is not a cancel: the result is written, exit 0, said', { timeout: 60000 }, async () => {
  const { cli } = await import('./helpers/cli.js');
  const { fullcellTestHooks } = await import('../src/cli/actions/fullcell.js');
  const { readFileSync, existsSync } = await import('node:fs');
  const dir = join(tmp, 'late-stop');
  mkdirSync(dir);
  // a Li||Cu run of 2 short cycles on a small box (well under a second of CPU)
  writeFileSync(join(dir, 'anode.yaml'), 'metal: Li\nlattice: { size: [6, 6, 12], voxel: 20 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.25 eV }\nsei: carbonate\n' +
    'protocol:\n  - repeat: 2\n    steps:\n      - Plate 0.02 mAh/cm2 at 1 mA/cm2\n      - Strip at 1 mA/cm2 until 1 V\nseed: 1\noutput: { snapshots: false }\n');
  const fc = join(dir, 'fc.yaml');
  writeFileSync(fc, 'cathode: LFP\nnp: [0, 1]\ncycles: 10\nanode: { run: anode.yaml }\n');
  const env = { SACPLATE_DB: join(dir, 'fc.db') };
  const plain = await cli(['fullcell', fc, '--out', join(dir, 'plain')], { env });
  assert.equal(plain.code, 0, plain.stderr);
  let stops = 0;
  fullcellTestHooks.beforeReport = () => { stops++; process.emit('SIGINT', 'SIGINT'); };
  let late;
  try { late = await cli(['fullcell', fc, '--out', join(dir, 'late')], { env }); } finally { delete fullcellTestHooks.beforeReport; }
  assert.equal(stops, 1);
  assert.equal(late.code, 0, late.stderr);
  assert.doesNotMatch(late.stderr, /had not finished|nothing written/);
  assert.match(late.stderr, /\nsacplate: the anode run had finished before the stop took effect: the result follows\n/);
  // the same table and files as the run nobody stopped
  assert.equal(late.stdout, plain.stdout);
  assert.ok(existsSync(join(dir, 'late', 'fullcell.csv')), late.stderr);
  for (const f of ['fullcell.csv', 'fullcell.json']) assert.equal(readFileSync(join(dir, 'late', f), 'utf8'), readFileSync(join(dir, 'plain', f), 'utf8'), f);
});
