/**
 * Does the box's nucleation overpotential converge in larger boxes? (issue 9, must show 8; MODEL.md 4:
 * doubling the lateral size changes it by less than 10 %.) Study nucleation-convergence's size series
 * (Li on graphene, 25 degC, 20 nm voxels, 24 layers, 0.004 mAh/cm2 at 1 mA/cm2, seeds 1-6; its run
 * builder `li`, imported) read 68.3 / 58.8 / 51.8 / 45.4 mV at 16 / 32 / 64 / 128 columns: -14.0,
 * -11.8, -12.4 % per doubling. This study extends it by one doubling: 64, 128 and 256 columns (1.28,
 * 2.56, 5.12 um), seeds 1-6, the same protocol at every size. (512 columns were left out: the pilot
 * below puts six seeds at about 60-65 min of one core, over the 40 min the brief allowed.)
 *
 * Rows: per size, the mean nucleation overpotential (peak minus plateau, what MODEL.md 4 asks to
 * converge; peak and plateau apart in the note) with its 95 % interval (Student t over the seeds); per
 * doubling, the change in % with its 95 % interval: Welch (unpaired), because the same seed number on
 * two box sizes gives unrelated trajectories (the sites and events its stream draws differ with the
 * lattice), so same-seed differences would pair nothing; the interval in % is the Welch interval of the
 * difference (mV) over the smaller box's mean (the denominator's own uncertainty is not included). Per
 * size also the nuclei the box holds at its peak (islands of >= 16 voxels, the stable size of study
 * nucleation-box-poisson, counted at the first progress check after the peak's trace sample) and a
 * fit of the value against log(area) over the 18 runs (where the fitted law would cross 10 % per
 * doubling).
 *
 * CLAIM (MODEL.md 4), for each doubling 64 -> 128 and 128 -> 256: |mean change| < 10 % (the rule of
 * nucleation-convergence; the note says whether the whole 95 % interval lies within +-10 %).
 *
 * EXPECTATION, written before the run (2026-12-03):
 *  - The 64 and 128 boxes are nucleation-convergence's runs (same builder, seeds and build of the
 *    engine): seed 1 rerun on this build gave 57.0 and 37.9 mV, its record's values. So the 64 -> 128
 *    row should reproduce the record, -12.4 % (not met); the new information is 128 -> 256.
 *  - Nuclei at the peak (scratch runs, seed 1): 4 islands of >= 16 voxels on 128 x 128 at its peak
 *    (0.57 s; 20 host-touching islands of any size), and 12-13 on 256 x 256 by 0.13-0.15 s (a
 *    0.0002 mAh/cm2 run of the same start), about 0.5-0.6 per um2 on both: from 2.56 um on the box holds
 *    several stable nuclei at its peak, and the count scales with the area.
 *  - Poisson argument. While the box holds less than one of the nuclei an electrode would have formed
 *    by its peak, the peak is its first birth (A x integral J dt = ln 2): on a common ramp that moves
 *    by -ln 4 / (d ln J / d eta) per doubling, -10.5 mV with the holds' slope 0.132 /mV (-9.4 with the
 *    incubation-corrected 0.147), -20 % of a 45-50 mV value. Once the box holds k >> 1 nuclei at its
 *    peak, the peak is the k-th birth: A x integral J dt at the k-th event of a Poisson process is
 *    Gamma(k, 1), whose log has mean ln k - 1/(2k), so the box's peak sits below an electrode's by
 *    about 1/(2 k b) (b = d ln J / d eta): 0.9 mV at k = 4, 0.3 at k = 13, 0.08 at k = 50. Expected
 *    change from Poisson alone: about +0.7 mV (+1.5 %) at 128 -> 256 and +0.2 mV (+0.5 %) at
 *    256 -> 512, and the seed spread of the peak shrinking as 1 / (b sqrt k) (3.8 mV at k = 4,
 *    2 mV at k = 13). So if the first birth's statistics were all there is, the change per doubling
 *    is below 10 % from 128 -> 256 on, and already was at 64 -> 128 (k about 1 -> 4), which the record
 *    (-12.4 %) contradicts: what drove 64 -> 128 (study nucleation-box-poisson, post hoc: about 2.5 mV
 *    first birth, 4.3 mV the trace window averaging the climb, the birth and the fall) is not Poisson
 *    by this count. The other box effects named there act beyond 128: the box's galvanostat climbs
 *    faster on a larger box (raises the first birth's eta: +2.0 [-5.2, +9.2] mV predicted at
 *    1.28 -> 2.56 um), and the peak is read on trace windows of 1/200 of the step (0.072 s at every
 *    size) that the birth falls into.
 *  - Expected result: the 128 -> 256 change between -5 and +5 % (met), the fall of the record
 *    stopping at 2.56 um; with the window effect not gone, a further fall of a few mV (to about -10 %)
 *    is the way it would fail. The per-size seed spread (sd) should not grow.
 *
 * Seen before this header was written (said so that the comparison is read for what it is): the pilot,
 * seed 1 at 256 x 256 (full run, 142 s wall, 133 CPU s at load about 1): 45.7 mV (peak 115.1, plateau
 * 69.3 mV), the peak at 1.0 % of the step (trace window 2-3), 42 host nuclei at the end (1.6 per um2),
 * against 37.9 mV (peak 106.7, plateau 68.8) for seed 1 at 128 x 128; and seed 1 at 64 x 64 (57.0 mV, peak
 * 123.2 mV at window 3). One seed of six: the claim is on the mean. And a smoke run of this file with
 * sizes 16, 32, 64 and seeds 1-3 (56 s): every value the record's for those seeds (16: 56.7, 66.4, 61.4;
 * 64: 57.0, 46.9, 49.1 mV), stable nuclei at the peak 0 / 0, 1, 0 / 1, 2, 1 seed by seed at 16 / 32 / 64.
 */
