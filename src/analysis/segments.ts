/**
 * Splitting a galvanostatic trace into half cycles (runs of one current sign) and numbering
 * cycles. Conventions: current > 0 charges the cell / is anodic at the working electrode
 * (stripping it in a Li||Li or Li||Cu cell); current < 0 plates onto the working electrode.
 *
 * What is rest: where the file labels its rows (Maccor State C/D/R, Neware Step Type, PEC
 * Instruction Name, Basytec Command), the label decides; otherwise, where it has a step column, a step whose |I| never exceeds the rest
 * threshold is rest and every other step keeps its direction to its last sample (a constant-
 * voltage tail that decays to a few uA still belongs to its charge); without steps, a sample is
 * rest when |I| is at or below the threshold. The threshold is `restCurrent_A` if given, else
 * `restFraction` x max |I| if given, else 0.1 % of the current range the file's largest current
 * falls in (the decade above max |I|: 1 uA for a 1 mA test), a small absolute threshold in
 * place of the old 1 % of max |I| that cut constant-voltage tails.
 */
import { InputError } from '../errors.js';

export interface Trace {
  time_s: ArrayLike<number>;
  voltage_V: ArrayLike<number>;
  current_A: ArrayLike<number>;
  /** the file's own cycle numbers, if it has them */
  cycle?: ArrayLike<number>;
  /** the file's step index (or step number), if it has one */
  step?: ArrayLike<number>;
  /** the file's own direction label per sample (+1 charge, -1 discharge, 0 rest, NaN none) */
  label?: ArrayLike<number>;
  /**
   * the file's own charge and discharge capacity columns, Ah: when set (the capacity check of
   * analysis/checks.ts sets it where the printed current does not integrate to them), each half
   * cycle's charge is read from them (fileCapacity) instead of integrated from the current
   */
  capacity?: {
    charge_Ah: ArrayLike<number>; discharge_Ah: ArrayLike<number>;
    /** the columns' print step (their smallest step, to one significant digit), Ah: what a charge read from them resolves */
    resolution_Ah?: number;
  };
  /**
   * each sample's current is the mean current of the window that ends at it (the simulator's trace, simulation/cycles.ts
   * analysisTrace): a half cycle's charge is then its net charge in its direction, sum of sign x I_j (t_j - t_j-1) over
   * its samples after its first (a sample against the half's direction counts negative), exact, in place of the
   * trapezoid of |I|, which a Hold step's windows (a few ms of -19,500 mA/cm2 next to 0) throw far off. With labels, a
   * half cycle can hold samples against its sign (a hold's windows that passed current against the hold).
   */
  windowCurrent?: boolean;
  /** the file the samples came from and the line of each, for messages that name a line */
  where?: { file: string; lineOf: (sample: number) => number };
}

export interface HalfCycle {
  /** 0-based position among the non-rest half cycles */
  index: number;
  /** -1: negative current (plating onto the working electrode / discharge); +1: positive */
  sign: -1 | 1;
  /** first sample (inclusive) and last sample (exclusive) */
  start: number;
  end: number;
  t0_s: number;
  t1_s: number;
  /** integral of |I| dt over the half cycle (trapezoid between its samples), Ah */
  charge_Ah: number;
  /** mean |I| over the half cycle, A */
  current_A: number;
  /** cycle number: the file's cycle column at the first sample, else derived (1-based); where the column
   * restarts (continuedCycles) it is numbered on, and file_cycle keeps the file's own value */
  cycle: number;
  /** the file's cycle column at the first sample, where that column restarts and `cycle` numbers on from it */
  file_cycle?: number;
}

export interface SegmentOptions {
  /** |I| at or below this current counts as rest, A (default: 0.1 % of the decade above max |I|) */
  restCurrent_A?: number;
  /** |I| at or below this fraction of max |I| counts as rest (used when given and restCurrent_A is not) */
  restFraction?: number;
  /** use the file's step column to tell rest from constant-voltage tails (default true) */
  useSteps?: boolean;
  /** drop half cycles with fewer samples than this (default 2) */
  minSamples?: number;
}

/** The rest threshold, A, for a trace whose largest |I| is imax. */
export function restThreshold(imax: number, o: SegmentOptions = {}): number {
  if (o.restCurrent_A !== undefined) return o.restCurrent_A;
  if (o.restFraction !== undefined) return o.restFraction * imax;
  if (!(imax > 0)) return 0;
  return 1e-3 * Math.pow(10, Math.ceil(Math.log10(imax) - 1e-12));
}

