/**
 * The supervisor's question of review82 (finding 1), under the review's standard protocol: does Zn-N4 on graphene
 * lower the nucleation overpotential when 3 mAh/cm2 is plated at 3 mA/cm2? The README's tour runs it as
 * examples/standard-protocol-sac.yaml (one seed: bare 33.1, SAC 31.5 mV, -1.6 mV, seed 1 on e5664c95); this study
 * runs the same two cases over paired seeds.
 *
 * Runs (the example's settings): Li, 25 degC, 100 nm voxels, 50 x 50 x 200 (5 um x 5 um, 20 um tall), built-in Li set,
 * no electrolyte field, `Plate 3 mAh/cm2 at 3 mA/cm2` in one step from a bare host; bare graphene against graphene +
 * Zn-N4 3 % random; paired seeds 301-308 (8 seeds, not used before for these runs). The trace's sampling window is the
 * default, 1/200 of the step (0.015 mAh/cm2, 18 s): the peak is one window's average, coarser than the main job's
 * (README, "The review's standard protocol"). At the end the film is closed (one island per box): this study reads the
 * nucleation overpotential and the rms roughness only, not nuclei or SAC share.
 * Quantity: nucleation overpotential (peak minus plateau, metrics nucleation_overpotential_mV), SAC minus bare per
 * seed, Student t 95 % interval; reported: peak, plateau and rms roughness, SAC minus bare.
 *
 * Before the run (no pilot of my own beyond the example's seed 1; about 7.5 s of CPU a run, 8 seeds and one twin run
 * about 130 s): review82 measured -3.8 mV [-6.5, -1.1] over 4 paired seeds of the same two cases (its own files, seeds
 * 1-4, 2026-12-05: bare 34.0, SAC 30.2 mV) and an rms difference of +19 nm [-22.6, +60.7], not resolved.
 *
 * Claims, stated before the run (this file committed before it ran):
 *   Effect size, the hypothesis: -4 mV (review82's 4 seeds), much smaller than the -15.2 mV [-17.4, -13.0] of study
 *   sac-nucleation-paired at 3 mA/cm2 on 20 nm voxels, since the 100 nm voxels and the 18 s window average the first
 *   nuclei's dip away. Claim (review: SAC hosts lower the nucleation overpotential): SAC minus bare < 0, RESOLVED when
 *   the 95 % interval's upper end is below 0 (row sac-nucleation-standard-nuc: pass = hi < 0); an interval holding 0
 *   is "not resolved" and the README says so. Expected: about -4 mV [-7, -1].
 *   Reported whichever way (no claim): peak (expected about -4 mV), plateau (about 0: a closed film at 3 mA/cm2), rms
 *   roughness (expected an interval holding 0, as review82's).
 *   Control (MODEL.md 9): graphene + a host-identical twin of Zn-N4 (sei-common.ts hostTwin) minus bare graphene on
 *   seed 301: the nucleation overpotential, peak, plateau and rms exactly 0.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { hostTwin } from './sei-common.js';

const SEEDS = [301, 302, 303, 304, 305, 306, 307, 308];
const TWIN_SEED = 301;
type Arm = 'bare' | 'sac' | 'twin';
interface Reading { nuc: number; peak: number; plateau: number; rms: number }
const QUANTITIES = ['nuc', 'peak', 'plateau', 'rms'] as const;

/** One run of examples/standard-protocol-sac.yaml's settings: Li on graphene (bare, + Zn-N4 3 % random, or + its twin). */
function reading(arm: Arm, seed: number): Reading {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [50, 50, 200], voxel: '100 nm' }, host: 'graphene',
    ...(arm === 'bare' ? {} : { sacs: [{ site: 'Zn-N4', loading: '3 %', arrangement: 'random' }] }),
    protocol: ['Plate 3 mAh/cm2 at 3 mA/cm2'], seed, output: { snapshots: false },
  });
  const m = simulate(arm === 'twin' ? hostTwin(run) : run).metrics;
  if (m.steps_ended[0] !== 'charge') throw new Error(`${arm} seed ${seed}: step ended ${m.steps_ended[0]}, not at its charge`);
  const r = { nuc: m.nucleation_overpotential_mV, peak: m.peak_overpotential_mV, plateau: m.plateau_overpotential_mV, rms: m.rms_roughness_nm };
  process.stderr.write(`sac-nucleation-standard ${arm} seed ${seed}: ${JSON.stringify({ ...r, islands: m.island_count })}\n`);
  return r;
}

