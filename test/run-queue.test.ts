/**
 * Runs that wait, stop and come back: the run service's queue (cancelling queued runs, resuming a run cancelled
 * before it started, the 50 newest ended runs kept), a run whose server died, runCases stopped after its first run,
 * and the Redis queue (--queue addresses that do not answer, name no database, or are HTTP servers; a sweep whose
 * tasks another shell cancels).
 *
 * Moved here from test/audit30.test.ts, test/audit31.test.ts, test/mends35.test.ts, test/mends31.test.ts and
 * test/mends32.test.ts (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each
 * test's story is told in docs/history.md under the session that wrote it: a session's name in a test's name (e.g.
 * 'mends36') refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Socket } from 'node:net';
import { spawnSync } from 'node:child_process';
import { createServer as httpCreateServer } from 'node:http';
import { Queue } from 'bullmq';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { redisAvailable, startRedis, freePort } from './helpers/redis.js';
import { TINY_RUN } from './helpers/small-runs.js';
import { runIdentity } from '../src/simulation/report.js';
import { parseRunInput } from '../src/input/parse.js';
import { runCases } from '../src/batch/cases.js';
import { openStore } from '../src/store/index.js';
import { connect, cancelQueued, QUEUE_NAME } from '../src/sweep/queue.js';
import { runSweep } from '../src/index.js';
import { startServer } from '../src/server/serve.js';
import { RunService } from '../src/server/service.js';
import { validateRunInput } from '../src/input/schema.js';
import { cli } from './helpers/cli.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('run-queue');

const dir = tempFolder('run-queue');

const tiny = () => parseRunInput({ ...TINY_RUN, output: { snapshots: false } });

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

/**
 * A run (concurrency 1) and a second one queued behind it, cancelled before it started. The first run is short (1,161
 * events), so under load it can end before the second is seen or cancelled (lead63: a CI run at load 7 saw the second
 * 'running'); the pair is then let end and made again, up to 5 times, so that the test's set-up does not hang on the
 * machine's speed. What the caller checks is unchanged.
 */
async function cancelledInQueue(url: string): Promise<{ first: string; second: string }> {
  for (let attempt = 1; ; attempt++) {
    const first = (await (await post(url, 'runs', { input: INPUT })).json() as { id: string }).id;
    const second = (await (await post(url, 'runs', { input: INPUT })).json() as { id: string }).id;
    if ((await get(url, second)).status === 'queued') {
      assert.equal((await post(url, `runs/${second}/cancel`)).status, 200);
      if ((await get(url, second)).never_started === true) return { first, second };
    }
    assert.ok(attempt < 5, `the second run started before it could be cancelled in the queue, ${attempt} times`);
    await ended(url, first);
    await ended(url, second);
  }
}

test('runCases: a stop after the first run leaves only the runs that started in the store, and returns at once', async () => {
  const run = tiny();
  const n = 300;
  const items = Array.from({ length: n }, (_, s) => ({ name: `seed ${s}`, dirName: `seed-${s}`, run: { ...run, seed: s } }));
  const db = join(dir, 'stop.db');
  const ac = new AbortController();
  const t0 = performance.now();
  const r = await runCases('seeds', 'tiny.yaml', items, { store: true, db, threads: 1, figures: false, signal: ac.signal, onDone: () => ac.abort() });
  const ms = performance.now() - t0;
  assert.equal(r.cancelled, true);
  const finished = r.done.filter(Boolean).length;
  assert.ok(finished >= 1 && finished <= 2, `finished ${finished}`);
  const store = openStore(db);
  try {
    const rows = store.countRuns();
    // the run that finished and at most the one started as it ended: not a row for each of the 300 seeds
    assert.ok(rows <= 2, `${rows} runs recorded in the store for ${finished} that ran`);
  } finally { store.close(); }
  assert.ok(ms < 20000, `${ms.toFixed(0)} ms`);
});

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

