/**
 * Run input: YAML/JSON file or library object -> validated `ResolvedRun` (canonical units, all
 * defaults filled in). Every problem is one InputError (or FileError for the file itself) whose
 * message names the field path, the value and what was expected. The keys, types, units, ranges
 * and messages are the zod schemas of run-schema.ts, checked here section by section in the order
 * the run is resolved; what stays here is resolving (names through the parameter registry, the
 * protocol language, defaults) and the rules across keys.
 *
 * Top-level keys (docs/parameters.md): metal, temperature, lattice, host, sacs, protocol, seed,
 * electrochem, output, parameters, kinetics, host_layers.
 */
import { didYouMean as didYouMeanName } from '../did-you-mean.js';
import { duplicateJsonKey, duplicateKeyWords, duplicateYamlKeyWords } from './json-keys.js';
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type * as Yaml from 'yaml';
import { z } from 'zod';
import { FileError, InputError, UnreadableFileError, fsReason } from '../errors.js';
import { nonText, nonTextExpected, readTextFile } from '../io/text-file.js';
import { lazyRequire } from '../lazy-require.js';
import { choiceArg, optionsArg, refuseKeys, refuseUnknownKeys, textArg, unknownKeys } from '../args.js';
import {
  buildParamSets, getHost, getMetal, getSac, resolveHost, resolveMetal, resolveSac, type ParamSets,
} from '../params/registry.js';
import type { SacSet } from '../params/types.js';
import { metalAtTemperature, refuseMolten } from '../params/metals.js';
import { getElectrolyte, refuseOutsideLiquidRange } from '../params/electrolytes.js';
import { getSeiSet } from '../params/sei.js';
import { parseQuantity } from '../units.js';
import { firstKnownCharge, parseProtocol } from './protocol.js';
import type { ResolvedRun, SacPlacement } from './types.js';
import { CELL_KEYS, ELECTROLYTE_KEYS, namedElectrolyteMapError, parseTransport } from './transport.js';
import { checkWalkerRun } from './walker-run.js';
import { checkFoil } from './vicinal.js';
import { SEI_KEYS, parseSei } from './sei.js';
import { checkDepth, checkProtocolLimits, checkStepCharges, layerSample_C_per_m2 } from './limits.js';
import {
  COMPARE_WHAT, RUN_KEYS, electrochemSchema, hostLayersSchema, kineticsSchema, latticeSchema, loadingSchema,
  modelSchema, outputSchema, runKeys, runShape, sacSchema, sacsSchema, seedSchema, temperatureSchema, terraceWidthSchema,
  variantNameSchema, variantSchema, variantsSchema, keysOnly, MEASURED_ITEM_KEYS, measuredItemSchema, measuredListSchema,
} from './run-schema.js';
import { MEASURED_PROTOCOLS, fullcellHint, measuredReadOptions, notAFile, type MeasuredProtocol, type MeasuredReadOptions } from '../cycler/measured-options.js';
import { checked, unknownSchemaKeys } from '../schema-keys.js';
import { COMPARE_OUT_NAMES, refuseSharedFolders } from '../io/folder-names.js';
import { fileKindOf } from './file-kind.js';
import { mergeVariant, variantGave } from '../batch/variant-merge.js';

export { RUN_KEYS };

export const DEFAULTS = {
  temperature_K: 298.15,
  seed: 1,
  hostLayers: 1,
  doubleLayer_F_per_m2: 0,
  ohmic_Ohm_m2: 0,
  snapshots: true,
  /** default sampling interval = this fraction of the first step's charge */
  sampleFraction: 1 / 200,
  /** atomistic when |voxel - atomic spacing| <= this fraction of the spacing */
  atomisticTolerance: 0.10,
} as const;

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
/** the keys-only first pass over a SAC entry: a map, known keys, a site */
const sacKeys = keysOnly(sacSchema.shape, '{ site: Zn-N4, loading: "2 %", arrangement: random }', { site: 'a SAC site name, e.g. Zn-N4' }, {}, false);
const EC = electrochemSchema.shape;
const electrochemKeys = keysOnly(EC, 'a map { double_layer: "0 uF/cm2", ohmic: "0 Ohm cm2", counter: { exchange_current_density: "1 mA/cm2", alpha: 0.5 }, estimator: rates }');
const latticeKeys = keysOnly(latticeSchema.shape, 'a map { size: [x, y, z], voxel: "0.30 nm" }');

/** The metal set's double-layer capacitance, F/m2 (uF/cm2 x 0.01); 0 when the set has none. */
function metalDoubleLayer(set: { doubleLayerCapacitance?: { value: number; unit: string } }): number {
  const c = set.doubleLayerCapacitance;
  return c ? parseQuantity('doubleLayerCapacitance', `${c.value} ${c.unit}`, 'capacitanceDensity') : 0;
}

