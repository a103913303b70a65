/** Filtering and sorting literature records by metal, SAC element, support and figure ranges. */
import { InputError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { parseQuantity, splitQuantity } from '../units.js';
import { ELEMENT_SYMBOLS } from '../params/element-symbols.js';
import { ARCHITECTURES, figureCanonical, figureDisplay, isOwnFigure, METALS, QUANTITIES, sourceText, type LitRecord } from './schema.js';

export interface RangeFilter { quantity: string; min?: number; max?: number; text: string; }

export interface LitQuery {
  metal?: string;
  sacElement?: string;
  support?: string;
  architecture?: string;
  text?: string;
  ranges?: RangeFilter[];
  sort?: string;
  descending?: boolean;
}

/** Accepts "nucleation_overpotential" or "nucleation_overpotential_mV"; returns the quantity key. */
export function resolveQuantityKey(key: string, field = 'quantity', also = ''): string {
  if (QUANTITIES[key]) return key;
  for (const [q, def] of Object.entries(QUANTITIES)) {
    const suffix = def.displayUnit.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '');
    if (key === `${q}_${suffix}` || key.toLowerCase() === `${q}_${suffix}`.toLowerCase()) return q;
  }
  throw new InputError(field, key, `${also}one of ${Object.keys(QUANTITIES).join(', ')} (optionally with its unit, e.g. nucleation_overpotential_mV)`);
}

/**
 * Parses "quantity=min:max" (either end may be empty). Bounds may carry units ("0 mV:20 mV");
 * without a unit they are in the quantity's display unit.
 */
export function parseRange(text: string, field = '--range'): RangeFilter {
  const m = /^([A-Za-z0-9_]+)\s*=\s*(.*?)\s*:\s*(.*?)\s*$/.exec(text);
  if (!m) throw new InputError(field, text, 'quantity=min:max, e.g. nucleation_overpotential=0:20 (mV) or "binding_energy=-4 eV:-2 eV"');
  const quantity = resolveQuantityKey(m[1]!, field);
  const def = QUANTITIES[quantity]!;
  const bound = (s: string): number | undefined => {
    if (s === '') return undefined;
    const sq = splitQuantity(s);
    if (!sq) throw new InputError('--range', text, `numbers (in ${def.displayUnit} unless a unit is given) on both sides of ":"`);
    const unit = sq.unit === '' ? def.displayUnit : sq.unit;
    if (def.kind === null) return sq.value;
    try { return parseQuantity(`--range ${quantity}`, { value: sq.value, unit }, def.kind); } catch (e) {
      // the bound as typed, not the object it was parsed into (`got {"value":1,"unit":"eV"}`); the example in the
      // field's own unit, the one the data use (a lifetime's h: it said "unit like s" until mends64)
      if (e instanceof InputError) {
        const expected = def.displayUnit === '1' ? e.expected
          : e.expected.replace(/\(unit like [^)]*\)/, `(unit like ${def.displayUnit})`).replace(/e\.g\. "[^"]*"/, `e.g. "${sq.value} ${def.displayUnit}"`);
        throw new InputError(`--range ${quantity}`, s, expected);
      }
      throw e;
    }
  };
  const r: RangeFilter = { quantity, text };
  const lo = bound(m[2]!); if (lo !== undefined) r.min = lo;
  const hi = bound(m[3]!); if (hi !== undefined) r.max = hi;
  // a reversed range kept nothing, without a word
  if (r.min !== undefined && r.max !== undefined && r.min > r.max) throw new InputError(field, text, `min <= max ("${quantity}=min:max"; both in ${def.displayUnit} unless a unit is given)`);
  return r;
}

/** The record's own values of a quantity, canonical units (controls and comparisons excluded). */
export function ownValues(rec: LitRecord, quantity: string): number[] {
  // in the DFT sign where the review printed a binding energy positive (Figure.to_dft_sign)
  return rec.figures.filter((f) => f.quantity === quantity && isOwnFigure(f)).map((f) => (f.to_dft_sign ?? 1) * figureCanonical(f.quantity, f.value, f.unit));
}

/** Display value used for sorting and tables: the first own figure of that quantity. */
export function displayValue(rec: LitRecord, quantity: string): number | undefined {
  const f = rec.figures.find((x) => x.quantity === quantity && isOwnFigure(x));
  return f ? figureDisplay(f).value : undefined;
}

