/**
 * params/sets.ts (the zod-free part of the registry, which the nucleation command loads alone) builds
 * the built-in sets with the same derivation as registry.ts' buildParamSets: the two must agree, and
 * a user set derived through buildParamSets must still see the derivation (a SAC on a user host).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinSets as setsBuiltin, deriveHosts, deriveSacs } from '../src/params/sets.js';
import { buildParamSets, builtinSets, METALS, DEFAULT_BINDING_SCALE } from '../src/params/index.js';

test('the built-in sets of sets.ts equal buildParamSets() without user sets, and the registry re-exports the same object', () => {
  assert.deepEqual(setsBuiltin(), buildParamSets());
  assert.equal(builtinSets(), setsBuiltin());
});

test('deriveHosts / deriveSacs are the derivation buildParamSets applies (a bindingScale reaches the SACs)', () => {
  const metals = structuredClone(METALS);
  const hosts = deriveHosts(metals);
  assert.deepEqual(hosts, buildParamSets().hosts);
  const scaled = buildParamSets({ user: { bindingScale: 0.5 } });
  assert.deepEqual(deriveSacs(hosts, metals, 0.5), scaled.sacs);
  assert.notDeepEqual(deriveSacs(hosts, metals, DEFAULT_BINDING_SCALE), scaled.sacs);
});
