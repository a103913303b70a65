/**
 * Surface hop as an event type (engine/event-type.ts): a metal atom moves to a neighbouring
 * surface site (MODEL.md section 3 and 8.3: one energy function).
 *
 * Rate law (all moves of one atom are one event; the move is drawn when it fires):
 *   nu exp(-(E_ts + E_bond) / kT) (n_plain + n_step exp(-E_ES / kT))
 * E_ts = E_d(metal) - E_mm, E_bond the sum of the atom's bonds (rounded to 1e-7 eV as the fast
 * path's classes are), n_plain the moves onto a supported empty site beside it, n_step the moves
 * across a step edge (down onto a supported site one lower, or up onto a lateral solid
 * neighbour), which pay the Ehrlich-Schwoebel barrier E_ES. Atoms in the collector layer do not
 * move; with connectivity on, an atom with a solid above it does not move (solid on solid), and
 * a move that would cut metal off from the collector, or land on nothing connected, is rejected
 * (a null event). Irreversible runs: only atoms without a lateral neighbour move, and only onto
 * empty sites.
 *
 * Step-ups, `stepUp` (PlatingPhysics): 'thinned' (default) counts a step-up onto every lateral
 * solid neighbour and makes the drawn move a null event when the site on top of it is taken;
 * 'exact' counts only the free ones, so the rate also reads the sites diagonally above.
 *
 * filmhop (opt-in, s.film): an atom with a film bit on any face (the SEI module's face state, read at the site itself)
 * hops at the rate above x exp(-film_hop_barrier / kT); settledhop (s.film.str set, `film_hop_on: settled`): only an atom with
 * a settled film bit (bits & ~str: filmed, not stretched) is slowed. facehop (s.film.face, `film_hop_on: face`): the factor
 * acts per move, on a move leaving through a face with settled film (a plain move or a step-down: the lateral face towards
 * it; a step-up: the top face): rate k ((n_plain - m_plain) + (n_step - m_step) e^(-E_ES/kT) + factor (m_plain + m_step
 * e^(-E_ES/kT))), m the slowed moves, and the move drawn with the same weights (docs/model.md). axishop (s.film.axis beside
 * s.film.face, `film_hop_on: axis`): the same per-move sum, a move slowed when any face on its axis carries settled film (a
 * plain move: the faces towards and away from it; a step-down: the face towards it and the top; a step-up: the top and the
 * face opposite it; film-faces.ts), so that its reverse reads the same faces where the film is carried.
 *
 * Reach: the site, its faces, and beside it one and two layers below (step-down targets);
 * with exact step-ups also one above. Writes: the site and every possible destination.
 */
import type { EventType, Offset } from '../../engine/event-type.js';
import { FACES, LATERAL, SELF, addOffsets, uniqueOffsets } from '../../engine/event-type.js';
import { PLATING_CHANNELS } from '../channels.js';
import { DIRS } from '../../kmc/lattice.js';
import { EMPTY, METAL } from '../../lattice/voxel.js';
import { PER_CODE_PARAMS, type PlatingLatticeState } from './lattice-state.js';
import { filmMoveFaces } from '../film-faces.js';

const UP: Offset = [0, 0, 1], DOWN: Offset = [0, 0, -1], DOWN2: Offset = [0, 0, -2];

