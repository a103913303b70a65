/**
 * Must show 3 of issue 10 ("CE falls as the deposit's specific surface area rises: across a Damkoehler sweep of at least
 * four points, rank correlation between surface area and CE below -0.8") on sei-damkohler-wide's sweep with enough seeds
 * per point that the order of the means is stable (session 57, branch damkwide). Same set-up as sei-damkohler-wide
 * (E_d 0, 0.05, 0.10, 0.15, 0.25, 0.35 eV; Li||Cu, carbonate SEI, 16 x 16 x 40 voxels of 100 nm, 2 cycles of
 * 0.1 mAh/cm2 at 1 mA/cm2, strip to 1 V, 25 degC; area = exposed metal faces / metal voxels after the first plating),
 * nothing tuned; sei-damkohler-wide stays as measured.
 *
 * Why: sei-damkohler-wide (seeds 1-5 per point) read rho -0.943 over the 6 means on deadfilm's build and -0.771 on
 * stripfilm's (today's), where two pairs of points whose area intervals overlap swapped ranks.
 *
 * Step 1, before this study was written: seeds 1-5 rerun on this build (main 89a8d963; rho -0.7714285714285715, the
 * recorded figure to the digit; 18.5 CPU s for the 30 runs at nice, 0.62 s a run). Per seed (area; CE %):
 *   E_d 0:    0.271 0.363 0.281 0.274 0.263 (SD 0.041);  95.05 96.32 96.36 95.83 96.40 (SD 0.58)
 *   E_d 0.05: 0.300 0.258 0.260 0.284 0.284 (SD 0.018);  94.93 95.21 94.35 95.54 95.34 (SD 0.46)
 *   E_d 0.10: 0.337 0.294 0.318 0.336 0.310 (SD 0.018);  95.46 94.68 93.99 95.34 94.84 (SD 0.59)
 *   E_d 0.15: 0.367 0.381 0.392 0.374 0.370 (SD 0.010);  93.29 92.68 93.82 91.49 93.45 (SD 0.91)
 *   E_d 0.25: 0.386 0.388 0.387 0.383 0.416 (SD 0.013);  91.61 91.65 90.88 91.37 91.24 (SD 0.32)
 *   E_d 0.35: 0.330 0.409 0.378 0.355 0.385 (SD 0.030);  91.00 90.67 90.88 90.02 91.41 (SD 0.51)
 * Seeds per point that keep a pair's order in 95 % of repeats, n(95 %) = 2 (1.645 SD / difference)^2 with the pooled
 * per-seed SD (with the SD of the paired difference, (1.645 SD_d / difference)^2, in brackets), adjacent in E_d:
 *   0 vs 0.05: area -0.013, n 31 (47); CE -0.92 points, n 2 (2)
 *   0.05 vs 0.10: area +0.042, n 1 (0.3); CE -0.21, n 33 (11)
 *   0.10 vs 0.15: area +0.058, n 0.4 (0.5); CE -1.91, n 1 (1)
 *   0.15 vs 0.25: area +0.015, n 3 (4); CE -1.60, n 1 (1)
 *   0.25 vs 0.35: area -0.021, n 7 (5); CE -0.56, n 3 (4)
 *   and the pair two apart that made -0.771: 0.15 vs 0.35 area -0.006, n 87 (60).
 * The 5-seed differences of the two area pairs that swapped are themselves noise (0 vs 0.05: -0.013 +- 0.068).
 * Better figures exist for three of the points: sei-damkohler-powered's narrow sweep ran seeds 5001-5128 at E_d 0.15,
 * 0.25 and 0.35 eV in this very set-up (damkohlerRun), on a build whose runs without the electrolyte field are today's
 * (nothing in src has changed them since 5b321bb3): areas 0.363 / 0.374 / 0.376 (SD 0.020-0.022), CE 93.3 / 91.2 /
 * 91.1 % (SD 0.52-0.54); 0.35 minus 0.25 eV area +0.0024 [-0.0030, +0.0078] (n(95 %) about 400: a tie at any practical
 * count), CE -0.10 [-0.23, +0.02] points (n about 140); 0.35 minus 0.15 eV area about +0.013 (the 5-seed -0.006 was
 * noise). So, disclosed: with seeds from 5001, this study's runs at those three points are those recorded runs again
 * (the same figures, to the digit, are expected: a check of the build), and the fresh information is at 0, 0.05 and
 * 0.10 eV (seeds 5001-5128 never run at those E_d).
 * Ties at any practical count (up to a few hundred seeds): area 0.25 vs 0.35 eV; probably CE 0.25 vs 0.35 eV; possibly
 * area 0 vs 0.05 eV (its 5-seed difference does not exclude zero; both points are far into the many-hops regime, 500
 * and 100 hops per plated voxel, and may be one morphology).
 *
 * Rank arithmetic (6 points): rho = -1 + sum(d^2) / 35, d each point's area rank minus its rank in the exact reverse of
 * the CE order; rho < -0.8 <=> sum(d^2) <= 6: up to three disjoint adjacent swaps (-0.943, -0.886, -0.829) meet it,
 * one swap of two points two ranks apart (sum 8, -0.771, stripfilm's reading) does not. So an adjacent tie alone cannot
 * fail the rule; what fails it is a swap across a point between, or a resolved order against the claim.
 *
 * Chosen: 128 seeds per point (seeds 5001-5128 at every E_d; 768 runs, about 8 CPU min measured at 0.62 s a run).
 * A model of the outcome (each point normal with the 5-seed means and SDs at 0-0.10 eV and the powered figures at
 * 0.15-0.35 eV, 100 repeats, the same bootstrap): the rule below is met in 99 % of repeats at 128 seeds (96 % if 0 and
 * 0.05 eV truly tie, 96 % if 0.25 and 0.35 eV tie too), 70-79 % at 64, 99-100 % at 256; 256 would double the CPU to
 * order pairs that are ties. Intervals of rho: sei-damkohler-powered's entries() (percentile bootstrap, 2,000 resamples
 * of the seed list, the same seeds at every point, so a seed is resampled at all points together; fixed generator seed).
 * Pairs of points: paired 95 % intervals (same seed).
 *
 * Stated before the run:
 * - rho over the 6 means -0.943 (one adjacent swap, 0 / 0.05 eV in area; -1 if 0 eV's area falls below 0.05 eV's,
 *   -0.886 if a second adjacent pair flips), bootstrap 95 % interval about [-1, -0.886]: met. Over the 768 single runs
 *   about -0.7 (-0.6 to -0.8; reported).
 * - Resolved (paired interval excluding zero): area 0.05 -> 0.10 (+0.04), 0.10 -> 0.15 (+0.04 to +0.06), 0.15 -> 0.25
 *   (+0.010, as recorded); CE 0 -> 0.05 (-0.9 points), 0.05 -> 0.10 (-0.2; the least sure of these), 0.10 -> 0.15
 *   (-1.5 to -1.9), 0.15 -> 0.25 (-2.1, as recorded). Not resolved: area 0.25 -> 0.35 (+0.0024, as recorded), CE
 *   0.25 -> 0.35 (-0.10, as recorded); area 0 -> 0.05 either way (if resolved with 0 eV larger, it is a resolved pair
 *   against the claim: a larger area with a higher CE, reported as such even though the rank rule allows one swap).
 * - 5-seed subsets of these 128 seeds (rows below, drawn without replacement): rho ranges over about -1 to -0.66; both
 *   old readings are ordinary 5-seed draws (model: rho >= -0.771 in about 28 % of draws, <= -0.943 in about 36 %).
 * Rule (the same as sei-damkohler-powered's, so that the two read alike): met if rho over the means is below -0.8 AND
 * so is the upper end of its bootstrap interval, i.e. the verdict holds in at least 97.5 % of resamples of the seeds.
 * Why not the point estimate alone: on a sweep with tied pairs the point estimate is decided by which seeds were drawn
 * (-0.943 and -0.771 from five seeds each, the same set-up, two builds); the interval's upper end asks that the order
 * the rule reads be a property of the model, not of the draw (MODEL.md section 9: 95 % intervals, not single readings).
 * What each outcome would mean: met: -0.771 was 5-seed noise (a new draw of trajectories on stripfilm's build), and the
 * wide sweep meets must show 3 with a stable order; rho below -0.8 but the interval's upper end above: the order is
 * still not stable at 128 seeds (more seeds or ties, as the pair rows say); a pair two ranks apart resolved in the
 * reverse order, or rho above -0.8: a real exception to the claim on this sweep.
 * This header, with the study's code, was committed before any of the study's seeds was run.
 *
 * Companion condition (mends62, session 62; stated here before the rerun that first computes it): sei-damkohler-powered's
 * entries() now asks too that the SEI-bound share rise with the area (rank correlation over the means above +0.8, and
 * so its bootstrap interval's lower end; the same resamples, so the figures above come out as before): seisens (session
 * 61) read the CE rule's sign at crack 0 with almost no SEI. Stated before the rerun, from the SEI means this row
 * recorded on seibare's build (rerun60a: 19.8 / 14.8 / 10.9 / 8.81 / 8.05 / 8.02 % against areas 0.264 / 0.300 / 0.321 /
 * 0.357 / 0.379 / 0.375; the runs expected to the digit): SEI rho -0.943 (-1 if the two last areas, a tie, swap),
 * interval about [-1, -0.886]: the SEI share falls as the area rises, companion not met; the claim row stays not met
 * (its CE rule reads +1 [+0.943, +1]).
 */
