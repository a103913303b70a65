/**
 * Two builds side by side in one run: this working tree and a git ref (default: the previous
 * commit, HEAD~1), so that a speed claim is never a comparison of two different days on a VM
 * whose speed drifts by tens of %.
 *
 *   npm run build && node dist/bench/compare.js [--ref 7cc8c53] [--pairs 15] [--film-rounds 1] [--only diffusion,plating,film] [--separate]
 *     [--new-engine adatoms=exact,hopCarry=off] [--out bench/compare-results.json]
 *
 * The ref is exported with `git archive` into /tmp/sacplate-bench-<sha> (no worktree, no change
 * to the repository), node_modules is linked from here, and it is compiled with this tree's tsc.
 * Diffusion and plating: both builds are imported into one process and their windows alternate
 * (bench/interleave.ts), so that both see the same load; reported with the paired ratio new/old
 * and its 95 % interval (plating also per hop-equivalent event and per kMC second: bench/interleave.ts). The film-growth run (and, with --separate, the others) runs once per
 * build per round in a fresh process each (bench/child.ts), alternating which build goes first.
 * Every window is timed on the wall clock and in process CPU time.
 * Reported per benchmark and build: the median over all timed windows of all rounds (and each
 * round's median), and the ratios new/old. Results: bench/compare-results.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(fileURLToPath(import.meta.url), '..', '..', '..'); // dist/bench/compare.js -> package root
const args = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 && args[i + 1] ? args[i + 1]! : d; };
const ref = opt('--ref', 'HEAD~1');
const rounds = Number(opt('--rounds', '3'));
const only = opt('--only', 'diffusion,plating,film').split(',');
const filmRounds = Number(opt('--film-rounds', '1'));
/** engine switches of this tree's plating Simulation in the interleaved plating run (the ref runs its defaults) */
const newEngineArg = opt('--new-engine', '');
const newEngine = newEngineArg === '' ? undefined : Object.fromEntries(newEngineArg.split(',').map((kv) => {
  const m = /^([A-Za-z]+)=([A-Za-z-]+)$/.exec(kv);
  if (!m) { process.stderr.write(`--new-engine: ${kv} is not key=value (e.g. adatoms=exact,hopCarry=off)\n`); process.exit(2); }
  return [m[1]!, m[2]!];
}));
if (newEngine && args.includes('--separate')) { process.stderr.write('--new-engine: only for the interleaved runs (not with --separate)\n'); process.exit(2); }
const outFile = opt('--out', join('bench', 'compare-results.json'));

const git = (...a: string[]) => execFileSync('git', ['-C', here, ...a], { encoding: 'utf8' }).trim();
const sha = git('rev-parse', ref);
const headSha = git('rev-parse', 'HEAD');
const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
const oldRoot = `/tmp/sacplate-bench-${sha.slice(0, 12)}`;
if (!existsSync(join(oldRoot, 'dist', 'src', 'bench', 'engine.js'))) {
  process.stderr.write(`building ${ref} (${sha.slice(0, 12)}) in ${oldRoot}\n`);
  mkdirSync(oldRoot, { recursive: true });
  execFileSync('sh', ['-c', `git -C '${here}' archive ${sha} | tar -x -C '${oldRoot}'`]);
  if (!existsSync(join(oldRoot, 'node_modules'))) symlinkSync(join(here, 'node_modules'), join(oldRoot, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: oldRoot, stdio: 'inherit' });
}

interface Res { events_per_s: number; events_per_cpu_s: number; repeats_events_per_s: number[]; repeats_events_per_cpu_s: number[]; [k: string]: unknown }
const child = join(here, 'dist', 'bench', 'child.js');
function runOne(root: string, which: string): Res {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', child, root, which], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${which} on ${root} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Res;
}

