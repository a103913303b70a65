/**
 * The one place where the model's effective energies of hosts and SAC sites are derived from
 * the metal's effective bond and the review's DFT numbers. Change a metal's bond / terrace
 * barrier and every derived value follows.
 *
 * Rules (all results are marked `assumed: true` with a note that shows the arithmetic):
 *  - plain host: binding = factor x metal bond, factor = (1 + cos theta) / 2 from the molten
 *    metal's contact angle theta on the host (Young-Dupre in bond counting: the Winterbottom
 *    island has height / width = 1 - factor); sources and the assumed angles in hosts.ts;
 *    redShift 0; terraceBarrier derived (one energy function: E_d(metal) - E_mm + binding).
 *  - SAC site: binding = binding of its reference host + (|E_SAC| - |E_ref|) (no scale; bindingScale = 1
 *    unless a user sets one for a sensitivity study), where
 *    E_SAC is the review's DFT M0 binding at the SAC and E_ref the same study's value for the
 *    substrate it was compared with ("same-study reference"). When the review gives no
 *    substrate value, E_ref is the metal's cohesive energy (Kittel) and the difference is clamped
 *    at >= 0 ("cohesive reference": a site that binds M0 less than the bulk metal does is
 *    modelled as its support). When the review gives no binding number at all, binding = the
 *    reference host's binding. So within a study, stronger DFT binding gives stronger model binding.
 *  - SAC redShift: 0 unless the review gives a desolvation energy the SAC removes: then
 *    redShift = -E_desolv x bindingScale (SAFe on CVRCS: 36.84 kJ/mol = 0.382 eV, ref 50: the review gives it for the
 *    Li(DME)4+ -> Li(DME)3+ step and calls the step spontaneous with the catalyst; the whole energy as the shift is assumed).
 *  - A same-study reference whose structure the review does not name (Co-N/O's N1 site -0.751 eV, Zn-N4/Na's 0.09 eV)
 *    carries "ASSUMED reading" in its note, and the derived binding's note says so (params66).
 *  - Where the review gives E_SAC and E_ref as binding energies of the ion (Co-N/O and sp2c-COF-Co: Li+; Zn-N4/Na: Na+),
 *    not of the M0 atom the model's binding is, their notes carry "ASSUMED ion-as-M0 reading" and the derived binding's
 *    note says so (params67).
 *  - SAC terraceBarrier: derived (one energy function); the review's "lower migration barrier"
 *    (ZnSAs ref 58; SAFe/SANi ref 34) is not represented (see deriveSac).
 */
import { CONST } from '../units.js';
import { InputError } from '../errors.js';
import { isMap } from '../args.js';
import type { HostSet, MetalInteraction, MetalSet, SacSet, Source, Sourced } from './types.js';
import { ION_AS_M0 } from './sourced.js';

/**
 * No scale on DFT energies (MODEL.md 8.2): energy differences are used as the DFT gives them.
 * `bindingScale` stays an input for sensitivity studies only; v1's 0.25 is gone.
 */
export const DEFAULT_BINDING_SCALE = 1;
/** hop barrier shown for a user host without one, eV: the Li terrace barrier (the app derives hops from binding) */
export const HOST_TERRACE_EV = 0.10;
/** v1 lowered a SAC's hop barrier by this much where the review says the SAC speeds up M0 migration; unused since the one energy function (kept for the API) */
export const SAC_MIGRATION_LOWERING_EV = 0;

/** Contact angle (deg) -> host bond / metal bond in simple-cubic bond counting: (1 + cos theta) / 2 (Young-Dupre). */
export function wettingRatio(theta_deg: number): number {
  return (1 + Math.cos((theta_deg * Math.PI) / 180)) / 2;
}

/** Hop barrier of a lone adatom on a support of binding E (one energy function, apps/plating.ts): E_d(metal) - E_mm + E. */
function adatomHopBarrier(metal: MetalSet, binding: number): number {
  return metal.terraceBarrier.value - metal.bond.value + binding;
}

export type MetalName = 'Li' | 'Na' | 'K';

export interface HostSpec {
  name: string;
  description: string;
  conducting: boolean;
  source: Source;
  /** binding = factor x metal bond */
  factor: number;
  /** why this factor */
  factorNote: string;
  metals: MetalName[];
  /** metal foil: hop barrier is the metal's own */
  foil?: boolean;
  dft?: Partial<Record<MetalName, Record<string, Sourced>>>;
  reported?: Partial<Record<MetalName, Record<string, Sourced>>>;
}

export interface SacMetalSpec {
  /** model host whose binding the SAC's binding starts from (the substrate the DFT compared with) */
  refHost: string;
  /** key in `dft` of the M0 binding at the SAC, eV; absent when the review gives none */
  sacKey?: string;
  /** key in `dft` of the same study's substrate value; absent -> cohesive reference */
  refKey?: string;
  /** source text when the review says the SAC lowers M0 migration */
  lowersMigration?: string;
  /** key in `dft` of a desolvation energy the SAC removes (kJ/mol or eV) */
  desolvationKey?: string;
  dft: Record<string, Sourced>;
  reported?: Record<string, Sourced>;
}

