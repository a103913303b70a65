/**
 * Two (or more) cores on one trajectory: the synchronous sublattice (sector) scheme of Shim and
 * Amar (PRB 71, 125432, 2005), as SPPARKS runs it with `sector yes`, for a galvanostatic plating
 * step of the plating app (apps/plating.ts, unchanged). Library switch: `engine: { threads: 2 }`
 * of `runSectors`; the serial engine (simulation/simulation.ts) stays the default and the
 * reference. docs/parallel.md states the method, its approximations and their measured error.
 *
 *  - Space: the box is cut along x into 2 x threads strips; each thread owns two neighbouring
 *    strips and runs them in turn (parallel/sectors.ts), all threads in the same phase at once.
 *  - Time: a cycle lasts tau of kMC time = windowEvents / (the box's mean event rate); each strip runs
 *    its own kMC for tau, then the ghost columns are exchanged (parallel/sector-worker.ts).
 *    Approximation 1 (Shim-Amar's): an event near a strip edge does not see the events of the
 *    neighbouring strip within the same tau; the error vanishes as tau -> 0.
 *  - The overpotential is global: it is held for a cycle and the double layer
 *    (electrochem/doublelayer.ts) is advanced once per cycle with the whole box's reduction and
 *    oxidation sums (sum of the threads' own-domain sums: by default their means over the cycle's
 *    kMC time, or with `sums: 'start'` those at the cycle's start). Approximation 2: the serial engine
 *    updates it after every change of those sums (at most 0.1 mV apart); here it moves once per tau.
 *  - Randomness: each thread has its own stream (seed, thread); a run is deterministic for a given
 *    seed, thread count and windowEvents, and differs from the serial trajectory of that seed.
 *  - Lone adatoms hop one hop at a time (`adatoms: 'exact'`: a first-passage domain could cross a
 *    strip edge).
 *  - The step ends at the serial engine's count of voxels: near the end the threads of a phase
 *    run one after another, each stopping at the event that reaches the target; before that each
 *    stops at its share of the voxels still needed (sector-worker.ts runPhase).
 */
import { Worker } from 'node:worker_threads';
import { parseRunInput } from '../input/parse.js';
import { derive, buildLattice } from '../simulation/setup.js';
import { morphology } from '../metrics/morphology.js';
import { nucleationOverpotential } from '../analysis/nucleation.js';
import { InputError } from '../errors.js';
import { galvanostaticTarget, refuseClockOnlySteps } from '../input/limits.js';
import { isMap, plainOptionsArg, refuseUnknownKeys } from '../args.js';
import { METAL, DEAD, VOID } from '../lattice/voxel.js';
import { maxSlack } from './balance.js';
import { MIN_STRIP, sectorLayout, smallBoxWarning, sectorStep, ctrlWords, F_SLOTS, F_NET, F_EVENTS, C_ERROR, LOG_CAPACITY, DEFAULT_WINDOW_EVENTS, DEFAULT_SUMS } from './sectors.js';
import { reviveError } from '../simulation/worker-errors.js';
import { KEEP_MAX_VOXELS } from '../simulation/worker-run.js';
import type { ResolvedRun, ProtocolStep } from '../input/types.js';
import type { SectorWorkerData, SectorWorkerResult, SectorWorkerFailure, SectorWaitLog } from './sector-worker.js';
import type { EarlyNucleiState } from '../metrics/early-nuclei.js';

// DEFAULT_WINDOW_EVENTS and DEFAULT_SUMS live in sectors.ts (bench/sector.ts checks its command line with them
// before it loads this module's imports)
export { DEFAULT_WINDOW_EVENTS, DEFAULT_SUMS } from './sectors.js';

/**
 * Default endgameVoxels. Near the end a thread's share of the voxels still needed is small, and
 * stopping each thread at its share, all at once, ends the step at the sum of the threads' own
 * highest counts in the phase, reached at different times: at 0.002 mA/cm2, where the count goes up
 * and down by one many times, 4 threads ended a step of 4 voxels (32 x 24 x 16 voxels of 50 nm)
 * after its first 4 events, in its first cycle (with turns: after 2,336 cycles; the code before, which
 * looked at the count at a cycle's end only: 2,350).
 */
export const DEFAULT_ENDGAME_VOXELS = 16;

/** SectorOptions' keys: any other is refused (a `checkpoint` or `resume` was taken without a word, and a run "resumed" ran from the start) */
const SECTOR_OPTIONS = ['threads', 'windowEvents', 'maxTauOverAvg', 'etaStep_V', 'eventLimit', 'oneStrip', 'phaseOrder', 'cycleRate', 'sums', 'endgameVoxels', 'check', 'phaseLog', 'waitLog', 'barrier', 'keepLattice', 'balanceEvery', 'balanceSlack', 'balanceGain'] as const;

