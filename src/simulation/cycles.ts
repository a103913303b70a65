/**
 * Cycle metrics of a simulated run (issue 5), computed by the same code that analyses a cycler
 * file (src/analysis: halfCycles, licuCe, aurbachCe, analyzeSymmetric) on the trace exactly as
 * `sacplate analyze run/eta.csv` reads it back (area 1 cm2, voltage = WE overpotential): one
 * metric implementation, two sources. Charges are also counted in voxels (exact mass balance),
 * and the trace-based CE agrees with the voxel count because every half cycle's rows cover it
 * whole (see simulation.ts).
 *
 * A "cycle" here is the Li||Cu one: a plating half cycle and the stripping half cycle after it.
 */
import { halfCycles, type Trace, type HalfCycle } from '../analysis/segments.js';
import { simulationArg } from '../args.js';
import { InputError } from '../errors.js';
import { licuCe, aurbachCe, physicalHalves, runCutInHalf, type AurbachResult } from '../analysis/ce.js';
import { analyzeSymmetric, wholePlateau } from '../analysis/symmetric.js';
import type { ProtocolEntry, ProtocolStep, RepeatBlock } from '../input/types.js';
import { flattenProtocol, type Simulation, type StepResult, type TraceColumns } from './simulation.js';
import { C_PER_MAH } from '../units.js';
import { stripFirstPairing, type StripFirstPairing } from './strip-first.js';

// startcost2: moved to strip-first.ts (the CLI's main thread reads it without this module's engine imports)
export { stripFirstPairing, stripFirstPairingOfSteps, type StripFirstPairing } from './strip-first.js';

export interface CycleRecord {
  /** 1-based: plating half cycle + the stripping half cycle after it */
  cycle: number;
  /** the protocol's cycle number of the plating half (repeat iteration, see flattenProtocol) */
  protocol_cycle: number;
  plated_C_per_cm2: number;
  stripped_C_per_cm2: number;
  /** the same in mAh/cm2, the unit and name of the cycler report's Li||Cu cycles (sacplate analyze) */
  plated_mAh_per_cm2: number;
  stripped_mAh_per_cm2: number;
  plated_voxels: number;
  stripped_voxels: number;
  /** Coulombic efficiency from the trace, by the cycler-analysis code (licuCe); NaN when the strip half filled the box or plated (strip_ended says so) */
  ce: number;
  /** the same from voxel counts: stripped_voxels / plated_voxels (NaN when ce is) */
  ce_voxels: number;
  /** dead metal voxels at the end of the stripping half */
  dead_voxels: number;
  /** dead voxels / voxels plated in all plating halves so far */
  dead_metal_fraction: number;
  /** connected metal voxels at the end of the stripping half */
  connected_voxels: number;
  /** morphology at the end of the plating half */
  porosity: number;
  rms_roughness_nm: number;
  /**
   * mean and plateau overpotential of each half (analyzeSymmetric), mV, both on the half's side of 0 V (onSide: |eta|
   * where it sits on the side its current drives it to, negative on the other: a strip below 0 V reads negative; the
   * plateau since mends116, the mean since mends119, a mean of |eta| until then)
   */
  mean_plating_overpotential_mV: number;
  mean_stripping_overpotential_mV: number;
  plating_plateau_mV: number;
  stripping_plateau_mV: number;
  strip_ended: string;
  /**
   * Inventory of the cycle (from the end of the previous cycle's stripping half, for the first cycle from the end of
   * the step before its plating half, to the end of its stripping half), exact in voxels: plated_voxels + rest_voxels =
   * stripped_voxels + sei_bound_voxels + dead_formed_voxels + retained_voxels. SEI-bound = metal turned into SEI
   * (apps/events/sei.ts, 0 without `sei:`); dead formed = change of the dead-metal count (dead metal that turns into
   * SEI moves from one to the other); retained = change of the connected metal; rest = the net voxels of the rests in
   * the window (a Rest between the plate and the strip, between cycles, or one that splits a half: the box drifts at
   * its open-circuit potential, docs/transport.md "What a rest's row reads", with no charge through the external
   * circuit). plated_* and stripped_* are the plate and strip steps' charge, the trace's (what a cycler measures), so
   * ce = ce_voxels = stripped / plated, and a cycle whose rests plated more than its SEI, dead and retained metal took
   * reads a CE above 1 (docs/cycling.md, "A CE above 100 %"); until mends82 a rest that split a half was in that half.
   * Before review59 the window began at the step before the plating half and the rests were in no column: the
   * identity missed their drift, and what a rest between cycles bound in SEI was in no cycle.
   */
  sei_bound_voxels: number;
  dead_formed_voxels: number;
  retained_voxels: number;
  rest_voxels: number;
  sei_C_per_cm2: number;
  dead_C_per_cm2: number;
  /** the same in mAh/cm2, as plated_mAh_per_cm2 (mends100, review79: cycles.csv had them in C/cm2 and voxels only) */
  sei_mAh_per_cm2: number;
  dead_mAh_per_cm2: number;
  /** SEI-bound / plated, dead formed / plated (of this cycle) */
  sei_charge_fraction: number;
  dead_charge_fraction: number;
  /** SAC sites still active at the end of the cycle / at the start of the run (1 without SACs or without `sei:`) */
  active_sac_fraction: number;
  /**
   * dead-metal clusters in the lattice at the end of the cycle: count, mean and largest size in
   * voxels (six-face components of dead metal). Counted by the SEI module (runs with `sei:`), or at
   * the step's end (Simulation.endFigures) without it; 0, NaN, 0 when there is no dead metal. The
   * mean of no clusters is NaN, an empty CSV cell.
   */
  dead_clusters: number;
  dead_cluster_mean_voxels: number;
  dead_cluster_max_voxels: number;
  /** Aurbach/Adams runs only: what this pair of half cycles is in the protocol */
  role?: string;
}

