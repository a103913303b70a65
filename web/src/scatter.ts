/** Scatter plots with uPlot: groups of points (no lines), each group its own colour. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** hollow: the points drawn as rings (the Sweeps page's no-dip readings, placed at their axis's worst end: mends112) */
export interface PointGroup { label: string; x: number[]; y: number[]; color: string; hollow?: boolean }

const tickText = (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : String(Number(v.toPrecision(3)))));

/** uPlot's axis-title font (its default: bold, 12 px, the system face) at a size in CSS px */
const FACE = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
const labelFont = (px: number): string => `bold ${px}px ${FACE}`;
/** the sizes an axis title may take, largest first (web63b: a title set smaller rather than named by its key) */
const LABEL_SIZES = [12, 11, 10];
/** the y axis's tick column and the axis title's strip (uPlot's labelSize), and the x axis's height, in CSS px */
const Y_AXIS = 60, LABEL_STRIP = 30, X_AXIS = 50;

let measurer: CanvasRenderingContext2D | null | undefined;
/** a text's width in a font, in CSS px (0 where the page has no 2D canvas) */
function textWidth(text: string, font: string): number {
  if (measurer === undefined) measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) return 0;
  measurer.font = font;
  return measurer.measureText(text).width;
}

/** An axis title as drawn: its text and font (uPlot's labelFont) */
export interface AxisTitle { text: string; font: string }

/**
 * The first of an axis's titles, longest first, that fits the axis's length (with 8 px to spare at each end) at 12 px,
 * else at 11 or 10 px; else the last at 10 px, cut to fit with an ellipsis (the axis pickers above the plot name it
 * whole). web63: a title longer than the plot was cut at the canvas's edge ("SAC element sustainability score (0-1),
 * higher is b" up a 360 px plot); web63b: the fallback was the objective's key ("synthesis_energy_kWh_per_g (kWh/g)"
 * up the y axis), where "synthesis energy per g host (kWh/g)" fits at 11 px.
 */
export function fittingTitle(titles: string[], length: number): AxisTitle {
  const room = length - 16;
  for (const text of titles) for (const px of LABEL_SIZES) if (textWidth(text, labelFont(px)) <= room) return { text, font: labelFont(px) };
  const font = labelFont(LABEL_SIZES[LABEL_SIZES.length - 1]!);
  let text = titles[titles.length - 1] ?? '';
  while (text.length > 1 && textWidth(`${text}…`, font) > room) text = text.slice(0, -1);
  return { text: `${text.trimEnd()}…`, font };
}

export class ScatterPlot {
  private u: uPlot | undefined;
  readonly el: HTMLDivElement;
  readonly xLabel: string;
  readonly yLabel: string;
  private readonly xFont: string;
  private readonly yFont: string;

  /** xTitles, yTitles: each axis's titles, longest first; the plot takes the first that fits its axis (fittingTitle) */
  constructor(xTitles: string | string[], yTitles: string | string[], readonly width = 560, readonly height = 360) {
    this.el = document.createElement('div');
    this.el.className = 'plot';
    const list = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
    const x = fittingTitle(list(xTitles), width - Y_AXIS - LABEL_STRIP), y = fittingTitle(list(yTitles), height - X_AXIS - LABEL_STRIP);
    this.xLabel = x.text;
    this.yLabel = y.text;
    this.xFont = x.font;
    this.yFont = y.font;
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
      axes: [{ label: this.xLabel, labelFont: this.xFont, values: tickText }, { label: this.yLabel, labelFont: this.yFont, size: Y_AXIS, values: tickText }],
      cursor: { drag: { x: false, y: false } },
      // the groups' names and counts only (web63: a live legend put "Value: --" and "--" beside each, a cursor's
      // readings that a scatter plot never has, on two lines under the plot)
      legend: { live: false },
      series: [{}, ...usable.map((g) => ({ label: g.label, stroke: g.color, fill: g.color, paths: () => null, points: { show: true, size: 10, width: g.hollow ? 2 : 1, stroke: g.color, fill: g.hollow ? '#ffffff' : g.color } }))],
    }, data, this.el);
  }
}
