/**
 * filmhop / settledhop tests (test/sei-filmhop.test.ts, test/sei-settledhop.test.ts): every atom's hop rate in `app`
 * against the same lattice without film (a fresh PlatingApp on a copy of its codes): an atom where `slowed(v)` hops at the
 * bare rate x `factor` (to 1e-12), every other atom at the bare rate exactly, an atom that cannot hop not at all.
 * Returns how many movers were slowed and the voxels of the movers that were not (lead63: one loop for both files).
 */
import assert from 'node:assert/strict';
import { PlatingApp } from '../../src/apps/plating.js';
import { Rng } from '../../src/kmc/rng.js';
import { EMPTY, METAL } from '../../src/lattice/voxel.js';

/** the rate of the hop class of the atom at v (0 when it has none) */
export function hopRate(p: PlatingApp, v: number): number {
  const s = p.slots.get(v);
  const c = s < 0 ? -1 : p.solver.classOf(2 * s + 1);
  return c < 0 ? 0 : p.solver.rate[c]!;
}

export function checkFilmHopRates(app: PlatingApp, slowed: (v: number) => boolean, factor: number): { slowed: number; unslowed: number[] } {
  const bare = new PlatingApp(app.lat, app.code.slice(), app.phys, new Rng(1));
  let n = 0;
  const unslowed: number[] = [];
  for (let v = 0; v < app.lat.n; v++) {
    if (app.code[v] !== METAL) continue;
    const r0 = hopRate(bare, v), r = hopRate(app, v);
    if (r0 === 0) { assert.equal(r, 0, `voxel ${v}: no bare hop, ${r} with film`); continue; }
    if (slowed(v)) { n++; assert.ok(Math.abs(r / r0 - factor) < 1e-12 * factor, `voxel ${v}: ${r} / ${r0}`); }
    else { unslowed.push(v); assert.equal(r, r0, `voxel ${v}: not slowed, ${r} against the bare ${r0}`); }
  }
  return { slowed: n, unslowed };
}

/**
 * facehop (session 64) tests (test/sei-facehop.test.ts): every atom's hop rate in `app` (film_hop_on face) against a
 * recomputation from scratch: the bare rate r0 of the same atom (a fresh PlatingApp without film on a copy of the codes)
 * split over its moves, written out here from the move rules (a plain move onto a supported empty lateral site and a
 * step-down one lower leave through the lateral face towards it, bit d; a step-up onto a lateral solid, the site above
 * it free with exact step-ups, through the top face, bit 4; step moves weigh e^(-E_ES/kT)), each move out through a face
 * with settled film (`settled(v)`: the face bits) weighed `factor`: r0 (sum of the weights) / (sum of the bare weights),
 * to 1e-12. Returns the movers by how many of their moves are slowed, and the slowed step-ups (top face) and step-downs.
 * axishop (`axis` true, film_hop_on axis): a move is slowed when any face on its axis carries settled film, written out
 * here: a plain move in direction d, faces d and d^1; a step-down d, face d and the top; a step-up d, the top and face
 * d^1; `byOtherFace` counts the slowed moves whose leaving face (the face rule's) is not settled.
 */
export function checkFaceHopRates(app: PlatingApp, settled: (v: number) => number, factor: number, axis = false): { none: number; some: number; all: number; stepUps: number; stepDowns: number; byOtherFace: number } {
  const bare = new PlatingApp(app.lat, app.code.slice(), app.phys, new Rng(1));
  const code = app.code, lat = app.lat, nxy = lat.nxy, n = lat.n, nb = new Int32Array(6);
  const es = Math.exp(-app.phys.schwoebel_eV / app.phys.kT_eV), exact = app.phys.stepUp === 'exact';
  const out = { none: 0, some: 0, all: 0, stepUps: 0, stepDowns: 0, byOtherFace: 0 };
  for (let v = 0; v < n; v++) {
    if (code[v] !== METAL) continue;
    const r0 = hopRate(bare, v), r = hopRate(app, v);
    if (r0 === 0) { assert.equal(r, 0, `voxel ${v}: no bare hop, ${r} with film`); continue; }
    lat.neighbors(v, nb);
    const s = settled(v);
    let wBare = 0, w = 0, moves = 0, slowed = 0;
    for (let d = 0; d < 4; d++) {
      const t = nb[d]!;
      if (t < 0) continue;
      let step: boolean, face: number, read: number;
      if (code[t] === EMPTY) {
        const tb = t - nxy;
        if (tb < 0) continue;
        if (code[tb] !== EMPTY) step = false;
        else if (tb - nxy >= 0 && code[tb - nxy] !== EMPTY) step = true;
        else continue;
        face = 1 << d;
        read = axis ? face | (step ? 1 << 4 : 1 << (d ^ 1)) : face;
      } else {
        if (!(t + nxy < n && v + nxy < n && code[v + nxy] === EMPTY && (!exact || code[t + nxy] === EMPTY))) continue;
        step = true; face = 1 << 4;
        read = axis ? face | 1 << (d ^ 1) : face;
      }
      const wm = step ? es : 1;
      moves++;
      wBare += wm;
      if ((s & read) !== 0) {
        slowed++; w += wm * factor;
        if (face === 1 << 4) out.stepUps++; else if (step) out.stepDowns++;
        if ((s & face) === 0) out.byOtherFace++;
      } else w += wm;
    }
    assert.ok(moves > 0, `voxel ${v}: bare rate ${r0} without a move`);
    const want = r0 * w / wBare;
    assert.ok(Math.abs(r - want) <= 1e-12 * want, `voxel ${v}: rate ${r}, from scratch ${want} (${slowed} of ${moves} moves slowed, settled faces ${s.toString(2)})`);
    if (slowed === 0) out.none++; else if (slowed === moves) out.all++; else out.some++;
  }
  return out;
}
