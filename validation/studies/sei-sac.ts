/**
 * Must show 5 and 6 (issue 10): SAC host vs bare host under the review's test conditions
 * (1 mA/cm2, 1 mAh/cm2), and the active-site fraction of a Zr-like vs a Mn-like SAC.
 *
 * 5. Li||Cu-type cycling on graphene vs graphene + 10 % Zn-N4 (random), carbonate SEI set, 100 nm
 *    voxels (1 mAh/cm2 = 48 layers), 12 x 12 x 72, E_d 0.25 eV, 2 cycles of 1 mAh/cm2 at 1 mA/cm2,
 *    strip to 1 V; paired seeds 1-6. Nothing in the SEI parameters depends on the SAC except the
 *    documented salt-decomposition share (SEI formed next to an active SAC is inorganic-rich) and
 *    the SAC's Li binding/reduction shift (nucleation). Stated before the run: no resolvable
 *    difference expected (|dCE| < 1 point): SACs sit under the deposit after the first layer, so
 *    they touch only the first SEI that forms.
 *    The symmetric-cell comparison of the issue is not run (see docs/cycling.md).
 *    Control (MODEL.md section 9, added in session 6 before its first run): the same runs with every
 *    Zn-N4 replaced by a host-identical twin (sei-common.ts hostTwin: graphene's binding, reduction
 *    shift, terrace barrier and inorganic SEI share, no distortion), same loading and arrangement.
 *    Claim: the paired intervals of twin minus bare graphene, CE and dead metal, contain 0.
 * 6. Graphene + 50 % Zr-N4 vs + 50 % Mn-N4, 12 x 12 x 30, 3 cycles of 0.05 mAh/cm2 at 1 mA/cm2,
 *    SEI formation off (formation_rate 0, fresh_fraction 0) so that only distortion deactivates;
 *    paired seeds 1-8. Stated before the first run (session 6): lost fraction ~ 1 - (1 - 0.103)^3 = 28 % of the
 *    sites plated on (Zr) vs ~1.5 % (Mn). That was in another denominator than the measured figure (% of all
 *    sites) and assumed a draw in each of the 3 plating steps, so it cannot be compared with it (review78).
 *    Restated by mends99 before its rerun, in the measured denominator, for the rule of mends99 (a draw per plating
 *    event on the site, not per step): the 72 sites (50 % of 144) are all plated on in the first plate; a Zr site
 *    keeps its Li through the strip to 1 V, so about one plating event per site in all (seed 1, old rule: 72 sites
 *    plated on in plate 1, 2 in each later plate): Zr loses ~ 0.103 x 1.05 = ~11 % of all sites (one seed's
 *    binomial sd ~4 points); a Mn site, bare, exchanges Li, ~2.75 plating events per site per plate (seed 1, a
 *    plate at the same E_d, old rule), so 1 - 0.995^2.75 = 1.4 % if only the first plate finds it bare, up to
 *    1 - 0.995^8.25 = 4 % if every plate does: Mn ~1.4-4 % of all sites, Zr minus Mn ~ +7 to +10 points.
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { CALIBRATED, seiRun, seeds, fmt } from './sei-common.js';

/** Rows that state no claim (ValidationEntry.claim false): the SAC-minus-host differences, reported whichever way (issue 10). */
export const reportOnly = /^sei-sac-(ce|dead)$/;

