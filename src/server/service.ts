/**
 * The run service the workbench server and the CLI (`sacplate simulate`, `compare`,
 * `simulate --seeds`) call: start, cancel, status, list, wait, result.
 * Runs execute in worker threads (one per run, `simulateInWorker`: the CLI's path) so the caller's event loop stays free; at most
 * `concurrency` run at once (default: the number of cores), the rest wait in a FIFO queue.
 * Cancellation sets a shared Int32 flag the engine reads at its progress checks. Every run is a
 * row of the store from the moment it is accepted (status "running" while queued or running),
 * and its metrics, thinned trace and per-cycle summary are written there when it ends, so a
 * finished run outlives the server. Listeners (server-sent events) get progress as it comes.
 * A caller that resolved the run itself (the CLI: parameter files, seeds) passes it with
 * `start(input, name, { resolved })`, with its own output folder, checkpoints and progress callback;
 * without a store (`store: null`, the CLI's --no-store) runs live in memory only.
 * Runs the service owns (started over HTTP, outputs in <outRoot>/<id>) write a checkpoint every
 * `checkpointEvery_s` of wall time and at a cancel; `resume(id)` continues a cancelled run (or one
 * whose server stopped) from it under the same id, also after a server restart.
 */
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { FileError, InputError, fsReason } from '../errors.js';
import { processAlive } from '../io/process-alive.js';
import { bareShareAsNull, newRunId, openStore, type RunFilter, type Store } from '../store/index.js';
import { validateRunInput } from '../input/schema.js';
import { fieldCellLine, FIELD_CELL_HINT_SHARE } from '../fields/field-cell-hint.js';
import type { TransportMetrics } from '../fields/report.js';
import { checkRunMemory, runBudget, raiseWith } from '../input/memory.js';
import type { ProgressInfo, StepResult } from '../simulation/simulation.js';
import { earlyEndWarnings, shortCircuitLines } from '../simulation/early-ends.js';
import { runInputWarnings } from '../input/limits.js';
import type { ResolvedRun } from '../input/types.js';
import { simulateInWorker, type WorkerRun, type WorkerRunResult } from '../simulation/worker-run.js';
import type { SimulateOptions } from '../simulation/simulate.js';
// startcost2: the constant and the function from their own modules (simulate.js and report.js brought the whole engine
// onto the CLI's main thread, whose run is on a worker)
import { CHECKPOINT_FILE } from '../simulation/checkpoint-file.js';
import { runIdentity } from '../simulation/run-identity.js';
import { TRACE_ROW_KEYS, thinTrace, type Snapshot, type TraceRows } from './messages.js';
import { STORED_TRACE_MAX } from '../simulation/live.js';
import { seiOfInput } from './page-readings.js';
import { listSnapshots, noSnapshotsHint, readSnapshot, restStepText, snapshotFiles, stepCount, SNAPSHOT_DIR, type SnapshotEntry } from './snapshots.js';

export type LiveStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';

/**
 * A run's progress as GET /api/runs/:id and the list give it: the last progress message while it runs and where a cancel
 * or a failure stopped it; none once it finished (as for a stored run after a restart). A finished run kept its last
 * message, from part of the way through its step (a finished run said 74 % until review45).
 */
const liveProgress = (lr: { status: LiveStatus; progress: ProgressInfo | null }): ProgressInfo | null => (lr.status === 'finished' ? null : lr.progress);

export type RunEvent =
  | { type: 'progress'; progress: ProgressInfo | null; rows: TraceRows }
  | { type: 'snapshot' }
  | { type: 'status'; status: LiveStatus };

export interface RunView {
  id: string;
  name: string | null;
  created_at: string;
  status: LiveStatus;
  progress: ProgressInfo | null;
  metrics: unknown;
  error?: string;
  /** in this server's memory (progress, snapshots, live trace); false for runs read from the store only */
  live: boolean;
  /** a cancelled or interrupted run with its checkpoint on disk: `resume(id)` continues it; or one cancelled while queued, which `resume(id)` starts */
  resumable?: boolean;
  /** a run cancelled while still queued (it never ran): `resume(id)` starts it from the beginning */
  never_started?: boolean;
  /** a run this server holds: its seed (webaudit67: a running run has no metrics yet, and the Run page named it without one) */
  seed?: number;
}

/** A run folder's files a client may download, by name (never a path: nothing else of the folder or the disk is served). */
export const RUN_FILES = ['metrics.json', 'eta.csv', 'steps.csv', 'cycles.csv', 'resolved.json', 'final.vti', 'species-colors.json', 'final.extxyz'] as const;
export type RunFile = typeof RUN_FILES[number];

/** A run's name: text of at most 1000 characters (the API checks it before validating a run, as start does). */
export function checkRunName(name: unknown): asserts name is string {
  if (typeof name !== 'string') throw new InputError('name', name, 'a run name (text)');
  if (name.length > 1000) throw new InputError('name', name, 'a run name of at most 1000 characters');
}

/**
 * A request the service refuses for the state a run is in (HTTP status: 404 unknown id or a file not there, 409 wrong
 * state, 413 a snapshot over the 3D view's voxel limit, 422 a snapshot file it cannot read).
 */
export class RunStateError extends Error {
  constructor(readonly statusCode: 404 | 409 | 413 | 422, message: string) { super(message); }
}

interface LiveRun {
  id: string;
  name: string | null;
  created_at: string;
  input: unknown;
  run: ResolvedRun;
  status: LiveStatus;
  /** set once the run is on a worker: cancel, terminate */
  handle?: WorkerRun;
  /** the order it entered the service's runs (start, resume): finish() keeps the newest ended runs by it */
  seq: number;
  progress: ProgressInfo | null;
  trace: TraceRows;
  snapshot?: Snapshot;
  error?: string;
  /** why the store did not record this run's start or end (record()) */
  recordError?: string;
  listeners: Set<(e: RunEvent) => void>;
  ended: Promise<void>;
  resolveEnded: () => void;
  opts: StartOptions;
  /** how it ended: the worker's result, or the error it failed with (its class kept) */
  result?: WorkerRunResult;
  failure?: unknown;
}

