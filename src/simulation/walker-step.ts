/**
 * Galvanostatic plating by discrete ion walkers (`cell: { transport: walkers }`): each voxel of the
 * step's charge is made by one lattice random walker (fields/walkers.ts), launched above the
 * deposit and reduced at its first contact with metal or host. This is the quasi-static,
 * transport-limited limit of plating (diffusion-limited aggregation on a substrate): every
 * arrival sticks (sticking probability 1), there is no surface diffusion, no oxidation and no
 * reaction kinetics. So:
 *  - the clock is the galvanostat's: a voxel's charge over the current, t = n q / I;
 *  - the working-electrode overpotential is not modelled: the trace's overpotential and cell
 *    voltage are NaN (written as empty cells / null); counter and ohmic parts follow the current;
 *  - a deposit that reaches the separator plane (`cell: { separator_distance }` inside the box)
 *    ends the step as a short circuit, with its time (`short_circuit_s` in metrics), as with the
 *    concentration field;
 *  - events are walker arrivals (one per voxel); the walkers' random-walk steps are reported in
 *    metrics (`walkers.steps`).
 * The protocol may hold galvanostatic plating steps and rests only (input/walker-run.ts says why the
 * others are refused; a rest: walker-rest.ts; a step given by a time whose charge is below half a
 * voxel runs as a rest at its current: input/limits.ts galvanostaticTarget). The lattice, outputs and the rest of a run are the engine's; after each step the
 * plating app is rebuilt from the lattice.
 * Checkpoints (walkers one at a time): at an arrival no walker is in flight, so `WalkerCheckpoint`
 * (the step's start, walkers reduced, random-walk steps) with the engine state resumes the step
 * exactly; the per-arrival hook writes them when due and at a cancel. Walkers on a clock take them at
 * sweep boundaries (drift-walker-step.ts; docs/engine.md, "Ion-walker steps").
 */
import type { Simulation, FlatStep, SimulationOptions, StepResult, StepState, ProgressInfo } from './simulation.js';
import { growByWalkers } from '../fields/walkers.js';
import { morphology } from '../metrics/morphology.js';
import { METAL } from '../lattice/voxel.js';
import { runDriftWalkerStep, driftWalkerStats } from './drift-walker-step.js';
import { runWalkerRest } from './walker-rest.js';
import { stepProgress, voxelsToMAhPerCm2, type StepProgress } from './progress.js';
import { CM2_PER_M2 } from '../units.js';
import { galvanostaticTarget } from '../input/limits.js';

/** per-simulation walker figures (a run with walkers has no concentration field object): a field of the Simulation, so that a checkpoint keeps them */
export interface WalkerFigures { steps: number; shortCircuit_s: number | null; }

function stateOf(sim: Simulation): WalkerFigures { return sim.walkerFigures; }

/**
 * Where a walker step (one at a time, no `cell.drift`) stood at a checkpoint: between two arrivals
 * no walker is in flight, so the step's start, the walkers reduced and the random-walk steps made
 * are its whole loop state (the lattice and the RNG are in the engine state).
 */
export interface WalkerCheckpoint { start: WalkerStepStart; n: number; steps: number }

/** voxel z of the separator plane when it lies in the box, else Infinity (as fields/transport.ts) */
export function separatorVoxZ(sim: Simulation): number {
  const spec = sim.run.transport;
  const nz = sim.run.lattice.size[2];
  if (!spec || spec.boundary !== 'separator') return Infinity;
  const z = Math.min(nz, Math.floor(sim.run.lattice.hostLayers + spec.distance_m / sim.run.lattice.voxel_m + 1e-9));
  return z < nz ? z : Infinity;
}

