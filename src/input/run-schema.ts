/**
 * The run file as zod 4 schemas: the one definition of its keys, their types, units, ranges,
 * examples and the one-line message each mistake gets ("field: got VALUE, expected WHAT").
 *
 * - parse.ts (the CLI, the library, `POST /api/runs`) checks a run with these schemas, section by
 *   section in the order it resolves them, so the first mistake reported is the first one met (after
 *   every unknown key of the run, named in one line: parse.ts refuseUnknownRunKeys);
 * - schema.ts emits the JSON Schema of `runShape` for the Run form, the OpenAPI document and
 *   editors.
 *
 * Values with units go through `quantity()`, which parses them with the unit parser (units.ts) and
 * gives its message or the range's. Rules that need what was resolved before them (host layers up
 * to half the box, a loading in sites/nm2 at this voxel, a terrace width that fits the box) are
 * schemas built from those values (`hostLayersSchema(nz)`, ...); the context-free form is what the
 * JSON Schema shows. Names of metals, hosts and SACs are checked by the parameter registry (they
 * depend on the run's own `parameters:`), the protocol by its own language (protocol.ts), the
 * electrolyte/cell and SEI blocks by transport.ts and sei.ts: for those the schemas here describe
 * the keys for forms and editors.
 *
 * Adding a key (docs/workbench.md, "Adding a run-file key"): add it to the section's shape below
 * with its message, add its name to RUN_KEYS if it is a new top-level key, and read it in
 * parse.ts with `checked(...)` (src/schema-keys.ts, shared with the parameter registry) where it
 * is resolved.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { keyed, type Refused } from '../schema-keys.js';
import { listParams } from '../params/registry.js';
import { isMap, unknownKeys } from '../args.js';
import { NotFiniteError, QUANTITY_KEYS, parseQuantity, quantityKeyWords, type KindName } from '../units.js';
import { MAX_RUN_VOXELS } from './voxel-limit.js';

export const RUN_KEYS = [
  'metal', 'temperature', 'lattice', 'host', 'sacs', 'protocol', 'seed',
  'electrochem', 'output', 'parameters', 'kinetics', 'host_layers',
  'electrolyte', 'cell', 'sei', 'model',
] as const;
export type RunKey = typeof RUN_KEYS[number];

export const ARRANGEMENTS = ['random', 'grid', 'clustered'] as const;
export const KINETICS_KEYS = ['bond', 'lateralBond', 'terraceBarrier', 'schwoebel', 'attemptFrequency', 'exchangeCurrentDensity', 'transferCoefficient', 'exchangeActivationEnergy'] as const;

// ---------------------------------------------------------------------------------------------
// building blocks

/**
 * A required value: missing (or null, unless `nullIsMissing` is false) -> `what`, reported as
 * "got nothing (field missing)"; keeps `schema`'s description.
 */
export const required = <T extends z.ZodType>(schema: T, what: string, nullIsMissing = true) =>
  z.unknown().superRefine((v, ctx) => {
    if (v === undefined || (nullIsMissing && v === null)) ctx.addIssue({ code: 'custom', message: what, params: { missing: true } });
  }).pipe(schema).meta({ ...(z.globalRegistry.get(schema) ?? {}) });

/** A value not checked here (names, the protocol language, ...): described for the JSON Schema only. */
export const described = (meta: Record<string, unknown>) => z.unknown().meta(meta);

/** An integer in [min, max]; any other value -> `what`. */
export const integer = (min: number, max: number, what: string) => z.int({ error: what }).min(min, { error: what }).max(max, { error: what });

export interface QuantitySpec {
  /** in canonical (SI) units */
  min?: number;
  max?: number;
  /** any other acceptance rule, in canonical units */
  ok?: (x: number) => boolean;
  /** message when the value parses but is out of range */
  range: string;
  description: string;
  examples: (string | number)[];
}

/**
 * A value with a unit ("25 degC", "10 nm", 0.5 for a plain fraction, { value, unit }) of `kind`,
 * parsed to canonical units. A unit problem gets the unit parser's message, a number out of range
 * `spec.range`.
 */
