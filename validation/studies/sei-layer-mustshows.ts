/**
 * What the opt-in rule `sei: { settle_after_layer: true }` (session 52, branch seiarea; docs/cycling.md "New area per
 * plated thickness at the voxel scale") does to issue 10's other must-shows (session 52, branch seilayer2). The rule
 * took the SEI-bound share at 25 degC from 8-15 % to about 1 % (study sei-area-layer); whether it should become the
 * default depends on what it does to must show 2, must show 3 and must show 5, which nobody measured. Each set-up is
 * the original study's (same boxes, parameters, protocols and seeds), run twice per seed: switch on and switch off (the
 * control, which reruns the original on this build), paired within a seed. No parameter changes.
 *
 * - Must show 2 (sei-aurbach): Li||Cu, 16 x 16 x 40 voxels of 100 nm, E_d 0.35 eV, 1 mA/cm2, Aurbach protocol
 *   (reservoir 0.2 mAh/cm2, 5 x 0.05 mAh/cm2, strip to 1 V), carbonate and ether + LiNO3 sets, seeds 1-24. The
 *   torn-film rows of sei-aurbach are not rerun (a second opt-in; the CPU).
 * - Must show 3, narrow sweep (sei-damkohler): E_d 0.15 / 0.25 / 0.35 / 0.45 eV, 16 x 16 x 40 x 100 nm, 2 x 0.1 mAh/cm2
 *   at 1 mA/cm2, strip to 1 V, carbonate, seeds 1-5 per point; wide sweep (sei-damkohler-wide): E_d 0 / 0.05 / 0.1 /
 *   0.15 / 0.25 / 0.35 eV, same box, protocol and seeds.
 * - Must show 5 (sei-sac-replicate, its Li||Cu half): graphene vs graphene + 10 % Zn-N4 (random), carbonate,
 *   12 x 12 x 72 x 100 nm, E_d 0.25 eV, 2 x 1 mAh/cm2 at 1 mA/cm2 stripped to 1 V, seeds 7-30; the control of MODEL.md
 *   section 9 (host-identical twin, switch on). The symmetric-cell half is not rerun (the CPU).
 * Intervals (src/stats/interval.ts): Student-t 95 % of a mean (meanInterval), paired of a per-seed difference
 * (pairedInterval). Spearman rank correlations as the originals (sei-common.ts spearman).
 *
 * Stated before the run (no pilot: from sei-area-layer's figures at 100 nm, where on the 0.8 um box and 2 x 0.1 mAh/cm2
 * the switch took the SEI-bound share 8.17 -> 1.01 % and the dead metal 1.26 -> 0.42 %, and the originals' figures):
 * - Must show 2, carbonate: the switch-off arm reproduces sei-aurbach (92.3 %, SEI-bound 7.0 %, dead 0.66 %). With the
 *   switch on the SEI-bound share falls to about 1.5 % (range 1-3 %: higher than sei-area-layer's 1.0 % because the
 *   Aurbach protocol has 12 step ends, each of which lets the partial layer's stretched film settle) and the dead
 *   metal to about 0.3 %, so the CE rises to about 98 % (97-99 %): inside 90-99.5 %, in its upper part, not above.
 *   On minus off about +6 points.
 * - Must show 2, ether + LiNO3 minus carbonate: ether + LiNO3 from 98.9 % to about 99.5 % (its SEI share 0.8 -> about
 *   0.3 %); the difference shrinks from +6.6 to about +1.5 points (range +0.5 to +2.5), interval still above 0.
 * - Must show 3, narrow sweep: rho stays above -0.8 (fails, as the switch-off arm's -0.2): E_d 0.15-0.45 eV hardly
 *   moves the area of 100 nm voxels (7 %) and with four points only rho = -1 passes. Expected about -0.4 to +0.2.
 * - Must show 3, wide sweep: the SEI figures shrink about 5x at every point, but the ordering that passed (SEI and
 *   dead metal both rising with E_d, with the lasting roughness) is what the rule keeps; rho about -0.8 to -0.9, i.e.
 *   whether it stays below -0.8 is open (say 60 : 40 for yes). CE at 0.05 eV minus 0.35 eV shrinks from +4.5 to about
 *   +1 point, interval above 0.
 * - Must show 5 (Li||Cu): the SAC minus host dead-metal difference (-0.095 points off) shrinks with the dead metal,
 *   to about -0.04 points; with 24 pairs (resolution about +-0.035) the interval may contain 0 (about even odds).
 *   CE difference stays inside (-1, +1) points, about +0.05. Twin control: exactly 0 (a twin run is the host's bit for
 *   bit on the same seed).
 * (Other studies' figures above (sei-area-layer's, the originals'), and the statements resting on them, are those of
 * seivox's build, when this header was written; the originals' were 92.3 %, +6.62, -0.2, -0.886, +4.52, -0.095 and
 * +0.126. On deadfilm's build, before stripfilm, they were 92.1 %, +6.88, -0.4, -0.943
 * and -0.069; from stripfilm, session 56, the control rows below quoted stripfilm's build's. Since mends63, session 63,
 * they quote today's records, on seibare's build (label added by mends63b): sei-aurbach 92.06 % and +6.85 [+6.70,
 * +7.00] points (rerun60a on ae6988b4), sei-damkohler +0.4 and sei-damkohler-wide +0.943 and -7.83 points (record
 * d78a080a, mends62), sei-sac-replicate -0.039 [-0.075, -0.004] and -0.010 points (rerun60b on 432e1237).)
 * What each outcome would mean for making the switch the default:
 * - carbonate CE inside 90-99.5 % and the ether + LiNO3 difference above 0: must show 2 still met by its letter, but
 *   the carbonate CE near 98 % would sit far above the ~90 % typical of carbonates (the published gap to ether +
 *   LiNO3 is about 8-9 points, the model's would be about 1.5): the switch would remove most of the carbonate set's
 *   loss, so the set's SEI parameters (chosen before any of these runs, never fitted) would no longer give carbonates
 *   their typical CE; a default switch would need that said, not a retuning to hit 90 %.
 * - carbonate CE above 99.5 %: must show 2 lost; the switch should stay opt-in until the SEI's loss on a flat
 *   deposit (film carried along) is modelled.
 * - ether + LiNO3 minus carbonate interval containing 0: must show 2 lost; same conclusion.
 * - wide-sweep rho still below -0.8: must show 3 kept, and with the voxel-scale transient gone the correlation rests
 *   on the deposit's own roughness, an argument for the switch. Above -0.8: must show 3 lost with the switch on.
 * - SAC dead-metal interval containing 0: must show 5's one resolved difference no longer resolved at 24 pairs (a
 *   smaller effect, not a sign change, unless the mean's sign flips).
 * This header, with the study's code, was committed before any of the study's runs.
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { AURBACH, CALIBRATED, seiRun, seeds, spearman, fmt } from './sei-common.js';

/** Rows that state no claim: the switch-off controls and the on-minus-off differences. */
export const reportOnly = /^sei-layer-mustshows-(.*-off|.*-on-minus-off|sac-ce-on)$/;