export interface SacSpec {
  name: string;
  element: string;
  coordination: string;
  support: string;
  description: string;
  source: Source;
  /**
   * mends117 (review86 F6): where in `source` each metal's data are, for a set whose source covers several metals
   * (Zn-N4: ref 58 for Li, refs 70 and 71 for Na). `sacplate cite` gives a run the place of its own metal; not part of
   * the run's provenance (the set's source is kept as it is).
   */
  whereByMetal?: Partial<Record<MetalName, string>>;
  metals: Partial<Record<MetalName, SacMetalSpec>>;
  stability?: Record<string, Sourced>;
  /**
   * Elements of the material the site sits in beyond the SAC element and a carbon/nitrogen support (SAFe-CVRCS: Fe in a
   * cation vacancy of Co1-xS: Co, S). The screen's sustainability scores them as it scores a dual-atom site's second
   * element: the worst of all counts (docs/screening.md, "Support elements"). Absent: a carbon-type support, nothing to add.
   */
  supportElements?: readonly string[];
}

const r4 = (x: number) => Math.round(x * 1e6) / 1e6;
const f3 = (x: number) => x.toFixed(3);

function derived(value: number, unit: string, note: string): Sourced {
  return { value: r4(value), unit, source: { ref: 'derived (sacplate params/derive.ts)', assumed: true, note } };
}

/** A Sourced energy in eV (accepts eV, kJ/mol). */
export function energyEv(s: Sourced): number {
  if (!(isMap(s) && typeof s.value === 'number' && typeof s.unit === 'string')) throw new InputError('energy', s, 'a sourced value { value, unit, source }, e.g. { value: -3.66, unit: "eV", source: ... }');
  const u = s.unit.replace(/\s+/g, '');
  if (u === 'eV') return s.value;
  if (u === 'meV') return s.value / 1000;
  if (u === 'kJ/mol') return (s.value * 1000) / CONST.F;
  if (u === 'J/mol') return s.value / CONST.F;
  throw new Error(`energyEv: unsupported unit ${s.unit}`);
}

export interface DeriveOptions {
  bindingScale?: number;
}

/** Derives the plain host sets for the given metals. */
export function deriveHost(spec: HostSpec, metals: Record<string, MetalSet>): HostSet {
  if (!isMap(spec) || !Array.isArray(spec.metals)) throw new InputError('spec', spec, 'a host spec such as params.HOST_SPECS[0]');
  if (!isMap(metals)) throw new InputError('metals', metals, 'the metal sets by name, e.g. params.METALS');
  const m: HostSet['metals'] = {};
  for (const name of spec.metals) {
    const metal = metals[name];
    if (!metal) continue;
    const bond = metal.bond.value;
    const mi: MetalInteraction = {
      binding: derived(spec.factor * bond, 'eV',
        `${spec.factor} x ${name} bond (${f3(bond)} eV) = ${f3(spec.factor * bond)} eV; ${spec.factorNote}`),
      redShift: derived(0, 'eV', 'no figure in the review supports a shift of the reduction barrier on this host'),
      terraceBarrier: spec.foil
        ? derived(metal.terraceBarrier.value, 'eV', `hop on the ${name} foil = the metal's own terrace barrier`)
        : derived(adatomHopBarrier(metal, spec.factor * bond), 'eV', `one energy function: lone-adatom hop barrier = ${name} terrace barrier ` +
          `(${f3(metal.terraceBarrier.value)}) - ${name} bond (${f3(bond)}) + host binding (${f3(spec.factor * bond)}) eV; derived, not an input of the app`),
    };
    const dft = spec.dft?.[name];
    if (dft) mi.dft = dft;
    const rep = spec.reported?.[name];
    if (rep) mi.reported = rep;
    m[name] = mi;
  }
  return { name: spec.name, description: spec.description, conducting: spec.conducting, metals: m, source: spec.source };
}

