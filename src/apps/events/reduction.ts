/**
 * Reduction as an event type (engine/event-type.ts): an ion is reduced into an empty voxel that
 * touches a conducting solid (MODEL.md section 4).
 *
 * Rate law: k0 exp(-E_red / kT), E_red the barrier shift of the most catalytic neighbour
 * (metal 0, a host or SAC its redShift), times the number of solid neighbours under the
 * per-bond rule. Channel: cathodic (x exp(alpha f eta)). Reach: the site and its six faces.
 */
import type { EventType, Offset } from '../../engine/event-type.js';
import { FACES, SELF } from '../../engine/event-type.js';
import { PLATING_CHANNELS } from '../channels.js';
import { DIRS } from '../../kmc/lattice.js';
import { EMPTY, METAL } from '../../lattice/voxel.js';
import { PER_CODE_PARAMS, type PlatingLatticeState } from './lattice-state.js';

export function reductionEvent(s: PlatingLatticeState, reads: readonly Offset[] = [SELF, ...FACES]): EventType {
  const { lat, code, shift, phys } = s;
  const k0 = phys.k0_per_s, kT = phys.kT_eV, perBond = phys.reduction === 'per-bond';
  const nb = new Int32Array(DIRS);
  return {
    name: 'reduction',
    channel: PLATING_CHANNELS[0]!,
    params: [
      { name: 'k0', unit: '1/s', description: "exchange rate per surface site of the metal on itself, i0 a^2 / q" },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
      { name: 'perBond', unit: '0 or 1', description: "1: the rate is multiplied by the number of solid neighbours ('per-bond' rule)" },
      PER_CODE_PARAMS[0]!,
    ],
    values: { k0, kT, perBond: perBond ? 1 : 0 },
    reads,
    writes: [SELF],
    nonLocal: false,
    rate(v: number): number {
      if (code[v] !== EMPTY) return 0;
      lat.neighbors(v, nb);
      let nSolid = 0, best = Infinity;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        const c = code[t]!;
        if (c !== EMPTY) nSolid++;
        if (shift[c]! < best) best = shift[c]!;
      }
      if (nSolid === 0 || best === Infinity) return 0;
      return (perBond ? nSolid : 1) * k0 * Math.exp(-best / kT);
    },
    execute(v: number, _rng, changed: number[]): boolean {
      code[v] = METAL;
      changed.push(v);
      return true;
    },
  };
}
