/**
 * First passage of a continuous-time random walk out of a square (physics-free; used by
 * apps/lone-adatoms.ts).
 *
 * A walker on Z^2 that jumps to each of its four neighbours at rate k is two independent 1D
 * walks (x and y), each jumping left and right at rate k (superposition of Poisson processes).
 * Started at the centre of the square {-L..L}^2, it leaves the square when the first of the two
 * 1D walks reaches +-(L + 1). For one 1D walk on the M = 2L + 1 sites i = 1..M (i = x + L + 1)
 * absorbed at 0 and M + 1, the generator is diagonal in the sine basis:
 *   phi_j(i) = sin(j pi i / (M + 1)),  lambda_j = 2 k (1 - cos(j pi / (M + 1))),  j = 1..M,
 *   P(i0 -> i, t) = 2 / (M + 1) * sum_j phi_j(i0) phi_j(i) exp(-lambda_j t).
 * From the centre i0 = L + 1 only odd j contribute. The survival S(t) = sum_i P(i0 -> i, t) is a
 * finite sum of decaying exponentials (weights of alternating sign, summing to 1): exit times are
 * drawn by inverting S (Newton safeguarded by bisection), positions at time t given survival from P(i0 -> ., t) / S.
 * The sums are finite and exact (M modes of an M-state chain): the only error is floating-point
 * rounding (tiny negative probabilities far from the centre at short times are set to 0).
 * This is the discrete-lattice version of first-passage kinetic Monte Carlo (Oppelstrup, Bulatov,
 * Gilmer, Kalos and Sadigh, PRL 97, 230602, 2006; Donev et al., J. Comput. Phys. 229, 3214, 2010).
 */
import type { Rng } from './rng.js';

/** Tables of one half-width L (cached: see squareExit). */
export class SquareExit {
  readonly L: number;
  /** odd modes j = 1, 3, ..., M: decay rates at k = 1, survival weights, and sin tables */
  private readonly lam: Float64Array;
  private readonly w: Float64Array;
  /** sign(phi_j(i0)) * phi_j(i) for odd j, row-major [mode][site] */
  private readonly phi: Float64Array;
  private readonly M: number;
  private readonly nModes: number;
  private readonly prob: Float64Array;

  constructor(L: number) {
    if (!(Number.isInteger(L) && L >= 0 && L <= 1000)) throw new Error(`square half-width must be an integer 0..1000, got ${L}`);
    this.L = L;
    const M = 2 * L + 1;
    this.M = M;
    const nModes = L + 1;
    this.nModes = nModes;
    this.lam = new Float64Array(nModes);
    this.w = new Float64Array(nModes);
    this.phi = new Float64Array(nModes * M);
    this.prob = new Float64Array(M);
    for (let m = 0; m < nModes; m++) {
      const j = 2 * m + 1;
      const th = (j * Math.PI) / (M + 1);
      this.lam[m] = 2 * (1 - Math.cos(th));
      const s0 = Math.sin((j * Math.PI) / 2); // phi_j(i0) = +-1
      let sum = 0;
      for (let i = 1; i <= M; i++) {
        const v = s0 * Math.sin(th * i);
        this.phi[m * M + i - 1] = v;
        sum += v;
      }
      this.w[m] = (2 / (M + 1)) * sum;
    }
  }

  /** Survival probability of one 1D walk at time t, jump rate k each way. */
  survival(t: number, k: number): number {
    let s = 0;
    for (let m = 0; m < this.nModes; m++) s += this.w[m]! * Math.exp(-this.lam[m]! * k * t);
    return s;
  }

  /** Mean exit time of one 1D walk: sum w_j / lambda_j (= (L + 1)^2 / (2 k)). */
  meanExit1D(k: number): number {
    let s = 0;
    for (let m = 0; m < this.nModes; m++) s += this.w[m]! / (this.lam[m]! * k);
    return s;
  }

  /** Draws the exit time of one 1D walk (jump rate k each way) by inverting its survival. */
  exitTime(k: number, rng: Rng): number { return this.invertSurvival(rng.nextOpen()) / k; }

  /**
   * Draws the exit time from the square {-L..L}^2 of the 2D walk (jump rate k to each neighbour):
   * the first of two independent 1D exits, whose survival is S(t)^2.
   */
  exitTime2D(k: number, rng: Rng): number { return this.invertSurvival(Math.sqrt(rng.nextOpen())) / k; }

  /** The s = k t at which the survival S equals u (k = 1), to a relative 1e-13. */
  private invertSurvival(u: number): number {
    // S is a survival function (decreasing from 1 to 0), but its weights alternate in sign (the
    // odd modes' phi_j(i0) = +-1): bracket the root by doubling from the slowest mode's estimate
    // (S(s) ~ w_1 exp(-lam_1 s) at long times; s = k t)
    const l1 = this.lam[0]!;
    let lo = 0, hi = Math.max(1e-3, Math.log(this.w[0]! / u) / l1);
    for (let it = 0; it < 200 && this.survival(hi, 1) > u; it++) { lo = hi; hi *= 2; }
    let s = 0.5 * (lo + hi);
    for (let it = 0; it < 100; it++) {
      let f = -u, df = 0;
      for (let m = 0; m < this.nModes; m++) {
        const e = this.w[m]! * Math.exp(-this.lam[m]! * s);
        f += e;
        df -= this.lam[m]! * e;
      }
      if (f > 0) lo = s; else hi = s;
      let next = df < 0 ? s - f / df : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - s) <= 1e-13 * Math.max(s, 1e-300) || hi - lo <= 1e-13 * hi) { s = next; break; }
      s = next;
    }
    return s;
  }

  /**
   * Draws the position (-L..L) of one 1D walk at time t given that it has not left by then
   * (jump rate k each way).
   */
  positionGivenSurvival(t: number, k: number, rng: Rng): number {
    const M = this.M, p = this.prob, phi = this.phi;
    p.fill(0);
    for (let m = 0; m < this.nModes; m++) {
      const e = Math.exp(-this.lam[m]! * k * t);
      if (e === 0) break; // lam increases with m
      const row = m * M;
      for (let i = 0; i < M; i++) p[i]! += phi[row + i]! * e;
    }
    let total = 0;
    for (let i = 0; i < M; i++) { const v = p[i]! > 0 ? p[i]! : 0; p[i] = v; total += v; }
    let x = rng.next() * total;
    for (let i = 0; i < M; i++) {
      x -= p[i]!;
      if (x < 0) return i - this.L;
    }
    // rounding at the top end: the last site with weight
    for (let i = M - 1; i >= 0; i--) if (p[i]! > 0) return i - this.L;
    return 0;
  }
}

const cache: SquareExit[] = [];
/** The tables of half-width L (built once per process). */
export function squareExit(L: number): SquareExit {
  let s = cache[L];
  if (!s) { s = new SquareExit(L); cache[L] = s; }
  return s;
}
