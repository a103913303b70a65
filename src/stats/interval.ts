/**
 * Intervals for physics claims (MODEL.md section 9): means with Student-t 95 % intervals, and
 * paired differences over seeds. Small and dependency-free: used by tests and by `npm run validate`.
 */

/** Two-sided 97.5 % quantile of Student's t for df = 1..30; larger df use the normal 1.96 blended by 1/df. */
const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${df}`);
  const d = Math.floor(df);
  if (d < T975.length) return T975[d] as number;
  return 1.96 + 2.4 / d; // within 0.2 % of the exact value for df > 30
}

export interface Interval {
  n: number;
  mean: number;
  sd: number;
  /** Standard error of the mean. */
  se: number;
  /** 95 % confidence interval of the mean (Student t). */
  lo: number;
  hi: number;
}

export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) throw new RangeError('meanInterval: no values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { n, mean, sd: NaN, se: NaN, lo: NaN, hi: NaN };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const h = tQuantile975(n - 1) * se;
  return { n, mean, sd, se, lo: mean - h, hi: mean + h };
}

/** Paired difference a[i] - b[i] over seeds (same seed i in both arms). */
export function pairedInterval(a: readonly number[], b: readonly number[]): Interval {
  if (a.length !== b.length) throw new RangeError(`pairedInterval: ${a.length} vs ${b.length} values`);
  return meanInterval(a.map((v, i) => v - (b[i] as number)));
}

/**
 * Unpaired difference mean(a) - mean(b) (Welch: unequal variances, Welch-Satterthwaite degrees of
 * freedom), for arms that share no seeds' trajectories (e.g. two box sizes). sd is the pooled
 * standard error times sqrt(2) only for display; use lo/hi.
 */
export function welchInterval(a: readonly number[], b: readonly number[]): Interval {
  const ia = meanInterval(a), ib = meanInterval(b);
  const va = ia.se ** 2, vb = ib.se ** 2;
  const se = Math.sqrt(va + vb);
  const mean = ia.mean - ib.mean;
  if (!(se > 0)) return { n: a.length + b.length, mean, sd: NaN, se, lo: mean, hi: mean };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const h = tQuantile975(Math.max(1, df)) * se;
  return { n: a.length + b.length, mean, sd: se * Math.SQRT2, se, lo: mean - h, hi: mean + h };
}

/** True when the 95 % interval excludes zero. */
export function excludesZero(iv: Interval): boolean {
  return iv.lo > 0 || iv.hi < 0;
}

/** Least-squares line y = a + b x with the 95 % interval of the slope. */
export function linearFit(x: readonly number[], y: readonly number[]): { intercept: number; slope: number; slopeLo: number; slopeHi: number; r2: number } {
  const n = x.length;
  if (n < 3 || y.length !== n) throw new RangeError(`linearFit: need >= 3 paired points, got ${n}/${y.length}`);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx, dy = (y[i] as number) - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const rss = Math.max(0, syy - slope * sxy);
  const seSlope = Math.sqrt(rss / (n - 2) / sxx);
  const h = tQuantile975(n - 2) * seSlope;
  return { intercept, slope, slopeLo: slope - h, slopeHi: slope + h, r2: syy > 0 ? 1 - rss / syy : 1 };
}
