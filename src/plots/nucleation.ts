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

export type TimeAxis = 'log' | 'linear';

/** What the figure needs of one case's report (NucleationReport has these fields). */
export interface NucleationCurve {
  name: string;
  trace: readonly { t_s: number; eta_mV: number }[];
  peak_time_s: number;
  peak_overpotential_mV: number;
  nucleation_overpotential_mV: number;
}

/** A case has a peak to ring unless it is the metal's own foil (eta rises straight to its plateau: 0.0 mV). */
const hasPeak = (c: NucleationCurve): boolean => c.peak_time_s > 0 && Number.isFinite(c.peak_overpotential_mV) && c.nucleation_overpotential_mV >= 0.1;

/** a time to two digits, in ms below 1 s and in s from 1 s on */
/** a peak time in ms below 1 s, in s above, in plain digits (toPrecision gave "1.0e+3 ms" just under 1 s and "1.5e+2 s" from 100 s) */
const timeText = (t: number): string => {
  const [v, unit] = t < 0.9995 ? [t * 1e3, 'ms'] : [t, 's'];
  return `${v >= 100 ? v.toFixed(0) : v.toPrecision(2)} ${unit}`;
};

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
  const labels = curves.map((c) => fitLabel(c.name, hasPeak(c) ? `: peak ${c.peak_overpotential_mV.toFixed(1)} mV at ${timeText(c.peak_time_s)}` : '', MAX_PLOT_WIDTH - LEGEND_SYMBOL));
  const widest = Math.max(0, ...labels.map((l) => LEGEND_SYMBOL + figureTextWidth(l, LEGEND_FONT)));
  const width = Math.min(MAX_PLOT_WIDTH, Math.max(PLOT_WIDTH, Math.ceil(widest)));
  const spec = lineSpec({
    title: 'Electrode overpotential during the first plating (two-scale nucleation model)',
    xlabel: log ? 'time since the current was switched on (s, log scale; the t = 0 sample left out)' : 'time (s)',
    ylabel: 'overpotential (mV)',
    xLog: log,
    width,
    series: curves.map((c, i) => ({ name: labels[i]!, x: c.trace.map((p) => p.t_s), y: c.trace.map((p) => p.eta_mV), color: colors[i]! })),
    markers: curves.flatMap((c, i) => (hasPeak(c) ? [{ x: c.peak_time_s, y: c.peak_overpotential_mV, label: '', color: colors[i]! }] : [])),
  });
  if (notes.length) spec.title = { text: spec.title as string, subtitle: [...notes], subtitleFontSize: 11 };
  const config = spec.config as { legend?: Record<string, unknown> };
  spec.config = { ...config, legend: { ...config.legend, orient: 'bottom', direction: 'vertical', columns: 1, labelLimit: 0 } };
  return spec;
}