export interface ParseOptions {
  /** directory that relative paths in the input (a `parameters:` file) are resolved against */
  baseDir?: string;
}

/** Reads a parameters block given as a file path (YAML or JSON); also `params --input`'s run file's. */
export function loadParametersFile(field: string, p: string, baseDir: string): unknown {
  const file = isAbsolute(p) ? p : resolve(baseDir, p);
  let bytes: Buffer;
  try { bytes = readFileSync(file); } catch (e) {
    throw new InputError(field, p, `a readable YAML/JSON parameter file (this one: ${fsReason(e)})`);
  }
  // audit69: read as UTF-8 whatever it held, a binary file was said as YAML garbage and a UTF-16 one as "holds no map"
  const bad = nonText(bytes);
  if (bad) throw new InputError(field, p, nonTextExpected('a YAML/JSON parameter file in UTF-8 text', bad));
  const parsed = parseYamlText(bytes.toString('utf8'), file);
  // never echo the file: it may be anything (a typo'd path, /etc/passwd)
  if (!isObj(parsed)) throw new InputError(field, p, 'a YAML/JSON parameter file holding a map (metals, hosts, sacs); this file holds no map');
  return parsed;
}

/** The forms a file of parameter sets may take, as the refusal names them (`params --input`, `nucleation --params`). */
export const PARAMETERS_FILE_FORMS = 'a run or comparison file with a parameters: block (a map, or a path to a file holding one), or a YAML/JSON file that is such a block (top-level sacs:, hosts:, metals:, bindingScale:)';

/**
 * The parameters block of a file, one reader for `params show/list --input` and `nucleation --params` (mends81: a bare
 * `sacs:` block, which `nucleation --params` took, was read by `params show --input` as a run file with no sets, and the
 * set was then refused as an unknown name, with no word about the file): a run or comparison file's `parameters:` (a map
 * or a path relative to the file), or a file that is itself such a block. `block` is undefined for a run or comparison
 * file with no `parameters:` key (its caller says whether that will do); any other file is refused naming the forms.
 */
