import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY, HOST_BASE, METAL, VOID, type Grid } from '../src/lattice/voxel.js';
import { morphology } from '../src/metrics/morphology.js';
import { pores } from '../src/metrics/pores.js';

// 6 x 5 columns, one host layer (z = 0), a dense film of 4 layers (z = 1..4) with three pores cut
// into it: a sealed pair across the periodic x edge, a sealed column of 3 under a capped column, and
// one voxel under an overhang that opens sideways onto an empty column (5, 4)
const nx = 6, ny = 5, nz = 8;
const grid: Grid = { nx, ny, nz, cells: new Uint8Array(nx * ny * nz), voxel_m: 50e-9 };
const at = (x: number, y: number, z: number) => x + nx * (y + ny * z);
grid.cells.fill(HOST_BASE, 0, nx * ny);
for (let z = 1; z <= 4; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) grid.cells[at(x, y, z)] = METAL;
for (let z = 1; z <= 4; z++) grid.cells[at(5, 4, z)] = EMPTY;
const cut = [[0, 2, 2], [5, 2, 2], [0, 0, 1], [0, 0, 2], [0, 0, 3], [4, 4, 1]] as const;
for (const [x, y, z] of cut) grid.cells[at(x, y, z)] = EMPTY;

test('pores: the voxels morphology counts in its porosity, grouped across the periodic edge, sealed or open', () => {
  const p = pores(grid, 0);
  assert.deepEqual([...p.index], cut.map(([x, y, z]) => at(x, y, z)).sort((a, b) => a - b));
  let below = 0;
  for (const h of p.height) below += h;
  assert.equal(below, 29 * 4);
  assert.equal(p.index.length / below, morphology(grid, { hostTopZ: 0 }).porosity);
  const groups = p.groupSize.map((s, g) => [s, p.groupSealed[g]]).sort((a, b) => a[0]! - b[0]!);
  assert.deepEqual(groups, [[1, 0], [2, 1], [3, 1]]);
  // the pair across x = 5 | 0 is one group
  assert.equal(p.group[[...p.index].indexOf(at(0, 2, 2))], p.group[[...p.index].indexOf(at(5, 2, 2))]);
});

test('pores: a dense film has none', () => {
  const g: Grid = { ...grid, cells: grid.cells.slice() };
  for (const [x, y, z] of cut) g.cells[at(x, y, z)] = METAL;
  const p = pores(g, 0);
  assert.equal(p.index.length, 0);
  assert.equal(p.groupSize.length, 0);
});

test('pores and porosity count sealed liquid (VOID, model.sealed_pores: void; branch e1void) as pore, the same as EMPTY', () => {
  const g: Grid = { ...grid, cells: grid.cells.slice() };
  // the two sealed groups as VOID: the voxels, groups and porosity stay
  for (const [x, y, z] of [[0, 2, 2], [5, 2, 2], [0, 0, 1], [0, 0, 2], [0, 0, 3]] as const) g.cells[at(x, y, z)] = VOID;
  const p = pores(g, 0), q = pores(grid, 0);
  assert.deepEqual([...p.index], [...q.index]);
  assert.deepEqual(p.groupSize.map((s, i) => [s, p.groupSealed[i]]), q.groupSize.map((s, i) => [s, q.groupSealed[i]]));
  assert.equal(morphology(g, { hostTopZ: 0 }).porosity, morphology(grid, { hostTopZ: 0 }).porosity);
  assert.ok(morphology(g, { hostTopZ: 0 }).porosity > 0);
});
