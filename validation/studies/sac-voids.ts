/**
 * Session 28 follow-up of study sac-morphology: does a Zn-N4 host close the Li film without voids?
 * At sac-morphology's thick stage (0.1 mAh/cm2, seeds 11-24, build 68b1359) I noticed AFTER the run that
 * all 14 SAC films were flat and dense (rms 6.70-7.36 nm, porosity 0, host coverage 1) while 5 of the 14
 * bare films kept voids (porosity 0.0026-0.043), 4 of them with holes that left rms at 24.9-59.2 nm; rms
 * SAC minus bare -9.9 nm [-20.4, +0.6] (not resolved), porosity -0.00506 [-0.0116, +0.0015], host coverage
 * bare 0.991 vs SAC 1.00 (means). A pattern seen after a run is a hypothesis: here it is tested on fresh
 * seeds with the claims first. Same runs as sac-morphology's thick stage (its `deposit`, not a copy): Li
 * on graphene against graphene + Zn-N4 (3 %, random), 25 degC, 20 nm voxels, 32 x 32 x 64, 1 mA/cm2,
 * 0.1 mAh/cm2 in one step, built-in Li set, no electrolyte field; paired seeds (SAC placement has its own
 * random stream). Seeds 25-64 (40 pairs); sac-morphology's seeds 11-24 (the pilot here) and its pilot
 * seeds 101-103 are NOT pooled. About 80 runs of 20-30 s CPU plus 3 twin runs: 35-45 min on one core.
 * A film "has a void" when its porosity (EMPTY voxels below the height field / voxels below it) is > 0.
 *
 * Quantities, SAC minus bare, paired over seeds:
 *   porosity (paired t interval); the fraction of films with any void on each host (Wilson score 95 %
 *   interval, src/stats has no interval for a proportion) and the paired difference of the two 0/1
 *   indicators (method: the paired t interval on the 0/1 differences, src/stats pairedInterval; with
 *   40 pairs it is close to the Wald interval for paired proportions); host coverage (< 1 means part
 *   of the host is left bare under the film); rms roughness.
 *
 * Claims, stated before the run (this file committed before it ran), expected values from the 14 pilot
 * seeds (sd of the pilot's differences scaled to 40 pairs):
 *   sac-voids-porosity    claim: interval below 0 (pass = upper end < 0). Expected about -0.005
 *                         [-0.009, -0.001] (pilot sd 0.011).
 *   sac-voids-voided      fraction voided SAC minus bare, claim: interval below 0. Expected about -0.36
 *                         [-0.51, -0.20].
 *   sac-voids-voided-sac  claim: no SAC film with a void (pass = 0 of 40; Wilson upper end about 0.09).
 *                         Expected 0 (pilot 0/14).
 *   sac-voids-voided-bare reported: expected about 5/14 = 0.36 (Wilson about [0.23, 0.51] at 40).
 *   sac-voids-coverage    reported: expected about +0.009 (bare 0.991, SAC 1.00), interval touching 0 or
 *                         above it; the least-covered film of each host in the note.
 *   sac-voids-rms         claim: interval below 0. Expected about -10 nm with a wide interval (pilot sd
 *                         18 nm: about [-16, -4]); the difference is carried by the few bare films with
 *                         holes, so the interval may still contain 0 even if the voids claim holds.
 *   sac-voids-twin        control: graphene + a host-identical twin of Zn-N4 (sei-common.ts hostTwin)
 *                         minus bare on seeds 25-27, every quantity exactly 0 (pass = all 0).
 * What counts against the hypothesis "a SAC host closes the film without voids": the porosity interval
 * containing 0 (or above it), the voided-fraction difference's interval containing 0, or any SAC film
 * with a void (then at best "fewer voids", not "none"). The rms row failing alone says the voids'
 * effect on roughness is not resolved, not that the voids claim fails. Reported whichever way.
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { deposit, STAGES, type Deposit } from './sac-morphology.js';

const THICK = STAGES.find((s) => s.name === 'thick')!;
const SEEDS = Array.from({ length: 40 }, (_, i) => 25 + i);
const TWIN_SEEDS = [25, 26, 27];

/** Wilson score 95 % interval of k successes in n trials. */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959964, p = k / n, d = 1 + z * z / n;
  const c = (p + z * z / (2 * n)) / d, h = (z / d) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

export const reportOnly = /^sac-voids-(voided-bare|coverage)$/;

