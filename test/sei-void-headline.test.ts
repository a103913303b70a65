/**
 * Study sei-void-headline (branch seivoid): its per-seed change of a comparison, (b - a)_void - (b - a)_fill, and that its
 * `void` runs are void runs through sei-common's seiRun (the `extra` key reaches the run file) while its fill runs are the
 * default rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeOf } from '../validation/studies/sei-void-headline.js';
import { seiRun } from '../validation/studies/sei-common.js';

test('sei-void-headline: changeOf is (b - a)_void - (b - a)_fill per seed, void - fill without a', () => {
  const b = { fill: [1, 2], void: [4, 7] }, a = { fill: [0.5, 1], void: [1, 1] };
  assert.deepEqual(changeOf(b, a), [(4 - 1) - (1 - 0.5), (7 - 1) - (2 - 1)]);
  assert.deepEqual(changeOf(b), [3, 5]);
});

test('sei-void-headline: a void run through seiRun seals liquid as VOID, a fill run is the default rule', () => {
  const one = (extra?: Record<string, unknown>) => seiRun({ seed: 3, sei: 'carbonate', size: [8, 8, 12], terraceBarrier_eV: 0.25, j_mA: 5,
    protocol: ['Plate 0.05 mAh/cm2 at 5 mA/cm2'], ...(extra ? { extra } : {}) });
  const v = one({ model: { sealed_pores: 'void' } }), f = one();
  assert.equal(v.sim.run.model?.sealedPores, 'void');
  assert.equal(f.sim.run.model?.sealedPores, undefined);
  assert.ok(v.sim.app.voidSealed > 0, `void run sealed ${v.sim.app.voidSealed} voxels`);
  assert.equal(f.sim.app.voidSealed, 0);
});
