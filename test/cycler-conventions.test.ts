/**
 * An electrochemist's conventions on the real cycler exports of ../shared/data/cycler: CE per cycle
 * against the file's own charge/discharge capacities (read from the file in the test, not typed in),
 * cycle numbering, areal units with the electrode area, and the file's own capacity columns
 * (the names the report shares with a simulated cycles.csv: test/cycles-report-names.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { gcplRows, writeBdfCsv } from './helpers/cycler-files.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-conventions');

const SHARED = (f: string) => path.join('../shared/data/cycler', f);

test('Neware three-level file that starts with a top-off charge: cycles and CE as the file counts them (charge, then discharge)', async () => {
  // the file's own cycle rows: "Cycle Index,Chg. Cap.(Ah),DChg. Cap.(Ah),Chg.-DChg. Eff(%),..."
  const file = SHARED('nw_regular_export_ife_example.csv');
  const own = new Map<number, { chg_mAh: number; dchg_mAh: number; eff: number }>();
  for (const l of readFileSync(file, 'utf8').split(/\r?\n/).slice(3)) {
    if (!/^\d/.test(l)) continue;
    const f = l.split(',');
    own.set(Number(f[0]), { chg_mAh: Number(f[1]) * 1000, dchg_mAh: Number(f[2]) * 1000, eff: Number(f[3]) / 100 });
  }
  assert.equal(own.size, 20);
  // cycle 1 is the top-off (a partial charge) and the first discharge: the cycler's own CE of it is 1465 %
  assert.ok(own.get(1)!.chg_mAh < 0.1 * own.get(2)!.chg_mAh);
  const r = await analyzeFile(file, { protocol: 'fullcell' });
  const cycles = r.report.fullcell!.cycles;
  assert.match(r.report.fullcell!.pairing, /each charge with the discharge that follows it/);
  assert.deepEqual(cycles.map((c) => c.file_cycle), [...own.keys()].filter((k) => k >= 2), 'one cycle per file cycle after the top-off');
  for (const c of cycles) {
    const o = own.get(c.file_cycle!)!;
    // the file prints capacities to 0.01 mAh; the report integrates the current (better than 0.1 %)
    assert.ok(Math.abs(c.charge_mAh - o.chg_mAh) <= 1e-3 * o.chg_mAh, `cycle ${c.file_cycle} charge ${c.charge_mAh} vs the file's ${o.chg_mAh} mAh`);
    assert.ok(Math.abs(c.discharge_mAh - o.dchg_mAh) <= 1e-3 * o.dchg_mAh, `cycle ${c.file_cycle} discharge ${c.discharge_mAh} vs the file's ${o.dchg_mAh} mAh`);
    assert.ok(Math.abs(c.ce - o.eff) <= 2e-3, `cycle ${c.file_cycle} CE ${c.ce} vs the file's Chg.-DChg. Eff ${o.eff}`);
  }
  // the current's sign is checked against the Step Type of the step rows ("CC Chg", "CC DChg", "Rest")
  const sign = r.report.checks.find((x) => x.name === 'current sign')!;
  assert.equal(sign.status, 'ok', sign.detail);
  assert.match(sign.detail, /Step Type/);
  // the printed table gives the file's own cycle number beside the report's
  const head = formatReport(r.report).split('\n').find((l) => l.startsWith('cycle '))!;
  assert.match(head, /\bfile_cycle\b/);
  // with the electrode area, areal capacities (mAh/cm2) in the JSON and the table
  const a = await analyzeFile(file, { protocol: 'fullcell', area_cm2: 2 });
  const c0 = a.report.fullcell!.cycles[0]!;
  assert.equal(c0.charge_mAh_per_cm2, c0.charge_mAh / 2);
  assert.equal(c0.discharge_mAh_per_cm2, c0.discharge_mAh / 2);
  assert.match(formatReport(a.report), /charge_mAh_per_cm2/);
});

test('a current column printed too coarsely (0.2 mA to 0.1 mA): charges and CE from the file\'s own capacity columns, said in a check', async () => {
  // SINTEF graphite||Li coin cell (BDF): current_ampere printed to 0.1 mA on a ~0.18 mA test, capacities to 0.1 mAh
  const file = SHARED('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const col = (name: string) => head!.split(',').indexOf(name);
  const iI = col('current_ampere'), iD = col('discharging_capacity_ah'), iC = col('charging_capacity_ah');
  // the file's own capacity of each half cycle: the largest value of its column over the run of one current sign
  const halves: { sign: number; q_mAh: number }[] = [];
  for (const r of rows) {
    const f = r.split(',');
    const s = Math.sign(Number(f[iI]));
    if (s === 0) continue;
    const q = Number(f[s > 0 ? iC : iD]) * 1000;
    const last = halves[halves.length - 1];
    if (last && last.sign === s) last.q_mAh = Math.max(last.q_mAh, q);
    else halves.push({ sign: s, q_mAh: q });
  }
  assert.deepEqual(halves.map((x) => x.sign), [-1, 1, -1]);
  const r = await analyzeFile(file, { protocol: 'fullcell' });
  const c1 = r.report.fullcell!.cycles[0]!;
  // to the file's 0.1 mAh; integrating the printed current gave 7.144 and 3.563 mAh (+13 %, +11 %)
  assert.ok(Math.abs(c1.discharge_mAh - halves[0]!.q_mAh) <= 0.1, `discharge ${c1.discharge_mAh} vs the file's ${halves[0]!.q_mAh} mAh`);
  assert.ok(Math.abs(c1.charge_mAh - halves[1]!.q_mAh) <= 0.1, `charge ${c1.charge_mAh} vs the file's ${halves[1]!.q_mAh} mAh`);
  assert.ok(Math.abs(c1.ce - halves[1]!.q_mAh / halves[0]!.q_mAh) <= 0.03);
  const ck = r.report.checks.find((x) => x.name === 'capacity')!;
  assert.equal(ck.status, 'repaired');
  assert.match(ck.detail, /7\.14\d* mAh/);
  // a file whose current integrates to its capacity columns keeps the integrated charges: the check says ok
  // (a BatteryData raw export, test/data/cycler: 3 half cycles compared)
  const bd = await analyzeFile(path.join('test/data/cycler', 'batterydata_p492-13-raw_head500.csv'), { protocol: 'fullcell' });
  assert.equal(bd.report.checks.find((x) => x.name === 'capacity')!.status, 'ok');
});

test('Aurbach/Adams with the electrode area: Q_T, Q_C and Q_S also in mAh/cm2, the unit the protocol is written in', async () => {
  // reconstructed: reservoir 5 mAh, 3 x (strip 1 mAh, plate 1 mAh), final strip 4.5 mAh, on 2 cm2
  const halves = [{ I_mA: -1, q_mAh: 5 }, ...Array.from({ length: 3 }, () => [{ I_mA: 1, q_mAh: 1 }, { I_mA: -1, q_mAh: 1 }]).flat(), { I_mA: 1, q_mAh: 4.5 }];
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'sacplate-au-')), 'au.csv');
  writeBdfCsv(f, gcplRows(halves, 36));
  const r = await analyzeFile(f, { protocol: 'aurbach', area_cm2: 2 });
  const a = r.report.aurbach!;
  assert.ok(Math.abs(a.qt_mAh - 5) < 1e-9 && Math.abs(a.qc_mAh - 1) < 1e-9 && a.n === 3 && Math.abs(a.qs_mAh - 4.5) < 1e-9);
  assert.ok(Math.abs(a.qt_mAh_per_cm2! - 2.5) < 1e-9 && Math.abs(a.qc_mAh_per_cm2! - 0.5) < 1e-9 && Math.abs(a.qs_mAh_per_cm2! - 2.25) < 1e-9);
  assert.match(formatReport(r.report), /Q_T 2\.50000 mAh\/cm2/);
});

/** The count in the format line and in the cycle-column check of a printed report (they must agree). */
function printedCounts(text: string): { format: number; check: string } {
  const format = /^format .*, (\d+) cycles? by the file's cycle column$/m.exec(text);
  const check = /^ {2}\S+ +cycle column: (.*)$/m.exec(text);
  assert.ok(format && check, text);
  return { format: Number(format[1]), check: check[1]! };
}

