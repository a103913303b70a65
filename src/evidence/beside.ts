/**
 * Simulation beside literature: the figure the evidence base holds for a simulated case (metal,
 * host, SAC elements), e.g. Na on bare Cu 32 mV, on carbon cloth 9 mV, on ZnSA-N-C 0 mV (review
 * ref 70). A case with SACs matches a record of the same metal whose single atoms share an
 * element, by the record's own figure; a case without SACs matches a figure whose subject is that
 * host ("bare copper foil", "carbon cloth"). No match, no number: nothing is interpolated.
 */
import { loadLiterature } from './records.js';
import { parseQuantity } from '../units.js';
import type { Citation, ReviewRecord as LitRecord } from './schema.js';

export interface LiteratureMatch {
  quantity: string;
  value: number;
  unit: string;
  record: string;
  ref: number;
  citation?: Citation;
  quote: string;
  /** what the figure is about as the record says (host or control) */
  subject: string;
  /** the cell as the review gives it ("symmetric ...", "not stated (...)"), when the record says */
  cell?: string;
  /** the current density the figure was measured at (mA/cm2), when the record gives one (CoSA@NC's 11.5 mV: 0.5) */
  current_mA_per_cm2?: number;
  /**
   * the record's support where it does not name the simulated host: a case with SACs matched by element alone
   * (Co-N4 on carbon-cloth beside CoSA@NC on "porous N-doped carbon ..."); absent for a record on the host and a control
   */
  other_support?: string;
}

/** Words that name a sacplate host in a figure's subject. */
const HOST_WORDS: Record<string, RegExp> = {
  Cu: /\b(copper|cu)\b/i,
  graphene: /^graphene\b/i,
  'N-graphene': /\b(n-doped|nitrogen-doped) graphene\b/i,
  'carbon-cloth': /\bcarbon cloth\b/i,
  'hard-carbon': /\bhard carbon\b/i,
  MXene: /\bmxene\b/i,
  'sp2c-COF': /\bsp2c-COF\b|\bsp2-carbon conjugated covalent organic framework\b/i,
};

let cache: LitRecord[] | undefined;
function records(): LitRecord[] {
  if (!cache) {
    try { cache = loadLiterature().records; } catch { cache = []; }
  }
  return cache;
}

/**
 * The reported figure for a case, or undefined. `sacElements`: the elements of the case's SAC
 * sites (e.g. ["Zn"]). Figures with conditions of another cell type are still returned: the
 * caller prints the quote so the reader can judge.
 */
export function literatureFor(metal: string, host: string, sacElements: string[], quantity = 'nucleation_overpotential'): LiteratureMatch | undefined {
  const recs = records().filter((r) => r.metal === metal);
  const pick = (r: LitRecord, f: LitRecord['figures'][number], subject: string): LiteratureMatch => {
    const j = currentOf(f.conditions?.current_density);
    return {
      quantity, value: f.value, unit: f.unit, record: r.name, ref: f.ref, citation: r.citations.find((c) => c.number === f.ref), quote: f.quote, subject,
      ...(f.conditions?.cell ? { cell: f.conditions.cell } : {}),
      ...(j !== undefined ? { current_mA_per_cm2: j } : {}),
    };
  };
  if (sacElements.length > 0) {
    const cands = recs.filter((r) => r.sac_elements.some((e) => sacElements.includes(e)));
    const hostRe = HOST_WORDS[host];
    cands.sort((a, b) => Number(!!hostRe?.test(b.support)) - Number(!!hostRe?.test(a.support)));
    for (const r of cands) {
      const f = r.figures.find((x) => x.quantity === quantity && x.subject === undefined);
      if (f) return { ...pick(r, f, `${r.name} (${r.support})`), ...(hostRe?.test(r.support) ? {} : { other_support: r.support }) };
    }
    return undefined;
  }
  const re = HOST_WORDS[host];
  if (!re) return undefined;
  for (const r of recs) {
    const f = r.figures.find((x) => x.quantity === quantity && x.subject !== undefined && re.test(x.subject));
    if (f) return pick(r, f, `${f.subject} (control of ${r.name})`);
  }
  return undefined;
}

/**
 * The cell the review gives for a record's own figure of a quantity, and the figure's note (SA-Co@HC's
 * 3 mV: "not stated (...)", and that the review does not say nucleation or plating), or undefined:
 * `nucleation --against-literature` says it beside the reported figure, which until loose9 read
 * as a symmetric-cell figure (the quantity's label said "(symmetric cell)").
 */
export function reportedCell(record: string, quantity: string): { cell?: string; note?: string } | undefined {
  const r = records().find((x) => x.name === record);
  const f = r?.figures.find((x) => x.quantity === quantity && (x.subject === undefined || x.subject === 'system'));
  if (!f?.conditions?.cell && !f?.conditions?.note) return undefined;
  return { ...(f.conditions.cell ? { cell: f.conditions.cell } : {}), ...(f.conditions.note ? { note: f.conditions.note } : {}) };
}

