/**
 * Sealed electrolyte as the species VOID (branch e1void; docs/model.md, "Known defects", E1): the run-file switch
 * `model: { sealed_pores: void }`. Liquid that no path of EMPTY voxels joins to the bulk (the top of the box) is
 * relabelled VOID (apps/liquid.ts): no reduction into it, no oxidation out into it; a change that joins it to the bulk
 * again (stripping, a hop's source) turns the whole pocket EMPTY. Checked against a labelling recomputed here from
 * scratch (a search from the top layer over liquid voxels), and the app's own checkConsistency.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { Simulation } from '../src/simulation/simulation.js';
import { PlatingApp, type PlatingPhysics } from '../src/apps/plating.js';
import { NX, NY, NZ, at, cup, P, L, faradaic, fire } from './helpers/sealed-pore.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, HOST_BASE } from '../src/lattice/voxel.js';
import { VOID, speciesOf, codeLegend } from '../src/lattice/species.js';
import { computeMetrics } from '../src/simulation/report.js';
import { Transport } from '../src/fields/transport.js';
import { checkSectorRun } from '../src/parallel/sector-run.js';
import { isLiquid } from '../src/lattice/voxel.js';
import { labelMismatch } from './helpers/liquid-labels.js';

const base = (extra: Record<string, unknown> = {}) => ({
  metal: 'Li', host: 'Cu', lattice: { size: [NX, NY, NZ], voxel: '10 nm' },
  protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false }, ...extra,
});
const physOf = (sealed?: 'fill' | 'keep' | 'void'): PlatingPhysics => {
  const run = parseRunInput(base(sealed ? { model: { sealed_pores: sealed } } : {}));
  return physicsOf(run, derive(run));
};


test('run file: model.sealed_pores void resolves to the switch; a bad value is refused naming field, value and the three rules; VOID is a registered liquid species', () => {
  const r = parseRunInput(base({ model: { sealed_pores: 'void' } }));
  assert.deepEqual(r.model, { sealedPores: 'void' });
  assert.equal(physicsOf(r, derive(r)).sealedPores, 'void');
  assert.throws(() => parseRunInput(base({ model: { sealed_pores: 'vacuum' } })),
    (e: Error) => e.name === 'InputError' && /model\.sealed_pores: got "vacuum", expected fill .*keep .*or void/.test(e.message));
  // the concentration field runs with void (the SEI since voidsei, test/sealed-void-sei.test.ts; the walkers since voidwalk, test/sealed-void-walkers.test.ts)
  assert.equal(parseRunInput(base({ model: { sealed_pores: 'void' }, electrolyte: 'LiPF6-EC-DMC' })).model?.sealedPores, 'void');
  // the sector engine: runs void since voidsector (the wall-as-bulk rule at each thread's domain edge:
  // test/sealed-void-sectors.test.ts); fill runs there too
  const sectorRun = (sealed?: 'void') => parseRunInput({ ...base({ lattice: { size: [16, 16, 8], voxel: '10 nm' } }), ...(sealed ? { model: { sealed_pores: sealed } } : {}) });
  assert.doesNotThrow(() => checkSectorRun(sectorRun('void'), { threads: 2 }));
  assert.doesNotThrow(() => checkSectorRun(sectorRun(), { threads: 2 }));
  const sp = speciesOf(VOID);
  assert.equal(sp.label, 'VOID');
  assert.equal(sp.solid, false);
  assert.equal(sp.ionPermeable, false);
  assert.equal(sp.conducting, false);
  assert.notEqual(VOID, EMPTY);
  assert.match(codeLegend(), new RegExp(`${VOID} VOID \\(`));
});


test('void: a one-voxel pore sealed by a reduction becomes VOID (no reduction into it); the strip that opens it makes it EMPTY again (fill: it stays EMPTY and reducible)', () => {
  for (const sealed of ['fill', 'void'] as const) {
    const phys = physOf(sealed), lat = new CubicLattice(NX, NY, NZ, false);
    const app = new PlatingApp(lat, cup(), phys, new Rng(1));
    const k0 = phys.k0_per_s;
    assert.equal(faradaic(app, P), k0, `${sealed}: the open cup`);
    fire(app, L);
    assert.equal(app.code[L], METAL);
    assert.equal(app.code[P], sealed === 'void' ? VOID : EMPTY, `${sealed}: the sealed pore's code`);
    assert.equal(faradaic(app, P), sealed === 'void' ? 0 : k0, `${sealed}: the sealed pore's reduction`);
    assert.equal(app.checkConsistency(), null);
    if (sealed === 'void') { assert.equal(labelMismatch(app.lat, app.code), null); assert.equal(app.voidCount, 1); }
    fire(app, L); // the lid strips (it touches electrolyte above)
    assert.equal(app.code[L], EMPTY);
    assert.equal(app.code[P], EMPTY, `${sealed}: the reopened pore`);
    assert.equal(faradaic(app, P), k0, `${sealed}: the reopened pore's reduction`);
    assert.equal(app.checkConsistency(), null);
    if (sealed === 'void') { assert.equal(labelMismatch(app.lat, app.code), null); assert.equal(app.voidCount, 0); assert.equal(app.voidSealed, 1); assert.equal(app.voidOpened, 1); }
  }
});

test('void: a three-voxel pocket closed by one reduction becomes VOID whole, its walls get no oxidation into it, and the strip of the lid opens it whole', () => {
  // a trough P, Q, R at z = 2 (x = 2..4, y = 2), walled at z = 2; roofed at z = 3 over Q and R (held by a roof row at
  // y = 1, z = 3, which stands on the wall); the lid L over P closes it
  const code = new Uint8Array(NX * NY * NZ);
  code.fill(HOST_BASE, 0, NX * NY);
  code.fill(METAL, NX * NY, 2 * NX * NY);
  for (let x = 1; x <= 5; x++) { code[at(x, 1, 2)] = METAL; code[at(x, 3, 2)] = METAL; }
  code[at(1, 2, 2)] = METAL; code[at(5, 2, 2)] = METAL;
  for (let x = 3; x <= 4; x++) { code[at(x, 2, 3)] = METAL; code[at(x, 1, 3)] = METAL; }
  const pocket = [at(2, 2, 2), at(3, 2, 2), at(4, 2, 2)], L = at(2, 2, 3);
  const wall = at(4, 2, 3); // roof atom over R: its only faces onto liquid are R below and the open side above
  const phys = physOf('void'), lat = new CubicLattice(NX, NY, NZ, false);
  const app = new PlatingApp(lat, code, phys, new Rng(1));
  assert.equal(labelMismatch(app.lat, app.code), null);
  for (const p of pocket) assert.equal(app.code[p], EMPTY);
  fire(app, L);
  for (const p of pocket) { assert.equal(app.code[p], VOID, `pocket voxel ${p}`); assert.equal(faradaic(app, p), 0); }
  assert.equal(app.voidCount, 3);
  assert.equal(app.checkConsistency(), null);
  assert.equal(labelMismatch(app.lat, app.code), null);
  // a floor atom under the pocket (its only liquid face is the pocket): no oxidation into VOID
  const floor = at(3, 2, 1);
  assert.equal(faradaic(app, floor), 0, 'the floor atom under the sealed pocket has no oxidation');
  assert.ok(faradaic(app, wall) > 0, 'the roof atom still strips upwards');
  fire(app, L); // the lid strips: the pocket joins the bulk again
  for (const p of pocket) assert.equal(app.code[p], EMPTY, `reopened pocket voxel ${p}`);
  assert.ok(faradaic(app, floor) > 0, 'the floor atom strips into the reopened pocket');
  assert.equal(app.voidCount, 0);
  assert.equal(app.checkConsistency(), null);
  assert.equal(labelMismatch(app.lat, app.code), null);
});

test('void: the top of the box is the bulk electrolyte: an EMPTY voxel there with solids on its five faces stays EMPTY and reduces, and the atom made there oxidises into the bulk above (fill: it has none)', () => {
  for (const sealed of ['fill', 'void'] as const) {
    const phys = physOf(sealed), lat = new CubicLattice(NX, NY, NZ, false);
    const code = cup();
    const top = at(3, 3, NZ - 1);
    for (let z = 2; z < NZ; z++) for (const [x, y] of [[2, 3], [4, 3], [3, 2], [3, 4]] as const) code[at(x, y, z)] = METAL;
    for (let z = 2; z < NZ - 1; z++) code[at(3, 3, z)] = METAL;
    const app = new PlatingApp(lat, code, phys, new Rng(1));
    assert.equal(app.code[top], EMPTY);
    assert.equal(faradaic(app, top), phys.k0_per_s, `${sealed}: the reduction at the top`);
    fire(app, top);
    assert.equal(app.code[top], METAL);
    const ox = faradaic(app, top);
    if (sealed === 'fill') assert.equal(ox, 0, 'fill: the atom at the top has no electrolyte face');
    else assert.ok(ox > 0, 'void: the atom at the top oxidises into the bulk above the box');
    assert.equal(app.checkConsistency(), null);
    if (sealed === 'void') {
      assert.equal(labelMismatch(app.lat, app.code), null);
      fire(app, top); // and back: the reverse exists
      assert.equal(app.code[top], EMPTY);
      assert.equal(app.checkConsistency(), null);
    }
  }
});

test('void: a plate/strip cycle (Li on Cu, 50 nm voxels) keeps the labelling and every class exact, seals and reopens pockets, and no reduction or oxidation event sits at or faces only VOID', (t) => {
  const run = parseRunInput({
    ...base({ lattice: { size: [24, 24, 24], voxel: '50 nm' }, seed: 2 }),
    protocol: ['Plate 0.1 mAh/cm2 at 3 mA/cm2', 'Strip at 3 mA/cm2 until 1 V'], model: { sealed_pores: 'void' },
  });
  // (engine rebuilds every 60,000 events: the labelling, the VOID count and the diagnostics carry over)
  const sim = new Simulation(run, { rebuildEvery: 60000 });
  const nb = new Int32Array(6);
  let checks = 0, maxVoid = 0;
  const check = () => {
    checks++;
    const app = sim.app;
    assert.equal(app.voidSealed - app.voidOpened, app.voidCount, 'voxels sealed off - joined again = VOID now');
    assert.equal(app.checkConsistency(), null);
    assert.equal(labelMismatch(app.lat, app.code), null);
    let nVoid = 0;
    for (let v = 0; v < app.code.length; v++) {
      const c = app.code[v]!;
      if (c === VOID) { nVoid++; assert.equal(faradaic(app, v), 0, `VOID voxel ${v} holds a reduction`); continue; }
      if (c !== METAL) continue;
      app.lat.neighbors(v, nb);
      // an atom whose liquid faces are all VOID (and not in the top layer) has no oxidation
      if (nb[4]! >= 0 && !Array.from(nb).some((w) => w >= 0 && app.code[w] === EMPTY)) assert.equal(faradaic(app, v), 0, `atom ${v} oxidises into VOID`);
    }
    assert.equal(nVoid, app.voidCount);
    if (nVoid > maxVoid) maxVoid = nVoid;
  };
  sim.runAll({ chunk: 20000, onProgress: check });
  check();
  const m = computeMetrics(sim), app = sim.app;
  t.diagnostic(`${checks} checks, ${sim.events} events, VOID sealed ${app.voidSealed} opened ${app.voidOpened}, most VOID at once ${maxVoid}, CE ${m.average_ce}, dead ${m.dead_metal_fraction}`);
  assert.ok(checks >= 3);
  assert.ok(app.voidSealed > 0 && app.voidOpened > 0, `sealed ${app.voidSealed}, opened ${app.voidOpened}`);
});

test('void with the electrolyte field: sealed liquid stays liquid to the field (its cells keep their volume and salt), salt is conserved, and a field built on a lattice holding VOID counts it', (t) => {
  const run = parseRunInput({
    ...base({ lattice: { size: [12, 12, 16], voxel: '50 nm' }, seed: 3 }), electrolyte: 'LiPF6-EC-DMC',
    protocol: ['Plate 0.05 mAh/cm2 at 3 mA/cm2', 'Strip at 3 mA/cm2 until 1 V'], model: { sealed_pores: 'void' },
  });
  const sim = new Simulation(run), app = sim.app, tp = sim.transport!;
  /** the field's open voxels per box cell against the lattice's liquid (EMPTY and VOID) voxels */
  const openMismatch = (f: Transport['field'], code: Uint8Array): string | null => {
    const want = new Int32Array(f.open.length);
    for (let v = 0; v < f.zTopVox * app.lat.nxy; v++) if (isLiquid(code[v]!)) want[f.cellOfVoxel(v)]!++;
    for (let i = 0; i < want.length; i++) if (want[i] !== f.open[i]) return `cell ${i}: field ${f.open[i]} open voxels, lattice ${want[i]} liquid`;
    return null;
  };
  let maxVoid = 0;
  sim.runAll({ chunk: 10000, onProgress: () => {
    assert.equal(openMismatch(tp.field, app.code), null);
    assert.equal(app.checkConsistency(), null);
    maxVoid = Math.max(maxVoid, app.voidCount);
  } });
  assert.equal(openMismatch(tp.field, app.code), null);
  const f = tp.field, total = f.total();
  // (the same run with fill leaves 1.1e-9 of the initial salt unaccounted, the field's own round-off over 55,617 events)
  assert.ok(Math.abs(total - (f.initial + f.inflow - f.consumed)) <= 1e-8 * f.initial, `salt residual ${(total - (f.initial + f.inflow - f.consumed)) / f.initial} of the initial`);
  // a field built on a lattice that holds VOID (a resumed run's) counts it as liquid
  const code = app.code.slice();
  let placed = 0;
  for (let v = 2 * app.lat.nxy; v < 4 * app.lat.nxy && placed < 5; v++) if (code[v] === EMPTY) { code[v] = VOID; placed++; }
  const fresh = new Transport(run.transport!, { size: run.lattice.size, voxel_m: run.lattice.voxel_m, hostLayers: run.lattice.hostLayers, atomicVolume_m3: run.metal.atomicVolume_m3, kT_eV: sim.d.kT_eV, alpha: run.metal.alpha }, code);
  assert.equal(openMismatch(fresh.field, code), null);
  t.diagnostic(`${sim.events} events, VOID sealed ${app.voidSealed} opened ${app.voidOpened}, most at a look ${maxVoid}`);
  assert.ok(app.voidSealed > 0, `${app.voidSealed} voxels sealed off`);
});
