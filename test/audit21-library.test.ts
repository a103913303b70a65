/**
 * The library API as a scripting user meets it (branch audit21): each mistake a caller can make in
 * an object is one InputError naming the field, the value and what was expected, before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../src/errors.js';
import { nucleation } from '../src/nucleation/index.js';

const oneLine = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes('\n');

test('nucleation(): a library request is checked before the atomistic stage (a negative capacity looped for ever, a current of 0 reported 0 mV, text currents and SAC numbers failed naming internal fields)', () => {
  const req = { metal: 'Li', host: 'graphene', sac: { binding_eV: -2.0, reference_eV: -1.2, element: 'Zn' }, loading: '1 wt%', current_A_per_m2: 10, atomistic: { runs: 4, L: 12, target: 16, maxEvents: 20000 } };
  const cases: [string, unknown, RegExp][] = [
    ['no request', undefined, /^request: got nothing \(field missing\), expected a nucleation request/],
    ['negative capacity (hung)', { ...req, capacity_C_per_m2: -1 }, /^capacity_C_per_m2: got -1, expected a plated capacity in C\/m2/],
    ['current 0 (reported 0 mV)', { ...req, current_A_per_m2: 0 }, /^current_A_per_m2: got 0, expected a plating current density in A\/m2/],
    ['current as text (plateau.maxDuration_s after the atomistic stage)', { ...req, current_A_per_m2: '1 mA/cm2' }, /^current_A_per_m2: got "1 mA\/cm2"/],
    ['a key of the CLI', { ...req, current: '1 mA/cm2' }, /^request\.current: got "1 mA\/cm2", expected no such key/],
    ['temperature out of range (no law found)', { ...req, T_K: -5 }, /^T_K: got -5, expected a temperature in K, a number from 150 to 400/],
    ['atomistic box as text ("x x x sites")', { ...req, atomistic: { L: 'x' } }, /^atomistic\.L: got "x", expected an integer from 4 to 256/],
    ['atomistic typo', { ...req, atomistic: { run: 4 } }, /^atomistic\.run: got 4, expected no such key \(did you mean "runs"\?\)/],
    ['SAC binding as text ("energy: got {...}")', { ...req, sac: { binding_eV: 'x' } }, /^sac\.binding_eV: got "x", expected an energy in eV, a number from -10 to 10/],
    ['SAC key of the CLI text', { ...req, sac: { binding: -2 } }, /^sac\.binding: got -2, expected no such key \(did you mean "binding_eV"\?\)/],
    ['SAC as a number', { ...req, sac: 5 }, /^sac: got 5, expected a SAC name/],
    ['named SAC with a stray key', { ...req, sac: { name: 'Zn-N4', loading: '2 %' } }, /^sac\.loading: got "2 %", expected no such key; a named SAC has name and migration_eV/],
  ];
  for (const [what, r, re] of cases) {
    const t0 = performance.now();
    assert.throws(() => nucleation(r as never), oneLine(re), what);
    assert.ok(performance.now() - t0 < 500, `${what}: refused before any work`);
  }
});
