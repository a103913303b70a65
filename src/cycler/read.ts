/**
 * Cycler files in, canonical BDF rows out. `openCycler` sniffs encoding and layout from the
 * first 64 KiB, binds the file's columns to BDF columns, and returns a stream of row batches
 * (bounded memory whatever the file size). `readCycler` collects them into columns.
 *
 * Layouts: BioLogic EC-Lab/BT-Lab .mpt (with or without header block) and BT-Lab CSV, Neware
 * flat CSV, Neware three-level cycle/step/record CSV, Arbin CSV (old and MITS Pro headers),
 * Landt CSV (as exported by BDF tools), BDF CSV, Maccor text/CSV, Novonix, PEC, sacplate's own
 * eta.csv (simulated traces), and a generic delimited file with a column mapping.
 *
 * What the reader guards against (each counted in `checks`, none silent): test time that steps
 * back (rebuilt as a continuous time), a current whose sign disagrees with the file's own
 * state/step labels (the label wins), a partial last line (dropped), a time column holding
 * absolute date-times (turned into test time), a file without a current column (OCV: zero).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileError, InputError } from '../errors.js';
import { BDF_COLUMNS, REQUIRED, type BdfColumn } from './columns.js';
import { COMMON_ALIASES, ZH_STEP_TIME, ZH_STEP_TYPE, bindColumns, normalize, splitName, type Aliases, type Binding } from './header.js';
import { parseDurationCell, parseNumberCell } from './cells.js';
import { readLineBatches, sniff, splitLine, type LineBatch, type Sniff, type TextEncodingName } from './lines.js';
import { looksLikeDateTime, parseDateTimeCell } from './datetime.js';
import { ECLAB_MODE, ECLAB_OXRED, LANDT_STATE, MACCOR_STATE, SIM_DIRECTION, STEP_NAME, parseSignRule, type LabelMap } from './labels.js';
import { isXlsx, sheetRowOf, xlsxToTsv } from './xlsx.js';
import { isParquet } from './parquet.js';
import { bdfName } from './bdf-names.js';
import { choiceArg } from '../args.js';

import { FORMATS, type FormatId } from './formats.js';
import { CM2_PER_M2 } from '../units.js';
export { FORMATS, type FormatId };

export const FORMAT_NAMES: Record<FormatId, string> = {
  mpt: 'BioLogic EC-Lab/BT-Lab text export (.mpt)',
  'btlab-csv': 'BioLogic BT-Lab/EC-Lab CSV export (; separated)',
  maccor: 'Maccor text/CSV export',
  novonix: 'Novonix HPC CSV',
  pec: 'PEC SBT CSV export',
  basytec: 'Basytec result file (~Time[h] ... U[V] I[A])',
  batteryarchive: 'batteryarchive.org / BatteryData timeseries CSV',
  neware: 'Neware flat CSV',
  neware3: 'Neware three-level (cycle/step/record) CSV',
  arbin: 'Arbin CSV',
  landt: 'Landt / Lanhe export',
  bdf: 'Battery Data Format CSV',
  'sacplate-eta': 'sacplate simulated trace (eta.csv)',
  generic: 'generic delimited file with --map',
};

export interface ReadOptions {
  /** skip detection */
  format?: FormatId;
  /** generic format: "time=Time (h)@h,voltage=E/V,current=I@mA,cycle=Cycle" (also usable to override any format's choice) */
  map?: string;
  /** field delimiter for any delimited layout (default: detected among , ; tab) */
  delimiter?: string;
  /** generic format: 1-based line holding the column names (default 1) */
  headerLine?: number;
  /** sacplate-eta: electrode area in cm2 to turn C/cm2 into A (default 1 cm2) */
  area_cm2?: number;
  /** rows per batch (default 8192) */
  batchRows?: number;
}

export interface RowBatch {
  n: number;
  data: Float64Array;
  /** the file's own direction label per row (+1 charge, -1 discharge, 0 rest, NaN none), when it has a label column */
  labels?: Float64Array;
}

export interface CyclerStream {
  file: string;
  format: FormatId;
  /** the text's encoding, or 'parquet' for a Parquet table, 'xlsx' for a workbook (not its temporary copy's utf8) */
  encoding: TextEncodingName | 'parquet' | 'xlsx';
  /** canonical columns of each row, in this order */
  columns: BdfColumn[];
  /** which source column fed each canonical column, with its unit conversion factor */
  sources: { col: BdfColumn; from: string; factor: number; offset: number; unit?: string }[];
  /** 1-based line of the first data row */
  dataStart: number;
  /** header facts found in the file (e.g. electrode area) */
  meta: Record<string, string | number>;
  /** what the reader found and repaired; complete once batches() has been run to the end */
  checks: ReadChecks;
  /** the file line of each row (complete once batches() has been run to the end): see lineOfRow */
  rowLines: RowLines;
  batches(): AsyncGenerator<RowBatch>;
}

/**
 * Where each row came from, for messages that name a line: the rows at which the line number
 * stops being `first line + row` (blank lines, Neware cycle/step rows, a dropped line), with the
 * line each of those rows is on. A file without such lines has one entry.
 */
export interface RowLines { rows: number[]; lines: number[] }

/** The 1-based file line of row `row` (0-based, as in the batches and the table's columns). */
export function lineOfRow(m: RowLines, row: number): number {
  let lo = 0, hi = m.rows.length - 1;
  if (hi < 0) return NaN;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.rows[mid]! <= row) lo = mid; else hi = mid - 1;
  }
  return m.lines[lo]! + (row - m.rows[lo]!);
}

export interface ReadChecks {
  /** rows whose test time stepped back; time was rebuilt as continuous (offset added) */
  time_resets: number;
  /** 1-based lines of the first few */
  time_reset_lines: number[];
  /** where test time came from when not a plain elapsed-time column */
  time_from?: string;
  /** state/step label column the sign was checked against */
  label_column?: string;
  /** rows with a charge/discharge label, and those whose current sign disagreed (the label won) */
  labelled_rows: number;
  sign_flipped_rows: number;
  /** rows with a negative current before any correction (0: the file writes |I|) */
  negative_current_rows: number;
  rows_with_current: number;
  /** a partial last line (file still being written) that was dropped */
  dropped_last_line?: { line: number; reason: string };
  /** no current column: an OCV recording, current taken as 0 */
  ocv_only?: boolean;
  /** impedance columns (freq/Hz, Re(Z)) in the header, and the rows with a frequency > 0 */
  impedance_columns?: string[];
  impedance_rows?: number;
  /**
   * a simulated eta.csv with its `direction` column (sacplate's own trace): each row's current is its window's mean and a
   * Hold's rows may pass current against their label; the label says the row's half cycle, the current is kept as written
   * (not flipped), and rows against their label are counted here
   */
  window_current?: boolean;
  against_label_rows?: number;
}

type Derived = 'neware-steptime' | 'eta-current';

interface Plan {
  delimiter: string;
  decimalComma: boolean;
  dataStart: number;
  headerLine: number;
  bindings: Binding[];
  durationCols: Set<BdfColumn>;
  meta: Record<string, string | number>;
  /** neware3: cycle/step rows */
  neware3?: { cycleFields: number; stepIdx: { index: number; number: number }; stepType?: number };
  stepTime?: Binding;
  derived?: Derived;
  extraColumns: BdfColumn[];
  /** columns holding absolute date-times (parsed to seconds since 1970) */
  dateCols: Set<BdfColumn>;
  /** test time = a date-time column minus its first value */
  timeFromDate?: Binding;
  /** BDF without a test time: test time = the unix_time_second column (already in s) minus its first value */
  timeFromUnix?: Binding;
  /** the file's own state/step label, for the current's sign */
  label?: { src: number; header: string; map: LabelMap };
  /**
   * a column that says the current's sign only (EC-Lab's ox/red), not each row's half cycle: followed where the current
   * disagrees with it, on rows with current that `label` does not call rest (mends108)
   */
  signOnly?: { src: number; header: string; map: LabelMap };
  /** every line wrapped in one pair of double quotes (Novonix) */
  unquote?: boolean;
  /** no current column (OCV recording): current 0 */
  zeroCurrent?: boolean;
  /**
   * the maker, when its exports end every row with a line break (EC-Lab, BT-Lab): a last line without one was cut, even
   * when its fields look whole (robust63b: a cut inside the last value left a shorter number, read as it was)
   */
  rowsEndWithBreak?: string;
  /** sacplate eta.csv with `direction`: the label names the half cycle and never flips the current (ReadChecks window_current) */
  windowCurrent?: boolean;
  impedance?: string[];
  /** freq/Hz column: rows with a frequency > 0 are impedance points */
  freqSrc?: number;
}

// ---------------------------------------------------------------- detection

export function detectFormat(file: string, head: string[]): FormatId {
  const l0 = head[0] ?? '';
  if (/^(EC|BT)-Lab ASCII FILE/.test(l0)) return 'mpt';
  if (/^time_s,charge_C_per_cm2,overpotential_mV/.test(l0.trim())) return 'sacplate-eta';
  if (l0.trim() === '[Summary]' && head.slice(0, 5).some((l) => /novonix/i.test(l))) return 'novonix';
  if (maccorHeaderLine(head) >= 0) return 'maccor';
  if (pecHeaderLine(head) >= 0) return 'pec';
  if (basytecHeaderLine(head) >= 0) return 'basytec';
  for (const d of ['\t', ';'] as const) {
    if (!l0.includes(d)) continue;
    const n = l0.split(d).map((f) => normalize(splitName(f).base));
    if (n.includes('time') && n.some((x) => ['ewe', '<ewe>', 'ecell', '<ecell>'].includes(x))) return d === '\t' ? 'mpt' : 'btlab-csv';
  }
  const f0 = firstFields(head);
  if (COLUMN_SIGNS.bdf.fits(f0)) return 'bdf';
  if (/^Cycle (Index|ID),/.test(l0) && /^,Step/.test(head[1] ?? '') && /^,,/.test(head[2] ?? '')) return 'neware3';
  for (const id of ['batteryarchive', 'arbin', 'neware'] as const) if (COLUMN_SIGNS[id].fits(f0)) return id;
  if (landtHeaderLine(head) >= 0) return 'landt';
  // a run file or a run's metrics.json given to analyze (a new user's first guess) is told where the trace is
  const ext = path.extname(file).toLowerCase();
  const runFile = ['.yaml', '.yml', '.json'].includes(ext) ? `; a ${ext.slice(1).toUpperCase()} file is no cycler export: simulate a run file (sacplate simulate FILE --out DIR) and analyze DIR/eta.csv` : '';
  // a simulated run's own tables beside its eta.csv (review62: cycles.csv was "of unknown cycler layout", no word of the trace)
  const table = RUN_TABLES[path.basename(file)];
  const trace = path.join(path.dirname(file), 'eta.csv');
  const runTable = table && fs.existsSync(trace) ? `; ${path.basename(file)} is a simulated run's ${table}, not a trace: analyze ${trace} (or the run's folder)` : '';
  throw new FileError(file, `unknown cycler layout (first line: ${JSON.stringify(l0.slice(0, 80))}); give --format (${FORMATS.join(', ')}) or --format generic --map time=COL,voltage=COL,current=COL${runFile}${runTable}`, 1);
}

