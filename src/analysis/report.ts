/**
 * One call from a cycler (or simulator) file to metrics, a printable table, JSON and figures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS, readCycler, type CyclerTable, type ReadOptions } from '../cycler/read.js';
import { FileError, InputError } from '../errors.js';
import { choiceArg, refuseUnknownKeys, renameFlags, withOptionNames } from '../args.js';
import { analyzeSymmetric, type NucleationReading, type SymmetricOptions, type SymmetricResult } from './symmetric.js';
import { nucleationMetrics } from './nucleation.js';
import { aurbachCe, fullCell, licuCe, physicalHalves, type AurbachResult, type CePoint, type FullCellCycle, type PairRule } from './ce.js';
import { countCycles, directions, halfCycles, type Trace } from './segments.js';
import { holdsHalf, retentionText } from './fullcell-text.js';
import { nucleationLine, restInfoText, rowsAndCyclesText, symmetricNucleationLine, symmetricPairingLines } from './cycles-text.js';
import { chargeText, fullcellRatioTexts, ratioText } from './resolution-text.js';
import { areaOf, capacityCheck, checkedTrace, oneRowRestCheck, type Check } from './checks.js';
import { svgPlot, svgToPng, type PlotSpec, type Marker } from './svg.js';

import { PAIR_RULES, PROTOCOLS, refuseOtherProtocolOptions, type Protocol } from './protocols.js';
import { aurbachFit, chargeLimitedStrips, protocolFit } from './protocol-fit.js';
import { plural } from '../plural.js';
export { PROTOCOLS, type Protocol };

export interface AnalyzeOptions extends ReadOptions, Omit<SymmetricOptions, 'area_cm2'> {
  protocol: Protocol;
  area_cm2?: number;
  /** full cells: the active material's mass, g: capacities also per gram (charge_mAh_per_g, discharge_mAh_per_g) */
  mass_g?: number;
  qt_mAh?: number;
  qc_mAh?: number;
  n?: number;
  referenceCycle?: number;
  /** full cells: how half cycles pair into cycles (default 'auto': physical halves, first direction first) */
  pair?: PairRule;
  /**
   * a simulated run's eta.csv whose run was cut (cancelled, the event limit) while its last step passed current (the
   * steps.csv beside it says so; cli/actions/cycler.ts): licu gives the strip it was cut in no CE (licuCe lastHalfCut)
   */
  runCut?: boolean;
}

export interface AnalysisReport {
  file: string;
  format: string;
  encoding: string;
  rows: number;
  /** the file's cycles: distinct values of its cycle column, or (without one) plating/stripping pairs of the current sign */
  cycles: number;
  /** what `cycles` counts: each protocol's own cycles are its section's rows (fullcell pairs physical half cycles) */
  cycles_counted_by: 'cycle column' | 'current sign';
  /**
   * where the charges are read from the file's own capacity columns (the capacity check), those columns' print step, mAh:
   * the printed table rounds charges, CE and retention to what it resolves (mends108); the numbers here keep every digit
   */
  capacity_resolution_mAh?: number;
  /** no row passes current: the file holds only rest (then `cycles` is 0) */
  only_rest?: true;
  columns: string[];
  sources: CyclerTable['sources'];
  meta: CyclerTable['meta'];
  protocol: Protocol;
  area_cm2?: number;
  /** the active material's mass given (--mass), g */
  mass_g?: number;
  /** what was checked and repaired in the file before the analysis */
  checks: Check[];
  /** samples with |I| at or below this are rest (steps from the file's step column when it has one) */
  rest: { threshold_A: number; from_steps: boolean };
  conventions: string;
  symmetric?: Omit<SymmetricResult, 'segments'> & NotRead;
  /** nucleation: the first plating's reading (onto the bare host, the review's figure; each cycle's in its row) */
  /** mean_ce and average_ce: the same number, the second under a run's metrics.json name (review41) */
  licu?: { cycles: CePoint[]; mean_ce?: number; average_ce?: number; nucleation?: NucleationReading } & NotRead;
  /** average_ce: ce_avg under a run's metrics.json name (review41) */
  aurbach?: AurbachResult & { average_ce?: number } & NotRead;
  fullcell?: { cycles: FullCellCycle[]; reference_cycle: number; pairing: string };
}

/**
 * Why a protocol's nucleation readings are left out (its `nucleation`, and a Li||Cu file's per-cycle
 * nucleation_overpotential_mV): the file's voltages do not fit the protocol (protocol-fit.ts), e.g. a
 * full cell read as licu, whose "first plating" is a discharge at 4 V: its 341.6 mV "nucleation
 * overpotential" was printed below the note that the file does not fit.
 */
interface NotRead { nucleation_not_read?: string }

/** Leaves the nucleation readings out of the report (text, report.json, the workbench's Cycler page, the figures), saying why. */
function leaveOutNucleation(rep: AnalysisReport, fit: Check): void {
  const why = `the file's voltages do not fit the ${rep.protocol} protocol: ${fit.detail.split(':')[0]} (the protocol check)`;
  for (const sec of [rep.symmetric, rep.licu, rep.aurbach]) if (sec) { delete sec.nucleation; sec.nucleation_not_read = why; }
  for (const c of rep.licu?.cycles ?? []) { delete c.nucleation_overpotential_mV; delete c.nucleation_no_dip; }
}

/** How a simulated step ended (steps.csv, column ended), as the Aurbach line says it. */
const STRIP_ENDS: Record<string, string> = {
  no_metal: 'on exhausted metal (no connected metal left to strip)',
  time: 'on its time limit',
  cancelled: 'when the run was stopped',
  event_limit: 'on the event limit',
  stalled: 'when no event could happen any more',
  file_end: 'where the file ends',
};

export function traceOf(t: CyclerTable): Trace {
  const c = t.columns;
  if (!c.test_time_second || !c.voltage_volt || !c.current_ampere) throw new InputError('file', t.file, 'time, voltage and current columns with values');
  const tr: Trace = { time_s: c.test_time_second, voltage_V: c.voltage_volt, current_A: c.current_ampere, cycle: c.cycle_count };
  const step = c.step_index ?? c.step_count;
  if (step) tr.step = step;
  if (t.labels) tr.label = t.labels;
  return tr;
}

/** Charge per area above which one half cycle is no cycling test's: 243 um of Li metal (2061 mAh/cm3), mAh/cm2. */
export const MAX_PLAUSIBLE_HALF_CYCLE_mAh_per_cm2 = 50;

