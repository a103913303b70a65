/**
 * Issue 9, must show 4 (3D), second check: do the deposit rules of the ion walkers
 * (src/fields/walkers.ts, growByWalkers) bias the 3D deposits of `dla-3d` (D = 2.34 by width
 * scaling, 2.35 by the correlation integral, against 2.5 +- 0.1)? Three rules are varied, each
 * against the same seeds, with the expected effect written before this run:
 *
 *  L. Launch plane: 2 layers above the highest voxel (default) against 12. A walker from a uniform
 *     source far away meets any plane above the deposit at a uniform point, so the law of the
 *     deposit cannot depend on the plane's height. Expected: the steady density (heights W-5W) of
 *     W = 48 channels differs by 0 (paired relative difference, seeds 1-6), |mean| < 3 %.
 *     (A first run of this study had a confound: the lattice was 4 layers taller than the stop
 *     height for both variants, so the 12-layer launch stopped growth 8 layers early, at 6 W - 8; it
 *     read -6.45 % [-15.2, +2.3]. The lattice is now launch gap + 2 layers taller than the stop
 *     height; expectation and tolerance unchanged. The corrected run read -6.37 % [-15.2, +2.4]: the
 *     early stop was not what moved it. A replication with 40 seeds is in dla-3d-local.)
 *  H. Return height: a walker that climbs H above the launch plane is put back on it at a uniform
 *     point; H = W (default) against 4 W. The return point's first Fourier mode decays as
 *     exp(-2 pi H / W): 0.2 % at H = W. Expected: 0 within the interval, |mean| < 3 %.
 *  N. Sticking neighbourhood: 26 (faces, edges, corners) against the default 6. Universality: the
 *     same asymptotic D; the short-range structure differs (a walker is caught one diagonal step
 *     earlier, the deposit is sparser). Width scaling as in dla-3d (W = 32, 48, 64, 96, grown to
 *     6 W, density over W-5 W, D = 3 + slope of ln rho on ln W per seed, seeds 1-4) and the
 *     correlation integral at W = 96, r = 4-16, as dla-3d. Expected: within 0.1 of the 6-neighbour
 *     values (2.34, 2.35); a reading at 2.45 or above would say the gap is a short-range lattice
 *     effect of the 6-neighbour rule.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { meanInterval, pairedInterval, linearFit } from '../../src/stats/interval.js';
import { massRadiusDimension } from '../../src/metrics/fractal.js';
import { growByWalkers, type StickingNeighbourhood } from '../../src/fields/walkers.js';
import { Rng } from '../../src/kmc/rng.js';
import { HOST_BASE, METAL } from '../../src/lattice/voxel.js';
import { fmt } from './transport-common.js';

const SEEDS_LH = [1, 2, 3, 4, 5, 6], W_LH = 48;
const SEEDS_N = [1, 2, 3, 4], WIDTHS_N = [32, 48, 64, 96], RADII = [4, 6, 8, 11, 16];
const SRC = 'Meakin, PRA 27, 1495 and 2616 (1983); Tolman & Meakin, PRA 40, 428 (1989)';

function channel(W: number, seed: number, o: { neighbourhood?: StickingNeighbourhood; launchGap?: number; relaunch?: number }) {
  // the lattice is `launch gap + 2` layers taller than the stop height, so that every variant grows to
  // 6 W (growByWalkers stops when the launch plane would leave the lattice)
  const top = 6 * W, nz = top + (o.launchGap ?? 2) + 2, nxy = W * W;
  const size: [number, number, number] = [W, W, nz];
  const code = new Uint8Array(nxy * nz);
  code.fill(HOST_BASE, 0, nxy);
  const g = growByWalkers(code, size, new Rng(seed), { particles: Number.MAX_SAFE_INTEGER, stopHeight: top, ...o });
  if (g.maxZ < top) throw new Error(`W ${W} seed ${seed}: growth stopped at ${g.maxZ}, below ${top}`);
  let m = 0;
  for (let z = W; z < 5 * W; z++) for (let i = 0; i < nxy; i++) if (code[i + nxy * z] === METAL) m++;
  return { code, size, rho: m / (4 * W * nxy) };
}

export const study: ValidationStudy = {
  id: 'dla-3d-rules',
  title: 'DLA in 3D: do the walker rules (launch plane, return height, sticking neighbourhood) move the deposit dimension?',
  run(): ValidationEntry[] {
    const base: number[] = [], gap: number[] = [], high: number[] = [];
    for (const seed of SEEDS_LH) {
      base.push(channel(W_LH, seed, {}).rho);
      gap.push(channel(W_LH, seed, { launchGap: 12 }).rho);
      high.push(channel(W_LH, seed, { relaunch: 4 * W_LH }).rho);
      process.stderr.write(`  seed ${seed} W ${W_LH}: rho ${fmt(base.at(-1)!)}, launch 12: ${fmt(gap.at(-1)!)}, return 4W: ${fmt(high.at(-1)!)}\n`);
    }
    const rel = (xs: number[]) => pairedInterval(xs.map((x, i) => x / base[i]! - 1), base.map(() => 0));
    const dL = rel(gap), dH = rel(high);
    const dN: number[] = [], cN: number[] = [], rhoN: number[][] = [];
    for (const seed of SEEDS_N) {
      const r: number[] = [];
      for (const W of WIDTHS_N) {
        const c = channel(W, seed, { neighbourhood: 26 });
        r.push(c.rho);
        if (W === 96) cN.push(massRadiusDimension(c.code, c.size, (k) => k === METAL, { radii: RADII, zFrom: W, zTo: 5 * W, maxCentres: 3000 }).dimension);
      }
      rhoN.push(r);
      dN.push(3 + linearFit(WIDTHS_N.map(Math.log), r.map(Math.log)).slope);
      process.stderr.write(`  seed ${seed}, 26 neighbours: rho ${r.map((x) => fmt(x)).join(', ')} for W ${WIDTHS_N.join(', ')}: D ${fmt(dN.at(-1)!)}, C(4-16) ${fmt(cN.at(-1)!)}\n`);
    }
    const n = meanInterval(dN), c = meanInterval(cN);
    const meanRho = WIDTHS_N.map((_, i) => meanInterval(rhoN.map((r) => r[i]!)).mean);
    const pct = (x: number) => `${fmt(100 * x)} %`;
    return [
      {
        id: 'dla-3d-rules-launch', quantity: '3D walker deposits: relative change of the steady density when the launch plane is 12 instead of 2 layers above the deposit (control: the law cannot depend on it)',
        published: '0 (|mean| < 3 %)', source: 'first passage onto a plane from a uniform source is uniform', measured: dL.mean, unit: '', interval: [dL.lo, dL.hi],
        runs: `seeds ${SEEDS_LH.join(',')}, paired; W = ${W_LH}, grown to 6 W, density over W-5 W`,
        pass: dL.lo <= 0 && dL.hi >= 0 && Math.abs(dL.mean) < 0.03,
        note: `${pct(dL.mean)} [${pct(dL.lo)}, ${pct(dL.hi)}]; ${dL.lo <= 0 && dL.hi >= 0 && Math.abs(dL.mean) < 0.03 ? 'no bias from the launch plane' : 'not shown: the mean is outside 3 % (the interval contains 0); replicated with 40 seeds in dla-3d-local'}`,
      },
      {
        id: 'dla-3d-rules-return', quantity: '3D walker deposits: relative change of the steady density when walkers return from 4 W instead of W above the launch plane',
        published: '0 (|mean| < 3 %)', source: 'return point uniform to exp(-2 pi H / W)', measured: dH.mean, unit: '', interval: [dH.lo, dH.hi],
        runs: `seeds ${SEEDS_LH.join(',')}, paired; W = ${W_LH}, grown to 6 W, density over W-5 W`,
        pass: dH.lo <= 0 && dH.hi >= 0 && Math.abs(dH.mean) < 0.03,
        note: `${pct(dH.mean)} [${pct(dH.lo)}, ${pct(dH.hi)}]; ${dH.lo <= 0 && dH.hi >= 0 && Math.abs(dH.mean) < 0.03 ? 'no bias from the return height at this power (6 seeds, about +-10 %)' : 'not shown'}`,
      },
      {
        id: 'dla-3d-rules-26', quantity: 'fractal dimension of 3D walker deposits with 26-neighbour sticking (faces, edges, corners): channel-width scaling as dla-3d',
        published: '2.5 +- 0.1', source: SRC, measured: n.mean, unit: '', interval: [n.lo, n.hi],
        runs: `seeds ${SEEDS_N.join(',')}; widths ${WIDTHS_N.join(', ')} voxels, grown to 6 W, density over W-5 W`,
        pass: Math.abs(n.mean - 2.5) <= 0.1,
        note: `per seed ${dN.map((x) => fmt(x)).join(', ')}; mean density ${WIDTHS_N.map((W, i) => `${fmt(meanRho[i]!)} (W ${W})`).join(', ')}; correlation integral at W = 96, r = 4-16: ${fmt(c.mean)} [${fmt(c.lo)}, ${fmt(c.hi)}]; 6-neighbour sticking (dla-3d): 2.34 [2.24, 2.45] and 2.35 [2.34, 2.36]`,
      },
    ];
  },
};
