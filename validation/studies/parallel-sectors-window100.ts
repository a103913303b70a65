/**
 * The sector scheme at 100 events per cycle (the longer cycle measured for speed in docs/parallel.md;
 * the default is 40) against the serial engine on the film-growth benchmark's own box: the same
 * box, charge, statistics and seeds as parallel-sectors-benchmark (Li on Cu, 50 nm voxels,
 * 100 x 100 columns, strips of 25; Plate 0.05 mAh/cm2 at 3 mA/cm2; seeds 1-4 per engine).
 *
 * Claim stated before the runs (the same as parallel-sectors-benchmark): for each statistic the
 * 95 % interval of the per-seed difference 2 threads - serial contains 0 and lies within +-10 % of
 * the serial mean (porosity +-0.01 absolute). The window was chosen for speed before this study
 * ran, not fitted to it.
 */
import type { ValidationStudy } from '../types.js';
import { compare } from './parallel-sectors.js';
import { BENCHMARK_BOX_STAGE } from './parallel-sectors-benchmark.js';

export const study: ValidationStudy = {
  id: 'parallel-sectors-window100',
  title: 'Two threads on one run (sector scheme, 100 events per cycle) against the serial engine, benchmark box',
  run: () => compare('benchmark-box', BENCHMARK_BOX_STAGE, [1, 2, 3, 4], 'parallel-sectors-window100', { windowEvents: 100, sums: 'start' }),
};
