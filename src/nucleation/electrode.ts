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
 */
import { CONST } from '../units.js';
import { InputError } from '../errors.js';

/** What the atomistic stage (or an analytic law) gives the electrode stage. */
export interface NucleationLaw {
  /** nucleation rate per free host site at overpotential eta (V), 1/s */
  hostRate(eta_V: number): number;
  /** nucleation rate per free SAC site, 1/s */
  sacRate(eta_V: number): number;
  /** atoms in the critical nucleus at eta (V); a newborn nucleus holds n* + 1 atoms (at least 2) */
  criticalSize(eta_V: number): number;
  /** Gibbs-Thomson: the overpotential (V) at which a nucleus of n atoms is critical (inverse of criticalSize) */
  equilibriumOverpotential(atoms: number): number;
}

/**
 * The sea of lone adatoms on the free host (the surface-diffusion pathway of electrodeposition).
 * Per host site, with the atomistic stage's rate laws: reduction k_red = k0 exp(alpha f eta) onto a
 * free site, oxidation of a lone adatom k_ox = k0 exp(-(1 - alpha) f eta) oxFactor, oxFactor =
 * exp((3 E_mm - E_host)/kT), hops at `hop_per_s` per direction. The adatom fraction n1 relaxes in
 * nanoseconds to microseconds, so it is solved quasi-statically at every step from
 *   (1 - theta) S [k_red (1 - n1) - k_ox n1] = sum_c N_c kc (n1 - n1_GT(c)) + (n* + 1) J(eta_eff) (1 - theta) S
 * (S host sites per m2): reduction feeds the sea, oxidation and capture by the nuclei drain it, and
 * new nuclei take n* + 1 atoms each. Nucleation sees the sea's own supersaturation, eta_eff with
 * theta1(eta_eff) = n1 (so an undepleted sea gives eta_eff = eta, the state the atomistic stage
 * measured J in). Capture by a nucleus of footprint radius R (sites): reaction (B = 2 pi R bonds,
 * rate hop n1 per bond, as in the atomistic stage) and 2D diffusion to it (2 pi hop n1 / ln(Lambda / R))
 * in series, kc = hop B / (1 + (B / 2 pi) ln(Lambda / R)), Lambda = the smaller of the adatom's
 * diffusion length sqrt(hop / (k_red + k_ox)) and the radius of a nucleus's capture zone
 * 1 / sqrt(pi N) (the form validated against plain kMC in validation study nucleation-acceleration).
 * A nucleus also emits adatoms: its sea is in equilibrium at n1_GT = theta1(eta_GT(n)), so it grows from
 * the sea only while n1 exceeds that.
 * Exclusion zones: the balance above holds on the host inside discs of radius r + lambda a around the
 * nuclei ((Z - theta) S sites in place of (1 - theta) S); outside them the sea is undepleted (theta1(eta),
 * no net current) and nucleates at J(eta). `meanField` keeps one uniform sea.
 * How the zones overlap (`zoneOverlap`): Z = 1 - exp(-Z_ext), with Z_ext the extended zone area.
 *  - `phantom` (the default): the Kolmogorov-Johnson-Mehl-Avrami construction with nucleation excluded
 *    from the zones. Z_ext counts a zone around every nucleus that the undepleted rate J(eta) would have
 *    made anywhere on the electrode, those that fell inside a zone ("phantoms") included:
 *    dZ_ext/dt = J(eta) S pi (r + lambda a)^2 summed over birth times, and the real births outside the
 *    zones are J(eta) S (1 - Z) (Avrami, J. Chem. Phys. 7, 1103, 1939: the fictitious rate everywhere,
 *    the real one on the untransformed part; Scharifker and Mostany, J. Electroanal. Chem. 177, 13, 1984,
 *    for nucleation exclusion zones). At constant J and zone radius R: Z = 1 - exp(-J S pi R^2 t) and the
 *    nuclei saturate at 1 / (pi R^2). Births inside the zones at the depleted sea's J(eta_sea) <= J(eta)
 *    are a thinning of those phantoms and add nothing to Z_ext. SAC sites are Avrami's germ nuclei: each
 *    fires once in the extended process, in a zone or not (N0 (1 - exp(-k t)) at constant k), and the
 *    real births outside the zones come from the sites not yet fired in it.
 *  - `random`: Z_ext counts the real nuclei only (and the footprint phantoms of the metal area), as if
 *    the nuclei were placed at random; births outside then go on in the tail exp(-Z_ext) and the density
 *    grows as ln(1 + J S pi R^2 t) / (pi R^2) without bound (the stage before branch zones, kept for the
 *    record: it passes the packing bound of nuclei born outside every zone, see docs/nucleation.md).
 */
