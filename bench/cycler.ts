/**
 * Cycler parsing benchmark: generates 1e6-row files (BioLogic .mpt with decimal commas, latin-1;
 * Neware flat CSV; Maccor text with State labels) and a 1e5-row Neware-style .xlsx workbook
 * (exceljs streaming writer) in the temp directory and measures, each in a fresh child process:
 *   stream  - openCycler + all batches (what `convert` does; memory independent of file size)
 *   table   - readCycler into Float64Array columns (what `analyze` does)
 * Reports rows/s and peak RSS (process.resourceUsage().maxRSS) and writes bench/cycler-results.json.
 *   node dist/bench/cycler.js [--rows N]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCycler, readCycler } from '../src/cycler/read.js';

async function child(mode: string, file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  if (mode === 'stream') {
    const s = await openCycler(file);
    for await (const b of s.batches()) rows += b.n;
  } else {
    const t = await readCycler(file);
    rows = t.rows;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpu_s = (cpu.user + cpu.system) / 1e6;
  // CPU seconds as well as wall seconds: the machine is shared, and wall time measures the neighbours too
  process.stdout.write(JSON.stringify({ rows, seconds: s, rows_per_s: rows / s, cpu_seconds: cpu_s, rows_per_cpu_s: rows / cpu_s, peak_rss_MB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

function writeChunks(file: string, header: string, rows: number, row: (k: number) => string, encoding: BufferEncoding): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, Buffer.from(header, encoding));
    let buf: string[] = [];
    for (let k = 0; k < rows; k++) {
      buf.push(row(k));
      if (buf.length === 50000) { fs.writeSync(fd, Buffer.from(buf.join(''), encoding)); buf = []; }
    }
    if (buf.length) fs.writeSync(fd, Buffer.from(buf.join(''), encoding));
  } finally {
    fs.closeSync(fd);
  }
}

/** A Li||Li-like trace: 1 mA, 20 mV plateaus, half cycles of 3600 samples. */
const V = (k: number) => { const s = Math.floor(k / 3600) % 2 === 0 ? -1 : 1; return { s, v: s * (0.02 + 0.001 * Math.sin(k / 50)) }; };

function genMpt(file: string, rows: number): void {
  const cols = ['mode', 'ox/red', 'error', 'control changes', 'Ns changes', 'counter inc.', 'Ns', 'time/s', 'control/V/mA', 'Ewe/V', 'I/mA', 'dq/mA.h', '(Q-Qo)/mA.h', 'half cycle', 'cycle number'];
  const header = ['EC-Lab ASCII FILE', 'Nb header lines : 5', '', 'Electrode surface area : 1,130 cm²', cols.join('\t') + '\t'].join('\n') + '\n';
  const c = (x: number) => x.toExponential(7).replace('.', ',');
  writeChunks(file, header, rows, (k) => {
    const { s, v } = V(k);
    return `1\t${s > 0 ? 1 : 0}\t0\t0\t0\t0\t1\t${c(k * 10)}\t${c(s)}\t${c(v)}\t${c(s)}\t${c(s / 360)}\t${c(k / 1000)}\t${Math.floor(k / 3600)}\t${c(Math.floor(k / 7200))}\t\n`;
  }, 'latin1');
}

function genNeware(file: string, rows: number): void {
  const header = 'DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(A),Voltage(V),Capacity(Ah),Chg. Cap.(Ah),DChg. Cap.(Ah),Date\n';
  const hms = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  writeChunks(file, header, rows, (k) => {
    const { s, v } = V(k);
    const st = (k % 3600) * 10;
    return `${k + 1},${1 + Math.floor(k / 7200)},${s > 0 ? 2 : 1},${s > 0 ? 'CC Chg' : 'CC DChg'},${hms(st)},${hms(k * 10)},${(s * 0.001).toFixed(8)},${v.toFixed(4)},${(st / 3.6e6).toFixed(8)},${s > 0 ? (st / 3.6e6).toFixed(8) : '0.00000000'},${s < 0 ? (st / 3.6e6).toFixed(8) : '0.00000000'},2026-01-01 00:00:00\n`;
  }, 'utf8');
}

