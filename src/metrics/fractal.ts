/**
 * Box-counting dimension of a deposit (transport-limited growth, issue 9 must show 4).
 *
 * The metal voxels above the host are projected onto the x-z plane (2D: a thin slab, any y) or
 * kept in 3D; N(s) counts the boxes of edge s (s = 1, 2, 4, ...) that hold at least one occupied
 * pixel/voxel, over the region from the first layer above the host to the highest metal voxel,
 * periodic boxes in x (and y) aligned at 0. The dimension is minus the least-squares slope of
 * log N(s) against log s over the fitted range.
 */
import { linearFit } from '../stats/interval.js';

export interface BoxCount { sizes: number[]; counts: number[]; dimension: number; lo: number; hi: number; }

export function boxCountingDimension(
  code: Uint8Array, size: [number, number, number], isDeposit: (c: number) => boolean, opts: { project2D: boolean; zFrom: number; sizes: number[] },
): BoxCount {
  const [nx, ny] = size;
  const nxy = nx * ny;
  let zTop = opts.zFrom;
  for (let v = 0; v < code.length; v++) if (isDeposit(code[v]!)) zTop = Math.max(zTop, (v / nxy) | 0);
  const counts: number[] = [];
  for (const s of opts.sizes) {
    const bx = Math.ceil(nx / s), by = opts.project2D ? 1 : Math.ceil(ny / s), bz = Math.ceil((zTop - opts.zFrom + 1) / s);
    const hit = new Uint8Array(bx * by * bz);
    let n = 0;
    for (let z = opts.zFrom; z <= zTop; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          if (!isDeposit(code[x + nx * y + nxy * z]!)) continue;
          const k = ((x / s) | 0) + bx * ((opts.project2D ? 0 : (y / s) | 0) + by * (((z - opts.zFrom) / s) | 0));
          if (!hit[k]) { hit[k] = 1; n++; }
        }
      }
    }
    counts.push(n);
  }
  const fit = linearFit(opts.sizes.map(Math.log), counts.map(Math.log));
  return { sizes: opts.sizes, counts, dimension: -fit.slope, lo: -fit.slopeHi, hi: -fit.slopeLo };
}

export interface MassRadius { radii: number[]; mass: number[]; centres: number; dimension: number; lo: number; hi: number; }

/**
 * Mass-radius (correlation-integral) dimension of a deposit on a substrate: M(r), the mean number of
 * deposit voxels within Euclidean distance r of a deposit voxel (itself included), taken over
 * sampled centres whose ball of the largest radius lies between the substrate (z >= zFrom) and
 * zTo (below the still-growing top), grows as r^D; D is the least-squares slope of log M against
 * log r over the given radii. 2D: pass ny = 1 (a square lattice in x-z). Periodic in x and y.
 * The centres are every deposit voxel in the region (and, given `isCentre`, for which it is true),
 * or a deterministic stride through them when there are more than maxCentres.
 */
export function massRadiusDimension(
  code: Uint8Array, size: [number, number, number], isDeposit: (c: number) => boolean,
  opts: { radii: number[]; zFrom: number; zTo: number; maxCentres?: number; isCentre?: (v: number) => boolean },
): MassRadius {
  const [nx, ny, nz] = size;
  const nxy = nx * ny, two = ny === 1;
  const R = Math.max(...opts.radii), Ri = Math.ceil(R);
  const zLo = opts.zFrom + Ri, zHi = Math.min(opts.zTo, nz - 1) - Ri;
  const cand: number[] = [];
  for (let z = zLo; z <= zHi; z++) for (let i = 0; i < nxy; i++) if (isDeposit(code[i + nxy * z]!) && (!opts.isCentre || opts.isCentre(i + nxy * z))) cand.push(i + nxy * z);
  const maxC = opts.maxCentres ?? 4000;
  const stride = Math.max(1, Math.ceil(cand.length / maxC));
  const dep = new Uint8Array(code.length);
  for (let v = 0; v < code.length; v++) if (isDeposit(code[v]!)) dep[v] = 1;
  // counts by squared distance up to R^2
  const R2 = Ri * Ri;
  const byD2 = new Float64Array(R2 + 1);
  let centres = 0;
  for (let k = 0; k < cand.length; k += stride) {
    const v = cand[k]!;
    const z = (v / nxy) | 0, r = v - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    centres++;
    for (let dz = -Ri; dz <= Ri; dz++) {
      const zz = z + dz;
      for (let dy = two ? 0 : -Ri; dy <= (two ? 0 : Ri); dy++) {
        const yy = (((y + dy) % ny) + ny) % ny;
        for (let dx = -Ri; dx <= Ri; dx++) {
          const d2 = dx * dx + dy * dy + dz * dz;
          if (d2 > R2) continue;
          const xx = (((x + dx) % nx) + nx) % nx;
          if (dep[xx + nx * yy + nxy * zz]) byD2[d2]! += 1;
        }
      }
    }
  }
  const cum = new Float64Array(R2 + 1);
  let acc = 0;
  for (let d = 0; d <= R2; d++) { acc += byD2[d]!; cum[d] = acc; }
  const mass = opts.radii.map((r) => (centres > 0 ? cum[Math.floor(r * r)]! / centres : 0));
  const fit = linearFit(opts.radii.map(Math.log), mass.map(Math.log));
  return { radii: opts.radii, mass, centres, dimension: fit.slope, lo: fit.slopeLo, hi: fit.slopeHi };
}
