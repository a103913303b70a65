/**
 * Morphology metrics of a plated deposit on a voxel lattice (MODEL.md section 5).
 *
 * Conventions (all functions here):
 * - "metal" means METAL or DEAD voxels (dead metal is still deposit: it counts for height,
 *   porosity, faces and islands; `dead_fraction` separates it out).
 * - `hostTopZ` is the z index of the TOP host layer (inclusive). The first layer a deposit can
 *   occupy is hostTopZ + 1. Use hostTopZ = -1 for a grid without a host layer (then
 *   `host_coverage` is 0; islands still count as nuclei if they touch a host or SAC voxel
 *   anywhere, e.g. inside a 3D host).
 * - Height of a column (x, y) = zTop - hostTopZ, where zTop is the z of the highest metal voxel in
 *   that column with zTop > hostTopZ; 0 where the column has no metal above the host. A single
 *   monolayer therefore has height 1 voxel = voxel_nm. Heights in nm are heights in voxels times
 *   the voxel edge.
 * - On a foil of the metal (`foil: true`: the host layers are the metal itself) a column with no metal above
 *   the host top reads the metal surface below it, from the same reference: zTop - hostTopZ for the highest metal
 *   voxel at or below the host top (0 for an intact foil column, negative in a pit), -(hostTopZ + 1) where the
 *   column is stripped to the box floor. Mean height and roughness then count the pits (mends70: a stripped Li foil
 *   read rms 0); max height and porosity still count the deposit above the host top only. On any other host
 *   (foil false, the default) nothing changes: a column without deposit reads 0.
 * - x and y are periodic, z is not: faces at z = 0 and z = nz - 1 towards the outside of the box
 *   are not counted (below is the current collector, above is the end of the simulated domain).
 *
 * Cost: one sequential pass over the bytes (run-length encoding of metal along x, face counting and
 * heights on the fly), a union-find over the runs (not over voxels, so memory scales with the
 * number of x-runs of metal, typically far below the voxel count), and one pass over the deposit
 * layers for porosity. No recursion, no per-voxel objects.
 */
import { DEAD, EMPTY, METAL, VOID, type Grid } from '../lattice/voxel.js';
import { SUBSTRATE_CODES } from '../lattice/species.js';
import { InputError } from '../errors.js';
import { isMap } from '../args.js';

export interface IslandHistogram {
  /** bin k holds island sizes in [bin_lo[k], bin_hi[k]] voxels; bins are powers of two: 1, 2-3, 4-7, ... */
  bin_lo: number[];
  bin_hi: number[];
  count: number[];
}

export interface Morphology {
  /** mean over all columns of the deposit height (0 for bare columns), nm */
  mean_height_nm: number;
  /** RMS deviation of the height field from its mean, nm */
  rms_roughness_nm: number;
  /** highest column, nm */
  max_height_nm: number;
  /** liquid voxels (EMPTY, and VOID under sealed_pores void) below the height field / all voxels below the height field (above the host top); 0 for a dense film or no deposit */
  porosity: number;
  /**
   * Metal-electrolyte voxel faces per metal voxel (dimensionless). A face is counted when a metal
   * voxel (METAL or DEAD) has an EMPTY face neighbour. Multiply by 1/voxel edge for an area per
   * volume. A flat film of L layers gives 1/L; an isolated adatom on a host gives 5.
   */
  specific_surface_area: number;
  /** metal-electrolyte face area / projected area nx*ny (1 for a flat film) */
  surface_area_ratio: number;
  /** number of metal-electrolyte faces */
  metal_electrolyte_faces: number;
  /**
   * number of metal faces onto sealed liquid (VOID, `model: { sealed_pores: void }`): not in contact with electrolyte, so
   * not among metal_electrolyte_faces (nor in specific_surface_area and surface_area_ratio); 0 without VOID
   */
  metal_void_faces: number;
  /** metal_void_faces / the footprint nx*ny, beside surface_area_ratio (0 without VOID) */
  void_surface_area_ratio: number;
  /** connected components of metal voxels, 6-connectivity, periodic in x and y */
  island_count: number;
  /** sizes of all islands in voxels, largest first */
  island_sizes: number[];
  /** histogram of island sizes in power-of-two bins */
  island_size_histogram: IslandHistogram;
  /** size of the largest island, voxels (0 when there is none) */
  largest_island_voxels: number;
  /** islands with at least one voxel face-adjacent to a host or SAC voxel */
  nuclei_on_host: number;
  /** nuclei_on_host per um2 of projected area (nx*ny*voxel^2) */
  nucleus_density_per_um2: number;
  /** nuclei_on_host of exactly one voxel: lone atoms held by the host or a SAC (nuclei65) */
  single_voxel_nuclei: number;
  /** nuclei_on_host of at least STABLE_ISLAND_VOXELS voxels (nuclei65) */
  stable_nuclei_on_host: number;
  /** stable_nuclei_on_host per um2 of projected area, as nucleus_density_per_um2 (nuclei65) */
  stable_nucleus_density_per_um2: number;
  /** fraction of the substrate (host or SAC) sites of layer hostTopZ whose voxel directly above (hostTopZ + 1) is metal */
  host_coverage: number;
  /** DEAD voxels / metal voxels (METAL + DEAD); 0 when there is no metal */
  dead_fraction: number;
  /** METAL + DEAD voxels */
  metal_voxels: number;
  /** DEAD voxels */
  dead_voxels: number;
  /** VOID voxels (sealed liquid, `model: { sealed_pores: void }`) anywhere in the box; 0 without VOID (branch voidview) */
  void_voxels: number;
  /** voxel edge used for the conversions, nm */
  voxel_nm: number;
}

