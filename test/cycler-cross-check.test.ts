/**
 * analyze's figures on real cycler exports (../shared/data/cycler) against an independent reading of the same files in
 * Python (test/helpers/cycler-reference.py: the csv module, each file's own layout, docs/cycler.md's definitions; no
 * sacplate code), and variants of them that analyze must refuse or flag, not read wrong (session 65, branch cycfile65).
 * The Python is Debian's /usr/bin/python3 (.ci/run installs it with python3-ase); any python3 will do, no module needed.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, analyzeTable, type AnalysisReport } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { implausibleFlags } from '../src/analysis/plausibility.js';
import { findPython, helperScript, runPythonJson } from './helpers/python.js';
import { tempFolder } from './helpers/tmp.js';

const SHARED = (f: string) => path.join('../shared/data/cycler', f);
const tmp = tempFolder('cross-check');
const T = (f: string) => path.join(tmp, f);

interface RefPiece { sign: number; t0_s: number; t1_s: number; rows: number; charge_mAh: number; column_mAh: number; mean_V: number; median_V: number; plateau_V: number; max_V: number; peak_V: number | null; peak_time_s: number | null }
interface RefHalf { sign: number; charge_mAh: number; column_mAh: number; plateau_V: number; pieces: RefPiece[] }
interface RefFile { rows: number; rest_threshold_A: number; halves: RefHalf[] }

// the real exports the Python reads (Neware flat with step labels, Neware three-level, Arbin without steps or cycle
// column, BDF whose capacity columns analyze reads for its coarse current); FastCharge_000025_CH8.csv and the Landt RAW
// head are rest only (0 cycles, by both readings: no row passes current) and are left out to keep the test cheap
const FILES = ['neware_uio.csv', 'nw_regular_export_ife_example.csv', '2017-05-09_test-TC-contact_CH33.csv', 'SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv'];
const py = findPython([]);
let ref: Record<string, RefFile> = {};
const reports = new Map<string, AnalysisReport>();

before(async () => {
  if ('skip' in py) return;
  ref = runPythonJson<Record<string, RefFile>>(py.python, helperScript('cycler-reference.py'), FILES.map(SHARED));
  // each file read once and analysed three ways (analyzeFile reads it again for each: 1.2 CPU s for these 12 where
  // this takes about 0.3)
  for (const f of FILES) {
    const t = await readCycler(SHARED(f), {});
    for (const protocol of ['fullcell', 'licu', 'symmetric'] as const) reports.set(`${f}/${protocol}`, await analyzeTable(t, { protocol }));
  }
});

/** relative difference, 0 for equal numbers */
const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
const same = (a: number | null | undefined, b: number | null | undefined, what: string, tol = 1e-12) => {
  assert.ok(typeof a === 'number' && typeof b === 'number' && rel(a, b) <= tol, `${what}: analyze ${a}, Python ${b}`);
};
/** the charge the Python gives for a piece or half: the file's own capacity column where analyze's capacity check took it */
const qOf = (r: AnalysisReport, x: { charge_mAh: number; column_mAh: number }) => (r.checks.some((c) => c.name === 'capacity' && c.status === 'repaired') ? x.column_mAh : x.charge_mAh);