/** Per-sample direction: -1, 0 (rest) or +1, from the step column where there is one. */
export function directions(tr: Trace, o: SegmentOptions = {}): { dir: Int8Array; threshold_A: number; from_steps: boolean } {
  const { time_s: t, current_A: I } = tr;
  const n = t.length;
  let imax = 0;
  for (let k = 0; k < n; k++) { const a = Math.abs(I[k]!); if (a > imax) imax = a; }
  const thr = restThreshold(imax, o);
  const dir = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const i = I[k]!;
    dir[k] = Number.isFinite(i) && Math.abs(i) > thr && imax > 0 ? (i > 0 ? 1 : -1) : 0;
  }
  const st = tr.step;
  let fromSteps = false;
  if (st && o.useSteps !== false) {
    let finite = 0;
    for (let k = 0; k < Math.min(n, 1000); k++) if (Number.isFinite(st[k]!)) finite++;
    if (finite > 0) {
      fromSteps = true;
      let a = 0;
      while (a < n) {
        let b = a + 1;
        while (b < n && (st[b] === st[a] || (Number.isNaN(st[b]!) && Number.isNaN(st[a]!)))) b++;
        // charge of each direction within the step
        let qp = 0, qm = 0;
        for (let k = a; k < b; k++) {
          const dt = k > a ? t[k]! - t[k - 1]! : 0;
          const w = dt > 0 ? dt : 0;
          if (dir[k]! > 0) qp += I[k]! * w + 1e-30; // 1e-30: a one-sample step still counts
          else if (dir[k]! < 0) qm += -I[k]! * w + 1e-30;
        }
        const big = Math.max(qp, qm), small = Math.min(qp, qm);
        let stepMax = 0;
        for (let k = a; k < b; k++) stepMax = Math.max(stepMax, Math.abs(I[k]!) || 0);
        if (big > 0 && small > 0.02 * big && stepMax <= 0.01 * imax) {
          for (let k = a; k < b; k++) dir[k] = 0; // a rest step with current noise of both signs
        } else if (big > 0 && small <= 0.02 * big) {
          // one direction: the whole step takes it (tail samples below the threshold included), but for samples of
          // exactly zero current at its start or end: a rest inside the step, not a tail of it (EC-Lab's GCPL ends each
          // sequence with "Rest for tR", mode 3, under the same Ns; as plating, a rest as long as the plating put the
          // plateau window in it: 2 mV read for 25, review41)
          const d = qp >= qm ? 1 : -1;
          let lo = a, hi = b;
          while (lo < hi && I[lo] === 0) lo++;
          while (hi > lo && I[hi - 1] === 0) hi--;
          for (let k = lo; k < hi; k++) if (Number.isFinite(I[k]!)) dir[k] = d;
        }
        a = b;
      }
    }
  }
  // the file's own labels (Maccor State, Neware Step Type, ...) say what each sample is doing
  const lab = tr.label;
  if (lab && o.useSteps !== false) {
    for (let k = 0; k < n; k++) {
      const l = lab[k]!;
      if (l === 0) dir[k] = 0;
      else if ((l === 1 || l === -1) && Number.isFinite(I[k]!)) dir[k] = l;
    }
  }
  // labels count only where they were used: with useSteps false (--no-steps) the report's rest line said "except where
  // the file's own labels or steps say what a sample is doing" of a file whose labels it had just ignored (cli66)
  return { dir, threshold_A: thr, from_steps: fromSteps || (!!lab && o.useSteps !== false) };
}

/**
 * What a cycler's capacity column grew by over samples [start, end), Ah: the sum of its increments,
 * where a value below the one before is a reset (per step or per cycle, as Neware, Landt and Arbin
 * write them) and counts from zero. The first sample's growth since the sample before counts; the
 * file's first value does not (what the column held when logging started is an earlier charge).
 */
export function fileCapacity(col: ArrayLike<number>, start: number, end: number): number {
  let q = 0;
  for (let j = Math.max(start, 1); j < end; j++) {
    const v = col[j]!, before = col[j - 1]!;
    if (!Number.isFinite(v)) continue;
    q += Number.isFinite(before) && v >= before ? v - before : v;
  }
  return q;
}

export function halfCycles(tr: Trace, o: SegmentOptions = {}): HalfCycle[] {
  const { time_s: t, current_A: I } = tr;
  const n = t.length;
  if (I.length !== n || tr.voltage_V.length !== n) throw new InputError('trace', `${n}/${tr.voltage_V.length}/${I.length} samples`, 'time, voltage and current of equal length');
  const { dir } = directions(tr, o);
  const minSamples = o.minSamples ?? 2;
  const segs: HalfCycle[] = [];
  let k = 0;
  while (k < n) {
    const s = dir[k]!;
    let e = k + 1;
    while (e < n && dir[e] === s) e++;
    if (s !== 0 && e - k >= minSamples) {
      let q = 0;
      for (let j = k + 1; j < e; j++) {
        const dt = t[j]! - t[j - 1]!;
        if (dt > 0) q += tr.windowCurrent ? s * I[j]! * dt : 0.5 * (Math.abs(I[j]!) + Math.abs(I[j - 1]!)) * dt;
      }
      if (tr.capacity) q = 3600 * fileCapacity(s > 0 ? tr.capacity.charge_Ah : tr.capacity.discharge_Ah, k, e);
      const dur = t[e - 1]! - t[k]!;
      segs.push({
        index: segs.length, sign: s as -1 | 1, start: k, end: e, t0_s: t[k]!, t1_s: t[e - 1]!,
        charge_Ah: q / 3600, current_A: dur > 0 ? q / dur : Math.abs(I[k]!), cycle: NaN,
      });
    }
    k = e;
  }
  // cycles
  const fileCycles = tr.cycle && Array.from({ length: Math.min(20, segs.length) }, (_, j) => tr.cycle![segs[j]!.start]!).some((c) => Number.isFinite(c));
  if (fileCycles) {
    // a counter that restarts (1, 2, 3, 1, 2, 3: a schedule started again, two tests in one export) is numbered
    // on, so that its second cycle 1 is not the first's: the symmetric table kept the first three cycles only
    // and --pair file summed the two cycle 1s into one (review46)
    const on = continuedCycles(tr.cycle!);
    for (const sg of segs) {
      sg.cycle = (on ?? tr.cycle!)[sg.start]!;
      if (on) sg.file_cycle = tr.cycle![sg.start]!;
    }
  } else {
    // physical half cycles, as countCycles counts them: a half split by a rest is one half, and a cycle starts at each
    // change to the first direction (each piece of a plating split by a rest began a cycle: a symmetric file of 3 cycles
    // read "3 cycles" above a table of 6, every other one without its strip or hysteresis; review70)
    let c = 0, prev = 0;
    const first = segs[0]?.sign;
    for (const sg of segs) {
      if (sg.sign === first && prev !== first) c++;
      prev = sg.sign;
      sg.cycle = c;
    }
  }
  return segs;
}