export interface SectorOptions {
  /** worker threads (one trajectory); 1 runs the same scheme on one thread */
  threads: number;
  /** expected events per cycle over the whole box (default DEFAULT_WINDOW_EVENTS); smaller = closer to serial, more synchronisation */
  windowEvents?: number;
  /**
   * longest cycle in averaging windows of the double layer (default 1). While the box is bare host
   * (few events) this, not windowEvents, sets the cycle, and the sums held over it delay nucleation:
   * a step of a small charge runs longer on the kMC clock than on the serial engine (0.005 brings
   * most of it back; docs/parallel.md, "The kMC clock of a step with a small charge")
   */
  maxTauOverAvg?: number;
  /** largest change of the overpotential over one cycle, V (default 0.5e-3): shorter cycles while it moves */
  etaStep_V?: number;
  /**
   * stop at the end of the first cycle at which the box's events (all threads) reach this many
   * (benchmarks): every thread stops there, the run is the unlimited one's up to that cycle
   */
  eventLimit?: number;
  /** with threads 1: run the whole box in one phase per cycle (no strips): a control that keeps only the held overpotential */
  oneStrip?: boolean;
  /**
   * which of a thread's two strips runs first in a cycle: 'fixed' (always the first: the default)
   * or 'random' (drawn per cycle from a stream of the run's seed, the same on every thread), so that
   * neither strip always runs over the interval after the other
   */
  phaseOrder?: 'fixed' | 'random';
  /**
   * the rate that sets a cycle's length tau = windowEvents / rate: 'mean' (the default), the box's
   * mean event rate over the last 64 cycles, or 'present', its total rate at the cycle's start (the
   * first round's rule, which biased the held reduction and oxidation sums: docs/parallel.md)
   */
  cycleRate?: 'mean' | 'present';
  /**
   * the reduction and oxidation sums (eta = 0) the double layer is advanced with over a cycle: 'averaged' (the
   * default, DEFAULT_SUMS), each strip's sums integrated over its phase's kMC time and divided by it, summed over the
   * strips (an adatom then weighs its lifetime, as in the serial double layer), with a first cycle of one expected
   * event (docs/parallel.md, "The held sums averaged over a cycle"); or 'start' (the default until branch sectordef:
   * the seven older sector studies ran with it), the box's sums at the cycle's start, held for the whole cycle
   * (approximation 2: at a tiny current a cycle's end almost never sees one of the microsecond adatoms, so the
   * oxidation sum held is 0 and eta is held at ln(r / A) / (alpha f), -319 mV on bare Cu at 0.002 mA/cm2, until the
   * deficit feedback lifts it: the step's kMC clock runs 70 % longer than the serial engine's)
   */
  sums?: 'start' | 'averaged';
  /**
   * voxels per thread still needed at or below which the threads of a phase run one after another,
   * each from the box's count after the one before, so that the step ends at its target as on the
   * serial engine (default DEFAULT_ENDGAME_VOXELS; docs/parallel.md, "End of a step")
   */
  endgameVoxels?: number;
  /** recompute every class of every sub-box after each cycle (tests; slow) */
  check?: boolean;
  /** keep every phase's events, expected events and kMC seconds per thread (SectorRunResult.phases; measurements) */
  phaseLog?: boolean;
  /**
   * keep every phase's timing per thread and each thread's garbage collections (SectorRunResult.waits; bench/sector-wait.ts:
   * where the waiting at the barriers goes, twocore69). The run's events are the same with it (it reads clocks only)
   */
  waitLog?: boolean;
  /**
   * how a thread waits at a barrier (twocore69): 'adaptive' (the default: spin while the spins catch the other thread,
   * else sleep, sectors.ts EpochBarrier) or 'spin' (always spin first, up to SPIN_ONLY_MAX_S, then sleep). Only the
   * waiting moves: the run's events are the same
   */
  barrier?: 'adaptive' | 'spin';
  /** return the final lattice's voxel codes (SectorRunResult.cells; studies that look at where the voids are) */
  keepLattice?: boolean;
  /**
   * domains that follow the work (branch balance68, parallel/balance.ts; two threads only): every `balanceEvery` cycles
   * the strip edges move so that the four strips hold equal shares of the box's rate, the columns that change owner
   * sent between the threads. 0 (the default): the fixed layout. docs/parallel.md, "Domains that follow the work"
   */
  balanceEvery?: number;
  /** columns a domain edge may move from its fixed place (default: the most the box allows with strips of 4 columns, at most a quarter of a domain) */
  balanceSlack?: number;
  /** a new layout is taken when it lowers the slower strips' summed rate by more than this share of the box's rate (default 0.05) */
  balanceGain?: number;
}

