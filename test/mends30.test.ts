/**
 * Session 30, task mends30: defects left alone by earlier sessions.
 *  (1) "Plate at 1e-8 mA/cm2 for 1 s" on an 8 x 8 x 8 box of 10 nm voxels on Cu did not end within 20 s of wall time:
 *      the step waited for a whole voxel (its target count was at least 1), while the double layer settles over
 *      R_ct C_dl ~ 1e5 s of kMC time; at 1e-6 mA/cm2 it ended after one voxel and reported a "1 s" step that lasted
 *      117,807 s (220,441 s of kMC time). A step given by a time whose charge is below half a voxel of the box now ends
 *      at its time on the kMC clock (as a rest or a timed hold); a step given by a charge below half a voxel is refused
 *      at input, naming the step, the charge, the unit and the box's charge per voxel.
 *  (2) A full cell read as `analyze --protocol licu` printed "nucleation overpotential of the first plating 341.60 mV"
 *      (nw_regular_export_ife_example.csv) under the note that the file does not fit the protocol, and the per-cycle
 *      column: the nucleation reading is now "not read: <why>" in the text, report.json (nucleation_not_read, no
 *      nucleation or per-cycle nucleation_overpotential_mV) and the figures (no nucleation plot).
 *  (3) loadLiterature (the package's own records, data/literature) stopped at the first bad record of the first bad file:
 *      every bad record of every file is now in one FileError (full key paths, numbered, capped at 20 with "... and N
 *      more"), through the code `lit import` uses (evidence/schema.ts recordProblems, problemsText).
 *  (4) Read errors said in words (which file, what is wrong, where), the library's own message in brackets at the end:
 *      a store whose pages are damaged printed SQLite's whole quick_check (97 lines of "Tree 5 page 5 cell 89: Offset
 *      23040 out of range 4096..4092 ..." in one message); a store cut short "is not a usable sacplate database
 *      (database disk image is malformed)"; a failed read "database error: ..."; a symlink loop "cannot open the
 *      database: unable to open database file"; a FIFO hung. Half of a real .xlsx: `analyze` exited 0 without a word
 *      (exceljs's stream never settled); a damaged sheet "not a readable .xlsx workbook: 1:1572859: disallowed
 *      character." (no sheet, no row). `lit import` of a CSV whose quote never closes: "not valid CSV: unterminated
 *      quoted field" (no line). Every bad store is left byte for byte as it was.
 * Each fails on the code before its fix (checked once with the old code put back: (1) on main, both tests; (2) with
 * leaveOutNucleation not called; (3) with records.ts as it was; (4) with the five changed files as they were, the
 * .xlsx test failing as "Promise resolution is still pending", and the CSV test alone too).
 * Measured: the file 2.53 s user + 0.38 s sys of CPU, 2.86 s wall at load 2.5 (commit 030c1da).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../src/simulation/simulate.js';
import { parseRunInput } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';
import { loadLiterature } from '../src/evidence/records.js';
import { FileError } from '../src/errors.js';
import { openStore, openStoreToRead } from '../src/store/index.js';
import { readCycler } from '../src/cycler/read.js';
import { fromCsv, toCsv } from '../src/evidence/io.js';
import { analyzeFile, formatReport, reportPlots } from '../src/analysis/report.js';

const dir = mkdtempSync(join(tmpdir(), 'sacplate-mends30-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** the 8 x 8 x 8 box of 10 nm voxels on Cu of examples/li-cu-small-box.yaml with the given protocol */
const smallBox = (protocol: string[]) => ({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'Cu', protocol, output: { snapshots: false }, seed: 3,
});

test('(1) a galvanostatic step given by a time, its charge far below one voxel, ends at its time', () => {
  for (const j of ['1e-6', '1e-8']) {
    const t0 = performance.now();
    const r = simulate(smallBox([`Plate at ${j} mA/cm2 for 1 s`, 'Rest for 2 s']));
    const wall = (performance.now() - t0) / 1000;
    const [plate, rest] = r.steps;
    assert.equal(r.steps.length, 2, `${j}: both steps ran`);
    assert.equal(plate!.ended, 'time', `${j}: the plating step ends at its time (ended: ${plate!.ended})`);
    assert.ok(Math.abs(plate!.duration_s - 1) < 1e-9, `${j}: the step lasted 1 s (reported ${plate!.duration_s} s)`);
    assert.ok(Math.abs(plate!.kmc_duration_s - 1) < 1e-9, `${j}: 1 s on the kMC clock (${plate!.kmc_duration_s} s)`);
    assert.equal(plate!.net_voxels, 0, `${j}: no voxel plated in 1 s`);
    assert.equal(rest!.ended, 'time');
    assert.ok(Math.abs(r.metrics.time_s - 3) < 1e-9, `${j}: the run lasted 3 s (${r.metrics.time_s} s)`);
    // the charge the galvanostat passed (all in the double layer here) and the faradaic charge, as reported before
    assert.ok(Math.abs(r.metrics.applied_charge_C_per_cm2 - Number(j) * 1e-3) < 1e-9 * Number(j), `${j}: ${r.metrics.applied_charge_C_per_cm2} C/cm2 applied`);
    assert.equal(r.metrics.charge_C_per_cm2, 0);
    assert.ok(wall < 10, `${j}: ended in ${wall.toFixed(2)} s of wall time`);
  }
});

