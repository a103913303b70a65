/**
 * Growth past Sand's time led by the anions' space-charge layer (`cell: { space_charge: chazalviel }`; MODEL.md 8.1;
 * Chazalviel, Phys. Rev. A 42, 7355 (1990); Fleury, Chazalviel, Rosso, Sapoval, J. Electroanal. Chem. 290, 249 (1990);
 * Rosso, Electrochim. Acta 53, 250 (2007)).
 *
 * When the anion concentration at the electrode reaches zero a region free of anions forms there: the anions drift
 * away at v_a = mu_a E (E = J / kappa the bulk field, kappa = F c0 (mu_a + mu_c) of dilute theory), the cations they leave carry the current across it to the metal
 * at its edge, and the deposit grows into the liquid at v_a, ramified, led by its tips. In the model (fields/transport.ts
 * calls these): during a galvanostatic plating step, at the field scan that finds the rate-weighted surface
 * concentration at Sand's onset (rho <= cell.sand_fraction), the zone's edge starts at the highest reduction site's
 * layer z0 and moves up at v_a on the galvanostat's clock, z_f(t) = z0 + v_a (t - t_on) / a. From then on the whole
 * current goes to the reduction sites of the edge's layer: the highest layer with a reduction site at or below
 * floor(z_f) (the lowest site's layer when none is). A drawn reduction there is accepted; every other is a null event.
 * The salt it takes still leaves its cell (and what the cell lacks is settled from the joined liquid: salt exact). The
 * zone ends with the step.
 *
 * Numbers (branch chazal4; review77 finding 1): v_a = mu_a J / kappa with Chazalviel's kappa = F c0 (mu_a + mu_c), the
 * same dilute theory's bulk conductivity, i.e. v_a = t_a J / (F c0) = (1 - t+) J / (F c0) with the set's t+ and c0. This
 * is the front his charge balance allows: the region behind the front is anion-free and the metal deposited there
 * neutralises it, J / (F v_a) = c0 / t_a of metal per swept volume, so v_a <= J / (F c0) (the neutrality bound). Until
 * chazal4 the set's *measured* kappa was used (mu_a = D_a e / kT, D_a = D / (2 t+)): it implied t_a = 1.34 for
 * LiPF6-EC-DMC and broke that bound in four of five sets, so it was removed. LiPF6-EC-DMC: v_a / J = 6.426e-9 m/s per
 * A/m2, 0.06426 um/s per mA/cm2 (docs/transport.md, "Past Sand's time: the anions' space-charge layer").
 *
 * The readings past the onset (branch chazal2; docs/transport.md, "The cell voltage in the zone"): the zone's own
 * potential drop is the space-charge-limited (Mott-Gurney) drop of a region free of anions whose current the cations
 * carry by drift alone (the space-charge region of Chazalviel 1990: J = e c+ mu_c E and Poisson's dE/dx = e c+ / eps give
 * E(x) = sqrt(2 J x / (eps mu_c)); Mott & Gurney, Electronic Processes in Ionic Crystals (1940), ch. V):
 * V_sc = sqrt(8 J W^3 / (9 eps mu_c)), W the zone's thickness, mu_c = D_c e / kT with D_c = D / (2 (1 - t+)) (dilute
 * theory, as D_a), eps = epsR eps0, the electrolyte's relative permittivity (branch chazal3; 20 for every set before). The model knows W to a voxel only: W = (n + phi) a, n the whole
 * layers the front's layer stands above the edge's, phi the front's place in its layer; the reading is V_sc averaged
 * over phi in [0, 1), V_sc(a) ((n + 1)^(5/2) - n^(5/2)) / (5/2) (zoneDropLayers_V), not the instantaneous value, whose
 * sawtooth (0 to V_sc(a) at every layer the front crosses) sampled by the trace's rows aliases into slow false ramps.
 *
 * The state is plain data held by Transport (a checkpoint records it; a fresh Simulation has the object).
 */
import type { ElectrolyteParams } from '../params/electrolytes.js';
import { CONST } from '../units.js';

export interface SpaceCharge {
  /** v_a / J = (1 - t+) / (F c0), m/s per A/m2 */
  vPerJ: number;
  /** the galvanostatic step's current density, A/m2 (0 outside one: a rest, a hold, a step's start) */
  J: number;
  /** reductions minus oxidations since the step began (> 0: a plate) */
  net: number;
  /** the galvanostat's clock at the latest field advance, s */
  clock: number;
  /** whether the zone stands now (this step) */
  active: boolean;
  /** the zone's start on the clock, s, and the front's layer then */
  t_on: number;
  z0: number;
  /** the layer whose sites take the current, and floor(z_f) it was found for */
  edge: number;
  edgeFront: number;
  /** zones started in the run */
  zones: number;
  /** the first zone: its start, s; its v_a, m/s; the highest metal layer seen in it and, per layer it reached, [layer, clock] */
  first_on_s: number | null;
  first_v_m_per_s: number;
  /** the first zone's z0 */
  z0First: number;
  top: number;
  arrivals: number[];
}

/**
 * anion drift velocity per current density, m/s per A/m2: (1 - t+) / (F c0), Chazalviel's mu_a / kappa with his kappa =
 * F c0 (mu_a + mu_c) (branch chazal4). At most 1 / (F c0), the neutrality bound. No temperature enters (c0 and t+ are
 * held at every temperature).
 */
export function anionDriftPerCurrent(e: ElectrolyteParams): number {
  return (1 - e.tPlus) / (CONST.F * e.c0_mol_per_m3);
}

