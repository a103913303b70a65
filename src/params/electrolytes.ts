/**
 * Electrolyte parameter sets for ion transport (MODEL.md 8.1): a binary salt M+ X- in a solvent,
 * described by its bulk concentration c0, the ambipolar (salt) diffusion coefficient D, the
 * cation transference number t+ and the ionic conductivity kappa, every value with its unit and
 * source (assumed values say so and why).
 *
 * Units of the sets as written: mol/L, cm2/s, 1, mS/cm (what electrolyte papers quote);
 * `resolveElectrolyte` converts to SI (mol/m3, m2/s, S/m).
 */
import { InputError } from '../errors.js';
import type { Sourced } from './types.js';
import { assumed, sv } from './sourced.js';
import { CONST } from '../units.js';

export interface ElectrolyteSet {
  name: string;
  description: string;
  /** metal whose cation the salt carries */
  metal: 'Li' | 'Na' | 'K';
  concentration: Sourced; // mol/L
  diffusivity: Sourced; // cm2/s, ambipolar salt diffusion coefficient
  transference: Sourced; // 1, cation transference number t+
  conductivity: Sourced; // mS/cm
  /**
   * Relative permittivity (static dielectric constant) of the electrolyte, 1 (dimensionless): the eps of the space-charge
   * zone's drop sqrt(8 J W^3 / (9 eps mu_c)) (fields/space-charge.ts; branch chazal3; until then 20 for every set). The
   * solvent mixture's value at 25 degC, measured or by the volume-fraction rule (PERMITTIVITY), held at every temperature.
   */
  permittivity: Sourced;
  /**
   * How D and kappa follow temperature (the values above are at 25 degC): 'valoen-reimers' uses
   * their fit of D(c, T) and kappa(c, T); otherwise Arrhenius with these energies (eV). t+ is held
   * constant (Valoen & Reimers take it constant too).
   */
  temperature: 'valoen-reimers' | { diffusivity: Sourced; conductivity: Sourced };
  /**
   * How kappa follows the salt concentration c away from c0 (branch ohmic7, review81): the liquid's potential with
   * `cell.migration: ohmic` (fields/liquid-potential.ts) and the electrolyte's resistance over the field
   * (fields/transport.ts electrolyteResistance) take kappa(c) = kappa0 K(c) / K(c0) (conductivityOf):
   * 'valoen-reimers' K their fit kappa(c, T) at the run's temperature; 'nyman' K the fit of the set's conductivity source
   * (25 degC; kappa0 carries the temperature); 'proportional' K = c, dilute theory's kappa0 c / c0, for a set without a
   * sourced kappa(c) (for LiPF6 in carbonates about half the measured kappa below 0.2 M: 2.06-2.40 times low at 0.2-0.01 M).
   */
  conductivityVsConcentration: 'valoen-reimers' | 'nyman' | 'proportional';
  /** where the set's solvent is liquid (mends69): a run outside it is refused (refuseOutsideLiquidRange) */
  liquidRange: LiquidRange;
}

/**
 * The liquid range of a solvent or solvent mixture at 1 atm, degC (mends69): a run below its freezing point or at or above
 * its boiling point is refused, since the set's D and conductivity (Arrhenius or a fit from 25 degC) would be extrapolated
 * through a phase change without a word (review56: KFSI-DME at -100 degC, DME freezing at -58 degC, gave D 4.4e-8 cm2/s).
 * Values of the pure solvents with their sources; a mixture without a sourced range takes the narrower of its components'
 * and says so. null: not sourced, not checked (and `note` says why). The salt shifts both (freezing-point depression,
 * boiling-point elevation) by amounts not sourced here: the solvent's range is the one checked.
 */
export interface LiquidRange {
  /** the solvent or mixture, as the set's name gives it */
  solvent: string;
  freezing_degC: number | null;
  boiling_degC: number | null;
  /** where each number comes from */
  source: string;
  /** how a mixture's range was taken, and what is not checked */
  note?: string;
  /**
   * A mixture's bounds taken from one component's own (mends77; mixtureRange): the component whose melting point is
   * `freezing_degC` and whose boiling point is `boiling_degC`. A refusal on such a bound says it is that pure solvent's
   * point taken for the mixture as a conservative rule, not the mixture's own (not in our sources). Absent for one solvent.
   */
  freezingFrom?: string;
  boilingFrom?: string;
}

