/**
 * Analysis figures use the project's Vega-Lite plot specifications (src/plots/spec.ts), rendered
 * to SVG by Vega and to PNG by resvg (src/plots/render.ts): one plotting path for simulated runs,
 * comparisons and cycler files, and specs the web workbench can show as they are. This file
 * keeps the names the analysis code calls.
 */
import { lineSpec, type PlotSpec } from '../plots/spec.js';
import { renderSvg, svgToPng as renderPng } from '../plots/render.js';

export type { Series, Marker, HLine, PlotSpec } from '../plots/spec.js';
export { thin } from '../plots/thin.js';

/** The Vega-Lite spec of a line/point plot (markers and horizontal reference lines included). */
export function plotSpec(p: PlotSpec) { return lineSpec(p); }

/** SVG text of a line/point plot. */
export async function svgPlot(p: PlotSpec): Promise<string> {
  return renderSvg(lineSpec(p));
}

/** Renders SVG text to PNG bytes with @resvg/resvg-js (DejaVu fonts); `width` in pixels. */
export async function svgToPng(svg: string, width = 1200): Promise<Buffer> {
  const w = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? width);
  return renderPng(svg, width / w);
}
