/**
 * `sacplate compare FILE --measured CELL.mpt --protocol licu` (side66): a measured cell's row beside the simulated cases,
 * under the table's columns that have a measured meaning, read by the code `sacplate analyze` runs (analysis/report.ts
 * analyzeFile) under the keys a run's metrics.json uses: nucleation_overpotential_mV, peak_overpotential_mV and
 * plateau_overpotential_mV of the first plating (analyze's nucleation reading: the symmetric report's, licu's or
 * aurbach's), average_ce (licu's mean CE of the complete cycles, cycle 1 included, or the Aurbach CE). Every other column
 * (Da, the morphology, dead and SEI shares, the SAC columns) has no measured meaning: '-' in the table, an empty cell in
 * compare.csv, whose `source` column says `measured`.
 */
import { basename, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { choiceArg } from '../args.js';
import type { Metrics } from '../simulation/report.js';
import type { TableRow } from './table.js';
import type { AnalysisReport } from '../analysis/report.js';
import type { CyclerTable } from '../cycler/read.js';
import { MEASURED_PROTOCOLS, fullcellHint, measuredReadOptions, notAFile, withMeasuredNames, type MeasuredOptionNames, type MeasuredProtocol, type MeasuredReadOptions } from '../cycler/measured-options.js';

export { MEASURED_PROTOCOLS, type MeasuredProtocol };

/** What a measured row is (TableRow.measured) */
export interface MeasuredSource {
  file: string;
  protocol: MeasuredProtocol;
  /** what the readings are, for the legend (the CE's cycles, the nucleation reading's plating) */
  what: string;
  /** analyze's warnings (its protocol check; why the nucleation was not read), printed under the table */
  notes: string[];
  /**
   * a symmetric cell's per-cycle means (symcsv67: compare.csv's measured_* columns, table.ts PER_CYCLE_CSV), the legend's figures:
   * `cycles` analyze's complete cycles, each mean over those of them with that reading (absent: none has it)
   */
  perCycle?: { cycles: number } & Partial<Record<PerCycleKey, number>>;
}

/** the symmetric report's per-cycle readings that have no column in compare's table, with the legend's words */
const PER_CYCLE = [['plating_plateau_mV', 'plating plateau'], ['stripping_plateau_mV', 'stripping plateau'], ['hysteresis_mV', 'hysteresis']] as const;
export type PerCycleKey = (typeof PER_CYCLE)[number][0];
type CycleRow = { cycle: number; partial?: true } & Partial<Record<PerCycleKey, number>>;

/** the per-cycle readings' means over the complete cycles with each (its first and last with it), and the complete cycles' count */
export function perCycleMeans(cycles: readonly CycleRow[]): { cycles: number; each: { key: PerCycleKey; label: string; mean: number; got: CycleRow[] }[] } {
  const each = PER_CYCLE.flatMap(([key, label]) => {
    const got = cycles.filter((c) => !c.partial && Number.isFinite(c[key]));
    return got.length ? [{ key, label, mean: got.reduce((t, c) => t + c[key]!, 0) / got.length, got }] : [];
  });
  return { cycles: cycles.filter((c) => !c.partial).length, each };
}

/** the metrics.json keys a measured row has (the others are absent: '-' in the table) */
const READ_KEYS = ['nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV'] as const;

/** mV to one decimal, as the table prints its mV columns */
const mv = (x: number) => x.toFixed(1);

/**
 * The symmetric report's per-cycle plateaus and hysteresis (analyze's cycles table, complete cycles), which have no
 * column in compare's table: their means over the cycles and their first and last values, for the legend (side66b).
 */
export function perCycleText(cycles: readonly CycleRow[], misfit = false): string | undefined {
  const parts = perCycleMeans(cycles).each.map(({ key, label, mean, got }) => (got.length === 1 ? `${label} ${mv(mean)} mV (cycle ${got[0]!.cycle}, the one complete cycle)`
    : `${label} mean ${mv(mean)} mV over ${got.length} cycles (cycle ${got[0]!.cycle} ${mv(got[0]![key]!)}, cycle ${got.at(-1)!.cycle} ${mv(got.at(-1)![key]!)})`));
  return parts.length ? `no column (analyze --protocol symmetric's per-cycle table${misfit ? '; not overpotentials: the protocol check warns, note above' : ''}): ${parts.join(', ')}` : undefined;
}

/** One measured cell's row. */
export async function measuredRow(file: string, protocol: MeasuredProtocol, read: MeasuredReadOptions = {}): Promise<TableRow> {
  return (await measuredReading(file, protocol, read)).row;
}

/**
 * One measured cell's row with analyze's report and the table it read (the workbench's Compare page, cmpmeas67: its CE
 * per cycle and voltage trace too). `shown`: the file's name in the row and its legend (an upload's display name; the
 * path given by default).
 */
export async function measuredReading(file: string, protocol: MeasuredProtocol, read: MeasuredReadOptions = {}, shown?: string): Promise<{ row: TableRow; report: AnalysisReport; table: CyclerTable }> {
  if (file.trim() === '') throw new InputError('--measured', file, 'a cycler export path (.mpt, Neware/Arbin/Landt/BDF CSV)');
  const kind = notAFile(resolve(file));
  if (kind) throw new InputError('--measured', file, `a cycler export that exists (${resolve(file)}: ${kind})`);
  const { analyzeFile } = await import('../analysis/report.js');
  const { report, table } = await analyzeFile(file, { protocol, ...read });
  const sec = protocol === 'symmetric' ? report.symmetric : protocol === 'licu' ? report.licu : report.aurbach;
  const m: Record<string, unknown> = { sacs: [], steps_ended: [] };
  const nuc = sec?.nucleation as Record<string, unknown> | undefined;
  for (const k of READ_KEYS) if (typeof nuc?.[k] === 'number' && Number.isFinite(nuc[k])) m[k] = nuc[k];
  const what: string[] = [];
  const notes: string[] = [];
  if (nuc && protocol === 'symmetric') what.push(`nucl./peak/plateau mV: analyze --protocol symmetric's nucleation reading of the first half cycle${nuc.read_from === 'first_plating' ? ' that plates' : ''} (cycle ${nuc.cycle}): plateau mV is that half's, cycle ${nuc.cycle}'s alone, not a mean over the cycles`);
  else if (nuc) what.push(`nucl./peak/plateau mV: analyze --protocol ${protocol}'s nucleation reading of the first plating`);
  else if (sec?.nucleation_not_read) notes.push(`nucleation not read: ${sec.nucleation_not_read}`);
  // side66b: the symmetric report's per-cycle plateaus and hysteresis have no column: their means said in the legend
  if (protocol === 'symmetric' && report.symmetric) {
    const per = perCycleText(report.symmetric.cycles, report.checks.some((c) => c.status === 'warn' && c.name === 'protocol'));
    if (per) what.push(per);
  }
  // symcsv67: the same means in compare.csv's measured_* columns (a symmetric row's, empty where a cycle has none)
  const perCycle = protocol === 'symmetric' ? ((p) => ({ cycles: p.cycles, ...Object.fromEntries(p.each.map((e) => [e.key, e.mean])) }))(perCycleMeans(report.symmetric?.cycles ?? [])) : undefined;
  // measured70: a symmetric cell's charge out over charge in is no Coulombic efficiency (both electrodes are the metal):
  // its CE % is '-', said in the legend; so is a licu reading that analyze's protocol check calls the ratio of set charges
  // (a symmetric cell's file read as licu: it printed 100.0 under CE %)
  const setCharges = report.checks.some((c) => c.status === 'warn' && c.name === 'protocol' && /not an efficiency/.test(c.detail));
  if (protocol === 'symmetric') what.push('CE %: -, not a Coulombic efficiency (a symmetric cell plates and strips the metal on both sides: its charge out over charge in is the ratio of the set charges)');
  if (protocol === 'licu' && report.licu && setCharges) {
    const ce = report.licu.average_ce;
    what.push(`CE %: -, not a Coulombic efficiency: analyze's protocol check (note) reads the strips as stopped at a set charge${ce !== undefined && Number.isFinite(ce) ? ` (their charge ratio ${(ce * 100).toFixed(1)} %)` : ''}; --measured symmetric:FILE reads a symmetric cell's file`);
  } else if (protocol === 'licu' && report.licu) {
    const all = report.licu.cycles, done = all.filter((c) => !c.partial && Number.isFinite(c.ce));
    if (report.licu.average_ce !== undefined) {
      m.average_ce = report.licu.average_ce;
      what.push(`CE %: the mean of ${done.length} complete cycle(s)' CE of ${all.length}, cycle 1 included (each plating's strip over it)`);
    }
  } else if (protocol === 'aurbach' && report.aurbach && Number.isFinite(report.aurbach.ce_avg)) {
    m.average_ce = report.aurbach.ce_avg;
    what.push(`CE %: Adams' Aurbach CE, n = ${report.aurbach.n}`);
  }
  // lead (session 67): where the check says fullcell fits, a protocol compare refuses (MEASURED_PROTOCOLS), it says where
  // such a file is read (webaudit67: the Compare page showed "fullcell fits it" beside a protocol box without fullcell)
  const fullcellNote = '; compare reads no full cell (no plating onto a host to read): sacplate analyze FILE --protocol fullcell reads it, sacplate fullcell takes a Li||Cu file\'s CE';
  // audit70b: the check's fix for a file that signs its platings > 0 is analyze's (`--format F --map "current=COL@-UNIT"`);
  // compare reads --map as --format generic, so its own fix maps the time and voltage columns as well
  const src = (col: string) => [...(report.sources ?? [])].reverse().find((x) => x.col === col);
  const plain = (from: string | undefined) => from !== undefined && !/^(derived|accumulated|date-time|unix time) /.test(from);
  const tv = [src('test_time_second'), src('voltage_volt')], cur = src('current_ampere');
  const reversedNote = !read.map && cur && tv.every((x) => plain(x?.from)) && plain(cur.from)
    ? `; compare reads --map as --format generic: --map "time=${tv[0]!.from},voltage=${tv[1]!.from},current=${cur.from}@-${(cur.unit ?? '').replace(/^-/, '') || 'UNIT'}"`
    : '';
  for (const c of report.checks) if (c.status === 'warn' && c.name === 'protocol') notes.push(`analyze's protocol check: ${c.detail}${/--protocol fullcell fits it/.test(c.detail) ? fullcellNote : ''}${/read it reversed with/.test(c.detail) ? reversedNote : ''}`);
  const source: MeasuredSource = { file: shown ?? file, protocol, what: what.join('; ') || 'nothing read under these columns', notes, ...(perCycle ? { perCycle } : {}) };
  return { row: { name: `${shown ?? basename(file)} (measured)`, runs: [m as unknown as Metrics], measured: source }, report, table };
}

/** A measured row's lines under compare's table: `note: NAME: ...` (analyze's warnings), as the CLI prints them */
export function measuredNoteLines(r: TableRow): string[] {
  return (r.measured?.notes ?? []).map((n) => `note: ${r.name}: ${n}`);
}

/**
 * A measured row's line in compare's legend (without its parentheses): which file, how it was read, that its other
 * columns have no measured meaning; `seeds`: beside seed-averaged rows (compare --seeds, side66b), one value each.
 */
export function measuredLegendText(r: TableRow, seeds: boolean): string {
  const m = r.measured!;
  return `measured: ${r.name}: ${m.file}, a cycler export read as analyze --protocol ${m.protocol} reads it: ${m.what}; the other columns have no measured meaning: -${seeds ? '; one measured cell, one value per column: no 95 % interval (the cases\' are over their seeds)' : ''}`;
}

/**
 * A measured cell's voltage (mV, its own sign) against its net plated charge per area (mAh/cm2), thinned; `piece` (mends70,
 * with the samples' directions given): each point's step under current, numbered from 0 in the file's order, a new one
 * where the direction of the current (so of the charge) turns or a rest comes between; rests are then left out.
 */
export interface MeasuredTrace { charge_mAh_per_cm2: number[]; cell_voltage_mV: number[]; piece?: number[] }

/**
 * The file's voltage against its net plated charge per area: Q(t) = the integral of -I dt (current < 0 plates onto the
 * working electrode, analyze's convention), trapezoid between samples, over the electrode area, thinned to TRACE_POINTS;
 * none without an area. The workbench's Compare page and (audit70b) `compare --measured --out`'s figure draw it.
 * `dir` (mends70: compare --out's figure): each sample's direction as analyze tells it (analysis/segments.ts directions:
 * -1, +1, 0 rest); given, the rests are left out (a Li||Cu cell's ~3 V open circuit set the axis, the 40 mV plating
 * flat at 0) and each point carries its piece (MeasuredTrace.piece), whose first and last samples are always kept.
 */
export function measuredVoltageTrace(c: { test_time_second?: Float64Array; current_ampere?: Float64Array; voltage_volt?: Float64Array }, rows: number, area_cm2: number | undefined, TRACE_POINTS = 2000, dir?: ArrayLike<number>,
  words: { figure?: string; area?: string } = {}): { trace: MeasuredTrace | null; note?: string } {
  // the notes' words for where the trace is drawn and where the area is given: the workbench's by default (its overlay,
  // its area box); compare --out names its figure and --area or the comparison file's item (measuredRows)
  const figure = words.figure ?? 'the overlay', areaFrom = words.area ?? 'the area box';
  const t = c.test_time_second, i = c.current_ampere, v = c.voltage_volt;
  if (!t || !i || !v || rows < 2) return { trace: null, note: 'no voltage trace: the file has no time, current and voltage columns to draw' };
  if (area_cm2 === undefined) return { trace: null, note: `no voltage trace in ${figure}: its axis is charge per area, and neither the file nor ${areaFrom} gives the electrode area` };
  const q = new Float64Array(rows);
  for (let k = 1; k < rows; k++) {
    const dt = t[k]! - t[k - 1]!, di = (i[k]! + i[k - 1]!) / 2;
    q[k] = q[k - 1]! + (Number.isFinite(dt) && Number.isFinite(di) ? -di * dt : 0);
  }
  const charge: number[] = [], volt: number[] = [];
  const keep = (j: number) => {
    if (!Number.isFinite(v[j]!) || !Number.isFinite(q[j]!)) return false;
    charge.push(q[j]! / 3.6 / area_cm2); // C to mAh, per cm2
    volt.push(v[j]! * 1000);
    return true;
  };
  if (dir === undefined) {
    const step = rows <= TRACE_POINTS ? 1 : (rows - 1) / (TRACE_POINTS - 1);
    const n = Math.min(rows, TRACE_POINTS);
    for (let k = 0; k < n; k++) keep(Math.round(k * step));
    return { trace: { charge_mAh_per_cm2: charge, cell_voltage_mV: volt } };
  }
  // the pieces: runs of one non-zero direction; each kept at its ends and every `step`-th sample between
  const runs: [number, number][] = [];
  for (let k = 0; k < rows; k++) {
    const d = dir[k]!;
    if (d === 0 || !Number.isFinite(d)) continue;
    const last = runs.at(-1);
    if (last && last[1] === k - 1 && dir[k - 1] === d) last[1] = k; else runs.push([k, k]);
  }
  // review70b: a file with no step under current (rests only) has nothing to draw here: said, as a file without an area
  // (the panel came out missing without a word; before mends70 it drew the whole file)
  if (runs.length === 0) return { trace: null, note: `no voltage trace in ${figure}: the file has no step under current (rests only), and the panel draws the steps under current` };
  const under = runs.reduce((s, [a, b]) => s + b - a + 1, 0);
  const step = Math.max(1, (under - 1) / Math.max(1, TRACE_POINTS - 2 * runs.length));
  const piece: number[] = [];
  runs.forEach(([a, b], p) => {
    let next = a;
    for (let k = a; k <= b; k++) if (k === a || k === b || k >= next) { if (keep(k)) piece.push(p); if (k >= next) next = k + step; }
  });
  return { trace: { charge_mAh_per_cm2: charge, cell_voltage_mV: volt, piece } };
}

/**
 * One `--measured` value (measured70): `PROTOCOL:FILE` reads FILE under that protocol (`--measured symmetric:lili.mpt
 * --measured licu:licu.mpt`: a Li||Li and a Li||Cu cell in one table), a plain FILE under `fallback` (--protocol, licu
 * without it). The prefix is a word of two letters or more before the first colon (a Windows drive, `C:\...`, is one
 * letter); a value that names an existing file as given is that file. A word that is no protocol is refused naming the
 * file, the word and the protocols accepted (where the part after the colon is a file: it was meant as a prefix).
 */
export function measuredEntry(value: string, fallback: MeasuredProtocol): { file: string; protocol: MeasuredProtocol } {
  const m = /^([A-Za-z][A-Za-z0-9_-]+):(.+)$/.exec(value);
  if (!m || !notAFile(resolve(value))) return { file: value, protocol: fallback };
  const [, word, file] = m as unknown as [string, string, string];
  const hit = MEASURED_PROTOCOLS.find((c) => c.toLowerCase() === word.toLowerCase());
  if (hit) return { file, protocol: hit };
  if (notAFile(resolve(file))) return { file: value, protocol: fallback }; // neither a prefix of a file nor a file: the reader's "no such file"
  throw new InputError('--measured', value, `PROTOCOL:FILE with PROTOCOL one of ${MEASURED_PROTOCOLS.join(', ')} (how ${file} is read, as analyze --protocol reads it; got "${word}"${fullcellHint(word, ': ')}), or the file alone (read as --protocol says, licu without it)`);
}

/** A comparison file's measured cell (measured70b: input/parse.ts compareMeasuredOf's item; its own protocol, area and map) */
export interface MeasuredItem { file: string; protocol?: MeasuredProtocol; read: MeasuredReadOptions; field: string }

/**
 * The measured rows: the comparison file's `measured:` items first (measured70b: `items`, each read under its own protocol,
 * licu where it names none, and its own area and map alone: the flags are the --measured files'), then the --measured files, each read as
 * its `PROTOCOL:` prefix says (measured70) or else as --protocol says (licu without it), with --area and --map as analyze
 * takes them (side66b; one area and mapping for all the --measured files).
 */
export async function measuredRows(files: readonly string[], protocol: unknown, o: { area?: string[]; map?: string; items?: readonly MeasuredItem[] } = {}, traces?: { name: string; trace: MeasuredTrace | null; note?: string }[]): Promise<TableRow[]> {
  const p = protocol === undefined ? 'licu' : choiceArg('--protocol', protocol, MEASURED_PROTOCOLS, `${MEASURED_PROTOCOLS.join(', ')} (how each --measured file is read, as analyze --protocol reads it; fullcell has no plating onto a host to read)`);
  const rows: TableRow[] = [];
  const read = measuredReadOptions(o.area, o.map, { area: '--area', map: '--map' });
  // every value checked before any file is read (a bad prefix on the second file is said before the first is analysed)
  const entries: { file: string; protocol: MeasuredProtocol; read: MeasuredReadOptions; names?: MeasuredOptionNames }[] = [
    ...(o.items ?? []).map((it) => ({ file: it.file, protocol: it.protocol ?? 'licu' as const, read: it.read, names: { area: `${it.field}.area`, map: `${it.field}.map` } })),
    ...files.map((f) => ({ ...measuredEntry(f, p), read })),
  ];
  for (const { file: f, protocol: p, read, names } of entries) {
    const reading = () => measuredReading(f, p, read);
    const got = names ? await withMeasuredNames(reading, names) : await reading();
    rows.push(got.row);
    if (!traces) continue;
    // audit70b: each file's voltage against its net plated charge per area, for compare --out's figure beside the cases
    const { row, report, table } = got;
    // mends70: the steps under current only, a piece per direction of charge (analyze's directions of the samples)
    const { traceOf } = await import('../analysis/report.js');
    const { directions } = await import('../analysis/segments.js');
    let dir: Int8Array | undefined;
    try { dir = directions(traceOf(table)).dir; } catch { dir = undefined; }
    // measured70b: a comparison file's item without an area is told its own key (the --measured files', --area)
    const t = measuredVoltageTrace(table.columns, table.rows, report.area_cm2, 2000, dir, { figure: 'figures/measured_beside_simulated', area: names ? names.area : '--area' });
    traces.push({ name: row.name, ...t });
  }
  return rows;
}
