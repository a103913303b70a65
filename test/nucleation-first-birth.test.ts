import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extendRamp, hazardAt, medianBirth, poissonRate, rampAt } from '../src/nucleation/first-birth.js';

test('poissonRate: births over area x exposure, censored holds count their whole length (worked by hand)', () => {
  // three births at 1, 2, 3 s and one hold of 4 s without: 3 births over 10 s x 2 m2 = 0.15 /(s m2)
  const r = poissonRate([1, 2, 3, 4], [true, true, true, false], 2);
  assert.equal(r.births, 3);
  assert.ok(Math.abs(r.exposure_s_m2 - 20) < 1e-12);
  assert.ok(Math.abs(r.rate - 0.15) < 1e-12);
  assert.ok(Math.abs(r.lo - 0.15 * Math.exp(-1.96 / Math.sqrt(3))) < 1e-12);
  assert.ok(Math.abs(r.hi - 0.15 * Math.exp(1.96 / Math.sqrt(3))) < 1e-12);
  assert.throws(() => poissonRate([1], [true, false], 1), /1 times vs 2 flags/);
});

test('medianBirth: a flat ramp gives t = ln 2 / (A J) (Poisson, constant rate)', () => {
  const ramp = { t_s: [0, 10], eta_V: [0.1, 0.1] };
  const m = medianBirth(ramp, () => 3, 0.5);
  assert.ok(m !== null);
  assert.ok(Math.abs(m.t_s - Math.LN2 / 1.5) < 1e-12);
  assert.ok(Math.abs(m.eta_V - 0.1) < 1e-12);
  // a ramp too short for H to reach ln 2 has no median
  assert.equal(medianBirth({ t_s: [0, 0.1], eta_V: [0.1, 0.1] }, () => 3, 0.5), null);
});

test('hazardAt: exponential J on a linear ramp integrates to (exp(b s t) - 1) / (b s) (trapezoid on dense samples)', () => {
  const s = 2, b = 5, n = 2001;
  const t_s = Array.from({ length: n }, (_, i) => i / (n - 1));
  const ramp = { t_s, eta_V: t_s.map((t) => s * t) };
  const J = (e: number) => Math.exp(b * e);
  const exact = (t: number) => (Math.exp(b * s * t) - 1) / (b * s);
  for (const t of [0.3, 0.77, 1]) {
    const h = hazardAt(ramp, J, 1, t);
    assert.ok(Math.abs(h / exact(t) - 1) < 1e-4, `t ${t}: ${h} vs ${exact(t)}`);
  }
  assert.ok(Math.abs(hazardAt(ramp, J, 3, 0.5) / (3 * exact(0.5)) - 1) < 1e-4, 'H is proportional to the area');
});

test('extendRamp: a straight ramp is continued on its own line; rampAt interpolates and holds its ends', () => {
  const r = { t_s: [0, 1, 2, 3, 4], eta_V: [0, 0.01, 0.02, 0.03, 0.04] };
  const e = extendRamp(r, 3, 0.5);
  assert.ok(Math.abs(e.t_s[e.t_s.length - 1]! - 12) < 1e-12);
  assert.ok(Math.abs(rampAt(e, 10) - 0.1) < 1e-12);
  assert.ok(Math.abs(rampAt(r, 2.5) - 0.025) < 1e-12);
  assert.equal(rampAt(r, 99), 0.04);
  assert.equal(rampAt(r, -1), 0);
});
