/**
 * What a nucleation study is about: the metal, the host, the SAC (named from the parameter sets
 * or given by its numbers) and the SAC loading, resolved into the energies of the atomistic stage
 * and the constants of the electrode stage. All energies come from the parameter sets
 * (params/derive.ts: the review's DFT numbers without any scale); nothing here is fitted.
 */
import { InputError } from '../errors.js';
import { refuseUnknownKeys } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { builtinSets, getHost, getMetal, getSac, resolveHost, resolveMetal, resolveSac } from '../params/sets.js';
import { deriveSac, type SacSpec } from '../params/derive.js';
import type { HostSet } from '../params/types.js';
import { sv } from '../params/sourced.js';
import { metalAtTemperature, refuseMolten } from '../params/metals.js';
import { CONST, CM2_PER_M2, TO, parseQuantity } from '../units.js';
import { parseHostReduction, reductionShifts, type HostReductionRule, type ReductionShifts } from './host-reduction.js';
import { loneHopBarrier } from './atomistic.js';
import { ASSUMED_SAC_MOLAR_MASS, SAC_MOLAR_MASS as MOLAR_MASS } from './defaults.js';

export interface SacNumbers {
  /** DFT binding of M0 at the SAC, eV (sign as reported) */
  binding_eV: number;
  /** the same study's value on the plain support, eV; absent -> cohesive reference (derive.ts) */
  reference_eV?: number;
  /** desolvation energy the SAC removes, eV (becomes a negative reduction-barrier shift) */
  desolvation_eV?: number;
  /** SAC element, for loadings in wt% (absent: ASSUMED_SAC_MOLAR_MASS, said in the report) */
  element?: string;
  /** barrier for a lone adatom on the SAC to hop to a neighbouring host site, eV (kinetic only:
   * atomistic.ts moves the saddle of the SAC's edges; absent = the one energy function's saddle) */
  migration_eV?: number;
}

/** A SAC of the parameter sets with what a user may change of it (NAMED_SAC_KEYS; the loading is StudyInput.loading). */
export interface NamedSac {
  /** a SAC name from the parameter sets (sacplate params list --kind sac) */
  name: string;
  /** barrier for a lone adatom on the SAC to hop to a neighbouring host site, eV, as SacNumbers.migration_eV */
  migration_eV?: number;
}

const isNamedSac = (x: SacNumbers | NamedSac): x is NamedSac => typeof (x as NamedSac).name === 'string';

/**
 * A host of the user's own, resolved before the study (branch nuchost): a host set of `sacplate nucleation --params FILE`'s
 * `parameters.hosts` block, built by the registry as `simulate` builds it (buildParamSets), with its citation. A host by
 * its DFT numbers needs none of this: it is the host text itself ("binding -1.9 eV, reference -1.2 eV, refhost
 * graphene"), read by resolveStudy (hostFromNumbers).
 */
export interface UserHost {
  /** the host set (plain data), its name the request's host */
  set: HostSet;
  /** where its numbers come from, for the provenance and the line under the table */
  source: string;
}

export interface StudyInput {
  metal: string;
  /** a host name from the parameter sets, or a host by its DFT numbers ("binding <eV>, reference <eV>[, refhost <host>]") */
  host: string;
  /** the host set of a `parameters.hosts` block (sacplate nucleation --params FILE), named by `host` */
  hostResolved?: UserHost;
  /** a SAC name from the parameter sets (with a migration barrier: NamedSac), or its numbers; absent = the plain host */
  sac?: string | NamedSac | SacNumbers;
  /** "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"; default 1 wt% */
  loading?: string;
  /** a SAC already resolved by the parameter registry (model binding and reduction shift, eV), as a
   * simulation input resolves it: used by the screening stage so its candidates' own SACs are modelled */
  sacResolved?: { name: string; binding_eV: number; redShift_eV: number; element?: string;
    /** where its numbers come from, for the provenance (a user SAC set of `sacplate nucleation --params FILE`: its file
     * and citation); absent: "as the simulation input resolves it" (the screen's candidates) */
    source?: string };
  T_K?: number;
  /** reduction on the bare host (host-reduction.ts): `bronsted` (the default) or `metal-rate` (see there) */
  hostReduction?: HostReductionRule;
}

export interface Study {
  metal: string;
  host: string;
  sacLabel: string | null;
  T_K: number;
  a_m: number;
  z: number;
  omega_m3: number;
  i0_A_per_m2: number;
  alpha: number;
  Cdl_F_per_m2: number;
  bond_eV: number;
  terraceBarrier_eV: number;
  nu_per_s: number;
  hostBinding_eV: number;
  ownMetal: boolean;
  sac: { binding_eV: number; redShift_eV: number; sites_per_m2: number; loadingText: string; migration_eV?: number } | null;
  /** what the SAC's site density rests on beyond the user's numbers (a wt% loading without an element:
   * sacLoadingAssumption), or null */
  sacLoadingAssumption: string | null;
  /** reduction-barrier shifts of the bare host and the SAC under the study's rule (host-reduction.ts) */
  reduction: ReductionShifts;
  /** where each number came from, for the report */
  provenance: string[];
}

