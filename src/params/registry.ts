/**
 * Registry of named parameter sets: the built-ins (metals.ts, hosts.ts, sacs.ts, with effective
 * energies derived in derive.ts) plus user-defined sets from an input file's `parameters:` block,
 * which override fields of a built-in set or add new sets.
 *
 * Order of construction (so that overrides propagate the way the derivation rules say):
 *   metals (built-in, then user overrides) -> hosts derived from the metals' bonds, then user
 *   host overrides -> SACs derived from those hosts, then user SAC overrides.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { optionsArg, refuseUnknownKeys } from '../args.js';
import { checked, keyed } from '../schema-keys.js';
import { NotFiniteError, parseQuantity, splitQuantity, type KindName } from '../units.js';
import { DEFAULT_BINDING_SCALE, HOST_TERRACE_EV } from './derive.js';
import { METALS } from './metals.js';
import { NOT_USED_BY_THE_RUN, lateralOf } from './sourced.js';
import { deriveHosts, deriveSacs, type ParamSets } from './sets.js';
import type {
  HostSet, MetalInteraction, MetalSet, SacSet, Source, Sourced,
} from './types.js';
import { ELEMENT_SYMBOLS, symbolCaseHint } from './element-symbols.js';
import { hostElement } from '../lattice/species.js';

// the sets' types, the built-in sets and lookups live in sets.ts (no zod: the nucleation command loads only that)
export type { ParamKind, ParamSets } from './sets.js';
export { builtinSets, getMetal, getHost, getSac, resolveMetal, resolveHost, resolveSac, listParams, sourcedEntries, sourcedText, type ParamSummary } from './sets.js';

export interface BuildOptions {
  /** the `parameters:` block of an input file (or a library object of the same shape) */
  user?: unknown;
  /** field path of `user` in messages */
  userField?: string;
  /** overrides of one metal's fields (the input's `kinetics:` block), applied after `user` */
  metalOverrides?: { metal: string; values: unknown; field: string };
}

// ---------------------------------------------------------------------------------------------
// field tables: kind used for validation, range in canonical units

/** `below`: what a value under `min` most likely is, added to the range's words (a binding's DFT sign) */
interface FieldSpec { kind: KindName; min: number; max: number; range: string; below?: string }
const F = (kind: KindName, min: number, max: number, range: string, below?: string): FieldSpec => ({ kind, min, max, range, ...(below ? { below } : {}) });

const METAL_FIELDS: Record<string, FieldSpec> = {
  z: F('count', 1, 4, 'a charge number 1 to 4'),
  molarMass: F('molarMass', 1e-4, 1, 'a molar mass > 0, e.g. "6.94 g/mol"'),
  atomicVolume: F('volume', 1e-31, 1e-27, 'an atomic volume of 0.1 to 1000 Å3, e.g. "21.25 Å3"'),
  atomicSpacing: F('length', 1e-11, 1e-8, 'an atomic spacing of 0.01 to 10 nm, e.g. "0.30 nm"'),
  exchangeCurrentDensity: F('currentDensity', 1e-9, 1e5, 'an exchange current density > 0, e.g. "1 mA/cm2"'),
  exchangeActivationEnergy: F('energy', 0, 3, 'an activation energy of 0 to 3 eV, e.g. "0.58 eV"'),
  transferCoefficient: F('fraction', 0.01, 0.99, 'a transfer coefficient between 0 and 1, e.g. 0.5'),
  bond: F('energy', 1e-4, 5, 'a bond energy of 0 to 5 eV, e.g. "0.10 eV"'),
  terraceBarrier: F('energy', 0, 5, 'a barrier of 0 to 5 eV, e.g. "0.10 eV"'),
  lateralBond: F('energy', 0, 5, 'an energy of 0 to 5 eV, e.g. "0.10 eV"'),
  schwoebel: F('energy', 0, 5, 'an energy of 0 to 5 eV, e.g. "0.05 eV"'),
  attemptFrequency: F('frequency', 1, 1e16, 'an attempt frequency of 1 to 1e16 1/s, e.g. "1e13 1/s"'),
  cohesiveEnergy: F('energy', 0, 20, 'an energy of 0 to 20 eV, e.g. "1.63 eV"'),
  standardPotential: F('voltage', -10, 10, 'a potential vs SHE, e.g. "-3.04 V"'),
  capacity: F('specificCapacity', 0, 1e9, 'a specific capacity, e.g. "3861 mAh/g"'),
  // polish65 (mends65b left params.getMetal()'s set refused as a block on these two): optional, as a built-in gives them
  doubleLayerCapacitance: F('capacitanceDensity', 0, 100, 'a double-layer capacitance from 0 to 10000 uF/cm2, e.g. "20 uF/cm2" (the run\'s default electrochem.double_layer)'),
  meltingPoint: F('temperature', 1, 5000, 'a melting point from 1 to 5000 K, e.g. "453.65 K" (a run at or above it is refused)'),
};
/** fields a new metal may leave out (the others it must give) */
const OPTIONAL_METAL_FIELDS = new Set(['exchangeActivationEnergy', 'lateralBond', 'doubleLayerCapacitance', 'meltingPoint']);
/** The rule from DFT numbers to a SAC's `binding` (docs/parameters.md, "`binding` is the model's effective energy"). */
const BINDING_RULE = 'for a SAC, the host\'s binding + (|E_SAC| - |E_support|) of one DFT study (docs/parameters.md, "binding is the model\'s effective energy"; `sacplate params show Zn-N4` shows the arithmetic); DFT numbers as they are go to a screen\'s descriptors (binding_vs_support_eV) or nucleation\'s sac: { binding_eV, reference_eV }';
/** The note of a user set's `dft` value (mends126): kept, not read by the run. */
export const DFT_NOT_USED = `not used by the run: a set's dft numbers are kept with it, and the run reads its binding as given (no DFT number is converted: docs/parameters.md)`;

