/**
 * The sector scheme (src/parallel/, issue 11 target 3): two worker threads on one trajectory.
 * Bookkeeping only (kinetics.terraceBarrier 0.3 eV: few hops, a short run): across every sector
 * swap the atoms are conserved (metal in the shared lattice = initial + reductions - oxidations),
 * no thread's copy of a shared column is stale at the end, every event class of each thread's
 * sub-box equals a recomputation from scratch after every cycle (ghost changes taken through
 * app.transmute), and a run is deterministic for a fixed seed and thread count. A few seconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors, runSectorsResolved, endKeptSectorThreads, SectorRunStopped, type SectorRunResult, type SectorOptions } from '../src/parallel/sector-run.js';
import { simulate } from '../src/simulation/simulate.js';
import { InputError } from '../src/errors.js';
import { morphology } from '../src/metrics/morphology.js';
import { StripSolver, StripSlotMap } from '../src/parallel/strip-solver.js';
import { WAIT_LOG_FIELDS } from '../src/parallel/sectors.js';
import { PLATING_CHANNELS } from '../src/apps/channels.js';
import { Rng } from '../src/kmc/rng.js';
import { median } from '../src/analysis/nucleation.js';
import { workerScripts } from './helpers/worker-scripts.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const input = (seed: number, size = [24, 24, 16], protocol = ['Plate 0.01 mAh/cm2 at 3 mA/cm2']) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size, voxel: '50 nm' },
  protocol, seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});

/**
 * Seed 3, two threads, fixed strip order, no checks, its lattice kept: run once and shared by the
 * two tests below (the first compares it with the checked run, the second with the drawn order).
 * The same workers' inputs as the two runs it replaces (phaseOrder 'fixed' is the default;
 * keepLattice only hands back the final lattice).
 */
let fixedOrder: ReturnType<typeof runSectors> | undefined;
const fixedOrderRun = () => (fixedOrder ??= runSectors(input(3), { threads: 2, windowEvents: 200, etaStep_V: 0.01, phaseOrder: 'fixed', keepLattice: true }));

test('two threads: atoms conserved across sector swaps, no stale ghost, classes consistent after every cycle, deterministic per seed', async () => {
  // cycles of about 200 events (fewer barriers: the test also runs on a loaded machine)
  const a = await runSectors(input(3), { threads: 2, check: true, windowEvents: 200, etaStep_V: 0.01 });
  assert.equal(a.ended, 'charge');
  assert.ok(a.cycles > 20, `${a.cycles} cycles: the run must swap sectors many times`);
  assert.ok(a.reductions > 0 && a.oxidations > 0 && a.hops > 0, 'reductions, oxidations and hops all happened');
  assert.ok(a.deposited_voxels >= a.target_voxels, `${a.deposited_voxels} deposited, ${a.target_voxels} asked`);
  assert.equal(a.atom_balance, 0, 'metal in the lattice = initial + reductions - oxidations');
  assert.equal(a.stale_voxels, 0, 'every thread\'s copy of its columns and ghosts equals the shared lattice');
  assert.deepEqual(a.consistency, [null, null]);
  assert.equal(a.rejected, 0, 'each strip draws from its own events: no draw lands outside the active strip');
  const b = await fixedOrderRun();
  assert.equal(b.lattice_hash, a.lattice_hash, 'same seed, same threads: same final lattice');
  assert.equal(b.events, a.events);
  // keepLattice hands back that lattice (what validation study parallel-sectors-porosity reads the voids from)
  assert.equal(a.cells, undefined);
  let hash = 0x811c9dc5;
  for (const c of b.cells!) hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
  assert.equal(hash, b.lattice_hash);
  assert.equal(morphology({ nx: 24, ny: 24, nz: 16, cells: b.cells!, voxel_m: 50e-9 }, { hostTopZ: 0 }).mean_height_nm, b.mean_height_nm);
});

