/**
 * filmhop's option in a run's outputs (mends62b): `sei: { film_hop_barrier }` was in resolved.json alone, not in the SEI
 * module's report() (metrics.json's `sei` block) nor in simulate's lines, so a reader of metrics.json or of the printed
 * summary could not tell the film slowed the hops. Now, with the option on, the `sei` block has sei_film_hop_barrier_eV
 * and sei_film_hop_factor (exp(-barrier / kT), the rate multiplier under the film) beside sei_film_factor (film
 * conduction's), and simulate prints a line under the SEI thickness. Off (the default), neither key is there: every
 * other SEI run's metrics stay as they were.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { CONST } from '../src/units.js';
import { cli } from './helpers/cli.js';

const run = (sei: Record<string, unknown>) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [8, 8, 12], voxel: '50 nm' }, sei,
  protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
});

test('metrics.json: the sei block has the film hop barrier and its rate factor with the option on, neither key without it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-filmhop-out-'));
  try {
    simulate(run({ set: 'carbonate', film_hop_barrier: '0.1 eV' }), { outDir: join(dir, 'on') });
    simulate(run({ set: 'carbonate' }), { outDir: join(dir, 'off') });
    const on = JSON.parse(readFileSync(join(dir, 'on', 'metrics.json'), 'utf8')).sei as Record<string, number>;
    const off = JSON.parse(readFileSync(join(dir, 'off', 'metrics.json'), 'utf8')).sei as Record<string, number>;
    assert.equal(on.sei_film_hop_barrier_eV, 0.1);
    assert.equal(on.sei_film_hop_factor, Math.exp(-0.1 / (CONST.kB_eV * 298.15)));
    assert.ok(!('sei_film_hop_barrier_eV' in off) && !('sei_film_hop_factor' in off), Object.keys(off).join(', '));
    assert.deepEqual(Object.keys(on).filter((k) => !k.startsWith('sei_film_hop_')), Object.keys(off));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('simulate prints the film hop barrier under the SEI thickness with the option on, nothing of it without', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-filmhop-cli-'));
  try {
    for (const [name, sei] of [['on', { set: 'carbonate', film_hop_barrier: '0.1 eV' }], ['off', { set: 'carbonate' }]] as const) {
      const f = join(dir, `${name}.json`);
      writeFileSync(f, JSON.stringify(run(sei)));
      const r = await cli(['simulate', f, '--no-store']);
      assert.equal(r.code, 0, r.stderr);
      const line = r.stdout.split('\n').find((l) => l.startsWith('film-slowed hops'));
      if (name === 'off') assert.equal(line, undefined);
      else assert.match(line ?? '', /^film-slowed hops: sei\.film_hop_barrier 0\.1 eV, an atom with film on a face hops at 0\.0204 x its bare rate \(metrics\.json sei\.sei_film_hop_barrier_eV, sei_film_hop_factor; docs\/model\.md "Surface diffusion under the film"\)$/);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