export interface SectorRunResult {
  /**
   * one line when the box is below the smallest the scheme was validated on (40 x 40 columns on 2 threads, strips of 10
   * columns: sectors.ts smallBoxWarning; docs/parallel.md, "Small boxes"), else empty
   */
  warnings: string[];
  threads: number;
  windowEvents: number;
  /** the sums the double layer was advanced with (SectorOptions.sums) */
  sums: 'start' | 'averaged';
  ended: string;
  events: number;
  /** draws outside the active strip, all threads: 0 (each strip has its own event selection since the third round; a check) */
  rejected: number;
  deposited_voxels: number;
  target_voxels: number;
  reductions: number; oxidations: number; hops: number;
  /** reductions that started a nucleus (first-layer site with no metal neighbour), all threads */
  nucleations: number;
  /** islands touching the host per um2 in the final lattice (metrics/morphology.ts, as the serial report) */
  nucleus_density_per_um2: number;
  /**
   * peak and plateau of the overpotential trace (analysis/nucleation.ts, as the serial report), mV, magnitudes (positive on both engines); NaN for a trace of
   * fewer than 4 rows (its opening row and 2 sample windows or fewer, e.g. 2 voxels), as the serial report's (null in metrics.json)
   */
  peak_overpotential_mV: number;
  plateau_overpotential_mV: number;
  /**
   * time-weighted mean overpotential over the second half of the charge (the cycles that end with at least half the
   * step's voxels), mV (negative while plating, as every overpotential here: the trace's sign); a cycle in which the step reaches its charge is weighted by its time up to
   * the box's last event, where kmc_time_s ends (until mends38 by its whole tau)
   */
  eta_plateau_mV: number;
  /** the kMC seconds eta_plateau_mV covers (0, and eta_plateau_mV NaN, when no cycle ended with half the step's voxels: ended 'box_full') */
  eta_plateau_s: number;
  max_height_nm: number;
  /**
   * the overpotential trace: galvanostat clock (s) and mV, negative while plating as the serial trace's overpotential_mV
   * (simulation.ts TraceColumns; cathodic positive until mends55, as eta_plateau_mV, eta_mean_mV and eta_end_mV), each sample the time-weighted mean over
   * its window (a row at the step's start, 0 s and 0 kMC s, with the first window's mean, as the serial trace's first
   * row, since mends53; a row at each window of output.sample charge; a cycle that passes several shares its kMC time out
   * among them in proportion to their charge, since mends52); kmc_s: the kMC time at which each window ends (the last one at kmc_time_s when the step ends at its
   * charge: the cycle that reaches it weighs up to the box's last event, as in eta_plateau_mV; until branch sectorlast
   * by its whole tau)
   */
  trace: { time_s: number[]; overpotential_mV: number[]; kmc_s: number[] };
  /** time-weighted mean overpotential over the whole run (the sum over the cycles, the last as above, / kmc_time_s), mV, negative while plating */
  eta_mean_mV: number;
  mean_height_nm: number;
  rms_roughness_nm: number;
  porosity: number;
  /** metal voxels in the shared lattice minus (initial + reductions - oxidations): 0 when atoms are conserved */
  atom_balance: number;
  dead_voxels: number;
  /** ghost-side kills (metal cut off in a thread's own view while taking another's changes) */
  kills: number;
  /**
   * sealed_pores void: VOID voxels (sealed electrolyte) in the final lattice (0 under fill or keep), and the relabels a
   * thread dropped because the other thread's event filled that voxel in the same phase (docs/model.md, "With the
   * sector engine")
   */
  void_voxels: number;
  liquid_conflicts: number;
  stale_voxels: number;
  consistency: (string | null)[];
  cycles: number;
  mean_tau_s: number;
  mean_tau_over_averaging_window: number;
  /**
   * the kMC clock at the step's end. A step that ends at its charge within a cycle ends at the time of
   * the last event the box executed (the latest over the threads' strips, which all cover the cycle's
   * interval), the serial engine's convention; until mends37 the cycle's whole tau was added
   * (cycles_end_s). Other ends (event_limit, box_full, stalled) come at a cycle's end: cycles_end_s.
   */
  kmc_time_s: number;
  /** the kMC clock at the end of the last cycle (T + tau of the last cycle) */
  cycles_end_s: number;
  /** the overpotential at the end (the double layer's, after the last cycle), mV, negative while plating */
  eta_end_mV: number;
  wall_s: number;
  /** CPU seconds of the whole process (every thread) from each thread's start of the run to its end (process.cpuUsage is per process) */
  cpu_s_threads: number[];
  wait_s_threads: number[];
  exchange_s_threads: number[];
  /** per thread: shared voxels taken from other threads */
  taken_threads: number[];
  /** per thread: barriers whose wait the adaptive spin caught, and barriers where the thread slept */
  barrier_spun_threads: number[];
  barrier_slept_threads: number[];
  /** per thread: barriers at which it woke the other thread (Atomics.notify, a system call: its time is in wait_s_threads) */
  barrier_notified_threads: number[];
  /** per thread: barriers passed in the barrier's spin mode (the rest in its sleep mode; with barrier 'spin' every one) */
  barrier_spin_mode_threads: number[];
  /** per thread at the end: voxels with an event, and events per region (its two strips, then its ghost and wall columns) */
  slot_keys_threads: number[];
  /** per thread: seconds from its start of the run (its message read) to its first cycle (the lattice, the sub-box's events; a fresh thread's modules load before, since testcpu2) */
  startup_s_threads: number[];
  region_events_threads: number[][];
  /** a fingerprint of the final lattice (FNV-1a of the voxel codes) */
  lattice_hash: number;
  /**
   * the nuclei counted before they coalesce, as the serial engine looks and reads (metrics/early-nuclei.ts lookAtRow; its
   * earlyNucleiMetrics gives metrics.json's early_* keys): on the whole lattice at the step's opening row and at each
   * sector cycle's end that writes a trace row, until the first-layer coverage reaches output.nuclei_coverage (earlyapi;
   * a sector run had no early_* keys). A row of a sample window passed within a cycle is not looked at (the lattice is
   * whole only at a cycle's end): the reading's charge is that of the cycle's last row.
   */
  early: EarlyNucleiState;
  /** with phaseLog, per thread: events run, expected events (strip rate at the phase's start x tau) and kMC seconds, 3 numbers a phase */
  phases?: Float64Array[];
  /** with waitLog, per thread: every phase's timing (sector-worker.ts WAIT_LOG_FIELDS), the waits outside the phases and its garbage collections */
  waits?: SectorWaitLog[];
  /** with keepLattice: the final lattice (voxel codes, index x + nx (y + ny z)) */
  cells?: Uint8Array;
  /** with balanceEvery: per thread, its balancing counts and the layout at the end (sector-worker.ts SectorWorkerResult.balance) */
  balance?: NonNullable<SectorWorkerResult['balance']>[];
}

