/**
 * Controllers and stop rules of the generic loop (engine/loop.ts) for electrochemical steps:
 *
 *  - `DoubleLayerController`: the galvanostat of the plating simulation as a part: the electrode
 *    overpotential from the double layer driven by the time-averaged reduction and oxidation
 *    sums (electrochem/doublelayer.ts), updated when those sums change and at the double layer's
 *    own update times (the loop moves the clock there without an event), with the box's deficit
 *    against its share of the current fed back. It observes the events to count the net charge.
 *  - `NetChargeStop`: a galvanostatic step's charge termination, as an exact count of net voxels
 *    in the step's direction (the largest progress reached, as the plating loop counts it).
 *
 * With these and the plating app's fast path (engine/plating-fast.ts) the generic loop runs a
 * galvanostatic step event for event as the plating loop does (test/engine-generic.test.ts).
 */
import type { DoubleLayer } from '../electrochem/doublelayer.js';
import { DL_LASTA, DL_LASTB, DL_NEXT } from '../electrochem/doublelayer.js';
import { transferFactor } from '../apps/channels.js';
import type { EventChannel } from './event-type.js';
import type { Controller, LoopState, Observer, StopRule } from './loop.js';

/**
 * A current that switches off and on (pulse plating): on at the step's start, off at switch 0,
 * on again at switch 1, ... (times relative to the step's start). The controller counts the
 * switches, so that no switch time is computed from a remainder (a remainder of floating-point
 * times can land just before the boundary and stop the clock there).
 */
export interface CurrentSchedule {
  /** the applied net reduction rate while on, voxels/s */
  readonly r_on: number;
  /** time of switch k (k = 0, 1, ...), s after the step's start */
  switchTime_s(k: number): number;
}

export class DoubleLayerController implements Controller, Observer {
  /** net voxels since the step began (reductions - oxidations) */
  net = 0;
  eta_V = 0;
  private started = false;
  private stalled = false;
  private readonly red: number;
  private readonly ox: number;
  private r: number;
  private switchAt = Infinity;
  // pulse state: switches done, whether on, on-time completed, start of the present on/off segment
  private k = 0;
  private on = true;
  private onDone = 0;
  private segStart: number;

  /**
   * @param r_per_s applied net reduction rate of the box (voxels/s; negative strips)
   * @param t0_s kMC time at which the step began
   * @param schedule a current that switches (pulses); r_per_s is then its rate at the start
   * @param aScale factor on the reduction sum the double layer sees (a thinning field's rho)
   * @param from the controller of the step before, where this step goes on from it (a galvanostatic step of the same
   * kind, no pulses: engine/protocol-parts.ts goesOn, the plating loop's GalvanostatChain). At the same current its
   * origin (t0, the net count since then, its deficit there), its averaging window and its last update (none forced at
   * this step's start); at another current only the box's lag at this step's start (d0: the deficit carried across the
   * new set-point, engsplit2), the window and the first update afresh
   */
  constructor(readonly dl: DoubleLayer, readonly channels: readonly EventChannel[], readonly alpha: number, readonly f_per_V: number,
    readonly r_per_s: number, readonly t0_s = 0, readonly schedule?: CurrentSchedule, readonly aScale?: () => number, from?: DoubleLayerController) {
    this.red = channels.findIndex((c) => c.transfer === 'cathodic');
    this.ox = channels.findIndex((c) => c.transfer === 'anodic');
    if (this.red < 0 || this.ox < 0) throw new Error('a double-layer controller needs a cathodic and an anodic channel');
    this.r = schedule ? schedule.r_on : r_per_s;
    this.segStart = t0_s;
    if (schedule) this.switchAt = t0_s + schedule.switchTime_s(0);
    const same = from !== undefined && from.r_per_s === r_per_s;
    if (from !== undefined) {
      if (schedule || from.schedule || Math.sign(from.r_per_s) !== Math.sign(r_per_s)) throw new Error('a step goes on from the step before only in the same direction, without pulses');
      if (same) { this.t0_s = from.t0_s; this.net = from.net; this.started = from.started; this.d0 = from.d0; }
      else this.d0 = from.deficitAt(t0_s);
    }
    dl.setRate(this.r, same);
    dl.openCircuit = this.r === 0; // a rest: open circuit, the count held (electrochem/doublelayer.ts)
    dl.trainRest = false; // its off times hold the count at each one's start (the plating loop's trains: simulation/pulse.ts)
  }
  /** net voxels when the present off time began (open circuit holds the count there) */
  private netOff = 0;
  /** the deficit at t0_s, voxels: the box's lag carried across a change of current (`from`), else undefined (0) */
  private d0: number | undefined;

