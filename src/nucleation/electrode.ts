/**
 * Electrode stage of the two-scale nucleation model (MODEL.md 8.2 b): the overpotential of a
 * whole electrode (per unit area, so a cm2 is the same as a m2) from a nucleation law J(eta) per
 * site, the growth of each nucleus, the overlap of nuclei and the double layer.
 *
 *  - Nucleation: extended nucleus density dN_ext/dt = J_host(eta) n_host + J_sac(eta) n_sac,free
 *    (SAC sites are used up as they nucleate); the real density counts only nuclei born on free
 *    area, dN = (1 - theta) dN_ext (Avrami's phantom-nucleus construction; Avrami, J. Chem. Phys.
 *    7, 1103, 1939).
 *  - Adatom sea (SeaSpec, optional): the nuclei deplete the lone adatoms around them within
 *    exclusion zones, where births come at the depleted sea's J(eta_sea); outside the zones they
 *    come at J(eta). How the zones overlap (`zoneOverlap`, `phantom` by default: KJMA with the
 *    phantom births counted, the SAC sites outside the zones those not yet fired in that extended
 *    process) is set out at SeaSpec.
 *  - Growth, `interface` (charge-transfer control, the default for the review's systems): each
 *    nucleus is a hemisphere of n atoms, radius r = (3 n Omega / 2 pi)^(1/3); it grows by
 *    Butler-Volmer on its surface 2 pi r^2 at the overpotential eta - eta_GT(n), where eta_GT(n)
 *    is the Gibbs-Thomson overpotential at which n atoms is the critical size (the inverse of the
 *    law's n*(eta)). The metal area per electrode area is A_m = 1 - exp(-sum N_ext 2 pi r^2),
 *    exact while nuclei are apart and 1 (a flat film) once they have merged: an interpolation,
 *    stated as such.
 *  - Growth, `diffusion` (potentiostatic only): Scharifker and Hills (Electrochim. Acta 28, 879,
 *    1983): each nucleus owns a planar diffusion zone of area pi k D (t - t0), the zones overlap by
 *    Avrami, and the current is the Cottrell current times their covered fraction.
 *  - Control: galvanostatic, C_dl d eta/dt = I - I_F(eta) (the double layer charges first, so eta
 *    rises, nuclei form, the faradaic current takes over and eta falls to its plateau), or
 *    potentiostatic at fixed eta (current as output).
 *
 * Signs: eta > 0 is the cathodic (plating) overpotential, as the review quotes it.
 *
 * The files of the stage: electrode-spec.ts (what a run is given and gives back), electrode-sea.ts (the adatom
 * sea's balance), electrode-cohorts.ts (the nuclei: areas, currents, zones, capture, growth, births pooled into
 * cohorts), electrode-record.ts (trace, peak, plateau rule); this file the step that ties them.
 */
import { CONST } from '../units.js';
import { InputError } from '../errors.js';
import type { ElectrodeResult, ElectrodeSpec, Faradaic, NucleationLaw } from './electrode-spec.js';
import { AdatomSea } from './electrode-sea.js';
import { Cohorts, hemisphereRadius } from './electrode-cohorts.js';
import { ElectrodeRecord } from './electrode-record.js';

export type { NucleationLaw, SeaSpec, Growth, Control, PlateauRule, ElectrodeSpec, ElectrodeSample, ElectrodeResult } from './electrode-spec.js';
export { hemisphereRadius };

/** Butler-Volmer current density, A/m2, cathodic positive. */
export function butlerVolmer(i0: number, alpha: number, f: number, eta: number): number {
  return i0 * (Math.exp(alpha * f * eta) - Math.exp(-(1 - alpha) * f * eta));
}
function dButlerVolmer(i0: number, alpha: number, f: number, eta: number): number {
  return i0 * f * (alpha * Math.exp(alpha * f * eta) + (1 - alpha) * Math.exp(-(1 - alpha) * f * eta));
}

type Diffusion = Extract<ElectrodeSpec['growth'], { kind: 'diffusion' }>;