/** the tables `sacplate simulate --out` writes beside a run's eta.csv, which are no trace to analyse */
const RUN_TABLES: Record<string, string> = { 'cycles.csv': 'per-cycle table (its CE read from the trace already)', 'steps.csv': 'per-step table' };

/** The first line's fields, split at its own delimiter. */
const firstFields = (head: string[]): string[] => {
  const l0 = head[0] ?? '';
  return splitLine(l0, sniffDelimiter(l0)).map((f) => f.trim());
};

/**
 * The column names by which detectFormat knows a layout read from one plain header line, and what
 * they are in words. A forced --format of one of these is refused when the file lacks them and
 * reads as another layout: their plans bind any file with a time, a voltage and a current, and
 * `--format arbin` read a Neware file as Arbin without a word. (A file of no known layout is read as
 * forced: that is what --format is for; one that reads as Landt is refused as any other since audit25.)
 */
interface ColumnSign { fits: (f0: string[]) => boolean; columns: string }
const COLUMN_SIGNS: Record<'bdf' | 'batteryarchive' | 'arbin' | 'neware', ColumnSign> = {
  bdf: { fits: isBdfHeader, columns: 'a BDF time (test_time_second, "Test Time / s", unix_time_second with voltage_volt, ...) or voltage_volt with current_ampere' },
  batteryarchive: {
    // batteryarchive.org standard: Date_Time, Test_Time (s), Cycle_Index, Current (A), Voltage (V), ..., Cell_Temperature (C);
    // BatteryData (batterydata.energy.gov) raw CSV: Cycle_Index, Step, Time_s, ..., Current_A, Voltage_V, Cell_Temperature_C, ...
    fits: (f0: string[]) => (f0.includes('Test_Time (s)') && (f0.includes('Date_Time') || f0.some((f) => /^(Cell|Environment)_Temperature/.test(f))))
      || (f0.includes('Time_s') && f0.includes('Current_A') && f0.includes('Voltage_V')),
    columns: 'Test_Time (s) with Date_Time or Cell_Temperature (C), or Time_s with Current_A and Voltage_V',
  },
  arbin: {
    // old headers (Data_Point, Test_Time, Cycle_Index) and MITS Pro: "Data Point,Date Time,Test Time (s),Step Time (s),Cycle Index,Step Index,Current (A),..."
    fits: (f0: string[]) => f0.includes('Data_Point') || (f0.some((f) => /^Test_Time/.test(f)) && f0.some((f) => /^Cycle_Index/.test(f)))
      || (!f0.includes('Step Type') && !f0.includes('DataPoint') && (f0.includes('Data Point') || (f0.some((f) => /^Test Time \(/.test(f)) && f0.includes('Cycle Index')))),
    columns: 'Data_Point, or Test_Time with Cycle_Index; MITS Pro: Data Point, or Test Time (s) with Cycle Index',
  },
  // and its Chinese exports (cyclerzh): BTS 8 "工步类型" (Step Type), "数据序号" (DataPoint); BTS 7.6 "记录序号" (Record number)
  neware: {
    fits: (f0: string[]) => f0.includes('Step Type') || f0.includes('DataPoint') || f0.includes('Cycle Index') || f0.includes('工步类型') || f0.includes('数据序号') || f0.includes('记录序号'),
    columns: 'Step Type, DataPoint or Cycle Index; in Chinese 工步类型, 数据序号 or 记录序号',
  },
};

/**
 * A forced `format` the file's first line does not fit while it reads as another layout: refused
 * naming the format asked, the layout the file reads as and the columns the asked one needs.
 */
function refuseForcedMismatch(file: string, format: FormatId, head: string[]): void {
  if (format === 'landt') return refuseForcedLandt(file, head);
  const sign = (COLUMN_SIGNS as Partial<Record<FormatId, ColumnSign>>)[format];
  if (!sign || sign.fits(firstFields(head))) return;
  let sniffed: FormatId | undefined;
  try { sniffed = detectFormat(file, head); } catch { return; } // no known layout: read as forced
  // a file that reads as Landt too (audit25: it was exempt, read as forced: a Landt export reported as "format arbin",
  // and one with its preamble refused as "no test_time_second column" on line 1); leaving --format out reads it
  if (sniffed === format) return;
  throw new InputError('--format', format, `a layout that fits ${path.basename(file)}: its column-name line has none of the ${FORMAT_NAMES[format]} columns (${sign.columns}); it reads as ${FORMAT_NAMES[sniffed]} (--format ${sniffed}): leave --format out, give --format ${sniffed}, or name the columns with --map`);
}

/**
 * A forced `landt` on a file that reads as another layout: Landt has no columns of its own to ask for (test time,
 * current and voltage), so any layout known by its own columns comes first (audit25: an Arbin export was read and
 * reported as Landt; a Neware one refused as "no Landt column-name line"). A file of no known layout is read as forced.
 */
function refuseForcedLandt(file: string, head: string[]): void {
  let sniffed: FormatId;
  try { sniffed = detectFormat(file, head); } catch { return; }
  if (sniffed === 'landt') return;
  throw new InputError('--format', 'landt', `a layout that fits ${path.basename(file)}: it reads as ${FORMAT_NAMES[sniffed]} (--format ${sniffed}), whose columns it has; Landt is known only by test time, current and voltage, which most layouts have: leave --format out, give --format ${sniffed}, or name the columns with --map`);
}

/**
 * BDF: a test time by any version's machine name (test_time_second, test_time_millisecond, ...)
 * or "Test Time / unit" label; or, as the 1.3.0 schema allows, only a unix time (unix_time_second,
 * unix_time_millisecond, "Unix Time / s") beside a BDF voltage column; or voltage_volt and
 * current_ampere without any time (refused by the BDF plan with the time columns it could have).
 */
function isBdfHeader(f0: string[]): boolean {
  const cols = f0.map((f) => bdfName(f)?.col);
  if (cols.includes('test_time_second') || f0.some((f) => /^Test Time \/ \S+$/.test(f))) return true;
  const unix = cols.includes('unix_time_second') || f0.some((f) => /^Unix Time \/ \S+$/.test(f));
  if (unix && (cols.includes('voltage_volt') || f0.some((f) => /^Voltage \/ \S+$/.test(f)))) return true;
  // no time at all but BDF's own voltage and current names: read as BDF, to be refused naming the time columns it may use
  return f0.includes('voltage_volt') && f0.includes('current_ampere');
}

/** The delimiter among , ; tab that splits the line into the most fields. */
export function sniffDelimiter(line: string): string {
  let best = ',', n = line.split(',').length;
  for (const d of [';', '\t']) {
    const k = line.split(d).length;
    if (k > n) { best = d; n = k; }
  }
  return best;
}

/** Decimal comma when the delimiter is not a comma and data cells hold "digits,digits". */
function sniffDecimalComma(lines: string[], delimiter: string): boolean {
  if (delimiter === ',') return false;
  return lines.slice(0, 50).some((l) => /(^|[^\d])\d+,\d+([eE][-+]?\d+)?($|[^\d])/.test(l));
}

function maccorHeaderLine(head: string[]): number {
  for (let i = 0; i < Math.min(head.length, 40); i++) {
    const l = head[i]!;
    if (!/^\s*Rec#?\s*[\t,]/.test(l)) continue;
    const n = splitLine(l, l.includes('\t') ? '\t' : ',').map((f) => normalize(splitName(f).base));
    if ((n.includes('amps') || n.includes('current')) && (n.includes('state') || n.includes('md'))) return i;
  }
  return -1;
}

function basytecHeaderLine(head: string[]): number {
  for (let i = 0; i < Math.min(head.length, 60); i++) if (/^~Time\[h\]/.test(head[i]!) && /U\[V\]/.test(head[i]!) && /I\[A\]/.test(head[i]!)) return i;
  return -1;
}

function pecHeaderLine(head: string[]): number {
  for (let i = 0; i < Math.min(head.length, 200); i++) if (/^Test,Cell,Rack,Shelf,Position,/.test(head[i]!)) return i;
  return -1;
}

/**
 * The Landt column-name line: test time, current and voltage among its fields, and the next non-blank
 * line (if the head holds one) reaching the last of them, as a row the reader takes must. Without that
 * second test, prose that lists column names was read as a header (../shared/data/cycler/SOURCES.md:
 * "Arbin CSV (Data_Point, Test_Time, ..., Current, Voltage, ...)", refused on its next line).
 */
function landtHeaderLine(head: string[]): number {
  for (let i = 0; i < Math.min(head.length, 60); i++) {
    const d = sniffDelimiter(head[i]!);
    const n = splitLine(head[i]!, d).map((f) => normalize(splitName(f).base));
    const cols = ['testtime', 'current', 'voltage'].map((c) => n.indexOf(c));
    if (cols.some((c) => c < 0)) continue;
    const next = head.slice(i + 1).find((l) => l.trim() !== '');
    if (next === undefined || splitLine(next, d).length > Math.max(...cols)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- mapping option

const MAP_KEYS: Record<string, BdfColumn> = {
  time: 'test_time_second', voltage: 'voltage_volt', current: 'current_ampere', cycle: 'cycle_count',
  step: 'step_index', temperature: 'ambient_temperature_celsius', charge: 'charging_capacity_ah', discharge: 'discharging_capacity_ah',
};

export type MapSpec = Partial<Record<BdfColumn, { column: string; unit?: string }>>;

/** `--map` text: column choices, and `sign=COL:C+,D-,R0` (the current's sign from a label column). */
export function parseMapFull(spec: string): { cols: MapSpec; sign?: { column: string; map: LabelMap } } {
  const out: MapSpec = {};
  let sign: { column: string; map: LabelMap } | undefined;
  const items = spec.split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const eq = item.indexOf('=');
    if (eq > 0 && item.slice(0, eq).trim() === 'sign') {
      // sign=Md:C+,D-  (the rule's items run until the next key=...)
      let rhs = item.slice(eq + 1);
      while (i + 1 < items.length && !items[i + 1]!.includes('=')) rhs += ',' + items[++i]!;
      const colon = rhs.lastIndexOf(':');
      const map = colon > 0 ? parseSignRule(rhs.slice(colon + 1)) : undefined;
      if (!map) throw new InputError('--map sign', rhs, 'COLUMN:LABEL+,LABEL-[,LABEL0], e.g. "sign=Md:C+,D-,R0"');
      sign = { column: rhs.slice(0, colon).trim(), map };
      continue;
    }
    if (eq <= 0) throw new InputError('--map', item, 'key=COLUMN or key=COLUMN@unit, keys: ' + Object.keys(MAP_KEYS).join(', ') + ', sign or a BDF column name');
    const key = item.slice(0, eq).trim();
    const col = (MAP_KEYS[key] ?? (BDF_COLUMNS as readonly string[]).includes(key) ? (MAP_KEYS[key] ?? key) : undefined) as BdfColumn | undefined;
    if (!col) throw new InputError('--map', key, 'one of ' + Object.keys(MAP_KEYS).join(', ') + ', sign or a BDF column name');
    const rhs = item.slice(eq + 1);
    const at = rhs.lastIndexOf('@');
    out[col] = at >= 0 ? { column: rhs.slice(0, at).trim(), unit: rhs.slice(at + 1).trim() } : { column: rhs.trim() };
  }
  return sign ? { cols: out, sign } : { cols: out };
}

export function parseMap(spec: string): MapSpec {
  return parseMapFull(spec).cols;
}

// ---------------------------------------------------------------- plans

function aliasesWith(extra: Aliases): Aliases {
  const a: Aliases = { ...COMMON_ALIASES };
  for (const [k, v] of Object.entries(extra) as [BdfColumn, string[]][]) a[k] = v;
  return a;
}

/** time and voltage are needed; a file without current is read as OCV (current 0) */
const NEEDED: readonly BdfColumn[] = ['test_time_second', 'voltage_volt'];

const MPT_ALIASES: Aliases = aliasesWith({
  test_time_second: ['time', 'testtime'],
  voltage_volt: ['ewe', '<ewe>', 'ecell', '<ecell>', 'voltage'],
});

/** Maccor: "Rec#, Cyc#, Step, TestTime | Test (Sec), ..., Amp-hr, Watt-hr, Amps, Volts, State, ES, DPt Time" */
const MACCOR_ALIASES: Aliases = aliasesWith({
  test_time_second: ['testtime', 'testsec', 'test'],
  voltage_volt: ['volts', 'voltage'],
  current_ampere: ['amps', 'current'],
  cycle_count: ['cyc', 'cyclec', 'cycle'],
  step_capacity_ah: ['amphr', 'cap', 'capacity'],
  step_energy_wh: ['watthr', 'ener', 'energy'],
  unix_time_second: ['dpttime'],
  ambient_temperature_celsius: [],
});

/** Novonix: "Date and Time, Cycle Number, Step Type, Run Time (h), Step Time (h), Current (A), Potential (V), Capacity (Ah), ..." */
const NOVONIX_ALIASES: Aliases = aliasesWith({
  test_time_second: ['runtime'],
  step_index: ['stepnumber'],
  step_count: [],
  unix_time_second: ['dateandtime'],
  ambient_temperature_celsius: ['circuittemperature'],
  temperature_t1_celsius: ['temperature'],
});

/** Basytec: "~Time[h] DataSet Date Time t-Step[h] ... Line Command U[V] I[A] Ah[Ah] ... T1[°C] Cyc-Count Count State" */
const BASYTEC_ALIASES: Aliases = aliasesWith({
  test_time_second: ['~time', 'time'],
  voltage_volt: ['u'],
  current_ampere: ['i'],
  cycle_count: ['cyccount'],
  step_index: ['line'],
  net_capacity_ah: ['ah'],
  step_capacity_ah: ['ahstep'],
  ambient_temperature_celsius: [],
  temperature_t1_celsius: ['t1'],
});

/** batteryarchive.org standard timeseries (and BatteryData exports of it) */
const BATTERYARCHIVE_ALIASES: Aliases = aliasesWith({
  test_time_second: ['testtime', 'time'],
  unix_time_second: ['datetime'],
  ambient_temperature_celsius: ['environmenttemperature'],
  temperature_t1_celsius: ['celltemperature'],
});

/** PEC: "Test,Cell,...,Step,Cycle,Total Time (Seconds),...,Real Time,...,Voltage (mV),Current (mA),Charge Capacity (mAh),..." */
const PEC_ALIASES: Aliases = aliasesWith({
  test_time_second: ['totaltime'],
  unix_time_second: ['realtime'],
  ambient_temperature_celsius: ['stationtemperature'],
  temperature_t1_celsius: ['temp'],
});

/** cyclers whose temperature channel is a probe on the cell (BDF surface temperature T1) */
const SURFACE_T: Aliases = aliasesWith({
  ambient_temperature_celsius: ['ambienttemperature'],
  temperature_t1_celsius: ['temperature', 'temperature1', 'auxtemperature1', 't1'],
});

/** Arbin, old (Test_Time, DateTime as unix seconds) and MITS Pro ("Test Time (s)", "Date Time" as text) headers */
const ARBIN_ALIASES: Aliases = aliasesWith({ ...SURFACE_T, unix_time_second: ['datetime'] });

/**
 * BDF preferred labels ("Step ID", "Temperature T1 / degC", "Unix Time / ms") besides the common
 * names; machine names of every version come from bdfName. "Step ID" (1.3.0) before "Step Index"
 * (the program step until 1.3.0); an unqualified temperature is channel T1 (1.2.0).
 */
const BDF_ALIASES: Aliases = aliasesWith({
  unix_time_second: ['unixtime'],
  step_index: ['stepid', 'stepindex'],
  step_capacity_ah: ['stepcumulativecapacity', 'stepcapacity'],
  step_energy_wh: ['stepcumulativeenergy', 'stepenergy'],
  internal_resistance_ohm: ['internalresistance', 'dcinternalresistance'],
  ambient_temperature_celsius: ['ambienttemperature'],
  temperature_t1_celsius: ['temperaturet1', 'surfacetemperaturet1', 'temperature', 'surfacetemperature', 'temperature1'],
});

/** What a BDF file may give its time in, for the message when it has none. */
const BDF_TIME_NAMES = 'test_time_second (or test_time_s), test_time_millisecond (or test_time_ms, the name until mid-2025), a "Test Time / UNIT" label in any time unit, or, without a test time, unix_time_second, unix_time_millisecond, date_time_millisecond or a "Unix Time / UNIT" label (test time is then the unix time minus its first value)';

/**
 * A data row among the file's first that fills more fields than the column-name line names is refused: the reader takes
 * each column by its position, so its values would be read as other columns'. The case met is decimal commas in a
 * comma-separated file (a BDF CSV written with a German locale: "0,020,2,9215,0,0000,..."), which was read as a
 * time of 0 s, a voltage of 20 V, a current of 2 A and so on, and printed one 24063 mAh charge without a word
 * (cycfile65). Empty trailing fields (a trailing delimiter: Landt, EC-Lab) are not filled fields.
 */
function refuseLongRows(file: string, s: Sniff, headerIdx: number, names: number, delimiter: string, unq: (l: string) => string): void {
  let seen = 0;
  for (let i = headerIdx + 1; i < s.head.length && seen < 50; i++) {
    const l = unq(s.head[i]!);
    if (l.trim() === '') continue;
    seen++;
    const f = splitLine(l, delimiter);
    let filled = f.length;
    while (filled > 0 && f[filled - 1]!.trim() === '') filled--;
    if (filled <= names) continue;
    const shown = l.length > 60 ? `${l.slice(0, 57)}...` : l;
    const comma = delimiter === ',' && /\d,\d/.test(l)
      ? ': decimal commas in a comma-separated file? A comma cannot be both the delimiter and the decimal mark; export the file with ";" or tab between values, or with decimal points'
      : `: values without a column name (a misplaced delimiter, or a column-name line that lacks names?); the reader takes columns by position, so they would be read as other columns' values`;
    throw new FileError(file, `${filled} filled field(s) where the column-name line (line ${headerIdx + 1}) names ${names} (${JSON.stringify(shown)})${comma}`, i + 1);
  }
}

function needLine(file: string, s: Sniff, idx: number, what: string): string {
  const l = s.head[idx];
  if (l === undefined) {
    if (s.complete) throw new FileError(file, `truncated: ${what} expected on line ${idx + 1}, but the file has ${s.head.length} line(s)`, s.head.length);
    throw new FileError(file, `${what} expected on line ${idx + 1}, beyond the first 64 KiB`, idx + 1);
  }
  return l;
}

function planFor(file: string, format: FormatId, s: Sniff, o: ReadOptions): Plan {
  const p_meta_novonix: Record<string, string> = {};
  const mapped = o.map ? parseMapFull(o.map) : undefined;
  const explicit = mapped && Object.keys(mapped.cols).length > 0 ? mapped.cols : undefined;
  const base = () => ({ durationCols: new Set<BdfColumn>(['test_time_second']), dateCols: new Set<BdfColumn>(), meta: {} as Record<string, string | number>, extraColumns: [] as BdfColumn[] });
  /** one header line, then one row per line; delimiter and decimal comma sniffed unless --delimiter */
  const flat = (headerIdx: number, delimiter0: string | undefined, aliases: Aliases, fmt: string, required: readonly BdfColumn[] = NEEDED, unquote = false, names?: typeof bdfName): Plan => {
    const unq = (l: string) => (unquote && l.length > 1 && l[0] === '"' && l[l.length - 1] === '"' ? l.slice(1, -1) : l);
    const line = unq(needLine(file, s, headerIdx, 'the column-name line'));
    const delimiter = o.delimiter ?? delimiter0 ?? sniffDelimiter(line);
    const fields = splitLine(line, delimiter);
    while (fields.length > 0 && fields[fields.length - 1]!.trim() === '') fields.pop();
    const skipped: NonNullable<Parameters<typeof bindColumns>[1]['skipped']> = [];
    const formatId = (Object.keys(FORMAT_NAMES) as FormatId[]).find((k) => FORMAT_NAMES[k] === fmt);
    const bindings = bindColumns(fields, { file, line: headerIdx + 1, aliases, required, explicit, format: fmt, skipped, delimiter, ...(formatId ? { formatId } : {}), ...(names ? { names } : {}) });
    const dataLines = s.head.slice(headerIdx + 1).filter((l) => l.trim() !== '').map(unq);
    refuseLongRows(file, s, headerIdx, fields.length, delimiter, unq);
    const p: Plan = { ...base(), delimiter, decimalComma: sniffDecimalComma(dataLines, delimiter), headerLine: headerIdx + 1, dataStart: headerIdx + 2, bindings, unquote };
    if (skipped.length) p.meta.columns_not_read = [...new Set(skipped.map((x) => `"${x.header}" (${x.unit}: not ${x.col.includes('energy') ? 'an energy' : 'a capacity'})`))].join(', ');
    finish(p, fields, dataLines);
    return p;
  };
  /** EC-Lab's `mode` column (3 = rest) tells rest rows, where no other label or --map sign does */
  const eclabMode = (p: Plan, headerLine: string, delimiter: string) => {
    if (p.label || mapped?.sign) return;
    const fields = splitLine(headerLine, delimiter);
    const k = fields.findIndex((f) => f.trim() === 'mode');
    if (k >= 0) p.label = { src: k, header: 'mode', map: ECLAB_MODE };
    // ox/red (1 oxidation, 0 reduction): the current's sign, as a Neware Step Type gives it (review83)
    const ox = fields.findIndex((f) => f.trim() === 'ox/red');
    if (ox >= 0) p.signOnly = { src: ox, header: 'ox/red', map: ECLAB_OXRED };
  };
  /**
   * EC-Lab names each column once: a column the reader reads named twice (robust63b: "I/mA" renamed "Ewe/V") was read
   * as its first, and a current lost that way read the file as an open-circuit recording; which one is meant cannot be
   * told, so the file is refused. A column not read, named twice, is left as it is.
   */
  const readOnce = (p: Plan, headerLine: string) => {
    const fields = splitLine(headerLine, p.delimiter).map((f) => f.trim());
    const read = [...p.bindings, ...(p.timeFromDate ? [p.timeFromDate] : []), ...(p.label ? [p.label] : []), ...(p.signOnly ? [p.signOnly] : [])];
    for (const b of read) {
      const again = fields.findIndex((f, i) => i !== b.src && f === b.header);
      if (again < 0) continue;
      const [a, z] = [Math.min(b.src, again) + 1, Math.max(b.src, again) + 1];
      throw new FileError(file, `column "${b.header}" is named twice in the header (columns ${a} and ${z}): which one is meant cannot be told, and a column renamed that way is lost (a current column lost reads as an open-circuit recording); an export names each column once: give the other column its own name in the header (for example I/mA)`, p.headerLine);
    }
  };
  /** date-time columns, the sign label, OCV files, impedance columns */
  const finish = (p: Plan, fields: string[], dataLines: string[]) => {
    const first = dataLines[0] !== undefined ? splitLine(dataLines[0], p.delimiter) : [];
    for (const b of p.bindings) {
      const cell = first[b.src];
      if (cell === undefined || !looksLikeDateTime(cell)) continue;
      if (b.col === 'test_time_second') {
        p.timeFromDate = b;
        p.durationCols.delete('test_time_second');
        p.meta.time_source = `absolute date-time column "${b.header}" minus its first value`;
      } else if (b.col === 'unix_time_second') p.dateCols.add(b.col);
    }
    if (p.timeFromDate) p.bindings = p.bindings.filter((b) => b !== p.timeFromDate);
    const norm = fields.map((f) => normalize(splitName(f).base));
    if (mapped?.sign) {
      const k = fields.findIndex((f) => f.trim() === mapped.sign!.column);
      if (k < 0) throw new FileError(file, `--map sign: no column named "${mapped.sign.column}"; columns are: ${fields.map((f) => f.trim()).filter((x) => x !== '').join(', ')}`, p.headerLine);
      p.label = { src: k, header: fields[k]!.trim(), map: mapped.sign.map };
    } else {
      const k = norm.findIndex((n) => n === 'state' || n === 'md');
      const ls = norm.findIndex((n) => n === 'stepstate');
      const st = norm.findIndex((n) => n === 'steptype' || n === 'instructionname' || n === 'command' || ZH_STEP_TYPE.includes(n));
      // a text label column: Maccor State/Md letters; Neware/PEC step names, in English or Chinese (not Novonix's numeric codes)
      if (k >= 0 && first[k] !== undefined && /^\s*[A-Z]{1,3}\s*$/.test(first[k]!)) p.label = { src: k, header: fields[k]!.trim(), map: MACCOR_STATE };
      else if (ls >= 0) p.label = { src: ls, header: fields[ls]!.trim(), map: LANDT_STATE };
      else if (st >= 0 && first[st] !== undefined && /[A-Za-z\u4e00-\u9fff]/.test(first[st]!)) p.label = { src: st, header: fields[st]!.trim(), map: STEP_NAME };
    }
    if (!p.bindings.some((b) => b.col === 'current_ampere') && !p.derived) {
      p.zeroCurrent = true;
      p.extraColumns.push('current_ampere');
      p.meta.technique = 'OCV (no current column: current taken as 0)';
    }
    const imp = fields.map((f) => f.trim()).filter((f) => /^(freq\/Hz|Re\(Z\)\/Ohm|-Im\(Z\)\/Ohm|\|Z\|\/Ohm|Phase\(Z\)\/deg)$/.test(f));
    if (imp.length >= 2) {
      p.impedance = imp;
      const fq = fields.findIndex((f) => f.trim() === 'freq/Hz');
      if (fq >= 0) p.freqSrc = fq;
    }
  };
  switch (format) {
    case 'mpt': {
      let headerIdx = 0;
      const meta: Record<string, string | number> = {};
      if (/^(EC|BT)-Lab ASCII FILE/.test(s.head[0] ?? '')) {
        const l1 = needLine(file, s, 1, '"Nb header lines : N"');
        const m = /^Nb header lines\s*:\s*(\d+)\s*$/.exec(l1.trim());
        if (!m) throw new FileError(file, `line 2 should read "Nb header lines : N", found ${JSON.stringify(l1.slice(0, 60))}`, 2);
        const n = Number(m[1]);
        if (n < 3) throw new FileError(file, `"Nb header lines : ${n}": at least 3 expected (magic line, count line, column names)`, 2);
        headerIdx = n - 1;
        for (let i = 2; i < Math.min(headerIdx, s.head.length); i++) {
          const line = s.head[i]!;
          const a = /^Electrode surface area\s*:\s*([-+]?[\d]+(?:[.,]\d*)?(?:[eE][-+]?\d+)?)\s*(\S*)/.exec(line);
          if (a) {
            const v = Number(a[1]!.replace(',', '.'));
            const u = a[2]!.replace('²', '2');
            const f = u === 'cm2' ? 1 : u === 'mm2' ? 0.01 : u === 'm2' ? CM2_PER_M2 : NaN;
            // EC-Lab writes 0.001 cm2 (its default) or 0 when nobody set the area: unknown, not an area
            // to 12 digits, as --area is read: "113.0 mm²" printed "1.1300000000000001 cm2"
            if (Number.isFinite(v * f) && v * f > 0.0011) meta.electrode_area_cm2 = Number((v * f).toPrecision(12));
            else if (Number.isFinite(v * f)) meta.electrode_area_placeholder = `${a[1]} ${a[2]} (EC-Lab's value when no area was set: treated as unknown)`;
            // a unit other than cm2, mm2, m2 (in², none): the header's value named, not read (review70: "area: unknown" and no word of it)
            else meta.electrode_area_placeholder = `${a[1]}${a[2] ? ` ${a[2]}` : ''} (a unit not read${a[2] ? '' : ': none given'}; cm², mm² or m² expected)`;
          }
          const mm = /^Characteristic mass\s*:\s*([\d]+(?:[.,]\d*)?)\s*(\S*)/.exec(line);
          if (mm) meta.characteristic_mass = `${mm[1]!.replace(',', '.')} ${mm[2]}`;
        }
      }
      const p = flat(headerIdx, '\t', MPT_ALIASES, FORMAT_NAMES.mpt);
      eclabMode(p, s.head[headerIdx]!, '\t');
      readOnce(p, s.head[headerIdx]!);
      p.rowsEndWithBreak = /^BT-Lab/.test(s.head[0] ?? '') ? 'BT-Lab' : 'EC-Lab';
      Object.assign(p.meta, meta);
      p.decimalComma = true;
      return p;
    }
    case 'btlab-csv': {
      const p = flat(0, ';', MPT_ALIASES, FORMAT_NAMES['btlab-csv']);
      eclabMode(p, s.head[0]!, p.delimiter);
      readOnce(p, s.head[0]!);
      p.rowsEndWithBreak = 'BT-Lab';
      return p;
    }
    case 'maccor': {
      const i = maccorHeaderLine(s.head);
      if (i < 0) throw new FileError(file, 'no Maccor column-name line (Rec#, ..., Amps, ..., State) in the first 40 lines', 1);
      const p = flat(i, s.head[i]!.includes('\t') ? '\t' : ',', MACCOR_ALIASES, FORMAT_NAMES.maccor);
      for (let k = 0; k < i; k++) for (const m of s.head[k]!.matchAll(/([A-Za-z][A-Za-z .#/']*?):?\t([^\t]+)/g)) if (m[2]!.trim() !== '') p.meta[m[1]!.trim()] = m[2]!.trim();
      return p;
    }
    case 'novonix': {
      const d = s.head.findIndex((l) => l.trim() === '[Data]');
      if (d < 0) throw new FileError(file, 'Novonix file without a [Data] section in the first 64 KiB', 1);
      for (let k = 1; k < d; k++) {
        const m = /^([A-Za-z][^:]*):\s*(.+)$/.exec(s.head[k]!);
        if (m && !m[1]!.startsWith('[')) p_meta_novonix[m[1]!.trim()] = m[2]!.trim();
      }
      const p = flat(d + 1, ',', NOVONIX_ALIASES, FORMAT_NAMES.novonix, NEEDED, true);
      for (const k of ['Cell', 'Protocol', 'Started', 'Channel', 'Version']) if (p_meta_novonix[k] !== undefined) p.meta[k] = p_meta_novonix[k]!;
      if (p_meta_novonix['Area (cm2)'] !== undefined) p.meta.electrode_area_placeholder = `${p_meta_novonix['Area (cm2)']} cm2 (Novonix header default, not read as the area)`;
      return p;
    }
    case 'basytec': {
      const i = basytecHeaderLine(s.head);
      if (i < 0) throw new FileError(file, 'no Basytec column-name line (~Time[h] ... U[V] I[A]) in the first 60 lines', 1);
      const p = flat(i, undefined, BASYTEC_ALIASES, FORMAT_NAMES.basytec);
      for (let k = 0; k < i; k++) {
        const m = /^~([^:]+):\s*(.+)$/.exec(s.head[k]!);
        if (m) p.meta[m[1]!.trim()] = m[2]!.trim();
      }
      return p;
    }
    case 'batteryarchive':
      return flat(0, undefined, BATTERYARCHIVE_ALIASES, FORMAT_NAMES.batteryarchive);
    case 'pec': {
      const i = pecHeaderLine(s.head);
      if (i < 0) throw new FileError(file, 'no PEC column-name line (Test,Cell,Rack,Shelf,Position,...) in the first 200 lines', 1);
      const p = flat(i, ',', PEC_ALIASES, FORMAT_NAMES.pec);
      for (let k = 0; k < i; k++) {
        const m = /^([A-Za-z][^:,]*):,([^,]+)/.exec(s.head[k]!);
        if (m) p.meta[m[1]!.trim()] = m[2]!.trim();
      }
      return p;
    }
    case 'bdf': {
      // time is checked here, not as a required column, to name every form the spec has given it
      const p = flat(0, undefined, BDF_ALIASES, FORMAT_NAMES.bdf, ['voltage_volt'], false, bdfName);
      if (!p.timeFromDate && !p.bindings.some((b) => b.col === 'test_time_second')) {
        const unix = p.bindings.find((b) => b.col === 'unix_time_second');
        if (!unix) {
          const found = splitLine(s.head[0]!, p.delimiter).map((f) => f.trim()).filter((f) => f !== '');
          throw new FileError(file, `${FORMAT_NAMES.bdf} header has no time column: expected ${BDF_TIME_NAMES}; found: ${found.join(', ')}`, 1);
        }
        p.timeFromUnix = unix;
        p.extraColumns.push('test_time_second');
        p.meta.time_source = `unix time column "${unix.header}" minus its first value (the file has no test time)`;
      }
      return p;
    }
    case 'arbin': { // Arbin's Temperature / Aux_Temperature is a thermocouple on the cell
      const p = flat(0, undefined, ARBIN_ALIASES, FORMAT_NAMES.arbin);
      Object.assign(p.meta, arbinMetadata(file));
      return p;
    }
    case 'landt': {
      const i = landtHeaderLine(s.head);
      if (i < 0) throw new FileError(file, 'no Landt column-name line (test_time, current, voltage) in the first 60 lines', 1);
      const p = flat(i, undefined, COMMON_ALIASES, FORMAT_NAMES.landt);
      for (let k = 0; k < i; k++) {
        const m = /^([^:,]+):\s*([^,]*)/.exec(s.head[k]!);
        if (m && m[2]!.trim() !== '') p.meta[m[1]!.trim()] = m[2]!.trim();
      }
      return p;
    }
    case 'neware': {
      const l0 = needLine(file, s, 0, 'the column-name line');
      const fields = splitLine(l0, o.delimiter ?? sniffDelimiter(l0));
      const hasTotal = fields.some((f) => ['totaltime', 'cumulativetime', 'testtime', '总时间'].includes(normalize(splitName(f).base)));
      const p = flat(0, undefined, SURFACE_T, FORMAT_NAMES.neware, hasTotal || explicit?.test_time_second ? NEEDED : ['voltage_volt']);
      if (!p.bindings.some((b) => b.col === 'test_time_second')) {
        const k = fields.findIndex((f) => { const n = normalize(splitName(f).base); return n === 'time' || ZH_STEP_TIME.includes(n); });
        if (k < 0) throw new FileError(file, 'Neware header has neither a total/cumulative time (Total Time, Cumulative Time, 总时间) nor a step time column (Time, 时间, 相对时间)', 1);
        p.stepTime = { col: 'test_time_second', src: k, header: fields[k]!.trim(), factor: 1, offset: 0 };
        p.derived = 'neware-steptime';
        p.extraColumns.push('test_time_second');
      }
      return p;
    }
    case 'neware3': {
      const cyc = splitLine(needLine(file, s, 0, 'the cycle header'), ',');
      const step = splitLine(needLine(file, s, 1, 'the step header'), ',');
      const rec = splitLine(needLine(file, s, 2, 'the record header'), ',');
      if (normalize(cyc[0] ?? '') !== 'cycleindex' && normalize(cyc[0] ?? '') !== 'cycleid') throw new FileError(file, 'first header line should start with "Cycle Index"', 1);
      const si = step.findIndex((f) => normalize(f) === 'stepindex' || normalize(f) === 'stepid');
      const sn = step.findIndex((f) => normalize(f) === 'stepnumber');
      if (si < 0) throw new FileError(file, 'second header line has no "Step Index"', 2);
      const recFields = rec.slice(2);
      const hasTotal = recFields.some((f) => ['totaltime', 'cumulativetime', 'testtime'].includes(normalize(splitName(f).base)));
      const bindings = bindColumns(recFields, { file, line: 3, aliases: SURFACE_T, required: hasTotal ? REQUIRED : ['voltage_volt', 'current_ampere'], explicit, format: FORMAT_NAMES.neware3 })
        .filter((b) => b.col !== 'cycle_count' && b.col !== 'step_index' && b.col !== 'step_count')
        .map((b) => ({ ...b, src: b.src + 2 }));
      const p: Plan = { ...base(), delimiter: ',', decimalComma: false, headerLine: 3, dataStart: 4, bindings, neware3: { cycleFields: cyc.length, stepIdx: { index: si, number: sn } } };
      // the Step Type of the step rows ("CC Chg", "CC DChg", "Rest") labels the records under them
      const st = step.findIndex((f) => normalize(f) === 'steptype');
      if (st >= 0) {
        p.meta.step_type_column = `"${step[st]}" on step rows`;
        p.neware3!.stepType = st;
        p.label = { src: -1, header: step[st]!.trim(), map: STEP_NAME };
      }
      p.extraColumns.push('cycle_count', 'step_index');
      if (sn >= 0) p.extraColumns.push('step_count');
      if (!hasTotal) {
        const k = recFields.findIndex((f) => normalize(splitName(f).base) === 'time');
        if (k < 0) throw new FileError(file, 'record header has neither Total Time nor Time', 3);
        p.stepTime = { col: 'test_time_second', src: k + 2, header: recFields[k]!.trim(), factor: 1, offset: 0 };
        p.derived = 'neware-steptime';
        p.extraColumns.push('test_time_second');
      }
      return p;
    }
    case 'sacplate-eta': {
      const fields = splitLine(needLine(file, s, 0, 'the column-name line'), ',').map((f) => f.trim());
      // the simulator writes per cm2 (charge_C_per_cm2, current_mA_per_cm2): read as 1 cm2 unless --area says otherwise
      const perCm2 = o.area_cm2 === undefined ? { electrode_area_cm2: 1, electrode_area_source: 'sacplate eta.csv: the trace is per cm2' } : {};
      const need = ['time_s', 'charge_C_per_cm2', 'overpotential_mV'];
      for (const n of need) if (!fields.includes(n)) throw new FileError(file, `eta.csv header lacks ${n}`, 1);
      const bindings: Binding[] = [
        { col: 'test_time_second', src: fields.indexOf('time_s'), header: 'time_s', factor: 1, offset: 0 },
        { col: 'voltage_volt', src: fields.indexOf('overpotential_mV'), header: 'overpotential_mV', factor: 1e-3, offset: 0 },
      ];
      if (fields.includes('cycle')) bindings.push({ col: 'cycle_count', src: fields.indexOf('cycle'), header: 'cycle', factor: 1, offset: 0 });
      if (fields.includes('current_mA_per_cm2')) {
        // eta.csv of a cycling run (issue 5) writes its current: read it instead of deriving it
        bindings.push({ col: 'current_ampere', src: fields.indexOf('current_mA_per_cm2'), header: 'current_mA_per_cm2', factor: 1e-3 * (o.area_cm2 ?? 1), offset: 0 });
        const pc: Plan = { ...base(), delimiter: ',', decimalComma: false, headerLine: 1, dataStart: 2, bindings };
        // a run written since analyzecccv labels each row with its half cycle's direction (simulation/report.ts): a Hold's
        // rows, whatever their current's sign, are in the half of the Hold's own sign, as in the run's cycles.csv
        if (fields.includes('direction')) { pc.label = { src: fields.indexOf('direction'), header: 'direction', map: SIM_DIRECTION }; pc.windowCurrent = true; }
        Object.assign(pc.meta, perCm2);
        pc.meta.voltage_source = 'overpotential_mV (working electrode), not the cell voltage';
        pc.meta.current_source = `current_mA_per_cm2 * ${o.area_cm2 ?? 1} cm2`;
        return pc;
      }
      const p: Plan = { ...base(), delimiter: ',', decimalComma: false, headerLine: 1, dataStart: 2, bindings, derived: 'eta-current' };
      Object.assign(p.meta, perCm2);
      p.stepTime = { col: 'current_ampere', src: fields.indexOf('charge_C_per_cm2'), header: 'charge_C_per_cm2', factor: o.area_cm2 ?? 1, offset: 0 };
      p.extraColumns.push('current_ampere');
      p.meta.voltage_source = 'overpotential_mV (working electrode), not the cell voltage';
      p.meta.current_source = `sign(eta) * |d charge_C_per_cm2 / dt| * ${o.area_cm2 ?? 1} cm2`;
      return p;
    }
    case 'generic': {
      if (!explicit && !mapped?.sign) throw new InputError('--map', undefined, 'a column mapping for --format generic, e.g. "time=Time (s),voltage=Voltage (V),current=Current@mA"');
      const hl = (o.headerLine ?? 1) - 1;
      const line = needLine(file, s, hl, 'the column-name line');
      void line;
      return flat(hl, undefined, {}, 'generic', NEEDED);
    }
  }
}

/** Arbin exports (BEEP) come with a sidecar NAME_Metadata.csv: one header row, one value row. */
export function arbinMetadata(file: string): Record<string, string> {
  const side = file.replace(/\.csv$/i, '') + '_Metadata.csv';
  if (side === file || !fs.existsSync(side)) return {};
  try {
    const l = fs.readFileSync(side, 'utf8').split(/\r?\n/);
    const h = splitLine(l[0] ?? '', ','), v = splitLine(l[1] ?? '', ',');
    const out: Record<string, string> = { metadata_file: path.basename(side) };
    h.forEach((k, i) => { if (k.trim() !== '' && (v[i] ?? '').trim() !== '') out[k.trim()] = v[i]!.trim(); });
    return out;
  } catch {
    return {}; // the sidecar is optional; the data file is what matters
  }
}

// ---------------------------------------------------------------- streaming


/** What a simulation's output given to analyze in place of a cycler export is, by its name (undefined: none). */
function simulationOutput(file: string): string | undefined {
  const name = path.basename(file).toLowerCase();
  if (name.endsWith('.vti')) return 'a VTK image (a simulation output: the deposit\'s voxels)';
  if (name.endsWith('.pvd')) return 'a ParaView collection (a simulation output: the snapshots)';
  if (name.endsWith('.extxyz')) return 'an extended XYZ file (a simulation output: the deposit\'s atoms)';
  if (name === 'metrics.json' || name === 'resolved.json') return `a run's ${name} (a simulation output)`;
  return undefined;
}

/**
 * A cycler's own binary file given in place of its text export, by its first bytes (and a zip's name): what it is and
 * how to get the export read here (undefined: none of these). Until review70 each was refused as `contains NUL bytes:
 * binary or UTF-16 data, not a text export (wrong encoding?)`, or, a Neware .ndax (a zip), `unknown cycler layout
 * (first line: "PK...")`, naming neither the file's kind nor the export that is read.
 */
export function vendorBinary(file: string): string | undefined {
  let b: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    b = Buffer.alloc(32);
    let n: number;
    try { n = fs.readSync(fd, b, 0, 32, 0); } finally { fs.closeSync(fd); }
    b = b.subarray(0, n);
  } catch {
    return undefined; // missing or unreadable: the reader says which
  }
  const at = (off: number, text: string) => b.length >= off + text.length && b.toString('latin1', off, off + text.length) === text;
  if (at(0, 'BIO-LOGIC MODULAR FILE')) return 'is a BioLogic EC-Lab/BT-Lab binary file (.mpr), which is not read (its layout is unpublished: docs/cycler.md, "BioLogic .mpr"): export it as text in EC-Lab or BT-Lab (File > Export as Text, a .mpt file) and analyze the .mpt';
  if (/^(EC|BT)-LAB SETTING FILE/.test(b.toString('latin1'))) return 'is the settings file of an EC-Lab/BT-Lab experiment (.mps), which holds no data: analyze its data exported as text (File > Export as Text, a .mpt file)';
  if (at(0, 'NEWARE')) return 'is a Neware BTS binary file (.nda), which is not read: export it from Neware BTSDA as CSV or .xlsx (its record sheet, with Step Type, Total Time, Current and Voltage) and analyze that';
  if (at(0, 'PK\x03\x04') && /\.ndax$/i.test(file)) return 'is a Neware BTS binary file (.ndax), which is not read: export it from Neware BTSDA as CSV or .xlsx (its record sheet, with Step Type, Total Time, Current and Voltage) and analyze that';
  if (at(4, 'Standard Jet DB') || at(4, 'Standard ACE DB')) return 'is a Microsoft Access database (an Arbin .res raw data file, or another program\'s), which is not read: export the test from Arbin\'s Data Watcher or MITS Pro as CSV or .xlsx (Data_Point, Test_Time, Current, Voltage, ...) and analyze that';
  return undefined;
}

export async function openCycler(file: string, o0: ReadOptions = {}): Promise<CyclerStream> {
  // a library caller's format in any case, as the CLI's --format takes it ('Neware' was refused)
  const o: ReadOptions = o0.format === undefined ? o0 : { ...o0, format: choiceArg('format', o0.format, FORMATS) };
  if (isXlsx(file)) return openXlsx(file, o);
  if (isParquet(file)) return openParquet(file, o);
  const vendor = vendorBinary(file);
  if (vendor) throw new FileError(file, vendor);
  const sim = simulationOutput(file);
  if (sim && fs.existsSync(file)) {
    const eta = path.join(path.dirname(file), 'eta.csv');
    throw new FileError(file, `is ${sim}, not a cycler export: analyze reads cycler files (.mpt, Neware, Arbin, Landt, BDF, ... CSV) or a simulated run's eta.csv (${fs.existsSync(eta) ? `this run's: ${eta}` : 'sacplate simulate FILE --out DIR writes DIR/eta.csv'})`);
  }
  const s = sniff(file, 2000);
  if (s.head.length === 0 || s.head.every((l) => l.trim() === '')) throw new FileError(file, 'is empty (no text lines)', 1);
  return openLines(file, s, o, () => readLineBatches(file, s.encoding));
}

/**
 * A cycler table given as text lines (`s`: the first ones; `source`: all of them, given the plan): the layout
 * detected or forced, its columns bound, and the rows streamed. A text file's lines, or a Parquet file's rows.
 */
function openLines(file: string, s: Sniff, o: ReadOptions, source: (plan: Plan) => AsyncIterable<LineBatch>): CyclerStream {
  const format = o.format ?? detectFormat(file, s.head);
  // a forced layout the columns do not fit, unless --map names the columns
  if (o.format !== undefined && o.map === undefined) refuseForcedMismatch(file, format, s.head);
  const plan = planFor(file, format, s, o);
  const bound = plan.bindings.map((b) => b.col);
  const present = new Set<BdfColumn>([...bound, ...plan.extraColumns]);
  if (plan.timeFromDate || plan.timeFromUnix) present.add('test_time_second');
  const columns = BDF_COLUMNS.filter((c) => present.has(c));
  const sources: CyclerStream['sources'] = plan.bindings.map((b) => ({ col: b.col, from: b.header, factor: b.factor, offset: b.offset, ...(b.unit !== undefined ? { unit: b.unit } : {}) }));
  if (plan.stepTime) sources.push({ col: plan.stepTime.col, from: plan.derived === 'eta-current' ? `derived from ${plan.stepTime.header}` : `accumulated step ${plan.stepTime.header}`, factor: plan.stepTime.factor, offset: 0 });
  if (plan.timeFromDate) sources.push({ col: 'test_time_second', from: `date-time ${plan.timeFromDate.header} minus its first value`, factor: 1, offset: 0 });
  if (plan.timeFromUnix) sources.push({ col: 'test_time_second', from: `unix time ${plan.timeFromUnix.header} minus its first value`, factor: plan.timeFromUnix.factor, offset: 0 });
  const checks: ReadChecks = { time_resets: 0, time_reset_lines: [], labelled_rows: 0, sign_flipped_rows: 0, negative_current_rows: 0, rows_with_current: 0 };
  const rowLines: RowLines = { rows: [], lines: [] };
  if (plan.timeFromDate) checks.time_from = `date-time column "${plan.timeFromDate.header}"`;
  else if (plan.timeFromUnix) checks.time_from = `unix time column "${plan.timeFromUnix.header}"`;
  else if (plan.derived === 'neware-steptime') checks.time_from = `accumulated step time "${plan.stepTime!.header}"`;
  if (plan.label) checks.label_column = plan.label.header;
  if (plan.signOnly) checks.label_column = plan.signOnly.header;
  if (plan.zeroCurrent) checks.ocv_only = true;
  if (plan.windowCurrent) { checks.window_current = true; checks.against_label_rows = 0; }
  if (plan.impedance) { checks.impedance_columns = plan.impedance; checks.impedance_rows = 0; plan.meta.technique = `impedance columns present (${plan.impedance.join(', ')})`; }
  return {
    file, format, encoding: s.encoding, columns, sources, dataStart: plan.dataStart, meta: plan.meta, checks, rowLines,
    batches: () => rows(file, source(plan), plan, columns, o.batchRows ?? 8192, checks, rowLines),
  };
}

/**
 * A Parquet table (BDF's binary form, or any layout's columns): its column names and rows as tab-separated lines
 * through the text reader's detection and binding (cycler/parquet.ts). The messages, the checks' lines and lineOfRow
 * name a row of the table, 1-based (the text's line N is row N - 1); a table of no known layout is refused naming its
 * columns and the ones needed.
 */
async function openParquet(file: string, o: ReadOptions): Promise<CyclerStream> {
  // a table's columns are named in its schema: a delimiter or a column-name line would be ignored without a word
  if (o.delimiter !== undefined) throw new InputError('--delimiter', o.delimiter, `no --delimiter for ${path.basename(file)}: it is a Parquet table (its columns are in its schema, not delimited text)`);
  if (o.headerLine !== undefined && o.headerLine !== 1) throw new InputError('--header-line', o.headerLine, `no --header-line for ${path.basename(file)}: it is a Parquet table (its column names are in its schema)`);
  const { openParquetLines } = await import('./parquet.js');
  const pq = await openParquetLines(file);
  const relabel = (e: unknown) => {
    if (!(e instanceof FileError) || e.line === undefined) return e;
    const msg = e.message.slice(`${file}:${e.line}: `.length);
    return new FileError(file, `${e.line <= 1 ? 'column names' : `row ${e.line - 1}`}: ${msg}`);
  };
  const s: Sniff = { encoding: 'utf8', bom: false, head: pq.head, complete: pq.head.length >= pq.rows + 1, size: 0 };
  if (pq.rows === 0) throw new FileError(file, `Parquet table without rows (columns: ${pq.names.join(', ') || 'none'})`);
  let st: CyclerStream;
  try {
    if (o.format === undefined) {
      try { detectFormat(file, s.head); } catch {
        throw new FileError(file, `Parquet table whose columns no cycler layout knows: found ${pq.names.map((n) => JSON.stringify(n)).join(', ')}; needed a test time, a voltage and a current, e.g. BDF's test_time_second, voltage_volt, current_ampere (or "Test Time / s", "Voltage / V", "Current / A", in any unit), or another layout's headers; or give --format generic --map time=COL,voltage=COL,current=COL`);
      }
    }
    st = openLines(file, s, { ...o, delimiter: '\t' }, (p) => pq.lines(usedSources(p)));
  } catch (e) {
    throw relabel(e);
  }
  st.meta.container = `Parquet table, ${pq.rows} rows in ${pq.row_groups} row group(s)`;
  const inner = st.batches;
  return {
    ...st, encoding: 'parquet',
    dataStart: 1,
    batches: async function* () {
      try {
        yield* inner();
      } catch (e) {
        throw relabel(e);
      }
      // the text's line N is the table's row N - 1 (1-based): the checks and the row map name rows
      st.checks.time_reset_lines.forEach((l, i, a) => { a[i] = l - 1; });
      st.rowLines.lines.forEach((l, i, a) => { a[i] = l - 1; });
    },
  };
}

/** The source columns a plan reads (a Parquet reader leaves the others unread). */
function usedSources(p: Plan): Set<number> {
  const u = new Set<number>(p.bindings.map((b) => b.src));
  for (const b of [p.stepTime, p.timeFromDate, p.timeFromUnix]) if (b) u.add(b.src);
  if (p.label && p.label.src >= 0) u.add(p.label.src);
  if (p.signOnly) u.add(p.signOnly.src);
  if (p.freqSrc !== undefined) u.add(p.freqSrc);
  return u;
}

/** An .xlsx workbook: the first sheet holding a cycler table, copied to a temporary TSV and streamed from there. */
async function openXlsx(file: string, o: ReadOptions): Promise<CyclerStream> {
  const to: ReadOptions = { ...o, delimiter: '\t' };
  const x = await xlsxToTsv(file, (head) => {
    try {
      const fmt = o.format ?? detectFormat(file, head);
      planFor(file, fmt, { encoding: 'utf8', bom: false, head, complete: false, size: 0 }, to);
      return true;
    } catch {
      return false;
    }
  });
  // a line of the copy is named by its sheet and row (a sheet that continues the table has rows of its own)
  const relabel = (e: unknown) => {
    if (!(e instanceof FileError)) return e;
    const at = e.line !== undefined ? sheetRowOf(x, e.line) : { sheet: x.sheet, row: undefined };
    return new FileError(`${file} (sheet "${at.sheet}")`, e.message.replace(`${x.path}:`, '').replace(/^\d+: /, ''), at.row);
  };
  const cleanup = () => fs.rmSync(path.dirname(x.path), { recursive: true, force: true });
  let st: CyclerStream;
  try {
    st = await openCycler(x.path, to);
  } catch (e) {
    cleanup();
    throw relabel(e);
  }
  const q = (l: string[]) => l.map((n) => `"${n}"`).join(', ');
  st.meta.container = `xlsx workbook, sheet "${x.sheet}"${x.sheets.length > 1 ? ` (after ${x.sheets.slice(0, -1).join(', ')})` : ''}`
    + (x.continued.length ? `, continued in sheet${x.continued.length > 1 ? 's' : ''} ${q(x.continued.map((c) => c.sheet))} (the same column names)` : '')
    + (x.notRead.length ? `; not read: sheet${x.notRead.length > 1 ? 's' : ''} ${q(x.notRead)} (a sheet continues the table only under its name with a suffix and with its column names: another channel or table)` : '');
  const inner = st.batches;
  return {
    // what was read: the workbook ("(utf8)", the encoding of its temporary copy, was said until mends57)
    ...st, file, encoding: 'xlsx',
    batches: async function* () {
      try {
        yield* inner();
      } catch (e) {
        throw relabel(e);
      } finally {
        cleanup();
      }
    },
  };
}

async function* rows(file: string, lineBatches: AsyncIterable<LineBatch>, p: Plan, columns: BdfColumn[], batchRows: number, ck: ReadChecks, rl: RowLines): AsyncGenerator<RowBatch> {
  const ncol = columns.length;
  const slot = new Map(columns.map((c, i) => [c, i] as const));
  const B = p.bindings.map((b) => ({
    src: b.src, out: slot.get(b.col)!, factor: b.factor, offset: b.offset, header: b.header,
    required: (REQUIRED as readonly string[]).includes(b.col), kind: p.durationCols.has(b.col) ? 1 : p.dateCols.has(b.col) ? 2 : 0,
  }));
  let minFields = 0;
  for (const b of B) minFields = Math.max(minFields, b.src + 1);
  if (p.stepTime) minFields = Math.max(minFields, p.stepTime.src + 1);
  if (p.timeFromDate) minFields = Math.max(minFields, p.timeFromDate.src + 1);
  const dc = p.decimalComma;
  const delim = p.delimiter;
  let data = new Float64Array(batchRows * ncol);
  let labels = p.label ? new Float64Array(batchRows) : undefined;
  let n = 0;
  let total = 0;
  // neware3 state
  let cycle = NaN, stepIndex = NaN, stepNumber = NaN, stepType = '';
  const cycSlot = slot.get('cycle_count'), stepSlot = slot.get('step_index'), stepCountSlot = slot.get('step_count');
  // step-time accumulation / eta current state
  let offset = 0, prevStep = NaN;
  let prevT = NaN, prevQ = NaN;
  const tSlot = slot.get('test_time_second')!, iSlot = slot.get('current_ampere')!, vSlot = slot.get('voltage_volt')!;
  // continuity of test time; date-time origin; sign label
  let tOff = 0, lastT = -Infinity, lastDt = 0, t0Date = NaN, t0Unix = NaN;
  // a step back more than two sampling intervals deep, judged at the next row; the line of the last row kept
  let back: { line: number; lineBefore: number; raw: number; off: number; lastT: number } | undefined;
  let lastLine = 0;
  const lab = p.label, signOnly = p.signOnly;
  const fromDate = p.timeFromDate;
  const unixSlot = p.timeFromUnix ? slot.get('unix_time_second')! : -1;
  const unquote = p.unquote === true, freqSrc = p.freqSrc ?? -1;
  // counters kept in locals in the loop, copied to the checks at every batch
  let withCurrent = 0, negative = 0, labelled = 0, flipped = 0, impRows = 0;
  // line minus row index of the last row kept: a change is a breakpoint of the row -> line map
  let lineDelta = NaN;
  // the fields of the last row kept (a cut last line has fewer filled ones), counted only at the file's end
  let prevFields: string[] = [];
  rl.rows.length = 0; rl.lines.length = 0;
  const flush = () => {
    ck.rows_with_current = withCurrent; ck.negative_current_rows = negative; ck.labelled_rows = labelled; ck.sign_flipped_rows = flipped;
    if (ck.impedance_rows !== undefined) ck.impedance_rows = impRows;
  };
  const bad = (line: number, msg: string): never => { throw new FileError(file, msg, line); };
  // a short line that ends a batch, judged by the line after it (review70b)
  let held: { line: number; head: string; summary: string } | undefined;
  for await (const batch of lineBatches) {
    const L = batch.lines;
    for (let li = 0; li < L.length; li++) {
      const lineNo = batch.first + li;
      if (lineNo < p.dataStart) continue;
      let line = L[li]!;
      if (line.length === 0 || line.trim() === '') continue;
      if (held) bad(held.line, held.head + (splitLine(line, delim).length >= minFields ? '' : held.summary));
      if (unquote && line.charCodeAt(0) === 34 && line.charCodeAt(line.length - 1) === 34) line = line.slice(1, -1);
      let f = delim === ',' && line.indexOf('"') < 0 ? line.split(',') : splitLine(line, delim);
      try {
        if (p.neware3) {
          if (f[0] !== '' ) {
            const c = parseNumberCell(f[0]!, false);
            if (c === undefined || Number.isNaN(c)) bad(lineNo, `cycle row: "Cycle Index" ${JSON.stringify(f[0])} is not a number`);
            cycle = c!;
            if (f.length > p.neware3.cycleFields) f = ['', ...f.slice(p.neware3.cycleFields)];
            else continue;
          }
          if (f[1] !== '') {
            const si = parseNumberCell(f[p.neware3.stepIdx.index] ?? '', false);
            if (si === undefined || Number.isNaN(si)) bad(lineNo, `step row: "Step Index" ${JSON.stringify(f[p.neware3.stepIdx.index])} is not a number`);
            stepIndex = si!;
            if (p.neware3.stepIdx.number >= 0) {
              const sn = parseNumberCell(f[p.neware3.stepIdx.number] ?? '', false);
              if (sn === undefined) bad(lineNo, `step row: "Step Number" ${JSON.stringify(f[p.neware3.stepIdx.number])} is not a number`);
              stepNumber = sn!;
            }
            if (p.neware3.stepType !== undefined) stepType = f[p.neware3.stepType] ?? '';
            continue;
          }
          if (Number.isNaN(cycle)) bad(lineNo, 'record row before any cycle row');
          if (Number.isNaN(stepIndex)) bad(lineNo, 'record row before any step row');
        }
        if (f.length < minFields) {
          // audit70b: a line of text below the data (a summary block or notes pasted under it) was named by its field
          // count alone; its text and what it looks like are said
          const text = line.trim();
          const quoted = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
          let below = n + total > 0 && !/[0-9]/.test(text) ? `: ${quoted} holds no number, a line of text below ${n + total} data rows (a summary block or notes under the data?): remove it and the lines after it` : '';
          // mends70: a line of numbers below the data (a summary block's `1,0.5,0.5`) is told from a row cut short by
          // its line break (the file's end cuts a row in its last line, which then has none) and by what follows it: no
          // whole data row (the next line in this batch, when there is one, short too or absent); a short line with a
          // whole row after it is a malformed row among the data and keeps the plain words
          if (!below && n + total > 0 && !(batch.partial && li === L.length - 1)) {
            let next: string | undefined;
            for (let k = li + 1; k < L.length && next === undefined; k++) if (L[k]!.trim() !== '') next = L[k]!;
            const nextWhole = next !== undefined && splitLine(next, delim).length >= minFields;
            const summary = `: ${quoted} is a whole line (it ends in a line break, which a row cut short by the file's end lacks, and no whole data row follows it) below ${n + total} data rows: a summary block under the data? remove it and the lines after it`;
            // review70b: the batch ends here (a 256 KB read, lines.ts), not the file: the next batch's first line decides
            // (a short line ending a read, whole rows after it, was named a summary block under the data)
            if (next === undefined) { held = { line: lineNo, head: `${f.length} field(s), expected at least ${minFields} (truncated or malformed line)`, summary }; continue; }
            if (!nextWhole) below = summary;
          }
          bad(lineNo, `${f.length} field(s), expected at least ${minFields} (truncated or malformed line)${below}`);
        }
        // an unterminated last line with fewer filled fields than the row before is cut, even past the columns read:
        // its last cell may be a number cut short (a Neware line cut in its 22nd field was kept, the value as cut)
        if (batch.partial && li === L.length - 1 && filledFields(f) < filledFields(prevFields)) bad(lineNo, `${filledFields(f)} field(s) where the row before has ${filledFields(prevFields)} (truncated line)`);
        // EC-Lab ends every row (with its trailing tab) by a line break: an unterminated last line was cut, maybe inside
        // its last value, which still reads as a number ("1.0000" of "1.000000000000000e+0"); dropped and said
        if (p.rowsEndWithBreak && batch.partial && li === L.length - 1) {
          bad(lineNo, f.length < prevFields.length ? `${f.length} field(s) where the row before has ${prevFields.length} (truncated line: its last value may be cut short)`
            : `no line break after it: ${p.rowsEndWithBreak} ends every row with one, so the file was cut in this row and its last value may be cut short`);
        }
        const o = n * ncol;
        for (let k = 0; k < B.length; k++) {
          const b = B[k]!;
          const cell = f[b.src]!;
          const v = b.kind === 0 ? parseNumberCell(cell, dc) : b.kind === 1 ? parseDurationCell(cell, dc) : parseDateTimeCell(cell);
          if (v === undefined) bad(lineNo, `column "${b.header}": ${JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + '...' : cell)} is not a ${b.kind === 2 ? 'date-time' : 'number'}`);
          // parseNumberCell reads "", "NaN" and "-" as no value: say which one the row holds
          if (b.required && Number.isNaN(v)) bad(lineNo, cell.trim() === '' ? `column "${b.header}" is empty (a required column: every row needs a value)` : `column "${b.header}": ${JSON.stringify(cell.trim())} is not a number (a required column: every row needs a value)`);
          data[o + b.out] = v! * b.factor + b.offset;
        }
        if (fromDate) {
          const d = parseDateTimeCell(f[fromDate.src]!);
          if (d === undefined || Number.isNaN(d)) bad(lineNo, `column "${fromDate.header}": ${JSON.stringify(f[fromDate.src])} is not a date-time`);
          if (Number.isNaN(t0Date)) t0Date = d!;
          data[o + tSlot] = d! - t0Date;
        }
        if (unixSlot >= 0) {
          const u = data[o + unixSlot]!;
          if (Number.isNaN(u)) bad(lineNo, `column "${p.timeFromUnix!.header}" has no value (the file's only time column: every row needs one)`);
          if (Number.isNaN(t0Unix)) t0Unix = u;
          data[o + tSlot] = u - t0Unix;
        }
        if (p.neware3) {
          data[o + cycSlot!] = cycle;
          data[o + stepSlot!] = stepIndex;
          if (stepCountSlot !== undefined) data[o + stepCountSlot] = stepNumber;
        }
        if (p.derived === 'neware-steptime') {
          const st = parseDurationCell(f[p.stepTime!.src]!, dc);
          if (st === undefined || Number.isNaN(st)) bad(lineNo, `column "${p.stepTime!.header}": ${JSON.stringify(f[p.stepTime!.src])} is not a time`);
          if (st! < prevStep) offset += prevStep;
          prevStep = st!;
          data[o + tSlot] = offset + st!;
        } else if (p.derived === 'eta-current') {
          const q = parseNumberCell(f[p.stepTime!.src]!, false);
          if (q === undefined || Number.isNaN(q)) bad(lineNo, `column "charge_C_per_cm2": ${JSON.stringify(f[p.stepTime!.src])} is not a number`);
          const t = data[o + tSlot]!;
          const eta = data[o + vSlot]!;
          let cur = NaN;
          if (total + n > 0 && t > prevT) cur = Math.sign(eta) * Math.abs((q! - prevQ) / (t - prevT)) * p.stepTime!.factor;
          else if (n > 0) cur = data[o - ncol + iSlot]!;
          data[o + iSlot] = cur;
          if (total + n === 1 && n === 1) data[iSlot] = Math.sign(data[vSlot]!) * Math.abs(cur); // first row: forward difference
          prevT = t;
          prevQ = q!;
        }
        // test time that steps back (a reset, or concatenated tests): continue from the last time
        const raw = data[o + tSlot]!;
        // one row out of order, the next back on the time before it: no reset, a corrupt or mistyped value, which the
        // rebuild would add to every later time and to the half cycle it falls in (cycfile65: neware_uio.csv with one
        // row an hour early read 4.498 mAh for a 4.249 mAh charge, saved only by its capacity columns)
        if (back && raw + back.off >= back.lastT) {
          bad(back.line, `test time reads ${+(back.raw + back.off).toPrecision(12)} s between ${+back.lastT.toPrecision(12)} s (line ${back.lineBefore}) and ${+(raw + back.off).toPrecision(12)} s (line ${lineNo}): one row's time out of order (a corrupt or mistyped value?), not a reset after which the time goes on from the lower value: correct or remove that row`);
        }
        back = undefined;
        let t = raw + tOff;
        if (t < lastT) {
          // more than two sampling intervals back: judged at the next row (a clock's jitter of a step or two is rebuilt)
          if (lastT - t > 2 * lastDt) back = { line: lineNo, lineBefore: lastLine, raw, off: tOff, lastT };
          tOff += lastT - t + lastDt;
          t = lastT + lastDt;
          if (ck.time_resets++ < 5) ck.time_reset_lines.push(lineNo);
        } else if (lastT > -Infinity) lastDt = t - lastT;
        lastT = t;
        lastLine = lineNo;
        data[o + tSlot] = t;
        if (freqSrc >= 0) { const fq = parseNumberCell(f[freqSrc] ?? '', dc); if (fq !== undefined && fq > 0) impRows++; }
        // the current's sign: the file's own label wins
        const cur = data[o + iSlot]!;
        if (cur !== 0 && cur === cur) { withCurrent++; if (cur < 0) negative++; }
        if (lab) {
          const sg = lab.map(lab.src < 0 ? stepType : f[lab.src] ?? ''); // src -1: neware3's step-row label
          labels![n] = sg;
          if (sg === 1 || sg === -1) {
            labelled++;
            if (cur * sg < 0) {
              if (p.windowCurrent) ck.against_label_rows!++;
              else { data[o + iSlot] = -cur; flipped++; }
            }
          }
        }
        // a sign-only column (ox/red): on rows with current, not at rest by the label (mode 3)
        if (signOnly && cur !== 0 && cur === cur && !(labels && labels[n] === 0)) {
          const sg = signOnly.map(f[signOnly.src] ?? '');
          if (sg === 1 || sg === -1) {
            labelled++;
            if (cur * sg < 0) { data[o + iSlot] = -cur; flipped++; }
          }
        }
      } catch (e) {
        // the last line of a file still being written may be cut short: drop it if nothing follows
        if (!(e instanceof FileError) || !batch.partial || li !== L.length - 1) throw e;
        ck.dropped_last_line = { line: lineNo, reason: e.message.replace(/^.*?:\d+: /, '') };
        for (let c = 0; c < ncol; c++) data[n * ncol + c] = 0;
        continue;
      }
      prevFields = f;
      if (lineNo - (total + n) !== lineDelta) { lineDelta = lineNo - (total + n); rl.rows.push(total + n); rl.lines.push(lineNo); }
      n++;
      if (n === batchRows) {
        flush();
        yield labels ? { n, data, labels } : { n, data };
        total += n;
        n = 0;
        data = new Float64Array(batchRows * ncol);
        if (labels) labels = new Float64Array(batchRows);
      }
    }
  }
  if (held) bad(held.line, held.head + held.summary);
  flush();
  if (n > 0) yield labels ? { n, data: data.subarray(0, n * ncol), labels: labels.subarray(0, n) } : { n, data: data.subarray(0, n * ncol) };
  total += n;
  if (total === 0) throw new FileError(file, 'no data rows after the header (empty or truncated file)', p.dataStart);
}

/** A row's fields up to its last non-empty one (a trailing delimiter, or empty optional cells at the end, do not count). */
function filledFields(f: string[]): number {
  let k = f.length;
  while (k > 0 && f[k - 1]!.trim() === '') k--;
  return k;
}

// ---------------------------------------------------------------- whole table

export interface CyclerTable {
  file: string;
  format: FormatId;
  /** the text's encoding, or 'parquet' for a Parquet table, 'xlsx' for a workbook (not its temporary copy's utf8) */
  encoding: TextEncodingName | 'parquet' | 'xlsx';
  rows: number;
  /** canonical columns with at least one value (all-empty columns are dropped) */
  columns: Partial<Record<BdfColumn, Float64Array>>;
  sources: CyclerStream['sources'];
  meta: Record<string, string | number>;
  checks: ReadChecks;
  /** the file's own direction labels (+1, -1, 0, NaN), when it has a label column */
  labels?: Float64Array;
  /** the file line of each row: lineOfRow(table.rowLines, row) */
  rowLines: RowLines;
}

/** Reads the whole file into canonical columns (Float64Array each). */
export async function readCycler(file: string, o: ReadOptions = {}): Promise<CyclerTable> {
  const st = await openCycler(file, o);
  const ncol = st.columns.length;
  const chunks: Float64Array[][] = st.columns.map(() => []);
  const labelChunks: Float64Array[] = [];
  let rowsN = 0;
  for await (const b of st.batches()) {
    if (b.labels) labelChunks.push(b.labels.slice());
    for (let c = 0; c < ncol; c++) {
      const col = new Float64Array(b.n);
      for (let r = 0; r < b.n; r++) col[r] = b.data[r * ncol + c]!;
      chunks[c]!.push(col);
    }
    rowsN += b.n;
  }
  const columns: Partial<Record<BdfColumn, Float64Array>> = {};
  st.columns.forEach((name, c) => {
    const all = new Float64Array(rowsN);
    let off = 0;
    let any = false;
    for (const ch of chunks[c]!) {
      all.set(ch, off);
      off += ch.length;
      if (!any) for (let i = 0; i < ch.length; i++) if (!Number.isNaN(ch[i]!)) { any = true; break; }
    }
    chunks[c] = [];
    if (any) columns[name] = all;
  });
  const out: CyclerTable = { file: st.file, format: st.format, encoding: st.encoding, rows: rowsN, columns, sources: st.sources, meta: st.meta, checks: st.checks, rowLines: st.rowLines };
  if (labelChunks.length > 0) {
    const l = new Float64Array(rowsN);
    let off = 0;
    for (const ch of labelChunks) { l.set(ch, off); off += ch.length; }
    out.labels = l;
  }
  return out;
}

export function displayName(file: string): string {
  return path.basename(file);
}