export interface CycleSummary {
  cycles: CycleRecord[];
  /** mean CE over the cycles (licuCe), NaN without a complete cycle; the Aurbach CE for that protocol */
  average_ce: number;
  cycles_completed: number;
  /** dead voxels at the end / voxels plated in all plating halves */
  dead_metal_fraction: number;
  plated_voxels_total: number;
  stripped_voxels_total: number;
  /** metal voxels bound in SEI over the run / voxels plated in all plating halves (0 without `sei:`) */
  sei_charge_fraction: number;
  /** active SAC sites at the end / at the start (1 without SACs or without `sei:`) */
  active_sac_fraction: number;
  aurbach?: AurbachResult & { ce_voxels: number };
  /** a run whose first half cycle is a strip (mends93): the pairings of cycles.csv and of `analyze` differ (stripFirstPairing) */
  strip_first?: StripFirstPairing;
}

/**
 * The run's trace as the cycler reader maps eta.csv (area 1 cm2): the same doubles, and each row labelled by its
 * protocol step, as a cycler file's Step Type labels its rows (segments.ts directions): the protocol says which half
 * cycle a row belongs to, not the sign or the size of its current.
 *  - A Hold step's rows take its kind, the sign of what it holds (a negative overpotential or cell voltage plates, -1;
 *    a positive one strips, +1), whatever a window's current in it reads: the hold is one half cycle with its net
 *    charge (windowCurrent), so a CCCV plate (Plate, then Hold at a plating voltage) is one plating half, with the Plate
 *    before it. Without the labels the half cycles followed each row's current, which flips in a hold's windows: a
 *    CCCV cycle read as several half cycles and its plate's voxels were not counted in its plating half (cccvcycles).
 *  - A Plate or Strip row passing current takes its step's kind; a row of no current (a Rest, a pulse's off-time) is
 *    rest (0). Before, a row was rest when its |current| was at or below 0.1 % of the decade above the trace's largest:
 *    a hold's window of -19,500 mA/cm2 made every 10 mA/cm2 row rest and cycles.csv empty (cccvcycles).
 */
export function analysisTrace(sim: Simulation): Trace {
  const tr = sim.trace;
  return {
    time_s: tr.time_s.slice(),
    voltage_V: tr.overpotential_mV.map((x) => x * 1e-3 + 0),
    current_A: tr.current_mA_per_cm2.map((x) => x * (1e-3 * 1) + 0),
    cycle: tr.cycle.slice(),
    label: rowLabels(sim.run.protocol, tr),
    windowCurrent: true,
  };
}

