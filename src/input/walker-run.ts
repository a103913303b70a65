/**
 * What a run with `cell: { transport: walkers }` may hold (simulation/walker-step.ts). The walkers
 * are the quasi-static, transport-limited limit of plating: one random-walking ion per voxel,
 * reduced at first contact, no reaction kinetics, no surface diffusion, no oxidation. So only
 * galvanostatic plating steps with a charge or a time have a meaning; everything else is refused
 * here with one line naming the field, the value and what is expected:
 *  - potentiostatic holds and voltage cut-offs (no overpotential is modelled),
 *  - stripping (walkers only deposit),
 *  - pulses without `cell.drift` (the lattice is frozen between arrivals: a pulse is the same deposit
 *    as DC at the same charge); with `cell.drift` the walkers run on a clock (fields/drift-walkers.ts)
 *    and pulses are allowed,
 * Rests are accepted (open circuit: simulation/walker-rest.ts; with walkers one at a time nothing is
 * in flight, so a rest is its clock; with `cell.drift` the ions in flight keep diffusing).
 *  - an SEI (its events need the kMC engine).
 */
import { InputError } from '../errors.js';
import type { ProtocolEntry } from './types.js';

const WHAT = 'a galvanostatic plating step with a charge or a time, e.g. "Plate at 1 mA/cm2 for 0.01 mAh/cm2", or a rest (cell.transport: walkers runs those only)';

export function checkWalkerRun(protocol: ProtocolEntry[], sei: unknown, clocked = false): void {
  const walk = (entries: ProtocolEntry[], path: string) => {
    entries.forEach((e, i) => {
      const field = `${path}[${i}]`;
      if ('repeat' in e) { walk(e.steps, `${field}.steps`); return; }
      let why: string | undefined;
      if (e.kind === 'rest') return; // open circuit: the ions in flight diffuse (simulation/walker-rest.ts)
      if (e.kind === 'strip') why = 'stripping (walkers only deposit)';
      else if (e.control !== 'galvanostatic') why = 'a potentiostatic hold (no overpotential is modelled with walkers)';
      else if (e.pulse && !clocked) why = 'a pulse (the same deposit as DC at the same charge with walkers one at a time; add cell.drift (off, electrolyte or a conductivity) for walkers on a clock)';
      else if (e.cutoff_V !== undefined) why = 'a voltage cut-off (no overpotential is modelled with walkers)';
      else if (e.duration_s === undefined && e.charge_C_per_m2 === undefined) why = 'a step without a charge or a time';
      if (why !== undefined) throw new InputError(field, e.text, `${WHAT}; not ${why}`);
    });
  };
  walk(protocol, 'protocol');
  if (sei !== undefined && sei !== null) {
    throw new InputError('sei', sei, 'no SEI with cell.transport: walkers (the SEI\'s events need the kMC engine): remove `sei:` or use transport: field');
  }
}
