/**
 * The generic loop's potentiostatic hold by its sign alone (engine/protocol-parts.ts loopParts: the held overpotential's
 * controller and the hold's net-charge stop), on the plating fast path and on the generic path (engine/generic-app.ts):
 * a hold at a negative overpotential plates (the working electrode's overpotential and current below 0 while plating,
 * docs/figures.md "eta.csv's columns"), at a positive one strips, and `until <charge>` ends it at that charge in its
 * direction. energyaudit's test (rates-independent) holds the plating loop's sign (simulation.ts); the generic loop's was
 * held only by event-for-event comparisons with the plating loop (test/engine-steps.test.ts), which a sign flipped in
 * both would pass (mends61). A stepped Li foil (three host layers, terraces two voxels wide) can plate and strip from the
 * first event; ±100 mV, where the faradaic rates differ 49-fold between the two directions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI } from './helpers/runs.js';
import { parseProtocolStep } from '../src/input/protocol.js';
import { stepObject } from '../src/input/steps.js';
import { loopParts, type CellContext } from '../src/engine/protocol-parts.js';
import { runLoop, EventLimit, type KmcApp } from '../src/engine/loop.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { GenericApp } from '../src/engine/generic-app.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import { Simulation } from '../src/simulation/simulation.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import type { ProtocolStep, ResolvedRun } from '../src/input/types.js';

const N = 10;
function foilRun(step: ProtocolStep): ResolvedRun {
  return {
    ...makeRun({
      size: [N, N, 10], metal: { ...LI, terraceBarrier_eV: 0.3 }, protocol: [step],
      host: { name: 'Li', conducting: true, binding_eV: 0.1, redShift_eV: 0, terraceBarrier_eV: 0.3 },
      lattice: { size: [N, N, 10], voxel_m: 10e-9, mode: 'mesoscale', hostLayers: 3, terraceWidth: 2 },
    }),
    electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 0 },
  };
}

const metalCount = (code: Uint8Array) => code.reduce((s, c) => s + (c === METAL || c === DEAD ? 1 : 0), 0);

/** one Hold step through loopParts and runLoop on the fast or the generic path; net voxels, the current (A/m2, signed as eta.csv's) */
function hold(text: string, path: 'fast' | 'generic', maxEvents: number) {
  const step = parseProtocolStep(text);
  const run = foilRun(step);
  const sim = new Simulation(run, { engine: { adatoms: 'exact' } });
  const code = path === 'fast' ? sim.app.code : sim.app.code.slice();
  const app: KmcApp & { channels: CellContext['channels'] } = path === 'fast' ? new PlatingFastPath(sim.app)
    : new GenericApp(sim.app.lat, code, platingEventTypes(sim.app.lat, code, sim.app.phys).types);
  const c: CellContext = {
    channels: app.channels, dl: sim.dl, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, area_m2: sim.d.area_m2, q_C: sim.d.q_C,
    counter: sim.counter, ohmic_Ohm_m2: 0, t0_s: 0, sample_C_per_m2: run.output.sample_C_per_m2,
  };
  const metal0 = metalCount(code);
  const parts = loopParts(stepObject(step), c);
  parts.stop.push(new EventLimit(maxEvents));
  const res = runLoop(app, sim.rng, parts, 0);
  const net = res.perChannel[0]! - res.perChannel[1]!;
  assert.equal(metalCount(code) - metal0, net, `${text} (${path}): the metal gained is the net count`);
  // eta.csv's current: below 0 while plating (docs/figures.md), -(net charge) / area / time
  const current = res.t_s > 0 ? (-net * sim.d.q_C) / sim.d.area_m2 / res.t_s : 0;
  return { res, net, current };
}

for (const path of ['fast', 'generic'] as const) {
  test(`generic loop, ${path} path: a hold at -100 mV plates (net > 0, current < 0), at +100 mV strips (net < 0, current > 0)`, (t) => {
    const plate = hold('Hold at -100 mV for 0.2 s', path, 400_000);
    const strip = hold('Hold at 100 mV for 0.2 s', path, 400_000);
    t.diagnostic(`-100 mV: ${plate.res.ended}, ${plate.res.events} events, net ${plate.net}, ${plate.current.toFixed(2)} A/m2; +100 mV: ${strip.res.ended}, ${strip.res.events} events, net ${strip.net}, ${strip.current.toFixed(2)} A/m2`);
    assert.equal(plate.res.ended, 'time');
    assert.equal(strip.res.ended, 'time');
    assert.ok(plate.net > 0 && plate.current < 0, `-100 mV: net ${plate.net}, current ${plate.current}`);
    assert.ok(strip.net < 0 && strip.current > 0, `+100 mV: net ${strip.net}, current ${strip.current}`);
  });

  test(`generic loop, ${path} path: a hold until a charge ends at that charge in its direction (plating at -100 mV, stripping at +100 mV)`, () => {
    // 4 voxels' charge (10 nm voxels on 10 x 10 columns; 1 mAh/cm2 = 36,000 C/m2)
    const d = new Simulation(foilRun(parseProtocolStep('Rest for 1 s'))).d;
    const q = ((4 * d.q_C) / d.area_m2 / 36_000).toPrecision(6);
    const plate = hold(`Hold at -100 mV until ${q} mAh/cm2`, path, 400_000);
    const strip = hold(`Hold at 100 mV until ${q} mAh/cm2`, path, 400_000);
    assert.deepEqual([plate.res.ended, plate.net], ['charge', 4], `plating hold: ${plate.res.ended} after ${plate.res.events} events, net ${plate.net}`);
    assert.deepEqual([strip.res.ended, strip.net], ['charge', -4], `stripping hold: ${strip.res.ended} after ${strip.res.events} events, net ${strip.net}`);
  });
}
