/**
 * The `parameters:` block's shapes are zod 4 schemas (src/params/registry.ts): each mistake is
 * still the CLI's one line naming the field path, the value given and what was expected, and the
 * unit and range checks of values stay with the unit parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildParamSets } from '../src/params/registry.js';
import { InputError } from '../src/errors.js';

test('parameters: shape mistakes and value mistakes are one line naming field, value and what is expected', () => {
  const cases: [unknown, string][] = [
    [3, 'parameters: got 3, expected a map with any of: metals, hosts, sacs (user parameter sets), bindingScale'],
    [{ colour: 1 }, 'parameters.colour: got 1, expected no such key; allowed keys: metals, hosts, sacs, bindingScale'],
    [{ bindingScale: 5 }, 'parameters.bindingScale: got 5, expected a plain number from 0 to 4 (default 1: DFT energy differences as they are)'],
    [{ metals: [] }, 'parameters.metals: got [], expected a map of metal name -> set'],
    [{ hosts: { graphene: { conducting: 'yes' } } }, 'parameters.hosts.graphene.conducting: got "yes", expected true or false'],
    [{ hosts: { graphene: { metals: { Li: { binding: '0.3 eV', colour: 1 } } } } }, 'parameters.hosts.graphene.metals.Li.colour: got 1, expected no such key; allowed keys: binding, redShift, terraceBarrier, dft, reported'],
    [{ sacs: { 'Zn-N4': { element: 3 } } }, 'parameters.sacs.Zn-N4.element: got 3, expected a string'],
    [{ sacs: { 'Zn-N4': { source: { ref: 'a', assumed: 'yes' } } } }, 'parameters.sacs.Zn-N4.source.assumed: got "yes", expected true or false'],
    [{ hosts: { graphene: { source: 5 } } }, 'parameters.hosts.graphene.source: got 5, expected a source: a string, or {ref, where?, assumed?, note?}'],
    // values with units: the unit parser's and the range's messages
    [{ metals: { Li: { bond: '9 eV' } } }, 'parameters.metals.Li.bond: got "9 eV", expected a bond energy of 0 to 5 eV, e.g. "0.10 eV"'],
    [{ hosts: { newhost: { metals: { Li: { redShift: '0 eV' } } } } }, 'parameters.hosts.newhost.metals.Li.binding: got nothing (field missing), expected a binding energy of 0 to 5 eV (positive = bound), e.g. "0.30 eV"'],
  ];
  for (const [user, msg] of cases) {
    assert.throws(() => buildParamSets({ user }), (e: unknown) => e instanceof InputError && e.message === msg, `${JSON.stringify(user)} -> ${msg}`);
  }
  // a good block: sources kept, values in the user's own unit
  const sets = buildParamSets({ user: { hosts: { graphene: { source: { ref: 'doi:10.1/x', where: 'Table 1', assumed: false }, metals: { Li: { binding: { value: 0.3, unit: 'eV', source: 'doi:10.1/y' } } } } } } });
  // given: the user's own source, cited as a work whatever its words (audit33)
  assert.deepEqual(sets.hosts.graphene!.source, { ref: 'doi:10.1/x', where: 'Table 1', assumed: false, given: true });
  assert.deepEqual(sets.hosts.graphene!.metals.Li!.binding, { value: 0.3, unit: 'eV', source: { ref: 'doi:10.1/y', given: true } });
});
