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
import { METAL, EMPTY } from '../src/lattice/voxel.js';
import { makeRun, LI } from './helpers/runs.js';

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

/** every voxel's slot (-1: none) */
const slotsOf = (app: PlatingApp, n: number) => Array.from({ length: n }, (_, w) => app.slots.get(w));

/**
 * The hop of the atom at v executed in a (carry path off) and b (on); asserts the same lattice and slots after it and b's
 * classes consistent. Returns the hops b carried (0 or 1).
 */
function hopBoth(a: PlatingApp, b: PlatingApp, v: number, n: number, what: string): number {
  const before = b.carriedHops;
  a.execute(2 * a.slots.get(v) + 1);
  b.execute(2 * b.slots.get(v) + 1);
  assert.deepEqual(b.code, a.code, `${what}: lattices`);
  assert.deepEqual(slotsOf(b, n), slotsOf(a, n), `${what}: slots`);
  const bad = b.checkConsistency();
  assert.equal(bad, null, `${what}: ${bad}`);
  return b.carriedHops - before;
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
      hops++;
      carried += hopBoth(a, b, v, lat.n, `trial ${trial}, hop ${k} of voxel ${v}`);
    }
  }
  assert.ok(carried >= 100 && carried < hops, `the carry path fired on some hops and not on others (${carried} of ${hops})`);
});

// branch testtime16: the carry path of an irreversible run (apps/plating.ts irreversibleCarries)
const islandRun = (Ed: number, redShift: number, L: number) => makeRun({
  size: [L, L, 8], voxel_m: 0.3e-9, metal: { ...LI, lateralBond_eV: 10 },
  host: { name: 'x', conducting: true, binding_eV: Ed, redShift_eV: redShift, terraceBarrier_eV: Ed },
  model: { irreversible: true }, current: 1000, monolayers: 0.1, samples: 10,
});

test('irreversible carry path on and off: the same trajectory, classes and slots (island density\'s aggregation)', () => {
  // test/engine.test.ts's island density set-up on 24 x 24 columns (E_d 0.14 eV, seed 1: 28,742 events)
  const run = { ...islandRun(0.14, 0, 24), seed: 1 };
  const a = new Simulation(run, { engine: { hopCarry: 'off' } });
  const b = new Simulation(run, { engine: { hopCarry: 'on' } });
  let checks = 0;
  a.runAll({ chunk: 4000 });
  b.runAll({ chunk: 4000, onProgress: () => { const bad = b.app.checkConsistency(); checks++; assert.equal(bad, null, `after ${b.events} events: ${bad}`); } });
  assert.ok(checks >= 5, `classes checked along the way (${checks} times)`);
  assert.equal(b.app.checkConsistency(), null);
  assert.equal(a.app.carriedHops, 0, 'off means off');
  assert.ok(b.app.carriedHops > b.app.counters.hops / 2, `the carry path fired (${b.app.carriedHops} of ${b.app.counters.hops} hops)`);
  assert.equal(b.events, a.events);
  assert.deepEqual(b.app.counters, a.app.counters);
  assert.deepEqual(b.trace, a.trace);
  assert.deepEqual(Array.from(b.app.code), Array.from(a.app.code));
  for (let v = 0; v < a.app.lat.n; v++) assert.equal(b.app.slots.get(v), a.app.slots.get(v), `slot of voxel ${v}`);
});

