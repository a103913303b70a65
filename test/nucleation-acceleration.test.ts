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
import { compareAcceleration, captureErrorEstimate } from '../src/nucleation/acceleration.js';
import { resolveStudy } from '../src/nucleation/index.js';
import { exchangeRate } from '../src/nucleation/system.js';

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
