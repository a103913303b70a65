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
 * cumulative count keeps the step's total exact). Each on time is a galvanostatic step of that
 * many net voxels, on the galvanostat's clock (its duration is charge / I); a pulse whose share is
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
 * Checkpoints are not written inside a pulse step (a sub-step's loop state cannot resume the
 * train): a checkpointed run resumes from the last one before the pulse step or after it.
 */
import type { ProtocolStep } from '../input/types.js';
import type { FlatStep, Simulation, SimulationOptions, StepResult, TraceColumns } from './simulation.js';

/** What the last pulse step of a simulation did in its rests (for studies and tests). */
export interface PulseStats {
  /** pulses of the train, and rests run between them */
  pulses: number;
  rests: number;
  /** events in the rests (hops, reductions, oxidations, rejected draws) */
  restEvents: number;
  /** net voxels deposited during the rests (open circuit: about 0; the next on time makes up any drift) */
  restNet: number;
  /** net voxels the on times passed */
  onNet: number;
  /** total off time, s (kMC clock) */
  offTime_s: number;
}

const STATS = new WeakMap<Simulation, Map<number, PulseStats>>();

/** The rest statistics of a pulse step of the simulation (by its flat index; default: the last one run), or undefined. */
export function pulseStats(sim: Simulation, index?: number): PulseStats | undefined {
  const m = STATS.get(sim);
  if (!m) return undefined;
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
 * Simulation.runStep for a pulse step that is not resumed.
 */
export function runPulseStep(sim: Simulation, fs: FlatStep, opts: SimulationOptions): StepResult {
  const step = fs.step, pulse = step.pulse!;
  const q = sim.d.q_C, area = sim.d.area_m2;
  const I_A = step.current_A_per_m2 * area;
  const charges: number[] = [];
  if (step.duration_s !== undefined) charges.push(I_A * step.duration_s);
  if (step.charge_C_per_m2 !== undefined) charges.push(step.charge_C_per_m2 * area);
  const Q = Math.min(...charges); // C in the box (the parser requires a charge)
  const target = Math.max(1, Math.round(Q / q));
  const perPulse = I_A * pulse.on_s;
  const pulses = Math.max(1, Math.ceil(Q / perPulse - 1e-9));
  const t0 = sim.time, k0 = sim.kmcTime, e0 = sim.events, net0 = sim.netVoxels, row0 = sim.trace.time_s.length;
  // sub-steps get no checkpoints and no step-end callback; progress is reported against the whole train
  const sub: SimulationOptions = { ...opts };
  delete sub.checkpoint; delete sub.onStepEnd;
  const report = opts.onProgress;
  if (report) {
    sub.onProgress = (p) => {
      const frac = Math.min(1, Math.max(0, sim.netVoxels - net0) / target);
      report({ ...p, stepFraction: frac, fraction: (fs.index + frac) / sim.steps.length });
    };
  }
  const rest = restStep(step);
  let last: StepResult | undefined;
  let ended: StepResult['ended'] = 'charge';
  const stats: PulseStats = { pulses, rests: 0, restEvents: 0, restNet: 0, onNet: 0, offTime_s: 0 };
  if (!STATS.has(sim)) STATS.set(sim, new Map());
  STATS.get(sim)!.delete(fs.index);
  STATS.get(sim)!.set(fs.index, stats);
  let passed = 0; // voxels the on times have asked for so far (cumulative rounding)
  for (let k = 1; k <= pulses; k++) {
    const cum = k === pulses ? target : Math.min(target, Math.round(Math.min(k * perPulse, Q) / q));
    const n = cum - passed;
    if (n > 0) {
      // the box's net count may have moved during the rests (exchange): the on time tops it up to cum
      const need = cum - (sim.netVoxels - net0);
      if (need > 0) {
        last = sim.runStep({ ...fs, step: onStep(step, need, q, area) }, sub);
        stats.onNet += last.net_voxels;
        if (last.ended !== 'charge') { ended = last.ended; break; }
      }
      passed = cum;
    }
    if (k === pulses) break;
    const r0 = sim.trace.time_s.length;
    const tr0 = sim.time, kr0 = sim.kmcTime;
    last = sim.runStep({ ...fs, step: rest }, sub); // open circuit, as every rest (step-parts.ts)
    if (last.ended === 'stalled') {
      // nothing could happen in the box (no event with a positive rate): the rest's clock just runs
      sim.time = tr0 + pulse.off_s; sim.kmcTime = kr0 + pulse.off_s;
      last = { ...last, ended: 'time', duration_s: pulse.off_s, kmc_duration_s: pulse.off_s };
    }
    stats.rests++; stats.restEvents += last.events; stats.restNet += last.net_voxels; stats.offTime_s += last.kmc_duration_s;
    thinRest(sim.trace, r0, sim.trace.time_s.length);
    if (last.ended !== 'time') { ended = last.ended; break; }
  }
  if (!last) last = sim.runStep({ ...fs, step: rest }, sub);
  const net = sim.netVoxels - net0;
  return {
    ...last,
    index: fs.index, cycle: fs.cycle, half_cycle: fs.half_cycle, text: step.text, kind: step.kind,
    charge_C_per_cm2: (net * q) / (area * 1e4),
    net_voxels: net,
    duration_s: sim.time - t0,
    kmc_duration_s: sim.kmcTime - k0,
    events: sim.events - e0,
    ended,
    samples: [row0, sim.trace.time_s.length],
  };
}
