/**
 * Cycler tables in Parquet (BDF's binary form): `convert --to bdf -o x.parquet` writes them, and
 * `analyze`, `convert`, readCycler and the workbench's upload read them through the text reader's
 * own column binding. Real files (../shared/data/cycler): the SINTEF BDF CSV and a Neware export,
 * each converted to Parquet and analysed: the same report as the file it came from. A Parquet
 * written here with hyparquet-writer under BDF labels in other units, in several row groups; and a
 * cut-short file and one of unknown columns refused in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { lineOfRow, readCycler } from '../src/cycler/read.js';
import { symmetricTrace, writeMpt } from '../src/cycler/synthetic.js';
import { FileError } from '../src/errors.js';
import { cli } from './helpers/cli.js';
import { tempRoot } from './helpers/tmp.js';

// this file's temporary folders (mkdtempSync under tmpdir()) go under one removed when its tests have run (testtime26)
tempRoot('cycler-parquet');

const DATA = path.resolve('../shared/data/cycler');
const BDF_CSV = path.join(DATA, 'SINTEF__LiGrR2032__2024-04-30__25degC__Landt.bdf.csv');
const NEWARE = path.join(DATA, 'neware_uio.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-parquet-'));
const run = async (...args: string[]) => cli(args, { cwd: tmp });

/** analyze's report.json for a file, without what names the file and its container. */
async function report(file: string, protocol: string, out: string): Promise<{ text: string; json: Record<string, unknown> }> {
  const r = await run('analyze', file, '--protocol', protocol, '--area', '1.13', 'cm2', '--no-figures', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(fs.readFileSync(path.join(tmp, out, 'report.json'), 'utf8')) as Record<string, unknown>;
  delete json.file;
  delete json.encoding;
  delete (json.meta as Record<string, unknown>).container;
  delete json.sources; // the source's headers (step_index is written step_id, Neware's "Current(mA)" current_ampere)
  // the printed report, less its file and format lines and the columns line (the source's headers, as sources above)
  return { text: r.stdout.split('\n').filter((l) => !/^(file|format|columns) /.test(l)).join('\n'), json };
}

test('convert to BDF Parquet and analyze it: the SINTEF BDF CSV and a Neware export give the reports of the files they came from', async () => {
  for (const [src, name] of [[BDF_CSV, 'sintef'], [NEWARE, 'neware']] as const) {
    const pq = path.join(tmp, `${name}.parquet`);
    const c = await run('convert', src, '--to', 'bdf', '-o', pq);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stderr, /-> BDF Parquet, \d+ rows, columns test_time_second,voltage_volt,current_ampere/);
    assert.deepEqual([...fs.readFileSync(pq).subarray(0, 4)], [0x50, 0x41, 0x52, 0x31]); // PAR1
    // the BDF machine names, every column a double
    const { parquetMetadata } = await import('hyparquet');
    const meta = parquetMetadata(fs.readFileSync(pq).buffer as ArrayBuffer);
    const leaves = meta.schema.slice(1);
    assert.ok(leaves.every((e) => e.type === 'DOUBLE'), JSON.stringify(leaves));
    for (const protocol of ['fullcell', 'symmetric']) {
      const a = await report(src, protocol, `${name}-${protocol}-csv`);
      const b = await report(pq, protocol, `${name}-${protocol}-parquet`);
      if (name === 'neware') {
        // BDF has no column for Neware's "Step Type": the sign check names the capacity columns instead of the label
        const sign = /^ {2}ok {7}current sign: .*$/m;
        assert.match(a.text, /current sign: agrees with "Step Type"/);
        assert.match(b.text, /current sign: agrees with the charge\/discharge capacity columns/);
        a.text = a.text.replace(sign, ''); b.text = b.text.replace(sign, '');
        delete a.json.checks; delete b.json.checks; delete a.json.format; delete b.json.format;
      }
      assert.equal(b.text, a.text, `${name} ${protocol}: printed report`);
      assert.deepEqual(b.json, a.json, `${name} ${protocol}: report.json`);
      const sec = (b.json[protocol] ?? {}) as { cycles?: unknown[]; nucleation?: unknown };
      if (protocol === 'fullcell') assert.ok((sec.cycles?.length ?? 0) >= 1, `${name}: full-cell cycles compared`);
      else assert.match(b.text, /^nucleation overpotential/m, `${name}: the nucleation line compared`);
    }
  }
  // the real files are full cells (no nucleation reading): a simulated symmetric cell's .mpt has one
  const mpt = path.join(tmp, 'sym.mpt'), pq = path.join(tmp, 'sym.parquet');
  writeMpt(mpt, symmetricTrace({ cycles: 4, halfCycle_s: 1800, dt_s: 20, current_A: 1.13e-3, plateau: () => 0.02, dip_V: 0.03, tip_s: 40 }), { decimalComma: true });
  assert.equal((await run('convert', mpt, '--to', 'bdf', '-o', pq)).code, 0);
  const a = await report(mpt, 'symmetric', 'sym-mpt'), b = await report(pq, 'symmetric', 'sym-parquet');
  assert.match(b.text, /^nucleation overpotential 30\.00 mV/m);
  // BDF has no place for the .mpt header's facts (its area, mass): --area gives the area to both
  delete a.json.format; delete b.json.format; delete a.json.meta; delete b.json.meta;
  // nor for EC-Lab's ox/red (mends108): the .mpt's sign check names it, the Parquet's has nothing to check against
  assert.match(a.text, /^ {2}ok {7}current sign: agrees with "ox\/red" on all \d+ labelled rows$/m);
  assert.match(b.text, /^ {2}N\/A {6}current sign: no state\/step labels or charge\/discharge capacity columns to check it against/m);
  a.text = a.text.replace(/^ {2}\S+ +current sign: .*$/m, ''); b.text = b.text.replace(/^ {2}\S+ +current sign: .*$/m, '');
  for (const j of [a.json, b.json]) j.checks = (j.checks as { name: string }[]).filter((c) => c.name !== 'current sign');
  assert.equal(b.text, a.text);
  assert.deepEqual(b.json, a.json);
});

