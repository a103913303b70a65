/**
 * Poisson statistics of the first stable nucleus in a kMC box (issue 9, must show 8; validation study
 * nucleation-box-poisson). Pure functions: no kMC in here.
 *
 * A box of area A whose nucleation rate per area is J(eta) and whose overpotential follows eta(t)
 * has its first birth at a time with survival S(t) = exp(-H(t)), H(t) = A integral_0^t J(eta(s)) ds
 * (independent births anywhere on the box: a Poisson process of intensity A J). So
 *  - from holds at fixed eta (J constant), the waiting times are exponential and the rate per area
 *    is the maximum-likelihood J = births / (A sum of exposure times), censored holds counting their
 *    whole length as exposure (`poissonRate`);
 *  - on a ramp, the first birth falls where H reaches Exp(1): its median where H = ln 2
 *    (`medianBirth`), and H at each observed birth is Exp(1) (mean 1) when the law is right
 *    (time rescaling: `hazardAt`).
 */

export interface RateEstimate {
  /** births counted */
  births: number;
  /** sum of exposure times x area, s m2 */
  exposure_s_m2: number;
  /** maximum-likelihood rate per area, 1/(s m2) */
  rate: number;
  /** 95 % interval of the rate: ln(rate) +- 1.96 / sqrt(births) (Poisson count, log scale) */
  lo: number;
  hi: number;
}

/** Births per area per time from holds: `times_s[i]` the birth time of hold i, or its length when it had none (`born[i]` false). */
export function poissonRate(times_s: readonly number[], born: readonly boolean[], area_m2: number): RateEstimate {
  if (times_s.length !== born.length) throw new RangeError(`poissonRate: ${times_s.length} times vs ${born.length} flags`);
  if (!(area_m2 > 0)) throw new RangeError(`poissonRate: area ${area_m2} m2, expected > 0`);
  let k = 0, exposure = 0;
  for (let i = 0; i < times_s.length; i++) {
    const t = times_s[i]!;
    if (!(t >= 0)) throw new RangeError(`poissonRate: time ${t} s, expected >= 0`);
    exposure += t * area_m2;
    if (born[i]) k++;
  }
  const rate = exposure > 0 ? k / exposure : NaN;
  const h = k > 0 ? 1.96 / Math.sqrt(k) : NaN;
  return { births: k, exposure_s_m2: exposure, rate, lo: rate * Math.exp(-h), hi: rate * Math.exp(h) };
}

/** A ramp eta(t) as samples (time ascending), read piecewise linearly and held flat past its ends. */
export interface Ramp { t_s: readonly number[]; eta_V: readonly number[] }

export function rampAt(r: Ramp, t: number): number {
  const n = r.t_s.length;
  if (n === 0) throw new RangeError('rampAt: empty ramp');
  if (t <= r.t_s[0]!) return r.eta_V[0]!;
  if (t >= r.t_s[n - 1]!) return r.eta_V[n - 1]!;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >> 1; if (r.t_s[m]! <= t) lo = m; else hi = m; }
  const t0 = r.t_s[lo]!, t1 = r.t_s[hi]!;
  const w = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
  return r.eta_V[lo]! + w * (r.eta_V[hi]! - r.eta_V[lo]!);
}

/** H(t) = area * integral_0^t J(eta(s)) ds along the ramp's samples (trapezoid on ln-spaced J is not needed: samples are dense). */
export function hazardAt(r: Ramp, J: (eta_V: number) => number, area_m2: number, t: number): number {
  let h = 0;
  const n = r.t_s.length;
  let tPrev = 0, jPrev = J(rampAt(r, 0));
  for (let i = 0; i < n && r.t_s[i]! < t; i++) {
    const ti = r.t_s[i]!;
    if (ti <= tPrev) continue;
    const ji = J(r.eta_V[i]!);
    h += 0.5 * (jPrev + ji) * (ti - tPrev);
    tPrev = ti; jPrev = ji;
  }
  if (t > tPrev) { const jt = J(rampAt(r, t)); h += 0.5 * (jPrev + jt) * (t - tPrev); }
  return h * area_m2;
}

/**
 * Median first birth on a ramp: the time where H = ln 2 and the overpotential there; null when the
 * ramp ends (its last sample) before H gets there.
 */
export function medianBirth(r: Ramp, J: (eta_V: number) => number, area_m2: number): { t_s: number; eta_V: number } | null {
  const target = Math.LN2;
  let h = 0;
  let tPrev = 0, jPrev = J(rampAt(r, 0));
  for (let i = 0; i < r.t_s.length; i++) {
    const ti = r.t_s[i]!;
    if (ti <= tPrev) continue;
    const ji = J(r.eta_V[i]!);
    const dh = 0.5 * (jPrev + ji) * (ti - tPrev) * area_m2;
    if (h + dh >= target) {
      const w = dh > 0 ? (target - h) / dh : 0;
      const t = tPrev + w * (ti - tPrev);
      return { t_s: t, eta_V: rampAt(r, t) };
    }
    h += dh; tPrev = ti; jPrev = ji;
  }
  return null;
}

/**
 * Mean of several runs' ramps on a common time grid, each run counted only up to its own end
 * (its first birth): at each grid time the mean over the runs still going; the grid stops where
 * fewer than `minRuns` remain.
 */
export function meanRamp(runs: readonly Ramp[], points = 400, minRuns = 2): Ramp {
  const ends = runs.map((r) => r.t_s[r.t_s.length - 1] ?? 0);
  const tMax = Math.max(...ends);
  const t_s: number[] = [], eta_V: number[] = [];
  for (let k = 0; k <= points; k++) {
    const t = (tMax * k) / points;
    let s = 0, n = 0;
    for (let i = 0; i < runs.length; i++) if (t <= ends[i]!) { s += rampAt(runs[i]!, t); n++; }
    if (n < minRuns) break;
    t_s.push(t); eta_V.push(s / n);
  }
  return { t_s, eta_V };
}

/**
 * A ramp continued past its last sample by the straight line fitted (least squares) to its last
 * `tailFraction` of duration, out to `factor` times its duration (a ramp measured up to the first
 * births does not reach the later times where a smaller box's median birth may lie).
 */
export function extendRamp(r: Ramp, factor = 3, tailFraction = 0.25, points = 200): Ramp {
  const n = r.t_s.length;
  if (n < 3) return r;
  const tEnd = r.t_s[n - 1]!, tFrom = tEnd * (1 - tailFraction);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
  for (let i = 0; i < n; i++) {
    const t = r.t_s[i]!;
    if (t < tFrom) continue;
    const e = r.eta_V[i]!;
    sx += t; sy += e; sxx += t * t; sxy += t * e; m++;
  }
  if (m < 2) return r;
  const slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  const e0 = r.eta_V[n - 1]!;
  const t_s = r.t_s.slice(), eta_V = r.eta_V.slice();
  for (let k = 1; k <= points; k++) {
    const t = tEnd + ((factor - 1) * tEnd * k) / points;
    t_s.push(t); eta_V.push(e0 + Math.max(0, slope) * (t - tEnd));
  }
  return { t_s, eta_V };
}
