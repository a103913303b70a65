/**
 * Exact time integrals of the total reduction (A) and oxidation (B) propensities a DoubleLayer is
 * given, for readings of the open-circuit potential with no estimator in between:
 * eta_oc = (kT/e) ln(<B> / <A>) over any window (studies bv-ocp, ocp-stepped-windows,
 * bv-vicinal-ocp; test/rest-open-circuit). Between two calls the rates are constant (the kMC changes
 * them only at events), so each call closes the interval since the previous one with the previous
 * call's A and B, and the eta that call set.
 *
 * Wraps `update` (galvanostatic steps and rests) and, when asked, `hold` (potentiostatic steps) of one
 * DoubleLayer instance; the wrapped methods return and do exactly what they did. Not for the engine's
 * hot path: an instrument for studies and tests.
 */
import type { DoubleLayer } from './doublelayer.js';

export interface RateIntegrals {
  /** integral of A dt, of B dt, of eta dt (V s), and the time integrated, s, since the last reset */
  A: number; B: number; eta: number; T: number;
  /** integrate only while true (the wrapped calls still record the latest rates) */
  active: boolean;
  reset(): void;
}

export function integrateRates(dl: DoubleLayer, opts: { hold?: boolean } = {}): RateIntegrals {
  const acc: RateIntegrals = { A: 0, B: 0, eta: 0, T: 0, active: true, reset() { acc.A = acc.B = acc.eta = acc.T = 0; } };
  let last: { t: number; A: number; B: number; eta: number } | null = null;
  const close = (t: number): void => {
    if (acc.active && last && t > last.t) {
      const h = t - last.t;
      acc.A += last.A * h; acc.B += last.B * h; acc.eta += last.eta * h; acc.T += h;
    }
  };
  const update = dl.update.bind(dl);
  dl.update = (t: number, A: number, B: number, deficit?: number): number => {
    close(t);
    const e = update(t, A, B, deficit);
    last = { t, A, B, eta: e };
    return e;
  };
  if (opts.hold) {
    const hold = dl.hold.bind(dl);
    dl.hold = (t: number, A: number, B: number, eta: number): void => {
      close(t);
      last = { t, A, B, eta };
      hold(t, A, B, eta);
    };
  }
  return acc;
}
