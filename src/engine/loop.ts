/**
 * The generic kMC loop: select, execute, clock, observers; it knows no plating specifics and
 * takes any number of channels. The parts it is given:
 *
 *  - a `KmcApp` (the events and their rates: engine/generic-app.ts for any list of event types,
 *    engine/plating-fast.ts for the plating app's hand-tuned fast path);
 *  - a `Controller` that sets the channel multipliers from the channel sums (a fixed overpotential
 *    is `OverpotentialController`; a galvanostat or a double layer would solve for it);
 *  - `Field`s advanced by operator splitting (SPPARKS' `app_update(dt)`): each says when it next
 *    wants the clock (`nextUpdate_s`); the loop moves the clock there without an event (exact:
 *    the waiting time is memoryless while the rates are held) and calls `advance(t)`;
 *  - `Observer`s called after every executed event (counters, samplers, event modules' hooks);
 *  - `Acceptor`s that may reject a drawn event (thinning: a null event that only moved the clock);
 *  - `StopRule`s tested before an event would cross a time limit and after every event.
 *
 * One iteration: channel sums -> multipliers -> totals; dt = -ln(u)/R (one uniform, drawn before
 * the selection); if a field's or the controller's update comes first, go there instead; else
 * select (the app draws), execute, observers, stop rules. The plating simulation's own loop
 * (simulation/simulation.ts, with the galvanostat, double layer, transport thinning and
 * checkpoints inline for speed) draws its random numbers in the same order: with a fixed
 * overpotential the two run the same trajectory event for event (test/engine-generic.test.ts).
 */
import type { Rng } from '../kmc/rng.js';
import type { EventChannel } from './event-type.js';
import { transferFactor } from '../apps/channels.js';

export interface KmcApp {
  readonly channels: readonly EventChannel[];
  /** base rate sum of each channel (multiplier 1) into out */
  sums(out: Float64Array): void;
  /** draws an event id given channel totals (sums x multipliers); -1 if nothing can happen */
  select(totals: Float64Array, mult: Float64Array, rng: Rng): number;
  /** executes event e; returns its channel, or -1 for a null event */
  execute(e: number, rng: Rng): number;
}

export interface Controller {
  /** sets mult (one per channel) for time t and the base sums */
  update(t_s: number, sums: Float64Array, mult: Float64Array): void;
  /** the next time the multipliers change on their own (Infinity: only when the sums change) */
  nextUpdate_s(): number;
}

export interface Field {
  readonly name: string;
  /** when the field next wants to be advanced (Infinity: never on its own) */
  nextUpdate_s(): number;
  /** advances the field to time t (operator splitting between events) */
  advance(t_s: number): void;
}

/**
 * Thinning (Lewis-Shedler): a drawn event happens with a probability the part decides (e.g. a
 * reduction with c/c0 of its field cell); a rejected draw is a null event that only moved the
 * clock. `stopped` ends the run (e.g. nothing can be accepted any more).
 */
export interface Acceptor {
  accept(e: number, rng: Rng): boolean;
  readonly stopped: string | null;
}

export interface Observer {
  afterEvent(ch: number, e: number, t_s: number): void;
}

export interface LoopState {
  t_s: number;
  events: number;
  /** executed events per channel (null events not counted) */
  perChannel: number[];
  nullEvents: number;
}

export interface StopRule {
  readonly name: string;
  /** the time at which the run must stop before the next event (Infinity: none) */
  timeLimit_s?(s: LoopState): number;
  /** whether a waiting time dt from t reaches that limit (default t + dt >= limit) */
  crossedBy?(t_s: number, dt_s: number): boolean;
  /** tested after every event */
  reached(s: LoopState): boolean;
}

/** Multipliers of a fixed electrode overpotential eta (V): each channel by its transfer law. */
export class OverpotentialController implements Controller {
  constructor(readonly channels: readonly EventChannel[], readonly eta_V: number, readonly alpha: number, readonly f_per_V: number) {}
  update(_t: number, _sums: Float64Array, mult: Float64Array): void {
    for (let c = 0; c < this.channels.length; c++) mult[c] = transferFactor(this.channels[c]!, this.eta_V, this.alpha, this.f_per_V);
  }
  nextUpdate_s(): number { return Infinity; }
}

