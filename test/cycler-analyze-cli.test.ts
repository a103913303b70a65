/**
 * `sacplate analyze` on cycler exports (mostly ../shared/data/cycler): layouts forced (--format) or detected, files
 * cut mid-line or mid-cycle, missing columns, areas in the wrong unit, the fullcell, licu and symmetric protocols'
 * cycles, CE and retention, and a protocol's own flags given with another.
 *
 * Moved here from test/audit2-cli.test.ts, test/audit23.test.ts, test/audit23b.test.ts, test/audit24.test.ts,
 * test/audit25.test.ts, test/audit30.test.ts, test/mends30.test.ts and test/mends39.test.ts (branch testsort;
 * docs/history.md's testsort entry maps each old file to its new ones). Each test's story is told in
 * docs/history.md under the session that wrote it: a session's name in a test's name (e.g. 'mends36'), or a number
 * such as (3) that begins one, refers to that entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, readFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { sharedCycler, sharedCyclerHead, licuTable, gcplRows, writeGcplMpt, licuRestLines } from './helpers/cycler-files.js';
import { tempFolder, tempRoot } from './helpers/tmp.js';
import { cli, cliSpawnShape } from './helpers/cli.js';
import { analyzeFile, formatReport, reportPlots, analyzeTable, type AnalysisReport } from '../src/analysis/report.js';
import { readCycler, detectFormat } from '../src/cycler/read.js';
import { FORMATS } from '../src/cycler/formats.js';
import { analyzeFile as libAnalyzeFile, formatReport as libFormatReport, InputError, simulate } from '../src/index.js';
import { implausibleFlags } from '../src/analysis/plausibility.js';
import { FileError } from '../src/errors.js';
import { svgPlot } from '../src/analysis/svg.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-analyze-cli');

const tmp = tempFolder('cycler-analyze-cli');

/** The CLI in-process from tmp (test/helpers/cli.ts), in the shape spawnSync returns. */
const run = (...args: string[]) => cliSpawnShape(args, { cwd: tmp });

const P = sharedCycler;
const ARBIN = P('FastCharge_000025_CH8.csv'); // 26 KB: cheap to convert
const tmp2 = tempFolder('cycler-analyze-cli');
const tmp3 = tempFolder('cycler-analyze-cli');


const head = (f: string, n: number): string => sharedCyclerHead(tmp3, f, n);
const NEWARE = head('neware_uio.csv', 1500);
const tmp4 = tempFolder('cycler-analyze-cli');

