/**
 * First-passage acceleration of lone adatoms on flat terraces (issue 11; PlatingPhysics.adatoms
 * 'first-passage', off with 'exact').
 *
 * Most events of a growing film are hops of lone adatoms across flat terraces. An adatom whose
 * surroundings form a clean square (a protective domain) does a plain continuous-time random walk
 * there, so its exit from the square can be drawn in one step, with the exact distribution of the
 * exit time and the exit site (kmc/firstpassage.ts), instead of hop by hop: first-passage kMC
 * (Oppelstrup et al., PRL 97, 230602, 2006) on the lattice.
 *
 * The domain. Atom at c (level z + 1) on a floor of one code F (metal, or a host that is at least
 * as catalytic for reduction as the metal). D = the columns within Chebyshev distance L of c, the
 * ring = those at L + 1. Clean: over D and the ring the floor (z) is F on one code B (level z - 1),
 * the levels z + 1 .. z + 3 are empty but for the atom; no other domain owns any column of D or
 * ring. Then, wherever the atom is in D, every event of the lattice has the same rate as
 * with the atom at any other place of D, up to the relabelling sigma that swaps the columns of the
 * two places (the atom, the voxel above it and the floor voxel below it): the reduction sites
 * next to the atom keep the class of the floor (per-site rule), the atom's own oxidation and the
 * reduction on top of it do not depend on where it is, the floor atom under it is covered (and
 * every floor atom has the same neighbours but the one above). So
 * while the atom is protected the engine keeps it at c, with all its events but its hops (the
 * hop entity is taken out of the solver), and schedules the exit time. Its real position p is
 * drawn only when needed:
 *  - exit (the scheduled time comes before the next event): the atom moves to the drawn exit
 *    site in the ring; the domain is released (and a new one tried at once);
 *  - any event whose voxel lies in the domain's columns (D, ring) at levels z - 1 .. z + 4
 *    (it could change the clean region or depends on p), or a hop that lands there: p is drawn from the walk's
 *    distribution at that time given that it has not left (exact: the only thing the run has
 *    learnt of the drawn exit time is that it has not come), the atom is moved to p, the domain
 *    released, and the drawn event executed at sigma(its voxel), which has the same class;
 *  - the atom is cut off from the collector (connectivity kills its floor): resolved first;
 *  - rebuilds, step ends, the end of a run: every domain is resolved.
 * A hop from outside that lands in the ring is caught by its landing voxel (PlatingApp.execute
 * resolves the domain before the move); any other change outside the domain's columns leaves the
 * clean region, and the classes that depend on where the atom is, as they were.
 *
 * Under sealed_pores void (apps/liquid.ts; branch fpvoid). After an event's codes are written the app relabels liquid
 * (EMPTY <-> VOID): whole components of liquid that the event sealed off or joined to the bulk again (afterFill's
 * sealed searches, afterOpen's VOID pockets), or the event's own opened voxel. Such a relabel is a change of codes like
 * an event's: when a voxel of its list lies in a domain's columns at levels z - 1 .. z + 4, the domain is resolved first
 * and the list found again on the true codes (PlatingApp.liquidAfter; the first list held the atom's drawn place p as
 * liquid and not its centre c). Deciding whether a relabel reaches a domain from the list found with the atom at c is
 * exact: the liquid with the atom at c and with it at p differ in c and p only, both at level z + 1 of columns of D,
 * each below an EMPTY voxel of level z + 2; the EMPTY voxels of the columns D + ring at z + 1 .. z + 3 (all but the
 * atom's) are joined to each other whichever of them the atom takes (levels z + 2 and z + 3 are whole), and c, p touch
 * nothing else but the floor. So every liquid component is the same in both but the one holding that slab, which holds
 * p in one and c in the other; a list of whole components that misses the domain's voxels is the same list either way,
 * and the searches' verdicts (sealed or joined) are too. The searches may walk through a domain they do not relabel: a
 * read only, and of the same components. A placement inside the square never changes what is joined (c and p are
 * both joined through the slab, and filling p cuts nothing: its liquid neighbours are all in the slab); an exit is a
 * move onto a ring voxel, whose neighbours beyond the ring may hold liquid that only that voxel joined to the bulk, so
 * an exit runs the liquid rules as a hop there does (PlatingApp.teleport). checkConsistency checks that every open
 * domain is still clean (levels z + 1 .. z + 3 EMPTY but for its atom), which a relabel reaching one unresolved breaks.
 *
 * Conditions under which it is used (otherwise the app runs hop by hop): connectivity on (not the
 * irreversible validation mode), the per-site reduction rule, thinned step-ups (no hop class reads
 * the voxels diagonally above an atom), no SEI and no electrolyte field (Simulation turns it off),
 * hop channel multiplier 1. Memory: 4 bytes per column (the owner map) + 64 bytes per domain.
 */