/** Per-run options of `start` (the CLI's; the server uses the defaults). */
export interface StartOptions {
  /** the run already resolved (from a run file: parameter files, seeds); `input` is then only recorded */
  resolved?: ResolvedRun;
  /** output folder (default: <outRoot>/<id> when the service writes files) */
  outDir?: string;
  /** record this output folder in the store */
  recordOutDir?: boolean;
  checkpointEvery_s?: SimulateOptions['checkpointEvery_s'];
  resume?: boolean;
  config?: SimulateOptions['config'];
  /** render the run's figures into <outDir>/figures on its worker when it ends (not when cancelled) */
  figures?: boolean;
  /** a previous run's entries of outDir, removed just before the run writes its first file there (simulate --force: prepareOutDir's laterClear) */
  clearFirst?: readonly string[];
  /** every progress message of the run (the CLI's progress bar) */
  onProgress?: (p: ProgressInfo) => void;
  onResume?: SimulateOptions['onResume'];
  /** stop the run after this many events (simulate --max-events) */
  eventLimit?: number;
}

export interface ServiceOptions {
  /** store path (default: the store's default, ~/.sacplate/sacplate.db or SACPLATE_DB) */
  storePath?: string;
  /** null: no store, runs live in memory only (the CLI's --no-store) */
  store?: null;
  /** events between checks of the cancel flag and progress messages (default 20,000: a cancel within ~0.1 s; undefined: the engine's default) */
  chunk?: number | null;
  /** runs at once (default: number of cores) */
  concurrency?: number;
  /** folder for run outputs (default: workbench-runs/ beside the store) */
  outRoot?: string;
  /** write output files (metrics.json, eta.csv, final.vti, ...) for each run (default true) */
  writeFiles?: boolean;
  /** largest lattice (voxels) whose snapshots are kept for the 3D view (default 2e6) */
  maxSnapshotVoxels?: number;
  /**
   * seconds of wall time between checkpoints of the runs the service owns (default 120: a
   * checkpoint of the 100 nm protocol's box takes 1.3-1.7 s, about 1 % of the run; a cancel writes
   * one too); null: none. Needs output files; every kind of step takes them (ion walkers too).
   */
  checkpointEvery_s?: number | null;
  /**
   * memory one run may take (bytes; a box reckoned larger is refused before anything is
   * allocated, input/memory.ts); default half of this machine's memory over `concurrency`
   * runs. `flag` is the option that sets it, named in the refusal (`--max-run-memory`).
   */
  runMemory?: { bytes?: number; flag: string };
  /** what the service's lines on stderr start with (a store that could not record a run): 'sacplate serve' by default, the CLI's commands 'sacplate' */
  logPrefix?: string;
  /** say nothing of a store that could not record a run: the caller says it (`simulate`, from recordError) */
  quietRecord?: boolean;
}

const EMPTY_ROWS = (): TraceRows => ({ time_s: [], charge_C_per_cm2: [], overpotential_mV: [], cell_voltage_mV: [], current_mA_per_cm2: [], cycle: [] });
const LIVE_TRACE_MAX = 20000;
const KEEP_FINISHED = 50;

export class RunService {
  private readonly db: Store | null;
  readonly concurrency: number;
  private readonly live = new Map<string, LiveRun>();
  /** the ended runs `live` holds, oldest entry first (at most KEEP_FINISHED once finish() returns) */
  private readonly endedRuns: LiveRun[] = [];
  private seq = 0;
  /**
   * The FIFO queue: the runs from `queueHead` on, in the order they were queued. A cancelled run
   * stays in place until the front reaches it (its status is then no longer 'queued': skipped), so
   * that a cancel is O(1), not a splice that moves the whole array (V8 copies a large array on a
   * removal at its front); the array is cut once its passed part is at least half of it. `queued`
   * counts the runs still queued.
   */
  private queue: LiveRun[] = [];
  private queueHead = 0;
  private queued = 0;
  private running = 0;
  private closed = false;
  private readonly outRoot: string;
  private readonly writeFiles: boolean;
  private readonly maxSnapshotVoxels: number;
  private readonly chunk: number | undefined;
  private readonly checkpointEvery_s: number | null;
  private readonly runBudget: { bytes: number; why: string };
  private readonly runBudgetFlag: string;
  private readonly logPrefix: string;
  /** the CLI says a failed record itself, once, with the run's outcome (recordError) */
  private readonly quietRecord: boolean;

  constructor(opts: ServiceOptions = {}) {
    this.logPrefix = opts.logPrefix ?? 'sacplate serve';
    this.quietRecord = opts.quietRecord ?? false;
    this.db = opts.store === null ? null : openStore(opts.storePath);
    this.concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
    this.outRoot = opts.outRoot ?? (this.db ? join(dirname(this.db.path), 'workbench-runs') : 'workbench-runs');
    this.chunk = opts.chunk === null ? undefined : (opts.chunk ?? 20000);
    this.writeFiles = opts.writeFiles ?? true;
    this.maxSnapshotVoxels = opts.maxSnapshotVoxels ?? 2e6;
    this.checkpointEvery_s = opts.checkpointEvery_s === undefined ? 120 : opts.checkpointEvery_s;
    if (this.checkpointEvery_s !== null && !(this.checkpointEvery_s >= 0)) throw new InputError('checkpointEvery_s', this.checkpointEvery_s, 'seconds of wall time >= 0, or null for none');
    this.runBudgetFlag = opts.runMemory?.flag ?? '--max-run-memory';
    this.runBudget = runBudget(opts.runMemory?.bytes, this.runBudgetFlag, this.concurrency);
    this.recoverOrphans();
  }

  /** The store (throws when the service was made without one). */
  get store(): Store {
    if (!this.db) throw new Error('this run service has no store');
    return this.db;
  }

  /** whether runs are recorded in a store */
  get stored(): boolean { return this.db !== null; }

  /**
   * Runs a server accepted but whose process is gone (killed, machine restarted) would stay
   * "running" for ever: each accepted run carries the accepting process's pid in its metrics
   * until it ends; such rows whose process no longer exists are marked failed, saying why.
   */
  private recoverOrphans(): void {
    if (!this.db) return;
    for (const r of this.store.listRuns({ status: 'running', limit: 10000 })) {
      const owner = (r.metrics as { workbench_pid?: unknown } | null)?.workbench_pid;
      if (typeof owner !== 'number' || owner === process.pid) continue;
      const alive = processAlive(owner);
      // `interrupted`: the run itself did not fail, so resume() may continue it from its last checkpoint
      // the run's identity (metal, host, SACs, seed, ...) kept: the recent-runs list showed such a run as "/"
      const { workbench_pid: _, ...identity } = r.metrics as Record<string, unknown>;
      if (!alive) this.record({ id: r.id } as LiveRun, () => this.store.updateRun(r.id, { status: 'failed', metrics: { ...identity, error: `the server (pid ${owner}) stopped before the run ended`, interrupted: true } }));
    }
  }

