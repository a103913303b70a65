/**
 * Session 31, task mends38: leftovers of branch mends37, each test failing on the code before its fix.
 * (3) A quantity whose number is a word ("inf K", "nan K", "-Infinity nm": text, not YAML's bare .inf) said
 * "expected a temperature with a unit" of a value that has one: it is not a finite number, refused as "1e400 K"
 * and a bare .inf are (with the field's range, or without one, "with a finite number"); its unit is said first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateRunInput } from '../src/input/schema.js';
import { parseQuantity } from '../src/units.js';

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