  /** the galvanostat's deficit at kMC time t (a step without pulses): applied net count since t0 minus the box's, plus d0 */
  deficitAt(t: number): number { return (this.d0 ?? 0) + this.r_per_s * (t - this.t0_s) - this.net; }

  /** the applied net rate now, voxels/s */
  get rate_per_s(): number { return this.r; }

  update(t: number, sums: Float64Array, mult: Float64Array): void {
    // with a thinning field the double layer sees the accepted reduction rate rho A (fields/transport.ts)
    const rho = this.aScale ? this.aScale() : 1;
    const A = rho === 1 ? sums[this.red]! : sums[this.red]! * rho, B = sums[this.ox]!, s = this.dl.s;
    if (this.stalled && t >= this.switchAt) this.stalled = false; // a pulse switched on again
    if (this.started && A === s[DL_LASTA] && B === s[DL_LASTB] && t < s[DL_NEXT]! && t < this.switchAt) return;
    if (!this.dl.initialised) this.dl.init(t, A, B);
    let applied: number;
    if (this.schedule) {
      const sc = this.schedule;
      while (t >= this.switchAt) {
        if (this.on) this.onDone += this.switchAt - this.segStart;
        this.on = !this.on;
        this.segStart = this.switchAt;
        this.switchAt = this.t0_s + sc.switchTime_s(++this.k);
        this.r = this.on ? sc.r_on : 0;
        this.dl.setRate(this.r, true);
        this.dl.openCircuit = !this.on; // an off time is a rest: open circuit
        if (!this.on) this.netOff = this.net;
      }
      applied = sc.r_on * (this.onDone + (this.on ? t - this.segStart : 0));
    } else applied = this.d0 !== undefined ? this.d0 + this.r_per_s * (t - this.t0_s) : this.r_per_s * (t - this.t0_s);
    // at open circuit the deficit is the net count since the rest (or off time) began
    const e = this.dl.update(t, A, B, this.dl.openCircuit ? this.netOff - this.net : applied - this.net);
    this.started = true;
    if (!Number.isFinite(e)) { this.stalled = true; mult.fill(0); return; }
    this.eta_V = e;
    for (let c = 0; c < this.channels.length; c++) mult[c] = transferFactor(this.channels[c]!, e, this.alpha, this.f_per_V);
  }

  nextUpdate_s(): number { return this.stalled ? this.switchAt : Math.min(this.dl.s[DL_NEXT]!, this.switchAt); }

  afterEvent(ch: number): void { if (ch >= 0) this.net += this.channels[ch]!.netVoxels; }
}

export class NetChargeStop implements StopRule, Observer {
  readonly name = 'charge';
  /** net voxels in the step's direction, and the largest value reached */
  progress = 0;
  best = 0;
  /** @param voxels net voxels the step moves (> 0); sign +1 plates, -1 strips */
  constructor(readonly channels: readonly EventChannel[], readonly voxels: number, readonly sign: 1 | -1) {}
  afterEvent(ch: number): void {
    if (ch < 0) return;
    this.progress += this.sign * this.channels[ch]!.netVoxels;
    if (this.progress > this.best) this.best = this.progress;
  }
  reached(_s: LoopState): boolean { return this.best >= this.voxels; }
}

/**
 * A potentiostatic hold: the double layer is held at eta (its averages keep running, so that the
 * next step starts from them, as in the plating loop); the multipliers follow eta.
 */
export class HeldOverpotentialController implements Controller {
  private started = false;
  private readonly red: number;
  private readonly ox: number;
  constructor(readonly dl: DoubleLayer, readonly channels: readonly EventChannel[], readonly eta_V: number, readonly alpha: number, readonly f_per_V: number) {
    this.red = channels.findIndex((c) => c.transfer === 'cathodic');
    this.ox = channels.findIndex((c) => c.transfer === 'anodic');
    dl.setRate(0);
    dl.openCircuit = false;
  }
  update(t: number, sums: Float64Array, mult: Float64Array): void {
    const A = sums[this.red]!, B = sums[this.ox]!, s = this.dl.s;
    if (this.started && A === s[DL_LASTA] && B === s[DL_LASTB]) return;
    if (!this.dl.initialised) this.dl.init(t, A, B);
    this.dl.hold(t, A, B, this.eta_V);
    this.started = true;
    for (let c = 0; c < this.channels.length; c++) mult[c] = transferFactor(this.channels[c]!, this.eta_V, this.alpha, this.f_per_V);
  }
  nextUpdate_s(): number { return Infinity; }
}