/**
 * The double layer's eta (V, cathodic positive: the threads' sign) as the result gives it: mV, negative while plating, the
 * serial trace's sign (simulation.ts pushRow); cathodic positive until mends55, so a plot of both turned one of them
 */
const mV = (eta_V: number): number => -eta_V * 1e3;

/** Runs the run file `input` (one galvanostatic plate step) on `threads` threads. */
export async function runSectors(input: Record<string, unknown>, opts: SectorOptions): Promise<SectorRunResult> {
  checkSectorOptionKeys(opts);
  // it parses the run itself: a resolved run's keys (temperature_K, ...) would each read as a misspelling
  if (isMap(input) && isMap(input.lattice) && typeof input.lattice.voxel_m === 'number') throw new InputError('input', '(a resolved run)', 'a run object with the keys of a run file (runSectors resolves it itself), not resolveInput()\'s result');
  return runSectorsResolved(parseRunInput(input), opts);
}

/** The options map and its keys (a checkpoint or resume option is named as one a sector run has not). */
function checkSectorOptionKeys(opts: SectorOptions): void {
  if (!isMap(opts)) throw new InputError('options', opts, 'a map of options with threads, e.g. { threads: 2 }');
  plainOptionsArg('options', opts, '{ threads: 2 }');
  const checkpointKey = Object.keys(opts).find((k) => /checkpoint|resume/i.test(k));
  if (checkpointKey !== undefined) throw new InputError(`engine.${checkpointKey}`, (opts as Record<string, unknown>)[checkpointKey], 'no such option: a sector run has no checkpoints and is not resumed (docs/parallel.md, "Not done"); the serial engine (Simulation, sacplate simulate) has them');
  refuseUnknownKeys('engine', opts as Record<string, unknown>, SECTOR_OPTIONS, { word: 'option', owner: 'runSectors takes' });
}

/**
 * Every refusal of a sector run that needs no thread: the box against the thread count, the run's parts the scheme
 * does not model and the options' values. InputError naming the field; nothing has run or been written when it throws
 * (`sacplate simulate --sectors` calls it before it touches its --out folder or the store). Returns the step.
 */
