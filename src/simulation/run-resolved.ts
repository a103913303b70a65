/**
 * Runs a resolved run: the one running path behind `simulate` (simulate.ts, which first turns a
 * run file or a raw run object into a resolved run) and the worker threads (simulate-worker.ts,
 * seed-worker.ts, sweep/task-worker.ts), which are handed runs already resolved. This module and
 * what it imports hold no run-file parser: input/parse.ts and input/run-schema.ts, with zod, the
 * YAML parser and the parameter registry, cost each worker about 0.24 CPU s to load (a worker's
 * start and a 466-event run: 0.57 CPU s before, 0.33 s since; bench/worker-start.ts, medians of 5
 * at load 4). test/worker-load.test.ts keeps them out.
 */
import type { ResolvedRun } from '../input/types.js';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, resolvedRunArg } from '../args.js';
import { clearDir, makeWritableDir } from '../io/dirs.js';
import { Simulation, SIMULATION_CONFIG_KEYS, engineConfigArg, type ProgressInfo, type TraceColumns, type StepResult, type SimulationConfig } from './simulation.js';
import { computeMetrics, writeOutputs, writeStepSnapshot, voxelGrid, type Metrics, type VoxelGrid } from './report.js';
import { cycleSummary, type CycleSummary } from './cycles.js';
import { writeCheckpoint, resumeSimulation, readCheckedCheckpoint, otherRunRefusal, loopStateRefusal, checkpointWriteRefusal } from './checkpoint.js';
import { writeRunFigureSpecs } from '../plots/run.js';
import { snapshotPlan, keepSnapshot } from './snapshots.js';
import { CHECKPOINT_FILE } from './checkpoint-file.js';
import { C_PER_MAH } from '../units.js';
import { isResolvedRun } from './is-resolved-run.js';

export interface SimulateOptions {
  /** write metrics.json, eta.csv, steps.csv, final.vti, final.extxyz, resolved.json here */
  outDir?: string;
  /** override the seed of the input */
  seed?: number;
  onProgress?: (p: ProgressInfo) => void;
  /**
   * read between batches of events (every `chunk`): the run stops at the next one after it is aborted. `simulate()` holds
   * the thread until it returns, so only its own `onProgress` can abort it: a timer's signal (`AbortSignal.timeout(ms)`,
   * a `setTimeout` calling `abort()`) never fires during the run; `simulateInWorker` takes one that does
   */
  signal?: AbortSignal;
  /** write <outDir>/checkpoint.bin every so many seconds of wall time (needs outDir) */
  checkpointEvery_s?: number;
  /** continue from <outDir>/checkpoint.bin when it exists (needs outDir) */
  resume?: boolean;
  /** told when a run resumes from a checkpoint: `step` is the 0-based index of the step it goes on in, counting each step of a repeat (StepResult.index; `sacplate simulate` prints it from 1, with its text) */
  onResume?: (info: { file: string; events: number; step: number }) => void;
  /** counter electrode, rebuild interval */
  config?: SimulationConfig;
  /** events between progress checks (and cancel checks); default 200 000 */
  chunk?: number;
  /** handed the simulation before it runs (a live view reads its trace and grid at progress checks) */
  onSimulation?: (sim: Simulation) => void;
  /**
   * stop the run after this many events of the run (an integer >= 1; `simulate --max-events`): the step under way ends
   * `event_limit`, the steps after it do not run, and the outputs are those of the part it ran (mends78: the CLI had no
   * such flag; runAll's `eventLimit` was the library's only way)
   */
  eventLimit?: number;
}

/** A run's trace as simulate() returns it: the engine's columns and the charge in mAh/cm2 beside its C/cm2 (mends65b). */
export type RunTrace = TraceColumns & { charge_mAh_per_cm2: number[] };
/** A step's result as simulate() returns it: with its charge in mAh/cm2 beside its C/cm2 (mends65b). */
export type RunStep = StepResult & { charge_mAh_per_cm2: number };

/**
 * The trace and steps a run returns, each with the charge in mAh/cm2 beside its C/cm2 (eta.csv's and steps.csv's
 * charge_mAh_per_cm2, the same division; review65: a script converted by hand). The trace's columns are the run's own
 * arrays, not copied; the steps are copies of the engine's records with the field added.
 */
export function withMAh(trace: TraceColumns, steps: readonly StepResult[]): { trace: RunTrace; steps: RunStep[] } {
  return {
    trace: { ...trace, charge_mAh_per_cm2: Array.from(trace.charge_C_per_cm2, (q) => q / C_PER_MAH) },
    steps: steps.map((s) => ({ ...s, charge_mAh_per_cm2: s.charge_C_per_cm2 / C_PER_MAH })),
  };
}

