/**
 * A Simulation ties a resolved run (metal, host, SACs, protocol) to the plating app, the
 * solver and the galvanostat, runs the protocol step by step and records the overpotential
 * trace and the morphology.
 *
 * Clocks. The kMC clock advances by -ln(u)/R per event. In a galvanostatic step the reported
 * time is the galvanostat's: t = |net charge| / I, so that deposited voxels x q equals the
 * integral of I dt exactly (the step ends when the net count reaches round(I T area / q), or
 * the charge the step asks for); the kMC clock is reported beside it (`kmc_time_s`), and it
 * agrees within the Poisson noise of the count. Rest and potentiostatic steps use the kMC clock, and
 * so does a galvanostatic step given by a time whose charge is below half a voxel of the box (it
 * ends at its time, its charge in the double layer: runSubStep's `byTime`).
 *
 * Overpotential samples are time-weighted averages (weights = kMC waiting times) over sampling
 * intervals of charge (galvanostatic) or time (other steps; a hold without a time: charge), as a
 * cycler samples.
 *
 * Cycling (issue 5). Strip steps run the same loop with the opposite current (r < 0); they end at
 * their charge, time or overpotential cut-off, or when no connected metal is left. Every
 * plate/strip step opens with a row at its start time (its current, and the overpotential of its
 * first sampling window), so that integrating the current column between a half cycle's rows
 * gives its charge exactly (a cycler's trapezoid rule sees every half cycle whole). Each row
 * carries the cell voltage and its parts (electrochem/cell.ts): the cell of a Li counter foil and the
 * working electrode, a symmetric cell only on the metal's own foil (electrochem/cell-label.ts).
 *
 * Resumable runs. Every `rebuildEvery` events (a deterministic count, not wall time) the app is
 * rebuilt from the lattice by a full deterministic scan (event tables, solver member order,
 * running sums); the interval is part of the trajectory. A checkpoint (simulation/checkpoint.ts)
 * holds the whole in-memory state (simulation/engine-state.ts) plus the step's loop state and the
 * overpotential controller's last sums, so it is written at the top of any loop iteration: when
 * `checkpoint.every_s` of wall time have passed (looked at every `chunk` events) and when the run
 * is cancelled. A resumed run passes through the same states as an uninterrupted one with the
 * same seed: bit-identical results.
 *
 * Loop. Each step runs on the generic kMC loop (engine/loop.ts) with the parts of
 * simulation/step-parts.ts (app, double-layer controller, first-passage exits, thinning by the
 * electrolyte and the SEI, the kMC time limit) and, from runStep, the rebuild/checkpoint hook, the
 * clock observer (kMC clock and window sums) and one observer for the event modules, the field,
 * the counters, the trace rows, the terminations and the progress, in that order. What a rest and
 * a pulse do: simulation/rest-pulse.ts.
 */
import type { ProtocolEntry, ProtocolStep, ResolvedRun } from '../input/types.js';
import { Rng } from '../kmc/rng.js';
import { isMap, optionsArg, refuseUnknownKeys, resolvedRunArg } from '../args.js';
import { InputError } from '../errors.js';
import { PlatingApp, CH_RED, CH_OX, CH_HOP, type PlatingPhysics } from '../apps/plating.js';
import { DoubleLayer } from '../electrochem/doublelayer.js';
import { PLATING_CHANNELS, applyOverpotential } from '../apps/channels.js';
import { voltageCutoffReached } from '../input/termination.js';
import { CurrentWindow, type CurrentWindowState } from '../engine/current-window.js';
import { forEachFlatStep, walkReversals } from '../input/protocol.js';
import { galvanostaticTarget, stepCharge_C } from '../input/limits.js';
import { cellVoltageParts, type CellVoltageContext, type CounterElectrode } from '../electrochem/cell.js';
import { buildLattice, derive, physicsOf, type Derived } from './setup.js';
import { defaultRebuildEvery } from './rebuild-interval.js';
import { morphology } from '../metrics/morphology.js';
import { DEFAULT_NUCLEI_COVERAGE, earlyNucleiState, lookAtRow, type EarlyNucleiState } from '../metrics/early-nuclei.js';
import { deadClusters, type DeadClusters } from '../metrics/dead.js';
import type { Grid } from '../lattice/voxel.js';
import { Transport } from '../fields/transport.js';
import { limitingCurrent_A_per_m2 } from '../fields/report.js';
import { runWalkerStep, type WalkerCheckpoint, type WalkerFigures } from './walker-step.js';
import { noClockedWalkers, type ClockedWalkers } from './drift-walker-step.js';
import type { EventModule } from '../apps/events/module.js';
import { SeiModule } from '../apps/events/sei.js';
import { METAL, HOST_BASE, EMPTY } from '../lattice/voxel.js';
import { runPulseStep, type PulseStats, type PulseTrainState } from './pulse.js';
import { runLoop, type Acceptor, type Field, type Observer, type StopRule } from '../engine/loop.js';
import { PlatingAppPart, DoubleLayerStepController, LoneAdatomExits, KmcTimeLimit, TransportThinning, SeiThinning, cellVoltageHoldEta, type CellHoldContext } from './step-parts.js';
import { REST_IDLE, pulseClock, PulseRelaxation, restIdle } from './rest-pulse.js';
import { stepProgress, voxelsToMAhPerCm2, type StepUnit } from './progress.js';
import { CM2_PER_M2, C_PER_MAH, TO } from '../units.js';
import { chargeMAhColumn, traceRowsEdited } from './trace-mah.js';

export interface FlatStep { step: ProtocolStep; index: number; cycle: number; half_cycle: number; }

export interface TraceColumns {
  time_s: number[];
  kmc_time_s: number[];
  charge_C_per_cm2: number[];
  /**
   * the charge in mAh/cm2, charge_C_per_cm2 / 3.6 (eta.csv's column of that name): on simulate()'s and simulateInWorker's
   * result trace (run-resolved.ts RunTrace, since mends65b) and, derived from charge_C_per_cm2 (one frozen array while
   * that column is unchanged: trace-mah.ts, mends66), on the running Simulation's own trace (LiveTrace, since polish65)
   */
  charge_mAh_per_cm2?: number[];
  /** working-electrode overpotential, mV (negative while plating) */
  overpotential_mV: number[];
  /** current density at the working electrode over the row's window, mA/cm2 (cycler sign: < 0 plates onto it) */
  current_mA_per_cm2: number[];
  /** counter electrode's part of the cell voltage, mV */
  counter_mV: number[];
  /** ohmic part j R, mV; with an electrolyte field j (R + R_el), R_el the electrolyte's resistance over the field (fields/transport.ts electrolyteResistance; branch cellv2) */
  ohmic_mV: number[];
  /** cell voltage (counter foil of the metal || the host; symmetric on the metal's own foil) = overpotential + counter + ohmic (+ concentration), mV */
  cell_voltage_mV: number[];
  step: number[];
  cycle: number[];
  half_cycle: number[];
  /** with an electrolyte (fields/transport.ts cellConcPart): the concentration part of the cell voltage not in overpotential_mV, the diffusion potential -(1 - 2 t+)(kT/e) ln(c0/c_s) (negative while plating for t+ < 1/2; the Nernst term is in overpotential_mV), plus with a separator the counter's own part -2 (1 - t+)(kT/e) ln(c_CE/c0) (negative while plating), mV */
  concentration_mV?: number[];
  /** with an electrolyte: salt concentration where the reductions go (each reduction site weighted by the rate it reduces at), mol/L */
  surface_concentration_M?: number[];
  /**
   * with `cell.space_charge: chazalviel`: 1 where the row was taken while a space-charge zone stood (past Sand's onset in a
   * galvanostatic plate: its surface_concentration_M is then c0, the neutral liquid ahead of the anions' front, and its
   * concentration_mV the zone's drop), else 0 (mends100, review79: c_s climbed back to c0 at the onset with nothing to say why)
   */
  in_space_charge_zone?: number[];
}

export const TRACE_KEYS: (keyof TraceColumns)[] = ['time_s', 'charge_C_per_cm2', 'overpotential_mV', 'kmc_time_s', 'step', 'cycle', 'half_cycle',
  'current_mA_per_cm2', 'cell_voltage_mV', 'counter_mV', 'ohmic_mV'];

/** The Simulation's own trace: its columns, and the charge in mAh/cm2 as simulate()'s trace has it (polish65). */
export type LiveTrace = TraceColumns & { readonly charge_mAh_per_cm2: number[] };

/**
 * `tr` with charge_mAh_per_cm2, charge_C_per_cm2 / 3.6 (mends65b left the running Simulation's trace in C/cm2 only):
 * one frozen array while the C/cm2 column is unchanged, a new one once a row is added or the engine edits the rows
 * (trace-mah.ts; until mends66 a new array on each read, so a loop indexing it row by row was quadratic). A getter that
 * is not enumerable: the trace's own columns are what a checkpoint records (engine-state.ts walks Object.keys), what a
 * pulse's rest thinning splices and what loop-equality hashes, and a column derived from one of them adds nothing to
 * any of these. Defined again (a checkpoint's restore), the getter derives the column afresh.
 */
export function liveTrace(tr: TraceColumns): LiveTrace {
  traceRowsEdited(tr);
  Object.defineProperty(tr, 'charge_mAh_per_cm2', { get: () => chargeMAhColumn(tr), enumerable: false, configurable: true });
  return tr as LiveTrace;
}

/** A step's result as the running Simulation keeps it: with the charge in mAh/cm2 as simulate()'s steps have it (polish65b). */
export type LiveStep = StepResult & { readonly charge_mAh_per_cm2: number };

/**
 * `r` with charge_mAh_per_cm2, charge_C_per_cm2 / 3.6 read on each access (polish65 left the Simulation's stepResults in
 * C/cm2 only): a getter that is not enumerable, as liveTrace's, so that the checkpoint's record (Object.keys) and
 * loop-equality's hash of the steps hold what they held. A step restored from a checkpoint gets it again (checkpoint.ts).
 */
