/** `sacplate simulate` end to end: outputs, store record, one-line errors with exit code 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { cli as cliInProcess } from './helpers/cli.js';

const run = async (args: string[]) => { const r = await cliInProcess(args); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; }; // in-process (test/helpers/cli.ts), in the shape spawnSync returns

test('simulate writes its outputs, records the run in the store and prints metrics JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sim-'));
  const file = join(dir, 'run.yaml');
  writeFileSync(file, [
    'metal: Li', 'temperature: 25 degC', 'lattice: { size: [16, 16, 12], voxel: 10 nm }', 'host: graphene', 'kinetics: { terraceBarrier: 0.3 eV }',
    'sacs:', '  - { site: Zn-N4, loading: 3 %, arrangement: grid }', 'protocol:', '  - Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'seed: 4',
  ].join('\n'));
  const db = join(dir, 'store.db'), out = join(dir, 'out');
  // --no-figures (branch testtime10): the figures are not among the outputs checked here (engine-cli's late-SIGTERM
  // test checks a real CLI run's figures, test/figures.test.ts their content); rendering them was about 1 of this
  // file's CPU s (the first render in a process loads Vega and resvg)
  const r = await run(['simulate', file, '--out', out, '--json', '--db', db, '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  for (const k of ['charge_C_per_cm2', 'deposited_voxels', 'nucleation_overpotential_mV', 'mode', 'voxel_nm', 'events_per_s']) assert.ok(k in m, k);
  assert.equal(m.mode, 'mesoscale');
  for (const f of ['metrics.json', 'eta.csv', 'final.vti', 'final.extxyz', 'resolved.json']) assert.ok(existsSync(join(out, f)), f);
  assert.match(readFileSync(join(out, 'eta.csv'), 'utf8').split('\n')[0]!, /^time_s,charge_C_per_cm2,overpotential_mV/);
  const store = openStore(db);
  try {
    const runs = store.listRuns();
    assert.equal(runs.length, 1);
  } finally { store.close(); }
});

test('output.structures chooses the structure files (the extended XYZ of a 1e8-voxel run is 1.75 GB); a wrong format is one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-structures-'));
  const body = ['metal: Li', 'temperature: 25 degC', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'kinetics: { terraceBarrier: 0.3 eV }',
    'protocol:', '  - Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'seed: 2'];
  const file = join(dir, 'run.yaml'), out = join(dir, 'out');
  writeFileSync(file, [...body, 'output: { snapshots: true, structures: [vti] }'].join('\n'));
  const r = await run(['simulate', file, '--out', out, '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(out, 'final.vti')) && !existsSync(join(out, 'final.extxyz')), 'VTI only');
  const snaps = readdirSync(join(out, 'snapshots'));
  // the .vti snapshots and their ParaView series (snapshots.pvd), no extended XYZ
  assert.ok(snaps.length > 1 && snaps.every((f) => f.endsWith('.vti') || f === 'snapshots.pvd') && snaps.includes('snapshots.pvd'), snaps.join(', '));
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'resolved.json'), 'utf8')).output.structures, ['vti']);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, [...body, 'output: { structures: [xyz] }'].join('\n'));
  const b = await run(['simulate', bad, '--no-store']);
  assert.equal(b.status, 2);
  assert.match(b.stderr.trim(), /^sacplate: output\.structures\[0\]: got "xyz", expected vti or extxyz$/);
});

test('simulate: a wrong unit gives one line naming the field, exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-bad-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 12], voxel: 10 mV }\nhost: graphene\nprotocol:\n  - Plate at 1 mA/cm2 for 1 s\n');
  const r = await run(['simulate', file, '--no-store']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /lattice\.voxel/);
});

test('simulate --resume --force with no checkpoint starts over in a cleared folder: none of the previous run\'s snapshots or cycles stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-resume-force-'));
  const body = ['metal: Li', 'lattice: { size: [8, 8, 8], voxel: 10 nm }', 'host: Cu', 'seed: 3', 'output: { structures: [vti] }', 'protocol:', '  - Plate 0.00002 mAh/cm2 at 1 mA/cm2'];
  const two = join(dir, 'two.yaml'), one = join(dir, 'one.yaml');
  writeFileSync(two, [...body, '  - Strip 0.00002 mAh/cm2 at 1 mA/cm2'].join('\n'));
  writeFileSync(one, body.join('\n'));
  const out = join(dir, 'out'), fresh = join(dir, 'fresh');
  const tree = (d: string): string[] => (readdirSync(d, { recursive: true }) as string[]).sort();
  assert.equal((await run(['simulate', two, '--out', out, '--no-store', '--no-figures'])).status, 0);
  assert.ok(!existsSync(join(out, 'checkpoint.bin')) && existsSync(join(out, 'cycles.csv')), tree(out).join(' ')); // a finished two-step run
  const r = await run(['simulate', one, '--out', out, '--resume', '--force', '--no-store', '--no-figures']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /--resume: no checkpoint\.bin in .*: the run starts from the beginning/);
  assert.equal((await run(['simulate', one, '--out', fresh, '--no-store', '--no-figures'])).status, 0);
  assert.deepEqual(tree(out), tree(fresh)); // only the new run's files (cycles.csv and the strip step's snapshots were left)
});
