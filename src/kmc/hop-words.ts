/**
 * Packed occupancy words for hop classes (issue 11, eighth round; docs/engine-history.md "Eighth round").
 *
 * A hop class (apps/plating.ts, hopClass) reads, besides the atom and the voxels above and below
 * it, three voxels in each of the four lateral directions: the lateral neighbour t, the voxel
 * under it (t - z) and the one under that (t - 2z). Here each voxel w keeps those twelve
 * solid/empty bits in one 16-bit word, bit 3e + k for direction e (+x, -x, +y, -y) and depth k
 * (0: t, 1: t - z, 2: t - 2z; a voxel below the box reads as empty). When a voxel v turns from
 * empty to solid or back, it is that bit in the words of its four lateral neighbours and of the
 * voxels one and two layers above those, so one change flips twelve bits (`flip`).
 *
 * `moves[word]` = nLat * 64 + nPlain * 8 + nDown: the lateral solids, the plain moves (empty t on
 * a solid t - z) and the step-down moves (empty t and t - z on a solid t - 2z), the counts the hop
 * class needs (step-ups are nLat when the atom's top is free and it is below the top layer).
 *
 * Physics-free: which voxel is solid is all it knows. Needs lateral neighbours in the voxel's own
 * layer (no helical boundary) and at least 3 columns each way (so that v is the neighbour of its
 * neighbour in the opposite direction, and of no other one).
 */
import { CubicLattice, OPPOSITE } from './lattice.js';

const EMPTY = 0;

/** nLat * 64 + nPlain * 8 + nDown for each of the 4096 words */
const MOVES = (() => {
  const m = new Uint16Array(4096);
  for (let w = 0; w < 4096; w++) {
    let nLat = 0, nPlain = 0, nDown = 0;
    for (let e = 0; e < 4; e++) {
      const b = (w >> (3 * e)) & 7;
      if (b & 1) nLat++;
      else if (b & 2) nPlain++;
      else if (b & 4) nDown++;
    }
    m[w] = nLat * 64 + nPlain * 8 + nDown;
  }
  return m;
})();

export class HopWords {
  /** the word of every voxel (2 bytes per voxel) */
  readonly word: Uint16Array;
  /** nLat * 64 + nPlain * 8 + nDown by word (shared, 8 kB) */
  readonly moves = MOVES;
  private readonly n: number;
  private readonly nxy: number;
  private readonly lat: CubicLattice;

  /** whether the words can stand for the lattice's lateral neighbourhoods */
  static fits(lat: CubicLattice): boolean {
    return lat.riseX === 0 && lat.riseY === 0 && lat.nx >= 3 && lat.ny >= 3;
  }

  /** Words of every voxel from the codes (0 = EMPTY, anything else solid). */
  constructor(lat: CubicLattice, code: Uint8Array) {
    this.lat = lat; this.n = lat.n; this.nxy = lat.nxy;
    this.word = new Uint16Array(lat.n);
    for (let v = 0; v < lat.n; v++) this.word[v] = this.compute(v, code);
  }

  /** The word of v recomputed from the codes. */
  compute(v: number, code: Uint8Array): number {
    const nxy = this.nxy;
    let w = 0;
    for (let e = 0; e < 4; e++) {
      const t = this.lat.step(v, e);
      if (code[t] !== EMPTY) w |= 1 << (3 * e);
      if (t - nxy >= 0 && code[t - nxy] !== EMPTY) w |= 2 << (3 * e);
      if (t - 2 * nxy >= 0 && code[t - 2 * nxy] !== EMPTY) w |= 4 << (3 * e);
    }
    return w;
  }

  /** Voxel v (neighbours nb: +x, -x, +y, -y, ...) turned from empty to solid or back. */
  flip(nb: Int32Array): void {
    const word = this.word, n = this.n, nxy = this.nxy;
    for (let d = 0; d < 4; d++) {
      const t = nb[d]!;
      const b = 3 * OPPOSITE[d]!;
      word[t] = word[t]! ^ (1 << b);
      let u = t + nxy;
      if (u < n) {
        word[u] = word[u]! ^ (2 << b);
        u += nxy;
        if (u < n) word[u] = word[u]! ^ (4 << b);
      }
    }
  }

  /** The first voxel whose word differs from its recomputation, as a message; null when all agree. */
  verify(code: Uint8Array): string | null {
    for (let v = 0; v < this.n; v++) {
      const w = this.compute(v, code);
      if (w !== this.word[v]) return `voxel ${v}: hop word ${this.word[v]}, recomputed ${w}`;
    }
    return null;
  }
}