// mends69: pure-solvent melting and boiling points at 1 atm, each with the page it was read from (search tool, 2026-12-05)
const DME_RANGE = 'DME (1,2-dimethoxyethane, CAS 110-71-4): mp -58 degC, bp 85 degC, NTP Chemical Repository (Radian Corporation, 1991), entry ethylene glycol dimethyl ether';
const DOL_RANGE = 'DOL (1,3-dioxolane, CAS 646-06-0): mp -95 degC, bp 75 degC, chemicaldictionary.org, entry Dioxolane (de.wikipedia gives -97 and 74 degC)';
const DIGLYME_RANGE = 'diglyme (bis(2-methoxyethyl) ether, CAS 111-96-6): mp -64 degC, bp 160 degC, de.wikipedia "Bis(2-methoxyethyl)ether" infobox citing the GESTIS database (its text gives 162 degC; the lower taken)';
const DMC_RANGE = 'DMC (dimethyl carbonate, CAS 616-38-6): mp 4.6 degC, bp 90.3 degC, Merck Index entry as reproduced at data.cas-msds.com (Wikipedia: mp 2-4 degC, bp 90 degC)';
const EMC_RANGE = 'EMC (ethyl methyl carbonate, CAS 623-53-0): bp 107 degC, mp -55 degC, smolecule.com product page S752408 (a vendor page; 107.5 and -55 degC elsewhere)';
// mends72: DEC from the search tool's pages corpus (2026-12-05); TEGDME and TTE: no melting or boiling point found there
// (pages and docs corpora searched by name and CAS number), so they stay without a range (UNSOURCED_SOLVENTS)
const DEC_RANGE = 'DEC (diethyl carbonate, CAS 105-58-8): mp -43 degC, bp 127 degC, chemicaldictionary.org, entry Diethyl carbonate ' +
  '(Wikipedia: mp -43 degC, bp 126 to 128 degC; the lower boiling point taken). Ding, Xu & Jow, J. Electrochem. Soc. 148, A299 (2001) ' +
  '(abstract; DOI not confirmed) measured mp -74.3 degC by DSC "instead of the currently accepted value of -43 degC": the narrower range ' +
  'is kept, as for the other solvents whose sources differ, so a DEC run between -74.3 and -43 degC is refused though it may be liquid';
const PC_RANGE = 'PC (propylene carbonate, CAS 108-32-7): mp -48.8 degC, bp 242 degC, Wikipedia "Propylene carbonate" infobox';
const EC_NOTE = 'EC melts at 36 degC (309 K by thermal analysis: Westphal et al., temperature-resolved crystal structure of ethylene carbonate, iramis.cea.fr 2025), so the narrower of the components\' ranges would refuse ' +
  'the set at its own 25 degC, where the mixture is liquid: EC/DMC and EC/EMC form simple eutectic systems (Ding, Xu, Zhang & Jow, ' +
  'J. Electrochem. Soc. 147, 1688 (2000), doi:10.1149/1.1393419, abstract), whose liquidus at this composition was not found; the freezing ' +
  'point is therefore not checked';

/**
 * Each pure solvent's own liquid range at 1 atm: the one source of these numbers (mends72). The electrolyte and SEI sets'
 * ranges (LIQUID_RANGES) are derived from it, and a screen's `electrolyte: { salt, solvents }` is checked against it
 * (mends70: K at -70 degC in DME, which freezes at -58 degC, ran and was ranked, review58). A solvent of
 * data/electrolytes/components.yaml missing here (TEGDME, TTE, water: UNSOURCED_SOLVENTS) has no sourced range and is
 * not checked (solventRangeCheck says so, and why). DEC since mends72. EC: its melting point is sourced (36 degC) but in a mixture it is not checked (EC_NOTE:
 * EC/DMC and EC/EMC are liquid at 25 degC); its boiling point was not looked up.
 */
export const SOLVENT_RANGES: Readonly<Record<string, LiquidRange>> = {
  DME: { solvent: 'DME', freezing_degC: -58, boiling_degC: 85, source: DME_RANGE },
  diglyme: { solvent: 'diglyme', freezing_degC: -64, boiling_degC: 160, source: DIGLYME_RANGE },
  DOL: { solvent: 'DOL', freezing_degC: -95, boiling_degC: 75, source: DOL_RANGE },
  DMC: { solvent: 'DMC', freezing_degC: 4.6, boiling_degC: 90.3, source: DMC_RANGE },
  EMC: { solvent: 'EMC', freezing_degC: -55, boiling_degC: 107, source: EMC_RANGE },
  PC: { solvent: 'PC', freezing_degC: -48.8, boiling_degC: 242, source: PC_RANGE },
  DEC: { solvent: 'DEC', freezing_degC: -43, boiling_degC: 126, source: DEC_RANGE },
  EC: { solvent: 'EC', freezing_degC: 36, boiling_degC: null, source: 'EC (ethylene carbonate): mp 36 degC (309 K, Westphal et al., iramis.cea.fr 2025); boiling point not looked up' },
};

/**
 * Why a solvent of data/electrolytes/components.yaml has no range in SOLVENT_RANGES (mends72): a range is not guessed, and
 * the screen's notes say the solvent is not checked and why.
 */
export const UNSOURCED_SOLVENTS: Readonly<Record<string, string>> = {
  TEGDME: 'no melting or boiling point found in the sources searched (mends72: search tool, pages and docs, by name and CAS 143-24-8)',
  TTE: 'no melting or boiling point found in the sources searched (mends72: search tool, pages and docs, by name and CAS 16627-68-2)',
  water: 'not looked up (mends72 searched DEC, TEGDME and TTE)',
};

