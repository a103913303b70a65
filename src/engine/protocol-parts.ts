/**
 * A protocol step object (input/steps.ts) as parts of the generic loop (engine/loop.ts): its
 * controller (what sets the channel multipliers) and its stop rules (its terminations).
 *
 *   galvanostatic  double layer driven by the applied current (DoubleLayerController); ends at
 *                  its charge (exact net count; a time limit is turned into the charge it passes,
 *                  as the plating loop does; a time whose charge is below half a voxel ends at
 *                  that time on the kMC clock, as in the plating loop) or at a voltage cut-off
 *   pulse          the same with the current switching on and off (the off times are rests: the
 *                  surface keeps evolving); ends when the on-times have passed the charge
 *   potentiostatic the held overpotential (HeldOverpotentialController); ends at its time, its
 *                  charge (net voxels in its direction) or its current cut-off (windows of kMC time
 *                  sized on the limit, engine/current-window.ts, as the plating loop reads them); a
 *                  cell-voltage hold runs on the plating loop only (loopParts throws for it)
 *   rest           double layer with no applied current; ends at its time
 *
 * Voltage cut-offs are tested after every event on the controller's present overpotential, and
 * the cell voltage adds the counter electrode, the ohmic part and, with an electrolyte field (CellContext `field`),
 * the concentration part at the applied current: electrochem/cell.ts cellVoltage_mV, the function of the plating
 * loop's rows (simulation.ts pushRow; mends68: until then overpotential + counter + j R, without the field's parts). (The plating loop tests them on time-weighted window averages at its
 * sampled rows.) A cell-voltage cut-off on a hold is tested as the plating loop tests it: on
 * windows of a 200th of the step's duration, with the window's current (net charge over the
 * window's kMC time) for the counter electrode and the ohmic part; a hold without a time is
 * sampled on windows of charge (output.sample_C_per_m2 in net voxels in its direction), as the
 * plating loop samples it.
 */
import type { DoubleLayer } from '../electrochem/doublelayer.js';
import { cellVoltage_mV, type CellVoltageContext } from '../electrochem/cell.js';
import type { StepObject } from '../input/steps.js';
import { PulseStep } from '../input/steps.js';
import { VoltageTermination, cutoffDirection, cutoffQuantity } from '../input/termination.js';
import { galvanostaticTarget, stepCharge_C } from '../input/limits.js';
import type { EventChannel } from './event-type.js';
import type { Field, LoopParts, LoopState, StopRule, Observer } from './loop.js';
import { TimeLimit } from './loop.js';
import { DoubleLayerController, HeldOverpotentialController, NetChargeStop, type CurrentSchedule } from './controllers.js';
import { CurrentWindow } from './current-window.js';

/**
 * What a step's parts need: the event channels, the double layer, and the cell voltage's context (electrochem/cell.ts
 * CellVoltageContext: counter, `electrochem.ohmic`, and the run's electrolyte field when it has one; Simulation's
 * cellContext() gives all three, as its rows use them).
 */
export interface CellContext extends CellVoltageContext {
  channels: readonly EventChannel[];
  dl: DoubleLayer;
  alpha: number;
  /** footprint of the box, m2, and the charge of one voxel, C */
  area_m2: number;
  q_C: number;
  /** kMC time at which the step starts, s */
  t0_s: number;
  /** the run's sampling charge (output.sample_C_per_m2), C/m2: the windows of a hold without a time */
  sample_C_per_m2?: number;
}

export interface StepParts extends LoopParts {
  /** the controller, to read the overpotential and the net count from */
  controller: DoubleLayerController | HeldOverpotentialController;
  /** a galvanostatic step's (no pulses): what the next step takes up if it goes on from this one (goesOn) */
  carry?: PartsCarry;
}

/**
 * What a galvanostatic step (no pulses) hands the next one, a galvanostatic step of the same kind: the plating loop's rules
 * (simulation.ts GalvanostatChain, engsplit; StepRounding, engsplit2). Its controller: at the same current the next step
 * takes up its origin, the double layer's averaging window and its last update (none forced at the boundary); at another
 * current the box's lag at the boundary (DoubleLayerController `from`). At any current, where the
 * step reached its charge, the charge asked of the steps so far (C in the box) and the voxels plated to it: the next
 * step's target is round((charge + its own) / q) - voxels, so that 0.02 mAh/cm2 written as 0.01 + 0.01 plates the
 * one-step count.
 */