export function readParametersBlock(field: string, file: string): { block: unknown; raw: unknown } {
  const raw = readInputFile(file);
  if (!isObj(raw)) throw new InputError(field, file, `${PARAMETERS_FILE_FORMS}; this file holds no map`);
  if (Object.hasOwn(raw, 'parameters')) {
    const p = raw.parameters;
    return { block: typeof p === 'string' ? loadParametersFile('parameters', p, dirname(file)) : p, raw };
  }
  const blockKeys = ['sacs', 'hosts', 'metals', 'bindingScale'];
  const keys = Object.keys(raw);
  if (keys.length > 0 && keys.every((k) => blockKeys.includes(k))) return { block: raw, raw };
  const kind = fileKindOf(raw);
  if (kind && (kind.kind === 'run' || kind.kind === 'comparison')) return { block: undefined, raw };
  throw new InputError(field, file, `${PARAMETERS_FILE_FORMS}; this file has no parameters: key${kind ? `: it is ${kind.what}` : ` and its top-level keys (${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}) are not a block's`}`);
}

/**
 * Every unknown key of a run in one InputError, ahead of any other problem: the top level and the
 * sections of the schemas (lattice, sacs, electrochem, output, kinetics) shallowest first, then
 * the electrolyte, cell and SEI maps' (their parsers' keys). The first is named as its section's
 * check names it; until audit27 it was the only one, and three typos in two sections took three runs.
 * Only when the run failed (parseRunInput): each section's own check refuses its unknown keys, so a
 * run that resolved has none (until audit29 this pass parsed every run twice).
 */
function refuseUnknownRunKeys(input: Record<string, unknown>): void {
  const block = (k: 'electrolyte' | 'cell' | 'sei', keys: readonly string[]) => { const b = input[k]; return isObj(b) ? unknownKeys(k, b, keys) : []; };
  refuseKeys([...unknownSchemaKeys(runShape, '', input), ...block('electrolyte', ELECTROLYTE_KEYS), ...block('cell', CELL_KEYS), ...block('sei', SEI_KEYS)]);
}

/**
 * Validates a run input object and resolves it to the numbers the engine uses.
 * `obj` is what a YAML/JSON run file holds (see docs/parameters.md).
 */
export function parseRunInput(input: unknown, opts: ParseOptions = {}): ResolvedRun {
  optionsArg('options', opts, '{ baseDir: "examples" }', ['baseDir']);
  if (opts.baseDir !== undefined) textArg('baseDir', opts.baseDir, 'a folder path (text) that relative paths in the run are read from');
  try {
    return resolveRun(input, opts);
  } catch (e) {
    // the run's unknown keys, all in one line, come before whatever problem stopped it
    if (isObj(input)) refuseUnknownRunKeys(input);
    throw e;
  }
}

/** `x` and every object and array in it, frozen (a value shared by runs: none can change it for the others). */
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const SHARED_SETS_KEPT = 32;
const sharedKept = new Map<string, ParamSets>();

/**
 * The parameter sets of runs that define none (no `parameters:`), by their metal's `kinetics:` overrides (`key`; '' for
 * none): built once and frozen, then shared by every run that asks for the same (the most recent 32 kept). Each run
 * built its own (the whole registry copied, every host and SAC derived; twice with `kinetics:`): about a third of a
 * sweep's planning with `kinetics:` in its base, 0.19 of 0.6 ms a task (review36). Frozen, so that no run, nor its caller
 * through the run's provenance, can change another run's parameters; a build that fails is not kept (the next run
 * builds, and fails, again).
 */
function sharedSets(key: string, build: () => ParamSets): ParamSets {
  let sets = sharedKept.get(key);
  if (sets === undefined) {
    sets = deepFreeze(build());
    if (sharedKept.size >= SHARED_SETS_KEPT) sharedKept.delete(sharedKept.keys().next().value!);
    sharedKept.set(key, sets);
  }
  return sets;
}

/** sharedSets' key of a metal's kinetics overrides (a non-finite number spelled out: NaN and Infinity are not null). */
function setsKey(metal: string, kinetics: unknown): string {
  return JSON.stringify([metal, kinetics], (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}` : v));
}

function resolveRun(input: unknown, opts: ParseOptions): ResolvedRun {
  const o = checked(runKeys, '', input) as Record<string, unknown>;

  // metal name first (checked against the built-ins and any user metals)
  let userParams = o.parameters;
  if (typeof userParams === 'string') userParams = loadParametersFile('parameters', userParams, opts.baseDir ?? process.cwd());
  const metalName = o.metal;
  // a run that defines no sets shares them, frozen, with every run of the same kinetics (sharedSets)
  const shared = userParams === undefined || userParams === null;
  const pre = shared ? sharedSets('', () => buildParamSets()) : buildParamSets({ user: userParams });
  const metalSet0 = getMetal(metalName, pre, 'metal');

  // kinetics overrides apply to the chosen metal before hosts and SACs are derived from it
  let sets: ParamSets = pre;
  if (o.kinetics !== undefined) {
    const kin = checked(kineticsSchema, 'kinetics', o.kinetics);
    const metalOverrides = { metal: metalSet0.name, values: kin, field: 'kinetics' };
    sets = shared ? sharedSets(setsKey(metalSet0.name, kin), () => buildParamSets({ metalOverrides })) : buildParamSets({ user: userParams, metalOverrides });
  }
  const metalSet = getMetal(metalSet0.name, sets, 'metal');
  // a `kinetics.lateralBond` other than the bond is refused where the set is built (params/registry.ts applyMetal)
  // temperature
  const temperature_K = o.temperature === undefined ? DEFAULTS.temperature_K : checked(temperatureSchema, 'temperature', o.temperature);
  refuseMolten(metalSet, temperature_K, 'temperature', o.temperature ?? `${DEFAULTS.temperature_K} K`); // a liquid Na or K ran as a solid (review56)
  // i0 at the run's temperature (Arrhenius from the set's 25 degC value, params/metals.ts)
  const metal = metalAtTemperature(resolveMetal(metalSet), temperature_K);

  // lattice
  const lat = checked(latticeKeys, 'lattice', o.lattice) as Record<string, unknown>;
  const size = checked(latticeSchema.shape.size, 'lattice.size', lat.size) as [number, number, number];
  const voxel_m = lat.voxel === undefined ? metal.atomicSpacing_m : checked(latticeSchema.shape.voxel, 'lattice.voxel', lat.voxel)!;
  const mode: 'atomistic' | 'mesoscale' =
    Math.abs(voxel_m - metal.atomicSpacing_m) <= DEFAULTS.atomisticTolerance * metal.atomicSpacing_m ? 'atomistic' : 'mesoscale';
  const hostLayers = o.host_layers === undefined ? DEFAULTS.hostLayers : checked(hostLayersSchema(size[2]), 'host_layers', o.host_layers);

  // host
  const hostSet = getHost(o.host, sets, 'host');
  const host = resolveHost(hostSet, metal.name, 'host');
  // a stepped metal foil: monatomic (kinked) diagonal steps every terrace_width voxels (simulation/setup.ts)
  const terraceWidth = lat.terrace_width === undefined ? undefined : checked(terraceWidthSchema(size[0]), 'lattice.terrace_width', lat.terrace_width);
  if (terraceWidth !== undefined && (host.name !== metal.name || size[0] % (2 * terraceWidth) !== 0 || size[1] % (2 * terraceWidth) !== 0)) {
    throw new InputError('lattice.terrace_width', lat.terrace_width,
      host.name !== metal.name ? `no terrace width: steps are built on the metal's own foil (host: ${metal.name}), not on ${host.name}`
        : `a terrace width w such that 2w divides the x and y sizes (${size[0]} x ${size[1]}: a whole number of up and down terraces)`);
  }
  const foil = checkFoil(lat.foil, terraceWidth, size, hostLayers, o); // input/vicinal.ts

  // SACs
  const sacs: SacPlacement[] = [];
  const sacSets: SacSet[] = [];
  const sacList = checked(sacsSchema, 'sacs', o.sacs);
  if (sacList) {
    const loading = loadingSchema(voxel_m * voxel_m);
    let total = 0;
    sacList.forEach((s, i) => {
      const f = `sacs[${i}]`;
      const so = checked(sacKeys, f, s) as Record<string, unknown>;
      const set = getSac(so.site, sets, `${f}.site`);
      const site = resolveSac(set, metal.name, `${f}.site`);
      if (sacSets.some((x) => x.name === set.name)) throw new InputError(`${f}.site`, so.site, 'each SAC site once in the list');
      const loading_fraction = checked(loading, `${f}.loading`, so.loading);
      const arrangement = checked(sacSchema.shape.arrangement, `${f}.arrangement`, so.arrangement) ?? 'random';
      total += loading_fraction;
      if (total > 1 + 1e-12) throw new InputError(`${f}.loading`, so.loading, 'SAC loadings that add up to at most 100 % of the host surface');
      sacs.push({ site, loading_fraction, arrangement });
      sacSets.push(set);
    });
  }

  // protocol
  const protocol = parseProtocol(o.protocol, 'protocol');
  checkProtocolLimits(protocol, 'protocol');
  checkStepCharges(protocol, { voxel_m, nx: size[0], ny: size[1], z: metal.z, atomicVolume_m3: metal.atomicVolume_m3 }, 'protocol');

  // seed
  const seed = o.seed === undefined ? DEFAULTS.seed : checked(seedSchema, 'seed', o.seed);

  // electrochem
  // double layer (electrochem/doublelayer.ts): the metal set's C_dl unless the run file gives one
  let doubleLayer_F_per_m2: number = metalDoubleLayer(metalSet);
  let ohmic_Ohm_m2: number = DEFAULTS.ohmic_Ohm_m2;
  let counter: { i0_A_per_m2: number; alpha: number } | undefined;
  let estimator: 'events' | 'scaled-rates' | undefined;
  if (o.electrochem !== undefined) {
    const ec = checked(electrochemKeys, 'electrochem', o.electrochem) as Record<string, unknown>;
    // the counter electrode: a flat foil of the plated metal obeying Butler-Volmer (the working electrode is the host)
    const ce = checked(EC.counter, 'electrochem.counter', ec.counter);
    if (ce !== undefined) counter = { i0_A_per_m2: ce.exchange_current_density ?? NaN, alpha: ce.alpha ?? NaN };
    const dl = checked(EC.double_layer, 'electrochem.double_layer', ec.double_layer);
    if (dl !== undefined) doubleLayer_F_per_m2 = dl;
    const ohm = checked(EC.ohmic, 'electrochem.ohmic', ec.ohmic);
    if (ohm !== undefined) ohmic_Ohm_m2 = ohm;
    // what the galvanostat averages (electrochem/doublelayer.ts): absent or rates = the rate sums, as before
    const est = checked(EC.estimator, 'electrochem.estimator', ec.estimator);
    if (est === 'events' || est === 'scaled-rates') estimator = est;
  }

  // output
  let sample: number | undefined;
  let snapshots: boolean = DEFAULTS.snapshots;
  let structures: ('vti' | 'extxyz')[] | undefined;
  let nucleiCoverage: number | undefined;
  if (o.output !== undefined) {
    const out = checked(outputSchema, 'output', o.output);
    sample = out.sample;
    if (out.snapshots !== undefined) snapshots = out.snapshots;
    if (out.structures !== undefined) structures = [...new Set(out.structures)];
    nucleiCoverage = out.nuclei_coverage;
  }
  if (sample === undefined) {
    const q = firstKnownCharge(protocol);
    // no step with a known charge (rests, holds): 1/20 of a voxel layer's charge
    sample = q === undefined ? layerSample_C_per_m2(voxel_m, metal.z, metal.atomicVolume_m3) : q * DEFAULTS.sampleFraction;
  }

  // ion transport (input/transport.ts): absent -> no field, runs as before
  const transport = parseTransport(o.electrolyte, o.cell, metal.name, { size, voxel_m, hostLayers }, temperature_K, metal.z);
  // what walkers do not model, before the SEI is read: a walker run's atomistic voxels (0.3 nm) are below every SEI
  // set's smallest voxel (mends73's film-size refusal), which said "use voxels of at least 3.84 nm" to a run that takes
  // no SEI at any voxel (review61; test/walker-run.test.ts failed on it)
  if (transport?.mode === 'walkers') checkWalkerRun(protocol, o.sei, transport.drift !== undefined);

  // SEI (input/sei.ts): absent -> no SEI, runs as before
  const sei = parseSei(o.sei, { metal: metal.name, voxel_m, atomicVolume_m3: metal.atomicVolume_m3, sacNames: sacs.map((s) => s.site.name) });
  // a solvent outside its liquid range (mends69: KFSI-DME at -100 degC ran on extrapolated D and kappa): the named
  // electrolyte's solvent, else the SEI set's (an inline electrolyte has no solvent named)
  const givenT = o.temperature ?? `${DEFAULTS.temperature_K} K`;
  if (typeof o.electrolyte === 'string') { const el = getElectrolyte(o.electrolyte); refuseOutsideLiquidRange(el.liquidRange, `electrolyte ${el.name}`, temperature_K, givenT); }
  else if (sei) { const ss = getSeiSet(sei.set); refuseOutsideLiquidRange(ss.liquidRange, `SEI set ${ss.name}`, temperature_K, givenT); }

  // model switches (branch e1pores): `sealed_pores: keep` refuses reductions into sealed one-voxel pores; absent or
  // `fill` (the default) resolves to no `model` at all, so a run file without it resolves as before
  const model = o.model === undefined ? undefined : checked(modelSchema, 'model', o.model);
  // sealed_pores void: the field counts VOID as liquid, the SEI as a face out of contact with electrolyte (branch
  // voidsei), the walkers neither enter it nor are reduced in it (branch voidwalk; fields/walkers.ts)

  return {
    ...(transport ? { transport } : {}),
    ...(sei ? { sei } : {}),
    ...(model?.sealed_pores === 'keep' || model?.sealed_pores === 'void' ? { model: { sealedPores: model.sealed_pores } } : {}),
    metal,
    temperature_K,
    lattice: { size, voxel_m, mode, hostLayers, ...(terraceWidth !== undefined ? { terraceWidth } : {}), ...(foil ? { foil } : {}) },
    host,
    sacs,
    protocol,
    seed,
    electrochem: { doubleLayer_F_per_m2, ohmic_Ohm_m2, ...(estimator ? { estimator } : {}), ...(counter ? { counter: {
      i0_A_per_m2: Number.isNaN(counter.i0_A_per_m2) ? metal.i0_A_per_m2 : counter.i0_A_per_m2,
      alpha: Number.isNaN(counter.alpha) ? metal.alpha : counter.alpha,
    } } : {}) },
    output: { sample_C_per_m2: sample, snapshots, ...(structures ? { structures } : {}), ...(nucleiCoverage !== undefined ? { nuclei_coverage: nucleiCoverage } : {}) },
    // a parameters: file path is kept as the sets it read (audit70): the stored input is then whole, so the workbench's
    // form of a CLI run validates (it was refused, "file paths are read by the CLI only") and its step texts resolve;
    // the task key reads the resolved run, not this, so a run keys as before
    source: typeof o.parameters === 'string' && isObj(input) ? { ...(cloneInput(input) as Record<string, unknown>), parameters: cloneInput(userParams) } : cloneInput(input),
    provenance: { metal: metalSet, host: hostSet, sacs: sacSets, bindingScale: sets.bindingScale },
  };
}

