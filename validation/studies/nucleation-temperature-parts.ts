/**
 * The two-scale nucleation model against temperature, taken apart (tempwhy65, session 65): which of its inputs carry T
 * and what each does to the cold's nucleation overpotential and nucleus density (a one-at-a-time decomposition).
 *
 * Li on Cu (bare; Cu and graphene carry the same numbers), 1 mA/cm2 and the request's default 0.02 mAh/cm2,
 * the atomistic stage at quick settings (sampler mfpt, 4 runs per overpotential, a 12-site box: tempstudy64's one
 * reading), at -20 and 25 degC, atomistic seeds 11-14 (paired: each arm of a seed runs its atomistic stage on that seed).
 * Where T enters (src/nucleation/system.ts, index.ts):
 *  - i0(T) (params/metals.ts, Ea 0.58 eV): the electrode stage's Butler-Volmer (its plateau) and the per-site exchange
 *    rate k0 = i0 a^2 / (z e) of the atomistic box and of the adatom sea (seaOf);
 *  - kT in the hop rates: the atomistic box's hops and the sea's hop_per_s = nu exp(-(Ed - bond + E_host)/kT) (D);
 *  - kT in the detachment (oxFactor exp((3 bond - E_host)/kT)) and in the host's reduction shift exp(-host_eV/kT);
 *  - so the J(eta) law fitted on the atomistic box (J and the critical size n*) carries all of them;
 *  - the electrode stage's own T (f = F/RT in its Butler-Volmer).
 * Arms, each the -20 degC case with one input set back to its 25 degC value (the rest at -20 degC):
 *  i0-all: the study's i0 (both stages: atomistic box, sea, Butler-Volmer); D: the host terrace barrier Ed rescaled so that
 *  the lone adatom's host hop (Ed - bond + E_host)/kT is the 25 degC one (both stages); law: the 25 degC run's J(eta) law
 *  (J and n*) in the -20 degC electrode stage; sea: the 25 degC sea (k0, oxFactor, hop); bv-i0: the 25 degC i0 in the
 *  electrode's Butler-Volmer only; bv-T: the 25 degC T in the electrode's Butler-Volmer only; sea-k0, sea-ox, sea-hop: one
 *  of the sea's three numbers at its 25 degC value (k0 carries i0(T) and the host's reduction shift over kT; oxFactor the
 *  detachment over kT; hop the lone adatom's hop over kT).
 * Readings (nucleation()'s): nucleation overpotential (peak minus plateau), peak, plateau, nuclei per um2 at the end,
 * mean nucleus radius. Each arm's effect: the arm minus -20 degC, paired by seed, against the whole change 25 minus -20.
 */
