/**
 * The sector scheme (src/parallel/) against the serial engine on the film-growth benchmark's own box
 * (Li on Cu, 50 nm voxels, 100 x 100 columns: strips of 25 columns, against 10 in parallel-sectors),
 * Plate 0.05 mAh/cm2 at 3 mA/cm2 (nucleation on Cu, coalescence, about 5 layers of film), seeds 1-4
 * per engine, 2 threads at the default cycle length. Claim stated before the runs, as in
 * parallel-sectors: the 95 % interval of the per-seed difference contains 0 and lies within +-10 % of
 * the serial mean (porosity +-0.01).
 */
import type { ValidationStudy } from '../types.js';
import type { Stat } from './engine-equivalence.js';
import { compare } from './parallel-sectors.js';

export const BENCHMARK_BOX_STAGE = { size: [100, 100, 40], charge: '0.05 mAh/cm2', stats: [
  { key: 'peak_overpotential_mV', label: 'peak overpotential', unit: 'mV' },
  { key: 'plateau_overpotential_mV', label: 'plateau overpotential', unit: 'mV' },
  { key: 'rms_roughness_nm', label: 'rms roughness', unit: 'nm' },
  { key: 'porosity', label: 'porosity', unit: '1', abs: 0.01 },
] as Stat[] };

export const study: ValidationStudy = {
  id: 'parallel-sectors-benchmark',
  title: 'Two threads on one run (sector scheme) against the serial engine, benchmark box',
  run: () => compare('benchmark-box', BENCHMARK_BOX_STAGE, [1, 2, 3, 4], 'parallel-sectors-benchmark'),
};