export function quantity(kind: KindName, spec: QuantitySpec) {
  // the description sits on the input side: the JSON Schema (io: 'input') keeps its examples
  return z.unknown().meta({ type: ['string', 'number'], description: spec.description, examples: spec.examples, 'x-unit-kind': kind }).transform((v, ctx) => {
    let x: number;
    try {
      x = parseQuantity('', v, kind);
    } catch (e) {
      // keys beside value and unit (`.note`): unknown keys as a strict object's, each named by its full path (schema-keys.ts)
      const found = e instanceof InputError && e.field && isMap(v) ? unknownKeys('', v, QUANTITY_KEYS, quantityKeyWords(kind)) : [];
      if (found[0]) { ctx.addIssue({ code: 'unrecognized_keys', keys: found.map((f) => f.name), input: v as Record<string, unknown>, message: found[0].text }); return z.NEVER; }
      // "1e400 K": a number beyond a double's range is out of the accepted range (it said "a temperature with a unit")
      if (e instanceof NotFiniteError && (spec.min !== undefined || spec.max !== undefined)) { ctx.addIssue({ code: 'custom', message: spec.range, input: v }); return z.NEVER; }
      if (e instanceof InputError) { ctx.addIssue({ code: 'custom', message: e.expected, input: v }); return z.NEVER; }
      throw e;
    }
    const inRange = (spec.min === undefined || x >= spec.min) && (spec.max === undefined || x <= spec.max) && (spec.ok ? spec.ok(x) : true);
    if (!inRange || Number.isNaN(x)) { ctx.addIssue({ code: 'custom', message: spec.range, input: v }); return z.NEVER; }
    return x;
  });
}

/** The same keys as `shape`, values unchecked except required ones: the keys-only first pass over an object. */
export function keysOnly<S extends z.core.$ZodLooseShape>(
  shape: S, what: string, requiredText: Partial<Record<keyof S, string>> = {}, refused: Refused = {}, nullIsMissing = true,
) {
  return keyed(Object.fromEntries(Object.keys(shape).map((k) => {
    const need = requiredText[k as keyof S];
    return [k, need !== undefined ? required(z.unknown(), need, nullIsMissing) : z.unknown().optional()];
  })), what, refused);
}

// ---------------------------------------------------------------------------------------------
// the sections of a run file

const names = (kind: 'metal' | 'host' | 'sac') => listParams(kind).map((p) => p.name);

export const RUN_WHAT = `a run description: a map with keys ${RUN_KEYS.join(', ')}`;
export const VARIANTS_IN_RUN = 'no such key in a single run (a file with variants is a comparison: use `sacplate compare`)';
export const REQUIRED_TEXT = {
  metal: 'a metal: Li, Na or K (required)',
  lattice: 'a lattice { size: [x, y, z], voxel: "0.30 nm" } (required)',
  host: 'a host name, e.g. graphene (required)',
  protocol: 'a list of protocol steps, e.g. ["Plate at 1 mA/cm2 for 10 s"] (required)',
} as const;

export const temperatureSchema = quantity('temperature', {
  min: 150, max: 400, range: 'a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"',
  description: 'temperature, 150 to 400 K', examples: ['25 degC', '298.15 K'],
});

const THREE = 'three integers [x, y, z], x and y >= 4, z >= 8';
const XY = 'an integer >= 4 (up to 65536)';
export const latticeSizeSchema = z.tuple([integer(4, 1 << 16, XY), integer(4, 1 << 16, XY), integer(8, 1 << 16, 'an integer z >= 8 (up to 65536)')], { error: THREE })
  .superRefine((s, ctx) => {
    const n = s[0] * s[1] * s[2];
    if (n > MAX_RUN_VOXELS) ctx.addIssue({ code: 'custom', message: `at most 2^30 - 1 = ${MAX_RUN_VOXELS} voxels in all, what the plating app holds (got ${n})` });
  }).meta({ description: 'voxels along x, y, z (x, y >= 4, z >= 8)', examples: [[32, 32, 24]] });

