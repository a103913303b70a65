/**
 * Quantities with units, the way electrochemists write them: "1 mA/cm2", "3 mAh/cm2",
 * "25 degC", "0.30 nm", "36.84 kJ/mol", "20 uF/cm2", "2 %", "1.2 wt%", "0.5 sites/nm2".
 *
 * `parseQuantity(field, input, kind)` returns the value in the kind's canonical unit
 * (listed in KINDS, SI except energy in eV and temperature in K) or throws an InputError that
 * names the field, the value and the unit expected.
 */
import { InputError } from './errors.js';
import { refuseUnknownKeys, type KeyWords } from './args.js';

/** Dimension exponents over [m, kg, s, A, K, mol, count]. */
type Dims = readonly [number, number, number, number, number, number, number];
interface Unit { factor: number; dims: Dims; }

const D = (m = 0, kg = 0, s = 0, A = 0, K = 0, mol = 0, n = 0): Dims => [m, kg, s, A, K, mol, n];
const NONE = D();

export const CONST = {
  e: 1.602176634e-19, // C
  kB: 1.380649e-23, // J/K
  kB_eV: 8.617333262e-5, // eV/K
  NA: 6.02214076e23, // 1/mol
  F: 96485.33212, // C/mol
} as const;

/** Charge of 1 mAh in C: 1e-3 A x 3600 s = 3.6 C (so also C/cm2 per mAh/cm2, and mAh/g = F / (3.6 M)). */
export const C_PER_MAH = 3.6;
/** Square centimetres in a square metre (1 m = 100 cm): C/m2 / 1e4 = C/cm2, m2 x 1e4 = cm2. */
export const CM2_PER_M2 = 1e4;
/**
 * An areal capacity of 1 mAh/cm2 in C/m2 (the canonical unit of an areal capacity):
 * 1 mAh/cm2 = 3.6 C/cm2 = 3.6 C / 1e-4 m2 = 36000 C/m2.
 */
export const C_PER_M2_PER_MAH_PER_CM2 = 36000;

// Base symbols (without prefix).
const BASE: Record<string, Unit> = {
  m: { factor: 1, dims: D(1) },
  g: { factor: 1e-3, dims: D(0, 1) },
  s: { factor: 1, dims: D(0, 0, 1) },
  min: { factor: 60, dims: D(0, 0, 1) },
  h: { factor: 3600, dims: D(0, 0, 1) },
  A: { factor: 1, dims: D(0, 0, 0, 1) },
  V: { factor: 1, dims: D(2, 1, -3, -1) },
  W: { factor: 1, dims: D(2, 1, -3) },
  J: { factor: 1, dims: D(2, 1, -2) },
  eV: { factor: CONST.e, dims: D(2, 1, -2) },
  C: { factor: 1, dims: D(0, 0, 1, 1) },
  F: { factor: 1, dims: D(-2, -1, 4, 2) },
  Ohm: { factor: 1, dims: D(2, 1, -3, -2) },
  ohm: { factor: 1, dims: D(2, 1, -3, -2) },
  'Ω': { factor: 1, dims: D(2, 1, -3, -2) },
  S: { factor: 1, dims: D(-2, -1, 3, 2) },
  Hz: { factor: 1, dims: D(0, 0, -1) },
  K: { factor: 1, dims: D(0, 0, 0, 0, 1) },
  mol: { factor: 1, dims: D(0, 0, 0, 0, 0, 1) },
  L: { factor: 1e-3, dims: D(3) },
  Pa: { factor: 1, dims: D(-1, 1, -2) },
  Ah: { factor: 3600, dims: D(0, 0, 1, 1) },
  Wh: { factor: 3600, dims: D(2, 1, -2) },
  sites: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
  site: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
  atoms: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
  atom: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
  events: { factor: 1, dims: D(0, 0, 0, 0, 0, 0, 1) },
};
// Symbols that are never prefixed (checked before prefix splitting).
const SPECIAL: Record<string, Unit> = {
  M: { factor: 1e3, dims: D(-3, 0, 0, 0, 0, 1) }, // mol/L
  // the molar's submultiples as electrochemists write them (review70: "2 mM" was refused as an unknown unit): here, not
  // as prefixes of M, so that a capital M stays the mega prefix everywhere else ("MV", "MA/cm2") and "MM" is no unit
  mM: { factor: 1, dims: D(-3, 0, 0, 0, 0, 1) }, // mmol/L = mol/m3
  uM: { factor: 1e-3, dims: D(-3, 0, 0, 0, 0, 1) }, // umol/L (also written µM)
  nM: { factor: 1e-6, dims: D(-3, 0, 0, 0, 0, 1) }, // nmol/L
  '%': { factor: 1e-2, dims: NONE },
  'wt%': { factor: 1e-2, dims: NONE },
  'at%': { factor: 1e-2, dims: NONE },
  ppm: { factor: 1e-6, dims: NONE },
  'Å': { factor: 1e-10, dims: D(1) },
  angstrom: { factor: 1e-10, dims: D(1) },
  Angstrom: { factor: 1e-10, dims: D(1) },
  Ang: { factor: 1e-10, dims: D(1) },
  kg: { factor: 1, dims: D(0, 1) },
  '1': { factor: 1, dims: NONE },
};
const PREFIX: Record<string, number> = {
  f: 1e-15, p: 1e-12, n: 1e-9, u: 1e-6, m: 1e-3, c: 1e-2, d: 1e-1, k: 1e3, M: 1e6, G: 1e9,
};

