/**
 * Session 30, task audit31 (the workbench and the Redis sweeps as a user would use them): the
 * defects outside the browser, each test failing on the code before its fix. (1) A `--queue` address
 * that takes the connection and says nothing (another service's port, a stuck proxy) hung `sweep
 * --queue` and `worker` for ever, and Ctrl-C did not stop the worker: connect() now gives up after
 * CONNECT_WAIT_MS with one line. (2) `redis://host:port/99` on a server with 16 databases: ioredis
 * only warned, the sweep enqueued on database 0 and a worker on /99 looped on "ERR DB index is out
 * of range"; now refused, naming the database. (3) A workbench run whose plating stopped at the top
 * of the box (`Plate 1e9 mAh/cm2` on 8 x 8 x 8) was "finished" without a word, where `sacplate
 * simulate` warns; GET /api/runs/:id now carries the CLI's lines as `warnings`, for a run this
 * server ran (with the step's charge and time) and for one from the store after a restart.
 * (4) A run whose server was killed came back "failed" with its metrics replaced by the error, so the
 * recent-runs list showed its system as "/", and the page said only "failed": a stored run's view had
 * no `error` (it was in the metrics). Its identity is kept and the view gives the error.
 * (5) `sweep --queue` watching its tasks while `sweep --cancel` in another shell took them off the
 * queue (as docs/sweeps.md says to) printed "0 running, 0 waiting" for ever: it now stops, cancelled.
 * (6) A SAC loading given as a bare number, `2` (the run form's box, meant as 2 %), said "got 2, expected
 * a loading from 0 to 100 %": it is a fraction, and the line now says so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { connect, cancelQueued, QUEUE_NAME } from '../src/sweep/queue.js';
import { runSweep } from '../src/index.js';
import { startServer } from '../src/server/serve.js';
import { RunService } from '../src/server/service.js';
import { openStore } from '../src/store/index.js';
import { validateRunInput } from '../src/input/schema.js';
import { runIdentity } from '../src/simulation/report.js';
import { redisAvailable, startRedis } from './helpers/redis.js';

test('a --queue address that takes the connection and never answers is refused in words within the wait, not a hang', { timeout: 20000 }, async () => {
  const sockets: Socket[] = [];
  const silent = createServer((s) => { sockets.push(s); });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const port = (silent.address() as { port: number }).port;
  try {
    const t0 = performance.now();
    await assert.rejects(connect(`redis://127.0.0.1:${port}`, 400),
      (e: Error) => e.message === `--queue: got "redis://127.0.0.1:${port}", expected a reachable Redis server (no answer within 0.4 s: the address takes connections but does not answer as Redis does)`);
    assert.ok(performance.now() - t0 < 3000, `gave up after ${performance.now() - t0} ms`);
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('a --queue URL naming a database the Redis server does not have is refused, naming it', { timeout: 30000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  const redis = await startRedis();
  try {
    await assert.rejects(connect(`${redis.url}/99`), (e: Error) => e.message === `--queue: got "${redis.url}/99", expected a Redis server that has database 99 (ERR DB index is out of range)`);
    const ok = await connect(`${redis.url}/3`); // one it has: connected, on it
    assert.equal(await ok.client('INFO').then((s) => /db=3\b/.test(String(s))), true);
    ok.disconnect();
  } finally {
    await redis.stop();
  }
});

test('GET /api/runs/:id of a run whose plating stopped at the top of the box carries the CLI\'s warning, also after a restart', { timeout: 60000 }, async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-audit31-')), 'store.db');
  // a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the box still fills (258 voxels,
  // 3,200 events) where the default hop ran 1.06 million events and 425,000 first-passage exits
  const input = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 1e9 mAh/cm2 at 1 mA/cm2'], seed: 1 };
  let id = '';
  {
    const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
    try {
      const started = await (await fetch(`${url}api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input }) })).json() as { id: string };
      id = started.id;
      let v: { status: string; warnings?: string[]; metrics?: { charge_mAh_per_cm2?: number } } = { status: 'queued' };
      for (let i = 0; i < 400 && (v.status === 'queued' || v.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        v = await (await fetch(`${url}api/runs/${id}`)).json() as typeof v;
      }
      assert.equal(v.status, 'finished');
      assert.equal(v.warnings?.length, 1);
      assert.match(v.warnings![0]!, /^warning: step 1 "Plate 1e9 mAh\/cm2 at 1 mA\/cm2" ended early \(box_full: the deposit reached the top of the simulation box \(make lattice\.size\[2\] larger or plate less\)\) after (\S+) mAh\/cm2 and \S+ s$/);
      // the charge it names is the run's own
      const q = Number(/after (\S+) mAh/.exec(v.warnings![0]!)![1]);
      assert.ok(Math.abs(q - v.metrics!.charge_mAh_per_cm2!) / q < 0.01, `${q} against ${v.metrics!.charge_mAh_per_cm2}`);
    } finally {
      await stop();
    }
  }
  const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
  try {
    const v = await (await fetch(`${url}api/runs/${id}`)).json() as { live: boolean; warnings?: string[] };
    assert.equal(v.live, false);
    assert.deepEqual(v.warnings, ['warning: step 1 "Plate 1e9 mAh/cm2 at 1 mA/cm2" ended early (box_full: the deposit reached the top of the simulation box (make lattice.size[2] larger or plate less)) after a charge and time not recorded']);
  } finally {
    await stop();
  }
});

test('a run whose server was killed keeps its metal, host and seed, and its view says why it failed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-audit31-'));
  const storePath = join(dir, 'store.db');
  const input = { metal: 'Na', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 5 };
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
  const db = openStore(storePath);
  // what RunService.start records for a run it accepts
  const id = db.recordRun({ name: 'killed', input, metrics: { workbench_pid: deadPid, ...runIdentity(validateRunInput(input)) }, status: 'running' });
  db.close();
  const s = new RunService({ storePath, outRoot: join(dir, 'runs'), concurrency: 1 });
  try {
    const v = s.status(id)!;
    assert.equal(v.status, 'failed');
    assert.equal(v.error, `the server (pid ${deadPid}) stopped before the run ended`);
    assert.equal((v.metrics as { interrupted?: unknown }).interrupted, true);
    const row = s.list(10).find((r) => r.id === id)!;
    assert.deepEqual([row.metal, row.host, row.seed], ['Na', 'Cu', 5]);
  } finally {
    void s.close();
  }
});

test('a queued sweep whose waiting tasks another shell takes off the queue (sweep --cancel) stops, cancelled, instead of waiting for ever', { timeout: 30000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  const redis = await startRedis();
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-audit31-')), 'store.db');
  try {
    // no worker: the tasks wait on the queue until they are taken off
    const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
    const watching = runSweep({ name: 'taken-off', base, axes: { 'lattice.size[2]': [8, 10, 12] } }, { queue: redis.url, db });
    const conn = await connect(redis.url);
    const queue = new Queue(QUEUE_NAME, { connection: conn });
    let ids: string[] = [];
    for (let i = 0; i < 100 && ids.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ids = (await queue.getWaiting()).map((j) => j.id!);
    }
    await queue.close();
    conn.disconnect();
    assert.equal(ids.length, 3);
    assert.equal(await cancelQueued(redis.url, ids), 3);
    const t0 = performance.now();
    const r = await watching;
    assert.deepEqual([r.tasks, r.ran, r.cancelled], [3, 0, true]);
    assert.ok(performance.now() - t0 < 5000, `stopped ${performance.now() - t0} ms after the cancel`);
  } finally {
    await redis.stop();
  }
});

test('a SAC loading given as a bare number out of 0..1 is named a fraction, with the percentage it would be', () => {
  const run = (loading: unknown) => ({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading }], protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'] });
  for (const [v, pct] of [[2, '200'], ['2', '200'], [-0.5, '-50']] as const) {
    assert.throws(() => validateRunInput(run(v)), (e: Error) => e.message === `sacs[0].loading: got ${JSON.stringify(v)}, expected a plain fraction of host sites from 0 to 1 (a number without a unit is a fraction: ${v} is ${pct} %), or a loading with its unit, e.g. "2 %"`, String(v));
  }
  assert.throws(() => validateRunInput(run('150 %')), (e: Error) => e.message === 'sacs[0].loading: got "150 %", expected a loading from 0 to 100 %');
  assert.equal(validateRunInput(run(0.02)).sacs[0]!.loading_fraction, 0.02);
});
