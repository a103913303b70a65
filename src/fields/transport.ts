/**
 * Ion transport coupled to the plating app (MODEL.md 8.1), by operator splitting: the lattice
 * events run with the field frozen; between them the field diffuses (SPPARKS' app_update(dt)).
 *
 * Reduction proportional to the local concentration, by exact thinning: the solver draws
 * reductions with their c = c0 rates (its classes stay as they are), and a drawn reduction at site
 * s is accepted with probability c(s)/c0 (clipped to [0, 1]), c(s) the concentration of the
 * field cell that holds s. A rejected draw is a null event that only advances the kMC clock. For
 * a frozen field this is exact: the accepted reductions at s form a Poisson process of rate
 * k(s) c(s)/c0 (Lewis-Shedler thinning), and every other event keeps its rate.
 *
 * Galvanostat. The net rate of accepted reductions is A_eff exp(alpha f eta) - B exp(...), with
 * A_eff = sum k(s) c(s)/c0 = rho A. rho (the rate-weighted mean of c/c0 over the reduction sites)
 * is recomputed by a scan of the event table after field updates; eta is solved from rho A. Between
 * two scans rho is stale, which shifts eta (and so the kMC clock against hops) but not the
 * transport: the field's clock is the galvanostat's (charge / current), so ions leave the field at
 * exactly I/(zF) per second of reported time whatever eta is.
 *
 * Update schedule: the field is advanced (by the whole time since its last update) once some cell's
 * salt has changed by more than 5 % of its bulk content since the last update, or 30 cell diffusion
 * times (h^2/D) have passed, and always at the start of a step and of every pulse; never more often
 * than a tenth of a cell diffusion time. Between updates a cell's concentration is therefore stale
 * by at most 5 % of c0 from local events, plus the relaxation of at most 30 h^2/D. The time advanced to
 * after an event counts that event's charge (a reduction's sink relaxes across its quantum q/I at once); a
 * faradaic event that moves no clock relaxes over min(q/I, 30 h^2/D) without moving it, and a hop carries
 * the displaced electrolyte's salt to the cell it left (branch fieldclock; until then a reduction's sink
 * waited for the next executed event, a churning one for the charge to pass its maximum, and a hop left
 * its cell empty: on cells of one voxel, which hold 1/48 of a voxel's salt, the draws near them were
 * rejected and the peak overpotential tripled; docs/transport.md).
 *
 * Charge balance. Each accepted reduction removes (1 - t+) n_v mol of salt from its cell (n_v =
 * a^3 / (Omega N_A): the metal in one voxel); the other t+ n_v arrive by migration (the migration
 * flux t+ i/F is divergence-free in a binary electrolyte, so it changes c only at the electrodes:
 * the electrode boundary condition D dc/dn = (1 - t+) i/(zF)). Oxidation releases (1 - t+) n_v.
 * So salt(t) = salt(0) + inflow - (1 - t+) n_v (reductions - oxidations), checked in the tests.
 *
 * Concentration overpotential (binary salt, dilute solution, Newman ch. 12-13: Nernst term plus
 * the diffusion potential): eta_c = (2 kT/e)(1 - t+) ln(c0 / c_s) for z = 1, with c_s the
 * concentration where the reductions go: each reduction site's c weighted by its reduction rate at
 * that c, k(s) c(s)/c0 (the current it carries). Until branch review54 c_s was rho c0, every site
 * weighted by k(s) alone, so sites in depleted crevices and enclosed pores, which take no current,
 * pulled it down: at half the limiting current of a 50 um layer (steady c_s = c0 (1 - J/J_lim) =
 * 0.50 c0) it read 0.23 c0 while the electrolyte above the deposit stood at 0.52 c0. Sand's onset
 * stays on rho (the surface as a whole running out).
 *
 * What of eta_c the cell voltage adds (cellConcPart, docs/transport.md "What the cell voltage holds"). The
 * galvanostat's eta is measured from the bulk's equilibrium with the cathodic rate scaled by c/c0: it is
 * the surface overpotential plus the Nernst term (kT/e) ln(c0 / c_s), eta_c's first part. So the cell
 * voltage adds only eta_c's other part, the diffusion potential (1 - 2 t+)(kT/e) ln(c0 / c_s) across the
 * depleted layer. Until branch nernst it added the whole eta_c: the Nernst term twice (17.7 mV at
 * c_s = c0/2, measured).
 *
 * Since branch cellv2 the cell voltage also holds, with a separator, the counter electrode's own concentration
 * part 2 (1 - t+)(kT/e) ln(c_CE / c0) (counterConcPart, c_CE at the plane from the top layer and the boundary
 * gradient), and with any field the electrolyte's ohmic drop j R_el, R_el = sum of dz / kappa(c) over the field's
 * cells above the deposit, kappa(c) the set's sourced law or kappa0 c / c0 (params/electrolytes.ts conductivityOf, branch
 * ohmic7; kappa0 c / c0 for every set until then) (electrolyteResistance; columns in parallel).
 */
import type { PlatingApp } from '../apps/plating.js';
import { CH_RED, CH_OX, CH_HOP } from '../apps/plating.js';
import { EMPTY, METAL, isLiquid } from '../lattice/voxel.js';
import type { Rng } from '../kmc/rng.js';
import { ConcentrationField, type BoundaryKind } from './concentration.js';
import { conductivityOf, type ElectrolyteParams } from '../params/electrolytes.js';
import { CONST } from '../units.js';
import { liquidPotential } from './liquid-potential.js';
import { newSpaceCharge, frontLayer, cationMobility, zoneDrop_V, zoneDropLayers_V, type SpaceCharge } from './space-charge.js';

/** The transport part of a resolved run. */
export interface TransportSpec {
  electrolyte: ElectrolyteParams;
  /** what the boundary plane is: a separator with the counter electrode behind it, or the edge of
   *  a diffusion layer beyond which the bulk is held at c0 */
  boundary: BoundaryKind;
  /** distance from the host surface to the boundary plane, m */
  distance_m: number;
  /** field cell edge, in voxels */
  cell_voxels: number;
  /** surface concentration (fraction of c0) that marks the Sand onset */
  sand_fraction: number;
  /** end a galvanostatic step at the Sand onset (ended: 'transport_limited') */
  stop_at_sand?: boolean;
  /** 'walkers': ions as discrete random walkers, one per voxel (simulation/walker-step.ts), instead
   *  of the concentration field; absent: the field */
  mode?: 'walkers';
  /** walkers only (`cell.drift`): walkers on a clock (fields/drift-walkers.ts), drifting in the
   *  electrode's field while the current flows; E0 = J / kappa_S_per_m; null: on the clock, no drift */
  drift?: { kappa_S_per_m: number | null; /** potential cell edge, voxels (`cell.drift_cell`, default 2) */ cell_voxels?: number };
  /** `cell.space_charge: chazalviel` (fields/space-charge.ts): past Sand's onset in a galvanostatic plate the current goes
   *  to the sites at the anions' front, which moves at v_a = (1 - t+) J / (F c0); absent: off */
  space_charge?: 'chazalviel';
  /** `cell.migration: ohmic` (fields/liquid-potential.ts, branch migstudy): a drawn reduction is accepted with
   *  min(c/c0, 1) exp(-alpha f (phi_max - phi_s)), phi the liquid's potential at its cell; absent: off */
  migration?: 'ohmic';
}

