/**
 * Must show 4 (issue 9), 3D half: the fractal dimension of a deposit grown by single ion walkers
 * (src/fields/walkers.ts: on-lattice diffusion-limited deposition, DLD, sticking 1, no surface
 * diffusion) against 2.5 +- 0.1 (3D DLA: Meakin, PRA 27, 1495, 1983; off-lattice Tolman & Meakin,
 * PRA 40, 428, 1989; on a substrate the deposit is a forest of DLA trees, Meakin, PRA 27, 2616, 1983).
 * Replaces the 3D part of `transport-dla` and the `dla3d-finite-size` study.
 *
 * Model checked against the DLD definition before this run (docs/transport.md): launch on the plane
 * two layers above the highest voxel at a uniform (x, y) (the first passage onto a plane above the
 * deposit from a uniform source far away is uniform), periodic lateral boundaries, unbiased steps to
 * the 6 neighbours, sticking on first arrival at an empty site with a metal or host 6-neighbour.
 * One defect was found and fixed: a walker leaving the lattice's top layer was re-launched at once;
 * in these channels (6 W + 4 layers, grown to 6 W) that re-launched walkers only a few layers above
 * the launch plane during the last W of growth, which is killing them close to the deposit (it
 * favours tips). Walkers now wander in the open electrolyte above the lattice and are re-launched
 * only W layers above the launch plane (return point uniform to exp(-2 pi) = 0.2 %).
 *
 * Deposits: 3D channels of width W = 16, 24, 32, 48, 64, 96 voxels (periodic), grown to 6 W,
 * seeds 1-6 at every width.
 *
 * Two estimators, stated before the run:
 *  A. Channel-width scaling (the tolerance applies to this one). The channel is the only length,
 *     so the density of the deposit's steady part (heights W to 5 W) scales as rho ~ W^(D - 3).
 *     D = 3 + least-squares slope of ln rho on ln W per seed over the four widest channels,
 *     W = 32, 48, 64, 96 (finite-size corrections are largest at the smallest widths); mean and
 *     95 % interval over seeds 1-6; passes if |mean - 2.5| <= 0.1. The fit over all six widths and
 *     the local slopes between neighbouring widths (from the seed-mean densities) are reported too.
 *  B. Density-density correlation, in its integrated form (the correlation integral): M(r), the
 *     mean number of deposit voxels within distance r of a deposit voxel, ~ r^D for 1 << r << W,
 *     i.e. C(r) ~ r^(D - 3) (Meakin 1983 measured D of DLD from C(r)). Measured in the steady part
 *     (W to 5 W) of each W = 96 deposit, up to 3000 centres, fit over r = 4-16 (from four lattice
 *     units to W / 6), per seed; mean and 95 % interval over seeds 1-6. Reported against the same
 *     target, but the tolerance is stated for A.
 * Both estimators are known to approach the asymptotic D from below at small sizes in 3D (the
 * branches are one voxel thick: at small r the structure is line-like). Expectation written down
 * before the run, from the earlier study (2.39 [2.32, 2.45]) and a check of seeds 1-2 at W = 64 for
 * B (local slopes 2.2-2.4): A about 2.35-2.45, B about 2.3; the run decides.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { meanInterval, linearFit } from '../../src/stats/interval.js';
import { massRadiusDimension } from '../../src/metrics/fractal.js';
import { growByWalkers } from '../../src/fields/walkers.js';
import { Rng } from '../../src/kmc/rng.js';
import { HOST_BASE, METAL } from '../../src/lattice/voxel.js';
import { fmt } from './transport-common.js';

const WIDTHS = [16, 24, 32, 48, 64, 96], FIT_A = [32, 48, 64, 96], SEEDS = [1, 2, 3, 4, 5, 6];
const W_B = 96, RADII_B = [4, 6, 8, 11, 16];

/** a 3D walker deposit grown to 6 W in a periodic channel of width W */
function channel(W: number, seed: number): { code: Uint8Array; size: [number, number, number]; rho: number } {
  const top = 6 * W, nz = top + 4, nxy = W * W;
  const size: [number, number, number] = [W, W, nz];
  const code = new Uint8Array(nxy * nz);
  code.fill(HOST_BASE, 0, nxy);
  growByWalkers(code, size, new Rng(seed), { particles: Number.MAX_SAFE_INTEGER, stopHeight: top });
  let m = 0;
  for (let z = W; z < 5 * W; z++) for (let i = 0; i < nxy; i++) if (code[i + nxy * z] === METAL) m++;
  return { code, size, rho: m / (4 * W * nxy) };
}

