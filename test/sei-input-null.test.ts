// cycaudit64 (session 64): a bare `key:` (YAML null) under `sei:` in a run file. The number keys refused it naming the key
// (`sei.crack: got null, expected a factor ...`); the switches and the set took their default without a word, so
// `host_film:` with its value forgotten ran the default host film, `film_hop_on:` the default 'any'. Each is now refused
// naming the key, null and the values it takes. (In a comparison's variant a null inside `sei:` still removes the base's
// key, src/batch/variant-merge.ts: that is the merge, before the run is read.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { InputError } from '../src/errors.js';

const run = (sei: Record<string, unknown>) => parseRunInput({
  metal: 'Li', lattice: { size: [6, 6, 8], voxel: '100 nm' }, host: 'Cu', sei, protocol: ['Plate 0.01 mAh/cm2 at 1 mA/cm2'], seed: 1,
});

test('cycaudit64: a null sei switch, film_hop_on or set is refused naming sei.<key>, null and the values it takes', () => {
  const cases: [string, RegExp, Record<string, unknown>][] = [
    ['set', /known SEI set/, {}],
    ['film_conduction', /true or false/, {}],
    ['torn_film_conduction', /true or false/, {}],
    ['settle_after_layer', /true or false/, {}],
    ['reconnect_dead_on_contact', /true or false/, {}],
    ['host_film', /true or false/, {}],
    ['sac_deactivation', /true or false/, {}],
    ['film_hop_on', /'any'.*'settled'.*'face'.*'axis'/, { film_hop_barrier: '0.1 eV' }],
  ];
  for (const [key, expected, beside] of cases) {
    assert.throws(() => run({ set: 'carbonate', ...beside, [key]: null }), (e: unknown) => {
      assert.ok(e instanceof InputError, `${key}: ${String(e)}`);
      assert.equal(e.field, `sei.${key}`);
      assert.equal(e.value, null);
      assert.match(e.expected, expected, key);
      assert.match(e.message, /got null/);
      return true;
    }, key);
  }
  // the keys left out still take their defaults; a given value is read
  assert.equal(run({ set: 'carbonate' }).sei!.hostFilm, undefined);
  assert.equal(run({ set: 'carbonate', host_film: false }).sei!.hostFilm, false);
});
