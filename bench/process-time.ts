/**
 * A child process's CPU time as the benches measure it: run under GNU time (`/usr/bin/time`, Debian
 * package "time"), which reports the user and system seconds of the child and every descendant it
 * waited for (spawned CLIs, worker threads, redis-server, Chromium). Shared by bench/cli-startup.ts,
 * bench/nucleation.ts, bench/nucleation-breakdown.ts and bench/test-times.ts.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TIME = '/usr/bin/time';

/** true where GNU time is installed */
export const hasTime = (): boolean => existsSync(TIME);

/** throws a one-line error naming the missing package unless GNU time is installed */
export function requireTime(): void {
  if (!hasTime()) throw new Error(`${TIME} not found (Debian package "time")`);
}

export interface Timed {
  status: number | null;
  stdout: string;
  stderr: string;
  /** wall seconds around the spawn (performance.now) */
  wall_s: number;
  /** CPU seconds: null where GNU time is missing (the command then runs untimed) */
  user_s: number | null;
  sys_s: number | null;
  cpu_s: number | null;
}

let scratch: string | undefined;

/** Runs `command args` (under GNU time where it exists) and returns its output, exit status, wall and CPU seconds. */
export function timedSpawn(command: string, args: string[], opts: SpawnSyncOptions = {}): Timed {
  const timed = hasTime();
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'sacplate-bench-time-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true })); // left in /tmp until branch testtime26
    scratch = dir;
  }
  const tf = join(scratch, 'time.txt');
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', '%U %S', '-o', tf, command, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  const wall_s = (performance.now() - t0) / 1000;
  const text = (x: unknown) => (typeof x === 'string' ? x : x instanceof Buffer ? x.toString('utf8') : '');
  if (!timed) return { status: r.status, stdout: text(r.stdout), stderr: text(r.stderr), wall_s, user_s: null, sys_s: null, cpu_s: null };
  // the last line: GNU time writes "Command exited with non-zero status N" above it when the child fails
  const [user, sys] = readFileSync(tf, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number];
  return { status: r.status, stdout: text(r.stdout), stderr: text(r.stderr), wall_s, user_s: user, sys_s: sys, cpu_s: Number((user + sys).toFixed(2)) };
}
