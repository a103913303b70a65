/**
 * Coulombic efficiency.
 *  - Li||Cu per cycle: each plating (I < 0, Li onto Cu) and the stripping that follows it, up to
 *    the next plating (a strip split by a rest, or a CC strip and its CV tail, count whole);
 *    CE = Q_strip / Q_plate.
 *  - Aurbach / Adams reservoir protocol (Adams et al., Adv. Energy Mater. 8, 1702097, 2018):
 *    plate a reservoir Q_T onto Cu, cycle n times stripping/plating Q_C, finally strip to the
 *    cut-off voltage (Q_S). CE_avg = (n Q_C + Q_S) / (n Q_C + Q_T). An optional formation
 *    cycle (plate, strip to cut-off) before the reservoir is ignored.
 *  - Full cells: cycles are physical half-cycle pairs: the first charge or discharge of the file
 *    with the opposite half that follows it, whatever the file's cycle column says (EC-Lab
 *    counts a new cycle at each charge, so a test that starts with a discharge would pair the
 *    wrong halves). Q_in = first half, Q_out = second, CE = Q_out / Q_in, retention against a
 *    reference cycle's Q_out. `pair` overrides: 'discharge-charge', 'charge-discharge', or
 *    'file' (group by the file's cycle column, the old behaviour).
 */
import { InputError } from '../errors.js';
import { halfCycles, type HalfCycle, type SegmentOptions, type Trace } from './segments.js';
import { isNoDip, nucleationMetrics, nucleationOfPlatingRows, nucleationOfSamples, platingSpanOf } from './nucleation.js';
import type { NucleationReading } from './symmetric.js';
import { PAIR_RULES, type PairRule } from './protocols.js';

export interface CePoint {
  cycle: number; plated_mAh: number; stripped_mAh: number; ce: number; t_s: number;
  /** the file ends during this cycle's strip (under half a whole half cycle), or starts during its plating (cut_start): CE NaN, out of the mean */
  partial?: true;
  /** the file starts during this cycle's plating (LicuOptions.cutStart): it holds under half a whole half cycle and its strip more */
  cut_start?: true;
  /** the file ends in this cycle's plating, before its strip (LicuOptions.unstripped): stripped_mAh and CE NaN, partial, out of the mean */
  unstripped?: true;
  /** per electrode area when it is known (the names and unit of a simulated cycles.csv) */
  plated_mAh_per_cm2?: number; stripped_mAh_per_cm2?: number;
  /** its plating or strip joins halves of more than one of the file's cycles (fileCyclesJoined): a strip or plating is missing between them */
  file_cycles_joined?: { half: 'plating' | 'strip'; file_cycles: number[] };
  /**
   * the plating's nucleation reading (platingNucleation; magnitudes |V|, the plating reads V < 0 vs Li): the tip of the dip
   * and its time, the plateau (median |V| from half its duration on, as cycles.csv's plating_plateau_mV) and tip minus
   * plateau, <= 0 no dip (nucleation_no_dip). Absent when the plating is too short to read, or (cut_start) the file starts in it.
   */
  plating_peak_mV?: number; plating_peak_time_s?: number; plating_plateau_mV?: number; nucleation_overpotential_mV?: number; nucleation_no_dip?: boolean;
}

/**
 * The nucleation reading of a physical plating: nucleationOverpotential (the symmetric report's function and windows) over
 * its first uninterrupted part, the half cycle it starts with (a rest inside a plating joined by physicalHalves would read
 * as samples at 0 V). Undefined when that part holds under 3 samples or no duration, or samples the function refuses
 * (under 3 finite ones): one plating too short to read does not cost the report its other cycles.
 */
