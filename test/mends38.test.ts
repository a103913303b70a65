/**
 * Session 31, task mends38: leftovers of branch mends37, each test failing on the code before its fix.
 * (3) A quantity whose number is a word ("inf K", "nan K", "-Infinity nm": text, not YAML's bare .inf) said
 * "expected a temperature with a unit" of a value that has one: it is not a finite number, refused as "1e400 K"
 * and a bare .inf are (with the field's range, or without one, "with a finite number"); its unit is said first.
 * (2) The sector scheme (src/parallel/) ends the kMC clock of a step that reaches its charge within a cycle at the
 * box's last event (mends37), but weighted that cycle's overpotential by its whole tau in the time-weighted plateau
 * (eta_plateau_mV): it is weighted by its time up to the last event now.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRunInput } from '../src/input/schema.js';
import { parseQuantity } from '../src/units.js';
import { runSectors } from '../src/parallel/sector-run.js';

const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };
const refused = (patch: Record<string, unknown>): string => {
  try { validateRunInput({ ...INPUT, ...patch }); } catch (e) { return (e as Error).message; }
  return 'accepted';
};

test('a number word ("inf K", "nan K") is refused as not finite, with the field\'s range as "1e400 K" is, not "with a unit"', () => {
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  for (const t of ['inf K', 'nan K', '-inf K', '+Infinity K', 'NaN degC', '.inf K', '1e400 K']) assert.equal(refused({ temperature: t }), `temperature: got "${t}", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: 'inf nm' } }), 'lattice.voxel: got "inf nm", expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: 'nan eV' } } } }), 'parameters.metals.Li.bond: got "nan eV", expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at inf mA/cm2'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at inf mA/cm2", expected a current density after "at" with a finite number (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "inf mA/cm2" (inf is not finite)');
  assert.equal(refused({ protocol: ['Pulse at nan mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'] }),
    'protocol[0]: got "Pulse at nan mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2", expected a current density after "at" with a finite number (e.g. 3 mA/cm2), not "nan mA/cm2" (nan is not finite)');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('T', 'inf K', 'temperature'), (e: Error) => e.message === 'T: got "inf K", expected a temperature with a finite number (inf is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('x', '-Infinity nm', 'length'), (e: Error) => e.message === 'x: got "-Infinity nm", expected a length with a finite number (-Infinity is not finite), e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('f', 'nan', 'fraction'), (e: Error) => e.message === 'f: got "nan", expected a fraction with a finite number (nan is not finite), e.g. "2 %"');
  // an unknown unit is said first, as for "1e400 furlongs"; a word that only starts like one is no number
  assert.equal(refused({ temperature: 'inf furlongs' }), 'temperature: got "inf furlongs", expected a temperature in K (kelvin) or degC, e.g. "25 degC" or "298.15 K"');
  assert.throws(() => parseQuantity('x', 'inf furlongs', 'length'), (e: Error) => e.message === 'x: got "inf furlongs", expected a length; unknown unit "furlongs", e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('t', 'nanoseconds', 'time'), (e: Error) => e.message === 't: got "nanoseconds", expected a time with a unit, e.g. "10 s"');
  // a finite number is read as before
  assert.equal(parseQuantity('T', '25 degC', 'temperature'), 298.15);
});

test('sector scheme: the cycle that reaches the step\'s charge weighs in the time-weighted plateau overpotential up to the box\'s last event, as the clock ends', async () => {
  const input = { metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' }, protocol: ['Plate 0.013 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' } };
  const a = await runSectors(input, { threads: 2, phaseLog: true });
  assert.equal(a.ended, 'charge');
  // the same run stopped at the end of the cycle before its last (a run is deterministic for its seed and threads;
  // eventLimit stops at the first cycle end with that many events): the box's events after cycle K - 1
  const phasesBefore = 2 * (a.cycles - 1); // two strips a thread, a phase each per cycle (3 numbers a phase)
  let events = 0;
  for (const log of a.phases!) for (let i = 0; i < phasesBefore; i++) events += log[3 * i]!;
  const b = await runSectors(input, { threads: 2, eventLimit: events });
  assert.equal(b.ended, 'event_limit');
  assert.equal(b.cycles, a.cycles - 1);
  // the last cycle's eta is the one b ended with; it held from b's end to a's last event (a's clock), not to T + tau
  const held = a.kmc_time_s - b.cycles_end_s, tau = a.cycles_end_s - b.cycles_end_s;
  assert.ok(held > 0 && held < tau * (1 - 1e-6), `held ${held} s of tau ${tau} s`);
  assert.ok(Math.abs(a.eta_plateau_s / (b.eta_plateau_s + held) - 1) < 1e-9, `plateau time ${a.eta_plateau_s} s, ${b.eta_plateau_s} s + ${held} s`);
  const sum = b.eta_plateau_mV * b.eta_plateau_s + b.eta_end_mV * held;
  assert.ok(Math.abs((a.eta_plateau_mV * a.eta_plateau_s) / sum - 1) < 1e-9, `plateau ${a.eta_plateau_mV} mV over ${a.eta_plateau_s} s`);
  // the whole tau (the weighting before) gives another mean, farther than rounding
  const old = (b.eta_plateau_mV * b.eta_plateau_s + b.eta_end_mV * tau) / (b.eta_plateau_s + tau);
  assert.ok(Math.abs(old / a.eta_plateau_mV - 1) > 1e-7, `${old} mV (whole tau), ${a.eta_plateau_mV} mV`);
});

test('a Pulse step\'s off time, on time and capacity beyond a double are named with their article ("an off time", not "a off time")', () => {
  const pulse = (step: string) => refused({ protocol: [step] });
  assert.match(pulse('Pulse at 3 mA/cm2 for 1 ms, rest 1e400 ms, 2 mAh/cm2'), /expected an off time after "rest" with a finite number/);
  assert.match(pulse('Pulse at 3 mA/cm2 for 1e400 ms, rest 3 ms, 2 mAh/cm2'), /expected an on time after "for" with a finite number/);
  assert.match(pulse('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 1e400 mAh/cm2'), /expected an areal capacity to pass with a finite number/);
  assert.match(pulse('Pulse at 1e400 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'), /expected a current density after "at" with a finite number/);
});
