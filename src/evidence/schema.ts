/**
 * Literature records: one SAC anode system as the review reports it, with every figure the
 * review gives for it (value, unit, condition, the review's reference number and a quote of the
 * review text the figure comes from). Figures the review does not give are absent, never guessed.
 */
import { FileError } from '../errors.js';
import { parseQuantity, type KindName } from '../units.js';

export type AlkaliMetal = 'Li' | 'Na' | 'K';
export const METALS: readonly AlkaliMetal[] = ['Li', 'Na', 'K'];

export type Architecture =
  | 'coating' | '3D host' | 'host' | 'separator layer' | 'substrate' | 'interlayer' | 'unspecified';
export const ARCHITECTURES: readonly Architecture[] =
  ['coating', '3D host', 'host', 'separator layer', 'substrate', 'interlayer', 'unspecified'];

export interface QuantityDef {
  label: string;
  /** units.ts kind used to convert to canonical units; null: dimensionless or angle */
  kind: KindName | null;
  /** unit the quantity is shown and sorted in */
  displayUnit: string;
  /** factor: canonical value / factor = display value */
  displayFactor: number;
  /** units accepted when kind is null */
  units?: string[];
}

const q = (label: string, kind: KindName | null, displayUnit: string, displayFactor: number, units?: string[]): QuantityDef =>
  ({ label, kind, displayUnit, displayFactor, units });

/** The vocabulary of figures. Keys are what `--sort` and `--range` accept. */
export const QUANTITIES: Record<string, QuantityDef> = {
  nucleation_overpotential: q('nucleation overpotential', 'voltage', 'mV', 1e-3),
  overpotential: q('plating/stripping overpotential (symmetric cell)', 'voltage', 'mV', 1e-3),
  symmetric_lifetime: q('symmetric-cell plating/stripping lifetime', 'time', 'h', 3600),
  binding_energy: q('binding energy', 'energy', 'eV', 1),
  adsorption_energy: q('adsorption energy', 'energy', 'eV', 1),
  migration_barrier: q('migration / diffusion barrier', 'energy', 'eV', 1),
  desolvation_energy: q('desolvation energy', 'energy', 'kJ/mol', 1 / 96.4853321233),
  desolvation_barrier: q('desolvation barrier', 'energy', 'eV', 1),
  dissociation_barrier: q('dissociation / decomposition energy barrier', 'energy', 'eV', 1),
  transference_number: q('transference number', 'fraction', '1', 1),
  capacity_retention: q('full-cell capacity retention', 'fraction', '%', 1e-2),
  specific_capacity: q('full-cell specific capacity', 'specificCapacity', 'mAh/g', 3600),
  areal_capacity: q('full-cell areal capacity', 'arealCapacity', 'mAh/cm2', 36000),
  sulfur_loading: q('sulfur loading of the cathode', 'arealMass', 'mg/cm2', 1e-2),
  deposition_capacity: q('areal capacity deposited for a morphology observation', 'arealCapacity', 'mAh/cm2', 36000),
  sei_fraction: q('share of an SEI component (XPS peak)', 'fraction', '%', 1e-2),
  bond_length_change: q('bond-length change under plating', 'length', 'Angstrom', 1e-10),
  bond_angle_change: q('bond-angle change under plating', null, 'deg', 1, ['deg', '°']),
  rdf_peak: q('radial distribution function peak distance', 'length', 'nm', 1e-9),
  tube_diameter: q('tube diameter', 'length', 'nm', 1e-9),
  dendrite_onset_time: q('time until dendrites appear', 'time', 'min', 60),
  test_current_density: q('current density of a reported test', 'currentDensity', 'mA/cm2', 10),
  test_areal_capacity: q('areal capacity of a reported test', 'arealCapacity', 'mAh/cm2', 36000),
};

/** Conditions a figure was measured under, as the review states them (strings with units). */
export interface Conditions {
  current_density?: string; // "0.5 mA/cm2"
  areal_capacity?: string; // "3 mAh/cm2"
  temperature?: string; // "-40 degC"
  rate?: string; // "0.5 C"
  cycles?: number;
  duration?: string; // "10 h"
  cell?: string; // "symmetric Li||Li", "Li-LiFePO4 full cell", "pouch Li-S"
  note?: string;
}
export const CONDITION_KEYS: readonly (keyof Conditions)[] =
  ['current_density', 'areal_capacity', 'temperature', 'rate', 'cycles', 'duration', 'cell', 'note'];

export interface Figure {
  quantity: string;
  /** what the number is about: the system itself (default) or a control it is compared with */
  subject?: string;
  value: number;
  /** other end when the review gives a range ("from -0.65 eV to -3.83 eV") */
  value_to?: number;
  unit: string;
  /** reference state of an energy (e.g. "vs. graphene"), or of a comparison */
  reference?: string;
  conditions?: Conditions;
  /** the review's reference number the figure is attributed to */
  ref: number;
  /** the review's words the figure comes from, in normalised form (see reviewtext.ts) */
  quote: string;
  /** figure/section of the review */
  where?: string;
}