/**
 * Current density, mA/cm2, outside which a measured alkali-metal cell's test is implausible: Li, Na and K plating and
 * cycling tests run at a few tenths to a few mA/cm2, the fastest at 10-20 (a few at 40), the slowest formation steps
 * at about 0.05, so below 0.01 or above 20 mA/cm2 the area given is far more likely in the wrong unit (mm2 and cm2
 * swapped move the density 100x) than the test. 20, not 50: an area in mm2 given for a cm2 cell reads a 0.5 mA/cm2
 * test, the commonest, as 50 mA/cm2 (review70: 0.5 mA over "1.13 mm2", 44 mA/cm2), and a rare 20-50 mA/cm2 test
 * gets a line it can ignore. Only warned: the figures stay those of the area given.
 */
export const PLAUSIBLE_CURRENT_DENSITY_mA_per_cm2: readonly [number, number] = [0.01, 20];

/**
 * The area check turns to a warning when the largest half cycle holds more charge per area than any
 * cycling test plates (--area "1.13 mm2" for a 1.13 cm2 coin cell printed 376 mAh/cm2 without a word),
 * or (a measured file: a simulated eta.csv is per cm2 already) when the test's current per area lies
 * outside PLAUSIBLE_CURRENT_DENSITY_mA_per_cm2 (review70: --area "1.13 mm2" read 44 mA/cm2 and "113 cm2"
 * 0.0044 mA/cm2, both ok); the figures are still those of the area given.
 */
function implausibleArea(checks: Check[], tr: Trace, o: AnalyzeOptions, area: number, measured: boolean, given: boolean, cur?: { from: string; factor: number }): void {
  const check = checks.find((c) => c.name === 'area');
  if (!check) return;
  const segs = halfCycles(tr, o);
  let q = 0;
  for (const h of physicalHalves(segs)) q = Math.max(q, h.charge_Ah * 1000);
  const perArea = q / area;
  const why: string[] = [];
  const capHigh = perArea > MAX_PLAUSIBLE_HALF_CYCLE_mAh_per_cm2;
  if (capHigh) why.push(`its largest half cycle, ${q.toPrecision(4)} mAh, is ${perArea.toPrecision(4)} mAh/cm2: above ${MAX_PLAUSIBLE_HALF_CYCLE_mAh_per_cm2} mAh/cm2 (243 um of Li metal), more than a cycling test plates or an electrode holds`);
  // the test's current: the median of the half cycles' mean |I| (a rate test's middle rate; a CV tail's low mean does not rule it)
  const is = measured ? segs.map((h) => h.current_A * 1000).filter((i) => i > 0).sort((x, y) => x - y) : [];
  const i = is[Math.floor(is.length / 2)], [lo, hi] = PLAUSIBLE_CURRENT_DENSITY_mA_per_cm2;
  const j = i === undefined ? undefined : i / area;
  const off = j !== undefined && (j < lo || j > hi);
  // an area the user did not give (mends91: the file header's, an EC-Lab .mpt's "Electrode surface area", the cycler's
  // setting, which may be left from another cell): said as the file's, with the flag that gives the electrode's own; the
  // warning asked "is the area right" of an "area given" that nobody gave (a commercial cell's header area)
  if (off) why.push(`the current read, ${+i!.toPrecision(4)} mA (median of the half cycles' mean |I|), over ${given ? 'the area given' : "the file's own area (its header's, not one given)"}, ${area} cm2, is ${+j.toPrecision(4)} mA/cm2: ${j > hi ? 'above' : 'below'} the ${lo}-${hi} mA/cm2 Li, Na and K metal cells are tested at`);
  if (why.length === 0) return;
  check.status = 'warn';
  // mm2 and cm2 swapped move the area, and the density, 100x: the area and density the other reading gives
  const small = capHigh || (j !== undefined && j > hi);
  const other = small ? area * 100 : area / 100;
  const ask = given ? 'is the area right' : "is the file's area the electrode's";
  const own = given ? '' : "; for the electrode's own area, per-area figures need --area";
  // audit70b: a density 1000x off that a unit slip of the current explains (a current in A written under "Current / mA")
  // is said as that too: the warning asked about the area only (0.0005 mA/cm2: "is the area right (mm2, not cm2)?")
  // (too small only, and only where 1000x lands nearer 1 mA/cm2, a test's usual density, than the area's 100x: a 0.5 mA
  // test over "113 cm2" is the area's slip, 0.565 uA over 1.13 cm2 the unit's)
  const near = (x: number) => Math.abs(Math.log10(x));
  const unitSlip = off && j !== undefined && j < lo && j * 1000 <= hi && near(j * 1000) < near(j * 100) && cur && Math.abs(cur.factor) === 1e-3
    ? `; or is the current's unit right? "${cur.from}" is read in mA: a current in A written under it reads 1000x too small, and at 1000x it is ${+(j * 1000).toPrecision(4)} mA/cm2 (--map current=${cur.from}@UNIT reads it in another unit)` : '';
  check.detail += `; ${why.join('; ')}: ${ask} (${small ? 'cm2, not mm2' : 'mm2, not cm2'})?${off ? ` at ${+other.toPrecision(6)} cm2 it is ${+(i! / other).toPrecision(4)} mA/cm2` : ''}${unitSlip}${own}`;
}

/** The file's voltage is the working electrode's own overpotential (a simulated eta.csv read by its own columns), not a cell voltage. */
function workingElectrodeVoltage(t: CyclerTable): boolean {
  return t.format === 'sacplate-eta' && (t.sources ?? []).some((x) => x.col === 'voltage_volt' && x.from === 'overpotential_mV');
}

