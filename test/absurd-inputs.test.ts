/**
 * Absurd inputs robust62 saw taken (mends62b): a full-cell loading of 1e300 mg/cm2 (a first discharge of 1.68e+299
 * mAh/cm2), `elements Fe Fe Fe` (listed once without a word), solveOverpotential(1e308, ...) (NaN), a bare `axes:` in a
 * sweep (read as no axes), a Date or a Map given as a library call's options (taken as an empty map). Each is now an
 * InputError naming the field, the value and what is expected, or (elements) a note; solveOverpotential answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/errors.js';
import { fullCellOf } from '../src/fullcell/library.js';
import { solveOverpotentialChecked as solveOverpotential } from '../src/electrochem/galvanostat.js';
import { parseSweep } from '../src/sweep/spec.js';
import * as lib from '../src/index.js';
import { cli } from './helpers/cli.js';

const fc = (over: Record<string, unknown>) => fullCellOf({ cathode: 'LFP', np: 1, cycles: 3, anode: { ce: 0.99 }, ...over });

test('a full-cell loading or capacity past any electrode (1e300 mg/cm2, 5000 mAh/cm2) is refused naming the field and the range; 20 mg/cm2 and 1000 mg/cm2 run', () => {
  for (const [field, v] of [['loading', '1e300 mg/cm2'], ['loading', '1001 mg/cm2'], ['capacity', '1e300 mAh/cm2'], ['capacity', '5000 mAh/cm2']] as const) {
    assert.throws(() => fc({ [field]: v }), (e: unknown) => e instanceof InputError && e.field === field && e.message.startsWith(`${field}: got "${v}", expected `)
      && /at most 1000 (mg|mAh)\/cm2/.test(e.message), `${field} ${v}`);
  }
  assert.ok(fc({ loading: '20 mg/cm2' }).results.length > 0);
  assert.ok(fc({ loading: '1000 mg/cm2' }).results.length > 0);
  assert.ok(fc({ capacity: '1000 mAh/cm2' }).results.length > 0);
});

test('`elements Fe Fe Fe` (and fe FE): listed once, with a note saying so (stderr; in the JSON\'s notes)', async () => {
  const r = await cli(['elements', 'Fe', 'fe', 'FE', 'Co']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter((l) => /^Fe\s/.test(l)).length, 1);
  assert.match(r.stderr, /^note: Fe was given 3 times \(Fe, fe, FE\); it is listed once$/m);
  const j = await cli(['elements', 'Fe', 'Fe', '--format', 'json']);
  const data = JSON.parse(j.stdout) as { elements: unknown[]; notes: string[] };
  assert.equal(data.elements.length, 1);
  assert.ok(data.notes.includes('Fe was given 2 times (Fe, Fe); it is listed once'), JSON.stringify(data.notes));
  const one = await cli(['elements', 'Fe', 'Co']);
  assert.doesNotMatch(one.stderr, /given \d+ times/);
});

test('solveOverpotential never answers NaN: extreme rates are answered (1e308: the root of the equation) or refused', () => {
  // A x^2 - r x - B = 0 with x = exp(f eta / 2): A = 1e308, B = r = 1 gives x = sqrt(B / A) to 1e-154 relative
  const f = 38.9;
  const eta = solveOverpotential(1e308, 1, 1, 0.5, f);
  assert.ok(Math.abs(eta - (2 / f) * Math.log(Math.sqrt(1 / 1e308))) < 1e-9 * Math.abs(eta), String(eta));
  const big = [0, 1e-320, 1e-300, 1e-3, 1, 1e3, 1e300, 1e308, Number.MAX_VALUE];
  let answered = 0;
  for (const A of big) for (const B of big) for (const r of [...big, ...big.map((x) => -x)]) for (const alpha of [0.5, 0.3]) {
    let v: number;
    try { v = solveOverpotential(A, B, r, alpha, f); } catch (e) { assert.ok(e instanceof InputError, String(e)); continue; }
    assert.ok(!Number.isNaN(v), `A ${A}, B ${B}, r ${r}, alpha ${alpha}: NaN`);
    // both rates positive: a finite root exists, and the answer is finite
    if (A > 0 && B > 0) assert.ok(Number.isFinite(v), `A ${A}, B ${B}, r ${r}, alpha ${alpha}: ${v}`);
    answered++;
  }
  assert.ok(answered > 0);
});

test('a sweep whose `axes:` is left bare (null) is refused naming axes; axes left out is still the base run', () => {
  const base = { metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'] };
  assert.throws(() => parseSweep({ base, axes: null, seeds: [1, 2] }), (e: unknown) => e instanceof InputError && e.field === 'axes' && /^axes: got null, expected a map of parameter path -> list of values/.test(e.message) && /leave axes out/.test(e.message));
  assert.equal(parseSweep({ base, seeds: [1, 2] }).axes.length, 0);
});

test('a Date or a Map given as a library call\'s options is refused ("a plain object"), not taken as an empty map', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-absurd-'));
  try {
    const run = { metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } };
    const calls: [string, string, (o: unknown) => unknown][] = [
      ['simulate', 'options', (o) => lib.simulate(run, o as never)],
      ['runSeeds', 'options', (o) => lib.runSeeds(run, [1], o as never)],
      ['compare', 'options', (o) => lib.compare({ ...run, compare: { a: {}, b: { seed: 2 } } } as never, o as never)],
      ['runSweep', 'options', (o) => lib.runSweep({ base: run, seeds: [1] }, o as never)],
      ['nucleation', 'options', (o) => lib.nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10 } as never, o as never)],
      ['fullCell', 'options', (o) => lib.fullCell({ cathode: 'LFP', np: 1, cycles: 3, anode: { ce: 0.99 } } as never, o as never)],
      ['renderFigures', 'options', (o) => lib.renderFigures(dir, o as never)],
      ['parseRunInput', 'options', (o) => lib.parseRunInput(run, o as never)],
      ['Simulation', 'config', (o) => new lib.Simulation(lib.parseRunInput(run), o as never)],
      ['nucleationOverpotential', 'opts', (o) => lib.nucleationOverpotential([0, 1], [0, 0], o as never)],
      ['literature.list', 'options', (o) => lib.literature.list(o as never)],
      ['elements', 'options', (o) => lib.elements(['Fe'], o as never)],
      ['anodeCapacity', 'options', (o) => lib.anodeCapacity(o as never)],
      ['runScreen', 'options', (o) => lib.runScreen('no-such-screen.yaml', o as never)],
      ['runSectors', 'options', (o) => lib.runSectors(run, o as never)],
    ];
    for (const [name, field, call] of calls) {
      for (const bad of [new Date(0), new Map([['threads', 2]])]) {
        let err: unknown;
        try { await call(bad); } catch (e) { err = e; }
        assert.ok(err instanceof InputError && err.field === field && /expected a plain object/.test(err.message), `${name}(${bad.constructor.name}): ${err instanceof Error ? err.message : 'no error'}`);
      }
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
