/** What a run with an electrolyte adds to metrics.json (simulation/report.ts spreads it in). */
import { tipSpeed, type SpaceCharge } from './space-charge.js';
import type { Transport } from './transport.js';
import { CONST } from '../units.js';

export interface TransportMetrics {
  electrolyte: string;
  /** time the deposit reached the separator plane (short circuit), s; null if it did not */
  short_circuit_s: number | null;
  /** first time the surface concentration fell to sand_fraction x c0, s; null if it did not */
  sand_time_s: number | null;
  /**
   * Sand's time of the first plating current in a semi-infinite electrolyte, pi D (z c0 F)^2 / (4 (J (1 - t+))^2), s;
   * null at or below the cell's limiting current (limiting_current_mA_per_cm2), where the surface settles at
   * c0 (1 - J / J_lim) and never runs out (until review56 the semi-infinite time was given there too)
   */
  sand_time_analytic_s: number | null;
  /**
   * steady limiting current of the cell, mA/cm2 (dilute theory, constant D and t+, the plane at distance_um): a
   * separator (closed cell, the counter releases the salt) 2 F D c0 / ((1 - t+) L), a diffusion layer (bulk held at c0)
   * F D c0 / ((1 - t+) L). The deposit's front shortens L as it grows (review56)
   */
  limiting_current_mA_per_cm2: number;
  /** at the end of the run: salt concentration where the reductions go (each reduction site weighted by the rate it reduces at, k c/c0; fields/transport.ts), mol/L */
  surface_concentration_M: number;
  /** at the end: Newman's concentration overpotential (2kT/e)(1 - t+) ln(c0 / c_s), mV, signed: positive where the surface is depleted (plating), negative where a strip left c_s above c0 (fieldaudit; said "magnitude" until then), plus the zone's drop while one stands: its Nernst term (kT/e) ln(c0/c_s) is in eta.csv's overpotential_mV, its diffusion potential (1 - 2 t+)(kT/e) ln(c0/c_s) in concentration_mV (fields/transport.ts cellConcPart) */
  concentration_overpotential_mV: number;
  /** at the end, with a separator: salt concentration at the counter electrode's plane (fields/transport.ts counterConc, at the last step's current), mol/L; null with a diffusion layer (the counter is not modelled) */
  counter_concentration_M: number | null;
  /** at the end: the electrolyte's area-specific resistance over the field, kappa(c) the set's sourced law or kappa0 c / c0 (params/electrolytes.ts conductivityOf; fields/transport.ts electrolyteResistance; eta.csv's ohmic_mV adds j times it to j R), Ohm cm2 */
  electrolyte_resistance_Ohm_cm2: number;
  /** the field's grid: cell edge, columns and layers (box + above the box) */
  field_grid: { cell_nm: number; columns: [number, number]; layers_in_box: number; layers_total: number; boundary: string; distance_um: number };
  /** reductions drawn and rejected by thinning (c < c0 at their site) */
  reductions_rejected: number;
  field_updates: number;
  /** share of the wall time spent in field updates and rho scans */
  field_wall_share: number;
  /** salt balance: field now - (initial + inflow - consumed), relative to the initial salt */
  salt_balance_residual: number;
  /**
   * with `cell.migration: ohmic` only (fields/liquid-potential.ts; branch migstudy, in metrics since ohmic2): the solves of
   * the liquid's potential and their conjugate-gradient iterations over the run, and of the last solve (the last scan
   * while a plate's current flowed; 0 with none): the tip-to-valley spread, max - min of phi over the cells with
   * reduction sites, mV; the current-weighted spread, the rms of phi about its current-weighted mean over those cells, each
   * weighted by the current it takes, mV; and its Newton step's largest change of phi, mV (one step per solve)
   */
  migration?: { solves: number; cg_iterations: number; spread_mV: number; current_weighted_spread_mV: number; last_newton_change_mV: number };
  /**
   * with `cell.space_charge: chazalviel` only (fields/space-charge.ts): the anions' drift velocity per current density
   * ((1 - t+) / (F c0), um/s per mA/cm2; branch chazal4), the zones started (one per galvanostatic plate that reached Sand's onset), and of
   * the first: its start (s, the galvanostat's clock), the front's layer then, v_a at its current (um/s), and the highest
   * metal layer's speed in it (least squares over the layers it reached, um/s; null with fewer than 3) and how many;
   * at the end, when a zone stands (branch chazal2; null otherwise): the whole layers its front's layer stands above the
   * edge's (0 while the tips keep up) and its potential drop sqrt(8 J W^3 / (9 eps mu_c)) averaged over the front's place
   * in its layer (Mott-Gurney, eps the electrolyte's own permittivity since chazal3, 20 eps0 for an inline one without
   * `permittivity:`; `readings` names it; mV, a magnitude), which eta.csv's concentration_mV holds past the
   * onset with the diffusion potential above the front; and what the readings are
   */
  space_charge?: {
    anion_drift_um_per_s_per_mA_cm2: number; zones: number; onset_s: number | null; onset_layer: number;
    front_speed_um_per_s: number | null; tip_speed_um_per_s: number | null; layers_reached: number;
    zone_lag_layers: number | null; zone_drop_mV: number | null; readings: string;
    /**
     * branch chazal3: phi = J V_m / (F v_a), the solid fraction Chazalviel's front leaves (any J), the box's columns (nx ny)
     * and the 1 / phi a front needs: with fewer the tips are held to the current's bound, columns phi v_a (a box artefact)
     */
    solid_fraction?: number; columns?: number; columns_needed?: number;
  };
}

