/**
 * Symmetric cells (Li||Li, Na||Na, K||K): per half cycle the polarisation (mean, median and
 * plateau of |V|), voltage hysteresis per cycle, the nucleation overpotential of the first
 * plating, cumulative capacity, and cycle life by a stated criterion (overpotential above a
 * limit, or a soft short: sudden collapse of polarisation or voltage noise).
 *
 * Definitions (median, max and noise on |V| of the half cycle's samples; the mean and the plateau signed, onSide):
 *   mean_V            over the whole half cycle, of V on the half's side of 0 V (onSide, as the plateau; mends119:
 *                     of |V| until then);
 *   median_V          of |V| over the whole half cycle;
 *   plateau_V         median over the later part, t >= t0 + plateauFrom * (t1 - t0) (default 0.5),
 *                     the same window nucleationOverpotential uses, of V on the half's side of 0 V (onSide: |V|
 *                     where V sits on the side its current drives it to, negative on the other; mends116);
 *   hysteresis_V      per cycle = plateau of its stripping (+) half + plateau of its plating (-) half,
 *                     i.e. V_strip - V_plate, the gap between the two plateaus;
 *   nucleation        nucleationOverpotential() on the first non-rest half cycle (of a working electrode's own
 *                     overpotential, a simulated eta.csv: on its first plating).
 * Soft short, half cycle k (k >= minHistory): reference ref_k = median plateau of the previous
 * `history` half cycles; collapse when plateau_k < collapseFraction * ref_k; noise when the
 * robust noise of |V| (1.4826 * MAD of successive differences, plateau window) exceeds
 * noiseFactor * median noise of the previous half cycles AND noiseRelative * plateau_k.
 */
import { nucleationOfPlatingRows, nucleationOfSamples, platingSpanOf, median, plateauStartTime, type NucleationMetrics, type NucleationResult } from './nucleation.js';
import { halfCycles, type HalfCycle, type SegmentOptions, type Trace } from './segments.js';
import { physicalHalves, wholeHalfCharge } from './ce.js';
import { FileError, InputError } from '../errors.js';

export interface SymmetricOptions extends SegmentOptions {
  /** electrode area, cm2 (areal capacity and current density are reported when given) */
  area_cm2?: number;
  plateauFrom?: number;
  /** cycle-life criterion 1: |V| plateau above this, V */
  limit_V?: number;
  /** soft-short detection (default on) */
  softShort?: boolean;
  collapseFraction?: number;
  noiseFactor?: number;
  noiseRelative?: number;
  history?: number;
  minHistory?: number;
  /**
   * A last half cycle the file stops in (its last row is in it, and it holds under 0.9 of the median charge of the
   * earlier halves of its direction: a test still running, an export mid-step) is partial: its plateau is left out of
   * its cycle (no hysteresis) and of the cycle-life criteria. Off for a simulated run (its trace ends where the run does).
   */
  cutEnd?: boolean;
  /**
   * The voltage is the working electrode's own overpotential (a simulated run's eta.csv), not a cell voltage: the nucleation
   * overpotential is read from its first plating, as the run's metrics.json reads it, where a cell voltage's is read from
   * its first half whatever its sign (mends94; docs/cycler.md, "Which half the nucleation overpotential is read from").
   */
  workingElectrodeVoltage?: boolean;
}

export interface HalfCycleMetrics {
  index: number;
  /** 1, 2, ... in the order the file holds its cycles (the count the report gives) */
  cycle: number;
  /** the file's own cycle number, where it numbers its cycles otherwise (a simulated eta.csv's 0 before any repeat block) */
  file_cycle?: number;
  sign: -1 | 1;
  t0_s: number;
  t1_s: number;
  charge_mAh: number;
  /** per electrode area, spelt as the simulator's outputs spell it; the current signed as in eta.csv (< 0 plates) */
  charge_mAh_per_cm2?: number;
  current_mA_per_cm2?: number;
  cumulative_mAh: number;
  cumulative_mAh_per_cm2?: number;
  /** mean over the half cycle of V on its side of 0 V (onSide): |V| on its own side, negative on the other (mends119) */
  mean_V: number;
  /** median |V| over the half cycle */
  median_V: number;
  /** median over the later part of V on the half's side of 0 V (onSide): |V| on its own side, negative below 0 V in a strip (mends116) */
  plateau_V: number;
  max_V: number;
  noise_V: number;
  /** the file stops in this half cycle (SymmetricOptions.cutEnd): its plateau is not a plateau */
  partial?: true;
}

