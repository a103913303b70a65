/**
 * Resolving a sweep's task specs into runs (through the run-file parser, `parseRunInput`), each
 * keyed by its hash. A task whose input is bad is kept, with its one-line error, so the sweep
 * can record it and go on with the others.
 */
import { parseRunInput } from '../input/parse.js';
import { namedElectrolyteMapError } from '../input/transport.js';
import { InputError, FileError } from '../errors.js';
import type { ResolvedRun } from '../input/types.js';
import { invalidTaskHash, taskHash, labelText } from './hash.js';
import { expandSweep, type SweepSpec, type TaskSpec } from './spec.js';
import { taskError, type TaskError } from './task-errors.js';

export { taskError, isInputErrorType, type TaskError } from './task-errors.js';

export interface SweepTask extends TaskSpec {
  hash: string;
  /** the resolved run (absent when the input is invalid) */
  run?: ResolvedRun;
  /** why the input is invalid: one line naming the field */
  error?: TaskError;
}

export { labelText }; // in hash.ts, beside labelJson: the store's rows say it too

/** `field` is one an axis sets, or lies in or holds one (`lattice.size[2]` of axis `lattice.size`, `sacs` of `sacs[0].site`) */
const axisGave = (spec: SweepSpec, field: string): boolean =>
  spec.axes.some(({ path }) => [[field, path], [path, field]].some(([a, b]) => a === b || a!.startsWith(`${b}.`) || a!.startsWith(`${b}[`)));

/** the words after the name of a key of the base's that a task refused (baseKeyError): its axis values, the seed left out */
export function baseKeyWords(label: Record<string, unknown>): string {
  const { seed: _seed, ...axes } = label;
  return Object.keys(axes).length ? ` (the base's, with ${labelText(axes)})` : '';
}

/** the field the base run itself refuses (undefined when it resolves), once per sweep spec */
const baseRefusal = new WeakMap<SweepSpec, { field?: string }>();
function baseRefuses(spec: SweepSpec): string | undefined {
  let r = baseRefusal.get(spec);
  if (!r) {
    try { parseRunInput(spec.base, { baseDir: spec.baseDir }); r = {}; } catch (e) { r = e instanceof InputError ? { field: e.field } : {}; }
    baseRefusal.set(spec, r);
  }
  return r.field;
}

/**
 * A task's refusal of a key no axis sets, which the base itself takes (cell.sand_fraction refused with an axis'
 * cell.transport: walkers): named as the base's with the task's axis values (mends105: the key alone, as if the base
 * were bad; a comparison's says `(in variants[0] "x")`). An axis' own key, a key the base refuses as well, and a task of
 * seeds alone: as given.
 */
function baseKeyError(spec: SweepSpec, t: TaskSpec, e: InputError): InputError {
  const words = baseKeyWords(t.label);
  if (!words || axisGave(spec, e.field) || baseRefuses(spec) === e.field) return e;
  const field = e.field + words;
  const n = new InputError(field, e.value, e.expected);
  if (e.message.startsWith(e.field)) n.message = field + e.message.slice(e.field.length); // the value as e said it
  return n;
}

/** One task spec resolved into its run and hash, or kept with its one-line error when its input is bad. */
function resolveTask(spec: SweepSpec, t: TaskSpec): SweepTask {
  try {
    const run = parseRunInput(t.input, { baseDir: spec.baseDir });
    return { ...t, hash: taskHash(run), run };
  } catch (e0) {
    const e = e0 instanceof InputError ? baseKeyError(spec, t, e0) : e0;
    if (e instanceof InputError || e instanceof FileError) {
      // an axis `electrolyte: [{ ... }]` over the base's named set replaced it (review80): said as that
      const err = taskError('electrolyte' in t.label ? namedElectrolyteMapError('electrolyte', spec.base.electrolyte, t.label.electrolyte, e) ?? e : e);
      return { ...t, hash: invalidTaskHash(t.input), error: { ...err, message: `task ${t.index} (${labelText(t.label)}): ${err.message}` } };
    }
    throw e;
  }
}

export function resolveTasks(spec: SweepSpec): SweepTask[] {
  return expandSweep(spec).map((t) => resolveTask(spec, t));
}

/** How long resolveTasksUntil works before it lets the event loop turn (ms). */
const SLICE_MS = 20;

/**
 * resolveTasks a slice of about 20 ms at a time, the event loop turning between slices, so that `signal` is heard
 * while a large sweep is resolved (about 0.5 ms a task: 20,000 took 10 s, in one go): undefined once it aborts.
 */
export async function resolveTasksUntil(spec: SweepSpec, signal: AbortSignal | undefined): Promise<SweepTask[] | undefined> {
  const tasks: SweepTask[] = [];
  let slice = performance.now();
  for (const t of expandSweep(spec)) {
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
    if (signal?.aborted) return undefined;
    tasks.push(resolveTask(spec, t));
  }
  return signal?.aborted ? undefined : tasks;
}

/** A resolved run as plain data (what a worker thread or a queue job carries). */
export function plainRun(run: ResolvedRun): ResolvedRun {
  return JSON.parse(JSON.stringify(run)) as ResolvedRun;
}

/** Outcomes as JSON text (non-finite metrics spelled out, so NaN survives the trip through Redis). */
export function encodeOutcome(o: object): string {
  return JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity') : v));
}
export function decodeOutcome(text: string): import('./task-worker.js').TaskOutcome {
  return JSON.parse(text, (_k, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v)) as import('./task-worker.js').TaskOutcome;
}
