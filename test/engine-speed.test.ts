/**
 * Issue 11 (speed): the exact optimisations are exact, the thinned step-up rule keeps every
 * event class equal to a recomputation from scratch. Fixed seeds, small runs (a few seconds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CubicLattice } from '../src/kmc/lattice.js';
import { SlotMap } from '../src/kmc/slotmap.js';
import { BandSlotMap } from '../src/kmc/bandslotmap.js';
import { Rng } from '../src/kmc/rng.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { makeRun, LI } from './helpers/runs.js';

/** neighbours by integer division (the rule neighbors() computes with reciprocals) */
function reference(lat: CubicLattice, i: number): number[] {
  const z = Math.floor(i / lat.nxy), r = i - z * lat.nxy, y = Math.floor(r / lat.nx), x = r - y * lat.nx;
  const at = (xx: number, yy: number, zz: number) => (zz < 0 || zz >= lat.nz ? -1 : ((xx + lat.nx) % lat.nx) + lat.nx * (((yy + lat.ny) % lat.ny) + lat.ny * zz));
  return [at(x + 1, y, z), at(x - 1, y, z), at(x, y + 1, z), at(x, y - 1, z), at(x, y, z + 1), at(x, y, z - 1)];
}

test('neighbours by reciprocal multiplication equal integer division on every voxel (sizes that are not powers of two)', () => {
  const out = new Int32Array(6);
  for (const [nx, ny, nz] of [[100, 100, 80], [3, 7, 5], [250, 250, 4], [13, 1, 9], [999, 37, 3]] as const) {
    const lat = new CubicLattice(nx, ny, nz);
    for (let i = 0; i < lat.n; i++) {
      lat.neighbors(i, out);
      const ref = reference(lat, i);
      for (let d = 0; d < 6; d++) if (out[d] !== ref[d]) assert.fail(`${nx}x${ny}x${nz} voxel ${i} direction ${d}: ${out[d]} vs ${ref[d]}`);
    }
  }
  // a lattice near the 2^30-voxel limit: the top layers and every multiple of nx*ny on the way
  const big = new CubicLattice(1000, 1000, 1000);
  const rng = new Rng(3);
  for (let k = 0; k < 200_000; k++) {
    const i = k < 1000 ? k * big.nxy + (k % 3) - 1 + (k === 0 ? 1 : 0) : rng.int(big.n);
    big.neighbors(i, out);
    assert.deepEqual(Array.from(out), reference(big, i), `voxel ${i}`);
  }
});

test('the band slot map hands out the same slots as the hash slot map, operation for operation', () => {
  const nxy = 50, n = nxy * 40;
  const a = new SlotMap(16), b = new BandSlotMap(nxy, n);
  const rng = new Rng(7);
  const present = new Set<number>();
  for (let k = 0; k < 200_000; k++) {
    const op = rng.int(10);
    // keys in a band that drifts upward, as a growing film's surface does
    const base = Math.min(n - 6 * nxy, Math.floor(k / 8000) * nxy);
    const key = base + rng.int(6 * nxy);
    if (op < 5) { assert.equal(b.getOrAdd(key), a.getOrAdd(key)); present.add(key); }
    else if (op < 8) { a.delete(key); b.delete(key); present.delete(key); }
    else if (present.size >= 2) {
      const keys = [...present];
      const x = keys[rng.int(keys.length)]!, y = keys[rng.int(keys.length)]!;
      if (op === 8 && x !== y) { a.swapKeys(x, y); b.swapKeys(x, y); }
      if (op === 9 && !present.has(key)) { a.rekey(x, key); b.rekey(x, key); present.delete(x); present.add(key); }
    }
    if (k % 997 === 0) for (const x of present) assert.equal(b.get(x), a.get(x));
  }
  assert.equal(b.size, a.size);
  assert.equal(b.slotCount, a.slotCount);
  assert.deepEqual(Array.from(b.slotKey.subarray(0, b.slotCount)), Array.from(a.slotKey.subarray(0, a.slotCount)));
});

/** Li on Cu, 50 nm voxels, 3 mA/cm2: the film-growth benchmark's setting on a small box */
const film = (seed: number) => parseRunInput({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' },
  protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed, output: { snapshots: false },
});

