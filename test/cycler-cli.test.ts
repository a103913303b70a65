/**
 * End to end through the CLI: analyze and convert on real and generated files, a simulated
 * eta.csv through the same metric code, and exit code 2 with one line naming file and line on
 * malformed input.
 * The CLI runs in-process (test/helpers/cli.ts) from the temporary folder; the last malformed-input
 * check spawns `node bin/sacplate.js`, where a real process is the point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';
import { nucleationOverpotential } from '../src/analysis/nucleation.js';
import { readCycler } from '../src/cycler/read.js';
import { formatReport } from '../src/analysis/report.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-cli');

const BIN = path.resolve('bin/sacplate.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-cli-'));
const spawned = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });
/** The CLI in-process from tmp (test/helpers/cli.ts), in the shape spawnSync returns. */
const run = async (...args: string[]) => { const r = await cli(args, { cwd: tmp }); return { status: r.code, stdout: r.stdout, stderr: r.stderr }; };

test('analyze a symmetric .mpt: table, report.json, SVG and PNG figures', async () => {
  const f = path.join(tmp, 'cell.mpt');
  writeMpt(f, symmetricTrace({ cycles: 6, halfCycle_s: 3600, dt_s: 20, current_A: 1.13e-3, plateau: () => 0.02, dip_V: 0.03, tip_s: 40 }), { decimalComma: true });
  const r = await run('analyze', f, '--protocol', 'symmetric', '--area', '1.13', 'cm2', '--out', 'out1');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /nucleation overpotential 30\.00 mV/);
  const rep = JSON.parse(fs.readFileSync(path.join(tmp, 'out1', 'report.json'), 'utf8'));
  assert.equal(rep.format, 'mpt');
  assert.equal(rep.cycles, 6);
  assert.ok(Math.abs(rep.symmetric.nucleation.nucleation_V - 0.03) < 1e-9);
  assert.ok(Math.abs(rep.symmetric.cumulative_capacity_mAh_per_cm2 - 12) < 1e-6);
  for (const fig of ['voltage', 'nucleation', 'overpotential']) {
    const svg = fs.readFileSync(path.join(tmp, 'out1', `${fig}.svg`), 'utf8');
    assert.match(svg, /^<svg/);
    const png = fs.readFileSync(path.join(tmp, 'out1', `${fig}.png`));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }
});

test('analyze --json on a real Neware file (full cell) and convert --to bdf', async () => {
  const r = await run('analyze', path.resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--json', '--no-figures', '--out', 'out2');
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.rows, 9065);
  // the file's cycle 3 holds two discharge/charge pairs (steps 2-8 and 11-13): 5 physical cycles
  assert.equal(rep.fullcell.cycles.length, 5);
  // the file stops 1.44 mAh into the last charge (at 0.43 V of its 1 V cut-off): that cycle has no CE
  assert.deepEqual([rep.fullcell.cycles[4].partial, rep.fullcell.cycles[4].ce, rep.fullcell.cycles[4].retention], [true, null, null]);
  assert.ok(rep.fullcell.cycles.slice(0, 4).every((c: { ce: number; partial?: boolean }) => c.ce > 0.8 && c.partial === undefined));
  // the text report says what each count counts: the file's 4 cycle numbers (as its check) and the 5 pairs
  assert.equal(rep.cycles, 4);
  const text = formatReport(rep);
  assert.match(text, /9065 rows, 4 cycles by the file's cycle column\n/);
  assert.match(text, /cycle column: integers, never decreasing, 4 cycles\n/);
  assert.match(text, /\n5 cycles: physical half cycles/);
  const byFile = await run('analyze', path.resolve('../shared/data/cycler/neware_uio.csv'), '--protocol', 'fullcell', '--json', '--no-figures', '--out', 'out2', '--pair', 'file', '--force'); // out2 again (mends43)
  assert.equal(JSON.parse(byFile.stdout).fullcell.cycles.length, 4);
  const c = await run('convert', path.resolve('../shared/data/cycler/nw_regular_export_ife_example.csv'), '--to', 'bdf');
  assert.equal(c.status, 0, c.stderr);
  const lines = c.stdout.trim().split('\n');
  assert.equal(lines.length, 9296);
  assert.match(lines[0]!, /^test_time_second,voltage_volt,current_ampere,cycle_count/);
});

test('a one-row file is "1 row" in analyze\'s format line and convert\'s line (they said "1 rows"), two rows "2 rows"', async () => {
  for (const n of [1, 2]) {
    const f = path.join(tmp, `rows${n}.csv`);
    fs.writeFileSync(f, ['test_time_second,voltage_volt,current_ampere', ...Array.from({ length: n }, (_, k) => `${k},3.1,0`)].join('\n') + '\n');
    const noun = n === 1 ? 'row' : 'rows';
    const a = await run('analyze', f, '--protocol', 'fullcell', '--no-figures', '--out', `rows${n}-an`);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, new RegExp(`^format +bdf \\(utf8\\), ${n} ${noun}, 0 cycles`, 'm'));
    const c = await run('convert', f, '--to', 'bdf');
    assert.equal(c.status, 0, c.stderr);
    assert.match(c.stderr, new RegExp(`-> BDF, ${n} ${noun}, columns `));
  }
});