test('(1) a step given by a charge below half a voxel of the box is refused at input, in words', () => {
  // one 10 nm voxel of Li on 8 x 8 voxels: 3.272e-5 mAh/cm2; half of it 1.64e-5
  for (const step of ['Plate 1e-6 mAh/cm2 at 1 mA/cm2', 'Strip 0.00001 mAh/cm2 at 1 mA/cm2', 'Hold at -50 mV until 1e-6 mAh/cm2']) {
    assert.throws(() => parseRunInput(smallBox(['Plate 0.001 mAh/cm2 at 1 mA/cm2', step])), (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.field, 'protocol[1]');
      assert.equal(e.value, step);
      assert.doesNotMatch(e.message, /\n/);
      assert.match(e.message, /a charge of at least half a voxel of this box \(1\.64e-5 mAh\/cm2: one voxel is 3\.27e-5 mAh\/cm2 on 8 x 8 voxels of 10 nm\); this step [0-9.e-]+ mAh\/cm2: give a larger charge, or a larger box in x and y$/);
      return true;
    });
  }
  // half a voxel and more: accepted (rounded to whole voxels as before)
  assert.doesNotThrow(() => parseRunInput(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])));
  assert.equal(simulate(smallBox(['Plate 0.00002 mAh/cm2 at 1 mA/cm2'])).metrics.deposited_voxels, 1);
});

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

test('(2) a full cell read as licu (or aurbach, symmetric): no nucleation figure, "not read" and why, in the text, report.json and the figures', async () => {
  const full = join(dir, 'fullcell.csv');
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
  const licu = join(dir, 'licu.csv');
  writeFileSync(licu, cyclerTable(3, 0));
  const { report } = await analyzeFile(licu, { protocol: 'licu' });
  assert.equal(report.licu!.nucleation_not_read, undefined);
  assert.ok(Number.isFinite(report.licu!.nucleation?.nucleation_V));
  assert.match(formatReport(report), /^nucleation overpotential of the first plating [0-9.]+ mV/m);
  assert.match(formatReport(report), /nucleation_overpotential_mV/);
});

test('(3) loadLiterature names every bad record of every file in one error, full key paths, at most 20 lines', () => {
  const rec = (id: string, more = '') => `- id: ${id}\n  name: X\n  metal: Li\n  sac_elements: [Fe]\n  support: s\n  architecture: coating\n  section: "3"\n  refs: [8]\n  figures: []\n${more}`;
  const folder = (name: string, files: Record<string, string>) => {
    const d = join(dir, name);
    mkdirSync(d);
    copyFileSync('data/literature/references.yaml', join(d, 'references.yaml'));
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    return d;
  };
  // two files: a.yaml's second record has a misspelt key and a bad metal, b.yaml's first a figure in a wrong unit and its second a reference not in the list
  const two = folder('two', {
    'a.yaml': rec('a1') + rec('a2', '  metall: Li\n').replace('metal: Li', 'metal: Mg'),
    'b.yaml': rec('b1').replace('figures: []', 'figures:\n    - { quantity: nucleation_overpotential, value: 3, unit: mAh, ref: 8, quote: q }') + rec('b2').replace('refs: [8]', 'refs: [5]'),
  });
  assert.throws(() => loadLiterature(two), (e: unknown) => {
    assert.ok(e instanceof FileError, String(e));
    assert.equal(e.file, two);
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /^\S+two: 4 problems in 3 records: \(1\) \S*a\.yaml: \[1\]\.metall: .*; \(2\) \S*a\.yaml: \[1\]\.metal: got "Mg".*; \(3\) \S*b\.yaml: \[0\]\.figures\[0\]\.unit: .*; \(4\) \S*b\.yaml: \[1\]: b2: reference 5 is not in the reference list$/);
    return true;
  });
  // one file with 25 bad records: its own name, 20 problems shown and "... and 5 more"
  const many = folder('many', { 'c.yaml': Array.from({ length: 25 }, (_, i) => rec(`c${i}`).replace('metal: Li', 'metal: Mg')).join('') });
  assert.throws(() => loadLiterature(many), (e: unknown) => {
    assert.ok(e instanceof FileError && /c\.yaml$/.test(e.file), String(e));
    assert.match(e.message, /: 25 problems in 25 records: \(1\) \[0\]\.metal: got "Mg".*; \(20\) \[19\]\.metal: got "Mg"[^;]*; \.\.\. and 5 more$/);
    return true;
  });
});