for (const f of FILES) {
  test(`${f}: analyze's half cycles, CE, plateaus and first-plating peaks equal an independent Python reading (to 1e-12)`, { skip: 'skip' in py ? py.skip : false }, () => {
    const R = ref[f]!;
    const sym = reports.get(`${f}/symmetric`)!, full = reports.get(`${f}/fullcell`)!, licu = reports.get(`${f}/licu`)!;
    same(sym.rest.threshold_A, R.rest_threshold_A, 'rest threshold, A');
    // the per-half table: one row per piece (a half split by a rest or a step is pieces)
    const pieces = R.halves.flatMap((h) => h.pieces);
    const hc = sym.symmetric!.half_cycles;
    assert.equal(hc.length, pieces.length, 'pieces');
    hc.forEach((h, i) => {
      const p = pieces[i]!;
      assert.equal(h.sign, p.sign, `piece ${i} sign`);
      for (const k of ['t0_s', 't1_s', 'mean_V', 'median_V', 'plateau_V', 'max_V'] as const) same(h[k], p[k], `piece ${i} ${k}`);
      same(h.charge_mAh, qOf(sym, p), `piece ${i} charge, mAh`);
    });
    // symmetric cycles: a cycle starts at each half of the file's first direction; each half's plateau over its whole
    // time under current, the rests left out; only a half the file stops in (partial_end) has none
    let cyc = 0, plateaus = 0;
    R.halves.forEach((h, i) => {
      if (h.sign === R.halves[0]!.sign) cyc++;
      const c = sym.symmetric!.cycles.find((x) => x.cycle === cyc)!;
      const got = h.sign < 0 ? c.plating_plateau_V : c.stripping_plateau_V;
      if (i === R.halves.length - 1 && sym.symmetric!.partial_end) { assert.equal(got, undefined, 'the half the file stops in'); return; }
      same(got, h.plateau_V, `cycle ${cyc} ${h.sign < 0 ? 'plating' : 'stripping'} plateau, V`);
      plateaus++;
    });
    assert.ok(plateaus >= 1);
    // full cell: each half of the first direction with the half after it; a first half under half the median (a
    // top-off) left unpaired (with the half after it where the file's cycle column puts them in one cycle)
    const cycles = full.fullcell!.cycles;
    assert.ok(cycles.length >= 1);
    const off = R.halves.findIndex((h) => h.sign === cycles[0]!.first_sign && rel(qOf(full, h), cycles[0]!.q_in_mAh) <= 1e-12);
    assert.ok(off >= 0 && off <= 2, `cycle 1's first half among the first three (${off})`);
    if (off > 0) {
      const qs = R.halves.slice(1, -1).map((h) => qOf(full, h)).sort((a, b) => a - b);
      assert.ok(qOf(full, R.halves[0]!) < 0.5 * qs[Math.floor(qs.length / 2)]!, 'only a top-off is left unpaired');
    }
    cycles.forEach((c, j) => {
      const a = R.halves[off + 2 * j]!, b = R.halves[off + 2 * j + 1];
      same(c.q_in_mAh, qOf(full, a), `cycle ${c.cycle} first half, mAh`);
      if (b) same(c.q_out_mAh, qOf(full, b), `cycle ${c.cycle} second half, mAh`);
      if (Number.isFinite(c.ce)) same(c.ce, qOf(full, b!) / qOf(full, a), `cycle ${c.cycle} CE`);
      else assert.equal(j, cycles.length - 1, `only the last cycle (cut by the file's end) has no CE: cycle ${c.cycle}`);
    });
    // Li||Cu: each plating with the strip after it; its peak (largest |V| before the plateau window) and plateau (median
    // |V| from half its first piece's duration on)
    const platings = R.halves.map((h, i) => [h, i] as const).filter(([h]) => h.sign < 0);
    assert.equal(licu.licu!.cycles.length, platings.length, 'Li||Cu cycles');
    licu.licu!.cycles.forEach((c, j) => {
      const [h, i] = platings[j]!;
      same(c.plated_mAh, qOf(licu, h), `Li||Cu cycle ${c.cycle} plated, mAh`);
      const s = R.halves[i + 1];
      if (s) same(c.stripped_mAh, qOf(licu, s), `Li||Cu cycle ${c.cycle} stripped, mAh`);
      if (Number.isFinite(c.ce)) same(c.ce, qOf(licu, s!) / qOf(licu, h), `Li||Cu cycle ${c.cycle} CE`);
      const p = h.pieces[0]!;
      same(c.plating_peak_mV, p.peak_V! * 1e3, `Li||Cu cycle ${c.cycle} peak, mV`);
      same(c.plating_peak_time_s, p.peak_time_s, `Li||Cu cycle ${c.cycle} peak time, s`);
      same(c.plating_plateau_mV, p.plateau_V * 1e3, `Li||Cu cycle ${c.cycle} plateau, mV`);
    });
  });
}

// ------------------------------------------------------------------ malformed variants of the real files

const neware = () => fs.readFileSync(SHARED('neware_uio.csv'), 'utf8').split('\n');
/** neware_uio.csv's first 2000 lines (1.5 cycles) with its column-name line edited */
const newareHead = (name: string, edit: (header: string) => string) => {
  const l = neware().slice(0, 2000);
  l[0] = edit(l[0]!);
  fs.writeFileSync(T(name), l.join('\n') + '\n');
  return T(name);
};

