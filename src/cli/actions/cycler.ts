/**
 * `sacplate analyze FILE --protocol symmetric|licu|aurbach|fullcell [--area 1.13 cm2]` and
 * `sacplate convert FILE --to bdf`. Cycler files (BioLogic .mpt, Neware, Arbin, Landt, BDF,
 * generic CSV with --map) and simulated eta.csv traces go through the same metric code.
 *
 * The work of these commands; their flags and help text are in commands/cycler.ts, which loads
 * this file only when one of them runs.
 */
import { plural } from '../../plural.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileError, InputError } from '../../errors.js';
import { FORMAT_EXTS, checkOutputFile, fileOrStdout, refuseEmptyPath } from '../guards.js';
import { choiceArg, countExpected, countOf, decimalOf } from '../../args.js';
import { makeWritableDir, prepareOutDir } from '../../io/dirs.js';
import { implausibleFlags } from '../../analysis/plausibility.js';
import { parseCsv, writeCsv } from '../../io/csv.js';
import { parseAreaCm2, parseQuantity, C_PER_MAH } from '../../units.js';
import { FORMATS, openCycler, type ReadOptions } from '../../cycler/read.js';
import { writeBdf, writeBdfParquet } from '../../cycler/bdf.js';
import { PROTOCOLS, analyzeFile, formatReport, writeFigures } from '../../analysis/report.js';
import { cyclesCsv } from '../../analysis/cycles-csv.js';
import { PAIR_RULES, protocolStepKind, runCutInHalf } from '../../analysis/ce.js';
import { refuseOtherProtocolOptions } from '../../analysis/protocols.js';

/** The run folder when `file` is a sacplate run's eta.csv (metrics.json or resolved.json beside it). */
function simulatedRunDir(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  return path.basename(file) === 'eta.csv' && (fs.existsSync(path.join(dir, 'metrics.json')) || fs.existsSync(path.join(dir, 'resolved.json'))) ? dir : undefined;
}

/**
 * `analyze RUN`, the folder `sacplate simulate --out RUN` wrote: its trace, RUN/eta.csv (review62: refused as "is not a
 * regular file", not a word of the eta.csv in it). A folder without one is refused saying what analyze reads.
 */
function runFolderTrace(file: string): string {
  let dir = false;
  try { dir = fs.statSync(file).isDirectory(); } catch { return file; } // the reader says why it cannot read it
  if (!dir) return file;
  const trace = path.join(file, 'eta.csv');
  if (fs.existsSync(trace)) return trace;
  throw new FileError(file, 'is a folder without an eta.csv: expected a cycler file, or a simulated run\'s folder (sacplate simulate FILE --out DIR) or its eta.csv');
}

interface ReadFlags { format?: string; map?: string; delimiter?: string; headerLine?: string; area?: string[] }

const join = (v: string[] | string | undefined) => (Array.isArray(v) ? v.join(' ') : v);

function readOptions(f: ReadFlags): ReadOptions & { area_cm2?: number } {
  const o: ReadOptions & { area_cm2?: number } = {};
  if (f.format !== undefined) {
    o.format = choiceArg('--format', f.format, FORMATS);
  }
  if (f.map !== undefined) { o.map = f.map; if (!o.format) o.format = 'generic'; }
  if (f.delimiter !== undefined) {
    const d = f.delimiter === 'tab' || f.delimiter === '\\t' ? '\t' : f.delimiter;
    // one character: "xx" or "" would split nothing and surface later as a missing column
    if ([...d].length !== 1 || /[\r\n"]/.test(d)) throw new InputError('--delimiter', f.delimiter, 'one character such as "," or ";", or "tab"');
    o.delimiter = d;
  }
  if (f.headerLine !== undefined) {
    const n = countOf(f.headerLine);
    if (!Number.isInteger(n) || n < 1) throw new InputError('--header-line', f.headerLine, countExpected('a line number >= 1', f.headerLine));
    o.headerLine = n;
    // only the generic layout reads it: every other layout finds its own header, and the flag was ignored without a word
    if (o.format !== 'generic') throw new InputError('--header-line', f.headerLine, `--format generic with --map (the ${o.format ?? 'detected'} layout finds its own column-name line)`);
  }
  const a = join(f.area);
  if (a !== undefined) o.area_cm2 = parseAreaCm2('--area', a);
  return o;
}

function charge_mAh(flag: string, v: string[] | undefined, area_cm2: number | undefined): number | undefined {
  const s = join(v);
  if (s === undefined) return undefined;
  let q: number;
  if (/\/\s*(cm2|cm\^2|cm²|m2|mm2)/.test(s)) {
    if (area_cm2 === undefined) throw new InputError(flag, s, 'a charge in mAh (an areal capacity needs --area)');
    q = (parseQuantity(flag, s, 'arealCapacity') / C_PER_MAH) * 1e-4 * area_cm2 * 1; // C/m2 -> mAh/cm2 -> mAh
  } else q = parseQuantity(flag, s, 'charge') / C_PER_MAH;
  // here, not in analyzeFile's check, which names its option (qt_mAh) and the number without its unit
  if (!(q > 0)) throw new InputError(flag, s, 'a positive charge, e.g. "5 mAh" (or "5 mAh/cm2" with --area)');
  return q;
}

/** Whether `a` and `b` name the same existing file (same device and inode: links and ./ spellings too). */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a), sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch { return false; }
}

