/**
 * Protocol steps as objects (input/steps.ts) and as parts of the generic loop
 * (engine/protocol-parts.ts): kinds, canonical texts, terminations, the pulse schedule; each
 * kind run through the generic loop with the plating app's fast path, against the plating loop
 * (simulation/simulation.ts) where both run the same model. Small lattices, fixed seeds; the
 * terrace barrier is raised to 0.25 eV (bookkeeping tests, not surface diffusion).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI } from './helpers/runs.js';
import { parseProtocolStep } from '../src/input/protocol.js';
import { stepObject, PulseStep, GalvanostaticStep, PotentiostaticStep, RestStep } from '../src/input/steps.js';
import { loopParts, type CellContext } from '../src/engine/protocol-parts.js';
import { runLoop, EventLimit } from '../src/engine/loop.js';
import { PlatingFastPath } from '../src/engine/plating-fast.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import type { ProtocolStep, ResolvedRun } from '../src/input/types.js';

const metal = { ...LI, terraceBarrier_eV: 0.25 };

test('step objects: one class per control, canonical text that parses back to the same step', () => {
  const texts: [string, Function, string][] = [
    ['Plate at 1 mA/cm2 for 10 s', GalvanostaticStep, 'Plate at 1 mA/cm2 for 10 s'],
    ['Plate 0.01 mAh/cm2 at 1 mA/cm2', GalvanostaticStep, 'Plate 0.01 mAh/cm2 at 1 mA/cm2'],
    ['Strip at 1 mA/cm2 until 200 mV', GalvanostaticStep, 'Strip at 1 mA/cm2 until cell voltage 200 mV'],
    ['Strip at 2 mA/cm2 for 180 s or until overpotential 150 mV', GalvanostaticStep, 'Strip at 2 mA/cm2 for 180 s or until overpotential 150 mV'],
    ['Hold at -50 mV for 10 s', PotentiostaticStep, 'Hold at -50 mV for 10 s'],
    ['Hold at -50 mV until 0.01 mAh/cm2', PotentiostaticStep, 'Hold at -50 mV for 0.01 mAh/cm2'],
    ['Hold at 40 mV for 5 s or until cell voltage 120 mV', PotentiostaticStep, 'Hold at 40 mV for 5 s or until cell voltage 120 mV'],
    ['Rest for 1 s', RestStep, 'Rest for 1 s'],
    ['Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2', PulseStep, 'Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2'],
  ];
  for (const [text, cls, canonical] of texts) {
    const step = parseProtocolStep(text);
    const o = stepObject(step);
    assert.ok(o instanceof cls, `${text}: ${o.constructor.name}`);
    assert.equal(o.text(), canonical);
    const again = parseProtocolStep(o.text());
    const strip = (s: ProtocolStep) => ({ ...s, text: '' });
    assert.deepEqual(strip(again), strip(step), text);
  }
  assert.deepEqual(stepObject(parseProtocolStep('Strip at 1 mA/cm2 for 180 s or until 200 mV')).terminations().map((t) => t.kind), ['time', 'cell_voltage']);
  assert.deepEqual(stepObject(parseProtocolStep('Plate 0.01 mAh/cm2 at 1 mA/cm2 until overpotential 80 mV')).terminations().map((t) => t.kind), ['charge', 'overpotential']);
  assert.equal(stepObject(parseProtocolStep('Hold at -50 mV for 10 s')).heldOverpotential_V, -0.05);
  assert.equal(stepObject(parseProtocolStep('Rest for 1 s')).direction, 0);
  assert.equal(stepObject(parseProtocolStep('Strip at 1 mA/cm2 for 1 s')).direction, -1);
});

test('pulse schedule: on for 1 ms, off for 3 ms, switching times', () => {
  const p = stepObject(parseProtocolStep('Pulse at 3 mA/cm2 for 1 ms, rest 3 ms, 2 mAh/cm2')) as PulseStep;
  assert.deepEqual([0, 0.5e-3, 0.999e-3, 1e-3, 3.9e-3, 4e-3, 4.5e-3].map((t) => p.current_A_per_m2(t)), [30, 30, 30, 0, 0, 30, 30]);
  assert.ok(Math.abs(p.nextSwitch_s(0) - 1e-3) < 1e-15);
  assert.ok(Math.abs(p.nextSwitch_s(2e-3) - 4e-3) < 1e-15);
  assert.ok(Math.abs(p.nextSwitch_s(4.2e-3) - 5e-3) < 1e-15);
  assert.deepEqual([0, 1, 2, 3, 4].map((k) => Math.round(p.switchTime_s(k) * 1e6)), [1000, 4000, 5000, 8000, 9000]);
});

function context(sim: Simulation, run: ResolvedRun): CellContext {
  return {
    channels: new PlatingFastPath(sim.app).channels, dl: sim.dl, alpha: run.metal.alpha, f_per_V: sim.d.f_per_V, area_m2: sim.d.area_m2, q_C: sim.d.q_C,
    counter: sim.counter, ohmic_Ohm_m2: run.electrochem.ohmic_Ohm_m2, t0_s: sim.kmcTime, sample_C_per_m2: run.output.sample_C_per_m2,
  };
}

/** runs the protocol's steps with the plating loop (a) and with loop parts on the generic loop (b) */
// the plating loop hop by hop: the generic loop runs lone adatoms hop by hop (no first-passage domains)
const HOP_BY_HOP = { engine: { adatoms: 'exact' as const } };
// both(run, maxEvents): the plating loop and the loop parts step by step, the parts going on from the step before where
// the plating loop does (engsplit2; defined at the file's end, with goesOn)

