/**
 * The temperature laws of the parameter sets (issue 10, must show 4): the exchange current density
 * of M+/M and the electrolyte's salt diffusivity and conductivity are no longer held at their
 * 25 degC values. i0(T) = i0(25 degC) exp(-Ea/k (1/T - 1/298.15 K)) with Ea = 0.58 eV for Li
 * (56 kJ/mol, J. Chem. Soc. Faraday Trans. 1 82, 179 (1986)); LiPF6-EC-DMC follows the Valoen-Reimers
 * fit, the other sets Arrhenius with their (assumed) energies. Factors stated here, computed by
 * hand: i0 at 253.15 K is 0.0181 of its 25 degC value, at 263.15 K 0.0497; the Valoen-Reimers D at
 * 1 M and 263.15 K is 3.14e-7 cm2/s (0.0976 of 3.22e-6 at 25 degC). No simulation is run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { derive } from '../src/simulation/setup.js';
import { InputError } from '../src/errors.js';

const KB = 8.617333262e-5;
const base = { metal: 'Li', lattice: { size: [8, 8, 8], voxel: '100 nm' }, host: 'Cu', protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'], seed: 1 };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

test('i0 and the per-site exchange rate k0 scale by the Arrhenius factor of 0.58 eV at 253.15 K; 0 eV turns the scaling off', () => {
  const warm = parseRunInput({ ...base, temperature: '25 degC' });
  const cold = parseRunInput({ ...base, temperature: '253.15 K' });
  assert.equal(warm.metal.i0_A_per_m2, 10, '1 mA/cm2 at 25 degC, unchanged');
  const factor = Math.exp(-(0.58 / KB) * (1 / 253.15 - 1 / 298.15));
  assert.ok(Math.abs(factor - 0.0181) < 0.0001, `stated factor 0.0181, computed ${factor}`);
  assert.ok(rel(cold.metal.i0_A_per_m2, 10 * factor) < 1e-12, `i0 at 253.15 K: ${cold.metal.i0_A_per_m2} A/m2`);
  assert.ok(rel(derive(cold).k0_per_s / derive(warm).k0_per_s, factor) < 1e-12, 'k0 follows i0');
  assert.ok(rel(parseRunInput({ ...base, temperature: '-10 degC' }).metal.i0_A_per_m2, 10 * 0.0497) < 0.002, 'i0 at -10 degC: 0.0497 of 25 degC');
  const off = parseRunInput({ ...base, temperature: '253.15 K', kinetics: { exchangeActivationEnergy: '0 eV' } });
  assert.equal(off.metal.i0_A_per_m2, 10);
  assert.throws(() => parseRunInput({ ...base, kinetics: { exchangeActivationEnergy: '-1 eV' } }),
    (e: unknown) => e instanceof InputError && /kinetics\.exchangeActivationEnergy/.test(e.message));
});

test('electrolyte D and kappa at the run temperature: Valoen-Reimers for LiPF6-EC-DMC, Arrhenius for the others; refused where the fit does not hold', () => {
  const el = (T: string, e = 'LiPF6-EC-DMC') => parseRunInput({ ...base, temperature: T, electrolyte: e }).transport!.electrolyte;
  const w = el('25 degC'), c = el('263.15 K');
  assert.ok(Math.abs(w.D_m2_per_s / 3.22e-10 - 1) < 0.002, `D at 25 degC ${w.D_m2_per_s}`);
  assert.ok(Math.abs(c.D_m2_per_s / 3.14e-11 - 1) < 0.002, `D at 263.15 K ${c.D_m2_per_s}: stated 3.14e-7 cm2/s`);
  assert.ok(c.kappa_S_per_m < w.kappa_S_per_m, 'kappa falls in the cold');
  assert.equal(c.tPlus, w.tPlus, 't+ held constant');
  // an Arrhenius set: LiPF6-EC-EMC, D 1.77e-6 cm2/s at 25 degC, its assumed energy printed by `sacplate params show`
  const e25 = el('25 degC', 'LiPF6-EC-EMC'), e253 = el('253.15 K', 'LiPF6-EC-EMC');
  const ratio = e253.D_m2_per_s / e25.D_m2_per_s, ea = -Math.log(ratio) * KB / (1 / 253.15 - 1 / 298.15);
  assert.ok(Math.abs(ea - 0.45) < 1e-9, `Arrhenius energy of D recovered from the two runs: ${ea} eV`);
  assert.throws(() => el('253.15 K'), (e: unknown) => e instanceof InputError && /^electrolyte: got "LiPF6-EC-DMC", expected .*Valoen-Reimers/.test(e.message));
});
