/**
 * Session 30, task mends30: defects left alone by earlier sessions.
 *  (1) "Plate at 1e-8 mA/cm2 for 1 s" on an 8 x 8 x 8 box of 10 nm voxels on Cu did not end within 20 s of wall time:
 *      the step waited for a whole voxel (its target count was at least 1), while the double layer settles over
 *      R_ct C_dl ~ 1e5 s of kMC time; at 1e-6 mA/cm2 it ended after one voxel and reported a "1 s" step that lasted
 *      117,807 s (220,441 s of kMC time). A step given by a time whose charge is below half a voxel of the box now ends
 *      at its time on the kMC clock (as a rest or a timed hold); a step given by a charge below half a voxel is refused
 *      at input, naming the step, the charge, the unit and the box's charge per voxel.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { parseRunInput } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends30-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** the 8 x 8 x 8 box of 10 nm voxels on Cu of examples/li-cu-small-box.yaml with the given protocol */
const smallBox = (protocol: string[]) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol, output: { snapshots: false }, seed: 3,
});

test('(1) a galvanostatic step given by a time, its charge far below one voxel, ends at its time', () => {
  for (const j of ['1e-6', '1e-8']) {
    const t0 = performance.now();
    const r = simulate(smallBox([`Plate at ${j} mA/cm2 for 1 s`, 'Rest for 2 s']));
    const wall = (performance.now() - t0) / 1000;
    const [plate, rest] = r.steps;
    assert.equal(r.steps.length, 2, `${j}: both steps ran`);
    assert.equal(plate!.ended, 'time', `${j}: the plating step ends at its time (ended: ${plate!.ended})`);
    assert.ok(Math.abs(plate!.duration_s - 1) < 1e-9, `${j}: the step lasted 1 s (reported ${plate!.duration_s} s)`);
    assert.ok(Math.abs(plate!.kmc_duration_s - 1) < 1e-9, `${j}: 1 s on the kMC clock (${plate!.kmc_duration_s} s)`);
    assert.equal(plate!.net_voxels, 0, `${j}: no voxel plated in 1 s`);
    assert.equal(rest!.ended, 'time');
    assert.ok(Math.abs(r.metrics.time_s - 3) < 1e-9, `${j}: the run lasted 3 s (${r.metrics.time_s} s)`);
    // the charge the galvanostat passed (all in the double layer here) and the faradaic charge, as reported before
    assert.ok(Math.abs(r.metrics.applied_charge_C_per_cm2 - Number(j) * 1e-3) < 1e-9 * Number(j), `${j}: ${r.metrics.applied_charge_C_per_cm2} C/cm2 applied`);
    assert.equal(r.metrics.charge_C_per_cm2, 0);
    assert.ok(wall < 10, `${j}: ended in ${wall.toFixed(2)} s of wall time`);
  }
});

test('(1) a step given by a charge below half a voxel of the box is refused at input, in words', () => {
  // one 10 nm voxel of Li on 8 x 8 voxels: 3.272e-5 mAh/cm2; half of it 1.64e-5
  for (const step of ['Plate 1e-6 mAh/cm2 at 1 mA/cm2', 'Strip 0.00001 mAh/cm2 at 1 mA/cm2', 'Hold at -50 mV until 1e-6 mAh/cm2']) {
    assert.throws(() => parseRunInput(smallBox(['Plate 0.001 mAh/cm2 at 1 mA/cm2', step])), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'protocol[1]');
      assert.equal(e.value, step);
      assert.doesNotMatch(e.message, /\n/);
      assert.match(e.message, /a charge of at least half a voxel of this box \(1\.64e-5 mAh\/cm2: one voxel is 3\.27e-5 mAh\/cm2 on 8 x 8 voxels of 10 nm\); this step [0-9.e-]+ mAh\/cm2: give a larger charge, or a larger box in x and y$/);
      return true;
    });
  }
  // half a voxel and more: accepted (rounded to whole voxels as before)
  assert.doesNotThrow(() => parseRunInput(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])));
  assert.equal(simulate(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])).metrics.deposited_voxels, 1);
});
