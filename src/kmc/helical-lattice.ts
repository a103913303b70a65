/**
 * A simple-cubic lattice with helical (screw) boundaries in x and y, the boundary that solid-on-solid
 * and terrace-step-kink Monte Carlo models of a vicinal surface use to keep a net miscut in a periodic
 * box (a vicinal surface simulated that way: e.g. Jeong and Weeks, Surf. Sci. 432, 101, 1999; we did
 * not check which boundary each such paper used, the construction is the one below): a surface with a
 * net miscut of riseX levels across the box in x and riseY in y continues into its periodic image
 * riseX (riseY) levels higher. Unwrapped, site (x + nx, y, z + riseX) is site (x, y, z), so a move
 * across +x from x = nx - 1 lands at x = 0 riseX levels lower, and across -x from x = 0 at
 * x = nx - 1 riseX levels higher (the same for y). The number of steps the surface crosses in
 * one period is then a topological invariant: steps can move, meander and bunch, but not annihilate.
 *
 * The box is closed in z, so near its bottom (top) a lateral neighbour across the boundary can lie
 * below (above) the box: it is reported as -1, as an out-of-box z neighbour is. Those are buried
 * collector-side voxels and electrolyte voxels far above the surface (setup.ts sizes the box so
 * that the surface and a deposit on it stay clear of both).
 *
 * Vertical moves are column-local and unchanged; only the four lateral directions at the x and
 * y boundaries differ from CubicLattice. Code that wraps x or y by its own arithmetic instead of
 * through neighbors()/step()/offsetSite() is not helical: the run file refuses the parts that do
 * (input/parse.ts: transport, walkers, parallel sectors), and the lone-adatom domains stay clear
 * of the boundaries (apps/lone-adatoms.ts).
 */
import { CubicLattice } from './lattice.js';

export class HelicalLattice extends CubicLattice {
  constructor(nx: number, ny: number, nz: number, riseX: number, riseY: number) {
    if (!(Number.isInteger(riseX) && Number.isInteger(riseY)) || riseX < 0 || riseY < 0 || riseX >= nz || riseY >= nz) {
      throw new Error(`HelicalLattice: rises ${riseX}, ${riseY} must be integers from 0 to nz - 1 (${nz - 1})`);
    }
    super(nx, ny, nz, false, [riseX, riseY]);
  }

  override step(i: number, d: number): number {
    if (d >= 4) return super.step(i, d);
    const nx = this.nx, ny = this.ny, nxy = this.nxy;
    const z = (i / nxy) | 0, r = i - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    let dz = 0;
    if (d === 0 && x === nx - 1) dz = -this.riseX;
    else if (d === 1 && x === 0) dz = this.riseX;
    else if (d === 2 && y === ny - 1) dz = -this.riseY;
    else if (d === 3 && y === 0) dz = this.riseY;
    const j = super.step(i, d);
    if (dz === 0) return j;
    const zz = z + dz;
    return zz < 0 || zz >= this.nz ? -1 : j + dz * nxy;
  }

  override neighbors(i: number, out: Int32Array): void {
    super.neighbors(i, out);
    const nx = this.nx, ny = this.ny, nxy = this.nxy, nz = this.nz;
    const z = (i / nxy) | 0, r = i - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    const sx = this.riseX, sy = this.riseY;
    if (x === nx - 1) out[0] = z - sx < 0 ? -1 : out[0]! - sx * nxy;
    if (x === 0) out[1] = z + sx >= nz ? -1 : out[1]! + sx * nxy;
    if (y === ny - 1) out[2] = z - sy < 0 ? -1 : out[2]! - sy * nxy;
    if (y === 0) out[3] = z + sy >= nz ? -1 : out[3]! + sy * nxy;
  }
}
