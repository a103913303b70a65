/**
 * A potentiostatic hold with a cell-voltage cut-off and no time (issue 9): "Hold at -60 mV until
 * cell voltage 100 mV". Voltage cut-offs are tested on sampled rows; a hold without a time had no
 * time windows, so its cut-off was never tested and the hold ran until the box was full. It is now
 * sampled on windows of charge (output.sample_C_per_m2, as a galvanostatic step) and ends at the
 * first row at or beyond its cut-off.
 *
 * Li on Cu, 8x8x8 voxels of 10 nm, fixed seeds. The terrace barrier is raised to 0.3 eV: this
 * checks bookkeeping (when the step ends), not surface diffusion. At -60 mV the current on bare Cu
 * is a few uA/cm2 (cell voltage about -60 mV); once Li nuclei form it rises by orders of
 * magnitude, and the counter electrode's part takes the cell voltage past 100 mV. (Windows of
 * 3 voxels give noisy window currents: with a 150 mV cut-off, seeds 1 and 3-6 end at it, seed 2
 * fills the box first, its largest |cell voltage| being 115 mV.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type ProgressInfo, type StepState } from '../src/simulation/simulation.js';
import { progressText } from '../src/simulation/progress.js';
import { cellVoltageHoldEta } from '../src/simulation/step-parts.js';
import { cellVoltage } from '../src/electrochem/cell.js';
import { writeCheckpoint, resumeSimulation, readCheckpoint } from '../src/simulation/checkpoint.js';
import { assertSameState } from './helpers/same-state.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `run` uninterrupted (returned), then again cancelled once the second step has run `fraction` of its events in
 * the uninterrupted run (checked every `chunk` events), its checkpoint written to `file`.
 */
function cancelledInSecondStep(run: ReturnType<typeof parseRunInput>, file: string, fraction: number, chunk: number): Simulation {
  const full = new Simulation(run);
  full.runAll();
  const at = full.stepResults[0]!.events + fraction * full.stepResults[1]!.events;
  const ac = new AbortController();
  const part = new Simulation(run);
  part.runAll({ chunk, signal: ac.signal, onProgress: (p) => { if (p.events >= at) ac.abort(); },
    checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
  assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
  return full;
}

const CUTOFF_MV = 100;

for (const seed of [1, 2]) {
  test(`hold without a time, seed ${seed}: ends at its cell-voltage cut-off, on windows of charge`, () => {
    const run = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu',
      kinetics: { terraceBarrier: '0.3 eV' },
      protocol: [`Hold at -60 mV until cell voltage ${CUTOFF_MV} mV`, 'Rest for 1 s'],
      seed, output: { snapshots: false },
    });
    const sim = new Simulation(run);
    const progress: ProgressInfo[] = [];
    sim.runAll({ chunk: 2000, onProgress: (p) => progress.push(p) });
    const [hold, rest] = sim.stepResults;
    // progress: the hold has no time or charge to measure against (indeterminate, the events go on)
    const inHold = progress.filter((p) => p.step === 0);
    assert.ok(inHold.length >= 2, `progress reports in the hold: ${inHold.length}`);
    for (const p of inHold) { assert.equal(p.stepIndeterminate, true); assert.equal(p.stepFraction, 0); }
    assert.ok(inHold[inHold.length - 1]!.events > inHold[0]!.events);
    assert.equal(hold!.ended, 'cutoff', `the hold ended by ${hold!.ended} after ${hold!.net_voxels} voxels`);
    // the run goes on with the next step
    assert.equal(rest!.ended, 'time');
    const tr = sim.trace, [i0, i1] = hold!.samples;
    const cell = tr.cell_voltage_mV.slice(i0, i1).map(Math.abs);
    assert.ok(cell.length >= 3, `rows of the hold: ${cell.length}`);
    // the last row is at or beyond the cut-off, every row before it short of it: the step ended
    // at the first sampled window that reached it (it did not start beyond it)
    assert.ok(cell[cell.length - 1]! >= CUTOFF_MV, `cell voltage at the end ${cell[cell.length - 1]} mV`);
    for (let k = 0; k < cell.length - 1; k++) assert.ok(cell[k]! < CUTOFF_MV, `row ${k}: ${cell[k]} mV`);
    // the windows are windows of charge: each row after the opening one closes one more window of
    // net voxels (the last one may be the step's end)
    const perWindow = Math.max(1, Math.round((run.output.sample_C_per_m2 * sim.d.area_m2) / sim.d.q_C));
    const perCm2 = sim.d.q_C / (sim.d.area_m2 * 1e4);
    for (let k = i0 + 1; k < i1; k++) {
      const voxels = Math.round(tr.charge_C_per_cm2[k]! / perCm2);
      assert.equal(voxels, (k - i0) * perWindow, `row ${k - i0}: ${voxels} voxels`);
    }
    assert.equal(hold!.net_voxels, (i1 - i0 - 1) * perWindow);
  });
}

