/**
 * Engine benchmarks: events per second, wall time and memory of the reference diffusion app
 * and of the plating app (MODEL.md; issue 2 "Speed"). Figures are measured, never assumed.
 */
import { DiffusionApp } from '../apps/diffusion.js';
import { Simulation } from '../simulation/simulation.js';
import type { ResolvedRun } from '../input/types.js';
import { InputError } from '../errors.js';
import { MAX_RUN_VOXELS } from '../kmc/lattice.js';

/** What the apps hold (the plating app's voxel index has 30 bits; 2^30 bytes per byte column). */
export const MAX_BENCH_SITES = 2 ** 30;

export interface BenchResult {
  app: 'diffusion' | 'plating';
  size: number[];
  sites: number;
  events: number;
  wall_s: number;
  events_per_s: number;
  rss_bytes: number;
  /** bytes held by the app's typed arrays per lattice site */
  app_bytes_per_site: number;
  /** for plating: active (surface) voxels with events at the end, and bytes of event tables per active voxel */
  active_sites?: number;
  event_bytes_per_active_site?: number;
  setup_s: number;
  /** plating: wall time of closing the step (morphology over every voxel), paid once per protocol step */
  step_end_s?: number;
  /** events/s of each timed window (events_per_s is their median: this machine's speed varies by tens of % between runs) */
  repeats_events_per_s?: number[];
  /**
   * plating, the same windows timed in process CPU time (medians over the windows; each window's
   * counters are read at its end, outside the engine's loop):
   * events per CPU s; first-passage exits per CPU s (a lone adatom leaving its square domain in one
   * drawn exit: not counted as an event); the expected hops those exits stand for (apps/lone-adatoms.ts
   * stats.hopsReplaced: 4 k T summed over exits, T the drawn exit time; its mean is the mean hop count
   * of the walk up to its exit, by Wald's identity); hop-equivalent events per CPU s (events + those
   * hops: the hop-by-hop work the window stands for; domains resolved early, before their exit, are
   * not counted, so it is a lower bound); kMC seconds simulated per CPU s
   */
  events_per_cpu_s?: number;
  first_passage_exits_per_cpu_s?: number;
  first_passage_hops_per_exit?: number;
  hop_equivalent_events_per_cpu_s?: number;
  kmc_s_per_cpu_s?: number;
  /** per window: events, first-passage exits, their expected hops, domains resolved early, kMC seconds, CPU s, wall s */
  windows?: { events: number; exits: number; hops_replaced: number; resolved: number; kmc_s: number; cpu_s: number; wall_s: number }[];
  node: string;
  note: string;
}

