/**
 * Issue 12: batteryarchive.org and BatteryData (batterydata.energy.gov) CSVs, on real files from
 * the test data of ROVI-org/battery-data-toolkit (Apache-2.0; test/data/cycler/SOURCES.md):
 * auto-detected, values read as written, and the charge the reader's current and time give
 * within 1 % of the file's own capacity columns (a check on units and sign, not on our numbers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCycler } from '../src/cycler/read.js';
import { parseDateTimeCell } from '../src/cycler/datetime.js';

const LOCAL = (f: string) => path.join('test/data/cycler', f);
const csv = (f: string) => {
  const lines = fs.readFileSync(LOCAL(f), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0]!.split(',');
  return { rows: lines.slice(1).map((l) => l.split(',')), col: (n: string) => head.indexOf(n) };
};

/** Charge (Ah) from the reader's current and time over rows [a, b], trapezoids. */
function charge(t: number[] | Float64Array, i: number[] | Float64Array, a: number, b: number): number {
  let q = 0;
  for (let k = a + 1; k <= b; k++) q += 0.5 * (i[k]! + i[k - 1]!) * (t[k]! - t[k - 1]!);
  return q / 3600;
}

test('batteryarchive.org timeseries CSV (CALCE CX2-33 via battery-data-toolkit): detected, date-times, charge agrees with Charge_Capacity (Ah)', async () => {
  const f = 'batteryarchive_CALCE_CX2-33_timeseries.csv';
  const { rows, col } = csv(f);
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'batteryarchive');
  assert.equal(t.rows, rows.length);
  const c = t.columns;
  for (let k = 0; k < rows.length; k++) {
    assert.equal(c.test_time_second![k], Number(rows[k]![col('Test_Time (s)')]));
    assert.equal(c.current_ampere![k], Number(rows[k]![col('Current (A)')]));
    assert.equal(c.voltage_volt![k], Number(rows[k]![col('Voltage (V)')]));
  }
  assert.equal(c.unix_time_second![3], parseDateTimeCell(rows[3]![col('Date_Time')]!));
  // a charge (positive current) from rest: the file's own capacity column, 3 decimals
  const last = rows.length - 1;
  const q = charge(c.test_time_second!, c.current_ampere!, 0, last);
  const own = Number(rows[last]![col('Charge_Capacity (Ah)')]);
  assert.ok(Math.abs(q - own) <= 0.0005 + 0.01 * own, `integrated ${q.toFixed(5)} Ah, file ${own} Ah`);
});

test('BatteryData raw CSV (p492-13 via battery-data-toolkit): detected, signs, each step\'s charge within 1 % of the file\'s capacity columns', async () => {
  const f = 'batterydata_p492-13-raw_head500.csv';
  const { rows, col } = csv(f);
  const t = await readCycler(LOCAL(f));
  assert.equal(t.format, 'batteryarchive');
  assert.equal(t.rows, rows.length);
  const c = t.columns;
  const k = 250;
  assert.equal(c.test_time_second![k], Number(rows[k]![col('Time_s')]));
  assert.equal(c.current_ampere![k], Number(rows[k]![col('Current_A')]));
  assert.equal(c.voltage_volt![k], Number(rows[k]![col('Voltage_V')]));
  assert.equal(c.temperature_t1_celsius![k], Number(rows[k]![col('Cell_Temperature_C')]));
  // steps as the file labels them: 6 = discharge (negative current), 10 = charge (positive)
  const step = rows.map((r) => Number(r[col('Step')]));
  for (const [s, kind, capCol] of [[6, -1, 'Discharge_Capacity_Ah'], [10, 1, 'Charge_Capacity_Ah']] as const) {
    const a = step.indexOf(s), b = step.lastIndexOf(s);
    assert.ok(a >= 0 && b > a, `step ${s} in the file`);
    for (let j = a + 1; j <= b; j++) assert.equal(Math.sign(c.current_ampere![j]!), kind, `row ${j}: current sign in step ${s}`);
    // from the previous row (the step starts at the last sample of the one before)
    const q = kind * charge(c.test_time_second!, c.current_ampere!, a - 1, b);
    const own = Number(rows[b]![col(capCol)]);
    assert.ok(own > 0 && Math.abs(q / own - 1) < 0.01, `step ${s}: integrated ${q.toExponential(5)} Ah, file ${own} Ah`);
  }
});