/**
 * Each trace row's half cycle (-1 plating, +1 stripping, 0 rest), analysisTrace's labels; eta.csv writes them as its
 * `direction` column (report.ts, sector-simulate.ts) so that `analyze RUN/eta.csv` reads the half cycles cycles.csv does.
 */
export function rowLabels(protocol: ProtocolEntry[], tr: Pick<TraceColumns, 'step' | 'current_mA_per_cm2'>): number[] {
  const flat = flattenProtocol(protocol);
  const sign = flat.map((f) => (f.step.kind === 'plate' ? -1 : f.step.kind === 'strip' ? 1 : 0));
  const hold = flat.map((f) => f.step.control === 'potentiostatic');
  return tr.step.map((s, k) => (hold[s] || tr.current_mA_per_cm2[k] !== 0 ? sign[s] ?? NaN : 0));
}

/** rowLabels as eta.csv's `direction` column spells them. */
export function directionColumn(protocol: ProtocolEntry[], tr: Pick<TraceColumns, 'step' | 'current_mA_per_cm2'>): string[] {
  return rowLabels(protocol, tr).map((l) => (l === -1 ? 'plate' : l === 1 ? 'strip' : l === 0 ? 'rest' : ''));
}

/** Steps (by index) whose rows make up a half cycle. */
function stepsOf(sim: Simulation, seg: HalfCycle, byIndex: Map<number, StepResult>): StepResult[] {
  const seen = new Set<number>();
  const out: StepResult[] = [];
  for (let k = seg.start; k < seg.end; k++) {
    const s = sim.trace.step[k]!;
    if (seen.has(s)) continue;
    seen.add(s);
    const r = byIndex.get(s);
    if (r) out.push(r);
  }
  return out;
}

/**
 * A protocol list as half cycles: rests left out, consecutive plate/strip steps of one kind joined into one half (a
 * CC plate and the Hold at a plating voltage after it, a CCCV plate, are one plating half, as analysisTrace labels them
 * and physicalHalves joins them), a repeat block kept as one item.
 */
function protocolHalves(entries: ProtocolEntry[]): ({ kind: 'plate' | 'strip'; steps: ProtocolStep[] } | RepeatBlock)[] {
  const out: ({ kind: 'plate' | 'strip'; steps: ProtocolStep[] } | RepeatBlock)[] = [];
  for (const e of entries) {
    if ('repeat' in e) { out.push(e); continue; }
    if (e.kind === 'rest') continue;
    const last = out[out.length - 1];
    if (last && !('repeat' in last) && last.kind === e.kind) last.steps.push(e);
    else out.push({ kind: e.kind, steps: [e] });
  }
  return out;
}

/**
 * Whether the protocol is the Aurbach/Adams reservoir test: a plating with a charge, a repeat
 * block of (strip, plate), and a final strip to an overpotential cut-off. Each of these is a half
 * cycle of one or more steps (protocolHalves): a CCCV plate (Plate, then a plating Hold) is one plating.
 */
export function isAurbachProtocol(entries: ProtocolEntry[]): boolean {
  return aurbachBlock(entries) !== undefined;
}

/** The repeat block of an Aurbach/Adams protocol (isAurbachProtocol), undefined for any other protocol. */
function aurbachBlock(entries: ProtocolEntry[]): RepeatBlock | undefined {
  const top = protocolHalves(entries);
  const last = top[top.length - 1];
  if (!last || 'repeat' in last || last.kind !== 'strip' || !last.steps.some((x) => x.cutoff_V !== undefined) || last.steps.some((x) => x.charge_C_per_m2 !== undefined)) return undefined;
  const k = top.findIndex((e) => 'repeat' in e);
  if (k < 1 || k !== top.length - 2) return undefined;
  const block = top[k]!;
  if (!('repeat' in block)) return undefined;
  const inner = protocolHalves(block.steps);
  const res = top[k - 1]!;
  return inner.length === 2 && !('repeat' in inner[0]!) && !('repeat' in inner[1]!) && inner[0]!.kind === 'strip' && inner[1]!.kind === 'plate'
    && !('repeat' in res) && res.kind === 'plate' && res.steps.some((x) => x.charge_C_per_m2 !== undefined) ? block : undefined;
}

