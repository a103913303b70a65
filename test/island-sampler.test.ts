/**
 * The equilibrium island sampler (src/analysis/island-sampler.ts) of the `wetting-equilibrium` study:
 *  1. its energy is the engine's: on random height maps over a host with SAC sites, taking an atom
 *     out raises the pair-counted energy by exactly PlatingApp.bondEnergy (the E_bond its hop and
 *     its oxidation pay), and the energy the moves keep equals a recount after 20 000 moves;
 *  2. detailed balance by exact enumeration: six atoms in a 3 x 3 x 2 space over a host (every valid
 *     configuration, every move with its probability and acceptance), pi(x) P(x -> x') =
 *     pi(x') P(x' -> x) to 1e-9 relative; without the Hastings factor |S| / |S'| it fails (checked);
 *  3. a run of the same system visits the energy levels with the exact Boltzmann frequencies
 *     (total variation distance below 0.02, 400 000 moves, seed 1);
 *  4. the ground-state enumeration's bond formula equals the pair count of the blocks it writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IslandSampler, configurationEnergy, bondTable, type EnergyPhysics } from '../src/analysis/island-sampler.js';
import { islandGroundState, writeBlock, blockBonds } from '../src/analysis/island-ground-state.js';
import { PlatingApp } from '../src/apps/plating.js';
import { CubicLattice } from '../src/kmc/lattice.js';
import { Rng } from '../src/kmc/rng.js';
import { EMPTY, METAL, HOST_BASE, SAC_BASE } from '../src/lattice/voxel.js';

const E_MM = 0.1;
const energyPhys = (eHost: number, eSac = eHost): EnergyPhysics => ({
  bond_eV: E_MM,
  substrate: new Map([
    [HOST_BASE, { binding_eV: eHost, redShift_eV: 0, terraceBarrier_eV: eHost, conducting: true }],
    [SAC_BASE, { binding_eV: eSac, redShift_eV: -0.1, terraceBarrier_eV: eSac, conducting: true }],
  ]),
});

test('the sampler\'s energy is the engine\'s: removal energy = PlatingApp.bondEnergy on random configurations', () => {
  const L = 6, NZ = 7, nxy = L * L;
  const lat = new CubicLattice(L, L, NZ, false);
  const ep = energyPhys(0.025, 0.23);
  const phys = {
    kT_eV: 0.03, k0_per_s: 0, nuHop_per_s: 1e13, lateralBond_eV: E_MM, schwoebel_eV: 0, terraceBarrierMetal_eV: E_MM,
    adatoms: 'exact' as const, ...ep,
  };
  const rng = new Rng(7);
  const bond = bondTable(ep);
  let checked = 0;
  for (let trial = 0; trial < 20; trial++) {
    const code = new Uint8Array(lat.n);
    for (let p = 0; p < nxy; p++) code[p] = rng.next() < 0.2 ? SAC_BASE : HOST_BASE;
    for (let p = 0; p < nxy; p++) { const h = rng.int(5); for (let z = 1; z <= h; z++) code[z * nxy + p] = METAL; }
    const app = new PlatingApp(lat, Uint8Array.from(code), phys, new Rng(1));
    const e0 = configurationEnergy(lat, code, bond);
    for (let v = nxy; v < lat.n; v++) {
      if (code[v] !== METAL) continue;
      code[v] = EMPTY;
      const e1 = configurationEnergy(lat, code, bond);
      code[v] = METAL;
      assert.ok(Math.abs((e1 - e0) - app.bondEnergy(v)) < 1e-12, `atom ${v}: removal ${e1 - e0} eV vs engine ${app.bondEnergy(v)} eV`);
      checked++;
    }
    // the moves keep the energy: after 20 000 moves it equals a recount, and bondAt agrees with the engine
    const s = new IslandSampler(lat, code, ep, 0.04, new Rng(trial + 1));
    s.run(20000);
    assert.ok(Math.abs(s.energy_eV - configurationEnergy(lat, code, bond)) < 1e-9, `trial ${trial}: kept ${s.energy_eV} vs recount ${configurationEnergy(lat, code, bond)}`);
    const app2 = new PlatingApp(lat, Uint8Array.from(code), phys, new Rng(1));
    for (const v of s.movableAtoms()) assert.ok(Math.abs(s.bondAt(v) - app2.bondEnergy(v)) < 1e-12);
  }
  assert.ok(checked > 500, `${checked} atoms checked`);
});

/** the tiny system: 3 x 3 host, atoms in z = 1, 2 (z = 3 is the lid), six atoms */
function tinySystem() {
  const L = 3, NZ = 4, nxy = L * L, N = 6, eHost = 0.25 * E_MM, kT = 0.5 * E_MM;
  const lat = new CubicLattice(L, L, NZ, false);
  const ep = energyPhys(eHost);
  const bond = bondTable(ep);
  const sites = Array.from({ length: 2 * nxy }, (_, k) => nxy + k);
  const states: { mask: number; code: Uint8Array; E: number }[] = [];
  const nb = new Int32Array(6);
  const build = (mask: number): Uint8Array => {
    const code = new Uint8Array(lat.n);
    code.fill(HOST_BASE, 0, nxy);
    sites.forEach((s, k) => { if (mask & (1 << k)) code[s] = METAL; });
    return code;
  };
  const valid = (code: Uint8Array): boolean => sites.every((s) => {
    if (code[s] !== METAL) return true;
    lat.neighbors(s, nb);
    return [...nb].some((t) => t >= 0 && code[t] !== EMPTY);
  });
  const rec = (start: number, left: number, mask: number): void => {
    if (left === 0) { const code = build(mask); if (valid(code)) states.push({ mask, code, E: configurationEnergy(lat, code, bond) }); return; }
    for (let k = start; k <= sites.length - left; k++) rec(k + 1, left - 1, mask | (1 << k));
  };
  rec(0, N, 0);
  const maskOf = (code: Uint8Array): number => sites.reduce((m, s, k) => (code[s] === METAL ? m | (1 << k) : m), 0);
  return { lat, ep, kT, sites, states, maskOf, nxy };
}

