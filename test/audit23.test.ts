/**
 * A new student's README and an electrochemist's own files (session 23, task audit23): what
 * `analyze` printed for the real exports of ../shared/data/cycler that end before a cycle's second
 * half, hold no complete cycle, are cut mid-line or lack a column, or come with the area in the wrong
 * unit; flags it ignored; and the README's first screen. Each test fails on the code before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { readCycler } from '../src/cycler/read.js';
import { cli } from './helpers/cli.js';

const P = (f: string) => path.resolve('../shared/data/cycler', f);

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
  // cycle 2's row: no charge (not 0 mAh), its discharge in mAh and mAh/cm2 for the 1.13 cm2 given
  const row2 = text.split('\n').find((l) => /^ +2 /.test(l))!.trim().split(/ +/);
  assert.deepEqual(row2, ['2', '-', '1.30000', '-', (1.3 / 1.13).toFixed(5), '-', '-']);
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
  const lines = fs.readFileSync(P('neware_uio.csv'), 'utf8').split('\n').slice(0, 800);
  const power = lines[0]!.split(',').indexOf('Power(W)');
  // the first row under current (line 723 of the file: Power(W) -0.00071604 W)
  const k = lines.findIndex((l, j) => j > 0 && Number(l.split(',')[power]) !== 0);
  const last = lines[k]!.split(',');
  assert.ok(power > 0 && k > 1 && last[power]!.length > 6, `${power} ${k}`);
  const cut = [...last.slice(0, power), last[power]!.slice(0, 5)].join(','); // "-0.00" of "-0.00071604"
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit23-')), 'cut.csv');
  fs.writeFileSync(file, lines.slice(0, k).join('\n') + '\n' + cut);
  const t = await readCycler(file);
  assert.equal(t.rows, k - 1);
  assert.equal(t.checks.dropped_last_line?.line, k + 1);
  assert.match(t.checks.dropped_last_line!.reason, new RegExp(`^${power + 1} field\\(s\\) where the row before has 26 \\(truncated line\\)$`));
  // the same line whole, unterminated, is kept with its power
  fs.writeFileSync(file, lines.slice(0, k + 1).join('\n'));
  const whole = await readCycler(file);
  assert.equal(whole.rows, k);
  assert.equal(whole.checks.dropped_last_line, undefined);
  assert.equal(whole.columns.power_watt![k - 1], Number(last[power]));
});

test('--area in the wrong unit: "1.13 mm2" for a 1.13 cm2 cell turns the area check to a warning naming the charge per area (it printed 450 mAh/cm2 without a word); the area the cell has stays ok', async () => {
  const file = P('neware_uio.csv');
  const wrong = (await analyzeFile(file, { protocol: 'fullcell', area_cm2: 0.0113 })).report.checks.find((c) => c.name === 'area')!;
  assert.equal(wrong.status, 'warn');
  assert.match(wrong.detail, /^0\.0113 cm2 \(--area\); its largest half cycle, 5\.086 mAh, is 450\.1 mAh\/cm2: above 50 mAh\/cm2 .*is the area right \(cm2, not mm2\)\?$/);
  const right = (await analyzeFile(file, { protocol: 'fullcell', area_cm2: 1.13 })).report.checks.find((c) => c.name === 'area')!;
  assert.deepEqual(right, { name: 'area', status: 'ok', detail: '1.13 cm2 (--area)' });
});

test('--header-line with a layout that finds its own header is refused in one line (it was ignored: a Neware file analysed as if the flag were not there)', async () => {
  const r = await cli(['analyze', P('neware_uio.csv'), '--protocol', 'fullcell', '--header-line', '3', '--no-figures', '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit23-'))]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'sacplate: --header-line: got "3", expected --format generic with --map (the detected layout finds its own column-name line)\n');
});

test('fullcell: a last half cut by the file\'s end at 55 % of the discharge before it, short of its cut-off, has no CE or retention (the Maccor export read CE 0.55, retention 0.55: only halves under half the median were looked at)', async () => {
  const { report } = await analyzeFile(path.resolve('test/data/cycler/maccor_xTESLADIAG_000019_CH70_head700.070'), { protocol: 'fullcell' });
  const c = report.fullcell!.cycles;
  assert.equal(c.length, 2);
  assert.ok(c[1]!.discharge_mAh > 1600 && c[1]!.discharge_mAh < 0.6 * c[0]!.discharge_mAh, JSON.stringify(c[1]));
  assert.equal(c[1]!.partial, true);
  assert.ok(Number.isNaN(c[1]!.ce) && Number.isNaN(c[1]!.retention));
  assert.match(report.fullcell!.pairing, /; the file ends in a partial discharge of 1667 mAh: cycle 2 has no CE or retention$/);
});

test('analyze given a run file: the one-line error says where a trace to analyse comes from (it listed the cycler layouts only)', async () => {
  const r = await cli(['analyze', 'examples/li-zn-sac.yaml', '--protocol', 'symmetric', '--no-figures']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  assert.match(r.stderr, /^sacplate: examples\/li-zn-sac\.yaml:1: unknown cycler layout .*; a YAML file is no cycler export: simulate a run file \(sacplate simulate FILE --out DIR\) and analyze DIR\/eta\.csv\n$/);
});

test('a file without its current column: the capacity check says charges come from the capacity columns, not that a current column "is printed too coarsely", and the sign check calls it no OCV recording', async () => {
  const lines = fs.readFileSync(P('neware_uio.csv'), 'utf8').split('\n');
  const k = lines[0]!.split(',').indexOf('Current(A)');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit23-')), 'no-current.csv');
  fs.writeFileSync(file, lines.map((l) => l.split(',').filter((_, j) => j !== k).join(',')).join('\n'));
  const { report } = await analyzeFile(file, { protocol: 'fullcell' });
  const cap = report.checks.find((c) => c.name === 'capacity')!;
  assert.deepEqual(cap, { name: 'capacity', status: 'repaired', detail: "no current column to integrate (read as 0): charges are taken from the file's charge/discharge capacity columns" });
  // and it is no 'OCV recording': its Step Type labels give each row's direction
  assert.equal(report.checks.find((c) => c.name === 'current sign')!.detail, 'no current column (current taken as 0): each row\'s direction from its "Step Type" labels');
  // the charges are the file's own: cycle 2 as with the current column
  const whole = (await analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell' })).report.fullcell!.cycles[1]!;
  assert.ok(Math.abs(report.fullcell!.cycles[1]!.charge_mAh - whole.charge_mAh) < 0.01 * whole.charge_mAh);
});

test('README: the first 40 lines are a path: the two commands, the table the first prints with what it means, and where to go next (install notes and costs came first)', () => {
  const top = fs.readFileSync('README.md', 'utf8').split('\n').slice(0, 40).join('\n');
  const main = top.indexOf('npm install && npx sacplate compare examples/main-job.yaml');
  const tests = top.indexOf('\nnpm test ');
  const table = top.indexOf('| Li on graphene + Zn-N4 (3 %) |');
  const means = top.indexOf('What it means:');
  const next = top.indexOf('**Where to go next:**');
  assert.ok(main > 0 && tests > main && table > tests && means > table && next > means, `positions ${[main, tests, table, means, next]}`);
  for (const link of ['(#run-a-simulation)', '(docs/cycler.md)', '(#validation-published-vs-measured)', '(#links)']) assert.ok(top.slice(next).includes(link), link);
});

test('the workbench API\'s wording of the area warning names the area query parameter, not --area', async () => {
  const { cyclerMessageForApi } = await import('../src/server/cycler-hints.js');
  const { report } = await analyzeFile(P('neware_uio.csv'), { protocol: 'fullcell', area_cm2: 0.0113 });
  const detail = cyclerMessageForApi(report.checks.find((c) => c.name === 'area')!.detail);
  assert.match(detail, /^0\.0113 cm2 \(the area query parameter\); its largest half cycle/);
  assert.doesNotMatch(detail, /--area/);
});

test('an EC-Lab header area in mm² is printed as the area, not its float rounding ("1.1300000000000001 cm2")', async () => {
  const { gcplRows, writeGcplMpt } = await import('./helpers/cycler-files.js');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-audit23-')), 'cell.mpt');
  writeGcplMpt(file, gcplRows([{ I_mA: -1, q_mAh: 1 }, { I_mA: 1, q_mAh: 0.95 }]), { area: '113.0 mm²' });
  const { report } = await analyzeFile(file, { protocol: 'licu' });
  assert.equal(report.area_cm2, 1.13);
  assert.match(formatReport(report), /^area {6}1\.13 cm2\n[^]*^ {2}ok {7}area: 1\.13 cm2 \(file header\)$/m);
});