export interface TransportGeometry {
  size: [number, number, number];
  voxel_m: number;
  hostLayers: number;
  /** metal atomic volume, m3 */
  atomicVolume_m3: number;
  kT_eV: number;
  /** the metal's transfer coefficient (`cell.migration`'s factor; default 1/2) */
  alpha?: number;
}

const NA = CONST.NA;

/** `cell.migration: ohmic`: each solve of the liquid's potential iterates Newton until the largest change of phi in a
 *  step is below this, V (branch ohmic3; until then one step per solve, whose last change read 51-84 mV) */
export const MIG_NEWTON_TOL_V = 1e-4;
/** and at most this many steps (a solve that stops here says so in `migLastStep_V`, and metrics' last_newton_change_mV) */
export const MIG_MAX_NEWTON = 60;

export class Transport {
  readonly spec: TransportSpec;
  readonly field: ConcentrationField;
  /** mol of metal in one voxel */
  readonly molPerVoxel: number;
  /** salt removed from the field per reduction, mol */
  readonly sinkPerVoxel: number;
  /** a voxel's volume, m3 (what the counter frees behind a separator per reduction) */
  readonly voxelVolume: number;
  readonly c0: number;
  /** rate-weighted mean c/c0 at the reduction sites (the galvanostat uses rho A) */
  rho = 1;
  /** rho without `cell.migration`'s factor (the concentration's own rate-weighted c/c0): Sand's onset and stop_at_sand
   *  read it (branch ohmic6; they read rho with the factor until then). Equal to rho with the opt-in off. */
  sandRho = 1;
  /** concentration where the reductions go: sum k(s) p(s) c(s) / sum k(s) p(s), p = min(c/c0, 1) (0 when no site can take an ion), mol/m3 */
  surfaceConc: number;
  /** the field's clock (reported time), s */
  time = 0;
  /** minimum reported time between field updates, s */
  minDt: number;
  /** the field is updated once a cell's salt has changed by this fraction of its bulk content since the last update... */
  relTolerance = 0.05;
  /** ... or once this much time has passed since the last update, s (30 cell diffusion times) */
  maxStale: number;
  /** voxel z of the boundary plane when it lies in the box (a deposit reaching it is a short circuit), else Infinity */
  readonly planeVoxZ: number;
  /** first time the surface concentration fell to sand_fraction of c0, s (null: not reached) */
  sandTime_s: number | null = null;
  /** time of a short circuit, s */
  shortCircuit_s: number | null = null;
  /** cations that arrived by migration, mol */
  migrated = 0;
  accepted = 0;
  rejected = 0;
  consecutiveRejections = 0;
  updates = 0;
  /** wall time spent in field updates and rho scans, ms */
  fieldWall_ms = 0;
  /** `cell.space_charge: chazalviel` (fields/space-charge.ts): the zone's plain-data state; null when off */
  readonly sc: SpaceCharge | null;
  private readonly kTe: number;
  private rhoEvery = 1;
  private sinceRho = 0;
  private lastRhoTime = -1;

  constructor(spec: TransportSpec, geo: TransportGeometry, code: Uint8Array) {
    this.spec = spec;
    const e = spec.electrolyte;
    this.c0 = e.c0_mol_per_m3;
    this.surfaceConc = this.c0;
    const a = geo.voxel_m;
    this.molPerVoxel = a ** 3 / geo.atomicVolume_m3 / NA;
    this.sinkPerVoxel = (1 - e.tPlus) * this.molPerVoxel;
    this.voxelVolume = a ** 3;
    const planeZ_m = geo.hostLayers * a + spec.distance_m;
    const [nx, ny, nz] = geo.size;
    this.field = new ConcentrationField({
      nx, ny, nz, a, b: spec.cell_voxels, planeZ_m, boundary: spec.boundary, c0: e.c0_mol_per_m3, D: e.D_m2_per_s,
    }, code, isLiquid); // sealed liquid (VOID, model.sealed_pores: void; branch e1void) is liquid: its volume and salt stay in the cell
    this.planeVoxZ = this.field.zTopVox < nz ? this.field.zTopVox : Infinity;
    this.scanP = new Float64Array(this.field.open.length);
    this.scanP0 = new Float64Array(spec.migration === 'ohmic' ? this.field.open.length : 0);
    this.scanC = new Float64Array(this.field.open.length);
    this.kTe = geo.kT_eV;
    // updating more often than a tenth of a cell's diffusion time buys no accuracy
    this.minDt = 0.1 * (this.field.hx * this.field.hx) / e.D_m2_per_s;
    this.maxStale = 300 * this.minDt;
    this.sc = spec.space_charge === 'chazalviel' ? newSpaceCharge(e) : null;
    this.muC = cationMobility(e, geo.kT_eV);
    this.alpha = geo.alpha ?? 0.5;
    this.kappaOf = conductivityOf(e);
    if (spec.migration === 'ohmic') {
      const nBox = this.field.open.length;
      this.mig = new Float64Array(nBox).fill(1);
      this.migPhi = new Float64Array(this.field.nCells);
    }
  }

  private readonly alpha: number;
  /** the electrolyte's kappa(c), S/m, c in mol/m3 (params/electrolytes.ts conductivityOf; branch ohmic7): the liquid's
   *  potential and electrolyteResistance */
  readonly kappaOf: (c_mol_per_m3: number) => number;
  /** `cell.migration: ohmic`: per box cell the factor exp(-alpha f (phi_max - phi_s)) <= 1 (1 where no site is), and the
   *  liquid's potential of the last solve (the next one's start), V; null when off */
  readonly mig: Float64Array | null = null;
  readonly migPhi: Float64Array | null = null;
  /** the plating current density the potential is solved for, A/m2 (0: none flows, every factor 1) */
  migJ = 0;
  /** solves of the liquid's potential, their conjugate-gradient iterations, and the last one's spread of phi over the
   *  reduction sites, V */
  migSolves = 0;
  migIterations = 0;
  migSpread_V = 0;
  /** the last solve's current-weighted spread: the rms of phi about its current-weighted mean over the cells with sites,
   *  each cell weighted by the current it takes (its sites' sum k min(c/c0, 1) times its factor), V (branch ohmic2) */
  migSpreadWeighted_V = 0;
  /** the last solve's last Newton step: the largest change of phi it made, V (below MIG_NEWTON_TOL_V when the solve
   *  converged; until branch ohmic3 one step per solve, how far the solve was from the last one's answer;
   *  fields/liquid-potential.ts lastStep_V) */
  migLastStep_V = 0;
  /** the last solve's phi_max, V: the liquid's potential (against the plane's 0; < 0 while plating) at the cell with sites
   *  where it is highest, whose factor is 1, so the site the galvanostat's overpotential is referenced to; NaN when no
   *  solve stands (no current, the opt-in off). The cell voltage's liquid share runs to it (liquidOhmic; branch ohmic7) */
  migPhiMax_V = NaN;
  /** scans left before the next solve (a solve every max(1, iterations / 100) scans: its cost near a field update's) */
  private migWait = 0;

  /** the cation's mobility of dilute theory, m2/(V s) (the zone's drop) */
  private readonly muC: number;

