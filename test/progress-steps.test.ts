/**
 * simulate's progress on a run of short steps (branch progress2): the report, and the cancel look that goes with
 * it, are due every `chunk` events of the run. Counted from each step's start (until progress2), a Li||Cu cycling
 * of half cycles shorter than `chunk` never reported: a 0 % bar, no line on a non-terminal stderr, and no
 * onProgress from which a library caller could cancel it. Branch mends41's fix (7f17e93) was reverted because
 * its progress mark was an ordinary Simulation field: checkpoints saved it and a resumed run's whole state differed
 * from the uninterrupted run's in that field alone. The whole-state comparisons below see such a field.
 *
 * Bookkeeping, not physics: 8 x 8 voxels of 100 nm, half cycles of a few thousand events.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { readCheckpoint, resumeSimulation, writeCheckpoint } from '../src/simulation/checkpoint.js';
import { assertSameState } from './helpers/same-state.js';
import { cli } from './helpers/cli.js';

const cycling = (repeat: number, size: number[], plate: number) => ({
  metal: 'Li', host: 'Cu', lattice: { size, voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' },
  protocol: [{ repeat, steps: [`Plate ${plate} mAh/cm2 at 1 mA/cm2`, 'Strip at 1 mA/cm2 until 1 V'] }],
  seed: 1, output: { snapshots: false },
});
const run = parseRunInput(cycling(20, [8, 8, 30], 0.05));
const CHUNK = 2500;

/** the uninterrupted run without progress (one for the whole file) */
let plain: Simulation | undefined;
const uninterrupted = (): Simulation => {
  if (!plain) { plain = new Simulation(run); plain.runAll(); }
  return plain;
};

test('a run of steps shorter than chunk reports every chunk events of the run (not of each step), and reporting changes nothing', () => {
  const reports: { step: number; events: number; eps: number }[] = [];
  const sim = new Simulation(run);
  sim.runAll({ chunk: CHUNK, onProgress: (p) => reports.push({ step: p.step, events: p.events, eps: p.events_per_s }) });
  assert.ok(sim.stepResults.every((s) => s.events < CHUNK), 'every half cycle is shorter than chunk (else this tests nothing)');
  assert.ok(sim.events >= 4 * CHUNK, `${sim.events} events`);
  // due at every chunk events of the run (a report a second after the last, in a stretch without events, comes sooner)
  assert.ok(reports.length >= Math.floor(sim.events / CHUNK), `${reports.length} reports in ${sim.events} events: ${JSON.stringify(reports)}`);
  reports.forEach((p, i) => assert.ok(p.events - (reports[i - 1]?.events ?? 0) <= CHUNK, JSON.stringify(reports)));
  assert.ok(new Set(reports.map((p) => p.step)).size >= 3, 'reports come from many half cycles');
  assert.ok(reports.every((p) => Number.isFinite(p.eps) && p.eps > 0), JSON.stringify(reports));
  // the same run as one without progress: trace, steps, lattice, RNG and the whole engine state
  assertSameState(sim, uninterrupted(), 'reported run');
});

test('such a run cancelled from onProgress in a middle half cycle and resumed: the uninterrupted run, bit for bit; the resumed run reports', () => {
  const full = uninterrupted();
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-progress-steps-'));
  try {
    const file = join(dir, 'checkpoint.bin');
    const ac = new AbortController();
    const part = new Simulation(run);
    const at = Math.floor(full.events / 2);
    part.runAll({ chunk: CHUNK, signal: ac.signal, onProgress: (p) => { if (p.events >= at) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    const last = part.stepResults.at(-1)!;
    assert.equal(last.ended, 'cancelled', 'the cancel is seen (before progress2: no report, so nothing cancelled it)');
    assert.ok(last.index > 2 && part.events > at && part.events < full.events, `cancelled in step ${last.index} at event ${part.events} of ${full.events}`);
    assert.equal(readCheckpoint(file).header.sim.events, part.events);
    const resumed = resumeSimulation(file, run);
    const reports: { events: number; eps: number }[] = [];
    resumed.runAll({ chunk: CHUNK, onProgress: (p) => reports.push({ events: p.events, eps: p.events_per_s }) });
    assertSameState(resumed, full, 'resumed run');
    // the resumed run counts its chunks from where it resumed
    assert.ok(reports.length >= Math.floor((full.events - part.events) / CHUNK) && reports.length > 0, JSON.stringify(reports));
    assert.ok(reports[0]!.events - part.events <= CHUNK, JSON.stringify(reports));
    assert.ok(reports.every((p) => Number.isFinite(p.eps) && p.eps > 0), JSON.stringify(reports));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('CLI: simulate of Li||Cu half cycles under 200,000 events each prints a progress line on a non-terminal stderr', async () => {
  // examples/cycling-licu.yaml's box without SEI, 20 cycles: about 230,000 events, half cycles under 16,000
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-progress-steps-cli-'));
  try {
    const file = join(dir, 'run.yaml');
    writeFileSync(file, JSON.stringify(cycling(20, [16, 16, 40], 0.1)));
    const r = await cli(['simulate', file, '--no-store']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('simulate: '));
    assert.ok(lines.length >= 1, `no progress line: ${r.stderr}`);
    assert.match(lines[0]!, /^simulate: step \d+\/40 (Plate|Strip) .*events.*; run \d+\.\d %, [\d,]+ events\/s, eta -?\d+\.\d mV, time left unknown$/); // the first line: no pace yet (mends80)
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a run far from chunk events reports (and sees a cancel) when progressEvery_s of wall time have passed (review55)', () => {
  // a run of a few hundred events a second (an electrolyte's field solved at every reduction: a pulse train on 8 x 8 x 64
  // voxels of 100 nm ran 575 events/s) never reached `chunk` events: no report for the whole run, and a Ctrl-C waited.
  // progressEvery_s: 0 makes every look due (every 64 events), so the rule is tested without a slow run or a clock
  const small = parseRunInput({ ...cycling(1, [8, 8, 16], 0.01), protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'] });
  const reports: number[] = [];
  const sim = new Simulation(small);
  sim.runAll({ chunk: 1e9, progressEvery_s: 0, onProgress: (p) => reports.push(p.events) });
  assert.ok(sim.events > 640, `${sim.events} events`);
  assert.ok(reports.length >= Math.floor(sim.events / 64) - 1, `${reports.length} reports in ${sim.events} events`);
  reports.forEach((e, i) => assert.ok(e - (reports[i - 1] ?? 0) <= 64, `report at ${e} after ${reports[i - 1]}`));
  // a cancel is seen at the next such look, not after chunk events
  const ac = new AbortController();
  const part = new Simulation(small);
  part.runAll({ chunk: 1e9, progressEvery_s: 0, signal: ac.signal, onProgress: (p) => { if (p.events >= 300) ac.abort(); } });
  assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
  assert.ok(part.events <= 300 + 2 * 64, `cancelled at event ${part.events}`); // the report after 300 sets it, the next look sees it
});
