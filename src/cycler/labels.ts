/**
 * The file's own words for what a row is doing: Maccor State / Md (C, D, R), Neware Step Type
 * ("CC Chg", "CCCV DChg", "Rest"), PEC Instruction Name, or a user's `--map sign=COL:C+,D-`.
 * Each label maps to +1 (charge / strip the working electrode), -1 (discharge / plate onto
 * it), 0 (rest) or NaN (no opinion). The reader follows the label where the current's sign
 * disagrees with it, and counts how often it did.
 */

export type LabelMap = (label: string) => number;

/** Maccor State / Md letters. */
export const MACCOR_STATE: LabelMap = (s) => {
  const t = s.trim();
  return t === 'C' ? 1 : t === 'D' ? -1 : t === 'R' ? 0 : NaN;
};

/**
 * Neware / PEC step names (English exports), BDF step_type, and Chinese exports' step types (cyclerzh): 恒流充电 (CC
 * charge), 恒压充电 (CV charge), 恒流恒压充电 (CCCV charge), 恒流放电, 恒流恒压放电 (discharges), 搁置 and 静置 (rest).
 */
export const STEP_NAME: LabelMap = (s) => {
  const t = s.trim().toLowerCase();
  if (t === '') return NaN;
  if (t.includes('放电')) return -1;
  if (t.includes('充电')) return 1;
  if (t === '搁置' || t === '静置') return 0;
  // "CC_DCH" / "CCCV_DCH": the step types the BDF (1.3.0 step_type) gives as examples
  if (/d(is)?chg|dch(?![a-z])|discharge|dischg/.test(t)) return -1;
  if (/chg|charge/.test(t)) return 1;
  if (/rest|idle|pause|ocv|wait|stop/.test(t)) return 0;
  return NaN;
};

/** sacplate eta.csv's `direction` column (simulation/report.ts): plate -1, strip +1, rest 0. */
export const SIM_DIRECTION: LabelMap = (s) => {
  const t = s.trim();
  return t === 'plate' ? -1 : t === 'strip' ? 1 : t === 'rest' ? 0 : NaN;
};

/** `--map` sign rule: "C+,D-,R0" after the column name. */
export function parseSignRule(rule: string): LabelMap | undefined {
  const m = new Map<string, number>();
  for (const item of rule.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
    const r = /^(.*?)([+\-0])$/.exec(item);
    if (!r || r[1]!.trim() === '') return undefined;
    m.set(r[1]!.trim(), r[2] === '+' ? 1 : r[2] === '-' ? -1 : 0);
  }
  if (m.size === 0) return undefined;
  return (s) => m.get(s.trim()) ?? NaN;
}

/**
 * BioLogic EC-Lab / BT-Lab `mode`: 3 is rest (open circuit), 1 galvanostatic and 2 potentiostatic say nothing of the
 * direction (NaN: the current's sign decides). A rest's few uA of offset or noise read as half cycles of their own
 * without it (review46: +-4 uA at rest in a Li||Cu .mpt at 0.5 mA gave 15 "cycles" and a mean CE of 22180).
 */
export const ECLAB_MODE: LabelMap = (s) => (s.trim() === '3' ? 0 : NaN);

/**
 * BioLogic EC-Lab / BT-Lab `ox/red`: 1 oxidation (current > 0: a strip of the working electrode, a charge), 0 reduction
 * (< 0: a plating). Read for the current's sign only, on rows that pass current outside a rest (mode 3): it says nothing of
 * which half cycle a row of zero current belongs to (mends108; until then an .mpt whose current column had its sign
 * flipped was read as written, its platings as strips, the check saying there was nothing to check the sign against).
 */
export const ECLAB_OXRED: LabelMap = (s) => {
  const t = s.trim();
  return t === '1' ? 1 : t === '0' ? -1 : NaN;
};

/** Landt / Lanhe Step-State: R (rest), RateC / CCC / CVC (charge), RateD / CCD (discharge). */
export const LANDT_STATE: LabelMap = (s) => {
  const t = s.trim();
  if (t === 'R' || /^rest/i.test(t)) return 0;
  if (/^(Rate|CC|CV|CP|CR)?C$/.test(t)) return 1;
  if (/^(Rate|CC|CV|CP|CR)?D$/.test(t)) return -1;
  return NaN;
};
