/**
 * Voxel -> slot map by direct indexing over pages (issue 11, target 4: memory). The lattice's
 * voxel indices are cut into pages of PAGE consecutive voxels (a stretch of one row); a page
 * table (4 bytes per PAGE voxels) gives each page's offset in a pool of slot pages, or -1 when no
 * voxel of the page holds an event. A lookup is two array reads, no probing or hashing (as the
 * band map, kmc/bandslotmap.ts, whose table spans every layer between the lowest and the highest
 * voxel that ever held an event: 4 bytes per voxel of that band, 0.8 MB on the film benchmark).
 * Here only the pages that hold a key now take room: a page whose last key leaves goes back to
 * a free list (its entries are all -1 again, so it is reused without clearing).
 *
 * Slots are handed out exactly as SlotMap and BandSlotMap hand them out (a LIFO free list, else
 * the next new slot), so the slot of every key, and with it the solver's entity ids and every
 * fixed-seed trajectory, are the same with any of the three maps.
 *
 * Memory: 4 / PAGE bytes per voxel of the lattice (the page table), 4 x PAGE + 4 bytes per page
 * in use, and the slot arrays (4 bytes per slot each).
 */
import type { VoxelSlots } from './slotmap.js';

const PAGE_BITS = 5;
/** voxels per page */
export const PAGE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE - 1;

export class PagedSlotMap implements VoxelSlots {
  /** per page of the lattice: offset of its slots in `pool`, or -1 */
  private readonly pageOf: Int32Array;
  /** slot pages: slot of voxel (page << PAGE_BITS) + j at pageOf[page] + j, -1 when absent */
  private pool: Int32Array;
  /** keys present in each pool page (by pool page number) */
  private pageCount: Int32Array;
  /** pool pages free for reuse (pool page numbers), all their entries -1 */
  private freePages: Int32Array;
  private nFreePages = 0;
  /** pool pages handed out so far (in use or free) */
  private nPages = 0;
  private readonly n: number;
  size = 0;
  /** slot -> key (voxel index), -1 when free */
  slotKey: Int32Array;
  private free: Int32Array;
  private nFree = 0;
  private nSlots = 0;

  /** n: voxels in the lattice (keys lie in 0..n-1) */
  constructor(n: number) {
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`PagedSlotMap: voxel count must be a positive integer, got ${n}`);
    this.n = n;
    this.pageOf = new Int32Array((n + PAGE - 1) >> PAGE_BITS).fill(-1);
    this.pool = new Int32Array(64 * PAGE).fill(-1);
    this.pageCount = new Int32Array(64);
    this.freePages = new Int32Array(64);
    this.slotKey = new Int32Array(1024).fill(-1);
    this.free = new Int32Array(1024);
  }

  /** slot of key or -1 */
  get(k: number): number {
    const p = this.pageOf[k >> PAGE_BITS]!;
    return p < 0 ? -1 : this.pool[p + (k & PAGE_MASK)]!;
  }

  slotOf(k: number): number { return this.get(k); }

  /** slot of key, allocating one if absent */
  getOrAdd(k: number): number {
    let p = this.pageOf[k >> PAGE_BITS];
    if (p === undefined || k < 0) throw new Error(`PagedSlotMap: key ${k} outside 0..${this.n - 1}`);
    if (p < 0) p = this.newPage(k >> PAGE_BITS);
    const i = p + (k & PAGE_MASK);
    const s = this.pool[i]!;
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
    this.pool[i] = slot;
    this.pageCount[p >> PAGE_BITS]!++;
    this.slotKey[slot] = k;
    this.size++;
    return slot;
  }

  delete(k: number): void {
    const p = this.pageOf[k >> PAGE_BITS];
    if (p === undefined || p < 0) return;
    const i = p + (k & PAGE_MASK);
    const slot = this.pool[i]!;
    if (slot < 0) return;
    this.pool[i] = -1;
    this.slotKey[slot] = -1;
    if (this.nFree >= this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
    this.size--;
    this.dropKey(k, p);
  }

  /** Exchanges the slots of two present keys. */
  swapKeys(a: number, b: number): void {
    const ia = this.indexOf(a), ib = this.indexOf(b);
    const sa = ia < 0 ? -1 : this.pool[ia]!, sb = ib < 0 ? -1 : this.pool[ib]!;
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    this.pool[ia] = sb;
    this.pool[ib] = sa;
    this.slotKey[sa] = b;
    this.slotKey[sb] = a;
  }

  /** Gives present key a's slot to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    const ia = this.indexOf(a);
    const slot = ia < 0 ? -1 : this.pool[ia]!;
    if (slot < 0) throw new Error(`rekey: key ${a} absent`);
    let pb = this.pageOf[b >> PAGE_BITS];
    if (pb === undefined || b < 0) throw new Error(`PagedSlotMap: key ${b} outside 0..${this.n - 1}`);
    if (pb < 0) pb = this.newPage(b >> PAGE_BITS);
    const ib = pb + (b & PAGE_MASK);
    if (this.pool[ib]! >= 0) throw new Error(`rekey: key ${b} present`);
    this.pool[ib] = slot;
    this.pageCount[pb >> PAGE_BITS]!++;
    this.slotKey[slot] = b;
    // a's page may be b's: a's entry is cleared after b's page was counted, so it is never freed in between
    this.pool[ia] = -1;
    this.dropKey(a, this.pageOf[a >> PAGE_BITS]!);
  }

  /** highest slot id ever handed out + 1 */
  get slotCount(): number { return this.nSlots; }

  /** pool pages in use now */
  get pagesInUse(): number { return this.nPages - this.nFreePages; }

  /** Bytes of the voxel index alone (page table and pool), without the slot arrays. */
  indexBytes(): number { return this.pageOf.byteLength + this.pool.byteLength + this.pageCount.byteLength + this.freePages.byteLength; }

  bytes(): number { return this.indexBytes() + this.slotKey.byteLength + this.free.byteLength; }

  /** index of key k's entry in the pool, or -1 when its page is not in use */
  private indexOf(k: number): number {
    const p = this.pageOf[k >> PAGE_BITS];
    return p === undefined || p < 0 ? -1 : p + (k & PAGE_MASK);
  }

  /** after key k (on the pool page at offset p) left: frees the page when it was its last key */
  private dropKey(k: number, p: number): void {
    const pp = p >> PAGE_BITS;
    if (--this.pageCount[pp]! > 0) return;
    this.pageOf[k >> PAGE_BITS] = -1;
    if (this.nFreePages >= this.freePages.length) {
      const f = new Int32Array(this.freePages.length * 2);
      f.set(this.freePages);
      this.freePages = f;
    }
    this.freePages[this.nFreePages++] = pp;
  }

  /** Gives lattice page `page` a pool page (a free one, else a new one); returns its offset. */
  private newPage(page: number): number {
    let pp: number;
    if (this.nFreePages > 0) pp = this.freePages[--this.nFreePages]!;
    else {
      pp = this.nPages++;
      if (pp * PAGE >= this.pool.length) {
        const pool = new Int32Array(this.pool.length * 2).fill(-1);
        pool.set(this.pool);
        this.pool = pool;
        const pc = new Int32Array(this.pageCount.length * 2);
        pc.set(this.pageCount);
        this.pageCount = pc;
      }
    }
    const off = pp << PAGE_BITS;
    this.pageOf[page] = off;
    return off;
  }
}