/** A deep copy of the raw input for provenance (JSON round trip when it holds non-cloneable values). */
function cloneInput(input: unknown): unknown {
  try { return structuredClone(input); } catch { return JSON.parse(JSON.stringify(input)) as unknown; }
}

// ---------------------------------------------------------------------------------------------
// files

/** Parses YAML (or JSON, which is YAML) text; syntax errors become a FileError with the line (`what`: the file it is, in words). */
export function parseYamlText(text: string, file: string, what = 'a run file'): unknown {
  const { LineCounter, parseDocument } = lazyRequire<typeof Yaml>('yaml'); // loaded on first use (src/lazy-require.ts)
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    throw new UnreadableFileError(file, `cannot read the YAML (${e instanceof RangeError ? 'nested too deeply' : (e as Error).message.split('\n')[0]})`);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.pos ? lc.linePos(e.pos[0]).line : undefined;
    // in words, not the YAML library's own ("Source contains multiple documents; please use YAML.parseAllDocuments()")
    const msg = /call stack/i.test(e.message) ? `nested too deeply (${what} needs fewer than 10 levels)`
      : e.code === 'MULTIPLE_DOCS' ? `holds a second YAML document (a "---" line starts it): ${what} is one document`
      : e.code === 'DUPLICATE_KEY' && e.pos ? duplicateYamlKeyWords(doc, e.pos[0], lc) ?? e.message.split('\n')[0]! : e.message.split('\n')[0]!;
    throw new FileError(file, msg, line);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // an alias bomb (billion laughs) or another resolution failure: one line, nothing expanded
    throw new UnreadableFileError(file, `cannot read the YAML: ${(e as Error).message.split('\n')[0]} (at most 100 alias expansions)`);
  }
  checkDepth(value, file);
  return value;
}