/** A Landt / Lanhe export as its record tab reads in CSV: column names on line 1, |I| with Step-State labels (CCC charge, CCD discharge). */
function landtCsv(): string {
  const rows = ['Record,TestTime/Sec,Current/mA,Voltage/V,Capacity/mAh,Step-State'];
  let t = 0, r = 1;
  for (const [label, v0, dv] of [['CCC', 3.0, 0.01], ['CCD', 4.0, -0.01], ['CCC', 3.0, 0.01], ['CCD', 4.0, -0.01]] as const) {
    for (let k = 0; k < 20; k++, t += 10, r++) rows.push(`${r},${t},0.5,${(v0 + dv * k).toFixed(3)},${(0.5 * k / 3600).toFixed(6)},${label}`);
  }
  const file = join(tmp4, 'landt-record.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

/** A Li||Cu test at 1 mA, sampled each minute: platings at -0.02 V, strips to a 0.5 V cut-off, 10 min rests; the first plating `first` mAh, its strip `firstStrip`. */
function licuCsv(name: string, first: number, firstStrip: number): string {
  const rows = ['time/s,Ewe/V,I/mA'];
  let t = 0;
  const plate = (q: number) => { for (let k = 0; k < Math.round(q * 60); k++, t += 60) rows.push(`${t},-0.0200,-1.0`); };
  const strip = (q: number) => { const n = Math.round(q * 60); for (let k = 0; k < n; k++, t += 60) rows.push(`${t},${(0.05 + 0.45 * (k / (n - 1)) ** 8).toFixed(4)},1.0`); };
  const rest = () => { for (let k = 0; k < 10; k++, t += 60) rows.push(`${t},0.3000,0.0`); };
  plate(first); strip(firstStrip); rest();
  for (let c = 0; c < 3; c++) { plate(1); strip(0.98 - 0.01 * c); rest(); }
  const file = join(tmp4, name);
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

/** A Li||Cu test at 0.5 mA, 3 cycles: platings of 0.5 mAh at -20 mV (120 rows of 30 s), strips of 0.45 mAh up to a 0.45 V cut-off (108 rows), 10 rows of rest. */
function licu05Csv(name: string): string {
  const rows = ['time/s,Ewe/V,I/mA'];
  let t = 0;
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k < 120; k++, t += 30) rows.push(`${t},-0.0200,-0.5`);
    for (let k = 0; k < 108; k++, t += 30) rows.push(`${t},${(0.05 + 0.4 * (k / 107) ** 8).toFixed(4)},0.5`);
    for (let k = 0; k < 10; k++, t += 30) rows.push(`${t},0.3000,0.0`);
  }
  const file = join(tmp4, name);
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}
const GENERIC_05 = { format: 'generic' as const, map: 'time=time/s,voltage=Ewe/V,current=I/mA' };

const dir = tempFolder('cycler-analyze-cli');
const dir2 = tempFolder('cycler-analyze-cli');

/** A Neware-style table of `cycles` discharge/charge pairs of 10 rows at 1 mA around `v0` volts, the first row of each discharge 20 mV lower (a dip). */
function cyclerTable(cycles: number, v0: number): string {
  const rows = ['DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)'];
  let t = 0, k = 1;
  const hms = (x: number) => `${String(Math.floor(x / 3600)).padStart(2, '0')}:${String(Math.floor(x / 60) % 60).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  for (let c = 1; c <= cycles; c++) {
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC DChg,${hms(t += 60)},-0.001,${(v0 - 0.03 - (j === 0 ? 0.02 : 0)).toFixed(4)}`);
    for (let j = 0; j < 10; j++) rows.push(`${k++},${c},CC Chg,${hms(t += 60)},0.001,${(v0 + 0.03).toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

test('analyze on a simulated eta.csv: the trace is per cm2, so no "area unknown" warning and per-area figures at 1 cm2', async () => {
  const f = join(tmp, 'eta.csv');
  const rows = ['time_s,charge_C_per_cm2,overpotential_mV'];
  for (let k = 0; k <= 200; k++) rows.push(`${k * 0.5},${(1e-3 * k * 0.5).toExponential(6)},${(-(10 + 40 * Math.exp(-k / 40))).toFixed(6)}`);
  writeFileSync(f, rows.join('\n') + '\n');
  const r = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /WARN\s+area/, r.stdout);
  assert.match(r.stdout, /ok\s+area: 1 cm2 \(sacplate eta\.csv: the trace is per cm2\)/, r.stdout);
  const rep = JSON.parse(readFileSync(join(tmp, 'eta-out', 'report.json'), 'utf8'));
  assert.equal(rep.area_cm2, 1);
  // --area still wins (the trace scaled to that electrode)
  const r2 = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out2', '--area', '2', 'cm2');
  assert.equal(r2.status, 0, r2.stderr);
  assert.match(r2.stdout, /ok\s+area: 2 cm2 \(--area\)/);
  // a coin cell's 0.785 cm2 (or 78.5 mm2) as given, not 0.7849999999999999 from the trip through m2
  for (const [v, u] of [['0.785', 'cm2'], ['78.5', 'mm2']]) {
    const r3 = await run('analyze', f, '--protocol', 'symmetric', '--no-figures', '--out', 'eta-out3', '--area', v!, u!, '--force'); // the folder again (mends43)
    assert.equal(r3.status, 0, r3.stderr);
    assert.match(r3.stdout, /\narea {6}0\.785 cm2\n[^]*ok\s+area: 0\.785 cm2 \(--area\)/);
  }
});

test('fullcell: a file that ends after a cycle\'s first half says so, and prints "-" for the half it does not hold (it read 0.00000 mAh, CE "-", nothing said)', async () => {
  // the SINTEF Landt BDF file: discharge 6.3, charge 3.2, then a discharge of 1.3 mAh where the file ends
  const { report } = await analyzeFile(P('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv'), { protocol: 'fullcell', area_cm2: 1.13 });
  const c = report.fullcell!.cycles;
  assert.equal(c.length, 2);
  assert.equal(c[0]!.partial, undefined);
  assert.ok(c[0]!.ce > 0 && c[0]!.ce < 1, `CE ${c[0]!.ce}`);
  assert.equal(c[1]!.partial, true);
  assert.ok(Number.isNaN(c[1]!.ce) && Number.isNaN(c[1]!.retention));
  assert.match(report.fullcell!.pairing, /; the file ends after the discharge of cycle 2 \(1\.300 mAh\), before its charge: cycle 2 has no charge, CE or retention$/);
  const text = formatReport(report);
  assert.match(text, /; retention against cycle 1\n/);
  // cycle 2's row: no charge (not 0 mAh), its discharge in mAh and mAh/cm2 for the 1.13 cm2 given, to the digits the
  // file's 0.1 mAh capacity columns resolve (0.088 mAh/cm2: two decimals; mends108: it printed 1.30000 and 1.15044)
  const row2 = text.split('\n').find((l) => /^ +2 /.test(l))!.trim().split(/ +/);
  assert.deepEqual(row2, ['2', '-', '1.3', '-', (1.3 / 1.13).toFixed(2), '-', '-']);
});

// mends70: a half the file never reached read `charge_mAh: 0` in the full-cell JSON (its table '-'), where licu gives
// `stripped_mAh: null`: null in report.json (and per area, and q_out_mAh), empty in cycles.csv, '-' in the table
test('fullcell: a half the file never reached is null in report.json and empty in cycles.csv, as licu\'s stripped_mAh (SINTEF\'s cycle 2 charge, the Arbin file\'s cycle 1 discharge read 0) (mends70)', async () => {
  const json = async (file: string, protocol: string, ...more: string[]) => {
    const out = `nr-${protocol}-${Math.random().toString(36).slice(2)}`;
    const r = await run('analyze', P(file), '--protocol', protocol, '--no-figures', '--out', out, ...more);
    assert.equal(r.status, 0, r.stderr);
    return { rep: JSON.parse(readFileSync(join(tmp, out, 'report.json'), 'utf8')) as Record<string, { cycles: Record<string, unknown>[] }>, csv: readFileSync(join(tmp, out, 'cycles.csv'), 'utf8').trim().split('\n').map((l) => l.split(',')) };
  };
  const S = 'SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv';
  assert.equal((await json(S, 'licu')).rep.licu!.cycles[1]!.stripped_mAh, null);
  for (const pair of [[], ['--pair', 'file']]) {
    const { rep, csv } = await json(S, 'fullcell', '--area', '1.13', 'cm2', ...pair);
    const c2 = rep.fullcell!.cycles[1]!;
    assert.equal(c2.charge_mAh, null, `${pair.join(' ')}: ${JSON.stringify(c2)}`);
    assert.ok(c2.charge_mAh_per_cm2 === null || c2.charge_mAh_per_cm2 === undefined, JSON.stringify(c2));
    assert.ok(c2.q_out_mAh === null || c2.q_out_mAh === undefined, JSON.stringify(c2));
    assert.ok(Math.abs((c2.discharge_mAh as number) - 1.3) < 1e-9, JSON.stringify(c2));
    const col = csv[0]!.indexOf('charge_mAh');
    assert.equal(csv[2]![col], '', csv.map((r) => r.join(',')).join('\n'));
    assert.notEqual(csv[1]![col], '');
  }
  const arbin = (await json('2017-05-09_test-TC-contact_CH33.csv', 'fullcell')).rep.fullcell!.cycles[0]!;
  assert.equal(arbin.discharge_mAh, null, JSON.stringify(arbin));
  assert.ok((arbin.charge_mAh as number) > 600, JSON.stringify(arbin));
});

test('fullcell: the capacity figure draws the half cycle the file ends in as its own series, named cut, not as a capacity (neware_uio.csv\'s cut charge of 1.44 mAh in cycle 5 read as a capacity collapse); a half the file never reached is not drawn (SINTEF\'s cycle 2 charge read 0 mAh)', async () => {
  const capacity = async (file: string) => {
    const { table, report } = await analyzeFile(P(file), { protocol: 'fullcell' });
    const spec = reportPlots(table, report).find(([name]) => name === 'capacity')![1];
    return Object.fromEntries(spec.series.map((s) => [s.name, { x: [...Array.from(s.x)], y: [...Array.from(s.y)] }]));
  };
  const uio = await capacity('neware_uio.csv');
  assert.deepEqual(Object.keys(uio), ['charge', 'discharge', "charge cut by the file's end"]);
  assert.deepEqual(uio.charge!.x, [1, 2, 3, 4]);
  assert.deepEqual(uio.discharge!.x, [1, 2, 3, 4, 5]);
  assert.deepEqual(uio["charge cut by the file's end"]!.x, [5]);
  assert.ok(Math.abs(uio["charge cut by the file's end"]!.y[0]! - 1.438) < 0.001, String(uio["charge cut by the file's end"]!.y));
  const sintef = await capacity('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
  assert.deepEqual(Object.keys(sintef), ['charge', 'discharge']);
  assert.deepEqual([sintef.charge!.x, sintef.discharge!.x], [[1], [1, 2]]);
});

test('fullcell: an Arbin file of two charges and no discharge is 1 cycle by the current sign (it said 2), with no complete cycle for retention (it said "against cycle 1")', async () => {
  const { report } = await analyzeFile(P('2017-05-09_test-TC-contact_CH33.csv'), { protocol: 'fullcell' });
  assert.equal(report.cycles_counted_by, 'current sign');
  assert.equal(report.cycles, 1);
  const text = formatReport(report);
  assert.match(text, /^format +arbin \(utf8\), 287 rows, 1 cycle by the current sign$/m);
  assert.match(text, /^1 cycle: physical half cycles: each charge with the discharge that follows it \(the file starts with a charge\); the file ends after the charge of cycle 1 \(602\.6 mAh\), before its discharge: cycle 1 has no discharge, CE or retention; no complete cycle to take retention against$/m);
  assert.equal(report.fullcell!.cycles[0]!.partial, true);
});

test('fullcell: a file of rest only names no direction it does not hold (it said "the file starts with a charge")', async () => {
  const { report } = await analyzeFile(P('FastCharge_000025_CH8.csv'), { protocol: 'fullcell' });
  assert.equal(report.fullcell!.cycles.length, 0);
  assert.match(formatReport(report), /^0 cycles: physical half cycles: none \(no row passes current\); no complete cycle to take retention against$/m);
});

test('a file cut while being written: an unterminated last line with fewer fields than the row before is dropped and said, even when its cut lies past the columns read (a Neware line cut in its Power(W) cell was kept, the value as cut)', async () => {
  const lines = readFileSync(P('neware_uio.csv'), 'utf8').split('\n').slice(0, 800);
  const power = lines[0]!.split(',').indexOf('Power(W)');
  // the first row under current (line 723 of the file: Power(W) -0.00071604 W)
  const k = lines.findIndex((l, j) => j > 0 && Number(l.split(',')[power]) !== 0);
  const last = lines[k]!.split(',');
  assert.ok(power > 0 && k > 1 && last[power]!.length > 6, `${power} ${k}`);
  const cut = [...last.slice(0, power), last[power]!.slice(0, 5)].join(','); // "-0.00" of "-0.00071604"
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-audit23-')), 'cut.csv');
  writeFileSync(file, lines.slice(0, k).join('\n') + '\n' + cut);
  const t = await readCycler(file);
  assert.equal(t.rows, k - 1);
  assert.equal(t.checks.dropped_last_line?.line, k + 1);
  assert.match(t.checks.dropped_last_line!.reason, new RegExp(`^${power + 1} field\\(s\\) where the row before has 26 \\(truncated line\\)$`));
  // the same line whole, unterminated, is kept with its power
  writeFileSync(file, lines.slice(0, k + 1).join('\n'));
  const whole = await readCycler(file);
  assert.equal(whole.rows, k);
  assert.equal(whole.checks.dropped_last_line, undefined);
  assert.equal(whole.columns.power_watt![k - 1], Number(last[power]));
});

test('--area in the wrong unit: "1.13 mm2" for a 1.13 cm2 cell turns the area check to a warning naming the charge per area (it printed 450 mAh/cm2 without a word) and, the current read over it, 22 mA/cm2; the area the cell has stays ok', async () => {
  const file = P('neware_uio.csv');
  const wrong = (await analyzeFile(file, { protocol: 'fullcell', area_cm2: 0.0113 })).report.checks.find((c) => c.name === 'area')!;
  assert.equal(wrong.status, 'warn');
  assert.match(wrong.detail, /^0\.0113 cm2 \(--area\); its largest half cycle, 5\.086 mAh, is 450\.1 mAh\/cm2: above 50 mAh\/cm2 .*is the area right \(cm2, not mm2\)\? at 1\.13 cm2 it is 0\.22 mA\/cm2$/);
  const right = (await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 })).report.checks.find((c) => c.name === 'area')!;
  assert.deepEqual(right, { name: 'area', status: 'ok', detail: '1.13 cm2 (--area)' });
});

test('--area whose current density no alkali-metal cell is tested at: "1.13 mm2" (44 mA/cm2 at 0.5 mA: under the 50 mAh/cm2 check, above 20 mA/cm2) and "113 cm2" (0.0044 mA/cm2) warn, naming the area, the current and the density, and the unit slip (both read "ok")', async () => {
  const file = licu05Csv('licu-0.5mA.csv');
  const area = async (area_cm2: number) => (await analyzeFile(file, { protocol: 'licu', ...GENERIC_05, area_cm2 })).report.checks.find((c) => c.name === 'area')!;
  const mm2 = await area(0.0113);
  assert.equal(mm2.status, 'warn');
  assert.match(mm2.detail, /^0\.0113 cm2 \(--area\); the current read, 0\.5 mA \(median of the half cycles' mean \|I\|\), over the area given, 0\.0113 cm2, is 44\.25 mA\/cm2: above the 0\.01-20 mA\/cm2 .*is the area right \(cm2, not mm2\)\? at 1\.13 cm2 it is 0\.4425 mA\/cm2$/);
  const big = await area(113);
  assert.equal(big.status, 'warn');
  assert.match(big.detail, /^113 cm2 \(--area\); the current read, 0\.5 mA .* over the area given, 113 cm2, is 0\.004425 mA\/cm2: below the 0\.01-20 mA\/cm2 .*is the area right \(mm2, not cm2\)\? at 1\.13 cm2 it is 0\.4425 mA\/cm2$/);
  assert.deepEqual(await area(1.13), { name: 'area', status: 'ok', detail: '1.13 cm2 (--area)' });
});

// mends91 (closing note 48: "the density warning also fires on commercial cells analysed with a default area"): analyze has
// no default area; the only one a user does not give is the file's own (an EC-Lab .mpt's "Electrode surface area", the
// cycler's setting), and over it the warning said "over the area given" and asked "is the area right" of an area nobody gave
test('a commercial cell\'s .mpt whose header area gives an implausible current density: the warning says the area is the file\'s, not one given, and names --area; an area given keeps its words', async () => {
  // a 500 mA cell (25 mAh halves: under the 50 mAh/cm2 check) whose header says 1.000 cm2
  const file = join(tmp4, 'commercial-header-area.mpt');
  writeGcplMpt(file, gcplRows([{ I_mA: 500, q_mAh: 25 }, { I_mA: -500, q_mAh: 25 }, { I_mA: 500, q_mAh: 25 }, { I_mA: -500, q_mAh: 25 }]), { area: '1.000 cm²' });
  const area = async (o: { area_cm2?: number }) => (await analyzeFile(file, { protocol: 'fullcell', ...o })).report.checks.find((c) => c.name === 'area')!;
  const header = await area({});
  assert.equal(header.status, 'warn');
  assert.match(header.detail, /^1 cm2 \(file header\); the current read, 500 mA \(median of the half cycles' mean \|I\|\), over the file's own area \(its header's, not one given\), 1 cm2, is 500 mA\/cm2: above the 0\.01-20 mA\/cm2 [^:]*: is the file's area the electrode's \(cm2, not mm2\)\? at 100 cm2 it is 5 mA\/cm2; for the electrode's own area, per-area figures need --area$/);
  assert.doesNotMatch(header.detail, /area given|is the area right/);
  const given = await area({ area_cm2: 1 });
  assert.match(given.detail, /^1 cm2 \(--area\); the current read, 500 mA .* over the area given, 1 cm2, is 500 mA\/cm2: .*: is the area right \(cm2, not mm2\)\? at 100 cm2 it is 5 mA\/cm2$/);
  assert.deepEqual(await area({ area_cm2: 100 }), { name: 'area', status: 'ok', detail: "100 cm2 (--area); the file's header says 1 cm2, not used" });
});

test('analyze writes cycles.csv, one row per cycle under a simulated cycles.csv\'s names with units in them, beside report.json (it wrote report.json and figures only); a rerun as symmetric writes that table\'s columns', async () => {
  const file = licu05Csv('licu-cycles-csv.csv');
  const out = join(tmp4, 'cycles-csv.analysis');
  const r = await run('analyze', file, '--protocol', 'licu', '--format', 'generic', '--map', GENERIC_05.map, '--area', '1.13', 'cm2', '--out', out, '--no-figures');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote .*report\.json, cycles\.csv \(3 cycles\)/);
  const [head, ...rows] = readFileSync(join(out, 'cycles.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  // the names a run's cycles.csv gives these quantities (simulation/cycles.ts CycleRecord), the rest with a unit
  for (const k of ['cycle', 'plated_mAh_per_cm2', 'stripped_mAh_per_cm2', 'ce', 'plating_plateau_mV', 'plated_mAh', 'stripped_mAh', 'end_time_s']) assert.ok(head!.includes(k), `${k} in ${head!.join(',')}`);
  assert.equal(rows.length, 3);
  const col = (row: string[], k: string) => Number(row[head!.indexOf(k)]);
  for (const [i, row] of rows.entries()) {
    assert.equal(col(row, 'cycle'), i + 1);
    // 0.5 mA for 3600 s, 0.45 mAh stripped, over 1.13 cm2; the plating at 20 mV
    assert.ok(Math.abs(col(row, 'plated_mAh') - 0.5) < 0.005, row.join(','));
    assert.ok(Math.abs(col(row, 'stripped_mAh_per_cm2') - 0.45 / 1.13) < 0.005, row.join(','));
    assert.ok(Math.abs(col(row, 'ce') - 0.9) < 0.01, row.join(','));
    assert.ok(Math.abs(col(row, 'plating_plateau_mV') - 20) < 0.01, row.join(','));
  }
  const r2 = await run('analyze', file, '--protocol', 'symmetric', '--format', 'generic', '--map', GENERIC_05.map, '--out', out, '--force', '--no-figures');
  assert.equal(r2.status, 0, r2.stderr);
  const sym = readFileSync(join(out, 'cycles.csv'), 'utf8').split('\n')[0]!;
  assert.equal(sym, 'cycle,plated_mAh,stripped_mAh,plating_plateau_mV,stripping_plateau_mV,hysteresis_mV');
});

test('the voltage figure draws the first plating\'s plateau over that plating only, not as a rule across the whole test read as every cycle\'s (review70)', async () => {
  const { table, report } = await analyzeFile(licu05Csv('licu-voltage-fig.csv'), { protocol: 'licu', ...GENERIC_05 });
  const nu = report.licu!.nucleation!;
  const vt = reportPlots(table, report).find(([name]) => name === 'voltage')![1];
  assert.equal(vt.hlines, undefined, 'no rule across the test');
  const p = vt.series.find((s) => /plateau/.test(s.name))!;
  assert.ok(p, vt.series.map((s) => s.name).join(', '));
  // the first plating: 120 rows of 30 s from 0 s, at -20 mV; the test runs 3 cycles, 5.94 h
  assert.deepEqual(Array.from(p.x), [0, 3570 / 3600]);
  assert.deepEqual(Array.from(p.y), [-20, -20]);
  assert.ok(nu.t1_s < 0.2 * table.columns.test_time_second![table.rows - 1]!);
});

test('--area against an EC-Lab header that gives another area: the area check says the header\'s, not used (it said only "2 cm2 (--area)")', async () => {
  const file = join(tmp, 'area-header.mpt');
  writeGcplMpt(file, gcplRows([{ I_mA: -1, q_mAh: 0.1 }, { I_mA: 1, q_mAh: 0.09 }]), { area: '1.131 cm²' });
  const check = async (area_cm2?: number) => (await analyzeFile(file, { protocol: 'licu', ...(area_cm2 !== undefined ? { area_cm2 } : {}) })).report.checks.find((c) => c.name === 'area')!.detail;
  assert.equal(await check(), '1.131 cm2 (file header)');
  assert.equal(await check(2), '2 cm2 (--area); the file\'s header says 1.131 cm2, not used');
  assert.equal(await check(1.131), '1.131 cm2 (--area)');
});

test('--header-line with a layout that finds its own header is refused in one line (it was ignored: a Neware file analysed as if the flag were not there)', async () => {
  const r = await cli(['analyze', P('neware_uio.csv'), '--protocol', 'fullcell', '--header-line', '3', '--no-figures', '--out', mkdtempSync(join(tmpdir(), 'sacplate-audit23-'))]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'sacplate: --header-line: got "3", expected --format generic with --map (the detected layout finds its own column-name line)\n');
});

test('fullcell: a last half cut by the file\'s end at 55 % of the discharge before it, short of its cut-off, has no CE or retention (the Maccor export read CE 0.55, retention 0.55: only halves under half the median were looked at)', async () => {
  const { report } = await analyzeFile(resolve('test/data/cycler/maccor_xTESLADIAG_000019_CH70_head700.070'), { protocol: 'fullcell' });
  const c = report.fullcell!.cycles;
  assert.equal(c.length, 2);
  assert.ok(c[1]!.discharge_mAh > 1600 && c[1]!.discharge_mAh < 0.6 * c[0]!.discharge_mAh, JSON.stringify(c[1]));
  assert.equal(c[1]!.partial, true);
  assert.ok(Number.isNaN(c[1]!.ce) && Number.isNaN(c[1]!.retention));
  assert.match(report.fullcell!.pairing, /; the file ends in a partial discharge of 1667 mAh: cycle 2 has no CE or retention$/);
});

test('fullcell: a file of one charge and a discharge its last row is in has no CE for that cut cycle; one whose discharge is followed by a rest keeps it (BT-Lab head800 read CE 0.4628, unmarked: no earlier discharge gave a cut-off)', async () => {
  // the BT-Lab head (800 rows of 10,000, SOURCES.md) stops 676.7 mAh into a discharge after a 1462 mAh charge
  const f = resolve('test/data/cycler/btlab_loops_MB_CE1_head800.csv');
  const { table, report } = await analyzeFile(f, { protocol: 'fullcell' });
  const cur = table.columns.current_ampere!;
  assert.ok(cur[cur.length - 1]! < 0, 'the file ends under discharge current');
  const c = report.fullcell!.cycles;
  assert.equal(c.length, 1);
  assert.ok(c[0]!.charge_mAh > 0 && c[0]!.discharge_mAh > 0, JSON.stringify(c[0]));
  assert.equal(c[0]!.partial, true);
  assert.ok(Number.isNaN(c[0]!.ce) && Number.isNaN(c[0]!.retention), JSON.stringify(c[0]));
  assert.match(report.fullcell!.pairing, new RegExp(`; the file ends in a partial discharge of ${c[0]!.discharge_mAh.toPrecision(4)} mAh \\(the file's last row is in it: no rest or other step after it, and no earlier discharge to read a cut-off from\\): cycle 1 has no CE or retention$`));
  assert.match(formatReport(report), /\n +1 +\S+ +[\d.]+ +[\d.]+ +- +- *\n/);
  // the same cycle with a rest after its discharge (the step ended, not the file): CE = discharge / charge
  const mpt = join(tmp, 'one-cycle-rest.mpt');
  writeGcplMpt(mpt, gcplRows([{ I_mA: 1, q_mAh: 1 }, { I_mA: -1, q_mAh: 0.5 }, { I_mA: 0, rest_s: 60 }]));
  const rested = (await analyzeFile(mpt, { protocol: 'fullcell' })).report.fullcell!;
  assert.equal(rested.cycles[0]!.partial, undefined);
  assert.ok(Math.abs(rested.cycles[0]!.ce - 0.5) < 1e-3, `${rested.cycles[0]!.ce}`);
  assert.doesNotMatch(rested.pairing, /partial/);
});

test('analyze given a run file: the one-line error says where a trace to analyse comes from (it listed the cycler layouts only)', async () => {
  const r = await cli(['analyze', 'examples/li-zn-sac.yaml', '--protocol', 'symmetric', '--no-figures']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: examples\/li-zn-sac\.yaml:1: unknown cycler layout .*; a YAML file is no cycler export: simulate a run file \(sacplate simulate FILE --out DIR\) and analyze DIR\/eta\.csv\n$/);
});

test('a file without its current column: the capacity check says charges come from the capacity columns, not that a current column "is printed too coarsely", and the sign check calls it no OCV recording', async () => {
  const lines = readFileSync(P('neware_uio.csv'), 'utf8').split('\n');
  const k = lines[0]!.split(',').indexOf('Current(A)');
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-audit23-')), 'no-current.csv');
  writeFileSync(file, lines.map((l) => l.split(',').filter((_, j) => j !== k).join(',')).join('\n'));
  const { report } = await analyzeFile(file, { protocol: 'fullcell' });
  const cap = report.checks.find((c) => c.name === 'capacity')!;
  // and (mends108) the columns' print step, which the table's digits follow
  assert.equal(cap.status, 'repaired');
  assert.match(cap.detail, /^no current column to integrate \(read as 0\): charges are taken from the file's charge\/discharge capacity columns, printed to [\d.]+ mAh: the table's charges, CE and retention are printed to the digits that resolves/);
  // and it is no 'OCV recording': its Step Type labels give each row's direction
  assert.equal(report.checks.find((c) => c.name === 'current sign')!.detail, 'no current column (current taken as 0): each row\'s direction from its "Step Type" labels');
  // the charges are the file's own: cycle 2 as with the current column
  const whole = (await analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell' })).report.fullcell!.cycles[1]!;
  assert.ok(Math.abs(report.fullcell!.cycles[1]!.charge_mAh - whole.charge_mAh) < 0.01 * whole.charge_mAh);
});

test('an EC-Lab header area in mm² is printed as the area, not its float rounding ("1.1300000000000001 cm2")', async () => {
  const { gcplRows, writeGcplMpt } = await import('./helpers/cycler-files.js');
  const file = join(mkdtempSync(join(tmpdir(), 'sacplate-audit23-')), 'cell.mpt');
  writeGcplMpt(file, gcplRows([{ I_mA: -1, q_mAh: 1 }, { I_mA: 1, q_mAh: 0.95 }]), { area: '113.0 mm²' });
  const { report } = await analyzeFile(file, { protocol: 'licu' });
  assert.equal(report.area_cm2, 1.13);
  assert.match(formatReport(report), /^area {6}1\.13 cm2\n[^]*^ {2}ok {7}area: 1\.13 cm2 \(file header\)$/m);
});

test('an EC-Lab header area in a unit not read ("1,130 in²", or none) is named in the area check with the units read (it said "area: unknown" without the header\'s value)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends85-'));
  for (const [area, holds] of [['1,130 in²', '1,130 in² (a unit not read; cm², mm² or m² expected)'], ['1.130', '1.130 (a unit not read: none given; cm², mm² or m² expected)']] as const) {
    const file = join(dir, 'cell.mpt');
    writeGcplMpt(file, gcplRows([{ I_mA: -1, q_mAh: 0.1 }, { I_mA: 1, q_mAh: 0.09 }]), { area });
    const { report } = await analyzeFile(file, { protocol: 'licu' });
    assert.equal(report.area_cm2, undefined);
    assert.deepEqual(report.checks.find((c) => c.name === 'area'), { name: 'area', status: 'warn', detail: `unknown: header holds ${holds}; per-area figures need --area` });
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a layout or target named in the vendor\'s capitals is taken (--to BDF, --format Arbin, --protocol Fullcell), and said in its one spelling', async () => {
  const lower = join(tmp2, 'lower.csv'), upper = join(tmp2, 'upper.csv');
  const a = await cli(['convert', ARBIN, '--to', 'bdf', '-o', lower]);
  const b = await cli(['convert', ARBIN, '--to', 'BDF', '--format', 'Arbin', '-o', upper]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr); // was: --to: got "BDF", expected bdf
  assert.match(b.stderr, /^sacplate: arbin -> BDF, /);
  assert.equal(readFileSync(upper, 'utf8'), readFileSync(lower, 'utf8'));
  const r = await cli(['analyze', ARBIN, '--protocol', 'Fullcell', '--format', 'ARBIN', '--pair', 'Auto', '--json', '--no-figures', '--out', join(tmp2, 'an')]);
  assert.equal(r.code, 0, r.stderr);
  const rep = JSON.parse(r.stdout) as { format: string; protocol: string };
  assert.deepEqual([rep.format, rep.protocol], ['arbin', 'fullcell']);
  // what is not a name in any case is refused as before, with the names in their spelling
  const bad = await cli(['analyze', ARBIN, '--protocol', 'fullcell', '--format', 'EC-Lab']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `sacplate: --format: got "EC-Lab", expected one of ${FORMATS.join(', ')}\n`);
  assert.equal((await cli(['convert', ARBIN, '--to', 'XLSX'])).stderr, 'sacplate: --to: got "XLSX", expected bdf\n');
});

test('a text file that lists column names is no Landt export: one line, the layouts it reads (SOURCES.md was read as Landt and failed on line 11)', async () => {
  const r = await cli(['analyze', P('SOURCES.md'), '--protocol', 'fullcell', '--out', join(tmp2, 'src')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr, /SOURCES\.md:1: unknown cycler layout \(first line: "# Real cycler exports for parser and analysis tests"\); give --format \(mpt, .*, generic\)/);
  // the real Landt export (header on line 7, rows under it) and a Landt header with no row yet are still Landt
  const landt = readFileSync(P('SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv'), 'utf8').split('\n').slice(0, 60);
  assert.equal(detectFormat('landt.csv', landt), 'landt');
  const k = landt.findIndex((l) => l.startsWith('channel_index,'));
  assert.equal(detectFormat('landt.csv', landt.slice(0, k + 1)), 'landt');
  // its header over a row cut before the voltage column is not taken as one
  assert.throws(() => detectFormat('cut.csv', [...landt.slice(0, k + 1), '1,1,1']), /unknown cycler layout/);
});

test('a forced format the file\'s columns do not fit is refused, naming the format asked, the layout the file reads as and the columns asked for (--format arbin read a Neware file as Arbin)', async () => {
  await assert.rejects(readCycler(NEWARE, { format: 'arbin' }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === 'arbin'
    && /^a layout that fits head1500-neware_uio\.csv: its column-name line has none of the Arbin CSV columns \(Data_Point, or Test_Time with Cycle_Index; .*\); it reads as Neware flat CSV \(--format neware\): leave --format out, give --format neware, or name the columns with --map$/.test(e.expected));
  // the library's analyzeFile says it in its option names
  await assert.rejects(libAnalyzeFile(P('2017-05-09_test-TC-contact_CH33.csv'), { protocol: 'fullcell', format: 'neware' }), (e: unknown) => e instanceof InputError && e.field === 'format'
    && /none of the Neware flat CSV columns \(Step Type, DataPoint or Cycle Index; in Chinese 工步类型, 数据序号 or 记录序号\); it reads as Arbin CSV \(format arbin\): leave format out, give format arbin, or name the columns with map$/.test(e.expected));
  // the format the file reads as, forced, and a mapping of the columns, are read as before
  assert.equal((await readCycler(NEWARE, { format: 'neware' })).format, 'neware');
  assert.equal((await readCycler(NEWARE, { format: 'arbin', map: 'time=Cumulative Time,voltage=Voltage(V),current=Current(A)' })).format, 'arbin');
});

test('a forced format is still how a file of no known layout is read (what --format is for)', async () => {
  const file = join(tmp3, 'cell.csv');
  writeFileSync(file, 'Total Time (s),Voltage (V),Current (A)\n0,3.0,0.1\n1,3.1,0.1\n2,3.2,0.1\n');
  await assert.rejects(readCycler(file), /unknown cycler layout/);
  const t = await readCycler(file, { format: 'arbin' });
  assert.deepEqual([t.format, t.rows], ['arbin', 3]);
});

test('fullcell: a cut first half is partial with three halves too (BatteryData p492-13 head: CE 3050 % for 0.72 mAh of discharge and the 21.87 mAh charge after it, warned as implausible)', async () => {
  const { report } = await libAnalyzeFile(resolve('test/data/cycler/batterydata_p492-13-raw_head500.csv'), { protocol: 'fullcell' });
  const f = report.fullcell!;
  // the first discharge (from the cell's 3.27 V, 0.717 mAh) unpaired, the charge with the discharge the file ends in: no CE
  assert.match(f.pairing, /^physical half cycles: each charge with the discharge that follows it \(the file starts with a partial discharge of 0\.7170 mAh, left unpaired\); the file ends in a partial discharge of 0\.7948 mAh: cycle 1 has no CE or retention$/);
  assert.equal(f.cycles.length, 1);
  assert.equal(f.cycles[0]!.partial, true);
  assert.ok(Math.abs(f.cycles[0]!.charge_mAh - 21.868) < 0.001, `${f.cycles[0]!.charge_mAh}`);
  assert.ok(f.cycles.every((c) => Number.isNaN(c.ce)));
  assert.deepEqual(implausibleFlags(report), []);
});

test('a plate-only run\'s eta.csv: its one cycle is cycle 1 under "1 cycle", its file number (0, before any repeat block) beside it (the table read "cycle 0")', async () => {
  const dir = join(tmp3, 'plate-only');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Li', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2'], output: { snapshots: false } }, { outDir: dir });
  const { report } = await libAnalyzeFile(join(dir, 'eta.csv'), { protocol: 'symmetric' });
  const s = report.symmetric!;
  assert.equal(report.cycles, 1);
  assert.deepEqual(s.cycles.map((c) => [c.cycle, c.file_cycle]), [[1, 0]]);
  assert.deepEqual([s.half_cycles[0]!.cycle, s.half_cycles[0]!.file_cycle, s.nucleation?.cycle], [1, 0, 1]);
  const text = libFormatReport(report);
  assert.match(text, /, 1 cycle by the file's cycle column\n/);
  assert.match(text, /\ncycle +file_cycle +plating_plateau_mV +stripping_plateau_mV +hysteresis_mV\n +1 +0 +[\d.]+ +- +-\n/);
  // a file numbered 1, 2, ... has no file_cycle (its cycles 1 and 2 as before)
  const { report: two } = await libAnalyzeFile(resolve('test/data/cycler/batterydata_p492-13-raw_head500.csv'), { protocol: 'symmetric' });
  assert.ok(two.symmetric!.cycles.length > 1 && two.symmetric!.cycles.every((c, i) => c.cycle === i + 1 && c.file_cycle === undefined), JSON.stringify(two.symmetric!.cycles.slice(0, 3)));
});

test('a forced --format on a file that reads as Landt gets the column check the other layouts get (it was read as forced: a Landt export reported as "format arbin"; with its preamble, "no test_time_second column" on line 1)', async () => {
  const { readCycler } = await import('../src/cycler/read.js');
  const landt = landtCsv();
  // the raw SINTEF Landt export's first 30 lines: six lines of preamble, then its column names
  const raw = join(tmp4, 'sintef-landt-head30.csv');
  writeFileSync(raw, readFileSync(resolve('../shared/data/cycler/SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv'), 'utf8').split('\n').slice(0, 30).join('\n') + '\n');
  assert.equal((await readCycler(landt)).format, 'landt');
  assert.equal((await readCycler(raw)).format, 'landt');
  for (const file of [landt, raw]) {
    for (const format of ['arbin', 'neware', 'batteryarchive', 'bdf'] as const) {
      await assert.rejects(readCycler(file, { format }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === format
        && new RegExp(`^a layout that fits ${basename(file)}: its column-name line has none of the .* columns \\(.*\\); it reads as Landt / Lanhe export \\(--format landt\\): leave --format out, give --format landt, or name the columns with --map$`).test(e.expected), `${basename(file)} --format ${format}`);
    }
  }
  // the CLI: one line, exit 2
  const c = await cli(['analyze', landt, '--protocol', 'fullcell', '--format', 'neware', '--no-figures', '--out', join(tmp4, 'landt-neware')]);
  assert.equal(c.code, 2, c.stderr);
  assert.match(c.stderr, /^sacplate: --format: got "neware", expected a layout that fits landt-record\.csv: .* it reads as Landt \/ Lanhe export \(--format landt\)[^\n]*\n$/);
  // --format landt, and a forced layout with --map, are read as before
  assert.equal((await readCycler(landt, { format: 'landt' })).format, 'landt');
  assert.equal((await readCycler(landt, { format: 'arbin', map: 'time=TestTime/Sec,voltage=Voltage/V,current=Current/mA' })).format, 'arbin');
});

test('Li||Cu: a file that starts mid-plating gives that cycle no CE, as a file that ends mid-strip (it read CE 252 %, mean CE 1.359 for the other cycles\' 0.972)', async () => {
  const { analyzeFile, formatReport } = await import('../src/analysis/report.js');
  const o = { protocol: 'licu' as const, format: 'generic' as const, map: 'time=time/s,voltage=Ewe/V,current=I/mA' };
  const { report } = await analyzeFile(licuCsv('licu-cut.csv', 0.4, 0.98), o);
  const cs = report.licu!.cycles;
  assert.equal(cs.length, 4);
  assert.deepEqual([cs[0]!.partial, cs[0]!.cut_start, Number.isNaN(cs[0]!.ce)], [true, true, true]);
  assert.ok(Math.abs(cs[0]!.plated_mAh - 0.38333) < 1e-4 && Math.abs(cs[0]!.stripped_mAh - 0.96667) < 1e-4, `${cs[0]!.plated_mAh} ${cs[0]!.stripped_mAh}`);
  const rest = cs.slice(1).map((c) => c.ce);
  assert.ok(rest.every((ce) => ce > 0.96 && ce < 0.99), rest.join(', '));
  assert.equal(report.licu!.mean_ce, rest.reduce((a, b) => a + b, 0) / 3);
  assert.match(formatReport(report), /^mean CE 0\.9718 over 3 cycles \(each plating with the strip after it, physical half cycles; the file starts mid-plating, 0\.3833 mAh before the strip of cycle 1, which takes 0\.9667 mAh: no CE for it\)$/m);
  // controls: a small first plating whose strip takes no more than it holds (a protocol's own, or a poor first cycle) keeps its CE;
  // a file that starts with a whole plating is read as before
  const small = (await analyzeFile(licuCsv('licu-small-first.csv', 0.4, 0.3), o)).report.licu!.cycles[0]!;
  assert.deepEqual([small.partial, small.cut_start], [undefined, undefined]);
  assert.ok(Math.abs(small.ce - 0.3 / 0.4) < 0.05, `${small.ce}`);
  const whole = (await analyzeFile(licuCsv('licu-whole.csv', 1, 0.98), o)).report.licu!;
  assert.ok(whole.cycles.every((c) => c.partial === undefined && c.ce > 0.96 && c.ce < 0.99));
});

test('mends53: Li||Cu, a one-cycle file cut mid-strip gives that cycle no CE (neware_uio.csv cut 2.4 mAh into its first 4.2 mAh charge read CE 0.4749); one whose strip ended keeps it', async () => {
  // the real Neware export read as licu: its first discharge (the plating) whole, its first charge (the strip) cut by the file's end
  const cut = (await analyzeFile(head('neware_uio.csv', 3001), { protocol: 'licu' })).report;
  const [c, ...more] = cut.licu!.cycles;
  assert.equal(more.length, 0);
  assert.deepEqual([c!.partial, c!.cut_start, c!.unstripped, Number.isNaN(c!.ce)], [true, undefined, undefined, true]);
  assert.ok(c!.stripped_mAh > 0 && c!.stripped_mAh < c!.plated_mAh, `${c!.stripped_mAh} of ${c!.plated_mAh}`);
  assert.equal(cut.licu!.mean_ce, undefined);
  assert.match(formatReport(cut), new RegExp(`^mean CE - over 0 cycles \\(each plating with the strip after it, physical half cycles; the file ends ${c!.stripped_mAh.toPrecision(4).replace('.', '\\.')} mAh into the strip of cycle 1: no CE for it\\)$`, 'm'));
  // control: the same file cut a few rows after that strip ended (rest rows after it) keeps its CE
  const whole = (await analyzeFile(head('neware_uio.csv', 3450), { protocol: 'licu' })).report.licu!;
  assert.equal(whole.cycles.length, 1);
  assert.equal(whole.cycles[0]!.partial, undefined);
  assert.equal(whole.mean_ce, whole.cycles[0]!.ce);
  assert.ok(whole.cycles[0]!.ce > c!.stripped_mAh / c!.plated_mAh, `${whole.cycles[0]!.ce}`);
});

test('analyze: a protocol\'s own flag given with another protocol is one refusal naming both (--protocol licu --n 3, --protocol fullcell --limit 100 mV were ignored without a word)', async () => {
  const { analyzeFile } = await import('../src/analysis/report.js');
  const file = licuCsv('licu-flags.csv', 1, 0.98);
  const read = ['--format', 'generic', '--map', 'time=time/s,voltage=Ewe/V,current=I/mA', '--no-figures', '--out', join(tmp4, 'flags')];
  const calls: [string, string[], string, string][] = [
    ['licu', ['--n', '3'], '--n', '"3"'],
    ['licu', ['--qt', '5', 'mAh'], '--qt', '"5 mAh"'],
    ['symmetric', ['--pair', 'charge-discharge'], '--pair', '"charge-discharge"'],
    ['licu', ['--reference-cycle', '2'], '--reference-cycle', '"2"'],
    ['fullcell', ['--limit', '100', 'mV'], '--limit', '"100 mV"'],
    ['fullcell', ['--plateau-from', '0.4'], '--plateau-from', '"0.4"'], // symmetric's, licu's and aurbach's (nucleation readings, session 28)
    ['licu', ['--no-soft-short'], '--no-soft-short', 'true'],
  ];
  for (const [protocol, flag, name, value] of calls) {
    const r = await cli(['analyze', file, '--protocol', protocol, ...flag, ...read]);
    assert.equal(r.code, 2, `${protocol} ${flag.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^sacplate: ${name}: got ${value}, expected left out with --protocol ${protocol} \\(read by --protocol (symmetric|aurbach|fullcell|symmetric, licu or aurbach) only\\)\\n$`), `${protocol} ${flag.join(' ')}`);
  }
  // the library says it in its option names
  const map = 'time=time/s,voltage=Ewe/V,current=I/mA';
  await assert.rejects(analyzeFile(file, { protocol: 'licu', format: 'generic', map, n: 3 }), (e: unknown) => e instanceof InputError && e.message === 'n: got 3, expected left out with protocol licu (read by protocol aurbach only)');
  // each protocol still takes its own
  assert.equal((await cli(['analyze', file, '--protocol', 'aurbach', '--n', '2', ...read])).code, 0);
  assert.equal((await cli(['analyze', file, '--protocol', 'symmetric', '--limit', '100', 'mV', '--no-soft-short', ...read, '--force'])).code, 0); // the same --out folder again (mends43: refused without --force)
});

test('analyze: a simulated run\'s eta.csv read as licu is not refused for the soft-short switch the CLI turns off by itself', async () => {
  const { simulate } = await import('../src/simulation/simulate.js');
  const dir = join(tmp4, 'sim-licu');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 0.5 V'], output: { snapshots: false } }, { outDir: dir });
  const r = await cli(['analyze', join(dir, 'eta.csv'), '--protocol', 'licu', '--no-figures']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /soft-short/);
  // its one strip ends on the file's last row, at its cut-off: a simulated trace ends where its run does, so the cycle keeps its CE (mends53)
  const { analyzeFile } = await import('../src/analysis/report.js');
  const c = (await analyzeFile(join(dir, 'eta.csv'), { protocol: 'licu' })).report.licu!.cycles;
  assert.equal(c.length, 1);
  // the CE analyze reads from the trace is the simulator's own (metrics.json average_ce: its one cycle); seed 4 leaves
  // 2 of 12 voxels dead since stripfix (0.833; 1 before), so the bound is the run's CE, not a fixed > 0.9
  const simCe = (JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as { average_ce: number }).average_ce;
  assert.ok(simCe > 0.5 && simCe < 1 + 1e-9, `precondition: the run strips most of its plate (CE ${simCe})`);
  assert.ok(c[0]!.partial === undefined && Math.abs(c[0]!.ce - simCe) < 1e-6, `${JSON.stringify(c[0])} against the run's CE ${simCe}`);
  // and read as a full cell: its strip is no "partial charge" the file ends in (it said so, cycle 1 with no CE)
  const fc = (await analyzeFile(join(dir, 'eta.csv'), { protocol: 'fullcell' })).report.fullcell!;
  assert.equal(fc.cycles.length, 1);
  assert.ok(fc.cycles[0]!.partial === undefined && Math.abs(fc.cycles[0]!.ce - c[0]!.ce) < 1e-12, JSON.stringify(fc.cycles[0]));
  assert.doesNotMatch(fc.pairing, /partial/);
  // mends55: read as a full cell it got no protocol check (protocolFit returned at once for fullcell), though it plates
  // below 0 V, as analyze's rule for licu and symmetric reads a plating cell: now one warning naming the protocols that fit
  const fcChecks = (await analyzeFile(join(dir, 'eta.csv'), { protocol: 'fullcell' })).report.checks.filter((k) => k.name === 'protocol');
  assert.equal(fcChecks.length, 1, JSON.stringify(fcChecks));
  assert.equal(fcChecks[0]!.status, 'warn');
  assert.match(fcChecks[0]!.detail, /^not a full cell's voltages: it goes below 0 V under current in the plating direction \(to -\d\.\d{3} V\).*; --protocol licu \(or aurbach\) fits it, or --protocol symmetric for a cell of the metal on both sides$/);
});

test('mends55: fullcell, a Li||Cu file is warned about in one line, a real half cell down to 0.05 V (neware_uio.csv) is not', async () => {
  const licu = (await analyzeFile(licuCsv('licu-as-fullcell.csv', 1, 0.98), { protocol: 'fullcell', format: 'generic', map: 'time=time/s,voltage=Ewe/V,current=I/mA' })).report;
  const warned = licu.checks.filter((k) => k.name === 'protocol');
  assert.deepEqual(warned.map((k) => [k.status, /\(to -0\.020 V\)/.test(k.detail)]), [['warn', true]], JSON.stringify(warned));
  assert.equal(formatReport(licu).split('\n').filter((l) => /protocol:/.test(l)).length, 1, 'one line');
  // control: the real Neware export, a half cell cycled between 0.05 and 1 V, which --protocol fullcell fits (analyze says so for licu)
  const real = (await analyzeFile(NEWARE, { protocol: 'fullcell' })).report;
  assert.deepEqual(real.checks.filter((k) => k.name === 'protocol'), []);
  assert.ok(real.fullcell!.cycles.length >= 1 && real.fullcell!.cycles[0]!.discharge_mAh > 0, 'it discharges (the plating direction): the rule had a current to look at');
});

test('--format landt on a file that reads as another layout is refused naming that layout (an Arbin export was read and reported as Landt; a Neware one refused as "no Landt column-name line")', async () => {
  const { readCycler } = await import('../src/cycler/read.js');
  const arbin = resolve('../shared/data/cycler/2017-05-09_test-TC-contact_CH33.csv');
  const batteryarchive = resolve('test/data/cycler/batteryarchive_CALCE_CX2-33_timeseries.csv');
  for (const [file, id, name] of [[arbin, 'arbin', 'Arbin CSV'], [batteryarchive, 'batteryarchive', 'batteryarchive.org / BatteryData timeseries CSV']] as const) {
    await assert.rejects(readCycler(file, { format: 'landt' }), (e: unknown) => e instanceof InputError && e.field === '--format' && e.value === 'landt'
      && e.expected === `a layout that fits ${basename(file)}: it reads as ${name} (--format ${id}), whose columns it has; Landt is known only by test time, current and voltage, which most layouts have: leave --format out, give --format ${id}, or name the columns with --map`, basename(file));
  }
  // a Landt file, a file of no known layout with Landt's columns, and --map read as before
  assert.equal((await readCycler(landtCsv(), { format: 'landt' })).format, 'landt');
  assert.equal((await readCycler(arbin, { format: 'landt', map: 'time=Test_Time,voltage=Voltage,current=Current' })).format, 'landt');
});

// mends91 (review70's finding): a cycle column that counts up at the strip of a file that starts with a plating grouped each
// strip with the next plating under symmetric (its first and last cycles one half each, every hysteresis the wrong pair)
test('analyze --protocol symmetric: neware_uio.csv with its cycle column moved to count up at each charge reads the cycles its own column gives, and says which pairing it read', async () => {
  const table = await readCycler(sharedCycler('neware_uio.csv'));
  const ownReport = await analyzeTable(table, { protocol: 'symmetric' });
  const own = ownReport.symmetric!;
  // the file starts with a discharge (a plating of the working electrode, -1), each of its cycles a discharge and the
  // charge after it (cycle 3 two of them: review70 split it); the column moved: one more at the first row of each charge
  const c0 = table.columns.cycle_count!, I = table.columns.current_ampere!;
  const moved = new Float64Array(c0.length);
  let n = 1, last = 0;
  for (let k = 0; k < I.length; k++) {
    const d = Math.abs(I[k]!) > 1e-5 ? Math.sign(I[k]!) : 0;
    if (d > 0 && last < 0) n++;
    if (d !== 0) last = d;
    moved[k] = n;
  }
  const shifted = await analyzeTable({ ...table, columns: { ...table.columns, cycle_count: moved } }, { protocol: 'symmetric' });
  const s = shifted.symmetric!;
  assert.equal(own.cycles.length, 5);
  assert.equal(own.pairs_across_file_cycles, undefined, 'the column in phase: read as before');
  const read = (x: typeof own) => x.cycles.map((c) => [c.cycle, c.plating_plateau_mV, c.stripping_plateau_mV, c.hysteresis_mV, c.partial]);
  assert.deepEqual(read(s), read(own));
  assert.deepEqual(s.pairs_across_file_cycles, [1, 2, 3, 4, 5]);
  assert.match(formatReport(shifted), /^5 cycles: each plating with the strip after it, in the order of the half cycles: the file's cycle column counts up between the two, at the strip of cycle 1, 2, 3, 4, 5, so its own cycles would pair each strip with the next plating; the file's number of each cycle's plating kept as file_cycle$/m);
  assert.doesNotMatch(formatReport(ownReport), /in the order of the half cycles/);
});

test('analyze --qt / --qc of zero or below: the flag and the value as given are named', async () => {
  const file = '../shared/data/cycler/neware_uio.csv';
  for (const [flag, v] of [['--qt', '-5 mAh'], ['--qc', '0 mAh'], ['--qc', '-1 mAh/cm2']] as const) {
    const r = await cli(['analyze', existsSync(file) ? file : 'test/data/cycler/maccor_002_C-D_boundary.txt', '--protocol', 'aurbach', '--area', '1 cm2', flag, ...v.split(' '), '--no-figures', '--out', join(dir, 'an')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `sacplate: ${flag}: got "${v}", expected a positive charge, e.g. "5 mAh" (or "5 mAh/cm2" with --area)`);
  }
});

test('(2) a full cell read as licu (or aurbach, symmetric): no nucleation figure, "not read" and why, in the text, report.json and the figures', async () => {
  const full = join(dir2, 'fullcell.csv');
  writeFileSync(full, cyclerTable(3, 3.7));
  for (const protocol of ['licu', 'aurbach', 'symmetric'] as const) {
    const { table, report } = await analyzeFile(full, { protocol });
    assert.equal(report.checks.find((c) => c.name === 'protocol')?.status, 'warn', protocol);
    const sec = report[protocol]!;
    assert.equal(sec.nucleation, undefined, `${protocol}: no nucleation reading in report.json`);
    assert.match(sec.nucleation_not_read ?? '', new RegExp(`^the file's voltages do not fit the ${protocol} protocol: (no metal plated on the working electrode|not a symmetric cell's voltages) \\(the protocol check\\)$`));
    const text = formatReport(report);
    assert.match(text, /^note: this file does not fit --protocol/m);
    assert.match(text, /^nucleation overpotential( of the first plating)?: not read: the file's voltages do not fit/m, protocol);
    assert.doesNotMatch(text, /nucleation overpotential( of the first plating| of the first \(\w+\) plating, onto the bare working electrode)? -?[0-9]/, protocol);
    assert.ok(!reportPlots(table, report).some(([name]) => name === 'nucleation'), `${protocol}: no nucleation figure`);
    if (protocol === 'licu') {
      assert.ok(report.licu!.cycles.length === 3 && report.licu!.cycles.every((c) => c.nucleation_overpotential_mV === undefined && c.nucleation_no_dip === undefined));
      assert.doesNotMatch(text, /nucleation_overpotential_mV/);
    }
  }
  // a Li || Cu table (its plating below 0 V) keeps its readings
  const licu = join(dir2, 'licu.csv');
  writeFileSync(licu, cyclerTable(3, 0));
  const { report } = await analyzeFile(licu, { protocol: 'licu' });
  assert.equal(report.licu!.nucleation_not_read, undefined);
  assert.ok(Number.isFinite(report.licu!.nucleation?.nucleation_V));
  assert.match(formatReport(report), /^nucleation overpotential of the first plating [0-9.]+ mV/m);
  assert.match(formatReport(report), /nucleation_overpotential_mV/);
});

test('cycler files: a Parquet table without a voltage column is refused in the words a CSV with the same columns gets (columns found, names taken for a voltage)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends39-'));
  const t = [0, 1, 2, 3];
  const refusal = async (file: string): Promise<string> => {
    try { await readCycler(file); } catch (e) { assert.ok(e instanceof FileError, String(e)); return e.message; }
    return 'read';
  };
  for (const cols of [['Test Time / s', 'Current / mA'], ['test_time_second', 'current_ampere', 'Temperature / degC']]) {
    const pq = join(dir, 'novolt.parquet'), csv = join(dir, 'novolt.csv');
    writeFileSync(pq, Buffer.from(parquetWriteBuffer({ columnData: cols.map((name) => ({ name, data: t, type: 'DOUBLE' })) })));
    writeFileSync(csv, [cols.join(','), ...t.map((x) => cols.map(() => x).join(','))].join('\n') + '\n');
    const p = await refusal(pq), c = await refusal(csv);
    // the same words after where: the table's column names, the CSV's line 1
    assert.ok(p.startsWith(`${pq}: column names: `), p);
    assert.ok(c.startsWith(`${csv}:1: `), c);
    assert.equal(p.slice(`${pq}: column names: `.length), c.slice(`${csv}:1: `.length));
    assert.match(p, new RegExp(`no voltage_volt column \\(looked for voltage_volt or names like: voltage, ewe, .*\\); found: ${cols.join(', ').replace(/[/()]/g, '\\$&')}\\. Use --format generic --map to name the columns$`));
  }
});

// From loose7-cycler (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.
const tmp5 = tempFolder('cycler-analyze-cli');

test('API: the cycler report\'s area check names the area query parameter, not the CLI flag (it said "1.13 cm2 (--area)")', async () => {
  // POST /api/cycler passes every check's detail through cyclerMessageForApi (src/server/app.ts; its route is tested in test/workbench-api.test.ts)
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const file = join(tmp5, 'cell.csv');
  writeFileSync(file, licuTable(3));
  const checks = (await analyzeFile(file, { protocol: 'licu', area_cm2: 1.13 })).report.checks.map((c) => ({ ...c, detail: cyclerMessageForApi(c.detail) }));
  assert.equal(checks.find((c) => c.name === 'area')?.detail, '1.13 cm2 (the area query parameter)');
  for (const c of checks) assert.doesNotMatch(c.detail, /--[a-z]/, `${c.name}: ${c.detail}`);
});

// From loose7-cycler (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.

test('analyze says when a file\'s voltages do not fit the protocol, and which fits: neware_uio.csv (an electrode against Li, 2.92 V at rest) as symmetric or aurbach; a Li || Cu table fits licu and symmetric not', async () => {
  const uio = resolve('../shared/data/cycler/neware_uio.csv');
  const protocolChecks = (r: { report: AnalysisReport }) => r.report.checks.filter((c) => c.name === 'protocol');
  // symmetric: its first plating from the 2.92 V open circuit read as a 2781 mV nucleation overpotential, nothing said
  const table = await readCycler(uio); // read once, analysed twice
  const analyse = async (protocol: 'symmetric' | 'aurbach') => ({ table, report: await analyzeTable(table, { protocol }) });
  const sym = await analyse('symmetric');
  const [s1, ...sMore] = protocolChecks(sym);
  assert.equal(sMore.length, 0);
  assert.equal(s1?.status, 'warn');
  assert.match(s1!.detail, /^not a symmetric cell's voltages: the file starts at 2\.917 V, its median \|V\| under current is 0\.245 V and its lowest in the plating direction 0\.050 V .*; --protocol fullcell fits it/);
  assert.match(formatReport(sym.report), /^note: this file does not fit --protocol symmetric \(the protocol check above\)/m);
  // aurbach: n 0 and the file's end at 0.425 V read as the cut-off
  const au = await analyse('aurbach');
  const details = protocolChecks(au).map((c) => c.detail).join('\n');
  assert.match(details, /the file does not follow the Aurbach protocol .*: n 0; the final strip stops at 0\.425 V where the file ends, short of the 1\.000 V the earlier strips reached/);
  assert.equal(au.report.aurbach!.final_strip_ended, 'file_end');
  assert.match(formatReport(au.report), /final strip ended where the file ends before its cut-off, last voltage 0\.425 V/);
  assert.doesNotMatch(formatReport(au.report), /cut-off 0\.425 V/);
  // a Li || Cu table (below 0 V while plating) fits licu; as symmetric, its 2.8 V open circuit names licu
  const file = join(tmp5, 'licu.csv');
  writeFileSync(file, licuTable(4, 0, 2.8));
  assert.deepEqual(protocolChecks(await analyzeFile(file, { protocol: 'licu' })), []);
  assert.match(protocolChecks(await analyzeFile(file, { protocol: 'symmetric' }))[0]!.detail, /--protocol licu \(or aurbach\) fits it: its working electrode goes below 0 V \(to -0\.050 V\)/);
  writeFileSync(file, licuTable(4));
  assert.deepEqual(protocolChecks(await analyzeFile(file, { protocol: 'symmetric' })), [], 'a cell near 0 V fits symmetric');
  // the API (its checks pass through cyclerMessageForApi, as the area test above shows) names its query parameter, not the CLI flag
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  assert.match(cyclerMessageForApi(s1!.detail), /; protocol=fullcell fits it/);
  assert.doesNotMatch(cyclerMessageForApi(s1!.detail), /--protocol/);
});

// From loose7-cycler (session 19, task loose7: the workbench / sweeps / cycler audit); failed on the code before its fix.

test('analyze\'s per-cycle figures tick whole cycles (the CE figure of 4 cycles ticked 1.0, 1.2, ..., 4.0)', async () => {
  const file = join(tmp5, 'ticks.csv');
  writeFileSync(file, licuTable(4));
  const { table: t, report } = await analyzeFile(file, { protocol: 'licu' });
  const ce = reportPlots(t, report).find(([name]) => name === 'ce')![1];
  const svg = await svgPlot(ce);
  // the x axis's labels come first, then its title 'cycle'
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const xTicks = texts.slice(0, texts.indexOf('cycle'));
  assert.deepEqual(xTicks, ['1', '2', '3', '4']);
});

// From loose5-aurbach (session 18, task loose5): `analyze --protocol aurbach` called the final strip's highest voltage
// the cut-off when the simulated strip had run out of metal; failed before the fix. A small simulated run (8 x 8 x 10
// voxels, 0.6 CPU s), analysed in-process.
const tmp8 = tempFolder('cycler-analyze-cli');
const run8 = (...args: string[]) => cli(args, { cwd: tmp8 });

test('analyze --protocol aurbach on a simulated run whose final strip ran out of metal says so and gives the last voltage, not a "cut-off"', async () => {
  const out = join(tmp8, 'au');
  const r = simulate({
    metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 1, output: { snapshots: false },
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', { repeat: 2, steps: ['Strip 0.0001 mAh/cm2 at 1 mA/cm2', 'Plate 0.0001 mAh/cm2 at 1 mA/cm2'] }, 'Strip at 1 mA/cm2 until 1 V'],
  }, { outDir: out });
  assert.equal(r.steps.at(-1)!.ended, 'no_metal', 'the test needs a final strip that runs out of metal');
  const a = await run8('analyze', join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-a');
  assert.equal(a.code, 0, a.stderr);
  const line = a.stdout.split('\n').find((l) => l.startsWith('Q_T'))!;
  assert.doesNotMatch(line, /cut-off \d/);
  const m = /final strip ended on exhausted metal \(no connected metal left to strip\) before its cut-off, last voltage (-?[\d.]+) V \(highest (-?[\d.]+) V\)/.exec(line);
  assert.ok(m, line);
  const rep = JSON.parse(readFileSync(join(tmp8, 'au-a', 'report.json'), 'utf8')) as { aurbach: { final_strip_ended: string; last_voltage_V: number; cutoff_V: number } };
  assert.equal(rep.aurbach.final_strip_ended, 'no_metal');
  assert.equal(m[1], rep.aurbach.last_voltage_V.toFixed(3));
  assert.equal(m[2], rep.aurbach.cutoff_V.toFixed(3));
  // a rest after the final strip (steps.csv's last row: kind rest, ended time) does not hide how the strip ended
  const steps = join(out, 'steps.csv');
  const csv = readFileSync(steps, 'utf8').trimEnd().split('\n');
  const head = csv[0]!.split(','), lastRow = csv.at(-1)!.split(',');
  const rest = lastRow.map((v, i) => (head[i] === 'kind' ? 'rest' : head[i] === 'ended' ? 'time' : head[i] === 'protocol' ? 'Rest for 0.01 s' : v));
  writeFileSync(steps, [...csv, rest.join(',')].join('\n') + '\n');
  const c = await run8('analyze', join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-c');
  assert.equal(c.code, 0, c.stderr);
  assert.equal((JSON.parse(readFileSync(join(tmp8, 'au-c', 'report.json'), 'utf8')) as { aurbach: { final_strip_ended: string } }).aurbach.final_strip_ended, 'no_metal');
  writeFileSync(steps, csv.join('\n') + '\n');
  // a strip that ended on its cut-off (steps.csv: cutoff) keeps the word
  writeFileSync(steps, readFileSync(steps, 'utf8').replace(/,no_metal,/, ',cutoff,'));
  const b = await run8('analyze', join(out, 'eta.csv'), '--protocol', 'aurbach', '--no-figures', '--out', 'au-b');
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /Q_S [\d.]+ mAh, cut-off -?[\d.]+ V \(detected/);
  for (const d of ['au', 'au-a', 'au-b', 'au-c']) rmSync(join(tmp8, d), { recursive: true });
});

test('the printed report names the columns read for time, voltage and current and their units; a --map column with no unit says it is read in A and how to name one', async () => {
  // until review46 nothing printed said which column or unit was read: `--map current=I` of a column in mA read every
  // charge 1000x too large (report.json's sources held the factor only)
  const rows = ['t,U,I'];
  for (let k = 0; k < 40; k++) rows.push(`${k * 60},${k < 20 ? -0.02 : 0.02},${k < 20 ? -1 : 1}`);
  const file = join(tmp4, 'unitless.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const bare = (await analyzeFile(file, { protocol: 'symmetric', format: 'generic', map: 'time=t,voltage=U,current=I' })).report;
  assert.match(formatReport(bare), /^columns {3}time "t" \(read in s: no unit in its name or --map; give --map time=t@UNIT if it is not s\), voltage "U" \(read in V: [^)]*\), current "I" \(read in A: no unit in its name or --map; give --map current=I@UNIT if it is not A\)$/m);
  const named = (await analyzeFile(file, { protocol: 'symmetric', format: 'generic', map: 'time=t@min,voltage=U,current=I@mA' })).report;
  assert.match(formatReport(named), /^columns {3}time "t" \(min\), voltage "U" \(read in V: [^)]*\), current "I" \(mA\)$/m);
  assert.equal(named.sources.find((s) => s.col === 'current_ampere')!.unit, 'mA');
  // a layout's own names: the unit as its name states it
  const nw = (await analyzeFile(NEWARE, { protocol: 'fullcell' })).report;
  assert.match(formatReport(nw), /^columns {3}time "Cumulative Time" \(s\), voltage "Voltage\(V\)" \(V\), current "Current\(A\)" \(A\)$/m);
  // a simulated eta.csv: its current per cm2 times the area (it printed "(mA)" after current_mA_per_cm2 alone)
  const eta = ['time_s,charge_C_per_cm2,overpotential_mV,cycle,current_mA_per_cm2'];
  for (let k = 0; k < 20; k++) eta.push(`${k},${k < 10 ? -k * 1e-3 : (k - 20) * 1e-3},${k < 10 ? -20 : 20},1,${k < 10 ? -1 : 1}`);
  const etaFile = join(tmp4, 'eta.csv');
  writeFileSync(etaFile, eta.join('\n') + '\n');
  const sim = (await analyzeFile(etaFile, { protocol: 'symmetric', area_cm2: 2 })).report;
  assert.match(formatReport(sim), /^columns {3}time "time_s" \(s\), voltage "overpotential_mV" \(mV\), current from current_mA_per_cm2 \* 2 cm2 \(mA\)$/m);
});

test('fullcell --mass: capacities per gram of active material (mAh/g) beside mAh; the file\'s own specific capacities agree; refused with another protocol', async () => {
  // review46: no way to the mAh/g an electrode's capacity is quoted in. neware_uio.csv's own "Chg./DChg. Spec. Cap.(mAh/g)"
  // columns are its Ah columns over 2.08 mg: each half's per-gram charge (summed over its steps) against the report's
  const lines = readFileSync(P('neware_uio.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const h = lines[0]!;
  const [cy, st, ch, dc] = ['Cycle Index', 'Step Index', 'Chg. Spec. Cap.(mAh/g)', 'DChg. Spec. Cap.(mAh/g)'].map((k) => h.indexOf(k));
  const step = new Map<string, [number, number]>();
  for (const r of lines.slice(1)) {
    const k = `${r[cy!]}/${r[st!]}`, v = step.get(k) ?? [0, 0];
    step.set(k, [Math.max(v[0], Number(r[ch!])), Math.max(v[1], Number(r[dc!]))]);
  }
  const cycle1 = [...step].filter(([k]) => k.startsWith('1/')).reduce((a, [, v]) => [a[0]! + v[0], a[1]! + v[1]], [0, 0]);
  const { report } = await analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell', mass_g: 2.08e-3 });
  const c1 = report.fullcell!.cycles[0]!;
  assert.ok(Math.abs(c1.charge_mAh_per_g! - cycle1[0]!) < 0.01, `charge ${c1.charge_mAh_per_g} mAh/g, the file's ${cycle1[0]}`);
  assert.ok(Math.abs(c1.discharge_mAh_per_g! - cycle1[1]!) < 0.05, `discharge ${c1.discharge_mAh_per_g} mAh/g, the file's ${cycle1[1]}`);
  assert.equal(report.mass_g, 2.08e-3);
  const text = formatReport(report);
  assert.match(text, /^mass {6}2\.08 mg of active material \(--mass\): capacities also in mAh\/g$/m);
  assert.match(text, /^cycle +file_cycle +charge_mAh +discharge_mAh +charge_mAh_per_g +discharge_mAh_per_g +CE +retention\n +1 +1 +4\.24935 +5\.08623 +2042\.96 +2445\.30 /m);
  const r = await run('analyze', P('neware_uio.csv'), '--protocol', 'licu', '--mass', '2', 'mg', '--no-figures', '--out', 'mass-licu');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--mass: got "2 mg", expected left out with --protocol licu \(read by --protocol fullcell only\)/);
});

test('an implausible CE in a file without labels or steps names the rest threshold and --rest-current; --rest-current 5 uA reads the file', async () => {
  // review46: a Li||Cu CSV (time, Ewe, I only) whose 10-minute rests read +-4 uA at random: the rests' noise read as
  // half cycles (CE 422 % and more), and the warning named the protocol, the sign and the cycle boundaries only
  let seed = 7;
  const noise = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return ((seed / 2147483648) * 8 - 4).toFixed(1); };
  const rows = ['time/s,Ewe/V,I/mA'];
  let t = 0;
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k < 10; k++, t += 60) rows.push(`${t},0.5,${noise()}e-3`);
    for (let k = 0; k < 60; k++, t += 60) rows.push(`${t},-0.03,-0.5`);
    for (let k = 0; k < 10; k++, t += 60) rows.push(`${t},0,${noise()}e-3`);
    for (let k = 0; k < 54; k++, t += 60) rows.push(`${t},0.03,0.5`);
  }
  const file = join(tmp4, 'rest-noise.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const o = { protocol: 'licu' as const, format: 'generic' as const, map: 'time=time/s,voltage=Ewe/V,current=I/mA' };
  const noisy = (await analyzeFile(file, o)).report;
  const flags = implausibleFlags(noisy);
  assert.ok(flags.length > 0, 'the noise gives implausible CEs');
  assert.match(flags[0]!, /check --protocol, the current sign, the cycle boundaries, and the rest threshold \(\|I\| <= 0\.00100 mA: noise at rest above it reads as half cycles; set it with --rest-current\)$/);
  const settled = (await analyzeFile(file, { ...o, restCurrent_A: 5e-6 })).report;
  assert.equal(settled.licu!.cycles.length, 3);
  assert.deepEqual(implausibleFlags(settled), []);
});

test('a CCCV run\'s eta.csv analysed as licu gives its cycles.csv\'s cycles and CEs: its direction column puts a Hold\'s rows in the Hold\'s half whatever their current (analyzecccv; it found no cycle where cycles.csv has two)', async () => {
  // cccvcycles' case (test/cycling.test.ts): each Hold's windows pass current of both signs, so the analysis split the
  // trace by each row's sign; cycles.csv labels rows by their step (simulation/cycles.ts analysisTrace), eta.csv now too
  const dir = join(tmp4, 'sim-cccv');
  simulate({ metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 16], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.55 eV' }, sei: 'carbonate',
    protocol: [{ repeat: 2, steps: ['Plate 0.002 mAh/cm2 at 10 mA/cm2', 'Hold at cell voltage -100 mV for 2 s or until 0.05 mA/cm2', 'Strip at 10 mA/cm2 until 1 V'] }],
    seed: 3, output: { snapshots: false } }, { outDir: dir });
  const csv = (f: string) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => l.split(','));
  const [ch, ...crows] = csv('cycles.csv');
  const col = (name: string) => crows.map((r) => Number(r[ch!.indexOf(name)]));
  assert.equal(crows.length, 2);
  // the case is what it is about: rows of a hold (a step with "Hold") pass current of both signs
  const [eh, ...erows] = csv('eta.csv');
  assert.deepEqual(eh!.slice(-2), ['direction', 'charge_mAh_per_cm2']); // mends117: charge_mAh_per_cm2 appended after it
  const holdSteps = new Set(csv('steps.csv').slice(1).filter((r) => r.join(',').includes('Hold at')).map((r) => r[0]));
  const holdI = erows.filter((r) => holdSteps.has(r[eh!.indexOf('step')])).map((r) => Number(r[eh!.indexOf('current_mA_per_cm2')]));
  assert.ok(holdI.some((x) => x > 0) && holdI.some((x) => x < 0), 'hold rows of both signs');
  const { report } = await libAnalyzeFile(join(dir, 'eta.csv'), { protocol: 'licu' });
  const c = report.licu!.cycles;
  assert.equal(c.length, 2, JSON.stringify(c.map((x) => [x.plated_mAh, x.stripped_mAh, x.ce])));
  // to 6 digits: eta.csv and cycles.csv print their numbers to 12 significant digits (io/csv.ts)
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.abs(b);
  for (const [i, x] of c.entries()) {
    assert.ok(near(x.ce, col('ce')[i]!), `cycle ${i + 1}: CE ${x.ce} by analyze, ${col('ce')[i]} in cycles.csv`);
    assert.ok(near(x.plated_mAh_per_cm2!, col('plated_mAh_per_cm2')[i]!), `cycle ${i + 1}: plated ${x.plated_mAh_per_cm2} by analyze, ${col('plated_mAh_per_cm2')[i]} in cycles.csv`);
    assert.ok(near(x.stripped_mAh_per_cm2!, col('stripped_mAh_per_cm2')[i]!), `cycle ${i + 1}: stripped ${x.stripped_mAh_per_cm2} by analyze, ${col('stripped_mAh_per_cm2')[i]} in cycles.csv`);
  }
  assert.ok(near(report.licu!.mean_ce!, (col('ce')[0]! + col('ce')[1]!) / 2));
  // a run folder written before the column (eta.csv without it) reads as it did: no label, the current's sign
  const old = join(tmp4, 'sim-cccv-old.csv');
  writeFileSync(old, [eh!.slice(0, -1), ...erows.map((r) => r.slice(0, -1))].map((r) => r.join(',')).join('\n') + '\n');
  const before = await libAnalyzeFile(old, { protocol: 'licu' });
  assert.ok(!JSON.stringify(before.report).includes('"direction"'));
});

// review62: `analyze RUN` (the folder `simulate --out RUN` wrote) was refused as "RUN: is not a regular file", and
// `analyze RUN/cycles.csv` as a file "of unknown cycler layout" listing the vendors' formats: neither said the trace is
// RUN/eta.csv
test('analyze given a simulated run\'s folder reads its eta.csv; given the run\'s cycles.csv or steps.csv, the error names the eta.csv beside it', async () => {
  const dir = join(tmp4, 'run-folder');
  simulate({ metal: 'Li', lattice: { size: [8, 8, 10], voxel: '10 nm' }, host: 'Cu', kinetics: { terraceBarrier: '0.3 eV' }, seed: 4,
    protocol: ['Plate 0.0004 mAh/cm2 at 1 mA/cm2', 'Strip at 1 mA/cm2 until 0.5 V'], output: { snapshots: false } }, { outDir: dir });
  const byFile = await cli(['analyze', join(dir, 'eta.csv'), '--protocol', 'licu', '--json', '--no-figures', '--out', join(tmp4, 'rf-a')]);
  assert.equal(byFile.code, 0, byFile.stderr);
  const r = await cli(['analyze', dir, '--protocol', 'licu', '--json', '--no-figures', '--out', join(tmp4, 'rf-b')]);
  assert.equal(r.code, 0, r.stderr);
  const ce = (s: string) => (JSON.parse(s) as { licu: { mean_ce: number; cycles: unknown[] } }).licu;
  assert.deepEqual(ce(r.stdout), ce(byFile.stdout), 'the folder reads as its eta.csv');
  assert.equal(ce(r.stdout).cycles.length, 1);
  for (const [name, what] of [['cycles.csv', 'per-cycle table'], ['steps.csv', 'per-step table']] as const) {
    const e = await cli(['analyze', join(dir, name), '--protocol', 'licu', '--no-figures', '--out', join(tmp4, `rf-${name}`)]);
    assert.equal(e.code, 2, e.stderr);
    assert.equal(e.stderr.split('\n').length, 2, e.stderr);
    assert.ok(e.stderr.includes(`${name} is a simulated run's ${what}`) && e.stderr.endsWith(`, not a trace: analyze ${join(dir, 'eta.csv')} (or the run's folder)\n`), e.stderr);
  }
  // a folder that is no run: one line saying what is expected
  const empty = join(tmp4, 'no-run');
  mkdirSync(empty, { recursive: true });
  const e = await cli(['analyze', empty, '--protocol', 'licu', '--no-figures']);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /no-run: is a folder without an eta\.csv: expected a cycler file, or a simulated run's folder \(sacplate simulate FILE --out DIR\) or its eta\.csv\n$/);
});

test('mends117 (review86 F8): the fullcell protocol\'s voltage figure is drawn in V (a 0-3 V cell was drawn in mV, "3,000"); licu keeps mV', async () => {
  const { table, report } = await analyzeFile(NEWARE, { protocol: 'fullcell' });
  const vt = reportPlots(table, report).find(([name]) => name === 'voltage')![1];
  assert.equal(vt.ylabel, 'voltage / V');
  const v = table.columns.voltage_volt!;
  const y = Array.from(vt.series[0]!.y as ArrayLike<number>);
  // the file's own volts, drawn as they are: the largest point is the file's largest voltage (a few V, not thousands)
  assert.ok(Math.abs(Math.max(...y) - Math.max(...Array.from(v as ArrayLike<number>))) < 1e-9, `${Math.max(...y)} V`);
  assert.ok(Math.max(...y) < 5);
  assert.doesNotMatch(await svgPlot(vt), /3,000|voltage \/ mV/);
  const licu = await analyzeFile(licu05Csv('licu-voltage-mv.csv'), { protocol: 'licu', ...GENERIC_05 });
  assert.equal(reportPlots(licu.table, licu.report).find(([name]) => name === 'voltage')![1].ylabel, 'voltage / mV');
});

test('robust61: one row whose test time is far off (1e9 s, 1e308 s in a 30-minute Arbin file) is named by its line and value, not read as the column\'s unit ("spans 63.4 years ... unit is probably wrong", "Infinity h")', async () => {
  const lines = readFileSync(ARBIN, 'utf8').split('\n');
  const ti = lines[0]!.split(',').indexOf('Test_Time');
  for (const bad of ['1e9', '1e308']) {
    const m = [...lines];
    const cells = m[125]!.split(','); cells[ti] = bad; m[125] = cells.join(','); // line 126
    const f = join(tmp, `one-far-time-${bad}.csv`);
    writeFileSync(f, m.join('\n'));
    const r = await run('analyze', f, '--protocol', 'fullcell', '--no-figures', '--out', join(tmp, `one-far-time-${bad}.analysis`));
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`:126: .*${bad.replace('+', '\\+')} s`), r.stderr);
    assert.doesNotMatch(r.stderr, /Infinity|unit is probably wrong/, r.stderr);
  }
  // a whole column in the wrong unit (every step 1e6 times too long; the DateTime column, which would rescale it, left
  // out) keeps the unit's words
  const di = lines[0]!.split(',').indexOf('DateTime');
  const m = lines.map((l, i) => { if (l === '') return l; const c = l.split(','); if (i > 0) c[ti] = String(Number(c[ti]) * 1e6); c.splice(di, 1); return c.join(','); });
  const f = join(tmp, 'all-far-time.csv');
  writeFileSync(f, m.join('\n'));
  const r = await run('analyze', f, '--protocol', 'fullcell', '--no-figures', '--out', join(tmp, 'all-far-time.analysis'));
  assert.match(r.stderr, /unit is probably wrong/, r.stderr);
});

