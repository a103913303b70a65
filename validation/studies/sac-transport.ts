/**
 * Session 28, second part of the review's "dendrite-free with SACs" (study sac-morphology is the first,
 * without an electrolyte field): does a Zn-N4 host shorten the longest protrusion when the deposit is
 * transport-limited? Li on graphene against graphene + Zn-N4 (3 %, random), paired seeds (SAC placement
 * has its own random stream), with the concentration field of examples/li-transport.yaml: 1 M LiPF6 in
 * EC/DMC, diffusion layer 50 um (limiting current 100 mA/cm2), 16 x 16 x 64 voxels of 100 nm (field
 * cells = voxels), built-in kinetics (surface hops on, unlike the transport-* studies, which switch them
 * off), plated 0.15 mAh/cm2 at 150 mA/cm2 in one step: past Sand's time (about 0.11 mAh/cm2) and short of
 * the box top (the example's 0.2 mAh/cm2 reaches it).
 * Quantity: SAC minus bare max - mean height; also rms roughness and porosity (reported).
 *
 * Pilot (seeds 101-103, not study seeds; build 138022e; 7-9 s of CPU per run, every run ended at its charge,
 * t_Sand 2.86-2.93 s, host coverage 0.86-0.90, porosity 0.36-0.41), SAC minus bare: max - mean height +118,
 * -226, -239 nm (bare 3187, 3402, 3621 nm; mean -116, sd 203); rms +20, +25, -88 nm (bare 1052-1141 nm);
 * porosity -0.009, +0.013, -0.033; t_Sand +0.02, +0.05, +0.01 s.
 * Seeds: the third-of-the-effect rule would need about 110 seeds (30 min of CPU); the time left before
 * 09:45 allows 30 (11-40, about 9 min of CPU): budget-limited, expected half-width about 76 nm.
 *
 * Claims, stated before the run (this file committed before it ran):
 *   Published (review): SAC minus bare max - mean height < 0, the 95 % interval below 0 (row
 *   sac-transport-protrusion; pass = interval's upper end < 0).
 *   Expected (mine): no resolvable difference: about -116 nm if the pilot's mean held, but its sign changes
 *   between seeds and the SAC sites change only the first layer, while past t_Sand the tips are set by the
 *   field; I expect an interval of about +-76 nm that contains 0, i.e. the claim not met. Reported whichever
 *   way: rms (expected interval containing 0) and porosity (expected interval containing 0).
 *   Control: a host-identical twin minus bare on seeds 11-13: every difference exactly 0 (pass = all 0).
 *
 * Third design (branch sandend, docs/history.md; claims restated before the rerun, this file committed before it ran).
 * Since branch saltneg the plates at 150 mA/cm2 (1.5 J_lim of the 50 um layer) ran out of salt at about 1.1 t_Sand (58
 * of 63 ended transport_limited): past Sand's time a front gets at most about J_lim unless its tips reach
 * h* = L (1 - J_lim / J), 16.7 um there, above the 6.4 um box, and the deposits compared were cut short. The cell is now
 * a 20 um diffusion layer (J_lim 250.6 mA/cm2) at 275 mA/cm2 (1.10 J_lim, h* = 1.8 um), 0.15 mAh/cm2: past that cell's
 * Sand time (onset about 1.26-1.31 s, the plate ends at 1.96 s) and carried there by the deposit's tips.
 * Pilot (seed 101, not a study seed): bare and SAC both at their charge (1.50 and 1.56 x their onsets); max - mean
 * 1494 nm bare, 1298 nm SAC (-196 nm); porosity 0.406 and 0.350.
 * Claims, restated: published (review) SAC minus bare max - mean height < 0, the 95 % interval below 0 (unchanged).
 * Expected (mine): not met, an interval containing 0 (one pilot seed at -196 nm; the earlier pilots' signs changed
 * between seeds); rms and porosity reported, intervals containing 0 expected; every plate at its charge expected (the
 * notes count the ends); the twin control exactly 0.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { simulate } from '../../src/simulation/simulate.js';
import { pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { hostTwin } from './sei-common.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => 11 + i);
const TWIN_SEEDS = [11, 12, 13];
const PLATE = 'Plate 0.15 mAh/cm2 at 275 mA/cm2';
type Arm = 'bare' | 'sac' | 'twin';
interface Deposit { protrusion: number; rms: number; porosity: number; sand_s: number }
/** how the plates ended, counted over the study's runs (the notes give it) */
const ended: Record<string, number> = {};

