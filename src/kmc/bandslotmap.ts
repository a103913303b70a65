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
 * above: films grow upward). Memory: 8 bytes per voxel of the band (the band covers the layers
 * between the lowest and the highest voxel that ever held an event since the app was built; the
 * simulation rebuilds the app every few million events, which shrinks it to the current band
 * again) plus the slot arrays (4 bytes per slot each).
 *
 * Beside each voxel's slot the band keeps a copy of the voxel's two event classes (issue 11, fifth
 * round): the app reads the current classes of a change set's voxels from here, in the cache line
 * it already reads for the slot, instead of from the solver's entity table at the slot's (random)
 * position. The copy is written by the app together with the solver (PlatingApp.setEntity) and
 * travels with the slot (swapKeys, rekey); checkConsistency compares the two.
 */
import type { VoxelSlots } from './slotmap.js';

/** layers added above the highest key when the band grows (a growing film keeps climbing) */
const MARGIN_UP = 4;

export class BandSlotMap implements VoxelSlots {
  /**
   * per voxel (base + i): its slot at 2i (-1 when absent) and its classes at 2i + 1, packed as
   * (faradaic + 1) | (hop + 1) << 16 (0: no event; classes are below 32767, ClassSolver)
   */
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
    return i >= 0 && i < this.len ? this.tab[2 * i]! : -1;
  }

  /** the packed classes of key k (see tab; 0 when absent) */
  classes(k: number): number {
    const i = k - this.base;
    return i >= 0 && i < this.len ? this.tab[2 * i + 1]! : 0;
  }

  /** Sets the packed classes of present key k. */
  setClasses(k: number, packed: number): void {
    this.tab[2 * (k - this.base) + 1] = packed;
  }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    let i = k - this.base;
    if (i < 0 || i >= this.len) { this.cover(k); i = k - this.base; }
    const s = this.tab[2 * i]!;
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
    this.tab[2 * i] = slot;
    this.slotKey[slot] = k;
    this.size++;
    return slot;
  }

  delete(k: number): void {
    const i = k - this.base;
    if (i < 0 || i >= this.len) return;
    const slot = this.tab[2 * i]!;
    if (slot < 0) return;
    this.tab[2 * i] = -1;
    this.tab[2 * i + 1] = 0;
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
    const tab = this.tab;
    const sa = ia >= 0 && ia < this.len ? tab[2 * ia]! : -1, sb = ib >= 0 && ib < this.len ? tab[2 * ib]! : -1;
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    tab[2 * ia] = sb;
    tab[2 * ib] = sa;
    const ca = tab[2 * ia + 1]!;
    tab[2 * ia + 1] = tab[2 * ib + 1]!;
    tab[2 * ib + 1] = ca;
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** Gives present key a's slot to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    const ia = a - this.base;
    const slot = ia >= 0 && ia < this.len ? this.tab[2 * ia]! : -1;
    if (slot < 0) throw new Error(`rekey: key ${a} absent`);
    let ib = b - this.base;
    if (ib < 0 || ib >= this.len) { this.cover(b); ib = b - this.base; }
    const tab = this.tab, ja = 2 * (a - this.base);
    if (tab[2 * ib]! >= 0) throw new Error(`rekey: key ${b} present`);
    tab[2 * ib] = slot;
    tab[2 * ib + 1] = tab[ja + 1]!;
    tab[ja] = -1;
    tab[ja + 1] = 0;
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
    const len = (zHi - zLo) * nxy;
    const tab = new Int32Array(2 * len);
    for (let i = 0; i < 2 * len; i += 2) tab[i] = -1;
    if (this.len > 0) tab.set(this.tab, 2 * (this.base - zLo * nxy));
    this.tab = tab;
    this.base = zLo * nxy;
    this.len = len;
  }

  /** layers the band spans now */
  get bandLayers(): number { return this.len / this.nxy; }

  /** bytes of the band itself (slots and class copies: 8 per voxel of the band) */
  bandBytes(): number { return this.tab.byteLength; }

  bytes(): number { return this.tab.byteLength + this.slotKey.byteLength + this.free.byteLength; }
}
