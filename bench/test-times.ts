/**
 * Where `npm test`'s node:test phase spends its time. Two measurements, merged into
 * bench/test-times-results.json under a label (run after `npx tsc -p tsconfig.json`, with `nice`
 * on a shared machine):
 *   - per file: each dist/test/*.test.js alone (`/usr/bin/time node --test <file>`, one at a
 *     time): wall and CPU seconds (user + sys, children included: spawned CLIs, redis-server,
 *     Chromium), tests passed and failed, the 1-minute load average before and after;
 *   - --phase: the whole phase as CI ran it until session 27 (`node --test --test-concurrency=2 dist/test/`):
 *     wall and CPU seconds, tests passed, failed and skipped (Node 20's TAP output names no file,
 *     so the phase gives no per-file split); with --runner, the phase as `npm test` runs it since
 *     session 27 (`node dist/bench/run-tests.js`: the *.test.js files, heaviest first).
 *   - --ab <dir>: per file, alternately in <dir> (another built checkout, e.g. the commit before,
 *     beside the same ../shared) and here, so both see the same load; a file that only one side has (merged into
 *     another, or new) is timed on that side alone.
 * Other agents share the machine: compare CPU seconds, not wall, unless the load says idle.
 *   node dist/bench/test-times.js --label after [--files a,b] [--phase [--runner]] [--ab <dir>] [--out bench/test-times-results.json]
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { requireTime, timedSpawn } from './process-time.js';
import { arg, checkArgs, refuseArgs } from './args.js';

const USAGE = 'node dist/bench/test-times.js --label after [--files a,b] [--phase [--runner]] [--ab <dir>] [--out bench/test-times-results.json]\n' +
  '  times every dist/test/*.test.js alone (about 7 min on 2 cores), or the --files given, or the whole phase (--phase)\n';
// a mistyped flag would otherwise start the full timing (minutes) with it ignored
checkArgs('test-times', USAGE, ['--phase', '--runner'], ['--label', '--files', '--ab', '--out']);
const label = arg('label') ?? 'run';
const out = arg('out') ?? 'bench/test-times-results.json';
// a name as in test/ (engine), with .test (engine.test), .test.ts or .test.js: the same file (engine.test read engine.test.test.js)
const only = arg('files')?.split(',').map((f) => `${f.replace(/(\.test)?(\.(js|ts))?$/, '')}.test.js`);
// flags that the chosen measurement ignores, and --files naming no test: the full timing ran (minutes) with --runner
// ignored, and `--files nosuch` wrote an empty record, exit 0 (review34)
const given = (f: string) => process.argv.includes(f);
if (given('--runner') && !given('--phase')) refuseArgs('test-times', USAGE, '--runner goes with --phase (the whole phase as npm test runs it)');
if (given('--phase') && (given('--files') || given('--ab'))) refuseArgs('test-times', USAGE, `--phase times the whole phase: not with ${given('--files') ? '--files' : '--ab'}`);
/** the *.test.js files of a built checkout's dist/test */
const testFiles = (dir: string) => (existsSync(join(dir, 'dist/test')) ? readdirSync(join(dir, 'dist/test')).filter((f) => f.endsWith('.test.js')) : []);
// with --ab, a file on either side (a file merged into another or removed is timed on the side that has it)
const abDir = arg('ab') ? resolve(arg('ab')!) : undefined;
const present = new Set([...testFiles('.'), ...(abDir ? testFiles(abDir) : [])]);
if (only) {
  const missing = only.filter((f) => !present.has(f));
  if (missing.length > 0) refuseArgs('test-times', USAGE, `--files: no dist/test/${missing.join(', dist/test/')} (after npx tsc -p tsconfig.json; names as in test/, e.g. engine or engine.test.js)`);
}
requireTime();
const load1 = () => Number(loadavg()[0]!.toFixed(2));

interface Timed { wall_s: number; user_s: number; sys_s: number; cpu_s: number; status: number | null; stdout: string }

