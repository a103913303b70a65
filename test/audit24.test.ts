/**
 * Rough edges a user met (session 24, task audit24): the library's spellings of the cycler choices,
 * a forced --format that does not fit the file, a cut first half read as a whole one, a plate-only
 * trace's cycle number, the library's errors naming CLI flags, and the screen refusal's hint. Each
 * test fails on the code before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile, FileError, formatReport, InputError, readCheckpoint, resolveInput, resumeSimulation, simulate, Simulation, writeCheckpoint } from '../src/index.js';
import { formatReport as formatCliReport } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { implausibleFlags } from '../src/cli/plausibility.js';

const P = (f: string) => path.resolve('../shared/data/cycler', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit24-'));
/** The first `n` lines of a shared export, as a file of its own (the whole Neware file costs 0.3 s CPU a read). */
function head(f: string, n: number): string {
  const out = path.join(tmp, `head${n}-${f}`);
  if (!fs.existsSync(out)) fs.writeFileSync(out, fs.readFileSync(P(f), 'utf8').split('\n').slice(0, n).join('\n') + '\n');
  return out;
}
const NEWARE = head('neware_uio.csv', 1500);

test('library spellings: readCycler and analyzeFile take format, protocol and pair in any case, as the CLI does (they wanted exact lower case)', async () => {
  const t = await readCycler(NEWARE, { format: 'Neware' as 'neware' });
  assert.equal(t.format, 'neware');
  const { report } = await analyzeFile(NEWARE, { protocol: 'Fullcell' as 'fullcell', format: 'NEWARE' as 'neware', pair: 'Auto' as 'auto' });
  assert.equal(report.protocol, 'fullcell');
  assert.equal(report.format, 'neware');
  assert.ok(report.fullcell!.cycles.length > 0);
});

test('library spellings: an unknown choice is one InputError naming the option, the value and the choices (readCycler named --format; an array matched by its text)', async () => {
  await assert.rejects(readCycler(NEWARE, { format: 'newarez' as 'neware' }), (e: unknown) =>
    e instanceof InputError && e.field === 'format' && e.value === 'newarez' && /^one of mpt, btlab-csv, neware, .*generic$/.test(e.expected));
  await assert.rejects(analyzeFile(NEWARE, { protocol: 'half' as 'licu' }), (e: unknown) =>
    e instanceof InputError && e.field === 'protocol' && e.expected === 'one of symmetric, licu, aurbach, fullcell');
  await assert.rejects(analyzeFile(NEWARE, { protocol: ['licu'] as unknown as 'licu' }), (e: unknown) => e instanceof InputError && e.field === 'protocol');
  await assert.rejects(analyzeFile(NEWARE, { protocol: 'fullcell', pair: 'first' as 'auto' }), (e: unknown) =>
    e instanceof InputError && e.field === 'pair' && /^one of auto, /.test(e.expected));
});