test('two threads, waitLog (twocore69): the same run, every phase timed on one clock (a thread leaves a barrier after the other reached it), waits summing to the thread\'s, garbage collections listed', async () => {
  const a = await fixedOrderRun();
  const b = await runSectors(input(3), { threads: 2, windowEvents: 200, etaStep_V: 0.01, phaseOrder: 'fixed', waitLog: true });
  assert.equal(b.lattice_hash, a.lattice_hash, 'reading clocks changes nothing of the run');
  assert.deepEqual([b.events, b.cycles], [a.events, a.cycles]);
  assert.equal(a.waits, undefined);
  const [w0, w1] = b.waits!;
  assert.ok(w0 !== undefined && w1 !== undefined);
  const F = WAIT_LOG_FIELDS.length, col = (n: string) => WAIT_LOG_FIELDS.indexOf(n as (typeof WAIT_LOG_FIELDS)[number]);
  assert.equal(w0.phases.length % F, 0);
  assert.equal(w0.phases.length, w1.phases.length, 'both threads ran every phase');
  const rows = w0.phases.length / F;
  assert.ok(rows >= 2 * b.cycles - 1 && rows <= 2 * b.cycles, `${rows} phases, ${b.cycles} cycles`);
  let events = 0, late = 0;
  for (const [k, w] of [w0, w1].entries()) {
    let wait = 0;
    for (let i = 0; i < rows; i++) {
      const r = (n: string) => w.phases[i * F + col(n)]!;
      events += r('events'); wait += r('wait_s');
      assert.ok(r('barriers') >= 1);
      // (a phase of the endgame's turns passes a barrier before its own turn's kMC: start, departure and end only)
      const t = (r('barriers') === 1 ? ['t_start_ms', 't_kmc_end_ms', 't_arrive_ms', 't_depart_ms', 't_end_ms'] : ['t_start_ms', 't_arrive_ms', 't_depart_ms', 't_end_ms']).map(r);
      for (let j = 1; j < t.length; j++) assert.ok(t[j]! >= t[j - 1]!, `thread ${k} phase ${i}: times in order`);
      // the shared clock: a thread leaves a phase's barrier after the other thread reached it (0.05 ms for the clocks' offsets)
      const other = k === 0 ? w1 : w0;
      if (r('barriers') === 1 && r('t_depart_ms') < other.phases[i * F + col('t_arrive_ms')]! - 0.05) late++;
    }
    assert.ok(Math.abs(wait + w.otherWait_s - b.wait_s_threads[k]!) < 1e-9, `thread ${k}: the phases' waits and the others' make its wait_s`);
    assert.ok(w.otherBarriers >= 2);
    assert.equal(w.gc.length % 3, 0);
  }
  assert.equal(late, 0, 'no thread left a barrier before the other reached it');
  assert.equal(events, b.events);
  await assert.rejects(runSectors(input(1), { threads: 2, waitLog: 'yes' as unknown as boolean }), (e: unknown) => e instanceof InputError && e.field === 'engine.waitLog');
});

test('two threads, barrier \'spin\' (twocore69): the same run, every barrier passed in spin mode; a barrier mode not known is refused', async () => {
  const a = await fixedOrderRun();
  const b = await runSectors(input(3), { threads: 2, windowEvents: 200, etaStep_V: 0.01, phaseOrder: 'fixed', barrier: 'spin', waitLog: true });
  assert.equal(b.lattice_hash, a.lattice_hash, 'only the waiting moves');
  assert.deepEqual([b.events, b.cycles], [a.events, a.cycles]);
  // every barrier of a phase, the start's, the early looks' and the end's: spin mode throughout (the adaptive barrier
  // leaves it after MODE_WINDOW long spins of which fewer than half catch the other thread)
  const F = WAIT_LOG_FIELDS.length, nb = WAIT_LOG_FIELDS.indexOf('barriers');
  for (const k of [0, 1]) {
    const w = b.waits![k]!;
    let passed = w.otherBarriers;
    for (let i = nb; i < w.phases.length; i += F) passed += w.phases[i]!;
    assert.equal(b.barrier_spin_mode_threads[k], passed, `thread ${k}: every barrier it passed in spin mode`);
  }
  await assert.rejects(runSectors(input(1), { threads: 2, barrier: 'fast' as 'spin' }), (e: unknown) => e instanceof InputError && e.field === 'engine.barrier');
});

test('two threads, strip order drawn per cycle: atoms conserved, classes and strip filing consistent after every cycle, deterministic per seed', async () => {
  const opts = { threads: 2, windowEvents: 200, etaStep_V: 0.01, phaseOrder: 'random' as const };
  const a = await runSectors(input(3), { ...opts, check: true });
  assert.equal(a.ended, 'charge');
  assert.equal(a.atom_balance, 0);
  assert.equal(a.stale_voxels, 0);
  assert.deepEqual(a.consistency, [null, null]);
  const b = await runSectors(input(3), opts);
  assert.equal(b.lattice_hash, a.lattice_hash, 'same seed, same threads, same order draws: same final lattice');
  const fixed = await fixedOrderRun(); // the fixed order's run of the first test: same seed, threads, window and eta step
  assert.notEqual(fixed.lattice_hash, a.lattice_hash, 'the drawn order is used (another trajectory than the fixed order)');
});