export const study: ValidationStudy = {
  id: 'sei-sac',
  title: 'SAC vs bare host with an SEI; SAC stability (Zr-like vs Mn-like)',
  run(): ValidationEntry[] {
    const S = seeds(6);
    const proto = [{ repeat: 2, steps: ['Plate 1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }];
    const common = { sei: 'carbonate', host: 'graphene', terraceBarrier_eV: 0.25, protocol: proto, size: [12, 12, 72] as [number, number, number] };
    const inorganic: [number[], number[]] = [[], []];
    const keep = (k: 0 | 1) => (r: ReturnType<typeof seiRun>) => { inorganic[k].push(r.sim.sei!.report(r.sim.app).sei_inorganic_fraction!); return r.summary; };
    const bare = S.map((seed) => keep(0)(seiRun({ ...common, seed })));
    const sac = S.map((seed) => keep(1)(seiRun({ ...common, seed, sacs: [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }] })));
    const twin = S.map((seed) => seiRun({ ...common, seed, sacs: [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }], twin: true }).summary);
    const tCe = pairedInterval(twin.map((x) => x.average_ce), bare.map((x) => x.average_ce));
    const tDead = pairedInterval(twin.map((x) => x.dead_metal_fraction), bare.map((x) => x.dead_metal_fraction));
    // since SAC placement has its own random stream (simulation/setup.ts), a twin run is the host's run
    const same = twin.filter((x, i) => x.average_ce === bare[i]!.average_ce && x.dead_metal_fraction === bare[i]!.dead_metal_fraction).length;
    const dCe = pairedInterval(sac.map((x) => x.average_ce), bare.map((x) => x.average_ce));
    const dDead = pairedInterval(sac.map((x) => x.dead_metal_fraction), bare.map((x) => x.dead_metal_fraction));
    const dSei = pairedInterval(sac.map((x) => x.sei_charge_fraction), bare.map((x) => x.sei_charge_fraction));
    const runs5 = 'paired seeds 1-6, graphene vs graphene + 10 % Zn-N4, 12 x 12 x 72 x 100 nm, 2 x 1 mAh/cm2 at 1 mA/cm2, carbonate SEI';
    const m = (a: number[]) => fmt(meanInterval(a).mean * 100);
    const S8 = seeds(8);
    const lost = (site: string) => S8.map((seed) => 1 - seiRun({
      seed, host: 'graphene', sacs: [{ site, loading: '50 %', arrangement: 'random' }], size: [12, 12, 30],
      sei: { set: 'carbonate', formation_rate: 0, fresh_fraction: 0 },
      protocol: [{ repeat: 3, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    }).summary.active_sac_fraction);
    const zr = lost('Zr-N4'), mn = lost('Mn-N4');
    const dAct = pairedInterval(zr, mn);
    return [
      {
        id: 'sei-sac-ce', quantity: 'CE, graphene + Zn-N4 minus bare graphene (1 mA/cm2, 1 mAh/cm2)',
        published: '> 0 (review: SAC hosts raise CE)', source: 'review section 3-4; issue 10, must show 5 (reported whichever way)',
        measured: dCe.mean * 100, unit: 'points', interval: [dCe.lo * 100, dCe.hi * 100], runs: runs5, pass: Number.isFinite(dCe.lo), claim: false,
        note: `CE ${m(sac.map((x) => x.average_ce))} % vs ${m(bare.map((x) => x.average_ce))} %; SEI-bound difference ${fmt(dSei.mean * 100)} points [${fmt(dSei.lo * 100)}, ${fmt(dSei.hi * 100)}]; inorganic share of the SEI ${m(inorganic[1])} % vs ${m(inorganic[0])} %; stated before the run: |dCE| < 1 point`,
      },
      {
        id: 'sei-sac-dead', quantity: 'dead-metal fraction, graphene + Zn-N4 minus bare graphene',
        published: '< 0 (review: less dead Li on SAC hosts)', source: 'issue 10, must show 5 (reported whichever way)',
        measured: dDead.mean * 100, unit: 'points', interval: [dDead.lo * 100, dDead.hi * 100], runs: runs5, pass: Number.isFinite(dDead.lo), claim: false,
        note: `dead ${m(sac.map((x) => x.dead_metal_fraction))} % vs ${m(bare.map((x) => x.dead_metal_fraction))} %`,
      },
      {
        id: 'sei-sac-twin-control-ce', quantity: 'control: CE, graphene + host-identical twin (10 %) minus bare graphene',
        published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
        measured: tCe.mean * 100, unit: 'points', interval: [tCe.lo * 100, tCe.hi * 100], runs: runs5.replace('Zn-N4', 'host twin'),
        pass: tCe.lo <= 0 && tCe.hi >= 0,
        note: `CE ${m(twin.map((x) => x.average_ce))} % vs ${m(bare.map((x) => x.average_ce))} %; ${same} of ${twin.length} pairs identical (CE and dead metal); claim stated before the run: the interval contains 0 (its half-width ${fmt((tCe.hi - tCe.lo) * 50)} points is the smallest difference these 6 pairs resolve)`,
      },
      {
        id: 'sei-sac-twin-control-dead', quantity: 'control: dead-metal fraction, graphene + host-identical twin minus bare graphene',
        published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
        measured: tDead.mean * 100, unit: 'points', interval: [tDead.lo * 100, tDead.hi * 100], runs: runs5.replace('Zn-N4', 'host twin'),
        pass: tDead.lo <= 0 && tDead.hi >= 0,
        note: `dead ${m(twin.map((x) => x.dead_metal_fraction))} % vs ${m(bare.map((x) => x.dead_metal_fraction))} %; claim stated before the run: the interval contains 0`,
      },
      {
        id: 'sei-sac-stability', quantity: 'SAC sites lost, Zr-N4 minus Mn-N4 (3 plating steps)',
        published: '> 0 (SAZr@NG collapses, SAMn@NG stays: 0.103 vs 0.005 A)', source: 'review ref 61, Fig. 4G; issue 10, must show 6',
        measured: dAct.mean * 100, unit: 'points', interval: [dAct.lo * 100, dAct.hi * 100], runs: 'paired seeds 1-8, 50 % sites on graphene, 12 x 12 x 30 x 100 nm, 3 x 0.05 mAh/cm2',
        pass: dAct.lo > 0, calibrated: CALIBRATED.sacStability, note: `lost ${m(zr)} % (Zr) vs ${m(mn)} % (Mn) of all sites, a draw per plating event on the site (mends99); stated before this rule's run (mends99): ~11 % (Zr) vs ~1.4-4 % (Mn) of all sites, Zr minus Mn ~ +7 to +10 points; the first statement (session 6), ~28 % vs ~1.5 % of the sites plated on, was in another denominator and assumed a draw per step`,
      },
    ];
  },
};