/** x to 12 significant digits */
const round12 = (x: number): number => Number(x.toPrecision(12));

/** The cell's steady limiting current as built, A/m2: 2 F D c0 / ((1 - t+) L) with a separator, F D c0 / ((1 - t+) L) with a diffusion layer. */
export function limitingCurrent_A_per_m2(tp: Pick<Transport, 'spec'>): number {
  const e = tp.spec.electrolyte;
  return ((tp.spec.boundary === 'separator' ? 2 : 1) * CONST.F * e.D_m2_per_s * e.c0_mol_per_m3) / ((1 - e.tPlus) * tp.spec.distance_m);
}

/**
 * Sand's time in a diffusion layer of finite thickness L (the bulk held at c0 at L, a constant plating flux from t = 0,
 * dilute theory, constant D and t+), s: the first time the surface concentration falls to frac x c0 (Sand: frac 0). The
 * surface follows c_s(t) = c0 - r c0 [1 - sum_n 8 / ((2n+1)^2 pi^2) exp(-(2n+1)^2 pi^2 D t / (4 L^2))], r = J / J_lim
 * (J_lim = F D c0 / ((1 - t+) L)); solved by bisection. null where the surface never gets there (r (1 - 0) <= 1 - frac).
 * At r >> 1 it is the semi-infinite pi D (c0 F)^2 / (4 (J (1 - t+))^2); near J_lim it is longer, and steep in r
 * (at r = 1.1, d ln t / d ln r is about -4.6). Branch sandend (validation/studies/transport-growth.ts).
 */
export function sandTimeFiniteLayer_s(r: number, L_m: number, D_m2_per_s: number, frac = 0): number | null {
  if (!(r > 0 && L_m > 0 && D_m2_per_s > 0 && frac >= 0 && frac < 1)) throw new Error(`sandTimeFiniteLayer_s: got r ${r}, L ${L_m} m, D ${D_m2_per_s} m2/s, frac ${frac}`);
  const target = 1 - (1 - frac) / r; // the series' value at the onset
  if (!(target > 0)) return null;
  const tau = (4 * L_m * L_m) / (Math.PI * Math.PI * D_m2_per_s);
  const S = (t: number): number => {
    let s = 0;
    for (let n = 0; n < 100000; n++) {
      const k = 2 * n + 1, term = (8 / (k * k * Math.PI * Math.PI)) * Math.exp((-k * k * t) / tau);
      s += term;
      if (term < 1e-16 * s) break;
    }
    return s;
  };
  let lo = 0, hi = tau;
  while (S(hi) > target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) { const m = 0.5 * (lo + hi); if (S(m) > target) lo = m; else hi = m; }
  return 0.5 * (lo + hi);
}

