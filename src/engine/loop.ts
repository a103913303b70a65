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
 *  - `StopRule`s tested before an event would cross a time limit and after every event;
 *  - optional: a `ClockObserver` told of every advance of the clock, a `beforeIteration` hook
 *    (rebuilds of the app at fixed event counts), and `idle: 'stall'` (end the run when no event
 *    can happen instead of running the clock).
 *
 * One iteration: channel sums -> multipliers -> totals (a controller may end the run here); dt =
 * -ln(u)/R (one uniform, drawn before the selection); if a field's or the controller's update
 * comes first (compared as waiting times from now; the controller wins a tie), dt is cut to it;
 * a time limit crossed by that dt ends the run at the limit; a cut dt moves the clock to the
 * update without an event; else select (the app draws), acceptors, execute, observers, stop rules.
 * The plating simulation (simulation/simulation.ts) runs every protocol step on this loop with the
 * parts of simulation/step-parts.ts; the loop parts of engine/protocol-parts.ts run the same
 * trajectories for galvanostatic, potentiostatic and rest steps (test/engine-steps.test.ts).
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
  /** sets mult (one per channel) for time t and the base sums (it may correct sums in place) */
  update(t_s: number, sums: Float64Array, mult: Float64Array): void;
  /** set by update when no multiplier can be found (e.g. a galvanostat with nothing to reduce): the run ends with this name */
  readonly stopped?: string | null;
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

/**
 * Draws an acceptor rejects with certainty (probability 0: a reduction drawn where its field cell holds no salt), left out
 * of the draws (branch fieldcost2). Such draws are a Poisson process of their own (rate R0, a thinning of the draws at
 * rate R) that changes nothing but the clock and the count of rejected draws, so the loop draws the others at R - R0 and
 * selects among them by drawing again while the event drawn is one of these: the next kept draw's time and event have the
 * law they have with every draw made (the k draws left out before it are counted as rejected, each a random number of the
 * selection's; their number is geometric as it is with them, the clock's waiting time Exp(R - R0) is the sum of theirs and
 * the kept draw's). Off (rate 0): the loop is the one it was, random number for random number.
 */
export interface CertainRejects {
  /** the summed rate of the draws now rejected with certainty, multipliers applied, 1/s (0: none, or the part is off);
   *  version changes whenever the loop executed an event or advanced a field since the last call */
  rate(mult: Float64Array, version: number): number;
  /** whether drawn event e is one of them (rate's draws) */
  certain(e: number): boolean;
  /** told of k such draws left out before a kept draw: counted as rejected draws */
  skipped(k: number): void;
  /** set by skipped when the run must end (as an acceptor's stopped) */
  readonly stopped: string | null;
  /**
   * optional: draws an event among the others directly, with probability its total over R - R0 (the events rate
   * summed), or -1 where it cannot (then the loop selects again while the event is certain); with it the loop draws the
   * number of left-out draws, geometric with P(k) = q^k (1 - q), q = R0 / R, from one random number
   */
  drawKept?(totals: Float64Array, mult: Float64Array, rng: Rng): number;
}

/** the share of R above which the certain rejections are drawn as before (each selection then expects more than 1e6
 *  draws again; a rate R0 of nearly R is left to the acceptors' own rules, e.g. the thinning's transport_limited) */
export const CERTAIN_MAX_SHARE = 1 - 1e-6;

export interface Observer {
  afterEvent(ch: number, e: number, t_s: number, s: LoopState): void;
}

