/**
 * The plating simulation's parts of the generic loop (engine/loop.ts): `Simulation.runStep`
 * builds them for one protocol step and runs the loop. Each reproduces what the simulation's
 * own loop did inline, in the same order of random numbers, so that trajectories are unchanged.
 *
 *  - `PlatingAppPart`      the app (apps/plating.ts) behind the loop's select/execute; it follows
 *                          the app through deterministic rebuilds and records the site of the
 *                          event before it is executed (the thinning parts and the event modules
 *                          need the voxel as it was).
 *  - `DoubleLayerStepController` the overpotential: a galvanostat with a double layer, a held
 *                          overpotential, or open circuit (every rest, plain or a pulse's off
 *                          time: one path); ends a galvanostatic step that
 *                          no site can carry ('no_path', 'no_metal').
 *  - `LoneAdatomExits`     the first-passage domains' scheduled exits (apps/lone-adatoms.ts) as a field.
 *  - `KmcTimeLimit`        the end of a rest or a timed hold on the kMC clock.
 *  - `TransportThinning`, `SeiThinning` acceptors: a drawn reduction happens with probability
 *                          c/c0 at its site (fields/transport.ts), and a faradaic draw through the
 *                          SEI film (apps/events/sei.ts acceptFaradaic).
 * Rests and pulses: simulation/rest-pulse.ts.
 */
import type { Rng } from '../kmc/rng.js';
import type { ClassSolver } from '../kmc/solver.js';
import { CH_RED, CH_OX, CH_HOP, type PlatingApp } from '../apps/plating.js';
import { PLATING_CHANNELS } from '../apps/channels.js';
import type { DoubleLayer } from '../electrochem/doublelayer.js';
import { cellVoltageParts, type CellVoltageContext } from '../electrochem/cell.js';
import { DL_NEXT, DL_LASTA, DL_LASTB } from '../electrochem/doublelayer.js';
import type { Transport } from '../fields/transport.js';
import type { SeiModule } from '../apps/events/sei.js';
import { EMPTY, METAL } from '../lattice/voxel.js';
import type { Acceptor, CertainRejects, Controller, Field, KmcApp, LoopState, StopRule } from '../engine/loop.js';
import { REST_IDLE } from './rest-pulse.js';

/** What the parts read of the simulation (its app changes at every rebuild; eta is set by the controller). */
export interface StepHost {
  app: PlatingApp;
  eta: number;
  setEta(eta: number): void;
}

export class PlatingAppPart implements KmcApp {
  readonly channels = PLATING_CHANNELS;
  /** the voxel of the last executed event, before its execution */
  site = -1;
  constructor(readonly host: StepHost) {}
  sums(out: Float64Array): void {
    const s = this.host.app.solver.sum;
    out[0] = s[0]!; out[1] = s[1]!; out[2] = s[2]!;
  }
  select(totals: Float64Array, _mult: Float64Array, rng: Rng): number {
    return this.host.app.solver.select(totals, rng);
  }
  execute(e: number, _rng: Rng): number {
    const app = this.host.app;
    this.site = app.slots.slotKey[e >> 1]!;
    return app.execute(e);
  }
}

export interface StepControl {
  galvano: boolean;
  /** +1 plate, -1 strip */
  sign: number;
  /** net reductions per second asked by the galvanostat (0 otherwise) */
  r: number;
  /** held WE overpotential, V (potentiostatic), or undefined */
  fixedEta?: number;
  /** a cell-voltage hold: the overpotential that holds the cell voltage at the box's present rate sums (cellVoltageHoldEta) */
  cellHold?: (Aeff: number, B: number) => number;
  rest: boolean;
  /** a pulse train's rest: its count held at what the train's on times passed (startNet), stiffly (DoubleLayer.trainRest) */
  trainRest?: boolean;
  startKmc_s: number;
  startNet: number;
  /** net voxels of the run now */
  netVoxels: () => number;
  /** a galvanostatic step whose current has the opposite sign of the run's last plate or strip step (a current reversal) */
  reversal?: boolean;
  /** the galvanostat's deficit at startKmc_s, voxels: the box's lag carried across a change of current (GalvanostatChain d0, engsplit2) */
  deficit0?: number;
}

