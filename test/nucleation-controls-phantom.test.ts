/**
 * Issue 15, must show 3, on the default exclusion-zone overlap (`phantom`, branch zones) with the laws the atomistic
 * stage fitted for Li on graphene (the numbers of test/nucleation-plateau.test.ts and nucleation-binding-control),
 * Bronsted rule, plateau `flat`, 1 mA/cm2. The tests of these controls that use the atomistic law run with
 * `zoneOverlap: 'random'` (the overlap their claims were made with); this file holds them on the default
 * (audit15; the study nucleation-plateau measures the same under the atomistic runs themselves: twin -0.022 mV,
 * rises 9e-9 and 0 mV). Claims, stated before the first run: a SAC with the host's numbers (binding -2.37 eV against
 * -2.37 eV) gives the host's nucleation overpotential within 1 mV; a SAC binding -3.0 eV at 1 wt% and at 5 wt%
 * does not raise it by more than 0.2 mV (the stage's resolution: eta moves at most 0.2 mV per step), nor does 5 wt%
 * against 1 wt%. Deterministic (no seeds). Measured (19:01 UTC, after the claims): host 73.830, twin 73.808, -3.0 eV at
 * 1 wt% 70.891, at 5 wt% 70.534 mV (the study's figures to the last digit shown); under `random` 66.618, 66.618, 65.550,
 * 65.269. The four runs cost 2.6 s of CPU for the file, over the suite's budget, so the file keeps the pair that failed
 * under the earlier plateau rule (host against -3.0 eV at 1 wt%); the twin is held by nucleation-cli (through the CLI,
 * default overlap) and more sites by nucleation-electrode's sea test (default overlap, its own law).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plateauSpec } from '../src/nucleation/plateau.js';
import { liOnGraphene } from './helpers/li-graphene.js';

const I = 10, Q = 720; // 1 mA/cm2, 0.02 mAh/cm2 requested (flat reads on past it)

function nucleationMv(sac?: { binding_eV: number; loading: string }): number {
  // the default overlap (no zoneOverlap); a SAC binding -2.37 eV is graphene's twin (no SAC law)
  const r = liOnGraphene({ ...(sac ? { sac } : {}), current_A_per_m2: I, capacity_C_per_m2: Q, samples: 50, plateau: plateauSpec('flat', Q, I) });
  return r.nucleation_overpotential_V * 1e3;
}

test('must show 3 on the default phantom overlap: a SAC binding -3.0 eV against -2.37 eV does not raise the nucleation overpotential by more than 0.2 mV', () => {
  const host = nucleationMv();
  const strong = nucleationMv({ binding_eV: -3.0, loading: '1 wt%' });
  const txt = `host ${host.toFixed(3)}, -3.0 eV at 1 wt% ${strong.toFixed(3)} mV`;
  assert.ok(strong <= host + 0.2, txt);
  assert.ok(host > 10, txt); // a host with a nucleation overpotential to lower
});
