/**
 * The engine as parts (issue 9, section 1): the species registry, named solver channels, step
 * terminations (charge, time, overpotential, cell voltage), and the fixes made on the way (Hold
 * until a charge, seeds above 2^32, worker errors keeping their class). Ctrl-C and running
 * without ../shared are in engine-cli.test.ts. Small lattices, fixed seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SPECIES, speciesOf, codeLegend, isHost, isSac, isSubstrate, isMetal, EMPTY, METAL, DEAD, SEI, SEPARATOR,
  HOST_BASE, SAC_BASE, hostCode, sacCode, hostElement,
} from '../src/lattice/species.js';
import { speciesTable } from '../src/io/species.js';
import { VOXEL_CODE_LEGEND } from '../src/io/vti.js';
import { ClassSolver } from '../src/kmc/solver.js';
import { Rng } from '../src/kmc/rng.js';
import { PLATING_CHANNELS } from '../src/apps/channels.js';
import { CH_RED, CH_OX, CH_HOP } from '../src/apps/plating.js';
import { parseProtocol } from '../src/input/protocol.js';
import { stepTerminations, VOLTAGE_CUTOFF_DEFAULT } from '../src/input/termination.js';
import type { ProtocolStep } from '../src/input/types.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { runPool } from '../src/simulation/seeds.js';
import { simulateInWorker } from '../src/simulation/worker-run.js';
import { InputError } from '../src/errors.js';
import type { ResolvedRun } from '../src/input/types.js';

test('species registry: the v1 codes, ranges and legend, and flags per species', () => {
  assert.deepEqual([EMPTY, METAL, DEAD, SEI, SEPARATOR, HOST_BASE, SAC_BASE], [0, 1, 2, 3, 4, 8, 32]);
  // the ranges v1 wrote out by hand in voxel.ts and morphology.ts, code by code
  for (let c = 0; c < 256; c++) {
    assert.equal(isHost(c), c >= 8 && c < 32, `isHost(${c})`);
    assert.equal(isSac(c), c >= 32 && c < 64, `isSac(${c})`);
    assert.equal(isSubstrate(c), c >= 8 && c < 64, `isSubstrate(${c})`);
    assert.equal(isMetal(c), c === 1 || c === 2, `isMetal(${c})`);
  }
  assert.equal(codeLegend(), '0 EMPTY (electrolyte), 1 METAL, 2 DEAD (disconnected metal), 3 SEI, 4 SEPARATOR, 5 SEI_INORGANIC, 6 VOID (electrolyte sealed off from the bulk), 8+i host i, 32+i SAC type i');
  assert.equal(VOXEL_CODE_LEGEND, codeLegend());
  // flags
  assert.equal(speciesOf(EMPTY).solid, false); assert.equal(speciesOf(EMPTY).ionPermeable, true);
  assert.equal(speciesOf(METAL).conducting, true); assert.equal(speciesOf(DEAD).conducting, false);
  assert.equal(speciesOf(SEPARATOR).ionPermeable, true); assert.equal(speciesOf(SEPARATOR).conducting, false);
  assert.equal(speciesOf(HOST_BASE + 5).role, 'host'); assert.equal(speciesOf(SAC_BASE + 31).role, 'sac');
  assert.equal(speciesOf(5).role, 'sei'); assert.equal(speciesOf(5).conducting, false); assert.equal(speciesOf(5).ionPermeable, true); // issue 10: inorganic-rich SEI
  // branch e1void: 6 is VOID, sealed liquid (model.sealed_pores: void): not solid, no ion through it, not conducting
  assert.equal(speciesOf(6).role, 'void'); assert.equal(speciesOf(6).solid, false); assert.equal(speciesOf(6).ionPermeable, false); assert.equal(speciesOf(6).conducting, false);
  assert.equal(speciesOf(7).role, 'unused'); assert.equal(speciesOf(64).role, 'unused');
  for (const s of SPECIES) assert.match(s.colour, /^#[0-9a-f]{6}$/);
  assert.equal(hostCode(23), 31); assert.throws(() => hostCode(24)); assert.equal(sacCode(0), 32); assert.throws(() => sacCode(32));
  assert.equal(hostElement('Cu'), 'Cu'); assert.equal(hostElement('MXene'), 'Ti'); assert.equal(hostElement('graphene'), 'C');
  // the structure-file species are those of v1
  const t = speciesTable({ metal: 'Na', hostSpecies: ['Cu'], sacSpecies: ['Zn'] });
  assert.deepEqual([t[0], t[1], t[2], t[3], t[4], t[5], t[8], t[9], t[32], t[33], t[64], t[200]], ['', 'Na', 'Na', 'X', 'X', 'F', 'Cu', 'C', 'Zn', 'X', 'X', 'X']);
});

test('solver: any number of named channels; selection follows count x rate x multiplier', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  const s = new ClassSolver(names.map((name) => ({ name })), 64);
  assert.equal(s.nChannels, 5);
  assert.equal(s.channelIndex('d'), 3);
  assert.throws(() => s.channelIndex('z'), /no channel "z"/);
  assert.throws(() => new ClassSolver([{ name: 'x' }, { name: 'x' }]), /unique/);
  assert.throws(() => s.addClass(1, 5), /channel 5/);
  // one class per channel with rates 1..5, channel multipliers 1, 0.5, 2, 0, 1; entity e in channel e % 5
  const cls = names.map((_, i) => s.addClass(i + 1, i));
  for (let e = 0; e < 50; e++) s.set(e, cls[e % 5]!);
  const mult = [1, 0.5, 2, 0, 1];
  mult.forEach((m, i) => { s.mult[i] = m; });
  const totals = new Float64Array(5);
  const total = s.channelTotals(totals);
  const expectW = names.map((_, i) => 10 * (i + 1) * mult[i]!);
  assert.deepEqual(Array.from(totals), expectW);
  assert.equal(total, expectW.reduce((a, b) => a + b, 0));
  const rng = new Rng(7);
  const counts = [0, 0, 0, 0, 0];
  const draws = 200_000;
  for (let k = 0; k < draws; k++) counts[s.select(totals, rng) % 5]!++;
  assert.equal(counts[3], 0, 'a channel at multiplier 0 is never drawn');
  // chi-square over the four live channels (3 degrees of freedom, 0.1 % critical value 16.27)
  let chi2 = 0;
  for (let i = 0; i < 5; i++) {
    if (expectW[i] === 0) continue;
    const e = (draws * expectW[i]!) / total;
    chi2 += (counts[i]! - e) ** 2 / e;
  }
  assert.ok(chi2 < 16.27, `chi2 = ${chi2.toFixed(2)}`);
  // the plating app's default channels are the three v1 ones, in v1's order
  assert.deepEqual(PLATING_CHANNELS.map((c) => c.name), ['reduction', 'oxidation', 'hop']);
  const sim = new Simulation(parseRunInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate at 1 mA/cm2 for 1 ms'] }));
  const solver = sim.app.solver;
  assert.deepEqual([solver.channelIndex('reduction'), solver.channelIndex('oxidation'), solver.channelIndex('hop')], [CH_RED, CH_OX, CH_HOP]);
});

const one = (t: string) => parseProtocol([t])[0] as ProtocolStep;

test('terminations: "until" a cell voltage (the default, as on a cycler) or an overpotential, written out in the step text', () => {
  assert.equal(VOLTAGE_CUTOFF_DEFAULT, 'cell_voltage');
  const bare = one('Strip at 1 mA/cm2 until 200 mV');
  assert.equal(bare.cutoff_on, 'cell_voltage');
  assert.equal(bare.text, 'Strip at 1 mA/cm2 until cell voltage 200 mV');
  const cv = one('Strip at 1 mA/cm2 until cell voltage 0.2 V');
  assert.equal(cv.cutoff_on, 'cell_voltage'); assert.equal(cv.cutoff_V, 0.2);
  assert.equal(cv.text, 'Strip at 1 mA/cm2 until cell voltage 0.2 V');
  const ov = one('Strip at 1 mA/cm2 for 180 s or until overpotential 150 mV');
  assert.equal(ov.cutoff_on, 'overpotential'); assert.equal(ov.duration_s, 180); assert.ok(Math.abs(ov.cutoff_V! - 0.15) < 1e-12);
  assert.equal(one('Strip at 1 mA/cm2 until working-electrode overpotential 150 mV').cutoff_on, 'overpotential');
  assert.equal(one('Plate at 1 mA/cm2 for 10 s').text, 'Plate at 1 mA/cm2 for 10 s', 'texts without a voltage limit stay as written');
  assert.equal(one('Strip at 1 mA/cm2 until 0.01 mAh/cm2').cutoff_on, undefined);
  // a Hold holds the overpotential: only a cell voltage or a charge can end it
  assert.equal(one('Hold at 50 mV until 300 mV').cutoff_on, 'cell_voltage');
  assert.throws(() => parseProtocol(['Hold at 50 mV until overpotential 300 mV']), (e: unknown) => e instanceof InputError && e.field === 'protocol[0]' && /Hold/.test(e.message));
  assert.throws(() => parseProtocol(['Strip at 1 mA/cm2 until cell voltage']), (e: unknown) => e instanceof InputError && /a voltage after "until cell voltage"/.test(e.message));
  assert.throws(() => parseProtocol(['Strip at 1 mA/cm2 until overpotential 0.01 mAh/cm2']), (e: unknown) => e instanceof InputError && e.field === 'protocol[0]');
  // termination objects
  const ts = stepTerminations(ov);
  assert.deepEqual(ts.map((t) => t.kind), ['time', 'overpotential']);
  assert.deepEqual(ts.map((t) => t.text()), ['180 s', 'overpotential 150 mV']);
  const p = { charge_C_per_m2: 0, time_s: 10, overpotential_mV: -149, cell_voltage_mV: -400 };
  assert.equal(ts[1]!.reached(p), false);
  assert.equal(ts[1]!.reached({ ...p, overpotential_mV: -151 }), false, 'a strip does not end on the plating polarisation it may start from');
  // a bare cut-off is signed as a cycler's: a strip ends when the cell voltage rises to +200 mV, not on the
  // plating polarisation the double layer still holds when it starts (-400 mV here), which a magnitude test took for it
  assert.equal(stepTerminations(bare)[0]!.reached(p), false);
  assert.equal(stepTerminations(bare)[0]!.reached({ ...p, cell_voltage_mV: 199 }), false);
  assert.equal(stepTerminations(bare)[0]!.reached({ ...p, cell_voltage_mV: 201 }), true);
  const plate = stepTerminations(one('Plate at 1 mA/cm2 until -200 mV'))[0]!;
  assert.equal(plate.reached({ ...p, cell_voltage_mV: -199 }), false);
  assert.equal(plate.reached({ ...p, cell_voltage_mV: -201 }), true);
  assert.equal(plate.reached({ ...p, cell_voltage_mV: 400 }), false, 'a plate does not end on the stripping side');
  // the overpotential form likewise, on the step's side
  assert.equal(ts[1]!.reached({ ...p, overpotential_mV: 151 }), true);
  const plateEta = stepTerminations(one('Plate at 1 mA/cm2 until overpotential 150 mV'))[0]!;
  assert.equal(plateEta.reached({ ...p, overpotential_mV: -151 }), true);
  assert.equal(plateEta.reached({ ...p, overpotential_mV: 151 }), false, 'a plate does not end on the stripping side');
});

/** Li on Cu, 16 x 16 columns of 10 nm, a small deposit, then one strip step. */
function stripRun(strip: string, extra: Record<string, unknown> = {}) {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', strip], seed: 5, output: { snapshots: false }, ...extra,
  });
}

