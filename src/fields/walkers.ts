/**
 * Ion transport as discrete lattice walkers, one at a time: the quasi-static limit in which every
 * ion is a random walker and one walker makes one voxel (diffusion-limited aggregation, Witten and
 * Sander, PRL 47, 1400, 1981; on a substrate: Meakin, PRA 27, 2616, 1983).
 *
 * Why it exists beside the concentration field (fields/concentration.ts). The field carries the
 * mean ion flux, with no shot noise: a site grows once the flux it receives has refilled the salt
 * its last reduction took (the voxel's metal, (1 - t+) a^3 / Omega, is 48 cells of 1 M salt for Li
 * at any voxel size). That is noise-reduced Laplacian growth; with sticking probability 1 it makes
 * lattice needles, not DLA (measured in validation/studies/transport-dla.ts). DLA's fractal
 * dimension comes from the randomness of single arrivals; this driver supplies it, and is the
 * transport of the atomistic limit (a voxel is one atom, one ion makes it).
 *
 * Rules. The lattice is the engine's (codes of lattice/species.ts, periodic in x and y, closed at
 * z = 0). A walker starts on the plane two layers above the highest solid voxel at a uniform random
 * (x, y) (the first-passage distribution onto a plane above everything, from a uniform source far
 * away, is uniform), steps to one of its 4 (ny = 1: a 2D square lattice in x-z) or 6 neighbours, and
 * when it stands on an EMPTY voxel with a conducting solid neighbour (metal or host) it is reduced
 * there with probability `sticking` (1: DLA) and becomes METAL; otherwise it walks on. No surface
 * diffusion. A walker that climbs `relaunch` layers above the launch plane is put back on the plane
 * at a uniform random (x, y): having travelled farther than the box width, its lateral position is
 * uniform to the accuracy of the lateral mixing (standard practice, Meakin 1983): from a height H
 * above the plane the return point's first Fourier mode decays as exp(-2 pi H / W), 0.2 % at the
 * default H = W. Above the lattice's top layer the electrolyte is open: a walker may wander there
 * (nothing can be met) until it is re-launched. (Before, a walker that left the top layer was
 * re-launched at once: near the end of a run in a lattice only a few layers taller than the deposit
 * that re-launched walkers only a few layers above the launch plane, which is the same as killing
 * them there, and killing close to the deposit favours tips.)
 * Under `model: { sealed_pores: void }` (branch voidwalk) the liquid a reduction seals off turns VOID at once
 * (StickySites with `liquid`): a walker steps onto EMPTY only, so it never enters VOID, and its launch plane lies above
 * every solid (open liquid). The walks are those under fill: the walker in flight is the one reduced, and the liquid it
 * seals is out of every later walker's reach.
 *
 * Checked against canonical DLA: the same step (LatticeWalker) and sticking rule (StickySites) grow
 * single-seed 3D clusters of dimension 2.50 [2.44, 2.57] (fields/dla-cluster.ts, validation study
 * dla-3d-cluster); the launch gap and return height do not bias the deposits (dla-3d-rules,
 * dla-3d-local). Options for those checks: `neighbourhood` 26 (sticking at edges and corners too)
 * and `launchGap`.
 */
import { EMPTY, METAL } from '../lattice/voxel.js';
import { SPECIES, VOID } from '../lattice/species.js';
import type { Rng } from '../kmc/rng.js';
import type { SealedLiquid } from '../apps/liquid.js';

export interface WalkerGrowth {
  /** walkers reduced (voxels grown) */
  particles: number;
  /** highest metal layer */
  maxZ: number;
  /** random-walk steps taken */
  steps: number;
  /** why growth stopped ('stopped': `onStick` asked to stop) */
  ended: 'particles' | 'height' | 'stopped';
  /** sealed_pores void (`liquid`): liquid voxels the deposit sealed off (turned VOID); 0 without */
  sealed: number;
}

/**
 * Which neighbours of a conducting solid a walker is reduced at: 6 (faces, the default; 4 in a slab)
 * or 26 (faces, edges and corners; 8 in a slab). The neighbourhood for sticking only: walkers always
 * step to their 6 (4) face neighbours.
 */
export type StickingNeighbourhood = 6 | 26;

