/**
 * First-passage lone adatoms (apps/lone-adatoms.ts) under `model: { sealed_pores: void }` (branch fpvoid). A liquid
 * relabel (EMPTY <-> VOID, apps/liquid.ts) is a change of codes like any event's: a domain whose voxels it reaches
 * (its columns, levels z - 1 .. z + 4) is resolved first, its atom placed at its drawn position, and the relabel's list
 * is then found again on the true codes; an atom's move out of a domain (the exit) is a hop's move and seals what a hop
 * there would. Boxes built by hand: a cave whose lid seals the liquid over a domain, a sealed cavity under a domain's
 * floor opened by an oxidation outside it, a domain in a well whose exits close notches in its wall; and a plate/strip
 * cycle with the classes, the swap argument and the labelling checked every 2,000 events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { Simulation } from '../src/simulation/simulation.js';
import { PlatingApp, type PlatingPhysics } from '../src/apps/plating.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, DEAD, HOST_BASE } from '../src/lattice/voxel.js';
import { VOID } from '../src/lattice/species.js';
import { faradaic, fire } from './helpers/sealed-pore.js';
import { labelMismatch } from './helpers/liquid-labels.js';

const physOf = (nx: number, ny: number, nz: number): PlatingPhysics => {
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [nx, ny, nz], voxel: '10 nm' }, protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'],
    seed: 1, output: { snapshots: false }, model: { sealed_pores: 'void' },
  });
  return physicsOf(run, derive(run));
};


const count = (code: Uint8Array, f: (c: number) => boolean): number => { let k = 0; for (const c of code) if (f(c)) k++; return k; };

/** an app on a hand-built box, its first-passage manager bound to a clock of its own */
function appOn(nx: number, ny: number, nz: number, code: Uint8Array, seed: number) {
  const app = new PlatingApp(new CubicLattice(nx, ny, nz, false), code, physOf(nx, ny, nz), new Rng(seed));
  const lone = app.lone;
  assert.ok(lone !== null, 'first-passage adatoms are on under void');
  const clock = new Float64Array(1);
  lone.bindClock(clock);
  return { app, lone, clock };
}

test('void + first-passage: a lid that seals the liquid over a lone adatom\'s domain resolves the domain first; the whole cave turns VOID, the atom stays one METAL voxel', () => {
  // 12 x 12 x 10, periodic in x and y: Cu at z = 0, a Li floor at z = 1, walls at x = 0 and y = 0 (z = 2..6), a roof at
  // z = 7 with one hole, the lid L = (6, 6, 7); a lone adatom at (6, 6, 2) in the 11 x 11 x 5 cave. The lid is two levels
  // above the domain's levels (z - 1 .. z + 4 = 0 .. 5): its reduction does not resolve the domain by itself
  const nx = 12, ny = 12, nz = 10, at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  let moved = 0;
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const code = new Uint8Array(nx * ny * nz);
    code.fill(HOST_BASE, 0, nx * ny);
    code.fill(METAL, nx * ny, 2 * nx * ny);
    for (let z = 2; z <= 6; z++) for (let i = 0; i < nx; i++) { code[at(i, 0, z)] = METAL; code[at(0, i, z)] = METAL; }
    code.fill(METAL, at(0, 0, 7), at(0, 0, 8));
    const lid = at(6, 6, 7), atom = at(6, 6, 2);
    code[lid] = EMPTY;
    code[atom] = METAL;
    const { app, lone, clock } = appOn(nx, ny, nz, code, seed);
    assert.equal(app.voidCount, 0);
    const k = app.solver.rate[app.hopClass(atom)]!;
    lone.consider(atom);
    assert.equal(lone.count, 1, 'a domain around the atom');
    assert.ok(lone.isProtected(atom));
    lone.verify = true;
    clock[0] = 20 / k; // about 20 hops' time: the drawn place is seldom the centre
    const metal = count(app.code, (c) => c === METAL || c === DEAD);
    assert.ok(faradaic(app, lid) > 0);
    fire(app, lid);
    const open = lone.count;
    lone.resolveAll(); // (nothing left to resolve, when the relabel resolved it)
    assert.equal(count(app.code, (c) => c === METAL || c === DEAD), metal + 1, 'the atom is one METAL voxel (and the lid one more)');
    const cave = 11 * 11 * 5 - 1;
    assert.equal(app.voidCount, cave, 'every liquid voxel of the cave but the atom\'s place is VOID');
    let placed = -1;
    for (let y = 1; y < ny; y++) for (let x = 1; x < nx; x++) if (app.code[at(x, y, 2)] === METAL) placed = at(x, y, 2);
    assert.ok(placed >= 0 && Math.abs((placed % nx) - 6) <= 3 && Math.abs(((placed / nx) | 0) % ny - 6) <= 3, `the atom inside its domain (${placed})`);
    if (placed !== atom) moved++;
    assert.equal(app.checkConsistency(), null);
    assert.equal(labelMismatch(app.lat, app.code), null);
    assert.equal(open, 0, 'the domain was resolved before the relabel');
    assert.equal(lone.stats.liquid, 1, 'counted as resolved by a relabel');
  }
  assert.ok(moved >= 3, `the atom placed away from the centre in ${moved} of 6 runs`);
});

