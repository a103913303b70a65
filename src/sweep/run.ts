/**
 * A sweep from file to store: expand and resolve the tasks, record the sweep's membership,
 * record invalid inputs at once, and run only the tasks without a result (so a second run, or
 * `--resume` after Ctrl-C, repeats no finished work), on the local pool or through a queue.
 */
import type { SweepSpec } from './spec.js';
import { loadSweepFile } from './spec.js';
import { resolveTasks, resolveTasksUntil, plainRun, type SweepTask, type TaskError } from './tasks.js';
import { SweepStore } from './store.js';
import { runLocal, type PoolSummary } from './pool.js';
import type { TaskOutcome } from './task-worker.js';

export interface SweepPlan {
  spec: SweepSpec;
  tasks: SweepTask[];
  /** tasks that still need a run (no result, or an earlier unexpected error) */
  todo: SweepTask[];
  /** tasks whose input is invalid and were recorded as such now */
  invalid: SweepTask[];
  /** tasks with a result already */
  finished: number;
  /** tasks without a result whose run is an earlier task's (two axis values that resolve alike, `298.15 K` and `25 degC`): run once, with that task */
  repeats: { index: number; of: number }[];
}

/** The valid tasks sorted by the store's statuses: finished (done or invalid), repeating an earlier task's run (the same
 * hash: run once), or to run. planSweep and previewSweep share it, so `--plan` counts as the run does. */
function sortOut(tasks: SweepTask[], status: Map<string, string>): Pick<SweepPlan, 'todo' | 'finished' | 'repeats'> {
  const seen = new Map<string, number>();
  const todo: SweepTask[] = [];
  const repeats: SweepPlan['repeats'] = [];
  let finished = 0;
  for (const t of tasks) {
    if (t.error) continue;
    const s = status.get(t.hash);
    if (s === 'done' || s === 'invalid') { finished++; continue; }
    const of = seen.get(t.hash);
    if (of !== undefined) { repeats.push({ index: t.index, of }); continue; }
    seen.set(t.hash, t.index);
    todo.push(t);
  }
  return { todo, finished, repeats };
}

/** Expands the sweep, records it in the store and works out what is left to run (`tasks`: the sweep's, resolved already). */
export function planSweep(store: SweepStore, spec: SweepSpec, tasks: SweepTask[] = resolveTasks(spec)): SweepPlan {
  // a task hash can appear twice in one sweep (two axis values that resolve alike): run it once
  store.defineSweep(spec.name, spec.file, { name: spec.name, mode: spec.mode, axes: spec.axes, seeds: spec.seeds ?? null, base: spec.base }, tasks, spec.fileName);
  const invalid = tasks.filter((t) => t.error);
  for (const t of invalid) store.record({ hash: t.hash, status: 'invalid', error: t.error, worker: 'parser' });
  const status = store.statuses(tasks.map((t) => t.hash));
  return { spec, tasks, invalid, ...sortOut(tasks, status) };
}

/**
 * planSweep's counts without a write (`sacplate sweep FILE --plan`, mends123; review88 F10: the plan line and the invalid
 * lines came only as the sweep ran): the tasks with a result in `store` (none without one: no store file yet), the
 * invalid ones, those to run and those repeating an earlier task's run. The name a store holds for another file is
 * refused as defineSweep refuses it; nothing is defined or recorded.
 */
export function previewSweep(store: SweepStore | undefined, spec: SweepSpec, tasks: SweepTask[] = resolveTasks(spec)): SweepPlan {
  store?.checkSweepName(spec.name, spec.file, spec.fileName);
  const status = store ? store.statuses(tasks.filter((t) => !t.error).map((t) => t.hash)) : new Map<string, string>();
  const invalid = tasks.filter((t) => t.error);
  return { spec, tasks, invalid, ...sortOut(tasks, status) };
}

/**
 * planSweep for a caller with a stop signal (runSweep's `signal`, the CLI's Ctrl-C): the tasks are resolved a slice at a
 * time, so that an abort while a large sweep is planned is heard: undefined then, and nothing is recorded. Until review36
 * the plan was made in one go (about 0.5 ms a task) and the abort heard only after it, the sweep recorded.
 */
export async function planSweepUntil(store: SweepStore, spec: SweepSpec, signal: AbortSignal | undefined): Promise<SweepPlan | undefined> {
  const tasks = await resolveTasksUntil(spec, signal);
  return tasks === undefined ? undefined : planSweep(store, spec, tasks);
}