export function liveStep(r: StepResult): LiveStep {
  Object.defineProperty(r, 'charge_mAh_per_cm2', { get: () => r.charge_C_per_cm2 / C_PER_MAH, enumerable: false, configurable: true });
  return r as LiveStep;
}

export function emptyTrace(): TraceColumns {
  return { time_s: [], kmc_time_s: [], charge_C_per_cm2: [], overpotential_mV: [], current_mA_per_cm2: [], counter_mV: [], ohmic_mV: [], cell_voltage_mV: [], step: [], cycle: [], half_cycle: [] };
}

export interface StepResult {
  index: number;
  cycle: number;
  half_cycle: number;
  text: string;
  kind: ProtocolStep['kind'];
  /** net charge passed in the step (reduction positive), C/cm2 */
  charge_C_per_cm2: number;
  /**
   * the same in mAh/cm2 (steps.csv's charge_mAh_per_cm2): on simulate()'s and simulateInWorker's result steps
   * (run-resolved.ts RunStep, since mends65b) and, read from charge_C_per_cm2 on each access, on the running
   * Simulation's own stepResults and the step onStepEnd is given (LiveStep, since polish65b)
   */
  charge_mAh_per_cm2?: number;
  /** net voxels deposited (negative when stripped) */
  net_voxels: number;
  duration_s: number;
  kmc_duration_s: number;
  events: number;
  ended: 'charge' | 'time' | 'cutoff' | 'current_cutoff' | 'box_full' | 'no_metal' | 'cancelled' | 'stalled' | 'event_limit' | 'short_circuit' | 'transport_limited' | 'no_path';
  /** first and last+1 sample index of this step in the trace */
  samples: [number, number];
  /**
   * a Hold step with a current cut-off (engine/current-window.ts): the net faradaic current density, in the hold's
   * direction, of its last closed window and of the window before it (mA/cm2; null: none closed), the windows closed,
   * and a window's length (kMC s: the time `voxels_per_window` voxels take at the cut-off). A step that ended
   * `current_cutoff` has `last` at or below its cut-off and `previous` above it (or null: its first window reached it).
   */
  current_window?: { last_mA_per_cm2: number | null; previous_mA_per_cm2: number | null; windows: number; window_s: number; voxels_per_window: number };
  /** at the end of the step: connected metal voxels, dead metal voxels (whole lattice) */
  connected_voxels: number;
  dead_voxels: number;
  /** morphology of the deposit at the end of the step */
  porosity: number;
  rms_roughness_nm: number;
  mean_height_nm: number;
  /** at the end of the step: the event modules' counters (apps/events/*: SEI-bound voxels, active SAC fraction, ...) */
  modules?: Record<string, number>;
  /** dead-metal clusters at the end of the step (count, mean and largest size in voxels) when there is dead metal and no module counted them (the SEI module does) */
  dead_clusters?: DeadClusters;
  /**
   * a galvanostatic step on the charge clock that ended short of its furthest net progress (the box ran against its
   * current after it): by how many voxels. Its duration and last trace row keep the clock of that furthest progress,
   * the row the charge of the box at the end (src/simulation/early-ends.ts warns). Not set on a step cut by the event
   * limit or a cancel.
   */
  short_of_progress_voxels?: number;
  /**
   * a step that ended `transport_limited` (review68): which rule ended it (`sand_onset`: the surface concentration at
   * Sand's onset with `cell.stop_at_sand: true`; `no_salt`: no reduction site's cell had salt left), the working
   * electrode's overpotential of the step's last trace row (mV, cycler sign), the surface concentration where the
   * reductions go (M) and the cell's limiting current (mA/cm2), for the warning's words (early-ends.ts)
   */
  transport_end?: { by: 'sand_onset' | 'no_salt'; overpotential_mV: number; surface_concentration_M: number; limiting_current_mA_per_cm2: number };
}

/** The figures of a step's end that read the whole lattice (Simulation.endFigures). */
export type EndFigures = Pick<StepResult, 'connected_voxels' | 'dead_voxels' | 'porosity' | 'rms_roughness_nm' | 'mean_height_nm' | 'modules' | 'dead_clusters'>;
/** A step's result without them (Simulation.runSubStep). */
export type StepCore = Omit<StepResult, keyof EndFigures>;

export interface ProgressInfo {
  step: number;
  steps: number;
  stepFraction: number;
  /** overall fraction of the protocol's planned charge/time */
  fraction: number;
  events: number;
  events_per_s: number;
  charge_C_per_cm2: number;
  overpotential_mV: number;
  /** the step has no time or charge to measure progress against (a hold that ends at a cut-off):
   *  stepFraction stays 0; show the events and the charge so far instead */
  stepIndeterminate?: boolean;
  /** a Hold step with a current cut-off: the cut-off and the current of its last closed window (null: none yet), mA/cm2 (progress.ts says them) */
  currentCutoff?: { limit_mA_per_cm2: number; window_mA_per_cm2: number | null };
  /** the step's text as the protocol has it ("Plate 0.3 mAh/cm2 at 1 mA/cm2") */
  stepText: string;
  /** how far the step is: stepDone of stepTarget in stepUnit (net charge through the box, mAh/cm2, or
   *  kMC seconds; stepTarget Infinity when stepIndeterminate); stepFraction is their ratio (progress.ts) */
  stepDone: number;
  stepTarget: number;
  stepUnit: StepUnit;
  /** a galvanostatic step (count clock): its net charge now, mAh/cm2; stepDone is its furthest (the clock's), which the
   *  box may have run back from (progress.ts says both when they differ; mends81) */
  stepNet?: number;
  /** first-passage exits of lone adatoms so far (not in `events`; metrics.json's first_passage_exits) */
  first_passage_exits: number;
  /** set in an ion-walker rest: its ions walk but none is reduced, so events_per_s is 0 (the lines say "resting,
   *  <stepDone> of <stepTarget> s" in its place: progress.ts rateText); absent otherwise. Added in mends47 */
  resting?: true;
  /**
   * with an electrolyte field: the share of the wall time since the last report spent in the field's updates and
   * scans (fields/transport.ts fieldWall_ms), 0-1; absent without a field. The line says it where it is half or more
   * (progress.ts rateText; review62: a run on small field cells spent 93-94 % of its minutes there, unsaid)
   */
  field_share?: number;
  /** with a field: of field_share's time, the share in settle (progress.ts rateText; branch fieldcost2) */
  field_settle_share?: number;
  /** with a field: the share of the events since the last report that were rejected draws (progress.ts; branch fieldcost2) */
  rejected_share?: number;
}

/** where the last progress report was: events, wall clock (performance.now(), ms) and the field's wall time then (ms) */
export interface ProgressMark { events: number; wall: number; field_ms?: number; settle_ms?: number; rejected?: number }

export interface CheckpointRequest {
  /** seconds of wall time between checkpoints (0: at every look, every `chunk` events and at each step's start); a cancel writes one too */
  every_s: number;
  /** called with the simulation at the top of a loop iteration when a checkpoint is due */
  write: (sim: Simulation, state: StepState) => void;
}

/** the events between progress reports (and abort checks) of a run whose options give no `chunk` */
export const DEFAULT_CHUNK = 200_000;

/**
 * `chunk`'s default: DEFAULT_CHUNK, or the environment's SACPLATE_PROGRESS_EVENTS (an integer from 1000 to 1e9) when set,
 * read at each step's start. A stopped run (Ctrl-C, SIGTERM, a cancel) ended at its next report, so the tests that signal
 * a run set it lower (branch testtime28: test/engine-cli.test.ts's runs stopped at their second batch of 200,000 events,
 * 0.7 CPU s each); since mends115 the cancel is read at every look, 64 events apart, the report only when due. The reports are the reporting's, not the trajectory's: a run's events are the same whatever it is.
 */
export function defaultChunk(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.SACPLATE_PROGRESS_EVENTS;
  if (v === undefined || v === '') return DEFAULT_CHUNK;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1000 || n > 1e9) {
    throw new InputError('SACPLATE_PROGRESS_EVENTS', v, 'an integer from 1000 to 1000000000 (events between progress reports; unset: 200000)');
  }
  return n;
}

export interface SimulationOptions {
  onProgress?: (p: ProgressInfo) => void;
  signal?: AbortSignal;
  /** events of the run (not of each step) between progress callbacks / abort checks (default: defaultChunk()) */
  chunk?: number;
  /**
   * seconds of wall time after which a progress callback is due even when fewer than
   * `chunk` events have passed (default 1; looked at every 64 events and in stretches without events). Until branch
   * review55 only a stretch without events had it: a run of a few hundred events a second (an electrolyte's field
   * solved at every reduction: a pulse train on 8 x 8 x 64 voxels of 100 nm, 575 events/s) reported nothing for the
   * whole run (simulate printed no line in 10 s: no onProgress call at all) and a Ctrl-C waited for `chunk` events
   */
  progressEvery_s?: number;
  /** stop the run after this many events (benchmarks) */
  eventLimit?: number;
  checkpoint?: CheckpointRequest;
  /** called after each step (snapshots at the end of each half cycle) */
  onStepEnd?: (sim: Simulation, r: LiveStep) => void;
  /**
   * A rest's open circuit holds the run's net count at this value instead of the count at the rest's start (a pulse
   * train's rests: the count the on times have passed so far, simulation/pulse.ts), so that what the box drifts in one
   * short rest is pulled back in the next instead of being kept.
   */
  restHoldNet?: number;
}

