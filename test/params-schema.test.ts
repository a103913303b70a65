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
    // mends126: the rule from DFT numbers follows the range
    [{ hosts: { newhost: { metals: { Li: { redShift: '0 eV' } } } } }, 'parameters.hosts.newhost.metals.Li.binding: got nothing (field missing), expected a binding energy of 0 to 5 eV (positive = bound), e.g. "0.30 eV": for a SAC, the host\'s binding + (|E_SAC| - |E_support|) of one DFT study (docs/parameters.md, "binding is the model\'s effective energy"; `sacplate params show Zn-N4` shows the arithmetic); DFT numbers as they are go to a screen\'s descriptors (binding_vs_support_eV) or nucleation\'s sac: { binding_eV, reference_eV }'],
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

test('parameters: a SAC set with only dft numbers is refused naming the rule that makes its binding from them, and that they are not converted (mends126; review90 F5)', () => {
  const src = { ref: 'doi:10.9999/mine.2026', where: 'Table 2' };
  const dft = { Li0_binding: { value: -2.95, unit: 'eV', source: src }, Li0_binding_graphene: { value: -2.05, unit: 'eV', source: src } };
  assert.throws(() => buildParamSets({ user: { sacs: { 'Cu-N4-mine': { element: 'Cu', metals: { Li: { dft } } } } } }), (e: unknown) => e instanceof InputError
    && e.field === 'parameters.sacs.Cu-N4-mine.metals.Li.binding' && /host's binding \+ \(\|E_SAC\| - \|E_support\|\)/.test(e.message)
    && /the `dft` numbers beside it are kept with the set, not converted/.test(e.message) && !e.message.includes('\n'), 'dft only');
  // given with a binding, the dft values are kept and noted as not read by the run (mends126, review90 F3)
  const sets = buildParamSets({ user: { sacs: { 'Cu-N4-mine': { element: 'Cu', metals: { Li: { binding: { value: 0.915, unit: 'eV', source: src }, dft } } } } } });
  const li = sets.sacs['Cu-N4-mine']!.metals.Li!;
  assert.equal(li.binding.value, 0.915);
  assert.match(li.dft!.Li0_binding!.source.note ?? '', /^not used by the run: /);
  assert.equal(li.binding.source.note, undefined);
});
