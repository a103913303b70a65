/**
 * Nucleation overpotential of one plating segment (Yan et al., Nat. Energy 1, 16010, 2016;
 * Pei et al., Nano Lett. 17, 1132, 2017): the tip of the voltage dip at the start of plating
 * minus the plateau that follows once nuclei exist.
 *
 * The function works on the MAGNITUDE |eta| of the overpotential, so it accepts either sign
 * convention (the simulator's working-electrode eta is negative while plating; a cycler's cell
 * voltage of a Li||Li or Li||Cu cell is negative too). The plating side is the sign of the plateau's
 * median: an early sample on the other side (a Li||Cu plating starting from the Cu's open-circuit
 * voltage, +2 to +3 V, on its way down through 0 V; a simulated SAC that lowers the reduction barrier,
 * whose sites fill at a positive eta before the metal nucleates: underpotential deposition) is not the
 * tip of the dip and counts as 0 there (until review38 its |eta| was the peak: 1370 mV read for a
 * 90 mV dip after a 2.8 V open circuit).
 *
 * Exact windows (time based, so irregular sampling is handled):
 *   t0 = first sample time, t1 = last sample time, T = t1 - t0,
 *   tp = t0 + plateauFrom * T  (plateauFrom defaults to 0.5; less 1e-9 T, plateauStartTime).
 *   plateau part = samples with t >= tp   -> plateau = median |eta| there; side = sign of their median eta
 *   early part   = samples with t <  tp   -> peak = max |eta| there over the samples on the plateau's side
 *                  (first occurrence; 0 if none is), peak_time_s its time
 *   nucleation   = peak - plateau (not clamped: a value <= 0 means there was no dip).
 * Non-finite samples (NaN, +-Infinity) are skipped. One metric implementation for cycler files
 * and simulated traces: both call this function.
 */
import { InputError } from '../errors.js';
import { optionsArg, samplesArg } from '../args.js';

export interface NucleationResult {
  /** tip of the dip: largest |eta| in the early part on the plateau's side of 0 V, V */
  peak_V: number;
  /** time of that tip, s */
  peak_time_s: number;
  /** median |eta| over the plateau window, V */
  plateau_V: number;
  /** peak_V - plateau_V, V */
  nucleation_V: number;
}

export interface NucleationOptions {
  /** start of the plateau window as a fraction of the segment duration, in (0, 1); default 0.5 */
  plateauFrom?: number;
}

/**
 * Where a segment's plateau starts: t0 + plateauFrom (t1 - t0), less 1e-9 of the duration, so that a
 * sample within that of it counts as in the plateau. Samples on a regular grid put one exactly at
 * t0 + plateauFrom T, and which side of it its float noise fell (or the 12 digits a CSV keeps) decided
 * whether it was early or plateau, moving a median by ~1 mV (cycles.csv against analyze of the run's
 * eta.csv). One rule for nucleationOverpotential and the symmetric-cell plateaus (symmetric.ts).
 */
export function plateauStartTime(t0: number, t1: number, plateauFrom: number): number {
  return t0 + plateauFrom * (t1 - t0) - Math.min(1e-9, plateauFrom / 2) * (t1 - t0);
}

/**
 * A reading (peak minus plateau) <= 0: the segment showed no dip (|eta| still rising past the
 * plateau window's start), which is not a nucleation barrier. The one definition the simulator's
 * metrics (`nucleation_no_dip`) and the screen's mark (src/screen/no-dip.ts) use.
 */
