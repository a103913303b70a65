/**
 * Must show 4 of issue 10 (dead metal rises at lower temperature and at higher current) at 100 nm voxels with enough
 * seeds to resolve it, in sei-dead-voxel's 0.8 um box and in a box of twice the width (session 55, branch deadroute).
 *
 * Why: deadfilm's fix (127d676a) moved sei-dead-voxel's 100 nm cold minus 25 degC difference from +0.546 [+0.198,
 * +0.894] to -0.033 [-0.341, +0.275] points (seeds 301-364), met -> not met, although the routes the fix touches
 * directly carry 0.01-0.13 of the 7-10 dead voxels per run (bench/dead-route.ts, docs/cycling-history.md "Which dead-metal route
 * the fix moved"). On fresh seeds 2001-2512 (512 pairs; bench/dead-route-results.json) the old rule gave -0.017 [-0.116,
 * +0.083] and the new +0.117 [+0.007, +0.227]; per-seed SD of the paired difference 1.15-1.27 points in the 0.8 um box
 * (8 x 8 voxels), 0.41-0.43 in the 1.6 um box (16 x 16, seeds 2001-2128: old +0.096 [+0.020, +0.171], new +0.066
 * [-0.006, +0.137]). So 64 pairs resolve only effects of 0.3 points or more, and the 100 nm effect is smaller than that.
 *
 * Question: at 100 nm, on the build with the fix, with 1,024 pairs in the 0.8 um box and 256 in the 1.6 um box (the same
 * total area), are the two comparisons above zero, does the box's width change them (a box-size effect, beyond the noise
 * per seed), and how do they compare with 50 nm (the next halving, 256 pairs in the 0.8 um box)?
 *
 * Set-up: sei-dead-voxel's (validation/studies/sei-dead-voxel.ts voxRun: Li||Cu, carbonate SEI, E_d 0.25 eV, i0(T), 2
 * cycles of 0.1 mAh/cm2 plated and stripped to 1 V; 25 degC 1 mA/cm2, -10 degC 1 mA/cm2, 25 degC 5 mA/cm2, the same seed
 * in the three arms). Boxes: 8 x 8 x 15 at 100 nm (0.8 x 0.8 x 1.5 um), 16 x 16 x 15 at 100 nm (1.6 x 1.6 x 1.5 um),
 * 16 x 16 x 30 at 50 nm (0.8 x 0.8 x 1.5 um). Seeds fresh (no study or bench has used 3001 and above): 3001-4024 in the
 * 0.8 um box at 100 nm, 3001-3256 in the 1.6 um box and at 50 nm. Paired Student-t 95 % intervals within a box
 * (pairedInterval); between boxes or voxels the runs share no trajectory: Welch's interval (welchInterval).
 * Cost (bench, loaded 2-core machine): 0.04 s a run in the 0.8 um box, 0.11 s in the 1.6 um box; 50 nm 0.3-1 s (one
 * seed timed, seed 301); about 13 min in all.
 *
 * Stated before the run (from the bench's seeds 2001-2512 and sei-dead-voxel's 50 nm row), must show 4's rule (pass:
 * interval above zero):
 * - 0.8 um box, 100 nm: cold minus 25 degC about +0.1 points, half-width about 0.08, interval above zero; 5 minus 1
 *   mA/cm2 about +0.15, above zero.
 * - 1.6 um box, 100 nm: cold about +0.07, half-width about 0.05, interval above zero (may touch zero); current about
 *   +0.13, above zero.
 * - 0.8 um box, 50 nm: cold about +0.3 (sei-dead-voxel: +0.306 [+0.210, +0.403]), current about +0.25, half-widths about
 *   0.05, above zero.
 * - reported (no claim): 1.6 minus 0.8 um box at 100 nm, within (-0.1, +0.1) for both comparisons (no box-size effect
 *   beyond the noise per seed); 50 minus 100 nm in the 0.8 um box, about +0.2 for the cold and +0.1 for the current,
 *   intervals above zero (the effect grows as the voxel halves from 100 to 50 nm).
 * What each outcome would mean: all 100 nm rows above zero: must show 4 holds at 100 nm too, smaller than at 50 and 25
 * nm, and sei-dead-voxel's 100 nm "not met" (64 pairs) is a want of seeds; a 100 nm row containing zero at 1,024 pairs:
 * at 100 nm the effect is below about 0.08 points, not resolvable at this voxel; a box difference outside (-0.1, +0.1):
 * the 0.8 um box's 8 x 8 voxels change the answer, not only its noise.
 * This header, with the study's code, was committed before any of the study's seeds was run.
 */
