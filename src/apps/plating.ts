/**
 * The plating app: what events exist on a SAC-decorated host and at what rates
 * (MODEL.md sections 2-4). The solver (kmc/solver.ts) only draws; the electrochemistry
 * (electrochem/galvanostat.ts) only solves for the overpotential. This file is the physics.
 *
 * Events (rates at eta = 0; the solver's channel multipliers add exp(alpha f eta) to
 * reductions and exp(-(1 - alpha) f eta) to oxidations):
 *  - reduction into an empty voxel s touching a conducting solid:
 *      k0 * exp(-E_red(s)/kT), E_red(s) = barrier shift of the most catalytic neighbour
 *      (metal 0, host/SAC their redShift), k0 = i0 * a^2 / q (the metal's exchange rate per site)
 *  - oxidation of a connected metal voxel with an electrolyte neighbour:
 *      k0 * exp(-(E_red(s) + E_bond(s) - E_kink)/kT), E_bond = sum of its bonds, E_kink = 3 * bond
 *  - surface hop of a metal voxel to an empty neighbour that keeps a solid contact:
 *      nu * exp(-(E_d(support) + n_lat * E_n [+ E_ES if stepping down an edge])/kT)
 *    (Clarke-Vvedensky bond counting). All hops of one atom are one entity whose class is
 *    (support, n_lat, number of plain moves, number of step-down moves); the direction is drawn
 *    when the event fires.
 *
 * Memory: one byte of voxel code and one byte of solid-neighbour count per voxel; event tables
 * (hash slot map + solver entries) only for surface voxels.
 */
import { ClassSolver } from '../kmc/solver.js';
import { Rng } from '../kmc/rng.js';
import { CubicLattice, DIRS } from '../kmc/lattice.js';
import { SlotMap } from '../kmc/slotmap.js';
import { EMPTY, METAL, DEAD, HOST_BASE, SAC_BASE, isSubstrate } from '../lattice/voxel.js';
import { Connectivity } from './connectivity.js';

export const CH_RED = 0;
export const CH_OX = 1;
export const CH_HOP = 2;

/** Numbers the app needs, all in eV, 1/s, K. */
export interface PlatingPhysics {
  kT_eV: number;
  /** exchange rate per surface site of the metal on itself, 1/s */
  k0_per_s: number;
  /** hop attempt frequency, 1/s */
  nuHop_per_s: number;
  bond_eV: number; // metal-metal
  lateralBond_eV: number; // E_n
  schwoebel_eV: number;
  terraceBarrierMetal_eV: number;
  /** validation switch: no oxidation and no detachment (irreversible aggregation, Eden growth) */
  irreversible?: boolean;
  /**
   * Reduction rule: 'per-site' (default: every empty voxel touching a solid has the rate of its most
   * catalytic neighbour) or 'per-bond' (that rate times the number of solid neighbours: more contact,
   * more charge transfer). Both are Eden-like growth rules; the per-bond one has much smaller
   * corrections to KPZ scaling (Jullien and Botet 1985 on Eden-model variants).
   */
  reduction?: 'per-site' | 'per-bond';
  /** per substrate code (host/SAC): binding, reduction shift, hop barrier when supporting an atom */
  substrate: Map<number, { binding_eV: number; redShift_eV: number; terraceBarrier_eV: number; conducting: boolean }>;
}

export interface PlatingCounters {
  reductions: number;
  oxidations: number;
  hops: number;
  /** reductions that started a new nucleus: first-layer site with no metal neighbour */
  nucleations: number;
  nucleationsOnSac: number;
  /** hops rejected because they would cut metal off from the collector (see execute) */
  rejectedHops: number;
}

const NO_CLASS = -1;

