/**
 * Session 30, task mends33. (1) The sector scheme (src/parallel/) checked the galvanostatic step's
 * target only at the end of a cycle, so it plated more than asked (6 voxels against 3 at 0.002
 * mA/cm2, 717 against 715, 47 against 46 on 24 x 24 voxels of 50 nm); its threads now stop at their
 * share of the voxels the box still needs, or near the end run one after another, and a step ends
 * at the serial engine's count. Neither changes the trajectory: a run with a larger target runs the
 * same cycles up to the smaller one's last. (2) Errors from a run's worker thread keep their class and
 * words: an input error whose value was nested 3,000 levels deep could not be read on the main
 * thread, and the run ended as "simulation worker exited with code 0 before finishing" (an internal
 * error, exit 1; the seeds pool never answered); a RangeError came back as a plain Error (exit 1
 * instead of 2). About 10 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { runSectors } from '../src/parallel/sector-run.js';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { simulateInWorker } from '../src/simulation/worker-run.js';
import { runPool } from '../src/simulation/seeds.js';
import { reviveError, type SerialisedError } from '../src/simulation/worker-errors.js';
import { describeFailure } from '../src/cli/failure.js';
import { InputError } from '../src/errors.js';

const input = (protocol: string, seed = 2) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' },
  protocol: [protocol], seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});

/** 3 voxels at 0.002 mA/cm2 (3,340 cycles with the default averaged sums; 3,111 with 'start', the default until branch sectordef) */
const SMALL = 'Plate 5.5e-5 mAh/cm2 at 0.002 mA/cm2';
/**
 * SMALL on 2 threads with the default end game, run once for both sector tests (each ran it until
 * branch testtime7: 1.3 CPU s each); the phase log it keeps for the second test only records
 * what the threads ran and does not change it
 */
let smallRun: ReturnType<typeof runSectors> | undefined;
const small2Threads = () => (smallRun ??= runSectors(input(SMALL), { threads: 2, phaseLog: true }));

test('sector scheme: a step ends at the serial engine\'s count, given by a charge or a time, at a tiny and a normal current', async (t) => {
  const cases: [string, Parameters<typeof runSectors>[1]][] = [
    [SMALL, { threads: 2, phaseLog: true }], // small2Threads()
    ['Plate at 0.002 mA/cm2 for 100 s', { threads: 2 }],
    ['Plate 0.013 mAh/cm2 at 3 mA/cm2', { threads: 2 }],
    ['Plate at 3 mA/cm2 for 1 s', { threads: 2, windowEvents: 200, etaStep_V: 0.01 }],
  ];
  for (const [step, opts] of cases) {
    const run = parseRunInput(input(step));
    const sim = new Simulation(run);
    sim.runAll();
    const serial = sim.stepResults[0]!;
    assert.equal(serial.ended, 'charge', step);
    const r = await (step === SMALL ? small2Threads() : runSectors(input(step), opts));
    t.diagnostic(`${step}: serial ${serial.net_voxels} voxels, 2 threads ${r.deposited_voxels} (target ${r.target_voxels}), ${r.cycles} cycles`);
    assert.equal(r.ended, 'charge', step);
    assert.equal(r.deposited_voxels, serial.net_voxels, `${step}: the serial engine's count`);
    assert.equal(r.atom_balance, 0, step);
    assert.equal(r.stale_voxels, 0, step);
    // the last trace row at the galvanostat's clock of the target
    const I_A = (run.protocol[0] as { current_A_per_m2: number }).current_A_per_m2 * sim.d.area_m2;
    assert.ok(Math.abs(r.trace.time_s.at(-1)! / ((serial.net_voxels * sim.d.q_C) / I_A) - 1) < 1e-12, `${step}: last row at ${r.trace.time_s.at(-1)} s`);
  }
  await assert.rejects(runSectors(input(cases[0]![0]), { threads: 2, endgameVoxels: -1 }), (e: unknown) => e instanceof InputError && e.field === 'engine.endgameVoxels');
});

