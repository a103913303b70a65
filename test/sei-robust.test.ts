/**
 * SEI runs that must not break (issue 10): a box whose metal is sealed under SEI (no faradaic
 * path) ends its step with a clear reason and the next step runs; the double layer recovers when
 * its averages decayed to zero; a checkpointed SEI run resumes bit-identically (the module's film
 * state is in the checkpoint). Bookkeeping tests: `kinetics.terraceBarrier: 0.3 eV` (surface
 * diffusion is not what they check), small boxes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation, encodeHeader } from '../src/simulation/checkpoint.js';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';
import { METAL, DEAD, EMPTY } from '../src/lattice/voxel.js';
import { SEI, SEI_CODES } from '../src/lattice/species.js';
import { DIRS } from '../src/kmc/lattice.js';
import { FileError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';
import { deflateSync, inflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { PlatingApp } from '../src/apps/plating.js';

// the folders the tests below make with mkdtempSync(join(tmpdir(), ...)) go under this file's own, removed at its end (mends110)
tempRoot('sei-robust');

function seiRun(extra: Record<string, unknown> = {}) {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 20], voxel: '100 nm' }, host: 'Cu',
    kinetics: { terraceBarrier: '0.3 eV' }, sei: 'carbonate',
    protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V', 'Plate 0.05 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'],
    seed: 3, output: { snapshots: false },
    ...extra,
  });
}

for (const C of [0, 0.1]) {
  test(`double layer (C_dl ${C} F/m2): after a long stretch with nothing to react, a step whose present rates can carry the current gets a finite eta`, () => {
    const A = 50, B = 50, r = 20;
    const dl = new DoubleLayer({ C_F_per_m2: C, area_m2: 1e-12, q_C: 1e-14, alpha: 0.5, f_per_V: 38.9, exchangeRate_per_s: 50 });
    dl.init(0, A, B);
    // a strip on a box sealed whole (A = B = 0) for a long time: the averages decay to nothing
    dl.setRate(-r);
    for (let t = 1; t <= 3000; t++) dl.update(t, 0, 0);
    assert.ok(!Number.isFinite(dl.eta), `no finite eta carries a strip with nothing to oxidise: ${dl.eta}`);
    // the next plating step: sites to reduce exist again (before the fix: eta +Infinity, the step stalled)
    dl.setRate(r);
    let e = dl.update(3000, A, B);
    assert.ok(Number.isFinite(e), `plating eta after the restart: ${e}`);
    for (let t = 3000.01; t < 3010; t += 0.01) e = dl.update(t, A, B);
    // steady state: Butler-Volmer with the box's rates, eta = (2/f) asinh(r / (2 sqrt(A B)))
    const bv = (2 / 38.9) * Math.asinh(r / (2 * Math.sqrt(A * B)));
    assert.ok(Math.abs(e - bv) < 0.02 * bv, `eta ${e} V vs Butler-Volmer ${bv} V`);
  });
}

/** Seals the deposit: every metal voxel that could still be oxidised (it touches electrolyte, or an SEI voxel that does) becomes SEI. */
function seal(sim: Simulation): number {
  const app = sim.app, code = app.code, nb = new Int32Array(DIRS);
  const touchesEmpty = (v: number) => { app.lat.neighbors(v, nb); for (let d = 0; d < DIRS; d++) if (nb[d]! >= 0 && code[nb[d]!] === EMPTY) return true; return false; };
  let sealed = 0;
  for (let pass = 0; pass < 20; pass++) {
    const out: number[] = [];
    for (let v = 0; v < code.length; v++) {
      if (code[v] !== METAL) continue;
      if (touchesEmpty(v)) { out.push(v); continue; }
      app.lat.neighbors(v, nb);
      const ns = Array.from(nb);
      if (ns.some((t) => t >= 0 && SEI_CODES[code[t]!] === 1 && touchesEmpty(t))) out.push(v);
    }
    if (out.length === 0) break;
    for (const v of out) app.transmute(v, SEI);
    sealed += out.length;
    if (app.sums().B === 0) break;
  }
  return sealed;
}

