/**
 * The window a Hold step's current cut-off reads ("Hold at -20 mV until 0.05 mA/cm2"; input/termination.ts
 * CurrentTermination). The box's current is a stream of discrete reductions and oxidations, so it is read as a cycler
 * reads its current: averaged over fixed windows of time, one after the other from the step's start. A window lasts
 * the time CURRENT_WINDOW_VOXELS (M = 10) voxels take at the limit current, T = M q / (A i_lim), and its current is its
 * net charge in the hold's direction over T: the current is at or below the limit exactly when the window's net count
 * is at most M voxels, so the reading at the limit is resolved to 1/M of it whatever the box's size or the limit.
 *
 * The step ends at the end of the first window at or below the limit (the window before it, if any, was above). Both
 * ends of a window are on the kMC clock: a window whose count is at most M is a stop rule with its end as time limit (the
 * loop stops the clock there, also when no event can come: a hold whose events die out ends); one above M is closed by
 * a field update at its end (the clock moves there without an event, the next window opens).
 *
 * Why not windows of N faradaic events: in this model most faradaic events are an adatom's flicker (reduced, then
 * oxidised back), so the net share of the events is small (7 % in a stripping hold at +30 mV on 8 x 8 voxels of 10 nm:
 * 26 net of 361 events) and a window of 100 events read a net current of exactly 0 after 3 windows, its length set by
 * the flicker, not the current. A window of time sized on the limit reads the net charge, flicker cancelling.
 *
 * The state (the open window's start and net count, the last two windows' currents) is a plain object the step's
 * checkpoint keeps (simulation.ts StepState.currentWindow): a resumed hold goes on with its window.
 */
import { CURRENT_WINDOW_VOXELS, CurrentTermination } from '../input/termination.js';
import type { Field, LoopState, StopRule } from './loop.js';

/** The window's state: what a checkpoint saves. */
export interface CurrentWindowState {
  /** kMC time the open window opened, s */
  start_s: number;
  /** its net count of voxels in the hold's direction (a reduction in a plating hold +1, an oxidation -1) */
  net: number;
  /** the current of the last closed window and of the one before it, A/m2 in the hold's direction (NaN: none yet) */
  last_A_per_m2: number;
  previous_A_per_m2: number;
  /** windows closed so far */
  windows: number;
}

export class CurrentWindow implements StopRule {
  readonly name = 'current_cutoff';
  readonly term: CurrentTermination;
  /** a window's length: M voxels at the limit current, s */
  readonly window_s: number;
  s: CurrentWindowState;
  /** the field that closes a window above the limit at its end (the loop's fields) */
  readonly field: Field;
  /**
   * @param limit_A_per_m2 the cut-off (magnitude)
   * @param q_C charge of one voxel; area_m2 the box's footprint
   * @param t0_s kMC time at the step's start (the first window opens there)
   */
  constructor(limit_A_per_m2: number, readonly q_C: number, readonly area_m2: number, t0_s: number, readonly m = CURRENT_WINDOW_VOXELS, state?: CurrentWindowState) {
    this.term = new CurrentTermination(limit_A_per_m2);
    this.window_s = (m * q_C) / (area_m2 * limit_A_per_m2);
    this.s = state ? { ...state } : { start_s: t0_s, net: 0, last_A_per_m2: NaN, previous_A_per_m2: NaN, windows: 0 };
    this.field = { name: 'current cut-off window', nextUpdate_s: () => this.end_s(), advance: (t) => { this.close(t); } };
  }

  /** the open window's end, kMC s */
  end_s(): number { return this.s.start_s + this.window_s; }

  /** A faradaic event: `along` true when it moves the box in the hold's direction. */
  faradaic(along: boolean): void { this.s.net += along ? 1 : -1; }

  /** Closes the open window at its end (t), opens the next; true when its current is at or below the limit. */
  close(t_s: number): boolean {
    const s = this.s;
    const j = (s.net * this.q_C) / this.area_m2 / this.window_s;
    s.previous_A_per_m2 = s.last_A_per_m2; s.last_A_per_m2 = j; s.windows++;
    const hit = s.net <= this.m; // the same as j <= the limit, without its rounding
    s.start_s = t_s; s.net = 0;
    return hit;
  }

  /** a window at or below the limit so far: the loop stops the clock at its end (then the caller closes it: closeAtEnd) */
  timeLimit_s(): number { return this.s.net <= this.m ? this.end_s() : Infinity; }
  /** Closes the open window at its end (the loop ended there); its current is at or below the limit. */
  closeAtEnd(): void { this.close(this.end_s()); }
  reached(_s: LoopState): boolean { return false; }
}