/**
 * A cycle column that goes down somewhere (a counter that restarts) numbered on from the highest value
 * before each fall: 1, 2, 3, 1, 2, 3 -> 1, 2, 3, 4, 5, 6 (and 0, 1, 0, 1 -> 0, 1, 2, 3); NaN stays NaN.
 * Undefined when the column never goes down (it is used as it is).
 */
export function continuedCycles(cycle: ArrayLike<number>): Float64Array | undefined {
  let prev = NaN, off = 0, top = -Infinity, out: Float64Array | undefined;
  for (let k = 0; k < cycle.length; k++) {
    const v = cycle[k]!;
    if (!Number.isFinite(v)) { if (out) out[k] = v; continue; }
    if (v < prev) {
      if (!out) { out = new Float64Array(cycle.length); for (let j = 0; j < k; j++) out[j] = cycle[j]!; }
      off = top + 1 - v;
    }
    prev = v;
    const c = v + off;
    if (c > top) top = c;
    if (out) out[k] = c;
  }
  return out;
}

/** The values of a file's cycle column, as countCycles counts them. */
export interface CycleCensus {
  /** the cycles: values with rows that pass current (0 when no row does) */
  cycles: number;
  /** values whose rows are all rest, left out of `cycles` (every value when no row passes current) */
  restOnly: number[];
  /** no row passes current: the file holds only rest, no cycle */
  allRest: boolean;
}

/**
 * Distinct values of the cycle column; where some of them pass current, a value whose rows are
 * all rest is not a cycle (the rest before a simulated run's first plating, numbered 0 in its
 * eta.csv; an open-circuit period a cycler numbers on its own). A file of rest only keeps its count.
 * Undefined without a cycle column holding a number.
 */
export function cycleCensus(tr: Trace, o: SegmentOptions = {}): CycleCensus | undefined {
  if (!tr.cycle) return undefined;
  const all = new Set<number>(), active = new Set<number>();
  const { dir } = directions(tr, o);
  // a counter that restarts counts each of its cycles (1, 2, 3, 1, 2, 3 read '3 cycles')
  const col = continuedCycles(tr.cycle) ?? tr.cycle;
  for (let k = 0; k < col.length; k++) {
    const c = col[k]!;
    if (!Number.isFinite(c)) continue;
    all.add(c);
    if (dir[k] !== 0) active.add(c);
  }
  if (all.size === 0) return undefined;
  // a file at rest throughout has no cycle, whatever its cycle column numbers (FastCharge_000025_CH8.csv:
  // the format line said '1 cycle', the tables '0 cycles')
  if (active.size === 0) return { cycles: 0, restOnly: [...all].sort((a, b) => a - b), allRest: true };
  return { cycles: active.size, restOnly: [...all].filter((c) => !active.has(c)).sort((a, b) => a - b), allRest: false };
}

/** Number of cycles: the cycle column's (cycleCensus), else the count derived from the current. */
export function countCycles(tr: Trace, o: SegmentOptions = {}): number {
  const census = cycleCensus(tr, o);
  if (census) return census.cycles;
  // physical half cycles: a half split by a rest is one half (an Arbin file of two charges, 6.6 A then
  // 1.1 A, and no discharge read '2 cycles by the current sign'); a cycle starts at each change to the first direction
  const segs = halfCycles({ ...tr, cycle: undefined }, o);
  let cycles = 0, prev = 0;
  for (const sg of segs) {
    if (sg.sign === segs[0]!.sign && sg.sign !== prev) cycles++;
    prev = sg.sign;
  }
  return cycles;
}

export function sliceOf(a: ArrayLike<number>, start: number, end: number): Float64Array {
  const out = new Float64Array(end - start);
  for (let k = start; k < end; k++) out[k - start] = a[k]!;
  return out;
}
