/** Parsing of one cell: numbers (with decimal comma), durations "hh:mm:ss(.s)" and "d-hh:mm:ss". */

/** NaN for an empty / missing cell, undefined when the text is not a number. */
export function parseNumberCell(s: string, decimalComma: boolean): number | undefined {
  let t = s;
  if (t.length === 0) return NaN;
  if (decimalComma) {
    // decimal-comma files: swap the first comma before the fast path (one parse instead of a failed one and a retry)
    const k = t.indexOf(',');
    if (k >= 0) t = t.slice(0, k) + '.' + t.slice(k + 1);
  }
  let v = +t;
  if (v === v && t.charCodeAt(0) > 32 && t.charCodeAt(t.length - 1) > 32) {
    // +"0x1A" and +"Infinity" parse; cyclers never write those
    if (!Number.isFinite(v)) return undefined;
    const c1 = t.charCodeAt(1); // reject 0x.., 0b.., 0o..
    if (c1 === 120 || c1 === 88 || c1 === 98 || c1 === 66 || c1 === 111 || c1 === 79) return undefined;
    return v;
  }
  t = t.trim();
  if (t.length === 0) return NaN;
  if (t === 'NaN' || t === 'nan' || t === '-') return NaN;
  if (decimalComma || t.indexOf(',') >= 0) {
    const c = t.replace(',', '.');
    const w = +c;
    // +c is strict about the whole string; exclude what JS accepts but cyclers never write
    if (w === w && Number.isFinite(w) && c.indexOf(',') < 0) {
      const c1 = c.charCodeAt(1);
      if (!(c1 === 120 || c1 === 88 || c1 === 98 || c1 === 66 || c1 === 111 || c1 === 79)) return w;
    }
    return undefined;
  }
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return +t;
  return undefined;
}

const DUR = /^\s*(?:(\d+)\s*(?:d|-|\.)\s*)?(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d*)?)\s*$/;

/** Seconds from "hh:mm:ss", "hhh:mm:ss.sss", "d-hh:mm:ss", "1d 02:03:04"; NaN for empty; undefined when invalid. */
export function parseDurationCell(s: string, decimalComma: boolean): number | undefined {
  if (s.indexOf(':') < 0) return parseNumberCell(s, decimalComma);
  const m = DUR.exec(s);
  if (!m) return undefined;
  const d = m[1] !== undefined ? Number(m[1]) : 0;
  const h = Number(m[2]);
  const mi = Number(m[3]);
  const se = Number(m[4]!.replace(',', '.'));
  if (mi >= 60 || se >= 60) return undefined;
  return ((d * 24 + h) * 60 + mi) * 60 + se;
}