export async function analyzeTable(t: CyclerTable, o: AnalyzeOptions): Promise<AnalysisReport> {
  const ai = areaOf(t, o.area_cm2);
  const { trace: tr, checks, cycles: census } = checkedTrace(t, ai);
  // the integrated current against the file's own capacity columns (may set tr.capacity)
  const cap = capacityCheck(tr, t, o);
  if (cap) checks.splice(checks.findIndex((c) => c.name === 'area'), 0, cap);
  const area = ai.area_cm2;
  if (area !== undefined) implausibleArea(checks, tr, o, area, t.format !== 'sacplate-eta', ai.from === 'option', [...(t.sources ?? [])].reverse().find((x) => x.col === 'current_ampere'));
  const dirs = directions(tr, o);
  // one far-off current (1e308 A) that reads every other row as rest, named by its line and value (mends61b)
  const oneRow = oneRowRestCheck(tr, dirs.dir, dirs.threshold_A, o, t.columns.current_ampere);
  if (oneRow) checks.push(oneRow);
  const ck = t.checks;
  if (ck.impedance_columns && (ck.impedance_rows === t.rows || halfCycles(tr, o).length === 0)) {
    throw new FileError(t.file, `impedance data (${ck.impedance_columns.join(', ')}${ck.impedance_rows !== undefined ? `; ${ck.impedance_rows} of ${plural(t.rows, 'row')} at a frequency > 0` : ''}): not a cycling test, not analysed`);
  }
  const rep: AnalysisReport = {
    file: t.file, format: t.format, encoding: t.encoding, rows: t.rows, cycles: census?.cycles ?? countCycles(tr),
    // the census exists exactly when the cycle column holds a number (cycleCensus): the count and its source from one test
    cycles_counted_by: census ? 'cycle column' : 'current sign',
    columns: Object.keys(t.columns), sources: t.sources, meta: t.meta, protocol: o.protocol, checks,
    rest: { threshold_A: dirs.threshold_A, from_steps: dirs.from_steps },
    conventions: 'BDF columns and units; current > 0 strips / charges the working electrode, < 0 plates onto it; overpotentials are magnitudes in V',
  };
  if (area !== undefined) rep.area_cm2 = area;
  if (tr.capacity?.resolution_Ah !== undefined) rep.capacity_resolution_mAh = Number((tr.capacity.resolution_Ah * 1000).toPrecision(1));
  if (dirs.dir.every((d) => d === 0)) rep.only_rest = true;
  switch (o.protocol) {
    case 'symmetric': {
      // a simulated eta.csv ends where its run does: its last half is not cut by the file's end (as licu's cutEnd)
      // its voltage is the working electrode's own overpotential: its nucleation is read from the first plating, as the
      // run's metrics.json reads it (a cell voltage's from its first half: docs/cycler.md; mends94)
      const { segments: _s, ...r } = analyzeSymmetric(tr, { ...o, area_cm2: area, cutEnd: t.format !== 'sacplate-eta', workingElectrodeVoltage: workingElectrodeVoltage(t) });
      // the plateaus also in mV under the names of a simulated cycles.csv (plating_plateau_mV, ...)
      const mv = (key: string, v: number | undefined) => (v === undefined ? {} : { [key]: v * 1e3 });
      r.cycles = r.cycles.map((c) => ({ ...c, ...mv('plating_plateau_mV', c.plating_plateau_V), ...mv('stripping_plateau_mV', c.stripping_plateau_V), ...mv('hysteresis_mV', c.hysteresis_V) }));
      // and the first plating's reading as a run's metrics.json names it (nucleation_overpotential_mV, ...)
      if (r.nucleation) r.nucleation = { ...r.nucleation, ...nucleationMetrics(r.nucleation) };
      rep.symmetric = r;
      break;
    }
    case 'licu': {
      // a simulated eta.csv ends where its run does (its last strip at its cut-off): no cut end to look for
      const r = licuCe(tr, { ...o, cutStart: true, unstripped: true, cutEnd: t.format !== 'sacplate-eta', endsWithRun: t.format === 'sacplate-eta', lastHalfCut: t.format === 'sacplate-eta' && o.runCut === true });
      // per area under the names and unit of a simulated cycles.csv, when the area is known
      if (area !== undefined) for (const c of r.cycles) { c.plated_mAh_per_cm2 = c.plated_mAh / area; c.stripped_mAh_per_cm2 = c.stripped_mAh / area; }
      const ces = r.cycles.filter((c) => !c.partial).map((c) => c.ce);
      const mean = ces.length ? ces.reduce((a, b) => a + b, 0) / ces.length : undefined;
      // the mean also under the name a run's metrics.json and compare.csv give it (average_ce), for a script setting both side by side
      rep.licu = { cycles: r.cycles, ...(mean !== undefined ? { mean_ce: mean, average_ce: mean } : {}), ...(r.nucleation ? { nucleation: r.nucleation } : {}) };
      break;
    }
    case 'aurbach':
      try {
        rep.aurbach = aurbachCe(tr, { ...o, qt_mAh: o.qt_mAh, qc_mAh: o.qc_mAh, n: o.n });
      } catch (e) {
        // audit70b: a file that signs its platings > 0 reads as strips and platings swapped, its last step a "plating":
        // the refusal says what the protocol check sees, with the --map that reads it reversed
        const cur = [...(t.sources ?? [])].reverse().find((x) => x.col === 'current_ampere');
        const fit = e instanceof InputError && e.field === 'protocol aurbach' ? protocolFit(tr, dirs.dir, 'aurbach', cur ? { from: cur.from, unit: cur.unit ?? '', format: t.format } : undefined) : undefined;
        if (e instanceof InputError && fit && /read it reversed with|without its sign/.test(fit.detail)) throw new InputError(e.field, e.value, `${e.expected}; ${fit.detail}`);
        throw e;
      }
      rep.aurbach.average_ce = rep.aurbach.ce_avg; // as a run's metrics.json names the Aurbach CE
      // per area, as the protocol is written (Q_T 5 mAh/cm2, Q_C 1 mAh/cm2), when the area is known
      if (area !== undefined) Object.assign(rep.aurbach, { qt_mAh_per_cm2: rep.aurbach.qt_mAh / area, qc_mAh_per_cm2: rep.aurbach.qc_mAh / area, qs_mAh_per_cm2: rep.aurbach.qs_mAh / area });
      break;
    case 'fullcell': {
      // a simulated eta.csv ends where its run does: its last half is not cut by the file's end (as licu's cutEnd)
      const r = fullCell(tr, { ...o, endsWithRun: t.format === 'sacplate-eta' });
      if (area !== undefined) for (const c of r.cycles) { c.charge_mAh_per_cm2 = c.charge_mAh / area; c.discharge_mAh_per_cm2 = c.discharge_mAh / area; }
      // per gram of active material (mAh/g, the unit electrode capacities are quoted in) when its mass is given
      const m = o.mass_g;
      if (m !== undefined) { rep.mass_g = m; for (const c of r.cycles) { c.charge_mAh_per_g = c.charge_mAh / m; c.discharge_mAh_per_g = c.discharge_mAh / m; } }
      // its cycles are physical half-cycle pairs (fullcell.cycles), not the file's cycle numbers:
      // `cycles` stays the file's count, as the format line and the cycle-column check say
      rep.fullcell = { cycles: r.cycles, reference_cycle: r.reference_cycle, pairing: r.pair };
      break;
    }
  }
  // a file whose voltages do not fit the protocol asked for (a half or full cell read as symmetric) is said, with the one that fits
  const cur = [...(t.sources ?? [])].reverse().find((x) => x.col === 'current_ampere');
  const fit = protocolFit(tr, dirs.dir, o.protocol, cur && t.format !== 'sacplate-eta' ? { from: cur.from, unit: cur.unit ?? '', format: t.format } : undefined);
  if (fit) { checks.push(fit); leaveOutNucleation(rep, fit); }
  // audit70b: a symmetric cell's file (or strips stopped at a set charge) read as licu: its CE is no efficiency; the
  // nucleation reading of the first plating stays (a symmetric cell's first plating is one)
  else if (rep.licu && t.format !== 'sacplate-eta') {
    const limited = chargeLimitedStrips(tr, dirs.dir, rep.licu.cycles.filter((c) => !c.partial && Number.isFinite(c.ce)).map((c) => c.ce));
    if (limited) checks.push(limited);
  }
  if (rep.aurbach) {
    const a = aurbachFit(tr, dirs.dir, rep.aurbach, o.n !== undefined);
    if (a.check) checks.push(a.check);
    // its highest voltage is no cut-off: the file ends mid strip ('cut-off 0.425 V' read as the protocol's)
    if (a.stopsShort) rep.aurbach.final_strip_ended = 'file_end';
  }
  return rep;
}

