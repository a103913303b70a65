/**
 * The voxels that the deposit's porosity counts (metrics/morphology.ts, `porosity`): liquid voxels (EMPTY, and VOID,
 * the sealed liquid of `model: { sealed_pores: void }`, branch e1void) above the host top and below the highest metal voxel of their column, with where they are and
 * how they hang together. Used to ask where a scheme's extra voids sit (validation study
 * parallel-sectors-porosity: against the sector scheme's strip edges); the definition is
 * morphology's, so pores(grid).index.length / sum(height) is its porosity.
 *
 * A pore voxel is not necessarily sealed: an empty voxel under an overhang may open sideways onto
 * the electrolyte. Each connected group of pore voxels (6-connectivity, periodic in x and y) says
 * whether it is sealed: no face of it touches a liquid voxel that is not a pore (a group of VOID voxels is sealed).
 */
import { isLiquid, type Grid } from '../lattice/voxel.js';
import { heightField } from './morphology.js';

export interface Pores {
  /** deposit height per column (index x + nx y), voxels: morphology's height field */
  height: Int32Array;
  /** pore voxels, as voxel indices x + nx (y + ny z), in increasing order */
  index: Int32Array;
  /** per pore voxel: its group (0 .. groups - 1) */
  group: Int32Array;
  /** per group: voxels, and 1 when sealed (no face onto a liquid voxel outside the pores) */
  groupSize: number[];
  groupSealed: number[];
}

/** The pore voxels of `grid` (hostTopZ: the top host layer's z, as for morphology). */
export function pores(grid: Grid, hostTopZ: number): Pores {
  const h = heightField(grid, hostTopZ);
  const { nx, ny, cells } = grid;
  const nxy = nx * ny;
  let top = 0;
  for (let c = 0; c < nxy; c++) if (h[c]! > top) top = h[c]!;
  const found: number[] = [];
  for (let hz = 1; hz < top; hz++) {
    const zb = (hostTopZ + hz) * nxy;
    for (let c = 0; c < nxy; c++) if (h[c]! > hz && isLiquid(cells[zb + c]!)) found.push(zb + c);
  }
  const index = Int32Array.from(found);
  // groups: a search over the pore voxels (few: a per cent of the deposit), found by binary search
  const at = (v: number): number => {
    let lo = 0, hi = index.length - 1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1, x = index[m]!;
      if (x === v) return m;
      if (x < v) lo = m + 1; else hi = m - 1;
    }
    return -1;
  };
  const group = new Int32Array(index.length).fill(-1);
  const groupSize: number[] = [], groupSealed: number[] = [];
  const stack: number[] = [];
  for (let s = 0; s < index.length; s++) {
    if (group[s] !== -1) continue;
    const g = groupSize.length;
    let size = 0, sealed = 1;
    group[s] = g;
    stack.push(s);
    while (stack.length > 0) {
      const k = stack.pop()!, v = index[k]!;
      size++;
      const c = v % nxy, z = (v - c) / nxy, x = c % nx, y = (c - x) / nx;
      const nb = [
        ((x + 1) % nx) + nx * y + nxy * z, ((x + nx - 1) % nx) + nx * y + nxy * z,
        x + nx * ((y + 1) % ny) + nxy * z, x + nx * ((y + ny - 1) % ny) + nxy * z,
        v + nxy, v - nxy,
      ];
      for (const u of nb) {
        if (!isLiquid(cells[u]!)) continue; // metal, host (the pores lie between host and the top metal: u is inside the box)
        const j = at(u);
        if (j < 0) { sealed = 0; continue; }
        if (group[j] === -1) { group[j] = g; stack.push(j); }
      }
    }
    groupSize.push(size);
    groupSealed.push(sealed);
  }
  return { height: h, index, group, groupSize, groupSealed };
}