const INTERACTION_FIELDS: Record<string, FieldSpec> = {
  // "-2.9 eV", a DFT adsorption energy as VASP gives it, said only "0 to 5 eV (positive = bound)": 2.9 eV would then run
  // as a model binding several times the one the DFT number derives (Zn-N4's -3.66 eV on graphene's -2.37 eV is 1.305 eV)
  binding: F('energy', 0, 5, 'a binding energy of 0 to 5 eV (positive = bound), e.g. "0.30 eV"', 'the model\'s effective binding, not a DFT adsorption energy: '
    + 'for a SAC the host\'s binding + (|E_SAC| - |E_support|) of the same DFT study, as `sacplate params show Zn-N4` derives it (docs/parameters.md); '
    + 'DFT numbers as they are go to a screen\'s descriptors (binding_vs_support_eV) or `sacplate nucleation --sac "binding <eV>, reference <eV>"`'),
  redShift: F('energy', -3, 3, 'a barrier shift of -3 to 3 eV (negative = catalytic), e.g. "-0.05 eV"'),
  terraceBarrier: F('energy', 0, 5, 'a barrier of 0 to 5 eV, e.g. "0.10 eV"'),
};

// ---------------------------------------------------------------------------------------------
// helpers

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const clone = <T>(x: T): T => structuredClone(x);

/*
 * The shapes of a `parameters:` block as zod 4 schemas: which keys each level allows and the
 * type of each (strings, booleans, sources, nested maps). Every check carries the message the
 * CLI prints ("field: got VALUE, expected WHAT"); values with units (energies, current densities,
 * ...) are left to `parseSourced`, which parses the unit and checks the range.
 */
const str = z.string({ error: 'a string' });
/**
 * A map of name -> item. A "__proto__" name (an own key after JSON.parse or YAML) is refused by
 * name: z.record would drop it without a word, and it can name no entry of a JavaScript object.
 */
const mapOf = <T extends z.ZodType>(item: T, what: string) => z.unknown().superRefine((v, ctx) => {
  if (v !== null && typeof v === 'object' && Object.hasOwn(v, '__proto__')) ctx.addIssue({ code: 'custom', path: ['__proto__'], input: (v as Record<string, unknown>)['__proto__'], message: 'a name other than "__proto__" (it cannot name an entry of a JavaScript object)' });
}).pipe(z.record(z.string(), item, { error: what }));
/** a source given as an object (a plain string is a reference on its own) */
const sourceObjectSchema = keyed({
  ref: z.string({ error: 'a non-empty string (DOI or reference)' }).min(1, { error: 'a non-empty string (DOI or reference)' }),
  where: str.optional(),
  assumed: z.boolean({ error: 'true or false' }).optional(),
  note: str.optional(),
}, 'a source: a string, or {ref, where?, assumed?, note?}');

