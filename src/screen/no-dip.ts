/**
 * A kMC run's nucleation reading with no dip. The plating stage reads each seed's
 * `nucleation_overpotential_mV` as the simulator reports it (src/analysis/nucleation.ts): the
 * largest |eta| in the first half of the first plating step minus the median |eta| of its second
 * half, not clamped. When |eta| is still rising past half of the step (the double layer still
 * charging, the first nuclei not yet grown: a plated amount too small for the box), the top of
 * the dip, if any, falls in the plateau half, the second half lies above the first and the
 * reading is <= 0. That is not a nucleation barrier of the host
 * but "no dip in this step"; the screen keeps the value (mean and interval over seeds, as read),
 * says so next to it and ranks it as a missing value (docs/screening.md, "No dip").
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

/** The note on a candidate's value: null when every seed shows a dip. */
export function noDipNote(values_mV: readonly number[]): { no_dip: number; note: string } | null {
  const k = noDipCount(values_mV);
  if (k === 0) return null;
  return {
    no_dip: k,
    note: `no dip in ${k} of ${values_mV.length} seed(s): peak minus plateau <= 0, |eta| still rising past half of the first plating step; not a nucleation barrier (plate more)`,
  };
}

/** The stage note once a screen has such a value. */
export const NO_DIP_STAGE_NOTE =
  'nucleation_overpotential_mV is the largest |eta| of the first half of the first plating step minus the median |eta| of its second half, not clamped; ' +
  'a seed reading <= 0 had no dip (|eta| still rising past half of the step: double-layer charging and the first nuclei take about as long as the step, so the top of the dip, if any, falls in the plateau half); ' +
  'such candidates are marked "no dip in k of n seed(s)": plate more (a larger capacity in the base protocol) to read a nucleation overpotential';
