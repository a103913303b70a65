/**
 * A sweep for a library caller and for `sacplate sweep` (cli/actions/sweep.ts prints what
 * sweepTasks returns): a sweep file or object (a base run plus axes; or a screen file or object, whose
 * simulations run as a sweep) in; each task's result in the store (by its task key, so a second call
 * runs only the tasks without a result) and, per task, its label and metrics out. The tasks run on
 * the local worker pool, or with `queue` (a Redis URL) through the BullMQ queue, whose workers
 * (`sacplate worker`) run them; the queue's modules are loaded only then.
 */
import { InputError } from '../errors.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, signalArg, textArg, withOptionNames } from '../args.js';
import { readInputFile } from '../input/parse.js';
import { keyedSweepFile, loadSweepFile, parseSweep, sweepNameArg, sweepSize, SWEEP_FILE_TAKES, type SweepInput, type SweepSpec } from './spec.js';
import { planSweep, planSweepUntil, runSweepLocal, type SweepPlan } from './run.js';
import { SweepStore, type SweepRow } from './store.js';
import type { TaskError } from './tasks.js';
import type { QueueProgress } from './queue-progress.js';

/** A screen (it has candidates or descriptors) rather than a sweep. */
const isScreen = (raw: unknown): boolean => isMap(raw) && ('candidates' in raw || 'descriptors' in raw);

/**
 * A sweep file or object, or a screen file or object (then its simulations as a sweep, "<name>-runs").
 * `name` (checked by the caller) takes the place of the file's name, a screen's as its `name:` would.
 */
export async function sweepSpecOf(input: string | Record<string, unknown>, name?: string, o: { toRun?: boolean } = {}): Promise<SweepSpec> {
  return (await sweepSpecAndRefused(input, name, o)).spec;
}

/**
 * sweepSpecOf's spec, and for a screen the `not evaluated:` lines of the candidates its sweep leaves out (refused as the
 * file is read: `screen` says them and ranks the others) and those candidates (`refused`: name and error, as runScreen's
 * `invalid`). robust61: `sacplate sweep SCREEN` and its `--plan` left them out without a word (the plan said "0 invalid"
 * and exited 0); mends61b: so did the library's sweepTasks/runSweep (SweepResult.notEvaluated).
 */
export async function sweepSpecAndRefused(input: string | Record<string, unknown>, name?: string, o: { toRun?: boolean } = {}): Promise<{ spec: SweepSpec; notEvaluated: string[]; refused: { name: string; error: string }[] }> {
  const raw = typeof input === 'string' ? keyedSweepFile(input, readInputFile(input, SWEEP_FILE_TAKES)) : input;
  if (isScreen(raw)) {
    const { loadScreenFile, parseScreen, notEvaluatedLines } = await import('../screen/spec.js');
    const { screenSweep, objectivesNeedSimulation, simulatedObjectives } = await import('../screen/stages.js');
    const screen = typeof input === 'string' ? loadScreenFile(input) : parseScreen(input);
    // a screen whose objectives need no kMC run (since session 41 `screen` simulates only then): run as a sweep, its
    // candidates x seeds were simulated for nothing the screen reads (review48: 24 tasks of examples/screen-li.yaml
    // with objectives [sustainability, synthesis_energy_kWh_per_g, distortion_A])
    if (o.toRun && !objectivesNeedSimulation(screen.objectives)) {
      throw new InputError('sweep', typeof input === 'string' ? input : '(a screen object)', `a screen with an objective its simulations give (one of ${simulatedObjectives().join(', ')}): this screen's objectives (${screen.objectives.join(', ')}) need no kMC run, so it has no simulations to run as a sweep; sacplate screen ranks it without them`);
    }
    const refused = screen.candidates.filter((c) => c.error !== undefined).map((c) => ({ name: c.name, error: c.error! }));
    return { spec: screenSweep(name === undefined ? screen : { ...screen, name }), notEvaluated: notEvaluatedLines(screen.candidates), refused };
  }
  const spec = typeof input === 'string' ? loadSweepFile(input) : parseSweep(input);
  return { spec: name === undefined ? spec : { ...spec, name }, notEvaluated: [], refused: [] };
}

