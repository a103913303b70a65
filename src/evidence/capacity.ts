/**
 * Whole-anode gram capacity (the review's prospect 2): the capacity of the alkali metal divided
 * by the mass of everything on the anode side (metal, host with its SACs, binder, current
 * collector, anything else given). Theoretical metal capacity F / (3.6 M) mAh/g, M in g/mol from
 * the shared alkali_metals.csv (Li: 3861.9 mAh/g).
 */
import { InputError } from '../errors.js';
import { CONST, parseQuantity, C_PER_M2_PER_MAH_PER_CM2, C_PER_MAH } from '../units.js';
import { loadAlkali } from './elements.js';

export interface AnodeCapacityInput {
  metal: string;
  /** metal areal mass, kg/m2 */
  metalMass_kg_m2?: number;
  /** capacity actually cycled, C/m2 (defaults to all of the metal) */
  cycledCapacity_C_m2?: number;
  /** host areal mass including its SAC atoms, kg/m2 */
  hostMass_kg_m2?: number;
  /** SAC mass fraction of the host (0..1) */
  sacLoading?: number;
  binderMass_kg_m2?: number;
  collectorMass_kg_m2?: number;
  otherMass_kg_m2?: number;
}

export interface AnodeCapacityResult {
  metal: string;
  molarMass_g_mol: number;
  metalTheoretical_mAh_per_g: number;
  /** capacity the numerator uses, mAh/cm2 */
  capacity_mAh_per_cm2: number;
  capacitySource: 'metal mass' | 'cycled capacity';
  masses_mg_per_cm2: { metal: number; host_support: number; sac: number; binder: number; collector: number; other: number; total: number };
  /** capacity per gram of everything on the anode side */
  wholeAnode_mAh_per_g: number;
  /** capacity per gram of metal only (for comparison) */
  metalOnly_mAh_per_g: number;
  /** mass of the non-metal parts over the total */
  inactiveFraction: number;
}

/** Theoretical capacity of an alkali metal in mAh/g: F / (3.6 M). */
export function metalCapacity_mAh_g(metal: string): { capacity: number; M: number } {
  const a = loadAlkali().get(metal);
  if (!a) throw new InputError('--metal', metal, 'Li, Na or K');
  return { capacity: CONST.F / (C_PER_MAH * a.atomicWeight), M: a.atomicWeight };
}

export function anodeCapacity(inp: AnodeCapacityInput): AnodeCapacityResult {
  const { capacity: qm, M } = metalCapacity_mAh_g(inp.metal);
  const toMg = (kg_m2: number | undefined) => (kg_m2 ?? 0) * 100; // 1 kg/m2 = 100 mg/cm2
  for (const [k, v] of Object.entries(inp)) {
    if (typeof v === 'number' && (!Number.isFinite(v) || v < 0)) throw new InputError(k, v, 'a non-negative quantity');
  }
  if (inp.sacLoading !== undefined && inp.sacLoading > 1) throw new InputError('--sac-loading', inp.sacLoading, 'a mass fraction of the host between 0 and 100 wt%');
  if (inp.sacLoading !== undefined && inp.sacLoading > 0 && !inp.hostMass_kg_m2) throw new InputError('--host-mass', undefined, 'the host mass when a SAC loading is given (the loading is a share of the host mass)');
  const cycled = inp.cycledCapacity_C_m2 !== undefined ? inp.cycledCapacity_C_m2 / C_PER_M2_PER_MAH_PER_CM2 : undefined; // mAh/cm2
  let metalMg: number;
  if (inp.metalMass_kg_m2 !== undefined) metalMg = toMg(inp.metalMass_kg_m2);
  else if (cycled !== undefined) metalMg = (cycled / qm) * 1000; // no excess metal
  else throw new InputError('--metal-mass', undefined, 'a metal mass per area (e.g. "2 mg/cm2") or --cycled-capacity');
  if (metalMg <= 0 && cycled === undefined) throw new InputError('--metal-mass', `${metalMg} mg/cm2`, 'a positive mass per area');
  const metalCap = (metalMg / 1000) * qm; // mAh/cm2
  if (cycled !== undefined && cycled > metalCap * (1 + 1e-9))
    throw new InputError('--cycled-capacity', `${cycled} mAh/cm2`, `at most the metal's capacity ${metalCap.toPrecision(4)} mAh/cm2`);
  const host = toMg(inp.hostMass_kg_m2);
  const sac = host * (inp.sacLoading ?? 0);
  const masses = {
    metal: metalMg, host_support: host - sac, sac, binder: toMg(inp.binderMass_kg_m2),
    collector: toMg(inp.collectorMass_kg_m2), other: toMg(inp.otherMass_kg_m2), total: 0,
  };
  masses.total = masses.metal + masses.host_support + masses.sac + masses.binder + masses.collector + masses.other;
  const cap = cycled ?? metalCap;
  return {
    metal: inp.metal, molarMass_g_mol: M, metalTheoretical_mAh_per_g: qm,
    capacity_mAh_per_cm2: cap, capacitySource: cycled !== undefined ? 'cycled capacity' : 'metal mass',
    masses_mg_per_cm2: masses,
    wholeAnode_mAh_per_g: cap / (masses.total / 1000),
    metalOnly_mAh_per_g: metalMg > 0 ? cap / (metalMg / 1000) : 0,
    inactiveFraction: (masses.total - masses.metal) / masses.total,
  };
}