/** Whether a solvent list's freezing point is checked: not for a mixture with EC in it (EC_NOTE). */
export const freezingChecked = (solvents: readonly string[]): boolean => !(solvents.length > 1 && solvents.includes('EC'));

/**
 * A mixture's liquid range from its components' (SOLVENT_RANGES), the mixture's own not being sourced: the narrower of
 * theirs, the highest freezing point and the lowest boiling point (a component without one is left out of that bound,
 * and the note says so); with EC in it the freezing point is not checked (EC_NOTE). mends72: the electrolyte and SEI sets'
 * ranges were written by hand beside SOLVENT_RANGES, EC/DMC's boiling point as 90 degC where DMC's is 90.3.
 */
export function mixtureRange(solvents: readonly string[], name = solvents.join('/')): LiquidRange {
  const rs = solvents.map((n) => {
    const r = SOLVENT_RANGES[n];
    if (!r) throw new Error(`mixtureRange: ${n} has no liquid range in SOLVENT_RANGES`);
    return r;
  });
  if (rs.length === 1) return { ...rs[0]!, solvent: name };
  const bound = (k: 'freezing_degC' | 'boiling_degC', pick: (a: number, b: number) => boolean) => {
    let at: LiquidRange | undefined;
    for (const r of rs) if (r[k] !== null && (at === undefined || pick(r[k], at[k]!))) at = r;
    return at;
  };
  const f = freezingChecked(solvents) ? bound('freezing_degC', (a, b) => a > b) : undefined;
  const b = bound('boiling_degC', (a, c) => a < c);
  const noBoil = rs.filter((r) => r.boiling_degC === null).map((r) => r.solvent);
  const boilingBy = b ? `${b.solvent}'s ${b.boiling_degC} degC` : 'none sourced';
  const notLooked = noBoil.length > 0 ? `; ${noBoil.join(', ')}'s boiling point not looked up` : '';
  const note = freezingChecked(solvents)
    ? `no sourced liquid range of the ${name} mixture found: the narrower of its components' (freezing ${f ? `${f.solvent}'s ${f.freezing_degC} degC` : 'none sourced'}, boiling ${boilingBy}${notLooked})`
    : `boiling: no sourced value of the mixture; the lowest of its components', ${boilingBy}${notLooked}. Freezing: ${EC_NOTE}`;
  return {
    solvent: name, freezing_degC: f ? f.freezing_degC : null, boiling_degC: b ? b.boiling_degC : null,
    source: rs.map((r) => r.source).join('; '), note,
    ...(f ? { freezingFrom: f.solvent } : {}), ...(b ? { boilingFrom: b.solvent } : {}),
  };
}

/**
 * The words of a refusal on a mixture's bound taken from one component (mends77, review61: LiTFSI-DOL-DME at -60 degC was
 * "frozen", but -58 degC is pure DME's melting point, the mixture's own freezing point not being sourced): the limit, the
 * pure solvent it is and its source, that it is taken for the mixture as a conservative rule, and that the mixture's own
 * point is not in our sources (the mixture may well be liquid there).
 */
export function mixtureLimitWords(mixture: string, component: string, side: 'freezing' | 'boiling', T_C: number): string {
  const r = SOLVENT_RANGES[component];
  const limit = side === 'freezing' ? r?.freezing_degC : r?.boiling_degC;
  const point = side === 'freezing' ? 'melting point' : 'boiling point';
  return `${Number(T_C.toFixed(1))} degC is ${side === 'freezing' ? 'below' : 'at or above'} ${limit} degC (${Number(((limit ?? 0) + 273.15).toFixed(2))} K), ` +
    `pure ${component}'s ${point} (${r?.source ?? 'SOLVENT_RANGES'}), which is taken as the ${mixture} mixture's limit as a conservative rule ` +
    `(the narrower of its components' ranges), not a measured value: the mixture's own ${side === 'freezing' ? 'freezing' : 'boiling'} point is not in our sources, ` +
    `and the mixture may be liquid there`;
}

/** Liquid ranges of the electrolyte sets' and SEI sets' solvents, derived from SOLVENT_RANGES (mends72; by hand until then). */
export const LIQUID_RANGES = {
  DME: mixtureRange(['DME']),
  diglyme: mixtureRange(['diglyme']),
  'DOL/DME': mixtureRange(['DOL', 'DME']),
  // the Valoen-Reimers fit of LiPF6-EC-DMC is refused below -10 degC on its own
  'EC/DMC': mixtureRange(['EC', 'DMC']),
  'EC/EMC': mixtureRange(['EC', 'EMC']),
  // the SEI set's two electrolytes: the narrower of their ranges
  'EC/DMC or EC/EMC': mixtureRange(['EC', 'DMC', 'EMC'], 'EC/DMC or EC/EMC'),
  // PC boils at 242 degC, above the model's 400 K (127 degC): its boiling bound never refuses a run
  'EC/PC': mixtureRange(['EC', 'PC']),
} satisfies Record<string, LiquidRange>;