export interface SweepOptions {
  /** the store the results are kept in (default the CLI's, SACPLATE_DB or ~/.sacplate/sacplate.db) */
  db?: string;
  /** local worker threads (default: every core; not with `queue`: the workers' concurrency sets theirs) */
  threads?: number;
  /** a Redis URL, e.g. 'redis://127.0.0.1:6379': enqueue the tasks there (BullMQ) for the workers (`sacplate worker --queue URL`) and wait for their results */
  queue?: string;
  /** after each task: tasks done of the tasks this call runs */
  onProgress?: (done: number, total: number) => void;
  /** stops the tasks at their next batch of events, or the planning of a large sweep; finished results stay in the store, the same call again continues */
  signal?: AbortSignal;
  /** the sweep's name in the store in place of the file's (its `name:` key, else the file name): a name the store keeps for another file is refused */
  name?: string;
  /**
   * `sweep --keep-going`: a task that ends with an unexpected error (a crash in the engine, a worker thread that died) is
   * recorded (status `error`, its type and message) and the other tasks run; the next call retries it. Without it the
   * first such error stops the sweep. An `EngineMismatch` (a queue worker of another build) stops it either way.
   */
  keepGoing?: boolean;
  /**
   * `sweep --force`: run on the local pool a sweep whose last run watched it on a queue and was killed (or is on another
   * machine): refused without it, since that queue may still hold its waiting tasks, which the workers would run beside
   * this call (polish65b). Take them off first (`sacplate sweep FILE --queue URL --cancel`: once none of the sweep's tasks
   * runs on a worker it clears the mark, and a call goes on without force, since mends66), or give `queue` to go on there.
   */
  force?: boolean;
}
const SWEEP_OPTION_KEYS = ['db', 'threads', 'queue', 'onProgress', 'signal', 'name', 'keepGoing', 'force'] as const;

export interface SweepResult {
  /** the sweep's name (the store knows its tasks by it: `sacplate results NAME`) */
  sweep: string;
  /** tasks in the sweep */
  tasks: number;
  /** tasks with a result from an earlier call, not run again (0, not counted, when the signal stopped the call while it planned them) */
  finishedBefore: number;
  /** tasks this call ran to a result, of the plan's tasks to run (done, or found invalid while running: also in `invalid`);
   * not a task refused when the plan was made (in `invalid` only: it never ran); with a queue, the results it collected. Not a task that ended
   * with an unexpected error (until mends49 the local pool counted those; the queue's count did not since review39) */
  ran: number;
  /** the tasks that ended with an unexpected error (`task N: message`; the first is `fatal`), retried by the next run (on
   * a queue too since mends50: the queue's summary said the first only) */
  errors?: { index: number; error: TaskError }[];
  /** local worker threads (0 with a queue) */
  threads: number;
  /** with a queue: the tasks this call put on it */
  enqueued?: number;
  /** tasks whose input is invalid, with the error naming the field */
  invalid: { index: number; error: TaskError }[];
  /**
   * a screen's candidates the sweep leaves out, refused as the screen was read (a descriptor row's loading of `abc`, a
   * SAC loading of 200 %): its name and the error naming the field, as runScreen's `invalid` (and the CLI's `not
   * evaluated:` lines); they have no task, so they are in neither `tasks` nor `invalid`. `[]` for a sweep file. Since
   * mends61b (until then left out without a word)
   */
  notEvaluated: { name: string; error: string }[];
  /** stopped by the signal before every task ran; or while the tasks were planned (resolved and keyed, about 0.5 ms each),
   * when nothing is recorded and `rows` are those of an earlier call (until review36 the plan was finished first) */
  cancelled: boolean;
  /** the first unexpected error, which stopped the sweep (none with keepGoing, unless an EngineMismatch stopped it) */
  fatal?: TaskError;
  wall_s: number;
  /** one row per task, in the sweep's order: its axis values (label), status and metrics (units in their names) */
  rows: SweepRow[];
}

