/**
 * The plating app's fast path (apps/plating.ts: rate classes, change sets pruned by hand,
 * relabelling of hopping atoms) as a part of the generic loop (engine/loop.ts). The app holds
 * the lattice and its events; this adapter only passes the loop's calls through and keeps the
 * solver's running sums exact (resum every 65 536 events, as the plating loop does).
 *
 * `rates(out)` reads the rate of every (type, site) pair back out of the rate classes, in the
 * generic path's layout (types reduction, oxidation, hop): engine/consistency.ts compares them
 * with the event types' rate laws.
 */
import type { Rng } from '../kmc/rng.js';
import type { PlatingApp } from '../apps/plating.js';
import { CH_RED, CH_OX } from '../apps/plating.js';
import { PLATING_CHANNELS } from '../apps/channels.js';
import type { KmcApp } from './loop.js';

export class PlatingFastPath implements KmcApp {
  readonly channels = PLATING_CHANNELS;
  events = 0;
  // the generic loop schedules no first-passage exits (apps/lone-adatoms.ts): lone adatoms hop by hop
  constructor(readonly app: PlatingApp) { app.lone?.detach(); }

  sums(out: Float64Array): void {
    const s = this.app.solver.sum;
    for (let c = 0; c < out.length; c++) out[c] = s[c]!;
  }

  select(totals: Float64Array, mult: Float64Array, rng: Rng): number {
    this.app.solver.mult.set(mult);
    return this.app.solver.select(totals, rng);
  }

  execute(e: number, _rng: Rng): number {
    // the app draws a hop's move from the Rng it was built with (the loop's own, in a simulation)
    const ch = this.app.execute(e);
    if ((++this.events & 0xffff) === 0) this.app.solver.resum();
    return ch;
  }

  /** counts a drawn event that was not executed (a thinning rejection), as the plating loop counts it */
  countNull(): void { this.events++; }

  /** The entity of the event of type k (0 reduction, 1 oxidation, 2 hop) at site v, or -1. */
  entityAt(k: number, v: number): number {
    const slot = this.app.slots.get(v);
    if (slot < 0) return -1;
    const e = slot * 2 + (k === 2 ? 1 : 0);
    const cls = this.app.solver.classOf(e);
    if (cls < 0) return -1;
    if (k < 2 && this.app.solver.channelOf[cls] !== (k === 0 ? CH_RED : CH_OX)) return -1;
    return e;
  }

  /** The rate of every (type, site) pair at multiplier 1: out[k][v], types reduction, oxidation, hop. */
  rates(out: Float64Array[]): void {
    const { slots, solver } = this.app;
    const n = this.app.lat.n;
    for (const o of out) o.fill(0);
    for (let v = 0; v < n; v++) {
      const slot = slots.get(v);
      if (slot < 0) continue;
      const f = solver.classOf(slot * 2), h = solver.classOf(slot * 2 + 1);
      if (f >= 0) out[solver.channelOf[f] === CH_RED ? 0 : solver.channelOf[f] === CH_OX ? 1 : 2]![v] = solver.rate[f]!;
      if (h >= 0) out[2]![v] = solver.rate[h]!;
    }
  }
}
