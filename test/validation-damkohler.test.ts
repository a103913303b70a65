/**
 * Validation against published results (MODEL.md section 6; review Fig. 1D; Hao, Verma & Mukherjee,
 * ACS Appl. Mater. Interfaces 10, 26320, 2018): the competition between reduction and surface
 * diffusion sets the morphology. The Damkoehler number
 *   Da = deposition rate per site / hop rate of a free adatom on the metal terrace
 *      = (I a^2 / q) / (nu_eff exp(-E_d / kT))
 * is the control knob: fast reduction against slow diffusion (high Da) gives porous, rough deposits
 * with a large surface; fast diffusion (low Da) gives dense films.
 *
 * Set-up: Li parameters of test/helpers/runs.ts (the built-in Li values), Li foil host, 48 x 48
 * columns of 10 nm voxels, 8 monolayers at 30 mA/cm2 (30 x i0, so that re-oxidation, which smooths
 * the deposit on its own, stays a small correction). Da is varied over three decades by the hop
 * attempt frequency nu (1e11 to 1e8 1/s before the mesoscale (a0/a)^4 scaling), seeds 1 and 2.
 *
 * Measured on this machine (mean of seeds 1-2):
 *   Da       2.4e-4  2.4e-3  2.4e-2  2.4e-1  2.4     24      (nu = 0)
 *   porosity 0.0013  0.021   0.047   0.057   0.060   0.066   0.066
 *   surface  0.18    0.35    0.51    0.56    0.58    0.60    0.60   (faces per metal voxel)
 *   rms, nm  10.2    15.4    16.6    17.7    17.1    19.5    19.4
 * The test uses Da = 2.4e-3 ... 2.4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI } from './helpers/runs.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import type { ProtocolStep } from '../src/input/types.js';

const LI_FOIL = { name: 'Li', conducting: true, binding_eV: LI.bond_eV, redShift_eV: 0, terraceBarrier_eV: LI.terraceBarrier_eV };

function deposit(nu: number, seed: number) {
  const run = makeRun({
    size: [48, 48, 52], voxel_m: 10e-9, metal: { ...LI, nu_per_s: nu }, host: LI_FOIL,
    current: 30, monolayers: 8, samples: 20, seed,
  });
  const sim = new Simulation(run);
  sim.runAll();
  assert.equal(sim.stepResults[0]!.ended, 'charge');
  const F = ((run.protocol[0] as ProtocolStep).current_A_per_m2 * run.lattice.voxel_m ** 2) / sim.d.q_C;
  const hop = sim.d.nuHop_per_s * Math.exp(-LI.terraceBarrier_eV / sim.d.kT_eV);
  return { Da: F / hop, m: computeMetrics(sim) };
}

test('morphology competition: high Damkoehler number gives a more porous, rougher deposit than low Da', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'failed from physics v2 (rms no longer rose with Da: 20.6, 20.4, 18.6, 19.4 nm), passes again on 6a7bbb3 and later (run of the long-tests study, 2026-11-30); recorded by `npm run validate` (study long-tests)' }, (t) => {
  const rows = [1e11, 1e10, 1e9, 1e8].map((nu) => {
    const runs = [1, 2].map((seed) => deposit(nu, seed));
    const mean = (k: 'porosity' | 'specific_surface_area' | 'rms_roughness_nm') => runs.reduce((a, r) => a + r.m[k], 0) / runs.length;
    return { Da: runs[0]!.Da, porosity: mean('porosity'), surface: mean('specific_surface_area'), rms: mean('rms_roughness_nm') };
  });
  const text = rows.map((r) => `Da ${r.Da.toExponential(1)}: porosity ${r.porosity.toFixed(4)}, surface ${r.surface.toFixed(3)}, rms ${r.rms.toFixed(2)} nm`).join('; ');
  t.diagnostic(text);
  const lo = rows[0]!, hi = rows[rows.length - 1]!;
  assert.ok(hi.Da / lo.Da >= 999, `Da spans three decades: ${text}`);
  // more porous, more surface, rougher at high Da
  assert.ok(hi.porosity > 2 * lo.porosity && hi.porosity > 0.03, text);
  assert.ok(hi.surface > 1.3 * lo.surface, text);
  assert.ok(hi.rms > 1.05 * lo.rms, text);
  // the surface grows steadily with Da across the decades
  for (let k = 1; k < rows.length; k++) assert.ok(rows[k]!.surface > rows[k - 1]!.surface * 0.98, text);
});
