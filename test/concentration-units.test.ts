/**
 * review70: the concentration units electrochemists write (mM, M, mol/L, mmol/L, mol/dm3, uM) read wherever a
 * concentration is read: src/units.ts parseQuantity (an inline electrolyte's `concentration` in a run file, a
 * comparison's variant, a sweep's run), a sweep's result columns (sweep/results.ts reads an axis' units with parseUnit),
 * and an unknown unit is refused naming the field, the value and the units accepted. Until review70 "2 mM" was refused
 * as an unknown unit (audit70c). Also: the Ehrlich-Schwoebel note `params show` prints says what the app does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../src/errors.js';
import { parseQuantity } from '../src/units.js';
import { parseRunInput } from '../src/input/parse.js';
import { resultTable } from '../src/sweep/results.js';
import type { SweepRow } from '../src/sweep/store.js';
import { METALS } from '../src/params/metals.js';

const conc = (text: string) => parseQuantity('electrolyte.concentration', text, 'concentration');
const near = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * Math.abs(y);

test('concentrations read as electrochemists write them, in mol/m3; mM and M are not mega-anything', () => {
  // 1 mol/m3 = 1 mmol/L = 1 mM; 1 M = 1 mol/L = 1 mol/dm3 = 1000 mol/m3
  const cases: [string, number][] = [
    ['2 mM', 2], ['1 M', 1000], ['0.5 M', 500], ['1 mol/L', 1000], ['10 mmol/L', 10], ['1 mol/dm3', 1000],
    ['1 mol dm-3', 1000], ['3 mol/m3', 3], ['500 uM', 0.5], ['500 µM', 0.5], ['2 mmol/dm3', 2],
  ];
  for (const [text, want] of cases) assert.ok(near(conc(text), want), `${text}: ${conc(text)} mol/m3, want ${want}`);
  // case matters, as SI writes it: "MM" (mega-molar?) is no unit, "mm" is the millimetre (a length, not a concentration)
  assert.throws(() => conc('1 MM'), (e: unknown) => e instanceof InputError && /unknown unit "MM"/.test(e.message));
  assert.throws(() => conc('2 mm'), (e: unknown) => e instanceof InputError && /not "mm"/.test(e.message));
  assert.equal(parseQuantity('lattice.voxel', '2 mm', 'length'), 2e-3);
  // mM is a concentration in every kind: not a millimetre, not mega-anything
  assert.throws(() => parseQuantity('lattice.voxel', '2 mM', 'length'), (e: unknown) => e instanceof InputError && /not "mM"/.test(e.message));
  assert.throws(() => parseQuantity('current', '2 M', 'currentDensity'), (e: unknown) => e instanceof InputError && /not "M"/.test(e.message));
});

test('an unknown concentration unit names the field, the value and the units accepted', () => {
  for (const text of ['2 mmolar', '2 molar', '2 N']) {
    assert.throws(() => conc(text), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'electrolyte.concentration');
      assert.equal(e.value, text);
      for (const u of ['mM', 'mol/L', 'mmol/L', 'mol/dm3', 'mol/m3']) assert.ok(e.message.includes(u), `${text}: ${e.message} names ${u}`);
      assert.match(e.message, /\bM\b/);
      return true;
    });
  }
});

test('a run file\'s inline electrolyte reads "2 mM" as 2 mol/m3 and "1 mol/L" as 1 M', () => {
  const run = (c: string) => parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 24], voxel: '100 nm' }, protocol: ['Plate at 0.01 mA/cm2 for 0.001 mAh/cm2'], seed: 1,
    output: { snapshots: false }, electrolyte: { concentration: c, diffusivity: '3e-6 cm2/s', transference: 0.38 },
  }).transport!.electrolyte.c0_mol_per_m3;
  assert.equal(run('2 mM'), 2);
  assert.equal(run('1 mol/L'), 1000);
  assert.ok(near(run('1 mol/dm3'), 1000));
  // below the accepted range (0.001 to 10 M) it is the range that is said
  assert.throws(() => run('0.5 mM'), (e: unknown) => e instanceof InputError && e.field === 'electrolyte.concentration' && /from 0\.001 to 10 M/.test(e.message));
});

test('a sweep\'s concentration axis in mM and M gets one number column (mM), 1 M as 1000', () => {
  const row = (index: number, c: string): SweepRow => ({ index, hash: `h${index}`, label: { 'electrolyte.concentration': c }, status: 'pending' });
  const t = resultTable([row(0, '2 mM'), row(1, '1 M'), row(2, '500 mM')]);
  const col = t.columns.indexOf('electrolyte.concentration_mM');
  assert.ok(col >= 0, t.columns.join(', '));
  assert.deepEqual(t.rows.map((r) => r[col]), [2, 1000, 500]);
});

test('the Ehrlich-Schwoebel note `params show` prints says the barrier is paid across a step edge both ways, as the app does', () => {
  for (const m of ['Li', 'Na', 'K']) {
    const note = METALS[m]!.schwoebel.source.note ?? '';
    assert.match(note, /down/, `${m}: ${note}`);
    assert.match(note, /\bup\b/, `${m}: ${note}`);
  }
});
