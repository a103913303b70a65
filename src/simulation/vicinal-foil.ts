/**
 * The vicinal own-metal foil (`lattice: { foil: 'vicinal', terrace_width: w }`): monatomic steps
 * along the diagonal every w voxels of (x + y), all rising the same way, heights
 * h(x, y) = floor((x + y) / w) above the host layers, on a lattice with helical boundaries
 * (kmc/helical-lattice.ts) whose rises nx / w and ny / w continue the staircase into its periodic
 * images. It has the step density and the fully kinked diagonal steps of the periodic stepped foil
 * (setup.ts), but a net miscut: its steps can move, meander and bunch, and cannot annihilate, so
 * plating and stripping run by step flow for as long as the run lasts. The foil counts as initial
 * metal, as the stepped one does.
 */
import type { ResolvedRun } from '../input/types.js';
import type { CubicLattice } from '../kmc/lattice.js';
import { HelicalLattice } from '../kmc/helical-lattice.js';
import { EMPTY, METAL } from '../lattice/voxel.js';

/** The helical lattice of a vicinal run (rises nx / w and ny / w levels). */
export function vicinalLattice(run: ResolvedRun): HelicalLattice {
  const [nx, ny, nz] = run.lattice.size, w = run.lattice.terraceWidth!;
  return new HelicalLattice(nx, ny, nz, nx / w, ny / w);
}

/** Fills the staircase h(x, y) = floor((x + y) / w) of METAL above the host layers. */
export function fillVicinalFoil(run: ResolvedRun, code: Uint8Array): void {
  const [nx, ny] = run.lattice.size, w = run.lattice.terraceWidth!, z0 = run.lattice.hostLayers, nxy = nx * ny;
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const h = Math.floor((x + y) / w);
    for (let l = 0; l < h; l++) code[(z0 + l) * nxy + x + nx * y] = METAL;
  }
}

export interface SurfaceSteps {
  /**
   * sum over lateral neighbour pairs of |h(b) - h(a)|, heights unwrapped across helical boundaries
   * (by the rises of the lattice; 0 on a periodic one), voxel edges: at least ny riseX + nx riseY on
   * a vicinal foil (each row must climb riseX), 0 on a flat face
   */
  stepLength: number;
  /** the largest |h(b) - h(a)| over neighbour pairs inside the box, and over pairs across its x or y boundary */
  maxJumpInside: number;
  maxJumpAcross: number;
  /** surface metal atoms (electrolyte above) with exactly three solid neighbours (when nbs is given) */
  kinks: number;
}

/**
 * Column heights (top solid voxel + 1) and the steps between them. A wiring fault across a helical
 * boundary (an atom placed at the wrong level on the other side) shows as a jump across the boundary
 * of about the rise, where the surface inside has jumps of a level or two.
 */
export function surfaceSteps(lat: CubicLattice, code: Uint8Array, nbs?: Uint8Array): SurfaceSteps {
  const { nx, ny, nz, nxy } = lat;
  const h = new Int32Array(nxy);
  for (let c = 0; c < nxy; c++) {
    let top = 0;
    for (let z = nz - 1; z >= 0; z--) if (code[c + nxy * z] !== EMPTY) { top = z + 1; break; }
    h[c] = top;
  }
  let stepLength = 0, inside = 0, across = 0;
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const a = h[x + nx * y]!;
    const dx = Math.abs(h[((x + 1) % nx) + nx * y]! + (x === nx - 1 ? lat.riseX : 0) - a);
    const dy = Math.abs(h[x + nx * ((y + 1) % ny)]! + (y === ny - 1 ? lat.riseY : 0) - a);
    stepLength += dx + dy;
    if (x === nx - 1) across = Math.max(across, dx); else inside = Math.max(inside, dx);
    if (y === ny - 1) across = Math.max(across, dy); else inside = Math.max(inside, dy);
  }
  let kinks = 0;
  if (nbs) {
    for (let i = 0; i < lat.n; i++) {
      if (code[i] !== METAL || (i + nxy < lat.n && code[i + nxy] !== EMPTY)) continue;
      if ((nbs[i]! & 7) === 3) kinks++;
    }
  }
  return { stepLength, maxJumpInside: inside, maxJumpAcross: across, kinks };
}
