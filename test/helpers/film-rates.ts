/**
 * filmhop / settledhop tests (test/sei-filmhop.test.ts, test/sei-settledhop.test.ts): every atom's hop rate in `app`
 * against the same lattice without film (a fresh PlatingApp on a copy of its codes): an atom where `slowed(v)` hops at the
 * bare rate x `factor` (to 1e-12), every other atom at the bare rate exactly, an atom that cannot hop not at all.
 * Returns how many movers were slowed and the voxels of the movers that were not (lead63: one loop for both files).
 */
import assert from 'node:assert/strict';
import { PlatingApp } from '../../src/apps/plating.js';
import { Rng } from '../../src/kmc/rng.js';
import { METAL } from '../../src/lattice/voxel.js';

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
