/**
 * The sea of lone adatoms on the free host, as the electrode stage (electrode.ts) solves it; the physics,
 * its rate laws and the exclusion zones are set out at SeaSpec (electrode-spec.ts). Here: the lone-adatom
 * fraction of an undepleted sea and its inverse, the adatom's exchange rate (its lifetime and diffusion
 * length), and the quasi-static balance that gives the depleted sea inside the zones.
 */
import type { NucleationLaw, SeaSpec } from './electrode-spec.js';

/** the depleted sea at one overpotential: its lone-adatom fraction n1, its own overpotential, the host's net reduction flux per m2 */
export interface SeaState { n1: number; etaEff: number; flux: number }

export class AdatomSea {
  /**
   * @param spec the sea's rates and site spacing
   * @param law the nucleation law (births drain the sea)
   * @param f e / kT, 1/V
   * @param alpha charge-transfer coefficient
   * @param S host sites per m2
   */
  constructor(readonly spec: SeaSpec, private readonly law: NucleationLaw, private readonly f: number, private readonly alpha: number, private readonly S: number) {}

  /** lone-adatom fraction of an undepleted sea at overpotential e */
  theta1(e: number): number { const q = Math.exp(this.f * e) / this.spec.oxFactor; return q / (1 + q); }

  /** the inverse of theta1: the overpotential of a sea at lone-adatom fraction x (the sea's own overpotential) */
  etaOfSea(x: number): number { return Math.log((x / (1 - x)) * this.spec.oxFactor) / this.f; }

  /** k_red + k_ox of a lone adatom at e, 1/s: its lifetime is the inverse, its diffusion length sqrt(hop / it) sites */
  exchange(e: number): number {
    const { alpha, f } = this, k0 = this.spec.k0_per_s;
    return k0 * Math.exp(alpha * f * e) + k0 * Math.exp(-(1 - alpha) * f * e) * this.spec.oxFactor;
  }

  /**
   * The sea at overpotential e on zoneHost of the host (the free host inside the zones per electrode area), given
   * capture A n1 - Bsum by the nuclei and sacFree free SAC sites per m2: n1 from the balance, its eta_eff and the
   * host's net reduction flux per m2.
   */
  solve(e: number, zoneHost: number, A: number, Bsum: number, sacFree: number): SeaState {
    const { law, alpha, f } = this;
    const k0 = this.spec.k0_per_s;
    const kr = k0 * Math.exp(alpha * f * e), ko = k0 * Math.exp(-(1 - alpha) * f * e) * this.spec.oxFactor;
    const Sf = zoneHost * this.S;
    const g = (x: number) => {
      const ee = this.etaOfSea(x);
      const births = (law.criticalSize(ee) + 1) * (law.hostRate(ee) * Sf + law.sacRate(ee) * sacFree * zoneHost);
      return Sf * (kr * (1 - x) - ko * x) - (A * x - Bsum) - births;
    };
    // g(x) > 0, without the births where the rest already decides it: g is computed as u - births with
    // u = Sf (kr (1 - x) - ko x) - (A x - Bsum) (the same expression, the same rounding) and births >= 0
    // (or NaN), so u <= 0 gives g <= 0 (or NaN): not > 0 either way. Same answer as g(x) > 0, without its
    // logarithm, power and exponentials on the side of the root where the sea's balance is negative.
    const gPositive = (x: number): boolean => {
      const u = Sf * (kr * (1 - x) - ko * x) - (A * x - Bsum);
      if (u <= 0) return false;
      const ee = this.etaOfSea(x);
      const births = (law.criticalSize(ee) + 1) * (law.hostRate(ee) * Sf + law.sacRate(ee) * sacFree * zoneHost);
      return u - births > 0;
    };
    let lo = Math.log(1e-40), hi = Math.log(0.5);
    if (gPositive(Math.exp(hi))) lo = hi;
    else {
      const gLo = g(Math.exp(lo));
      if (gLo < 0) hi = lo;
      else {
        // 64 halvings; once lo and hi are adjacent doubles the midpoint is one of them and the remaining
        // halvings change nothing (g is a pure function during the solve: its sign there is the sign it had
        // when that end was set), so they are skipped. Same lo and hi, so the same x, as the full 64.
        let loPositive = gLo > 0;
        for (let k = 0; k < 64; k++) {
          const mid = 0.5 * (lo + hi);
          if (mid === hi) break;
          if (mid === lo) { if (!loPositive) hi = lo; break; }
          if (gPositive(Math.exp(mid))) { lo = mid; loPositive = true; } else hi = mid;
        }
      }
    }
    const x = Math.exp(0.5 * (lo + hi));
    return { n1: x, etaEff: this.etaOfSea(x), flux: Sf * (kr * (1 - x) - ko * x) };
  }
}
