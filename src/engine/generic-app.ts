/**
 * The generic path: any list of event types (engine/event-type.ts) on one lattice, with no
 * specialisation. It keeps the rate of every (type, site) pair, selects with one Fenwick tree per
 * type, and after an event derives the change set from the declared reach: for every changed
 * site c, every type k and every offset o that k's rate law reads, the event of type k at c - o
 * is recomputed (SPPARKS' update of the sites within delpropensity of the sites within delevent).
 * Writes outside a type's declared `writes` are an error unless the type is `nonLocal`.
 *
 * Event ids: k * n + v (type k, site v). Channels: one per distinct channel name of the types,
 * in the order they first appear (the plating types give reduction 0, oxidation 1, hop 2, the
 * order of PLATING_CHANNELS).
 */
import type { Rng } from '../kmc/rng.js';
import type { CubicLattice } from '../kmc/lattice.js';
import type { EventChannel, EventType, Offset } from './event-type.js';
import { offsetSite } from './event-type.js';
import { Fenwick } from './fenwick.js';
import type { KmcApp } from './loop.js';

export class GenericApp implements KmcApp {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  readonly types: readonly EventType[];
  readonly channels: EventChannel[] = [];
  /** channel index of each type */
  readonly channelOf: Int32Array;
  /** per type: the rate of every site (Fenwick weights) */
  readonly trees: Fenwick[];
  /** per type: the reach turned around, the offsets -o of its reads (the sites whose event reads a changed site) */
  private readonly inverse: Offset[][];
  private readonly stamp: Int32Array[];
  private stampNo = 0;
  private readonly changed: number[] = [];
  /** (type, site) pairs recomputed after the last event */
  lastRecomputed = 0;
  events = 0;

  constructor(lat: CubicLattice, code: Uint8Array, types: readonly EventType[]) {
    this.lat = lat;
    this.code = code;
    this.types = types;
    this.channelOf = new Int32Array(types.length);
    types.forEach((t, k) => {
      let ch = this.channels.findIndex((c) => c.name === t.channel.name);
      if (ch < 0) { ch = this.channels.length; this.channels.push(t.channel); }
      this.channelOf[k] = ch;
    });
    this.trees = types.map(() => new Fenwick(lat.n));
    this.inverse = types.map((t) => t.reads.map((o) => [-o[0], -o[1], -o[2]] as Offset));
    this.stamp = types.map(() => new Int32Array(lat.n));
    this.recomputeAll();
  }

  /** Every rate from scratch. */
  recomputeAll(): void {
    const n = this.lat.n;
    this.types.forEach((t, k) => {
      const w = this.trees[k]!.w;
      for (let v = 0; v < n; v++) w[v] = t.rate(v);
      this.trees[k]!.rebuild();
    });
  }

  /** base rate sum of each channel (multiplier 1) */
  sums(out: Float64Array): void {
    out.fill(0);
    for (let k = 0; k < this.types.length; k++) out[this.channelOf[k]!]! += this.trees[k]!.total();
  }

  rateOf(k: number, v: number): number { return this.trees[k]!.w[v]!; }

  /** Draws an event given the channel multipliers and totals (sums x mult); -1 if nothing can happen. */
  select(totals: Float64Array, mult: Float64Array, rng: Rng): number {
    let total = 0;
    for (let c = 0; c < totals.length; c++) total += totals[c]!;
    if (!(total > 0)) return -1;
    let x = rng.next() * total;
    const nt = this.types.length;
    let last = -1;
    for (let k = 0; k < nt; k++) {
      const m = mult[this.channelOf[k]!]!;
      const s = this.trees[k]!.total() * m;
      if (!(s > 0)) continue;
      last = k;
      if (x < s) return this.pick(k, x / m);
      x -= s;
    }
    // x at or past the total by rounding: the last type with a rate
    return last < 0 ? -1 : this.pick(last, this.trees[last]!.total());
  }

  private pick(k: number, x: number): number {
    const v = this.trees[k]!.find(Math.min(x, this.trees[k]!.total()));
    return v < 0 ? -1 : k * this.lat.n + v;
  }

  /** Executes event e (type k at site v); returns the type's channel, or -1 for a null event. */
  execute(e: number, rng: Rng): number {
    const n = this.lat.n, k = (e / n) | 0, v = e - k * n;
    const t = this.types[k]!;
    const changed = this.changed;
    changed.length = 0;
    const done = t.execute(v, rng, changed);
    this.events++;
    if (!done) return -1;
    if (!t.nonLocal) this.checkWrites(t, v, changed);
    this.update(changed);
    return this.channelOf[k]!;
  }

  /** Recomputes the events whose rate laws read a changed site (the derived change set). */
  update(changed: readonly number[]): void {
    const lat = this.lat, nt = this.types.length;
    const s = ++this.stampNo;
    let count = 0;
    for (let k = 0; k < nt; k++) {
      const inv = this.inverse[k]!, st = this.stamp[k]!, tree = this.trees[k]!, t = this.types[k]!;
      for (let i = 0; i < changed.length; i++) {
        const c = changed[i]!;
        for (let j = 0; j < inv.length; j++) {
          const u = offsetSite(lat, c, inv[j]!);
          if (u < 0 || st[u] === s) continue;
          st[u] = s;
          tree.set(u, t.rate(u));
          count++;
        }
      }
    }
    this.lastRecomputed = count;
    if ((this.events & 0xffff) === 0) for (const tr of this.trees) tr.rebuild();
  }

  private checkWrites(t: EventType, v: number, changed: readonly number[]): void {
    for (const c of changed) {
      if (!t.writes.some((o) => offsetSite(this.lat, v, o) === c)) throw new Error(`event type ${t.name} at site ${v} wrote site ${c}, outside its declared writes`);
    }
  }

  /** Every rate against its rate law recomputed from scratch; the first mismatch, or null. */
  checkConsistency(): string | null {
    const n = this.lat.n;
    for (let k = 0; k < this.types.length; k++) {
      const t = this.types[k]!, w = this.trees[k]!.w;
      for (let v = 0; v < n; v++) {
        const r = t.rate(v);
        if (r !== w[v]) return `${t.name} at site ${v}: kept ${w[v]}, recomputed ${r} (its declared reach misses a site it reads)`;
      }
    }
    return null;
  }
}