/** The mean of the cycles' CEs (NaN if any is NaN), without the last one when the run's cut ended its strip. */
function averageCe(ces: number[], cutLast: boolean): number {
  const n = cutLast && ces.length > 0 && Number.isNaN(ces[ces.length - 1]!) ? ces.length - 1 : ces.length;
  return n > 0 ? ces.slice(0, n).reduce((a, x) => a + x, 0) / n : NaN;
}

/**
 * The report functions (cycleSummary, computeMetrics, writeOutputs) read a run's steps from `sim.stepResults`, which
 * runAll() fills; runStep(), the engine's one step for tests and benches, records nothing. A Simulation whose trace holds
 * a step without its result (steps run with runStep() and not pushed) is refused naming `sim` (audit69b: computeMetrics
 * read its nucleation overpotential as null, and a plate and strip so run threw a TypeError from inside cycleSummary).
 */
export function recordedStepsArg(field: string, sim: Simulation): void {
  const rows = sim.trace.step;
  if (rows.length === 0) return;
  const have = new Set(sim.stepResults.map((r) => r.index));
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const k = rows[i]!;
    if (k === last) continue;
    last = k;
    if (have.has(k)) continue;
    const text = sim.steps[k]?.step.text;
    throw new InputError(field, sim,
      'a Simulation run by sim.runAll(), or with each step\'s result pushed as it ran (sim.stepResults.push(sim.runStep(step))): runStep() records nothing, the report functions read sim.stepResults',
      `a Simulation whose trace holds step ${k}${text === undefined ? '' : ` (${JSON.stringify(text)})`} without its result in sim.stepResults`);
  }
}