export function benchDiffusion(L: number, events: number, seed = 1, repeats = 3): BenchResult {
  if (!(L ** 3 <= MAX_BENCH_SITES)) throw new InputError('--size', L, `an edge up to ${Math.floor(Math.cbrt(MAX_BENCH_SITES))} (at most 2^30 sites; got ${(L ** 3).toExponential(2)})`);
  const t0 = performance.now();
  const app = new DiffusionApp({ size: L, seed, mode: 'bond', E0_eV: 0.1, Eb_eV: 0.05, kT_eV: 0.0257 });
  const t1 = performance.now();
  app.run(Math.min(events, 100_000)); // warm-up (JIT), not timed
  const rates: number[] = [];
  let done = 0, wall = 0;
  for (let k = 0; k < repeats; k++) {
    const t2 = performance.now();
    const d = app.run(events);
    const w = (performance.now() - t2) / 1000;
    rates.push(d / w); done += d; wall += w;
  }
  return {
    app: 'diffusion', size: [L, L, L], sites: L ** 3, events: done, wall_s: wall, events_per_s: median(rates),
    rss_bytes: process.memoryUsage().rss, app_bytes_per_site: app.bytes() / L ** 3, setup_s: (t1 - t0) / 1000,
    repeats_events_per_s: rates, node: process.version,
    note: 'simple cubic, periodic, 50 % occupancy, bond counting nu exp(-(E0 + n Eb)/kT), E0 0.10 eV, Eb 0.05 eV, kT 0.0257 eV; median of the timed windows',
  };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A plating run on a graphene-like host, Li parameters, 10 nm voxels, plating at 1 mA/cm2. */
export function platingBenchRun(size: [number, number, number], seed = 1): ResolvedRun {
  return {
    metal: {
      name: 'Li', z: 1, molarMass_g_per_mol: 6.94, atomicVolume_m3: 21.25e-30, atomicSpacing_m: 0.30e-9,
      i0_A_per_m2: 10, alpha: 0.5, bond_eV: 0.10, terraceBarrier_eV: 0.10, lateralBond_eV: 0.10, schwoebel_eV: 0.05, nu_per_s: 1e13,
    },
    temperature_K: 298.15,
    lattice: { size, voxel_m: 10e-9, mode: 'mesoscale', hostLayers: 1 },
    host: { name: 'graphene', conducting: true, binding_eV: 0.06, redShift_eV: 0, terraceBarrier_eV: 0.10 },
    sacs: [],
    protocol: [{ kind: 'plate', control: 'galvanostatic', current_A_per_m2: 10, charge_C_per_m2: 1e9, text: 'Plate 1e9 C/m2 at 1 mA/cm2 (stopped by the event limit)' }],
    seed,
    electrochem: { doubleLayer_F_per_m2: 0, ohmic_Ohm_m2: 0 },
    output: { sample_C_per_m2: 1, snapshots: false },
  };
}

export function benchPlating(size: [number, number, number], events: number, seed = 1, repeats = 3): BenchResult {
  if (!(size[0] * size[1] * size[2] <= MAX_RUN_VOXELS)) throw new InputError('--size', size.join('x'), `a lattice of at most 2^30 - 1 = ${MAX_RUN_VOXELS} voxels (got ${size[0] * size[1] * size[2]})`);
  const t0 = performance.now();
  const sim = new Simulation(platingBenchRun(size, seed));
  const t1 = performance.now();
  // One step cut into windows of `events` events by the progress callback, so that the timed
  // windows hold events only (a step's end computes morphology over every voxel: O(lattice), once
  // per protocol step, not per event). The first window (at least 200k events) is the JIT warm-up.
  const warm = Math.max(events, 200_000);
  // each mark reads the counters at a window's end (the progress callback, outside the event loop)
  const mark = (events: number) => {
    const c = process.cpuUsage(), lone = sim.app.lone?.stats;
    return { t: performance.now(), cpu: (c.user + c.system) / 1e6, events, exits: lone?.exits ?? 0, hops: lone?.hopsReplaced ?? 0, resolved: lone?.resolved ?? 0, kmc: sim.kmcTime };
  };
  const marks: ReturnType<typeof mark>[] = [];
  sim.runStep(sim.steps[0]!, { eventLimit: warm });
  const e0 = sim.events;
  marks.push(mark(e0));
  sim.runStep(sim.steps[0]!, {
    eventLimit: e0 + repeats * events + 1, // + 1: the last window's mark comes before the limit ends the step
    chunk: events,
    onProgress: (p) => marks.push(mark(p.events)),
  });
  const stepEnd_s = (performance.now() - marks[marks.length - 1]!.t) / 1000;
  const rates: number[] = [];
  const windows: NonNullable<BenchResult['windows']> = [];
  let done = 0, wall = 0;
  for (let k = 1; k < marks.length; k++) {
    const a = marks[k - 1]!, b = marks[k]!;
    const d = b.events - a.events, w = (b.t - a.t) / 1000;
    rates.push(d / w); done += d; wall += w;
    windows.push({ events: d, exits: b.exits - a.exits, hops_replaced: b.hops - a.hops, resolved: b.resolved - a.resolved, kmc_s: b.kmc - a.kmc, cpu_s: b.cpu - a.cpu, wall_s: w });
  }
  const perCpu = (f: (w: (typeof windows)[number]) => number) => median(windows.map((w) => f(w) / w.cpu_s));
  const exits = windows.reduce((s, w) => s + w.exits, 0);
  const sites = size[0] * size[1] * size[2];
  const app = sim.app;
  const perVoxel = app.code.byteLength + app.nbs.byteLength;
  const eventBytes = app.solver.bytes() + app.slots.bytes();
  return {
    app: 'plating', size, sites, events: done, wall_s: wall, events_per_s: median(rates),
    rss_bytes: process.memoryUsage().rss, app_bytes_per_site: perVoxel / sites,
    active_sites: app.slots.size, event_bytes_per_active_site: eventBytes / Math.max(1, app.slots.size),
    setup_s: (t1 - t0) / 1000, step_end_s: stepEnd_s, repeats_events_per_s: rates,
    events_per_cpu_s: perCpu((w) => w.events), first_passage_exits_per_cpu_s: perCpu((w) => w.exits),
    first_passage_hops_per_exit: exits > 0 ? windows.reduce((s, w) => s + w.hops_replaced, 0) / exits : 0,
    hop_equivalent_events_per_cpu_s: perCpu((w) => w.events + w.hops_replaced), kmc_s_per_cpu_s: perCpu((w) => w.kmc_s),
    windows, node: process.version,
    note: 'Li on a graphene-like host, 10 nm voxels (mesoscale), 1 mA/cm2 galvanostatic, connectivity on; median of timed windows of one step (events only) after a warm-up window; step_end_s: the closing analysis of the step (morphology over all voxels), once per protocol step; per CPU s: medians over the same windows in process CPU time; first-passage exits are not events: hop_equivalent_events counts each as the hops it stands for (expected, 4 k T per exit; domains resolved before their exit not counted)',
  };
}

/** The plating benchmark's figures in words, one per line (first-passage exits are not events: what each key counts). */
export function platingWorkText(p: BenchResult): string {
  const f = (x: number | undefined) => Math.round(x ?? 0).toLocaleString('en');
  return [
    `  events/s ${f(p.events_per_s)} (wall), events per CPU s ${f(p.events_per_cpu_s)}: events the engine executed (hops, reductions, ...), medians of ${p.repeats_events_per_s?.length ?? 0} windows`,
    `  first-passage exits per CPU s ${f(p.first_passage_exits_per_cpu_s)}: lone adatoms that left their square domain in one drawn exit (not counted as events)`,
    `  hops per exit ${(p.first_passage_hops_per_exit ?? 0).toFixed(2)}: the expected hops an exit stands for (4 k T summed over the exits, T the drawn exit time)`,
    `  hop-equivalent events per CPU s ${f(p.hop_equivalent_events_per_cpu_s)}: events + the hops the exits stand for (the hop-by-hop work; domains resolved before their exit not counted)`,
    `  kMC seconds per CPU s ${(p.kmc_s_per_cpu_s ?? 0).toExponential(3)}: simulated time covered per CPU second`,
  ].join('\n') + '\n';
}
