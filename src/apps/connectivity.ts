/**
 * Electronic connectivity of the deposit (issue 5): a metal voxel can be oxidised only if a path
 * of metal or conducting substrate voxels joins it to the current collector (below z = 0).
 * Metal cut off from the collector becomes DEAD ("dead Li/Na"): it stays in the lattice, still
 * binds its neighbours, but never strips and does not conduct. By default dead metal is not
 * reactivated when fresh metal later touches it (real dead metal is wrapped in SEI, an electronic
 * insulator); with the opt-in `sei: { reconnect_dead_on_contact: true }` (deadtouch) the plating app
 * turns a dead cluster back into METAL when connected metal is placed face to face with it
 * (PlatingApp.reconnect: the cluster then touches a connected voxel, so the invariant below holds).
 *
 * Invariant kept by the plating app: after every event every METAL voxel is connected.
 *
 * "Ground" is: a METAL voxel in the layer z = 0 (it sits on the collector), or a METAL voxel next
 * to a grounded substrate voxel. Grounded substrate voxels are the conducting host/SAC voxels
 * joined to z = 0 through conducting substrate; the substrate never changes, so this set is
 * computed once (a flood fill over the substrate layers only). Conducting substrate that is not
 * grounded (a conducting island in an insulating host) is traversed like metal but never dies.
 *
 * Algorithm (exact, and its cost does not grow with the deposit at every event): when a METAL
 * voxel v is removed (oxidation, or the source of a hop), only components that contain a
 * conductor neighbour of v can have lost their connection (any other component's path to the
 * collector did not pass through v). Let S be those neighbours (at most 6).
 *  1. Local proof. If v itself touched ground, one must show each part of S reaches ground; if it
 *     did not, v's own path to ground left through one of S, so at least one member of S is still
 *     grounded and it suffices to show that all of S are joined to each other.
 *     a. Fast path: members of S that are adjacent or share a conductor neighbour (other than v)
 *        are joined; a member touching ground is grounded. Most surface events end here.
 *     b. Bounded bidirectional search: breadth-first searches grow from every member of S in turn,
 *        one voxel each; searches that meet are merged (union-find), a search that touches ground
 *        is grounded and stops, and a search whose frontier empties has explored a whole
 *        component without ground: that component is dead. The search ends when the question of
 *        1. is answered, or when a budget of visited voxels is exceeded.
 *  2. Fallback (only when the budget is exceeded): one flood fill from ground over the whole
 *     deposit; every METAL voxel it does not reach is dead. Exact, O(deposit), rare.
 * Both paths give the same dead set (the components without ground), in a deterministic order.
 * Reductions never disconnect anything and land next to a conductor; the destination of a hop is
 * checked by `isConnectedAfter` (it is connected iff it touches ground or another METAL voxel,
 * since all other METAL voxels are connected once the hop's removal has been processed).
 */
import { InputError } from '../errors.js';
import { isMap } from '../args.js';
import type { CubicLattice } from '../kmc/lattice.js';
import { DIRS } from '../kmc/lattice.js';
import { METAL, isSubstrate } from '../lattice/voxel.js';

export interface ConnectivityStats {
  /** removals examined */
  checks: number;
  /** removals settled by the fast path (or with nothing to check) */
  fast: number;
  /** bounded searches run */
  searches: number;
  /** voxels visited by bounded searches */
  visited: number;
  /** flood-fill fallbacks */
  fallbacks: number;
  /** components found cut off / their voxels (includes the trial checks of hops that were then rejected) */
  deadComponents: number;
  deadVoxels: number;
}

export class Connectivity {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
  /** per code: 1 = conducting substrate (host or SAC) */
  private readonly condSub = new Uint8Array(256);
  /** grounded flags for the substrate region z < subLayers */
  private readonly grounded: Uint8Array;
  private readonly subLayers: number;
  /** visited-voxel budget of the bounded search before the flood-fill fallback */
  budget: number;
  readonly stats: ConnectivityStats = { checks: 0, fast: 0, searches: 0, visited: 0, fallbacks: 0, deadComponents: 0, deadVoxels: 0 };

  private readonly nb = new Int32Array(DIRS);
  private readonly nb2 = new Int32Array(DIRS);
  private readonly starts = new Int32Array(DIRS);
  private readonly snb = new Int32Array(DIRS * DIRS);
  private readonly parent = new Int32Array(DIRS);
  private readonly sdir = new Int32Array(DIRS);
  private readonly groundedRoot = new Uint8Array(DIRS);

