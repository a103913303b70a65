/**
 * An electrochemist's conventions on the real cycler exports of ../shared/data/cycler: CE per cycle
 * against the file's own charge/discharge capacities (read from the file in the test, not typed in),
 * cycle numbering, and the names and units the cycler report shares with a simulated cycles.csv.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { simulate } from '../src/simulation/simulate.js';
import { gcplRows, writeBdfCsv } from './helpers/cycler-files.js';

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

// a tiny Li||Li run: an initial rest (its eta.csv rows are cycle 0), then 2 plate/strip cycles
const SYM = {
  metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Li', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
  protocol: ['Rest for 0.2 s', { repeat: 2, steps: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', 'Strip 0.0004 mAh/cm2 at 1 mA/cm2'] }],
  output: { snapshots: false },
};

function readCsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i]!, v])));
}

test('a simulated cycles.csv and the cycler report of its eta.csv: the same cycle count, column names and units', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sacplate-conv-'));
  const res = simulate(SYM, { outDir: dir });
  assert.equal(res.metrics.cycles_completed, 2);
  const csv = readCsv(path.join(dir, 'cycles.csv'));
  assert.equal(csv.length, 2);
  // the report counts the file's cycles: the rest before the first plating (cycle 0 in eta.csv) is not a cycle
  const licu = await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'licu' });
  assert.equal(licu.report.cycles, 2, 'cycles in the format line');
  const sym = await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'symmetric' });
  const shared = ['plated_mAh_per_cm2', 'stripped_mAh_per_cm2', 'ce'] as const;
  const plateaus = ['plating_plateau_mV', 'stripping_plateau_mV'] as const;
  for (let k = 0; k < 2; k++) {
    const row = csv[k]!;
    const lc = licu.report.licu!.cycles[k] as unknown as Record<string, number>;
    for (const key of shared) {
      assert.ok(key in row, `cycles.csv has ${key}`);
      assert.ok(key in lc, `the report's licu cycles have ${key}`);
      assert.ok(Math.abs(lc[key]! - Number(row[key])) <= 1e-9 * Math.abs(Number(row[key])), `cycle ${k + 1} ${key}: report ${lc[key]} vs cycles.csv ${row[key]}`);
    }
    // mAh/cm2 from C/cm2: 1 mAh = 3.6 C
    assert.ok(Math.abs(Number(row.plated_mAh_per_cm2) * 3.6 - Number(row.plated_C_per_cm2)) <= 1e-12);
    // per-area keys spelt as the simulator spells them (charge_mAh_per_cm2, current_mA_per_cm2)
    const hc = sym.report.symmetric!.half_cycles[2 * k] as unknown as Record<string, number>;
    assert.ok(Math.abs(hc.charge_mAh_per_cm2! - Number(row.plated_mAh_per_cm2)) <= 1e-9 * Number(row.plated_mAh_per_cm2), `half cycle ${2 * k} charge_mAh_per_cm2`);
    assert.ok(Math.abs(hc.current_mA_per_cm2! + 1) < 1e-6, 'plating at -1 mA/cm2, as eta.csv writes it');
    const sc = sym.report.symmetric!.cycles[k] as unknown as Record<string, number>;
    for (const key of plateaus) {
      assert.ok(key in sc, `the report's symmetric cycles have ${key}`);
      assert.ok(Math.abs(sc[key]! - Number(row[key])) <= 1e-9 * Math.abs(Number(row[key])), `cycle ${k + 1} ${key}: report ${sc[key]} vs cycles.csv ${row[key]}`);
    }
  }
  // one spelling of "per cm2" in the whole report, the simulator's
  const keys = (o: unknown): string[] => (o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => [k, ...keys(v)]) : []);
  for (const rep of [sym.report, licu.report]) {
    const odd = [...new Set(keys(rep))].filter((k) => /(mAh|mA|Ah|C)_cm2$/.test(k)); // a quantity per area, not an area (area_cm2)
    assert.deepEqual(odd, [], 'report keys in mAh_cm2 / mA_cm2 spelling');
  }
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
