/**
 * The electrolyte's labelling from scratch, for the `sealed_pores: void` tests: liquid (EMPTY or VOID) joined to the top
 * layer through liquid must be EMPTY, every other liquid VOID (apps/liquid.ts keeps it incrementally).
 */
import type { CubicLattice } from '../../src/kmc/lattice.js';
import { EMPTY } from '../../src/lattice/voxel.js';
import { VOID } from '../../src/lattice/species.js';

/**
 * Every disagreement with the labelling from scratch: EMPTY voxels sealed off from the top (`sealedEmpty`) and VOID
 * voxels joined to it (`joinedVoid`), by index.
 */
export function labelMismatches(lat: CubicLattice, code: Uint8Array): { sealedEmpty: number[]; joinedVoid: number[] } {
  const seen = joinedToTop(lat, code), sealedEmpty: number[] = [], joinedVoid: number[] = [];
  for (let v = 0; v < code.length; v++) {
    if (code[v] === EMPTY && !seen[v]) sealedEmpty.push(v);
    else if (code[v] === VOID && seen[v]) joinedVoid.push(v);
  }
  return { sealedEmpty, joinedVoid };
}

/** per voxel: 1 when it is liquid joined to the top layer through liquid */
export function joinedToTop(lat: CubicLattice, code: Uint8Array): Uint8Array {
  const n = code.length, nb = new Int32Array(6);
  const liquid = (c: number) => c === EMPTY || c === VOID;
  const seen = new Uint8Array(n), stack: number[] = [];
  for (let v = n - lat.nxy; v < n; v++) if (liquid(code[v]!)) { seen[v] = 1; stack.push(v); }
  while (stack.length > 0) {
    const v = stack.pop()!;
    lat.neighbors(v, nb);
    for (const t of nb) if (t >= 0 && !seen[t] && liquid(code[t]!)) { seen[t] = 1; stack.push(t); }
  }
  return seen;
}

/** null when the codes agree with the labelling from scratch, else the first voxel that does not */
export function labelMismatch(lat: CubicLattice, code: Uint8Array): string | null {
  const seen = joinedToTop(lat, code);
  for (let v = 0; v < code.length; v++) {
    if (code[v] === EMPTY && !seen[v]) return `voxel ${v}: EMPTY, sealed off from the top`;
    if (code[v] === VOID && seen[v]) return `voxel ${v}: VOID, joined to the top`;
  }
  return null;
}