  /**
   * Whether the space-charge zone stands now (`cell.space_charge: chazalviel`, past Sand's onset in a galvanostatic plate):
   * the cell voltage's readings are then Chazalviel's (branch chazal2): the zone's own drop (zoneDrop) and the neutral
   * liquid above the front at c0 (his steady state: the front moves with the anions, so the liquid ahead of it is not
   * depleted), its ohmic drop over the plane's distance from the front at kappa0 (electrolyteResistance), no diffusion
   * potential (c_s = c0). The field's own cells above the front are not used for them: the field keeps the salt sink at
   * the edge and depletes the liquid ahead (to 0 M at 0.25 M and 1000 mA/cm2, where the readings were kilovolts).
   */
  zoneStands(): boolean { return this.sc !== null && this.sc.active && this.sc.J > 0; }

  /** the whole layers the zone's front's layer stands above the edge's (the metal the current goes to), >= 0 (0 while the tips keep up) */
  zoneLagLayers(): number {
    const sc = this.sc!;
    return Math.max(0, Math.floor(frontLayer(sc, this.field.spec.a)) - sc.edge);
  }

  /**
   * the zone's potential drop now, V (magnitude; 0 when no zone stands): sqrt(8 J W^3 / (9 eps mu_c)) averaged over the
   * front's place in its layer (space-charge.ts zoneDropLayers_V: the model knows W to a voxel)
   */
  zoneDrop(): number {
    // chazal3: eps is the electrolyte's own relative permittivity (20 for every set until then)
    return this.zoneStands() ? zoneDropLayers_V(this.sc!.J, this.zoneLagLayers(), this.field.spec.a, this.muC, this.spec.electrolyte.epsR) : 0;
  }
  /** the zone's Mott-Gurney drop across W metres at J A/m2 with this electrolyte's mu_c and eps, V (review77 finding 6: the voxel's W against a zone's physical 2 nm) */
  zoneDropAtWidth_V(J_A_per_m2: number, W_m: number): number {
    return zoneDrop_V(J_A_per_m2, W_m, this.muC, this.spec.electrolyte.epsR);
  }

  /** Thinning: whether a drawn reduction into EMPTY voxel v happens. Uses one random number. */
  accept(v: number, rng: Rng): boolean {
    if (this.sc !== null && this.sc.active) return this.acceptEdge(v);
    const i = this.field.cellOfVoxel(v);
    let p = i < 0 ? 0 : this.field.conc(i) / this.c0;
    if (this.mig !== null && i >= 0) p = Math.min(p, 1) * this.mig[i]!; // cell.migration: <= 1, so thinning stays exact
    // liquid the deposit sealed: no ionic path, no net current (branch fieldce2; accepted with its c/c0 until then)
    if (p > 0 && !this.field.joinedToTop(i)) p = 0;
    const ok = p >= 1 || (p > 0 && rng.next() < p);
    if (ok) { this.accepted++; this.consecutiveRejections = 0; } else { this.rejected++; this.consecutiveRejections++; }
    return ok;
  }

  /**
   * Thinning of a reduction drawn at an SEI voxel v (plating under the film: apps/plating.ts plateUnderSei, the new atom
   * takes v's place and the film is lifted into an electrolyte voxel beside it): the ion comes from the liquid the SEI
   * voxel touches, so the draw is accepted with the mean over v's EMPTY face neighbours of accept's p there (min(c/c0, 1),
   * times `cell.migration`'s factor when on); 0 when v touches no liquid. Uses one random number when 0 < p < 1, as
   * accept. Branch fieldcost: until then such a draw was accepted whatever the salt (TransportThinning returned true for
   * any site not EMPTY) and its salt was taken from v's own cell, which holds no liquid: past Sand's time the plate went
   * on through the SEI with no salt (review85 F10, docs/transport.md "Plating under the SEI"). `sealed` (the thinning's
   * draws, certainReject, scanRho): a neighbour in liquid the deposit sealed (ConcentrationField.joinedToTop) gives 0,
   * as accept does (branch fieldce2); reductionWeights (the ohmic solve's weights, where sealed liquid gets factor 0)
   * leaves it out (so its sum exceeds scanRho's rate by the sealed sites' share: branch weights59).
   */
  pThroughSei(v: number, app: PlatingApp, withMig = true, sealed = false): number {
    const f = this.field, code = app.code, nb = this.nbSei;
    app.lat.neighbors(v, nb);
    let sum = 0, n = 0;
    for (let d = 0; d < nb.length; d++) {
      const t = nb[d]!;
      if (t < 0 || code[t] !== EMPTY) continue;
      n++;
      const i = f.cellOfVoxel(t);
      let p = i < 0 ? 0 : f.conc(i) / this.c0;
      if (p > 1) p = 1; else if (!(p > 0)) p = 0;
      if (withMig && this.mig !== null && i >= 0) p *= this.mig[i]!;
      if (sealed && p > 0 && !f.joinedToTop(i)) p = 0;
      sum += p;
    }
    return n > 0 ? sum / n : 0;
  }
  private readonly nbSei = new Int32Array(6);
  /** reductionWeights' EMPTY neighbours of an SEI site: their cells and p */
  private readonly nbSeiCells = new Int32Array(6);
  private readonly nbSeiP = new Float64Array(6);

  /**
   * Whether a reduction drawn at voxel v is rejected with certainty, without a random number (accept's or
   * acceptThroughSei's p is 0: the cell holds no salt, a voxel beyond the plane, an SEI voxel whose liquid holds none);
   * false with the space charge on (its edge rule) and for a voxel neither EMPTY nor SEI. Branch fieldcost2: the loop
   * leaves such draws out (engine/loop.ts CertainRejects; TransportThinning's).
   */
  certainReject(v: number, app: PlatingApp): boolean {
    if (this.sc !== null) return false;
    const cv = app.code[v]!;
    if (cv === EMPTY) {
      const i = this.field.cellOfVoxel(v);
      if (i < 0) return true;
      let p = this.field.conc(i) / this.c0;
      if (this.mig !== null) p = Math.min(p, 1) * this.mig[i]!;
      return !(p > 0) || !this.field.joinedToTop(i);
    }
    return app.isSeiCode(cv) && !(this.pThroughSei(v, app, true, true) > 0);
  }

  /**
   * Whether an oxidation of the metal atom at voxel v would put its ion only into liquid the deposit has sealed: v has
   * EMPTY face neighbours and every one lies in a box cell whose liquid is not joined to the boundary plane through open
   * cells (ConcentrationField.joinedToTop). Such liquid has no ionic path to the counter electrode (its cations cannot
   * leave, no anions can come), so it carries no net current; TransportThinning rejects the draw (branch fieldce: until
   * then a strip oxidised the walls of pores a plate had sealed, their cells filled to 48 c0, and a cavity grown along the
   * host cut the deposit above it off: review89 F0, CE 20 % and 75 % dead against 95 % and 0.02 % without the field).
   * false for an atom with no EMPTY neighbour (stripping under the SEI: its own rules).
   */
  oxidationSealed(v: number, app: PlatingApp): boolean {
    const f = this.field, code = app.code, nb = this.nbSei;
    app.lat.neighbors(v, nb);
    let n = 0;
    for (let d = 0; d < nb.length; d++) {
      const t = nb[d]!;
      if (t < 0 || code[t] !== EMPTY) continue;
      n++;
      if (f.joinedToTop(f.cellOfVoxel(t))) return false;
    }
    return n > 0;
  }
  /** oxidations rejected by oxidationSealed (branch fieldce) */
  sealedOxidations = 0;

