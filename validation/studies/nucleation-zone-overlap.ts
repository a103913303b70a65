/**
 * Issue 15, the electrode stage's exclusion zones (branch zones): how far each overlap construction of
 * electrode.ts (SeaSpec.zoneOverlap) is from the process the zones stand for. For zones of a fixed radius
 * R and births at a constant rate J per area allowed only outside the zones of the REAL nuclei, the
 * density after X = J pi R^2 t is what this study samples directly (points placed one by one, uniformly, in
 * a periodic box; a point is kept when no kept point lies within R). The two constructions have closed forms
 * (test/nucleation-zone-overlap.test.ts checks the stage against them):
 *  - `phantom` (the new default; Avrami's phantom nuclei, as Scharifker and Mostany's exclusion zones):
 *    N pi R^2 = 1 - exp(-X), saturating at 1: phantoms exclude births as if they were real;
 *  - `random` (the stage before): N pi R^2 = ln(1 + X), without bound: the real nuclei's cover is taken as
 *    that of points placed at random, though births never land within R of an older nucleus.
 * The sampled process is random sequential adsorption of discs of diameter R (centres at least R apart),
 * whose jamming coverage is theta = 0.547 (Hinrichsen, Feder and Jossang, J. Stat. Phys. 44, 793, 1986), so
 * N pi R^2 -> 4 x 0.547 = 2.19.
 *
 * Claims, stated before the run (no part of this study was run before they were written):
 *  - at X = 0.3, 1, 3, 10, 30 the sampled N pi R^2 lies strictly between the two constructions (the phantom
 *    construction is a lower bound, the random one an upper bound, for fixed zones);
 *  - at X = 30 it is within 10 % below the jamming value 2.19 (the approach goes as X^-1/2);
 *  - diagnostic: the phantom construction's undercount at X = 10 (sampled / (1 - exp(-10))), expected about
 *    1.9-2.1; the random construction's overcount at X = 30 (ln 31 / sampled), expected about 1.6-1.7.
 * The stage's zones are not of a fixed radius (r + lambda a grows with the nucleus and with eta), so these
 * factors bound, not measure, the stage's error. Periodic box 60 R x 60 R, 8 boxes (seeds 1-8), 95 %
 * intervals over the boxes (Student t). Under a second.
 *
 * After the first run (9d0ea29's record; the four rows above keep their claims and checkpoints): at X = 0.3
 * the three values differ by less than 8 boxes resolve, and the approach to jamming is slower than guessed
 * (coverage 0.463 at X = 30). Added before the second run, with the checkpoints X = 100 and 300 (the first
 * five are drawn first, so their numbers stay as recorded):
 *  - coverage at X = 300 within 5 % below 0.547 (expected about 0.52-0.53 from the X^-1/2 approach through
 *    the recorded X = 10 and 30);
 *  - the jamming coverage extrapolated from X = 30, 100, 300 by least squares on theta = theta_inf - c X^-1/2
 *    (Pomeau, J. Phys. A 13, L193, 1980; Swendsen, Phys. Rev. A 24, 504, 1981) within 2 % of 0.547;
 *  - diagnostic: the phantom undercount at X = 300, expected about 2.0-2.1.
 */
import { Rng } from '../../src/kmc/rng.js';
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const L = 60; // box side in units of R
const CHECKS = [0.3, 1, 3, 10, 30, 100, 300];
/** the checkpoints of the first run's claims (the bracket row) */
const FIRST = 5;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const JAMMING = 0.547; // Hinrichsen, Feder and Jossang (1986), RSA of discs