/**
 * The overpotential for the current rates (electrochem/doublelayer.ts): updated when the
 * reduction (with transport: the accepted reduction rate rho A) or oxidation sum changed (most
 * events are hops, which leave them alone), when the app was rebuilt, and at the double layer's
 * own update times. The channel totals are those of the last update (the hop channel's is read
 * at every event).
 */
export class DoubleLayerStepController implements Controller {
  stopped: string | null = null;
  private lastSolver: ClassSolver | null = null;
  private A = 0;
  private B = 0;
  /** set by restore: the next update hands the loop the multipliers even if nothing changed */
  private restored = false;
  constructor(readonly host: StepHost, readonly dl: DoubleLayer, readonly tp: Transport | null, readonly c: StepControl) {
    // a rest (a `Rest for ...` step or a pulse's off time) is open circuit: the double layer driven by
    // the averaged rates with no applied current, its net count held (electrochem/doublelayer.ts openCircuit)
    dl.openCircuit = c.rest;
    dl.trainRest = c.rest && c.trainRest === true;
  }

  update(t: number, sums: Float64Array, mult: Float64Array): void {
    const host = this.host, dl = this.dl, dls = dl.s, c = this.c, tp = this.tp;
    for (;;) {
      const app = host.app, solver = app.solver;
      const A = solver.sum[CH_RED]!, B = solver.sum[CH_OX]!, H = solver.sum[CH_HOP]!;
      const rho = tp ? tp.rho : 1;
      const Aeff = rho === 1 ? A : A * rho;
      // an anodic step: B without the oxidations the thinning rejects at a sealed pore (Transport.oxidationOpenShare,
      // branch fieldce2), as A is scaled by rho; plates and rests keep B (there it is the back reaction's; not measured,
      // and changing it would move every plating run with a sealed pore)
      const share = tp && c.sign < 0 && !c.rest ? tp.oxidationOpenShare(app) : 1;
      const Beff = share === 1 ? B : B * share;
      if (!(solver !== this.lastSolver || Aeff !== dls[DL_LASTA] || Beff !== dls[DL_LASTB] || t >= dls[DL_NEXT]!)) break;
      // a galvanostatic step no site of the box can carry: nothing to reduce (plate) or no metal
      // with a way out for its ions (strip: connected metal sealed under SEI that touches no
      // electrolyte, or wrapped in dead metal). The overpotential would diverge (a cycler stops at
      // its cut-off): the step ends here, and the double layer keeps its last finite state.
      // (a sum at the precision of the solver's running sums, or below zero, is recomputed first:
      // a removal can leave -1e-13 where nothing is left)
      if (c.galvano && (c.sign > 0 ? A : B) <= 1e-9 * (A + B + H)) {
        solver.resum();
        if ((c.sign > 0 ? solver.sum[CH_RED]! : solver.sum[CH_OX]!) <= 0) {
          this.stopped = c.sign < 0 && app.metalCount === app.deadCount ? 'no_metal' : 'no_path';
          return;
        }
        if (solver.sum[CH_RED] !== A || solver.sum[CH_OX] !== B) continue; // re-read the recomputed sums
      }
      // every metal atom the strip could oxidise faces only sealed liquid: no path for the current
      if (c.galvano && c.sign < 0 && share === 0) { this.stopped = 'no_path'; return; }
      if (!dl.initialised) dl.init(t, Aeff, Beff);
      let e: number;
      if (c.fixedEta !== undefined) { dl.hold(t, Aeff, Beff, c.fixedEta); e = c.fixedEta; }
      else if (c.cellHold) { e = c.cellHold(Aeff, Beff); dl.hold(t, Aeff, Beff, e); } // held as an overpotential until the rates change
      else {
        const net = c.galvano || c.rest ? c.netVoxels() - c.startNet : 0;
        // a galvanostatic step at a current reversal: the net voxels it moved against its current (electrochem/doublelayer.ts)
        const against = c.galvano && c.reversal === true ? Math.max(0, -c.sign * net) : -1;
        e = dl.update(t, Aeff, Beff, c.galvano || c.rest ? (c.deficit0 !== undefined ? c.deficit0 + c.r * (t - c.startKmc_s) - net : c.r * (t - c.startKmc_s) - net) : 0, against); // a rest's deficit: its net count since it began (open circuit)
      }
      if (!Number.isFinite(e) && c.rest) { this.stopped = REST_IDLE; return; } // rest-pulse.ts restIdle
      if (!Number.isFinite(e)) { this.stopped = c.sign < 0 ? 'no_metal' : tp && rho === 0 ? 'transport_limited' : 'stalled'; return; }
      // the double layer's next update no later than now: its averaging window (tauAvg / 20) fell below the clock's
      // resolution at t (ekink70b: a lone adatom oxidising at 1e25 /s at eta 1.3 V, t = 7.46 s), so neither the clock nor
      // this loop could move again and the run hung, deaf to Ctrl-C: the step ends as stalled
      if (dls[DL_NEXT]! <= t) { this.stopped = 'stalled'; return; }
      if (e !== host.eta || solver !== this.lastSolver) host.setEta(e); // a rebuilt app's solver starts at multiplier 1
      this.lastSolver = solver;
      this.A = A; this.B = B;
      mult[CH_RED] = solver.mult[CH_RED]!; mult[CH_OX] = solver.mult[CH_OX]!; mult[CH_HOP] = 1;
      this.restored = false;
    }
    // resumed from a checkpoint: the loop's multipliers as the last update left them (a new loop starts at 1)
    if (this.restored) { const m = host.app.solver.mult; mult[CH_RED] = m[CH_RED]!; mult[CH_OX] = m[CH_OX]!; mult[CH_HOP] = 1; this.restored = false; }
    sums[CH_RED] = this.A; sums[CH_OX] = this.B;
  }

