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
 */
import { meanInterval, type Interval } from '../stats/interval.js';
import { CONST } from '../units.js';
import { runAtomistic, type AtomisticSpec } from './atomistic.js';
import { estimateRate } from './rate.js';

/** Diffusion length of a lone host adatom in sites, and the rates it comes from (1/s). */
export function diffusionLength(s: Pick<AtomisticSpec, 'T_K' | 'eta_V' | 'bond_eV' | 'hostBinding_eV' | 'terraceBarrier_eV' | 'nu_per_s' | 'k0_per_s' | 'alpha'>): { lambda_sites: number; hop_per_s: number; red_per_s: number; oxLone_per_s: number; theta1: number } {
  const kT = CONST.kB_eV * s.T_K;
  const red = s.k0_per_s * Math.exp((s.alpha * s.eta_V) / kT);
  const ox = s.k0_per_s * Math.exp((-(1 - s.alpha) * s.eta_V) / kT) * Math.exp((3 * s.bond_eV - s.hostBinding_eV) / kT);
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

export interface ArmStats {
  /** time for the largest cluster to reach the target, s: mean with 95 % interval over seeds */
  time: Interval;
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
    time: meanInterval(ok.map((r) => r.time_s)),
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
