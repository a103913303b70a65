/**
 * Must show 4, second half (issue 9; MODEL.md 8.1): past Sand's time the maximum height outruns
 * the mean height and the porosity rises well above v1's 13 % ceiling.
 *
 * Third design (branch sandend; docs/history.md, sandend). Until branch saltneg this study plated at 1.5 J_lim of a
 * 50 um layer and grew past t_Sand on salt the field owed; since saltneg those plates ran out of salt at about 1.1-1.2
 * x their onset. Measured before this design: with the field cell at the voxel (as here) every reduction site held 0
 * at the end and the box's top layer 0.12-0.16 c0: past Sand's time a flat front gets at most about J_lim, and a front
 * whose tips stand h above the host shortens the layer to L - h, so a plate at J goes on only once tips reach
 * h* = L (1 - J_lim / J): 16.7 um there, 2.6 times the box. The model has no field in the liquid (no space-charge
 * growth, Chazalviel); past Sand's time it has the diffusion route only, tips in fresher liquid (Bai et al. 2016).
 * So the plate runs where its tips can reach h* in the box: a 20 um diffusion layer (J_lim = F D c0 / ((1 - t+) L) =
 * 250.6 mA/cm2) at 275 mA/cm2 (1.10 J_lim, h* = 1.8 um), 0.2 mAh/cm2, 16 x 16 x 64 voxels of 100 nm, hops off.
 * Pilot (seeds 101-103, not study seeds): onsets 1.248-1.279 s (the finite layer's exact 1D time to the same 1 %
 * onset 1.054 s), every plate at its charge at 2.05-2.10 x its onset, highest tips 3.1-3.3 um, porosity 0.48-0.50.
 *
 * Claims, stated before the run (this file committed before it ran), seeds 1-4:
 *  (a) porosity with transport: 95 % interval above 0.13 (expected about 0.49);
 *  (b) max - mean height with minus without the field (same seeds), paired interval above 0;
 *  (c) past the onset max height grows faster than mean height: ratio of their growths, interval above 1;
 *  (d) the plate is carried past Sand's time: every seed reaches its charge and ends at >= 1.5 x its measured onset
 *      (expected 2.05-2.10);
 *  (e) control of the criterion: the same cell at 1.50 J_lim (375 mA/cm2, h* = 6.7 um, above the 6.4 um box) ends out
 *      of salt (transport_limited) short of its charge in every seed (pilot seed 101: at 1.27 x its onset);
 *  (f) Sand's onset in that control: measured / the finite layer's exact time to the same onset (1 % of c0),
 *      1 +- 0.15 (pilot 1.10). At 1.1 J_lim the onset moves about 4.6 % per 1 % of current density (a rough front's
 *      area moves it), a poorly conditioned test: reported in (f)'s note, no claim.
 *  (g) branch pulsesand: (e) did not hold (2 of 4; seeds 1 and 4 reached the 6.4 um box's top first, h* 6.6 um is above
 *      it), so the control again in a box above h*: 16 x 16 x 96 (9.6 um), fresh seeds 5-8, every plate out of salt
 *      short of its charge (sandend's probe in that box, seeds 1 and 4: out of salt at 1.11 and 1.18 x their onsets;
 *      pilot seed 101: at 1.38 x, tips 3.0 um). Expected met. (e) stays as it was, on record.
 * The onset is measured (first time the rate-weighted surface concentration is 1 % of c0) in a run of the same seed
 * that stops there: runs are deterministic, so it is the same history.
 */
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { excludesZero, meanInterval, pairedInterval } from '../../src/stats/interval.js';
import { sandTimeFiniteLayer_s } from '../../src/fields/report.js';
import { ELECTROLYTES, resolveElectrolyte } from '../../src/params/electrolytes.js';
import { transportRun, fmt, F } from './transport-common.js';

const SEEDS = [1, 2, 3, 4];
const LAYER = '20 um', LAYER_M = 20e-6, J = 275, J_CONTROL = 375; // mA/cm2
const PLATE = [`Plate 0.2 mAh/cm2 at ${J} mA/cm2`];
const CONTROL = [`Plate 0.2 mAh/cm2 at ${J_CONTROL} mA/cm2`];
/** branch pulsesand: the control in a box above its h* (6.6 um), fresh seeds */
const SEEDS_TALL = [5, 6, 7, 8], SIZE_TALL: [number, number, number] = [16, 16, 96];

