/**
 * Voxel -> slot map by direct indexing over the active z-band (issue 11): the active (surface)
 * voxels of a growing film lie in a band of layers, so an Int32Array over that band, indexed by
 * voxel index minus the band's first voxel, replaces the hash of SlotMap (kmc/slotmap.ts): one
 * array read per lookup, no probing, no hashing, no backward shifts.
 *
 * Slots are handed out exactly as SlotMap hands them out (a LIFO free list, else the next new
 * slot), so the slot of every key, and with it the solver's entity ids and every fixed-seed
 * trajectory, are the same with either map.
 *
 * The band grows when a key outside it arrives (by whole layers, with a few layers of margin
 * above: films grow upward). Memory: 4 bytes per voxel of the band (the band covers the layers
 * between the lowest and the highest voxel that ever held an event since the app was built; the
 * simulation rebuilds the app every few million events, which shrinks it to the current band
 * again) plus the slot arrays (4 bytes per slot each).
 */
import type { VoxelSlots } from './slotmap.js';

/** layers added above the highest key when the band grows (a growing film keeps climbing) */
const MARGIN_UP = 4;

export class BandSlotMap implements VoxelSlots {
  /** slot of voxel (base + i) at i, -1 when absent */
  private tab: Int32Array;
  /** first voxel index of the band (a multiple of nxy) */
  private base = 0;
  /** voxels in the band (a multiple of nxy) */
  private len = 0;
  private readonly nxy: number;
  private readonly n: number;
  size = 0;
  /** slot -> key (voxel index), -1 when free */
  slotKey: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nSlots = 0;

  /** nxy: voxels per layer; n: voxels in the lattice (keys lie in 0..n-1) */
  constructor(nxy: number, n: number) {
    if (!(nxy > 0 && n % nxy === 0)) throw new Error(`BandSlotMap: ${n} voxels is not a whole number of layers of ${nxy}`);
    this.nxy = nxy;
    this.n = n;
    this.tab = new Int32Array(0);
    this.slotKey = new Int32Array(1024).fill(-1);
    this.free = new Int32Array(1024);
  }

  /** slot of key or -1 */
  get(k: number): number {
    const i = k - this.base;
    return i >= 0 && i < this.len ? this.tab[i]! : -1;
  }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    let i = k - this.base;
    if (i < 0 || i >= this.len) { this.cover(k); i = k - this.base; }
    const s = this.tab[i]!;
    if (s >= 0) return s;
    let slot: number;
    if (this.nFree > 0) slot = this.free[--this.nFree]!;
    else {
      slot = this.nSlots++;
      if (slot >= this.slotKey.length) {
        const sk = new Int32Array(this.slotKey.length * 2).fill(-1);
        sk.set(this.slotKey);
        this.slotKey = sk;
      }
    }
    this.tab[i] = slot;
    this.slotKey[slot] = k;
    this.size++;
    return slot;
  }

  delete(k: number): void {
    const i = k - this.base;
    if (i < 0 || i >= this.len) return;
    const slot = this.tab[i]!;
    if (slot < 0) return;
    this.tab[i] = -1;
    this.slotKey[slot] = -1;
    if (this.nFree >= this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
    this.size--;
  }

  /** Exchanges the slots of two present keys. */
  swapKeys(a: number, b: number): void {
    const ia = a - this.base, ib = b - this.base;
    const sa = ia >= 0 && ia < this.len ? this.tab[ia]! : -1, sb = ib >= 0 && ib < this.len ? this.tab[ib]! : -1;
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    this.tab[ia] = sb;
    this.tab[ib] = sa;
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** Gives present key a's slot to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    const ia = a - this.base;
    const slot = ia >= 0 && ia < this.len ? this.tab[ia]! : -1;
    if (slot < 0) throw new Error(`rekey: key ${a} absent`);
    let ib = b - this.base;
    if (ib < 0 || ib >= this.len) { this.cover(b); ib = b - this.base; }
    if (this.tab[ib]! >= 0) throw new Error(`rekey: key ${b} present`);
    this.tab[a - this.base] = -1;
    this.tab[ib] = slot;
    this.slotKey[slot] = b;
  }

  /** highest slot id ever handed out + 1 */
  get slotCount(): number { return this.nSlots; }

  /** Widens the band to hold key k (whole layers; MARGIN_UP more above when it grows upward). */
  private cover(k: number): void {
    if (!(k >= 0 && k < this.n)) throw new Error(`BandSlotMap: key ${k} outside 0..${this.n - 1}`);
    const nxy = this.nxy, nz = this.n / nxy, zk = Math.floor(k / nxy);
    let zLo: number, zHi: number; // new band: layers zLo .. zHi - 1
    if (this.len === 0) { zLo = zk; zHi = Math.min(nz, zk + 1 + MARGIN_UP); }
    else {
      const lo = this.base / nxy, hi = lo + this.len / nxy;
      zLo = Math.min(lo, zk);
      zHi = zk >= hi ? Math.min(nz, zk + 1 + MARGIN_UP) : hi;
    }
    const tab = new Int32Array((zHi - zLo) * nxy).fill(-1);
    if (this.len > 0) tab.set(this.tab, this.base - zLo * nxy);
    this.tab = tab;
    this.base = zLo * nxy;
    this.len = tab.length;
  }

  /** layers the band spans now */
  get bandLayers(): number { return this.len / this.nxy; }

  bytes(): number { return this.tab.byteLength + this.slotKey.byteLength + this.free.byteLength; }
}