  /**
   * The share of the oxidation events' base rate (the metal voxels' events now in the solver) that oxidationSealed does
   * not reject, from a scan kept until the next scan of rho (`scans`): an anodic step hands the galvanostat B times it,
   * as it hands A times rho (branch fieldce2: until then B held the rejected oxidations' rates, and a strip's |eta| came
   * out too small by ln(1/share) / ((1 - alpha) f), 0.3-3.9 mV on average in fieldce's cases, until the deficit term took
   * it back). 1 exactly when none is sealed. The oxidations under the SEI (an SEI voxel's event) count as open.
   */
  oxidationOpenShare(app: PlatingApp): number {
    if (this.oxShareAt === this.scans) return this.oxShare;
    this.field.refreshJoined();
    const slots = app.slots, solver = app.solver, code = app.code, keys = slots.slotKey, rate = solver.rate;
    let all = 0, sealed = 0;
    for (let s = 0; s < slots.slotCount; s++) {
      const v = keys[s]!;
      if (v < 0 || code[v] !== METAL) continue;
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      const k = rate[cls]!;
      all += k;
      if (this.oxidationSealed(v, app)) sealed += k;
    }
    this.oxShare = sealed > 0 && all > 0 ? Math.max(0, all - sealed) / all : 1;
    this.oxShareAt = this.scans;
    return this.oxShare;
  }
  private oxShare = 1;
  private oxShareAt = -1;

  /** k draws rejected with certainty that the loop left out (certainReject): counted as accept counts a rejection */
  noteRejected(k: number): void { this.rejected += k; this.consecutiveRejections += k; }

  /** scans of rho (both kinds): `cell.migration`'s factors change at one */
  scans = 0;
  /** `accepted` when the thinning's certain rejections were last left out (step-parts.ts TransportThinning; -1: never):
   *  they stay left out until a reduction is accepted. Here, not in the step's part, so a checkpoint holds it */
  certainOnAt = -1;

  /** accept for a reduction drawn at SEI voxel v (pThroughSei); the space charge's edge rule when its zone stands */
  acceptThroughSei(v: number, app: PlatingApp, rng: Rng): boolean {
    if (this.sc !== null && this.sc.active) return this.acceptEdge(v);
    const p = this.pThroughSei(v, app, true, true);
    const ok = p >= 1 || (p > 0 && rng.next() < p);
    if (ok) { this.accepted++; this.consecutiveRejections = 0; } else { this.rejected++; this.consecutiveRejections++; }
    return ok;
  }

  /**
   * After an executed event: the voxel that changed leaves or joins the electrolyte, and salt
   * leaves or returns. vBefore: the event's voxel before execution; code: the lattice now. A faradaic event through an
   * SEI voxel (app.seiMoved >= 0: plating under the film lifts it into an EMPTY voxel, stripping under it pulls it out
   * of one) changes the liquid at that voxel, not at vBefore (an SEI voxel turned metal or the reverse; branch
   * fieldcost: until then vBefore's cell, which holds no liquid, took the salt and lost an open voxel it did not have).
   */
  afterEvent(app: PlatingApp, ch: number, vBefore: number): void {
    const f = this.field;
    if (this.sc !== null) { if (ch === CH_RED) this.sc.net++; else if (ch === CH_OX) this.sc.net--; }
    if ((ch === CH_RED || ch === CH_OX) && app.seiMoved >= 0) vBefore = app.seiMoved;
    if (ch === CH_RED) {
      const i = f.cellOfVoxel(vBefore);
      f.consume(i, this.sinkPerVoxel); // before closing: a cell that closes hands on its salt and this deficit
      f.setOpen(i, false);
      f.counterVolume(this.voxelVolume); // with a separator the counter strips the same volume (branch separator)
      this.migrated += this.molPerVoxel - this.sinkPerVoxel;
    } else if (ch === CH_OX) {
      const i = f.cellOfVoxel(vBefore);
      f.setOpen(i, true);
      f.consume(i, -this.sinkPerVoxel);
      f.counterVolume(-this.voxelVolume);
      this.migrated -= this.molPerVoxel - this.sinkPerVoxel;
    } else if (ch === CH_HOP && isLiquid(app.code[vBefore]!) && app.lastHopTo >= 0) {
      // (a hop's source may have been sealed off at once, VOID: still liquid; branch e1void)
      const from = f.cellOfVoxel(vBefore), to = f.cellOfVoxel(app.lastHopTo);
      // the electrolyte the atom displaces takes the place it left, with its salt (branch fieldclock)
      if (from !== to) f.moveSolid(from, to);
    }
  }

  /**
   * Advances the field to reported time t when at least minDt has passed; rescans rho when due. Called after every
   * executed event with t the clock with that event counted (its charge quantum included: branch fieldclock).
   *
   * quantum_s (galvanostatic steps on the charge clock: q / I, the time one voxel's charge takes): a faradaic event
   * that moved no clock (an oxidation while plating, a reduction back up to a count already reached, and the mirror
   * while stripping) still changed a cell's salt; when that change is above the update tolerance the changes since the
   * last update relax over quantum_s before the next draw, the rest of the field staying at its clock, and the whole
   * field over min(quantum_s, maxStale) (relaxUnclocked; `relaxations`, `relaxed_s`). Until branch fieldclock such a change stood unrelaxed
   * until the charge counter passed its maximum again, and the draws near it were rejected (docs/transport.md, "The
   * field's clock at a reduction"); until branch fieldresid the whole field was advanced over min(quantum_s, maxStale),
   * which left a one-voxel sink at 0.92 c0 until the next faradaic event.
   */
  advance(t: number, app: PlatingApp, force = false, quantum_s = 0, plating = true): void {
    if (this.sc !== null) this.noteClock(t, app, quantum_s);
    if (this.mig !== null) {
      const { nx, ny, a } = this.field.spec;
      const J = quantum_s > 0 && plating ? (this.molPerVoxel * CONST.F) / quantum_s / (nx * ny * a * a) : 0;
      if (!(J > 0) && this.migJ > 0) { this.mig.fill(1); this.migWait = 0; this.migPhiMax_V = NaN; } // no current: no ohmic potential
      this.migJ = J;
    }
    const dt = t - this.time;
    if (force && this.rescanAtStart) {
      // the step before ended with catchUp at this time: the field is current, and the step's start scans as it did
      // before catchUp existed (after the modules' step-end pass), so the trajectory is the same (branch fieldaudit)
      this.rescanAtStart = false;
      if (!(dt > 0)) { const w0 = performance.now(); this.scanRho(app); this.fieldWall_ms += performance.now() - w0; return; }
    }
    if (!(force && dt > 0) && !(dt >= this.minDt && (this.field.maxRelChange >= this.relTolerance || dt >= this.maxStale))) {
      if (quantum_s > 0 && dt <= 0 && this.field.maxRelChange >= this.relTolerance) this.relaxUnclocked(quantum_s, app);
      return;
    }
    const w0 = performance.now();
    this.field.update(dt);
    this.time = t;
    this.updates++;
    if (++this.sinceRho >= this.rhoEvery || force) this.scanRho(app);
    this.fieldWall_ms += performance.now() - w0;
  }

