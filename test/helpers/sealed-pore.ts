/**
 * The sealed-pore tests' fixture (sealed-pores, sealed-void): a 6 x 6 x 8 box with a one-voxel cup on Li metal on Cu,
 * and the faradaic event of one voxel of a PlatingApp (reduction into an electrolyte voxel, oxidation of a metal one: the
 * even event id of its slot), read and fired by hand.
 */
import assert from 'node:assert/strict';
import type { PlatingApp } from '../../src/apps/plating.js';
import { METAL, HOST_BASE } from '../../src/lattice/voxel.js';

export const NX = 6, NY = 6, NZ = 8;
export const at = (x: number, y: number, z: number): number => x + NX * (y + NY * z);

/** Cu at z = 0, a metal layer at z = 1, a cup at z = 2 around the site P = (2, 2, 2), one atom at (1, 2, 3) beside its lid L = (2, 2, 3) */
export function cup(): Uint8Array {
  const code = new Uint8Array(NX * NY * NZ);
  code.fill(HOST_BASE, 0, NX * NY);
  code.fill(METAL, NX * NY, 2 * NX * NY);
  for (const [x, y] of [[1, 2], [3, 2], [2, 1], [2, 3]] as const) code[at(x, y, 2)] = METAL;
  code[at(1, 2, 3)] = METAL;
  return code;
}
/** the cup's pore and lid */
export const P = at(2, 2, 2), L = at(2, 2, 3);

/** the rate of voxel v's faradaic event, 0 when it has none */
export function faradaic(app: PlatingApp, v: number): number {
  const slot = app.slots.get(v);
  if (slot < 0) return 0;
  const cls = app.solver.classOf(slot * 2);
  return cls < 0 ? 0 : app.solver.rate[cls]!;
}

/** fires voxel v's faradaic event; fails the test when it has none */
export function fire(app: PlatingApp, v: number): void {
  const slot = app.slots.get(v);
  assert.ok(slot >= 0 && app.solver.classOf(slot * 2) >= 0, `voxel ${v} has a faradaic event`);
  app.execute(slot * 2);
}
