/**
 * mends62 (session 62): must show 3 of issue 10 ("CE falls as the deposit's specific surface area rises") reads met
 * only if the SEI-bound share rises with the area too (rank correlation above +0.8, and so the lower end of its
 * bootstrap interval), besides the CE rule (below -0.8, and so the upper end of its interval). seisens (session 61,
 * study sei-damkohler-film-rules) read the CE rule's sign at crack 0 (rho -0.886) with almost no SEI: CE can fall with
 * the area through dead metal or chance while the film, the claim's mechanism (MODEL.md 8.4), does not follow the area.
 * The verdict is computed by sei-damkohler-powered's entries() (the claim row of sei-damkohler-powered and
 * sei-damkohler-wide-powered) from per-seed numbers; here it is fed synthetic sweeps, not recorded output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entries, mustShow3Met, seiRises, type Run, type Sweep } from '../validation/studies/sei-damkohler-powered.js';
import { Rng } from '../src/kmc/rng.js';

const P = 6, N = 12;
/** pts[point][seed]: the area rises with the point, CE falls with it (well apart against the noise); the SEI share is `sei(point, noise)` */
function sweep(sei: (p: number, u: number) => number, seed: number): Run[][] {
  const g = new Rng(seed);
  return Array.from({ length: P }, (_, p) => Array.from({ length: N }, () => ({
    area: 0.25 + 0.03 * p + 0.004 * (g.next() - 0.5), ce: 95 - 1.5 * p + 0.2 * (g.next() - 0.5), sei: sei(p, g.next()), dead: 0.5,
  })));
}
const SW: Sweep = {
  key: 'synthetic', claimId: 'synthetic-claim', labels: Array.from({ length: P }, (_, p) => `point ${p}`), seeds: Array.from({ length: N }, (_, i) => i + 1),
  runs: 'synthetic', one: () => { throw new Error('not run'); }, stated: 'synthetic', statedRuns: 'synthetic', old: 'none',
};
const claim = (pts: Run[][]) => entries(SW, pts).find((e) => e.id === 'synthetic-claim')!;

test('mends62: must show 3 reads not met where CE falls with the area but the SEI-bound share does not rise (flat, falling or noise), met where both hold', () => {
  // CE falls with the area in every case: the CE rule alone would read met
  const flat = claim(sweep((_, u) => 0.07 + 0.01 * u, 1));          // crack 0: almost no SEI, at random
  const falls = claim(sweep((p, u) => 20 - 2.5 * p + 0.3 * u, 2));  // the SEI falls as the area rises (seibare's wide sweep)
  const rises = claim(sweep((p, u) => 5 + 1.5 * p + 0.3 * u, 3));   // the claim's mechanism: more area, more SEI
  for (const e of [flat, falls, rises]) {
    assert.ok(e.measured < -0.8 && e.interval![1] < -0.8, `the CE rule holds: rho ${e.measured} [${e.interval}]`);
  }
  assert.equal(flat.pass, false, flat.note);
  assert.equal(falls.pass, false, falls.note);
  assert.equal(rises.pass, true, rises.note);
  // the note gives the SEI share's rank correlation with its interval
  assert.match(flat.note, /SEI-bound share with the area: rho -?[\d.]+ \[-?[\d.]+, -?[\d.]+\]/);
  assert.match(rises.note, /SEI-bound share with the area: rho 1 \[1, 1\]/);
  // and the SEI rule alone does not make it met: the SEI rises with the area while CE rises too
  const g = new Rng(4);
  const ceUp = Array.from({ length: P }, (_, p) => Array.from({ length: N }, () => ({ area: 0.25 + 0.03 * p + 0.004 * (g.next() - 0.5), ce: 80 + 2 * p + 0.2 * g.next(), sei: 5 + 1.5 * p + 0.3 * g.next(), dead: 0.5 })));
  assert.equal(claim(ceUp).pass, false);
});

test('mends62: the verdict rule needs both rank correlations and both interval ends past +-0.8', () => {
  const ok = { rho: -1, lo: -1, hi: -0.9 }, sei = { rho: 1, lo: 0.9, hi: 1 };
  assert.equal(mustShow3Met(ok, sei), true);
  assert.equal(mustShow3Met(ok, { rho: 0.143, lo: -0.5, hi: 0.8 }), false);       // crack 0's point means (seisens)
  assert.equal(mustShow3Met(ok, { rho: 0.943, lo: 0.6, hi: 1 }), false);          // above +0.8, not its interval
  assert.equal(mustShow3Met({ rho: -0.943, lo: -1, hi: -0.3 }, sei), false);      // the CE rule's interval
  assert.equal(mustShow3Met({ rho: -0.8, lo: -1, hi: -0.8 }, sei), false);        // strict bounds
  assert.equal(seiRises({ rho: 0.8, lo: 0.8, hi: 1 }), false);
  assert.equal(seiRises({ rho: 0.829, lo: 0.829, hi: 1 }), true);
  assert.equal(seiRises({ rho: Number.NaN, lo: Number.NaN, hi: Number.NaN }), false);
});