export function checkSectorRun(run: ResolvedRun, opts: SectorOptions): ProtocolStep {
  checkSectorOptionKeys(opts);
  const [nx, ny, nz] = run.lattice.size;
  sectorLayout(nx, ny, nz, opts.threads); // throws an InputError naming the field
  const est = run.electrochem.estimator;
  if (est !== undefined) throw new InputError('electrochem.estimator', est, `rates (the default) in a sector run: the ${est} estimator follows each atom through the serial engine's events (sacplate simulate)`);
  if (run.lattice.foil === 'vicinal') throw new InputError('lattice.foil', 'vicinal', 'the periodic stepped foil for the sector scheme, `foil: stepped` (its sectors wrap x without the helical shift; the vicinal foil runs on the serial engine)');
  // (branch sectorcli: these were run without a word, the SEI module, the field, the pulse or the cut-off left out)
  // (the value as the run file gave it, where the run keeps its source)
  const given = (k: string, none: string): unknown => (isMap(run.source) && run.source[k] !== undefined ? run.source[k] : none);
  if (run.sei !== undefined) throw new InputError('sei', given('sei', '(an SEI block)'), 'no `sei:` in a sector run: its event modules run on the serial engine only (sacplate simulate without --sectors)');
  if (run.transport !== undefined) throw new InputError('electrolyte', given('electrolyte', '(an electrolyte field)'), 'no `electrolyte:` (ion transport) in a sector run: the field runs on the serial engine only (sacplate simulate without --sectors)');
  const step = sectorStep(run.protocol);
  if (step.pulse !== undefined) throw new InputError('protocol[0]', step.text, 'a step without pulses for the sector scheme (pulse plating runs on the serial engine only)');
  if (step.cutoff_V !== undefined) throw new InputError('protocol[0]', step.text, 'a step without a voltage cut-off for the sector scheme (it ends at its charge or time only; a cut-off runs on the serial engine)');
  // it ends at a count of voxels only: a time under half a voxel (which the serial engine runs as a rest) is refused
  refuseClockOnlySteps(run.protocol, { voxel_m: run.lattice.voxel_m, nx, ny, z: run.metal.z, atomicVolume_m3: run.metal.atomicVolume_m3 }, 'protocol', 'the sector scheme');
  const windowEvents = opts.windowEvents ?? DEFAULT_WINDOW_EVENTS;
  if (opts.phaseOrder !== undefined && opts.phaseOrder !== 'fixed' && opts.phaseOrder !== 'random') throw new InputError('engine.phaseOrder', String(opts.phaseOrder), "'fixed' or 'random'");
  if (opts.cycleRate !== undefined && opts.cycleRate !== 'mean' && opts.cycleRate !== 'present') throw new InputError('engine.cycleRate', String(opts.cycleRate), "'mean' or 'present'");
  if (opts.sums !== undefined && opts.sums !== 'start' && opts.sums !== 'averaged') throw new InputError('engine.sums', String(opts.sums), "'start' (the sums at a cycle's start) or 'averaged' (over the cycle's kMC time, the default)");
  if (!(windowEvents >= 1)) throw new InputError('engine.windowEvents', windowEvents, 'a number of events >= 1');
  // (a number, not text that compares as one: '0.5' >= 0 is true)
  const positive = (v: unknown, field: string, expected: string) => { if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new InputError(field, v, expected); };
  positive(opts.maxTauOverAvg, 'engine.maxTauOverAvg', 'a number of averaging windows of the double layer > 0 (default 1)');
  positive(opts.etaStep_V, 'engine.etaStep_V', 'an overpotential step in V > 0 (default 0.5e-3)');
  if (opts.eventLimit !== undefined && !(typeof opts.eventLimit === 'number' && opts.eventLimit >= 1)) throw new InputError('engine.eventLimit', opts.eventLimit, 'a number of events >= 1 (the whole box\'s, all threads)');
  const endgameVoxels = opts.endgameVoxels ?? DEFAULT_ENDGAME_VOXELS;
  if (opts.barrier !== undefined && opts.barrier !== 'adaptive' && opts.barrier !== 'spin') throw new InputError('engine.barrier', String(opts.barrier), "'adaptive' (the default) or 'spin'");
  if (opts.waitLog !== undefined && typeof opts.waitLog !== 'boolean') throw new InputError('engine.waitLog', opts.waitLog, 'true or false (keep every phase\'s timing: measurements)');
  if (!(endgameVoxels >= 0)) throw new InputError('engine.endgameVoxels', endgameVoxels, 'a number of voxels per thread >= 0');
  balanceOptions(run, opts);
  return step;
}

/** The balancing options (SectorOptions.balanceEvery, balanceSlack, balanceGain), checked, with their defaults; every 0: none. */
export function balanceOptions(run: ResolvedRun, opts: SectorOptions): { every: number; slack: number; gain: number } {
  const every = opts.balanceEvery ?? 0;
  if (!(typeof every === 'number' && Number.isInteger(every) && every >= 0)) throw new InputError('engine.balanceEvery', every, 'a whole number of sector cycles >= 0 (0: the fixed layout, the default)');
  const nx = run.lattice.size[0];
  const most = maxSlack(nx, MIN_STRIP);
  const slack = opts.balanceSlack ?? Math.min(most, Math.ceil(nx / 8));
  const gain = opts.balanceGain ?? 0.05;
  if (every === 0) {
    const given = opts.balanceSlack !== undefined ? 'balanceSlack' : opts.balanceGain !== undefined ? 'balanceGain' : null;
    if (given !== null) throw new InputError(`engine.${given}`, (opts as unknown as Record<string, unknown>)[given], 'no value without engine.balanceEvery >= 1 (the balancing it tunes)');
    return { every, slack: 0, gain };
  }
  if (opts.threads !== 2 || opts.oneStrip === true) throw new InputError('engine.balanceEvery', every, `0 with engine.threads ${String(opts.threads)}${opts.oneStrip === true ? ' and oneStrip' : ''}: domains that follow the work are written for two threads with their strips`);
  if (run.model?.sealedPores === 'void') throw new InputError('engine.balanceEvery', every, "0 with model.sealed_pores void (each thread labels its own domain's liquid: a moving domain is not written for it)");
  if (!(typeof slack === 'number' && Number.isInteger(slack) && slack >= 1 && slack <= most)) throw new InputError('engine.balanceSlack', slack, `a whole number of columns from 1 to ${most} on ${nx} columns (every strip keeps ${MIN_STRIP} columns)${most < 1 ? ': this box has no room, x must be at least 40 for balancing' : ''}`);
  if (!(typeof gain === 'number' && gain >= 0 && gain < 1)) throw new InputError('engine.balanceGain', gain, 'a share of the box\'s rate from 0 to below 1 (default 0.05)');
  return { every, slack, gain };
}