export interface SimulateResult {
  metrics: Metrics;
  /** the sampled rows' columns (TraceColumns), with charge_mAh_per_cm2 beside charge_C_per_cm2 */
  trace: RunTrace;
  /** one per step run, with charge_mAh_per_cm2 beside charge_C_per_cm2 */
  steps: RunStep[];
  files: string[];
  run: ResolvedRun;
  cycles: CycleSummary;
  /** whether this run continued from a checkpoint */
  resumed: boolean;
  /**
   * whether the run stopped at its `signal` (its last step ended `cancelled`): `metrics`, `trace`, `cycles` and the outputs
   * are then those of the part it ran (a CE over the cycles before the stop), and with `outDir` and `checkpointEvery_s`
   * `resume: true` goes on from the checkpoint kept there. An `eventLimit` stop is not a cancel: its step ends
   * `event_limit`. As simulateInWorker's result says it (review73: simulate() said it only in metrics.steps_ended)
   */
  cancelled: boolean;
  /** the voxel grid at the run's end (final.vti's array): dims, voxel_nm, codes (a Uint8Array, x fastest) and the code table */
  grid: VoxelGrid;
}

export { CHECKPOINT_FILE };
// startcost2: in is-resolved-run.ts (the batch commands resolve a run on the CLI's main thread, which loads no engine)
export { isResolvedRun } from './is-resolved-run.js';

/**
 * The options a library caller can get wrong as a CLI user gets the flags wrong: the same one-line
 * InputError/FileError (field, value, what was expected), not a TypeError deep in the run or, for
 * an output folder under /proc, a recursive mkdir that never returns.
 */
export const SIMULATE_OPTION_KEYS = ['outDir', 'seed', 'onProgress', 'signal', 'checkpointEvery_s', 'resume', 'onResume', 'config', 'chunk', 'onSimulation', 'eventLimit'] as const;

export function checkSimulateOptions(opts: unknown, keys: readonly string[] = SIMULATE_OPTION_KEYS): asserts opts is SimulateOptions {
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) throw new InputError('options', opts, 'a map of options, e.g. { outDir: "runs/li", seed: 2 }');
  plainOptionsArg('options', opts, '{ outDir: "runs/li", seed: 2 }');
  const o = opts as Record<string, unknown>;
  // a misspelt option (outdir, onprogress) was ignored: no output folder, no progress, and no word of it
  refuseUnknownKeys('options', o, keys, { word: 'option', owner: 'simulate takes' });
  // the loop reads signal.aborted between batches: a string or {} never stopped the run. Any { aborted: boolean }
  // is taken (the worker threads pass such a flag), so not args.ts signalArg, which wants an AbortSignal to listen to
  if (o.signal !== undefined && (o.signal === null || typeof o.signal !== 'object' || typeof (o.signal as { aborted?: unknown }).aborted !== 'boolean')) {
    throw new InputError('signal', o.signal, 'an AbortSignal (new AbortController().signal)');
  }
  if (o.resume !== undefined && typeof o.resume !== 'boolean') throw new InputError('resume', o.resume, 'true or false');
  if (o.checkpointEvery_s !== undefined && (typeof o.checkpointEvery_s !== 'number' || !(o.checkpointEvery_s >= 0))) throw new InputError('checkpointEvery_s', o.checkpointEvery_s, 'seconds of wall time, a number >= 0');
  if (o.config !== undefined) {
    if (!isMap(o.config)) throw new InputError('config', o.config, 'a map of options, e.g. { rebuildEvery: 4194304 }');
    const c = o.config;
    refuseUnknownKeys('config', c, SIMULATION_CONFIG_KEYS, { word: 'option', owner: 'config takes' });
    engineConfigArg('config.engine', c.engine);
    // the counter electrode's numbers enter every trace row's cell voltage: 5 gave NaN cell voltages
    const ce = c.counter as Record<string, unknown> | undefined;
    if (ce !== undefined && !(isMap(ce) && typeof ce.i0_A_per_m2 === 'number' && ce.i0_A_per_m2 > 0 && Number.isFinite(ce.i0_A_per_m2) && typeof ce.alpha === 'number' && ce.alpha > 0 && ce.alpha < 1)) {
      throw new InputError('config.counter', ce, 'a counter electrode { i0_A_per_m2: a number > 0 (A/m2), alpha: a number between 0 and 1 }');
    }
  }
  if (o.outDir !== undefined && (typeof o.outDir !== 'string' || o.outDir.trim() === '')) throw new InputError('outDir', o.outDir, 'a folder path (text)');
  for (const k of ['onProgress', 'onResume', 'onSimulation'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'function') throw new InputError(k, o[k], 'a function');
  }
  if (o.chunk !== undefined && !(Number.isInteger(o.chunk) && (o.chunk as number) >= 1)) throw new InputError('chunk', o.chunk, 'an integer >= 1 (events between progress checks)');
  if (o.eventLimit !== undefined && !(Number.isSafeInteger(o.eventLimit) && (o.eventLimit as number) >= 1)) throw new InputError('eventLimit', o.eventLimit, 'an integer >= 1 (events of the run after which it stops)');
  const re = (o.config as SimulationConfig | undefined)?.rebuildEvery;
  if (re !== undefined && !(Number.isInteger(re) && re >= 1 && re <= Number.MAX_SAFE_INTEGER)) throw new InputError('config.rebuildEvery', re, 'an integer from 1 to 9007199254740991 (events between engine rebuilds; the CLI asks for >= 1000)');
}