/** Metrics of a walker run (empty for other runs): the short-circuit time and the walkers' steps. */
export function walkerMetrics(sim: Simulation): { short_circuit_s?: number | null; walkers?: { random_walk_steps: number; steps_per_voxel: number; drift?: { tau_s: number; far_field_V_per_m: number; bias_per_hop: number; max_bias: number; potential_solves: number; in_flight_at_end: number } } } {
  if (sim.run.transport?.mode !== 'walkers') return {};
  const s = stateOf(sim);
  const d = driftWalkerStats(sim);
  return {
    short_circuit_s: s.shortCircuit_s,
    walkers: {
      random_walk_steps: s.steps, steps_per_voxel: sim.netVoxels > 0 ? s.steps / sim.netVoxels : 0,
      // walkers on a clock (cell.drift): the last step's sweep time, far field and bias, potential solves
      ...(d ? { drift: { tau_s: d.tau_s, far_field_V_per_m: d.E0_V_per_m, bias_per_hop: d.beta0, max_bias: d.maxBias, potential_solves: d.solves, in_flight_at_end: d.inFlight } } : {}),
    },
  };
}

/** Runs one galvanostatic plating step by walkers (or the rest of one, from a checkpoint's `resume.walker`). */
export function runWalkerStep(sim: Simulation, fs: FlatStep, opts: SimulationOptions = {}, resume?: StepState): StepResult {
  const { step } = fs;
  if (step.kind === 'rest') return runWalkerRest(sim, fs, opts, (n) => { stateOf(sim).steps += n; }); // open circuit (walker-rest.ts)
  if (step.control !== 'galvanostatic' || step.kind !== 'plate' || (step.pulse && !sim.run.transport?.drift)) {
    // parse.ts refuses these (input/walker-run.ts); a resolved run built by hand may still hold one
    throw new Error(`walker transport runs galvanostatic plating steps only, not "${step.text}"`);
  }
  const ws = stateOf(sim);
  const q = sim.d.q_C, area_m2 = sim.d.area_m2;
  const I_A = step.current_A_per_m2 * area_m2;
  // a step given by a time whose charge is below half a voxel (input/limits.ts galvanostaticTarget)
  // makes no walker: it runs as a rest to its time, at its current (walker-rest.ts), and the charge
  // it passed is not plated (a whole voxel would have taken q / I: 3.5e5 s at 1e-8 mA/cm2 on 8 x 8 Li atoms)
  const { target, byTime } = galvanostaticTarget(step, I_A, area_m2, q);
  if (byTime) return runWalkerRest(sim, fs, opts, (n) => { ws.steps += n; }, -step.current_A_per_m2);
  if (sim.run.transport?.drift) {
    // walkers on a clock, with drift while the current flows (drift-walker-step.ts)
    return runDriftWalkerStep(sim, fs, opts, (n, sc) => { ws.steps += n; if (sc !== null) ws.shortCircuit_s = sc; }, resume);
  }
  const [nx, ny, nz] = sim.run.lattice.size;
  const sampleCount = Math.max(1, Math.round((sim.run.output.sample_C_per_m2 * area_m2) / q));
  const jGalv = -step.current_A_per_m2; // cycler's sign: plating is cathodic
  const plane = separatorVoxZ(sim);
  const stopHeight = Math.min(plane - 1, nz - 2);

  const saved = resume?.walker;
  const st = saved ? saved.start : beginWalkerStep(sim, fs, target, sampleCount, jGalv);
  const clock = (n: number) => { sim.time = st.startTime + (n * q) / I_A; sim.kmcTime = st.startKmc + (n * q) / I_A; };
  // checkpoints at an arrival (periodic and at a cancel): the step's loop state rides in the loop state's `walker`
  const ck = opts.checkpoint;
  const write = ck ? (n: number, steps: number) => {
    clock(n); sim.netVoxels = st.startNet + n; sim.events = st.startEvents + n; sim.nextStep = fs.index; sim.wall_s = sim.wallSoFar();
    const state: StepState = {
      index: fs.index, sampleIndex0: st.sampleIndex0, startTime: st.startTime, startKmc: st.startKmc, startNet: st.startNet, startEvents: st.startEvents,
      nextSampleCount: 0, nextSampleTime: 0, winEtaDt: 0, winDt: 0, stepNet: n, maxProgress: n, openRow: -1, lastRowNet: sim.netVoxels, lastRowTime: sim.kmcTime,
      exact: true, walker: { start: { ...st }, n, steps },
    };
    ck.write(sim, state);
  } : undefined;
  const hook = walkerArrivals(sim, fs, opts, st, write && ck ? { every_s: ck.every_s, write } : undefined);
  // one call for the whole step (each call scans the lattice once); rows, progress and the cancel
  // check happen from the per-arrival callback
  const g = target <= 0 ? null : growByWalkers(sim.app.code, [nx, ny, nz], sim.rng, {
    particles: target, stopHeight,
    onStick: (_v, n, _z, steps) => hook.arrive(n, () => clock(n), steps),
    ...(saved ? { from: { particles: saved.n, steps: saved.steps } } : {}),
    // sealed_pores void: the liquid a reduction seals off is VOID at once (branch voidwalk; it changes no walk)
    ...(sim.app.liquid ? { liquid: sim.app.liquid } : {}),
  });
  const done = g?.particles ?? 0;
  ws.steps += g?.steps ?? 0;
  sim.app.voidSealed += g?.sealed ?? 0;
  clock(done);
  const end = endWalkerStep(sim, fs, st, done, hook.cancelled(), g, plane);
  if (end.shortCircuit_s !== null) ws.shortCircuit_s = end.shortCircuit_s;
  return end.result;
}

