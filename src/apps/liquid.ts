/**
 * The electrolyte's own connectivity (branch e1void; docs/model.md, "Known defects", E1): run file
 * `model: { sealed_pores: void }`. Liquid that no path of electrolyte (EMPTY) voxels joins to the bulk is relabelled
 * VOID, the way metal that no path joins to the collector becomes DEAD (apps/connectivity.ts). Reduction, oxidation
 * and hops read their neighbours' codes, and every one of them needs an EMPTY face, so a VOID face gives none of them:
 * sealed liquid neither gives an ion (no reduction into it) nor takes one (no oxidation out into it).
 *
 * The bulk. The top of the box is the bulk electrolyte: a liquid voxel of the top layer touches it, and so does one above
 * every solid voxel (its column of liquid reaches the top layer). `topZ` is an upper bound on the z of every solid voxel
 * (it never decreases; the plating app raises it when it places a solid), so a liquid voxel at z >= min(topZ + 1, nz - 1)
 * is joined to the bulk: `isOpen`. A pocket is sealed when a search over its liquid runs out before it reaches such a
 * voxel.
 *
 * Invariant kept by the plating app: after every event an EMPTY voxel is joined to the bulk through EMPTY voxels and a
 * VOID voxel is not (through liquid voxels of either kind). A change of codes keeps it with two rules, applied in this
 * order after an event's codes are written:
 *  - a voxel o that turned liquid (an oxidation, the source of a hop, the SEI's strip): joined when it has an EMPTY face
 *    neighbour or is open; then the VOID pockets beside it are joined through it and turn EMPTY (a search over VOID);
 *    otherwise o itself is sealed liquid and turns VOID (the pockets beside it stay VOID);
 *  - a voxel f that turned solid from EMPTY (a reduction, a hop's landing, SEI formed in the liquid): the EMPTY face
 *    neighbours of f were all joined. If there is one, or all of them are joined to each other around f (two orthogonal
 *    faces through the voxel on their shared edge, the ring test of apps/connectivity.ts), nothing changed, unless f
 *    itself may have been the bulk (z >= topZ); nor when every group holds an open voxel (an atom landing on the top
 *    surface: the voxel above it). Otherwise a search grows from each group of them in turn, one voxel at a
 *    time over EMPTY voxels (not through f); searches that meet merge, one that reaches an open voxel is joined, one that
 *    runs out has walked a whole sealed pocket, whose voxels turn VOID. When f was not open, one group at least is
 *    still joined (f's own path to the bulk left through one of them): the last open question is answered by that.
 * An o judged joined through an EMPTY face that the same event's f cut off is caught by f's rule (its search walks the
 * pocket, o and the reopened VOID with it). The searches are exact: no budget, the cost is the pocket's size or the
 * path to the open liquid.
 *
 * Foreign columns (branch voidsector: the sector engine, parallel/sector-worker.ts). A thread's sub-box holds its own
 * domain plus ghost columns that another thread owns; `foreign` marks those x columns. Their liquid is the owner's to
 * label: no search here writes it (an EMPTY foreign voxel counts as joined to the bulk, `isOpen`: the wall-as-bulk rule
 * of the sector engine, moved to the domain's edge), a search over VOID does not enter it, and a foreign voxel that
 * turns from EMPTY to VOID (the owner's relabel, taken through the exchange) is no path any more: the caller runs
 * afterFill on it. Without foreign columns (the serial engine) nothing here changes.
 */
import type { CubicLattice } from '../kmc/lattice.js';
import { DIRS } from '../kmc/lattice.js';
import { EMPTY, VOID } from '../lattice/species.js';

const UNKNOWN = 0, JOINED = 1, SEALED = 2;

export class SealedLiquid {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  /** upper bound on the z of every voxel that is neither EMPTY nor VOID (-1: none) */
  topZ = -1;
  private readonly nxy: number;
  private readonly nz: number;
  private readonly nb = new Int32Array(DIRS);
  private readonly nb2 = new Int32Array(DIRS);
  private readonly eNb = new Int32Array(DIRS);
  private readonly eDir = new Int32Array(DIRS);
  private readonly uf = new Int32Array(DIRS);
  /** per x column: 1 = another thread's (its liquid is not labelled here), or null (the whole box is this one's) */
  readonly foreign: Uint8Array | null;
  private readonly nx: number;

  constructor(lat: CubicLattice, code: Uint8Array, foreign: Uint8Array | null = null) {
    this.lat = lat;
    this.code = code;
    this.nxy = lat.nxy;
    this.nz = lat.nz;
    this.nx = lat.nx;
    if (foreign !== null && foreign.length !== lat.nx) throw new Error(`SealedLiquid: foreign columns ${foreign.length}, lattice nx ${lat.nx}`);
    this.foreign = foreign !== null && foreign.includes(1) ? foreign : null;
    for (let i = code.length - 1; i >= 0; i--) {
      const c = code[i]!;
      if (c !== EMPTY && c !== VOID) { this.topZ = (i / this.nxy) | 0; break; }
    }
  }