const slopeD = (ws: number[], rho: number[]) => 3 + linearFit(ws.map(Math.log), rho.map(Math.log)).slope;

export const study: ValidationStudy = {
  id: 'dla-3d',
  title: 'DLA in 3D: walker deposits, channel-width scaling and correlation integral',
  run(): ValidationEntry[] {
    const rho: number[][] = [], dA: number[] = [], dAll: number[] = [], dB: number[] = [];
    for (const seed of SEEDS) {
      const r: number[] = [];
      for (const W of WIDTHS) {
        const c = channel(W, seed);
        r.push(c.rho);
        if (W === W_B) {
          const mr = massRadiusDimension(c.code, c.size, (k) => k === METAL, { radii: RADII_B, zFrom: W, zTo: 5 * W, maxCentres: 3000 });
          dB.push(mr.dimension);
          process.stderr.write(`  seed ${seed} W ${W}: M(r) ${mr.mass.map((m) => fmt(m)).join(', ')} for r ${RADII_B.join(', ')} (${mr.centres} centres): D_B = ${fmt(mr.dimension)}\n`);
        }
      }
      rho.push(r);
      dA.push(slopeD(FIT_A, FIT_A.map((W) => r[WIDTHS.indexOf(W)]!)));
      dAll.push(slopeD(WIDTHS, r));
      process.stderr.write(`  seed ${seed}: rho ${r.map((x) => fmt(x)).join(', ')} for W ${WIDTHS.join(', ')}: D_A = ${fmt(dA.at(-1)!)} (all widths ${fmt(dAll.at(-1)!)})\n`);
    }
    const mean = WIDTHS.map((_, i) => meanInterval(rho.map((r) => r[i]!)).mean);
    const local = WIDTHS.slice(1).map((W, i) => 3 + Math.log(mean[i + 1]! / mean[i]!) / Math.log(W / WIDTHS[i]!));
    const a = meanInterval(dA), all = meanInterval(dAll), b = meanInterval(dB);
    const src = 'Meakin, PRA 27, 1495 and 2616 (1983); Tolman & Meakin, PRA 40, 428 (1989)';
    return [
      {
        id: 'dla-3d-width-scaling', quantity: 'fractal dimension of a 3D deposit grown by single ion walkers, sticking 1, no surface diffusion: channel-width scaling of the steady density, rho ~ W^(D-3) (the estimator the tolerance applies to)',
        published: '2.5 +- 0.1', source: src, measured: a.mean, unit: '', interval: [a.lo, a.hi],
        runs: `seeds ${SEEDS.join(',')}; widths ${FIT_A.join(', ')} voxels, grown to 6 W, density over W-5 W`,
        pass: Math.abs(a.mean - 2.5) <= 0.1,
        note: `per seed ${dA.map((x) => fmt(x)).join(', ')}; all widths ${WIDTHS.join('-')}: ${fmt(all.mean)} [${fmt(all.lo)}, ${fmt(all.hi)}]; mean density ${WIDTHS.map((W, i) => `${fmt(mean[i]!)} (W ${W})`).join(', ')}; local slopes ${local.map((x) => fmt(x)).join(', ')}; on-lattice DLD, src/fields/walkers.ts`,
      },
      {
        id: 'dla-3d-correlation', quantity: 'fractal dimension of the same 3D walker deposits from the correlation integral M(r) ~ r^D (integrated density-density correlation, C(r) ~ r^(D-3)) in the steady part of W = 96 channels',
        published: '2.5 +- 0.1', source: src, measured: b.mean, unit: '', interval: [b.lo, b.hi],
        runs: `seeds ${SEEDS.join(',')}; W = ${W_B}, heights W-5 W, r = ${RADII_B[0]}-${RADII_B.at(-1)} voxels`,
        pass: Math.abs(b.mean - 2.5) <= 0.1,
        note: `per seed ${dB.map((x) => fmt(x)).join(', ')}; second estimator, reported (the tolerance is stated for the width scaling)`,
      },
    ];
  },
};