type SeiSet = 'carbonate' | 'ether-LiNO3';
const sei = (set: SeiSet, on: boolean): unknown => (on ? { set, settle_after_layer: true } : set);
interface Row { ce: number; aurbach: number; dead: number; sei: number; area: number }
const row = (r: ReturnType<typeof seiRun>): Row => ({ ce: r.summary.average_ce, aurbach: r.summary.aurbach?.ce_avg ?? NaN,
  dead: r.summary.dead_metal_fraction, sei: r.summary.sei_charge_fraction, area: r.surfaceArea });
const iv = (x: { mean: number; lo: number; hi: number }, k = 100) => `${fmt(x.mean * k)} [${fmt(x.lo * k)}, ${fmt(x.hi * k)}]`;
const mi = (rs: Row[], f: (x: Row) => number) => meanInterval(rs.map(f));
const pi = (a: Row[], b: Row[], f: (x: Row) => number) => pairedInterval(a.map(f), b.map(f));
const pts = (i: { mean: number; lo: number; hi: number }) => ({ measured: i.mean * 100, interval: [i.lo * 100, i.hi * 100] as [number, number] });
const describe = (rs: Row[], f: (x: Row) => number) => `CE ${iv(mi(rs, f))} %, SEI-bound ${iv(mi(rs, (x) => x.sei))} %, dead ${iv(mi(rs, (x) => x.dead))} %`;
const SRC = 'session 52 (branch seilayer2): the opt-in settle_after_layer (branch seiarea) against issue 10\'s must-shows';

