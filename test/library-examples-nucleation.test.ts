/**
 * docs/api.md's nucleation example (examples/library/nucleation.mjs) runs as written, and what it
 * prints is what nucleation() gives when asked again of the same store (the cached atomistic data:
 * the same numbers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nucleation } from '../src/nucleation/index.js';
import { openStore } from '../src/store/index.js';
import { EXAMPLE_DB, printed, runExample } from './helpers/examples.js';

const close = (a: number, b: number, digits: number) => Math.abs(a - b) <= 0.5 * 10 ** -digits + 1e-12;

test('nucleation.mjs: the SAC by its numbers, as nucleation() gives it from the same store', async () => {
  const out = await runExample('nucleation.mjs');
  assert.ok(out.some((l) => /^ {2}host eta \d+ mV: /.test(l)), 'progress lines of the atomistic stage');
  const store = openStore(EXAMPLE_DB);
  try {
    const r = nucleation({
      metal: 'Li', host: 'graphene', sac: { binding_eV: -2.0, reference_eV: -1.2, element: 'Zn' }, loading: '1 wt%',
      current_A_per_m2: 10, capacity_C_per_m2: 720, atomistic: { runs: 4, L: 8, target: 12, maxEvents: 5000 },
    }, store);
    assert.equal(r.atomistic?.cached, true, 'the example kept its atomistic stage in the default store');
    assert.ok(close(printed(out, 'nucleation overpotential'), r.nucleation_overpotential_mV, 3));
    assert.ok(close(printed(out, 'plateau overpotential'), r.plateau_overpotential_mV, 3));
    assert.ok(close(printed(out, 'nuclei at the peak'), r.nucleus_density_per_um2.at_peak, 3));
  } finally { store.close(); }
});
