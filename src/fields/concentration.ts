/**
 * The electrolyte concentration field (MODEL.md 8.1): salt concentration c (= cation
 * concentration, electroneutral binary salt) on a grid of cells coarser than the voxels, from the
 * collector up to a boundary plane.
 *
 * Grid. Cells are b x b voxels laterally (periodic in x and y, like the lattice) and b voxel layers
 * high inside the kMC box. Above the box (when the boundary plane lies above it) the grid goes on
 * with cells of the same lateral size whose height grows geometrically (ratio 1.2) up to the
 * plane, so a 20 um separator costs a few dozen layers. A cell's electrolyte volume is its number
 * of EMPTY voxels x a^3 (solid voxels, metal, host or SAC, exclude electrolyte); cells above the
 * box are all electrolyte.
 *
 * State: the moles of salt N in each cell; c = N / (open volume). Diffusion between neighbouring
 * cells is a finite-volume flux G (c_i - c_j) with G = D (open face area) / (centre distance), the
 * face area scaled by the smaller open fraction of the two cells (a fully solid cell is closed).
 *
 * Time step: backward Euler, split by direction (x, then y, then z lines; Lie splitting), each line
 * an exact tridiagonal solve (cyclic in x and y). Every flux enters the two cells it joins with
 * opposite signs, so the scheme conserves salt to round-off for any dt, and it is unconditionally
 * stable (dt may exceed the cells' diffusion time by orders of magnitude: the field then relaxes to
 * its quasi-steady state, as it should between two rare reductions). An interval longer than max(0.01 L^2 / D, 100 h^2 / D)
 * (L the collector-to-plane height) and at most 20 L^2 / D is split into sub-steps growing 1.2 times (stepsOf; branch
 * restfield): one step damps a mode of time tau by 1 / (1 + dt / tau) where diffusion gives exp(-dt / tau), and a rest with
 * few events relaxed the layer too slowly (0.773 c0 against 0.824 at the surface after 0.42 s of a 20 um layer; now 0.818).
 *
 * Boundary plane: 'diffusion_layer' holds c = c0 there (a reservoir: the flux through it is
 * counted); 'separator' is a counter electrode behind a separator that releases as much salt as
 * the working electrode consumes (a closed symmetric cell: total salt is constant), spread evenly
 * over the top cells.
 *
 * The counter's freed volume (branch separator). The counter is the same metal: each voxel the working electrode
 * plates is a^3 of metal the counter strips, with the same charge and molar volume, so the liquid's volume is constant
 * (the deposit takes a^3 of electrolyte, the receding counter frees a^3 behind the separator). The freed volume
 * (`counterGap`, net of what the counter plates back while the working electrode strips) is electrolyte between the
 * separator plane and the counter; it is added to the top layer's cells in equal shares, with the counter's salt and at
 * the same moment (the next update; a cell's open volume is its EMPTY voxels plus its share). So total salt over total
 * open volume stays c0 to round-off while plating or stripping. The gap is taken as well mixed with the top layer (its
 * own diffusion time h_gap^2 / D is 3 ms for 1 um) and the faces' conductances are left as they are; the separator
 * plane stays where it is (the short-circuit rule, a deposit at the plane, is unchanged). A share that would take a
 * top cell below a tenth of its own volume (the counter plating back more than it stripped: a working electrode
 * stripping metal it did not plate) is held there. Until branch separator the gap was not modelled: a cell lost a^3 of
 * volume a reduction with its salt held, and the mean rose as the deposit filled the gap (2.03 M with a 1 um separator
 * at its short circuit, c_s 2.87 M; +2 % for 0.1 mAh/cm2 with 25 um: docs/transport.md). 'diffusion_layer' needs
 * nothing: its plane is a reservoir at c0 that takes the displaced electrolyte's salt.
 *
 * No salt owed (branch saltneg). A reduction takes (1 - t+) n_v of salt at once, 47 times a one-voxel cell's content at
 * 1 M LiPF6. After every update an open cell below zero takes what it lacks from the liquid joined to it through open
 * faces (settle: the cells within the update's diffusion length give the same fraction of their salt, then the rings
 * beyond, nearest first); a closing cell's deficit goes to its open neighbours, but one the closing seals off from the
 * top layer gives at most the salt it holds (a sealed pore is a closed volume); the counter's release goes to the top
 * cells that hold liquid. Until branch saltneg cells kept negative salt (-7.7 c0 after an update at a 1 um separator's
 * short circuit, 23 % of its liquid below zero), sealed pores kept the deficit for good, and past Sand's time plating
 * ran on that owed salt (docs/transport.md, "A reduction's salt").
 */

import { FastLineSolves } from './line-solve.js';

/** the sub-step bound as a share of the field's L^2 / D (branch restfield: docs/transport.md "Splitting and time stepping") */
export const SUBSTEP_FRACTION = 0.01;
/** and at least this many cell diffusion times h^2 / D, so that the updates of a run with events (every 30 h^2 / D at
 *  the most, Transport.maxStale) stay one step */
export const SUBSTEP_MIN_CELL_TIMES = 100;
/** an interval above this many L^2 / D is one step again (branch restfield) */
export const SUBSTEP_ONE_STEP_ABOVE = 20;
/** each sub-step this many times the one before (branch restfield) */
export const SUBSTEP_GROWTH = 1.2;

export type BoundaryKind = 'separator' | 'diffusion_layer';

/**
 * The grid's layer heights, m, bottom up, for cells of b voxels of edge a: b-voxel layers in the box up to the plane (or
 * the box's top, voxel layer zTopVox), then above the box a tail whose heights grow by 1.2 from the cell's edge up to
 * the plane, with no sliver at the top. Geometry alone (the constructor's; cli/transport-lines.ts counts a coarser
 * grid's cells with it: branch fieldcost66).
 */
