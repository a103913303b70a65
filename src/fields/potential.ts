/**
 * The electrostatic potential of the electrolyte around a growing deposit, for the migration drift
 * of the ion walkers (fields/drift-walkers.ts).
 *
 * Model (the dielectric-breakdown / Laplacian-growth picture of Niemeyer, Pietronero and Wiesmann,
 * PRL 52, 1033 (1984), as used for Li dendrites by Aryanfar et al., J. Phys. Chem. Lett. 5, 1721
 * (2014)): the deposit with everything conducting it touches (metal, host) is one equipotential,
 * u = 0; a plane above the lattice (the counter electrode / bulk side) is u = 1; in between the
 * electrolyte obeys Laplace's equation (no space charge). Field lines converge on tips, so the
 * field there is amplified. The field that drives the ions is E = -(E0 / g_top) grad u, scaled so
 * that its mean over a plane above the deposit is the bulk field E0 (flux conservation makes that
 * mean the same on every plane above the deposit).
 *
 * Grid. Cubic cells of `cell` voxels (x and y periodic; ny = 1 is a 2D x-z slab), nodes at the cell
 * centres. A cell holding any conducting solid voxel is a conductor node, u = 0 (the deposit is
 * resolved to one cell). Below the lattice is conductor (u = 0, the host side); the u = 1 plane is
 * one cell above the top row of cells. Solved by successive over-relaxation (Gauss-Seidel,
 * omega = 2 / (1 + sin(pi / N)), N the longest grid dimension), warm-started from the previous
 * solution, until the largest change in one sweep is below `tol` (default 1e-5 of the applied
 * potential; the tests check the solution against the parallel-plate solution).
 *
 * Field at a walker: the central difference of the node values of its cell's neighbours (per voxel),
 * constant over the cell. Above the grid the field is uniform, E0.
 */
import { SPECIES } from '../lattice/species.js';

const CONDUCTING = (() => {
  const t = new Uint8Array(256);
  for (const s of SPECIES) for (let c = s.code; c < s.code + s.count; c++) if (s.solid && s.conducting) t[c] = 1;
  return t;
})();

export class ElectrodePotential {
  readonly gx: number; readonly gy: number; readonly gz: number;
  /** cell edge, voxels */
  readonly cell: number;
  /** potential at the nodes (0 on the deposit, 1 at the top plane) */
  readonly u: Float64Array;
  /** 1 where the node is a conductor */
  readonly fixed: Uint8Array;
  /** gradient of u per voxel at each node, x, y, z (y is 0 in a 2D slab) */
  readonly grad: Float32Array;
  /** mean d u / d z (per voxel) at the top plane: the normalisation of the field */
  gTop = 0;
  /** sweeps of the last solve and of all solves, number of solves */
  lastSweeps = 0; totalSweeps = 0; solves = 0;
  private readonly omega: number;

  constructor(readonly size: [number, number, number], cell: number, readonly tol = 1e-5) {
    const [nx, ny, nz] = size;
    if (!(cell >= 1 && Number.isInteger(cell))) throw new RangeError(`potential cell must be a whole number of voxels, got ${cell}`);
    this.cell = cell;
    this.gx = Math.ceil(nx / cell); this.gy = ny === 1 ? 1 : Math.ceil(ny / cell); this.gz = Math.ceil(nz / cell);
    const n = this.gx * this.gy * this.gz;
    this.u = new Float64Array(n);
    this.fixed = new Uint8Array(n);
    this.grad = new Float32Array(3 * n);
    // start from the parallel-plate solution: u = (k + 1) / (gz + 1) (u = 0 one cell below row 0)
    for (let k = 0; k < this.gz; k++) for (let j = 0; j < this.gx * this.gy; j++) this.u[k * this.gx * this.gy + j] = (k + 1) / (this.gz + 1);
    const N = Math.max(this.gx, this.gy, this.gz);
    this.omega = 2 / (1 + Math.sin(Math.PI / N));
  }

  /** Marks conductor nodes from the lattice codes (any conducting solid voxel in the cell). */
  markConductors(code: Uint8Array): void {
    const [nx, ny, nz] = this.size, c = this.cell, gx = this.gx, gy = this.gy;
    this.fixed.fill(0);
    const nxy = nx * ny;
    for (let z = 0; z < nz; z++) {
      const k = (z / c) | 0;
      for (let y = 0; y < ny; y++) {
        const j = ny === 1 ? 0 : (y / c) | 0;
        const row = z * nxy + y * nx;
        for (let x = 0; x < nx; x++) if (CONDUCTING[code[row + x]!]) this.fixed[(k * gy + j) * gx + ((x / c) | 0)] = 1;
      }
    }
    for (let i = 0; i < this.u.length; i++) if (this.fixed[i]) this.u[i] = 0;
  }

