/**
 * How far the slow-scale elimination of lone adatoms (the `reservoir` of atomistic.ts) can be
 * trusted, and the comparison with plain kMC that measures it (issue 15, must show: the
 * acceleration leaves the nucleation statistics unchanged where plain kMC can run).
 *
 * What the elimination assumes. It holds every free host site away from the clusters at the lone-
 * adatom density theta1 = k_red / (k_red + k_ox), whatever the clusters do: the sea of lone adatoms
 * is in local equilibrium with the electrolyte. That is the slow-scale SSA (Cao, Gillespie and
 * Petzold 2005) with reduction and oxidation of lone adatoms as the fast process. It is exact when
 * a lone adatom is re-oxidised before it moves far, i.e. when its diffusion length
 *   lambda = sqrt(hop / (k_red + k_ox,lone))   (in sites, hop = rate per direction)
 * is about one site. When lambda is large, a cluster drains the sea around it faster than
 * reduction refills it, and in 2D the sea near a cluster is depleted by a factor that grows as
 * ln(lambda / R). Series resistances of attachment (reaction) and of 2D diffusion give the estimate
 * of the overestimated attachment rate, stated before the measurements:
 *   E(lambda, n*) = 1 + (B / 2 pi) ln(lambda / R),   B = 4 sqrt(n*) attachment bonds,  R = sqrt(n* / pi) sites
 * (E = 1 when lambda <= R). The measurement is `compareAcceleration`: many seeds of the same box,
 * elimination on and off, mean time for the largest cluster to reach the target size.
 *
 * The lattice capture factor (capture.ts) replaced this estimate where J is corrected: `captureFactorOfRuns`
 * takes it from reservoir runs (the production stage, index.ts, divides each overpotential's J by it),
 * `predictCapture` states it before a comparison and `compareCapture` measures it against plain kMC (MFPT
 * rates, study nucleation-capture). `captureErrorEstimate` (the continuum E above) is still what
 * `nucleation --json` reports as `rate_overestimate_bound`: the uncorrected elimination's error.
 */
import { boundedInterval, meanInterval, type BoundedInterval, type Bounds } from '../stats/interval.js';
import { CONST } from '../units.js';
import { runAtomistic, type AtomisticRun, type AtomisticSpec } from './atomistic.js';
import { estimateRate, fitMfpt, mfptCurve } from './rate.js';
import { captureFactorAt, clusterCapture, clusterHaloReturn, lossPerHop, type SetCapture } from './capture.js';
import { Rng } from '../kmc/rng.js';

/** Diffusion length of a lone host adatom in sites, and the rates it comes from (1/s); a bare-host
 * reduction-barrier shift (hostRedShift_eV, as in atomistic.ts) slows reduction and oxidation alike. */
export function diffusionLength(s: Pick<AtomisticSpec, 'T_K' | 'eta_V' | 'bond_eV' | 'hostBinding_eV' | 'terraceBarrier_eV' | 'nu_per_s' | 'k0_per_s' | 'alpha' | 'hostRedShift_eV'>): { lambda_sites: number; hop_per_s: number; red_per_s: number; oxLone_per_s: number; theta1: number } {
  const kT = CONST.kB_eV * s.T_K;
  const shift = Math.exp(-(s.hostRedShift_eV ?? 0) / kT);
  const red = s.k0_per_s * Math.exp((s.alpha * s.eta_V) / kT) * shift;
  const ox = s.k0_per_s * Math.exp((-(1 - s.alpha) * s.eta_V) / kT) * Math.exp((3 * s.bond_eV - s.hostBinding_eV) / kT) * shift;
  const hop = s.nu_per_s * Math.exp(-(s.terraceBarrier_eV - s.bond_eV + s.hostBinding_eV) / kT);
  return { lambda_sites: Math.sqrt(hop / (red + ox)), hop_per_s: hop, red_per_s: red, oxLone_per_s: ox, theta1: red / (red + ox) };
}