import { squareExit } from '../kmc/firstpassage.js';
import { EMPTY, METAL } from '../lattice/voxel.js';
import type { PlatingApp } from './plating.js';

const NONE = -1;

export interface LoneAdatomStats {
  /** domains opened */
  protected: number;
  /** domains left by the drawn exit */
  exits: number;
  /** domains resolved early (an event in the domain, connectivity, step end, rebuild) */
  resolved: number;
  /** sum over domains of the half-width L */
  sumL: number;
  /** expected hops the exits stand for: sum over exits of 4 k T (T the exit time) */
  hopsReplaced: number;
  /** of the resolved: before a liquid relabel (sealed_pores void) reached the domain */
  liquid: number;
}

export class LoneAdatoms {
  private readonly app: PlatingApp;
  private readonly nx: number;
  private readonly ny: number;
  private readonly nxy: number;
  private readonly nz: number;
  /** helical x/y boundaries: domains keep off them (their columns are read at one level z) */
  private readonly helical: boolean;
  /** per column: the domain that owns it (NONE) */
  readonly owner: Int32Array;
  /** smallest and largest half-width used */
  readonly minL: number;
  readonly maxL: number;
  /** floor codes allowed (see header) */
  private readonly floorOk: Uint8Array;
  /**
   * per code: the code it counts as in the clean-region test, the smallest substrate code with the
   * same parameters (binding, reduction shift, terrace barrier, conduction), else itself. Every
   * event reads a substrate voxel only through those parameters, so a floor or level below mixing
   * such codes (a host and a SAC with the host's numbers) is as clean as one code, and a run gives
   * the same domains, draws and trajectory whichever of them a site carries.
   */
  private readonly same = new Uint8Array(256);
  /** the kMC clock (Simulation binds its clock array; unbound: nothing is protected) */
  private clock: Float64Array | null = null;
  readonly stats: LoneAdatomStats = { protected: 0, exits: 0, resolved: 0, sumL: 0, hopsReplaced: 0, liquid: 0 };

  // per domain
  private cap = 0;
  private dc = new Int32Array(0); // atom's voxel c
  private dL = new Int32Array(0);
  private dz = new Int32Array(0); // floor level z
  private dHop = new Int32Array(0); // hop class of the atom
  private dT0 = new Float64Array(0);
  private dT = new Float64Array(0); // exit time
  private dK = new Float64Array(0); // jump rate per direction
  private dHeap = new Int32Array(0); // position in the heap
  private free: number[] = [];
  /** number of open domains */
  count = 0;
  /** min-heap of open domains by exit time: ids, and their times (heapT[0] = next exit) */
  private heap = new Int32Array(0);
  readonly heapT = new Float64Array(1).fill(Infinity);
  private heapTimes = new Float64Array(0);

  constructor(app: PlatingApp, floorOk: Uint8Array, minL = 1, maxL = 32) {
    this.app = app;
    const lat = app.lat;
    this.nx = lat.nx; this.ny = lat.ny; this.nxy = lat.nxy; this.nz = lat.nz;
    this.helical = lat.riseX !== 0 || lat.riseY !== 0;
    this.owner = new Int32Array(lat.nxy).fill(NONE);
    this.floorOk = floorOk;
    for (let c = 0; c < 256; c++) this.same[c] = c;
    const subs = [...app.phys.substrate].sort((a, b) => a[0] - b[0]);
    for (const [c, s] of subs) {
      const first = subs.find(([, t]) => t.binding_eV === s.binding_eV && t.redShift_eV === s.redShift_eV && t.terraceBarrier_eV === s.terraceBarrier_eV && t.conducting === s.conducting)!;
      this.same[c] = first[0];
    }
    this.minL = minL;
    // a domain with its ring and a column beyond must not wrap onto itself across the periodic boundaries
    this.maxL = Math.min(maxL, Math.floor((Math.min(lat.nx, lat.ny) - 1) / 2) - 2);
    this.grow(16);
  }