import { simulate } from '../../src/simulation/simulate.js';
import { morphology } from '../../src/metrics/morphology.js';
import { nucleationOverpotential } from '../../src/analysis/nucleation.js';
import { linearFit, meanInterval, welchInterval } from '../../src/stats/interval.js';
import type { Simulation } from '../../src/simulation/simulation.js';
import { li } from './nucleation-convergence.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const SIZES = [64, 128, 256];
const SEEDS = [1, 2, 3, 4, 5, 6];
/** an island of this many voxels or more is a stable nucleus (study nucleation-box-poisson's threshold) */
const STABLE = 16;
/** lateral size in um of L columns of 20 nm */
export const um = (L: number): string => (L * 0.02).toFixed(2);
const f1 = (x: number): string => x.toFixed(1);

export interface One {
  nuc: number; peak: number; plateau: number;
  /** peak's trace sample (index in the step, of `windows`), its time (s) and its fraction of the step */
  peakIndex: number; windows: number; peakTime: number; peakFrac: number;
  /** islands >= STABLE voxels and host-touching islands of any size at the peak, and host nuclei at the end */
  stableAtPeak: number; nucleiAtPeak: number; nucleiEnd: number;
  wall_s: number;
}

/** One run of the size series, with the nuclei counted (morphology) every progress check of the step's first half. */
export function one(L: number, seed: number): One {
  let sim: Simulation | undefined;
  const checks: { t: number; stable: number; nuclei: number }[] = [];
  const t0 = performance.now();
  const r = simulate({ ...li('graphene', L), seed }, {
    chunk: 200 * (L / 16) ** 2,
    onSimulation: (s) => { sim = s; },
    onProgress: (p) => {
      if (p.stepFraction > 0.5 || !sim) return; // the peak is read in the step's first half
      const m = morphology(sim.grid, { hostTopZ: sim.d.hostTopZ });
      checks.push({ t: sim.time, stable: m.island_sizes.filter((x) => x >= STABLE).length, nuclei: m.nuclei_on_host });
    },
  });
  const wall_s = (performance.now() - t0) / 1e3;
  const m = r.metrics;
  const first = r.steps.find((s) => s.kind === 'plate');
  if (!first) throw new Error(`${L} x ${L}, seed ${seed}: no plating step`);
  const [a, b] = first.samples;
  const t = r.trace.time_s.slice(a, b);
  const n = nucleationOverpotential(t, r.trace.overpotential_mV.slice(a, b).map((x) => x / 1e3));
  if (Math.abs(n.nucleation_V * 1e3 - m.nucleation_overpotential_mV) > 1e-9) {
    throw new Error(`${L} x ${L}, seed ${seed}: the trace's reading ${n.nucleation_V * 1e3} mV is not the metric's ${m.nucleation_overpotential_mV} mV`);
  }
  const at = checks.find((c) => c.t >= n.peak_time_s) ?? checks[checks.length - 1];
  const t0s = t[0]!, T = t[t.length - 1]! - t0s;
  return {
    nuc: m.nucleation_overpotential_mV, peak: m.peak_overpotential_mV, plateau: m.plateau_overpotential_mV,
    peakIndex: t.indexOf(n.peak_time_s), windows: t.length, peakTime: n.peak_time_s - t0s, peakFrac: (n.peak_time_s - t0s) / T,
    stableAtPeak: at?.stable ?? NaN, nucleiAtPeak: at?.nuclei ?? NaN,
    nucleiEnd: Math.round(m.nucleus_density_per_um2 * (L * 0.02) ** 2), wall_s,
  };
}