function aurbach(): ValidationEntry[] {
  const S = seeds(24);
  const arm = (set: SeiSet, on: boolean) => S.map((seed) => row(seiRun({ seed, sei: sei(set, on), protocol: AURBACH })));
  const cOn = arm('carbonate', true), nOn = arm('ether-LiNO3', true), cOff = arm('carbonate', false), nOff = arm('ether-LiNO3', false);
  const A = (x: Row) => x.aurbach;
  const c = mi(cOn, A), d = pi(nOn, cOn, A), dOff = pi(nOff, cOff, A), cDelta = pi(cOn, cOff, A), nDelta = pi(nOn, nOff, A);
  const runs = 'seeds 1-24 paired (switch on / off), 16 x 16 x 40 voxels of 100 nm, Li on Cu, E_d 0.35 eV, 1 mA/cm2, Q_T 0.2 + 5 x 0.05 mAh/cm2 (sei-aurbach\'s)';
  return [
    {
      id: 'sei-layer-mustshows-aurbach-carbonate-on', quantity: 'Aurbach CE, Li||Cu, carbonate SEI set, settle_after_layer on',
      published: '90-99.5 %', source: 'issue 10, must show 2 (sei-aurbach), with the opt-in rule of session 52 (branch seiarea)',
      ...pts(c), unit: '%', runs, pass: c.mean >= 0.9 && c.mean <= 0.995, calibrated: CALIBRATED.aurbachCarbonate,
      note: `switch on: ${describe(cOn, A)}; switch off (same seeds): ${describe(cOff, A)}; stated before the run: about 98 % (97-99), SEI-bound about 1.5 %, dead about 0.3 %: inside, not above`,
    },
    {
      id: 'sei-layer-mustshows-aurbach-lino3-minus-carbonate-on', quantity: 'Aurbach CE, ether + LiNO3 minus carbonate (paired seeds), settle_after_layer on',
      published: '> 0 (ether + LiNO3 98-99 % vs carbonate ~90 %)', source: 'issue 10, must show 2 (sei-aurbach), with the opt-in rule of session 52',
      ...pts(d), unit: 'points', runs, pass: d.lo > 0, calibrated: CALIBRATED.aurbachLino3Sign,
      note: `ether + LiNO3, switch on: ${describe(nOn, A)}; switch off: ${describe(nOff, A)}; stated before the run: about +1.5 points (+0.5 to +2.5), interval above 0`,
    },
    {
      id: 'sei-layer-mustshows-aurbach-lino3-minus-carbonate-off', quantity: 'Aurbach CE, ether + LiNO3 minus carbonate (paired seeds), switch off (control: sei-aurbach rerun)',
      published: 'the control: sei-aurbach\'s +6.85 [+6.70, +7.00] points on seibare\'s build (rerun60a on ae6988b4)', source: SRC,
      ...pts(dOff), unit: 'points', runs, pass: Number.isFinite(dOff.mean), claim: false,
      note: `carbonate ${iv(mi(cOff, A))} % (sei-aurbach: 92.06 % on seibare\'s build), ether + LiNO3 ${iv(mi(nOff, A))} %`,
    },
    {
      id: 'sei-layer-mustshows-aurbach-carbonate-on-minus-off', quantity: 'Aurbach CE, carbonate, settle_after_layer on minus off (paired seeds)',
      published: 'the switch\'s effect (no published value)', source: SRC,
      ...pts(cDelta), unit: 'points', runs, pass: Number.isFinite(cDelta.mean), claim: false,
      note: `ether + LiNO3 on minus off ${iv(nDelta)} points; stated before the run: carbonate about +6 points`,
    },
  ];
}