/** The stated estimate of the elimination's overestimate of the nucleation rate (see the header). */
export function captureErrorEstimate(lambda_sites: number, nStar: number): number {
  const n = Math.max(nStar, 1);
  const R = Math.sqrt(n / Math.PI);
  if (!(lambda_sites > R)) return 1;
  return 1 + ((4 * Math.sqrt(n)) / (2 * Math.PI)) * Math.log(lambda_sites / R);
}

/**
 * A time to the target size is > 0: its seed interval is cut there (boundedInterval, as compare, seeds
 * and screen cut theirs), and `cut` says so. Until loose10 the plain Student-t interval was printed: 2 seeds
 * of a 12-atom target on 8 x 8 gave an accelerated time's interval reaching below 0 s.
 * The plain / accelerated ratio needs no cut: its interval is the delta method on the log of the ratio,
 * ratio x exp(+-1.96 rel), > 0 by construction.
 */
export const TIME_BOUNDS: Bounds = { min: 0 };

/** "1.234e-3 s [1.000e-3, 1.468e-3]", with "(interval cut at 0 (physical bound))" after it when an end was cut. */
export function timeText(iv: BoundedInterval): string {
  const f = (x: number) => x.toExponential(3);
  return `${f(iv.mean)} s [${f(iv.lo)}, ${f(iv.hi)}]${iv.cut ? ` (${iv.cut})` : ''}`;
}

export interface ArmStats {
  /** time for the largest cluster to reach the target, s: mean with 95 % interval over seeds, cut at 0 (TIME_BOUNDS) */
  time: BoundedInterval;
  /** critical size from the MFPT fit, atoms, with bootstrap 95 % interval */
  nStar: number; nStarLo: number; nStarHi: number;
  reached: number;
  runs: number;
  /** mean events per run */
  events: number;
}

export interface AccelerationComparison {
  lambda_sites: number;
  theta1: number;
  reservoir: ArmStats;
  plain: ArmStats;
  /** plain mean time / reservoir mean time (= reservoir rate / plain rate) and its 95 % interval (delta method on the two means) */
  ratio: number; ratioLo: number; ratioHi: number;
  /** the stated estimate E(lambda, n*) at the plain arm's n* */
  estimate: number;
  /** plain events / reservoir events per run */
  speedup: number;
}

function arm(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, reservoir: boolean, seeds: readonly number[]): ArmStats {
  const runs = seeds.map((seed) => runAtomistic({ ...spec, reservoir, seed }));
  const ok = runs.filter((r) => r.reached);
  const est = ok.length > 2 ? estimateRate(runs, spec.target) : null;
  return {
    time: boundedInterval(ok.map((r) => r.time_s), TIME_BOUNDS),
    nStar: est?.nStar ?? NaN, nStarLo: est?.nStarLo ?? NaN, nStarHi: est?.nStarHi ?? NaN,
    reached: ok.length, runs: runs.length, events: runs.reduce((a, r) => a + r.events, 0) / runs.length,
  };
}

/** Runs the same box with the elimination on and off over the same seeds and compares them. */
export function compareAcceleration(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, seeds: readonly number[]): AccelerationComparison {
  const d = diffusionLength(spec);
  const res = arm(spec, true, seeds);
  const plain = arm(spec, false, seeds);
  const ratio = plain.time.mean / res.time.mean;
  // delta method: relative errors of the two independent means add in quadrature
  const rel = Math.sqrt((plain.time.se / plain.time.mean) ** 2 + (res.time.se / res.time.mean) ** 2);
  const z = 1.96;
  return {
    lambda_sites: d.lambda_sites, theta1: d.theta1, reservoir: res, plain,
    ratio, ratioLo: ratio * Math.exp(-z * rel), ratioHi: ratio * Math.exp(z * rel),
    estimate: captureErrorEstimate(d.lambda_sites, plain.nStar),
    speedup: plain.events / res.events,
  };
}

