/** electrochem.counter from the run file reaches the cell voltage (issue 5: each part reported), and the figures name the cell. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { computeMetrics } from '../src/simulation/report.js';
import { runFigureSpecs } from '../src/plots/run.js';

test('a slower counter electrode (lower i0) raises its part of the cell voltage', () => {
  const base = {
    metal: 'Li', lattice: { size: [12, 12, 10], voxel: '10 nm' }, host: 'Li', seed: 2,
    protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2'],
  };
  const fast = simulate(parseRunInput({ ...base, electrochem: { counter: { exchange_current_density: '10 mA/cm2' } } }));
  const slow = simulate(parseRunInput({ ...base, electrochem: { counter: { exchange_current_density: '0.1 mA/cm2' } } }));
  const mean = (x: number[]) => x.reduce((a, b) => a + Math.abs(b), 0) / x.length;
  assert.ok(mean(slow.trace.counter_mV) > mean(fast.trace.counter_mV) + 50, `${mean(slow.trace.counter_mV)} vs ${mean(fast.trace.counter_mV)}`);
  // the working electrode is the same simulation: same seed, same overpotential trace
  assert.deepEqual(slow.trace.overpotential_mV, fast.trace.overpotential_mV);
});

test('the cell-voltage line of the eta figures is named for its cell: symmetric on the metal\'s own foil only', () => {
  const names = (host: string) => {
    const sim = new Simulation(parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host, seed: 2, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'] }));
    sim.runAll({});
    const cycles = cycleSummary(sim);
    const specs = runFigureSpecs(sim, computeMetrics(sim, cycles), cycles);
    return [...new Set(JSON.stringify(specs.eta_vs_time).match(/"(symmetric-cell voltage|cell voltage)[^"]*"/g))];
  };
  assert.deepEqual(names('Li'), ['"symmetric-cell voltage (Li || Li)"']);
  assert.deepEqual(names('graphene'), ['"cell voltage (Li || graphene)"']);
});

// From review64 (session 64: an electrochemist setting a simulated Li||Cu plate-and-strip run beside her cycler's curve);
// failed on main 8c86d7e6: simulate's eta figures drew the first plating's plateau as a dashed rule across the whole run,
// the strip included, read as every half's (analyze's voltage figure draws it over that plating only since review70).
test('a plate-and-strip run\'s eta figures draw the first plating\'s plateau over that plating only, not as a rule across the run', () => {
  const sim = new Simulation(parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', seed: 2,
    protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Strip 0.0001 mAh/cm2 at 1 mA/cm2'] }));
  sim.runAll({});
  const cycles = cycleSummary(sim);
  const metrics = computeMetrics(sim, cycles);
  assert.ok(Number.isFinite(metrics.plateau_overpotential_mV));
  const specs = runFigureSpecs(sim, metrics, cycles);
  const stripStart = sim.stepResults[1]!.samples[0]!;
  for (const [name, xEnd] of [['eta_vs_time', sim.trace.time_s[stripStart - 1]!], ['eta_vs_capacity', sim.trace.charge_C_per_cm2[stripStart - 1]! / 3.6]] as const) {
    const spec = specs[name] as unknown as { data: { values: { x: number; y: number; series: string }[] }; layer: { mark: { type: string } }[] };
    assert.ok(!spec.layer.some((l) => l.mark.type === 'rule'), `${name}: a rule across the run`);
    const label = `plateau of the first plating, ${metrics.plateau_overpotential_mV.toFixed(1)} mV`;
    const pts = spec.data.values.filter((v) => v.series === label);
    assert.equal(pts.length, 2, `${name}: ${[...new Set(spec.data.values.map((v) => v.series))].join(', ')}`);
    assert.deepEqual(pts.map((p) => p.x), [0, xEnd], name);
    for (const p of pts) assert.ok(Math.abs(Math.abs(p.y) - metrics.plateau_overpotential_mV) < 1e-9 && p.y < 0, `${name}: ${p.y}`);
  }
});
