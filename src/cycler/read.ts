/**
 * Cycler files in, canonical BDF rows out. `openCycler` sniffs encoding and layout from the
 * first 64 KiB, binds the file's columns to BDF columns, and returns a stream of row batches
 * (bounded memory whatever the file size). `readCycler` collects them into columns.
 *
 * Layouts: BioLogic EC-Lab/BT-Lab .mpt (with or without header block), Neware flat CSV, Neware
 * three-level cycle/step/record CSV, Arbin CSV, Landt CSV (as exported by BDF tools), BDF CSV,
 * sacplate's own eta.csv (simulated traces), and a generic delimited file with a column mapping.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileError, InputError } from '../errors.js';
import { BDF_COLUMNS, REQUIRED, type BdfColumn } from './columns.js';
import { COMMON_ALIASES, bindColumns, normalize, splitName, type Aliases, type Binding } from './header.js';
import { parseDurationCell, parseNumberCell } from './cells.js';
import { readLineBatches, sniff, splitLine, type Sniff, type TextEncodingName } from './lines.js';

export const FORMATS = ['mpt', 'neware', 'neware3', 'arbin', 'landt', 'bdf', 'sacplate-eta', 'generic'] as const;
export type FormatId = (typeof FORMATS)[number];

export const FORMAT_NAMES: Record<FormatId, string> = {
  mpt: 'BioLogic EC-Lab/BT-Lab text export (.mpt)',
  neware: 'Neware flat CSV',
  neware3: 'Neware three-level (cycle/step/record) CSV',
  arbin: 'Arbin CSV',
  landt: 'Landt CSV',
  bdf: 'Battery Data Format CSV',
  'sacplate-eta': 'sacplate simulated trace (eta.csv)',
  generic: 'generic delimited file with --map',
};

export interface ReadOptions {
  /** skip detection */
  format?: FormatId;
  /** generic format: "time=Time (h)@h,voltage=E/V,current=I@mA,cycle=Cycle" (also usable to override any format's choice) */
  map?: string;
  /** generic format: field delimiter (default: detected among , ; tab) */
  delimiter?: string;
  /** generic format: 1-based line holding the column names (default 1) */
  headerLine?: number;
  /** sacplate-eta: electrode area in cm2 to turn C/cm2 into A (default 1 cm2) */
  area_cm2?: number;
  /** rows per batch (default 8192) */
  batchRows?: number;
}

export interface RowBatch { n: number; data: Float64Array }

export interface CyclerStream {
  file: string;
  format: FormatId;
  encoding: TextEncodingName;
  /** canonical columns of each row, in this order */
  columns: BdfColumn[];
  /** which source column fed each canonical column, with its unit conversion factor */
  sources: { col: BdfColumn; from: string; factor: number; offset: number }[];
  /** 1-based line of the first data row */
  dataStart: number;
  /** header facts found in the file (e.g. electrode area) */
  meta: Record<string, string | number>;
  batches(): AsyncGenerator<RowBatch>;
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
  neware3?: { cycleFields: number; stepIdx: { index: number; number: number } };
  stepTime?: Binding;
  derived?: Derived;
  extraColumns: BdfColumn[];
}

// ---------------------------------------------------------------- detection

export function detectFormat(file: string, head: string[]): FormatId {
  const l0 = head[0] ?? '';
  if (/^(EC|BT)-Lab ASCII FILE/.test(l0)) return 'mpt';
  if (/^time_s,charge_C_per_cm2,overpotential_mV/.test(l0.trim())) return 'sacplate-eta';
  if (l0.includes('\t')) {
    const n = l0.split('\t').map((f) => normalize(splitName(f).base));
    if (n.includes('time') && n.some((x) => ['ewe', '<ewe>', 'ecell', '<ecell>'].includes(x))) return 'mpt';
  }
  const f0 = splitLine(l0, ',').map((f) => f.trim());
  if (f0.includes('test_time_second') || f0.includes('Test Time / s')) return 'bdf';
  if (/^Cycle (Index|ID),/.test(l0) && /^,Step/.test(head[1] ?? '') && /^,,/.test(head[2] ?? '')) return 'neware3';
  if (f0.includes('Data_Point') || (f0.some((f) => /^Test_Time/.test(f)) && f0.some((f) => /^Cycle_Index/.test(f)))) return 'arbin';
  if (f0.includes('Step Type') || f0.includes('DataPoint') || f0.includes('Cycle Index')) return 'neware';
  if (landtHeaderLine(head) >= 0) return 'landt';
  throw new FileError(file, `unknown cycler layout (first line: ${JSON.stringify(l0.slice(0, 80))}); give --format (${FORMATS.join(', ')}) or --format generic --map time=COL,voltage=COL,current=COL`, 1);
}

