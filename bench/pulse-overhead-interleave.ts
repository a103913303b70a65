/**
 * Before/after of the pulse train of bench/pulse-overhead.ts with both builds in one process
 * (separate module instances, each JIT-compiled on its own), after two warm-up runs each, runs
 * alternating old, new, new, old, ... so that both see the same load within seconds:
 *   node dist/bench/pulse-overhead-interleave.js <old root> <new root> [pairs] > out.json
 * Each run is a fresh Simulation of the same seed; CPU (process.cpuUsage) of `runAll`. Reported:
 * CPU seconds of every run, medians, and the paired ratio new/old (geometric mean of the per-pair
 * ratios with its 95 % interval from the t distribution of the log ratios); the events and a hash
 * of each build's trace and lattice (they must agree).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { createHash } from 'node:crypto';
import { meanInterval } from '../src/stats/interval.js';

const [oldRoot, newRoot, pairsArg] = process.argv.slice(2);
if (!oldRoot || !newRoot) { process.stderr.write('usage: node dist/bench/pulse-overhead-interleave.js <old root> <new root> [pairs]\n'); process.exit(2); }
const pairs = Number(pairsArg ?? 10);
/** the train of bench/pulse-overhead.ts (its PULSE; that file runs on import) */
const PULSE = 'Pulse at 600 mA/cm2 for 0.1 ms, rest 0.1 ms, 0.005 mAh/cm2';
const mod = async (root: string, p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;
const sha = (x: unknown) => createHash('sha256').update(x instanceof Uint8Array ? x : JSON.stringify(x)).digest('hex').slice(0, 16);

interface Sim { runAll(): void; events: number; trace: unknown; app: { code: Uint8Array } }
async function runner(root: string): Promise<() => { cpu_s: number; events: number; hash: string }> {
  const { parseRunInput } = await mod(root, 'input/parse.js') as { parseRunInput: (x: unknown) => unknown };
  const { Simulation } = await mod(root, 'simulation/simulation.js') as { Simulation: new (r: unknown) => Sim };
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [24, 24, 32], voxel: '10 nm' }, host: 'Cu',
    protocol: [PULSE], seed: 7, output: { snapshots: false },
  });
  return () => {
    const sim = new Simulation(run);
    const c0 = process.cpuUsage();
    sim.runAll();
    const c = process.cpuUsage(c0);
    return { cpu_s: (c.user + c.system) / 1e6, events: sim.events, hash: sha([sha(sim.trace), sha(sim.app.code)]) };
  };
}
const runOld = await runner(oldRoot), runNew = await runner(newRoot);
for (let w = 0; w < 2; w++) { runOld(); runNew(); }
const cpu = { old: [] as number[], new: [] as number[] }, seen = new Set<string>();
const load = [loadavg()[0]!];
for (let p = 0; p < pairs; p++) {
  for (const b of p % 2 === 0 ? ['old', 'new'] as const : ['new', 'old'] as const) {
    const r = (b === 'old' ? runOld : runNew)();
    cpu[b].push(r.cpu_s); seen.add(`${r.events} ${r.hash}`);
  }
  load.push(loadavg()[0]!);
}
const iv = meanInterval(cpu.new.map((v, i) => Math.log(v / cpu.old[i]!)));
const median = (x: number[]) => { const s = [...x].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
process.stdout.write(JSON.stringify({
  what: `pulse train (${PULSE}, Li on Cu, 24 x 24 x 32 voxels of 10 nm, seed 7), CPU s of runAll, both builds in one process, warm, alternating`,
  old: oldRoot, new: newRoot, pairs, loadavg_1min: load,
  same_trajectory: seen.size === 1, runs: [...seen],
  cpu_s: cpu, median_s: { old: median(cpu.old), new: median(cpu.new) },
  ratio_new_over_old: { ratio: Math.exp(iv.mean), lo: Math.exp(iv.lo), hi: Math.exp(iv.hi) },
}, null, 1) + '\n');
