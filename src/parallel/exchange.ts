/**
 * A sector thread's exchange of shared voxels (parallel/sector-worker.ts; moved here unchanged by branch voidsector63 so
 * that a test can drive it on a hand-built sub-box: test/sealed-void-fill-wins.test.ts). A shared voxel is one of a
 * ghost column or of the G own columns next to a domain edge (sectors.ts inBand). Per phase a thread
 *  - notes the shared voxels its events may have changed (`noteChange`: an event's voxel, a hop's landing voxel, a
 *    relabel of its liquid under `sealed_pores: void`; `scanAll` after a kill: every shared voxel is compared),
 *  - writes those whose code differs from the shared lattice as it last wrote or read it (`mirror`) into its change list
 *    (`writeList`: [count, (global index, code) ...], two buffers that alternate by phase),
 *  - and, after the phase's last barrier, takes the other threads' lists (`readLists`: additions of metal first, then the
 *    rest, through PlatingApp.transmute).
 * The one conflict (sealed_pores void): the owner relabelled a liquid voxel of its domain's edge (EMPTY <-> VOID) that
 * this thread's event (a hop's landing, a reduction) filled in the same phase. The fill wins: this thread drops the
 * relabel (`conflicts`), and the owner takes the fill from this thread's list (its transmute relabels around it).
 */
import type { PlatingApp } from '../apps/plating.js';
import { METAL, EMPTY, VOID } from '../lattice/voxel.js';
import { localColumn, type SectorLayout } from './sectors.js';

export class ShareExchange {
  /** per local voxel: its value in the shared lattice as this thread last wrote or read it */
  readonly mirror: Uint8Array;
  /** per local voxel: the phase (phaseNo + 1) in whose change list this thread last wrote it (readLists' one conflict) */
  readonly wrote: Int32Array;
  /** local indices of shared voxels that this thread's events may have changed this phase */
  private changed = new Int32Array(1024);
  private nChanged = 0;
  /** a kill (metal cut off: anywhere in the component): every shared voxel is compared at the next writeList */
  scanAll = false;
  /** phases exchanged so far (the change lists alternate between two buffers by its parity) */
  phaseNo = 0;
  /** sealed_pores void: the owner's relabels of a voxel this thread filled in the same phase, dropped (readLists) */
  conflicts = 0;
  /** metal voxels the app killed while taking other threads' changes */
  kills = 0;
  /** shared voxels taken from other threads */
  taken = 0;
  private readonly adds: number[] = [];
  private readonly others: number[] = [];
  private readonly code: Uint8Array;
  private readonly sub: number;

  /**
   * @param L the layout; `id` this thread's number
   * @param app this thread's plating app over its sub-box (its `code` is the sub-box)
   * @param shared per local column: 1 when shared (sectors.ts inBand)
   * @param gx per local column: its global column (-1: a wall column)
   * @param half Int32 words of one of a change list's two buffers
   */
  constructor(readonly L: SectorLayout, readonly id: number, readonly app: PlatingApp, readonly shared: Uint8Array, readonly gx: Int32Array, readonly half: number) {
    this.code = app.code;
    this.sub = L.subNx;
    this.mirror = this.code.slice();
    this.wrote = new Int32Array(this.code.length);
  }

  /** a shared voxel this thread's event may have changed (others are ignored) */
  noteChange(v: number): void {
    if (this.shared[v % this.sub] === 0) return;
    if (this.nChanged === this.changed.length) { const c2 = new Int32Array(this.changed.length * 2); c2.set(this.changed); this.changed = c2; }
    this.changed[this.nChanged++] = v;
  }

  /** global index of local voxel v */
  globalOf(v: number): number { const lx = v % this.sub, rest = (v - lx) / this.sub; return this.gx[lx]! + this.L.nx * rest; }

  /**
   * Lists the shared voxels this thread changed this phase (index and new code). The lists
   * alternate between two buffers, and a thread can write a buffer again only two phases later,
   * after a barrier that every reader of it has passed.
   */
  writeList(myLog: Int32Array): void {
    const base = (this.phaseNo & 1) * this.half, code = this.code, mirror = this.mirror, half = this.half;
    let n = 0;
    const write = (v: number) => {
      const c = code[v]!;
      if (c === mirror[v]) return;
      mirror[v] = c;
      this.wrote[v] = this.phaseNo + 1;
      if (2 * n + 3 >= half) throw new Error('sector scheme: change list full (lower engine.windowEvents)');
      myLog[base + 1 + 2 * n] = this.globalOf(v);
      myLog[base + 2 + 2 * n] = c;
      n++;
    };
    if (this.scanAll) {
      // a kill: every shared voxel is compared with the shared lattice's value
      const { ny, nz } = this.L, sub = this.sub;
      for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let lx = 1; lx < sub - 1; lx++) if (this.shared[lx]) write(lx + sub * (y + ny * z));
      this.scanAll = false;
    } else for (let i = 0; i < this.nChanged; i++) write(this.changed[i]!);
    this.nChanged = 0;
    myLog[base] = n;
  }

  /** takes the shared voxels the other threads changed this phase from their lists (after the phase's last barrier) */
  readLists(otherLogs: readonly (Int32Array | null)[]): void {
    const base = (this.phaseNo & 1) * this.half, code = this.code, mirror = this.mirror, app = this.app;
    const adds = this.adds, others = this.others, nx = this.L.nx, sub = this.sub;
    adds.length = 0; others.length = 0;
    for (const log of otherLogs) {
      if (log === null) continue;
      const m = log[base]!;
      for (let i = 0; i < m; i++) {
        const gi: number = log[base + 1 + 2 * i]!, gcol = gi % nx, lx = localColumn(this.L, this.id, gcol);
        if (lx < 0) continue;
        const v = lx + sub * ((gi - gcol) / nx), c = log[base + 2 + 2 * i]!;
        if (code[v] === c) { mirror[v] = c; continue; }
        // sealed_pores void: the owner relabelled a liquid voxel of its domain's edge that this thread's event (a hop's
        // landing) filled in the same phase: the fill wins, the owner takes it from this thread's list
        if ((c === EMPTY || c === VOID) && code[v] !== EMPTY && code[v] !== VOID && this.wrote[v] === this.phaseNo + 1 && app.liquid !== null) { this.conflicts++; continue; }
        mirror[v] = c;
        (c === METAL ? adds : others).push(v, c);
      }
    }
    // additions first: no intermediate state cuts off metal that the final state connects
    const dead0 = app.deadCount;
    for (let i = 0; i < adds.length; i += 2) if (code[adds[i]!] !== adds[i + 1]) this.kills += app.transmute(adds[i]!, adds[i + 1]!);
    for (let i = 0; i < others.length; i += 2) if (code[others[i]!] !== others[i + 1]) this.kills += app.transmute(others[i]!, others[i + 1]!);
    if (app.deadCount !== dead0) this.scanAll = true; // a kill in a shared voxel is written at the next exchange
    this.taken += (adds.length + others.length) / 2;
    this.phaseNo++;
  }
}