export interface SeaSpec {
  k0_per_s: number;
  oxFactor: number;
  hop_per_s: number;
  /** host site spacing, m */
  a_m: number;
  /** true: one uniform sea over the whole free host (the stage before the exclusion zones; kept for the record) */
  meanField?: boolean;
  /** how the exclusion zones overlap (see above): `phantom` (default, KJMA with phantom nuclei) or `random` (real nuclei only, for the record) */
  zoneOverlap?: 'phantom' | 'random';
}

export type Growth =
  | { kind: 'interface' }
  | { kind: 'diffusion'; D_m2_per_s: number; c0_mol_per_m3: number; molarMass_kg_per_mol: number; density_kg_per_m3: number };

export type Control =
  | { kind: 'galvanostatic'; current_A_per_m2: number; duration_s: number }
  | { kind: 'potentiostatic'; eta_V: number; duration_s: number };

/**
 * Where a galvanostatic run reads its plateau (the nucleation overpotential is the peak minus it).
 *  - `end`: the time-weighted mean of eta over the last 10 % of the requested duration, whatever eta
 *    is doing there (the reading before branch plateau; kept so earlier studies stay reproducible).
 *  - `flat`: the run goes on past the requested duration until the plateau is one: the reading
 *    window [0.9 t, t] lies after the peak and eta moves by less than `drift_V` over it, or the metal
 *    covers at least `closedArea` of the electrode (the film has closed), or (a run with no dip, e.g. a
 *    foil) eta's whole range over the window is below `drift_V`; the run stops at
 *    `maxDuration_s` whatever happens (reported as the cap being hit). The plateau is the
 *    time-weighted mean of eta over that window. This is how a cycler's voltage curve is read: the
 *    dip minus the flat growth plateau that follows it.
 */
export type PlateauRule =
  | { rule: 'end' }
  | { rule: 'flat'; drift_V: number; closedArea: number; maxDuration_s: number };

export interface ElectrodeSpec {
  z: number;
  atomicVolume_m3: number;
  i0_A_per_m2: number;
  alpha: number;
  T_K: number;
  hostSites_per_m2: number;
  sacSites_per_m2: number;
  Cdl_F_per_m2: number;
  law: NucleationLaw;
  growth: Growth;
  control: Control;
  /** the substrate is the metal itself (a foil): the whole area is metal from t = 0 */
  ownMetal?: boolean;
  /** the sea of lone adatoms on the free host as a state of the electrode (see SeaSpec); absent = nuclei grow only by direct reduction on their own surface */
  sea?: SeaSpec;
  /** where the plateau is read (galvanostatic only; default `end`: the requested duration is the run) */
  plateau?: PlateauRule;
  /** number of trace samples kept (default 400) */
  samples?: number;
  /** time resolution of the stage (default 1): k divides every step bound (eta's move per step, a nucleus's
   * growth per step, the largest step, the first step, the step's growth beyond 1) and the cohort
   * tolerances (pooling of births, merging of cohorts) by k; a convergence check, not a physics setting */
  refine?: number;
}

export interface ElectrodeSample {
  t_s: number;
  eta_V: number;
  current_A_per_m2: number;
  nuclei_per_m2: number;
  metalArea: number;
  /** the adatom sea's own overpotential (the supersaturation nucleation sees), V; eta itself without the sea */
  seaEta_V: number;
  /** current carried by reduction on the free host through the sea, A/m2 (the rest is reduction on the nuclei) */
  seaCurrent_A_per_m2: number;
  /** fraction of the electrode inside the nuclei's exclusion zones, footprints included (Avrami over the zones); 1 with
   * `meanField`, 0 without the sea. A diagnostic: births outside the zones go on at J(eta) on the rest, 1 - zoneCover */
  zoneCover: number;
  /** the zones' reach beyond a nucleus's edge, lambda a (the adatom's diffusion length at eta), m; 0 without the sea */
  zoneReach_m: number;
}

