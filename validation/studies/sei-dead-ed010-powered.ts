/**
 * Must show 4 of issue 10 (dead metal rises at lower temperature and at higher current, both with intervals that exclude
 * zero) in sei-dead-metal's E_d 0.10 eV arms and its torn-film arms, with the seed pairs the effect sizes at stake need
 * (session 55, branch poweredb). sei-dead-metal stays as measured; this study reruns those arms on fresh seeds, same
 * set-ups, nothing tuned (the style of sei-dead-powered, which did the same for the E_d 0.25 eV arms).
 *
 * Why: sei-dead-powered (powered10) met must show 4 in all six E_d 0.25 eV arms it powered (+0.07 to +0.20 points).
 * sei-dead-metal's E_d 0.10 eV cold arm reads the other way, resolved on 8 pairs: -10 minus 25 degC -0.292 [-0.566,
 * -0.017] points (dead 0.107 vs 0.399 %, SEI-bound 2.98 vs 5.03 %, area after plating 0.50 vs 0.32); its 5 minus
 * 1 mA/cm2 arm -0.143 [-0.427, +0.140] (dead 0.256 %, SEI-bound 3.48 %). If real, the claim holds only for a
 * slow-diffusion set-up. The torn-film arms (E_d 0.25 eV, opt-in torn_film_conduction): 0.1 mAh/cm2 cold +0.235
 * [-0.024, +0.495], current +0.271 [+0.069, +0.473] (8 pairs); 1 mAh/cm2 cold +0.082 [-0.101, +0.266], current +0.064
 * [-0.088, +0.216] (6 pairs).
 *
 * Per-seed SD of the paired difference from those records (SD = half-width x sqrt(n) / t(n-1)): E_d 0.10 eV cold 0.33,
 * current 0.34 (8 pairs); torn 0.1 mAh/cm2 cold 0.31, current 0.24 (8); torn 1 mAh/cm2 cold 0.175, current 0.145 (6).
 *
 * Effect sizes expected, and why. At E_d 0.10 eV surface diffusion is fast (about 20 hops per plated voxel at 25 degC,
 * sei-damkohler-wide) and compacts the deposit; the cold slows it by only exp(-0.10 eV / k (1/263 K - 1/298 K)) = 0.6
 * (about 12 hops per plated voxel: still compact), while it slows SEI formation (activation 0.4 eV) by about 8x. In this
 * set-up the dead metal is mostly necks sealed or cut where the SEI has formed, so the cold's slower SEI means less of
 * it, not more: the cold's slower diffusion does not ramify the deposit enough to make up for it (at E_d 0.25 eV, where
 * diffusion is all but absent at 25 degC too, the cold's extra roughness wins: +0.076 in sei-dead-powered). Expected:
 * cold about -0.2 points (the 8 pairs' -0.29 shrunk toward zero, as 8-pair readings shrank in sei-dead-powered),
 * interval below zero. 5 mA/cm2 gives the SEI a fifth of the time per plated layer (SEI-bound 3.48 vs 5.03 % on the
 * 8 pairs) with the deposit still compact: expected about -0.1 points, interval below zero (may touch zero).
 * Torn films (E_d 0.25 eV): the torn-film mechanism's own effect was about the same at 25 and -10 degC on 8 pairs
 * (-0.15 and -0.14 points), so the comparisons are expected near sei-dead-powered's whole-film figures: 0.1 mAh/cm2
 * cold and current about +0.08 and +0.10 (interval above zero, the cold may touch zero); 1 mAh/cm2 about +0.07 and
 * +0.09, above zero.
 *
 * Pairs for 80 % power with a two-sided 95 % interval (n = ((1.96 + 0.84) SD / effect)^2): E_d 0.10 eV cold about 21
 * at -0.2 (85 at -0.1), current about 91 at -0.1; torn 0.1 mAh/cm2 cold about 118 at +0.08, current about 45 at +0.10;
 * torn 1 mAh/cm2 cold about 49 at +0.07, current about 21 at +0.09. Chosen (budget under about 15 min wall at nice on
 * the loaded 2-core machine; timed one seed of each kind at nice, load 10-12: about 1.1 s for the three E_d 0.10 eV runs
 * of a seed, 1 s for the three torn 0.1 mAh/cm2 runs, 3.2 s for the three torn 1 mAh/cm2 runs): 128 pairs at E_d
 * 0.10 eV (seeds 7001-7128; 80 % power at 0.082 / 0.084 points), 128 torn at 0.1 mAh/cm2 (7001-7128; 80 % power at
 * 0.077 cold, 0.059 current), 64 torn at 1 mAh/cm2 (7001-7064; 0.061 cold, 0.051 current). Seeds from 7001 have not
 * been run in these set-ups (sei-dead-box uses 3001-4024, sei-dead-powered 5001-5192). Each seed runs at 25 degC
 * 1 mA/cm2, -10 degC 1 mA/cm2 and 25 degC 5 mA/cm2 (paired Student-t 95 % intervals, pairedInterval).
 * Set-ups (unchanged, sei-dead-metal's): Li||Cu, carbonate SEI, i0(T), 100 nm voxels, 2 cycles stripped to 1 V;
 * E_d 0.10 eV, 16 x 16 x 40, 2 x 0.1 mAh/cm2 (sei-common seiRun); torn: E_d 0.25 eV with `sei: { set: carbonate,
 * torn_film_conduction: true }`, 16 x 16 x 40 and 2 x 0.1 mAh/cm2, or 12 x 12 x 72 and 2 x 1 mAh/cm2 (thickSeiRuns).
 *
 * Stated before the run (the claim's rule: interval above zero):
 * - E_d 0.10 eV: cold about -0.2 points, half-width about 0.06, below zero; current about -0.1, half-width about 0.06,
 *   below zero (may touch zero).
 * - torn 0.1 mAh/cm2: cold about +0.08 (half-width about 0.055, may touch zero), current about +0.10 (half-width about
 *   0.04), above zero.
 * - torn 1 mAh/cm2: cold about +0.07 (half-width about 0.045), current about +0.09 (half-width 0.035), above zero.
 * What each outcome would mean: an E_d 0.10 eV arm below zero: a real counterexample, must show 4 fails where surface
 * diffusion is fast (the claim then holds for a slow-diffusion set-up only; said so in docs/cycling.md); an arm
 * containing zero with a half-width at or below the stated one: the effect there is below about 0.1 points, not shown
 * either way, and the 8-pair reading was mostly noise; an arm above zero: the 8-pair reading was noise and the claim
 * holds there too. For the torn arms: above zero, the claim holds with torn films and the old "not met" was a want of
 * seeds; below zero, a real exception.
 * This header, with the study's code, was committed before any of the study's seeds was run.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seiRun, thickSeiRuns, condRuns, DEAD_COND as COND, type DeadCond, POWERED_AS_STATED, deadClaimRows } from './sei-common.js';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const TORN = { set: 'carbonate', torn_film_conduction: true };
type Key = 'diffusing' | 'torn' | 'torn-1mAh';
interface Arm { key: Key; seeds: number[]; runs: string; stated: [string, string]; old: [string, string]; setup: string }
const ARMS: Arm[] = [
  { key: 'diffusing', seeds: range(7001, 128), setup: 'E_d 0.10 eV (surface diffusion alive), 0.1 mAh/cm2',
    runs: 'seeds 7001-7128 paired, Li||Cu 16 x 16 x 40 x 100 nm, carbonate SEI, E_d 0.10 eV, i0(T), 2 x 0.1 mAh/cm2 stripped to 1 V',
    stated: ['about -0.2 points, half-width about 0.06, below zero (a counterexample)', 'about -0.1 points, half-width about 0.06, below zero (may touch zero)'],
    old: ['sei-dead-metal seeds 1-8 -0.292 [-0.566, -0.017]', 'sei-dead-metal seeds 1-8 -0.143 [-0.427, +0.140]'] },
  { key: 'torn', seeds: range(7001, 128), setup: 'torn films conduct, E_d 0.25 eV, 0.1 mAh/cm2',
    runs: 'seeds 7001-7128 paired, Li||Cu 16 x 16 x 40 x 100 nm, E_d 0.25 eV, i0(T), 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI with torn-film conduction',
    stated: ['about +0.08 points, half-width about 0.055, above zero (may touch zero)', 'about +0.10 points, half-width about 0.04, above zero'],
    old: ['sei-dead-metal seeds 1-8 +0.235 [-0.024, +0.495]', 'sei-dead-metal seeds 1-8 +0.271 [+0.069, +0.473]'] },
  { key: 'torn-1mAh', seeds: range(7001, 64), setup: 'torn films conduct, E_d 0.25 eV, 1 mAh/cm2',
    runs: 'seeds 7001-7064 paired, Li||Cu 12 x 12 x 72 x 100 nm, E_d 0.25 eV, i0(T), 2 x 1 mAh/cm2 stripped to 1 V, carbonate SEI with torn-film conduction',
    stated: ['about +0.07 points, half-width about 0.045, above zero', 'about +0.09 points, half-width about 0.035, above zero'],
    old: ['sei-dead-metal seeds 1-6 +0.082 [-0.101, +0.266]', 'sei-dead-metal seeds 1-6 +0.064 [-0.088, +0.216]'] },
];

interface Run { dead: number; sei: number; ce: number; area: number }
function one(a: Arm, c: DeadCond, seed: number): Run {
  const [T, j] = COND[c];
  const r = a.key === 'torn-1mAh' ? thickSeiRuns([seed], TORN, T, j)[0]!
    : seiRun({ seed, sei: a.key === 'torn' ? TORN : 'carbonate', terraceBarrier_eV: a.key === 'torn' ? 0.25 : 0.1, T_degC: T, j_mA: j });
  return { dead: r.summary.dead_metal_fraction * 100, sei: r.summary.sei_charge_fraction * 100, ce: r.summary.average_ce * 100, area: r.surfaceArea };
}
type ArmRuns = { a: Arm } & Record<DeadCond, Run[]>;
const armRuns = (a: Arm): ArmRuns => condRuns(a, one);


export function entries(all: ArmRuns[]): ValidationEntry[] {
  return deadClaimRows(all, 'sei-dead-ed010-powered', 'issue 10, must show 4; sei-dead-metal\'s E_d 0.10 eV and torn-film arms with enough seeds (session 55, poweredb)',
    () => '', (a, i) => `the record it powers, ${POWERED_AS_STATED}: ${a.old[i]}`);
}

export const study: ValidationStudy = {
  id: 'sei-dead-ed010-powered',
  title: 'Dead metal against temperature and current in sei-dead-metal\'s E_d 0.10 eV and torn-film set-ups with powered seed counts (carbonate SEI)',
  run(): ValidationEntry[] {
    return entries(ARMS.map(armRuns));
  },
};
