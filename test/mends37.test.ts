/**
 * Session 31, task mends37: defects earlier sessions noticed and left alone, each test failing on the code before its
 * fix. (1) A quantity whose number is beyond a double's range and whose unit is unknown ("1e400 furlongs") said the
 * number was too large: the unknown unit is the first thing wrong, and it is said (field, value, units accepted).
 * (2) A bare `.inf` or `.nan` (YAML; no unit) said "expected a temperature with a unit": it is not a finite
 * temperature, refused as "1e400 K" is (with the field's range, or without one, "with a finite number").
 * (3) The store API's `RunRecord.metrics` was typed `unknown`: it is the simulator's `Metrics` (Partial, with the
 * keys of a run that did not run), so a TypeScript script reads its keys; this file does not compile with `unknown`
 * (nor with `any`: the @ts-expect-error below would be unused). Since mends38 a sweep row's (`store.sweepRows()`)
 * metrics are typed the same way (they were `Record<string, unknown>`), read from a tiny sweep in the test's store.
 * (5) The sector scheme (src/parallel/) added the whole tau of its last cycle to the kMC clock though the step ends
 * at its target within the cycle: the clock now ends at the box's last event (the serial engine's convention).
 * (6) Any RangeError reached the CLI as "input too large for this machine or nested too deeply", exit 2: the code's
 * own RangeErrors (an invariant, an internal argument) are internal errors now (exit 1, "please report"), on the main
 * thread and from a worker; an input too large or nested too deeply keeps exit 2, and the sector scheme's thread
 * checks the protocol with an InputError (its RangeError was the one input check left).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateRunInput } from '../src/input/schema.js';
import { parseQuantity } from '../src/units.js';
import { openStore, runSweep, simulate, type Metrics, type RunRecord, type RunRecordMetrics, type SweepRow } from '../src/index.js';
import { openStore as openStoreFile } from '../src/store/index.js';
import { runSectors } from '../src/parallel/sector-run.js';
import { sectorStep } from '../src/parallel/sectors.js';
import { parseRunInput } from '../src/input/parse.js';
import { reviveError, type SerialisedError } from '../src/simulation/worker-errors.js';
import { describeFailure } from '../src/cli/failure.js';
import { InputError } from '../src/errors.js';
import { cli } from './helpers/cli.js';

const INPUT = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2'], seed: 3 };
const refused = (patch: Record<string, unknown>): string => {
  try { validateRunInput({ ...INPUT, ...patch }); } catch (e) { return (e as Error).message; }
  return 'accepted';
};

test('"1e400 furlongs": the unknown unit is refused first (field, value, units accepted), not the number beyond a double\'s range', () => {
  assert.equal(refused({ temperature: '1e400 furlongs' }),
    'temperature: got "1e400 furlongs", expected a temperature in K (kelvin) or degC, e.g. "25 degC" or "298.15 K"');
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: '1e400 furlongs' } }),
    'lattice.voxel: got "1e400 furlongs", expected a length; unknown unit "furlongs", e.g. "0.30 nm"');
  assert.equal(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 furlongs'] }),
    'protocol[0]: got "Plate 0.01 mAh/cm2 at 1e400 furlongs", expected a current density after "at" (e.g. "at 1 mA/cm2" or "at 10 A/m2"), not "1e400 furlongs"');
  assert.equal(refused({ protocol: ['Pulse at 1e400 furlongs for 1 ms, rest 3 ms, 2 mAh/cm2'] }),
    'protocol[0]: got "Pulse at 1e400 furlongs for 1 ms, rest 3 ms, 2 mAh/cm2", expected a positive current density after "at" (e.g. 3 mA/cm2), not "1e400 furlongs"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: '1e400 furlongs' } } } }),
    'parameters.metals.Li.bond: got "1e400 furlongs", expected an energy; unknown unit "furlongs", e.g. "0.10 eV"');
  // a known unit of another kind is refused for its unit too
  assert.throws(() => parseQuantity('i', '1e400 mA', 'currentDensity'), (e: Error) => e.message === 'i: got "1e400 mA", expected a current density (unit like mA/cm2), not "mA"');
  // the right unit with an overflowing number still says the number (mends35)
  assert.throws(() => parseQuantity('i', '1e400 mA/cm2', 'currentDensity'), /1e400 is beyond the largest number/);
  assert.match(refused({ protocol: ['Plate 0.01 mAh/cm2 at 1e400 mA/cm2'] }), /with a finite number .*1e400 is beyond the largest number/);
});

test('a bare .inf or .nan (YAML, no unit) is refused as not finite, with the field\'s range as "1e400 K" is, not "with a unit"', () => {
  const T = 'expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"';
  assert.equal(refused({ temperature: Infinity }), `temperature: got Infinity, ${T}`);
  assert.equal(refused({ temperature: -Infinity }), `temperature: got -Infinity, ${T}`);
  assert.equal(refused({ temperature: NaN }), `temperature: got NaN, ${T}`);
  assert.equal(refused({ temperature: '1e400 K' }), `temperature: got "1e400 K", ${T}`);
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: Infinity } }), 'lattice.voxel: got Infinity, expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(refused({ parameters: { metals: { Li: { bond: Infinity } } } }), 'parameters.metals.Li.bond: got Infinity, expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"');
  // the unit parser itself, for a caller without a range
  assert.throws(() => parseQuantity('T', Infinity, 'temperature'), (e: Error) => e.message === 'T: got Infinity, expected a temperature with a finite number (Infinity is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('f', NaN, 'fraction'), (e: Error) => e.message === 'f: got NaN, expected a fraction with a finite number (NaN is not finite), e.g. "2 %"');
  // a finite bare number still lacks its unit
  assert.equal(refused({ temperature: 300 }), 'temperature: got 300, expected a temperature with a unit, e.g. "25 degC"');
});

test('review31: {value: .inf, unit: K} (the object form) is refused as not finite, as a bare .inf is; the message shows Infinity and NaN, not null', () => {
  // the unit parser returned Infinity and NaN for these (a library caller got NaN K back)
  assert.throws(() => parseQuantity('T', { value: Infinity, unit: 'K' }, 'temperature'), (e: Error) => e.message === 'T: got {"value":Infinity,"unit":"K"}, expected a temperature with a finite number (Infinity is not finite), e.g. "25 degC"');
  assert.throws(() => parseQuantity('a', { value: NaN, unit: 'nm' }, 'length'), (e: Error) => e.message === 'a: got {"value":NaN,"unit":"nm"}, expected a length with a finite number (NaN is not finite), e.g. "0.30 nm"');
  assert.throws(() => parseQuantity('a', { value: -Infinity, unit: 'furlongs' }, 'length'), /unknown unit "furlongs"/, 'the unit is said first');
  // a run file's field with its range, the value shown as given (it read {"value":null,"unit":"K"})
  assert.equal(refused({ temperature: { value: NaN, unit: 'K' } }), 'temperature: got {"value":NaN,"unit":"K"}, expected a temperature from 150 to 400 K (-123 to 127 degC), e.g. "25 degC" or "298.15 K"');
  assert.equal(refused({ lattice: { size: [8, 8, 8], voxel: { value: Infinity, unit: 'nm' } } }), 'lattice.voxel: got {"value":Infinity,"unit":"nm"}, expected a voxel edge from 0.05 nm to 100 um, e.g. "0.30 nm"');
  assert.equal(parseQuantity('a', { value: 3, unit: 'nm' }, 'length'), parseQuantity('a', '3 nm', 'length'), 'a finite one as before');
});

test('openStore(): a run record\'s metrics are typed with the simulator\'s Metrics (a script reads their keys), and hold the run\'s', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-mends37-')), 'store.db');
  const m = simulate({ ...INPUT, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }).metrics;
  const writer = openStoreFile(db);
  const id = writer.recordRun({ name: 'typed', input: INPUT, metrics: m });
  writer.close();
  const store = openStore(db);
  try {
    const rec: RunRecord = store.getRun(id)!;
    // compile-level: these read typed keys (with `metrics: unknown` they do not compile)
    const events: number | null | undefined = rec.metrics.events;
    const metal: string | undefined = rec.metrics.metal;
    const eta: number | null | undefined = rec.metrics.nucleation_overpotential_mV;
    // @ts-expect-error a metric's type is kept: events is a number, not a text (unused, an error, were metrics `any`)
    const wrong: string | undefined = rec.metrics.events;
    // every key of Metrics is one of a record's (the type is Metrics', not a copy that could drift)
    const full: RunRecordMetrics = m satisfies Metrics;
    // a number read back may be null (JSON writes NaN as null): a script is told so by the type
    // @ts-expect-error number | null | undefined is not a number
    const notNull: number = rec.metrics.nucleation_overpotential_mV;
    assert.ok(notNull === null || typeof notNull === 'number');
    assert.equal(events, m.events);
    assert.ok(m.events > 0);
    assert.equal(metal, 'Li');
    assert.equal(eta, Number.isNaN(m.nucleation_overpotential_mV) ? null : m.nucleation_overpotential_mV, 'a NaN is null, as JSON writes it');
    assert.equal(wrong, m.events);
    assert.deepEqual(rec.metrics, JSON.parse(JSON.stringify(full)));
  } finally {
    store.close();
  }
});

test('openStore(): a sweep row\'s metrics are typed with the simulator\'s Metrics too (mends38), and hold the task\'s, a NaN kept', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sacplate-mends38-')), 'store.db');
  const base = { ...INPUT, protocol: ['Plate 0.00005 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } };
  await runSweep({ name: 'typed-rows', base, axes: { host: ['Cu'] }, seeds: [3] }, { db, threads: 1 });
  const m = simulate({ ...base, seed: 3 }).metrics;
  const store = openStore(db);
  try {
    const row: SweepRow = store.sweepRows('typed-rows')[0]!;
    assert.equal(row.status, 'done');
    const metrics = row.metrics!;
    // compile-level: typed keys (with `metrics: Record<string, unknown>` or `unknown` they do not compile)
    const events: number | undefined = metrics.events;
    const metal: string | undefined = metrics.metal;
    // the store spells a NaN out and gives it back: a number, not null
    const eta: number | undefined = metrics.nucleation_overpotential_mV;
    // @ts-expect-error a metric's type is kept: events is a number, not a text (unused, an error, were metrics `any`)
    const wrong: string | undefined = metrics.events;
    // a key read by its name (a table's column) is still allowed: unknown
    const byName: unknown = metrics['events' as string];
    assert.equal(events, m.events);
    assert.ok(m.events > 0);
    assert.equal(metal, 'Li');
    assert.ok(Object.is(eta, m.nucleation_overpotential_mV), `${eta} for ${m.nucleation_overpotential_mV}`);
    assert.equal(wrong, m.events);
    assert.equal(byName, m.events);
    assert.equal(metrics.seed, 3);
  } finally {
    store.close();
  }
});

test('sector scheme: a step that ends at its charge within a cycle ends its kMC clock at the box\'s last event, not at T + tau', async () => {
  const input = { metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' }, protocol: ['Plate 0.013 mAh/cm2 at 3 mA/cm2'], seed: 2, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' } };
  const r = await runSectors(input, { threads: 2 });
  assert.equal(r.ended, 'charge');
  // T + tau of the last cycle: the sum of the cycles' taus (what kmc_time_s was before)
  assert.ok(Math.abs(r.cycles_end_s / (r.mean_tau_s * r.cycles) - 1) < 1e-9, `cycles end ${r.cycles_end_s} s`);
  assert.ok(r.kmc_time_s < r.mean_tau_s * r.cycles * (1 - 1e-9), `kMC clock ${r.kmc_time_s} s, T + tau ${r.mean_tau_s * r.cycles} s`);
  // within the last cycle (one of about 2,000, each about 0.05 % of the step)
  assert.ok(r.kmc_time_s > 0.99 * r.cycles_end_s, `kMC clock ${r.kmc_time_s} s`);
  // a run stopped at an event limit stops at a cycle's end: its clock is T + tau
  const lim = await runSectors(input, { threads: 2, eventLimit: 2000 });
  assert.equal(lim.ended, 'event_limit');
  assert.equal(lim.kmc_time_s, lim.cycles_end_s);
});

test('a RangeError of the code is an internal error (exit 1, please report) on the main thread and from a worker; input errors, inputs too large or nested too deeply keep exit 2', async () => {
  const internal = /^internal error: capture: halo = 0: expected a whole number of sites >= 1 \(SACPLATE_DEBUG=1 prints the stack trace; please report it\)$/;
  // main thread: the capture module's check of its own argument (no input reaches it unchecked)
  const { haloMasks } = await import('../src/nucleation/capture.js');
  let thrown: unknown;
  try { haloMasks(8, [0], 0); } catch (e) { thrown = e; }
  assert.ok(thrown instanceof RangeError);
  const main = describeFailure(thrown);
  assert.equal(main.exitCode, 1); assert.match(main.line, internal);
  // from a worker: the same call on a worker thread, its error posted as the run workers post theirs (its class kept)
  const url = new URL('../src/nucleation/capture.js', import.meta.url).href, errs = new URL('../src/simulation/worker-errors.js', import.meta.url).href;
  const posted = await new Promise<SerialisedError>((ok, fail) => {
    const w = new Worker(`const { parentPort } = require('node:worker_threads');
      Promise.all([import(${JSON.stringify(url)}), import(${JSON.stringify(errs)})]).then(([{ haloMasks }, { serialiseError }]) => {
        try { haloMasks(8, [0], 0); } catch (e) { parentPort.postMessage(serialiseError(e)); } });`, { eval: true });
    w.once('message', ok); w.once('error', fail);
  });
  const revived = reviveError(posted);
  assert.ok(revived instanceof RangeError);
  const fromWorker = describeFailure(revived);
  assert.equal(fromWorker.exitCode, 1); assert.match(fromWorker.line, internal);
  // an input nested too deeply for a worker's stack, or too large for memory: exit 2 as before
  assert.equal(describeFailure(reviveError({ kind: 'Error', name: 'RangeError', message: 'a message from thread 0 could not be read: Maximum call stack size exceeded' })).exitCode, 2);
  let big: unknown;
  try { new Float64Array(2 ** 40); } catch (e) { big = e; }
  assert.deepEqual(describeFailure(big), { line: `input too large for this machine or nested too deeply (${(big as Error).message})`, exitCode: 2 });
  // review31: a Map or Set past 2^24 entries (V8's words, as Node 20 throws them after 16,777,216 entries: measured,
  // 4.7 CPU s and 700 MB, too heavy to make here) is an input too large, as before mends37, not an internal error
  for (const kind of ['Map', 'Set']) assert.equal(describeFailure(new RangeError(`${kind} maximum size exceeded`)).exitCode, 2, kind);
  // an input path: the CLI's words and exit 2
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends37-cli-'));
  const file = join(dir, 'run.json');
  writeFileSync(file, JSON.stringify({ ...INPUT, temperature: '1e400 furlongs' }));
  const r = await cli(['simulate', file, '--out', join(dir, 'out'), '--no-figures', '--db', join(dir, 's.db')]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim(), 'sacplate: temperature: got "1e400 furlongs", expected a temperature in K (kelvin) or degC, e.g. "25 degC" or "298.15 K"');
  // the sector scheme's threads check the protocol as runSectors does: an InputError, not a RangeError
  assert.throws(() => sectorStep(parseRunInput({ ...INPUT, protocol: ['Plate 0.001 mAh/cm2 at 1 mA/cm2', 'Rest for 1 s'] }).protocol),
    (e: unknown) => e instanceof InputError && e.field === 'protocol' && /^protocol: got "2 entries", expected one galvanostatic plate step/.test(e.message));
});