export interface CycleMetrics {
  cycle: number;
  file_cycle?: number;
  plating_plateau_V?: number;
  stripping_plateau_V?: number;
  hysteresis_V?: number;
  /** the same in mV, as a simulated cycles.csv names them (set by the analyze report) */
  plating_plateau_mV?: number;
  stripping_plateau_mV?: number;
  hysteresis_mV?: number;
  /** one of its half cycles is where the file stops: that half's plateau, and the hysteresis, are not given */
  partial?: true;
}

export interface LifeEvent {
  criterion: 'overpotential-limit' | 'soft-short-collapse' | 'soft-short-noise';
  cycle: number;
  half_cycle: number;
  time_s: number;
  /** the value that crossed the criterion (plateau |V|, or noise V) */
  value_V: number;
  /** the threshold it crossed, V */
  threshold_V: number;
  detail: string;
}

/**
 * One half cycle's nucleation reading in a cycler report (symmetric: the first half cycle; licu: each plating; aurbach:
 * the first plating): in V, and in mV under the names of a simulated run's metrics.json (ce.ts sets them for licu and aurbach, the analyze report for symmetric).
 */
export type NucleationReading = NucleationResult & Partial<NucleationMetrics> & {
  /** the half cycle read (symmetric: its index among the half cycles; licu and aurbach: among the physical half cycles) */
  half_cycle: number; cycle: number;
  /** the samples read: first and last time, s */
  t0_s: number; t1_s: number;
  /**
   * symmetric, a file that starts with a strip only (mends94): the half read, `first_half` (the strip: a cell voltage, whose
   * first half plates the other electrode) or `first_plating` (a working electrode's own overpotential, a simulated eta.csv)
   */
  read_from?: 'first_half' | 'first_plating';
};

export interface SymmetricResult {
  half_cycles: HalfCycleMetrics[];
  cycles: CycleMetrics[];
  nucleation?: NucleationReading;
  /** why no nucleation overpotential is given (a simulated run that never plates; the protocol check, report.ts) */
  nucleation_not_read?: string;
  cumulative_capacity_mAh: number;
  cumulative_capacity_mAh_per_cm2?: number;
  /** first event of each criterion that fired; cycle_life is the earliest */
  events: LifeEvent[];
  cycle_life?: LifeEvent;
  criteria: Record<string, number | boolean | string>;
  segments: HalfCycle[];
  /** the half cycle the file stops in (cutEnd), its charge and the median charge of the earlier ones of its direction */
  partial_end?: { half_cycle: number; cycle: number; sign: -1 | 1; charge_mAh: number; median_mAh: number };
  /** the file's cycles (its own numbers) that held more than one plate/strip pair, each pair read as a cycle of its own */
  file_cycles_split?: number[];
  /**
   * the cycles (the report's numbers) whose two halves the file's cycle column puts in two of its cycles: a column that
   * counts up at the strip of a file that starts with a plating (or the reverse), each pair read in the order of the
   * half cycles (mends91; review70: its grouping paired each strip with the next plating)
   */
  pairs_across_file_cycles?: number[];
  /**
   * the direction each cycle starts with: -1 each plating with the strip after it, +1 each strip with the plating after it;
   * given with pairs_across_file_cycles, and (since mends93) for every file that starts with a strip and is paired so, as
   * a cycler numbers such a schedule's cycles (a simulated run's cycles.csv pairs each plating with the strip after it)
   */
  pairing_first_sign?: -1 | 1;
}

