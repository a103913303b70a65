/**
 * Film-growth benchmark (issue 9): Li on Cu, 50 nm voxels, 5 um x 5 um (100 x 100 columns),
 * 0.3 mAh/cm2 at 3 mA/cm2: about 29 voxel layers, a real growing film (nucleation, coalescence,
 * thickening), not the sparse-adatom stage of the plating benchmark. Reported: events, events per
 * deposited voxel, deposited voxels per CPU second, events per second (median of timed windows,
 * wall clock; and the whole run over its CPU time).
 *
 * The run goes through the public input path (parseRunInput: the Li and Cu parameter sets of the
 * build being measured), so the same function times any build: bench/compare.ts passes another
 * build's Simulation and parseRunInput.
 */
import { Simulation } from '../simulation/simulation.js';
import { parseRunInput } from '../input/parse.js';

/** The run file of the benchmark (the keys of a YAML run file). */
export function filmRunInput(): Record<string, unknown> {
  return {
    metal: 'Li', temperature: '25 degC', host: 'Cu',
    lattice: { size: [100, 100, 80], voxel: '50 nm' },
    protocol: ['Plate 0.3 mAh/cm2 at 3 mA/cm2'],
    seed: 1, output: { snapshots: false },
  };
}

export interface FilmBenchResult {
  app: 'film';
  size: number[];
  ended: string;
  events: number;
  deposited_voxels: number;
  events_per_deposited_voxel: number;
  deposited_voxels_per_cpu_s: number;
  /** median over windows of `window` events, wall clock */
  events_per_s: number;
  /** median over the same windows, process CPU time (user + system) */
  events_per_cpu_s: number;
  /** all events over the CPU time of the whole run */
  events_per_cpu_s_whole_run: number;
  repeats_events_per_cpu_s: number[];
  wall_s: number;
  cpu_s: number;
  repeats_events_per_s: number[];
  mean_height_nm: number;
  rms_roughness_nm: number;
  porosity: number;
  reductions: number;
  oxidations: number;
  hops: number;
  node: string;
  note: string;
}

interface SimLike {
  runAll(o: { chunk?: number; onProgress?: (p: { events: number }) => void }): void;
  events: number;
  netVoxels: number;
  stepResults: { ended: string; mean_height_nm: number; rms_roughness_nm: number; porosity: number }[];
  app: { counters: { reductions: number; oxidations: number; hops: number } };
}

/** Times the film-growth run with the given build's classes (default: this build's). */
export function benchFilmWith(
  SimulationClass: new (run: never) => SimLike,
  parse: (input: Record<string, unknown>) => unknown,
  window = 1_000_000,
): FilmBenchResult {
  const input = filmRunInput();
  const sim = new SimulationClass(parse(input) as never);
  const marks: { t: number; cpu: number; events: number }[] = [];
  const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  marks.push({ t: t0, cpu: cpuNow(), events: 0 });
  sim.runAll({ chunk: window, onProgress: (p) => marks.push({ t: performance.now(), cpu: cpuNow(), events: p.events }) });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  // the first window holds the JIT warm-up: left out of the median
  const rates: number[] = [], cpuRates: number[] = [];
  for (let k = 2; k < marks.length; k++) {
    const d = marks[k]!.events - marks[k - 1]!.events;
    rates.push(d / ((marks[k]!.t - marks[k - 1]!.t) / 1000));
    cpuRates.push(d / (marks[k]!.cpu - marks[k - 1]!.cpu));
  }
  const r = sim.stepResults[sim.stepResults.length - 1]!;
  const dep = sim.netVoxels;
  return {
    app: 'film', size: (input.lattice as { size: number[] }).size, ended: r.ended,
    events: sim.events, deposited_voxels: dep, events_per_deposited_voxel: sim.events / dep,
    deposited_voxels_per_cpu_s: dep / cpu, events_per_s: median(rates), events_per_cpu_s: median(cpuRates),
    events_per_cpu_s_whole_run: sim.events / cpu,
    wall_s: wall, cpu_s: cpu, repeats_events_per_s: rates, repeats_events_per_cpu_s: cpuRates,
    mean_height_nm: r.mean_height_nm, rms_roughness_nm: r.rms_roughness_nm, porosity: r.porosity,
    reductions: sim.app.counters.reductions, oxidations: sim.app.counters.oxidations, hops: sim.app.counters.hops,
    node: process.version,
    note: 'Li on Cu (parameter sets of the build), 50 nm voxels, 100 x 100 x 80, Plate 0.3 mAh/cm2 at 3 mA/cm2, seed 1; events_per_s / events_per_cpu_s: medians of 1e6-event windows after the first, wall clock / process CPU time; deposited_voxels_per_cpu_s and events_per_cpu_s_whole_run: the whole run over its CPU time',
  };
}

export function benchFilm(window = 1_000_000): FilmBenchResult {
  return benchFilmWith(Simulation as unknown as new (run: never) => SimLike, (i) => parseRunInput(i), window);
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
