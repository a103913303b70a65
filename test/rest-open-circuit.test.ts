/**
 * Plain `Rest for ...` steps are open-circuit rests (issue 9): the same step and code as a pulse's
 * off time (simulation/step-parts.ts DoubleLayerStepController sets the double layer's open-circuit
 * mode for every rest; electrochem/doublelayer.ts). The double layer discharges through the box's
 * own reduction and oxidation, the box's net count is held where the rest began, and the reported
 * potential relaxes to the box's open-circuit potential: on the metal's own stepped foil, the kink
 * potential (0 mV, one energy function, docs/model.md).
 * Li, voxels of 10 nm, 32 x 32 stepped foil (terraces 4 wide) for the physics (default surface
 * diffusion: the relaxation needs it; about 2 s per seed); the checkpoint test checks bookkeeping
 * only and sets `kinetics.terraceBarrier: 0.3 eV` (surface diffusion nearly off) to stay short.
 */
import { integrateRates } from '../src/electrochem/rate-integrals.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation } from '../src/simulation/checkpoint.js';
import { surfaceCensus } from '../validation/studies/bv-surface.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('rest-open-circuit');

function plateThenRest(seed: number, extra: Record<string, unknown> = {}, size = 32): Simulation {
  return new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [size, size, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li', host_layers: 10,
    protocol: ['Plate at 10 mA/cm2 for 0.0002 mAh/cm2', 'Rest for 0.3 s'], seed, output: { snapshots: false }, ...extra,
  }));
}

test('a rest after plating on the stepped Li foil relaxes to the kink potential and passes no charge (seeds 1, 2)', () => {
  // Claims stated after scratch runs of seeds 1, 2, 4, 5 (rest rows from 10 % on: +1.5, -2.3, +3.4,
  // +1.8 mV; the box's exact open-circuit potential -1.8, -1.5, -2.2, -2.0 mV; net 0, 0, 3, 0 voxels;
  // the estimator's own noise at 32 x 32 is several mV per 1.5 ms window, correlated over tau_avg):
  //  - plating at 10 i0 reads below -100 mV (Butler-Volmer: -118.8 mV);
  //  - the rest's reported potential, averaged over its rows from 10 % of the rest on, is within 5 mV
  //    of the kink potential, and its first row has left the plating value (above -60 mV);
  //  - the box's own open-circuit potential over the rest, -(kT/e) ln(<B>/<A>) from the exact time
  //    averages of its rate sums at eta = 0, is within 3 mV of the kink potential (the foil is still
  //    stepped: more than half of the fresh foil's step length is left);
  //  - at most 3 net voxels pass in the rest (of 98 plated), and the charge columns agree with the
  //    deposited voxels exactly.
  // Out of sample (checked after the merge, seeds never used to set these bounds): seeds 3, 6, 8, 9
  // read +4.33, -1.68, +1.43, -6.72 mV (reported mean) and -1.92, -3.53, -1.28 mV (exact potential;
  // seed 9 stopped at its first miss); net -1, 0, 2 voxels. So seed 9 misses the 5 mV bound and
  // seed 6 the 3 mV bound: the bounds hold for seeds 1 and 2 but are not a 95 % statement. A claim
  // over a seed interval belongs in a validation study (docs/engine.md, "Rests").
  // Under the previous rest (the galvanostat's double layer at zero current, no hold on the count)
  // the first 0.5 s of a rest on this foil stripped 24-70 voxels (seeds 1-3, docs/engine.md).
  for (const seed of [1, 2]) {
    const sim = plateThenRest(seed);
    const f = sim.d.f_per_V;
    const acc = integrateRates(sim.dl);
    acc.active = false;
    const step0 = surfaceCensus(sim).stepLength;
    sim.runAll({ onStepEnd: () => { acc.active = true; } });
    const [plate, rest] = sim.stepResults;
    assert.equal(plate!.ended, 'charge'); assert.equal(rest!.ended, 'time');
    const tr = sim.trace;
    const plateLast = tr.overpotential_mV[plate!.samples[1] - 1]!;
    assert.ok(plateLast < -100, `seed ${seed}: plating at 10 i0 reads ${plateLast.toFixed(1)} mV`);
    const rows = tr.overpotential_mV.slice(rest!.samples[0], rest!.samples[1]);
    assert.ok(rows.length >= 100, `rest rows: ${rows.length}`);
    const tail = rows.slice(Math.floor(rows.length / 10));
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    assert.ok(rows[0]! > -60, `seed ${seed}: first rest row ${rows[0]!.toFixed(1)} mV`);
    assert.ok(Math.abs(mean) < 5, `seed ${seed}: rest reads ${mean.toFixed(2)} mV on average (kink potential 0)`);
    const ocp = (-1000 * Math.log(acc.B / acc.A)) / f;
    assert.ok(Math.abs(ocp) < 3, `seed ${seed}: the box's own open-circuit potential ${ocp.toFixed(2)} mV`);
    const stepLeft = surfaceCensus(sim).stepLength;
    assert.ok(stepLeft > 0.5 * step0, `seed ${seed}: step length ${step0} -> ${stepLeft}`);
    // charge: at most 3 net voxels in the rest; every charge figure is the deposited voxels x q
    assert.ok(Math.abs(rest!.net_voxels) <= 3, `seed ${seed}: ${rest!.net_voxels} net voxels passed at open circuit`);
    const perVoxel = sim.d.q_C / sim.area_cm2;
    assert.equal(plate!.net_voxels + rest!.net_voxels, sim.netVoxels);
    assert.ok(Math.abs(rest!.charge_C_per_cm2 - rest!.net_voxels * perVoxel) <= 1e-12 * perVoxel);
    assert.ok(Math.abs(tr.charge_C_per_cm2[tr.charge_C_per_cm2.length - 1]! - sim.netVoxels * perVoxel) <= 1e-9 * perVoxel,
      `trace charge ${tr.charge_C_per_cm2[tr.charge_C_per_cm2.length - 1]} vs ${sim.netVoxels} voxels`);
    assert.ok(rows.every((x, i) => Number.isFinite(x) && tr.current_mA_per_cm2[rest!.samples[0] + i] === 0), 'rest rows: finite, no current');
  }
});

test('a run checkpointed inside a Rest and resumed: bit-identical to the uninterrupted run (bookkeeping, E_d 0.3 eV)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-rest-resume-'));
  const file = join(dir, 'checkpoint.bin');
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 24], voxel: '10 nm', terrace_width: 4 }, host: 'Li', host_layers: 10,
    kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate at 1 mA/cm2 for 0.0005 mAh/cm2', 'Rest for 0.5 s', 'Strip at 1 mA/cm2 for 0.0002 mAh/cm2'], seed: 7, output: { snapshots: false },
  });
  const cfg = { rebuildEvery: 25 };
  const full = new Simulation(run, cfg);
  let inRest = 0;
  full.runAll({ checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => { if (st.index === 1 && ++inRest === 2) writeCheckpoint(file, s, st); } } });
  assert.ok(inRest >= 2, `checkpoints offered inside the rest: ${inRest}`);
  const resumed = resumeSimulation(file, run, cfg);
  assert.equal(resumed.nextStep, 1);
  resumed.runAll();
  const asWritten = (x: unknown) => JSON.stringify(x);
  assert.equal(asWritten(resumed.trace), asWritten(full.trace));
  assert.equal(asWritten(resumed.stepResults), asWritten(full.stepResults));
  assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), 'final lattice');
  assert.equal(resumed.events, full.events);
});
