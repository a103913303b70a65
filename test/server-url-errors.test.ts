/**
 * robust61: the two refusals Fastify's router makes before any route or error handler runs (a path with a broken
 * %-escape, a path part longer than its 100 characters) answered in Fastify's own shape, {"error":"Bad Request",
 * "code":"FST_ERR_...","message":"'/api/runs/...' is exceeding the max param length"}, naming neither the part nor
 * what it takes, where every other refusal of the API is {"error":"FIELD: got VALUE, expected FORM"}. The store is
 * left as it was.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-url-errors-'));
const service = new RunService({ storePath: join(dir, 'store.db'), concurrency: 1, writeFiles: false });
// with the workbench's pages (a static wildcard route, to which the router backtracks from a too-long API parameter:
// the case CI met, where `npm test` builds the pages) and without them
const pages = join(dir, 'pages'), none = join(dir, 'none');
mkdirSync(pages); mkdirSync(none);
writeFileSync(join(pages, 'index.html'), '<!doctype html><title>t</title>');
const apps = [await buildApp({ service, webRoot: pages }), await buildApp({ service, webRoot: none })];
after(async () => { await service.close(); for (const a of apps) await a.close(); });

for (const [k, app] of apps.entries()) test(`${k === 0 ? 'pages built' : 'no pages'}: a path with a broken %-escape or a part over 100 characters is a refusal in the API\'s words, naming the part and the form it takes`, async () => {
  const long = 'a'.repeat(5000);
  for (const [url, status, re] of [
    [`/api/runs/${long}`, 414, /^path: got a part of 5000 characters \("a{20}\.\.\."\), expected at most 100 characters in each part of the path \(a run id, run-YYYYMMDD-HHMMSSmmm-xxxxxxxx, has 31\)$/],
    [`/api/runs/${long}/files/eta.csv`, 414, /^path: got a part of 5000 characters/],
    [`/api/sweeps/${long}/results`, 414, /^path: got a part of 5000 characters/],
    ['/api/runs/%E0%A4%A', 400, /^path: got "\/api\/runs\/%E0%A4%A", expected %-escapes that decode to UTF-8 text \(e\.g\. %C3%A9 for é\)$/],
    ['/api/runs/zzz/files/%E0%A4%A', 400, /^path: got "\/api\/runs\/zzz\/files\/%E0%A4%A", expected %-escapes/],
  ] as const) {
    const r = await app.inject({ method: 'GET', url });
    assert.equal(r.statusCode, status, `${url.slice(0, 40)}: ${r.body}`);
    const body = r.json() as { error: string; code?: string };
    assert.match(body.error, re, body.error);
    assert.equal(body.code, undefined, r.body);
  }
  // a part of 100 characters is still a route's (a 404 naming the id), as before
  const r = await app.inject({ method: 'GET', url: `/api/runs/${'b'.repeat(100)}` });
  assert.equal(r.statusCode, 404, r.body);
  assert.match(r.json().error, /^run: got "b+", expected the id of a stored run/);
});
