/**
 * Session 29, task mends31: small defects a fresh-eyes audit (audit30) found and left, each test
 * failing on the code before its fix. (1) A nucleation case file with a second YAML document said
 * "not valid YAML/JSON (Source contains multiple documents; please use YAML.parseAllDocuments() ...)",
 * the YAML library's advice: its reader was its own; now the run file's (parseYamlText).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends31-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a nucleation case file with two YAML documents says so in words, at the line of the second', async () => {
  const file = join(dir, 'cases-two.yaml');
  writeFileSync(file, 'metal: Li\ncurrent: 1 mA/cm2\ncases: []\n---\nmetal: Na\n');
  const r = await cli(['nucleation', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), `sacplate: ${file}:4: holds a second YAML document (a "---" line starts it): a nucleation case file is one document`);
});
