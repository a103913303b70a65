/**
 * loose10 (session 21): the seed interval of a time to the target size in compareAcceleration
 * (src/nucleation/acceleration.ts) is cut at its physical bound, 0 s, and says so, as compare, seeds
 * and screen do (stats/interval.ts boundedInterval). Fails on main 06ce216: the plain Student-t
 * interval of 2 seeds reached -11 s. Two seeds of an 8 x 8 box to a 12-atom cluster (~0.2 s CPU).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAcceleration, timeText } from '../src/nucleation/acceleration.js';
import { resolveStudy } from '../src/nucleation/index.js';
import { exchangeRate } from '../src/nucleation/system.js';
import { meanInterval } from '../src/stats/interval.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';

test('compareAcceleration: a time interval from 2 seeds is cut at 0 s and says so; the ratio interval stays > 0 uncut', () => {
  const s = resolveStudy({ metal: 'Li', host: 'graphene' });
  const spec = {
    L: 8, T_K: s.T_K, eta_V: 0.12, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, sacBinding_eV: s.hostBinding_eV, sacRedShift_eV: 0,
    terraceBarrier_eV: 0.585, nu_per_s: s.nu_per_s, k0_per_s: exchangeRate(s), alpha: s.alpha, sacSites: [],
    target: 12, maxTime_s: 1e6, maxEvents: 5e6,
  };
  const r = compareAcceleration(spec, [1, 2]);
  // the same runs' plain Student-t interval runs past 0 s (what was printed before)
  const times = [1, 2].map((seed) => runAtomistic({ ...spec, reservoir: true, seed })).map((x) => x.time_s);
  const plain = meanInterval(times);
  assert.ok(plain.lo < 0, `plain interval ${plain.lo} .. ${plain.hi}`);
  assert.equal(r.reservoir.time.mean, plain.mean);
  assert.deepEqual([r.reservoir.time.lo, r.reservoir.time.hi], [0, plain.hi]);
  assert.equal(r.reservoir.time.cut, 'interval cut at 0 (physical bound)');
  assert.match(timeText(r.reservoir.time), /^\d\.\d{3}e[+-]\d+ s \[0\.000e\+0, \d\.\d{3}e[+-]\d+\] \(interval cut at 0 \(physical bound\)\)$/);
  // an interval inside its bound is left alone and says nothing
  assert.ok(r.plain.time.lo > 0, `plain arm ${r.plain.time.lo}`);
  assert.equal(r.plain.time.cut, undefined);
  assert.doesNotMatch(timeText(r.plain.time), /cut/);
  assert.ok(r.ratioLo > 0 && r.ratioLo < r.ratio && r.ratio < r.ratioHi, `${r.ratio} [${r.ratioLo}, ${r.ratioHi}]`);
});