  /** Lets the manager read the kMC clock (times of protection, exit and resolution). */
  bindClock(clock: Float64Array): void { this.clock = clock; }

  /**
   * For loops that schedule no exits (engine/loop.ts through engine/plating-fast.ts): places every
   * protected atom and opens no more domains, so the app runs lone adatoms hop by hop.
   */
  detach(): void {
    if (this.clock !== null && this.count > 0) this.resolveAll();
    this.clock = null;
  }

  /** Whether voxel v holds a protected atom. */
  isProtected(v: number): boolean {
    const o = this.owner[v % this.nxy]!;
    return o !== NONE && this.dc[o] === v;
  }

  private grow(n: number): void {
    const g32 = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    const g64 = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    this.dc = g32(this.dc); this.dL = g32(this.dL); this.dz = g32(this.dz); this.dHop = g32(this.dHop);
    this.dT0 = g64(this.dT0); this.dT = g64(this.dT); this.dK = g64(this.dK);
    this.dHeap = g32(this.dHeap); this.heap = g32(this.heap); this.heapTimes = g64(this.heapTimes);
    for (let i = n - 1; i >= this.cap; i--) this.free.push(i);
    this.cap = n;
  }

  private col(cx: number, cy: number, dx: number, dy: number): number {
    let x = cx + dx, y = cy + dy;
    if (x < 0) x += this.nx; else if (x >= this.nx) x -= this.nx;
    if (y < 0) y += this.ny; else if (y >= this.ny) y -= this.ny;
    return x + this.nx * y;
  }

  /**
   * Whether column col is clean for a domain on floor code F at level z whose level z - 1 holds
   * code B (-1 below the box): owner free, B under the floor (so that a floor atom's events depend
   * on nothing but whether the protected atom covers it), floor F, z+1..z+3 empty.
   */
  private cleanColumn(col: number, z: number, F: number, B: number, centre: boolean): boolean {
    if (this.owner[col] !== NONE) return false;
    const code = this.app.code, same = this.same, nxy = this.nxy, b = col + z * nxy;
    // (the level above the floor before the one below it: a step up or a neighbour fails there, and its
    // read is then the last; the same answer in any order: reads only)
    return same[code[b]!] === F && (centre || code[b + nxy] === EMPTY) && (z === 0 || same[code[b - nxy]!] === B) && code[b + 2 * nxy] === EMPTY && code[b + 3 * nxy] === EMPTY;
  }

  /** last atom found without a domain (after a hop, where it went) and the radius it had, a bound for the next try */
  private hintV = -1;
  private hintR = 0;