/** `lattice.terrace_width` for a box `nx` voxels wide (undefined: the JSON Schema's form). */
export const terraceWidthSchema = (nx?: number) => (nx === undefined
  ? z.int().min(1)
  : integer(1, Math.floor(nx / 2), `an integer number of voxels from 1 to ${Math.floor(nx / 2)} (half the x size)`))
  .meta({ description: 'a stepped own-metal foil: monatomic steps every this many voxels (2w must divide the x and y sizes)' });

const FOIL_TEXT = '"stepped" (periodic, steps up and down) or "vicinal" (helical boundaries: a net miscut, steps conserved)';
export const latticeSchema = keyed({
  size: latticeSizeSchema,
  voxel: quantity('length', {
    min: 0.05e-9, max: 100e-6, range: 'a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"',
    description: 'voxel edge, 0.05 nm to 100 um (the atomic spacing gives atomistic mode, larger gives mesoscale; smaller runs as mesoscale with a warning)', examples: ['10 nm', '0.30 nm'],
  }).optional(),
  terrace_width: terraceWidthSchema().optional(),
  foil: z.enum(['stepped', 'vicinal'], { error: FOIL_TEXT }).optional()
    .meta({ description: 'with terrace_width: "stepped" (default; periodic, k levels up and k down) or "vicinal" (helical boundaries, a net miscut whose steps cannot annihilate)' }),
}, 'a map { size: [x, y, z], voxel: "0.30 nm" }', {}, REQUIRED_TEXT.lattice).meta({ title: 'lattice' });

/** `host_layers` for a box `nz` voxels high (undefined: the JSON Schema's form). */
export const hostLayersSchema = (nz?: number) => (nz === undefined
  ? z.int().min(1)
  : integer(1, Math.floor(nz / 2), `an integer from 1 to half the lattice height (${Math.floor(nz / 2)})`))
  .meta({ description: 'host layers at the bottom of the box (up to half its height)' });

/** the largest SAC loading a bare number (a fraction of host sites) may give: 0.1 = 10 %, the largest loading of the
 *  examples; a bare 1 or 2 is a percentage without its unit far more often than 100 % or 200 % of the sites */
export const BARE_LOADING_MAX = 0.1;
const LOADING_TEXT = 'a loading as a percentage of host surface sites ("2 %") or an areal density ("0.5 sites/nm2")';
/**
 * A SAC loading -> fraction of top host-layer voxels: "2 %" or 0.02, or "0.5 sites/nm2" at a voxel
 * face of `voxelArea_m2` (undefined: the JSON Schema's form).
 */