  /**
   * @param conductingSubstrate codes (>= HOST_BASE) of conducting host/SAC voxels
   * @param budget visited voxels allowed to the bounded search (default 4096)
   */
  constructor(lat: CubicLattice, code: Uint8Array, conductingSubstrate: Iterable<number>, budget = 4096) {
    // the engine's own arrays: checked once per construction (a run, a rebuild), never per event
    if (!isMap(lat) || !Number.isInteger((lat as { n?: unknown }).n)) throw new InputError('lat', lat, 'the lattice of a Simulation (sim.app.lat) or a new CubicLattice(nx, ny, nz)');
    if (!(code instanceof Uint8Array) || code.length !== lat.n) throw new InputError('code', code instanceof Uint8Array ? `${code.length} voxel codes` : code, `a Uint8Array of voxel codes, one per lattice site (${lat.n})`);
    if (conductingSubstrate === null || typeof (conductingSubstrate as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function') throw new InputError('conductingSubstrate', conductingSubstrate, 'the site indices of the conducting substrate (an array or a Set)');
    if (!(Number.isInteger(budget) && budget >= 1)) throw new InputError('budget', budget, 'an integer >= 1 (sites a search may visit)');
    this.lat = lat;
    this.code = code;
    this.budget = budget;
    for (const c of conductingSubstrate) if (c !== METAL) this.condSub[c] = 1;
    // substrate lives in the bottom layers; find how many layers hold any
    const nxy = lat.nxy;
    let top = 0;
    for (let i = 0; i < lat.n; i++) if (isSubstrate(code[i]!)) top = ((i / nxy) | 0) + 1;
    this.subLayers = top;
    this.grounded = new Uint8Array(top * nxy);
    // flood fill of conducting substrate from z = 0
    const stack: number[] = [];
    for (let p = 0; p < nxy && top > 0; p++) if (this.condSub[code[p]!]) { this.grounded[p] = 1; stack.push(p); }
    const nb = this.nb;
    while (stack.length > 0) {
      const w = stack.pop()!;
      lat.neighbors(w, nb);
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0 || t >= top * nxy || this.grounded[t] || !this.condSub[code[t]!]) continue;
        this.grounded[t] = 1;
        stack.push(t);
      }
    }
    let allGrounded = true;
    for (let i = 0; i < top * nxy && allGrounded; i++) if (this.condSub[code[i]!] && !this.grounded[i]) allGrounded = false;
    this.walkableIsMetal = allGrounded;
  }

  /**
   * True when every conducting substrate voxel is grounded: then the voxels a search walks
   * through are exactly the METAL ones (the plating app uses this for an O(1) shortcut).
   */
  readonly walkableIsMetal: boolean;

  /** Counts a removal the caller settled itself (see walkableIsMetal). */
  noteFastRemoval(): void { this.stats.checks++; this.stats.fast++; }

  /**
   * Columns (x) whose every voxel counts as grounded substrate, or null (the default: none). The sector scheme's moving
   * domains (parallel/sector-worker.ts, balancing) mark the columns beyond a thread's ghosts, which it does not keep
   * current, so that they act as the fixed layout's grounded wall does (parallel/sectors.ts WALL_CODE): metal beside them
   * counts as connected, and a search never decides on their stale contents.
   */
  groundCols: Uint8Array | null = null;

  /** Is w a grounded conducting substrate voxel (or a voxel of a groundCols column)? */
  isGroundedSubstrate(w: number): boolean {
    if (w < this.grounded.length && this.grounded[w] === 1) return true;
    return this.groundCols !== null && this.groundCols[w % this.lat.nx] === 1;
  }

  /** Conductor that a search may walk through: METAL, or conducting substrate that is not grounded. */
  private walkable(w: number): boolean {
    const c = this.code[w]!;
    return c === METAL || (this.condSub[c] === 1 && !this.isGroundedSubstrate(w));
  }