const SOURCED_MAP = 'a map of name -> value with unit, e.g. { Li0_binding: "-3.66 eV" }';
const interactionSchema = keyed({
  binding: z.unknown().optional(), redShift: z.unknown().optional(), terraceBarrier: z.unknown().optional(),
  dft: mapOf(z.unknown(), SOURCED_MAP).optional(), reported: mapOf(z.unknown(), SOURCED_MAP).optional(),
}, '{ binding, redShift, terraceBarrier } with units, e.g. { binding: "0.30 eV" }');
const interactionsSchema = mapOf(interactionSchema, 'a map of metal name -> { binding, redShift, terraceBarrier }');

const metalSetSchema = keyed({
  // a set from params.getMetal() carries its name (polish65), as a host set's: the block's key names the set
  name: str.optional(),
  description: str.optional(),
  ...Object.fromEntries(Object.keys(METAL_FIELDS).map((k) => [k, z.unknown().optional()])),
}, `a metal set: { ${Object.keys(METAL_FIELDS).join(', ')} } with units`);

const hostSetSchema = keyed({
  // a set from params.getHost() carries its name (mends65b: the round trip was refused on it); the block's key names the set
  name: str.optional(),
  description: str.optional(),
  conducting: z.boolean({ error: 'true or false' }).optional(),
  element: str.optional(),
  metals: interactionsSchema.optional(),
  source: z.unknown().optional(), // parseSource
}, 'a host set: { conducting, metals: { Li: { binding: "0.06 eV" } } }');

const sacSetSchema = keyed({
  name: str.optional(), // as a host set's: params.getSac()'s own name, the block's key names the set
  element: str.optional(), coordination: str.optional(), support: str.optional(), description: str.optional(),
  metals: interactionsSchema.optional(),
  stability: mapOf(z.unknown(), SOURCED_MAP).optional(),
  supportElements: z.array(str, { error: 'a list of element symbols, e.g. [Co, S]' }).optional(),
  source: z.unknown().optional(), // parseSource
}, 'a SAC set: { element, support, supportElements, metals: { Li: { binding: "0.38 eV" } } }');

const paramsSchema = keyed({
  metals: mapOf(z.unknown(), 'a map of metal name -> set').optional(),
  hosts: mapOf(z.unknown(), 'a map of host name -> set').optional(),
  sacs: mapOf(z.unknown(), 'a map of sac name -> set').optional(),
  bindingScale: z.number({ error: 'a plain number from 0 to 4 (default 1: DFT energy differences as they are)' })
    .min(0, { error: 'a plain number from 0 to 4 (default 1: DFT energy differences as they are)' })
    .max(4, { error: 'a plain number from 0 to 4 (default 1: DFT energy differences as they are)' }).optional(),
}, 'a map with any of: metals, hosts, sacs (user parameter sets), bindingScale');

// how a value's source note begins when the run does not use it (params/sourced.ts, where the metal sets can read it)
export { NOT_USED_BY_THE_RUN };

/** the ref of a value the user gave without a source (parseSourced's default): not a work to cite */
const USER_INPUT = 'user input';

function parseSource(field: string, v: unknown): Source {
  if (typeof v === 'string') return v === USER_INPUT ? { ref: v } : { ref: v, given: true };
  const o = checked(sourceObjectSchema, field, v);
  const s: Source = { ref: o.ref };
  if (o.where !== undefined) s.where = o.where;
  if (o.note !== undefined) s.note = o.note;
  if (o.assumed !== undefined) s.assumed = o.assumed;
  if (s.ref !== USER_INPUT) s.given = true;
  return s;
}

/**
 * A user value with units -> `Sourced` (keeps the user's own unit), validated against `spec`.
 * Accepts "0.12 eV", {value, unit, source?}, or a plain number for dimensionless fields.
 */
