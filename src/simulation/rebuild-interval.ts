/**
 * Events between the deterministic engine rebuilds of a run (simulation.ts): the only points where
 * a checkpoint can be taken (a resumed run must pass through the same states as an uninterrupted
 * one). One place for the default, so that the CLI can tell a user when no checkpoint will come.
 */
export function defaultRebuildEvery(voxels: number): number {
  return Math.max(1 << 21, 8 * voxels);
}

/**
 * Why a cancelled run left no checkpoint, as a clause for the CLI's "cancelled" line: none was asked
 * for, or the run stopped before its first rebuild (on a large box that may be after the whole run:
 * 8 x 12.5 M voxels = 100 M events for the 100 nm standard protocol, which takes about 82 M).
 */
export function noCheckpointNote(opts: { checkpointEvery_s?: number; rebuildEvery: number; events: number }): string {
  if (opts.checkpointEvery_s === undefined) return '; no checkpoint (run with --checkpoint-every to keep one)';
  return `; no checkpoint yet: checkpoints are taken at engine rebuilds, every ${opts.rebuildEvery.toLocaleString('en-US')} events ` +
    `for this run (--rebuild-every sets it; another value gives another trajectory), and it stopped at event ${opts.events.toLocaleString('en-US')}`;
}