export interface SimulationConfig {
  /** counter electrode of the cell (default: the same metal, its i0 and alpha) */
  counter?: CounterElectrode;
  /** events between deterministic rebuilds of the app (default max(2^21, 8 x voxels)) */
  rebuildEvery?: number;
  /** engine switches of the plating app (apps/plating.ts: slot index, step-up rule) */
  engine?: Pick<PlatingPhysics, typeof ENGINE_CONFIG_KEYS[number]>;
}
/** The keys of SimulationConfig: any other (`rebuildevery`) was ignored without a word. */
export const SIMULATION_CONFIG_KEYS = ['counter', 'rebuildEvery', 'engine'] as const;
/** The keys of SimulationConfig.engine, the plating app's switches: any other (`stepup`) ran the default without a word. */
export const ENGINE_CONFIG_KEYS = ['slotIndex', 'stepUp', 'adatoms', 'adatomMinHalfWidth', 'hopWords', 'hopCarry'] as const;
/** The values of the engine's named switches (apps/plating.ts PlatingPhysics): any other ('exaxt') ran the default. */
const ENGINE_SWITCH_VALUES: Record<string, readonly string[]> = {
  slotIndex: ['band', 'hash'], stepUp: ['thinned', 'exact'], adatoms: ['first-passage', 'exact'], hopWords: ['on', 'off'], hopCarry: ['on', 'off'],
} satisfies Record<Exclude<typeof ENGINE_CONFIG_KEYS[number], 'adatomMinHalfWidth'>, readonly string[]>;

/** `config.engine` (new Simulation's and simulate's config): absent, or a map of the switches above with their values. */
export function engineConfigArg(field: string, v: unknown): void {
  if (v === undefined) return;
  if (!isMap(v)) throw new InputError(field, v, 'a map of engine switches, e.g. { adatoms: "exact" }');
  refuseUnknownKeys(field, v, ENGINE_CONFIG_KEYS, { word: 'option', owner: 'engine takes' });
  for (const [k, values] of Object.entries(ENGINE_SWITCH_VALUES)) {
    if (v[k] !== undefined && !values.includes(v[k] as string)) throw new InputError(`${field}.${k}`, v[k], values.map((x) => `"${x}"`).join(' or '));
  }
  const hw = v.adatomMinHalfWidth;
  if (hw !== undefined && !(Number.isInteger(hw) && (hw as number) >= 1)) throw new InputError(`${field}.adatomMinHalfWidth`, hw, 'a whole number of voxels >= 1 (smallest half-width of a first-passage domain)');
}

/** The loop state of a step: everything runStep keeps between events (a checkpoint saves it). */
export interface StepState {
  index: number;
  sampleIndex0: number;
  startTime: number;
  startKmc: number;
  startNet: number;
  startEvents: number;
  nextSampleCount: number;
  nextSampleTime: number;
  winEtaDt: number;
  winDt: number;
  /** sign-adjusted progress (net reductions for plate, net oxidations for strip) */
  stepNet: number;
  maxProgress: number;
  /** trace row opened at the step start that waits for the first window's overpotential, or -1 */
  openRow: number;
  /** net voxels and kMC time at the last emitted row (window current of potentiostatic steps) */
  lastRowNet: number;
  lastRowTime: number;
  /** double-layer state (electrochem/doublelayer.ts) at a checkpoint, to resume it exactly */
  dl?: number[];
  /** the overpotential controller's last sums at a checkpoint (step-parts.ts), when its solver was the app's */
  ctl?: { A: number; B: number };
  /** written with the whole engine state (checkpoint.ts formats 2 and 3): the step resumes without resetting anything */
  exact?: boolean;
  /** a checkpoint inside a pulse train (pulse.ts, format 3): the train's loop state; the fields above are its sub-step's */
  pulse?: PulseTrainState;
  /** a checkpoint inside an ion-walker step (walker-step.ts, format 3): its loop state */
  walker?: WalkerCheckpoint;
  /** a Hold step's current cut-off: its window's state (engine/current-window.ts), so that a resumed hold goes on with it */
  currentWindow?: CurrentWindowState;
  /** a galvanostatic step that goes on from the one before it (Simulation.runSubStep, engsplit): the galvanostat's origin */
  chain?: GalvanostatChain;
  /** a galvanostatic step after one of the same kind (no rest between, at any current): the rounding before it (StepRounding) */
  rounding?: StepRounding;
}

/**
 * The rounding of a run of adjacent galvanostatic steps of the same kind (plate -> plate or strip -> strip, no rest
 * between: Simulation.frontStopsAfter; no pulse trains), at the same current or another (engsplit2): the charge asked of
 * its steps so far, C in the box, and the voxels they plated (or stripped) to their targets. The next step's target is
 * round((charge_C + its own charge) / q) - voxels (at least 1), so that a plate written as two steps plates the one-step
 * count (0.02 mAh/cm2 as 0.01 + 0.01 on 8 x 8 voxels of 100 nm: 31 + 30 = 61; each step rounded its own count before,
 * 31 + 31). Only after a step that reached its target: after a cut-off or a full box the next step rounds its own charge.
 */
export interface StepRounding {
  charge_C: number;
  voxels: number;
}

/**
 * The galvanostat's origin, carried across a boundary between two galvanostatic steps of the same kind ("Plate 0.05
 * mAh/cm2 at 1 mA/cm2" twice: Simulation.frontStopsAfter says the front goes on; engsplit). The double layer's deficit
 * (electrochem/doublelayer.ts update) is then r (t - t0) - (net - net0), with t0 and net0 the kMC time and net
 * count where the chain began, not where the step began: a plate written as two steps at the same current has one
 * origin, as the one-step plate has. At another current (plate -> plate at 1, then 2 mA/cm2) the step starts a chain
 * of its own at the boundary and carries the box's lag there (d0: D = D1 + r2 (t - t1) - (net - net1), engsplit2; engsplit
 * started it afresh, which put back the whole split artefact at a current 1e-4 higher: bench/engine-current-step.ts,
 * docs/model.md "Across a step boundary"); its averaging window, first update and reversal flag are its own. The
 * rounding of the steps' counts carries at any current (StepRounding); the generic loop's parts follow both rules
 * (engine/protocol-parts.ts goesOn).
 */
export interface GalvanostatChain {
  /** kMC time, s, and the run's net voxels where the chain's first step began */
  t0: number;
  net0: number;
  /** net reductions per second of the chain's current (signed as the step's) */
  r: number;
  /** the chain's first step was at a current reversal (its reversal feedback goes on, step-parts.ts) */
  reversal: boolean;
  /**
   * the deficit at t0, voxels, where the chain began at a change of current (engsplit2): the box's lag against the
   * current before, D1 = r1 (t1 - t0') - (net1 - net0') (+ its own d0), carried across the new set-point, so that the
   * deficit is D1 + r2 (t - t1) - (net - net1) (absent: 0)
   */
  d0?: number;
}

/**
 * Flattens the protocol: repeats unrolled. `cycle` counts repeat iterations (1, 2, ...); steps
 * before the first repeat block are cycle 0, and top-level steps after a repeat block open the
 * next cycle number (so a final strip after the repeats has its own cycle). `half_cycle` is the
 * position of a plate/strip step within its cycle (0, 1, ...), -1 for rests.
 */
export function flattenProtocol(entries: ProtocolEntry[]): FlatStep[] {
  if (!Array.isArray(entries) || !entries.every((e) => isMap(e))) throw new InputError('entries', entries, 'a parsed protocol: parseProtocol(["Plate 1 mAh/cm2 at 1 mA/cm2", ...]) or a resolved run\'s protocol');
  const out: FlatStep[] = [];
  forEachFlatStep(entries, (step, index, cycle, half_cycle) => { out.push({ step, index, cycle, half_cycle }); });
  return out;
}

export class Simulation {
  readonly run: ResolvedRun;
  readonly d: Derived;
  readonly rng: Rng;
  app: PlatingApp;
  readonly steps: FlatStep[];
  /** per step of `steps`: 1 at a current reversal (input/protocol.ts walkReversals, the sector scheme's rule too) */
  private readonly reversalAt: Uint8Array;
  /** the sampled rows so far; charge_mAh_per_cm2 is read from charge_C_per_cm2 (liveTrace) */
  readonly trace: LiveTrace = liveTrace(emptyTrace());
  /** one per step run so far; charge_mAh_per_cm2 is read from charge_C_per_cm2 (liveStep) */
  readonly stepResults: LiveStep[] = [];
  readonly counter: CounterElectrode;
  readonly rebuildEvery: number;
  /** the engine switches this simulation was built with (a checkpoint keeps them) */
  readonly engineConfig: SimulationConfig['engine'];
  /** the electrolyte concentration field and its coupling, or null (no `electrolyte:`: v1 behaviour) */
  readonly transport: Transport | null;
  /** galvanostat/reported clock and kMC clock, s */
  time = 0;
  /**
   * kMC clock and the running window sums of one step (eta dt, dt), in a typed array: they change
   * at every event, and a double stored in an object field is boxed (one allocation per store).
   */
  private readonly clk = new Float64Array(3);
  get kmcTime(): number { return this.clk[0]!; }
  set kmcTime(t: number) { this.clk[0] = t; }
  /** net voxels deposited over the run (reductions - oxidations) */
  netVoxels = 0;
  /**
   * the nuclei read at the first trace row whose first-layer coverage reaches output.nuclei_coverage (pushRow looks;
   * metrics/early-nuclei.ts): counts only, no lattice copy; saved in checkpoints with the rest of the state
   */
  earlyNuclei: EarlyNucleiState;
  events = 0;
  eta = 0;
  wall_s = 0;
  /** metal voxels in the lattice before the protocol (a metal-foil host counts) */
  readonly initialMetal: number;
  /** the next event count at which the app is rebuilt */
  nextRebuild: number;
  /** first step to run and its saved loop state (set when resuming from a checkpoint) */
  nextStep = 0;
  resumeState: StepState | undefined;
  /** the electrode-scale overpotential: double layer driven by the box's time-averaged rates */
  readonly dl: DoubleLayer;
  private cancelled = false;
  /**
   * Wall time (performance.now()) of the run's last checkpoint (runAll's start before the first): the periodic
   * checkpoints of every kind of step count from it, the kMC loop's and the ion-walker steps' (walker-step.ts,
   * drift-walker-step.ts; until review35 those counted from each step's start, so a run of walker steps each shorter
   * than checkpointEvery_s never wrote one and a killed run started over).
   */
  lastCheckpointWall = 0;
  /** the galvanostat's origin that the next step (index `index`) takes up, set at a step's end (runSubStep, engsplit) */
  private galvCarry: { index: number; sign: number; chain: GalvanostatChain; ctl: { A: number; B: number } | null; lag: number; rounding?: StepRounding } | null = null;
  /**
   * The run's progress mark: the events and wall time of the last progress look (null outside runAll). A report (and the cancel look
   * with it) is due every `chunk` events of the run, or a second (`progressEvery_s`) after the last (with events, since review55):
   * counted from each step's start (until branch progress2), a run of steps shorter than `chunk` (a Li||Cu cycling
   * of short half cycles, a train of short pulses) never reported. A #private field on purpose: the engine-state
   * walk (engine-state.ts) records own properties only, so a checkpoint does not hold it and a resumed run's
   * whole state is compared without it; it is the reporting's, not the trajectory's (it depends on `chunk` and on
   * where the run was resumed). Branch mends41's mark (7f17e93, reverted) was an ordinary field: checkpoints saved
   * it (with the writing process's performance.now()) and the checkpoint tests' whole-state comparison saw it
   * differ between a resumed run and the uninterrupted one, every other part of the two runs being the same.
   */
  #progressMark: ProgressMark | null = null;
  /** event modules (apps/events/module.ts), called after every event and at every step end where the front stops or turns (frontStopsAfter) */
  readonly modules: EventModule[] = [];
  /** the SEI module, or null (no `sei:` in the run) */
  readonly sei: SeiModule | null;
  /** what each pulse step did in its rests, by flat step index (pulse.ts; a field, so that a checkpoint keeps it for the metrics) */
  readonly pulseRests = new Map<number, PulseStats>();
  /** ion-walker runs: random-walk steps and the short-circuit time (walker-step.ts; a field, so that a checkpoint keeps them) */
  readonly walkerFigures: WalkerFigures = { steps: 0, shortCircuit_s: null };
  /** walkers on a clock: the ions in flight, the running step's growth, the last step's figures (drift-walker-step.ts; after `app`, so that a restore meets the lattice first) */
  readonly clockedWalkers: ClockedWalkers = noClockedWalkers();