test('band and hash slot maps give the same trajectory (events, counters, trace, lattice)', () => {
  const a = new Simulation(film(2), { engine: { slotIndex: 'hash', stepUp: 'exact' } });
  const b = new Simulation(film(2), { engine: { slotIndex: 'band', stepUp: 'exact' } });
  a.runAll(); b.runAll();
  assert.ok(a.netVoxels > 700, `a film of about three layers grew (${a.netVoxels} voxels)`);
  assert.equal(b.events, a.events);
  assert.deepEqual(b.app.counters, a.app.counters);
  assert.deepEqual(b.trace.overpotential_mV, a.trace.overpotential_mV);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

test('thinned step-ups: every class equals a recomputation from scratch, and blocked step-ups happen', () => {
  let blocked = 0;
  const runs = [
    // the film run whole (about 150,000 events), checked every 4000 events
    { run: film(1), chunk: 4000 },
    // weak bonds (many step-ups on a small box)
    { run: makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, metal: { ...LI, bond_eV: 0.03, lateralBond_eV: 0.03 } }), chunk: 500 },
  ];
  for (const { run, chunk } of runs) {
    for (const stepUp of ['thinned', 'exact'] as const) {
      const sim = new Simulation(run, { engine: { stepUp } });
      for (let k = 0; k < 40; k++) {
        sim.runStep(sim.steps[0]!, { eventLimit: sim.events + chunk });
        const bad = sim.app.checkConsistency();
        assert.equal(bad, null, `${stepUp}, after ${sim.events} events: ${bad}`);
      }
      if (stepUp === 'thinned') blocked += sim.app.counters.blockedStepUps;
      else assert.equal(sim.app.counters.blockedStepUps, 0, 'the exact rule draws no blocked step-up');
    }
  }
  assert.ok(blocked > 0, 'the runs drew step-ups onto taken voxels (null events), so the rule was exercised');
});

test('a free adatom crossing a flat terrace leaves the solver alone: the supports follow the atom (issue 11, fourth round)', async () => {
  // Li on Cu at 50 nm voxels: host at z = 0, a full Li layer at z = 1, one adatom at z = 2. Every
  // hop is a plain terrace move; the support it bares takes the slot of the one it covers, so the
  // expected solver updates per hop are 0 (before this change: 4, the two supports' oxidation and
  // hop events). Every class is checked against a recomputation after every hop.
  const { PlatingApp, CH_HOP } = await import('../src/apps/plating.js');
  const { METAL } = await import('../src/lattice/voxel.js');
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 8], voxel: '50 nm' }, host: 'Cu',
    protocol: ['Plate at 1 mA/cm2 for 1 s'], seed: 1, output: { snapshots: false },
  });
  const sim = new Simulation(run, { engine: { adatoms: 'exact' } });
  const lat = sim.app.lat;
  const code = sim.app.code.slice();
  for (let x = 0; x < 12; x++) for (let y = 0; y < 12; y++) code[lat.index(x, y, 1)] = METAL;
  code[lat.index(5, 5, 2)] = METAL;
  const app = new PlatingApp(lat, code, sim.app.phys, new Rng(11));
  const solver = app.solver;
  let updates = 0;
  const set = solver.set.bind(solver);
  solver.set = (e: number, c: number) => { if (solver.classOf(e) !== c) updates++; set(e, c); };
  let v = lat.index(5, 5, 2);
  const hopClass = solver.classOf(app.slots.get(v) * 2 + 1);
  assert.ok(hopClass >= 0, 'the adatom can hop');
  for (let k = 0; k < 200; k++) {
    const slot = app.slots.get(v);
    assert.equal(solver.classOf(slot * 2 + 1), hopClass, 'the same class wherever the adatom is');
    assert.equal(app.execute(slot * 2 + 1), CH_HOP);
    v = app.lastHopTo;
    const bad = app.checkConsistency();
    assert.equal(bad, null, `after hop ${k + 1}: ${bad}`);
  }
  assert.equal(app.counters.hops, 200);
  assert.equal(updates, 0, `solver updates in 200 terrace hops: ${updates}`);
});

