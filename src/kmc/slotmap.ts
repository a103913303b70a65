/**
 * Integer -> slot map for the active (surface) voxels: open addressing with linear probing
 * and backward-shift deletion (no tombstones), typed arrays only. Keeps per-voxel memory at the
 * lattice's own byte(s) while the event tables grow with the surface, not the volume.
 */
/** What the apps need of a voxel -> slot map (SlotMap: hashing; BandSlotMap: direct indexing over a z-band). */
export interface VoxelSlots {
  /** slot -> key (voxel index), -1 when free */
  readonly slotKey: Int32Array;
  /** keys present */
  readonly size: number;
  /** highest slot id ever handed out + 1 */
  readonly slotCount: number;
  get(k: number): number;
  getOrAdd(k: number): number;
  delete(k: number): void;
  swapKeys(a: number, b: number): void;
  rekey(a: number, b: number): void;
  bytes(): number;
}

export class SlotMap implements VoxelSlots {
  /** the table: key at 2i, slot at 2i + 1 (one cache line holds both) */
  private tab: Int32Array;
  /** number of table entries - 1 */
  private mask: number;
  private shift: number;
  size = 0;
  /** slot -> key (voxel index), -1 when free */
  slotKey: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nSlots = 0;

  constructor(capacityPow2 = 1 << 12) {
    this.tab = new Int32Array(2 * capacityPow2).fill(-1);
    this.mask = capacityPow2 - 1;
    this.shift = 32 - Math.log2(capacityPow2);
    this.slotKey = new Int32Array(1024).fill(-1);
    this.free = new Int32Array(1024);
  }

  private h(k: number): number { return Math.imul(k, 0x9e3779b1) >>> this.shift; }

  /** Table position holding key k, or the empty position where the probe for k ended. */
  private probe(k: number): number {
    const tab = this.tab, mask = this.mask;
    let i = this.h(k);
    for (;;) {
      const kk = tab[2 * i]!;
      if (kk === k || kk === -1) return i;
      i = (i + 1) & mask;
    }
  }

  /** table position of key k, or -1 */
  private find(k: number): number {
    const i = this.probe(k);
    return this.tab[2 * i] === k ? i : -1;
  }

  /** slot of key or -1 */
  get(k: number): number {
    const i = this.probe(k);
    return this.tab[2 * i] === k ? this.tab[2 * i + 1]! : -1;
  }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    const i = this.probe(k);
    if (this.tab[2 * i] === k) return this.tab[2 * i + 1]!;
    let slot: number;
    if (this.nFree > 0) slot = this.free[--this.nFree]!;
    else {
      slot = this.nSlots++;
      if (slot >= this.slotKey.length) {
        const s = new Int32Array(this.slotKey.length * 2).fill(-1);
        s.set(this.slotKey);
        this.slotKey = s;
      }
    }
    this.place(i, k, slot);
    this.size++;
    if (this.size * 4 > (this.mask + 1) * 3) this.rehash((this.mask + 1) * 2); // load factor <= 0.75
    return slot;
  }

  /** Writes key k with its slot at empty table position i. */
  private place(i: number, k: number, slot: number): void {
    this.tab[2 * i] = k;
    this.tab[2 * i + 1] = slot;
    this.slotKey[slot] = k;
  }

  /** Exchanges the slots of two present keys. */
  swapKeys(a: number, b: number): void {
    const ia = this.find(a), ib = this.find(b);
    if (ia < 0 || ib < 0) throw new Error(`swapKeys: key ${ia < 0 ? a : b} absent`);
    const tab = this.tab;
    const sa = tab[2 * ia + 1]!, sb = tab[2 * ib + 1]!;
    tab[2 * ia + 1] = sb;
    tab[2 * ib + 1] = sa;
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** Gives present key a's slot to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    const ia = this.find(a);
    if (ia < 0) throw new Error(`rekey: key ${a} absent`);
    const slot = this.tab[2 * ia + 1]!;
    this.shiftBack(ia);
    const ib = this.probe(b);
    if (this.tab[2 * ib] === b) throw new Error(`rekey: key ${b} present`);
    this.place(ib, b, slot);
  }

  /** highest slot id ever handed out + 1 */
  get slotCount(): number { return this.nSlots; }

  delete(k: number): void {
    const i = this.find(k);
    if (i < 0) return;
    const tab = this.tab;
    const slot = tab[2 * i + 1]!;
    this.slotKey[slot] = -1;
    if (this.nFree >= this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
    this.size--;
    this.shiftBack(i);
  }

  /** Backward-shift deletion of the entry at table position i. */
  private shiftBack(i: number): void {
    const tab = this.tab, mask = this.mask;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const kj = tab[2 * j]!;
      if (kj === -1) break;
      const home = this.h(kj);
      // can kj move to i? yes if home is not cyclically in (i, j]
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        tab[2 * i] = kj;
        tab[2 * i + 1] = tab[2 * j + 1]!;
        i = j;
      }
    }
    tab[2 * i] = -1;
  }

  private rehash(cap: number): void {
    const old = this.tab;
    const tab = new Int32Array(2 * cap).fill(-1);
    this.tab = tab;
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    for (let i = 0; i < old.length; i += 2) {
      const k = old[i]!;
      if (k === -1) continue;
      const j = this.probe(k); // keys are distinct: ends on an empty position
      tab[2 * j] = k;
      tab[2 * j + 1] = old[i + 1]!;
    }
  }

  bytes(): number { return this.tab.byteLength + this.slotKey.byteLength + this.free.byteLength; }
}
