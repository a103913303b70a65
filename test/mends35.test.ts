/**
 * Session 30, task mends35: what the workbench audit (audit31) left, outside the browser, each test
 * failing on the code before its fix. (1) A run cancelled while still queued (it never ran) could be
 * neither resumed (no checkpoint) nor restarted: POST /api/runs/:id/resume now starts it from the
 * beginning under its id, live and after a server restart, and its view says so (never_started).
 * (2) `--queue` naming an HTTP server said ioredis's 'Unknown RESP type 72 "H". Please report this.':
 * it now says the address does not answer as Redis does. (4) A number beyond a double's range
 * ("1e400 K") said "expected a temperature with a unit" of a value that has one: it now says the
 * accepted range (or, without one, that the number must be finite), for each quantity with a unit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/sweep/queue.js';
import { startServer } from '../src/server/serve.js';
import { validateRunInput } from '../src/input/schema.js';
import { parseQuantity } from '../src/units.js';

// a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the run only carries a queue slot
// and an event count through: seed 3 at 25 degC is 1,161 events and 376 first-passage exits instead of
// 255,049 events and 883,926 exits (3.5 CPU s a run); seeds 3 and 4 still differ in events (1,161 and 1,068)
const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };
type View = { status: string; resumable?: boolean; never_started?: boolean; live?: boolean; metrics?: { events?: number; seed?: number; charge_mAh_per_cm2?: number } };

const post = async (url: string, path: string, body?: unknown) => fetch(`${url}api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
const get = async (url: string, id: string) => await (await fetch(`${url}api/runs/${id}`)).json() as View;
async function ended(url: string, id: string): Promise<View> {
  let v = await get(url, id);
  for (let i = 0; i < 600 && (v.status === 'queued' || v.status === 'running'); i++) { await new Promise((r) => setTimeout(r, 100)); v = await get(url, id); }
  return v;
}
/** A run (concurrency 1) and a second one queued behind it, cancelled before it started. */
async function cancelledInQueue(url: string): Promise<{ first: string; second: string }> {
  const first = (await (await post(url, 'runs', { input: INPUT })).json() as { id: string }).id;
  const second = (await (await post(url, 'runs', { input: INPUT })).json() as { id: string }).id;
  assert.equal((await get(url, second)).status, 'queued');
  assert.equal((await post(url, `runs/${second}/cancel`)).status, 200);
  return { first, second };
}

test('a run cancelled while still queued is started from the beginning by POST /api/runs/:id/resume, also after a restart, and ends as the same run never cancelled', { timeout: 60000 }, async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-mends35-')), 'store.db');
  let first: View;
  let second = '';
  {
    const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
    try {
      const ids = await cancelledInQueue(url);
      second = ids.second;
      const v = await get(url, second);
      assert.deepEqual([v.status, v.live, v.resumable, v.never_started], ['cancelled', true, true, true]);
      first = await ended(url, ids.first);
      assert.equal(first.status, 'finished');
    } finally {
      await stop();
    }
  }
  // the store says it never started (the page's Start on the same server: test/server-browser-mends35.test.ts)
  const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
  try {
    const v = await get(url, second);
    assert.deepEqual([v.status, v.live, v.resumable, v.never_started], ['cancelled', false, true, true]);
    const r = await post(url, `runs/${second}/resume`);
    assert.equal(r.status, 202, await r.clone().text());
    const b = await ended(url, second);
    assert.equal(b.status, 'finished');
    assert.equal(b.never_started, undefined);
    // the same input and seed as the first run, from the beginning: the same events and charge
    assert.ok((b.metrics?.events ?? 0) > 0);
    assert.equal(b.metrics?.events, first.metrics?.events);
    assert.equal(b.metrics?.charge_mAh_per_cm2, first.metrics?.charge_mAh_per_cm2);
  } finally {
    await stop();
  }
});

test('a --queue address where an HTTP server answers says so in words, not ioredis\'s "Unknown RESP type ... Please report this"', { timeout: 20000 }, async () => {
  const http = createServer((_req, res) => { res.end('not redis'); });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  try {
    await assert.rejects(connect(`redis://127.0.0.1:${port}`, 3000), (e: Error) => e.message
      === `--queue: got "redis://127.0.0.1:${port}", expected a Redis server: the address answers, but not as Redis does (its reply starts with "H"; an HTTP server or another service listens there): give the host and port of a Redis server, e.g. redis://127.0.0.1:6379`);
  } finally {
    http.closeAllConnections();
    http.close();
  }
});

test('a quantity whose number is beyond a double\'s range ("1e400 K") is refused with its accepted range, not "expected ... with a unit"', () => {
  const refused = (patch: Record<string, unknown>): string => {
    try { validateRunInput({ ...INPUT, ...patch }); } catch (e) { return (e as Error).message; }
    return 'accepted';
  };
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  assert.equal(refused({ temperature: '1e400 K' }), `temperature: got "1e400 K", ${T}`);
  assert.equal(refused({ temperature: '-1e400 degC' }), `temperature: got "-1e400 degC", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: '1e400 nm' } }), 'lattice.voxel: got "1e400 nm", expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ kinetics: { terraceBarrier: '1e400 eV' } }), 'kinetics.terraceBarrier: got "1e400 eV", expected a barrier of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: '1e400 eV' } } } }), 'parameters.metals.Li.bond: got "1e400 eV", expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 mA/cm2'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at 1e400 mA/cm2", expected a current density after "at" with a finite number (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "1e400 mA/cm2" (1e400 is beyond the largest number, about 1.8e308)');
  assert.equal(refused({ protocol: ['Plate 1e400 mAh/cm2 at 1 mA/cm2'] }),
    'protocol[0]: got "Plate 1e400 mAh/cm2 at 1 mA/cm2", expected an areal capacity before "at" with a finite number (e.g. "Plate 0.01 mAh/cm2 at 1 mA/cm2"), not "1e400 mAh/cm2" (1e400 is beyond the largest number, about 1.8e308)');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('i', '1e400 mA/cm2', 'currentDensity'), (e: Error) => e.message === 'i: got "1e400 mA/cm2", expected a current density with a finite number (1e400 is beyond the largest number, about 1.8e308), e.g. "1 mA/cm2"');
  // finite values still read
  assert.equal(parseQuantity('T', '298.15 K', 'temperature'), 298.15);
});
