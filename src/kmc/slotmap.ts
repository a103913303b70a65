/**
 * Integer -> slot map for the active (surface) voxels: open addressing with linear probing
 * and backward-shift deletion (no tombstones), typed arrays only. Keeps per-voxel memory at the
 * lattice's own byte(s) while the event tables grow with the surface, not the volume.
 */
export class SlotMap {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;
  /** slot -> key (voxel index), -1 when free */
  slotKey: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nSlots = 0;

  constructor(capacityPow2 = 1 << 12) {
    this.keys = new Int32Array(capacityPow2).fill(-1);
    this.vals = new Int32Array(capacityPow2);
    this.mask = capacityPow2 - 1;
    this.shift = 32 - Math.log2(capacityPow2);
    this.slotKey = new Int32Array(1024).fill(-1);
    this.free = new Int32Array(1024);
  }

  private h(k: number): number { return Math.imul(k, 0x9e3779b1) >>> this.shift; }

  /** slot of key or -1 */
  get(k: number): number {
    const keys = this.keys, mask = this.mask;
    let i = this.h(k);
    for (;;) {
      const kk = keys[i]!;
      if (kk === k) return this.vals[i]!;
      if (kk === -1) return -1;
      i = (i + 1) & mask;
    }
  }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    const keys = this.keys, mask = this.mask;
    let i = this.h(k);
    for (;;) {
      const kk = keys[i]!;
      if (kk === k) return this.vals[i]!;
      if (kk === -1) break;
      i = (i + 1) & mask;
    }
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
    keys[i] = k;
    this.vals[i] = slot;
    this.slotKey[slot] = k;
    this.size++;
    if (this.size * 4 > this.keys.length * 3) this.rehash(this.keys.length * 2); // load factor <= 0.75
    return slot;
  }

  /** highest slot id ever handed out + 1 */
  get slotCount(): number { return this.nSlots; }

  delete(k: number): void {
    const keys = this.keys, vals = this.vals, mask = this.mask;
    let i = this.h(k);
    for (;;) {
      const kk = keys[i]!;
      if (kk === -1) return;
      if (kk === k) break;
      i = (i + 1) & mask;
    }
    const slot = vals[i]!;
    this.slotKey[slot] = -1;
    if (this.nFree >= this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
    this.size--;
    // backward-shift deletion
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const kj = keys[j]!;
      if (kj === -1) break;
      const home = this.h(kj);
      // can kj move to i? yes if home is not cyclically in (i, j]
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        keys[i] = kj;
        vals[i] = vals[j]!;
        i = j;
      }
    }
    keys[i] = -1;
  }

  private rehash(cap: number): void {
    const oldK = this.keys, oldV = this.vals;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    for (let i = 0; i < oldK.length; i++) {
      const k = oldK[i]!;
      if (k === -1) continue;
      let j = this.h(k);
      while (this.keys[j] !== -1) j = (j + 1) & this.mask;
      this.keys[j] = k;
      this.vals[j] = oldV[i]!;
    }
  }

  bytes(): number { return this.keys.byteLength + this.vals.byteLength + this.slotKey.byteLength + this.free.byteLength; }
}
