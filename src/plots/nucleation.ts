/**
 * The figure of `sacplate nucleation --plot DIR` (issue 15): the electrode's overpotential during
 * the first plating, one line per case, each case's nucleation peak ringed in its colour (its value
 * and time in the legend).
 *
 * The time axis is logarithmic by default: the peak comes in the first milliseconds and the
 * plateau over tens of seconds to minutes, so on a linear axis the peak is a vertical line at
 * t = 0 (measured on Na on carbon cloth: peak at 4.5 ms of a 2094 s run). The electrode stage
 * samples its trace log-spaced early (src/nucleation/electrode.ts), so the log axis has points all
 * along it. The t = 0 sample (eta 0 before any charge has passed) has no place on a log axis: it is
 * left out, and the axis title says so. `linear` keeps the earlier axis.
 */
import { lineSpec, PALETTE, type VegaLiteSpec } from './spec.js';
import { figureTextWidth } from './text-width.js';
import { temperatureText } from './temperature-text.js';

export type TimeAxis = 'log' | 'linear';

/** What the figure needs of one case's report (NucleationReport has these fields). */
export interface NucleationCurve {
  name: string;
  trace: readonly { t_s: number; eta_mV: number }[];
  peak_time_s: number;
  peak_overpotential_mV: number;
  nucleation_overpotential_mV: number;
  /** the temperature the case ran at (K); said on the figure as the table's heading says it (mends64) */
  temperature_K?: number;
}

/** A case has a peak to ring unless it is the metal's own foil (eta rises straight to its plateau: 0.0 mV). */
const hasPeak = (c: NucleationCurve): boolean => c.peak_time_s > 0 && Number.isFinite(c.peak_overpotential_mV) && c.nucleation_overpotential_mV >= 0.1;

/** a time to two digits, in ms below 1 s and in s from 1 s on */
/** a peak time in ms below 1 s, in s above, in plain digits (toPrecision gave "1.0e+3 ms" just under 1 s and "1.5e+2 s" from 100 s) */
const timeText = (t: number): string => {
  const [v, unit] = t < 0.9995 ? [t * 1e3, 'ms'] : [t, 's'];
  return `${v >= 100 ? v.toFixed(0) : v.toPrecision(2)} ${unit}`;
};

/** how close a curve must lie to an earlier one at every sample to be hidden under it: a share of the plot's largest
 * overpotential (0.5 %: 0.35 mV of a 70 mV peak, under 2 px of the 320 px plot, which a 1.3 px line covers) */
const HIDDEN_SHARE = 0.005;

/**
 * For each curve, the first earlier curve it lies within HIDDEN_SHARE of the largest overpotential of at every sample
 * (the earlier one read linearly between its samples, held at its ends outside them), and the largest difference; none
 * for the first curve and for one that parts from every earlier one somewhere.
 */
function hiddenUnder(curves: readonly NucleationCurve[]): ({ of: number; by_mV: number } | undefined)[] {
  const top = Math.max(0, ...curves.flatMap((c) => c.trace.map((p) => Math.abs(p.eta_mV)).filter(Number.isFinite)));
  const tol = HIDDEN_SHARE * top;
  const at = (c: NucleationCurve, t: number): number => {
    const tr = c.trace;
    if (t <= tr[0]!.t_s) return tr[0]!.eta_mV;
    if (t >= tr[tr.length - 1]!.t_s) return tr[tr.length - 1]!.eta_mV;
    let lo = 0, hi = tr.length - 1;
    while (hi - lo > 1) { const m = (lo + hi) >> 1; if (tr[m]!.t_s <= t) lo = m; else hi = m; }
    const a = tr[lo]!, b = tr[hi]!;
    return b.t_s === a.t_s ? b.eta_mV : a.eta_mV + ((b.eta_mV - a.eta_mV) * (t - a.t_s)) / (b.t_s - a.t_s);
  };
  return curves.map((c, i) => {
    if (!(tol > 0) || c.trace.length === 0) return undefined;
    for (let j = 0; j < i; j++) {
      const e = curves[j]!;
      if (e.trace.length === 0) continue;
      let by = 0;
      for (const p of c.trace) { by = Math.max(by, Math.abs(p.eta_mV - at(e, p.t_s))); if (!(by <= tol)) break; }
      if (by <= tol) return { of: j, by_mV: by };
    }
    return undefined;
  });
}

/** the plot's width unless a legend line needs more, and the most it widens to for one */
const PLOT_WIDTH = 560, MAX_PLOT_WIDTH = 900;
/** legend text size (spec.ts BASE_CONFIG) and what stands left of a label: the line symbol and its gap (16 px in Vega's SVG) */
const LEGEND_FONT = 11, LEGEND_SYMBOL = 16;