test('GET /api/runs/:id of a run whose plating stopped at the top of the box carries the CLI\'s warning, and of one stopped by a short circuit the CLI\'s line (review57), also after a restart', { timeout: 60000 }, async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-audit31-')), 'store.db');
  // a 0.30 eV terrace hop (the default 0.10 eV until branch testtime7): the box still fills (258 voxels,
  // 3,200 events) where the default hop ran 1.06 million events and 425,000 first-passage exits
  const input = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, protocol: ['Plate 1e9 mAh/cm2 at 1 mA/cm2'], seed: 1 };
  // review57: a separator 40 nm above the host of a box 12 voxels of 10 nm high: the deposit reaches it after about
  // 0.0027 of the 0.01 mAh/cm2 asked (about 1,600 events). Until review57 only `sacplate simulate` printed the short
  // circuit's line: the Run page read "finished", no warning, for a plate that stopped at the separator short of its
  // charge, the steps after it (its strip) not run. On the same servers as the box_full run (one start each, not two).
  const shortInput = { metal: 'Li', lattice: { size: [8, 8, 12], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' }, electrolyte: 'LiPF6-EC-DMC', cell: { separator_distance: '40 nm' },
    protocol: ['Plate 0.01 mAh/cm2 at 10 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'], seed: 1, output: { snapshots: false } };
  const shortLine = /^short circuit: the deposit reached the separator plane at t = (\S+) s; the run stopped there$/;
  type View = { status: string; warnings?: string[]; metrics?: { charge_mAh_per_cm2?: number; short_circuit_s?: number | null; steps_ended?: string[] } };
  let id = '', shortId = '', shortFirst = '';
  {
    const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
    try {
      const post = async (body: unknown) => ((await (await fetch(`${url}api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { id: string }).id;
      const ended = async (runId: string) => {
        let v: View = { status: 'queued' };
        for (let i = 0; i < 400 && (v.status === 'queued' || v.status === 'running'); i++) {
          await new Promise((r) => setTimeout(r, 100));
          v = await (await fetch(`${url}api/runs/${runId}`)).json() as View;
        }
        return v;
      };
      id = await post({ input });
      shortId = await post({ input: shortInput });
      const v = await ended(id);
      assert.equal(v.status, 'finished');
      assert.equal(v.warnings?.length, 1);
      assert.match(v.warnings![0]!, /^warning: step 1 "Plate 1e9 mAh\/cm2 at 1 mA\/cm2" ended early \(box_full: the deposit reached the top of the simulation box \(make lattice\.size\[2\] larger or plate less\)\) after (\S+) mAh\/cm2 and \S+ s$/);
      // the charge it names is the run's own
      const q = Number(/after (\S+) mAh/.exec(v.warnings![0]!)![1]);
      assert.ok(Math.abs(q - v.metrics!.charge_mAh_per_cm2!) / q < 0.01, `${q} against ${v.metrics!.charge_mAh_per_cm2}`);
      const s = await ended(shortId);
      assert.equal(s.status, 'finished');
      assert.deepEqual(s.metrics!.steps_ended, ['short_circuit', 'short_circuit'], 'the run stopped at the separator');
      // first, before the step lines (here the plate's "1 voxel short of its furthest progress"), and the time it names
      // is the run's own short_circuit_s
      const w = s.warnings ?? [];
      assert.equal(w.filter((l) => /short circuit/.test(l)).length, 1, JSON.stringify(w));
      shortFirst = w[0] ?? '';
      assert.equal(Number(shortLine.exec(shortFirst)?.[1]), Number(s.metrics!.short_circuit_s!.toPrecision(4)), JSON.stringify(w));
    } finally {
      await stop();
    }
  }
  const { url, stop } = await startServer({ port: 0, db, concurrency: 1 });
  try {
    const v = await (await fetch(`${url}api/runs/${id}`)).json() as { live: boolean; warnings?: string[] };
    assert.equal(v.live, false);
    assert.deepEqual(v.warnings, ['warning: step 1 "Plate 1e9 mAh/cm2 at 1 mA/cm2" ended early (box_full: the deposit reached the top of the simulation box (make lattice.size[2] larger or plate less)) after a charge and time not recorded']);
    // the short circuit's line from the stored metrics (which keep no step results: steps_ended only)
    const s = await (await fetch(`${url}api/runs/${shortId}`)).json() as { live: boolean; warnings?: string[] };
    assert.deepEqual(s.warnings, [shortFirst]);
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
  // the store says it never started (the page's Start on the same server: test/server-browser-pages.test.ts)
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
  const http = httpCreateServer((_req, res) => { res.end('not redis'); });
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

test('the run service keeps the 50 newest ended runs by the order they entered it, whatever order they end in', async () => {
  const run = parseRunInput({ ...TINY_RUN, output: { snapshots: false } });
  const service = new RunService({ store: null, concurrency: 1, writeFiles: false, chunk: null, maxSnapshotVoxels: 0 });
  try {
    // r0 runs (its worker starts on a later tick), r1..r59 wait; the waiting ones end newest first
    const ids = Array.from({ length: 60 }, (_, s) => service.start({}, `r${s}`, { resolved: { ...run, seed: s } }).id);
    for (let k = 59; k >= 1; k--) assert.equal(service.cancel(ids[k]!), true);
    // r59..r10 ended first and are the newest by entry; r9..r1 each ended as the 51st and went at once
    const kept = (from: number, to: number) => ids.slice(from, to).map((id) => service.status(id)?.status);
    assert.deepEqual(kept(1, 10), Array(9).fill(undefined));
    assert.deepEqual(kept(10, 60), Array(50).fill('cancelled'));
    assert.equal(service.status(ids[0]!)?.status, 'running');
    assert.deepEqual(service.counts(), { queued: 0, running: 1, live: 51 });
    // r0 ends last but entered first: the oldest ended run, it goes, and r10..r59 stay
    service.cancel(ids[0]!);
    await service.wait(ids[0]!);
    assert.equal(service.status(ids[0]!), undefined);
    assert.deepEqual(kept(10, 60), Array(50).fill('cancelled'));
    assert.deepEqual(service.counts(), { queued: 0, running: 0, live: 50 });
  } finally { await service.close(); }
});

test('cancelling queued runs keeps the queue\'s order and counts (front, middle, a second cancel)', async () => {
  const run = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } });
  const service = new RunService({ store: null, concurrency: 1, writeFiles: false, chunk: null, maxSnapshotVoxels: 0 });
  const settle = () => new Promise((r) => setImmediate(r));
  try {
    const ids = Array.from({ length: 8 }, (_, s) => service.start({}, `r${s}`, { resolved: { ...run, seed: s } }).id);
    const st = (k: number[]) => k.map((i) => service.status(ids[i]!)?.status);
    for (const k of [2, 4, 1]) assert.equal(service.cancel(ids[k]!), true);
    assert.equal(service.cancel(ids[2]!), false, 'a cancelled run is not cancelled twice');
    assert.deepEqual(service.counts(), { queued: 4, running: 1, live: 8 });
    assert.deepEqual(st([0, 1, 2, 3, 4, 5, 6, 7]), ['running', 'cancelled', 'cancelled', 'queued', 'cancelled', 'queued', 'queued', 'queued']);
    // r0 ends: the next queued run in order is r3 (r1 and r2 were cancelled), then r5
    service.cancel(ids[0]!);
    await service.wait(ids[0]!);
    await settle();
    assert.deepEqual(st([1, 2, 3, 4, 5, 6, 7]), ['cancelled', 'cancelled', 'running', 'cancelled', 'queued', 'queued', 'queued']);
    assert.deepEqual(service.counts(), { queued: 3, running: 1, live: 8 });
    service.cancel(ids[6]!);
    service.cancel(ids[3]!);
    await service.wait(ids[3]!);
    await settle();
    assert.deepEqual(st([3, 4, 5, 6, 7]), ['cancelled', 'cancelled', 'running', 'cancelled', 'queued']);
    assert.deepEqual(service.counts(), { queued: 1, running: 1, live: 8 });
  } finally { await service.close(); }
  assert.deepEqual(service.counts(), { queued: 0, running: 0, live: 8 });
});

// From loose7 (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
const tmp2 = tempFolder('run-queue');
const run2 = (...args: string[]) => cli(args, { cwd: tmp2 });

test('sweep --queue / worker with no Redis at the address: one line naming --queue and the address, nothing recorded, no banner first', async () => {
  const url = `redis://127.0.0.1:${await freePort()}`; // a port nothing listens on
  const file = join(tmp2, 'noredis.json');
  writeFileSync(file, JSON.stringify({ name: 'noredis', base: { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '2 %' }], protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] }, axes: { 'sacs[0].loading': ['2 %', '4 %'] } }));
  const db = join(tmp2, 'noredis.db');
  const s = await run2('sweep', file, '--queue', url, '--db', db);
  assert.equal(s.code, 2, s.stderr);
  assert.equal(s.stderr.trim().split('\n').length, 1, s.stderr);
  assert.match(s.stderr, new RegExp(`^sacplate: --queue: got "${url}", expected a reachable Redis server \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)`));
  // the sweep was defined in the store before the connection failed: `results noredis` then found it
  assert.equal(existsSync(db), false, 'no store written');
  const w = await run2('worker', '--queue', url);
  assert.equal(w.code, 2, w.stderr);
  assert.equal(w.stderr.trim().split('\n').length, 1, w.stderr);
  assert.match(w.stderr, /^sacplate: --queue: got .*expected a reachable Redis server/);
});

// mends108 (review83's finding 3): the queue's URL as the commands say and keep it, its password masked; a bad URL's
// refusal too (it said `--queue: got "redis//:s3cret@h"`, the password in clear)
test('maskQueueUrl masks a queue URL\'s password (user\'s, rediss://, a password query parameter) and leaves one without a password as given; a bad URL\'s refusal says it masked', async () => {
  const { maskQueueUrl } = await import('../src/sweep/queue-url.js');
  const { parseQueueUrl } = await import('../src/sweep/queue.js');
  assert.equal(maskQueueUrl('redis://:s3cret@127.0.0.1:6391'), 'redis://:***@127.0.0.1:6391');
  assert.equal(maskQueueUrl('rediss://app:p%40ss@redis-host:6380/2'), 'rediss://app:***@redis-host:6380/2');
  assert.equal(maskQueueUrl('redis://redis-host:6379/1?password=s3cret&family=6'), 'redis://redis-host:6379/1?password=***&family=6');
  for (const plain of ['redis://127.0.0.1:6379', 'redis://app@Redis-Host:6379/3', 'rediss://h']) assert.equal(maskQueueUrl(plain), plain);
  assert.throws(() => parseQueueUrl('http://:s3cret@127.0.0.1:6379'), (e: Error) => e.message.startsWith('--queue: got "http://:***@127.0.0.1:6379", expected a Redis URL starting with redis://'));
  assert.throws(() => parseQueueUrl('redis://:s3cret@[::1'), (e: Error) => e.message.startsWith('--queue: got "redis://:***@[::1", expected a Redis URL'));
});