/** What a walker step knows at its start (both kinds of walkers: this file and drift-walker-step.ts). */
export interface WalkerStepStart {
  startTime: number; startKmc: number; startNet: number; startEvents: number; sampleIndex0: number; startMaxZ: number;
  target: number; sampleCount: number; jGalv: number;
}

/** Records the step's start and writes its first trace row. */
export function beginWalkerStep(sim: Simulation, fs: FlatStep, target: number, sampleCount: number, jGalv: number): WalkerStepStart {
  const st = {
    startTime: sim.time, startKmc: sim.kmcTime, startNet: sim.netVoxels, startEvents: sim.events,
    sampleIndex0: sim.trace.time_s.length, startMaxZ: sim.app.maxMetalZ, target, sampleCount, jGalv,
  };
  sim.pushRow(fs, sim.time, NaN, jGalv);
  return st;
}

/**
 * A walker step's progress report (walkerArrivals' and a walker rest's): its step's part `sp`, the events and net
 * voxels so far, events per second since `mark`; no overpotential (NaN: not modelled in walker steps). A rest's is
 * marked `resting` (no event in it: its lines say so in place of "0 events/s").
 */
export function walkerProgress(sim: Simulation, fs: FlatStep, sp: StepProgress, events: number, netVoxels: number,
  mark: { events: number; wall: number }, now: number): ProgressInfo {
  const dt = (now - mark.wall) / 1000;
  return {
    step: fs.index, steps: sim.steps.length, stepFraction: sp.fraction, fraction: (fs.index + sp.fraction) / sim.steps.length,
    stepText: fs.step.text, stepDone: sp.done, stepTarget: sp.target, stepUnit: sp.unit, first_passage_exits: sim.app.lone?.stats.exits ?? 0,
    events, events_per_s: dt > 0 ? (events - mark.events) / dt : 0,
    charge_C_per_cm2: (netVoxels * sim.d.q_C) / (sim.d.area_m2 * CM2_PER_M2), overpotential_mV: NaN,
    ...(fs.step.kind === 'rest' ? { resting: true as const } : {}),
  };
}

