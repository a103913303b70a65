/**
 * Branch audit32: the numbers `lit normalise` prints, checked by hand against their definition. Each model
 * estimate carries its method in the CSV row as in the JSON (the CSV gave the hours alone; only the table's
 * stderr said how they were made).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { splitDelimited } from '../src/io/csv.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit32-'));

test('lit normalise --format csv: every model estimate has its method in its row; a row without one has none', async () => {
  const r = await cli(['lit', 'normalise', '--format', 'csv', '--db', path.join(tmp, 'lit.db')], { cwd: tmp });
  assert.equal(r.code, 0, r.stderr);
  const [head, ...rows] = r.stdout.trim().split('\n').map((l) => splitDelimited(l, ','));
  const col = (name: string) => { const i = head!.indexOf(name); assert.ok(i >= 0, `column ${name}: ${head!.join(',')}`); return i; };
  const est = col('model_estimate_at_3_mA_per_cm2_h'), how = col('model_estimate_method'), j = col('current_density_mA_per_cm2');
  const life = col('lifetime_h'), cum = col('cumulative_capacity_mAh_per_cm2');
  let withEstimate = 0;
  for (const row of rows) {
    assert.equal(row.length, head!.length, row.join(','));
    if (row[est] === '') { assert.equal(row[how], '', row.join(',')); continue; }
    withEstimate++;
    assert.match(row[how]!, /MODEL ESTIMATE, not a measurement: hours at 3 mA\/cm2 that pass the same cumulative capacity/, row.join(','));
    // the estimate by hand: j t / (3 mA/cm2), and the cumulative capacity j t
    const jt = Number(row[j]) * Number(row[life]);
    assert.equal(Number(row[cum]), jt, row.join(','));
    assert.ok(Math.abs(Number(row[est]) - jt / 3) <= 1e-3 * jt / 3, row.join(','));
  }
  assert.ok(withEstimate >= 4, `rows with an estimate: ${withEstimate}`);
});
