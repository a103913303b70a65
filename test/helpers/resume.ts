/**
 * Stopping a batch command (`compare`, `simulate --seeds`) once its first run has finished, and
 * counting the runs that ran: for the tests of their reuse after a stop.
 */
import { cli, type CliResult } from './cli.js';
import { openStore } from '../../src/store/index.js';

/**
 * Runs the CLI in-process and emits SIGINT as the batch's bar writes its line "(k/n runs done)" (a log's or a pipe's bar:
 * one line as each run ends), inside that write: the command's handler takes it there, after the k-th run was kept in
 * the store and before the next run starts (the lane starts it in the same turn), so the stop lands with exactly k runs
 * finished, however loaded the machine. flaky62: it polled the store every 5 ms for the first result and emitted then;
 * under load the second of `simulate --seeds 2`'s tiny runs (180-260 events, 15-50 ms on its kept worker) finished
 * before the poll came, "2 of 2 runs had finished" (2 of 10 loaded runs of compare-resume).
 */
export async function stopAfterRuns(args: string[], k: number): Promise<CliResult & { stoppedAt: string | undefined }> {
  let stoppedAt: string | undefined;
  const r = await cli(args, {
    onStderr: (s) => {
      const m = /\((\d+)\/\d+ runs done\)/.exec(s);
      if (stoppedAt !== undefined || !m || Number(m[1]) < k) return;
      stoppedAt = s;
      process.emit('SIGINT', 'SIGINT');
    },
  });
  return { ...r, stoppedAt };
}

/** stopAfterRuns(args, 1): stopped once its first run has ended (and is in the store), before the second starts. */
export function stopAfterFirst(args: string[]): Promise<CliResult & { stoppedAt: string | undefined }> {
  return stopAfterRuns(args, 1);
}

/** Runs with status finished in the store's runs table: each one a run that actually ran. */
export function finishedRuns(db: string): number {
  const s = openStore(db);
  try { return s.listRuns({ status: 'finished', limit: 1000 }).length; } finally { s.close(); }
}

