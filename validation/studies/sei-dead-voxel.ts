/**
 * Must show 4 of issue 10 (dead metal rises at lower temperature and at higher current) against the
 * voxel size (session 51, branch deadvox). sei-dead-fine found both comparisons resolved with the
 * wrong sign at 25 nm voxels (cold -0.097 points [-0.109, -0.085], 5 mA/cm2 -0.051 [-0.063, -0.038],
 * 1.6 um box, seeds 1-80) and further from the claim at 20 nm; the dead pieces are 1.7-2.1 voxels on
 * average, made by three routes (necks cut by the back reaction while plating, sealed by SEI, cut
 * while stripping). A lattice of voxels cannot hold a neck thinner than one voxel, so the open
 * question is whether the sign belongs to the model's physics or to its voxel size.
 *
 * Question: does the sign of either comparison (-10 minus 25 degC at 1 mA/cm2; 5 minus 1 mA/cm2 at
 * 25 degC) change as the voxel edge halves at a constant physical box and charge: 100 -> 50 -> 25 ->
 * 12.5 nm (25 nm is sei-dead-fine's voxel, 12.5 nm its half; 20 -> 10 -> 5 nm at a box worth the
 * name costs far more than this study's budget: a halving costs 5-8x, measured below).
 *
 * Set-up (sei-dead-fine's but for the box): Li||Cu, carbonate SEI set (whole films, the default),
 * E_d 0.25 eV, i0(T), 2 cycles of 0.1 mAh/cm2 plated (485 nm) and stripped to 1 V, at 25 degC
 * 1 mA/cm2, -10 degC 1 mA/cm2 and 25 degC 5 mA/cm2. The same physical box at every voxel: 0.8 x 0.8 um
 * wide, 1.5 um tall: 8 x 8 x 15 at 100 nm, 16 x 16 x 30 at 50 nm, 32 x 32 x 60 at 25 nm, 64 x 64 x 120
 * at 12.5 nm (about 12 nuclei at 25 degC from sei-dead-fine's 18.8 /um2; half of sei-dead-fine's
 * box width, so the 12.5 nm runs fit the budget). Nothing is converted with the voxel (sei-dead-fine's
 * header lists why none needs to be: the film's metal per face is 3.9 nm / a, f = 0.31 at 12.5 nm,
 * below the cap of 1; rates per face and per second; hops (a0 / a)^4). Dead-metal fraction = dead
 * voxels at the end / metal plated; routes as sei-common.ts counts them (deadBySource), reported per
 * run and per 1,000 plated voxels (plated voxels grow 8x per halving at a constant box and charge).
 *
 * Seeds, paired within a voxel size (the same seed at 25 degC, -10 degC and 5 mA/cm2), fresh (no study
 * has used 301 and above; the pilot used 101-102): 301-364 at 100 and 50 nm (the coarse boxes hold
 * 5-40 dead voxels per run, so their noise is large and their runs cheap), 301-332 at 25 nm, 301-316
 * at 12.5 nm. Across voxel sizes the runs share no trajectory (the lattices differ), so a difference
 * between sizes is unpaired.
 *
 * Intervals (the existing studies' method, src/stats/interval.ts): paired Student-t 95 % interval of
 * the per-seed difference (pairedInterval) within a size; between two sizes, Welch's interval of the
 * difference of the two sizes' per-seed differences (welchInterval).
 *
 * What counts as a change, stated before the run:
 * - the sign of a comparison changes with the voxel if its paired interval lies above zero at one
 *   size and below zero at another; a size whose interval contains zero has no sign (unresolved);
 * - a halving changes a comparison if the Welch interval of (effect at a / 2 minus effect at a)
 *   excludes zero and its mean is at least 0.1 points in size (today's 25 nm cold effect).
 * Each per-size row keeps must show 4's rule (pass: interval above zero).
 *
 * Pilot (seeds 101-102, not used here; CPU per run on a loaded 2-core machine): per seed (three runs)
 * 1.5-2.1 s at 100 nm, 3.9-4.1 s at 50 nm, 8.4-8.6 s at 25 nm, 41 s at 12.5 nm (seed 101 only);
 * so this study is about 64 x 6 + 32 x 8.5 + 16 x 41 = 1,300 s, 22 min of one core.
 * Dead metal at 25 degC / -10 degC / 5 mA/cm2 (%): 100 nm 0.49 / 0.49 / 0.16 and 1.63 / 0.65 / 1.96;
 * 50 nm 0.59 / 1.15 / 0.86 and 1.35 / 0.94 / 1.15; 25 nm 1.20 / 0.97 / 0.95 and 1.16 / 1.12 / 0.91;
 * 12.5 nm (seed 101) 1.91 / 1.13 / 1.26. So cold minus 25 degC: 100 nm 0 and -0.98 points, 50 nm +0.55
 * and -0.41, 25 nm -0.23 and -0.04, 12.5 nm -0.78; 5 minus 1 mA/cm2: -0.33 and +0.33, +0.27 and -0.20,
 * -0.25 and -0.25, -0.65. Routes at 25 degC, seed 101 (back-reaction cuts / SEI seals / strip cuts per
 * run): 3 / 1 / 1 at 100 nm, 10 / 14 / 12 at 50 nm, 88 / 170 / 313 at 25 nm, 695 / 2410 / 4751 at
 * 12.5 nm (per plated voxel: cuts about constant from 25 to 12.5 nm, seals and strip cuts 1.8-1.9x);
 * at 12.5 nm cold 26 / 3394 / 2265, 5 mA/cm2 219 / 3021 / 2701. Mean dead cluster 1.0-1.8 voxels at
 * every size.
 *
 * Stated before the run (from the pilot):
 * - cold minus 25 degC: 100 nm about -0.3 points and 50 nm about 0, intervals containing zero (the
 *   coarse boxes' noise); 25 nm about -0.15, below zero; 12.5 nm about -0.7, below zero.
 * - 5 minus 1 mA/cm2: 100 nm and 50 nm about 0, containing zero; 25 nm about -0.25, below zero;
 *   12.5 nm about -0.6, below zero.
 * - halvings: 12.5 minus 25 nm about -0.5 points for both comparisons, below zero (a change by the
 *   rule above, away from the claim); 25 minus 50 nm about -0.2, may contain zero; 50 minus 100 nm
 *   containing zero.
 * - so: no change of sign among the resolved sizes (all below zero), the comparisons moving away
 *   from the claim as the voxel halves, and the dead fraction at 25 degC not converged in the voxel
 *   (about 1, 1, 1.2 and 1.9 % at 100, 50, 25 and 12.5 nm).
 * - routes: at every resolved size, cold and 5 mA/cm2 seal more and cut fewer by the back reaction and
 *   while stripping (as sei-dead-fine); per 1,000 plated voxels the seals and the strip cuts at 25 degC
 *   rise as the voxel halves.
 * What each outcome would mean:
 * - every resolved size below zero (no sign change), and the finer the further: the wrong sign is not
 *   a coarse-lattice artefact that refinement cures between 100 and 12.5 nm; it comes from the model's
 *   routes (which respond to the cold and the current in opposite directions), and a finer lattice
 *   will not meet must show 4; but with the dead fraction unconverged no size's figure is the model's
 *   converged answer.
 * - a finer size above zero where a coarser one is below: the sign is the voxel's, sei-dead-fine's
 *   result a resolution artefact, and must show 4 needs a study at finer voxels before any model change.
 * - the coarse sizes above zero and the fine ones below: the sign changes with the voxel, away from
 *   the claim as it shrinks; the coarse lattices' unresolved right-sign hints (sei-dead-cold's
 *   +0.12 points at 100 nm) are lattice effects.
 * - every interval containing zero at 12.5 nm, or the effect shrinking towards zero with each halving:
 *   not settled at these sizes; the next halving (6.25 nm) would be needed.
 * This header, with the study's code, was committed before any of the study's seeds was run.
 */
