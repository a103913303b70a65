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
 * above: films grow upward).
 *
 * The band is at most `depth` layers deep (issue 11, seventh round, target 4: memory): when it
 * grows upward past that depth its lowest layers are dropped (as many as leave the side map at
 * most half full) and the keys they hold move to a
 * side map (a JS Map), which also takes any key that arrives below the band: the pores a rough
 * film leaves behind and the first layer between islands, a few hundred keys against tens of
 * thousands in the band. A lookup in the band is unchanged (one array read); one below it asks
 * the side map only when that holds keys. A key at most NEAR_DOWN layers below the band widens
 * it down to the key's layer (a receding surface: stripping); and when the side map holds a
 * quarter layer of keys, the band is widened down to the lowest of them and the side map emptied
 * (the behaviour of earlier builds, whose band covered every layer between the lowest and the
 * highest key since the app was built).
 *
 * Memory: 4 bytes per voxel of the band (at most depth layers while the side map stays small)
 * plus about 40 bytes per key in the side map plus the slot arrays (4 bytes per slot each).
 */
import type { VoxelSlots } from './slotmap.js';

/**
 * layers added above the highest key when the band grows (a growing film keeps climbing); 1 since
 * issue 11's ninth round (was 2: one layer of the band, 250 kB on the 100 nm protocol, held no key)
 */