/** How far a sector run is, polled from the threads' published counts (SectorHooks.onProgress). */
export interface SectorProgress {
  /** the box's net voxels (reductions - oxidations, all threads) at the threads' last cycle ends */
  net: number;
  /** the highest `net` the poll has read since the threads started: the step's furthest count as the progress line says
   *  it, beside the net where the box has run back (the serial line's words, mends81; mends83). A poll reads the
   *  counts of the threads' last cycle ends every progressEvery_ms, so a higher count between two polls is not seen */
  furthest: number;
  /** the step's target, voxels */
  target: number;
  /** events, all threads */
  events: number;
  /** wall seconds since the threads started */
  wall_s: number;
}

/** What a caller (sacplate simulate --sectors) adds to a run: a stop and a progress callback. Not options of the scheme. */
export interface SectorHooks {
  /** aborting it terminates every thread at once: the run rejects with SectorRunStopped (a sector run has no checkpoint) */
  signal?: AbortSignal;
  /** called every progressEvery_ms (default 250) while the threads run, from the counts they publish at each cycle's end */
  onProgress?: (p: SectorProgress) => void;
  progressEvery_ms?: number;
}

/** The error a run stopped through SectorHooks.signal rejects with. */
export class SectorRunStopped extends Error {
  constructor() { super('sector run stopped: its threads were terminated (a sector run has no checkpoint: nothing of it is kept)'); this.name = 'SectorRunStopped'; }
}