  /** set by catchUp: the next step's forced advance at the same time rescans rho (branch fieldaudit) */
  rescanAtStart = false;

  /**
   * The field at the end of a step on the kMC clock that ran to its duration (a rest, a pulse's rest, a timed hold), t
   * the step's end: advanced there (update and scan) so that the step's last row, and metrics.json when it is the run's
   * last step, read the field at that time. The loop ends such a step without an event at its end, and advance runs
   * after executed events only, so until branch fieldaudit the field stood at the last event's update: Li on Cu,
   * 4 x 4 x 16 voxels of 100 nm, 20 um layer, `Plate at 125 mA/cm2 for 2.5 s` then `Rest for 0.5 s`, seed 1: the field's
   * clock 2.570 s at the rest's end, 2.988 s, and the last row's c_s 0.614 M (the next step's forced advance caught it
   * up, so trajectories did not depend on it). The next step's start still scans (rescanAtStart).
   */
  catchUp(t: number, app: PlatingApp): void {
    if (!(t > this.time)) return;
    this.advance(t, app, true);
    this.rescanAtStart = true;
  }

  /** unclocked relaxations (advance's quantum_s) and the summed time the whole field diffused in them (min(quantum_s, maxStale) each), s */
  relaxations = 0;
  relaxed_s = 0;

  /**
   * Relaxes a faradaic event that moved no clock: the changes since the last update diffuse over dt (quantum_s) while
   * the field's profile stays at its clock (ConcentrationField.relaxChanges), then the whole field over min(dt, maxStale),
   * which fills a cell an oxidation or a hop reopened. Salt conserved, the boundary's exchange counted. Until branch
   * fieldresid only the second (the whole field over min(q/I, 30 h^2/D)): a one-voxel sink stood at 0.92 c0 until the
   * next faradaic event, ms of kMC time later (docs/transport.md).
   */
  private relaxUnclocked(dt: number, app: PlatingApp): void {
    const w0 = performance.now();
    const whole = Math.min(dt, this.maxStale);
    if (dt > whole) this.field.relaxChanges(dt);
    this.field.update(whole);
    this.relaxations++;
    this.relaxed_s += whole;
    this.updates++;
    if (++this.sinceRho >= this.rhoEvery) this.scanRho(app);
    this.fieldWall_ms += performance.now() - w0;
  }

  /**
   * Per box cell, once per scan (both scans): scanP = min(c/c0, 1) (0 when empty) and scanC = max(0, c); the same values
   * the per-site loop computed for every site until branch fieldspeed (a voxel beyond the plane, cell -1, has c = 0 and
   * p = 0).
   */
  private fillScanCells(): void {
    const f = this.field, c0 = this.c0, nBox = f.open.length, pc = this.scanP, cc = this.scanC;
    f.refreshJoined();
    for (let i = 0; i < nBox; i++) {
      const c = f.conc(i);
      let p = c / c0;
      if (p > 1) p = 1; else if (!(p > 0)) p = 0;
      // liquid the deposit sealed: the thinning rejects its reductions (branch fieldce2), so p = 0 here too; until then
      // its salt kept rho, and Sand's onset read from it, above what the thinning could accept
      if (p > 0 && !f.joinedToTop(i)) p = 0;
      pc[i] = p; cc[i] = Math.max(0, c);
    }
  }

  /**
   * `cell.migration: ohmic`: the liquid's potential with the model's current distribution (fields/liquid-potential.ts
   * 'tafel': each cell's sites take lambda sum k(s) min(c/c0, 1) exp(alpha f phi), the total the plating current), from
   * the last solve's potential, Newton to MIG_NEWTON_TOL_V (branch ohmic3; one step per solve until then, which left
   * factors off the converged ones by up to 0.7: docs/transport.md, "The solve's convergence"), and the factor per cell
   * exp(-alpha f (phi_max - phi_s)) over the cells with sites; scanP (c/c0) multiplied by it. A solve every
   * max(1, iterations / 100) scans; between solves the factors stand. No current (a rest, a strip, a step's first scan):
   * every factor 1. A cell with sites outside the solved liquid (a sealed pore, phi NaN) gets 0 while current flows
   * (branch ohmic6).
   */
  private solveMigration(app: PlatingApp): void {
    const mig = this.mig!, pc = this.scanP, nBox = mig.length;
    if (!(this.migJ > 0)) { mig.fill(1); this.migWait = 0; this.migPhiMax_V = NaN; return; }
    if (this.migWait > 0) { this.migWait--; for (let i = 0; i < nBox; i++) pc[i]! *= mig[i]!; return; }
    const e = this.spec.electrolyte;
    const w = this.reductionWeights(app);
    const r = liquidPotential(this.field, {
      kappa0_S_per_m: e.kappa_S_per_m, kappaOf: this.kappaOf, tPlus: e.tPlus, kT_V: this.kTe, J_A_per_m2: this.migJ, electrode: 'tafel', sink: w, alpha: this.alpha,
      start: this.migPhi!, maxNewton: MIG_MAX_NEWTON, newtonTol: MIG_NEWTON_TOL_V, tol: 1e-8,
    });
    this.migSolves++; this.migIterations += r.iterations;
    this.migWait = Math.max(0, Math.ceil(r.iterations / 100) - 1);
    let hi = -Infinity, lo = Infinity;
    for (let i = 0; i < nBox; i++) if (w[i]! > 0 && r.phi[i]! === r.phi[i]!) { if (r.phi[i]! > hi) hi = r.phi[i]!; if (r.phi[i]! < lo) lo = r.phi[i]!; }
    this.migSpread_V = hi >= lo ? hi - lo : 0;
    this.migPhiMax_V = hi >= lo ? hi : NaN;
    const aF = this.alpha / this.kTe;
    let q0 = 0, q1 = 0;
    for (let i = 0; i < nBox; i++) {
      const ph = r.phi[i]!;
      // a site in liquid outside the solved liquid (a pore the deposit sealed: phi NaN) gets 0: a closed pore carries no
      // net ionic current, so no cation reaches it while the plate's current flows (branch ohmic6; it got 1 until then)
      mig[i] = w[i]! > 0 ? (ph === ph ? Math.exp(-aF * (hi - ph)) : 0) : 1;
      pc[i]! *= mig[i]!;
      if (w[i]! > 0 && ph === ph) { const q = w[i]! * mig[i]!; q0 += q; q1 += q * ph; }
    }
    const qm = q0 > 0 ? q1 / q0 : 0;
    let q2 = 0;
    for (let i = 0; i < nBox; i++) { const ph = r.phi[i]!; if (w[i]! > 0 && ph === ph) q2 += w[i]! * mig[i]! * (ph - qm) ** 2; }
    this.migSpreadWeighted_V = q0 > 0 ? Math.sqrt(q2 / q0) : 0;
    this.migLastStep_V = r.lastStep_V;
    const phi = this.migPhi!;
    for (let i = 0; i < phi.length; i++) { const x = r.phi[i]!; phi[i] = x === x ? x : 0; }
  }

