/**
 * Must show 2 (issue 10): Aurbach CE of Li||Cu with the carbonate SEI set in 90-99.5 %, and ether +
 * LiNO3 above carbonate (paired seeds). Li on Cu, 16 x 16 x 40 voxels of 100 nm, E_d 0.35 eV,
 * 1 mA/cm2, reservoir 0.2 mAh/cm2, 5 x 0.05 mAh/cm2, final strip to 1 V; seeds 1-8.
 *
 * Stated before the run (from exploratory seed-1 runs of this set-up while the model was built):
 * carbonate about 0.65-0.77, i.e. BELOW the 90 % the literature gives (dead metal ~15-25 % of the
 * plated charge, SEI ~10 %); ether + LiNO3 about 0.97; difference +0.2 with an interval excluding 0.
 * The SEI parameters were chosen before these runs and are not fitted to either number. (This
 * statement was written for the model with rate cracking; docs/cycling.md gives the history.)
 * This session's run adds film conduction (apps/events/sei.ts acceptFaradaic) and no change of
 * any carbonate number (none had a better source: params/sei.ts); stated before it: carbonate
 * within 2 points of the previous 89.7 %, i.e. still at the lower edge of 90-99.5 %.
 * Session 6 adds the same two measurements with torn-film conduction on (`torn_film_conduction:
 * true`, the opt-in root/neck-stripping mechanism of sei-dead-metal), nothing else changed. Stated
 * before the run (not looked at in this protocol; in the 0.1 mAh/cm2 cycling of sei-dead-metal,
 * seeds 1-3, torn films raised CE by about 1 point): carbonate about 91 %, inside 90-99.5 %;
 * ether + LiNO3 still above carbonate, by about +7 points.
 * Session 7: seeds 1-24 for every row instead of 1-8, nothing else changed (the carbonate interval
 * of seeds 1-8, [89.9, 90.5], touched the 90 % bound). At 25 degC the session's i0(T) changes
 * nothing, so seeds 1-8 rerun the previous trajectories. Stated before the run: carbonate within
 * 0.3 points of 90.2 %, interval about +-0.17 points (sqrt(3) narrower), so whether it clears 90 %
 * is open; torn films about 91.4 %; both differences as before (+8.5 and +7.4 points).
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { AURBACH, CALIBRATED, seiRun, seeds, fmt } from './sei-common.js';


export const study: ValidationStudy = {
  id: 'sei-aurbach',
  title: 'Aurbach CE with an SEI: carbonate vs ether + LiNO3 (Li||Cu)',
  run(): ValidationEntry[] {
    const S = seeds(24);
    const carb = S.map((seed) => seiRun({ seed, sei: 'carbonate', protocol: AURBACH }).summary);
    const nitr = S.map((seed) => seiRun({ seed, sei: 'ether-LiNO3', protocol: AURBACH }).summary);
    const ce = (s: typeof carb) => s.map((x) => x.aurbach?.ce_avg ?? NaN);
    const c = meanInterval(ce(carb)), d = pairedInterval(ce(nitr), ce(carb));
    const dead = meanInterval(carb.map((x) => x.dead_metal_fraction)), sei = meanInterval(carb.map((x) => x.sei_charge_fraction));
    const nDead = meanInterval(nitr.map((x) => x.dead_metal_fraction)), nSei = meanInterval(nitr.map((x) => x.sei_charge_fraction));
    const runs = 'seeds 1-24, 16 x 16 x 40 voxels of 100 nm, Li on Cu, 1 mA/cm2, Q_T 0.2 + 5 x 0.05 mAh/cm2';
    const tCarb = S.map((seed) => seiRun({ seed, sei: { set: 'carbonate', torn_film_conduction: true }, protocol: AURBACH }).summary);
    const tNitr = S.map((seed) => seiRun({ seed, sei: { set: 'ether-LiNO3', torn_film_conduction: true }, protocol: AURBACH }).summary);
    const tc = meanInterval(ce(tCarb)), td = pairedInterval(ce(tNitr), ce(tCarb));
    const tDead = meanInterval(tCarb.map((x) => x.dead_metal_fraction)), tSei = meanInterval(tCarb.map((x) => x.sei_charge_fraction));
    const runsT = `${runs}; torn-film conduction on`;
    return [
      {
        id: 'sei-aurbach-carbonate-torn', quantity: 'Aurbach CE, Li||Cu, carbonate SEI set, torn films conduct (root/neck stripping, opt-in)',
        published: '90-99.5 %', source: 'Li metal in carbonates (issue 10); mechanism: validation/studies/sei-dead-metal.ts',
        measured: tc.mean * 100, unit: '%', interval: [tc.lo * 100, tc.hi * 100], runs: runsT, pass: tc.mean >= 0.9 && tc.mean <= 0.995, calibrated: CALIBRATED.aurbachCarbonate,
        note: `of the plated charge: dead metal ${fmt(tDead.mean * 100)} % [${fmt(tDead.lo * 100)}, ${fmt(tDead.hi * 100)}], SEI-bound ${fmt(tSei.mean * 100)} % [${fmt(tSei.lo * 100)}, ${fmt(tSei.hi * 100)}]; stated before the run: about 91 %`,
      },
      {
        id: 'sei-aurbach-lino3-minus-carbonate-torn', quantity: 'Aurbach CE, ether + LiNO3 minus carbonate, torn films conduct (paired seeds)',
        published: '> 0 (ether + LiNO3 98-99 % vs carbonate ~90 %)', source: 'issue 10, must show 2',
        measured: td.mean * 100, unit: 'points', interval: [td.lo * 100, td.hi * 100], runs: runsT, pass: td.lo > 0, calibrated: CALIBRATED.aurbachLino3Sign,
        note: `ether + LiNO3 alone: ${fmt(meanInterval(ce(tNitr)).mean * 100)} %; stated before the run: about +7 points`,
      },
      {
        id: 'sei-aurbach-carbonate', quantity: 'Aurbach CE, Li||Cu, carbonate SEI set (LiPF6 in EC/DMC)',
        published: '90-99.5 %', source: 'Li metal in carbonates (issue 10; Adams et al., Adv. Energy Mater. 8, 1702097 (2018) for the protocol)',
        measured: c.mean * 100, unit: '%', interval: [c.lo * 100, c.hi * 100], runs, pass: c.mean >= 0.9 && c.mean <= 0.995, calibrated: CALIBRATED.aurbachCarbonate,
        note: `of the plated charge: dead metal ${fmt(dead.mean * 100)} % [${fmt(dead.lo * 100)}, ${fmt(dead.hi * 100)}], SEI-bound ${fmt(sei.mean * 100)} % [${fmt(sei.lo * 100)}, ${fmt(sei.hi * 100)}]; stated before the run: 65-77 %, below the published range`,
      },
      {
        id: 'sei-aurbach-lino3-minus-carbonate', quantity: 'Aurbach CE, ether + LiNO3 minus carbonate (paired seeds)',
        published: '> 0 (ether + LiNO3 98-99 % vs carbonate ~90 %)', source: 'issue 10, must show 2',
        measured: d.mean * 100, unit: 'points', interval: [d.lo * 100, d.hi * 100], runs, pass: d.lo > 0, calibrated: CALIBRATED.aurbachLino3Sign,
        note: `ether + LiNO3 alone: ${fmt(meanInterval(ce(nitr)).mean * 100)} %; dead ${fmt(nDead.mean * 100)} %, SEI-bound ${fmt(nSei.mean * 100)} %; stated before the run: about +20 points`,
      },
    ];
  },
};