/**
 * Where JSON.parse's error is in the text, line and column from 1: its "at position N", or, for "Unexpected token"
 * (V8 gives no position then), the place of the context it quotes (ten characters before the token, when the quote
 * is found once in the text). A JSON run file's mistake was said with no line ("invalid JSON: Unexpected token 'N',
 * ..."erature": NaN, ..." or "at position 1234"), a YAML file's with its line (review37). Undefined when not found.
 */
export function jsonErrorAt(text: string, message: string): { line: number; column: number } | undefined {
  let pos: number | undefined;
  const p = /in JSON at position (\d+)/.exec(message);
  if (p) pos = Number(p[1]);
  else {
    const q = /^Unexpected token .+?, \.\.\."([\s\S]+)"(?:\.\.\.)? is not valid JSON$/.exec(message);
    const i = q ? text.indexOf(q[1]!) : -1;
    if (q && i >= 0 && text.indexOf(q[1]!, i + 1) < 0) pos = i + 10;
  }
  if (pos === undefined || !(pos <= text.length)) return undefined;
  const before = text.slice(0, pos);
  return { line: before.split('\n').length, column: pos - before.lastIndexOf('\n') };
}

/** Reads a run file (.yaml, .yml or .json), or a sweep, screen, full-cell or comparison file (with `emptyTakes`). */
export function readInputFile(path: string, emptyTakes?: string): unknown {
  // a number would be read as a file descriptor (readFileSync(5) reads fd 5)
  textArg('file', path, 'a run file path (text), e.g. "examples/li-zn-sac.yaml"');
  const value = readFileValue(path);
  // emptyTakes: what the caller reads, said for a file that holds nothing ("FILE: empty (no keys); a sweep file ... is
  // read here"), as a run file's reader says it; an empty sweep, screen, full-cell or comparison file said
  // "sweep: got null, expected a map ..." without naming the file
  if (emptyTakes !== undefined && (value === null || value === undefined)) throw new FileError(path, `empty (no keys); ${emptyTakes}`);
  return value;
}

