/**
 * Issue 12: instruments added in v2, auto-detected, on real exports from public test data
 * (test/data/cycler/SOURCES.md: repository, path, commit, licence; long files trimmed), plus
 * the layouts for which no real file under an MIT-compatible licence was found (Basytec,
 * batteryarchive), reconstructed from their documented headers and said so.
 * Every expected value is read independently from the raw text here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCycler, openCycler } from '../src/cycler/read.js';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { parseDateTimeCell } from '../src/cycler/datetime.js';
import { STEP_NAME } from '../src/cycler/labels.js';
import { sniff } from '../src/cycler/lines.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-makers');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-makers-'));
const T = (f: string) => path.join(tmp, f);
const LOCAL = (f: string) => path.join('test/data/cycler', f);
const dataRows = (f: string, headerRe: RegExp, delim: string, enc: BufferEncoding = 'utf8') => {
  const lines = fs.readFileSync(LOCAL(f), enc).split(/\r?\n/);
  const hi = lines.findIndex((l) => headerRe.test(l));
  const head = lines[hi]!.split(delim).map((x) => x.trim());
  const rows = lines.slice(hi + 1).filter((l) => l.trim() !== '').map((l) => l.replace(/^"|"$/g, '').split(delim));
  return { head, rows, col: (name: string) => head.indexOf(name) };
};

test('Maccor text export, signed current with State (BEEP xTESLADIAG): rows, time, units, sign agrees with State', async () => {
  const f = 'maccor_xTESLADIAG_000019_CH70_head700.070';
  const { rows, col } = dataRows(f, /^Rec#\t/, '\t');
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'maccor');
  assert.equal(t.rows, rows.length);
  const k = 400;
  assert.equal(t.columns.test_time_second![k], Number(rows[k]![col('Test (Sec)')]));
  assert.equal(t.columns.current_ampere![k], Number(rows[k]![col('Amps')]));
  assert.equal(t.columns.voltage_volt![k], Number(rows[k]![col('Volts')]));
  assert.equal(t.columns.cycle_count![k], Number(rows[k]![col('Cyc#')]));
  assert.equal(t.checks.label_column, 'State');
  assert.equal(t.checks.sign_flipped_rows, 0);
  assert.equal(t.checks.labelled_rows, rows.filter((r) => r[col('State')] === 'C' || r[col('State')] === 'D').length);
  // DPt Time (month/day/year) read as a date-time
  assert.equal(t.columns.unix_time_second![k], parseDateTimeCell(rows[k]![col('DPt Time')]!));
});

test('Maccor with "0d 00:00:00" durations and unsigned Amps (cellpy maccor_001): time and sign from State', async () => {
  const f = 'maccor_001_steps3-6.txt';
  const { rows, col } = dataRows(f, /^Rec#\t/, '\t');
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'maccor');
  assert.equal(t.rows, rows.length);
  const k = 300;
  const m = /(\d+)d (\d+):(\d+):(\d+(?:\.\d*)?)/.exec(rows[k]![col('TestTime')]!)!;
  assert.equal(t.columns.test_time_second![k], ((+m[1]! * 24 + +m[2]!) * 60 + +m[3]!) * 60 + +m[4]!);
  assert.equal(t.checks.negative_current_rows, 0);
  for (let j = 0; j < rows.length; j++) {
    const st = rows[j]![col('State')];
    assert.equal(t.columns.current_ampere![j], (st === 'D' ? -1 : 1) * Number(rows[j]![col('Amps')]));
  }
});

test('Maccor --map sign=Md:C+,D- and a TestTime column in minutes caught by the wall clock (cellpy maccor_002)', async () => {
  const f = 'maccor_002_C-D_boundary.txt';
  const ms = await readCycler(LOCAL(f), { map: 'sign=Md:C+,D-' });
  assert.equal(ms.checks.label_column, 'Md');
  assert.equal(ms.checks.sign_flipped_rows, 150);
  const r = await analyzeFile(LOCAL(f), { protocol: 'fullcell' });
  const span = r.report.checks.find((c) => c.name === 'time span')!;
  assert.equal(span.status, 'repaired');
  assert.match(span.detail, /ratio 0\.01\d+\): the time column is in minutes, rescaled to seconds/); // 1 unit a minute read as seconds: 1/60
  // rescaled, the test time agrees with the wall clock from end to end (to the clock's 1 s resolution)
  const t = await readCycler(LOCAL(f));
  const u = t.columns.unix_time_second!;
  const tt = t.columns.test_time_second!;
  assert.ok(Math.abs((tt[t.rows - 1]! - tt[0]!) * 60 - (u[t.rows - 1]! - u[0]!)) < 2 + 1e-3 * (u[t.rows - 1]! - u[0]!));
  await assert.rejects(readCycler(LOCAL(f), { map: 'sign=Md:C' }), /--map sign/);
  await assert.rejects(readCycler(LOCAL(f), { map: 'sign=Mode:C+,D-' }), /no column named "Mode"/);
});

test('Novonix (BEEP): quoted lines after [Data], Run Time in h, date-time column agrees', async () => {
  const f = 'novonix_Form-CH01-01_head1200.csv';
  const { rows, col } = dataRows(f, /^"?Date and Time,/, ',');
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'novonix');
  assert.equal(t.rows, rows.length);
  const k = 800;
  assert.ok(Math.abs(t.columns.test_time_second![k]! - Number(rows[k]![col('Run Time (h)')]) * 3600) < 1e-9);
  assert.equal(t.columns.voltage_volt![k], Number(rows[k]![col('Potential (V)')]));
  assert.equal(t.columns.current_ampere![k], Number(rows[k]![col('Current (A)')]));
  const r = await analyzeFile(LOCAL(f), { protocol: 'fullcell' });
  assert.equal(r.report.checks.find((c) => c.name === 'time span')!.status, 'ok');
  assert.match(r.report.checks.find((c) => c.name === 'area')!.detail, /Novonix header default/);
});

test('PEC (cellpy): header block, hh:mm:ss.xxx total time, an all-Idle OCV test read with zero current', async () => {
  const f = 'pec_Test25205.csv';
  const { rows, col } = dataRows(f, /^Test,Cell,Rack/, ',');
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'pec');
  assert.equal(t.rows, rows.length);
  const k = rows.length - 1;
  const m = /(\d+):(\d+):(\d+(?:\.\d*)?)/.exec(rows[k]![col('Total Time (Hours in hh:mm:ss.xxx)')]!)!;
  assert.ok(Math.abs(t.columns.test_time_second![k]! - ((+m[1]! * 60 + +m[2]!) * 60 + +m[3]!)) < 1e-6);
  assert.equal(t.columns.voltage_volt![k], Number(rows[k]![col('Voltage (V)')]));
  assert.equal(t.meta['TestRegime Name'], 'OCV generic long HP');
  assert.ok(rows.every((r) => r[col('Instruction Name')] === 'Idle'));
  // five Idle rows carry -1 uA of noise: the Idle label keeps them rest
  assert.equal(rows.filter((r) => Number(r[col('Current (A)')]) !== 0).length, 5);
  const r = await analyzeFile(LOCAL(f), { protocol: 'symmetric' });
  assert.equal(r.report.symmetric!.half_cycles.length, 0);
});

test('BT-Lab CSV (BEEP): ";" separated, absolute date-time in time/s turned into test time', async () => {
  const f = 'btlab_loops_MB_CE1_head800.csv';
  const { rows, col } = dataRows(f, /;mode;/, ';');
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'btlab-csv');
  assert.equal(t.rows, rows.length);
  const t0 = parseDateTimeCell(rows[0]![col('time/s')]!)!;
  const k = 500;
  assert.ok(Math.abs(t.columns.test_time_second![k]! - (parseDateTimeCell(rows[k]![col('time/s')]!)! - t0)) < 1e-6);
  assert.match(rows[k]![col('time/s')]!, /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/);
  assert.equal(t.checks.time_from, 'date-time column "time/s"');
});

test('Basytec result file and batteryarchive CSV (reconstructed from their documented headers)', async () => {
  // Basytec: "~" comment lines, then tab-separated "~Time[h] DataSet Date Time ... Command U[V] I[A] ... State"
  const bas = ['~Resultfile from Basytec Battery Test System', '~Name of Test: reconstructed', '~',
    ['~Time[h]', 'DataSet', 'Date', 'Time', 't-Step[h]', 'Line', 'Command', 'U[V]', 'I[A]', 'Ah[Ah]', 'Ah-Step', 'T1[°C]', 'Cyc-Count', 'State'].join('\t')];
  for (let k = 0; k < 30; k++) {
    const cmd = k < 2 ? 'Pause' : k < 16 ? 'Discharge' : 'Charge';
    const I = cmd === 'Pause' ? 0 : cmd === 'Discharge' ? 0.005 : 0.005; // written unsigned here: Command gives the sign
    bas.push([(k / 60).toFixed(6), k + 1, '05.05.2025', `14:${String(36 + k).padStart(2, '0')}:06`, 0, k < 2 ? 1 : k < 16 ? 2 : 3, cmd, (2.9 + k / 100).toFixed(3), I, 0, 0, 25, 1, 0].join('\t'));
  }
  fs.writeFileSync(T('basytec.txt'), Buffer.from(bas.join('\r\n') + '\r\n', 'latin1'));
  const b = await readCycler(T('basytec.txt'));
  assert.equal(b.format, 'basytec');
  assert.equal(b.rows, 30);
  assert.ok(Math.abs(b.columns.test_time_second![30 - 1]! - 29 * 60) < 0.01); // written in h to 6 decimals
  assert.equal(b.columns.current_ampere![5], -0.005);
  assert.equal(b.columns.current_ampere![20], 0.005);
  assert.equal(b.checks.label_column, 'Command');
  // batteryarchive.org standard timeseries header
  const ba = ['Date_Time,Test_Time (s),Cycle_Index,Current (A),Voltage (V),Charge_Capacity (Ah),Discharge_Capacity (Ah),Charge_Energy (Wh),Discharge_Energy (Wh),Environment_Temperature (C),Cell_Temperature (C)'];
  for (let k = 0; k < 20; k++) ba.push(`2021-03-01 10:00:${String(k).padStart(2, '0')},${k},1,${k < 10 ? 1 : -1},3.${k},0,0,0,0,25,26`);
  fs.writeFileSync(T('ba.csv'), ba.join('\n') + '\n');
  const a = await readCycler(T('ba.csv'));
  assert.equal(a.format, 'batteryarchive'); // not "arbin"
  assert.equal(a.columns.temperature_t1_celsius![0], 26);
  assert.equal(a.columns.ambient_temperature_celsius![0], 25);
  assert.equal(a.columns.unix_time_second![19]! - a.columns.unix_time_second![0]!, 19);
});

test('delimiter and decimal comma sniffed for every layout; --delimiter applies to all; OCV files; partial last line', async () => {
  // a Neware flat export saved with ";" and decimal commas (German locale)
  const nw = fs.readFileSync('../shared/data/cycler/neware_uio.csv', 'utf8').split('\n').slice(0, 400);
  const de = nw.map((l, i) => (i === 0 ? l.replace(/,/g, ';') : l.split(',').map((c) => c.replace('.', ',')).join(';')));
  fs.writeFileSync(T('nw-de.csv'), de.join('\n') + '\n');
  const a = await readCycler(T('nw-de.csv'));
  const o = await readCycler('../shared/data/cycler/neware_uio.csv');
  assert.equal(a.format, 'neware');
  assert.equal(a.rows, 399);
  for (const c of ['voltage_volt', 'current_ampere', 'test_time_second'] as const) assert.deepEqual(Array.from(a.columns[c]!), Array.from(o.columns[c]!.subarray(0, 399)));
  // BDF with tabs
  fs.writeFileSync(T('tab.bdf.csv'), 'test_time_second\tvoltage_volt\tcurrent_ampere\n0\t3.1\t-0.001\n1\t3.0\t-0.001\n');
  assert.equal((await readCycler(T('tab.bdf.csv'))).rows, 2);
  assert.equal((await readCycler(T('tab.bdf.csv'), { delimiter: '\t' })).columns.voltage_volt![1], 3.0);
  // an EC-Lab OCV export has no current column: voltage vs time, current 0
  const ocv = ['EC-Lab ASCII FILE', 'Nb header lines : 4', 'Open Circuit Voltage', 'mode\terror\ttime/s\tEwe/V\t'];
  for (let k = 0; k < 10; k++) ocv.push(`0\t0\t${k * 10}\t${(3.1 + k / 1000).toFixed(4)}\t`);
  fs.writeFileSync(T('ocv.mpt'), ocv.join('\n') + '\n', 'latin1');
  const v = await readCycler(T('ocv.mpt'));
  assert.equal(v.checks.ocv_only, true);
  assert.deepEqual(Array.from(v.columns.current_ampere ?? new Float64Array(10)), new Array(10).fill(0));
  assert.equal(v.columns.voltage_volt![9], 3.109);
  // a file still being written: its cut last line is dropped with a warning
  fs.writeFileSync(T('cut.csv'), nw.slice(0, 50).join('\n') + '\n' + nw[50]!.slice(0, 25));
  const c = await openCycler(T('cut.csv'));
  let n = 0;
  for await (const b of c.batches()) n += b.n;
  assert.equal(n, 49);
  assert.equal(c.checks.dropped_last_line!.line, 51);
  const r = await analyzeFile(T('cut.csv'), { protocol: 'fullcell' });
  assert.equal(r.report.checks.find((x) => x.name === 'last line')!.status, 'repaired');
});

test('xlsx: a real Landt/Lanhe workbook (cellpy custom_data_002, trimmed): Record-Tab found, values and cycle 1 capacities match the workbook', async () => {
  const f = LOCAL('landt_custom_data_002_head5400.xlsx');
  const { default: ExcelJS } = await import('exceljs');
  // independent read of the workbook: Record-Tab cells and Cycle-Tab's cycle 1 capacities
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  const rec = wb.getWorksheet('Record-Tab')!;
  const head = (rec.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const cyc = wb.getWorksheet('Cycle-Tab')!;
  const ch = (cyc.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const capC = Number(cyc.getRow(2).getCell(ch.indexOf('CapC/mAh')).value);
  const capD = Number(cyc.getRow(2).getCell(ch.indexOf('CapD/mAh')).value);
  const t = await readCycler(f);
  assert.equal(t.format, 'landt');
  assert.match(String(t.meta.container), /sheet "Record-Tab" \(after Cycle-Tab\)/);
  assert.equal(t.rows, rec.rowCount - 1);
  for (const k of [1, 1000, 4000]) {
    const row = rec.getRow(k + 1);
    assert.equal(t.columns.test_time_second![k - 1], Number(row.getCell(head.indexOf('TestTime/Sec')).value));
    assert.equal(t.columns.voltage_volt![k - 1], Number(row.getCell(head.indexOf('Voltage/V')).value));
    assert.ok(Math.abs(t.columns.current_ampere![k - 1]! - Number(row.getCell(head.indexOf('Current/mA')).value) / 1000) < 1e-15);
  }
  assert.equal(t.checks.label_column, 'Step-State');
  assert.equal(t.checks.sign_flipped_rows, 0);
  const r = await analyzeFile(f, { protocol: 'fullcell' });
  // what was read, a workbook: the format line said "(utf8)", the encoding of the reader's temporary copy (review46)
  assert.equal(t.encoding, 'xlsx');
  assert.equal(r.report.encoding, 'xlsx');
  assert.match(formatReport(r.report), /^format {4}landt \(xlsx\), 5400 rows/m);
  const c1 = r.report.fullcell!.cycles[0]!;
  // the first discharge is split by a rest (2.7495 + 0.2837 mAh): counted whole, as the cycler's own table does
  assert.ok(Math.abs(c1.discharge_mAh - capD) < 1e-3 * capD, `discharge ${c1.discharge_mAh} vs Cycle-Tab ${capD}`);
  assert.ok(Math.abs(c1.charge_mAh - capC) < 1e-3 * capC, `charge ${c1.charge_mAh} vs Cycle-Tab ${capC}`);
  // a workbook without a cycler sheet: one line naming the file and the sheets
  const w = new ExcelJS.Workbook();
  w.addWorksheet('Notes').addRow(['cell', 'LiCu-07']);
  await w.xlsx.writeFile(T('notes.xlsx'));
  await assert.rejects(readCycler(T('notes.xlsx')), /notes\.xlsx: no sheet holds a cycler table \(sheets: Notes\)/);
});

test('xlsx: a Neware-style workbook (Info, cycle, record sheets; written here with exceljs from the real neware_uio.csv rows) reads as its CSV does', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const lines = fs.readFileSync('../shared/data/cycler/neware_uio.csv', 'utf8').split('\n').slice(0, 301);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Info').addRow(['Barcode', 'uio']);
  wb.addWorksheet('cycle').addRows([['Cycle Index', 'Chg. Cap.(Ah)', 'DChg. Cap.(Ah)'], [1, 0.004, 0.005]]);
  const rec = wb.addWorksheet('record');
  rec.addRow(lines[0]!.split(','));
  for (const l of lines.slice(1)) rec.addRow(l.split(',').map((c) => (c !== '' && Number.isFinite(Number(c)) ? Number(c) : c)));
  await wb.xlsx.writeFile(T('neware.xlsx'));
  fs.writeFileSync(T('neware300.csv'), lines.join('\n') + '\n');
  const x = await readCycler(T('neware.xlsx'));
  const c = await readCycler(T('neware300.csv'));
  assert.equal(x.format, 'neware');
  assert.match(String(x.meta.container), /sheet "record" \(after Info, cycle\)/);
  assert.equal(x.rows, 300);
  assert.deepEqual(Object.keys(x.columns), Object.keys(c.columns));
  for (const k of Object.keys(c.columns) as (keyof typeof c.columns)[]) assert.deepEqual(Array.from(x.columns[k]!), Array.from(c.columns[k]!), k);
});

test('xlsx: a record table continued on a second sheet (Excel\'s row limit: "record", "record_1") is read whole; a bad cell there is named by its sheet and row', async () => {
  // until review46 the reader stopped at the first sheet holding a table: the 150 rows of "record_1" were dropped without a word
  const { default: ExcelJS } = await import('exceljs');
  const lines = fs.readFileSync('../shared/data/cycler/neware_uio.csv', 'utf8').split('\n').slice(0, 301);
  const cells = (l: string) => l.split(',').map((c) => (c !== '' && Number.isFinite(Number(c)) ? Number(c) : c));
  const book = async (file: string, bad?: number) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Info').addRow(['Barcode', 'uio']);
    const a = wb.addWorksheet('record'), b = wb.addWorksheet('record_1');
    for (const ws of [a, b]) ws.addRow(lines[0]!.split(','));
    lines.slice(1).forEach((l, i) => (i < 150 ? a : b).addRow(i === bad ? cells(l).map((c, j) => (j === 7 ? 'abc' : c)) : cells(l)));
    wb.addWorksheet('Notes').addRow(['cell', 'uio', 'operator', 'x']);
    // another channel's table, the same column names: not the same cell, not appended
    wb.addWorksheet('ch2 record').addRows([lines[0]!.split(','), cells(lines[1]!)]);
    await wb.xlsx.writeFile(T(file));
  };
  await book('split.xlsx');
  fs.writeFileSync(T('neware300b.csv'), lines.join('\n') + '\n');
  const x = await readCycler(T('split.xlsx'));
  const c = await readCycler(T('neware300b.csv'));
  assert.equal(x.rows, 300);
  for (const k of ['test_time_second', 'voltage_volt', 'current_ampere', 'cycle_count'] as const) assert.deepEqual(Array.from(x.columns[k]!), Array.from(c.columns[k]!), k);
  assert.match(String(x.meta.container), /sheet "record" \(after Info\), continued in sheet "record_1" \(the same column names\); not read: sheets "Notes", "ch2 record"/);
  // data row 200 of the file is row 51 of record_1 (its row 1 holds the column names)
  await book('split-bad.xlsx', 199);
  await assert.rejects(readCycler(T('split-bad.xlsx')), (e: Error) => /split-bad\.xlsx \(sheet "record_1"\):51: column "Voltage\(V\)": "abc" is not a number/.test(e.message));
});

test('xlsx: an Arbin-style workbook (Global_Info, Channel, Statistics sheets; written here with exceljs from the real BEEP Arbin CSV rows, Date_Time as Excel dates) reads as its CSV does', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const src = '../shared/data/cycler/FastCharge_000025_CH8.csv';
  const lines = fs.readFileSync(src, 'utf8').trim().split('\n').slice(0, 201);
  const head = lines[0]!.split(',');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Global_Info').addRows([['TEST REPORT'], ['Channel', 8]]);
  const ch = wb.addWorksheet('Channel_1-008');
  // the xlsx export's names: units in brackets, DateTime as a date cell
  ch.addRow(head.map((h) => ({ Test_Time: 'Test_Time(s)', Step_Time: 'Step_Time(s)', Current: 'Current(A)', Voltage: 'Voltage(V)', DateTime: 'Date_Time' } as Record<string, string>)[h] ?? h));
  for (const l of lines.slice(1)) ch.addRow(l.split(',').map((c, i) => (head[i] === 'DateTime' ? new Date(Number(c) * 1000) : c === '' ? null : Number(c))));
  wb.addWorksheet('Statistics_1-008').addRow(['Cycle_Index', 'Charge_Capacity(Ah)']);
  await wb.xlsx.writeFile(T('arbin.xlsx'));
  fs.writeFileSync(T('arbin200.csv'), lines.join('\n') + '\n');
  const x = await readCycler(T('arbin.xlsx'));
  const c = await readCycler(T('arbin200.csv'));
  assert.equal(x.format, 'arbin');
  assert.match(String(x.meta.container), /sheet "Channel_1-008" \(after Global_Info\)/);
  assert.equal(x.rows, 200);
  for (const k of ['test_time_second', 'voltage_volt', 'current_ampere', 'cycle_count', 'step_index'] as const) assert.deepEqual(Array.from(x.columns[k]!), Array.from(c.columns[k]!), k);
  // the date cells, written to the millisecond, come back as the same instants
  for (let k = 0; k < 200; k += 37) assert.ok(Math.abs(x.columns.unix_time_second![k]! - c.columns.unix_time_second![k]!) < 1e-3);
});

/**
 * cyclerzh: a Neware export with Chinese column names and step types (BTS exports in Chinese from labs in China), built
 * here from the real neware_uio.csv (its first two whole cycles) with the words public Neware readers use (docs/cycler.md,
 * "Chinese-language exports"), read with no --map as its English original is: the same cycles, capacities and CE.
 */