  nextUpdate_s(): number { return this.dl.s[DL_NEXT]!; }

  /** The last sums, for a checkpoint (null when the app's solver changed since: the next update recomputes them). */
  save(): { A: number; B: number } | null {
    return this.lastSolver === this.host.app.solver ? { A: this.A, B: this.B } : null;
  }

  /** Takes up the sums a checkpoint saved, as if this controller had run up to it. */
  restore(s: { A: number; B: number }): void {
    this.lastSolver = this.host.app.solver;
    this.A = s.A; this.B = s.B;
    this.restored = true;
  }
}

/** What a cell-voltage hold's overpotential depends on besides the rate sums (simulation.ts builds it per step): the cell voltage's context (electrochem/cell.ts cellVoltageParts, with the run's field if it has one) and the box's charge per area and alpha. */
export interface CellHoldContext extends CellVoltageContext {
  /** charge of one voxel over the box's footprint, C/m2 */
  q_per_area: number;
  alpha: number;
}

/**
 * The working electrode's overpotential (internal sign: positive plates) that puts the cell voltage at V (cycler's sign)
 * for the box's present reduction and oxidation rate sums A and B (at eta = 0, events/s): the root of
 *   V = -eta + counter(j) + ohmic(j) + conc(j),   j = (q/area) (B e^(-(1-alpha) f eta) - A e^(alpha f eta))  (anodic > 0),
 * the cell voltage the trace reports (simulation.ts pushRow; the parts by electrochem/cell.ts cellVoltageParts, the one
 * function) with the expected current of the present state in place of a window's. The right side falls strictly as eta
 * rises (the current and the counter electrode's part with it), so the root is unique and bisection finds it (to 1e-12
 * V); with no rates at all it is conc(0) - V. With a field the ohmic part holds the electrolyte's resistance, conc the
 * counter's concentration part at j (branch cellv2) and the counter its i0 at c_CE (mends68). (Where the box carries a
 * current at eta = 0, e.g. many lone adatoms to dissolve, the overpotential may even have the other sign: the counter
 * electrode's and the ohmic parts carry that current's.)
 */
