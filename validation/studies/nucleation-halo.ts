/**
 * The explicit halo (atomistic.ts `halo` = R; issue 15, stage 1: the fast-adatom acceleration must "leave the
 * nucleation statistics unchanged against plain kMC where plain kMC can still run"). The reservoir (R = 1)
 * overestimates the MFPT rate by 1.56 / 3.7 / 6.7 / 10.4x at lambda 3 / 10 / 30 / 60 (study nucleation-capture),
 * and the linear-response factor E over-corrects by 1.5-1.8x, because the sea next to a cluster is depleted in
 * plain kMC (studies nucleation-capture-returns, -emission). The halo keeps lone adatoms explicit within R of
 * every anchor, so the local sea is simulated, and the residual factor between the halo arm and plain kMC is
 * (capture.ts, derived before this study)
 *   E_R = sum_runs (sites + s edges (1 - p_ret,R)) / sum_runs (sites + s edges (1 - p_ret)),
 * p_ret,R the return probability of an emitted adatom before it leaves the halo (R = 1: 0, E_R = E; R -> box: 1).
 *
 * Set-up as nucleation-capture (validation/studies/nucleation-li-box.ts): Li's energies on graphene at 120 mV,
 * E_d raised so that plain kMC runs, boxes wider than 2 lambda, largest cluster to 30 atoms; fresh seeds 201 on
 * (nucleation-capture used 1-160), the same seeds in every arm (they share seeds, not trajectories); rates 1/tau_J
 * of each arm's MFPT fit; E_R from the halo arm's own clusters at its fitted n* on the periodic box (p_ret,R on the
 * same box); intervals: percentile bootstrap over runs (200 resamples, each arm resampled on its own, E_R
 * recomputed on each) as compareCapture. The runs go through a pool of two worker threads.
 *
 * Predictions from the halo arms alone (acceleration.ts predictCapture on the same runs; `predict()` below), written
 * here before any plain run of this study (plain kMC on these seeds had not been run; scratch timing runs used
 * seeds 1001 on):
 *   E_d 0.526 eV, lambda 3.1, 24 x 24, R 4, seeds 201-360: n* 7, E_R = 1.19 (plane 1.19), 160 reached, 5.89e+3 events per run
 *   E_d 0.526 eV, lambda 3.1, 24 x 24, R 8, seeds 201-360: n* 6.75, E_R = 1.03 (plane 1.03), 160 reached, 1.44e+4 events per run
 *   E_d 0.526 eV, lambda 3.1, 24 x 24, R 16, seeds 201-360: n* 6.75, E_R = 1.00 (plane 1.00), 160 reached, 3.32e+4 events per run
 *   E_d 0.467 eV, lambda 9.9, 48 x 48, R 4, seeds 201-360: n* 8.25, E_R = 2.01 (plane 1.99), 160 reached, 9.39e+3 events per run
 *   E_d 0.467 eV, lambda 9.9, 48 x 48, R 8, seeds 201-360: n* 8.25, E_R = 1.39 (plane 1.37), 160 reached, 2.86e+4 events per run
 *   E_d 0.467 eV, lambda 9.9, 48 x 48, R 16, seeds 201-360: n* 8.25, E_R = 1.11 (plane 1.09), 160 reached, 8.65e+4 events per run
 *   E_d 0.41 eV, lambda 30, 64 x 64, R 4, seeds 201-360: n* 10.75, E_R = 3.87 (plane 3.17), 160 reached, 1.23e+4 events per run
 *   E_d 0.41 eV, lambda 30, 64 x 64, R 8, seeds 201-360: n* 10.5, E_R = 2.54 (plane 2.07), 160 reached, 3.89e+4 events per run
 *   E_d 0.374 eV, lambda 60, 128 x 128, R 4, seeds 201-320: n* 14.75, E_R = 4.84 (plane 4.08), 120 reached, 2.80e+4 events per run
 *   E_d 0.374 eV, lambda 60, 128 x 128, R 8, seeds 201-320: n* 15.25, E_R = 3.14 (plane 2.65), 120 reached, 9.10e+4 events per run
 *   (computed at 22:49-22:57 UTC, 470 s wall at load 5-7 on 2 cores; E_R uses p_ret,R and p_ret on the periodic box)
 * Claims, per lambda and R (R = 4, 8; 16 where it is affordable): J_plain / (J_halo / E_R) has a 95 % interval
 * containing 1, and the n* intervals of the two arms overlap. Reported beside each (no claim): J_halo / J_plain
 * uncorrected, and the R = 1 arm on the same seeds (the reservoir as before). Stated before the runs: the halo
 * does not keep the depletion of a cluster that dissolves completely (its explicit adatoms return to the sea at
 * theta1 when the last anchor goes); a scratch measurement on a 12 x 12 box without a SAC at lambda 3.8 (target 10,
 * seeds 5001-5300, R = box) gave plain / halo mean time 1.17 (2.4 standard errors from 1), while the same box with a
 * SAC holding the halo open gave 1.006 +- 0.08: if the claims fail, that reset is the first candidate.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { captureArmSpecs, compareCaptureRuns, diffusionLength, predictCapture } from '../../src/nucleation/acceleration.js';
import type { AtomisticRun, AtomisticSpec } from '../../src/nucleation/atomistic.js';
import { runWorkerJobs } from '../worker-jobs.js';
import { liBoxSpec } from './nucleation-li-box.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const workerPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'atomistic-worker.js');

/** the comparisons: lambda 3.1, 9.9, 30, 60 (E_d as nucleation-capture), boxes wider than 2 lambda */
export const cases = [
  { Ed: 0.526, L: 24, n: 160, halos: [4, 8, 16] },
  { Ed: 0.467, L: 48, n: 160, halos: [4, 8, 16] },
  { Ed: 0.41, L: 64, n: 160, halos: [4, 8] },
  { Ed: 0.374, L: 128, n: 120, halos: [4, 8] },
];
export const studySeeds = (n: number): number[] => Array.from({ length: n }, (_, i) => 201 + i);

