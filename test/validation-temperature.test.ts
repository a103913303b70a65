/**
 * Validation against published trends (issue 2, "Must show" 6): lowering the temperature at a
 * fixed current roughens the deposit.
 *
 * Runs go through `parseRunInput`, so the built-in Li parameter set is used unchanged (bond,
 * terrace barrier, Ehrlich-Schwoebel barrier, attempt frequency, i0); only the lattice and the
 * charge are chosen so that the runs finish in seconds: Li on a Li foil, 30 nm voxels (mesoscale
 * mode), 32 x 32 columns, 0.06 mAh/cm2 at 1 mA/cm2 (about 9.6 voxel layers). Lower temperature
 * slows the thermally activated hops (terrace, lateral bonds, step crossing) relative to the fixed
 * deposition flux, so atoms are buried before they find kinks or cross steps: the height field and
 * the metal-electrolyte surface both grow rougher.
 *
 * Measured on this machine (seeds 1-6, rms roughness in nm): 298 K 15.0-15.4, 253 K 15.8-17.8,
 * 233 K 16.8-18.8. The test averages seeds 1-2 and compares 298 K with 253 K and 233 K.
 * Since the exchange current density follows temperature (i0(T), 0.58 eV, params/metals.ts), the
 * exchange with the electrolyte slows in the cold too; seeds 1-2 give 15.01, 27.84 and 40.49 nm
 * (validation/studies/temperature-roughness.ts has the paired-seed intervals).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';

function deposit(temperature: string, seed: number) {
  const run = parseRunInput({
    metal: 'Li',
    temperature,
    lattice: { size: [32, 32, 40], voxel: '30 nm' },
    host: 'Li',
    protocol: ['Plate 0.06 mAh/cm2 at 1 mA/cm2'],
    seed,
    output: { snapshots: false },
  });
  const r = simulate(run);
  assert.deepEqual(r.metrics.steps_ended, ['charge'], `${temperature} seed ${seed}: the step passes its charge`);
  return r.metrics;
}

test('temperature: at 1 mA/cm2 the Li deposit is rougher at 253 K and 233 K than at 298 K', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : '12 s; failed from physics v2 until i0 followed temperature (rms 15.10, 15.19, 15.50 nm at 298, 253, 233 K, seeds 1-2), passes with i0(T) (15.01, 27.84, 40.49 nm); recorded by `npm run validate` (studies long-tests and temperature-roughness)' }, (t) => {
  const seeds = [1, 2];
  const at = (T: string) => {
    const ms = seeds.map((s) => deposit(T, s));
    const mean = (k: 'rms_roughness_nm' | 'specific_surface_area' | 'deposited_voxels') => ms.reduce((a, m) => a + m[k], 0) / ms.length;
    return { rms: mean('rms_roughness_nm'), ssa: mean('specific_surface_area'), voxels: mean('deposited_voxels') };
  };
  const warm = at('25 degC'), cool = at('253.15 K'), cold = at('233.15 K');
  // same charge at every temperature (galvanostatic): the comparison is at equal deposit
  assert.equal(warm.voxels, cold.voxels);
  assert.equal(warm.voxels, cool.voxels);
  const msg = `rms roughness 298 K ${warm.rms.toFixed(2)} nm, 253 K ${cool.rms.toFixed(2)} nm, 233 K ${cold.rms.toFixed(2)} nm`;
  t.diagnostic(`${msg}; specific surface area ${warm.ssa.toFixed(4)}, ${cool.ssa.toFixed(4)}, ${cold.ssa.toFixed(4)}`);
  assert.ok(cool.rms > warm.rms * 1.03, msg);
  assert.ok(cold.rms > warm.rms * 1.05, msg);
  // the surface (metal-electrolyte faces per metal voxel) grows with it
  assert.ok(cold.ssa > warm.ssa, `specific surface area 298 K ${warm.ssa.toFixed(4)}, 233 K ${cold.ssa.toFixed(4)}`);
});
