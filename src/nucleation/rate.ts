/**
 * From many short atomistic runs to a nucleation rate and a critical size, then to J(eta).
 *
 * Mean first-passage times (Wedekind, Strey and Reguera, J. Chem. Phys. 126, 134103, 2007): over
 * independent runs, tau(n) = mean first time the largest cluster holds n atoms. For a barrier
 * crossing it follows tau(n) = (tau_J / 2) (1 + erf(Z sqrt(pi) (n - n*))): the inflection n* is the
 * critical size, Z the Zeldovich factor, and the nucleation rate of the box is 1 / tau_J.
 * Intervals: bootstrap over runs (percentile 95 %).
 *
 * Classical forms (stated before the fits): a 3D cap on a substrate has n* ~ eta^-3 and
 * ln J = ln K - B / eta^2; a 2D island has n* ~ eta^-2 and ln J = ln K - B / eta. Both are fitted
 * with the 95 % interval of the slope (stats/interval.ts linearFit) and the one with the higher
 * r^2 is reported as the form the lattice gives.
 */
import { linearFit } from '../stats/interval.js';
import { Rng } from '../kmc/rng.js';
import type { AtomisticRun } from './atomistic.js';

/** erf, Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** Mean first-passage time to each size n (index n), over runs that reached the target. */
export function mfptCurve(runs: readonly AtomisticRun[], target: number): number[] {
  const ok = runs.filter((r) => r.reached);
  const out: number[] = [];
  for (let n = 0; n <= target; n++) {
    let s = 0;
    for (const r of ok) s += r.firstPassage_s[n]!;
    out.push(ok.length ? s / ok.length : NaN);
  }
  return out;
}

export interface MfptFit { nStar: number; tauJ_s: number; Z: number; }

/** fitMfpt's grid: n* from 1 to the target in steps of 1/4 (exact in binary), 24 Zeldovich factors from 0.01 to 3 */
const Z_GRID = Array.from({ length: 24 }, (_, zi) => 0.01 * Math.pow(300, zi / 23));

/**
 * The sigmoid 0.5 (1 + erf(Z sqrt(pi) (n - n*))) at sizes 2..target for every (n*, Z) of fitMfpt's grid, n* outer, Z
 * inner, by target. It depends on the target alone, and a scan fits 41 curves of one target at each overpotential (the
 * point and its 40 bootstrap resamples); the values were computed again in each fit (branch testtime14: the same
 * numbers, so the same fits to the bit).
 */
const sigmoidTables = new Map<number, Float64Array>();
function sigmoidTable(target: number): Float64Array {
  let table = sigmoidTables.get(target);
  if (table) return table;
  const values: number[] = [];
  for (let nStar = 1; nStar <= target; nStar += 0.25) {
    for (const Z of Z_GRID) for (let n = 2; n <= target; n++) values.push(0.5 * (1 + erf(Z * Math.sqrt(Math.PI) * (n - nStar))));
  }
  table = Float64Array.from(values);
  sigmoidTables.set(target, table);
  return table;
}

/** Least-squares fit of the MFPT sigmoid (grid in n* and Z, tau_J linear). Sizes from 2 up. */
export function fitMfpt(curve: readonly number[]): MfptFit {
  const target = curve.length - 1;
  const g = sigmoidTable(target), sizes = Math.max(0, target - 1);
  let best: MfptFit & { rss: number } = { nStar: NaN, tauJ_s: NaN, Z: NaN, rss: Infinity };
  let at = 0;
  for (let nStar = 1; nStar <= target; nStar += 0.25) {
    for (const Z of Z_GRID) {
      let sgg = 0, stg = 0;
      for (let n = 2; n <= target; n++) {
        const v = g[at + n - 2]!;
        sgg += v * v; stg += curve[n]! * v;
      }
      const row = at;
      at += sizes;
      if (sgg <= 0) continue;
      const tauJ = stg / sgg;
      let rss = 0;
      for (let n = 2; n <= target; n++) rss += (curve[n]! - tauJ * g[row + n - 2]!) ** 2;
      if (rss < best.rss) best = { nStar, tauJ_s: tauJ, Z, rss };
    }
  }
  return { nStar: best.nStar, tauJ_s: best.tauJ_s, Z: best.Z };
}

export interface RateEstimate {
  /** critical size, atoms, with 95 % bootstrap interval */
  nStar: number; nStarLo: number; nStarHi: number;
  /** tau(target) / tau_J: about 1 when crossing the barrier is what takes the time (activated), larger when growth does */
  plateauRatio: number;
  /** nucleation rate of the box, 1/s, with 95 % bootstrap interval */
  rate_per_s: number; rateLo_per_s: number; rateHi_per_s: number;
  runs: number;
  reached: number;
}

