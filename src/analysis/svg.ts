/**
 * A small SVG line/scatter plotter for analysis figures (no dependencies), and PNG rendering of
 * the same SVG through @resvg/resvg-js. Long series are thinned to min/max per pixel column so
 * that a million-sample trace keeps its envelope in a small file.
 */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  mode?: 'line' | 'points';
}
export interface Marker { x: number; y: number; label: string; color?: string }
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
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function niceTicks(lo: number, hi: number, n = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function fmtTick(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(+v.toPrecision(6));
}

/** Keeps first, last, min and max of each of `buckets` x-bins (in sample order). */
export function thin(x: ArrayLike<number>, y: ArrayLike<number>, buckets: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (n <= buckets * 4) return { x: Array.from(x as ArrayLike<number>), y: Array.from(y as ArrayLike<number>) };
  const ox: number[] = [], oy: number[] = [];
  const per = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const s = Math.floor(b * per), e = Math.min(n, Math.floor((b + 1) * per));
    if (e <= s) continue;
    let mi = s, ma = s;
    for (let k = s; k < e; k++) { if (y[k]! < y[mi]!) mi = k; if (y[k]! > y[ma]!) ma = k; }
    const idx = [s, mi, ma, e - 1].sort((a, c) => a - c);
    let last = -1;
    for (const k of idx) if (k !== last) { ox.push(x[k]!); oy.push(y[k]!); last = k; }
  }
  return { x: ox, y: oy };
}

export function svgPlot(p: PlotSpec): string {
  const W = p.width ?? 900, H = p.height ?? 500;
  const L = 80, R = 20, T = 40, B = 60;
  const pw = W - L - R, ph = H - T - B;
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  const data = p.series.map((s) => thin(s.x, s.y, Math.max(200, pw)));
  for (const d of data) for (let k = 0; k < d.x.length; k++) {
    const x = d.x[k]!, y = d.y[k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < xmin) xmin = x; if (x > xmax) xmax = x; if (y < ymin) ymin = y; if (y > ymax) ymax = y;
  }
  for (const m of p.markers ?? []) { ymin = Math.min(ymin, m.y); ymax = Math.max(ymax, m.y); }
  for (const h of p.hlines ?? []) { ymin = Math.min(ymin, h.y); ymax = Math.max(ymax, h.y); }
  if (!Number.isFinite(xmin)) { xmin = 0; xmax = 1; ymin = 0; ymax = 1; }
  if (xmax === xmin) { xmin -= 0.5; xmax += 0.5; }
  if (ymax === ymin) { ymin -= 0.5 * (Math.abs(ymin) || 1); ymax += 0.5 * (Math.abs(ymax) || 1); }
  const pad = 0.05 * (ymax - ymin);
  ymin -= pad; ymax += pad;
  const sx = (x: number) => L + ((x - xmin) / (xmax - xmin)) * pw;
  const sy = (y: number) => T + ph - ((y - ymin) / (ymax - ymin)) * ph;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`);
  o.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  o.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="16">${esc(p.title)}</text>`);
  for (const v of niceTicks(xmin, xmax)) {
    const X = sx(v).toFixed(1);
    o.push(`<line x1="${X}" y1="${T}" x2="${X}" y2="${T + ph}" stroke="#e6e6e6"/><text x="${X}" y="${T + ph + 18}" text-anchor="middle">${fmtTick(v)}</text>`);
  }
  for (const v of niceTicks(ymin, ymax)) {
    const Y = sy(v).toFixed(1);
    o.push(`<line x1="${L}" y1="${Y}" x2="${L + pw}" y2="${Y}" stroke="#e6e6e6"/><text x="${L - 6}" y="${(+Y + 4).toFixed(1)}" text-anchor="end">${fmtTick(v)}</text>`);
  }
  o.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`);
  o.push(`<text x="${L + pw / 2}" y="${H - 15}" text-anchor="middle">${esc(p.xlabel)}</text>`);
  o.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle">${esc(p.ylabel)}</text>`);
  data.forEach((d, i) => {
    const s = p.series[i]!;
    const c = s.color ?? PALETTE[i % PALETTE.length]!;
    if ((s.mode ?? 'line') === 'line') {
      let path = '';
      let pen = false;
      for (let k = 0; k < d.x.length; k++) {
        const x = d.x[k]!, y = d.y[k]!;
        if (!Number.isFinite(x) || !Number.isFinite(y)) { pen = false; continue; }
        path += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`;
        pen = true;
      }
      o.push(`<path d="${path}" fill="none" stroke="${c}" stroke-width="1.2"/>`);
    } else {
      for (let k = 0; k < d.x.length; k++) {
        const x = d.x[k]!, y = d.y[k]!;
        if (Number.isFinite(x) && Number.isFinite(y)) o.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${c}"/>`);
      }
    }
  });
  for (const h of p.hlines ?? []) {
    const Y = sy(h.y).toFixed(1);
    o.push(`<line x1="${L}" y1="${Y}" x2="${L + pw}" y2="${Y}" stroke="${h.color ?? '#555'}" stroke-dasharray="6 4"/><text x="${L + pw - 4}" y="${(+Y - 4).toFixed(1)}" text-anchor="end" fill="${h.color ?? '#555'}">${esc(h.label)}</text>`);
  }
  for (const m of p.markers ?? []) {
    const X = sx(m.x), Y = sy(m.y);
    o.push(`<circle cx="${X.toFixed(1)}" cy="${Y.toFixed(1)}" r="5" fill="none" stroke="${m.color ?? 'black'}" stroke-width="2"/><text x="${(X + 8).toFixed(1)}" y="${(Y - 8).toFixed(1)}" fill="${m.color ?? 'black'}">${esc(m.label)}</text>`);
  }
  // legend
  p.series.forEach((s, i) => {
    const c = s.color ?? PALETTE[i % PALETTE.length]!;
    const y = T + 16 + i * 18;
    o.push(`<rect x="${L + 10}" y="${y - 9}" width="14" height="10" fill="${c}"/><text x="${L + 30}" y="${y}">${esc(s.name)}</text>`);
  });
  o.push('</svg>');
  return o.join('\n');
}

/** Renders SVG text to PNG bytes with @resvg/resvg-js (system fonts for labels). */
export async function svgToPng(svg: string, width = 1200): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' });
  return r.render().asPng();
}