/** runSectors on a run already resolved (loadRunFile's, with a run file's folder for its named files), with hooks. */
export async function runSectorsResolved(run: ResolvedRun, opts: SectorOptions, hooks: SectorHooks = {}): Promise<SectorRunResult> {
  const step = checkSectorRun(run, opts);
  const d = derive(run);
  const [nx, ny, nz] = run.lattice.size;
  const windowEvents = opts.windowEvents ?? DEFAULT_WINDOW_EVENTS;
  const endgameVoxels = opts.endgameVoxels ?? DEFAULT_ENDGAME_VOXELS;
  const target = galvanostaticTarget(step, step.current_A_per_m2 * d.area_m2, d.area_m2, d.q_C).target;
  const bal = balanceOptions(run, opts);
  // (per global column: its rate, for the layout: sector-worker.ts rebalance)
  const colw = bal.every > 0 ? new SharedArrayBuffer(8 * nx) : null;
  if (hooks.signal?.aborted) throw new SectorRunStopped();
  const { code } = buildLattice(run, d);
  let initialMetal = 0;
  for (let i = 0; i < code.length; i++) if (code[i] === METAL || code[i] === DEAD) initialMetal++;
  const gcode = new SharedArrayBuffer(code.length);
  new Uint8Array(gcode).set(code);
  const ctrl = new SharedArrayBuffer(4 * ctrlWords(opts.threads));
  const f64 = new SharedArrayBuffer(8 * F_SLOTS * opts.threads);
  const logs = Array.from({ length: opts.threads }, () => new SharedArrayBuffer(8 * LOG_CAPACITY));
  const t0 = performance.now();
  /** a thread's failure: its error (class kept: worker-errors.ts), and whether another thread had failed first (it then stopped at a barrier) */
  type Failure = { error: unknown; peer: boolean };
  // (testcpu2) the threads of an earlier run with as many threads, kept (takeThreads), or fresh ones
  const workers = takeThreads(opts.threads);
  /** the threads were terminated (an abort): never kept */
  let killed = false;
  const stop = () => { killed = true; for (const w of workers) void w.terminate(); };
  hooks.signal?.addEventListener('abort', stop, { once: true });
  // progress from the counts each thread publishes at its cycle's end (a plain read of a word another thread writes:
  // a count of the last cycle or the one before, which is all a progress line needs)
  const pub = new Float64Array(f64);
  let furthest = 0;
  const poll = hooks.onProgress === undefined ? undefined : setInterval(() => {
    let net = 0, events = 0;
    for (let k = 0; k < opts.threads; k++) { net += pub[k * F_SLOTS + F_NET]!; events += pub[k * F_SLOTS + F_EVENTS]!; }
    furthest = Math.max(furthest, net);
    hooks.onProgress!({ net, furthest, target, events, wall_s: (performance.now() - t0) / 1000 });
  }, hooks.progressEvery_ms ?? 250);
  const settled = await Promise.allSettled(workers.map((w, id) => new Promise<SectorWorkerResult>((ok, fail: (f: Failure) => void) => {
    const data: SectorWorkerData = {
      run, threads: opts.threads, id, windowEvents, maxTauOverAvg: opts.maxTauOverAvg ?? 1, etaStep_V: opts.etaStep_V ?? 0.5e-3, eventLimit: opts.eventLimit ?? Infinity, endgameVoxels, check: opts.check === true, phaseLog: opts.phaseLog === true, waitLog: opts.waitLog === true, barrier: opts.barrier ?? 'adaptive', oneStrip: opts.oneStrip === true, phaseOrder: opts.phaseOrder ?? 'fixed', cycleRate: opts.cycleRate ?? 'mean', sums: opts.sums ?? DEFAULT_SUMS, gcode, logs, ctrl, f64,
      balanceEvery: bal.every, balanceSlack: bal.slack, balanceGain: bal.gain, colw,
    };
    // (an error the thread did not catch, or an exit without an answer: the other threads are told to stop)
    let answered = false;
    const lost = (error: Error) => { if (!answered) { answered = true; off(); fail({ error, peer: Atomics.exchange(new Int32Array(ctrl), C_ERROR, 1) !== 0 }); } };
    const onMessage = (m: SectorWorkerResult | SectorWorkerFailure) => {
      if (answered) return;
      answered = true; off();
      if ('error' in m) fail({ error: reviveError(m.error), peer: m.peer }); else ok(m);
    };
    const onError = (e: Error) => lost(e);
    const onMessageError = (e: Error) => { e.message = `sector scheme: a message from thread ${id} could not be read: ${e.message}`; lost(e); };
    const onExit = (code: number) => lost(new Error(`sector scheme: thread ${id} exited with code ${code} before its answer`));
    /** the run's listeners off the thread (one kept serves the next run with its own) */
    const off = () => { w.off('message', onMessage); w.off('error', onError); w.off('messageerror', onMessageError); w.off('exit', onExit); };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('messageerror', onMessageError);
    w.on('exit', onExit);
    // (a run the structured clone refuses reaches no thread: the run fails with its DataCloneError, its threads are ended
    // below; until testcpu2 the Worker constructor threw it inside this promise and the run rejected with undefined)
    try { w.postMessage(data); } catch (e) { lost(e as Error); }
  })));
  if (poll !== undefined) clearInterval(poll);
  hooks.signal?.removeEventListener('abort', stop);
  // kept for the next call: the threads of a run that every thread answered with its result, not terminated, on a box
  // small enough (KEEP_MAX_VOXELS); any other run's are ended
  const failed = killed || hooks.signal?.aborted === true || settled.some((s) => s.status === 'rejected');
  if (!failed && nx * ny * nz <= KEEP_MAX_VOXELS) keepThreads(workers); else for (const w of workers) void w.terminate();
  if (hooks.signal?.aborted) throw new SectorRunStopped();
  // the run's error is the first thread's to fail (the others' is "another thread failed")
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Failure] : []));
  if (failures.length > 0) throw (failures.find((f) => !f.peer) ?? failures[0]!).error;
  const results = settled.map((s) => (s as PromiseFulfilledResult<SectorWorkerResult>).value);
  const wall = (performance.now() - t0) / 1000;
  const cells = new Uint8Array(gcode).slice();
  let metal = 0, dead = 0, voids = 0, hash = 0x811c9dc5;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c === METAL) metal++; else if (c === DEAD) { metal++; dead++; } else if (c === VOID) voids++;
    hash = Math.imul(hash ^ c, 0x01000193) >>> 0;
  }
  const sum = (k: keyof SectorWorkerResult) => results.reduce((s, r) => s + (r[k] as number), 0);
  const reductions = sum('reductions'), oxidations = sum('oxidations');
  const morph = morphology({ nx, ny, nz, cells, voxel_m: run.lattice.voxel_m }, { hostTopZ: d.hostTopZ, foil: d.hostCode === METAL });
  const r0 = results[0]!;
  const kmc = r0.ended === 'charge' ? Math.max(...results.map((r) => r.lastEvent_s)) : r0.T_s;
  // the row that opens the step, as the serial engine's (simulation.ts, pushRow at a half cycle's start): its start, 0 s
  // on both clocks, with the first window's overpotential; the trace began at the first window's end until mends53
  const opened = r0.traceT.length > 0;
  const traceT = opened ? [0, ...r0.traceT] : [], traceEta = opened ? [r0.traceEta[0]!, ...r0.traceEta] : [], traceKmc = opened ? [0, ...r0.traceKmc] : [];
  const nuc = traceT.length >= 4 ? nucleationOverpotential(traceT, traceEta) : null; // (on |eta|: either sign)
  const warning = smallBoxWarning(nx, ny, opts.threads);
  return {
    warnings: warning === null ? [] : [warning],
    threads: opts.threads, windowEvents, sums: opts.sums ?? DEFAULT_SUMS, ended: r0.ended,
    events: sum('events'), rejected: sum('rejected'),
    deposited_voxels: reductions - oxidations,
    target_voxels: target,
    reductions, oxidations, hops: sum('hops'), nucleations: sum('nucleations'),
    nucleus_density_per_um2: morph.nucleus_density_per_um2,
    peak_overpotential_mV: nuc ? nuc.peak_V * 1e3 : NaN, plateau_overpotential_mV: nuc ? nuc.plateau_V * 1e3 : NaN,
    max_height_nm: morph.max_height_nm,
    trace: { time_s: traceT, overpotential_mV: traceEta.map((e) => mV(e)), kmc_s: traceKmc },
    eta_plateau_mV: r0.plateauDt > 0 ? mV(r0.plateauEtaDt / r0.plateauDt) : NaN, eta_plateau_s: r0.plateauDt,
    mean_height_nm: morph.mean_height_nm, rms_roughness_nm: morph.rms_roughness_nm, porosity: morph.porosity,
    atom_balance: metal - (initialMetal + reductions - oxidations),
    dead_voxels: dead, kills: sum('kills'), void_voxels: voids, liquid_conflicts: sum('liquidConflicts'), stale_voxels: sum('staleVoxels'),
    consistency: results.map((r) => r.consistency),
    cycles: r0.cycles, mean_tau_s: r0.meanTau_s, mean_tau_over_averaging_window: r0.meanTauOverAvg,
    kmc_time_s: kmc, eta_mean_mV: kmc > 0 ? mV(r0.etaDt / kmc) : NaN, cycles_end_s: r0.T_s, eta_end_mV: mV(r0.eta_V), wall_s: wall,
    cpu_s_threads: results.map((r) => r.cpu_s), wait_s_threads: results.map((r) => r.wait_s), exchange_s_threads: results.map((r) => r.exchange_s), taken_threads: results.map((r) => r.taken),
    barrier_spun_threads: results.map((r) => r.barriersSpun), barrier_slept_threads: results.map((r) => r.barriersSlept), barrier_notified_threads: results.map((r) => r.barriersNotified), barrier_spin_mode_threads: results.map((r) => r.barriersInSpinMode), slot_keys_threads: results.map((r) => r.slotKeys), startup_s_threads: results.map((r) => r.startup_s), region_events_threads: results.map((r) => r.regionEvents),
    lattice_hash: hash, early: r0.early,
    ...(opts.phaseLog ? { phases: results.map((r) => r.phases!) } : {}),
    ...(opts.waitLog === true ? { waits: results.map((r) => r.waitLog!) } : {}),
    ...(bal.every > 0 ? { balance: results.map((r) => r.balance!) } : {}),
    ...(opts.keepLattice ? { cells } : {}),
  };
}