export interface PartsCarry {
  /** its controller: at the same current the next step goes on from it, at another it takes up its lag (DoubleLayerController from) */
  controller?: DoubleLayerController;
  direction: number;
  /** the charge asked of the steps so far and the voxels they plated, if this step reached its target */
  charge_C?: number;
  voxels?: number;
}

/**
 * What the next step takes up from `prev` (a step's parts, ended `ended`), or undefined: both galvanostatic (no pulses)
 * and of the same kind, as in the plating loop (Simulation.frontStopsAfter: the front goes on); not after a step cut by
 * the event limit or a cancel. The rounding only after a step that reached its charge (docs/model.md "Across a step
 * boundary"). The caller says the
 * steps are adjacent (no rest between).
 */
export function goesOn(prev: StepParts | undefined, ended: string, next: StepObject, c: Pick<CellContext, 'area_m2' | 'q_C'>): PartsCarry | undefined {
  const k = prev?.carry;
  if (k === undefined || ended === 'event_limit' || ended === 'cancelled') return undefined;
  if (next.control !== 'galvanostatic' || next instanceof PulseStep || next.direction !== k.direction) return undefined;
  return {
    direction: k.direction, ...(k.controller !== undefined ? { controller: k.controller } : {}),
    ...(ended === 'charge' && k.charge_C !== undefined && k.voxels !== undefined ? { charge_C: k.charge_C, voxels: k.voxels } : {}),
  };
}

/** A voltage termination tested after every event on the controller's overpotential. */
class VoltageStop implements StopRule {
  readonly name = 'cutoff';
  constructor(readonly term: VoltageTermination, readonly ctl: DoubleLayerController, readonly j_A_per_m2: () => number, readonly c: CellContext) {}
  reached(_s: LoopState): boolean {
    const we_mV = -this.ctl.eta_V * 1e3, j = this.j_A_per_m2();
    const cell = cellVoltage_mV(we_mV, j, this.c);
    return this.term.reached({ charge_C_per_m2: 0, time_s: 0, overpotential_mV: we_mV, cell_voltage_mV: cell });
  }
}

/**
 * A hold's cell-voltage cut-off on sampled windows (the plating loop's rows): windows of time
 * (window_s), or, with window_voxels > 0, windows of net voxels in the direction dir.
 */
class HoldCellVoltageStop implements StopRule, Observer {
  readonly name = 'cutoff';
  private net = 0;
  private lastNet = 0;
  private lastT: number;
  private nextSample: number;
  private nextCount: number;
  private hit = false;
  constructor(readonly term: VoltageTermination, readonly eta_V: number, readonly window_s: number, readonly c: CellContext,
    readonly window_voxels = 0, readonly dir: number = 1) {
    this.lastT = c.t0_s;
    this.nextSample = window_voxels > 0 ? Infinity : c.t0_s + window_s;
    this.nextCount = window_voxels;
  }
  afterEvent(ch: number, _e: number, t: number): void {
    if (ch >= 0) this.net += this.c.channels[ch]!.netVoxels;
    if (this.window_voxels > 0) {
      if (this.dir * this.net < this.nextCount) return;
      this.nextCount += this.window_voxels;
    } else if (t < this.nextSample) return;
    const dt = t - this.lastT;
    const j = dt > 0 ? (-(this.net - this.lastNet) * this.c.q_C) / this.c.area_m2 / dt : 0;
    const we_mV = -this.eta_V * 1e3;
    const cell = cellVoltage_mV(we_mV, j, this.c);
    this.hit = this.term.reached({ charge_C_per_m2: 0, time_s: 0, overpotential_mV: we_mV, cell_voltage_mV: cell });
    this.lastNet = this.net; this.lastT = t;
    this.nextSample += this.window_s;
  }
  reached(_s: LoopState): boolean { return this.hit; }
}