  constructor(run: ResolvedRun, config: SimulationConfig = {}) {
    // a library caller's mistakes as one line each (resolveInput() gives a run; the config is optional)
    resolvedRunArg('run', run);
    const c = optionsArg('config', config, '{ rebuildEvery: 4194304 }', SIMULATION_CONFIG_KEYS);
    engineConfigArg('config.engine', c.engine);
    if (c.rebuildEvery !== undefined && !(Number.isInteger(c.rebuildEvery) && (c.rebuildEvery as number) >= 1)) throw new InputError('config.rebuildEvery', c.rebuildEvery, 'an integer >= 1 (events between engine rebuilds)');
    this.run = run;
    this.d = derive(run);
    this.earlyNuclei = earlyNucleiState(run.output.nuclei_coverage ?? DEFAULT_NUCLEI_COVERAGE);
    this.rng = new Rng(run.seed);
    const { lat, code } = buildLattice(run, this.d);
    // first-passage adatoms (apps/lone-adatoms.ts) need every rate to be a lattice class: off with an SEI or an electrolyte field
    this.app = new PlatingApp(lat, code, { ...physicsOf(run, this.d), ...config.engine, ...(run.sei || run.transport ? { adatoms: 'exact' as const } : {}) }, this.rng);
    this.app.lone?.bindClock(this.clk);
    this.steps = flattenProtocol(run.protocol);
    this.reversalAt = new Uint8Array(this.steps.length);
    let at = 0;
    walkReversals(run.protocol, (_s, reversal) => { this.reversalAt[at++] = reversal ? 1 : 0; });
    this.counter = config.counter ?? run.electrochem.counter ?? { i0_A_per_m2: run.metal.i0_A_per_m2, alpha: run.metal.alpha };
    this.rebuildEvery = config.rebuildEvery ?? defaultRebuildEvery(lat.n);
    this.engineConfig = config.engine;
    this.nextRebuild = this.rebuildEvery;
    this.initialMetal = this.app.metalCount;
    this.sei = run.sei ? new SeiModule(run.sei, this.app, {
      T_K: run.temperature_K, rng: this.rng, deactivatedCode: this.d.hostCode === METAL ? -1 : HOST_BASE, hostTopZ: this.d.hostTopZ, t0_s: 0, i0_A_per_m2: run.metal.i0_A_per_m2,
    }) : null;
    if (this.sei) this.modules.push(this.sei);
    this.transport = run.transport && run.transport.mode !== 'walkers' ? new Transport(run.transport, {
      size: run.lattice.size, voxel_m: run.lattice.voxel_m, hostLayers: run.lattice.hostLayers,
      atomicVolume_m3: run.metal.atomicVolume_m3, kT_eV: this.d.kT_eV, alpha: run.metal.alpha,
    }, this.app.code) : null;
    if (this.transport) { this.trace.concentration_mV = []; this.trace.surface_concentration_M = []; }
    if (this.transport?.sc) this.trace.in_space_charge_zone = [];
    this.dl = new DoubleLayer({
      C_F_per_m2: run.electrochem.doubleLayer_F_per_m2, area_m2: this.d.area_m2, q_C: this.d.q_C,
      alpha: run.metal.alpha, f_per_V: this.d.f_per_V, exchangeRate_per_s: this.d.k0_per_s * lat.nxy, sites: lat.nxy,
      ...(run.electrochem.estimator ? { estimator: run.electrochem.estimator, voxels: lat.n } : {}),
    });
  }

  get grid(): Grid {
    const [nx, ny, nz] = this.run.lattice.size;
    return { nx, ny, nz, cells: this.app.code, voxel_m: this.run.lattice.voxel_m };
  }

  /** cm2 of the box */
  get area_cm2(): number { return this.d.area_m2 * CM2_PER_M2; }

  /** connected metal voxels now */
  get connectedVoxels(): number { return this.app.metalCount - this.app.deadCount; }