test('loop parts of galvanostatic, rest and potentiostatic steps = the plating loop, event for event', (t) => {
  const protocol: ProtocolStep[] = [
    parseProtocolStep('Plate at 1 mA/cm2 for 0.3 s'),
    parseProtocolStep('Rest for 0.2 s'),
    parseProtocolStep('Hold at -100 mV until 0.00005 mAh/cm2'),
  ];
  const run: ResolvedRun = { ...makeRun({ size: [12, 12, 10], metal, protocol }), electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 0 } };
  const { a, b, out } = both(run);
  const ends = out.map((o) => o.plating.ended);
  assert.deepEqual(ends, ['charge', 'time', 'charge']);
  for (const o of out) {
    assert.equal(o.generic.ended, o.plating.ended === 'charge' ? 'charge' : 'time');
    assert.equal(o.generic.events, o.plating.events);
  }
  t.diagnostic(out.map((o) => o.plating.events).join('/'));
  assert.ok(out[0]!.plating.events > 500 && out[1]!.plating.events > 100 && out[2]!.plating.events > 100, out.map((o) => o.plating.events).join('/'));
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
  assert.equal(b.kmcTime, a.kmcTime);
});

test('a galvanostatic step by time under half a voxel: its loop parts end at its time, as the plating loop, event for event', (t) => {
  // 12 x 12 voxels of 10 nm: one voxel is 1.45e-5 mAh/cm2; 1e-6 mA/cm2 for 0.2 s passes 5.6e-11 mAh/cm2 (mends30b: the
  // net-charge stop waited for a whole voxel, while the plating loop ends the step at its time on the kMC clock).
  // Checked to fail with protocol-parts.ts as on main: the sub-voxel step ended 'charge' after 18,896 events. 0.26 s.
  const protocol: ProtocolStep[] = [
    parseProtocolStep('Plate at 1 mA/cm2 for 0.3 s'),
    parseProtocolStep('Plate at 1e-6 mA/cm2 for 0.2 s'),
    parseProtocolStep('Rest for 0.1 s'),
  ];
  const run: ResolvedRun = { ...makeRun({ size: [12, 12, 10], metal, protocol }), electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 0 } };
  const { a, b, out } = both(run, 200_000);
  t.diagnostic(out.map((o) => `${o.plating.ended}/${o.generic.ended} ${o.plating.events}/${o.generic.events}`).join(', '));
  assert.deepEqual(out.map((o) => o.plating.ended), ['charge', 'time', 'time']);
  for (const o of out) assert.deepEqual(o.generic, o.plating);
  assert.ok(out[1]!.plating.events > 100, `events in the sub-voxel step: ${out[1]!.plating.events}`);
  const lasted = out[1]!.generic.t_s - out[0]!.generic.t_s;
  assert.ok(Math.abs(lasted - 0.2) < 1e-9, `the sub-voxel step lasted ${lasted} s of kMC time`);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

test('voltage terminations: the cell voltage adds the counter electrode and the ohmic part to the overpotential', () => {
  // Li on a lithiophobic host at 5 mA/cm2: the working electrode's overpotential peaks below 330 mV;
  // the counter electrode (i0 10 A/m2: about 84 mV) and 6 Ohm cm2 (30 mV) lift the cell voltage above it
  const host = { name: 'C', conducting: true, binding_eV: 0.03, redShift_eV: 0.1, terraceBarrier_eV: 0.1 };
  const go = (until: string) => {
    const r: ResolvedRun = {
      ...makeRun({ size: [12, 12, 10], metal, host, protocol: [parseProtocolStep(`Plate at 5 mA/cm2 for 0.05 s or until ${until}`)] }),
      electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 6e-4 },
    };
    const sim = new Simulation(r), fast = new PlatingFastPath(sim.app);
    const parts = loopParts(stepObject(r.protocol[0] as ProtocolStep), context(sim, r));
    const ctl = parts.controller as { eta_V: number };
    let peak = 0;
    parts.observers!.push({ afterEvent: () => { peak = Math.max(peak, ctl.eta_V); } });
    return { res: runLoop(fast, sim.rng, parts, 0), peak_mV: peak * 1e3 };
  };
  const we = go('overpotential 330 mV'), cell = go('cell voltage 330 mV');
  assert.equal(we.res.ended, 'charge');
  assert.ok(we.peak_mV > 200 && we.peak_mV < 330, `WE peak ${we.peak_mV} mV`);
  assert.equal(cell.res.ended, 'cutoff');
  assert.ok(cell.res.events < we.res.events);
});

