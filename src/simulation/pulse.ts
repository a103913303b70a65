/**
 * Pulse plating with live rests: "Pulse at 600 mA/cm2 for 150 ms, rest 150 ms, 0.2 mAh/cm2".
 *
 * A pulse step alternates galvanostatic on times and rests at open circuit. Before this file the
 * plating loop ran a pulse as one galvanostatic step on a longer clock: the off times were added
 * to the reported time, the concentration field relaxed over them, and the lattice was frozen (no
 * hop, no exchange, the double layer held at the pulse's overpotential). At open circuit a real
 * electrode keeps going: adatoms hop, the metal exchanges with the electrolyte (reduction and
 * oxidation at equal mean rates, oxidation fastest where an atom has fewest bonds), and the double
 * layer discharges towards the open-circuit potential. So here each off time is a rest step of the
 * plating loop (`Simulation.runStep` with a 'rest' step: zero applied current, the double layer
 * relaxing, every event type running, the field relaxing on the kMC clock with the ions that the
 * exchange takes and releases), exactly as a `Rest for ...` step of a protocol.
 *
 * Charge. The on times pass the step's charge in pulses of I t_on; the box's share of pulse k is
 * the difference of the rounded cumulative counts, round(min(k I t_on, Q) / q) - round(min((k-1)
 * I t_on, Q) / q) voxels (a box of a few hundred sites may take 0, 1 or 2 voxels in one pulse; the
 * cumulative count keeps the on times' total exact). Each on time is a galvanostatic step of that
 * many net voxels (its own share, not a top-up of the box: since branch review55), on the
 * galvanostat's clock (its duration is charge / I); the box ends at the charge plus what the rests
 * left (pulseStats().restNet: their open-circuit drift, held to the train's count); a pulse whose share is
 * zero voxels passes no charge in this box and takes no time on that clock. Between two pulses the
 * off time runs on the kMC clock. The step's reported duration is therefore the charge / I plus
 * (number of pulses - 1) off times: the step ends with the last on time (as a cycler's step ends
 * when its charge has passed), and the average current is Q / duration.
 *
 * Trace: every on time opens a row (its start, at the on current) and ends with one; of a rest's
 * rows (a rest samples every 1/200 of its time) the first, the middle and the last are kept, so
 * the relaxation of the overpotential shows and a train of thousands of pulses stays small.
 * The step is one StepResult (charge, events, durations over all its pulses and rests).
 *
 * Checkpoints. The sub-steps write them as any step does (periodic and at a cancel); the train's
 * own loop state (`PulseTrainState`: pulse index, on time or rest, voxels passed, the on time's
 * size, the step's start clocks and counters, the rest's first trace row for the thinning) rides
 * in the checkpoint's loop state beside the sub-step's (`StepState.pulse`); the rest statistics are
 * a field of the Simulation (`pulseRests`), saved with the engine state like the lattice. A
 * resume re-enters the train at the same pulse and sub-step with the sub-step's saved loop state,
 * so that a pulse study of thousands of pulses can be stopped and resumed exactly
 * (test/checkpoint-pulse.test.ts).
 *
 * Cancel. The train looks at the cancel flag before each sub-step it starts (mends61b): a rest that ends by its clock
 * drops a cancel it saw (Simulation.runSubStep: the next step's first look is meant to see it), so a train of pulses
 * that pass no voxel of the box with rests that have no event (an empty host: nothing can react) ran on deaf to Ctrl-C
 * until a sub-step had an event (robust61). A cancel seen there ends the step `cancelled` and its checkpoint is the
 * train's state at that boundary (`PulseTrainState.between`, beside a fresh loop state of the step); the resume starts
 * the next sub-step as the uninterrupted train does.
 */
import type { ProtocolStep } from '../input/types.js';
import type { FlatStep, Simulation, SimulationOptions, StepCore, StepResult, StepState, TraceColumns } from './simulation.js';
import { stepProgress, voxelsToMAhPerCm2 } from './progress.js';
import { traceRowsEdited } from './trace-mah.js';
import { galvanostaticTarget, stepCharge_C } from '../input/limits.js';

/** What the last pulse step of a simulation did in its rests (for studies and tests). */
export interface PulseStats {
  /** pulses of the train, and rests run between them */
  pulses: number;
  rests: number;
  /** events in the rests (hops, reductions, oxidations, rejected draws) */
  restEvents: number;
  /** net voxels deposited during the rests (open circuit: about 0; held to the train's count, the drift that is left stays in the box) */
  restNet: number;
  /** net voxels the on times passed */
  onNet: number;
  /** total off time, s (kMC clock) */
  offTime_s: number;
}