test('sector scheme: bad input is one InputError naming the field', async () => {
  await assert.rejects(runSectors(input(1, [26, 24, 16]), { threads: 2 }), (e: unknown) => e instanceof InputError && e.field === 'lattice.size[0]');
  await assert.rejects(runSectors(input(1), { threads: 0 }), (e: unknown) => e instanceof InputError && e.field === 'engine.threads');
  // the events and scaled-rates estimators follow each atom through the serial engine's events: a sector run says so (it ran with the rate sums unsaid)
  for (const est of ['events', 'scaled-rates']) {
    await assert.rejects(runSectors({ ...input(1), electrochem: { estimator: est } }, { threads: 2 }),
      (e: unknown) => e instanceof InputError && e.field === 'electrochem.estimator' && e.message.includes(`got "${est}", expected rates (the default) in a sector run`));
  }
  await assert.rejects(runSectors(input(1, [24, 24, 16], ['Plate 0.01 mAh/cm2 at 3 mA/cm2', 'Strip 0.01 mAh/cm2 at 3 mA/cm2']), { threads: 2 }),
    // the strip is the step named since mends61 (a current reversal: the sector scheme has no feedback at one)
    (e: unknown) => e instanceof InputError && e.field === 'protocol[1]' && e.message.includes('expected no current reversal in a sector run'));
  await assert.rejects(runSectors(input(1), { threads: 2, phaseOrder: 'zigzag' as 'random' }), (e: unknown) => e instanceof InputError && e.field === 'engine.phaseOrder');
  await assert.rejects(runSectors(input(1), { threads: 2, cycleRate: 'fast' as 'mean' }), (e: unknown) => e instanceof InputError && e.field === 'engine.cycleRate');
  // sectorcli: an SEI block, an electrolyte field, a pulse train or a cut-off was run without it, without a word (the
  // worker builds the plating app and the double layer only); each is refused naming its field
  for (const [extra, field, words] of [
    [{ sei: 'carbonate' }, 'sei', 'got "carbonate", expected no `sei:` in a sector run'],
    [{ electrolyte: 'LiPF6-EC-DMC' }, 'electrolyte', 'got "LiPF6-EC-DMC", expected no `electrolyte:`'],
    [{ protocol: ['Pulse at 3 mA/cm2 for 1 ms, rest 1 ms, 0.01 mAh/cm2'] }, 'protocol[0]', 'a step without pulses'],
    [{ protocol: ['Plate at 3 mA/cm2 for 1 s or until -2 V'] }, 'protocol[0]', 'a step without a voltage cut-off'],
  ] as const) {
    await assert.rejects(runSectors({ ...input(1), ...extra }, { threads: 2 }), (e: unknown) => e instanceof InputError && e.field === field && e.message.includes(words) ? true : assert.fail(String(e)));
  }
});

test('sector scheme: a caller\'s progress callback sees the box\'s count against the target, and its abort terminates the threads', async () => {
  // sectorcli: what `simulate --sectors` shows and how its Ctrl-C stops the run (the threads' published counts, polled)
  const { runSectorsResolved, SectorRunStopped } = await import('../src/parallel/sector-run.js');
  const { parseRunInput } = await import('../src/input/parse.js');
  const seen: { net: number; target: number; events: number }[] = [];
  const r = await runSectorsResolved(parseRunInput(input(3, [24, 24, 16], ['Plate 0.002 mAh/cm2 at 3 mA/cm2'])), { threads: 2, windowEvents: 200, etaStep_V: 0.01 }, { onProgress: (p) => seen.push(p), progressEvery_ms: 1 });
  assert.equal(r.ended, 'charge');
  assert.ok(seen.length > 0, 'progress was reported');
  assert.ok(seen.every((p) => p.target === r.target_voxels && p.net <= r.target_voxels && p.events <= r.events), JSON.stringify(seen.slice(-3)));
  assert.ok(seen.some((p) => p.net > 0), `counts seen: ${seen.map((p) => p.net).join(', ')}`);
  // the furthest count the poll has read: never below the net, never going back (mends83)
  const furthest = (seen as { furthest?: number }[]).map((p) => p.furthest ?? NaN);
  assert.ok(seen.every((p, i) => furthest[i]! >= p.net && (i === 0 || furthest[i]! >= furthest[i - 1]!)), `furthest ${furthest.join(', ')}`);
  const ctl = new AbortController();
  const running = runSectorsResolved(parseRunInput(input(3, [24, 24, 16], ['Plate 0.05 mAh/cm2 at 3 mA/cm2'])), { threads: 2 }, { signal: ctl.signal, onProgress: (p) => { if (p.events > 0) ctl.abort(); }, progressEvery_ms: 5 });
  await assert.rejects(running, (e: unknown) => e instanceof SectorRunStopped);
});

test('sector scheme: the progress line says what the serial one says, the step\'s furthest count against its target and, where the box has run back from it, its net now (mends81 changed the serial line only; mends83)', async () => {
  const { sectorProgressInput } = await import('../src/cli/sector-simulate.js');
  const { progressText } = await import('../src/simulation/progress.js');
  // 20 x 20 columns of 50 nm, a voxel's charge q (C): n voxels are n q / area C/m2, / 36,000 in mAh/cm2
  const q = 1e-12, area = (20 * 50e-9) ** 2;
  const mAh = (n: number) => String(Number(((n * q) / area / 36000).toPrecision(3)));
  const at = (net: number, furthest: number) => progressText(sectorProgressInput({ net, furthest, target: 40, events: 5000, wall_s: 1 }, { q_C: q, area_m2: area }, 'Plate 0.01 mAh/cm2 at 3 mA/cm2'));
  // run back (net 17 of a furthest 18): both, in the serial line's words; the fraction by the furthest
  assert.equal(at(17, 18), `Plate 0.01 mAh/cm2 at 3 mA/cm2: 45.0 % (${mAh(18)} of ${mAh(40)} mAh/cm2 at its furthest, net ${mAh(17)} now), 5,000 events`);
  // equal: the line as the serial one's, the count alone
  assert.equal(at(18, 18), `Plate 0.01 mAh/cm2 at 3 mA/cm2: 45.0 % (${mAh(18)} of ${mAh(40)} mAh/cm2), 5,000 events`);
});