  /**
   * Opens a domain around the atom at v if it is a lone adatom with a clean square around it.
   * from: where the atom came from by a hop (-1 otherwise): an atom whose clean radius was R
   * there has at most R + 1 here, so a try that cannot succeed is skipped (a policy: when
   * domains are opened does not change the law of the run).
   */
  consider(v: number, from = -1): void {
    if (this.clock === null || this.maxL < this.minL) return;
    if (from >= 0 && from === this.hintV) {
      this.hintV = -1;
      if (this.hintR < this.minL) { this.hintV = v; this.hintR++; return; }
    }
    const app = this.app, code = app.code, nxy = this.nxy;
    // lone: one solid neighbour (the one below); none lateral, none above
    if ((app.nbs[v]! & 7) !== 1 || v < nxy) return;
    const F = this.same[code[v - nxy]!]!;
    if (this.floorOk[code[v - nxy]!] !== 1) return;
    const z = ((v / nxy) | 0) - 1;
    if (z + 3 >= this.nz) return;
    const c0 = v - (z + 1) * nxy, cx = c0 % this.nx, cy = (c0 / this.nx) | 0;
    const B = z > 0 ? this.same[code[v - 2 * nxy]!]! : -1;
    if (!this.cleanColumn(c0, z, F, B, true)) return;
    // largest radius R (<= maxL + 1) with every ring up to R clean. The column that ended the
    // last scan is tried first: unclean at Chebyshev distance dd, its ring is, so R <= dd - 1 and
    // the scan stops there (the same R, without the search for a column that fails)
    let rMax = this.maxL + 1;
    const fc = this.failCol;
    if (fc >= 0) {
      let ddx = Math.abs((fc % this.nx) - cx), ddy = Math.abs(((fc / this.nx) | 0) - cy);
      if (ddx > this.nx - ddx) ddx = this.nx - ddx;
      if (ddy > this.ny - ddy) ddy = this.ny - ddy;
      const dd = ddx > ddy ? ddx : ddy;
      if (dd >= 1 && dd - 1 < rMax && !this.cleanColumn(fc, z, F, B, false)) rMax = dd - 1;
    }
    let R = 0;
    for (let r = 1; r <= rMax; r++) {
      // helical boundaries (kmc/helical-lattice.ts): the domain, its ring and a column beyond stay clear of them
      // (a failCol across the boundary can only lower rMax: smaller domains, still exact)
      if (this.helical && (cx - r - 1 < 0 || cx + r + 1 >= this.nx || cy - r - 1 < 0 || cy + r + 1 >= this.ny)) break;
      if (!this.ringClean(cx, cy, r, z, F, B)) break;
      R = r;
    }
    const L = R - 1;
    if (L < this.minL) { this.hintV = v; this.hintR = R; return; }
    const hop = app.hopClass(v);
    if (hop < 0) return;
    const solver = app.solver;
    if (solver.mult[solver.channelOf[hop]!] !== 1) return;
    const k = solver.rate[hop]! / 4;
    if (!(k > 0)) return;
    // open it
    if (this.free.length === 0) this.grow(this.cap * 2);
    const id = this.free.pop()!;
    this.dc[id] = v; this.dL[id] = L; this.dz[id] = z; this.dHop[id] = hop; this.dK[id] = k;
    const sq = squareExit(L), rng = app.rng;
    // exit time of the square (the first of the x and y walks to leave; which one it is, is drawn
    // at the exit: the two are exchangeable)
    const t0 = this.clock[0]!;
    this.dT0[id] = t0;
    this.dT[id] = t0 + sq.exitTime2D(k, rng);
    this.mark(cx, cy, L + 1, id);
    app.setHopEntity(v, NONE);
    this.heapPush(id);
    this.count++;
    this.stats.protected++;
    this.stats.sumL += L;
  }

  /** the last column a ring scan found unclean (consider tries it first), or -1 */
  private failCol = -1;

  // The ring's and the square's columns are walked row by row: each row's y and each step's x wrap
  // once, as col() wraps them (r <= maxL + 1 < nx / 2, ny / 2), so the columns and their order are
  // col()'s (issue 11, branch speed12: the same reads, without col()'s per-column wrap of both axes).

  private ringClean(cx: number, cy: number, r: number, z: number, F: number, B: number): boolean {
    const nx = this.nx, ny = this.ny;
    let c: number;
    let yT = cy - r, yB = cy + r, x = cx - r;
    if (yT < 0) yT += ny;
    if (yB >= ny) yB -= ny;
    if (x < 0) x += nx;
    const rowT = nx * yT, rowB = nx * yB;
    for (let d = -r; d <= r; d++) {
      if (!this.cleanColumn(c = x + rowT, z, F, B, false)) { this.failCol = c; return false; }
      if (!this.cleanColumn(c = x + rowB, z, F, B, false)) { this.failCol = c; return false; }
      if (++x === nx) x = 0;
    }
    let xL = cx - r, xR = cx + r, y = cy - r + 1;
    if (xL < 0) xL += nx;
    if (xR >= nx) xR -= nx;
    if (y < 0) y += ny;
    for (let d = -r + 1; d <= r - 1; d++) {
      const row = nx * y;
      if (!this.cleanColumn(c = xL + row, z, F, B, false)) { this.failCol = c; return false; }
      if (!this.cleanColumn(c = xR + row, z, F, B, false)) { this.failCol = c; return false; }
      if (++y === ny) y = 0;
    }
    return true;
  }

