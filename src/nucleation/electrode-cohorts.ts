/**
 * The nuclei of the electrode stage (electrode.ts) as cohorts: nuclei born together at one size grow
 * together. Their areas (the metal area, the footprints), the direct reduction on them, their exclusion
 * zones, their capture from the adatom sea, their growth, dissolution and the pooling of new births.
 *
 * The loops over the cohorts are methods of their own (sums handed back in `acc`), so the JIT optimises each
 * one soon and apart from the step; indexed loops, as for-of allocates an iterator result per cohort until it
 * is optimised. Same operations in the same order as when they were written inline in the step: the same numbers.
 */
import { CONST } from '../units.js';
import type { NucleationLaw } from './electrode-spec.js';
import type { AdatomSea } from './electrode-sea.js';

/** Hemisphere of n atoms of volume Omega: radius, m. */
export function hemisphereRadius(atoms: number, omega_m3: number): number {
  return Math.cbrt((3 * atoms * omega_m3) / (2 * Math.PI));
}

/** `nZone`: nuclei per m2 whose zones this cohort stands for in the extended zone area (zoneOverlap `phantom`: the
 * births at J(eta) over the whole electrode in the cohort's pooling interval, phantoms included; 0 for cohorts born
 * inside the zones); `outsideUntil_s`: a nucleus born outside the exclusion zones captures from the undepleted outside sea
 * (theta1(eta)) until this time, when its own zone has formed (one adatom lifetime 1/(k_red + k_ox) after
 * birth); -1 for nuclei born inside the zones (they see the depleted sea from birth); `i`: the current density on a
 * nucleus's surface, A/m2, over the whole hemisphere (extended growth, Avrami: overlap enters the stage's current through
 * the metal area, not a nucleus's growth) */
interface Cohort { nExt: number; nReal: number; nZone: number; atoms: number; bornAtoms: number; r: number; i: number; kc: number; n1GT: number; outsideUntil_s: number; eqEta: number; }

export class Cohorts {
  private readonly list: Cohort[] = [];
  /** sums handed back by areas, currents and captures */
  readonly acc = new Float64Array(3);
  /** extended nuclei per m2 over the cohorts (the pooling threshold's 2 %) */
  extTotal = 0;
  /** zone counts per m2 over the cohorts (zoneOverlap `phantom`) */
  zoneTotal = 0;
  /** real nuclei per m2 that dissolved */
  dissolved = 0;

  /**
   * @param law the nucleation law (its Gibbs-Thomson inverse)
   * @param spec the metal's charge, atomic volume, exchange current density (A/m2), alpha, e / kT (1/V), and the
   *   stage's time resolution `refine` (it divides the growth bound and the merging tolerance)
   */
  constructor(private readonly law: NucleationLaw, private readonly spec: { z: number; omega_m3: number; i0: number; alpha: number; f: number; res: number }) {}

  get length(): number { return this.list.length; }

