/**
 * Issue 11, twelfth round: the carry path (apps/plating.ts carries/carry). A hop of a lone atom in
 * its layer across a flat metal stretch, proven from the neighbour counts to keep every class,
 * skips the change set and makes the slot moves relabel would make. Runs with the path on and off
 * give the same trajectory (events, counters, lattice bytes, every class and slot), with
 * checkConsistency (every class against its recomputation, every slot against its voxel) green
 * along the way, on a film of Li on Cu, on a graphene host with SACs and on a plate/strip cycle
 * with an SEI; and the path did fire in each. Then hop by hop on hand-made rough films with lone
 * atoms and overhangs (the configurations the path must refuse). Fixed seeds, small boxes (a few
 * seconds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import type { ResolvedRun } from '../src/input/types.js';
import { PlatingApp } from '../src/apps/plating.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { METAL } from '../src/lattice/voxel.js';

const runs: { name: string; run: ResolvedRun; chunk: number; steps: number; minCarried: number }[] = [
  {
    name: 'Li on Cu, 50 nm, 3 mA/cm2 (the film-growth setting)', chunk: 4000, steps: 30, minCarried: 1000,
    run: parseRunInput({
      metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' },
      protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false },
    }),
  },
  {
    name: 'Li on graphene with Zn-N4 SACs (10 %)', chunk: 4000, steps: 30, minCarried: 1000,
    run: parseRunInput({
      metal: 'Li', temperature: '25 degC', host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }],
      lattice: { size: [16, 16, 14], voxel: '50 nm' }, protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 3, output: { snapshots: false },
    }),
  },
  {
    name: 'Li on Cu with a carbonate SEI, plate then strip', chunk: 3000, steps: 40, minCarried: 500,
    run: parseRunInput({
      metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [14, 14, 16], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.12 eV' },
      sei: 'carbonate', protocol: ['Plate 0.3 mAh/cm2 at 1 mA/cm2', 'Strip 0.2 mAh/cm2 at 1 mA/cm2'], seed: 4, output: { snapshots: false },
    }),
  },
];

for (const { name, run, chunk, steps, minCarried } of runs) {
  test(`carry path on and off: the same trajectory, classes and slots consistent (${name})`, () => {
    const a = new Simulation(run, { engine: { hopCarry: 'off' } });
    const b = new Simulation(run, { engine: { hopCarry: 'on' } });
    let checks = 0;
    a.runAll({ chunk, eventLimit: chunk * steps });
    b.runAll({
      chunk, eventLimit: chunk * steps,
      onProgress: () => { const bad = b.app.checkConsistency(); checks++; assert.equal(bad, null, `after ${b.events} events: ${bad}`); },
    });
    assert.ok(checks >= 5, `classes checked along the way (${checks} times)`);
    assert.equal(b.app.checkConsistency(), null);
    assert.equal(b.events, a.events);
    assert.equal(a.app.carriedHops, 0, 'off means off');
    if (run.sei) {
      assert.ok(b.app.counters.oxidations > 1000, `stripped too (${b.app.counters.oxidations} oxidations)`);
      const sei = new Set(b.app.phys.sei!.keys());
      assert.ok(b.app.code.some((c) => sei.has(c)), 'the SEI formed');
    }
    assert.ok(b.app.carriedHops >= minCarried, `the carry path fired (${b.app.carriedHops} of ${b.app.counters.hops} hops)`);
    assert.deepEqual(b.app.counters, a.app.counters);
    assert.deepEqual(Array.from(b.app.code), Array.from(a.app.code));
    // the same slots: every voxel's events under the same entity ids (the draws pick members by slot)
    for (let v = 0; v < a.app.lat.n; v++) assert.equal(b.app.slots.get(v), a.app.slots.get(v), `slot of voxel ${v}`);
  });
}

test('carry path on and off on rough surfaces with overhangs and lone atoms: the same lattice, slots and classes after every hop', () => {
  // hand-made surfaces that a short run seldom makes: a rough metal film on Cu, atoms hanging off
  // the side of a taller column (an atom two layers up beside a mover reads it through a step-down),
  // lone adatoms on top; then hops drawn uniformly among the atoms that have one, executed on both
  const sim = new Simulation(runs[0]!.run);
  const lat = new CubicLattice(9, 8, 13);
  const phys = sim.app.phys;
  const host = sim.app.code[0]!;
  let carried = 0, hops = 0;
  for (let trial = 0; trial < 27; trial++) {
    const r = new Rng(100 + trial);
    const code = new Uint8Array(lat.n);
    const h = new Int32Array(lat.nxy);
    for (let i = 0; i < lat.nxy; i++) h[i] = 4 + (r.int(6) < trial % 3 ? r.int(5) - 2 : 0); // film top layer: flat, bumpy, rough
    for (let i = 0; i < lat.nxy; i++) { code[i] = host; for (let z = 1; z <= h[i]!; z++) code[z * lat.nxy + i] = METAL; }
    const nb = new Int32Array(6);
    for (let k = 0; k < 40; k++) {
      const i = r.int(lat.nxy);
      lat.neighbors(i, nb);
      const j = nb[r.int(4)]!;
      // an overhang: beside a taller column, at least two layers above its own column's top
      if (h[j]! >= h[i]! + 3) code[(h[i]! + 2 + r.int(h[j]! - h[i]! - 2)) * lat.nxy + i] = METAL;
      else if (k < 8 && trial % 3 !== 0) code[(h[i]! + 1) * lat.nxy + i] = METAL; // an adatom on top
    }
    // on the flat films, first a hop of a lone atom v on the floor (layer 5) beside an atom hanging
    // off a taller column: two layers above the voxel beside v (it reads v through its step-down
    // move), one layer above it (beside the voxel above v), or one layer above a voxel diagonal to
    // v (beside the voxel above dest when v moves towards it)
    let first = -1;
    if (trial % 3 === 0) {
      const variant = (trial / 3) % 3;
      const c = r.int(lat.nxy);
      lat.neighbors(c, nb);
      let i = nb[0]!;
      if (variant === 2) { lat.neighbors(i, nb); i = nb[2]!; }
      lat.neighbors(i, nb);
      const j = nb[0]!, zx = variant === 0 ? 7 : 6;
      for (let z = 5; z <= 9; z++) code[z * lat.nxy + i] = 0;
      for (let z = 1; z <= zx; z++) code[z * lat.nxy + j] = METAL;
      for (let z = 5; z <= 9; z++) code[z * lat.nxy + c] = 0;
      code[5 * lat.nxy + c] = METAL;
      code[zx * lat.nxy + i] = METAL;
      first = 5 * lat.nxy + c;
    }
    const a = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'off' }, new Rng(7 + trial));
    const b = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'on' }, new Rng(7 + trial));
    for (let k = 0; k < 400; k++) {
      const movers: number[] = [];
      const lone = r.int(10) > 0; // mostly atoms with one solid neighbour (the carry path's), sometimes any
      for (let v = 0; v < lat.n; v++) {
        const s = a.slots.get(v);
        if (s < 0 || a.solver.classOf(2 * s + 1) < 0) continue;
        lat.neighbors(v, nb);
        if (!lone || nb.filter((w) => w >= 0 && a.code[w] !== 0).length === 1) movers.push(v);
      }
      if (movers.length === 0) continue;
      const v = k === 0 && first >= 0 ? first : movers[r.int(movers.length)]!;
      const before = b.carriedHops;
      a.execute(2 * a.slots.get(v) + 1);
      b.execute(2 * b.slots.get(v) + 1);
      hops++;
      if (b.carriedHops > before) carried++;
      assert.deepEqual(b.code, a.code, `trial ${trial}, hop ${k} of voxel ${v}: lattices`);
      for (let w = 0; w < lat.n; w++) assert.equal(b.slots.get(w), a.slots.get(w), `trial ${trial}, hop ${k} of voxel ${v}: slot of voxel ${w}`);
      const bad = b.checkConsistency();
      assert.equal(bad, null, `trial ${trial}, hop ${k} of voxel ${v}: ${bad}`);
    }
  }
  assert.ok(carried >= 100 && carried < hops, `the carry path fired on some hops and not on others (${carried} of ${hops})`);
});

// session 28, task mends32 (moved from test/mends32.test.ts)
test('a rebuild of the app keeps the count of carried hops', () => {
  // the film-growth setting on 16 x 16 x 14 voxels (test/hop-carry.test.ts), rebuilt every 8,000 events
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' },
    protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false },
  });
  const sim = new Simulation(run, { rebuildEvery: 8_000, engine: { hopCarry: 'on' } });
  const seen: { events: number; before: number; after: number }[] = [];
  const rebuild = sim.rebuild.bind(sim);
  sim.rebuild = () => {
    const old = sim.app, before = old.carriedHops;
    rebuild();
    assert.notEqual(sim.app, old, 'a new app');
    seen.push({ events: sim.events, before, after: sim.app.carriedHops });
  };
  sim.runAll({ chunk: 4000, eventLimit: 100_000 });
  assert.ok(sim.events >= 30_000, `${sim.events} events`);
  assert.ok(seen.length >= 3, `${seen.length} rebuilds`);
  assert.ok(seen[0]!.before > 50, `hops carried before the first rebuild: ${seen[0]!.before}`);
  for (const s of seen) assert.equal(s.after, s.before, `the count across the rebuild at event ${s.events}`);
  assert.ok(sim.app.carriedHops > seen.at(-1)!.after, 'and it goes on counting');
});