test('sector scheme: a step\'s time ends it as on the serial engine; a time under half a voxel, or a charge, is refused in words', async (t) => {
  // mends30b: the sector scheme read only the step's charge (its target at least one voxel); "Plate 0.01 mAh/cm2 at
  // 3 mA/cm2 for 1 s" plated the whole 0.01 mAh/cm2 (about 550 voxels of 50 nm on 24 x 24), not the 1 s (about 46).
  // Checked to fail with src/parallel as on main (target 550 voxels) and without the refusal (the refused step ran on:
  // killed at 60 s). 0.6-1 s of wall time (two worker threads).
  const r = await runSectors(input(2, [24, 24, 16], ['Plate 0.01 mAh/cm2 at 3 mA/cm2 for 1 s']), { threads: 2, windowEvents: 200, etaStep_V: 0.01 });
  t.diagnostic(`target ${r.target_voxels}, plated ${r.deposited_voxels} voxels, last row at ${r.trace.time_s.at(-1)} s`);
  assert.equal(r.ended, 'charge');
  assert.ok(r.target_voxels > 20 && r.target_voxels < 100, `target ${r.target_voxels} voxels`);
  // it stops at the first cycle's end at or past the target (a cycle here: a few reductions)
  assert.ok(r.deposited_voxels >= r.target_voxels && r.deposited_voxels <= r.target_voxels + 5, `${r.deposited_voxels} voxels plated, target ${r.target_voxels}`);
  const last = r.trace.time_s.at(-1)!;
  assert.ok(Math.abs(last - 1) < 0.1, `the step ended at ${last} s of the galvanostat's clock`);
  // under half a voxel in its time: the scheme has no kMC clock to end it on (the serial engine runs it as a rest)
  for (const [step, what] of [['Plate 0.01 mAh/cm2 at 1e-8 mA/cm2 for 1 s', /^protocol\[0\]: got "Plate 0\.01 mAh\/cm2 at 1e-8 mA\/cm2 for 1 s", expected a time that passes at least half a voxel of this box \([0-9.e-]+ mAh\/cm2: one voxel is [0-9.e-]+ mAh\/cm2 on 24 x 24 voxels of 50 nm\) for the sector scheme; this step passes 2\.78e-12 mAh\/cm2 in its 1 s, /],
    ['Plate 1e-9 mAh/cm2 at 3 mA/cm2', /^protocol\[0\]: got "Plate 1e-9 mAh\/cm2 at 3 mA\/cm2", expected a charge of at least half a voxel of this box/]] as const) {
    await assert.rejects(runSectors(input(1, [24, 24, 16], [step]), { threads: 2 }), (e: unknown) => {
      assert.ok(e instanceof InputError && e.field === 'protocol[0]', String(e));
      assert.match(e.message, what);
      assert.doesNotMatch(e.message, /\n/);
      return true;
    });
  }
});

test('sector scheme: its threads take the run resolved on the main thread and load no run-file parser, zod or yaml', async () => {
  // each thread parsed the run file again until branch testtime13 (input/parse.js, zod, yaml, the parameter registry:
  // about 0.2 CPU s a thread, 0.4 of a short sector run's 0.8); one cycle is enough to see what the threads load
  await endKeptSectorThreads(); // (testcpu2) fresh threads: kept ones have loaded what earlier runs needed
  const { result, workers } = await workerScripts(() => runSectors(input(2), { threads: 2, eventLimit: 1 }));
  assert.equal(result.ended, 'event_limit');
  assert.equal(workers.length, 2);
  const src = new URL('../src/', import.meta.url).href;
  for (const urls of workers) {
    const files = [...new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? (u.startsWith(src) ? u.slice(src.length) : u)))];
    // the recording works: the thread's entry and the engine are in it
    assert.ok(['parallel/sector-worker.js', 'apps/plating.js', 'kmc/lattice.js'].every((f) => files.includes(f)), files.join(' '));
    assert.deepEqual(files.filter((f) => /^(input\/(parse|run-schema)\.js|params\/registry\.js|schema-keys\.js|zod|yaml)$/.test(f)), []);
  }
});

