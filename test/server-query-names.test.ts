/**
 * The workbench's query parameters as the CLI's flags take them, named as the server takes them:
 * `protocol` on /api/cycler in any case (`Fullcell`, as the CLI's --protocol through args.ts
 * choiceArg, the one matching both use), given back in its canonical spelling, a value that is
 * none of the protocols still refused naming `protocol` and the choices; a bad `weights` on
 * /api/elements is named `weights`, never the CLI's --weights. Through fastify's app.inject on a
 * real cycler export (FastCharge_000025_CH8.csv, ../shared/data/cycler, 26 kB); about 0.4 s of CPU.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

test('/api/cycler takes protocol in any case; /api/elements names a bad weights query as weights', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-query-names-'));
  const service = new RunService({ storePath: join(dir, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const file = readFileSync(join(ROOT, '..', 'shared', 'data', 'cycler', 'FastCharge_000025_CH8.csv'));
    const post = (protocol: string) => app.inject({ method: 'POST', url: `/api/cycler?name=FastCharge_000025_CH8.csv&protocol=${protocol}`, headers: { 'content-type': 'application/octet-stream' }, payload: file });
    const upper = await post('Fullcell');
    assert.equal(upper.statusCode, 200, upper.body);
    assert.equal(upper.json().report.protocol, 'fullcell');
    const none = await post('full');
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error, 'protocol: got "full", expected symmetric, licu, aurbach, fullcell');

    for (const [weights, field, value] of [['price=-1', 'weights price', '-1'], ['bogus=1', 'weights', 'bogus=1']] as const) {
      const r = await app.inject({ method: 'GET', url: `/api/elements?weights=${encodeURIComponent(weights)}` });
      assert.equal(r.statusCode, 400, r.body);
      const error = (r.json() as { error: string }).error;
      assert.ok(error.startsWith(`${field}: got "${value}", expected `), error);
      assert.doesNotMatch(error, /--/);
    }
  } finally {
    await app.close(); await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