  /** Does voxel w (METAL) touch ground: z = 0, or a grounded substrate neighbour? */
  touchesGround(w: number, nb: Int32Array = this.nb2): boolean {
    if (w < this.lat.nxy && this.code[w] === METAL) return true;
    if (w >= this.grounded.length + this.lat.nxy) return false; // above the substrate layers + 1
    this.lat.neighbors(w, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.isGroundedSubstrate(t)) return true; }
    return false;
  }

  /**
   * Whether METAL voxel w is connected, given that every other METAL voxel is (the invariant,
   * e.g. for the destination of a hop after the hop's removal was processed).
   */
  isConnectedAfter(w: number): boolean {
    const below = w - this.lat.nxy; // the usual support of a hop's destination
    if (below >= 0 && (this.code[below] === METAL || this.isGroundedSubstrate(below))) return true;
    if (this.touchesGround(w)) return true;
    const nb = this.nb2;
    this.lat.neighbors(w, nb);
    for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && this.code[t] === METAL) return true; }
    // only a non-grounded conducting substrate neighbour could still join it: search
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t >= 0 && this.walkable(t)) {
        const dead: number[] = [];
        this.checkStarts([w], 1, true, dead);
        return dead.length === 0;
      }
    }
    return false;
  }

  /**
   * Call after METAL voxel v has become non-metal (its code already changed). Appends to `dead`,
   * in a deterministic order, every METAL voxel that lost its connection (the caller turns them
   * into DEAD and refreshes their events). `vTouchedGround`: whether v was at z = 0 or next to
   * grounded substrate (the caller may pass undefined to let it be computed from the lattice).
   * `vNeighbors`: v's six neighbours when the caller has them (read before any other call).
   */
  afterRemoval(v: number, dead: number[], vNeighbors?: Int32Array): void {
    this.stats.checks++;
    const lat = this.lat;
    let nb: Int32Array = this.nb;
    if (vNeighbors) nb = vNeighbors;
    else lat.neighbors(v, nb);
    const starts = this.starts, sdir = this.sdir;
    let k = 0;
    let vGround = v < lat.nxy;
    for (let d = 0; d < DIRS; d++) {
      const t = nb[d]!;
      if (t < 0) continue;
      if (this.isGroundedSubstrate(t)) { vGround = true; continue; }
      if (this.walkable(t)) { sdir[k] = d; starts[k++] = t; }
    }
    if (k === 0 || (k === 1 && !vGround)) { this.stats.fast++; return; }
    if (!vGround) {
      // ring test: two neighbours of v in orthogonal directions d1, d2 are joined when the
      // diagonal voxel v + e(d1) + e(d2) conducts; if that joins all of them, done
      const parent = this.parent;
      for (let i = 0; i < k; i++) parent[i] = i;
      let groups = k;
      for (let i = 0; i < k && groups > 1; i++) {
        for (let j = i + 1; j < k && groups > 1; j++) {
          if ((sdir[i]! >> 1) === (sdir[j]! >> 1)) continue; // opposite directions: no common neighbour but v
          const diag = this.lat.step(starts[i]!, sdir[j]!);
          if (diag < 0 || !this.walkable(diag)) continue;
          let a = i, b = j;
          while (parent[a] !== a) a = parent[a]!;
          while (parent[b] !== b) b = parent[b]!;
          if (a !== b) { parent[b] = a; groups--; }
        }
      }
      if (groups === 1) { this.stats.fast++; return; }
    }
    if (vGround) {
      // quick proof: every start is a METAL voxel sitting on the collector or on grounded substrate
      const nxy = lat.nxy;
      let all = true;
      for (let i = 0; i < k && all; i++) {
        const t = starts[i]!;
        all = this.code[t] === METAL && (t < nxy || this.isGroundedSubstrate(t - nxy));
      }
      if (all) { this.stats.fast++; return; }
    }
    this.checkStarts(starts, k, vGround, dead);
  }

  private find(a: number): number {
    const parent = this.parent;
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  }

  /** Steps 1a, 1b and 2 for the start voxels starts[0..k). */
  private checkStarts(starts: ArrayLike<number>, k: number, needGround: boolean, dead: number[]): void {
    const lat = this.lat;
    // --- 1a. fast path: join starts that are adjacent or share a conductor neighbour
    const parent = this.parent;
    for (let i = 0; i < k; i++) parent[i] = i;
    const snb = this.snb;
    for (let i = 0; i < k; i++) {
      lat.neighbors(starts[i]!, this.nb2);
      for (let d = 0; d < DIRS; d++) snb[i * DIRS + d] = this.nb2[d]!;
    }
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        if (this.find(i) === this.find(j)) continue;
        const sj = starts[j]!;
        let joined = false;
        for (let d = 0; d < DIRS && !joined; d++) {
          const a = snb[i * DIRS + d]!;
          if (a < 0) continue;
          if (a === sj) { joined = true; break; }
          if (!this.walkable(a)) continue;
          for (let e = 0; e < DIRS; e++) if (snb[j * DIRS + e] === a) { joined = true; break; }
        }
        if (joined) parent[this.find(j)] = this.find(i);
      }
    }
    const groundedRoot = this.groundedRoot;
    groundedRoot.fill(0);
    for (let i = 0; i < k; i++) if (this.code[starts[i]!] === METAL && this.touchesGround(starts[i]!)) groundedRoot[this.find(i)] = 1;
    let roots = 0, unresolved = 0;
    for (let i = 0; i < k; i++) if (this.find(i) === i) { roots++; if (!groundedRoot[i]) unresolved++; }
    if ((!needGround && roots === 1) || unresolved === 0) { this.stats.fast++; return; }
    // --- 1b. bounded bidirectional search
    this.stats.searches++;
    const label = new Map<number, number>(); // voxel -> group
    const queues: number[][] = [];
    const members: number[][] = [];
    const heads: number[] = [];
    const gParent: number[] = [];
    const gGround: boolean[] = [];
    const gDead: boolean[] = [];
    const gFind = (a: number): number => { while (gParent[a] !== a) a = gParent[a] = gParent[gParent[a]!]!; return a; };
    for (let i = 0; i < k; i++) {
      const s = starts[i]!;
      // fast-path unions carry over: starts joined above are one group
      const r = this.find(i);
      if (r !== i) continue;
      const g = queues.length;
      gParent.push(g); gGround.push(groundedRoot[i] === 1); gDead.push(false);
      queues.push([]); members.push([]); heads.push(0);
      for (let j = 0; j < k; j++) {
        if (this.find(j) !== i) continue;
        const sj = starts[j]!;
        if (label.has(sj)) continue;
        label.set(sj, g);
        queues[g]!.push(sj);
        members[g]!.push(sj);
      }
      void s;
    }
    const union = (a: number, b: number): number => {
      a = gFind(a); b = gFind(b);
      if (a === b) return a;
      // keep the lower id as root (deterministic); move b's frontier and members to a
      gParent[b] = a;
      gGround[a] = gGround[a]! || gGround[b]!;
      const qb = queues[b]!;
      for (let x = heads[b]!; x < qb.length; x++) queues[a]!.push(qb[x]!);
      queues[b] = []; heads[b] = 0;
      for (const m of members[b]!) members[a]!.push(m);
      members[b] = [];
      return a;
    };
    const G = queues.length;
    const nb = this.nb2;
    let visited = label.size;
    const done = (): boolean => {
      let live = 0, open = 0;
      for (let g = 0; g < G; g++) {
        if (gFind(g) !== g || gDead[g]) continue;
        live++;
        if (!gGround[g]) open++;
      }
      return open === 0 || (!needGround && live === 1);
    };
    for (;;) {
      if (done()) break;
      if (visited > this.budget) { this.stats.visited += visited; this.fallback(dead); return; }
      for (let g = 0; g < G; g++) {
        if (gFind(g) !== g || gDead[g] || gGround[g]) continue;
        const q = queues[g]!;
        if (heads[g]! >= q.length) {
          // frontier empty: a whole component without ground
          gDead[g] = true;
          continue;
        }
        const w = q[heads[g]!]!;
        heads[g] = heads[g]! + 1;
        lat.neighbors(w, nb);
        let root = g;
        for (let d = 0; d < DIRS; d++) {
          const t = nb[d]!;
          if (t < 0) continue;
          if (this.isGroundedSubstrate(t)) { gGround[root] = true; continue; }
          if (!this.walkable(t)) continue;
          const lt = label.get(t);
          if (lt !== undefined) {
            if (gFind(lt) !== root) root = union(Math.min(root, gFind(lt)), Math.max(root, gFind(lt)));
            continue;
          }
          label.set(t, root);
          visited++;
          queues[root]!.push(t);
          members[root]!.push(t);
          if (t < lat.nxy && this.code[t] === METAL) gGround[root] = true;
        }
        if (w < lat.nxy && this.code[w] === METAL) gGround[root] = true;
      }
    }
    this.stats.visited += visited;
    for (let g = 0; g < G; g++) {
      if (gFind(g) !== g || !gDead[g]) continue;
      this.stats.deadComponents++;
      for (const m of members[g]!) if (this.code[m] === METAL) { dead.push(m); this.stats.deadVoxels++; }
    }
  }

  /** Step 2: flood fill from ground; appends every unreached METAL voxel (index order). */
  private fallback(dead: number[]): void {
    this.stats.fallbacks++;
    const unreached = this.disconnected();
    for (const w of unreached) dead.push(w);
    if (unreached.length > 0) this.stats.deadComponents++;
    this.stats.deadVoxels += unreached.length;
  }

  /**
   * Exact reference: every METAL voxel not joined to ground, by one flood fill over the whole
   * lattice (O(n)). Used by the fallback and by tests to verify the incremental bookkeeping.
   */
  disconnected(): number[] {
    const lat = this.lat, code = this.code, n = lat.n;
    const seen = new Uint8Array(n);
    const stack: number[] = [];
    const nb = new Int32Array(DIRS);
    const zMax = Math.min(n, (this.subLayers + 1) * lat.nxy);
    for (let w = 0; w < zMax; w++) {
      if (code[w] === METAL && this.touchesGround(w, nb)) { seen[w] = 1; stack.push(w); }
    }
    while (stack.length > 0) {
      const w = stack.pop()!;
      lat.neighbors(w, nb);
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0 || seen[t] || !this.walkable(t)) continue;
        seen[t] = 1;
        stack.push(t);
      }
    }
    const out: number[] = [];
    for (let w = 0; w < n; w++) if (code[w] === METAL && !seen[w]) out.push(w);
    return out;
  }
}
