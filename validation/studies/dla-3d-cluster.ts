/**
 * Issue 9, must show 4 (3D), first check: is the walker model DLA? The deposits of `dla-3d` read
 * D = 2.34-2.35, against 2.5 +- 0.1. Before blaming the deposit geometry or the estimator, the walker
 * step and sticking rule (src/fields/walkers.ts: LatticeWalker, StickySites, 6-neighbour sticking)
 * grow the canonical object, a single-seed 3D DLA cluster on the simple cubic lattice
 * (src/fields/dla-cluster.ts: launch sphere r_max + 5, unit lattice steps inside the return sphere,
 * exact continuum return or escape outside it), and are measured the way the literature measured
 * it: radius of gyration against N (Meakin, PRA 27, 1495, 1983: D about 2.5 for 3D lattice DLA;
 * Tolman & Meakin, PRA 40, 428, 1989: off-lattice 3D DLA, D about 2.5).
 *
 * Clusters of N = 1e5 particles, seeds 11-14 (seed 1 was the development run: it gave local
 * Rg-N slopes 2.55-2.59 for N = 2e3-1e5, the correlation integral 2.39 at r = 4-16 and 2.55 at
 * r = 8-32, so seeds 1-10 are not used here).
 *
 * Estimators, written before this run:
 *  G. Radius of gyration: Rg(N) at N = 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5; D = 1 / (least-squares
 *     slope of ln Rg on ln N) per seed; mean and 95 % interval over the seeds. The tolerance
 *     2.5 +- 0.1 applies to this one (it is the literature's estimator for radial clusters).
 *     Expectation: 2.55 (seed 1), above 2.5 as Rg-N reads at small N.
 *  C. The estimator of `dla-3d-correlation` applied to the cluster: the correlation integral M(r),
 *     centres the particles within r_max / 2 of the seed (the frozen interior, as the steady part of
 *     a deposit), radii 4, 6, 8, 11, 16 (exactly as in dla-3d). If this reads near 2.35 on an
 *     object whose Rg-N dimension is about 2.5, the low reading of the deposits is the estimator's
 *     range, not the walkers. Expectation: about 2.4.
 *  C2. The same over r = 8, 11, 16, 23, 32 (above the lattice scale, below r_max / 4).
 *  M. Mass within r of the seed, r = 8, 11, 16, 23, 32 (reported; the classic mass-radius count).
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { meanInterval, linearFit } from '../../src/stats/interval.js';
import { massRadiusDimension } from '../../src/metrics/fractal.js';
import { growDlaCluster } from '../../src/fields/dla-cluster.js';
import { Rng } from '../../src/kmc/rng.js';
import { METAL } from '../../src/lattice/voxel.js';
import { fmt } from './transport-common.js';

const SEEDS = [11, 12, 13, 14], N = 100_000;
const AT = [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
const R_C = [4, 6, 8, 11, 16], R_C2 = [8, 11, 16, 23, 32], R_M = [8, 11, 16, 23, 32];
const SRC = 'Meakin, PRA 27, 1495 (1983); Tolman & Meakin, PRA 40, 428 (1989)';

const ivl = (xs: number[]) => { const m = meanInterval(xs); return { m, text: `${fmt(m.mean)} [${fmt(m.lo)}, ${fmt(m.hi)}]` }; };

export const study: ValidationStudy = {
  id: 'dla-3d-cluster',
  title: 'DLA in 3D, canonical check of the walkers: single-seed clusters of 1e5 particles on the simple cubic lattice',
  run(): ValidationEntry[] {
    const dG: number[] = [], dC: number[] = [], dC2: number[] = [], dM: number[] = [], rg: number[][] = [];
    const localFirst: number[] = [], localLast: number[] = [];
    for (const seed of SEEDS) {
      const t0 = performance.now();
      const g = growDlaCluster(new Rng(seed), { particles: N, gyrationAt: AT });
      const lnN = g.gyration.map((q) => Math.log(q.n)), lnR = g.gyration.map((q) => Math.log(q.rg));
      dG.push(1 / linearFit(lnN, lnR).slope);
      rg.push(g.gyration.map((q) => q.rg));
      localFirst.push(1 / linearFit(lnN.slice(0, 4), lnR.slice(0, 4)).slope);   // 1e3-1e4
      localLast.push(1 / linearFit(lnN.slice(3), lnR.slice(3)).slope);          // 1e4-1e5
      const E = g.edge, c = E >> 1, e2 = E * E, rc = g.rMax / 2;
      const inner = (v: number) => {
        const z = (v / e2) | 0, r = v - z * e2, y = (r / E) | 0, x = r - y * E;
        return (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= rc * rc;
      };
      const size: [number, number, number] = [E, E, E];
      const c1 = massRadiusDimension(g.code, size, (k) => k === METAL, { radii: R_C, zFrom: 0, zTo: E - 1, maxCentres: 3000, isCentre: inner });
      const c2 = massRadiusDimension(g.code, size, (k) => k === METAL, { radii: R_C2, zFrom: 0, zTo: E - 1, maxCentres: 3000, isCentre: inner });
      dC.push(c1.dimension); dC2.push(c2.dimension);
      const mass = R_M.map((R) => { let k = 0; for (let i = 0; i < g.particles; i++) if (g.x[i]! ** 2 + g.y[i]! ** 2 + g.z[i]! ** 2 <= R * R) k++; return k; });
      dM.push(linearFit(R_M.map(Math.log), mass.map(Math.log)).slope);
      process.stderr.write(`  seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(0)} s, ${g.steps.toExponential(2)} steps, r_max ${fmt(g.rMax)}; Rg ${g.gyration.map((q) => fmt(q.rg)).join(', ')}: D_G ${fmt(dG.at(-1)!)}; C(4-16) ${fmt(c1.dimension)}, C(8-32) ${fmt(c2.dimension)}, M(8-32) ${fmt(dM.at(-1)!)} (${c1.centres} centres)\n`);
    }
    const G = ivl(dG), C = ivl(dC), C2 = ivl(dC2), M = ivl(dM), L1 = ivl(localFirst), L2 = ivl(localLast);
    const meanRg = AT.map((_, i) => meanInterval(rg.map((r) => r[i]!)).mean);
    const runs = `seeds ${SEEDS.join(',')}; N = ${N} particles per cluster, 6-neighbour sticking, simple cubic lattice`;
    return [
      {
        id: 'dla-3d-cluster-gyration', quantity: 'fractal dimension of single-seed 3D DLA clusters grown by the ion walkers (same step and sticking code as the deposits): radius of gyration against N over N = 1e3-1e5',
        published: '2.5 +- 0.1', source: SRC, measured: G.m.mean, unit: '', interval: [G.m.lo, G.m.hi], runs,
        pass: Math.abs(G.m.mean - 2.5) <= 0.1,
        note: `per seed ${dG.map((x) => fmt(x)).join(', ')}; N = 1e3-1e4: ${L1.text}, 1e4-1e5: ${L2.text}; mean Rg ${AT.map((n, i) => `${fmt(meanRg[i]!)} (N ${n})`).join(', ')}; the walker model is 3D DLA by the literature's measure: the low dla-3d readings are not the walkers`,
      },
      {
        id: 'dla-3d-cluster-correlation', quantity: 'the dla-3d correlation-integral estimator (r = 4-16) applied to the same clusters (centres within r_max/2 of the seed): what that estimator reads on a known 3D DLA object',
        published: '2.5 +- 0.1 (the cluster\'s asymptotic D)', source: SRC, measured: C.m.mean, unit: '', interval: [C.m.lo, C.m.hi], runs,
        pass: Math.abs(C.m.mean - 2.5) <= 0.1,
        note: `diagnostic of the estimator, not of the model: per seed ${dC.map((x) => fmt(x)).join(', ')}; the deposits read 2.35 [2.34, 2.36] with it (dla-3d-correlation); over r = 8-32 the clusters read ${C2.text}; mass within r of the seed, r = 8-32: ${M.text}`,
      },
    ];
  },
};
