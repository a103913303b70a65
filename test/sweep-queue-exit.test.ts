/**
 * A queued sweep (`sacplate sweep FILE --queue URL`) stopped while Redis is down exits as soon as it has said what it
 * did: it exited about 2 s later, held by ioredis's disconnect timers (each close of a connection whose socket had
 * closed already, Redis away or a second close of one connection, waited its 2 s disconnectTimeout; review36).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisAvailable, startRedis, type RedisHandle } from './helpers/redis.js';

const children: ChildProcess[] = [];
const servers: RedisHandle[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const r of servers) await r.stop();
});

test('sweep --queue stopped (Ctrl-C) while Redis is down exits within 1 s of its summary (it took 2 s more)', { timeout: 60000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-queue-exit-'));
  try {
    const redis = await startRedis();
    servers.push(redis);
    const file = join(dir, 'sweep.yaml');
    writeFileSync(file, ['name: exitdown', 'base:', '  metal: Li', '  lattice: { size: [8, 8, 10], voxel: 10 nm }', '  host: graphene',
      '  protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]', '  output: { snapshots: false }', 'seeds: [1, 2]'].join('\n'));
    // no worker: the tasks wait on the queue
    const proc = spawn(process.execPath, ['bin/sacplate.js', 'sweep', file, '--queue', redis.url, '--db', join(dir, 'store.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    let out = '', err = '', lastOutput = 0;
    proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); lastOutput = performance.now(); });
    proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); lastOutput = performance.now(); });
    const exited = new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    const until = async (what: string, ok: () => boolean) => {
      for (let i = 0; i < 800 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
      assert.ok(ok(), `${what}; stderr: ${err}`);
    };
    await until('the tasks are on the queue', () => /exitdown: 0\/2 tasks/.test(err));
    await redis.stop();
    await until('the sweep says Redis is gone', () => /lost the connection to Redis/.test(err));
    proc.kill('SIGINT');
    const code = await exited;
    const after_ms = performance.now() - lastOutput;
    assert.equal(code, 130, err);
    assert.match(err, /is not reachable: the 2 unfinished tasks of exitdown stay on its queue/);
    assert.match(out, /cancelled: true/);
    assert.ok(after_ms < 1000, `exited ${Math.round(after_ms)} ms after its last line`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
