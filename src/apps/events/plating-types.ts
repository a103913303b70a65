/**
 * The plating model's event types (reduction, oxidation, hop) as modules on one shared lattice
 * state: the generic path (engine/generic-app.ts) runs them as they are; the plating app
 * (apps/plating.ts) is their hand-tuned specialisation, checked against them event by event
 * (engine/consistency.ts).
 */
import type { CubicLattice } from '../../kmc/lattice.js';
import type { EventType } from '../../engine/event-type.js';
import type { PlatingPhysics } from '../plating.js';
import { platingLatticeState, type PlatingLatticeState } from './lattice-state.js';
import { reductionEvent } from './reduction.js';
import { oxidationEvent } from './oxidation.js';
import { hopEvent } from './hop.js';

export function platingEventTypes(lat: CubicLattice, code: Uint8Array, phys: PlatingPhysics): { state: PlatingLatticeState; types: EventType[] } {
  const state = platingLatticeState(lat, code, phys);
  return { state, types: [reductionEvent(state), oxidationEvent(state), hopEvent(state)] };
}