export interface LocalSweepResult extends PoolSummary {
  /** absent when the signal stopped the sweep while its plan was made (nothing ran or was recorded) */
  plan?: SweepPlan;
  /** outcomes recorded by this run (results and unexpected errors; `completed` counts the results alone) */
  recorded: number;
  invalid: { index: number; error: TaskError }[];
  /** the tasks that ended with an unexpected error, by index, the message starting `task N: ` (not results: the next run retries them) */
  taskErrors: { index: number; error: TaskError }[];
}

/** Runs a sweep on the local pool; results go to the store as they arrive. */
export async function runSweepLocal(
  fileOrSpec: string | SweepSpec,
  opts: {
    db?: string; threads?: number; signal?: AbortSignal; onOutcome?: (o: TaskOutcome, done: number, total: number) => void; onPlan?: (p: SweepPlan) => void;
    /** `sweep --keep-going`: a task's unexpected error is recorded (status error, retried by the next run) and the others run */
    keepGoing?: boolean;
    /** a line for the user: the mark of a command that watched this sweep on a queue, gone, taken over with `force` (its tasks may wait there still) */
    onNote?: (line: string) => void;
    /**
     * `sweep --force`: run here a sweep whose last runner watched it on a queue and is gone (killed) or on another machine;
     * refused without it (polish65b: its waiting tasks may still be on the queue, and the workers ran them beside this run)
     */
    force?: boolean;
  } = {},
): Promise<LocalSweepResult> {
  const spec = typeof fileOrSpec === 'string' ? loadSweepFile(fileOrSpec) : fileOrSpec;
  const t0 = performance.now();
  const store = SweepStore.open(opts.db);
  try { store.checkWritable(); } catch (e) { store.close(); throw e; }
  let claim: string | undefined;
  try {
    // another live run of this sweep here (local or watching a queue) is refused: it ran every task twice
    claim = store.claimRun(spec.name, { kind: 'local', ...(opts.force === true ? { force: true } : {}) }, (old) => opts.onNote?.(
      `${old.here ? `process ${old.pid}, which watched this sweep on the queue ${old.queue} since ${old.started_at}, is gone`
        : `process ${old.pid} on ${old.host} watched this sweep on the queue ${old.queue} since ${old.started_at} (whether it still does is not known here)`}: `
      + `its waiting tasks may still be on that queue, where a worker would run them again beside this run; \`sacplate sweep FILE --queue ${old.queue} --cancel\` takes them off`));
    const plan = await planSweepUntil(store, spec, opts.signal);
    if (plan === undefined) return { completed: 0, cancelled: true, threads: 0, wall_s: (performance.now() - t0) / 1000, errors: [], recorded: 0, invalid: [], taskErrors: [] };
    opts.onPlan?.(plan);
    let recorded = 0;
    const total = plan.todo.length;
    const invalid: LocalSweepResult['invalid'] = plan.invalid.map((t) => ({ index: t.index, error: t.error! }));
    const taskErrors: LocalSweepResult['taskErrors'] = [];
    const byHash = new Map(plan.todo.map((t) => [t.hash, t]));
    const summary = await runLocal(plan.todo.map((t) => ({ hash: t.hash, run: plainRun(t.run!), index: t.index })), {
      threads: opts.threads, signal: opts.signal, keepGoing: opts.keepGoing,
      onOutcome: (o, done) => {
        const t = byHash.get(o.hash)!;
        if (o.status === 'done') store.record({ hash: o.hash, status: 'done', metrics: o.metrics as unknown as Record<string, unknown>, steps: o.steps, worker: 'local' });
        else {
          const msg = `task ${t.index}: ${o.error.message}`;
          store.record({ hash: o.hash, status: o.status, error: { ...o.error, message: msg }, worker: 'local' });
          if (o.status === 'invalid') invalid.push({ index: t.index, error: { ...o.error, message: msg } });
          else taskErrors.push({ index: t.index, error: { ...o.error, message: msg } });
        }
        recorded++;
        // `done`: the results so far, not an unexpected error (until mends50 counted, so the bar said 2/2 tasks as a crash stopped it)
        opts.onOutcome?.(o, done, total);
      },
    });
    return { ...summary, plan, recorded, invalid, taskErrors };
  } finally {
    if (claim !== undefined) store.releaseRun(spec.name, claim);
    store.close();
  }
}