/**
 * The per-arrival hook of a walker step: a trace row every sampleCount arrivals (after `setClock`
 * has moved the clock to that arrival), and every progressEvery arrivals of the run the cancel check,
 * the progress report and, with `checkpoint` (walkers one at a time), a checkpoint when due and at a
 * cancel. `arrive` returns true to stop; `cancelled()` says whether the signal stopped it.
 * The arrivals are counted from the run's progress mark (Simulation.progressMark, runAll's across its
 * steps): counted from each step's start (until mends44), a run of steps shorter than progressEvery
 * never reported and never saw a cancel (Ctrl-C let `sacplate simulate` run to its end).
 */
export function walkerArrivals(sim: Simulation, fs: FlatStep, opts: SimulationOptions, st: WalkerStepStart,
  checkpoint?: { every_s: number; write: (n: number, steps: number) => void }) {
  const q = sim.d.q_C, area_m2 = sim.d.area_m2;
  const { target, sampleCount, startNet, startEvents, jGalv } = st;
  const progressEvery = Math.max(1, Math.min(sampleCount, 2000));
  const mark = sim.progressMark();
  let cancelled = false;
  return {
    cancelled: () => cancelled,
    arrive(n: number, setClock: () => void, steps = 0): boolean {
      if (n % sampleCount === 0 && n < target) { setClock(); sim.netVoxels = startNet + n; sim.pushRow(fs, sim.time, NaN, jGalv); }
      const events = startEvents + n;
      if (events - mark.events >= progressEvery) {
        if (opts.signal?.aborted) { cancelled = true; checkpoint?.write(n, steps); return true; }
        if (checkpoint && performance.now() - sim.lastCheckpointWall >= checkpoint.every_s * 1000) { checkpoint.write(n, steps); sim.lastCheckpointWall = performance.now(); }
        const now = performance.now();
        if (opts.onProgress && target < Infinity) {
          const sp = stepProgress(voxelsToMAhPerCm2(n, q, area_m2), voxelsToMAhPerCm2(target, q, area_m2), 'mAh/cm2');
          opts.onProgress(walkerProgress(sim, fs, sp, events, startNet + n, mark, now));
        }
        mark.events = events; mark.wall = now;
      }
      return false;
    },
  };
}

/**
 * Ends a walker step after `done` reductions (the clock already moved): how it ended (a deposit at
 * the separator plane is a short circuit, with its time), the last trace row, the app rebuilt from
 * the lattice the walkers wrote, and the step's result.
 */
export function endWalkerStep(
  sim: Simulation, fs: FlatStep, st: WalkerStepStart, done: number, cancelled: boolean,
  growth: { ended: string; maxZ: number } | null, plane: number,
): { result: StepResult; shortCircuit_s: number | null } {
  sim.netVoxels = st.startNet + done;
  sim.events = st.startEvents + done;
  sim.app.counters.reductions += done;
  let ended: StepResult['ended'] = 'charge';
  let shortCircuit_s: number | null = null;
  if (cancelled) ended = 'cancelled';
  else if (growth?.ended === 'height') {
    if (growth.maxZ >= plane - 1) { ended = 'short_circuit'; shortCircuit_s = sim.time; } else ended = 'box_full';
  }
  sim.pushRow(fs, sim.time, NaN, st.jGalv);
  // the app's event tables and counts follow the lattice again (the walkers wrote into it)
  sim.rebuild();
  sim.app.maxMetalZ = Math.max(sim.app.maxMetalZ, st.startMaxZ, growth?.maxZ ?? 0);
  const app = sim.app;
  const morph = morphology(sim.grid, { hostTopZ: sim.d.hostTopZ, foil: sim.d.hostCode === METAL });
  const net = sim.netVoxels - st.startNet;
  return {
    shortCircuit_s,
    result: {
      ...sim.stepCore(fs, net, { time: st.startTime, kmc: st.startKmc, events: st.startEvents, row: st.sampleIndex0 }, ended),
      connected_voxels: app.metalCount - app.deadCount, dead_voxels: app.deadCount,
      porosity: morph.porosity, rms_roughness_nm: morph.rms_roughness_nm, mean_height_nm: morph.mean_height_nm,
    },
  };
}
