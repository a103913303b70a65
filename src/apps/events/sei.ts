/**
 * The SEI and the fate of the metal inventory (MODEL.md 8.4): an event module (module.ts).
 * Parameters: params/sei.ts (per electrolyte), run-file key `sei:` (input/sei.ts).
 *
 * Species: SEI (organic-rich, code 3) and SEI_INORGANIC (salt-derived fluoride-rich, code 5),
 * both solid, electronically insulating, ion-conducting (lattice/species.ts).
 *
 * 1. Passivation of fresh metal (chemical part, operator split in `advance`). Every metal voxel
 *    (connected or dead) reacts through each face that touches electrolyte at rate
 *    k(T) = k25 exp(-Ea/k (1/T - 1/298.15)), and through each face covered by SEI at
 *    k(T) x passivation (x inorganicPassivation for inorganic SEI): thickening. A reaction on an
 *    electrolyte face forms a film: with probability f (metal voxels a passivating film binds
 *    per face, params/sei.ts) the metal voxel itself becomes SEI (its metal is consumed), else
 *    the film is written into the electrolyte voxel outside that face (no metal consumed).
 *    Thickening converts the metal voxel with probability f.
 * 2. Electrochemical part (in `afterEvent`): a reduction on a fresh site (no SEI beside the new
 *    atom) ends in SEI with probability freshFraction (x passivation beside SEI): the charge
 *    passed, and the ion, are bound in the film.
 * 3. Ion conduction: the plating app lets ions cross one SEI voxel (PlatingPhysics.sei):
 *    plating under the film (the new atom takes the SEI voxel's place and the film is pushed out)
 *    and stripping through it, at the bare rate times R_ct / (R_ct + a / sigma), R_ct = kT/(e i0).
 *    This is the "lower local i0" of covered metal.
 * 4. Cracking: when metal under the SEI is stripped, the void it leaves is electrolyte, and the
 *    fresh metal around it is passivated again (step 1): a film does not follow a receding
 *    surface, it is left behind (SEI debris) and new SEI forms on what is exposed.
 * 5. Dead metal: SEI that forms at a neck cuts the metal beyond it off the collector (the SEI does
 *    not conduct): PlatingApp.transmute marks it DEAD (apps/connectivity.ts). Dead metal keeps
 *    reacting with the electrolyte and turns into SEI over time.
 * 6. Composition: a film formed next to an active SAC is inorganic with probability
 *    sacInorganicShare, elsewhere inorganicShare (SAC-catalysed salt decomposition, review
 *    section 4). The composition sets the film's ion conductance and passivation.
 * 7. SAC stability: a reduction on a SAC site (the voxel above it) deactivates the site with
 *    probability (bond-length change under plating) / (deactivation length), from the review's
 *    distortion figures (SAZr@NG 0.103 A, SAMn@NG 0.005 A); a SAC under SEI (the voxel above it
 *    became SEI) is deactivated too. A deactivated site becomes plain host.
 *
 * Inventory (exact, in voxels): plated = stripped + SEI-bound + dead + connected, where SEI-bound
 * counts metal voxels turned into SEI (`bound`), not film voxels written into the electrolyte.
 */
import type { PlatingApp } from '../plating.js';
import { CH_RED } from '../plating.js';
import type { EventModule } from './module.js';
import type { SeiSpec } from '../../input/sei.js';
import { DIRS } from '../../kmc/lattice.js';
import type { Rng } from '../../kmc/rng.js';
import { EMPTY, METAL, DEAD, SEI, SEI_INORGANIC, SAC_BASE, SAC_TYPES } from '../../lattice/species.js';

const T_REF = 298.15;
const KB = 8.617333262e-5;

export interface SeiCounters {
  /** metal voxels turned into SEI (metal inventory bound in the film), by the chemical and electrochemical parts */
  bound: number;
  boundElectrochemical: number;
  /** film voxels written into the electrolyte (no metal consumed) */
  film: number;
  /** film voxels on the host at the start */
  hostFilm: number;
  /** SEI voxels formed inorganic / organic */
  inorganic: number;
  organic: number;
  /** metal voxels cut off from the collector by SEI formation */
  deadByWrap: number;
  /** SAC sites deactivated by plating distortion / buried under SEI */
  sacDistorted: number;
  sacBuried: number;
}

/** Ion-conductance factor g = R_ct / (R_ct + a / sigma) and the matching barrier shift -kT ln g. */
export function throughShift(sigma_S_per_m: number, voxel_m: number, i0_A_per_m2: number, kT_eV: number): number {
  const rct = kT_eV / i0_A_per_m2; // Ohm m2 (kT/e in V over i0)
  const g = rct / (rct + voxel_m / sigma_S_per_m);
  return -kT_eV * Math.log(g);
}