function platingNucleation(tr: Trace, raw: HalfCycle[], p: HalfCycle, cycle: number, plateauFrom: number | undefined): NucleationReading | undefined {
  // a simulated trace (windowCurrent: eta.csv, a run's own): the rows of the whole physical half that pass its plating
  // current, as metrics.json reads its first plating step (nucleation.ts platingCurrentRows; mends116, review86 F1: a
  // pulse train read its first on-time only, "too short", and a Plate with the Hold after it the Hold's held -50 mV too)
  if (tr.windowCurrent) {
    try {
      const [lo, hi] = platingSpanOf(raw, p, tr.time_s.length);
      const n = nucleationOfPlatingRows(tr.time_s, tr.voltage_V, tr.current_A, lo, hi, plateauFrom === undefined ? {} : { plateauFrom });
      if (!n) return undefined;
      const { rows, ...reading } = n;
      return { ...reading, ...nucleationMetrics(reading), half_cycle: p.index, cycle, t0_s: tr.time_s[rows[0]!]!, t1_s: tr.time_s[rows[rows.length - 1]!]! };
    } catch (e) {
      if (e instanceof InputError) return undefined;
      throw e;
    }
  }
  const r = raw.find((s) => s.start === p.start);
  if (!r || r.end - r.start < 3 || !(tr.time_s[r.end - 1]! > tr.time_s[r.start]!)) return undefined;
  try {
    const n = nucleationOfSamples(tr.time_s, tr.voltage_V, r.start, r.end, plateauFrom === undefined ? {} : { plateauFrom });
    return { ...n, ...nucleationMetrics(n), half_cycle: p.index, cycle, t0_s: r.t0_s, t1_s: r.t1_s };
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

/** Physical half cycles: consecutive half cycles of one sign (split by a rest or a step change) joined. */
export function physicalHalves(segs: HalfCycle[]): HalfCycle[] {
  const out: HalfCycle[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (last && last.sign === s.sign) {
      const q = last.charge_Ah + s.charge_Ah;
      const dur = last.t1_s - last.t0_s + s.t1_s - s.t0_s;
      out[out.length - 1] = { ...last, end: s.end, t1_s: s.t1_s, charge_Ah: q, current_A: dur > 0 ? (q * 3600) / dur : last.current_A };
    } else out.push({ ...s, index: out.length });
  }
  return out;
}

/**
 * The file's cycle numbers a physical half joins, when its pieces (split by a rest) lie in more than one: the file counts a
 * new cycle between two halves of one direction, a half of the other direction missing from it (a step left out of an
 * export, a failed step) or a formation step before the first cycle's. The pairing takes the joined half whole, so its
 * cycle's CE takes both (cycfile65: neware_uio.csv without its cycle 2 charge read CE 0.4876 for cycle 2, its discharges
 * of the file's cycles 2 and 3 over one charge, without a word). Undefined without a cycle column or a join.
 */
export function fileCyclesJoined(tr: Trace, raw: HalfCycle[], h: HalfCycle | undefined): number[] | undefined {
  if (!tr.cycle || !h) return undefined;
  const nums: number[] = [];
  for (const s of raw) {
    if (s.start < h.start || s.end > h.end) continue;
    const c = tr.cycle[s.start]!;
    if (Number.isFinite(c) && !nums.includes(c)) nums.push(c);
  }
  return nums.length > 1 ? nums : undefined;
}

/**
 * The charge a whole half cycle holds, Ah (0 for none): the median of the physical half cycles between
 * the file's first and last, either of which the file's ends may cut (all of them with two or fewer).
 * With the ends counted, a file of three halves, two of them cut, had a cut one as its median: BatteryData's
 * p492-13 head (a 0.72 mAh first discharge from a cell at 3.27 V, the 21.87 mAh charge, 0.79 mAh of the
 * discharge after it) read neither end as partial and printed CE 3050 %.
 */
export function wholeHalfCharge(halves: HalfCycle[]): number {
  const inner = halves.length > 2 ? halves.slice(1, -1) : halves;
  const qs = inner.map((h) => h.charge_Ah).sort((a, b) => a - b);
  return qs.length > 0 ? qs[Math.floor(qs.length / 2)]! : 0;
}

/**
 * The file's last half when it is where the file stops: short of a whole half cycle (a test
 * stopped or exported mid-step; neware_uio.csv ends 1.44 mAh into a 4.2 mAh charge) and ending short of
 * the voltage where the earlier halves of its direction ended (their cut-off: neware_uio.csv stops at
 * 0.43 V of a 1 V one). Short is under half a whole half cycle's charge (wholeHalfCharge), or under 0.8 of the half of its direction
 * before it (a Maccor export cut 1667 mAh into a 3030 mAh discharge, at 3.43 V of a 3.00 V cut-off,
 * read CE 0.55 and retention 0.55 with only the median asked, until session 23). A last half that is
 * as short but reaches the cut-off is a real collapse (a cell failing in its last cycle) and keeps its
 * CE. The rule for a partial first half, at the other end.
 */
function partialLastHalf(tr: Trace, halves: HalfCycle[]): HalfCycle | undefined {
  const last = halves[halves.length - 1];
  if (!last || halves.length <= 2) return undefined;
  const before = halves.slice(0, -1).filter((h) => h.sign === last.sign);
  const previous = before[before.length - 1];
  if (!(last.charge_Ah < 0.5 * wholeHalfCharge(halves) || (previous !== undefined && last.charge_Ah < 0.8 * previous.charge_Ah))) return undefined;
  const endV = (h: HalfCycle) => Number(tr.voltage_V[h.end - 1]);
  const ends = before.map(endV).filter(Number.isFinite).sort((a, b) => a - b);
  if (!ends.length) return last; // no earlier half of its direction to read a cut-off from: the charge alone decides
  const cutoff = ends[Math.floor(ends.length / 2)]!;
  // short of it on the step's side (a charge ends below its upper cut-off, a discharge above its lower one), by more
  // than 20 mV, a cycler's usual resolution of a cut-off
  return last.sign * (cutoff - endV(last)) > PARTIAL_END_MARGIN_V ? last : undefined;
}

/**
 * The file's last half when no earlier half of its direction gives a cut-off (a file of two halves) and the file
 * ends inside it: its last sample is the file's last row, so the step ended with the file, not at a cut-off, a change
 * of current or a rest (after each of those a cycler writes the rows of its next step). BT-Lab's
 * btlab_loops_MB_CE1_head800.csv (a head of 800 rows) ends 676.7 mAh into a discharge at 3.844 V after a 1462 mAh
 * charge and read CE 0.4628, unmarked, until mends51. A one-cycle test whose export stops on the very row its
 * discharge reached the cut-off reads so too: with no earlier discharge nothing in the file tells that end from a cut.
 */
function lastHalfEndedByFile(tr: Trace, halves: HalfCycle[]): HalfCycle | undefined {
  const last = halves[halves.length - 1];
  return halves.length === 2 && last && last.end >= tr.current_A.length ? last : undefined;
}

/** how far short of the earlier halves' end voltage a last half must stop to count as cut off by the file's end, V
 * (a cycler's usual resolution of a cut-off; protocol-fit.ts reads the Aurbach final strip by the same margin) */
export const PARTIAL_END_MARGIN_V = 0.02;

export interface LicuOptions extends SegmentOptions {
  /**
   * a cycler file, which may start mid-plating: a first plating under half a whole half cycle's charge (wholeHalfCharge, the
   * full cells' rule for a partial first half) whose strip takes more than it holds gives its cycle no CE (partial, cut_start).
   * A file that starts mid-plating strips what was plated before its first row too (a first plating cut to 0.383
   * of 0.983 mAh read CE 252 % and a mean CE of 1.359 for the other cycles' 0.972, until session 25). Not for a simulated trace, which starts where its run does (a first plating
   * smaller than the rest is then the protocol's).
   */
  cutStart?: boolean;
  /**
   * a cycler file, which may end in a plating (a nucleation test of one plating onto Cu, or a test stopped before a
   * strip): that plating is a cycle of its own with its nucleation reading, no strip and no CE (partial, unstripped).
   * Until review41 it was left out, so a file of one plating read no nucleation overpotential at all. Not for a
   * simulated run's cycles (simulation/cycles.ts counts its plate/strip pairs).
   */
  unstripped?: boolean;
  /**
   * a cycler file, which may end mid-strip with no earlier strip to read a cut-off from (one plating, one strip): a
   * strip the file's last row is in is where the file stops, as a full cell's last half (lastHalfEndedByFile), and its
   * cycle gets no CE (partial). A one-cycle file cut 2.4 mAh into its 4.2 mAh strip read CE 0.4749 until mends53. Not
   * for a simulated trace, whose last strip ends on the file's last row at its cut-off (the run ends there).
   */
  cutEnd?: boolean;
  /**
   * the trace ends where its run does, every half whole (a simulated run not cancelled, its eta.csv): no last half is
   * taken for cut by the file's end, however short it is or wherever its voltage stopped (partialLastHalf, cutEnd). A
   * run's last strip that ended on exhausted metal under half the plated charge (CE < 0.5), or under 0.8 of the strip
   * before it, more than 20 mV short of the earlier strips' end voltage, got no CE, and the run no average_ce, until
   * review59 (Li on Cu, 8 x 8 x 24 voxels of 100 nm, a 100 nm carbonate film, 3 cycles with rests: CE 0.471 by voxels).
   */
  endsWithRun?: boolean;
  /**
   * the run was cut (cancelled, or its event limit) in the trace's last half: that half did not end, and a strip there
   * gives its cycle no CE (partial), however much it had stripped (set by simulation/cycles.ts from the run's last step,
   * and by `analyze` from the steps.csv beside a run's eta.csv). Until review61 a strip cut so read as whole where the
   * file rules did not catch it (the run's only cycle; a strip cut over 0.8 of the way), and always in `analyze`: Li on
   * Cu, 6 x 6 x 16 voxels of 100 nm, one 0.02 mAh/cm2 cycle cut at 23 of 34 voxels stripped, CE 0.676 in both.
   */
  lastHalfCut?: boolean;
  /** the nucleation readings' plateau window, as the symmetric report's (default 0.5) */
  plateauFrom?: number;
}

/**
 * Whether a run's last step was cut (cancelled, the event limit) while it passed current (not a rest, which ends no
 * half cycle): the trace's last half did not end (licuCe's lastHalfCut). `kind` and `ended` as steps.csv has them
 * (simulation/cycles.ts reads the run's last step, `analyze` the last row of the steps.csv beside an eta.csv).
 * A rest cut between two pieces of one strip (Strip, Rest, Strip) cut that strip: `next`, the kind of the step after
 * it (which the run never reached), is 'strip' (mends76; until then such a strip read as whole, review61).
 */
export function runCutInHalf(last: { kind: string; ended: string } | undefined, next?: string): boolean {
  return !!last && (last.ended === 'cancelled' || last.ended === 'event_limit') && (last.kind !== 'rest' || next === 'strip');
}

/**
 * The kind of a resolved protocol's step at a flattened index (repeat blocks unrolled, as steps.csv's `step` numbers
 * them: simulation.ts flattenProtocol), for `analyze` of a run folder (its resolved.json); undefined past the end or for
 * what is not a protocol. Walks no further than the index.
 */
export function protocolStepKind(protocol: unknown, index: number): string | undefined {
  const kinds: string[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (kinds.length > index || !e || typeof e !== 'object') return;
      const r = e as { repeat?: unknown; steps?: unknown; kind?: unknown };
      if (r.repeat !== undefined) {
        if (!Array.isArray(r.steps) || r.steps.length === 0) continue;
        for (let k = 0; k < Number(r.repeat) && kinds.length <= index; k++) walk(r.steps);
      } else kinds.push(String(r.kind));
    }
  };
  walk(protocol);
  return kinds[index];
}

export function licuCe(tr: Trace, o: LicuOptions = {}): { cycles: CePoint[]; segments: HalfCycle[]; nucleation?: NucleationReading } {
  const raw = halfCycles(tr, o);
  const segs = physicalHalves(raw);
  const out: CePoint[] = [];
  const readings: (NucleationReading | undefined)[] = [];
  for (let j = 0; j < segs.length; j++) {
    const p = segs[j]!;
    if (p.sign !== -1) continue;
    const s = segs[j + 1];
    if (!s || s.sign !== 1) continue;
    const c: CePoint = { cycle: out.length + 1, plated_mAh: p.charge_Ah * 1000, stripped_mAh: s.charge_Ah * 1000, ce: s.charge_Ah / p.charge_Ah, t_s: s.t1_s };
    const jp = fileCyclesJoined(tr, raw, p), js = jp ? undefined : fileCyclesJoined(tr, raw, s);
    if (jp) c.file_cycles_joined = { half: 'plating', file_cycles: jp };
    else if (js) c.file_cycles_joined = { half: 'strip', file_cycles: js };
    const n = platingNucleation(tr, raw, p, c.cycle, o.plateauFrom);
    if (n) Object.assign(c, { plating_peak_mV: n.peak_V * 1e3, plating_peak_time_s: n.peak_time_s, plating_plateau_mV: n.plateau_V * 1e3, nucleation_overpotential_mV: n.nucleation_V * 1e3, nucleation_no_dip: isNoDip(n.nucleation_V) });
    out.push(c);
    readings.push(n);
  }
  // a last plating with no strip after it: its own cycle, read, without a CE (a file of one plating read nothing)
  const lastSeg = segs[segs.length - 1];
  if (o.unstripped && lastSeg && lastSeg.sign === -1) {
    const c: CePoint = { cycle: out.length + 1, plated_mAh: lastSeg.charge_Ah * 1000, stripped_mAh: NaN, ce: NaN, t_s: lastSeg.t1_s, partial: true, unstripped: true };
    const n = platingNucleation(tr, raw, lastSeg, c.cycle, o.plateauFrom);
    if (n) Object.assign(c, { plating_peak_mV: n.peak_V * 1e3, plating_peak_time_s: n.peak_time_s, plating_plateau_mV: n.plateau_V * 1e3, nucleation_overpotential_mV: n.nucleation_V * 1e3, nucleation_no_dip: isNoDip(n.nucleation_V) });
    out.push(c);
    readings.push(n);
  }
  // a last strip the file stops in gives no CE (it read as a collapse: CE 0.43 on neware_uio.csv); with one plating and
  // one strip, no earlier strip gives a cut-off: a cycler file's last row in the strip says the file stopped in it
  const cut = o.lastHalfCut ? segs[segs.length - 1] : o.endsWithRun ? undefined : partialLastHalf(tr, segs) ?? (o.cutEnd ? lastHalfEndedByFile(tr, segs) : undefined);
  const lastPt = out[out.length - 1];
  if (cut && cut.sign === 1 && lastPt) { lastPt.partial = true; lastPt.ce = NaN; }
  // a first plating the file starts in (its strip takes more than it holds): no CE either
  const firstPt = out[0], first = segs[0];
  if (o.cutStart && firstPt && first?.sign === -1 && segs.length > 2 && first.charge_Ah < 0.5 * wholeHalfCharge(segs) && firstPt.stripped_mAh > firstPt.plated_mAh) {
    firstPt.partial = true; firstPt.cut_start = true; firstPt.ce = NaN;
    // its dip, if any, is before the file's first row: what the file holds of it is no nucleation reading
    for (const k of ['plating_peak_mV', 'plating_peak_time_s', 'plating_plateau_mV', 'nucleation_overpotential_mV', 'nucleation_no_dip'] as const) delete firstPt[k];
    readings[0] = undefined;
  }
  // the headline, as the review reports it: the first plating's, onto the bare host
  const first0 = readings[0];
  return { cycles: out, segments: segs, ...(first0 ? { nucleation: first0 } : {}) };
}

export interface AurbachOptions extends SegmentOptions {
  /** give any of these to override what is detected from the file */
  qt_mAh?: number;
  qc_mAh?: number;
  n?: number;
  /** relative tolerance to call two half cycles "the same Q_C" (default 0.05) */
  tolerance?: number;
  /** the nucleation reading's plateau window, as the symmetric report's (default 0.5) */
  plateauFrom?: number;
}

export interface AurbachResult {
  ce_avg: number;
  qt_mAh: number;
  qc_mAh: number;
  n: number;
  qs_mAh: number;
  /** the highest voltage of the final strip: the cut-off when the strip ended on it */
  cutoff_V: number;
  /** the voltage of the final strip's last sample */
  last_voltage_V: number;
  /**
   * how the final strip ended when the file says so (a simulated run's steps.csv, column ended,
   * set by `analyze`): `cutoff`, or e.g. `no_metal` (the metal ran out before the voltage reached
   * the cut-off: then cutoff_V is no cut-off, only the highest voltage seen)
   */
  final_strip_ended?: string;
  detected: { qt_mAh: number; qc_mAh: number; n: number; reservoir_half_cycle: number; final_half_cycle: number };
  formula: string;
  /**
   * cycling strips of the block that passed less than Q_C (by more than the tolerance: a strip stopped at its cut-off)
   * and the charge they did not pass, mAh, taken off the numerator (seiaudit); absent when every strip passed Q_C
   */
  short_strips?: number; short_mAh?: number;
  /** cycling strips of the block that ended at the final strip's cut-off short of Q_C (cli66); absent when none did */
  cutoff_strips?: number;
  /** Q_T, Q_C and Q_S per electrode area when it is known (set by the analyze report) */
  qt_mAh_per_cm2?: number; qc_mAh_per_cm2?: number; qs_mAh_per_cm2?: number;
  /**
   * the nucleation reading of the file's first plating, the one onto the bare working electrode (step: the formation
   * plating where there is one, else the reservoir's); the platings after it are onto Li left on it, not nucleation on
   * the host, and are not read
   */
  nucleation?: NucleationReading & { step: 'formation' | 'reservoir' };
}

export function aurbachCe(tr: Trace, o: AurbachOptions = {}): AurbachResult {
  // consecutive half cycles of one sign (split by a rest) count as one step of the protocol
  const raw = halfCycles(tr, o);
  const segs = physicalHalves(raw);
  const tol = o.tolerance ?? 0.05;
  const f = segs.length - 1;
  const need = 'a reservoir plating (I < 0), n strip/plate cycles and a final strip to the cut-off (I > 0)';
  if (f < 1 || segs[f]!.sign !== 1) throw new InputError('protocol aurbach', `${segs.length} step(s), the last ${segs[f] === undefined ? 'missing' : segs[f]!.sign === -1 ? 'plating' : 'stripping'}`, need);
  let k: number;
  if (o.n !== undefined) {
    k = f - 1 - 2 * o.n;
    if (k < 0 || segs[k]!.sign !== -1) throw new InputError('--n', o.n, `at most ${Math.floor((f - 1) / 2)} cycles before the final strip in this file`);
  } else {
    // walk back over plate/strip pairs of equal charge Q_C; the first plating that differs is the reservoir
    const qc = segs[f - 1]!.charge_Ah;
    k = f - 1;
    // a cycling strip passes Q_C or less: one that stopped at its cut-off before Q_C is still a cycle of the block
    // (seiaudit: the walk stopped there and took a Q_C plating for the reservoir, n 3 of 10, CE 1.80)
    while (k - 2 >= 0 && segs[k]!.sign === -1 && segs[k - 1]!.sign === 1
      && Math.abs(segs[k]!.charge_Ah - qc) <= tol * qc && segs[k - 1]!.charge_Ah <= (1 + tol) * qc && segs[k - 2]!.sign === -1) k -= 2;
    if (k === f - 1 && segs[k]!.sign !== -1) throw new InputError('protocol aurbach', 'no plating before the final strip', need);
    // if the walk stopped on a plating of charge Q_C (no larger reservoir found), the reservoir is that plating
  }
  const reservoir = segs[k]!;
  const block = segs.slice(k + 1, f);
  const plates = block.filter((s) => s.sign === -1);
  const nDet = plates.length;
  const qcDet = nDet > 0 ? (plates.reduce((a, s) => a + s.charge_Ah, 0) / nDet) * 1000 : 0;
  const qtDet = reservoir.charge_Ah * 1000;
  const fin = segs[f]!;
  const qs = fin.charge_Ah * 1000;
  let cutoff = -Infinity;
  for (let j = fin.start; j < fin.end; j++) cutoff = Math.max(cutoff, tr.voltage_V[j]!);
  const qt = o.qt_mAh ?? qtDet, qc = o.qc_mAh ?? qcDet, n = o.n ?? nDet;
  if (!(qt > 0)) throw new InputError('Q_T', qt, 'a positive reservoir charge');
  // Adams' formula counts every cycling strip as Q_C. A strip of the block that stopped short of it (its cut-off, or a
  // simulated strip that ran out of reachable metal) passed less, and the charge it did not pass is no efficiency:
  // it is taken off the numerator, so CE_avg is what was stripped over what was plated (seiaudit; a strip within the
  // tolerance of Q_C counts as Q_C, as before, so a test whose strips all pass Q_C reads exactly Adams' formula).
  // Until seiaudit a protocol whose cycling strips stopped at a 200 mV cut-off read aurbach_ce 1.35 for 0.90 stripped.
  // A cycling strip that ended at the final strip's cut-off (its highest voltage within PARTIAL_END_MARGIN_V of it) stopped
  // there, not at Q_C, however little short it is: within the tolerance it counted as Q_C until cli66, so a Li||Cu
  // test stripped to 0.5 V every cycle and read as aurbach gave 0.9583 where 0.9474 was stripped over plated (its
  // cycles 3 and 4, 2.9 and 2.5 % short of Q_C at the cut-off, taken for Q_C). A capacity-limited strip (Adams') ends
  // on its charge at the plateau, far below the cut-off, and is read as before.
  const peak = (s: { start: number; end: number }) => { let m = -Infinity; for (let j = s.start; j < s.end; j++) m = Math.max(m, tr.voltage_V[j]!); return m; };
  const blockStrips = block.filter((s) => s.sign === 1);
  const earlierPeak = blockStrips.reduce((m, s) => Math.max(m, peak(s)), -Infinity);
  // only when the final strip reached what the block's strips did (a final strip the file cut gives no cut-off to read)
  // (and short by more than rounding: a simulated strip of Q_C passes it to the last bits, and a final strip that ended on
  // exhausted metal at the plateau gives a "cut-off" its cycling strips reach; its CE must not move by 1e-16)
  const atCutoff = new Set(Number.isFinite(cutoff) && cutoff >= earlierPeak - PARTIAL_END_MARGIN_V
    ? blockStrips.filter((s) => peak(s) >= cutoff - PARTIAL_END_MARGIN_V && s.charge_Ah * 1000 < (1 - 1e-6) * qc) : []);
  const short = blockStrips.filter((s) => s.charge_Ah * 1000 < (1 - tol) * qc || atCutoff.has(s));
  const shortMAh = short.reduce((a, s) => a + (qc - s.charge_Ah * 1000), 0);
  const ce = (n * qc - shortMAh + qs) / (n * qc + qt);
  const p0 = segs.find((s) => s.sign === -1);
  const nuc = p0 && platingNucleation(tr, raw, p0, p0.cycle, o.plateauFrom);
  return {
    ...(nuc ? { nucleation: { ...nuc, step: p0!.index < reservoir.index ? 'formation' as const : 'reservoir' as const } } : {}),
    ce_avg: ce, qt_mAh: qt, qc_mAh: qc, n, qs_mAh: qs, cutoff_V: cutoff, last_voltage_V: fin.end > fin.start ? tr.voltage_V[fin.end - 1]! : NaN,
    detected: { qt_mAh: qtDet, qc_mAh: qcDet, n: nDet, reservoir_half_cycle: reservoir.index, final_half_cycle: fin.index },
    formula: short.length === 0 ? 'CE_avg = (n Q_C + Q_S) / (n Q_C + Q_T)' : 'CE_avg = (n Q_C - Q_short + Q_S) / (n Q_C + Q_T), Q_short the charge the cycling strips that stopped early did not pass',
    ...(short.length > 0 ? { short_strips: short.length, short_mAh: shortMAh } : {}),
    ...(atCutoff.size > 0 ? { cutoff_strips: atCutoff.size } : {}),
  };
}

export { PAIR_RULES, type PairRule };

export interface FullCellCycle {
  cycle: number;
  /** the file's cycle column at the start of the pair, when it has one */
  file_cycle?: number;
  first_sign: -1 | 1;
  /** a half the cycle does not hold (the file ends before it): NaN, null in report.json (mends70) */
  q_in_mAh: number; q_out_mAh: number; charge_mAh: number; discharge_mAh: number; ce: number; retention: number;
  /** the file ends during this cycle's second half (under half a whole half cycle): its charges are
   * what the file holds, its CE and retention are NaN (a stopped test, not a cell that lost capacity) */
  partial?: true;
  /** one of its halves joins halves of more than one of the file's cycles (fileCyclesJoined): a half of the other direction is missing between them */
  file_cycles_joined?: { half: 'charge' | 'discharge'; file_cycles: number[] };
  /** areal capacities when the electrode area is known (set by the analyze report) */
  charge_mAh_per_cm2?: number; discharge_mAh_per_cm2?: number;
  /** per gram of active material (mAh/g), with its mass given */
  charge_mAh_per_g?: number; discharge_mAh_per_g?: number;
}

export interface FullCellOptions extends SegmentOptions {
  referenceCycle?: number; pair?: PairRule;
  /**
   * the trace ends where its run does (a simulated eta.csv: its last half ends on the file's last row at its cut-off or
   * charge): a last half is not read as cut by the file's end for that alone (lastHalfEndedByFile). A simulated one-cycle
   * run read as a full cell said `the file ends in a partial charge ...: cycle 1 has no CE or retention` until mends53.
   */
  endsWithRun?: boolean;
}

export function fullCell(tr: Trace, o: FullCellOptions = {}): { cycles: FullCellCycle[]; reference_cycle: number; pair: string; segments: HalfCycle[] } {
  const segs = halfCycles(tr, o);
  const rule = o.pair ?? 'auto';
  const cycles: FullCellCycle[] = [];
  let pairText: string;
  const add = (c: number, l: HalfCycle[], first: -1 | 1, fileCycle?: number) => {
    let qin = 0, qout = 0, ch = 0, dis = 0;
    for (const s of l) {
      if (s.sign === first) qin += s.charge_Ah; else qout += s.charge_Ah;
      if (s.sign > 0) ch += s.charge_Ah; else dis += s.charge_Ah;
    }
    // mends70: a half the cycle does not hold (the file ends before it, or --pair file's cycle has none) is NaN, null in
    // report.json, empty in cycles.csv, as licu's stripped_mAh: it read `charge_mAh: 0`, a charge measured as zero
    if (!l.some((s) => s.sign > 0)) ch = NaN;
    if (!l.some((s) => s.sign < 0)) dis = NaN;
    if (!l.some((s) => s.sign !== first)) qout = NaN;
    const fc: FullCellCycle = { cycle: c, first_sign: first, q_in_mAh: qin * 1000, q_out_mAh: qout * 1000, charge_mAh: ch * 1000, discharge_mAh: dis * 1000, ce: qout > 0 && qin > 0 ? qout / qin : NaN, retention: NaN };
    if (fileCycle !== undefined && Number.isFinite(fileCycle)) fc.file_cycle = fileCycle;
    cycles.push(fc);
  };
  if (rule === 'file') {
    // without a cycle column (or one with no numbers) halfCycles numbers cycles from the current: say so (review70: it
    // said "by the file's cycle column" of a file that has none)
    const fromColumn = tr.cycle !== undefined && (segs.length === 0 || segs.slice(0, 20).some((s) => Number.isFinite(tr.cycle![s.start]!))); // a file of rest only keeps its column's words
    pairText = fromColumn ? "by the file's cycle column" : `by cycles derived from the current (the file has no cycle column): a cycle starts at each ${segs[0] ? (segs[0].sign < 0 ? 'discharge' : 'charge') : 'half cycle'} after a half cycle of the other direction, a half split by a rest counted once`;
    const byCycle = new Map<number, HalfCycle[]>();
    for (const s of segs) {
      const l = byCycle.get(s.cycle) ?? [];
      l.push(s);
      byCycle.set(s.cycle, l);
    }
    for (const [c, l] of byCycle) add(c, l, l[0]!.sign, l[0]!.file_cycle);
  } else {
    const halves = physicalHalves(segs);
    // auto: the file's first direction, unless the first half is a partial one (a top-off, or the
    // end of an earlier test: under half the charge of a whole half cycle, wholeHalfCharge). Where the file's cycle
    // column puts that partial half in one cycle with the half after it, it is the test's own first
    // step (Neware's cycle 1 = a top-off "CC Chg" and the first "CC DChg" of a charge-first test):
    // the pairing keeps its direction, so CE = discharge / the charge before it as the cycler's
    // Chg.-DChg. Eff, and that first cycle (partial half + the half after it) is left unpaired.
    // Otherwise the partial half is an earlier test's end and the pairing starts with the next
    // direction.
    const med = wholeHalfCharge(halves);
    const partialFirst = rule === 'auto' && halves.length > 2 && halves[0]!.charge_Ah < 0.5 * med;
    const fileCycle = (h: HalfCycle) => (tr.cycle ? tr.cycle[h.start] : NaN);
    const topOff = partialFirst && Number.isFinite(fileCycle(halves[0]!)) && fileCycle(halves[0]!) === fileCycle(halves[1]!);
    const autoSign = partialFirst && !topOff ? halves[1]!.sign : (halves[0]?.sign ?? 1);
    const first: -1 | 1 = rule === 'discharge-charge' ? -1 : rule === 'charge-discharge' ? 1 : autoSign;
    const dir = (s: number) => (s < 0 ? 'discharge' : 'charge');
    const partialText = !partialFirst ? '' : topOff
      ? ` (the file starts with a partial ${dir(halves[0]!.sign)} of ${(halves[0]!.charge_Ah * 1000).toPrecision(4)} mAh, in the file's cycle ${fileCycle(halves[0]!)} with the ${dir(halves[1]!.sign)} after it: that cycle is left unpaired)`
      : ` (the file starts with a partial ${dir(halves[0]!.sign)} of ${(halves[0]!.charge_Ah * 1000).toPrecision(4)} mAh, left unpaired)`;
    // a file of rest only said '(the file starts with a charge)' (FastCharge_000025_CH8.csv)
    if (halves.length === 0) pairText = 'physical half cycles: none (no row passes current)';
    else pairText = `physical half cycles: each ${first < 0 ? 'discharge with the charge' : 'charge with the discharge'} that follows it${rule === 'auto' ? (partialFirst ? partialText : ' (the file starts with a ' + dir(first) + ')') : ' (--pair ' + rule + ')'}`;
    let j = topOff && rule === 'auto' ? 2 : halves.findIndex((h) => h.sign === first);
    while (j >= 0 && j < halves.length) {
      const a = halves[j]!;
      const b = halves[j + 1];
      const l = b && b.sign !== first ? [a, b] : [a];
      add(cycles.length + 1, l, first, tr.cycle ? tr.cycle[a.start] : undefined);
      for (const h of l) {
        const joined = fileCyclesJoined(tr, segs, h);
        if (joined) { cycles[cycles.length - 1]!.file_cycles_joined = { half: h.sign > 0 ? 'charge' : 'discharge', file_cycles: joined }; break; }
      }
      j += l.length;
    }
    // a last half where the file stops: the cycle it closes has no CE or retention (it read CE 0.43, retention 0.34)
    const byCutoff = partialLastHalf(tr, halves);
    const lastHalf = byCutoff ?? (o.endsWithRun ? undefined : lastHalfEndedByFile(tr, halves));
    const lastCycle = cycles[cycles.length - 1];
    if (lastHalf && lastCycle && lastHalf.sign !== lastCycle.first_sign) {
      lastCycle.partial = true;
      lastCycle.ce = NaN;
      const why = byCutoff ? '' : ` (the file's last row is in it: no rest or other step after it, and no earlier ${dir(lastHalf.sign)} to read a cut-off from)`;
      pairText += `; the file ends in a partial ${dir(lastHalf.sign)} of ${(lastHalf.charge_Ah * 1000).toPrecision(4)} mAh${why}: cycle ${lastCycle.cycle} has no CE or retention`;
    } else if (lastCycle && !(lastCycle.q_out_mAh > 0)) {
      // the file ends before the last cycle's second half: its table row read 0 mAh for that half and
      // '-' for CE with nothing said (the SINTEF Landt BDF file's cycle 2; an Arbin file of charges only)
      lastCycle.partial = true;
      pairText += `; the file ends after the ${dir(first)} of cycle ${lastCycle.cycle} (${lastCycle.q_in_mAh.toPrecision(4)} mAh), before its ${dir(-first)}: cycle ${lastCycle.cycle} has no ${dir(-first)}, CE or retention`;
    }
  }
  const complete = cycles.filter((c) => c.q_out_mAh > 0 && !c.partial);
  const ref = o.referenceCycle ?? complete[0]?.cycle ?? cycles[0]?.cycle ?? 1;
  const refC = cycles.find((c) => c.cycle === ref);
  if (o.referenceCycle !== undefined && !refC) throw new InputError('--reference-cycle', o.referenceCycle, cycles.length === 0 ? 'a cycle present in the file (it has no complete charge/discharge cycle)' : `a cycle present in the file (${cycles.map((c) => c.cycle).slice(0, 10).join(', ')}${cycles.length > 10 ? ', ...' : ''})`);
  // a cycle cut by the file's end (or its start), or without its second half, is no reference: neware_uio.csv with
  // --reference-cycle 5 (its last charge cut at 1.438 mAh) took retention against that partial charge, 295 % in cycle
  // 1 and four warnings, under a line that said 'no complete cycle to take retention against' (review48)
  if (o.referenceCycle !== undefined && refC && (refC.partial || !(refC.q_out_mAh > 0))) {
    const list = complete.map((c) => c.cycle);
    throw new InputError('--reference-cycle', o.referenceCycle, list.length === 0
      ? `a complete cycle of the file (it has none: cycle ${refC.cycle} is cut or lacks its second half)`
      : `a complete cycle of the file (${list.slice(0, 10).join(', ')}${list.length > 10 ? ', ...' : ''}): cycle ${refC.cycle} is cut or lacks its second half, so it has no capacity to take retention against`);
  }
  for (const c of cycles) c.retention = refC && refC.q_out_mAh > 0 && c.q_out_mAh > 0 && !c.partial ? c.q_out_mAh / refC.q_out_mAh : NaN;
  return { cycles, reference_cycle: ref, pair: pairText, segments: segs };
}
