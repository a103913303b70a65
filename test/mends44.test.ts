/**
 * Session 34, task mends44.
 * Item 1: a sector run (runSectors) "stopped and resumed from its checkpoint" was reported to differ from the
 * uninterrupted run. A sector run has no checkpoints (docs/parallel.md, "Not done"): runSectors took
 * { checkpoint, resume, checkpointEvery } without a word and ran from the start each time, so a "resumed" run was a new
 * one. Its options are checked now: an unknown one is refused naming it (a checkpoint option saying there are none).
 * The first test fails on the code before (the run went ahead).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors } from '../src/parallel/sector-run.js';
import { InputError } from '../src/errors.js';

const input = {
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 8], voxel: '50 nm' },
  protocol: ['Plate 1.2e-4 mAh/cm2 at 0.002 mA/cm2'], seed: 1, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
};

test('runSectors: a checkpoint or resume option is refused (a sector run has none), a misspelt option is named', async () => {
  for (const key of ['checkpoint', 'resume', 'checkpointEvery']) {
    await assert.rejects(runSectors(input, { threads: 2, [key]: true } as never), (e: unknown) => {
      assert.ok(e instanceof InputError, `${key}: ${String(e)}`);
      assert.equal(e.field, `engine.${key}`);
      assert.match(e.message, /no checkpoints/);
      return true;
    });
  }
  await assert.rejects(runSectors(input, { threads: 2, window: 40 } as never), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.field, 'engine.window');
    assert.match(e.message, /no such option.*windowEvents/);
    return true;
  });
});
