/**
 * The body of one sweep task, run on a worker thread (piscina) of the local pool or of a queue
 * worker: simulate the resolved run (the library's `simulateResolved`, nothing copied; the
 * run-file parser is not needed) and return its metrics, or the error as plain data (its class
 * name kept, so an InputError stays an input error on the other side).
 */
import { simulateResolved } from '../simulation/run-resolved.js';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { taskError, isInputErrorType, type TaskError } from './task-errors.js';
import { checkRunMemory, defaultRunBudget } from '../input/memory.js';
import { availableParallelism } from 'node:os';

/** `index`: the task's place in its sweep (read only by the test fault injection below; absent for compare's runs) */
export interface TaskMessage { hash: string; run: ResolvedRun; index?: number; }

/**
 * Test fault injection, for tests only (docs/sweeps.md, "A task that crashes"): `SACPLATE_DEBUG_CRASH_TASKS=1,3` makes
 * the tasks of those indices in their sweep throw an `InjectedCrash` where the engine would run, on the local pool's
 * threads and a queue worker's alike (a thread reads the variable as the process had it when the thread started). No
 * input passes the run file's checks and then crashes the engine (a crash found is a bug, fixed), so the tests of a
 * sweep that goes on past a crashed task need one made on purpose. Unset, nothing changes.
 */
export const CRASH_TASKS_ENV = 'SACPLATE_DEBUG_CRASH_TASKS';
function injectedCrash(index: number | undefined): void {
  const v = process.env[CRASH_TASKS_ENV];
  if (!v || index === undefined) return;
  if (!v.split(',').some((x) => x.trim() !== '' && Number(x) === index)) return;
  const e = new Error(`crashed on purpose (${CRASH_TASKS_ENV}=${v}: a test's fault injection, not a fault of the run)`);
  e.name = 'InjectedCrash';
  throw e;
}
export type TaskOutcome =
  | { hash: string; status: 'done'; metrics: Metrics; /** how each step ended (kept with the result: compare's early-end warnings) */ steps?: StepResult[] }
  | { hash: string; status: 'invalid' | 'error'; error: TaskError };

/** `budget`: the memory one task may take (default: the machine's share for as many tasks at once as it has cores). */
export function runTask(m: TaskMessage, budget = defaultRunBudget(availableParallelism())): TaskOutcome {
  try {
    // checked where the task runs (a queue worker may be another machine), before anything is allocated:
    // a box that would not fit is an invalid task, not a worker that runs out of memory
    checkRunMemory(m.run.lattice.size, budget, 'a machine with more memory (each sweep task is checked on the machine that runs it)');
    injectedCrash(m.index);
    const r = simulateResolved(m.run);
    return { hash: m.hash, status: 'done', metrics: r.metrics, steps: r.steps };
  } catch (e) {
    const error = taskError(e);
    return { hash: m.hash, status: isInputErrorType(error.type) ? 'invalid' : 'error', error };
  }
}

export default function (m: TaskMessage): TaskOutcome {
  return runTask(m); // the machine's budget (a piscina task gets one argument)
}
