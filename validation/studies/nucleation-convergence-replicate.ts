/**
 * Replication on fresh seeds of nucleation-convergence-large's 2.56 -> 5.12 um row (issue 9, must show 8;
 * MODEL.md 4: doubling the lateral size changes the nucleation overpotential by less than 10 %). That
 * study (build 6e25a7f, seeds 1-6) read 45.4 [38.9, 51.8] mV at 128 columns and 45.7 [43.2, 48.3] at 256
 * (sd over seeds 6.1 and 2.4 mV): +0.8 %, met by the mean, but its Welch interval, -13.7 to +15.3 %, is not
 * within +-10 %. Here: the same runs (its run function `one`, imported, and its row builders; Li on
 * graphene, 25 degC, 20 nm voxels, 24 layers, 0.004 mAh/cm2 at 1 mA/cm2) at 128 and 256 columns (2.56 and
 * 5.12 um) on 12 FRESH seeds, 7-18, none run at these sizes before this header was written. Seeds 1-6 are
 * not pooled in: they were seen before the claim. Runs go two at a time in worker threads
 * (validation/worker-jobs.ts; each run carries its own seed, so the values do not depend on the lane).
 *
 * Rows: per size the mean nucleation overpotential (peak minus plateau) with its 95 % interval and the
 * stable nuclei (islands of >= 16 voxels) the box holds at its peak, as the large study counts them; the
 * change 128 -> 256 in % with its 95 % Welch interval, computed as the large study computes it (unpaired:
 * the same seed number on two box sizes gives unrelated trajectories; the % interval is the Welch interval
 * of the difference in mV over the 128 box's mean, the denominator's own uncertainty not included).
 *
 * CLAIMS (stated and committed before the run, 2026-12-03):
 *  (a) conv-rep-change-256: the change 128 -> 256 has |mean| < 10 %;
 *  (b) conv-rep-interval-256: its 95 % Welch interval lies within +-10 % (both ends inside; the row's
 *      value is the larger of |lo| and |hi|).
 *
 * EXPECTATION, written before the run, from the first study's figures alone:
 *  - Mean change about +0.8 % (+0.35 mV; Poisson's k-th birth argument in the large study's header
 *    expected +0.7 mV, +1.5 %), with a standard error of about 1.9 mV (4.2 %) on 12 + 12 seeds, so the
 *    replicate's mean should fall within about -8 to +9 %: (a) met.
 *  - Width: with the sds 6.15 and 2.43 mV (the first study's, to two decimals) on 12 seeds each, the
 *    Welch standard error is 1.91 mV, 14.4 degrees of freedom, half-width 4.1 mV, 9.0 % of 45.4 mV:
 *    an expected interval of about -8.2 to +9.8 %, inside +-10 % only just. Both sds are estimates on six
 *    seeds (the 128 one, which dominates, could be anywhere from about 4 to 15 mV at 95 %), and the mean
 *    moves by its own standard error; so (b) is a coin flip or slightly worse: met if the 128-column sd
 *    comes out near or below 6 mV and the mean near 0, missed otherwise. If it is missed on width alone,
 *    that is a statement about the number of seeds, not a change of the mean.
 *  - Stable nuclei at the peak: about 3.7 at 128 and 12.8 at 256 (the first study's), about 0.5-0.6 per um2
 *    on both; the seed spread of the 256 box should again be smaller than the 128 box's.
 *  - Cost: about 133 CPU s per 256 run and 32 per 128 run, about 33 CPU min in all, about 17-25 min wall on
 *    two lanes of the shared 2-core machine.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWorkerJobs } from '../worker-jobs.js';
import { changeRow, sizeRows, um, type One } from './nucleation-convergence-large.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const SEEDS = Array.from({ length: 12 }, (_, i) => 7 + i);
const LANES = 2;

/** A box size of the series and the seeds run on it. */
export interface Box { L: number; seeds: number[] }

/**
 * The design of this study with the box sizes and seeds as arguments (also study
 * nucleation-convergence-powered's): every run of `small` and `large` (large.L = 2 small.L) in LANES
 * worker threads, the largest first; the rows `prefix`-L and `prefix`-nuclei-L per size, claim (a)
 * `prefix`-change-large.L and claim (b) `prefix`-interval-large.L, whose note ends with `expected` (the
 * expectation written before the run). `name` labels the progress lines and the workers' errors.
 */
export async function convergenceRows(name: string, prefix: string, small: Box, large: Box, expected: string): Promise<ValidationEntry[]> {
  if (large.L !== 2 * small.L) throw new Error(`${name}: the large box must double the small one; got ${small.L} and ${large.L} columns`);
  // the largest runs first, so that the two lanes end together
  const jobs = [large, small].flatMap(({ L, seeds }) => seeds.map((seed) => ({ L, seed })));
  const workerPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'nucleation-convergence-worker.js');
  const res = await runWorkerJobs<{ L: number; seed: number }, One>(workerPath, jobs, {
    name, lanes: LANES,
    onDone: (j, r, k, s) => process.stderr.write(`${name}: ${k + 1}/${jobs.length} ${j.L} x ${j.L} seed ${j.seed}: ${r.nuc.toFixed(1)} mV, ${r.stableAtPeak} stable at the peak, ${s.toFixed(0)} s\n`),
  });
  const [a, b] = [small, large].map(({ L, seeds }) => seeds.map((seed) => res[jobs.findIndex((j) => j.L === L && j.seed === seed)]!)) as [One[], One[]];
  const out: ValidationEntry[] = [...sizeRows(prefix, small.L, small.seeds, a), ...sizeRows(prefix, large.L, large.seeds, b)];
  const change = changeRow(prefix, large.L, large.seeds, b, a, small.seeds);
  out.push({ ...change, note: `claim (a) of two. ${change.note}` });
  const [lo, hi] = change.interval!;
  out.push({
    id: `${prefix}-interval-${large.L}`, quantity: `the 95 % Welch interval of the change ${small.L} -> ${large.L} voxels (${um(small.L)} -> ${um(large.L)} um): its larger end in absolute value`,
    published: 'both ends within +-10 % (MODEL.md 4, the interval asked of the convergence)', source: 'MODEL.md 4',
    measured: Math.max(Math.abs(lo), Math.abs(hi)), unit: '%', interval: [lo, hi], runs: change.runs,
    pass: lo > -10 && hi < 10,
    note: `claim (b) of two: the interval ${lo.toFixed(1)} to ${hi.toFixed(1)} % (row ${change.id}) within +-10 %. ${expected}`,
  });
  return out;
}

/** Rows that state no claim: the per-size values and the nuclei at the peak. */
export const reportOnly = /^conv-rep-(\d+|nuclei-\d+)$/;

export const study: ValidationStudy = {
  id: 'nucleation-convergence-replicate',
  title: 'Nucleation overpotential 2.56 -> 5.12 um replicated on fresh seeds 7-18 (claim: mean and 95 % interval within +-10 %)',
  run: () => convergenceRows('nucleation-convergence-replicate', 'conv-rep', { L: 128, seeds: SEEDS }, { L: 256, seeds: SEEDS },
    'Expected before the run: about -8.2 to +9.8 % (half-width 9.0 % from the first study\'s sds 6.15 and 2.43 mV on 12 seeds), met only just; the first study (seeds 1-6) read -13.7 to +15.3 %'),
};