export function cellVoltageHoldEta(V: number, A: number, B: number, k: CellHoldContext): number {
  const { q_per_area: qa, alpha: a, f_per_V: f } = k;
  const g = (eta: number): number => {
    const j = qa * (B * Math.exp(-(1 - a) * f * eta) - A * Math.exp(a * f * eta));
    const p = cellVoltageParts(j, k);
    return -eta + p.counter_V + p.ohmic_V + p.concentration_V - V;
  };
  let lo = -1, hi = 1;
  for (let i = 0; i < 60 && g(lo) < 0; i++) lo *= 2;
  for (let i = 0; i < 60 && g(hi) > 0; i++) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The scheduled exits of first-passage domains (apps/lone-adatoms.ts): the clock stops at each. */
export class LoneAdatomExits implements Field {
  readonly name = 'lone adatoms';
  constructor(readonly host: StepHost) {}
  nextUpdate_s(): number {
    const lone = this.host.app.lone;
    return lone !== null && lone.count > 0 ? lone.heapT[0]! : Infinity;
  }
  advance(_t: number): void { this.host.app.lone!.exitNext(); }
}

/** A rest or a timed hold ends at its duration on the kMC clock (tested before an event would cross it). */
export class KmcTimeLimit implements StopRule {
  readonly name = 'time';
  readonly until_s: number;
  constructor(readonly duration_s: number, readonly t0_s: number) { this.until_s = t0_s + duration_s; }
  timeLimit_s(): number { return this.until_s; }
  crossedBy(t: number, dt: number): boolean { return t + dt - this.t0_s >= this.duration_s; }
  remaining(t: number): number { return this.duration_s - (t - this.t0_s); }
  reached(_s: LoopState): boolean { return false; }
}

/** rejected draws in a row after which the thinning's certain rejections are left out of the draws, until the next
 *  accepted reduction (TransportThinning's CertainRejects; branch fieldcost2): below it the loop draws as it always did,
 *  so runs that never reach it (every loop-equality case) keep their trajectories random number for random number */
export const CERTAIN_AFTER = 10_000;

/** Thinning by the electrolyte: a drawn reduction into an empty voxel happens with probability c/c0 there. */
export class TransportThinning implements Acceptor, CertainRejects {
  stopped: string | null = null;
  /** leave the certain rejections out once CERTAIN_AFTER draws in a row were rejected (false: draw them all, as until fieldcost2) */
  skipCertain = true;
  constructor(readonly host: StepHost, readonly tp: Transport) {}
  accept(e: number, rng: Rng): boolean {
    const app = this.host.app;
    const v = app.slots.slotKey[e >> 1]!;
    // a reduction drawn at an SEI voxel (plating under the film) takes its ion from the liquid the voxel touches (branch
    // fieldcost; accepted whatever the salt until then); a draw at metal is an oxidation, not thinned
    const c = app.code[v]!;
    if ((e & 1) !== 0) return true;
    // an oxidation whose ion would go only into a pore the deposit sealed: no ionic path, no net current (branch fieldce)
    if (c === METAL) { if (!this.tp.oxidationSealed(v, app)) return true; this.tp.sealedOxidations++; return false; }
    if (c === EMPTY ? this.tp.accept(v, rng) : !app.isSeiCode(c) || this.tp.acceptThroughSei(v, app, rng)) return true;
    this.afterRejections();
    return false;
  }

  /** every 100,000 rejections in a row: rho scanned again, and the run ends transport_limited where it is below 1e-9 */
  private afterRejections(): void {
    const tp = this.tp;
    if (tp.consecutiveRejections >= 100_000) {
      tp.scanRho(this.host.app);
      tp.consecutiveRejections = 0;
      if (tp.rho < 1e-9) this.stopped = 'transport_limited';
    }
  }

  // CertainRejects (engine/loop.ts): the reductions drawn where accept's p is 0 (Transport.certainReject), their base
  // rates summed by a scan of the reduction events, kept until the loop's version, the app, the field or rho's scan change
  private keyVersion = -1;
  private keyApp: unknown = null;
  private keyUpdates = -1;
  private keyScans = -1;
  private keyConsumed = NaN;
  /** per channel, the base rates (multiplier 1) of the certain rejections */
  private base = new Float64Array(0);
  rate(mult: Float64Array, version: number): number {
    const tp = this.tp;
    if (!this.skipCertain || tp.sc !== null) return 0;
    // on from CERTAIN_AFTER rejections in a row until the next accepted reduction (the rescan of rho every 100,000
    // rejections, which starts the count again, leaves it on)
    if (tp.consecutiveRejections >= CERTAIN_AFTER) tp.certainOnAt = tp.accepted;
    else if (tp.certainOnAt !== tp.accepted) return 0;
    const app = this.host.app;
    if (version !== this.keyVersion || app !== this.keyApp || tp.updates !== this.keyUpdates || tp.scans !== this.keyScans || tp.field.consumed !== this.keyConsumed) {
      this.keyVersion = version; this.keyApp = app; this.keyUpdates = tp.updates; this.keyScans = tp.scans; this.keyConsumed = tp.field.consumed;
      const slots = app.slots, solver = app.solver, keys = slots.slotKey, rate = solver.rate;
      if (this.base.length !== mult.length) this.base = new Float64Array(mult.length);
      const b = this.base;
      b.fill(0);
      if (this.keptE.length < slots.slotCount) { this.keptE = new Int32Array(slots.slotCount); this.keptCum = new Float64Array(slots.slotCount); }
      const kE = this.keptE, kC = this.keptCum;
      let n = 0, kept = 0, other = false;
      for (let s = 0; s < slots.slotCount; s++) {
        const v = keys[s]!;
        if (v < 0) continue;
        const cls = solver.classOf(2 * s);
        if (cls < 0) continue;
        const ch = solver.channelOf[cls]!;
        if (tp.certainReject(v, app)) { b[ch]! += rate[cls]!; if (ch !== CH_RED) other = true; continue; }
        if (ch !== CH_RED) continue; // not a reduction (drawn through its own channel)
        kept += rate[cls]!; kE[n] = 2 * s; kC[n] = kept; n++;
      }
      this.keptN = n; this.keptSum = kept;
      // drawKept only where the slots' reductions are the whole reduction channel (its running sum, to round-off)
      const sum = solver.sum[CH_RED]!;
      this.keptOk = !other && Math.abs(b[CH_RED]! + kept - sum) <= 1e-9 * sum;
    }
    let r = 0;
    for (let c = 0; c < mult.length; c++) r += this.base[c]! * mult[c]!;
    return r;
  }
  /** the reductions not rejected with certainty: their events and cumulative base rates (rate's scan), their sum */
  private keptE = new Int32Array(0);
  private keptCum = new Float64Array(0);
  private keptN = 0;
  private keptSum = 0;
  private keptOk = false;
  private readonly noRed = new Float64Array(PLATING_CHANNELS.length);
  drawKept(totals: Float64Array, mult: Float64Array, rng: Rng): number {
    if (!this.keptOk) return -1;
    const lRed = this.keptSum * mult[CH_RED]!;
    let other = 0;
    for (let c = 0; c < totals.length; c++) if (c !== CH_RED) other += totals[c]!;
    const x = rng.next() * (other + lRed);
    if (x < other || !(lRed > 0)) {
      const t = this.noRed;
      t.set(totals); t[CH_RED] = 0;
      return this.host.app.solver.select(t, rng);
    }
    const y = (x - other) / mult[CH_RED]!, cum = this.keptCum;
    let lo = 0, hi = this.keptN - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! > y) hi = mid; else lo = mid + 1; }
    return this.keptE[lo]!;
  }
  certain(e: number): boolean {
    if ((e & 1) !== 0) return false;
    const app = this.host.app;
    return this.tp.certainReject(app.slots.slotKey[e >> 1]!, app);
  }
  skipped(k: number): void {
    this.tp.noteRejected(k);
    this.afterRejections();
  }
}

/** Charge transfer through the SEI film: a faradaic draw is thinned (apps/events/sei.ts). */
export class SeiThinning implements Acceptor {
  readonly stopped = null;
  constructor(readonly host: StepHost, readonly sei: SeiModule) {}
  accept(e: number, _rng: Rng): boolean {
    if ((e & 1) !== 0) return true;
    const app = this.host.app;
    return this.sei.acceptFaradaic(app, app.slots.slotKey[e >> 1]!);
  }
}