/** Runs node with args under /usr/bin/time (from cwd); CPU includes every waited-for descendant. */
function timed(args: string[], cwd = '.'): Timed {
  const r = timedSpawn(process.execPath, args, { cwd });
  return { wall_s: Number(r.wall_s.toFixed(2)), user_s: r.user_s!, sys_s: r.sys_s!, cpu_s: r.cpu_s!, status: r.status, stdout: r.stdout };
}
const count = (tap: string, what: string) => Number(new RegExp(`^# ${what} (\\d+)`, 'm').exec(tap)?.[1] ?? NaN);

const result: Record<string, unknown> = { label, date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model };
const files = [...present].filter((f) => !only || only.includes(f)).sort();
if (process.argv.includes('--phase')) {
  const l0 = load1();
  const runner = process.argv.includes('--runner');
  const t = timed(runner ? ['dist/bench/run-tests.js'] : ['--test', '--test-concurrency=2', '--test-reporter=tap', 'dist/test/']);
  result.phase = { command: runner ? 'node dist/bench/run-tests.js' : 'node --test --test-concurrency=2 dist/test/', wall_s: t.wall_s, cpu_s: t.cpu_s, user_s: t.user_s, sys_s: t.sys_s, exit: t.status, pass: count(t.stdout, 'pass'), fail: count(t.stdout, 'fail'), skipped: count(t.stdout, 'skipped'), load_before: l0, load_after: load1() };
  process.stdout.write(`phase: ${t.wall_s} s wall, ${t.cpu_s} CPU s, exit ${t.status}, load ${l0} -> ${load1()}\n`);
} else if (abDir) {
  const other = abDir;
  const rows: Record<string, unknown>[] = [];
  for (const f of files) {
    const row: Record<string, unknown> = { file: f };
    for (const [side, cwd] of [['before', other], ['after', '.']] as const) {
      if (!existsSync(join(cwd, 'dist/test', f))) { row[side] = null; continue; }
      const l0 = load1();
      const t = timed(['--test', '--test-reporter=tap', join('dist/test', f)], cwd);
      row[side] = { wall_s: t.wall_s, cpu_s: t.cpu_s, exit: t.status, pass: count(t.stdout, 'pass'), fail: count(t.stdout, 'fail'), load_before: l0, load_after: load1() };
    }
    rows.push(row);
    const b = row.before as { cpu_s: number; wall_s: number } | null, a = row.after as { cpu_s: number; wall_s: number; exit: number } | null;
    process.stdout.write(`${f.padEnd(44)} before ${b ? `${b.cpu_s} CPU s ${b.wall_s} s wall` : '-'}  after ${a ? `${a.cpu_s} CPU s ${a.wall_s} s wall  exit ${a.exit}` : '-'}  load ${load1()}\n`);
  }
  result.ab = { before_dir: other, files: rows };
  const sum = (side: 'before' | 'after', k: 'cpu_s' | 'wall_s') => Number(rows.reduce((acc, r) => acc + ((r[side] as Record<string, number> | null)?.[k] ?? 0), 0).toFixed(2));
  result.ab_total = { before_cpu_s: sum('before', 'cpu_s'), after_cpu_s: sum('after', 'cpu_s'), before_wall_s: sum('before', 'wall_s'), after_wall_s: sum('after', 'wall_s') };
} else {
  const rows: Record<string, unknown>[] = [];
  for (const f of files) {
    const l0 = load1();
    const t = timed(['--test', '--test-reporter=tap', join('dist/test', f)]);
    const row = { file: f, wall_s: t.wall_s, cpu_s: t.cpu_s, user_s: t.user_s, sys_s: t.sys_s, exit: t.status, pass: count(t.stdout, 'pass'), fail: count(t.stdout, 'fail'), load_before: l0, load_after: load1() };
    rows.push(row);
    process.stdout.write(`${f.padEnd(44)} ${String(t.wall_s).padStart(7)} s wall ${String(t.cpu_s).padStart(7)} CPU s  exit ${t.status}  load ${l0}\n`);
  }
  result.files = rows;
  result.total = { wall_s: Number(rows.reduce((a, r) => a + (r.wall_s as number), 0).toFixed(2)), cpu_s: Number(rows.reduce((a, r) => a + (r.cpu_s as number), 0).toFixed(2)) };
}
const all = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) as { runs: Record<string, unknown> } : { runs: {} };
all.runs[label] = { ...(all.runs[label] as object | undefined), ...result };
writeFileSync(out, JSON.stringify(all, null, 1) + '\n');
