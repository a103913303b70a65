/**
 * BDF files written with the names the specification has used over its versions (March 2025
 * `test_time_millisecond`, `cycle_dimensionless`; 2025 `*_ampere_hour`; 1.3.0 `step_id`, labels
 * in any unit, unix time only) read as the canonical file does. Each variant is the SINTEF BDF
 * reference export (../shared/data/cycler, every 16th row to stay fast) rewritten in the test, values
 * rescaled to the units the names state; analyze must give the same cycles, capacities and CE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { bdfName } from '../src/cycler/bdf-names.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-bdf-names');

const SRC = path.resolve('../shared/data/cycler/SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-bdfnames-'));
const T = (f: string) => path.join(tmp, f);

// the reference file's rows (test_time_second, voltage_volt, current_ampere, step_index, discharging_capacity_ah, charging_capacity_ah, ambient_temperature_celsius)
const [head, ...body] = fs.readFileSync(SRC, 'utf8').trim().split(/\r?\n/);
const col = (name: string) => head!.split(',').indexOf(name);
const rows = body.filter((_, k) => k % 16 === 0).map((l) => l.split(','));
// a cycle number for the cycle-column names: 1 until the second discharge begins, then 2 (the file has none)
const iI = col('current_ampere');
let cyc = 1, seenCharge = false;
const cycles = rows.map((r) => { const i = Number(r[iI]); if (i > 0) seenCharge = true; if (i < 0 && seenCharge) cyc = 2; return cyc; });

/** A CSV of the reference rows: each output column is a header and a function of the row. */
function write(name: string, cols: [string, (r: string[], k: number) => string | number][]): string {
  const lines = [cols.map(([h]) => h).join(',')];
  rows.forEach((r, k) => lines.push(cols.map(([, f]) => String(f(r, k))).join(',')));
  fs.writeFileSync(T(name), lines.join('\n') + '\n');
  return T(name);
}
const v = (name: string, scale = 1) => (r: string[]) => (scale === 1 ? r[col(name)]! : Number(r[col(name)]) * scale);
// 2024-04-30 14:33:19 UTC, the raw Landt export's first date-time, in ms
const UNIX0_MS = Date.UTC(2024, 3, 30, 14, 33, 19);

const reference = write('reference.bdf.csv', [
  ['test_time_second', v('test_time_second')], ['voltage_volt', v('voltage_volt')], ['current_ampere', v('current_ampere')],
  ['cycle_count', (_, k) => cycles[k]!], ['step_index', v('step_index')],
  ['charging_capacity_ah', v('charging_capacity_ah')], ['discharging_capacity_ah', v('discharging_capacity_ah')], ['ambient_temperature_celsius', v('ambient_temperature_celsius')],
]);
const variants: Record<string, string> = {
  // README of March/April 2025: milliseconds, dimensionless counts, ampere_hour spelled out
  march2025: write('march2025.bdf.csv', [
    ['test_time_millisecond', v('test_time_second', 1000)], ['voltage_volt', v('voltage_volt')], ['current_ampere', v('current_ampere')],
    ['cycle_dimensionless', (_, k) => cycles[k]!], ['step_index', v('step_index')],
    ['charge_capacity_ampere_hour', v('charging_capacity_ah')], ['discharge_capacity_ampere_hour', v('discharging_capacity_ah')], ['ambient_temperature_celsius', v('ambient_temperature_celsius')],
  ]),
  // preferred labels in other units than the canonical ones, 1.3.0 "Step ID"
  labels: write('labels.bdf.csv', [
    ['Test Time / ms', v('test_time_second', 1000)], ['Voltage / mV', v('voltage_volt', 1000)], ['Current / mA', v('current_ampere', 1000)],
    ['Cycle Count / 1', (_, k) => cycles[k]!], ['Step ID', v('step_index')],
    ['Charging Capacity / mAh', v('charging_capacity_ah', 1000)], ['Discharging Capacity / mAh', v('discharging_capacity_ah', 1000)], ['Ambient Temperature / degC', v('ambient_temperature_celsius')],
  ]),
  // no test time: unix time in ms (the 1.3.0 schema asks for test or unix time), 1.3.0 altLabels
  unix: write('unix.bdf.csv', [
    ['unix_time_millisecond', (r) => UNIX0_MS + Math.round(Number(r[col('test_time_second')]) * 1000)], ['voltage_v', v('voltage_volt')], ['current_a', v('current_ampere')],
    ['cycle_count_1', (_, k) => cycles[k]!], ['step_id', v('step_index')],
    ['charging_capacity_ampere_hour', v('charging_capacity_ah')], ['discharging_capacity_ampere_hour', v('discharging_capacity_ah')], ['ambient_temperature_degc', v('ambient_temperature_celsius')],
  ]),
};

const near = (a: number | null | undefined, b: number | null | undefined, what: string) => {
  if (a === null || a === undefined || b === null || b === undefined || Number.isNaN(b)) return assert.equal(a, b, what); // NaN: a CE without a charge
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
};