/** One Damkoehler sweep, switch on and off: per point the seeds' rows. */
function sweep(E: number[], on: boolean): Row[][] {
  const S = seeds(5);
  return E.map((e) => S.map((seed) => row(seiRun({ seed, sei: sei('carbonate', on), terraceBarrier_eV: e }))));
}
function sweepStats(E: number[], p: Row[][]) {
  const area = p.map((x) => mi(x, (r) => r.area).mean), ce = p.map((x) => mi(x, (r) => r.ce).mean);
  const all = p.flat();
  return {
    rho: spearman(area, ce), rhoAll: spearman(all.map((r) => r.area), all.map((r) => r.ce)),
    table: E.map((e, i) => `E_d ${e}: area ${fmt(area[i]!)}, ${describe(p[i]!, (r) => r.ce)}`).join('; '),
  };
}

function damkohler(): ValidationEntry[] {
  const runs = (E: number[]) => `seeds 1-5 per point paired (switch on / off), E_d ${E.join(' / ')} eV, Li||Cu 16 x 16 x 40 x 100 nm, 2 x 0.1 mAh/cm2 at 1 mA/cm2, 25 degC`;
  const out: ValidationEntry[] = [];
  const NARROW = [0.15, 0.25, 0.35, 0.45], WIDE = [0, 0.05, 0.1, 0.15, 0.25, 0.35];
  for (const [key, E, orig, stated] of [
    ['damkohler', NARROW, 'sei-damkohler: +0.4', 'above -0.8 (fails, as off), about -0.4 to +0.2'],
    ['damkohler-wide', WIDE, 'sei-damkohler-wide: +0.943 (its record on d78a080a)', 'about -0.8 to -0.9; below -0.8 open (60 : 40 for yes)'],
  ] as const) {
    const on = sweep(E, true), off = sweep(E, false);
    const sOn = sweepStats(E, on), sOff = sweepStats(E, off);
    out.push({
      id: `sei-layer-mustshows-${key}-on`, quantity: `Spearman rank correlation of CE with specific surface area (${E.length} Damkoehler points, E_d ${E[0]}-${E[E.length - 1]} eV, means), settle_after_layer on`,
      published: '< -0.8', source: `issue 10, must show 3 (${key === 'damkohler' ? 'sei-damkohler' : 'sei-damkohler-wide'}), with the opt-in rule of session 52`,
      measured: sOn.rho, unit: '1', runs: runs(E), pass: sOn.rho < -0.8,
      note: `over the single runs rho = ${fmt(sOn.rhoAll)}; switch on: ${sOn.table}; stated before the run: ${stated}`,
    });
    out.push({
      id: `sei-layer-mustshows-${key}-off`, quantity: `Spearman rank correlation of CE with specific surface area (${E.length} points, means), switch off (control: the original rerun)`,
      published: `the control: ${orig}`, source: SRC, measured: sOff.rho, unit: '1', runs: runs(E), pass: Number.isFinite(sOff.rho), claim: false,
      note: `over the single runs rho = ${fmt(sOff.rhoAll)}; switch off: ${sOff.table}`,
    });
    if (key === 'damkohler-wide') {
      const CE = (r: Row) => r.ce;
      const d = pi(on[1]!, on[5]!, CE), dOff = pi(off[1]!, off[5]!, CE);
      out.push({
        id: 'sei-layer-mustshows-fast-minus-no-diffusion-on', quantity: 'CE, E_d 0.05 eV minus E_d 0.35 eV (paired seeds), settle_after_layer on',
        published: '> 0 (compact deposit, less SEI)', source: 'issue 10, must show 3 (sei-damkohler-wide), with the opt-in rule of session 52',
        ...pts(d), unit: 'points', runs: runs(E), pass: d.lo > 0,
        note: `switch off (same seeds): ${iv(dOff)} points (sei-damkohler-wide: -7.83); stated before the run: about +1 point, interval above 0`,
      });
    }
  }
  return out;
}