export function isNoDip(nucleation: number): boolean {
  return nucleation <= 0;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function nucleationOverpotential(
  time_s: ArrayLike<number>,
  overpotential_V: ArrayLike<number>,
  opts: NucleationOptions = {},
): NucleationResult {
  samplesArg('time_s', time_s, 'sample times, s: an array of numbers');
  samplesArg('overpotential_V', overpotential_V, 'overpotentials, V: an array of numbers as long as time_s');
  optionsArg('opts', opts, '{ plateauFrom: 0.5 }', ['plateauFrom']);
  const plateauFrom = opts.plateauFrom ?? 0.5;
  if (!(typeof plateauFrom === 'number' && plateauFrom > 0 && plateauFrom < 1)) {
    throw new InputError('plateauFrom', plateauFrom, 'a fraction of the segment duration in (0, 1)');
  }
  if (time_s.length !== overpotential_V.length) {
    throw new InputError('overpotential_V', `${overpotential_V.length} samples`, `as many samples as time_s (${time_s.length})`);
  }
  const t: number[] = [];
  const a: number[] = [];
  const e: number[] = [];
  let first = -1, last = -1; // indices of the first and last finite samples, for messages
  for (let i = 0; i < time_s.length; i++) {
    const ti = time_s[i]!;
    const ei = overpotential_V[i]!;
    if (!Number.isFinite(ti) || !Number.isFinite(ei)) continue;
    if (t.length > 0 && ti < t[t.length - 1]!) {
      throw new InputError(`time_s[${i}]`, ti, `a time >= ${t[t.length - 1]} s (time_s[${last}]): non-decreasing sample times within one plating segment`);
    }
    if (first < 0) first = i;
    last = i;
    t.push(ti);
    a.push(Math.abs(ei));
    e.push(ei);
  }
  if (t.length < 3) {
    throw new InputError('overpotential_V', `${t.length} finite samples`, 'at least 3 finite samples in the plating segment');
  }
  const t0 = t[0]!;
  const t1 = t[t.length - 1]!;
  if (!(t1 > t0)) throw new InputError(`time_s[${first}..${last}]`, `${t0} s at every finite sample`, 'a time that grows through the plating segment (a segment of positive duration)');
  const tp = plateauStartTime(t0, t1, plateauFrom);
  const plateau: number[] = [];
  const plateauSigned: number[] = [];
  for (let i = 0; i < t.length; i++) if (t[i]! >= tp) { plateau.push(a[i]!); plateauSigned.push(e[i]!); }
  // the plating side: the plateau's (a median of exactly 0 takes either side, as before)
  const side = Math.sign(median(plateauSigned));
  let peak = -Infinity;
  let peakTime = NaN;
  for (let i = 0; i < t.length && t[i]! < tp; i++) {
    const v = side === 0 || Math.sign(e[i]!) !== -side ? a[i]! : 0;
    if (v > peak) { peak = v; peakTime = t[i]!; }
  }
  // tp > t0 so the first sample is always early, and t1 >= tp so the last is always in the plateau.
  const plateau_V = median(plateau);
  return { peak_V: peak, peak_time_s: peakTime, plateau_V, nucleation_V: peak - plateau_V };
}

/**
 * nucleationOverpotential over samples [start, end) of a file's time and voltage columns (one half cycle of a
 * cycler trace): the reading `analyze` gives for a symmetric cell's first half cycle and for each Li||Cu plating.
 */
export function nucleationOfSamples(time_s: ArrayLike<number>, voltage_V: ArrayLike<number>, start: number, end: number, opts: NucleationOptions = {}): NucleationResult {
  const cut = (a: ArrayLike<number>): ArrayLike<number> => (a instanceof Float64Array ? a.subarray(start, end) : Array.prototype.slice.call(a, start, end));
  return nucleationOverpotential(cut(time_s), cut(voltage_V), opts);
}

/**
 * The rows of a plating that its nucleation reading takes (mends116, review86 F1): those of [start, end) that pass the
 * plating's galvanostatic current, the first plating-current value met (current < 0) and rows of the same value
 * (relative 1e-9). A cycler reads a pulse train's overpotential on its on-times, and a CC-CV plating's dip on its
 * constant-current part: so a pulse's off-time rows (0 current: the box's open circuit), a Rest, and a Hold's windows
 * (the held voltage, each window's current whatever one or two voxels made it) are left out. For a simulated trace, whose
 * galvanostatic rows carry their step's current exactly: metrics.json (the first plating step) and `analyze` (the first
 * plating half, its Plate and Hold joined) read the same rows with it. A DC plate's rows all pass its current: every
 * row, as before. Until mends116 metrics.json read every row of the first plating step (a pulse train's off-times: a
 * 141.5 mV "peak" on an open-circuit row) and `analyze` the half's first uninterrupted piece (one on-time; a Plate and
 * the Hold after it).
 */
export function platingCurrentRows(current: ArrayLike<number>, start: number, end: number): number[] {
  const rows: number[] = [];
  let ref = NaN;
  for (let k = start; k < end; k++) {
    const i = current[k]!;
    if (!(i < 0) || !Number.isFinite(i)) continue;
    if (Number.isNaN(ref)) ref = i;
    if (Math.abs(i - ref) <= 1e-9 * Math.abs(ref)) rows.push(k);
  }
  return rows;
}

/**
 * nucleationOverpotential over the plating rows platingCurrentRows picks from [start, end); undefined when they are under
 * 3 or span no time (no reading: a plating too short, or a Hold, whose voltage is held). The voltage is divided by
 * `per_V` (1e3 for mV) into V.
 */
export function nucleationOfPlatingRows(time_s: ArrayLike<number>, voltage: ArrayLike<number>, current: ArrayLike<number>, start: number, end: number,
  opts: NucleationOptions = {}, per_V = 1): (NucleationResult & { rows: number[] }) | undefined {
  const rows = platingCurrentRows(current, start, end);
  if (rows.length < 3 || !(time_s[rows[rows.length - 1]!]! > time_s[rows[0]!]!)) return undefined;
  const r = nucleationOverpotential(rows.map((k) => time_s[k]!), rows.map((k) => voltage[k]! / per_V), opts);
  return { ...r, rows };
}

/**
 * A simulated run's first plating half, as trace rows [start, end): from its first plating step's first row to the first
 * row of the next strip step (the trace's end without one), the steps between (a Hold, a Rest, another Plate) in it, as
 * `analyze` of its eta.csv joins them into one plating half (a Pulse train's off-times are rows of its own step). The
 * span metrics.json's nucleation reading takes its plating-current rows from (platingCurrentRows); undefined without a
 * plating step.
 */
export function firstPlatingSpan(steps: readonly { kind: string; samples: readonly [number, number] | number[] }[], rows: number): [number, number] | undefined {
  const j = steps.findIndex((s) => s.kind === 'plate');
  if (j < 0) return undefined;
  const strip = steps.slice(j + 1).find((s) => s.kind === 'strip');
  return [steps[j]!.samples[0]!, strip ? strip.samples[0]! : rows];
}

/**
 * The rows around a plating half of a simulated trace's half cycles (segments.ts halfCycles), [start, end): from the end of
 * the half of the other sign before it (the trace's start) to the start of the one after it (the trace's end), so that
 * a pulse's one-row on-times at its ends (left out of the half cycles, under 2 samples) are in it, as they are in the run's
 * first plating step (firstPlatingSpan). Rows between are the plating's or rest.
 */
export function platingSpanOf(segs: readonly { sign: number; start: number; end: number }[], half: { sign: number; start: number; end: number }, rows: number): [number, number] {
  let lo = 0, hi = rows;
  for (const s of segs) {
    if (s.sign === half.sign) continue;
    if (s.end <= half.start) lo = Math.max(lo, s.end);
    else if (s.start >= half.end) { hi = Math.min(hi, s.start); }
  }
  return [lo, hi];
}

/** A reading under the names and unit of a simulated run's metrics.json (mV; no_dip null when the reading is not finite). */
export interface NucleationMetrics {
  nucleation_overpotential_mV: number; peak_overpotential_mV: number; plateau_overpotential_mV: number; nucleation_no_dip: boolean | null;
}

export function nucleationMetrics(r: NucleationResult): NucleationMetrics {
  return {
    nucleation_overpotential_mV: r.nucleation_V * 1e3, peak_overpotential_mV: r.peak_V * 1e3, plateau_overpotential_mV: r.plateau_V * 1e3,
    nucleation_no_dip: Number.isFinite(r.nucleation_V) ? isNoDip(r.nucleation_V) : null,
  };
}
