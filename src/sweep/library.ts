/**
 * A sweep for a library caller and for `sacplate sweep` on the local worker pool (cli/actions/sweep.ts
 * prints what runSweep returns): a sweep file or object (a base run plus axes; or a screen file or
 * object, whose simulations run as a sweep) in; each task's result in the store (by its task key, so a
 * second call runs only the tasks without a result) and, per task, its label and metrics out.
 */
import { InputError } from '../errors.js';
import { isMap, refuseUnknownKeys, signalArg, textArg, withOptionNames } from '../args.js';
import { readInputFile } from '../input/parse.js';
import { loadSweepFile, parseSweep, type SweepSpec } from './spec.js';
import { runSweepLocal, type SweepPlan } from './run.js';
import { SweepStore, type SweepRow } from './store.js';
import type { TaskError } from './tasks.js';

/** A screen (it has candidates or descriptors) rather than a sweep. */
const isScreen = (raw: unknown): boolean => isMap(raw) && ('candidates' in raw || 'descriptors' in raw);

/** A sweep file or object, or a screen file or object (then its simulations as a sweep). */
export async function sweepSpecOf(input: string | Record<string, unknown>): Promise<SweepSpec> {
  const raw = typeof input === 'string' ? readInputFile(input) : input;
  if (isScreen(raw)) {
    const { loadScreenFile, parseScreen } = await import('../screen/spec.js');
    const { screenSweep } = await import('../screen/stages.js');
    return screenSweep(typeof input === 'string' ? loadScreenFile(input) : parseScreen(input));
  }
  return typeof input === 'string' ? loadSweepFile(input) : parseSweep(input);
}

export interface SweepOptions {
  /** the store the results are kept in (default the CLI's, SACPLATE_DB or ~/.sacplate/sacplate.db) */
  db?: string;
  /** worker threads (default: every core) */
  threads?: number;
  /** after each task: tasks done of the tasks this call runs */
  onProgress?: (done: number, total: number) => void;
  /** stops the tasks at their next batch of events; finished results stay in the store, the same call again continues */
  signal?: AbortSignal;
}
const SWEEP_OPTION_KEYS = ['db', 'threads', 'onProgress', 'signal'] as const;

export interface SweepResult {
  /** the sweep's name (the store knows its tasks by it: `sacplate results NAME`) */
  sweep: string;
  /** tasks in the sweep */
  tasks: number;
  /** tasks with a result from an earlier call, not run again */
  finishedBefore: number;
  /** tasks this call ran to a result (done or invalid) */
  ran: number;
  threads: number;
  /** tasks whose input is invalid, with the error naming the field */
  invalid: { index: number; error: TaskError }[];
  /** stopped by the signal before every task ran */
  cancelled: boolean;
  /** the first unexpected error, which stopped the sweep */
  fatal?: TaskError;
  wall_s: number;
  /** one row per task, in the sweep's order: its axis values (label), status and metrics (units in their names) */
  rows: SweepRow[];
}

/** What the CLI hears besides the library's options: the plan before the tasks run, each task after it. */
export interface SweepHooks {
  onPlan?: (p: SweepPlan) => void;
}

function sweepOptions(o: unknown): SweepOptions {
  if (!isMap(o)) throw new InputError('options', o, 'a map of options, e.g. { threads: 2, onProgress }');
  refuseUnknownKeys('options', o, SWEEP_OPTION_KEYS, { word: 'option', owner: 'runSweep takes' });
  if (o.db !== undefined) textArg('db', o.db, 'a store file path (text)');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && (o.threads as number) >= 1)) throw new InputError('threads', o.threads, 'an integer >= 1');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new InputError('onProgress', o.onProgress, 'a function (done, total)');
  signalArg('signal', o.signal);
  return o as SweepOptions;
}

/** Runs a sweep on the local worker pool (`sacplate sweep FILE`), each task once. */
export async function sweepLocal(input: string | Record<string, unknown>, options: SweepOptions = {}, hooks: SweepHooks = {}): Promise<SweepResult> {
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('sweep', input, 'a sweep file (YAML or JSON) or a sweep object { name, base, axes, mode, seeds }');
  const o = sweepOptions(options);
  const spec = await sweepSpecOf(input);
  const r = await runSweepLocal(spec, {
    db: o.db, threads: o.threads, signal: o.signal, onPlan: hooks.onPlan,
    onOutcome: o.onProgress ? (_x, done, total) => o.onProgress!(done, total) : undefined,
  });
  const store = SweepStore.open(o.db);
  let rows: SweepRow[];
  try { rows = store.sweepRows(spec.name); } finally { store.close(); }
  return {
    sweep: spec.name, tasks: r.plan.tasks.length, finishedBefore: r.plan.finished, ran: r.recorded, threads: r.threads, invalid: r.invalid,
    cancelled: r.cancelled, ...(r.fatal ? { fatal: r.fatal.error } : {}), wall_s: r.wall_s, rows,
  };
}

/** The package entry's `runSweep`: sweepLocal, its errors naming the options as a script writes them. */
export function runSweep(input: string | Record<string, unknown>, options?: SweepOptions): Promise<SweepResult> {
  return withOptionNames(() => sweepLocal(input, options));
}