export const reportOnly = /^sac-nucleation-standard-(peak|plateau|rms)$/;

export const study: ValidationStudy = {
  id: 'sac-nucleation-standard',
  title: 'Does Zn-N4 on graphene lower the nucleation overpotential under the review\'s standard protocol? (paired seeds, 5 um box of 100 nm voxels)',
  run(): ValidationEntry[] {
    const bare = SEEDS.map((s) => reading('bare', s));
    const sac = SEEDS.map((s) => reading('sac', s));
    const twin = reading('twin', TWIN_SEED), b0 = bare[SEEDS.indexOf(TWIN_SEED)]!;
    const twinDiffs = QUANTITIES.map((q) => twin[q] - b0[q]);
    const f = (v: number) => v.toFixed(2);
    const mean = (xs: Reading[], q: keyof Reading) => xs.reduce((a, x) => a + x[q], 0) / xs.length;
    const runs = `seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]} paired (${SEEDS.length}); Li, graphene vs graphene + Zn-N4 3 % random, 50 x 50 x 200 of 100 nm, Plate 3 mAh/cm2 at 3 mA/cm2 (examples/standard-protocol-sac.yaml), one step`;
    const context = `bare ${f(mean(bare, 'nuc'))} vs SAC ${f(mean(sac, 'nuc'))} mV (peak ${f(mean(bare, 'peak'))} vs ${f(mean(sac, 'peak'))}, plateau ${f(mean(bare, 'plateau'))} vs ${f(mean(sac, 'plateau'))}; rms ${f(mean(bare, 'rms'))} vs ${f(mean(sac, 'rms'))} nm)`;
    const expected = { nuc: 'about -4 mV [-7, -1] (review82: -3.8 [-6.5, -1.1], 4 seeds)', peak: 'about -4 mV', plateau: 'about 0', rms: 'an interval holding 0 (review82: +19 nm [-22.6, +60.7])' };
    const names = { nuc: 'nucleation overpotential (peak minus plateau)', peak: 'peak |eta| of the plating', plateau: 'plateau |eta| of the plating', rms: 'rms roughness at the end' };
    const rows: ValidationEntry[] = QUANTITIES.map((q) => {
      const d = pairedInterval(sac.map((x) => x[q]), bare.map((x) => x[q]));
      const claim = q === 'nuc';
      return {
        id: q === 'nuc' ? 'sac-nucleation-standard-nuc' : `sac-nucleation-standard-${q}`,
        quantity: `${names[q]}, graphene + Zn-N4 (3 %) minus graphene, the review's standard protocol (3 mAh/cm2 at 3 mA/cm2, 50 x 50 x 200 of 100 nm)`,
        published: claim ? '< 0 (review: SAC hosts lower the nucleation overpotential)' : 'reported whichever way (review: SAC hosts lower the nucleation overpotential)',
        source: 'review, nucleation sections; review82 finding 1',
        measured: d.mean, unit: q === 'rms' ? 'nm' : 'mV', interval: [d.lo, d.hi], runs,
        pass: claim ? d.hi < 0 : Number.isFinite(d.mean),
        ...(claim ? {} : { claim: false as const }),
        note: `${context}; paired sd ${f(d.sd)}; ${claim ? 'claim: resolved when the interval is below 0; ' : ''}stated before the run: ${expected[q]}`,
      };
    });
    const worst = Math.max(...twinDiffs.map(Math.abs));
    rows.push({
      id: 'sac-nucleation-standard-twin', quantity: 'control: graphene + host-identical twin (3 %) minus graphene, nucleation overpotential, peak, plateau and rms, the standard protocol',
      published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
      measured: worst, unit: '(largest |difference|, mV or nm)', runs: `seed ${TWIN_SEED} (the bare run above)`,
      pass: worst === 0, note: `${twinDiffs.length} paired differences; claim: every one exactly 0`,
    });
    return rows;
  },
};
