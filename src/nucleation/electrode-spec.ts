/**
 * What the electrode stage of the nucleation model (electrode.ts) is given and what it gives back:
 * the nucleation law, the adatom sea, growth, control and plateau rule of a run, its trace sample and
 * its result. Types only; the physics of each is set out where it is declared.
 */

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

/** The faradaic state of the electrode at one overpotential (internal to the stage: electrode.ts computes it, the
 * record and the step read it): current and its derivative in eta, metal area, footprint coverage theta, the sea's
 * n1 and its own overpotential, the current through the sea, the zones' cover and their reach beyond a nucleus. */
export interface Faradaic { I: number; dI: number; area: number; theta: number; n1: number; etaEff: number; Isea: number; zones: number; reach: number }