import { atomisticStage, lawFromData, seaOf, resolveStudy, simulateElectrode, type Study } from '../../src/nucleation/index.js';
import { plateauSpec, DEFAULT_PLATEAU_RULE } from '../../src/nucleation/plateau.js';
import { DEFAULT_CAPACITY_C_PER_M2 } from '../../src/nucleation/defaults.js';
import type { NucleationLaw, SeaSpec } from '../../src/nucleation/electrode.js';
import { pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

export const SEEDS = [11, 12, 13, 14];
const CURRENT_A_PER_M2 = 10; // 1 mA/cm2
const COLD_K = 253.15, WARM_K = 298.15;

export interface TwoScaleReading { nuc_mV: number; peak_mV: number; plateau_mV: number; nuclei_per_um2: number; radius_nm: number; nStarAtPeak: number }

interface Parts { s: Study; law: NucleationLaw; sea: SeaSpec }

const studyAt = (T_K: number): Study => resolveStudy({ metal: 'Li', host: 'Cu', T_K });

function parts(s: Study, seed: number): Parts {
  const d = atomisticStage(s, { sampler: 'mfpt', runs: 4, L: 12, seed }, undefined, undefined, undefined, { current_A_per_m2: CURRENT_A_PER_M2, capacity_C_per_m2: DEFAULT_CAPACITY_C_PER_M2 });
  return { s, law: lawFromData(d, `Li on Cu at ${s.T_K} K`), sea: seaOf(s) };
}

/** the electrode stage as nucleation() runs it (index.ts electrodeSpec), from the parts given */
function electrode(s: Study, law: NucleationLaw, sea: SeaSpec, over: { i0?: number; T_K?: number } = {}): TwoScaleReading {
  const r = simulateElectrode({
    z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: over.i0 ?? s.i0_A_per_m2, alpha: s.alpha, T_K: over.T_K ?? s.T_K,
    hostSites_per_m2: 1 / (s.a_m * s.a_m), sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2,
    law, growth: { kind: 'interface' }, control: { kind: 'galvanostatic', current_A_per_m2: CURRENT_A_PER_M2, duration_s: DEFAULT_CAPACITY_C_PER_M2 / CURRENT_A_PER_M2 },
    ownMetal: s.ownMetal, samples: 200, sea, plateau: plateauSpec(DEFAULT_PLATEAU_RULE, DEFAULT_CAPACITY_C_PER_M2, CURRENT_A_PER_M2),
  });
  return {
    nuc_mV: r.nucleation_overpotential_V * 1e3, peak_mV: r.peak_eta_V * 1e3, plateau_mV: r.plateau_eta_V * 1e3,
    nuclei_per_um2: r.nuclei_end_per_m2 / 1e12, radius_nm: r.mean_radius_end_m * 1e9, nStarAtPeak: law.criticalSize(r.peak_eta_V),
  };
}

export const TWO_SCALE_ARMS = ['cold', 'warm', 'i0-all', 'D', 'law', 'sea', 'sea-k0', 'sea-ox', 'sea-hop', 'bv-i0', 'bv-T'] as const;
export type TwoScaleArm = typeof TWO_SCALE_ARMS[number];

/** every arm's reading on one atomistic seed */
export function twoScaleSeed(seed: number): Record<TwoScaleArm, TwoScaleReading> {
  const sc = studyAt(COLD_K), sw = studyAt(WARM_K);
  const cold = parts(sc, seed), warm = parts(sw, seed);
  // i0 everywhere at its 25 degC value (the atomistic box's and the sea's k0 read s.i0_A_per_m2)
  const i0All = parts({ ...sc, i0_A_per_m2: sw.i0_A_per_m2 }, seed);
  // the lone adatom's host hop at its 25 degC rate: (Ed' - bond + E_host) / kT_cold = (Ed - bond + E_host) / kT_warm
  const hop = sc.terraceBarrier_eV - sc.bond_eV + sc.hostBinding_eV;
  const dArm = parts({ ...sc, terraceBarrier_eV: hop * (COLD_K / WARM_K) + sc.bond_eV - sc.hostBinding_eV }, seed);
  const out = {
    cold: electrode(sc, cold.law, cold.sea),
    warm: electrode(sw, warm.law, warm.sea),
    'i0-all': electrode(i0All.s, i0All.law, i0All.sea),
    D: electrode(dArm.s, dArm.law, dArm.sea),
    law: electrode(sc, warm.law, cold.sea),
    sea: electrode(sc, cold.law, warm.sea),
    'sea-k0': electrode(sc, cold.law, { ...cold.sea, k0_per_s: warm.sea.k0_per_s }),
    'sea-ox': electrode(sc, cold.law, { ...cold.sea, oxFactor: warm.sea.oxFactor }),
    'sea-hop': electrode(sc, cold.law, { ...cold.sea, hop_per_s: warm.sea.hop_per_s }),
    'bv-i0': electrode(sc, cold.law, cold.sea, { i0: sw.i0_A_per_m2 }),
    'bv-T': electrode(sc, cold.law, cold.sea, { T_K: WARM_K }),
  };
  process.stderr.write(`nucleation-temperature-two-scale seed ${seed}: ${JSON.stringify(out)}\n`);
  return out;
}

/** stated before the run (docs/history.md "## tempwhy65"), each arm minus -20 degC: [nucleation overpotential mV, nuclei /um2] */
const STATED: Record<Exclude<TwoScaleArm, 'cold'>, [string, string]> = {
  warm: ['-3 to -10 mV', '-0.05 to -0.10 /um2, interval below 0 (claim: the literature\'s direction)'],
  'i0-all': ['-1 to -5 mV', '-0.02 to +0.03'],
  D: ['-0.1 to +0.1 mV', '-0.03 to 0'],
  law: ['-0.1 to +0.1 mV', '+0.03 to +0.08'],
  sea: ['-68 to -76 mV', '-0.07 to -0.12'],
  'sea-k0': ['-83 to -85 mV (the dip gone)', '-0.01 to +0.02'],
  'sea-ox': ['-0.2 to +0.2 mV', '-0.07 to -0.12, interval below 0 (claim: the sea\'s detachment factor carries the cold\'s extra nuclei)'],
  'sea-hop': ['-0.1 to +0.1 mV', '-0.03 to 0'],
  'bv-i0': ['+140 to +152 mV', '-0.03 to 0'],
  'bv-T': ['+13 to +17 mV', '+0.05 to +0.09'],
};
const WHAT: Record<Exclude<TwoScaleArm, 'cold'>, string> = {
  warm: '25 degC (every input)', 'i0-all': 'i0 at its 25 degC value in both stages', D: 'the host hop (D) at its 25 degC rate in both stages',
  law: 'the 25 degC J(eta) law (J and n*) in the electrode stage', sea: 'the 25 degC adatom sea (k0, oxFactor, hop)',
  'sea-k0': 'the sea\'s k0 at its 25 degC value', 'sea-ox': 'the sea\'s oxFactor exp((3 bond - E_host)/kT) at its 25 degC value',
  'sea-hop': 'the sea\'s hop rate at its 25 degC value', 'bv-i0': 'the 25 degC i0 in the electrode\'s Butler-Volmer only', 'bv-T': 'the 25 degC T in the electrode\'s Butler-Volmer only',
};

export const reportOnly = /^nucleation-temperature-parts-(nuc-|density-(i0-all|D|law|sea|sea-k0|sea-hop|bv-i0|bv-T)$|nstar)/;

export const study: ValidationStudy = {
  id: 'nucleation-temperature-parts',
  title: 'The two-scale nucleation model at -20 against 25 degC, Li on Cu: which inputs carry T, one at a time',
  run(): ValidationEntry[] {
    const per = SEEDS.map((s) => twoScaleSeed(s));
    const f = (v: number, d = 2) => v.toFixed(d);
    const sg = (v: number, d = 2) => (v >= 0 ? '+' : '') + f(v, d);
    const runs = `atomistic seeds ${SEEDS.join(', ')} paired; Li on Cu, 1 mA/cm2, 0.02 mAh/cm2; atomistic stage sampler mfpt, 4 runs, 12-site box`;
    const rows: ValidationEntry[] = [];
    for (const [q, key, unit, d] of [['nuc_mV', 'nuc', 'mV', 2], ['nuclei_per_um2', 'density', '/um2', 4]] as const) {
      const cold = per.map((p) => p.cold[q]);
      const total = pairedInterval(per.map((p) => p.warm[q]), cold);
      for (const arm of TWO_SCALE_ARMS) {
        if (arm === 'cold') continue;
        const a = per.map((p) => p[arm][q]);
        const dd = pairedInterval(a, cold);
        const claim = key === 'density' && (arm === 'warm' || arm === 'sea-ox');
        const pass = claim ? dd.hi < 0 : Number.isFinite(dd.mean);
        const st = STATED[arm][key === 'nuc' ? 0 : 1];
        const m = (r: TwoScaleArm) => f(per.reduce((s, p) => s + p[r].peak_mV, 0) / per.length, 1) + ' / ' + f(per.reduce((s, p) => s + p[r].plateau_mV, 0) / per.length, 1);
        rows.push({
          id: `nucleation-temperature-parts-${key}-${arm}`,
          quantity: `${key === 'nuc' ? 'nucleation overpotential (peak minus plateau)' : 'nuclei at the end'}, two-scale model: -20 degC with ${WHAT[arm]} minus -20 degC, Li on Cu`,
          published: claim ? (arm === 'warm' ? '< 0 (the literature: fewer nuclei when warmer)' : 'mechanism claim, stated before the run: < 0') : 'reported whichever way (one-at-a-time decomposition)',
          source: arm === 'warm' ? 'Chem. Commun., "Investigation of the temperature-dependent behaviours of Li metal anode" (scilit.net/publications/116ccab5c5389288abf95e97a95b1af9)' : 'tempwhy65 brief',
          measured: dd.mean, unit, interval: [dd.lo, dd.hi], runs, pass, ...(claim ? {} : { claim: false as const }),
          note: `${f(per.reduce((s, p) => s + p[arm][q], 0) / per.length, d)} vs ${f(cold.reduce((s, x) => s + x, 0) / cold.length, d)} ${unit} at -20 degC (peak / plateau ${m(arm)} vs ${m('cold')} mV); the whole change 25 minus -20 degC ${sg(total.mean, d)} [${sg(total.lo, d)}, ${sg(total.hi, d)}]; stated before the run: ${st}${claim ? `; claim: the interval below 0, ${pass ? 'met' : 'NOT met'}` : ''}`,
        });
      }
    }
    const ns = pairedInterval(per.map((p) => p.warm.nStarAtPeak), per.map((p) => p.cold.nStarAtPeak));
    rows.push({
      id: 'nucleation-temperature-parts-nstar', quantity: 'critical nucleus size n* at the peak (the J(eta) law\'s), two-scale model, 25 minus -20 degC, Li on Cu',
      published: 'reported whichever way', source: 'tempwhy65 brief', measured: ns.mean, unit: 'atoms', interval: [ns.lo, ns.hi], runs, pass: Number.isFinite(ns.mean), claim: false,
      note: `${f(per.reduce((s, p) => s + p.cold.nStarAtPeak, 0) / per.length)} at -20 degC, ${f(per.reduce((s, p) => s + p.warm.nStarAtPeak, 0) / per.length)} at 25 degC (each at its own peak); stated before the run: +7 to +9`,
    });
    return rows;
  },
};
