/**
 * The SAC's per-site rate under the capture correction. The SAC box's reservoir rate holds the host
 * sites' part and the SAC's, each overestimated by its own factor:
 *   box_res = E_h (L^2 - 1) J_h + E_s J_s = (L^2 - 1) J_h,res + E_s J_s,
 * so J_s = (box_res - (L^2 - 1) J_h,res) / E_s, with the host's uncorrected law, and the SAC is told
 * apart from a host site exactly where it is without the correction. Checked on a tiny scan (Li on
 * N-graphene + Zn-N4, 6 x 6 sites, 4 runs per overpotential, 2000 events per run, stop at 10 atoms;
 * about 1 s CPU): the same runs either way (recording the clusters draws nothing), so J_sac x E_sac
 * with the correction is J_sac without it at every SAC point, and the SAC's points with a rate are
 * the same. Subtracting the corrected host part from box_res / E_s (the v3 formula) scales the host
 * part by E_s / E_h and misses this by 12 % at 130 mV here (E_s 32.9 against the host's own).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atomisticStage, rateFromLaw, resolveStudy } from '../src/nucleation/index.js';

const TINY = { runs: 4, L: 6, target: 10, maxEvents: 2000 };

test('capture on a SAC: J_sac x E_sac = the uncorrected J_sac at every SAC point (same runs), the same points significant', () => {
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  const on = atomisticStage(s, TINY);
  const off = atomisticStage(s, { ...TINY, capture: false });
  const onSac = on.sac, offSac = off.sac;
  assert.ok(onSac && offSac);
  assert.ok(off.host.law, 'the host has a law: its part is subtracted');
  assert.deepEqual(onSac.points.map((p) => p.eta_V), offSac.points.map((p) => p.eta_V));
  assert.deepEqual(onSac.points.map((p) => p.J_per_site_s > 0), offSac.points.map((p) => p.J_per_site_s > 0), 'the SAC is significant at the same points');
  const sites = TINY.L * TINY.L;
  let subtracted = 0;
  onSac.points.forEach((p, i) => {
    const q = offSac.points[i]!;
    assert.equal(p.rate_per_s, q.rate_per_s, 'the same runs: the same reservoir box rate');
    assert.ok(p.capture_factor > 1, `E ${p.capture_factor} at ${p.eta_V} V`);
    if (q.J_per_site_s === 0) return;
    assert.ok(Math.abs((p.J_per_site_s * p.capture_factor) / q.J_per_site_s - 1) < 1e-9, `${p.J_per_site_s} x ${p.capture_factor} vs ${q.J_per_site_s} at ${p.eta_V} V`);
    subtracted = Math.max(subtracted, (rateFromLaw(off.host.law!, p.eta_V) * (sites - 1)) / p.rate_per_s);
  });
  // the check bites only where the host's part is a visible share of the box rate (here ~2-20 %)
  assert.ok(subtracted > 0.01, `the host's part is ${(subtracted * 100).toFixed(2)} % of the box rate at most`);
});