test('a Parquet under BDF labels in other units (Test Time / h, Current / mA, Voltage / V), in row groups, binds with its units; sniffed by PAR1 whatever its name', async () => {
  const n = 250;
  const h = Array.from({ length: n }, (_, k) => k / 360); // every 10 s
  const mA = h.map((_, k) => (k % 100 < 50 ? 1.5 : -1.5));
  const V = h.map((_, k) => (k % 100 < 50 ? -0.02 - k * 1e-5 : 0.02 + k * 1e-5));
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'Test Time / h', data: h, type: 'DOUBLE' },
      { name: 'Current / mA', data: mA, type: 'DOUBLE' },
      { name: 'Voltage / V', data: V, type: 'DOUBLE' },
      { name: 'note', data: h.map((_, k) => `row\t${k}`), type: 'STRING' },
    ],
    rowGroupSize: 64,
  });
  const f = path.join(tmp, 'labels.parquet');
  fs.writeFileSync(f, Buffer.from(buf));
  const named = path.join(tmp, 'labels-named-as.csv');
  fs.copyFileSync(f, named);
  for (const file of [f, named]) {
    const t = await readCycler(file, { batchRows: 100 });
    assert.equal(t.format, 'bdf');
    assert.equal(t.encoding, 'parquet');
    assert.equal(t.rows, n);
    assert.match(String(t.meta.container), /^Parquet table, 250 rows in 4 row group\(s\)$/);
    const src = Object.fromEntries(t.sources.map((s) => [s.col, s]));
    assert.deepEqual([src.test_time_second?.from, src.test_time_second?.factor], ['Test Time / h', 3600]);
    assert.deepEqual([src.current_ampere?.from, src.current_ampere?.factor], ['Current / mA', 1e-3]);
    assert.deepEqual([src.voltage_volt?.from, src.voltage_volt?.factor], ['Voltage / V', 1]);
    const c = t.columns;
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(c.test_time_second![k]! - 10 * k) < 1e-9, `row ${k} time`);
      assert.equal(c.current_ampere![k], mA[k]! * 1e-3);
      assert.equal(c.voltage_volt![k], V[k]);
    }
  }
});

test('a batteryarchive table in Parquet: TIMESTAMP date-times and INT64 cycles bind as its CSV columns do', async () => {
  const t0 = Date.UTC(2024, 3, 30, 8, 0, 0, 250);
  const f = path.join(tmp, 'ba.parquet');
  fs.writeFileSync(f, Buffer.from(parquetWriteBuffer({ columnData: [
    { name: 'Date_Time', data: [0, 1, 2].map((k) => new Date(t0 + 1000 * k)), type: 'TIMESTAMP' },
    { name: 'Test_Time (s)', data: [0, 1, 2], type: 'DOUBLE' },
    { name: 'Cycle_Index', data: [1n, 1n, 2n], type: 'INT64' },
    { name: 'Current (A)', data: [0.001, 0.001, -0.001], type: 'DOUBLE' },
    { name: 'Voltage (V)', data: [3.5, 3.6, 3.4], type: 'DOUBLE' },
  ] })));
  const t = await readCycler(f);
  assert.equal(t.format, 'batteryarchive');
  assert.deepEqual([...t.columns.unix_time_second!], [0, 1, 2].map((k) => (t0 + 1000 * k) / 1000));
  assert.deepEqual([...t.columns.cycle_count!], [1, 1, 2]);
  assert.deepEqual([...t.columns.current_ampere!], [0.001, 0.001, -0.001]);
});