  /** radii; acc = [extended metal area, extended footprint, real nuclei] per electrode area */
  areas(): void {
    const list = this.list, omega = this.spec.omega_m3;
    let ext = 0, footprint = 0, nTot = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      c.r = hemisphereRadius(c.atoms, omega);
      ext += c.nExt * 2 * Math.PI * c.r * c.r;
      footprint += c.nExt * Math.PI * c.r * c.r;
      nTot += c.nReal;
    }
    this.acc[0] = ext; this.acc[1] = footprint; this.acc[2] = nTot;
  }

  /** direct reduction on each cohort at overpotential e; acc = [I, dI/deta] */
  currents(e: number, scale: number): void {
    const list = this.list, law = this.law, { i0, alpha, f } = this.spec;
    let I = 0, dI = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const w = c.nExt * 2 * Math.PI * c.r * c.r * scale;
      c.eqEta = law.equilibriumOverpotential(c.atoms); // kept for the sea's n1GT below (atoms do not change in between)
      const de = e - c.eqEta;
      // butlerVolmer and dButlerVolmer written out with their two exponentials computed once (same expressions, same numbers)
      const ea = Math.exp(alpha * f * de), eb = Math.exp(-(1 - alpha) * f * de);
      c.i = i0 * (ea - eb); // current density on this cohort's surface, kept for the step
      I += w * c.i;
      dI += w * (i0 * f * (alpha * ea + (1 - alpha) * eb));
    }
    this.acc[0] = I; this.acc[1] = dI;
  }

  /** the extended exclusion zones: sum of N pi (r + reach)^2, N the cohort's zone count (phantoms included) or, with
   * zoneOverlap `random`, its extended nuclei (the real ones and the footprint phantoms) */
  zoneSum(reach: number, phantoms: boolean): number {
    const list = this.list;
    let zoneExt = 0;
    if (phantoms) for (let k = 0; k < list.length; k++) { const c = list[k]!; zoneExt += c.nZone * Math.PI * (c.r + reach) ** 2; }
    else for (let k = 0; k < list.length; k++) { const c = list[k]!; zoneExt += c.nExt * Math.PI * (c.r + reach) ** 2; }
    return zoneExt;
  }

  /** capture coefficients at time t (a: site spacing, m; hop: hops per s; Lam: capture length, sites; xOut: the
   * undepleted sea's n1); acc = [A, Bsum, capture by young outside nuclei] of the sea's balance */
  captures(sea: AdatomSea, a: number, hop: number, Lam: number, xOut: number, t: number): void {
    const list = this.list;
    let A = 0, Bsum = 0, youngCapture = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const R = Math.max(c.r / a, 0.5);
      const B = 2 * Math.PI * R;
      c.kc = (hop * B) / (1 + (B / (2 * Math.PI)) * Math.max(0, Math.log(Lam / R)));
      c.n1GT = sea.theta1(c.eqEta);
      if (c.outsideUntil_s > t) { youngCapture += c.nReal * c.kc * (xOut - c.n1GT); continue; }
      A += c.nReal * c.kc;
      Bsum += c.nReal * c.kc * c.n1GT;
    }
    this.acc[0] = A; this.acc[1] = Bsum; this.acc[2] = youngCapture;
  }

  /** atoms per second a nucleus of the cohort gains at time t: direct reduction on its real surface, plus net capture
   * from the sea (n1 = x inside the zones, xOut outside them; withSea false: no sea) */
  private growth(c: Cohort, x: number, xOut: number, t: number, withSea: boolean): number {
    return (2 * Math.PI * c.r * c.r * c.i) / (this.spec.z * CONST.e) + (withSea ? c.kc * ((c.outsideUntil_s > t ? xOut : x) - c.n1GT) : 0);
  }

  /** dt0 limited so that no nucleus changes by more than 5 % of its atoms in a step (arguments as for growth) */
  growthBound(dt0: number, x: number, xOut: number, t: number, withSea: boolean): number {
    const list = this.list, { z, res } = this.spec;
    let dt = dt0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      // direct reduction (either sign) and net loss to the sea: at most 5 % of a nucleus per step;
      // net capture from the sea is not limited: the sea is solved with every nucleus's capture, so
      // whatever a step gives the nuclei is what the host's reduction supplied (mass follows the charge)
      const direct = Math.abs((2 * Math.PI * c.r * c.r * c.i) / (z * CONST.e));
      const fromSea = withSea ? c.kc * ((c.outsideUntil_s > t ? xOut : x) - c.n1GT) : 0;
      const g = direct + (fromSea < 0 ? -fromSea : 0);
      if (g > 0) dt = Math.min(dt, (0.05 / res * c.atoms) / g);
    }
    return dt;
  }

  /** every cohort grows over dt (arguments as for growth) */
  grow(dt: number, x: number, xOut: number, t: number, withSea: boolean): void {
    const list = this.list;
    for (let k = 0; k < list.length; k++) { const c = list[k]!; c.atoms += this.growth(c, x, xOut, t, withSea) * dt; }
  }

  /** a nucleus that shrinks below one atom has dissolved: its cohort goes; returns nReal (real nuclei per m2) less theirs */
  dissolve(nReal: number): number {
    const list = this.list;
    for (let k = list.length - 1; k >= 0; k--) {
      const c = list[k]!;
      if (c.atoms < 1) { nReal -= c.nReal; this.extTotal -= c.nExt; this.zoneTotal -= c.nZone; this.dissolved += c.nReal; list.splice(k, 1); }
    }
    return nReal;
  }

  /** births at time t: nExt extended and nReal real nuclei per m2 of `born` atoms, outside nuclei until `until` (-1:
   * born inside the zones), nZone zone counts; merged into the last cohort when it is of their kind and size */
  add(nExt: number, nReal: number, born: number, until: number, nZone: number, t: number): void {
    const list = this.list, res = this.spec.res;
    const last = list[list.length - 1];
    if (last && (last.outsideUntil_s > t) === (until > t) && Math.abs(last.atoms - born) / born < 0.05 / res && Math.abs(last.bornAtoms - born) / born < 0.05 / res) {
      // weighted by the extended nuclei; two pools of phantoms only (no real birth: the zones cover the host to the
      // last digit) by their zone counts, where the extended ones would give 0 / 0
      const real = last.nExt + nExt > 0, wLast = real ? last.nExt : last.nZone, wNew = real ? nExt : nZone;
      last.atoms = (last.atoms * wLast + born * wNew) / (wLast + wNew);
      last.nExt += nExt;
      last.nReal += nReal;
      last.nZone += nZone;
    } else list.push({ nExt, nReal, nZone, atoms: born, bornAtoms: born, r: hemisphereRadius(born, this.spec.omega_m3), i: 0, kc: 0, n1GT: 0, outsideUntil_s: until, eqEta: 0 });
    this.extTotal += nExt;
    this.zoneTotal += nZone;
  }

  /** number-weighted mean radius of the real nuclei (extended hemispheres, overlap ignored), m; 0 without nuclei */
  meanRadius(): number {
    let nSum = 0, rSum = 0;
    for (const c of this.list) { nSum += c.nReal; rSum += c.nReal * hemisphereRadius(c.atoms, this.spec.omega_m3); }
    return nSum > 0 ? rSum / nSum : 0;
  }
}