export function transportMetrics(tp: Transport, wall_s: number, firstPlateCurrent_A_per_m2: number | null, lastCurrent_A_per_m2 = 0): TransportMetrics {
  const f = tp.field, e = tp.spec.electrolyte;
  const F = CONST.F;
  const jLim = limitingCurrent_A_per_m2(tp); // A/m2
  const sand = firstPlateCurrent_A_per_m2 && firstPlateCurrent_A_per_m2 > jLim
    ? (Math.PI * e.D_m2_per_s * (e.c0_mol_per_m3 * F) ** 2) / (4 * (firstPlateCurrent_A_per_m2 * (1 - e.tPlus)) ** 2) : null;
  return {
    electrolyte: e.name,
    short_circuit_s: tp.shortCircuit_s,
    sand_time_s: tp.sandTime_s,
    sand_time_analytic_s: sand,
    limiting_current_mA_per_cm2: jLim / 10,
    surface_concentration_M: tp.surfaceConc / 1000,
    concentration_overpotential_mV: tp.etaConc() * 1e3,
    counter_concentration_M: tp.spec.boundary === 'separator' ? tp.counterConc(lastCurrent_A_per_m2)! / 1000 : null,
    electrolyte_resistance_Ohm_cm2: tp.electrolyteResistance() * 1e4,
    // to 12 significant digits: the unit changes' float noise (250.00000000000003 nm, 24.999999999999996 um for 5 voxels
    // of 50 nm and a 25 um separator) is not reported (review63)
    field_grid: {
      cell_nm: round12(f.hx * 1e9), columns: [f.ncx, f.ncy], layers_in_box: f.nzBox, layers_total: f.ncz,
      boundary: tp.spec.boundary, distance_um: round12(tp.spec.distance_m * 1e6),
    },
    reductions_rejected: tp.rejected,
    field_updates: tp.updates,
    field_wall_share: wall_s > 0 ? tp.fieldWall_ms / 1000 / wall_s : 0,
    salt_balance_residual: tp.balanceResidual() / f.initial,
    ...(tp.mig !== null ? { migration: migrationMetrics(tp) } : {}),
    ...(tp.sc !== null ? { space_charge: { ...spaceChargeMetrics(tp.sc, f.spec.a), ...zoneEnd(tp), ...frontWidth(tp) } } : {}),
  };
}

/** `cell.migration: ohmic`'s readings (branch ohmic2): the liquid's potential at its last solve while a plate's current flowed */
function migrationMetrics(tp: Transport): NonNullable<TransportMetrics['migration']> {
  return {
    solves: tp.migSolves, cg_iterations: tp.migIterations,
    spread_mV: tp.migSpread_V * 1e3, current_weighted_spread_mV: tp.migSpreadWeighted_V * 1e3, last_newton_change_mV: tp.migLastStep_V * 1e3,
  };
}

/**
 * `transport.migration`'s readings (`cell.migration: ohmic`), in metrics.json's order, with their units and meanings
 * (the TransportMetrics comment's): the workbench's Run page lists them under the run's metrics (mends102; ohmic2 left the
 * page's fixed set of transport keys without them, so a run with the opt-in read as one without)
 */
export const MIGRATION_READINGS: readonly { key: keyof NonNullable<TransportMetrics['migration']>; unit: string; meaning: string }[] = [
  { key: 'solves', unit: 'count', meaning: 'the solves of the liquid\'s potential (cell.migration: ohmic) over the run' },
  { key: 'cg_iterations', unit: 'count', meaning: 'their conjugate-gradient iterations, all solves together' },
  { key: 'spread_mV', unit: 'mV', meaning: 'at the last solve while a plate\'s current flowed (0 with none), the tip-to-valley spread: max - min of the liquid\'s potential over the cells with reduction sites' },
  { key: 'current_weighted_spread_mV', unit: 'mV', meaning: 'at that solve, the rms of the potential about its current-weighted mean over those cells, each weighted by the current it takes' },
  { key: 'last_newton_change_mV', unit: 'mV', meaning: 'at that solve, its Newton step\'s largest change of the potential (one step per solve)' },
];

/**
 * The rows of a run's `transport.migration` block (metrics.json; none without the block, `cell.migration` off): its
 * path, value, unit and meaning, MIGRATION_READINGS's keys first, then any other key of the block by its name (a reading
 * added later), unit and meaning unsaid.
 */
export function migrationRows(block: unknown): { key: string; value: unknown; unit: string; meaning: string }[] {
  if (!block || typeof block !== 'object') return [];
  const b = block as Record<string, unknown>;
  const known = MIGRATION_READINGS.filter((r) => r.key in b).map((r) => ({ key: `transport.migration.${r.key}`, value: b[r.key], unit: r.unit, meaning: r.meaning }));
  const other = Object.keys(b).filter((k) => !MIGRATION_READINGS.some((r) => r.key === k)).map((k) => ({ key: `transport.migration.${k}`, value: b[k], unit: '', meaning: '' }));
  return [...known, ...other];
}

