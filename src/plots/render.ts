/**
 * Rendering of Vega-Lite specs (spec.ts) in Node: Vega-Lite compiles the spec to Vega, Vega's
 * headless view draws it to SVG (no browser, no canvas), and @resvg/resvg-js turns the SVG into
 * PNG with the system's DejaVu fonts (Debian package fonts-dejavu-core; .ci/run installs it).
 * Each figure is written as <name>.vl.json (the spec, for the web workbench or the Vega editor),
 * <name>.svg and <name>.png. vega and vega-lite are loaded on first use only. Vega lays text out
 * at DejaVu Sans's own widths (text-width.ts), not its 0.8 em a character guess.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Sink } from '../io/sink.js';
import { FileError, fsReason } from '../errors.js';
import type { VegaLiteSpec } from './spec.js';
import { figureFontDirs, figureFontMetrics } from './text-width.js';

export const FIGURE_FONT = 'DejaVu Sans';

/**
 * Vega's text widths from the figure font's own metrics (text-width.ts) instead of its 0.8 em a
 * character guess, where the font is installed. Vega calls this for a text's bounds (whole text)
 * and while it truncates a text to its limit (the prefixes it tries): capped at the limit, a text
 * wider than it is still cut (the prefix test is below the limit less the ellipsis) and its bounds
 * are the width it is cut to, not the whole text's.
 */
interface TextItem { fontSize?: number; fontWeight?: string | number; limit?: number }
function useFontMetrics(vega: typeof import('vega')): void {
  const m = figureFontMetrics();
  if (m === null) return;
  // textMetrics is exported by vega (from vega-scenegraph) but not in its typings; vl-convert sets it so too
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: string) => number } }).textMetrics;
  metrics.width = (item: TextItem, text: string) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const bold = item.fontWeight === 'bold' || item.fontWeight === 'bolder' || Number(item.fontWeight) >= 600;
    const w = (bold ? m.bold : m.regular).width(text == null ? '' : String(text).trim(), size);
    return item.limit !== undefined && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}

/** Vega-Lite spec -> SVG text. */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  useFontMetrics(vega);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG text -> PNG bytes (white background; `scale` 2 for print-friendly pixels). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    // $SACPLATE_FONT_DIRS (text-width.ts): resvg draws from the folders Vega's layout measured in
    font: { loadSystemFonts: true, ...(process.env.SACPLATE_FONT_DIRS ? { fontDirs: figureFontDirs() } : {}), defaultFontFamily: FIGURE_FONT, sansSerifFamily: FIGURE_FONT },
    background: 'white',
  });
  return r.render().asPng();
}

function writeText(path: string, text: string): void {
  const s = new Sink(path);
  s.text(text);
  s.close();
}
function writeBytes(path: string, b: Uint8Array): void {
  const s = new Sink(path);
  s.bytes(b);
  s.close();
}

/** Writes <dir>/<name>.vl.json, .svg and (unless png is false) .png; returns the files. `drawn`: the SVG when the caller drew it already. */
export async function writeFigure(dir: string, name: string, spec: VegaLiteSpec, opts: { png?: boolean; specFile?: boolean } = {}, drawn?: string): Promise<string[]> {
  const files: string[] = [];
  if (opts.specFile !== false) {
    const f = join(dir, `${name}.vl.json`);
    writeText(f, JSON.stringify(spec) + '\n');
    files.push(f);
  }
  const svg = drawn ?? await renderSvg(spec);
  const sf = join(dir, `${name}.svg`);
  writeText(sf, svg);
  files.push(sf);
  if (opts.png !== false) {
    const pf = join(dir, `${name}.png`);
    writeBytes(pf, await svgToPng(svg));
    files.push(pf);
  }
  return files;
}

/** Renders every <dir>/*.vl.json to .svg and .png beside it; returns the files written. */
export async function renderFigureDir(dir: string, opts: { png?: boolean } = {}): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  // robust62: a specification cut short or edited into something Vega-Lite cannot draw threw JSON's SyntaxError or a
  // TypeError from inside Vega ("Cannot read properties of undefined (reading 'filled')"); a FileError naming the file
  const anew = 'simulate the run again to write it anew';
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.vl.json')).sort()) {
    const file = join(dir, f);
    let spec: VegaLiteSpec;
    try {
      spec = JSON.parse(readFileSync(file, 'utf8')) as VegaLiteSpec;
    } catch (e) {
      throw new FileError(file, e instanceof SyntaxError ? `is not JSON (${e.message}): a figure specification (Vega-Lite) as simulate() writes it; ${anew}` : `cannot be read: ${fsReason(e)}`);
    }
    let svg: string;
    try {
      svg = await renderSvg(spec);
    } catch (e) {
      throw new FileError(file, `cannot be drawn as a Vega-Lite specification (${e instanceof Error ? e.message : String(e)}); ${anew}`);
    }
    out.push(...(await writeFigure(dir, f.slice(0, -'.vl.json'.length), spec, { png: opts.png, specFile: false }, svg)));
  }
  return out;
}