export interface Citation {
  number: number;
  authors: string;
  journal: string;
  year: number;
  volume?: string;
  pages?: string;
  doi?: string;
  /** the entry as the review's reference list prints it */
  text: string;
}

export interface LitRecord {
  id: string;
  name: string;
  aliases: string[];
  metal: AlkaliMetal;
  sac_elements: string[];
  /** coordination of the single atoms as the review describes it; empty when not given */
  coordination?: string;
  support: string;
  architecture: Architecture;
  architecture_detail?: string;
  /** review section */
  section: string;
  refs: number[];
  sei?: string;
  notes?: string;
  figures: Figure[];
  /** resolved from the reference list; filled in by the loader */
  citations: Citation[];
  /** where the record came from: a data file path, or "import:<file>" */
  source?: string;
}

const isStr = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;

/** Validates one raw record object. Throws FileError(file, "path: problem") for the first problem. */
export function validateRecord(raw: unknown, file: string, where = 'record'): Omit<LitRecord, 'citations'> & { citations?: Citation[] } {
  const fail = (path: string, msg: string): never => { throw new FileError(file, `${where}${path}: ${msg}`); };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('', 'expected a mapping with id, name, metal, ...');
  const r = raw as Record<string, unknown>;
  const known = new Set(['id', 'name', 'aliases', 'metal', 'sac_elements', 'coordination', 'support', 'architecture',
    'architecture_detail', 'section', 'refs', 'sei', 'notes', 'figures', 'citations', 'source']);
  for (const k of Object.keys(r)) if (!known.has(k)) fail(`.${k}`, `unknown field (known: ${[...known].join(', ')})`);
  if (!isStr(r.id) || !/^[a-z0-9][a-z0-9-]*$/.test(r.id)) fail('.id', `got ${JSON.stringify(r.id)}, expected lower-case letters, digits and dashes`);
  if (!isStr(r.name)) fail('.name', 'missing');
  const aliases = r.aliases === undefined ? [] : r.aliases;
  if (!Array.isArray(aliases) || !aliases.every(isStr)) fail('.aliases', 'expected a list of names');
  if (!METALS.includes(r.metal as AlkaliMetal)) fail('.metal', `got ${JSON.stringify(r.metal)}, expected Li, Na or K`);
  if (!Array.isArray(r.sac_elements) || r.sac_elements.length === 0 || !r.sac_elements.every((e) => typeof e === 'string' && /^[A-Z][a-z]?$/.test(e)))
    fail('.sac_elements', 'expected a list of element symbols, e.g. [Fe]');
  if (r.coordination !== undefined && r.coordination !== null && !isStr(r.coordination)) fail('.coordination', 'expected text');
  if (!isStr(r.support)) fail('.support', 'missing');
  if (!ARCHITECTURES.includes(r.architecture as Architecture)) fail('.architecture', `got ${JSON.stringify(r.architecture)}, expected one of ${ARCHITECTURES.join(', ')}`);
  for (const k of ['architecture_detail', 'sei', 'notes', 'source'] as const)
    if (r[k] !== undefined && r[k] !== null && typeof r[k] !== 'string') fail(`.${k}`, 'expected text');
  if (!isStr(r.section) && typeof r.section !== 'number') fail('.section', 'missing (review section, e.g. "3.2")');
  if (!Array.isArray(r.refs) || r.refs.length === 0 || !r.refs.every((n) => Number.isInteger(n) && (n as number) > 0))
    fail('.refs', 'expected a list of the review\'s reference numbers');
  if (!Array.isArray(r.figures)) fail('.figures', 'expected a list (may be empty)');
  const figures = (r.figures as unknown[]).map((f, i) => validateFigure(f, (p, m) => fail(`.figures[${i}]${p}`, m)));
  const opt = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const rec: Omit<LitRecord, 'citations'> & { citations?: Citation[] } = {
    id: r.id as string,
    name: r.name as string,
    aliases: aliases as string[],
    metal: r.metal as AlkaliMetal,
    sac_elements: r.sac_elements as string[],
    support: r.support as string,
    architecture: r.architecture as Architecture,
    section: String(r.section),
    refs: r.refs as number[],
    figures,
  };
  const c = opt(r.coordination); if (c) rec.coordination = c;
  const ad = opt(r.architecture_detail); if (ad) rec.architecture_detail = ad;
  const sei = opt(r.sei); if (sei) rec.sei = sei;
  const notes = opt(r.notes); if (notes) rec.notes = notes;
  const src = opt(r.source); if (src) rec.source = src;
  if (Array.isArray(r.citations)) rec.citations = r.citations as Citation[];
  return rec;
}

