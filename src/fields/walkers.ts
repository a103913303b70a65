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
 */
import { EMPTY, METAL } from '../lattice/voxel.js';
import { SPECIES } from '../lattice/species.js';
import type { Rng } from '../kmc/rng.js';

export interface WalkerGrowth {
  /** walkers reduced (voxels grown) */
  particles: number;
  /** highest metal layer */
  maxZ: number;
  /** random-walk steps taken */
  steps: number;
  /** why growth stopped ('stopped': `onStick` asked to stop) */
  ended: 'particles' | 'height' | 'stopped';
}

/**
 * Where a walker is reduced: sticky[v] = 1 for an EMPTY voxel with a conducting solid neighbour
 * (x and y periodic; in a slab, ny = 1, no y neighbours), kept up to date by `mark` as the deposit
 * grows; hMax is the highest layer holding a conducting solid at construction. Shared by the
 * walkers one at a time (growByWalkers) and the walkers on a clock (drift-walkers.ts).
 */
export class StickySites {
  readonly sticky: Uint8Array;
  readonly hMax: number;
  private readonly nx: number; private readonly ny: number; private readonly nz: number; private readonly nxy: number;

  constructor(private readonly code: Uint8Array, size: [number, number, number]) {
    const [nx, ny, nz] = size;
    this.nx = nx; this.ny = ny; this.nz = nz; this.nxy = nx * ny;
    const conducting = new Uint8Array(256);
    for (const s of SPECIES) for (let c = s.code; c < s.code + s.count; c++) if (s.solid && s.conducting) conducting[c] = 1;
    this.sticky = new Uint8Array(code.length);
    let hMax = 0;
    for (let v = 0; v < code.length; v++) {
      if (conducting[code[v]!]) { this.mark(v); hMax = Math.max(hMax, (v / this.nxy) | 0); }
    }
    this.hMax = hMax;
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
    nb(x + 1, y, z); nb(x - 1, y, z); nb(x, y, z + 1); nb(x, y, z - 1);
    if (ny !== 1) { nb(x, y + 1, z); nb(x, y - 1, z); }
  }
}

export function growByWalkers(
  code: Uint8Array, size: [number, number, number], rng: Rng,
  opts: {
    particles: number; stopHeight: number; sticking?: number; relaunch?: number;
    /** called after each reduction with the voxel, the walkers reduced so far and the highest layer; true stops the growth */
    onStick?: (v: number, particles: number, maxZ: number) => boolean | void;
  },
): WalkerGrowth {
  const [nx, ny, nz] = size;
  const nxy = nx * ny;
  const two = ny === 1;
  const stick = opts.sticking ?? 1;
  const relaunch = opts.relaunch ?? Math.max(nx, ny);
  const sites = new StickySites(code, size);
  const sticky = sites.sticky;
  const mark = (v: number) => sites.mark(v);
  let hMax = sites.hMax;
  let particles = 0, steps = 0;
  const ndir = two ? 4 : 6;
  while (particles < opts.particles) {
    if (hMax >= opts.stopHeight || hMax + 2 >= nz) return { particles, maxZ: hMax, steps, ended: 'height' };
    let zl = hMax + 2;
    let x = rng.int(nx), y = two ? 0 : rng.int(ny), z = zl;
    for (;;) {
      const v = x + nx * y + nxy * z;
      if (z < nz && sticky[v] && (stick >= 1 || rng.next() < stick)) {
        code[v] = METAL; sticky[v] = 0; mark(v);
        if (z > hMax) hMax = z;
        particles++;
        if (opts.onStick?.(v, particles, hMax) === true) return { particles, maxZ: hMax, steps, ended: 'stopped' };
        break;
      }
      // one step; solid voxels are not entered (the walker stays where it is)
      const d = rng.int(ndir);
      let x2 = x, y2 = y, z2 = z;
      if (d === 0) x2 = x + 1 === nx ? 0 : x + 1;
      else if (d === 1) x2 = x === 0 ? nx - 1 : x - 1;
      else if (d === 2) z2 = z + 1;
      else if (d === 3) z2 = z - 1;
      else if (d === 4) y2 = y + 1 === ny ? 0 : y + 1;
      else y2 = y === 0 ? ny - 1 : y - 1;
      steps++;
      if (z2 > zl + relaunch) {
        zl = hMax + 2;
        x = rng.int(nx); y = two ? 0 : rng.int(ny); z = zl;
        continue;
      }
      // above the lattice's top layer is open electrolyte (nothing to meet): the walker goes on there
      if (z2 < 0 || (z2 < nz && code[x2 + nx * y2 + nxy * z2] !== EMPTY)) continue;
      x = x2; y = y2; z = z2;
    }
  }
  return { particles, maxZ: hMax, steps, ended: 'particles' };
}