test('a cell-voltage cut-off ends at the cell voltage, an overpotential cut-off at the overpotential', () => {
  // 150 Ohm cm2 puts 150 mV of ohmic drop into the cell voltage at 1 mA/cm2: the cell voltage
  // passes 180 mV at once (this deposit strips at 15-120 mV of overpotential, the counter electrode
  // adds about 25 mV), the working electrode's overpotential only when the metal runs out
  const ec = { electrochem: { ohmic: '150 Ohm cm2' } };
  const runCell = stripRun('Strip at 1 mA/cm2 until cell voltage 180 mV', ec);
  const cell = new Simulation(runCell); cell.runAll();
  const runEta = stripRun('Strip at 1 mA/cm2 until overpotential 180 mV', ec);
  const eta = new Simulation(runEta); eta.runAll();
  const plated = cell.stepResults[0]!.net_voxels;
  const sc = cell.stepResults[1]!, se = eta.stepResults[1]!;
  assert.equal(sc.ended, 'cutoff');
  const last = sc.samples[1] - 1;
  assert.ok(Math.abs(cell.trace.cell_voltage_mV[last]!) >= 180, `cell voltage ${cell.trace.cell_voltage_mV[last]} mV`);
  assert.ok(Math.abs(cell.trace.overpotential_mV[last]!) < 180, `overpotential ${cell.trace.overpotential_mV[last]} mV`);
  assert.ok(-sc.net_voxels < 0.2 * plated, `cell-voltage cut-off stripped ${-sc.net_voxels} of ${plated} voxels`);
  assert.ok(['cutoff', 'no_metal'].includes(se.ended), se.ended);
  assert.ok(-se.net_voxels > 0.5 * plated, `overpotential cut-off stripped ${-se.net_voxels} of ${plated} voxels`);
  assert.equal(sc.text, 'Strip at 1 mA/cm2 until cell voltage 180 mV');
});