const mV = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : (v * 1e3).toFixed(2));
const f3 = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(4));

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padStart(w[i]!)).join('  ')).join('\n');
}

const BASE_UNIT: Record<string, string> = { test_time_second: 's', voltage_volt: 'V', current_ampere: 'A' };
const UNIT_OF_FACTOR: Record<string, Record<number, string>> = {
  test_time_second: { 1: 's', 60: 'min', 3600: 'h', 86400: 'd', 1e-3: 'ms' },
  voltage_volt: { 1: 'V', 1e-3: 'mV' },
  current_ampere: { 1: 'A', 1e-3: 'mA', 1e-6: 'uA', 1e-9: 'nA' },
};

/**
 * Which of the file's columns gave time, voltage and current, and in which unit: `time "Cumulative Time" (s), voltage
 * "Voltage(V)" (V), current "Current(mA)" (mA)`. A column whose name states no unit is read in the layout's (Arbin's
 * Current in A); for --format generic that is the user's mapping, and the line says so with the fix (review46: `--map
 * current=I` of a column in mA read every charge 1000x too large, and nothing printed said which unit was taken).
 */
function columnsText(r: AnalysisReport): string {
  const parts: string[] = [];
  for (const [col, what] of [['test_time_second', 'time'], ['voltage_volt', 'voltage'], ['current_ampere', 'current']] as const) {
    const src = [...(r.sources ?? [])].reverse().find((x) => x.col === col);
    if (!src) continue;
    // a simulated eta.csv's current is per cm2 times the area, or derived from its charge: as its meta says
    const cs = r.meta?.current_source;
    if (col === 'current_ampere' && typeof cs === 'string') { parts.push(`current from ${cs} (${cs.startsWith('current_mA_per_cm2') ? 'mA' : 'A'})`); continue; }
    let unit: string;
    if (src.unit === '' && r.format === 'generic') unit = `read in ${BASE_UNIT[col]}: no unit in its name or --map; give --map ${what}=${src.from}@UNIT if it is not ${BASE_UNIT[col]}`;
    else if (src.unit === '') unit = BASE_UNIT[col]!; // the layout's own unit (Arbin's Current, Maccor's Amps, a duration hh:mm:ss)
    else unit = src.unit ?? UNIT_OF_FACTOR[col]![src.factor] ?? `x ${src.factor} to ${BASE_UNIT[col]}`;
    // audit70b: a current read with its sign reversed (--map current=COL@-mA) says so, and what that makes a plating
    if (col === 'current_ampere' && src.factor < 0) unit = `${unit.replace(/^-/, '')}, its sign reversed by --map: the file's current > 0 read as < 0, a plating onto the working electrode`;
    parts.push(`${what} ${/^(derived|accumulated|date-time|unix time) /.test(src.from) ? `from ${src.from}` : JSON.stringify(src.from)} (${unit})`);
  }
  return parts.join(', ');
}

