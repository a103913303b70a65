/**
 * One sign convention for the DFT energies the parameter sets store (the computational chemist's:
 * an adsorption / binding energy is negative, more negative = binds more strongly), whatever sign
 * the review printed; and the derived model binding follows it: a SAC whose stored DFT binding is
 * more negative than its same-study substrate's binds the adatom more strongly than that host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAC_SPECS, HOST_SPECS, builtinSets } from '../src/params/index.js';

const isBinding = (key: string) => /binding|adsorption/i.test(key);

test('every stored DFT binding/adsorption energy is negative (more negative = binds more strongly), in eV', () => {
  const seen: string[] = [];
  const check = (where: string, dft: Record<string, { value: number; unit: string }> | undefined) => {
    for (const [k, v] of Object.entries(dft ?? {})) {
      if (!isBinding(k)) continue;
      seen.push(`${where}.${k}`);
      assert.equal(v.unit, 'eV', `${where}.${k} unit`);
      assert.ok(v.value < 0, `${where}.${k} = ${v.value} eV: a binding energy is stored with the DFT sign (negative)`);
    }
  };
  for (const s of SAC_SPECS) for (const [m, ms] of Object.entries(s.metals)) check(`${s.name}.metals.${m}.dft`, ms!.dft);
  for (const h of HOST_SPECS) for (const [m, d] of Object.entries(h.dft ?? {})) check(`${h.name}.dft.${m}`, d);
  assert.ok(seen.length >= 15, `binding energies found: ${seen.length}`);
});

test('the derived model binding is larger than the reference host\'s exactly where the DFT binding is more negative than the substrate\'s', () => {
  const sets = builtinSets();
  let n = 0;
  for (const s of SAC_SPECS) {
    for (const [m, ms] of Object.entries(s.metals)) {
      if (!ms || !ms.sacKey || !ms.refKey) continue;
      const eSac = ms.dft[ms.sacKey]!.value, eRef = ms.dft[ms.refKey]!.value;
      const model = sets.sacs[s.name]!.metals[m as 'Li']!.binding.value;
      const host = sets.hosts[ms.refHost]!.metals[m as 'Li']!.binding.value;
      assert.equal(Math.sign(model - host), Math.sign(eRef - eSac), `${s.name} ${m}: DFT ${eSac} vs ${eRef} eV, model ${model} vs host ${host} eV`);
      n++;
    }
  }
  assert.ok(n >= 6, `same-study pairs checked: ${n}`);
});
