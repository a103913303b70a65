/**
 * Run input: YAML/JSON file or library object -> validated `ResolvedRun` (canonical units, all
 * defaults filled in). Every problem is one InputError (or FileError for the file itself) whose
 * message names the field path, the value and what was expected.
 *
 * Top-level keys (docs/parameters.md): metal, temperature, lattice, host, sacs, protocol, seed,
 * electrochem, output, parameters, kinetics, host_layers.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { FileError, InputError } from '../errors.js';
import {
  buildParamSets, getHost, getMetal, getSac, resolveHost, resolveMetal, resolveSac, type ParamSets,
} from '../params/registry.js';
import type { SacSet } from '../params/types.js';
import { parseQuantity } from '../units.js';
import { firstKnownCharge, parseProtocol } from './protocol.js';
import type { Arrangement, ResolvedRun, SacPlacement } from './types.js';
import { parseTransport } from './transport.js';
import { parseSei } from './sei.js';
import { checkDepth, checkProtocolLimits, layerSample_C_per_m2 } from './limits.js';

export const RUN_KEYS = [
  'metal', 'temperature', 'lattice', 'host', 'sacs', 'protocol', 'seed',
  'electrochem', 'output', 'parameters', 'kinetics', 'host_layers',
  'electrolyte', 'cell', 'sei',
] as const;
const REQUIRED = ['metal', 'lattice', 'host', 'protocol'] as const;

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

const ARRANGEMENTS: readonly Arrangement[] = ['random', 'grid', 'clustered'];
const KINETICS_KEYS = ['bond', 'lateralBond', 'terraceBarrier', 'schwoebel', 'attemptFrequency', 'exchangeCurrentDensity', 'transferCoefficient'];

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

function obj(field: string, v: unknown, what: string): Record<string, unknown> {
  if (!isObj(v)) throw new InputError(field, v, what);
  return v;
}
function keys(field: string, o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new InputError(field ? `${field}.${k}` : k, o[k], `no such key; allowed keys: ${allowed.join(', ')}`);
  }
}
function int(field: string, v: unknown, min: number, max: number, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new InputError(field, v, what);
  return v;
}
function inRange(field: string, input: unknown, v: number, min: number, max: number, what: string): number {
  if (!(v >= min && v <= max)) throw new InputError(field, input, what);
  return v;
}

/** The metal set's double-layer capacitance, F/m2 (uF/cm2 x 0.01); 0 when the set has none. */
function metalDoubleLayer(set: { doubleLayerCapacitance?: { value: number; unit: string } }): number {
  const c = set.doubleLayerCapacitance;
  return c ? parseQuantity('doubleLayerCapacitance', `${c.value} ${c.unit}`, 'capacitanceDensity') : 0;
}

export interface ParseOptions {
  /** directory that relative paths in the input (a `parameters:` file) are resolved against */
  baseDir?: string;
}