export function layerHeights(nz: number, a: number, b: number, planeZ_m: number): { zTopVox: number; heights: number[] } {
  const planeVox = planeZ_m / a;
  const zTopVox = Math.min(nz, Math.floor(planeVox + 1e-9));
  const heights: number[] = [];
  for (let z0 = 0; z0 < zTopVox; z0 += b) heights.push((Math.min(z0 + b, zTopVox) - z0) * a);
  // geometric tail above the box up to the plane
  let z = zTopVox * a;
  if (planeZ_m > z + 1e-3 * a) {
    let h = b * a;
    while (z < planeZ_m - 1e-12) {
      h *= 1.2;
      let hh = Math.min(h, planeZ_m - z);
      if (planeZ_m - (z + hh) < 0.5 * h) hh = planeZ_m - z; // no sliver at the top
      heights.push(hh);
      z += hh;
    }
  }
  return { zTopVox, heights };
}

export interface FieldSpec {
  /** lattice size in voxels */
  nx: number; ny: number; nz: number;
  /** voxel edge, m */
  a: number;
  /** cell edge in voxels (divides nx and ny) */
  b: number;
  /** z (in voxel layers) of the boundary plane; the grid covers voxel layers below it, and above
   *  the box up to planeZ_m when the plane is above the box */
  planeZ_m: number;
  boundary: BoundaryKind;
  c0: number; // mol/m3
  D: number; // m2/s
}

export class ConcentrationField {
  readonly spec: FieldSpec;
  /** cells per direction; nzBox of the nz cells lie in the kMC box */
  readonly ncx: number; readonly ncy: number; readonly ncz: number; readonly nzBox: number;
  readonly nCells: number;
  /** voxel layers covered by the field inside the box (layers >= this are beyond the plane) */
  readonly zTopVox: number;
  /** per cell: salt, mol */
  readonly N: Float64Array;
  /** per box cell: EMPTY voxels and all voxels in it */
  readonly open: Int32Array;
  readonly nvox: Int32Array;
  /** per layer: height, m, and centre z, m */
  readonly hz: Float64Array;
  readonly zc: Float64Array;
  readonly hx: number;
  private readonly a3: number;
  /** per cell: open volume, m3, and open fraction (kept current by setOpen) */
  private readonly cap: Float64Array;
  private readonly phiOf: Float64Array;
  private readonly cxOf: Int32Array;
  private readonly cyOf: Int32Array;
  private readonly ckOf: Int32Array;
  // bookkeeping (mol)
  /** salt that entered through the boundary plane (reservoir or counter electrode) */
  inflow = 0;
  /** salt removed by reductions minus salt released by oxidations */
  consumed = 0;
  /** salt released by the counter electrode not yet spread over the top cells */
  private pendingSource = 0;
  /** volume the counter electrode has freed behind the separator (net of what it plated back), m3, in the top layer's
   *  cells in equal shares (the module comment; 0 with a diffusion layer) */
  counterGap = 0;
  /** volume the counter has freed since the last update, m3: it enters with the counter's salt */
  private pendingGap = 0;
  /** total salt at the start */
  readonly initial: number;
  // line buffers
  private readonly la: Float64Array; private readonly lb: Float64Array; private readonly lc: Float64Array;
  private readonly lr: Float64Array; private readonly lx: Float64Array;
  private readonly lu: Float64Array; private readonly lg: Float64Array; private readonly lw: Float64Array;
  private readonly idx: Int32Array;
  /** the line solves with less work: lateral lines of open cells on one factorisation, z columns in one pass (fields/line-solve.ts) */
  readonly fast = new FastLineSolves();
  private readonly zG: Float64Array;
  private readonly zTopG: number;

