/**
 * The comparison of a resumed simulation with its uninterrupted run (checkpoint tests): trace
 * columns, step results, lattice bytes, counters, RNG, double layer, clocks, and then the whole
 * engine state record (simulation/engine-state.ts) with the wall clocks left out.
 */
import assert from 'node:assert/strict';
import type { Simulation } from '../../src/simulation/simulation.js';
import { captureState, stateDifferences } from '../../src/simulation/engine-state.js';
import { computeMetrics } from '../../src/simulation/report.js';

/** The record of a simulation's whole state without its wall clocks (engine-state.ts; the field's solve time is one, and
 *  its time in settle since branch fieldcost2). */
const WALL = new Set(['lastCheckpointWall', 'wallBase', 'wallStart', 'wall_s']);
export const stateRecord = (s: Simulation) => captureState(s, (k, p) => (p === '' && WALL.has(k)) || (p === 'transport' && k === 'fieldWall_ms') || (p === 'transport.field' && k === 'settleWall_ms'));

/** Everything a resumed run must share with the uninterrupted one. */
export function assertSameState(a: Simulation, b: Simulation, label = ''): void {
  assert.equal(a.events, b.events, `${label}: events`);
  for (const k of Object.keys(b.trace) as (keyof Simulation['trace'])[]) assert.deepEqual(a.trace[k], b.trace[k], `${label}: trace column ${k}`);
  assert.deepEqual(a.stepResults, b.stepResults, 'step results');
  assert.ok(Buffer.from(a.app.code).equals(Buffer.from(b.app.code)), 'final lattice bytes');
  assert.deepEqual(a.app.counters, b.app.counters, 'app counters');
  assert.deepEqual(a.rng.getState(), b.rng.getState(), 'RNG state');
  assert.deepEqual(Array.from(a.dl.s), Array.from(b.dl.s), 'double layer');
  assert.equal(a.time, b.time); assert.equal(a.kmcTime, b.kmcTime); assert.equal(a.netVoxels, b.netVoxels); assert.equal(a.eta, b.eta);
  assert.deepEqual(a.app.lone?.stats, b.app.lone?.stats, 'first-passage statistics');
  assert.deepEqual(Array.from(a.app.solver.sum), Array.from(b.app.solver.sum), 'solver sums');
  // and every other field of the engine (solver tables, slot maps, first-passage domains, modules, caches): wall clocks aside
  assert.deepEqual(stateDifferences(stateRecord(a), stateRecord(b)), [], `${label}: the whole state`);
}

/** A metrics record without its wall clocks (wall_s, events_per_s): the only values a resume may change. */
export function withoutWallClocks(m: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'wall_s' && k !== 'events_per_s'));
}

/** A simulation's metrics (report.ts) without its wall clocks. */
export const metricsOf = (sim: Simulation): Record<string, unknown> => withoutWallClocks(computeMetrics(sim));