/**
 * A Hold step's current cut-off (cccv): "Hold at 30 mV until 0.05 mA/cm2" after plating 0.005 mAh/cm2 (153 voxels) on
 * 8x8x16 voxels of 10 nm, Li on Cu, seed 2 (terrace barrier 0.3 eV, as above). The stripping hold's current decays as
 * its connected metal runs out: windows of 0.31 and 0.135 mA/cm2, then one with no net stripping. The current is read
 * over consecutive windows of the time 10 voxels take at the limit (engine/current-window.ts): 10 q / (A i_lim).
 */
const CC_LIMIT_MA = 0.05;
const ccRun = (hold: string, seed = 2) => parseRunInput({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu',
  kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate 0.005 mAh/cm2 at 1 mA/cm2', hold],
  seed, output: { snapshots: false },
});
/** a window's length as the docs define it: the time 10 voxels take at the limit current, s */
const windowOf = (sim: Simulation, limit_mA_per_cm2: number) => (10 * sim.d.q_C) / (sim.d.area_m2 * limit_mA_per_cm2 * 10);

test('a Hold with a current cut-off ends current_cutoff at the end of its first window at or below the limit; the window before was above', () => {
  const run = ccRun(`Hold at 30 mV until ${CC_LIMIT_MA} mA/cm2`);
  const sim = new Simulation(run);
  const progress: ProgressInfo[] = [];
  sim.runAll({ chunk: 100, onProgress: (p) => progress.push(p) });
  const hold = sim.stepResults[1]!;
  // the step text says what the cut-off reads
  assert.equal(hold.text, `Hold at 30 mV until current ${CC_LIMIT_MA} mA/cm2`);
  assert.equal(hold.ended, 'current_cutoff', `ended ${hold.ended} after ${hold.net_voxels} voxels`);
  const w = hold.current_window!;
  assert.ok(w.windows >= 2, `windows closed: ${w.windows}`);
  assert.ok(w.last_mA_per_cm2 !== null && w.last_mA_per_cm2 <= CC_LIMIT_MA, `last window ${w.last_mA_per_cm2} mA/cm2`);
  assert.ok(w.previous_mA_per_cm2 !== null && w.previous_mA_per_cm2 > CC_LIMIT_MA, `the window before ${w.previous_mA_per_cm2} mA/cm2`);
  // windows of 10 voxels at the limit, one after the other from the step's start: the step ends at the end of one
  const T = windowOf(sim, CC_LIMIT_MA);
  assert.ok(Math.abs(w.window_s - T) <= 1e-9 * T, `window ${w.window_s} s, expected ${T} s`);
  assert.ok(Math.abs(hold.kmc_duration_s - w.windows * T) <= 1e-9 * hold.kmc_duration_s, `step ${hold.kmc_duration_s} s, ${w.windows} windows of ${T} s`);
  // a window's current is a whole number of voxels over its time (stripping: anodic, the hold's direction)
  const perVoxel = sim.d.q_C / (sim.d.area_m2 * 10) / T; // mA/cm2 of one voxel per window
  for (const j of [w.last_mA_per_cm2!, w.previous_mA_per_cm2!]) assert.ok(Math.abs(j / perVoxel - Math.round(j / perVoxel)) < 1e-6, `${j} mA/cm2`);
  // the stripping hold passed at least the window before the last's charge
  assert.ok(-hold.net_voxels >= Math.round(w.previous_mA_per_cm2! / perVoxel), `${hold.net_voxels} voxels`);
  // the progress reports of the hold say the cut-off and the last window's current
  const inHold = progress.filter((p) => p.step === 1);
  assert.ok(inHold.length >= 2);
  for (const p of inHold) assert.equal(p.currentCutoff?.limit_mA_per_cm2, CC_LIMIT_MA);
  const seen = inHold.map((p) => p.currentCutoff!.window_mA_per_cm2).filter((x) => x !== null);
  assert.equal(seen.at(-1), w.previous_mA_per_cm2, 'the last window reported before the end is the one before the last');
  assert.match(progressText(inHold.at(-1)!), /, current [\d.]+ mA\/cm2 in the hold's direction, ends at 0\.05 mA\/cm2, /);
  // the plate before it has no window
  assert.equal(sim.stepResults[0]!.current_window, undefined);
});

test('a current cut-off never reached: the Hold ends on its time, every closed window above the limit', () => {
  const run = ccRun(`Hold at 30 mV for 45 s or until ${CC_LIMIT_MA} mA/cm2`);
  const sim = new Simulation(run);
  sim.runAll();
  const hold = sim.stepResults[1]!;
  assert.equal(hold.text, `Hold at 30 mV for 45 s or until current ${CC_LIMIT_MA} mA/cm2`);
  assert.equal(hold.ended, 'time');
  assert.ok(Math.abs(hold.kmc_duration_s - 45) < 1e-9);
  const w = hold.current_window!;
  assert.equal(w.windows, Math.floor(45 / windowOf(sim, CC_LIMIT_MA)));
  assert.ok(w.last_mA_per_cm2 !== null && w.last_mA_per_cm2 > CC_LIMIT_MA, `last window ${w.last_mA_per_cm2} mA/cm2`);
});

test('a Hold with a current cut-off resumed from a checkpoint taken mid-window goes on with its window: the same end as the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cc-'));
  try {
    const run = ccRun(`Hold at 30 mV until ${CC_LIMIT_MA} mA/cm2`);
    const file = join(dir, 'checkpoint.bin');
    // cancelled in the hold's second window (its first closed after about half its events)
    const full = cancelledInSecondStep(run, file, 0.75, 37);
    const { header } = readCheckpoint(file);
    const cw = header.state.currentWindow!;
    assert.ok(cw.windows >= 1 && cw.start_s > header.state.startKmc, `the checkpoint is past the hold's first window: ${JSON.stringify(cw)}`);
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full, 'hold with a current cut-off');
    assert.equal(resumed.stepResults[1]!.ended, 'current_cutoff');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