function readFileValue(path: string): unknown {
  const text = readTextFile(path);
  if (extname(path).toLowerCase() === '.json') {
    // an empty (or blank) file holds no value, as an empty YAML file does (null): each reader then says "empty (no
    // keys)" or what it expected, as for YAML, not JSON.parse's "Unexpected end of JSON input"
    if (text.trim() === '') return null;
    let value: unknown;
    try { value = JSON.parse(text); } catch (e) {
      const msg = (e as Error).message, at = jsonErrorAt(text, msg);
      throw new FileError(path, `invalid JSON: ${msg}${at ? ` (column ${at.column})` : ''}`, at?.line);
    }
    // robust63: a key twice in one object (JSON.parse keeps the last without a word; YAML refuses it)
    const dup = duplicateJsonKey(text);
    if (dup) throw new FileError(path, duplicateKeyWords(dup), dup.line);
    checkDepth(value, path);
    return value;
  }
  // a cycler's text export (EC-Lab's .mpt, a tab-separated table) is no YAML: it was refused in the YAML library's words,
  // `licu.mpt:1: Implicit keys need to be on a single line` (cli66); its text is handed on as a CSV's is (a YAML string),
  // and each reader says what it is (keylessWhat) and what it takes
  if (cyclerTextLine(text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!) !== undefined) return text;
  return parseYamlText(text, path);
}

/** A first line that is a cycler export's (EC-Lab/BT-Lab's magic line) or a tab-separated table's (3 fields or more, no "key: value"), in words; undefined otherwise. */
function cyclerTextLine(line: string): string | undefined {
  if (/^(EC|BT)-Lab ASCII FILE/.test(line)) return `an ${line.slice(0, 2)}-Lab text export (.mpt)`;
  if (line.split('\t').length >= 3 && !/^[A-Za-z_][\w-]*\s*:(\s|$)/.test(line)) return 'a tab-separated table';
  return undefined;
}

/** What a file read as YAML that holds no keys is, in words: a CSV table (its first line), plain text, a list, one value, or nothing. */
export function keylessWhat(path: string, raw: unknown): string {
  if (raw === null || raw === undefined) return 'empty (no keys)';
  if (Array.isArray(raw)) return `a list (${raw.length} item${raw.length === 1 ? '' : 's'}, no keys)`;
  if (typeof raw !== 'string') return `one value (${JSON.stringify(raw)}, no keys)`;
  const line = raw.split('\n', 1)[0]!.trim();
  const shown = JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
  const ext = extname(path).toLowerCase();
  const cycler = cyclerTextLine(line);
  if (cycler !== undefined && cycler !== 'a tab-separated table') return `${cycler}, a cycler's data (first line ${shown}; \`sacplate analyze\` reads it)`;
  if (ext === '.csv' || ext === '.tsv' || cycler !== undefined || /^[^,]+(,[^,]*){2,}$/.test(line)) return `a table (first line ${shown}; \`sacplate analyze\` reads a run's eta.csv or a cycler's data)`;
  return `plain text (first line ${shown}, no keys)`;
}

