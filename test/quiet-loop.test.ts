/**
 * Long stretches without an event (engine/loop.ts `quiet`): at a tiny current the double layer
 * charges through millions of its own updates before the first reduction (1e-9 mA/cm2 on graphene
 * never reaches one), and the per-event hooks (progress, cancel looks, checkpoints) never ran there:
 * such a run ignored Ctrl-C, SIGTERM and the workbench's Cancel (found by the fourth audit). The
 * loop now calls the simulation's `quiet` hook every QUIET_LOOK iterations without an event; it
 * must not change the trajectory, so a checkpoint taken there resumes to the uninterrupted run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation, readCheckpoint } from '../src/simulation/checkpoint.js';
import { assertSameState } from './helpers/same-state.js';

const box = { metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, kinetics: { terraceBarrier: '0.3 eV' }, seed: 3, output: { snapshots: false } };

test('a cancel during a stretch without events (1e-9 mA/cm2 on graphene: no reduction in reach) stops the run at once', async () => {
  // in a worker thread, so that a loop that never looks at its signal fails the test instead of hanging it
  const simUrl = pathToFileURL(join(import.meta.dirname, '../src/simulation/simulation.js')).href;
  const parseUrl = pathToFileURL(join(import.meta.dirname, '../src/input/parse.js')).href;
  const run = { ...box, host: 'graphene', protocol: ['Plate 0.0002 mAh/cm2 at 1e-9 mA/cm2'] };
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    Promise.all([import(workerData.simUrl), import(workerData.parseUrl)]).then(([{ Simulation }, { parseRunInput }]) => {
      const sim = new Simulation(parseRunInput(workerData.run));
      const ac = new AbortController(); ac.abort(); // cancelled before it starts: the first look must see it
      const t0 = performance.now();
      sim.runAll({ signal: ac.signal });
      parentPort.postMessage({ ended: sim.stepResults.map((r) => r.ended), events: sim.events, ms: performance.now() - t0 });
    });`;
  const w = new Worker(code, { eval: true, workerData: { simUrl, parseUrl, run } });
  try {
    const out = await new Promise<{ ended: string[]; events: number; ms: number } | 'timeout'>((resolve, reject) => {
      const timer = setTimeout(() => resolve('timeout'), 20_000);
      w.once('message', (m) => { clearTimeout(timer); resolve(m); });
      w.once('error', (e) => { clearTimeout(timer); reject(e); });
    });
    assert.notEqual(out, 'timeout', 'the run did not stop within 20 s of a cancel');
    if (out === 'timeout') return;
    assert.deepEqual(out.ended, ['cancelled']);
    assert.equal(out.events, 0, 'no reduction happened: the stop came from the quiet look, not from an event');
  } finally { await w.terminate(); }
});

test('a checkpoint taken in a stretch without events (1e-5 mA/cm2 on Cu) resumes to the uninterrupted run, bit for bit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-quiet-'));
  try {
    const run = parseRunInput({ ...box, host: 'Cu', protocol: ['Plate 0.00002 mAh/cm2 at 1e-5 mA/cm2'] });
    const full = new Simulation(run);
    full.runAll();
    assert.ok(full.events > 0, 'the run reaches its reductions');
    // every_s 0: a checkpoint at every look; a chunk larger than the run leaves only the step start and the quiet looks
    const file = join(dir, 'checkpoint.bin');
    let n = 0;
    const first = new Simulation(run);
    first.runAll({ chunk: 1e9, checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => { if (++n === 20) writeCheckpoint(file, s, st); } } });
    assert.ok(n >= 20, `${n} looks: the charging stretch is long enough to be looked at`);
    assertSameState(first, full); // the looks change nothing
    const header = readCheckpoint(file).header.sim;
    assert.equal(header.events, 0, 'the kept checkpoint is a quiet look, before the first event');
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