test('a TIME column (time of day or duration in ms, us or ns: pyarrow\'s time64) reads in seconds, not in its stored unit (review31)', async () => {
  const cases = [
    { time: { logical_type: { type: 'TIME', unit: 'MILLIS', isAdjustedToUTC: false }, type: 'INT32' }, data: [0, 1000, 2000, 3500] },
    { time: { logical_type: { type: 'TIME', unit: 'MICROS', isAdjustedToUTC: false }, type: 'INT64' }, data: [0n, 1000000n, 2000000n, 3500000n] },
    { time: { logical_type: { type: 'TIME', unit: 'NANOS', isAdjustedToUTC: false }, type: 'INT64' }, data: [0n, 1000000000n, 2000000000n, 3500000000n] },
    { time: { converted_type: 'TIME_MILLIS', type: 'INT32' }, data: [0, 1000, 2000, 3500] },
  ] as const;
  for (const [k, c] of cases.entries()) {
    const schema = [{ name: 'root', num_children: 3 }, { name: 'test_time_second', repetition_type: 'REQUIRED', ...c.time },
      { name: 'voltage_volt', type: 'DOUBLE', repetition_type: 'REQUIRED' }, { name: 'current_ampere', type: 'DOUBLE', repetition_type: 'REQUIRED' }];
    const f = path.join(tmp, `time-${k}.parquet`);
    fs.writeFileSync(f, Buffer.from(parquetWriteBuffer({ schema: schema as Parameters<typeof parquetWriteBuffer>[0]['schema'],
      columnData: [{ name: 'test_time_second', data: [...c.data] as number[] }, { name: 'voltage_volt', data: [3, 3, 3, 3] }, { name: 'current_ampere', data: [1, 1, 1, 1] }] })));
    const t = await readCycler(f);
    assert.deepEqual([...t.columns.test_time_second!], [0, 1, 2, 3.5], JSON.stringify(c.time));
  }
});