/**
 * What a run that did not reach the target within its event budget (a censored run) counts for.
 *  - `drop` (the default, the scan's rule until branch censor): left out; the MFPT is taken over the runs that
 *    finished, the fast ones, so a point with censored runs is biased high (Li on N-graphene's host at 70 mV: 9 of 12
 *    runs finished, 2.01e5 /s against 2.47e4 /s when every run finishes; study nucleation-ffs).
 *  - `survival`: the runs' times to the target are taken as right-censored waiting times with a constant hazard
 *    (exponential), whose maximum-likelihood rate is d / (total exposure): d runs finished, exposure = the finished
 *    runs' times to the target plus the censored runs' times at their stop (Lawless, Statistical Models and Methods for
 *    Lifetime Data, 2nd ed., Wiley 2003, sec. 2.2; Kalbfleisch and Prentice, The Statistical Analysis of Failure Time
 *    Data, 2nd ed., Wiley 2002, sec. 3.2). The finished runs alone give d / (their exposure), the drop rule's mean; so the
 *    MFPT curve is fitted on the finished runs as before (n*, Z and its shape) and its time axis stretched by their
 *    ratio: rate = (1 / tau_J of the finished runs) x (finished runs' exposure) / (all runs' exposure). With no run
 *    censored the factor is 1 and the rate is the drop rule's, to the bit. Interval: bootstrap over all runs,
 *    finished and censored (a resample with fewer than 2 finished runs is left out). Assumes the time to the target is
 *    about exponential: the growth from n* to the target adds a lag (tau(target) - tau_J, under 0.5 tau_J at an
 *    activated point), which the estimate counts as waiting.
 */
export const CENSORING_RULES = ['drop', 'survival'] as const;
export type CensoringRule = typeof CENSORING_RULES[number];

/** with censoring `survival`: what the censored runs changed */
export interface CensoredRate {
  rule: 'survival';
  /** runs that ran out of their budget before the target */
  censored: number;
  /** finished runs' times to the target, and every run's exposure (censored ones to their stop), s */
  finishedExposure_s: number; totalExposure_s: number;
  /** the drop rule's rate (1 / tau_J of the finished runs), 1/s, for the record */
  dropRate_per_s: number;
}

/** time each run waited: to the target when it got there, to its stop otherwise */
function exposureOf(runs: readonly AtomisticRun[], target: number): { finished: number; total: number } {
  let finished = 0, total = 0;
  for (const r of runs) {
    const t = r.reached ? r.firstPassage_s[target]! : r.time_s;
    total += t;
    if (r.reached) finished += t;
  }
  return { finished, total };
}

/** the survival rule's rate of a set of runs (NaN with no finished run) and the MFPT fit of the finished ones */
function survivalRate(runs: readonly AtomisticRun[], target: number): { rate: number; fit: MfptFit } {
  const ok = runs.filter((r) => r.reached);
  const fit = fitMfpt(mfptCurve(ok, target));
  const e = exposureOf(runs, target);
  return { rate: ok.length ? (1 / fit.tauJ_s) * (e.finished / e.total) : NaN, fit };
}

/** percentile p of the sorted values a (NaN when empty) */
const quantile = (a: readonly number[], p: number): number => (a.length ? a[Math.min(a.length - 1, Math.floor(p * a.length))]! : NaN);

/** A point's estimate from its fit, the MFPT at the target, its rate and the bootstrap's n* and rates (sorted here). */
function summarise(fit: MfptFit, tauTarget_s: number, rate: number, ns: number[], rs: number[], runs: number, reached: number): RateEstimate {
  ns.sort((a, b) => a - b); rs.sort((a, b) => a - b);
  return {
    nStar: fit.nStar, nStarLo: quantile(ns, 0.025), nStarHi: quantile(ns, 0.975), plateauRatio: tauTarget_s / fit.tauJ_s,
    rate_per_s: rate, rateLo_per_s: quantile(rs, 0.025), rateHi_per_s: quantile(rs, 0.975),
    runs, reached,
  };
}

/**
 * The scan's progress line for one overpotential (before the censoring, capture and kept notes the caller adds). A point
 * where no run nucleated has no critical size or rate to show: said in words (audit69b: "n* NaN, tau(target)/tau_J NaN,
 * box rate NaN /s").
 */
export function scanPointText(label: 'SAC' | 'host', eta_V: number, est: Pick<RateEstimate, 'reached' | 'runs' | 'nStar' | 'plateauRatio' | 'rate_per_s'>): string {
  const head = `${label} eta ${+(eta_V * 1e3).toFixed(1)} mV: ${est.reached}/${est.runs} runs nucleated`;
  if (est.reached === 0) return `${head}: no rate measured here`;
  const n = (x: number, f: (v: number) => string) => (Number.isFinite(x) ? f(x) : '-');
  return `${head}, n* ${n(est.nStar, (v) => v.toFixed(1))}, tau(target)/tau_J ${n(est.plateauRatio, (v) => v.toFixed(2))}, box rate ${n(est.rate_per_s, (v) => v.toExponential(2))} /s`;
}

