/**
 * The two Butler-Volmer exponentials exp(alpha f eta) and exp(-(1 - alpha) f eta) of the last
 * overpotential asked for (issue 11). The double layer (electrochem/doublelayer.ts) needs them at
 * every update and the channel multipliers (apps/channels.ts transferFactor) right after for the
 * same eta: each pair is computed once, by the same expressions, so the doubles are the ones each
 * caller computed on its own before (same trajectories).
 *
 * TRANSFER_EXPS: [eta, alpha, f, exp(alpha f eta), exp(-(1 - alpha) f eta)] (a typed array: no
 * boxed doubles on the per-event path).
 */
export const TRANSFER_EXPS = new Float64Array([NaN, NaN, NaN, NaN, NaN]);

/** Makes TRANSFER_EXPS[3] and [4] the exponentials of (eta, alpha, f) (V, 1, 1/V). */
export function transferExps(eta: number, alpha: number, f: number): void {
  const m = TRANSFER_EXPS;
  if (m[0] === eta && m[1] === alpha && m[2] === f) return;
  m[0] = eta; m[1] = alpha; m[2] = f;
  m[3] = Math.exp(alpha * f * eta);
  m[4] = Math.exp(-(1 - alpha) * f * eta);
}
