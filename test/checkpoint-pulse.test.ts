/**
 * Checkpoints inside a pulse train (simulation/pulse.ts: `PulseTrainState` rides in the loop state
 * beside the sub-step's): a pulse step stopped in an on time, in a rest, or at the start of an on
 * time after a rest (between two pulses), by a periodic checkpoint or by a cancel, and resumed,
 * ends with the same trace (eta.csv's columns), step results, pulse statistics, metrics, lattice
 * and whole engine state as the uninterrupted run of the same seed. Negative control: the same
 * resume with the on time's voxel count off by one ends elsewhere, and the comparison says so.
 *
 * 8 x 8 x 16 voxels of 10 nm, 4 pulses of 0.5 s with 0.2 s rests, then a rest: ~1,000 events a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation, readCheckpoint } from '../src/simulation/checkpoint.js';
import { pulseStats } from '../src/simulation/pulse.js';
import { assertSameState, metricsOf as metrics } from './helpers/same-state.js';

const run = parseRunInput({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', host_layers: 4,
  kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Pulse at 5 mA/cm2 for 500 ms, rest 200 ms, 0.0025 mAh/cm2', 'Rest for 0.01 s'],
  seed: 11, output: { snapshots: false },
});

/** metrics.json without the wall clock */

function assertSameRun(a: Simulation, b: Simulation, label: string): void {
  assertSameState(a, b, label);
  assert.deepEqual(pulseStats(a, 0), pulseStats(b, 0), `${label}: pulse statistics`);
  assert.deepEqual(metrics(a), metrics(b), `${label}: metrics`);
}

test('a pulse train stopped in an on time, in a rest, between two pulses, or by a cancel, and resumed: the same trace, steps, metrics, lattice and state as the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-pulse-'));
  try {
    const full = new Simulation(run);
    full.runAll();
    const st0 = pulseStats(full, 0)!;
    assert.equal(st0.pulses, 4); assert.equal(st0.rests, 3);
    assert.equal(full.stepResults[0]!.ended, 'charge');

    // every_s 0: a checkpoint is due at every look (every 20 events and at each sub-step's start); keep three
    // (20, not 40: since branch pulserest the rests after the first run 34-38 events, seed 11)
    const picks: Record<'on' | 'rest' | 'between', { file: string; events: number } | undefined> = { on: undefined, rest: undefined, between: undefined };
    const v2 = join(dir, 'v2.bin');
    let afterTrain = false;
    const pick = (s: Simulation, st: StepState): void => {
      // and one in the rest after the train, to be read as a format-2 file below
      if (st.index === 1 && !afterTrain) { writeCheckpoint(v2, s, st); afterTrain = true; }
      const p = st.pulse;
      if (!p || p.k < 2) return;
      const atStart = s.events === st.startEvents;
      const where = p.phase === 'on' ? (atStart ? 'between' : 'on') : atStart ? undefined : 'rest';
      if (!where || picks[where]) return;
      const file = join(dir, `${where}.bin`);
      writeCheckpoint(file, s, st);
      picks[where] = { file, events: s.events };
    };
    const periodic = new Simulation(run);
    periodic.runAll({ chunk: 20, checkpoint: { every_s: 0, write: pick } });
    assertSameRun(periodic, full, 'taking checkpoints inside the train changes nothing');
    for (const [where, at] of Object.entries(picks)) {
      assert.ok(at && at.events > 0 && at.events < full.stepResults[0]!.events, `a checkpoint ${where} (${at?.events})`);
      const { header } = readCheckpoint(at.file);
      assert.equal(header.version, 3);
      assert.equal(header.state.pulse?.phase, where === 'rest' ? 'rest' : 'on', where);
      const resumed = resumeSimulation(at.file, run);
      resumed.runAll();
      assertSameRun(resumed, full, `resumed ${where} (event ${at.events}, pulse ${header.state.pulse!.k})`);
    }

    const file = join(dir, 'checkpoint.bin');
    // a cancel (the sub-step's cancel path writes the checkpoint), with the look every 10^6 events, far
    // more than any sub-step: it is seen at the next sub-step's start (before, a train of short pulses
    // could not be cancelled at all)
    const third = new Simulation(run);
    const ac3 = new AbortController();
    let rests = 0;
    // (a train runs its on times and rests through runSubStep: the hook is there)
    const step3 = third.runSubStep.bind(third);
    third.runSubStep = (fs, o, r) => { if (fs.step.kind === 'rest' && fs.index === 0 && ++rests === 3) ac3.abort(); return step3(fs, o, r); };
    third.runAll({ chunk: 1e6, signal: ac3.signal, checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    assert.equal(third.stepResults.at(-1)!.ended, 'cancelled');
    const h3 = readCheckpoint(file).header;
    assert.deepEqual([h3.state.pulse?.phase, h3.state.pulse?.k], ['rest', 3]);
    assert.ok(h3.sim.events - h3.state.startEvents <= 1, 'stopped at the rest\'s first event');
    const resumed3 = resumeSimulation(file, run);
    resumed3.runAll();
    assertSameRun(resumed3, full, `cancelled at the start of the third rest (event ${h3.sim.events})`);

    // negative control: the running on time's size off by one voxel; the comparison must see it
    const wrong = resumeSimulation(picks.on!.file, run);
    wrong.resumeState!.pulse!.need += 1;
    wrong.runAll();
    assert.throws(() => assertSameRun(wrong, full, 'off by one'), /off by one: events/);

    // a format-2 file (before the train's state existed: same layout, never inside a train) still resumes
    const b = readFileSync(v2); b.writeUInt32LE(2, 8); writeFileSync(v2, b);
    const old = resumeSimulation(v2, run);
    old.runAll();
    assertSameRun(old, full, 'format 2, in the rest after the train');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a cancel seen before a rest whose first draw ends it (the time limit crossed): the rest ends as it would have, the next step stops, the resume is exact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-cross-'));
  try {
    const short = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', host_layers: 4, kinetics: { terraceBarrier: '0.3 eV' },
      protocol: ['Plate at 5 mA/cm2 for 0.0003 mAh/cm2', 'Rest for 1 ns', 'Plate at 5 mA/cm2 for 0.0003 mAh/cm2'], seed: 11, output: { snapshots: false },
    });
    const full = new Simulation(short);
    full.runAll();
    assert.deepEqual(full.stepResults.map((r) => [r.ended, r.events > 0]), [['charge', true], ['time', false], ['charge', true]], 'the rest ends at its first draw, with no event');
    const file = join(dir, 'checkpoint.bin');
    const part = new Simulation(short);
    const ac = new AbortController();
    const step = part.runStep.bind(part);
    part.runStep = (fs, o, r) => { if (fs.index === 1) ac.abort(); return step(fs, o, r); };
    part.runAll({ chunk: 1e6, signal: ac.signal, checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    assert.deepEqual(part.stepResults.map((r) => r.ended), ['charge', 'time', 'cancelled']);
    const resumed = resumeSimulation(file, short);
    resumed.runAll();
    assertSameState(resumed, full, 'cancelled before the 1 ns rest');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