import { meanInterval, pairedInterval, welchInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seiRun, fmt, deadBySource, type DeadSource } from './sei-common.js';

const SOURCE_WORDS: Record<DeadSource, string> = { platingCut: 'cut by the back reaction during plating', seal: 'sealed by SEI', stripCut: 'cut during stripping' };
const KEYS: DeadSource[] = ['platingCut', 'seal', 'stripCut'];

/** Rows that state no claim: the between-size differences (the study's own question, reported whichever way they come out). */
export const reportOnly = /^sei-dead-voxel-.*-halving-/;

export interface VoxelGrid { voxel_nm: number; n: number; nz: number; seeds: number[] }
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
/** 0.8 x 0.8 x 1.5 um at every voxel */
export const GRIDS: VoxelGrid[] = [
  { voxel_nm: 100, n: 8, nz: 15, seeds: range(301, 64) },
  { voxel_nm: 50, n: 16, nz: 30, seeds: range(301, 64) },
  { voxel_nm: 25, n: 32, nz: 60, seeds: range(301, 32) },
  { voxel_nm: 12.5, n: 64, nz: 120, seeds: range(301, 16) },
];

/** What a run leaves for the table (the Simulation is dropped). */
export interface VoxRun { dead: number; plated: number; area: number; sei: number; src: Record<DeadSource, number>; clusters: number; clusterVoxels: number }

