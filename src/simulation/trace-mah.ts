/**
 * The running Simulation's trace column charge_mAh_per_cm2 (simulation.ts liveTrace), derived from charge_C_per_cm2 and
 * kept while that column is unchanged: mends66 (closing note 65 left it). Until then each read built a new array of the
 * whole column, so a loop indexing it row by row (`for (i ...) trace.charge_mAh_per_cm2[i]`) took time quadratic in the
 * rows. Now a read returns the array of the last read while the C/cm2 column is the same array with the same length and
 * the engine has not edited it in place (a pulse's rest thinning splices rows, a checkpoint's restore writes rows back:
 * each calls traceRowsEdited); a new row gives a new array. The array is frozen: it is shared by the reads, and a caller
 * that changed it would change what the next read says (copy it to change it). An edit a script makes in place in
 * charge_C_per_cm2 itself without changing its length is not seen (the trace's columns are the engine's record: edit a copy).
 */
import { C_PER_MAH } from '../units.js';

const cache = new WeakMap<object, { src: number[]; len: number; out: readonly number[] }>();

/** charge_C_per_cm2 / 3.6, the array of the last read while the column is unchanged (frozen). */
export function chargeMAhColumn(tr: { charge_C_per_cm2: number[] }): number[] {
  const src = tr.charge_C_per_cm2;
  const c = cache.get(tr);
  if (c !== undefined && c.src === src && c.len === src.length) return c.out as number[];
  const out = Object.freeze(Array.from(src, (q) => q / C_PER_MAH));
  cache.set(tr, { src, len: src.length, out });
  return out as number[];
}

/** The engine edited `tr`'s rows in place (spliced, written back): the next read of charge_mAh_per_cm2 derives it again. */
export function traceRowsEdited(tr: object): void {
  cache.delete(tr);
}