export function formatReport(r: AnalysisReport): string {
  const out: string[] = [];
  out.push(`file      ${r.file}`);
  out.push(`format    ${r.format} (${r.encoding}), ${rowsAndCyclesText(r)}`);
  // which sheet of a workbook was read, and the sheets that continue it or were not read (report.json's meta.container)
  if (typeof r.meta?.container === 'string' && r.meta.container.startsWith('xlsx')) out.push(`sheet     ${r.meta.container}`);
  const cols = columnsText(r);
  const unread = typeof r.meta?.columns_not_read === 'string' ? `; not read: ${r.meta.columns_not_read}` : '';
  if (cols) out.push(`columns   ${cols}${unread}`);
  if (r.area_cm2 !== undefined) out.push(`area      ${r.area_cm2} cm2`);
  // audit70b: which direction the figures call a plating, said where they are printed (report.json's `conventions` had
  // it; the text said only "taken as written (> 0 charges)", a full cell's word, in its sign check)
  if (r.protocol !== 'fullcell') {
    const cur = [...(r.sources ?? [])].reverse().find((x) => x.col === 'current_ampere');
    const reversed = cur !== undefined && cur.factor < 0 ? ' (this file\'s current read reversed: --map @-UNIT)' : '';
    out.push(`sign      current < 0 plates metal onto the working electrode${r.protocol === 'symmetric' ? ' (and strips the counter electrode)' : ' (a discharge of the cell)'}, > 0 strips it${reversed}; each row's direction as the current sign check says`);
  }
  if (r.mass_g !== undefined) out.push(`mass      ${+(r.mass_g * 1e3).toPrecision(6)} mg of active material (--mass): capacities also in mAh/g`);
  out.push('checks');
  for (const c of r.checks) out.push(`  ${(c.status === 'ok' ? 'ok' : c.status.toUpperCase()).padEnd(8)} ${c.name}: ${c.detail}`);
  out.push(`  ${'info'.padEnd(8)} rest: ${restInfoText(r.rest)}`);
  out.push('');
  // the protocol check's warning again where its figures are read (they are not what their names say)
  if (r.checks.some((c) => c.name === 'protocol' && c.status === 'warn')) out.push(`note: this file does not fit --protocol ${r.protocol} (the protocol check above): the figures below are not what their names say`);
  if (r.symmetric) {
    const s = r.symmetric;
    if (s.nucleation) out.push(symmetricNucleationLine({ nucleation: s.nucleation, half_cycles: s.half_cycles }));
    else if (s.nucleation_not_read) out.push(`nucleation overpotential: not read: ${s.nucleation_not_read}`);
    out.push(`cumulative capacity ${s.cumulative_capacity_mAh.toFixed(4)} mAh${s.cumulative_capacity_mAh_per_cm2 !== undefined ? ` (${s.cumulative_capacity_mAh_per_cm2.toFixed(4)} mAh/cm2)` : ''}`);
    const pe = s.partial_end;
    if (pe) {
      const what = pe.sign < 0 ? 'plating' : 'stripping';
      out.push(`the file ends ${pe.charge_mAh.toPrecision(4)} mAh into a ${what} half cycle (the earlier ones ${pe.median_mAh.toPrecision(4)} mAh; the file's last row is in it): cycle ${pe.cycle} has no ${what} plateau or hysteresis, and the cycle-life criteria leave it out`);
    }
    // how the cycles were paired, where the file's cycle column does not pair them (review70, mends91): the Cycler page's words too
    const pl = symmetricPairingLines(s, r.format);
    if (pl.split) out.push(pl.split);
    if (pl.pairing) out.push(pl.pairing);
    out.push(s.cycle_life ? `cycle life: ${s.cycle_life.criterion} at cycle ${s.cycle_life.cycle} (half cycle ${s.cycle_life.half_cycle}), t = ${(s.cycle_life.time_s / 3600).toFixed(3)} h: ${s.cycle_life.detail}` : `cycle life: no criterion fired within ${plural(s.cycles.length, 'cycle')}`);
    out.push('');
    // the file's own cycle number beside ours where it numbers otherwise (a simulated eta.csv's cycle 0), as the full-cell table
    const fc = s.cycles.some((c) => c.file_cycle !== undefined);
    out.push(table(['cycle', ...(fc ? ['file_cycle'] : []), 'plating_plateau_mV', 'stripping_plateau_mV', 'hysteresis_mV'],
      s.cycles.map((c) => [c.cycle, ...(fc ? [c.file_cycle ?? '-'] : []), mV(c.plating_plateau_V), mV(c.stripping_plateau_V), mV(c.hysteresis_V)])));
    // a plateau on the other side of 0 V is signed (mends116, review86 F9): said under the table
    const across = s.cycles.filter((c) => (c.plating_plateau_V ?? 0) < 0 || (c.stripping_plateau_V ?? 0) < 0).map((c) => c.cycle);
    if (across.length) out.push(`(a negative plateau, cycle${across.length > 1 ? 's' : ''} ${across.join(', ')}: that half ran on the other side of 0 V, a strip below it or a plating above it; the plateaus are signed, |V| on a half's own side, and the hysteresis is their sum, V_strip - V_plate)`);
  }
  if (r.licu) {
    const start = r.licu.cycles.find((c) => c.cut_start), cut = r.licu.cycles.find((c) => c.partial && !c.cut_start && !c.unstripped);
    const open = r.licu.cycles.find((c) => c.unstripped);
    const startText = start ? `; the file starts mid-plating, ${start.plated_mAh.toPrecision(4)} mAh before the strip of cycle ${start.cycle}, which takes ${start.stripped_mAh.toPrecision(4)} mAh: no CE for it` : '';
    const endText = cut ? `; the file ends ${cut.stripped_mAh.toPrecision(4)} mAh into the strip of cycle ${cut.cycle}: no CE for it` : '';
    const openText = open ? `; the file ends in the plating of cycle ${open.cycle} (${open.plated_mAh.toPrecision(4)} mAh), before its strip: no CE for it` : '';
    out.push(`mean CE ${f3(r.licu.mean_ce)} over ${plural(r.licu.cycles.filter((c) => !c.partial).length, 'cycle')} (each plating with the strip after it, physical half cycles${startText}${endText}${openText})`);
    // the review's figure: the first plating's dip, onto the bare host (Cu); each plating's in the table
    const first = r.licu.cycles[0];
    const notRead = r.licu.nucleation_not_read;
    if (r.licu.nucleation) out.push(nucleationLine('nucleation overpotential of the first plating', r.licu.nucleation));
    else if (notRead) out.push(`nucleation overpotential of the first plating: not read: ${notRead}`);
    else if (first) out.push(`nucleation overpotential of the first plating: none read (${first.cut_start ? 'the file starts mid-plating: its dip is before the first row' : 'the plating is too short to read: under 3 samples or no duration'})`);
    if (first && !notRead) out.push('  (magnitudes |V| in mV: the plating reads V < 0 vs Li; nucleation = peak - plateau, peak = largest |V| before half the plating on the plateau\'s side of 0 V (not the open circuit it starts from), plateau = median |V| from half the plating on)');
    const mv = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(2));
    // per area when the area is known, as a full cell's table and a simulated run's cycles.csv give them (report.json had
    // them; the table printed mAh only, so a coin cell's 0.5 mAh stood beside the simulator's 0.1 mAh/cm2)
    const areal = r.licu.cycles.some((c) => c.plated_mAh_per_cm2 !== undefined);
    // charges read from the file's capacity columns: to the digits their print step resolves (mends108)
    const res = r.capacity_resolution_mAh;
    const a5 = (v: number | undefined, per = 1) => chargeText(v, res, 5, per);
    out.push(table(['cycle', 'plated_mAh', 'stripped_mAh', ...(areal ? ['plated_mAh_per_cm2', 'stripped_mAh_per_cm2'] : []), 'CE', 'plating_peak_mV', 'plating_plateau_mV', ...(notRead ? [] : ['nucleation_overpotential_mV'])],
      r.licu.cycles.map((c) => [c.cycle, a5(c.plated_mAh), a5(c.stripped_mAh), ...(areal ? [a5(c.plated_mAh_per_cm2, r.area_cm2), a5(c.stripped_mAh_per_cm2, r.area_cm2)] : []), ratioText(c.ce, c.plated_mAh, c.stripped_mAh, res), mv(c.plating_peak_mV), mv(c.plating_plateau_mV),
        ...(notRead ? [] : [`${mv(c.nucleation_overpotential_mV)}${c.nucleation_no_dip ? ' (no dip)' : ''}`])])));
  }
  if (r.aurbach) {
    const a = r.aurbach;
    out.push(`average CE (Aurbach/Adams) ${f3(a.ce_avg)}  ${a.formula}`);
    // the final strip's highest voltage is its cut-off only when it ended there: a simulated strip
    // whose metal ran out first (steps.csv: no_metal) stopped below it
    const end = a.final_strip_ended === undefined || a.final_strip_ended === 'cutoff'
      ? `cut-off ${a.cutoff_V.toFixed(3)} V`
      : `final strip ended ${STRIP_ENDS[a.final_strip_ended] ?? `by ${a.final_strip_ended}`} before its cut-off, last voltage ${a.last_voltage_V.toFixed(3)} V (highest ${a.cutoff_V.toFixed(3)} V)`;
    out.push(`Q_T ${a.qt_mAh.toFixed(5)} mAh, Q_C ${a.qc_mAh.toFixed(5)} mAh, n ${a.n}, Q_S ${a.qs_mAh.toFixed(5)} mAh, ${end} (detected: Q_T ${a.detected.qt_mAh.toFixed(5)}, Q_C ${a.detected.qc_mAh.toFixed(5)}, n ${a.detected.n})`);
    if (a.short_strips !== undefined) out.push(`${a.short_strips} cycling strip(s) stopped short of Q_C (their cut-off): ${a.short_mAh!.toFixed(5)} mAh not stripped, taken off the numerator`);
    if (a.qt_mAh_per_cm2 !== undefined) out.push(`per area: Q_T ${a.qt_mAh_per_cm2.toFixed(5)} mAh/cm2, Q_C ${a.qc_mAh_per_cm2!.toFixed(5)} mAh/cm2, Q_S ${a.qs_mAh_per_cm2!.toFixed(5)} mAh/cm2`);
    // only the first plating is onto the bare working electrode: the reservoir's cycles plate onto Li
    if (a.nucleation_not_read) out.push(`nucleation overpotential of the first plating: not read: ${a.nucleation_not_read}`);
    if (a.nucleation) out.push(`${nucleationLine(`nucleation overpotential of the first (${a.nucleation.step}) plating, onto the bare working electrode`, a.nucleation)}; magnitudes |V|, the plating reads V < 0 vs Li; the later platings are onto the Li reservoir, not nucleation on the host: not read`);
  }
  if (r.fullcell) {
    out.push(`${plural(r.fullcell.cycles.length, 'cycle')}: ${r.fullcell.pairing}; ${retentionText(r.fullcell.cycles, r.fullcell.reference_cycle)}`);
    // the file's own cycle number beside ours (pairs of physical half cycles can start elsewhere), and
    // areal capacities when the area is known
    const fc = r.fullcell.cycles.some((c) => c.file_cycle !== undefined);
    const areal = r.fullcell.cycles.some((c) => c.charge_mAh_per_cm2 !== undefined);
    const perGram = r.fullcell.cycles.some((c) => c.charge_mAh_per_g !== undefined);
    const res = r.capacity_resolution_mAh;
    out.push(table(['cycle', ...(fc ? ['file_cycle'] : []), 'charge_mAh', 'discharge_mAh', ...(areal ? ['charge_mAh_per_cm2', 'discharge_mAh_per_cm2'] : []), ...(perGram ? ['charge_mAh_per_g', 'discharge_mAh_per_g'] : []), 'CE', 'retention'],
      r.fullcell.cycles.map((c) => {
        // a half the file ends before is '-', not 0 mAh (the pairing line says so)
        // charges read from the file's capacity columns: to the digits their print step resolves (per area and per gram, that
        // step over the area and the mass)
        // (resolution-text.ts, the Cycler page's rule too)
        const held = (half: -1 | 1, v: number | undefined, digits = 5, per = 1) => (holdsHalf(c, half) ? chargeText(v, res, digits, per) : '-');
        return [c.cycle, ...(fc ? [c.file_cycle ?? '-'] : []), held(1, c.charge_mAh), held(-1, c.discharge_mAh),
          ...(areal ? [held(1, c.charge_mAh_per_cm2, 5, r.area_cm2), held(-1, c.discharge_mAh_per_cm2, 5, r.area_cm2)] : []),
          ...(perGram ? [held(1, c.charge_mAh_per_g, 2, r.mass_g), held(-1, c.discharge_mAh_per_g, 2, r.mass_g)] : []),
          ...fullcellRatioTexts(r.fullcell!, c, res)];
      })));
  }
  return out.join('\n') + '\n';
}

