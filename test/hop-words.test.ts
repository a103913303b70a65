/**
 * Issue 11, eighth round: hop classes from packed occupancy words (src/kmc/hop-words.ts) are the
 * classes the neighbour scan gives. The words are kept equal to a recomputation from the codes
 * through random changes, and plating runs with and without them give the same trajectory, with
 * checkConsistency (every class, and every word, against a recomputation) green along the way.
 * Fixed seeds, small boxes (a few seconds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CubicLattice } from '../src/kmc/lattice.js';
import { HopWords } from '../src/kmc/hop-words.js';
import { Rng } from '../src/kmc/rng.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { makeRun, LI } from './helpers/runs.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resumeSimulation } from '../src/simulation/checkpoint.js';
import { checkpointHalfway } from './helpers/halfway.js';

test('hop words follow random empty/solid changes and equal their recomputation (every voxel, top and bottom layers included)', () => {
  for (const [nx, ny, nz] of [[3, 3, 4], [7, 5, 6], [16, 16, 5]] as const) {
    const lat = new CubicLattice(nx, ny, nz);
    const rng = new Rng(11);
    const code = new Uint8Array(lat.n);
    for (let i = 0; i < lat.n; i++) code[i] = rng.int(3) === 0 ? 1 + rng.int(3) : 0;
    const hw = new HopWords(lat, code);
    assert.equal(hw.verify(code), null);
    const nb = new Int32Array(6);
    for (let k = 0; k < 5000; k++) {
      const v = rng.int(lat.n);
      const c = rng.int(2) === 0 ? 0 : 1 + rng.int(3);
      const old = code[v]!;
      code[v] = c;
      lat.neighbors(v, nb);
      if ((old === 0) !== (c === 0)) hw.flip(nb);
      if (k % 250 === 0) assert.equal(hw.verify(code), null, `${nx}x${ny}x${nz} after ${k} changes`);
    }
    assert.equal(hw.verify(code), null);
  }
});

test('a stale word is caught by checkConsistency', () => {
  const sim = new Simulation(film(3), { engine: { hopWords: 'on' } });
  sim.runStep(sim.steps[0]!, { eventLimit: 2000 });
  assert.equal(sim.app.checkConsistency(), null);
  const hw = (sim.app as unknown as { hw: HopWords }).hw;
  hw.word[5 * 16 * 16 + 7]! ^= 2;
  assert.match(sim.app.checkConsistency() ?? '', /hop word/);
});

/** Li on Cu, 50 nm voxels, 3 mA/cm2: the film-growth benchmark's setting on a small box */
function film(seed: number) {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' },
    protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed, output: { snapshots: false },
  });
}

test('with and without hop words: the same trajectory, every class and word equal to its recomputation', () => {
  const runs = [
    // the film setting (plating; first-passage domains on)
    { run: film(2), chunk: 5000 },
    // weak bonds, many step-ups and step-downs on a small box
    { run: makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, metal: { ...LI, bond_eV: 0.03, lateralBond_eV: 0.03 } }), chunk: 500 },
  ];
  for (const { run, chunk } of runs) {
    const a = new Simulation(run, { engine: { hopWords: 'off' } });
    const b = new Simulation(run, { engine: { hopWords: 'on' } });
    for (let k = 0; k < 30; k++) {
      a.runStep(a.steps[0]!, { eventLimit: a.events + chunk });
      b.runStep(b.steps[0]!, { eventLimit: b.events + chunk });
      const bad = b.app.checkConsistency();
      assert.equal(bad, null, `after ${b.events} events: ${bad}`);
    }
    assert.ok(b.events > 10 * chunk, `the run went on (${b.events} events)`);
    assert.equal(b.events, a.events);
    assert.deepEqual(b.app.counters, a.app.counters);
    assert.deepEqual(Array.from(b.app.code), Array.from(a.app.code));
  }
});

test('plating then stripping with hop words (oxidations): the same trajectory as without', () => {
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [12, 12, 12], voxel: '50 nm' },
    protocol: ['Plate 0.02 mAh/cm2 at 3 mA/cm2', 'Strip 0.015 mAh/cm2 at 3 mA/cm2'], seed: 4, output: { snapshots: false },
  });
  const a = new Simulation(run, { engine: { hopWords: 'off' } });
  const b = new Simulation(run, { engine: { hopWords: 'on' } });
  a.runAll(); b.runAll();
  assert.equal(b.app.checkConsistency(), null);
  assert.ok(b.app.counters.oxidations > 100, `atoms were stripped (${b.app.counters.oxidations})`);
  assert.equal(b.events, a.events);
  assert.deepEqual(b.app.counters, a.app.counters);
  assert.deepEqual(Array.from(b.app.code), Array.from(a.app.code));
});

test('a run with hop words cancelled mid-step and resumed from its checkpoint ends as the uninterrupted run, words consistent', () => {
  // bookkeeping, not surface diffusion: kinetics.terraceBarrier 0.3 eV keeps the run short
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [12, 12, 16], voxel: '10 nm' }, host: 'Cu', host_layers: 4,
    kinetics: { terraceBarrier: '0.3 eV' }, protocol: ['Plate at 1 mA/cm2 for 0.003 mAh/cm2', 'Strip at 1 mA/cm2 for 0.0015 mAh/cm2'],
    seed: 5, output: { snapshots: false },
  });
  const cfg = { engine: { hopWords: 'on' as const } };
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-hopwords-'));
  try {
    const file = join(dir, 'run.ckpt');
    const { full, cut } = checkpointHalfway(run, file, { chunk: 500, config: cfg });
    assert.ok(cut.events < full.events, `cancelled at ${cut.events} of ${full.events} events`);
    const resumed = resumeSimulation(file, run, cfg);
    assert.equal(resumed.app.checkConsistency(), null, 'words and classes right after the resume');
    resumed.runAll();
    assert.equal(resumed.app.checkConsistency(), null);
    assert.equal(resumed.events, full.events);
    assert.deepEqual(resumed.app.counters, full.app.counters);
    assert.ok(Buffer.from(resumed.app.code).equals(Buffer.from(full.app.code)), 'final lattice bytes');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