export function cycleSummary(sim: Simulation): CycleSummary {
  simulationArg('sim', sim);
  recordedStepsArg('sim', sim);
  const trace = analysisTrace(sim);
  const byIndex = new Map(sim.stepResults.map((r) => [r.index, r] as const));
  const q = sim.d.q_C / sim.area_cm2;
  // physical half cycles, as licuCe pairs them: a half split by a rest (Plate, Rest, plating Hold) is one half; before
  // cccvcycles its first piece had no strip after it and was left out of every cycle (its voxels counted nowhere)
  const raw = halfCycles(trace);
  const segs = physicalHalves(raw);
  const piecesOf = (h: HalfCycle) => raw.filter((r) => r.start >= h.start && r.end <= h.end);
  // the trace ends where the run does: its last strip is whole however short it is (licuCe's file rules took a last
  // strip under half the plated charge for a file's end: no CE, review59), unless the run was cut (cancelled, the event
  // limit) in it: then that strip gets no CE. Until review61 a cut run had the file rules, which take a strip cut late
  // (over 0.8 of the one before) or in the run's only cycle for whole: its CE was the part stripped before the cut
  const final = sim.stepResults[sim.stepResults.length - 1];
  // a run cut in a rest between two pieces of one strip (Strip, Rest, Strip; the step after the rest, never reached,
  // strips) was cut in that strip too: until mends76 its last step being a rest read the strip as whole (review61)
  const cutLast = runCutInHalf(final, final ? sim.steps[final.index + 1]?.step.kind : undefined);
  const cutInRest = cutLast && final?.kind === 'rest';
  const ce = licuCe(trace, { endsWithRun: true, lastHalfCut: cutLast });
  // analysed when a cycle needs it (a walker run's trace has no overpotential: simulation/walker-step.ts)
  let symCache: ReturnType<typeof analyzeSymmetric> | undefined;
  // the plateau rule `analyze` reads by default (the later half of a half cycle's time under current), named here because
  // a half in pieces is read with it again (halfOverpotentials)
  const plateauFrom = 0.5;
  const symOf = () => (symCache ??= analyzeSymmetric(trace, { softShort: false, plateauFrom, workingElectrodeVoltage: true }));
  const cycles: CycleRecord[] = [];
  let platedSoFar = 0, platedTotal = 0, strippedTotal = 0;
  /** index of the last step of the previous cycle's stripping half (its inventory window ends there) */
  let prevEnd: number | undefined;
  // a half's charge is that of its plate or strip steps: a Rest that splits a half (Plate, Rest, Plate) passes no current
  // through the external circuit, and what the box drifted in it is rest_voxels (until mends82 it was in the half's
  // plated or stripped voxels, which then were not the trace's charge: plated_mAh_per_cm2 read more than the cycler's)
  const netOf = (steps: StepResult[]) => steps.reduce((a, s) => a + (s.kind === 'rest' ? 0 : s.net_voxels), 0);
  for (const s of segs) {
    if (s.sign === -1) platedTotal += netOf(stepsOf(sim, s, byIndex));
    else strippedTotal -= netOf(stepsOf(sim, s, byIndex));
  }
  let c = 0;
  /** cycles (0-based, as ce.cycles) whose strip gives no CE */
  const undefinedCe = new Set<number>();
  for (let j = 0; j < segs.length; j++) {
    const p = segs[j]!;
    if (p.sign !== -1) continue;
    const pSteps = stepsOf(sim, p, byIndex);
    const plated = netOf(pSteps);
    platedSoFar += plated;
    const s = segs[j + 1];
    if (!s || s.sign !== 1) continue;
    const sSteps = stepsOf(sim, s, byIndex);
    const stripped = -netOf(sSteps);
    const point = ce.cycles[c]!;
    // a strip half that filled the box (it plated: the double layer lagged the change of sign) stripped nothing of
    // the plated charge: no efficiency (the trace read CE 0 and the voxel count a negative ratio); strip_ended says why
    const noCe = stripped < 0 || sSteps.some((x) => x.ended === 'box_full');
    if (noCe) undefinedCe.add(c);
    const endP = pSteps[pSteps.length - 1]!, endS = sSteps[sSteps.length - 1]!;
    const sym = symOf(), hp = halfOverpotentials(sym, trace, piecesOf(p), plateauFrom), hs = halfOverpotentials(sym, trace, piecesOf(s), plateauFrom);
    // inventory window: from the end of the previous cycle's strip (the first cycle: of the step before its plating
    // half) to the end of this strip, so that the cycles tile the run; the rests in it that are in neither half
    const w0 = prevEnd !== undefined ? prevEnd + 1 : pSteps[0]!.index;
    const before = byIndex.get(w0 - 1);
    const sei0 = before?.modules?.sei_bound_voxels ?? 0, sei1 = endS.modules?.sei_bound_voxels ?? 0;
    const dead0 = before ? before.dead_voxels : 0, conn0 = before ? before.connected_voxels : sim.initialMetal;
    const seiV = sei1 - sei0, deadV = endS.dead_voxels - dead0, retV = endS.connected_voxels - conn0;
    const inHalves = new Set([...pSteps, ...sSteps].filter((x) => x.kind !== 'rest').map((x) => x.index));
    let restV = 0;
    for (let k = w0; k <= endS.index; k++) if (!inHalves.has(k)) restV += byIndex.get(k)?.net_voxels ?? 0;
    prevEnd = endS.index;
    c++;
    cycles.push({
      cycle: c,
      protocol_cycle: sim.trace.cycle[p.start]!,
      plated_C_per_cm2: plated * q,
      stripped_C_per_cm2: stripped * q,
      plated_mAh_per_cm2: (plated * q) / C_PER_MAH,
      stripped_mAh_per_cm2: (stripped * q) / C_PER_MAH,
      plated_voxels: plated,
      stripped_voxels: stripped,
      ce: noCe ? NaN : point.ce,
      ce_voxels: plated > 0 && !noCe && !point.partial ? stripped / plated : NaN,
      dead_voxels: endS.dead_voxels,
      dead_metal_fraction: platedSoFar > 0 ? endS.dead_voxels / platedSoFar : NaN,
      connected_voxels: endS.connected_voxels,
      porosity: endP.porosity,
      rms_roughness_nm: endP.rms_roughness_nm,
      mean_plating_overpotential_mV: hp.mean_V * 1e3,
      mean_stripping_overpotential_mV: hs.mean_V * 1e3,
      plating_plateau_mV: hp.plateau_V * 1e3,
      stripping_plateau_mV: hs.plateau_V * 1e3,
      // a strip cut in a rest between its pieces: the rest's ending last (`charge+event_limit`), which says why it has no CE
      strip_ended: [...sSteps.map((x) => x.ended), ...(cutInRest && j + 1 === segs.length - 1 ? [final!.ended] : [])].join('+'),
      sei_bound_voxels: seiV,
      dead_formed_voxels: deadV,
      retained_voxels: retV,
      rest_voxels: restV,
      sei_C_per_cm2: seiV * q,
      dead_C_per_cm2: deadV * q,
      sei_mAh_per_cm2: (seiV * q) / C_PER_MAH,
      dead_mAh_per_cm2: (deadV * q) / C_PER_MAH,
      sei_charge_fraction: plated > 0 ? seiV / plated : NaN,
      dead_charge_fraction: plated > 0 ? deadV / plated : NaN,
      active_sac_fraction: endS.modules?.active_sac_fraction ?? 1,
      ...deadClusterColumns(endS),
    });
  }
  const last = sim.stepResults[sim.stepResults.length - 1];
  const dead = last ? last.dead_voxels : sim.app.deadCount;
  const summary: CycleSummary = {
    cycles,
    // a cycle whose strip the run's cut ended (lastHalfCut) is left out of the mean, as `analyze` leaves it out of its mean CE
    average_ce: averageCe(ce.cycles.map((x, i) => (undefinedCe.has(i) ? NaN : x.ce)), cutLast),
    // completed cycles only: not one whose strip the run's cut ended (review61's rule; until mends76 it was counted)
    cycles_completed: cutLast && segs[segs.length - 1]?.sign === 1 ? Math.max(0, cycles.length - 1) : cycles.length,
    dead_metal_fraction: platedTotal > 0 ? dead / platedTotal : 0,
    plated_voxels_total: platedTotal,
    stripped_voxels_total: strippedTotal,
    sei_charge_fraction: platedTotal > 0 && last?.modules ? (last.modules.sei_bound_voxels ?? 0) / platedTotal : 0,
    active_sac_fraction: last?.modules?.active_sac_fraction ?? 1,
  };
  // a run that strips first: cycles.csv's pairing is not analyze's (mends93), said where the run is reported
  const sf = stripFirstPairing(segs.map((x) => x.sign));
  if (sf) summary.strip_first = sf;
  const block = aurbachBlock(sim.run.protocol);
  if (block) {
    try {
      // n from the protocol: the trace's own detection walks back over strip/plate pairs of equal charge, and the
      // plates of a CCCV block (Plate, then a Hold until a current or a time) do not pass equal charges: it took the
      // last plate for the reservoir (n 0, CE 8.4 for 0.75 by voxels, cccvcycles)
      const a = aurbachCe(trace, { n: block.repeat });
      summary.aurbach = { ...a, ce_voxels: aurbachVoxels(sim) };
      // the per-pair CEs of a reservoir protocol (Q_C/Q_T, 1, ..., Q_S/Q_C) do not average to
      // anything meaningful: its average CE is the Aurbach one
      summary.average_ce = a.ce_avg;
      // what each row of cycles.csv is in this protocol (its first and last "CE" are charge ratios)
      summary.cycles.forEach((c, i, all) => {
        c.role = i === 0 ? 'reservoir Q_T plated + first Q_C stripped: ce = Q_C/Q_T, a charge ratio, not an efficiency'
          : i === all.length - 1 ? 'last Q_C plated + final strip to the cut-off: ce = Q_S/Q_C, a charge ratio, not an efficiency'
            : 'Q_C plated + Q_C stripped: ce = 1 unless the strip ended early; the protocol CE is aurbach_ce in metrics.json';
      });
    } catch { /* the run did not reach the final strip (cancelled, box full): no Aurbach CE */ }
  }
  return summary;
}