test('cycle 0 in the cycle column: the check counts what the format line counts (rest-only values named, not counted)', async () => {
  // an Arbin export whose Cycle_Index is 0 on every row, all at rest: 0 cycles in the format line, the
  // check and the tables, and said to hold only rest (the format line and check said '1 cycle', the tables 0)
  const fc = SHARED('FastCharge_000025_CH8.csv');
  const [head, ...rows] = readFileSync(fc, 'utf8').trim().split('\n');
  const ci = head!.split(',').indexOf('Cycle_Index'), ii = head!.split(',').indexOf('Current');
  const values = new Set(rows.map((l) => Number(l.split(',')[ci])));
  assert.deepEqual([...values], [0]);
  assert.ok(rows.every((l) => Number(l.split(',')[ii]) === 0), 'every row at rest');
  const a = await analyzeFile(fc, { protocol: 'fullcell' });
  assert.equal(a.report.cycles, 0);
  assert.equal(a.report.only_rest, true);
  assert.equal(a.report.fullcell!.cycles.length, 0);
  const text = formatReport(a.report);
  assert.match(text, /^format +arbin \(utf8\), 248 rows, 0 cycles: the file holds only rest \(no row passes current\)$/m);
  assert.match(text, /^ {2}ok +cycle column: integers, never decreasing, 0 cycles: every row at rest \(the file holds only rest; its cycle column reads 0\)$/m);
  // a Maccor export whose cycle 0 passes current: a cycle like the others, no rest-only note
  const m = await analyzeFile(path.join('test/data/cycler', 'maccor_xTESLADIAG_000019_CH70_head700.070'), { protocol: 'fullcell' });
  const mv = new Set(Array.from(m.table.columns.cycle_count!).filter(Number.isFinite));
  assert.ok(mv.has(0) && mv.size > 1, `cycle values ${[...mv]}`);
  const pm = printedCounts(formatReport(m.report));
  assert.equal(m.report.cycles, mv.size);
  assert.equal(pm.format, mv.size);
  assert.equal(pm.check, `integers, never decreasing, ${mv.size} cycles`);
  // a rest-only cycle 0 beside cycles that pass current (a simulated eta.csv): test/cycles-report-names.test.ts
});