function deposit(arm: Arm, seed: number): Deposit {
  const run = parseRunInput({
    metal: 'Li', host: 'graphene', lattice: { size: [16, 16, 64], voxel: '100 nm' },
    ...(arm === 'bare' ? {} : { sacs: [{ site: 'Zn-N4', loading: '3 %', arrangement: 'random' }] }),
    electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', field_cell: '100 nm' },
    protocol: [PLATE], seed, output: { snapshots: false },
  });
  const m = simulate(arm === 'twin' ? hostTwin(run) : run).metrics;
  // branch saltneg: with no cell below zero salt a plate past t_Sand runs out of salt unless its tips reach
  // h* = L (1 - J_lim / J) and ends 'transport_limited' before its charge; the deposit is measured where it ended and the
  // ends are counted (branch sandend: at 1.1 J_lim of a 20 um layer every plate is expected at its charge)
  const end = m.steps_ended[0] ?? 'none';
  if (end !== 'charge' && end !== 'transport_limited') throw new Error(`${arm} seed ${seed}: step ended ${end}, not at its charge or out of salt`);
  ended[end] = (ended[end] ?? 0) + 1;
  const d = { protrusion: m.max_height_nm - m.mean_height_nm, rms: m.rms_roughness_nm, porosity: m.porosity, sand_s: m.transport?.sand_time_s ?? NaN };
  process.stderr.write(`sac-transport ${arm} seed ${seed}: ${JSON.stringify(d)}\n`);
  return d;
}

export const reportOnly = /^sac-transport-(rms|porosity)$/;

export const study: ValidationStudy = {
  id: 'sac-transport',
  title: 'A shorter longest protrusion on graphene + Zn-N4 when growth is transport-limited? (paired seeds)',
  run(): ValidationEntry[] {
    const bare = SEEDS.map((s) => deposit('bare', s));
    const sac = SEEDS.map((s) => deposit('sac', s));
    const twinDiffs = TWIN_SEEDS.flatMap((s) => {
      const t = deposit('twin', s), b = bare[SEEDS.indexOf(s)]!;
      return [t.protrusion - b.protrusion, t.rms - b.rms, t.porosity - b.porosity, t.sand_s - b.sand_s];
    });
    const f = (v: number) => (Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
    const mean = (xs: Deposit[], q: keyof Deposit) => xs.reduce((a, x) => a + x[q], 0) / xs.length;
    const runs = `seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]} paired (${SEEDS.length}); Li, graphene vs graphene + Zn-N4 3 % random, 16 x 16 x 64 voxels of 100 nm, LiPF6-EC-DMC, diffusion layer 20 um (J_lim 250.6 mA/cm2), ${PLATE}`;
    const sand = `t_Sand bare ${f(mean(bare, 'sand_s'))} s, SAC ${f(mean(sac, 'sand_s'))} s; plates ended: ${Object.entries(ended).map(([k, v]) => `${v} ${k}`).join(', ')}`;
    const EXPECTED: Record<'protrusion' | 'rms' | 'porosity', string> = { protrusion: 'interval containing 0 (sandend\'s pilot seed 101: -196 nm), every plate at its charge', rms: 'interval containing 0', porosity: 'interval containing 0' };
    const row = (q: 'protrusion' | 'rms' | 'porosity', quantity: string, unit: string): ValidationEntry => {
      const d = pairedInterval(sac.map((x) => x[q]), bare.map((x) => x[q]));
      const claim = q === 'protrusion';
      return {
        id: `sac-transport-${q}`, quantity: `${quantity}, graphene + Zn-N4 minus graphene, transport-limited (275 mA/cm2 = 1.1 J_lim of a 20 um layer, past t_Sand)`,
        published: claim ? '< 0 (review: SACs give a dendrite-free deposit)' : 'reported whichever way',
        source: 'review sections on nucleation and morphology; session 28', measured: d.mean, unit, interval: [d.lo, d.hi], runs,
        pass: claim ? d.hi < 0 : Number.isFinite(d.mean), ...(claim ? {} : { claim: false as const }),
        note: `bare ${f(mean(bare, q))} vs SAC ${f(mean(sac, q))}${unit ? ' ' + unit : ''}; ${sand}; ${claim ? 'claim: interval below 0; ' : ''}stated before the run: ${EXPECTED[q]}`,
      };
    };
    const worst = Math.max(...twinDiffs.map(Math.abs));
    return [
      row('protrusion', 'max - mean height (longest protrusion)', 'nm'),
      row('rms', 'rms roughness', 'nm'),
      row('porosity', 'porosity', ''),
      { id: 'sac-transport-twin', quantity: 'control: graphene + host-identical twin (3 %) minus graphene, transport-limited (max - mean, rms, porosity, t_Sand)',
        published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
        measured: worst, unit: '(largest |difference|)', runs: `seeds ${TWIN_SEEDS.join(', ')} (the bare runs above)`, pass: worst === 0,
        note: `${twinDiffs.length} paired differences; claim: every one exactly 0` },
    ];
  },
};