test('sector scheme: threads that stop at their shares and go on, or run in turn, run the same cycles as a run with a larger target', async (t) => {
  // at 0.002 mA/cm2 the box's count goes up and down by one, a few voxels from the target, for
  // thousands of cycles: with endgameVoxels 0 the threads run at once and stop at their shares (of
  // 1 or 2 voxels) and go on in turn again and again; by default they run in turn throughout.
  // The sums named (the test was written with 'start', the default until branch sectordef): with 'averaged' (the
  // default since) and endgameVoxels 0 a strip that stops at its share and goes on integrates its sums in two pieces,
  // and the expected events of a later phase differ from the larger target's in the last digits (0.07858081689682798
  // against ...793 on thread 0), so that case is checked with 'start'; 'averaged' with the default end game (in turn)
  // is checked to the bit (small2Threads: the default sums)
  const phases = async (step: string, sums: 'start' | 'averaged', endgameVoxels?: number) => {
    const r = await (step === SMALL && sums === 'averaged' && endgameVoxels === undefined ? small2Threads() : runSectors(input(step), { threads: 2, phaseLog: true, sums, ...(endgameVoxels !== undefined ? { endgameVoxels } : {}) }));
    assert.equal(r.sums, sums);
    // per thread, per phase: events run and expected events (the third number is wall time)
    return { r, logs: r.phases!.map((p) => Array.from(p).filter((_, i) => i % 3 !== 2)) };
  };
  const LARGE = 'Plate 1.1e-4 mAh/cm2 at 0.002 mA/cm2'; // 6 voxels
  const large = { start: await phases(LARGE, 'start'), averaged: await phases(LARGE, 'averaged') };
  for (const [sums, endgame] of [['start', undefined], ['start', 0], ['averaged', undefined]] as const) {
    const small = await phases(SMALL, sums, endgame); // 3 voxels
    const big = large[sums], what = `sums ${sums}, endgameVoxels ${endgame ?? 'default'}`;
    t.diagnostic(`${what}: ${small.r.cycles} cycles to ${small.r.deposited_voxels} voxels (${big.r.cycles} to ${big.r.deposited_voxels})`);
    assert.ok(big.r.cycles > small.r.cycles && small.r.cycles > 100, `${small.r.cycles} and ${big.r.cycles} cycles`);
    for (let k = 0; k < 2; k++) {
      const n = small.logs[k]!.length - 2 * 2; // all but the last cycle (two phases of two numbers)
      assert.deepEqual(small.logs[k]!.slice(0, n), big.logs[k]!.slice(0, n), `${what}, thread ${k}: the cycles before the smaller target's last`);
    }
  }
});

test('run workers: an input error whose value is nested 3,000 levels deep comes back as that input error', async () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 3000; i++) deep = { a: deep };
  const run = { ...input('Plate 0.01 mAh/cm2 at 3 mA/cm2'), kinetics: deep } as Record<string, unknown>;
  const isIt = (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.field, 'kinetics.a');
    assert.match(e.message, /^kinetics\.a: got \{"a":\{"a":.*expected no such key/);
    assert.equal(describeFailure(e).exitCode, 2);
    return true;
  };
  // the single run's worker (before: "simulation worker exited with code 0 before finishing", exit 1)
  await assert.rejects(simulateInWorker(run).done, isIt);
  // the seeds pool (before: no answer at all; given 20 s here)
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error('runPool: no answer in 20 s')), 20_000); });
  try { await assert.rejects(Promise.race([runPool([run], { threads: 1 }), late]), isIt); } finally { clearTimeout(timer); }
});

test('run worker: a RangeError keeps its class across the thread boundary (exit 2 at the CLI)', async () => {
  // a worker that fails to allocate and posts its error as the run workers do (serialiseError)
  const url = new URL('../src/simulation/worker-errors.js', import.meta.url).href;
  const posted = await new Promise<SerialisedError>((ok, fail) => {
    const w = new Worker(`const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(url)}).then(({ serialiseError }) => { try { new Float64Array(2 ** 40); } catch (e) { parentPort.postMessage(serialiseError(e)); } });`, { eval: true });
    w.once('message', ok); w.once('error', fail);
  });
  const e = reviveError(posted);
  assert.ok(e instanceof RangeError, `${e.name}: ${e.message}`);
  assert.match(e.message, /Invalid typed array length/);
  // an input nested too deeply for the worker's stack: a RangeError whose words the CLI does not know
  const deep = reviveError({ kind: 'Error', name: 'RangeError', message: 'Maximum call stack size exceeded' });
  assert.deepEqual(describeFailure(deep), { line: 'input too large for this machine or nested too deeply (Maximum call stack size exceeded)', exitCode: 2 });
});