function robustNoise(v: ArrayLike<number>, start: number, end: number): number {
  const d: number[] = [];
  for (let k = start + 1; k < end; k++) d.push(Math.abs(v[k]!) - Math.abs(v[k - 1]!));
  if (d.length < 3) return 0;
  const m = median(d);
  return 1.4826 * median(d.map((x) => Math.abs(x - m)));
}

/**
 * A sample's voltage on its half cycle's side of 0 V (mends116, review86 F9): |V| where it sits on the side its current
 * drives it to (below 0 V while plating, above while stripping, as the trace's polarity signs them), negative where it
 * sits on the other side (a simulated strip of small islands below the metal's potential). The plateaus are medians
 * of it: a strip that runs below 0 V reads a negative stripping plateau, and the hysteresis, their sum, is
 * V_strip - V_plate. Until mends116 they were medians of |V|: such a strip read +69.62 mV for a median of -69.66 mV.
 */
export function onSide(v: number, sign: number, polarity: 1 | -1 | 0): number {
  return polarity === 0 ? Math.abs(v) : sign * polarity * v;
}

/**
 * The trace's polarity: +1 where the voltage follows the current's sign (a cycler's cell voltage of a symmetric cell as
 * usually wired, a working electrode's overpotential), -1 where the file signs it the other way: the sign of the sum,
 * over the half cycles, of the half's sign times its median voltage. onSide's plateaus are then |V| for every half on
 * its own side, as before, in either convention. 0 (plateaus of |V|, as before) where every half's median sits on one
 * side of 0 V: not a trace whose sign tells the direction (a full cell, an electrode against Li, read as symmetric).
 */
export function tracePolarity(v: ArrayLike<number>, segs: readonly HalfCycle[]): 1 | -1 | 0 {
  let sum = 0, above = 0, below = 0;
  for (const s of segs) {
    const m = median(Array.from({ length: s.end - s.start }, (_, j) => v[s.start + j]!).filter(Number.isFinite));
    if (!Number.isFinite(m)) continue;
    sum += s.sign * m;
    if (m > 0) above++; else if (m < 0) below++;
  }
  if (above === 0 || below === 0) return 0;
  return sum < 0 ? -1 : 1;
}

/**
 * The plateau of a half cycle in pieces (split by rests): the median |V| over the samples past plateauFrom of its time under
 * current (the rests between the pieces left out), as one unbroken half cycle's plateau is read (plateauStartTime).
 * Shared with a simulated run's cycles.csv (src/simulation/cycles.ts, since mends88), so a run and `analyze RUN/eta.csv`
 * read the same plateau.
 */
export function wholePlateau(t: ArrayLike<number>, v: ArrayLike<number>, segs: HalfCycle[], pf: number, polarity: 1 | -1 | 0 = 1): number {
  const total = segs.reduce((a, s) => a + (s.t1_s - s.t0_s), 0);
  const from = plateauStartTime(0, total, pf);
  const plat: number[] = [];
  let before = 0;
  for (const s of segs) {
    for (let k = s.start; k < s.end; k++) if (before + (t[k]! - s.t0_s) >= from) plat.push(onSide(v[k]!, s.sign, polarity));
    before += s.t1_s - s.t0_s;
  }
  return plat.length > 0 ? median(plat) : NaN;
}