/**
 * Checks a solvent list at a temperature (mends70): one solvent against its own range (SOLVENT_RANGES); a mixture against
 * the narrower of its components' ranges, as LIQUID_RANGES takes DOL/DME's (the mixture's own range is not sourced),
 * but with EC in it the freezing point is not checked (EC_NOTE). Throws InputError(field, the solvent that sets the
 * bound, ...) outside; returns the notes of what was not checked (solvents without a sourced range).
 */
export function solventRangeCheck(solvents: readonly string[], T_K: number, field: string, where: string): string[] {
  const notes: string[] = [];
  const known = solvents.filter((n) => SOLVENT_RANGES[n] !== undefined);
  const unknown = solvents.filter((n) => SOLVENT_RANGES[n] === undefined);
  if (unknown.length > 0) {
    const why = unknown.map((n) => UNSOURCED_SOLVENTS[n] ? `${n}: ${UNSOURCED_SOLVENTS[n]}` : undefined).filter((w) => w !== undefined);
    notes.push(`${unknown.join(', ')}: no sourced liquid range (params/electrolytes.ts SOLVENT_RANGES), ${unknown.length === 1 ? 'its' : 'their'} freezing and boiling points not checked against ${Number(T_K.toFixed(2))} K` +
      (why.length > 0 ? ` (${why.join('; ')})` : ''));
  }
  const mixture = solvents.length > 1;
  const withEC = !freezingChecked(solvents);
  if (withEC) notes.push('a mixture with EC: its freezing point is not checked (EC melts at 36 degC alone; EC/DMC and EC/EMC are liquid at 25 degC, their liquidus not sourced)');
  const T_C = T_K - 273.15;
  const f = (c: number) => `${c} degC (${Number((c + 273.15).toFixed(2))} K)`;
  for (const n of known) {
    const r = SOLVENT_RANGES[n]!;
    const frozen = !withEC && r.freezing_degC !== null && T_C < r.freezing_degC;
    const boiling = r.boiling_degC !== null && T_C >= r.boiling_degC;
    if (!frozen && !boiling) continue;
    const range = r.freezing_degC !== null && r.boiling_degC !== null ? `from ${f(r.freezing_degC)} to below ${f(r.boiling_degC)}`
      : r.freezing_degC !== null ? `at or above ${f(r.freezing_degC)}` : `below ${f(r.boiling_degC!)}`;
    if (mixture) {
      throw new InputError(`${field}[${solvents.indexOf(n)}]`, n, `a solvent mixture within its components' liquid ranges at ${where}, ${Number(T_K.toFixed(2))} K (${Number(T_C.toFixed(1))} degC): ` +
        `${n} is liquid ${range}, and ${mixtureLimitWords(solvents.join('/'), n, frozen ? 'freezing' : 'boiling', T_C)}; ` +
        `screen at a temperature inside that range or with another solvent`);
    }
    throw new InputError(`${field}[${solvents.indexOf(n)}]`, n, `a solvent liquid at ${where}, ${Number(T_K.toFixed(2))} K (${Number(T_C.toFixed(1))} degC): ` +
      `${n} is liquid ${range}, so it is ${frozen ? 'frozen' : 'boiling'} there; ` +
      `screen at a temperature inside that range or with another solvent (${r.source})`);
  }
  return notes;
}

/**
 * Refuses a run temperature outside a set's liquid range (mends69): `temperature: got "-100 degC", expected a temperature
 * in KFSI-DME's liquid range, -58 to 85 degC (DME ...): ...`. `what` names the set ("electrolyte KFSI-DME", "SEI set
 * K-ether"); `given` is the run file's value.
 */
export function refuseOutsideLiquidRange(r: LiquidRange, what: string, T_K: number, given: unknown): void {
  const T_C = T_K - 273.15;
  const frozen = r.freezing_degC !== null && T_C < r.freezing_degC;
  const boiling = r.boiling_degC !== null && T_C >= r.boiling_degC;
  if (!frozen && !boiling) return;
  const f = (c: number) => `${c} degC (${Number((c + 273.15).toFixed(2))} K)`;
  const range = r.freezing_degC !== null && r.boiling_degC !== null ? `from ${f(r.freezing_degC)} to below ${f(r.boiling_degC)}`
    : r.freezing_degC !== null ? `at or above ${f(r.freezing_degC)}` : `below ${f(r.boiling_degC!)}`;
  const from = frozen ? r.freezingFrom : r.boilingFrom;
  if (from !== undefined) {
    // mends77: a mixture's bound is one component's own, taken as a rule: said as such, not as the mixture frozen or boiling
    throw new InputError('temperature', given, `a temperature within the liquid range taken for the solvent of ${what}, ${r.solvent}: ${range}; ` +
      `at ${Number(T_K.toFixed(2))} K, ${mixtureLimitWords(r.solvent, from, frozen ? 'freezing' : 'boiling', T_C)}; ` +
      `the set's values are not used past that limit`);
  }
  throw new InputError('temperature', given, `a temperature where the solvent of ${what}, ${r.solvent}, is liquid: ${range}; ` +
    `at ${Number(T_K.toFixed(2))} K (${Number(T_C.toFixed(1))} degC) it is ${frozen ? 'frozen' : 'boiling'}, and the set's values would be extrapolated past it ` +
    `(${r.source}${r.note ? `; ${r.note.split('. Freezing:')[0]}` : ''})`);
}