  /** a solid was placed at voxel v: raises topZ */
  noteSolid(v: number): void { const z = (v / this.nxy) | 0; if (z > this.topZ) this.topZ = z; }

  /** first index of the layers whose liquid is joined to the bulk without a search */
  private openFrom(): number { return Math.min(this.topZ + 1, this.nz - 1) * this.nxy; }

  /** voxel w lies in a foreign column (another thread's: see the head of this file) */
  isForeign(w: number): boolean { return this.foreign !== null && this.foreign[w % this.nx] === 1; }

  /** liquid voxel w touches the bulk (top layer, or above every solid), or is a foreign voxel (joined by the rule) */
  isOpen(w: number): boolean { return w >= this.openFrom() || (this.foreign !== null && this.foreign[w % this.nx] === 1); }

  /**
   * The labelling from scratch: every liquid voxel joined to the bulk is EMPTY, every other one VOID. Writes the codes
   * (a construction's first step, before any table reads them) and returns how many changed.
   */
  labelAll(): number {
    const code = this.code, n = code.length, from = this.openFrom(), nb = this.nb;
    const seen = new Uint8Array(from);
    const stack: number[] = [];
    const liquid = (c: number) => c === EMPTY || c === VOID;
    const fr = this.foreign, nx = this.nx;
    // the open layers' liquid is joined; a search down from the lowest open layer's liquid
    for (let i = from; i < Math.min(n, from + this.nxy); i++) if (liquid(code[i]!)) stack.push(i);
    // foreign columns: their EMPTY voxels are joined (the owner's label), their VOID ones are left as they are
    if (fr !== null) for (let i = 0; i < from; i++) if (fr[i % nx] === 1 && code[i] === EMPTY) { seen[i] = 1; stack.push(i); }
    while (stack.length > 0) {
      const v = stack.pop()!;
      this.lat.neighbors(v, nb);
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0 || t >= from || seen[t] === 1 || !liquid(code[t]!)) continue;
        if (fr !== null && fr[t % nx] === 1) continue;
        seen[t] = 1;
        stack.push(t);
      }
    }
    let changed = 0;
    for (let i = 0; i < from; i++) {
      const c = code[i]!;
      if (fr !== null && fr[i % nx] === 1) continue;
      if (c === EMPTY && seen[i] === 0) { code[i] = VOID; changed++; } else if (c === VOID && seen[i] === 1) { code[i] = EMPTY; changed++; }
    }
    for (let i = from; i < n; i++) if (code[i] === VOID && (fr === null || fr[i % nx] === 0)) { code[i] = EMPTY; changed++; }
    return changed;
  }

  /**
   * Voxel o has just turned liquid (EMPTY). Pushes onto toEmpty the VOID voxels it joins to the bulk, or onto toVoid o
   * itself when it is sealed; returns nothing else (the caller relabels).
   */
  afterOpen(o: number, toEmpty: number[], toVoid: number[]): void {
    const code = this.code, nb = this.nb;
    if (code[o] !== EMPTY) return;
    this.lat.neighbors(o, nb);
    let joined = false, voids = 0;
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t < 0) continue;
      const c = code[t]!;
      if (c === EMPTY) joined = true; else if (c === VOID) voids++;
    }
    if (!joined && !this.isOpen(o)) { toVoid.push(o); return; }
    if (voids === 0) return;
    // the pockets beside o: a search over VOID, in the order found
    const start = toEmpty.length;
    const seen = new Set<number>();
    // (a foreign VOID voxel is the owner's to join: not entered)
    const fr = this.foreign;
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === VOID && !seen.has(t) && (fr === null || fr[t % this.nx] === 0)) { seen.add(t); toEmpty.push(t); } }
    const nb2 = this.nb2;
    for (let i = start; i < toEmpty.length; i++) {
      this.lat.neighbors(toEmpty[i]!, nb2);
      for (let d = 0; d < DIRS; d++) { const t = nb2[d]!; if (t >= 0 && code[t] === VOID && !seen.has(t) && (fr === null || fr[t % this.nx] === 0)) { seen.add(t); toEmpty.push(t); } }
    }
  }

  private find(i: number): number { const uf = this.uf; while (uf[i] !== i) i = uf[i] = uf[uf[i]!]!; return i; }

  /**
   * Voxel f has just turned solid from EMPTY. Pushes onto toVoid the EMPTY voxels it sealed off from the bulk (in the
   * order the searches found them).
   */
  afterFill(f: number, toVoid: number[]): void {
    const code = this.code, nb = this.nb, eNb = this.eNb, eDir = this.eDir;
    this.lat.neighbors(f, nb);
    let m = 0;
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === EMPTY) { eNb[m] = t; eDir[m] = d; m++; } }
    if (m === 0) return;
    // f may have been the bulk itself (at or above every other solid, or in the top layer): no shortcut
    const mayBeOpen = ((f / this.nxy) | 0) >= this.topZ || this.isForeign(f);
    if (m === 1 && !mayBeOpen) return;
    // the ring test: orthogonal faces joined through the voxel on their shared edge
    const uf = this.uf;
    for (let i = 0; i < m; i++) uf[i] = i;
    let groups = m;
    const nb2 = this.nb2;
    for (let i = 0; i < m && groups > 1; i++) {
      this.lat.neighbors(eNb[i]!, nb2);
      for (let j = i + 1; j < m; j++) {
        if (eDir[i]! >> 1 === eDir[j]! >> 1) continue; // opposite faces share no edge
        const e = nb2[eDir[j]!]!;
        if (e < 0 || code[e] !== EMPTY) continue;
        const a = this.find(i), b = this.find(j);
        if (a !== b) { uf[a] = b; groups--; }
      }
    }
    if (groups === 1 && !mayBeOpen) return;
    // every group holds an open voxel (an atom landing on the top surface: the voxel above it): all joined
    const from = this.openFrom();
    let unproven = 0;
    for (let i = 0; i < m; i++) if (this.find(i) === i) {
      let open = false;
      for (let j = 0; j < m && !open; j++) if ((eNb[j]! >= from || this.isForeign(eNb[j]!)) && this.find(j) === i) open = true;
      if (!open) unproven++;
    }
    if (unproven === 0) return;
    this.search(f, m, mayBeOpen, toVoid);
  }

  /** the searches of afterFill: one per group of f's EMPTY face neighbours (eNb[0..m), grouped in uf) */
  private search(f: number, m: number, mayBeOpen: boolean, toVoid: number[]): void {
    const code = this.code, eNb = this.eNb, from = this.openFrom();
    // per search (index = its first group member): union-find parent, state, queue
    const parent: number[] = [], state: number[] = [], queue: number[][] = [], head: number[] = [];
    const owner = new Map<number, number>();
    for (let i = 0; i < m; i++) {
      const r = this.find(i);
      if (parent[r] === undefined) { parent[r] = r; state[r] = UNKNOWN; queue[r] = []; head[r] = 0; }
      const w = eNb[i]!;
      owner.set(w, r);
      queue[r]!.push(w);
      if (w >= from || this.isForeign(w)) state[r] = JOINED;
    }
    const root = (s: number): number => { while (parent[s] !== s) s = parent[s] = parent[parent[s]!]!; return s; };
    const roots = (): number[] => { const out: number[] = []; for (let s = 0; s < parent.length; s++) if (parent[s] === s) out.push(s); return out; };
    const nb = this.nb2;
    for (;;) {
      const rs = roots();
      let open = 0, sealed = 0;
      for (const r of rs) { if (state[r] === UNKNOWN) open++; else if (state[r] === SEALED) sealed++; }
      if (open === 0) break;
      // f was not the bulk: one group at least is still joined
      if (!mayBeOpen && open === 1 && sealed === rs.length - 1) { for (const r of rs) if (state[r] === UNKNOWN) state[r] = JOINED; break; }
      for (const r0 of rs) {
        const r = root(r0);
        if (state[r] !== UNKNOWN) continue;
        const q = queue[r]!;
        if (head[r]! >= q.length) { state[r] = SEALED; continue; }
        const v = q[head[r]!++]!;
        this.lat.neighbors(v, nb);
        for (let d = 0; d < DIRS && state[r] === UNKNOWN; d++) {
          const t = nb[d]!;
          if (t < 0 || t === f || code[t] !== EMPTY) continue;
          const o = owner.get(t);
          if (o === undefined) {
            owner.set(t, r);
            q.push(t);
            if (t >= from || this.isForeign(t)) state[r] = JOINED;
            continue;
          }
          const r2 = root(o);
          if (r2 === r) continue;
          // two searches met: one component; the merged search goes on with both queues
          parent[r2] = r;
          if (state[r2] === JOINED) state[r] = JOINED;
          const q2 = queue[r2]!;
          for (let k = head[r2]!; k < q2.length; k++) q.push(q2[k]!);
        }
      }
    }
    for (const [w, s] of owner) if (state[root(s)] === SEALED) toVoid.push(w);
  }
}
