/**
 * Events between the deterministic engine rebuilds of a run (simulation.ts: a full scan that
 * renumbers the event tables; the interval is part of the trajectory). Checkpoints no longer wait
 * for a rebuild: they save the whole engine state (checkpoint.ts) at any event. One place for the
 * default, and for the CLI's word on a cancelled run that left no checkpoint.
 */
export function defaultRebuildEvery(voxels: number): number {
  return Math.max(1 << 21, 8 * voxels);
}

/**
 * Why a cancelled run left no checkpoint, as a clause for the CLI's "cancelled" line. With
 * --checkpoint-every a cancel writes one where the run stopped, in any step (a pulse train's and a
 * walker step's too: pulse.ts, walker-step.ts, drift-walker-step.ts). So the usual case is
 * that none was asked for; the other clause is kept for a run that stopped before its first look
 * (nothing ran). `rebuildEvery` is no longer needed (kept for callers).
 */
export function noCheckpointNote(opts: { checkpointEvery_s?: number; rebuildEvery?: number; events: number }): string {
  if (opts.checkpointEvery_s === undefined) return '; no checkpoint (run with --checkpoint-every to keep one: a cancel then saves the run where it stopped)';
  return `; no checkpoint: it stopped at event ${opts.events.toLocaleString('en-US')} before the first one was written`;
}