function landtHeaderLine(head: string[]): number {
  for (let i = 0; i < Math.min(head.length, 60); i++) {
    const n = splitLine(head[i]!, ',').map((f) => normalize(splitName(f).base));
    if (n.includes('testtime') && n.includes('current') && n.includes('voltage')) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- mapping option

const MAP_KEYS: Record<string, BdfColumn> = {
  time: 'test_time_second', voltage: 'voltage_volt', current: 'current_ampere', cycle: 'cycle_count',
  step: 'step_index', temperature: 'ambient_temperature_celsius', charge: 'charging_capacity_ah', discharge: 'discharging_capacity_ah',
};

export function parseMap(spec: string): Partial<Record<BdfColumn, { column: string; unit?: string }>> {
  const out: Partial<Record<BdfColumn, { column: string; unit?: string }>> = {};
  for (const item of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError('--map', item, 'key=COLUMN or key=COLUMN@unit, keys: ' + Object.keys(MAP_KEYS).join(', ') + ' or a BDF column name');
    const key = item.slice(0, eq).trim();
    const col = (MAP_KEYS[key] ?? (BDF_COLUMNS as readonly string[]).includes(key) ? (MAP_KEYS[key] ?? key) : undefined) as BdfColumn | undefined;
    if (!col) throw new InputError('--map', key, 'one of ' + Object.keys(MAP_KEYS).join(', ') + ' or a BDF column name');
    const rhs = item.slice(eq + 1);
    const at = rhs.lastIndexOf('@');
    out[col] = at >= 0 ? { column: rhs.slice(0, at).trim(), unit: rhs.slice(at + 1).trim() } : { column: rhs.trim() };
  }
  return out;
}

// ---------------------------------------------------------------- plans

function aliasesWith(extra: Aliases): Aliases {
  const a: Aliases = { ...COMMON_ALIASES };
  for (const [k, v] of Object.entries(extra) as [BdfColumn, string[]][]) a[k] = v;
  return a;
}

/** cyclers whose temperature channel is a probe on the cell (BDF surface temperature T1) */
const SURFACE_T: Aliases = aliasesWith({
  ambient_temperature_celsius: ['ambienttemperature'],
  temperature_t1_celsius: ['temperature', 'temperature1', 'auxtemperature1', 't1'],
});

function needLine(file: string, s: Sniff, idx: number, what: string): string {
  const l = s.head[idx];
  if (l === undefined) {
    if (s.complete) throw new FileError(file, `truncated: ${what} expected on line ${idx + 1}, but the file has ${s.head.length} line(s)`, s.head.length);
    throw new FileError(file, `${what} expected on line ${idx + 1}, beyond the first 64 KiB`, idx + 1);
  }
  return l;
}

function planFor(file: string, format: FormatId, s: Sniff, o: ReadOptions): Plan {
  const explicit = o.map ? parseMap(o.map) : undefined;
  const base = { durationCols: new Set<BdfColumn>(['test_time_second']), meta: {} as Record<string, string | number>, extraColumns: [] as BdfColumn[] };
  const flat = (headerIdx: number, delimiter: string, aliases: Aliases, decimalComma: boolean, fmt: string, required: readonly BdfColumn[] = REQUIRED): Plan => {
    const fields = splitLine(needLine(file, s, headerIdx, 'the column-name line'), delimiter);
    const bindings = bindColumns(fields, { file, line: headerIdx + 1, aliases, required, explicit, format: fmt });
    return { ...base, delimiter, decimalComma, headerLine: headerIdx + 1, dataStart: headerIdx + 2, bindings };
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
            const f = u === 'cm2' ? 1 : u === 'mm2' ? 0.01 : u === 'm2' ? 1e4 : NaN;
            if (Number.isFinite(v * f)) meta.electrode_area_cm2 = v * f;
          }
          const mm = /^Characteristic mass\s*:\s*([\d]+(?:[.,]\d*)?)\s*(\S*)/.exec(line);
          if (mm) meta.characteristic_mass = `${mm[1]!.replace(',', '.')} ${mm[2]}`;
        }
      }
      const line = needLine(file, s, headerIdx, 'the column-name line');
      const fields = line.split('\t');
      while (fields.length > 0 && fields[fields.length - 1]!.trim() === '') fields.pop();
      const aliases = aliasesWith({
        test_time_second: ['time', 'testtime'],
        voltage_volt: ['ewe', '<ewe>', 'ecell', '<ecell>', 'voltage'],
      });
      const bindings = bindColumns(fields, { file, line: headerIdx + 1, aliases, required: REQUIRED, explicit, format: FORMAT_NAMES.mpt });
      return { ...base, meta, delimiter: '\t', decimalComma: true, headerLine: headerIdx + 1, dataStart: headerIdx + 2, bindings };
    }
    case 'bdf':
      return flat(0, ',', COMMON_ALIASES, false, FORMAT_NAMES.bdf);
    case 'arbin': { // Arbin's Temperature / Aux_Temperature is a thermocouple on the cell
      const p = flat(0, ',', SURFACE_T, false, FORMAT_NAMES.arbin);
      Object.assign(p.meta, arbinMetadata(file));
      return p;
    }
    case 'landt': {
      const i = landtHeaderLine(s.head);
      if (i < 0) throw new FileError(file, 'no Landt column-name line (test_time, current, voltage) in the first 60 lines', 1);
      const p = flat(i, ',', COMMON_ALIASES, false, FORMAT_NAMES.landt);
      for (let k = 0; k < i; k++) {
        const m = /^([^:,]+):\s*([^,]*)/.exec(s.head[k]!);
        if (m && m[2]!.trim() !== '') p.meta[m[1]!.trim()] = m[2]!.trim();
      }
      return p;
    }
    case 'neware': {
      const fields = splitLine(needLine(file, s, 0, 'the column-name line'), ',');
      const hasTotal = fields.some((f) => ['totaltime', 'cumulativetime', 'testtime'].includes(normalize(splitName(f).base)));
      const p = flat(0, ',', SURFACE_T, false, FORMAT_NAMES.neware, hasTotal || explicit?.test_time_second ? REQUIRED : ['voltage_volt', 'current_ampere']);
      if (!p.bindings.some((b) => b.col === 'test_time_second')) {
        const k = fields.findIndex((f) => normalize(splitName(f).base) === 'time');
        if (k < 0) throw new FileError(file, 'Neware header has neither a total/cumulative time nor a step Time column', 1);
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
      const p: Plan = { ...base, delimiter: ',', decimalComma: false, headerLine: 3, dataStart: 4, bindings, neware3: { cycleFields: cyc.length, stepIdx: { index: si, number: sn } } };
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
        const pc: Plan = { ...base, delimiter: ',', decimalComma: false, headerLine: 1, dataStart: 2, bindings };
        pc.meta.voltage_source = 'overpotential_mV (working electrode), not the cell voltage';
        pc.meta.current_source = `current_mA_per_cm2 * ${o.area_cm2 ?? 1} cm2`;
        return pc;
      }
      const p: Plan = { ...base, delimiter: ',', decimalComma: false, headerLine: 1, dataStart: 2, bindings, derived: 'eta-current' };
      p.stepTime = { col: 'current_ampere', src: fields.indexOf('charge_C_per_cm2'), header: 'charge_C_per_cm2', factor: o.area_cm2 ?? 1, offset: 0 };
      p.extraColumns.push('current_ampere');
      p.meta.voltage_source = 'overpotential_mV (working electrode), not the cell voltage';
      p.meta.current_source = `sign(eta) * |d charge_C_per_cm2 / dt| * ${o.area_cm2 ?? 1} cm2`;
      return p;
    }
    case 'generic': {
      if (!explicit) throw new InputError('--map', undefined, 'a column mapping for --format generic, e.g. "time=Time (s),voltage=Voltage (V),current=Current@mA"');
      const hl = (o.headerLine ?? 1) - 1;
      const line = needLine(file, s, hl, 'the column-name line');
      const delimiter = o.delimiter ?? ([',', ';', '\t'] as const).reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best), ',' as string);
      const fields = splitLine(line, delimiter);
      const bindings = bindColumns(fields, { file, line: hl + 1, aliases: {}, required: REQUIRED, explicit, format: 'generic' });
      return { ...base, delimiter, decimalComma: delimiter !== ',', headerLine: hl + 1, dataStart: hl + 2, bindings };
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