const median = (xs: number[]) => { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const sides = { old: oldRoot, new: here } as const;
const out: Record<string, unknown> = {
  date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length,
  old: { ref, sha }, new: { sha: headSha, working_tree_changes: dirty, ...(newEngine ? { plating_engine: newEngine } : {}) }, rounds,
};
const separate = args.includes('--separate');
const pairs = Number(opt('--pairs', '15'));
for (const which of only) {
  if (which !== 'film' && !separate) {
    // diffusion and plating: both builds in one process, windows alternating (bench/interleave.ts)
    const r = spawnSync(process.execPath, ['--max-old-space-size=6144', join(here, 'dist', 'bench', 'interleave.js'), oldRoot, here, which, String(pairs), ...(newEngine && which === 'plating' ? [JSON.stringify(newEngine)] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`interleaved ${which} failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout) as { old: { events_per_s: number; events_per_cpu_s: number }; new: { events_per_s: number; events_per_cpu_s: number }; ratio_new_over_old_wall: { geometric_mean: number; lo95: number; hi95: number }; ratio_new_over_old_cpu: { geometric_mean: number; lo95: number; hi95: number } };
    out[which] = { mode: 'interleaved windows in one process', ...res };
    const f = (x: number) => Math.round(x).toLocaleString('en');
    const rr = (x: { geometric_mean: number; lo95: number; hi95: number }) => `${x.geometric_mean.toFixed(3)} [${x.lo95.toFixed(3)}, ${x.hi95.toFixed(3)}]`;
    process.stderr.write(`${which}: old ${f(res.old.events_per_s)} / ${f(res.old.events_per_cpu_s)}  new ${f(res.new.events_per_s)} / ${f(res.new.events_per_cpu_s)}  (wall / CPU events/s, medians of ${pairs} windows)  new/old ${rr(res.ratio_new_over_old_wall)} wall, ${rr(res.ratio_new_over_old_cpu)} CPU\n`);
    const h = (res as { hop_equivalent?: { old: { per_cpu_s: number }; new: { per_cpu_s: number }; ratio_new_over_old: typeof res.ratio_new_over_old_cpu } }).hop_equivalent;
    if (h) process.stderr.write(`${which}: hop-equivalent events per CPU s (events + the expected hops of first-passage exits): old ${f(h.old.per_cpu_s)}  new ${f(h.new.per_cpu_s)}  new/old ${rr(h.ratio_new_over_old)}\n`);
    continue;
  }
  const n = which === 'film' ? filmRounds : rounds;
  const runs: Record<'old' | 'new', Res[]> = { old: [], new: [] };
  for (let k = 0; k < n; k++) {
    const order: ('old' | 'new')[] = k % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
    for (const s of order) {
      const r = runOne(sides[s], which);
      runs[s].push(r);
      process.stderr.write(`${which} round ${k + 1} ${s}: ${Math.round(r.events_per_s).toLocaleString('en')} events/s wall, ${Math.round(r.events_per_cpu_s).toLocaleString('en')} per CPU s\n`);
    }
  }
  const summary = (rs: Res[]) => ({
    events_per_s: median(rs.flatMap((r) => r.repeats_events_per_s)),
    events_per_cpu_s: median(rs.flatMap((r) => r.repeats_events_per_cpu_s)),
    round_medians_wall: rs.map((r) => r.events_per_s),
    round_medians_cpu: rs.map((r) => r.events_per_cpu_s),
    windows_wall: rs.flatMap((r) => r.repeats_events_per_s),
    windows_cpu: rs.flatMap((r) => r.repeats_events_per_cpu_s),
    ...(which === 'film' ? { runs: rs } : {}),
  });
  const o = summary(runs.old), nw = summary(runs.new);
  const ratioWall = nw.events_per_s / o.events_per_s, ratioCpu = nw.events_per_cpu_s / o.events_per_cpu_s;
  out[which] = { old: o, new: nw, ratio_new_over_old_wall: ratioWall, ratio_new_over_old_cpu: ratioCpu };
  process.stderr.write(`${which}: old ${Math.round(o.events_per_s).toLocaleString('en')} / ${Math.round(o.events_per_cpu_s).toLocaleString('en')}  new ${Math.round(nw.events_per_s).toLocaleString('en')} / ${Math.round(nw.events_per_cpu_s).toLocaleString('en')}  (wall / CPU events/s)  new/old ${ratioWall.toFixed(3)} wall, ${ratioCpu.toFixed(3)} CPU\n`);
}
const file = resolve(here, outFile);
writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
process.stderr.write(`written ${file}\n`);
