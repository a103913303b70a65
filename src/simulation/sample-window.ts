/**
 * sampleWindowOf, metrics.json's sample window. Its own module (startcost2, from report.ts, which re-exports it):
 * `sacplate simulate` prints its table (cli/compare-table.ts) on the CLI's main thread, which loads no engine.
 */
import type { ResolvedRun } from '../input/types.js';
import { firstPlatingStep } from '../input/protocol.js';
import { C_PER_MAH, CM2_PER_M2 } from '../units.js';

/**
 * metrics.json's `sample_window_mAh_per_cm2` and `sample_window_s`: output.sample as the simulation applies it, a whole
 * number of voxels of charge q_C (at least one) over the box's footprint (simulation.ts sampleCount), and that charge over
 * the first galvanostatic plating step's current density. The printed table's legend says it (cli/compare-table.ts).
 */
export function sampleWindowOf(run: Pick<ResolvedRun, 'lattice' | 'output' | 'protocol'>, q_C: number): { sample_window_mAh_per_cm2: number; sample_window_s: number | null } {
  const { size, voxel_m } = run.lattice;
  const area_m2 = size[0] * size[1] * voxel_m ** 2;
  const count = Math.max(1, Math.round((run.output.sample_C_per_m2 * area_m2) / q_C));
  const C_per_m2 = (count * q_C) / area_m2;
  const j = firstPlatingStep(run.protocol)?.current_A_per_m2;
  return { sample_window_mAh_per_cm2: C_per_m2 / CM2_PER_M2 / C_PER_MAH, sample_window_s: j !== undefined && j > 0 ? C_per_m2 / j : null };
}
