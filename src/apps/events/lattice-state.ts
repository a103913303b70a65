/**
 * The state the plating event types share (apps/events/reduction.ts, oxidation.ts, hop.ts): the
 * lattice, its codes, the per-code energy tables built from one `PlatingPhysics` (the same
 * numbers the plating app's fast path uses), and the electronic connectivity of the deposit.
 *
 * Per code: `shift` is the reduction barrier shift of a conducting neighbour (metal 0, a
 * conducting host or SAC its redShift; Infinity: not a site of charge transfer), `bind` the bond
 * of a metal atom to it (metal and dead metal E_mm, a host or SAC its binding energy, 0 for the
 * rest). With an SEI (apps/events/sei.ts), per SEI code `seiShift` is the extra barrier of charge
 * transfer through it (Infinity: not an SEI code) and `bind` the bond of a metal atom to it; the
 * reduction and oxidation types then also cover plating under the film and stripping through it.
 */
import type { CubicLattice } from '../../kmc/lattice.js';
import type { PlatingPhysics } from '../plating.js';
import { Connectivity } from '../connectivity.js';
import { METAL, DEAD, SEI } from '../../lattice/voxel.js';
import type { LatticeState, ParamSpec } from '../../engine/event-type.js';

export interface PlatingLatticeState extends LatticeState {
  readonly phys: PlatingPhysics;
  readonly shift: Float64Array;
  readonly bind: Float64Array;
  /** per code: charge transfer through an SEI voxel of this code, eV (Infinity: not SEI) */
  readonly seiShift: Float64Array;
  /** whether the run has the organic SEI code (the plating app's switch for stripping through a film) */
  readonly seiOn: boolean;
  /** null in irreversible (Eden/DLA validation) runs, which never strip */
  readonly conn: Connectivity | null;
  /**
   * filmhop (opt-in): the SEI film's face bits per voxel (bits null: none) and the factor exp(-film_hop_barrier / kT) of
   * the hop of an atom with any film bit (apps/events/hop.ts); settledhop: str, the stretched bits (null: any film bit
   * slows; set: only a settled one, bits & ~str); facehop: face, the factor per move on the face it leaves through (str
   * set); axishop: axis (face set), the factor per move on any face on its axis; set by the caller that runs the SEI module
   * (consistency.ts)
   */
  readonly film: { bits: Uint8Array | null; factor: number; str: Uint8Array | null; face: boolean; axis: boolean };
}

export function platingLatticeState(lat: CubicLattice, code: Uint8Array, phys: PlatingPhysics): PlatingLatticeState {
  const shift = new Float64Array(256).fill(Infinity), bind = new Float64Array(256), seiShift = new Float64Array(256).fill(Infinity);
  shift[METAL] = 0;
  bind[METAL] = phys.bond_eV;
  bind[DEAD] = phys.bond_eV;
  const conducting: number[] = [];
  for (const [c, s] of phys.substrate) {
    shift[c] = s.conducting ? s.redShift_eV : Infinity;
    bind[c] = s.binding_eV;
    if (s.conducting) conducting.push(c);
  }
  for (const [c, x] of phys.sei ?? []) { seiShift[c] = x.throughShift_eV; bind[c] = x.binding_eV; }
  const conn = phys.irreversible === true ? null : new Connectivity(lat, code, conducting);
  return { lat, code, phys, shift, bind, seiShift, seiOn: phys.sei?.has(SEI) === true, conn, film: { bits: null, factor: 1, str: null, face: false, axis: false } };
}

/** the per-code parameters every plating event type reads */
export const PER_CODE_PARAMS: readonly ParamSpec[] = [
  { name: 'redShift', unit: 'eV, per code', description: 'reduction barrier shift of a conducting neighbour (metal 0; host and SAC from their parameter sets)' },
  { name: 'binding', unit: 'eV, per code', description: 'bond of a metal atom to a neighbour of this code (metal-metal E_mm, metal-host, metal-SAC)' },
];