export class PlatingApp {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  /** number of solid (non-empty) neighbours of each voxel */
  readonly nbs: Uint8Array;
  readonly solver: ClassSolver;
  readonly slots: SlotMap;
  readonly rng: Rng;
  readonly phys: PlatingPhysics;
  readonly counters: PlatingCounters = { reductions: 0, oxidations: 0, hops: 0, nucleations: 0, nucleationsOnSac: 0, rejectedHops: 0 };
  /** metal voxels in the lattice (connected + dead) */
  metalCount = 0;
  /** dead metal voxels (cut off from the collector; see apps/connectivity.ts) */
  deadCount = 0;
  /** electronic connectivity (null in irreversible validation runs, which never strip) */
  readonly conn: Connectivity | null;
  private readonly deadBuf: number[] = [];

  // per-code tables
  private readonly shiftOf = new Float64Array(256).fill(Infinity); // reduction shift; Infinity = not catalytic
  private readonly bindOf = new Float64Array(256); // bond of a metal atom to this neighbour
  private readonly hopBaseOf = new Float64Array(256); // E_d with this as support
  private readonly redClassOf = new Int32Array(256).fill(NO_CLASS);
  private readonly oxClasses = new Map<number, number>();
  /** material index (0..7) of each code for the oxidation signature cache; -1 = not cached */
  private readonly typeIndexOf = new Int8Array(256).fill(-1);
  private readonly oxCacheKey = new Int32Array(65536).fill(-1);
  private readonly oxCacheVal = new Int32Array(65536);
  private readonly hopClassTable: Int32Array; // (support*8 + nLat)*64 + nPlain*8 + nEs
  private readonly nbBuf = new Int32Array(6);
  private readonly nbBuf2 = new Int32Array(6);
  private readonly nbBuf3 = new Int32Array(6);
  private readonly hopW = new Float64Array(6);
  private readonly hopT = new Int32Array(6);
  /** irreversible aggregation (validation runs): no oxidation, atoms with a lateral bond never move */
  readonly irreversible: boolean;
  /** reduction rate proportional to the number of solid neighbours (see PlatingPhysics.reduction) */
  readonly perBond: boolean;
  private readonly redPerBond = new Int32Array(256 * 8).fill(NO_CLASS);
  /** highest z that metal has reached */
  maxMetalZ = -1;
  private readonly eKink: number;
  private readonly esFactor: number;