/** Parses CLI strings (with units) into an AnodeCapacityInput. */
export function anodeInputFromStrings(o: { metal?: string; metalMass?: string; cycledCapacity?: string; hostMass?: string; sacLoading?: string; binderMass?: string; collectorMass?: string; otherMass?: string }): AnodeCapacityInput {
  if (!o.metal) throw new InputError('--metal', undefined, 'Li, Na or K');
  // each value is checked here, as written: the generic check in anodeCapacity() can only name the
  // SI field and value ("metalMass_kg_m2: got -0.02")
  const m = (field: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const x = parseQuantity(field, v, 'arealMass');
    if (!(x >= 0)) throw new InputError(field, v, 'a mass per area >= 0, e.g. "2 mg/cm2"');
    return x;
  };
  const inp: AnodeCapacityInput = { metal: o.metal };
  const set = <K extends keyof AnodeCapacityInput>(k: K, v: AnodeCapacityInput[K] | undefined) => { if (v !== undefined) inp[k] = v; };
  set('metalMass_kg_m2', m('--metal-mass', o.metalMass));
  // no metal and no cycled capacity: refused here, with the value as given (anodeCapacity has only the SI number)
  if (inp.metalMass_kg_m2 === 0 && o.cycledCapacity === undefined) throw new InputError('--metal-mass', o.metalMass, 'a positive mass per area, e.g. "2 mg/cm2" (or --cycled-capacity)');
  set('hostMass_kg_m2', m('--host-mass', o.hostMass));
  set('binderMass_kg_m2', m('--binder-mass', o.binderMass));
  set('collectorMass_kg_m2', m('--collector-mass', o.collectorMass));
  set('otherMass_kg_m2', m('--other-mass', o.otherMass));
  if (o.cycledCapacity !== undefined) {
    inp.cycledCapacity_C_m2 = parseQuantity('--cycled-capacity', o.cycledCapacity, 'arealCapacity');
    if (!(inp.cycledCapacity_C_m2 > 0)) throw new InputError('--cycled-capacity', o.cycledCapacity, 'a positive areal capacity, e.g. "3 mAh/cm2"');
  }
  if (o.sacLoading !== undefined) {
    if (/^\s*[-+]?[\d.]+(e[-+]?\d+)?\s*$/i.test(o.sacLoading)) throw new InputError('--sac-loading', o.sacLoading, 'a mass fraction with a unit, e.g. "1.2 wt%"');
    // "1.2 wt.%" was refused with the fraction's example, "2 %" (a share of host sites in a run file)
    try { inp.sacLoading = parseQuantity('--sac-loading', o.sacLoading, 'fraction'); } catch (e) { throw e instanceof InputError ? new InputError('--sac-loading', o.sacLoading, 'a mass fraction of the host with its unit, e.g. "1.2 wt%"') : e; }
    if (!(inp.sacLoading >= 0 && inp.sacLoading <= 1)) throw new InputError('--sac-loading', o.sacLoading, 'a mass fraction of the host between 0 and 100 wt%');
  }
  return inp;
}
