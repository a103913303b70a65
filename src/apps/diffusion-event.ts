/**
 * The reference diffusion model (apps/diffusion.ts, SPPARKS' "diffusion" app) as one event type
 * (engine/event-type.ts): an atom hops to one of its empty neighbours, chosen uniformly.
 *
 * Rate law: (6 - n) nu exp(-(E0 + n E_b) / kT) per atom, n its occupied neighbours (bond
 * counting; 'equal' mode: (6 - n) nu). Reach: the site and its faces (n); writes: the site and
 * the face it moves to. Codes: 0 empty, 1 atom, on a lattice periodic in x, y and z. The
 * DiffusionApp is this type's hand-tuned specialisation (six rate classes, neighbour counts kept
 * per site); test/engine-generic.test.ts checks the two against each other.
 */
import type { EventType } from '../engine/event-type.js';
import { FACES, SELF } from '../engine/event-type.js';
import type { CubicLattice } from '../kmc/lattice.js';
import type { DiffusionOptions } from './diffusion.js';

export function diffusionHopEvent(lat: CubicLattice, occ: Uint8Array, o: Omit<DiffusionOptions, 'size' | 'occupancy' | 'seed'> = {}): EventType {
  const kT = o.kT_eV ?? 0.0257, E0 = o.E0_eV ?? 0.1, Eb = o.Eb_eV ?? 0.05, nu = o.nu_per_s ?? 1e13, equal = o.mode === 'equal';
  const nb = new Int32Array(6);
  const occupied = (v: number): number => {
    lat.neighbors(v, nb);
    let n = 0;
    for (let d = 0; d < 6; d++) n += occ[nb[d]!]!;
    return n;
  };
  return {
    name: 'diffusion-hop',
    channel: { name: 'hop', transfer: 'none', netVoxels: 0 },
    params: [
      { name: 'nu', unit: '1/s', description: 'attempt frequency' },
      { name: 'E0', unit: 'eV', description: 'barrier of an atom with no occupied neighbour' },
      { name: 'Eb', unit: 'eV', description: 'added barrier per occupied neighbour (bond counting)' },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
    ],
    values: { nu, E0, Eb, kT },
    reads: [SELF, ...FACES],
    writes: [SELF, ...FACES],
    nonLocal: false,
    rate(v: number): number {
      if (occ[v] !== 1) return 0;
      const n = occupied(v);
      if (n === 6) return 0;
      return (6 - n) * (equal ? nu : nu * Math.exp(-(E0 + n * Eb) / kT));
    },
    execute(v: number, rng, changed: number[]): boolean {
      let k = rng.int(6 - occupied(v));
      let dest = -1;
      for (let j = 0; j < 6; j++) { const t = nb[j]!; if (occ[t] === 0) { if (k === 0) { dest = t; break; } k--; } }
      occ[v] = 0; occ[dest] = 1;
      changed.push(v, dest);
      return true;
    },
  };
}
