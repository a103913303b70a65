/**
 * Why the box-level nucleation overpotential falls with box size (issue 9, must show 8; study
 * nucleation-convergence): a test of the candidate "a larger box holds more nucleation sites, so
 * its first stable nucleus forms at a lower supersaturation (Poisson statistics of the first birth)"
 * by prediction. Same engine and settings as nucleation-convergence: Li on graphene, 25 degC,
 * 20 nm voxels, 24 layers, 1 mA/cm2.
 *
 * Calibration (never the size series' runs):
 *  1. Nucleation rate per area J(eta) on the smallest box (16 x 16, 0.32 um): potentiostatic holds
 *     at 105, 115, 125, 135, 145 mV, seeds 101-112, each up to 30 s of kMC time. A birth is the
 *     last time the largest cluster held fewer than 4 voxels before it first reached 16 ("stable":
 *     16 voxels); J = births / (area x exposure), censored holds counting their whole length.
 *     Variants (3, 16), (6, 16), (4, 8), (4, 24) check that the threshold does not set the slope.
 *     Fit ln J = a + b eta (and, for comparison, ln J = a - c / eta^2, 2D classical nucleation).
 *  2. The overpotential ramp before the first birth, eta(t) on the kMC clock, in galvanostatic runs
 *     of each box size (16, 32, 64, 128), seeds 201-208, each stopped at its first stable nucleus.
 *     (The box's galvanostat averages A and B over N_AVG faradaic events and feeds back a deficit
 *     over tau_fb, both shorter in a larger box: electrochem/doublelayer.ts. Scratch runs showed
 *     the ramp to the first birth taking 5-7 s of kMC time on 16 x 16 and 0.12-0.13 s on
 *     128 x 128, so the ramp is not the same on every box, and the prediction uses each box's own.)
 *  3. Prediction from J and the ramps alone: along each calibration run's own ramp (continued past
 *     its end by the straight line of its last quarter), the median first birth, where
 *     A integral J(eta(t)) dt = ln 2, and its overpotential; per size the mean over the 8 runs; the
 *     predicted change per doubling of the lateral size (x 4 in area) with a 95 % interval from the
 *     ramps' spread (Welch over the runs) and J's (bootstrap over the hold seeds, 400 resamples) in
 *     quadrature. Also the "intensive ramp" variant (the 16 x 16 runs' ramps for every box, as a
 *     real electrode's ramp, set by its double layer, is the same per area): there the shift per
 *     doubling is about -ln 4 / (d ln J / d eta) plus the ramp's own slowing at lower eta.
 *     A check of the law itself: along each calibration ramp, H = A integral J dt at the observed
 *     birth is Exp(1) (mean 1) if births are Poisson with the holds' J (time rescaling).
 *
 * THE PREDICTION, from the calibration run on this build, written here before the validation runs
 * below were compared with it (2026-11-30, 155 s):
 *   d ln J / d eta = 0.132 /mV [0.110, 0.154] (ln J linear in eta, r2 0.992; in -1/eta^2 r2 0.997:
 *   both fit the five holds); the slope moves by < 0.003 /mV with the threshold (3-6 -> 8-24).
 *   Predicted first-birth overpotential (own ramps): 136.0, 125.0, 119.9, 121.9 mV at 0.32, 0.64,
 *   1.28, 2.56 um. Predicted change of the peak per doubling: -11.0 mV [-16.0, -6.0] (0.32 -> 0.64),
 *   -5.1 [-12.8, +2.7] (0.64 -> 1.28), +2.0 [-5.2, +9.2] (1.28 -> 2.56): the fall slows and stops,
 *   because the box's ramp to its first birth gets faster with area (5-7 s of kMC time on 16 x 16,
 *   0.1-0.2 s on 128 x 128), which nearly cancels the ln 4 / (d ln J / d eta) = 10.5 mV that four
 *   times the area gains. With the 16 x 16 ramp on every box: -10.0, -8.4, -14.2 mV per doubling
 *   (no floor). Time rescaling on the calibration ramps: mean H at birth 0.51, 0.55, 0.36, 0.50 for
 *   16-128: the same at every size (births scale with area as Poisson says) but about half of 1
 *   (births on the galvanostatic ramp come at about twice the holds' rate, or ln 2 / 0.132 = 5 mV
 *   earlier): an offset in the absolute level, common to all sizes, that cancels in the shifts.
 *   The peak itself is a window average (windows of charge) while the prediction is the
 *   instantaneous overpotential at the birth: the claim is on the changes, not the levels.
 *
 * Validation (the size series of nucleation-convergence, rerun: seeds 1-6, 16-128, the same runs
 * bit for bit): the measured change per doubling of the peak (the tip of the dip: what the Poisson
 * argument is about) and of peak minus plateau, Welch 95 % intervals. Claim: the predicted change
 * per doubling of the first birth's overpotential lies within the measured interval of the peak's
 * change at each doubling.
 *
 * Seen before the prediction was computed (said so that the comparison is read for what it is): the
 * peak / plateau split of the size series (seeds 1-6, all four sizes), in scratch runs while setting
 * this study up: peaks 130.3, 120.7, 119.5, 112.7 mV (means), plateaus 62.0, 61.9, 67.6, 67.4 mV.
 * The prediction has no parameter fitted to the series, but the way the ramps are continued past
 * their ends (a straight line; the mean over surviving runs, tried first, ends before the median
 * birth) was chosen after that, so the comparison is weaker than a blind one.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { morphology } from '../../src/metrics/morphology.js';
import { linearFit, meanInterval, pairedInterval, welchInterval } from '../../src/stats/interval.js';
import { extendRamp, hazardAt, meanRamp, medianBirth, poissonRate, type Ramp } from '../../src/nucleation/first-birth.js';
import { Rng } from '../../src/kmc/rng.js';
import type { ResolvedRun } from '../../src/input/types.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const VOXEL_M = 20e-9;
const SIZES = [16, 32, 64, 128];
const HOLD_ETAS_MV = [105, 115, 125, 135, 145];
const HOLD_SEEDS = Array.from({ length: 12 }, (_, i) => 101 + i);
const HOLD_S = 30;
const RAMP_SEEDS = Array.from({ length: 8 }, (_, i) => 201 + i);
const SERIES_SEEDS = [1, 2, 3, 4, 5, 6];
/** (fewer than sLo voxels = not yet born, sStar voxels = stable); the first is the primary definition */
const THRESHOLDS: [number, number][] = [[4, 16], [3, 16], [6, 16], [4, 8], [4, 24]];
const S_MAX = 24;
const area = (L: number): number => (L * VOXEL_M) ** 2;

