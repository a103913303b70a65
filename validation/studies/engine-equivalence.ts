/**
 * Shared by the studies that check an exact engine option against the reference engine
 * (engine-stepup: thinned step-ups; engine-first-passage: first-passage lone adatoms): the same
 * runs (Li on Cu, 50 nm voxels, 3 mA/cm2, the film-growth benchmark's setting in a smaller box)
 * with each engine, the statistics users read, and the equivalence claim stated before the runs:
 * the 95 % interval of the per-seed difference contains 0 and lies within +-10 % of the
 * reference mean (or within an absolute margin where one is given).
 */
import { Simulation, type SimulationConfig } from '../../src/simulation/simulation.js';
import { parseRunInput } from '../../src/input/parse.js';
import type { Metrics } from '../../src/simulation/report.js';
import { meanInterval } from '../../src/stats/interval.js';

export interface Stat { key: keyof Metrics; label: string; unit: string; abs?: number }

/** nucleation stage: 40 x 40 columns to 0.003 mAh/cm2 (about 0.3 layer) */
export const NUCLEATION_STAGE = { size: [40, 40, 12], charge: '0.003 mAh/cm2', stats: [
  { key: 'nucleus_density_per_um2', label: 'nucleus density', unit: '1/um2' },
  { key: 'peak_overpotential_mV', label: 'peak overpotential', unit: 'mV' },
] as Stat[] };

/** film: 40 x 40 columns to 0.1 mAh/cm2 (about 10 layers) */
export const FILM_STAGE = { size: [40, 40, 24], charge: '0.1 mAh/cm2', stats: [
  { key: 'rms_roughness_nm', label: 'rms roughness', unit: 'nm' },
  { key: 'max_height_nm', label: 'max height', unit: 'nm' },
  { key: 'porosity', label: 'porosity', unit: '1', abs: 0.01 },
  { key: 'plateau_overpotential_mV', label: 'plateau overpotential', unit: 'mV' },
] as Stat[] };

/** One run of Li on Cu with the given engine options, run to its end. */
export function runLiOnCu(size: number[], charge: string, seed: number, engine: SimulationConfig['engine']): Simulation {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size, voxel: '50 nm' },
    protocol: [`Plate ${charge} at 3 mA/cm2`], seed, output: { snapshots: false },
  });
  const sim = new Simulation(run, { engine });
  sim.runAll();
  return sim;
}

/** Per-seed difference b - a with its 95 % interval, both means, the margin and the equivalence verdict. */
export function equivalence(a: number[], b: number[], abs?: number): {
  d: ReturnType<typeof meanInterval>; ma: number; mb: number; margin: number; pass: boolean;
} {
  const d = meanInterval(b.map((x, i) => x - a[i]!));
  const ma = meanInterval(a).mean, mb = meanInterval(b).mean;
  const margin = abs ?? 0.1 * Math.abs(ma);
  const pass = d.lo <= 0 && d.hi >= 0 && d.lo >= -margin && d.hi <= margin;
  return { d, ma, mb, margin, pass };
}
