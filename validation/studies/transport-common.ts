/**
 * Shared set-up of the transport studies (issue 9, must show 3, 4 and 6): Li on Cu, 100 nm voxels,
 * 16 x 16 x 64, 1 M LiPF6 in EC/DMC (Valoen-Reimers set), diffusion layer 50 um (limiting current
 * F D c0 / ((1 - t+) L) = 100 mA/cm2), field cells = voxels, surface diffusion off (hop attempt
 * frequency 1/s) so that growth is set by transport and kinetics alone.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { computeMetrics, type Metrics } from '../../src/simulation/report.js';

export const F = 96485.33212;

export function transportRun(protocol: string[], seed: number, opts: { field?: boolean; stopAtSand?: boolean; size?: [number, number, number]; layer?: string } = {}): { metrics: Metrics; sim: Simulation } {
  const field = opts.field ?? true;
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: opts.size ?? [16, 16, 64], voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
    ...(field ? { electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: opts.layer ?? '50 um', field_cell: '100 nm', ...(opts.stopAtSand ? { stop_at_sand: true } : {}) } } : {}),
    protocol, seed, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  sim.runAll();
  return { metrics: computeMetrics(sim), sim };
}

export const fmt = (x: number, d = 3) => Number(x.toPrecision(d));