const ZH_HEAD: Record<string, string> = {
  DataPoint: '数据序号', 'Cycle Index': '循环号', 'Step Index': '工步号', 'Step Type': '工步类型', Time: '时间', 'Cumulative Time': '总时间',
  'Current(A)': '电流(A)', 'Voltage(V)': '电压(V)', 'Capacity(Ah)': '容量(Ah)', 'Spec. Cap.(mAh/g)': '比容量(mAh/g)',
  'Chg. Cap.(Ah)': '充电容量(Ah)', 'Chg. Spec. Cap.(mAh/g)': '充电比容量(mAh/g)', 'DChg. Cap.(Ah)': '放电容量(Ah)', 'DChg. Spec. Cap.(mAh/g)': '放电比容量(mAh/g)',
  'Energy(Wh)': '能量(Wh)', 'Spec. Energy(mWh/g)': '比能量(mWh/g)', 'Chg. Energy(Wh)': '充电能量(Wh)', 'Chg. Spec. Energy(mWh/g)': '充电比能量(mWh/g)',
  'DChg. Energy(Wh)': '放电能量(Wh)', 'DChg. Spec. Energy(mWh/g)': '放电比能量(mWh/g)', Date: '绝对时间', 'Power(W)': '功率(W)',
  'Contact resistance(mO)': '接触电阻(mΩ)', 'Module start-stop switch': '模块启停开关',
};
const ZH_STEP: Record<string, string> = { Rest: '搁置', 'CC Chg': '恒流充电', 'CC DChg': '恒流放电', 'CCCV Chg': '恒流恒压充电', 'CCCV DChg': '恒流恒压放电' };

