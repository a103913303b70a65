/**
 * Checkpoints at any event (simulation/checkpoint.ts, simulation/engine-state.ts): a run cancelled
 * at an event count that is no engine rebuild point, or resumed from a periodic checkpoint taken
 * mid-step, ends in the same state as the uninterrupted run, field by field (trace columns, step
 * results, lattice bytes, counters, RNG state, double layer, metrics). A corrupt, truncated or
 * mismatched checkpoint is refused in one line (exit 2 from the CLI) and the outputs already
 * written stay as they were.
 *
 * Bookkeeping tests, not surface diffusion: kinetics.terraceBarrier 0.3 eV keeps the runs short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation, readCheckpoint, encodeHeader } from '../src/simulation/checkpoint.js';
import { stateDifferences } from '../src/simulation/engine-state.js';
import { assertSameState, stateRecord } from './helpers/same-state.js';
import { simulate } from '../src/simulation/simulate.js';
import { FileError, InputError } from '../src/errors.js';
import { cliSpawnShape } from './helpers/cli.js';

const base = {
  metal: 'Li', temperature: '25 degC', lattice: { size: [16, 16, 24], voxel: '10 nm' }, host: 'Cu', host_layers: 4,
  kinetics: { terraceBarrier: '0.3 eV' },
  protocol: ['Plate at 1 mA/cm2 for 0.004 mAh/cm2', 'Rest for 0.2 s', 'Strip at 1 mA/cm2 for 0.002 mAh/cm2'],
  seed: 11, output: { snapshots: false },
};

const rec = stateRecord;

/** Runs `run`, cancels it once `at` events have passed (checked every `chunk` events), writes the checkpoint there. */
/** base's run cancelled at event 2000 into dir/checkpoint.bin: the run, the file, its bytes and its header's length */
function cancelledCheckpoint(dir: string): { run: ReturnType<typeof parseRunInput>; file: string; good: Buffer; len: number } {
  const run = parseRunInput(base);
  const file = join(dir, 'checkpoint.bin');
  cancelledAt(run, file, 2000, 1000);
  const good = readFileSync(file);
  return { run, file, good, len: good.readUInt32LE(12) };
}