function lookupSymbol(sym: string): Unit | undefined {
  if (SPECIAL[sym]) return SPECIAL[sym];
  if (BASE[sym]) return BASE[sym];
  for (const p of Object.keys(PREFIX)) {
    if (sym.length > p.length && sym.startsWith(p)) {
      const b = BASE[sym.slice(p.length)];
      if (b) return { factor: b.factor * PREFIX[p]!, dims: b.dims };
    }
  }
  return undefined;
}

/** Parses a unit expression such as "mA/cm2", "mA h cm-2", "kJ mol^-1", "uF/cm²". */
export function parseUnit(text: string): Unit | undefined {
  let t = text.trim()
    .replace(/[µμ]/g, 'u')
    // superscript minus first: "⁻²" was "⁻2" (unknown) once "²" had become "2"
    .replace(/⁻/g, '-').replace(/¹/g, '1').replace(/²/g, '2').replace(/³/g, '3')
    .replace(/\^/g, '').replace(/[·*]/g, ' ')
    .replace(/°C/g, 'degC').replace(/\bohms?\b/g, 'Ohm');
  if (t === '' ) return { factor: 1, dims: NONE };
  // "mA.h" (EC-Lab) means mA h
  t = t.replace(/([A-Za-z])\.([A-Za-z])/g, '$1 $2');
  let factor = 1;
  const dims = [0, 0, 0, 0, 0, 0, 0];
  // split into numerator / denominator groups by '/'
  const groups = t.split('/');
  for (let gi = 0; gi < groups.length; gi++) {
    const sign = gi === 0 ? 1 : -1;
    const tokens = groups[gi]!.trim().split(/\s+/).filter((x) => x.length > 0);
    if (tokens.length === 0) {
      if (gi === 0 && groups.length > 1) continue; // "/s"
      return undefined;
    }
    for (const tok of tokens) {
      const m = /^(.*?)(-?\d+)?$/.exec(tok);
      if (!m) return undefined;
      let sym = m[1]!;
      let exp = m[2] !== undefined ? Number(m[2]) : 1;
      if (sym === '' && m[2] !== undefined) { sym = m[2]; exp = 1; } // a bare "1"
      if (sym === '1') continue;
      const u = lookupSymbol(sym);
      if (!u) return undefined;
      const e = sign * exp;
      factor *= Math.pow(u.factor, e);
      for (let i = 0; i < 7; i++) dims[i]! += u.dims[i]! * e;
    }
  }
  return { factor, dims: dims as unknown as Dims };
}

