/**
 * Neighbour tables for a simple-cubic lattice of nx x ny x nz sites, periodic in x and y,
 * and periodic or closed in z. Site index = x + nx * (y + ny * z).
 * The six directions are +x, -x, +y, -y, +z, -z (ids 0..5); OPPOSITE[d] is the reverse.
 * Offsets are precomputed per coordinate so that a neighbour is one add (no modulo in the
 * hot loop). A bcc table can follow the same interface (8 + 6 neighbours).
 */
export const DIRS = 6;
// startcost2: in input/voxel-limit.ts (the run file's schema checks it on the CLI's main thread, which loads no engine)
export { MAX_RUN_VOXELS } from '../input/voxel-limit.js';
export const OPPOSITE = new Int8Array([1, 0, 3, 2, 5, 4]);
export const PLUS_Z = 4;
export const MINUS_Z = 5;

export class CubicLattice {
  readonly nx: number; readonly ny: number; readonly nz: number;
  readonly n: number;
  readonly nxy: number;
  /** per x: offset to +x and -x neighbour (wrapping) */
  readonly dxp: Int32Array; readonly dxm: Int32Array;
  readonly dyp: Int32Array; readonly dym: Int32Array;
  readonly dzp: Int32Array; readonly dzm: Int32Array;
  readonly periodicZ: boolean;
  /** log2 nx and log2 (nx ny) when nx and ny are powers of two, else -1 */
  readonly shiftX: number; readonly shiftXY: number;
  /**
   * Helical (screw) boundaries (kmc/helical-lattice.ts): levels the surface rises across the box in
   * x and in y; crossing +x at x = nx - 1 lands riseX levels lower at x = 0. 0 here (plain periodic).
   */
  readonly riseX: number; readonly riseY: number;
  /** 1 / nx and 1 / (nx ny) for the index decomposition of neighbors() */
  private readonly invNx: number; private readonly invNxy: number;

  constructor(nx: number, ny: number, nz: number, periodicZ = false, rise: readonly [number, number] = [0, 0]) {
    this.nx = nx; this.ny = ny; this.nz = nz; this.nxy = nx * ny; this.n = nx * ny * nz;
    this.riseX = rise[0]; this.riseY = rise[1];
    this.invNx = 1 / nx; this.invNxy = 1 / (nx * ny);
    this.periodicZ = periodicZ;
    const pow2 = (k: number) => k > 0 && (k & (k - 1)) === 0;
    this.shiftX = pow2(nx) && pow2(ny) ? Math.log2(nx) : -1;
    this.shiftXY = this.shiftX >= 0 ? Math.log2(nx * ny) : -1;
    this.dxp = new Int32Array(nx); this.dxm = new Int32Array(nx);
    for (let x = 0; x < nx; x++) { this.dxp[x] = x === nx - 1 ? -(nx - 1) : 1; this.dxm[x] = x === 0 ? nx - 1 : -1; }
    this.dyp = new Int32Array(ny); this.dym = new Int32Array(ny);
    for (let y = 0; y < ny; y++) { this.dyp[y] = (y === ny - 1 ? -(ny - 1) : 1) * nx; this.dym[y] = (y === 0 ? ny - 1 : -1) * nx; }
    this.dzp = new Int32Array(nz); this.dzm = new Int32Array(nz);
    const s = this.nxy;
    for (let z = 0; z < nz; z++) {
      // closed z: out-of-box neighbours are reported as -1 by neighbor()
      this.dzp[z] = z === nz - 1 ? (periodicZ ? -(nz - 1) * s : 0) : s;
      this.dzm[z] = z === 0 ? (periodicZ ? (nz - 1) * s : 0) : -s;
    }
  }

  x(i: number): number { return i % this.nx; }
  y(i: number): number { return ((i / this.nx) | 0) % this.ny; }
  z(i: number): number { return (i / this.nxy) | 0; }
  index(x: number, y: number, z: number): number { return x + this.nx * (y + this.ny * z); }

  /** Neighbour of i in direction d (0..5: +x -x +y -y +z -z), -1 outside a closed z boundary. */
  step(i: number, d: number): number {
    let x: number, y: number, z: number;
    if (this.shiftX >= 0) {
      x = i & (this.nx - 1); y = (i >> this.shiftX) & (this.ny - 1); z = i >> this.shiftXY;
    } else {
      z = (i / this.nxy) | 0;
      const r = i - z * this.nxy;
      y = (r / this.nx) | 0;
      x = r - y * this.nx;
    }
    switch (d) {
      case 0: return i + this.dxp[x]!;
      case 1: return i + this.dxm[x]!;
      case 2: return i + this.dyp[y]!;
      case 3: return i + this.dym[y]!;
      case 4: { const o = this.dzp[z]!; return o === 0 ? -1 : i + o; }
      default: { const o = this.dzm[z]!; return o === 0 ? -1 : i + o; }
    }
  }

  /** Fills out[0..5] with the neighbours of i (-1 outside a closed z boundary). */
  neighbors(i: number, out: Int32Array): void {
    let x: number, y: number, z: number;
    if (this.shiftX >= 0) {
      // power-of-two nx and ny: shifts and masks instead of divisions
      x = i & (this.nx - 1); y = (i >> this.shiftX) & (this.ny - 1); z = i >> this.shiftXY;
    } else {
      // divisions by reciprocal multiplication (a float multiply instead of a divide, measured
      // on the film-growth benchmark; issue 11), corrected by one step when rounding lands on the
      // wrong side of a multiple of the divisor: exact for every index of a lattice (< 2^30)
      const nx = this.nx, nxy = this.nxy;
      z = (i * this.invNxy) | 0;
      let r = i - z * nxy;
      if (r >= nxy) { z++; r -= nxy; } else if (r < 0) { z--; r += nxy; }
      y = (r * this.invNx) | 0;
      x = r - y * nx;
      if (x >= nx) { y++; x -= nx; } else if (x < 0) { y--; x += nx; }
    }
    out[0] = i + this.dxp[x]!;
    out[1] = i + this.dxm[x]!;
    out[2] = i + this.dyp[y]!;
    out[3] = i + this.dym[y]!;
    const zp = this.dzp[z]!, zm = this.dzm[z]!;
    out[4] = zp === 0 ? -1 : i + zp;
    out[5] = zm === 0 ? -1 : i + zm;
  }
}