/** Figures for the report: returns the list of files written (SVG and, unless disabled, PNG). */
export async function writeFigures(t: CyclerTable, r: AnalysisReport, dir: string, png = true): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const plots = reportPlots(t, r);
  const written: string[] = [];
  for (const [name, spec] of plots) {
    const svg = await svgPlot(spec);
    const f = path.join(dir, `${name}.svg`);
    fs.writeFileSync(f, svg);
    written.push(f);
    if (png) {
      const pf = path.join(dir, `${name}.png`);
      fs.writeFileSync(pf, await svgToPng(svg));
      written.push(pf);
    }
  }
  return written;
}

/** The report's figures as plot specifications, each with its file name (without extension). */
export function reportPlots(t: CyclerTable, r: AnalysisReport): [string, PlotSpec][] {
  const tr = checkedTrace(t, areaOf(t, r.area_cm2)).trace; // the trace the metrics saw (time rescaled, signs from labels)
  const th = Float64Array.from(tr.time_s as ArrayLike<number>, (x) => x / 3600);
  const vm = Float64Array.from(tr.voltage_V as ArrayLike<number>, (x) => x * 1e3);
  const plots: [string, PlotSpec][] = [];
  // mends117 (review86 F8): a full cell or an electrode against Li (the fullcell protocol's files) reads 0-4 V: drawn in V
  // (it was drawn in mV, "3,000"); mV suits the symmetric, licu and aurbach overpotentials
  const vt: PlotSpec = r.protocol === 'fullcell'
    ? { title: `${path.basename(r.file)}: voltage`, xlabel: 'time / h', ylabel: 'voltage / V', series: [{ name: 'voltage', x: th, y: Float64Array.from(tr.voltage_V as ArrayLike<number>) }] }
    : { title: `${path.basename(r.file)}: voltage`, xlabel: 'time / h', ylabel: 'voltage / mV', series: [{ name: 'voltage', x: th, y: vm }] };
  // the reading's half cycle: a symmetric cell's first; the first plating (V < 0) of a Li||Cu or Aurbach file
  const nu = r.symmetric?.nucleation ?? r.licu?.nucleation ?? r.aurbach?.nucleation;
  if (nu) {
    const sg = r.symmetric?.nucleation ? r.symmetric.half_cycles.find((h) => h.index === nu.half_cycle)?.sign ?? -1 : -1;
    const peak: Marker = { x: nu.peak_time_s / 3600, y: sg * nu.peak_V * 1e3, label: `peak ${mV(nu.peak_V)} mV, nucleation ${mV(nu.nucleation_V)} mV`, color: '#d62728' };
    // mends70: the peak ringed, its words in the legend in its red, as the plateau's are: written beside the ring, 9 px
    // above it, they crossed the plateau line and the trace (a few mV apart on a Li||Cu file's 3 V axis). A one-point
    // line (it draws nothing: the ring marks the point): a points series beside lines made a second legend of every name
    vt.markers = [{ ...peak, label: '' }];
    // mends70c: its legend symbol a ring, as the plot draws the peak (it was a line's swatch)
    vt.series.push({ name: peak.label, x: [peak.x], y: [peak.y], color: '#d62728', mode: 'line', legendRing: true });
    // the first plating's plateau over that plating only: a rule across the whole test read as every cycle's (review70)
    vt.series.push({ name: `plateau of the first ${sg < 0 ? 'plating' : 'half cycle'}, ${mV(nu.plateau_V)} mV`, x: [nu.t0_s / 3600, nu.t1_s / 3600], y: [sg * nu.plateau_V * 1e3, sg * nu.plateau_V * 1e3], color: '#2ca02c', mode: 'line' });
    const hlines = [{ y: sg * nu.plateau_V * 1e3, label: `plateau ${mV(nu.plateau_V)} mV`, color: '#2ca02c' }];
    // a zoom on the first half cycle, where the dip is
    const sub = { x: [] as number[], y: [] as number[] };
    for (let k = 0; k < th.length; k++) if (tr.time_s[k]! >= nu.t0_s && tr.time_s[k]! <= nu.t1_s) { sub.x.push(tr.time_s[k]!); sub.y.push(vm[k]!); }
    plots.push(['nucleation', { title: `first ${sg < 0 ? 'plating' : 'half cycle (a strip of the working electrode, a plating of the other)'}: nucleation dip and plateau`, xlabel: 'time / s', ylabel: 'voltage / mV', series: [{ name: 'voltage', ...sub }], markers: [{ ...peak, x: nu.peak_time_s }], hlines }]);
  }
  plots.unshift(['voltage', vt]);
  if (r.symmetric && r.symmetric.cycles.length > 0) {
    const c = r.symmetric.cycles;
    plots.push(['overpotential', {
      title: 'overpotential per cycle (plateau |V|)', xlabel: 'cycle', ylabel: 'overpotential / mV', xIntegers: true,
      series: [
        { name: 'plating', x: c.map((x) => x.cycle), y: c.map((x) => (x.plating_plateau_V ?? NaN) * 1e3), mode: 'points' },
        { name: 'stripping', x: c.map((x) => x.cycle), y: c.map((x) => (x.stripping_plateau_V ?? NaN) * 1e3), mode: 'points' },
        { name: 'hysteresis', x: c.map((x) => x.cycle), y: c.map((x) => (x.hysteresis_V ?? NaN) * 1e3), mode: 'points' },
      ],
    }]);
  }
  const ce = r.licu?.cycles.map((c) => [c.cycle, c.ce] as const) ?? r.fullcell?.cycles.map((c) => [c.cycle, c.ce] as const);
  if (ce && ce.length > 0) plots.push(['ce', { title: 'Coulombic efficiency per cycle', xlabel: 'cycle', ylabel: 'CE / %', xIntegers: true, series: [{ name: 'CE', x: ce.map((x) => x[0]), y: ce.map((x) => x[1] * 100), mode: 'points' }] }]);
  if (r.fullcell && r.fullcell.cycles.length > 0) {
    const c = r.fullcell.cycles;
    // a partial cycle's second half is where the file ends (a test still running): drawn as a capacity, neware_uio.csv's
    // cut charge of 1.44 mAh in cycle 5 read as a capacity collapse (review46); it is a series of its own, named cut, as
    // the table gives it no CE; a second half the file never reached (0 mAh) is not drawn
    const cutHalf = (x: FullCellCycle, sign: -1 | 1) => x.partial === true && x.first_sign !== sign;
    const half = (sign: -1 | 1) => {
      const l = c.filter((x) => !cutHalf(x, sign));
      return { x: l.map((x) => x.cycle), y: l.map((x) => (sign > 0 ? x.charge_mAh : x.discharge_mAh)) };
    };
    const cut = c.filter((x) => x.partial && x.q_out_mAh > 0);
    const cutSeries = [1, -1].flatMap((sign) => {
      const l = cut.filter((x) => x.first_sign !== sign);
      return l.length === 0 ? [] : [{ name: `${sign > 0 ? 'charge' : 'discharge'} cut by the file's end`, x: l.map((x) => x.cycle), y: l.map((x) => x.q_out_mAh), mode: 'points' as const, color: '#7f7f7f' }];
    });
    plots.push(['capacity', { title: 'capacity per cycle', xlabel: 'cycle', ylabel: 'capacity / mAh', xIntegers: true, series: [
      { name: 'charge', ...half(1), mode: 'points' },
      { name: 'discharge', ...half(-1), mode: 'points' },
      ...cutSeries,
    ] }]);
  }
  return plots;
}

