/**
 * Text widths in the figures' font (DejaVu Sans, what resvg draws them in: render.ts), for Vega's
 * layout in Node. Vega measures text with a canvas; Node has none here, and Vega then estimates
 * 0.8 em a character, 1.4-1.6 times DejaVu Sans's widths (the nucleation title, 77 characters at
 * 14 px: 862 px estimated against 534 px drawn). The estimate widened every figure to its title's
 * guess (a blank band right of the plot) and cut legend labels at their limit early ("peak 8...").
 *
 * Read from the font file itself: advance widths (hmtx) by character (cmap format 4) and the pair
 * kerning of the legacy 'kern' table. opentype.js 2.0.0 was tried and throws on DejaVu Sans's ccmp
 * lookup (GSUB type 6 format 2), so this reads the three tables it needs. Checked against resvg's
 * ink box: 533.9 px for that title against 532.7 px drawn, "AVAVAVAV To Wa" at 40 px 330.0 against 326.4
 * (kerned; 357.3 without), the longest label of examples/nucleation-na.yaml 351.6 against 351.0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter } from 'node:path';

/** Where Debian (fonts-dejavu-core, .ci/run), Fedora and Arch put DejaVu Sans. */
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu-sans-fonts', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];

/**
 * The folders searched for DejaVuSans.ttf: $SACPLATE_FONT_DIRS (folders separated by ':', ';' on
 * Windows) in place of the usual places when it is set, for a font installed elsewhere (render.ts
 * gives resvg the same folders) and for the test of the fallback.
 */
export function figureFontDirs(): string[] {
  const env = process.env.SACPLATE_FONT_DIRS;
  return env ? env.split(delimiter).filter((d) => d !== '') : FONT_DIRS;
}

/** One font file's horizontal metrics. */
export interface FontMetrics {
  /** width of `text` at `fontSize` px, kerning included */
  width(text: string, fontSize: number): number;
}

export function readFontMetrics(file: string): FontMetrics {
  const b = readFileSync(file);
  const u16 = (o: number) => b.readUInt16BE(o), i16 = (o: number) => b.readInt16BE(o), u32 = (o: number) => b.readUInt32BE(o);
  const tables = new Map<string, number>();
  for (let i = 0, n = u16(4); i < n; i++) tables.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), u32(20 + 16 * i));
  const at = (tag: string): number => {
    const o = tables.get(tag);
    if (o === undefined) throw new Error(`${file}: no '${tag}' table`);
    return o;
  };
  const unitsPerEm = u16(at('head') + 18);
  const nMetrics = u16(at('hhea') + 34);
  const hmtx = at('hmtx');
  // glyphs past numberOfHMetrics share the last advance (TrueType spec)
  const advance = (g: number) => u16(hmtx + 4 * Math.min(g, nMetrics - 1));
  // cmap: the Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4
  const cmap = at('cmap');
  let sub = -1;
  for (let i = 0, n = u16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i, platform = u16(rec), encoding = u16(rec + 2), o = cmap + u32(rec + 4);
    if (u16(o) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) { sub = o; break; }
  }
  if (sub < 0) throw new Error(`${file}: no Unicode cmap subtable of format 4`);
  const segs = u16(sub + 6) / 2, ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
  const glyphs = new Map<number, number>();
  const glyphOf = (c: number): number => {
    let g = glyphs.get(c);
    if (g !== undefined) return g;
    g = 0;
    for (let s = 0; s < segs; s++) {
      if (u16(ends + 2 * s) < c) continue;
      const start = u16(starts + 2 * s);
      if (start > c) break;
      const delta = u16(deltas + 2 * s), ro = u16(ranges + 2 * s);
      if (ro === 0) g = (c + delta) & 0xffff;
      else {
        const raw = u16(ranges + 2 * s + ro + 2 * (c - start));
        g = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      break;
    }
    glyphs.set(c, g);
    return g;
  };
  // 'kern' version 0, horizontal format-0 subtables: pairs of glyphs and their adjustment
  const kern = new Map<number, number>();
  const k = tables.get('kern');
  if (k !== undefined && u16(k) === 0) {
    for (let i = 0, n = u16(k + 2), o = k + 4; i < n; i++) {
      const len = u16(o + 2), coverage = u16(o + 4);
      if (coverage >> 8 === 0 && (coverage & 1) === 1) {
        for (let p = 0, np = u16(o + 6); p < np; p++) {
          const e = o + 14 + 6 * p;
          kern.set(u16(e) * 65536 + u16(e + 2), i16(e + 4));
        }
      }
      o += len;
    }
  }
  return {
    width(text: string, fontSize: number): number {
      let units = 0, prev = -1;
      for (const ch of text) {
        const g = glyphOf(ch.codePointAt(0)!);
        units += advance(g) + (prev >= 0 ? kern.get(prev * 65536 + g) ?? 0 : 0);
        prev = g;
      }
      return (units * fontSize) / unitsPerEm;
    },
  };
}

/**
 * DejaVu Sans and DejaVu Sans Bold from the first of `dirs` that holds DejaVuSans.ttf, or null where
 * none does or the file is not readable as TrueType: a figure is then laid out on Vega's guess, as
 * before, not refused, but it differs from the same command's figure on a machine with the font, so
 * `warn` is told in one line which font, where it was looked for and why.
 */
export function loadFigureFont(dirs: readonly string[], warn: (line: string) => void): { regular: FontMetrics; bold: FontMetrics } | null {
  const fallback = 'text widths are estimated (0.8 em a character), so figures are laid out wider than with the font: install it (apt-get install fonts-dejavu-core) or set SACPLATE_FONT_DIRS to its folder';
  const dir = dirs.find((d) => existsSync(`${d}/DejaVuSans.ttf`));
  if (dir === undefined) {
    warn(`sacplate: figures: font DejaVu Sans (DejaVuSans.ttf) not found in ${dirs.length ? dirs.join(', ') : 'no folder'}; ${fallback}`);
    return null;
  }
  try {
    const regular = readFontMetrics(`${dir}/DejaVuSans.ttf`);
    const bold = existsSync(`${dir}/DejaVuSans-Bold.ttf`) ? readFontMetrics(`${dir}/DejaVuSans-Bold.ttf`) : regular;
    return { regular, bold };
  } catch (err) {
    warn(`sacplate: figures: font DejaVu Sans in ${dir} not readable as TrueType (${(err as Error).message}); ${fallback}`);
    return null;
  }
}

let loaded: { regular: FontMetrics; bold: FontMetrics } | null | undefined;

/** The figure font for this process (figureFontDirs), loaded once; a missing font is said once on stderr. */
export function figureFontMetrics(): { regular: FontMetrics; bold: FontMetrics } | null {
  if (loaded === undefined) loaded = loadFigureFont(figureFontDirs(), (line) => process.stderr.write(line + '\n'));
  return loaded;
}

/**
 * Width in px of `text` at `fontSize` as the figures are drawn: the font's metrics where installed,
 * else Vega's own guess of 0.8 em a character (what it lays the figure out with then).
 */
export function figureTextWidth(text: string, fontSize: number, bold = false): number {
  const m = figureFontMetrics();
  if (m === null) return Math.floor(0.8 * text.length * fontSize);
  return (bold ? m.bold : m.regular).width(text, fontSize);
}
