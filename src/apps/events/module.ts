/**
 * An event module: a physics ingredient that changes the lattice beside the plating app's own
 * events (reduction, oxidation, hop), plugged into the loop by name (simulation/simulation.ts
 * holds a list of them). The first one is the SEI (apps/events/sei.ts).
 *
 * What a module declares, as SPPARKS apps declare their reach (`delevent`, `delpropensity`):
 *  - `writes`: the voxel codes it may write. Every write goes through `PlatingApp.transmute`, so
 *    the set of events a write can change is the app's own stencil of a code change (the six
 *    faces for reduction/oxidation, faces and the step stencil for hops: see `collect` in
 *    apps/plating.ts), derived by the app, not re-listed by the module; metal turned into
 *    something else is a removal, and connectivity marks what it cut off as DEAD.
 *  - `reads`: how far from a voxel its own rates look (1 = the six faces).
 * Two hooks, both called by the loop:
 *  - `afterEvent(app, ch, v, t)`: after every executed plating event (channel ch at voxel v, kMC
 *    time t): event-driven parts (what happens to a freshly reduced atom).
 *  - `advance(app, t)`: operator splitting (SPPARKS' `app_update(dt)`): the module's own
 *    continuous-time processes from its last call to kMC time t.
 * A module keeps its own counters and reports them with `report()`.
 */
import type { PlatingApp } from '../plating.js';

export interface EventModule {
  readonly name: string;
  readonly writes: readonly number[];
  readonly reads: number;
  afterEvent(app: PlatingApp, ch: number, v: number, t_s: number): void;
  /** the module's own passes up to kMC time t_s: from afterEvent, and at a step's end where the front stops or turns (Simulation.frontStopsAfter; until seisplit at every step's end) */
  advance(app: PlatingApp, t_s: number): void;
  report(app: PlatingApp): Record<string, number>;
  /**
   * at the end of a protocol step where the deposit's front stops or turns (after a last `advance`): before and after a
   * rest, at a change of direction, at the protocol's end, and after a pulse's on time; not between two steps of the same
   * kind (Simulation.frontStopsAfter; until mends111 at every step's end)
   */
  endStep?(app: PlatingApp): void;
  /**
   * The module's own state (JSON-safe) for a checkpoint (simulation/checkpoint.ts), and its
   * restoration on resume: everything beside the lattice and the shared RNG that its future
   * depends on, so that a resumed run stays bit-identical.
   */
  saveState?(): unknown;
  restoreState?(state: unknown): void;
}