/** the births of one step (rates at its start), kept from the step's start to its end, where they join the cohorts */
interface StepBirths {
  /** extended nuclei per m2 born over the step (host and SAC) */
  dNext: number;
  /** of which outside the exclusion zones */
  dOut: number;
  /** zoneOverlap `phantom`: births at J(eta) over the whole electrode (the extended zone count) */
  dZone: number;
  /** extended births on SAC sites */
  fromSac: number;
  /** eta at the step's start: the overpotential the births outside the zones are born at */
  etaOutside: number;
  /** the sea's own overpotential at the step's start: the one the births inside the zones are born at */
  etaInside: number;
  /** one adatom lifetime at the step's start: a newborn outside nucleus's zone forms within it */
  lifetime: number;
}

/** The electrode stage's time resolution, checked: 1 or more (nucleation() checks it before its atomistic stage runs). */
export function checkRefine(refine: number): number {
  if (!(refine >= 1)) throw new InputError('refine', refine, 'a time resolution of 1 or more (it divides the step sizes: 2 halves them)');
  return refine;
}

/** One electrode run: its state, set up from the spec, and the integrator's step. */
class ElectrodeRun {
  private readonly f: number;
  private readonly law: NucleationLaw;
  private readonly ctl: ElectrodeSpec['control'];
  /** the requested duration, s */
  private readonly T: number;
  private readonly diffusion: Diffusion | undefined;
  /** Scharifker-Hills k of the diffusion zones */
  private readonly kSH: number;
  /** the adatom sea (absent on the metal's own foil, with diffusion-controlled growth, or when the spec has none) */
  private readonly sea: AdatomSea | undefined;
  /** host sites per m2 */
  private readonly S: number;
  /** zoneOverlap `phantom`: the extended zone count (births at J(eta) over the whole electrode) waits with the outside births */
  private readonly phantoms: boolean;
  /** the time resolution (ElectrodeSpec.refine) */
  private readonly res: number;
  /** double-layer capacitance, F/m2 */
  private readonly C: number;
  private readonly debug: boolean;
  private readonly cohorts: Cohorts;
  readonly record: ElectrodeRecord;

  /** overpotential, V, and time, s */
  private eta: number;
  t = 0;
  /** real nuclei per m2 */
  private nReal = 0;
  /** SAC sites per m2 no real nucleus has taken */
  private sacFree: number;
  /** diffusion zones: theta_ext = pi k D (t sumN - sumNt) */
  private sumNt = 0;
  private sumN = 0;
  /** births waiting until they are worth a cohort: inside the zones (born at the depleted sea's critical size) ... */
  private pendExt = 0;
  private pendReal = 0;
  /** ... and outside them (born at eta's critical size), with the zone count of zoneOverlap `phantom` */
  private pendOutExt = 0;
  private pendOutReal = 0;
  private pendOutZone = 0;
  /** zoneOverlap `phantom`: SAC sites that have not fired in the extended process (each is a germ that fires once, in a zone
   * or not: Avrami's germ nuclei), so the phantoms on SAC sites never exceed the sites; the real births outside the zones
   * come from these too (a site outside every zone has fired iff it fired in the extended process) */
  private sacExt: number;
  private bornTotal = 0;
  private bornOutside = 0;
  private bornSac = 0;
  private steps = 0;
  private dtPrev: number;
  private readonly births: StepBirths = { dNext: 0, dOut: 0, dZone: 0, fromSac: 0, etaOutside: 0, etaInside: 0, lifetime: 0 };

