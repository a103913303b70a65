/**
 * Every real export in ../shared/data/cycler imports with the right number of rows, cycles and
 * units, counted independently from the raw text; .mpt files are built from the documented
 * layout in all its variants; malformed input gives a FileError naming file and line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCycler, openCycler } from '../src/cycler/read.js';
import { writeBdf } from '../src/cycler/bdf.js';
import { symmetricTrace, writeMpt, type MptVariant } from '../src/cycler/synthetic.js';
import { countCycles, halfCycles } from '../src/analysis/segments.js';
import { traceOf } from '../src/analysis/report.js';
import { FileError } from '../src/errors.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-formats');

const D = '../shared/data/cycler';
const P = (f: string) => path.join(D, f);
const rawLines = (f: string) => fs.readFileSync(P(f), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-cycler-'));

test('Neware flat: rows, cycles from its own Cycle Index, time from hh:mm:ss, A and Ah', async () => {
  const lines = rawLines('neware_uio.csv');
  const head = lines[0]!.split(',');
  const data = lines.slice(1).map((l) => l.split(','));
  const t = await readCycler(P('neware_uio.csv'));
  assert.equal(t.format, 'neware');
  assert.equal(t.rows, data.length);
  const ci = head.indexOf('Cycle Index');
  assert.equal(countCycles(traceOf(t)), new Set(data.map((r) => r[ci])).size);
  assert.equal(countCycles(traceOf(t)), 4);
  // last row: Cumulative Time 144:02:18 -> seconds; Current(A) as is
  const last = data[data.length - 1]!;
  assert.equal(last[head.indexOf('Cumulative Time')], '144:02:18');
  assert.equal(t.columns.test_time_second![t.rows - 1], 144 * 3600 + 2 * 60 + 18);
  assert.equal(t.columns.current_ampere![t.rows - 1], Number(last[head.indexOf('Current(A)')]));
  assert.equal(t.columns.voltage_volt![t.rows - 1], Number(last[head.indexOf('Voltage(V)')]));
  // units and sign: integrated |I| dt per cycle and direction equals the cycler's own Chg./DChg. capacities
  const segs = halfCycles(traceOf(t));
  const chg = new Map<number, number>(), dchg = new Map<number, number>();
  for (const s of segs) (s.sign > 0 ? chg : dchg).set(s.cycle, ((s.sign > 0 ? chg : dchg).get(s.cycle) ?? 0) + s.charge_Ah);
  const iC = head.indexOf('Chg. Cap.(Ah)'), iD = head.indexOf('DChg. Cap.(Ah)'), iS = head.indexOf('Step Index');
  const fileC = new Map<number, number>(), fileD = new Map<number, number>();
  const stepMaxC = new Map<string, number>(), stepMaxD = new Map<string, number>();
  for (const r of data) {
    const key = `${r[ci]}/${r[iS]}`;
    stepMaxC.set(key, Math.max(stepMaxC.get(key) ?? 0, Number(r[iC])));
    stepMaxD.set(key, Math.max(stepMaxD.get(key) ?? 0, Number(r[iD])));
  }
  for (const [k, v] of stepMaxC) { const c = Number(k.split('/')[0]); fileC.set(c, (fileC.get(c) ?? 0) + v); }
  for (const [k, v] of stepMaxD) { const c = Number(k.split('/')[0]); fileD.set(c, (fileD.get(c) ?? 0) + v); }
  for (const c of [1, 2, 3, 4]) {
    assert.ok(Math.abs(chg.get(c)! - fileC.get(c)!) < 1e-3 * fileC.get(c)!, `charge cycle ${c}: ${chg.get(c)} vs ${fileC.get(c)}`);
    assert.ok(Math.abs(dchg.get(c)! - fileD.get(c)!) < 1e-3 * fileD.get(c)!, `discharge cycle ${c}: ${dchg.get(c)} vs ${fileD.get(c)}`);
  }
});

test('Neware three-level: records, cycles from cycle rows, steps from step rows', async () => {
  const lines = rawLines('nw_regular_export_ife_example.csv');
  const records = lines.slice(3).filter((l) => l.startsWith(',,'));
  const cycleRows = lines.slice(3).filter((l) => /^\d/.test(l));
  const t = await readCycler(P('nw_regular_export_ife_example.csv'));
  assert.equal(t.format, 'neware3');
  assert.equal(t.rows, records.length);
  assert.equal(t.rows, 9295);
  assert.equal(countCycles(traceOf(t)), cycleRows.length);
  assert.equal(countCycles(traceOf(t)), 20);
  // the first step row is glued to the first cycle row: step 1 (Rest) still applies to the first records
  assert.equal(t.columns.step_index![0], 1);
  assert.equal(t.columns.cycle_count![t.rows - 1], 20);
  const last = records[records.length - 1]!.split(',');
  assert.equal(last[4], '27:55:43'); // Total Time
  assert.equal(t.columns.test_time_second![t.rows - 1], 27 * 3600 + 55 * 60 + 43);
  assert.equal(t.columns.voltage_volt![t.rows - 1], Number(last[6]));
  // current in A: CC Chg/DChg at +-0.5 A, sign follows the step type
  let maxI = 0, minI = 0;
  for (const v of t.columns.current_ampere!) { maxI = Math.max(maxI, v); minI = Math.min(minI, v); }
  assert.equal(maxI, 0.5);
  assert.equal(minI, -0.5);
});

// polish65 (cycfile65 left it): the three-level layout's only capacity column is the step's (Capacity(Ah), no charge /
// discharge split), so its integrated current was never checked against it; its step rows' Step Type splits it (a CC Chg
// step's capacity is charge, a CC DChg step's discharge), and the check reads it as it reads a flat Neware file's two
test('Neware three-level: the current is checked against the step Capacity(Ah) split by Step Type; a current 10 % low takes the capacities (polish65)', async () => {
  const { analyzeFile } = await import('../src/analysis/report.js');
  const cap = (r: { checks: { name: string; status: string; detail: string }[] }) => r.checks.find((c) => c.name === 'capacity');
  const real = (await analyzeFile(P('nw_regular_export_ife_example.csv'), { protocol: 'fullcell' })).report;
  assert.equal(cap(real)?.status, 'ok', JSON.stringify(real.checks));
  assert.match(cap(real)!.detail, /\("Capacity\(Ah\)"\) split into charge and discharge by its "Step Type" labels within 1 % on all \d+ half cycles/);
  // the same file with every record's current 10 % low (Current(A), the 6th field of a record row)
  const low = path.join(tmp, 'nw3-current-low.csv');
  fs.writeFileSync(low, fs.readFileSync(P('nw_regular_export_ife_example.csv'), 'utf8').split('\n')
    .map((l) => { if (!l.startsWith(',,') || !/^\d/.test(l.slice(2))) return l; const f = l.split(','); f[5] = String(Number(f[5]) * 0.9); return f.join(','); }).join('\n'));
  const r = (await analyzeFile(low, { protocol: 'fullcell' })).report;
  assert.equal(cap(r)?.status, 'repaired', JSON.stringify(r.checks));
  assert.match(cap(r)!.detail, /-10\.\d %/);
  const q = (x: typeof r) => (x as unknown as { fullcell: { cycles: { charge_mAh: number; discharge_mAh: number }[] } }).fullcell.cycles[0]!;
  // the charges are the step capacities' (the real file's integral is within 0.3 % of them), not 10 % low
  for (const k of ['charge_mAh', 'discharge_mAh'] as const) assert.ok(Math.abs(q(r)[k] / q(real)[k] - 1) < 0.005, `${k}: ${q(r)[k]} against ${q(real)[k]}`);
});

test('Arbin CSV (BEEP test files): rows, cycle column, units', async () => {
  for (const [f, cyc] of [['2017-05-09_test-TC-contact_CH33.csv', null], ['FastCharge_000025_CH8.csv', 1]] as const) {
    const lines = rawLines(f);
    const head = lines[0]!.split(',');
    const data = lines.slice(1).map((l) => l.split(','));
    const t = await readCycler(P(f));
    assert.equal(t.format, 'arbin', f);
    assert.equal(t.rows, data.length, f);
    const ci = head.indexOf('Cycle_Index');
    const fileCycles = new Set(data.map((r) => r[ci]).filter((x) => x !== ''));
    if (cyc === null) {
      // its sidecar _Metadata.csv is read into meta
      assert.equal(t.meta.Schedule_File_Name, '20170509-6C_1C_36CV.sdu');
      assert.equal(fileCycles.size, 0); // this export leaves Cycle_Index empty
      assert.equal(t.columns.cycle_count, undefined);
    } else {
      assert.equal(fileCycles.size, cyc);
      assert.equal(new Set(Array.from(t.columns.cycle_count!)).size, cyc, 'the cycle column as read');
      // a file at rest throughout (FastCharge_000025_CH8.csv) has no cycle, whatever its cycle column numbers
      const rest = data.every((r) => Number(r[head.indexOf('Current')]) === 0);
      assert.equal(countCycles(traceOf(t)), rest ? 0 : cyc);
    }
    const k = Math.floor(data.length / 2);
    assert.equal(t.columns.voltage_volt![k], Number(data[k]![head.indexOf('Voltage')]));
    assert.equal(t.columns.current_ampere![k], Number(data[k]![head.indexOf('Current')]));
    assert.equal(t.columns.test_time_second![k], Number(data[k]![head.indexOf('Test_Time')]));
    assert.equal(t.columns.charging_capacity_ah![k], Number(data[k]![head.indexOf('Charge_Capacity')]));
  }
});

test('Landt raw export and its BDF: same rows, cycles, units', async () => {
  const raw = rawLines('SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv');
  const hi = raw.findIndex((l) => l.startsWith('channel_index,'));
  assert.equal(hi, 6);
  const data = raw.slice(hi + 1).map((l) => l.split(','));
  const t = await readCycler(P('SINTEF__LiGrR2032__Landt.RAW_HEAD2000.csv'));
  assert.equal(t.format, 'landt');
  assert.equal(t.rows, data.length);
  assert.equal(new Set(Array.from(t.columns.cycle_count!)).size, new Set(data.map((r) => r[1])).size, 'the cycle column as read');
  // these first 2000 lines are all rest: no cycle, whatever the cycle column numbers
  const ii = raw[hi]!.split(',').findIndex((c) => /current/i.test(c));
  assert.ok(ii >= 0 && data.every((r) => Number(r[ii]) === 0), 'all rest');
  assert.equal(countCycles(traceOf(t)), 0);
  const bdfLines = rawLines('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
  const b = await readCycler(P('SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv'));
  assert.equal(b.format, 'bdf');
  assert.equal(b.rows, bdfLines.length - 1);
  // the BDF file is the same cell: its first rows equal the raw Landt rows
  for (let k = 0; k < t.rows; k++) {
    assert.equal(b.columns.test_time_second![k], t.columns.test_time_second![k]);
    assert.equal(b.columns.voltage_volt![k], t.columns.voltage_volt![k]);
    assert.equal(b.columns.current_ampere![k], t.columns.current_ampere![k]);
  }
  // no cycle column in the BDF file: cycles derived from current sign (discharge, charge, discharge -> 2)
  assert.equal(b.columns.cycle_count, undefined);
  const signs: number[] = [];
  for (const l of bdfLines.slice(1)) {
    const s = Math.sign(Number(l.split(',')[2]));
    if (s !== 0 && s !== signs[signs.length - 1]) signs.push(s);
  }
  assert.deepEqual(signs, [-1, 1, -1]);
  assert.equal(countCycles(traceOf(b)), signs.filter((s) => s === signs[0]).length);
});

test('BioLogic .mpt variants from the documented layout: latin-1, decimal commas, N = 3, column-name variants', async () => {
  const tr = symmetricTrace({ cycles: 4, halfCycle_s: 1800, dt_s: 30, current_A: 1.13e-3, plateau: () => 0.025, dip_V: 0.03, rest_s: 60 });
  const variants = [
    { decimalComma: true },
    { headerless: true, voltageName: 'Ecell/V', currentName: '<I>/mA', chargeName: '(Q-Qo)/C', crlf: true },
    { magic: 'BT-Lab ASCII FILE', voltageName: '<Ewe>/V', decimalComma: true, area_cm2: 2.01 },
    { decimalComma: false, crlf: true },
  ] as MptVariant[];
  for (const [i, v] of variants.entries()) {
    const f = path.join(tmp, `v${i}.mpt`);
    writeMpt(f, tr, v);
    const bytes = fs.readFileSync(f);
    if (!v.headerless) assert.ok(bytes.includes(0xb2), 'latin-1 superscript two in the header'); // "cm²"
    const text = bytes.toString('latin1').split(/\r?\n/);
    const N = Number(/Nb header lines : (\d+)/.exec(text[1]!)![1]);
    if (v.headerless) assert.equal(N, 3);
    const names = text[N - 1]!.split('\t');
    const rows = text.slice(N).filter((l) => l.trim() !== '').map((l) => l.split('\t'));
    const t = await readCycler(f);
    assert.equal(t.format, 'mpt');
    assert.equal(t.encoding, v.headerless ? 'utf8' : 'latin1');
    assert.equal(t.rows, rows.length, `variant ${i}`);
    const cn = names.indexOf('cycle number');
    assert.equal(countCycles(traceOf(t)), new Set(rows.map((r) => r[cn])).size);
    assert.equal(countCycles(traceOf(t)), 4);
    // units: I/mA -> A, (Q-Qo) in mA.h or C -> Ah, decimal commas
    const k = 100;
    const I_mA = Number(rows[k]![names.indexOf(v.currentName ?? 'I/mA')]!.replace(',', '.'));
    assert.ok(Math.abs(t.columns.current_ampere![k]! - I_mA / 1000) < 1e-15);
    assert.ok(Math.abs(t.columns.voltage_volt![k]! - tr.voltage_V[k]!) < 1e-8);
    const qi = names.indexOf(v.chargeName ?? '(Q-Qo)/mA.h');
    const q = Number(rows[k]![qi]!.replace(',', '.'));
    const qAh = (v.chargeName ?? '(Q-Qo)/mA.h') === '(Q-Qo)/C' ? q / 3600 : q / 1000;
    assert.ok(Math.abs(t.columns.net_capacity_ah![k]! - qAh) < 1e-12);
    if (!v.headerless) assert.equal(t.meta.electrode_area_cm2, v.area_cm2 ?? 1.13);
  }
});

test('.mpt: rows of EC-Lab\'s mode 3 are rest, whatever few uA of offset or noise they read (review46)', async () => {
  // a Li||Cu test at 0.5 mA, each minute: 10 min rests reading +-4 uA, 1 h platings, strips of 54 min; no Ns column
  // (an export of chosen columns). Here the rests' charge was added to the platings (0.4959 mAh for 0.4917); with
  // random noise a 4-cycle file read 15 "cycles" of rest noise and a mean CE of 22180
  const lines = ['EC-Lab ASCII FILE', 'Nb header lines : 4', '', 'mode\ttime/s\tEwe/V\tI/mA\tcycle number\t'];
  let t = 0, k = 0;
  const row = (mode: number, v: number, i: number, c: number) => { lines.push(`${mode}\t${t}\t${v}\t${i}\t${c}\t`); t += 60; };
  for (let c = 0; c < 3; c++) {
    for (let j = 0; j < 10; j++) row(3, 0.5, (k++ % 2 ? 0.004 : -0.004), c);
    for (let j = 0; j < 60; j++) row(1, -0.03, -0.5, c);
    for (let j = 0; j < 10; j++) row(3, 0, (k++ % 2 ? 0.004 : -0.004), c);
    for (let j = 0; j < 54; j++) row(1, 0.03, 0.5, c);
  }
  const f = path.join(tmp, 'rest-noise.mpt');
  fs.writeFileSync(f, lines.join('\r\n') + '\r\n', 'latin1');
  const { analyzeFile } = await import('../src/analysis/report.js');
  const r = (await analyzeFile(f, { protocol: 'licu' })).report;
  // trapezoid over each half's samples: 59 and 53 minutes at 0.5 mA
  const plated = 0.5 * 59 / 60, stripped = 0.5 * 53 / 60;
  assert.equal(r.licu!.cycles.length, 3);
  for (const c of r.licu!.cycles) {
    assert.ok(Math.abs(c.plated_mAh - plated) < 1e-9, `plated ${c.plated_mAh}`);
    assert.ok(Math.abs(c.stripped_mAh - stripped) < 1e-9, `stripped ${c.stripped_mAh}`);
  }
});

test('a capacity column per gram ("Chg. Cap.(mAh/g)") is left unread and named; the file is read from its current (review46)', async () => {
  // a Neware export set to show specific capacities: the whole file was refused, `column "Chg. Cap.(mAh/g)" has unit
  // "mAh/g", which is not a capacity`
  const lines = rawLines('neware_uio.csv').slice(0, 301);
  const head = lines[0]!.split(',');
  const keep = ['Cycle Index', 'Step Index', 'Step Type', 'Cumulative Time', 'Current(A)', 'Voltage(V)', 'Chg. Spec. Cap.(mAh/g)', 'DChg. Spec. Cap.(mAh/g)'].map((k) => head.indexOf(k));
  const text = lines.map((l, i) => keep.map((k) => l.split(',')[k]!).join(',').replace(i === 0 ? /Spec\. /g : /$^/, '')).join('\n') + '\n';
  assert.match(text, /^Cycle Index,Step Index,Step Type,Cumulative Time,Current\(A\),Voltage\(V\),Chg\. Cap\.\(mAh\/g\),DChg\. Cap\.\(mAh\/g\)\n/);
  const f = path.join(tmp, 'specific.csv');
  fs.writeFileSync(f, text);
  const t = await readCycler(f);
  assert.equal(t.rows, 300);
  assert.equal(t.columns.charging_capacity_ah, undefined);
  assert.equal(t.meta.columns_not_read, '"Chg. Cap.(mAh/g)" (mAh/g: not a capacity), "DChg. Cap.(mAh/g)" (mAh/g: not a capacity)');
  // a current per area is still refused: left unread, the file would read as an open-circuit recording
  fs.writeFileSync(path.join(tmp, 'per-area.csv'), text.replace('Current(A)', 'Current(mA/cm2)'));
  await assert.rejects(readCycler(path.join(tmp, 'per-area.csv')), /column "Current\(mA\/cm2\)" has unit "mA\/cm2", which is not a current/);
});

test('convert --to bdf round trip keeps every value (to 12 digits)', async () => {
  for (const f of [P('nw_regular_export_ife_example.csv'), P('2017-05-09_test-TC-contact_CH33.csv')]) {
    const src = await openCycler(f);
    const out = path.join(tmp, path.basename(f) + '.bdf.csv');
    const ws = fs.createWriteStream(out);
    const r = await writeBdf(src, ws);
    await new Promise<void>((res) => ws.end(res));
    const a = await readCycler(f);
    const b = await readCycler(out);
    assert.equal(b.format, 'bdf');
    assert.equal(b.rows, a.rows);
    assert.equal(r.rows, a.rows);
    for (const [k, col] of Object.entries(a.columns)) {
      const bc = b.columns[k as keyof typeof b.columns]!;
      assert.ok(bc, `column ${k} survives`);
      for (let i = 0; i < a.rows; i++) assert.ok(Math.abs(bc[i]! - col[i]!) <= 1e-11 * Math.max(1, Math.abs(col[i]!)), `${k}[${i}]`);
    }
  }
});

async function rejects(text: string | Buffer, re: RegExp, line?: number, name = 'bad.csv') {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  await assert.rejects(readCycler(f), (e: unknown) => {
    assert.ok(e instanceof FileError, `FileError, got ${String(e)}`);
    assert.match(e.message, re);
    assert.ok(e.message.includes(f), 'names the file');
    if (line !== undefined) assert.equal(e.line, line);
    return true;
  });
}

test('malformed input: a FileError naming file and line', async () => {
  const nw = fs.readFileSync(P('neware_uio.csv'), 'utf8').split('\n').slice(0, 50);
  await rejects('', /empty/, 1);
  await rejects('\n\n  \n', /empty/);
  await rejects(nw[0]! + '\n', /no data rows/, 2); // header only
  // a line cut inside the row with more lines after it is an error (a cut last line is dropped: see cycler-v2)
  await rejects(nw.slice(0, 20).join('\n') + '\n' + nw[20]!.slice(0, 30) + '\n' + nw[21]! + '\n', /field/, 21);
  // non-numeric cell
  const bad = nw.slice(0, 30); bad[12] = bad[12]!.replace(/,2\.9\d+,/, ',2.9x1,');
  await rejects(bad.join('\n'), /not a number/, 13);
  // unknown columns: no voltage
  await rejects('Cycle Index,Step Type,Time,Current(A),Volts\n1,Rest,00:00:00,0,3.1\n', /no voltage_volt column/, 1);
  await rejects('foo,bar\n1,2\n', /unknown cycler layout/, 1);
  // NUL bytes (UTF-16 with its byte-order mark is read since cli66: the next test)
  await rejects(Buffer.from(nw.slice(0, 5).join('\n') + '\n\u0000\u0000', 'latin1'), /NUL/, 6);
  // wrong unit in a header
  await rejects('DataPoint,Cycle Index,Step Type,Total Time,Current(V),Voltage(V)\n1,1,Rest,00:00:00,0,3\n', /unit "V"/, 1);
  // .mpt: bad header count, header count beyond the end
  await rejects('EC-Lab ASCII FILE\nNb header lines : x\n', /Nb header lines/, 2, 'bad.mpt');
  await rejects('EC-Lab ASCII FILE\nNb header lines : 40\n\nfoo\n', /truncated/, undefined, 'bad2.mpt');
  // a missing file
  await assert.rejects(readCycler(path.join(tmp, 'nope.csv')), FileError);
});

test('a cycler\'s own binary file (.mpr, .mps, .nda, .ndax, Arbin .res) is named, with the text export that is read (review70)', async () => {
  // each was refused as "contains NUL bytes: binary or UTF-16 data, not a text export (wrong encoding?)", the .ndax (a zip)
  // as "unknown cycler layout (first line: "PK...")": neither said what the file is nor which export to give instead
  const nul = Buffer.alloc(40);
  const mpr = Buffer.concat([Buffer.from('BIO-LOGIC MODULAR FILE\x1a' + ' '.repeat(25), 'latin1'), nul]);
  await rejects(mpr, /is a BioLogic EC-Lab\/BT-Lab binary file \(\.mpr\), which is not read .*export it as text .*\.mpt/, undefined, 'cell.mpr');
  await rejects('EC-LAB SETTING FILE\r\n\r\nNumber of linked techniques : 1\r\n', /is the settings file of an EC-Lab\/BT-Lab experiment \(\.mps\), which holds no data/, undefined, 'cell.mps');
  await rejects(Buffer.concat([Buffer.from('NEWARE', 'latin1'), nul]), /is a Neware BTS binary file \(\.nda\), which is not read: export it from Neware BTSDA as CSV or \.xlsx/, undefined, 'cell.nda');
  await rejects(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), nul]), /is a Neware BTS binary file \(\.ndax\)/, undefined, 'cell.ndax');
  const jet = Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.from('Standard Jet DB', 'latin1'), nul]);
  await rejects(jet, /is a Microsoft Access database \(an Arbin \.res raw data file.*export the test from Arbin's Data Watcher or MITS Pro as CSV/, undefined, 'cell.res');
  // by their bytes, not their names: the same .mpr renamed is named so; other binary data keeps its message
  await rejects(mpr, /BioLogic EC-Lab\/BT-Lab binary file/, undefined, 'renamed.csv');
  await rejects(Buffer.concat([Buffer.from('XYZ', 'latin1'), nul]), /contains NUL bytes/, 1, 'other.bin');
});

test('cli66: a UTF-16 export with its byte-order mark (little- or big-endian, Excel\'s "Unicode Text" tab-separated) reads as its UTF-8 copy', async () => {
  // it was refused, `is UTF-16 encoded; export it as UTF-8, GB18030 (GBK) or latin-1 text`, though the mark says the encoding
  const text = fs.readFileSync(P('neware_uio.csv'), 'utf8').split('\n').slice(0, 400).join('\n') + '\n';
  const f8 = path.join(tmp, 'u8.csv');
  fs.writeFileSync(f8, text);
  const ref = await readCycler(f8);
  const be = (s: string) => { const b = Buffer.from(s, 'utf16le'); for (let i = 0; i + 1 < b.length; i += 2) { const x = b[i]!; b[i] = b[i + 1]!; b[i + 1] = x; } return b; };
  for (const [name, bytes, enc] of [
    ['u16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf16le'],
    ['u16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be(text.replace(/,/g, '\t'))]), 'utf16be'],
  ] as const) {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, bytes);
    const t = await readCycler(f);
    assert.equal(t.encoding, enc, name);
    assert.equal(t.rows, ref.rows, name);
    for (const c of ['test_time_second', 'voltage_volt', 'current_ampere', 'cycle_count'] as const) assert.deepEqual(Array.from(t.columns[c]!), Array.from(ref.columns[c]!), `${name} ${c}`);
  }
});

test('generic CSV with a column mapping and units', async () => {
  const f = path.join(tmp, 'generic.csv');
  fs.writeFileSync(f, 'Zeit (h);Spannung;Strom;Zyklus\n0;0,010;-1,0;1\n0,5;-0,020;-1,0;1\n1,0;0,020;1,0;2\n');
  const t = await readCycler(f, { format: 'generic', map: 'time=Zeit (h),voltage=Spannung@mV,current=Strom@mA,cycle=Zyklus' });
  assert.equal(t.rows, 3);
  assert.deepEqual(Array.from(t.columns.test_time_second!), [0, 1800, 3600]);
  assert.deepEqual(Array.from(t.columns.voltage_volt!), [1e-5, -2e-5, 2e-5]);
  assert.deepEqual(Array.from(t.columns.current_ampere!), [-1e-3, -1e-3, 1e-3]);
  assert.equal(countCycles(traceOf(t)), 2);
  await assert.rejects(readCycler(f, { format: 'generic', map: 'time=Zeit,voltage=Spannung,current=Strom' }), /no column named "Zeit"/);
  // cli66: a header split on the wrong delimiter (--delimiter ";" on a comma file, a forced --format mpt, tab) listed
  // "found: DataPoint,Cycle Index,...,Time,..." as one field beside "looked for ... time", not saying why
  const nwf = P('neware_uio.csv');
  await assert.rejects(readCycler(nwf, { delimiter: ';' }), (e: Error) => e instanceof FileError && /\(one field: the line is ","-separated, and was split on ";": leave --format and --delimiter out .* or give --delimiter ","\)/.test(e.message));
  await assert.rejects(readCycler(nwf, { format: 'mpt' }), (e: Error) => e instanceof FileError && /\(one field: the line is ","-separated, and was split on tab: /.test(e.message));
  // cli66: a voltage-capacity export mapped by its columns was told `generic header has no test_time_second column
  // (looked for test_time_second or names like: test_time_second) ... Use --format generic --map` after a --map
  const vq = path.join(tmp, 'vq.csv');
  fs.writeFileSync(vq, 'Capacity(mAh),Voltage(V)\n0.0,-0.05\n0.1,-0.03\n');
  await assert.rejects(readCycler(vq, { format: 'generic', map: 'voltage=Voltage(V),charge=Capacity(mAh)' }),
    (e: Error) => e instanceof FileError && /--map names no time column \(time=COLUMN\): analyze reads each row at its test time.*voltage against capacity alone.*cannot be read.*the file's columns: Capacity\(mAh\), Voltage\(V\)$/.test(e.message) && !/looked for/.test(e.message));
});

test('.mpt without the two magic lines (column names on line 1) and eta.csv with cycle columns', async () => {
  const tr = symmetricTrace({ cycles: 2, halfCycle_s: 600, dt_s: 30, current_A: 1e-3, plateau: () => 0.02 });
  const f = path.join(tmp, 'nomagic.mpt');
  writeMpt(f, tr, { headerless: true, decimalComma: true });
  const lines = fs.readFileSync(f, 'latin1').split('\n');
  fs.writeFileSync(f, lines.slice(2).join('\n'), 'latin1');
  const t = await readCycler(f);
  assert.equal(t.format, 'mpt');
  assert.equal(t.rows, lines.slice(3).filter((l) => l.trim() !== '').length);
  // eta.csv after the issue that adds cycle, half_cycle and cell voltage
  const e = path.join(tmp, 'eta2.csv');
  const rows = ['time_s,charge_C_per_cm2,overpotential_mV,cycle,half_cycle,cell_voltage_mV'];
  for (let k = 0; k < 40; k++) {
    const cyc = 1 + Math.floor(k / 20), plating = k % 20 < 10;
    rows.push(`${k},${k * 1e-3},${plating ? -15 : 15},${cyc},${plating ? 0 : 1},${plating ? -31 : 31}`);
  }
  fs.writeFileSync(e, rows.join('\n') + '\n');
  const s = await readCycler(e, { area_cm2: 2 });
  assert.equal(s.format, 'sacplate-eta');
  assert.equal(countCycles(traceOf(s)), 2);
  assert.equal(s.columns.voltage_volt![3], -0.015);
  assert.ok(Math.abs(s.columns.current_ampere![3]! + 2e-3) < 1e-15); // 1 mA/cm2 on 2 cm2, plating
  assert.ok(Math.abs(s.columns.current_ampere![13]! - 2e-3) < 1e-15);
});

// mends108 (review83's finding 6): EC-Lab's `ox/red` (1 oxidation, 0 reduction) was never read: an .mpt whose current
// column had its sign flipped (ox/red still 0 on the platings, Ewe still < 0 there) gave `current sign: no state/step
// labels or charge/discharge capacity columns to check it against` and was read as strips where it plates. ox/red now
// sets the current's sign as a Neware Step Type does (mode 3 stays rest), and the check names it
test('.mpt: EC-Lab\'s ox/red sets the current\'s sign: a file with its current column negated reads as the original, the check says it repaired it (review83)', async () => {
  const lines = (flip: boolean) => {
    const out = ['EC-Lab ASCII FILE', 'Nb header lines : 4', '', 'mode\tox/red\ttime/s\tEwe/V\t<I>/mA\tcycle number\t'];
    let t = 0;
    const row = (mode: number, ox: number, v: number, i: number, c: number) => { out.push(`${mode}\t${ox}\t${t}\t${v}\t${flip ? -i : i}\t${c}\t`); t += 60; };
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 5; j++) row(3, 0, 0, 0, c);
      for (let j = 0; j < 30; j++) row(1, 0, -0.03 - (j === 0 ? 0.02 : 0), -0.5, c);
      for (let j = 0; j < 30; j++) row(1, 1, 0.03 + 0.001 * j, 0.5, c);
    }
    return out.join('\r\n') + '\r\n';
  };
  const { analyzeFile } = await import('../src/analysis/report.js');
  const read = async (flip: boolean) => {
    const f = path.join(tmp, `oxred-${flip ? 'flipped' : 'as-written'}.mpt`);
    fs.writeFileSync(f, lines(flip), 'latin1');
    return (await analyzeFile(f, { protocol: 'symmetric' })).report;
  };
  const orig = await read(false), flip = await read(true);
  const sign = (r: typeof orig) => r.checks.find((c) => c.name === 'current sign')!;
  // the flipped file reads as the original: its platings are platings (negative, Ewe < 0), with the same plateaus
  assert.deepEqual(flip.symmetric!.half_cycles.map((h) => [h.sign, h.plateau_V]), orig.symmetric!.half_cycles.map((h) => [h.sign, h.plateau_V]));
  assert.deepEqual(flip.symmetric!.half_cycles, orig.symmetric!.half_cycles);
  assert.deepEqual(flip.symmetric!.cycles, orig.symmetric!.cycles);
  assert.ok(orig.symmetric!.nucleation, 'the original has a nucleation reading');
  assert.deepEqual(flip.symmetric!.nucleation, orig.symmetric!.nucleation);
  assert.deepEqual([sign(flip).status, sign(flip).detail], ['repaired', 'disagreed with "ox/red" on 180 of 180 labelled rows: the file\'s labels were followed']);
  assert.deepEqual([sign(orig).status, sign(orig).detail], ['ok', 'agrees with "ox/red" on all 180 labelled rows']);
});
