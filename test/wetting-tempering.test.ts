/**
 * The replica exchange of the `wetting` study (validation/studies/wetting-tempering.ts) samples the
 * Boltzmann distribution of the engine's bond energy. Two atoms on a 4 x 4 periodic host (E_mm 0.1 eV,
 * E_host 0.025 eV) have three energy classes, counted exactly: stacked (16 states, -E_host - E_mm),
 * side by side (32, -2 E_host - E_mm), apart (88, -2 E_host). The sampled class frequencies at 400 and
 * 600 K must match the exact ones within 0.04 (seed 1, 3000 rounds). Rounds of a fixed number of
 * events instead of a fixed time would favour the fast "apart" states by a factor of several.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { temperIsland } from '../validation/studies/wetting-tempering.js';
import { METAL, HOST_BASE } from '../src/lattice/voxel.js';

const KB = 8.617333262e-5;

test('replica exchange with the hop kMC samples the Boltzmann distribution of two atoms on a host', (t) => {
  const L = 4, NZ = 4, nxy = L * L, eMM = 0.1, eHost = 0.025;
  const start = new Uint8Array(nxy * NZ);
  start.fill(HOST_BASE, 0, nxy);
  start[nxy + 0] = METAL; start[nxy + 10] = METAL; // two atoms apart on the host
  const temps = [400, 600];
  const r = temperIsland({ box: { L, NZ }, eMM, eHost, temps, start, burnRounds: 50, eventsPerRound: 100, rounds: 3000, seed: 1 });
  const classes = [{ E: -eHost - eMM, n: 16 }, { E: -2 * eHost - eMM, n: 32 }, { E: -2 * eHost, n: 88 }];
  temps.forEach((T, i) => {
    const w = classes.map((c) => c.n * Math.exp(-c.E / (KB * T)));
    const z = w.reduce((a, b) => a + b, 0);
    const exact = w.map((x) => x / z);
    const energies = r.energy[i]!;
    const sampled = classes.map((c) => energies.filter((e) => Math.abs(e - c.E) < 1e-9).length / energies.length);
    t.diagnostic(`${T} K: stacked / side by side / apart sampled ${sampled.map((x) => x.toFixed(3)).join(' / ')}, exact ${exact.map((x) => x.toFixed(3)).join(' / ')}`);
    assert.ok(Math.abs(sampled.reduce((a, b) => a + b, 0) - 1) < 1e-12, 'every sample is one of the three classes');
    sampled.forEach((p, k) => assert.ok(Math.abs(p - exact[k]!) <= 0.04, `${T} K class ${k}: ${p} vs ${exact[k]}`));
  });
});