test('detailed balance of the move set, by exact enumeration of a six-atom system', () => {
  const { lat, ep, kT, sites, states, nxy } = tinySystem();
  const index = new Int32Array(1 << sites.length).fill(-1);
  states.forEach((st, i) => { index[st.mask] = i; });
  const bit = (site: number): number => 1 << (site - nxy);
  // per state: destination index -> probability, with and without the Hastings factor
  const P: Map<number, number>[] = [], Pnoh: Map<number, number>[] = [];
  let hastingsMatters = 0;
  for (const st of states) {
    const s = new IslandSampler(lat, Uint8Array.from(st.code), ep, kT, new Rng(1));
    const movable = s.movableAtoms(), nS = movable.length;
    if (nS < 6) hastingsMatters++;
    const row = new Map<number, number>(), rowN = new Map<number, number>();
    for (const v of movable) {
      for (const o of s.moveOptions(v)) {
        const j = index[(st.mask & ~bit(v)) | bit(o.to)]!;
        if (o.acceptance === 0) continue;
        assert.ok(j >= 0, 'an accepted move leads to a valid configuration');
        row.set(j, (row.get(j) ?? 0) + o.probability * o.acceptance / nS);
        rowN.set(j, (rowN.get(j) ?? 0) + o.probability / nS);
      }
    }
    let out = 0;
    for (const p of row.values()) out += p;
    assert.ok(out <= 1 + 1e-12, `probabilities out of a state sum to ${out}`);
    P.push(row); Pnoh.push(rowN);
  }
  const pi = states.map((st) => Math.exp(-st.E / kT));
  const worst = (T: Map<number, number>[]): { rel: number; pairs: number } => {
    let rel = 0, pairs = 0;
    T.forEach((row, a) => {
      for (const [b, pab] of row) {
        if (a === b) continue;
        const fa = pi[a]! * pab, fb = pi[b]! * (T[b]!.get(a) ?? 0);
        rel = Math.max(rel, Math.abs(fa - fb) / Math.max(fa, fb));
        pairs++;
      }
    });
    return { rel, pairs };
  };
  const db = worst(P), noH = worst(Pnoh);
  assert.ok(sites.length === 18 && states.length > 5000, `${states.length} valid states`);
  assert.ok(hastingsMatters > 0, 'some states have a fully enclosed atom (|S| < 6)');
  assert.ok(db.pairs > 50000, `${db.pairs} transitions`);
  assert.ok(db.rel < 1e-9, `detailed balance violated by ${db.rel} (relative)`);
  assert.ok(noH.rel > 1e-2, `without the Hastings factor the check must fail (violation ${noH.rel})`);
});

test('a run visits the energy levels of the six-atom system with the exact Boltzmann frequencies', () => {
  const { lat, ep, kT, states, nxy } = tinySystem();
  const key = (e: number): number => Math.round(e * 1e6);
  const exact = new Map<number, number>();
  let z = 0;
  for (const st of states) { const w = Math.exp(-st.E / kT); z += w; exact.set(key(st.E), (exact.get(key(st.E)) ?? 0) + w); }
  const start = new Uint8Array(lat.n);
  start.fill(HOST_BASE, 0, nxy);
  for (let k = 0; k < 6; k++) start[nxy + k] = METAL;
  const s = new IslandSampler(lat, start, ep, kT, new Rng(1));
  const seen = new Map<number, number>();
  const n = 400000;
  s.run(1000);
  for (let k = 0; k < n; k++) { s.step(); seen.set(key(s.energy_eV), (seen.get(key(s.energy_eV)) ?? 0) + 1); }
  let tv = 0;
  for (const k of new Set([...exact.keys(), ...seen.keys()])) tv += Math.abs((exact.get(k) ?? 0) / z - (seen.get(k) ?? 0) / n) / 2;
  assert.ok(exact.size >= 8, `${exact.size} energy levels`);
  assert.ok(tv < 0.02, `total variation distance ${tv}`);
});

test('the ground-state enumeration counts bonds like the sampler', () => {
  const L = 40, NZ = 30, lat = new CubicLattice(L, L, NZ, false);
  const cases: [number, number][] = [[256, 0.25], [2000, 0.5], [1234, 0.75], [2000, 0.25]];
  for (const [N, eps] of cases) {
    const gs = islandGroundState(N, E_MM, eps * E_MM);
    const code = new Uint8Array(lat.n);
    code.fill(HOST_BASE, 0, L * L);
    assert.equal(writeBlock(code, L, gs), N);
    const E = configurationEnergy(lat, code, bondTable(energyPhys(eps * E_MM)));
    assert.ok(Math.abs(E - gs.energy_eV) < 1e-9, `${N} atoms on ${eps}: ${gs.shape} formula ${gs.energy_eV} vs count ${E}`);
    assert.ok(Math.abs(-E_MM * blockBonds(gs) - eps * E_MM * gs.a * gs.b - E) < 1e-9);
  }
  // 256 atoms: the 8 x 8 x 4 block on both the 0.25 and the 0.5 host (the previous study's finding)
  assert.equal(islandGroundState(256, E_MM, 0.025).shape, '8 x 8 x 4');
  assert.equal(islandGroundState(256, E_MM, 0.05).shape, '8 x 8 x 4');
});
