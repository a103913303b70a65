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

export class DoubleLayerController implements Controller, Observer {
  /** net voxels since the step began (reductions - oxidations) */
  net = 0;
  eta_V = 0;
  private started = false;
  private stalled = false;
  private readonly red: number;
  private readonly ox: number;

  /**
   * @param r_per_s applied net reduction rate of the box (voxels/s; negative strips)
   * @param t0_s kMC time at which the step began
   */
  constructor(readonly dl: DoubleLayer, readonly channels: readonly EventChannel[], readonly alpha: number, readonly f_per_V: number,
    readonly r_per_s: number, readonly t0_s = 0) {
    this.red = channels.findIndex((c) => c.transfer === 'cathodic');
    this.ox = channels.findIndex((c) => c.transfer === 'anodic');
    if (this.red < 0 || this.ox < 0) throw new Error('a double-layer controller needs a cathodic and an anodic channel');
    dl.setRate(r_per_s);
  }

  update(t: number, sums: Float64Array, mult: Float64Array): void {
    const A = sums[this.red]!, B = sums[this.ox]!, s = this.dl.s;
    if (this.started && A === s[DL_LASTA] && B === s[DL_LASTB] && t < s[DL_NEXT]!) return;
    if (!this.dl.initialised) this.dl.init(t, A, B);
    const e = this.dl.update(t, A, B, this.r_per_s * (t - this.t0_s) - this.net);
    this.started = true;
    if (!Number.isFinite(e)) { this.stalled = true; mult.fill(0); return; }
    this.eta_V = e;
    for (let c = 0; c < this.channels.length; c++) mult[c] = transferFactor(this.channels[c]!, e, this.alpha, this.f_per_V);
  }

  nextUpdate_s(): number { return this.stalled ? Infinity : this.dl.s[DL_NEXT]!; }

  afterEvent(ch: number): void { if (ch >= 0) this.net += this.channels[ch]!.netVoxels; }
}

export class NetChargeStop implements StopRule, Observer {
  readonly name = 'charge';
  private progress = 0;
  private best = 0;
  /** @param voxels net voxels the step moves (> 0); sign +1 plates, -1 strips */
  constructor(readonly channels: readonly EventChannel[], readonly voxels: number, readonly sign: 1 | -1) {}
  afterEvent(ch: number): void {
    if (ch < 0) return;
    this.progress += this.sign * this.channels[ch]!.netVoxels;
    if (this.progress > this.best) this.best = this.progress;
  }
  reached(_s: LoopState): boolean { return this.best >= this.voxels; }
}