/**
 * A cell-voltage hold (cccv): "Hold at cell voltage -100 mV" solves the working electrode's overpotential at each change
 * of the box's rate sums so that overpotential + counter electrode + ohmic part is the held voltage for the box's
 * expected current (simulation/step-parts.ts cellVoltageHoldEta).
 */
test('cellVoltageHoldEta: the overpotential whose cell voltage (electrochem/cell.ts cellVoltage, at the rate sums\' current) is the held one', () => {
  const f = 38.92, q_per_area = 0.0736, counter = { i0_A_per_m2: 10, alpha: 0.5 };
  let n = 0;
  for (const [V, A, B, R] of [[-0.1, 200, 50, 0], [-0.1, 200, 50, 6e-4], [0.05, 30, 400, 2e-4], [-0.3, 5, 0, 1e-3], [0.2, 0, 80, 0], [-0.05, 0, 0, 0]] as const) {
    const eta = cellVoltageHoldEta(V, A, B, { q_per_area, alpha: 0.5, f_per_V: f, counter, ohmic_Ohm_m2: R });
    const j = q_per_area * (B * Math.exp(-0.5 * f * eta) - A * Math.exp(0.5 * f * eta)); // anodic > 0, as the trace's current
    const cell = cellVoltage(-eta, j, counter, R, f);
    assert.ok(Math.abs(cell.cell_V - V) < 1e-9, `V ${V}, A ${A}, B ${B}, R ${R}: cell ${cell.cell_V} V at eta ${eta} V`);
    n++;
  }
  assert.equal(n, 6);
});

