/**
 * robust63: a request that declares a body over the limit and asks `Expect: 100-continue` (what curl sends for a body
 * over 1 MB: `curl -d @big.json`) was told to go on (Node's server answers 100 Continue itself), then cut off mid-body:
 * curl said "Send failure: Broken pipe" and never showed the 413's words. Now the 413 comes instead of the 100, before
 * any byte of the body is sent; a body within the limit still gets its 100 and is read.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunService } from '../src/server/service.js';
import { buildApp } from '../src/server/app.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-expect-'));
const service = new RunService({ storePath: join(dir, 'store.db'), concurrency: 1, writeFiles: false });
const app = await buildApp({ service, webRoot: join(dir, 'none'), uploadLimit: 2_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
after(async () => { await app.close(); await service.close(); rmSync(dir, { recursive: true, force: true }); });

/** POSTs `bytes` of `fill` with Expect: 100-continue, sending the body only on the server's 100 */
function post(path: string, type: string, bytes: number, fill = ' '): Promise<{ status: number | undefined; body: string; continued: boolean; error?: string }> {
  return new Promise((done) => {
    let continued = false;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': type, 'content-length': bytes, expect: '100-continue' } });
    req.on('continue', () => { continued = true; req.end(Buffer.alloc(bytes, fill)); });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (b: Buffer) => { body += b.toString(); });
      res.on('end', () => { done({ status: res.statusCode, body, continued }); req.destroy(); });
    });
    req.on('error', (e) => done({ status: undefined, body: '', continued, error: (e as Error).message }));
    req.flushHeaders();
  });
}

test('Expect: 100-continue with a declared body over the limit: the 413 with its words comes instead of the 100 (JSON routes 4 MB, the cycler upload its limit); within the limit the body is sent and read', async () => {
  const big = await post('/api/runs', 'application/json', 5_000_000);
  assert.equal(big.error, undefined, big.error);
  assert.equal(big.status, 413, big.body);
  assert.equal(big.continued, false, 'no 100 Continue for a body that will be refused');
  assert.deepEqual(JSON.parse(big.body), { error: 'body: too large, expected a JSON body of at most 4 MB' });
  const upload = await post('/api/cycler', 'text/csv', 3_000_000, 'a');
  assert.equal(upload.status, 413, upload.body);
  assert.equal(upload.continued, false);
  assert.match(JSON.parse(upload.body).error, /^upload: got 3000000 bytes, expected a cycler file of at most /);
  // within the limit: the 100, the body, the route's own answer (blank JSON: malformed)
  const small = await post('/api/validate', 'application/json', 1000);
  assert.equal(small.continued, true);
  assert.equal(small.status, 400, small.body);
  assert.match(JSON.parse(small.body).error, /^body: got (malformed JSON|nothing)/);
});
