/**
 * The parameter sets without the `parameters:` block's schemas (registry.ts, which needs zod): their
 * types, the built-in sets, the derivation of hosts and SACs from the metals (registry.ts builds user
 * sets with the same two functions), lookup by name and resolution to plain numbers. The nucleation
 * command imports only this (a cached `sacplate nucleation` call loads no zod; issue 15, speed).
 */
import { InputError } from '../errors.js';
import { isMap, textArg } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { parseQuantity, type KindName } from '../units.js';
import { DEFAULT_BINDING_SCALE, deriveHost, deriveSac } from './derive.js';
import { HOST_SPECS } from './hosts.js';
import { METALS } from './metals.js';
import { SAC_SPECS } from './sacs.js';
import { ELECTROLYTES } from './electrolytes.js';
import { SEI_SETS } from './sei.js';
import type { HostParams, HostSet, MetalParams, MetalSet, SacParams, SacSet, Sourced } from './types.js';

export type ParamKind = 'metal' | 'host' | 'sac';

export interface ParamSets {
  metals: Record<string, MetalSet>;
  hosts: Record<string, HostSet>;
  sacs: Record<string, SacSet>;
  bindingScale: number;
}

/** Hosts derived from the metals' bonds (derive.ts). */
export function deriveHosts(metals: Record<string, MetalSet>): Record<string, HostSet> {
  const hosts: Record<string, HostSet> = {};
  for (const spec of HOST_SPECS) hosts[spec.name] = deriveHost(spec, metals);
  return hosts;
}

/** SACs derived from the hosts they sit on (those whose reference hosts exist). */
export function deriveSacs(hosts: Record<string, HostSet>, metals: Record<string, MetalSet>, bindingScale: number): Record<string, SacSet> {
  const sacs: Record<string, SacSet> = {};
  for (const spec of SAC_SPECS) {
    const ok = Object.values(spec.metals).every((m) => m && hosts[m.refHost]);
    if (ok) sacs[spec.name] = deriveSac(spec, hosts, metals, { bindingScale });
  }
  return sacs;
}

let builtin: ParamSets | undefined;
/** The built-in sets (cached). Treat as read-only. The same as registry.ts' buildParamSets() without user sets. */
export function builtinSets(): ParamSets {
  if (!builtin) {
    const metals: Record<string, MetalSet> = structuredClone(METALS);
    const hosts = deriveHosts(metals);
    builtin = { metals, hosts, sacs: deriveSacs(hosts, metals, DEFAULT_BINDING_SCALE), bindingScale: DEFAULT_BINDING_SCALE };
  }
  return builtin;
}

/**
 * `instead`: what a caller without a `parameters:` block (sacplate nucleation) offers in place of "or define one
 * under parameters.hosts", which it cannot read ('' for nothing); a near name is hinted ("N-graphen").
 */
function lookup<T>(table: Record<string, T>, name: unknown, field: string, what: string, instead?: string): T {
  if (typeof name === 'string') {
    if (Object.hasOwn(table, name)) return table[name]!;
    const ci = Object.keys(table).filter((k) => k.toLowerCase() === name.trim().toLowerCase());
    if (ci.length === 1) return table[ci[0]!]!;
  }
  const define = instead ?? `or define one under parameters.${what === 'SAC site' ? 'sacs' : what + 's'}`;
  throw new InputError(field, name, `a known ${what}: ${Object.keys(table).join(', ')}${define ? ` (${define})` : ''}${typeof name === 'string' ? didYouMean(name, Object.keys(table)) : ''}`);
}

/** `instead`: as for getHost (a caller without a parameters: block, sacplate nucleation, passes '': review51). */
export function getMetal(name: unknown, sets: ParamSets = builtinSets(), field = 'metal', instead?: string): MetalSet {
  return lookup(sets.metals, name, field, 'metal', instead);
}
/** `instead`: for a caller without a parameters: block, what it takes in place of a user set (lookup) */
export function getHost(name: unknown, sets: ParamSets = builtinSets(), field = 'host', instead?: string): HostSet {
  return lookup(sets.hosts, name, field, 'host', instead);
}
export function getSac(name: unknown, sets: ParamSets = builtinSets(), field = 'sac', instead?: string): SacSet {
  return lookup(sets.sacs, name, field, 'SAC site', instead);
}