import { meanInterval, welchInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { fmt, condRuns, DEAD_COND } from './sei-common.js';
import { voxRun, type VoxelGrid, type VoxRun } from './sei-dead-voxel.js';

/** Rows that state no claim: the differences between boxes and between voxel sizes. */
export const reportOnly = /^sei-dead-box-.*-(box|halving)-/;

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
interface Arm extends VoxelGrid { key: string; box_um: number }
const ARMS: Arm[] = [
  { key: '100nm-0.8um', box_um: 0.8, voxel_nm: 100, n: 8, nz: 15, seeds: range(3001, 1024) },
  { key: '100nm-1.6um', box_um: 1.6, voxel_nm: 100, n: 16, nz: 15, seeds: range(3001, 256) },
  { key: '50nm-0.8um', box_um: 0.8, voxel_nm: 50, n: 16, nz: 30, seeds: range(3001, 256) },
];

interface ArmRuns { a: Arm; base: VoxRun[]; cold: VoxRun[]; fast: VoxRun[] }
const armRuns = (a: Arm): ArmRuns => condRuns(a, (g, c, s) => voxRun(g, DEAD_COND[c][0], DEAD_COND[c][1], s));

const dead = (rs: VoxRun[]) => rs.map((r) => r.dead * 100);
const effect = (x: VoxRun[], b: VoxRun[]) => dead(x).map((v, i) => v - dead(b)[i]!);
const iv = (x: { mean: number; lo: number; hi: number }) => `${fmt(x.mean)} [${fmt(x.lo)}, ${fmt(x.hi)}]`;

const STATED: Record<string, [string, string]> = {
  '100nm-0.8um': ['about +0.1 points, half-width about 0.08, above zero', 'about +0.15 points, above zero'],
  '100nm-1.6um': ['about +0.07 points, half-width about 0.05, above zero (may touch zero)', 'about +0.13 points, above zero'],
  '50nm-0.8um': ['about +0.3 points, half-width about 0.05, above zero', 'about +0.25 points, above zero'],
};

export function entries(all: ArmRuns[]): ValidationEntry[] {
  const out: ValidationEntry[] = [];
  const runs = (r: ArmRuns) => `seeds ${r.a.seeds[0]}-${r.a.seeds[r.a.seeds.length - 1]} paired, Li||Cu ${r.a.n} x ${r.a.n} x ${r.a.nz} x ${r.a.voxel_nm} nm (${r.a.box_um} x ${r.a.box_um} x 1.5 um), E_d 0.25 eV, 2 x 0.1 mAh/cm2 stripped to 1 V, carbonate SEI, i0(T)`;
  const eff = (r: ArmRuns, which: 'cold' | 'current') => effect(which === 'cold' ? r.cold : r.fast, r.base);
  for (const [which, words, pub] of [['cold', 'dead-metal fraction, -10 minus 25 degC, i0(T) (1 mA/cm2, 0.1 mAh/cm2)', '> 0 (more dead Li in the cold)'],
    ['current', 'dead-metal fraction, 5 minus 1 mA/cm2 (25 degC, 0.1 mAh/cm2)', '> 0 (more dead Li at high current)']] as const) {
    for (const r of all) {
      const e = eff(r, which), d = meanInterval(e);
      const arm = which === 'cold' ? r.cold : r.fast;
      out.push({
        id: `sei-dead-box-${which}-${r.a.key}`, quantity: `${words}, ${r.a.voxel_nm} nm voxels, ${r.a.box_um} um box`, published: pub,
        source: 'issue 10, must show 4; sei-dead-voxel\'s 100 nm arm with enough seeds, and a box of twice the width (session 55, deadroute)',
        measured: d.mean, unit: 'points', interval: [d.lo, d.hi], runs: runs(r), pass: d.lo > 0,
        note: `dead ${fmt(meanInterval(dead(arm)).mean)} % against ${fmt(meanInterval(dead(r.base)).mean)} % at 25 degC 1 mA/cm2; per-seed SD of the paired difference ${fmt(d.sd)} points; stated before the run: ${STATED[r.a.key]![which === 'cold' ? 0 : 1]}`,
      });
    }
    const [s8, s16, h50] = all as [ArmRuns, ArmRuns, ArmRuns];
    const wb = welchInterval(eff(s16, which), eff(s8, which));
    out.push({
      id: `sei-dead-box-${which}-box-1.6-0.8um`, quantity: `${words}: its value in the 1.6 um box minus in the 0.8 um box (100 nm voxels)`,
      published: 'reported (no published value): a box-size effect beyond the noise per seed would show as a Welch interval outside (-0.1, +0.1)',
      source: 'session 55 (deadroute): is sei-dead-voxel\'s 8 x 8 box too small?', measured: wb.mean, unit: 'points', interval: [wb.lo, wb.hi],
      runs: `${runs(s16)}; against ${runs(s8)}`, pass: Number.isFinite(wb.lo), claim: false,
      note: `1.6 um ${iv(meanInterval(eff(s16, which)))}, 0.8 um ${iv(meanInterval(eff(s8, which)))} points; stated before the run: within (-0.1, +0.1)`,
    });
    const wh = welchInterval(eff(h50, which), eff(s8, which));
    out.push({
      id: `sei-dead-box-${which}-halving-50-100nm`, quantity: `${words}: its value at 50 nm minus at 100 nm (0.8 um box)`,
      published: 'reported (no published value): how the effect changes from 100 to 50 nm with enough seeds at both',
      source: 'session 55 (deadroute): is the 100 nm arm under-resolved in seeds or smaller at that voxel?', measured: wh.mean, unit: 'points', interval: [wh.lo, wh.hi],
      runs: `${runs(h50)}; against ${runs(s8)}`, pass: Number.isFinite(wh.lo), claim: false,
      note: `50 nm ${iv(meanInterval(eff(h50, which)))}, 100 nm ${iv(meanInterval(eff(s8, which)))} points; stated before the run: ${which === 'cold' ? 'about +0.2' : 'about +0.1'}, above zero`,
    });
  }
  return out;
}

export const study: ValidationStudy = {
  id: 'sei-dead-box',
  title: 'Dead metal against temperature and current at 100 nm with 1,024 seed pairs, in the 0.8 and a 1.6 um box, and at 50 nm (carbonate SEI)',
  run(): ValidationEntry[] {
    return entries(ARMS.map(armRuns));
  },
};