test('mends61b: one row whose current is far off (1e308, 1e30, -1e308 A in a 17-minute Arbin file at 6.6 A) is named by its line and value in a WARN check: the rest threshold it sets alone reads every other row as rest ("0 cycles", no word of the row)', async () => {
  const TC = P('2017-05-09_test-TC-contact_CH33.csv'); // 54 KB, 287 rows, every one passing current, no step column
  const lines = readFileSync(TC, 'utf8').split('\n');
  const ci = lines[0]!.split(',').indexOf('Current');
  for (const bad of ['1e308', '1e30', '-1e308']) {
    const m = [...lines];
    const cells = m[5]!.split(','); cells[ci] = bad; m[5] = cells.join(','); // line 6
    const f = join(tmp, `one-far-current-${bad}.csv`);
    writeFileSync(f, m.join('\n'));
    const out = join(tmp, `one-far-current-${bad}.analysis`);
    const r = await run('analyze', f, '--protocol', 'fullcell', '--no-figures', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const warn = r.stdout.split('\n').find((l) => /^ {2}WARN +rest threshold: /.test(l));
    assert.ok(warn, r.stdout);
    assert.match(warn, new RegExp(`line 6 reads ${bad} A`), warn);
    assert.match(warn, /every other row reads as rest \(285 rows pass current without it\)/, warn);
    const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as AnalysisReport;
    assert.equal(rep.checks.find((c) => c.name === 'rest threshold')?.status, 'warn');
  }
  // controls: the file as it is has no such check, and neither has the same row with --rest-current (the user's threshold)
  const r = await run('analyze', TC, '--protocol', 'fullcell', '--no-figures', '--out', join(tmp, 'tc-as-is.analysis'));
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /rest threshold/, r.stdout);
  const u = await run('analyze', join(tmp, 'one-far-current-1e308.csv'), '--protocol', 'fullcell', '--no-figures', '--rest-current', '5', 'mA', '--out', join(tmp, 'tc-user-rest.analysis'));
  assert.equal(u.status, 0, u.stderr);
  assert.doesNotMatch(u.stdout, /rest threshold/, u.stdout);
});

