/**
 * The random number generator: uniform integers in [0, n) from both code paths (Lemire's
 * multiply-and-shift below 2^21, rejection above), and reproducibility.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, seedStream } from '../src/kmc/rng.js';

/** chi-square statistic of counts against a uniform expectation */
function chi2(counts: number[], draws: number): number {
  const e = draws / counts.length;
  return counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
}

test('int(n): uniform over [0, n) for small n (chi-square below the 0.1 % critical value)', () => {
  // 0.1 % upper critical values of chi-square with n - 1 degrees of freedom
  const cases: [number, number][] = [[2, 10.83], [3, 13.82], [7, 22.46], [10, 27.88], [100, 148.2]];
  for (const [n, crit] of cases) {
    const rng = new Rng(12345 + n);
    const counts = new Array<number>(n).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const k = rng.int(n);
      assert.ok(Number.isInteger(k) && k >= 0 && k < n, `int(${n}) gave ${k}`);
      counts[k]!++;
    }
    const x = chi2(counts, draws);
    assert.ok(x < crit, `n = ${n}: chi2 = ${x.toFixed(2)} >= ${crit}`);
  }
});

test('int(n): both paths cover their whole range evenly (n = 1,500,000; 3,000,000; 3,000,000,000)', () => {
  for (const n of [1_500_000, 3_000_000, 3_000_000_000]) { // below and above 2^21 = 2,097,152
    const rng = new Rng(7);
    const bins = 20;
    const counts = new Array<number>(bins).fill(0);
    const draws = 200_000;
    let max = 0;
    for (let i = 0; i < draws; i++) {
      const k = rng.int(n);
      assert.ok(Number.isInteger(k) && k >= 0 && k < n);
      if (k > max) max = k;
      counts[Math.floor((k * bins) / n)]!++;
    }
    assert.ok(max > n * 0.9999, `n = ${n}: largest draw ${max} reaches the top of the range`);
    const x = chi2(counts, draws);
    assert.ok(x < 43.82, `n = ${n}: chi2 over ${bins} bins = ${x.toFixed(2)}`); // 0.1 % critical value, 19 dof
  }
});

test('int(n): the same seed gives the same sequence; int(1) and int(0) are 0', () => {
  const a = new Rng(99), b = new Rng(99);
  for (let i = 0; i < 1000; i++) assert.equal(a.int(1000), b.int(1000));
  assert.equal(a.int(1), 0);
  assert.equal(a.int(0), 0);
});

test('seedStream: a stream of its own per (seed, tag), reproducible, sharing no run of numbers with Rng(seed)', () => {
  const first = (r: Rng, n: number) => Array.from({ length: n }, () => r.nextU32());
  // reproducible
  assert.deepEqual(first(seedStream(7, 1), 8), first(seedStream(7, 1), 8));
  // not the kinetic stream, nor that stream shifted by up to 1000 draws
  const kinetic = first(new Rng(7), 1100), own = first(seedStream(7, 1), 4);
  for (let k = 0; k < 1000; k++) assert.notDeepEqual(kinetic.slice(k, k + 4), own, `seedStream(7, 1) = Rng(7) shifted by ${k}`);
  // other tags and other seeds give other streams
  assert.notDeepEqual(first(seedStream(7, 2), 4), own);
  assert.notDeepEqual(first(seedStream(8, 1), 4), own);
  // uniform (chi-square of 10 bins, 0.1 % critical value 27.88)
  const r = seedStream(3, 1), counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 100000; i++) counts[r.int(10)]!++;
  assert.ok(chi2(counts, 100000) < 27.88, `chi2 ${chi2(counts, 100000).toFixed(1)}`);
});
