/**
 * deadClusters (src/metrics/dead.ts): face-connected components of DEAD voxels, periodic in x and y,
 * counted on a hand-built lattice whose clusters are known by construction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CubicLattice } from '../src/kmc/lattice.js';
import { DEAD } from '../src/lattice/species.js';
import { deadClusters } from '../src/metrics/dead.js';

test('dead clusters: count, mean and largest size; joined across the periodic x and y faces, not along z or by edges', () => {
  const lat = new CubicLattice(8, 6, 5);
  const code = new Uint8Array(lat.n);
  const put = (x: number, y: number, z: number) => { code[lat.index(x, y, z)] = DEAD; };
  assert.deepEqual(deadClusters(lat, code), { count: 0, mean_voxels: 0, max_voxels: 0 });
  // A: 3 voxels in a row across the x face (x = 7, 0, 1 at y 2, z 1): one cluster through the periodic wrap
  put(7, 2, 1); put(0, 2, 1); put(1, 2, 1);
  // B: 2 voxels across the y face (y = 5 and 0 at x 4, z 3)
  put(4, 5, 3); put(4, 0, 3);
  // C and D: two voxels touching only along an edge are two clusters
  put(4, 3, 1); put(5, 4, 1);
  // E: the top and bottom planes are not joined (z is not periodic here)
  put(2, 4, 0); put(2, 4, 4);
  // F: a 2 x 2 x 1 block
  put(6, 0, 0); put(7, 0, 0); put(6, 1, 0); put(7, 1, 0);
  const r = deadClusters(lat, code);
  // A(3) + B(2) + C(1) + D(1) + E(1) + E'(1) + F(4) = 13 voxels in 7 clusters
  assert.equal(r.count, 7);
  assert.equal(r.max_voxels, 4);
  assert.ok(Math.abs(r.mean_voxels - 13 / 7) < 1e-12, String(r.mean_voxels));
  // the lattice codes are read, not changed
  assert.equal(code.reduce((a, c) => a + (c === DEAD ? 1 : 0), 0), 13);
});