  private mark(cx: number, cy: number, r: number, id: number): void {
    const nx = this.nx, ny = this.ny, owner = this.owner;
    let y = cy - r, x0 = cx - r;
    if (y < 0) y += ny;
    if (x0 < 0) x0 += nx;
    for (let dy = -r; dy <= r; dy++) {
      const row = nx * y;
      let x = x0;
      for (let dx = -r; dx <= r; dx++) { owner[x + row] = id; if (++x === nx) x = 0; }
      if (++y === ny) y = 0;
    }
  }

  /**
   * Called with every drawn entity before it is executed: if its voxel lies in a domain, the
   * domain's atom is placed at its drawn position first and the entity that stands for the same
   * event there is returned.
   */
  beforeEvent(entity: number): number {
    const app = this.app, v = app.slots.slotKey[entity >> 1]!, nxy = this.nxy;
    const col = v % nxy;
    const id = this.owner[col]!;
    if (id === NONE) return entity;
    const z = (v - col) / nxy, zf = this.dz[id]!;
    if (z < zf - 1 || z > zf + 4) return entity;
    const cls = app.solver.classOf(entity);
    const c = this.dc[id]!;
    if (v === c && (entity & 1) === 0) {
      // the atom's own oxidation: the lattice it leaves is the same wherever the atom was
      this.stats.resolved++;
      this.release(id, 0, 0);
      return entity;
    }
    const p = this.resolve(id);
    // sigma: the atom's place, the voxel above it and the floor voxel below it swap between the
    // columns of c and p (levels z .. z + 2 only: every other voxel has the same events wherever
    // the atom is)
    let w = v;
    if (p !== c && z >= zf && z <= zf + 2) {
      const dv = v - col, cc = c % nxy, pc = p % nxy;
      if (col === cc) w = pc + dv; else if (col === pc) w = cc + dv;
    }
    const slot = app.slots.get(w);
    const e = slot < 0 ? NONE : slot * 2 + (entity & 1);
    if (e < 0 || app.solver.classOf(e) !== cls) {
      throw new Error(`first-passage relabelling: event of voxel ${v} (class ${cls}) has no counterpart at ${w} after the atom moved from ${c} to ${p}`);
    }
    return e;
  }

  /** Before a hop lands on voxel dest: if dest lies in a domain (its ring), that domain's atom is placed first. */
  beforeLanding(dest: number): void {
    const id = this.domainAt(dest);
    if (id !== NONE) this.resolve(id);
  }

  /**
   * sealed_pores void (apps/liquid.ts): whether a liquid relabel of the voxels in list (found with every protected atom
   * at its domain's centre) reaches a domain, at the levels an event resolves it at (its columns, z - 1 .. z + 4).
   */
  reaches(list: readonly number[]): boolean {
    for (let i = 0; i < list.length; i++) if (this.domainAt(list[i]!) !== NONE) return true;
    return false;
  }

  /**
   * Before such a relabel: every domain it reaches is resolved (its atom placed at its drawn position), as an event there
   * would resolve it. The caller finds the relabel's list again on the true codes (the atom's voxel is in it when it was
   * not, and its drawn place is not). list: a copy (a placement may run the liquid rules, which use the caller's buffers).
   */
  beforeRelabel(list: readonly number[]): void {
    for (let i = 0; i < list.length; i++) {
      const id = this.domainAt(list[i]!);
      if (id !== NONE) { this.stats.liquid++; this.resolve(id); }
    }
  }

  /** the open domain whose columns and levels (z - 1 .. z + 4 of its centre) hold voxel v, or NONE: what an event there resolves */
  private domainAt(v: number): number {
    const nxy = this.nxy, col = v % nxy, id = this.owner[col]!;
    if (id === NONE) return NONE;
    const z = (v - col) / nxy, zf = this.dz[id]!;
    return z >= zf - 1 && z <= zf + 4 ? id : NONE;
  }