  constructor(spec: FieldSpec, code: Uint8Array, isElectrolyte: (c: number) => boolean = (c) => c === 0) {
    this.spec = spec;
    const { nx, ny, nz, a, b } = spec;
    if (nx % b !== 0 || ny % b !== 0) throw new Error(`field cell of ${b} voxels must divide the lattice's x and y sizes (${nx}, ${ny})`);
    this.ncx = nx / b; this.ncy = ny / b;
    this.hx = b * a;
    this.a3 = a * a * a;
    const { zTopVox, heights } = layerHeights(nz, a, b, spec.planeZ_m);
    this.zTopVox = zTopVox;
    if (this.zTopVox < 1) throw new Error('the boundary plane lies below the first voxel layer');
    const layerOfZ = new Int32Array(nz).fill(-1);
    for (let z0 = 0, k = 0; z0 < this.zTopVox; z0 += b, k++) {
      const z1 = Math.min(z0 + b, this.zTopVox);
      for (let z = z0; z < z1; z++) layerOfZ[z] = k;
    }
    this.nzBox = Math.ceil(this.zTopVox / b);
    this.ncz = heights.length;
    this.hz = Float64Array.from(heights);
    this.zc = new Float64Array(this.ncz);
    { let acc = 0; for (let k = 0; k < this.ncz; k++) { this.zc[k] = acc + this.hz[k]! / 2; acc += this.hz[k]!; } }
    this.nCells = this.ncx * this.ncy * this.ncz;
    this.N = new Float64Array(this.nCells);
    const nBox = this.ncx * this.ncy * this.nzBox;
    this.open = new Int32Array(nBox);
    this.nvox = new Int32Array(nBox);
    this.cxOf = new Int32Array(nx); for (let x = 0; x < nx; x++) this.cxOf[x] = (x / b) | 0;
    this.cyOf = new Int32Array(ny); for (let y = 0; y < ny; y++) this.cyOf[y] = (y / b) | 0;
    this.ckOf = layerOfZ;
    const nxy = nx * ny;
    for (let zz = 0; zz < this.zTopVox; zz++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const cell = this.cxOf[x]! + this.ncx * (this.cyOf[y]! + this.ncy * this.ckOf[zz]!);
          this.nvox[cell]!++;
          if (isElectrolyte(code[x + nx * y + nxy * zz]!)) this.open[cell]!++;
        }
      }
    }
    this.#cellOf = nBox < 32768 ? new Int16Array(nxy * this.zTopVox) : new Int32Array(nxy * this.zTopVox);
    for (let v = 0; v < this.#cellOf.length; v++) this.#cellOf[v] = this.cellOfVoxelArith(v);
    this.#mark = new Int32Array(this.nCells);
    this.#queue = new Int32Array(this.nCells);
    this.#joined = new Uint8Array(nBox);
    this.dN = new Float64Array(this.nCells);
    this.dirty = new Uint8Array(this.nCells);
    this.atUpdate = new Float64Array(this.nCells);
    this.changed = new Uint8Array(this.nCells);
    this.keep = new Float64Array(this.nCells);
    this.cap = new Float64Array(this.nCells);
    this.phiOf = new Float64Array(this.nCells);
    for (let i = 0; i < this.nCells; i++) this.refreshCell(i);
    this.refreshTop();
    let tot = 0;
    for (let i = 0; i < this.nCells; i++) { this.N[i] = spec.c0 * this.cap[i]!; tot += this.N[i]!; }
    this.initial = tot;
    // z-face conductances per unit open fraction, and the top face to the boundary plane
    this.zG = new Float64Array(this.ncz);
    for (let k = 0; k + 1 < this.ncz; k++) this.zG[k] = (spec.D * this.hx * this.hx) / (0.5 * (this.hz[k]! + this.hz[k + 1]!));
    this.zTopG = (spec.D * this.hx * this.hx) / (0.5 * this.hz[this.ncz - 1]!);
    { let L = 0; for (let k = 0; k < this.ncz; k++) L += this.hz[k]!; this.#maxStep_s = Math.max(SUBSTEP_FRACTION * L * L, SUBSTEP_MIN_CELL_TIMES * this.hx * this.hx) / spec.D;
      this.#oneStepAbove_s = (SUBSTEP_ONE_STEP_ABOVE * L * L) / spec.D; }
    const m = Math.max(this.ncx, this.ncy, this.ncz);
    this.la = new Float64Array(m); this.lb = new Float64Array(m); this.lc = new Float64Array(m);
    this.lr = new Float64Array(m); this.lx = new Float64Array(m);
    this.lu = new Float64Array(m); this.lg = new Float64Array(m); this.lw = new Float64Array(m);
    this.idx = new Int32Array(m);
  }

  private refreshCell(i: number): void {
    const nBox = this.open.length;
    if (i < nBox) {
      this.cap[i] = this.open[i]! * this.a3;
      this.phiOf[i] = this.nvox[i]! > 0 ? this.open[i]! / this.nvox[i]! : 0;
    } else {
      const k = (i / (this.ncx * this.ncy)) | 0;
      this.cap[i] = this.hx * this.hx * this.hz[k]!;
      this.phiOf[i] = 1;
    }
    // the counter's freed volume, in the top layer's open cells in equal shares (a closed cell holds none: the deposit
    // reached the plane there)
    if (this.counterGap !== 0 && i >= (this.ncz - 1) * this.ncx * this.ncy) {
      const own = this.cap[i]!;
      if (own > 0) { const c = own + this.counterGap / this.topOpen; this.cap[i] = c > 0.1 * own ? c : 0.1 * own; }
    }
  }

  /** top-layer cells with electrolyte of their own (they share the counter's freed volume) */
  private topOpen = 0;
  /** recounts the top layer's open cells and gives each its share of the counter's freed volume */
  private refreshTop(): void {
    const nxyc = this.ncx * this.ncy, base = (this.ncz - 1) * nxyc, nBox = this.open.length;
    let m = 0;
    for (let j = 0; j < nxyc; j++) if (base + j >= nBox || this.open[base + j]! > 0) m++;
    this.topOpen = m;
    for (let j = 0; j < nxyc; j++) this.refreshCell(base + j);
  }

  /** The counter electrode stripped (dV > 0) or plated (dV < 0) dV of metal behind the separator, m3; from the next update
   *  that volume is electrolyte of the top layer (nothing with a diffusion layer). */
  counterVolume(dV_m3: number): void {
    if (this.spec.boundary === 'separator') this.pendingGap += dV_m3;
  }

  /** thickness of the counter's freed volume over the box's area, m (0 with a diffusion layer) */
  gapThickness(): number { return this.counterGap / (this.ncx * this.ncy * this.hx * this.hx); }

  /** open (electrolyte) volume of a cell, m3 */
  capacity(i: number): number { return this.cap[i]!; }

  /** concentration of a cell, mol/m3 (0 for a closed cell) */
  conc(i: number): number {
    const cap = this.cap[i]!;
    return cap > 0 ? this.N[i]! / cap : 0;
  }

  /**
   * cell of voxel index v, or -1 beyond the boundary plane: a table lookup since branch fieldgrid (2 bytes a voxel
   * below the plane while the box has fewer than 32,768 cells, else 4), the arithmetic (cellOfVoxelArith) before.
   * The table is a #private field: geometry alone, built by every constructor, so a checkpoint neither records nor
   * needs it (simulation/engine-state.ts records own properties only).
   */
  cellOfVoxel(v: number): number {
    const t = this.#cellOf;
    return v < t.length ? t[v]! : -1;
  }
  readonly #cellOf: Int16Array | Int32Array;

  /** cellOfVoxel by arithmetic (the table's source) */
  cellOfVoxelArith(v: number): number {
    const { nx, ny } = this.spec;
    // integer quotients by truncated division (exact for v < 2^31; until branch fieldspeed by %, which ran as fmod on doubles)
    const nxy = nx * ny;
    const z = (v / nxy) | 0;
    const r = v - z * nxy;
    const y = (r / nx) | 0;
    const x = r - y * nx;
    if (z >= this.zTopVox) return -1;
    return this.cxOf[x]! + this.ncx * (this.cyOf[y]! + this.ncy * this.ckOf[z]!);
  }

  /** A voxel of cell i turned from electrolyte to solid (or back: opened = true). */
  setOpen(i: number, opened: boolean): void {
    if (i < 0) return;
    const was = this.open[i]!;
    this.open[i]! += opened ? 1 : -1;
    // a top-layer cell that closes or reopens changes every top cell's share of the counter's freed volume
    if ((was === 0) !== (this.open[i] === 0)) this.#openVersion++; // the joined mask is stale (refreshJoined)
    if ((was === 0) !== (this.open[i] === 0) && i >= (this.ncz - 1) * this.ncx * this.ncy) this.refreshTop();
    else this.refreshCell(i);
    if (!opened && this.open[i] === 0 && this.N[i] !== 0) this.spill(i);
  }

  /**
   * A solid voxel moved (an adatom's hop) from cell `opened` to cell `closed`: the electrolyte it displaces in `closed`
   * takes the place it left in `opened`, with its salt (one voxel at `closed`'s concentration). A cell whose last
   * electrolyte voxel is taken so hands its salt on with it, not to its neighbours. Until branch fieldclock only the open
   * voxels moved: the cell left behind reopened without salt (c = 0 in a cell of one voxel) until the next update,
   * and every reduction drawn into it was rejected (docs/transport.md, "The field's clock at a reduction").
   */
  moveSolid(opened: number, closed: number): void {
    if (opened < 0 || closed < 0 || opened === closed) { this.setOpen(opened, true); this.setOpen(closed, false); return; }
    const cap = this.cap[closed]!;
    const open = this.open[closed]!;
    const mol = open <= 1 ? this.N[closed]! : cap > 0 ? (this.N[closed]! * this.a3) / cap : 0;
    this.note(closed); this.note(opened);
    this.N[closed]! -= mol;
    if (open <= 1) this.N[closed] = 0;
    this.N[opened]! += mol;
    this.setOpen(opened, true);
    this.setOpen(closed, false);
  }

  /**
   * A cell that has just closed (its last electrolyte voxel became solid) hands its salt to its open face neighbours in
   * equal parts; an enclosed cell keeps it (trapped electrolyte, released when the cell reopens). A deficit a reduction
   * left in it is handed on the same way, except that a neighbour the closing has sealed off from the top layer (a pore:
   * its liquid no longer reaches the boundary plane) takes at most the salt it holds, and the neighbours still joined to
   * the open liquid take the rest (the next update spreads it as before). Until branch saltneg a sealed pore took its
   * equal part of the deficit and kept it for good (-22 c0 a^3 in a one-voxel pore: docs/transport.md, "A reduction's
   * salt").
   */
  private spill(i: number): void {
    const { ncx, ncy, ncz } = this;
    const nxyc = ncx * ncy;
    const k = (i / nxyc) | 0, j = i - k * nxyc, cy = (j / ncx) | 0, cx = j - cy * ncx;
    const nb = this.nbBuf;
    let m = 0;
    const add = (t: number) => { if (t !== i && this.capacity(t) > 0 && nb.indexOf(t) < 0) nb[m++] = t; };
    nb.fill(-1);
    add(((cx + 1) % ncx) + ncx * cy + nxyc * k);
    add(((cx + ncx - 1) % ncx) + ncx * cy + nxyc * k);
    add(cx + ncx * ((cy + 1) % ncy) + nxyc * k);
    add(cx + ncx * ((cy + ncy - 1) % ncy) + nxyc * k);
    if (k + 1 < ncz) add(i + nxyc);
    if (k > 0) add(i - nxyc);
    if (m === 0) {
      // no liquid on any face (the last voxel of a pore the deposit had sealed): its salt stays (trapped electrolyte,
      // released when the cell reopens), but a reduction's deficit is taken from all the liquid as settle takes what a
      // sealed pore cannot give (branch fieldcost2: until then the closed cell kept it for good, out of settle's reach,
      // and the liquid held one reduction's salt more than the events left it)
      if (this.N[i]! < 0) {
        this.note(i);
        const need = -this.N[i]!;
        this.N[i] = 0;
        const take = this.takeFromAll(need, true);
        if (need > take) this.N[i] = take - need; // no salt left anywhere: the rest stays here, as in settle
      }
      return;
    }
    this.note(i);
    let rest = this.N[i]!;
    this.N[i] = 0;
    if (rest < 0) {
      // a sealed neighbour gives at most its salt; the joined ones take the rest
      const sealed = this.#sealed;
      let joined = 0;
      for (let t = 0; t < m; t++) { sealed[t] = this.reachesTop(nb[t]!) ? 0 : 1; if (!sealed[t]) joined++; }
      if (joined < m) {
        const share = rest / m;
        for (let t = 0; t < m; t++) {
          if (!sealed[t]) continue;
          const c = nb[t]!, n = this.N[c]!, give = n > 0 ? (n < -share ? n : -share) : 0;
          if (give > 0) { this.note(c); this.N[c] = n - give; rest += give; }
        }
        if (joined === 0) {
          // closing inside a sealed pore: what its liquid could not give waits in a neighbour for the update's settle
          this.note(nb[0]!); this.N[nb[0]!]! += rest;
          return;
        }
        const per = rest / joined;
        for (let t = 0; t < m; t++) if (!sealed[t]) { this.note(nb[t]!); this.N[nb[t]!]! += per; }
        return;
      }
    }
    const share = rest / m;
    for (let t = 0; t < m; t++) { this.note(nb[t]!); this.N[nb[t]!]! += share; }
  }
  private readonly nbBuf = new Int32Array(6);

  /** Removes salt from cell i (negative: releases it), mol. */
  consume(i: number, mol: number): void {
    if (i < 0) return;
    this.note(i);
    this.N[i]! -= mol;
    // largest change of one cell's salt since the last update, relative to the cell's bulk content
    const d = (this.dN[i]! += mol);
    if (!this.dirty[i]) { this.dirty[i] = 1; this.touched.push(i); }
    const rel = Math.abs(d) / (this.spec.c0 * this.fullVolume(i));
    if (rel > this.maxRelChange) this.maxRelChange = rel;
    this.consumed += mol;
    if (this.spec.boundary === 'separator') this.pendingSource += mol;
  }

  /** salt reductions took that the liquid connected to their cells did not hold, taken from all the liquid in proportion to
   *  its salt instead (settle), mol */
  unsupplied = 0;

  /**
   * An open cell below zero after a field update takes what it lacks from the liquid joined to it through open faces:
   * the cells up to `reach` faces away (the diffusion length sqrt(D dt) of the update, in cells, at least one) give the
   * same fraction of their salt; where they hold less than the rest they give all of it and the rings beyond give the
   * remainder, nearest first, each ring the same fraction of its cells' salt. So no cell stays below zero. What the
   * joined liquid cannot give (a sealed pore with no salt left) is taken from all the liquid in the same way and
   * counted in `unsupplied` (branch saltneg). A reduction takes (1 - t+) n_v of salt at once, 47 times a one-voxel
   * cell's content at 1 M LiPF6; the update that follows spreads it as the electrode's flux over the time passed, but
   * in crevices of one-voxel cells (lines solved one direction after the other) some cells stayed below zero: until
   * branch saltneg they kept it, down to -7.7 c0 at a 1 um separator's short circuit (docs/transport.md, "A reduction's
   * salt").
   */
  private settle(i: number, reach: number): void {
    const N = this.N, cap = this.cap, mark = this.#mark, q = this.#queue;
    const { ncx, ncy, ncz } = this;
    const nxyc = ncx * ncy;
    let need = -N[i]!;
    N[i] = 0;
    const gen = this.nextMark();
    mark[i] = gen;
    let head = 0, tail = 0, ring = 0, pool = 1;
    q[tail++] = i;
    while (need > 0 && head < tail) {
      // the next ring: the open cells one open face beyond the current ring
      const ringStart = tail;
      for (let r = head; r < ringStart; r++) tail = this.pushOpenNeighbours(q[r]!, q, tail, gen);
      head = ringStart;
      if (++ring < reach && tail > head) continue; // the rings within reach give together
      const from = pool;
      pool = tail;
      let S = 0;
      for (let r = from; r < tail; r++) { const n = N[q[r]!]!; if (n > 0) S += n; }
      if (!(S > 0)) continue;
      const frac = need < S ? need / S : 1;
      for (let r = from; r < tail; r++) {
        const t = q[r]!, n = N[t]!;
        if (n > 0) N[t] = frac === 1 ? 0 : n - n * frac;
      }
      need = frac === 1 ? need - S : 0;
    }
    if (need > 0) {
      // the connected liquid holds no salt: all the liquid gives the same fraction of its salt
      const take = this.takeFromAll(need, false);
      if (need > take) N[i] = take - need; // no salt left anywhere: the rest stays here
    }
  }

  /**
   * All the liquid gives the same fraction of its salt, need mol in all (or all it holds, if less); counted in
   * `unsupplied`; returns what it gave. noted: the cells it changes are noted for relaxChanges (a spill between updates).
   */
  private takeFromAll(need: number, noted: boolean): number {
    const N = this.N, cap = this.cap;
    let S = 0;
    for (let t = 0; t < this.nCells; t++) if (cap[t]! > 0 && N[t]! > 0) S += N[t]!;
    const take = need < S ? need : S, frac = S > 0 ? take / S : 0;
    if (frac > 0) for (let t = 0; t < this.nCells; t++) if (cap[t]! > 0 && N[t]! > 0) { if (noted) this.note(t); N[t] = N[t]! - N[t]! * frac; }
    this.unsupplied += take;
    return take;
  }

  /**
   * appends to q (from tail) the open face neighbours of cell c not marked gen, marking them; returns the new tail.
   * zTop: the layers walked (all ncz by default; refreshJoined stops at the box's top layer)
   */
  private pushOpenNeighbours(c: number, q: Int32Array, tail: number, gen: number, zTop = this.ncz): number {
    const { ncx, ncy, ncz } = this, cap = this.cap, mark = this.#mark;
    const nxyc = ncx * ncy;
    const k = (c / nxyc) | 0, j = c - k * nxyc, cy = (j / ncx) | 0, cx = j - cy * ncx;
    const nb0 = ((cx + 1) % ncx) + ncx * cy + nxyc * k, nb1 = ((cx + ncx - 1) % ncx) + ncx * cy + nxyc * k;
    const nb2 = cx + ncx * ((cy + 1) % ncy) + nxyc * k, nb3 = cx + ncx * ((cy + ncy - 1) % ncy) + nxyc * k;
    if (k > 0 && mark[c - nxyc] !== gen && cap[c - nxyc]! > 0) { mark[c - nxyc] = gen; q[tail++] = c - nxyc; }
    if (mark[nb0] !== gen && cap[nb0]! > 0) { mark[nb0] = gen; q[tail++] = nb0; }
    if (mark[nb1] !== gen && cap[nb1]! > 0) { mark[nb1] = gen; q[tail++] = nb1; }
    if (mark[nb2] !== gen && cap[nb2]! > 0) { mark[nb2] = gen; q[tail++] = nb2; }
    if (mark[nb3] !== gen && cap[nb3]! > 0) { mark[nb3] = gen; q[tail++] = nb3; }
    if (k + 1 < zTop && mark[c + nxyc] !== gen && cap[c + nxyc]! > 0) { mark[c + nxyc] = gen; q[tail++] = c + nxyc; }
    return tail;
  }

  private nextMark(): number {
    if (++this.#gen === 0x7fffffff) { this.#mark.fill(0); this.#gen = 1; }
    return this.#gen;
  }

  /** reachesTop for an open box cell (branch fieldce: an oxidation's liquid, Transport.oxidationSealed); read from the
   *  joined mask while no cell has opened or closed since refreshJoined (branch fieldce2), else walked */
  joinedToTop(s: number): boolean {
    if (s < 0 || s >= this.open.length) return true;
    if (!(this.open[s]! > 0)) return false;
    return this.#joinedAt === this.#openVersion ? this.#joined[s] === 1 : this.reachesTop(s);
  }

  /**
   * joinedToTop for every box cell at once: a breadth-first walk from the open cells of the box's top layer (each joined:
   * the layer above it, or the boundary plane) through open face neighbours, periodic in x and y. Kept until a cell
   * opens or closes; the scans of rho call it first (branch fieldce2: their reduction sites in sealed liquid count
   * p = 0, as the thinning rejects them), so a scan reads every cell's answer for one walk of the box.
   */
  refreshJoined(): void {
    if (this.#joinedAt === this.#openVersion) return;
    const nxyc = this.ncx * this.ncy, nzb = this.nzBox, nBox = this.open.length, open = this.open;
    const J = this.#joined, q = this.#queue, mark = this.#mark, gen = this.nextMark();
    let head = 0, tail = 0;
    // a box cell's cap is positive exactly when it is open, so the walk over cap within the box is the walk over open
    for (let c = (nzb - 1) * nxyc; c < nBox; c++) if (open[c]! > 0) { mark[c] = gen; q[tail++] = c; }
    while (head < tail) tail = this.pushOpenNeighbours(q[head++]!, q, tail, gen, nzb);
    for (let c = 0; c < nBox; c++) J[c] = mark[c] === gen ? 1 : 0;
    this.#joinedAt = this.#openVersion;
  }
  /**
   * Whether open cell s is joined to the top layer (the boundary plane's liquid) through open faces: a depth-first walk,
   * upward first, so a cell in the open liquid is found joined in about a column's height of steps; a pore the deposit
   * has sealed is walked whole.
   */
  private reachesTop(s: number): boolean {
    const nxyc = this.ncx * this.ncy, topBase = (this.ncz - 1) * nxyc, nBox = this.open.length, q = this.#queue;
    const gen = this.nextMark();
    this.#mark[s] = gen;
    let n = 0;
    q[n++] = s;
    while (n > 0) {
      const c = q[--n]!;
      if (c >= topBase || c >= nBox) return true;
      n = this.pushOpenNeighbours(c, q, n, gen); // the cell above pushed last: popped first
    }
    return false;
  }
  /** settle's scratch: geometry-sized, built by every constructor, so a checkpoint neither records nor needs them */
  readonly #mark: Int32Array;
  readonly #queue: Int32Array;
  readonly #sealed = new Uint8Array(6);
  #gen = 0;
  /** refreshJoined's mask (1: joined) over the box cells, valid while #joinedAt equals #openVersion (cells opened or closed) */
  readonly #joined: Uint8Array;
  #openVersion = 0;
  #joinedAt = -1;

  /** largest |change of a cell's salt| since the last update / (c0 x cell volume) */
  maxRelChange = 0;
  private readonly dN: Float64Array;
  private readonly dirty: Uint8Array;
  private readonly touched: number[] = [];
  /** per cell: its salt at the last update, for the cells whose salt changed since (`changed`, `changedList`); relaxChanges' base */
  private readonly atUpdate: Float64Array;
  private readonly changed: Uint8Array;
  private readonly changedList: number[] = [];
  /** relaxChanges' scratch */
  private readonly keep: Float64Array;
  /** set during relaxChanges' solve: the boundary plane holds 0 (the perturbation's reservoir value) and the counter's release waits */
  private homogeneous = false;
  private note(i: number): void {
    if (this.changed[i] === 0) { this.changed[i] = 1; this.atUpdate[i] = this.N[i]!; this.changedList.push(i); }
  }

  /**
   * Relaxes the changes of salt since the last update (reductions, oxidations, hops, closed cells' spills) by diffusion
   * over dt, without diffusing the rest of the field: the field is its state at the last update plus the perturbation,
   * and only the perturbation is advanced (diffusion is linear: the same split solves with the boundary plane at 0 and
   * the counter's release left pending). For a faradaic event that moves no clock (fields/transport.ts relaxUnclocked):
   * its local sink or source spreads as it does over the kMC time that passes, while the field's profile stays at its
   * clock (branch fieldresid; until then only the whole field was advanced, over min(q/I, 30 h^2/D), which left a
   * one-voxel sink at 0.92 c0). A cell opened since the last update (a hop, an oxidation) is not filled by this: its
   * base is what it held then; Transport follows with a whole-field update over min(q/I, 30 h^2/D). Salt: what leaves
   * through a diffusion layer's plane is counted in inflow, so the balance stays exact.
   */
  relaxChanges(dt: number): void {
    if (!(dt > 0)) return;
    const N = this.N, keep = this.keep, base = this.atUpdate;
    keep.set(N);
    N.fill(0);
    for (const i of this.changedList) { N[i] = keep[i]! - base[i]!; keep[i] = base[i]!; }
    this.homogeneous = true;
    try { this.update(dt); } finally { this.homogeneous = false; }
    for (let i = 0; i < this.nCells; i++) N[i]! += keep[i]!;
  }

  private fullVolume(i: number): number {
    return i < this.nvox.length ? this.nvox[i]! * this.a3 : this.cap[i]!;
  }

  /** Salt in the field now, mol. */
  total(): number {
    let s = 0;
    for (let i = 0; i < this.nCells; i++) s += this.N[i]!;
    return s;
  }

  /** Advances diffusion by dt seconds (backward Euler, split by direction); then an open cell left below zero takes what
   *  it lacks from the liquid connected to it (settle; not in relaxChanges' solve of the perturbation). */
  update(dt: number): void {
    if (!(dt > 0)) return;
    // an interval longer than the sub-step bound (one with no update for a share of the field's slowest time: a rest or
    // a hold with few events, a step's catch-up) in equal backward-Euler sub-steps (branch restfield, the module comment)
    // (relaxChanges' solve of the perturbation stays one step)
    if (this.homogeneous || !(dt > this.#maxStep_s)) this.diffuse(dt);
    else { const steps = this.stepsOf(dt); for (const h of steps) this.diffuse(h); this.substeps += steps.length; }
    if (this.homogeneous) return;
    const N = this.N, cap = this.cap;
    const reach = Math.max(1, Math.round(Math.sqrt(this.spec.D * dt) / this.hx));
    let w0 = -1;
    for (let i = 0; i < this.nCells; i++) {
      if (!(N[i]! < 0 && cap[i]! > 0)) continue;
      if (w0 < 0) w0 = performance.now();
      this.settle(i, reach);
    }
    if (w0 >= 0) this.settleWall_ms += performance.now() - w0;
  }

  /** sub-steps taken by updates over intervals longer than the sub-step bound (0 when none was) */
  substeps = 0;

  /** the sub-step bound, s: max(SUBSTEP_FRACTION L^2 / D, SUBSTEP_MIN_CELL_TIMES h^2 / D), L the collector-to-plane
   *  height, h the cell's edge (geometry: a #private field, not recorded by a checkpoint) */
  #maxStep_s: number;
  get maxStep_s(): number { return this.#maxStep_s; }
  /** above this interval, s (SUBSTEP_ONE_STEP_ABOVE L^2 / D), one step again: the field has relaxed, one step leaves at
   *  most 1 / (1 + dt / tau_1) of its slowest mode, under 2 % of it */
  #oneStepAbove_s: number;

  /**
   * The sub-steps of an update over dt (branch restfield): dt itself up to the bound maxStep_s; beyond it steps growing by
   * SUBSTEP_GROWTH from at most the bound, scaled to sum to dt. A mode of time tau meets a step as long as tau only after it
   * has decayed by about exp(-1 / (SUBSTEP_GROWTH - 1)), so log(dt / bound) steps keep backward Euler's error near that of
   * dt / bound equal ones.
   */
  stepsOf(dt: number): number[] {
    const h0 = this.#maxStep_s;
    if (!(dt > h0) || dt > this.#oneStepAbove_s) return [dt];
    const r = SUBSTEP_GROWTH;
    const n = Math.ceil(Math.log(1 + (dt * (r - 1)) / h0) / Math.log(r));
    const out: number[] = [];
    let h = (dt * (r - 1)) / (r ** n - 1), left = dt;
    for (let s = 0; s < n; s++) { const step = s === n - 1 ? left : h; out.push(step); left -= step; h *= r; }
    return out;
  }

  /** wall time in settle (cells below zero after an update given the salt they lack), ms: the progress line says when
   *  it holds most of the field's time (branch fieldcost2; liquid with no salt at the reduction sites, not the grid) */
  settleWall_ms = 0;

  private diffuse(dt: number): void {
    for (const i of this.touched) { this.dN[i] = 0; this.dirty[i] = 0; }
    this.touched.length = 0;
    for (const i of this.changedList) this.changed[i] = 0;
    this.changedList.length = 0;
    this.maxRelChange = 0;
    const { ncx, ncy, ncz } = this;
    const nxyc = ncx * ncy;
    // the counter electrode's release enters at the top layer
    if (this.pendingSource !== 0 && !this.homogeneous) {
      // into the top cells that hold liquid (until branch saltneg into all of them: a top cell the deposit had closed
      // kept its share for good, 1.9 % of a 1 um separator's salt at its short circuit)
      const base = (ncz - 1) * nxyc, all = this.topOpen === 0;
      const per = this.pendingSource / (all ? nxyc : this.topOpen);
      for (let j = 0; j < nxyc; j++) if (all || this.cap[base + j]! > 0) this.N[base + j]! += per;
      this.inflow += this.pendingSource;
      this.pendingSource = 0;
    }
    // and the volume it freed (the module comment)
    if (this.pendingGap !== 0 && !this.homogeneous) {
      this.counterGap += this.pendingGap;
      this.pendingGap = 0;
      this.refreshTop();
    }
    const D = this.spec.D;
    const idx = this.idx;
    // x lines
    if (ncx > 1) {
      for (let k = 0; k < ncz; k++) {
        const gArea = D * this.hz[k]!; // D * face area / distance = D * (hx hz) / hx
        if (this.fast.solveLayer(ncy, ncx, ncx, 1, nxyc * k, gArea, dt, this.phiOf, this.cap, this.N, k)) continue;
        for (let cy = 0; cy < ncy; cy++) {
          for (let cx = 0; cx < ncx; cx++) idx[cx] = cx + ncx * (cy + ncy * k);
          if (!this.fast.trySolve(ncx, gArea, dt, idx, this.phiOf, this.cap, this.N, this.lx, k)) this.solveLine(ncx, true, gArea, dt, -1);
        }
      }
    }
    if (ncy > 1) {
      for (let k = 0; k < ncz; k++) {
        const gArea = D * this.hz[k]!;
        if (this.fast.solveLayer(ncx, ncy, 1, ncx, nxyc * k, gArea, dt, this.phiOf, this.cap, this.N, k)) continue;
        for (let cx = 0; cx < ncx; cx++) {
          for (let cy = 0; cy < ncy; cy++) idx[cy] = cx + ncx * (cy + ncy * k);
          if (!this.fast.trySolve(ncy, gArea, dt, idx, this.phiOf, this.cap, this.N, this.lx, k)) this.solveLine(ncy, true, gArea, dt, -1);
        }
      }
    }
    // z lines (gArea unused: per-face conductances depend on the layer heights): all columns side by side (solveColumns,
    // branch fieldgrid), or one by one (solveColumn) when fast.batched is off, or solveLine when fast.enabled is off
    const inflow = this.fast.solveColumns(nxyc, ncz, dt, this.phiOf, this.cap, this.N, this.zG, this.zTopG, this.spec.boundary === 'diffusion_layer',
      this.homogeneous ? 0 : this.spec.c0, this.inflow);
    if (inflow === inflow) { this.inflow = inflow; return; }
    for (let j = 0; j < nxyc; j++) {
      for (let k = 0; k < ncz; k++) idx[k] = j + nxyc * k;
      const gTop = this.spec.boundary === 'diffusion_layer' ? this.zTopG * this.phiOf[idx[ncz - 1]!]! : 0;
      const inflow = this.fast.solveColumn(ncz, dt, idx, this.phiOf, this.cap, this.N, this.zG, gTop, this.homogeneous ? 0 : this.spec.c0, this.lx, this.lu);
      if (inflow === inflow) this.inflow += inflow; else this.solveLine(ncz, false, 0, dt, j);
    }
  }

  /**
   * One implicit line solve over the cells in idx[0..n). Lateral lines are cyclic with face
   * conductance gArea * min(phi); z lines use the layer heights and the boundary plane.
   */
  private solveLine(n: number, cyclic: boolean, gArea: number, dt: number, column: number): void {
    const idx = this.idx, a = this.la, b = this.lb, c = this.lc, r = this.lr, g = this.lg;
    const capOf = this.cap, phiOf = this.phiOf, N = this.N, zG = this.zG;
    // g[i]: conductance of the face between i and i+1 (cyclic: n-1 -> 0)
    const faces = cyclic ? n : n - 1;
    let fp = phiOf[idx[0]!]!;
    for (let i = 0; i < faces; i++) {
      const q = i + 1 < n ? idx[i + 1]! : idx[0]!;
      const fq = phiOf[q]!;
      const f = fp < fq ? fp : fq;
      g[i] = f <= 0 ? 0 : (cyclic ? gArea : zG[i]!) * f;
      fp = fq;
    }
    if (cyclic && n === 2) g[1] = g[0]!; // two cells joined by two faces
    let gTop = 0;
    if (!cyclic && this.spec.boundary === 'diffusion_layer') gTop = this.zTopG * phiOf[idx[n - 1]!]!;
    let gl = cyclic ? g[n - 1]! : 0;
    for (let i = 0; i < n; i++) {
      const cell = idx[i]!;
      const cap = capOf[cell]!;
      const gr = i < faces ? g[i]! : 0;
      if (cap <= 0) { a[i] = 0; c[i] = 0; b[i] = 1; r[i] = 0; gl = gr; continue; }
      a[i] = -dt * gl;
      c[i] = -dt * gr;
      b[i] = cap + dt * (gl + gr);
      r[i] = N[cell]!;
      gl = gr;
    }
    const cPlane = this.homogeneous ? 0 : this.spec.c0;
    if (gTop > 0 && capOf[idx[n - 1]!]! > 0) { b[n - 1]! += dt * gTop; r[n - 1]! += dt * gTop * cPlane; }
    const x = this.lx;
    if (cyclic) solveCyclic(n, a, b, c, r, x, this.lu, this.lw);
    else solveTridiag(n, a, b, c, r, x, this.lu);
    for (let i = 0; i < n; i++) {
      const cell = idx[i]!;
      const cap = capOf[cell]!;
      if (cap > 0) N[cell] = cap * x[i]!; // a closed cell keeps its trapped salt
    }
    if (gTop > 0 && column >= 0 && capOf[idx[n - 1]!]! > 0) this.inflow += dt * gTop * (cPlane - x[n - 1]!);
  }
}

/** Thomas algorithm: a sub-, b main, c super-diagonal; x = solution; w scratch. */
export function solveTridiag(n: number, a: Float64Array, b: Float64Array, c: Float64Array, r: Float64Array, x: Float64Array, w: Float64Array): void {
  let beta = b[0]!;
  x[0] = r[0]! / beta;
  for (let i = 1; i < n; i++) {
    w[i] = c[i - 1]! / beta;
    beta = b[i]! - a[i]! * w[i]!;
    x[i] = (r[i]! - a[i]! * x[i - 1]!) / beta;
  }
  for (let i = n - 2; i >= 0; i--) x[i]! -= w[i + 1]! * x[i + 1]!;
}

/**
 * Cyclic tridiagonal system (a[0] couples x[0] to x[n-1], c[n-1] couples x[n-1] to x[0]) by the
 * Sherman-Morrison formula. n = 1 and 2 are solved directly.
 */
export function solveCyclic(n: number, a: Float64Array, b: Float64Array, c: Float64Array, r: Float64Array, x: Float64Array, w: Float64Array, zz: Float64Array): void {
  if (n === 1) { x[0] = r[0]! / b[0]!; return; }
  if (n === 2) {
    const a01 = a[0]! + c[0]!, a10 = a[1]! + c[1]!;
    const det = b[0]! * b[1]! - a01 * a10;
    x[0] = (r[0]! * b[1]! - a01 * r[1]!) / det;
    x[1] = (b[0]! * r[1]! - a10 * r[0]!) / det;
    return;
  }
  const alpha = c[n - 1]!, beta = a[0]!;
  if (alpha === 0 && beta === 0) {
    const a0 = a[0]!; a[0] = 0;
    solveTridiag(n, a, b, c, r, x, w);
    a[0] = a0;
    return;
  }
  const gamma = -b[0]!;
  const b0 = b[0]!, bn = b[n - 1]!;
  b[0] = b0 - gamma;
  b[n - 1] = bn - (alpha * beta) / gamma;
  // solveTridiag on r and on u = (gamma, 0, ..., 0, alpha) with one factorisation: the operations of two calls, the pivots
  // computed once (branch fieldspeed, which left the second solve's own scratch z unused: dropped in session 46's final read)
  let p = b[0]!;
  x[0] = r[0]! / p;
  zz[0] = gamma / p;
  for (let i = 1; i < n; i++) {
    w[i] = c[i - 1]! / p;
    p = b[i]! - a[i]! * w[i]!;
    x[i] = (r[i]! - a[i]! * x[i - 1]!) / p;
    zz[i] = ((i === n - 1 ? alpha : 0) - a[i]! * zz[i - 1]!) / p;
  }
  for (let i = n - 2; i >= 0; i--) { x[i]! -= w[i + 1]! * x[i + 1]!; zz[i]! -= w[i + 1]! * zz[i + 1]!; }
  const fact = (x[0]! + (beta * x[n - 1]!) / gamma) / (1 + zz[0]! + (beta * zz[n - 1]!) / gamma);
  for (let i = 0; i < n; i++) x[i]! -= fact * zz[i]!;
  b[0] = b0; b[n - 1] = bn;
}