/**
 * How a simulated run's last strip step ended (steps.csv beside eta.csv, column `ended`), or undefined
 * without a readable steps.csv: the Aurbach report calls the final strip's highest voltage the
 * cut-off only when that strip ended on it (a strip whose metal ran out stopped below it).
 */
function lastStepEnded(runDir: string): string | undefined {
  let rows: string[][];
  try { rows = parseCsv(fs.readFileSync(path.join(runDir, 'steps.csv'), 'utf8')); } catch { return undefined; }
  const col = rows[0]?.indexOf('ended') ?? -1, kind = rows[0]?.indexOf('kind') ?? -1;
  // the last strip step, not the last row: a rest after the final strip would give its own end (time)
  let last: string[] | undefined;
  for (let i = rows.length - 1; i >= 1 && last === undefined; i--) if (kind < 0 || rows[i]![kind] === 'strip') last = rows[i];
  return col >= 0 && last?.[col] ? last[col] : undefined;
}

/**
 * Whether the run of a simulated eta.csv was cut (cancelled, the event limit) while its last step passed current: the
 * last row of its steps.csv (simulation/cycles.ts runCutInHalf, as the run's own cycles.csv reads it). A cancelled
 * run's eta.csv was read with its last strip whole until review61.
 */
/**
 * Why a simulated run's trace is not searched for a soft short, in that run's terms (metrics.json's transport): the
 * model forms none; a deposit that reaches a separator plane in the box stops the run as a short circuit, and whether
 * this run's did.
 */
function simulatedShortNote(runDir: string): string {
  let t: { short_circuit_s?: number | null; field_grid?: { boundary?: string; distance_um?: number } } | undefined;
  try { t = (JSON.parse(fs.readFileSync(path.join(runDir, 'metrics.json'), 'utf8')) as { transport?: typeof t }).transport; } catch { t = undefined; }
  const none = 'the model forms no soft short';
  if (t && typeof t.short_circuit_s === 'number') {
    return `${none}; this run's deposit reached the separator plane at t = ${t.short_circuit_s.toPrecision(4)} s, a short circuit that ended the run: metrics.json transport.short_circuit_s, steps.csv short_circuit`;
  }
  if (t?.field_grid?.boundary === 'separator') {
    return `${none}; a deposit that reaches this run's separator plane${t.field_grid.distance_um !== undefined ? ` (${t.field_grid.distance_um} um from the host)` : ''} ends the run as a short circuit (metrics.json transport.short_circuit_s); this one did not`;
  }
  return `${none}, and this run has no separator in its box to short through`;
}