/** Derives a SAC set from its spec, the (already derived) hosts and the metals. */
export function deriveSac(
  spec: SacSpec, hosts: Record<string, HostSet>, metals: Record<string, MetalSet>, opts: DeriveOptions = {},
): SacSet {
  if (!isMap(spec) || !isMap(spec.metals)) throw new InputError('spec', spec, 'a SAC spec such as params.SAC_SPECS[0]');
  if (!isMap(hosts)) throw new InputError('hosts', hosts, 'the host sets by name (deriveSets(...).hosts or builtinSets().hosts)');
  if (!isMap(metals)) throw new InputError('metals', metals, 'the metal sets by name, e.g. params.METALS');
  const scale = opts.bindingScale ?? DEFAULT_BINDING_SCALE;
  const m: SacSet['metals'] = {};
  for (const [name, ms] of Object.entries(spec.metals) as [MetalName, SacMetalSpec][]) {
    const metal = metals[name];
    if (!metal) continue;
    const host = hosts[ms.refHost]?.metals[name];
    if (!host) throw new Error(`SAC ${spec.name}: reference host ${ms.refHost} has no ${name} entry`);
    const base = host.binding.value;
    let binding: Sourced;
    if (ms.sacKey) {
      const eSac = Math.abs(energyEv(ms.dft[ms.sacKey]!));
      if (ms.refKey) {
        const eRef = Math.abs(energyEv(ms.dft[ms.refKey]!));
        const v = base + scale * (eSac - eRef);
        // params66: where the review does not name the structure of E_ref (its note says ASSUMED reading), the line says so
        const refAssumed = /\bASSUMED reading\b/.test(ms.dft[ms.refKey]!.source.note ?? '');
        // params67: where the review gives the two numbers as binding energies of the ion (Li+, Na+), not of the atom
        const ionAssumed = [ms.sacKey, ms.refKey].some((k) => (ms.dft[k]!.source.note ?? '').includes(ION_AS_M0));
        binding = derived(v, 'eV', `same-study reference: ${ms.refHost} binding (${f3(base)} eV) + bindingScale ${scale} x ` +
          `(|E_SAC| ${eSac} - |E_ref| ${eRef}) eV = ${f3(v)} eV (dft.${ms.sacKey} vs dft.${ms.refKey}` +
          (refAssumed ? `; E_ref taken as ${ms.refHost}'s is an assumed reading: the review does not name its structure, see dft.${ms.refKey}` : '') +
          (ionAssumed ? `; E_SAC and E_ref are the review's ${name}+ binding energies, taken as the M0 (${name}0) binding: an assumed reading, see dft.${ms.sacKey}` : '') + ')');
      } else {
        const eCoh = metal.cohesiveEnergy.value;
        const d = Math.max(0, eSac - eCoh);
        const v = base + scale * d;
        binding = derived(v, 'eV', `cohesive reference (the review gives no substrate value): ${ms.refHost} binding ` +
          `(${f3(base)} eV) + bindingScale ${scale} x max(0, |E_SAC| ${eSac} - ${name} cohesive energy ${eCoh}) eV = ${f3(v)} eV`);
      }
    } else {
      binding = derived(base, 'eV', `the review gives no M0 binding energy for this site: binding = ${ms.refHost} binding (${f3(base)} eV)`);
    }
    let redShift: Sourced;
    if (ms.desolvationKey) {
      const e = energyEv(ms.dft[ms.desolvationKey]!);
      redShift = derived(-e * scale, 'eV', `-(desolvation energy ${f3(e)} eV, dft.${ms.desolvationKey}) x bindingScale ${scale}: ` +
        'the review reports spontaneous desolvation at this site; that the site takes off the whole energy, as a shift of the ' +
        `reduction barrier, is assumed (dft.${ms.desolvationKey})`);
    } else {
      redShift = derived(0, 'eV', 'no figure in the review gives a desolvation/charge-transfer barrier for this site');
    }
    // one energy function: leaving the SAC costs its binding like every other bond; a lower
    // migration barrier that is not a binding change (the review's claim for some SACs) would be a
    // transition-state property shared by both hop directions, which the model does not have
    const terraceBarrier = derived(adatomHopBarrier(metal, binding.value), 'eV',
      `one energy function: lone-adatom hop barrier = ${name} terrace barrier - bond + SAC binding = ${f3(adatomHopBarrier(metal, binding.value))} eV` +
      (ms.lowersMigration ? `; NOT represented: the review says this SAC lowers the M0 migration barrier (${ms.lowersMigration})` : ''));
    const mi: MetalInteraction = { binding, redShift, terraceBarrier, dft: ms.dft };
    if (ms.reported) mi.reported = ms.reported;
    m[name] = mi;
  }
  const out: SacSet = {
    name: spec.name, element: spec.element, coordination: spec.coordination, support: spec.support,
    description: spec.description, metals: m, source: spec.source,
  };
  if (spec.stability) out.stability = spec.stability;
  return out;
}

/**
 * Derives every host and SAC set from their specs for the given metals. This is the function
 * to call when bindingScale or a metal's bond/terrace barrier changes.
 */
export function deriveSets(
  hostSpecs: readonly HostSpec[], sacSpecs: readonly SacSpec[], metals: Record<string, MetalSet>, opts: DeriveOptions = {},
): { hosts: Record<string, HostSet>; sacs: Record<string, SacSet> } {
  if (!Array.isArray(hostSpecs)) throw new InputError('hostSpecs', hostSpecs, 'a list of host specs, e.g. params.HOST_SPECS');
  if (!Array.isArray(sacSpecs)) throw new InputError('sacSpecs', sacSpecs, 'a list of SAC specs, e.g. params.SAC_SPECS');
  if (!isMap(metals)) throw new InputError('metals', metals, 'the metal sets by name, e.g. params.METALS');
  const scale = opts.bindingScale ?? DEFAULT_BINDING_SCALE;
  if (!(scale >= 0 && Number.isFinite(scale))) throw new Error('bindingScale must be a non-negative number');
  const hosts: Record<string, HostSet> = {};
  for (const h of hostSpecs) hosts[h.name] = deriveHost(h, metals);
  const sacs: Record<string, SacSet> = {};
  for (const s of sacSpecs) sacs[s.name] = deriveSac(s, hosts, metals, { bindingScale: scale });
  return { hosts, sacs };
}