/** What a run file's reader takes, said after a file of another kind: "FILE: a sweep file (base + axes): sacplate sweep runs it; <this>". */
export const RUN_FILE_TAKES = 'a run file (metal, lattice, host, protocol) is read here';

/**
 * Loads and resolves a run file (YAML or JSON). A file of another kind (a sweep, comparison, screen, nucleation case
 * or full-cell file, a screen's result.json) is refused in one line naming the file, what it is and `takes` (what the
 * caller reads): its keys were refused as a run's ("cases: got ..., expected no such key"). The library's citations()
 * and simulate() read a run file here, as `sacplate cite` and `simulate` do. `raw`: the file as already read by a
 * caller that looked at it first (cite), so that it is read once.
 */
export function loadRunFile(path: string, takes: string = RUN_FILE_TAKES, raw: unknown = readInputFile(path)): ResolvedRun {
  const kind = fileKindOf(raw);
  if (kind && kind.kind !== 'run') throw new FileError(path, `${kind.what}; ${takes}`);
  // a file without keys (a CSV table, plain text, a list, one value, nothing) was refused as the whole text given as
  // the run ('input: got "time_s,charge_C_per_cm2,..." (6599 characters), expected a run description'), not naming the file
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) throw new FileError(path, `${keylessWhat(path, raw)}, not a run file; ${takes}`);
  return parseRunInput(raw, { baseDir: dirname(path) });
}

// ---------------------------------------------------------------------------------------------
// comparison files: a base run plus `variants:`

export interface CompareCase { name: string; run: ResolvedRun; }

/**
 * A comparison input: the keys of a run (the base) plus `variants:`, a list of
 * { name, ...any run keys } that change the base's keys (a block given as a map merged key by key: batch/variant-merge.ts,
 * since mends95; shallow before). Returns one resolved run
 * per variant; without `variants` the base alone, named "base". Two names that differ but make one
 * folder under `compare --out` (io/folder-names.ts: "Zn N4" and "Zn/N4") are refused.
 */
export function parseCompareInput(input: unknown, opts: ParseOptions = {}): CompareCase[] {
  const compareKeys = [...RUN_KEYS, 'variants', 'baseline', 'measured'];
  // an unknown key is checked against the run keys and `variants` (a misspelt "variant:" would
  // otherwise be told only the run keys, and the file read as one base run); before z.record,
  // which drops a "__proto__" key without a word (YAML and JSON.parse keep it as an own key)
  if (isObj(input)) refuseUnknownKeys('', input, compareKeys, { where: ' in a comparison' });
  const o = checked(z.record(z.string(), z.unknown(), { error: COMPARE_WHAT }), 'input', input);
  // cmp64: `baseline:`, the case `compare --seeds`' paired rows subtract (compareBaselineOf); not a run key
  // measured70b: `measured:`, the measured cells beside the cases (compareMeasuredOf); not a run key, checked before any run
  const { variants, baseline, measured: _measured, ...base } = o;
  compareMeasuredOf(o, opts.baseDir);
  if (variants === undefined) {
    if (baseline !== undefined) throw new InputError('baseline', baseline, 'variants: beside it (it names the variant the paired rows of compare --seeds subtract)');
    return [{ name: 'base', run: parseRunInput(base, opts) }];
  }
  const list = checked(variantsSchema, 'variants', variants);
  const names = new Set<string>();
  const cases = list.map((v, i) => {
    const f = `variants[${i}]`;
    // before z.record, which drops a "__proto__" key without a word
    if (isObj(v)) refuseUnknownKeys(f, v, ['name', ...RUN_KEYS], { owner: 'a variant has:' });
    const vo = checked(variantSchema, f, v);
    const { name: name0, ...over } = vo;
    const name = checked(variantNameSchema, `${f}.name`, name0);
    if (names.has(name)) throw new InputError(`${f}.name`, name, 'a name not used by another variant');
    names.add(name);
    const merged = mergeVariant(base, over);
    try {
      return { name, run: parseRunInput(merged, opts) };
    } catch (e) {
      // a map over the base's named electrolyte replaced it (review80): said as that, not as the base's missing key
      const named = 'electrolyte' in over ? namedElectrolyteMapError(`${f}.electrolyte`, base.electrolyte, over.electrolyte, e) : undefined;
      if (named) throw named;
      if (e instanceof InputError) {
        // a key of the base's that the variant's block kept is the base's (cell.diffusion_layer under the variant's cell:)
        if (variantGave(over, e.field)) throw new InputError(`${f}.${e.field}`, e.value, e.expected);
        throw new InputError(`${e.field} (in ${f} "${name}")`, e.value, e.expected);
      }
      throw e;
    }
  });
  // one folder per case under `compare --out DIR`: names that differ but make one folder are refused here, before any run
  refuseSharedFolders(cases.map((c, i) => ({ field: `variants[${i}].name`, name: c.name })), 'compare --out', COMPARE_OUT_NAMES);
  compareBaselineOf(o, cases.map((c) => c.name));
  return cases;
}