function runCutInLastHalf(runDir: string): boolean {
  let rows: string[][];
  try { rows = parseCsv(fs.readFileSync(path.join(runDir, 'steps.csv'), 'utf8')); } catch { return false; }
  const col = rows[0]?.indexOf('ended') ?? -1, kind = rows[0]?.indexOf('kind') ?? -1;
  const last = rows.length > 1 ? rows[rows.length - 1] : undefined;
  if (col < 0 || kind < 0 || !last) return false;
  const cut = { kind: last[kind] ?? '', ended: last[col] ?? '' };
  // a rest cut between two pieces of a strip: the step after it, from the run's resolved.json (mends76)
  let next: string | undefined;
  const step = Number(last[rows[0]!.indexOf('step')]);
  if (cut.kind === 'rest' && Number.isInteger(step)) {
    try { next = protocolStepKind((JSON.parse(fs.readFileSync(path.join(runDir, 'resolved.json'), 'utf8')) as { protocol?: unknown }).protocol, step + 1); } catch { /* no resolved.json: a rest ends no half */ }
  }
  return runCutInHalf(cut, next);
}

/** the flags of analyze's protocol-own options (protocols.ts PROTOCOL_OPTIONS) */
const PROTOCOL_FLAGS: Record<string, string> = {
  protocol: '--protocol', limit_V: '--limit', softShort: '--no-soft-short', plateauFrom: '--plateau-from', qt_mAh: '--qt', qc_mAh: '--qc', n: '--n',
  pair: '--pair', referenceCycle: '--reference-cycle', mass_g: '--mass',
};

