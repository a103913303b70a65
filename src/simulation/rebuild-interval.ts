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
 * --checkpoint-every a cancel writes one where the run stopped, so only two cases are left: none
 * was asked for, or the run stopped inside a pulse train or an ion-walker step (those steps take
 * no checkpoints) before any earlier one was written. `rebuildEvery` is no longer needed (kept
 * for callers).
 */
export function noCheckpointNote(opts: { checkpointEvery_s?: number; rebuildEvery?: number; events: number }): string {
  if (opts.checkpointEvery_s === undefined) return '; no checkpoint (run with --checkpoint-every to keep one: a cancel then saves the run where it stopped)';
  return `; no checkpoint: it stopped at event ${opts.events.toLocaleString('en-US')} inside a pulse train or an ion-walker step ` +
    '(those steps take no checkpoints) before any earlier checkpoint was written';
}
