/**
 * EC-Lab exports cut or with a column named twice (robust63b; robust63's probes B10 and B11). The files are the
 * documented EC-Lab GCPL layout (test/helpers/cycler-files.ts, writeGcplMpt: tab separated, each row with a trailing tab
 * and a line break) and the first rows of a real BT-Lab CSV export (test/data/cycler), written to temporary files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gcplRows, writeGcplMpt, MPT_COLS } from './helpers/cycler-files.js';
import { tempFolder } from './helpers/tmp.js';
import { readCycler } from '../src/cycler/read.js';
import { analyzeFile, formatReport } from '../src/analysis/report.js';
import { FileError } from '../src/errors.js';

const dir = tempFolder('eclab-robust');
const gcpl = () => gcplRows([{ I_mA: 1, q_mAh: 0.1 }, { I_mA: -1, q_mAh: 0.1 }]);

test('EC-Lab .mpt cut inside the last row\'s last value, no line break after it: the row is dropped and said in the analysis\'s checks (it was read as a number, the value as cut)', async () => {
  const whole = join(dir, 'whole.mpt');
  writeGcplMpt(whole, gcpl());
  const text = readFileSync(whole, 'latin1');
  const lines = text.split('\n');
  assert.equal(lines.pop(), ''); // the export ends with a line break
  const n = lines.length;
  const last = lines[n - 1]!;
  // the last value is the cycle number, 1.000000000000000e+0 (written with a trailing tab): cut after "1.0000"
  const fields = last.split('\t');
  assert.equal(fields.length, MPT_COLS.length + 1);
  const cut = join(dir, 'cut.mpt');
  writeFileSync(cut, Buffer.from([...lines.slice(0, n - 1), [...fields.slice(0, -2), fields[fields.length - 2]!.slice(0, 6)].join('\t')].join('\n'), 'latin1'));
  const dataRows = n - 9; // 8 header lines (Nb header lines : 9 counts the column names)
  const t = await readCycler(cut);
  assert.equal(t.rows, dataRows - 1);
  assert.equal(t.checks.dropped_last_line?.line, n);
  assert.match(t.checks.dropped_last_line!.reason, /field\(s\) where the row before has/);
  const { report } = await analyzeFile(cut, { protocol: 'symmetric' });
  const c = report.checks.find((x) => x.name === 'last line');
  assert.ok(c, JSON.stringify(report.checks.map((x) => x.name)));
  assert.equal(c.status, 'repaired');
  assert.match(formatReport(report), new RegExp(`line ${n} is cut short`));
  // the export whole, with its line break: every row read, nothing said
  const w = await readCycler(whole);
  assert.equal(w.rows, dataRows);
  assert.equal(w.checks.dropped_last_line, undefined);
});

test('EC-Lab .mpt or BT-Lab CSV whose last row has no line break (EC-Lab ends every row with one): the row is dropped and said, whole-looking or not (a cut value is still a number)', async () => {
  // the .mpt without its rows' trailing tabs (as some versions write them): the cut cannot be seen in the fields
  const whole = join(dir, 'notab.mpt');
  writeGcplMpt(whole, gcpl());
  const lines = readFileSync(whole, 'latin1').split('\n').slice(0, -1).map((l, i) => (i >= 8 ? l.replace(/\t$/, '') : l));
  const n = lines.length;
  const f = join(dir, 'notab-cut.mpt');
  writeFileSync(f, Buffer.from([...lines.slice(0, n - 1), lines[n - 1]!.slice(0, -5)].join('\n'), 'latin1'));
  const t = await readCycler(f);
  assert.equal(t.rows, n - 9 - 1);
  assert.equal(t.checks.dropped_last_line?.line, n);
  assert.match(t.checks.dropped_last_line!.reason, /no line break after it/);
  // a real BT-Lab CSV export's first rows (its last field, cycle_index, is "1": a cut there leaves it whole)
  const real = readFileSync(resolve('test/data/cycler/btlab_loops_MB_CE1_head800.csv'), 'utf8').split('\n').slice(0, 41);
  const b = join(dir, 'btlab-cut.csv');
  writeFileSync(b, real.join('\n'));
  const bt = await readCycler(b);
  assert.equal(bt.format, 'btlab-csv');
  assert.equal(bt.rows, 39);
  assert.equal(bt.checks.dropped_last_line?.line, 41);
  writeFileSync(b, real.join('\n') + '\n');
  const bw = await readCycler(b);
  assert.equal(bw.rows, 40);
  assert.equal(bw.checks.dropped_last_line, undefined);
});

test('EC-Lab: a column read by the reader named twice in the header (I/mA renamed Ewe/V) is refused, naming the column and both positions (it read the first and took the file for an open-circuit recording)', async () => {
  const f = join(dir, 'twice.mpt');
  writeGcplMpt(f, gcpl());
  const text = readFileSync(f, 'latin1').replace('Ewe/V\tI/mA', 'Ewe/V\tEwe/V');
  writeFileSync(f, Buffer.from(text, 'latin1'));
  const col = (name: string) => MPT_COLS.indexOf(name) + 1;
  await assert.rejects(readCycler(f), (e: unknown) => {
    assert.ok(e instanceof FileError, String(e));
    assert.match(e.message, new RegExp(`:9: column "Ewe/V" is named twice in the header \\(columns ${col('Ewe/V')} and ${col('I/mA')}\\)`));
    return true;
  });
  // a column the reader does not read, named twice, is read as before
  const g = join(dir, 'twice-unread.mpt');
  writeFileSync(g, Buffer.from(readFileSync(f, 'latin1').replace('Ewe/V\tEwe/V', 'Ewe/V\tI/mA').replace('control changes\tNs changes', 'control changes\tcontrol changes'), 'latin1'));
  const t = await readCycler(g);
  assert.equal(t.rows > 0, true);
  assert.equal(t.checks.ocv_only, undefined);
});