  /** rho = sum k(s) c(s)/c0 / sum k(s) over the reduction events now in the solver. */
  scanRho(app: PlatingApp): void {
    this.scans++;
    if (this.sc !== null) { this.scanRhoSpaceCharge(app, this.sc); return; }
    this.sinceRho = 0;
    const slots = app.slots, solver = app.solver, code = app.code, f = this.field;
    const keys = slots.slotKey, n = slots.slotCount, c0 = this.c0;
    const pc = this.scanP, cc = this.scanC;
    this.fillScanCells();
    const pc0 = this.scanP0;
    if (this.mig !== null) { pc0.set(pc); this.solveMigration(app); } // cell.migration: the factor goes into p as c/c0 does
    const rate = solver.rate;
    const mig = this.mig;
    let a0 = 0, a1 = 0, ac = 0, m = 0, b1 = 0;
    for (let s = 0; s < n; s++) {
      const v = keys[s]!;
      if (v < 0) continue;
      const cv = code[v]!;
      if (cv !== EMPTY) {
        // a reduction under the SEI (plateUnderSei): its p is the liquid beside the voxel's (pThroughSei), its c p c0
        // (branch fieldcost; until then left out of rho while the galvanostat's A held its rate)
        if (!app.isSeiCode(cv)) continue;
        const cls = solver.classOf(2 * s);
        if (cls < 0) continue;
        m++;
        const k = rate[cls]!, p = this.pThroughSei(v, app, true, true);
        a0 += k; a1 += k * p; ac += k * p * p * c0;
        if (mig !== null) b1 += k * this.pThroughSei(v, app, false, true);
        continue;
      }
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      m++;
      const k = rate[cls]!;
      const i = f.cellOfVoxel(v);
      const p = i < 0 ? 0 : pc[i]!;
      a0 += k; a1 += k * p; ac += k * p * (i < 0 ? 0 : cc[i]!);
      if (mig !== null) b1 += k * (i < 0 ? 0 : pc0[i]!);
    }
    this.rho = a0 > 0 ? a1 / a0 : 1;
    // Sand's onset from the concentration's own c/c0 (the factor moves current between sites, not the salt at them)
    this.sandRho = mig === null ? this.rho : a0 > 0 ? b1 / a0 : 1;
    // where the current goes: a site weighted by the rate it reduces at (k p), not by k alone
    this.surfaceConc = a0 > 0 ? (a1 > 0 ? ac / a1 : 0) : c0;
    // keep the scan's cost near that of a field update
    this.rhoEvery = Math.max(1, Math.ceil(m / Math.max(256, f.nCells)));
    if (this.sandTime_s === null && this.time > this.lastRhoTime && this.sandRho <= this.spec.sand_fraction) this.sandTime_s = this.time;
    this.lastRhoTime = this.time;
  }

  /**
   * Per box cell of the field, the rate its reduction sites reduce at now, sum k(s) min(c/c0, 1) over the reduction
   * events in the solver (scanRho's weights), 1/s: the model's current distribution, for fields/liquid-potential.ts's
   * 'sink' (branch migstudy). A reduction site under the SEI (plateUnderSei) counts with the thinning's weight,
   * k(s) times the mean over its EMPTY face neighbours of min(c/c0, 1) (pThroughSei without the factor), shared out
   * to those neighbours' cells, k(s) min(c/c0, 1) / n each: its ion comes from that liquid, and the factor
   * pThroughSei then applies is each neighbour cell's (branch mends118; until then such sites were left out, while
   * the galvanostat's A held their rates and the thinning accepted them). Liquid the deposit sealed
   * (ConcentrationField.joinedToTop false) keeps its sites' k min(c/c0, 1) here, though the thinning and scanRho take
   * it at p = 0 (branch fieldce2): liquidPotential leaves that liquid out (phi NaN, its sink dropped; its liquid is
   * exactly the joined liquid) and solveMigration gives the cells with a weight there factor 0 (branch ohmic6), so a
   * weight there moves no solve. Over the joined cells the sum is scanRho's factor-free rate, sandRho times the summed k
   * of the sites (branch weights59; over every cell it is that plus the sealed sites' share: 0.05-2.3 % of it at 9 of
   * seeds 1-30 of mends118's test case). Reads the state only.
   */
  reductionWeights(app: PlatingApp): Float64Array {
    const f = this.field, w = new Float64Array(f.open.length), c0 = this.c0;
    const slots = app.slots, solver = app.solver, code = app.code, keys = slots.slotKey, rate = solver.rate;
    const nb = this.nbSei, cells = this.nbSeiCells, ps = this.nbSeiP;
    for (let s = 0; s < slots.slotCount; s++) {
      const v = keys[s]!;
      if (v < 0) continue;
      const cv = code[v]!;
      if (cv !== EMPTY && !app.isSeiCode(cv)) continue;
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      if (cv !== EMPTY) {
        app.lat.neighbors(v, nb);
        let n = 0;
        for (let d = 0; d < nb.length; d++) {
          const t = nb[d]!;
          if (t < 0 || code[t] !== EMPTY) continue;
          const i = f.cellOfVoxel(t);
          let p = i < 0 ? 0 : f.conc(i) / c0;
          if (p > 1) p = 1; else if (!(p > 0)) p = 0;
          cells[n] = i; ps[n] = p; n++;
        }
        for (let j = 0; j < n; j++) { const i = cells[j]!; if (i >= 0) w[i]! += (rate[cls]! * ps[j]!) / n; }
        continue;
      }
      const i = f.cellOfVoxel(v);
      if (i < 0) continue;
      const p = Math.min(1, Math.max(0, f.conc(i) / c0));
      w[i]! += rate[cls]! * p;
    }
    return w;
  }

  /**
   * Space charge (fields/space-charge.ts): the galvanostat's clock and current density from an advance. quantum_s > 0 is
   * a galvanostatic step on the charge clock (q / I); 0 a step's start or a step without a set current, which ends the
   * zone. While the zone stands, the edge is found again when the front has crossed a layer (the clock moves only here,
   * so the front does), and the highest metal layer's first arrival at each layer is recorded (the first zone's).
   */
  private noteClock(t: number, app: PlatingApp, quantum_s: number): void {
    const sc = this.sc!;
    sc.clock = t;
    if (!(quantum_s > 0)) { sc.J = 0; sc.net = 0; sc.active = false; return; }
    const { nx, ny, a } = this.field.spec;
    sc.J = (this.molPerVoxel * CONST.F) / quantum_s / (nx * ny * a * a);
    if (!sc.active) return;
    if (Math.floor(frontLayer(sc, a)) !== sc.edgeFront) this.scanRho(app);
    if (app.maxMetalZ > sc.top) {
      sc.top = app.maxMetalZ;
      if (sc.zones === 1) sc.arrivals.push(sc.top, t);
    }
  }

  /**
   * A drawn reduction while the zone stands: accepted in the edge's layer only (no random number drawn). Where hops
   * have emptied the edge's layer of sites, the draws are rejected until the next scan (a field update's, or the
   * thinning's after 100,000 rejections in a row) finds the edge again.
   */
  private acceptEdge(v: number): boolean {
    const sc = this.sc!, { nx, ny } = this.field.spec;
    const ok = ((v / (nx * ny)) | 0) === sc.edge;
    if (ok) { this.accepted++; this.consecutiveRejections = 0; } else { this.rejected++; this.consecutiveRejections++; }
    return ok;
  }

