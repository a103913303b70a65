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

test('the full-cell cathode sets against their sources and the package\'s atomic weights', async () => {
  const { CATHODES, arealCapacity } = await import('../src/fullcell/cathodes.js');
  const { loadElements } = await import('../src/evidence/elements.js');
  const { CONST } = await import('../src/units.js');
  const el = loadElements();
  const M = (formula: Record<string, number>) => Object.entries(formula).reduce((s, [sym, n]) => s + n * el.get(sym)!.atomicWeight, 0);
  const theoretical = (electrons: number, m: number) => (electrons * CONST.F) / (3.6 * m); // mAh/g
  const near = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * b;
  // LFP: theoretical capacity of LiFePO4 (169.9 mAh/g); Padhi et al. 1997: "at 3.5 V vs. lithium" (it read 3.4 V)
  assert.ok(near(CATHODES.LFP!.specificCapacity.value, theoretical(1, M({ Li: 1, Fe: 1, P: 1, O: 4 })), 0.005));
  assert.equal(CATHODES.LFP!.voltage.value, 3.5);
  assert.match(CATHODES.LFP!.voltage.source.where ?? '', /3\.5 V vs\. lithium/);
  // S to Li2S, 2 e- per S: 1672 mAh/g from the atomic weight, 1675 as the literature rounds it
  assert.ok(near(CATHODES.S!.specificCapacity.value, theoretical(2, M({ S: 1 })), 0.005));
  // NCM811's practical 200 mAh/g lies below its theoretical (275 mAh/g for one Li per formula unit)
  assert.ok(CATHODES.NCM811!.specificCapacity.value < theoretical(1, M({ Li: 1, Ni: 0.8, Co: 0.1, Mn: 0.1, O: 2 })));
  // each assumed loading gives the areal capacity its note states
  for (const c of Object.values(CATHODES)) {
    const stated = /\(([\d.]+) mAh\/cm2/.exec(c.loading.source.note ?? '');
    assert.ok(stated, `${c.name}: ${c.loading.source.note}`);
    assert.ok(near(arealCapacity(c), Number(stated[1]), 1e-9), `${c.name}: ${arealCapacity(c)} vs ${stated[1]}`);
  }
});