/** the line `simulate` prints for a run with cell.space_charge: chazalviel (branch chazalviel) */
export function spaceChargeLine(sc: NonNullable<TransportMetrics['space_charge']>): string {
  const head = 'space charge (cell.space_charge: chazalviel): ';
  if (sc.onset_s === null) return `${head}no zone started (no galvanostatic plate reached Sand's onset)`;
  const tip = sc.tip_speed_um_per_s === null ? `the highest tip reached ${sc.layers_reached} layer(s) beyond it (too few for a speed)`
    : `the highest tip then advanced at ${sc.tip_speed_um_per_s.toPrecision(4)} um/s over ${sc.layers_reached} layers`;
  return `${head}the zone started at Sand's onset, ${sc.onset_s.toPrecision(4)} s, at voxel layer ${sc.onset_layer}; ${tip} (the anions' drift velocity (1 - t+) J / (F c0): ${sc.front_speed_um_per_s!.toPrecision(4)} um/s)` +
    // review77 finding 6 (branch chazal4): the zone's drop is the voxel's
    '; the zone\'s drop in eta.csv (concentration_mV) is set by the voxel, W known to a voxel: it scales as a^1.5 (metrics\' readings)' +
    (sc.zones > 1 ? `; ${sc.zones} zones in all (one per plate that reached the onset), these figures the first's` : '') +
    // branch chazal3: a box of fewer than 1 / phi columns holds its tips to the current's bound (review76: 4 x 4 at 21.2 um/s)
    (sc.columns !== undefined && sc.columns_needed !== undefined && sc.solid_fraction !== undefined && sc.columns < sc.columns_needed && sc.front_speed_um_per_s !== null
      ? `; the box's ${sc.columns} columns are fewer than the 1 / phi = ${sc.columns_needed} a front needs (phi = ${Number(sc.solid_fraction.toPrecision(3))}): ` +
        `the tips are held to the current's bound, ${sc.columns} phi v_a = ${(sc.columns * sc.solid_fraction * sc.front_speed_um_per_s).toPrecision(4)} um/s (one column, one voxel a layer), ` +
        'a box artefact, not the anions\' front (docs/transport.md)'
      : '') +
    // branch chazal2: tips that lag the front widen the zone, and its drop grows as W^(3/2)
    (sc.zone_lag_layers !== undefined && sc.zone_lag_layers !== null && sc.zone_lag_layers > 0 && sc.zone_drop_mV !== null
      ? `; at the end the tips lagged the front by ${sc.zone_lag_layers} layers and the zone's drop (eta.csv's concentration_mV) read ` +
        `${Number((sc.zone_drop_mV / 1e3).toPrecision(3))} V: the deposit cannot follow the front (a box with too few columns: docs/transport.md), the zone widens ` +
        'and its drop grows as W^(3/2); a cycler would stop at its voltage limit (a cut-off on the step: "... until <limit> mV")'
      : '');
}

/** phi, the box's columns and the 1 / phi a front needs (branch chazal3; fields/space-charge.ts frontSolidFraction) */
function frontWidth(tp: Transport): { solid_fraction: number; columns: number; columns_needed: number } {
  const a = tp.field.spec.a, phi = (a ** 3 / tp.molPerVoxel) / (CONST.F * tp.sc!.vPerJ);
  return { solid_fraction: round12(phi), columns: tp.field.spec.nx * tp.field.spec.ny, columns_needed: Math.ceil(1 / phi) };
}

/** the zone at the end of the run (branch chazal2) */
function zoneEnd(tp: Transport): { zone_lag_layers: number | null; zone_drop_mV: number | null; readings: string } {
  const stands = tp.zoneStands(), sc = tp.sc!, J1 = sc.first_on_s === null ? 0 : sc.first_v_m_per_s / sc.vPerJ;
  return {
    zone_lag_layers: stands ? tp.zoneLagLayers() : null,
    zone_drop_mV: stands ? tp.zoneDrop() * 1e3 : null,
    readings: 'while the zone stands eta.csv\'s concentration_mV is its drop sqrt(8 J W^3 / (9 eps mu_c)) (Mott-Gurney in the anion-free zone, ' +
      'Chazalviel 1990; W the front\'s height above the edge\'s layer, known to a voxel, so averaged over the front\'s place in its layer; ' +
      `eps = ${tp.spec.electrolyte.epsR} eps0, ${tp.spec.electrolyte.epsR_source}; mu_c = D / (2 (1 - t+)) e / kT), ohmic_mV j R over the liquid from the front to the plane at kappa0 and ` +
      'surface_concentration_M c0 (Chazalviel\'s steady state: the liquid ahead of the front is not depleted; the field\'s own cells there are not used); ' +
      'not modelled: the Nernst term at the zone\'s low cation concentration, the zone\'s shape below a voxel, the transient before the front outruns the depleted layer; ' +
      // review77 finding 6 (branch chazal4): the drop is the voxel's, not the zone's physical one
      `the drop is set by the voxel (W resolved to a = ${Number((tp.field.spec.a * 1e9).toPrecision(4))} nm; V_sc goes as W^1.5, so as a^1.5): a zone of about its physical thickness, 2 nm, ` +
      (J1 > 0 ? `would drop ${Number((tp.zoneDropAtWidth_V(J1, 2e-9) * 1e3).toPrecision(2))} mV at the first zone's ${Number((J1 / 10).toPrecision(4))} mA/cm2` : 'would drop a few mV'),
  };
}

