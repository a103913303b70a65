/** Line plots with uPlot: several series, each with its own x values, on shared axes. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { monotonePieces } from '../../src/plots/thin';
import { axisTicks } from '../../src/server/page-readings';

export interface Series { label: string; x: (number | null)[]; y: (number | null)[]; color?: string; points?: boolean; dash?: number[] }

/** tick labels with three significant digits (capacities of 0.0005 mAh/cm2 stay readable) */
const tickText = (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : String(Number(v.toPrecision(3)))));

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/**
 * A plot's width in `box` (a panel on the page): its content width, at most `max` px and at least 200 px; `max` where the
 * box is not laid out (not on the page, hidden). webaudit64: the Cycler, Compare and Nucleation plots were a fixed
 * 620-640 px, wider than a phone's panel (at 390 px the Cycler page was 842 px wide, the Compare page's axis titles cut
 * at the panel's edge: "net plated charg").
 */
export function plotWidthIn(box: HTMLElement, max: number): number {
  if (!(box.clientWidth > 0)) return max;
  const css = getComputedStyle(box);
  const pad = (parseFloat(css.paddingLeft) || 0) + (parseFloat(css.paddingRight) || 0);
  return Math.max(200, Math.min(max, Math.floor(box.clientWidth - pad)));
}

export class LinePlot {
  private u: uPlot | undefined;
  private series: Series[] = [];
  readonly el: HTMLDivElement;
  /** what the plot says while it has no point (mends125: the Run page's plots say they wait for the first sampling window) */
  emptyText = 'no data yet';

  /** `logX`: a logarithmic time axis (the nucleation peak comes within a second of a run of minutes; x <= 0 is left out) */
  constructor(readonly xLabel: string, readonly yLabel: string, readonly width = 520, readonly height = 260, readonly logX = false) {
    this.el = document.createElement('div');
    this.el.className = 'plot';
    // what the plot shows, in words: its axis titles are drawn on its canvas, out of reach of a screen reader (and of a test)
    this.el.setAttribute('role', 'figure');
    this.el.setAttribute('aria-label', `${yLabel} against ${xLabel}`);
  }

  set(series: Series[]): void {
    this.series = series;
    this.draw();
  }

  /** number of points drawn in all series */
  get points(): number { return this.series.reduce((n, s) => n + s.x.length, 0); }

  private draw(): void {
    const usable = this.series.filter((s) => s.x.length > 0);
    this.el.dataset.points = String(this.points);
    this.u?.destroy();
    this.u = undefined;
    if (usable.length === 0) { this.el.textContent = this.emptyText; return; }
    this.el.textContent = '';
    // each series in the order of its points, cut where x turns (monotonePieces): uPlot draws a series with x rising,
    // and a plate and strip run against the net plated charge (which falls while stripping), sorted by x, was drawn as
    // a band between the plating and the stripping overpotential (review45); the pieces after a series' first share
    // its colour and are left out of the legend
    const pieces: { s: Series; i: number; first: boolean; table: uPlot.AlignedData }[] = [];
    usable.forEach((s, i) => {
      const pairs = s.x.map((x, k) => [x, s.y[k] ?? null] as const).filter(([x]) => x !== null && Number.isFinite(x) && (!this.logX || x > 0)) as [number, number | null][];
      monotonePieces(pairs.map((p) => p[0])).forEach((piece, j) => {
        const part = pairs.slice(piece.from, piece.to + 1).sort((a, b) => a[0] - b[0]);
        pieces.push({ s, i, first: j === 0, table: [part.map((p) => p[0]), part.map((p) => p[1])] as uPlot.AlignedData });
      });
    });
    this.el.dataset.pieces = usable.map((s) => pieces.filter((p) => p.s === s).length).join(',');
    if (pieces.length === 0) { this.el.textContent = this.emptyText; return; }
    const data = pieces.length === 1 ? pieces[0]!.table : uPlot.join(pieces.map((p) => p.table));
    // mends115 (review85 F9): the y range runs from a tick at or below the lowest value to one at or above the highest
    // (axisTicks), each labelled: a cell voltage down to -130 mV had no label below 0 (uPlot's ticks stopped at 0);
    // the ticks are on the element (data-y-ticks) for a reader of the page
    let yTicks: number[] = [];
    const yRange = (_u: uPlot, lo: number | null, hi: number | null): uPlot.Range.MinMax => {
      const t = axisTicks(lo, hi);
      yTicks = t.ticks;
      this.el.dataset.yTicks = t.ticks.join(',');
      return [t.min, t.max];
    };
    this.u = new uPlot({
      width: this.width, height: this.height,
      scales: { x: this.logX ? { time: false, distr: 3 } : { time: false }, y: { range: yRange } },
      axes: [{ label: this.xLabel, values: tickText }, { label: this.yLabel, size: 60, values: tickText, splits: () => yTicks }],
      // the x series named for its axis (webaudit64: uPlot's default, "Value: --", stood first in every legend)
      series: [{ label: this.xLabel }, ...pieces.map(({ s, i }) => ({ label: s.label, stroke: s.color ?? PALETTE[i % PALETTE.length], spanGaps: true, width: 1.5, points: s.points ? { show: true, size: 9 } : { show: false }, ...(s.dash ? { dash: s.dash } : {}) }))],
    }, data, this.el);
    // the legend names each series once (its row of the first piece)
    const rows = this.el.querySelectorAll<HTMLElement>('.u-legend .u-series');
    pieces.forEach((p, k) => { if (!p.first) rows[k + 1]?.style.setProperty('display', 'none'); });
  }
}