/** AnalyzeOptions' keys by what each takes (ReadOptions, SegmentOptions, SymmetricOptions and the protocols' own). */
const ANALYZE_NUMBERS = ['area_cm2', 'mass_g', 'qt_mAh', 'qc_mAh', 'restCurrent_A', 'restFraction', 'plateauFrom', 'limit_V', 'collapseFraction', 'noiseFactor', 'noiseRelative', 'referenceCycle'] as const;
const ANALYZE_INTEGERS = ['n', 'headerLine', 'batchRows', 'minSamples', 'history', 'minHistory'] as const;
const ANALYZE_BOOLEANS = ['softShort', 'useSteps', 'runCut'] as const;
const ANALYZE_TEXTS = ['map', 'delimiter'] as const;
export const ANALYZE_OPTION_KEYS: readonly string[] = ['protocol', 'format', 'pair', ...ANALYZE_NUMBERS, ...ANALYZE_INTEGERS, ...ANALYZE_BOOLEANS, ...ANALYZE_TEXTS];
/** options that must be above 0 (the others: a finite number, or an integer >= 0) */
const POSITIVE = new Set(['area_cm2', 'mass_g', 'qt_mAh', 'qc_mAh', 'batchRows', 'headerLine']);

/**
 * A library caller's arguments, checked as the CLI checks its flags (cli/actions/cycler.ts): no
 * options was a TypeError, a misspelt protocol or option ran and reported nothing of it, and an area
 * of -1 or "1 cm2" was taken. Returns the options with protocol, pair and format in their canonical
 * spelling ('Fullcell' -> 'fullcell').
 */