import { pairedInterval } from '../../src/stats/interval.js';
import { Rng } from '../../src/kmc/rng.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { spearman, fmt } from './sei-common.js';
import { entries, damkohlerRun, range, pct, avg, iv, type Run, type Sweep } from './sei-damkohler-powered.js';

/** Rows that state no claim: rho over the single runs, the pairs of adjacent points, the 5-seed subsets. */
export const reportOnly = /^sei-damkohler-wide-powered-(runs|pair|five)-/;

const E = [0, 0.05, 0.1, 0.15, 0.25, 0.35];
const SWEEP: Sweep = {
  key: 'wide', claimId: 'sei-ce-vs-surface-area-wide-powered', labels: E.map((e) => `E_d ${e} eV`), seeds: range(5001, 128),
  runs: 'seeds 5001-5128 at every point, Li||Cu 16 x 16 x 40 x 100 nm, carbonate SEI, 2 x 0.1 mAh/cm2 at 1 mA/cm2, 25 degC, E_d 0 / 0.05 / 0.1 / 0.15 / 0.25 / 0.35 eV; area after the first plating',
  one: (p, seed) => damkohlerRun(E[p]!, seed),
  stated: 'rho -0.943 over the 6 means (-1 to -0.886), bootstrap interval about [-1, -0.886]: met; area 0.25 vs 0.35 eV and CE 0.25 vs 0.35 eV not resolved, area 0 vs 0.05 eV either way',
  statedRuns: 'about -0.7 (-0.6 to -0.8)',
  old: 'sei-damkohler-wide, seeds 1-5: rho -0.943 on deadfilm\'s build, -0.771 on stripfilm\'s (today\'s)',
  prefix: 'sei-damkohler-wide-powered', what: 'sei-damkohler-wide\'s Damkoehler sweep, E_d 0-0.35 eV', source: 'session 57, damkwide',
};