test('robust61: a file with no line break in its first 64 KB (a 100 KB one-line file) is named as such, not "is empty (no text lines)"', async () => {
  const f = join(tmp, 'one-long-line.csv');
  writeFileSync(f, 'a'.repeat(100_000));
  const r = await run('analyze', f, '--protocol', 'fullcell', '--no-figures', '--out', join(tmp, 'one-long-line.analysis'));
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /empty/, r.stderr);
  assert.match(r.stderr, /:1: .*no line break in its first 65536 bytes.*100000 bytes/, r.stderr);
});

/** Each element of an SVG with its absolute offset: the sum of its ancestors' translate(x,y) and its own (Vega's groups). */
function svgElements(svg: string): { tag: string; attrs: string; text: string; dx: number; dy: number }[] {
  const out: { tag: string; attrs: string; text: string; dx: number; dy: number }[] = [];
  const stack: [number, number][] = [[0, 0]];
  const tr = (attrs: string): [number, number] => { const m = /transform="translate\(([-\d.e]+),\s*([-\d.e]+)\)"/.exec(attrs); return m ? [Number(m[1]), Number(m[2])] : [0, 0]; };
  const re = /<(\/?)(g|text|path)\b([^>]*?)(\/?)>(?:([^<]*)<\/text>)?/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    const [, close, tag, attrs = '', self, text = ''] = m;
    const top = stack.at(-1)!;
    if (tag === 'g') { if (close) stack.pop(); else if (!self) { const [x, y] = tr(attrs); stack.push([top[0] + x, top[1] + y]); } continue; }
    const [x, y] = tr(attrs);
    out.push({ tag: tag!, attrs, text, dx: top[0] + x, dy: top[1] + y });
  }
  return out;
}