test('metal sealed under SEI: the strip ends "no_path" at once, the metal stays, and the next plating step carries its charge', () => {
  const sim = new Simulation(seiRun());
  const r0 = sim.runStep(sim.steps[0]!); sim.stepResults.push(r0);
  assert.equal(r0.ended, 'charge');
  // a trench down to the collector (2 columns of x), then the rest of the deposit sealed
  const app = sim.app, code = app.code;
  for (let v = 0; v < code.length; v++) if ((code[v] === METAL || code[v] === DEAD) && v % 8 < 2) app.transmute(v, EMPTY);
  assert.ok(seal(sim) > 0);
  const connected = app.metalCount - app.deadCount;
  assert.ok(connected > 0, 'connected metal is left under the SEI');
  assert.equal(app.sums().B, 0, 'nothing can be oxidised');
  assert.ok(app.sums().A > 0, 'the trench can be plated');
  const r1 = sim.runStep(sim.steps[1]!); sim.stepResults.push(r1);
  assert.equal(r1.ended, 'no_path');
  assert.equal(r1.net_voxels, 0);
  assert.equal(sim.app.metalCount - sim.app.deadCount, connected, 'the sealed metal is retained');
  assert.ok(Number.isFinite(sim.eta));
  const r2 = sim.runStep(sim.steps[2]!); sim.stepResults.push(r2);
  assert.equal(r2.ended, 'charge', 'plating after a no-path strip is not stalled');
  assert.equal(r2.net_voxels, 153);
  const r3 = sim.runStep(sim.steps[3]!);
  assert.ok(r3.net_voxels < -100, `the fresh metal strips (${r3.net_voxels})`);
  assert.ok(sim.trace.overpotential_mV.every(Number.isFinite), 'every trace row is finite');
});

test('Li on Cu under a fast SEI: the strip after the plate ends with net stripped charge, its trace never 16 voxels above its start (stripfix)', () => {
  // review45's run (docs/history.md "stripsei", "stripfix"): at the reversal the double layer sat near the plate's
  // overpotential, the box went on plating (41 voxels above the strip's start), the SEI bound that metal and the strip
  // ended no_metal with +8 voxels, 12 of seeds 1-20 net-plated; seeds 1-3 here (+5, +8, +10 on main)
  for (const seed of [1, 2, 3]) {
    const sim = new Simulation(parseRunInput({
      metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.30 eV' },
      protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'],
      sei: { set: 'carbonate', formation_rate: '50 1/s' }, seed, output: { snapshots: false },
    }));
    sim.runAll();
    const strip = sim.stepResults[1]!;
    assert.equal(strip.kind, 'strip');
    assert.ok(strip.net_voxels < 0, `seed ${seed}: the strip's net voxels ${strip.net_voxels} (>= 0: it stripped nothing net)`);
    const tr = sim.trace, q = tr.charge_C_per_cm2, band = (16 * sim.d.q_C) / sim.d.area_m2 / 1e4;
    const rows: number[] = [];
    for (let i = 0; i < tr.step.length; i++) if (tr.step[i] === 1) rows.push(i);
    assert.ok(rows.length >= 2);
    for (const i of rows) assert.ok(q[i]! <= q[rows[0]!]! + band, `seed ${seed}: row ${i}: charge ${q[i]} against ${q[rows[0]!]} C/cm2 at the strip's start`);
  }
});

test('a box with nothing to react at all (host and deposit sealed): every later step ends "no_path"', () => {
  const sim = new Simulation(seiRun());
  sim.stepResults.push(sim.runStep(sim.steps[0]!));
  seal(sim);
  assert.deepEqual(sim.app.sums(), { A: 0, B: 0, H: 0 });
  for (const i of [1, 2, 3]) assert.equal(sim.runStep(sim.steps[i]!).ended, 'no_path', `step ${i}`);
});

test('SEI run checkpointed at a rebuild point and resumed: bit-identical to the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sei-resume-'));
  const file = join(dir, 'checkpoint.bin');
  const run = seiRun({ sacs: [{ site: 'Zr-N4', loading: '30 %', arrangement: 'random' }], host: 'graphene' });
  const cfg = { rebuildEvery: 200 };
  const full = new Simulation(run, cfg);
  let written = 0;
  full.runAll({ checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => { if (++written === 3) writeCheckpoint(file, s, st); } } });
  assert.ok(written >= 3, `checkpoints offered: ${written}`);
  const resumed = resumeSimulation(file, run, cfg);
  assert.ok(resumed.nextStep > 0 || resumed.resumeState !== undefined);
  resumed.runAll();
  // as the output files see them (JSON: -0 is written 0, as in the CSV files)
  const asWritten = (x: unknown) => JSON.stringify(x);
  assert.equal(asWritten(resumed.trace), asWritten(full.trace));
  assert.equal(asWritten(resumed.stepResults), asWritten(full.stepResults));
  assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), 'final lattice');
  assert.deepEqual(resumed.sei!.report(resumed.app), full.sei!.report(full.app));
  assert.ok(full.sei!.counters.bound > 0 && full.sei!.counters.sacDistorted + full.sei!.counters.sacBuried > 0, 'the run formed SEI and lost SAC sites');
  // a checkpoint without the module's state is refused, not resumed into another trajectory
  const buf = readFileSync(file);
  const len = buf.readUInt32LE(12);
  const header = JSON.parse(buf.toString('utf8', 16, 16 + len));
  delete header.modules;
  const json = encodeHeader(header); // mends62b: the edited header re-hashed (format 4's header SHA-256)
  const head = Buffer.from(buf.subarray(0, 16)); head.writeUInt32LE(json.length, 12);
  writeFileSync(file, Buffer.concat([head, json, buf.subarray(16 + len)]));
  assert.throws(() => resumeSimulation(file, run, cfg), (e: unknown) => e instanceof FileError && /lacks the state of the sei module/.test(e.message));
});

