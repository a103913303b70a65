/**
 * Rejection-free event selection (BKL / n-fold way) with rate classes.
 *
 * Every event ("entity": an integer id the app chooses) belongs to one rate class. All members
 * of a class have the same rate, so the total rate is sum_c count_c * rate_c and selection is:
 * pick a class with probability count_c * rate_c / total (a scan over the few classes), then a
 * member uniformly (O(1)). Insert, remove and class change are O(1) (swap-remove with a
 * position index). This is the classical n-fold way of Bortz, Kalos and Lebowitz (1975).
 *
 * Classes belong to channels. A channel has a global multiplier: the plating app puts
 * reductions in one channel and oxidations in another, so that changing the overpotential
 * rescales them all in O(1) (MODEL.md section 4: A exp(alpha f eta), B exp(-(1-alpha) f eta)).
 *
 * Any number of channels (up to 255): give a count, or a list of channel specifications
 * (`{ name }`, and whatever the app attaches to them, e.g. how the overpotential scales them:
 * see PLATING_CHANNELS in apps/channels.ts, the default three). Insert, remove and class change
 * cost O(1) whatever the number of channels; selection scans the channels, then the classes of
 * the chosen one.
 *
 * The solver is deterministic: the same sequence of calls and random numbers gives the same
 * selections. Sums are kept exactly as integer counts times class rates.
 */

import type { Rng } from './rng.js';
import { InputError } from '../errors.js';

/** A channel: a group of classes sharing one multiplier. */
export interface ChannelSpec {
  /** unique name, e.g. "reduction" */
  readonly name: string;
}

export const MAX_CHANNELS = 255;

const NONE = -1;
/** a member list is never halved below this many entries */
const MIN_LIST = 64;

export class ClassSolver {
  /** rate of each class (at multiplier 1) */
  rate: Float64Array;
  /** channel of each class */
  channelOf: Uint8Array;
  count: Int32Array;
  private members: Int32Array[];
  nClasses = 0;

  readonly nChannels: number;
  /** the channels' specifications (names "0", "1", ... when built from a count) */
  readonly channels: readonly ChannelSpec[];
  /** multiplier of each channel */
  readonly mult: Float64Array;
  /** classes of each channel, in creation order */
  private channelClasses: number[][];
  private channelClassArr: Int32Array[];

  /** running sum of count*rate per channel (exactly recomputed by resum()) and member count per channel */
  readonly sum: Float64Array;
  readonly chCount: Int32Array;
  /** per entity e: class id (or NONE) at 2e and position in that class's member list at 2e + 1 */
  private ent: Int32Array;

  constructor(channels: number | readonly ChannelSpec[], initialEntities = 1024) {
    // checked before the Array.from below (ClassSolver(1e9) built a billion names)
    if (typeof channels === 'number' ? !(Number.isInteger(channels) && channels >= 1 && channels <= MAX_CHANNELS) : !(Array.isArray(channels) && channels.every((c) => c !== null && typeof c === 'object' && typeof (c as ChannelSpec).name === 'string'))) {
      throw new InputError('channels', channels, `a number of channels from 1 to ${MAX_CHANNELS}, or a list of { name } channel specs`);
    }
    // robust62: 1e10 threw a RangeError from the Int32Array below (two slots per entity, int32 indices); [] and a name given
    // twice threw plain Errors
    if (!(Number.isInteger(initialEntities) && initialEntities >= 0 && initialEntities <= 2 ** 30)) throw new InputError('initialEntities', initialEntities, `an integer from 0 to ${2 ** 30} (entities to make room for)`);
    const specs = typeof channels === 'number' ? Array.from({ length: channels }, (_, i) => ({ name: String(i) })) : channels;
    const nChannels = specs.length;
    const takes = `a number of channels from 1 to ${MAX_CHANNELS}, or a list of { name } channel specs`;
    if (nChannels < 1 || nChannels > MAX_CHANNELS || !Number.isInteger(nChannels)) throw new InputError('channels', channels, takes);
    const twice = specs.find((c, i) => specs.findIndex((d) => d.name === c.name) !== i);
    if (twice) throw new InputError('channels', channels, `${takes}, with unique channel names ("${twice.name}" twice)`);
    this.channels = specs;
    this.nChannels = nChannels;
    this.mult = new Float64Array(nChannels).fill(1);
    this.sum = new Float64Array(nChannels);
    this.chCount = new Int32Array(nChannels);
    this.channelClasses = Array.from({ length: nChannels }, () => []);
    this.channelClassArr = Array.from({ length: nChannels }, () => new Int32Array(0));
    this.rate = new Float64Array(16);
    this.channelOf = new Uint8Array(16);
    this.count = new Int32Array(16);
    this.members = [];
    this.ent = new Int32Array(2 * initialEntities).fill(NONE);
  }