  constructor(lat: CubicLattice, code: Uint8Array, phys: PlatingPhysics, rng: Rng) {
    this.lat = lat;
    this.code = code;
    this.phys = phys;
    this.rng = rng;
    this.irreversible = phys.irreversible === true;
    this.perBond = phys.reduction === 'per-bond';
    this.nbs = new Uint8Array(lat.n);
    this.solver = new ClassSolver(3, 4096);
    this.slots = new SlotMap(1 << 12);
    this.eKink = 3 * phys.bond_eV;
    this.esFactor = Math.exp(-phys.schwoebel_eV / phys.kT_eV);
    // code tables
    this.shiftOf[METAL] = 0;
    this.bindOf[METAL] = phys.bond_eV;
    this.bindOf[DEAD] = phys.bond_eV; // bonds to dead metal still bind (it is metal), but it does not conduct
    this.hopBaseOf[METAL] = phys.terraceBarrierMetal_eV;
    this.hopBaseOf[DEAD] = phys.terraceBarrierMetal_eV;
    for (const [c, s] of phys.substrate) {
      this.shiftOf[c] = s.conducting ? s.redShift_eV : Infinity;
      this.bindOf[c] = s.binding_eV;
      this.hopBaseOf[c] = s.terraceBarrier_eV;
    }
    this.hopClassTable = new Int32Array(256 * 8 * 64).fill(NO_CLASS);
    {
      let ti = 0;
      this.typeIndexOf[METAL] = ti++;
      this.typeIndexOf[DEAD] = ti++;
      for (const c of phys.substrate.keys()) if (ti < 8) this.typeIndexOf[c] = ti++;
    }
    // reduction classes: one per catalytic code
    for (let c = 0; c < 256; c++) {
      if (Number.isFinite(this.shiftOf[c]!)) {
        this.redClassOf[c] = this.solver.addClass(phys.k0_per_s * Math.exp(-this.shiftOf[c]! / phys.kT_eV), CH_RED);
      }
    }
    // neighbour counts and initial events
    const nb = this.nbBuf;
    for (let i = 0; i < lat.n; i++) {
      lat.neighbors(i, nb);
      let s = 0;
      for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] !== EMPTY) s++; }
      this.nbs[i] = s;
      if (code[i] === METAL || code[i] === DEAD) this.metalCount++;
      if (code[i] === DEAD) this.deadCount++;
    }
    const conducting: number[] = [];
    for (const [c, s] of phys.substrate) if (s.conducting) conducting.push(c);
    this.conn = this.irreversible ? null : new Connectivity(lat, code, conducting);
    for (let i = 0; i < lat.n; i++) {
      const c = code[i]!;
      if (c === EMPTY) { if (this.nbs[i]! > 0) this.refreshFaradaic(i); }
      else if (c === METAL) { this.refreshFaradaic(i); this.refreshHop(i); }
    }
  }

  // ---- entity bookkeeping: entity = slot * 2 + (0 faradaic | 1 hop)

  private setEntity(v: number, kind: 0 | 1, cls: number): void {
    const slots = this.slots;
    if (cls === NO_CLASS) {
      const slot = slots.get(v);
      if (slot < 0) return;
      const e = slot * 2 + kind;
      this.solver.set(e, NO_CLASS);
      if (this.solver.classOf(slot * 2 + (1 - kind)) === NO_CLASS) slots.delete(v);
      return;
    }
    const slot = slots.getOrAdd(v);
    const e = slot * 2 + kind;
    if (e + 2 > this.solver.entityCapacity) this.solver.ensureEntities(e + 2);
    this.solver.set(e, cls);
  }

  /** Recomputes the reduction/oxidation event of voxel v. */
  refreshFaradaic(v: number): void { this.setEntity(v, 0, this.faradaicClass(v)); }

  /** Class of the reduction (empty v) or oxidation (metal v) event of voxel v, or -1. */
  faradaicClass(v: number): number {
    const code = this.code;
    const c = code[v]!;
    const nb = this.nbBuf2;
    if (c === EMPTY) {
      if (this.nbs[v] === 0) return NO_CLASS;
      this.lat.neighbors(v, nb);
      let best = Infinity, bestCode = -1;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        const s = this.shiftOf[code[t]!]!;
        if (s < best) { best = s; bestCode = code[t]!; }
      }
      if (bestCode < 0) return NO_CLASS;
      return this.perBond ? this.redClassPerBond(bestCode, this.nbs[v]!) : this.redClassOf[bestCode]!;
    }
    if (c === METAL) {
      if (this.nbs[v] === 6 || this.irreversible) return NO_CLASS; // buried: no electrolyte contact
      this.lat.neighbors(v, nb);
      // Fast path: the oxidation energy depends only on the multiset of neighbour codes, so a
      // packed count signature (3 bits per material) indexes a direct-mapped cache of classes.
      // (A voxel on the closed z = 0 boundary is not cached: its missing neighbour is neither
      // solid nor electrolyte, and "5 solid + boundary" must not share a key with "5 solid + 1 empty".)
      let sig = 0, fast = true;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) { fast = false; break; }
        const ct = code[t]!;
        if (ct === EMPTY) continue;
        const ti = this.typeIndexOf[ct]!;
        if (ti < 0) { fast = false; break; }
        sig += 1 << (3 * ti);
      }
      if (fast && sig !== 0 && this.nbs[v]! < 6) {
        const h = (sig ^ (sig >>> 12)) & 0xffff;
        if (this.oxCacheKey[h] === sig) return this.oxCacheVal[h]!;
        const c = this.oxClassSlow(v);
        this.oxCacheKey[h] = sig;
        this.oxCacheVal[h] = c;
        return c;
      }
      return this.oxClassSlow(v);
    }
    return NO_CLASS;
  }

  /** per-bond reduction class: the most catalytic neighbour's rate times the solid-neighbour count */
  private redClassPerBond(bestCode: number, nSolid: number): number {
    const key = bestCode * 8 + nSolid;
    let c = this.redPerBond[key]!;
    if (c === NO_CLASS) {
      c = this.solver.addClass(nSolid * this.phys.k0_per_s * Math.exp(-this.shiftOf[bestCode]! / this.phys.kT_eV), CH_RED);
      this.redPerBond[key] = c;
    }
    return c;
  }

  private oxClassSlow(v: number): number {
    const code = this.code, nb = this.nbBuf2;
    {
      this.lat.neighbors(v, nb);
      let best = Infinity, bond = 0, hasEmpty = false;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        const ct = code[t]!;
        if (ct === EMPTY) { hasEmpty = true; continue; }
        bond += this.bindOf[ct]!;
        const s = this.shiftOf[ct]!;
        if (s < best) best = s;
      }
      if (!hasEmpty || !Number.isFinite(best)) return NO_CLASS;
      return this.oxClass(best + bond - this.eKink);
    }
  }

  private oxClass(E: number): number {
    const key = Math.round(E * 1e7);
    let c = this.oxClasses.get(key);
    if (c === undefined) {
      c = this.solver.addClass(this.phys.k0_per_s * Math.exp(-(key * 1e-7) / this.phys.kT_eV), CH_OX);
      this.oxClasses.set(key, c);
    }
    return c;
  }

  /**
   * Where a lateral move of the atom at v in direction d (0..3, neighbour t) lands, or -1.
   * Atoms move on surfaces (solid-on-solid-like, with overhangs allowed elsewhere):
   *  - t empty and supported (solid below t): a plain terrace move to t;
   *  - t empty, unsupported, and the voxel below it is supported: a step-down move to t - z
   *    (carries the Ehrlich-Schwoebel barrier; sets this.lastEs);
   *  - t solid and t + z empty: a step-up move onto the step edge. Crossing a step edge carries
   *    the Ehrlich-Schwoebel barrier both ways (detailed balance), so this sets lastEs too.
   */
  private moveTarget(v: number, t: number): number {
    const code = this.code, nxy = this.lat.nxy, n = this.lat.n;
    this.lastEs = false;
    if (t < 0) return -1;
    if (code[t] === EMPTY) {
      const tb = t - nxy;
      if (tb < 0) return -1;
      if (code[tb] !== EMPTY) return t;
      const tbb = tb - nxy;
      if (tbb >= 0 && code[tbb] !== EMPTY) { this.lastEs = true; return tb; }
      return -1;
    }
    const tu = t + nxy;
    if (tu < n && v + nxy < n && code[tu] === EMPTY && code[v + nxy] === EMPTY) { this.lastEs = true; return tu; }
    return -1;
  }
  private lastEs = false;

  /** Recomputes the hop event of voxel v (an atom's moves). */
  refreshHop(v: number): void { this.setEntity(v, 1, this.hopClass(v)); }

  /** Class of the hop event of the atom at v, or -1. */
  hopClass(v: number): number {
    const code = this.code;
    if (code[v] !== METAL) return NO_CLASS;
    const lat = this.lat;
    const nb = this.nbBuf2;
    lat.neighbors(v, nb);
    const below = nb[5]!;
    if (below < 0) return NO_CLASS; // collector-side layer does not move
    // Solid-on-solid rule when connectivity is on (cycling runs): an atom with metal on top of it
    // does not hop (moving out from under another atom would leave that one floating, cut off).
    if (this.conn && nb[4]! >= 0 && code[nb[4]!] !== EMPTY) return NO_CLASS;
    const support = code[below] !== EMPTY ? code[below]! : METAL;
    let nLat = 0, nPlain = 0, nEs = 0;
    for (let d = 0; d < 4; d++) {
      const t = nb[d]!;
      if (code[t] !== EMPTY) nLat++;
      if (this.irreversible && code[t] !== EMPTY) continue;
      if (this.moveTarget(v, t) >= 0) { if (this.lastEs) nEs++; else nPlain++; }
    }
    if (nPlain + nEs === 0 || (this.irreversible && nLat > 0)) return NO_CLASS;
    const key = ((support * 8 + nLat) * 8 + nPlain) * 8 + nEs;
    let cls = this.hopClassTable[key]!;
    if (cls === NO_CLASS) {
      const p = this.phys;
      const k = p.nuHop_per_s * Math.exp(-(this.hopBaseOf[support]! + nLat * p.lateralBond_eV) / p.kT_eV);
      cls = this.solver.addClass(k * (nPlain + nEs * this.esFactor), CH_HOP);
      this.hopClassTable[key] = cls;
    }
    return cls;
  }

  // ---- changes to the lattice

  private setCode(v: number, c: number): void {
    const old = this.code[v]!;
    this.code[v] = c;
    if (c === METAL) { const z = (v / this.lat.nxy) | 0; if (z > this.maxMetalZ) this.maxMetalZ = z; }
    const wasSolid = old !== EMPTY, isSolidNow = c !== EMPTY;
    if (wasSolid !== isSolidNow) {
      const nb = this.nbBuf;
      this.lat.neighbors(v, nb);
      const delta = isSolidNow ? 1 : -1;
      for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0) this.nbs[t] = this.nbs[t]! + delta; }
    }
  }

  /**
   * Refreshes every event whose rate can depend on voxel v, and no other:
   *  - reduction/oxidation of v and its 6 neighbours (they read their neighbours' codes);
   *  - hops of v, of the atom above and below v (support, step-up check), and of the atoms
   *    beside v at heights z-1 .. z+2 (lateral bond count, move target, step-down checks:
   *    see moveTarget).
   */
  private refreshAround(v: number): void {
    const lat = this.lat, code = this.code, nxy = lat.nxy, n = lat.n;
    const n1 = this.nbBuf3;
    lat.neighbors(v, n1);
    this.refreshFaradaic(v);
    this.refreshHop(v);
    for (let d = 0; d < DIRS; d++) {
      const w = n1[d]!;
      if (w < 0) continue;
      const cw = code[w]!;
      if (cw === EMPTY || cw === METAL) this.refreshFaradaic(w);
      if (cw === METAL) this.refreshHop(w);
    }
    for (let d = 0; d < 4; d++) {
      const w = n1[d]!;
      let u = w - nxy;
      if (u >= 0 && code[u] === METAL) this.refreshHop(u);
      u = w + nxy;
      if (u < n && code[u] === METAL) this.refreshHop(u);
      u = w + 2 * nxy;
      if (u < n && code[u] === METAL) this.refreshHop(u);
    }
  }

  /** Compares every event class with a recomputation from scratch; returns the first mismatch. */
  checkConsistency(): string | null {
    const n = this.lat.n;
    for (let v = 0; v < n; v++) {
      const slot = this.slots.get(v);
      const fc = this.faradaicClass(v), hc = this.hopClass(v);
      const f0 = slot < 0 ? NO_CLASS : this.solver.classOf(slot * 2);
      const h0 = slot < 0 ? NO_CLASS : this.solver.classOf(slot * 2 + 1);
      if (fc !== f0) return `voxel ${v}: faradaic class ${f0}, recomputed ${fc}`;
      if (hc !== h0) return `voxel ${v}: hop class ${h0}, recomputed ${hc}`;
    }
    return null;
  }

  /** Executes one event of the given entity. Returns the event type channel. */
  execute(entity: number): number {
    const slot = entity >> 1;
    const v = this.slots.slotKey[slot]!;
    const code = this.code;
    if ((entity & 1) === 0) {
      if (code[v] === EMPTY) {
        // reduction
        const nb = this.nbBuf;
        this.lat.neighbors(v, nb);
        let metalNb = 0, sacNb = 0, subNb = 0;
        for (let d = 0; d < DIRS; d++) {
          const t = nb[d]!;
          if (t < 0) continue;
          const ct = code[t]!;
          if (ct === METAL || ct === DEAD) metalNb++;
          else if (ct >= SAC_BASE) sacNb++;
          if (isSubstrate(ct)) subNb++;
        }
        if (metalNb === 0 && subNb > 0) {
          this.counters.nucleations++;
          if (sacNb > 0) this.counters.nucleationsOnSac++;
        }
        this.setCode(v, METAL);
        this.metalCount++;
        this.counters.reductions++;
        this.refreshAround(v);
        return CH_RED;
      }
      // oxidation
      this.setCode(v, EMPTY);
      this.metalCount--;
      this.counters.oxidations++;
      this.refreshAround(v);
      if (this.conn) this.afterRemoval(v);
      return CH_OX;
    }
    // hop: choose one of the allowed moves, weighted (step-down moves by the ES factor)
    const nb = this.nbBuf;
    this.lat.neighbors(v, nb);
    const w = this.hopW;
    const targets = this.hopT;
    let total = 0;
    for (let d = 0; d < 4; d++) {
      const t = this.moveTarget(v, nb[d]!);
      if (t < 0 || (this.irreversible && code[nb[d]!] !== EMPTY)) { w[d] = 0; continue; }
      const x = this.lastEs ? this.esFactor : 1;
      w[d] = x; targets[d] = t; total += x;
    }
    let r = this.rng.next() * total;
    let dest = -1;
    for (let d = 0; d < 4; d++) {
      if (w[d] === 0) continue;
      dest = targets[d]!;
      if (r < w[d]!) break;
      r -= w[d]!;
    }
    const zMax = this.maxMetalZ;
    this.setCode(v, EMPTY);
    this.setCode(dest, METAL);
    if (this.conn) {
      // Surface diffusion never cuts metal off from the collector and never carries an atom onto
      // dead metal alone: such a move is rejected (a null event of rejection kMC; the time step
      // was already drawn with the full rate). Only oxidation makes dead metal.
      const dead = this.deadBuf;
      dead.length = 0;
      this.conn.afterRemoval(v, dead);
      if (dead.length > 0 || !this.conn.isConnectedAfter(dest)) {
        this.setCode(dest, EMPTY);
        this.setCode(v, METAL);
        this.maxMetalZ = zMax;
        this.counters.rejectedHops++;
        return CH_HOP;
      }
    }
    this.counters.hops++;
    this.refreshAround(v);
    this.refreshAround(dest);
    return CH_HOP;
  }

  /** Connectivity after the metal at voxel v was oxidised: every METAL voxel cut off becomes DEAD. */
  private afterRemoval(v: number): void {
    const dead = this.deadBuf;
    dead.length = 0;
    this.conn!.afterRemoval(v, dead);
    for (let i = 0; i < dead.length; i++) this.kill(dead[i]!);
  }

  /** Turns a METAL voxel into dead metal and refreshes the events it affects. */
  private kill(w: number): void {
    this.setCode(w, DEAD);
    this.deadCount++;
    this.refreshAround(w);
  }

  /** Sum of reduction and oxidation rates at eta = 0 (A and B of MODEL.md section 4) and of hops. */
  sums(): { A: number; B: number; H: number } {
    return { A: this.solver.channelBase(CH_RED), B: this.solver.channelBase(CH_OX), H: this.solver.channelBase(CH_HOP) };
  }

  bytes(): number { return this.code.byteLength + this.nbs.byteLength + this.solver.bytes() + this.slots.bytes(); }
}

export { HOST_BASE };