/** theta1 hop / k_red,I: sea arrivals per edge over direct reduction per explicit site (capture.ts
 * captureFactorAt); reduction onto the explicit sites of a host cluster carries no barrier shift
 * (a metal neighbour, atomistic.ts), the sea's reduction carries the host's. */
export function seaPerDirect(spec: Pick<AtomisticSpec, 'T_K' | 'eta_V' | 'k0_per_s' | 'alpha'>, d: { hop_per_s: number; theta1: number }): number {
  const redI = spec.k0_per_s * Math.exp((spec.alpha * spec.eta_V) / (CONST.kB_eV * spec.T_K));
  return (d.theta1 * d.hop_per_s) / redI;
}

/** f+ / k = theta1 (sum c) / a: the reservoir's attachment frequency at n* over the sea's loss rate, with
 * sum c (the set's edges to F) averaged over the runs at the whole size below n*. The quasi-static response
 * of capture.ts assumes f+ / k << 1; compareCapture and captureFactorOfRuns both report it. */
function attachPerLossAt(capture: (run: number, n: number) => SetCapture, runIdx: readonly number[], nStar: number, theta1: number, a: number): number {
  const lo = Math.max(2, Math.floor(nStar));
  const edges = runIdx.reduce((s, i) => s + capture(i, lo).edges, 0) / runIdx.length;
  return (theta1 * edges) / a;
}

/** A ratio with its 95 % interval. */
export interface RatioInterval { ratio: number; lo: number; hi: number }

export interface CaptureComparison {
  lambda_sites: number;
  theta1: number;
  /** box side, sites */
  L: number;
  /** MFPT fits (rate.ts) of each arm: critical size and box rate 1/tau_J (1/s) with bootstrap 95 % intervals */
  reservoir: { nStar: number; nStarLo: number; nStarHi: number; rate_per_s: number; reached: number; runs: number; events: number };
  plain: { nStar: number; nStarLo: number; nStarHi: number; rate_per_s: number; reached: number; runs: number; events: number };
  /** capture.ts factor at the reservoir's n*, on the periodic box (the prediction for this comparison) and on the infinite plane */
  E_box: number; E_plane: number;
  /** J_plain / (J_reservoir / E_box): 1 when the factor is right; bootstrap 95 % interval (both arms and E resampled) */
  corrected: RatioInterval;
  /** J_reservoir / J_plain, the uncorrected overestimate */
  raw: RatioInterval;
  /** plain / reservoir mean time to the target (the earlier measure), delta-method 95 % interval */
  time: RatioInterval;
  /** reservoir attachment frequency at n* over the sea's loss rate k: f+ / k = theta1 (sum c) / a; the
   * quasi-static response assumes the sea relaxes faster than the cluster changes (f+ / k << 1) */
  attachPerLoss: number;
  /** plain events / reservoir events per run */
  speedup: number;
  /** bootstrap resamples used */
  bootstrap: number;
}

/**
 * Runs the same box with the elimination on (clusters recorded) and off over the same seeds, fits
 * the MFPT of each arm, and compares the rates with and without the capture factor E of capture.ts.
 * Intervals: percentile bootstrap over runs (each arm resampled on its own, since the two arms' runs
 * share seeds but not trajectories; E recomputed on the resampled reservoir runs at the resampled n*).
 */
export function compareCapture(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, seeds: readonly number[], bootstrap = 200, bootstrapSeed = 1): CaptureComparison {
  const arms = captureArmSpecs(spec, seeds);
  return compareCaptureRuns(spec, arms.reservoir.map(runAtomistic), arms.plain.map(runAtomistic), bootstrap, bootstrapSeed);
}

/** The runs of compareCapture, one spec per seed and arm (the reservoir arm with spec.halo and its clusters
 * recorded, the plain arm without either), for a caller that runs them elsewhere (a worker pool). */
export function captureArmSpecs(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, seeds: readonly number[]): { reservoir: AtomisticSpec[]; plain: AtomisticSpec[] } {
  const { halo: _halo, ...plain } = spec;
  return {
    reservoir: seeds.map((seed) => ({ ...spec, reservoir: true, seed, recordClusters: true })),
    plain: seeds.map((seed) => ({ ...plain, reservoir: false, seed })),
  };
}