test('BDF names of every spec version: the same cycles, capacities and CE as the canonical file', async () => {
  const ref = (await analyzeFile(reference, { protocol: 'fullcell' })).report;
  assert.equal(ref.cycles, 2);
  assert.equal(ref.cycles_counted_by, 'cycle column');
  const rc = ref.fullcell!.cycles;
  assert.ok(rc[0]!.discharge_mAh > 6 && rc[0]!.charge_mAh > 3, JSON.stringify(rc[0])); // the half cycles are there to compare
  for (const [name, f] of Object.entries(variants)) {
    const { table, report } = await analyzeFile(f, { protocol: 'fullcell' });
    assert.equal(report.format, 'bdf', name);
    assert.equal(table.rows, rows.length, name);
    assert.deepEqual(Object.keys(table.columns).sort(), Object.keys((await readCycler(reference)).columns).concat(name === 'unix' ? ['unix_time_second'] : []).sort(), name);
    assert.equal(report.cycles, ref.cycles, name);
    assert.equal(report.cycles_counted_by, 'cycle column', name);
    assert.deepEqual(report.checks.map((c) => `${c.name} ${c.status}`), ref.checks.map((c) => `${c.name} ${c.status}`), name);
    const c = report.fullcell!.cycles;
    assert.equal(c.length, rc.length, name);
    c.forEach((x, k) => {
      for (const key of ['charge_mAh', 'discharge_mAh', 'ce', 'retention'] as const) near(x[key], rc[k]![key], `${name} cycle ${k + 1} ${key}`);
    });
    // the time read back in seconds (unix: minus its first value, 14:33:19.020 UTC)
    const t = table.columns.test_time_second!, t0 = Number(rows[0]![0]);
    near(t[t.length - 1]! + (name === 'unix' ? t0 : 0), Number(rows[rows.length - 1]![0]), `${name} last test time`);
  }
});

test('convert of a millisecond/mA BDF writes the canonical file (1.3.0 names), value for value', async () => {
  const a = await cli(['convert', reference, '--to', 'bdf']);
  const b = await cli(['convert', variants.labels!, '--to', 'bdf']);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const la = a.stdout.trim().split('\n'), lb = b.stdout.trim().split('\n');
  assert.equal(lb[0], la[0]);
  // written under the 1.3.0 names: the program's step as step_id (step_index is deprecated there, and a row counter)
  assert.deepEqual(la[0]!.split(','), ['test_time_second', 'voltage_volt', 'current_ampere', 'cycle_count', 'step_id', 'charging_capacity_ah', 'discharging_capacity_ah', 'ambient_temperature_celsius']);
  assert.equal(lb.length, la.length);
  // 12 significant digits (the writer's format) hide the x1e-3 rounding: equal cell for cell, or within 1e-12 relative
  let differ = 0;
  for (let k = 1; k < la.length; k++) {
    if (la[k] === lb[k]) continue;
    const x = la[k]!.split(','), y = lb[k]!.split(',');
    x.forEach((s, j) => near(Number(y[j]), Number(s), `line ${k + 1} column ${la[0]!.split(',')[j]}`));
    differ++;
  }
  assert.ok(differ <= la.length / 100, `${differ} lines differ in their text`);
});

test('a BDF file without any time column is refused, naming the time columns it could have', async () => {
  const f = write('notime.bdf.csv', [['voltage_volt', v('voltage_volt')], ['current_ampere', v('current_ampere')], ['step_index', v('step_index')]]);
  const r = await cli(['convert', f, '--to', 'bdf']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /notime\.bdf\.csv:1: Battery Data Format CSV header has no time column: expected test_time_second .*test_time_millisecond .*"Test Time \/ UNIT".*unix_time_second, unix_time_millisecond.*; found: voltage_volt, current_ampere, step_index$/m);
  // a unit word of the wrong dimension is an error naming the column, not a skipped column
  const g = write('volt.bdf.csv', [['test_time_second', v('test_time_second')], ['voltage_volt', v('voltage_volt')], ['current_volt', v('current_ampere')]]);
  const s = await cli(['convert', g, '--to', 'bdf']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /volt\.bdf\.csv:1: column "current_volt" has unit "V", which is not a current \(expected A or a multiple\)/);
});

test('bdfName: names of the versions to column and unit; 1.3.0 step_id before step_index; the row counter is not a step', () => {
  assert.deepEqual(bdfName('test_time_millisecond'), { col: 'test_time_second', unit: 'ms', rank: 1 });
  assert.deepEqual(bdfName('test_time_second'), { col: 'test_time_second', unit: 's', rank: 0 });
  assert.equal(bdfName('cycle_dimensionless')?.col, 'cycle_count');
  assert.equal(bdfName('step_dimensionless')?.col, 'step_count');
  assert.ok(bdfName('step_id')!.rank < bdfName('step_index')!.rank);
  assert.equal(bdfName('step_record_index'), undefined);
  assert.deepEqual(bdfName('discharge_capacity_milliampere_hour'), { col: 'discharging_capacity_ah', unit: 'mAh', rank: 3 });
  assert.equal(bdfName('temperature_t1_celsius')?.col, 'temperature_t1_celsius');
  assert.equal(bdfName('date_time_millisecond')?.col, 'unix_time_second');
  assert.equal(bdfName('Test_Time (s)'), undefined);
});

test('1.3.0 step_type labels the current\'s sign (CC_DCH discharge, CC_CHG charge, REST); Temperature T1 and Unix Time / ms labels', async () => {
  const f = T('steptype.bdf.csv');
  fs.writeFileSync(f, 'test_time_second,voltage_volt,current_ampere,step_type,Temperature T1 / degC,Unix Time / ms\n0,3.0,-0.001,CC_DCH,25,1714487599000\n1,2.9,0.001,CC_DCH,25.5,1714487600000\n2,3.1,0.001,CC_CHG,26,1714487601000\n3,3.1,0,REST,26,1714487602500\n');
  const t = await readCycler(f);
  assert.equal(t.format, 'bdf');
  assert.deepEqual(Array.from(t.labels!), [-1, -1, 1, 0]);
  assert.deepEqual(Array.from(t.columns.current_ampere!), [-0.001, -0.001, 0.001, 0]); // row 2 follows its label
  assert.equal(t.checks.sign_flipped_rows, 1);
  assert.deepEqual(Array.from(t.columns.temperature_t1_celsius!), [25, 25.5, 26, 26]);
  assert.equal(t.columns.unix_time_second![3], 1714487602.5);
});
