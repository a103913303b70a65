/**
 * Plot specifications as Vega-Lite (https://vega.github.io/vega-lite/): plain JSON objects, so
 * the same figure is rendered to SVG/PNG here (render.ts) and can be shown live by the web
 * workbench. Builders for the three kinds of figure the project draws: line/point plots with
 * marked points and horizontal reference lines, phase maps (a cross-section of voxel classes),
 * and heat maps (a height field). Long series are thinned to the min/max envelope per pixel column.
 */
import { thin } from './thin.js';

/** A Vega-Lite top-level spec (kept as plain JSON: the builders below fix its shape). */
export type VegaLiteSpec = Record<string, unknown> & { $schema: string };

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  mode?: 'line' | 'points';
  /**
   * drawn dashed (a line series; compare's overlay: a trace identical to an earlier one, drawn over it): true is a 6-4
   * dash; a list is its own pattern (mends65: compare's cycles figure dots a twin over a line that is itself dashed)
   */
  dash?: boolean | number[];
  /**
   * its legend symbol a ring, not a line's stroke (mends70c): a one-point line series that names a marker's ring (analyze's
   * peak: the line draws nothing, the ring marks the point, and the legend showed a line for it)
   */
  legendRing?: boolean;
}
/** A marked point with its label (e.g. the nucleation peak); an empty label rings the point without text. */
export interface Marker { x: number; y: number; label: string; color?: string }
/** A horizontal reference line with its label (e.g. the plateau). */
export interface HLine { y: number; label: string; color?: string }
export interface PlotSpec {
  title: string;
  xlabel: string;
  ylabel: string;
  series: Series[];
  markers?: Marker[];
  hlines?: HLine[];
  width?: number;
  height?: number;
  /** the y axis spans at least this much (a CE of 99.9999999 % must not fill the plot with noise) */
  yMinSpan?: number;
  /**
   * the y axis starts no lower than this (a share in % cannot be below 0: cycaudit64, a run with no dead metal drew its
   * dead-metal axis from -0.5 to 0.5 %, yMinSpan's window centred on 0); a window yMinSpan widens starts here instead
   */
  yFloor?: number;
  /** x values are whole numbers (cycles): integer ticks */
  xIntegers?: boolean;
  /**
   * a logarithmic x axis (a nucleation peak in the first milliseconds of a run of minutes is a
   * vertical line at 0 on a linear one); samples and markers at x <= 0 are left out, which the
   * caller says in `xlabel`
   */
  xLog?: boolean;
}