/** GB18030 bytes of a text, from Node's own GB18030 decoder run backwards over the two-byte table (Node has no encoder) */
function gb18030(text: string): Buffer {
  const pairs: number[] = [];
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) pairs.push(a, b);
  const chars = new TextDecoder('gb18030', { fatal: true }).decode(Uint8Array.from(pairs));
  assert.equal(chars.length, pairs.length / 2); // one BMP character a pair
  const table = new Map<string, number>();
  for (let i = chars.length - 1; i >= 0; i--) table.set(chars[i]!, i);
  // ASCII runs are their own bytes; each other character its pair
  return Buffer.concat(text.split(/([^\x00-\x7f]+)/).map((piece, k) => {
    if (k % 2 === 0) return Buffer.from(piece, 'latin1');
    return Buffer.from(Array.from(piece).flatMap((ch) => {
      const i = table.get(ch);
      assert.ok(i !== undefined, `no GB18030 two-byte code for ${ch}`);
      return [pairs[2 * i]!, pairs[2 * i + 1]!];
    }));
  }));
}

test('cyclerzh: a Neware export with Chinese column names and step types (UTF-8; GB18030 bytes with mA and mAh) reads as its English original: same cycles, capacities, CE', async () => {
  const lines = fs.readFileSync('../shared/data/cycler/neware_uio.csv', 'utf8').split('\n').slice(0, 5819);
  assert.match(lines[5818]!, /^\d+,2,\d+,Rest,/); // two whole cycles, ending at rest
  fs.writeFileSync(T('uio-en.csv'), lines.join('\n') + '\n');
  const head = lines[0]!.split(',');
  const st = head.indexOf('Step Type');
  const zh = (milli: boolean) => {
    const h = head.map((x) => ZH_HEAD[x] ?? x).map((x) => (milli ? x.replace(/\((A|Ah|Wh)\)$/, '(m$1)') : x));
    const scaled = head.map((x) => milli && /\((A|Ah|Wh)\)$/.test(x));
    return [h.join(','), ...lines.slice(1).map((l) => l.split(',').map((c, i) => (i === st ? ZH_STEP[c] ?? c : scaled[i] ? String(Number(c) * 1000) : c)).join(','))].join('\r\n') + '\r\n';
  };
  const utf8 = zh(false);
  assert.ok(!utf8.includes('Rest') && utf8.includes('恒流放电'));
  fs.writeFileSync(T('uio-zh-utf8.csv'), utf8);
  fs.writeFileSync(T('uio-zh-gb18030.csv'), gb18030(zh(true)));
  const en = await analyzeFile(T('uio-en.csv'), { protocol: 'fullcell' });
  assert.equal(en.report.fullcell!.cycles.length, 2);
  for (const [f, enc] of [['uio-zh-utf8.csv', 'utf8'], ['uio-zh-gb18030.csv', 'gb18030']] as const) {
    const { report, table: t } = await analyzeFile(T(f), { protocol: 'fullcell' });
    assert.equal(report.format, 'neware', f);
    assert.equal(report.encoding, enc, f);
    assert.equal(report.rows, en.report.rows, f);
    assert.equal(report.cycles, en.report.cycles, f);
    const a = report.fullcell!.cycles;
    const b = en.report.fullcell!.cycles;
    assert.equal(a.length, b.length, f);
    for (let i = 0; i < b.length; i++) {
      for (const k of ['charge_mAh', 'discharge_mAh', 'ce'] as const) {
        assert.ok(Math.abs(a[i]![k] - b[i]![k]) <= 1e-9 * Math.abs(b[i]![k]), `${f} cycle ${i + 1} ${k}: ${a[i]![k]} vs ${b[i]![k]}`);
      }
    }
    const e = en.table;
    assert.equal(t.checks.labelled_rows, e.checks.labelled_rows, f);
    assert.equal(t.checks.label_column, '工步类型', f);
    assert.equal(t.checks.sign_flipped_rows, e.checks.sign_flipped_rows, f);
    assert.deepEqual(Array.from(t.columns.cycle_count!), Array.from(e.columns.cycle_count!), f);
    assert.deepEqual(Array.from(t.columns.test_time_second!), Array.from(e.columns.test_time_second!), f);
  }
});

