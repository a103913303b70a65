/**
 * The shared word of `sacplate fullcell`'s anode-run worker (fullcell/worker.ts) and the CLI thread that started it
 * (cli/actions/fullcell.ts): RUNNING until one side settles it with Atomics.compareExchange, the worker to FINISHED
 * once its report is made (it posts the report only if it got there first), the CLI thread to STOPPED on a first
 * Ctrl-C / SIGTERM (it stops the run only if it got there first; otherwise the stop came after the run had finished).
 */
export const RUNNING = 0, FINISHED = 1, STOPPED = 2;