// mends68 (cellv2's Left): the generic loop's voltage stops summed overpotential + counter + j R, without an electrolyte
// field's parts; they now read electrochem/cell.ts cellVoltage_mV, the function of the plating loop's rows, with the
// run's field in the context. A closed cell (separator 20 um, 1 M LiPF6 EC/DMC) at 250 mA/cm2: the electrolyte's R_el
// (about L / kappa0 = 1.7e-5 Ohm m2 while the field stays at c0 here: about -42 mV) and the counter's concentration part
// lower the cell voltage, so a cut-off 20 mV below the most negative cell voltage without the field is reached with it.
test('voltage terminations with an electrolyte field: the generic loop\'s cell voltage holds the field\'s parts, as the plating loop\'s rows (mends68)', (t) => {
  const go = (until: string | null, withField: boolean) => {
    const r = parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: [8, 8, 40], voxel: '100 nm' }, seed: 1, output: { snapshots: false },
      electrolyte: 'LiPF6-EC-DMC', cell: { separator_distance: '20 um', field_cell: '100 nm' },
      protocol: [`Plate at 250 mA/cm2 for 0.1 s${until ? ` or until ${until}` : ''}`],
    });
    const sim = new Simulation(r), fast = new PlatingFastPath(sim.app);
    const c: CellContext = { ...context(sim, r), ...(withField ? { field: sim.transport! } : {}) };
    const parts = loopParts(stepObject(r.protocol[0] as ProtocolStep), c);
    const ctl = parts.controller as { eta_V: number };
    // the cell voltage without the field's parts, as the stops summed it before: overpotential + counter + j R (R 0 here)
    const j = -(r.protocol[0] as ProtocolStep).current_A_per_m2, f = sim.d.f_per_V, i0 = sim.counter.i0_A_per_m2;
    let low = 0;
    parts.observers!.push({ afterEvent: () => { low = Math.min(low, -ctl.eta_V * 1e3 + 2 * (1e3 / f) * Math.asinh(j / (2 * i0))); } });
    return { res: runLoop(fast, sim.rng, parts, 0), low_mV: low };
  };
  const plain = go(null, false);
  assert.equal(plain.res.ended, 'charge');
  assert.ok(plain.low_mV < -400, `cell voltage without the field down to ${plain.low_mV} mV`);
  const V = Math.round(plain.low_mV - 20);
  // without the field in the context the cut-off is not reached (the same trajectory: the stop does not change it) ...
  assert.equal(go(`cell voltage ${V} mV`, false).res.ended, 'charge');
  // ... with it, it is (before mends68 the field was not read: 'charge' here too)
  const cut = go(`cell voltage ${V} mV`, true);
  assert.equal(cut.res.ended, 'cutoff', `cut-off at ${V} mV`);
  assert.ok(cut.res.events < plain.res.events, `${cut.res.events} against ${plain.res.events} events`);
  t.diagnostic(`without the field down to ${plain.low_mV.toFixed(2)} mV (${plain.res.events} events); cut-off ${V} mV reached after ${cut.res.events} events with it`);
});

