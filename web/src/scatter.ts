/** Scatter plots with uPlot: groups of points (no lines), each group its own colour. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** hollow: the points drawn as rings (the Sweeps page's no-dip readings, placed at their axis's worst end: mends112) */
export interface PointGroup { label: string; x: number[]; y: number[]; color: string; hollow?: boolean }

const tickText = (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : String(Number(v.toPrecision(3)))));

export class ScatterPlot {
  private u: uPlot | undefined;
  readonly el: HTMLDivElement;

  constructor(readonly xLabel: string, readonly yLabel: string, readonly width = 560, readonly height = 360) {
    this.el = document.createElement('div');
    this.el.className = 'plot';
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
      axes: [{ label: this.xLabel, values: tickText }, { label: this.yLabel, size: 60, values: tickText }],
      cursor: { drag: { x: false, y: false } },
      series: [{}, ...usable.map((g) => ({ label: g.label, stroke: g.color, fill: g.color, paths: () => null, points: { show: true, size: 10, width: g.hollow ? 2 : 1, stroke: g.color, fill: g.hollow ? '#ffffff' : g.color } }))],
    }, data, this.el);
  }
}