test('Parquet refused in words: a cut-short file, columns no layout knows, a missing voltage and a bad cell name the file, the columns and the row', async () => {
  const whole = path.join(tmp, 'sintef.parquet');
  if (!fs.existsSync(whole)) assert.equal((await run('convert', BDF_CSV, '--to', 'bdf', '-o', whole)).code, 0);
  const cut = path.join(tmp, 'cut.parquet');
  fs.writeFileSync(cut, fs.readFileSync(whole).subarray(0, 50_000));
  const r = await run('analyze', cut, '--protocol', 'fullcell', '--no-figures', '--out', 'cut');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^sacplate: \S*cut\.parquet: not a readable Parquet file: it is cut short \(50000 bytes, without the "PAR1" footer every Parquet file ends with\); copy or export it again\n$/);
  const w = (name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData']) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, Buffer.from(parquetWriteBuffer({ columnData })));
    return p;
  };
  const t = [0, 1, 2, 3];
  const unknown = w('unknown.parquet', [{ name: 'Zeit', data: t, type: 'DOUBLE' }, { name: 'Strom', data: t, type: 'DOUBLE' }, { name: 'Spannung', data: t, type: 'DOUBLE' }]);
  await assert.rejects(readCycler(unknown), (e: Error) => e instanceof FileError
    && /^\S*unknown\.parquet: Parquet table whose columns no cycler layout knows: found "Zeit", "Strom", "Spannung"; needed a test time, a voltage and a current, e\.g\. BDF's test_time_second, voltage_volt, current_ampere/.test(e.message)
    && /--format generic --map time=COL,voltage=COL,current=COL$/.test(e.message));
  const novolt = w('novolt.parquet', [{ name: 'Test Time / s', data: t, type: 'DOUBLE' }, { name: 'Current / mA', data: t, type: 'DOUBLE' }]);
  await assert.rejects(readCycler(novolt), (e: Error) => e instanceof FileError && /^\S*novolt\.parquet: column names: .*no voltage_volt column .*; found: Test Time \/ s, Current \/ mA\./.test(e.message));
  const bad = w('bad.parquet', [{ name: 'test_time_second', data: t, type: 'DOUBLE' }, { name: 'voltage_volt', data: ['0.1', '0.1', 'x', '0.1'], type: 'STRING' }, { name: 'current_ampere', data: t, type: 'DOUBLE' }]);
  await assert.rejects(readCycler(bad), (e: Error) => e instanceof FileError && /^\S*bad\.parquet: row 3: column "voltage_volt": "x" is not a number$/.test(e.message));
  // test time stepping back on the 4th row: repaired, and the checks name that row (1-based), as a CSV names its line
  const back = w('back.parquet', [{ name: 'test_time_second', data: [0, 1, 2, 1, 2], type: 'DOUBLE' }, { name: 'voltage_volt', data: [3, 3, 3, 3, 3], type: 'DOUBLE' }, { name: 'current_ampere', data: [1, 1, 1, 1, 1], type: 'DOUBLE' }]);
  const tb = await readCycler(back);
  assert.deepEqual([tb.checks.time_resets, tb.checks.time_reset_lines, [...tb.columns.test_time_second!]], [1, [4], [0, 1, 2, 3, 4]]);
  assert.equal(lineOfRow(tb.rowLines, 3), 4);
  // --delimiter means nothing for a table: refused, not ignored
  const d = await run('analyze', novolt, '--protocol', 'symmetric', '--delimiter', ';', '--no-figures', '--out', 'delim');
  assert.equal(d.code, 2);
  assert.match(d.stderr, /^sacplate: --delimiter: got ";", expected no --delimiter for novolt\.parquet: it is a Parquet table/);
  // compression: gzip is read (Node's zlib); a codec this Node cannot decompress is refused naming it, before any row
  const cols = [{ name: 'test_time_second', data: [0, 1, 2], type: 'DOUBLE' as const }, { name: 'voltage_volt', data: [3, 3.1, 3.2], type: 'DOUBLE' as const }, { name: 'current_ampere', data: [1, 1, 1], type: 'DOUBLE' as const }];
  const gz = path.join(tmp, 'gzip.parquet');
  fs.writeFileSync(gz, Buffer.from(parquetWriteBuffer({ columnData: cols, codec: 'GZIP', compressors: { GZIP: (b: Uint8Array) => zlib.gzipSync(b) } })));
  assert.deepEqual([...(await readCycler(gz)).columns.voltage_volt!], [3, 3.1, 3.2]);
  const lz = path.join(tmp, 'lz4.parquet');
  fs.writeFileSync(lz, Buffer.from(parquetWriteBuffer({ columnData: cols, codec: 'LZ4', compressors: { LZ4: (b: Uint8Array) => b } })));
  await assert.rejects(readCycler(lz), (e: Error) => e instanceof FileError && /^\S*lz4\.parquet: Parquet compressed with LZ4, which this reader cannot decompress: it reads uncompressed, Snappy .*, gzip and Brotli pages; write it again/.test(e.message));
  // no current column: an OCV recording, as the same columns in a CSV are read (current 0, said in the checks)
  const ocv = w('ocv.parquet', [{ name: 'Test Time / s', data: t, type: 'DOUBLE' }, { name: 'Voltage / V', data: [3, 3, 3, 3], type: 'DOUBLE' }]);
  fs.writeFileSync(path.join(tmp, 'ocv.csv'), 'Test Time / s,Voltage / V\n0,3\n1,3\n2,3\n3,3\n');
  const [p, c] = [await readCycler(ocv), await readCycler(path.join(tmp, 'ocv.csv'))];
  assert.equal(p.checks.ocv_only, true);
  assert.deepEqual([p.format, p.rows, p.columns, p.checks], [c.format, c.rows, c.columns, c.checks]);
});

test('the workbench upload reads a Parquet by its bytes: the same CE per cycle as the CSV it came from', async () => {
  const pq = path.join(tmp, 'sintef.parquet');
  if (!fs.existsSync(pq)) assert.equal((await run('convert', BDF_CSV, '--to', 'bdf', '-o', pq)).code, 0);
  const { buildApp } = await import('../src/server/app.js');
  const { RunService } = await import('../src/server/service.js');
  const service = new RunService({ storePath: path.join(tmp, 'store.db'), writeFiles: false });
  const app = await buildApp({ service });
  try {
    const post = async (name: string, file: string) => {
      const r = await app.inject({ method: 'POST', url: `/api/cycler?name=${name}&protocol=fullcell&area=1.13%20cm2`, headers: { 'content-type': 'application/octet-stream' }, payload: fs.readFileSync(file) });
      assert.equal(r.statusCode, 200, r.body);
      return r.json().report as { format: string; encoding: string; fullcell: { cycles: unknown[] } };
    };
    const a = await post('cell.bdf.csv', BDF_CSV), b = await post('cell.parquet', pq);
    assert.equal(b.encoding, 'parquet');
    assert.ok(a.fullcell.cycles.length >= 1);
    assert.deepEqual(b.fullcell, a.fullcell);
  } finally {
    await app.close();
    await service.close();
  }
});
