/**
 * docs/api.md's simulation examples (examples/library/simulate.mjs, progress.mjs, cancel-resume.mjs)
 * run as written, and what they print is what the library itself gives for the same run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../src/simulation/simulate.js';
import { printed, runExample } from './helpers/examples.js';

const close = (a: number, b: number, digits: number) => Math.abs(a - b) <= 0.5 * 10 ** -digits + 1e-12;

test('simulate.mjs: voltage trace, nucleation overpotential, morphology and CE as simulate() gives them', async () => {
  const out = await runExample('simulate.mjs');
  const r = simulate({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' },
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] }], seed: 1, output: { snapshots: false },
  });
  const m = r.metrics, last = r.trace.time_s.length - 1;
  assert.equal(printed(out, 'trace rows'), r.trace.time_s.length);
  assert.ok(close(printed(out, 'last cell voltage'), r.trace.cell_voltage_mV[last]!, 3));
  for (const [label, v, d] of [['nucleation overpotential', m.nucleation_overpotential_mV, 3], ['plateau overpotential', m.plateau_overpotential_mV, 3],
    ['rms roughness', m.rms_roughness_nm, 3], ['porosity', m.porosity, 4], ['average CE', m.average_ce as number, 4]] as const) {
    assert.ok(close(printed(out, label), v, d), `${label}: printed ${printed(out, label)}, simulate() ${v}`);
  }
  assert.equal(r.cycles.cycles.length, 2);
  for (const c of r.cycles.cycles) assert.ok(close(printed(out, `cycle ${c.cycle} CE`), c.ce, 4));
});

test('progress.mjs and cancel-resume.mjs: progress until the end; a run cancelled half way and resumed ends as the uninterrupted run', async () => {
  const run = { metal: 'Li', host: 'Cu', lattice: { size: [10, 10, 8], voxel: '50 nm' }, protocol: ['Plate 0.008 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false } };
  const whole = simulate(run);
  const prog = await runExample('progress.mjs');
  assert.equal(printed(prog, 'events'), whole.metrics.events);
  const calls = printed(prog, 'progress calls');
  assert.equal(calls, Math.floor(whole.metrics.events / 1000), 'one call per 1000 events');
  assert.equal(prog.filter((l) => l.startsWith('progress: ')).length, calls);
  const res = await runExample('cancel-resume.mjs');
  assert.match(res.join('\n'), /^first part ended: cancelled after \d+ events$/m);
  assert.ok(printed(res, 'resumed at event') < whole.metrics.events);
  assert.match(res.join('\n'), /^resumed run ended: charge$/m);
  assert.equal(printed(res, 'events'), whole.metrics.events);
  assert.ok(close(printed(res, 'nucleation overpotential'), whole.metrics.nucleation_overpotential_mV, 6));
  assert.ok(close(printed(res, 'rms roughness'), whole.metrics.rms_roughness_nm, 6));
});
