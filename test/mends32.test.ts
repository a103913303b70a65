/**
 * Session 29, task mends32: follow-ups left by this session's helpers. (1) `PlatingApp.carriedHops`
 * (the carry path's count) restarted at 0 at each rebuild of the app (`Simulation.rebuild` copied
 * `counters`, not it): it is carried over now (checkpoints already keep it: they save the whole
 * engine state). (2) RunService.cancel() took a queued run out with a splice (V8 moves a large array
 * on a removal at its front): a cancelled run now stays in place and the queue's front passes it;
 * the same order, counts and ends. (3) The sector scheme refused a step given by a time alone
 * ("Plate at 3 mA/cm2 for 1 s") even when its time passes many voxels: it runs it now, to the
 * charge of its time (as the serial engine does); a time under half a voxel is still refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { RunService } from '../src/server/service.js';
import { runSectors } from '../src/parallel/sector-run.js';
import { InputError } from '../src/errors.js';

test('a rebuild of the app keeps the count of carried hops', () => {
  // the film-growth setting on 16 x 16 x 14 voxels (test/hop-carry.test.ts), rebuilt every 8,000 events
  const run = parseRunInput({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [16, 16, 14], voxel: '50 nm' },
    protocol: ['Plate 0.03 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false },
  });
  const sim = new Simulation(run, { rebuildEvery: 8_000, engine: { hopCarry: 'on' } });
  const seen: { events: number; before: number; after: number }[] = [];
  const rebuild = sim.rebuild.bind(sim);
  sim.rebuild = () => {
    const old = sim.app, before = old.carriedHops;
    rebuild();
    assert.notEqual(sim.app, old, 'a new app');
    seen.push({ events: sim.events, before, after: sim.app.carriedHops });
  };
  sim.runAll({ chunk: 4000, eventLimit: 100_000 });
  assert.ok(sim.events >= 30_000, `${sim.events} events`);
  assert.ok(seen.length >= 3, `${seen.length} rebuilds`);
  assert.ok(seen[0]!.before > 50, `hops carried before the first rebuild: ${seen[0]!.before}`);
  for (const s of seen) assert.equal(s.after, s.before, `the count across the rebuild at event ${s.events}`);
  assert.ok(sim.app.carriedHops > seen.at(-1)!.after, 'and it goes on counting');
});

test('cancelling queued runs keeps the queue\'s order and counts (front, middle, a second cancel)', async () => {
  const run = parseRunInput({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } });
  const service = new RunService({ store: null, concurrency: 1, writeFiles: false, chunk: null, maxSnapshotVoxels: 0 });
  const settle = () => new Promise((r) => setImmediate(r));
  try {
    const ids = Array.from({ length: 8 }, (_, s) => service.start({}, `r${s}`, { resolved: { ...run, seed: s } }).id);
    const st = (k: number[]) => k.map((i) => service.status(ids[i]!)?.status);
    for (const k of [2, 4, 1]) assert.equal(service.cancel(ids[k]!), true);
    assert.equal(service.cancel(ids[2]!), false, 'a cancelled run is not cancelled twice');
    assert.deepEqual(service.counts(), { queued: 4, running: 1, live: 8 });
    assert.deepEqual(st([0, 1, 2, 3, 4, 5, 6, 7]), ['running', 'cancelled', 'cancelled', 'queued', 'cancelled', 'queued', 'queued', 'queued']);
    // r0 ends: the next queued run in order is r3 (r1 and r2 were cancelled), then r5
    service.cancel(ids[0]!);
    await service.wait(ids[0]!);
    await settle();
    assert.deepEqual(st([1, 2, 3, 4, 5, 6, 7]), ['cancelled', 'cancelled', 'running', 'cancelled', 'queued', 'queued', 'queued']);
    assert.deepEqual(service.counts(), { queued: 3, running: 1, live: 8 });
    service.cancel(ids[6]!);
    service.cancel(ids[3]!);
    await service.wait(ids[3]!);
    await settle();
    assert.deepEqual(st([3, 4, 5, 6, 7]), ['cancelled', 'cancelled', 'running', 'cancelled', 'queued']);
    assert.deepEqual(service.counts(), { queued: 1, running: 1, live: 8 });
  } finally { await service.close(); }
  assert.deepEqual(service.counts(), { queued: 0, running: 0, live: 8 });
});

test('sector scheme: a step given by a time alone runs to the charge of its time; under half a voxel it is refused', async (t) => {
  // 3 mA/cm2 for 1 s on 24 x 24 voxels of 50 nm: about 46 voxels (test/parallel-sectors.test.ts, the same with a charge beside)
  const input = (protocol: string[]) => ({
    metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' },
    protocol, seed: 2, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
  });
  const r = await runSectors(input(['Plate at 3 mA/cm2 for 1 s']), { threads: 2, windowEvents: 200, etaStep_V: 0.01 });
  t.diagnostic(`target ${r.target_voxels}, plated ${r.deposited_voxels} voxels, last row at ${r.trace.time_s.at(-1)} s`);
  assert.equal(r.ended, 'charge');
  const d = new Simulation(parseRunInput(input(['Plate at 3 mA/cm2 for 1 s']))).d;
  assert.equal(r.target_voxels, Math.round((30 * d.area_m2 * 1) / d.q_C), 'the charge of 1 s at 3 mA/cm2 (30 A/m2), in voxels');
  assert.ok(r.deposited_voxels >= r.target_voxels && r.deposited_voxels <= r.target_voxels + 5, `${r.deposited_voxels} voxels plated, target ${r.target_voxels}`);
  assert.ok(Math.abs(r.trace.time_s.at(-1)! - 1) < 0.1, `the step ended at ${r.trace.time_s.at(-1)} s of the galvanostat's clock`);
  await assert.rejects(runSectors(input(['Plate at 1e-8 mA/cm2 for 1 s']), { threads: 2 }), (e: unknown) => {
    assert.ok(e instanceof InputError && e.field === 'protocol[0]', String(e));
    assert.match(e.message, /expected a time that passes at least half a voxel of this box .* for the sector scheme/);
    return true;
  });
});
