/**
 * A simulated run's cycles.csv and `sacplate analyze` of its eta.csv share names and units where
 * they mean the same thing (plated/stripped mAh/cm2, CE, plateaus in mV, one spelling of per cm2),
 * and count the same cycles (the rest numbered 0 before the first plating is not a cycle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { simulate } from '../src/simulation/simulate.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycles-report-names');

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
  // the cycle-column check gives the same count and names the rest it left out
  const check = licu.report.checks.find((c) => c.name === 'cycle column')!;
  assert.equal(check.detail, 'integers, never decreasing, 2 cycles (+ a rest-only cycle 0)');
  assert.match(formatReport(licu.report), /, 2 cycles by the file's cycle column\n[^]*\n {2}ok +cycle column: integers, never decreasing, 2 cycles \(\+ a rest-only cycle 0\)\n/);
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
  // the first plating's nucleation reading under the names and unit of the run's metrics.json (the
  // report had only peak_V, plateau_V, nucleation_V; its table said plate_plateau_mV, its line "tip")
  const nu = sym.report.symmetric!.nucleation as unknown as Record<string, number | boolean>;
  for (const key of ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV'] as const) {
    const m = res.metrics[key] as number;
    assert.ok(typeof nu[key] === 'number' && Math.abs((nu[key] as number) - m) <= 1e-6 * Math.abs(m), `${key}: report ${nu[key]} vs metrics.json ${m}`);
  }
  assert.equal(nu.nucleation_no_dip, res.metrics.nucleation_no_dip);
  const text = formatReport(sym.report);
  // plating first: the two pair alike, and neither says a word of it (mends93)
  assert.equal(res.cycles.strip_first, undefined);
  assert.equal(sym.report.symmetric!.pairing_first_sign, undefined);
  assert.doesNotMatch(text, /each strip with|cycles\.csv pairs/);
  assert.match(text, /\ncycle +plating_plateau_mV +stripping_plateau_mV +hysteresis_mV\n/);
  assert.match(text, /\nnucleation overpotential [\d.-]+ mV(?: \(no dip[^)]*\))? \(peak [\d.]+ mV at [\d.]+ s, plateau [\d.]+ mV\)\n/);
  // the mean CE under metrics.json's name too (the report had mean_ce only; review41)
  assert.equal(licu.report.licu!.average_ce, licu.report.licu!.mean_ce);
  assert.ok(Math.abs(licu.report.licu!.average_ce! - res.metrics.average_ce!) <= 1e-9, `average_ce: report ${licu.report.licu!.average_ce} vs metrics.json ${res.metrics.average_ce}`);
  // one spelling of "per cm2" in the whole report, the simulator's
  const keys = (o: unknown): string[] => (o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => [k, ...keys(v)]) : []);
  for (const rep of [sym.report, licu.report]) {
    const odd = [...new Set(keys(rep))].filter((k) => /(mAh|mA|Ah|C)_cm2$/.test(k)); // a quantity per area, not an area (area_cm2)
    assert.deepEqual(odd, [], 'report keys in mAh_cm2 / mA_cm2 spelling');
  }
});

test('an Aurbach run\'s metrics.json average_ce and the cycler report of its eta.csv: the same number under the same name', async () => {
  // the Aurbach protocol of examples/cycling-aurbach.yaml on a small box: Q_T, 2 cycles of Q_C, a final strip
  const dir = mkdtempSync(path.join(tmpdir(), 'sacplate-conv-au-'));
  const res = simulate({
    metal: 'Li', lattice: { size: [8, 8, 12], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.45 eV' }, seed: 1,
    protocol: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', { repeat: 2, steps: ['Strip 0.0005 mAh/cm2 at 10 mA/cm2', 'Plate 0.0005 mAh/cm2 at 10 mA/cm2'] }, 'Strip at 10 mA/cm2 until 1 V'],
    output: { snapshots: false },
  }, { outDir: dir });
  const au = (await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'aurbach' })).report.aurbach!;
  assert.equal(au.n, 2);
  assert.equal(au.average_ce, au.ce_avg);
  assert.ok(Math.abs(au.average_ce! - res.metrics.average_ce!) <= 1e-9, `average_ce: report ${au.average_ce} vs metrics.json ${res.metrics.average_ce}`);
});

// mends93 (mends91's leftover): a run that strips first pairs its halves in cycles.csv plating first (the Li||Cu cycle, for
// its CE) and in `analyze eta.csv --protocol symmetric` strip first (as a cycler numbers such a schedule): neither said so
// the strip-first run, simulated once for the tests that read it (a run of 8 x 8 x 10 voxels)
let stripFirstRun: { dir: string; res: ReturnType<typeof simulate> } | undefined;
function stripFirst(): { dir: string; res: ReturnType<typeof simulate> } {
  if (stripFirstRun) return stripFirstRun;
  const dir = mkdtempSync(path.join(tmpdir(), 'sacplate-conv-sf-'));
  const res = simulate({ ...SYM, protocol: ['Rest for 0.2 s', { repeat: 2, steps: ['Strip 0.0004 mAh/cm2 at 1 mA/cm2', 'Plate 0.0004 mAh/cm2 at 1 mA/cm2'] }] }, { outDir: dir });
  return (stripFirstRun = { dir, res });
}

test('a run that strips first: cycles.csv and analyze of its eta.csv pair its halves differently, and each says which pairing it read', async () => {
  const { dir, res } = stripFirst();
  // strip, plate, strip, plate: cycles.csv the plating of protocol cycle 1 with the strip of cycle 2; analyze two cycles
  const csv = readCsv(path.join(dir, 'cycles.csv'));
  assert.deepEqual(csv.map((r) => r.protocol_cycle), ['1']);
  const sym = (await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'symmetric' })).report;
  assert.equal(sym.symmetric!.cycles.length, 2);
  assert.equal(sym.symmetric!.pairing_first_sign, 1);
  assert.match(formatReport(sym), /\n2 cycles: each strip with the plating after it, as the file starts with a strip [^\n]*; the run's own cycles\.csv pairs each plating with the strip after it /);
  // the run's side: the summary and the line `simulate` prints from the run's steps
  const sf = res.cycles.strip_first;
  assert.ok(sf, 'cycles summary: strip_first');
  assert.deepEqual([sf.cycles_csv, sf.analyze_symmetric], [csv.length, sym.symmetric!.cycles.length]);
  assert.match(sf.note, /^note: cycles\.csv pairs each plating with the strip after it [^\n]*, 1 cycle: the run starts with a strip, and its first strip and its last plating are in no cycle; `sacplate analyze eta\.csv --protocol symmetric` pairs each strip with the plating after it, [^\n]*, 2 cycles: /);
  const { stripFirstPairingOfSteps } = await import('../src/simulation/cycles.js');
  assert.deepEqual(stripFirstPairingOfSteps(res.steps), sf);
  // a run that plates first (SYM, the test above): nothing said on either side
});

// mends94 (mends93's leftover): analyze --protocol symmetric read a strip-first run's nucleation overpotential from its first
// strip (of the foil: no nucleation in a trace of the working electrode's own overpotential) where the run's metrics.json
// reads its first plating's; now both read the first plating, and the report says which half it read
test('a run that strips first: analyze of its eta.csv reads the nucleation overpotential of the first plating, as its metrics.json (mends94)', async () => {
  const { dir, res } = stripFirst();
  const rep = (await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'symmetric' })).report;
  const sym = rep.symmetric!;
  const n = sym.nucleation!;
  assert.equal(sym.half_cycles[0]!.sign, 1, 'the file starts with a strip');
  const read = sym.half_cycles.find((h) => h.index === n.half_cycle)!;
  assert.equal(read.sign, -1, 'the half read is a plating');
  assert.equal(sym.half_cycles.findIndex((h) => h.sign < 0), sym.half_cycles.indexOf(read), 'the first plating');
  assert.equal(n.read_from, 'first_plating');
  for (const key of ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV'] as const) {
    const m = res.metrics[key] as number;
    assert.ok(Number.isFinite(m) && Math.abs(n[key]! - m) <= 1e-9 * Math.max(1, Math.abs(m)), `${key}: analyze ${n[key]} vs metrics.json ${m}`);
  }
  assert.match(formatReport(rep),
    /\nnucleation overpotential [0-9.]+ mV \([^)]*\), read from the first plating \(half cycle 2, in cycle 1\), as the run's metrics\.json reads it: /);
});
