/**
 * `analyze --protocol licu` and `--protocol aurbach` read the nucleation overpotential of a plating, as the review
 * measures it on Li||Cu half cells (tip of the dip minus plateau), with the symmetric report's function and windows:
 * a simulated Li||Cu run's first plating reads what its metrics.json says, a trace whose dip is built to a known depth
 * reads that depth in every cycle, and a plating without a dip reads no dip. None of ../shared/data/cycler is a Li||Cu
 * or Li||host cell plating below 0 V (SOURCES.md: "None is a lithium-metal cell"), hence the built trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, formatReport, reportPlots } from '../src/analysis/report.js';
import { simulate } from '../src/simulation/simulate.js';
import * as lib from '../src/index.js';
import { gcplRows, writeBdfCsv, writeGcplMpt } from './helpers/cycler-files.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('licu-nucleation');

const tmp = mkdtempSync(path.join(tmpdir(), 'sacplate-licunuc-'));

/** A tiny Li||Cu run: 2 cycles of plating `cap` onto Cu and stripping it to 0.5 V (about 0.5 CPU s each). */
function licuRun(seed: number, cap: string) {
  const dir = path.join(tmp, `cu-${seed}-${cap}`);
  const res = simulate({
    metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed,
    protocol: [{ repeat: 2, steps: [`Plate ${cap} mAh/cm2 at 1 mA/cm2`, 'Strip at 1 mA/cm2 until 0.5 V'] }], output: { snapshots: false },
  }, { outDir: dir });
  return { metrics: res.metrics, eta: path.join(dir, 'eta.csv') };
}

const KEYS = ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV'] as const;
// eta.csv keeps 12 significant digits of a reading of ~0.1 V: 1e-9 mV of rounding, far under any change of window or function
const CSV_mV = 1e-6;

