/**
 * What a nucleation study is about: the metal, the host, the SAC (named from the parameter sets
 * or given by its numbers) and the SAC loading, resolved into the energies of the atomistic stage
 * and the constants of the electrode stage. All energies come from the parameter sets
 * (params/derive.ts: the review's DFT numbers without any scale); nothing here is fitted.
 */
import { InputError } from '../errors.js';
import { builtinSets, getHost, getMetal, getSac, resolveHost, resolveMetal, resolveSac } from '../params/sets.js';
import { deriveSac, type SacSpec } from '../params/derive.js';
import { sv } from '../params/sourced.js';
import { metalAtTemperature } from '../params/metals.js';
import { CONST } from '../units.js';
import { parseHostReduction, reductionShifts, type HostReductionRule, type ReductionShifts } from './host-reduction.js';
import { loneHopBarrier } from './atomistic.js';

export interface SacNumbers {
  /** DFT binding of M0 at the SAC, eV (sign as reported) */
  binding_eV: number;
  /** the same study's value on the plain support, eV; absent -> cohesive reference (derive.ts) */
  reference_eV?: number;
  /** desolvation energy the SAC removes, eV (becomes a negative reduction-barrier shift) */
  desolvation_eV?: number;
  /** SAC element, for loadings in wt% */
  element?: string;
  /** barrier for a lone adatom on the SAC to hop to a neighbouring host site, eV (kinetic only:
   * atomistic.ts moves the saddle of the SAC's edges; absent = the one energy function's saddle) */
  migration_eV?: number;
}

export interface StudyInput {
  metal: string;
  host: string;
  /** a SAC name from the parameter sets, or its numbers; absent = the plain host */
  sac?: string | SacNumbers;
  /** "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"; default 1 wt% */
  loading?: string;
  /** a SAC already resolved by the parameter registry (model binding and reduction shift, eV), as a
   * simulation input resolves it: used by the screening stage so its candidates' own SACs are modelled */
  sacResolved?: { name: string; binding_eV: number; redShift_eV: number; element?: string };
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
  /** reduction-barrier shifts of the bare host and the SAC under the study's rule (host-reduction.ts) */
  reduction: ReductionShifts;
  /** where each number came from, for the report */
  provenance: string[];
}

/** Molar masses (g/mol) of the review's SAC elements, for wt% loadings (IUPAC 2021 standard atomic weights). */
const MOLAR_MASS: Record<string, number> = { Fe: 55.845, Co: 58.933, Ni: 58.693, Zn: 65.38, Mn: 54.938, Zr: 91.224, Cu: 63.546 };
/** carbon atoms per nm2 of one graphene sheet (a = 0.246 nm: 2 atoms per 0.0524 nm2) */
const GRAPHENE_C_PER_NM2 = 38.2;

export const DEFAULT_LOADING = '1 wt%';

/** SAC sites per m2 from a loading text. */
export function sacSitesPerM2(text: string, element: string | undefined, a_m: number): number {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*(wt%|wt ?%|%|sites\/nm2)\s*$/i.exec(text);
  if (!m) throw new InputError('loading', text, 'a SAC loading such as "1.2 wt%", "2 %" (share of host sites) or "0.1 sites/nm2"');
  const v = Number(m[1]);
  const unit = m[2]!.toLowerCase().replace(/\s/g, '');
  if (unit === 'sites/nm2') return v * 1e18;
  if (unit === '%') {
    if (!(v >= 0 && v <= 100)) throw new InputError('loading', text, 'a share of host sites from 0 to 100 %');
    return (v / 100) / (a_m * a_m);
  }
  if (!(v >= 0 && v < 100)) throw new InputError('loading', text, 'a mass loading from 0 to 100 wt%');
  const M = element ? MOLAR_MASS[element] : undefined;
  if (M === undefined) throw new InputError('sac.element', element, `the SAC's element, one of ${Object.keys(MOLAR_MASS).join(', ')}, to turn "${text.trim()}" into sites (e.g. "binding -2.29 eV, element Co, loading 1.2 wt%"), or a loading in % of host sites or sites/nm2`);
  // SAC atoms per carbon atom, on one graphene-like sheet
  const perC = (v / M) / ((100 - v) / 12.011);
  return perC * GRAPHENE_C_PER_NM2 * 1e18;
}

/** Largest |energy| a SAC given by its numbers may have, eV (DFT binding energies of Li/Na/K at SACs are below ~5 eV). */
const SAC_ENERGY_LIMIT_EV = 10;