  /** Runs every step of the protocol (from `nextStep`, with `resumeState`, when resuming). */
  runAll(opts: SimulationOptions = {}): void {
    const t0 = performance.now();
    const wall0 = this.wall_s;
    this.lastCheckpointWall = t0;
    this.#progressMark = { events: this.events, wall: t0, field_ms: this.transport?.fieldWall_ms ?? 0, settle_ms: this.transport?.field.settleWall_ms ?? 0, rejected: this.transport?.rejected ?? 0 };
    try {
      for (let i = this.nextStep; i < this.steps.length; i++) {
        if (this.cancelled) break;
        this.nextStep = i;
        if (this.app.deadOrigins !== null) this.app.deadOrigins.step = i; // deadwhy diagnostics (off by default)
        const st = this.resumeState;
        this.resumeState = undefined;
        this.wallBase = wall0; this.wallStart = t0;
        const r0 = this.runStep(this.steps[i]!, opts, st);
        // runStep's result has charge_mAh_per_cm2 already; withTransportEnd's copy (a spread) does not carry the getter
        const r = r0.ended === 'transport_limited' ? liveStep(this.withTransportEnd(r0)) : r0;
        this.stepResults.push(r);
        opts.onStepEnd?.(this, r);
        if (r.ended === 'cancelled' || r.ended === 'event_limit') { this.cancelled = true; break; }
      }
    } finally {
      // the mark is this run's: a step run on its own afterwards counts from its own start
      this.#progressMark = null;
    }
    this.nextStep = this.steps.length;
    this.wall_s = wall0 + (performance.now() - t0) / 1000;
  }
  /** A step the electrolyte ended, with what its warning says of it (StepResult.transport_end; review68). */
  private withTransportEnd(r: StepResult): StepResult {
    const tp = this.transport;
    if (!tp) return r;
    const last = r.samples[1] - 1;
    const eta = last >= r.samples[0] ? this.trace.overpotential_mV[last]! : this.eta * 1e3;
    const by = tp.spec.stop_at_sand === true && tp.rho > 1e-9 ? 'sand_onset' as const : 'no_salt' as const;
    return { ...r, transport_end: { by, overpotential_mV: eta, surface_concentration_M: tp.surfaceConc / 1000, limiting_current_mA_per_cm2: limitingCurrent_A_per_m2(tp) / 10 } };
  }
  private wallBase = 0;
  private wallStart = 0;
  /**
   * The run's progress mark (runAll's, across its steps; see #progressMark), or a fresh one for a step run on its own:
   * an ion-walker step (walker-step.ts) reports and looks at a cancel from it too. A step moves it (events, wall)
   * at each report.
   */
  /** leave the electrolyte thinning's certain rejections out of the draws (step-parts.ts TransportThinning; branch
   *  fieldcost2): the same process, fewer draws; false draws them all as before (tests compare the two) */
  skipCertainRejects = true;
  progressMark(): ProgressMark { return this.#progressMark ?? { events: this.events, wall: performance.now(), field_ms: this.transport?.fieldWall_ms ?? 0, settle_ms: this.transport?.field.settleWall_ms ?? 0, rejected: this.transport?.rejected ?? 0 }; }
  /** wall time of the run so far, s (including the time before a resume) */
  wallSoFar(): number { return this.wallBase + (performance.now() - this.wallStart) / 1000; }

  /** sets the overpotential and the solver's channel multipliers (the step's controller calls it) */
  setEta(eta: number): void {
    this.eta = eta;
    const a = this.run.metal.alpha, f = this.d.f_per_V;
    applyOverpotential(this.app.solver, PLATING_CHANNELS, eta, a, f);
  }

  /**
   * Rebuilds the plating app from the lattice by a full scan: event tables, solver order and
   * sums are then a function of the lattice alone. Counters (with the carried hops), the dead-metal
   * diagnostics (deadFormed, deadReconnected) and the height record carry over. (Until seitrace the
   * two diagnostics restarted at 0 at every rebuild, so a step holding one read minus what the run had
   * formed before it: sei-dead-voxel's negative strip counts at 12.5 nm.)
   */
  rebuild(): void {
    const old = this.app;
    old.lone?.resolveAll();
    const app = new PlatingApp(old.lat, old.code, old.phys, this.rng);
    app.lone?.bindClock(this.clk);
    if (old.lone && app.lone) Object.assign(app.lone.stats, old.lone.stats);
    Object.assign(app.counters, old.counters);
    app.carriedHops = old.carriedHops;
    app.deadFormed = old.deadFormed;
    app.deadReconnected = old.deadReconnected;
    app.maxMetalZ = old.maxMetalZ;
    // sealed_pores void (branch e1void): the diagnostics of this process, and the bound on the solids' height
    app.voidSealed = old.voidSealed;
    app.voidOpened = old.voidOpened;
    if (old.liquid && app.liquid) app.liquid.topZ = Math.max(app.liquid.topZ, old.liquid.topZ);
    if (old.conn && app.conn) Object.assign(app.conn.stats, old.conn.stats);
    // filmhop: the hops read the SEI module's film again (the same array; settledhop: and its stretched bits)
    if (old.film !== null) app.attachFilm(old.film, old.filmHopBarrier_eV, old.filmStr, old.filmFace, old.filmAxis);
    this.app = app;
  }

  /** The loop state a step starts with (and the step's part of a pulse train's checkpoint between two sub-steps: pulse.ts). */
  initialState(fs: FlatStep): StepState {
    return {
      index: fs.index, sampleIndex0: this.trace.time_s.length,
      startTime: this.time, startKmc: this.kmcTime, startNet: this.netVoxels, startEvents: this.events,
      nextSampleCount: 0, nextSampleTime: 0, winEtaDt: 0, winDt: 0, stepNet: 0, maxProgress: 0, openRow: -1,
      lastRowNet: this.netVoxels, lastRowTime: this.kmcTime,
    };
  }

  /** Appends a trace row; the cell voltage parts follow from the WE overpotential and the current. */
  pushRow(fs: FlatStep, t: number, etaWE_V: number, j_A_per_m2: number): number {
    const tr = this.trace;
    const weMv = -etaWE_V * 1e3;
    // the counter (its i0 at c_CE with a separator), the ohmic part (with a field the electrolyte's R_el too), the
    // diffusion potential (the Nernst term is in weMv) and with a separator the counter's concentration part: one function
    const p = cellVoltageParts(j_A_per_m2, this.cellContext());
    const cmv = p.counter_V * 1e3, omv = p.ohmic_V * 1e3;
    const tp = this.transport;
    const conc = tp ? p.concentration_V * 1e3 : 0;
    if (tp) { tr.concentration_mV!.push(conc); tr.surface_concentration_M!.push(tp.surfaceConc / 1000); }
    tr.in_space_charge_zone?.push(tp?.zoneStands() ? 1 : 0);
    tr.time_s.push(t);
    tr.kmc_time_s.push(this.kmcTime);
    tr.charge_C_per_cm2.push((this.netVoxels * this.d.q_C) / (this.d.area_m2 * CM2_PER_M2));
    tr.overpotential_mV.push(weMv);
    tr.current_mA_per_cm2.push(TO.mA_per_cm2(j_A_per_m2));
    tr.counter_mV.push(cmv);
    tr.ohmic_mV.push(omv);
    tr.cell_voltage_mV.push(weMv + cmv + omv + conc);
    tr.step.push(fs.index);
    tr.cycle.push(fs.cycle);
    tr.half_cycle.push(fs.half_cycle);
    // the nuclei before they coalesce: read once, at the first row at or above the set first-layer coverage
    if (this.earlyNuclei.read === null) {
      lookAtRow(this.earlyNuclei, this.grid, this.d.hostTopZ, this.d.hostCode === METAL, tr.charge_C_per_cm2[tr.charge_C_per_cm2.length - 1]! / C_PER_MAH);
    }
    return tr.time_s.length - 1;
  }

  /** The highest layer holding METAL, read from the lattice (-1 with none). */
  private topMetalLayer(): number {
    const code = this.app.code, nxy = this.app.lat.nxy;
    for (let i = code.length - 1; i >= 0; i--) if (code[i] === METAL) return (i / nxy) | 0;
    return -1;
  }

  /** Fills the overpotential (and cell voltage) of the row opened at a step's start. */
  private fillOpenRow(row: number, etaWE_V: number): void {
    const tr = this.trace;
    const weMv = -etaWE_V * 1e3;
    tr.overpotential_mV[row] = weMv;
    tr.cell_voltage_mV[row] = weMv + tr.counter_mV[row]! + tr.ohmic_mV[row]! + (tr.concentration_mV?.[row] ?? 0);
  }

  /**
   * Runs one step (or the rest of it, from a saved loop state). Public so that tests and
   * benchmarks can drive steps one by one. The result has charge_mAh_per_cm2 (liveStep), as stepResults' have.
   */
  runStep(fs: FlatStep, opts: SimulationOptions = {}, resume?: StepState): LiveStep {
    if (this.run.transport?.mode === 'walkers') return liveStep(runWalkerStep(this, fs, opts, resume)); // ions as walkers (walker-step.ts)
    if (fs.step.pulse && (!resume || resume.pulse)) return liveStep(runPulseStep(this, fs, opts, resume)); // on times and live rests (simulation/pulse.ts)
    return liveStep({ ...this.runSubStep(fs, opts, resume), ...this.endFigures() });
  }

  /**
   * The figures of a step's end that read the whole lattice: connected and dead metal, the
   * morphology, the event modules' reports. They change nothing (a pure read of the state).
   */
  endFigures(): EndFigures {
    const app = this.app;
    const morph = morphology(this.grid, { hostTopZ: this.d.hostTopZ, foil: this.d.hostCode === METAL });
    const modules = this.modules.length > 0 ? Object.assign({}, ...this.modules.map((m) => m.report(app))) as Record<string, number> : undefined;
    return {
      connected_voxels: app.metalCount - app.deadCount,
      dead_voxels: app.deadCount,
      porosity: morph.porosity,
      rms_roughness_nm: morph.rms_roughness_nm,
      mean_height_nm: morph.mean_height_nm,
      ...(modules ? { modules } : {}),
      // cycles.csv's dead-cluster columns for runs without an SEI (one more scan of the lattice, only with dead metal)
      ...(app.deadCount > 0 && modules?.dead_clusters === undefined ? { dead_clusters: deadClusters(app.lat, app.code) } : {}),
    };
  }

  /**
   * Runs one plating step (not a pulse train: each of its on times and rests is one of these)
   * without the end figures (`endFigures`). A pulse train reads them once, at its end: on the
   * trains of short pulses of bench/pulse-overhead.ts the morphology of every sub-step was 10 %
   * of the run's CPU, and with an SEI the module's report scans the lattice too.
   */
  runSubStep(fs: FlatStep, opts: SimulationOptions = {}, resume?: StepState): StepCore {
    const { step } = fs;
    const rng = this.rng;
    const q = this.d.q_C, area_m2 = this.d.area_m2;
    const chunk = opts.chunk ?? defaultChunk();
    const progressEvery_ms = (opts.progressEvery_s ?? 1) * 1000;
    const nz = this.run.lattice.size[2];
    const galvano = step.control === 'galvanostatic';
    const sign = step.kind === 'strip' ? -1 : 1;
    // target net count and sampling
    let targetCount = Infinity;
    let I_A = 0;
    // A galvanostat's clock is its charge counter (below), except on a step given by a time whose
    // charge is below half a voxel of the box ("Plate at 1e-8 mA/cm2 for 1 s" on 8 x 8 voxels of 10 nm):
    // it would wait for a whole voxel while its double layer settles over R_ct C_dl (~1e5 s of kMC
    // time on Cu). Such a step runs on the kMC clock to its time, as a rest or a timed hold; the
    // charge it passed is in the double layer (and any voxels it moved). A step given by a charge
    // below half a voxel is refused at input (input/limits.ts: checkStepCharges; the rule: galvanostaticTarget).
    let byTime = false;
    if (galvano) {
      I_A = step.current_A_per_m2 * area_m2;
      ({ target: targetCount, byTime } = galvanostaticTarget(step, I_A, area_m2, q));
    }
    const countClock = galvano && !byTime;
    // a potentiostatic step's charge limit ("Hold at -50 mV until 0.01 mAh/cm2"): a net count too
    if (!galvano && step.charge_C_per_m2 !== undefined) targetCount = Math.max(1, Math.round((step.charge_C_per_m2 * area_m2) / q));
    const r = galvano ? (sign * I_A) / q : 0; // net reductions per second
    // WE current density in the cycler's sign (anodic > 0): -sign * I for galvanostatic steps
    const jGalv = galvano ? -sign * step.current_A_per_m2 : 0;
    const sampleCharge_C = this.run.output.sample_C_per_m2 * area_m2;
    const sampleCount = Math.max(1, Math.round(sampleCharge_C / q));
    const duration = step.duration_s ?? Infinity;
    const sampleTime = countClock ? Infinity : Math.max(duration / 200, 0);
    // a cell-voltage hold ("Hold at cell voltage -100 mV"): the overpotential is solved at each change of the box's rates
    const heldCell = step.control === 'potentiostatic' ? step.held_cell_voltage_V : undefined;
    const fixedEta = step.control === 'potentiostatic' && heldCell === undefined ? -(step.overpotential_V ?? 0) : undefined; // input: WE potential (negative = plating)
    const cutoff = step.cutoff_V;
    const faradaic = step.kind !== 'rest';
    // a hold without a time has no time windows: it is sampled on windows of charge (net voxels in
    // its direction), as a galvanostatic step is, so that its cell-voltage cut-off is tested (issue 9)
    const chargeWindows = !galvano && faradaic && duration === Infinity;
    // transport (null without an electrolyte) and pulse plating (the reported clock adds the off times)
    const tp = this.transport;
    const galvTime = pulseClock(step, q, I_A);

    const st = resume ?? this.initialState(fs);
    // a Hold step's current cut-off: windows of kMC time sized on the limit (engine/current-window.ts), resumed with the step
    const curWin = !galvano && faradaic && step.current_cutoff_A_per_m2 !== undefined
      ? new CurrentWindow(step.current_cutoff_A_per_m2, q, area_m2, st.startKmc, undefined, st.currentWindow) : null;
    // the step's window sums live in clk[1] (eta dt) and clk[2] (dt) during the loop; st gets them back
    // before a checkpoint and at the end
    const clk = this.clk;
    clk[1] = st.winEtaDt; clk[2] = st.winDt;
    if (!resume) {
      st.nextSampleCount = sampleCount;
      st.nextSampleTime = this.kmcTime + sampleTime;
      // the row that opens a half cycle: its start time and current; overpotential filled later
      if (faradaic) st.openRow = this.pushRow(fs, this.time, this.eta, jGalv);
    }
    // the run's progress mark (runAll's, across its steps); a step run on its own counts from its own start. It kept
    // the first such step's mark (until review33): a step run after another with its own `chunk` (the plating
    // benchmark's timed windows after its warm-up step, src/bench/engine.ts) reported first after fewer events
    const mark = this.progressMark();
    let lookAt = this.events; // the event count at the last look at the wall clock (afterEvent below)

    /** window-current of a row: galvanostatic exact, otherwise net charge over the window's kMC time */
    const windowCurrent = (): number => {
      if (galvano || !faradaic) return jGalv;
      const dt = this.kmcTime - st.lastRowTime;
      return dt > 0 ? (-(this.netVoxels - st.lastRowNet) * q) / area_m2 / dt : 0;
    };
    const emit = (tReported: number) => {
      const etaAvg = clk[2]! > 0 ? clk[1]! / clk[2]! : this.eta;
      const j = windowCurrent();
      if (st.openRow >= 0) {
        this.fillOpenRow(st.openRow, etaAvg);
        if (!galvano) { this.trace.current_mA_per_cm2[st.openRow] = TO.mA_per_cm2(j); this.refreshCellParts(st.openRow); }
        st.openRow = -1;
      }
      this.pushRow(fs, tReported, etaAvg, j);
      st.lastRowNet = this.netVoxels; st.lastRowTime = this.kmcTime;
      clk[1] = 0; clk[2] = 0;
      return etaAvg;
    };

    // the overpotential (double layer, electrochem/doublelayer.ts) is updated when A or B changed
    // (most events are hops, which leave them alone) and at the double layer's own update times
    const dl = this.dl, dls = dl.s;
    /** the double layer counts the faradaic events (electrochem.estimator: events or scaled-rates; absent = rates) */
    const dlEvents = this.run.electrochem.estimator !== undefined;
    if (resume?.dl) dls.set(resume.dl);
    // a galvanostatic step that goes on from one of the same kind (frontStopsAfter false at the end of the one before):
    // the galvanostat's origin and the double layer's averaging window carry on (engsplit: until then every step
    // restarted them, so a plate written as two steps ran another kMC time and other events than the one-step plate:
    // -28 s per 366 s without SEI, +51 s with it, bench/engine-step-split.ts). At another current the box's lag carries (below)
    // (GalvanostatChain).
    const carry = this.galvCarry;
    this.galvCarry = null;
    // at another current the step starts its own chain (its window, controller and reversal flag afresh) from the box's
    // lag at the boundary (GalvanostatChain d0, engsplit2; docs/model.md "Across a step boundary")
    let newCurrent = false;
    if (!resume && carry !== null && galvano && carry.index === fs.index && carry.sign === sign && this.steps[fs.index]?.step === step) {
      if (carry.chain.r === r) st.chain = carry.chain;
      else { st.chain = { t0: st.startKmc, net0: st.startNet, r, reversal: this.reversalAt[fs.index] === 1, d0: carry.lag }; newCurrent = true; }
    }
    const chain = st.chain;
    // the rounding remainder carries across a same-kind boundary, at any current: the step's target is the rounded charge
    // of the steps so far and its own, less the voxels those steps plated (StepRounding, engsplit2)
    if (!resume && carry !== null && galvano && carry.index === fs.index && carry.sign === sign && carry.rounding !== undefined && this.steps[fs.index]?.step === step) st.rounding = carry.rounding;
    const stepQ_C = countClock ? stepCharge_C(step, I_A, area_m2) : Infinity;
    if (countClock && st.rounding !== undefined && stepQ_C < Infinity) targetCount = Math.max(1, Math.round((st.rounding.charge_C + stepQ_C) / q) - st.rounding.voxels);
    if (!resume?.exact) dl.setRate(r, (resume?.dl !== undefined && resume.dl.length === dls.length) || (chain !== undefined && !newCurrent));
    if (tp && !resume?.exact) tp.advance(st.startTime + (countClock ? galvTime(st.maxProgress) : this.kmcTime - st.startKmc), this.app, true); // a step starts on a current field (a resumed one has its saved field)
    const eventLimit = opts.eventLimit ?? Infinity, boxFullZ = nz - 2, needsRoom = step.kind === 'plate';
    // the app's highest metal layer is a high-water mark (it never falls when metal is stripped): a plating step that
    // starts with it at the box's top reads the layers themselves, so that a plate after a strip that emptied the box
    // has its room again (mends67: it ended box_full after one event on an empty box). A resumed run's app already
    // has the true top (built from the lattice).
    if (!resume && needsRoom && this.app.maxMetalZ >= boxFullZ) this.app.maxMetalZ = this.topMetalLayer();
    const relax = new PulseRelaxation(step, q, I_A);
    const events0 = this.events;
    // the generic loop (engine/loop.ts) with this step's parts (simulation/step-parts.ts): the app,
    // the double layer, the first-passage exits, the thinning by the electrolyte and the SEI, and
    // the step's own bookkeeping below (rebuilds and checkpoints before an iteration; after an
    // event: event modules, field, counters, trace rows, terminations, progress)
    const appPart = new PlatingAppPart(this);
    // a current reversal: the run's last plate or strip step before this one was of the other kind (rests skipped;
    // walkReversals, the rule the sector scheme refuses a reversal by); its feedback is a galvanostatic step's
    const reversal = chain !== undefined ? chain.reversal : galvano && step.kind !== 'rest' && this.reversalAt[fs.index] === 1;
    const ctl = new DoubleLayerStepController(this, dl, tp, {
      galvano, sign, r, ...(fixedEta !== undefined ? { fixedEta } : {}), ...(heldCell !== undefined ? { cellHold: this.cellHold(heldCell) } : {}), rest: step.kind === 'rest',
      startKmc_s: chain !== undefined ? chain.t0 : st.startKmc,
      startNet: step.kind === 'rest' && opts.restHoldNet !== undefined ? opts.restHoldNet : chain !== undefined ? chain.net0 : st.startNet, trainRest: opts.restHoldNet !== undefined,
      netVoxels: () => this.netVoxels, reversal, ...(chain?.d0 !== undefined ? { deficit0: chain.d0 } : {}),
    });
    if (resume?.ctl) ctl.restore(resume.ctl);
    // a chain's step takes up the controller's last sums as a resumed one does: no update forced at its first iteration
    // where the one-step run has none (the last event left the rate sums as they were)
    else if (!resume && chain !== undefined && !newCurrent && carry?.ctl) ctl.restore(carry.ctl);
    const acceptors: Acceptor[] = [];
    const thinning = tp ? new TransportThinning(this, tp) : null;
    if (thinning) { thinning.skipCertain = this.skipCertainRejects; acceptors.push(thinning); }
    if (this.sei !== null) acceptors.push(new SeiThinning(this, this.sei));
    /** a progress report (and its window of events per second) to opts.onProgress */
    const progress = (now: number): void => {
      if (opts.onProgress) {
        // a hold without a time: progress against its charge if it has one, else none (it ends at a cut-off)
        const untimed = !galvano && duration === Infinity;
        const mAh = (count: number) => voxelsToMAhPerCm2(count, q, area_m2);
        const sp = countClock ? stepProgress(mAh(st.maxProgress), mAh(targetCount), 'mAh/cm2')
          : !untimed ? stepProgress(this.kmcTime - st.startKmc, duration, 's')
          : stepProgress(mAh(Math.max(0, st.stepNet)), targetCount < Infinity ? mAh(targetCount) : Infinity, 'mAh/cm2');
        opts.onProgress({
          ...(untimed && targetCount === Infinity ? { stepIndeterminate: true } : {}),
          ...(curWin ? { currentCutoff: { limit_mA_per_cm2: TO.mA_per_cm2(curWin.term.value), window_mA_per_cm2: currentWindowResult(curWin).last_mA_per_cm2 } } : {}),
          step: fs.index, steps: this.steps.length, stepFraction: sp.fraction,
          fraction: (fs.index + sp.fraction) / this.steps.length,
          stepText: step.text, stepDone: sp.done, stepTarget: sp.target, stepUnit: sp.unit,
          ...(countClock ? { stepNet: mAh(st.stepNet) } : {}),
          first_passage_exits: this.app.lone?.stats.exits ?? 0,
          events: this.events,
          events_per_s: (this.events - mark.events) / Math.max(1e-9, (now - mark.wall) / 1000),
          ...(this.transport ? { field_share: Math.min(1, Math.max(0, (this.transport.fieldWall_ms - (mark.field_ms ?? 0)) / Math.max(1e-9, now - mark.wall))) } : {}),
          // branch fieldcost2: what of the field's time went to settle, and what share of the events were rejected draws
          ...(this.transport ? {
            field_settle_share: Math.min(1, Math.max(0, (this.transport.field.settleWall_ms - (mark.settle_ms ?? 0)) / Math.max(1e-9, this.transport.fieldWall_ms - (mark.field_ms ?? 0)))),
            rejected_share: this.events > mark.events ? Math.min(1, Math.max(0, (this.transport.rejected - (mark.rejected ?? 0)) / (this.events - mark.events))) : 0,
          } : {}),
          charge_C_per_cm2: (this.netVoxels * q) / (area_m2 * CM2_PER_M2),
          overpotential_mV: -this.eta * 1e3,
        });
      }
      mark.events = this.events;
      mark.wall = now;
      mark.field_ms = this.transport?.fieldWall_ms ?? 0;
      mark.settle_ms = this.transport?.field.settleWall_ms ?? 0;
      mark.rejected = this.transport?.rejected ?? 0;
    };
    const stepEnd: StopRule & Observer & { ended: StepResult['ended'] | null } = {
      name: 'step', ended: null,
      reached: () => stepEnd.ended !== null,
      afterEvent: (ch, _e, _t, s) => {
        this.events = events0 + s.events;
        const app = this.app;
        const mods = this.modules;
        for (let k = 0; k < mods.length; k++) mods[k]!.afterEvent(app, ch, appPart.site, clk[0]!);
        // a step the field ends at this event (the deposit at the separator plane, Sand's onset): the event is in the
        // lattice, so its charge is counted before the step ends (until review60 it was not: the structure files and
        // connected_voxels held one metal voxel more than deposited_voxels, the charge and the time said)
        let fieldEnd: 'short_circuit' | 'transport_limited' | null = null;
        if (tp) {
          tp.afterEvent(app, ch, appPart.site);
          // the clock with this event's charge counted: a reduction's salt leaves over the quantum q / I that its
          // charge takes, so the field is advanced across it now, before the next draw (until branch fieldclock it was
          // the progress before the event: the sink stood unrelaxed until the next executed event, docs/transport.md)
          const netNow = st.stepNet + (ch === CH_RED ? sign : ch === CH_OX ? -sign : 0);
          const tNow = countClock ? st.startTime + galvTime(netNow > st.maxProgress ? netNow : st.maxProgress)
            : st.startTime + (this.kmcTime - st.startKmc);
          // a pulse's off time has just passed: the field relaxes before the next on time (rest-pulse.ts); a faradaic
          // event that moved no clock relaxes over min(q / I, 30 h^2/D) (fields/transport.ts advance)
          tp.advance(tNow, app, relax.offTimePassed(Math.max(netNow, st.maxProgress)), countClock ? q / I_A : 0, sign > 0);
          if (tp.touchesPlane(app.maxMetalZ)) fieldEnd = 'short_circuit';
          // Sand's onset ends a plating step where its surface is depleted now (rho, the last scan's, at or below
          // sand_fraction): until review57 every galvanostatic step after the run's first onset ended at its first event,
          // a strip after a Sand-limited plate too (0 stripped, CE 0, the page saying only "finished"). At the event
          // whose advance found the onset, so that the step's time is the onset's (until review60 at the next event,
          // executed and not counted)
          else if (tp.spec.stop_at_sand === true && galvano && sign > 0 && tp.sandTime_s !== null && tp.sandRho <= tp.spec.sand_fraction) fieldEnd = 'transport_limited';
        }
        if (ch === CH_RED) { this.netVoxels++; st.stepNet += sign; if (dlEvents) dl.faradaic(this.kmcTime, true, appPart.site); curWin?.faradaic(sign > 0); }
        else if (ch === CH_OX) { this.netVoxels--; st.stepNet -= sign; if (dlEvents) dl.faradaic(this.kmcTime, false, appPart.site); curWin?.faradaic(sign < 0); }
        else if (dlEvents && ch === CH_HOP && app.lastHopTo >= 0 && app.code[appPart.site] === EMPTY) dl.hop(appPart.site, app.lastHopTo); // the events and scaled-rates estimators follow the atom
        if (fieldEnd !== null) {
          // the step's time is its furthest net progress / I, this event's included (the end of step reads it)
          if (countClock && st.stepNet > st.maxProgress) st.maxProgress = st.stepNet;
          if (fieldEnd === 'short_circuit') tp!.shortCircuit_s = countClock ? st.startTime + galvTime(st.maxProgress) : st.startTime + (this.kmcTime - st.startKmc);
          stepEnd.ended = fieldEnd;
          return;
        }
        if ((this.events & 0xffff) === 0) app.solver.resum();

        if (countClock) {
          if (st.stepNet > st.maxProgress) {
            st.maxProgress = st.stepNet;
            if (st.maxProgress >= st.nextSampleCount || st.maxProgress >= targetCount) {
              this.time = st.startTime + galvTime(st.maxProgress);
              emit(this.time);
              st.nextSampleCount += sampleCount;
              if (cutoff !== undefined && this.rowReachesCutoff(step)) { stepEnd.ended = 'cutoff'; return; }
            }
            if (st.maxProgress >= targetCount) { stepEnd.ended = 'charge'; return; }
          }
        } else if (this.kmcTime >= st.nextSampleTime || (chargeWindows && st.stepNet >= st.nextSampleCount)) {
          this.time = st.startTime + (this.kmcTime - st.startKmc);
          emit(this.time);
          if (chargeWindows) st.nextSampleCount += sampleCount; else st.nextSampleTime += sampleTime;
          if (cutoff !== undefined && this.rowReachesCutoff(step)) { stepEnd.ended = 'cutoff'; return; }
        }
        if (!countClock && st.stepNet >= targetCount) { stepEnd.ended = 'charge'; return; }
        // a full box ends only a step that needs room above the deposit: a plate, a plating hold, a pulse's on time.
        // A strip, a stripping hold or a rest after a plate that filled the box runs as asked (mends67: they ended
        // box_full after one event, the run's later strips and rests never ran; the box's top is closed, so a strip's
        // few voxels plated against its current stay in it)
        if (needsRoom && app.maxMetalZ >= boxFullZ) { stepEnd.ended = 'box_full'; return; }
        if (this.events >= eventLimit) { stepEnd.ended = 'event_limit'; return; }
        if (sign < 0 && app.metalCount - app.deadCount === 0) { stepEnd.ended = 'no_metal'; return; }
        // due every chunk events, or (looked at every 64 events) when progressEvery_s of wall time have passed.
        // mends115 (review85 F10): the look is 64 events after the last look, not at an event count divisible by 64: an
        // event an acceptor rejects (the electrolyte's or the SEI's thinning) counts as an event but calls no afterEvent,
        // so the executed events of a salt-starved run stepped over the multiples of 64 and the run looked every 6-9 s
        // (the workbench's Cancel of li-transport with an SEI read `cancelled` 4-13 s later)
        // The cancel flag is read at every look, not only when a report is due (a read of shared memory every 64 events):
        // a cancel waited up to progressEvery_s for the report
        const chunkDue = this.events - mark.events >= chunk;
        if (chunkDue || this.events - lookAt >= 64) {
          lookAt = this.events;
          if (opts.signal?.aborted) { stepEnd.ended = 'cancelled'; return; }
          const now = performance.now();
          if (chunkDue || now - mark.wall >= progressEvery_ms) progress(now);
        }
      },
    };
    /** hands the checkpoint writer the state at the top of a loop iteration */
    const writeCk = () => {
      this.nextStep = fs.index;
      this.wall_s = this.wallSoFar();
      st.winEtaDt = clk[1]!; st.winDt = clk[2]!;
      st.dl = Array.from(dls);
      const c = ctl.save();
      if (c) st.ctl = c; else delete st.ctl;
      if (curWin) st.currentWindow = { ...curWin.s };
      st.exact = true;
      opts.checkpoint!.write(this, st);
      this.lastCheckpointWall = performance.now();
    };
    const stop: StopRule[] = [stepEnd];
    // time-limited steps (rest/potentiostatic, a sub-voxel galvanostatic step by time) end at the duration on the kMC clock
    if (!countClock) stop.push(new KmcTimeLimit(duration, st.startKmc));
    // a current cut-off: its window at or below the limit ends the step at the window's end (the clock stops there;
    // engine/current-window.ts); after the time limit, which wins a tie
    if (curWin) stop.push(curWin);
    const fields: Field[] = this.app.lone !== null ? [new LoneAdatomExits(this)] : [];
    if (curWin) fields.push(curWin.field); // a window above the limit closes at its end, the next opens
    const res = runLoop(appPart, rng, {
      controller: ctl, fields, acceptors, observers: [stepEnd], stop, idle: 'stall',
      // the thinning's certain rejections left out after CERTAIN_AFTER rejections in a row (branch fieldcost2)
      ...(thinning ? { certain: thinning } : {}),
      // the kMC clock and the step's window sums (eta dt, dt) of the trace rows
      clock: { elapsed: (dt, t) => { clk[0] = t; clk[1]! += this.eta * dt; clk[2]! += dt; } },
      // deterministic rebuild at fixed event counts; a checkpoint (the whole state, checkpoint.ts)
      // when due, looked at every `chunk` events (it changes nothing of the trajectory)
      beforeIteration: (s) => {
        this.events = events0 + s.events;
        if (this.events >= this.nextRebuild) {
          this.rebuild();
          this.nextRebuild += this.rebuildEvery;
        }
        const ck = opts.checkpoint;
        if (ck && performance.now() - this.lastCheckpointWall >= ck.every_s * 1000) writeCk();
        // a cancel is looked at here too (the loop stops after the next event): at each step's and
        // pulse sub-step's start, and not only at the per-event look (every `chunk` events of the run)
        if (opts.signal?.aborted && stepEnd.ended === null) stepEnd.ended = 'cancelled';
        return (ck ? Math.min(this.nextRebuild, this.events + chunk) : this.nextRebuild) - events0;
      },
      // a long stretch without events (a double layer charging at a tiny current: 1e-9 mA/cm2 on
      // graphene runs millions of its updates before the first reduction) still takes checkpoints,
      // sees a cancel and reports progress (at most once a second); none changes the trajectory
      quiet: (s) => {
        this.events = events0 + s.events;
        const now = performance.now();
        const ck = opts.checkpoint;
        if (ck && now - this.lastCheckpointWall >= ck.every_s * 1000) writeCk();
        // (a cancel seen by the last beforeIteration has already set it: the loop stops here, not after the next event)
        if (opts.signal?.aborted && stepEnd.ended === null) stepEnd.ended = 'cancelled';
        if (stepEnd.ended !== null) return stepEnd.name;
        if (now - mark.wall >= progressEvery_ms) progress(now);
        return null;
      },
      // mends115 (review85 F10): a stretch of events the electrolyte's or the SEI's thinning rejects (they call no
      // afterEvent) looks every 64 of them: at the cancel flag, and at the wall clock for a report when due
      rejected: (s) => {
        this.events = events0 + s.events;
        if (opts.signal?.aborted && stepEnd.ended === null) { stepEnd.ended = 'cancelled'; return stepEnd.name; }
        const now = performance.now();
        if (now - mark.wall >= progressEvery_ms) progress(now);
        return null;
      },
    }, this.kmcTime);
    this.events = events0 + res.events;
    // a cancel seen before an iteration stops the loop at the next event's stop rule; if the loop
    // ended otherwise first (the time limit crossed by the draw, nothing left to react), the step
    // ends as it would have, and the next step's first look sees the cancel (a checkpoint here
    // would resume with one more draw of the crossing)
    if (stepEnd.ended === 'cancelled' && res.ended !== stepEnd.name) stepEnd.ended = null;
    // a cancelled run keeps its state as it stands (the next iteration would start from it); so does a run stopped at
    // the event limit (review67: `simulate --resume --max-events n` deleted the checkpoint it had resumed from, and the
    // run could not be continued past n; the limit is looked at where a cancel is, so the state is the same kind)
    if ((stepEnd.ended === 'cancelled' || stepEnd.ended === 'event_limit') && opts.checkpoint) writeCk();
    let ended: StepResult['ended'] = 'stalled';
    if (stepEnd.ended !== null) ended = stepEnd.ended;
    else if (res.ended === REST_IDLE) {
      // a rest with nothing that can react (no metal on the electrode): the clock just runs
      const idle = restIdle(st.startKmc, st.startTime, duration);
      this.kmcTime = idle.kmc_s; this.time = idle.time_s;
      ended = 'time';
    } else if (res.ended === 'time') { this.time = st.startTime + duration; ended = 'time'; }
    else if (res.ended === curWin?.name) { curWin.closeAtEnd(); ended = 'current_cutoff'; } // the open window's end: its current is at or below the limit
    else ended = res.ended as StepResult['ended'];
    // close the step with a final sample if the window has content
    // A galvanostat's clock is its charge counter: the step lasted (net charge) / I, exactly
    // (the largest progress reached, so that the clock never runs backwards).
    if (countClock) this.time = st.startTime + galvTime(st.maxProgress);
    // a step on the kMC clock that ran to its duration ends with no event there: the field is advanced to its end before
    // the last row (Transport.catchUp; branch fieldaudit: it stood at the last event's update, 0.42 s of a 0.5 s rest)
    if (tp && !countClock && ended === 'time') tp.catchUp(this.time, this.app);
    if (clk[2]! > 0 || st.openRow >= 0) {
      if (!countClock && ended !== 'time') this.time = st.startTime + (this.kmcTime - st.startKmc);
      emit(this.time);
    }
    st.winEtaDt = clk[1]!; st.winDt = clk[2]!;
    st.dl = Array.from(dls);
    const net = this.netVoxels - st.startNet;
    const app = this.app;
    app.lone?.resolveAll(); // every lone adatom at its drawn place before the lattice is read
    // the event modules' last pass of the step (the SEI's full pass: rng draws, its clock) and endStep only where the
    // front stops or turns: a boundary between two steps of the same kind is no physical event (seisplit: until then the
    // pass ran at every step's end, so a plate written as two steps lowered the default CE by 0.61 points [0.10, 1.11];
    // the modules' next pass covers the time across the boundary, as in the one-step plate)
    const frontStops = this.frontStopsAfter(fs);
    if (frontStops) for (const m of this.modules) { m.advance(app, this.kmcTime); m.endStep?.(app); }
    // the front goes on into a galvanostatic step of the same kind (not a pulse train's): at the same current it takes up
    // this step's origin
    const nextFs = this.steps[fs.index + 1];
    if (!frontStops && galvano && nextFs !== undefined && nextFs.step.control === 'galvanostatic' && !nextFs.step.pulse && ended !== 'cancelled' && ended !== 'event_limit') {
      // the charge asked so far and the voxels plated to it, where this step reached its target (StepRounding, engsplit2)
      const rounding = ended === 'charge' && countClock && stepQ_C < Infinity
        ? { charge_C: (st.rounding?.charge_C ?? 0) + stepQ_C, voxels: (st.rounding?.voxels ?? 0) + targetCount } : undefined;
      const ch = st.chain ?? { t0: st.startKmc, net0: st.startNet, r, reversal };
      // the box's lag at the boundary, for a step at another current (GalvanostatChain d0): the deficit the controller fed
      const lag = (ch.d0 ?? 0) + ch.r * (this.kmcTime - ch.t0) - (this.netVoxels - ch.net0);
      this.galvCarry = { index: fs.index + 1, sign, chain: ch, ctl: ctl.save(), lag, ...(rounding ? { rounding } : {}) };
    }
    if (curWin) st.currentWindow = { ...curWin.s };
    const core0 = this.stepCore(fs, net, { time: st.startTime, kmc: st.startKmc, events: st.startEvents, row: st.sampleIndex0 }, ended);
    const core = curWin ? { ...core0, current_window: currentWindowResult(curWin) } : core0;
    // the count clock never runs backwards: a step that ends below its furthest progress keeps that progress's time
    // (not said of a step cut by the event limit or a cancel: it did not end, and a cancelled one resumes)
    const cut = ended === 'event_limit' || ended === 'cancelled';
    return countClock && !cut && st.stepNet < st.maxProgress ? { ...core, short_of_progress_voxels: st.maxProgress - st.stepNet } : core;
  }

  /**
   * Whether the deposit's front stops or turns at the end of step `fs` (the event modules' last advance and endStep run
   * only then: endStep since mends111, review84; the advance since seisplit): at a rest's end, before a rest, at a change of direction (plate -> strip, strip -> plate) and at
   * the protocol's end. Not between two steps of the same kind ("Plate 0.05 ..." twice, a galvanostatic plate and a hold
   * at a negative overpotential: a hold counts by its sign), where the front goes on: until mends111 every step end
   * released the SEI's held films (settle_after_layer), so a plate written as two steps gave +0.26 points of SEI [+0.04,
   * +0.49] on 1.08 % (review84). A pulse train's on time is followed by its off time (a rest), so it counts as a stop,
   * its last one too; a step run that is not the protocol's own (a test's or a bench's hand-made step) counts as a stop.
   */
  private frontStopsAfter(fs: FlatStep): boolean {
    const kind = fs.step.kind;
    if (kind === 'rest' || this.steps[fs.index]?.step !== fs.step) return true;
    const next = this.steps[fs.index + 1];
    return next === undefined || next.step.kind !== kind;
  }

  /**
   * A step's result from the clocks and counters at its start, read now: the charge of `net`
   * voxels, the times, events and trace rows since then. One place for a sub-step's (runSubStep),
   * a pulse train's over its sub-steps (pulse.ts) and an ion-walker step's (walker-step.ts).
   */
  stepCore(fs: FlatStep, net: number, start: { time: number; kmc: number; events: number; row: number }, ended: StepResult['ended']): StepCore {
    return {
      index: fs.index,
      cycle: fs.cycle,
      half_cycle: fs.half_cycle,
      text: fs.step.text,
      kind: fs.step.kind,
      charge_C_per_cm2: (net * this.d.q_C) / (this.d.area_m2 * CM2_PER_M2),
      net_voxels: net,
      duration_s: this.time - start.time,
      kmc_duration_s: this.kmcTime - start.kmc,
      events: this.events - start.events,
      ended,
      samples: [start.row, this.trace.time_s.length],
    };
  }

  /** Whether the trace row just written reaches the step's voltage cut-off (input/termination.ts). */
  private rowReachesCutoff(step: ProtocolStep): boolean {
    const tr = this.trace, i = tr.time_s.length - 1;
    return voltageCutoffReached(step, tr.overpotential_mV[i]!, tr.cell_voltage_mV[i]!);
  }

  /** A cell-voltage hold's overpotential at the box's rate sums (step-parts.ts cellVoltageHoldEta), for its step controller. */
  private cellHold(V: number): (Aeff: number, B: number) => number {
    const k: CellHoldContext = { ...this.cellContext(), q_per_area: this.d.q_C / this.d.area_m2, alpha: this.run.metal.alpha };
    return (Aeff, B) => cellVoltageHoldEta(V, Aeff, B, k);
  }

  /**
   * What the cell voltage's parts depend on (electrochem/cell.ts cellVoltageParts, the one function of the rows, the
   * cell-voltage hold and the generic loop's voltage stops): the counter electrode, the run's `electrochem.ohmic` and the
   * electrolyte field if the run has one (its resistance, the counter's c_CE, the concentration part; branches cellv2,
   * mends68).
   */
  cellContext(): CellVoltageContext {
    return { counter: this.counter, f_per_V: this.d.f_per_V, ohmic_Ohm_m2: this.run.electrochem.ohmic_Ohm_m2, ...(this.transport ? { field: this.transport } : {}) };
  }

  /** Recomputes the counter and ohmic parts (and with a field the concentration part) of a row from its current. */
  private refreshCellParts(row: number): void {
    const tr = this.trace;
    const j = TO.A_per_m2_from_mA_per_cm2(tr.current_mA_per_cm2[row]!);
    // the window's current: the electrolyte's resistance, the counter's c_CE and its concentration part now (the
    // window's end); the working electrode's diffusion potential at the row's surface concentration
    const p = cellVoltageParts(j, this.cellContext());
    tr.counter_mV[row] = p.counter_V * 1e3;
    tr.ohmic_mV[row] = p.ohmic_V * 1e3;
    const tp = this.transport;
    if (tp) tr.concentration_mV![row] = -(tp.diffusionPart(tr.surface_concentration_M![row]! * 1000) + tp.counterConcPart(j)) * 1e3;
    tr.cell_voltage_mV[row] = tr.overpotential_mV[row]! + tr.counter_mV[row]! + tr.ohmic_mV[row]! + (tr.concentration_mV?.[row] ?? 0);
  }
}

/** A current cut-off window's figures for the step result (mA/cm2; NaN, no window closed, as null). */
function currentWindowResult(w: CurrentWindow): NonNullable<StepResult['current_window']> {
  const mA = (j: number) => (Number.isNaN(j) ? null : TO.mA_per_cm2(j));
  return { last_mA_per_cm2: mA(w.s.last_A_per_m2), previous_mA_per_cm2: mA(w.s.previous_A_per_m2), windows: w.s.windows, window_s: w.window_s, voxels_per_window: w.m };
}
