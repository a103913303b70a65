/**
 * Galvanostatic control (MODEL.md section 4): the overpotential is an output.
 * With A = sum of reduction rates at eta = 0 and B = sum of oxidation rates at eta = 0,
 *   A exp(alpha f eta) - B exp(-(1 - alpha) f eta) = r,   r = I / q (net reductions per second),
 * solved after every change of A or B. eta > 0 is cathodic (plating), f = e / kT.
 * Closed form for alpha = 1/2, Newton (on a monotone function, bracketed) otherwise.
 */
import { InputError } from '../errors.js';
import { numberArg } from '../args.js';

export function solveOverpotential(A: number, B: number, r: number, alpha: number, f: number): number {
  if (A <= 0 && B <= 0) return r > 0 ? Infinity : r < 0 ? -Infinity : 0;
  if (A <= 0) {
    // only oxidation possible: -B exp(-(1-alpha) f eta) = r  (needs r < 0)
    return r < 0 ? -Math.log(-r / B) / ((1 - alpha) * f) : Infinity;
  }
  if (B <= 0) {
    return r > 0 ? Math.log(r / A) / (alpha * f) : -Infinity;
  }
  if (alpha === 0.5) {
    // x = exp(f eta / 2): A x^2 - r x - B = 0
    const x = (r + Math.sqrt(r * r + 4 * A * B)) / (2 * A);
    const xs = r >= 0 ? x : (2 * B) / (-r + Math.sqrt(r * r + 4 * A * B)); // stable form for r < 0
    return (2 / f) * Math.log(xs);
  }
  // Newton in eta with a bracket
  const g = (eta: number) => A * Math.exp(alpha * f * eta) - B * Math.exp(-(1 - alpha) * f * eta) - r;
  let lo = -1, hi = 1;
  while (g(lo) > 0) lo *= 2;
  while (g(hi) < 0) hi *= 2;
  let eta = 0.5 * (lo + hi);
  for (let i = 0; i < 100; i++) {
    const ea = Math.exp(alpha * f * eta), eb = Math.exp(-(1 - alpha) * f * eta);
    const gv = A * ea - B * eb - r;
    if (gv > 0) hi = eta; else lo = eta;
    const dg = alpha * f * A * ea + (1 - alpha) * f * B * eb;
    let next = eta - gv / dg;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - eta) < 1e-12) return next;
    eta = next;
  }
  return eta;
}

/**
 * solveOverpotential for library callers (exported as `solveOverpotential` from the package): the
 * arguments checked once, one InputError naming a wrong one (a string or NaN gave NaN or Infinity
 * without a word). The engine calls the unchecked function above after every change of A or B.
 */
export function solveOverpotentialChecked(A: number, B: number, r: number, alpha: number, f: number): number {
  for (const [k, v, what] of [['A', A, 'the summed reduction rate at eta = 0, 1/s (a number >= 0)'], ['B', B, 'the summed oxidation rate at eta = 0, 1/s (a number >= 0)']] as const) {
    if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) throw new InputError(k, v, what);
  }
  numberArg('r', r, 'the net reduction rate, 1/s (a number; I / q)');
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) throw new InputError('alpha', alpha, 'a transfer coefficient in (0, 1)');
  if (!(typeof f === 'number' && f > 0 && Number.isFinite(f))) throw new InputError('f', f, 'e/kT > 0, 1/V (38.9 at 298 K)');
  return solveOverpotential(A, B, r, alpha, f);
}