test('strip solver: events filed under their voxel\'s strip through class changes and slot moves; a strip draws only its own', () => {
  // 8 columns, 1 row: columns 0-3 strip 0, 4-7 strip 1
  const sub = 8, regions = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const solver = new StripSolver(PLATING_CHANNELS, 16, regions, sub);
  const slots = new StripSlotMap(sub, sub * 4, solver);
  solver.attach(slots);
  const slow = solver.addClass(1, 2), fast = solver.addClass(100, 2);
  const put = (v: number, c: number) => { const s = slots.getOrAdd(v); solver.ensureEntities(2 * s + 2); solver.set(2 * s + 1, c); };
  put(1, fast); put(2, slow); put(5, slow);
  assert.equal(solver.check(), null);
  assert.equal(solver.parts[0]!.sum[2], 101);
  assert.equal(solver.parts[1]!.sum[2], 1);
  slots.rekey(1, 6); // the fast atom's slot now stands for a voxel of strip 1
  assert.equal(solver.check(), null);
  assert.deepEqual([solver.parts[0]!.sum[2], solver.parts[1]!.sum[2]], [1, 101]);
  slots.swapKeys(2, 5); // two slots exchange voxels across the strips: same sums, other entities
  assert.equal(solver.check(), null);
  const rng = new Rng(7), totals = new Float64Array(3);
  for (let i = 0; i < 200; i++) {
    for (const p of [0, 1]) {
      const part = solver.parts[p]!;
      for (let ch = 0; ch < 3; ch++) totals[ch] = part.sum[ch]! * part.mult[ch]!;
      const e = part.select(totals, rng);
      assert.equal(regions[slots.slotKey[e >> 1]! % sub], p, 'drawn from its own strip');
    }
  }
  solver.set(2 * slots.get(6) + 1, -1);
  assert.equal(solver.check(), null);
  assert.deepEqual([solver.parts[0]!.sum[2], solver.parts[1]!.sum[2]], [1, 1]);
});

test('sector scheme: a step of a few voxels gets a row per sample window and a plateau (16 x 8 x 8 voxels, 6 voxels), and a row at 0 s as the serial trace', async () => {
  // mends52: a cycle gave one trace row however many sample windows it passed; a step of 6 voxels (one a window) had
  // 3 rows on seed 2, and its peak and plateau were NaN (4 rows needed). Now a row at each window's count, as the serial trace.
  const { kinetics: _, ...defaults } = input(2, [16, 8, 8], ['Plate 0.0005 mAh/cm2 at 3 mA/cm2']); // the default kinetics
  const r = await runSectors(defaults, { threads: 2 });
  assert.equal(r.ended, 'charge');
  const { time_s, kmc_s } = r.trace;
  const window_s = time_s.at(-1)! / r.deposited_voxels; // one voxel a window here (the charge / 200 is under one)
  const counts = time_s.map((t) => t / window_s);
  assert.ok(counts.every((c, i) => Math.abs(c - Math.round(c)) < 1e-9 && (i === 0 || Math.round(c) > Math.round(counts[i - 1]!))), `rows at ${counts.join(', ')} voxels`);
  // every voxel count the box reached for the first time has its row
  assert.ok(time_s.length >= r.deposited_voxels - 1 && time_s.length >= 4, `${time_s.length} rows for ${r.deposited_voxels} voxels`);
  for (let i = 1; i < kmc_s.length; i++) assert.ok(kmc_s[i]! > kmc_s[i - 1]!, `row ${i}: kMC ${kmc_s[i]} s after ${kmc_s[i - 1]} s`);
  assert.ok(Number.isFinite(r.plateau_overpotential_mV) && Number.isFinite(r.peak_overpotential_mV), `peak ${r.peak_overpotential_mV}, plateau ${r.plateau_overpotential_mV} mV`);
  // mends53: the trace opens at the step's start (0 s, 0 kMC s) with its first window's overpotential, as the serial
  // engine's row that opens a half cycle; it started at the first window's end (0.098 s here), so a plot of both began late
  const serial = simulate(defaults).trace;
  assert.deepEqual([serial.time_s[0], serial.kmc_time_s[0], serial.overpotential_mV[0]], [0, 0, serial.overpotential_mV[1]], 'the serial trace\'s first row');
  assert.deepEqual([time_s[0], kmc_s[0], r.trace.overpotential_mV[0]], [0, 0, r.trace.overpotential_mV[1]], `the sector trace's first rows: ${time_s.slice(0, 2).join(', ')} s`);
  assert.equal(time_s[1], serial.time_s[1], 'the first window ends at one galvanostat time in both');
  // mends55: the sector trace's overpotential was cathodic positive (+ while plating), the serial trace's negative: a plot
  // of both had to turn one. One sign now, the serial trace's, for the trace and the result's other overpotentials
  const side = (eta: number[]) => Math.sign(median(eta.slice(eta.length >> 1)));
  assert.equal(side(serial.overpotential_mV), -1, `the serial trace's plateau: ${serial.overpotential_mV.join(', ')} mV`);
  assert.equal(side(r.trace.overpotential_mV), side(serial.overpotential_mV), `the sector trace's plateau: ${r.trace.overpotential_mV.join(', ')} mV`);
  assert.ok(r.eta_plateau_mV < 0 && r.eta_mean_mV < 0 && r.eta_end_mV < 0, `eta_plateau_mV ${r.eta_plateau_mV}, eta_mean_mV ${r.eta_mean_mV}, eta_end_mV ${r.eta_end_mV}`);
});

