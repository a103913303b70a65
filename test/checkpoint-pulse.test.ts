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
      assert.equal(header.version, 4); // format 4 since mends62b (the header's own SHA-256); 3 added the train's state
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

// mends61b (robust61's leftover): a train of zero-charge pulses whose rests have no event (an empty Cu box: nothing can
// react) never looked at the cancel flag. Each rest ended by its clock, which drops a cancel the rest saw (the next step's
// first look is meant to see it), and the next rest did the same: Ctrl-C went unheard until a sub-step had an event. The
// train now looks at the flag between its sub-steps and stops there, its checkpoint at that boundary (the train's state,
// no sub-step's). 8 x 8 x 16 voxels of 10 nm, pulses of 0.02 ms (1/660 of a voxel each: the first 589 sub-steps pass
// nothing and have no event), rests of 1 us, 1,800 pulses: 0.1 s a run.
test('a cancel during a train of zero-charge pulses with event-free rests stops it at the next sub-step boundary, and the resume is exact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-pulse0-'));
  try {
    const quiet = parseRunInput({
      metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', host_layers: 4,
      kinetics: { terraceBarrier: '0.3 eV' },
      protocol: ['Pulse at 5 mA/cm2 for 0.02 ms, rest 0.001 ms, 0.00005 mAh/cm2', 'Rest for 0.01 s'],
      seed: 11, output: { snapshots: false },
    });
    const full = new Simulation(quiet);
    full.runAll();
    assert.equal(full.stepResults[0]!.ended, 'charge');
    assert.equal(pulseStats(full, 0)!.pulses, 1800);

    /** a run cancelled by `abortAt` (called at each sub-step's call with its kind and the count of sub-steps so far, and again after it) */
    const cancelled = (label: string, abortAt: (kind: string, subs: number, after: boolean) => boolean, preAbort = false) => {
      const file = join(dir, `${label}.bin`);
      const sim = new Simulation(quiet);
      const ac = new AbortController();
      if (preAbort) ac.abort();
      let subs = 0, afterAbort = 0;
      const sub = sim.runSubStep.bind(sim);
      sim.runSubStep = (fs, o, r) => {
        if (ac.signal.aborted) afterAbort++;
        subs++;
        if (fs.index === 0 && abortAt(fs.step.kind, subs, false)) ac.abort();
        const res = sub(fs, o, r);
        if (fs.index === 0 && abortAt(fs.step.kind, subs, true)) ac.abort();
        return res;
      };
      let writes = 0;
      sim.runAll({ chunk: 1e6, signal: ac.signal, checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writes++; writeCheckpoint(file, s, st); } } });
      assert.equal(sim.stepResults.at(-1)!.ended, 'cancelled', label);
      assert.equal(sim.stepResults.length, 1, `${label}: the train is the step cancelled`);
      assert.equal(writes, 1, `${label}: one checkpoint, the cancel's`);
      // promptly: no sub-step started after the cancel was set (before the fix: the train ran on to pulse 295, the first
      // on time that passes a voxel, whose events look at the flag)
      assert.equal(afterAbort, 0, `${label}: sub-steps run after the cancel`);
      const h = readCheckpoint(file).header;
      const resumed = resumeSimulation(file, quiet);
      resumed.runAll();
      assertSameRun(resumed, full, `${label}: resumed (pulse ${h.state.pulse?.k}, ${h.state.pulse?.phase})`);
      return h.state.pulse;
    };
    // Ctrl-C in the third rest (an event-free one): the train stops before the fourth pulse
    let restCalls = 0;
    assert.deepEqual(((p) => [p?.k, p?.phase])(cancelled('third-rest', (kind, _n, after) => !after && kind === 'rest' && ++restCalls === 3)), [4, 'on']);
    // a cancel set before the run: the train stops before its first pulse
    assert.deepEqual(((p) => [p?.k, p?.phase])(cancelled('before', () => false, true)), [1, 'on']);
    // a cancel arriving at the end of the on time that passes the first voxel: the train stops before the rest after it
    const p = cancelled('after-on', (kind, _n, after) => after && kind === 'plate');
    assert.equal(p?.phase, 'rest');
    assert.ok(p !== undefined && p.k > 100 && p.k < 1800, `the first voxel's pulse (${p?.k})`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