test('film conduction: g = R_ct / (R_ct + h / sigma(T)) from the carbonate set; off, every faradaic draw is made', () => {
  const at = (T: string, film = true) => new Simulation(seiRun({ temperature: T, sei: { set: 'carbonate', film_conduction: film } })).sei!;
  // carbonate: h = 5 nm, sigma(25 degC) = 2e-8 S/cm = 2e-6 S/m, Ea 0.6 eV; Li i0 = 1 mA/cm2 = 10 A/m2 at 25 degC,
  // Arrhenius with 0.58 eV (params/metals.ts): R_ct and h / sigma both rise in the cold, g changes little
  const kB = 8.617333262e-5;
  const g = (T: number) => {
    const rct = (kB * T) / (10 * Math.exp(-(0.58 / kB) * (1 / T - 1 / 298.15))), rf = 5e-9 / (2e-6 * Math.exp(-(0.6 / kB) * (1 / T - 1 / 298.15)));
    return rct / (rct + rf);
  };
  assert.ok(Math.abs(at('25 degC').gFilm - g(298.15)) < 1e-12 && Math.abs(g(298.15) - 0.507) < 0.001, `${at('25 degC').gFilm}`);
  assert.ok(Math.abs(at('-10 degC').gFilm - g(263.15)) < 1e-12 && Math.abs(g(263.15) - 0.45) < 0.02, `${at('-10 degC').gFilm}`);
  assert.equal(at('25 degC', false).gFilm, 1);
  // a run with film conduction rejects draws at filmed faces and still plates its charge (the galvanostat follows)
  const sim = new Simulation(seiRun({ protocol: ['Plate 0.05 mAh/cm2 at 1 mA/cm2'] }));
  sim.runAll();
  assert.equal(sim.stepResults[0]!.ended, 'charge');
  assert.ok(sim.sei!.filmRejected > 0, 'some draws met only filmed faces');
});

test('seitrace: an engine rebuild keeps the dead-metal diagnostics (PlatingApp.deadFormed, deadReconnected), so no step reads fewer dead voxels formed than sealed by SEI', () => {
  // a rebuild every 500 events: several in each step of this 8 x 8 x 20 box (as every 3.9 M events at 64 x 64 x 120);
  // in the cold at E_d 0.25 eV the film seals necks during plating (sei-dead-voxel's cold arm in small)
  const sim = new Simulation(seiRun({ temperature: '-10 degC', kinetics: { terraceBarrier: '0.25 eV' }, seed: 1 }), { rebuildEvery: 500 });
  let formed = 0, sealed = 0;
  const rows: string[] = [];
  const bad: string[] = [];
  sim.runAll({
    onStepEnd: (s, r) => {
      const f = s.app.deadFormed, b = s.sei!.counters.deadByWrap;
      // what validation/studies/sei-common.ts deadBySource reads: formed minus sealed by SEI in the step (the cuts by oxidation)
      const row = `${r.kind} ${r.index}: formed ${f - formed}, sealed ${b - sealed}, dead in the box ${s.app.deadCount}, formed so far ${f}`;
      rows.push(row);
      // every dead voxel in the box was formed in this run (reconnect is off, the box starts with none)
      if (f - formed < b - sealed || f < s.app.deadCount) bad.push(row);
      formed = f; sealed = b;
    },
  });
  assert.ok(sim.events > 4 * 500, `rebuilds happened: ${sim.events} events`);
  assert.ok(sim.app.deadCount > 0 && sealed > 0, `the run made dead metal, some sealed by SEI: ${rows.join('; ')}`);
  assert.deepEqual(bad, [], `steps whose count went back at a rebuild: ${bad.join('; ')}`);
  // and directly: a rebuild carries both counters
  sim.app.deadReconnected = 7;
  const before = sim.app.deadFormed;
  sim.rebuild();
  assert.deepEqual([sim.app.deadFormed, sim.app.deadReconnected], [before, 7]);
});