function analyzeArgs(file: unknown, o: unknown): AnalyzeOptions {
  if (typeof file !== 'string' || file.trim() === '') throw new InputError('file', file, 'a cycler file path (text)');
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new InputError('options', o, `a map of options with protocol, e.g. { protocol: 'licu', area_cm2: 1.13 }`);
  const r = o as Record<string, unknown>;
  refuseUnknownKeys('options', r, ANALYZE_OPTION_KEYS, { word: 'option', owner: 'analyzeFile takes', undefinedIsAbsent: true });
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined) continue;
    if ((ANALYZE_NUMBERS as readonly string[]).includes(k) && !(typeof v === 'number' && Number.isFinite(v) && (!POSITIVE.has(k) || v > 0))) {
      throw new InputError(k, v, POSITIVE.has(k) ? `a number above 0${k === 'area_cm2' ? ' (electrode area in cm2, e.g. 1.13)' : k === 'mass_g' ? ' (active material mass in g, e.g. 0.0105)' : k.endsWith('mAh') ? ' (a charge in mAh)' : ''}` : 'a finite number');
    }
    if ((ANALYZE_INTEGERS as readonly string[]).includes(k) && !(Number.isInteger(v) && (v as number) >= (POSITIVE.has(k) ? 1 : 0))) throw new InputError(k, v, `an integer >= ${POSITIVE.has(k) ? 1 : 0}`);
    if ((ANALYZE_BOOLEANS as readonly string[]).includes(k) && typeof v !== 'boolean') throw new InputError(k, v, 'true or false');
    if ((ANALYZE_TEXTS as readonly string[]).includes(k) && typeof v !== 'string') throw new InputError(k, v, 'text');
  }
  // the choices in any case, as the CLI's --protocol, --pair and --format take them (one matching: args.ts choiceArg)
  const named = { ...r, protocol: choiceArg('protocol', r.protocol, PROTOCOLS) } as AnalyzeOptions;
  refuseOtherProtocolOptions(named.protocol, r);
  if (r.pair !== undefined) named.pair = choiceArg('pair', r.pair, PAIR_RULES);
  if (r.format !== undefined) named.format = choiceArg('format', r.format, FORMATS);
  return named;
}

export async function analyzeFile(file: string, o: AnalyzeOptions): Promise<{ table: CyclerTable; report: AnalysisReport }> {
  const named = analyzeArgs(file, o);
  const t = await readCycler(file, named);
  return { table: t, report: await analyzeTable(t, named) };
}

/** The CLI flags the cycler reader's and the analysis's refusals and checks name, as a script writes analyzeFile()'s options. */
const ANALYZE_OPTION_WORDS = {
  '--format generic --map': "format: 'generic' and map", '--format generic': "format: 'generic'", '--format': 'format', '--map': 'map',
  '--area': 'area_cm2', '--mass': 'mass_g', '--protocol': 'protocol',
};

/**
 * The package entry's `analyzeFile` (src/index.ts): analyzeFile, its errors and its report's checks naming
 * the options a script wrote (`map`, not `--map`; "per-area figures need area_cm2"), as the workbench's
 * cycler-hints.ts names its query parameters.
 */
export async function analyzeCyclerFile(file: string, o: AnalyzeOptions): Promise<{ table: CyclerTable; report: AnalysisReport }> {
  const r = await withOptionNames(() => analyzeFile(file, o), {}, ANALYZE_OPTION_WORDS);
  for (const c of r.report.checks) c.detail = renameFlags(c.detail, ANALYZE_OPTION_WORDS);
  return r;
}

/**
 * robust62: the package entry's formatReport given what is not a report (null, a number, {}, or analyzeFile()'s whole
 * `{ table, report }`) threw a TypeError from deep inside ("Cannot read properties of null (reading 'file')", "r.checks
 * is not iterable"); one InputError naming the argument instead. The shape looked at is what formatReport reads first.
 */
function reportArg(r: unknown): void {
  const m = r as Partial<Record<keyof AnalysisReport | 'table' | 'report', unknown>> | null;
  if (m !== null && typeof m === 'object' && !Array.isArray(m) && typeof m.file === 'string' && typeof m.format === 'string' && Array.isArray(m.checks)) return;
  const whole = m !== null && typeof m === 'object' && 'table' in m && 'report' in m;
  throw new InputError('report', whole ? '{ table, report }' : r, `an analysis report: what analyzeFile() resolves with, its .report${whole ? " (this is analyzeFile()'s whole result { table, report }: pass result.report)" : ' ({ table, report })'}`, whole ? "analyzeFile()'s whole result" : undefined);
}

/**
 * The package entry's `formatReport`: the printed report naming analyzeFile()'s options where the CLI's
 * names its flags ("note: this file does not fit protocol licu", not "--protocol licu"), as
 * analyzeCyclerFile's checks do.
 */
export function formatCyclerReport(r: AnalysisReport): string {
  reportArg(r);
  return renameFlags(formatReport(r), ANALYZE_OPTION_WORDS);
}
