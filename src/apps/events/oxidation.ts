/**
 * Oxidation as an event type (engine/event-type.ts): a connected metal voxel with an electrolyte
 * neighbour leaves as an ion (MODEL.md section 4, 8.3).
 *
 * Rate law: k0 exp(-(E_red + E_bond - E_kink) / kT): E_red the most catalytic conducting
 * neighbour's shift, E_bond the sum of the atom's bonds (metal-metal, metal-host, metal-SAC),
 * E_kink = 3 E_mm (an atom at a kink site strips at the exchange rate); the energy is rounded to
 * 1e-7 eV, as the fast path's classes are. Channel: anodic (x exp(-(1 - alpha) f eta)).
 * Reach: the site and its six faces. Writes: the site, and (non-local) the metal the removal cut
 * off from the collector, which becomes dead metal (apps/connectivity.ts).
 */
import type { EventType } from '../../engine/event-type.js';
import { FACES, SELF } from '../../engine/event-type.js';
import { PLATING_CHANNELS } from '../channels.js';
import { DIRS } from '../../kmc/lattice.js';
import { EMPTY, METAL, DEAD } from '../../lattice/voxel.js';
import { PER_CODE_PARAMS, type PlatingLatticeState } from './lattice-state.js';

export function oxidationEvent(s: PlatingLatticeState): EventType {
  const { lat, code, shift, bind, phys, conn } = s;
  const k0 = phys.k0_per_s, kT = phys.kT_eV, eKink = 3 * phys.bond_eV, irreversible = phys.irreversible === true;
  const nb = new Int32Array(DIRS);
  const dead: number[] = [];
  return {
    name: 'oxidation',
    channel: PLATING_CHANNELS[1]!,
    params: [
      { name: 'k0', unit: '1/s', description: 'exchange rate per surface site of the metal on itself' },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
      { name: 'bond', unit: 'eV', description: 'metal-metal bond E_mm (E_kink = 3 E_mm)' },
      ...PER_CODE_PARAMS,
    ],
    values: { k0, kT, bond: phys.bond_eV },
    reads: [SELF, ...FACES],
    writes: [SELF],
    nonLocal: conn !== null,
    rate(v: number): number {
      if (code[v] !== METAL || irreversible) return 0;
      lat.neighbors(v, nb);
      let best = Infinity, bond = 0, hasEmpty = false;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        const c = code[t]!;
        if (c === EMPTY) { hasEmpty = true; continue; }
        bond += bind[c]!;
        if (shift[c]! < best) best = shift[c]!;
      }
      if (!hasEmpty || best === Infinity) return 0;
      const E = Math.round((best + bond - eKink) * 1e7) * 1e-7;
      return k0 * Math.exp(-E / kT);
    },
    execute(v: number, _rng, changed: number[]): boolean {
      code[v] = EMPTY;
      changed.push(v);
      if (conn) {
        if (dead.length > 0) dead.length = 0;
        conn.afterRemoval(v, dead);
        for (const w of dead) { code[w] = DEAD; changed.push(w); }
      }
      return true;
    },
  };
}