export interface ElectrodeResult {
  trace: ElectrodeSample[];
  peak_eta_V: number;
  peak_t_s: number;
  /** time-weighted mean eta over the reading window: the last 10 % of the run (rule `end`: of the requested duration) */
  plateau_eta_V: number;
  /** the rule the plateau was read by, and why the run stopped: `end` (requested duration), `flat` (drift below the
   * threshold), `film-closed` (metal area at the threshold), `cap` (rule `flat` hit its longest duration unflat) */
  plateau_rule: 'end' | 'flat';
  plateau_stop: 'end' | 'flat' | 'film-closed' | 'cap';
  /** the time the plateau window ends (the run's end), s */
  plateau_t_s: number;
  /** eta at the start of the last 10 % minus eta at the end, V: about 0 when the plateau is flat (the film has closed);
   * while the nuclei still spread over the host eta keeps falling and the `plateau` is a point on that fall */
  plateau_drift_V: number;
  /** metal area per electrode area at the end (1 = a closed film) */
  metal_area_end: number;
  nucleation_overpotential_V: number;
  nuclei_at_peak_per_m2: number;
  nuclei_end_per_m2: number;
  /** number-weighted mean radius of the nuclei at the end (extended hemispheres, overlap ignored), m */
  mean_radius_end_m: number;
  steps: number;
  /** nuclei per m2 that dissolved (shrank below one atom) during the run: a nucleus born supercritical should rarely do so */
  dissolved_per_m2: number;
  /** real nuclei born per m2 over the run (before any dissolved): all, those born outside the exclusion zones (in the
   * undepleted sea, at eta), and those born on SAC sites; a diagnostic of where nucleation happened */
  born_per_m2: { total: number; outside_zones: number; on_sac: number };
}

/** `nZone`: nuclei per m2 whose zones this cohort stands for in the extended zone area (zoneOverlap `phantom`: the
 * births at J(eta) over the whole electrode in the cohort's pooling interval, phantoms included; 0 for cohorts born
 * inside the zones); `outsideUntil_s`: a nucleus born outside the exclusion zones captures from the undepleted outside sea
 * (theta1(eta)) until this time, when its own zone has formed (one adatom lifetime 1/(k_red + k_ox) after
 * birth); -1 for nuclei born inside the zones (they see the depleted sea from birth) */
interface Cohort { nExt: number; nReal: number; nZone: number; atoms: number; born_s: number; bornAtoms: number; r: number; i: number; share: number; kc: number; n1GT: number; outsideUntil_s: number; eqEta: number; }

/** Butler-Volmer current density, A/m2, cathodic positive. */
export function butlerVolmer(i0: number, alpha: number, f: number, eta: number): number {
  return i0 * (Math.exp(alpha * f * eta) - Math.exp(-(1 - alpha) * f * eta));
}
function dButlerVolmer(i0: number, alpha: number, f: number, eta: number): number {
  return i0 * f * (alpha * Math.exp(alpha * f * eta) + (1 - alpha) * Math.exp(-(1 - alpha) * f * eta));
}

/** Hemisphere of n atoms of volume Omega: radius, m. */
export function hemisphereRadius(atoms: number, omega_m3: number): number {
  return Math.cbrt((3 * atoms * omega_m3) / (2 * Math.PI));
}