test('a strip with a low cell-voltage or overpotential cut-off runs until the voltage rises to it, not on the plating polarisation it starts from', () => {
  // the strip starts with the double layer still at the plate's polarisation (cell voltage about -100 mV):
  // a magnitude test ended it at its first row, one event in
  const sim = new Simulation(stripRun('Strip at 1 mA/cm2 until 20 mV')); sim.runAll();
  const r = sim.stepResults[1]!;
  const first = sim.stepResults[0]!.samples[1], last = r.samples[1] - 1;
  assert.ok(sim.trace.cell_voltage_mV[first]! < -20, `the strip's first row: ${sim.trace.cell_voltage_mV[first]} mV`);
  assert.equal(r.ended, 'cutoff');
  assert.ok(sim.trace.cell_voltage_mV[last]! >= 20, `cell voltage at the end ${sim.trace.cell_voltage_mV[last]} mV`);
  assert.ok(-r.net_voxels >= 3, `stripped ${-r.net_voxels} voxels`);
  const eta = new Simulation(stripRun('Strip at 1 mA/cm2 until overpotential 20 mV')); eta.runAll();
  const re = eta.stepResults[1]!;
  assert.ok(eta.trace.overpotential_mV[eta.stepResults[0]!.samples[1]]! < -20, 'the strip starts on the plating side');
  assert.equal(re.ended, 'cutoff');
  assert.ok(eta.trace.overpotential_mV[re.samples[1] - 1]! >= 20, `overpotential at the end ${eta.trace.overpotential_mV[re.samples[1] - 1]} mV`);
  assert.ok(-re.net_voxels >= 3, `stripped ${-re.net_voxels} voxels`);
});

