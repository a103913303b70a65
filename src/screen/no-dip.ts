/**
 * A kMC run's nucleation reading with no dip. The plating stage reads each seed's
 * `nucleation_overpotential_mV` as the simulator reports it (src/analysis/nucleation.ts): the
 * largest |eta| in the first half of the first plating step minus the median |eta| of its second
 * half, not clamped. When |eta| is still rising past half of the step (the double layer still
 * charging, the first nuclei not yet grown: a plated amount too small for the box), the top of
 * the dip, if any, falls in the plateau half, the second half lies above the first and the
 * reading is <= 0. That is not a nucleation barrier of the host
 * but "no dip in this step"; the screen counts such seeds (`no_dip`), takes the mean and interval over
 * the seeds with a dip only (none where no seed had one; mends119, review86 F3: they were averaged in, as read),
 * says so next to it and ranks it as a missing value (docs/screening.md, "No dip"). compare's table, compare.csv and
 * seeds.json (src/batch/table.ts, cli/batch.ts) and `results --by-point` (src/sweep/results.ts) follow the same rule.
 */

import { isNoDip } from '../analysis/nucleation.js';

/** A screen value marked with seeds of no dip (ranked as missing: src/screen/screen.ts). */
export function hasNoDip(v: { no_dip?: number } | undefined): boolean {
  return (v?.no_dip ?? 0) > 0;
}

/** Seeds whose reading is <= 0 (no dip). */
export function noDipCount(values_mV: readonly number[]): number {
  return values_mV.filter(isNoDip).length;
}

/** The readings with a dip (> 0): those a mean and interval are taken over (mends119). */
export function dipsOf(values_mV: readonly number[]): number[] {
  return values_mV.filter((x) => !isNoDip(x));
}

/**
 * The note on a candidate's value: null when every seed shows a dip. Where some seeds had a dip and others not, it
 * says how many seeds the mean and interval are of (mends119: they are of the dips only); where no seed had one, that
 * there is no mean.
 */
export function noDipNote(values_mV: readonly number[]): { no_dip: number; note: string } | null {
  const k = noDipCount(values_mV);
  if (k === 0) return null;
  const n = values_mV.length - k;
  return {
    no_dip: k,
    note: `no dip in ${k} of ${values_mV.length} seed(s): peak minus plateau <= 0, |eta| still rising past half of the first plating step; not a nucleation barrier (plate more)` +
      (n > 0 ? `; the mean and interval are of the ${n} seed(s) with a dip` : ''),
  };
}

/** The stage note once a screen has such a value. */
export const NO_DIP_STAGE_NOTE =
  'nucleation_overpotential_mV is the largest |eta| of the first half of the first plating step minus the median |eta| of its second half, not clamped; ' +
  'a seed reading <= 0 had no dip (|eta| still rising past half of the step: double-layer charging and the first nuclei take about as long as the step, so the top of the dip, if any, falls in the plateau half); ' +
  'such candidates are marked "no dip in k of n seed(s)", their value is the mean and interval over the seeds with a dip (none where no seed had one): plate more (a larger capacity in the base protocol) to read a nucleation overpotential';