export interface MorphologyOptions {
  /** z index of the top host layer (inclusive); -1 when the grid has no host */
  hostTopZ: number;
  /** the host layers are a foil of the metal (Derived.hostCode === METAL): pits below the host top read negative heights */
  foil?: boolean;
}

/**
 * A foil's column without metal above the host top: the height of its metal surface, zTop - hostTopZ for the
 * highest METAL or DEAD voxel at z <= hostTopZ, -(hostTopZ + 1) when there is none (stripped to the floor).
 */
function foilColumnHeight(cells: Uint8Array, nxy: number, c: number, hostTopZ: number): number {
  for (let z = hostTopZ; z >= 0; z--) {
    const v = cells[z * nxy + c];
    if (v === METAL || v === DEAD) return z - hostTopZ;
  }
  return -(hostTopZ + 1);
}

/** voxel edge in nm, rounded to 15 significant digits (3e-10 m gives 0.3, not 0.30000000000000004) */
export function voxelNm(grid: Grid): number {
  return Number((grid.voxel_m * 1e9).toPrecision(15));
}

function checkGrid(grid: Grid, hostTopZ: number): void {
  const { nx, ny, nz } = grid;
  for (const [k, v] of [['nx', nx], ['ny', ny], ['nz', nz]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InputError(`grid.${k}`, v, 'an integer >= 1');
  }
  if (grid.cells.length !== nx * ny * nz) {
    throw new InputError('grid.cells', `length ${grid.cells.length}`, `length nx*ny*nz = ${nx * ny * nz}`);
  }
  if (!(grid.voxel_m > 0) || !Number.isFinite(grid.voxel_m)) {
    throw new InputError('grid.voxel_m', grid.voxel_m, 'a voxel edge > 0 m');
  }
  if (!Number.isInteger(hostTopZ) || hostTopZ < -1 || hostTopZ >= nz) {
    throw new InputError('hostTopZ', hostTopZ, `an integer in -1..${nz - 1} (z index of the top host layer)`);
  }
}

/**
 * Height field in voxels per column (index x + nx*y): zTop - hostTopZ for the highest metal voxel
 * (METAL or DEAD) above the host top, 0 where there is none (on a foil, `foil` true: the foil's surface
 * below, 0 or negative; see the module comment).
 */
export function heightField(grid: Grid, hostTopZ: number, foil = false): Int32Array {
  checkGrid(grid, hostTopZ);
  const { nx, ny, nz, cells } = grid;
  const nxy = nx * ny;
  const h = new Int32Array(nxy);
  for (let z = hostTopZ + 1; z < nz; z++) {
    const base = z * nxy;
    const hz = z - hostTopZ;
    for (let c = 0; c < nxy; c++) {
      const v = cells[base + c];
      if (v === METAL || v === DEAD) h[c] = hz;
    }
  }
  if (foil) for (let c = 0; c < nxy; c++) if (h[c] === 0) h[c] = foilColumnHeight(cells, nxy, c, hostTopZ);
  return h;
}

/** Mean and RMS deviation of a height field (same unit as the input). */
export function heightStats(h: ArrayLike<number>): { mean: number; rms: number; max: number } {
  const n = h.length;
  if (n === 0) return { mean: 0, rms: 0, max: 0 };
  let s = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = h[i]!;
    s += v;
    if (v > max) max = v;
  }
  const mean = s / n;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const d = h[i]! - mean;
    s2 += d * d;
  }
  return { mean, rms: Math.sqrt(s2 / n), max };
}