function liGraphene(L: number, protocol: string): ResolvedRun {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [L, L, 24], voxel: '20 nm' }, host: 'graphene',
    protocol: [protocol], seed: 1, output: { snapshots: false },
  });
}

/** kMC time, instantaneous overpotential (V, > 0 plates) and largest metal cluster, every `chunk` events, until the largest reaches stopAt */
interface Track { t: number[]; eta: number[]; largest: number[] }
function track(run: ResolvedRun, seed: number, chunk: number, stopAt: number): Track {
  const tr: Track = { t: [0], eta: [0], largest: [0] };
  let sim: { grid: Parameters<typeof morphology>[0]; d: { hostTopZ: number }; kmcTime: number; eta: number } | undefined;
  const ac = new AbortController();
  simulate({ ...run, seed }, {
    chunk, signal: ac.signal,
    onSimulation: (s) => { sim = s as unknown as typeof sim; },
    onProgress: () => {
      const s = sim!;
      const big = morphology(s.grid, { hostTopZ: s.d.hostTopZ }).largest_island_voxels;
      tr.t.push(s.kmcTime); tr.eta.push(s.eta); tr.largest.push(big);
      if (big >= stopAt) ac.abort();
    },
  });
  return tr;
}

/** birth: the midpoint between the last sample below sLo and the next, before the first sample at >= sStar; null: none */
function birthIndex(tr: Track, sLo: number, sStar: number): number | null {
  const i = tr.largest.findIndex((x) => x >= sStar);
  if (i < 0) return null;
  let j = i - 1;
  while (j > 0 && tr.largest[j]! >= sLo) j--;
  return j;
}
function birthTime(tr: Track, sLo: number, sStar: number): number | null {
  const j = birthIndex(tr, sLo, sStar);
  return j === null ? null : 0.5 * (tr.t[j]! + tr.t[j + 1]!);
}