/** Reads a parameters block given as a file path (YAML or JSON). */
function loadParametersFile(field: string, p: string, baseDir: string): unknown {
  const file = isAbsolute(p) ? p : resolve(baseDir, p);
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new InputError(field, p, `a readable YAML/JSON parameter file (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  const parsed = parseYamlText(text, file);
  // never echo the file: it may be anything (a typo'd path, /etc/passwd)
  if (!isObj(parsed)) throw new InputError(field, p, 'a YAML/JSON parameter file holding a map (metals, hosts, sacs); this file holds no map');
  return parsed;
}

/**
 * Validates a run input object and resolves it to the numbers the engine uses.
 * `obj` is what a YAML/JSON run file holds (see docs/parameters.md).
 */
export function parseRunInput(input: unknown, opts: ParseOptions = {}): ResolvedRun {
  const o = obj('input', input, 'a run description: a map with keys ' + RUN_KEYS.join(', '));
  if ('variants' in o) {
    throw new InputError('variants', o.variants, 'no such key in a single run (a file with variants is a comparison: use `sacplate compare`)');
  }
  keys('', o, RUN_KEYS);
  for (const k of REQUIRED) if (o[k] === undefined || o[k] === null) throw new InputError(k, undefined, requiredText(k));

  // metal name first (checked against the built-ins and any user metals)
  let userParams = o.parameters;
  if (typeof userParams === 'string') userParams = loadParametersFile('parameters', userParams, opts.baseDir ?? process.cwd());
  const metalName = o.metal;
  const pre = buildParamSets({ user: userParams });
  const metalSet0 = getMetal(metalName, pre, 'metal');

  // kinetics overrides apply to the chosen metal before hosts and SACs are derived from it
  let sets: ParamSets = pre;
  if (o.kinetics !== undefined) {
    const kin = obj('kinetics', o.kinetics, `a map with any of: ${KINETICS_KEYS.join(', ')} (values with units)`);
    keys('kinetics', kin, KINETICS_KEYS);
    sets = buildParamSets({ user: userParams, metalOverrides: { metal: metalSet0.name, values: kin, field: 'kinetics' } });
  }
  const metalSet = getMetal(metalSet0.name, sets, 'metal');
  const metal = resolveMetal(metalSet);

  // temperature
  const temperature_K = o.temperature === undefined
    ? DEFAULTS.temperature_K
    : inRange('temperature', o.temperature, parseQuantity('temperature', o.temperature, 'temperature'), 150, 400,
      'a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"');

  // lattice
  const lat = obj('lattice', o.lattice, 'a map { size: [x, y, z], voxel: "0.30 nm" }');
  keys('lattice', lat, ['size', 'voxel', 'terrace_width']);
  if (!Array.isArray(lat.size) || lat.size.length !== 3) {
    throw new InputError('lattice.size', lat.size, 'three integers [x, y, z], x and y >= 4, z >= 8');
  }
  const size = lat.size.map((v, i) => int(`lattice.size[${i}]`, v, i === 2 ? 8 : 4, 1 << 16,
    i === 2 ? 'an integer z >= 8 (up to 65536)' : 'an integer >= 4 (up to 65536)')) as [number, number, number];
  const nVox = size[0] * size[1] * size[2];
  if (nVox > 2 ** 30) throw new InputError('lattice.size', lat.size, `at most 2^30 (1.07e9) voxels in all, what the plating app holds (got ${nVox.toExponential(2)})`);
  const voxel_m = lat.voxel === undefined
    ? metal.atomicSpacing_m
    : inRange('lattice.voxel', lat.voxel, parseQuantity('lattice.voxel', lat.voxel, 'length'), 0.05e-9, 100e-6,
      'a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  const mode: 'atomistic' | 'mesoscale' =
    Math.abs(voxel_m - metal.atomicSpacing_m) <= DEFAULTS.atomisticTolerance * metal.atomicSpacing_m ? 'atomistic' : 'mesoscale';
  const hostLayers = o.host_layers === undefined ? DEFAULTS.hostLayers
    : int('host_layers', o.host_layers, 1, Math.floor(size[2] / 2), `an integer from 1 to half the lattice height (${Math.floor(size[2] / 2)})`);

  // host
  const hostSet = getHost(o.host, sets, 'host');
  const host = resolveHost(hostSet, metal.name, 'host');
  // a stepped metal foil: monatomic (kinked) diagonal steps every terrace_width voxels (simulation/setup.ts)
  const terraceWidth = lat.terrace_width === undefined ? undefined
    : int('lattice.terrace_width', lat.terrace_width, 1, Math.floor(size[0] / 2), `an integer number of voxels from 1 to ${Math.floor(size[0] / 2)} (half the x size)`);
  if (terraceWidth !== undefined && (host.name !== metal.name || size[0] % (2 * terraceWidth) !== 0 || size[1] % (2 * terraceWidth) !== 0)) {
    throw new InputError('lattice.terrace_width', lat.terrace_width,
      host.name !== metal.name ? `no terrace width: steps are built on the metal's own foil (host: ${metal.name}), not on ${host.name}`
        : `a terrace width w such that 2w divides the x and y sizes (${size[0]} x ${size[1]}: a whole number of up and down terraces)`);
  }

  // SACs
  const sacs: SacPlacement[] = [];
  const sacSets: SacSet[] = [];
  if (o.sacs !== undefined && o.sacs !== null) {
    if (!Array.isArray(o.sacs)) throw new InputError('sacs', o.sacs, 'a list of { site, loading, arrangement }');
    const voxelArea_m2 = voxel_m * voxel_m;
    let total = 0;
    o.sacs.forEach((s, i) => {
      const f = `sacs[${i}]`;
      const so = obj(f, s, '{ site: Zn-N4, loading: "2 %", arrangement: random }');
      keys(f, so, ['site', 'loading', 'arrangement']);
      if (so.site === undefined) throw new InputError(`${f}.site`, undefined, 'a SAC site name, e.g. Zn-N4');
      const set = getSac(so.site, sets, `${f}.site`);
      const site = resolveSac(set, metal.name, `${f}.site`);
      if (sacSets.some((x) => x.name === set.name)) throw new InputError(`${f}.site`, so.site, 'each SAC site once in the list');
      const loading_fraction = parseLoading(`${f}.loading`, so.loading, voxelArea_m2);
      let arrangement: Arrangement = 'random';
      if (so.arrangement !== undefined) {
        if (typeof so.arrangement !== 'string' || !ARRANGEMENTS.includes(so.arrangement as Arrangement)) {
          throw new InputError(`${f}.arrangement`, so.arrangement, `one of ${ARRANGEMENTS.join(', ')}`);
        }
        arrangement = so.arrangement as Arrangement;
      }
      total += loading_fraction;
      if (total > 1 + 1e-12) throw new InputError(`${f}.loading`, so.loading, 'SAC loadings that add up to at most 100 % of the host surface');
      sacs.push({ site, loading_fraction, arrangement });
      sacSets.push(set);
    });
  }

  // protocol
  const protocol = parseProtocol(o.protocol, 'protocol');
  checkProtocolLimits(protocol, 'protocol');

  // seed
  const seed = o.seed === undefined ? DEFAULTS.seed
    : int('seed', o.seed, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer up to 2^53 - 1 = 9007199254740991');

  // electrochem
  // double layer (electrochem/doublelayer.ts): the metal set's C_dl unless the run file gives one
  let doubleLayer_F_per_m2: number = metalDoubleLayer(metalSet);
  let ohmic_Ohm_m2: number = DEFAULTS.ohmic_Ohm_m2;
  let counter: { i0_A_per_m2: number; alpha: number } | undefined;
  if (o.electrochem !== undefined) {
    const ec = obj('electrochem', o.electrochem, 'a map { double_layer: "0 uF/cm2", ohmic: "0 Ohm cm2", counter: { exchange_current_density: "1 mA/cm2", alpha: 0.5 } }');
    keys('electrochem', ec, ['double_layer', 'ohmic', 'counter']);
    if (ec.counter !== undefined) {
      // the counter electrode of a symmetric cell: a flat metal obeying Butler-Volmer
      const ce = obj('electrochem.counter', ec.counter, 'a map { exchange_current_density: "1 mA/cm2", alpha: 0.5 }');
      keys('electrochem.counter', ce, ['exchange_current_density', 'alpha']);
      const i0 = ce.exchange_current_density === undefined ? undefined
        : inRange('electrochem.counter.exchange_current_density', ce.exchange_current_density,
          parseQuantity('electrochem.counter.exchange_current_density', ce.exchange_current_density, 'currentDensity'), 1e-6, 1e5,
          'an exchange current density from 1e-7 to 1e4 mA/cm2, e.g. "1 mA/cm2"');
      const alpha = ce.alpha === undefined ? undefined
        : inRange('electrochem.counter.alpha', ce.alpha, parseQuantity('electrochem.counter.alpha', ce.alpha, 'fraction'), 0.01, 0.99,
          'a transfer coefficient between 0.01 and 0.99, e.g. 0.5');
      counter = { i0_A_per_m2: i0 ?? NaN, alpha: alpha ?? NaN };
    }
    if (ec.double_layer !== undefined) {
      doubleLayer_F_per_m2 = inRange('electrochem.double_layer', ec.double_layer,
        parseQuantity('electrochem.double_layer', ec.double_layer, 'capacitanceDensity'), 0, 100,
        'a double-layer capacitance from 0 to 10000 uF/cm2, e.g. "20 uF/cm2"');
    } else doubleLayer_F_per_m2 = metalDoubleLayer(metalSet);
    
    if (ec.ohmic !== undefined) {
      ohmic_Ohm_m2 = inRange('electrochem.ohmic', ec.ohmic,
        parseQuantity('electrochem.ohmic', ec.ohmic, 'arealResistance'), 0, 1,
        'an area-specific resistance from 0 to 10000 Ohm cm2, e.g. "10 Ohm cm2"');
    }
  }

  // output
  let sample: number | undefined;
  let snapshots: boolean = DEFAULTS.snapshots;
  if (o.output !== undefined) {
    const out = obj('output', o.output, 'a map { sample: "0.0001 mAh/cm2", snapshots: true }');
    keys('output', out, ['sample', 'snapshots']);
    if (out.sample !== undefined) {
      sample = parseQuantity('output.sample', out.sample, 'arealCapacity');
      if (!(sample > 0)) throw new InputError('output.sample', out.sample, 'a positive areal capacity, e.g. "0.0001 mAh/cm2"');
    }
    if (out.snapshots !== undefined) {
      if (typeof out.snapshots !== 'boolean') throw new InputError('output.snapshots', out.snapshots, 'true or false');
      snapshots = out.snapshots;
    }
  }
  if (sample === undefined) {
    const q = firstKnownCharge(protocol);
    // no step with a known charge (rests, holds): 1/20 of a voxel layer's charge
    sample = q === undefined ? layerSample_C_per_m2(voxel_m, metal.z, metal.atomicVolume_m3) : q * DEFAULTS.sampleFraction;
  }

  // ion transport (input/transport.ts): absent -> no field, runs as before
  const transport = parseTransport(o.electrolyte, o.cell, metal.name, { size, voxel_m, hostLayers });

  // SEI (input/sei.ts): absent -> no SEI, runs as before
  const sei = parseSei(o.sei, { metal: metal.name, voxel_m, atomicVolume_m3: metal.atomicVolume_m3, sacNames: sacs.map((s) => s.site.name) });

  return {
    ...(transport ? { transport } : {}),
    ...(sei ? { sei } : {}),
    metal,
    temperature_K,
    lattice: { size, voxel_m, mode, hostLayers, ...(terraceWidth !== undefined ? { terraceWidth } : {}) },
    host,
    sacs,
    protocol,
    seed,
    electrochem: { doubleLayer_F_per_m2, ohmic_Ohm_m2, ...(counter ? { counter: {
      i0_A_per_m2: Number.isNaN(counter.i0_A_per_m2) ? metal.i0_A_per_m2 : counter.i0_A_per_m2,
      alpha: Number.isNaN(counter.alpha) ? metal.alpha : counter.alpha,
    } } : {}) },
    output: { sample_C_per_m2: sample, snapshots },
    source: cloneInput(input),
    provenance: { metal: metalSet, host: hostSet, sacs: sacSets, bindingScale: sets.bindingScale },
  };
}