// mends70 (audit70b left it): analyze's voltage figure wrote the peak's label (`peak 150.00 mV, nucleation 110.00 mV`)
// 9 px above the ringed peak, across the first plating's plateau line 10 px above it on a 3 V axis (a Li||Cu cell's
// open-circuit rests). Test: the label's box (0.62 em a character, from 1 em above its baseline to 0.3 em below) does
// not cross the plateau line's segment, both taken in the SVG's own coordinates
test('analyze\'s voltage figure: the peak\'s label is clear of the plateau line of the first plating (mends70)', async () => {
  const f = join(tmp, 'licu-label.csv');
  const lines = licuRestLines();
  writeFileSync(f, lines.join('\n') + '\n');
  const { table, report } = await analyzeFile(f, { protocol: 'licu', area_cm2: 1.13 });
  assert.ok(Math.abs(report.licu!.nucleation!.nucleation_V - 0.11) < 1e-9);
  const spec = reportPlots(table, report).find(([n]) => n === 'voltage')![1];
  const els = svgElements(await svgPlot(spec));
  const label = els.find((e) => e.tag === 'text' && e.text.startsWith('peak 150.00 mV, nucleation 110.00 mV'));
  assert.ok(label, 'the peak\'s label is in the figure');
  const fs = Number(/font-size="([\d.]+)px"/.exec(label.attrs)?.[1] ?? 11);
  const anchor = /text-anchor="(\w+)"/.exec(label.attrs)?.[1] ?? 'start';
  const w = 0.62 * fs * label.text.length;
  const x0 = anchor === 'end' ? label.dx - w : anchor === 'middle' ? label.dx - w / 2 : label.dx;
  const box = { x0, x1: x0 + w, y0: label.dy - fs, y1: label.dy + 0.3 * fs };
  const line = els.find((e) => e.tag === 'path' && /series: plateau of the first plating/.test(e.attrs));
  assert.ok(line, 'the plateau line is in the figure');
  const pts = [...(/ d="([^"]+)"/.exec(line.attrs)?.[1] ?? '').matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]) + line.dx, Number(m[2]) + line.dy] as const);
  assert.ok(pts.length >= 2, line.attrs);
  for (let k = 1; k < pts.length; k++) {
    const [[ax, ay], [bx, by]] = [pts[k - 1]!, pts[k]!];
    const crossesY = Math.min(ay, by) <= box.y1 && Math.max(ay, by) >= box.y0;
    const crossesX = Math.min(ax, bx) <= box.x1 && Math.max(ax, bx) >= box.x0;
    assert.ok(!(crossesX && crossesY), `label box ${JSON.stringify(box)} crosses the plateau line ${ax},${ay} - ${bx},${by}`);
  }
});