/**
 * The keys of a SAC given by its numbers and what each takes, in the order the messages list them: one
 * list for parseSacText's messages and for sacArg (cases.ts), which tells such a text from a SAC's name.
 */
export const SAC_TEXT_KEYS = {
  binding: '<eV>', reference: '<eV>', desolvation: '<eV>', migration: '<eV>', loading: '<wt% | % | sites/nm2>', element: '<symbol>',
} as const;

/** Parses "binding -2.29 eV, reference -1.2 eV, desolvation 0.38 eV, migration 1.5 eV, loading 1.2 wt%, element Co". */
export function parseSacText(text: string): { numbers: SacNumbers; loading?: string } {
  const out: Partial<SacNumbers> = {};
  let loading: string | undefined;
  const seen = new Set<string>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\w+)\s+(.+)$/.exec(part);
    if (!m) throw new InputError('sac', part, `key value pairs: ${Object.entries(SAC_TEXT_KEYS).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const key = m[1]!.toLowerCase(), val = m[2]!.trim();
    // "binding -2.29 eV, binding -1 eV" ran with the last one and said nothing
    if (seen.has(key)) throw new InputError(`sac.${key}`, val, `${key} once (it is given twice in "${text.trim()}")`);
    seen.add(key);
    const ev = () => {
      const q = /^(-?[0-9]*\.?[0-9]+(?:e[-+]?\d+)?)\s*eV$/i.exec(val);
      if (!q) throw new InputError(`sac.${key}`, val, 'an energy in eV, e.g. "-2.29 eV"');
      const e = Number(q[1]);
      // DFT adsorption and desolvation energies are a few eV; -229 eV is a slipped decimal point
      // (the sign is free: the review quotes binding energies both ways, derive.ts takes |E|)
      if (!(Math.abs(e) <= SAC_ENERGY_LIMIT_EV)) throw new InputError(`sac.${key}`, val, `an energy from -${SAC_ENERGY_LIMIT_EV} to ${SAC_ENERGY_LIMIT_EV} eV, e.g. "-2.29 eV"`);
      return e;
    };
    if (key === 'binding') out.binding_eV = ev();
    else if (key === 'reference') out.reference_eV = ev();
    else if (key === 'desolvation') out.desolvation_eV = ev();
    else if (key === 'migration') out.migration_eV = ev();
    else if (key === 'loading') loading = val;
    else if (key === 'element') out.element = val;
    else throw new InputError('sac', key, `one of ${Object.keys(SAC_TEXT_KEYS).join(', ')}`);
  }
  if (out.binding_eV === undefined) throw new InputError('sac.binding', null, 'the DFT binding energy of M0 at the SAC in eV, e.g. "binding -2.29 eV"');
  const r: { numbers: SacNumbers; loading?: string } = { numbers: out as SacNumbers };
  if (loading !== undefined) r.loading = loading;
  return r;
}

export function resolveStudy(input: StudyInput): Study {
  const sets = builtinSets();
  const metalSet = getMetal(input.metal, sets, 'metal');
  const T_K = input.T_K ?? 298.15;
  const metal = metalAtTemperature(resolveMetal(metalSet), T_K); // i0 at T (params/metals.ts)
  const hostSet = getHost(input.host, sets, 'host');
  const host = resolveHost(hostSet, metal.name, 'host');
  const a = metal.atomicSpacing_m;
  const cdl = metalSet.doubleLayerCapacitance;
  const provenance: string[] = [
    `metal ${metal.name}: bond ${metal.bond_eV} eV, terrace barrier ${metal.terraceBarrier_eV} eV, i0 ${metal.i0_A_per_m2 / 10} mA/cm2, a ${a * 1e9} nm (params/metals.ts)`,
    `host ${host.name}: binding ${host.binding_eV.toFixed(4)} eV (params/hosts.ts, derive.ts)`,
  ];
  let sac: Study['sac'] = null;
  let sacLabel: string | null = null;
  // a loading with no SAC to load was dropped without a word (the bare host ran)
  if (input.loading !== undefined && input.sac === undefined && input.sacResolved === undefined) {
    throw new InputError('loading', input.loading, 'a SAC as well (--sac or a case\'s sac:): a loading without a SAC places nothing');
  }
  if (input.sac !== undefined || input.sacResolved !== undefined) {
    const loadingText = input.loading ?? DEFAULT_LOADING;
    let params: { binding_eV: number; redShift_eV: number; migration_eV?: number };
    let element: string | undefined;
    if (input.sacResolved !== undefined) {
      const r = input.sacResolved;
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = r.element;
      sacLabel = r.name;
      provenance.push(`SAC ${r.name}: binding ${r.binding_eV.toFixed(4)} eV, reduction shift ${r.redShift_eV} eV (as the simulation input resolves it)`);
    } else if (typeof input.sac === 'string') {
      const set = getSac(input.sac, sets, 'sac');
      const r = resolveSac(set, metal.name, 'sac');
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = set.element;
      sacLabel = set.name;
      provenance.push(`SAC ${set.name}: binding ${r.binding_eV.toFixed(4)} eV, reduction shift ${r.redShift_eV} eV (params/sacs.ts, derive.ts: ${set.metals[metal.name]?.binding.source.note ?? ''})`);
    } else {
      const n = input.sac as SacNumbers;
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
      const derived = deriveSac(spec, sets.hosts, sets.metals);
      const r = resolveSac(derived, metal.name, 'sac');
      params = { binding_eV: r.binding_eV, redShift_eV: r.redShift_eV };
      element = n.element;
      sacLabel = `binding ${n.binding_eV} eV` + (n.reference_eV !== undefined ? ` vs ${n.reference_eV} eV` : '');
      provenance.push(`SAC by numbers: ${derived.metals[metal.name]?.binding.source.note ?? ''}`);
      if (n.migration_eV !== undefined) {
        // the saddle moves both directions of the SAC's edges (atomistic.ts): the barrier into the SAC,
        // E_migration - (E_SAC - E_host), must not be negative, nor the barrier out of it
        const m = n.migration_eV;
        const least = Math.max(0, params.binding_eV - host.binding_eV);
        const dflt = loneHopBarrier(metal.terraceBarrier_eV, metal.bond_eV, params.binding_eV);
        if (!(m >= least - 1e-9)) { // the tolerance: "at least 1.290 eV" must take 1.29 eV
          throw new InputError('sac.migration', `${m} eV`, `a barrier of at least ${least.toFixed(3)} eV: the model SAC binds ${metal.name} ${least.toFixed(3)} eV more than ${hostSet.name}, so a lower barrier out of it makes the barrier into it negative (the one energy function's barrier is ${dflt.toFixed(3)} eV; docs/nucleation.md)`);
        }
        params.migration_eV = m;
        sacLabel += `, migration ${m} eV`;
        provenance.push(`SAC migration barrier ${m} eV (user input): saddle of its first-layer edges moved by ${(m - dflt).toFixed(4)} eV from the one energy function's ${dflt.toFixed(4)} eV; into the SAC ${(m - params.binding_eV + host.binding_eV).toFixed(4)} eV (kinetic only; atomistic.ts)`);
      }
    }
    const sites = sacSitesPerM2(loadingText, element, a);
    sac = { ...params, sites_per_m2: sites, loadingText };
    provenance.push(`SAC loading ${loadingText} = ${(sites / 1e18).toPrecision(3)} sites/nm2` +
      (/wt/i.test(loadingText) ? ` (on a graphene-like sheet, ${GRAPHENE_C_PER_NM2} C/nm2; assumed)` : ''));
  }
  const reduction = reductionShifts(parseHostReduction('hostReduction', input.hostReduction), { bond_eV: metal.bond_eV, hostBinding_eV: host.binding_eV, sac });
  provenance.push(`reduction on the bare host: rule ${reduction.rule}, host barrier shift ${reduction.host_eV.toFixed(4)} eV` +
    (reduction.sac_eV !== null ? `, SAC ${reduction.sac_eV.toFixed(4)} eV` : '') +
    (reduction.rule === 'bronsted' ? ` (beta ${reduction.beta} of the binding deficit against the metal's own terrace adatom; host-reduction.ts)` : ' (the metal\'s own rate on every site)'));
  return {
    metal: metal.name, host: hostSet.name, sacLabel, T_K, a_m: a, z: metal.z, omega_m3: metal.atomicVolume_m3,
    i0_A_per_m2: metal.i0_A_per_m2, alpha: metal.alpha,
    Cdl_F_per_m2: cdl ? cdl.value * 1e-6 * 1e4 : 0.2,
    bond_eV: metal.bond_eV, terraceBarrier_eV: metal.terraceBarrier_eV, nu_per_s: metal.nu_per_s,
    hostBinding_eV: host.binding_eV,
    ownMetal: hostSet.name === metal.name,
    sac, reduction, provenance,
  };
}

/** Per-site exchange rate of the metal, 1/s: i0 a^2 / (z e). */
export function exchangeRate(s: Study): number {
  return (s.i0_A_per_m2 * s.a_m * s.a_m) / (s.z * CONST.e);
}