/** Growable Int32 storage (doubling), to avoid a per-voxel array. */
class IntVec {
  a: Int32Array;
  n = 0;
  constructor(cap: number) {
    this.a = new Int32Array(Math.max(16, cap));
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    const g = parent[parent[i]!]!;
    parent[i] = g; // path halving
    i = g;
  }
  return i;
}

function union(parent: Int32Array, a: number, b: number): void {
  let ra = find(parent, a);
  let rb = find(parent, b);
  if (ra === rb) return;
  if (ra > rb) {
    const t = ra;
    ra = rb;
    rb = t;
  }
  parent[rb] = ra;
}

/**
 * The smallest island, in voxels, that counts as a stable nucleus (nuclei65): stable_nuclei_on_host and
 * stable_nucleus_density_per_um2 count the islands touching the host or a SAC of at least this many voxels. 5, the count
 * tempwhy65b's studies used (docs/nucleation.md, "Stable islands"): in the kMC box the critical nucleus is 2-3 voxels, so
 * lone adatoms, dimers and clusters of 3-4 voxels may still break up; nucleus_density_per_um2 counts them all.
 */
export const STABLE_ISLAND_VOXELS = 5;

/** Substrate: host or SAC codes (from the species registry). */
const isSub = (c: number): boolean => SUBSTRATE_CODES[c] === 1;