// mends70c (review70b left it): the peak's legend entry (mends70: a one-point line series, its words in the legend) had
// a line's swatch for what the plot draws as a red ring. Test: in the SVG the legend's symbol beside the peak's words is
// a circle (arcs, no fill) in the peak's red; the trace's and the plateau's stay lines
test('analyze\'s voltage figure: the peak\'s legend symbol is a ring, as the plot draws it; the lines\' symbols stay lines (mends70c)', async () => {
  const f = join(tmp, 'licu-legend.csv');
  writeFileSync(f, licuRestLines().join('\n') + '\n');
  const { table, report } = await analyzeFile(f, { protocol: 'licu', area_cm2: 1.13 });
  const svg = await svgPlot(reportPlots(table, report).find(([n]) => n === 'voltage')![1]);
  const entries = [...svg.matchAll(/role-legend-symbol[^>]*><path ([^>]*)\/><\/g><g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map((m) => ({ attrs: m[1]!, label: m[2]! }));
  assert.equal(entries.length, 3, JSON.stringify(entries));
  const d = (a: string) => / d="([^"]+)"/.exec(a)?.[1] ?? '';
  const peak = entries.find((e) => e.label.startsWith('peak 150.00 mV'))!;
  assert.ok(peak, JSON.stringify(entries));
  assert.match(d(peak.attrs), /^M[-\d.]+,0A[-\d.]+,[-\d.]+,0,1,1,/, `a circle: ${peak.attrs}`);
  assert.match(peak.attrs, /stroke="#d62728"/);
  assert.doesNotMatch(peak.attrs, /fill="(?!none|transparent)[^"]+"/, `a ring, not a disc: ${peak.attrs}`);
  for (const e of entries.filter((x) => x !== peak)) assert.match(d(e.attrs), /^M-5,0L5,0$/, `${e.label}: a line's swatch`);
});