/** Ends at time t0 + duration (tested as t + dt - t0 >= duration, as the plating loop does). */
export class TimeLimit implements StopRule {
  readonly name = 'time';
  readonly until_s: number;
  constructor(readonly duration_s: number, readonly t0_s = 0) { this.until_s = t0_s + duration_s; }
  timeLimit_s(): number { return this.until_s; }
  crossedBy(t: number, dt: number): boolean { return t + dt - this.t0_s >= this.duration_s; }
  reached(s: LoopState): boolean { return s.t_s >= this.until_s; }
}

export class EventLimit implements StopRule {
  readonly name = 'events';
  constructor(readonly events: number) {}
  reached(s: LoopState): boolean { return s.events >= this.events; }
}

export interface LoopParts {
  controller: Controller;
  fields?: Field[];
  observers?: Observer[];
  acceptors?: Acceptor[];
  stop: StopRule[];
}

export interface LoopResult extends LoopState {
  /** name of the stop rule that ended the run, or 'stalled' (no event possible) */
  ended: string;
}

/** Runs the loop from time t0 until a stop rule is reached. */
export function runLoop(app: KmcApp, rng: Rng, parts: LoopParts, t0_s = 0): LoopResult {
  const nc = app.channels.length;
  const sums = new Float64Array(nc), mult = new Float64Array(nc).fill(1), totals = new Float64Array(nc);
  const fields = parts.fields ?? [], observers = parts.observers ?? [], acceptors = parts.acceptors ?? [], stop = parts.stop, ctl = parts.controller;
  const s: LoopState = { t_s: t0_s, events: 0, perChannel: new Array<number>(nc).fill(0), nullEvents: 0 };
  for (;;) {
    app.sums(sums);
    ctl.update(s.t_s, sums, mult);
    let R = 0;
    for (let c = 0; c < nc; c++) { totals[c] = sums[c]! * mult[c]!; R += totals[c]!; }
    // the earliest of: a field's update, the controller's own update, a time limit
    let next = ctl.nextUpdate_s(), who: Field | null = null;
    for (const f of fields) { const tf = f.nextUpdate_s(); if (tf < next) { next = tf; who = f; } }
    let limit = Infinity, limitName = '', limitRule: StopRule | null = null;
    for (const r of stop) { const tl = r.timeLimit_s?.(s) ?? Infinity; if (tl < limit) { limit = tl; limitName = r.name; limitRule = r; } }
    if (!(R > 0)) {
      // nothing can happen: only the clock runs, to the next update or the limit
      const to = Math.min(next, limit);
      if (!Number.isFinite(to)) return { ...s, ended: 'stalled' };
      s.t_s = to;
      if (to === limit) return { ...s, ended: limitName };
      if (who) who.advance(to);
      continue;
    }
    const dt = -Math.log(rng.nextOpen()) / R;
    if (limit <= next && (limitRule?.crossedBy ? limitRule.crossedBy(s.t_s, dt) : s.t_s + dt >= limit)) { s.t_s = limit; return { ...s, ended: limitName }; }
    if (dt > next - s.t_s) {
      s.t_s = next;
      if (who) who.advance(next);
      continue;
    }
    s.t_s += dt;
    const e = app.select(totals, mult, rng);
    if (e < 0) return { ...s, ended: 'stalled' };
    let rejected: Acceptor | null = null;
    for (const a of acceptors) if (!a.accept(e, rng)) { rejected = a; break; }
    if (rejected) {
      s.events++; s.nullEvents++;
      if (rejected.stopped) return { ...s, ended: rejected.stopped };
      continue;
    }
    const ch = app.execute(e, rng);
    s.events++;
    if (ch < 0) s.nullEvents++;
    else s.perChannel[ch]!++;
    for (const o of observers) o.afterEvent(ch, e, s.t_s);
    for (const r of stop) if (r.reached(s)) return { ...s, ended: r.name };
  }
}
