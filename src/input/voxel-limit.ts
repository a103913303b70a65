/**
 * The most voxels a run's lattice may hold: the plating app marks a move across a step edge by adding
 * 2^30 to its target's index (apps/plating.ts ES_MOVE), so its lattices hold fewer than 2^30. The run
 * file's lattice.size and the bench's --shape are refused above it (until audit29 they took 2^30, which
 * the app then refused as an internal error). Its own module (startcost2, from kmc/lattice.ts, which re-exports it):
 * the run file's schema reads it on the CLI's main thread, which loads no engine.
 */
export const MAX_RUN_VOXELS = 2 ** 30 - 1;