/**
 * compareCapture on runs already made (captureArmSpecs, in its order). With spec.halo = R >= 2 the
 * "reservoir" arm is the explicit halo of radius R and E is E_R of capture.ts (its net sea flux is
 * already (1 - p_ret,R) of the sea's; p_ret,R on the box, from that arm's own clusters).
 */
export function compareCaptureRuns(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, reservoirRuns: readonly AtomisticRun[], plainRuns: readonly AtomisticRun[], bootstrap = 200, bootstrapSeed = 1): CaptureComparison {
  const d = diffusionLength(spec);
  const a = lossPerHop(d.lambda_sites);
  const resRuns = reservoirRuns.filter((r) => r.reached);
  const plainOk = plainRuns.filter((r) => r.reached);
  if (resRuns.length < 3 || plainOk.length < 3) throw new Error(`compareCapture: too few runs reached ${spec.target} atoms (${resRuns.length} of ${reservoirRuns.length} reservoir, ${plainOk.length} of ${plainRuns.length} plain)`);
  const capBox = clusterCapture(resRuns, spec.L, a, true);
  const capPlane = clusterCapture(resRuns, spec.L, a, false);
  const haloRet = (spec.halo ?? 1) > 1 ? clusterHaloReturn(resRuns, spec.L, a, spec.halo!) : undefined;
  const sea = seaPerDirect(spec, d);
  const all = resRuns.map((_, i) => i);
  const fitOf = (runs: readonly AtomisticRun[]) => fitMfpt(mfptCurve(runs, spec.target));
  const fr = fitOf(resRuns), fp = fitOf(plainOk);
  const E_box = captureFactorAt(capBox, all, fr.nStar, sea, haloRet);
  const E_plane = captureFactorAt(capPlane, all, fr.nStar, sea, haloRet);
  const rng = new Rng(bootstrapSeed);
  const corr: number[] = [], raw: number[] = [], nr: number[] = [], np: number[] = [];
  for (let b = 0; b < bootstrap; b++) {
    const ri = resRuns.map(() => rng.int(resRuns.length));
    const pi = plainOk.map(() => rng.int(plainOk.length));
    const fb = fitOf(ri.map((i) => resRuns[i]!)), fq = fitOf(pi.map((i) => plainOk[i]!));
    const E = captureFactorAt(capBox, ri, fb.nStar, sea, haloRet);
    corr.push((E * fb.tauJ_s) / fq.tauJ_s);
    raw.push(fq.tauJ_s / fb.tauJ_s);
    nr.push(fb.nStar); np.push(fq.nStar);
  }
  const q = (v: number[], p: number) => { const s = [...v].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
  const tr = meanInterval(resRuns.map((r) => r.time_s)), tp = meanInterval(plainOk.map((r) => r.time_s));
  const rel = Math.sqrt((tp.se / tp.mean) ** 2 + (tr.se / tr.mean) ** 2);
  const timeRatio = tp.mean / tr.mean;
  const mean = (v: readonly { events: number }[]) => v.reduce((s, r) => s + r.events, 0) / v.length;
  return {
    lambda_sites: d.lambda_sites, theta1: d.theta1, L: spec.L,
    reservoir: { nStar: fr.nStar, nStarLo: q(nr, 0.025), nStarHi: q(nr, 0.975), rate_per_s: 1 / fr.tauJ_s, reached: resRuns.length, runs: reservoirRuns.length, events: mean(resRuns) },
    plain: { nStar: fp.nStar, nStarLo: q(np, 0.025), nStarHi: q(np, 0.975), rate_per_s: 1 / fp.tauJ_s, reached: plainOk.length, runs: plainRuns.length, events: mean(plainRuns) },
    E_box, E_plane,
    corrected: { ratio: (E_box * fr.tauJ_s) / fp.tauJ_s, lo: q(corr, 0.025), hi: q(corr, 0.975) },
    raw: { ratio: fp.tauJ_s / fr.tauJ_s, lo: q(raw, 0.025), hi: q(raw, 0.975) },
    time: { ratio: timeRatio, lo: timeRatio * Math.exp(-1.96 * rel), hi: timeRatio * Math.exp(1.96 * rel) },
    attachPerLoss: attachPerLossAt(capBox, all, fr.nStar, d.theta1, a),
    speedup: mean(plainRuns) / mean(resRuns),
    bootstrap,
  };
}

/** The reservoir arm alone (no plain kMC): the predicted factor E at its n*, for stating a prediction before the comparison runs
 * (E_box NaN when the box is not wider than 2 lambda). With spec.halo = R >= 2 the arm is the explicit halo and E is E_R
 * (capture.ts; E_plane then takes p_ret on the plane and p_ret,R on the box); `made`: that arm's runs already made (else they are run here). */
export function predictCapture(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, seeds: readonly number[], made?: readonly AtomisticRun[]): { lambda_sites: number; nStar: number; E_box: number; E_plane: number; attachPerLoss: number; reached: number; events: number } {
  const all = made ?? captureArmSpecs(spec, seeds).reservoir.map(runAtomistic);
  const runs = all.filter((r) => r.reached);
  const f = fitMfpt(mfptCurve(runs, spec.target));
  const d = diffusionLength(spec);
  const a = lossPerHop(d.lambda_sites);
  const R = spec.halo ?? 1;
  const haloRet = R > 1 ? clusterHaloReturn(runs, spec.L, a, R) : undefined;
  let plane: { E: number; attachPerLoss: number };
  if (R > 1) {
    // one plane capture for both (its p_ret solves are kept per run and size)
    const capPlane = clusterCapture(runs, spec.L, a, false), idx = runs.map((_, i) => i);
    plane = { E: captureFactorAt(capPlane, idx, f.nStar, seaPerDirect(spec, d), haloRet), attachPerLoss: attachPerLossAt(capPlane, idx, f.nStar, d.theta1, a) };
  } else plane = captureFactorOfRuns(spec, runs, f.nStar);
  // the box's own factor only where the box is what a comparison would run in (wider than 2 lambda);
  // in a production box far below lambda it is neither wanted nor well conditioned
  const E_box = spec.L > 2 * d.lambda_sites ? captureFactorAt(clusterCapture(runs, spec.L, a, true), runs.map((_, i) => i), f.nStar, seaPerDirect(spec, d), haloRet) : NaN;
  return { lambda_sites: d.lambda_sites, nStar: f.nStar, E_box, E_plane: plane.E, attachPerLoss: plane.attachPerLoss, reached: runs.length, events: all.reduce((s, r) => s + r.events, 0) / all.length };
}

/**
 * The capture factor E of capture.ts for reservoir runs already made (recorded with `recordClusters`;
 * those that did not reach the target are left out): the largest cluster's explicit set at the
 * fitted n* on the infinite plane (an electrode), with the spec's lambda and host reduction shift.
 * The production atomistic stage (index.ts) divides each overpotential's rate by it; predictCapture
 * states it before a comparison. No free parameter.
 */
export function captureFactorOfRuns(spec: Omit<AtomisticSpec, 'seed' | 'reservoir'>, runs: readonly AtomisticRun[], nStar: number): { E: number; lambda_sites: number; attachPerLoss: number } {
  const ok = runs.filter((r) => r.reached);
  if (!ok.length) throw new RangeError('capture: no run reached the target, so no cluster at n* to take the factor of');
  const d = diffusionLength(spec);
  const a = lossPerHop(d.lambda_sites);
  const all = ok.map((_, i) => i);
  const capPlane = clusterCapture(ok, spec.L, a, false);
  return { E: captureFactorAt(capPlane, all, nStar, seaPerDirect(spec, d)), lambda_sites: d.lambda_sites, attachPerLoss: attachPerLossAt(capPlane, all, nStar, d.theta1, a) };
}
