/**
 * A stop signal while `sacplate serve` or `sacplate worker` is still starting (their modules, store and port take a
 * second or more): serve listened for SIGINT / SIGTERM only once listening, the worker once BullMQ had loaded, so such a
 * signal killed them without the shared stop line (cli/signals.ts) and with the signal's own exit (143 for SIGTERM);
 * review36. The child is watched, not changed, by a module loaded first (--import) that writes a line on stderr once a
 * SIGTERM listener is added (saying whether ioredis, BullMQ's client, is loaded yet) and when a server starts to
 * listen, so the order is known without timing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisAvailable, startRedis, type RedisHandle } from './helpers/redis.js';

const children: ChildProcess[] = [];
const servers: RedisHandle[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const r of servers) await r.stop();
});

const WATCH = [
  "import net from 'node:net';",
  "import { createRequire } from 'node:module';",
  "const cache = createRequire(process.cwd() + '/').cache;",
  "const ioredis = () => Object.keys(cache).some((k) => k.includes('/node_modules/ioredis/'));",
  'const on = process.on;',
  "process.on = function (ev, fn) { const r = on.call(this, ev, fn); if (ev === 'SIGTERM') process.stderr.write(`[watch] SIGTERM listener (ioredis ${ioredis() ? 'loaded' : 'not loaded'})\\n`); return r; };",
  'const listen = net.Server.prototype.listen;',
  "net.Server.prototype.listen = function (...a) { process.stderr.write('[watch] listen\\n'); return listen.apply(this, a); };",
].join('\n');

test('serve: a SIGTERM while it is starting stops it with the shared stop line, exit 0 (it was killed by the signal)', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-serve-signals-'));
  try {
    const proc = spawn(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(WATCH)}`, 'bin/sacplate.js', 'serve', '--port', '0', '--db', join(dir, 'store.db')], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    const io = { out: '', err: '' };
    proc.stdout!.on('data', (d: Buffer) => { io.out += d.toString(); });
    proc.stderr!.on('data', (d: Buffer) => {
      const before = io.err;
      io.err += d.toString();
      // the stop as soon as the command listens for it (before its port is open, unless the machine is very slow)
      if (!before.includes('[watch] SIGTERM listener') && io.err.includes('[watch] SIGTERM listener')) proc.kill('SIGTERM');
    });
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (c, s) => r({ code: c, signal: s })));
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, io.err);
    assert.match(io.err, /^sacplate: SIGTERM: stopping the workbench: cancelling running runs, closing its port and store \(a second signal quits at once\)$/m);
    // the stop was listened for before the port opened (until review36 only after it)
    const listening = io.err.indexOf('[watch] listen');
    assert.ok(listening < 0 || io.err.indexOf('[watch] SIGTERM listener') < listening, io.err);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('worker: a SIGTERM while it loads the queue\'s modules stops it with the shared stop line, exit 0 (it was killed by the signal)', { timeout: 60000, skip: redisAvailable() ? false : 'redis-server not installed (.ci/run installs it)' }, async () => {
  const redis = await startRedis();
  servers.push(redis);
  const proc = spawn(process.execPath, [`--import=data:text/javascript,${encodeURIComponent(WATCH)}`, 'bin/sacplate.js', 'worker', '--queue', redis.url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(proc);
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => {
    const before = err;
    err += d.toString();
    if (!before.includes('[watch] SIGTERM listener') && err.includes('[watch] SIGTERM listener')) proc.kill('SIGTERM');
  });
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (c, s) => r({ code: c, signal: s })));
  assert.deepEqual({ code, signal }, { code: 0, signal: null }, err);
  assert.match(err, /^sacplate: SIGTERM: stopping the worker after its running tasks \(a second signal quits at once\)$/m);
  // listened for before BullMQ and its Redis client loaded (until review36 only after)
  assert.match(err, /\[watch\] SIGTERM listener \(ioredis not loaded\)/, err);
});