// mends110: the seiarea stretch stamp (session 52) was a Float64Array of one entry per voxel in every SEI run, 8 bytes per
// voxel of the box (issue 11's target is 2 bytes per voxel + 64 per active site); it is read only where a voxel has
// stretched faces, so it is a map over those. Before the change this test printed "the SEI module holds 12.00 bytes per
// voxel" (cov, str, inPend, noTear: 1 each; stamp: 8).
test('mends110: the SEI stretch stamps are kept for stretched voxels only (under 8 bytes per voxel); a checkpoint with a Float64 stamp per voxel (before mends110) resumes bit-identically', () => {
  const run = seiRun({ sei: { set: 'carbonate', settle_after_layer: true }, protocol: ['Plate 0.1 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 1 V'] });
  const cfg = { rebuildEvery: 200 };
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-sei-stamp-'));
  const file = join(dir, 'checkpoint.bin');
  const full = new Simulation(run, cfg);
  const sei = full.sei!;
  const n = full.app.lat.n;
  // every voxel with stretched faces holds a stamp at every event (the gate reads it there), whatever the map dropped
  const fields = sei as unknown as { str: Uint8Array; stamps?: Map<number, number> };
  let checked = 0, peak = 0;
  const after = sei.afterEvent.bind(sei);
  sei.afterEvent = (app: PlatingApp, ch: number, v: number, t: number) => {
    after(app, ch, v, t);
    if (++checked % 7 !== 0 || !fields.stamps) return;
    peak = Math.max(peak, fields.stamps.size);
    for (let w = 0; w < n; w++) if (fields.str[w] !== 0) assert.ok(fields.stamps.has(w), `voxel ${w} has stretched faces and no stamp (event ${checked})`);
  };
  let written = 0;
  full.runAll({ checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => { if (++written === 4) writeCheckpoint(file, s, st); } } });
  assert.ok(written >= 4 && sei.counters.stretched > 0, `checkpoints offered: ${written}, faces stretched: ${sei.counters.stretched}`);
  // memory: every typed array of one entry per voxel the module holds, and its maps at 40 bytes an entry
  const own = Object.values(sei as object);
  const arrays = own.filter((x): x is Uint8Array => ArrayBuffer.isView(x) && (x as Uint8Array).length === n).reduce((a, x) => a + x.byteLength, 0);
  const maps = own.filter((x): x is Map<unknown, unknown> => x instanceof Map).reduce((a, m) => a + 40 * m.size, 0);
  const perVoxel = (arrays + maps) / n;
  assert.ok(perVoxel < 8, `the SEI module holds ${perVoxel.toFixed(2)} bytes per voxel`);
  const m = sei.memory();
  assert.equal(m.perVoxelArrays_bytes, arrays);
  assert.ok(m.stampEntries <= Math.max(64, 2 * peak) && m.stampEntries < n / 4, `stamps kept: ${m.stampEntries} of ${n} voxels (peak ${peak})`);
  // the checkpoint as sacplate wrote it before mends110: the module's engine state with a Float64Array stamp per voxel
  // (the map's values where a voxel has stretched faces, a value never read elsewhere) and neither the map nor its
  // pruning size; then resumed and run to the end: bit-identical to the uninterrupted run
  const buf = readFileSync(file);
  const len = buf.readUInt32LE(12);
  const header = JSON.parse(buf.toString('utf8', 16, 16 + len));
  const state = deserialize(inflateSync(buf.subarray(16 + len))) as { sei: Record<string, unknown> };
  const rec = state.sei;
  const stamps = rec.stamps as Map<number, number> | undefined;
  assert.ok(stamps instanceof Map && stamps.size > 0, 'the checkpoint holds stamps to convert');
  const dense = new Float64Array(n).fill(1e9);
  for (const [v, x] of stamps) dense[v] = x;
  rec.stamp = dense;
  delete rec.stamps; delete rec.stampPruneAt;
  const engine = deflateSync(serialize(state));
  header.engine = { bytes: engine.length, raw_bytes: serialize(state).length, sha256: createHash('sha256').update(engine).digest('hex') };
  const json = encodeHeader(header); // mends62b: the edited header re-hashed (format 4's header SHA-256)
  const head = Buffer.from(buf.subarray(0, 16)); head.writeUInt32LE(json.length, 12);
  const old = join(dir, 'old.bin');
  writeFileSync(old, Buffer.concat([head, json, engine]));
  for (const f of [file, old]) {
    const resumed = resumeSimulation(f, run, cfg);
    resumed.runAll();
    const asWritten = (x: unknown) => JSON.stringify(x);
    assert.equal(asWritten(resumed.trace), asWritten(full.trace), f);
    assert.equal(asWritten(resumed.stepResults), asWritten(full.stepResults), f);
    assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), `final lattice (${f})`);
    assert.deepEqual(resumed.sei!.report(resumed.app), sei.report(full.app), f);
    assert.deepEqual(resumed.sei!.settleAge, sei.settleAge, f);
  }
});