test('licu: a simulated Li||Cu run\'s first plating reads its metrics.json nucleation overpotential; every plating has its own; aurbach reads the first plating only', async () => {
  // seed 1 since stripfix (seed 2 before): seed 2's first strip now ends at -57 voxels against the second plating's 61,
  // beyond the aurbach walk's 5 % for a cycle of equal charge (on main -58, just inside), so it read as a formation cycle
  const { metrics: m, eta } = licuRun(1, '0.002');
  assert.equal(m.nucleation_no_dip, false, `precondition: seed 1 at 0.002 mAh/cm2 dips (${m.nucleation_overpotential_mV} mV)`);
  const { table, report } = await analyzeFile(eta, { protocol: 'licu' });
  const l = report.licu!;
  const n = l.nucleation! as unknown as Record<string, number | boolean>;
  for (const k of KEYS) assert.ok(Math.abs((n[k] as number) - m[k]) <= CSV_mV, `${k}: report ${n[k]} vs metrics.json ${m[k]}`);
  assert.equal(n.nucleation_no_dip, m.nucleation_no_dip);
  assert.equal(n.cycle, 1);
  // the cycle rows: the first plating's reading in the first row, a reading of its own in the second
  assert.equal(l.cycles.length, 2);
  const c1 = l.cycles[0]!, c2 = l.cycles[1]!;
  assert.equal(c1.nucleation_overpotential_mV, l.nucleation!.nucleation_overpotential_mV);
  assert.equal(c1.plating_peak_mV, l.nucleation!.peak_overpotential_mV);
  assert.equal(c1.plating_plateau_mV, l.nucleation!.plateau_overpotential_mV);
  assert.ok(Number.isFinite(c2.nucleation_overpotential_mV) && c2.nucleation_overpotential_mV !== c1.nucleation_overpotential_mV, 'cycle 2 reads its own plating');
  assert.ok(Math.abs(c2.nucleation_overpotential_mV! - (c2.plating_peak_mV! - c2.plating_plateau_mV!)) < 1e-9, 'peak minus plateau');
  // the plateaus the symmetric report reads from the same platings, under the same name (cycles.csv's plating_plateau_mV)
  const sym = await analyzeFile(eta, { protocol: 'symmetric' });
  assert.equal(sym.report.symmetric!.nucleation!.nucleation_V, l.nucleation!.nucleation_V, 'symmetric\'s first-half-cycle reading: the same number');
  sym.report.symmetric!.cycles.forEach((c, k) => assert.equal(c.plating_plateau_mV, l.cycles[k]!.plating_plateau_mV, `cycle ${k + 1} plating_plateau_mV`));
  // --plateau-from moves both windows alike
  const lp = (await analyzeFile(eta, { protocol: 'licu', plateauFrom: 0.3 })).report.licu!.nucleation!;
  const sp = (await analyzeFile(eta, { protocol: 'symmetric', plateauFrom: 0.3 })).report.symmetric!.nucleation!;
  assert.equal(lp.nucleation_V, sp.nucleation_V);
  assert.notEqual(lp.plateau_V, l.nucleation!.plateau_V, 'another window, another plateau');
  const text = formatReport(report);
  assert.ok(text.includes(`\nnucleation overpotential of the first plating ${m.nucleation_overpotential_mV.toFixed(2)} mV (peak ${m.peak_overpotential_mV.toFixed(2)} mV at `), text);
  // a simulated eta.csv is per cm2 (its area 1 cm2): the table gives both, as its cycles.csv names them
  assert.match(text, /\ncycle +plated_mAh +stripped_mAh +plated_mAh_per_cm2 +stripped_mAh_per_cm2 +CE +plating_peak_mV +plating_plateau_mV +nucleation_overpotential_mV\n/);
  assert.match(text, /magnitudes \|V\| in mV: the plating reads V < 0 vs Li/);
  // the figure of the dip, on the first plating's samples (signed: below 0 V)
  const fig = reportPlots(table, report).find(([name]) => name === 'nucleation');
  assert.ok(fig, 'a nucleation figure');
  assert.ok(Math.abs(fig[1].markers![0]!.y + m.peak_overpotential_mV) <= CSV_mV, 'its marker at the peak, below 0 V');
  // aurbach: the same file read as a reservoir (the first plating), one cycle and a final strip, and (n 0) as a formation
  // cycle, a reservoir and its final strip: the first plating is read either way, the later one never
  for (const [n, step] of [[undefined, 'reservoir'], [0, 'formation']] as const) {
    const ar = (await analyzeFile(eta, { protocol: 'aurbach', n })).report;
    const au = ar.aurbach!;
    assert.equal(au.nucleation!.step, step);
    for (const k of KEYS) assert.ok(Math.abs(au.nucleation![k]! - m[k]) <= CSV_mV, `aurbach ${k}: report ${au.nucleation![k]} vs metrics.json ${m[k]}`);
    assert.ok(formatReport(ar).includes(`\nnucleation overpotential of the first (${step}) plating, onto the bare working electrode ${m.nucleation_overpotential_mV.toFixed(2)} mV (peak `), formatReport(ar));
    assert.match(formatReport(ar), /the later platings are onto the Li reservoir, not nucleation on the host: not read\n/);
  }
});

