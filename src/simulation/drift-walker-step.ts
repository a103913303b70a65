/**
 * Galvanostatic plating, DC or pulsed, by ion walkers on a clock (`cell: { transport: walkers,
 * drift: ... }`; fields/drift-walkers.ts). The walkers' own clock is the time: one sweep (every
 * walker hops once) is tau = a^2 / (2 d D), D the electrolyte's diffusion coefficient. While the
 * current I flows, walkers enter at I / q per second (q: one voxel's charge) and drift in the
 * electrode's field (far field E0 = J / kappa, kappa from `cell.drift`; bias a e E0 / (2 kT) per
 * hop); in a pulse's rest (open circuit) none enters, none drifts and none is reduced. The step
 * ends when its charge (in voxels) has been reduced; walkers still in flight then stay in flight:
 * the next step or `Rest for ...` (walker-rest.ts) starts with them (before rests were accepted they
 * were dropped; a protocol of one plating step is unchanged). Everything else (outputs, NaN overpotential, short circuit at the
 * separator) is as for the walkers one at a time (walker-step.ts).
 */
import type { Simulation, FlatStep, SimulationOptions, StepResult, StepState } from './simulation.js';
import { DriftPlating, restDriftWalkers, type DriftGrowth, type WalkerPositions } from '../fields/drift-walkers.js';
import { galvanostaticTarget } from '../input/limits.js';
import { separatorVoxZ, beginWalkerStep, walkerArrivals, endWalkerStep, type WalkerStepStart } from './walker-step.js';

/** What the clocked walkers did in the last step of a simulation, and the step's constants. */
export interface DriftWalkerStats extends DriftGrowth {
  /** one sweep, s */
  tau_s: number;
  /** far-field bias while the current flows, a e E0 / (2 kT), and E0 in V/m (0 without drift) */
  beta0: number; E0_V_per_m: number;
  /** sweeps per pulse and per rest (0: DC) */
  onSweeps: number; offSweeps: number;
}

/**
 * The clocked walkers' state between and inside steps: a field of the Simulation (`clockedWalkers`),
 * so that a checkpoint saves it with the engine state (engine-state.ts).
 */
export interface ClockedWalkers {
  /** the walkers in flight at the end of the last step or rest: the next one starts with them */
  inFlight: WalkerPositions | null;
  /** the growth of the step running now (a checkpoint inside a step holds it, paused at a sweep boundary) */
  growth: DriftPlating | null;
  /** the last step's figures (metrics) */
  stats: DriftWalkerStats | null;
}

export function noClockedWalkers(): ClockedWalkers { return { inFlight: null, growth: null, stats: null }; }

/** The walkers in flight now (after the last step or rest), or undefined. */
export function walkersInFlight(sim: Simulation): WalkerPositions | undefined { return sim.clockedWalkers.inFlight ?? undefined; }

/**
 * A `Rest for ...` step with walkers on a clock: open circuit, the walkers in flight diffuse for the
 * rest's duration (duration / tau sweeps; none enters, drifts or is reduced). `current_A_per_m2`
 * (not 0): a plating step given by a time whose charge is below half a voxel; the current flows, so
 * the walkers drift in its field as in a plating step (none enters or is reduced). Returns the sweeps
 * run and the random-walk steps made; `cancelled` when `look` (handed the rest's seconds so far; it reports
 * progress and says whether the run is cancelled) stopped it before its end (looked at every few
 * milliseconds of walking: restDriftWalkers).
 */
export function restInFlightWalkers(sim: Simulation, duration_s: number, current_A_per_m2 = 0, look?: (elapsed_s: number) => boolean): { sweeps: number; steps: number; tau_s: number; cancelled: boolean } {
  const size = sim.run.lattice.size;
  const tau = sweepTime_s(sim);
  const sweeps = Math.max(0, Math.round(duration_s / tau));
  const w = sim.clockedWalkers.inFlight;
  if (!w || w.xs.length === 0) return { sweeps, steps: 0, tau_s: tau, cancelled: false };
  const cell = sim.run.transport?.drift?.cell_voxels;
  const r = restDriftWalkers(sim.app.code, [size[0], size[1], size[2]], sim.rng, w, sweeps,
    { beta0: farField(sim, current_A_per_m2).beta0, ...(cell ? { potentialCell: cell } : {}), ...(look ? { pause: (done: number) => look(done * tau) } : {}) });
  sim.clockedWalkers.inFlight = r.walkers;
  return { sweeps: r.sweeps, steps: r.steps, tau_s: tau, cancelled: r.sweeps < sweeps };
}

/** The far field of a current, E0 = J / kappa (V/m; 0 without drift), and its bias per hop a e E0 / (2 kT). */
function farField(sim: Simulation, current_A_per_m2: number): { E0: number; beta0: number } {
  const kappa = sim.run.transport?.drift?.kappa_S_per_m ?? null;
  const E0 = kappa === null ? 0 : current_A_per_m2 / kappa;
  return { E0, beta0: (sim.run.lattice.voxel_m * E0) / (2 * sim.d.kT_eV) };
}

/** one sweep of the clocked walkers, s: a^2 / (2 d D) */
function sweepTime_s(sim: Simulation): number {
  const a = sim.run.lattice.voxel_m, d = sim.run.lattice.size[1] === 1 ? 2 : 3;
  return (a * a) / (2 * d * sim.run.transport!.electrolyte.D_m2_per_s);
}

/** The clocked walkers' figures of the last step run (undefined for other runs). */
export function driftWalkerStats(sim: Simulation): DriftWalkerStats | undefined { return sim.clockedWalkers.stats ?? undefined; }