/** A deep copy of the raw input for provenance (JSON round trip when it holds non-cloneable values). */
function cloneInput(input: unknown): unknown {
  try { return structuredClone(input); } catch { return JSON.parse(JSON.stringify(input)) as unknown; }
}

function requiredText(k: string): string {
  switch (k) {
    case 'metal': return 'a metal: Li, Na or K (required)';
    case 'lattice': return 'a lattice { size: [x, y, z], voxel: "0.30 nm" } (required)';
    case 'host': return 'a host name, e.g. graphene (required)';
    default: return 'a list of protocol steps, e.g. ["Plate at 1 mA/cm2 for 10 s"] (required)';
  }
}

/** "2 %" or 0.02 -> fraction; "0.5 sites/nm2" -> fraction of top host-layer voxels. */
function parseLoading(field: string, v: unknown, voxelArea_m2: number): number {
  if (v === undefined) throw new InputError(field, v, 'a loading, e.g. "2 %" or "0.5 sites/nm2"');
  let frac: number;
  try {
    frac = parseQuantity(field, v, 'fraction');
  } catch {
    let density: number;
    try {
      density = parseQuantity(field, v, 'arealDensity');
    } catch {
      throw new InputError(field, v, 'a loading as a percentage of host surface sites ("2 %") or an areal density ("0.5 sites/nm2")');
    }
    frac = density * voxelArea_m2;
    const maxPerNm2 = 1 / (voxelArea_m2 * 1e18);
    if (!(frac >= 0 && frac <= 1)) {
      throw new InputError(field, v, `an areal density from 0 to one site per voxel face (${maxPerNm2.toPrecision(3)} sites/nm2 at this voxel)`);
    }
    return frac;
  }
  if (!(frac >= 0 && frac <= 1)) throw new InputError(field, v, 'a loading from 0 to 100 %');
  return frac;
}