test('licu: a plating without a dip reads no dip, as the simulator\'s metrics.json and the symmetric report say it', async () => {
  const { metrics: m, eta } = licuRun(4, '0.0004');
  assert.equal(m.nucleation_no_dip, true, `precondition: seed 4 at 0.0004 mAh/cm2 has no dip (${m.nucleation_overpotential_mV} mV)`);
  const { report } = await analyzeFile(eta, { protocol: 'licu' });
  const n = report.licu!.nucleation!;
  assert.equal(n.nucleation_no_dip, true);
  assert.equal(report.licu!.cycles[0]!.nucleation_no_dip, true);
  assert.ok(Math.abs(n.nucleation_overpotential_mV! - m.nucleation_overpotential_mV) <= CSV_mV);
  const text = formatReport(report);
  assert.match(text, /\nnucleation overpotential of the first plating -[\d.]+ mV \(no dip: not a nucleation barrier\) \(peak /);
  // cycle, plated and stripped in mAh and mAh/cm2, CE, peak, plateau, then the reading
  assert.match(text, /\n +1(?: +[\d.]+){7} +-[\d.]+ \(no dip\)\n/);
});

test('licu: a Li||Cu trace with a dip built to a known depth reads that depth, per plating; a rising plating reads no dip; a file that starts mid-plating has no first reading', async () => {
  // 1 mA platings and strips of 0.1 mAh, a sample every 12 s (31 per half). Plating |V| = P + a triangle of height D(cycle)
  // peaking at a tenth of the half (on a sample) and gone by a fifth: peak P + D, plateau (median from half the plating on) P.
  const P = 0.025, D = [0.04, 0.015];
  const halves = [{ I_mA: -1, q_mAh: 0.1 }, { I_mA: 1, q_mAh: 0.1 }, { I_mA: -1, q_mAh: 0.1 }, { I_mA: 1, q_mAh: 0.1 }, { I_mA: -1, q_mAh: 0.1 }, { I_mA: 1, q_mAh: 0.1 }];
  const rows = gcplRows(halves, 12);
  const T = 360, tPeak = 0.1 * T, w = 0.05 * T;
  let plating = -1, t0 = 0;
  rows.forEach((r, k) => {
    if (r.I_mA < 0 && !(k > 0 && rows[k - 1]!.I_mA < 0)) { plating++; t0 = r.t; }
    const s = r.t - t0;
    // the third plating has no dip: |V| rises through it
    r.V = r.I_mA > 0 ? 0.05 : plating < 2 ? -(P + D[plating]! * Math.max(0, 1 - Math.abs(s - tPeak) / w)) : -(P * (0.5 + s / T));
  });
  const file = path.join(tmp, 'dip.csv');
  writeBdfCsv(file, rows);
  const { report } = await analyzeFile(file, { protocol: 'licu' });
  const c = report.licu!.cycles;
  assert.equal(c.length, 3);
  for (let k = 0; k < 2; k++) {
    assert.ok(Math.abs(c[k]!.nucleation_overpotential_mV! - D[k]! * 1e3) < 1e-9, `cycle ${k + 1}: ${c[k]!.nucleation_overpotential_mV} mV, built ${D[k]! * 1e3} mV`);
    assert.ok(Math.abs(c[k]!.plating_peak_mV! - (P + D[k]!) * 1e3) < 1e-9 && Math.abs(c[k]!.plating_plateau_mV! - P * 1e3) < 1e-9);
    assert.ok(Math.abs(c[k]!.plating_peak_time_s! - (rows.find((r) => r.I_mA < 0 && r.t >= k * 2 * (T + 12))!.t + tPeak)) < 1e-9, 'the tip where it was built');
    assert.equal(c[k]!.nucleation_no_dip, false);
  }
  assert.ok(Math.abs(report.licu!.nucleation!.nucleation_V - D[0]!) < 1e-12, 'the headline: the first plating\'s');
  // the package entry's analyzeFile returns the same (docs/api.md)
  assert.deepEqual((await lib.analyzeFile(file, { protocol: 'licu' })).report.licu, report.licu);
  // the printed table per area when the area is known (a coin cell's mAh beside a simulated run's mAh/cm2): the file's
  // 0.1 mAh over 2 cm2 is 0.05 mAh/cm2 in columns named as cycles.csv names them; without an area, mAh only
  const areal = formatReport((await analyzeFile(file, { protocol: 'licu', area_cm2: 2 })).report);
  assert.match(areal, /\ncycle +plated_mAh +stripped_mAh +plated_mAh_per_cm2 +stripped_mAh_per_cm2 +CE +plating_peak_mV +plating_plateau_mV +nucleation_overpotential_mV\n +1 +0\.10000 +0\.10000 +0\.05000 +0\.05000 +1\.0000 /, areal);
  assert.match(formatReport(report), /\ncycle +plated_mAh +stripped_mAh +CE +plating_peak_mV/);
  assert.equal(c[2]!.nucleation_no_dip, true, `a rising plating: ${c[2]!.nucleation_overpotential_mV} mV`);
  assert.ok(c[2]!.nucleation_overpotential_mV! <= 0);
  // a file of the first plating alone (a nucleation test: one galvanostatic plating onto Cu, the curve the review reads
  // its nucleation overpotentials from), and one that ends in the second plating, before its strip: each plating the
  // file holds is read, in a row with no strip and no CE (review41: the lone plating read nothing, `mean CE - over 0
  // cycles` above an empty table, and a last plating without its strip was left out without a word)
  const firstPlatingEnd = rows.findIndex((r) => r.I_mA > 0);
  const lone = path.join(tmp, 'lone-plating.csv');
  writeBdfCsv(lone, rows.slice(0, firstPlatingEnd));
  const lr = (await analyzeFile(lone, { protocol: 'licu', area_cm2: 2 })).report;
  assert.ok(Math.abs(lr.licu!.nucleation!.nucleation_V - D[0]!) < 1e-12, `the lone plating's dip: ${lr.licu!.nucleation?.nucleation_V} V`);
  assert.equal(lr.licu!.cycles.length, 1);
  const lc = lr.licu!.cycles[0]!;
  assert.ok(lc.partial && lc.unstripped && Number.isNaN(lc.ce) && Number.isNaN(lc.stripped_mAh) && Math.abs(lc.plated_mAh - 0.1) < 1e-9);
  assert.equal(lr.licu!.mean_ce, undefined);
  const lt = formatReport(lr);
  assert.match(lt, /\nmean CE - over 0 cycles \(each plating with the strip after it, physical half cycles; the file ends in the plating of cycle 1 \(0\.1000 mAh\), before its strip: no CE for it\)\nnucleation overpotential of the first plating 40\.00 mV \(peak 65\.00 mV at 36\.0 s, plateau 25\.00 mV\)\n/, lt);
  assert.match(lt, /\n +1 +0\.10000 +- +0\.05000 +- +- +65\.00 +25\.00 +40\.00\n/, lt);
  const secondStrip = rows.findIndex((r, k) => k > firstPlatingEnd && r.I_mA > 0 && rows[k - 1]!.I_mA < 0);
  const ends = path.join(tmp, 'ends-plating.csv');
  writeBdfCsv(ends, rows.slice(0, secondStrip));
  const er = (await analyzeFile(ends, { protocol: 'licu' })).report.licu!;
  assert.deepEqual(er.cycles.map((x) => [x.cycle, x.unstripped ?? false]), [[1, false], [2, true]]);
  assert.ok(Math.abs(er.cycles[1]!.nucleation_overpotential_mV! - D[1]! * 1e3) < 1e-9, 'the last plating read too');
  assert.equal(er.mean_ce, er.cycles[0]!.ce, 'the mean of the complete cycle alone');
  // EC-Lab's GCPL ends each sequence with its rest ("Rest for tR", mode 3, I exactly 0) under the same Ns as the
  // current before it: a rest as long as the plating, at the -2 mV the cell relaxes to, is no part of the plating.
  // It was (the step rule took the whole Ns as plating): the plateau window fell in the rest, 2.00 mV, and the
  // nucleation overpotential read 63.00 mV for the built 40 (review41)
  const rested: typeof rows = [];
  let shift = 0;
  rows.forEach((r, k) => {
    rested.push({ ...r, t: r.t + shift });
    if (r.I_mA < 0 && (rows[k + 1]?.I_mA ?? 0) >= 0) {
      for (let j = 1; j <= 30; j++) rested.push({ ...r, t: r.t + shift + 12 * j, I_mA: 0, V: -0.002, mode: 3 });
      shift += 30 * 12;
    }
  });
  const gcpl = path.join(tmp, 'gcpl-rests.mpt');
  writeGcplMpt(gcpl, rested);
  const gr = (await analyzeFile(gcpl, { protocol: 'licu' })).report.licu!;
  for (let k = 0; k < 2; k++) {
    assert.ok(Math.abs(gr.cycles[k]!.nucleation_overpotential_mV! - D[k]! * 1e3) < 1e-9 && Math.abs(gr.cycles[k]!.plating_plateau_mV! - P * 1e3) < 1e-9,
      `cycle ${k + 1} with its sequence's rest: ${gr.cycles[k]!.nucleation_overpotential_mV} mV (plateau ${gr.cycles[k]!.plating_plateau_mV} mV), built ${D[k]! * 1e3} mV on ${P * 1e3} mV`);
    assert.ok(Math.abs(gr.cycles[k]!.plated_mAh - 0.1) < 1e-9, `cycle ${k + 1} plated ${gr.cycles[k]!.plated_mAh} mAh`);
  }
  // a file that starts 5 samples before the end of its first plating (under half a plating, stripped in full after): no reading of a dip that is not in it
  const cut = path.join(tmp, 'cut.csv');
  writeBdfCsv(cut, rows.filter((r, k) => k >= 26));
  const cr = (await analyzeFile(cut, { protocol: 'licu' })).report;
  assert.equal(cr.licu!.cycles[0]!.cut_start, true);
  assert.equal(cr.licu!.nucleation, undefined);
  assert.equal(cr.licu!.cycles[0]!.nucleation_overpotential_mV, undefined);
  assert.ok(Math.abs(cr.licu!.cycles[1]!.nucleation_overpotential_mV! - D[1]! * 1e3) < 1e-9, 'the next plating keeps its reading');
  assert.match(formatReport(cr), /\nnucleation overpotential of the first plating: none read \(the file starts mid-plating: its dip is before the first row\)\n/);
});

// mends116 (review86 F1): metrics.json read a pulse train's nucleation on every row of the Pulse step, off-times (0 current,
// the box's open circuit) included, and `analyze` read the first on-time only ("too short"); a Plate with a Hold after it
// was read by `analyze` over both (the Hold's held -50 mV in its plateau) where metrics.json read the Plate. Both now read
// the first plating's rows that pass its plating current: checked here against the reading of eta.csv's own plating rows
test('licu and symmetric: a pulse train and a Plate + Hold are read on the rows that pass the plating current, as metrics.json reads them (mends116)', async () => {
  const runs = [
    // (about 0.3 and 0.4 CPU s: 8 x 8 x 10 voxels, a plating of 5 to 8 voxels, no strip)
    { name: 'pulse', protocol: ['Pulse at 10 mA/cm2 for 1 ms, rest 1 ms, 0.0002 mAh/cm2'] },
    { name: 'hold', protocol: ['Plate 0.0002 mAh/cm2 at 10 mA/cm2', 'Hold at -50 mV for 0.002 s'] },
  ];
  for (const r of runs) {
    const dir = path.join(tmp, `on-rows-${r.name}`);
    const res = simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', seed: 1, protocol: r.protocol, output: { snapshots: false } }, { outDir: dir });
    const m = res.metrics;
    // the reading of eta.csv's plating rows of the plating current, by hand from the file
    const lines = readFileSync(path.join(dir, 'eta.csv'), 'utf8').trim().split('\n');
    const head = lines[0]!.split(',');
    const col = (n: string) => head.indexOf(n);
    const rows = lines.slice(1).map((l) => l.split(','));
    const plating = rows.filter((x) => Number(x[col('current_mA_per_cm2')]) === Number(rows[0]![col('current_mA_per_cm2')]));
    const offRows = rows.length - plating.length;
    assert.ok(offRows > 0, `${r.name}: the first plating has rows without its current (${offRows})`);
    const own = lib.nucleationOverpotential(plating.map((x) => Number(x[col('time_s')])), plating.map((x) => Number(x[col('overpotential_mV')]) / 1e3));
    assert.ok(Math.abs(m.peak_overpotential_mV - own.peak_V * 1e3) < CSV_mV && Math.abs(m.plateau_overpotential_mV - own.plateau_V * 1e3) < CSV_mV,
      `${r.name}: metrics.json peak ${m.peak_overpotential_mV} / plateau ${m.plateau_overpotential_mV} mV, eta.csv's ${plating.length} plating-current rows ${own.peak_V * 1e3} / ${own.plateau_V * 1e3} mV`);
    const licu = (await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'licu' })).report.licu!;
    const sym = (await analyzeFile(path.join(dir, 'eta.csv'), { protocol: 'symmetric' })).report.symmetric!;
    for (const [how, n] of [['licu', licu.nucleation], ['symmetric', sym.nucleation]] as const) {
      assert.ok(n, `${r.name}: analyze --protocol ${how} reads the first plating`);
      for (const k of KEYS) assert.ok(Math.abs(n[k]! - m[k]) < CSV_mV, `${r.name}: analyze --protocol ${how} ${k} ${n[k]} against metrics.json ${m[k]}`);
    }
  }
});