/**
 * What a resume from a checkpoint at `at` (its events and rebuild interval) refuses of the options asked for, or
 * undefined: the one check for the run (simulateResolved) and for `simulate --resume` before it records one
 * (checkResume).
 */
function resumeLimitsRefusal(ckFile: string, at: { events: number; rebuildEvery: number }, asked: { eventLimit?: number | undefined; rebuildEvery?: number | undefined }): InputError | undefined {
  // review65: a limit the checkpoint is already at or past ran one event more, called the run finished at the limit
  // and deleted the checkpoint; refused before anything is written, the checkpoint as it was
  if (asked.eventLimit !== undefined && at.events >= asked.eventLimit) {
    return new InputError('--max-events', asked.eventLimit, `more events than the ${at.events} the checkpoint ${ckFile} had run (the run resumed there is already past this limit; the checkpoint is kept: resume with a larger limit, or without one to run to the end)`);
  }
  // mends80 (review65): a resume continues with the checkpoint's own rebuild interval (it is part of the trajectory,
  // simulation.ts), and another one was taken without a word and not used; refused, the checkpoint as it was
  if (asked.rebuildEvery !== undefined && asked.rebuildEvery !== at.rebuildEvery) {
    return new InputError('--rebuild-every', asked.rebuildEvery, `the checkpoint's own interval, ${at.rebuildEvery} events, or none (the interval is part of the trajectory, so a resumed run keeps the one it started with; the checkpoint ${ckFile} is kept: resume without --rebuild-every, or start again without --resume for another interval)`);
  }
  return undefined;
}

/**
 * `simulate --resume`'s checks of the checkpoint in `outDir` (if there is one) against the run, `--max-events` and
 * `--rebuild-every`, from its header alone, before the run is recorded or started: the refusals the run itself would
 * make (review71: made in the run's worker, each was recorded in the store as a failed run with no outputs).
 */
export function checkResume(outDir: string, run: ResolvedRun, asked: { eventLimit?: number | undefined; rebuildEvery?: number | undefined }): void {
  const ckFile = join(outDir, CHECKPOINT_FILE);
  if (!existsSync(ckFile)) return;
  // mends86: the whole file's length and SHA-256 too (a corrupt engine section was found in the worker, after the store
  // had recorded the run: a failed run with no outputs); inflating and restoring it stay the run's
  const { header } = readCheckedCheckpoint(ckFile);
  const other = otherRunRefusal(ckFile, header.run, run) ?? loopStateRefusal(ckFile, header);
  if (other) throw other;
  const refusal = resumeLimitsRefusal(ckFile, { events: header.sim.events, rebuildEvery: header.config.rebuildEvery }, asked);
  if (refusal) throw refusal;
}

/** The options of `simulateResolved`: `simulate`'s without `seed` (a resolved run carries its seed). */
export type RunOptions = Omit<SimulateOptions, 'seed'>;
const RUN_OPTION_KEYS = SIMULATE_OPTION_KEYS.filter((k) => k !== 'seed');

/**
 * Runs `run` (resolveInput()'s result) with `opts`; `simulate` is this after resolving its input. `clearFirst` (not a
 * library option: the CLI's `simulate --out DIR --force`, through its worker) lists the previous run's entries of
 * outDir, removed just before the run writes its first file there (a checkpoint, a snapshot, or its outputs at the
 * end or at a stop): a run that fails, or is killed, before that leaves the previous outputs as they were (mends45).
 */