test('sector scheme: a box below the smallest validated one is warned about in one line naming both sizes', async () => {
  // sectoreta1: on 16 x 8 x 8 voxels (strips of 4 columns) a sector run's plateau read about half the serial engine's
  // (seeds 1-4: 57-70 against 123-137 mV) with nothing said; the statistics were validated on 40 x 40 (strips of 10).
  const small = await runSectors(input(2, [16, 8, 8], ['Plate 0.0005 mAh/cm2 at 3 mA/cm2']), { threads: 2, eventLimit: 1 });
  assert.equal(small.warnings.length, 1, `warnings: ${JSON.stringify(small.warnings)}`);
  const w = small.warnings[0]!;
  assert.ok(!w.includes('\n') && w.startsWith('warning: '), w);
  assert.ok(w.includes('16 x 8') && w.includes('4 columns') && w.includes('40 x 40') && w.includes('10 columns'), w);
  // (one thread: strips of 20 columns) y below 40 columns is still below the validated box; 40 x 40 is not
  const narrowY = await runSectors(input(2, [40, 24, 8], ['Plate 0.0005 mAh/cm2 at 3 mA/cm2']), { threads: 1, eventLimit: 1 });
  assert.equal(narrowY.warnings.length, 1, `warnings: ${JSON.stringify(narrowY.warnings)}`);
  assert.ok(narrowY.warnings[0]!.includes('40 x 24') && narrowY.warnings[0]!.includes('20 columns'), narrowY.warnings[0]);
  const validated = await runSectors(input(2, [40, 40, 8], ['Plate 0.0005 mAh/cm2 at 3 mA/cm2']), { threads: 1, eventLimit: 1 });
  assert.deepEqual(validated.warnings, []);
});

// earlyapi (nucleicov left it): a sector run's metrics.json had no early_* keys (the nuclei counted at
// output.nuclei_coverage, before they coalesce), which a serial run's has. The threads now look as the serial engine looks
// (metrics/early-nuclei.ts lookAtRow, the one code path) on the whole shared lattice at the opening row and at each cycle
// end that writes a trace row, until read; sector-simulate.ts's metrics take them through earlyNucleiMetrics. Reading
// changes nothing of the trajectory.
test('sector scheme: metrics.json has the early_* counts, read at a trace row at the coverage; a coverage never reached is said with the largest seen, the end\'s; the lattice is that of a run that reads them elsewhere (earlyapi)', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { sectorMetrics, sectorTrace } = await import('../src/cli/sector-simulate.js');
  const metricsOf = (inp: Record<string, unknown>, r: Awaited<ReturnType<typeof runSectors>>) => {
    const run = parseRunInput(inp);
    const trace = sectorTrace(run, r);
    return { m: sectorMetrics(run, r, trace) as unknown as Record<string, unknown>, trace };
  };
  const a = await fixedOrderRun();
  const { m, trace } = metricsOf(input(3), a);
  const EARLY = ['early_island_count', 'early_nucleus_density_per_um2', 'early_host_coverage', 'early_charge_mAh_per_cm2'];
  assert.ok(EARLY.every((k) => typeof m[k] === 'number'), JSON.stringify(Object.fromEntries([...EARLY, 'early_reason'].map((k) => [k, m[k]]))));
  assert.equal(m.early_coverage_target, 0.1);
  const cov = m.early_host_coverage as number, q = m.early_charge_mAh_per_cm2 as number;
  assert.ok(cov >= 0.1 && cov <= (m.host_coverage as number), `early coverage ${cov}, at the end ${m.host_coverage}`);
  // at a row of eta.csv (its charge column, mAh/cm2), before the end
  assert.ok(trace.charge_C_per_cm2.some((c) => c / 3.6 === q) && q < (m.charge_mAh_per_cm2 as number), `early charge ${q} among the rows' ${trace.charge_C_per_cm2.map((c) => c / 3.6).join(', ')}`);
  assert.ok((m.early_island_count as number) >= 1 && (m.early_nucleus_density_per_um2 as number) > 0);
  assert.deepEqual([m.early_sac_nucleation_share, m.early_sac_nucleation_share_chance, m.early_reason], [null, null, null], 'no SACs on Cu');
  // a coverage never reached: null, the reason giving the largest coverage seen at a row, the end's (the last row looked
  // at on the whole lattice: morphology's host_coverage); looking at every row leaves the trajectory as it was
  const inB = { ...input(3), output: { snapshots: false, nuclei_coverage: 0.99 } };
  const b = await runSectors(inB, { threads: 2, windowEvents: 200, etaStep_V: 0.01, phaseOrder: 'fixed', keepLattice: true });
  assert.deepEqual([b.lattice_hash, b.events], [a.lattice_hash, a.events], 'the same run');
  const mb = metricsOf(inB, b).m;
  assert.deepEqual(EARLY.map((k) => mb[k]), EARLY.map(() => null));
  assert.ok(String(mb.early_reason).includes(`never reached 0.99 (at most ${Number((m.host_coverage as number).toPrecision(4))} at a trace row)`), String(mb.early_reason));
});

