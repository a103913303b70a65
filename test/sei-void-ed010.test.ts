/**
 * Study sei-void-ed010 (branch voided010): its verdict words for 10.4 under fill and void (claim: interval above 0), and
 * that its void runs are void runs and its fill runs the default rule, on a small box.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictWord, one, ARMS } from '../validation/studies/sei-void-ed010.js';

const iv = (mean: number, lo: number, hi: number) => ({ mean, lo, hi, sd: 0, se: 0, n: 2 });

test('sei-void-ed010: verdictWord says unchanged or flips, from which reading to which', () => {
  assert.equal(verdictWord(iv(-0.5, -0.6, -0.4), iv(-0.3, -0.4, -0.2)), 'unchanged: the other way (below 0)');
  assert.equal(verdictWord(iv(-0.5, -0.6, -0.4), iv(0.3, 0.2, 0.4)), 'flips: the other way (below 0) under fill -> met (above 0) under void');
  assert.equal(verdictWord(iv(-0.5, -0.6, -0.4), iv(0, -0.1, 0.1)), 'flips: the other way (below 0) under fill -> not resolved (contains 0) under void');
  assert.equal(verdictWord(iv(0.2, 0.1, 0.3), iv(0.2, 0.1, 0.3)), 'unchanged: met (above 0)');
});

test('sei-void-ed010: one() runs the arm under void when asked, the default rule otherwise', () => {
  const small = { ...ARMS[0]!, size: [8, 8, 12] as [number, number, number] };
  const v = one(small, 'fast', 'void', 3), f = one(small, 'fast', 'fill', 3);
  assert.ok(v.sealed > 0, `void run sealed ${v.sealed} voxels`);
  assert.equal(f.sealed, 0);
});
