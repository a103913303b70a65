/**
 * Oxidation as an event type (engine/event-type.ts): a connected metal voxel leaves as an ion
 * (MODEL.md section 4, 8.3), into the electrolyte beside it or, with an SEI, through the film.
 *
 * Rate law: k0 exp(-(E_red + E_bond - E_kink) / kT): E_red the most catalytic conducting
 * neighbour's shift, E_bond the sum of the atom's bonds (metal-metal, metal-host, metal-SAC,
 * metal-SEI), E_kink = 3 E_mm (an atom at a kink site strips at the exchange rate); the energy is
 * rounded to 1e-7 eV, as the fast path's classes are. An atom with no electrolyte neighbour strips
 * through an SEI neighbour that touches electrolyte, paying the film's ion-conduction barrier
 * (the lowest such); the film follows the receding metal: that SEI voxel (preferably one on the
 * far side from a solid) moves into the atom's place and its own place becomes electrolyte.
 * Channel: anodic (x exp(-(1 - alpha) f eta)).
 * With `sealedPores: 'void'` (branch e1void) VOID faces are no electrolyte (a sealed pocket takes no ion) and the top
 * of the box is (the bulk above it): an atom in the top layer oxidises into it. The relabelling itself (apps/liquid.ts)
 * is the plating app's; these types read the codes it leaves.
 * Reach: the site and its six faces; with an SEI also their faces (whether an SEI neighbour
 * touches electrolyte). Writes: the site (with an SEI one face), and (non-local) the metal the
 * removal cut off from the collector, which becomes dead metal (apps/connectivity.ts).
 */
import type { EventType, Offset } from '../../engine/event-type.js';
import { FACES, SELF, addOffsets, uniqueOffsets } from '../../engine/event-type.js';
import { PLATING_CHANNELS } from '../channels.js';
import { DIRS } from '../../kmc/lattice.js';
import { EMPTY, METAL, DEAD } from '../../lattice/voxel.js';
import { PER_CODE_PARAMS, type PlatingLatticeState } from './lattice-state.js';

export function oxidationEvent(s: PlatingLatticeState): EventType {
  const { lat, code, shift, bind, seiShift, seiOn, phys, conn } = s;
  const k0 = phys.k0_per_s, kT = phys.kT_eV, eKink = 3 * phys.bond_eV, irreversible = phys.irreversible === true;
  const voidOn = phys.sealedPores === 'void';
  const nb = new Int32Array(DIRS), nb2 = new Int32Array(DIRS), out = new Int32Array(DIRS);
  const dead: number[] = [];
  const sei = phys.sei !== undefined && phys.sei.size > 0;
  const touchesEmpty = (w: number): boolean => {
    lat.neighbors(w, nb2);
    for (let d = 0; d < DIRS; d++) { const u = nb2[d]!; if (u >= 0 && code[u] === EMPTY) return true; }
    return false;
  };
  const isSei = (c: number) => seiShift[c]! < Infinity;
  const reads: Offset[] = [SELF, ...FACES];
  if (sei) for (const a of FACES) for (const b of FACES) reads.push(addOffsets(a, b));
  const rateOf = (E: number) => k0 * Math.exp(-(Math.round(E * 1e7) * 1e-7) / kT);
  return {
    name: 'oxidation',
    channel: PLATING_CHANNELS[1]!,
    params: [
      { name: 'k0', unit: '1/s', description: 'exchange rate per surface site of the metal on itself' },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
      { name: 'bond', unit: 'eV', description: 'metal-metal bond E_mm (E_kink = 3 E_mm)' },
      ...PER_CODE_PARAMS,
      ...(sei ? [{ name: 'throughShift', unit: 'eV, per SEI code', description: 'barrier of ion conduction through an SEI voxel (from its conductivity)' }] : []),
    ],
    values: { k0, kT, bond: phys.bond_eV },
    reads: uniqueOffsets(reads),
    writes: sei ? [SELF, ...FACES] : [SELF],
    nonLocal: conn !== null,
    rate(v: number): number {
      if (code[v] !== METAL || irreversible) return 0;
      lat.neighbors(v, nb);
      let best = Infinity, bond = 0, hasEmpty = false, through = Infinity, nSolid = 0;
      for (let d = 0; d < DIRS; d++) {
        const t = nb[d]!;
        // sealed_pores void (apps/liquid.ts): the top of the box is the bulk electrolyte
        if (t < 0) { if (d === 4 && voidOn) hasEmpty = true; continue; }
        const c = code[t]!;
        if (c === EMPTY) { hasEmpty = true; continue; }
        nSolid++;
        bond += bind[c]!;
        if (shift[c]! < best) best = shift[c]!;
        if (seiShift[c]! < through && touchesEmpty(t)) through = seiShift[c]!;
      }
      if (best === Infinity || (nSolid === 6 && !seiOn)) return 0;
      if (!hasEmpty) return through < Infinity ? rateOf(best + bond - eKink + through) : 0;
      return rateOf(best + bond - eKink);
    },
    execute(v: number, rng, changed: number[]): boolean {
      let s = -1;
      if (seiOn) {
        // no electrolyte neighbour: strip through an SEI neighbour that touches electrolyte
        lat.neighbors(v, nb);
        let k = 0, any = 0, open = false;
        for (let d = 0; d < DIRS && !open; d++) {
          const t = nb[d]!;
          if (t < 0) continue;
          const c = code[t]!;
          if (c === EMPTY) open = true;
          else if (isSei(c) && touchesEmpty(t)) {
            any++;
            const m = nb[d ^ 1]!;
            if (m >= 0 && code[m] !== EMPTY && !isSei(code[m]!)) out[k++] = t;
          }
        }
        if (!open && any > 0) {
          if (k === 0) for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && isSei(code[t]!) && touchesEmpty(t)) out[k++] = t; }
          s = out[k > 1 ? rng.int(k) : 0]!;
        }
      }
      changed.push(v);
      if (s >= 0) { code[v] = code[s]!; code[s] = EMPTY; changed.push(s); } else code[v] = EMPTY;
      if (conn) {
        if (dead.length > 0) dead.length = 0;
        conn.afterRemoval(v, dead);
        for (const w of dead) { code[w] = DEAD; changed.push(w); }
      }
      return true;
    },
  };
}