export function voxRun(g: VoxelGrid, T: number, j: number, seed: number): VoxRun {
  const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: 0.25, T_degC: T, j_mA: j, size: [g.n, g.n, g.nz], voxel_nm: g.voxel_nm,
    protocol: [{ repeat: 2, steps: [`Plate 0.1 mAh/cm2 at ${j} mA/cm2`, `Strip at ${j} mA/cm2 until 1 V`] }] });
  const rep = r.sim.sei!.report(r.sim.app);
  const clusters = rep.dead_clusters ?? 0;
  return {
    dead: r.summary.dead_metal_fraction, plated: r.summary.plated_voxels_total, area: r.surfaceArea, sei: r.summary.sei_charge_fraction,
    src: deadBySource(r), clusters, clusterVoxels: clusters * (rep.dead_cluster_mean_voxels ?? 0),
  };
}

export interface SizeRuns { g: VoxelGrid; base: VoxRun[]; cold: VoxRun[]; fast: VoxRun[] }
export function sizeRuns(g: VoxelGrid, seedList: number[] = g.seeds): SizeRuns {
  const arm = (T: number, j: number) => seedList.map((s) => voxRun(g, T, j, s));
  return { g, base: arm(25, 1), cold: arm(-10, 1), fast: arm(25, 5) };
}

const mean = (xs: number[], d = 3) => fmt(meanInterval(xs).mean, d);
const iv = (x: { mean: number; lo: number; hi: number }, d = 3) => `${fmt(x.mean, d)} [${fmt(x.lo, d)}, ${fmt(x.hi, d)}]`;
const perK = (r: VoxRun, k: DeadSource) => (1000 * r.src[k]) / Math.max(1, r.plated);

function describe(rs: VoxRun[]): string {
  const cl = rs.reduce((a, r) => a + r.clusters, 0), clv = rs.reduce((a, r) => a + r.clusterVoxels, 0);
  return `dead ${mean(rs.map((r) => r.dead * 100))} %, area after plating ${mean(rs.map((r) => r.area))}, SEI-bound ${mean(rs.map((r) => r.sei * 100))} %, ` +
    `${mean(rs.map((r) => r.plated))} voxels plated per run; ` +
    KEYS.map((k) => `${mean(rs.map((r) => r.src[k]))} ${SOURCE_WORDS[k]} (${mean(rs.map((r) => perK(r, k)))} per 1000 plated)`).join(', ') +
    ` (per run), mean dead cluster ${fmt(clv / Math.max(1, cl))} voxels`;
}

/** paired route differences, per run and per 1,000 plated voxels */
function routeDiffs(a: VoxRun[], b: VoxRun[]): string {
  return KEYS.map((k) => `${SOURCE_WORDS[k]} ${iv(pairedInterval(a.map((r) => r.src[k]), b.map((r) => r.src[k])))} per run, ` +
    `${iv(pairedInterval(a.map((r) => perK(r, k)), b.map((r) => perK(r, k))))} per 1000 plated`).join('; ');
}