test('irreversible carry path on and off, one hop in each direction from set-ups it must refuse or take: the same lattice, slots and classes', () => {
  // a clean host floor (8 x 8 columns) and one mover v (hopped first, in the direction the app
  // draws: apps made with seeds 1-8 cover all four), then 20 hops drawn among the atoms that have one
  const lat = new CubicLattice(8, 8, 6), nxy = lat.nxy, nb = new Int32Array(6);
  const at = (i: number, d: number) => { lat.neighbors(i, nb); return nb[d]!; };
  const c = 3 * 8 + 3;
  const ring = (i: number) => [i, at(i, 0), at(i, 1)].flatMap((j) => [j, at(j, 2), at(j, 3)]);
  const setups: { name: string; redShift: number; carries: boolean; build: (code: Uint8Array, host: number, sac: number) => number }[] = [
    { name: 'a lone atom on the floor', redShift: 0, carries: true, build: (code) => { code[nxy + c] = METAL; return nxy + c; } },
    {
      // the centre atom's move to an edge has step-downs beside it there, not the plain moves it had
      name: 'an atom on the centre of a 3 x 3 plateau, floating atoms beside the voxels beyond its edges', redShift: 0, carries: false,
      build: (code, host) => {
        for (const j of ring(c)) code[nxy + j] = host;
        for (let d = 0; d < 4; d++) { const u = at(at(c, d), d), side = d < 2 ? 2 : 0; code[2 * nxy + at(u, side)] = METAL; code[2 * nxy + at(u, side + 1)] = METAL; }
        code[2 * nxy + c] = METAL;
        return 2 * nxy + c;
      },
    },
    {
      // on a less catalytic host: the voxel beyond the edge the atom moves to gains a metal neighbour
      name: 'an atom on the centre of a 3 x 3 patch of SAC sites', redShift: 0.1, carries: false,
      build: (code, _host, sac) => { for (const j of ring(c)) code[j] = sac; code[nxy + c] = METAL; return nxy + c; },
    },
    {
      // on a less catalytic host: the voxel the atom leaves beyond the edge loses its metal neighbour
      name: 'an atom on an edge of a 3 x 3 patch of SAC sites', redShift: 0.1, carries: false,
      build: (code, _host, sac) => { for (const j of ring(c)) code[j] = sac; code[nxy + at(c, 0)] = METAL; return nxy + at(c, 0); },
    },
    {
      // its moves read the voxel above the centre atom
      name: 'a floating atom beside the voxel above the mover', redShift: 0, carries: false,
      build: (code) => { code[nxy + c] = METAL; code[2 * nxy + at(c, 0)] = METAL; return nxy + c; },
    },
    {
      // its moves read the mover through a step-down
      name: 'a floating atom two layers up beside the mover', redShift: 0, carries: false,
      build: (code) => { code[nxy + c] = METAL; code[3 * nxy + at(c, 0)] = METAL; return nxy + c; },
    },
    {
      // another support: another bond, so another hop class
      name: 'an atom on a lone SAC site', redShift: 0, carries: false,
      build: (code, _host, sac) => { code[c] = sac; code[nxy + c] = METAL; return nxy + c; },
    },
  ];
  for (const setup of setups) {
    const sim = new Simulation({ ...islandRun(0.2, setup.redShift, 8), sacs: [{ site: { name: 'S', element: 'Zn', binding_eV: 0.35, redShift_eV: 0, terraceBarrier_eV: 0.2 }, loading_fraction: 0.1, arrangement: 'random' }] });
    const phys = sim.app.phys, host = sim.app.code[0]!, sac = [...phys.substrate.keys()].find((k) => k !== host)!;
    const code = new Uint8Array(lat.n);
    for (let i = 0; i < nxy; i++) code[i] = host;
    const v = setup.build(code, host, sac);
    const dirs = new Set<number>();
    let carriedFirst = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const a = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'off' }, new Rng(seed));
      const b = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'on' }, new Rng(seed));
      const r = new Rng(100 + seed);
      for (let k = 0; k < 21; k++) {
        const movers: number[] = [];
        for (let w = 0; w < lat.n; w++) { const s = a.slots.get(w); if (s >= 0 && a.solver.classOf(2 * s + 1) >= 0) movers.push(w); }
        if (k === 0) assert.ok(movers.includes(v), `${setup.name}: the mover has a hop`);
        if (movers.length === 0) break;
        const m = k === 0 ? v : movers[r.int(movers.length)]!;
        const c = hopBoth(a, b, m, lat.n, `${setup.name}, seed ${seed}, hop ${k}`);
        if (k === 0) { dirs.add(a.lastHopTo); carriedFirst += c; }
      }
    }
    assert.ok(dirs.size >= 4, `${setup.name}: the first hop went ${dirs.size} ways`);
    if (setup.carries) assert.equal(carriedFirst, 8, `${setup.name}: carried`);
  }
});