  /**
   * scanRho with the space charge on: the same rho, c_s and Sand's onset while the zone does not stand; the zone starts
   * at the scan that finds the surface at Sand's onset in a galvanostatic plate (its front at the highest site's layer);
   * while it stands, the edge's layer is found (the highest site layer at or below floor(z_f), else the lowest) and rho
   * is the edge sites' share of the reduction rate (accepted with p = 1, the others 0), c_s their cells' concentration.
   */
  private scanRhoSpaceCharge(app: PlatingApp, sc: SpaceCharge): void {
    this.sinceRho = 0;
    const slots = app.slots, solver = app.solver, code = app.code, f = this.field;
    const keys = slots.slotKey, n = slots.slotCount, c0 = this.c0, nxy = f.spec.nx * f.spec.ny;
    const pc = this.scanP, cc = this.scanC;
    this.fillScanCells();
    const front = sc.active ? Math.floor(frontLayer(sc, f.spec.a)) : Infinity;
    const rate = solver.rate;
    let a0 = 0, a1 = 0, ac = 0, m = 0, zMax = -1, zMin = Infinity, below = -1;
    for (let s = 0; s < n; s++) {
      const v = keys[s]!;
      if (v < 0) continue;
      // a reduction under the SEI (plateUnderSei) is a reduction site as in scanRho: its p the liquid beside the voxel's
      // (pThroughSei), its layer the voxel's (branch fieldcost2; until then left out here while the galvanostat's A held
      // its rate and acceptThroughSei took it at the edge)
      const cv = code[v]!;
      const sei = cv !== EMPTY;
      if (sei && !app.isSeiCode(cv)) continue;
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      m++;
      const k = rate[cls]!;
      if (sei) {
        const p = this.pThroughSei(v, app, false, true);
        a0 += k; a1 += k * p; ac += k * p * p * c0;
      } else {
        const i = f.cellOfVoxel(v);
        const p = i < 0 ? 0 : pc[i]!;
        a0 += k; a1 += k * p; ac += k * p * (i < 0 ? 0 : cc[i]!);
      }
      const z = (v / nxy) | 0;
      if (z > zMax) zMax = z;
      if (z < zMin) zMin = z;
      if (z <= front && z > below) below = z;
    }
    const rhoThin = a0 > 0 ? a1 / a0 : 1;
    this.rhoEvery = Math.max(1, Math.ceil(m / Math.max(256, f.nCells)));
    if (this.sandTime_s === null && this.time > this.lastRhoTime && rhoThin <= this.spec.sand_fraction) this.sandTime_s = this.time;
    this.lastRhoTime = this.time;
    if (!sc.active && sc.J > 0 && sc.net > 0 && m > 0 && rhoThin <= this.spec.sand_fraction) {
      // the zone starts: its front at the tips' top (the highest reduction site's layer)
      sc.active = true; sc.t_on = sc.clock; sc.z0 = zMax; below = zMax;
      sc.zones++;
      if (sc.zones === 1) { sc.first_on_s = sc.clock; sc.first_v_m_per_s = sc.vPerJ * sc.J; sc.z0First = zMax; sc.top = app.maxMetalZ; }
    }
    if (!sc.active) {
      this.rho = rhoThin; this.sandRho = rhoThin;
      this.surfaceConc = a0 > 0 ? (a1 > 0 ? ac / a1 : 0) : c0;
      return;
    }
    sc.edge = below >= 0 ? below : zMin;
    sc.edgeFront = Math.floor(frontLayer(sc, f.spec.a));
    let e1 = 0;
    for (let s = 0; s < n; s++) {
      const v = keys[s]!;
      if (v < 0 || (code[v] !== EMPTY && !app.isSeiCode(code[v]!)) || ((v / nxy) | 0) !== sc.edge) continue;
      const cls = solver.classOf(2 * s);
      if (cls < 0) continue;
      e1 += rate[cls]!;
    }
    this.rho = a0 > 0 ? e1 / a0 : 1; this.sandRho = this.rho;
    // c_s in the zone (branch chazal2): the neutral liquid's at the zone's outer edge, c0 in Chazalviel's steady state
    // (zoneStands). Until chazal2 the edge cells' concentration, which hold the anion-free zone (often 0 M): the readings
    // read the floors
    this.surfaceConc = c0;
  }

  /** scanRho's per-cell p and c, reused across scans */
  private readonly scanP: Float64Array;
  /** `cell.migration`: scanP before the factor (Sand's onset reads it); empty with the opt-in off */
  private readonly scanP0: Float64Array;
  private readonly scanC: Float64Array;

  /** ln(c0 / c_s), c_s where the reductions go (floored at 1e-12 c0) */
  private lnDepletion(): number { return Math.log(1 / Math.max(this.surfaceConc / this.c0, 1e-12)); }

  /** Newman's concentration overpotential eta_c = (2kT/e)(1 - t+) ln(c0/c_s), V (>= 0 while plating): Nernst term + diffusion potential. */
  etaConc(): number {
    return 2 * this.kTe * (1 - this.spec.electrolyte.tPlus) * this.lnDepletion() + this.zoneDrop();
  }

  /**
   * The part of eta_c the cell voltage adds to the working electrode's overpotential, V (the trace's
   * concentration_mV, turned to the WE part's sign): the diffusion potential (1 - 2 t+)(kT/e) ln(c0/c_s).
   * eta_c's Nernst term (kT/e) ln(c0/c_s) is already in the galvanostat's overpotential (its cathodic
   * rate goes with c/c0, measured from the bulk's equilibrium), so it is not added again. With a separator it adds the
   * counter electrode's own concentration part (counterConcPart, at the row's current j, cycler sign; branch cellv2).
   */
  cellConcPart(j_A_per_m2 = 0): number {
    return this.diffusionPart(this.surfaceConc) + this.counterConcPart(j_A_per_m2);
  }

  /**
   * The working electrode's diffusion potential (1 - 2 t+)(kT/e) ln(c0/c_s) at surface concentration c_s (mol/m3, floored
   * at 1e-12 c0), V; while the space-charge zone stands (branch chazal2) plus the zone's own drop now (zoneDrop), c_s
   * being then c0 (zoneStands).
   */
  diffusionPart(cs_mol_per_m3: number): number {
    return (1 - 2 * this.spec.electrolyte.tPlus) * this.kTe * Math.log(1 / Math.max(cs_mol_per_m3 / this.c0, 1e-12)) + this.zoneDrop();
  }