test('a new app counts the neighbours of every voxel as the events kept them: cubic, helical, 2- and 1-wide boxes (issue 11, sixteenth round)', async () => {
  const { PlatingApp } = await import('../src/apps/plating.js');
  const { METAL, EMPTY } = await import('../src/lattice/voxel.js');
  const runs: [string, Record<string, unknown>][] = [
    ['Li on Cu, 16 x 16', { host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' } }],
    ['vicinal Li foil (helical boundaries)', { host: 'Li', host_layers: 10, lattice: { size: [12, 12, 22], voxel: '10 nm', terrace_width: 6, foil: 'vicinal' } }],
  ];
  // the packing of a voxel's neighbour byte (apps/plating.ts): bits 0-2 count its solid neighbours, bits 3-5 the
  // foreign ones among them (host, SAC, dead metal, SEI: anything neither EMPTY nor METAL)
  const counted = (lat: CubicLattice, code: Uint8Array, i: number, nb: Int32Array): number => {
    lat.neighbors(i, nb);
    let s = 0;
    for (const t of nb) if (t >= 0 && code[t] !== EMPTY) s += code[t] === METAL ? 1 : 9;
    return s;
  };
  const nb = new Int32Array(6);
  for (const [name, extra] of runs) {
    const sim = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 4, output: { snapshots: false }, ...extra }));
    sim.runAll({ eventLimit: 6000 });
    const app = sim.app, lat = app.lat;
    let metal = 0;
    for (let i = 0; i < lat.n; i++) if (app.code[i] === METAL) metal++;
    assert.ok(metal > 20, `${name}: a deposit grew (${metal} metal voxels)`);
    // the running app's counts were kept up to date voxel by voxel as the codes changed (setCodeNb); a new app
    // on the same codes counts them from scratch
    const fresh = new PlatingApp(lat, app.code.slice(), app.phys, new Rng(1));
    for (let i = 0; i < lat.n; i++) {
      if (fresh.nbs[i] !== app.nbs[i]) assert.fail(`${name}: voxel ${i} (code ${app.code[i]}): ${fresh.nbs[i]} from scratch, ${app.nbs[i]} kept by the events`);
      if (fresh.nbs[i] !== counted(lat, app.code, i, nb)) assert.fail(`${name}: voxel ${i}: ${fresh.nbs[i]}, its neighbours say ${counted(lat, app.code, i, nb)}`);
    }
    assert.equal(fresh.checkConsistency(), null, name);
  }
  // boxes the run file refuses (under 4 columns wide): x + 1 and x - 1 are one voxel (2 wide) or the voxel itself (1 wide),
  // a neighbour counted twice; the app driven by its own events (any event that has a class, drawn uniformly, until none
  // is left: uniform draws oxidise as often as they reduce, and the connectivity rule kills cut-off metal)
  const base = new Simulation(parseRunInput({ metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [4, 4, 12], voxel: '50 nm' }, protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 4, output: { snapshots: false } }), { engine: { adatoms: 'exact' } });
  for (const [nx, ny] of [[2, 3], [1, 4]] as const) {
    const lat = new CubicLattice(nx, ny, 12);
    const code = new Uint8Array(lat.n);
    for (let i = 0; i < lat.nxy; i++) code[i] = base.app.code[0]!; // the host's bottom layer
    const app = new PlatingApp(lat, code, base.app.phys, new Rng(5));
    const rng = new Rng(6);
    let executed = 0;
    for (let k = 0; k < 3000; k++) {
      const live: number[] = [];
      for (let s = 0; s < app.slots.slotCount; s++) for (const e of [2 * s, 2 * s + 1]) if (app.slots.slotKey[s]! >= 0 && app.solver.classOf(e) >= 0) live.push(e);
      if (live.length === 0) break;
      app.execute(live[rng.int(live.length)]!);
      executed++;
    }
    let solid = 0;
    for (let i = lat.nxy; i < lat.n; i++) if (app.code[i] !== EMPTY) solid++;
    assert.ok(executed >= 100 && solid > 5, `${nx} x ${ny}: ${executed} events, ${solid} metal or dead voxels above the host`);
    const fresh = new PlatingApp(lat, app.code.slice(), base.app.phys, new Rng(1));
    for (let i = 0; i < lat.n; i++) {
      if (fresh.nbs[i] !== app.nbs[i]) assert.fail(`${nx} x ${ny}: voxel ${i} (code ${app.code[i]}): ${fresh.nbs[i]} from scratch, ${app.nbs[i]} kept by the events`);
      if (fresh.nbs[i] !== counted(lat, app.code, i, nb)) assert.fail(`${nx} x ${ny}: voxel ${i}: ${fresh.nbs[i]}, its neighbours say ${counted(lat, app.code, i, nb)}`);
    }
  }
});
