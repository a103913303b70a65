// Nice axis ticks shared by the workbench pages (through src/server/page-readings.ts) and the screen report's pareto.svg.
/**
 * A plot's y axis (mends115, review85 F9: the cell-voltage plot of a plate + strip run had no tick label below 0 though
 * its trace went to -130 mV: uPlot's ticks at 0, 200, 400 ... left the range's bottom unlabelled): ticks a nice step
 * apart (1, 2 or 5 x 10^k, about `count` of them) from a multiple of the step at or below `min` to one at or above `max`,
 * so that each end of the trace has a labelled tick beyond it (a trace below 0 a negative one). The range is the first
 * and last tick; a flat or empty trace gets a range around its value (or 0 to 1).
 */
export function axisTicks(min: number | null | undefined, max: number | null | undefined, count = 5): { min: number; max: number; ticks: number[] } {
  let lo = typeof min === 'number' && Number.isFinite(min) ? min : undefined;
  let hi = typeof max === 'number' && Number.isFinite(max) ? max : undefined;
  if (lo === undefined || hi === undefined) {
    if (lo === undefined && hi === undefined) { lo = 0; hi = 1; } else { lo = lo ?? hi!; hi = hi ?? lo; }
  }
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) { const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1; lo -= pad; hi += pad; }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw * (1 - 1e-9))) ?? 10 * mag;
  const clean = (x: number) => Number(x.toPrecision(12));
  const first = Math.floor(clean(lo / step)), last = Math.ceil(clean(hi / step));
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(clean(k * step) || 0);
  return { min: ticks[0]!, max: ticks.at(-1)!, ticks };
}