test('a cell-voltage hold plates with the cell voltage it holds: mean overpotential + counter and ohmic parts at its mean current; an overpotential hold of the same value does not', () => {
  // 10 x 10 x 16 voxels of 10 nm, Li on Cu, 2 Ohm cm2, seed 1: a plate, then a hold of 2 s at -100 mV, the cell's voltage or
  // the overpotential. Measured (cccv; seeds 1-3 here and 1-4 on 12 x 12 x 16): the cell-voltage hold's mean overpotential
  // -63 to -70 mV and its cell voltage at its mean current -97 to -124 mV; the overpotential hold's -176 to -198 mV
  const go = (hold: string) => {
    const run = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [10, 10, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
      electrochem: { ohmic: '2 Ohm cm2' }, protocol: ['Plate 0.003 mAh/cm2 at 1 mA/cm2', hold], seed: 1, output: { snapshots: false },
    });
    const sim = new Simulation(run);
    sim.runAll();
    const r = sim.stepResults[1]!, tr = sim.trace, [i0, i1] = r.samples;
    assert.equal(r.ended, 'time');
    let eta = 0, T = 0;
    for (let i = i0 + 1; i < i1; i++) { const dt = tr.time_s[i]! - tr.time_s[i - 1]!; eta += tr.overpotential_mV[i]! * dt; T += dt; }
    const j = -(r.net_voxels * sim.d.q_C / sim.d.area_m2) / r.kmc_duration_s; // A/m2, anodic > 0
    const rows = tr.overpotential_mV.slice(i0 + 1, i1);
    return { we_mV: eta / T, cell_mV: cellVoltage(eta / T / 1e3, j, sim.counter, run.electrochem.ohmic_Ohm_m2, sim.d.f_per_V).cell_V * 1e3, rows, j, net: r.net_voxels };
  };
  const cell = go('Hold at cell voltage -100 mV for 2 s'), bare = go('Hold at -100 mV for 2 s');
  // both plate; the cell-voltage hold's overpotential is smaller than the cell voltage (the counter electrode and the
  // resistance take their parts), and its cell voltage at its mean current is the one held
  assert.ok(cell.net > 0 && bare.net > 0, `${cell.net}, ${bare.net} voxels`);
  // (a row may go beyond -100 mV: a box with fresh adatoms carries an anodic current at small overpotentials, its
  // rates' B large, and the counter electrode's part then has the other sign)
  assert.ok(cell.we_mV < 0 && cell.we_mV > -100, `mean overpotential ${cell.we_mV} mV`);
  assert.ok(cell.rows.length >= 100, `rows ${cell.rows.length}`);
  assert.ok(cell.rows.some((x) => x !== cell.rows[0]), 'the overpotential follows the box');
  assert.ok(Math.abs(cell.cell_mV - -100) <= 25, `cell voltage ${cell.cell_mV} mV (overpotential ${cell.we_mV} mV, ${cell.j / 10} mA/cm2)`);
  assert.ok(bare.cell_mV < -150, `the overpotential hold's cell voltage ${bare.cell_mV} mV`);
});