export const loadingSchema = (voxelArea_m2?: number) => z.unknown().meta({
  type: ['string', 'number'], description: 'share of host surface sites ("2 %") or areal density ("0.5 sites/nm2")', examples: ['2 %', '0.5 sites/nm2'],
}).transform((v, ctx) => {
  const fail = (message: string) => { ctx.addIssue({ code: 'custom', message, input: v, params: v === undefined ? { missing: true } : undefined }); return z.NEVER; };
  if (v === undefined) return fail('a loading, e.g. "2 %" or "0.5 sites/nm2"');
  // "2 wt%" is a share of the host's mass, not of its sites: read as "2 %" it placed a different
  // number of SACs without a word. The run file gives no host mass per site to convert it.
  if (typeof v === 'string' && /wt\s*%|\bwt\b/i.test(v)) return fail(`${LOADING_TEXT}; a mass loading in wt% cannot be placed on the lattice (no host mass per site; sacplate nucleation --sac converts wt% on a graphene sheet)`);
  let frac: number;
  try {
    frac = parseQuantity('', v, 'fraction');
  } catch {
    let density: number;
    try { density = parseQuantity('', v, 'arealDensity'); } catch { return fail(LOADING_TEXT); }
    // without a voxel (the context-free form, runShape): any areal density >= 0, returned as sites/m2
    if (voxelArea_m2 === undefined) return density >= 0 ? density : fail('an areal density >= 0, e.g. "0.5 sites/nm2"');
    const area = voxelArea_m2;
    frac = density * area;
    if (!(frac >= 0 && frac <= 1)) return fail(`an areal density from 0 to one site per voxel face (${(1 / (area * 1e18)).toPrecision(3)} sites/nm2 at this voxel)`);
    return frac;
  }
  // a number without a unit is a fraction: "loading: 2" (meant as 2 %) said 'expected a loading from 0 to 100 %';
  // a bare 1 (meant as 1 %: a sweep axis `loading: [1, 2]`) ran as every host site without a word (review46), so a bare
  // fraction is taken only up to BARE_LOADING_MAX; above it the unit is asked for
  const bare = typeof v === 'number' || /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(String(v));
  if (bare && !(frac >= 0 && frac <= BARE_LOADING_MAX)) {
    const n = String(v).trim();
    const pct = Number((frac * 100).toPrecision(6));
    const forms = frac <= 0 || frac > 100 ? ['"2 %"'] : frac > 1 ? [`"${n} %"`] : [`"${n} %"`, `"${pct} %"`];
    return fail(`a loading with its unit, ${forms.join(' or ')} of host sites or "0.5 sites/nm2" (a number without a unit is a fraction of host sites, taken only from 0 to ${BARE_LOADING_MAX}: ${n} would be ${pct} % of them)`);
  }
  if (!(frac >= 0 && frac <= 1)) return fail('a loading from 0 to 100 %');
  return frac;
});

export const sacSchema = keyed({
  site: required(described({ type: 'string', description: 'SAC site', examples: names('sac') }), 'a SAC site name, e.g. Zn-N4', false),
  loading: loadingSchema(),
  arrangement: z.enum(ARRANGEMENTS, { error: `one of ${ARRANGEMENTS.join(', ')}` }).optional(),
}, '{ site: Zn-N4, loading: "2 %", arrangement: random }');

export const sacsSchema = z.array(z.unknown(), { error: 'a list of { site, loading, arrangement }' })
  .nullable().optional().meta({ title: 'single-atom catalysts' });
/** what the JSON Schema shows for `sacs` (its entries are checked one by one, in order, by parse.ts) */
const sacsShape = z.array(sacSchema).nullable().optional().meta({ title: 'single-atom catalysts' });