/** What the CLI hears besides the library's options: the plan before the tasks run; the queue's tasks running and waiting. */
export interface SweepHooks {
  onPlan?: (p: SweepPlan) => void;
  onQueue?: (p: QueueProgress) => void;
  /** the queue's connection lost, back, the tasks enqueued again; on the local pool, a gone queue watcher's mark taken over: a line each */
  onNote?: (line: string) => void;
}

function sweepOptions(o: unknown): SweepOptions {
  if (!isMap(o)) throw new InputError('options', o, 'a map of options, e.g. { threads: 2, onProgress }');
  plainOptionsArg('options', o, '{ threads: 2, onProgress }');
  refuseUnknownKeys('options', o, SWEEP_OPTION_KEYS, { word: 'option', owner: 'runSweep takes' });
  // a sweep needs its store: its tasks and their results are recorded there (compare() takes db: false, a sweep cannot;
  // review80: the line said only "expected a store file path")
  if (o.db === false) throw new InputError('db', o.db, 'a store file path (text), or leave db out for the default (SACPLATE_DB or ~/.sacplate/sacplate.db): a sweep needs its store, where its tasks and their results are recorded (compare() takes db: false, a sweep cannot)');
  if (o.db !== undefined) textArg('db', o.db, 'a store file path (text)');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && (o.threads as number) >= 1)) throw new InputError('threads', o.threads, 'an integer >= 1');
  if (o.queue !== undefined) textArg('queue', o.queue, 'a Redis URL, e.g. redis://127.0.0.1:6379');
  if (o.queue !== undefined && o.threads !== undefined) throw new InputError('threads', o.threads, 'no threads with a queue (the workers run the tasks: `sacplate worker --concurrency N`)');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new InputError('onProgress', o.onProgress, 'a function (done, total)');
  signalArg('signal', o.signal);
  if (o.name !== undefined) sweepNameArg('name', o.name);
  if (o.keepGoing !== undefined && typeof o.keepGoing !== 'boolean') throw new InputError('keepGoing', o.keepGoing, 'true or false');
  if (o.force !== undefined && typeof o.force !== 'boolean') throw new InputError('force', o.force, 'true or false');
  if (o.force !== undefined && o.queue !== undefined) throw new InputError('force', o.force, 'no force with a queue (it is for a run on the local pool of a sweep last watched on a queue)');
  return o as SweepOptions;
}

/** Runs a sweep (`sacplate sweep FILE [--queue URL]`), each task once. */
export async function sweepTasks(input: string | Record<string, unknown>, options: SweepOptions = {}, hooks: SweepHooks = {}): Promise<SweepResult> {
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('sweep', input, 'a sweep file (YAML or JSON) or a sweep object { name, base, axes, mode, seeds }');
  const o = sweepOptions(options);
  const { spec, refused: notEvaluated } = await sweepSpecAndRefused(input, o.name, { toRun: true });
  if (o.queue !== undefined) return { ...await sweepOnQueue(spec, o.queue, o, hooks), notEvaluated };
  const r = await runSweepLocal(spec, {
    db: o.db, threads: o.threads, signal: o.signal, onPlan: hooks.onPlan, keepGoing: o.keepGoing, force: o.force, onNote: hooks.onNote,
    onOutcome: o.onProgress ? (_x, done, total) => o.onProgress!(done, total) : undefined,
  });
  const store = SweepStore.open(o.db);
  let rows: SweepRow[];
  try { rows = store.sweepRows(spec.name); } finally { store.close(); }
  return {
    sweep: spec.name, ...plannedOf(spec, r.plan), ran: r.completed, errors: r.taskErrors, threads: r.threads, invalid: r.invalid, notEvaluated,
    cancelled: r.cancelled, ...(r.fatal ? { fatal: r.fatal.error } : {}), wall_s: r.wall_s, rows,
  };
}