test('irreversible carry path on and off on islands, second-layer atoms and overhangs: the same lattice, slots and classes after every hop', () => {
  // hand-made floors an island run seldom makes: a host floor with SAC sites (another support: its
  // own bond and reduction class), host bumps one layer up (moves off them are step-downs), islands,
  // atoms on them and floating atoms (they read the voxels below them through their moves), lone
  // atoms; a host as catalytic as the metal (empty voxels beside a mover keep their class) and a
  // less catalytic one (they do not)
  const lat = new CubicLattice(16, 15, 6);
  const nb = new Int32Array(6);
  let carried = 0, hops = 0;
  for (let trial = 0; trial < 8; trial++) {
    const sim = new Simulation({ ...islandRun(0.2, trial % 4 === 3 ? 0.1 : 0, 8), sacs: [{ site: { name: 'S', element: 'Zn', binding_eV: 0.35, redShift_eV: 0, terraceBarrier_eV: 0.2 }, loading_fraction: 0.1, arrangement: 'random' }] });
    const phys = sim.app.phys, host = sim.app.code[0]!, floor = [...phys.substrate.keys()];
    assert.equal(floor.length, 2, 'a host and a SAC code');
    const r = new Rng(300 + trial);
    const code = new Uint8Array(lat.n);
    const solid = (c: number) => c !== EMPTY;
    const at = (i: number, d: number) => { lat.neighbors(i, nb); return nb[d]!; };
    const firsts: number[] = [];
    for (let i = 0; i < lat.nxy; i++) code[i] = r.int(6) === 0 ? floor[1]! : host;
    for (let k = 0; k < 10; k++) {
      // host bumps: short rows one layer up
      let i = r.int(lat.nxy);
      const dir = r.int(4);
      for (let j = 0; j < 1 + r.int(3); j++) { code[lat.nxy + i] = r.int(4) === 0 ? floor[1]! : host; lat.neighbors(i, nb); i = nb[dir]!; }
    }
    for (let k = 0; k < 2; k++) {
      // a 3 x 3 host plateau one layer up, an atom on its centre (hopped first), and two floating
      // atoms beside the voxel beyond each edge (the centre atom hopping to an edge has a step-down
      // there, not the plain move it had: another hop class)
      const c = r.int(lat.nxy);
      for (const i of [c, at(c, 0), at(c, 1)]) for (const j of [i, at(i, 2), at(i, 3)]) code[lat.nxy + j] = host;
      code[2 * lat.nxy + c] = METAL;
      firsts.push(2 * lat.nxy + c);
      for (let dir = 0; dir < 4; dir++) {
        const u = at(at(c, dir), dir), side = dir < 2 ? 2 : 0;
        code[2 * lat.nxy + at(u, side)] = METAL;
        code[2 * lat.nxy + at(u, side + 1)] = METAL;
      }
    }
    const lessCatalytic = trial % 4 === 3;
    for (let k = 0; k < 3; k++) {
      // a 3 x 3 patch of SAC sites in the floor and an atom on its centre (hopped first). On the
      // less catalytic host the centre atom's hop to an edge gives the host voxel beyond it a metal
      // neighbour (another reduction class), while the voxels around the centre keep theirs; and an
      // atom on an edge that hops to the centre leaves a host voxel without one (the third patch).
      // On the other host the first patch has a floating atom above an edge (beside the voxel above
      // the centre atom), the second one a layer higher (it reads the centre through a step-down):
      // each keeps the centre atom's hops elsewhere off the carry path.
      const c = r.int(lat.nxy);
      for (const i of [c, at(c, 0), at(c, 1)]) for (const j of [i, at(i, 2), at(i, 3)]) if (code[lat.nxy + j] === EMPTY) code[j] = floor[1]!;
      const v = lat.nxy + (k === 2 ? at(c, r.int(4)) : c);
      if (code[v] === EMPTY) { code[v] = METAL; firsts.push(v); }
      if (!lessCatalytic && k < 2 && code[(2 + k) * lat.nxy + at(c, 0)] === EMPTY) code[(2 + k) * lat.nxy + at(c, 0)] = METAL;
    }
    for (let k = 0; k < 4; k++) {
      // an island of two or three atoms in a row (the first two with an atom on it)
      let i = r.int(lat.nxy);
      const dir = r.int(4), len = 2 + r.int(2);
      for (let j = 0; j < len; j++) {
        const z = solid(code[lat.nxy + i]!) ? 2 : 1;
        code[z * lat.nxy + i] = METAL;
        if (j === 1 && z === 1 && k < 2) code[2 * lat.nxy + i] = METAL;
        lat.neighbors(i, nb); i = nb[dir]!;
      }
    }
    for (let k = 0; k < 4; k++) { const v = (2 + r.int(2)) * lat.nxy + r.int(lat.nxy); if (code[v] === EMPTY) code[v] = METAL; } // floating atoms
    for (let k = 0; k < 14; k++) {
      // lone atoms on the floor or on a bump
      const i = r.int(lat.nxy), z = solid(code[lat.nxy + i]!) ? 2 : 1;
      if (code[(z - 1) * lat.nxy + i] !== METAL && code[z * lat.nxy + i] === EMPTY) code[z * lat.nxy + i] = METAL;
    }
    const a = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'off' }, new Rng(7 + trial));
    const b = new PlatingApp(lat, code.slice(), { ...phys, hopCarry: 'on' }, new Rng(7 + trial));
    for (let k = 0; k < 400; k++) {
      const movers: number[] = [];
      for (let v = 0; v < lat.n; v++) { const s = a.slots.get(v); if (s >= 0 && a.solver.classOf(2 * s + 1) >= 0) movers.push(v); }
      if (movers.length === 0) break;
      const first = firsts.shift();
      const v = first !== undefined && movers.includes(first) ? first : movers[r.int(movers.length)]!;
      hops++;
      carried += hopBoth(a, b, v, lat.n, `trial ${trial}, hop ${k} of voxel ${v}`);
    }
  }
  assert.ok(carried >= 20 && hops - carried >= 20, `the carry path fired on some hops and not on others (${carried} of ${hops})`);
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