test('pulse step on the generic loop: the on-times pass the charge, the off times are rests', () => {
  const step = parseProtocolStep('Pulse at 2 mA/cm2 for 20 ms, rest 60 ms, 0.0001 mAh/cm2');
  const run = makeRun({ size: [12, 12, 10], metal, protocol: [step] });
  const sim = new Simulation(run), fast = new PlatingFastPath(sim.app);
  const parts = loopParts(stepObject(step), context(sim, run));
  const offNet: number[] = [];
  let during = 0;
  const p = stepObject(step) as PulseStep;
  parts.observers!.push({ afterEvent: (ch, _e, t) => { if (p.current_A_per_m2(t) === 0 && ch >= 0) { during++; offNet.push(ch === 0 ? 1 : ch === 1 ? -1 : 0); } } });
  const res = runLoop(fast, sim.rng, parts, 0);
  const target = Math.round((step.charge_C_per_m2! * sim.d.area_m2) / sim.d.q_C);
  assert.equal(res.ended, 'charge');
  const ctl = parts.controller as { net: number };
  assert.equal(ctl.net, target);
  // the current is on a quarter of the time: the step lasts more than twice its on-time (about
  // 4x, more when adatoms dissolve during the off times and the next pulses make up for them)
  const onTime = (target * sim.d.q_C) / (step.current_A_per_m2 * sim.d.area_m2);
  assert.ok(res.t_s > 2 * onTime, `t ${res.t_s} vs on-time ${onTime}`);
  // the off times are rests: the surface keeps evolving (hops, exchange), and nothing plates net
  assert.ok(during > 50, `events during off times ${during}`);
  const net = offNet.reduce((s, x) => s + x, 0);
  assert.ok(net <= 0, `net voxels during off times ${net} (target ${target})`);
});

test("a hold's cell-voltage cut-off: sampled on the plating loop's windows, the same event in both loops", () => {
  const base = (text: string): ResolvedRun => ({
    ...makeRun({ size: [12, 12, 10], metal, protocol: [parseProtocolStep(text)] }),
    electrochem: { doubleLayer_F_per_m2: 0, ohmic_Ohm_m2: 2e-4 },
  });
  // the cell voltage the hold goes through (without a cut-off), then a cut-off halfway up
  const probe = new Simulation(base('Hold at -60 mV for 0.3 s'), HOP_BY_HOP);
  probe.runStep(probe.steps[0]!);
  const cells = probe.trace.cell_voltage_mV.map(Math.abs);
  const lo = Math.min(...cells), hi = Math.max(...cells);
  assert.ok(hi - lo > 1, `cell voltage ${lo}-${hi} mV`);
  const X = Number(((lo + hi) / 2).toFixed(3));
  const run = base(`Hold at -60 mV for 0.3 s or until cell voltage ${X} mV`);
  const { out, a, b } = both(run);
  assert.equal(out[0]!.plating.ended, 'cutoff');
  assert.equal(out[0]!.generic.ended, 'cutoff');
  assert.equal(out[0]!.generic.events, out[0]!.plating.events);
  assert.ok(out[0]!.plating.events < probe.events, 'it stopped early');
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

test("a hold without a time: its cell-voltage cut-off on windows of charge, the same event in both loops", (t) => {
  // the set-up of test/hold-cutoff.test.ts (Li on Cu, 8x8x8 x 10 nm, terrace barrier 0.3 eV:
  // bookkeeping, not surface diffusion), hop by hop in both loops; the plating loop samples the
  // hold on windows of charge (output.sample_C_per_m2), the loop parts must too
  for (const seed of [1, 2]) {
    const run = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: '0.3 eV' },
      protocol: ['Hold at -60 mV until cell voltage 100 mV'],
      seed, output: { snapshots: false },
    });
    const { out, a, b } = both(run);
    t.diagnostic(`seed ${seed}: ${out[0]!.plating.ended} after ${out[0]!.plating.events} events, ${out[0]!.plating.net} voxels`);
    assert.equal(out[0]!.plating.ended, 'cutoff');
    assert.equal(out[0]!.generic.ended, 'cutoff');
    assert.equal(out[0]!.generic.events, out[0]!.plating.events);
    assert.equal(out[0]!.generic.net, out[0]!.plating.net);
    // more than one window: the cut-off was not reached on the first one
    const perWindow = Math.max(1, Math.round((run.output.sample_C_per_m2 * a.d.area_m2) / a.d.q_C));
    assert.ok(out[0]!.plating.net > perWindow, `${out[0]!.plating.net} voxels, windows of ${perWindow}`);
    assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
    assert.equal(b.kmcTime, a.kmcTime);
  }
});