function sac(): ValidationEntry[] {
  const SEEDS = Array.from({ length: 24 }, (_, i) => i + 7);
  const ZN = [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }];
  const arm = (on: boolean, sacs?: unknown[], twin = false) => SEEDS.map((seed) => row(seiRun({ seed, sei: sei('carbonate', on), host: 'graphene',
    terraceBarrier_eV: 0.25, size: [12, 12, 72], protocol: [{ repeat: 2, steps: ['Plate 1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    ...(sacs ? { sacs } : {}), twin })));
  const bOn = arm(true), sOn = arm(true, ZN), tOn = arm(true, ZN, true), bOff = arm(false), sOff = arm(false, ZN);
  const D = (x: Row) => x.dead, C = (x: Row) => x.ce;
  const dOn = pi(sOn, bOn, D), cOn = pi(sOn, bOn, C), dOff = pi(sOff, bOff, D), cOff = pi(sOff, bOff, C);
  const tD = pi(tOn, bOn, D), tC = pi(tOn, bOn, C);
  const same = tOn.filter((x, i) => x.ce === bOn[i]!.ce && x.dead === bOn[i]!.dead).length;
  const runs = 'paired seeds 7-30 (switch on / off), graphene vs graphene + 10 % Zn-N4 (random), 12 x 12 x 72 x 100 nm, E_d 0.25 eV, 2 x 1 mAh/cm2 at 1 mA/cm2 (strip to 1 V), carbonate SEI (sei-sac-replicate\'s Li||Cu half)';
  return [
    {
      id: 'sei-layer-mustshows-sac-dead-on', quantity: 'dead-metal fraction, graphene + Zn-N4 minus bare graphene (Li||Cu type), settle_after_layer on',
      published: '< 0 (review: less dead Li on SAC hosts)', source: 'issue 10, must show 5 (sei-sac-replicate), with the opt-in rule of session 52',
      ...pts(dOn), unit: 'points', runs, pass: dOn.hi < 0,
      note: `switch on: SAC ${describe(sOn, C)}; bare ${describe(bOn, C)}; switch off (same seeds): ${iv(dOff)} points (sei-sac-replicate: -0.039); stated before the run: about -0.04 points, the interval may contain 0`,
    },
    {
      id: 'sei-layer-mustshows-sac-ce-on', quantity: 'CE, graphene + Zn-N4 minus bare graphene (Li||Cu type), settle_after_layer on',
      published: '> 0 (review: SAC hosts raise CE)', source: 'issue 10, must show 5 (sei-sac-replicate), with the opt-in rule of session 52',
      ...pts(cOn), unit: 'points', runs, pass: Number.isFinite(cOn.mean), claim: false,
      note: `switch off (same seeds): ${iv(cOff)} points (sei-sac-replicate: -0.010); stated before the run: |dCE| < 1 point (about +0.05): ${cOn.lo * 100 > -1 && cOn.hi * 100 < 1 ? 'held' : 'did not hold'}`,
    },
    {
      id: 'sei-layer-mustshows-sac-dead-off', quantity: 'dead-metal fraction, graphene + Zn-N4 minus bare graphene (Li||Cu type), switch off (control: sei-sac-replicate rerun)',
      published: 'the control: sei-sac-replicate\'s -0.039 [-0.075, -0.004] points on seibare\'s build (rerun60b on 432e1237)', source: SRC,
      ...pts(dOff), unit: 'points', runs, pass: Number.isFinite(dOff.mean), claim: false,
      note: `switch off: SAC ${describe(sOff, C)}; bare ${describe(bOff, C)}`,
    },
    {
      id: 'sei-layer-mustshows-sac-twin-control-on', quantity: 'control: dead-metal fraction and CE, graphene + host-identical twin minus bare graphene, settle_after_layer on',
      published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
      ...pts(tD), unit: 'points', runs: runs.replace('Zn-N4', 'host twin'), pass: tD.lo <= 0 && tD.hi >= 0 && tC.lo <= 0 && tC.hi >= 0,
      note: `dead-metal interval shown; CE ${iv(tC)} points; ${same} of ${tOn.length} pairs identical; stated before the run: exactly 0`,
    },
  ];
}

export const study: ValidationStudy = {
  id: 'sei-layer-mustshows',
  title: 'settle_after_layer (opt-in) against issue 10\'s must shows 2, 3 and 5, paired with the switch off',
  run(): ValidationEntry[] {
    return [...aurbach(), ...damkohler(), ...sac()];
  },
};