export async function openCycler(file: string, o: ReadOptions = {}): Promise<CyclerStream> {
  const s = sniff(file, 2000);
  if (s.head.length === 0 || s.head.every((l) => l.trim() === '')) throw new FileError(file, 'is empty (no text lines)', 1);
  const format = o.format ?? detectFormat(file, s.head);
  if (!(FORMATS as readonly string[]).includes(format)) throw new InputError('--format', format, FORMATS.join(', '));
  const plan = planFor(file, format, s, o);
  const bound = plan.bindings.map((b) => b.col);
  const present = new Set<BdfColumn>([...bound, ...plan.extraColumns]);
  const columns = BDF_COLUMNS.filter((c) => present.has(c));
  const sources = plan.bindings.map((b) => ({ col: b.col, from: b.header, factor: b.factor, offset: b.offset }));
  if (plan.stepTime) sources.push({ col: plan.stepTime.col, from: plan.derived === 'eta-current' ? `derived from ${plan.stepTime.header}` : `accumulated step ${plan.stepTime.header}`, factor: plan.stepTime.factor, offset: 0 });
  return {
    file, format, encoding: s.encoding, columns, sources, dataStart: plan.dataStart, meta: plan.meta,
    batches: () => rows(file, s.encoding, plan, columns, o.batchRows ?? 8192),
  };
}