/** Compute every morphology metric of the grid in O(N). See the module comment for conventions. */
export function morphology(grid: Grid, opts: MorphologyOptions): Morphology {
  if (!isMap(grid) || !(grid.cells instanceof Uint8Array)) throw new InputError('grid', grid, 'a voxel grid { nx, ny, nz, cells: Uint8Array, voxel_m } (a Simulation\'s grid)');
  if (!isMap(opts) || !Number.isInteger(opts.hostTopZ) || opts.hostTopZ < -1 || opts.hostTopZ >= grid.nz) throw new InputError('opts.hostTopZ', isMap(opts) ? opts.hostTopZ : opts, `the z index of the top host layer, an integer from -1 (no host) to nz - 1 (${grid.nz - 1})`);
  const hostTopZ = opts.hostTopZ;
  checkGrid(grid, hostTopZ);
  const { nx, ny, nz, cells } = grid;
  const nxy = nx * ny;
  const rows = ny * nz;
  const vnm = voxelNm(grid);

  const h = new Int32Array(nxy);
  const rowStart = new Int32Array(rows + 1);
  const x0 = new IntVec(1024);
  const x1 = new IntVec(1024);
  let touch = new Uint8Array(1024);

  let metal = 0;
  let dead = 0;
  let faces = 0;
  // (sealed_pores void: metal faces onto sealed liquid, VOID, counted apart; they are not in contact with electrolyte)
  let voidFaces = 0;
  let voids = 0;

  // Pass 1: runs of metal along x, per row (y, z); faces and substrate contacts per voxel.
  for (let z = 0; z < nz; z++) {
    const zb = z * nxy;
    const hz = z - hostTopZ;
    const belowOff = z > 0 ? -nxy : 0;
    const aboveOff = z < nz - 1 ? nxy : 0;
    for (let y = 0; y < ny; y++) {
      const row = y + ny * z;
      rowStart[row] = x0.n;
      const rb = zb + nx * y;
      const ymOff = (y === 0 ? ny - 1 : y - 1) * nx - y * nx;
      const ypOff = (y === ny - 1 ? 0 : y + 1) * nx - y * nx;
      let x = 0;
      while (x < nx) {
        let v = cells[rb + x];
        if (v !== METAL && v !== DEAD) {
          if (v === VOID) voids++;
          x++;
          continue;
        }
        const xs = x;
        let t = 0;
        while (x < nx && ((v = cells[rb + x]) === METAL || v === DEAD)) {
          const i = rb + x;
          if (v === DEAD) dead++;
          let n = cells[i + ymOff]!;
          if (n === EMPTY) faces++;
          else if (n === VOID) voidFaces++;
          else if (isSub(n)) t = 1;
          n = cells[i + ypOff]!;
          if (n === EMPTY) faces++;
          else if (n === VOID) voidFaces++;
          else if (isSub(n)) t = 1;
          if (belowOff !== 0) {
            n = cells[i + belowOff]!;
            if (n === EMPTY) faces++;
            else if (n === VOID) voidFaces++;
            else if (isSub(n)) t = 1;
          }
          if (aboveOff !== 0) {
            n = cells[i + aboveOff]!;
            if (n === EMPTY) faces++;
            else if (n === VOID) voidFaces++;
            else if (isSub(n)) t = 1;
          }
          x++;
        }
        const xe = x - 1;
        metal += x - xs;
        // x faces at the two ends of the run (periodic)
        let n = cells[rb + (xs === 0 ? nx - 1 : xs - 1)]!;
        if (n === EMPTY) faces++;
        else if (n === VOID) voidFaces++;
        else if (isSub(n)) t = 1;
        n = cells[rb + (xe === nx - 1 ? 0 : xe + 1)]!;
        if (n === EMPTY) faces++;
        else if (n === VOID) voidFaces++;
        else if (isSub(n)) t = 1;
        if (hz > 0) {
          const hb = nx * y;
          for (let k = xs; k <= xe; k++) h[hb + k] = hz;
        }
        const r = x0.n;
        x0.push(xs);
        x1.push(xe);
        if (r >= touch.length) {
          const b = new Uint8Array(touch.length * 2);
          b.set(touch);
          touch = b;
        }
        touch[r] = t;
      }
    }
  }
  const nRuns = x0.n;
  rowStart[rows] = nRuns;
  const X0 = x0.a;
  const X1 = x1.a;

  // Pass 2: union-find over runs.
  const parent = new Int32Array(nRuns);
  for (let i = 0; i < nRuns; i++) parent[i] = i;
  const overlapUnion = (ra: number, rb: number): void => {
    let i = rowStart[ra]!;
    const ie = rowStart[ra + 1]!;
    let j = rowStart[rb]!;
    const je = rowStart[rb + 1]!;
    while (i < ie && j < je) {
      if (X1[i]! < X0[j]!) i++;
      else if (X1[j]! < X0[i]!) j++;
      else {
        union(parent, i, j);
        if (X1[i]! < X1[j]!) i++;
        else j++;
      }
    }
  };
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = y + ny * z;
      const s = rowStart[row]!;
      const e = rowStart[row + 1]!;
      if (s === e) continue;
      // periodic wrap in x: a run touching x = nx-1 joins a run starting at x = 0
      if (e - s > 1 && X0[s] === 0 && X1[e - 1] === nx - 1) union(parent, s, e - 1);
      if (ny > 1) overlapUnion(row, (y === 0 ? ny - 1 : y - 1) + ny * z);
      if (z > 0) overlapUnion(row, y + ny * (z - 1));
    }
  }

  // Island sizes and host contact per root.
  const size = new Float64Array(nRuns);
  const rootTouch = new Uint8Array(nRuns);
  for (let i = 0; i < nRuns; i++) {
    const r = find(parent, i);
    size[r]! += X1[i]! - X0[i]! + 1;
    if (touch[i]) rootTouch[r] = 1;
  }
  const sizes: number[] = [];
  let nuclei = 0, singles = 0, stable = 0;
  for (let i = 0; i < nRuns; i++) {
    if (parent[i] === i) {
      sizes.push(size[i]!);
      if (rootTouch[i]) {
        nuclei++;
        if (size[i] === 1) singles++;
        if (size[i]! >= STABLE_ISLAND_VOXELS) stable++;
      }
    }
  }
  sizes.sort((a, b) => b - a);
  const hist: IslandHistogram = { bin_lo: [], bin_hi: [], count: [] };
  if (sizes.length > 0) {
    const nb = Math.floor(Math.log2(sizes[0]!)) + 1;
    for (let k = 0; k < nb; k++) {
      hist.bin_lo.push(2 ** k);
      hist.bin_hi.push(2 ** (k + 1) - 1);
      hist.count.push(0);
    }
    for (const s of sizes) {
      let k = Math.floor(Math.log2(s));
      // guard against log2 rounding at exact powers of two
      if (2 ** k > s) k--;
      else if (2 ** (k + 1) <= s) k++;
      hist.count[k]!++;
    }
  }

  // A foil's columns without deposit: the foil's surface below the host top (0 or negative).
  if (opts.foil === true) for (let c = 0; c < nxy; c++) if (h[c] === 0) h[c] = foilColumnHeight(cells, nxy, c, hostTopZ);

  // Height statistics.
  const hs = heightStats(h);

  // Pass 3: porosity over the deposit layers only (a foil's pits are not pores of the deposit).
  let below = 0;
  for (let c = 0; c < nxy; c++) below += Math.max(0, h[c]!);
  let pores = 0;
  for (let z = hostTopZ + 1, hz = 1; hz <= hs.max; z++, hz++) {
    const zb = z * nxy;
    for (let c = 0; c < nxy; c++) {
      // (sealed_pores void: sealed liquid, VOID, is pore too; branch e1void)
      if (h[c]! > hz && (cells[zb + c] === EMPTY || cells[zb + c] === VOID)) pores++;
    }
  }

  // Host coverage: substrate sites of the top host layer with metal directly above.
  const { sites, covered } = firstLayerCoverage(cells, nxy, nz, hostTopZ);

  const areaUm2 = nxy * (grid.voxel_m * 1e6) ** 2;
  return {
    mean_height_nm: hs.mean * vnm,
    rms_roughness_nm: hs.rms * vnm,
    max_height_nm: hs.max * vnm,
    porosity: below > 0 ? pores / below : 0,
    specific_surface_area: metal > 0 ? faces / metal : 0,
    surface_area_ratio: faces / nxy,
    metal_electrolyte_faces: faces,
    metal_void_faces: voidFaces,
    void_surface_area_ratio: voidFaces / nxy,
    island_count: sizes.length,
    island_sizes: sizes,
    island_size_histogram: hist,
    largest_island_voxels: sizes[0] ?? 0,
    nuclei_on_host: nuclei,
    nucleus_density_per_um2: nuclei / areaUm2,
    single_voxel_nuclei: singles,
    stable_nuclei_on_host: stable,
    stable_nucleus_density_per_um2: stable / areaUm2,
    host_coverage: sites > 0 ? covered / sites : 0,
    dead_fraction: metal > 0 ? dead / metal : 0,
    metal_voxels: metal,
    dead_voxels: dead,
    void_voxels: voids,
    voxel_nm: vnm,
  };
}

