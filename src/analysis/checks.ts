/**
 * Checks on every analysed file, printed with each report: is test time monotonic and of a
 * plausible span, is the cycle column sane, does the current's sign agree with the file's own
 * labels and capacity columns, is the electrode area known. Where a check finds something it can
 * repair without guessing, it repairs it in the trace and says so (time rebuilt, a cycle column
 * ignored, the sign flipped to follow the file's labels); where it cannot, it refuses.
 */
import { lineOfRow, type CyclerTable } from '../cycler/read.js';
import { FileError } from '../errors.js';
import { cycleCensus, directions, fileCapacity, halfCycles, type CycleCensus, type SegmentOptions, type Trace } from './segments.js';

export type CheckStatus = 'ok' | 'warn' | 'repaired' | 'n/a';
export interface Check { name: string; status: CheckStatus; detail: string }

/** Longest plausible test: 5 years. */
const MAX_SPAN_S = 5 * 365.25 * 86400;

export interface AreaInfo { area_cm2?: number; from: 'option' | 'header' | 'none'; placeholder?: string }

export function areaOf(t: CyclerTable, option_cm2?: number): AreaInfo {
  if (option_cm2 !== undefined) return { area_cm2: option_cm2, from: 'option' };
  const a = t.meta.electrode_area_cm2;
  if (typeof a === 'number') return { area_cm2: a, from: 'header' };
  const p = t.meta.electrode_area_placeholder;
  return typeof p === 'string' ? { from: 'none', placeholder: p } : { from: 'none' };
}

const h = (s: number) => (s / 3600).toPrecision(4);
/** A time in seconds as read: large ones in exponent form ("1e9", "1e308"), others as they are. */
const secText = (x: number): string => (Math.abs(x) >= 1e6 && Number.isFinite(x) ? x.toExponential().replace('e+', 'e') : String(x));

/**
 * The one row whose test time makes a span implausible by itself (robust61): the largest finite forward step (the
 * steps after a 1e308 s row, rebuilt past a double's range, are left out), with the step after it when the reader rebuilt that
 * one (the row after a far-off one steps back, and the rebuilt piece continues from the far-off value: a second jump),
 * when every other finite step together spans at most MAX_SPAN_S; undefined when the span is long step by step (the
 * column's unit).
 */
function oneRowJump(time: ArrayLike<number>, rebuiltAt: (row: number) => boolean): { row: number; step: number; rest: number } | undefined {
  const d = (k: number) => time[k]! - time[k - 1]!;
  let row = -1, step = -Infinity;
  for (let k = 1; k < time.length; k++) { const x = d(k); if (Number.isFinite(x) && x > step) { row = k; step = x; } }
  if (row < 1) return undefined;
  const skip = row + 1 < time.length && rebuiltAt(row + 1) ? row + 1 : row;
  let rest = 0;
  for (let k = 1; k < time.length; k++) { const x = d(k); if (k !== row && k !== skip && Number.isFinite(x)) rest += x; }
  return rest <= MAX_SPAN_S && rest < step ? { row, step, rest } : undefined;
}

/** A current as the file wrote it: large or tiny ones in exponent form ("1e308", "1e30"), others as they are. */
const ampText = (x: number): string => ((Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-4)) && Number.isFinite(x) ? x.toExponential().replace('e+', 'e') : String(x));

/**
 * The check on one row whose current alone sets the rest threshold (mends61b; robust61 left it): the default threshold
 * is 0.1 % of the decade above the largest |I| (`--rest-fraction`'s is a fraction of it too), so one far-off row (1e308
 * or 1e30 A in one row of a 17-minute Arbin file at 6.6 A) read every other row as rest: "0 cycles", the checks block's `rest:
 * |I| <= 1.00e+308 mA` line the only trace of it. A WARN naming the row's line and value, where that row makes at least
 * 90 % of the rows that pass current without it read as rest (a real spike of a few times the test's current moves the
 * threshold a decade at most: a constant-voltage tail below it, not the test's own rows). The analysis is still made,
 * as the file gives it (the reader's rule for numbers no cell produces: analysis/plausibility.ts); undefined otherwise,
 * and with `--rest-current` (the threshold is then the user's).
 */
