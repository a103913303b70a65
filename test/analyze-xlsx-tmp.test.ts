/**
 * robust63b: `analyze` of an .xlsx copies the workbook's sheet to a temporary folder first; with TMPDIR not a folder this
 * user can write it said `.../sacplate-xlsx-XXXXXX: cannot mkdtemp: ...` without naming TMPDIR (robust63's leftover).
 * Now one line naming the workbook, the folder, the reason and what to set, exit 2, nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cli } from './helpers/cli.js';
import { tempFolder } from './helpers/tmp.js';

const dir = tempFolder('xlsx-tmp');

test('analyze of an .xlsx with TMPDIR not a folder it can write: one line naming TMPDIR and why, exit 2', async () => {
  const book = resolve('test/data/cycler/landt_custom_data_002_head5400.xlsx');
  const notADir = join(dir, 'tmp-is-a-file');
  writeFileSync(notADir, '');
  const out = join(dir, 'out');
  const r = await cli(['analyze', book, '--protocol', 'fullcell', '--out', out, '--no-figures'], { env: { TMPDIR: notADir } });
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.equal(lines[0], `sacplate: ${book}: cannot read the workbook: its sheet is copied to a temporary folder first, and none can be made in ${notADir} (a part of the path is a file, not a folder (ENOTDIR)); set TMPDIR to a folder this user can write`);
  assert.equal(existsSync(join(out, 'report.json')), false);
});