/** Numbers the transport model uses (SI). */
export interface ElectrolyteParams {
  name: string;
  metal: string;
  c0_mol_per_m3: number;
  D_m2_per_s: number;
  tPlus: number;
  kappa_S_per_m: number;
  /** relative permittivity, 1 (the space-charge zone's drop; branch chazal3) */
  epsR: number;
  /** where epsR comes from, in words (metrics.json's space-charge readings say it) */
  epsR_source: string;
  /** a named set's sourced kappa(c) (ElectrolyteSet.conductivityVsConcentration) at the run's temperature T_K, K; absent
   *  (an inline electrolyte, a set without one): kappa0 c / c0 (conductivityOf) */
  kappaLaw?: { kind: 'valoen-reimers' | 'nyman'; T_K: number };
}

/**
 * An inline electrolyte without `permittivity:` takes 20 (assumed; the value every set had until branch chazal3), so that
 * such a run's readings are unchanged; the run's space-charge readings say so.
 */
export const DEFAULT_INLINE_EPS_R = 20;

const VALOEN = 'Valoen & Reimers, J. Electrochem. Soc. 152, A882 (2005), doi:10.1149/1.1872737';
const NYMAN = 'Nyman, Behm & Lindbergh, Electrochim. Acta 53, 6356 (2008), doi:10.1016/j.electacta.2008.04.023';
const HANDBOOK = 'Handbook of Battery Materials, 2nd ed. (Wiley-VCH 2011), ch. 17, Table 17.18';

/** Valoen-Reimers fit of kappa (their Eq.) at c (mol/L) and T (K), mS/cm: the one place it is written. */
function valoenReimersKappa(c: number, T: number): number {
  const p = -10.5 + 0.074 * T - 6.96e-5 * T * T + 0.668 * c - 0.0178 * c * T + 2.8e-5 * c * T * T + 0.494 * c * c - 8.86e-4 * c * c * T;
  return c * p * p;
}

/** Valoen-Reimers fits (their Eqs. for D and kappa) at c (mol/L) and T (K). */
export function valoenReimers(c: number, T: number): { D_cm2_per_s: number; kappa_mS_per_cm: number } {
  const D = 10 ** (-4.43 - 54 / (T - 229 - 5 * c) - 0.22 * c);
  return { D_cm2_per_s: D, kappa_mS_per_cm: valoenReimersKappa(c, T) };
}

/** Nyman, Behm & Lindbergh's fit of kappa (LiPF6 in EC/EMC 3:7 w/w, 25 degC) at c (mol/L), S/m: the set's conductivity source */
function nymanKappa(c: number): number {
  return 0.1297 * c ** 3 - 2.51 * c ** 1.5 + 3.329 * c;
}

/**
 * The electrolyte's conductivity as a function of the salt concentration c (mol/m3), S/m (branch ohmic7; review81):
 * kappa0 K(c) / K(c0) with K the set's sourced kappa(c) (ElectrolyteParams.kappaLaw: Valoen-Reimers' fit at the run's
 * temperature, or Nyman's), kappa0 c / c0 without one. The ratio keeps kappa(c0) = kappa0 exactly (the set's printed
 * value: at 25 degC the fit's own rounded to 3 figures). The callers floor c (1e-6 c0) before calling.
 */
export function conductivityOf(e: ElectrolyteParams): (c_mol_per_m3: number) => number {
  const kappa0 = e.kappa_S_per_m, c0 = e.c0_mol_per_m3, law = e.kappaLaw;
  if (law === undefined) return (c) => (kappa0 * c) / c0;
  const K = law.kind === 'valoen-reimers' ? (c: number) => valoenReimersKappa(c, law.T_K) : nymanKappa;
  const scale = kappa0 / K(c0 / 1000);
  return (c) => scale * K(c / 1000);
}

const VR = valoenReimers(1, 298.15);
/** Coldest temperature the Valoen-Reimers fit is used at, K: its D has the Vogel-type term 54 / (T - 229 - 5c), which at 1 M is 29 K from its pole at -10 degC and drives D to 3.4e-8 cm2/s by -20 degC */
export const VR_MIN_T_K = 263.15;
const KB_EV = CONST.kB_eV;
/** Apparent Arrhenius energies of the Valoen-Reimers fit at 1 M between -10 and 25 degC (ln ratio x k / (1/T1 - 1/T2)) */
const vrEa = (i: 'D_cm2_per_s' | 'kappa_mS_per_cm') => {
  const a = valoenReimers(1, 263.15)[i], b = valoenReimers(1, 298.15)[i];
  return Number((Math.log(b / a) * KB_EV / (1 / 263.15 - 1 / 298.15)).toPrecision(2));
};
const CARBONATE_EA = {
  diffusivity: assumed(vrEa('D_cm2_per_s'), 'eV', `apparent Arrhenius energy of the ${VALOEN} fit of D at 1 M between -10 and 25 degC (LiPF6 in PC/EC/DMC, a similar carbonate); no temperature data of this set's source used`),
  conductivity: assumed(vrEa('kappa_mS_per_cm'), 'eV', `apparent Arrhenius energy of the ${VALOEN} fit of kappa at 1 M between -10 and 25 degC (a similar carbonate)`),
};
const ETHER_EA = {
  diffusivity: assumed(0.15, 'eV', 'no temperature data found for this ether electrolyte; low-viscosity ethers are taken at the lower end of the 0.15-0.3 eV of carbonate electrolytes near room temperature'),
  conductivity: assumed(0.15, 'eV', 'as the diffusivity: no temperature data found'),
};
const round3 = (x: number) => Number(x.toPrecision(3));