/** rho over the means of k seeds drawn without replacement from each point's runs (the same seeds at every point), `draws` times. */
export function subsetRhos(pts: readonly (readonly Run[])[], k: number, draws: number, rng: Rng): number[] {
  const n = pts[0]?.length ?? 0;
  if (k < 1 || k > n) throw new RangeError(`subset size ${k} outside 1..${n}`);
  const out: number[] = [];
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < k; i++) { const j = i + rng.int(n - i); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    const pick = idx.slice(0, k);
    out.push(spearman(pts.map((p) => avg(pick.map((i) => p[i]!.area))), pts.map((p) => avg(pick.map((i) => p[i]!.ce)))));
  }
  return out;
}

/** the claim rows of sei-damkohler-powered's entries(), then the 5-seed subsets' spread (pts[point][seed index]) */
export function wideEntries(pts: Run[][]): ValidationEntry[] {
  const D = 2000, r5 = subsetRhos(pts, 5, D, new Rng(20261206));
  const share = (f: (r: number) => boolean) => fmt(r5.filter(f).length / D * 100);
  const eps = 1e-9;
  const d15 = pairedInterval(pts[5]!.map((r) => r.area), pts[3]!.map((r) => r.area));
  return [...entries(SWEEP, pts), {
    id: 'sei-damkohler-wide-powered-five-seeds', quantity: 'Spearman rank correlation of CE with specific surface area over the 6 means of 5 seeds drawn from the 128 (the same seeds at every point, without replacement), median and 95 % range of 2,000 draws',
    published: 'reported: whether sei-damkohler-wide\'s two 5-seed readings (-0.943, -0.771) are ordinary 5-seed draws', source: 'issue 10, must show 3; session 57, damkwide',
    measured: pct(r5, 0.5), unit: '1', interval: [pct(r5, 0.025), pct(r5, 0.975)], runs: SWEEP.runs, pass: Number.isFinite(pct(r5, 0.5)), claim: false,
    note: `rho >= -0.771 (stripfilm's reading) in ${share((r) => r >= -0.7714285714285715 - eps)} % of the draws, <= -0.943 (deadfilm's) in ${share((r) => r <= -0.9428571428571428 + eps)} %, < -0.8 in ${share((r) => r < -0.8)} %; area E_d 0.35 minus 0.15 eV (the pair two ranks apart that made -0.771) ${iv(d15)}; stated before the run: range about -1 to -0.66, rho >= -0.771 in about 28 % and <= -0.943 in about 36 % of draws`,
  }];
}

export const study: ValidationStudy = {
  id: 'sei-damkohler-wide-powered',
  title: 'CE against the deposit surface area on the wide Damkoehler sweep (E_d 0-0.35 eV) with 128 seeds per point (carbonate SEI)',
  run(): ValidationEntry[] {
    return wideEntries(SWEEP.labels.map((_, p) => SWEEP.seeds.map((seed) => SWEEP.one(p, seed))));
  },
};
