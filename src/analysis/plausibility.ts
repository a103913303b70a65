/**
 * Flags on cycler-analysis numbers that no real cell produces: a Coulombic efficiency far above
 * 100 % or below 0, a capacity retention far above 100 %. They usually mean a wrong --protocol,
 * a swapped current sign, or cycle boundaries the file defines differently; the number is still
 * printed (it is what the file gives), with the flag beside it.
 */
import type { AnalysisReport } from './report.js';

/** CE above this is implausible (a few % over 100 is measurement noise or SEI-free stripping of reservoir metal). */
export const MAX_PLAUSIBLE_CE = 1.05;
/** Retention above this is implausible (activation can raise capacity a little in early cycles). */
export const MAX_PLAUSIBLE_RETENTION = 1.2;

/** An electrode's active mass outside this, mg, is implausible (a coin cell's is typically 0.1-50 mg): a unit slip, `10 g` for `10 mg`. */
export const PLAUSIBLE_MASS_MG: readonly [number, number] = [0.1, 50];

/** A mass in words: `10 g (10000 mg)`, `0.002 mg`, exponent form from 1e5 (`1e+6 g (1e+9 mg)`). */
const massText = (g: number): string => {
  const n = (x: number) => (x >= 1e5 ? x.toExponential() : String(+x.toPrecision(6)));
  return g >= 1 ? `${n(g)} g (${n(g * 1e3)} mg)` : `${n(g * 1e3)} mg`;
};

export function implausibleFlags(r: AnalysisReport): string[] {
  const out: string[] = [];
  // --mass taken as given (review48: `10 g` and `1e9 mg` without a word); first, so the cap on flags below keeps it
  if (r.mass_g !== undefined && Number.isFinite(r.mass_g)) {
    const mg = r.mass_g * 1e3;
    if (mg < PLAUSIBLE_MASS_MG[0] || mg > PLAUSIBLE_MASS_MG[1]) out.push(`warning: implausible --mass ${massText(r.mass_g)} of active material (expected about ${PLAUSIBLE_MASS_MG[0]}-${PLAUSIBLE_MASS_MG[1]} mg for a coin cell's electrode): check the unit; capacities per gram are divided by it`);
  }
  // without labels or steps, rest is told by |I| alone: a rest's noise above the threshold reads as half cycles of its
  // own (review46: +-4 uA at rest in a 0.5 mA test gave CEs of 422 % to 11,189,952 %), which the rest threshold settles
  const rest = r.rest && !r.rest.from_steps ? `, and the rest threshold (|I| <= ${(r.rest.threshold_A * 1e3).toPrecision(3)} mA: noise at rest above it reads as half cycles; set it with --rest-current)` : '';
  const ce = (where: string, cycle: number, v: number) => {
    if (Number.isFinite(v) && (v > MAX_PLAUSIBLE_CE || v < 0)) out.push(`warning: implausible CE ${(v * 100).toFixed(1)} % in cycle ${cycle} of ${where} (expected 0-${MAX_PLAUSIBLE_CE * 100} %): check --protocol, the current sign${rest ? ', the cycle boundaries' : ' and the cycle boundaries'}${rest}`);
  };
  // a half that joins two of the file's cycles: a half of the other direction is missing between them, and the CE takes
  // both (cycfile65: neware_uio.csv without its cycle 2 charge read CE 48.8 % for cycle 2 without a word)
  const joined = (where: string, c: { cycle: number; ce: number; file_cycles_joined?: { half: string; file_cycles: number[] } }) => {
    const f = c.file_cycles_joined;
    if (f) out.push(`warning: cycle ${c.cycle} of ${where}: its ${f.half} joins the ${f.half}s of the file's cycles ${f.file_cycles.join(' and ')}, with no half of the other direction between them: a half cycle missing from the file (or a formation step)? ${Number.isFinite(c.ce) ? `its CE ${(c.ce * 100).toFixed(1)} % takes them as one` : 'it has no CE'}; check the file's steps, or read the file's own cycles with --protocol fullcell --pair file`);
  };
  for (const c of r.licu?.cycles ?? []) joined('the Li||Cu analysis', c);
  for (const c of r.fullcell?.cycles ?? []) joined('the full-cell analysis', c);
  for (const c of r.licu?.cycles ?? []) ce('the Li||Cu analysis', c.cycle, c.ce);
  if (r.aurbach) ce('the Aurbach analysis', 0, r.aurbach.ce_avg);
  for (const c of r.fullcell?.cycles ?? []) {
    ce('the full-cell analysis', c.cycle, c.ce);
    if (Number.isFinite(c.retention) && c.retention > MAX_PLAUSIBLE_RETENTION) {
      out.push(`warning: implausible capacity retention ${(c.retention * 100).toFixed(1)} % in cycle ${c.cycle} (expected <= ${MAX_PLAUSIBLE_RETENTION * 100} % of reference cycle ${r.fullcell!.reference_cycle}): the reference cycle may be a formation or partial cycle; try --reference-cycle`);
    }
  }
  if (out.length > 5) return [...out.slice(0, 5), `warning: ${out.length - 5} more implausible values (see report.json)`];
  return out;
}