export { ASSUMED_SAC_MOLAR_MASS } from './defaults.js';
/** carbon atoms per nm2 of one graphene sheet (a = 0.246 nm: 2 atoms per 0.0524 nm2) */
const GRAPHENE_C_PER_NM2 = 38.2;

export const DEFAULT_LOADING = '1 wt%';

/**
 * A loading text's number and unit ("wt%", "%" or "sites/nm2"); refused in one line otherwise. The sign
 * is read so that a negative loading is told apart from a malformed one (it was refused with the
 * generic "such as" line, which did not say what was wrong).
 */
function parseLoading(text: string): { v: number; unit: 'wt%' | '%' | 'sites/nm2' } {
  const m = /^\s*([-+]?[0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*(wt%|wt ?%|%|sites\/nm2)\s*$/i.exec(text);
  if (!m) throw new InputError('loading', text, 'a SAC loading such as "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"');
  const v = Number(m[1]);
  if (!(v >= 0)) throw new InputError('loading', text, 'a SAC loading of 0 or more, such as "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"');
  const unit = m[2]!.toLowerCase().replace(/\s/g, '');
  return { v, unit: unit === 'sites/nm2' ? 'sites/nm2' : unit === '%' ? '%' : 'wt%' };
}

/**
 * The assumption a loading text rests on when the SAC's element is not given: a wt% loading with no
 * element takes ASSUMED_SAC_MOLAR_MASS (one line for the report, the provenance and the CLI's
 * warning); null when nothing is assumed (an element given, or a loading in % or sites/nm2).
 * An element that is given but unknown is refused, as sacSitesPerM2 refuses it.
 */
export function sacLoadingAssumption(text: string, element: string | undefined): string | null {
  if (element !== undefined || parseLoading(text).unit !== 'wt%') return null;
  return `SAC element not given: its molar mass taken as ${ASSUMED_SAC_MOLAR_MASS} g/mol (the middle of the 3d SAC metals Mn-Zn, ` +
    `${MOLAR_MASS.Mn}-${MOLAR_MASS.Zn} g/mol) to turn ${text.trim()} into sites, within +-8.7 % of the true sites for Mn to Zn ` +
    `(52 % too many for Zr); give "element <symbol>" for the exact mass`;
}

/**
 * SAC sites per m2 from a loading text; a wt% loading without an element takes ASSUMED_SAC_MOLAR_MASS.
 * At most one SAC per host site (1 / a^2, as "100 %" gives): more sites than the lattice has ran and
 * gave a number ("1000 sites/nm2" on Li's 11.1 host sites/nm2 read 43.6 mV, below 100 %'s 44.6 mV);
 * the run file's sacs[].loading is bounded the same way (input/run-schema.ts).
 */
export function sacSitesPerM2(text: string, element: string | undefined, a_m: number): number {
  const { v, unit } = parseLoading(text);
  const hostSites = 1 / (a_m * a_m);
  const atMostHost = (sites: number): number => {
    if (sites > hostSites * (1 + 1e-12)) {
      throw new InputError('loading', text, `at most one SAC per host site, ${(hostSites / 1e18).toPrecision(3)} sites/nm2 at a = ${(a_m * 1e9).toPrecision(3)} nm ("100 %"); this gives ${(sites / 1e18).toPrecision(3)} sites/nm2`);
    }
    return sites;
  };
  if (unit === 'sites/nm2') return atMostHost(v * 1e18);
  if (unit === '%') {
    if (!(v >= 0 && v <= 100)) throw new InputError('loading', text, 'a share of host sites from 0 to 100 %');
    return (v / 100) / (a_m * a_m);
  }
  if (!(v >= 0 && v < 100)) throw new InputError('loading', text, 'a mass loading from 0 to 100 wt%');
  const M = element === undefined ? ASSUMED_SAC_MOLAR_MASS : MOLAR_MASS[element];
  if (M === undefined) throw new InputError('sac.element', element, `one of ${Object.keys(MOLAR_MASS).join(', ')} (the SAC's element, whose molar mass turns "${text.trim()}" into sites; leave it out to take ${ASSUMED_SAC_MOLAR_MASS} g/mol, the middle of Mn-Zn)`);
  // SAC atoms per carbon atom, on one graphene-like sheet
  const perC = (v / M) / ((100 - v) / 12.011);
  return atMostHost(perC * GRAPHENE_C_PER_NM2 * 1e18);
}

/** Largest |energy| a SAC given by its numbers may have, eV (DFT binding energies of Li/Na/K at SACs are below ~5 eV). */
const SAC_ENERGY_LIMIT_EV = 10;

const SAC_NUMBER_KEYS = ['binding_eV', 'reference_eV', 'desolvation_eV', 'element', 'migration_eV'] as const;

/**
 * A library caller's SAC by its numbers (SacNumbers), checked as parseSacText checks the CLI's text:
 * a number given as text, or a key spelt `binding`, failed inside derive.ts naming `energy`.
 */
function sacNumbersArg(v: unknown): SacNumbers {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new InputError('sac', v, "a SAC name (sacplate params list --kind sac), { name, migration_eV } or its numbers { binding_eV, reference_eV?, desolvation_eV?, element?, migration_eV? }");
  }
  const o = v as Record<string, unknown>;
  if ('name' in o) throw new InputError('sac.name', o.name, 'a SAC name as text (sacplate params list --kind sac)');
  refuseUnknownKeys('sac', o, SAC_NUMBER_KEYS, {
    owner: 'a SAC by its numbers has', list: `${SAC_NUMBER_KEYS.join(', ')} (or name, for a named SAC)`,
    // `binding` is the CLI text's key (parseSacText): the object's keys carry the unit
    meant: (k) => ((SAC_NUMBER_KEYS as readonly string[]).includes(`${k}_eV`) ? `${k}_eV` : undefined),
  });
  for (const k of ['binding_eV', 'reference_eV', 'desolvation_eV', 'migration_eV'] as const) {
    const x = o[k];
    if (x === undefined && k !== 'binding_eV') continue;
    if (typeof x !== 'number' || !(Math.abs(x) <= SAC_ENERGY_LIMIT_EV)) {
      throw new InputError(`sac.${k}`, x, `an energy in eV, a number from -${SAC_ENERGY_LIMIT_EV} to ${SAC_ENERGY_LIMIT_EV}${k === 'binding_eV' ? ' (the DFT binding energy of M0 at the SAC, e.g. -2.29)' : ''}`);
    }
    if (k === 'desolvation_eV' && x < 0) throw new InputError('sac.desolvation_eV', x, `a number from 0 to ${SAC_ENERGY_LIMIT_EV}, in eV (${DESOLVATION_TEXT})`);
  }
  if (o.element !== undefined && typeof o.element !== 'string') throw new InputError('sac.element', o.element, 'an element symbol, e.g. "Co"');
  if (o.reference_eV !== undefined) checkReferenceSign(o.binding_eV as number, o.reference_eV as number, 'sac.reference_eV', o.reference_eV, `binding_eV ${String(o.binding_eV)}`);
  return o as unknown as SacNumbers;
}

/**
 * The keys of a SAC given by its numbers and what each takes, in the order the messages list them: one
 * list for parseSacText's messages and for sacArg (cases.ts), which tells such a text from a SAC's name.
 */
export const SAC_TEXT_KEYS = {
  binding: '<eV>', reference: '<eV>', desolvation: '<eV>', migration: '<eV>', loading: '<wt% | % | sites/nm2>', element: '<symbol>',
} as const;

/** What nucleation takes in place of a SAC name it does not know: its numbers, or a set of --params FILE (mends79). */
const SAC_BY_NUMBERS = 'or give the SAC by its DFT numbers, e.g. "binding -2.9 eV, reference -2.37 eV, element Cu", or a set of your own with --params FILE';
/** The same for a host (nuchost; until mends83 an unknown host's line said only "expected a known host": review64) */
const HOST_BY_NUMBERS = 'or give the host by its DFT numbers, e.g. "binding -1.25 eV, reference -1.2 eV, refhost graphene", or a set of your own with --params FILE';

/**
 * Why a desolvation energy is >= 0: it is the energy the SAC removes from the reduction barrier (derive.ts: the
 * reduction shift is -desolvation x bindingScale), as a screen descriptor row's desolvation_shift_eV (>= 0, screen/spec.ts);
 * a negative one raised the barrier without a word.
 */
const DESOLVATION_TEXT = 'the desolvation energy the SAC removes from the reduction barrier, >= 0, as a screen descriptor row\'s desolvation_shift_eV';

/**
 * A SAC's binding and its same-study reference in one sign convention. derive.ts takes |E_SAC| - |E_ref|, so
 * "binding -2.29 eV, reference 2.37 eV" (the DFT sign for one, a printed magnitude, or a support that does not bind,
 * for the other) ran as a SAC that binds 0.08 eV less than its support, where the DFT sign reads 4.66 eV more, and a
 * screen descriptor row (binding_vs_support_eV, signed) reads it so too (review64). `b` and `r` in eV; `field`,
 * `value` the reference as given; `bText` the binding as given.
 */
function checkReferenceSign(b: number, r: number, field: string, value: unknown, bText: string, what: 'SAC' | 'host' = 'SAC'): void {
  if (!(b * r < 0)) return;
  const diff = Number((Math.abs(b) - Math.abs(r)).toPrecision(6));
  const ran = diff === 0 ? 'as binding exactly as its support' : `that binds ${Math.abs(diff)} eV ${diff > 0 ? 'more' : 'less'} than its support`;
  if (what === 'host') {
    throw new InputError(field, value, `an energy of the same sign as binding (${bText}): both with the DFT sign (negative = binds) or both as printed magnitudes; the model takes |binding| - |reference|, which would run these as a host ${ran.replace('its support', 'its reference host')}` +
      (b < 0 ? `; a reference host that does not bind (a positive DFT energy) is given as the difference: "binding ${Number((b - r).toPrecision(6))} eV, reference 0 eV"` : ''));
  }
  // DFT sign: a SAC that binds (< 0) beside a support that does not (> 0) is the signed difference, exactly
  const hint = b < 0 ? `; a support that does not bind (a positive DFT energy) is given as the difference: "binding ${Number((b - r).toPrecision(6))} eV, reference 0 eV"` : '';
  throw new InputError(field, value, `an energy of the same sign as binding (${bText}): both with the DFT sign (negative = binds, as the parameter sets store them) or both as printed magnitudes; the model takes |binding| - |reference| (params/derive.ts), which would run these as a SAC ${ran}${hint}`);
}

/** What an energy of a SAC text takes (`binding`, `reference`, `desolvation`, `migration`). */
const SAC_ENERGY_TEXT = 'an energy in eV, e.g. "-2.29 eV" (or with its unit: "-2290 meV", "-221 kJ/mol")';

/** The key-value parts of a SAC text ("binding -2.29 eV", "loading 1.2 wt%", ...), each key once; `refuse` throws for a key the caller does not take. */
function parseSacParts(parts: string[], text: string, refuse: (key: string, val: string) => void): { numbers: Partial<SacNumbers>; loading?: string } {
  const out: Partial<SacNumbers> = {};
  let loading: string | undefined;
  const seen = new Set<string>();
  const given: Record<string, string> = {};
  for (const part of parts) {
    const m = /^(\w+)\s+(.+)$/.exec(part);
    if (!m) throw new InputError('sac', part, `key value pairs: ${Object.entries(SAC_TEXT_KEYS).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const key = m[1]!.toLowerCase(), val = m[2]!.trim();
    // "binding -2.29 eV, binding -1 eV" ran with the last one and said nothing
    if (seen.has(key)) throw new InputError(`sac.${key}`, val, `${key} once (it is given twice in "${text.trim()}")`);
    seen.add(key);
    // own keys only: `in` would take "constructor" or "toString" (Object.prototype) for a key
    if (!Object.prototype.hasOwnProperty.call(SAC_TEXT_KEYS, key)) throw new InputError('sac', key, `one of ${Object.keys(SAC_TEXT_KEYS).join(', ')}${didYouMean(key, Object.keys(SAC_TEXT_KEYS))}`);
    refuse(key, val);
    given[key] = val;
    const ev = () => energyOfText(`sac.${key}`, val, '-2.29');
    if (key === 'binding') out.binding_eV = ev();
    else if (key === 'reference') out.reference_eV = ev();
    else if (key === 'desolvation') {
      out.desolvation_eV = ev();
      if (out.desolvation_eV < 0) throw new InputError('sac.desolvation', val, `an energy from 0 to ${SAC_ENERGY_LIMIT_EV} eV (${DESOLVATION_TEXT}), e.g. "0.38 eV"`);
    }
    else if (key === 'migration') out.migration_eV = ev();
    else if (key === 'loading') loading = val;
    else out.element = val;
  }
  if (out.binding_eV !== undefined && out.reference_eV !== undefined) checkReferenceSign(out.binding_eV, out.reference_eV, 'sac.reference', given.reference, `"${given.binding}"`);
  return loading !== undefined ? { numbers: out, loading } : { numbers: out };
}

/**
 * An energy of a SAC or host text, eV: "-2.29 eV", or with its unit ("-2290 meV", "-221 kJ/mol", as papers print DFT and
 * desolvation energies; units.ts: per particle with Avogadro's number; "-280 kJ/mol" was refused as "an energy in eV"),
 * within +-SAC_ENERGY_LIMIT_EV (DFT adsorption and desolvation energies are a few eV; -229 eV is a slipped decimal point;
 * the sign is free: the review quotes binding energies both ways, derive.ts takes |E|). `example`: the number the
 * refusal shows ("-2.29" for a SAC, "-1.9" for a host).
 */
function energyOfText(field: string, val: string, example: string): number {
  const q = /^(-?[0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*eV$/i.exec(val);
  let e: number;
  if (q) e = Number(q[1]);
  else {
    try { e = Number(parseQuantity(field, val, 'energy').toPrecision(12)); } catch { throw new InputError(field, val, SAC_ENERGY_TEXT.replace('-2.29', example)); }
  }
  if (!(Math.abs(e) <= SAC_ENERGY_LIMIT_EV)) throw new InputError(field, val, `an energy from -${SAC_ENERGY_LIMIT_EV} to ${SAC_ENERGY_LIMIT_EV} eV, e.g. "${example} eV"`);
  return e;
}

/**
 * The comma-separated parts of a SAC or host text. A number written with a decimal comma ("binding -1,25 eV", as a
 * workbench box takes what is typed) split into "binding -1" and "25 eV", and was refused as `host: got "25", expected
 * one of binding, ...` (review71): a part that starts with a digit after one that ends in one is refused naming the
 * key and the value as typed.
 */
const splitParts = (text: string, field: 'sac' | 'host'): string[] => {
  const parts = text.split(',').map((s) => s.trim());
  for (let i = 1; i < parts.length; i++) {
    const prev = /^(\w+)\s+(.*\d)$/.exec(parts[i - 1]!);
    if (prev && /^\d/.test(parts[i]!)) {
      throw new InputError(`${field}.${prev[1]!.toLowerCase()}`, `${prev[2]},${parts[i]}`, `a number with a decimal point, e.g. "${prev[1]} ${prev[2]}.${parts[i]}" (a comma separates the text's parts: "binding -1.25 eV, reference -1.2 eV")`);
    }
  }
  return parts.filter(Boolean);
};

/** Parses "binding -2.29 eV, reference -1.2 eV, desolvation 0.38 eV, migration 1.5 eV, loading 1.2 wt%, element Co". */
export function parseSacText(text: string): { numbers: SacNumbers; loading?: string } {
  const p = parseSacParts(splitParts(text, 'sac'), text, () => {});
  if (p.numbers.binding_eV === undefined) throw new InputError('sac.binding', null, 'the DFT binding energy of M0 at the SAC in eV, e.g. "binding -2.29 eV"');
  const r: { numbers: SacNumbers; loading?: string } = { numbers: p.numbers as SacNumbers };
  if (p.loading !== undefined) r.loading = p.loading;
  return r;
}

/** What a named SAC takes beside its name: the keys that are not the parameter set's own numbers. */
export const NAMED_SAC_KEYS = ['loading', 'migration'] as const;

/**
 * Parses a named SAC with overrides, "Zn-N4, loading 2 wt%, migration 1.5 eV" (the name first, then
 * NAMED_SAC_KEYS with the syntax of a SAC by its numbers). Binding, reference, desolvation and element
 * are the set's own: giving one is refused (the SAC by its numbers is the way to change them). A name
 * alone, or a name with only a loading, gives the name as a string, so that it resolves, and keys its
 * atomistic data, exactly as the bare name does.
 */
export function parseNamedSacText(text: string): { sac: string | NamedSac; loading?: string } {
  const [name, ...rest] = splitParts(text, 'sac');
  if (name === undefined) throw new InputError('sac', text, 'a SAC name (sacplate params list --kind sac) or "binding <eV>, ..."');
  const p = parseSacParts(rest, text, (key, val) => {
    if (!(NAMED_SAC_KEYS as readonly string[]).includes(key)) {
      throw new InputError(`sac.${key}`, val, `nothing for the named SAC ${name} (its ${key} is the parameter set's; a named SAC takes ${NAMED_SAC_KEYS.join(' and ')}): to change it, give the SAC by its numbers, "binding <eV>, reference <eV>, ..."`);
    }
  });
  const sac: string | NamedSac = p.numbers.migration_eV !== undefined ? { name, migration_eV: p.numbers.migration_eV } : name;
  return p.loading !== undefined ? { sac, loading: p.loading } : { sac };
}

/**
 * Checks a SAC's migration barrier against its model binding and says what it does (provenance line):
 * the saddle moves both directions of the SAC's edges (atomistic.ts), so the barrier into the SAC,
 * E_migration - (E_SAC - E_host), must not be negative, nor the barrier out of it.
 */
function checkMigration(m: number, sacBinding_eV: number, metal: { name: string; terraceBarrier_eV: number; bond_eV: number }, host: { name: string; binding_eV: number }): string {
  const least = Math.max(0, sacBinding_eV - host.binding_eV);
  const dflt = loneHopBarrier(metal.terraceBarrier_eV, metal.bond_eV, sacBinding_eV);
  if (!(m >= least - 1e-9)) { // the tolerance: "at least 1.290 eV" must take 1.29 eV
    throw new InputError('sac.migration', `${m} eV`, `a barrier of at least ${least.toFixed(3)} eV: the model SAC binds ${metal.name} ${least.toFixed(3)} eV more than ${host.name}, so a lower barrier out of it makes the barrier into it negative (the one energy function's barrier is ${dflt.toFixed(3)} eV; docs/nucleation.md)`);
  }
  return `SAC migration barrier ${m} eV (user input): saddle of its first-layer edges moved by ${(m - dflt).toFixed(4)} eV from the one energy function's ${dflt.toFixed(4)} eV; into the SAC ${(m - sacBinding_eV + host.binding_eV).toFixed(4)} eV (kinetic only; atomistic.ts)`;
}

/** The keys of a host given by its DFT numbers (`--host "binding -1.9 eV, reference -1.2 eV, refhost graphene"`). */
export const HOST_TEXT_KEYS = { binding: '<eV>', reference: '<eV>', refhost: '<host>' } as const;

/** A host text that is numbers rather than a name: it starts with one of HOST_TEXT_KEYS and a value. */
export const isHostNumbers = (text: string): boolean => /^\s*(binding|reference|refhost)\s+\S/i.test(text);

/** The set name of a host given by its numbers (its label is its text). */
export const USER_HOST_NAME = 'user-host';

/**
 * Why refhost takes a built-in host only (review71 found a block's host refused there without a word of why): the model
 * binding is derived from refhost's, which must be one of the package's cited sets; a host of a parameters block (or one
 * by numbers) is run by naming it as the case's host, not used as a reference.
 */
const refhostBuiltin = (name: string): string => `a built-in host: the derived binding starts from refhost's model binding, which must be one of the package's cited sets; a host of a parameters block or one by its numbers is not a reference (run a block's host by naming it as the host, e.g. "host: ${name}", or give the reference energy the same DFT study computed on a built-in host)`;

/** Most a model host binding may be, eV: a parameter set's binding is 0 to 5 eV (params/registry.ts). */
const HOST_BINDING_MAX_EV = 5;

/**
 * A host by its DFT numbers, with the rule of a SAC by its numbers (derive.ts, docs/parameters.md): the model binding is
 * the reference host's model binding + (|binding| - |reference|), where `binding` is the DFT adsorption energy of one
 * metal atom on the new host and `reference` the same study's adsorption energy of one metal atom on `refhost` (a
 * built-in host; default the metal's own surface, the host named as the metal, whose model binding is the metal's bond).
 * Both in one sign convention (negative = binds, or both printed magnitudes); a model binding below 0 or above 5 eV is
 * refused naming the derivation. The set is built as the registry builds a user host (redShift 0, the hop barrier the
 * one energy function's), so that resolveHost reads it as simulate reads a host of parameters.hosts.
 */
export function hostFromNumbers(text: string, metal: { name: string; bond_eV: number; terraceBarrier_eV: number }, hosts: Record<string, HostSet>): HostSet {
  const given: Record<string, string> = {};
  for (const part of splitParts(text, 'host')) {
    const m = /^(\w+)\s+(.+)$/.exec(part);
    if (!m) throw new InputError('host', part, `key value pairs: ${Object.entries(HOST_TEXT_KEYS).map(([k, v]) => `${k} ${v}`).join(', ')} (or a host name: sacplate params list --kind host)`);
    const key = m[1]!.toLowerCase(), val = m[2]!.trim();
    if (!Object.prototype.hasOwnProperty.call(HOST_TEXT_KEYS, key)) {
      const hop = /^(hop|migration|terracebarrier|barrier)$/.test(key)
        ? ': a plain host\'s hop barrier is not an input of the model, it is derived from the binding (the metal\'s terrace barrier - its bond + the host\'s binding, src/apps/plating.ts)' : '';
      throw new InputError('host', key, `one of ${Object.keys(HOST_TEXT_KEYS).join(', ')}${hop}${didYouMean(key, Object.keys(HOST_TEXT_KEYS))}`);
    }
    if (given[key] !== undefined) throw new InputError(`host.${key}`, val, `${key} once (it is given twice in "${text.trim()}")`);
    given[key] = val;
  }
  const energy = (key: 'binding' | 'reference'): number => {
    const val = given[key];
    if (val === undefined) {
      throw new InputError(`host.${key}`, null, key === 'binding'
        ? 'the DFT adsorption energy of one metal atom on the host in eV, e.g. "binding -1.9 eV"'
        : `the same study's adsorption energy of one metal atom on refhost (default ${metal.name}, the metal's own surface) in eV, e.g. "reference -1.2 eV, refhost graphene": the model takes a difference of the two, never a DFT energy alone`);
    }
    return energyOfText(`host.${key}`, val, '-1.9');
  };
  const b = energy('binding'), r = energy('reference');
  checkReferenceSign(b, r, 'host.reference', given.reference, `"${given.binding}"`, 'host');
  const refName = given.refhost ?? metal.name;
  // mends86 (review71: a parameters block's host as refhost was refused as "expected a known host: Cu, Li, ..." alone)
  const refSet = getHost(refName, { metals: {}, hosts, sacs: {}, bindingScale: 1 } as unknown as Parameters<typeof getHost>[1], 'host.refhost', refhostBuiltin(refName));
  const base = resolveHost(refSet, metal.name, 'host.refhost', '').binding_eV;
  const v = base + (Math.abs(b) - Math.abs(r));
  const arith = `${refSet.name}'s ${base.toFixed(4)} eV + (|binding| ${Math.abs(b)} - |reference| ${Math.abs(r)}) eV = ${v.toFixed(4)} eV`;
  if (v < 0) {
    throw new InputError('host.binding', given.binding, `a host that binds ${metal.name} at least ${Number((Math.abs(r) - base).toPrecision(4))} eV in magnitude beside reference ${given.reference} on ${refSet.name}: ` +
      `the model's host binding is ${arith}, below 0 (a host that repels ${metal.name}; a parameter set's binding is 0 to ${HOST_BINDING_MAX_EV} eV, params/registry.ts)`);
  }
  if (v > HOST_BINDING_MAX_EV) throw new InputError('host.binding', given.binding, `a model host binding of at most ${HOST_BINDING_MAX_EV} eV (a parameter set's range, params/registry.ts): ${arith}`);
  const note = `host by numbers (user input, sacplate nucleation --host): same-study reference: ${arith}`;
  return {
    name: USER_HOST_NAME, description: `host given by its numbers: ${text.trim()}`, conducting: true, source: { ref: 'user input', where: '--host' },
    metals: { [metal.name]: {
      binding: sv(v, 'eV', 'user input', '--host', { note }),
      redShift: sv(0, 'eV', 'default', undefined, { note: 'no reduction shift' }),
      terraceBarrier: sv(loneHopBarrier(metal.terraceBarrier_eV, metal.bond_eV, v), 'eV', 'derived', undefined, { note: 'one energy function: terrace barrier - bond + binding' }),
    } },
  };
}

export function resolveStudy(input: StudyInput): Study {
  const sets = builtinSets();
  // nucleation reads no parameters: block (below): "or define one under parameters.metals" pointed at nothing (review51)
  const metalSet = getMetal(input.metal, sets, 'metal', '');
  const T_K = input.T_K ?? 298.15;
  refuseMolten(metalSet, T_K, 'T_K', T_K); // a liquid Na or K nucleated as a solid (review56)
  const metal = metalAtTemperature(resolveMetal(metalSet), T_K); // i0 at T (params/metals.ts)
  // nucleation reads no parameters: block: its refusals name what it takes instead (a SAC by its numbers)
  // a host of one's own (branch nuchost): a host set of --params FILE (hostResolved), or a host by its DFT numbers
  const hr = input.hostResolved;
  if (hr !== undefined && (hr === null || typeof hr !== 'object' || typeof hr.set !== 'object' || hr.set === null || hr.set.name !== input.host)) {
    throw new InputError('hostResolved', hr, `a host set named as the request's host ("${String(input.host)}"), { set, source }, as sacplate nucleation --params builds it`);
  }
  const byNumbers = hr === undefined && typeof input.host === 'string' && isHostNumbers(input.host);
  const hostSet = hr !== undefined ? hr.set : byNumbers ? hostFromNumbers(input.host, metal, sets.hosts) : getHost(input.host, sets, 'host', HOST_BY_NUMBERS);
  const hostsWith = hr !== undefined || byNumbers ? { ...sets.hosts, [hostSet.name]: hostSet } : sets.hosts;
  const withMetal = Object.values(sets.hosts).filter((h) => h.metals[metal.name]).map((h) => h.name);
  const host = resolveHost(hostSet, metal.name, 'host', hr !== undefined ? `define them under parameters.hosts.${hostSet.name}.metals.${metal.name}` : `or choose a host that has them: ${withMetal.join(', ')}`);
  // nucleation's reduction on the bare host is its rule (--host-reduction, host-reduction.ts): a host set's own
  // reduction shift would be read by simulate and not here
  if (hr !== undefined && host.redShift_eV !== 0) {
    throw new InputError(`parameters.hosts.${hostSet.name}.metals.${metal.name}.redShift`, `${host.redShift_eV} eV`, `0 eV or nothing: nucleation's reduction on the bare host is its rule (--host-reduction bronsted or metal-rate), it reads no host's reduction shift`);
  }
  const a = metal.atomicSpacing_m;
  const cdl = metalSet.doubleLayerCapacitance;
  const provenance: string[] = [
    `metal ${metal.name}: bond ${metal.bond_eV} eV, terrace barrier ${metal.terraceBarrier_eV} eV, i0 ${TO.mA_per_cm2(metal.i0_A_per_m2)} mA/cm2, a ${a * 1e9} nm (params/metals.ts)`,
    hr !== undefined ? `host ${host.name}: binding ${host.binding_eV.toFixed(4)} eV (${hr.source})`
      : byNumbers ? `host ${input.host.trim()}: binding ${host.binding_eV.toFixed(4)} eV (${hostSet.metals[metal.name]?.binding.source.note ?? ''})`
      : `host ${host.name}: binding ${host.binding_eV.toFixed(4)} eV (params/hosts.ts, derive.ts)`,
  ];
  let sac: Study['sac'] = null;
  let sacLabel: string | null = null;
  let loadingAssumption: string | null = null;
  // a loading with no SAC to load was dropped without a word (the bare host ran)
  if (input.loading !== undefined && input.sac === undefined && input.sacResolved === undefined) {
    throw new InputError('loading', input.loading, 'a SAC as well (--sac or a case\'s sac:): a loading without a SAC places nothing');
  }
  if (input.sac !== undefined || input.sacResolved !== undefined) {
    const loadingText = input.loading ?? DEFAULT_LOADING;
    let params: { binding_eV: number; redShift_eV: number; migration_eV?: number };
    let element: string | undefined;
    let migration: number | undefined;
    if (input.sacResolved !== undefined) {
      const r = input.sacResolved;
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = r.element;
      sacLabel = r.name;
      provenance.push(`SAC ${r.name}: binding ${r.binding_eV.toFixed(4)} eV, reduction shift ${r.redShift_eV} eV (${r.source ?? 'as the simulation input resolves it'})`);
    } else if (typeof input.sac === 'string' || (input.sac !== undefined && isNamedSac(input.sac))) {
      const named: NamedSac = typeof input.sac === 'string' ? { name: input.sac } : input.sac;
      refuseUnknownKeys('sac', named as unknown as Record<string, unknown>, ['name', 'migration_eV'], { owner: 'a named SAC has', list: 'name and migration_eV (its loading is the request\'s loading)' });
      const set = getSac(named.name, sets, 'sac', SAC_BY_NUMBERS);
      const r = resolveSac(set, metal.name, 'sac', SAC_BY_NUMBERS);
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = set.element;
      sacLabel = set.name;
      provenance.push(`SAC ${set.name}: binding ${r.binding_eV.toFixed(4)} eV, reduction shift ${r.redShift_eV} eV (params/sacs.ts, derive.ts: ${set.metals[metal.name]?.binding.source.note ?? ''})`);
      // a library caller's number (the text parsers check theirs)
      if (named.migration_eV !== undefined && (!Number.isFinite(named.migration_eV) || Math.abs(named.migration_eV) > SAC_ENERGY_LIMIT_EV)) throw new InputError('sac.migration', named.migration_eV, `an energy from -${SAC_ENERGY_LIMIT_EV} to ${SAC_ENERGY_LIMIT_EV} eV (a number, in eV)`);
      migration = named.migration_eV;
    } else {
      const n = sacNumbersArg(input.sac);
      const dft: SacSpec['metals'][keyof SacSpec['metals']] = {
        refHost: hostSet.name, sacKey: 'binding',
        dft: { binding: sv(n.binding_eV, 'eV', 'user input (sacplate nucleation --sac)') },
      };
      if (n.reference_eV !== undefined) { dft.refKey = 'reference'; dft.dft.reference = sv(n.reference_eV, 'eV', 'user input'); }
      if (n.desolvation_eV !== undefined) { dft.desolvationKey = 'desolvation'; dft.dft.desolvation = sv(n.desolvation_eV, 'eV', 'user input'); }
      const spec: SacSpec = {
        name: 'user-SAC', element: n.element ?? '?', coordination: '?', support: hostSet.name, description: 'SAC given by its numbers',
        source: { ref: 'user input' }, metals: { [metal.name]: dft },
      };
      const derived = deriveSac(spec, hostsWith, sets.metals);
      const r = resolveSac(derived, metal.name, 'sac');
      // a SAC weaker than its same-study support by more than the host's own binding: the model's binding came out
      // below 0 (a site that repels the metal) and ran without a word, reading about as the bare host (review64);
      // a parameter set's binding takes 0 to 5 eV (params/registry.ts), the cohesive reference clamps at >= 0
      if (r.binding_eV < 0 && n.reference_eV !== undefined) {
        const b = Math.abs(n.binding_eV), ref = Math.abs(n.reference_eV);
        throw new InputError('sac.binding', `${n.binding_eV} eV`, `a SAC that binds ${metal.name} at least ${Number((ref - host.binding_eV).toPrecision(4))} eV in magnitude beside reference ${n.reference_eV} eV on ${hostSet.name}: ` +
          `the model's SAC binding is ${hostSet.name}'s ${host.binding_eV.toFixed(4)} eV + (|binding| ${b} - |reference| ${ref}) eV = ${r.binding_eV.toFixed(3)} eV, below 0 (a site that repels ${metal.name}; ` +
          `a parameter set's binding is 0 to 5 eV, params/derive.ts): a SAC that binds ${metal.name} ${Number((ref - b).toPrecision(6))} eV less than its support is no nucleation site; run the bare host (no SAC) for the support alone`);
      }
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = n.element;
      sacLabel = `binding ${n.binding_eV} eV` + (n.reference_eV !== undefined ? ` vs ${n.reference_eV} eV` : '');
      provenance.push(`SAC by numbers: ${derived.metals[metal.name]?.binding.source.note ?? ''}`);
      migration = n.migration_eV;
    }
    // a migration barrier, named SAC or numbers alike: checked against the SAC's model binding, said, kept
    if (migration !== undefined) {
      provenance.push(checkMigration(migration, params.binding_eV, metal, { name: hostSet.name, binding_eV: host.binding_eV }));
      params.migration_eV = migration;
      sacLabel += `, migration ${migration} eV`;
    }
    const sites = sacSitesPerM2(loadingText, element, a);
    sac = { ...params, sites_per_m2: sites, loadingText };
    loadingAssumption = sacLoadingAssumption(loadingText, element);
    provenance.push(`SAC loading ${loadingText} = ${(sites / 1e18).toPrecision(3)} sites/nm2` +
      (/wt/i.test(loadingText) ? ` (on a graphene-like sheet, ${GRAPHENE_C_PER_NM2} C/nm2; assumed)` : ''));
    if (loadingAssumption !== null) provenance.push(`assumed: ${loadingAssumption}`);
  }
  const reduction = reductionShifts(parseHostReduction('hostReduction', input.hostReduction), { bond_eV: metal.bond_eV, hostBinding_eV: host.binding_eV, sac });
  provenance.push(`reduction on the bare host: rule ${reduction.rule}, host barrier shift ${reduction.host_eV.toFixed(4)} eV` +
    (reduction.sac_eV !== null ? `, SAC ${reduction.sac_eV.toFixed(4)} eV` : '') +
    (reduction.rule === 'bronsted' ? ` (beta ${reduction.beta} of the binding deficit against the metal's own terrace adatom; host-reduction.ts)` : ' (the metal\'s own rate on every site)'));
  return {
    metal: metal.name, host: byNumbers ? input.host.trim() : hostSet.name, sacLabel, T_K, a_m: a, z: metal.z, omega_m3: metal.atomicVolume_m3,
    i0_A_per_m2: metal.i0_A_per_m2, alpha: metal.alpha,
    Cdl_F_per_m2: cdl ? cdl.value * 1e-6 * CM2_PER_M2 : 0.2,
    bond_eV: metal.bond_eV, terraceBarrier_eV: metal.terraceBarrier_eV, nu_per_s: metal.nu_per_s,
    hostBinding_eV: host.binding_eV,
    ownMetal: hostSet.name === metal.name,
    sac, sacLoadingAssumption: loadingAssumption, reduction, provenance,
  };
}

/** Per-site exchange rate of the metal, 1/s: i0 a^2 / (z e). */
export function exchangeRate(s: Study): number {
  return (s.i0_A_per_m2 * s.a_m * s.a_m) / (s.z * CONST.e);
}