test('a cell-voltage hold resumed from a checkpoint taken inside it ends as the uninterrupted run, event for event', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-cvh-'));
  try {
    const run = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' },
      electrochem: { ohmic: '2 Ohm cm2' }, protocol: ['Plate 0.003 mAh/cm2 at 1 mA/cm2', 'Hold at cell voltage -100 mV for 1 s'], seed: 3, output: { snapshots: false },
    });
    const file = join(dir, 'checkpoint.bin');
    const full = cancelledInSecondStep(run, file, 0.5, 29);
    assert.equal(readCheckpoint(file).header.state.index, 1, 'the checkpoint is inside the hold');
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full, 'cell-voltage hold');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('mends70: a Hold whose current cut-off\'s first window outlasts it says so in one line (window length, box or cut-off factor); one that read a window does not', async () => {
  const { earlyEndWarnings } = await import('../src/simulation/early-ends.js');
  // 4 x 4 voxels of 10 nm: a window of 10 voxels at 0.05 mA/cm2 lasts about 94 s, the hold 1 s
  const run = parseRunInput({ metal: 'Li', lattice: { size: [4, 4, 8], voxel: '10 nm' }, host: 'Cu', seed: 1,
    protocol: [`Hold at -20 mV for 1 s or until ${CC_LIMIT_MA} mA/cm2`] });
  const sim = new Simulation(run);
  sim.runAll();
  const hold = sim.stepResults[0]!;
  assert.equal(hold.ended, 'time');
  assert.equal(hold.current_window!.windows, 0);
  const window_s = (10 * sim.d.q_C) / (sim.d.area_m2 * CC_LIMIT_MA * 10); // 10 voxels at the cut-off, mA/cm2 to A/m2
  const lines = earlyEndWarnings(sim.stepResults, '', run.protocol).filter((l) => l.includes('cut-off'));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /step 1 "Hold at -20 mV for 1 s or until current 0.05 mA\/cm2" never read its current cut-off \(0.0500 mA\/cm2\)/);
  assert.ok(lines[0]!.includes(`first window of ${window_s.toPrecision(3)} s`), lines[0]);
  assert.ok(lines[0]!.includes(`at least ${(window_s / 1).toPrecision(2)} times the footprint`), lines[0]);
  // a hold whose windows closed (the cut-off was read, not reached): no such line
  const read = earlyEndWarnings([{ ...hold, current_window: { ...hold.current_window!, windows: 2, last_mA_per_cm2: 0.08 } }], '', run.protocol);
  assert.equal(read.filter((l) => l.includes('never read')).length, 0);
  // a hold per cycle: at most 3 lines and a count
  const many = earlyEndWarnings([0, 1, 2, 3, 4].map((i) => ({ ...hold, index: i })), '', run.protocol).filter((l) => l.includes('never read'));
  assert.equal(many.length, 4, many.join('\n'));
  assert.equal(many[3], 'warning: 2 more Hold steps never read their current cut-off');
});

// mends116 (review86 F10): `Hold at -50 mV for 0.2 s` after a plate on Cu took 34 voxels to 24 with no word, against
// "a negative overpotential plates". Not a sign error (the hold's rows read the held -50 mV, the working electrode's
// overpotential against the bulk metal): the box's small islands sit below the metal's potential and dissolve at it,
// while a hold beyond the plating's plateau grows them. The run now says so in one line; the -200 mV hold does not
test('mends116: a plating Hold that strips net says what it held and why, in one line; one that plates does not', async () => {
  const { earlyEndWarnings } = await import('../src/simulation/early-ends.js');
  const out: Record<string, { net: number; lines: string[]; eta: number[] }> = {};
  for (const mV of [-50, -200]) {
    // (about 0.1-0.2 CPU s each: 6 x 6 x 8 voxels of 10 nm, 3 voxels plated)
    const run = parseRunInput({ metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'Cu', seed: 1,
      protocol: ['Plate 0.0002 mAh/cm2 at 10 mA/cm2', `Hold at ${mV} mV for 0.01 s`] });
    const sim = new Simulation(run);
    sim.runAll();
    const hold = sim.stepResults[1]!;
    const [a, b] = hold.samples;
    out[mV] = { net: hold.net_voxels, lines: earlyEndWarnings(sim.stepResults, '', run.protocol).filter((l) => l.includes('held')), eta: sim.trace.overpotential_mV.slice(a, b) };
  }
  // the hold holds what its text says: the working electrode's overpotential, mV, on every row
  for (const mV of [-50, -200]) assert.ok(out[mV]!.eta.every((x) => Math.abs(x - mV) < 1e-9), `${mV} mV hold rows: ${[...new Set(out[mV]!.eta)].join(', ')}`);
  assert.ok(out[-50]!.net < 0 && out[-200]!.net > 0, `net voxels: -50 mV ${out[-50]!.net}, -200 mV ${out[-200]!.net}`);
  assert.equal(out[-50]!.lines.length, 1, out[-50]!.lines.join('\n'));
  assert.match(out[-50]!.lines[0]!, new RegExp(`^note: step 2 "Hold at -50 mV for 0.01 s" held the working electrode's overpotential against the bulk metal on the plating side and stripped net \\(${-out[-50]!.net} voxels, `));
  assert.equal(out[-200]!.lines.length, 0, out[-200]!.lines.join('\n'));
});