function spaceChargeMetrics(sc: SpaceCharge, a_m: number): Omit<NonNullable<TransportMetrics['space_charge']>, 'zone_lag_layers' | 'zone_drop_mV' | 'readings'> {
  const tip = tipSpeed(sc, a_m);
  return {
    anion_drift_um_per_s_per_mA_cm2: round12(sc.vPerJ * 10 * 1e6), zones: sc.zones, onset_s: sc.first_on_s, onset_layer: sc.z0First,
    front_speed_um_per_s: sc.first_on_s === null ? null : sc.first_v_m_per_s * 1e6, tip_speed_um_per_s: tip === null ? null : tip * 1e6,
    layers_reached: sc.arrivals.length / 2,
  };
}

/**
 * What `sacplate simulate` prints under its table for a run with an electrolyte (mends69: the limiting current and
 * Sand's time were in metrics.json only, so a user with `electrolyte:` had to open it to learn whether the cell could
 * run out): the cell's limiting current and Sand's time of the first plating, or `none: below the limiting current`
 * (or no plating step); and a second line when the run's surface concentration did reach Sand's onset. `firstPlate`
 * is the first galvanostatic plating step's current (mA/cm2), `sandFraction` the run's `cell.sand_fraction`.
 */
export function transportSummaryLines(
  t: Pick<TransportMetrics, 'electrolyte' | 'limiting_current_mA_per_cm2' | 'sand_time_analytic_s' | 'sand_time_s' | 'field_grid'> & Partial<Pick<TransportMetrics, 'space_charge'>>,
  o: { firstPlate_mA_per_cm2: number | null; sandFraction: number },
): string[] {
  const g = t.field_grid;
  const plane = `${g.boundary === 'separator' ? 'separator' : 'diffusion layer'} ${Number(g.distance_um.toPrecision(4))} um`;
  const jLim = Number(t.limiting_current_mA_per_cm2.toPrecision(3));
  const j = o.firstPlate_mA_per_cm2;
  const sand = j === null ? "Sand's time none: no galvanostatic plating step"
    : t.sand_time_analytic_s === null ? `Sand's time none: below the limiting current (first plating at ${Number(j.toPrecision(4))} mA/cm2; the surface settles at c0 (1 - J / J_lim))`
      : `Sand's time ${t.sand_time_analytic_s.toPrecision(3)} s (first plating at ${Number(j.toPrecision(4))} mA/cm2, above the limiting current; semi-infinite formula, a lower bound in this cell)`;
  const out = [`electrolyte ${t.electrolyte} (${plane}): limiting current ${jLim} mA/cm2; ${sand}`];
  if (t.sand_time_s !== null) {
    out.push(`the salt at the surface ran out: its concentration fell to ${Number((o.sandFraction * 100).toPrecision(3))} % of c0 (Sand's onset) at ${t.sand_time_s.toPrecision(4)} s`);
  }
  const sc = t.space_charge;
  if (sc) out.push(spaceChargeLine(sc));
  return out;
}

/**
 * What `sacplate simulate` prints under its table for a run with ion walkers (`cell: { transport: walkers }`) and its
 * electrolyte, where a field run prints transportSummaryLines (mends71; review58 found it printed nothing): why it has no
 * limiting current and no Sand's time. The walkers are ions of the set current, not a salt concentration: none is used
 * up, so nothing depletes; each is reduced at first contact, the fully transport-limited (DLA) limit at any current.
 * With `drift:` the electrolyte gives their diffusivity (the clock) and may give the conductivity, never c0.
 */
export function walkerTransportLine(electrolyte: string): string {
  return `electrolyte ${electrolyte} (ion walkers): no limiting current or Sand's time: the walkers carry no salt concentration ` +
    '(each ion of the set current arrives and is reduced where it first touches the metal or the host, the fully transport-limited ' +
    'limit at any current); a field run (cell.transport: field) gives both';
}
