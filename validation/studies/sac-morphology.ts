/**
 * The review's central morphology claim: single atoms make nucleation uniform and the deposit therefore
 * smoother, more compact and dendrite-free (review, Zn-MXene "smooth surface during the initial plating
 * stage"; SANi-NG smooth at 0.5 mAh/cm2 where bare graphene is "bumpy"). Until session 28 the project
 * read this from ONE seed of the main job (rms 31.9 vs 35.7 nm). Here: Li on graphene against graphene +
 * Zn-N4 (3 %, random), the main job's settings (25 degC, 20 nm voxels, 32 x 32 columns, 1 mA/cm2, built-in
 * Li set, no electrolyte field), paired seeds (SAC placement has its own random stream of the seed, so
 * the SAC run and the bare run share every other draw's stream), plated in one step to three charges:
 *   thin        0.004 mAh/cm2, 32 x 32 x 24 (the main job itself; mean height 19 nm, isolated islands)
 *   coalescing  0.04 mAh/cm2 (10x), 32 x 32 x 64 (mean height about 190 nm, host coverage about 0.7)
 *   thick       0.1 mAh/cm2 (25x), 32 x 32 x 64 (mean height 478 nm, a closed film: coverage 1)
 * Each stage is its own run from a bare host (a protocol of several steps is not the same run: a step
 * boundary changes the trajectory; pilot seed 101, bare graphene, 0.004 + 0.036 + 0.06 mAh/cm2 gave rms
 * 18.6 nm at 0.1 against 6.87 nm plated in one step).
 * Quantities, SAC minus bare (paired): rms roughness; max - mean height (the longest protrusion);
 * porosity; specific surface area (metal-electrolyte faces per metal voxel); host coverage (thin and
 * coalescing). Li on Cu is not run: its parameters are graphene's (identical rows in the main job).
 *
 * Pilot (seeds 101-103, not study seeds; build 1e27553; per run 2-4 s of CPU thin, 15-20 s coalescing,
 * 22-28 s thick), SAC minus bare:
 *   rms          thin -4.40, -0.64, +0.27 nm (mean -1.59, sd 2.47); coalescing -10.4, -28.9, -26.6 nm
 *                (mean -22.0, sd 10.1); thick -0.20, -0.05, -0.13 nm (mean -0.13, sd 0.075; bare rms 6.8-7.2 nm)
 *   max - mean   thin -20, 0, 0 nm; coalescing -18.6, -40.4, -37.2 nm; thick 0, 0, +0.1 nm
 *   porosity     thin 0 (every run); coalescing -0.007, +0.002, -0.014; thick 0, 0, -0.0002
 *   surface      thin +0.116, +0.112, +0.081 (SAC deposits have MORE surface: more, smaller islands);
 *                coalescing -0.030, -0.013, +0.001; thick +0.0001, -0.0004, -0.0009
 *   coverage     thin +0.058, +0.021, +0.007; coalescing +0.046, +0.091, +0.116
 * Seeds: chosen so that the paired interval's half-width is about a third of the pilot's rms effect:
 * thin 90 seeds (11-100: half-width about 0.52 nm from sd 2.47), coalescing and thick 14 seeds (11-24:
 * about 5.8 nm and 0.043 nm). About 1900 s of CPU in all (the ~40 min budget was not the limit).
 *
 * Claims, stated before the run (this file committed before it ran):
 *   Published (review), each stage: SAC minus bare rms < 0, the 95 % interval below 0 (rows
 *   sac-morphology-rms-*: pass = interval's upper end < 0).
 *   Expected from the pilot: thin about -1.6 nm [-2.1, -1.1]; coalescing about -22 nm [-28, -16]; thick
 *   about -0.13 nm [-0.17, -0.09]. At the thick stage I state in advance that a difference under 1 nm
 *   (5 % of a voxel; both films are flat to within a voxel) is no smoother deposit in any sense the 20 nm
 *   lattice resolves: if the interval is below 0 but above -1 nm, the docs say "met in sign, negligible
 *   in size", not "reproduced". Expected: the SAC host is smoother while the islands coalesce (more,
 *   smaller islands cover the host sooner), and the difference all but vanishes once the film is closed.
 *   Reported whichever way (no claim: rows with claim false): max - mean height (expected thin about -7 nm,
 *   interval containing 0 or near it; coalescing about -32 nm, below 0; thick 0), porosity (thin 0;
 *   coalescing about -0.006, interval containing 0 possible; thick 0), specific surface area (thin about
 *   +0.10, above 0: the review's "smoother" does not mean less surface early on; coalescing about -0.014;
 *   thick about 0), host coverage (thin about +0.03, coalescing about +0.08, both above 0).
 *   Control (MODEL.md 9): graphene + a host-identical twin of Zn-N4 (sei-common.ts hostTwin: graphene's
 *   own binding, reduction shift and terrace barrier) minus bare graphene on seeds 11-13 at each stage:
 *   every quantity above exactly 0 (the twin gives the bare run bit for bit since session 8).
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { hostTwin } from './sei-common.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
export const STAGES = [
  { name: 'thin', capacity: 0.004, nz: 24, seeds: range(11, 100), what: '0.004 mAh/cm2 (the main job), 32 x 32 x 24' },
  { name: 'coalescing', capacity: 0.04, nz: 64, seeds: range(11, 24), what: '0.04 mAh/cm2 (10x, islands coalescing), 32 x 32 x 64' },
  { name: 'thick', capacity: 0.1, nz: 64, seeds: range(11, 24), what: '0.1 mAh/cm2 (25x, a closed film), 32 x 32 x 64' },
] as const;
export type Stage = typeof STAGES[number];
const TWIN_SEEDS = [11, 12, 13];
export type Arm = 'bare' | 'sac' | 'twin';

export interface Deposit { rms: number; protrusion: number; porosity: number; ssa: number; coverage: number; nuclei: number; mean: number }
const QUANTITIES = ['rms', 'protrusion', 'porosity', 'ssa', 'coverage'] as const;

/** One run of a stage on one host (also study sac-voids'; `tag` names the study in the progress line). */
export function deposit(stage: Stage, arm: Arm, seed: number, tag = 'sac-morphology'): Deposit {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [32, 32, stage.nz], voxel: '20 nm' }, host: 'graphene',
    ...(arm === 'bare' ? {} : { sacs: [{ site: 'Zn-N4', loading: '3 %', arrangement: 'random' }] }),
    protocol: [`Plate ${stage.capacity} mAh/cm2 at 1 mA/cm2`], seed, output: { snapshots: false },
  });
  const m = simulate(arm === 'twin' ? hostTwin(run) : run).metrics;
  if (m.steps_ended[0] !== 'charge') throw new Error(`${stage.name} ${arm} seed ${seed}: step ended ${m.steps_ended[0]}, not at its charge`);
  const d = { rms: m.rms_roughness_nm, protrusion: m.max_height_nm - m.mean_height_nm, porosity: m.porosity, ssa: m.specific_surface_area,
    coverage: m.host_coverage, nuclei: m.nucleus_density_per_um2, mean: m.mean_height_nm };
  // progress on stderr: a stopped run still leaves every finished deposit in the log
  process.stderr.write(`${tag} ${stage.name} ${arm} seed ${seed}: ${JSON.stringify(d)}\n`);
  return d;
}

