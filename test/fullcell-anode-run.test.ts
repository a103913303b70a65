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