interface Shift { mean: number; lo: number; hi: number; rampLo: number; rampHi: number; jLo: number; jHi: number }

export interface Calibration {
  /** per threshold variant: per hold level, the rate estimate */
  rates: { sLo: number; sStar: number; levels: { eta_mV: number; births: number; rate: number; lo: number; hi: number }[]; slope_per_V: number; slopeLo: number; slopeHi: number; intercept: number; r2: number; r2InvSq: number }[];
  /** the hold births (primary variant): per level, per seed [time, born] */
  holdTimes: { eta_mV: number; times: number[]; born: boolean[] }[];
  /** per box size: its calibration ramps (to their births) and mean ramp */
  ramps: { L: number; runs: Ramp[]; births_s: number[]; birthEta_mV: number[]; mean: Ramp }[];
  /** predicted median first birth per size (own ramp), mV, and from the 16 x 16 ramp */
  predicted_mV: number[];
  predictedIntensive_mV: number[];
  /** per size, per calibration run: the predicted median first birth on that run's ramp, mV */
  predictedRuns_mV: number[][];
  /** predicted change per doubling with its 95 % interval (ramps' spread, Welch, and J's, bootstrap, in quadrature) */
  shift: Shift[];
  /** the same with the 16 x 16 runs' ramps on every box size (an intensive ramp; paired over those runs) */
  shiftIntensive: Shift[];
  /** time rescaling: H at each observed birth of the calibration ramps, per size */
  hazards: number[][];
  /** first birth on 1 cm2 with the 16 x 16 ramp (an extrapolation of J far below the holds), mV */
  cm2_mV: number | null;
}

function fitLaw(holds: { eta_mV: number; times: number[]; born: boolean[] }[], A16: number) {
  const pts = holds.map((h) => ({ eta_mV: h.eta_mV, ...poissonRate(h.times, h.born, A16) }));
  const ok = pts.filter((p) => p.births > 0);
  const x = ok.map((p) => p.eta_mV / 1e3), y = ok.map((p) => Math.log(p.rate));
  const f = linearFit(x, y);
  const g = linearFit(x.map((e) => -1 / (e * e)), y);
  return { pts, f, r2InvSq: g.r2 };
}

