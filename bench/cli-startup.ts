/**
 * Start-up cost of the CLI: this tree against another built checkout (e.g. the commit before the
 * command modules loaded lazily). For each short command:
 *   - CPU seconds (user + sys of the whole process, /usr/bin/time) over --repeats runs, taken
 *     alternately in the two trees (old, new, old, new, ...) so that both see the same load;
 *   - the files the process loads (ours, node_modules, in all), recorded with
 *     test/helpers/loaded-modules.ts in one extra run per tree, which also checks the exit code.
 * Both trees run from a scratch folder with their own SACPLATE_DB; `lit list` reads a store that a
 * first (untimed) run has filled. Results are merged into the JSON file under a label.
 *   node dist/bench/cli-startup.js --old <dir> [--repeats 10] [--label lazy] [--out bench/cli-startup-results.json]
 * Other agents share the machine: the load averages before and after each command are recorded;
 * compare the two trees' CPU seconds, not wall.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadedFiles } from '../test/helpers/loaded-modules.js';
import { requireTime, timedSpawn } from './process-time.js';
import { arg } from './args.js';

requireTime();
const oldDir = arg('old');
if (!oldDir || !existsSync(join(oldDir, 'bin/sacplate.js'))) throw new Error('--old <dir>: a built checkout (bin/sacplate.js, dist/) to compare with');
const repeats = Number(arg('repeats') ?? 10);
const label = arg('label') ?? 'run';
const outFile = arg('out') ?? 'bench/cli-startup-results.json';
const here = resolve('.');
/** this tree's commit (with "+changes" when a tracked file other than a bench results file differs from it) */
const headCommit = () => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim() +
  (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').some((l) => l.trim() !== '' && !l.endsWith('-results.json')) ? '+changes' : '');
const hook = join(here, 'dist/test/helpers/loaded-modules.js');
const load1 = () => Number(loadavg()[0]!.toFixed(2));
const tmp = mkdtempSync(join(tmpdir(), 'sacplate-cli-startup-'));

const tiny = join(tmp, 'tiny.yaml');
// a run of a few hundred events: a slow terrace hop keeps it short (as test/cli-robust.test.ts)
writeFileSync(tiny, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.0001 mAh/cm2 at 1 mA/cm2]\nseed: 1\n');
const shared = resolve(here, '..', 'shared', 'data', 'cycler', 'FastCharge_000025_CH8.csv');

/** {work}: the tree's own scratch folder */
const CASES: { id: string; args: string[] }[] = [
  { id: '--version', args: ['--version'] },
  { id: '--help', args: ['--help'] },
  { id: 'params list', args: ['params', 'list'] },
  { id: 'lit list', args: ['lit', 'list', '--db', '{work}/lit.db'] },
  { id: 'cite (run file)', args: ['cite', join(here, 'examples/li-zn-sac.yaml')] },
  { id: 'analyze (shared batteryarchive export, fullcell)', args: ['analyze', shared, '--protocol', 'fullcell', '--no-figures', '--out', '{work}/analysis'] },
  { id: 'simulate (8x8x8, 466 events)', args: ['simulate', tiny, '--no-store', '--no-figures', '--out', '{work}/sim', '--force'] },
];

interface Side { name: 'old' | 'new'; dir: string; work: string }
const sides: Side[] = [
  { name: 'old', dir: resolve(oldDir), work: join(tmp, 'old') },
  { name: 'new', dir: here, work: join(tmp, 'new') },
];
for (const s of sides) mkdirSync(s.work, { recursive: true });

function spawnCli(s: Side, args: string[], extra: string[] = [], env: Record<string, string> = {}): { cpu_s: number; status: number | null; stderr: string } {
  const a = args.map((x) => x.replaceAll('{work}', s.work));
  // each call writes a fresh output folder: analyze refuses to write into a previous run's (since review36's folder
  // checks), which stopped the bench at its analyze call on the second repeat
  const out = a.indexOf('--out');
  if (out >= 0 && a[out + 1]) rmSync(a[out + 1]!, { recursive: true, force: true });
  const r = timedSpawn(process.execPath, [...extra, join(s.dir, 'bin/sacplate.js'), ...a], {
    cwd: s.work, maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SACPLATE_DB: join(s.work, 'default.db'), ...env },
  });
  return { cpu_s: r.cpu_s!, status: r.status, stderr: r.stderr };
}

function modules(s: Side, args: string[]): { files: number; ours: number; node_modules: number; status: number | null } {
  const list = join(tmp, `loaded-${s.name}.txt`);
  rmSync(list, { force: true });
  const r = spawnCli(s, args, ['--import', hook], { SACPLATE_LOADED_OUT: list });
  const files = loadedFiles(list);
  const ours = files.filter((f) => f.startsWith(`file://${s.dir}/`) && !f.includes('/node_modules/')).length;
  return { files: files.length, ours, node_modules: files.filter((f) => f.includes('/node_modules/')).length, status: r.status };
}

const stats = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const med = v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  return { median: Number(med.toFixed(3)), min: Number(v[0]!.toFixed(3)), max: Number(v.at(-1)!.toFixed(3)), mean: Number((v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)) };
};

const rows: Record<string, unknown>[] = [];
for (const c of CASES) {
  const l0 = load1();
  const mods = Object.fromEntries(sides.map((s) => [s.name, modules(s, c.args)]));
  for (const s of sides) if (mods[s.name]!.status !== 0) throw new Error(`${c.id} exits ${mods[s.name]!.status} in ${s.dir}`);
  const cpu: Record<string, number[]> = { old: [], new: [] };
  for (let i = 0; i < repeats; i++) {
    for (const s of sides) {
      const r = spawnCli(s, c.args);
      if (r.status !== 0) throw new Error(`${c.id} exits ${r.status} in ${s.dir}: ${r.stderr}`);
      cpu[s.name]!.push(r.cpu_s);
    }
  }
  const o = stats(cpu.old!), n = stats(cpu.new!);
  // each old run against the new run right after it: the pairs share the load of their moment
  const paired = stats(cpu.old!.map((x, i) => x - cpu.new![i]!));
  const row = { command: c.id, args: c.args, cpu_s: { old: o, new: n, old_runs: cpu.old, new_runs: cpu.new }, saved_cpu_s_median: Number((o.median - n.median).toFixed(3)), saved_cpu_s_paired: paired, modules: mods, load_before: l0, load_after: load1() };
  rows.push(row);
  process.stdout.write(`${c.id}: CPU s median old ${o.median} [${o.min}, ${o.max}], new ${n.median} [${n.min}, ${n.max}], old - new paired median ${paired.median}; files old ${mods.old!.files} (ours ${mods.old!.ours}), new ${mods.new!.files} (ours ${mods.new!.ours}); load ${l0} -> ${load1()}\n`);
}
rmSync(tmp, { recursive: true, force: true });

const all = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
all[label] = { date: new Date().toISOString(), commit: headCommit(), node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model, old: resolve(oldDir), repeats, order: 'old, new alternately, one command at a time', rows };
writeFileSync(outFile, JSON.stringify(all, null, 2) + '\n');
process.stdout.write(`wrote ${outFile} (${label})\n`);