/**
 * A comparison's `baseline:` (cmp64): the name of the variant `compare --seeds`' paired rows subtract (the first without
 * it; the --baseline flag wins); undefined where the file gives none. A name that is no variant's is refused naming the
 * key, the value and the variants' names.
 */
export function compareBaselineOf(input: unknown, names: readonly string[]): string | undefined {
  const b = isObj(input) ? input.baseline : undefined;
  if (b === undefined) return undefined;
  if (typeof b !== 'string' || !names.includes(b)) {
    throw new InputError('baseline', b, `the name of one of the variants${typeof b === 'string' ? didYouMeanName(b, names) : ''}: ${names.map((n) => `"${n}"`).join(', ')} (the case the paired rows of compare --seeds subtract)`);
  }
  return b;
}

/** One measured cell of a comparison's `measured:` list (measured70b), checked: `field` names it in later messages */
export interface CompareMeasuredItem {
  /** the path (resolved against the comparison file's folder) */
  file: string;
  /** absent: licu (compare's --protocol is the --measured files') */
  protocol?: MeasuredProtocol;
  /** area_cm2, map and format as compare's --area and --map give them (the item's own: the flags are the --measured files') */
  read: MeasuredReadOptions;
  /** "measured[1]": the item, for the messages of the reader */
  field: string;
}

/**
 * A comparison's `measured:` list (measured70b): each item `{ file, protocol?, area?, map? }` checked as compare's
 * --measured, --protocol, --area and --map are (an unknown key, a file that does not exist, a protocol compare does not
 * read, an area that is no area refused naming the item, `measured[1].area`, the value and what is expected); [] where
 * the file has none. `baseDir`: the comparison file's folder (each file is relative to it).
 */
export function compareMeasuredOf(input: unknown, baseDir = '.'): CompareMeasuredItem[] {
  const raw = isObj(input) ? input.measured : undefined;
  if (raw === undefined) return [];
  const list = checked(measuredListSchema, 'measured', raw);
  return list.map((v, i) => {
    const f = `measured[${i}]`;
    // before z.record, which drops a "__proto__" key without a word
    if (isObj(v)) refuseUnknownKeys(f, v, MEASURED_ITEM_KEYS, { owner: 'a measured cell has:' });
    const it = checked(measuredItemSchema, f, v);
    const name = textArg(`${f}.file`, it.file, 'a cycler export (.mpt, Neware/Arbin/Landt/BDF CSV), its path relative to the comparison file (required)');
    const file = resolve(baseDir, name);
    const kind = notAFile(file);
    if (kind) throw new InputError(`${f}.file`, name, `a cycler export that exists (${file}: ${kind}; a path is relative to the comparison file)`);
    const protocol = it.protocol === undefined ? undefined
      : choiceArg(`${f}.protocol`, it.protocol, MEASURED_PROTOCOLS, `one of ${MEASURED_PROTOCOLS.join(', ')} (how ${name} is read, as analyze --protocol reads it${fullcellHint(it.protocol, '; ')}; licu without it)`);
    const read = measuredReadOptions(it.area, it.map, { area: `${f}.area`, map: `${f}.map` });
    return { file, ...(protocol ? { protocol } : {}), read, field: f };
  });
}

/** Loads a comparison file. */
export function loadCompareFile(path: string): CompareCase[] {
  const raw = readInputFile(path, 'a comparison file (run keys plus variants: [{ name, ... }]) is read here');
  // a file of another kind, or one without keys (a CSV), said as simulate, cite and fullcell say it: its keys were refused
  // as a comparison's ("name: got "sweep-loading", expected no such key in a comparison"), a CSV as "input: got "case,..."
  // (2128 characters)" (review49). A run file without variants has its own words (batch/compare.ts casesOf)
  const takes = 'compare reads a comparison file (run keys plus variants: [{ name, ... }])';
  const kind = fileKindOf(raw);
  if (kind && kind.kind !== 'comparison' && kind.kind !== 'run') throw new FileError(path, `${kind.what}; ${takes}`);
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) throw new FileError(path, `${keylessWhat(path, raw)}, not a comparison file; ${takes}`);
  return parseCompareInput(raw, { baseDir: dirname(path) });
}
