/** The package entry point and the --seeds command line (issue 2: library API; determinism 7). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliSpawnShape } from './helpers/cli.js';
import type { CompareInput, CycleSummary, RunInput, SweepInput, TraceColumns, VoxelGrid } from 'sacplate';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('library');

test("import { simulate } from 'sacplate' works (package self-reference to dist)", async () => {
  const lib = await import('sacplate');
  assert.equal(typeof lib.simulate, 'function');
  assert.equal(typeof lib.parseRunInput, 'function');
});

test('simulate --seeds 4 reports mean and spread from worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-seeds-'));
  const file = join(dir, 'run.yaml');
  // worker-thread bookkeeping (seeds, stats, distinct runs): a slow terrace hop (0.30 eV, as the sweep tests use) keeps the 4 runs short
  writeFileSync(file, 'metal: Li\nlattice: { size: [16, 16, 10], voxel: 10 nm }\nhost: graphene\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol:\n  - Plate 0.0003 mAh/cm2 at 1 mA/cm2\nseed: 3\n');
  const r = await cliSpawnShape(['simulate', file, '--seeds', '4', '--threads', '2', '--json', '--no-store']); // in-process (test/helpers/cli.ts)
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.seeds, [3, 4, 5, 6]);
  assert.equal(s.runs.length, 4);
  const st = s.stats.nucleation_overpotential_mV;
  assert.ok(st.min <= st.mean && st.mean <= st.max && st.std >= 0);
  const distinct = new Set(s.runs.map((m: { events: number }) => m.events));
  assert.ok(distinct.size > 1, 'different seeds give different runs');
});

test('library: bad options and arguments throw the CLI\'s one-line InputError/FileError, before any work (an outDir under /proc hung in a recursive mkdir)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const cases: [() => unknown, RegExp][] = [
    [() => lib.simulate(run, null as never), /^options: got null, expected a map of options/],
    [() => lib.simulate(run, { seed: 'x' as never }), /^seed: got "x", expected a non-negative integer/],
    [() => lib.simulate(run, { seed: 1.5 }), /^seed: got 1\.5/],
    [() => lib.simulate(run, { outDir: 42 as never }), /^outDir: got 42, expected a folder path/],
    [() => lib.simulate(run, { outDir: '/proc/sacplate-lib' }), /^\/proc\/sacplate-lib: outDir: cannot create the directory/],
    [() => lib.simulate(run, { onProgress: 5 as never }), /^onProgress: got 5, expected a function/],
    [() => lib.simulate(run, { config: { rebuildEvery: 0 } }), /^config\.rebuildEvery: got 0/],
    [() => lib.simulate({ ...run, sacs: [{ site: 'Zn-N4', loading: '2 wt%' }] }), /^sacs\[0\]\.loading: got "2 wt%"/],
  ];
  for (const [f, re] of cases) {
    assert.throws(f, (e: unknown) => (e instanceof lib.InputError || e instanceof lib.FileError) && re.test((e as Error).message) && !(e as Error).message.includes('\n'), String(f));
  }
  const resolved = lib.resolveInput(run);
  for (const [args, re] of [[[5, [1]], /^run: got 5, expected a resolved run/], [[resolved, 0], /^seeds: got 0/], [[resolved, [1.5]], /^seeds: got \[1\.5\]/], [[resolved, [1], { threads: 0 }], /^threads: got 0/]] as const) {
    await assert.rejects((lib.runSeeds as (...a: unknown[]) => Promise<unknown>)(...args), (e: unknown) => e instanceof lib.InputError && re.test((e as Error).message));
  }
});

test('library: every export refuses a wrong argument type at its entry with a one-line InputError naming the argument (each was a TypeError, a RangeError, a silent NaN or a hang deep inside)', async () => {
  const lib = await import('sacplate');
  const raw = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const R = lib.resolveInput(raw);
  const sim = new lib.Simulation(R);
  const any = lib as unknown as Record<string, (...a: unknown[]) => unknown> & { params: Record<string, (...a: unknown[]) => unknown> };
  const make = (C: unknown) => (...a: unknown[]) => new (C as new (...b: unknown[]) => unknown)(...a);
  const SIM = /expected a Simulation: new Simulation\(resolveInput/;
  const cases: [string, () => unknown, RegExp][] = [
    ['new Simulation(raw run)', () => make(lib.Simulation)(raw), /^run: got \{"metal":"Li".*expected a resolved run: resolveInput\(/],
    ['new Simulation()', () => make(lib.Simulation)(), /^run: got nothing \(field missing\), expected a resolved run/],
    ['new Simulation(R, { rebuildEvery: "x" })', () => make(lib.Simulation)(R, { rebuildEvery: 'x' }), /^config\.rebuildEvery: got "x"/],
    ['flattenProtocol("Plate ...")', () => any.flattenProtocol!('Plate at 1 mA/cm2 for 1 s'), /^entries: got "Plate at 1 mA\/cm2 for 1 s", expected a parsed protocol/],
    ['summarise(5)', () => any.summarise!(5), /^runs: got 5, expected a list of metrics/],
    ['computeMetrics(R)', () => any.computeMetrics!(R), SIM],
    ['cycleSummary()', () => any.cycleSummary!(), SIM],
    ['writeOutputs(sim, 5, {})', () => any.writeOutputs!(sim, 5, {}), /^outDir: got 5, expected a folder path/],
    ['writeOutputs(sim, "/proc/..."): a recursive mkdir that never returned', () => any.writeOutputs!(sim, '/proc/sacplate-lib/out', {}), /^\/proc\/sacplate-lib\/out: outDir: cannot create the directory/],
    ['writeCheckpoint(file, {}, {})', () => any.writeCheckpoint!('/tmp/x.ckpt', {}, {}), SIM],
    ['readCheckpoint(a directory)', () => any.readCheckpoint!(tmpdir()), /: cannot be read as a checkpoint: a folder, not a file \(EISDIR\)$/],
    ['loadRunFile(5): fd 5 was read', () => any.loadRunFile!(5), /^file: got 5, expected a run file path/],
    ['parseRunInput(raw, { baseDir: 5 })', () => any.parseRunInput!({ ...raw, parameters: 'p.yaml' }, { baseDir: 5 }), /^baseDir: got 5/],
    ['cellVoltage(0, 1, undefined, 0, 1)', () => any.cellVoltage!(0, 1, undefined, 0, 1), /^ce: got nothing \(field missing\), expected a counter electrode/],
    ['cellVoltage("a", ...): NaN before', () => any.cellVoltage!('a', 1, { i0_A_per_m2: 10, alpha: 0.5 }, 0, 38.9), /^we_V: got "a"/],
    ['solveOverpotential("a", ...): NaN before', () => any.solveOverpotential!('a', 1, 1, 0.5, 38.9), /^A: got "a"/],
    ['nucleationOverpotential(null, [1])', () => any.nucleationOverpotential!(null, [1]), /^time_s: got null, expected sample times/],
    ['morphology(sim.grid, undefined)', () => any.morphology!(sim.grid, undefined), /^opts\.hostTopZ: got nothing/],
    ['params.resolveMetal()', () => any.params.resolveMetal!(), /^set: got nothing \(field missing\), expected a metal set/],
    ['params.listParams("planet"): everything before', () => any.params.listParams!('planet'), /^kind: got "planet", expected metal, host, sac/],
    ['params.energyEv("x")', () => any.params.energyEv!('x'), /^energy: got "x"/],
    ['new Rng("x"): a RangeError before', () => make(lib.Rng)('x'), /^seed: got "x", expected an integer from 0 to 2\^53 - 1/],
    ['new ClassSolver(1e9): hung building a billion names', () => make(lib.ClassSolver)(1e9), /^channels: got 1000000000, expected a number of channels from 1 to 255/],
    ['new DiffusionApp(5): accepted before', () => make(lib.DiffusionApp)(5), /^options: got 5, expected a map with size/],
    ['new PlatingApp(5, 5, 5, 5)', () => make(lib.PlatingApp)(5, 5, 5, 5), /^lat: got 5, expected the lattice of a Simulation/],
    ['new Connectivity(lat, code, 5)', () => make(lib.Connectivity)(sim.app.lat, sim.app.code, 5), /^conductingSubstrate: got 5/],
    ['parseQuantity("f", "1 mV", "planet")', () => any.parseQuantity!('f', '1 mV', 'planet'), /^kind: got "planet", expected one of length, /],
    ['speciesOf(-1): code 255\'s species before', () => any.speciesOf!(-1), /^code: got -1, expected a voxel code, an integer from 0 to 255/],
    ['stepTerminations()', () => any.stepTerminations!(), /^step: got nothing \(field missing\), expected a parsed protocol step/],
    ['simulateInWorker(5)', () => any.simulateInWorker!(5), /^run: got 5, expected a run: resolveInput\(/],
    ['literature.list(5)', () => lib.literature.list(5 as never), /^options: got 5, expected a map of options/],
    ['literature.list({ range: "x" })', () => lib.literature.list({ range: 'nucleation_overpotential=0:20' as never }), /^range: got "nucleation_overpotential=0:20", expected a list of/],
    ['literature.show(5)', () => lib.literature.show(5 as never), /^name: got 5, expected a record's id, name or alias/],
    ['literature.importFile(5)', () => lib.literature.importFile(5 as never), /^file: got 5, expected a csv, json or yaml file/],
    ['elements("Co")', () => lib.elements('Co' as never), /^symbols: got "Co", expected a list of element symbols/],
    // mends69: the dotted path a screen file's weights.toxicity names (it read `weights toxicity`), for a map and a text
    ['elements(["Co"], { weights: { toxicity: -1 } })', () => lib.elements(['Co'], { weights: { toxicity: -1 } }), /^weights\.toxicity: got -1, expected a number >= 0/],
    ['elements(["Co"], { weights: "toxicity=-1" })', () => lib.elements(['Co'], { sustainability: true, weights: 'toxicity=-1' }), /^weights\.toxicity: got "-1", expected a number >= 0/],
    ['anodeCapacity(5)', () => lib.anodeCapacity(5 as never), /^options: got 5, expected a map: \{ metal, metalMass/],
    ['anodeCapacity({ metal: "Rb" })', () => lib.anodeCapacity({ metal: 'Rb', metalMass: '1 mg/cm2' }), /^metal: got "Rb", expected Li, Na or K/],
    ['fullCell(5)', () => lib.fullCell(5 as never), /^fullcell: got 5, expected a full-cell file/],
  ];
  for (const [what, f, re] of cases) {
    assert.throws(f, (e: unknown) => e instanceof Error && (e instanceof lib.InputError || e instanceof lib.FileError) && re.test(e.message) && !e.message.includes('\n'), what);
  }
  for (const [what, p, re] of [
    ['runPool([5])', () => any.runPool!([5]), /^runs\[0\]: got 5, expected a run: resolveInput\(/],
    ['runSectors(raw): no options', () => any.runSectors!(raw), /^options: got nothing \(field missing\), expected a map of options with threads/],
    ['runSectors(R, { threads: 1 }): "temperature_K: no such key" before', () => any.runSectors!(R, { threads: 1 }), /^input: got "\(a resolved run\)", expected a run object with the keys of a run file/],
    ['compare(5)', () => lib.compare(5 as never), /^comparison: got 5, expected a comparison file/],
    ['compare(cases, { threads: 0 })', () => lib.compare({ ...raw, variants: [{ name: 'a' }, { name: 'b', host: 'graphene' }] }, { threads: 0 }), /^threads: got 0, expected an integer >= 1/],
    ['runSweep(5)', () => lib.runSweep(5 as never), /^sweep: got 5, expected a sweep file/],
    ['runSweep(file, { signal: "x" })', () => lib.runSweep('x.yaml', { signal: 'x' as never }), /^signal: got "x", expected an AbortSignal/],
  ] as const) {
    await assert.rejects(async () => p(), (e: unknown) => e instanceof lib.InputError && re.test(e.message), what);
  }
  // the checked entries still answer right values
  assert.equal(any.speciesOf!(0), lib.SPECIES[0]);
  assert.ok(Math.abs((any.solveOverpotential!(1, 1, 1, 0.5, 38.9) as number) - (2 / 38.9) * Math.log((1 + Math.sqrt(5)) / 2)) < 1e-12);
});

// mends68: simulate --seeds (seeds.json's intervals) takes the net deposit's bound by host, as results --by-point does
// (stats/interval.ts runMetricBounds): on a Li foil the deposit's net charge goes below 0 (a strip takes the foil), and
// deposited_voxels was cut at 0 for every host: -17 voxels in both seeds read lo95 0 above its mean, "cut at 0". The
// voxel's charge is a constant of the run: its value, no interval (it had lo95 = hi95).
test('simulate --seeds: a Li foil\'s net deposit below 0 is not cut at 0; the voxel\'s charge has no interval (mends68)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-seeds-'));
  const file = join(dir, 'foil.yaml');
  writeFileSync(file, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Li\nprotocol: [Strip at 1 mA/cm2 for 2 s]\noutput: { snapshots: false }\n');
  const r = await cliSpawnShape(['simulate', file, '--seeds', '2', '--threads', '1', '--json', '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  const dv = s.runs.map((m: { deposited_voxels: number }) => m.deposited_voxels) as number[];
  assert.ok(dv.every((v) => v < 0), `a strip of a foil leaves a negative net deposit: ${dv}`);
  for (const k of ['deposited_voxels', 'charge_C_per_cm2']) {
    const iv = s.intervals[k];
    assert.equal(iv.cut, undefined, `${k}: ${JSON.stringify(iv)}`);
    // both seeds may strip the same (mends78: then the value, same: true, no interval), else an interval below 0
    if (iv.same) assert.ok(iv.lo95 === null && iv.hi95 === null && iv.mean < 0 && s.runs.every((m: Record<string, number>) => m[k] === s.runs[0][k]), `${k}: ${JSON.stringify(iv)}`);
    else assert.ok(iv.lo95 <= iv.mean && iv.mean <= iv.hi95 && iv.hi95 < 0, `${k}: ${JSON.stringify(iv)}`);
  }
  const q = s.intervals.charge_per_voxel_C;
  assert.deepEqual([q.mean, q.lo95, q.hi95], [s.runs[0].charge_per_voxel_C, null, null]);
});

// mends74: the final voxel grid as an array (review60: api.md documented only outDir + final.vti, or an undocumented
// onSimulation hook). Checked against the file the run wrote (final.vti read back) and the run's own voxel counts.
test('simulate(): result.grid is final.vti\'s voxel array (dims, voxel_nm, codes) with its code table; its metal and dead voxels are metrics.json\'s counts', async () => {
  const lib = await import('sacplate');
  const { readVti } = await import('../src/io/vti.js');
  const out = join(mkdtempSync(join(tmpdir(), 'sacplate-grid-')), 'run');
  const r = lib.simulate({
    metal: 'Li', lattice: { size: [8, 6, 10], voxel: '50 nm' }, host: 'graphene', sacs: [{ site: 'Zn-N4', loading: '5 %' }],
    protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Strip 0.001 mAh/cm2 at 1 mA/cm2'], seed: 2, output: { snapshots: false, structures: ['vti'] },
  }, { outDir: out });
  const g: import('sacplate').VoxelGrid = r.grid;
  const v = readVti(join(out, 'final.vti')).grid;
  assert.deepEqual(g.dims, [v.nx, v.ny, v.nz]);
  assert.deepEqual(g.dims, [8, 6, 10]);
  assert.ok(g.codes instanceof Uint8Array && g.codes.length === 8 * 6 * 10);
  assert.equal(g.voxel_nm, 50);
  assert.ok(Math.abs(v.voxel_m * 1e9 - g.voxel_nm) < 1e-9);
  assert.ok(Buffer.from(g.codes).equals(Buffer.from(v.cells)), 'the same codes, in the same order, as final.vti');
  const count = (c: number) => g.codes.reduce((n, x) => n + (x === c ? 1 : 0), 0);
  const byRole = (role: string) => g.table.filter((t) => t.role === role);
  assert.equal(count(byRole('metal')[0]!.code), r.metrics.connected_voxels);
  assert.equal(count(byRole('dead')[0]!.code), r.metrics.dead_voxels);
  assert.ok(r.metrics.connected_voxels > 0);
  const sac = byRole('sac');
  assert.deepEqual(sac.map((t) => [t.name, t.element]), [['Zn-N4', 'Zn']]);
  assert.ok(count(sac[0]!.code) > 0, 'the SAC code is in the grid');
  assert.deepEqual(byRole('host').map((t) => [t.name, t.element]), [['graphene', 'C']]);
  assert.equal(byRole('metal')[0]!.element, 'Li');
  const known = new Set(g.table.map((t) => t.code));
  assert.deepEqual([...new Set(g.codes)].filter((c) => !known.has(c)), [], 'every code in the grid is in the table');
});

// review73: a run stopped by its signal gave a result like a finished one: metrics of the part it ran (the CE of the
// cycles before the stop: 0.921 against the whole run's 0.895 on a three-cycle Li||Cu run) and nothing at the top
// saying so, where simulateInWorker's result, compare() and the CLI say `cancelled`; a script had to look for
// 'cancelled' in metrics.steps_ended. `cancelled` is true only for the signal (an eventLimit stop is its step's
// `event_limit`, as in simulateInWorker's result).
test('simulate(): a run stopped by its AbortSignal says `cancelled: true` (its metrics are the part it ran); one run to its end, or to its eventLimit, `cancelled: false` (review73)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const stopped = lib.simulate(run, { signal: AbortSignal.abort() });
  assert.equal(stopped.steps.at(-1)?.ended, 'cancelled');
  assert.equal(stopped.cancelled, true);
  const whole = lib.simulate(run);
  assert.deepEqual(whole.steps.map((s) => s.ended), ['charge']);
  assert.equal(whole.cancelled, false);
  const limited = lib.simulate(run, { eventLimit: 3 });
  assert.equal(limited.steps.at(-1)?.ended, 'event_limit');
  assert.equal(limited.cancelled, false);
});

// review73: simulateInWorker, the one run a timer can cancel, took no `signal` (refused as `options.signal: got {},
// expected no such option`) where nucleation(), runScreen(), compare() and runSweep() each take an AbortSignal: a script
// stopping all its work from one AbortController had to call w.cancel() by hand for this one.
test('simulateInWorker takes an AbortSignal: aborted, the run stops at its next batch (cancelled: true, checkpoint kept), as when aborted before the call; not a signal, one line naming it (review73)', async () => {
  const lib = await import('sacplate');
  const run = lib.resolveInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } });
  const outDir = mkdtempSync(join(tmpdir(), 'sacplate-wsignal-'));
  const before = await lib.simulateInWorker(run, { outDir, checkpointEvery_s: 60, signal: AbortSignal.abort() }).done;
  assert.equal(before.cancelled, true, 'a signal aborted before the call');
  assert.equal(before.steps.at(-1)?.ended, 'cancelled');
  assert.ok(existsSync(join(outDir, 'checkpoint.bin')), 'a cancel keeps the checkpoint for resume: true');
  // aborted after the call, before the worker has loaded (its first batch reads the flag)
  const stop = new AbortController();
  const w = lib.simulateInWorker(run, { chunk: 50, signal: stop.signal });
  stop.abort();
  assert.equal((await w.done).cancelled, true, 'a signal aborted while the run is under way');
  assert.throws(() => lib.simulateInWorker(run, { signal: 'stop' as never }), (e: unknown) => e instanceof lib.InputError && /^signal: got "stop", expected an AbortSignal/.test((e as Error).message));
});

// review73: simulateInWorker's result, the run a timer or a signal can stop, held metrics, files and steps but no trace
// (`trace` only with the workbench's `live` option, thinned, and `cycles` typed `unknown[]`): a script read its voltage
// trace back from outDir's eta.csv, and without outDir had none at all.
test('simulateInWorker without live gives simulate()\'s whole trace, cycle summary and voxel grid, typed (TraceColumns, CycleSummary, VoxelGrid), the same as simulate() of the run (review73)', async () => {
  const lib = await import('sacplate');
  const run = lib.resolveInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], output: { snapshots: false } });
  const w = await lib.simulateInWorker(run, { signal: new AbortController().signal }).done;
  const s = lib.simulate(run);
  assert.equal(w.cancelled, false, 'a signal never aborted does not stop the run');
  const trace: TraceColumns = w.trace, cycles: CycleSummary = w.cycles, grid: VoxelGrid = w.grid;
  assert.ok(trace.cell_voltage_mV.length > 2);
  assert.deepEqual(trace, s.trace);
  assert.deepEqual(cycles, s.cycles);
  assert.equal(cycles.cycles[0]?.ce, s.metrics.average_ce);
  assert.deepEqual({ ...grid, codes: [...grid.codes] }, { ...s.grid, codes: [...s.grid.codes] });
});

// mends92 (review73's found and left): runSeeds took no `signal` (`options.signal: got {}, expected no such option`):
// seeds on worker threads could be stopped from a script only by ending the process. Aborted, the seeds under way stop
// at their next batch, no seed starts after it, and the result holds the seeds that finished (`seeds`, `runs`, `stats`),
// the others in `unfinished`, and `cancelled: true`.
test('runSeeds takes an AbortSignal: aborted, no new seed starts, the seeds under way stop; the result keeps the finished seeds and names the others (mends92)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const before = await lib.runSeeds(run, [1, 2], { signal: AbortSignal.abort() });
  assert.deepEqual([before.cancelled, before.seeds, before.runs, before.unfinished, before.stats], [true, [], [], [1, 2], {}], 'aborted before the call: no seed runs');
  // one thread: the signal aborted when seed 1 is done; seeds 2 and 3 never start
  const stop = new AbortController();
  const r = await lib.runSeeds(run, [1, 2, 3], { threads: 1, signal: stop.signal, onDone: () => stop.abort() });
  assert.equal(r.cancelled, true);
  assert.deepEqual(r.seeds, [1]);
  assert.deepEqual(r.unfinished, [2, 3]);
  assert.equal(r.runs.length, 1);
  assert.deepEqual(r.runs[0]!.steps_ended, ['charge'], 'the finished seed ran to its end (its plate step to its charge)');
  assert.equal(r.stats.events?.mean, r.runs[0]!.events);
  // aborted while seed 4 is under way (its worker reads the flag at its first batch); seed 5 never starts
  const stop2 = new AbortController();
  const p = lib.runSeeds(run, [4, 5], { threads: 1, signal: stop2.signal });
  stop2.abort();
  const u = await p;
  assert.deepEqual([u.cancelled, u.seeds, u.unfinished], [true, [], [4, 5]]);
  // a signal never aborted: test/library-inputs.test.ts, "runSeeds takes a run object"
  await assert.rejects(lib.runSeeds(run, [1], { signal: 'stop' as never }), (e: unknown) => e instanceof lib.InputError && /^signal: got "stop", expected an AbortSignal/.test((e as Error).message));
});

// mends92 (review73's found and left): a refused AbortSignal, AbortController or other class instance was said `got {}`,
// and an option given as undefined `got nothing (field missing)`, a field the call had. Each says what it was.
test('a refused class instance is named by its class (an AbortSignal, an AbortController, not `got {}`), an option given as undefined reads `got undefined` (mends92)', async () => {
  const lib = await import('sacplate');
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  const said = (e: unknown, re: RegExp) => e instanceof lib.InputError && re.test(e.message) && !e.message.includes('\n');
  assert.throws(() => lib.simulate(run, { signal: new AbortController() as never }), (e: unknown) => said(e, /^signal: got an AbortController object, expected an AbortSignal/));
  await assert.rejects(lib.runPool([run], { signl: AbortSignal.abort() } as never), (e: unknown) => said(e, /^options\.signl: got an AbortSignal object, expected no such option/)); // runPool takes `signal` since mends98
  await assert.rejects(lib.runSeeds(run, [1], { treads: undefined } as never), (e: unknown) => said(e, /^options\.treads: got undefined, expected no such option \(did you mean "threads"\?\)/));
  await assert.rejects(lib.nucleation({ metal: 'Li', host: 'Cu', current_A_per_m2: 10 }, { atomistic: undefined } as never), (e: unknown) => said(e, /^options\.atomistic: got undefined, expected no such option/));
  assert.throws(() => lib.simulate(run, { seed: new Map([[1, 2]]) as never }), (e: unknown) => said(e, /^seed: got a Map object, expected/));
  // a plain map and a missing value read as before
  assert.throws(() => lib.simulate(run, { signal: {} as never }), (e: unknown) => said(e, /^signal: got \{\}, expected an AbortSignal/));
  assert.throws(() => new lib.Simulation(undefined as never), (e: unknown) => said(e, /^run: got nothing \(field missing\)/));
});

// mends92 (review73's found and left): params.listParams('electrolyte') was refused (`kind: got "electrolyte", expected
// metal, host, sac, or nothing for all`) though `sacplate params list --kind electrolyte` lists them: a script could learn
// what a run's `electrolyte:` takes only from an error message. The names are the ones a run takes.
test('params.listParams lists the electrolyte and SEI sets by kind, the names a run\'s electrolyte: and sei: take (mends92)', async () => {
  const lib = await import('sacplate');
  const el = lib.params.listParams('electrolyte');
  assert.ok(el.length >= 2 && el.every((p) => p.kind === 'electrolyte' && p.description !== '' && p.metals.length === 1), JSON.stringify(el));
  assert.ok(el.some((p) => p.name === 'LiPF6-EC-DMC'));
  for (const p of el) {
    const r = lib.resolveInput({ metal: p.metals[0], lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', electrolyte: p.name, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'] });
    assert.equal(r.transport?.electrolyte.name, p.name, `${p.name}: a run takes it`);
  }
  const sei = lib.params.listParams('sei');
  assert.ok(sei.length >= 1 && sei.every((p) => p.kind === 'sei') && sei.some((p) => p.name === 'carbonate'), JSON.stringify(sei));
});

// mends94 (mends92's leftover): params.listParams() with no kind left out the electrolyte and SEI sets, which `sacplate params
// list` added itself: a script listing "every set" missed the names a run's electrolyte: and sei: take
test('params.listParams() with no kind lists every set, the electrolyte and SEI sets too, and params list --json prints that list, each set once (mends94)', async () => {
  const lib = await import('sacplate');
  const all = lib.params.listParams();
  const kinds = ['metal', 'host', 'sac', 'electrolyte', 'sei'] as const;
  const byKind = kinds.flatMap((k) => lib.params.listParams(k));
  assert.deepEqual(all, byKind, 'no kind: each kind\'s list, in the order metal, host, sac, electrolyte, sei');
  for (const k of ['electrolyte', 'sei'] as const) assert.ok(all.some((p) => p.kind === k), `no kind: the ${k} sets are listed`);
  const r = await cli(['params', 'list', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { kind: string; name: string }[];
  assert.deepEqual(rows, JSON.parse(JSON.stringify(all)), 'the CLI prints the library\'s list');
  const keys = rows.map((p) => `${p.kind}:${p.name}`);
  assert.equal(new Set(keys).size, keys.length, `each set once: ${keys.join(', ')}`);
});

// mends92 (review73's found and left): run objects were typed Record<string, unknown> in simulate, resolveInput, runSeeds
// and simulateInWorker: a TypeScript user got no completion or check of the run keys. `RunInput` is the run file's keys
// (input/run-schema.ts runShape); the functions take it, and any map as before. Checked at compile time here (the test
// build fails on an unused @ts-expect-error) and at run time (the same mistakes refused).
test('RunInput types a run object: its keys complete and a misspelt key or a two-number size is a compile error; simulate and resolveInput take it (mends92)', async () => {
  const lib = await import('sacplate');
  const run: RunInput = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: 'Plate 0.0005 mAh/cm2 at 1 mA/cm2', output: { snapshots: false } };
  // @ts-expect-error a misspelt key in a typed run object
  const typo: RunInput = { metal: 'Li', latice: { size: [8, 8, 8] }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'] };
  // @ts-expect-error lattice.size is three integers
  const flat: RunInput = { ...run, lattice: { size: [8, 8] } };
  // @ts-expect-error cell.space_charge is off or chazalviel (review76: any string type-checked)
  const on: RunInput = { ...run, electrolyte: 'LiPF6-EC-DMC', cell: { space_charge: 'on' } };
  const every: Record<keyof RunInput, true> = {
    metal: true, temperature: true, lattice: true, host: true, sacs: true, protocol: true, seed: true, electrochem: true,
    output: true, parameters: true, kinetics: true, host_layers: true, electrolyte: true, cell: true, sei: true, model: true,
  };
  assert.equal(Object.keys(every).length, 16);
  assert.deepEqual(lib.resolveInput(run).lattice.size, [8, 8, 8]);
  assert.equal(lib.simulate(run, { eventLimit: 1 }).cancelled, false);
  assert.throws(() => lib.resolveInput(typo), (e: Error) => /^latice: got .*did you mean "lattice"/.test(e.message));
  assert.throws(() => lib.resolveInput(flat), (e: Error) => /^lattice\.size: got \[8,8\]/.test(e.message));
  assert.throws(() => lib.resolveInput(on), (e: Error) => /^cell\.space_charge: got "on", expected off \(the default\) or chazalviel/.test(e.message));
  const chazalviel: RunInput = { ...run, electrolyte: 'LiPF6-EC-DMC', cell: { space_charge: 'chazalviel' } };
  assert.equal(lib.resolveInput(chazalviel).transport?.space_charge, 'chazalviel');
});

// review65: RunInput's protocol entries were `unknown` (the schema's lazy entry is typed by its output only), so a
// TypeScript user's `protocol: [42]` or `{ repeat: 2, stepz: [...] }` compiled and was refused only when the run was read
test('RunInput types the protocol: each entry a step\'s text or { repeat, steps }, nested; a number or a misspelt block key is a compile error (review65)', async () => {
  const lib = await import('sacplate');
  const run: RunInput = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', output: { snapshots: false },
    protocol: ['Rest for 1 s', { repeat: 2, steps: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', { repeat: 1, steps: ['Rest for 1 s'] }] }] };
  // @ts-expect-error a step is its text, not a number
  const num: RunInput = { ...run, protocol: [42] };
  // @ts-expect-error a repeat block has the keys repeat and steps
  const block: RunInput = { ...run, protocol: [{ repeat: 2, stepz: ['Rest for 1 s'] }] };
  // @ts-expect-error a repeat block's count is a number
  const count: RunInput = { ...run, protocol: [{ repeat: '2', steps: ['Rest for 1 s'] }] };
  assert.equal(lib.resolveInput(run).protocol.length, 2);
  assert.throws(() => lib.resolveInput(num), (e: Error) => /^protocol\[0\]: got 42, expected a step string or a repeat block/.test(e.message));
  assert.throws(() => lib.resolveInput(block), (e: Error) => /^protocol\[0\]\.stepz: got .*did you mean "steps"/.test(e.message));
  assert.throws(() => lib.resolveInput(count), (e: Error) => /^protocol\[0\]\.repeat: got "2"/.test(e.message));
});

// review80: a script had no way to the run file's JSON Schema (the Run form's, GET /api/schema/run) without starting
// `sacplate serve`; the package gives it, with migstudy's cell.migration and its two words
test('runJsonSchema() from the package is the run file\'s JSON Schema, the workbench\'s: cell.migration off | ohmic among its keys; RunInput types the key (review80)', async () => {
  const lib = await import('sacplate') as unknown as Record<string, unknown>;
  assert.equal(typeof lib.runJsonSchema, 'function', 'runJsonSchema exported');
  const js = (lib.runJsonSchema as () => { properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> })();
  const { runJsonSchema } = await import('../src/input/schema.js');
  assert.deepEqual(js, runJsonSchema(), 'the same document GET /api/schema/run serves');
  assert.deepEqual(js.properties.cell!.properties!.migration!.enum, ['off', 'ohmic']);
  assert.deepEqual(js.properties.cell!.properties!.space_charge!.enum, ['off', 'chazalviel']);
  const run: RunInput = { metal: 'Li', lattice: { size: [4, 4, 8], voxel: '100 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], electrolyte: 'LiPF6-EC-DMC', cell: { migration: 'ohmic' } };
  // @ts-expect-error cell.migration is off or ohmic
  const typo: RunInput = { ...run, cell: { migration: 'ohmik' } };
  assert.ok(run && typo);
});

// mends94 (mends92's leftover): compare() and runSweep() took objects typed Record<string, unknown>: no completion or check of
// their keys. CompareInput (the base run's keys and variants) and SweepInput (SWEEP_KEYS) type them; types only: the same
// objects are read at run time as before (checked here by their parsers, no run).
test('CompareInput and SweepInput type a comparison and a sweep object: a misspelt key is a compile error; their parsers read them (mends94)', async () => {
  const lib = await import('sacplate');
  const { RUN_KEYS } = await import('../src/input/run-schema.js');
  const { SWEEP_KEYS, parseSweep } = await import('../src/sweep/spec.js');
  const base: RunInput = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: 'Plate 0.0005 mAh/cm2 at 1 mA/cm2', output: { snapshots: false } };
  const cmp: CompareInput = { ...base, variants: [{ name: 'Cu' }, { name: 'graphene', host: 'graphene' }] };
  // @ts-expect-error a variant needs its name
  const nameless: CompareInput = { ...base, variants: [{ host: 'graphene' }] };
  // @ts-expect-error a misspelt run key in a variant
  const typo: CompareInput = { ...base, variants: [{ name: 'g', hots: 'graphene' }] };
  const sweep: SweepInput = { name: 'typed', base, axes: { 'lattice.size[0]': [8, 12] }, seeds: [1, 2] };
  // @ts-expect-error `seed` is not a sweep key (seeds)
  const seed: SweepInput = { base, axes: {}, seed: [1] };
  // @ts-expect-error mode is cartesian or zip
  const grid: SweepInput = { base: 'run.yaml', mode: 'grid' };
  const cmpKeys: Record<keyof CompareInput, true> = {
    metal: true, temperature: true, lattice: true, host: true, sacs: true, protocol: true, seed: true, electrochem: true,
    output: true, parameters: true, kinetics: true, host_layers: true, electrolyte: true, cell: true, sei: true, model: true, variants: true, baseline: true, measured: true,
  };
  assert.deepEqual(Object.keys(cmpKeys).sort(), [...RUN_KEYS, 'variants', 'baseline', 'measured'].sort(), 'CompareInput: the run keys, variants, baseline (cmp64) and measured (measured70b)');
  const sweepKeys: Record<keyof SweepInput, true> = { name: true, base: true, mode: true, axes: true, seeds: true, description: true };
  assert.deepEqual(Object.keys(sweepKeys).sort(), [...SWEEP_KEYS].sort(), 'SweepInput: the sweep keys');
  // what compare() and runSweep() take (types: a typed object is an argument of each)
  const takes: [(i: CompareInput) => unknown, (i: SweepInput) => unknown] = [lib.compare, lib.runSweep];
  assert.equal(takes.length, 2);
  assert.deepEqual(lib.parseCompareInput(cmp).map((c) => [c.name, c.run.host.name]), [['Cu', 'Cu'], ['graphene', 'graphene']]);
  assert.throws(() => lib.parseCompareInput(typo), (e: Error) => /^variants\[0\]\.hots: .*did you mean "host"/.test(e.message));
  assert.throws(() => lib.parseCompareInput(nameless), (e: Error) => /^variants\[0\]\.name: /.test(e.message));
  const spec = parseSweep(sweep);
  assert.deepEqual([spec.name, spec.axes, spec.seeds], ['typed', [{ path: 'lattice.size[0]', values: [8, 12] }], [1, 2]]);
  assert.throws(() => parseSweep(seed), (e: Error) => /seed/.test(e.message));
  assert.throws(() => parseSweep(grid, { baseDir: '/nonexistent-mends94' }), (e: Error) => /run\.yaml|mode/.test(e.message));
});

// mends98 (mends92 left it): runPool took no `signal` (`options.signal: got an AbortSignal object, expected no such
// option`), so runs on the pool could be stopped from a script only by ending the process, where runSeeds could be.
test('runPool takes an AbortSignal: aborted when the first run finishes, that run\'s metrics are kept and the runs not finished are undefined (mends98)', async () => {
  const lib = await import('sacplate');
  const { TIMING_METRICS } = await import('../src/sweep/results.js');
  const deterministic = (m: object | undefined) => Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => !TIMING_METRICS.includes(k)));
  const run = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } } as const;
  // one thread: the signal aborted when run 0 is done; runs 1 and 2 never start
  const stop = new AbortController();
  const done: number[] = [];
  const r = await lib.runPool([1, 2, 3].map((seed) => ({ ...run, seed })), { threads: 1, signal: stop.signal, onDone: (i) => { done.push(i); stop.abort(); } });
  assert.deepEqual(done, [0]);
  assert.equal(r.length, 3);
  assert.deepEqual([r[1], r[2]], [undefined, undefined]);
  assert.deepEqual(deterministic(r[0]), deterministic(lib.simulate({ ...run, seed: 1 }).metrics), 'the finished run is the run simulate() gives');
  // aborted before the call: no run starts
  assert.deepEqual(await lib.runPool([run, run], { signal: AbortSignal.abort() }), [undefined, undefined]);
  await assert.rejects(lib.runPool([run], { signal: 'stop' as never }), (e: unknown) => e instanceof lib.InputError && /^signal: got "stop", expected an AbortSignal/.test((e as Error).message));
});

// apidoc83 (review83 finding 10): the package entry had 59 runtime exports, engine internals among them, and docs/api.md
// named DEFAULT_WINDOW_EVENTS nowhere. Its "Every export" section lists each runtime export once, the public API first and
// the "Engine internals (no stability promise)" after it, so the list and the package cannot drift apart; each type the
// entry exports is named in the page too.
test('apidoc83: docs/api.md "Every export" lists exactly the package entry\'s runtime exports, public then engine internals, and names every exported type', async () => {
  const { readFileSync } = await import('node:fs');
  const lib = await import('sacplate');
  const api = readFileSync('docs/api.md', 'utf8');
  assert.deepEqual(Object.keys(lib).filter((n) => !api.includes(`\`${n}\``)), [], 'runtime exports named nowhere in docs/api.md');
  const start = api.indexOf('\n## Every export\n');
  assert.ok(start > 0, 'docs/api.md has a section "## Every export"');
  const section = api.slice(start, api.indexOf('\n## ', start + 5) === -1 ? undefined : api.indexOf('\n## ', start + 5));
  const internalsAt = section.indexOf('\n### Engine internals (no stability promise)\n');
  assert.ok(internalsAt > 0, 'with a subsection "### Engine internals (no stability promise)"');
  const listed = (text: string) => [...text.matchAll(/^(?:\| |- )`([A-Za-z_$][\w$]*)`/gm)].map((m) => m[1]!);
  const pub = listed(section.slice(0, internalsAt));
  const internal = listed(section.slice(internalsAt));
  const all = [...pub, ...internal];
  assert.equal(new Set(all).size, all.length, `each export listed once: ${all.filter((n, i) => all.indexOf(n) !== i).join(', ')}`);
  assert.deepEqual([...all].sort(), Object.keys(lib).sort(), 'the runtime exports of src/index.ts');
  for (const n of ['ClassSolver', 'PlatingApp', 'DiffusionApp', 'Rng', 'Connectivity', 'PLATING_CHANNELS', 'DEFAULT_WINDOW_EVENTS']) assert.ok(internal.includes(n), `${n} is an engine internal`);
  for (const n of ['simulate', 'nucleation', 'runScreen', 'compare', 'runSweep', 'analyzeFile', 'openStore', 'InputError']) assert.ok(pub.includes(n), `${n} is public`);
  // the types: every `type X` the entry exports is named in backticks on the page
  const entry = readFileSync('src/index.ts', 'utf8');
  const types = [...entry.matchAll(/\btype\s+([A-Z]\w*)/g)].map((m) => m[1]!);
  for (const block of entry.matchAll(/export type \{([^}]+)\}/g)) types.push(...block[1]!.split(',').map((s) => s.trim()).filter(Boolean));
  assert.ok(types.length > 40, `${types.length} types`);
  assert.deepEqual([...new Set(types)].filter((t) => !api.includes(`\`${t}\``)), [], 'types not named in docs/api.md');
});

test('simulate(): the input warnings the CLI prints are in metrics.warnings, and docs/api.md says so (mends126; review90 F6)', async () => {
  const { readFileSync } = await import('node:fs');
  const lib = await import('sacplate');
  // review90's case: 3 mAh/cm2 in a 160 nm tall box, one event
  const r = lib.simulate({ metal: 'Li', host: 'graphene', lattice: { size: [10, 10, 8], voxel: '20 nm' }, protocol: ['Plate 3 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false } }, { eventLimit: 1 });
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-r90-')), 'run.yaml');
  writeFileSync(file, 'metal: Li\nhost: graphene\nlattice: { size: [10, 10, 8], voxel: 20 nm }\nprotocol: [Plate 3 mAh/cm2 at 1 mA/cm2]\nseed: 1\noutput: { snapshots: false }\n');
  const cliLines = await cli(['simulate', file, '--max-events', '1', '--no-store']);
  assert.ok((r.metrics.warnings ?? []).length > 0, 'a warning for the box');
  for (const w of r.metrics.warnings!) assert.ok(cliLines.stderr.includes(w) || cliLines.stdout.includes(w), `${w} is a line the CLI prints`);
  const api = readFileSync('docs/api.md', 'utf8');
  assert.match(api, /`metrics\.warnings`/, 'docs/api.md names metrics.warnings');
});

test('robust62: the engine internals Rng.int and ClassSolver refuse what would hang or throw a RangeError: int(NaN), int(undefined), int(2^40) looped for ever (the rejection loop never accepts); ClassSolver(1, 1e10) a RangeError, ClassSolver([]) and duplicate channel names a plain Error', async () => {
  const lib = await import('sacplate');
  // in a child process with a time limit: before the fix each call never returned
  const script = `import('sacplate').then((m) => { const r = new m.Rng(1); for (const n of [NaN, undefined, 'abc', 2 ** 40, 2 ** 32 + 1, Infinity]) { try { r.int(n); console.log('returned', String(n)); } catch (e) { console.log(e.name + ': ' + e.message); } } console.log(r.int(2 ** 32) >= 0, r.int(3) < 3); });`;
  const { spawnSync } = await import('node:child_process');
  const c = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20000 });
  assert.equal(c.signal, null, 'returned (did not hang)');
  const lines = c.stdout.trim().split('\n');
  assert.equal(lines.length, 7, c.stdout + c.stderr);
  for (const [i, v] of ['NaN', 'undefined', '"abc"', '1099511627776', '4294967297', 'Infinity'].entries()) {
    assert.equal(lines[i], `InputError: n: got ${v === 'undefined' ? 'nothing (field missing)' : v}, expected a whole number of outcomes from 1 to 2^32 (4294967296)`);
  }
  assert.equal(lines[6], 'true true', 'int(2^32) and small n still draw');
  const make = (C: unknown) => (...a: unknown[]) => new (C as new (...x: unknown[]) => unknown)(...a);
  for (const [what, f, re] of [
    ['ClassSolver(1, 1e10): RangeError', () => make(lib.ClassSolver)(1, 1e10), /^initialEntities: got 10000000000, expected an integer from 0 to 1073741824 \(entities to make room for\)$/],
    ['ClassSolver([])', () => make(lib.ClassSolver)([]), /^channels: got \[\], expected a number of channels from 1 to 255, or a list of \{ name \} channel specs/],
    ['ClassSolver(two named a)', () => make(lib.ClassSolver)([{ name: 'a' }, { name: 'a' }]), /^channels: got \[\{"name":"a"\},\{"name":"a"\}\], expected .*, with unique channel names \("a" twice\)$/],
  ] as const) {
    assert.throws(f, (e: unknown) => e instanceof lib.InputError && re.test(e.message), what);
  }
});

// mends65b (review65's friction): the library's trace and steps gave the charge in C/cm2 only, while eta.csv and
// steps.csv add charge_mAh_per_cm2 (mends117): a script converted by hand. simulate()'s trace and steps (and so
// simulateInWorker's, the same result) carry charge_mAh_per_cm2 beside charge_C_per_cm2, the CSVs' very column.
test('simulate()\'s trace and steps carry charge_mAh_per_cm2 beside charge_C_per_cm2, as eta.csv and steps.csv (mends65b)', async () => {
  const { readFileSync } = await import('node:fs');
  const lib = await import('sacplate');
  const out = join(mkdtempSync(join(tmpdir(), 'sacplate-mah-')), 'run');
  const r = lib.simulate({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], output: { snapshots: false } }, { outDir: out });
  const csv = (f: string, col: string) => {
    const [head, ...rows] = readFileSync(join(out, f), 'utf8').trim().split('\n');
    const i = head!.split(',').indexOf(col);
    assert.ok(i >= 0, `${f} has ${col}`);
    return rows.map((l) => Number(l.split(',')[i]));
  };
  const trace = r.trace;
  const mAh: number[] = trace.charge_mAh_per_cm2;
  assert.equal(mAh.length, trace.charge_C_per_cm2.length);
  assert.ok(mAh.some((x) => x > 0));
  // the CSVs write 12 significant digits (io/csv.ts); the library gives the number whole
  const p12 = (xs: number[]) => xs.map((x) => (Number.isInteger(x) ? x : Number(x.toPrecision(12))));
  assert.deepEqual(p12(mAh), csv('eta.csv', 'charge_mAh_per_cm2'));
  const steps: number[] = r.steps.map((s) => s.charge_mAh_per_cm2);
  assert.deepEqual(p12(steps), csv('steps.csv', 'charge_mAh_per_cm2'));
  assert.ok(Math.abs(steps[0]! - 0.0005) < 1e-4, `${steps[0]} mAh/cm2 plated`);
  assert.deepEqual(p12(r.steps.map((s) => s.charge_C_per_cm2)), csv('steps.csv', 'charge_C_per_cm2'), 'the C/cm2 field is kept');
});

// polish65 (mends65b left it): the Simulation class's own trace, which a script reads while the run goes on, gave the
// charge in C/cm2 only; it has charge_mAh_per_cm2 beside it, the numbers simulate() returns for the same run
test('the Simulation class\'s live trace has charge_mAh_per_cm2 beside charge_C_per_cm2, mid-run and at the end, as simulate() (polish65)', async () => {
  const lib = await import('sacplate');
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', seed: 4, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], output: { snapshots: false } } as const;
  const sim = new lib.Simulation(lib.resolveInput(input));
  const seen: [number, number[]][] = [];
  sim.runAll({ onStepEnd: (s) => { seen.push([s.trace.charge_C_per_cm2.length, [...s.trace.charge_mAh_per_cm2]]); } });
  assert.equal(seen.length, 2);
  for (const [rows, mAh] of seen) assert.equal(mAh.length, rows, 'one value a row so far');
  assert.ok(seen[0]![1].some((x) => x > 0));
  const r = lib.simulate(input);
  assert.deepEqual(sim.trace.charge_mAh_per_cm2, r.trace.charge_mAh_per_cm2);
  assert.deepEqual(seen[0]![1], r.trace.charge_mAh_per_cm2.slice(0, seen[0]![0]), 'mid-run: the first step\'s rows');
  // derived from the C/cm2 column when read, not a column of its own: the checkpoint's record and JSON of the trace
  // hold the engine's columns only
  assert.ok(!Object.keys(sim.trace).includes('charge_mAh_per_cm2'));
});

// mends66 (closing note 65 left it): the live trace's charge_mAh_per_cm2 was a new array of every row on each read, so a
// script's loop indexing it row by row (trace.charge_mAh_per_cm2[i]) was quadratic in the rows. Now one array while the
// trace has no new row (frozen: the reads share it), the same numbers as charge_C_per_cm2 / 3.6
test('the Simulation\'s live trace.charge_mAh_per_cm2 is the same array on each read while the trace has no new row, a new one after, with the values charge_C_per_cm2 / 3.6 (mends66)', async () => {
  const lib = await import('sacplate');
  const { C_PER_MAH } = await import('../src/units.js');
  const { chargeMAhColumn, traceRowsEdited } = await import('../src/simulation/trace-mah.js');
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', seed: 4, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], output: { snapshots: false } } as const;
  const sim = new lib.Simulation(lib.resolveInput(input));
  const byStep: number[][] = [];
  const same = (tr: { charge_mAh_per_cm2: number[]; charge_C_per_cm2: number[] }) => {
    const a = tr.charge_mAh_per_cm2;
    // 1000 reads, none building a new array
    for (let i = 0; i < 1000; i++) assert.equal(tr.charge_mAh_per_cm2, a, `read ${i} returned another array`);
    assert.deepEqual([...a], Array.from(tr.charge_C_per_cm2, (q) => q / C_PER_MAH));
    return a;
  };
  sim.runAll({ onStepEnd: (s) => { byStep.push(same(s.trace)); } });
  assert.equal(byStep.length, 2);
  assert.ok(byStep[1]!.length > byStep[0]!.length, 'the strip added rows');
  assert.notEqual(byStep[1], byStep[0], 'a new array once the trace has new rows');
  const tr = sim.trace;
  const end = same(tr);
  // a loop over the rows that reads the property each time
  for (let i = 0; i < tr.charge_C_per_cm2.length; i++) assert.equal(tr.charge_mAh_per_cm2[i], tr.charge_C_per_cm2[i]! / C_PER_MAH);
  assert.equal(tr.charge_mAh_per_cm2, end);
  assert.throws(() => { tr.charge_mAh_per_cm2.push(1); }, TypeError, 'frozen: a change would reach the next read');
  assert.ok(!Object.keys(tr).includes('charge_mAh_per_cm2'), 'not a column of the trace\'s own');
  // rows the engine edits in place (a pulse's rest thinning splices them, a checkpoint's restore writes them back) are
  // derived again once it says so, whatever the length
  const t = { charge_C_per_cm2: [3.6, 7.2, 10.8] };
  const before = chargeMAhColumn(t);
  t.charge_C_per_cm2.splice(1, 1);
  t.charge_C_per_cm2.push(36);
  traceRowsEdited(t);
  assert.deepEqual([...chargeMAhColumn(t)], [1, 3, 10]);
  assert.notEqual(chargeMAhColumn(t), before);
  t.charge_C_per_cm2 = [7.2];
  assert.deepEqual([...chargeMAhColumn(t)], [2], 'a column replaced by another array');
});

// polish65b (polish65 left it): the Simulation class's stepResults (and the step onStepEnd is given) had the charge in
// C/cm2 only, while simulate()'s steps have charge_mAh_per_cm2 beside it; they have it now, and a Simulation resumed from a
// checkpoint has it on the steps finished before the checkpoint
test('the Simulation class\'s stepResults have charge_mAh_per_cm2, at each step\'s end, at the end and after a resume, as simulate()\'s steps (polish65b)', async () => {
  const lib = await import('sacplate');
  const input = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '50 nm' }, host: 'Cu', seed: 4, protocol: ['Plate 0.0005 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'], output: { snapshots: false } } as const;
  const want = lib.simulate(input).steps.map((s) => s.charge_mAh_per_cm2);
  assert.ok(Math.abs(want[0]! - 0.0005) < 1e-4 && want[1]! < 0, `simulate()'s steps: ${want.join(', ')} mAh/cm2`);
  const sim = new lib.Simulation(lib.resolveInput(input));
  const seen: number[] = [];
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-livestep-')), 'checkpoint.bin');
  let written = false;
  sim.runAll({
    onStepEnd: (_s, r) => { seen.push(r.charge_mAh_per_cm2); },
    // every look: the first one with a step finished is the second step's start
    checkpoint: { every_s: 0, write: (s, st) => { if (!written && s.stepResults.length === 1) { lib.writeCheckpoint(file, s, st); written = true; } } },
  });
  assert.deepEqual(seen, want, 'the step onStepEnd is given');
  assert.deepEqual(sim.stepResults.map((s) => s.charge_mAh_per_cm2), want, 'stepResults at the end');
  assert.ok(written, 'a checkpoint at the second step\'s start');
  const resumed = lib.resumeSimulation(file);
  assert.deepEqual(resumed.stepResults.map((s) => s.charge_mAh_per_cm2), want.slice(0, 1), 'the step finished before the checkpoint');
  resumed.runAll();
  assert.deepEqual(resumed.stepResults.map((s) => s.charge_mAh_per_cm2), want, 'the resumed run\'s steps');
  // derived from charge_C_per_cm2 when read, not a field of its own: the checkpoint's record and JSON of a step hold the engine's fields
  assert.ok(!Object.keys(sim.stepResults[0]!).includes('charge_mAh_per_cm2'));
});

// audit69b: a Simulation driven step by step with runStep() (each step's result not pushed to sim.stepResults) gave
// computeMetrics(sim) a nucleation_overpotential_mV of null after its plate (runAll's: 4.15 mV), and after a whole
// Li||Cu protocol computeMetrics, cycleSummary and writeOutputs threw `TypeError: Cannot read properties of undefined
// (reading 'index')` from inside cycles.ts. The trace held the steps, stepResults did not: refused naming `sim`.
test('computeMetrics, cycleSummary, writeOutputs: a Simulation whose trace holds a step its stepResults do not (runStep without a push) is an InputError naming sim, not a TypeError or a null figure (audit69b)', async () => {
  const lib = await import('sacplate');
  const run = lib.resolveInput({ metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', seed: 1, output: { snapshots: false },
    protocol: ['Plate 0.0002 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 200 mV'] });
  const sim = new lib.Simulation(run);
  sim.runStep(sim.steps[0]!);
  const re = /^sim: got a Simulation whose trace holds step 0 \("Plate 0\.0002 mAh\/cm2 at 1 mA\/cm2"\) without its result in sim\.stepResults, expected .*runAll\(\)/;
  const oneLine = (e: unknown) => e instanceof lib.InputError && re.test(e.message) && !e.message.includes('\n');
  assert.throws(() => lib.computeMetrics(sim), oneLine, 'computeMetrics after one runStep');
  sim.runStep(sim.steps[1]!);
  assert.throws(() => lib.cycleSummary(sim), oneLine, 'cycleSummary');
  assert.throws(() => lib.computeMetrics(sim), oneLine, 'computeMetrics');
  assert.throws(() => lib.writeOutputs(sim, mkdtempSync(join(tmpdir(), 'sacplate-audit69b-')), {} as never), oneLine, 'writeOutputs');
  // the same steps with their results pushed read as runAll's run
  const pushed = new lib.Simulation(run);
  for (const fs of pushed.steps) pushed.stepResults.push(pushed.runStep(fs));
  const all = new lib.Simulation(run);
  all.runAll();
  assert.equal(lib.computeMetrics(pushed).nucleation_overpotential_mV, lib.computeMetrics(all).nucleation_overpotential_mV);
  assert.equal(lib.cycleSummary(pushed).average_ce, lib.cycleSummary(all).average_ce);
  // a Simulation that has run nothing has nothing to refuse
  assert.equal(lib.cycleSummary(new lib.Simulation(run)).cycles.length, 0);
});
