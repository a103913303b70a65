/**
 * audit70b: cycler files real users have that were misread or refused without the fix. A Li||Cu export that signs a plating onto the working electrode > 0 (the cycler's or the wiring's convention,
 * no label column to take the sign from). Its platings read as strips: `--protocol licu` warned "no metal plated ...;
 * --protocol fullcell fits it", and nothing could read it the other way round (`--map current=COL@-mA` was refused as a
 * unit that is not a current). The check now names the reversed sign and the fix, and `@-UNIT` reads the current
 * reversed. The fixture (test/data/constructed/licu_plating_positive.csv, made by make-licu.py there) has its figures
 * by construction: CE (x 3600 + 60) / 3600 for x = 0.90, 0.95, 0.97 and a first-plating dip of 150 mV on a 40 mV plateau.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempFolder } from './helpers/tmp.js';
import { cli } from './helpers/cli.js';
import { licuRestLines } from './helpers/cycler-files.js';
import { symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';

const FILE = resolve('test/data/constructed/licu_plating_positive.csv');
const tmp = tempFolder('sign-reversed');
const FIX = '--map "current=Current / mA@-mA"';

test('licu on a file that signs its platings > 0: the protocol check names the reversed sign and the --map that reads it, not "--protocol fullcell fits it" (audit70b)', async () => {
  const r = await cli(['analyze', FILE, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'as-written')]);
  assert.equal(r.code, 0, r.stderr);
  const warn = r.stdout.split('\n').find((l) => /WARN +protocol:/.test(l))!;
  assert.ok(warn, r.stdout);
  assert.match(warn, /below 0 V under current in the stripping direction \(to -0\.150 V\)/);
  assert.ok(warn.includes(`read it reversed with --format bdf ${FIX}`), warn);
  assert.doesNotMatch(warn, /fullcell fits it/);
});

test('--map current=COL@-mA reads the current reversed: the CE per cycle and the nucleation overpotential the file was made with; the columns line says so (audit70b)', async () => {
  const out = join(tmp, 'reversed');
  const r = await cli(['analyze', FILE, '--protocol', 'licu', '--area', '1.13', 'cm2', '--format', 'bdf', '--map', 'current=Current / mA@-mA', '--no-figures', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /current "Current \/ mA" \(mA, its sign reversed by --map: the file's current > 0 read as < 0, a plating onto the working electrode\)/);
  assert.doesNotMatch(r.stdout, /WARN +protocol/);
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { licu: { cycles: { ce: number; plated_mAh: number }[]; nucleation: Record<string, number> } };
  const want = [0.90, 0.95, 0.97].map((x) => (x * 3600 + 60) / 3600);
  assert.equal(rep.licu.cycles.length, 3);
  rep.licu.cycles.forEach((c, i) => { assert.ok(Math.abs(c.ce - want[i]!) < 1e-9, `cycle ${i + 1}: ${c.ce}`); assert.ok(Math.abs(c.plated_mAh - 0.565) < 1e-9); });
  assert.ok(Math.abs(rep.licu.nucleation.nucleation_overpotential_mV! - 110) < 1e-6, String(rep.licu.nucleation.nucleation_overpotential_mV));
  assert.ok(Math.abs(rep.licu.nucleation.plateau_overpotential_mV! - 40) < 1e-6);
});

test('a "-" before a unit other than the current\'s is refused naming the key and the form expected (audit70b)', async () => {
  const r = await cli(['analyze', FILE, '--protocol', 'licu', '--format', 'bdf', '--map', 'voltage=Voltage / V@-V', '--no-figures', '--out', join(tmp, 'bad')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--map voltage=Voltage \/ V@-V: a "-" before the unit reverses the sign of the current only \(current=COLUMN@-UNIT, e.g\. @-mA\); expected V or a multiple without "-"/);
});

test('compare --measured on such a file: the note gives compare\'s own --map (time, voltage and the reversed current), which reads the CE (audit70b)', async () => {
  const f = join(tmp, 'cmp.yaml');
  writeFileSync(f, 'metal: Li\nlattice: { size: [8, 8, 8], voxel: 10 nm }\nhost: Cu\nkinetics: { terraceBarrier: 0.3 eV }\nprotocol: [Plate 0.00005 mAh/cm2 at 1 mA/cm2]\noutput: { snapshots: false }\nvariants:\n  - { name: Cu, host: Cu }\n  - { name: graphene, host: graphene }\n');
  const r = await cli(['compare', f, '--measured', FILE, '--no-store']);
  assert.equal(r.code, 0, r.stderr);
  const map = 'time=Test Time / s,voltage=Voltage / V,current=Current / mA@-mA';
  assert.ok(r.stdout.includes(`compare reads --map as --format generic: --map "${map}"`), r.stdout);
  const r2 = await cli(['compare', f, '--measured', FILE, '--map', map, '--no-store']);
  assert.equal(r2.code, 0, r2.stderr);
  const lines = r2.stdout.split('\n'), head = lines[0]!.split(/\s{2,}/);
  const row = lines.find((l) => l.startsWith('licu_plating_positive.csv (measured)'))!.split(/\s{2,}/);
  const mean = [0.90, 0.95, 0.97].map((x) => (x * 3600 + 60) / 3600).reduce((a, b) => a + b) / 3;
  assert.equal(row[head.indexOf('CE %')], (mean * 100).toFixed(1));
  assert.equal(row[head.indexOf('nucl. mV')], '110.0');
});

// audit70b: a symmetric Li||Li file read as licu (compare --measured's default protocol) printed `mean CE 1.0000` and
// compare `CE % 100.0`, without a word: its strips pass their platings' charge by the schedule, none to a cut-off
test('licu on a symmetric cell\'s file: the protocol check says its CE is the ratio of set charges and that symmetric fits; the first plating\'s nucleation reading stays (audit70b)', async () => {
  const sym = join(tmp, 'sym.mpt');
  writeMpt(sym, symmetricTrace({ cycles: 3, halfCycle_s: 600, dt_s: 5, current_A: 0.001, plateau: () => 0.03, dip_V: 0.04 }));
  const out = join(tmp, 'sym-licu');
  const r = await cli(['analyze', sym, '--protocol', 'licu', '--no-figures', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /WARN +protocol: every strip passes its plating's charge \(CE 1\.0000 in 3 complete cycle\(s\)\) and none rises to a cut-off .*--protocol symmetric fits a cell of the metal on both sides/);
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { checks: { name: string; status: string }[]; licu: { nucleation?: { nucleation_overpotential_mV: number } } };
  assert.ok(rep.checks.some((c) => c.name === 'protocol' && c.status === 'warn'));
  assert.ok(rep.licu.nucleation && rep.licu.nucleation.nucleation_overpotential_mV > 30);
  // a Li||Cu file whose strips run to the cut-off keeps no such warning (the constructed file, read the right way round)
  const r2 = await cli(['analyze', FILE, '--protocol', 'licu', '--format', 'bdf', '--map', 'current=Current / mA@-mA', '--no-figures', '--out', join(tmp, 'licu-ok')]);
  assert.doesNotMatch(r2.stdout, /WARN +protocol/);
});

// audit70b: an unsigned current (|I|, every row > 0) without a label column is not a reversed sign: reversing it would
// read every half as a plating; the check says the sign is missing and names --map sign=
test('licu on a file that writes |I| with no label column: the protocol check says the sign is missing and names --map sign=, not @-mA (audit70b)', async () => {
  const [head, ...rows] = readFileSync(FILE, 'utf8').trim().split('\n');
  const abs = join(tmp, 'abs.csv');
  writeFileSync(abs, [head, ...rows.map((l) => { const c = l.split(','); c[2] = String(Math.abs(Number(c[2]))); return c.join(','); })].join('\n') + '\n');
  const r = await cli(['analyze', abs, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'abs')]);
  assert.equal(r.code, 0, r.stderr);
  const warn = r.stdout.split('\n').find((l) => /WARN +protocol:/.test(l))!;
  assert.match(warn, /every row under current reads > 0\), but it goes below 0 V under current \(to -0\.150 V\): the file writes \|I\| without its sign\? give its direction from a label column, --map "sign=COLUMN:LABEL\+,LABEL-\[,LABEL0\]"/);
  assert.doesNotMatch(warn, /@-mA|fullcell fits it/);
});

// audit70b: a spreadsheet saves a date-time in its display format, without seconds (`03.11.2026 09:01`): read as the only
// time column, runs of rows shared one time and the charges integrated over minutes without a word (CE 1.0000 for 0.9867)
test('a date-time column without its seconds: a time-resolution warning naming the column, the step and the charge it puts in doubt; the same file with seconds has none (audit70b)', async () => {
  const [, ...rows] = readFileSync(FILE, 'utf8').trim().split('\n');
  const t0 = Date.UTC(2026, 10, 3, 9, 0, 0);
  const stamp = (s: number, sec: boolean) => { const d = new Date(t0 + s * 1000); const p = (x: number) => String(x).padStart(2, '0'); return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}${sec ? `:${p(d.getUTCSeconds())}` : ''}`; };
  const write = (sec: boolean) => {
    const f = join(tmp, sec ? 'seconds.csv' : 'minutes.csv');
    writeFileSync(f, ['Date;Voltage/V;Current/mA', ...rows.map((l) => { const c = l.split(','); return `${stamp(Number(c[0]), sec)};${c[1]!.replace('.', ',')};${String(-Number(c[2])).replace('.', ',')}`; })].join('\n') + '\n');
    return f;
  };
  const map = 'time=Date,voltage=Voltage/V,current=Current/mA';
  const r = await cli(['analyze', write(false), '--protocol', 'licu', '--map', map, '--no-figures', '--out', join(tmp, 'min')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /WARN +time resolution: \d+ of \d+ rows under current repeat the time of the row before: the time column, date-time Date minus its first value, steps by 60 s at the finest .*each half cycle's uncertain by up to about 0\.0094 mAh \(the median \|I\|, 0\.565 mA, for 60 s\)/);
  const r2 = await cli(['analyze', write(true), '--protocol', 'licu', '--map', map, '--no-figures', '--out', join(tmp, 'sec')]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.doesNotMatch(r2.stdout, /time resolution/);
  assert.match(r2.stdout, /mean CE 0\.9567 over 3 cycles/);
});

// audit70b: a summary block pasted under the data was refused by its field count alone (`1 field(s), expected at least 4
// (truncated or malformed line)`), without the line's text or what to do
test('a line of text below the data (a summary block): the refusal names the line, its text and the fix (audit70b)', async () => {
  const f = join(tmp, 'summary.csv');
  writeFileSync(f, readFileSync(FILE, 'utf8') + '\nSummary\nCycle,Charge capacity (mAh),Discharge capacity (mAh)\n1,0.5,0.5\n');
  const r = await cli(['analyze', f, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'summary')]);
  assert.equal(r.code, 2);
  const line = readFileSync(FILE, 'utf8').trim().split('\n').length + 2;
  assert.match(r.stderr, new RegExp(`summary\\.csv:${line}: 1 field\\(s\\), expected at least 4 \\(truncated or malformed line\\): "Summary" holds no number, a line of text below 1246 data rows \\(a summary block or notes under the data\\?\\): remove it and the lines after it`));
});

// mends70 (audit70b left it): a summary line under the data that holds numbers (`1,0.5,0.5`, fewer fields than a row)
// kept the plain `3 field(s), expected at least 4 (truncated or malformed line)`. Told apart from a row cut short: it
// ends in a line break (a row the file's end cut has none) and no whole data row follows it; then its text is quoted
// and it is named a line below the data. A file cut in its last row keeps the truncated-line words
test('a line of numbers below the data (a summary block) is named with its text and the fix; a row cut by the file\'s end stays a truncated line (mends70)', async () => {
  const data = readFileSync(FILE, 'utf8').replace(/\n*$/, '\n');
  const rows = data.trim().split('\n').length;
  const f = join(tmp, 'summary-numbers.csv');
  writeFileSync(f, data + '1,0.5,0.5\n2,0.5,0.49\n');
  const r = await cli(['analyze', f, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'summary-numbers')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`summary-numbers\\.csv:${rows + 1}: 3 field\\(s\\), expected at least 4 \\(truncated or malformed line\\): "1,0\\.5,0\\.5" is a whole line \\(it ends in a line break, which a row cut short by the file's end lacks, and no whole data row follows it\\) below ${rows - 1} data rows: a summary block under the data\\? remove it and the lines after it`));
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  // the same numbers cut by the file's end (no line break after them): a row cut short, dropped and said, as before
  const g = join(tmp, 'cut-numbers.csv');
  writeFileSync(g, data + '1,0.5,0.5');
  const c = await cli(['analyze', g, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'cut-numbers')]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, new RegExp(`REPAIRED +last line: line ${rows + 1} is cut short \\(file still being written\\?\\): dropped \\(3 field\\(s\\), expected at least 4 \\(truncated or malformed line\\)\\)`));
  assert.doesNotMatch(c.stdout + c.stderr, /summary/);
  // a short line with whole data rows after it is a malformed row among the data, not a summary
  const h = join(tmp, 'mid-numbers.csv');
  const lines = data.trim().split('\n');
  writeFileSync(h, [...lines.slice(0, 100), '1,0.5,0.5', ...lines.slice(100)].join('\n') + '\n');
  const m = await cli(['analyze', h, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'mid-numbers')]);
  assert.equal(m.code, 2);
  assert.doesNotMatch(m.stderr, /summary/);
  assert.match(m.stderr, /mid-numbers\.csv:101: 3 field\(s\), expected at least 4 \(truncated or malformed line\)/);
});

// audit70b: the printed report said which direction is a plating nowhere (report.json's `conventions` only; the sign
// check of a file without labels said "taken as written (> 0 charges)")
test('the printed report says which current sign it reads as a plating, and that it was reversed where --map reversed it; not for fullcell (audit70b)', async () => {
  const run = async (args: string[]) => { const r = await cli(['analyze', FILE, ...args, '--no-figures', '--out', join(tmp, `sign-${Math.random().toString(36).slice(2)}`)]); assert.equal(r.code, 0, r.stderr); return r.stdout; };
  const licu = await run(['--protocol', 'licu', '--format', 'bdf', '--map', 'current=Current / mA@-mA']);
  assert.match(licu, /\nsign {6}current < 0 plates metal onto the working electrode \(a discharge of the cell\), > 0 strips it \(this file's current read reversed: --map @-UNIT\); each row's direction as the current sign check says\n/);
  assert.match(await run(['--protocol', 'symmetric']), /\nsign {6}current < 0 plates metal onto the working electrode \(and strips the counter electrode\), > 0 strips it; each row's/);
  assert.doesNotMatch(await run(['--protocol', 'fullcell']), /\nsign {6}/);
});

// audit70b: the same reversed sign under --protocol aurbach was refused as `got "N step(s), the last plating"`, nothing
// said of the sign
test('aurbach on a file that signs its platings > 0: the refusal adds the reversed sign and the --map that reads it (audit70b)', async () => {
  const f = join(tmp, 'aurbach-rev.csv');
  // reservoir 0.565 mAh, one cycle of 0.1 mAh, a final strip to the cut-off: the constructed file's first plating and
  // strip rewritten (plating > 0)
  const rows = ['Test Time / s,Voltage / V,Current / mA'];
  let t = 0;
  const add = (n: number, v: (j: number) => number, i: number) => { for (let j = 0; j < n; j++) { rows.push(`${t},${v(j)},${i}`); t += 60; } };
  add(3, () => 2.9, 0);
  add(61, (j) => (j === 1 ? -0.1 : -0.03), 0.565);
  add(11, () => 0.03, -0.565);
  add(11, () => -0.03, 0.565);
  add(41, (j) => (j < 35 ? 0.03 : 0.03 + 0.08 * (j - 34)), -0.565);
  writeFileSync(f, rows.join('\n') + '\n');
  const r = await cli(['analyze', f, '--protocol', 'aurbach', '--no-figures', '--out', join(tmp, 'aurbach-rev')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /protocol aurbach: got "\d+ step\(s\), the last plating", expected .*the file signs a plating onto the working electrode > 0, .*read it reversed with --format bdf --map "current=Current \/ mA@-mA"/);
  const ok = await cli(['analyze', f, '--protocol', 'aurbach', '--format', 'bdf', '--map', 'current=Current / mA@-mA', '--no-figures', '--out', join(tmp, 'aurbach-ok')]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /average CE \(Aurbach\/Adams\)/);
});

// audit70b: a current in A written under a "mA" name reads 1000x small; the area check's density warning asked about the
// area alone ("is the area right (mm2, not cm2)?")
test('a current density 1000x off that the current\'s unit explains: the area warning asks about the unit too, with the density it would give (audit70b)', async () => {
  const [head, ...rows] = readFileSync(FILE, 'utf8').trim().split('\n');
  const f = join(tmp, 'amps-as-mA.csv');
  writeFileSync(f, [head, ...rows.map((l) => { const c = l.split(','); c[2] = String(-Number(c[2]) / 1000); return c.join(','); })].join('\n') + '\n');
  const r = await cli(['analyze', f, '--protocol', 'licu', '--area', '1.13', 'cm2', '--no-figures', '--out', join(tmp, 'amps')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /WARN +area: .* is 0\.0005 mA\/cm2: below .*; or is the current's unit right\? "Current \/ mA" is read in mA: a current in A written under it reads 1000x too small, and at 1000x it is 0\.5 mA\/cm2 \(--map current=Current \/ mA@UNIT reads it in another unit\)/);
});

// review70b: mends70's "no whole data row follows it" looked only at the rest of the reader's batch (a 256 KB read,
// src/cycler/lines.ts): a short line that happened to end a batch, with thousands of whole rows after it, was named a
// summary block under the data. The line after it is now read from the next batch
test('a short line that ends one of the reader\'s 256 KB reads, whole rows after it, is no summary block (review70b)', async () => {
  const lines = licuRestLines(40); // 14161 lines, 382 KB
  const READ = 1 << 18; // lines.ts's highWaterMark: the first batch ends at the last line break within it
  let k = 0, bytes = 0;
  while (bytes + lines[k]!.length + 1 <= READ - 40) bytes += lines[k++]!.length + 1;
  const short = '1,0.5,0.' + '5'.padEnd(READ - bytes - '1,0.5,0.'.length - 1, '0'); // its line break is the read's last byte
  const text = [...lines.slice(0, k), short, ...lines.slice(k)].join('\n') + '\n';
  assert.equal(Buffer.byteLength(text.slice(0, text.indexOf(short) + short.length + 1)), READ);
  const f = join(tmp, 'short-at-read-end.csv');
  writeFileSync(f, text);
  const r = await cli(['analyze', f, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'short-at-read-end')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`short-at-read-end\\.csv:${k + 1}: 3 field\\(s\\), expected at least 4 \\(truncated or malformed line\\)\\n`), r.stderr);
  assert.doesNotMatch(r.stderr, /summary|no whole data row follows/, r.stderr);
  // the file's last line (a batch's last, nothing after it): still named a summary block under the data
  const g = join(tmp, 'short-last.csv');
  writeFileSync(g, [...lines.slice(0, 400), '1,0.5,0.5'].join('\n') + '\n');
  const e = await cli(['analyze', g, '--protocol', 'licu', '--no-figures', '--out', join(tmp, 'short-last')]);
  assert.equal(e.code, 2, e.stderr);
  assert.match(e.stderr, /short-last\.csv:401: 3 field\(s\), expected at least 4 \(truncated or malformed line\): "1,0\.5,0\.5" is a whole line .* below 399 data rows: a summary block under the data\? remove it/, e.stderr);
});
