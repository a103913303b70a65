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

/**
 * A series' points cut, in the order given, into pieces along which x only rises or only falls (a constant x, a rest at
 * one charge, stays in the piece it is in): each piece's first and last index, both inside it, and its direction (0: x
 * never changed). A piece ends at the point where x turns, which starts the next, so the pieces drawn one after the
 * other are the whole line. Points whose x is not a finite number are passed over. The workbench's line plots (uPlot,
 * which draws a series with x rising) draw each piece as a series of its own: a plate and strip run against the net
 * plated charge, which falls while stripping, was sorted by x into one series and drawn as a band between the plating
 * and the stripping overpotential (review45).
 */
export function monotonePieces(x: ArrayLike<number | null>): { from: number; to: number; dir: -1 | 0 | 1 }[] {
  const out: { from: number; to: number; dir: -1 | 0 | 1 }[] = [];
  let cur: { from: number; to: number; dir: -1 | 0 | 1 } | undefined;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    if (!cur) { cur = { from: i, to: i, dir: 0 }; out.push(cur); continue; }
    const d = Math.sign(v - (x[cur.to] as number)) as -1 | 0 | 1;
    if (d !== 0 && cur.dir !== 0 && d !== cur.dir) { cur = { from: cur.to, to: i, dir: d }; out.push(cur); continue; }
    if (d !== 0) cur.dir = d;
    cur.to = i;
  }
  return out;
}