test('a simulated eta.csv goes through the same metric code', async () => {
  // eta.csv as the simulator writes it: overpotential of the working electrode, negative while plating
  const f = path.join(tmp, 'eta.csv');
  const rows = ['time_s,charge_C_per_cm2,overpotential_mV'];
  const j = 1e-3; // A/cm2
  const t: number[] = [], eta: number[] = [];
  for (let k = 0; k <= 400; k++) {
    const ts = k * 0.5;
    const e = -(ts < 10 ? 40 * (ts / 10) + 10 : 10 + 40 * Math.exp(-(ts - 10) / 8)); // tip 50 mV at 10 s, plateau 10 mV
    t.push(ts); eta.push(e / 1000);
    rows.push(`${ts},${(j * ts).toExponential(6)},${e.toFixed(6)}`);
  }
  fs.writeFileSync(f, rows.join('\n') + '\n');
  const tab = await readCycler(f);
  assert.equal(tab.format, 'sacplate-eta');
  // current derived from the charge: -1 mA/cm2 * 1 cm2 while plating
  assert.ok(Math.abs(tab.columns.current_ampere![100]! + 1e-3) < 1e-9);
  const r = await run('analyze', f, '--protocol', 'symmetric', '--json', '--no-figures', '--out', 'out3');
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  const direct = nucleationOverpotential(t, eta);
  assert.ok(Math.abs(rep.symmetric.nucleation.nucleation_V - direct.nucleation_V) < 1e-9, `${rep.symmetric.nucleation.nucleation_V} vs ${direct.nucleation_V}`);
  assert.ok(Math.abs(direct.nucleation_V - 0.040) < 1e-4);
});

test('malformed input and bad flags: exit code 2, one line on stderr naming file and line, no stack trace', async () => {
  const bad = path.join(tmp, 'bad.csv');
  fs.writeFileSync(bad, 'DataPoint,Cycle Index,Step Type,Total Time,Current(A),Voltage(V)\n1,1,Rest,00:00:00,0,3.1\n2,1,Rest,00:00:01,0,3.x\n');
  for (const args of [
    ['analyze', bad, '--protocol', 'symmetric'],
    ['convert', bad, '--to', 'bdf'],
    ['analyze', path.join(tmp, 'missing.csv'), '--protocol', 'symmetric'],
    ['analyze', bad, '--protocol', 'nonsense'],
    ['convert', bad, '--to', 'parquet'],
    ['analyze', bad, '--protocol', 'symmetric', '--area', '1.13', 'mV'],
  ]) {
    const r = await run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  }
  const r = spawned('analyze', bad, '--protocol', 'symmetric');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /bad\.csv:3: column "Voltage\(V\)": "3\.x" is not a number/);
});

test('analyze: a nucleation reading with no dip (a flat first plating) is said to be no nucleation barrier', async () => {
  const { analyzeTable, formatReport } = await import('../src/analysis/report.js');
  const f = path.join(tmp, 'flat.mpt');
  writeMpt(f, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 20, current_A: 1.13e-3, plateau: () => 0.02, dip_V: 0, tip_s: 40 }));
  const flat = formatReport(await analyzeTable(await readCycler(f, {}), { protocol: 'symmetric' }));
  assert.match(flat, /nucleation overpotential -?0\.00 mV \(no dip: not a nucleation barrier\)/);
  writeMpt(f, symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 20, current_A: 1.13e-3, plateau: () => 0.02, dip_V: 0.03, tip_s: 40 }));
  const dip = formatReport(await analyzeTable(await readCycler(f, {}), { protocol: 'symmetric' }));
  assert.match(dip, /nucleation overpotential 30\.00 mV \(peak/);
});

