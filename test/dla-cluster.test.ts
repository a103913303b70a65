/**
 * The single-seed DLA cluster (src/fields/dla-cluster.ts) and the walker parts it shares with the
 * deposits (src/fields/walkers.ts): the exact return law outside the launch sphere, the bookkeeping
 * of a cluster, the 26-neighbour sticking rule and the launch-gap option. The dimension itself is
 * measured in `npm run validate -- dla-3d-cluster` (clusters of 1e5 particles take minutes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exteriorReturnCosine, growDlaCluster } from '../src/fields/dla-cluster.js';
import { growByWalkers, StickySites } from '../src/fields/walkers.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, HOST_BASE, METAL } from '../src/lattice/voxel.js';

test('return to the launch sphere: the mean cosine of the Poisson-kernel angle is R/r (harmonic dipole), within 4 standard errors', () => {
  // E[cos] over the exterior Poisson kernel in 3D is R/r (the dipole x/|x|^3 is harmonic outside
  // the sphere); a uniform return point would give 0, the nearest point 1
  const rng = new Rng(5), n = 200_000;
  for (const ratio of [1.25, 2, 4]) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const c = exteriorReturnCosine(ratio * 10, 10, rng.next()); s += c; s2 += c * c; }
    const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
    assert.ok(Math.abs(mean - 1 / ratio) < 4 * se, `r/R ${ratio}: mean cos ${mean} vs ${1 / ratio} (se ${se})`);
  }
  assert.equal(exteriorReturnCosine(20, 10, 1 - 1e-12) > 0.999, true, 'u -> 1: the nearest point');
  assert.equal(exteriorReturnCosine(20, 10, 0) < -0.999, true, 'u = 0: the far side');
});

test('DLA cluster: one particle per walker, every particle touches an earlier one, seeds repeat, radius of gyration as recorded', () => {
  for (const nb of [6, 26] as const) {
    const g = growDlaCluster(new Rng(3), { particles: 400, neighbourhood: nb, gyrationAt: [1, 100, 400] });
    assert.equal(g.particles, 400);
    let metal = 0;
    for (const c of g.code) if (c === METAL) metal++;
    assert.equal(metal, 400, 'metal voxels = particles');
    assert.deepEqual([g.x[0], g.y[0], g.z[0]], [0, 0, 0], 'the seed at the origin');
    const key = (x: number, y: number, z: number) => `${x},${y},${z}`;
    const seen = new Set([key(0, 0, 0)]);
    for (let i = 1; i < g.particles; i++) {
      const x = g.x[i]!, y = g.y[i]!, z = g.z[i]!;
      let touches = false;
      for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const n = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
        if (n === 0 || (nb === 6 && n > 1)) continue;
        if (seen.has(key(x + dx, y + dy, z + dz))) touches = true;
      }
      assert.ok(touches, `particle ${i} (${nb}-neighbourhood) touches the cluster it arrived at`);
      seen.add(key(x, y, z));
    }
    // radius of gyration recomputed from the positions
    let sx = 0, sy = 0, sz = 0, sr = 0;
    for (let i = 0; i < 400; i++) { sx += g.x[i]!; sy += g.y[i]!; sz += g.z[i]!; sr += g.x[i]! ** 2 + g.y[i]! ** 2 + g.z[i]! ** 2; }
    const rg = Math.sqrt(sr / 400 - (sx / 400) ** 2 - (sy / 400) ** 2 - (sz / 400) ** 2);
    assert.ok(Math.abs(g.gyration.at(-1)!.rg - rg) < 1e-9);
    assert.deepEqual(g.gyration.map((q) => q.n), [1, 100, 400]);
    const again = growDlaCluster(new Rng(3), { particles: 400, neighbourhood: nb });
    assert.deepEqual(again.x, g.x);
  }
});

test('26-neighbour sticking marks edges and corners; 6-neighbour only faces; the launch gap is checked', () => {
  const size: [number, number, number] = [5, 5, 5];
  const code = new Uint8Array(125);
  code[2 + 5 * 2 + 25 * 2] = METAL;
  const count = (s: StickySites) => s.sticky.reduce((a, b) => a + b, 0);
  assert.equal(count(new StickySites(code, size, 6)), 6);
  assert.equal(count(new StickySites(code, size, 26)), 26);
  const slab = new Uint8Array(25); slab[2 + 5 * 2] = METAL;
  assert.equal(count(new StickySites(slab, [5, 1, 5], 26)), 8, 'a slab: 8 neighbours in x-z');
  assert.equal(code.filter((c) => c !== EMPTY && c !== METAL).length, 0);
  const host = new Uint8Array(16 * 16 * 30); host.fill(HOST_BASE, 0, 256);
  assert.throws(() => growByWalkers(host, [16, 16, 30], new Rng(1), { particles: 10, stopHeight: 20, launchGap: 1 }), /launchGap must be an integer of at least 2 layers, got 1/);
  // a higher launch plane changes where walkers start, not the law: deposits differ, counts stay walkers = voxels
  const a = growByWalkers(host.slice(), [16, 16, 30], new Rng(1), { particles: 300, stopHeight: 25, launchGap: 8 });
  assert.equal(a.particles, 300);
});