function cancelledAt(run: ReturnType<typeof parseRunInput>, file: string, at: number, chunk: number, cfg = {}): Simulation {
  const ac = new AbortController();
  const sim = new Simulation(run, cfg);
  sim.runAll({ chunk, signal: ac.signal, onProgress: (p) => { if (p.events >= at) ac.abort(); },
    checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
  return sim;
}

test('cancelled at an arbitrary event (30, 50, 60, 95 % of the run; no rebuild point; with an SEI, with the electrolyte field, with the events and scaled-rates estimators), resumed: the same events, trace, steps, lattice, RNG as the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-any-'));
  try {
    for (const [label, over, frac, chunk, cfg] of [
      ['Li on Cu, first-passage adatoms, in the plate step', {}, 0.3, 1237, {}],
      ['Li on Cu, in the strip step, rebuilds every 2,500 events', {}, 0.95, 293, { rebuildEvery: 2500 }],
      ['Li on graphene with Zr-N4 and an SEI', { host: 'graphene', sacs: [{ site: 'Zr-N4', loading: '30 %', arrangement: 'random' }], sei: { set: 'carbonate' } }, 0.5, 1237, {}],
      // the field case on 8 x 8 columns (testtime23; 16 x 16 until then: 2,245 events and about 1.9 CPU s a run, now 470
      // and 0.17 s); cancelled in the plate step with the salt depleted, as before
      ['Li on Cu with the electrolyte field (100 nm voxels)', { lattice: { size: [8, 8, 32], voxel: '100 nm' }, kinetics: { terraceBarrier: '0.25 eV' }, electrolyte: 'LiPF6-EC-DMC',
        protocol: ['Plate at 10 mA/cm2 for 0.03 mAh/cm2', 'Rest for 0.5 s', 'Strip at 5 mA/cm2 for 0.015 mAh/cm2'] }, 0.6, 101, {}],
      // the estimators that follow each reduction: its open (unmatched) reductions and flicker sums are kept too
      ['Li on Cu read with the scaled-rates estimator', { electrochem: { estimator: 'scaled-rates' }, protocol: ['Plate at 1 mA/cm2 for 0.002 mAh/cm2'] }, 0.5, 1237, {}],
      ['Li on Cu read with the events estimator', { electrochem: { estimator: 'events' }, protocol: ['Plate at 1 mA/cm2 for 0.002 mAh/cm2'] }, 0.5, 1237, {}],
    ] as const) {
      const run = parseRunInput({ ...base, ...over });
      const full = new Simulation(run, cfg);
      full.runAll();
      const file = join(dir, 'checkpoint.bin');
      rmSync(file, { force: true });
      const part = cancelledAt(run, file, Math.floor(frac * full.events), chunk, cfg); // the first look past that fraction of the run
      assert.equal(part.stepResults.at(-1)!.ended, 'cancelled', label);
      assert.ok(existsSync(file), `${label}: a cancel writes a checkpoint`);
      const { header } = readCheckpoint(file);
      // the checkpoint is where the run stopped: no rebuild point (multiples of the interval)
      assert.equal(header.sim.events, part.events, label);
      assert.ok(header.sim.events > 0 && header.sim.events < full.events, `${label}: cancelled mid-run (${header.sim.events} of ${full.events})`);
      assert.notEqual(header.sim.events % ((cfg as { rebuildEvery?: number }).rebuildEvery ?? 1 << 21), 0, `${label}: not a rebuild point`);
      const resumed = resumeSimulation(file, run, cfg);
      assert.equal(resumed.events, header.sim.events);
      if ('electrochem' in over) { // the checkpoint holds open reductions (the state a resume must not start afresh)
        const open = (resumed.dl as unknown as { openT: Float64Array }).openT;
        assert.ok(open.some((t) => t >= 0), `${label}: open reductions at the checkpoint`);
      }
      resumed.runAll();
      assertSameState(resumed, full, label);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a periodic checkpoint taken mid-step (every 1,000 events here), resumed twice in a row: the same final state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-periodic-'));
  try {
    const run = parseRunInput(base);
    const full = new Simulation(run);
    full.runAll();
    const file = join(dir, 'checkpoint.bin'), kept = join(dir, 'kept.bin');
    // every_s 0: a checkpoint at every look (every `chunk` events and at each step start); keep the 5th
    let n = 0, keptAt = -1;
    const first = new Simulation(run);
    first.runAll({ chunk: 1000, checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => { if (++n === 5) { writeCheckpoint(kept, s, st); keptAt = s.events; } } } });
    assertSameState(first, full); // taking checkpoints changes nothing
    assert.ok(keptAt > 0 && keptAt < full.events, `checkpoint at event ${keptAt}`);
    // resume, cancel again later, resume again
    copyFileSync(kept, file);
    const ac = new AbortController();
    const second = resumeSimulation(file, run);
    second.runAll({ chunk: 777, signal: ac.signal, onProgress: (p) => { if (p.events >= keptAt + 2000) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    assert.ok(readCheckpoint(file).header.sim.events > keptAt);
    const third = resumeSimulation(file, run);
    third.runAll();
    assertSameState(third, full);
    // the whole-state comparison sees one voxel and one clock bit (it can fail)
    third.app.code[5]! ^= 1; third.dl.s[0] = third.dl.s[0]! * (1 + 2 ** -52);
    assert.deepEqual(stateDifferences(rec(third), rec(full)).map((d) => d.split(':')[0]), ['app.code[5]', 'dl.s[0]']);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a corrupt, truncated or mismatched checkpoint: one FileError/InputError naming the file, nothing run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-bad-'));
  try {
    const { run, file, good, len } = cancelledCheckpoint(dir);
    const cases: [string, Buffer, RegExp][] = [
      ['a flipped byte in the engine state', (() => { const b = Buffer.from(good); b[b.length - 100]! ^= 0xff; return b; })(), /SHA-256/],
      ['truncated', good.subarray(0, good.length - 1000), /truncated/],
      // robust61: bytes after its end read "(truncated file?)", of a file that is longer than its header says
      ['bytes appended', Buffer.concat([good, Buffer.from('junk')]), /4 bytes more than its header gives \(something written after its end\?\)$/],
      ['header cut', good.subarray(0, 16 + Math.floor(len / 2)), /truncated checkpoint header/],
      ['not a checkpoint', Buffer.from('hello, this is no checkpoint at all'), /bad magic/],
      ['format version 1', (() => { const b = Buffer.from(good); b.writeUInt32LE(1, 8); return b; })(), /version 1, this sacplate reads versions 2-4 \(start the run again without --resume\)/],
      // mends62b: format 4 (the header's own SHA-256) is this sacplate's; 5 a newer one's
      ['format version 5 (a newer sacplate)', (() => { const b = Buffer.from(good); b.writeUInt32LE(5, 8); return b; })(), /version 5, this sacplate reads versions 2-4$/],
    ];
    for (const [label, bytes, re] of cases) {
      writeFileSync(file, bytes);
      assert.throws(() => resumeSimulation(file, run), (e: unknown) => e instanceof FileError && re.test(e.message) && !e.message.includes('\n'), label);
    }
    writeFileSync(file, good);
    assert.throws(() => resumeSimulation(file, { ...run, seed: 12 }), (e: unknown) => e instanceof InputError && /\(this one was written for seed 11, not 12\)$/.test(e.message));
    const bigger = parseRunInput({ ...base, lattice: { size: [16, 16, 32], voxel: '10 nm' } });
    assert.throws(() => resumeSimulation(file, bigger), (e: unknown) => e instanceof InputError && /written for lattice\.size\[2\] 24 in the checkpoint's run, 32 in this one/.test(e.message));
    // review65: the same seed, the run file changed (more charge in its last step): the line named the seed alone ("written for
    // seed 11 or other settings"); now the setting, and both the seed and the setting where both differ
    const more = parseRunInput({ ...base, protocol: [...base.protocol.slice(0, 2), 'Strip at 1 mA/cm2 for 0.003 mAh/cm2'] });
    assert.throws(() => resumeSimulation(file, more), (e: unknown) => e instanceof InputError && !/seed/.test(e.expected.replace('run file and seed', ''))
      && /\(this one was written for protocol\[2\]\.text "Strip at 1 mA\/cm2 for 0\.002 mAh\/cm2" in the checkpoint's run, "Strip at 1 mA\/cm2 for 0\.003 mAh\/cm2" in this one \(resolved\.json's keys\)\)$/.test(e.message), 'same seed');
    assert.throws(() => resumeSimulation(file, { ...more, seed: 12 }), (e: unknown) => e instanceof InputError && /written for seed 11, not 12 and protocol\[2\]\.text /.test(e.message));
    // an engine state that does not fit the run it claims (a 16 x 16 x 32 state under the 16 x 16 x 24 header)
    const other = join(dir, 'other.bin');
    cancelledAt(bigger, other, 2000, 1000);
    const o = readFileSync(other), ol = o.readUInt32LE(12);
    const header = JSON.parse(o.toString('utf8', 16, 16 + ol));
    header.run = readCheckpoint(file).header.run;
    const json = encodeHeader(header); // mends62b: with the header's SHA-256 made anew (format 4), so that the engine-state check below is reached
    const head = Buffer.from(o.subarray(0, 16)); head.writeUInt32LE(json.length, 12);
    writeFileSync(file, Buffer.concat([head, json, o.subarray(16 + ol)]));
    assert.throws(() => resumeSimulation(file, run), (e: unknown) => e instanceof FileError && /engine state does not fit this run/.test(e.message));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('CLI: --resume from a corrupt checkpoint is one line, exit 2; the cancelled run\'s outputs and the file stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-cli-'));
  try {
    const out = join(dir, 'out');
    const r = simulate(base, { outDir: out, checkpointEvery_s: 1e9, chunk: 1000, signal: AbortSignal.abort() });
    assert.equal(r.steps.at(-1)!.ended, 'cancelled');
    const ck = join(out, 'checkpoint.bin');
    assert.ok(existsSync(ck));
    const runFile = join(dir, 'run.yaml');
    writeFileSync(runFile, JSON.stringify(base));
    const bad = Buffer.from(readFileSync(ck)); bad[bad.length - 10]! ^= 0x55;
    writeFileSync(ck, bad);
    const metrics = readFileSync(join(out, 'metrics.json'), 'utf8');
    const res = await cliSpawnShape(['simulate', runFile, '--out', out, '--resume', '--no-store', '--no-figures', '--json']); // in-process (test/helpers/cli.ts)
    assert.equal(res.status, 2, res.stderr);
    const lines = res.stderr.trim().split('\n');
    assert.equal(lines.length, 1, res.stderr);
    assert.match(lines[0]!, /checkpoint\.bin.*SHA-256/);
    assert.equal(readFileSync(join(out, 'metrics.json'), 'utf8'), metrics, 'the cancelled run\'s outputs are untouched');
    assert.ok(readFileSync(ck).equals(bad), 'the checkpoint is left as it was');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('ohmic2: with cell.migration: ohmic, cancelled mid-plate between solves of the liquid\'s potential and resumed: the same state as the uninterrupted run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-ohmic-'));
  try {
    const run = parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: [4, 4, 16], voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' }, electrolyte: 'LiPF6-EC-DMC',
      cell: { diffusion_layer: '5 um', field_cell: '100 nm', migration: 'ohmic' }, protocol: ['Plate at 800 mA/cm2 for 0.01 mAh/cm2', 'Rest for 1 ms'],
      seed: 5, output: { snapshots: false },
    });
    const full = new Simulation(run);
    full.runAll();
    const file = join(dir, 'checkpoint.bin');
    const part = cancelledAt(run, file, Math.floor(0.5 * full.events), 2); // 13 events (100 nm voxels): a look every 2
    assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
    const solvesThen = part.transport!.migSolves;
    // cancelled after the first solves and before the last: the potential, its factors and the solve's schedule are in the checkpoint
    assert.ok(solvesThen > 0 && solvesThen < full.transport!.migSolves, `${solvesThen} of ${full.transport!.migSolves} solves at the cancel`);
    const resumed = resumeSimulation(file, run);
    assert.equal(resumed.transport!.migSolves, solvesThen);
    assert.deepEqual([...resumed.transport!.migPhi!], [...part.transport!.migPhi!]);
    resumed.runAll();
    assertSameState(resumed, full, 'cell.migration: ohmic');
    assert.equal(resumed.transport!.migSolves, full.transport!.migSolves);
    assert.equal(resumed.transport!.migSpreadWeighted_V, full.transport!.migSpreadWeighted_V);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('engsplit: a plate written as two steps, cancelled inside its second step and resumed: the galvanostat\'s origin carried over the boundary is in the checkpoint (the same state as the uninterrupted run, the one-step plate\'s clock)', () => {
  // the second step goes on from the first's origin (Simulation.runSubStep, GalvanostatChain; test/step-ends.test.ts
  // "engsplit: ..."): a resume that started the galvanostat afresh at its checkpoint would part from the uninterrupted run
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-chain-'));
  try {
    const box = { ...base, lattice: { size: [8, 8, 15], voxel: '100 nm' }, host_layers: undefined, kinetics: { terraceBarrier: '0.25 eV' }, seed: 3 };
    const run = parseRunInput({ ...box, protocol: ['Plate 0.0098 mAh/cm2 at 1 mA/cm2', 'Plate 0.0098 mAh/cm2 at 1 mA/cm2'] });
    const full = new Simulation(run);
    full.runAll();
    const one = new Simulation(parseRunInput({ ...box, protocol: ['Plate 0.0196 mAh/cm2 at 1 mA/cm2'] }));
    one.runAll();
    assert.equal(full.kmcTime, one.kmcTime);
    const file = join(dir, 'checkpoint.bin');
    const first = full.stepResults[0]!.events;
    const part = cancelledAt(run, file, first + Math.floor((full.events - first) / 2), 7);
    assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
    const { header } = readCheckpoint(file);
    assert.equal(header.state.index, 1, 'cancelled in the second step');
    assert.ok(header.state.chain !== undefined, 'the checkpoint holds the chain');
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full, 'split plate resumed in its second step');
    assert.equal(resumed.kmcTime, one.kmcTime);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('robust62: a checkpoint whose header lost its step\'s loop state (state {} or a counter that is not a number) is a FileError naming the field; it resumed and plated 510 voxels where the run plates 1, without a word', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-state-'));
  try {
    const { run, file, good, len } = cancelledCheckpoint(dir);
    const edited = (edit: (h: { state: Record<string, unknown> }) => void): Buffer => {
      const h = JSON.parse(good.toString('utf8', 16, 16 + len));
      edit(h);
      const json = encodeHeader(h as never); // mends62b: the edit re-hashed (format 4), so that the loop-state check is what refuses it
      const head = Buffer.from(good.subarray(0, 16)); head.writeUInt32LE(json.length, 12);
      return Buffer.concat([head, json, good.subarray(16 + len)]);
    };
    for (const [label, bytes, re] of [
      ['state {}', edited((h) => { h.state = {}; }), /: checkpoint header's loop state has no number state\.index \(got nothing \(field missing\)\): the header was edited or damaged; start the run again without --resume$/],
      ['stepNet as text', edited((h) => { h.state.stepNet = 'x'; }), /: checkpoint header's loop state has no number state\.stepNet \(got "x"\): /],
      ['state null', edited((h) => { (h as { state: unknown }).state = null; }), /checkpoint header lacks its run, loop state or engine section/],
    ] as const) {
      writeFileSync(file, bytes);
      assert.throws(() => resumeSimulation(file, run), (e: unknown) => e instanceof FileError && re.test(e.message), label);
    }
    writeFileSync(file, good);
    assert.doesNotThrow(() => resumeSimulation(file, run));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
