/**
 * What a run's worker thread costs to start: this tree against another built checkout (e.g. the
 * commit before the worker stopped loading the run-file parser). Two measurements, each in fresh
 * processes taken alternately in the two trees (old, new, old, new, ...) so that both see the same load:
 *   - start: the process CPU (all threads; process.cpuUsage) and wall from simulateInWorker(run) to
 *     its result, for a resolved run of 466 events (8x8x8 voxels, as bench/cli-startup.ts): the
 *     worker's start, module loading and teardown up to its last message, and a run of ~5 ms;
 *   - modules: in a fresh worker, the CPU of importing each module in turn (engine first, then the
 *     parser: each row is what that import adds to those before it).
 *   node dist/bench/worker-start.js --old <dir> [--repeats 5] [--label parser-free] [--out bench/worker-start-results.json]
 * Other agents share the machine: the load averages before and after are recorded; compare CPU, not wall.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { arg } from './args.js';

const oldDir = arg('old');
if (!oldDir || !existsSync(join(oldDir, 'dist/src/simulation/worker-run.js'))) throw new Error('--old <dir>: a built checkout (dist/) to compare with');
const repeats = Number(arg('repeats') ?? 5);
const label = arg('label') ?? 'run';
const outFile = arg('out') ?? 'bench/worker-start-results.json';
const here = resolve('.');
const headCommit = () => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim() +
  (execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').some((l) => l.trim() !== '' && !l.endsWith('-results.json')) ? '+changes' : '');
const load1 = () => Number(loadavg()[0]!.toFixed(2));

const RUN = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1 };

/** run in the tree (cwd): the run is resolved on the main thread before the clock starts */
const START = `
const d = (await import('node:url')).pathToFileURL(process.cwd() + '/dist/src/').href;
const { simulateInWorker } = await import(d + 'simulation/worker-run.js');
const { resolveInput } = await import(d + 'simulation/simulate.js');
const run = resolveInput(${JSON.stringify(RUN)});
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const c0 = cpu(), t0 = performance.now();
const r = await simulateInWorker(run).done;
console.log(JSON.stringify({ cpu_s: cpu() - c0, wall_s: (performance.now() - t0) / 1000, events: r.metrics.events }));
`;

/** the modules of the old worker's graph, engine first; a module missing from a tree is left out */
const MODULES = ['src/simulation/simulation.js', 'src/simulation/report.js', 'src/simulation/checkpoint.js', 'src/simulation/snapshots.js', 'src/plots/run.js', 'src/plots/render.js',
  'src/simulation/run-resolved.js', 'zod', 'yaml', 'src/schema-keys.js', 'src/params/registry.js', 'src/input/run-schema.js', 'src/input/parse.js', 'src/simulation/simulate.js'];
const IMPORTS = (mods: string[]) => `
const { Worker } = await import('node:worker_threads');
const d = (await import('node:url')).pathToFileURL(process.cwd() + '/dist/').href;
const mods = ${JSON.stringify(mods)}.map((m) => (m.startsWith('src/') ? d + m : m));
const body = \`
const { parentPort, workerData } = await import('node:worker_threads');
const out = [];
for (const m of workerData) {
  const c0 = process.cpuUsage();
  await import(m);
  const c = process.cpuUsage(c0);
  out.push((c.user + c.system) / 1e6);
}
parentPort.postMessage(out);\`;
// an eval'd worker resolves bare names (zod, yaml) from the cwd, the tree
const w = new Worker(body, { eval: true, workerData: mods, execArgv: [] });
w.on('message', (out) => { console.log(JSON.stringify(out)); void w.terminate(); });
`;

interface Side { name: 'old' | 'new'; dir: string }
const sides: Side[] = [{ name: 'old', dir: resolve(oldDir) }, { name: 'new', dir: here }];

// each child is a script file run in the tree (cwd): not \`node --input-type=module -e\`, whose flag the workers would inherit
const tmp = mkdtempSync(join(tmpdir(), 'sacplate-worker-start-'));
function child(s: Side, code: string): unknown {
  const file = join(tmp, 'child.mjs');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: s.dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${s.dir}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const median = (xs: number[]) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2; };
const r3 = (x: number) => Number(x.toFixed(3));

const l0 = load1();
const start: Record<string, { cpu_s: number[]; wall_s: number[]; events: number[] }> = { old: { cpu_s: [], wall_s: [], events: [] }, new: { cpu_s: [], wall_s: [], events: [] } };
for (let i = 0; i < repeats; i++) {
  for (const s of sides) {
    const r = child(s, START) as { cpu_s: number; wall_s: number; events: number };
    start[s.name]!.cpu_s.push(r3(r.cpu_s)); start[s.name]!.wall_s.push(r3(r.wall_s)); start[s.name]!.events.push(r.events);
  }
}
const l1 = load1();
const present = (s: Side) => MODULES.filter((m) => !m.startsWith('src/') || existsSync(join(s.dir, 'dist', m)));
const mods: Record<string, Record<string, number[]>> = { old: {}, new: {} };
for (let i = 0; i < repeats; i++) {
  for (const s of sides) {
    const list = present(s);
    const out = child(s, IMPORTS(list)) as number[];
    list.forEach((m, k) => (mods[s.name]![m] ??= []).push(r3(out[k]!)));
  }
}
const l2 = load1();

const summary = Object.fromEntries(sides.map((s) => [s.name, {
  start_cpu_s_median: r3(median(start[s.name]!.cpu_s)), start_wall_s_median: r3(median(start[s.name]!.wall_s)), ...start[s.name],
  import_cpu_s_median: Object.fromEntries(Object.entries(mods[s.name]!).map(([m, xs]) => [m, r3(median(xs))])),
  import_cpu_s_runs: mods[s.name],
}]));
for (const s of sides) {
  const x = summary[s.name]!;
  process.stdout.write(`${s.name}: worker start + 466-event run, CPU s median ${x.start_cpu_s_median} (${start[s.name]!.cpu_s.join(', ')}), wall s median ${x.start_wall_s_median}\n`);
  process.stdout.write(`  imports, CPU s medians: ${Object.entries(x.import_cpu_s_median).map(([m, v]) => `${m.replace(/^src\//, '')} ${v}`).join(', ')}\n`);
}
process.stdout.write(`load ${l0} -> ${l1} -> ${l2}\n`);

rmSync(tmp, { recursive: true, force: true });

const all = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, unknown>) : {};
all[label] = { date: new Date().toISOString(), commit: headCommit(), node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model, old: resolve(oldDir), repeats, order: 'old, new alternately, a fresh process each', load: { before: l0, after_start: l1, after_imports: l2 }, run: RUN, ...summary };
writeFileSync(outFile, JSON.stringify(all, null, 2) + '\n');
process.stdout.write(`wrote ${outFile} (${label})\n`);