/** The plating app's SEI table (PlatingPhysics.sei) for a spec. */
export function seiPhysics(spec: SeiSpec, o: { kT_eV: number; voxel_m: number; i0_A_per_m2: number; bond_eV: number }): Map<number, { throughShift_eV: number; binding_eV: number }> {
  return new Map([
    [SEI, { throughShift_eV: throughShift(spec.sigmaOrganic_S_per_m, o.voxel_m, o.i0_A_per_m2, o.kT_eV), binding_eV: o.bond_eV }],
    [SEI_INORGANIC, { throughShift_eV: throughShift(spec.sigmaInorganic_S_per_m, o.voxel_m, o.i0_A_per_m2, o.kT_eV), binding_eV: o.bond_eV }],
  ]);
}

export class SeiModule implements EventModule {
  readonly name = 'sei';
  readonly reads = 1;
  readonly writes: readonly number[];
  readonly spec: SeiSpec;
  readonly counters: SeiCounters = { bound: 0, boundElectrochemical: 0, film: 0, hostFilm: 0, inorganic: 0, organic: 0, deadByWrap: 0, sacDistorted: 0, sacBuried: 0 };
  /** rate per fresh face at the run's temperature, 1/s */
  readonly rate_per_s: number;
  /** SAC sites at the start (all types) */
  readonly initialSacs: number;
  private readonly rng: Rng;
  /** code a deactivated SAC becomes (the plain host), or -1 when the host is the metal's own foil */
  private readonly deactivatedCode: number;
  private readonly hostTopZ: number;
  private lastT: number;
  private eventsSinceSplit = 0;
  private readonly splitEvery: number;
  private readonly nb = new Int32Array(DIRS);
  private readonly nb2 = new Int32Array(DIRS);
  /** active SACs now */
  activeSacs: number;

  constructor(spec: SeiSpec, app: PlatingApp, o: { T_K: number; rng: Rng; deactivatedCode: number; hostTopZ: number; t0_s: number }) {
    this.spec = spec;
    this.rng = o.rng;
    this.deactivatedCode = o.deactivatedCode;
    this.hostTopZ = o.hostTopZ;
    this.rate_per_s = spec.formationRate_per_s * Math.exp(-(spec.activation_eV / KB) * (1 / o.T_K - 1 / T_REF));
    this.lastT = o.t0_s;
    this.splitEvery = Math.max(1024, app.lat.nxy * 4);
    this.writes = [SEI, SEI_INORGANIC, DEAD, ...(o.deactivatedCode >= 0 ? [o.deactivatedCode] : [])];
    let n = 0;
    for (let i = 0; i < app.lat.n; i++) if (this.isActiveSac(app.code[i]!)) n++;
    this.initialSacs = n;
    this.activeSacs = n;
    // the film on the host (formed before the metal nucleates): one SEI voxel on every host surface site
    const nxy = app.lat.nxy, z = o.hostTopZ + 1;
    if (o.hostTopZ >= 0 && z < app.lat.nz) {
      for (let v = z * nxy; v < (z + 1) * nxy; v++) {
        const below = app.code[v - nxy]!;
        if (app.code[v] !== EMPTY || below === METAL || below === DEAD || below === EMPTY) continue;
        app.transmute(v, this.seiCode(app, v, v));
        this.counters.hostFilm++;
      }
    }
  }

  private isActiveSac(c: number): boolean { return c >= SAC_BASE && c < SAC_BASE + SAC_TYPES; }