export function calibrate(log: (s: string) => void = () => {}): Calibration {
  const A16 = area(16);
  // 1. holds on the smallest box
  const holdTracks = HOLD_ETAS_MV.map((e) => ({ eta_mV: e, tracks: HOLD_SEEDS.map((s) => track(liGraphene(16, `Hold at -${e} mV for ${HOLD_S} s`), s, 50, S_MAX)) }));
  log(`holds done`);
  const holdsFor = (sLo: number, sStar: number) => holdTracks.map((h) => {
    const bt = h.tracks.map((tr) => birthTime(tr, sLo, sStar));
    return { eta_mV: h.eta_mV, times: bt.map((b) => b ?? HOLD_S), born: bt.map((b) => b !== null) };
  });
  const rates = THRESHOLDS.map(([sLo, sStar]) => {
    const { pts, f, r2InvSq } = fitLaw(holdsFor(sLo, sStar), A16);
    return { sLo, sStar, levels: pts.map((p) => ({ eta_mV: p.eta_mV, births: p.births, rate: p.rate, lo: p.lo, hi: p.hi })),
      slope_per_V: f.slope, slopeLo: f.slopeLo, slopeHi: f.slopeHi, intercept: f.intercept, r2: f.r2, r2InvSq };
  });
  const primary = rates[0]!;
  const holdTimes = holdsFor(THRESHOLDS[0]![0], THRESHOLDS[0]![1]);
  // 2. ramps to the first birth, each box size
  const ramps = SIZES.map((L) => {
    const runs: Ramp[] = [], births_s: number[] = [], birthEta_mV: number[] = [];
    for (const s of RAMP_SEEDS) {
      const tr = track(liGraphene(L, 'Plate 0.004 mAh/cm2 at 1 mA/cm2'), s, 100 * (L / 16) ** 2, THRESHOLDS[0]![1]);
      const j = birthIndex(tr, THRESHOLDS[0]![0], THRESHOLDS[0]![1]);
      const end = j === null ? tr.t.length - 1 : j;
      runs.push({ t_s: tr.t.slice(0, end + 1), eta_V: tr.eta.slice(0, end + 1) });
      births_s.push(j === null ? NaN : 0.5 * (tr.t[j]! + tr.t[j + 1]!));
      birthEta_mV.push(j === null ? NaN : 1e3 * tr.eta[j]!);
    }
    log(`ramps ${L} done`);
    return { L, runs, births_s, birthEta_mV, mean: meanRamp(runs) };
  });
  // 3. predictions: on each calibration run's own ramp (continued past its end by the straight line
  // of its last quarter), the median first birth for the run's box area; per size the mean over runs
  const lawOf = (a: number, b: number) => (eta: number) => Math.exp(a + b * eta);
  const J = lawOf(primary.intercept, primary.slope_per_V);
  const extended = ramps.map((r) => r.runs.map((run) => extendRamp(run, 4, 0.25)));
  const perRun = (law: (e: number) => number, intensive: boolean) => SIZES.map((L, k) =>
    (intensive ? extended[0]! : extended[k]!).map((ramp) => { const m = medianBirth(ramp, law, area(L)); return m === null ? NaN : m.eta_V * 1e3; }));
  const predRuns = perRun(J, false), predRunsI = perRun(J, true);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const predicted_mV = predRuns.map(mean), predictedIntensive_mV = predRunsI.map(mean);
  const hazards = ramps.map((r) => r.runs.map((run, i) => Number.isFinite(r.births_s[i]!) ? hazardAt(run, J, area(r.L), r.births_s[i]!) : NaN).filter(Number.isFinite));
  // J's uncertainty: bootstrap over hold seeds (the shift's mean with the resampled law)
  const rng = new Rng(20261130);
  const boot: number[][] = [], bootI: number[][] = [];
  const shifts = (v: number[]) => v.slice(1).map((x, i) => x - v[i]!);
  for (let b = 0; b < 400; b++) {
    const res = holdTimes.map((h) => {
      const idx = h.times.map(() => rng.int(h.times.length));
      return { eta_mV: h.eta_mV, times: idx.map((i) => h.times[i]!), born: idx.map((i) => h.born[i]!) };
    });
    let f: ReturnType<typeof linearFit>;
    try { f = fitLaw(res, A16).f; } catch { continue; } // fewer than 3 levels with a birth in this resample
    const law = lawOf(f.intercept, f.slope);
    boot.push(shifts(perRun(law, false).map(mean))); bootI.push(shifts(perRun(law, true).map(mean)));
  }
  const pct = (xs: number[], q: number) => { const v = xs.filter(Number.isFinite).sort((a, b) => a - b); return v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))]! : NaN; };
  // the ramps' spread (Welch over the runs of the two sizes; paired when both use the 16 x 16 runs) and J's (bootstrap) combined in quadrature
  const summarise = (runs: number[][], bs: number[][], paired: boolean) => runs.slice(1).map((v, i) => {
    const w = paired ? pairedInterval(v, runs[i]!) : welchInterval(v, runs[i]!);
    const jb = [pct(bs.map((r) => r[i]!), 0.025), pct(bs.map((r) => r[i]!), 0.975)];
    const hw = Math.hypot((w.hi - w.lo) / 2, (jb[1]! - jb[0]!) / 2);
    return { mean: w.mean, lo: w.mean - hw, hi: w.mean + hw, rampLo: w.lo, rampHi: w.hi, jLo: jb[0]!, jHi: jb[1]! };
  });
  const cm2 = medianBirth(extended[0]![0]!, J, 1e-4);
  return {
    rates, holdTimes, ramps, predicted_mV, predictedIntensive_mV,
    predictedRuns_mV: predRuns, shift: summarise(predRuns, boot, false), shiftIntensive: summarise(predRunsI, bootI, true), hazards,
    cm2_mV: cm2 === null ? null : cm2.eta_V * 1e3,
  };
}

