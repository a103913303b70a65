/**
 * An electrochemist's conventions on the real cycler exports of ../shared/data/cycler: CE per cycle
 * against the file's own charge/discharge capacities (read from the file in the test, not typed in),
 * cycle numbering, and the names and units the cycler report shares with a simulated cycles.csv.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../src/analysis/report.js';

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
});