/** N pi R^2 at each X of CHECKS for one box (R = 1): births one by one, kept when no kept centre is within R */
export function sequentialExclusion(seed: number): number[] {
  const rng = new Rng(seed);
  const cells = L; // cell side R: a kept centre within R lies in the 3 x 3 cells around
  const heads = new Int32Array(cells * cells).fill(-1);
  const cap = Math.ceil((4 * L * L) / Math.PI); // more than the densest packing (2 / sqrt 3 per R^2) holds
  const xs = new Float64Array(cap), ys = new Float64Array(cap), nextIn = new Int32Array(cap);
  let kept = 0, tried = 0;
  const out: number[] = [];
  for (const X of CHECKS) {
    const until = Math.round((X * L * L) / Math.PI); // births so far: J t L^2 with J pi R^2 t = X
    for (; tried < until; tried++) {
      const x = rng.next() * L, y = rng.next() * L;
      const cx = Math.floor(x), cy = Math.floor(y);
      let free = true;
      for (let dx = -1; dx <= 1 && free; dx++) {
        for (let dy = -1; dy <= 1 && free; dy++) {
          const c = ((cx + dx + cells) % cells) * cells + ((cy + dy + cells) % cells);
          for (let k = heads[c]!; k >= 0; k = nextIn[k]!) {
            let ddx = Math.abs(xs[k]! - x), ddy = Math.abs(ys[k]! - y);
            if (ddx > L / 2) ddx = L - ddx;
            if (ddy > L / 2) ddy = L - ddy;
            if (ddx * ddx + ddy * ddy < 1) { free = false; break; }
          }
        }
      }
      if (!free) continue;
      const c = cx * cells + cy;
      xs[kept] = x; ys[kept] = y; nextIn[kept] = heads[c]!; heads[c] = kept; kept++;
    }
    out.push((kept * Math.PI) / (L * L));
  }
  return out;
}

