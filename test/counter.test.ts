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