  /** the state at t = 0 from the spec; every setting checked, a bad one an InputError naming its field (the checks in the
   * same order as before the split) */
  constructor(private readonly spec: ElectrodeSpec) {
    this.f = CONST.e / (CONST.kB * spec.T_K);
    this.law = spec.law;
    const ctl = this.ctl = spec.control;
    this.T = ctl.duration_s;
    const diffusion = this.diffusion = spec.growth.kind === 'diffusion' ? spec.growth : undefined;
    if (diffusion && ctl.kind !== 'potentiostatic') throw new InputError('growth.kind', diffusion.kind, "'interface' under galvanostatic control (diffusion-controlled growth is implemented for potentiostatic control only)");
    this.kSH = diffusion ? Math.sqrt((8 * Math.PI * diffusion.c0_mol_per_m3 * diffusion.molarMass_kg_per_mol) / diffusion.density_kg_per_m3) : 0;
    this.eta = ctl.kind === 'potentiostatic' ? ctl.eta_V : 0;
    this.sacFree = spec.sacSites_per_m2;
    this.sacExt = spec.sacSites_per_m2;
    this.S = spec.hostSites_per_m2;
    const sea = spec.ownMetal || diffusion ? undefined : spec.sea;
    this.sea = sea ? new AdatomSea(sea, this.law, this.f, spec.alpha, this.S) : undefined;
    this.phantoms = !!sea && !sea.meanField && (sea.zoneOverlap ?? 'phantom') === 'phantom';
    if (sea && sea.zoneOverlap !== undefined && sea.zoneOverlap !== 'phantom' && sea.zoneOverlap !== 'random') throw new InputError('sea.zoneOverlap', sea.zoneOverlap, "'phantom' or 'random'");
    const flat = spec.plateau?.rule === 'flat' && ctl.kind === 'galvanostatic' ? spec.plateau : undefined;
    this.record = new ElectrodeRecord(this.T, spec.samples ?? 400, flat);
    this.debug = !!process.env.NUC_DEBUG; // read once: an environment lookup every step costs
    const res = this.res = checkRefine(spec.refine ?? 1);
    this.dtPrev = Math.min(this.T / 1e6, 1e-7) / res;
    this.C = spec.Cdl_F_per_m2;
    this.cohorts = new Cohorts(this.law, { z: spec.z, omega_m3: spec.atomicVolume_m3, i0: spec.i0_A_per_m2, alpha: spec.alpha, f: this.f, res });
  }

  /** atoms of a nucleus born at overpotential e: one more than the critical size, at least 2 */
  private bornAtoms(e: number): number { return Math.max(2, this.law.criticalSize(e) + 1); }

