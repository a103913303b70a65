/**
 * Must show 4, first half (issue 9; MODEL.md 6 and 8.1): transport-limited growth with sticking
 * probability 1 and no surface diffusion is diffusion-limited aggregation (DLA): fractal dimension
 * 1.71 in 2D and 2.5 in 3D. On a substrate (diffusion-limited deposition, DLD: Meakin, PRA 27, 2616,
 * 1983) the deposit is a forest of DLA trees with the same dimension; on-lattice DLA has the same D
 * as off-lattice DLA at the sizes used here (the square lattice's anisotropy takes over only beyond
 * ~1e6 particles).
 *
 * What is simulated, and which value applies:
 *  1. Discrete ions (src/fields/walkers.ts): one lattice random walker per voxel, launched above the
 *     deposit, reduced at first contact with metal or host (sticking 1), no surface diffusion, on the
 *     engine's lattice (square lattice in x-z for 2D, simple cubic for 3D). This is on-lattice DLD:
 *     D = 1.71 (2D) and 2.5 (3D) apply.
 *     Measurement: in a channel of width W (periodic) the deposit's density in its steady part
 *     (heights W to 5 W of a deposit grown to 6 W; the profile is flat from about W / 2 up, 3D seed 1,
 *     W = 32-64) scales as rho ~ W^(D - d) (the channel is the only length: a DLA forest fills it
 *     with trees of size W). D = d + slope of ln rho on ln W, per seed over the widths; mean and 95 %
 *     interval over seeds. 2D: W = 32, 64, 128, 256, seeds 1-4. (3D moved to the `dla-3d` study, with a
 *     second estimator; it gave 2.39 [2.32, 2.45] here, W = 16-64, seeds 1-6, before the re-launch fix
 *     in walkers.ts.)
 *     The first run of this method (grown to 4 W, density over 1.5 W-3 W, 3D seeds 1-3) gave 1.69
 *     [1.62, 1.76] (2D) and 2.35 [2.11, 2.59] (3D, per seed 2.36, 2.44, 2.24): the 3D interval was
 *     wide from the density's seed-to-seed spread (a channel holds few trees), so the window was
 *     lengthened and seeds added, stated here before the second run.
 *     (The first version of this study measured box counting on the projection of a 4-voxel slab with
 *     boxes of 2-16 voxels, from the host to the top: the projection fills small boxes, the largest
 *     boxes saturate in a 64-wide box, and the still-growing top is counted; and it used the
 *     concentration field, item 2. A mass-radius (correlation integral) fit, r = 2-32, on the walker
 *     deposits gives 1.57 (2D) and 2.04-2.06 (3D), seed 1: the correlation integral of a forest with a
 *     density gradient converges slowly, so the channel-width scaling is used.)
 *  2. The engine's concentration field (src/fields/): the mean ion flux, with no shot noise. Each
 *     reduction takes a voxel's salt, (1 - t+) a^3 / Omega = 48 field cells of 1 M LiPF6 for Li at any
 *     voxel size, from the cell it grows in; the site grows again only when the flux has refilled it.
 *     That is noise-reduced Laplacian growth (Kertesz and Vicsek, J. Phys. A 19, L257, 1986; Nittmann
 *     and Stanley, Nature 321, 663, 1986): with sticking probability 1 it makes lattice needles, not
 *     DLA. Reported for the record (not against 1.71): the old slab (64 x 4 x 96 voxels of 100 nm, Li
 *     on Cu, hops off, 20 um diffusion layer) held at -500 mV (per-site attempt rate k ~ 200/s against
 *     D / a^2 = 3.2e4/s: a Damkoehler number k R a^2 / D ~ 0.3 with R = 48, so a sticking probability
 *     well below 1) and at -700 mV (k ~ 1e4/s, Damkoehler ~ 15: sticking ~1), box counting as before.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { meanInterval, linearFit } from '../../src/stats/interval.js';
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { boxCountingDimension } from '../../src/metrics/fractal.js';
import { growByWalkers } from '../../src/fields/walkers.js';
import { Rng } from '../../src/kmc/rng.js';
import { HOST_BASE, METAL } from '../../src/lattice/voxel.js';
import { fmt } from './transport-common.js';

/** steady density of a walker deposit grown to 6 W in a channel of width W (2D: ny = 1), over heights W to 5 W */
export function channelDensity(d: 2 | 3, W: number, seed: number): number {
  const ny = d === 2 ? 1 : W, top = 6 * W, nz = top + 4;
  const size: [number, number, number] = [W, ny, nz];
  const nxy = W * ny;
  const code = new Uint8Array(nxy * nz);
  code.fill(HOST_BASE, 0, nxy);
  growByWalkers(code, size, new Rng(seed), { particles: Number.MAX_SAFE_INTEGER, stopHeight: top });
  const z0 = W, z1 = 5 * W;
  let m = 0;
  for (let z = z0; z < z1; z++) for (let i = 0; i < nxy; i++) if (code[i + nxy * z] === METAL) m++;
  return m / ((z1 - z0) * nxy);
}