/**
 * The mean and plateau overpotential (V) of a physical half cycle from analyzeSymmetric's half cycles (one per piece
 * between rests): one piece's own values; over pieces, the mean weighted by their durations and the plateau read over
 * the whole half, the median of V on the half's side of 0 V (onSide: |V| on its own side, negative on the other; mends116)
 * over the later part of its time under current (analysis/symmetric.ts wholePlateau, the
 * one `analyze RUN/eta.csv` reads: until mends88 it was the last piece's, so the run and its analysis differed there).
 */
function halfOverpotentials(sym: ReturnType<typeof analyzeSymmetric>, trace: Trace, pieces: HalfCycle[], plateauFrom: number): { mean_V: number; plateau_V: number } {
  const hc = pieces.map((x) => sym.half_cycles[x.index]!);
  if (hc.length === 1) return hc[0]!;
  let w = 0, m = 0;
  for (const h of hc) { const d = h.t1_s - h.t0_s; w += d; m += h.mean_V * d; }
  return { mean_V: w > 0 ? m / w : NaN, plateau_V: wholePlateau(trace.time_s, trace.voltage_V, pieces, plateauFrom) };
}

/**
 * The dead-cluster columns of a cycle from its last step's figures: the SEI module's count, or
 * the step's own (Simulation.endFigures counts them when there is dead metal and no module did).
 * A count is 0 when there is nothing to count; a mean over no clusters has no value (NaN, an
 * empty cell), not 0.
 */
