/**
 * A `Rest for ...` step with ion walkers (`cell: { transport: walkers }`): open circuit, no current
 * (none enters, none drifts, none is reduced). Walkers reduce at first contact and carry no reaction
 * kinetics, so nothing on the lattice changes in a rest; what moves is the ions in flight:
 *  - walkers one at a time (no `cell.drift`): each walker is walked until it sticks, so there is no
 *    ion in flight between two arrivals; the rest is its clock;
 *  - walkers on a clock (`cell.drift`, simulation/drift-walker-step.ts): the ions in flight at the end
 *    of the previous step keep diffusing for the rest's duration (duration / tau sweeps, tau =
 *    a^2 / (2 d D)), and the next step starts with them where they are (walkersInFlight).
 * A galvanostatic step given by a time whose charge is below half a voxel of the box runs as a rest
 * too (walker-step.ts; input/limits.ts galvanostaticTarget): no walker enters for it and none is
 * reduced (the step passes under half an ion), but its current flows: with `cell.drift` the ions in
 * flight drift in its field as in a plating step (before mends37 they diffused without drift); its
 * trace rows carry its current (`jGalv`, the cycler's sign).
 * The clock (reported and kMC) runs to the rest's end. A cancel is looked at the rest's start (a
 * checkpoint, when asked for, is then written before the rest) and, on a clock, as the walkers rest, with a
 * progress report (its seconds of the rest's) at the first look and then at most every REPORT_MS of wall time:
 * a `Rest for 20 s` (10 s of walking) printed no progress line at all until review37. The trace gets a row at the rest's start and
 * at its end: zero current (a sub-voxel step: its own), the overpotential not modelled (NaN, as in
 * every walker step); the cell voltage's counter and ohmic parts are those of that current.
 */
import type { Simulation, FlatStep, SimulationOptions, StepResult } from './simulation.js';
import { beginWalkerStep, endWalkerStep, walkerProgress } from './walker-step.js';
import { restInFlightWalkers } from './drift-walker-step.js';
import { stepProgress } from './progress.js';

/** What the last walker rest of a simulation did (for tests and metrics). */
export interface WalkerRestStats { sweeps: number; steps: number; tau_s: number }
const STATS = new WeakMap<Simulation, WalkerRestStats>();
export function walkerRestStats(sim: Simulation): WalkerRestStats | undefined { return STATS.get(sim); }

export function runWalkerRest(sim: Simulation, fs: FlatStep, opts: SimulationOptions, addSteps: (n: number) => void, jGalv = 0): StepResult {
  const duration = fs.step.duration_s ?? 0;
  const cancelled = opts.signal?.aborted === true;
  // a cancel at the rest's start keeps the run as it stands before the rest (the resumed run runs it whole)
  if (cancelled && opts.checkpoint) {
    sim.nextStep = fs.index; sim.wall_s = sim.wallSoFar();
    opts.checkpoint.write(sim, {
      index: fs.index, sampleIndex0: sim.trace.time_s.length, startTime: sim.time, startKmc: sim.kmcTime, startNet: sim.netVoxels, startEvents: sim.events,
      nextSampleCount: 0, nextSampleTime: 0, winEtaDt: 0, winDt: 0, stepNet: 0, maxProgress: 0, openRow: -1, lastRowNet: sim.netVoxels, lastRowTime: sim.kmcTime, exact: true,
    });
  }
  const st = beginWalkerStep(sim, fs, 0, 1, jGalv);
  if (cancelled) return { ...endWalkerStep(sim, fs, st, 0, true, null, Infinity).result };
  if (sim.run.transport?.drift) {
    // a Rest step's current is 0 (no drift); a sub-voxel plating step's flows (drift). A cancel is looked at as the
    // walkers rest (it was not: a long rest ran whole, and a run whose last step it was ended as finished; mends45);
    // stopped there, the rest ends at the sweeps it ran and no checkpoint is written (the last one, from before the
    // rest, stays: --resume runs the rest whole from there, as after a hard kill)
    const r = restInFlightWalkers(sim, duration, fs.step.kind === 'plate' ? fs.step.current_A_per_m2 : 0, restLook(sim, fs, opts, duration));
    STATS.set(sim, r);
    addSteps(r.steps);
    if (r.cancelled) {
      sim.time = st.startTime + r.sweeps * r.tau_s;
      sim.kmcTime = st.startKmc + r.sweeps * r.tau_s;
      return endWalkerStep(sim, fs, st, 0, true, null, Infinity).result;
    }
  }
  sim.time = st.startTime + duration;
  sim.kmcTime = st.startKmc + duration;
  const end = endWalkerStep(sim, fs, st, 0, false, null, Infinity).result;
  return { ...end, ended: 'time' };
}

/** least wall time between two progress reports of a walker rest, ms (its looks come every few ms) */
const REPORT_MS = 100;

/**
 * What a walker rest on a clock looks at between its blocks of walking, handed the rest's seconds so far: a
 * progress report to opts.onProgress (the rest's time against its duration, the run's events unchanged) and
 * whether the run is cancelled. Undefined when nobody listens (no signal, no onProgress).
 */
function restLook(sim: Simulation, fs: FlatStep, opts: SimulationOptions, duration_s: number): ((elapsed_s: number) => boolean) | undefined {
  const signal = opts.signal, report = opts.onProgress;
  if (!signal && !report) return undefined;
  const mark = sim.progressMark();
  // the rate's mark is the rest's own, from its start: the run's mark (the last report's) made the rest's first
  // report carry the plate's events since its last report in its events_per_s (until mends48)
  const own = { events: sim.events, wall: performance.now() };
  let last = -Infinity;
  return (elapsed_s) => {
    const now = performance.now();
    if (report && now - last >= REPORT_MS) {
      last = now;
      report(walkerProgress(sim, fs, stepProgress(elapsed_s, duration_s, 's'), sim.events, sim.netVoxels, own, now));
      mark.events = own.events = sim.events; mark.wall = own.wall = now;
    }
    return signal?.aborted === true;
  };
}
