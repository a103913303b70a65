/**
 * `cell: { transport: walkers }` (simulation/walker-step.ts, input/walker-run.ts): plating by
 * discrete ion walkers from a run file, with the engine's outputs, and one-line errors for the
 * combinations it does not model. The DLA dimension itself is measured in `npm run validate -- dla`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../src/errors.js';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { METAL } from '../src/lattice/voxel.js';
import { cliSpawnShape } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('walker-run');

// atomistic Li voxels (0.30 nm): one ion, one voxel
const base = (): Record<string, unknown> => ({
  metal: 'Li', host: 'Cu', lattice: { size: [20, 20, 48], voxel: '0.3 nm' },
  electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
  protocol: ['Plate 0.0001 mAh/cm2 at 2 mA/cm2'], seed: 4, output: { snapshots: false },
});

test('walkers from a run file: every voxel of the charge is one walker, the clock is n q / I, outputs are written, seeds repeat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-walkers-'));
  const run = parseRunInput(base());
  assert.equal(run.transport?.mode, 'walkers');
  const r = simulate(run, { outDir: dir });
  const m = r.metrics;
  const area_m2 = (20 * 0.3e-9) ** 2, q = m.charge_per_voxel_C;
  const expected = Math.round((0.0001 * 3.6 * 1e4 * area_m2) / q); // 0.0001 mAh/cm2 over the footprint, in voxels
  assert.ok(expected > 500, `${expected} voxels`);
  assert.deepEqual(m.steps_ended, ['charge']);
  assert.equal(m.deposited_voxels, expected);
  assert.equal(m.events, expected);
  assert.equal(m.reductions, expected);
  assert.equal(m.hops, 0);
  // the galvanostat's clock: n voxels of charge q at I = 2 mA/cm2 over the footprint
  const I = 2 * 10 * area_m2;
  assert.ok(Math.abs(m.time_s - (expected * q) / I) <= 1e-12 * m.time_s, `${m.time_s}`);
  assert.equal(m.short_circuit_s, null);
  assert.ok(m.walkers && m.walkers.random_walk_steps > expected);
  // no overpotential in this limit: the trace says so (NaN), the metric is absent, nothing made up
  assert.ok(r.trace.overpotential_mV.every((x) => Number.isNaN(x)));
  assert.ok(!Number.isFinite(m.nucleation_overpotential_mV));
  // every walker is a metal voxel in the lattice, which the VTK file holds
  for (const f of ['final.vti', 'final.extxyz', 'eta.csv', 'metrics.json', 'steps.csv']) assert.ok(existsSync(join(dir, f)), f);
  assert.match(readFileSync(join(dir, 'final.vti'), 'utf8'), /<VTKFile type="ImageData"/);
  const again = simulate(base(), {});
  assert.equal(again.metrics.deposited_voxels, expected);
  assert.deepEqual(again.trace.time_s, r.trace.time_s);
  assert.equal(again.metrics.walkers!.random_walk_steps, m.walkers.random_walk_steps, 'same seed, same walks');
  const other = simulate({ ...base(), seed: 5 }, {});
  assert.notEqual(other.metrics.walkers!.random_walk_steps, m.walkers.random_walk_steps);
});

test('walkers: a deposit that reaches a separator inside the box ends the step as a short circuit, with its time', () => {
  const r = simulate({ ...base(), cell: { transport: 'walkers', separator_distance: '6 nm' }, protocol: ['Plate 0.001 mAh/cm2 at 2 mA/cm2'] }, {});
  const m = r.metrics;
  assert.deepEqual(m.steps_ended, ['short_circuit']);
  assert.equal(m.short_circuit_s, m.time_s);
  // the plane is 20 voxels (6 nm) above the host's top: the deposit touches it (highest voxel one below the plane)
  assert.ok(Math.abs(m.max_height_nm - 6) < 0.31, `${m.max_height_nm} nm`);
  assert.ok(m.porosity > 0.5, `porosity ${m.porosity}: a sparse, tree-like deposit`);
});

test('walkers: the lattice holds exactly the deposited voxels, all of them metal', () => {
  // the library entry: count the lattice's metal against the metrics
  let code: Uint8Array | undefined;
  const r = simulate(base(), { onSimulation: (sim) => { code = sim.app.code; } });
  let metal = 0;
  for (const c of code!) if (c === METAL) metal++;
  assert.equal(metal, r.metrics.deposited_voxels);
});

test('walkers: combinations it does not model are refused in one line naming the field, the value and what is expected', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ protocol: ['Hold at -50 mV for 1 s'] }, /^protocol\[0\]: got "Hold at -50 mV for 1 s", expected a galvanostatic plating step .*not a potentiostatic hold/],
    [{ protocol: ['Plate 0.00004 mAh/cm2 at 2 mA/cm2', 'Strip at 2 mA/cm2 for 1 s'] }, /^protocol\[1\]: .*not stripping/],
    [{ protocol: [{ repeat: 2, steps: ['Plate 0.00004 mAh/cm2 at 2 mA/cm2', 'Strip at 2 mA/cm2 for 1 s'] }] }, /^protocol\[0\]\.steps\[1\]: .*not stripping/],
    [{ protocol: ['Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 0.00004 mAh/cm2'] }, /^protocol\[0\]: .*not a pulse/],
    [{ sei: 'carbonate' }, /^sei: got "carbonate", expected no SEI with cell\.transport: walkers/],
    [{ cell: { transport: 'walker' } }, /^cell\.transport: got "walker", expected field \(the concentration field, the default\) or walkers/],
    [{ cell: { transport: 'walkers', field_cell: '0.3 nm' } }, /^cell\.field_cell: got "0\.3 nm", expected no concentration-field option with cell\.transport: walkers/],
    [{ electrolyte: undefined }, /^cell: .*no cell geometry without an electrolyte/],
  ];
  for (const [patch, re] of bad) {
    assert.throws(() => parseRunInput({ ...base(), ...patch }), (e: unknown) => e instanceof InputError && re.test(e.message), JSON.stringify(patch));
  }
  // transport: field is today's concentration field
  assert.equal(parseRunInput({ ...base(), cell: { transport: 'field' } }).transport?.mode, undefined);
});

test('CLI: a walker run from a run file writes its outputs and says the short circuit; a bad combination exits 2 with one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-walkers-cli-'));
  const file = join(dir, 'w.yaml');
  writeFileSync(file, [
    'metal: Li', 'host: Cu', 'lattice: { size: [16, 16, 40], voxel: 0.3 nm }', 'electrolyte: LiPF6-EC-DMC',
    'cell: { transport: walkers, separator_distance: 4.5 nm }', 'protocol: [Plate 0.001 mAh/cm2 at 1 mA/cm2]', 'seed: 2', 'output: { snapshots: false }',
  ].join('\n'));
  const out = join(dir, 'out');
  const ok = await cliSpawnShape(['simulate', file, '--no-store', '--no-figures', '--out', out]); // in-process (test/helpers/cli.ts)
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /short circuit: the deposit reached the separator plane at t = [\d.e+-]+ s/);
  // mends71 (review58): where a field run prints its limiting current and Sand's time, a walker run with an electrolyte
  // says why it has neither (it printed no line about its electrolyte)
  assert.ok(ok.stdout.split('\n').includes("electrolyte LiPF6-EC-DMC (ion walkers): no limiting current or Sand's time: the walkers carry no salt concentration (each ion of the set current arrives and is reduced where it first touches the metal or the host, the fully transport-limited limit at any current); a field run (cell.transport: field) gives both"), ok.stdout);
  assert.ok(existsSync(join(out, 'final.vti')));
  writeFileSync(file, readFileSync(file, 'utf8').replace('Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Hold at -50 mV for 1 s'));
  const bad = await cliSpawnShape(['simulate', file, '--no-store']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /protocol\[0\]: got "Hold at -50 mV for 1 s", expected a galvanostatic plating step/);
});

test('mends72: compare and simulate --seeds say why a walker run has no limiting current or Sand\'s time, as simulate does (they printed no electrolyte line)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-walkers-lines-'));
  const head = ['metal: Li', 'host: Cu', 'lattice: { size: [8, 8, 16], voxel: 0.3 nm }', 'electrolyte: LiPF6-EC-DMC',
    'cell: { transport: walkers }', 'protocol: [Plate 0.00002 mAh/cm2 at 1 mA/cm2]', 'seed: 2', 'output: { snapshots: false }'];
  const why = "electrolyte LiPF6-EC-DMC (ion walkers): no limiting current or Sand's time: the walkers carry no salt concentration";
  const run = join(dir, 'run.yaml');
  writeFileSync(run, head.join('\n'));
  const s = await cliSpawnShape(['simulate', run, '--seeds', '2', '--no-store', '--threads', '1']);
  assert.equal(s.status, 0, s.stderr);
  // one line for the two seeds, as simulate words it (not once per seed)
  assert.equal(s.stdout.split('\n').filter((l) => l.includes('ion walkers')).length, 1, s.stdout);
  assert.ok(s.stdout.split('\n').some((l) => l.startsWith(why)), s.stdout);
  const cmp = join(dir, 'cmp.yaml');
  writeFileSync(cmp, [...head, 'variants:', '  - { name: on Cu, host: Cu }', '  - { name: on graphene, host: graphene }'].join('\n'));
  const c = await cliSpawnShape(['compare', cmp, '--no-store', '--threads', '1']);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout.split('\n').filter((l) => l.includes('ion walkers')).length, 1, c.stdout);
  assert.ok(c.stdout.split('\n').some((l) => l.startsWith(why)), c.stdout);
});