export function simulateResolved(run: ResolvedRun, opts: RunOptions = {}, clearFirst: readonly string[] = []): SimulateResult {
  checkSimulateOptions(opts, RUN_OPTION_KEYS);
  resolvedRunArg('run', run);
  if ((opts.resume || opts.checkpointEvery_s !== undefined) && !opts.outDir) {
    // the library's option names (the CLI refuses --resume and --checkpoint-every without --out before this)
    throw new InputError(opts.resume ? 'resume' : 'checkpointEvery_s', opts.resume ? true : opts.checkpointEvery_s, 'an output folder as well (outDir), which holds the checkpoint');
  }
  // the concentration field is part of the saved engine state (checkpoint.ts); ions as walkers one at a
  // time take checkpoints at arrivals (walker-step.ts), walkers on a clock at sweep boundaries
  // (drift-walker-step.ts; docs/engine.md, "Ion-walker steps")
  // made (and proved writable) before the run: a bad folder costs nothing, and never hangs
  if (opts.outDir) makeWritableDir(opts.outDir, 'outDir');
  const ckFile = opts.outDir ? join(opts.outDir, CHECKPOINT_FILE) : undefined;
  let toClear: readonly string[] = opts.outDir ? clearFirst : [];
  const beforeWrite = () => {
    if (toClear.length === 0) return;
    const entries = toClear;
    toClear = [];
    clearDir(opts.outDir!, '--out', new Set(), entries);
  };
  // a checkpoint this user cannot write, refused before the run rather than at its first checkpoint (robust63)
  if (ckFile && (opts.resume || opts.checkpointEvery_s !== undefined)) {
    const refusal = checkpointWriteRefusal(ckFile);
    if (refusal) throw refusal;
  }
  let sim: Simulation;
  let resumed = false;
  if (opts.resume && ckFile && existsSync(ckFile)) {
    sim = resumeSimulation(ckFile, run, opts.config);
    const refusal = resumeLimitsRefusal(ckFile, { events: sim.events, rebuildEvery: sim.rebuildEvery }, { eventLimit: opts.eventLimit, rebuildEvery: opts.config?.rebuildEvery });
    if (refusal) throw refusal;
    resumed = true;
    opts.onResume?.({ file: ckFile, events: sim.events, step: sim.nextStep });
  } else {
    sim = new Simulation(run, opts.config);
  }
  const snapshots = opts.outDir && run.output.snapshots ? opts.outDir : undefined;
  // long cycling runs keep every Nth cycle's snapshots (at most ~1 GB, see snapshots.ts)
  const plan = snapshotPlan(run);
  opts.onSimulation?.(sim);
  sim.runAll({
    onProgress: opts.onProgress, signal: opts.signal, ...(opts.chunk !== undefined ? { chunk: opts.chunk } : {}), ...(opts.eventLimit !== undefined ? { eventLimit: opts.eventLimit } : {}),
    // a resumed run without checkpointEvery_s takes none periodically (every_s Infinity) but one where it stops (a cancel,
    // the event limit), as a run with checkpointEvery_s does (review67)
    checkpoint: ckFile && (opts.checkpointEvery_s !== undefined || resumed) ? { every_s: opts.checkpointEvery_s ?? Infinity, write: (s, st) => { beforeWrite(); writeCheckpoint(ckFile, s, st); } } : undefined,
    onStepEnd: snapshots ? (s, r) => { if (keepSnapshot(plan, r, s.steps.length - 1)) { beforeWrite(); writeStepSnapshot(s, snapshots, r); } } : undefined,
  });
  const cycles = cycleSummary(sim);
  const metrics = computeMetrics(sim, cycles);
  beforeWrite();
  const files = opts.outDir ? writeOutputs(sim, opts.outDir, metrics, cycles) : [];
  // figure specs (Vega-Lite) beside the data; renderFigureDir (src/plots/render.ts) draws them
  if (opts.outDir) files.push(...writeRunFigureSpecs(sim, opts.outDir, metrics, cycles));
  // a finished run needs no checkpoint (a cancelled one keeps it for --resume, and so does one stopped at the event
  // limit that took checkpoints: review67, --resume --max-events deleted the checkpoint it resumed from)
  const finished = !sim.stepResults.some((r) => r.ended === 'cancelled' || r.ended === 'event_limit');
  if (ckFile && finished && existsSync(ckFile)) rmSync(ckFile);
  const cancelled = sim.stepResults.some((r) => r.ended === 'cancelled');
  return { metrics, ...withMAh(sim.trace, sim.stepResults), files, run, cycles, resumed, cancelled, grid: voxelGrid(sim) };
}