export function queryRecords(records: LitRecord[], q: LitQuery): LitRecord[] {
  // any case, as nucleation and anode-capacity take it ("li" was refused as "expected Li, Na or K")
  const metal = q.metal === undefined ? undefined : METALS.find((m) => m.toLowerCase() === q.metal!.trim().toLowerCase());
  if (q.metal !== undefined && metal === undefined) throw new InputError('--metal', q.metal, 'Li, Na or K');
  // an unknown architecture matched no record, without a word ("3d host" still matches "3D host")
  if (q.architecture !== undefined && !ARCHITECTURES.some((a) => a.toLowerCase() === q.architecture!.toLowerCase())) throw new InputError('--architecture', q.architecture, `one of ${ARCHITECTURES.join(', ')}`);
  // a symbol that is no element ("Xx", "Fe2") listed "0 of 18 records", as if no system used it
  if (q.sacElement !== undefined) {
    const sym = q.sacElement.trim();
    if (!ELEMENT_SYMBOLS.has(sym.charAt(0).toUpperCase() + sym.slice(1).toLowerCase())) throw new InputError('--sac-element', q.sacElement, 'an element symbol, e.g. Co');
  }
  let out = records.filter((r) => {
    if (metal && r.metal !== metal) return false;
    if (q.sacElement && !r.sac_elements.some((e) => e.toLowerCase() === q.sacElement!.toLowerCase())) return false;
    if (q.support && !r.support.toLowerCase().includes(q.support.toLowerCase())) return false;
    if (q.architecture && r.architecture.toLowerCase() !== q.architecture.toLowerCase()) return false;
    if (q.text) {
      const hay = [r.name, ...r.aliases, r.support, r.coordination ?? '', r.notes ?? ''].join(' ').toLowerCase();
      if (!hay.includes(q.text.toLowerCase())) return false;
    }
    for (const rg of q.ranges ?? []) {
      const vals = ownValues(r, rg.quantity);
      if (!vals.some((v) => (rg.min === undefined || v >= rg.min - 1e-12 * Math.abs(rg.min)) && (rg.max === undefined || v <= rg.max + 1e-12 * Math.abs(rg.max)))) return false;
    }
    return true;
  });
  if (q.sort) {
    const key = q.sort;
    const dir = q.descending ? -1 : 1;
    if (key === 'name' || key === 'metal' || key === 'id') {
      out = [...out].sort((a, b) => dir * String(a[key]).localeCompare(String(b[key])));
    } else {
      const qty = resolveQuantityKey(key);
      out = [...out].sort((a, b) => {
        const va = displayValue(a, qty);
        const vb = displayValue(b, qty);
        if (va === undefined && vb === undefined) return a.name.localeCompare(b.name);
        if (va === undefined) return 1; // records without the figure go last either way
        if (vb === undefined) return -1;
        return dir * (va - vb) || a.name.localeCompare(b.name);
      });
    }
  }
  return out;
}

/**
 * Finds a record by id, name or alias (case-insensitive); id before name before alias. A name (or
 * alias) two records share, e.g. a user's record named as the review's, is refused naming their ids
 * and sources: until loose9 the store's order picked one, the user's or the review's, without a word.
 * An alias that begins another record's name (`SAFe`: SAFeNi@LNCP's alias, and SAFe/CVRCS@3DPC) is refused naming both.
 * Its errors name the field `name`, as `lit show <name>` and showRecord(name) call it (until audit27 "record").
 */
export function findRecord(records: LitRecord[], key: string): LitRecord {
  const k = key.trim().toLowerCase();
  const byId = records.find((r) => r.id === k);
  if (byId) return byId;
  const byName = records.filter((r) => r.name.toLowerCase() === k);
  const hits = byName.length ? byName : records.filter((r) => r.aliases.some((a) => a.toLowerCase() === k));
  if (hits.length > 1) throw new InputError('name', key, `one record's id: ${hits.map((r) => `${r.id} (${sourceText(r)})`).join(', ')} share that ${byName.length ? 'name' : 'alias'}`);
  // an alias that begins another system's name is not taken as the alias's: until mends48 `lit show SAFe` was
  // SAFeNi@LNCP (whose Fe sites the review calls SAFe) with no word of SAFe/CVRCS@3DPC (as `ZnSA` and `SANi`). A record
  // named as the alias's own, or after it (a user's `SA-Co@HC (my cell)`), is taken as the same system, not another
  const begun = byName.length || !hits[0] ? [] : records.filter((r) => !r.name.toLowerCase().startsWith(hits[0]!.name.toLowerCase()) && r.name.toLowerCase().startsWith(k));
  if (begun.length) {
    throw new InputError('name', key, `one record's full name or id: it is an alias of ${hits[0]!.name} (${hits[0]!.id}) and begins the name of ${begun.map((r) => `${r.name} (${r.id})`).join(', ')}`);
  }
  // a near spelling named, as for a SAC site or host (review39: `lit show ZnSA-NC` listed the names only)
  if (!hits[0]) throw new InputError('name', key, `a system name or id; known: ${records.map((r) => r.name).join(', ')}${didYouMean(key.trim(), records.map((r) => r.name))}`);
  return hits[0];
}