export function simulateElectrode(spec: ElectrodeSpec): ElectrodeResult {
  const f = CONST.e / (CONST.kB * spec.T_K);
  const { i0_A_per_m2: i0, alpha, law, z } = spec;
  const omega = spec.atomicVolume_m3;
  /** atoms of a nucleus born at overpotential e: one more than the critical size, at least 2 */
  const bornAtoms = (e: number): number => Math.max(2, law.criticalSize(e) + 1);
  const ctl = spec.control;
  const T = ctl.duration_s;
  const diffusion = spec.growth.kind === 'diffusion' ? spec.growth : undefined;
  if (diffusion && ctl.kind !== 'potentiostatic') throw new Error('diffusion-controlled growth is implemented for potentiostatic control only');
  const kSH = diffusion ? Math.sqrt((8 * Math.PI * diffusion.c0_mol_per_m3 * diffusion.molarMass_kg_per_mol) / diffusion.density_kg_per_m3) : 0;

  const cohorts: Cohort[] = [];
  let eta = ctl.kind === 'potentiostatic' ? ctl.eta_V : 0;
  let t = 0;
  let nReal = 0;
  let sacFree = spec.sacSites_per_m2;
  let sumNt = 0, sumN = 0; // diffusion zones: theta_ext = pi k D (t sumN - sumNt)

  const sea = spec.ownMetal || diffusion ? undefined : spec.sea;
  const S = spec.hostSites_per_m2;
  /** lone-adatom fraction of an undepleted sea at eta, and its inverse (the sea's own overpotential) */
  const theta1 = (e: number) => { const q = Math.exp(f * e) / sea!.oxFactor; return q / (1 + q); };
  const etaOfSea = (x: number) => Math.log((x / (1 - x)) * sea!.oxFactor) / f;
  let etaEff = 0;
  let pendExt = 0, pendReal = 0, extTotal = 0, dissolved = 0;
  // births outside the exclusion zones wait apart (pendOut*): they are born at eta's critical size, not the depleted sea's
  let pendOutExt = 0, pendOutReal = 0;
  // zoneOverlap `phantom`: the extended zone count (births at J(eta) over the whole electrode) waits with the outside births
  const phantoms = !!sea && !sea.meanField && (sea.zoneOverlap ?? 'phantom') === 'phantom';
  if (sea && sea.zoneOverlap !== undefined && sea.zoneOverlap !== 'phantom' && sea.zoneOverlap !== 'random') throw new InputError('sea.zoneOverlap', sea.zoneOverlap, "'phantom' or 'random'");
  let pendOutZone = 0, zoneTotal = 0;
  // zoneOverlap `phantom`: SAC sites that have not fired in the extended process (each is a germ that fires once, in a zone
  // or not: Avrami's germ nuclei), so the phantoms on SAC sites never exceed the sites; the real births outside the zones
  // come from these too (a site outside every zone has fired iff it fired in the extended process)
  let sacExt = spec.sacSites_per_m2;
  let bornTotal = 0, bornOutside = 0, bornSac = 0;

  interface Faradaic { I: number; dI: number; area: number; theta: number; n1: number; etaEff: number; Isea: number; zones: number; reach: number }
  /** the sea at overpotential e, given capture A n1 - Bsum by the nuclei: n1, its eta_eff and the host's net reduction flux per m2 */
  const solveSea = (e: number, zoneHost: number, A: number, Bsum: number): { n1: number; etaEff: number; flux: number } => {
    const k0 = sea!.k0_per_s;
    const kr = k0 * Math.exp(alpha * f * e), ko = k0 * Math.exp(-(1 - alpha) * f * e) * sea!.oxFactor;
    const Sf = zoneHost * S;
    const g = (x: number) => {
      const ee = etaOfSea(x);
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
      const ee = etaOfSea(x);
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
    return { n1: x, etaEff: etaOfSea(x), flux: Sf * (kr * (1 - x) - ko * x) };
  };

  // The loops over the cohorts are functions of their own (sums handed back in `acc`), so the JIT optimises each
  // one soon and apart from the long step loop; indexed loops, as for-of allocates an iterator result per cohort
  // until it is optimised. Same operations in the same order as when they were written inline: the same numbers.
  const acc = new Float64Array(3);
  /** radii; acc = [extended metal area, extended footprint, real nuclei] per electrode area */
  const cohortAreas = (): void => {
    let ext = 0, footprint = 0, nTot = 0;
    for (let k = 0; k < cohorts.length; k++) {
      const c = cohorts[k]!;
      c.r = hemisphereRadius(c.atoms, omega);
      ext += c.nExt * 2 * Math.PI * c.r * c.r;
      footprint += c.nExt * Math.PI * c.r * c.r;
      nTot += c.nReal;
    }
    acc[0] = ext; acc[1] = footprint; acc[2] = nTot;
  };
  /** direct reduction on each cohort at overpotential e; acc = [I, dI/deta] */
  const cohortCurrents = (e: number, scale: number): void => {
    let I = 0, dI = 0;
    for (let k = 0; k < cohorts.length; k++) {
      const c = cohorts[k]!;
      c.share = 1;
      const w = c.nExt * 2 * Math.PI * c.r * c.r * scale;
      c.eqEta = law.equilibriumOverpotential(c.atoms); // kept for the sea's n1GT below (atoms do not change in between)
      const de = e - c.eqEta;
      // butlerVolmer and dButlerVolmer written out with their two exponentials computed once (same expressions, same numbers)
      const ea = Math.exp(alpha * f * de), eb = Math.exp(-(1 - alpha) * f * de);
      c.i = i0 * (ea - eb); // current density on this cohort's surface, kept for the step
      I += w * c.i;
      dI += w * (i0 * f * (alpha * ea + (1 - alpha) * eb));
    }
    acc[0] = I; acc[1] = dI;
  };
  /** the extended exclusion zones: sum of N pi (r + reach)^2, N the cohort's zone count (phantoms included) or, with
   * zoneOverlap `random`, its extended nuclei (the real ones and the footprint phantoms) */
  const zoneSum = (reach: number): number => {
    let zoneExt = 0;
    if (phantoms) for (let k = 0; k < cohorts.length; k++) { const c = cohorts[k]!; zoneExt += c.nZone * Math.PI * (c.r + reach) ** 2; }
    else for (let k = 0; k < cohorts.length; k++) { const c = cohorts[k]!; zoneExt += c.nExt * Math.PI * (c.r + reach) ** 2; }
    return zoneExt;
  };
  /** capture coefficients; acc = [A, Bsum, capture by young outside nuclei] of the sea's balance */
  const captures = (a: number, hop: number, Lam: number, xOut: number): void => {
    let A = 0, Bsum = 0, youngCapture = 0;
    for (let k = 0; k < cohorts.length; k++) {
      const c = cohorts[k]!;
      const R = Math.max(c.r / a, 0.5);
      const B = 2 * Math.PI * R;
      c.kc = (hop * B) / (1 + (B / (2 * Math.PI)) * Math.max(0, Math.log(Lam / R)));
      c.n1GT = theta1(c.eqEta);
      if (c.outsideUntil_s > t) { youngCapture += c.nReal * c.kc * (xOut - c.n1GT); continue; }
      A += c.nReal * c.kc;
      Bsum += c.nReal * c.kc * c.n1GT;
    }
    acc[0] = A; acc[1] = Bsum; acc[2] = youngCapture;
  };

  /** faradaic current and its derivative in eta, with the metal area (and the sea, when modelled) */
  const faradaic = (e: number): Faradaic => {
    if (diffusion) {
      const thetaExt = Math.PI * kSH * diffusion.D_m2_per_s * (t * sumN - sumNt);
      const theta = 1 - Math.exp(-thetaExt);
      const cott = t > 0 ? (z * CONST.F * diffusion.c0_mol_per_m3 * Math.sqrt(diffusion.D_m2_per_s)) / Math.sqrt(Math.PI * t) : 0;
      return { I: cott * theta, dI: 0, area: theta, theta, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    }
    if (spec.ownMetal) return { I: butlerVolmer(i0, alpha, f, e), dI: dButlerVolmer(i0, alpha, f, e), area: 1, theta: 1, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    cohortAreas();
    const ext = acc[0]!, footprint = acc[1]!, nTot = acc[2]!;
    const area = 1 - Math.exp(-ext);
    const theta = 1 - Math.exp(-footprint);
    // direct reduction on the nuclei; the extended nuclei grow at their free rate (Avrami), the current counts the real area
    const scale = ext > 0 ? area / ext : 0;
    cohortCurrents(e, scale);
    const I = acc[0]!, dI = acc[1]!;
    if (!sea) return { I, dI, area, theta, n1: 0, etaEff: e, Isea: 0, zones: 0, reach: 0 };
    // the sea: capture coefficients of the nuclei (independent of n1), then n1 from the balance
    const a = sea.a_m, hop = sea.hop_per_s;
    const k0 = sea.k0_per_s;
    const lam = Math.sqrt(hop / (k0 * Math.exp(alpha * f * e) + k0 * Math.exp(-(1 - alpha) * f * e) * sea.oxFactor));
    const zone = nTot > 0 ? 1 / (a * Math.sqrt(Math.PI * nTot)) : Infinity;
    const Lam = Math.min(lam, zone);
    // exclusion zones (the classical construction: Scharifker-Hills diffusion zones, Milchev's nucleation
    // exclusion zones): a nucleus depletes the sea only within about one diffusion length of its edge; beyond,
    // the sea is at its undepleted state theta1(eta), carries no net current and nucleates at J(eta). The zones
    // overlap by Avrami: area fraction 1 - exp(-sum N pi (r + lambda a)^2), footprints included, N the cohorts' zone
    // counts (phantom births included) or, with zoneOverlap `random`, their extended nuclei (zoneSum).
    // with phantoms, the zones of the births still pooling count at once (at the size they are born with): the count can
    // grow by orders of magnitude while the zones cover the host, and a lag of the pool's 2 % would let births through
    const zoneExt = zoneSum(lam * a) + (phantoms && pendOutZone > 0 ? pendOutZone * Math.PI * (hemisphereRadius(bornAtoms(e), omega) + lam * a) ** 2 : 0);
    const zones = sea.meanField ? 1 : Math.max(theta, 1 - Math.exp(-zoneExt));
    const xOut = theta1(e);
    captures(a, hop, Lam, xOut);
    const A = acc[0]!, Bsum = acc[1]!, youngCapture = acc[2]!;
    const zoneHost = zones - theta;
    const s0 = solveSea(e, zoneHost, A, Bsum);
    const de = 1e-5;
    const s1 = solveSea(e + de, zoneHost, A, Bsum);
    const q = z * CONST.e;
    // nuclei born outside the zones take their atoms from the undepleted sea, which reduction refills there
    const outside = 1 - zones;
    // and nuclei born there capture from it until their own zone forms (youngCapture), which reduction also refills
    const Iout = (outside > 0 && e > 0 ? q * (law.criticalSize(e) + 1) * (law.hostRate(e) * S + law.sacRate(e) * (phantoms ? sacExt : sacFree)) * outside : 0) + q * youngCapture;
    return { I: I + q * s0.flux + Iout, dI: dI + (q * (s1.flux - s0.flux)) / de, area, theta, n1: s0.n1, etaEff: s0.etaEff, Isea: q * s0.flux + Iout, zones, reach: lam * a };
  };

  /** atoms per second a nucleus of the cohort gains: direct reduction on its real surface, plus net capture from the sea */
  const growth = (c: Cohort, x: number): number =>
    (2 * Math.PI * c.r * c.r * c.i * c.share) / (z * CONST.e) + (sea ? c.kc * ((c.outsideUntil_s > t ? theta1(eta) : x) - c.n1GT) : 0);

  const trace: ElectrodeSample[] = [];
  const nSamples = spec.samples ?? 400;
  let nextSample = 0;
  // samples also at log-spaced times (5 % apart from T * 1e-7): the galvanostatic peak comes in the first milliseconds
  let nextLog = T * 1e-7;
  let peak = -Infinity, peakT = 0, nAtPeak = 0;
  // eta after every step (the plateau window is read from it)
  const histT: number[] = [], histEta: number[] = [];
  const flat = spec.plateau?.rule === 'flat' && ctl.kind === 'galvanostatic' ? spec.plateau : undefined;
  if (flat && !(flat.maxDuration_s >= T)) throw new Error(`plateau cap (${flat.maxDuration_s} s) below the requested duration (${T} s)`);
  const Tend = flat ? flat.maxDuration_s : T;
  let stop: ElectrodeResult['plateau_stop'] = flat ? 'cap' : 'end';
  /** eta at time x (linear between steps) */
  const etaAt = (x: number): number => {
    let lo = 0, hi = histT.length - 1;
    if (hi < 0) return eta;
    if (x <= histT[0]!) return histEta[0]!;
    while (hi - lo > 1) { const m = (lo + hi) >> 1; if (histT[m]! <= x) lo = m; else hi = m; }
    const t0 = histT[lo]!, t1 = histT[hi]!;
    return t1 > t0 ? histEta[lo]! + ((histEta[hi]! - histEta[lo]!) * (x - t0)) / (t1 - t0) : histEta[hi]!;
  };
  /** dt limited so that no nucleus changes by more than 5 % of its atoms in a step (the cohort loops are their
   * own functions, so the JIT optimises them apart from the long step loop and its rarely taken branches) */
  const growthBound = (dt0: number, x: number): number => {
    let dt = dt0;
    for (let k = 0; k < cohorts.length; k++) {
      const c = cohorts[k]!;
      // direct reduction (either sign) and net loss to the sea: at most 5 % of a nucleus per step;
      // net capture from the sea is not limited: the sea is solved with every nucleus's capture, so
      // whatever a step gives the nuclei is what the host's reduction supplied (mass follows the charge)
      const direct = Math.abs((2 * Math.PI * c.r * c.r * c.i * c.share) / (z * CONST.e));
      const fromSea = sea ? c.kc * ((c.outsideUntil_s > t ? theta1(eta) : x) - c.n1GT) : 0;
      const g = direct + (fromSea < 0 ? -fromSea : 0);
      if (g > 0) dt = Math.min(dt, (0.05 / res * c.atoms) / g);
    }
    return dt;
  };
  const growAll = (dt: number, x: number): void => {
    for (let k = 0; k < cohorts.length; k++) { const c = cohorts[k]!; c.atoms += growth(c, x) * dt; }
  };
  /** rule `flat`, once past the requested duration: why the run stops after this step (null: it goes on). A function
   * asked at every step, so that the branches first taken late in the run do not send the step loop's optimised
   * code back to the interpreter (a recompilation of the whole loop each time) */
  const plateauStop = (area: number): ElectrodeResult['plateau_stop'] | null => {
    if (!flat || t < T) return null;
    if (peakT < 0.9 * t) {
      if (area >= flat.closedArea) return 'film-closed';
      if (Math.abs(etaAt(0.9 * t) - eta) < flat.drift_V) return 'flat';
    } else {
      // no dip (a foil: eta rises to its Butler-Volmer value and stays): flat once eta's whole range over the window is below the threshold
      let lo = Infinity, hi = -Infinity;
      for (let k = histT.length - 1; k >= 0 && histT[k]! >= 0.9 * t; k--) { lo = Math.min(lo, histEta[k]!); hi = Math.max(hi, histEta[k]!); }
      if (hi - lo < flat.drift_V) return 'flat';
    }
    return null;
  };
  let steps = 0;
  const debug = !!process.env.NUC_DEBUG; // read once: an environment lookup every step costs
  const res = spec.refine ?? 1;
  if (!(res >= 1)) throw new Error(`refine must be >= 1 (got ${res})`);
  let dtPrev = Math.min(T / 1e6, 1e-7) / res;
  const C = spec.Cdl_F_per_m2;

  while (t < Tend) {
    const F0 = faradaic(eta);
    if (t >= nextSample || (t >= nextLog && t < T / nSamples)) {
      while (nextLog <= t) nextLog *= 1.05;
      trace.push({ t_s: t, eta_V: eta, current_A_per_m2: ctl.kind === 'galvanostatic' ? ctl.current_A_per_m2 : F0.I, nuclei_per_m2: nReal, metalArea: F0.area, seaEta_V: F0.etaEff, seaCurrent_A_per_m2: F0.Isea, zoneCover: F0.zones, zoneReach_m: F0.reach });
      if (t >= nextSample) nextSample += Math.max(T, t) / nSamples;
    }
    // step size: eta moves at most 0.2 mV, nuclei grow at most 5 %, at most T/2000, grows by 1.5x per step
    // (past the requested duration, under rule `flat`, the largest step grows with t: t/2000)
    let dt = Math.min(dtPrev * (1 + 0.5 / res), Math.max(T, t) / (2000 * res), (flat ? Tend : T) - t);
    if (ctl.kind === 'galvanostatic') {
      const rate = Math.abs(ctl.current_A_per_m2 - F0.I) / (C + dt * F0.dI);
      if (rate > 0) dt = Math.min(dt, 2e-4 / res / rate);
    }
    if (!diffusion) dt = growthBound(dt, F0.n1);
    // nucleation over this step (rates at the start of the step)
    etaEff = F0.etaEff;
    // nucleation inside the zones at the sea's own overpotential, outside them at eta (rates per free site)
    const inside = sea && F0.theta < 1 ? Math.min(1, Math.max(0, (F0.zones - F0.theta) / (1 - F0.theta))) : 1;
    const jh = spec.ownMetal ? 0 : inside * law.hostRate(etaEff) + (1 - inside) * law.hostRate(eta);
    const js = spec.ownMetal ? 0 : inside * law.sacRate(etaEff) + (1 - inside) * law.sacRate(eta);
    // zoneOverlap `phantom`: SAC births of the extended process over this step (each unfired site once)
    const sacZone = phantoms && !spec.ownMetal ? sacExt * (1 - Math.exp(-law.sacRate(eta) * dt)) : 0;
    // `phantom`: inside the zones from the sites no real nucleus has taken, outside them the extended births' share
    const fromSac = phantoms
      ? Math.min(sacFree, sacFree * (1 - Math.exp(-inside * law.sacRate(etaEff) * dt)) + (1 - inside) * sacZone)
      : sacFree * (1 - Math.exp(-js * dt));
    const dNext = jh * spec.hostSites_per_m2 * dt + fromSac;
    // the share of these births outside the zones (born in the undepleted sea at eta)
    const etaBirthOut = eta;
    const outHost = spec.ownMetal ? 0 : (1 - inside) * law.hostRate(eta);
    const outSac = phantoms ? (1 - inside) * sacZone : spec.ownMetal || js <= 0 ? 0 : (((1 - inside) * law.sacRate(eta)) / js) * fromSac;
    const dOut = Math.min(dNext, outHost * spec.hostSites_per_m2 * dt + outSac);
    // zoneOverlap `phantom`: births at J(eta) over the whole electrode, inside the zones and on the metal too (the extended count)
    const dZone = phantoms ? law.hostRate(eta) * spec.hostSites_per_m2 * dt + sacZone : 0;
    sacExt -= sacZone;
    // a newborn outside nucleus's zone forms within one adatom lifetime
    const lifetime = sea ? 1 / (sea.k0_per_s * Math.exp(alpha * f * eta) + sea.k0_per_s * Math.exp(-(1 - alpha) * f * eta) * sea.oxFactor) : 0;
    sacFree -= fromSac * (1 - F0.theta);
    // grow existing cohorts
    if (!diffusion) {
      growAll(dt, F0.n1);
      // a nucleus that shrinks below one atom has dissolved
      for (let k = cohorts.length - 1; k >= 0; k--) {
        const c = cohorts[k]!;
        if (c.atoms < 1) { nReal -= c.nReal; extTotal -= c.nExt; zoneTotal -= c.nZone; dissolved += c.nReal; cohorts.splice(k, 1); }
      }
    }
    // double layer (linearised backward Euler: stable when the faradaic current is stiff)
    if (ctl.kind === 'galvanostatic') eta += (dt * (ctl.current_A_per_m2 - F0.I)) / (C + dt * F0.dI);
    t += dt;
    if (dNext > 0 || dZone > 0) {
      const real = dNext * (1 - F0.theta);
      nReal += real;
      if (diffusion) { sumN += dNext; sumNt += dNext * t; }
      else {
        // births wait in `pending` until they are worth a cohort (1e4 per m2, or 2 % of the nuclei so far):
        // without it a slow trickle of nuclei makes one cohort per step
        // inside the zones a nucleus is born at the depleted sea's critical size (etaEff), outside them at eta's
        const outFrac = dNext > 0 ? dOut / dNext : 0;
        bornTotal += real; bornOutside += real * outFrac; bornSac += fromSac * (1 - F0.theta);
        pendExt += dNext * (1 - outFrac); pendReal += real * (1 - outFrac);
        pendOutExt += dNext * outFrac; pendOutReal += real * outFrac; pendOutZone += dZone;
        const addCohort = (nExt: number, nReal_: number, born: number, until: number, nZone: number) => {
          const last = cohorts[cohorts.length - 1];
          if (last && (last.outsideUntil_s > t) === (until > t) && Math.abs(last.atoms - born) / born < 0.05 / res && Math.abs(last.bornAtoms - born) / born < 0.05 / res) {
            // weighted by the extended nuclei; two pools of phantoms only (no real birth: the zones cover the host to the
            // last digit) by their zone counts, where the extended ones would give 0 / 0
            const real_ = last.nExt + nExt > 0, wLast = real_ ? last.nExt : last.nZone, wNew = real_ ? nExt : nZone;
            last.atoms = (last.atoms * wLast + born * wNew) / (wLast + wNew);
            last.nExt += nExt;
            last.nReal += nReal_;
            last.nZone += nZone;
          } else cohorts.push({ nExt, nReal: nReal_, nZone, atoms: born, born_s: t, bornAtoms: born, r: hemisphereRadius(born, omega), i: 0, share: 0, kc: 0, n1GT: 0, outsideUntil_s: until, eqEta: 0 });
          extTotal += nExt;
          zoneTotal += nZone;
        };
        const threshold = Math.max(1e4 / res, (0.02 / res) * extTotal);
        if (pendExt >= threshold) {
          addCohort(pendExt, pendReal, bornAtoms(etaEff), -1, 0);
          pendExt = 0; pendReal = 0;
        }
        // the zone count pools by the same rule on its own total (it can run far ahead of the real births once the zones cover most of the host)
        if (pendOutExt >= threshold || (phantoms && pendOutZone >= Math.max(1e4 / res, (0.02 / res) * zoneTotal))) {
          addCohort(pendOutExt, pendOutReal, bornAtoms(etaBirthOut), t + lifetime, pendOutZone);
          pendOutExt = 0; pendOutReal = 0; pendOutZone = 0;
        }
      }
    }
    if (eta > peak) { peak = eta; peakT = t; nAtPeak = nReal; }
    histT.push(t); histEta.push(eta);
    dtPrev = dt;
    steps++;
    const why = plateauStop(F0.area);
    if (why !== null) { stop = why; break; }
    if (debug && steps % 1000 === 0) console.error(steps, t, dt, eta, cohorts.length, nReal);
  }
  const Fend = faradaic(eta);
  trace.push({ t_s: t, eta_V: eta, current_A_per_m2: ctl.kind === 'galvanostatic' ? ctl.current_A_per_m2 : Fend.I, nuclei_per_m2: nReal, metalArea: Fend.area, seaEta_V: Fend.etaEff, seaCurrent_A_per_m2: Fend.Isea, zoneCover: Fend.zones, zoneReach_m: Fend.reach });
  // time-weighted plateau over the last 10 % (rule `end`: of the requested duration, which is the run)
  const tail: { t: number; eta: number }[] = [];
  const windowEnd = flat ? t : T;
  for (let i = 0; i < histT.length; i++) if (histT[i]! >= 0.9 * windowEnd) tail.push({ t: histT[i]!, eta: histEta[i]! });
  let num = 0, den = 0;
  for (let i = 1; i < tail.length; i++) {
    const dtt = tail[i]!.t - tail[i - 1]!.t;
    num += dtt * tail[i]!.eta; den += dtt;
  }
  const plateau = den > 0 ? num / den : eta;
  let nSum = 0, rSum = 0;
  for (const c of cohorts) { nSum += c.nReal; rSum += c.nReal * hemisphereRadius(c.atoms, omega); }
  return {
    trace,
    peak_eta_V: peak,
    peak_t_s: peakT,
    plateau_eta_V: plateau,
    plateau_drift_V: tail.length ? tail[0]!.eta - eta : 0,
    plateau_rule: flat ? 'flat' : 'end',
    plateau_stop: stop,
    plateau_t_s: t,
    metal_area_end: Fend.area,
    nucleation_overpotential_V: Math.max(0, peak - plateau),
    nuclei_at_peak_per_m2: nAtPeak,
    nuclei_end_per_m2: nReal,
    mean_radius_end_m: nSum > 0 ? rSum / nSum : 0,
    steps,
    dissolved_per_m2: dissolved,
    born_per_m2: { total: bornTotal, outside_zones: bornOutside, on_sac: bornSac },
  };
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