export function oneRowRestCheck(tr: Trace, dir: ArrayLike<number>, threshold_A: number, o: SegmentOptions = {}, asRead: ArrayLike<number> = tr.current_A): Check | undefined {
  if (o.restCurrent_A !== undefined) return undefined;
  const I = tr.current_A, n = I.length;
  let row = -1, imax = 0;
  for (let k = 0; k < n; k++) { const a = Math.abs(I[k]!); if (Number.isFinite(a) && a > imax) { imax = a; row = k; } }
  if (row < 0) return undefined;
  // most files: more than a tenth of the rows pass current as they are (no second pass of the directions needed)
  let passing = 0;
  for (let k = 0; k < n; k++) if (k !== row && dir[k] !== 0) passing++;
  if (passing > 0.1 * (n - 1)) return undefined;
  const without = Float64Array.from(I as ArrayLike<number>);
  without[row] = 0;
  const d0 = directions({ ...tr, current_A: without }, o).dir;
  let passWithout = 0, passWith = 0, row2 = -1, i2 = 0;
  for (let k = 0; k < n; k++) {
    if (k === row) continue;
    if (d0[k] !== 0) { passWithout++; if (dir[k] !== 0) passWith++; }
    const a = Math.abs(I[k]!);
    if (Number.isFinite(a) && a > i2) { i2 = a; row2 = k; }
  }
  if (passWithout === 0 || passWith > 0.1 * passWithout) return undefined;
  const line = (k: number) => tr.where?.lineOf(k) ?? k + 1;
  const lost = passWith === 0 ? `every other row reads as rest (${passWithout} rows pass current without it)` : `${passWithout - passWith} of the ${passWithout} rows that pass current without it read as rest`;
  const rule = o.restFraction !== undefined ? `--rest-fraction ${o.restFraction} of it` : '0.1 % of the decade above it';
  return {
    name: 'rest threshold', status: 'warn',
    detail: `line ${line(row)} reads ${ampText(asRead[row]!)} A, the largest |I| of the file, and sets the rest threshold alone (${rule}: |I| <= ${(threshold_A * 1e3).toPrecision(3)} mA)`
      + `${row2 >= 0 ? `, above every other row's |I| (the largest, ${+Math.abs(I[row2]!).toPrecision(4)} A, at line ${line(row2)})` : ''}: ${lost}; one row's current far off (a corrupt or mistyped value)? correct or remove that row, or give the threshold with --rest-current`,
  };
}

/** Median of (clock step / test-time step) over rows where both advance. */
function stepRatio(time: ArrayLike<number>, clock: ArrayLike<number>): number {
  const r: number[] = [];
  const n = time.length;
  const every = Math.max(1, Math.floor(n / 20000));
  for (let k = every; k < n; k += every) {
    const dt = time[k]! - time[k - every]!, dc = clock[k]! - clock[k - every]!;
    if (dt > 0 && dc > 0 && Number.isFinite(dt) && Number.isFinite(dc)) r.push(dc / dt);
  }
  if (r.length < 5) return NaN;
  r.sort((a, b) => a - b);
  return r[Math.floor(r.length / 2)]!;
}

/**
 * How the cycle-column check states the count, in the words of the report's format line: a value
 * whose rows are all rest is named beside the count, not counted ("5 cycles (+ a rest-only cycle 0)").
 */
function cycleCountText(c: CycleCensus): string {
  const n = (k: number) => `${k} cycle${k === 1 ? '' : 's'}`;
  if (c.allRest) return `0 cycles: every row at rest (the file holds only rest; its cycle column reads ${c.restOnly.length === 1 ? c.restOnly[0] : `${c.restOnly.length} values`})`;
  const r = c.restOnly;
  if (r.length === 0) return n(c.cycles);
  if (r.length === 1) return `${n(c.cycles)} (+ a rest-only cycle ${r[0]})`;
  return `${n(c.cycles)} (+ ${r.length} rest-only cycle values: ${r.slice(0, 5).join(', ')}${r.length > 5 ? ', ...' : ''})`;
}

/**
 * The trace to analyse, after the checks' repairs, the checks themselves and the census of the
 * cycle column (what the report's cycle count is; undefined without a usable cycle column).
 */
export function checkedTrace(t: CyclerTable, area: AreaInfo): { trace: Trace; checks: Check[]; cycles?: CycleCensus } {
  const c = t.columns;
  if (!c.test_time_second || !c.voltage_volt || !c.current_ampere) throw new FileError(t.file, 'no time, voltage and current values to analyse');
  const n = t.rows;
  const checks: Check[] = [];
  const rc = t.checks;
  let time = c.test_time_second;
  let current = c.current_ampere;

  // --- time
  if (rc.time_resets > 0) {
    checks.push({ name: 'time monotonic', status: 'repaired', detail: `test time stepped back ${rc.time_resets} time(s) (first at line(s) ${rc.time_reset_lines.join(', ')}): rebuilt as one continuous time, each piece continuing from the last sample` });
  } else checks.push({ name: 'time monotonic', status: 'ok', detail: `test time never steps back${rc.time_from ? ` (from ${rc.time_from})` : ''}` });
  const span = n > 0 ? time[n - 1]! - time[0]! : 0;
  if (n > 1 && !(span > 0)) {
    // nothing to integrate or to split into half cycles: every protocol would read nothing from it
    const a = lineOfRow(t.rowLines, 0), b = lineOfRow(t.rowLines, n - 1);
    const after = rc.time_resets > 0 ? `, after the ${rc.time_resets} step(s) back from line(s) ${rc.time_reset_lines.join(', ')}${rc.time_resets > rc.time_reset_lines.length ? ', ...' : ''} were rebuilt as a continuous time` : '';
    throw new FileError(t.file, `test time does not increase: all ${n} rows, lines ${a} to ${b}, read ${time[0]} s${after}; expected an elapsed time that grows (name the column with --map time=COLUMN@s)`, a);
  }
  const u = c.unix_time_second;
  let clock: number | undefined;
  if (u) {
    let first = NaN, last = NaN;
    for (let k = 0; k < n; k++) if (Number.isFinite(u[k]!)) { if (Number.isNaN(first)) first = u[k]!; last = u[k]!; }
    if (Number.isFinite(last - first)) clock = last - first;
  }
  // the test-time column's unit against the wall clock: the median ratio of clock to test-time steps
  const unitRatio = clock !== undefined && clock > 600 && span > 0 ? stepRatio(time, u!) : NaN;
  if (Number.isFinite(unitRatio) && (unitRatio > 2 || unitRatio < 0.5)) {
    // a whole-unit mistake (minutes or hours read as seconds): rescale, keeping the column's own steps and gaps
    const known = [60, 3600, 86400, 1 / 60, 1 / 3600, 1 / 86400].find((k) => Math.abs(unitRatio / k - 1) < 0.05);
    const f = known ?? unitRatio;
    const scaled = new Float64Array(n);
    for (let k = 0; k < n; k++) scaled[k] = time[k]! * f;
    time = scaled;
    const unit = f === 60 ? 'minutes' : f === 3600 ? 'hours' : f === 86400 ? 'days' : `units of ${f.toPrecision(4)} s`;
    checks.push({ name: 'time span', status: 'repaired', detail: `the time column spans ${h(span)} h but the file's date-time column spans ${h(clock!)} h; step by step the clock runs ${unitRatio.toPrecision(4)}x faster (ratio ${(1 / unitRatio).toPrecision(3)}): the time column is in ${unit}, rescaled to seconds` });
  } else if (span > MAX_SPAN_S) {
    const jump = oneRowJump(time, (row) => rc.time_reset_lines.includes(lineOfRow(t.rowLines, row)));
    if (jump) {
      // robust61: one far-off row (1e9 s in a 30-minute Arbin file) read as "spans 63.4 years ... the time column's
      // unit is probably wrong", and 1e308 s as "spans Infinity h (Infinity years)"; the line and its value say it
      const line = lineOfRow(t.rowLines, jump.row);
      const rebuilt = rc.time_resets > 0 && rc.time_reset_lines.some((l) => l < line) ? ' (as rebuilt after the steps back above it)' : '';
      throw new FileError(t.file, `test time reads ${secText(time[jump.row]!)} s after ${secText(time[jump.row - 1]!)} s on the row before${rebuilt}: a step of ${h(jump.step)} h, while every other step together spans ${h(jump.rest)} h; one row's time far off (a corrupt or mistyped value), not the column's unit: correct or remove that row`, line);
    }
    throw new FileError(t.file, `test time spans ${h(span)} h (${(span / 31557600).toFixed(1)} years): not a plausible test; the time column's unit is probably wrong (name it with --map time=COLUMN@s)`);
  } else {
    const agree = clock !== undefined && clock > 600 ? `; agrees with the date-time column (${h(clock)} h)` : '';
    checks.push({ name: 'time span', status: 'ok', detail: `${h(span)} h${agree}` });
  }

  // --- time resolution (audit70b): a date-time saved without its seconds (a spreadsheet's display format, `03.11.2026
  // 09:01`) gives runs of rows at one time: the charges integrate over a time resolved to a minute, without a word (a
  // Li||Cu file so saved read cycle 3's CE 1.0000 for 0.9867, the mean 0.9611 for 0.9567)
  const res = repeatedTimes(time, current);
  if (res) {
    const src = [...(t.sources ?? [])].reverse().find((x) => x.col === 'test_time_second');
    const what = src ? (/^(derived|accumulated|date-time|unix time) /.test(src.from) ? `the time column, ${src.from},` : `the time column "${src.from}"`) : 'the time column';
    const mAh = (res.medianI_A * res.step_s) / 3.6;
    checks.push({ name: 'time resolution', status: 'warn', detail: `${res.repeated} of ${res.pairs} rows under current repeat the time of the row before: ${what} steps by ${secText(res.step_s)} s at the finest (a date-time saved without its seconds, as a spreadsheet's display format writes it, or a time printed more coarsely than the file was sampled?); the charges integrate over a time resolved to ${secText(res.step_s)} s, each half cycle's uncertain by up to about ${mAh.toPrecision(2)} mAh (the median |I|, ${(res.medianI_A * 1e3).toPrecision(3)} mA, for ${secText(res.step_s)} s), and so the CE; export the time with its seconds (or the test time column)` });
  }

  // --- cycle column
  let cycle = c.cycle_count;
  // the count is added once the trace (its repaired current) is known: the report's own count, from cycleCensus
  let cycleCheck: Check | undefined;
  if (cycle) {
    let nonInt = NaN, down = 0;
    for (let k = 0; k < n; k++) {
      const v = cycle[k]!;
      if (!Number.isFinite(v)) continue;
      if (!Number.isInteger(v) && Number.isNaN(nonInt)) nonInt = v;
      if (k > 0 && Number.isFinite(cycle[k - 1]!) && v < cycle[k - 1]!) down++;
    }
    if (!Number.isNaN(nonInt)) {
      checks.push({ name: 'cycle column', status: 'repaired', detail: `holds non-integer values (e.g. ${nonInt}): not a cycle count; ignored, cycles derived from the current` });
      cycle = undefined;
    } else {
      cycleCheck = down > 0
        ? { name: 'cycle column', status: 'warn', detail: `decreases ${down} time(s) (a counter that restarts, or concatenated tests): its cycles numbered on from there, the file's own number kept as file_cycle; ` }
        : { name: 'cycle column', status: 'ok', detail: 'integers, never decreasing, ' };
      checks.push(cycleCheck);
    }
  } else checks.push({ name: 'cycle column', status: 'n/a', detail: 'none: cycles derived from the current sign' });

  // --- sign
  if (rc.ocv_only) {
    // a file whose own labels say charge and discharge is no OCV recording (a Neware export without its current column was called one)
    checks.push({ name: 'current sign', status: 'n/a', detail: rc.label_column && rc.labelled_rows > 0 ? `no current column (current taken as 0): each row's direction from its "${rc.label_column}" labels` : 'no current column: an OCV recording (current taken as 0)' });
  } else if (rc.label_column && rc.labelled_rows > 0) {
    const unsigned = rc.negative_current_rows === 0 && rc.sign_flipped_rows > 0;
    if (rc.window_current) checks.push({ name: 'current sign', status: 'ok', detail: `taken as written; each row's half cycle from its "${rc.label_column}" column (${rc.labelled_rows} rows${rc.against_label_rows ? `, ${rc.against_label_rows} of them a Hold's window that passed current against its half: counted against it` : ''})` });
    else if (unsigned) checks.push({ name: 'current sign', status: 'repaired', detail: `the file writes |I| (no negative currents): sign taken from its "${rc.label_column}" labels on ${rc.labelled_rows} rows` });
    else if (rc.sign_flipped_rows > 0) checks.push({ name: 'current sign', status: 'repaired', detail: `disagreed with "${rc.label_column}" on ${rc.sign_flipped_rows} of ${rc.labelled_rows} labelled rows: the file's labels were followed` });
    else checks.push({ name: 'current sign', status: 'ok', detail: `agrees with "${rc.label_column}" on all ${rc.labelled_rows} labelled rows` });
  } else if (c.charging_capacity_ah && c.discharging_capacity_ah) {
    const chg = c.charging_capacity_ah, dis = c.discharging_capacity_ah;
    let agree = 0, disagree = 0;
    for (let k = 1; k < n; k++) {
      const dc = chg[k]! - chg[k - 1]!, dd = dis[k]! - dis[k - 1]!, i = current[k]!;
      if (!(i !== 0) || !Number.isFinite(dc) || !Number.isFinite(dd)) continue;
      if (dc > 0 && !(dd > 0)) { if (i > 0) agree++; else disagree++; } else if (dd > 0 && !(dc > 0)) { if (i < 0) agree++; else disagree++; }
    }
    if (disagree > agree && disagree >= 10) {
      const f = new Float64Array(n);
      for (let k = 0; k < n; k++) f[k] = -current[k]!;
      current = f;
      checks.push({ name: 'current sign', status: 'repaired', detail: `opposite to the file's charge/discharge capacity columns on ${disagree} of ${agree + disagree} rows: sign flipped to follow them (the file uses positive = discharge)` });
    } else if (disagree > 0) {
      checks.push({ name: 'current sign', status: agree + disagree > 0 && disagree / (agree + disagree) > 0.01 ? 'warn' : 'ok', detail: `agrees with the charge/discharge capacity columns on ${agree} of ${agree + disagree} rows` });
    } else checks.push({ name: 'current sign', status: agree > 0 ? 'ok' : 'n/a', detail: agree > 0 ? `agrees with the charge/discharge capacity columns on all ${agree} rows where one grows` : 'capacity columns never grow: nothing to check against' });
  } else checks.push({ name: 'current sign', status: 'n/a', detail: 'no state/step labels or charge/discharge capacity columns to check it against: taken as written (> 0 charges)' });

  // --- area
  // the file's own area beside it where it gives another (it said only "(--area)", review41)
  const own = t.meta.electrode_area_cm2;
  if (area.from === 'option') checks.push({ name: 'area', status: 'ok', detail: `${area.area_cm2} cm2 (--area)${typeof own === 'number' && own !== area.area_cm2 ? `; the file's header says ${own} cm2, not used` : ''}` });
  else if (area.from === 'header') checks.push({ name: 'area', status: 'ok', detail: `${area.area_cm2} cm2 (${typeof t.meta.electrode_area_source === 'string' ? t.meta.electrode_area_source : 'file header'})` });
  else checks.push({ name: 'area', status: 'warn', detail: `unknown${area.placeholder ? `: header holds ${area.placeholder}` : ''}; per-area figures need --area` });

  // --- the rest of what the reader saw
  if (rc.dropped_last_line) checks.push({ name: 'last line', status: 'repaired', detail: `line ${rc.dropped_last_line.line} is cut short (file still being written?): dropped (${rc.dropped_last_line.reason})` });
  if (rc.impedance_columns) checks.push({ name: 'technique', status: 'warn', detail: `impedance columns present (${rc.impedance_columns.join(', ')})${rc.impedance_rows !== undefined ? `, ${rc.impedance_rows} rows at a frequency > 0` : ''}: only the DC columns (<Ewe>, <I>, Ecell, I) are analysed` });

  const tr: Trace = { time_s: time, voltage_V: c.voltage_volt, current_A: current, where: { file: t.file, lineOf: (row) => lineOfRow(t.rowLines, row) } };
  if (cycle) tr.cycle = cycle;
  const step = c.step_index ?? c.step_count;
  if (step) tr.step = step;
  if (t.labels) tr.label = t.labels;
  if (rc.window_current) tr.windowCurrent = true;
  const census = cycleCensus(tr);
  if (cycleCheck) {
    if (census) cycleCheck.detail += cycleCountText(census);
    else { cycleCheck.status = 'n/a'; cycleCheck.detail = 'no numbers in it: cycles derived from the current sign'; }
  }
  return census ? { trace: tr, checks, cycles: census } : { trace: tr, checks };
}

/**
 * Rows under current (|I| > 0, the same sign as the row before) whose time equals the row before's, when they are more
 * than 5 % of such pairs and at least 10: the time column is printed more coarsely than the file was sampled (audit70b).
 * `step_s`: its smallest step > 0; `medianI_A`: the median |I| of those rows.
 */
function repeatedTimes(time: ArrayLike<number>, current: ArrayLike<number>): { repeated: number; pairs: number; step_s: number; medianI_A: number } | undefined {
  let pairs = 0, repeated = 0, step = Infinity;
  const amps: number[] = [];
  for (let k = 1; k < time.length; k++) {
    const d = time[k]! - time[k - 1]!;
    if (d > 0 && d < step) step = d;
    const a = current[k]!, b = current[k - 1]!;
    if (!(a !== 0 && Math.sign(a) === Math.sign(b))) continue;
    pairs++;
    if (d === 0) { repeated++; amps.push(Math.abs(a)); }
  }
  if (repeated < 10 || repeated <= 0.05 * pairs || !Number.isFinite(step)) return undefined;
  amps.sort((x, y) => x - y);
  return { repeated, pairs, step_s: step, medianI_A: amps[amps.length >> 1]! };
}

/** smallest step of a printed column: the resolution it was written with (0.1 mAh for "0.0063" Ah) */
function resolutionOf(col: ArrayLike<number>): number {
  let r = Infinity;
  for (let k = 1; k < col.length; k++) {
    const d = Math.abs(col[k]! - col[k - 1]!);
    if (d > 1e-15 && d < r) r = d;
  }
  return r;
}

/**
 * The current integrated over each half cycle against the file's own charge/discharge capacity
 * columns. Where they disagree by more than 1 % plus two steps of the capacity column's print
 * resolution on a half cycle of at least 20 such steps (a current printed too coarsely: 0.2 mA
 * written for ~0.18 mA), the file's capacities are what the cycler measured: the trace takes them
 * (tr.capacity) and the check says so with both figures. Returns no check without capacity columns
 * that grow.
 */
export function capacityCheck(tr: Trace, t: CyclerTable, o: SegmentOptions = {}): Check | undefined {
  const split = t.columns.charging_capacity_ah && t.columns.discharging_capacity_ah ? undefined : stepCapacitySplit(tr, t);
  const chg = t.columns.charging_capacity_ah ?? split?.charge_Ah, dis = t.columns.discharging_capacity_ah ?? split?.discharge_Ah;
  if (!chg || !dis) return undefined;
  // what the figures are set against: the file's two columns, or its one step column split by its labels (polish65)
  const cols = split ? split.what : "the file's charge/discharge capacity columns";
  const col = split ? split.what : "the file's capacity column";
  const segs = halfCycles({ ...tr, capacity: undefined }, o);
  const res = Math.min(resolutionOf(chg), resolutionOf(dis));
  let worst: { rel: number; seg: number; qi: number; qf: number } | undefined;
  let compared = 0;
  for (const h of segs) {
    const qf = fileCapacity(h.sign > 0 ? chg : dis, h.start, h.end);
    if (!(qf > 0) || !(qf >= 20 * res)) continue;
    compared++;
    const rel = Math.abs(h.charge_Ah - qf) / qf;
    const allowed = 0.01 + (2 * res) / qf;
    if (rel > allowed && (!worst || rel > worst.rel)) worst = { rel, seg: h.index, qi: h.charge_Ah, qf };
  }
  if (compared === 0) return undefined;
  const mAh = (q: number) => `${(q * 1000).toPrecision(4)} mAh`;
  if (!worst) return { name: 'capacity', status: 'ok', detail: `the current integrates to ${cols} within 1 % on all ${compared} half cycles compared` };
  // what the columns resolve (mends108): the SINTEF BDF file's 0.1 mAh columns printed CE 0.5079 (about +-0.012)
  const step = Number.isFinite(res) ? Number(res.toPrecision(1)) : undefined;
  tr.capacity = { charge_Ah: chg, discharge_Ah: dis, ...(step !== undefined ? { resolution_Ah: step } : {}) };
  const digits = step !== undefined ? `, printed to ${+(step * 1000).toPrecision(1)} mAh: the table's charges, CE and retention are printed to the digits that resolves (each charge +-half a step; report.json keeps every digit, cycles.csv 12 significant ones)` : '';
  // a file without a current column: nothing was 'printed too coarsely' (the line said so of a column it does not have)
  if (t.checks.ocv_only) return { name: 'capacity', status: 'repaired', detail: `no current column to integrate (read as 0): charges are taken from ${cols}${digits}` };
  // a ratio within 0.02 decades (about 5 %) of a power of 1000 is a unit, not a resolution (cycfile65: a Neware "Current(mA)" column
  // holding amperes read "-99.9 %: the current column is printed too coarsely or sampled too sparsely")
  const lg = Math.log10(worst.qi / worst.qf), k = Math.round(lg / 3);
  const src = t.sources.find((x) => x.col === 'current_ampere');
  const why = k !== 0 && Math.abs(lg - 3 * k) < 0.02
    ? `a factor of ${k > 0 ? '' : '1/'}${10 ** (3 * Math.abs(k))}: the unit of the current column${src ? ` ("${src.from}", read in ${src.unit ? src.unit : 'A'})` : ''} or of the capacity columns is probably wrong; check which matches the cycler's settings`
    : 'the current column is printed too coarsely or sampled too sparsely to integrate; the cycler counts from its own samples';
  return {
    name: 'capacity', status: 'repaired',
    detail: `the current integrates to ${mAh(worst.qi)} in half cycle ${worst.seg + 1} where ${col} gives ${mAh(worst.qf)} (${worst.qi > worst.qf ? '+' : ''}${((worst.qi / worst.qf - 1) * 100).toFixed(1)} %: ${why}): charges are taken from ${split ? col : "the file's capacity columns"}${digits}`,
  };
}

/**
 * A file with one capacity column per step (Neware's three-level layout: its record rows' `Capacity(Ah)`, counted from 0
 * in each step, in both directions) and the file's own step labels (its step rows' `Step Type`: CC Chg, CC DChg, Rest):
 * that column as a charge column on the rows its label says charge and as a discharge column on the rows it says
 * discharge, 0 elsewhere (the capacity check's two columns; polish65, cycfile65 left the layout unchecked). None without
 * such a column or labels, or where the file has the two columns itself.
 */
function stepCapacitySplit(tr: Trace, t: CyclerTable): { charge_Ah: Float64Array; discharge_Ah: Float64Array; what: string } | undefined {
  const step = t.columns.step_capacity_ah, label = tr.label;
  if (!step || !label || t.format !== 'neware3') return undefined;
  const n = step.length;
  const charge_Ah = new Float64Array(n), discharge_Ah = new Float64Array(n);
  let labelled = 0;
  for (let k = 0; k < n; k++) {
    const v = Math.abs(step[k]!);
    if (label[k] === 1) { charge_Ah[k] = v; labelled++; } else if (label[k] === -1) { discharge_Ah[k] = v; labelled++; }
  }
  if (labelled === 0) return undefined;
  const from = t.sources.find((x) => x.col === 'step_capacity_ah')?.from ?? 'step capacity';
  const by = t.checks.label_column ?? 'step type';
  return { charge_Ah, discharge_Ah, what: `the file's step capacity column ("${from}") split into charge and discharge by its "${by}" labels` };
}
