/**
 * params/sets.ts (the zod-free part of the registry, which the nucleation command loads alone) builds
 * the built-in sets with the same derivation as registry.ts' buildParamSets: the two must agree, and
 * a user set derived through buildParamSets must still see the derivation (a SAC on a user host).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinSets as setsBuiltin, deriveHosts, deriveSacs } from '../src/params/sets.js';
import { buildParamSets, builtinSets, METALS, DEFAULT_BINDING_SCALE } from '../src/params/index.js';
import { builtinSets as registryBuiltin } from '../src/params/registry.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from './helpers/cli.js';
import { tempFolder } from './helpers/tmp.js';

test('the built-in sets of sets.ts equal buildParamSets() without user sets; the registry re-exports the same object, the library a copy', () => {
  assert.deepEqual(setsBuiltin(), buildParamSets());
  assert.equal(registryBuiltin(), setsBuiltin());
  // the library's builtinSets() is a copy since polish65b (a script's change to it must not reach later runs)
  assert.deepEqual(builtinSets(), setsBuiltin());
  assert.notEqual(builtinSets(), setsBuiltin());
});

test('deriveHosts / deriveSacs are the derivation buildParamSets applies (a bindingScale reaches the SACs)', () => {
  const metals = structuredClone(METALS);
  const hosts = deriveHosts(metals);
  assert.deepEqual(hosts, buildParamSets().hosts);
  const scaled = buildParamSets({ user: { bindingScale: 0.5 } });
  assert.deepEqual(deriveSacs(hosts, metals, 0.5), scaled.sacs);
  assert.notDeepEqual(deriveSacs(hosts, metals, DEFAULT_BINDING_SCALE), scaled.sacs);
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before its fix.
const tmp = tempFolder('params-sets');
const run = (...args: string[]) => cli(args, { cwd: tmp });

test('a user-defined SAC set whose element is not an element symbol is refused in one line naming the field and value (exit 2)', async () => {
  const input = (element: string) => ({
    metal: 'Li', lattice: { size: [6, 6, 8], voxel: '10 nm' }, host: 'graphene', seed: 1,
    parameters: { sacs: { 'My-N4': { element, metals: { Li: { binding: '0.5 eV' } } } } },
    sacs: [{ site: 'My-N4', loading: '2 %' }], protocol: ['Plate 0.0001 mAh/cm2 at 1 mA/cm2'],
  });
  fs.writeFileSync(path.join(tmp, 'xx.json'), JSON.stringify(input('Xx')));
  const r = await run('simulate', 'xx.json', '--no-store');
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /parameters\.sacs\.My-N4\.element: got "Xx", expected an element symbol, e\.g\. Fe, Co, Zn$/m);
  fs.writeFileSync(path.join(tmp, 'fe.json'), JSON.stringify(input('fe')));
  const f = await run('simulate', 'fe.json', '--no-store');
  assert.equal(f.code, 2, f.stderr);
  assert.match(f.stderr, /element: got "fe", expected an element symbol.*did you mean "Fe"/);
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before its fix.
test('the element symbols a SAC set is checked against are the 118 of data/elements/elements.csv', async () => {
  const { ELEMENT_SYMBOLS } = await import('../src/params/element-symbols.js');
  const { loadElements } = await import('../src/evidence/elements.js');
  assert.deepEqual([...ELEMENT_SYMBOLS].sort(), [...loadElements().keys()].sort());
});