test('a Hold step\'s current cut-off: its loop parts end at the same window as the plating loop, event for event (cccv)', (t) => {
  // 8 x 8 x 16 voxels of 10 nm, Li: a plate of 20 s, then a stripping hold at +30 mV whose current decays (windows of
  // 23.6 s: 0.21 mA/cm2, then 0); its window (engine/current-window.ts) is a field and a stop rule of both loops
  const protocol: ProtocolStep[] = [
    parseProtocolStep('Plate at 1 mA/cm2 for 20 s'),
    parseProtocolStep('Hold at 30 mV for 400 s or until 0.05 mA/cm2'),
  ];
  const run: ResolvedRun = { ...makeRun({ size: [8, 8, 16], metal, protocol }), electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 0 } };
  const { a, b, out } = both(run, 200_000);
  t.diagnostic(out.map((o) => `${o.plating.ended}/${o.generic.ended} ${o.plating.events}/${o.generic.events}`).join(', '));
  assert.deepEqual(out.map((o) => o.plating.ended), ['charge', 'current_cutoff']);
  for (const o of out) assert.deepEqual(o.generic, o.plating);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});

import { goesOn, type StepParts } from '../src/engine/protocol-parts.js';

/**
 * engsplit2: both() with the loop parts going on from the step before where the plating loop does (protocol-parts.ts
 * goesOn: a galvanostatic step of the same kind at the same current, the plating loop's GalvanostatChain)
 */
function both(run: ResolvedRun, maxEvents = Infinity) {
  const a = new Simulation(run, HOP_BY_HOP), b = new Simulation(run, HOP_BY_HOP);
  const fast = new PlatingFastPath(b.app);
  const out: { plating: { ended: string; events: number; net: number; t_s: number }; generic: { ended: string; events: number; net: number; t_s: number } }[] = [];
  let prev: { parts: StepParts; ended: string } | undefined;
  for (const fs of a.steps) {
    const r = a.runStep(fs);
    const o = stepObject(fs.step), c = context(b, run);
    const parts = loopParts(o, c, prev && goesOn(prev.parts, prev.ended, o, c));
    if (maxEvents < Infinity) parts.stop.push(new EventLimit(maxEvents));
    const res = runLoop(fast, b.rng, parts, b.kmcTime);
    b.kmcTime = res.t_s;
    prev = { parts, ended: res.ended };
    out.push({ plating: { ended: r.ended, events: r.events, net: r.net_voxels, t_s: a.kmcTime }, generic: { ended: res.ended, events: res.events, net: res.perChannel[0]! - res.perChannel[1]!, t_s: b.kmcTime } });
  }
  return { a, b, out };
}

test('engsplit2: a plate written as two steps at the same current: the loop parts go on from the step before (origin, window, rounding), as the plating loop, event for event', (t) => {
  // 12 x 12 voxels of 10 nm: a voxel is 1.4544e-5 mAh/cm2; 0.00015 mAh/cm2 is 10.31 voxels (10 alone), two of them 20.63
  // (21); 0.00017 is 11.69 (12 alone), 0.00047 in all 32.32 (32: 11 after 21). Until engsplit2 the loop parts restarted
  // the galvanostat at every step while the plating loop carried it across a same-current boundary (engsplit); the
  // third step is at another current: both carry the box's lag across it (engsplit2), the rounding remainder too
  const protocol: ProtocolStep[] = [
    parseProtocolStep('Plate 0.00015 mAh/cm2 at 1 mA/cm2'),
    parseProtocolStep('Plate 0.00015 mAh/cm2 at 1 mA/cm2'),
    parseProtocolStep('Plate 0.00017 mAh/cm2 at 2 mA/cm2'),
  ];
  const run: ResolvedRun = { ...makeRun({ size: [12, 12, 10], metal, protocol }), electrochem: { doubleLayer_F_per_m2: 0.15, ohmic_Ohm_m2: 0 } };
  const { a, b, out } = both(run, 200_000);
  t.diagnostic(out.map((o) => `${o.plating.ended}/${o.generic.ended} ${o.plating.events}/${o.generic.events} net ${o.plating.net}/${o.generic.net}`).join(', '));
  // the counts from the voxel's charge: round(charge so far) less the voxels plated before
  const q = a.d.q_C, A = a.d.area_m2, sums = [0.00015, 0.0003, 0.00047].map((x) => Math.round((x * 36000 * A) / q));
  assert.deepEqual(out.map((o) => o.plating.net), [sums[0], sums[1]! - sums[0]!, sums[2]! - sums[1]!]);
  for (const o of out) assert.deepEqual(o.generic, o.plating);
  assert.deepEqual(Buffer.from(b.app.code), Buffer.from(a.app.code));
});