export interface QuantityKind {
  /** what to call it in messages */
  label: string;
  /** canonical unit the value is returned in */
  unit: string;
  /** example written the way users write it */
  example: string;
  /** accepted dimension sets, with the factor converting SI of that dimension to the canonical unit */
  accepts: { dims: Dims; toCanonical: number }[];
  /** plain numbers are accepted and taken as this unit (only for dimensionless kinds) */
  plainNumber?: boolean;
  /** the units users write for this kind, said when a unit is refused (where the example alone does not show them) */
  forms?: string;
}

const k = (label: string, unit: string, example: string, accepts: { dims: Dims; toCanonical: number }[], plainNumber = false, forms?: string): QuantityKind =>
  ({ label, unit, example, accepts, plainNumber, ...(forms === undefined ? {} : { forms }) });

export const KINDS = {
  length: k('a length', 'm', '0.30 nm', [{ dims: D(1), toCanonical: 1 }]),
  area: k('an area', 'm2', '1.13 cm2', [{ dims: D(2), toCanonical: 1 }]),
  time: k('a time', 's', '10 s', [{ dims: D(0, 0, 1), toCanonical: 1 }]),
  current: k('a current', 'A', '1 mA', [{ dims: D(0, 0, 0, 1), toCanonical: 1 }]),
  currentDensity: k('a current density', 'A/m2', '1 mA/cm2', [{ dims: D(-2, 0, 0, 1), toCanonical: 1 }]),
  charge: k('a charge', 'C', '1 mAh', [{ dims: D(0, 0, 1, 1), toCanonical: 1 }]),
  arealCapacity: k('an areal capacity', 'C/m2', '3 mAh/cm2', [{ dims: D(-2, 0, 1, 1), toCanonical: 1 }]),
  specificCapacity: k('a specific capacity', 'C/kg', '3861 mAh/g', [{ dims: D(0, -1, 1, 1), toCanonical: 1 }]),
  voltage: k('a voltage', 'V', '200 mV', [{ dims: D(2, 1, -3, -1), toCanonical: 1 }]),
  // energy per particle: eV; J/mol and kJ/mol are converted with Avogadro's number
  energy: k('an energy', 'eV', '0.10 eV', [
    { dims: D(2, 1, -2), toCanonical: 1 / CONST.e },
    { dims: D(2, 1, -2, 0, 0, -1), toCanonical: 1 / (CONST.e * CONST.NA) },
  ]),
  temperature: k('a temperature', 'K', '25 degC', [{ dims: D(0, 0, 0, 0, 1), toCanonical: 1 }]),
  frequency: k('a frequency', '1/s', '1e13 1/s', [{ dims: D(0, 0, -1), toCanonical: 1 }]),
  fraction: k('a fraction', '1', '2 %', [{ dims: NONE, toCanonical: 1 }], true),
  arealDensity: k('an areal density', '1/m2', '0.5 sites/nm2', [
    { dims: D(-2, 0, 0, 0, 0, 0, 1), toCanonical: 1 },
    { dims: D(-2), toCanonical: 1 },
  ]),
  arealMass: k('a mass per area', 'kg/m2', '2 mg/cm2', [{ dims: D(-2, 1), toCanonical: 1 }]),
  mass: k('a mass', 'kg', '2 mg', [{ dims: D(0, 1), toCanonical: 1 }]),
  capacitanceDensity: k('a capacitance per area', 'F/m2', '20 uF/cm2', [{ dims: D(-4, -1, 4, 2), toCanonical: 1 }]),
  resistance: k('a resistance', 'Ohm', '10 Ohm', [{ dims: D(2, 1, -3, -2), toCanonical: 1 }]),
  arealResistance: k('an area-specific resistance', 'Ohm m2', '20 Ohm cm2', [{ dims: D(4, 1, -3, -2), toCanonical: 1 }]),
  concentration: k('a concentration', 'mol/m3', '1 M', [{ dims: D(-3, 0, 0, 0, 0, 1), toCanonical: 1 }], false,
    'M (mol/L), mM (mmol/L), uM, mol/L, mmol/L, mol/dm3 or mol/m3 (1 mM = 1 mol/m3)'),
  diffusivity: k('a diffusion coefficient', 'm2/s', '1e-10 m2/s', [{ dims: D(2, 0, -1), toCanonical: 1 }]),
  conductivity: k('an ionic conductivity', 'S/m', '10 mS/cm', [{ dims: D(-3, -1, 3, 2), toCanonical: 1 }]),
  count: k('a number', '1', '8', [{ dims: NONE, toCanonical: 1 }], true),
  volume: k('a volume', 'm3', '21.25 Å3', [{ dims: D(3), toCanonical: 1 }]),
  molarMass: k('a molar mass', 'kg/mol', '6.94 g/mol', [{ dims: D(0, 1, 0, 0, 0, -1), toCanonical: 1 }]),
} as const satisfies Record<string, QuantityKind>;
export type KindName = keyof typeof KINDS;