/** Told of every advance of the clock: by a waiting time dt (an event's, or up to an update), to t. */
export interface ClockObserver {
  elapsed(dt_s: number, t_s: number): void;
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
  /** the part of the waiting time up to the limit, from t (default limit - t) */
  remaining?(t_s: number): number;
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
  remaining(t: number): number { return this.duration_s - (t - this.t0_s); }
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
  /** told of every advance of the clock (e.g. time-weighted averages, a clock other parts read) */
  clock?: ClockObserver;
  /**
   * called at the top of an iteration, before the sums are read, once the loop's event count has
   * reached the count it returned the last time (first call: at the first iteration); e.g. a
   * rebuild of the app at fixed event counts
   */
  beforeIteration?: (s: LoopState) => number;
  /** when no event can happen: 'wait' (default) runs the clock to the next update or time limit; 'stall' ends the run */
  idle?: 'wait' | 'stall';
  /**
   * called after every QUIET_LOOK iterations in a row without an event (only the controller's or
   * a field's updates: a double layer charging at a tiny current can take millions of them before
   * the first reduction), at the top of an iteration; the per-event hooks (progress, cancel looks,
   * checkpoints) never run there. Returns the name to end the loop with, or null to go on. It must
   * not change the state: the trajectory is the same with or without it.
   */
  quiet?: (s: LoopState) => string | null;
  /**
   * called after every REJECTED_LOOK events an acceptor rejected (a thinning's null events: they call no observer, and
   * an executed event between them starts the quiet count again), after the rejected event is counted. mends115 (review85
   * F10): a salt-starved plate with an SEI rejected 99.7 % of its events, about 0.4 ms each, and its executed events came
   * up to 1.2 s apart, so a cancel waited for them. Returns the name to end the loop with, or null to go on; it must not
   * change the state, as `quiet`.
   */
  rejected?: (s: LoopState) => string | null;
  /** draws rejected with certainty, left out of the draws (CertainRejects; branch fieldcost2) */
  certain?: CertainRejects;
}

/** rejected events between two calls of LoopParts.rejected */
export const REJECTED_LOOK = 64;

/** iterations without an event between two calls of LoopParts.quiet (each a few microseconds) */
export const QUIET_LOOK = 4096;

export interface LoopResult extends LoopState {
  /** name of the stop rule that ended the run, or 'stalled' (no event possible) */
  ended: string;
}