test('void + first-passage: an oxidation outside a domain that joins the sealed cavity under its floor (level z - 1) to the bulk resolves the domain first', () => {
  // 12 x 12 x 8: Cu at z = 0, Li pillars at x = 0 on z = 1, the rest of z = 1 a sealed cavity (VOID), a Li floor at z = 2,
  // a lone adatom at (6, 6, 3): its domain's level z - 1 is the cavity. The floor atom O = (1, 1, 2), outside the domain's
  // columns (2 .. 10), oxidises: the cavity joins the bulk through its place and turns EMPTY
  const nx = 12, ny = 12, nz = 8, at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  const code = new Uint8Array(nx * ny * nz);
  code.fill(HOST_BASE, 0, nx * ny);
  for (let y = 0; y < ny; y++) code[at(0, y, 1)] = METAL;
  code.fill(METAL, at(0, 0, 2), at(0, 0, 3));
  const atom = at(6, 6, 3), o = at(1, 1, 2);
  code[atom] = METAL;
  const { app, lone, clock } = appOn(nx, ny, nz, code, 7);
  assert.equal(app.voidCount, 11 * 12, 'the cavity is VOID from the start');
  const k = app.solver.rate[app.hopClass(atom)]!;
  lone.consider(atom);
  assert.equal(lone.count, 1);
  lone.verify = true;
  clock[0] = 20 / k;
  fire(app, o);
  assert.equal(app.code[o], EMPTY);
  const open = lone.count;
  lone.resolveAll();
  assert.equal(app.voidCount, 0);
  assert.equal(app.checkConsistency(), null);
  assert.equal(labelMismatch(app.lat, app.code), null);
  assert.equal(open, 0, 'the domain was resolved before the cavity turned EMPTY');
  assert.equal(lone.stats.liquid, 1);
});

test('void + first-passage: an exit that closes a notch in the wall beside the ring seals the notch (VOID), as the hop onto that voxel would', () => {
  // 8 x 8 x 8: Cu at z = 0, a Li floor at z = 1, a well: every column at Chebyshev distance >= 3 from (4, 4) is METAL at
  // z = 2, 3 but for notches at z = 2 beside exit sites (y = 3, 5 on the x sides, x = 3, 5 on the y sides: 8 of the 12).
  // A lone adatom at (4, 4, 2): a domain L = 1 (ring at distance 2), left by its drawn exit
  const nx = 8, ny = 8, nz = 8, at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
  const notches = [at(1, 3, 2), at(1, 5, 2), at(7, 3, 2), at(7, 5, 2), at(3, 1, 2), at(5, 1, 2), at(3, 7, 2), at(5, 7, 2)];
  let sealed = 0;
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const code = new Uint8Array(nx * ny * nz);
    code.fill(HOST_BASE, 0, nx * ny);
    code.fill(METAL, nx * ny, 2 * nx * ny);
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
      if (Math.max(Math.abs(x - 4), Math.abs(y - 4)) >= 3) { code[at(x, y, 2)] = METAL; code[at(x, y, 3)] = METAL; }
    }
    for (const w of notches) code[w] = EMPTY;
    const atom = at(4, 4, 2);
    code[atom] = METAL;
    const { app, lone, clock } = appOn(nx, ny, nz, code, seed);
    assert.equal(app.voidCount, 0);
    lone.consider(atom);
    assert.equal(lone.count, 1);
    clock[0] = lone.heapT[0]!;
    lone.exitNext();
    assert.equal(lone.stats.exits, 1);
    const voids = notches.filter((w) => app.code[w] === VOID).length;
    assert.ok(voids <= 1);
    sealed += voids;
    assert.equal(app.voidCount, voids);
    assert.equal(app.checkConsistency(), null, `seed ${seed}`);
    assert.equal(labelMismatch(app.lat, app.code), null, `seed ${seed}`);
  }
  assert.ok(sealed >= 2, `notches sealed by an exit in ${sealed} of 8 runs`);
});

test('void + first-passage: a plate/strip cycle (Li on Cu, 50 nm) keeps every class, the swap argument and the labelling exact with domains open; relabels resolve domains', (t) => {
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' }, seed: 2, output: { snapshots: false },
    protocol: ['Plate 0.06 mAh/cm2 at 3 mA/cm2', 'Strip at 3 mA/cm2 until 1 V'], model: { sealed_pores: 'void' },
  });
  const sim = new Simulation(run, { rebuildEvery: 40000 });
  const lone = () => sim.app.lone!;
  assert.ok(sim.app.lone !== null, 'first-passage adatoms are on under void');
  lone().verify = true;
  let checks = 0, verified = 0;
  sim.runAll({ chunk: 2000, onProgress: () => {
    checks++;
    verified = Math.max(verified, lone().verified);
    assert.equal(sim.app.checkConsistency(), null);
    assert.equal(labelMismatch(sim.app.lat, sim.app.code), null);
    if (!lone().verify) lone().verify = true; // (a rebuild makes a new manager)
  } });
  assert.equal(sim.app.checkConsistency(), null);
  assert.equal(labelMismatch(sim.app.lat, sim.app.code), null);
  const st = lone().stats, app = sim.app;
  t.diagnostic(`${checks} checks, ${sim.events} events, VOID sealed ${app.voidSealed} opened ${app.voidOpened}, domains ${st.protected}, exits ${st.exits}, resolved ${st.resolved} (by a relabel ${st.liquid})`);
  assert.ok(checks > 10 && st.protected > 50 && st.exits > 20, JSON.stringify({ checks, ...st }));
  assert.ok(app.voidSealed > 0 && app.voidOpened > 0, `sealed ${app.voidSealed}, opened ${app.voidOpened}`);
});
