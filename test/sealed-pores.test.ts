/**
 * Sealed one-voxel pores (docs/model.md, "Known defects", E1; branch e1pores): the run-file switch
 * `model: { sealed_pores: fill | keep }`. With `keep` an EMPTY voxel with no EMPTY face neighbour inside the box (the
 * top of the box is not electrolyte, as oxidation reads it) has no reduction, in the plating app's fast path and in
 * the generic event types alike, and the class stays exact as the voxels around it change (the change sets: a
 * reduction that seals a pore, an oxidation that opens it, hops). `fill` (the default) resolves as a run without the
 * key and keeps today's rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive, physicsOf } from '../src/simulation/setup.js';
import { Simulation } from '../src/simulation/simulation.js';
import { PlatingApp, type PlatingPhysics } from '../src/apps/plating.js';
import { NX, NY, NZ, at, cup, P, L, faradaic, fire } from './helpers/sealed-pore.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import { checkFastAgainstGeneric } from '../src/engine/consistency.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, HOST_BASE } from '../src/lattice/voxel.js';

const base = (extra: Record<string, unknown> = {}) => ({
  metal: 'Li', host: 'Cu', lattice: { size: [NX, NY, NZ], voxel: '10 nm' },
  protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false }, ...extra,
});
const physOf = (sealed?: 'fill' | 'keep'): PlatingPhysics => {
  const run = parseRunInput(base(sealed ? { model: { sealed_pores: sealed } } : {}));
  return physicsOf(run, derive(run));
};

test('run file: model.sealed_pores keep resolves to the switch; fill resolves as a run without the key; a bad value or key is refused naming it', () => {
  // (`source` is the input as given, kept for provenance: the rest is what runs)
  const ran = (r: ReturnType<typeof parseRunInput>) => ({ ...r, source: undefined });
  const none = parseRunInput(base());
  assert.equal(none.model, undefined);
  assert.deepEqual(ran(parseRunInput(base({ model: { sealed_pores: 'fill' } }))), ran(none));
  assert.deepEqual(ran(parseRunInput(base({ model: {} }))), ran(none));
  const keep = parseRunInput(base({ model: { sealed_pores: 'keep' } }));
  assert.deepEqual(keep.model, { sealedPores: 'keep' });
  assert.equal(physicsOf(keep, derive(keep)).sealedPores, 'keep');
  assert.equal(physicsOf(none, derive(none)).sealedPores, undefined);
  assert.throws(() => parseRunInput(base({ model: { sealed_pores: 'plug' } })),
    (e: Error) => e.name === 'InputError' && /model\.sealed_pores: got "plug", expected fill .*keep .*or void/.test(e.message));
  assert.throws(() => parseRunInput(base({ model: { irreversible: true } })),
    (e: Error) => e.name === 'InputError' && /model\.irreversible/.test(e.message) && /sealed_pores/.test(e.message));
  assert.throws(() => parseRunInput(base({ model: 'keep' })), (e: Error) => e.name === 'InputError' && /model: got "keep"/.test(e.message));
});


test('keep: a pore sealed by a reduction gets no reduction (fast path and generic types), and one opened by an oxidation gets it back; fill keeps the rate', () => {
  for (const sealed of ['fill', 'keep'] as const) {
    const phys = physOf(sealed), lat = new CubicLattice(NX, NY, NZ, false);
    const app = new PlatingApp(lat, cup(), phys, new Rng(1));
    const k0 = phys.k0_per_s;
    // open (its lid L is EMPTY): a reduction at the metal's rate either way
    assert.equal(faradaic(app, P), k0, `${sealed}: the open cup`);
    fire(app, L); // the reduction at the lid seals P
    assert.equal(app.code[L], METAL);
    const gen = platingEventTypes(lat, app.code.slice(), phys).types;
    const want = sealed === 'keep' ? 0 : k0;
    assert.equal(faradaic(app, P), want, `${sealed}: the sealed pore's reduction in the fast path`);
    assert.equal(gen[0]!.rate(P), want, `${sealed}: the sealed pore's reduction in the generic type`);
    assert.equal(app.checkConsistency(), null);
    // the lid atom strips (it touches electrolyte): P is open again and reduces at k0
    fire(app, L);
    assert.equal(app.code[L], EMPTY);
    assert.equal(faradaic(app, P), k0, `${sealed}: the reopened pore`);
    assert.equal(app.checkConsistency(), null);
  }
});

test('keep: the top of the box is not electrolyte: an EMPTY voxel there with solids on its five faces has no reduction (fill: it has one)', () => {
  for (const sealed of ['fill', 'keep'] as const) {
    const phys = physOf(sealed), lat = new CubicLattice(NX, NY, NZ, false);
    const code = cup();
    const top = at(3, 3, NZ - 1);
    for (const [x, y] of [[2, 3], [4, 3], [3, 2], [3, 4]] as const) code[at(x, y, NZ - 1)] = METAL;
    for (let z = 2; z < NZ - 1; z++) code[at(3, 3, z)] = METAL; // a column holds them to the collector
    for (let z = 2; z < NZ - 1; z++) for (const [x, y] of [[2, 3], [4, 3], [3, 2], [3, 4]] as const) code[at(x, y, z)] = METAL;
    const app = new PlatingApp(lat, code, phys, new Rng(1));
    const gen = platingEventTypes(lat, code.slice(), phys).types;
    const want = sealed === 'keep' ? 0 : phys.k0_per_s;
    assert.equal(faradaic(app, top), want, `${sealed}: fast path`);
    assert.equal(gen[0]!.rate(top), want, `${sealed}: generic`);
  }
});

test('keep: fast path = generic path, event for event, on a rough deposit that seals and opens pores (slow hops, 10 nm voxels)', (t) => {
  // a rough deposit first (the keep run itself, terrace barrier 0.5 eV: Eden-like growth, with pores)
  const input = base({ lattice: { size: [10, 10, 12], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.5 eV' }, protocol: ['Plate 0.012 mAh/cm2 at 3 mA/cm2'], model: { sealed_pores: 'keep' } });
  const sim = new Simulation(parseRunInput(input));
  sim.runAll();
  const phys = sim.app.phys, lat = sim.app.lat;
  assert.equal(phys.sealedPores, 'keep');
  // events beside an EMPTY voxel with one EMPTY face: each can seal it (a reduction) or open one (an oxidation)
  let sealing = 0;
  const nb = new Int32Array(6);
  const onEvent = (k: number, v: number, code: Uint8Array) => {
    if (k === 2) return;
    lat.neighbors(v, nb);
    for (const w of nb) {
      if (w < 0 || code[w] !== EMPTY) continue;
      const m = new Int32Array(6);
      lat.neighbors(w, m);
      let open = 0;
      for (const u of m) if (u >= 0 && code[u] === EMPTY) open++;
      if (open === (k === 0 ? 1 : 0)) sealing++;
    }
  };
  const rep = checkFastAgainstGeneric(lat, sim.app.code.slice(), phys, { events: 3000, seed: 5, eta_V: 0.02, alpha: sim.run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 25, onEvent });
  t.diagnostic(`events per type ${rep.perType.join('/')}, faradaic events that seal or open a pore ${sealing}`);
  assert.equal(rep.mismatch, null);
  assert.equal(rep.events, 3000);
  assert.ok(sealing >= 5, `${sealing} events sealed or opened a pore`);
});

test('keep: a film run (Li on Cu, 50 nm voxels) keeps every class exact, and no sealed pore holds a reduction at the end', (t) => {
  const run = parseRunInput(base({ lattice: { size: [24, 24, 24], voxel: '50 nm' }, protocol: ['Plate 0.1 mAh/cm2 at 3 mA/cm2'], seed: 2, model: { sealed_pores: 'keep' } }));
  const sim = new Simulation(run);
  let checks = 0;
  sim.runAll({ chunk: 20000, onProgress: () => { checks++; assert.equal(sim.app.checkConsistency(), null); } });
  assert.equal(sim.app.checkConsistency(), null);
  const app = sim.app, code = app.code, nb = new Int32Array(6);
  let sealed = 0;
  for (let v = 0; v < code.length; v++) {
    if (code[v] !== EMPTY) continue;
    app.lat.neighbors(v, nb);
    let open = false, solid = 0;
    for (const w of nb) { if (w >= 0 && code[w] === EMPTY) open = true; if (w >= 0 && code[w] !== EMPTY) solid++; }
    if (open || solid === 0) continue;
    sealed++;
    assert.equal(faradaic(app, v), 0, `sealed voxel ${v} has a reduction`);
  }
  assert.ok(checks >= 3, `${checks} checks during the run`);
  t.diagnostic(`${sealed} sealed pores kept, ${checks} checks, ${sim.events} events`);
  assert.ok(sealed > 0, `${sealed} sealed pores kept (a rough film seals some)`);
});