/**
 * Where a walker is reduced: sticky[v] = 1 for an EMPTY voxel with a conducting solid neighbour
 * (6 or 26 neighbourhood; x and y periodic; in a slab, ny = 1, no y neighbours), kept up to date by
 * `deposit` as the deposit grows; hMax is the highest layer holding a conducting solid at
 * construction. Shared by the walkers one at a time (growByWalkers), the walkers on a clock
 * (drift-walkers.ts) and the single-seed cluster (dla-cluster.ts).
 *
 * Sealed electrolyte (`model: { sealed_pores: void }`, apps/liquid.ts; branch voidwalk): with `liquid` (the
 * electrolyte's connectivity over the same codes, labelled), a deposit that seals liquid off from the bulk turns it
 * VOID at once (SealedLiquid.afterFill, the plating app's rule) and takes its stickiness away: no walker is reduced in
 * sealed liquid. A VOID voxel never becomes sticky (`mark` marks EMPTY ones only).
 */
export class StickySites {
  readonly sticky: Uint8Array;
  readonly hMax: number;
  /** liquid voxels a deposit here sealed off (turned VOID) */
  sealed = 0;
  private readonly nx: number; private readonly ny: number; private readonly nz: number; private readonly nxy: number;
  private readonly all: boolean;
  private readonly toVoid: number[] = [];

  constructor(private readonly code: Uint8Array, size: [number, number, number], neighbourhood: StickingNeighbourhood = 6, private readonly liquid: SealedLiquid | null = null) {
    const [nx, ny, nz] = size;
    this.nx = nx; this.ny = ny; this.nz = nz; this.nxy = nx * ny;
    this.all = neighbourhood === 26;
    const conducting = new Uint8Array(256);
    for (const s of SPECIES) for (let c = s.code; c < s.code + s.count; c++) if (s.solid && s.conducting) conducting[c] = 1;
    this.sticky = new Uint8Array(code.length);
    let hMax = 0;
    for (let v = 0; v < code.length; v++) {
      if (conducting[code[v]!]) { this.mark(v); hMax = Math.max(hMax, (v / this.nxy) | 0); }
    }
    this.hMax = hMax;
  }

  /** a walker standing on v is reduced there (sticking probability `stick`; no draw when it is 1) */
  captures(v: number, rng: Rng, stick: number): boolean {
    return this.sticky[v] === 1 && (stick >= 1 || rng.next() < stick);
  }

  /** the walker on v is reduced: v becomes METAL and its EMPTY neighbours sticky (with `liquid`: the liquid it sealed off VOID, not sticky) */
  deposit(v: number): void {
    this.code[v] = METAL; this.sticky[v] = 0; this.mark(v);
    if (this.liquid !== null) this.seal(v);
  }

  /** sealed_pores void: v has just turned solid from EMPTY; the liquid that sealed off turns VOID and is not sticky */
  private seal(v: number): void {
    const liquid = this.liquid!, toVoid = this.toVoid, code = this.code, sticky = this.sticky;
    liquid.noteSolid(v);
    liquid.afterFill(v, toVoid);
    for (const w of toVoid) { code[w] = VOID; sticky[w] = 0; }
    this.sealed += toVoid.length;
    toVoid.length = 0;
  }

  /** v has just become a conducting solid: its EMPTY neighbours become sticky */
  mark(v: number): void {
    const { nx, ny, nz, nxy, code, sticky } = this;
    const z = (v / nxy) | 0, r = v - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    const nb = (xx: number, yy: number, zz: number) => {
      if (zz < 0 || zz >= nz) return;
      const w = ((xx + nx) % nx) + nx * ((yy + ny) % ny) + nxy * zz;
      if (code[w] === EMPTY) sticky[w] = 1;
    };
    if (this.all) {
      const ylo = ny === 1 ? 0 : -1, yhi = ny === 1 ? 0 : 1;
      for (let dz = -1; dz <= 1; dz++) for (let dy = ylo; dy <= yhi; dy++) for (let dx = -1; dx <= 1; dx++) {
        if (dx !== 0 || dy !== 0 || dz !== 0) nb(x + dx, y + dy, z + dz);
      }
      return;
    }
    nb(x + 1, y, z); nb(x - 1, y, z); nb(x, y, z + 1); nb(x, y, z - 1);
    if (ny !== 1) { nb(x, y + 1, z); nb(x, y - 1, z); }
  }
}

/**
 * A walker's position and its unbiased unit step on the simple cubic lattice (6 face neighbours;
 * 4 in a slab, ny = 1), periodic in x and y, unbounded in z (the caller decides what lies outside
 * the lattice). `propose` draws one direction and sets (x2, y2, z2); `accept` moves there. Shared by
 * growByWalkers and the single-seed cluster (dla-cluster.ts), so both walk by the same code.
 */
