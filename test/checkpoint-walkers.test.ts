/**
 * Checkpoints inside an ion-walker step, walkers one at a time (simulation/walker-step.ts,
 * `StepState.walker`): between two arrivals no walker is in flight, so the step's start, the walkers
 * reduced and the random-walk steps made, with the lattice and the RNG of the engine state, are the
 * whole state. A run stopped at an arrival (by a periodic checkpoint or a cancel) and resumed ends
 * with the trace, step results, metrics, lattice and engine state of the uninterrupted run. Walkers
 * on a clock (cell.drift): test/checkpoint-clocked-walkers.test.ts.
 *
 * 16 x 16 x 64 voxels of 0.3 nm (one ion, one voxel): a plate of 407 walkers, a rest, a plate of 204; seed 4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation, type StepState } from '../src/simulation/simulation.js';
import { writeCheckpoint, resumeSimulation, readCheckpoint } from '../src/simulation/checkpoint.js';
import { assertSameState, metricsOf as metrics } from './helpers/same-state.js';

const input = {
  metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '0.3 nm' },
  electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers' },
  protocol: ['Plate 0.0001 mAh/cm2 at 2 mA/cm2', 'Rest for 1 ms', 'Plate 0.00005 mAh/cm2 at 2 mA/cm2'], seed: 4,
  output: { snapshots: false, sample: '0.00001 mAh/cm2' },
};


test('a walker step stopped at an arrival (periodic checkpoint, cancel) and resumed: the same trace, steps, metrics, lattice and state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ck-walkers-'));
  try {
    const run = parseRunInput(input);
    const full = new Simulation(run);
    full.runAll();
    assert.deepEqual(full.stepResults.map((r) => r.ended), ['charge', 'time', 'charge']);
    const n0 = full.stepResults[0]!.net_voxels;
    assert.ok(n0 > 300, `${n0} walkers in the first step`);

    // every_s 0: a checkpoint at every look (every sampleCount arrivals); keep the third of each plate step
    const seen = new Map<number, number>(), kept: { file: string; events: number; index: number }[] = [];
    const periodic = new Simulation(run);
    periodic.runAll({ checkpoint: { every_s: 0, write: (s: Simulation, st: StepState) => {
      const k = (seen.get(st.index) ?? 0) + 1; seen.set(st.index, k);
      if (k !== 3) return;
      const file = join(dir, `step${st.index}.bin`);
      writeCheckpoint(file, s, st);
      kept.push({ file, events: s.events, index: st.index });
    } } });
    assertSameState(periodic, full, 'taking checkpoints changes nothing');
    assert.deepEqual(kept.map((k) => k.index), [0, 2]);
    for (const k of kept) {
      const { header } = readCheckpoint(k.file);
      assert.ok(header.state.walker && header.state.walker.n > 0, `a checkpoint inside walker step ${k.index}`);
      assert.equal(header.sim.events, header.state.walker.start.startEvents + header.state.walker.n);
      const resumed = resumeSimulation(k.file, run);
      resumed.runAll();
      assertSameState(resumed, full, `resumed in step ${k.index} at event ${k.events}`);
      assert.deepEqual(metrics(resumed), metrics(full), 'metrics (walkers.random_walk_steps among them)');
    }

    // a cancel in the first step writes the checkpoint at the arrival where it stopped
    const file = join(dir, 'checkpoint.bin');
    const ac = new AbortController();
    const part = new Simulation(run);
    part.runAll({ signal: ac.signal, onProgress: (p) => { if (p.events >= n0 / 2) ac.abort(); },
      checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
    assert.equal(part.stepResults.at(-1)!.ended, 'cancelled');
    const { header } = readCheckpoint(file);
    assert.ok(header.state.walker && header.sim.events === part.events && part.events < n0, `cancelled at walker ${part.events}`);
    const resumed = resumeSimulation(file, run);
    resumed.runAll();
    assertSameState(resumed, full, `cancelled at walker ${part.events}`);

    // negative control: one walker fewer reduced than the checkpoint says; the comparison must see it
    const wrong = resumeSimulation(file, run);
    wrong.resumeState!.walker!.n -= 1;
    wrong.runAll();
    assert.throws(() => assertSameState(wrong, full, 'one walker fewer'), /one walker fewer/);

  } finally { rmSync(dir, { recursive: true, force: true }); }
});