  /**
   * Every open domain is still clean where a change of codes could have made it otherwise unseen (checkConsistency): the
   * levels z + 1 .. z + 3 of its columns EMPTY but for its atom at the centre, the atom METAL, its columns owned by it.
   * Returns the first fault, or null.
   */
  checkDomains(): string | null {
    const code = this.app.code, nxy = this.nxy;
    for (let h = 0; h < this.count; h++) {
      const id = this.heap[h]!, c = this.dc[id]!, L = this.dL[id]!, z = this.dz[id]!;
      if (code[c] !== METAL) return `domain ${id}: its atom's voxel ${c} holds code ${code[c]}`;
      const c0 = c % nxy, cx = c0 % this.nx, cy = (c0 / this.nx) | 0;
      for (let dy = -L - 1; dy <= L + 1; dy++) for (let dx = -L - 1; dx <= L + 1; dx++) {
        const col = this.col(cx, cy, dx, dy);
        if (this.owner[col] !== id) return `domain ${id}: column ${col} owned by ${this.owner[col]}`;
        for (let k = 1; k <= 3; k++) {
          const w = col + (z + k) * nxy;
          if (w !== c && code[w] !== EMPTY) return `domain ${id}: voxel ${w} (level z + ${k}) holds code ${code[w]}, not EMPTY`;
        }
      }
    }
    return null;
  }

  /** Before the kills of a connectivity check: protected atoms among the dead are placed first. */
  beforeKill(dead: number[]): void {
    for (let i = 0; i < dead.length; i++) {
      const v = dead[i]!, id = this.owner[v % this.nxy]!;
      if (id !== NONE && this.dc[id] === v) dead[i] = this.resolve(id);
    }
  }

  /** Places every protected atom at its drawn position (step ends, rebuilds). */
  resolveAll(): void {
    while (this.count > 0) this.resolve(this.heap[0]!);
  }

  /** The exit of the domain whose time is heapT[0] (the clock stands at it). */
  exitNext(): void {
    const id = this.heap[0]!, L = this.dL[id]!, k = this.dK[id]!;
    const T = this.dT[id]! - this.dT0[id]!;
    const rng = this.app.rng, sq = squareExit(L);
    const u = rng.next();
    const side = (u < 0.25 || (u >= 0.5 && u < 0.75)) ? -(L + 1) : L + 1;
    const other = sq.positionGivenSurvival(T, k, rng);
    const dx = u < 0.5 ? side : other, dy = u < 0.5 ? other : side;
    this.stats.exits++;
    this.stats.hopsReplaced += 4 * k * T;
    const dest = this.release(id, dx, dy);
    this.consider(dest);
  }

  /** Draws the position of domain id's atom now (given no exit yet), moves it there, releases the domain. */
  private resolve(id: number): number {
    const L = this.dL[id]!, k = this.dK[id]!, t = this.clock![0]! - this.dT0[id]!;
    const sq = squareExit(L), rng = this.app.rng;
    const dx = sq.positionGivenSurvival(t, k, rng), dy = sq.positionGivenSurvival(t, k, rng);
    this.stats.resolved++;
    return this.release(id, dx, dy, true);
  }

  /** Moves domain id's atom by (dx, dy) columns, gives it its hop event back, frees the domain; returns its voxel. */
  private release(id: number, dx: number, dy: number, placement = false): number {
    const app = this.app, c = this.dc[id]!, nxy = this.nxy, z1 = this.dz[id]! + 1;
    const c0 = c - z1 * nxy, cx = c0 % this.nx, cy = (c0 / this.nx) | 0;
    const before = this.verify && placement && (dx !== 0 || dy !== 0) ? this.classesAround(cx, cy, this.dL[id]! + 2, z1 - 1) : null;
    this.mark(cx, cy, this.dL[id]! + 1, NONE);
    this.heapRemove(id);
    this.count--;
    this.free.push(id);
    app.setHopEntity(c, this.dHop[id]!);
    if (dx === 0 && dy === 0) return c;
    const dest = this.col(cx, cy, dx, dy) + z1 * nxy;
    // (an exit is a hop's move onto the ring: under sealed_pores void it may seal liquid beyond the ring, as the hop would;
    // a placement inside the square never does, see the header)
    app.teleport(c, dest, !placement);
    if (before) this.checkSwap(before, cx, cy, this.dL[id]! + 2, z1 - 1, c0, dest - z1 * nxy, c, this.dHop[id]!);
    return dest;
  }

