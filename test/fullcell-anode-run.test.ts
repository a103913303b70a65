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