/**
 * Relative permittivities (static dielectric constants) of the sets' solvents at 25 degC (branch chazal3; the space-charge
 * zone's eps). Measured where a value of the set's own mixture was found (EC/EMC 3:7 with 1 M LiPF6); otherwise the pure
 * solvents' values mixed by the volume-fraction rule eps = sum phi_i eps_i, the ideal mixture's (the relative permittivity
 * of a thermodynamically ideal liquid mixture is the volume-fraction-weighted average of its components': Phys. Chem.
 * Chem. Phys. 11, 3977 (2009), doi:10.1039/b820613a, abstract). Held at every temperature (their temperature dependence is
 * not sourced here). The salt's effect is in the measured EC/EMC value only (1 M LiPF6 lowered it from 18.7 to 18.5 there).
 */
const EPS_EC_EMC_MEASURED = 'eScholarship (University of California), "Solvation Effects on the Dielectric Constant of 1 M LiPF6 in Ethylene ' +
  'Carbonate:Ethyl Methyl Carbonate 3:7", escholarship.org/uc/item/8zt5875c (abstract; journal and DOI not confirmed)';
const EPS_VENDOR = 'benchchem.com product page b149911 (a vendor page citing Resources Recycling 35:91 (2026), Table 2, and PMC8456284, Table 1)';
const EPS_DMC = 'DMC (dimethyl carbonate): 3.087 at 25 degC, Merck Index entry as reproduced at data.cas-msds.com';
const EPS_COMBAT = 'ComBat database of Li-S electrolyte solvents (github.com/rashatwi/combat, data.csv, column De: "dielectric constant ' +
  'of the solvent (from public databases & literature)")';
const EPS_MIX = 'Phys. Chem. Chem. Phys. 11, 3977 (2009), doi:10.1039/b820613a (the ideal mixture\'s permittivity: the volume-fraction-weighted average)';
/** PC/EC/DMC 10:27:63 (v/v), the Valoen-Reimers solvent, by the volume-fraction rule: PC 64.9, EC 89.6, DMC 3.087 */
const EPS_PC_EC_DMC = 0.10 * 64.9 + 0.27 * 89.6 + 0.63 * 3.087;
export const PERMITTIVITY = {
  'EC/DMC': assumed(Number(EPS_PC_EC_DMC.toPrecision(3)), '1',
    `the volume-fraction rule (${EPS_MIX}) over the Valoen-Reimers solvent PC/EC/DMC 10:27:63 (v/v): 0.10 x 64.9 (PC) + 0.27 x 89.6 (EC, ` +
    `the liquid's value; EC melts at 36 degC) + 0.63 x 3.087 (DMC) = ${EPS_PC_EC_DMC.toFixed(2)}; PC and EC from ${EPS_VENDOR}, ${EPS_DMC}. ` +
    'No measured value of this mixture found. The rule overestimates: for EC:EMC 3:7 (w/w), where 18.7 is measured (LiPF6-EC-EMC\'s source), ' +
    'it gives about 24 (EC volume fraction about 0.25 from densities near 1.32 and 1.01 g/cm3, EMC near DMC\'s 3; neither sourced here), ' +
    'so the mixture may be nearer 25; V_sc goes as eps^-1/2 (25 would read 1.14 times higher). 1 M LiPF6\'s effect not included'),
  'EC/EMC': sv(18.5, '1', EPS_EC_EMC_MEASURED, '1 M LiPF6 in EC:EMC 3:7 (w/w), the set\'s composition: static permittivity from three Debye relaxations, ' +
    'extrapolated to 18.5 (18.7 for the neat solvent mixture)'),
  'DOL/DME': assumed(7.2, '1',
    `DOL/DME 1:1 (v/v): DME 7.2 at 25 degC (${EPS_COMBAT}, 1,2-dimethoxyethane); DOL's own value was not found in the sources searched ` +
    '(search tool, pages and docs) and is taken as DME\'s (a cyclic ether of the same class; the other ethers there, diglyme 7.23 and THF 7.36, are ' +
    `within 3 %), so the volume-fraction rule (${EPS_MIX}) gives 7.2; the 1 M LiTFSI's effect not included`),
  diglyme: sv(7.23, '1', EPS_COMBAT, 'diglyme (DEGDME, bis(2-methoxyethyl) ether): 7.23 at 20 degC',
    { note: 'the pure solvent\'s value; 1 M NaPF6\'s effect not included' }),
  DME: sv(7.2, '1', EPS_COMBAT, 'DME (1,2-dimethoxyethane): 7.2 at 25 degC', { note: 'the pure solvent\'s value; 1 M KFSI\'s effect not included' }),
} satisfies Record<string, Sourced>;

