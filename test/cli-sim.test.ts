/** `sacplate simulate` end to end: outputs, store record, one-line errors with exit code 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
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
  const r = await run(['simulate', file, '--out', out, '--json', '--db', db]);
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

test('simulate: a wrong unit gives one line naming the field, exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-bad-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 12], voxel: 10 mV }\nhost: graphene\nprotocol:\n  - Plate at 1 mA/cm2 for 1 s\n');
  const r = await run(['simulate', file, '--no-store']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /lattice\.voxel/);
});