/** Runs the specs in the worker pool (batches of 8 seeds), in their order, with the summed wall time of the runs. */
async function runAll(specs: readonly AtomisticSpec[]): Promise<{ runs: AtomisticRun[]; wall_s: number }> {
  const batches: AtomisticSpec[][] = [];
  for (let i = 0; i < specs.length; i += 8) batches.push(specs.slice(i, i + 8));
  const res = await runWorkerJobs<AtomisticSpec[], { run: AtomisticRun; wall_s: number }[]>(workerPath, batches, { name: 'nucleation-halo', lanes: 2 });
  const flat = res.flat();
  return { runs: flat.map((r) => r.run), wall_s: flat.reduce((s, r) => s + r.wall_s, 0) };
}

/** The predictions of the header: the halo arms alone (no plain run), E_R on the box at each arm's n*. */
export async function predict(): Promise<string[]> {
  const lines: string[] = [];
  for (const c of cases) {
    const seeds = studySeeds(c.n);
    for (const R of c.halos) {
      const spec = { ...liBoxSpec(c.Ed, c.L), halo: R };
      const { runs } = await runAll(captureArmSpecs(spec, seeds).reservoir);
      const p = predictCapture(spec, seeds, runs);
      lines.push(`E_d ${c.Ed} eV, lambda ${p.lambda_sites.toPrecision(2)}, ${c.L} x ${c.L}, R ${R}, seeds 201-${200 + c.n}: n* ${p.nStar}, E_R = ${p.E_box.toFixed(2)} (plane ${p.E_plane.toFixed(2)}), ${p.reached} reached, ${p.events.toPrecision(3)} events per run`);
    }
  }
  return lines;
}

