/**
 * The fast-adatom elimination of the atomistic nucleation stage against plain kMC, where it is
 * exact (issue 15: "show that it leaves the nucleation statistics unchanged against plain kMC
 * where plain kMC can still run"). Li's energies on graphene at 120 mV with the terrace barrier
 * raised to 0.585 eV, so a lone adatom's diffusion length is about one site (the regime where the
 * elimination's assumption, a sea in local equilibrium with the electrolyte, holds; the longer
 * diffusion lengths and the measured error bound are in validation study nucleation-acceleration).
 * Claim, stated before the run: over seeds 1-12 on 16 x 16 sites, the mean time to a 20-atom
 * cluster of plain kMC over the accelerated one has a 95 % interval containing 1, the critical
 * sizes' bootstrap intervals overlap, and the acceleration needs at least 10x fewer events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareAcceleration, captureErrorEstimate, timeText } from '../src/nucleation/acceleration.js';
import { resolveStudy } from '../src/nucleation/index.js';
import { exchangeRate } from '../src/nucleation/system.js';
import { meanInterval } from '../src/stats/interval.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';

test('fast-adatom elimination = plain kMC when the adatom diffusion length is one site (nucleation time and critical size)', () => {
  const s = resolveStudy({ metal: 'Li', host: 'graphene' });
  const r = compareAcceleration({
    L: 16, T_K: s.T_K, eta_V: 0.12, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, sacBinding_eV: s.hostBinding_eV, sacRedShift_eV: 0,
    terraceBarrier_eV: 0.585, nu_per_s: s.nu_per_s, k0_per_s: exchangeRate(s), alpha: s.alpha, sacSites: [],
    target: 20, maxTime_s: 1e6, maxEvents: 5e6,
  }, Array.from({ length: 12 }, (_, i) => i + 1));
  assert.ok(Math.abs(r.lambda_sites - 1) < 0.05, `lambda ${r.lambda_sites}`);
  assert.equal(captureErrorEstimate(r.lambda_sites, r.plain.nStar), 1);
  assert.equal(r.plain.reached, 12);
  assert.equal(r.reservoir.reached, 12);
  const txt = `plain/accelerated ${r.ratio.toFixed(2)} [${r.ratioLo.toFixed(2)}, ${r.ratioHi.toFixed(2)}]; n* ${r.reservoir.nStar} [${r.reservoir.nStarLo}, ${r.reservoir.nStarHi}] vs ${r.plain.nStar} [${r.plain.nStarLo}, ${r.plain.nStarHi}]`;
  assert.ok(r.ratioLo <= 1 && r.ratioHi >= 1, txt);
  assert.ok(r.reservoir.nStarLo <= r.plain.nStarHi && r.plain.nStarLo <= r.reservoir.nStarHi, txt);
  assert.ok(r.speedup >= 10, `speed-up ${r.speedup}`);
});

// From loose10-nucleation (session 21, task loose10): the seed interval of a time to the target size is cut at
// its physical bound, 0 s, and says so (stats/interval.ts boundedInterval). Failed on main 06ce216: the plain
// Student-t interval of 2 seeds reached -11 s. Two seeds of an 8 x 8 box to a 12-atom cluster (~0.2 s CPU).
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
