/**
 * The capture correction in production (issue 15, acceleration): the atomistic stage divides each
 * overpotential's rate by the lattice capture factor E of its own runs (capture.ts), with a switch
 * (AtomisticOptions.capture, --capture on|off, body capture). Checked here on a tiny scan (Li on
 * graphene, 6 x 6 sites, 4 runs per overpotential, 3000 events per run, stop at 10 atoms): the same
 * runs either way (recording the clusters draws nothing), so J with the correction is J without it
 * divided by E, point by point, to rounding; and the store never serves one for the other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomisticKey, atomisticStage, resolveStudy } from '../src/nucleation/index.js';
import { atomisticOf } from '../src/nucleation/cases.js';
import { openStore } from '../src/store/index.js';
import { InputError } from '../src/errors.js';

const TINY = { runs: 4, L: 6, target: 10, maxEvents: 3000 };

test('capture switch: corrected J = uncorrected J / E at every overpotential (same runs), and the cache keeps the two apart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-capture-switch-'));
  const store = openStore(join(dir, 's.db'));
  try {
    const s = resolveStudy({ metal: 'Li', host: 'graphene' });
    const on = atomisticStage(s, TINY, store);
    const off = atomisticStage(s, { ...TINY, capture: false }, store);
    assert.equal(on.cached, false);
    assert.equal(off.cached, false, 'the uncorrected law is not served for the corrected one');
    assert.equal(on.options.capture, true, 'on by default');
    assert.notEqual(on.key, off.key);
    assert.ok(on.host.points.length >= 3, `${on.host.points.length} activated points`);
    assert.deepEqual(on.host.points.map((p) => p.eta_V), off.host.points.map((p) => p.eta_V));
    on.host.points.forEach((p, i) => {
      const q = off.host.points[i]!;
      assert.equal(p.rate_per_s, q.rate_per_s, 'the same runs: the same reservoir box rate');
      assert.equal(q.capture_factor, 1);
      // Li on graphene: lambda ~ 3e4 sites, E ~ 30 (a sea-carried growth); > 1 whenever the sea returns anything
      assert.ok(p.capture_factor > 1, `E ${p.capture_factor} at ${p.eta_V} V`);
      assert.ok(Math.abs((p.J_per_site_s * p.capture_factor) / q.J_per_site_s - 1) < 1e-12, `${p.J_per_site_s} x ${p.capture_factor} vs ${q.J_per_site_s}`);
    });
    // the law is fitted on the corrected points: its prefactor moves by the mean ln E of the law's points, the barrier by their trend
    assert.ok(on.host.law && off.host.law);
    assert.ok(on.host.law.lnK < off.host.law.lnK);
    // each read back as itself
    const onAgain = atomisticStage(s, TINY, store), offAgain = atomisticStage(s, { ...TINY, capture: false }, store);
    assert.equal(onAgain.cached, true);
    assert.equal(offAgain.cached, true);
    assert.deepEqual(onAgain.host.points.map((p) => p.J_per_site_s), on.host.points.map((p) => p.J_per_site_s));
    assert.deepEqual(offAgain.host.points.map((p) => p.J_per_site_s), off.host.points.map((p) => p.J_per_site_s));
    assert.equal(atomisticKey(s, on.options), on.key);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('capture switch: the CLI\'s on/off and the body\'s true/false; anything else, or on beside plain, is one line naming the field', () => {
  const f = { runs: '--runs', box: '--box', target: '--target', maxEvents: '--max-events', plain: '--plain', capture: '--capture' };
  assert.equal(atomisticOf(f, { capture: 'on' }), undefined, 'on is the default');
  assert.deepEqual(atomisticOf(f, { capture: 'off' }), { capture: false });
  assert.deepEqual(atomisticOf({ ...f, capture: 'capture' }, { capture: false }), { capture: false });
  assert.throws(() => atomisticOf(f, { capture: 'no' }), (e: unknown) => e instanceof InputError && /^--capture: got "no", expected on or off/.test(e.message));
  assert.throws(() => atomisticOf(f, { capture: 'on', plain: true }), (e: unknown) => e instanceof InputError && /^--capture: .*with --plain/.test(e.message));
  assert.deepEqual(atomisticOf(f, { capture: 'off', plain: true }), { reservoir: false, capture: false });
});