function deadClusterColumns(endS: StepResult): Pick<CycleRecord, 'dead_clusters' | 'dead_cluster_mean_voxels' | 'dead_cluster_max_voxels'> {
  const m = endS.modules;
  const own = endS.dead_clusters; // counted at the step's end where no module counted them (runs without an SEI)
  const count = m?.dead_clusters ?? own?.count ?? (endS.dead_voxels === 0 ? 0 : NaN);
  return {
    dead_clusters: count,
    dead_cluster_mean_voxels: count > 0 ? m?.dead_cluster_mean_voxels ?? own?.mean_voxels ?? NaN : NaN,
    dead_cluster_max_voxels: m?.dead_cluster_max_voxels ?? own?.max_voxels ?? (count === 0 ? 0 : NaN),
  };
}

/**
 * (n Q_C + Q_S) / (n Q_C + Q_T) from voxel counts of the protocol's own steps, each of Q_T, Q_C and Q_S the net of a
 * half cycle's steps (consecutive non-rest steps of one kind: a CCCV plate's Plate and Hold are one Q_C).
 */
function aurbachVoxels(sim: Simulation): number {
  const halves: { kind: StepResult['kind']; cycle: number; net: number }[] = [];
  for (const r of sim.stepResults) {
    if (r.kind === 'rest') continue;
    const last = halves[halves.length - 1];
    if (last && last.kind === r.kind) last.net += r.net_voxels;
    else halves.push({ kind: r.kind, cycle: r.cycle, net: r.net_voxels });
  }
  const fin = halves[halves.length - 1];
  if (!fin || fin.kind !== 'strip') return NaN;
  // the reservoir: the last plating before the first half of the repeat block (cycle > 0)
  const firstRepeat = halves.findIndex((r) => r.cycle > 0 && r.cycle !== fin.cycle);
  if (firstRepeat < 1) return NaN;
  const reservoir = halves[firstRepeat - 1]!;
  const block = halves.slice(firstRepeat, halves.length - 1);
  const plates = block.filter((r) => r.kind === 'plate');
  const n = plates.length;
  const qc = n > 0 ? plates.reduce((a, r) => a + r.net, 0) / n : 0;
  const qs = -fin.net, qt = reservoir.net;
  // a strip of the block that stopped short of Q_C (its cut-off; the charge rule of aurbachCe, tolerance 0.05) counts
  // as what it stripped, not Q_C (seiaudit)
  const shortV = block.reduce((a, r) => (r.kind === 'strip' && -r.net < 0.95 * qc ? a + (qc + r.net) : a), 0);
  return (n * qc - shortV + qs) / (n * qc + qt);
}