// ---------------------------------------------------------------------------------------------
// resolution to plain numbers in canonical units

function num(s: Sourced, field: string, kind: KindName): number {
  const v = parseQuantity(field, { value: s.value, unit: s.unit === '1' ? '' : s.unit }, kind);
  return Number(v.toPrecision(12)); // drop float noise of unit factors (0.1 eV -> 0.1, not 0.10000000000000002)
}

/** Plain numbers of a metal set in canonical units (eV, m, m3, A/m2, 1/s, g/mol). */
export function resolveMetal(set: MetalSet): MetalParams {
  if (!isMap(set)) throw new InputError('set', set, 'a metal set: params.getMetal("Li")');
  const f = (k: keyof MetalSet) => `metal ${set.name}.${k}`;
  return {
    name: set.name,
    z: num(set.z, f('z'), 'count'),
    molarMass_g_per_mol: Number((num(set.molarMass, f('molarMass'), 'molarMass') * 1000).toPrecision(12)),
    atomicVolume_m3: num(set.atomicVolume, f('atomicVolume'), 'volume'),
    atomicSpacing_m: num(set.atomicSpacing, f('atomicSpacing'), 'length'),
    i0_A_per_m2: num(set.exchangeCurrentDensity, f('exchangeCurrentDensity'), 'currentDensity'),
    ...(set.exchangeActivationEnergy ? { i0Activation_eV: num(set.exchangeActivationEnergy, f('exchangeActivationEnergy'), 'energy') } : {}),
    alpha: num(set.transferCoefficient, f('transferCoefficient'), 'fraction'),
    bond_eV: num(set.bond, f('bond'), 'energy'),
    terraceBarrier_eV: num(set.terraceBarrier, f('terraceBarrier'), 'energy'),
    lateralBond_eV: num(set.lateralBond, f('lateralBond'), 'energy'),
    schwoebel_eV: num(set.schwoebel, f('schwoebel'), 'energy'),
    nu_per_s: num(set.attemptFrequency, f('attemptFrequency'), 'frequency'),
  };
}

function interaction(set: HostSet | SacSet, metal: string, field: string, what: string, instead?: string) {
  const mi = set.metals[metal];
  if (!mi) {
    const have = Object.keys(set.metals).filter((k) => set.metals[k]);
    const define = instead ?? `define them under parameters.${what === 'host' ? 'hosts' : 'sacs'}.${set.name}.metals.${metal}`;
    throw new InputError(field, set.name, `a ${what} with parameters for ${metal}; ${set.name} has them for ${have.join(', ') || 'no metal'}${define ? ` (${define})` : ''}`);
  }
  const f = (k: string) => `${what} ${set.name}.metals.${metal}.${k}`;
  return {
    binding_eV: num(mi.binding, f('binding'), 'energy'),
    redShift_eV: num(mi.redShift, f('redShift'), 'energy'),
    terraceBarrier_eV: num(mi.terraceBarrier, f('terraceBarrier'), 'energy'),
  };
}

/**
 * Plain numbers of a host for one metal; InputError when the host has no entry for it. `instead`: as for getHost,
 * what a caller without a parameters: block offers in place of "define them under parameters.hosts..." (lookup).
 */
export function resolveHost(set: HostSet, metal: string, field = 'host', instead?: string): HostParams {
  if (!isMap(set)) throw new InputError('set', set, 'a host set: params.getHost("graphene")');
  textArg('metal', metal, 'a metal name, e.g. "Li"');
  return { name: set.name, conducting: set.conducting, ...interaction(set, metal, field, 'host', instead) };
}

