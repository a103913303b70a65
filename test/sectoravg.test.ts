/**
 * Session 32, task sectoravg: the sector scheme's held sums (docs/parallel.md, "The held sums averaged over a cycle").
 * With `sums: 'start'` (the default) the double layer is advanced over each cycle with the box's reduction and oxidation
 * sums of the cycle's start; at 0.002 mA/cm2 on bare Cu a cycle's end almost never sees one of the microsecond adatoms,
 * so the oxidation sum held is 0 and eta is held near ln(r / A) / (alpha f) = -319 mV, where the serial engine reads
 * about +315 mV. `sums: 'averaged'` feeds it each cycle's time-averaged sums.
 *
 * Claim stated before the runs (tiny box: 16 x 16 x 8 voxels of 50 nm, Li on Cu, terraceBarrier 0.3 eV, Plate 1.2e-4
 * mAh/cm2 at 0.002 mA/cm2, 2 threads): with 'averaged' the trace's first sample is positive in seeds 1-3 and each lies
 * within 40 mV of the serial engine's mean first sample over seeds 1-3; with 'start' (the defect, so this box tells the
 * two apart) seed 1's first sample is negative. Fails on the held start sums (the 'averaged' samples are then the
 * 'start' ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors } from '../src/parallel/sector-run.js';
import { Simulation } from '../src/simulation/simulation.js';
import { parseRunInput } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';

const input = (seed: number) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 8], voxel: '50 nm' },
  protocol: ['Plate 1.2e-4 mAh/cm2 at 0.002 mA/cm2'], seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});

test('sector scheme: with sums averaged over each cycle the first trace sample at 0.002 mA/cm2 is the serial engine\'s (positive), not -319 mV', async () => {
  const serial: number[] = [];
  for (const seed of [1, 2, 3]) {
    const sim = new Simulation(parseRunInput(input(seed)), {});
    sim.runAll({});
    const tr = sim.trace, i = tr.time_s.findIndex((t) => t > 0); // (the serial trace is negative while plating)
    serial.push(-tr.overpotential_mV[i]!);
  }
  const ref = serial.reduce((s, v) => s + v, 0) / serial.length;
  assert.ok(ref > 250, `serial first samples ${serial.join(', ')} mV`);
  for (const seed of [1, 2, 3]) {
    const r = await runSectors(input(seed), { threads: 2, sums: 'averaged' });
    assert.equal(r.ended, 'charge');
    assert.equal(r.sums, 'averaged');
    assert.equal(r.atom_balance, 0);
    const first = r.trace.overpotential_mV[0]!;
    assert.ok(first > 0 && Math.abs(first - ref) <= 40, `seed ${seed}: first sample ${first} mV (averaged), serial mean ${ref} mV`);
  }
  const start = await runSectors(input(1), { threads: 2 });
  assert.equal(start.sums, 'start');
  assert.ok(start.trace.overpotential_mV[0]! < 0, `seed 1 with the start sums: first sample ${start.trace.overpotential_mV[0]} mV`);
});

test('sector scheme: engine.sums other than start or averaged is an InputError naming it', async () => {
  await assert.rejects(runSectors(input(1), { threads: 2, sums: 'mean' as 'start' }),
    (e: unknown) => e instanceof InputError && e.field === 'engine.sums' && /'start'.*'averaged'/.test(e.message));
});
