/**
 * The file piscina loads on each thread of the sweep pool (pool.ts): CommonJS, so that piscina's `require` of it does
 * not load task-worker.js through require(esm). On Node 20, a thread ended while require(esm) links its module graph
 * (the second signal's process.exit, pool.destroy() after a first one, piscina replacing a thread of an aborted task)
 * aborted the whole process: "FATAL ERROR: v8::Module::IsGraphAsync must be used on an instantiated module", a native
 * abort instead of exit 130 or 0 (mends47). Loaded by import() as here, the module graph goes through the ES module
 * loader, as every other worker thread of sacplate loads its module; a thread ended there just ends.
 *
 * The import starts when the thread starts (as piscina's own loading did); each task waits for it.
 */
import type { TaskMessage, TaskOutcome } from './task-worker.js';

const loaded = import('./task-worker.js');
loaded.catch(() => {}); // a failed load is the first task's error (its promise below), not an unhandled rejection

export = async function runInThread(m: TaskMessage): Promise<TaskOutcome> {
  return (await loaded).default(m);
};
