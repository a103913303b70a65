/**
 * The electrolyte concentration field (fields/transport.ts) as parts of the generic loop, for
 * galvanostatic steps with the plating app's fast path:
 *
 *  - an `Acceptor`: a drawn reduction into an empty voxel happens with probability c/c0 of its
 *    field cell (thinning); after 100 000 rejections in a row rho is rescanned and the step ends
 *    as 'transport_limited' when nothing can be accepted;
 *  - an `Observer`: after every executed event the field takes the salt (reduction) or gives it
 *    back (oxidation), opens or closes cells, and is advanced by operator splitting (SPPARKS'
 *    app_update) when its own rule says so (a cell's salt changed by 5 %, or 30 cell diffusion
 *    times passed), on the galvanostat's clock (net charge / current, the event's own charge
 *    counted), as the plating loop does; a faradaic event that moves no clock relaxes over
 *    min(q / I, 30 h^2/D) without moving it;
 *  - a `StopRule`: a deposit at the separator plane (short circuit) or, with `stop_at_sand`, the
 *    Sand onset.
 *
 * Used by test/engine-generic.test.ts to check the plating loop's fast path against the generic loop (engine-v2's parts;
 * review80 called it unused: the simulation itself runs the plating loop, src/simulation/simulation.ts). With
 * `cell.migration: ohmic` the field's acceptance carries the liquid potential's factor (Transport.accept) and `advance`
 * gets the step's direction from the charge stop's sign (a strip solves no potential), as in the plating loop; matched
 * event for event there on a plate and a strip (mends101). Not covered: potentiostatic holds and pulses (the plating
 * loop's relaxation force, `relax.offTimePassed`, is not passed: a pulse's off time is not this part's).
 *
 * The double layer sees rho A (`DoubleLayerController`'s aScale). Put it first among the
 * observers, before the controller and the charge stop: the clock it advances the field to is
 * the charge stop's progress with this event added, as in the plating loop (branch fieldclock;
 * until then the progress before the event).
 */
import type { Rng } from '../kmc/rng.js';
import type { Transport } from '../fields/transport.js';
import { EMPTY } from '../lattice/voxel.js';
import type { PlatingFastPath } from './plating-fast.js';
import type { Acceptor, LoopState, Observer, StopRule } from './loop.js';
import type { NetChargeStop } from './controllers.js';

export class TransportPart implements Acceptor, Observer, StopRule {
  stopped: string | null = null;
  get name(): string { return this.stopped ?? 'transport'; }
  private vBefore = -1;

  /**
   * @param I_A applied current of the box, A; q_C the charge of one voxel
   * @param startTime_s the reported time at which the step starts
   */
  constructor(readonly tp: Transport, readonly fast: PlatingFastPath, readonly progress: NetChargeStop,
    readonly I_A: number, readonly q_C: number, readonly startTime_s: number) {}

  /** A step starts on a current field. */
  begin(): void { this.tp.advance(this.startTime_s, this.fast.app, true); }

  accept(e: number, rng: Rng): boolean {
    const app = this.fast.app, tp = this.tp;
    const v = app.slots.slotKey[e >> 1]!;
    this.vBefore = v;
    // a reduction drawn at an SEI voxel takes its ion from the liquid beside it (Transport.acceptThroughSei, branch fieldcost)
    const c = app.code[v]!;
    if ((e & 1) !== 0) return true;
    if (c === EMPTY ? tp.accept(v, rng) : !app.isSeiCode(c) || tp.acceptThroughSei(v, app, rng)) return true;
    this.fast.countNull();
    if (tp.consecutiveRejections >= 100_000) {
      tp.scanRho(app);
      tp.consecutiveRejections = 0;
      if (tp.rho < 1e-9) this.stopped = 'transport_limited';
    }
    return false;
  }

  afterEvent(ch: number): void {
    const app = this.fast.app, tp = this.tp, p = this.progress;
    tp.afterEvent(app, ch, this.vBefore);
    // Sand's onset as the last advance found it (an earlier event's), as the plating loop reads it (simulation.ts)
    const sandStop = tp.spec.stop_at_sand === true && tp.sandTime_s !== null && tp.sandRho <= tp.spec.sand_fraction;
    // the progress with this event counted (the charge stop observes after this part): the field is advanced across the
    // quantum of a reduction that moves the clock, and relaxes one that does not (fields/transport.ts advance; branch fieldclock)
    const now = ch >= 0 ? p.progress + p.sign * p.channels[ch]!.netVoxels : p.progress;
    const prog = now > p.best ? now : p.best;
    // the step's direction, as the plating loop passes it (simulation.ts: sign > 0): cell.migration's potential is solved
    // for a plating current only, a strip's factors are all 1 (mends101; it passed none, the default true, until then)
    tp.advance(this.startTime_s + (Math.max(0, prog) * this.q_C) / this.I_A, app, false, this.q_C / this.I_A, p.sign > 0);
    if (tp.touchesPlane(app.maxMetalZ)) this.stopped = 'short_circuit';
    // the onset where the surface is depleted now, as the plating loop has it (simulation.ts; review57)
    else if (sandStop) this.stopped = 'transport_limited';
  }

  reached(_s: LoopState): boolean { return this.stopped !== null; }
}