const f2 = (x: number) => x.toFixed(2);
const iv = (r: { ratio: number; lo: number; hi: number }) => `${f2(r.ratio)} [${f2(r.lo)}, ${f2(r.hi)}]`;

/** Rows that state no claim: the R = 1 arm (the reservoir as before) on the same seeds. */
export const reportOnly = /^nucleation-halo-lambda[^-]+-R1$/;

export const study: ValidationStudy = {
  id: 'nucleation-halo',
  title: 'Two-scale nucleation: the explicit halo of radius R against plain kMC, with the residual factor E_R predicted',
  async run(): Promise<ValidationEntry[]> {
    const out: ValidationEntry[] = [];
    for (const c of cases) {
      const seeds = studySeeds(c.n);
      const base = liBoxSpec(c.Ed, c.L);
      const lam = diffusionLength(base).lambda_sites.toPrecision(2);
      const plain = await runAll(captureArmSpecs(base, seeds).plain);
      for (const R of [1, ...c.halos]) {
        const spec = R === 1 ? base : { ...base, halo: R };
        const arm = await runAll(captureArmSpecs(spec, seeds).reservoir);
        const r = compareCaptureRuns(spec, arm.runs, plain.runs);
        const nsOverlap = r.reservoir.nStarLo <= r.plain.nStarHi && r.plain.nStarLo <= r.reservoir.nStarHi;
        const allReached = r.plain.reached === r.plain.runs && r.reservoir.reached === r.reservoir.runs;
        out.push({
          id: `nucleation-halo-lambda${lam}-R${R}`,
          quantity: `J_plain / (J_halo / E_R), MFPT rates, halo R ${R} (Li energies, E_d ${c.Ed} eV, lambda ${lam} sites, ${c.L} x ${c.L}, 120 mV, largest cluster to 30 atoms)`,
          published: R === 1 ? 'reported: the reservoir (R = 1, E_R = E) on the same seeds, as in nucleation-capture'
            : `1 (interval contains 1; n* intervals overlap); E_R = ${r.E_box.toFixed(2)} predicted from the halo arm alone before any plain run (header)`,
          source: 'slow-scale SSA with an explicit halo (atomistic.ts); E_R from the lattice return probability within the halo (capture.ts)',
          measured: r.corrected.ratio, unit: '1', interval: [r.corrected.lo, r.corrected.hi],
          runs: `seeds 201-${200 + c.n}, both arms; ${r.bootstrap} bootstrap resamples`,
          pass: R === 1 ? Number.isFinite(r.corrected.ratio) : r.corrected.lo <= 1 && r.corrected.hi >= 1 && nsOverlap && allReached,
          ...(R === 1 ? { claim: false as const } : {}),
          note: `E_R box ${r.E_box.toFixed(2)} (plane ${r.E_plane.toFixed(2)}); uncorrected J_halo / J_plain ${iv(r.raw)}; plain / halo mean time to 30 atoms ${iv(r.time)}; ` +
            `n* halo ${r.reservoir.nStar} [${r.reservoir.nStarLo}, ${r.reservoir.nStarHi}], plain ${r.plain.nStar} [${r.plain.nStarLo}, ${r.plain.nStarHi}]; ` +
            `box rates ${r.reservoir.rate_per_s.toExponential(3)} and ${r.plain.rate_per_s.toExponential(3)} /s; ` +
            `reached ${r.reservoir.reached}/${r.reservoir.runs} and ${r.plain.reached}/${r.plain.runs}; events per run ${r.reservoir.events.toPrecision(3)} halo, ${r.plain.events.toPrecision(3)} plain (${r.speedup.toFixed(1)}x); ` +
            `run wall time summed over the pool ${arm.wall_s.toFixed(0)} s halo, ${plain.wall_s.toFixed(0)} s plain (2 worker threads on a shared 2-core machine)`,
        });
      }
    }
    return out;
  },
};
