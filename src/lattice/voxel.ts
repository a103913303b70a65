/**
 * What a voxel holds: one byte per voxel. Index of voxel (x, y, z) in a grid of size
 * [nx, ny, nz] is x + nx * (y + ny * z); x and y are periodic, z is normal to the current
 * collector (z = 0 is the bottom host layer).
 */
export const EMPTY = 0; // electrolyte
export const METAL = 1; // plated metal, electronically connected
export const DEAD = 2; // plated metal cut off from the collector ("dead Li")
export const SEI = 3; // reserved for the SEI issue
export const SEPARATOR = 4; // reserved
/** host materials: HOST_BASE + host index (0..23) */
export const HOST_BASE = 8;
/** single-atom sites: SAC_BASE + SAC type index (0..31) */
export const SAC_BASE = 32;

export const isMetal = (c: number): boolean => c === METAL || c === DEAD;
export const isHost = (c: number): boolean => c >= HOST_BASE && c < SAC_BASE;
export const isSac = (c: number): boolean => c >= SAC_BASE && c < SAC_BASE + 32;
/** host or SAC: the substrate */
export const isSubstrate = (c: number): boolean => c >= HOST_BASE && c < SAC_BASE + 32;
export const isSolid = (c: number): boolean => c !== EMPTY;

export interface Grid {
  nx: number;
  ny: number;
  nz: number;
  /** voxel codes, length nx*ny*nz */
  cells: Uint8Array;
  /** voxel edge, m */
  voxel_m: number;
}
