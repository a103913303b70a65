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
  const eta = solveOverpotential(A, B, r, alpha, f);
  // mends62b (robust62): A = 1e308 gave NaN (2A and r^2 + 4AB overflow). The equation is homogeneous in (A, B, r): divided
  // by the power of two nearest their largest (exact, no digit changes), the same root is found without overflow. Only an
  // answer that is NaN, or infinite where both rates are positive (a finite root exists), is solved again so; the engine's
  // own calls (the unchecked function) are unchanged
  if (Number.isNaN(eta) || (!Number.isFinite(eta) && A > 0 && B > 0)) {
    const again = solveScaled(A, B, r, alpha, f);
    if (Number.isNaN(again)) throw new InputError('A', A, `rates this solver can answer with B ${B} and r ${r} (they gave no number: NaN)`);
    return again;
  }
  return eta;
}

/**
 * The root for rates whose closed form overflows. For alpha = 1/2 in logarithms: x = exp(f eta / 2) solves
 * A x^2 - r x - B = 0, so x = sqrt(B / A) exp(asinh(u)) with u = r / (2 sqrt(A B)), and ln x = (ln B - ln A) / 2 +
 * asinh(u), asinh(u) taken as sign(u) (ln 2 + ln |u|) where |u| > 1e9 (the rest is below 1e-18 of it); x itself can pass
 * 1.8e308 where eta is tens of volts (A = B = 1e-320, r = 1e300). Otherwise (A, B, r) divided by the power of two
 * nearest their largest (exact), which the equation does not see.
 */
function solveScaled(A: number, B: number, r: number, alpha: number, f: number): number {
  if (alpha === 0.5 && A > 0 && B > 0) {
    const lnU = r === 0 ? -Infinity : Math.log(Math.abs(r)) - Math.LN2 - 0.5 * (Math.log(A) + Math.log(B));
    const ash = r === 0 ? 0 : lnU > Math.log(1e9) ? Math.sign(r) * (Math.LN2 + lnU) : Math.asinh(Math.sign(r) * Math.exp(lnU));
    return (2 / f) * (0.5 * (Math.log(B) - Math.log(A)) + ash);
  }
  const s = 2 ** Math.floor(Math.log2(Math.max(A, B, Math.abs(r))));
  return solveOverpotential(A / s, B / s, r / s, alpha, f);
}