  /** faradaic current and its derivative in eta at overpotential e, with the metal area (the nuclei's overlap) and the sea, when modelled */
  private faradaic(e: number): Faradaic {
    const { spec, diffusion, t, f } = this, { i0_A_per_m2: i0, alpha, z } = spec;
    if (diffusion) {
      const thetaExt = Math.PI * this.kSH * diffusion.D_m2_per_s * (t * this.sumN - this.sumNt);
      const theta = 1 - Math.exp(-thetaExt);
      const cott = t > 0 ? (z * CONST.F * diffusion.c0_mol_per_m3 * Math.sqrt(diffusion.D_m2_per_s)) / Math.sqrt(Math.PI * t) : 0;
      return { I: cott * theta, dI: 0, area: theta, theta, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    }
    if (spec.ownMetal) return { I: butlerVolmer(i0, alpha, f, e), dI: dButlerVolmer(i0, alpha, f, e), area: 1, theta: 1, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    const cohorts = this.cohorts, acc = cohorts.acc;
    cohorts.areas();
    const ext = acc[0]!, footprint = acc[1]!, nTot = acc[2]!;
    const area = 1 - Math.exp(-ext);
    const theta = 1 - Math.exp(-footprint);
    // direct reduction on the nuclei; the extended nuclei grow at their free rate (Avrami), the current counts the real area
    const scale = ext > 0 ? area / ext : 0;
    cohorts.currents(e, scale);
    const I = acc[0]!, dI = acc[1]!;
    const sea = this.sea;
    if (!sea) return { I, dI, area, theta, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    // the sea: capture coefficients of the nuclei (independent of n1), then n1 from the balance
    const a = sea.spec.a_m, hop = sea.spec.hop_per_s;
    const lam = Math.sqrt(hop / sea.exchange(e));
    const zone = nTot > 0 ? 1 / (a * Math.sqrt(Math.PI * nTot)) : Infinity;
    const Lam = Math.min(lam, zone);
    // exclusion zones (the classical construction: Scharifker-Hills diffusion zones, Milchev's nucleation
    // exclusion zones): a nucleus depletes the sea only within about one diffusion length of its edge; beyond,
    // the sea is at its undepleted state theta1(eta), carries no net current and nucleates at J(eta). The zones
    // overlap by Avrami: area fraction 1 - exp(-sum N pi (r + lambda a)^2), footprints included, N the cohorts' zone
    // counts (phantom births included) or, with zoneOverlap `random`, their extended nuclei (zoneSum).
    // with phantoms, the zones of the births still pooling count at once (at the size they are born with): the count can
    // grow by orders of magnitude while the zones cover the host, and a lag of the pool's 2 % would let births through
    const phantoms = this.phantoms, pendOutZone = this.pendOutZone;
    const zoneExt = cohorts.zoneSum(lam * a, phantoms) + (phantoms && pendOutZone > 0 ? pendOutZone * Math.PI * (hemisphereRadius(this.bornAtoms(e), spec.atomicVolume_m3) + lam * a) ** 2 : 0);
    const zones = sea.spec.meanField ? 1 : Math.max(theta, 1 - Math.exp(-zoneExt));
    const xOut = sea.theta1(e);
    cohorts.captures(sea, a, hop, Lam, xOut, t);
    const A = acc[0]!, Bsum = acc[1]!, youngCapture = acc[2]!;
    const zoneHost = zones - theta;
    const s0 = sea.solve(e, zoneHost, A, Bsum, this.sacFree);
    const de = 1e-5;
    const s1 = sea.solve(e + de, zoneHost, A, Bsum, this.sacFree);
    const q = z * CONST.e;
    const law = this.law;
    // nuclei born outside the zones take their atoms from the undepleted sea, which reduction refills there
    const outside = 1 - zones;
    // and nuclei born there capture from it until their own zone forms (youngCapture), which reduction also refills
    const Iout = (outside > 0 && e > 0 ? q * (law.criticalSize(e) + 1) * (law.hostRate(e) * this.S + law.sacRate(e) * (phantoms ? this.sacExt : this.sacFree)) * outside : 0) + q * youngCapture;
    return { I: I + q * s0.flux + Iout, dI: dI + (q * (s1.flux - s0.flux)) / de, area, theta, n1: s0.n1, etaEff: s0.etaEff, Isea: q * s0.flux + Iout, zones, reach: lam * a };
  }

  /** the applied current (galvanostatic) or the faradaic one (potentiostatic), A/m2 */
  private current(F: Faradaic): number { return this.ctl.kind === 'galvanostatic' ? this.ctl.current_A_per_m2 : F.I; }

  /** one step of the integrator; true when the run stops after it (rule `flat`) */
  step(): boolean {
    const F0 = this.faradaic(this.eta);
    this.record.sample(this.t, this.eta, this.current(F0), F0, this.nReal);
    const dt = this.stepSize(F0);
    this.nucleate(F0, dt);
    if (!this.diffusion) this.grow(dt, F0.n1);
    this.chargeDoubleLayer(F0, dt);
    this.t += dt;
    this.addBirths(F0);
    this.record.afterStep(this.t, this.eta, this.nReal);
    this.dtPrev = dt;
    this.steps++;
    const why = this.record.plateauStop(this.t, this.eta, F0.area);
    if (why !== null) { this.record.stop = why; return true; }
    if (this.debug && this.steps % 1000 === 0) console.error(this.steps, this.t, dt, this.eta, this.cohorts.length, this.nReal);
    return false;
  }

  /** step size: eta moves at most 0.2 mV, nuclei grow at most 5 %, at most T/2000, grows by 1.5x per step (past the
   * requested duration, under rule `flat`, the largest step grows with t: t/2000); all divided by `refine` */
  private stepSize(F0: Faradaic): number {
    const { T, t, res, ctl } = this;
    let dt = Math.min(this.dtPrev * (1 + 0.5 / res), Math.max(T, t) / (2000 * res), this.record.Tend - t);
    if (ctl.kind === 'galvanostatic') {
      const rate = Math.abs(ctl.current_A_per_m2 - F0.I) / (this.C + dt * F0.dI);
      if (rate > 0) dt = Math.min(dt, 2e-4 / res / rate);
    }
    if (!this.diffusion) dt = this.cohorts.growthBound(dt, F0.n1, this.sea ? this.sea.theta1(this.eta) : 0, t, !!this.sea);
    return dt;
  }

  /** nucleation over a step of dt (rates at its start, F0): the births of the step (this.births), the SAC sites they take */
  private nucleate(F0: Faradaic, dt: number): void {
    const { spec, law, phantoms, sea, eta } = this, b = this.births;
    const etaEff = F0.etaEff;
    // nucleation inside the zones at the sea's own overpotential, outside them at eta (rates per free site)
    const inside = sea && F0.theta < 1 ? Math.min(1, Math.max(0, (F0.zones - F0.theta) / (1 - F0.theta))) : 1;
    const jh = spec.ownMetal ? 0 : inside * law.hostRate(etaEff) + (1 - inside) * law.hostRate(eta);
    const js = spec.ownMetal ? 0 : inside * law.sacRate(etaEff) + (1 - inside) * law.sacRate(eta);
    // zoneOverlap `phantom`: SAC births of the extended process over this step (each unfired site once)
    const sacZone = phantoms && !spec.ownMetal ? this.sacExt * (1 - Math.exp(-law.sacRate(eta) * dt)) : 0;
    const sacFree = this.sacFree;
    // `phantom`: inside the zones from the sites no real nucleus has taken, outside them the extended births' share
    const fromSac = phantoms
      ? Math.min(sacFree, sacFree * (1 - Math.exp(-inside * law.sacRate(etaEff) * dt)) + (1 - inside) * sacZone)
      : sacFree * (1 - Math.exp(-js * dt));
    const dNext = jh * spec.hostSites_per_m2 * dt + fromSac;
    // the share of these births outside the zones (born in the undepleted sea at eta)
    const outHost = spec.ownMetal ? 0 : (1 - inside) * law.hostRate(eta);
    const outSac = phantoms ? (1 - inside) * sacZone : spec.ownMetal || js <= 0 ? 0 : (((1 - inside) * law.sacRate(eta)) / js) * fromSac;
    b.dOut = Math.min(dNext, outHost * spec.hostSites_per_m2 * dt + outSac);
    // zoneOverlap `phantom`: births at J(eta) over the whole electrode, inside the zones and on the metal too (the extended count)
    b.dZone = phantoms ? law.hostRate(eta) * spec.hostSites_per_m2 * dt + sacZone : 0;
    b.dNext = dNext;
    b.fromSac = fromSac;
    b.etaOutside = eta;
    b.etaInside = etaEff;
    this.sacExt -= sacZone;
    // a newborn outside nucleus's zone forms within one adatom lifetime
    b.lifetime = sea ? 1 / sea.exchange(eta) : 0;
    this.sacFree -= fromSac * (1 - F0.theta);
  }

  /** growth of the existing cohorts over dt (n1: the depleted sea's), and those that dissolve */
  private grow(dt: number, n1: number): void {
    const sea = this.sea;
    this.cohorts.grow(dt, n1, sea ? sea.theta1(this.eta) : 0, this.t, !!sea);
    this.nReal = this.cohorts.dissolve(this.nReal);
  }

  /** galvanostatic control: the double layer charges by the applied current less the faradaic one (linearised backward
   * Euler: stable when the faradaic current is stiff) */
  private chargeDoubleLayer(F0: Faradaic, dt: number): void {
    const ctl = this.ctl;
    if (ctl.kind === 'galvanostatic') this.eta += (dt * (ctl.current_A_per_m2 - F0.I)) / (this.C + dt * F0.dI);
  }

  /** the step's births (this.births) on the free area, at the step's end: counted, and pooled into cohorts */
  private addBirths(F0: Faradaic): void {
    const { dNext, dOut, dZone, fromSac } = this.births;
    if (!(dNext > 0 || dZone > 0)) return;
    const real = dNext * (1 - F0.theta);
    this.nReal += real;
    if (this.diffusion) { this.sumN += dNext; this.sumNt += dNext * this.t; return; }
    // births wait in `pending` until they are worth a cohort (1e4 per m2, or 2 % of the nuclei so far):
    // without it a slow trickle of nuclei makes one cohort per step
    // inside the zones a nucleus is born at the depleted sea's critical size (etaEff), outside them at eta's
    const outFrac = dNext > 0 ? dOut / dNext : 0;
    this.bornTotal += real; this.bornOutside += real * outFrac; this.bornSac += fromSac * (1 - F0.theta);
    this.pendExt += dNext * (1 - outFrac); this.pendReal += real * (1 - outFrac);
    this.pendOutExt += dNext * outFrac; this.pendOutReal += real * outFrac; this.pendOutZone += dZone;
    const { cohorts, res, t } = this;
    const threshold = Math.max(1e4 / res, (0.02 / res) * cohorts.extTotal);
    if (this.pendExt >= threshold) {
      cohorts.add(this.pendExt, this.pendReal, this.bornAtoms(this.births.etaInside), -1, 0, t);
      this.pendExt = 0; this.pendReal = 0;
    }
    // the zone count pools by the same rule on its own total (it can run far ahead of the real births once the zones cover most of the host)
    if (this.pendOutExt >= threshold || (this.phantoms && this.pendOutZone >= Math.max(1e4 / res, (0.02 / res) * cohorts.zoneTotal))) {
      cohorts.add(this.pendOutExt, this.pendOutReal, this.bornAtoms(this.births.etaOutside), t + this.births.lifetime, this.pendOutZone, t);
      this.pendOutExt = 0; this.pendOutReal = 0; this.pendOutZone = 0;
    }
  }

  /** the result, once the loop has ended */
  result(): ElectrodeResult {
    const { record, t, eta } = this;
    const Fend = this.faradaic(eta);
    record.push(t, eta, this.current(Fend), Fend, this.nReal);
    const { plateau_V: plateau, drift_V } = record.plateau(t, eta);
    return {
      trace: record.trace,
      peak_eta_V: record.peak,
      peak_t_s: record.peakT,
      plateau_eta_V: plateau,
      plateau_drift_V: drift_V,
      plateau_rule: record.flat ? 'flat' : 'end',
      plateau_stop: record.stop,
      plateau_t_s: t,
      metal_area_end: Fend.area,
      nucleation_overpotential_V: Math.max(0, record.peak - plateau),
      nuclei_at_peak_per_m2: record.nAtPeak,
      nuclei_end_per_m2: this.nReal,
      mean_radius_end_m: this.cohorts.meanRadius(),
      steps: this.steps,
      dissolved_per_m2: this.cohorts.dissolved,
      born_per_m2: { total: this.bornTotal, outside_zones: this.bornOutside, on_sac: this.bornSac },
    };
  }
}

export function simulateElectrode(spec: ElectrodeSpec): ElectrodeResult {
  const run = new ElectrodeRun(spec);
  const Tend = run.record.Tend;
  while (run.t < Tend) if (run.step()) break;
  return run.result();
}

/**
 * Classical nucleation law for a hemispherical cap (Volmer-Weber), used to test the electrode
 * stage on its own and as the form the atomistic rates are fitted to (rate.ts):
 * n*(eta) = (b / eta)^3, J(eta) = K exp(-B / eta^2); the Gibbs-Thomson inverse is eta = b / n^(1/3).
 */
export function classicalLaw(p: { K_host_per_s: number; K_sac_per_s: number; B_host_V2: number; B_sac_V2: number; b_V: number }): NucleationLaw {
  return {
    hostRate: (eta) => (eta > 0 ? p.K_host_per_s * Math.exp(-p.B_host_V2 / (eta * eta)) : 0),
    sacRate: (eta) => (eta > 0 ? p.K_sac_per_s * Math.exp(-p.B_sac_V2 / (eta * eta)) : 0),
    criticalSize: (eta) => (eta > 0 ? Math.min(1e9, (p.b_V / eta) ** 3) : 1e9),
    equilibriumOverpotential: (n) => p.b_V / Math.cbrt(Math.max(n, 1e-9)),
  };
}

/** Scharifker-Hills dimensionless transients: (I/I_m)^2 as a function of t/t_m. */
export function scharifkerHills(kind: 'instantaneous' | 'progressive', tau: number): number {
  if (kind === 'instantaneous') return (1.9542 / tau) * (1 - Math.exp(-1.2564 * tau)) ** 2;
  return (1.2254 / tau) * (1 - Math.exp(-2.3367 * tau * tau)) ** 2;
}