// ---------------------------------------------------------------------------------------------
// files

/** Parses YAML (or JSON, which is YAML) text; syntax errors become a FileError with the line. */
export function parseYamlText(text: string, file: string): unknown {
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    throw new FileError(file, `cannot read the YAML (${e instanceof RangeError ? 'nested too deeply' : (e as Error).message.split('\n')[0]})`);
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.pos ? lc.linePos(e.pos[0]).line : undefined;
    const msg = /call stack/i.test(e.message) ? 'nested too deeply (a run file needs fewer than 10 levels)' : e.message.split('\n')[0]!;
    throw new FileError(file, msg, line);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // an alias bomb (billion laughs) or another resolution failure: one line, nothing expanded
    throw new FileError(file, `cannot read the YAML: ${(e as Error).message.split('\n')[0]} (at most 100 alias expansions)`);
  }
  checkDepth(value, file);
  return value;
}

/** Reads a run file (.yaml, .yml or .json). */
export function readInputFile(path: string): unknown {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new FileError(path, `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (extname(path).toLowerCase() === '.json') {
    let value: unknown;
    try { value = JSON.parse(text); } catch (e) { throw new FileError(path, `invalid JSON: ${(e as Error).message}`); }
    checkDepth(value, path);
    return value;
  }
  return parseYamlText(text, path);
}

/** Loads and resolves a run file (YAML or JSON). */
export function loadRunFile(path: string): ResolvedRun {
  return parseRunInput(readInputFile(path), { baseDir: dirname(path) });
}

// ---------------------------------------------------------------------------------------------
// comparison files: a base run plus `variants:`

export interface CompareCase { name: string; run: ResolvedRun; }

/**
 * A comparison input: the keys of a run (the base) plus `variants:`, a list of
 * { name, ...any run keys } that override the base's keys (shallow). Returns one resolved run
 * per variant; without `variants` the base alone, named "base".
 */
export function parseCompareInput(input: unknown, opts: ParseOptions = {}): CompareCase[] {
  const o = obj('input', input, 'a comparison: run keys plus variants: [{ name, host, sacs }]');
  const { variants, ...base } = o;
  if (variants === undefined) return [{ name: 'base', run: parseRunInput(base, opts) }];
  if (!Array.isArray(variants) || variants.length === 0) {
    throw new InputError('variants', variants, 'a non-empty list of { name, ...run keys to override }');
  }
  const names = new Set<string>();
  return variants.map((v, i) => {
    const f = `variants[${i}]`;
    const vo = obj(f, v, '{ name, host, sacs, ... }');
    const { name, ...over } = vo;
    if (typeof name !== 'string' || name.trim() === '') throw new InputError(`${f}.name`, name, 'a non-empty name');
    if (names.has(name)) throw new InputError(`${f}.name`, name, 'a name not used by another variant');
    names.add(name);
    keys(f, over, ['name', ...RUN_KEYS]);
    const merged = { ...base, ...over };
    try {
      return { name, run: parseRunInput(merged, opts) };
    } catch (e) {
      if (e instanceof InputError) {
        const top = e.field.split(/[.[]/)[0]!;
        if (top in over) throw new InputError(`${f}.${e.field}`, e.value, e.expected);
        throw new InputError(`${e.field} (in ${f} "${name}")`, e.value, e.expected);
      }
      throw e;
    }
  });
}

/** Loads a comparison file. */
export function loadCompareFile(path: string): CompareCase[] {
  return parseCompareInput(readInputFile(path), { baseDir: dirname(path) });
}