export const seedSchema = integer(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer up to 2^53 - 1 = 9007199254740991')
  .meta({ description: 'random seed (a non-negative integer)' });

export const counterSchema = keyed({
  exchange_current_density: quantity('currentDensity', {
    min: 1e-6, max: 1e5, range: 'an exchange current density from 1e-7 to 1e4 mA/cm2, e.g. "1 mA/cm2"',
    description: 'counter electrode i0', examples: ['1 mA/cm2'],
  }).optional(),
  alpha: quantity('fraction', {
    min: 0.01, max: 0.99, range: 'a transfer coefficient between 0.01 and 0.99, e.g. 0.5',
    description: 'counter electrode transfer coefficient, 0.01 to 0.99', examples: [0.5],
  }).optional(),
}, 'a map { exchange_current_density: "1 mA/cm2", alpha: 0.5 }');

/** parse.ts checks the counter electrode first, then the double layer, then the resistance. */
export const electrochemSchema = keyed({
  double_layer: quantity('capacitanceDensity', {
    min: 0, max: 100, range: 'a double-layer capacitance from 0 to 10000 uF/cm2, e.g. "20 uF/cm2"',
    description: 'double-layer capacitance (default: the metal set\'s)', examples: ['20 uF/cm2'],
  }).optional(),
  ohmic: quantity('arealResistance', {
    min: 0, max: 1, range: 'an area-specific resistance from 0 to 10000 Ohm cm2, e.g. "10 Ohm cm2"',
    description: 'area-specific ohmic resistance, 0 to 10000 Ohm cm2', examples: ['10 Ohm cm2'],
  }).optional(),
  counter: counterSchema.optional(),
  estimator: z.enum(['rates', 'events', 'scaled-rates'], { error: 'rates (the default), events or scaled-rates' })
    .meta({ description: 'what the galvanostat averages (electrochem/doublelayer.ts): rates, the box\'s reduction and oxidation rate sums (default); events, the realised faradaic events with flickers (an atom oxidised again within one event\'s time of its reduction) left out; scaled-rates, the rate sums each scaled by the window\'s share of realised events that are not flickers (recommended over events: as quiet as rates on a metal foil): both for a SAC whose exchange dwarfs the applied current (which the default reads far above its host, saying nothing: Li on carbon-cloth + SAFe-CVRCS 2 %), both about 36 times the default\'s CPU on such a box (10-80 CPU s a run against about 1.5 s on 16 x 16 x 10 voxels of 10 nm, 0.002 mAh/cm2: every flicker is run), about the default\'s elsewhere (docs/model.md, "What `simulate` reads for SAFe-CVRCS")', examples: ['scaled-rates'] })
    .optional(),
}, 'a map { double_layer: "0 uF/cm2", ohmic: "0 Ohm cm2", counter: { exchange_current_density: "1 mA/cm2", alpha: 0.5 }, estimator: rates }')
  .meta({ title: 'electrochemistry' });

export const outputSchema = keyed({
  sample: quantity('arealCapacity', {
    ok: (x) => x > 0, range: 'a positive areal capacity, e.g. "0.0001 mAh/cm2"',
    description: 'sampling interval as areal capacity', examples: ['0.0001 mAh/cm2'],
  }).optional(),
  snapshots: z.boolean({ error: 'true or false' }).optional(),
  // the extended XYZ has a line per solid voxel: 1.75 GB for the 50 nm standard protocol's 1e8 voxels, where the VTI is 100 MB
  structures: z.array(z.enum(['vti', 'extxyz'], { error: 'vti or extxyz' }), { error: 'a list of structure formats: [vti, extxyz], [vti], [extxyz] or []' })
    .meta({ description: 'structure files written at the end and in snapshots (default both: VTI for ParaView, extended XYZ for OVITO/ASE)', examples: [['vti']] })
    .optional(),
  // nucleicov (review82 finding 3): the nuclei counted before they coalesce (metrics.json early_*, metrics/early-nuclei.ts)
  nuclei_coverage: quantity('fraction', {
    ok: (x) => x > 0 && x < 1, range: 'a fraction of the first layer above 0 and below 1, e.g. 0.1 (the default)',
    description: 'first-layer coverage (fraction of the first layer) at which metrics.json counts the nuclei before they coalesce (early_island_count, early_nucleus_density_per_um2, early SAC share); default 0.1',
    examples: [0.1],
  }).optional(),
}, 'a map { sample: "0.0001 mAh/cm2", snapshots: true, structures: [vti, extxyz], nuclei_coverage: 0.1 }');

const KINETICS_TEXT: Record<typeof KINETICS_KEYS[number], [string, string]> = {
  bond: ['metal-metal bond energy', '0.10 eV'],
  lateralBond: ['in-plane bond energy (the rates take every lateral bond as `bond`: only that value is accepted)', '0.10 eV'],
  terraceBarrier: ['hop barrier on a flat terrace', '0.30 eV'],
  schwoebel: ['extra barrier of a hop across a step edge (down or up: detailed balance)', '0.05 eV'],
  attemptFrequency: ['hop attempt frequency', '1e13 1/s'],
  exchangeCurrentDensity: ['exchange current density', '1 mA/cm2'],
  transferCoefficient: ['charge-transfer coefficient (0 to 1)', '0.5'],
  exchangeActivationEnergy: ['Arrhenius energy of the exchange current density (its set value is at 25 degC)', '0.58 eV'],
};
export const kineticsSchema = keyed(
  Object.fromEntries(KINETICS_KEYS.map((k) => [k, described({ type: ['string', 'number'], description: `${KINETICS_TEXT[k][0]} of the metal (overrides its set)`, examples: [KINETICS_TEXT[k][1]] }).optional()])),
  `a map with any of: ${KINETICS_KEYS.join(', ')} (values with units)`,
).meta({ description: 'overrides of the metal kinetics (values with units, checked by the parameter registry)' });

// the protocol language (protocol.ts) and the electrolyte/cell (transport.ts) and SEI (sei.ts) blocks:
// described for forms and editors; their own parsers check them.
const protocolStep = z.string().meta({
  description: 'a protocol step, PyBaMM-experiment style',
  examples: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Plate at 1 mA/cm2 for 10 s', 'Strip at 1 mA/cm2 until 200 mV', 'Rest for 1 s', 'Hold at -50 mV for 10 s'],
});
type ProtocolEntryShape = string | { repeat: number; steps: ProtocolEntryShape[] } | Record<string, unknown>;
const protocolEntry: z.ZodType<ProtocolEntryShape> = z.lazy(() => z.union([
  protocolStep,
  z.object({ repeat: z.number().int().min(1).meta({ description: 'how many times' }), steps: z.array(protocolEntry).min(1) }),
  z.record(z.string(), z.unknown()),
]));
/**
 * model switches of the run file (branch e1pores): `sealed_pores`, what a reduction does at a sealed one-voxel pore (an
 * electrolyte voxel with no electrolyte face neighbour inside the box; docs/model.md, "Known defects", E1)
 */
export const MODEL_WHAT = 'a map { sealed_pores: fill }';
export const modelSchema = keyed({
  sealed_pores: z.enum(['fill', 'keep', 'void'], { error: 'fill (the default: a sealed one-voxel pore takes a reduction like any electrolyte voxel touching a conductor), keep (no reduction into it: the pore stays in the deposit) or void (electrolyte that no path of electrolyte joins to the bulk becomes VOID: no reduction into it, no oxidation out into it)' })
    .meta({ description: 'a sealed one-voxel pore (an electrolyte voxel whose six face neighbours inside the box are all solid; the top of the box is not electrolyte) that touches a conductor: fill (default), it takes a reduction like any such voxel, and the atom made there can never oxidise (no electrolyte face: the one faradaic event without a reverse, docs/model.md E1); keep, no reduction into it (its liquid holds about 1 % of the ions a metal voxel needs), so that every reduction has its oxidation (detailed balance). Moves trajectories: film porosity up by about 0.4 % of the deposit (docs/model.md, E1); void (branch e1void), every pocket of electrolyte that no path of electrolyte voxels joins to the top of the box (one voxel or many) becomes the species VOID, which takes no reduction and into which no atom oxidises, and turns back into electrolyte when stripping or a hop opens it to the bulk; the top of the box is then the bulk electrolyte (an atom in the top layer oxidises into it), so that every reduction has its oxidation both ways', examples: ['keep', 'void'] })
    .optional(),
}, MODEL_WHAT).meta({ title: 'model switches' });

/** a name or a map, checked by its own parser (the parameter registry, sei.ts) */
const textOrMap = z.union([z.string(), z.record(z.string(), z.unknown())]);
const loose = (description: string, examples: (string | number)[]) => z.union([z.string(), z.number()]).meta({ description, examples });

/**
 * The whole run file (strict): what the JSON Schema, the Run form and the OpenAPI document show,
 * and a full check in one call for library users (`runSchema` in schema.ts adds the rules across
 * keys). parse.ts checks the same schemas section by section.
 */
export const runShape = keyed({
  metal: required(described({ type: 'string', title: 'metal', description: 'the plated metal', examples: names('metal') }), REQUIRED_TEXT.metal),
  temperature: temperatureSchema.optional(),
  lattice: latticeSchema,
  host: required(described({ type: 'string', title: 'host', description: 'the host the metal plates onto', examples: names('host') }), REQUIRED_TEXT.host),
  sacs: sacsShape,
  protocol: z.array(protocolEntry, { error: REQUIRED_TEXT.protocol }).min(1, { error: REQUIRED_TEXT.protocol }).meta({ title: 'protocol', description: 'steps run in order; { repeat, steps } for cycles' }),
  seed: seedSchema.optional(),
  electrochem: electrochemSchema.optional(),
  output: outputSchema.optional(),
  parameters: textOrMap.nullable().optional().meta({ description: 'extra parameter sets (metals, hosts, sacs) inline, or a file path (CLI only); checked by the parameter registry' }),
  kinetics: kineticsSchema.optional(),
  host_layers: hostLayersSchema().optional(),
  electrolyte: z.union([z.string(), z.object({
    concentration: loose('salt concentration', ['1 M']),
    diffusivity: loose('ambipolar salt diffusion coefficient', ['3e-6 cm2/s']),
    transference: loose('cation transference number t+', [0.38]),
    conductivity: loose('ionic conductivity', ['10 mS/cm']).optional(),
    // chazal3: the space-charge zone's eps (absent: 20, assumed)
    permittivity: loose('relative permittivity (static dielectric constant, dimensionless; the space-charge zone\'s drop; absent: 20, assumed)', [18.5]).optional(),
    name: z.string().optional(),
  })]).optional().meta({ title: 'electrolyte', description: 'a named electrolyte set (LiPF6-EC-DMC, LiPF6-EC-EMC, LiTFSI-DOL-DME, NaPF6-diglyme, KFSI-DME) or inline values; absent: no concentration field' }),
  cell: z.object({
    separator_distance: loose('distance from the host to the separator (counter electrode behind it)', ['25 um']).optional(),
    diffusion_layer: loose('distance from the host to where the bulk is held at c0', ['50 um']).optional(),
    field_cell: loose('concentration grid cell edge, a whole number of voxels', ['100 nm']).optional(),
    sand_fraction: loose('surface concentration / c0 that marks Sand\'s onset', [0.01]).optional(),
    stop_at_sand: z.boolean().optional(),
    transport: z.enum(['field', 'walkers']).optional().meta({ description: 'field: the concentration field (default); walkers: one random-walking ion per voxel, sticking at first contact (diffusion-limited growth; galvanostatic plating steps only)' }),
    drift: loose('walkers only: walkers on a clock drifting in E0 = J / kappa while the current flows: a conductivity, electrolyte, or off (docs/transport.md)', ['0.0004 S/m', 'electrolyte', 'off']).optional(),
    // a choice, as `transport` (review76: a text box in the workbench's form and any string in RunInput, so `space_charge:
    // 'on'` type-checked; the parser's refusal, transport.ts parseSpaceCharge, is the message either way)
    space_charge: z.enum(['off', 'chazalviel']).optional().meta({ description: 'field only: off (default) or chazalviel, growth past Sand\'s time led by the anions\' space-charge layer at v_a = (1 - t+) J / (F c0) (docs/transport.md)' }),
    migration: z.enum(['off', 'ohmic']).optional().meta({ description: 'field only: off (default) or ohmic, each reduction site\'s rate scaled by exp(-alpha f (phi_max - phi_s)), phi the liquid\'s potential along the surface (docs/transport.md)' }),
    drift_cell: loose('walkers with drift: the potential grid\'s cell edge, a whole number of voxels (default 2 voxels)', ['40 nm']).optional(),
  }).optional().meta({ title: 'cell geometry (with an electrolyte)' }),
  sei: textOrMap.nullable().optional().meta({ title: 'SEI', description: 'a named SEI set (carbonate, ether-LiNO3, ...) or an electrolyte\'s name, or { set, formation_rate, passivation, thickness, ... } (docs/sei.md); absent: no SEI' }),
  model: modelSchema.optional(),
}, RUN_WHAT, { variants: VARIANTS_IN_RUN }).meta({ title: 'sacplate run', description: `a run file: keys ${RUN_KEYS.join(', ')}` });

/**
 * A run object for TypeScript (mends92): the run file's keys, from runShape, so that an editor completes them and a
 * script's run object can be typed (`const run: RunInput = { metal: 'Li', ... }` refuses `latice`). What simulate(),
 * resolveInput(), runSeeds(), runPool() and simulateInWorker() take besides a path or a resolved run; they also take any
 * map, as before. `protocol` is also one step's text, as parseProtocol takes it. Types only: the values are checked at
 * run time as before (a quantity is `unknown` here: "10 nm", 1e-8 or { value, unit }).
 */
export type RunInput = Omit<z.input<typeof runShape>, 'protocol'> & { protocol: string | ProtocolEntryInput[] };
/**
 * A protocol entry as a script writes it: a step's text or a repeat block, nested (review65: the schema's lazy entry
 * is typed by its output only, so RunInput's entries were `unknown` and `protocol: [42]` compiled). The step's text is
 * checked at run time by the protocol language (protocol.ts).
 */
export type ProtocolEntryInput = string | { repeat: number; steps: ProtocolEntryInput[] };

/** The first pass over a run: a map, no unknown key (`variants` has its own message), the required keys present. */
export const runKeys = keysOnly(runShape.shape, RUN_WHAT, REQUIRED_TEXT, { variants: VARIANTS_IN_RUN });

// ---------------------------------------------------------------------------------------------
// comparison files: a base run plus `variants:`

export const COMPARE_WHAT = 'a comparison: run keys plus variants: [{ name, host, sacs }]';
export const variantsSchema = z.array(z.unknown(), { error: 'a non-empty list of { name, ...run keys to override }' })
  .min(1, { error: 'a non-empty list of { name, ...run keys to override }' })
  // a comparison prints its variants side by side; thousands of them are a sweep (axes, a worker pool, a queue, resume)
  .max(1000, { error: 'at most 1000 variants (a comparison prints them side by side; for more use sacplate sweep with axes)' });
/**
 * measured70b: a comparison's `measured:` list, the measured cells beside its cases, each `{ file, protocol?, area?, map? }`
 * (parse.ts compareMeasuredOf checks each item's values as compare's --measured, --protocol, --area and --map).
 */
export const MEASURED_ITEM_KEYS = ['file', 'protocol', 'area', 'map'] as const;
const MEASURED_LIST_WHAT = 'a non-empty list of measured cells { file, protocol, area, map } (file: a cycler export, relative to the comparison file)';
export const measuredListSchema = z.array(z.unknown(), { error: MEASURED_LIST_WHAT })
  .min(1, { error: MEASURED_LIST_WHAT })
  .max(100, { error: 'at most 100 measured cells (a comparison prints them side by side)' });
export const measuredItemSchema = z.record(z.string(), z.unknown(), { error: '{ file, protocol, area, map }: a measured cell (file required)' });
export const variantSchema = z.record(z.string(), z.unknown(), { error: '{ name, host, sacs, ... }' });
export const variantNameSchema = z.string({ error: 'a non-empty name' }).refine((s) => s.trim() !== '', { error: 'a non-empty name' });

/**
 * One variant of a comparison for TypeScript (mends94): its name (variantNameSchema) and any run keys, which override the
 * base's (parseCompareInput: variantSchema, `['name', ...RUN_KEYS]`). Types only, as RunInput.
 */
export type CompareVariant = { name: z.input<typeof variantNameSchema> } & Partial<RunInput>;

/**
 * A comparison object for TypeScript (mends94; they were `Record<string, unknown>`): the base run's keys (RunInput's, each
 * optional here, since a key every variant gives may be left out of the base) plus `variants` (variantsSchema: 1 to 1000).
 * What compare() takes besides a path; it also takes any map, as before. Types only: parseCompareInput checks the values,
 * and that the base with each variant is a whole run, at run time as before.
 */
export type CompareInput = Partial<RunInput> & {
  variants?: CompareVariant[]; /** the variant compare --seeds' paired rows subtract (cmp64) */ baseline?: string;
  /** the measured cells beside the cases (measured70b; the CLI's compare reads them) */ measured?: { file: string; protocol?: string; area?: string | number; map?: string }[];
};