  // ---- self-check of the swap argument (tests): every event around a domain before the atom is
  // placed (atom at c, its hops out of the solver) has the class of the event at the swapped voxel
  // after it is placed at p (its hops back)

  /** set by tests: check the swap argument at every placement away from the centre (slow) */
  verify = false;
  /** placements checked by verify */
  verified = 0;

  private classesAround(cx: number, cy: number, r: number, zf: number): Int32Array {
    const app = this.app, nxy = this.nxy, side = 2 * r + 1, out = new Int32Array(side * side * 6 * 2).fill(-9);
    let k = 0;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const col = this.col(cx, cy, dx, dy);
      for (let z = zf - 1; z <= zf + 4; z++, k += 2) {
        if (z < 0 || z >= this.nz) continue;
        const slot = app.slots.get(col + z * nxy);
        out[k] = slot < 0 ? NONE : app.solver.classOf(2 * slot);
        out[k + 1] = slot < 0 ? NONE : app.solver.classOf(2 * slot + 1);
      }
    }
    return out;
  }

  private checkSwap(before: Int32Array, cx: number, cy: number, r: number, zf: number, cc: number, pc: number, c: number, hop: number): void {
    const after = this.classesAround(cx, cy, r, zf), side = 2 * r + 1, nxy = this.nxy;
    const index = (col: number, z: number): number => {
      const x = col % this.nx, y = (col / this.nx) | 0;
      let dx = x - cx, dy = y - cy;
      if (dx > r) dx -= this.nx; else if (dx < -r) dx += this.nx;
      if (dy > r) dy -= this.ny; else if (dy < -r) dy += this.ny;
      return (((dy + r) * side + (dx + r)) * 6 + (z - zf + 1)) * 2;
    };
    let k = 0;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const col = this.col(cx, cy, dx, dy);
      for (let z = zf - 1; z <= zf + 4; z++, k += 2) {
        if (z < 0 || z >= this.nz) continue;
        let wc = col;
        if (z >= zf && z <= zf + 2) { if (col === cc) wc = pc; else if (col === pc) wc = cc; }
        const j = index(wc, z);
        const hopBefore = col + z * nxy === c ? hop : before[k + 1]!;
        if (before[k] !== after[j] || hopBefore !== after[j + 1]) {
          throw new Error(`first-passage swap check: voxel ${col + z * nxy} (faradaic ${before[k]}, hop ${hopBefore}) vs voxel ${wc + z * nxy} after the atom moved (faradaic ${after[j]}, hop ${after[j + 1]})`);
        }
      }
    }
    this.verified++;
  }

  // ---- binary min-heap of exit times

  private heapPush(id: number): void {
    let i = this.count;
    this.heap[i] = id; this.heapTimes[i] = this.dT[id]!; this.dHeap[id] = i;
    this.siftUp(i);
    this.heapT[0] = this.heapTimes[0]!;
  }

  private heapRemove(id: number): void {
    const i = this.dHeap[id]!, last = this.count - 1;
    if (i !== last) {
      const m = this.heap[last]!;
      this.heap[i] = m; this.heapTimes[i] = this.heapTimes[last]!; this.dHeap[m] = i;
      this.siftDown(i, last);
      this.siftUp(i);
    }
    this.heapT[0] = last > 0 ? this.heapTimes[0]! : Infinity;
  }

  private siftUp(i: number): void {
    const t = this.heapTimes;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p]! <= t[i]!) break;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number, n: number): void {
    const t = this.heapTimes;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && t[l]! < t[m]!) m = l;
      if (r < n && t[r]! < t[m]!) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const h = this.heap, t = this.heapTimes;
    const a = h[i]!, b = h[j]!;
    h[i] = b; h[j] = a; this.dHeap[b] = i; this.dHeap[a] = j;
    const x = t[i]!; t[i] = t[j]!; t[j] = x;
  }

  /** Bytes held (owner map + per-domain arrays). */
  bytes(): number { return this.owner.byteLength + this.cap * (4 * 6 + 8 * 4); }
}
