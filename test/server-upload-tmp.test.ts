/**
 * robust63: a cycler upload where the server cannot make its temporary folder (TMPDIR not writable by the user running
 * `sacplate serve`, or not a folder) was a 500 "internal error (logged by the server)" and a stack trace in the server's
 * log. Now a 503 naming the folder, the reason and what to set; the server goes on (the next upload, with TMPDIR back, is read).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';
import { licuTable } from './helpers/cycler-files.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-upload-tmp-'));
const service = new RunService({ storePath: join(dir, 'store.db'), concurrency: 1, writeFiles: false });
const app = await buildApp({ service, webRoot: join(dir, 'none') });
after(async () => { await app.close(); await service.close(); rmSync(dir, { recursive: true, force: true }); });

test('a cycler upload the server has no temporary folder for: a 503 naming TMPDIR and why, not a 500 and a stack trace', async () => {
  const notADir = join(dir, 'tmp-is-a-file');
  writeFileSync(notADir, '');
  const csv = licuTable(2);
  const was = process.env.TMPDIR;
  process.env.TMPDIR = notADir;
  let r;
  try {
    r = await app.inject({ method: 'POST', url: '/api/cycler?protocol=licu&name=x.csv', headers: { 'content-type': 'text/csv' }, payload: csv });
  } finally { if (was === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = was; }
  assert.equal(r.statusCode, 503, r.body);
  assert.equal(r.json().error, `upload: the server cannot make a temporary folder for the file in ${notADir} (a part of the path is a file, not a folder (ENOTDIR)); set TMPDIR to a folder the server's user can write`);
  const ok = await app.inject({ method: 'POST', url: '/api/cycler?protocol=licu&name=x.csv', headers: { 'content-type': 'text/csv' }, payload: csv });
  assert.equal(ok.statusCode, 200, ok.body);
});
