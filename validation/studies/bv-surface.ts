/**
 * Surface census of a stepped metal foil (the Butler-Volmer studies): how stepped the surface is.
 * Heights are the top solid voxel of each column; the step length is the sum of |height
 * differences| between lateral neighbours (x and y, periodic), in voxel edges, so a monatomic
 * step along the diagonal of a 32 x 32 box counts 64. Kinks are surface metal atoms (electrolyte
 * above) with exactly three solid neighbours (the kink energy E_kink = 3 E_mm of docs/model.md);
 * adatoms have one or two.
 */
import type { Simulation } from '../../src/simulation/simulation.js';
import { METAL, EMPTY } from '../../src/lattice/voxel.js';

export interface SurfaceCensus {
  /** sum of |h(x+1,y) - h(x,y)| + |h(x,y+1) - h(x,y)|, voxel edges */
  stepLength: number;
  kinks: number;
  adatoms: number;
  /** highest minus lowest column */
  heightRange: number;
}

export function surfaceCensus(sim: Simulation): SurfaceCensus {
  const [nx, ny, nz] = sim.run.lattice.size;
  const app = sim.app;
  app.lone?.resolveAll(); // first-passage adatoms at their drawn places
  const code = app.code, nbs = app.nbs, nxy = nx * ny;
  const h = new Int32Array(nxy);
  let kinks = 0, adatoms = 0;
  for (let c = 0; c < nxy; c++) {
    let top = -1;
    for (let z = nz - 1; z >= 0; z--) if (code[c + nxy * z] !== EMPTY) { top = z; break; }
    h[c] = top;
  }
  for (let i = 0; i < nxy * nz; i++) {
    if (code[i] !== METAL) continue;
    if (i + nxy < nxy * nz && code[i + nxy] !== EMPTY) continue;
    const n = nbs[i]! & 7;
    if (n === 3) kinks++; else if (n <= 2) adatoms++;
  }
  let stepLength = 0, lo = Infinity, hi = -Infinity;
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const a = h[x + nx * y]!;
    stepLength += Math.abs(a - h[((x + 1) % nx) + nx * y]!) + Math.abs(a - h[x + nx * ((y + 1) % ny)]!);
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  return { stepLength, kinks, adatoms, heightRange: hi - lo };
}