  /**
   * Validates `input` (the object a run file holds) and queues it; throws InputError with the
   * CLI's message. With `opts.resolved` the run is taken as resolved and `input` is what is recorded.
   */
  start(input: unknown, name?: string, opts: StartOptions = {}): RunView {
    if (this.closed) throw new InputError('server', 'stopping', 'a running server');
    if (name !== undefined) checkRunName(name);
    const run = opts.resolved ?? validateRunInput(input);
    this.checkFits(run);
    if (opts.outDir === undefined && !opts.resolved) this.checkRunsFolder();
    const outDir = opts.outDir ?? undefined;
    const id = this.db
      ? this.db.recordRun({ name, input, metrics: { workbench_pid: process.pid, ...runIdentity(run) }, status: 'running', ...(opts.recordOutDir && outDir ? { outDir } : {}) })
      : newRunId();
    let resolveEnded!: () => void;
    const ended = new Promise<void>((r) => { resolveEnded = r; });
    const lr: LiveRun = {
      id, name: name ?? null, created_at: new Date().toISOString(), input, run, status: 'queued', seq: this.seq++,
      progress: null, trace: EMPTY_ROWS(),
      listeners: new Set(), ended, resolveEnded, opts,
    };
    this.live.set(id, lr);
    this.queue.push(lr);
    this.queued++;
    this.pump();
    return this.view(lr);
  }

  /** The folder the service's own runs write their outputs in (<outRoot>; workbench-runs beside the store by default). */
  get runsFolder(): string { return this.outRoot; }

  /**
   * Refuses (a FileError of runsFolder; the workbench's 503) a run of the service's own when its runs' folder cannot be
   * made or written by this user: the run was accepted, then failed naming the folder (robust63's P13, robust63b).
   */
  checkRunsFolder(): void {
    if (!this.writeFiles) return;
    const fix = "runs started here write their outputs there (beside the store); make it writable by the user running sacplate serve, or serve a store (--db) in a folder that user can write";
    try {
      mkdirSync(this.outRoot, { recursive: true });
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new FileError(this.outRoot, `the workbench cannot make its runs' folder (${code === 'EEXIST' ? 'something that is not a folder has its name' : fsReason(e)}); ${fix}`);
    }
    try {
      accessSync(this.outRoot, fsConstants.W_OK | fsConstants.X_OK);
    } catch (e) {
      throw new FileError(this.outRoot, `the workbench's runs' folder cannot be written by this user (${fsReason(e)}); ${fix}`);
    }
  }

  /** Refuses (InputError on lattice.size) a run whose box would not fit in one run's memory: before it is recorded or allocated. */
  checkFits(run: ResolvedRun): void {
    checkRunMemory(run.lattice.size, this.runBudget, raiseWith(this.runBudgetFlag));
  }

  /** Cancels a queued or running run; false when the id is unknown or the run already ended. */
  cancel(id: string): boolean {
    const lr = this.live.get(id);
    if (!lr) return false;
    if (lr.status === 'queued') {
      this.queued--; // left in the array: the front skips it (its status is 'cancelled' from here)
      // never_started: it has no checkpoint, and resume() starts it from the beginning (it could be neither resumed nor restarted)
      // (a resumed run cancelled in the queue again keeps its checkpoint: resumed from it, not started over)
      this.record(lr, () => this.db?.updateRun(id, lr.opts.resume ? { status: 'cancelled' } : { status: 'cancelled', metrics: { ...runIdentity(lr.run), never_started: true } }));
      this.finish(lr, 'cancelled');
      this.trimQueue();
      return true;
    }
    if (lr.status === 'running') { lr.handle?.cancel(); return true; }
    return false;
  }

  /** Stops a running run's worker at once (no outputs; the CLI's second Ctrl-C). */
  async terminate(id: string): Promise<void> {
    await this.live.get(id)?.handle?.terminate();
  }

  /** A run by id: live state when this server runs or ran it, else the stored record. */
  status(id: string): RunView | undefined {
    const lr = this.live.get(id);
    if (lr) return this.view(lr);
    if (!this.db) return undefined;
    const rec = this.db.getRun(id);
    if (!rec || rec.id !== id) return undefined;
    // why a stored run failed (its metrics' error: the page said only "failed", also for a run whose server was killed)
    const error = rec.status === 'failed' ? (rec.metrics as { error?: unknown } | null)?.error : undefined;
    // a run without SACs: no SAC share nor chance (null), also one stored before mends62 with 0 (mends63)
    const v: RunView = { id: rec.id, name: rec.name, created_at: rec.created_at, status: rec.status, progress: null, metrics: bareShareAsNull(rec.metrics, rec.input), live: false, ...(typeof error === 'string' ? { error } : {}) };
    return this.resumeRefusal(id) === undefined ? { ...v, resumable: true, ...(this.neverStarted(id) ? { never_started: true } : {}) } : v;
  }

  /**
   * The CLI's warning lines for the steps of an ended run that stopped before their own end (the
   * deposit filled the box, no metal was left to strip, ...; src/simulation/early-ends.ts): the
   * workbench said "finished" for a run whose plating stopped at the top of the box. From the
   * worker's step results for a run this server ran, else from the stored metrics' steps_ended
   * (then without the step's charge and time). [] for a run with none, or still running.
   */
  warnings(id: string): string[] {
    const lr = this.live.get(id);
    // a short circuit first, as `sacplate simulate` prints it (review57: the page said only "finished")
    if (lr) return lr.result ? [...shortCircuitLines(lr.result.metrics), ...earlyEndWarnings(lr.result.steps, '', lr.run.protocol)] : [];
    const metrics = this.db?.getRun(id)?.metrics as { steps_ended?: unknown; short_circuit_s?: number | null } | null | undefined;
    const short = shortCircuitLines(metrics);
    const ended = metrics?.steps_ended;
    if (!Array.isArray(ended)) return short;
    const steps = ended.map((e, index) => ({ index, ended: String(e) as StepResult['ended'] }));
    if (earlyEndWarnings(steps).length === 0) return short; // the input is resolved only for a run that has one
    let protocol: ResolvedRun['protocol'] | undefined;
    try { protocol = validateRunInput(this.input(id)).protocol; } catch { /* an input this version no longer reads: the lines without the steps' texts */ }
    return [...short, ...earlyEndWarnings(steps, '', protocol)];
  }

