/**
 * Session 33, task mends43: leftovers noticed by this session's helpers; each test fails on the code before its fix.
 * (4) prepareOutDir's refusal said "it holds a previous run" of a screen's --report folder (and would of analyze's
 * --out); the caller now names what its own outputs are ("a previous report"), kept "a previous run" for others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareOutDir } from '../src/io/dirs.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-mends43-'));

test('prepareOutDir names what the refused folder holds: the caller\'s word for its own outputs, "a previous run" for any other', () => {
  const holds = { what: 'a previous report', files: ['ranking.csv'] };
  const refusal = (file: string) => {
    const dir = fs.mkdtempSync(path.join(tmp, 'out-'));
    fs.writeFileSync(path.join(dir, file), 'kept');
    try { prepareOutDir(dir, { field: '--report', holds }); } catch (e) { return (e as Error).message; }
    return 'not refused';
  };
  assert.match(refusal('ranking.csv'), /--report: got .*, expected a new or empty directory \(it holds a previous report: pass --force/);
  assert.match(refusal('eta.csv'), /\(it holds a previous run: pass --force/);
});
