/**
 * How a comparison's variant changes its base (`compare`, src/input/parse.ts parseCompareInput; mends95). A variant is
 * "the base with these changes": a block both give as a map (`cell`, `lattice`, `kinetics`, `electrochem` and its
 * `counter`, `output`, `electrolyte`, `sei`) is merged key by key, at every depth, as PyBaMM's
 * `ParameterValues.update` and JSON Merge Patch (RFC 7396) do, and `null` inside such a block removes the base's key
 * (its default again). `parameters` is merged by kind (`metals`, `hosts`, `sacs`), a set of the same name replaced
 * whole, as a screen's candidates merge theirs (src/screen/spec.ts candidateInput): a set is one definition. Lists
 * (`sacs`, `protocol`, `lattice.size`) and text (`sei: carbonate`, a `parameters` file) replace the base's, and so does
 * a map given over text or text over a map, but for `sei`: a map over a named set (`sei: ether`) is `{ set: ether, ...the
 * map }`, the SEI schema's form of a set with changes (mends97; until then it ran the carbonate set a map without `set`
 * takes). At the top, a variant's `null` is kept as its value (`sei: null`: no SEI).
 * Until mends95 every key replaced the base's whole (shallow), so a variant `cell: { space_charge: chazalviel }` ran
 * behind the default 25 um separator, not the base's 500 um diffusion layer, without a word (review76).
 */

import { parseQuantity, type KindName } from '../units.js';
import { DEFAULT_INLINE_EPS_R } from '../params/electrolytes.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** the run keys whose sets are replaced whole below their kind (`parameters.sacs.NAME`) */
const SET_BLOCKS = new Set(['parameters']);

function mergeMaps(base: Obj, over: Obj, depth: number): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) { delete out[k]; continue; }
    const b = base[k];
    out[k] = depth > 1 && isObj(b) && isObj(v) ? mergeMaps(b, v, depth - 1) : v;
  }
  return out;
}

/** The run a variant's keys `over` make of `base` (neither changed). */
export function mergeVariant(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    out[k] = isObj(b) && isObj(v) ? mergeMaps(b, v, SET_BLOCKS.has(k) ? 2 : Infinity)
      // a map over a named SEI set is that set with the map's changes: `sei: ether` is `sei: { set: ether }` (src/input/sei.ts
      // reads the set's name, or an electrolyte's, by one function in both forms), so the merge is that map's (mends97)
      : k === 'sei' && typeof b === 'string' && isObj(v) ? mergeMaps({ set: b }, v, Infinity)
      : v;
    if (k === 'electrolyte' && isObj(b) && isObj(v)) out[k] = labelChanged(b, v, out[k] as Obj);
  }
  return out;
}

/**
 * An inline electrolyte merged from the base's and a variant's maps (mends96; mends95 left it): unless the variant names
 * it (its own `name`), it is labelled `<the base's name> (changed: <keys>)`, the keys whose value the variant gave
 * otherwise than the base (as quantities in SI since mends97: "1000 mol/m3" is "1 M"; sameElectrolyteValue), so that the printed electrolyte line,
 * metrics.json's `transport.electrolyte` and the workbench's electrolyte column do not name the base's set for other
 * values. A key the base leaves out is compared with the value its run takes (the permittivity's default; mends98). The base's name is `inline` where it gives none (src/input/transport.ts); a base name that is not text is left
 * for the run's reader to refuse.
 */
function labelChanged(base: Obj, over: Obj, merged: Obj): Obj {
  if ('name' in over || (base.name !== undefined && typeof base.name !== 'string')) return merged;
  const changed = Object.keys(over).filter((k) => !sameElectrolyteValue(k, base[k], over[k]));
  return changed.length ? { ...merged, name: `${(base.name as string | undefined) ?? 'inline'} (changed: ${changed.join(', ')})` } : merged;
}

/** an inline electrolyte's quantity keys and their kinds (src/input/transport.ts inlineElectrolyte reads them so) */
const ELECTROLYTE_KINDS: Readonly<Record<string, KindName>> = { concentration: 'concentration', diffusivity: 'diffusivity', transference: 'fraction', conductivity: 'conductivity' };

/** an inline electrolyte's value in SI (the permittivity a plain number), or undefined where it does not read (the run's reader refuses it) */
function electrolyteSI(key: string, v: unknown): number | undefined {
  if (key === 'permittivity') {
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(x) ? x : undefined;
  }
  const kind = ELECTROLYTE_KINDS[key];
  if (kind === undefined) return undefined;
  try { return parseQuantity(`electrolyte.${key}`, v, kind); } catch { return undefined; }
}

/**
 * An inline electrolyte's value of a key as its run resolves it where the map leaves it out (absent, or `null` in a
 * variant, which removes it): the permittivity's default, DEFAULT_INLINE_EPS_R (src/input/transport.ts inlineElectrolyte);
 * the other keys have none (the conductivity is then absent from the run, the rest are required), so undefined.
 */
function resolvedElectrolyteValue(key: string, v: unknown): unknown {
  return v === undefined || v === null ? (key === 'permittivity' ? DEFAULT_INLINE_EPS_R : undefined) : v;
}

/**
 * Whether a variant's value of an inline electrolyte's key is the base's: the same quantity in SI (to 1e-12 relative,
 * the unit conversions' round-off: `1000 mol/m3` is `1 M`, `3e-10 m2/s` is `3e-6 cm2/s`; mends97, mends96 compared the
 * text), else (a name, a value that does not read) the same as written. A key either leaves out (absent, `null`) is its
 * resolved value (resolvedElectrolyteValue: `permittivity: 20` under a base without one is no change; mends98, mends97
 * counted it as one), and a key both leave out is the same.
 */
function sameElectrolyteValue(key: string, base0: unknown, over0: unknown): boolean {
  const base = resolvedElectrolyteValue(key, base0), over = resolvedElectrolyteValue(key, over0);
  if (base === undefined && over === undefined) return true;
  const a = electrolyteSI(key, base), b = electrolyteSI(key, over);
  if (a !== undefined && b !== undefined) return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(over) === JSON.stringify(base);
}

/**
 * Whether the value at an error's field (`cell.diffusion_layer`, `sacs[0].loading`) is the variant's own (it wrote it,
 * or a list or text of its own holds it) rather than the base's, which the merge kept.
 */
export function variantGave(over: Obj, field: string): boolean {
  const parts = field.split(/[.[\]]/).filter((p) => p !== '');
  let cur: unknown = over;
  for (const p of parts) {
    if (!isObj(cur)) return true; // a list or text of the variant's: all of it is the variant's
    if (!(p in cur)) return false;
    cur = cur[p];
  }
  return true;
}