/**
 * A legend line within `max` px: the case name is shortened (its end replaced by "...") before the
 * peak's value and time, which stay whole. A name gets there past some 130 characters (900 px).
 */
function fitLabel(name: string, peak: string, max: number): string {
  const w = (t: string) => figureTextWidth(t, LEGEND_FONT);
  if (w(name + peak) <= max) return name + peak;
  let lo = 0, hi = name.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (w(name.slice(0, mid).trimEnd() + '\u2026' + peak) <= max) lo = mid;
    else hi = mid - 1;
  }
  return name.slice(0, lo).trimEnd() + '\u2026' + peak;
}

/**
 * `notes`: what the curves assume beyond the user's numbers (a SAC's wt% loading without its element),
 * one line each under the title, so that the figure says it where it is shown without the report.
 */
export function nucleationEtaSpec(curves: readonly NucleationCurve[], time: TimeAxis = 'log', notes: readonly string[] = []): VegaLiteSpec {
  const log = time === 'log';
  const colors = curves.map((_, i) => PALETTE[i % PALETTE.length]!);
  // the peak's value and time go into the legend, not beside the ring: the peaks of similar hosts lie a
  // few mV and tenths of a ms apart (58.7 and 57.7 mV at 3.9 ms in examples/nucleation-na.yaml), where labels overlap
  // The legend sits below the plot, one case a line, never cut by Vega (labelLimit 0: its cut took the
  // peak's number first, "peak 8..."); the plot is as wide as its widest line, from 560 px up to 900 px,
  // so that no blank band is left beside a narrow plot, and a longer line has its case name shortened.
  // a curve within a line's width of an earlier one everywhere lies under it: drawn dashed over it and said in the legend,
  // as compare's overlay does an identical trace (review64: two SACs of one's own 0.07 mV apart, the first's colour
  // in the legend and nowhere on the plot)
  const under = hiddenUnder(curves);
  // the temperature (mends64): one all the cases share goes under the title, as the table's heading; cases that differ
  // each say theirs in their legend line, as the table's column
  const temps = curves.map((c) => (c.temperature_K === undefined ? undefined : temperatureText(c.temperature_K)));
  const sharedT = temps.every((x) => x !== undefined && x === temps[0]) ? temps[0] : undefined;
  const perCaseT = sharedT === undefined && temps.some((x) => x !== undefined);
  const labels = curves.map((c, i) => fitLabel(c.name + (perCaseT && temps[i] !== undefined ? `, ${temps[i]}` : '') + (under[i] ? ` (dashed: ${under[i].by_mV === 0 ? 'identical to' : `within ${Number(under[i].by_mV.toPrecision(1))} mV of`} ${curves[under[i].of]!.name}${under[i].by_mV === 0 ? '' : ' throughout'})` : ''),
    hasPeak(c) ? `: peak ${c.peak_overpotential_mV.toFixed(1)} mV at ${timeText(c.peak_time_s)}` : '', MAX_PLOT_WIDTH - LEGEND_SYMBOL));
  const widest = Math.max(0, ...labels.map((l) => LEGEND_SYMBOL + figureTextWidth(l, LEGEND_FONT)));
  const width = Math.min(MAX_PLOT_WIDTH, Math.max(PLOT_WIDTH, Math.ceil(widest)));
  const spec = lineSpec({
    title: 'Electrode overpotential during the first plating (two-scale nucleation model)',
    xlabel: log ? 'time since the current was switched on (s, log scale; the t = 0 sample left out)' : 'time (s)',
    ylabel: 'overpotential (mV)',
    xLog: log,
    width,
    series: curves.map((c, i) => ({ name: labels[i]!, x: c.trace.map((p) => p.t_s), y: c.trace.map((p) => p.eta_mV), color: colors[i]!, ...(under[i] ? { dash: true } : {}) })),
    markers: curves.flatMap((c, i) => (hasPeak(c) ? [{ x: c.peak_time_s, y: c.peak_overpotential_mV, label: '', color: colors[i]! }] : [])),
  });
  const subtitle = [...(sharedT !== undefined ? [`temperature ${sharedT}`] : []), ...notes];
  if (subtitle.length) spec.title = { text: spec.title as string, subtitle, subtitleFontSize: 11 };
  const config = spec.config as { legend?: Record<string, unknown> };
  spec.config = { ...config, legend: { ...config.legend, orient: 'bottom', direction: 'vertical', columns: 1, labelLimit: 0 } };
  return spec;
}
