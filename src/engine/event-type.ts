/**
 * An event type as a module (issue 9 section 1; after SPPARKS' on-lattice apps, where an app
 * gives `site_propensity(i)` and `site_event(i)` and declares `delpropensity` and `delevent`):
 *
 *  - `rate(v)`: the rate law, a pure function of the lattice around site v (0 = no event there),
 *    at channel multiplier 1 (the channel's transfer law adds the overpotential: apps/channels.ts);
 *  - `reads`: the declared reach of the rate law, the offsets (dx, dy, dz) of every site whose
 *    code `rate(v)` may read (SPPARKS' delpropensity, as a stencil instead of a distance);
 *  - `writes`: the offsets of every site `execute(v)` may change (SPPARKS' delevent), plus
 *    `nonLocal` when the event can change sites anywhere (connectivity: metal cut off from the
 *    collector becomes dead metal; the writes are then reported one by one);
 *  - `params`: the parameter schema, the numbers the rate law uses with their units, and `values`
 *    the numbers bound to this instance.
 *
 * The change set after an event is derived from the declared reach (engine/generic-app.ts): for
 * every site c the event changed and every offset o a type reads, the event of that type at c - o
 * is recomputed. Nothing is listed by hand; a reach declared too small is caught by
 * `GenericApp.checkConsistency()` (every rate against a recomputation from scratch).
 */
import type { CubicLattice } from '../kmc/lattice.js';
import type { Rng } from '../kmc/rng.js';
import type { ChannelSpec } from '../kmc/solver.js';

/** a lattice offset: dx, dy, dz in voxels */
export type Offset = readonly [number, number, number];

/** one parameter of a rate law */
export interface ParamSpec {
  readonly name: string;
  /** unit as written in run files and docs: eV, 1/s, K, ... ('per code' tables say so) */
  readonly unit: string;
  readonly description: string;
}

/** a channel with its transfer law (how the electrode overpotential scales it) */
export interface EventChannel extends ChannelSpec {
  readonly transfer: 'cathodic' | 'anodic' | 'none';
  /** net metal voxels one event of the channel adds (+1 reduction, -1 oxidation, 0 otherwise) */
  readonly netVoxels: number;
}

/** The lattice every event type of one app reads and writes. */
export interface LatticeState {
  readonly lat: CubicLattice;
  readonly code: Uint8Array;
}

export interface EventType {
  readonly name: string;
  readonly channel: EventChannel;
  readonly params: readonly ParamSpec[];
  readonly values: Readonly<Record<string, number>>;
  readonly reads: readonly Offset[];
  readonly writes: readonly Offset[];
  /** the event can also change sites outside `writes` (reported in `changed`) */
  readonly nonLocal: boolean;
  /** rate of this event at site v, 1/s at channel multiplier 1; 0 when there is none */
  rate(v: number): number;
  /**
   * Executes the event at site v: changes the codes and appends every changed site to `changed`.
   * Returns false for a null event (drawn, but rejected: nothing changed).
   */
  execute(v: number, rng: Rng, changed: number[]): boolean;
}

/** The six faces, in the lattice's direction order (+x, -x, +y, -y, +z, -z). */
export const FACES: readonly Offset[] = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
/** the four lateral directions */
export const LATERAL: readonly Offset[] = FACES.slice(0, 4);
export const SELF: Offset = [0, 0, 0];

/** Site v + o on lattice lat (periodic or helical in x and y, closed or periodic in z), or -1 outside. */
export function offsetSite(lat: CubicLattice, v: number, o: Offset): number {
  const nx = lat.nx, ny = lat.ny, nz = lat.nz;
  const x = v % nx, y = ((v / nx) | 0) % ny;
  let z = (v / lat.nxy) | 0;
  z += o[2];
  // helical boundaries (kmc/helical-lattice.ts): each crossing of the x (y) boundary shifts z by the rise
  if (lat.riseX !== 0 || lat.riseY !== 0) z -= Math.floor((x + o[0]) / nx) * lat.riseX + Math.floor((y + o[1]) / ny) * lat.riseY;
  if (z < 0 || z >= nz) {
    if (!lat.periodicZ) return -1;
    z = ((z % nz) + nz) % nz;
  }
  const xx = (((x + o[0]) % nx) + nx) % nx, yy = (((y + o[1]) % ny) + ny) % ny;
  return (z * ny + yy) * nx + xx;
}

/** The offsets without repeats (a declared reach is a set). */
export function uniqueOffsets(list: readonly Offset[]): Offset[] {
  const seen = new Set<string>(), out: Offset[] = [];
  for (const o of list) { const k = o.join(','); if (!seen.has(k)) { seen.add(k); out.push(o); } }
  return out;
}

/** o1 + o2 */
export function addOffsets(a: Offset, b: Offset): Offset { return [a[0] + b[0], a[1] + b[1], a[2] + b[2]]; }