/** A figure's current density in mA/cm2 ("0.5 mA/cm2"), or undefined (none given, or not a current: the data's checks refuse that). */
function currentOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try { return parseQuantity('current_density', text, 'currentDensity') / 10; } catch { return undefined; } // A/m2 -> mA/cm2
}

/**
 * "reported at 0.5 mA/cm2, the model at 1 mA/cm2" where the case plates at another current than the figure's (more
 * than 10 % apart), else "": the nucleation overpotential grows with the current, so a verdict across currents says so
 * (review43: Na on carbon-cloth + Co-N4 at 1 mA/cm2 "agrees" with CoSA@NC's 11.5 mV at 0.5 mA/cm2 without a word;
 * only the quote in the legend gave the current).
 */
export function currentMismatch(case_mA_per_cm2: number | null | undefined, l: LiteratureMatch): string {
  const j = l.current_mA_per_cm2;
  if (j === undefined || case_mA_per_cm2 === null || case_mA_per_cm2 === undefined || !Number.isFinite(case_mA_per_cm2)) return '';
  if (Math.abs(case_mA_per_cm2 / j - 1) <= 0.1) return '';
  return `reported at ${+j.toPrecision(3)} mA/cm2, the model at ${+case_mA_per_cm2.toPrecision(3)} mA/cm2`;
}

/**
 * "reported on porous N-doped carbon ..., the model on carbon-cloth" where the figure's record is on another support than
 * the simulated host (matched by its SAC element alone), else "" (mends54: review43 saw Co-N4 on carbon-cloth read
 * "agrees" with CoSA@NC's 11.5 mV; only the legend named the record's support).
 */
export function supportMismatch(host: string, l: LiteratureMatch): string {
  return l.other_support === undefined ? '' : `reported on ${l.other_support}, the model on ${host}`;
}

/** |model - report| within this many mV counts as agreement (about the seed-to-seed spread of a 0.5 um box). */
export const AGREEMENT_MV = 10;

/**
 * A single seed's reading is set against the band AGREEMENT_MV only in a box whose shorter lateral side is at least this,
 * um: the band stands for the seed-to-seed spread of about a 0.5 um box (the README's Na job, 48 x 10 nm = 0.48 um, to the
 * one figure the band was stated to). In a smaller box one seed can read far from the next: Na on carbon-cloth + Zn-N4
 * (3 %), 24 x 24 x 40 voxels of 10 nm (0.24 um), 0.0005 mAh/cm2 at 1 mA/cm2, seeds 1-4: 21.9 mV, 95 % +-10.5 (a
 * seed-to-seed SD of about 6.6 mV; at 3 mA/cm2 and 0.0002 mAh/cm2, review83's case, 2.7 +-1.1: mends107, docs/figures.md),
 * so one seed there can neither agree nor disagree: `--seeds N` gives the interval a verdict is read from.
 */
export const SINGLE_SEED_BOX_UM = 0.45;

/**
 * "no verdict: one seed in a 0.24 um box ..." where a verdict would rest on one seed in a box narrower than
 * SINGLE_SEED_BOX_UM (review83: Na + Zn-N4, one seed in a 0.24 um box, "agrees" with ZnSA-N-C's 0 mV), else "".
 * seeds: the seeds the model value is read over; side_um: the box's shorter lateral side (undefined: not known, no rule).
 */
export function singleSeedNoVerdict(seeds: number, side_um: number | undefined): string {
  if (seeds !== 1 || side_um === undefined || !(side_um < SINGLE_SEED_BOX_UM)) return '';
  return `no verdict: one seed in a ${+side_um.toPrecision(2)} um box, below the ${SINGLE_SEED_BOX_UM} um the ${AGREEMENT_MV} mV band is set for: run --seeds N`;
}

/**
 * "the report gives no current" where the figure states no current density (ZnSA-N-C's 0 mV and its controls, ref 70),
 * else "": the nucleation overpotential grows with the current, so a verdict against it is across conditions not known
 * to be comparable (review83: "agrees" at 3 mA/cm2 with no word of it).
 */
export function currentUnknown(l: LiteratureMatch): string {
  return l.current_mA_per_cm2 === undefined ? 'the report gives no current' : '';
}

/** Verdict; with a 95 % interval [lo, hi] over seeds the distance is from the report to the interval. */
export function agreement(model_mV: number, lit_mV: number, lo?: number, hi?: number): string {
  if (!Number.isFinite(model_mV)) return 'no model value';
  const withIv = lo !== undefined && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi);
  const d = withIv ? (lit_mV < lo ? lo - lit_mV : lit_mV > hi ? hi - lit_mV : 0) : model_mV - lit_mV;
  if (Math.abs(d) <= AGREEMENT_MV) return 'agrees';
  return `DISAGREES: model ${d > 0 ? 'higher' : 'lower'} by ${Math.abs(d).toFixed(0)} mV`;
}
