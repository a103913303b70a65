/**
 * Lowest-energy block shape of an island of N atoms on a host (the T = 0 limit of the Winterbottom
 * construction on a finite lattice), by exact enumeration: every a x b base with h full layers and
 * the remaining atoms as one partial top layer (a c x d rectangle plus a row of e along one of its
 * sides). Energy with the engine's bond counting (island-sampler.ts: -E_mm per metal-metal pair,
 * -E_host per atom on the host). The continuum Winterbottom ratio height / width = 1 - E_host / E_mm
 * is the large-N limit; at finite N the best block can sit a layer away from it.
 *
 * A cross-check, not a proof of the ground state: shapes other than a block with one partial layer
 * (two partial layers, side rows) are not enumerated.
 */
import { METAL } from '../lattice/voxel.js';

export interface BlockShape {
  /** base a x b (a <= b), h full layers, partial top layer c x d plus a row of e (e < c) */
  a: number; b: number; h: number; c: number; d: number; e: number;
}

export interface GroundState extends BlockShape {
  energy_eV: number;
  /** mean height / sqrt(base area) = N / (a b) / sqrt(a b) */
  ratio: number;
  shape: string;
}

/** metal-metal pairs of a block with its partial top layer */
export function blockBonds(s: BlockShape): number {
  const { a, b, h, c, d, e } = s;
  return 3 * a * b * h - a * b - b * h - a * h + (c * d + e) + d * Math.max(c - 1, 0) + c * Math.max(d - 1, 0) + (e > 0 ? 2 * e - 1 : 0);
}

export function describe(s: BlockShape): string {
  const rem = s.c * s.d + s.e;
  return `${s.a} x ${s.b} x ${s.h}${rem ? ` + ${rem}` : ''}`;
}

/** Lowest-energy block of N atoms for the bonds E_mm (metal-metal) and E_host (metal on the host), eV. */
export function islandGroundState(N: number, eMM: number, eHost: number): GroundState {
  let best: GroundState | null = null;
  for (let a = 1; a * a <= N; a++) for (let b = a; a * b <= N; b++) {
    const h = Math.floor(N / (a * b)), rem = N - a * b * h;
    const consider = (c: number, d: number, e: number): void => {
      const s = { a, b, h, c, d, e };
      const E = -eMM * blockBonds(s) - eHost * a * b;
      if (best === null || E < best.energy_eV - 1e-12) best = { ...s, energy_eV: E, ratio: N / (a * b) / Math.sqrt(a * b), shape: describe(s) };
    };
    if (rem === 0) { consider(0, 0, 0); continue; }
    for (let c = 1; c <= b && c <= rem; c++) {
      const d = Math.floor(rem / c), e = rem - c * d;
      if (d < a || (d === a && e === 0)) consider(c, d, e);
    }
  }
  return best!;
}

/**
 * Writes the block into `code` (lattice x + nx (y + ny z), periodic nx = ny = L), base on z = 1
 * (the host is z = 0), centred; returns the number of atoms written.
 */
export function writeBlock(code: Uint8Array, L: number, s: BlockShape): number {
  const nxy = L * L;
  const x0 = (L - s.b) >> 1, y0 = (L - s.a) >> 1;
  let n = 0;
  const put = (x: number, y: number, z: number): void => { code[z * nxy + (y0 + y) * L + (x0 + x)] = METAL; n++; };
  for (let z = 1; z <= s.h; z++) for (let y = 0; y < s.a; y++) for (let x = 0; x < s.b; x++) put(x, y, z);
  // partial layer: c along x (c <= b), d along y (d <= a), the row of e along x at y = d
  for (let y = 0; y < s.d; y++) for (let x = 0; x < s.c; x++) put(x, y, s.h + 1);
  for (let x = 0; x < s.e; x++) put(x, s.d, s.h + 1);
  return n;
}
