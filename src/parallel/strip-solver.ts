/**
 * Event selection per strip for the sector scheme (issue 11 target 3, third round). A thread's
 * sub-box holds two strips and the ghost columns; in a phase only the active strip's events may
 * fire. Until the second round a phase drew from the whole sub-box's solver and rejected the
 * draws outside the strip (thinning: exact in distribution, but 1.2-1.5 rejected draws per event
 * run). Here every event is also filed under its region (strip 0, strip 1, or the rest: ghost and
 * wall columns) in a solver of the region's own, with the same rate classes, so a phase draws from
 * its strip's solver: the same process (the strip's events at their rates), no rejections, and
 * the strip's own rate sets the clock. The draws differ from thinning's, so the trajectory of a
 * seed differs from the second round's; the statistics do not.
 *
 * Two things move an event between regions: a change of its class (ClassSolver.set: filed under
 * the region of its slot's voxel) and a change of the voxel its slot stands for (the plating app
 * relabels slots when an atom hops: VoxelSlots.rekey and swapKeys, StripSlotMap below). The app
 * itself is unchanged: it is given these two in place of its default solver and slot map.
 *
 * The regions' solvers hold the events; the base class keeps only the class ids (addClass) and
 * the entity capacity: its own member lists and sums stay empty (keeping them as well cost about as
 * much as the regions' own bookkeeping). A one-phase control (`oneStrip`) uses a single region.
 */
import { ClassSolver, type ChannelSpec } from '../kmc/solver.js';
import { BandSlotMap } from '../kmc/bandslotmap.js';
import type { VoxelSlots } from '../kmc/slotmap.js';

const NONE = -1;

export class StripSolver extends ClassSolver {
  /** one solver per region, the same classes in the same order; regions 0 and 1 are the strips */
  readonly parts: ClassSolver[];
  /** region each entity is filed under (-1: none) */
  private filed: Int8Array;
  /** class of each entity (-1: none) */
  private cls: Int32Array;
  private slots: VoxelSlots | null = null;

  /**
   * regionOfCol[lx]: the region of local column lx (0 .. regions - 1); sub: columns of the sub-box
   * (voxel v lies in column v % sub)
   */
  constructor(channels: readonly ChannelSpec[], initialEntities: number, private readonly regionOfCol: Uint8Array | Uint16Array, private readonly sub: number) {
    super(channels, initialEntities);
    let regions = 0;
    for (let i = 0; i < regionOfCol.length; i++) regions = Math.max(regions, regionOfCol[i]! + 1);
    this.parts = Array.from({ length: regions }, () => new ClassSolver(channels, initialEntities));
    this.filed = new Int8Array(this.entityCapacity).fill(NONE);
    this.cls = new Int32Array(this.entityCapacity).fill(NONE);
  }

  /** The slot map whose slotKey says which voxel an entity's slot stands for (before any event is set). */
  attach(slots: VoxelSlots): void { this.slots = slots; }

  /** region of voxel v */
  regionOf(v: number): number { return this.regionOfCol[v % this.sub]!; }

  override addClass(rate: number, channel: number): number {
    const c = super.addClass(rate, channel);
    for (const p of this.parts) if (p.addClass(rate, channel) !== c) throw new Error('StripSolver: class ids out of step');
    return c;
  }

  override ensureEntities(n: number): void {
    super.ensureEntities(n);
    for (const p of this.parts) p.ensureEntities(n);
    if (this.filed.length < this.entityCapacity) {
      const f = new Int8Array(this.entityCapacity).fill(NONE); f.set(this.filed); this.filed = f;
      const k = new Int32Array(this.entityCapacity).fill(NONE); k.set(this.cls); this.cls = k;
    }
  }

  override classOf(e: number): number { return this.cls[e]!; }

  /** the sum over the regions (the app's A, B and hop sums: PlatingApp.sums) */
  override channelBase(ch: number): number {
    let s = 0;
    for (const p of this.parts) s += p.channelBase(ch);
    return s;
  }

  override select(): number { throw new Error('StripSolver: draw from a region (parts[r].select)'); }

  override bytes(): number {
    let b = super.bytes() + this.filed.byteLength + this.cls.byteLength;
    for (const p of this.parts) b += p.bytes();
    return b;
  }

