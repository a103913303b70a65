/**
 * `Rest for ...` with ion walkers (`cell: { transport: walkers }`, simulation/walker-rest.ts): open
 * circuit, no current. Walkers one at a time have no ion in flight between arrivals, so a rest is
 * its clock; walkers on a clock (`cell.drift`, here `off`: a clock without drift) keep the ions in flight diffusing (one hop per sweep,
 * none enters, none drifts, none is reduced) and the next step starts with them. About 1-2 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { walkersInFlight, driftWalkerStats } from '../src/simulation/drift-walker-step.js';
import { walkerRestStats } from '../src/simulation/walker-rest.js';

const hash = (code: Uint8Array) => createHash('sha256').update(code).digest('hex');

test('walkers one at a time: a Rest step is accepted, runs its clock, passes no charge and leaves the lattice as it was', () => {
  const hashes: string[] = [];
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [20, 20, 48], voxel: '0.3 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
    protocol: ['Plate 0.00004 mAh/cm2 at 2 mA/cm2', 'Rest for 1 s', 'Plate 0.00004 mAh/cm2 at 2 mA/cm2'], seed: 4, output: { snapshots: false },
  }));
  sim.runAll({ onStepEnd: (s) => { hashes.push(hash(s.app.code)); } });
  assert.deepEqual(sim.stepResults.map((x) => x.ended), ['charge', 'time', 'charge']);
  const [p1, rest, p2] = sim.stepResults;
  assert.equal(rest!.net_voxels, 0); assert.equal(rest!.events, 0);
  assert.ok(Math.abs(rest!.duration_s - 1) < 1e-12 && Math.abs(rest!.kmc_duration_s - 1) < 1e-12, `rest ${rest!.duration_s} s`);
  assert.equal(hashes[0], hashes[1], 'the lattice is unchanged by the rest');
  assert.notEqual(hashes[1], hashes[2]);
  assert.ok(p1!.net_voxels > 50 && p2!.net_voxels === p1!.net_voxels, `${p1!.net_voxels}, ${p2!.net_voxels} voxels`);
  assert.equal(sim.netVoxels, p1!.net_voxels + p2!.net_voxels);
  assert.ok(Math.abs(sim.time - (p1!.duration_s + 1 + p2!.duration_s)) < 1e-9 * sim.time, `time ${sim.time}`);
  const tr = sim.trace;
  for (let i = rest!.samples[0]; i < rest!.samples[1]; i++) {
    assert.equal(tr.current_mA_per_cm2[i], 0);
    assert.ok(Number.isNaN(tr.overpotential_mV[i]!), 'no overpotential with walkers');
  }
  assert.ok(rest!.samples[1] - rest!.samples[0] >= 2, 'a row at the rest\'s start and end');
});

test('walkers on a clock: in a Rest the ions in flight keep diffusing (none enters, none is reduced) and the next step starts with them', () => {
  const seen: { n: number; xs: string; code: string }[] = [];
  const sim = new Simulation(parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '20 nm' }, electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers', drift: 'off' },
    protocol: ['Plate at 300 mA/cm2 for 0.001 mAh/cm2', 'Rest for 1 ms', 'Plate at 300 mA/cm2 for 0.001 mAh/cm2'], seed: 3, output: { snapshots: false },
  }));
  sim.runAll({ onStepEnd: (s) => { const w = walkersInFlight(s)!; seen.push({ n: w.xs.length, xs: `${w.xs.join()}|${w.ys.join()}|${w.zs.join()}`, code: hash(s.app.code) }); } });
  assert.deepEqual(sim.stepResults.map((x) => x.ended), ['charge', 'time', 'charge']);
  const [after1, afterRest] = seen;
  assert.ok(after1!.n > 0, 'ions in flight at the end of the first step');
  assert.equal(afterRest!.n, after1!.n, 'none enters or is reduced in the rest');
  assert.notEqual(afterRest!.xs, after1!.xs, 'they moved');
  assert.equal(afterRest!.code, after1!.code, 'the lattice is unchanged by the rest');
  const rs = walkerRestStats(sim!)!;
  assert.equal(rs.sweeps, Math.round(1e-3 / rs.tau_s));
  assert.equal(rs.steps, after1!.n * rs.sweeps, 'every walker in flight hops once per sweep');
  const rest = sim.stepResults[1]!;
  assert.equal(rest.net_voxels, 0);
  assert.ok(Math.abs(rest.duration_s - 1e-3) < 1e-12, `rest ${rest.duration_s} s`);
  // the second step starts with the walkers the rest left: carried + entered = reduced + still in flight
  const st = driftWalkerStats(sim!)!;
  assert.equal(afterRest!.n + st.injected, st.particles + st.inFlight);
  assert.ok(st.restedReductions > 0, `reductions by walkers that were in flight during the rest: ${st.restedReductions}`);
});
