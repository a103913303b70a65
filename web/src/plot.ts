/** Line plots with uPlot: several series, each with its own x values, on shared axes. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series { label: string; x: (number | null)[]; y: (number | null)[]; color?: string; points?: boolean; dash?: number[] }

/** tick labels with three significant digits (capacities of 0.0005 mAh/cm2 stay readable) */
const tickText = (_u: uPlot, splits: number[]) => splits.map((v) => (v === null || v === undefined ? '' : String(Number(v.toPrecision(3)))));

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export class LinePlot {
  private u: uPlot | undefined;
  private series: Series[] = [];
  readonly el: HTMLDivElement;

  /** `logX`: a logarithmic time axis (the nucleation peak comes within a second of a run of minutes; x <= 0 is left out) */
  constructor(readonly xLabel: string, readonly yLabel: string, readonly width = 520, readonly height = 260, readonly logX = false) {
    this.el = document.createElement('div');
    this.el.className = 'plot';
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
    if (usable.length === 0) { this.el.textContent = 'no data yet'; return; }
    this.el.textContent = '';
    const tables = usable.map((s) => {
      const pairs = s.x.map((x, i) => [x, s.y[i]] as const).filter(([x]) => x !== null && Number.isFinite(x) && (!this.logX || x > 0)) as [number, number | null][];
      pairs.sort((a, b) => a[0] - b[0]);
      return [pairs.map((p) => p[0]), pairs.map((p) => p[1])] as uPlot.AlignedData;
    });
    const data = tables.length === 1 ? tables[0]! : uPlot.join(tables);
    this.u = new uPlot({
      width: this.width, height: this.height,
      scales: { x: this.logX ? { time: false, distr: 3 } : { time: false } },
      axes: [{ label: this.xLabel, values: tickText }, { label: this.yLabel, size: 60, values: tickText }],
      series: [{}, ...usable.map((s, i) => ({ label: s.label, stroke: s.color ?? PALETTE[i % PALETTE.length], spanGaps: true, width: 1.5, points: s.points ? { show: true, size: 9 } : { show: false }, ...(s.dash ? { dash: s.dash } : {}) }))],
    }, data, this.el);
  }
}