export const study: ValidationStudy = {
  id: 'sac-voids',
  title: 'Does graphene + Zn-N4 close a 0.1 mAh/cm2 Li film without voids where graphene leaves some? (fresh paired seeds)',
  run(): ValidationEntry[] {
    const bare = SEEDS.map((s) => deposit(THICK, 'bare', s, 'sac-voids'));
    const sac = SEEDS.map((s) => deposit(THICK, 'sac', s, 'sac-voids'));
    const twinDiffs: number[] = [];
    for (const s of TWIN_SEEDS) {
      const twin = deposit(THICK, 'twin', s, 'sac-voids'), b = bare[SEEDS.indexOf(s)]!;
      for (const q of ['rms', 'protrusion', 'porosity', 'ssa', 'coverage', 'nuclei', 'mean'] as const) twinDiffs.push(twin[q] - b[q]);
    }
    const f = (v: number) => (Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
    const n = SEEDS.length;
    const runs = `seeds ${SEEDS[0]}-${SEEDS[n - 1]} paired (${n}; not pooled with sac-morphology's 11-24); Li, graphene vs graphene + Zn-N4 3 % random, 20 nm voxels, ${THICK.what}, 1 mA/cm2, one step`;
    const voided = (xs: Deposit[]) => xs.map((x) => (x.porosity > 0 ? 1 : 0));
    const vb = voided(bare), vs = voided(sac);
    const kb = vb.reduce<number>((a, v) => a + v, 0), ks = vs.reduce<number>((a, v) => a + v, 0);
    const seedsWith = (v: number[]) => SEEDS.filter((_, i) => v[i] === 1).join(', ') || 'none';
    const range = (xs: Deposit[], q: keyof Deposit) => `${f(Math.min(...xs.map((x) => x[q])))}-${f(Math.max(...xs.map((x) => x[q])))}`;
    const mean = (xs: Deposit[], q: keyof Deposit) => meanInterval(xs.map((x) => x[q])).mean;
    const context = `voided films: bare ${kb}/${n} (seeds ${seedsWith(vb)}), SAC ${ks}/${n} (seeds ${seedsWith(vs)}); porosity bare ${range(bare, 'porosity')}, SAC ${range(sac, 'porosity')}; rms bare ${range(bare, 'rms')}, SAC ${range(sac, 'rms')} nm; host coverage bare ${range(bare, 'coverage')}, SAC ${range(sac, 'coverage')}; mean height ${f(mean(bare, 'mean'))} vs ${f(mean(sac, 'mean'))} nm`;
    const paired = (id: string, quantity: string, unit: string, a: number[], b: number[], claim: boolean, expected: string): ValidationEntry => {
      const d = pairedInterval(a, b);
      return {
        id: `sac-voids-${id}`, quantity: `${quantity}, graphene + Zn-N4 minus graphene, closed film (0.1 mAh/cm2)`,
        published: claim ? '< 0 (review: a more compact, smoother deposit with SACs; sac-morphology seeds 11-24: no SAC film with a void)' : 'reported whichever way',
        source: 'review sections on nucleation and morphology; study sac-morphology (pilot); session 28',
        measured: d.mean, unit, interval: [d.lo, d.hi], runs,
        pass: claim ? d.hi < 0 : Number.isFinite(d.mean),
        ...(claim ? {} : { claim: false as const }),
        note: `${context}; ${claim ? 'claim: interval below 0; ' : ''}stated before the run: ${expected}`,
      };
    };
    const share = (id: string, host: string, k: number, claim: boolean, expected: string): ValidationEntry => ({
      id: `sac-voids-voided-${id}`, quantity: `fraction of films with any void (porosity > 0), ${host}, closed film (0.1 mAh/cm2)`,
      published: claim ? '0 (hypothesis from sac-morphology seeds 11-24: 0 of 14 SAC films with a void)' : 'reported whichever way (sac-morphology seeds 11-24: 5 of 14)',
      source: 'study sac-morphology (pilot); session 28',
      measured: k / n, unit: `(${k} of ${n})`, interval: wilson(k, n), runs,
      pass: claim ? k === 0 : Number.isFinite(k),
      ...(claim ? {} : { claim: false as const }),
      note: `Wilson score 95 % interval; ${context}; ${claim ? 'claim: no SAC film with a void; ' : ''}stated before the run: ${expected}`,
    });
    const rows: ValidationEntry[] = [
      paired('porosity', 'porosity', '', sac.map((x) => x.porosity), bare.map((x) => x.porosity), true, 'about -0.005 [-0.009, -0.001]'),
      paired('voided', 'fraction of films with any void (paired difference of the 0/1 indicators; paired t interval)', '', vs, vb, true, 'about -0.36 [-0.51, -0.20]'),
      share('sac', 'graphene + Zn-N4', ks, true, '0 (pilot 0/14)'),
      share('bare', 'graphene', kb, false, 'about 0.36 (pilot 5/14), Wilson about [0.23, 0.51]'),
      paired('coverage', 'host coverage', '', sac.map((x) => x.coverage), bare.map((x) => x.coverage), false, 'about +0.009 (bare 0.991, SAC 1.00)'),
      paired('rms', 'rms roughness', 'nm', sac.map((x) => x.rms), bare.map((x) => x.rms), true, 'about -10 nm, about [-16, -4] (pilot sd 18 nm; may contain 0 even if the voids claim holds)'),
    ];
    const worst = Math.max(...twinDiffs.map(Math.abs));
    rows.push({
      id: 'sac-voids-twin', quantity: 'control: graphene + host-identical twin (3 %) minus graphene, every quantity of the closed film',
      published: '0 (a SAC whose parameters equal its host\'s matches the host)', source: 'MODEL.md section 9',
      measured: worst, unit: '(largest |difference|)',
      runs: `seeds ${TWIN_SEEDS.join(', ')} (the bare runs above)`,
      pass: worst === 0,
      note: `${twinDiffs.length} paired differences (rms, max - mean, porosity, surface, coverage, nuclei, mean height); claim: every one exactly 0`,
    });
    return rows;
  },
};