/**
 * The solid fraction a steady front leaves in the volume it sweeps, phi = J V_m / (F v_a) = V_m c0 / (1 - t+), at any J
 * (Chazalviel 1990; 0.02064 for Li in LiPF6-EC-DMC since chazal4, 0.00957 with the former v_a). V_m = atomic volume x
 * N_A, m3/mol. A box of fewer than 1 / phi columns cannot put even one voxel a layer at v_a: its highest tip is held to the
 * current's bound, n_columns phi v_a = n_columns J V_m / F, one column and one voxel a layer (branch chazal3; study
 * spacecharge-deposit).
 */
export function frontSolidFraction(e: ElectrolyteParams, atomicVolume_m3: number): number {
  return (atomicVolume_m3 * CONST.NA) / (CONST.F * anionDriftPerCurrent(e));
}

/**
 * The input warning of a space-charge run whose box is too narrow for the front (branch chazal3; review76: a 4 x 4 box's
 * tips ran at 21.2 um/s, the same in two seeds, the current's bound, read as physics): null when the box
 * has at least 1 / phi columns or the run has no zone.
 */
export function narrowBoxWarning(run: {
  lattice: { size: [number, number, number] }; metal: { name?: string; atomicVolume_m3: number }; temperature_K: number;
  transport?: { mode?: string; space_charge?: string; electrolyte: ElectrolyteParams };
}): string | null {
  const t = run.transport;
  if (!t || t.space_charge !== 'chazalviel' || !(t.electrolyte.c0_mol_per_m3 > 0 && t.electrolyte.tPlus < 1)) return null;
  const phi = frontSolidFraction(t.electrolyte, run.metal.atomicVolume_m3);
  const [nx, ny] = run.lattice.size, n = nx * ny, need = 1 / phi;
  if (!(n < need)) return null;
  const side = Math.ceil(Math.sqrt(need));
  return `warning: cell.space_charge: chazalviel in a box of ${nx} x ${ny} columns (${n}), fewer than the 1 / phi = ${Math.ceil(need)} a front needs ` +
    `(phi = J V_m / (F v_a) = ${Number(phi.toPrecision(3))}, the solid fraction of Chazalviel's front for ${t.electrolyte.name}, at any current): ` +
    `the tips cannot keep up with the anions' front; they are held to the current's bound, ${Number((n * phi).toPrecision(3))} v_a ` +
    `(one column, one voxel a layer), and the zone widens behind the front, its drop growing: a box artefact, not physics; ` +
    `a box of at least ${side} x ${side} voxels keeps up (docs/transport.md, "Past Sand's time: the anions' space-charge layer")`;
}

/**
 * The zone's relative permittivity is the electrolyte's (ElectrolyteParams.epsR: each named set's, with its source, in
 * params/electrolytes.ts PERMITTIVITY; an inline electrolyte's `permittivity:`, or 20 assumed without it). Until branch
 * chazal3 it was 20 for every set (ZONE_EPS_R, kept as the functions' default); V_sc goes as eps^-1/2.
 */
export const ZONE_EPS_R = 20;
const EPS0 = 8.8541878128e-12;

/** the cation's mobility of dilute theory, m2/(V s): D_c = D / (2 (1 - t+)), mu_c = D_c / kT_eV */
export function cationMobility(e: ElectrolyteParams, kT_eV: number): number {
  return (e.D_m2_per_s / (2 * (1 - e.tPlus))) / kT_eV;
}

/**
 * The zone's potential drop, V (a magnitude): the space-charge-limited drop across W metres free of anions carrying J
 * A/m2 by the cations' drift, sqrt(8 J W^3 / (9 eps mu_c)) (Mott-Gurney; Chazalviel 1990's space-charge region).
 */
export function zoneDrop_V(J_A_per_m2: number, W_m: number, muC_m2_per_Vs: number, epsR = ZONE_EPS_R): number {
  if (!(J_A_per_m2 > 0 && W_m > 0)) return 0;
  return Math.sqrt((8 * J_A_per_m2 * W_m ** 3) / (9 * epsR * EPS0 * muC_m2_per_Vs));
}

/** V_sc averaged over the front's place in its layer, V: the front's layer n whole layers above the edge's, a the voxel edge, m */
export function zoneDropLayers_V(J_A_per_m2: number, n: number, a_m: number, muC_m2_per_Vs: number, epsR = ZONE_EPS_R): number {
  const m = Math.max(0, n);
  return (zoneDrop_V(J_A_per_m2, a_m, muC_m2_per_Vs, epsR) * ((m + 1) ** 2.5 - m ** 2.5)) / 2.5;
}

export function newSpaceCharge(e: ElectrolyteParams): SpaceCharge {
  return {
    vPerJ: anionDriftPerCurrent(e), J: 0, net: 0, clock: 0, active: false, t_on: 0, z0: 0, edge: -1, edgeFront: -1,
    zones: 0, first_on_s: null, first_v_m_per_s: 0, z0First: -1, top: -1, arrivals: [],
  };
}

/** the zone's edge now, in voxel layers (z0 + v_a (clock - t_on) / a) */
export function frontLayer(sc: SpaceCharge, a_m: number): number {
  return sc.z0 + (sc.vPerJ * sc.J * (sc.clock - sc.t_on)) / a_m;
}

/**
 * The highest metal layer's speed in the first zone, m/s: least squares of layer x a against the clock over the layers
 * it reached (null with fewer than 3).
 */
export function tipSpeed(sc: SpaceCharge, a_m: number): number | null {
  const r = sc.arrivals, n = r.length / 2;
  if (n < 3) return null;
  let st = 0, sz = 0;
  for (let i = 0; i < n; i++) { sz += r[2 * i]!; st += r[2 * i + 1]!; }
  const mt = st / n, mz = sz / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) { const dt = r[2 * i + 1]! - mt; num += dt * (r[2 * i]! - mz); den += dt * dt; }
  return den > 0 ? (num / den) * a_m : null;
}