test('cyclerzh: a Neware BTS 7.6 record in Chinese (记录序号, 状态, 循环, 步次, 相对时间(h:min:s.ms), mA) reads as the English one; each step type has its direction; latin-1 is not taken for GB18030', async () => {
  const lines = fs.readFileSync('../shared/data/cycler/neware_uio.csv', 'utf8').split('\n').slice(0, 901);
  const head = lines[0]!.split(',');
  const keep = ['DataPoint', 'Step Type', 'Cycle Index', 'Step Index', 'Current(A)', 'Voltage(V)', 'Capacity(Ah)', 'Energy(Wh)', 'Time', 'Date'];
  const zhName = ['记录序号', '状态', '循环', '步次', '电流(mA)', '电压(V)', '容量(mAh)', '能量(mWh)', '相对时间(h:min:s.ms)', '绝对时间'];
  const idx = keep.map((k) => head.indexOf(k));
  const rows = lines.slice(1).map((l) => l.split(','));
  fs.writeFileSync(T('v76-en.csv'), [keep.join(','), ...rows.map((r) => idx.map((i) => r[i]).join(','))].join('\n') + '\n');
  const milli = new Set([4, 6, 7]);
  fs.writeFileSync(T('v76-zh.csv'), gb18030([zhName.join(','), ...rows.map((r) => idx.map((i, j) => (j === 1 ? ZH_STEP[r[i]!] ?? r[i] : milli.has(j) ? String(Number(r[i]) * 1000) : r[i])).join(','))].join('\n') + '\n'));
  const e = await readCycler(T('v76-en.csv'));
  const z = await readCycler(T('v76-zh.csv'));
  assert.equal(z.format, 'neware');
  assert.equal(z.encoding, 'gb18030');
  assert.equal(z.checks.label_column, '状态');
  assert.equal(z.checks.labelled_rows, e.checks.labelled_rows);
  assert.equal(z.checks.time_from, 'accumulated step time "相对时间(h:min:s.ms)"');
  for (const k of ['test_time_second', 'cycle_count', 'step_index', 'voltage_volt'] as const) assert.deepEqual(Array.from(z.columns[k]!), Array.from(e.columns[k]!), k);
  for (const k of ['current_ampere', 'step_capacity_ah'] as const) z.columns[k]!.forEach((v, i) => assert.ok(Math.abs(v - e.columns[k]![i]!) <= 1e-12, `${k} row ${i}`));
  // the step types public Neware readers translate, each to its direction (+1 charge, -1 discharge, 0 rest)
  const want: Record<string, number> = { 恒流充电: 1, 恒压充电: 1, 恒流恒压充电: 1, 恒流放电: -1, 恒流恒压放电: -1, 搁置: 0, 静置: 0 };
  for (const [w, d] of Object.entries(want)) assert.equal(STEP_NAME(w), d, w);
  // latin-1 with high bytes in its column names (EC-Lab's "°C", "µ") is still latin-1: no run of two ideographs
  fs.writeFileSync(T('latin1.txt'), Buffer.from('time/s\tEwe/V\tI/µA\tT/°C\n0\t1.5\t2\t25\n', 'latin1'));
  assert.equal(sniff(T('latin1.txt')).encoding, 'latin1');
});
