/**
 * review37: defects a user met following the README and trying inputs at the edges (docs/history.md, review37).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { SweepStore } from '../src/sweep/store.js';
import { parseSweep } from '../src/sweep/spec.js';
import { planSweep } from '../src/sweep/run.js';

const tmp = tempFolder('review37');

test('a walker rest on a clock reports its progress (its seconds of the rest) as it runs', async () => {
  const { simulate } = await import('../src/index.js');
  const run = {
    metal: 'Li', host: 'Cu', electrolyte: 'LiPF6-EC-DMC', seed: 1,
    lattice: { size: [32, 32, 160], voxel: '20 nm' },
    cell: { transport: 'walkers', drift: 'off' }, // this plating step leaves a walker in flight, which the rest walks
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s'],
    output: { snapshots: false },
  };
  const reports: { step: number; stepText: string; stepDone: number; stepTarget: number; stepUnit: string; fraction: number }[] = [];
  const r = simulate(run, { onProgress: (p) => { reports.push(p); } });
  assert.deepEqual(r.steps.map((s) => s.ended), ['charge', 'time']);
  assert.ok((r.metrics.walkers?.random_walk_steps ?? 0) > 0, 'walkers moved');
  const rest = reports.filter((p) => p.step === 1);
  assert.ok(rest.length >= 1, `the rest reported no progress (reports of steps ${[...new Set(reports.map((p) => p.step))].join(', ')})`);
  for (const p of rest) {
    assert.equal(p.stepText, 'Rest for 0.05 s');
    assert.equal(p.stepUnit, 's');
    assert.equal(p.stepTarget, 0.05);
    assert.ok(p.stepDone > 0 && p.stepDone <= 0.05, `rest done ${p.stepDone} s of 0.05 s`);
    assert.ok(p.fraction > 0.5 && p.fraction <= 1, `run fraction ${p.fraction}`);
  }
});

test('a sweep axis value .nan or .inf (YAML) is named as written in the invalid task\'s line and kept in the store\'s label', () => {
  const spec = parseSweep({
    name: 'nonfinite', seeds: [1],
    base: { metal: 'Li', host: 'graphene', lattice: { size: [8, 8, 8], voxel: '10 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] },
    axes: { temperature: [NaN, Infinity, '25 degC'] },
  }, { baseDir: tmp });
  const store = SweepStore.open(join(tmp, 'sweep.db'));
  try {
    const plan = planSweep(store, spec);
    const lines = plan.invalid.map((t) => t.error!.message);
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /^task 0 \(temperature=NaN, seed=1\): temperature: got NaN/);
    assert.match(lines[1]!, /^task 1 \(temperature=Infinity, seed=1\): temperature: got Infinity/);
    assert.deepEqual(store.sweepRows('nonfinite').map((r) => r.label.temperature), ['NaN', 'Infinity', '25 degC']);
  } finally { store.close(); }
});

test('a descriptor CSV\'s synthesis_temperature_C out of range is refused naming that column and the number as the file holds it', async () => {
  const { writeFileSync } = await import('node:fs');
  const { descriptorCandidates } = await import('../src/screen/spec.js');
  const head = 'name,element,binding_vs_support_eV,migration_barrier_eV,desolvation_shift_eV,distortion_A,loading,synthesis,synthesis_temperature_C,source\n';
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'N-graphene', protocol: ['Plate at 1 mA/cm2 for 1 s'] };
  const rows = (t: string) => { const f = join(tmp, 'd.csv'); writeFileSync(f, `${head}Mo-N4,Mo,-0.55,0.12,0.05,0.08,2 %,pyrolysis,${t},x\n`); return () => descriptorCandidates(f, base, tmp); };
  for (const t of ['-400', '2500']) {
    assert.throws(rows(t), (e: Error) => e.message === `d.csv row 2, synthesis_temperature_C: got "${t}", expected a number from 0 to 2000 (in degC, the unit of the column's name), e.g. 850`, `row with ${t}`);
  }
  assert.equal(rows('850')()[0]!.synthesis.temperature_C, 850);
});

test('a length, area or volume in "A" (the angstrom as ASE writes it) is refused with the angstrom\'s spelling; the ampere stays refused', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { parseQuantity } = await import('../src/units.js');
  const run = (voxel: string) => () => parseRunInput({ metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 8], voxel }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'] });
  assert.throws(run('3 A'), (e: Error) => e.message === 'lattice.voxel: got "3 A", expected a length (unit like nm), not "A" ("A" is the ampere; the angstrom is "Å" or "angstrom")');
  assert.equal(run('3 Å')().lattice.voxel_m, parseQuantity('v', '0.3 nm', 'length'));
  assert.throws(() => parseQuantity('v', '21 A3', 'volume'), /not "A3" \("A" is the ampere; the angstrom is "Å3" or "angstrom3"\)$/);
  assert.throws(() => parseQuantity('v', '3 A', 'area'), /not "A"$/); // an area in A: no angstrom meant
});

test('a JSON run file\'s syntax error names its line and column, as a YAML file\'s names its line', async () => {
  const { writeFileSync } = await import('node:fs');
  const { readInputFile } = await import('../src/input/parse.js');
  const file = (name: string, text: string) => { const f = join(tmp, name); writeFileSync(f, text); return f; };
  // V8 gives no position for an unexpected token: found by the context it quotes
  const nan = file('nan.json', '{\n  "metal": "Li",\n  "host": "Cu",\n  "temperature": NaN,\n  "lattice": {"size": [8, 8, 8], "voxel": "20 nm"}\n}\n');
  assert.throws(() => readInputFile(nan), (e: Error) => e.message.startsWith(`${nan}:4: invalid JSON: Unexpected token 'N'`) && e.message.endsWith('(column 18)'), 'NaN at line 4');
  // a position: a comma missing at the end of line 3
  const comma = file('comma.json', '{\n  "metal": "Li",\n  "host": "Cu"\n  "temperature": "25 degC"\n}\n');
  assert.throws(() => readInputFile(comma), (e: Error) => e.message.startsWith(`${comma}:4: invalid JSON: Expected ',' or '}'`) && e.message.endsWith('(column 3)'), 'comma missing before line 4');
});
