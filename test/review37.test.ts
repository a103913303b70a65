/**
 * review37: defects a user met following the README and trying inputs at the edges (docs/history.md, review37).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

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