export function hopEvent(s: PlatingLatticeState): EventType {
  const { lat, code, bind, phys, conn, film } = s;
  const nxy = lat.nxy, n = lat.n;
  const kT = phys.kT_eV, nu = phys.nuHop_per_s;
  const eTs = phys.terraceBarrierMetal_eV - phys.bond_eV;
  const esFactor = Math.exp(-phys.schwoebel_eV / kT);
  const thin = phys.stepUp !== 'exact', irreversible = phys.irreversible === true, balanced = phys.hops === 'balanced';
  const nb = new Int32Array(DIRS), w = new Float64Array(4), targets = new Int32Array(4);
  const dead: number[] = [];

  /** where the move onto lateral neighbour t lands: [site, 1 if it crosses a step edge], site -1 if none */
  let esMove = 0;
  const target = (v: number, t: number): number => {
    esMove = 0;
    if (t < 0) return -1;
    if (code[t] === EMPTY) {
      const tb = t - nxy;
      if (tb < 0) return -1;
      if (code[tb] !== EMPTY) return t;
      const tbb = tb - nxy;
      if (tbb >= 0 && code[tbb] !== EMPTY) { esMove = 1; return tb; }
      return -1;
    }
    const tu = t + nxy;
    if (tu < n && v + nxy < n && code[v + nxy] === EMPTY && (thin || code[tu] === EMPTY)) { esMove = 1; return tu; }
    return -1;
  };

  const reads: Offset[] = [SELF, ...FACES];
  const writes: Offset[] = [SELF];
  for (const l of LATERAL) {
    reads.push(addOffsets(l, DOWN), addOffsets(l, DOWN2));
    if (!thin) reads.push(addOffsets(l, UP));
    writes.push(l, addOffsets(l, DOWN), addOffsets(l, UP));
  }

  return {
    name: 'hop',
    channel: PLATING_CHANNELS[2]!,
    params: [
      { name: 'nu', unit: '1/s', description: 'hop attempt frequency' },
      { name: 'kT', unit: 'eV', description: 'thermal energy' },
      { name: 'terraceBarrier', unit: 'eV', description: "E_d of the metal on its own terrace (E_ts = E_d - E_mm)" },
      { name: 'bond', unit: 'eV', description: 'metal-metal bond E_mm' },
      { name: 'schwoebel', unit: 'eV', description: 'Ehrlich-Schwoebel barrier of a move across a step edge' },
      PER_CODE_PARAMS[1]!,
    ],
    values: { nu, kT, terraceBarrier: phys.terraceBarrierMetal_eV, bond: phys.bond_eV, schwoebel: phys.schwoebel_eV },
    reads: uniqueOffsets(reads),
    writes: uniqueOffsets(writes),
    nonLocal: false,
    rate(v: number): number {
      if (code[v] !== METAL || v < nxy) return 0;
      const above = v + nxy < n ? code[v + nxy]! : EMPTY;
      if (balanced ? code[v - nxy] === EMPTY : conn && above !== EMPTY) return 0; // PlatingPhysics.hops
      lat.neighbors(v, nb);
      let nLat = 0, nPlain = 0, nEs = 0, mPlain = 0, mEs = 0;
      // facehop: the settled film bits of the faces a move can leave through (lateral 0-3, top 4)
      const sf = film.face ? film.bits![v]! & ~film.str![v]! & 0x1f : 0;
      for (let d = 0; d < 4; d++) {
        const t = nb[d]!;
        if (code[t] !== EMPTY) nLat++;
        if (irreversible && code[t] !== EMPTY) continue;
        if (target(v, t) < 0) continue;
        if (esMove) nEs++; else nPlain++;
        // the faces the move reads (film-faces.ts): face, the one it leaves through (towards t for a plain move and a
        // step-down, the top for a step-up onto a solid t); axis, the faces on its axis
        if ((sf & filmMoveFaces(d, code[t] !== EMPTY, esMove === 1, film.axis)) !== 0) { if (esMove) mEs++; else mPlain++; }
      }
      if (nPlain + nEs === 0 || (irreversible && nLat > 0)) return 0;
      let bond = 0;
      for (let d = 0; d < DIRS; d++) { const t = nb[d]!; if (t >= 0 && code[t] !== EMPTY) bond += bind[code[t]!]!; }
      const k = nu * Math.exp(-(eTs + Math.round(bond * 1e7) * 1e-7) / kT);
      if (mPlain + mEs > 0) return k * ((nPlain - mPlain) + (nEs - mEs) * esFactor + film.factor * (mPlain + mEs * esFactor));
      const r = k * (nPlain + nEs * esFactor);
      if (film.bits === null || film.face) return r;
      const f = film.str === null ? film.bits[v]! : film.bits[v]! & ~film.str[v]!;
      return f !== 0 ? r * film.factor : r;
    },
    execute(v: number, rng, changed: number[]): boolean {
      lat.neighbors(v, nb);
      for (let d = 0; d < 4; d++) {
        const t = nb[d]!;
        const m = irreversible && code[t] !== EMPTY ? -1 : target(v, t);
        if (m < 0) { w[d] = 0; continue; }
        if (esMove) {
          w[d] = esFactor;
          targets[d] = thin && code[m] !== EMPTY ? -1 : m; // thinned step-up onto a taken site: null
        } else { w[d] = 1; targets[d] = m; }
        // facehop: a move out through a face with settled film is drawn with its slowed weight
        if (film.face && ((film.bits![v]! & ~film.str![v]!) & filmMoveFaces(d, code[t] !== EMPTY, esMove === 1, film.axis)) !== 0) w[d] = w[d]! * film.factor;
      }
      // one uniform picks the move, weighted (the order of the directions is the lattice's)
      let r = rng.next() * (w[0]! + w[1]! + w[2]! + w[3]!);
      let dest = -1;
      for (let d = 0; d < 4; d++) {
        if (w[d] === 0) continue;
        dest = targets[d]!;
        if (r < w[d]!) break;
        r -= w[d]!;
      }
      if (dest < 0) return false;
      code[v] = EMPTY;
      code[dest] = METAL;
      if (conn) {
        if (dead.length > 0) dead.length = 0;
        conn.afterRemoval(v, dead, nb);
        if (dead.length > 0 || !conn.isConnectedAfter(dest)) { code[dest] = EMPTY; code[v] = METAL; return false; }
      }
      changed.push(v, dest);
      return true;
    },
  };
}
