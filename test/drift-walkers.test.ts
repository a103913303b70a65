/**
 * Ion walkers on a clock with migration drift (fields/drift-walkers.ts, fields/potential.ts,
 * `cell: { transport: walkers, drift: ... }`): the potential solver against two analytic cases, the
 * walkers' drift velocity against mu E (Einstein mobility) and their diffusion coefficient against
 * D, and the run option. Pulse against DC is measured in `npm run validate -- walker-pulse`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElectrodePotential } from '../src/fields/potential.js';
import { IonCloud } from '../src/fields/drift-walkers.js';
import { EMPTY, METAL } from '../src/lattice/voxel.js';
import { Rng } from '../src/kmc/rng.js';
import { InputError } from '../src/errors.js';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { Simulation } from '../src/simulation/simulation.js';
import { driftWalkerStats } from '../src/simulation/drift-walker-step.js';

test('potential: parallel plates (a flat deposit under the u = 1 plane) give the linear solution within 1e-3, from a wrong start', () => {
  const size: [number, number, number] = [16, 16, 64];
  const code = new Uint8Array(16 * 16 * 64).fill(EMPTY);
  for (let v = 0; v < 16 * 16 * 10; v++) code[v] = METAL; // z < 10: conductor rows 0-4 (cell 2)
  const p = new ElectrodePotential(size, 2);
  p.markConductors(code);
  p.solve();
  // nodes at cell centres; the last conductor row is k = 4, the u = 1 plane is the ghost row k = 32
  let worst = 0;
  for (let k = 5; k < p.gz; k++) for (let n = 0; n < p.gx * p.gy; n++) worst = Math.max(worst, Math.abs(p.u[k * p.gx * p.gy + n]! - (k - 4) / 28));
  assert.ok(worst < 1e-3, `largest error ${worst}`);
  assert.ok(Math.abs(p.gTop * 56 - 1) < 1e-3, `field at the top ${p.gTop}, expected 1/56 per voxel`);
});

test('potential: around a hemispherical boss on a plane the field follows E0 (1 + 2 R^3 / r^3) on the axis (analytic) within 6 %, and is amplified at the apex', () => {
  // conductor: the plane z < 4 and a hemisphere of radius R = 6 voxels on it (voxel centres within R); the u = 1 plane
  // 60 above (L/R = 10: its correction ~ (R/L)^3 = 0.1 %); periodic images 48 voxels apart (~ (R/48)^3 = 0.2 %).
  // The staircase surface is uncertain by half a voxel, so the comparison starts 2.5 voxels above the apex;
  // at the apex itself the central difference spans two cells (the analytic field averages 2.3 E0 over them).
  const nx = 48, nz = 64, R = 6, z0 = 4, c = 24;
  const code = new Uint8Array(nx * nx * nz).fill(EMPTY);
  for (let z = 0; z < nz; z++) for (let y = 0; y < nx; y++) for (let x = 0; x < nx; x++) {
    const dx = x + 0.5 - c, dy = y + 0.5 - c, dz = z + 0.5 - z0;
    if (z < z0 || dx * dx + dy * dy + dz * dz <= R * R) code[x + nx * y + nx * nx * z] = METAL;
  }
  const p = new ElectrodePotential([nx, nx, nz], 1);
  p.markConductors(code);
  p.solve();
  const field = (x: number, y: number, z: number) => p.grad[3 * p.nodeAt(x, y, z) + 2]! / p.gTop;
  for (let z = z0 + R + 2; z < z0 + R + 10; z++) {
    const r = z + 0.5 - z0, analytic = 1 + (2 * R ** 3) / r ** 3;
    assert.ok(Math.abs(field(c, c, z) / analytic - 1) < 0.06, `r = ${r}: field ${field(c, c, z).toFixed(3)} E0, analytic ${analytic.toFixed(3)} E0`);
  }
  assert.ok(field(c, c, z0 + R) > 2, `apex ${field(c, c, z0 + R).toFixed(3)} E0`);
  // far from the boss (the box's corner) the field is the far field
  assert.ok(Math.abs(field(0, 0, 20) - 1) < 0.03, `corner ${field(0, 0, 20).toFixed(3)} E0`);
});

test('walkers in a uniform field drift at mu E (Einstein mobility) within 5 %, and diffuse with D within 8 % without it', () => {
  // Li in 1 M LiPF6 (D = 3.22e-10 m2/s), voxels of 20 nm, 298.15 K, far field 2.5e5 V/m: bias a e E / (2 kT) = 0.0973
  const a = 20e-9, D = 3.22e-10, kT = 8.617333262e-5 * 298.15, E = 2.5e5;
  const beta0 = (a * E) / (2 * kT);
  const size: [number, number, number] = [16, 16, 128];
  const K = 400, N = 4000;
  const tau = (a * a) / (6 * D);
  for (const b of [beta0, 0]) {
    const code = new Uint8Array(16 * 16 * 128).fill(EMPTY); // no conductor anywhere: the field is the plates' uniform field
    const cloud = new IonCloud(code, size, new Rng(7), { beta0: b, relaunch: 1e9 });
    for (let i = 0; i < N; i++) cloud.add(i % 16, (i >> 4) % 16, 64);
    cloud.run(K, true);
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const dz = cloud.zs[i]! - 64; s += dz; s2 += dz * dz; }
    const mean = s / N, variance = s2 / N - mean * mean;
    if (b > 0) {
      const v = (-mean * a) / (K * tau); // m/s, towards the electrode
      const muE = (D / kT) * E; // Einstein: mu = D e / kT
      assert.ok(Math.abs(v / muE - 1) < 0.05, `drift ${v.toExponential(4)} m/s, mu E ${muE.toExponential(4)} m/s`);
    } else {
      // 2 D t per axis: K tau * 2 D / a^2 = K / 3 voxels^2; the mean is 0 within 4 standard errors
      assert.ok(Math.abs(variance / (K / 3) - 1) < 0.08, `variance ${variance.toFixed(2)} voxels^2, expected ${(K / 3).toFixed(2)}`);
      assert.ok(Math.abs(mean) < 4 * Math.sqrt(K / 3 / N), `mean ${mean}`);
    }
  }
});

const run = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  metal: 'Li', host: 'Cu', lattice: { size: [16, 16, 64], voxel: '20 nm' },
  electrolyte: 'LiPF6-EC-DMC', cell: { transport: 'walkers', drift: '0.0004 S/m' },
  protocol: ['Pulse at 10 mA/cm2 for 1 ms, rest 3 ms, 0.002 mAh/cm2'], seed: 3, output: { snapshots: false }, ...patch,
});

test('walkers on a clock: a pulse step deposits its charge in the on times, on the walkers\' clock, with the field E0 = J / kappa', () => {
  let sim: Simulation | undefined;
  const r = simulate(run(), { onSimulation: (s) => { sim = s; } });
  const m = r.metrics, st = driftWalkerStats(sim!)!;
  const area = (16 * 20e-9) ** 2, q = m.charge_per_voxel_C;
  const target = Math.round((0.002 * 3.6 * 1e4 * area) / q);
  assert.deepEqual(m.steps_ended, ['charge']);
  assert.equal(m.deposited_voxels, target);
  // sweep time a^2 / (6 D), the far field J / kappa = 100 A/m2 / 4e-4 S/m
  assert.ok(Math.abs(st.tau_s / (400e-18 / (6 * 3.22e-10)) - 1) < 0.01, `tau ${st.tau_s}`);
  assert.ok(Math.abs(st.E0_V_per_m - 2.5e5) < 1, `E0 ${st.E0_V_per_m}`);
  assert.equal(st.onSweeps, Math.round(1e-3 / st.tau_s));
  assert.equal(st.offSweeps, Math.round(3e-3 / st.tau_s));
  // the galvanostat lets in I t_on / q walkers per pulse: by the end as many entered as were reduced or are in flight
  assert.equal(st.injected, target + st.inFlight);
  // average current 2.5 mA/cm2: the step lasts charge / 2.5 mA/cm2, give or take a period and the last walkers' flight
  const tAvg = (0.002 * 3.6) / 2.5e-3;
  assert.ok(Math.abs(m.time_s - tAvg) < 0.1 * tAvg, `time ${m.time_s} s, charge / average current ${tAvg} s`);
  assert.ok(st.restSweeps > 0.7 * st.sweeps, `rest sweeps ${st.restSweeps} of ${st.sweeps}`);
  assert.ok(m.walkers?.drift && m.walkers.drift.potential_solves > 0);
  // same seed, same run
  const again = simulate(run(), {});
  assert.equal(again.metrics.max_height_nm, m.max_height_nm);
  assert.equal(again.metrics.walkers!.random_walk_steps, m.walkers!.random_walk_steps);
});

test('cell.drift: refused without walkers, with a bad value, and pulses without it; accepted forms', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ cell: { drift: '0.01 S/m' } }, /^cell\.drift: got "0\.01 S\/m", expected cell\.drift needs cell\.transport: walkers/],
    [{ cell: { transport: 'walkers', drift: '3 mA' } }, /^cell\.drift: got "3 mA", expected .*conductivity/],
    [{ cell: { transport: 'walkers', drift: 'on' } }, /^cell\.drift: got "on", expected off \(walkers on a clock, no drift\), electrolyte/],
    [{ cell: { transport: 'walkers' } }, /^protocol\[0\]: .*not a pulse .*add cell\.drift/],
    [{ cell: { transport: 'walkers', drift: 'off', drift_cell: '30 nm' } }, /^cell\.drift_cell: got "30 nm", expected the potential grid's cell edge: a whole number of voxels/],
    [{ cell: { transport: 'walkers', drift_cell: '20 nm' } }, /^cell\.drift_cell: got "20 nm", expected cell\.drift_cell needs cell\.drift/],
  ];
  for (const [patch, re] of bad) {
    assert.throws(() => parseRunInput(run(patch)), (e: unknown) => e instanceof InputError && re.test(e.message), JSON.stringify(patch));
  }
  assert.equal(parseRunInput(run({ cell: { transport: 'walkers', drift: 'off' } })).transport?.drift?.kappa_S_per_m, null);
  const k = parseRunInput(run({ cell: { transport: 'walkers', drift: 'electrolyte' } })).transport!;
  assert.equal(k.drift?.kappa_S_per_m, k.electrolyte.kappa_S_per_m);
  assert.equal(parseRunInput(run({ cell: { transport: 'walkers', drift: '4 mS/cm' } })).transport?.drift?.kappa_S_per_m, 0.4);
  assert.equal(parseRunInput(run({ cell: { transport: 'walkers', drift: 'off', drift_cell: '40 nm' } })).transport?.drift?.cell_voxels, 2);
});