export const ELECTROLYTES: Record<string, ElectrolyteSet> = {
  'LiPF6-EC-DMC': {
    name: 'LiPF6-EC-DMC',
    description: '1 M LiPF6 in EC/DMC (Valoen-Reimers: PC/EC/DMC 10:27:63 v/v), 25 degC',
    metal: 'Li',
    concentration: sv(1, 'mol/L', VALOEN, 'nominal salt concentration of the set'),
    diffusivity: sv(round3(VR.D_cm2_per_s), 'cm2/s', VALOEN, 'fit of D(c, T) evaluated at 1 M, 298.15 K'),
    transference: sv(0.38, '1', VALOEN, 't+ taken as constant 0.38 in their analysis',
      { note: `consistent with emf and NMR values 0.37-0.42 for LiPF6 in EC/EMC, ${HANDBOOK}` }),
    conductivity: sv(round3(VR.kappa_mS_per_cm), 'mS/cm', VALOEN, 'fit of kappa(c, T) evaluated at 1 M, 298.15 K'),
    permittivity: PERMITTIVITY['EC/DMC'],
    temperature: 'valoen-reimers',
    conductivityVsConcentration: 'valoen-reimers',
    liquidRange: LIQUID_RANGES['EC/DMC'],
  },
  'LiPF6-EC-EMC': {
    name: 'LiPF6-EC-EMC',
    description: '1 M LiPF6 in EC/EMC 3:7 (w/w), 25 degC',
    metal: 'Li',
    concentration: sv(1, 'mol/L', NYMAN, 'nominal salt concentration of the set'),
    diffusivity: sv(1.77e-6, 'cm2/s', NYMAN, 'fit D = 8.794e-11 c^2 - 3.972e-10 c + 4.862e-10 m2/s at c = 1 mol/L'),
    transference: sv(0.26, '1', NYMAN, 'fit t+ = -0.1287 c^3 + 0.4106 c^2 - 0.4717 c + 0.4492 at c = 1 mol/L'),
    conductivity: sv(9.49, 'mS/cm', NYMAN, 'fit kappa = 0.1297 c^3 - 2.51 c^1.5 + 3.329 c S/m at c = 1 mol/L'),
    permittivity: PERMITTIVITY['EC/EMC'],
    temperature: CARBONATE_EA,
    conductivityVsConcentration: 'nyman',
    liquidRange: LIQUID_RANGES['EC/EMC'],
  },
  'LiTFSI-DOL-DME': {
    name: 'LiTFSI-DOL-DME',
    description: '1 M LiTFSI in DOL/DME 1:1 (v/v), the Li-S / Li-metal ether standard, 25 degC',
    metal: 'Li',
    // mends68: the concentration's "source" was its own note ('nominal salt concentration of the set'); no paper that
    // states this composition was confirmed, so it says so (review54)
    concentration: assumed(1, 'mol/L',
      'the nominal 1 M of the common Li-S / Li-metal ether baseline, LiTFSI in DOL/DME 1:1 (v/v), usually with LiNO3 added ' +
      '(not modelled); no source stating this exact composition was confirmed: Li-metal studies in a DOL/DME electrolyte ' +
      'with LiNO3 were found (e.g. "The synergetic effect of lithium polysulfide and lithium nitrate to prevent lithium ' +
      'dendrite growth", Nat. Commun., doi:10.1038/ncomms8436), but not their LiTFSI concentration'),
    diffusivity: assumed(3e-6, 'cm2/s',
      'salt diffusion coefficient of a low-viscosity ether electrolyte at 1 M; no measured ambipolar D found for this ' +
      'mixture; of the order of the LiPF6/carbonate values (1.8-3.2e-6 cm2/s) and of PFG-NMR self-diffusion in glymes'),
    transference: assumed(0.45, '1',
      `NMR transference numbers of LiTFSI in carbonates are 0.42-0.48 (${HANDBOOK}); taken for the ether mixture`),
    conductivity: assumed(11, 'mS/cm',
      '1 M LiTFSI in DOL/DME is usually quoted at 10-12 mS/cm at room temperature; LiTFSI in EC/DMC 1:1 is 9 mS/cm ' +
      `at 1 M (Handbook of Battery Materials, 2nd ed., Table 17.17)`),
    permittivity: PERMITTIVITY['DOL/DME'],
    temperature: ETHER_EA,
    conductivityVsConcentration: 'proportional',
    liquidRange: LIQUID_RANGES['DOL/DME'],
  },
  'NaPF6-diglyme': {
    name: 'NaPF6-diglyme',
    description: '1 M NaPF6 in diglyme (Seh et al., ACS Cent. Sci. 1, 449 (2015): dendrite-free Na plating), 25 degC',
    metal: 'Na',
    concentration: sv(1, 'mol/L', 'Seh, Sun, Sun & Cui, ACS Cent. Sci. 1, 449 (2015), doi:10.1021/acscentsci.5b00328',
      'electrolyte composition used there'),
    diffusivity: assumed(2e-6, 'cm2/s',
      'no measured ambipolar D for NaPF6/diglyme found; diglyme is more viscous than DME, so below the LiTFSI/DOL-DME value'),
    transference: assumed(0.4, '1', 'no measured t+ found; typical of 1 M alkali salts in ethers (0.35-0.5)'),
    conductivity: assumed(6, 'mS/cm', 'order of magnitude of 1 M sodium salts in glymes (5-8 mS/cm); no measured value found'),
    permittivity: PERMITTIVITY.diglyme,
    temperature: ETHER_EA,
    conductivityVsConcentration: 'proportional',
    liquidRange: LIQUID_RANGES.diglyme,
  },
  'KFSI-DME': {
    name: 'KFSI-DME',
    description: '1 M KFSI in DME, the common K-metal ether electrolyte, 25 degC',
    metal: 'K',
    // mends68: cited without a DOI (review54); the paper is confirmed by its title, authors and abstract, its DOI was not found
    concentration: sv(1, 'mol/L',
      'Park, Oh, Kim, Alfaruqi, Xu, Liu, Xiong, Zikri, Sun, Kim & Hwang, "Regulating the Solvation Structure of Electrolyte ' +
      'via Dual-Salt Combination for Stable Potassium Metal Batteries", Adv. Sci. (2023); DOI not confirmed',
      'abstract: 1 M KFSI in DME, the baseline their 0.05 M KPF6 is added to'),
    diffusivity: assumed(3e-6, 'cm2/s',
      'KFSI/DME is reported to have higher salt diffusivity and t+ than its Li analogue (Nat. Commun. 15, 2024, ' +
      'doi:10.1038/s41467-024-51537-w, introduction); value of the order of the Li ether set'),
    transference: assumed(0.5, '1', 'higher than Li analogues (same source); value assumed'),
    conductivity: assumed(12, 'mS/cm', 'order of magnitude for 1 M KFSI in DME; no measured value found'),
    permittivity: PERMITTIVITY.DME,
    temperature: ETHER_EA,
    conductivityVsConcentration: 'proportional',
    liquidRange: LIQUID_RANGES.DME,
  },
};

