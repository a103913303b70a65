/**
 * Splitting a galvanostatic trace into half cycles (runs of one current sign) and numbering
 * cycles. Conventions: current > 0 charges the cell / is anodic at the working electrode
 * (stripping it in a Li||Li or Li||Cu cell); current < 0 plates onto the working electrode.
 */
import { InputError } from '../errors.js';

export interface Trace {
  time_s: ArrayLike<number>;
  voltage_V: ArrayLike<number>;
  current_A: ArrayLike<number>;
  /** the file's own cycle numbers, if it has them */
  cycle?: ArrayLike<number>;
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
  /** cycle number: the file's cycle column at the first sample, else derived (1-based) */
  cycle: number;
}

export interface SegmentOptions {
  /** |I| at or below this fraction of max |I| counts as rest (default 0.01) */
  restFraction?: number;
  /** drop half cycles with fewer samples than this (default 2) */
  minSamples?: number;
}

export function halfCycles(tr: Trace, o: SegmentOptions = {}): HalfCycle[] {
  const { time_s: t, current_A: I } = tr;
  const n = t.length;
  if (I.length !== n || tr.voltage_V.length !== n) throw new InputError('trace', `${n}/${tr.voltage_V.length}/${I.length} samples`, 'time, voltage and current of equal length');
  let imax = 0;
  for (let k = 0; k < n; k++) { const a = Math.abs(I[k]!); if (a > imax) imax = a; }
  const thr = (o.restFraction ?? 0.01) * imax;
  const minSamples = o.minSamples ?? 2;
  const segs: HalfCycle[] = [];
  let k = 0;
  while (k < n) {
    const s = Number.isFinite(I[k]!) && Math.abs(I[k]!) > thr && imax > 0 ? Math.sign(I[k]!) : 0;
    let e = k + 1;
    while (e < n) {
      const se = Number.isFinite(I[e]!) && Math.abs(I[e]!) > thr ? Math.sign(I[e]!) : 0;
      if (se !== s) break;
      e++;
    }
    if (s !== 0 && e - k >= minSamples) {
      let q = 0;
      for (let j = k + 1; j < e; j++) {
        const dt = t[j]! - t[j - 1]!;
        if (dt > 0) q += 0.5 * (Math.abs(I[j]!) + Math.abs(I[j - 1]!)) * dt;
      }
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
    for (const sg of segs) sg.cycle = tr.cycle![sg.start]!;
  } else {
    let c = 0;
    const first = segs[0]?.sign;
    for (const sg of segs) {
      if (sg.sign === first) c++;
      sg.cycle = c;
    }
  }
  return segs;
}

/** Number of cycles: distinct values of the file's cycle column, else the derived count. */
export function countCycles(tr: Trace, o: SegmentOptions = {}): number {
  if (tr.cycle) {
    const s = new Set<number>();
    for (let k = 0; k < tr.cycle.length; k++) if (Number.isFinite(tr.cycle[k]!)) s.add(tr.cycle[k]!);
    if (s.size > 0) return s.size;
  }
  const segs = halfCycles({ ...tr, cycle: undefined }, o);
  return segs.length === 0 ? 0 : segs[segs.length - 1]!.cycle;
}

export function sliceOf(a: ArrayLike<number>, start: number, end: number): Float64Array {
  const out = new Float64Array(end - start);
  for (let k = start; k < end; k++) out[k - start] = a[k]!;
  return out;
}
