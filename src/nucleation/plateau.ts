/**
 * Where the electrode stage reads the plateau of a galvanostatic run (electrode.ts, PlateauRule).
 * The review and cycler practice (EC-Lab / Neware voltage curves at 0.5-1 mA/cm2 to 1 mAh/cm2) read
 * the nucleation overpotential as the voltage dip minus the flat growth plateau that follows it; a
 * plateau still drifting by more than the quantity measured is not one. Default `flat`; `end` is the
 * earlier reading (last 10 % of the requested capacity, whatever eta does there).
 */
import { InputError } from '../errors.js';
import type { PlateauRule } from './electrode.js';
import { C_PER_M2_PER_MAH_PER_CM2 } from '../units.js';

export const PLATEAU_RULES = ['flat', 'end'] as const;
export type PlateauRuleName = (typeof PLATEAU_RULES)[number];
export const DEFAULT_PLATEAU_RULE: PlateauRuleName = 'flat';

/** a plateau is flat when eta moves by less than this over its reading window (the last 10 % of the run), V */
export const FLAT_DRIFT_V = 1e-4;
/** ... or when the metal covers at least this fraction of the electrode (the film has closed) */
export const FLAT_CLOSED_AREA = 0.95;
/** the run stops here whatever eta does: 1 mAh/cm2 (3.6e4 C/m2), the capacity cyclers plate to */
export const FLAT_CAP_C_PER_M2 = C_PER_M2_PER_MAH_PER_CM2;

export function parsePlateauRule(field: string, v: unknown): PlateauRuleName {
  if (v === undefined) return DEFAULT_PLATEAU_RULE;
  if (typeof v === 'string' && (PLATEAU_RULES as readonly string[]).includes(v)) return v as PlateauRuleName;
  throw new InputError(field, v, `one of ${PLATEAU_RULES.join(', ')} (flat: read the plateau once eta is flat or the film closed; end: over the last 10 % of the requested capacity)`);
}

/** The electrode stage's rule for a run of `capacity_C_per_m2` at `current_A_per_m2` (the cap is never below the requested capacity). */
export function plateauSpec(rule: PlateauRuleName, capacity_C_per_m2: number, current_A_per_m2: number): PlateauRule {
  if (rule === 'end') return { rule: 'end' };
  return { rule: 'flat', drift_V: FLAT_DRIFT_V, closedArea: FLAT_CLOSED_AREA, maxDuration_s: Math.max(capacity_C_per_m2, FLAT_CAP_C_PER_M2) / current_A_per_m2 };
}