/** Runs the loop from time t0 until a stop rule is reached. */
export function runLoop(app: KmcApp, rng: Rng, parts: LoopParts, t0_s = 0): LoopResult {
  const nc = app.channels.length;
  const sums = new Float64Array(nc), mult = new Float64Array(nc).fill(1), totals = new Float64Array(nc);
  const fields = parts.fields ?? [], observers = parts.observers ?? [], acceptors = parts.acceptors ?? [], stop = parts.stop, ctl = parts.controller;
  const clock = parts.clock ?? null, before = parts.beforeIteration ?? null, stallIdle = parts.idle === 'stall';
  const timed = stop.filter((r) => r.timeLimit_s !== undefined), nObs = observers.length, nStop = stop.length, nAcc = acceptors.length;
  const s: LoopState = { t_s: t0_s, events: 0, perChannel: new Array<number>(nc).fill(0), nullEvents: 0 };
  let beforeAt = before ? 0 : Infinity;
  const quiet = parts.quiet ?? null;
  let quietIters = 0;
  const onRejected = parts.rejected ?? null;
  let rejectedCount = 0;
  const cr = parts.certain ?? null;
  let version = 0;
  for (;;) {
    if (quiet && ++quietIters >= QUIET_LOOK) {
      quietIters = 0;
      const end = quiet(s);
      if (end !== null) return { ...s, ended: end };
    }
    if (s.events >= beforeAt) beforeAt = before!(s);
    app.sums(sums);
    ctl.update(s.t_s, sums, mult);
    if (ctl.stopped) return { ...s, ended: ctl.stopped };
    let R = 0;
    for (let c = 0; c < nc; c++) { totals[c] = sums[c]! * mult[c]!; R += totals[c]!; }
    // the earliest of: the controller's own update, a field's update (as waiting times from now:
    // the first strictly earlier one wins, the controller on a tie)
    const t = s.t_s;
    let next = ctl.nextUpdate_s(), toNext = next - t, who: Field | null = null;
    for (const f of fields) { const tf = f.nextUpdate_s(), d = tf - t; if (d < toNext) { next = tf; toNext = d; who = f; } }
    let limit = Infinity, limitName = '', limitRule: StopRule | null = null;
    for (let k = 0; k < timed.length; k++) { const r = timed[k]!, tl = r.timeLimit_s!(s); if (tl < limit) { limit = tl; limitName = r.name; limitRule = r; } }
    if (!(R > 0)) {
      if (stallIdle) return { ...s, ended: 'stalled' };
      // nothing can happen: only the clock runs, to the next update or the limit
      const to = Math.min(next, limit);
      if (!Number.isFinite(to)) return { ...s, ended: 'stalled' };
      if (clock) clock.elapsed(to - t, to);
      s.t_s = to;
      if (to === limit) return { ...s, ended: limitName };
      if (who) { who.advance(to); version++; }
      continue;
    }
    let R0 = 0;
    if (cr !== null) { const r0 = cr.rate(mult, version); if (r0 > 0 && r0 < CERTAIN_MAX_SHARE * R) R0 = r0; }
    let dt = -Math.log(rng.nextOpen()) / (R0 > 0 ? R - R0 : R);
    // an update comes first: the clock moves there without an event (the waiting time is
    // memoryless, so drawing again from there is exact for rates held constant)
    const nullStep = dt > toNext;
    if (nullStep) dt = toNext;
    if (limitRule && (limitRule.crossedBy ? limitRule.crossedBy(t, dt) : t + dt >= limit)) {
      if (clock) clock.elapsed(limitRule.remaining ? limitRule.remaining(t) : limit - t, limit);
      s.t_s = limit;
      return { ...s, ended: limitName };
    }
    if (nullStep) {
      s.t_s = next;
      if (clock) clock.elapsed(dt, next);
      if (who) { who.advance(next); version++; }
      continue;
    }
    s.t_s = t + dt;
    if (clock) clock.elapsed(dt, s.t_s);
    let e = app.select(totals, mult, rng);
    if (R0 > 0) {
      // the draws rejected with certainty are left out: drawn again until one is not (CertainRejects)
      let k = 0;
      if (e >= 0 && cr!.certain(e)) {
        const d = cr!.drawKept ? cr!.drawKept(totals, mult, rng) : -1;
        if (d >= 0) {
          // the draws left out before the kept one: one certain already drawn, then geometric (CertainRejects.drawKept)
          k = 1 + Math.floor(Math.log(rng.nextOpen()) / Math.log(R0 / R));
          e = d;
        } else {
          while (e >= 0 && cr!.certain(e)) { k++; e = app.select(totals, mult, rng); }
        }
      }
      if (k > 0) {
        s.events += k; s.nullEvents += k;
        cr!.skipped(k);
        if (cr!.stopped) return { ...s, ended: cr!.stopped };
        if (onRejected && (rejectedCount += k) >= REJECTED_LOOK) {
          rejectedCount = 0;
          const end = onRejected(s);
          if (end !== null) return { ...s, ended: end };
        }
      }
    }
    if (e < 0) return { ...s, ended: 'stalled' };
    let rejected: Acceptor | null = null;
    for (let k = 0; k < nAcc; k++) if (!acceptors[k]!.accept(e, rng)) { rejected = acceptors[k]!; break; }
    if (rejected) {
      s.events++; s.nullEvents++;
      if (rejected.stopped) return { ...s, ended: rejected.stopped };
      if (onRejected && ++rejectedCount >= REJECTED_LOOK) {
        rejectedCount = 0;
        const end = onRejected(s);
        if (end !== null) return { ...s, ended: end };
      }
      continue;
    }
    const ch = app.execute(e, rng);
    version++;
    s.events++;
    quietIters = 0;
    if (ch < 0) s.nullEvents++;
    else s.perChannel[ch]!++;
    for (let k = 0; k < nObs; k++) observers[k]!.afterEvent(ch, e, s.t_s, s);
    for (let k = 0; k < nStop; k++) if (stop[k]!.reached(s)) return { ...s, ended: stop[k]!.name };
  }
}