/**
 * The loop state of a pulse train between two events (saved in a checkpoint's loop state,
 * `StepState.pulse`, beside the sub-step's own): enough to re-enter the train where it stopped.
 */
export interface PulseTrainState {
  /** the pulse being run (1-based) and which part of it: its on time or the rest after it */
  k: number;
  phase: 'on' | 'rest';
  /** voxels the on times have asked for so far (cumulative rounding), and the running on time's net voxels */
  passed: number;
  need: number;
  /** the step's start: reported and kMC clocks, events, net voxels, first trace row */
  t0: number; k0: number; e0: number; net0: number; row0: number;
  /** the running rest's first trace row (thinned when it ends) and its start clocks */
  r0: number; tr0: number; kr0: number;
  /** written by a cancel between two sub-steps (mends61b): no sub-step was running, the resume starts the next one afresh */
  between?: true;
}

/** The rest statistics of a pulse step of the simulation (by its flat index; default: the last one run), or undefined. */
export function pulseStats(sim: Simulation, index?: number): PulseStats | undefined {
  const m = sim.pulseRests;
  return index !== undefined ? m.get(index) : [...m.values()].pop();
}

/** The rest steps of a pulse with off time off_s: the same as a protocol's `Rest for ...`. */
function restStep(step: ProtocolStep): ProtocolStep {
  return { kind: 'rest', control: 'rest', current_A_per_m2: 0, duration_s: step.pulse!.off_s, text: step.text };
}

/** The on time of a pulse that passes n net voxels of the box. */
function onStep(step: ProtocolStep, n: number, q_C: number, area_m2: number): ProtocolStep {
  const on: ProtocolStep = { ...step, control: 'galvanostatic', charge_C_per_m2: (n * q_C) / area_m2 };
  delete on.pulse; delete on.duration_s;
  return on;
}

/** Removes trace rows [from, to) from every column. */
function dropRows(tr: TraceColumns, from: number, to: number): void {
  if (to <= from) return;
  for (const key of Object.keys(tr) as (keyof TraceColumns)[]) tr[key]?.splice(from, to - from);
  traceRowsEdited(tr); // the live trace's charge_mAh_per_cm2 is derived again (mends66: a cached array of the old rows)
}

/** Keeps the first, middle and last rows of [from, to). */
function thinRest(tr: TraceColumns, from: number, to: number): void {
  if (to - from <= 3) return;
  const mid = from + Math.floor((to - from) / 2);
  dropRows(tr, mid + 1, to - 1);
  dropRows(tr, from + 1, mid);
}

/**
 * Runs a pulse step (step.pulse set, galvanostatic plating) as on times and live rests. Called by
 * Simulation.runStep for a pulse step, fresh or resumed from a checkpoint written inside it
 * (`resume.pulse`: the train's state; the rest of `resume`: the sub-step's).
 */