  /**
   * What `sacplate simulate` says of a run's input before it runs (input/limits.ts runInputWarnings: a Hold at a cell
   * voltage's size, an electrolyte with another electrolyte's SEI set or with none, and since branch boxfit a protocol
   * whose net plated charge does not fit the box's height at dense packing, boxFitWarnings), for the run's whole life: from the
   * live run's resolved input, else from the stored input ([] for one this version no longer reads). The API said none
   * of them (review61).
   */
  /**
   * fieldcost66's line for an ended run that spent most of its wall time in the electrolyte field on a grid finer than one
   * that would do (cli/transport-lines.ts fieldCellLine, as `sacplate simulate` prints it; cmpmeas67: the Run page showed
   * the share alone), or undefined.
   */
  fieldCellLine(id: string): string | undefined {
    const lr = this.live.get(id);
    if (lr) return lr.result ? fieldCellLine(lr.result.metrics.transport, lr.run) : undefined;
    const t = (this.db?.getRun(id)?.metrics as { transport?: TransportMetrics } | null | undefined)?.transport;
    // the input is resolved only for a run whose share is past the line's threshold
    if (!t || !(t.field_wall_share > FIELD_CELL_HINT_SHARE)) return undefined;
    try { return fieldCellLine(t, validateRunInput(this.input(id))); } catch { return undefined; /* an input this version no longer reads */ }
  }

  inputWarnings(id: string): string[] {
    const lr = this.live.get(id);
    if (lr) return runInputWarnings(lr.run);
    const input = this.input(id);
    if (input === undefined) return [];
    try { return runInputWarnings(validateRunInput(input)); } catch { return []; }
  }

  /**
   * A run's output files that a client may download (GET /api/runs/:id/files): those of RUN_FILES its
   * output folder holds (<outRoot>/<id>, or the CLI's --out), with their sizes; undefined for an unknown id.
   */
  outputFiles(id: string): { name: RunFile; path: string; bytes: number }[] | undefined {
    const lr = this.live.get(id);
    const rec = lr ? undefined : this.db?.getRun(id);
    if (!lr && (!rec || rec.id !== id)) return undefined;
    const dir = (lr ? lr.opts.outDir : rec!.out_dir) ?? (this.writeFiles ? join(this.outRoot, id) : undefined);
    if (!dir) return [];
    return RUN_FILES.flatMap((name) => {
      const path = join(dir, name);
      try { const s = statSync(path); return s.isFile() ? [{ name, path, bytes: s.size }] : []; } catch { return []; }
    });
  }

  /**
   * Why the outputs `outputFiles` lists are not the run's own last ones, or undefined where they are (a finished or
   * cancelled run's). A run writes them only where it ends or stops, so a run that is running, queued or failed wrote
   * none in this attempt: the ones its folder holds are those of where it stopped before (a run of this service resumed
   * under its id: its earlier part; the CLI's folder: an earlier run there, e.g. the part before a --resume). mends80
   * (review65: after a server SIGKILL during a resumed run, /files listed the earlier cancel's outputs for a `failed` run).
   */
  earlierOutputs(id: string): string | undefined {
    const v = this.status(id);
    const files = this.outputFiles(id);
    if (!v || !files?.length || !(v.status === 'running' || v.status === 'queued' || v.status === 'failed')) return undefined;
    const metrics = files.find((f) => f.name === 'metrics.json');
    let events: unknown;
    try { events = metrics ? (JSON.parse(readFileSync(metrics.path, 'utf8')) as { events?: unknown }).events : undefined; } catch { /* unreadable: no count */ }
    const at = typeof events === 'number' ? `, stopped at ${events.toLocaleString('en-US')} events (their metrics.json)` : '';
    const now = v.status === 'failed' ? `this run reads failed and wrote none since${v.resumable ? ': resume it to replace them' : ''}`
      : `this run is ${v.status} again and replaces them when it ends or stops`;
    const own = files[0]!.path.startsWith(join(this.outRoot, id) + sep);
    return own ? `these are the outputs of the run's earlier part${at}, written before it was resumed; ${now}`
      : `these were written before this run started (an earlier run in its output folder${at}, e.g. the part before a --resume); ${now}`;
  }

  /** The checkpoint a run the service owns writes (its output folder is <outRoot>/<id>). */
  private checkpointFile(id: string): string { return join(this.outRoot, id, CHECKPOINT_FILE); }

  /** A run cancelled while still queued: it never ran (no checkpoint, no outputs), so resume() starts it from the beginning. */
  private neverStarted(id: string): boolean {
    const lr = this.live.get(id);
    if (lr) return lr.status === 'cancelled' && !lr.handle && !lr.opts.resume;
    const rec = this.db?.getRun(id);
    return rec?.status === 'cancelled' && (rec.metrics as { never_started?: unknown } | null)?.never_started === true;
  }

  /** Why `resume(id)` would be refused (status and one line), or undefined when it would go ahead. */
  private resumeRefusal(id: string): RunStateError | undefined {
    const lr = this.live.get(id);
    const rec = lr ? undefined : this.db?.getRun(id);
    if (!lr && (!rec || rec.id !== id)) return new RunStateError(404, `run: got "${id}", expected the id of a stored run`);
    const status = lr?.status ?? rec!.status;
    const metrics = (lr ? (lr.result?.metrics ?? null) : rec!.metrics) as { error?: unknown; interrupted?: unknown } | null;
    if (status === 'queued' || status === 'running') return new RunStateError(409, `run: "${id}" is ${status}; only a cancelled run (or one whose server stopped) can be resumed`);
    if (status === 'finished') return new RunStateError(409, `run: "${id}" has finished; its results are kept and there is nothing to resume`);
    // a run that failed on its own (bad input, an engine error) would fail again; one whose server stopped did not fail
    const interrupted = !lr && metrics?.interrupted === true;
    if (status === 'failed' && !interrupted) return new RunStateError(409, `run: "${id}" failed (${String(lr?.error ?? metrics?.error ?? 'no message')}); only a cancelled run (or one whose server stopped) can be resumed`);
    const outDir = lr ? lr.opts.outDir : rec!.out_dir;
    if (outDir || lr?.opts.resolved) return new RunStateError(409, `run: "${id}" was started by the CLI${outDir ? ` (output folder ${outDir})` : ''}; continue it there with sacplate simulate RUN_FILE --out ${outDir ?? 'DIR'} --resume`);
    if (this.neverStarted(id)) return undefined; // started from the beginning: no checkpoint needed
    const ck = this.checkpointFile(id);
    if (!this.writeFiles || this.checkpointEvery_s === null || !existsSync(ck)) {
      // the server's folders stay out of the message (it goes to HTTP clients)
      return new RunStateError(409, `run: "${id}" has no checkpoint (${CHECKPOINT_FILE} in its output folder): it stopped before its first checkpoint, or this server writes none; start it again instead`);
    }
    return undefined;
  }