export const study: ValidationStudy = {
  id: 'nucleation-zone-overlap',
  title: 'Exclusion zones of fixed radius: the phantom and random overlap constructions against the sampled process (random sequential exclusion)',
  run(): ValidationEntry[] {
    const boxes = SEEDS.map(sequentialExclusion);
    const at = CHECKS.map((X, i) => ({ X, iv: meanInterval(boxes.map((b) => b[i]!)), phantom: -Math.expm1(-X), random: Math.log1p(X) }));
    const inside = at.slice(0, FIRST).filter((a) => a.iv.lo > a.phantom && a.iv.hi < a.random).length;
    const runs = `${SEEDS.length} periodic boxes of ${L} R x ${L} R (seeds ${SEEDS[0]}-${SEEDS[SEEDS.length - 1]}), 95 % interval over the boxes`;
    const rows = at.map((a) => `X ${a.X}: sampled ${a.iv.mean.toFixed(4)} [${a.iv.lo.toFixed(4)}, ${a.iv.hi.toFixed(4)}], phantom ${a.phantom.toFixed(4)}, random ${a.random.toFixed(4)}`).join('; ');
    const last = at.find((a) => a.X === 30)!, ten = at.find((a) => a.X === 10)!, far = at.find((a) => a.X === 300)!;
    // theta = theta_inf - c X^-1/2 through X = 30, 100, 300, per box (so the interval is over the boxes)
    const tail = at.filter((a) => a.X >= 30);
    const extrapolated = SEEDS.map((_, b) => {
      const u = tail.map((a) => a.X ** -0.5), v = tail.map((a) => boxes[b]![CHECKS.indexOf(a.X)]! / 4);
      const mu = u.reduce((p, q) => p + q, 0) / u.length, mv = v.reduce((p, q) => p + q, 0) / v.length;
      const slope = u.reduce((p, q, i) => p + (q - mu) * (v[i]! - mv), 0) / u.reduce((p, q) => p + (q - mu) ** 2, 0);
      return mv - slope * mu;
    });
    const ext = meanInterval(extrapolated);
    const jam = 4 * JAMMING;
    return [
      {
        id: 'nucleation-zone-overlap-bracket', quantity: 'checkpoints X = J pi R^2 t (0.3, 1, 3, 10, 30) at which the sampled N pi R^2 lies strictly between the phantom (1 - exp(-X)) and random (ln(1 + X)) constructions, 95 % interval included',
        published: '5 of 5 (phantom a lower bound, random an upper bound, for fixed zones)', source: 'Avrami, J. Chem. Phys. 7, 1103 (1939); electrode.ts SeaSpec.zoneOverlap',
        measured: inside, unit: 'checkpoints', runs, pass: inside === FIRST, note: rows,
      },
      {
        id: 'nucleation-zone-overlap-jamming', quantity: 'sampled N pi R^2 / 4 at X = 30 (coverage of discs of diameter R) against the jamming coverage of random sequential adsorption of discs',
        published: '0.547, within 10 % below', source: 'Hinrichsen, Feder and Jossang, J. Stat. Phys. 44, 793 (1986)',
        measured: last.iv.mean / 4, unit: '1', interval: [last.iv.lo / 4, last.iv.hi / 4], runs, pass: last.iv.mean / 4 <= JAMMING && last.iv.mean / 4 >= 0.9 * JAMMING,
        note: `N pi R^2 ${last.iv.mean.toFixed(4)} against ${jam.toFixed(3)} at jamming (the approach goes as X^-1/2)`,
      },
      {
        id: 'nucleation-zone-overlap-phantom-undercount', quantity: 'diagnostic: sampled density / the phantom construction\'s, X = 10 (fixed zones)',
        published: 'about 1.9-2.1 (expected before the run)', source: 'this study', measured: ten.iv.mean / ten.phantom, unit: '1',
        interval: [ten.iv.lo / ten.phantom, ten.iv.hi / ten.phantom], runs, pass: ten.iv.mean / ten.phantom >= 1.9 && ten.iv.mean / ten.phantom <= 2.1,
        note: `at X = 30: ${(last.iv.mean / last.phantom).toFixed(3)}; the stage's zones grow (r + lambda a), which the phantom construction treats better than fixed ones, so this bounds its undercount rather than measuring it`,
      },
      {
        id: 'nucleation-zone-overlap-random-overcount', quantity: 'diagnostic: the random construction\'s density / the sampled one, X = 30 (fixed zones)',
        published: 'about 1.6-1.7 (expected before the run)', source: 'this study', measured: last.random / last.iv.mean, unit: '1',
        interval: [last.random / last.iv.hi, last.random / last.iv.lo], runs, pass: last.random / last.iv.mean >= 1.6 && last.random / last.iv.mean <= 1.7,
        note: `at X = 10: ${(ten.random / ten.iv.mean).toFixed(3)}; without bound as X grows (ln(1 + X))`,
      },
      {
        id: 'nucleation-zone-overlap-jamming-300', quantity: 'sampled N pi R^2 / 4 at X = 300 against the jamming coverage of random sequential adsorption of discs (added after the first run)',
        published: '0.547, within 5 % below', source: 'Hinrichsen, Feder and Jossang, J. Stat. Phys. 44, 793 (1986)',
        measured: far.iv.mean / 4, unit: '1', interval: [far.iv.lo / 4, far.iv.hi / 4], runs, pass: far.iv.mean / 4 <= JAMMING && far.iv.mean / 4 >= 0.95 * JAMMING,
        note: `X = 100: ${(at.find((a) => a.X === 100)!.iv.mean / 4).toFixed(4)}; X = 30: ${(last.iv.mean / 4).toFixed(4)}`,
      },
      {
        id: 'nucleation-zone-overlap-jamming-extrapolated', quantity: 'jamming coverage extrapolated from X = 30, 100, 300 by theta = theta_inf - c X^-1/2 (least squares per box) against random sequential adsorption of discs (added after the first run)',
        published: '0.547, within 2 %', source: 'Hinrichsen, Feder and Jossang, J. Stat. Phys. 44, 793 (1986); approach X^-1/2: Pomeau (1980), Swendsen (1981)',
        measured: ext.mean, unit: '1', interval: [ext.lo, ext.hi], runs, pass: Math.abs(ext.mean / JAMMING - 1) <= 0.02,
        note: `per box ${extrapolated.map((x) => x.toFixed(4)).join(', ')}`,
      },
      {
        id: 'nucleation-zone-overlap-phantom-undercount-300', quantity: 'diagnostic: sampled density / the phantom construction\'s, X = 300 (fixed zones; added after the first run)',
        published: 'about 2.0-2.1 (expected before the second run)', source: 'this study', measured: far.iv.mean / far.phantom, unit: '1',
        interval: [far.iv.lo / far.phantom, far.iv.hi / far.phantom], runs, pass: far.iv.mean / far.phantom >= 2.0 && far.iv.mean / far.phantom <= 2.1,
        note: `random construction at X = 300: ln 301 = ${far.random.toFixed(3)}, ${(far.random / far.iv.mean).toFixed(3)}x the sampled`,
      },
    ];
  },
};
