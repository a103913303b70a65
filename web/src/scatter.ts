/** Scatter plots with uPlot: groups of points (no lines), each group its own colour. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** hollow: the points drawn as rings (the Sweeps page's no-dip readings, placed at their axis's worst end: mends112) */
export interface PointGroup { label: string; x: number[]; y: number[]; color: string; hollow?: boolean }

const tickText = (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : String(Number(v.toPrecision(3)))));

/** uPlot's axis-title font (its default: bold, 12 px, the system face) */
const LABEL_FONT = 'bold 12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
/** the y axis's tick column and the axis title's strip (uPlot's labelSize), and the x axis's height, in CSS px */
const Y_AXIS = 60, LABEL_STRIP = 30, X_AXIS = 50;

let measurer: CanvasRenderingContext2D | null | undefined;
/** a text's width in the axis-title font, in CSS px (0 where the page has no 2D canvas) */
function labelWidth(text: string): number {
  if (measurer === undefined) { measurer = document.createElement('canvas').getContext('2d'); if (measurer) measurer.font = LABEL_FONT; }
  return measurer ? measurer.measureText(text).width : 0;
}

/**
 * The first of an axis's titles, longest first, that fits the axis's length (with 8 px to spare at each end), else the
 * last. web63: a title longer than the plot was cut at the canvas's edge ("SAC element sustainability score (0-1),
 * higher is b" up a 360 px plot).
 */
export function fittingLabel(titles: string[], length: number): string {
  return titles.find((t) => labelWidth(t) <= length - 16) ?? titles[titles.length - 1] ?? '';
}

export class ScatterPlot {
  private u: uPlot | undefined;
  readonly el: HTMLDivElement;
  readonly xLabel: string;
  readonly yLabel: string;

  /** xTitles, yTitles: each axis's titles, longest first; the plot takes the first that fits its axis (fittingLabel) */
  constructor(xTitles: string | string[], yTitles: string | string[], readonly width = 560, readonly height = 360) {
    this.el = document.createElement('div');
    this.el.className = 'plot';
    const list = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
    this.xLabel = fittingLabel(list(xTitles), width - Y_AXIS - LABEL_STRIP);
    this.yLabel = fittingLabel(list(yTitles), height - X_AXIS - LABEL_STRIP);
    this.el.dataset.xLabel = this.xLabel;
    this.el.dataset.yLabel = this.yLabel;
  }

  set(groups: PointGroup[]): void {
    this.u?.destroy();
    this.u = undefined;
    const usable = groups.filter((g) => g.x.length > 0);
    const n = usable.reduce((s, g) => s + g.x.length, 0);
    this.el.dataset.points = String(n);
    if (n === 0) { this.el.textContent = 'no points with both values'; return; }
    this.el.textContent = '';
    const tables = usable.map((g) => {
      const pairs = g.x.map((x, i) => [x, g.y[i]!] as const).sort((a, b) => a[0] - b[0]);
      return [pairs.map((p) => p[0]), pairs.map((p) => p[1])] as uPlot.AlignedData;
    });
    const data = tables.length === 1 ? tables[0]! : uPlot.join(tables);
    // a little room around the points, so none sits on the frame
    const pad = (vs: number[]): [number, number] => {
      const lo = Math.min(...vs), hi = Math.max(...vs), d = (hi - lo || Math.abs(hi) || 1) * 0.08;
      return [lo - d, hi + d];
    };
    const xr = pad(usable.flatMap((g) => g.x)), yr = pad(usable.flatMap((g) => g.y));
    this.u = new uPlot({
      width: this.width, height: this.height,
      scales: { x: { time: false, range: () => xr }, y: { range: () => yr } },
      axes: [{ label: this.xLabel, values: tickText }, { label: this.yLabel, size: Y_AXIS, values: tickText }],
      cursor: { drag: { x: false, y: false } },
      // the groups' names and counts only (web63: a live legend put "Value: --" and "--" beside each, a cursor's
      // readings that a scatter plot never has, on two lines under the plot)
      legend: { live: false },
      series: [{}, ...usable.map((g) => ({ label: g.label, stroke: g.color, fill: g.color, paths: () => null, points: { show: true, size: 10, width: g.hollow ? 2 : 1, stroke: g.color, fill: g.hollow ? '#ffffff' : g.color } }))],
    }, data, this.el);
  }
}
