/**
 * deadwhy (session 61): where dead metal comes from (PlatingApp.traceDeadOrigins, apps/dead-origins.ts). Each voxel
 * marked dead is put down to the removal that cut it off (an oxidation, one under SEI, a neck turned into SEI with the
 * piece still on electrolyte or enclosed, other), the step it died in and the size of the cut; a dead voxel turned into
 * SEI later is taken off its cause. The causes left sum to the dead voxels at every step end and, per cycle, to the
 * dead metal cycles.csv reports; tracing reads only (same trajectory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { cycleSummary } from '../src/simulation/cycles.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { DEAD, METAL, SEI } from '../src/lattice/voxel.js';
import { DeadOrigins, DC_SEI, DEAD_CAUSES, type DeadCause } from '../src/apps/dead-origins.js';

/** Li||Cu 8 x 8 x 16 of 100 nm, E_d 0.10 eV, carbonate SEI, 2 cycles of 0.05 mAh/cm2 (seed 3: 11 voxels die, one of
 *  them is turned into SEI later, about 0.2 s) */
function run(trace: boolean, seed = 3) {
  const sim = new Simulation(parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.10 eV' }, sei: { set: 'carbonate' },
    protocol: [{ repeat: 2, steps: ['Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] }],
    seed, output: { snapshots: false },
  }));
  const tr = trace ? sim.app.traceDeadOrigins() : null;
  const ends: { dead: number; alive: number }[] = [];
  const sum = (r: Record<DeadCause, number>) => DEAD_CAUSES.reduce((a, c) => a + r[c], 0);
  sim.runAll({ onStepEnd: (s) => { ends.push({ dead: s.app.deadCount, alive: tr ? sum(tr.aliveByCause()) : NaN }); } });
  return { sim, tr, ends, sum };
}

test('the causes of dead metal sum to the dead voxels at every step end and to each cycle\'s dead metal', () => {
  const { sim, tr, ends, sum } = run(true);
  const o = tr!, cycles = cycleSummary(sim).cycles;
  assert.equal(cycles.length, 2);
  for (const [i, e] of ends.entries()) assert.equal(e.alive, e.dead, `step ${i}`);
  // per cycle (a plate and a strip step): voxels that died minus dead voxels that stopped being dead = dead formed
  cycles.forEach((c, i) => {
    const net = [2 * i, 2 * i + 1].reduce((a, s) => a + sum(o.formedIn(s)) - sum(o.lostIn(s)), 0);
    assert.equal(net, c.dead_formed_voxels, `cycle ${i + 1}: formed ${JSON.stringify(o.formed)}, lost ${JSON.stringify(o.lost)}`);
  });
  assert.equal(cycles[1]!.dead_voxels, sim.app.deadCount);
  // every voxel that died is counted once, and in exactly one cut
  const formed = o.formed.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  assert.equal(formed, sim.app.deadFormed);
  assert.equal(o.cutVoxels.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0), formed);
  // this run exercises the subtraction: a dead voxel is turned into SEI after it died
  const lost = o.lost.reduce((a, r) => a + r.reduce((x, y) => x + y, 0), 0);
  assert.ok(lost > 0 && sim.app.deadFormed > sim.app.deadCount, `lost ${lost}`);
  // the causes are told apart: oxidation cuts a neck, and SEI forming at a neck cuts one
  const f = DEAD_CAUSES.map((_, k) => o.formed.reduce((a, r) => a + r[k]!, 0));
  assert.ok(f[0]! > 0 && f[2]! + f[3]! > 0, JSON.stringify(f));
});

test('tracing the dead metal reads only: the run is the same without it', () => {
  const a = run(true, 7).sim, b = run(false, 7).sim;
  assert.deepEqual(a.app.code, b.app.code);
  assert.deepEqual(a.app.counters, b.app.counters);
  assert.deepEqual(a.sei!.counters, b.sei!.counters);
  assert.equal(a.kmcTime, b.kmcTime);
  assert.equal(b.app.deadOrigins, null);
});

test('a piece cut off by SEI is enclosed (seiWrap) only when none of its voxels touches electrolyte', () => {
  const lat = new CubicLattice(4, 4, 6);
  const code = new Uint8Array(lat.n);
  const a = lat.index(1, 1, 2), b = lat.index(1, 1, 3);
  code[a] = DEAD; code[b] = DEAD;
  const o = new DeadOrigins(lat, code);
  o.step = 1;
  o.cut(DC_SEI, [a, b]); // the two have electrolyte all round: a neck turned into SEI
  assert.deepEqual(o.formedIn(1), { oxidation: 0, oxidationUnderSei: 0, seiNeck: 2, seiWrap: 0, other: 0 });
  // a single dead voxel wrapped on every face by SEI and metal: enclosed
  const c = lat.index(2, 2, 3);
  code[c] = DEAD;
  const nb = new Int32Array(6);
  lat.neighbors(c, nb);
  nb.forEach((t, d) => { code[t] = d % 2 === 0 ? SEI : METAL; });
  o.cut(DC_SEI, [c]);
  assert.equal(o.formedIn(1).seiWrap, 1);
  assert.equal(o.cuts[3]![0], 1); // one cut of one voxel (size class 0)
  assert.equal(o.cuts[2]![1], 1); // one cut of two voxels (size class 1)
  // a voxel that stops being dead leaves its cause, in the step it leaves
  o.step = 2;
  o.lose(c);
  assert.equal(o.lostIn(2).seiWrap, 1);
  assert.deepEqual(o.aliveByCause(), { oxidation: 0, oxidationUnderSei: 0, seiNeck: 2, seiWrap: 0, other: 0 });
});