export function estimateRate(runs: readonly AtomisticRun[], target: number, bootstrap = 40, seed = 1, censoring: CensoringRule = 'drop'): RateEstimate & { censoredRate?: CensoredRate } {
  if (censoring === 'survival') return estimateSurvival(runs, target, bootstrap, seed);
  const ok = runs.filter((r) => r.reached);
  const curve = mfptCurve(ok, target);
  const fit = fitMfpt(curve);
  const rng = new Rng(seed);
  const ns: number[] = [], rs: number[] = [];
  for (let b = 0; b < bootstrap && ok.length > 1; b++) {
    const sample = ok.map(() => ok[rng.int(ok.length)]!);
    const f = fitMfpt(mfptCurve(sample, target));
    ns.push(f.nStar); rs.push(1 / f.tauJ_s);
  }
  return summarise(fit, curve[target]!, 1 / fit.tauJ_s, ns, rs, runs.length, ok.length);
}

function estimateSurvival(runs: readonly AtomisticRun[], target: number, bootstrap: number, seed: number): RateEstimate & { censoredRate: CensoredRate } {
  const ok = runs.filter((r) => r.reached);
  const curve = mfptCurve(ok, target);
  const { rate, fit } = survivalRate(runs, target);
  const e = exposureOf(runs, target);
  const rng = new Rng(seed);
  const ns: number[] = [], rs: number[] = [];
  for (let b = 0; b < bootstrap && ok.length > 1; b++) {
    const sample = runs.map(() => runs[rng.int(runs.length)]!);
    if (sample.filter((r) => r.reached).length < 2) continue;
    const f = survivalRate(sample, target);
    ns.push(f.fit.nStar); rs.push(f.rate);
  }
  return {
    ...summarise(fit, curve[target]!, rate, ns, rs, runs.length, ok.length),
    censoredRate: { rule: 'survival', censored: runs.length - ok.length, finishedExposure_s: e.finished, totalExposure_s: e.total, dropRate_per_s: 1 / fit.tauJ_s },
  };
}

export interface RateLawFit {
  form: '3D cap: ln J = ln K - B/eta^2' | '2D island: ln J = ln K - B/eta';
  /** ln K, K per site in 1/s */
  lnK: number;
  /** B in V^2 (3D) or V (2D), with the 95 % interval */
  B: number; BLo: number; BHi: number;
  r2: number;
  /** the other form's r^2, for the record */
  otherR2: number;
  /** free fit ln n* = p ln b - p ln eta: the exponent p with its 95 % interval */
  p: number; pLo: number; pHi: number;
  /** n* = (b / eta)^q with q the form's exponent (3 for a 3D cap, 2 for a 2D island), b in V: the Gibbs-Thomson law the electrode uses */
  q: number; b_V: number;
  /** overpotentials the law was measured at, V */
  etaMin_V: number; etaMax_V: number;
}

/** Fits ln J(eta) per site and n*(eta). Needs at least 3 overpotentials. */
export function fitRateLaw(points: readonly { eta_V: number; J_per_site_s: number; nStar: number }[]): RateLawFit {
  const pts = points.filter((p) => p.J_per_site_s > 0 && Number.isFinite(p.J_per_site_s));
  const y = pts.map((p) => Math.log(p.J_per_site_s));
  const f3 = linearFit(pts.map((p) => 1 / (p.eta_V * p.eta_V)), y);
  const f2 = linearFit(pts.map((p) => 1 / p.eta_V), y);
  const use3 = f3.r2 >= f2.r2;
  const f = use3 ? f3 : f2;
  const np = pts.filter((p) => p.nStar > 0);
  const fn = linearFit(np.map((p) => Math.log(p.eta_V)), np.map((p) => Math.log(p.nStar)));
  const p = -fn.slope;
  const q = use3 ? 3 : 2;
  const lnb = np.reduce((a, pt) => a + Math.log(pt.nStar) / q + Math.log(pt.eta_V), 0) / np.length;
  return {
    form: use3 ? '3D cap: ln J = ln K - B/eta^2' : '2D island: ln J = ln K - B/eta',
    lnK: f.intercept, B: -f.slope, BLo: -f.slopeHi, BHi: -f.slopeLo, r2: f.r2, otherR2: use3 ? f2.r2 : f3.r2,
    p, pLo: -fn.slopeHi, pHi: -fn.slopeLo, q, b_V: Math.exp(lnb),
    etaMin_V: Math.min(...pts.map((q) => q.eta_V)), etaMax_V: Math.max(...pts.map((q) => q.eta_V)),
  };
}

/** J per site at eta from a fitted law (0 for eta <= 0). */
export function rateFromLaw(law: RateLawFit, eta_V: number): number {
  if (!(eta_V > 0)) return 0;
  const x = law.form.startsWith('3D') ? 1 / (eta_V * eta_V) : 1 / eta_V;
  return Math.exp(law.lnK - law.B * x);
}
