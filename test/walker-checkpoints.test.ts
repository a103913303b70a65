/**
 * Short ion-walker steps and rests: reporting over the run, cancels seen within the cadence, periodic checkpoints
 * counted from the run's last one, resumes that end as the uninterrupted run; and --resume into a folder with no
 * checkpoint saying that the run starts over.
 *
 * Moved here from test/mends44.test.ts, test/mends45.test.ts, test/review35.test.ts and test/audit18-resume.test.ts
 * (branch testsort; docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told
 * in docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36') refers to
 * that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { assertSameState } from './helpers/same-state.js';
import { cli } from './helpers/cli.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { readCheckpoint, resumeSimulation, writeCheckpoint } from '../src/simulation/checkpoint.js';

/*
 * mends44, item 2: an ion-walker step (walkers one at a time) looked at the cancel and reported progress every
 * min(sampleCount, 2000) arrivals counted from its own start, so a run of steps shorter than that never reported and
 * never saw a cancel: `sacplate simulate` of 20 plates of 652 walkers (64 x 64 x 400 voxels of 0.3 nm, sample 1e-4
 * mAh/cm2) printed no progress line in 3.6 s, and Ctrl-C let it run to its end (exit 0). It now counts from the run's
 * progress mark (runAll's, as the kMC steps since branch progress2). The two tests below fail on the code before (no
 * report; the run not cancelled).
 */

const walkerRun = parseRunInput({
  metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '0.3 nm' },
  electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
  protocol: [{ repeat: 12, steps: ['Plate 0.000005 mAh/cm2 at 2 mA/cm2'] }], seed: 4,
  output: { snapshots: false, sample: '0.00002 mAh/cm2' },
});

let walkerPlain: Simulation | undefined;
const walkerFull = (): Simulation => { if (!walkerPlain) { walkerPlain = new Simulation(walkerRun); walkerPlain.runAll(); } return walkerPlain; };
const tmp = tempFolder('walker-checkpoints');
const tmp2 = tempFolder('walker-checkpoints');
const run = (...args: string[]) => cli(args, { cwd: tmp2 });
const write = (name: string, text: string) => { writeFileSync(join(tmp2, name), text); return name; };

test('walker steps shorter than their reporting cadence report over the run (and reporting changes nothing)', () => {
  const full = walkerFull();
  const sim = new Simulation(walkerRun);
  // the walkers' cadence: a trace row's arrivals, at most 2000 (walker-step.ts)
  const every = Math.min(2000, Math.max(1, Math.round((walkerRun.output.sample_C_per_m2 * sim.d.area_m2) / sim.d.q_C)));
  const reports: { step: number; events: number }[] = [];
  sim.runAll({ onProgress: (p) => reports.push({ step: p.step, events: p.events }) });
  assert.ok(full.stepResults.every((s) => s.ended === 'charge' && s.events < every), `steps of ${full.stepResults.map((s) => s.events).join(', ')} walkers, cadence ${every} (else this tests nothing)`);
  assert.ok(reports.length >= Math.floor(full.events / every) && reports.length >= 2, `${reports.length} reports in ${full.events} events: ${JSON.stringify(reports)}`);
  reports.forEach((p, i) => assert.ok(p.events - (reports[i - 1]?.events ?? 0) <= every, JSON.stringify(reports)));
  assertSameState(sim, full, 'reported run');
});

