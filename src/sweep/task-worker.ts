/**
 * The body of one sweep task, run on a worker thread (piscina) of the local pool or of a queue
 * worker: simulate the resolved run (the library's `simulate`, nothing copied) and return its
 * metrics, or the error as plain data (its class name kept, so an InputError stays an input
 * error on the other side).
 */
import { simulate } from '../simulation/simulate.js';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import { taskError, isInputErrorType, type TaskError } from './tasks.js';

export interface TaskMessage { hash: string; run: ResolvedRun; }
export type TaskOutcome =
  | { hash: string; status: 'done'; metrics: Metrics }
  | { hash: string; status: 'invalid' | 'error'; error: TaskError };

export function runTask(m: TaskMessage): TaskOutcome {
  try {
    const r = simulate(m.run);
    return { hash: m.hash, status: 'done', metrics: r.metrics };
  } catch (e) {
    const error = taskError(e);
    return { hash: m.hash, status: isInputErrorType(error.type) ? 'invalid' : 'error', error };
  }
}

export default function (m: TaskMessage): TaskOutcome {
  return runTask(m);
}