async function* rows(file: string, encoding: TextEncodingName, p: Plan, columns: BdfColumn[], batchRows: number): AsyncGenerator<RowBatch> {
  const ncol = columns.length;
  const slot = new Map(columns.map((c, i) => [c, i] as const));
  const B = p.bindings.map((b) => ({
    src: b.src, out: slot.get(b.col)!, factor: b.factor, offset: b.offset, header: b.header,
    required: (REQUIRED as readonly string[]).includes(b.col), duration: p.durationCols.has(b.col),
  }));
  let minFields = 0;
  for (const b of B) minFields = Math.max(minFields, b.src + 1);
  if (p.stepTime) minFields = Math.max(minFields, p.stepTime.src + 1);
  const dc = p.decimalComma;
  const delim = p.delimiter;
  let data = new Float64Array(batchRows * ncol);
  let n = 0;
  let total = 0;
  // neware3 state
  let cycle = NaN, stepIndex = NaN, stepNumber = NaN;
  const cycSlot = slot.get('cycle_count'), stepSlot = slot.get('step_index'), stepCountSlot = slot.get('step_count');
  // step-time accumulation / eta current state
  let offset = 0, prevStep = NaN;
  let prevT = NaN, prevQ = NaN;
  const tSlot = slot.get('test_time_second')!, iSlot = slot.get('current_ampere')!, vSlot = slot.get('voltage_volt')!;
  const bad = (line: number, msg: string): never => { throw new FileError(file, msg, line); };
  for await (const batch of readLineBatches(file, encoding)) {
    const L = batch.lines;
    for (let li = 0; li < L.length; li++) {
      const lineNo = batch.first + li;
      if (lineNo < p.dataStart) continue;
      const line = L[li]!;
      if (line.length === 0 || line.trim() === '') continue;
      let f = delim === ',' && line.indexOf('"') < 0 ? line.split(',') : splitLine(line, delim);
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
          continue;
        }
        if (Number.isNaN(cycle)) bad(lineNo, 'record row before any cycle row');
        if (Number.isNaN(stepIndex)) bad(lineNo, 'record row before any step row');
      }
      if (f.length < minFields) bad(lineNo, `${f.length} field(s), expected at least ${minFields} (truncated or malformed line)`);
      const o = n * ncol;
      for (let k = 0; k < B.length; k++) {
        const b = B[k]!;
        const cell = f[b.src]!;
        const v = b.duration ? parseDurationCell(cell, dc) : parseNumberCell(cell, dc);
        if (v === undefined) bad(lineNo, `column "${b.header}": ${JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + '...' : cell)} is not a number`);
        if (b.required && Number.isNaN(v)) bad(lineNo, `column "${b.header}" is empty`);
        data[o + b.out] = v! * b.factor + b.offset;
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
      n++;
      if (n === batchRows) {
        yield { n, data };
        total += n;
        n = 0;
        data = new Float64Array(batchRows * ncol);
      }
    }
  }
  if (n > 0) yield { n, data: data.subarray(0, n * ncol) };
  total += n;
  if (total === 0) throw new FileError(file, 'no data rows after the header (empty or truncated file)', p.dataStart);
}

// ---------------------------------------------------------------- whole table

export interface CyclerTable {
  file: string;
  format: FormatId;
  encoding: TextEncodingName;
  rows: number;
  /** canonical columns with at least one value (all-empty columns are dropped) */
  columns: Partial<Record<BdfColumn, Float64Array>>;
  sources: CyclerStream['sources'];
  meta: Record<string, string | number>;
}

/** Reads the whole file into canonical columns (Float64Array each). */
export async function readCycler(file: string, o: ReadOptions = {}): Promise<CyclerTable> {
  const st = await openCycler(file, o);
  const ncol = st.columns.length;
  const chunks: Float64Array[][] = st.columns.map(() => []);
  let rowsN = 0;
  for await (const b of st.batches()) {
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
  return { file: st.file, format: st.format, encoding: st.encoding, rows: rowsN, columns, sources: st.sources, meta: st.meta };
}

export function displayName(file: string): string {
  return path.basename(file);
}