export const reportOnly = /^sac-morphology-(protrusion|porosity|ssa|coverage)-/;

export const study: ValidationStudy = {
  id: 'sac-morphology',
  title: 'A smoother, more compact Li deposit on graphene + Zn-N4 than on graphene? (paired seeds, three thicknesses)',
  run(): ValidationEntry[] {
    const rows: ValidationEntry[] = [];
    const f = (v: number) => (Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
    const twinDiffs: number[] = [];
    for (const stage of STAGES) {
      const bare = stage.seeds.map((s) => deposit(stage, 'bare', s));
      const sac = stage.seeds.map((s) => deposit(stage, 'sac', s));
      for (const s of TWIN_SEEDS) {
        const twin = deposit(stage, 'twin', s), b = bare[stage.seeds.indexOf(s)]!;
        for (const q of [...QUANTITIES, 'nuclei', 'mean'] as const) twinDiffs.push(twin[q] - b[q]);
      }
      const seeds = `seeds ${stage.seeds[0]}-${stage.seeds[stage.seeds.length - 1]} paired (${stage.seeds.length})`;
      const runs = `${seeds}; Li, graphene vs graphene + Zn-N4 3 % random, 20 nm voxels, ${stage.what}, 1 mA/cm2, one step`;
      const mean = (xs: Deposit[], q: keyof Deposit) => xs.reduce((a, x) => a + x[q], 0) / xs.length;
      const context = `bare ${f(mean(bare, 'rms'))} vs SAC ${f(mean(sac, 'rms'))} nm rms; mean height ${f(mean(bare, 'mean'))} vs ${f(mean(sac, 'mean'))} nm; host coverage ${f(mean(bare, 'coverage'))} vs ${f(mean(sac, 'coverage'))}; nuclei ${f(mean(bare, 'nuclei'))} vs ${f(mean(sac, 'nuclei'))} /um2`;
      const row = (q: typeof QUANTITIES[number], quantity: string, unit: string, expected: string): ValidationEntry => {
        const d = pairedInterval(sac.map((x) => x[q]), bare.map((x) => x[q]));
        const claim = q === 'rms';
        return {
          id: `sac-morphology-${q}-${stage.name}`, quantity: `${quantity}, graphene + Zn-N4 minus graphene, ${stage.name} (${stage.capacity} mAh/cm2)`,
          published: claim ? '< 0 (review: SACs give a smoother deposit)' : 'reported whichever way (review: smoother, more compact, dendrite-free)',
          source: 'review sections on nucleation and morphology (Zn-MXene, SANi-NG); session 28',
          measured: d.mean, unit, interval: [d.lo, d.hi], runs,
          pass: claim ? d.hi < 0 : Number.isFinite(d.mean),
          ...(claim ? {} : { claim: false as const }),
          note: `${claim ? '' : `bare ${f(mean(bare, q))} vs SAC ${f(mean(sac, q))}${unit ? ' ' + unit : ''}; `}${context}; ${claim ? 'claim: interval below 0; ' : ''}stated before the run: ${expected}`,
        };
      };
      const exp = {
        thin: { rms: 'about -1.6 nm [-2.1, -1.1]', protrusion: 'about -7 nm, interval near or containing 0', porosity: '0', ssa: 'about +0.10, above 0', coverage: 'about +0.03, above 0' },
        coalescing: { rms: 'about -22 nm [-28, -16]', protrusion: 'about -32 nm, below 0', porosity: 'about -0.006, may contain 0', ssa: 'about -0.014', coverage: 'about +0.08, above 0' },
        thick: { rms: 'about -0.13 nm [-0.17, -0.09]; under 1 nm in size = negligible (a closed film flat to a voxel)', protrusion: 'about 0', porosity: 'about 0', ssa: 'about 0', coverage: 'not reported (1 on both)' },
      }[stage.name];
      rows.push(row('rms', 'rms roughness', 'nm', exp.rms));
      rows.push(row('protrusion', 'max - mean height (longest protrusion)', 'nm', exp.protrusion));
      rows.push(row('porosity', 'porosity', '', exp.porosity));
      rows.push(row('ssa', 'specific surface area (faces per metal voxel)', '', exp.ssa));
      if (stage.name !== 'thick') rows.push(row('coverage', 'host coverage', '', exp.coverage));
    }
    const worst = Math.max(...twinDiffs.map(Math.abs));
    rows.push({
      id: 'sac-morphology-twin', quantity: 'control: graphene + host-identical twin (3 %) minus graphene, every quantity above at every stage',
      published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
      measured: worst, unit: '(largest |difference|)',
      runs: `seeds ${TWIN_SEEDS.join(', ')} at each of the three stages (the bare runs above)`,
      pass: worst === 0,
      note: `${twinDiffs.length} paired differences (rms, max - mean, porosity, surface, coverage, nuclei, mean height); claim: every one exactly 0 (SAC placement has its own random stream, so a twin is the bare run bit for bit)`,
    });
    return rows;
  },
};