/**
 * Runs one galvanostatic plating step by walkers on a clock (or the rest of one, from a checkpoint's
 * `resume.walker` with the growth saved in `sim.clockedWalkers`). Checkpoints and the cancel check
 * come at sweep boundaries (an arrival comes mid-sweep, with some walkers moved and others not):
 * after each whole sweep the growth pauses when a checkpoint is due or the run is cancelled; the
 * growth object (cloud, potential, loop state) is then in the Simulation's graph, so the engine
 * state saves it whole, and the step continues (or, at a cancel, stops) from there.
 */
export function runDriftWalkerStep(sim: Simulation, fs: FlatStep, opts: SimulationOptions, addSteps: (n: number, shortCircuit_s: number | null) => void, resume?: StepState): StepResult {
  const { step } = fs;
  const spec = sim.run.transport!;
  if (step.control !== 'galvanostatic' || step.kind !== 'plate') {
    throw new Error(`walker transport runs galvanostatic plating steps only, not "${step.text}"`);
  }
  const q = sim.d.q_C, area_m2 = sim.d.area_m2;
  const size = sim.run.lattice.size;
  const [nx, ny, nz] = size;
  const tau = sweepTime_s(sim);
  const I_A = step.current_A_per_m2 * area_m2; // the on current for a pulse
  const on_s = step.pulse?.on_s, off_s = step.pulse?.off_s ?? 0;
  const duty = step.pulse ? on_s! / (on_s! + off_s) : 1;
  // (a step given by a time under half a voxel ran as a rest: walker-step.ts)
  const { target } = galvanostaticTarget(step, I_A * duty, area_m2, q);
  const { E0, beta0 } = farField(sim, step.current_A_per_m2);
  const onSweeps = step.pulse ? Math.max(1, Math.round(on_s! / tau)) : 0;
  const offSweeps = step.pulse ? Math.max(1, Math.round(off_s / tau)) : 0;
  const sampleCount = Math.max(1, Math.round((sim.run.output.sample_C_per_m2 * area_m2) / q));
  const jGalv = -step.current_A_per_m2;
  const plane = separatorVoxZ(sim);
  const stopHeight = Math.min(plane - 1, nz - 2);
  const cw = sim.clockedWalkers;

  const saved = resume?.walker;
  if (saved && !cw.growth) throw new Error(`a checkpoint inside walker step ${fs.index} without the walkers' growth (its engine state lacks clockedWalkers.growth)`);
  const st: WalkerStepStart = saved ? saved.start : beginWalkerStep(sim, fs, target, sampleCount, jGalv);
  // the cancel is looked at after each whole sweep (below), not at arrivals: a sweep is never cut
  const { signal: _signal, ...arrivalOpts } = opts;
  const hook = walkerArrivals(sim, fs, arrivalOpts, st);
  const clock = (sweeps: number) => { sim.time = st.startTime + sweeps * tau; sim.kmcTime = st.startKmc + sweeps * tau; };
  const g = saved ? cw.growth! : new DriftPlating(sim.app.code, [nx, ny, nz], sim.rng, {
    target, stopHeight, injectPerSweep: (I_A * tau) / q, onSweeps, offSweeps, beta0,
    ...(spec.drift?.cell_voxels ? { potentialCell: spec.drift.cell_voxels } : {}),
    ...(cw.inFlight ? { carried: cw.inFlight } : {}),
    // sealed_pores void: the liquid a reduction seals off is VOID at once, and a walker in it is held (branch voidwalk)
    ...(sim.app.liquid ? { liquid: sim.app.liquid } : {}),
  });
  cw.growth = g;
  cw.inFlight = null;
  const ck = opts.checkpoint;
  let cancelled = false;
  const pause = () => {
    if (opts.signal?.aborted) { cancelled = true; return true; }
    return ck !== undefined && performance.now() - sim.lastCheckpointWall >= ck.every_s * 1000;
  };
  const write = () => {
    const n = g.cloud.particles;
    clock(g.cloud.clock); sim.netVoxels = st.startNet + n; sim.events = st.startEvents + n; sim.nextStep = fs.index; sim.wall_s = sim.wallSoFar();
    ck!.write(sim, {
      index: fs.index, sampleIndex0: st.sampleIndex0, startTime: st.startTime, startKmc: st.startKmc, startNet: st.startNet, startEvents: st.startEvents,
      nextSampleCount: 0, nextSampleTime: 0, winEtaDt: 0, winDt: 0, stepNet: n, maxProgress: n, openRow: -1, lastRowNet: sim.netVoxels, lastRowTime: sim.kmcTime,
      exact: true, walker: { start: { ...st }, n, steps: g.cloud.steps },
    });
    sim.lastCheckpointWall = performance.now();
  };
  let growth: DriftGrowth | null;
  for (;;) {
    growth = g.run({ onStick: (_v, n, _z, sweeps) => hook.arrive(n, () => clock(sweeps)), pause });
    if (growth) break;
    if (ck) write();
    if (cancelled) { growth = g.growth(); break; }
  }
  cw.growth = null;
  cw.inFlight = growth.left;
  sim.app.voidSealed += growth.sealed;
  cw.stats = { ...growth, tau_s: tau, beta0, E0_V_per_m: E0, onSweeps, offSweeps };
  clock(growth.sweeps);
  const end = endWalkerStep(sim, fs, st, growth.particles, cancelled, growth, plane);
  addSteps(growth.steps, end.shortCircuit_s);
  return end.result;
}
