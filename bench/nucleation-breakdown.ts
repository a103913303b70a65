/**
 * Where a cached `sacplate nucleation` call's CPU goes (branch nucspeed; docs/nucleation-history.md,
 * "Branch nucspeed"). Process CPU (user + system, /usr/bin/time) and wall of, alternated call by call:
 *   - `node -e 0` (Node's own start-up);
 *   - the metal's own surface with `--no-store` (every module of the command, a short electrode stage);
 *   - the cached call (Li on graphene + Zn-N4, 1 mA/cm2, --json) under the flat plateau (the default)
 *     and under `--plateau end` (the electrode stage's share of the flat rule's longer run);
 *   - the cached call on the same store grown to about 50 MB with filler rows (openStore's whole-file
 *     quick_check against a read-only open);
 *   - with `--old <dir>` (a built checkout), that build's cached call on both stores.
 * A temporary store is filled first by one uncached call (the atomistic stage, ~15 s of CPU).
 *   node dist/bench/nucleation-breakdown.js [--old <dir>] [--repeats 8]
 * Writes bench/nucleation-breakdown-results.json. Other agents share the machine: the load averages
 * before and after are recorded; compare the rows of one run, not runs at different loads.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { requireTime, timedSpawn } from './process-time.js';
import { arg } from './args.js';

requireTime();
const oldDir = arg('old');
if (oldDir !== undefined && !existsSync(join(oldDir, 'bin/sacplate.js'))) throw new Error('--old <dir>: a built checkout (bin/sacplate.js, dist/)');
const repeats = Number(arg('repeats') ?? 8);
const here = resolve('.');
const tmp = mkdtempSync(join(tmpdir(), 'sacplate-nuc-breakdown-'));

/** one call (args[0] the program) under GNU time: CPU (user + system) and wall seconds; throws on a failed call */
function timed(args: string[]): { cpu_s: number; wall_s: number } {
  const r = timedSpawn(args[0]!, args.slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}`);
  return { cpu_s: r.user_s! + r.sys_s!, wall_s: r.wall_s };
}

try {
  const small = join(tmp, 'small.db'), big = join(tmp, 'big.db');
  const call = (bin: string, db: string, extra: string[] = []) =>
    [process.execPath, join(bin, 'bin/sacplate.js'), 'nucleation', '--metal', 'Li', '--host', 'graphene', '--sac', 'Zn-N4', '--current', '1', 'mA/cm2', '--json', '--db', db, ...extra];
  const t0 = performance.now();
  execFileSync(call(here, small)[0]!, call(here, small).slice(1), { stdio: ['ignore', 'ignore', 'ignore'] });
  const fill_s = (performance.now() - t0) / 1000;
  // the same store with ~50 MB of filler rows (a store that has recorded thousands of runs is that size)
  copyFileSync(small, big);
  const db = new Database(big);
  const ins = db.prepare("INSERT INTO param_sets (kind, name, data_json, source, updated_at) VALUES ('bench-filler', ?, ?, 'bench', '2026-01-01')");
  const blob = JSON.stringify({ filler: 'x'.repeat(100_000) });
  db.transaction(() => { for (let i = 0; i < 500; i++) ins.run(`f${i}`, blob); })();
  db.close();

  const cases: { id: string; args: string[] }[] = [
    { id: 'node -e 0', args: [process.execPath, '-e', '0'] },
    { id: 'own metal (Li on Li), --no-store', args: [process.execPath, join(here, 'bin/sacplate.js'), 'nucleation', '--metal', 'Li', '--host', 'Li', '--json', '--no-store'] },
    { id: 'cached, flat plateau', args: call(here, small) },
    { id: 'cached, --plateau end', args: call(here, small, ['--plateau', 'end']) },
    { id: 'cached, flat plateau, 50 MB store', args: call(here, big) },
    ...(oldDir ? [
      { id: `old build (${oldDir}): cached, flat plateau`, args: call(resolve(oldDir), small) },
      { id: `old build (${oldDir}): cached, flat plateau, 50 MB store`, args: call(resolve(oldDir), big) },
    ] : []),
  ];
  const runs = new Map<string, { cpu_s: number; wall_s: number }[]>(cases.map((c) => [c.id, []]));
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  for (let k = 0; k < repeats; k++) for (const c of cases) runs.get(c.id)!.push(timed(c.args));
  const loadAfter = loadavg().map((x) => Number(x.toFixed(2)));
  const med = (xs: number[]) => { const v = xs.slice().sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2; };
  const r3 = (x: number) => Number(x.toFixed(3));
  const rows = cases.map((c) => {
    const v = runs.get(c.id)!;
    const cpu = v.map((x) => x.cpu_s), wall = v.map((x) => x.wall_s);
    return { case: c.id, cpu_median_s: r3(med(cpu)), cpu_min_s: r3(Math.min(...cpu)), cpu_max_s: r3(Math.max(...cpu)), wall_median_s: r3(med(wall)), wall_min_s: r3(Math.min(...wall)), wall_max_s: r3(Math.max(...wall)), calls: v.length };
  });
  for (const r of rows) process.stderr.write(`${r.case}: CPU median ${r.cpu_median_s} s (${r.cpu_min_s}-${r.cpu_max_s}), wall median ${r.wall_median_s} s\n`);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  writeFileSync(join(here, 'bench', 'nucleation-breakdown-results.json'), JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length, commit, old: oldDir ?? null, repeats,
    store_bytes: { small: statSync(small).size, big: statSync(big).size }, fill_call_wall_s: r3(fill_s),
    load_average_before: loadBefore, load_average_after: loadAfter, rows,
  }, null, 2) + '\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