/** The named set (case-insensitive), or an InputError listing the known ones. */
export function getElectrolyte(name: unknown, field = 'electrolyte'): ElectrolyteSet {
  if (typeof name === 'string') {
    const k = Object.keys(ELECTROLYTES).find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (k) return ELECTROLYTES[k]!;
  }
  throw new InputError(field, name,
    `a known electrolyte (${Object.keys(ELECTROLYTES).join(', ')}) or a map { concentration: "1 M", diffusivity: "3e-6 cm2/s", transference: 0.38, conductivity: "10 mS/cm" }`);
}

/**
 * SI numbers of a set at temperature T (K; default 25 degC): D and kappa from the Valoen-Reimers fit
 * or Arrhenius from their 25 degC values (ElectrolyteSet.temperature); c0 and t+ as given. A set
 * whose fit does not hold at T is an InputError on `electrolyte`.
 */
export function resolveElectrolyte(s: ElectrolyteSet, T_K = 298.15): ElectrolyteParams {
  let D = s.diffusivity.value, kappa = s.conductivity.value;
  if (T_K !== 298.15) {
    if (s.temperature === 'valoen-reimers') {
      if (T_K < VR_MIN_T_K) {
        throw new InputError('electrolyte', s.name, `an electrolyte whose D(T) fit holds at ${Number(T_K.toFixed(2))} K (${s.name} uses the Valoen-Reimers fit, ` +
          `used down to ${VR_MIN_T_K} K = -10 degC); for a colder run give an inline electrolyte with D and conductivity at that temperature`);
      }
      const vr = valoenReimers(s.concentration.value, T_K);
      D = vr.D_cm2_per_s; kappa = vr.kappa_mS_per_cm;
    } else {
      const arr = (ea: Sourced) => Math.exp(-(ea.value / KB_EV) * (1 / T_K - 1 / 298.15));
      D *= arr(s.temperature.diffusivity); kappa *= arr(s.temperature.conductivity);
    }
  }
  return {
    name: s.name,
    metal: s.metal,
    c0_mol_per_m3: s.concentration.value * 1e3,
    D_m2_per_s: D * 1e-4,
    tPlus: s.transference.value,
    kappa_S_per_m: kappa * 0.1,
    epsR: s.permittivity.value,
    epsR_source: `${s.name}'s permittivity ${s.permittivity.value}, ${s.permittivity.source.assumed ? 'assumed' : 'sourced'} (sacplate params show ${s.name}), its 25 degC value`,
    ...(s.conductivityVsConcentration === 'proportional' ? {} : { kappaLaw: { kind: s.conductivityVsConcentration, T_K } }),
  };
}
