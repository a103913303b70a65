/**
 * sei103why (session 61): the SEI module's origin diagnostics (SeiModule.traceOrigins, SeiOrigins; src/apps/events/sei.ts).
 * Each voxel bound in SEI is put down to where the film of the face that reacted was made (a reduction, a hop, a strip,
 * other, the electrochemical part, growth through a film): the causes sum to the SEI charge, per cycle; the faces the
 * events create and remove add up to the change of the metal/electrolyte area; tracing reads only (same trajectory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import type { SeiOrigins } from '../src/apps/events/sei.js';

/** Li||Cu 8 x 8 x 16 of 100 nm, fast surface diffusion (E_d 0.10 eV: hops, strips and plating all make faces), 2 cycles */
function run(o: { trace: boolean; sei?: Record<string, unknown>; seed?: number }) {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.10 eV' }, sei: { set: 'carbonate', ...(o.sei ?? {}) },
    protocol: [{ repeat: 2, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    seed: o.seed ?? 7, output: { snapshots: false },
  }));
  if (o.trace) sim.sei!.traceOrigins();
  const exposed0 = sim.sei!.surface(sim.app).exposed;
  const bySteps: { bound: number; origins: number }[] = [];
  const total = (b: SeiOrigins['bound']) => b.reduction + b.hop + b.strip + b.other + b.electrochemical + b.growth;
  sim.runAll({ onStepEnd: (s) => { bySteps.push({ bound: s.sei!.counters.bound, origins: total(s.sei!.origins.bound) }); } });
  return { sim, exposed0, bySteps };
}

test('the causes of the SEI charge sum to the voxels bound in SEI, per cycle as cycles.csv counts them', () => {
  const { sim, bySteps } = run({ trace: true });
  const o = sim.sei!.origins, cycles = cycleSummary(sim).cycles;
  assert.equal(cycles.length, 2);
  // each cycle is a plate and a strip step (no rest): the causes gained over its two steps are its SEI-bound voxels
  let prev = 0;
  cycles.forEach((c, i) => {
    const end = bySteps[2 * i + 1]!;
    assert.equal(end.origins - prev, c.sei_bound_voxels, `cycle ${i + 1}: ${JSON.stringify(o.bound)}`);
    prev = end.origins;
  });
  assert.equal(bySteps[bySteps.length - 1]!.origins, sim.sei!.counters.bound);
  assert.ok(sim.sei!.counters.bound > 0, 'the run binds metal in SEI');
  // the causes are told apart: film made by plating and by hops both passivate faces in this run
  assert.ok(o.passivated.reduction > 0 && o.passivated.hop > 0, JSON.stringify(o.passivated));
  // the full passes cover the run's kMC time: the time average is over the whole run
  assert.ok(Math.abs(o.areaTime_s - sim.kmcTime) <= 1e-9 * sim.kmcTime, `${o.areaTime_s} vs ${sim.kmcTime}`);
});

test('tracing the origins reads only: the run is the same without it', () => {
  const a = run({ trace: true, seed: 3 }).sim, b = run({ trace: false, seed: 3 }).sim;
  assert.deepEqual(a.app.code, b.app.code);
  assert.deepEqual(a.sei!.counters, b.sei!.counters);
  assert.deepEqual(a.sei!.saveState(), b.sei!.saveState());
  assert.equal(b.sei!.origins.bound.hop + b.sei!.origins.created.hop, 0, 'untraced: nothing counted');
});

test('without SEI formation the faces the events create minus those they remove are the change of the area', () => {
  // no SEI voxel forms (formation rate 0, no electrochemical part), so every change of the metal/electrolyte faces is an
  // event's: plating, stripping or a hop
  const { sim, exposed0 } = run({ trace: true, sei: { formation_rate: 0, fresh_fraction: 0 } });
  const o = sim.sei!.origins, end = sim.sei!.surface(sim.app).exposed;
  const net = (['reduction', 'hop', 'strip'] as const).reduce((a, k) => a + o.created[k] - o.removed[k], 0);
  assert.equal(sim.sei!.counters.bound, 0);
  assert.ok(o.created.hop > 0 && o.created.strip > 0 && o.created.reduction > 0, JSON.stringify(o.created));
  assert.equal(exposed0 + net, end, JSON.stringify(o));
});
