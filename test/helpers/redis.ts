/**
 * A throwaway redis-server for the queue tests: a free loopback port, a temporary folder, no
 * persistence; stopped by `stop()`. Tests skip (with the reason) when redis-server is not
 * installed (`.ci/run` installs Debian's package).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RedisHandle { url: string; port: number; proc: ChildProcess; stop: () => Promise<void>; }

/** `port`: a given one (a server started again where a stopped one listened), else a free one; `args`: more redis-server options (e.g. `--requirepass PW`). */
export async function startRedis(port?: number, args: string[] = []): Promise<RedisHandle> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) { clearTimeout(t); resolve(); }
    });
    proc.once('exit', (c) => { clearTimeout(t); reject(new Error(`redis-server exited (${c}): ${out}`)); });
  });
  // its (empty: no save, no append-only file) working folder goes with it, however it ends once started (testtime26: 194
  // were left in /tmp)
  proc.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const done = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    await done;
  };
  return { url: `redis://127.0.0.1:${port}`, port, proc, stop };
}
