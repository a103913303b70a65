/**
 * A potentiostatic hold with a cell-voltage cut-off and no time (issue 9): "Hold at -60 mV until
 * cell voltage 100 mV". Voltage cut-offs are tested on sampled rows; a hold without a time had no
 * time windows, so its cut-off was never tested and the hold ran until the box was full. It is now
 * sampled on windows of charge (output.sample_C_per_m2, as a galvanostatic step) and ends at the
 * first row at or beyond its cut-off.
 *
 * Li on Cu, 8x8x8 voxels of 10 nm, fixed seeds. The terrace barrier is raised to 0.3 eV: this
 * checks bookkeeping (when the step ends), not surface diffusion. At -60 mV the current on bare Cu
 * is a few uA/cm2 (cell voltage about -60 mV); once Li nuclei form it rises by orders of
 * magnitude, and the counter electrode's part takes the cell voltage past 100 mV. (Windows of
 * 3 voxels give noisy window currents: with a 150 mV cut-off, seeds 1 and 3-6 end at it, seed 2
 * fills the box first, its largest |cell voltage| being 115 mV.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type ProgressInfo } from '../src/simulation/simulation.js';

const CUTOFF_MV = 100;

for (const seed of [1, 2]) {
  test(`hold without a time, seed ${seed}: ends at its cell-voltage cut-off, on windows of charge`, () => {
    const run = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: '0.3 eV' },
      protocol: [`Hold at -60 mV until cell voltage ${CUTOFF_MV} mV`, 'Rest for 1 s'],
      seed, output: { snapshots: false },
    });
    const sim = new Simulation(run);
    const progress: ProgressInfo[] = [];
    sim.runAll({ chunk: 2000, onProgress: (p) => progress.push(p) });
    const [hold, rest] = sim.stepResults;
    // progress: the hold has no time or charge to measure against (indeterminate, the events go on)
    const inHold = progress.filter((p) => p.step === 0);
    assert.ok(inHold.length >= 2, `progress reports in the hold: ${inHold.length}`);
    for (const p of inHold) { assert.equal(p.stepIndeterminate, true); assert.equal(p.stepFraction, 0); }
    assert.ok(inHold[inHold.length - 1]!.events > inHold[0]!.events);
    assert.equal(hold!.ended, 'cutoff', `the hold ended by ${hold!.ended} after ${hold!.net_voxels} voxels`);
    // the run goes on with the next step
    assert.equal(rest!.ended, 'time');
    const tr = sim.trace, [i0, i1] = hold!.samples;
    const cell = tr.cell_voltage_mV.slice(i0, i1).map(Math.abs);
    assert.ok(cell.length >= 3, `rows of the hold: ${cell.length}`);
    // the last row is at or beyond the cut-off, every row before it short of it: the step ended
    // at the first sampled window that reached it (it did not start beyond it)
    assert.ok(cell[cell.length - 1]! >= CUTOFF_MV, `cell voltage at the end ${cell[cell.length - 1]} mV`);
    for (let k = 0; k < cell.length - 1; k++) assert.ok(cell[k]! < CUTOFF_MV, `row ${k}: ${cell[k]} mV`);
    // the windows are windows of charge: each row after the opening one closes one more window of
    // net voxels (the last one may be the step's end)
    const perWindow = Math.max(1, Math.round((run.output.sample_C_per_m2 * sim.d.area_m2) / sim.d.q_C));
    const perCm2 = sim.d.q_C / (sim.d.area_m2 * 1e4);
    for (let k = i0 + 1; k < i1; k++) {
      const voxels = Math.round(tr.charge_C_per_cm2[k]! / perCm2);
      assert.equal(voxels, (k - i0) * perWindow, `row ${k - i0}: ${voxels} voxels`);
    }
    assert.equal(hold!.net_voxels, (i1 - i0 - 1) * perWindow);
  });
}