test('a potentiostatic Hold ends at its charge limit', () => {
  // -200 mV on Cu plates about 0.0029 mAh/cm2 in 0.2 s (seed 2, physics v2; -150 mV gives only 0.00023): 0.0003 mAh/cm2 comes well before
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Hold at -200 mV for 0.2 s or until 0.0003 mAh/cm2'], seed: 2, output: { snapshots: false },
  });
  const sim = new Simulation(run);
  sim.runAll();
  const r = sim.stepResults[0]!;
  assert.equal(r.ended, 'charge');
  const target = Math.round((0.0003 * 36000 * sim.d.area_m2) / sim.d.q_C);
  assert.equal(r.net_voxels, target, 'the step ends at the voxel count of its charge');
  assert.ok(r.duration_s < 0.2, `${r.duration_s} s`);
  // and a stripping Hold (40 mV strips about 0.00017 mAh/cm2 in 1 s here), until part of that
  const run2 = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Hold at 40 mV for 1 s or until 0.0001 mAh/cm2'], seed: 2, output: { snapshots: false },
  });
  const s2 = new Simulation(run2); s2.runAll();
  assert.equal(s2.stepResults[1]!.ended, 'charge');
  assert.equal(-s2.stepResults[1]!.net_voxels, Math.round((0.0001 * 36000 * s2.d.area_m2) / s2.d.q_C));
});

