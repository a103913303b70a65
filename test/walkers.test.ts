/**
 * Discrete ion walkers (src/fields/walkers.ts) and the fractal measures (src/metrics/fractal.ts):
 * the bookkeeping of walker growth, its determinism, and the measures on objects of known
 * dimension. The DLA dimension itself is measured in `npm run validate -- transport-dla`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growByWalkers } from '../src/fields/walkers.js';
import { massRadiusDimension } from '../src/metrics/fractal.js';
import { Rng } from '../src/kmc/rng.js';
import { HOST_BASE, METAL } from '../src/lattice/voxel.js';

function grow(size: [number, number, number], seed: number, stopHeight: number): { code: Uint8Array; g: ReturnType<typeof growByWalkers> } {
  const nxy = size[0] * size[1];
  const code = new Uint8Array(nxy * size[2]);
  code.fill(HOST_BASE, 0, nxy);
  const g = growByWalkers(code, size, new Rng(seed), { particles: 1e9, stopHeight });
  return { code, g };
}

test('walker growth: every walker becomes one metal voxel, the deposit is connected to the host, seeds repeat', () => {
  for (const size of [[32, 1, 64], [12, 12, 40]] as [number, number, number][]) {
    const { code, g } = grow(size, 7, 20);
    const [nx, ny, nz] = size, nxy = nx * ny;
    let metal = 0;
    for (const c of code) if (c === METAL) metal++;
    assert.equal(metal, g.particles);
    assert.equal(g.ended, 'height');
    assert.equal(g.maxZ, 20);
    // connectivity: a flood from the host reaches every metal voxel (sticking needs a solid neighbour)
    const seen = new Uint8Array(code.length), stack: number[] = [];
    for (let i = 0; i < nxy; i++) { seen[i] = 1; stack.push(i); }
    let reached = 0;
    while (stack.length) {
      const v = stack.pop()!;
      const z = (v / nxy) | 0, r = v - z * nxy, y = (r / nx) | 0, x = r - y * nx;
      const nbs = [[x + 1, y, z], [x - 1, y, z], [x, y, z + 1], [x, y, z - 1], [x, y + 1, z], [x, y - 1, z]];
      for (const [xx, yy, zz] of nbs) {
        if (zz! < 0 || zz! >= nz) continue;
        const w = ((xx! + nx) % nx) + nx * ((yy! + ny) % ny) + nxy * zz!;
        if (!seen[w] && code[w] === METAL) { seen[w] = 1; reached++; stack.push(w); }
      }
    }
    assert.equal(reached, metal, 'every metal voxel is connected to the host');
    const again = grow(size, 7, 20);
    assert.deepEqual(again.code, code, 'same seed, same deposit');
  }
  const a = grow([32, 1, 64], 1, 20).code, b = grow([32, 1, 64], 2, 20).code;
  assert.notDeepEqual(a, b, 'different seeds, different deposits');
});

test('walker deposits are sparse (DLA-like), not compact: density well below 1 above the first layers', () => {
  const { code } = grow([64, 1, 160], 3, 128);
  let m = 0;
  for (let z = 64; z < 96; z++) for (let x = 0; x < 64; x++) if (code[x + 64 * z] === METAL) m++;
  const rho = m / (32 * 64);
  assert.ok(rho > 0.05 && rho < 0.4, `density ${rho}`);
});

test('mass-radius dimension: 2 for a filled plane, 3 for a filled box, 1 for a line', () => {
  const filled2 = new Uint8Array(64 * 64).fill(METAL);
  const d2 = massRadiusDimension(filled2, [64, 1, 64], (c) => c === METAL, { radii: [4, 6, 8, 11, 16], zFrom: 0, zTo: 63 });
  assert.ok(Math.abs(d2.dimension - 2) < 0.05, `2D ${d2.dimension}`);
  const filled3 = new Uint8Array(24 * 24 * 24).fill(METAL);
  const d3 = massRadiusDimension(filled3, [24, 24, 24], (c) => c === METAL, { radii: [3, 4, 6, 8], zFrom: 0, zTo: 23, maxCentres: 50 });
  assert.ok(Math.abs(d3.dimension - 3) < 0.1, `3D ${d3.dimension}`);
  const line = new Uint8Array(64 * 64);
  for (let z = 0; z < 64; z++) line[32 + 64 * z] = METAL;
  const d1 = massRadiusDimension(line, [64, 1, 64], (c) => c === METAL, { radii: [4, 6, 8, 11, 16], zFrom: 0, zTo: 63 });
  // a lattice line holds 2r + 1 voxels within r: the slope over r = 4-16 is 0.94
  assert.ok(Math.abs(d1.dimension - 1) < 0.08, `line ${d1.dimension}`);
});

test('walkers: the lattice height above the deposit does not change the growth (no re-launch at the lattice top, which killed walkers near the deposit)', () => {
  // same seed, lattice 4 or 40 layers taller than the stop height: open electrolyte above the top
  // layer, re-launch only a box width above the launch plane, so the walks and deposits are identical
  for (const size of [[24, 1, 28], [10, 10, 24]] as [number, number, number][]) {
    const low = grow(size, 11, size[2] - 4);
    const high = grow([size[0], size[1], size[2] + 36], 11, size[2] - 4);
    assert.equal(high.g.steps, low.g.steps);
    assert.deepEqual(high.code.subarray(0, low.code.length), low.code);
  }
});
