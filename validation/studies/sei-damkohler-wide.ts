/**
 * Must show 3 (issue 10), third attempt: CE against the deposit's specific surface area over a
 * Damkoehler sweep wide enough that the morphology changes. At 100 nm voxels a hop pays every bond
 * it breaks (physics v2), so surface diffusion dies out above E_d ~ 0.25 eV: measured on seed 1,
 * 1.2e6 hops at E_d 0 eV, 2.3e5 at 0.05, 4.6e4 at 0.1, 9.2e3 at 0.15, 265 at 0.25 and none at
 * 0.45 (2444 voxels plated), which is why sei-damkohler (0.15-0.45 eV) saw the area move by 7 %.
 * Here E_d = 0, 0.05, 0.10, 0.15, 0.25, 0.35 eV: from many hops per plated voxel to none. Li||Cu,
 * carbonate SEI set, 16 x 16 x 40 voxels of 100 nm, 2 cycles of 0.1 mAh/cm2 at 1 mA/cm2, strip to
 * 1 V, 25 degC: same current, time and temperature at every point, only the surface diffusion
 * (and so the morphology) changes. Seeds 1-5 per point.
 *
 * Stated before this run, from seed-1 looks at E_d 0, 0.05 and 0.1 eV (area after the first
 * plating 0.26 / 0.29 / 0.34, CE 96.0 / 94.8 / 94.4 %) and the five-seed means of sei-damkohler at
 * 0.15-0.35 eV (area 0.35-0.38, CE 89-92 %): Spearman rank correlation of the six (area, CE)
 * means below -0.8, over the 30 single runs below -0.5; CE at 0.05 eV minus CE at 0.35 eV
 * (paired) above +3 points with an interval excluding zero.
 *
 * Companion condition (mends62, session 62; stated here before the rerun that first computes it): must show 3 reads
 * met only if the SEI-bound share (sei_charge_fraction) rises with the area too: its Spearman rank correlation with
 * the area over the same means above +0.8, and so the lower end of its percentile bootstrap interval (2,000 resamples
 * of the seed list: rhoBoot and seiRises in sei-common.ts). The CE rule stays as stated
 * above. Why: the claim's mechanism is the film (MODEL.md 8.4); seisens (session 61) read the CE rule's sign at crack 0
 * with almost no SEI. Stated before the rerun, from the SEI means recorded on seibare's build (rerun60a: 20.3 / 14.7 / 11.1 /
 * 8.73 / 8.12 / 7.71 % against areas 0.259 / 0.308 / 0.330 / 0.355 / 0.369 / 0.368; the runs expected to the digit):
 * SEI rho -0.943, interval about [-1, -0.8]: the SEI share falls as the area rises, companion not met; the row stays
 * not met (its CE rule reads +0.943).
 */
import { meanInterval, pairedInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seiRun, seeds, spearman, fmt, seiRises, rhoBoot } from './sei-common.js';

export const study: ValidationStudy = {
  id: 'sei-damkohler-wide',
  title: 'CE against the deposit surface area over a wide Damkoehler sweep (E_d 0-0.35 eV, carbonate SEI)',
  run(): ValidationEntry[] {
    const E = [0, 0.05, 0.1, 0.15, 0.25, 0.35];
    const S = seeds(5);
    const pts = E.map((e) => S.map((seed) => {
      const r = seiRun({ seed, sei: 'carbonate', terraceBarrier_eV: e });
      return { area: r.surfaceArea, meanArea: r.meanSurfaceArea, ce: r.summary.average_ce, sei: r.summary.sei_charge_fraction, dead: r.summary.dead_metal_fraction,
        hops: r.sim.app.counters.hops / Math.max(1, r.summary.cycles.reduce((a, c) => a + c.plated_voxels, 0)) };
    }));
    const mi = (p: typeof pts[number], f: (x: typeof p[number]) => number) => meanInterval(p.map(f));
    const area = pts.map((p) => mi(p, (x) => x.area)), ce = pts.map((p) => mi(p, (x) => x.ce));
    const rho = spearman(area.map((a) => a.mean), ce.map((c) => c.mean));
    const all = pts.flat();
    const rhoAll = spearman(all.map((x) => x.area), all.map((x) => x.ce));
    const rhoMean = spearman(all.map((x) => x.meanArea), all.map((x) => x.ce));
    const rhoSei = spearman(all.map((x) => x.area), all.map((x) => x.sei));
    const sei = rhoBoot(pts, (x) => x.area, (x) => x.sei);
    const dCe = pairedInterval(pts[1]!.map((x) => x.ce), pts[5]!.map((x) => x.ce));
    const dArea = pairedInterval(pts[1]!.map((x) => x.area), pts[5]!.map((x) => x.area));
    const table = E.map((e, i) => `E_d ${e}: ${fmt(mi(pts[i]!, (x) => x.hops).mean)} hops per plated voxel, area ${fmt(area[i]!.mean)} [${fmt(area[i]!.lo)}, ${fmt(area[i]!.hi)}], CE ${fmt(ce[i]!.mean * 100)} % [${fmt(ce[i]!.lo * 100)}, ${fmt(ce[i]!.hi * 100)}], SEI ${fmt(mi(pts[i]!, (x) => x.sei).mean * 100)} %, dead ${fmt(mi(pts[i]!, (x) => x.dead).mean * 100)} %`).join('; ');
    const runs = 'seeds 1-5 per point, Li||Cu 16 x 16 x 40 x 100 nm, 2 x 0.1 mAh/cm2 at 1 mA/cm2, 25 degC';
    return [
      {
        id: 'sei-ce-vs-surface-area-wide', quantity: 'Spearman rank correlation of CE with specific surface area (6 Damkoehler points, E_d 0-0.35 eV, means)',
        published: '< -0.8; and the SEI-bound share\'s rank correlation with the area > +0.8, and so its bootstrap interval\'s lower end (mends62)', source: 'issue 10, must show 3 (MODEL.md 8.4: CE falls more where the surface is larger)',
        measured: rho, unit: '1', runs, pass: rho < -0.8 && seiRises(sei),
        note: `CE rule (rho < -0.8) ${rho < -0.8 ? 'met' : 'not met'}; SEI-bound share with the area: rho ${fmt(sei.rho)} [${fmt(sei.lo)}, ${fmt(sei.hi)}] over the means (companion rule, mends62: ${seiRises(sei) ? 'met' : 'not met'}); area = exposed metal faces / metal voxels after the first plating; over the 30 single runs rho = ${fmt(rhoAll)} (stated: < -0.5); with the area averaged over every plating end ${fmt(rhoMean)}; area against the SEI-bound share ${fmt(rhoSei)}; ${table}; stated before the run: rho < -0.8`,
      },
      {
        id: 'sei-ce-fast-minus-no-diffusion', quantity: 'CE, E_d 0.05 eV minus E_d 0.35 eV (paired seeds)',
        published: '> 0 (compact deposit, less SEI)', source: 'issue 10, must show 3',
        measured: dCe.mean * 100, unit: 'points', interval: [dCe.lo * 100, dCe.hi * 100], runs, pass: dCe.lo > 0,
        note: `area difference ${fmt(dArea.mean)} [${fmt(dArea.lo)}, ${fmt(dArea.hi)}]; stated before the run: > +3 points, interval excluding zero`,
      },
    ];
  },
};
