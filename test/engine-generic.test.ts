/**
 * The engine as parts (issue 9 section 1): event types as modules (apps/events/reduction.ts,
 * oxidation.ts, hop.ts), the generic path that runs them from their rate laws and declared reach
 * (engine/generic-app.ts), the generic loop (engine/loop.ts), and the plating app's fast path
 * checked against the generic path (engine/consistency.ts). Small lattices, fixed seeds; the
 * surface-diffusion barriers are raised (terrace barrier 0.5-0.6 eV) where a test needs
 * reductions and hops in one short run: these tests check bookkeeping, not surface diffusion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI } from './helpers/runs.js';
import { Simulation } from '../src/simulation/simulation.js';
import { checkFastAgainstGeneric } from '../src/engine/consistency.js';
import { GenericApp } from '../src/engine/generic-app.js';
import { runLoop, OverpotentialController, EventLimit, TimeLimit, type Field, type Observer } from '../src/engine/loop.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { DoubleLayerController, NetChargeStop } from '../src/engine/controllers.js';
import { TransportPart } from '../src/engine/transport-part.js';
import { platingEventTypes } from '../src/apps/events/plating-types.js';
import { platingLatticeState } from '../src/apps/events/lattice-state.js';
import { reductionEvent } from '../src/apps/events/reduction.js';
import { oxidationEvent } from '../src/apps/events/oxidation.js';
import { hopEvent } from '../src/apps/events/hop.js';
import { FACES, SELF, offsetSite } from '../src/engine/event-type.js';
import { Fenwick } from '../src/engine/fenwick.js';
import { DiffusionApp } from '../src/apps/diffusion.js';
import { diffusionHopEvent } from '../src/apps/diffusion-event.js';
import { Rng } from '../src/kmc/rng.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import type { ResolvedRun, ProtocolStep } from '../src/input/types.js';
import { parseRunInput } from '../src/input/parse.js';
import { SeiModule } from '../src/apps/events/sei.js';
import type { PlatingApp } from '../src/apps/plating.js';
import { HOST_BASE } from '../src/lattice/voxel.js';

const slowHops = (barrier: number) => ({ ...LI, terraceBarrier_eV: barrier });

function setup(run: ResolvedRun) {
  const sim = new Simulation(run);
  return { sim, lat: sim.app.lat, code: sim.app.code.slice(), phys: sim.app.phys, alpha: run.metal.alpha, f: sim.d.f_per_V };
}

const cases: { name: string; run: ResolvedRun; eta: number; events: number }[] = [
  { name: 'Li on graphene, thinned step-ups', run: makeRun({ size: [12, 12, 10], metal: slowHops(0.25) }), eta: 0.08, events: 2500 },
  {
    name: 'Li on a weak host with SACs (redShift, bindings differ)',
    run: makeRun({
      size: [12, 12, 10], metal: slowHops(0.25),
      host: { name: 'C', conducting: true, binding_eV: 0.03, redShift_eV: 0.08, terraceBarrier_eV: 0.1 },
      sacs: [{ site: { name: 'S', element: 'Zn', binding_eV: 0.25, redShift_eV: -0.05, terraceBarrier_eV: 0.08 }, loading_fraction: 0.05, arrangement: 'random' }],
    }), eta: 0.08, events: 2500,
  },
  { name: 'irreversible per-bond aggregation', run: makeRun({ size: [12, 12, 10], metal: slowHops(0.25), model: { irreversible: true, reduction: 'per-bond' } }), eta: 0.05, events: 800 },
  {
    name: 'stripping a stepped Li foil (oxidation, connectivity, dead metal)',
    run: makeRun({ size: [12, 12, 10], metal: slowHops(0.3), host: { name: 'Li', conducting: true, binding_eV: 0.1, redShift_eV: 0, terraceBarrier_eV: 0.3 },
      lattice: { size: [12, 12, 10], voxel_m: 10e-9, mode: 'mesoscale', hostLayers: 3, terraceWidth: 2 } }), eta: -0.06, events: 1500,
  },
];

for (const c of cases) {
  test(`fast path = generic path, event for event: ${c.name}`, (t) => {
    const s = setup(c.run);
    const rep = checkFastAgainstGeneric(s.lat, s.code, s.phys, { events: c.events, seed: 7, eta_V: c.eta, alpha: s.alpha, f_per_V: s.f, checkEvery: 50 });
    t.diagnostic(`events per type ${rep.perType.join('/')}, max rel diff ${rep.maxRelDiff}, recomputed per event ${rep.recomputedPerEvent.toFixed(1)}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, c.events);
    // both kinds of event happened, so the comparison covered them
    assert.ok(rep.perType[2]! > 50, `hops ${rep.perType.join('/')}`);
    assert.ok(rep.perType[0]! + rep.perType[1]! > 20, `faradaic ${rep.perType.join('/')}`);
    if (c.eta < 0) assert.ok(rep.perType[1]! > 20, `oxidations ${rep.perType.join('/')}`);
  });
}

test('exact step-ups: the fast path still matches (its reach then includes the sites diagonally above)', () => {
  const s = setup(makeRun({ size: [12, 12, 10], metal: slowHops(0.5) }));
  const phys = { ...s.phys, stepUp: 'exact' as const };
  const rep = checkFastAgainstGeneric(s.lat, s.code, phys, { events: 2000, seed: 3, eta_V: 0.08, alpha: s.alpha, f_per_V: s.f, checkEvery: 50 });
  assert.equal(rep.mismatch, null);
  assert.ok(hopEvent(platingLatticeState(s.lat, s.code.slice(), phys)).reads.length > hopEvent(platingLatticeState(s.lat, s.code.slice(), s.phys)).reads.length);
});

test('a declared reach too small is caught: reduction reading only its own column', () => {
  const s = setup(makeRun({ size: [12, 12, 10], metal: slowHops(0.5), host: { name: 'C', conducting: true, binding_eV: 0.03, redShift_eV: 0.08, terraceBarrier_eV: 0.1 } }));
  const code = s.code.slice();
  const st = platingLatticeState(s.lat, code, s.phys);
  const narrow = reductionEvent(st, [SELF, FACES[4]!, FACES[5]!]);
  const app = new GenericApp(s.lat, code, [narrow, oxidationEvent(st), hopEvent(st)]);
  const rng = new Rng(5);
  const r = runLoop(app, rng, { controller: new OverpotentialController(app.channels, 0.08, s.alpha, s.f), stop: [new EventLimit(3000)] });
  assert.equal(r.events, 3000);
  assert.match(app.checkConsistency() ?? '', /reduction at site \d+: kept .* recomputed .*declared reach/);
  // the full declared reach on the same trajectory start is consistent
  const code2 = s.code.slice();
  const full = new GenericApp(s.lat, code2, platingEventTypes(s.lat, code2, s.phys).types);
  runLoop(full, new Rng(5), { controller: new OverpotentialController(full.channels, 0.08, s.alpha, s.f), stop: [new EventLimit(3000)] });
  assert.equal(full.checkConsistency(), null);
});

test('a write outside the declared writes is refused', () => {
  const lat = new CubicLattice(4, 4, 4);
  const code = new Uint8Array(lat.n);
  const bad = {
    name: 'teleport', channel: { name: 'x', transfer: 'none' as const, netVoxels: 0 }, params: [], values: {}, reads: [SELF], writes: [SELF], nonLocal: false,
    rate: (v: number) => (v === 0 ? 1 : 0),
    execute: (_v: number, _r: Rng, ch: number[]) => { code[5] = METAL; ch.push(5); return true; },
  };
  const app = new GenericApp(lat, code, [bad]);
  assert.throws(() => app.execute(0, new Rng(1)), /teleport at site 0 wrote site 5, outside its declared writes/);
});

test('event types declare their parameters with units, and their reach as offsets', () => {
  const s = setup(makeRun({ size: [8, 8, 6] }));
  const { types } = platingEventTypes(s.lat, s.code.slice(), s.phys);
  assert.deepEqual(types.map((t) => t.name), ['reduction', 'oxidation', 'hop']);
  assert.deepEqual(types.map((t) => t.channel.transfer), ['cathodic', 'anodic', 'none']);
  for (const t of types) {
    for (const p of t.params) assert.ok(p.unit.length > 0 && p.description.length > 0, `${t.name}.${p.name}`);
    for (const [k, v] of Object.entries(t.values)) assert.ok(t.params.some((p) => p.name === k) && Number.isFinite(v), `${t.name}.${k}`);
  }
  assert.equal(types[0]!.values.k0, s.phys.k0_per_s);
  assert.equal(types[2]!.reads.length, 15); // self, 6 faces, 4 x (one and two below beside it)
  assert.equal(types[2]!.writes.length, 13);
  // offsets wrap in x and y, stop at the closed z faces
  const lat = new CubicLattice(4, 4, 3);
  assert.equal(offsetSite(lat, 0, [-1, 0, 0]), 3);
  assert.equal(offsetSite(lat, 0, [0, -1, 1]), 16 + 12);
  assert.equal(offsetSite(lat, 0, [0, 0, -1]), -1);
  assert.equal(offsetSite(lat, 47, [1, 1, 0]), 32);
});

test('Fenwick selection: prefix search, zero weights skipped, rebuild equals updates', () => {
  const f = new Fenwick(10);
  const w = [0, 2, 0, 0, 1, 3, 0, 0, 0, 4];
  w.forEach((x, i) => f.set(i, x));
  assert.equal(f.total(), 10);
  assert.deepEqual([0, 1.99, 2, 2.5, 3, 5.9, 6, 9.99].map((x) => f.find(x)), [1, 1, 4, 4, 5, 5, 9, 9]);
  f.set(9, 0);
  assert.equal(f.find(5.999), 5);
  assert.equal(f.find(7), 5); // past the end by rounding: the last non-zero weight
  const t = f.total();
  f.rebuild();
  assert.equal(f.total(), t);
});

// the plating loop hop by hop: the generic loop runs lone adatoms hop by hop (no first-passage domains)
const HOP_BY_HOP = { engine: { adatoms: 'exact' as const } };

test('generic loop + plating fast path = the plating loop, event for event (potentiostatic hold)', () => {
  const T = 1;
  const hold: ProtocolStep = { kind: 'plate', control: 'potentiostatic', current_A_per_m2: 0, overpotential_V: -0.1, duration_s: T, text: `Hold at -100 mV for ${T} s` };
  const run = makeRun({ size: [12, 12, 10], metal: slowHops(0.25), protocol: [hold] });
  const a = new Simulation(run, HOP_BY_HOP);
  const r = a.runStep(a.steps[0]!);
  assert.equal(r.ended, 'time');
  const b = new Simulation(run, HOP_BY_HOP);
  const fast = new PlatingFastPath(b.app);
  let net = 0;
  const obs: Observer = { afterEvent: (ch) => { if (ch === 0) net++; else if (ch === 1) net--; } };
  const res = runLoop(fast, b.rng, { controller: new OverpotentialController(fast.channels, 0.1, run.metal.alpha, b.d.f_per_V), observers: [obs], stop: [new TimeLimit(T)] });
  assert.equal(res.ended, 'time');
  assert.ok(res.events > 2000, `events ${res.events}`);
  assert.equal(res.events, r.events);
  assert.equal(net, r.net_voxels);
  assert.ok(net > 10, `net ${net}`);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

test('generic loop + generic path: conservation, clock and fields advanced between events', () => {
  const run = makeRun({ size: [12, 12, 10], metal: slowHops(0.25) });
  const sim = new Simulation(run);
  const code = sim.app.code.slice();
  const app = new GenericApp(sim.app.lat, code, platingEventTypes(sim.app.lat, code, sim.app.phys).types);
  const metal0 = code.reduce((s, c) => s + (c === METAL || c === DEAD ? 1 : 0), 0);
  // a field that wants the clock every 25 ms (operator splitting): it records when it was advanced
  const times: number[] = [];
  let next = 0.025;
  const field: Field = { name: 'probe', nextUpdate_s: () => next, advance: (t) => { times.push(t); next = t + 0.025; } };
  let red = 0, ox = 0;
  const obs: Observer = { afterEvent: (ch) => { if (ch === 0) red++; else if (ch === 1) ox++; } };
  const res = runLoop(app, new Rng(11), { controller: new OverpotentialController(app.channels, 0.1, run.metal.alpha, sim.d.f_per_V), fields: [field], observers: [obs], stop: [new TimeLimit(0.5)] });
  assert.equal(res.ended, 'time');
  assert.equal(res.t_s, 0.5);
  const metal = code.reduce((s, c) => s + (c === METAL || c === DEAD ? 1 : 0), 0);
  assert.equal(metal - metal0, red - ox);
  assert.ok(red > 10 && res.perChannel[2]! > 1000, `red ${red}, hops ${res.perChannel[2]}`);
  assert.equal(times.length, 19); // 25, 50, ..., 475 ms (the 500 ms one is the time limit)
  times.forEach((t, i) => assert.ok(Math.abs(t - (i + 1) * 0.025) < 1e-12, `advance ${i} at ${t}`));
  assert.equal(app.checkConsistency(), null);
});

for (const C of [0, 0.15]) {
  test(`generic loop + fast path + double-layer controller = the plating loop, galvanostatic (C_dl ${C * 100} uF/cm2)`, () => {
    const run: ResolvedRun = { ...makeRun({ size: [12, 12, 10], metal: slowHops(0.25), monolayers: 0.3, current: 1 }), electrochem: { doubleLayer_F_per_m2: C, ohmic_Ohm_m2: 0 } };
    const a = new Simulation(run, HOP_BY_HOP);
    const r = a.runStep(a.steps[0]!);
    assert.equal(r.ended, 'charge');
    const b = new Simulation(run, HOP_BY_HOP);
    const step = b.steps[0]!.step;
    const I_A = step.current_A_per_m2 * b.d.area_m2;
    const target = Math.max(1, Math.round((step.charge_C_per_m2! * b.d.area_m2) / b.d.q_C));
    const fast = new PlatingFastPath(b.app);
    const ctl = new DoubleLayerController(b.dl, fast.channels, run.metal.alpha, b.d.f_per_V, I_A / b.d.q_C);
    const stop = new NetChargeStop(fast.channels, target, 1);
    const res = runLoop(fast, b.rng, { controller: ctl, observers: [ctl, stop], stop: [stop] });
    assert.equal(res.ended, 'charge');
    assert.ok(res.events > 1000, `events ${res.events}`);
    assert.equal(res.events, r.events);
    assert.equal(ctl.net, r.net_voxels);
    assert.equal(res.t_s, a.kmcTime);
    assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
  });
}

test('fast path = generic path with the SEI module on (plating under the film, stripping through it)', (t) => {
  // Li on Cu, 100 nm voxels, carbonate SEI (as test/sei.test.ts); terrace barrier 0.35 eV (bookkeeping).
  // A plating step of the simulation grows a filmed deposit; the check then strips it and plates it again.
  const input = {
    metal: 'Li', temperature: '25 degC', lattice: { size: [10, 10, 16], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.35 eV' }, sei: 'carbonate', protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false },
  };
  const run = parseRunInput(input);
  const sim = new Simulation(run);
  sim.runStep(sim.steps[0]!);
  const code = sim.app.code.slice();
  const modules = (app: PlatingApp) => [new SeiModule(run.sei!, app, { T_K: run.temperature_K, rng: new Rng(99), deactivatedCode: HOST_BASE, hostTopZ: sim.d.hostTopZ, t0_s: 0 })];
  const sei = new Uint8Array(256);
  for (const c of sim.app.phys.sei!.keys()) sei[c] = 1;
  let underFilm = 0, throughFilm = 0;
  const nb = new Int32Array(6);
  const onEvent = (k: number, v: number, c: Uint8Array) => {
    if (k === 0 && sei[c[v]!]) underFilm++;
    if (k === 1) { sim.app.lat.neighbors(v, nb); if (![...nb].some((u) => u >= 0 && c[u] === 0)) throughFilm++; }
  };
  // and a dense deposit under a closed film (three metal layers, one SEI layer): it can only strip through the film
  const lat = sim.app.lat, nxy = lat.nxy;
  const covered = sim.app.code.slice();
  let h = 0;
  while (covered[h * nxy]! >= HOST_BASE) h++;
  covered.fill(0, h * nxy);
  covered.fill(METAL, h * nxy, (h + 3) * nxy);
  covered.fill(3, (h + 3) * nxy, (h + 4) * nxy);
  // and a film over half the surface (a checkerboard of SEI voxels on the deposit), with fast hops
  // (terrace barrier 0.2 eV): adatoms then hop beside SEI voxels and bond to them
  const checker = covered.slice();
  for (let p = 0; p < nxy; p++) if ((p % lat.nx + Math.floor(p / lat.nx)) % 2 === 0) checker[(h + 3) * nxy + p] = 0;
  const fastHops = { ...sim.app.phys, terraceBarrierMetal_eV: 0.2 };
  let hopsBesideSei = 0;
  const onEventHop = (k: number, v: number, c: Uint8Array) => {
    onEvent(k, v, c);
    if (k === 2) { sim.app.lat.neighbors(v, nb); if ([...nb].some((u) => u >= 0 && sei[c[u]!])) hopsBesideSei++; }
  };
  for (const [lattice, eta, phys] of [[code, -0.1, sim.app.phys], [code, 0.1, sim.app.phys], [covered, -0.1, sim.app.phys], [checker, 0.1, fastHops]] as const) {
    const rep = checkFastAgainstGeneric(sim.app.lat, lattice, phys, { events: 1500, seed: 4, eta_V: eta, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, checkEvery: 100, modules, onEvent: onEventHop });
    t.diagnostic(`eta ${eta} V: events per type ${rep.perType.join('/')}, SEI module writes ${rep.moduleWrites}`);
    assert.equal(rep.mismatch, null);
    assert.equal(rep.events, 1500);
  }
  t.diagnostic(`reductions under the film ${underFilm}, oxidations through it ${throughFilm}, hops beside SEI ${hopsBesideSei}`);
  assert.ok(underFilm > 0 && throughFilm > 0 && hopsBesideSei > 0, `under ${underFilm}, through ${throughFilm}, hops beside SEI ${hopsBesideSei}`);
});

test('not only plating: the reference diffusion app is a specialisation of a one-type model on the generic path', () => {
  const app = new DiffusionApp({ size: 12, seed: 3 });
  const occ = app.occ.slice();
  const gen = new GenericApp(app.lat, occ, [diffusionHopEvent(app.lat, occ)]);
  const n = app.lat.n;
  const moved: number[] = [];
  for (let i = 0; i < 3000; i++) {
    assert.equal(app.run(1), 1);
    moved.length = 0;
    for (let v = 0; v < n; v++) if (occ[v] !== app.occ[v]) { occ[v] = app.occ[v]!; moved.push(v); }
    assert.equal(moved.length, 2);
    gen.update(moved);
    if (i % 300 === 0 || i === 2999) {
      for (let v = 0; v < n; v++) {
        const c = app.solver.classOf(v);
        assert.equal(gen.rateOf(0, v), c < 0 ? 0 : app.solver.rate[c]!, `site ${v}`);
      }
    }
  }
  assert.equal(gen.checkConsistency(), null);
  // and the generic loop runs the model on its own: one channel, atoms conserved
  const res = runLoop(gen, new Rng(4), { controller: { update: (_t, _s, m) => m.fill(1), nextUpdate_s: () => Infinity }, stop: [new EventLimit(5000)] });
  assert.equal(res.events, 5000);
  assert.equal(occ.reduce((s, x) => s + x, 0), app.atoms);
  assert.equal(gen.checkConsistency(), null);
});

// branch separator: and with a separator, whose counter frees the volume the deposit takes (fields/concentration.ts)
for (const cell of [{ diffusion_layer: '20 um' }, { separator_distance: '20 um' }]) test(`generic loop + fast path + transport field (thinning, operator splitting) = the plating loop with an electrolyte, event for event (${Object.keys(cell)[0]})`, (t) => {
  const input = {
    metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 24], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.35 eV' },
    protocol: ['Plate at 20 mA/cm2 for 0.02 mAh/cm2'], seed: 3, output: { snapshots: false },
    electrolyte: 'LiPF6-EC-DMC', cell,
  };
  const run = parseRunInput(input);
  const a = new Simulation(run);
  const r = a.runStep(a.steps[0]!);
  const b = new Simulation(run);
  const step = b.steps[0]!.step, q = b.d.q_C, I_A = step.current_A_per_m2 * b.d.area_m2;
  const target = Math.max(1, Math.round(Math.min(step.charge_C_per_m2! * b.d.area_m2, I_A * (step.duration_s ?? Infinity)) / q));
  const fast = new PlatingFastPath(b.app);
  const tp = b.transport!;
  const charge = new NetChargeStop(fast.channels, target, 1);
  const ctl = new DoubleLayerController(b.dl, fast.channels, run.metal.alpha, b.d.f_per_V, I_A / q, 0, undefined, () => tp.rho);
  const field = new TransportPart(tp, fast, charge, I_A, q, 0);
  field.begin();
  const res = runLoop(fast, b.rng, { controller: ctl, observers: [field, ctl, charge], acceptors: [field], stop: [field, charge] });
  t.diagnostic(`ended ${res.ended} after ${res.events} events; reductions accepted ${tp.accepted}, rejected ${tp.rejected}; field updates ${tp.updates}; surface c/c0 ${tp.rho.toFixed(3)}`);
  assert.equal(res.ended, r.ended);
  assert.equal(res.events, r.events);
  // the thinning is exercised: 6 rejected draws (12 until branch fieldresid, whose relaxation of a faradaic event
  // that moves no clock leaves no sink standing next to the deposit)
  // (with the 20 um separator, 1 rejected draw: the same run's salt at the surface stays higher)
  assert.ok(tp.rejected > ('separator_distance' in cell ? 0 : 3) && tp.updates > 3, `rejected ${tp.rejected}, updates ${tp.updates}`);
  const ta = a.transport!;
  assert.deepEqual([tp.accepted, tp.rejected, tp.updates, tp.time], [ta.accepted, ta.rejected, ta.updates, ta.time]);
  assert.equal(tp.field.total(), ta.field.total());
  assert.equal(tp.field.counterGap, ta.field.counterGap);
  if ('separator_distance' in cell) assert.ok(tp.field.counterGap > 0, 'the counter freed volume');
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

// mends101 (review80 called TransportPart unused: it is this file's generic-loop part for the electrolyte): with
// cell.migration: ohmic the fast path passes advance() its step's direction (`plating`: a strip solves no potential,
// every factor 1); TransportPart passed none (default true), so a strip through it took the factors of a plate. Now it
// passes the charge stop's sign: a galvanostatic strip of a Li foil with the option on matches the plating loop's.
test('generic loop + TransportPart with cell.migration: ohmic = the plating loop, event for event, plating and stripping (mends101)', (t) => {
  // the plate on a smaller box (its potential solves: 0.55 s of CPU a loop for 0.004 mAh/cm2 on 4 x 4 x 12, 1.3 s on 6 x 6 x 16); the strip's box draws reductions (2)
  for (const [protocol, host, sign, size] of [['Plate at 20 mA/cm2 for 0.002 mAh/cm2', 'Cu', 1, [4, 4, 12]], ['Strip at 2 mA/cm2 for 0.02 mAh/cm2', 'Li', -1, [6, 6, 16]]] as const) {
    const run = parseRunInput({
      metal: 'Li', host, lattice: { size: [...size], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.35 eV' },
      protocol: [protocol], seed: 3, output: { snapshots: false }, electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: '20 um', migration: 'ohmic' },
    });
    const a = new Simulation(run);
    const r = a.runStep(a.steps[0]!);
    const b = new Simulation(run);
    const step = b.steps[0]!.step, q = b.d.q_C, I_A = Math.abs(step.current_A_per_m2) * b.d.area_m2;
    const target = Math.max(1, Math.round(Math.min(Math.abs(step.charge_C_per_m2!) * b.d.area_m2, I_A * (step.duration_s ?? Infinity)) / q));
    const fast = new PlatingFastPath(b.app);
    const tp = b.transport!;
    const charge = new NetChargeStop(fast.channels, target, sign);
    const ctl = new DoubleLayerController(b.dl, fast.channels, run.metal.alpha, b.d.f_per_V, (sign * I_A) / q, 0, undefined, () => tp.rho);
    const field = new TransportPart(tp, fast, charge, I_A, q, 0);
    field.begin();
    const res = runLoop(fast, b.rng, { controller: ctl, observers: [field, ctl, charge], acceptors: [field], stop: [field, charge] });
    t.diagnostic(`${protocol}: ended ${res.ended} after ${res.events} events (plating loop ${r.ended}, ${r.events}); accepted ${tp.accepted}, rejected ${tp.rejected}`);
    assert.deepEqual([res.ended, res.events], [r.ended, r.events], protocol);
    const ta = a.transport!;
    assert.deepEqual([tp.accepted, tp.rejected, tp.updates, tp.time], [ta.accepted, ta.rejected, ta.updates, ta.time], protocol);
    assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code), protocol);
    // the comparison covered the factor: reductions drawn in each step
    assert.ok(tp.accepted + tp.rejected > 0, `${protocol}: no reduction drawn`);
  }
});
