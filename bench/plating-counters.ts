/**
 * What the plating benchmark's events are, per build: the counters of the benchmark's run
 * (src/bench/engine.ts platingBenchRun, 128 x 128 x 64, seed 1) over one window of 1,000,000 events
 * after the benchmark's 200,000-event warm-up, and the window's process CPU time.
 *
 *   node dist/bench/plating-counters.js <build root> [engine switches, e.g. adatoms=exact,hopCarry=off] ...
 *
 * One line of JSON per call: events, hops, reductions, kMC seconds, the first-passage exits (not
 * counted as events) and the expected hops they stand for, domains opened, carried hops (the
 * twelfth round's carry path); a build without a counter leaves it out. Runs one after the other
 * (not interleaved): the CPU figures are for orientation only; bench/compare.ts gives the paired ratios.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, switches] = process.argv.slice(2);
if (!root) { process.stderr.write('usage: node dist/bench/plating-counters.js <build root> [key=value,...]\n'); process.exit(2); }
if (!existsSync(join(root, 'dist', 'src', 'simulation', 'simulation.js'))) { process.stderr.write(`build root: ${root} has no dist/src/simulation/simulation.js (expected a built sacplate tree, e.g. /tmp/sacplate-bench-<sha> from bench/compare.ts)\n`); process.exit(2); }
const bad = (switches ?? '').split(',').filter((kv) => kv !== '' && !/^[A-Za-z]+=[A-Za-z-]+$/.test(kv));
if (bad.length > 0) { process.stderr.write(`engine switches: ${bad.join(',')} is not key=value (e.g. adatoms=exact,hopCarry=off)\n`); process.exit(2); }
const mod = async (p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;
interface App { counters: Record<string, number>; carriedHops?: number; lone?: { stats: { exits: number; hopsReplaced: number; protected: number } } | null }
interface Sim { app: App; events: number; kmcTime: number; steps: unknown[]; runStep(s: unknown, o: unknown): unknown }
const { Simulation } = await mod('simulation/simulation.js') as { Simulation: new (r: unknown, c?: unknown) => Sim };
const { platingBenchRun } = await mod('bench/engine.js') as { platingBenchRun: (size: number[], seed: number) => unknown };
const engine = switches ? Object.fromEntries(switches.split(',').map((kv) => kv.split('='))) as Record<string, string> : undefined;
const sim = new Simulation(platingBenchRun([128, 128, 64], 1), engine ? { engine } : undefined);
const snap = (): Record<string, number | undefined> => {
  const c = process.cpuUsage(), app = sim.app;
  return {
    cpu_s: (c.user + c.system) / 1e6, events: sim.events, kmc_s: sim.kmcTime, ...app.counters,
    first_passage_exits: app.lone?.stats.exits, hops_replaced: app.lone?.stats.hopsReplaced, domains_opened: app.lone?.stats.protected,
    carried_hops: app.carriedHops,
  };
};
sim.runStep(sim.steps[0], { eventLimit: 200_000 });
const a = snap();
let b: Record<string, number | undefined> | undefined;
// the window's mark is taken inside the step, before its closing analysis (as benchPlating does)
sim.runStep(sim.steps[0], { eventLimit: a.events! + 1_000_000 + 1, chunk: 1_000_000, onProgress: () => { b ??= snap(); } });
b ??= snap();
const w: Record<string, number> = {};
for (const [k, v] of Object.entries(b)) if (v !== undefined) w[k] = v - (a[k] ?? 0);
process.stdout.write(JSON.stringify({
  root, engine: engine ?? 'default', window: w,
  per_cpu_s: { events: w.events! / w.cpu_s!, reductions: w.reductions! / w.cpu_s!, kmc_s: w.kmc_s! / w.cpu_s! },
}) + '\n');
