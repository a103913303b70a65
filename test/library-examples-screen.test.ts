/**
 * docs/api.md's screening and cycler examples (examples/library/screen.mjs, cycler.mjs) run as
 * written, and what they print is what the library itself gives: the screen asked again of the same
 * store (its simulations are kept there: the same numbers), the cycler file analysed again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runScreen } from '../src/screen/screen.js';
import { analyzeFile } from '../src/analysis/report.js';
import { runExample } from './helpers/examples.js';

test('screen.mjs and cycler.mjs: the ranking runScreen gives from the same store; the cycles analyzeFile reads', async () => {
  const out = await runExample('screen.mjs');
  const r = await runScreen({
    name: 'library-example',
    base: { metal: 'Li', host: 'N-graphene', lattice: { size: [8, 8, 8], voxel: '50 nm' }, protocol: ['Plate 0.002 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } },
    seeds: 1,
    candidates: [{ name: 'bare', sacs: [], synthesis: 'none' }, { name: 'Zn-N4', sacs: [{ site: 'Zn-N4', loading: '2 %' }], synthesis: { route: 'pyrolysis', temperature: '900 degC' } }],
    objectives: ['rms_roughness_nm', 'sustainability'],
  }, { threads: 1, record: false });
  const rows = out.filter((l) => / front \d+, /.test(l));
  assert.deepEqual(rows.map((l) => l.split(':')[0]), r.ranking.map((c) => c.name), 'the same order');
  for (const c of r.ranking) {
    const line = rows.find((l) => l.startsWith(`${c.name}:`))!;
    assert.equal(line, `${c.name}: front ${c.front + 1}, rms roughness ${c.values[0]!.toFixed(3)} nm, sustainability ${c.values[1]!.toFixed(3)}`);
  }
  const file = resolve('../shared/data/cycler/neware_uio.csv');
  assert.ok(existsSync(file), file);
  const cy = await runExample('cycler.mjs');
  const { report } = await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 });
  assert.equal(cy[0], `format: ${report.format}, ${report.rows} rows, ${report.cycles} cycles`);
  for (const c of report.fullcell!.cycles) {
    assert.ok(cy.some((l) => l.startsWith(`cycle ${c.cycle}: charge ${c.charge_mAh.toFixed(4)} mAh, discharge ${c.discharge_mAh.toFixed(4)} mAh`)), `cycle ${c.cycle}`);
  }
});
