/**
 * Reduction as an event type (engine/event-type.ts): an ion is reduced into an empty voxel that
 * touches a conducting solid (MODEL.md section 4), or, with an SEI, under the film.
 *
 * Rate law: k0 exp(-E_red / kT), E_red the barrier shift of the most catalytic neighbour
 * (metal 0, a host or SAC its redShift), times the number of solid neighbours under the
 * per-bond rule; with `sealedPores: 'keep'` none into a voxel with no electrolyte face inside the box (a sealed
 * one-voxel pore, whose atom could never oxidise: docs/model.md E1). Through an SEI voxel that touches electrolyte and a conductor: k0 exp(-(E_red +
 * E_through) / kT), E_through the film's ion-conduction barrier (apps/events/sei.ts); the new atom
 * takes the SEI voxel's place and the film moves one voxel out, into the electrolyte on the far
 * side from a conductor (drawn uniformly among such voxels; any electrolyte neighbour if none).
 * Channel: cathodic (x exp(alpha f eta)). Reach: the site and its six faces.
 * Writes: the site (and with an SEI one face, where the film goes).
 */
import type { EventType, Offset } from '../../engine/event-type.js';
import { FACES, SELF } from '../../engine/event-type.js';
import { PLATING_CHANNELS } from '../channels.js';
import { DIRS } from '../../kmc/lattice.js';
import { EMPTY, METAL } from '../../lattice/voxel.js';
import { PER_CODE_PARAMS, type PlatingLatticeState } from './lattice-state.js';

export function reductionEvent(s: PlatingLatticeState, reads: readonly Offset[] = [SELF, ...FACES]): EventType {
  const { lat, code, shift, seiShift, phys } = s;
  const k0 = phys.k0_per_s, kT = phys.kT_eV, perBond = phys.reduction === 'per-bond', keepSealed = phys.sealedPores === 'keep';
  const nb = new Int32Array(DIRS), out = new Int32Array(DIRS);
  const sei = phys.sei !== undefined && phys.sei.size > 0;
  return {
    name: 'reduction',
    channel: PLATING_CHANNELS[0]!,
    params: [
      { name: 'k0', unit: '1/s', description: "exchange rate per surface site of the metal on itself, i0 a^2 / q" },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
      { name: 'perBond', unit: '0 or 1', description: "1: the rate is multiplied by the number of solid neighbours ('per-bond' rule)" },
      PER_CODE_PARAMS[0]!,
      ...(keepSealed ? [{ name: 'keepSealed', unit: '0 or 1', description: 'no reduction into a sealed one-voxel pore, an empty voxel with no empty face neighbour inside the box (run file model.sealed_pores: keep; docs/model.md E1)' }] : []),
      ...(sei ? [{ name: 'throughShift', unit: 'eV, per SEI code', description: 'barrier of ion conduction through an SEI voxel (from its conductivity)' }] : []),
    ],
    values: { k0, kT, perBond: perBond ? 1 : 0, ...(keepSealed ? { keepSealed: 1 } : {}) },
    reads,
    writes: sei ? [SELF, ...FACES] : [SELF],
    nonLocal: false,
    rate(v: number): number {
      const c = code[v]!;
      if (c === EMPTY) {
        lat.neighbors(v, nb);
        let nSolid = 0, best = Infinity, open = false;
        for (let d = 0; d < DIRS; d++) {
          const t = nb[d]!;
          if (t < 0) continue;
          const ct = code[t]!;
          if (ct !== EMPTY) nSolid++; else open = true;
          if (shift[ct]! < best) best = shift[ct]!;
        }
        if (nSolid === 0 || best === Infinity || (keepSealed && !open)) return 0;
        return (perBond ? nSolid : 1) * k0 * Math.exp(-best / kT);
      }
      if (seiShift[c]! === Infinity) return 0;
      // through the SEI voxel v: needs an electrolyte neighbour (the ion's source) and a conductor
      lat.neighbors(v, nb);
      let best = Infinity, empty = false;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        if (t < 0) continue;
        const ct = code[t]!;
        if (ct === EMPTY) empty = true; else if (shift[ct]! < best) best = shift[ct]!;
      }
      return empty && best < Infinity ? k0 * Math.exp(-(best + seiShift[c]!) / kT) : 0;
    },
    execute(v: number, rng, changed: number[]): boolean {
      const c = code[v]!;
      changed.push(v);
      if (c === EMPTY) { code[v] = METAL; return true; }
      lat.neighbors(v, nb);
      let k = 0;
      for (let d = 0; d < DIRS; d++) {
        const m = nb[d]!, t = nb[d ^ 1]!;
        if (m >= 0 && t >= 0 && shift[code[m]!]! < Infinity && code[t] === EMPTY) out[k++] = t;
      }
      if (k === 0) for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] === EMPTY) out[k++] = t; }
      const t = out[k > 1 ? rng.int(k) : 0]!;
      code[v] = METAL;
      code[t] = c;
      changed.push(t);
      return true;
    },
  };
}