const sameDims = (a: Dims, b: Dims) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-12);

/** The dimensions a unit expression has, or undefined when the unit is unknown. */
export function unitDims(unit: string): Dims | undefined {
  return parseUnit(unit)?.dims;
}

/** A quantity given as a map has these keys; another is refused in these words ("no such key; a quantity is { value, unit } or a text such as ..."). */
export const QUANTITY_KEYS = ['value', 'unit'] as const;
export const quantityKeyWords = (kindName: KindName): KeyWords => ({ owner: 'a quantity is', list: `{ value, unit } or a text such as "${KINDS[kindName].example}"` });

function expected(kind: QuantityKind): string {
  return `${kind.label} with a unit, e.g. "${kind.example}"`;
}

const QUANTITY_RE = /^\s*([-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/;

/** Splits "1.5e-3 mA/cm2" into number and unit. Accepts decimal commas only when unambiguous. */
export function splitQuantity(text: string): { value: number; unit: string } | undefined {
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  return { value, unit: m[2]! };
}

/** A number written as a word in a quantity's text: "inf K", "-Infinity nm", "nan eV", ".inf K" (text, not YAML's bare .inf). */
const WORD_NUMBER_RE = /^\s*([-+]?\.?(?:inf(?:inity)?|nan))\b\s*(.*?)\s*$/i;

/**
 * Why the number of a quantity's text is not a finite number, and its unit: "1e400 is beyond the largest number,
 * about 1.8e308" for "1e400 K" (it reads as Infinity; splitQuantity refuses it), "inf is not finite" for "inf K"
 * (a number word: until mends38 it said "with a unit"); undefined when the text has a finite number or none.
 */
export function notFiniteNumber(text: string): { why: string; unit: string } | undefined {
  const m = QUANTITY_RE.exec(text);
  if (m) return Number.isFinite(Number(m[1]!.replace(',', '.'))) ? undefined : { why: `${m[1]} is beyond the largest number, about 1.8e308`, unit: m[2]! };
  const w = WORD_NUMBER_RE.exec(text);
  return w ? { why: `${w[1]} is not finite`, unit: w[2]! } : undefined;
}

/**
 * A quantity whose number is beyond a double's range ("1e400 K"): it said "expected a temperature
 * with a unit" of a value that has one. A caller with an accepted range says that range instead.
 * Thrown only once the unit is accepted: "1e400 furlongs" is refused for its unit.
 */
export class NotFiniteError extends InputError {}

/** `why`: "1e400 is beyond the largest number, about 1.8e308", "inf is not finite" (a number word) or "Infinity is not finite" (YAML's bare .inf). */
function notFinite(field: string, input: unknown, kind: QuantityKind, why: string): NotFiniteError {
  return new NotFiniteError(field, input, `${kind.label} with a finite number (${why}), e.g. "${kind.example}"`);
}

/**
 * Parses a quantity and returns it in the kind's canonical unit.
 * `input` may be a string ("1 mA/cm2"), an object {value, unit}, or a plain number for
 * dimensionless kinds.
 */
export function parseQuantity(field: string, input: unknown, kindName: KindName): number {
  const kind: QuantityKind = KINDS[kindName];
  // a library caller's third argument (the CLI's kinds are written in the code)
  if (!Object.hasOwn(KINDS, kindName)) throw new InputError('kind', kindName, `one of ${Object.keys(KINDS).join(', ')}`);
  let value: number;
  let unit: string;
  let over: { why: string } | undefined;
  /** the value in canonical units, once the unit is accepted: a number beyond a double's range or a number word is refused here */
  const accepted = (x: number): number => { if (over !== undefined) throw notFinite(field, input, kind, over.why); return x; };
  if (typeof input === 'number') {
    // a bare .inf or .nan (YAML) said "with a unit": it is not finite, whatever its unit
    if (!Number.isFinite(input)) throw notFinite(field, input, kind, `${input} is not finite`);
    if (!kind.plainNumber) throw new InputError(field, input, expected(kind));
    return input;
  } else if (typeof input === 'string') {
    // "1,000 mA/cm2": a thousands separator (1000) or a decimal comma (1.000)? Refused, not guessed
    if (/^\s*[-+]?[1-9]\d{0,2},\d{3}(?![\d.,])/.test(input)) {
      throw new InputError(field, input, `${kind.label} without a thousands separator ("1,000" is 1000 in one locale and 1.000 in another): write 1000, or 1.0 for a decimal, e.g. "${kind.example}"`);
    }
    const sq = splitQuantity(input);
    // "1e400 furlongs", "inf furlongs": the unit is checked first (below), the number that is not finite after it
    const nf = sq ? undefined : notFiniteNumber(input);
    if (!sq && nf === undefined) throw new InputError(field, input, expected(kind));
    over = nf;
    value = sq ? sq.value : Infinity;
    unit = sq ? sq.unit : nf!.unit;
  } else if (input && typeof input === 'object' && 'value' in input && 'unit' in input) {
    const o = input as { value: unknown; unit: unknown };
    if (typeof o.value !== 'number' || typeof o.unit !== 'string') throw new InputError(field, input, expected(kind));
    // a key beside value and unit (a note, a misspelt key) was dropped without a word: refused.
    // Parameter sets take a `source` as well; the registry checks and removes it before this.
    refuseUnknownKeys(field, o as Record<string, unknown>, QUANTITY_KEYS, quantityKeyWords(kindName));
    // {value: .inf, unit: K} (YAML) was returned as Infinity, {value: .nan, ...} as NaN: not finite, as a bare .inf is
    if (!Number.isFinite(o.value)) over = { why: `${o.value} is not finite` };
    value = o.value;
    unit = o.unit;
  } else {
    throw new InputError(field, input, expected(kind));
  }
  if (unit === '' && kind.plainNumber) return accepted(value);
  if (kindName === 'temperature') {
    const u = unit.replace(/\s+/g, '');
    // mends117 (review86 F5): "25 C" and "25 celsius" are degC here, as a thermometer reads them, and so documented (docs/parameters.md,
    // "Units") and said in the accepted forms below; in every other field C is the coulomb (a charge, "3.6 C/cm2"):
    // this branch is the temperature field's only, so C never means Celsius in a charge field
    if (u === 'degC' || u === '°C' || u === 'C' || u === 'celsius') return accepted(value + 273.15);
    // kelvin's symbol is K; a lower-case k names no other temperature unit (alone it is only a prefix): kelvin.
    // The range (absolute zero among it) is the caller's, one rule and one wording per field (run-schema.ts 150 to 400 K)
    if (u === 'K' || u === 'k') return accepted(value);
    throw new InputError(field, input, 'a temperature in K (kelvin) or degC (also written °C, C or celsius), e.g. "25 degC" or "298.15 K"');
  }
  const parsed = parseUnit(unit);
  if (!parsed) {
    throw new InputError(field, input, kind.forms === undefined ? `${kind.label}; unknown unit "${unit}", e.g. "${kind.example}"`
      : `${kind.label}; unknown unit "${unit}": write it in ${kind.forms}, e.g. "${kind.example}"`);
  }
  for (const acc of kind.accepts) {
    if (sameDims(parsed.dims, acc.dims)) return accepted(value * parsed.factor * acc.toCanonical);
  }
  if (unit.trim() === '') throw new InputError(field, input, `${kind.label} with its unit, e.g. "${kind.example}" (no unit given)`);
  const like = kind.forms === undefined ? ` (unit like ${kind.example.replace(/^[-\d.e+]+\s*/, '')})` : ` in ${kind.forms}`;
  throw new InputError(field, input, `${kind.label}${like}, not "${unit}"${angstromHint(unit, kind)}`);
}

/**
 * "A", "A2", "A3" where a length, area or volume is read: A is the ampere, but ASE, VASP and this project's own
 * column names (distortion_A) write it for the angstrom, so "voxel: 3 A" was told only `not "A"` (review37).
 */
function angstromHint(unit: string, kind: { accepts: { dims: Dims }[] }): string {
  const m = /^A([23]?)$/.exec(unit.trim());
  if (!m) return '';
  const n = m[1] ? Number(m[1]) : 1;
  return kind.accepts.some((a) => sameDims(a.dims, D(n))) ? ` ("A" is the ampere; the angstrom is "Å${m[1]}" or "angstrom${m[1]}")` : '';
}

/** Like parseQuantity, and also checks a range [min, max] given in canonical units. */
export function parseQuantityInRange(
  field: string, input: unknown, kindName: KindName,
  min: number, max: number, rangeText: string,
): number {
  const v = parseQuantity(field, input, kindName);
  if (!(v >= min && v <= max)) throw new InputError(field, input, rangeText);
  return v;
}

/**
 * An electrode area as a user gives it ("1.13 cm2", "78.5 mm2"), positive, in cm2 rounded to 12
 * significant figures (0.785 cm2 as given, not 0.7849999999999999 after the trip through m2).
 * `field` names the flag or query parameter in the error.
 */
export function parseAreaCm2(field: string, text: string): number {
  const m2 = parseQuantity(field, text, 'area');
  if (!(m2 > 0)) throw new InputError(field, text, 'a positive area, e.g. "1.13 cm2"');
  return Number((m2 * CM2_PER_M2).toPrecision(12));
}

/**
 * A number as a run's identity reads it (mends62b): a number that is not a whole number at 15 significant digits, others
 * as they are. "50 nm" resolves to 5.0000000000000004e-8 m and "0.05 um" to 5e-8 m (the unit factors' floating point):
 * one quantity, two doubles, so a sweep over both ran two tasks and a checkpoint of one was refused for the other. Any
 * decimal of up to 15 significant digits survives a trip through a double (DBL_DIG), and a unit conversion's error lies
 * in the 16th-17th digit, so two spellings of one decimal quantity read alike here, and values that differ in their
 * first 15 digits stay apart. Whole numbers (seeds, sizes, counts) are kept whole: a seed of 16 digits is not rounded.
 * Used where identity is tested only (sweep/hash.ts canonicalJson, simulation/checkpoint.ts runKey): the values a
 * run is simulated with are the parsed ones, unchanged, so no trajectory moves.
 */
export function identityNumber(v: number): number {
  return Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(15)) : v;
}

/** Unit conversions used throughout the code base (canonical -> display). */
export const TO = {
  mA_per_cm2: (A_per_m2: number) => A_per_m2 / 10,
  A_per_m2_from_mA_per_cm2: (mA_per_cm2: number) => mA_per_cm2 * 10,
  mAh_per_cm2: (C_per_m2: number) => C_per_m2 / CM2_PER_M2 / C_PER_MAH, // 1 mAh = 3.6 C
  C_per_cm2: (C_per_m2: number) => C_per_m2 / CM2_PER_M2,
  nm: (m: number) => m * 1e9,
  mV: (V: number) => V * 1e3,
} as const;