test('seeds: below 2^32 the v1 stream, above it new streams (no repeats), out of range refused', () => {
  // v1's seeding, written out: splitmix32 from (seed >>> 0)
  const v1First = (seed: number) => {
    let x = (seed >>> 0) ^ 0x9e3779b9;
    const next = () => { x = (x + 0x9e3779b9) | 0; let z = x; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return (z ^ (z >>> 16)) >>> 0; };
    return [next(), next(), next(), next()];
  };
  for (const s of [0, 1, 12345, 2 ** 32 - 1]) assert.deepEqual(new Rng(s).getState(), v1First(s), `seed ${s}`);
  const draws = (s: number) => { const r = new Rng(s); return Array.from({ length: 8 }, () => r.nextU32()); };
  assert.notDeepEqual(draws(2 ** 32 + 5), draws(5));
  assert.notDeepEqual(draws(2 ** 33 + 5), draws(2 ** 32 + 5));
  assert.notDeepEqual(draws(Number.MAX_SAFE_INTEGER), draws(Number.MAX_SAFE_INTEGER - 2 ** 32));
  assert.throws(() => new Rng(2 ** 53), /seed: got 9007199254740992, expected an integer from 0 to 2\^53 - 1/);
  assert.throws(() => new Rng(-1), { name: 'InputError', message: 'seed: got -1, expected an integer from 0 to 2^53 - 1 (9007199254740991)' });
  assert.throws(() => new Rng(1.5), { name: 'InputError' });
  // a run file's seed: the same range, one line naming the field
  const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate at 1 mA/cm2 for 0.1 s'] }; // one voxel (0.85 of one: a step under half a voxel now ends at its time, plating nothing)
  assert.throws(() => parseRunInput({ ...base, seed: 2 ** 53 }), (e: unknown) => e instanceof InputError && e.field === 'seed');
  // two simulations whose seeds differ by 2^32 differ
  const a = new Simulation(parseRunInput({ ...base, seed: 3 })), b = new Simulation(parseRunInput({ ...base, seed: 3 + 2 ** 32 }));
  a.runAll(); b.runAll();
  assert.notDeepEqual(Array.from(a.app.code), Array.from(b.app.code));
});

test('worker errors keep their class: an InputError in a worker comes back as an InputError', async () => {
  const bad = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate at -1 mA/cm2 for 1 s'] } as unknown as ResolvedRun;
  await assert.rejects(runPool([bad], { threads: 1 }), (e: unknown) => e instanceof InputError && e.field === 'protocol[0]' && /positive current density/.test(e.message));
  await assert.rejects(simulateInWorker(bad).done, (e: unknown) => e instanceof InputError && e.field === 'protocol[0]');
});