function validateFigure(raw: unknown, fail: (path: string, msg: string) => never): Figure {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('', 'expected a mapping');
  const f = raw as Record<string, unknown>;
  const known = new Set(['quantity', 'subject', 'value', 'value_to', 'unit', 'reference', 'conditions', 'ref', 'quote', 'where']);
  for (const k of Object.keys(f)) if (!known.has(k)) fail(`.${k}`, 'unknown field');
  const qty = f.quantity;
  if (typeof qty !== 'string' || !QUANTITIES[qty]) fail('.quantity', `got ${JSON.stringify(qty)}, expected one of ${Object.keys(QUANTITIES).join(', ')}`);
  if (typeof f.value !== 'number' || !Number.isFinite(f.value)) fail('.value', `got ${JSON.stringify(f.value)}, expected a number`);
  if (f.value_to !== undefined && f.value_to !== null && (typeof f.value_to !== 'number' || !Number.isFinite(f.value_to))) fail('.value_to', 'expected a number');
  if (typeof f.unit !== 'string') fail('.unit', 'missing');
  const def = QUANTITIES[qty as string]!;
  try {
    figureCanonical(qty as string, f.value as number, f.unit as string);
  } catch {
    fail('.unit', `got ${JSON.stringify(f.unit)}, expected a unit of ${def.label} (e.g. ${def.displayUnit})`);
  }
  if (!Number.isInteger(f.ref) || (f.ref as number) <= 0) fail('.ref', 'expected the review\'s reference number');
  if (typeof f.quote !== 'string' || f.quote.trim() === '') fail('.quote', 'expected the review\'s words the figure comes from');
  const fig: Figure = { quantity: qty as string, value: f.value as number, unit: f.unit as string, ref: f.ref as number, quote: f.quote as string };
  if (typeof f.value_to === 'number') fig.value_to = f.value_to;
  for (const k of ['subject', 'reference', 'where'] as const) {
    if (f[k] === undefined || f[k] === null || f[k] === '') continue;
    if (typeof f[k] !== 'string') fail(`.${k}`, 'expected text');
    fig[k] = f[k] as string;
  }
  if (f.conditions !== undefined && f.conditions !== null) {
    if (typeof f.conditions !== 'object' || Array.isArray(f.conditions)) fail('.conditions', 'expected a mapping');
    const c = f.conditions as Record<string, unknown>;
    const cond: Conditions = {};
    for (const k of Object.keys(c)) {
      if (!(CONDITION_KEYS as readonly string[]).includes(k)) fail(`.conditions.${k}`, `unknown condition (known: ${CONDITION_KEYS.join(', ')})`);
      const v = c[k];
      if (v === undefined || v === null || v === '') continue;
      if (k === 'cycles') {
        if (!Number.isInteger(v)) fail('.conditions.cycles', 'expected a whole number');
        cond.cycles = v as number;
        continue;
      }
      if (typeof v !== 'string') fail(`.conditions.${k}`, 'expected text with a unit');
      const kind: KindName | null = k === 'current_density' ? 'currentDensity' : k === 'areal_capacity' ? 'arealCapacity'
        : k === 'temperature' ? 'temperature' : k === 'duration' ? 'time' : null;
      if (kind) {
        try { parseQuantity(`conditions.${k}`, v, kind); } catch (e) { fail(`.conditions.${k}`, (e as Error).message); }
      }
      if (k === 'rate' && !/^\d+(\.\d+)?\s*C$/.test(v as string)) fail('.conditions.rate', `got ${JSON.stringify(v)}, expected a C-rate like "0.5 C"`);
      (cond as Record<string, unknown>)[k] = v;
    }
    if (Object.keys(cond).length > 0) fig.conditions = cond;
  }
  return fig;
}

/** A figure's value in canonical units (units.ts), or in degrees / plain numbers for kind null. */
export function figureCanonical(quantity: string, value: number, unit: string): number {
  const def = QUANTITIES[quantity];
  if (!def) throw new Error(`unknown quantity ${quantity}`);
  if (def.kind === null) {
    if (!(def.units ?? []).includes(unit)) throw new Error(`unit ${unit} not accepted for ${quantity}`);
    return value;
  }
  return parseQuantity(quantity, { value, unit }, def.kind);
}

/** A figure's value in the quantity's display unit (what sorting and tables use). */
export function figureDisplay(f: Figure): { value: number; value_to?: number; unit: string } {
  const def = QUANTITIES[f.quantity]!;
  const conv = (v: number) => round(figureCanonical(f.quantity, v, f.unit) / def.displayFactor);
  const out: { value: number; value_to?: number; unit: string } = { value: conv(f.value), unit: def.displayUnit };
  if (f.value_to !== undefined) out.value_to = conv(f.value_to);
  return out;
}

/** Rounds to 12 significant digits so unit conversions print cleanly. */
export function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** True when the figure is about the record's own system (not a control it was compared with). */
export function isOwnFigure(f: Figure): boolean {
  return f.subject === undefined || f.subject === '' || f.subject === 'system';
}