export function analyzeSymmetric(tr: Trace, o: SymmetricOptions = {}): SymmetricResult {
  const pf = o.plateauFrom ?? 0.5;
  const segs = halfCycles(tr, o);
  const { time_s: t, voltage_V: v } = tr;
  const area = o.area_cm2;
  const hcs: HalfCycleMetrics[] = [];
  let cum = 0;
  const plateauStart: number[] = [];
  // a working electrode's overpotential (a simulated eta.csv) is below 0 V while it plates: its polarity is +1, whatever the trace
  const polarity = o.workingElectrodeVoltage ? 1 : tracePolarity(v, segs);
  // cycles numbered as the report counts them, 1, 2, ... (as Li||Cu, full cells and a run's cycles.csv number
  // theirs), the file's own number beside where it differs: a plate-only eta.csv (cycle column 0, steps before
  // any repeat block) printed "cycle 0" under "1 cycle"
  // a file cycle holding more than one plate/strip pair (a cycle column that never counts up: an Arbin schedule without
  // a cycle-index increment writes Cycle_Index 1 on every row) starts a cycle at each return to its first direction
  // after the other one, as the simulator's cycles.csv counts plate/strip pairs: a 6-cycle Li||Li file read "1 cycle"
  // with cycle 1's plateaus only, and a limit crossed in cycle 5 "at cycle 1" (review70)
  const firstSign = new Map<number, number>(), lastSign = new Map<number, number>(), pairs = new Map<number, number>();
  for (const s of segs) {
    const f = firstSign.get(s.cycle);
    if (f === undefined) { firstSign.set(s.cycle, s.sign); pairs.set(s.cycle, 0); }
    else if (s.sign === f && lastSign.get(s.cycle) !== f) pairs.set(s.cycle, pairs.get(s.cycle)! + 1);
    lastSign.set(s.cycle, s.sign);
  }
  const split = [...pairs].filter(([, n]) => n > 0).map(([c]) => c);
  // mends91 (review70): the cycles in the order of the half cycles, each starting at a half of the file's first direction
  // after one of the other, whatever the cycle column says: a column that counts up at the strip of a file that starts
  // with a plating grouped each strip with the next plating (its first and last cycles had one half, every hysteresis
  // the wrong pair). Where the file's first half is a partial one (under half a whole half) that the column holds in a
  // cycle apart from the half after it (an earlier test's end, a Maccor diagnostic's first discharge), the cycles start
  // with the other direction and that half is a cycle of its own, as fullcell's pairing leaves it (ce.ts fullCell); the
  // rule gives the column's own grouping (and the split above) wherever the column counts at the file's first direction.
  const halves = physicalHalves(segs);
  const colNo = (h: HalfCycle | undefined) => (h && tr.cycle ? tr.cycle[h.start]! : NaN);
  const h0 = halves[0], h1 = halves[1];
  const earlierEnd = h0 !== undefined && h1 !== undefined && halves.length > 2 && h0.charge_Ah < 0.5 * wholeHalfCharge(halves)
    && Number.isFinite(colNo(h0)) && Number.isFinite(colNo(h1)) && colNo(h0) !== colNo(h1);
  const lead = earlierEnd ? h1.sign : segs[0]?.sign;
  const pairOf = new Map<HalfCycle, number>();
  {
    // two halves of the first direction in a row that the column puts in two cycles (a formation plating, a rest, then
    // the first cycle's plating) stay two cycles, as the column has them
    let n = 0;
    let before: HalfCycle | undefined;
    for (const s of segs) {
      if (n === 0 || (s.sign === lead && (before!.sign !== lead || (Number.isFinite(colNo(s)) && s.cycle !== before!.cycle)))) n++;
      before = s;
      pairOf.set(s, n);
    }
  }
  // the cycles whose halves lie in two of the file's cycles: said above the table (report.ts)
  const across: number[] = [];
  if (tr.cycle) {
    const fileOf = new Map<number, number>();
    for (const s of segs) {
      const c = pairOf.get(s)!;
      if (!Number.isFinite(colNo(s))) continue;
      if (!fileOf.has(c)) fileOf.set(c, s.cycle);
      else if (fileOf.get(c) !== s.cycle && !across.includes(c)) across.push(c);
    }
  }
  const ownNumbers = split.length > 0 || across.length > 0 || segs.some((s) => s.file_cycle !== undefined) || segs.some((s) => pairOf.get(s)! !== s.cycle);
  for (const s of segs) {
    const abs: number[] = [];
    let sum = 0, mx = 0;
    // the mean on the half's side of 0 V, as the plateau (onSide; mends119: until then of |V|, so a strip below 0 V read
    // a positive mean beside its negative plateau); the median and max stay of |V|
    for (let k = s.start; k < s.end; k++) { const a = Math.abs(v[k]!); abs.push(a); sum += onSide(v[k]!, s.sign, polarity); if (a > mx) mx = a; }
    const tp = plateauStartTime(s.t0_s, s.t1_s, pf);
    let ps = s.start;
    while (ps < s.end - 1 && t[ps]! < tp) ps++;
    plateauStart.push(ps);
    const plat: number[] = [];
    for (let k = ps; k < s.end; k++) plat.push(onSide(v[k]!, s.sign, polarity));
    const q = s.charge_Ah * 1000;
    cum += q;
    const h: HalfCycleMetrics = {
      index: s.index, cycle: pairOf.get(s)!, ...(ownNumbers ? { file_cycle: s.file_cycle ?? s.cycle } : {}), sign: s.sign, t0_s: s.t0_s, t1_s: s.t1_s,
      charge_mAh: q, cumulative_mAh: cum,
      mean_V: sum / abs.length, median_V: median(abs), plateau_V: median(plat), max_V: mx,
      noise_V: robustNoise(v, ps, s.end),
    };
    if (area) {
      h.charge_mAh_per_cm2 = q / area;
      h.cumulative_mAh_per_cm2 = cum / area;
      h.current_mA_per_cm2 = (s.sign * s.current_A * 1000) / area;
    }
    hcs.push(h);
  }
  // a last half the file stops in: its "plateau" is the median of a half cycle's start (review46: a Li||Li file cut a fifth
  // into its last strip read a stripping plateau of 21.67 mV for 27.50 and a hysteresis of 49.17 mV, unmarked)
  // The half is the physical one, its pieces split by a rest taken together, and so are the earlier ones it is compared
  // with (cycfile65: the last piece was compared with the earlier pieces, so the Arbin 2017-05-09_test-TC-contact_CH33.csv,
  // one 602.6 mAh charge whose 0 A row splits it, read as cut 253.9 mAh in, "the earlier ones 348.6 mAh", its own first
  // piece; and a cut strip's cycle took its first piece's plateau while the text said it had none)
  let partialEnd: SymmetricResult['partial_end'];
  const last = hcs[hcs.length - 1], lastSeg = segs[segs.length - 1];
  if (o.cutEnd && last && lastSeg && lastSeg.end === t.length) {
    const whole = physicalHalves(segs);
    const lastHalf = whole[whole.length - 1]!;
    const same = whole.slice(0, -1).filter((h) => h.sign === lastHalf.sign).map((h) => h.charge_Ah * 1000);
    const med = same.length ? median(same) : NaN;
    const q = lastHalf.charge_Ah * 1000;
    if (q < 0.9 * med) {
      last.partial = true;
      partialEnd = { half_cycle: last.index, cycle: last.cycle, sign: last.sign, charge_mAh: q, median_mAh: med };
    }
  }
  // cycles
  const byCycle = new Map<number, CycleMetrics>();
  // the pieces of each cycle's plating and strip: a half split by a rest (a pause, a pulse's off-time) is one half of
  // its cycle, and its plateau is read over the whole of it, not its first piece's (review70: a plating paused at 5 min
  // of 10 read the plateau of its first 5 min's later half)
  const pieces = new Map<string, number[]>();
  hcs.forEach((h, j) => {
    let c = byCycle.get(h.cycle);
    if (!c) { c = { cycle: h.cycle, ...(h.file_cycle !== undefined ? { file_cycle: h.file_cycle } : {}) }; byCycle.set(h.cycle, c); }
    if (h.partial) { c.partial = true; return; }
    const key = `${h.cycle}/${h.sign}`;
    const l = pieces.get(key);
    // only the pieces of the cycle's first run of that sign (consecutive half cycles), as the first one was taken
    if (!l) pieces.set(key, [j]);
    else if (l[l.length - 1] === j - 1) l.push(j);
  });
  // a half cut by the file's end has no plateau, nor do the pieces of it before its last (cycfile65)
  if (partialEnd) {
    const key = `${partialEnd.cycle}/${partialEnd.sign}`;
    const l = pieces.get(key);
    if (l && l[l.length - 1] === hcs.length - 2) pieces.delete(key);
  }
  for (const [key, l] of pieces) {
    const c = byCycle.get(hcs[l[0]!]!.cycle)!;
    const p = l.length === 1 ? hcs[l[0]!]!.plateau_V : wholePlateau(t, v, l.map((j) => segs[j]!), pf, polarity);
    if (key.endsWith('/-1')) c.plating_plateau_V = p; else c.stripping_plateau_V = p;
  }
  const cycles = [...byCycle.values()];
  for (const c of cycles) if (c.plating_plateau_V !== undefined && c.stripping_plateau_V !== undefined) c.hysteresis_V = c.plating_plateau_V + c.stripping_plateau_V;
  // nucleation: the first non-rest half cycle of a cell voltage, whatever its sign (in a symmetric cell one electrode plates
  // onto its pristine surface in every half: a strip of the working electrode is a plating of the counter, whose dip the
  // cell voltage carries); the first plating of a working electrode's own overpotential (a simulated eta.csv, whose counter
  // electrode is in no sample: a strip-first run read its foil's first strip, 33.46 mV, where its metrics.json reads the
  // first plating's 15.32 mV; mends94)
  let nucleation: SymmetricResult['nucleation'];
  let nucleationNotRead: string | undefined;
  const nj = o.workingElectrodeVoltage ? segs.findIndex((x) => x.sign < 0) : segs.length > 0 ? 0 : -1;
  if (o.workingElectrodeVoltage && segs.length > 0 && nj < 0) nucleationNotRead = "the trace never plates: it is the working electrode's own overpotential, whose strips hold no nucleation (as the run's metrics.json gives none)";
  // a simulated trace read on its plating-current rows (below): its first piece may be one on-time of a pulse train
  const onRows = o.workingElectrodeVoltage === true && tr.windowCurrent === true;
  if (nj >= 0 && (onRows || segs[nj]!.end - segs[nj]!.start >= 3)) {
    const s = segs[nj]!;
    if (!onRows && !(t[s.end - 1]! > t[s.start]!)) {
      // the first half cycle has no duration: a stuck clock or a time column in the wrong unit, named where it is
      const at = `the first ${s.sign < 0 ? 'plating' : 'stripping'} half cycle`;
      if (tr.where) {
        const a = tr.where.lineOf(s.start), b = tr.where.lineOf(s.end - 1);
        throw new FileError(tr.where.file, `test time does not increase over ${at}: lines ${a} to ${b} (${s.end - s.start} rows) all read ${t[s.start]} s; expected a time that grows through it (the nucleation overpotential is read from its voltage against time)`, a);
      }
      throw new InputError(`time_s[${s.start}..${s.end - 1}]`, `${t[s.start]} s at every sample`, `a time that grows through ${at}`);
    }
    const from = segs[0]!.sign > 0 ? { read_from: nj === 0 ? 'first_half' as const : 'first_plating' as const } : {};
    if (onRows) {
      // a simulated trace: the rows of the whole first plating half that pass its plating current, as metrics.json reads
      // its first plating step (nucleation.ts platingCurrentRows; mends116, review86 F1: a pulse train was read on its
      // first on-time, a Plate and the Hold after it not here but in licu's reading)
      const [lo, hi] = platingSpanOf(segs, s, t.length);
      const r = nucleationOfPlatingRows(t, v, tr.current_A, lo, hi, { plateauFrom: pf });
      if (r) {
        const { rows, ...reading } = r;
        nucleation = { ...reading, half_cycle: s.index, cycle: hcs[nj]!.cycle, t0_s: t[rows[0]!]!, t1_s: t[rows[rows.length - 1]!]!, ...from };
      } else nucleationNotRead = 'the first plating passes its plating current on under 3 rows (too short to read)';
    } else {
      const r = nucleationOfSamples(t, v, s.start, s.end, { plateauFrom: pf });
      nucleation = { ...r, half_cycle: s.index, cycle: hcs[nj]!.cycle, t0_s: s.t0_s, t1_s: s.t1_s, ...from };
    }
  }
  // cycle life
  const events: LifeEvent[] = [];
  const criteria: SymmetricResult['criteria'] = { plateauFrom: pf };
  if (o.limit_V !== undefined) {
    criteria.limit_V = o.limit_V;
    for (let j = 0; j < hcs.length; j++) {
      const h = hcs[j]!;
      if (h.partial) continue;
      if (h.plateau_V > o.limit_V) {
        const s = segs[j]!;
        let tk = s.t0_s;
        for (let k = s.start; k < s.end; k++) if (Math.abs(v[k]!) > o.limit_V) { tk = t[k]!; break; }
        events.push({ criterion: 'overpotential-limit', cycle: h.cycle, half_cycle: h.index, time_s: tk, value_V: h.plateau_V, threshold_V: o.limit_V, detail: `plateau |V| ${(h.plateau_V * 1e3).toFixed(2)} mV above the limit ${(o.limit_V * 1e3).toFixed(2)} mV` });
        break;
      }
    }
  }
  if (o.softShort ?? true) {
    const cf = o.collapseFraction ?? 0.5, nf = o.noiseFactor ?? 5, nr = o.noiseRelative ?? 0.1;
    const hist = o.history ?? 10, minH = o.minHistory ?? 4;
    Object.assign(criteria, { collapseFraction: cf, noiseFactor: nf, noiseRelative: nr, history: hist, minHistory: minH });
    let collapse: LifeEvent | undefined, noise: LifeEvent | undefined;
    for (let j = minH; j < hcs.length - (partialEnd ? 1 : 0) && (!collapse || !noise); j++) {
      const prev = hcs.slice(Math.max(0, j - hist), j);
      const ref = median(prev.map((h) => h.plateau_V));
      const h = hcs[j]!;
      const s = segs[j]!;
      if (!collapse && h.plateau_V < cf * ref) {
        const skip = s.t0_s + 0.05 * (s.t1_s - s.t0_s);
        let tk = s.t0_s;
        for (let k = s.start; k < s.end; k++) if (t[k]! >= skip && Math.abs(v[k]!) < cf * ref) { tk = t[k]!; break; }
        collapse = { criterion: 'soft-short-collapse', cycle: h.cycle, half_cycle: h.index, time_s: tk, value_V: h.plateau_V, threshold_V: cf * ref, detail: `plateau |V| ${(h.plateau_V * 1e3).toFixed(2)} mV fell below ${cf} x ${(ref * 1e3).toFixed(2)} mV (median of the previous ${prev.length} half cycles)` };
      }
      const nref = median(prev.map((p) => p.noise_V));
      const nthr = Math.max(nf * nref, nr * h.plateau_V);
      if (!noise && h.noise_V > nthr && h.noise_V > 0) {
        let tk = s.t0_s;
        for (let k = plateauStart[j]! + 1; k < s.end; k++) if (Math.abs(Math.abs(v[k]!) - Math.abs(v[k - 1]!)) > nthr) { tk = t[k]!; break; }
        noise = { criterion: 'soft-short-noise', cycle: h.cycle, half_cycle: h.index, time_s: tk, value_V: h.noise_V, threshold_V: nthr, detail: `voltage noise ${(h.noise_V * 1e3).toFixed(3)} mV above ${(nthr * 1e3).toFixed(3)} mV` };
      }
    }
    if (collapse) events.push(collapse);
    if (noise) events.push(noise);
  }
  let life: LifeEvent | undefined;
  for (const e of events) if (!life || e.time_s < life.time_s) life = e;
  const res: SymmetricResult = { half_cycles: hcs, cycles, nucleation, ...(nucleationNotRead ? { nucleation_not_read: nucleationNotRead } : {}), cumulative_capacity_mAh: cum, events, cycle_life: life, criteria, segments: segs, ...(partialEnd ? { partial_end: partialEnd } : {}), ...(split.length ? { file_cycles_split: split.map((c) => segs.find((s) => s.cycle === c)!.file_cycle ?? c) } : {}),
    ...(across.length ? { pairs_across_file_cycles: across, pairing_first_sign: lead! } : lead === 1 && segs[0]?.sign === 1 ? { pairing_first_sign: 1 as const } : {}) };
  if (area) res.cumulative_capacity_mAh_per_cm2 = cum / area;
  return res;
}