const f1 = (x: number) => x.toFixed(1);

/** Rows that state no claim (ValidationEntry.claim false): the two diagnostics. */
export const reportOnly = /^box-poisson-(J-slope|cm2)$/;

export const study: ValidationStudy = {
  id: 'nucleation-box-poisson',
  title: 'Box-size fall of the nucleation peak: Poisson first birth, predicted from holds on the smallest box',
  run(): ValidationEntry[] {
    const c = calibrate((s) => process.stderr.write(`nucleation-box-poisson: ${s}\n`));
    const out: ValidationEntry[] = [];
    const p = c.rates[0]!;
    out.push({
      id: 'box-poisson-J-slope', quantity: 'Li on graphene, 16 x 16 voxels of 20 nm: d ln J / d eta from potentiostatic holds (first stable nucleus: < 4 -> 16 voxels)',
      published: 'none (calibration of the prediction)', source: 'this study',
      measured: p.slope_per_V / 1e3, unit: '1/mV', interval: [p.slopeLo / 1e3, p.slopeHi / 1e3],
      runs: `holds at ${HOLD_ETAS_MV.join(', ')} mV, seeds ${HOLD_SEEDS[0]}-${HOLD_SEEDS[HOLD_SEEDS.length - 1]}, ${HOLD_S} s: births ${p.levels.map((l) => l.births).join(', ')}; J ${p.levels.map((l) => `${l.rate.toExponential(2)} [${l.lo.toExponential(2)}, ${l.hi.toExponential(2)}]`).join(', ')} /(s m2)`,
      pass: true, claim: false,
      note: `diagnostic (no claim). ln J linear in eta: r2 ${p.r2.toFixed(3)}; linear in -1/eta^2 (2D CNT): r2 ${p.r2InvSq.toFixed(3)}. Threshold variants (< sLo -> sStar): ${c.rates.map((r) => `(${r.sLo}, ${r.sStar}) ${(r.slope_per_V / 1e3).toFixed(4)} [${(r.slopeLo / 1e3).toFixed(4)}, ${(r.slopeHi / 1e3).toFixed(4)}]`).join('; ')} /mV`,
    });
    const inside = c.rates.slice(1).every((r) => p.slope_per_V >= r.slopeLo && p.slope_per_V <= r.slopeHi);
    out.push({
      id: 'box-poisson-threshold', quantity: 'the slope of ln J does not depend on the stability threshold',
      published: 'the primary slope lies within every variant\'s 95 % interval', source: 'this study (brief)',
      measured: p.slope_per_V / 1e3, unit: '1/mV', interval: [p.slopeLo / 1e3, p.slopeHi / 1e3],
      runs: c.rates.map((r) => `(${r.sLo}, ${r.sStar})`).join(', '), pass: inside,
      note: c.rates.map((r) => `(${r.sLo}, ${r.sStar}): births ${r.levels.map((l) => l.births).join('/')}, slope ${(r.slope_per_V / 1e3).toFixed(4)} [${(r.slopeLo / 1e3).toFixed(4)}, ${(r.slopeHi / 1e3).toFixed(4)}]`).join('; '),
    });
    c.ramps.forEach((r, k) => {
      const h = c.hazards[k]!;
      const iv = h.length > 1 ? meanInterval(h) : undefined;
      out.push({
        id: `box-poisson-rescaled-${r.L}`, quantity: `${r.L} x ${r.L}: A x integral J dt at each observed first birth of a galvanostatic ramp (time rescaling; Exp(1) if births are Poisson with the holds' J)`,
        published: 'mean 1 (Exp(1))', source: 'Poisson process, time-rescaling theorem',
        measured: iv?.mean ?? NaN, unit: '', ...(iv ? { interval: [iv.lo, iv.hi] as [number, number] } : {}),
        runs: `seeds ${RAMP_SEEDS[0]}-${RAMP_SEEDS[RAMP_SEEDS.length - 1]}: H ${h.map((x) => x.toFixed(2)).join(', ')}; births at ${r.births_s.map((x) => x.toFixed(3)).join(', ')} s (kMC), eta ${r.birthEta_mV.map(f1).join(', ')} mV`,
        pass: iv !== undefined && iv.lo <= 1 && iv.hi >= 1, note: 'claim: the 95 % interval of the mean contains 1',
      });
    });
    // validation: the size series
    const series = SIZES.map((L) => SERIES_SEEDS.map((s) => simulate({ ...liGraphene(L, 'Plate 0.004 mAh/cm2 at 1 mA/cm2'), seed: s }).metrics));
    process.stderr.write('nucleation-box-poisson: size series done\n');
    const peaks = series.map((ms) => ms.map((m) => m.peak_overpotential_mV));
    const plats = series.map((ms) => ms.map((m) => m.plateau_overpotential_mV));
    const nucs = series.map((ms) => ms.map((m) => m.nucleation_overpotential_mV));
    const dens = series.map((ms) => meanInterval(ms.map((m) => m.nucleus_density_per_um2)).mean);
    for (let k = 1; k < SIZES.length; k++) {
      const L = SIZES[k]!;
      const dp = welchInterval(peaks[k]!, peaks[k - 1]!), dn = welchInterval(nucs[k]!, nucs[k - 1]!), dq = welchInterval(plats[k]!, plats[k - 1]!);
      const pr = c.shift[k - 1]!, pi = c.shiftIntensive[k - 1]!;
      out.push({
        id: `box-poisson-shift-${L}`, quantity: `peak change per doubling, ${L / 2} -> ${L} (predicted: first birth on each box's own ramp, J from the 16 x 16 holds)`,
        published: `predicted ${f1(pr.mean)} mV [${f1(pr.lo)}, ${f1(pr.hi)}] (ramps' spread and J's bootstrap)`, source: 'Poisson first birth, this study\'s calibration',
        measured: dp.mean, unit: 'mV', interval: [dp.lo, dp.hi],
        runs: `seeds ${SERIES_SEEDS.join(', ')}: peaks ${peaks[k - 1]!.map(f1).join(', ')} -> ${peaks[k]!.map(f1).join(', ')} mV`,
        pass: pr.mean >= dp.lo && pr.mean <= dp.hi,
        note: `claim: the predicted change lies in the measured 95 % interval (Welch). Predicted first-birth eta ${f1(c.predicted_mV[k - 1]!)} -> ${f1(c.predicted_mV[k]!)} mV; with the 16 x 16 ramp on every box (an intensive ramp): ${f1(pi.mean)} mV [${f1(pi.lo)}, ${f1(pi.hi)}]. Measured plateau change ${f1(dq.mean)} [${f1(dq.lo)}, ${f1(dq.hi)}] mV; peak minus plateau ${f1(dn.mean)} [${f1(dn.lo)}, ${f1(dn.hi)}] mV (means ${f1(meanInterval(nucs[k - 1]!).mean)} -> ${f1(meanInterval(nucs[k]!).mean)}); nuclei at the end ${dens[k - 1]!.toFixed(2)} -> ${dens[k]!.toFixed(2)} per um2`,
      });
    }
    // Added after the comparison above (post hoc, when 64 -> 128 missed): the same validation seeds
    // rerun to their first birth (the same trajectories: the progress callback draws no numbers),
    // for the instantaneous overpotential at the birth, which is what the prediction is about; the
    // reported peak is the largest average over windows of charge (1 voxel on 16 x 16, about 83 on
    // 128 x 128), and on the larger boxes the birth comes inside the first window.
    const births = SIZES.map((L) => SERIES_SEEDS.map((s) => {
      const tr = track(liGraphene(L, 'Plate 0.004 mAh/cm2 at 1 mA/cm2'), s, 100 * (L / 16) ** 2, THRESHOLDS[0]![1]);
      const j = birthIndex(tr, THRESHOLDS[0]![0], THRESHOLDS[0]![1]);
      return j === null ? NaN : 1e3 * tr.eta[j]!;
    }));
    for (let k = 1; k < SIZES.length; k++) {
      const L = SIZES[k]!;
      const db = welchInterval(births[k]!, births[k - 1]!);
      const pr = c.shift[k - 1]!;
      const gap = (i: number) => meanInterval(peaks[i]!.map((x, s) => x - births[i]![s]!)).mean;
      out.push({
        id: `box-poisson-birth-shift-${L}`, quantity: `first-birth overpotential (instantaneous) change per doubling, ${L / 2} -> ${L}, the size series' own seeds (post hoc)`,
        published: `predicted ${f1(pr.mean)} mV [${f1(pr.lo)}, ${f1(pr.hi)}]`, source: 'Poisson first birth, this study\'s calibration',
        measured: db.mean, unit: 'mV', interval: [db.lo, db.hi],
        runs: `seeds ${SERIES_SEEDS.join(', ')}: birth eta ${births[k - 1]!.map(f1).join(', ')} -> ${births[k]!.map(f1).join(', ')} mV`,
        pass: pr.mean >= db.lo && pr.mean <= db.hi,
        note: `added after the peak comparison missed at 64 -> 128 (post hoc: read as a diagnostic of that miss, not as a second chance). Reported peak minus first-birth eta, mean over seeds: ${f1(gap(k - 1))} mV (${L / 2} x ${L / 2}), ${f1(gap(k))} mV (${L} x ${L})`,
      });
    }
    const low = p.levels[0]!;
    out.push({
      id: 'box-poisson-cm2', quantity: `first births per second on 1 cm2 at ${low.eta_mV} mV (the lowest hold; J from the 16 x 16 holds x 1 cm2)`,
      published: 'none (what a cm2 electrode\'s first birth would be)', source: 'this study',
      measured: low.rate * 1e-4, unit: '1/s', interval: [low.lo * 1e-4, low.hi * 1e-4], runs: `the ${low.eta_mV} mV holds (${low.births} births)`, pass: true, claim: false,
      note: `diagnostic: a cm2 has its first stable nucleus within ~1e-8 s once eta passes ${low.eta_mV} mV, and (J extrapolated far below the holds, so only indicative) its median first birth on the first 16 x 16 calibration ramp at ${(c.cm2_mV ?? NaN).toFixed(3)} mV: a cm2's peak is not set by its first birth but by when the nuclei's growth current takes over the applied current (the electrode stage of src/nucleation/). Per size, predicted first-birth eta ${c.predicted_mV.map(f1).join(', ')} mV (own ramps), ${c.predictedIntensive_mV.map(f1).join(', ')} mV (16 x 16 ramps)`,
    });
    return out;
  },
};