export const study: ValidationStudy = {
  id: 'transport-growth',
  title: 'Transport-limited growth past Sand\'s time',
  run(): ValidationEntry[] {
    const el = resolveElectrolyte(ELECTROLYTES['LiPF6-EC-DMC']!);
    const jLim = (F * el.D_m2_per_s * el.c0_mol_per_m3) / ((1 - el.tPlus) * LAYER_M) / 10; // mA/cm2
    const hStar = (j: number) => LAYER_M * (1 - jLim / j) * 1e9; // nm
    const tOnset = (j: number) => sandTimeFiniteLayer_s(j / jLim, LAYER_M, el.D_m2_per_s, 0.01)!;
    const semi = (j: number) => (Math.PI / 4) * (LAYER_M * LAYER_M / el.D_m2_per_s) * (0.99 * jLim / j) ** 2;
    const por: number[] = [], porN: number[] = [], spreadT: number[] = [], spreadN: number[] = [], ratio: number[] = [];
    const carried: number[] = [], ends: string[] = [], tips: number[] = [], ctrlOut: string[] = [], ctrlRatio: number[] = [], onset11: number[] = [];
    for (const seed of SEEDS) {
      const atSand = transportRun(PLATE, seed, { stopAtSand: true, layer: LAYER });
      const full = transportRun(PLATE, seed, { layer: LAYER });
      const none = transportRun(PLATE, seed, { field: false });
      const ctrl = transportRun(CONTROL, seed, { layer: LAYER });
      const m = full.metrics, s = atSand.metrics, c = ctrl.metrics;
      por.push(m.porosity);
      porN.push(none.metrics.porosity);
      spreadT.push(m.max_height_nm - m.mean_height_nm);
      spreadN.push(none.metrics.max_height_nm - none.metrics.mean_height_nm);
      ratio.push((m.max_height_nm - s.max_height_nm) / Math.max(1e-9, m.mean_height_nm - s.mean_height_nm));
      const onset = s.transport!.sand_time_s!;
      carried.push(m.time_s / onset);
      ends.push(m.steps_ended[0] ?? 'none');
      tips.push(m.max_height_nm);
      onset11.push(onset / tOnset(J));
      ctrlOut.push(c.steps_ended[0] ?? 'none');
      ctrlRatio.push(c.transport!.sand_time_s! / tOnset(J_CONTROL));
      process.stderr.write(`  seed ${seed}: onset ${fmt(onset)} s (finite layer ${fmt(tOnset(J))}), at onset max/mean ${s.max_height_nm}/${fmt(s.mean_height_nm)} nm, ` +
        `end ${fmt(m.time_s)} s ${m.max_height_nm}/${fmt(m.mean_height_nm)} nm (${m.steps_ended.join(',')}), porosity ${fmt(m.porosity)} vs ${fmt(none.metrics.porosity)} without field; ` +
        `control ${J_CONTROL} mA/cm2: ${c.steps_ended.join(',')} at ${fmt(c.time_s)} s, ${fmt(c.charge_mAh_per_cm2)} mAh/cm2, onset ${fmt(c.transport!.sand_time_s!)} s (finite layer ${fmt(tOnset(J_CONTROL))})\n`);
    }
    // branch pulsesand: the control again in a box above h* (16 x 16 x 96, 9.6 um against h* 6.6 um), fresh seeds
    const tallOut: string[] = [], tallRatio: number[] = [], tallTips: number[] = [];
    for (const seed of SEEDS_TALL) {
      const t = transportRun(CONTROL, seed, { layer: LAYER, size: SIZE_TALL }).metrics;
      tallOut.push(t.steps_ended[0] ?? 'none'); tallTips.push(t.max_height_nm);
      tallRatio.push(t.time_s / (t.transport?.sand_time_s ?? NaN));
      process.stderr.write(`  control in the tall box, seed ${seed}: ${t.steps_ended.join(',')} at ${fmt(t.time_s)} s, ${fmt(t.charge_mAh_per_cm2)} mAh/cm2, onset ${fmt(t.transport?.sand_time_s ?? NaN)} s, tips ${t.max_height_nm} nm\n`);
    }
    const pi = meanInterval(por), di = pairedInterval(spreadT, spreadN), ri = meanInterval(ratio), ci = meanInterval(carried), si = meanInterval(ctrlRatio);
    const runs = `seeds ${SEEDS.join(',')}; 16x16x64 voxels of 100 nm, ${LAYER} layer (J_lim ${fmt(jLim, 4)} mA/cm2), ${J} mA/cm2 (${fmt(J / jLim)} J_lim), 0.2 mAh/cm2`;
    const ctrlRuns = `seeds ${SEEDS.join(',')}; the same cell at ${J_CONTROL} mA/cm2 (${fmt(J_CONTROL / jLim)} J_lim), 0.2 mAh/cm2`;
    const count = (xs: string[], k: string) => xs.filter((x) => x === k).length;
    const inf = meanInterval(onset11);
    return [
      { id: 'post-sand-porosity', quantity: 'porosity of the deposit past t_Sand (with transport)', published: '> 0.13 (v1 ceiling; porous/dendritic growth after Sand, Bai et al. 2016)', source: 'issue 9 must show 4',
        measured: pi.mean, unit: '', interval: [pi.lo, pi.hi], runs, pass: pi.lo > 0.13,
        note: `without the field the same seeds give porosity ${fmt(meanInterval(porN).mean)}; claim: interval above 0.13` },
      { id: 'post-sand-spread', quantity: 'max - mean height, with minus without transport (paired)', published: '> 0 (tip growth after Sand)', source: 'Chazalviel, PRA 42, 7355 (1990)',
        measured: di.mean, unit: 'nm', interval: [di.lo, di.hi], runs, pass: excludesZero(di) && di.mean > 0,
        note: `max - mean: ${fmt(meanInterval(spreadT).mean)} nm with, ${fmt(meanInterval(spreadN).mean)} nm without the field` },
      { id: 'post-sand-outrun', quantity: 'growth of max height / growth of mean height after t_Sand', published: '> 1', source: 'issue 9 must show 4',
        measured: ri.mean, unit: '', interval: [ri.lo, ri.hi], runs, pass: ri.lo > 1, note: 'heights at the measured onset and at the end of the same history' },
      { id: 'post-sand-carried', quantity: 'end of the plate / its measured onset (t_Sand), at 1.1 J_lim: carried past Sand\'s time by the tips', published: '>= 1.5 and every plate at its charge (the front reaches h* = L (1 - J_lim / J))', source: 'Bai et al., Energy Environ. Sci. 9, 3221 (2016); branch sandend',
        measured: ci.mean, unit: '', interval: [ci.lo, ci.hi], runs, pass: count(ends, 'charge') === SEEDS.length && Math.min(...carried) >= 1.5,
        note: `plates ended: ${ends.join(', ')}; highest tips ${tips.join(', ')} nm against h* ${fmt(hStar(J))} nm; claim: every plate at its charge, every ratio >= 1.5` },
      { id: 'post-sand-criterion', quantity: `control: the same cell at ${fmt(J_CONTROL / jLim)} J_lim (h* above the box): plates out of salt short of the charge, share`, published: '1 (a front that cannot reach h* = L (1 - J_lim / J) runs out of salt)', source: 'branch sandend',
        measured: count(ctrlOut, 'transport_limited') / SEEDS.length, unit: '', runs: ctrlRuns, pass: count(ctrlOut, 'transport_limited') === SEEDS.length,
        note: `ended: ${ctrlOut.join(', ')}; h* ${fmt(hStar(J_CONTROL))} nm, the box 6400 nm; claim: every one transport_limited` },
      { id: 'post-sand-onset', quantity: `t_Sand measured / the finite layer's exact time to the same onset (1 % of c0) at ${fmt(J_CONTROL / jLim)} J_lim`, published: '1 +- 0.15', source: 'Sand (1901); MODEL.md 8.1',
        measured: si.mean, unit: '', interval: [si.lo, si.hi], runs: ctrlRuns, pass: Math.abs(si.mean - 1) <= 0.15,
        note: `exact 1D time ${fmt(tOnset(J_CONTROL))} s (the semi-infinite formula to the same onset ${fmt(semi(J_CONTROL))} s); at ${fmt(J / jLim)} J_lim (the plates above) measured / exact ${fmt(inf.mean)} [${fmt(inf.lo)}, ${fmt(inf.hi)}], reported: there the onset moves about 4.6 % per 1 % of current density` },
      { id: 'post-sand-criterion-tall', quantity: `control in a box above h*: the same cell at ${fmt(J_CONTROL / jLim)} J_lim on 16x16x96 (9.6 um): plates out of salt short of the charge, share`, published: '1 (a front that cannot reach h* = L (1 - J_lim / J) runs out of salt)', source: 'branch sandend; branch pulsesand',
        measured: count(tallOut, 'transport_limited') / SEEDS_TALL.length, unit: '', runs: `seeds ${SEEDS_TALL.join(',')}; 16x16x96 voxels of 100 nm, ${LAYER} layer, ${J_CONTROL} mA/cm2, 0.2 mAh/cm2`, pass: count(tallOut, 'transport_limited') === SEEDS_TALL.length,
        note: `ended: ${tallOut.join(', ')} at ${tallRatio.map((x) => fmt(x)).join(', ')} x their onsets, highest tips ${tallTips.join(', ')} nm; h* ${fmt(hStar(J_CONTROL))} nm, the box 9600 nm; claim: every one transport_limited; expected: met (sandend's probe seeds 1, 4 at 1.11 and 1.18 x, pilot seed 101 at 1.38 x, tips 3.0 um)` },
    ];
  },
};