const MARGIN_UP = 1;
/** default depth of the band in layers (issue 11, seventh round: the film benchmark's keys lie in about 8 layers, with a tail of pores below) */
export const BAND_DEPTH = 10;
/** a key this many layers or fewer below the band widens it (a receding surface), a deeper one goes to the side map (a pore) */
const NEAR_DOWN = 2;
/** approximate bytes of one entry of a JS Map<number, number> (for memory reports) */
const MAP_ENTRY_BYTES = 40;

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
  /** keys below the band -> their slots (every key here is below base) */
  private readonly low = new Map<number, number>();
  /** the band's greatest depth in layers while the side map is small */
  private readonly depth: number;
  /** side-map size that widens the band down (a quarter layer, at least 256 keys) */
  private readonly lowMax: number;

  /** nxy: voxels per layer; n: voxels in the lattice (keys lie in 0..n-1); depth: the band's greatest depth in layers */
  constructor(nxy: number, n: number, depth = BAND_DEPTH) {
    if (!(nxy > 0 && n % nxy === 0)) throw new Error(`BandSlotMap: ${n} voxels is not a whole number of layers of ${nxy}`);
    if (!(Number.isInteger(depth) && depth > MARGIN_UP)) throw new Error(`BandSlotMap: depth must be an integer above ${MARGIN_UP} layers, got ${depth}`);
    this.nxy = nxy;
    this.n = n;
    this.depth = depth;
    this.lowMax = Math.max(256, nxy >> 2);
    this.tab = new Int32Array(0);
    this.slotKey = new Int32Array(1024).fill(-1);
    this.free = new Int32Array(1024);
  }

  /** slot of key or -1 */
  get(k: number): number {
    const i = k - this.base;
    if (i >= 0 && i < this.len) return this.tab[i]!;
    return i < 0 && this.low.size > 0 ? this.low.get(k) ?? -1 : -1;
  }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    let i = k - this.base;
    if (i < 0 && this.len > 0) {
      const s = this.low.get(k);
      if (s !== undefined) return s;
      if (this.toSide(k)) { const slot = this.newSlot(k); this.low.set(k, slot); return slot; }
    }
    if (i < 0 || i >= this.len) { this.cover(k); i = k - this.base; }
    const s = this.tab[i]!;
    if (s >= 0) return s;
    const slot = this.newSlot(k);
    this.tab[i] = slot;
    return slot;
  }

  /** a slot for new key k (the free list's last, else the next new one) */
  private newSlot(k: number): number {
    let slot: number;
    if (this.nFree > 0) slot = this.free[--this.nFree]!;
    else {
      slot = this.nSlots++;
      if (slot >= this.slotKey.length) {
        // by 1.5 (issue 11, ninth round: the room left over is memory at the end of a long run)
        const sk = new Int32Array(this.slotKey.length + (this.slotKey.length >> 1)).fill(-1);
        sk.set(this.slotKey);
        this.slotKey = sk;
      }
    }
    this.slotKey[slot] = k;
    this.size++;
    return slot;
  }

  delete(k: number): void {
    const i = k - this.base;
    let slot: number;
    if (i >= 0 && i < this.len) {
      slot = this.tab[i]!;
      if (slot < 0) return;
      this.tab[i] = -1;
    } else {
      if (i >= 0 || this.low.size === 0) return;
      const s = this.low.get(k);
      if (s === undefined) return;
      this.low.delete(k);
      slot = s;
    }
    this.slotKey[slot] = -1;
    if (this.nFree >= this.free.length) {
      const f = new Int32Array(this.free.length + (this.free.length >> 1));
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
    this.size--;
  }

  /** Exchanges the slots of two present keys. */
  swapKeys(a: number, b: number): void {
    const ia = a - this.base, ib = b - this.base;
    if (ia < 0 || ib < 0) { this.swapSlow(a, b); return; }
    const sa = ia < this.len ? this.tab[ia]! : -1, sb = ib < this.len ? this.tab[ib]! : -1;
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    this.tab[ia] = sb;
    this.tab[ib] = sa;
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** swapKeys when a key lies below the band */
  private swapSlow(a: number, b: number): void {
    const sa = this.get(a), sb = this.get(b);
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    this.put(a, sb);
    this.put(b, sa);
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** whether absent key k below the band goes to the side map (else the band is widened down to it) */
  private toSide(k: number): boolean {
    return this.low.size < this.lowMax && k < this.base - NEAR_DOWN * this.nxy;
  }

  /** sets present key k's slot (in the band or the side map, wherever k lies) */
  private put(k: number, slot: number): void {
    const i = k - this.base;
    if (i >= 0) this.tab[i] = slot; else this.low.set(k, slot);
  }

  /** Gives present key a's slot to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    const ia = a - this.base;
    if (ia < 0 || b < this.base || b >= this.base + this.len) { this.rekeySlow(a, b); return; }
    const slot = ia < this.len ? this.tab[ia]! : -1;
    if (slot < 0) throw new Error(`rekey: key ${a} absent`);
    const ib = b - this.base;
    if (this.tab[ib]! >= 0) throw new Error(`rekey: key ${b} present`);
    this.tab[ia] = -1;
    this.tab[ib] = slot;
    this.slotKey[slot] = b;
  }

  /** rekey when a key lies outside the band: b's place is made first (as getOrAdd would: the side map, or a wider band) */
  private rekeySlow(a: number, b: number): void {
    const slot = this.get(a);
    if (slot < 0) throw new Error(`rekey: key ${a} absent`);
    if (this.get(b) >= 0) throw new Error(`rekey: key ${b} present`);
    const ib = b - this.base;
    if (ib < 0 && this.len > 0 && this.toSide(b)) this.low.set(b, slot);
    else {
      if (ib < 0 || ib >= this.len) this.cover(b);
      this.tab[b - this.base] = slot;
    }
    // a may have moved from the band to the side map when the band was cut (cover)
    const ja = a - this.base;
    if (ja >= 0) this.tab[ja] = -1; else this.low.delete(a);
    this.slotKey[slot] = b;
  }

  /** highest slot id ever handed out + 1 */
  get slotCount(): number { return this.nSlots; }

  /**
   * Widens the band to hold key k (whole layers; MARGIN_UP more above when it grows upward). A
   * band grown upward past `depth` layers drops its lowest layers, whose keys go to the side map;
   * a band widened downward (the side map full) takes in every key of the side map.
   */
  private cover(k: number): void {
    if (!(k >= 0 && k < this.n)) throw new Error(`BandSlotMap: key ${k} outside 0..${this.n - 1}`);
    const nxy = this.nxy, nz = this.n / nxy, zk = Math.floor(k / nxy);
    let zLo: number, zHi: number; // new band: layers zLo .. zHi - 1
    const down = this.len > 0 && zk < this.base / nxy;
    if (this.len === 0) { zLo = zk; zHi = Math.min(nz, zk + 1 + MARGIN_UP); }
    else {
      const lo = this.base / nxy, hi = lo + this.len / nxy;
      zLo = Math.min(lo, zk);
      zHi = zk >= hi ? Math.min(nz, zk + 1 + MARGIN_UP) : hi;
      // widened down: to k's layer, or (the side map full) to its lowest key
      if (down && this.low.size >= this.lowMax) for (const key of this.low.keys()) zLo = Math.min(zLo, Math.floor(key / nxy));
      else if (!down && zHi - zLo > this.depth) zLo = this.cutLayer(zLo, zHi - this.depth);
    }
    const newBase = zLo * nxy;
    if (this.len > 0 && !down && newBase > this.base && newBase - this.base < this.len && (zHi - zLo) * nxy === this.len) {
      // the band moves up at its full depth (a growing film, most calls): shift it in its own
      // table instead of a new one (a fresh table of 62,500 columns x 17 layers cost ~15 ms of
      // allocation and page faults per call on the 100 nm protocol; issue 11, ninth round)
      const cut = newBase - this.base, tab = this.tab;
      for (let i = 0; i < cut; i++) { const s = tab[i]!; if (s >= 0) this.low.set(this.base + i, s); }
      tab.copyWithin(0, cut);
      tab.fill(-1, this.len - cut);
      this.base = newBase;
      return;
    }
    const tab = new Int32Array((zHi - zLo) * nxy).fill(-1);
    if (this.len > 0) {
      const off = this.base - newBase;
      if (off >= 0) tab.set(this.tab, off);
      else {
        // the lowest layers are dropped: their keys go to the side map
        const cut = -off;
        for (let i = 0; i < cut && i < this.len; i++) { const s = this.tab[i]!; if (s >= 0) this.low.set(this.base + i, s); }
        if (cut < this.len) tab.set(this.tab.subarray(cut), 0);
      }
      if (down) {
        // widened down: the side map's keys in the new layers come into the band
        for (const [key, s] of this.low) if (key >= newBase) { tab[key - newBase] = s; this.low.delete(key); }
      }
    }
    this.tab = tab;
    this.base = newBase;
    this.len = tab.length;
  }

  /** layers the band spans now */
  get bandLayers(): number { return this.len / this.nxy; }

  /**
   * Where a band grown upward is cut: the highest layer up to `want` such that the keys below it
   * (in the band's layers from `lo`, and those already in the side map) fill at most half the
   * side map (a tall protrusion raises the band's top: the cut then stays under the film's
   * surface, where the keys are dense).
   */
  private cutLayer(lo: number, want: number): number {
    const nxy = this.nxy, tab = this.tab;
    let keys = this.low.size, z = lo;
    for (; z < want; z++) {
      let inLayer = 0;
      for (let i = (z - lo) * nxy, end = i + nxy; i < end; i++) if (tab[i]! >= 0) inLayer++;
      if (keys + inLayer > this.lowMax >> 1) break;
      keys += inLayer;
    }
    return z;
  }

  /** keys in the side map (below the band) */
  get lowKeys(): number { return this.low.size; }

  /** bytes of the band's table and of the side map (about 40 bytes per key) */
  bandBytes(): number { return this.tab.byteLength + MAP_ENTRY_BYTES * this.low.size; }

  bytes(): number { return this.bandBytes() + this.slotKey.byteLength + this.free.byteLength; }
}
