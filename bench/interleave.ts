/**
 * Two builds in one process, window by window (bench/compare.ts starts this):
 *   node dist/bench/interleave.js <old root> <new root> diffusion|plating [pairs] [new build's engine switches, JSON]
 *
 * Both builds' modules are imported side by side (separate module instances, each JIT-compiled on
 * its own); each build gets its own app with the benchmark's settings (src/bench/engine.ts:
 * diffusion 100^3 bond counting; plating 128 x 128 x 64 Li on a graphene-like host at 1 mA/cm2),
 * both are warmed up, then windows alternate old, new, new, old, ... so that both see the same
 * load of this shared machine, within seconds. Each window is timed on the wall clock and in
 * process CPU time. Reported: medians per build, and the paired ratio new/old (geometric mean of
 * the per-pair ratios with its 95 % interval from the t distribution of the log ratios).
 * Plating also: hop-equivalent events per CPU s (events + the expected hops the window's
 * first-passage exits stand for, apps/lone-adatoms.ts stats.hopsReplaced, read at the window's end;
 * a build without first-passage counts its events) and kMC seconds per CPU s, with the same ratios.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { meanInterval } from '../src/stats/interval.js';

const [oldRoot, newRoot, which, pairsArg, newEngineArg] = process.argv.slice(2);
/** plating: engine switches of the new build's Simulation (e.g. {"adatoms":"exact"}: hop by hop), none for the old */
const newEngine = newEngineArg ? JSON.parse(newEngineArg) as Record<string, string> : undefined;
if (!oldRoot || !newRoot || !which) { process.stderr.write('usage: node dist/bench/interleave.js <old root> <new root> diffusion|plating [pairs]\n'); process.exit(2); }
const pairs = Number(pairsArg ?? 15);
const mod = async (root: string, p: string) => import(pathToFileURL(join(root, 'dist', 'src', p)).href) as Promise<Record<string, unknown>>;

/** runs `n` events of one build's benchmark, returns the events done (and, plating, the window's first-passage hops and kMC seconds) */
type Runner = (n: number) => number;
/** plating: first-passage hops stood for and kMC time, read with the end-of-window mark */
interface Work { hops: number; kmc: number }

async function makeRunner(root: string, engine?: Record<string, string>): Promise<{ run: Runner; window: number }> {
  if (which === 'diffusion') {
    const { DiffusionApp } = await mod(root, 'apps/diffusion.js') as { DiffusionApp: new (o: unknown) => { run(n: number): number } };
    const app = new DiffusionApp({ size: 100, seed: 1, mode: 'bond', E0_eV: 0.1, Eb_eV: 0.05, kT_eV: 0.0257 });
    return { run: (n) => app.run(n), window: 1_000_000 };
  }
  const { Simulation } = await mod(root, 'simulation/simulation.js') as { Simulation: new (r: unknown, c?: unknown) => { steps: unknown[]; events: number; kmcTime: number; app: { lone?: { stats: { hopsReplaced: number } } | null }; runStep(s: unknown, o: unknown): unknown } };
  const { platingBenchRun } = await mod(root, 'bench/engine.js') as { platingBenchRun: (size: number[], seed: number) => unknown };
  const sim = new Simulation(platingBenchRun([128, 128, 64], 1), engine ? { engine } : undefined);
  return {
    run: (n) => {
      // one step cut at n events; the closing morphology pass of the step is not timed (see benchPlating)
      const e0 = sim.events;
      const work = (): Work => ({ hops: sim.app.lone?.stats.hopsReplaced ?? 0, kmc: sim.kmcTime });
      const w0 = work();
      let t: Mark | undefined, w1: Work | undefined;
      sim.runStep(sim.steps[0], { eventLimit: e0 + n + 1, chunk: n, onProgress: () => { t = mark(); w1 = work(); } });
      pending = t;
      w1 ??= work();
      lastWork = { hops: w1.hops - w0.hops, kmc: w1.kmc - w0.kmc };
      return n;
    },
    window: 500_000,
  };
}

interface Mark { wall: number; cpu: number }
const mark = (): Mark => { const c = process.cpuUsage(); return { wall: performance.now() / 1000, cpu: (c.user + c.system) / 1e6 }; };
/** plating: the end-of-window mark taken inside the step (before its closing analysis) */
let pending: Mark | undefined;
let lastWork: Work | undefined;

const sides = { old: await makeRunner(oldRoot), new: await makeRunner(newRoot, newEngine) };
const W = sides.new.window;
// warm-up: two windows each
for (const s of ['old', 'new', 'old', 'new'] as const) sides[s].run(W);
const side = () => ({ wall: [] as number[], cpu: [] as number[], heq_cpu: [] as number[], kmc_cpu: [] as number[] });
const res = { old: side(), new: side() };
for (let k = 0; k < pairs; k++) {
  const order = k % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const);
  for (const s of order) {
    pending = undefined; lastWork = undefined;
    const a = mark();
    const n = sides[s].run(W);
    const b = pending ?? mark();
    res[s].wall.push(n / (b.wall - a.wall));
    res[s].cpu.push(n / (b.cpu - a.cpu));
    const lw = lastWork as Work | undefined; // set by the plating runner (TypeScript does not see the callback)
    if (lw) { res[s].heq_cpu.push((n + lw.hops) / (b.cpu - a.cpu)); res[s].kmc_cpu.push(lw.kmc / (b.cpu - a.cpu)); }
  }
}
const median = (xs: number[]) => { const s = xs.slice().sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const ratio = (k: 'wall' | 'cpu' | 'heq_cpu' | 'kmc_cpu') => {
  const iv = meanInterval(res.new[k].map((v, i) => Math.log(v / res.old[k][i]!)));
  return { geometric_mean: Math.exp(iv.mean), lo95: Math.exp(iv.lo), hi95: Math.exp(iv.hi) };
};
process.stdout.write(JSON.stringify({
  app: which, pairs, window_events: W, ...(newEngine ? { new_engine: newEngine } : {}),
  old: { events_per_s: median(res.old.wall), events_per_cpu_s: median(res.old.cpu), windows_wall: res.old.wall, windows_cpu: res.old.cpu },
  new: { events_per_s: median(res.new.wall), events_per_cpu_s: median(res.new.cpu), windows_wall: res.new.wall, windows_cpu: res.new.cpu },
  ratio_new_over_old_wall: ratio('wall'), ratio_new_over_old_cpu: ratio('cpu'),
  ...(which === 'plating' ? {
    hop_equivalent: {
      note: 'events + the expected hops the first-passage exits of the window stand for (a build without first-passage: its events), per CPU s',
      old: { per_cpu_s: median(res.old.heq_cpu), windows: res.old.heq_cpu }, new: { per_cpu_s: median(res.new.heq_cpu), windows: res.new.heq_cpu },
      ratio_new_over_old: ratio('heq_cpu'),
    },
    kmc_s_per_cpu_s: { old: median(res.old.kmc_cpu), new: median(res.new.kmc_cpu), ratio_new_over_old: ratio('kmc_cpu') },
  } : {}),
}) + '\n');