const dead = (rs: VoxRun[]) => rs.map((r) => r.dead * 100);
const effect = (a: VoxRun[], b: VoxRun[]) => dead(a).map((x, i) => x - dead(b)[i]!);

export function entries(sizes: SizeRuns[]): ValidationEntry[] {
  const runs = (s: SizeRuns) => `seeds ${s.base.length > 0 ? `${s.g.seeds[0]}-${s.g.seeds[s.base.length - 1]}` : 'none'} paired, Li||Cu ${s.g.n} x ${s.g.n} x ${s.g.nz} x ${s.g.voxel_nm} nm (0.8 x 0.8 x 1.5 um), E_d 0.25 eV, 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI, i0(T)`;
  const STATED: Record<string, [string, string]> = {
    100: ['about -0.3 points, interval containing zero', 'about 0, interval containing zero'],
    50: ['about 0, interval containing zero', 'about 0, interval containing zero'],
    25: ['about -0.15 points, below zero', 'about -0.25 points, below zero'],
    12.5: ['about -0.7 points, below zero', 'about -0.6 points, below zero'],
  };
  const HALVING: Record<string, string> = { '50-100': 'containing zero', '25-50': 'about -0.2 points, may contain zero', '12.5-25': 'about -0.5 points, below zero (a change, away from the claim)' };
  const out: ValidationEntry[] = [];
  const COLD = 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2)', FAST = 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2)';
  for (const [which, words, pub] of [['cold', COLD, '> 0 (more dead Li in the cold)'], ['current', FAST, '> 0 (more dead Li at high current)']] as const) {
    sizes.forEach((s, i) => {
      const a = which === 'cold' ? s.cold : s.fast;
      const d = meanInterval(effect(a, s.base));
      out.push({
        id: `sei-dead-voxel-${which}-${s.g.voxel_nm}nm`, quantity: `${words}, ${s.g.voxel_nm} nm voxels, 0.8 um box`, published: pub,
        source: 'issue 10, must show 4; voxel halving at a constant box and charge (session 51)',
        measured: d.mean, unit: 'points', interval: [d.lo, d.hi], runs: runs(s), pass: d.lo > 0,
        note: `first: ${describe(a)}; second (25 degC, 1 mA/cm2): ${describe(s.base)}; routes, first minus second: ${routeDiffs(a, s.base)}; stated before the run: ${STATED[String(s.g.voxel_nm)]![which === 'cold' ? 0 : 1]}`,
      });
      const prev = sizes[i - 1];
      if (!prev) return;
      const pa = which === 'cold' ? prev.cold : prev.fast;
      const w = welchInterval(effect(a, s.base), effect(pa, prev.base));
      const key = `${s.g.voxel_nm}-${prev.g.voxel_nm}`;
      out.push({
        id: `sei-dead-voxel-${which}-halving-${key}`, quantity: `${words}: its value at ${s.g.voxel_nm} nm minus at ${prev.g.voxel_nm} nm (0.8 um box)`,
        published: 'the study\'s question (no published value): a change is a Welch interval excluding zero with |mean| >= 0.1 points',
        source: 'session 51 (branch deadvox): is the sign of must show 4 the voxel\'s?',
        measured: w.mean, unit: 'points', interval: [w.lo, w.hi], runs: `${runs(s)}; against ${runs(prev)}`, pass: Number.isFinite(w.lo), claim: false,
        note: `${s.g.voxel_nm} nm ${iv(meanInterval(effect(a, s.base)))} points, ${prev.g.voxel_nm} nm ${iv(meanInterval(effect(pa, prev.base)))}; ` +
          `${Math.abs(w.mean) >= 0.1 && (w.lo > 0 || w.hi < 0) ? 'a change by the stated rule' : 'no change by the stated rule'}; stated before the run: ${HALVING[key]}`,
      });
    });
  }
  return out;
}

export const study: ValidationStudy = {
  id: 'sei-dead-voxel',
  title: 'Dead metal against temperature and current as the voxel halves, 100 to 12.5 nm (0.8 um box, carbonate SEI)',
  run(): ValidationEntry[] {
    return entries(GRIDS.map((g) => sizeRuns(g)));
  },
};