  /** Index of a channel by name (throws when there is none). */
  channelIndex(name: string): number {
    const i = this.channels.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`no channel "${name}" (channels: ${this.channels.map((c) => c.name).join(', ')})`);
    return i;
  }

  /** Writes every channel's total rate (running sum x multiplier) into out[0..nChannels-1]; returns their sum. */
  channelTotals(out: Float64Array): number {
    let t = 0;
    for (let ch = 0; ch < this.nChannels; ch++) { const v = this.sum[ch]! * this.mult[ch]!; out[ch] = v; t += v; }
    return t;
  }

  /** Adds a class with a fixed rate in a channel; returns its id. */
  addClass(rate: number, channel: number): number {
    if (!(rate >= 0) || !Number.isFinite(rate)) throw new Error(`class rate must be finite and >= 0, got ${rate}`);
    if (!(channel >= 0 && channel < this.nChannels && Number.isInteger(channel))) throw new Error(`channel ${channel} outside 0..${this.nChannels - 1}`);
    if (this.nClasses >= 32767) throw new Error('too many rate classes (max 32767)');
    const c = this.nClasses++;
    if (c >= this.rate.length) {
      const n = this.rate.length * 2;
      this.rate = grow64(this.rate, n);
      this.channelOf = grow8(this.channelOf, n);
      this.count = grow32(this.count, n);
    }
    this.rate[c] = rate;
    this.channelOf[c] = channel;
    this.count[c] = 0;
    this.members.push(new Int32Array(MIN_LIST));
    this.channelClasses[channel]!.push(c);
    this.channelClassArr[channel] = Int32Array.from(this.channelClasses[channel]!);
    return c;
  }

  /** Makes room for entity ids < n. */
  ensureEntities(n: number): void {
    if (2 * n <= this.ent.length) return;
    let m = this.ent.length;
    while (m < 2 * n) m = 2 * Math.ceil(m * 0.75); // grow by 1.5 (even length)
    const c = new Int32Array(m).fill(NONE);
    c.set(this.ent);
    this.ent = c;
  }

  get entityCapacity(): number { return this.ent.length >> 1; }

  classOf(e: number): number { return this.ent[2 * e]!; }

  /** Puts entity e into class c (c = -1 removes it). No-op when unchanged. */
  set(e: number, c: number): void {
    const ent = this.ent;
    const old = ent[2 * e]!;
    if (old === c) return;
    if (old !== NONE) {
      // swap-remove from old class
      const list = this.members[old]!;
      const p = ent[2 * e + 1]!;
      const last = --this.count[old]!;
      const moved = list[last]!;
      list[p] = moved;
      ent[2 * moved + 1] = p;
      // a list left at a quarter of its room is halved (same members, same order: the draws
      // by position are unchanged): a class that was large once (reduction on the bare host
      // before nucleation covers it) does not keep its peak room to the end of the run
      if (last < list.length >> 2 && list.length > MIN_LIST) this.members[old] = list.slice(0, list.length >> 1);
      const ch = this.channelOf[old]!;
      if (--this.chCount[ch]! === 0) this.sum[ch] = 0;
      else this.sum[ch]! -= this.rate[old]!;
    }
    if (c !== NONE) {
      let list = this.members[c]!;
      const n = this.count[c]!;
      if (n >= list.length) {
        list = grow32(list, list.length + (list.length >> 1)); // by 1.5: less room left over than doubling
        this.members[c] = list;
      }
      list[n] = e;
      ent[2 * e + 1] = n;
      this.count[c] = n + 1;
      const ch = this.channelOf[c]!;
      this.chCount[ch]!++;
      this.sum[ch]! += this.rate[c]!;
    }
    ent[2 * e] = c;
  }

  /** Total rate of one channel at its current multiplier. */
  channelRate(ch: number): number {
    return this.channelBase(ch) * this.mult[ch]!;
  }

  /** Sum of count*rate of a channel without its multiplier. */
  channelBase(ch: number): number {
    const arr = this.channelClassArr[ch]!;
    let s = 0;
    for (let i = 0; i < arr.length; i++) {
      const c = arr[i]!;
      s += this.count[c]! * this.rate[c]!;
    }
    return s;
  }

  /** Recomputes the running channel sums exactly (call every so many events to stop drift). */
  resum(): void {
    for (let ch = 0; ch < this.nChannels; ch++) this.sum[ch] = this.channelBase(ch);
  }

  totalRate(): number {
    let s = 0;
    for (let ch = 0; ch < this.nChannels; ch++) s += this.channelRate(ch);
    return s;
  }

  /**
   * Draws an entity given channel totals already computed (rates[ch] including multipliers; their
   * sum is taken left to right here, so that no double crosses a call boundary boxed). One uniform
   * picks the class, one unbiased integer the member. Returns -1 if nothing can happen.
   */
  select(channelTotals: Float64Array, rng: Rng): number {
    const u1 = rng.next();
    let total = channelTotals[0]!;
    for (let c = 1; c < this.nChannels; c++) total += channelTotals[c]!;
    if (!(total > 0)) return NONE;
    let x = u1 * total;
    let ch = 0;
    const nch = this.nChannels;
    for (; ch < nch - 1; ch++) {
      const t = channelTotals[ch]!;
      if (x < t) break;
      x -= t;
    }
    // skip empty channels at the end due to rounding
    while (ch > 0 && !(channelTotals[ch]! > 0)) ch--;
    const m = this.mult[ch]!;
    const arr = this.channelClassArr[ch]!;
    let chosen = -1;
    for (let i = 0; i < arr.length; i++) {
      const c = arr[i]!;
      const n = this.count[c]!;
      if (n === 0) continue;
      const w = n * this.rate[c]! * m;
      chosen = c;
      if (x < w) break;
      x -= w;
    }
    if (chosen < 0) return NONE;
    const n = this.count[chosen]!;
    const k = n === 1 ? 0 : rng.int(n);
    return this.members[chosen]![k]!;
  }

  /** Members of a class (read-only view). */
  membersOf(c: number): Int32Array { return this.members[c]!.subarray(0, this.count[c]!); }

  /** Bytes held by the solver's arrays (for memory reports). */
  bytes(): number {
    let b = this.ent.byteLength + this.rate.byteLength * 2 + this.count.byteLength;
    for (const m of this.members) b += m.byteLength;
    return b;
  }
}

function grow32(a: Int32Array, n: number): Int32Array { const b = new Int32Array(n); b.set(a.subarray(0, Math.min(a.length, n))); return b; }
function grow64(a: Float64Array, n: number): Float64Array { const b = new Float64Array(n); b.set(a); return b; }
function grow8(a: Uint8Array, n: number): Uint8Array { const b = new Uint8Array(n); b.set(a); return b; }