function walkerDimension(d: 2 | 3, widths: number[], seeds: number[]): { dims: number[]; rho: number[][] } {
  const dims: number[] = [], rho: number[][] = [];
  for (const seed of seeds) {
    const r = widths.map((W) => channelDensity(d, W, seed));
    rho.push(r);
    const fit = linearFit(widths.map(Math.log), r.map(Math.log));
    dims.push(d + fit.slope);
    process.stderr.write(`  walkers ${d}D seed ${seed}: rho ${r.map((x) => fmt(x)).join(', ')} for W ${widths.join(', ')}: D = ${fmt(d + fit.slope)}\n`);
  }
  return { dims, rho };
}

function fieldSlab(etaMV: number, seed: number): { D: number; voxels: number; ended: string } {
  const size: [number, number, number] = [64, 4, 96];
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size, voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
    protocol: [`Hold at ${etaMV} mV for 1 s`], seed, output: { snapshots: false, sample: '0.001 mAh/cm2' },
  });
  const sim = new Simulation(run);
  sim.runAll();
  const bc = boxCountingDimension(sim.app.code, size, (c) => c === 1 || c === 2, { project2D: true, zFrom: 1, sizes: [2, 4, 8, 16] });
  const ended = String(sim.stepResults.map((s) => s.ended));
  process.stderr.write(`  field ${etaMV} mV seed ${seed}: ${sim.netVoxels} voxels, top ${sim.app.maxMetalZ}, ended ${ended}; N(s) ${bc.counts.join(', ')}: D = ${fmt(bc.dimension)}\n`);
  return { D: bc.dimension, voxels: sim.netVoxels, ended };
}

const W2 = [32, 64, 128, 256], S2 = [1, 2, 3, 4];
const SF = [1, 2, 3];

export const study: ValidationStudy = {
  id: 'transport-dla',
  title: 'Transport-limited growth: DLA fractal dimension (2D and 3D)',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    for (const [d, widths, seeds, target, tol] of [[2, W2, S2, 1.71, 0.05]] as const) {
      const { dims, rho } = walkerDimension(d, [...widths], [...seeds]);
      const iv = meanInterval(dims);
      out.push({
        id: `dla-${d}d-walkers`, quantity: `fractal dimension of a deposit grown by single ion walkers, sticking 1, no surface diffusion, ${d}D (channel-width scaling of the steady density)`,
        published: `${target} +- ${tol}`, source: d === 2 ? 'Witten & Sander, PRL 47, 1400 (1981); on a substrate Meakin, PRA 27, 2616 (1983)' : 'Meakin, PRA 27, 2616 (1983); Tolman & Meakin, PRA 40, 428 (1989)',
        measured: iv.mean, unit: '', interval: [iv.lo, iv.hi],
        runs: `seeds ${seeds.join(',')}; channel widths ${widths.join(', ')} voxels, grown to 6 W, density over W-5 W`,
        pass: Math.abs(iv.mean - target) <= tol,
        note: `per seed ${dims.map((x) => fmt(x)).join(', ')}; mean density ${widths.map((W, i) => `${fmt(meanInterval(rho.map((r) => r[i]!)).mean)} (W ${W})`).join(', ')}; on-lattice DLD, src/fields/walkers.ts`,
      });
    }
    for (const eta of [-500, -700]) {
      const r = SF.map((s) => fieldSlab(eta, s));
      const iv = meanInterval(r.map((x) => x.D));
      out.push({
        id: `dla-2d-field-${-eta}mV`, quantity: `box-counting dimension of a deposit grown from the concentration field (mean flux, no shot noise), 64 x 4 x 96 slab, hold ${eta} mV`,
        published: '1.71 for DLA; noise-reduced Laplacian growth makes needles (D -> 1)', source: 'Kertesz & Vicsek, J. Phys. A 19, L257 (1986)',
        measured: iv.mean, unit: '', interval: [iv.lo, iv.hi], runs: `seeds ${SF.join(',')}; 100 nm voxels, 1 s; ${r.map((x) => `${x.voxels} voxels (${x.ended})`).join(', ')}`,
        pass: false,
        note: 'not DLA, by construction: the field carries the mean flux, each voxel takes 48 cells of salt (noise reduction); reported to show what the field gives (needles as sticking -> 1), not tested against 1.71',
      });
    }
    return out;
  },
};
