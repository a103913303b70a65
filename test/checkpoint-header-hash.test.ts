/**
 * A checkpoint's header has its own SHA-256 (mends62b; robust62 left it: the header was outside the engine state's
 * hash, so an edit that kept a number a number resumed without a word). Format 4 writes the header's SHA-256 as its last
 * key; a resume checks it before reading anything of the header. Formats 2 and 3 (no such key) still read as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { resumeSimulation } from '../src/simulation/checkpoint.js';
import { FileError } from '../src/errors.js';
import { checkpointHalfway } from './helpers/halfway.js';

const run = parseRunInput({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 12], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate at 1 mA/cm2 for 0.002 mAh/cm2'], seed: 5, output: { snapshots: false },
});

test('a digit flipped in the header (a number kept a number) is refused naming the header\'s SHA-256; the file unflipped resumes; a format-3 file without the hash resumes to the uninterrupted end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-hash-'));
  try {
    const file = join(dir, 'checkpoint.bin');
    const { full } = checkpointHalfway(run, file, { chunk: 50 });
    const good = readFileSync(file);
    assert.equal(good.readUInt32LE(8), 4, 'format 4');
    const len = good.readUInt32LE(12);
    const text = good.toString('utf8', 16, 16 + len);
    assert.match(text, /,"header_sha256":"[0-9a-f]{64}"\}$/);
    // the step's net voxels, a digit changed: still a number, the same length
    const m = /"stepNet":(\d)/.exec(text)!;
    const flipped = Buffer.from(good);
    flipped.write(String((Number(m[1]) + 1) % 10), 16 + Buffer.byteLength(text.slice(0, m.index + '"stepNet":'.length)), 'utf8');
    assert.notDeepEqual(flipped, good);
    writeFileSync(file, flipped);
    assert.throws(() => resumeSimulation(file, run), (e: unknown) => e instanceof FileError
      && /: checkpoint header does not match its SHA-256 \(the header was edited or damaged\); start the run again without --resume$/.test(e.message));
    writeFileSync(file, good);
    const a = resumeSimulation(file, run);
    a.runAll();
    assert.ok(Buffer.from(a.app.code).equals(Buffer.from(full.app.code)));
    // format 3: the same header without its hash, version 3 in the file's head: read as before
    const old = Buffer.from(text.replace(/,"header_sha256":"[0-9a-f]{64}"\}$/, '}'), 'utf8');
    const head = Buffer.from(good.subarray(0, 16)); head.writeUInt32LE(3, 8); head.writeUInt32LE(old.length, 12);
    writeFileSync(file, Buffer.concat([head, old, good.subarray(16 + len)]));
    const b = resumeSimulation(file, run);
    b.runAll();
    assert.ok(Buffer.from(b.app.code).equals(Buffer.from(full.app.code)));
    assert.equal(b.events, full.events);
    // format 4 without the key: refused (a format-4 header always has it)
    const bare = Buffer.from(head); bare.writeUInt32LE(4, 8);
    writeFileSync(file, Buffer.concat([bare, old, good.subarray(16 + len)]));
    assert.throws(() => resumeSimulation(file, run), (e: unknown) => e instanceof FileError && /checkpoint header has no SHA-256 \(header_sha256, the last key of a format-4 header\): /.test(e.message));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