const BASE_CONFIG = {
  font: 'DejaVu Sans',
  background: 'white',
  view: { stroke: '#333' },
  axis: { grid: true, gridColor: '#e6e6e6', labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right', labelLimit: 360 },
  title: { fontSize: 14, fontWeight: 'normal', anchor: 'start' },
};

const finite = (v: number): boolean => Number.isFinite(v);

/** A line legend whose entries for `rings` are unfilled circles drawn as the markers' rings (the others a line's stroke). */
function ringLegend(rings: string[]): Record<string, unknown> {
  const test = `indexof(${JSON.stringify(rings)}, datum.value) >= 0`;
  return { encode: { symbols: { update: { shape: [{ test, value: 'circle' }, { value: 'stroke' }], fill: { value: 'transparent' } } } } };
}

/** Line/point plot: one colour per series, markers as labelled rings, hlines as dashed rules. */
export function lineSpec(p: PlotSpec): VegaLiteSpec {
  const W = p.width ?? 560, H = p.height ?? 320;
  const rows: { x: number; y: number; series: string; order: number }[] = [];
  const names = p.series.map((s) => s.name);
  const colors = p.series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!);
  p.series.forEach((s) => {
    const d = thin(s.x, s.y, Math.max(200, W));
    for (let k = 0; k < d.x.length; k++) {
      if (finite(d.x[k]!) && finite(d.y[k]!) && (!p.xLog || d.x[k]! > 0)) rows.push({ x: d.x[k]!, y: d.y[k]!, series: s.name, order: k });
    }
  });
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: colors }, sort: names };
  const onlyPoints = p.series.length > 0 && p.series.every((s) => s.mode === 'points');
  const x = { field: 'x', type: 'quantitative', title: p.xlabel, scale: { ...(p.xLog ? { type: 'log' } : { zero: false }), nice: false, ...(onlyPoints ? { padding: 12 } : {}) }, ...(p.xIntegers ? { axis: { tickMinStep: 1, format: 'd' } } : {}) };
  const yScale: Record<string, unknown> = { zero: false };
  if (p.yMinSpan !== undefined && rows.length > 0) {
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) { if (r.y < lo) lo = r.y; if (r.y > hi) hi = r.y; }
    if (hi - lo < p.yMinSpan) {
      const mid = (hi + lo) / 2;
      let d0 = mid - p.yMinSpan / 2;
      if (p.yFloor !== undefined && d0 < p.yFloor && lo >= p.yFloor) d0 = p.yFloor;
      yScale.domain = [d0, d0 + p.yMinSpan];
    }
  }
  const y = { field: 'y', type: 'quantitative', title: p.ylabel, scale: yScale };
  const layer: Record<string, unknown>[] = [];
  const lines = p.series.filter((s) => (s.mode ?? 'line') === 'line').map((s) => s.name);
  const points = p.series.filter((s) => s.mode === 'points').map((s) => s.name);
  const rings = p.series.filter((s) => s.legendRing && (s.mode ?? 'line') === 'line').map((s) => s.name);
  if (lines.length) layer.push({
    transform: [{ filter: { field: 'series', oneOf: lines } }],
    mark: { type: 'line', strokeWidth: 1.3, clip: true },
    encoding: { x, y, color: rings.length ? { ...color, legend: ringLegend(rings) } : color, order: { field: 'order', type: 'quantitative' }, detail: { field: 'series' },
      // dashed series (mends104): a strokeDash scale by series, no legend of its own (the colour's names say it); none without one
      ...(p.series.some((s) => s.dash) ? { strokeDash: { field: 'series', type: 'nominal', legend: null, scale: { domain: names, range: p.series.map((s) => (Array.isArray(s.dash) ? s.dash : s.dash ? [6, 4] : [1, 0])) } } } : {}) },
  });
  if (points.length) layer.push({
    transform: [{ filter: { field: 'series', oneOf: points } }],
    mark: { type: 'point', filled: true, size: 30 },
    encoding: { x, y, color },
  });
  const marks = (p.markers ?? []).filter((m) => finite(m.x) && finite(m.y) && (!p.xLog || m.x > 0));
  if (marks.length) {
    const data = { values: marks.map((m) => ({ x: m.x, y: m.y, label: m.label, c: m.color ?? 'black' })) };
    layer.push({ data, mark: { type: 'point', shape: 'circle', size: 120, strokeWidth: 2, filled: false },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'c', type: 'nominal', scale: null } } });
    if (marks.some((m) => m.label !== '')) layer.push({ data: { values: data.values.filter((v) => v.label !== '') }, mark: { type: 'text', align: 'left', dx: 9, dy: -9, fontSize: 11 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' }, color: { field: 'c', type: 'nominal', scale: null } } });
  }
  const hl = (p.hlines ?? []).filter((h) => finite(h.y));
  if (hl.length) {
    const data = { values: hl.map((h) => ({ y: h.y, label: h.label, c: h.color ?? '#555' })) };
    layer.push({ data, mark: { type: 'rule', strokeDash: [6, 4] },
      encoding: { y: { field: 'y', type: 'quantitative' }, color: { field: 'c', type: 'nominal', scale: null } } });
    layer.push({ data, mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11 },
      encoding: { x: { value: W - 4 }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' }, color: { field: 'c', type: 'nominal', scale: null } } });
  }
  if (layer.length === 0) layer.push({ mark: 'point', encoding: { x, y } });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: p.title, width: W, height: H,
    data: { values: rows },
    layer,
    resolve: { scale: { color: 'independent' } },
    config: BASE_CONFIG,
    usermeta: { sacplate: { kind: 'line', series: names } },
  };
}

/** One rectangle of a phase map: [x0, x1) x [y0, y1) in axis units, and its class. */
export interface PhaseRect { x0: number; x1: number; y0: number; y1: number; phase: string }

/** A cross-section: rectangles coloured by class (fixed colours, a legend of the classes present). */
export function phaseMapSpec(p: {
  title: string; subtitle?: string; xlabel: string; ylabel: string; rects: PhaseRect[];
  classes: { name: string; color: string }[]; xDomain: [number, number]; yDomain: [number, number];
  width?: number; height?: number;
}): VegaLiteSpec {
  const W = p.width ?? 560;
  const aspect = (p.yDomain[1] - p.yDomain[0]) / (p.xDomain[1] - p.xDomain[0]);
  const H = p.height ?? Math.max(160, Math.min(560, Math.round(W * aspect)));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: p.subtitle ? { text: p.title, subtitle: p.subtitle } : p.title, width: W, height: H,
    data: { values: p.rects },
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: { field: 'x0', type: 'quantitative', title: p.xlabel, scale: { domain: p.xDomain, nice: false, zero: false } },
      x2: { field: 'x1' },
      y: { field: 'y0', type: 'quantitative', title: p.ylabel, scale: { domain: p.yDomain, nice: false, zero: false } },
      y2: { field: 'y1' },
      color: { field: 'phase', type: 'nominal', title: null, scale: { domain: p.classes.map((c) => c.name), range: p.classes.map((c) => c.color) } },
    },
    config: { ...BASE_CONFIG, axis: { ...BASE_CONFIG.axis, grid: false } },
    usermeta: { sacplate: { kind: 'phase-map', classes: p.classes.map((c) => c.name) } },
  };
}

/** A heat map on a regular grid: cells of size dx x dy at (x, y) with a value. */
export function heatmapSpec(p: {
  title: string; xlabel: string; ylabel: string; valueTitle: string;
  cells: { x: number; y: number; v: number }[]; dx: number; dy: number;
  xDomain: [number, number]; yDomain: [number, number]; width?: number;
}): VegaLiteSpec {
  const W = p.width ?? 420;
  const H = Math.max(120, Math.min(560, Math.round(W * (p.yDomain[1] - p.yDomain[0]) / (p.xDomain[1] - p.xDomain[0]))));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: p.title, width: W, height: H,
    data: { values: p.cells },
    transform: [{ calculate: `datum.x + ${p.dx}`, as: 'x1' }, { calculate: `datum.y + ${p.dy}`, as: 'y1' }],
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: p.xlabel, scale: { domain: p.xDomain, nice: false, zero: false } },
      x2: { field: 'x1' },
      y: { field: 'y', type: 'quantitative', title: p.ylabel, scale: { domain: p.yDomain, nice: false, zero: false } },
      y2: { field: 'y1' },
      color: { field: 'v', type: 'quantitative', title: p.valueTitle, scale: { scheme: 'viridis' } },
    },
    config: { ...BASE_CONFIG, axis: { ...BASE_CONFIG.axis, grid: false } },
    usermeta: { sacplate: { kind: 'heatmap' } },
  };
}