test('a run of short walker steps is cancelled within the cadence, and resumed ends as the uninterrupted run', () => {
  const full = walkerFull();
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends44-'));
  try {
    const file = join(dir, 'checkpoint.bin');
    const ac = new AbortController();
    const part = new Simulation(walkerRun);
    part.runAll({ signal: ac.signal, onStepEnd: (_s, r) => { if (r.index === 2) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    const last = part.stepResults.at(-1)!;
    assert.equal(last.ended, 'cancelled', `steps ended ${part.stepResults.map((s) => s.ended).join(', ')}`);
    assert.ok(last.index < 11 && part.events < full.events, `cancelled in step ${last.index} at event ${part.events} of ${full.events}`);
    assert.equal(readCheckpoint(file).header.sim.events, part.events);
    const resumed = resumeSimulation(file, walkerRun);
    resumed.runAll();
    assertSameState(resumed, full, `resumed at event ${part.events}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('a walker rest on a clock (cell.drift) sees a cancel as it runs; uninterrupted, it is the same walk with the looks as without', async () => {
  const { simulate } = await import('../src/index.js');
  const { walkersInFlight } = await import('../src/simulation/drift-walker-step.js');
  const run = {
    metal: 'Li', host: 'Cu', electrolyte: 'LiPF6-EC-DMC', seed: 1,
    lattice: { size: [32, 32, 160], voxel: '20 nm' },
    cell: { transport: 'walkers', drift: 'off' }, // the clock without drift (a plating step rarely leaves a walker in flight: this one does)
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Rest for 0.05 s', 'Plate 0.0001 mAh/cm2 at 10 mA/cm2'],
    output: { snapshots: false },
  };
  // the rest (step 1): its first look (at its start) says no, every later one yes
  let sim: { nextStep: number } | undefined, looks = 0, inFlight = 0;
  const stopInRest = { get aborted() { if (sim?.nextStep !== 1) return false; if (looks === 0) inFlight = walkersInFlight(sim as never)?.xs.length ?? 0; return ++looks > 1; } };
  const cut = simulate(run, { signal: stopInRest as AbortSignal, onSimulation: (s) => { sim = s; } });
  assert.ok(inFlight > 0, 'walkers are in flight as the rest starts (the rest walks them)');
  assert.deepEqual(cut.steps.map((s) => s.ended), ['charge', 'cancelled'], 'the run stops in the rest');
  const rest = cut.steps[1]!;
  assert.ok(rest.kmc_duration_s > 0 && rest.kmc_duration_s < 0.05 * 0.9, `the rest stopped early: ${rest.kmc_duration_s} s of 0.05 s`);
  // uninterrupted, with a signal looked at in the rest, and without any signal: the same run
  const never = simulate(run, { signal: { aborted: false } as AbortSignal });
  const plain = simulate(run);
  assert.deepEqual(never.steps.map((s) => s.ended), ['charge', 'time', 'charge']);
  assert.deepEqual(never.trace, plain.trace);
  assert.equal(never.metrics.walkers?.random_walk_steps, plain.metrics.walkers?.random_walk_steps);
});

test('a run of walker steps each shorter than checkpointEvery_s still writes periodic checkpoints; resumed from the last, it ends as the uninterrupted run', () => {
  const run = parseRunInput({
    metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '0.3 nm' },
    electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
    protocol: [{ repeat: 12, steps: ['Plate 0.000005 mAh/cm2 at 2 mA/cm2'] }], seed: 4,
    output: { snapshots: false, sample: '0.00002 mAh/cm2' },
  });
  const full = new Simulation(run);
  full.runAll();
  const file = join(tmp, 'walkers.bin');
  const every_s = 0.05;
  const writes: number[] = [];
  const sim = new Simulation(run);
  // each step's walkers take well under every_s; the wall time between steps (a slow machine's) is spent here
  const spin = () => { const t = performance.now(); while (performance.now() - t < 30); };
  sim.runAll({ onStepEnd: spin, checkpoint: { every_s, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); writes.push(s.events); } } });
  assert.ok(writes.length >= 2, `periodic checkpoints at events ${writes.join(', ')} of ${full.events} (12 steps of 30 ms, one due every ${every_s} s)`);
  assert.ok(writes.at(-1)! < full.events, `the last at event ${writes.at(-1)} of ${full.events}`);
  assertSameState(sim, full, 'a run with checkpoints');
  const resumed = resumeSimulation(file, run);
  resumed.runAll();
  assertSameState(resumed, full, `resumed at event ${writes.at(-1)}`);
});

test('--resume into a folder with no checkpoint says that the run starts from the beginning (it was silent: a typo in the folder name ran the whole run again)', async () => {
  const f = write('tiny.yaml', 'metal: Na\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\nseed: 1\noutput: { snapshots: false }\n');
  const r = await run('simulate', f, '--out', 'new-folder', '--resume', '--no-store', '--no-figures');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^sacplate: --resume: no checkpoint\.bin in new-folder: the run starts from the beginning$/m);
  assert.ok(existsSync(join(tmp2, 'new-folder', 'metrics.json')));
});