  /**
   * Continues a cancelled run (or one whose server stopped) from its checkpoint, under the same
   * id: it is queued like a new run, its live trace starts again from the checkpoint's (the whole
   * trace so far), and it ends with the outputs of an uninterrupted run of the same seed. A run
   * cancelled while still queued (it never ran) is started from the beginning under its id. Throws
   * RunStateError (404 unknown id; 409 still running, finished, failed, started by the CLI, no
   * checkpoint) and leaves the run as it was.
   */
  resume(id: string): RunView {
    if (this.closed) throw new InputError('server', 'stopping', 'a running server');
    const refusal = this.resumeRefusal(id);
    if (refusal) throw refusal;
    const old = this.live.get(id);
    const rec = old ? undefined : this.db?.getRun(id);
    const input = old ? old.input : rec!.input;
    const run = old ? old.run : validateRunInput(input);
    const fromStart = this.neverStarted(id);
    if (!old?.opts.outDir && !old?.opts.resolved) this.checkRunsFolder();
    this.db?.updateRun(id, { status: 'running', metrics: { workbench_pid: process.pid, ...runIdentity(run) } });
    let resolveEnded!: () => void;
    const ended = new Promise<void>((r) => { resolveEnded = r; });
    const lr: LiveRun = {
      id, name: old ? old.name : rec!.name, created_at: old ? old.created_at : rec!.created_at, input, run, status: 'queued', seq: this.seq++,
      progress: null, trace: EMPTY_ROWS(),
      listeners: new Set(), ended, resolveEnded, opts: fromStart ? {} : { resume: true },
    };
    this.live.delete(id); // re-inserted last: the newest in memory
    const k = old ? this.endedRuns.indexOf(old) : -1; // it had ended (resumeRefusal): it runs again
    if (k >= 0) this.endedRuns.splice(k, 1);
    this.live.set(id, lr);
    this.queue.push(lr);
    this.queued++;
    this.pump();
    return this.view(lr);
  }

  /**
   * Runs with their metric columns, newest first (or in `query`'s order, those meeting its conditions: store/run-query.ts);
   * live status where this server has it. A run cancelled while still queued says so (never_started: it has no metrics
   * to compare, only its identity).
   */
  list(limit = 200, query: Pick<RunFilter, 'where' | 'orderBy'> = {}): Array<Record<string, unknown>> {
    const said = (r: Record<string, unknown>) => (r.status === 'cancelled' && this.neverStarted(String(r.id)) ? { ...r, never_started: true } : r);
    if (!this.db) {
      // the runs in memory have no metric columns to query
      if (query.where || query.orderBy) {
        // the value as the caller wrote it (it showed the parsed conditions: [{"column":"average_ce","op":">","value":0.95}])
        const asWritten = query.where ? query.where.map((c) => `${c.column}${c.op}${c.value}`).join('; ') : `${query.orderBy!.descending ? '-' : ''}${query.orderBy!.column}`;
        throw new InputError(query.where ? 'where' : 'sort', asWritten, 'no filter or order: this workbench runs without a store (--no-store) and lists the runs in its memory, newest first');
      }
      return [...this.live.values()].reverse().slice(0, limit).map((lr) => said({ id: lr.id, name: lr.name, created_at: lr.created_at, status: lr.status,
        stopped_by: this.stoppedBy(lr.id), progress: liveProgress(lr)?.fraction ?? null }));
    }
    return this.withStops(this.withSeiSets(this.withSacLists(this.db.runRows({ limit, ...query }))).map((row) => {
      // a bare host's row (sacs []): no SAC share nor chance, also one stored before mends62 with 0 (mends63)
      const r = bareShareAsNull(row);
      const lr = this.live.get(String(r.id));
      return said(lr ? { ...r, status: lr.status, progress: liveProgress(lr)?.fraction ?? null } : r);
    }));
  }

  /**
   * Why a run stopped, as the rows of GET /api/runs say it (`withStops`): `event_limit` for a cancelled run that stopped
   * at its event limit, else null; for GET /api/runs/:id (mends90: the list rows had it since mends88, the run's view not).
   */
  stoppedBy(id: string): 'event_limit' | null {
    const lr = this.live.get(id);
    if (lr && lr.status !== 'cancelled') return null;
    if (lr?.result) return lr.result.steps.some((s) => s.ended === 'event_limit') ? 'event_limit' : null;
    return this.db?.eventLimitStops([id]).has(id) ? 'event_limit' : null;
  }

  /**
   * Rows with `stopped_by`: `event_limit` for a cancelled run that stopped at its event limit (`simulate --max-events`,
   * `runs list`'s `cancelled (event limit)`), else null (mends88: the rows did not say why a run stopped, and the Compare
   * page worded it as a run cancelled by hand). Only the cancelled rows' metrics are read, in one query.
   */
  withStops<R extends Record<string, unknown>>(rows: R[]): Array<R & { stopped_by: 'event_limit' | null }> {
    const cancelled = rows.filter((r) => r.status === 'cancelled').map((r) => String(r.id));
    const stops = this.db && cancelled.length ? this.db.eventLimitStops(cancelled) : new Set<string>();
    return rows.map((r) => ({ ...r, stopped_by: stops.has(String(r.id)) ? 'event_limit' as const : null }));
  }

  /**
   * Metric rows with `sacs` as metrics.json's list (`["Zn-N4 2.00 % random"]`, `[]` for a bare host; null for a run whose
   * metrics hold none): until mends58 the HTTP rows gave the store column, the names joined with "+" in one string. The
   * column keeps that text for `?where=sacs~...`, `sacplate runs list` and the library's store rows.
   */
  withSacLists<R extends Record<string, unknown>>(rows: R[]): Array<Omit<R, 'sacs'> & { sacs: string[] | null }> {
    const lists = this.db ? this.db.runSacs(rows.map((r) => String(r.id))) : new Map<string, string[]>();
    return rows.map((r) => ({ ...r, sacs: lists.get(String(r.id)) ?? null }));
  }

