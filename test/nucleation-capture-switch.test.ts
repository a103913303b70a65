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
import { atomisticKey, atomisticSource, atomisticStage, resolveStudy, type AtomisticOptions } from '../src/nucleation/index.js';
import { openApiDocument } from '../src/server/openapi.js';
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

test('capture in the API schema: exactly the values the body accepts (true, false, on, off)', () => {
  const doc = openApiDocument() as { components: { schemas: { NucleationRequest: { properties: { capture: { enum?: unknown[]; type?: string } } } } } };
  const schema = doc.components.schemas.NucleationRequest.properties.capture;
  assert.deepEqual(schema.enum, [true, false, 'on', 'off']);
  assert.equal(schema.type, undefined, 'no type: boolean beside the enum (it would refuse on and off)');
  const body = { runs: 'runs', box: 'box', target: 'target', maxEvents: 'max_events', plain: 'plain', capture: 'capture' };
  for (const v of schema.enum!) assert.doesNotThrow(() => atomisticOf(body, { capture: v }), `schema value ${JSON.stringify(v)}`);
  for (const v of ['yes', 'true', 1, 0, null]) assert.throws(() => atomisticOf(body, { capture: v }), InputError, `body capture ${JSON.stringify(v)}`);
});

test('capture from a library caller: a non-boolean is one InputError naming atomistic.capture, before any run', () => {
  const s = resolveStudy({ metal: 'Li', host: 'graphene' });
  for (const v of ['off', 'on', 0, 1, null]) {
    const opts = { ...TINY, capture: v } as unknown as AtomisticOptions;
    const refused = (e: unknown) => e instanceof InputError && e.message === `atomistic.capture: got ${JSON.stringify(v)}, expected true or false (divide J(eta) by the lattice capture factor; default true)`;
    assert.throws(() => atomisticStage(s, opts), refused, `atomisticStage, capture ${JSON.stringify(v)}`);
    assert.throws(() => atomisticSource({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, atomistic: opts }), refused, `atomisticSource, capture ${JSON.stringify(v)}`);
  }
});