test('(4) a damaged store, cut short, a failed read, a symlink loop, a pipe: in words, SQLite\'s message in brackets, the file left as it was', () => {
  const good = join(dir, 'good.db');
  const st = openStore(good);
  for (let i = 0; i < 20; i++) st.recordRun({ input: { i, pad: 'x'.repeat(500) }, metrics: {} });
  st.close();
  const bytes = readFileSync(good);
  /** opens `bytes` as a store at `name`: the FileError's message; the file is the same byte for byte, no -wal or -shm beside it */
  const refused = (name: string, b: Buffer, open: (f: string) => unknown = openStore, sideFiles = false): string => {
    const f = join(dir, name);
    writeFileSync(f, b);
    let msg = '';
    assert.throws(() => open(f), (e: unknown) => { assert.ok(e instanceof FileError && e.file === f, String(e)); msg = e.message; return true; });
    assert.deepEqual(readFileSync(f), b, `${name}: left as it was`);
    if (!sideFiles) assert.ok(!existsSync(f + '-wal') && !existsSync(f + '-shm'), `${name}: nothing written beside it`);
    assert.doesNotMatch(msg, /\n/);
    return msg;
  };
  // pages damaged under an intact header: the integrity check's count and its first problem, not its hundreds of lines
  const damaged = Buffer.from(bytes);
  for (let i = 4096; i < damaged.length; i += 7) damaged[i] = 0x5a;
  const dm = refused('damaged.db', damaged);
  assert.match(dm, /: is damaged: SQLite's integrity check found \d+ problems in its pages; it was left untouched\. Move it away or pass --db with another path \(SQLite quick_check: [^;]+; \.\.\. and \d+ more\)$/);
  assert.ok(dm.length < 400, `${dm.length} characters`);
  // cut short
  assert.match(refused('half.db', bytes.subarray(0, bytes.length >> 1)),
    /: is damaged or cut short: SQLite cannot read it as a database; it was left untouched\. Move it away or pass --db with another path \(SQLite: database disk image is malformed\)$/);
  // opened to read (no integrity check: openStoreToRead), a query on a damaged page (a read-only connection to a
  // WAL store leaves its -shm and -wal files beside it: store/index.ts openStoreToRead)
  const hdr = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0xab)]);
  const readRuns = (f: string) => {
    const s = openStoreToRead(f);
    assert.ok(s, 'opened to read');
    try { return s.listRuns(); } finally { s.close(); }
  };
  assert.match(refused('header-only.db', hdr, readRuns, true),
    /: is damaged or cut short: a read of the store failed; the file was left as it is \(SQLite: database disk image is malformed\)$/);
  // a symlink loop and a pipe given as the store
  const loop = join(dir, 'loop.db');
  symlinkSync(loop, loop);
  assert.throws(() => openStore(loop), (e: unknown) => e instanceof FileError && e.message === `${loop}: cannot open the database file: too many symbolic links (ELOOP)`);
  const fifo = join(dir, 'fifo.db');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => openStore(fifo), (e: unknown) => e instanceof FileError && /: is not a regular file \(a pipe, socket or device\), expected a sacplate database file; it was left untouched$/.test(e.message));
});

test('(4) an .xlsx cut short or damaged in a sheet: which, where (sheet and row), exceljs\'s words in brackets; the CLI exits 2', async () => {
  const xlsx = readFileSync('test/data/cycler/landt_custom_data_002_head5400.xlsx');
  const half = join(dir, 'half.xlsx');
  writeFileSync(half, xlsx.subarray(0, xlsx.length >> 1));
  await assert.rejects(readCycler(half), (e: unknown) => e instanceof FileError
    && e.message === `${half}: not a readable .xlsx workbook: it is cut short (its zip ends without the directory every .xlsx ends with); copy or export it again`);
  // a real process: it exited 0 and printed nothing
  const r = spawnSync(process.execPath, ['bin/sacplate.js', 'analyze', half, '--protocol', 'licu', '--no-figures', '--out', join(dir, 'half-out')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /half\.xlsx: not a readable \.xlsx workbook: it is cut short/);
  // 500 bytes overwritten halfway through (inside the Record-Tab sheet's compressed XML)
  const bad = Buffer.from(xlsx);
  for (let i = xlsx.length >> 1, k = 0; k < 500; i++, k++) bad[i] = (i * 37) & 255;
  const damaged = join(dir, 'damaged.xlsx');
  writeFileSync(damaged, bad);
  await assert.rejects(readCycler(damaged), (e: unknown) => e instanceof FileError
    && /^\S+damaged\.xlsx: not a readable \.xlsx workbook: it is damaged in sheet "Record-Tab" after row \d+: its XML cannot be read \(exceljs: .+\)$/.test(e.message));
});

test('(4) lit import of a CSV whose quoted field never closes names the line it opens on', () => {
  const rec = { id: 'q1', name: 'Q', aliases: [], metal: 'Li', sac_elements: ['Fe'], support: 's', architecture: 'coating', section: '3', refs: [8], figures: [], citations: [] };
  const text = toCsv(Array.from({ length: 40 }, (_, i) => ({ ...rec, id: `q${i}` })) as never).split('\n');
  text[30] = text[30]!.replace(',', ',"oops');
  assert.throws(() => fromCsv(text.join('\n'), 'bad.csv'), (e: unknown) => e instanceof FileError && e.line === 31
    && e.message === 'bad.csv:31: not valid CSV: the quoted field that opens on line 31 is never closed (a " is missing), so the rest of the file reads as one field (unterminated quoted field)');
});
