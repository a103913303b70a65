/**
 * How charges read from a file's own capacity columns are printed (the capacity check's repair, report.json's
 * `capacity_resolution_mAh`): to the digits those columns' print step resolves, CE and retention to their uncertainty's first
 * digit (each charge +-half a step). Shared by `sacplate analyze` (report.ts, its Li||Cu and full-cell tables, mends108) and
 * the workbench's Cycler page (web/src/pages/cycler.ts: it printed the SINTEF BDF file's CE as 0.5079 from 0.1 mAh columns
 * until mends109). No Node imports: the web page bundles this file.
 */

/** the decimals a value known to +-u resolves: to its uncertainty's first significant digit, from 0 to `max` (`max` when u is not known) */
export function decimalsFor(u: number | undefined, max: number): number {
  if (u === undefined || !(u > 0) || !Number.isFinite(u)) return max;
  return Math.max(0, Math.min(max, -Math.floor(Math.log10(u))));
}

/**
 * A charge read from capacity columns of print step `res` mAh (undefined: not read from them), to the decimals that step
 * resolves, at most `max`; per area or per gram with `per` the area (cm2) or the mass (g), the step then `res / per`.
 * `none` for no value.
 */
export function chargeText(v: number | undefined, res: number | undefined, max: number, per = 1, none = '-'): string {
  if (v === undefined || !Number.isFinite(v)) return none;
  return v.toFixed(decimalsFor(res === undefined ? undefined : res / per, max));
}

/**
 * A ratio `v` of two charges `a` and `b` read from capacity columns of print step `res` (mAh; each charge +-res/2), to the
 * digits it resolves, at most 4: the SINTEF BDF file's CE 3.2 / 6.3 mAh printed 0.5079 where it is known to +-0.012
 * (review83). Without `res`, 4 decimals. `none` for no value.
 */
export function ratioText(v: number | undefined, a: number, b: number, res: number | undefined, none = '-'): string {
  if (v === undefined || !Number.isFinite(v)) return none;
  if (res === undefined) return v.toFixed(4);
  return v.toFixed(decimalsFor(Math.abs(v) * (res / 2 / a + res / 2 / b), 4));
}

/** A full-cell cycle's CE and retention (against `fc.reference_cycle`'s discharge) as the table prints them. */
export function fullcellRatioTexts(
  fc: { cycles: readonly { cycle: number; q_out_mAh: number }[]; reference_cycle: number },
  c: { ce: number; retention: number; q_in_mAh: number; q_out_mAh: number },
  res: number | undefined, none = '-',
): [ce: string, retention: string] {
  const refOut = fc.cycles.find((x) => x.cycle === fc.reference_cycle)?.q_out_mAh;
  return [ratioText(c.ce, c.q_in_mAh, c.q_out_mAh, res, none), ratioText(c.retention, c.q_out_mAh, refOut ?? NaN, res, none)];
}

/** The line the Cycler page shows above a CE table whose charges come from the file's capacity columns of print step `res` mAh. */
export function resolutionNote(res: number): string {
  return `charges from the file's capacity columns, printed to ${res} mAh: charges, CE and retention are shown to the digits that resolves (each charge +-${+(res / 2).toPrecision(1)} mAh; report.json keeps every digit)`;
}
