/** Thinning of long series for plotting: the first, last, min and max of each x-bin. */

/** Keeps first, last, min and max of each of `buckets` bins (in sample order). */
export function thin(x: ArrayLike<number>, y: ArrayLike<number>, buckets: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (n <= buckets * 4) return { x: Array.from(x), y: Array.from(y) };
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