export function parseSourced(field: string, v: unknown, spec: FieldSpec): Sourced {
  if (!isObj(spec) || typeof spec.kind !== 'string') throw new InputError('spec', spec, 'a field spec { kind, ... } (the registry\'s METAL_FIELDS / interaction fields)');
  let source: Source = { ref: 'user input', where: field };
  let q: unknown = v;
  if (isObj(v) && 'value' in v) {
    refuseUnknownKeys(field, v, ['value', 'unit', 'source']);
    if (v.source !== undefined) source = parseSource(`${field}.source`, v.source);
    q = { value: v.value, unit: v.unit ?? '' };
  }
  let canonical: number;
  // "1e400 eV": out of the field's range (it said "an energy with a unit")
  try { canonical = parseQuantity(field, q, spec.kind); } catch (e) { throw e instanceof NotFiniteError ? new InputError(field, v, spec.range) : e; }
  if (!(canonical >= spec.min && canonical <= spec.max)) throw new InputError(field, v, spec.below && canonical < spec.min ? `${spec.range}: ${spec.below}` : spec.range);
  let value: number;
  let unit: string;
  if (typeof q === 'number') { value = q; unit = '1'; } else if (typeof q === 'string') {
    const sq = splitQuantity(q)!;
    value = sq.value; unit = sq.unit === '' ? '1' : sq.unit;
  } else {
    const o = q as { value: number; unit: string };
    value = o.value; unit = o.unit === '' ? '1' : o.unit;
  }
  return { value, unit, source };
}