/** Maccor text export: tab separated, unsigned Amps, State C/D labels (the sign comes from State). */
function genMaccor(file: string, rows: number): void {
  const header = "Today's Date 01/01/2026  Date of Test:\t01/01/2026\t Filename:\tbench.001 Procedure: bench.000\tComment/Barcode: \n"
    + ['Rec#', 'Cyc#', 'Step', 'Test (Sec)', 'Step (Sec)', 'Amp-hr', 'Watt-hr', 'Amps', 'Volts', 'State', 'ES', 'DPt Time'].join('\t') + '\n';
  writeChunks(file, header, rows, (k) => {
    const { s, v } = V(k);
    const st = (k % 3600) * 10;
    const sec = k * 10;
    const dpt = `01/${String(1 + Math.floor(sec / 86400) % 28).padStart(2, '0')}/2026 ${String(Math.floor(sec / 3600) % 24).padStart(2, '0')}:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
    return `${k + 1}\t${Math.floor(k / 7200)}\t${s > 0 ? 2 : 1}\t${sec.toFixed(4)}\t${st.toFixed(4)}\t${(st / 3.6e6).toFixed(10)}\t0.0000000000\t0.0010000000\t${(3.7 + v).toFixed(8)}\t${s > 0 ? 'C' : 'D'}\t1\t${dpt}\n`;
  }, 'latin1');
}

/** Neware-style .xlsx: an Info sheet, then a "record" sheet (exceljs streaming writer). */
async function genXlsx(file: string, rows: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs'); // not at the top: the parse children must not load it
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: true });
  const info = wb.addWorksheet('Info');
  info.addRow(['Barcode', 'bench']).commit();
  info.commit();
  const ws = wb.addWorksheet('record');
  ws.addRow(['DataPoint', 'Cycle Index', 'Step Index', 'Step Type', 'Time', 'Total Time', 'Current(A)', 'Voltage(V)', 'Capacity(Ah)', 'Chg. Cap.(Ah)', 'DChg. Cap.(Ah)']).commit();
  const hms = (x: number) => `${String(Math.floor(x / 3600)).padStart(2, '0')}:${String(Math.floor(x / 60) % 60).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  for (let k = 0; k < rows; k++) {
    const { s, v } = V(k);
    const st = (k % 3600) * 10;
    const q = st / 3.6e6;
    ws.addRow([k + 1, 1 + Math.floor(k / 7200), s > 0 ? 2 : 1, s > 0 ? 'CC Chg' : 'CC DChg', hms(st), hms(k * 10), s * 0.001, 3.7 + v, q, s > 0 ? q : 0, s < 0 ? q : 0]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!);
  const ri = args.indexOf('--rows');
  const rows = ri >= 0 ? Number(args[ri + 1]) : 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sacplate-bench-'));
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, unknown>[] = [];
  try {
    // the small run shows that streaming memory does not grow with the file
    const plan: [string, (f: string, n: number) => void | Promise<void>, number, string][] = [
      ['mpt (latin-1, decimal commas)', genMpt, Math.round(rows / 10), 'big.mpt'],
      ['mpt (latin-1, decimal commas)', genMpt, rows, 'big.mpt'],
      ['neware flat csv', genNeware, rows, 'big.csv'],
      ['maccor text (unsigned Amps, State labels)', genMaccor, rows, 'big.001'],
      ['xlsx (neware-style record sheet)', genXlsx, Math.round(rows / 10), 'big.xlsx'],
    ];
    for (const [name, gen, n, base] of plan) {
      const file = path.join(dir, base);
      const g0 = Date.now();
      await gen(file, n);
      const size = fs.statSync(file).size;
      process.stderr.write(`generated ${name}: ${n} rows, ${(size / 1e6).toFixed(0)} MB in ${((Date.now() - g0) / 1000).toFixed(1)} s\n`);
      for (const mode of n === rows || name.startsWith('xlsx') ? ['stream', 'table'] : ['stream']) {
        const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (r.status !== 0) throw new Error(`child ${mode} ${name} failed: ${r.stderr}`);
        const m = JSON.parse(r.stdout.trim().split('\n').pop()!);
        if (m.rows !== n) throw new Error(`${name} ${mode}: parsed ${m.rows} rows, expected ${n}`);
        const rec = { format: name, mode, rows: m.rows, file_MB: +(size / 1e6).toFixed(1), seconds: +m.seconds.toFixed(3), rows_per_s: Math.round(m.rows_per_s), cpu_seconds: +m.cpu_seconds.toFixed(3), rows_per_cpu_s: Math.round(m.rows_per_cpu_s), peak_rss_MB: +m.peak_rss_MB.toFixed(1) };
        results.push(rec);
        process.stderr.write(`  ${mode.padEnd(6)} ${rec.rows_per_s.toLocaleString('en')} rows/s (${rec.rows_per_cpu_s.toLocaleString('en')} per CPU s), ${rec.seconds} s, peak RSS ${rec.peak_rss_MB} MB\n`);
      }
      fs.rmSync(file);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = { benchmark: 'cycler parsing', date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, load_average_1min: +os.loadavg()[0]!.toFixed(2), results };
  const target = path.resolve(path.dirname(self), '..', '..', 'bench', 'cycler-results.json');
  const dest = fs.existsSync(path.dirname(target)) && path.basename(path.dirname(path.dirname(self))) === 'dist' ? target : path.resolve('bench', 'cycler-results.json');
  fs.writeFileSync(dest, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

main().catch((e) => { process.stderr.write(String((e as Error).stack ?? e) + '\n'); process.exitCode = 1; });
