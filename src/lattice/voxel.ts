/**
 * What a voxel holds: one byte per voxel. Index of voxel (x, y, z) in a grid of size
 * [nx, ny, nz] is x + nx * (y + ny * z); x and y are periodic, z is normal to the current
 * collector (z = 0 is the bottom host layer).
 *
 * The codes and what they stand for live in the species registry (species.ts); they are
 * re-exported here for the code that only needs the names.
 */
export {
  EMPTY, METAL, DEAD, SEI, SEPARATOR, VOID, HOST_BASE, SAC_BASE,
  isMetal, isHost, isSac, isSubstrate, isSolid, isLiquid,
} from './species.js';

export interface Grid {
  nx: number;
  ny: number;
  nz: number;
  /** voxel codes, length nx*ny*nz */
  cells: Uint8Array;
  /** voxel edge, m */
  voxel_m: number;
}