/** Plain numbers of a SAC site for one metal; InputError when the site has no entry for it. */
export function resolveSac(set: SacSet, metal: string, field = 'sac', instead?: string): SacParams {
  if (!isMap(set)) throw new InputError('set', set, 'a SAC set: params.getSac("Zn-N4")');
  textArg('metal', metal, 'a metal name, e.g. "Li"');
  return { name: set.name, element: set.element, ...interaction(set, metal, field, 'SAC site', instead) };
}

// ---------------------------------------------------------------------------------------------
// listing (`sacplate params list` and `show` use only this file and no zod)

export interface ParamSummary {
  /** every kind a run names a set of: with no kind asked for, the electrolyte and SEI sets follow the others (mends94) */
  kind: ParamKind | 'electrolyte' | 'sei';
  name: string;
  description: string;
  /** metals this set has parameters for (hosts, SACs) */
  metals: string[];
}

/**
 * All sets of a kind, with a one-line description; no kind: every set, the metal, host and SAC sets then the electrolyte
 * and SEI sets (the names a run's `electrolyte:` and `sei:` take), as `sacplate params list` prints them (mends94: the
 * CLI added the last two itself, and the library's list left them out). 'electrolyte' and 'sei' by kind since mends92.
 * The electrolyte and SEI sets are the built-in ones (a run file's `parameters:` block defines none).
 */
export function listParams(kind?: ParamKind | 'electrolyte' | 'sei', sets: ParamSets = builtinSets()): ParamSummary[] {
  if (kind !== undefined && kind !== 'metal' && kind !== 'host' && kind !== 'sac' && kind !== 'electrolyte' && kind !== 'sei') throw new InputError('kind', kind, 'metal, host, sac, electrolyte, sei, or nothing for every set');
  const out: ParamSummary[] = [];
  if (!kind || kind === 'metal') for (const m of Object.values(sets.metals)) out.push({ kind: 'metal', name: m.name, description: m.description, metals: [m.name] });
  if (!kind || kind === 'host') for (const h of Object.values(sets.hosts)) out.push({ kind: 'host', name: h.name, description: h.description, metals: Object.keys(h.metals).filter((k) => h.metals[k]) });
  if (!kind || kind === 'sac') for (const s of Object.values(sets.sacs)) out.push({ kind: 'sac', name: s.name, description: s.description, metals: Object.keys(s.metals).filter((k) => s.metals[k]) });
  if (!kind || kind === 'electrolyte') for (const e of Object.values(ELECTROLYTES)) out.push({ kind: 'electrolyte', name: e.name, description: e.description, metals: [e.metal] });
  if (!kind || kind === 'sei') for (const e of Object.values(SEI_SETS)) out.push({ kind: 'sei', name: e.name, description: e.description, metals: [e.metal] });
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * A sourced value as a reader reads it: its number (from 1e5 and below 1e-3 in exponent form) and unit, a dimensionless
 * one (unit "1") its number alone. `params show` and the screen report's source table both print it so (until mends54
 * the report wrote `Na: z | 1 1` and 10000000000000 1/s).
 */
export function sourcedText(s: Sourced): string {
  const v = Math.abs(s.value) >= 1e5 || (Math.abs(s.value) < 1e-3 && s.value !== 0) ? s.value.toExponential(3) : String(s.value);
  return `${v} ${s.unit === '1' ? '' : s.unit}`.trim();
}

/** Every Sourced value in a set, as [path, value] pairs (for printing and for checks). */
export function sourcedEntries(set: MetalSet | HostSet | SacSet, prefix = ''): [string, Sourced][] {
  const out: [string, Sourced][] = [];
  const walk = (o: unknown, p: string) => {
    if (!isObj(o)) return;
    if (typeof o.value === 'number' && typeof o.unit === 'string' && isObj(o.source)) { out.push([p, o as unknown as Sourced]); return; }
    for (const [k, v] of Object.entries(o)) if (k !== 'source') walk(v, p ? `${p}.${k}` : k);
  };
  walk(set, prefix);
  return out;
}

