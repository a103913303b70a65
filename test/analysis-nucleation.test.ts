import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nucleationOverpotential } from '../src/analysis/nucleation.js';
import { InputError } from '../src/errors.js';

/** A plating segment: rest-free start, a dip of `dip` V above a plateau `plateau` V, sign -1 (plating). */
function trace(n: number, dt: number, plateau: number, dip: number, tipAt: number, sign = -1) {
  const t: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(i * dt);
    // rise to the tip at index tipAt, then exponential relaxation to the plateau
    let v: number;
    if (i <= tipAt) v = (plateau + dip) * (i / tipAt);
    else v = plateau + dip * Math.exp(-(i - tipAt) / 5);
    e.push(sign * v);
  }
  return { t, e };
}

test('a constructed dip of 30 mV gives 30 mV', () => {
  const { t, e } = trace(400, 1, 0.020, 0.030, 10);
  const r = nucleationOverpotential(t, e);
  assert.ok(Math.abs(r.peak_V - 0.050) < 1e-12, `peak ${r.peak_V}`);
  assert.equal(r.peak_time_s, 10);
  assert.ok(Math.abs(r.plateau_V - 0.020) < 1e-9, `plateau ${r.plateau_V}`);
  assert.ok(Math.abs(r.nucleation_V - 0.030) < 1e-9, `nucleation ${r.nucleation_V}`);
});

test('sign convention does not matter (works on |eta|), Float64Array accepted', () => {
  const { t, e } = trace(200, 0.5, 0.015, 0.008, 4, +1);
  const r = nucleationOverpotential(Float64Array.from(t), Float64Array.from(e));
  assert.ok(Math.abs(r.nucleation_V - 0.008) < 1e-9);
  const n = nucleationOverpotential(t, e.map((x) => -x));
  assert.equal(n.nucleation_V, r.nucleation_V);
});

test('a plating that starts on the other side of 0 V (a Li||Cu cell from its open circuit; underpotential deposition) reads the dip, not that start (review38)', () => {
  // a Li||Cu plating as a cycler records it: from the Cu's open-circuit 2.8 V down through 0 V in 20 s, the dip
  // at -120 mV at 60 s, then a -30 mV plateau: a 90 mV nucleation overpotential (it read 1400 - 30 = 1370 mV)
  const t: number[] = [], e: number[] = [];
  for (let s = 0; s <= 3600; s += 10) {
    t.push(s);
    e.push(s <= 20 ? 2.8 * (1 - s / 20) : s <= 60 ? -0.12 * (s - 20) / 40 : -0.03 - 0.09 * Math.exp(-(s - 60) / 60));
  }
  const r = nucleationOverpotential(t, e);
  assert.ok(Math.abs(r.peak_V - 0.12) < 1e-12, `peak ${r.peak_V}`);
  assert.equal(r.peak_time_s, 60);
  assert.ok(Math.abs(r.nucleation_V - 0.09) < 1e-6, `nucleation ${r.nucleation_V}`);
  // the same in the other sign convention (a cell wired the other way round)
  assert.equal(nucleationOverpotential(t, e.map((x) => -x)).nucleation_V, r.nucleation_V);
  // a start only on the other side, and then a plateau with no dip: no dip (<= 0), not the open circuit
  const rising = nucleationOverpotential(t, t.map((s) => (s < 30 ? 0.5 : -0.01 - 1e-5 * s)));
  assert.ok(rising.nucleation_V <= 0, `no dip: ${rising.nucleation_V}`);
});

test('plateau is the median of the later window (robust to a spike there)', () => {
  const t = Array.from({ length: 101 }, (_, i) => i);
  const e: number[] = t.map((i) => (i === 3 ? -0.1 : -0.04));
  e[90] = -0.5; // one noisy spike in the plateau window; the median ignores it
  const r = nucleationOverpotential(t, e);
  assert.ok(Math.abs(r.plateau_V - 0.04) < 1e-12);
  assert.ok(Math.abs(r.nucleation_V - 0.06) < 1e-12);
  // with plateauFrom 0.95 the window [95, 100] excludes the spike too; a window from 0.85 includes it but median holds
  assert.ok(Math.abs(nucleationOverpotential(t, e, { plateauFrom: 0.85 }).plateau_V - 0.04) < 1e-12);
});

test('no dip gives nucleation <= 0 (not clamped)', () => {
  const t = Array.from({ length: 50 }, (_, i) => i);
  const e = t.map((i) => -0.01 - 0.0001 * i); // slowly rising polarisation
  const r = nucleationOverpotential(t, e);
  assert.ok(r.nucleation_V < 0);
});

test('bad inputs throw InputError', () => {
  assert.throws(() => nucleationOverpotential([0, 1], [0, 1]), InputError);
  assert.throws(() => nucleationOverpotential([0, 1, 2], [0, 1]), InputError);
  assert.throws(() => nucleationOverpotential([0, 2, 1], [0, 1, 1]), InputError);
  assert.throws(() => nucleationOverpotential([0, 1, 2], [0, 1, 1], { plateauFrom: 1 }), InputError);
  // time that steps back or stands still names the samples (it said "time_s: got \"span 0 s\"")
  assert.throws(() => nucleationOverpotential([0, 2, 1], [0, 1, 1]), { message: 'time_s[2]: got 1, expected a time >= 2 s (time_s[1]): non-decreasing sample times within one plating segment' });
  assert.throws(() => nucleationOverpotential([NaN, 5, 5, 5], [0, 1, 1, 1]), { message: /^time_s\[1\.\.3\]: got "5 s at every finite sample", expected a time that grows/ });
});