export function runPulseStep(sim: Simulation, fs: FlatStep, opts: SimulationOptions, resume?: StepState): StepResult {
  const step = fs.step, pulse = step.pulse!;
  const q = sim.d.q_C, area = sim.d.area_m2;
  const I_A = step.current_A_per_m2 * area;
  const Q = stepCharge_C(step, I_A, area); // C in the box (the parser requires a charge)
  const { target } = galvanostaticTarget(step, I_A, area, q);
  const perPulse = I_A * pulse.on_s;
  const pulses = Math.max(1, Math.ceil(Q / perPulse - 1e-9));
  const saved = resume?.pulse;
  const tr: PulseTrainState = saved ? { ...saved } : {
    k: 1, phase: 'on', passed: 0, need: 0,
    t0: sim.time, k0: sim.kmcTime, e0: sim.events, net0: sim.netVoxels, row0: sim.trace.time_s.length,
    r0: 0, tr0: 0, kr0: 0,
  };
  // the statistics live in the simulation (saved with the engine state): a resumed train finds its own
  const stats: PulseStats = (saved && sim.pulseRests.get(fs.index)) || { pulses, rests: 0, restEvents: 0, restNet: 0, onNet: 0, offTime_s: 0 };
  sim.pulseRests.delete(fs.index);
  sim.pulseRests.set(fs.index, stats);
  // the sub-step to re-enter with its own loop state (once), when resuming
  let subResume: StepState | undefined;
  if (saved && !saved.between) { const { pulse: _p, ...rest } = resume!; subResume = rest; }
  delete tr.between;
  const take = () => { const r = subResume; subResume = undefined; return r; };
  const { net0 } = tr;
  // sub-steps get no step-end callback; progress is reported against the whole train; their
  // checkpoints carry the train's state beside theirs
  const sub: SimulationOptions = { ...opts };
  delete sub.checkpoint; delete sub.onStepEnd;
  const ck = opts.checkpoint;
  if (ck) sub.checkpoint = { every_s: ck.every_s, write: (s, st) => ck.write(s, { ...st, pulse: { ...tr } }) };
  const report = opts.onProgress;
  if (report) {
    sub.onProgress = (p) => {
      // the train's charge against its own (not the on time's), under the train's text
      const sp = stepProgress(voxelsToMAhPerCm2(Math.max(0, sim.netVoxels - net0), q, area), voxelsToMAhPerCm2(target, q, area), 'mAh/cm2');
      report({ ...p, stepText: step.text, stepFraction: sp.fraction, fraction: (fs.index + sp.fraction) / sim.steps.length, stepDone: sp.done, stepTarget: sp.target, stepUnit: sp.unit });
    };
  }
  const rest = restStep(step);
  let last: StepCore | undefined;
  let ended: StepResult['ended'] = 'charge';
  /** a cancel seen before a sub-step starts (not one resumed inside): the checkpoint of the train at this boundary */
  const cancelHere = (): boolean => {
    if (subResume !== undefined || opts.signal?.aborted !== true) return false;
    if (ck) {
      sim.nextStep = fs.index;
      sim.wall_s = sim.wallSoFar();
      ck.write(sim, { ...sim.initialState(fs), pulse: { ...tr, between: true } });
      sim.lastCheckpointWall = performance.now();
    }
    ended = 'cancelled';
    return true;
  };
  for (; tr.k <= pulses; tr.k++) {
    if (tr.phase === 'on' && cancelHere()) break;
    if (tr.phase === 'on') {
      const cum = tr.k === pulses ? target : Math.min(target, Math.round(Math.min(tr.k * perPulse, Q) / q));
      const n = cum - tr.passed;
      if (n > 0) {
        // the on time passes its own share, n voxels, whatever the rests left: a cycler's pulse passes I t_on. Until
        // branch review55 it topped the box up to cum (cum minus the box's count), so a box whose rests crept a voxel
        // ahead (their open-circuit drift, held at the train's count but biased cathodic) skipped its on times: on 8 x 8
        // voxels of 100 nm, 3 mA/cm2 1 ms / 3 ms, 0.01 mAh/cm2, seed 1, 26 of the 32 voxels came in the rests, the on
        // times passed 6 (applied charge 19 %) and the step's clock read 38.4 s for 48.2 s. The rests' drift is pulled
        // back to the train's count (restHoldNet below) and what it leaves is in pulseStats().restNet
        if (!subResume) tr.need = n;
        if (tr.need > 0) {
          last = sim.runSubStep({ ...fs, step: onStep(step, tr.need, q, area) }, sub, take());
          stats.onNet += last.net_voxels;
          if (last.ended !== 'charge') { ended = last.ended; break; }
        }
        tr.passed = cum;
      }
      if (tr.k === pulses) break;
      tr.phase = 'rest';
      tr.r0 = sim.trace.time_s.length;
      tr.tr0 = sim.time; tr.kr0 = sim.kmcTime;
      if (cancelHere()) break;
    }
    // open circuit, as every rest (step-parts.ts), its count held at what the on times have passed so far (not at the
    // rest's start: a box whose rests each drift by a fraction of a voxel would keep every drift)
    last = sim.runSubStep({ ...fs, step: rest }, { ...sub, restHoldNet: net0 + tr.passed }, take());
    tr.phase = 'on';
    if (last.ended === 'stalled') {
      // nothing could happen in the box (no event with a positive rate): the rest's clock just runs
      sim.time = tr.tr0 + pulse.off_s; sim.kmcTime = tr.kr0 + pulse.off_s;
      last = { ...last, ended: 'time', duration_s: pulse.off_s, kmc_duration_s: pulse.off_s };
    }
    stats.rests++; stats.restEvents += last.events; stats.restNet += last.net_voxels; stats.offTime_s += last.kmc_duration_s;
    thinRest(sim.trace, tr.r0, sim.trace.time_s.length);
    if (last.ended !== 'time') { ended = last.ended; break; }
  }
  if (!last && ended !== 'cancelled') last = sim.runSubStep({ ...fs, step: rest }, sub);
  const net = sim.netVoxels - net0;
  return {
    ...sim.stepCore(fs, net, { time: tr.t0, kmc: tr.k0, events: tr.e0, row: tr.row0 }, ended),
    // the lattice figures once, for the train's end (the sub-steps skip them: Simulation.runSubStep)
    ...sim.endFigures(),
  };
}
