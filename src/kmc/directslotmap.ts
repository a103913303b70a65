/**
 * Voxel -> slot map whose slots are the voxels' own places in a pool of pages (issue 11, seventh
 * round): the lattice's voxel indices are cut into pages of PAGE consecutive voxels (a stretch of
 * one row); a page that holds a key gets a pool page, and voxel k's slot is its page's offset plus
 * k mod PAGE. So the slot (and the solver's entity ids 2 slot, 2 slot + 1) follows from the voxel
 * by two array reads, and the event-table entries of voxels side by side in a row lie side by
 * side in the solver's tables. A page whose last key leaves goes back to a free list.
 *
 * Slots are not handed out in SlotMap's order here, and a key keeps its slot for good: moving a
 * key's events to another key (swapKeys, rekey: a hopping atom takes its events with it) is done
 * by renaming the entities inside the solver (ClassSolver.swapEntities: each keeps its class and
 * its place in its class's member list). The solver draws a member by its place in the list, and
 * every place moves exactly as with the other maps, so every fixed-seed trajectory is the same.
 * The entity renames go through `mover`, which the app sets to its solver.
 *
 * Memory: 4 / PAGE bytes per voxel of the lattice (the page table), and per pool page 4 x PAGE
 * (slot -> key) + 4; the solver's entity table covers every slot of the pool (16 bytes per slot).
 */
import type { VoxelSlots } from './slotmap.js';

const PAGE_BITS = 4;
/** voxels per page */
export const DIRECT_PAGE = 1 << PAGE_BITS;
const PAGE_MASK = DIRECT_PAGE - 1;

/** What the map needs of the solver: renaming entities (both of a slot's two). */
export interface EntityMover {
  /** exchanges the events (class and place in the class's list) of entities a and b */
  swapEntities(a: number, b: number): void;
}

export class DirectSlotMap implements VoxelSlots {
  /** per page of the lattice: offset of its slots in the pool, or -1 */
  private readonly pageOf: Int32Array;
  /** slot -> key (voxel index), -1 when the key holds no event (or its page is free) */
  slotKey: Int32Array;
  /** keys present in each pool page */
  private pageCount: Int32Array;
  private freePages: Int32Array;
  private nFreePages = 0;
  private nPages = 0;
  private readonly n: number;
  size = 0;
  mover: EntityMover | null = null;

  /** n: voxels in the lattice (keys lie in 0..n-1) */
  constructor(n: number) {
    if (!(Number.isInteger(n) && n > 0)) throw new Error(`DirectSlotMap: voxel count must be a positive integer, got ${n}`);
    this.n = n;
    this.pageOf = new Int32Array((n + DIRECT_PAGE - 1) >> PAGE_BITS).fill(-1);
    this.slotKey = new Int32Array(256 * DIRECT_PAGE).fill(-1);
    this.pageCount = new Int32Array(256);
    this.freePages = new Int32Array(64);
  }

  /** slot of key or -1 when the key holds no event */
  get(k: number): number {
    const p = this.pageOf[k >> PAGE_BITS]!;
    if (p < 0) return -1;
    const s = p + (k & PAGE_MASK);
    return this.slotKey[s] === k ? s : -1;
  }

  /** the slot key k would have, or -1 when its page is not in use (a slot of an absent key holds no event) */
  slotOf(k: number): number {
    const p = this.pageOf[k >> PAGE_BITS]!;
    return p < 0 ? -1 : p + (k & PAGE_MASK);
  }

  /** slot of key, making it present */
  getOrAdd(k: number): number {
    let p = this.pageOf[k >> PAGE_BITS];
    if (p === undefined || k < 0) throw new Error(`DirectSlotMap: key ${k} outside 0..${this.n - 1}`);
    if (p < 0) p = this.newPage(k >> PAGE_BITS);
    const s = p + (k & PAGE_MASK);
    if (this.slotKey[s] !== k) {
      this.slotKey[s] = k;
      this.pageCount[p >> PAGE_BITS]!++;
      this.size++;
    }
    return s;
  }

  delete(k: number): void {
    const p = this.pageOf[k >> PAGE_BITS];
    if (p === undefined || p < 0) return;
    const s = p + (k & PAGE_MASK);
    if (this.slotKey[s] !== k) return;
    this.slotKey[s] = -1;
    this.size--;
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

  /** Exchanges the events of two present keys. */
  swapKeys(a: number, b: number): void {
    const sa = this.get(a), sb = this.get(b);
    if (sa < 0 || sb < 0) throw new Error(`swapKeys: key ${sa < 0 ? a : b} absent`);
    const m = this.mover!;
    m.swapEntities(2 * sa, 2 * sb);
    m.swapEntities(2 * sa + 1, 2 * sb + 1);
  }

  /** Gives present key a's events to absent key b (a is removed). */
  rekey(a: number, b: number): void {
    if (this.get(a) < 0) throw new Error(`rekey: key ${a} absent`);
    if (this.get(b) >= 0) throw new Error(`rekey: key ${b} present`);
    const sb = this.getOrAdd(b), sa = this.get(a); // (b's page first: a's page is not freed before)
    const m = this.mover!;
    m.swapEntities(2 * sa, 2 * sb);
    m.swapEntities(2 * sa + 1, 2 * sb + 1);
    this.delete(a);
  }

  /** slots in the pool (every slot id is below this) */
  get slotCount(): number { return this.nPages * DIRECT_PAGE; }

  /** pool pages in use now */
  get pagesInUse(): number { return this.nPages - this.nFreePages; }

  /** Bytes of the voxel index (page table and page counts), without slot -> key. */
  indexBytes(): number { return this.pageOf.byteLength + this.pageCount.byteLength + this.freePages.byteLength; }

  bytes(): number { return this.indexBytes() + this.slotKey.byteLength; }

  /** Gives lattice page `page` a pool page (a free one, else a new one); returns its offset. */
  private newPage(page: number): number {
    let pp: number;
    if (this.nFreePages > 0) pp = this.freePages[--this.nFreePages]!;
    else {
      pp = this.nPages++;
      if (pp >= this.pageCount.length) {
        const sk = new Int32Array(this.slotKey.length * 2).fill(-1);
        sk.set(this.slotKey);
        this.slotKey = sk;
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