  /**
   * Rows with `sei`: the SEI set the run's input names (`carbonate`; `custom` for a map without a set), null without an
   * SEI (mends115, review85 F9: the Compare page's picker read an SEI run's system as that of a run without one).
   */
  withSeiSets<R extends Record<string, unknown>>(rows: R[]): Array<R & { sei: string | null }> {
    return rows.map((r) => ({ ...r, sei: seiOfInput(this.input(String(r.id))) }));
  }

  /** The input a run was started from (the run-file object). */
  input(id: string): unknown {
    const lr = this.live.get(id);
    if (lr) return lr.input;
    const rec = this.db?.getRun(id);
    return rec && rec.id === id ? rec.input : undefined;
  }

  /** Trace and per-cycle summary: the live trace while the run is in memory, else the stored one. */
  series(id: string): { trace: TraceRows | null; cycles: unknown } | undefined {
    const lr = this.live.get(id);
    const stored = this.db?.runSeries(id);
    if (lr && (lr.status === 'queued' || lr.status === 'running')) return { trace: thinTrace(lr.trace, STORED_TRACE_MAX), cycles: null };
    if (!stored) return undefined;
    return { trace: stored.trace as TraceRows | null, cycles: stored.cycles };
  }

  /**
   * The latest voxel snapshot of a run this server holds in memory, with the run's host layers (the bottom
   * host_layers z planes: heights are counted from the top one, as metrics.json's mean_height_nm and max_height_nm) and
   * whether those layers are the metal's own foil (host_foil, Derived.hostCode === METAL: a column stripped into the foil
   * reads a negative height, as metrics.json's heights do since mends70, src/metrics/morphology.ts `foil`).
   */
  snapshot(id: string): (Snapshot & { host_layers: number; host_foil: boolean }) | undefined {
    const lr = this.live.get(id);
    if (lr) return lr.snapshot ? { ...lr.snapshot, host_layers: lr.run.lattice.hostLayers, host_foil: lr.run.host.name === lr.run.metal.name } : undefined;
    return this.finalGrid(id);
  }

  /**
   * A finished run this server did not run (a CLI run, an earlier session's): the deposit at its end from its folder's
   * final.vti (or final.extxyz), within the 3D view's voxel limit; undefined otherwise. audit70: the Run page's view of
   * every such run stayed empty, `latest: not held by this server (pick a step)`, with final.vti listed under its files.
   */
  private finalGrid(id: string): (Snapshot & { host_layers: number; host_foil: boolean }) | undefined {
    const rec = this.db?.getRun(id);
    if (!rec || rec.id !== id || rec.status !== 'finished') return undefined;
    const f = this.folderOf(id);
    if (!f?.dir || !f.wrote) return undefined;
    for (const name of ['final.vti', 'final.extxyz']) {
      const path = join(f.dir, name);
      if (!existsSync(path)) continue;
      let r: ReturnType<typeof readSnapshot>;
      try { r = readSnapshot(path, this.maxSnapshotVoxels); } catch { return undefined; }
      if (!r.ok) return undefined;
      const cells = r.cells.buffer.byteLength === r.cells.length ? r.cells.buffer as ArrayBuffer : r.cells.slice().buffer as ArrayBuffer;
      return { nx: r.nx, ny: r.ny, nz: r.nz, voxel_nm: r.voxel_nm, cells, host_layers: f.run?.lattice.hostLayers ?? this.resolvedHostLayers(f.dir), host_foil: r.host !== null && r.host === r.metal };
    }
    return undefined;
  }

  /** the 3D view's voxel limit: the largest box whose latest grid is kept and whose per-step snapshots are served */
  get viewVoxelLimit(): number { return this.maxSnapshotVoxels; }

  /**
   * Where a run's outputs are (web64): its folder (the CLI's --out, else <outRoot>/<id> for the service's own), how the
   * folder is said to an HTTP client (a CLI run's path as given; the service's own by its name under the runs folder,
   * the server's folders staying out of messages), whether the run wrote files there (its record's artefacts, or an
   * --out folder), its state and its resolved run (from the store's input where it still resolves). Undefined: unknown id.
   */
  private folderOf(id: string): { dir: string | undefined; said: string; wrote: boolean; active: boolean; run: ResolvedRun | undefined } | undefined {
    const lr = this.live.get(id);
    const rec = lr ? undefined : this.db?.getRun(id);
    if (!lr && (!rec || rec.id !== id)) return undefined;
    const given = lr ? lr.opts.outDir : rec!.out_dir ?? undefined;
    const dir = given ?? (this.writeFiles ? join(this.outRoot, id) : undefined);
    const said = given ? `its output folder ${given}` : `its output folder ${basename(this.outRoot)}/${id} in the workbench's runs folder`;
    const status = lr ? lr.status : rec!.status;
    const wrote = given !== undefined || (lr ? (lr.result?.files.length ?? 0) > 0 : rec!.artefacts.length > 0);
    let run = lr?.run;
    if (!run) { try { run = validateRunInput(rec!.input); } catch { /* an input this version no longer reads (or files the CLI resolved): no step texts */ } }
    return { dir, said, wrote, active: status === 'queued' || status === 'running', run };
  }

  /**
   * The per-step snapshots a run's folder holds (GET /api/runs/:id/snapshots, web64): each with its step, the step's
   * text, kind, cycle, time, charge and connected and dead voxels from its file's header; `steps` the protocol's step
   * count; `hint` why there are none. A RunStateError 404 for an unknown id, or for a run that wrote an output folder
   * that is gone (naming it).
   */
  snapshots(id: string): { snapshots: SnapshotEntry[]; steps: number | null; view_voxel_limit: number; listed_of?: number; hint?: string } {
    const f = this.folderOf(id);
    if (!f) throw new RunStateError(404, `run: got "${id}", expected the id of a stored run`);
    const there = f.dir !== undefined && existsSync(f.dir);
    if (!there && f.wrote && !f.active) throw new RunStateError(404, `snapshots: ${f.said} is gone (moved or deleted), and with it its ${SNAPSHOT_DIR}/ folder: run "${id}" wrote its files there`);
    const { snapshots, listed_of } = there ? listSnapshots(f.dir!, f.run?.protocol, this.maxSnapshotVoxels) : { snapshots: [], listed_of: 0 };
    return {
      snapshots, steps: stepCount(f.run?.protocol), view_voxel_limit: this.maxSnapshotVoxels,
      ...(listed_of > snapshots.length ? { listed_of } : {}),
      ...(snapshots.length === 0 ? { hint: noSnapshotsHint(f.run, { folder: there, writes: f.dir !== undefined, active: f.active }) } : {}),
    };
  }

