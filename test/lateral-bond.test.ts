/**
 * A metal set's `lateralBond` is the bond: the rates take every lateral bond as E_mm (one energy function, docs/model.md),
 * and since energyaudit a run's `kinetics.lateralBond` other than the bond is refused. `params show` (text and JSON),
 * `cite` and a run's provenance say so, and a `parameters:` block's metal is held to the same rule as `kinetics:`
 * (mends61: they listed `lateralBond` as an assumed value of its own that the run used, kept the set's old value under
 * `kinetics: { bond }`, and a parameters block's other value ran as if absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers/cli.js';
import { tempFolder } from './helpers/tmp.js';
import { parseRunInput } from '../src/input/parse.js';
import { formatCitations, runSetsOf, runSources } from '../src/cite/citations.js';
import { screenSources } from '../src/cite/screen.js';
import { buildParamSets, builtinSets } from '../src/params/index.js';
import { NOT_USED_BY_THE_RUN } from '../src/params/registry.js';
import type { MetalSet } from '../src/params/types.js';

const tmp = tempFolder('lateral-bond');
const RUN = { lattice: { size: [6, 5, 8], voxel: '10 nm' }, host: 'graphene', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] };
const lineOf = (text: string, key: string) => text.split('\n').find((l) => new RegExp(`^ {2}${key} `).test(l)) ?? '';
const valueOf = (line: string) => /^ {2}\w+ +(\S+ \S+)/.exec(line)?.[1];

test('params show: each metal set\'s lateralBond line reads as the bond (its value, "= bond", not used as a parameter of its own), not as an assumed value; the JSON says the same', async () => {
  for (const metal of Object.keys(builtinSets().metals)) {
    const text = await cli(['params', 'show', metal, '--kind', 'metal']);
    assert.equal(text.code, 0, text.stderr);
    const bond = lineOf(text.stdout, 'bond'), lateral = lineOf(text.stdout, 'lateralBond');
    assert.ok(bond && lateral, text.stdout);
    assert.equal(valueOf(lateral), valueOf(bond), lateral);
    assert.match(lateral, /= bond/, lateral);
    assert.match(lateral, /not used by the run/, lateral);
    assert.doesNotMatch(lateral, /ASSUMED/, lateral);
    const json = await cli(['params', 'show', metal, '--kind', 'metal', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const o = JSON.parse(json.stdout) as { set: MetalSet; resolved: { bond_eV: number; lateralBond_eV: number } };
    assert.equal(o.set.lateralBond.value, o.set.bond.value);
    assert.equal(o.set.lateralBond.unit, o.set.bond.unit);
    assert.notEqual(o.set.lateralBond.source.assumed, true);
    assert.ok((o.set.lateralBond.source.note ?? '').startsWith(NOT_USED_BY_THE_RUN), JSON.stringify(o.set.lateralBond));
    assert.equal(o.resolved.lateralBond_eV, o.resolved.bond_eV);
  }
});

test('cite: a run\'s lateralBond is listed apart, as a value the run does not use, and in no cited or assumed source\'s list', () => {
  const run = parseRunInput({ metal: 'Li', ...RUN }, {});
  const sources = runSources(run.provenance, runSetsOf(run));
  const users = (pred: (s: (typeof sources)[number]) => boolean) => sources.filter(pred).flatMap((s) => s.used_by);
  assert.ok(!users((s) => !s.unused).some((u) => /lateralBond/.test(u)), JSON.stringify(sources));
  assert.ok(users((s) => !!s.unused).includes('Li.lateralBond'), JSON.stringify(sources));
  assert.ok(users((s) => !s.unused).includes('Li.bond'), 'the bond itself is still a value of the run');
  const text = formatCitations(sources);
  assert.match(text, /given but not used by the run, so not cited .*\n {6}for [^\n]*Li\.lateralBond/, text);
});

test('kinetics: { bond } alone, or a parameters block\'s bond: the set\'s lateralBond follows it (it kept the set\'s old value in the provenance and params show)', async () => {
  const run = parseRunInput({ metal: 'Li', ...RUN, kinetics: { bond: '0.08 eV' } }, {});
  const m = (run.provenance as { metal: MetalSet }).metal;
  assert.equal(m.bond.value, 0.08);
  assert.deepEqual([m.lateralBond.value, m.lateralBond.unit], [m.bond.value, m.bond.unit]);
  assert.equal(run.metal.lateralBond_eV, run.metal.bond_eV);
  const f = join(tmp, 'bond.yaml');
  writeFileSync(f, 'metals:\n  Na: { bond: 120 meV }\n');
  const show = await cli(['params', 'show', 'Na', '--kind', 'metal', '--input', f]);
  assert.equal(show.code, 0, show.stderr);
  assert.equal(valueOf(lineOf(show.stdout, 'lateralBond')), valueOf(lineOf(show.stdout, 'bond')), show.stdout);
  assert.equal(valueOf(lineOf(show.stdout, 'bond')), '120 meV');
});

test('a parameters block\'s metal lateralBond other than its bond is refused as kinetics\' is, naming the field, the value and the bond; the bond\'s value (in any unit) runs; a new metal needs none', () => {
  const refused = (metals: Record<string, unknown>, field: RegExp, got: RegExp, bond: RegExp) => assert.throws(() => buildParamSets({ user: { metals } }),
    (e: Error) => e.name === 'InputError' && field.test(e.message) && got.test(e.message) && bond.test(e.message) && /bond/.test(e.message));
  refused({ Li: { lateralBond: '0.3 eV' } }, /parameters\.metals\.Li\.lateralBond/, /got "0\.3 eV"/, /0\.1 eV/);
  refused({ K: { bond: '0.07 eV', lateralBond: '0.1 eV' } }, /parameters\.metals\.K\.lateralBond/, /got "0\.1 eV"/, /0\.07 eV/);
  assert.throws(() => parseRunInput({ metal: 'Li', ...RUN, parameters: { metals: { Li: { lateralBond: '0.2 eV' } } } }, {}), /parameters\.metals\.Li\.lateralBond/);
  // the bond's own value, in another unit too
  assert.equal(buildParamSets({ user: { metals: { Li: { lateralBond: '100 meV' } } } }).metals.Li!.lateralBond.value, 0.1);
  const li = builtinSets().metals.Li!;
  const given = Object.fromEntries(Object.entries(li).filter(([k, v]) => k !== 'lateralBond' && typeof v === 'object' && v !== null && 'value' in v && k !== 'doubleLayerCapacitance' && k !== 'meltingPoint')
    .map(([k, v]) => [k, { value: (v as { value: number }).value, unit: (v as { unit: string }).unit === '1' ? '' : (v as { unit: string }).unit }]));
  const mx = buildParamSets({ user: { metals: { Mx: { ...given, bond: '0.09 eV' } } } }).metals.Mx!;
  assert.deepEqual([mx.lateralBond.value, mx.lateralBond.unit], [0.09, 'eV']);
});

test('cite of a screen file: the candidates\' lateralBond is listed apart, as a value the runs do not use, as a run\'s cite lists it (it read "definition: = bond")', async () => {
  const { sources } = await screenSources('examples/screen-li.yaml');
  const lateral = sources.filter((s) => s.used_by.some((u) => /lateralBond/.test(u)));
  assert.ok(lateral.length > 0, JSON.stringify(sources.map((s) => [s.ref, s.used_by])));
  assert.ok(lateral.every((s) => s.unused), JSON.stringify(lateral));
  assert.match(formatCitations(sources, 'this screen'), /given but not used by the run, so not cited .*\n {6}for [^\n]*lateralBond/);
});