  override set(e: number, c: number): void {
    const cls = this.cls;
    if (cls[e] === c) return;
    cls[e] = c;
    const f = this.filed[e]!;
    if (c === NONE) { this.parts[f]!.set(e, NONE); this.filed[e] = NONE; return; }
    const r = this.regionOfCol[this.slots!.slotKey[e >> 1]! % this.sub]!;
    if (f === r) { this.parts[r]!.set(e, c); return; }
    if (f !== NONE) this.parts[f]!.set(e, NONE);
    this.parts[r]!.set(e, c);
    this.filed[e] = r;
  }

  /** After slot s was given to another voxel: files its two events under that voxel's region. */
  refile(s: number): void {
    const r = this.regionOfCol[this.slots!.slotKey[s]! % this.sub]!;
    for (let e = 2 * s; e < 2 * s + 2; e++) {
      const f = this.filed[e]!;
      if (f === NONE || f === r) continue;
      const c = this.classOf(e);
      this.parts[f]!.set(e, NONE);
      this.parts[r]!.set(e, c);
      this.filed[e] = r;
    }
  }

  override resum(): void {
    for (const p of this.parts) p.resum();
  }

  /** Copies the channel multipliers (the overpotential's: apps/channels.ts applyOverpotential) to the regions' solvers. */
  syncMult(): void {
    for (const p of this.parts) p.mult.set(this.mult);
  }

  /**
   * (checks) Every entity filed under its voxel's region with its class, and the regions' running
   * sums equal to a recomputation within rounding; returns the first discrepancy or null.
   */
  check(): string | null {
    const keys = this.slots!.slotKey;
    for (let s = 0; s < this.slots!.slotCount; s++) for (let e = 2 * s; e < 2 * s + 2; e++) {
      const c = this.classOf(e), f = this.filed[e]!;
      if (c === NONE) {
        if (f !== NONE) return `entity ${e}: no class but filed under region ${f}`;
        continue;
      }
      const r = this.regionOf(keys[s]!);
      if (f !== r) return `entity ${e} (voxel ${keys[s]}): filed under region ${f}, its voxel lies in region ${r}`;
      for (let k = 0; k < this.parts.length; k++) {
        const ck = this.parts[k]!.classOf(e);
        if (ck !== (k === r ? c : NONE)) return `entity ${e}: class ${ck} in region ${k}, expected ${k === r ? c : NONE}`;
      }
    }
    const perChannel = new Int32Array(this.nChannels);
    for (let e = 0; e < 2 * this.slots!.slotCount; e++) if (this.cls[e]! !== NONE) perChannel[this.channelOf[this.cls[e]!]!]!++;
    for (let ch = 0; ch < this.nChannels; ch++) {
      let total = 0;
      let maxRate = 0;
      for (let c = 0; c < this.nClasses; c++) if (this.channelOf[c] === ch) maxRate = Math.max(maxRate, this.rate[c]!);
      for (const p of this.parts) {
        // running sums drift by rounding (resummed every 65,536 events): within 1e-6 of the largest class rate
        const exact = p.channelBase(ch);
        if (Math.abs(p.sum[ch]! - exact) > 1e-6 * Math.max(exact, maxRate)) return `channel ${ch}: running sum ${p.sum[ch]} against ${exact} recomputed`;
        total += p.chCount[ch]!;
      }
      if (total !== perChannel[ch]) return `channel ${ch}: ${total} events in the regions against ${perChannel[ch]} with a class`;
    }
    return null;
  }
}

/** The band slot map (kmc/bandslotmap.ts, the app's default) that tells a StripSolver when a slot moves to another voxel. */
export class StripSlotMap extends BandSlotMap {
  constructor(nxy: number, n: number, private readonly solver: StripSolver) { super(nxy, n); }

  override swapKeys(a: number, b: number): void {
    super.swapKeys(a, b);
    if (this.solver.regionOf(a) !== this.solver.regionOf(b)) { this.solver.refile(this.get(a)); this.solver.refile(this.get(b)); }
  }

  override rekey(a: number, b: number): void {
    super.rekey(a, b);
    if (this.solver.regionOf(a) !== this.solver.regionOf(b)) this.solver.refile(this.get(b));
  }
}