test('decimal commas in a comma-separated file are refused naming the line, not read as other columns (cycfile65)', async () => {
  // the SINTEF BDF file (its first line and 400 rows from the start of its first discharge) written with a German
  // locale's decimal commas, still comma-separated: the whole file read so split its rows into 10 fields under 7 names
  // and read as one 24063 mAh charge at 20 V, without a word
  const all = fs.readFileSync(SHARED('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv'), 'utf8').split('\n');
  const l = [all[0]!, ...all.slice(2870, 3270)];
  const comma = l.map((x, i) => (i === 0 ? x : x.replace(/(\d)\.(\d)/g, '$1,$2')));
  fs.writeFileSync(T('comma.csv'), comma.join('\n') + '\n');
  await assert.rejects(analyzeFile(T('comma.csv'), { protocol: 'fullcell' }), (e: Error) => {
    assert.equal(e.message, `${T('comma.csv')}:2: ${comma[1]!.split(',').length} filled field(s) where the column-name line (line 1) names 7 (${JSON.stringify(comma[1])}): decimal commas in a comma-separated file? A comma cannot be both the delimiter and the decimal mark; export the file with ";" or tab between values, or with decimal points`);
    return true;
  });
  // the same values separated by ';' read as the file does (a decimal comma is sniffed there)
  fs.writeFileSync(T('semi.csv'), l.map((x) => x.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2')).join('\n') + '\n');
  fs.writeFileSync(T('plain.csv'), l.join('\n') + '\n');
  const a = (await analyzeFile(T('semi.csv'), { protocol: 'symmetric' })).report, b = (await analyzeFile(T('plain.csv'), { protocol: 'symmetric' })).report;
  assert.deepEqual(a.symmetric!.half_cycles, b.symmetric!.half_cycles);
  assert.ok(b.symmetric!.half_cycles.length > 0);
});

test('a unit in the wrong case is refused naming the column, the unit and the spelling, or (MA) as mega-amperes (cycfile65)', async () => {
  // "Current(a)" was left unread (the file read as an open-circuit recording, charges from its capacity columns),
  // "Voltage(v)" refused as "header has no voltage_volt column" beside the column, "Current(MA)" read in mega-amperes
  await assert.rejects(analyzeFile(newareHead('a.csv', (h) => h.replace('Current(A)', 'Current(a)')), { protocol: 'fullcell' }),
    /a\.csv:1: column "Current\(a\)" names a current but "a" is not a unit \(unit symbols are case-sensitive: "A"\); expected A, mA, uA: write "Current\(A\)", or give --format neware --map "current=Current\(a\)@A"/);
  await assert.rejects(analyzeFile(newareHead('v.csv', (h) => h.replace('Voltage(V)', 'Voltage(mv)')), { protocol: 'fullcell' }),
    /v\.csv:1: column "Voltage\(mv\)" names a voltage but "mv" is not a unit \(unit symbols are case-sensitive: "mV"\)/);
  await assert.rejects(analyzeFile(newareHead('ma.csv', (h) => h.replace('Current(A)', 'Current(MA)')), { protocol: 'fullcell' }),
    /ma\.csv:1: column "Current\(MA\)" has unit "MA", mega-amperes \(1e6 A\): no cell is cycled in those; unit symbols are case-sensitive \(M is mega-, m milli-\): write "Current\(mA\)", or give --format neware --map "current=Current\(MA\)@mA"/);
  // the fix the line gives reads the file as its own header does
  const fixed = (await analyzeFile(T('a.csv'), { protocol: 'fullcell', format: 'neware', map: 'current=Current(a)@A' })).report;
  const orig = (await analyzeFile(newareHead('orig.csv', (h) => h), { protocol: 'fullcell' })).report;
  assert.deepEqual(fixed.fullcell!.cycles, orig.fullcell!.cycles);
});

test('a current 1000x off its capacity columns is said to be a unit, not a coarse print (cycfile65)', async () => {
  // neware_uio.csv's amperes under "Current(mA)": the capacity check took the file's columns (right) but said "the
  // current column is printed too coarsely or sampled too sparsely to integrate"
  const r = (await analyzeFile(newareHead('mA.csv', (h) => h.replace('Current(A)', 'Current(mA)')), { protocol: 'fullcell' })).report;
  const c = r.checks.find((x) => x.name === 'capacity')!;
  assert.equal(c.status, 'repaired');
  assert.match(c.detail, /\(-99\.9 %: a factor of 1\/1000: the unit of the current column \("Current\(mA\)", read in mA\) or of the capacity columns is probably wrong/);
  assert.doesNotMatch(c.detail, /printed too coarsely/);
});

test('a half cycle missing from a file, its neighbours joined into one, is flagged with the CE it gives (cycfile65)', async () => {
  // neware_uio.csv without the charge of its cycle 2: the discharges of cycles 2 and 3 read as one half, CE 48.8 %
  // for cycle 2 (under 105 %: no flag), without a word
  const l = neware().filter((x, i) => i === 0 || !/^\d+,2,\d+,CC Chg,/.test(x));
  fs.writeFileSync(T('nocharge.csv'), l.join('\n'));
  for (const protocol of ['fullcell', 'licu'] as const) {
    const r = (await analyzeFile(T('nocharge.csv'), { protocol })).report;
    const c = (r.fullcell ?? r.licu)!.cycles[1]!;
    assert.deepEqual(c.file_cycles_joined, { half: protocol === 'fullcell' ? 'discharge' : 'plating', file_cycles: [2, 3] });
    const flags = implausibleFlags(r);
    assert.ok(flags.some((x) => new RegExp(`^warning: cycle 2 of the ${protocol === 'fullcell' ? 'full-cell' : 'Li\\|\\|Cu'} analysis: its (discharge|plating) joins the (discharge|plating)s of the file's cycles 2 and 3, with no half of the other direction between them: .*its CE 48\\.8 % takes them as one`).test(x)), flags.join('\n'));
  }
  // the whole file: nothing joined, no flag
  const whole = (await analyzeFile(SHARED('neware_uio.csv'), { protocol: 'fullcell' })).report;
  assert.ok(whole.fullcell!.cycles.every((c) => c.file_cycles_joined === undefined));
  assert.deepEqual(implausibleFlags(whole), []);
});

test('one row whose time is out of order is refused naming it; a reset and a jitter are still rebuilt (cycfile65)', async () => {
  // neware_uio.csv's first 2000 lines with line 1500's "Cumulative Time" an hour early: the rebuild took it for a reset,
  // shifted every later row by an hour and read that hour's current into the discharge (+5.9 % on the whole file,
  // where the capacity check took the columns, saying the current was printed too coarsely)
  const l = neware().slice(0, 2000);
  const f = l[1499]!.split(',');
  const hms = (s: string) => s.split(':').map(Number).reduce((a, b) => a * 60 + b, 0);
  const txt = (x: number) => [Math.floor(x / 3600), Math.floor(x / 60) % 60, x % 60].map((v) => String(v).padStart(2, '0')).join(':');
  const at = hms(f[5]!), before = hms(l[1498]!.split(',')[5]!), after = hms(l[1500]!.split(',')[5]!);
  const shift = (d: number) => { const g = [...f]; g[5] = txt(at - d); return [...l.slice(0, 1499), g.join(','), ...l.slice(1500)]; };
  fs.writeFileSync(T('glitch.csv'), shift(3600).join('\n') + '\n');
  await assert.rejects(analyzeFile(T('glitch.csv'), { protocol: 'fullcell' }), (e: Error) => {
    assert.equal(e.message, `${T('glitch.csv')}:1500: test time reads ${at - 3600} s between ${before} s (line 1499) and ${after} s (line 1501): one row's time out of order (a corrupt or mistyped value?), not a reset after which the time goes on from the lower value: correct or remove that row`);
    return true;
  });
  // a step back of one sampling interval (a clock's jitter) is rebuilt, as before
  fs.writeFileSync(T('jitter.csv'), shift(at - before + 1).join('\n') + '\n');
  const j = (await analyzeFile(T('jitter.csv'), { protocol: 'fullcell' })).report;
  assert.match(j.checks.find((c) => c.name === 'time monotonic')!.detail, /^test time stepped back 1 time\(s\) \(first at line\(s\) 1500\): rebuilt/);
  // a reset (the rest of the file an hour early: concatenated tests) too, and its charges are the file's
  const reset = l.map((x, i) => { if (i < 1499) return x; const g = x.split(','); g[5] = txt(hms(g[5]!) - 3600); return g.join(','); });
  fs.writeFileSync(T('reset.csv'), reset.join('\n') + '\n');
  const r = (await analyzeFile(T('reset.csv'), { protocol: 'fullcell' })).report;
  assert.equal(r.checks.find((c) => c.name === 'time monotonic')!.status, 'repaired');
  assert.equal(r.checks.find((c) => c.name === 'capacity')!.status, 'ok');
});
