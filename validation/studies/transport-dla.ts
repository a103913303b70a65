/**
 * Must show 4, first half (issue 9; MODEL.md 6 and 8.1): transport-limited growth with sticking
 * probability 1 and no surface diffusion is diffusion-limited aggregation: fractal dimension 1.71
 * in 2D (Witten & Sander, PRL 47, 1400, 1981; Meakin) and 2.5 in 3D (Tolman & Meakin).
 *
 * Set-up, thin 2D slab: 64 x 4 x 96 voxels of 100 nm (the lattice needs y >= 4, periodic), Li on
 * Cu, hops off, potentiostatic at -500 mV: the per-site reduction attempt rate (k0 e^(alpha f
 * eta), about 200/s) is hundreds of times the diffusive supply per site from a 20 um diffusion
 * layer (about 1/s), so every ion that reaches the deposit is reduced there (sticking probability 1;
 * oxidation is negligible at -500 mV). Field cells = voxels. Grown for 2 s of cell time.
 *
 * Measurement: box counting of the deposit projected on the x-z plane, boxes of 2, 4, 8 and 16
 * voxels (edge 1 is below the slab thickness of 4, where the projection fills in), from the first
 * layer above the host to the top. Claim stated before the run: 1.71 +- 0.05 over 3 seeds (mean).
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { meanInterval } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { boxCountingDimension } from '../../src/metrics/fractal.js';
import { fmt } from './transport-common.js';

const SEEDS = [1, 2, 3];

export const study: ValidationStudy = {
  id: 'transport-dla',
  title: 'Transport-limited growth: DLA fractal dimension (thin 2D slab)',
  run(): ValidationEntry[] {
    const dims: number[] = [];
    for (const seed of SEEDS) {
      const size: [number, number, number] = [64, 4, 96];
      const run = parseRunInput({
        metal: 'Li', host: 'Cu', lattice: { size, voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
        electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
        protocol: ['Hold at -500 mV for 2 s'], seed, output: { snapshots: false, sample: '0.001 mAh/cm2' },
      });
      const sim = new Simulation(run);
      sim.runAll();
      const bc = boxCountingDimension(sim.app.code, size, (c) => c === 1 || c === 2, { project2D: true, zFrom: 1, sizes: [2, 4, 8, 16] });
      dims.push(bc.dimension);
      process.stderr.write(`  seed ${seed}: ${sim.netVoxels} voxels, top ${sim.app.maxMetalZ}, ended ${sim.stepResults.map((s) => s.ended)}; ` +
        `N(s) ${bc.counts.join(', ')} for s ${bc.sizes.join(', ')}: D = ${fmt(bc.dimension)}\n`);
    }
    const iv = meanInterval(dims);
    return [{
      id: 'dla-2d-dimension', quantity: 'fractal dimension of a transport-limited deposit, thin 2D slab (box counting, s = 2-16 voxels)',
      published: '1.71 +- 0.05', source: 'Witten & Sander, PRL 47, 1400 (1981); Meakin',
      measured: iv.mean, unit: '', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(',')}; 64x4x96 voxels of 100 nm, -500 mV, 2 s`,
      pass: Math.abs(iv.mean - 1.71) <= 0.05,
      note: `per seed ${dims.map((d) => fmt(d)).join(', ')}; deposit on a line, 64 voxels wide: the fitted range is 3 octaves`,
    }];
  },
};