/** The keys of Morphology that are single numbers or small (everything except the per-island list). */
export type MorphologySummary = Omit<Morphology, 'island_sizes'>;

/**
 * Morphology without the per-island size list (which can hold millions of entries on a porous
 * 1e8-voxel deposit), in the key order of the type: what goes into metrics.json.
 */
export function morphologySummary(m: Morphology): MorphologySummary {
  const { island_sizes: _omit, ...rest } = m;
  return rest;
}

/**
 * The first-layer coverage of a lattice: substrate (host or SAC) sites of layer hostTopZ with METAL or DEAD directly
 * above, over the substrate sites (host_coverage's rule, shared with early-nuclei.ts; one pass over two layers). sites 0: none (a foil
 * of the metal, or no host).
 */
export function firstLayerCoverage(cells: ArrayLike<number>, nxy: number, nz: number, hostTopZ: number): { covered: number; sites: number } {
  let sites = 0, covered = 0;
  if (hostTopZ < 0) return { covered, sites };
  const zb = hostTopZ * nxy, hasAbove = hostTopZ + 1 < nz;
  for (let c = 0; c < nxy; c++) {
    if (SUBSTRATE_CODES[cells[zb + c]!] === 1) {
      sites++;
      if (hasAbove) { const a = cells[zb + nxy + c]; if (a === METAL || a === DEAD) covered++; }
    }
  }
  return { covered, sites };
}