// mends120 (mends119 left it): a --sectors run's metrics.json `warnings` held only the scheme's small-box line; its input
// warnings (src/input/limits.ts runInputWarnings with sectors: true, printed on stderr before the run) went to stderr
// only, where a serial run's metrics.json carries them since mends119. Now both, the input's first (as printed).
test('sector scheme: metrics.json\'s warnings carry the run\'s input warnings (a plate that does not fit the box) before the small-box line (mends120)', async () => {
  const { parseRunInput } = await import('../src/input/parse.js');
  const { runInputWarnings } = await import('../src/input/limits.js');
  const { sectorMetrics, sectorTrace } = await import('../src/cli/sector-simulate.js');
  const inp = input(2, [16, 8, 8], ['Plate 1 mAh/cm2 at 3 mA/cm2']);
  const run = parseRunInput(inp);
  const expected = runInputWarnings(run, { sectors: true });
  assert.equal(expected.length, 1, JSON.stringify(expected));
  assert.match(expected[0]!, /plates more than the box holds/);
  const r = await runSectors(inp, { threads: 2, eventLimit: 1, keepLattice: true });
  assert.equal(r.warnings.length, 1, 'the small-box line');
  const m = sectorMetrics(run, r, sectorTrace(run, r));
  assert.deepEqual(m.warnings, [...expected, ...r.warnings]);
  // a box that holds its plate: the scheme's line alone
  const fits = input(2, [16, 8, 8], ['Plate 0.0005 mAh/cm2 at 3 mA/cm2']);
  const rf = await runSectors(fits, { threads: 2, eventLimit: 1, keepLattice: true });
  const runF = parseRunInput(fits);
  assert.deepEqual(runInputWarnings(runF, { sectors: true }), []);
  assert.deepEqual(sectorMetrics(runF, rf, sectorTrace(runF, rf)).warnings, rf.warnings);
});

/*
 * testcpu2: a run's threads are kept for the next runSectors call with as many (parallel/sector-run.ts takeThreads):
 * a kept thread runs each run from its own message and buffers, so its result is a fresh thread's; a run that failed or
 * was aborted ends its threads. Two small runs (16 x 8 x 8 voxels of 50 nm, 0.002 mAh/cm2, 24 voxels in 16 cycles; 24 x
 * 8 x 8, 0.003 mAh/cm2, the strip order drawn, the phase log, 55 voxels in 260 cycles): under 0.1 CPU s each on kept
 * threads, about 0.5 on fresh ones (their start).
 */
const keptA = (): [Record<string, unknown>, SectorOptions] => [input(3, [16, 8, 8], ['Plate 0.002 mAh/cm2 at 3 mA/cm2']), { threads: 2, windowEvents: 200, etaStep_V: 0.01, keepLattice: true }];
const keptB = (): [Record<string, unknown>, SectorOptions] => [input(5, [24, 8, 8], ['Plate 0.003 mAh/cm2 at 3 mA/cm2']), { threads: 2, windowEvents: 100, phaseOrder: 'random', phaseLog: true }];
/** the wall-clock readings of a result (threads' CPU, waits, barrier modes, start, the phase log's seconds) */
const CLOCKS = new Set(['wall_s', 'cpu_s_threads', 'wait_s_threads', 'exchange_s_threads', 'barrier_spun_threads', 'barrier_slept_threads', 'barrier_notified_threads', 'barrier_spin_mode_threads', 'startup_s_threads']);
/** a result's JSON but its wall-clock readings (the phase log: events and expected events, not its seconds) */
const resultBytes = (r: SectorRunResult): string => JSON.stringify(r, (k, v: unknown) => {
  if (CLOCKS.has(k)) return undefined;
  if (k === 'phases') return (v as Float64Array[]).map((p) => Array.from(p).filter((_, i) => i % 3 !== 2));
  return v instanceof Uint8Array ? Array.from(v) : v;
});
/** run A's bytes on fresh threads (once for the tests below) */
let freshA: Promise<string> | undefined;
const freshARun = () => (freshA ??= endKeptSectorThreads().then(() => runSectors(...keptA())).then(resultBytes));

test('sector scheme: a run on kept threads gives the bytes of the same run on fresh threads (two runs in a row after a first, other sizes and options between)', { timeout: 60_000 }, async () => {
  await endKeptSectorThreads();
  const freshB = resultBytes(await runSectors(...keptB()));
  await endKeptSectorThreads();
  const { result, workers } = await workerScripts(async () => {
    const a = resultBytes(await runSectors(...keptA())); // fresh threads, kept after it
    return [a, resultBytes(await runSectors(...keptB())), resultBytes(await runSectors(...keptA()))];
  });
  assert.equal(workers.length, 2, 'one set of two threads for the three runs');
  freshA ??= Promise.resolve(result[0]!);
  assert.equal(result[1], freshB, 'B on the threads A ran on');
  assert.equal(result[2], result[0], 'A again, on the threads B ran on');
  assert.ok(JSON.parse(result[0]!).cycles > 10 && JSON.parse(freshB).cycles > 100);
});

