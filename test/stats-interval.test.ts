import { test } from 'node:test';
import assert from 'node:assert/strict';
import { welchInterval, meanInterval } from '../src/stats/interval.js';

test('welchInterval: difference of means with Welch-Satterthwaite degrees of freedom (worked by hand)', () => {
  // a: mean 2.5, var 5/3, se^2 5/12; b: mean 6, var 10, se^2 2; se = sqrt(29/12) = 1.55456;
  // df = (29/12)^2 / ((5/12)^2/3 + 2^2/4) = 5.52 -> t(5) = 2.571 (the table's floor, conservative).
  const iv = welchInterval([1, 2, 3, 4], [2, 4, 6, 8, 10]);
  assert.ok(Math.abs(iv.mean - -3.5) < 1e-12);
  assert.ok(Math.abs(iv.se - Math.sqrt(29 / 12)) < 1e-12);
  assert.ok(Math.abs(iv.lo - (-3.5 - 2.571 * Math.sqrt(29 / 12))) < 1e-9);
  assert.ok(Math.abs(iv.hi - (-3.5 + 2.571 * Math.sqrt(29 / 12))) < 1e-9);
});

test('welchInterval: swapping the arms mirrors the interval; equal arms contain 0', () => {
  const a = [5.1, 4.9, 5.3, 4.7], b = [5.0, 5.2, 4.8, 5.0];
  const ab = welchInterval(a, b), ba = welchInterval(b, a);
  assert.ok(Math.abs(ab.lo + ba.hi) < 1e-12 && Math.abs(ab.hi + ba.lo) < 1e-12);
  assert.ok(ab.lo < 0 && ab.hi > 0);
  // at least as wide as the normal-theory interval of the same standard error
  assert.ok(ab.hi - ab.lo >= 2 * 1.96 * Math.hypot(meanInterval(a).se, meanInterval(b).se));
});