const ivText = (v: number[], d = 1): string => { const i = meanInterval(v); return `${i.mean.toFixed(d)} [${i.lo.toFixed(d)}, ${i.hi.toFixed(d)}]`; };

/** The two rows of one size (`prefix`-L, `prefix`-nuclei-L): the nucleation overpotential over the seeds and the stable nuclei at the peak. */
export function sizeRows(prefix: string, L: number, seeds: number[], rs: One[]): ValidationEntry[] {
  const rows: ValidationEntry[] = [];
  const v = rs.map((x) => x.nuc);
  const iv = meanInterval(v);
  rows.push({
    id: `${prefix}-${L}`, quantity: `Li on graphene, nucleation overpotential (peak minus plateau), ${L} x ${L} voxels of 20 nm (${um(L)} um)`,
    published: 'converged in domain size (MODEL.md 4: doubling the size changes it by < 10 %): the change rows carry the claim', source: 'MODEL.md 4',
    measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi], runs: `seeds ${seeds.join(', ')}: ${v.map(f1).join(', ')} mV`,
    pass: Number.isFinite(iv.mean), claim: false,
    note: `sd over seeds ${iv.sd.toFixed(1)} mV. Peak ${ivText(rs.map((x) => x.peak))} mV (${rs.map((x) => f1(x.peak)).join(', ')}), plateau ${ivText(rs.map((x) => x.plateau))} mV (${rs.map((x) => f1(x.plateau)).join(', ')}). `
      + `Peak at trace sample ${rs.map((x) => x.peakIndex).join(', ')} of ${rs.map((x) => x.windows).join('/')}, ${rs.map((x) => x.peakTime.toFixed(3)).join(', ')} s (at most ${(100 * Math.max(...rs.map((x) => x.peakFrac))).toFixed(1)} % of the step: inside the 0.004 mAh/cm2). `
      + `Wall per run ${rs.map((x) => x.wall_s.toFixed(0)).join(', ')} s`,
  });
  rows.push({
    id: `${prefix}-nuclei-${L}`, quantity: `${L} x ${L} (${um(L)} um): stable nuclei (islands of >= ${STABLE} voxels) the box holds at its peak`,
    published: 'none (the Poisson argument\'s k: a box with k >> 1 nuclei at its peak is past the first birth)', source: 'this study',
    measured: meanInterval(rs.map((x) => x.stableAtPeak)).mean, unit: 'nuclei', interval: [meanInterval(rs.map((x) => x.stableAtPeak)).lo, meanInterval(rs.map((x) => x.stableAtPeak)).hi],
    runs: `seeds ${seeds.join(', ')}: ${rs.map((x) => x.stableAtPeak).join(', ')}`, pass: rs.every((x) => Number.isFinite(x.stableAtPeak)), claim: false,
    note: `per um2 ${(meanInterval(rs.map((x) => x.stableAtPeak)).mean / (L * 0.02) ** 2).toFixed(2)}; host-touching islands of any size at the peak ${rs.map((x) => x.nucleiAtPeak).join(', ')}; host nuclei at the end ${rs.map((x) => x.nucleiEnd).join(', ')} (${ivText(rs.map((x) => x.nucleiEnd / (L * 0.02) ** 2), 2)} per um2)`,
  });
  return rows;
}

/** The row `prefix`-change-L: the change L / 2 -> L in % (Welch over the seeds, unpaired; `a` the runs at L on `seeds`, `b` at L / 2
 * on `smallSeeds`, by default the same seeds), claim |mean| < 10 %. */
