/**
 * Stopping a batch command (`compare`, `simulate --seeds`) once its first run has finished, and
 * counting the runs that ran: for the tests of their reuse after a stop.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { cli, type CliResult } from './cli.js';
import { openStore } from '../../src/store/index.js';

/** Results with status done in the store's task table (0 before the table exists). */
export function doneResults(db: string): number {
  if (!existsSync(db)) return 0;
  let d: Database.Database | undefined;
  try {
    d = new Database(db, { readonly: true, fileMustExist: true });
    return (d.prepare("SELECT COUNT(*) AS n FROM task_results WHERE status = 'done'").get() as { n: number }).n;
  } catch { return 0; } finally { d?.close(); }
}

/** Runs the CLI in-process and emits SIGINT once the first run's result is in the store. */
export async function stopAfterFirst(args: string[], db: string): Promise<CliResult> {
  const call = cli(args);
  let ended = false;
  void call.then(() => { ended = true; }, () => { ended = true; });
  while (!ended) {
    await new Promise((r) => setTimeout(r, 5));
    if (doneResults(db) >= 1) { process.emit('SIGINT', 'SIGINT'); break; }
  }
  return call;
}

/** Runs with status finished in the store's runs table: each one a run that actually ran. */
export function finishedRuns(db: string): number {
  const s = openStore(db);
  try { return s.listRuns({ status: 'finished', limit: 1000 }).length; } finally { s.close(); }
}