function sourcedRecord(field: string, v: unknown): Record<string, Sourced> {
  const o = checked(mapOf(z.unknown(), SOURCED_MAP), field, v);
  const out: Record<string, Sourced> = {};
  for (const [k, x] of Object.entries(o)) {
    const f = `${field}.${k}`;
    let q: unknown = x;
    let source: Source = { ref: 'user input', where: f };
    if (isObj(x) && 'value' in x) {
      refuseUnknownKeys(f, x, ['value', 'unit', 'source']);
      if (x.source !== undefined) source = parseSource(`${f}.source`, x.source);
      q = { value: x.value, unit: x.unit ?? '' };
    }
    if (typeof q === 'number' && Number.isFinite(q)) { out[k] = { value: q, unit: '1', source }; continue; }
    const sq = typeof q === 'string' ? splitQuantity(q) : isObj(q) && typeof q.value === 'number' && typeof q.unit === 'string' ? { value: q.value, unit: q.unit } : undefined;
    if (!sq) throw new InputError(f, x, 'a number with a unit, e.g. "-3.66 eV"');
    out[k] = { value: sq.value, unit: sq.unit === '' ? '1' : sq.unit, source };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// user sets


function applyMetal(field: string, name: string, v: unknown, base: MetalSet | undefined): MetalSet {
  const o = checked(metalSetSchema, field, v) as Record<string, unknown> & { description?: string };
  const out = base ? clone(base) : ({ name, description: 'user-defined metal' } as MetalSet);
  out.name = name;
  if (o.description !== undefined) out.description = o.description;
  for (const [k, spec] of Object.entries(METAL_FIELDS)) {
    if (o[k] !== undefined) (out as unknown as Record<string, Sourced>)[k] = parseSourced(`${field}.${k}`, o[k], spec);
    else if (!base && !OPTIONAL_METAL_FIELDS.has(k)) throw new InputError(`${field}.${k}`, undefined, `${spec.range} (a new metal needs every field but ${[...OPTIONAL_METAL_FIELDS].join(', ')})`);
  }
  // the melting point in K, as the built-ins give it: the run's check (metals.ts refuseMolten) reads a value in K
  if (o.meltingPoint !== undefined && out.meltingPoint && out.meltingPoint.unit !== 'K') {
    const mp = out.meltingPoint;
    out.meltingPoint = { ...mp, value: Number(parseQuantity(`${field}.meltingPoint`, { value: mp.value, unit: mp.unit === '1' ? '' : mp.unit }, 'temperature').toPrecision(12)), unit: 'K' };
  }
  // energyaudit, mends61: every lateral bond is E_mm in the rates (one energy function, docs/model.md). A lateralBond of
  // another value ran as if absent (energyaudit refused it in a run's kinetics:, mends61 in a parameters block too); the
  // set holds the bond's value, so that `params show`, `cite` and the provenance follow a changed bond
  const bond_eV = eV(out.bond, `${field}.bond`);
  if (o.lateralBond !== undefined && eV(out.lateralBond, `${field}.lateralBond`) !== bond_eV) {
    throw new InputError(`${field}.lateralBond`, o.lateralBond, `the metal-metal bond the run uses (${bond_eV} eV) or no lateralBond: ` +
      'the rates take every lateral bond as the bond E_mm (one energy function, docs/model.md), so set `bond` to change it');
  }
  out.lateralBond = lateralOf(out.bond);
  return out;
}

/** eV of a parsed energy (any energy unit parseSourced took) */
const eV = (x: Sourced, field: string): number => Number(parseQuantity(field, { value: x.value, unit: x.unit === '1' ? '' : x.unit }, 'energy').toPrecision(12));

/**
 * The hop barrier the run uses for a lone adatom on this site: the engine reads no substrate's
 * terraceBarrier (src/apps/plating.ts: the metal's terrace barrier - bond + the site's binding), so a
 * user set that gives none shows that derived number, as the built-in hosts and SACs do (derive.ts);
 * it showed (and `cite` cited) a default 0.10 eV the run never used (review64).
 */
function derivedHop(metal: MetalSet, metalName: string, binding_eV: number): Sourced {
  const Ed = eV(metal.terraceBarrier, `metal ${metalName}.terraceBarrier`), bond = eV(metal.bond, `metal ${metalName}.bond`);
  const v = Number((Ed - bond + binding_eV).toPrecision(12));
  const f3 = (x: number) => x.toFixed(3);
  return { value: v, unit: 'eV', source: { ref: DERIVED_REF, assumed: true,
    note: `one energy function: lone-adatom hop barrier = ${metalName} terrace barrier (${f3(Ed)}) - ${metalName} bond (${f3(bond)}) + binding (${f3(binding_eV)}) eV = ${f3(v)} eV; what the run uses (none given)` } };
}

/**
 * A value a built-in set derived (derive.ts; its source `derived (sacplate params/derive.ts)`): a lone adatom's hop
 * barrier, which a set from params.getHost() or getSac() carries back into a block (mends65b: graphene's Na barrier,
 * -0.008284 eV, was refused against the 0-5 eV a given barrier takes). Not given: the run derives it again from the
 * binding, the same number for the same binding.
 */
const isDerivedHop = (x: unknown): boolean => isObj(x) && isObj(x.source) && x.source.ref === DERIVED_REF;
const DERIVED_REF = 'derived (sacplate params/derive.ts)';

function applyInteraction(field: string, v: unknown, base: MetalInteraction | undefined, metal?: MetalSet, metalName?: string): MetalInteraction {
  const o = checked(interactionSchema, field, v) as Record<string, unknown>;
  if (isDerivedHop(o.terraceBarrier)) delete o.terraceBarrier;
  const out: MetalInteraction = base ? clone(base) : {
    binding: undefined as unknown as Sourced,
    redShift: { value: 0, unit: 'eV', source: { ref: 'default', assumed: true, note: 'no shift given' } },
    terraceBarrier: { value: HOST_TERRACE_EV, unit: 'eV', source: { ref: 'default', assumed: true, note: 'plain-host hop barrier' } },
  };
  for (const [k, spec] of Object.entries(INTERACTION_FIELDS)) {
    if (o[k] !== undefined) (out as unknown as Record<string, Sourced>)[k] = parseSourced(`${field}.${k}`, o[k], spec);
  }
  // mends126 (review90 F5): a set with only DFT numbers was refused with the range alone; the rule that turns them into
  // the binding, and that a `dft` map beside it is not converted
  if (!out.binding) {
    throw new InputError(`${field}.binding`, undefined, `${INTERACTION_FIELDS.binding!.range}: ${BINDING_RULE}${o.dft !== undefined ? `; the \`dft\` numbers beside it are kept with the set, not converted: work it out from them (graphene's 0.015 eV + (2.95 - 2.05) eV = 0.915 eV for E_SAC -2.95 eV, E_graphene -2.05 eV) and give it as binding` : ''}`);
  }
  // no barrier given: the one the run uses for this binding (a built-in's binding overridden re-derives it too)
  if (o.terraceBarrier === undefined && metal && metalName) out.terraceBarrier = derivedHop(metal, metalName, eV(out.binding, `${field}.binding`));
  // one given is kept (a screen's descriptor column migration_barrier_eV arrives here as the site's barrier, src/screen/spec.ts)
  // and its line says that the run does not use it and which barrier the run derives (mends83: `params show` printed it,
  // and `cite` cited it, as if the run used it; review64)
  else if (o.terraceBarrier !== undefined && metal && metalName) {
    const hop = derivedHop(metal, metalName, eV(out.binding, `${field}.binding`));
    const src = out.terraceBarrier.source;
    const why = `${NOT_USED_BY_THE_RUN}: it derives a lone adatom's hop off this site from the binding, ${hop.source.note!.replace(/^one energy function: lone-adatom hop barrier = /, '').replace(/; what the run uses.*$/, '')} (src/apps/plating.ts)`;
    out.terraceBarrier = { ...out.terraceBarrier, source: { ...src, note: src.note ? `${why}; ${src.note}` : why } };
  }
  // mends126 (review90 F3): a user set's dft values are kept, not read (the run takes the binding as given): noted as
  // a given terraceBarrier is (mends83), so that `params show` says it and `cite` lists them under "Not citations"
  if (o.dft !== undefined) {
    const given = sourcedRecord(`${field}.dft`, o.dft);
    for (const x of Object.values(given)) x.source = { ...x.source, note: x.source.note ? `${DFT_NOT_USED}; ${x.source.note}` : DFT_NOT_USED };
    out.dft = { ...(out.dft ?? {}), ...given };
  }
  if (o.reported !== undefined) out.reported = { ...(out.reported ?? {}), ...sourcedRecord(`${field}.reported`, o.reported) };
  return out;
}

function applyInteractions(field: string, v: unknown, base: HostSet['metals'] | undefined, metals: Record<string, MetalSet>): HostSet['metals'] {
  const o = checked(mapOf(z.unknown(), 'a map of metal name -> { binding, redShift, terraceBarrier }'), field, v);
  const out: HostSet['metals'] = base ? clone(base) : {};
  for (const [metal, x] of Object.entries(o)) out[metal] = applyInteraction(`${field}.${metal}`, x, base?.[metal], own(metals, metal), metal);
  return out;
}

function applyHost(field: string, name: string, v: unknown, base: HostSet | undefined, metals: Record<string, MetalSet>, builtins: Record<string, HostSet> = {}): HostSet {
  const o = checked(hostSetSchema, field, v);
  // a built-in set from params.getHost() under a new name: its element is the built-in's (graphene's C, not X), as
  // under its own name (mends65b); a block that gives an element keeps it
  if (!base && o.element === undefined && o.name !== undefined && own(builtins, o.name) && own(builtins, o.name)!.element === undefined) o.element = hostElement(o.name);
  if (!base && o.metals === undefined) throw new InputError(`${field}.metals`, undefined, 'per-metal energies, e.g. { Li: { binding: "0.06 eV" } }');
  // a new set's element '' (not given: written X, as a SAC set without one; review65: every user host was written C)
  const out: HostSet = base ? clone(base) : { name, description: 'user-defined host', conducting: true, element: '', metals: {}, source: { ref: 'user input', where: field } };
  out.name = name;
  if (o.element !== undefined) {
    if (!ELEMENT_SYMBOLS.has(o.element)) throw new InputError(`${field}.element`, o.element, `an element symbol, e.g. Cu, Sn, C${symbolCaseHint(o.element)} (the element final.extxyz writes for the host)`);
    out.element = o.element;
  }
  if (o.description !== undefined) out.description = o.description;
  if (o.conducting !== undefined) out.conducting = o.conducting;
  if (o.source !== undefined) out.source = parseSource(`${field}.source`, o.source);
  if (o.metals !== undefined) out.metals = applyInteractions(`${field}.metals`, o.metals, base?.metals, metals);
  return out;
}


function applySac(field: string, name: string, v: unknown, base: SacSet | undefined, metals: Record<string, MetalSet>): SacSet {
  const o = checked(sacSetSchema, field, v);
  if (!base && o.metals === undefined) throw new InputError(`${field}.metals`, undefined, 'per-metal energies, e.g. { Li: { binding: "0.38 eV" } }');
  const out: SacSet = base ? clone(base) : {
    // no element unless the set gives one ('': not given); it was taken from the name (My-SAC: element My)
    name, element: '', coordination: '', support: '', description: 'user-defined SAC site',
    metals: {}, source: { ref: 'user input', where: field },
  };
  out.name = name;
  // the element keys the literature, sustainability and screening look-ups: a typo must not run
  if (o.element !== undefined && !ELEMENT_SYMBOLS.has(o.element)) {
    throw new InputError(`${field}.element`, o.element, `an element symbol, e.g. Fe, Co, Zn${symbolCaseHint(o.element)}`);
  }
  for (const k of ['element', 'coordination', 'support', 'description'] as const) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  // the material's other elements (mends84; toxoel added them to built-in sites only): checked as the element is
  if (o.supportElements !== undefined) {
    o.supportElements.forEach((x, i) => {
      if (!ELEMENT_SYMBOLS.has(x)) throw new InputError(`${field}.supportElements[${i}]`, x, `an element symbol, e.g. Co, S${symbolCaseHint(x)} (the material's elements beside the SAC element and its carbon or nitrogen support)`);
    });
    out.supportElements = [...new Set(o.supportElements)];
  } else if (base && o.element !== undefined && o.element !== base.element) delete out.supportElements;
  if (o.source !== undefined) out.source = parseSource(`${field}.source`, o.source);
  if (o.stability !== undefined) out.stability = { ...(out.stability ?? {}), ...sourcedRecord(`${field}.stability`, o.stability) };
  if (o.metals !== undefined) out.metals = applyInteractions(`${field}.metals`, o.metals, base?.metals, metals);
  return out;
}

// ---------------------------------------------------------------------------------------------
// building

/** The built-in set of that name, if any ("toString", "constructor" name no built-in: not `sets[name]`). */
const own = <T,>(sets: Record<string, T>, name: string): T | undefined => (Object.hasOwn(sets, name) ? sets[name] : undefined);

/** Builds the parameter sets: built-ins, derived with `bindingScale`, plus user overrides. */
export function buildParamSets(opts: BuildOptions = {}): ParamSets {
  optionsArg('options', opts, '{ user: { hosts: { ... } } }', ['user', 'userField', 'metalOverrides']);
  const uf = opts.userField ?? 'parameters';
  const user = opts.user === undefined || opts.user === null ? {} : checked(paramsSchema, uf, opts.user);
  const bindingScale = user.bindingScale ?? DEFAULT_BINDING_SCALE;
  const section = (k: 'metals' | 'hosts' | 'sacs'): Record<string, unknown> => user[k] ?? {};

  // metals
  const metals: Record<string, MetalSet> = clone(METALS);
  for (const [name, v] of Object.entries(section('metals'))) metals[name] = applyMetal(`${uf}.metals.${name}`, name, v, own(metals, name));
  if (opts.metalOverrides && opts.metalOverrides.values !== undefined) {
    const { metal, values, field } = opts.metalOverrides;
    const base = metals[metal];
    if (base) metals[metal] = applyMetal(field, metal, values, base);
  }
  // hosts, derived from the (possibly overridden) metals
  const hosts = deriveHosts(metals);
  const builtinHosts = { ...hosts };
  for (const [name, v] of Object.entries(section('hosts'))) hosts[name] = applyHost(`${uf}.hosts.${name}`, name, v, own(hosts, name), metals, builtinHosts);
  // SACs, derived from those hosts
  const sacs = deriveSacs(hosts, metals, bindingScale);
  for (const [name, v] of Object.entries(section('sacs'))) sacs[name] = applySac(`${uf}.sacs.${name}`, name, v, own(sacs, name), metals);
  return { metals, hosts, sacs, bindingScale };
}