test('sector scheme: a run aborted mid-way ends its threads; the run after it starts fresh ones and is the fresh run', { timeout: 60_000 }, async () => {
  const fresh = await freshARun();
  await runSectors(...keptA()); // a kept set for the aborted run to take (0.07 CPU s)
  const { parseRunInput } = await import('../src/input/parse.js');
  const ctl = new AbortController();
  const { result, workers } = await workerScripts(async () => {
    const running = runSectorsResolved(parseRunInput(input(3, [24, 24, 16], ['Plate 0.05 mAh/cm2 at 3 mA/cm2'])), { threads: 2 }, { signal: ctl.signal, onProgress: (p) => { if (p.events > 0) ctl.abort(); }, progressEvery_ms: 5 });
    await assert.rejects(running, (e: unknown) => e instanceof SectorRunStopped);
    return resultBytes(await runSectors(...keptA()));
  });
  assert.equal(workers.length, 2, 'the aborted run took the kept threads; the next run started two fresh ones');
  assert.equal(result, fresh);
});

test('sector scheme: a run refused with an InputError leaves the kept threads to the next run; a run whose threads threw ends them; the run after either is the fresh run', { timeout: 60_000 }, async () => {
  const fresh = await freshARun();
  await runSectors(...keptA()); // a kept set
  const refused = await workerScripts(async () => {
    await assert.rejects(runSectors(input(3), { threads: 2, phaseOrder: 'zigzag' as 'random' }), (e: unknown) => e instanceof InputError && e.field === 'engine.phaseOrder');
    return resultBytes(await runSectors(...keptA()));
  });
  assert.equal(refused.workers.length, 0, 'the refused run took no threads: the next run ran on the kept ones');
  assert.equal(refused.result, fresh);
  // a run whose threads throw (a resolved run given a SAC without its site: the threads build the physics, the main
  // thread does not): it rejects with the threads' error, and its threads are not kept
  const { parseRunInput } = await import('../src/input/parse.js');
  const broken = parseRunInput(input(3, [24, 24, 16], ['Plate 0.002 mAh/cm2 at 3 mA/cm2']));
  broken.sacs = [{ loading_fraction: 0.05, arrangement: 'random' } as unknown as (typeof broken.sacs)[number]];
  const threw = await workerScripts(async () => {
    await assert.rejects(runSectorsResolved(broken, { threads: 2 }), (e: unknown) => e instanceof Error && /^sector scheme, thread \d before its first sector cycle: /.test(e.message) ? true : assert.fail(String(e)));
    return resultBytes(await runSectors(...keptA()));
  });
  assert.equal(threw.workers.length, 2, 'the failed run took the kept threads and ended them; the next run started two fresh ones');
  assert.equal(threw.result, fresh);
});

test('sector scheme: kept threads do not keep the process alive (it exits after its run)', () => {
  // (one thread: the pool keeps a set of any thread count alike; about 0.7 CPU s, the child's imports and its thread's start)
  const url = new URL('../src/parallel/sector-run.js', import.meta.url).href;
  const code = `import { runSectors } from ${JSON.stringify(url)};
const r = await runSectors(${JSON.stringify(input(2))}, { threads: 1, eventLimit: 1 });
console.log(r.ended);`;
  // a file, not -e: a worker inherits the process's execArgv, and --input-type (which -e needs) refuses a file
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-kept-'));
  writeFileSync(join(dir, 'run.mjs'), code);
  const r = spawnSync(process.execPath, [join(dir, 'run.mjs')], { encoding: 'utf8', timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.signal, null, `the child did not exit by itself within 60 s (a kept thread held it open?): ${r.stdout}${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'event_limit');
});

test('sector scheme: a run its threads cannot be sent (the structured clone refuses it) rejects with that error and ends its threads', { timeout: 60_000 }, async () => {
  // (testcpu2) it rejected with undefined: the Worker constructor's throw became a thread's failure without an error
  const fresh = await freshARun();
  await runSectors(...keptA()); // a kept set for the refused run to take
  const { parseRunInput } = await import('../src/input/parse.js');
  const run = parseRunInput(keptA()[0]);
  run.source = { f: () => 1 }; // a function: not cloneable
  const { result, workers } = await workerScripts(async () => {
    await assert.rejects(runSectorsResolved(run, { threads: 2 }), (e: unknown) => (e instanceof Error && e.name === 'DataCloneError' ? true : assert.fail(`rejected with ${String(e)}`)));
    return resultBytes(await runSectors(...keptA()));
  });
  assert.equal(workers.length, 2, 'the refused run took the kept threads and ended them; the next run started two fresh ones');
  assert.equal(result, fresh);
});