/** A result's tasks and finishedBefore: the plan's, or, stopped before the plan was made, the sweep's size and none (not counted). */
function plannedOf(spec: SweepSpec, plan: SweepPlan | undefined): { tasks: number; finishedBefore: number } {
  return plan ? { tasks: plan.tasks.length, finishedBefore: plan.finished } : { tasks: sweepSize(spec).tasks, finishedBefore: 0 };
}

/** The tasks through the Redis queue: Redis is reached before the store is opened (a sweep whose queue is not there records nothing). */
async function sweepOnQueue(spec: SweepSpec, url: string, o: SweepOptions, hooks: SweepHooks): Promise<Omit<SweepResult, 'notEvaluated'>> {
  const queue = await import('./queue.js');
  const connection = await queue.connect(url);
  let store: SweepStore;
  try { store = SweepStore.open(o.db); } catch (e) { queue.closeConnection(connection); throw e; }
  try { store.checkWritable(); } catch (e) { store.close(); queue.closeConnection(connection); throw e; }
  let claim: string | undefined;
  try {
    // a local run of the same sweep going on here is refused, and a local run started while this watches is (sweepkeep:
    // the local pool ran the tasks the workers ran); a second command watching the same queued sweep is not (review53)
    claim = store.claimRun(spec.name, { kind: 'queue', url });
    const t0 = performance.now();
    const first = await planSweepUntil(store, spec, o.signal);
    if (first === undefined) {
      return { sweep: spec.name, ...plannedOf(spec, first), ran: 0, errors: [], threads: 0, enqueued: 0, invalid: [], cancelled: true, wall_s: (performance.now() - t0) / 1000, rows: store.sweepRows(spec.name) };
    }
    // results the workers finished while no sweep watched (after a Ctrl-C): in the store before the plan is said
    const plan = await queue.collectFinished(connection, store, first.todo) > 0 ? planSweep(store, spec, first.tasks) : first;
    hooks.onPlan?.(plan);
    // onProgress(done, total) once per task collected, as the pool calls it (audit69b: it was called at each look at
    // Redis, the same count again and again from 0, and two tasks collected at one look skipped a count)
    let reported = 0;
    const r = await queue.enqueueAndWatch(url, store, spec.name, plan.todo, {
      signal: o.signal, connection, onNote: hooks.onNote, keepGoing: o.keepGoing,
      onProgress: (p) => {
        hooks.onQueue?.(p);
        for (; reported < p.done; reported++) o.onProgress?.(reported + 1, plan.todo.length);
      },
    });
    const fatal = r.fatal && 'error' in r.fatal ? r.fatal.error : undefined;
    return {
      sweep: spec.name, tasks: plan.tasks.length, finishedBefore: plan.finished, ran: r.collected, errors: r.errors, threads: 0, enqueued: r.enqueued,
      invalid: [...plan.invalid.map((t) => ({ index: t.index, error: t.error! })), ...r.invalid.map((x) => ({ index: x.index, error: { type: 'InputError', message: x.message } }))],
      cancelled: r.cancelled, ...(fatal ? { fatal } : {}), wall_s: r.wall_s, rows: store.sweepRows(spec.name),
    };
  } finally {
    if (claim !== undefined) store.releaseRun(spec.name, claim);
    store.close();
    queue.closeConnection(connection); // closed already by enqueueAndWatch; not left open by an early error
  }
}

/** The package entry's `runSweep`: sweepTasks, its errors naming the options as a script writes them. */
export function runSweep(input: string | SweepInput | Record<string, unknown>, options?: SweepOptions): Promise<SweepResult> {
  return withOptionNames(() => sweepTasks(input, options), {}, { '--db': 'db', '--name': 'the name option', '--force': 'force: true' });
}