export function changeRow(prefix: string, L: number, seeds: number[], a: One[], b: One[], smallSeeds: number[] = seeds): ValidationEntry {
  const w = welchInterval(a.map((x) => x.nuc), b.map((x) => x.nuc));
  const base = meanInterval(b.map((x) => x.nuc)).mean;
  const pct = 100 * w.mean / base, lo = 100 * w.lo / base, hi = 100 * w.hi / base;
  const dp = welchInterval(a.map((x) => x.peak), b.map((x) => x.peak)), dq = welchInterval(a.map((x) => x.plateau), b.map((x) => x.plateau));
  return {
    id: `${prefix}-change-${L}`, quantity: `change of the nucleation overpotential per doubling, ${L / 2} -> ${L} voxels (${um(L / 2)} -> ${um(L)} um)`,
    published: '|change| < 10 % (MODEL.md 4)', source: 'MODEL.md 4',
    measured: pct, unit: '%', interval: [lo, hi],
    runs: smallSeeds.join() === seeds.join() ? `seeds ${seeds.join(', ')} on both (unpaired: Welch)`
      : `unpaired (Welch): n = ${b.length} at ${L / 2} x ${L / 2} (seeds ${smallSeeds.join(', ')}), n = ${a.length} at ${L} x ${L} (seeds ${seeds.join(', ')})`,
    pass: Math.abs(pct) < 10,
    note: `claim: |mean change| < 10 %. ${f1(w.mean)} mV, Welch 95 % interval ${f1(w.lo)} to ${f1(w.hi)} mV (the % interval is that over the smaller box's mean, ${f1(base)} mV); the whole interval within +-10 %: ${lo > -10 && hi < 10 ? 'yes' : 'no'}. `
      + `Peak change ${f1(dp.mean)} [${f1(dp.lo)}, ${f1(dp.hi)}] mV, plateau change ${f1(dq.mean)} [${f1(dq.lo)}, ${f1(dq.hi)}] mV`,
  };
}

/** Rows that state no claim: the per-size values, the nuclei at the peak and the log(area) fit. */
export const reportOnly = /^conv-large-(\d+|nuclei-\d+|logfit)$/;

export const study: ValidationStudy = {
  id: 'nucleation-convergence-large',
  title: 'Nucleation overpotential in larger boxes: 1.28, 2.56 and 5.12 um (seeds 1-6)',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    const runs: One[][] = [];
    for (const L of SIZES) {
      runs.push(SEEDS.map((s) => one(L, s)));
      process.stderr.write(`nucleation-convergence-large: ${L} x ${L} done\n`);
    }
    SIZES.forEach((L, k) => out.push(...sizeRows('conv-large', L, SEEDS, runs[k]!)));
    for (let k = 1; k < SIZES.length; k++) out.push(changeRow('conv-large', SIZES[k]!, SEEDS, runs[k]!, runs[k - 1]!));
    // the value against log2 of the area over all runs: a log(area) law (Poisson's first birth on a common ramp) changes by a fixed
    // number of mV per doubling, so its relative change grows as the value falls: |s| / value < 10 % only where value > 10 |s|
    const x = SIZES.flatMap((L) => SEEDS.map(() => Math.log2(L / SIZES[0]!)));
    const y = runs.flatMap((rs) => rs.map((r) => r.nuc));
    const f = linearFit(x, y);
    const valueAt = (d: number) => f.intercept + f.slope * d;
    const dStar = (10 * Math.abs(f.slope) - f.intercept) / f.slope; // value(dStar) = 10 |slope|
    out.push({
      id: 'conv-large-logfit', quantity: `nucleation overpotential = a + s log2(L / ${SIZES[0]}) over the ${y.length} runs (${SIZES.join(', ')} voxels): s, the change per doubling of the lateral size`,
      published: 'none (the trend, to say where it would cross 10 % per doubling)', source: 'this study',
      measured: f.slope, unit: 'mV per doubling', interval: [f.slopeLo, f.slopeHi], runs: `seeds ${SEEDS.join(', ')} x ${SIZES.join(', ')}`,
      pass: Number.isFinite(f.slope), claim: false,
      note: `a = ${f1(f.intercept)} mV (the law at ${SIZES[0]}), r2 ${f.r2.toFixed(3)}; the law's value ${SIZES.map((L, i) => `${f1(valueAt(i))}`).join(', ')} mV at ${SIZES.join(', ')}; `
        + `its change per doubling is ${f1(f.slope)} mV at every size, below 10 % of the value where the value exceeds ${f1(10 * Math.abs(f.slope))} mV: `
        + (f.slope < 0 ? `up to L = ${(SIZES[0]! * 2 ** dStar).toFixed(0)} voxels (${(0.02 * SIZES[0]! * 2 ** dStar).toFixed(2)} um), beyond which the falling law never returns below 10 %` : `from L = ${(SIZES[0]! * 2 ** dStar).toFixed(0)} voxels (${(0.02 * SIZES[0]! * 2 ** dStar).toFixed(2)} um) on`),
    });
    return out;
  },
};
