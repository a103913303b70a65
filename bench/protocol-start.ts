/**
 * Two builds on one run file from the CLI, alternated (issue 11, sixteenth round): what a user's run costs, the
 * app's construction included (bench/film-interleave.ts starts its windows after `new Simulation`, so it does not
 * see the construction).
 *
 *   node dist/bench/protocol-start.js <old root> <new root> [--input <run file>] [--pairs 3] [--builds 3] [--out <file>]
 *
 * Per pair: `new Simulation(run)` alone in a fresh process of each build (`--builds` times, alternated: the CPU
 * seconds of the construction, process.cpuUsage around it), then `sacplate simulate <run file> --no-store
 * --no-figures --json` of each build under GNU time (bench/process-time.ts: user + system CPU s of the process and its
 * worker thread), old first in odd pairs, new first in even ones. Reported per run: CPU s, wall s, events, deposited
 * voxels, sha256 of final.vti (the lattice at the end) and of metrics.json without its wall-clock fields; the ratio
 * old/new of CPU s per pair and over the pairs (geometric mean and 95 % interval); load averages beside them. Default
 * run file: the 100 nm standard protocol cut to 0.3 mAh/cm2 (examples/standard-protocol-100nm.yaml with its Plate step
 * at 0.3 mAh/cm2), written to a scratch directory.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { meanInterval } from '../src/stats/interval.js';
import { timedSpawn, requireTime } from './process-time.js';

const here = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const pairs = Number(opt('--pairs') ?? 3);
const builds = Number(opt('--builds') ?? 3);
const outFile = opt('--out');
const scratch = mkdtempSync(join(tmpdir(), 'sacplate-protocol-start-'));
let input = opt('--input');
if (input === undefined) {
  const text = readFileSync(join(here, 'examples', 'standard-protocol-100nm.yaml'), 'utf8').replace('Plate 3 mAh/cm2 at 3 mA/cm2', 'Plate 0.3 mAh/cm2 at 3 mA/cm2');
  if (!text.includes('Plate 0.3 mAh/cm2')) throw new Error('examples/standard-protocol-100nm.yaml: its Plate step was not found');
  input = join(scratch, 'standard-protocol-100nm-0.3mAh.yaml');
  writeFileSync(input, text);
}
const [oldRoot, newRoot] = args.map((r) => resolve(r));
if (!oldRoot || !newRoot) { process.stderr.write('usage: node dist/bench/protocol-start.js <old root> <new root> [--input <run file>] [--pairs N] [--builds N] [--out file]\n'); process.exit(2); }
requireTime();

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const git = (root: string) => { try { return execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };

/** CPU s of `new Simulation(run)` in a fresh process of the build at root */
function build(root: string): number {
  const script = `const { Simulation } = await import(${JSON.stringify(join(root, 'dist', 'src', 'simulation', 'simulation.js'))});
const { parseRunInput } = await import(${JSON.stringify(join(root, 'dist', 'src', 'input', 'parse.js'))});
const { parse } = await import('yaml');
const { readFileSync } = await import('node:fs');
const run = parseRunInput(parse(readFileSync(${JSON.stringify(input)}, 'utf8')));
const t0 = process.cpuUsage();
new Simulation(run, {});
const c = process.cpuUsage(t0);
process.stdout.write(String((c.user + c.system) / 1e6));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8', maxBuffer: 1 << 20 });
  return Number(out);
}

interface Run { cpu_s: number; wall_s: number; events: number; deposited_voxels: number; final_vti: string; metrics: string; load: [number, number] }
function simulate(root: string, tag: string): Run {
  const out = join(scratch, tag);
  const l0 = loadavg()[0]!;
  const t = timedSpawn(process.execPath, [join(root, 'bin', 'sacplate.js'), 'simulate', input!, '--out', out, '--no-store', '--no-figures', '--json'], { cwd: root, maxBuffer: 1 << 26 });
  if (t.status !== 0) throw new Error(`${root}: simulate failed: ${t.stderr.slice(-2000)}`);
  const j = JSON.parse(t.stdout) as { events: number; deposited_voxels: number };
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown>;
  for (const k of Object.keys(metrics)) if (/wall|per_s/.test(k)) delete metrics[k];
  const r: Run = { cpu_s: t.cpu_s!, wall_s: t.wall_s, events: j.events, deposited_voxels: j.deposited_voxels, final_vti: sha(readFileSync(join(out, 'final.vti'))), metrics: sha(JSON.stringify(metrics)), load: [l0, loadavg()[0]!] };
  rmSync(out, { recursive: true, force: true });
  return r;
}

const load0 = loadavg();
const rows: { pair: number; old_build_cpu_s: number[]; new_build_cpu_s: number[]; old: Run; new: Run }[] = [];
for (let p = 0; p < pairs; p++) {
  const ob: number[] = [], nb: number[] = [];
  for (let b = 0; b < builds; b++) { ob.push(build(oldRoot)); nb.push(build(newRoot)); }
  let o: Run, n: Run;
  if (p % 2 === 0) { o = simulate(oldRoot, `old-${p}`); n = simulate(newRoot, `new-${p}`); }
  else { n = simulate(newRoot, `new-${p}`); o = simulate(oldRoot, `old-${p}`); }
  rows.push({ pair: p + 1, old_build_cpu_s: ob, new_build_cpu_s: nb, old: o, new: n });
  process.stderr.write(`pair ${p + 1}: build ${ob.map((x) => x.toFixed(3)).join('/')} -> ${nb.map((x) => x.toFixed(3)).join('/')} CPU s; run ${o.cpu_s.toFixed(2)} -> ${n.cpu_s.toFixed(2)} CPU s; lattice ${o.final_vti === n.final_vti ? 'same' : 'DIFFERS'}\n`);
}
const load1 = loadavg();
const ratio = (xs: number[]) => { const iv = xs.length >= 2 ? meanInterval(xs.map(Math.log)) : null; return iv ? { geometric_mean: Math.exp(iv.mean), lo95: Math.exp(iv.lo), hi95: Math.exp(iv.hi), n: xs.length } : null; };
const result = {
  date: new Date().toISOString(), node: process.version, input, load_average_start: load0, load_average_end: load1,
  old: { root: oldRoot, sha: git(oldRoot) }, new: { root: newRoot, sha: git(newRoot) },
  same_trajectory: rows.every((r) => r.old.final_vti === r.new.final_vti && r.old.metrics === r.new.metrics && r.old.events === r.new.events),
  // old / new: above 1 when the new build takes less CPU
  run_cpu_old_over_new: ratio(rows.map((r) => r.old.cpu_s / r.new.cpu_s)),
  build_cpu_old_over_new: ratio(rows.flatMap((r) => r.old_build_cpu_s.map((x, i) => x / r.new_build_cpu_s[i]!))),
  rows,
};
rmSync(scratch, { recursive: true, force: true });
const text = JSON.stringify(result, null, 2) + '\n';
if (outFile) writeFileSync(resolve(here, outFile), text);
process.stdout.write(text);
