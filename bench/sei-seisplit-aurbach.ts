/**
 * seisplit: must show 2's figures (validation/studies/sei-aurbach.ts, its set-up: Li||Cu, 16 x 16 x 40 voxels of 100 nm,
 * E_d 0.35 eV, 1 mA/cm2, reservoir 0.2 mAh/cm2, 5 x 0.05 mAh/cm2, strip to 1 V; seeds 1-24) on this build, for a
 * before/after comparison with main's build (copy the compiled file into that build's dist/bench/ and run it there):
 *   node dist/bench/sei-seisplit-aurbach.js [SEEDS=24] > after.json       (this build; main's: > before.json)
 *   node dist/bench/sei-seisplit-aurbach.js combine before.json after.json  (paired seeds, after minus before)
 * Prints per set (carbonate, ether-LiNO3) and seed the Aurbach CE (%), the SEI-bound and dead shares of the plated charge
 * (%), and the means with their 95 % intervals; `combine` prints after minus before, paired by seed, for each, and for
 * the difference ether + LiNO3 minus carbonate.
 *
 * Stated before the runs (committed with this file, before any of them): the Aurbach protocol has no two adjacent steps of
 * the same kind (plate, then strip and plate in turn, then the final strip), so seisplit's step-end rule changes none of
 * its passes; what changes it is the dead-neighbour film: an atom plated beside dead metal no longer takes that film
 * (mends111's count: 2.4 % of reductions, about 330 a run, about 6 % of the plated voxels). Each such atom has one lifted
 * face fewer: one more stretched face (cracks with 0.8, binds f = 0.038 voxels a crack: about 0.03 voxels), or, where the
 * dead face was its only film, three to four fresh faces (about 0.13) and the fresh-fraction draw (0.02). Many of these
 * atoms are exchange events stripped again within the films' 1 s settling time. Expected: carbonate CE lower by 0.1 to
 * 0.6 points (92.30 % [92.15, 92.46] today; SEI-bound up by about as much, dead metal unchanged within its interval),
 * must show 2's carbonate row still inside 90-99.5 %; ether + LiNO3 (less dead metal: 0.29 % against 0.66 %, smaller
 * crack and f) moves less, so ether + LiNO3 minus carbonate (+6.62 [+6.47, +6.77]) rises by 0.1 to 0.5 points. The
 * trajectories part at the first such reduction (the shared RNG), so the paired intervals are about as wide as unpaired
 * ones (about +-0.2 points at 24 seeds); an after-minus-before interval containing zero is possible for an effect of 0.2.
 */
import { readFileSync } from 'node:fs';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import { seiRun, AURBACH } from '../validation/studies/sei-common.js';

type Row = { seed: number; ce: number; sei: number; dead: number };
type Out = { build: string; seeds: string; carbonate: Row[]; 'ether-LiNO3': Row[]; cpu_s: number };
const iv = (x: { mean: number; lo: number; hi: number }) => ({ mean: +x.mean.toFixed(3), lo: +x.lo.toFixed(3), hi: +x.hi.toFixed(3) });
const SETS = ['carbonate', 'ether-LiNO3'] as const;

if (process.argv[2] === 'combine') {
  const b = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as Out, a = JSON.parse(readFileSync(process.argv[4]!, 'utf8')) as Out;
  const res: Record<string, unknown> = { before: b.build, after: a.build, seeds: a.seeds };
  for (const set of SETS) {
    const arm: Record<string, unknown> = {};
    for (const k of ['ce', 'sei', 'dead'] as const) {
      const x = a[set].map((r) => r[k]), y = b[set].map((r) => r[k]);
      arm[k] = { before: iv(meanInterval(y)), after: iv(meanInterval(x)), after_minus_before: iv(pairedInterval(x, y)) };
    }
    res[set] = arm;
  }
  const gap = (o: Out) => o['ether-LiNO3'].map((r, i) => r.ce - o.carbonate[i]!.ce);
  res.lino3_minus_carbonate_ce = { before: iv(meanInterval(gap(b))), after: iv(meanInterval(gap(a))), after_minus_before: iv(pairedInterval(gap(a), gap(b))) };
  console.log(JSON.stringify(res, null, 1));
} else {
  const n = Number(process.argv[2] ?? 24);
  const t0 = performance.now();
  const out: Record<string, unknown> = { build: process.cwd(), seeds: `1-${n}` };
  for (const set of SETS) {
    out[set] = Array.from({ length: n }, (_, i) => {
      const s = seiRun({ seed: i + 1, sei: set, protocol: AURBACH }).summary;
      return { seed: i + 1, ce: (s.aurbach?.ce_avg ?? NaN) * 100, sei: s.sei_charge_fraction * 100, dead: s.dead_metal_fraction * 100 };
    });
  }
  out.cpu_s = +((performance.now() - t0) / 1000).toFixed(1);
  console.log(JSON.stringify(out));
}