export async function analyze(file: string, f: ReadFlags & Record<string, unknown>): Promise<void> {
  file = runFolderTrace(file);
  refuseEmptyPath('--out', f.out, 'a directory path');
  if (f.force === true && f.out === undefined) throw new InputError('--force', true, '--out <dir> as well (it clears that folder first; the default folder of a rerun is written over without it)');
  const ro = readOptions(f);
  const protocol = choiceArg('--protocol', f.protocol, PROTOCOLS, PROTOCOLS.join(', '));
  // a protocol's own flag with another protocol (it was ignored); the soft-short switch as given, not as set below for a simulated trace
  const text = (v: unknown) => join(v as string[] | undefined);
  refuseOtherProtocolOptions(protocol, {
    limit_V: text(f.limit), softShort: f.softShort === false ? true : undefined, plateauFrom: f.plateauFrom, qt_mAh: text(f.qt), qc_mAh: text(f.qc),
    n: f.n, pair: f.pair, referenceCycle: f.referenceCycle, mass_g: text(f.mass),
  }, (k) => PROTOCOL_FLAGS[k] ?? k);
  const o = { ...ro, protocol } as Parameters<typeof analyzeFile>[1];
  if (f.limit !== undefined) {
    // compared with the plateau of |V|: a magnitude; -100 mV would fire on the first half cycle
    const s = join(f.limit as string[]);
    const lim = parseQuantity('--limit', s, 'voltage');
    if (!(lim > 0)) throw new InputError('--limit', s, 'an overpotential magnitude > 0, e.g. "100 mV" (compared with the plateau of |V|; the sign is not used)');
    o.limit_V = lim;
  }
  if (f.softShort === false) o.softShort = false;
  if (f.mass !== undefined) {
    // the active material's mass, for capacities per gram (mAh/g) beside mAh (and mAh/cm2 with --area)
    const s = join(f.mass as string[])!;
    const kg = parseQuantity('--mass', s, 'mass');
    if (!(kg > 0)) throw new InputError('--mass', s, 'the active material\'s mass, above 0, e.g. "10.5 mg"');
    o.mass_g = kg * 1e3;
  }
  if (f.plateauFrom !== undefined) {
    const p = decimalOf(f.plateauFrom);
    if (!(p > 0 && p < 1)) throw new InputError('--plateau-from', f.plateauFrom, 'a fraction of each half cycle in (0, 1), a decimal number, e.g. 0.5');
    o.plateauFrom = p;
  }
  o.qt_mAh = charge_mAh('--qt', f.qt as string[] | undefined, ro.area_cm2);
  o.qc_mAh = charge_mAh('--qc', f.qc as string[] | undefined, ro.area_cm2);
  if (f.n !== undefined) {
    const n = countOf(f.n);
    if (!Number.isInteger(n) || n < 0) throw new InputError('--n', f.n, countExpected('a whole number of cycles >= 0', f.n));
    o.n = n;
  }
  if (f.pair !== undefined) {
    o.pair = choiceArg('--pair', f.pair, PAIR_RULES, PAIR_RULES.join(', '));
  }
  if (f.restCurrent !== undefined) {
    const a = parseQuantity('--rest-current', join(f.restCurrent as string[]), 'current');
    if (!(a >= 0)) throw new InputError('--rest-current', join(f.restCurrent as string[]), 'a current >= 0, e.g. "5 uA"');
    o.restCurrent_A = a;
  }
  if (f.restFraction !== undefined) {
    const p = decimalOf(f.restFraction);
    if (!(p >= 0 && p < 1)) throw new InputError('--rest-fraction', f.restFraction, 'a fraction of the largest |I| in [0, 1), a decimal number, e.g. 0.01');
    o.restFraction = p;
  }
  if (f.steps === false) o.useSteps = false;
  if (f.referenceCycle !== undefined) {
    const n = countOf(f.referenceCycle);
    if (!(Number.isInteger(n) && n >= 1)) throw new InputError('--reference-cycle', f.referenceCycle, countExpected('a cycle number, 1 or more (cycles are numbered 1, 2, ... as the report counts them)', f.referenceCycle));
    o.referenceCycle = n;
  }
  // a simulated run's eta.csv: the analysis goes into that run's folder, and soft-short detection (a cycler trace's
  // voltage collapse or noise) is off: a run has no soft short, and its hard one, a deposit at a separator plane, ends
  // the run and is in its metrics (review67: the line said the model has no separator, of a run that had one and shorted)
  const runDir = simulatedRunDir(file);
  if (runDir && protocol === 'symmetric' && o.softShort !== false) { o.softShort = false; process.stderr.write(`sacplate: soft-short detection off for a simulated trace (${simulatedShortNote(runDir)})\n`); }
  const dir = (f.out as string | undefined) ?? (runDir ? path.join(runDir, 'analysis') : `${path.basename(file)}.analysis`);
  if (f.out === undefined && !runDir) refuseOtherFilesAnalysis(dir, file);
  // a given --out folder is checked before the work, as simulate's and screen's: a previous analysis there is refused
  // without --force (it was written over without a word); the default folders are a rerun's, written over. --force clears
  // it once the file is analysed (a missing or unreadable file left it cleared; review34), and never when the file
  // analysed is in it (`analyze RUN/eta.csv --out RUN --force` cleared the run, the file with it, and then failed)
  const clearOut = f.out !== undefined ? prepareOutDir(dir, { force: f.force === true, holds: { what: 'a previous analysis', files: ['report.json'] }, inputs: [file], laterClear: true }) : () => {};
  if (runDir && runCutInLastHalf(runDir)) o.runCut = true;
  const { table, report } = await analyzeFile(file, o);
  clearOut();
  if (runDir && report.aurbach) {
    const ended = lastStepEnded(runDir);
    if (ended !== undefined) report.aurbach.final_strip_ended = ended;
  }
  makeWritableDir(dir, '--out');
  const figures = f.figures === false ? [] : await writeFigures(table, report, dir, f.png !== false);
  const json = JSON.stringify({ ...report, figures }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  fs.writeFileSync(path.join(dir, 'report.json'), json + '\n');
  // the per-cycle table a lab opens in a spreadsheet, in a simulated run's cycles.csv names (review70: report.json only)
  // never into a run's own folder (--out RUN): its cycles.csv is the simulator's
  const inRun = fs.existsSync(path.join(dir, 'metrics.json')) || fs.existsSync(path.join(dir, 'eta.csv'));
  const cyc = inRun ? undefined : cyclesCsv(report);
  const cyclesPath = path.join(dir, 'cycles.csv');
  if (cyc) writeCsv(cyclesPath, cyc.header, cyc.rows);
  else if (!inRun) fs.rmSync(cyclesPath, { force: true }); // a rerun's with another protocol (aurbach has none) would stand beside this report
  if (f.json) process.stdout.write(json + '\n');
  else process.stdout.write(formatReport(report));
  for (const w of implausibleFlags(report)) process.stderr.write(`sacplate: ${w}\n`);
  process.stderr.write(`sacplate: wrote ${path.join(dir, 'report.json')}${cyc ? `, cycles.csv (${plural(cyc.rows.length, 'cycle')})` : ''}${figures.length ? ` and ${plural(figures.length, 'figure file')}` : ''}\n`);
}

/**
 * The default folder, `<file name>.analysis` in the working folder, is named for the file name alone:
 * a/cell.mpt and b/cell.mpt share it, and the second analysis overwrote the first's report.json and
 * figures. Refused (before the file is read) when the folder holds the report of another file; the
 * same file's is written over, as a rerun means.
 */
function refuseOtherFilesAnalysis(dir: string, file: string): void {
  let prev: unknown;
  try { prev = (JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { file?: unknown }).file; } catch { return; } // none (or not a report): nothing to lose
  if (typeof prev === 'string' && path.resolve(prev) !== path.resolve(file)) {
    throw new InputError('--out', undefined, `a folder for this analysis: the default one, ${dir}, holds the analysis of another file of that name, ${prev} (the default is named for the file name only); give --out DIR`);
  }
}

/** names convert does not write: another format's (its -o writes BDF CSV, or BDF Parquet for a .parquet name) */
const OTHER_FORMATS = FORMAT_EXTS.filter((e) => e !== '.csv' && e !== '.parquet');

export async function convert(file: string, f0: ReadFlags & { to: string; output?: string }): Promise<void> {
  choiceArg('--to', f0.to, ['bdf'], 'bdf');
  refuseEmptyPath('-o', f0.output, 'a file path');
  const f = { ...f0, output: fileOrStdout(f0.output) };
  const ro = readOptions(f);
  if (f.output) {
    // audit69: another format's name (out.xlsx) got CSV text, which a spreadsheet program then refuses as not .xlsx
    const ext = path.extname(f.output).toLowerCase();
    if (OTHER_FORMATS.includes(ext)) throw new InputError('-o', f.output, `a file name ending .csv (BDF CSV) or .parquet (BDF Parquet): convert writes no ${ext} file, and CSV text under that name is not one`);
    checkOutputFile(f.output, '-o'); // before reading: nothing half-written
    // -o naming the input itself would truncate it before a byte is read (the data lost)
    if (sameFile(file, f.output)) throw new InputError('-o', f.output, `a file other than the input ${file} (writing there would erase it before it is read)`);
  }
  const src = await openCycler(file, ro);
  let r: Awaited<ReturnType<typeof writeBdf>>;
  if (f.output) {
    // written beside the target and renamed once complete: a bad cell on row 10 000 leaves no
    // header-and-half file behind (nor clobbers an earlier good conversion)
    const tmp = path.join(path.dirname(path.resolve(f.output)), `.${path.basename(f.output)}.sacplate-${process.pid}.part`);
    if (/\.parquet$/i.test(f.output)) {
      // BDF's binary form, chosen by the name (--format names the input's layout)
      try {
        r = await writeBdfParquet(src, tmp);
        fs.renameSync(tmp, f.output);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
    } else {
      const out = fs.createWriteStream(tmp);
      try {
        r = await writeBdf(src, out);
        await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
        fs.renameSync(tmp, f.output);
      } catch (e) {
        out.destroy();
        fs.rmSync(tmp, { force: true });
        throw e;
      }
    }
  } else {
    r = await writeBdf(src, process.stdout);
  }
  process.stderr.write(`sacplate: ${src.format}${src.meta.container !== undefined ? ` (${src.meta.container})` : ''} -> BDF${f.output && /\.parquet$/i.test(f.output) ? ' Parquet' : ''}, ${plural(r.rows, 'row')}, columns ${r.columns.join(',')}\n`);
  const c = src.checks;
  if (c.time_resets > 0) process.stderr.write(`sacplate: warning: test time stepped back ${c.time_resets} time(s) (line(s) ${c.time_reset_lines.join(', ')}): written as one continuous time\n`);
  if (c.sign_flipped_rows > 0) process.stderr.write(`sacplate: warning: current sign taken from "${c.label_column}" on ${c.sign_flipped_rows} of ${c.labelled_rows} labelled rows\n`);
  if (c.dropped_last_line) process.stderr.write(`sacplate: warning: line ${c.dropped_last_line.line} is cut short: dropped (${c.dropped_last_line.reason})\n`);
}