test('a forced format the file\'s columns do not fit is refused, naming the format asked, the layout the file reads as and the columns asked for (--format arbin read a Neware file as Arbin)', async () => {
  await assert.rejects(readCycler(NEWARE, { format: 'arbin' }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === 'arbin'
    && /^a layout that fits head1500-neware_uio\.csv: its column-name line has none of the Arbin CSV columns \(Data_Point, or Test_Time with Cycle_Index; .*\); it reads as Neware flat CSV \(--format neware\): leave --format out, give --format neware, or name the columns with --map$/.test(e.expected));
  // the library's analyzeFile says it in its option names
  await assert.rejects(analyzeFile(P('2017-05-09_test-TC-contact_CH33.csv'), { protocol: 'fullcell', format: 'neware' }), (e: unknown) => e instanceof InputError && e.field === 'format'
    && /none of the Neware flat CSV columns \(Step Type, DataPoint or Cycle Index\); it reads as Arbin CSV \(format arbin\): leave format out, give format arbin, or name the columns with map$/.test(e.expected));
  // the format the file reads as, forced, and a mapping of the columns, are read as before
  assert.equal((await readCycler(NEWARE, { format: 'neware' })).format, 'neware');
  assert.equal((await readCycler(NEWARE, { format: 'arbin', map: 'time=Cumulative Time,voltage=Voltage(V),current=Current(A)' })).format, 'arbin');
});

test('a forced format is still how a file of no known layout is read (what --format is for)', async () => {
  const file = path.join(tmp, 'cell.csv');
  fs.writeFileSync(file, 'Total Time (s),Voltage (V),Current (A)\n0,3.0,0.1\n1,3.1,0.1\n2,3.2,0.1\n');
  await assert.rejects(readCycler(file), /unknown cycler layout/);
  const t = await readCycler(file, { format: 'arbin' });
  assert.deepEqual([t.format, t.rows], ['arbin', 3]);
});

test('fullcell: a cut first half is partial with three halves too (BatteryData p492-13 head: CE 3050 % for 0.72 mAh of discharge and the 21.87 mAh charge after it, warned as implausible)', async () => {
  const { report } = await analyzeFile(path.resolve('test/data/cycler/batterydata_p492-13-raw_head500.csv'), { protocol: 'fullcell' });
  const f = report.fullcell!;
  // the first discharge (from the cell's 3.27 V, 0.717 mAh) unpaired, the charge with the discharge the file ends in: no CE
  assert.match(f.pairing, /^physical half cycles: each charge with the discharge that follows it \(the file starts with a partial discharge of 0\.7170 mAh, left unpaired\); the file ends in a partial discharge of 0\.7948 mAh: cycle 1 has no CE or retention$/);
  assert.equal(f.cycles.length, 1);
  assert.equal(f.cycles[0]!.partial, true);
  assert.ok(Math.abs(f.cycles[0]!.charge_mAh - 21.868) < 0.001, `${f.cycles[0]!.charge_mAh}`);
  assert.ok(f.cycles.every((c) => Number.isNaN(c.ce)));
  assert.deepEqual(implausibleFlags(report), []);
});

test('a plate-only run\'s eta.csv: its one cycle is cycle 1 under "1 cycle", its file number (0, before any repeat block) beside it (the table read "cycle 0")', async () => {
  const dir = path.join(tmp, 'plate-only');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Li', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, { outDir: dir });
  const { report } = await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'symmetric' });
  const s = report.symmetric!;
  assert.equal(report.cycles, 1);
  assert.deepEqual(s.cycles.map((c) => [c.cycle, c.file_cycle]), [[1, 0]]);
  assert.deepEqual([s.half_cycles[0]!.cycle, s.half_cycles[0]!.file_cycle, s.nucleation?.cycle], [1, 0, 1]);
  const text = formatReport(report);
  assert.match(text, /, 1 cycle by the file's cycle column\n/);
  assert.match(text, /\ncycle +file_cycle +plating_plateau_mV +stripping_plateau_mV +hysteresis_mV\n +1 +0 +[\d.]+ +- +-\n/);
  // a file numbered 1, 2, ... has no file_cycle (its cycles 1 and 2 as before)
  const { report: two } = await analyzeFile(path.resolve('test/data/cycler/batterydata_p492-13-raw_head500.csv'), { protocol: 'symmetric' });
  assert.ok(two.symmetric!.cycles.length > 1 && two.symmetric!.cycles.every((c, i) => c.cycle === i + 1 && c.file_cycle === undefined), JSON.stringify(two.symmetric!.cycles.slice(0, 3)));
});

test('the library\'s formatReport and engine parts name its options, not the CLI\'s flags ("does not fit --protocol symmetric", "run with --checkpoint-every", "--resume: got ...")', async () => {
  // neware_uio.csv (an electrode against Li, 2.92 V at rest) read as symmetric: the protocol check warns, the note repeats it
  const { report } = await analyzeFile(NEWARE, { protocol: 'symmetric' });
  assert.equal(report.checks.find((c) => c.name === 'protocol')?.status, 'warn');
  const text = formatReport(report);
  assert.match(text, /^note: this file does not fit protocol symmetric \(the protocol check above\)/m);
  assert.doesNotMatch(text, /--(protocol|format|map|area)\b/);
  // the CLI's own printing keeps its flag
  assert.match(formatCliReport(report), /^note: this file does not fit --protocol symmetric /m);
  assert.throws(() => readCheckpoint(path.join(tmp, 'none.bin')), (e: unknown) => e instanceof FileError && /: no checkpoint here \(run with simulate\(\)'s checkpointEvery_s first\)$/.test(e.message));
  // a checkpoint of seed 4 resumed as seed 5: refused naming the argument, the file
  const run = resolveInput({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Li', seed: 4, protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2'] });
  const ck = path.join(tmp, 'seed4.ckpt');
  writeCheckpoint(ck, new Simulation(run), {} as Parameters<typeof writeCheckpoint>[2]);
  assert.throws(() => resumeSimulation(ck, { ...run, seed: 5 }), (e: unknown) => e instanceof InputError && e.field === 'file' && e.value === ck
    && /^a checkpoint of the same run file and seed \(this one was written for seed 4, not 5 or other settings\)$/.test(e.expected));
});
