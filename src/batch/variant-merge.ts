/**
 * How a comparison's variant changes its base (`compare`, src/input/parse.ts parseCompareInput; mends95). A variant is
 * "the base with these changes": a block both give as a map (`cell`, `lattice`, `kinetics`, `electrochem` and its
 * `counter`, `output`, `electrolyte`, `sei`) is merged key by key, at every depth, as PyBaMM's
 * `ParameterValues.update` and JSON Merge Patch (RFC 7396) do, and `null` inside such a block removes the base's key
 * (its default again). `parameters` is merged by kind (`metals`, `hosts`, `sacs`), a set of the same name replaced
 * whole, as a screen's candidates merge theirs (src/screen/spec.ts candidateInput): a set is one definition. Lists
 * (`sacs`, `protocol`, `lattice.size`) and text (`sei: carbonate`, a `parameters` file) replace the base's, and so does
 * a map given over text or text over a map. At the top, a variant's `null` is kept as its value (`sei: null`: no SEI).
 * Until mends95 every key replaced the base's whole (shallow), so a variant `cell: { space_charge: chazalviel }` ran
 * behind the default 25 um separator, not the base's 500 um diffusion layer, without a word (review76).
 */

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
    out[k] = isObj(b) && isObj(v) ? mergeMaps(b, v, SET_BLOCKS.has(k) ? 2 : Infinity) : v;
    if (k === 'electrolyte' && isObj(b) && isObj(v)) out[k] = labelChanged(b, v, out[k] as Obj);
  }
  return out;
}

/**
 * An inline electrolyte merged from the base's and a variant's maps (mends96; mends95 left it): unless the variant names
 * it (its own `name`), it is labelled `<the base's name> (changed: <keys>)`, the keys whose value the variant gave
 * otherwise than the base (as written: "1 M" and "1000 mol/m3" count as a change), so that the printed electrolyte line,
 * metrics.json's `transport.electrolyte` and the workbench's electrolyte column do not name the base's set for other
 * values. The base's name is `inline` where it gives none (src/input/transport.ts); a base name that is not text is left
 * for the run's reader to refuse.
 */
function labelChanged(base: Obj, over: Obj, merged: Obj): Obj {
  if ('name' in over || (base.name !== undefined && typeof base.name !== 'string')) return merged;
  const changed = Object.keys(over).filter((k) => JSON.stringify(over[k]) !== JSON.stringify(base[k]));
  return changed.length ? { ...merged, name: `${(base.name as string | undefined) ?? 'inline'} (changed: ${changed.join(', ')})` } : merged;
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