/**
 * testcpu2: the threads of a run kept for the process's next runSectors call with as many threads, as startcost2 keeps
 * simulateInWorker's worker (simulation/worker-run.ts). A fresh thread costs node's worker start, the engine's modules
 * and V8's first compilation of the engine's code: most of a short sector run (0.4-0.8 CPU s a call above the serial
 * engine on the same input, two threads; docs/history.md, testcpu). The threads of a finished run wait, idle and
 * unref'd (they hold no process open), for the next call with that thread count, which takes them if this thread's
 * environment is still the one they were started with (a worker's process.env is a copy made at its start). Each run
 * sends its run, options and new shared buffers (lattice, control words, sums, change lists) in its message, and a
 * thread builds all of a run's state from it (sector-worker.ts): a run on kept threads is the run of fresh ones, byte
 * for byte (test/parallel-sectors.test.ts). A run with a failure (a thread threw, exited, or sent what could not be
 * read; a run the structured clone refused) or terminated (SectorHooks.signal) ends its threads; a run while the set of
 * its thread count is busy starts its own (the first set back is kept, the other ended); a box above KEEP_MAX_VOXELS
 * ends them (an idle thread does not collect the last run's arrays until it runs again).
 */
const keptThreads = new Map<number, { workers: Worker[]; env: string; onExit: () => void }>();
/** the environment each thread was started with */
const startedEnv = new WeakMap<Worker, string>();
const envKey = (): string => JSON.stringify(process.env);

/** n threads: the kept set of n, or fresh ones */
function takeThreads(n: number): Worker[] {
  const env = envKey();
  const k = keptThreads.get(n);
  keptThreads.delete(n);
  if (k) for (const w of k.workers) w.off('exit', k.onExit);
  if (k && k.env === env) { for (const w of k.workers) w.ref(); return k.workers; }
  if (k) for (const w of k.workers) void w.terminate();
  const url = new URL('./sector-worker.js', import.meta.url);
  return Array.from({ length: n }, () => {
    const w = new Worker(url);
    startedEnv.set(w, env);
    // (an error the thread did not catch ends it: its run's listeners, or the kept set's exit, take that; never thrown here)
    w.on('error', () => {});
    return w;
  });
}

/** keeps a finished run's threads for the next call with as many (one set a thread count: a second is ended) */
function keepThreads(workers: Worker[]): void {
  const n = workers.length;
  const env = startedEnv.get(workers[0]!);
  if (keptThreads.has(n) || env === undefined || workers.some((w) => startedEnv.get(w) !== env)) { for (const w of workers) void w.terminate(); return; }
  // a kept thread that ends by itself ends its set
  const set = { workers, env, onExit: () => { if (keptThreads.get(n) === set) { keptThreads.delete(n); for (const w of workers) void w.terminate(); } } };
  keptThreads.set(n, set);
  for (const w of workers) { w.once('exit', set.onExit); w.unref(); }
}

/** Ends the kept threads, if any (the next runSectors call starts fresh ones): for a caller that wants none left, or a test. */
export async function endKeptSectorThreads(): Promise<void> {
  const sets = [...keptThreads.values()];
  keptThreads.clear();
  await Promise.all(sets.flatMap((k) => k.workers.map((w) => { w.off('exit', k.onExit); return w.terminate(); })));
}