  /** Marks the cell holding voxel v as a conductor (a new deposit voxel). True if it was not yet one. */
  addConductor(v: number): boolean {
    const [nx, ny] = this.size, c = this.cell;
    const nxy = nx * ny;
    const z = (v / nxy) | 0, r = v - z * nxy, y = (r / nx) | 0, x = r - y * nx;
    const i = ((((z / c) | 0) * this.gy) + (ny === 1 ? 0 : (y / c) | 0)) * this.gx + ((x / c) | 0);
    if (this.fixed[i]) return false;
    this.fixed[i] = 1; this.u[i] = 0;
    return true;
  }

  /** Relaxes u to the tolerance (at most maxSweeps sweeps), then recomputes the gradient. Returns the sweeps. */
  solve(maxSweeps = 20000): number {
    const { gx, gy, gz, u, fixed } = this;
    const two = gy === 1;
    const gxy = gx * gy;
    const w = this.omega, tol = this.tol;
    const inv = two ? 0.25 : 1 / 6;
    // neighbour offsets within a row / a layer (periodic)
    const xp = new Int32Array(gx), xm = new Int32Array(gx), yp = new Int32Array(gy), ym = new Int32Array(gy);
    for (let i = 0; i < gx; i++) { xp[i] = (i + 1) % gx - i; xm[i] = (i - 1 + gx) % gx - i; }
    for (let j = 0; j < gy; j++) { yp[j] = ((j + 1) % gy - j) * gx; ym[j] = ((j - 1 + gy) % gy - j) * gx; }
    let sweeps = 0;
    for (; sweeps < maxSweeps;) {
      let maxd = 0;
      for (let k = 0; k < gz; k++) {
        const top = k + 1 === gz, bottom = k === 0;
        for (let j = 0; j < gy; j++) {
          const row = k * gxy + j * gx;
          const dyp = yp[j]!, dym = ym[j]!;
          for (let i = 0; i < gx; i++) {
            const n = row + i;
            if (fixed[n] === 1) continue;
            let s = u[n + xp[i]!]! + u[n + xm[i]!]!;
            s += top ? 1 : u[n + gxy]!;
            if (!bottom) s += u[n - gxy]!;
            if (!two) s += u[n + dyp]! + u[n + dym]!;
            const d = w * (s * inv - u[n]!);
            u[n] = u[n]! + d;
            if (d > maxd) maxd = d; else if (-d > maxd) maxd = -d;
          }
        }
      }
      sweeps++;
      if (maxd < tol) break;
    }
    this.lastSweeps = sweeps; this.totalSweeps += sweeps; this.solves++;
    this.gradient();
    return sweeps;
  }

  private gradient(): void {
    const { gx, gy, gz, u, grad } = this;
    const gxy = gx * gy, h = 2 * this.cell;
    const at = (i: number, j: number, k: number) => (k >= gz ? 1 : k < 0 ? 0 : u[k * gxy + j * gx + i]!);
    let top = 0;
    for (let k = 0; k < gz; k++) for (let j = 0; j < gy; j++) for (let i = 0; i < gx; i++) {
      const n = k * gxy + j * gx + i;
      const ip = i + 1 === gx ? 0 : i + 1, im = i === 0 ? gx - 1 : i - 1;
      grad[3 * n] = (at(ip, j, k) - at(im, j, k)) / h;
      grad[3 * n + 1] = gy === 1 ? 0 : (at(i, j + 1 === gy ? 0 : j + 1, k) - at(i, j === 0 ? gy - 1 : j - 1, k)) / h;
      grad[3 * n + 2] = (at(i, j, k + 1) - at(i, j, k - 1)) / h;
      if (k === gz - 1) top += (1 - u[n]!) / this.cell;
    }
    this.gTop = top / gxy;
  }

  /** Node index of the cell holding voxel (x, y, z), or -1 outside the grid (above it: uniform field). */
  nodeAt(x: number, y: number, z: number): number {
    const c = this.cell;
    const k = (z / c) | 0;
    if (z < 0 || k >= this.gz) return -1;
    return (k * this.gy + (this.gy === 1 ? 0 : (y / c) | 0)) * this.gx + ((x / c) | 0);
  }
}