test('analyze: a time that does not grow, a NaN or blank cell in a required column and a negative --limit are named (line, column, value), exit 2', async () => {
  const bdf = (name: string, rows: string[]) => { const f = path.join(tmp, name); fs.writeFileSync(f, ['test_time_second,voltage_volt,current_ampere', ...rows].join('\n') + '\n'); return f; };
  const plate = ['0,-0.05,-0.001', '1,-0.03,-0.001', '2,-0.02,-0.001', '3,-0.02,-0.001', '4,0.02,0.001', '5,0.02,0.001', '6,0.02,0.001'];
  const cases: [string[], RegExp][] = [
    // time stuck for the whole file: every protocol would read nothing (symmetric said 'time_s: got "span 0 s"', licu an empty table)
    [['analyze', bdf('stuck.csv', plate.map((r) => '5' + r.slice(r.indexOf(',')))), '--protocol', 'licu'], /^sacplate: .*stuck\.csv:2: test time does not increase: all 7 rows, lines 2 to 8, read 5 s; expected an elapsed time that grows/],
    // time running backwards: rebuilt as continuous (each piece continuing from the last), which leaves it standing still
    [['analyze', bdf('back.csv', plate.map((r, k) => `${9 - k}${r.slice(r.indexOf(','))}`)), '--protocol', 'symmetric'], /back\.csv:2: test time does not increase: all 7 rows, lines 2 to 8, read 9 s, after the 6 step\(s\) back from line\(s\) 3, 4, 5, 6, 7, \.\.\. were rebuilt/],
    // stuck only through the first plating, after a rest and two blank lines: the lines as the file has them
    [['analyze', bdf('stuck-plating.csv', ['0,0.01,0', '', '', '1,0.01,0', '2,-0.02,-0.001', '2,-0.03,-0.001', '2,-0.02,-0.001', '3,0.02,0.001', '4,0.01,0.001']), '--protocol', 'symmetric'], /stuck-plating\.csv:6: test time does not increase over the first plating half cycle: lines 6 to 8 \(3 rows\) all read 2 s/],
    // a NaN text in a required column was reported as "is empty"
    [['analyze', bdf('nan-v.csv', ['0,-0.05,-0.001', '1,NaN,-0.001', ...plate.slice(2)]), '--protocol', 'symmetric'], /nan-v\.csv:3: column "voltage_volt": "NaN" is not a number \(a required column: every row needs a value\)$/],
    [['analyze', bdf('nan-i.csv', ['0,-0.05,-0.001', '1,-0.03,nan', ...plate.slice(2)]), '--protocol', 'symmetric'], /nan-i\.csv:3: column "current_ampere": "nan" is not a number/],
    [['analyze', bdf('dash-t.csv', ['0,-0.05,-0.001', '-,-0.03,-0.001', ...plate.slice(2)]), '--protocol', 'symmetric'], /dash-t\.csv:3: column "test_time_second": "-" is not a number/],
    [['analyze', bdf('blank-v.csv', ['0,-0.05,-0.001', '1,,-0.001', ...plate.slice(2)]), '--protocol', 'symmetric'], /blank-v\.csv:3: column "voltage_volt" is empty \(a required column: every row needs a value\)$/],
    // --limit is a magnitude compared with the plateau of |V|: -100 mV fired on the first half cycle
    [['analyze', bdf('ok.csv', plate), '--protocol', 'symmetric', '--limit', '-100', 'mV'], /^sacplate: --limit: got "-100 mV", expected an overpotential magnitude > 0, e\.g\. "100 mV"/],
    [['analyze', bdf('ok.csv', plate), '--protocol', 'symmetric', '--limit', '0', 'mV'], /^sacplate: --limit: got "0 mV", expected an overpotential magnitude > 0/],
  ];
  for (const [args, re] of cases) {
    const r = await run(...args, '--no-figures', '--out', 'out-named');
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trim(), re);
  }
  const ok = await run('analyze', path.join(tmp, 'ok.csv'), '--protocol', 'symmetric', '--limit', '100', 'mV', '--json', '--no-figures', '--out', 'out-named');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).symmetric.criteria.limit_V, 0.1);
});

// audit69: `convert -o out.xlsx` wrote BDF CSV text into a file named .xlsx (a spreadsheet program refuses it as not
// what its name says); -o names a .parquet file (BDF Parquet) or any other name for CSV, but not another format's
test('convert -o naming another format\'s file (.xlsx, .json) is refused naming -o, the value and the two forms it writes; nothing is written', async () => {
  const src = path.resolve('../shared/data/cycler/neware_uio.csv');
  // review69: out.bib and out.ris too, the formats results and lit export refuse by name (one list, cli/guards.ts)
  for (const name of ['out.xlsx', 'out.json', 'out.bib', 'out.RIS']) {
    const c = await run('convert', src, '--to', 'bdf', '-o', name);
    assert.equal(c.status, 2, c.stderr);
    assert.equal(c.stderr, `sacplate: -o: got "${name}", expected a file name ending .csv (BDF CSV) or .parquet (BDF Parquet): convert writes no ${path.extname(name).toLowerCase()} file, and CSV text under that name is not one\n`);
    assert.equal(fs.existsSync(path.join(tmp, name)), false);
  }
});
