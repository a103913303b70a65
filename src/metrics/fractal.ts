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
  const [nx, ny, nz] = size;
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