  /** Whether an active SAC is among the faces of voxel v. */
  private nearSac(app: PlatingApp, v: number): boolean {
    const nb = this.nb2;
    app.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.isActiveSac(app.code[t]!)) return true; }
    return false;
  }

  /** Composition of a film formed at voxel v (next to metal voxel m). */
  private seiCode(app: PlatingApp, v: number, m: number): number {
    const share = this.nearSac(app, v) || this.nearSac(app, m) ? this.spec.sacInorganicShare : this.spec.inorganicShare;
    const inorganic = this.rng.next() < share;
    if (inorganic) this.counters.inorganic++; else this.counters.organic++;
    return inorganic ? SEI_INORGANIC : SEI;
  }

  /** Writes SEI code c at voxel v; counts what the write does to the inventory and to SACs. */
  private writeSei(app: PlatingApp, v: number, c: number, electrochemical: boolean): void {
    const old = app.code[v]!;
    const died = app.transmute(v, c);
    this.counters.deadByWrap += died;
    if (old === METAL || old === DEAD) {
      this.counters.bound++;
      if (electrochemical) this.counters.boundElectrochemical++;
    } else this.counters.film++;
    // a SAC under the new film is buried: deactivated
    const below = v - app.lat.nxy;
    if (below >= 0 && this.isActiveSac(app.code[below]!) && this.deactivatedCode >= 0) {
      app.transmute(below, this.deactivatedCode);
      this.counters.sacBuried++;
      this.activeSacs--;
    }
  }

  afterEvent(app: PlatingApp, ch: number, v: number, t_s: number): void {
    if (ch === CH_RED && v >= 0 && app.code[v] === METAL) {
      const code = app.code;
      // SAC stability: a reduction on the site distorts it
      const below = v - app.lat.nxy;
      if (below >= 0 && this.deactivatedCode >= 0) {
        const cb = code[below]!;
        if (this.isActiveSac(cb)) {
          const p = this.spec.sacDeactivation[cb - SAC_BASE] ?? 0;
          if (p > 0 && this.rng.next() < p) {
            app.transmute(below, this.deactivatedCode);
            this.counters.sacDistorted++;
            this.activeSacs--;
          }
        }
      }
      // electrochemical part: fresh site -> freshFraction, beside SEI -> x passivation
      const f = this.spec.freshFraction;
      if (f > 0) {
        const nb = this.nb;
        app.lat.neighbors(v, nb);
        let covered = false;
        for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && (code[t] === SEI || code[t] === SEI_INORGANIC)) { covered = true; break; } }
        if (this.rng.next() < (covered ? f * this.spec.passivation : f)) this.writeSei(app, v, this.seiCode(app, v, v), true);
      }
    }
    if (++this.eventsSinceSplit >= this.splitEvery) this.advance(app, t_s);
  }

  /**
   * The chemical part from the last call to kMC time t (operator splitting): one pass over the
   * metal voxels in a fixed order, each reacting with probability 1 - exp(-rate dt).
   */
  advance(app: PlatingApp, t_s: number): void {
    this.eventsSinceSplit = 0;
    const dt = t_s - this.lastT;
    this.lastT = t_s;
    if (!(dt > 0) || this.rate_per_s <= 0) return;
    const code = app.code, lat = app.lat, nb = this.nb, rng = this.rng, sp = this.spec;
    const k = this.rate_per_s;
    const pOrg = sp.passivation, pInorg = sp.passivation * sp.inorganicPassivation;
    const zTop = Math.min(lat.nz - 1, app.maxMetalZ);
    const first = Math.max(0, this.hostTopZ) * lat.nxy, last = (zTop + 1) * lat.nxy;
    const w = new Float64Array(DIRS);
    for (let v = first; v < last; v++) {
      const c = code[v]!;
      if (c !== METAL && c !== DEAD) continue;
      lat.neighbors(v, nb);
      let total = 0;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        const ct = t >= 0 ? code[t]! : -1;
        // thickening only through a film one voxel thick (an SEI voxel that touches electrolyte): self-limiting
        w[d] = ct === EMPTY ? 1 : (ct === SEI || ct === SEI_INORGANIC) && this.touchesElectrolyte(app, t) ? (ct === SEI ? pOrg : pInorg) : 0;
        total += w[d]!;
      }
      if (total === 0) continue;
      if (rng.next() >= -Math.expm1(-k * total * dt)) continue;
      // which face reacted
      let r = rng.next() * total, d = 0;
      for (; d < DIRS - 1; d++) { if (r < w[d]!) break; r -= w[d]!; }
      while (w[d] === 0 && d > 0) d--;
      const t = nb[d]!;
      const convert = rng.next() < sp.boundPerFace;
      if (code[t] === EMPTY) {
        if (convert) this.writeSei(app, v, this.seiCode(app, v, v), false);
        else this.writeSei(app, t, this.seiCode(app, t, v), false);
      } else if (convert) this.writeSei(app, v, this.seiCode(app, v, v), false);
    }
  }

  private touchesElectrolyte(app: PlatingApp, v: number): boolean {
    const nb = this.nb2;
    app.lat.neighbors(v, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && app.code[t] === EMPTY) return true; }
    return false;
  }

  /** SEI voxels in the lattice now (both species). */
  seiVoxels(app: PlatingApp): number {
    let n = 0;
    for (const c of app.code) if (c === SEI || c === SEI_INORGANIC) n++;
    return n;
  }

  report(app: PlatingApp): Record<string, number> {
    return {
      sei_bound_voxels: this.counters.bound,
      sei_bound_electrochemical_voxels: this.counters.boundElectrochemical,
      sei_film_voxels: this.counters.film,
      sei_host_film_voxels: this.counters.hostFilm,
      sei_voxels: this.seiVoxels(app),
      sei_inorganic_fraction: this.counters.inorganic / Math.max(1, this.counters.inorganic + this.counters.organic),
      dead_by_sei_voxels: this.counters.deadByWrap,
      active_sac_fraction: this.initialSacs > 0 ? this.activeSacs / this.initialSacs : 1,
      sac_sites_distorted: this.counters.sacDistorted,
      sac_sites_buried: this.counters.sacBuried,
    };
  }
}