export class LatticeWalker {
  x = 0; y = 0; z = 0;
  x2 = 0; y2 = 0; z2 = 0;
  readonly ndir: number;
  constructor(private readonly nx: number, private readonly ny: number) { this.ndir = ny === 1 ? 4 : 6; }

  place(x: number, y: number, z: number): void { this.x = x; this.y = y; this.z = z; }

  propose(rng: Rng): void {
    const { nx, ny } = this;
    const d = rng.int(this.ndir);
    let x2 = this.x, y2 = this.y, z2 = this.z;
    if (d === 0) x2 = x2 + 1 === nx ? 0 : x2 + 1;
    else if (d === 1) x2 = x2 === 0 ? nx - 1 : x2 - 1;
    else if (d === 2) z2 = z2 + 1;
    else if (d === 3) z2 = z2 - 1;
    else if (d === 4) y2 = y2 + 1 === ny ? 0 : y2 + 1;
    else y2 = y2 === 0 ? ny - 1 : y2 - 1;
    this.x2 = x2; this.y2 = y2; this.z2 = z2;
  }

  accept(): void { this.x = this.x2; this.y = this.y2; this.z = this.z2; }
}

export function growByWalkers(
  code: Uint8Array, size: [number, number, number], rng: Rng,
  opts: {
    particles: number; stopHeight: number; sticking?: number; relaunch?: number;
    /** sticking neighbourhood (default 6: faces) */
    neighbourhood?: StickingNeighbourhood;
    /**
     * sealed_pores void: the electrolyte's connectivity over `code`, labelled (apps/liquid.ts): the liquid a reduction
     * seals off turns VOID at once (StickySites). It changes no walk: the walker in flight is the one reduced, and the
     * sealed liquid is out of every later walker's reach (it starts above every solid and steps onto EMPTY only).
     */
    liquid?: SealedLiquid;
    /** launch plane height above the highest solid layer (default 2; at least 2, so that it lies above every sticky site) */
    launchGap?: number;
    /** called after each reduction with the voxel, the walkers reduced so far, the highest layer and the random-walk steps so far; true stops the growth */
    onStick?: (v: number, particles: number, maxZ: number, steps: number) => boolean | void;
    /**
     * continue a growth stopped at an arrival (a checkpoint): the walkers reduced and the steps made
     * so far. Between two arrivals no walker is in flight, and the sticky sites and the highest layer
     * are a function of the lattice (built from it here as the growth built them), so nothing else is needed.
     */
    from?: { particles: number; steps: number };
  },
): WalkerGrowth {
  const [nx, ny, nz] = size;
  const nxy = nx * ny;
  const two = ny === 1;
  const stick = opts.sticking ?? 1;
  const relaunch = opts.relaunch ?? Math.max(nx, ny);
  const gap = opts.launchGap ?? 2;
  if (!Number.isInteger(gap) || gap < 2) throw new RangeError(`launchGap must be an integer of at least 2 layers, got ${gap}`);
  const sites = new StickySites(code, size, opts.neighbourhood ?? 6, opts.liquid ?? null);
  const w = new LatticeWalker(nx, ny);
  let hMax = sites.hMax;
  let particles = opts.from?.particles ?? 0, steps = opts.from?.steps ?? 0;
  while (particles < opts.particles) {
    if (hMax >= opts.stopHeight || hMax + gap >= nz) return { particles, maxZ: hMax, steps, ended: 'height', sealed: sites.sealed };
    let zl = hMax + gap;
    w.place(rng.int(nx), two ? 0 : rng.int(ny), zl);
    for (;;) {
      const v = w.x + nx * w.y + nxy * w.z;
      if (w.z < nz && sites.captures(v, rng, stick)) {
        sites.deposit(v);
        if (w.z > hMax) hMax = w.z;
        particles++;
        if (opts.onStick?.(v, particles, hMax, steps) === true) return { particles, maxZ: hMax, steps, ended: 'stopped', sealed: sites.sealed };
        break;
      }
      // one step; solid voxels are not entered (the walker stays where it is)
      w.propose(rng);
      steps++;
      if (w.z2 > zl + relaunch) {
        zl = hMax + gap;
        w.place(rng.int(nx), two ? 0 : rng.int(ny), zl);
        continue;
      }
      // above the lattice's top layer is open electrolyte (nothing to meet): the walker goes on there
      const z2 = w.z2;
      if (z2 < 0 || (z2 < nz && code[w.x2 + nx * w.y2 + nxy * z2] !== EMPTY)) continue;
      w.accept();
    }
  }
  return { particles, maxZ: hMax, steps, ended: 'particles', sealed: sites.sealed };
}