export function loopParts(o: StepObject, c: CellContext, from?: PartsCarry): StepParts {
  const s = o.step, dir = o.direction;
  const stop: StopRule[] = [], observers: Observer[] = [], fields: Field[] = [];
  const voxels = (charge_C_per_m2: number) => Math.max(1, Math.round((charge_C_per_m2 * c.area_m2) / c.q_C));
  if (o.control === 'galvanostatic' || o.control === 'pulse') {
    const I_A = s.current_A_per_m2 * c.area_m2, r = (dir * I_A) / c.q_C;
    let schedule: CurrentSchedule | undefined;
    if (o instanceof PulseStep) schedule = { r_on: r, switchTime_s: (k) => o.switchTime_s(k) };
    const chained = from !== undefined && schedule === undefined && from.direction === dir ? from : undefined;
    const ctl = new DoubleLayerController(c.dl, c.channels, c.alpha, c.f_per_V, r, c.t0_s, schedule, undefined, chained?.controller);
    observers.push(ctl);
    // the plating loop's rule (input/limits.ts galvanostaticTarget): a step given by a time whose
    // charge is below half a voxel ends at its time on the kMC clock, its charge in the double layer
    let { target, byTime } = galvanostaticTarget(s, I_A, c.area_m2, c.q_C);
    const Q = stepCharge_C(s, I_A, c.area_m2);
    // the rounding remainder carries along a chain (PartsCarry)
    if (!byTime && target < Infinity && chained?.charge_C !== undefined && chained.voxels !== undefined) target = Math.max(1, Math.round((chained.charge_C + Q) / c.q_C) - chained.voxels);
    if (byTime) stop.push(new TimeLimit(s.duration_s!, c.t0_s));
    else if (target < Infinity) {
      const cs = new NetChargeStop(c.channels, target, dir as 1 | -1);
      stop.push(cs); observers.push(cs);
    }
    for (const t of o.terminations()) {
      if (t instanceof VoltageTermination) stop.push(new VoltageStop(t, ctl, () => (ctl.rate_per_s === 0 ? 0 : -dir * s.current_A_per_m2), c));
    }
    if (schedule !== undefined) return { controller: ctl, observers, stop };
    const rounded = !byTime && target < Infinity
      ? chained?.charge_C !== undefined && chained.voxels !== undefined ? { charge_C: chained.charge_C + Q, voxels: chained.voxels + target } : { charge_C: Q, voxels: target }
      : {};
    return { controller: ctl, observers, stop, carry: { controller: ctl, direction: dir, ...rounded } };
  }
  if (o.control === 'potentiostatic') {
    if (s.held_cell_voltage_V !== undefined) throw new Error(`a cell-voltage hold runs on the plating loop only (simulation.ts), not on the generic loop's parts: ${s.text}`);
    const ctl = new HeldOverpotentialController(c.dl, c.channels, -(o.heldOverpotential_V ?? 0), c.alpha, c.f_per_V);
    if (s.cutoff_V !== undefined && cutoffQuantity(s) === 'cell_voltage') {
      const term = new VoltageTermination('cell_voltage', s.cutoff_V, cutoffDirection(s));
      let vs: HoldCellVoltageStop;
      if (s.duration_s !== undefined) vs = new HoldCellVoltageStop(term, ctl.eta_V, Math.max(s.duration_s / 200, 0), c);
      else {
        // no time: windows of charge, as the plating loop samples such a hold
        if (c.sample_C_per_m2 === undefined) throw new Error(`a hold without a time is sampled on windows of charge: give the cell context sample_C_per_m2 (${s.text})`);
        vs = new HoldCellVoltageStop(term, ctl.eta_V, Infinity, c, Math.max(1, Math.round((c.sample_C_per_m2 * c.area_m2) / c.q_C)), dir === -1 ? -1 : 1);
      }
      stop.push(vs); observers.push(vs);
    }
    if (s.duration_s !== undefined) stop.push(new TimeLimit(s.duration_s, c.t0_s));
    if (s.current_cutoff_A_per_m2 !== undefined) {
      // after the time limit, which wins a tie with the window's end
      const w = new CurrentWindow(s.current_cutoff_A_per_m2, c.q_C, c.area_m2, c.t0_s);
      observers.push({ afterEvent: (ch) => { const n = ch >= 0 ? c.channels[ch]!.netVoxels : 0; if (n !== 0) w.faradaic(dir * n > 0); } });
      stop.push(w); fields.push(w.field);
    }
    if (s.charge_C_per_m2 !== undefined) {
      const cs = new NetChargeStop(c.channels, voxels(s.charge_C_per_m2), dir as 1 | -1);
      stop.push(cs); observers.push(cs);
    }
    return { controller: ctl, observers, stop, ...(fields.length > 0 ? { fields } : {}) };
  }
  const ctl = new DoubleLayerController(c.dl, c.channels, c.alpha, c.f_per_V, 0, c.t0_s);
  observers.push(ctl);
  stop.push(new TimeLimit(s.duration_s ?? 0, c.t0_s));
  return { controller: ctl, observers, stop };
}