  /**
   * Salt concentration at the counter electrode's plane, mol/m3, with a separator (the field reaches it); null with
   * a diffusion layer (the bulk is held at c0 there, the counter is not modelled). The top layer's mean (salt over
   * open volume) plus the half-cell step of the boundary gradient: the counter releases (1 - t+) |j| / F of salt per
   * area while the working electrode plates (j < 0, cycler sign), so dc/dz = -(1 - t+) j / (F D) at the plane.
   */
  counterConc(j_A_per_m2 = 0): number | null {
    if (this.spec.boundary !== 'separator') return null;
    const f = this.field, e = this.spec.electrolyte;
    const key = this.fieldKey();
    if (key !== this.topKey) {
      const nxy = f.ncx * f.ncy, base = (f.ncz - 1) * nxy;
      let n = 0, v = 0;
      for (let i = base; i < base + nxy; i++) { n += f.N[i]!; v += f.capacity(i); }
      this.topKey = key; this.cTop = v > 0 ? n / v : this.c0;
    }
    const cTop = this.cTop;
    // the top layer with the counter's freed volume behind it (branch separator) is hz + gap thick; floored at 0: a strip
    // above the limiting current empties the counter's side and the extrapolation ran below it (branch fieldaudit:
    // metrics.json read -0.103 M at 1000 mA/cm2 behind 25 um; every part of the cell voltage floors c_CE at 1e-12 c0)
    return Math.max(0, cTop - ((1 - e.tPlus) * j_A_per_m2 / (CONST.F * e.D_m2_per_s)) * ((f.hz[f.ncz - 1]! + f.gapThickness()) / 2));
  }

  /**
   * The counter electrode's own concentration part, V, the working electrode's sign (positive while it plates):
   * 2 (1 - t+)(kT/e) ln(c_CE / c0) with a separator (its Nernst term and its diffusion potential: the counter's
   * Butler-Volmer part, counter_mV, is taken at c0 and holds neither); 0 with a diffusion layer.
   */
  counterConcPart(j_A_per_m2 = 0): number {
    const c = this.counterConc(j_A_per_m2);
    if (c === null) return 0;
    return 2 * (1 - this.spec.electrolyte.tPlus) * this.kTe * Math.log(Math.max(c / this.c0, 1e-12));
  }

  /**
   * `cell.migration: ohmic` while a plate's current flows at the solve's J (branch ohmic7, review81): the electrolyte's
   * share of the cell voltage's ohmic part at the row's current j (A/m2, cycler sign), V, in place of j R_el; null
   * otherwise (no solve standing, the opt-in off, or j not the solve's plating current), and then j R_el.
   *
   * Why: the factor exp(-alpha f (phi_max - phi_s)) is 1 at the site of phi_max and below it elsewhere, so the galvanostat,
   * which scales the rates until they carry the current, reports the overpotential of that site: eta (the overpotential
   * column) holds the tip-to-typical-site part of the liquid's drop (about (kT / (alpha e)) ln(1 / mean factor)). The cell
   * voltage's liquid share must then run from the plane to that site, -phi_max (the solve's ohmic drop and diffusion
   * potential to it), not to every column's deposit (R_el) and the rate-weighted c_s: until ohmic7 it did, and so counted
   * the tip-to-typical part twice (review81's bound 1-27 mV). The concentration column keeps the diffusion potential at
   * c_s and, with a separator, the counter's part (whose own diffusion potential (1 - 2 t+)(kT/e) ln(c_CE / c0) the solve
   * also holds: its plane is at the top cells' c); so this share is phi_max + (1 - 2 t+)(kT/e) ln(c_ref / c_s), c_ref c0
   * with a diffusion layer and c_CE with a separator, and the columns sum to eta + counter + j R + phi_max (less the
   * counter's Nernst term with a separator).
   */
  liquidOhmic(j_A_per_m2: number): number | null {
    if (this.mig === null || !(this.migJ > 0) || !(this.migPhiMax_V === this.migPhiMax_V)) return null;
    if (!(Math.abs(-j_A_per_m2 / this.migJ - 1) < 1e-6)) return null;
    const c0 = this.c0, cRef = this.counterConc(j_A_per_m2) ?? c0;
    const beta = (1 - 2 * this.spec.electrolyte.tPlus) * this.kTe;
    return this.migPhiMax_V + beta * (Math.log(Math.max(cRef / c0, 1e-12)) + Math.log(1 / Math.max(this.surfaceConc / c0, 1e-12)));
  }

  /**
   * The electrolyte's area-specific resistance over the field, Ohm m2 (0 when the electrolyte has no conductivity):
   * each column of field cells, from the boundary plane down to the deposit, is a series of cells of resistance
   * dz / kappa(c), kappa(c) the set's sourced law or kappa0 c / c0 (conductivityOf, branch ohmic7: until then kappa0 c / c0
   * for every set, about half Valoen-Reimers' below 0.2 M; c floored at 1e-6 c0); the first
   * cell holding solid (metal, host, SAC) counts its open share of its height and ends the column (below it the metal
   * carries the current). The columns are in parallel between the metal and the plane: R = 1 / mean(1 / R_column).
   * With a separator the top cell's height has the counter's freed volume's thickness added (branch separator).
   * Cached until the field changes (an update, a reduction or an oxidation).
   */
  electrolyteResistance(): number {
    const f = this.field;
    // while the space-charge zone stands (branch chazal2): the neutral liquid from the front to the plane at c0 (zoneStands;
    // the zone's own drop is zoneDrop's). Until chazal2 the field's cells, the zone's among them, empty of salt at kappa's
    // floor: 13.7 kV at 0.25 M and 1000 mA/cm2 (16 x 16 x 24 voxels of 100 nm, 500 um layer)
    if (this.zoneStands()) {
      const kappa0 = this.spec.electrolyte.kappa_S_per_m;
      const zf = frontLayer(this.sc!, f.spec.a) * f.spec.a;
      return kappa0 > 0 ? Math.max(0, f.spec.planeZ_m - zf + f.gapThickness()) / kappa0 : 0;
    }
    const key = this.fieldKey();
    if (key === this.rKey) return this.rCache;
    const kappa0 = this.spec.electrolyte.kappa_S_per_m;
    let r = 0;
    if (kappa0 > 0) {
      const nxy = f.ncx * f.ncy, nBox = f.open.length, c0 = this.c0, gap = f.gapThickness(), kappaOf = this.kappaOf;
      let g = 0;
      for (let col = 0; col < nxy; col++) {
        let rc = 0;
        for (let k = f.ncz - 1; k >= 0; k--) {
          const i = col + nxy * k;
          const share = i < nBox ? f.open[i]! / f.nvox[i]! : 1;
          // the top layer's cells carry the counter's freed volume too, a gap of gapThickness (branch separator)
          if (share > 0) rc += (share * f.hz[k]! + (k === f.ncz - 1 ? gap : 0)) / kappaOf(Math.max(f.conc(i), 1e-6 * c0));
          if (share < 1) break;
        }
        g += rc > 0 ? 1 / rc : Infinity;
      }
      r = g === Infinity ? 0 : nxy / g;
    }
    this.rKey = key; this.rCache = r;
    return r;
  }
  private rKey = NaN;
  private rCache = 0;
  private topKey = NaN;
  private cTop = 0;
  /** changes when the field does: an update, or a reduction or oxidation (salt taken or given back) */
  private fieldKey(): number { return this.updates * 1e12 + this.field.consumed / this.sinkPerVoxel; }

  /** Whether the deposit touches the boundary plane (a separator: short circuit). */
  touchesPlane(maxMetalZ: number): boolean { return maxMetalZ >= this.planeVoxZ - 1; }

  /** Salt balance residual, mol: field now - (initial + inflow - consumed). */
  balanceResidual(): number {
    const f = this.field;
    return f.total() - (f.initial + f.inflow - f.consumed);
  }
}