  /**
   * One per-step snapshot's grid (GET /api/runs/:id/snapshots/:step) in the form of the latest grid (`snapshot`):
   * `step` the step's index as the list gives it (InputError naming `step` when it is not a whole number >= 0). A
   * RunStateError: 404 an unknown id, a folder gone or a step without a snapshot (a rest's says so), 413 a box over the
   * 3D view's voxel limit (its voxels are not read), 422 a file this server cannot read as a snapshot.
   */
  snapshotGrid(id: string, step: string): Snapshot & { host_layers: number; host_foil: boolean; step: number } {
    if (!/^\d{1,9}$/.test(step)) throw new InputError('step', step, "a step index: a whole number >= 0, the `step` of one of the run's snapshots (GET /api/runs/:id/snapshots)");
    const n = Number(step);
    const f = this.folderOf(id);
    if (!f) throw new RunStateError(404, `run: got "${id}", expected the id of a stored run`);
    const files = f.dir !== undefined ? snapshotFiles(f.dir) : undefined;
    if (f.dir !== undefined && !existsSync(f.dir) && f.wrote && !f.active) throw new RunStateError(404, `snapshot: ${f.said} is gone (moved or deleted), and with it its ${SNAPSHOT_DIR}/ folder: run "${id}" wrote its files there`);
    const file = files?.find((x) => x.step === n);
    if (!file) {
      const rest = restStepText(f.run?.protocol, n);
      const has = files?.length ? `it has steps ${files.slice(0, 20).map((x) => x.step).join(', ')}${files.length > 20 ? `, ... (${files.length})` : ''}` : 'it has none: GET /api/runs/:id/snapshots says why';
      throw new RunStateError(404, `step: got ${n}, expected the step of one of run "${id}"'s snapshots (${rest !== undefined ? `step ${n} is a rest, "${rest}", which writes none; ` : ''}${has})`);
    }
    const path = join(f.dir!, SNAPSHOT_DIR, file.name);
    let r: ReturnType<typeof readSnapshot>;
    try { r = readSnapshot(path, this.maxSnapshotVoxels); } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      // the reader's reason without the server's path (FileError: "<path>[:line]: <reason>")
      throw new RunStateError(422, `snapshot: ${SNAPSHOT_DIR}/${file.name} of run "${id}" cannot be read (${m.startsWith(path) ? m.slice(path.length).replace(/^(:\d+)?: /, '') : m})`);
    }
    if (!r.ok && r.why === 'over_limit') {
      throw new RunStateError(413, `snapshot: step ${n} of run "${id}" holds ${r.voxels.toLocaleString('en-US')} voxels (${r.dims.join(' x ')}), over the 3D view's limit of ${this.maxSnapshotVoxels.toLocaleString('en-US')} (the latest grid of such a box is not kept either); open ${SNAPSHOT_DIR}/${file.name} ${file.name.endsWith('.vti') ? `(or ${SNAPSHOT_DIR}/snapshots.pvd, the series) from ${f.said} in ParaView` : `from ${f.said} in OVITO or ASE`}`);
    }
    if (!r.ok) throw new RunStateError(422, `snapshot: ${SNAPSHOT_DIR}/${file.name} of run "${id}" is not a snapshot this server wrote (${r.why === 'not_ours' ? r.reason : ''})`);
    const hostLayers = f.run?.lattice.hostLayers ?? this.resolvedHostLayers(f.dir!);
    const cells = r.cells.buffer.byteLength === r.cells.length ? r.cells.buffer as ArrayBuffer : r.cells.slice().buffer as ArrayBuffer;
    return { nx: r.nx, ny: r.ny, nz: r.nz, voxel_nm: r.voxel_nm, cells, host_layers: hostLayers, host_foil: r.host !== null && r.host === r.metal, step: n };
  }

  /** the host layers resolved.json in a run folder says (lattice.hostLayers), for a stored run whose input no longer resolves; 0 without */
  private resolvedHostLayers(dir: string): number {
    try {
      const v = (JSON.parse(readFileSync(join(dir, 'resolved.json'), 'utf8')) as { lattice?: { hostLayers?: unknown } }).lattice?.hostLayers;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
    } catch { return 0; }
  }

  /** Subscribes to a run's events; returns the unsubscribe function, or undefined when the run is not live. */
  subscribe(id: string, fn: (e: RunEvent) => void): (() => void) | undefined {
    const lr = this.live.get(id);
    if (!lr) return undefined;
    lr.listeners.add(fn);
    return () => { lr.listeners.delete(fn); };
  }

  /** Live trace so far (for a client that joins a running run). */
  liveTrace(id: string): TraceRows | undefined {
    const lr = this.live.get(id);
    return lr ? thinTrace(lr.trace, STORED_TRACE_MAX) : undefined;
  }

  /** Resolves when the run ends (immediately for runs not in memory). */
  async wait(id: string): Promise<RunView | undefined> {
    const lr = this.live.get(id);
    if (lr) await lr.ended;
    return this.status(id);
  }

  /**
   * The worker's result of a run this service started (metrics, files, per-step endings, whether
   * it was cancelled) once it ends; rejects with the error it failed with, class kept (an
   * InputError stays one line at the CLI). A run cancelled before it started resolves undefined.
   */
  async result(id: string): Promise<WorkerRunResult | undefined> {
    const lr = this.live.get(id);
    if (!lr) throw new InputError('run', id, 'the id of a run this service started');
    await lr.ended;
    if (lr.failure !== undefined) throw lr.failure;
    return lr.result;
  }

  counts(): { queued: number; running: number; live: number } {
    return { queued: this.queued, running: this.running, live: this.live.size };
  }

  /** Cancels queued and running runs, waits for their workers to record them, closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const lr of this.queue.slice(this.queueHead)) if (lr.status === 'queued') this.cancel(lr.id);
    const pending = [...this.live.values()].filter((l) => l.status === 'running');
    for (const lr of pending) lr.handle?.cancel();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending.map((l) => l.ended)), new Promise((r) => { timer = setTimeout(r, 20000); })]);
    clearTimeout(timer);
    for (const lr of pending) if (lr.status === 'running') await lr.handle?.terminate();
    this.db?.close();
  }

  private view(lr: LiveRun): RunView {
    let metrics: unknown = null;
    if (lr.status === 'finished' || lr.status === 'cancelled' || lr.status === 'failed') metrics = bareShareAsNull(this.db ? this.db.getRun(lr.id)?.metrics ?? null : lr.result?.metrics ?? null, lr.input);
    const resumable = lr.status === 'cancelled' && this.resumeRefusal(lr.id) === undefined;
    return { id: lr.id, name: lr.name, created_at: lr.created_at, status: lr.status, progress: liveProgress(lr), metrics, live: true, seed: lr.run.seed, ...(lr.error ? { error: lr.error } : {}), ...(resumable ? { resumable, ...(this.neverStarted(lr.id) ? { never_started: true } : {}) } : {}) };
  }

  private emit(lr: LiveRun, e: RunEvent): void {
    for (const fn of lr.listeners) { try { fn(e); } catch { /* a listener's failure is its own */ } }
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.queued > 0) {
      this.trimQueue();
      this.queued--;
      this.launch(this.queue[this.queueHead++]!);
    }
    this.trimQueue();
  }

  /** Passes the runs cancelled at the queue's front; cuts the array once its passed part is at least half of it. */
  private trimQueue(): void {
    while (this.queueHead < this.queue.length && this.queue[this.queueHead]!.status !== 'queued') this.queueHead++;
    if (this.queueHead > 0 && this.queueHead * 2 >= this.queue.length) { this.queue = this.queue.slice(this.queueHead); this.queueHead = 0; }
  }

  private launch(lr: LiveRun): void {
    this.running++;
    lr.status = 'running';
    this.emit(lr, { type: 'status', status: 'running' });
    const o = lr.opts;
    // the service's own runs (outputs in <outRoot>/<id>) take checkpoints; the CLI passes its own options
    const own = o.outDir === undefined && !o.resolved && this.writeFiles;
    const every = o.checkpointEvery_s ?? (own && this.checkpointEvery_s !== null ? this.checkpointEvery_s : undefined);
    const h = simulateInWorker(lr.run, {
      outDir: o.outDir ?? (this.writeFiles ? join(this.outRoot, lr.id) : undefined),
      ...(this.chunk !== undefined ? { chunk: this.chunk } : {}),
      ...(every !== undefined ? { checkpointEvery_s: every } : {}),
      ...(o.resume ? { resume: true } : {}),
      ...(o.config ? { config: o.config } : {}),
      ...(o.eventLimit !== undefined ? { eventLimit: o.eventLimit } : {}),
      ...(o.figures ? { figures: true } : {}),
      ...(o.clearFirst?.length ? { clearFirst: o.clearFirst } : {}),
      onProgress: o.onProgress,
      onResume: o.onResume,
      live: {
        options: { progressEvery_ms: 150, snapshotEvery_ms: 1000, maxSnapshotVoxels: this.maxSnapshotVoxels, maxTraceRows: STORED_TRACE_MAX },
        onRows: (progress, rows) => {
          if (progress) lr.progress = progress;
          for (const k of TRACE_ROW_KEYS) (lr.trace[k] as number[]).push(...rows[k]);
          if (lr.trace.time_s.length > LIVE_TRACE_MAX) lr.trace = thinTrace(lr.trace, LIVE_TRACE_MAX / 2);
          this.emit(lr, { type: 'progress', progress, rows });
        },
        onSnapshot: (snap) => {
          lr.snapshot = snap;
          this.emit(lr, { type: 'snapshot' });
        },
      },
    });
    lr.handle = h;
    h.done.then((r) => {
      // mends86 (review71: a run stopped at its event limit, `simulate --max-events`, read `finished` in `runs list` and on
      // the Compare page): it stopped part way with its checkpoint kept, as a Ctrl-C'd run, and is recorded as one
      const status: LiveStatus = r.cancelled || r.steps.some((s) => s.ended === 'event_limit') ? 'cancelled' : 'finished';
      lr.result = r;
      // the engine switches a caller gave (config.engine: `adatoms: 'exact'` turns first-passage kMC off) are kept with the
      // metrics, as resolved.json keeps them (engine_config), so the record says which methods ran (mends60)
      const engine = lr.opts.config?.engine && Object.keys(lr.opts.config.engine).length > 0 ? { engine_config: lr.opts.config.engine } : {};
      this.record(lr, () => this.db?.updateRun(lr.id, { status, metrics: { ...r.metrics, ...engine }, artefacts: r.files, trace: r.trace, cycles: r.cycles }));
      this.finish(lr, status);
    }, (e: unknown) => {
      lr.failure = e;
      lr.error = e instanceof Error ? e.message : String(e);
      this.record(lr, () => this.db?.updateRun(lr.id, { status: 'failed', metrics: { error: lr.error } }));
      this.finish(lr, 'failed');
    }).finally(() => {
      this.running--;
      this.pump();
    });
  }

  /** Writes a run's end to the store; a store error is kept on the run (and logged) instead of crashing the server. */
  private record(lr: LiveRun, fn: () => void): void {
    try { fn(); } catch (e) {
      lr.error = `could not record the run in the store: ${e instanceof Error ? e.message : String(e)}`;
      lr.recordError = lr.error;
      // robust62: `sacplate simulate` printed this as "sacplate serve: ..." (and "recorded run ID" after it)
      if (!this.quietRecord) process.stderr.write(`${this.logPrefix}: ${lr.error}\n`);
    }
  }

  /** Why the store did not record run `id`'s start or end, if it did not (the CLI says it in place of "recorded run ID"). */
  recordError(id: string): string | undefined {
    return this.live.get(id)?.recordError;
  }

  private finish(lr: LiveRun, status: LiveStatus): void {
    lr.status = status;
    this.emit(lr, { type: 'status', status });
    lr.listeners.clear();
    lr.resolveEnded();
    // keep the newest finished runs in memory (snapshots for the 3D view), newest by the order they
    // entered (runs end out of order); drop the oldest. A list of at most KEEP_FINISHED + 1 ended runs,
    // not a scan of every run held (O(n) each time a run ended, O(n^2) to drain a long queue)
    let i = this.endedRuns.length;
    while (i > 0 && this.endedRuns[i - 1]!.seq > lr.seq) i--;
    this.endedRuns.splice(i, 0, lr);
    while (this.endedRuns.length > KEEP_FINISHED) {
      const old = this.endedRuns.shift()!;
      if (this.live.get(old.id) === old) this.live.delete(old.id);
    }
  }
}