// mends108 (review83's finding 11): the SINTEF BDF file's charges come from its capacity columns, printed to 0.1 mAh, and
// its table printed `CE 0.5079` (and charges 3.20000 / 6.30000 mAh): digits the columns do not resolve
test('charges from capacity columns printed to 0.1 mAh: the table prints them, CE and retention to the digits those resolve, the check names the step; report.json keeps every digit, cycles.csv 12 significant ones (review83)', async () => {
  const file = SHARED('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
  // the columns' print step, from the file: the smallest step between two rows of either capacity column, in mAh
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  let step = Infinity;
  for (const name of ['charging_capacity_ah', 'discharging_capacity_ah']) {
    const k = head!.split(',').indexOf(name);
    const v = rows.map((r) => Number(r.split(',')[k]));
    for (let j = 1; j < v.length; j++) { const d = Math.abs(v[j]! - v[j - 1]!); if (d > 1e-15 && d < step) step = d; }
  }
  const res = Number((step * 1000).toPrecision(1));
  const { cli } = await import('./helpers/cli.js');
  const out = mkdtempSync(path.join(tmpdir(), 'sacplate-ce-digits-'));
  const r = await cli(['analyze', file, '--protocol', 'fullcell', '--out', out, '--force', '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { capacity_resolution_mAh: number; checks: { name: string; detail: string }[]; fullcell: { cycles: { charge_mAh: number; discharge_mAh: number; q_in_mAh: number; q_out_mAh: number; ce: number; retention: number }[] } };
  assert.equal(rep.capacity_resolution_mAh, res);
  assert.match(rep.checks.find((c) => c.name === 'capacity')!.detail, new RegExp(`charges are taken from the file's capacity columns, printed to ${res} mAh: `));
  const c1 = rep.fullcell.cycles[0]!;
  // every digit in report.json, 12 significant digits in cycles.csv (as every CSV of the project: io/csv.ts)
  assert.equal(c1.ce, c1.q_out_mAh / c1.q_in_mAh);
  const csv = readFileSync(path.join(out, 'cycles.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  assert.equal(Number(csv[1]![csv[0]!.indexOf('ce')]), Number(c1.ce.toPrecision(12)));
  // the printed row: charges to the step's decimals, CE and retention to their uncertainty's first digit (each charge +-step/2)
  const dq = -Math.floor(Math.log10(res));
  const dce = -Math.floor(Math.log10(c1.ce * (res / 2 / c1.q_in_mAh + res / 2 / c1.q_out_mAh)));
  const dret = -Math.floor(Math.log10(c1.retention * (res / c1.q_out_mAh)));
  assert.ok(dce < 4 && dret < 4, `fewer digits than the 4 printed before (${dce}, ${dret})`);
  const row = r.stdout.split('\n').find((l) => /^ +1 /.test(l));
  assert.equal(row?.trim().split(/ +/).join(' '), `1 ${c1.charge_mAh.toFixed(dq)} ${c1.discharge_mAh.toFixed(dq)} ${c1.ce.toFixed(dce)} ${c1.retention.toFixed(dret)}`, r.stdout);
  fs.rmSync(out, { recursive: true, force: true });
});
