/**
 * Session 32, task mends41: leftovers of review32 and mends40 (docs/history.md, "mends41"); each test fails on the
 * code before its fix. (1) `nucleation --metal Na --host sp2c-COF` told its user to define the host's Na numbers
 * under parameters.hosts, a block nucleation does not read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveStudy } from '../src/nucleation/system.js';
import { parseRunInput } from '../src/input/parse.js';

test('nucleation: a host without the metal\'s numbers names the hosts that have them, not a parameters: block it does not read', () => {
  assert.throws(() => resolveStudy({ metal: 'Na', host: 'sp2c-COF' }),
    /^InputError: host: got "sp2c-COF", expected a host with parameters for Na; sp2c-COF has them for Li \(or choose a host that has them: Cu, Na, graphene, N-graphene, carbon-cloth, hard-carbon\)$/);
  // a run file reads parameters:, so its message still says where to define them
  assert.throws(() => parseRunInput({ metal: 'Na', host: 'sp2c-COF', lattice: { size: [8, 8, 8] }, protocol: ['Plate at 1 mA/cm2 for 1 s'] }),
    /sp2c-COF has them for Li \(define them under parameters\.hosts\.sp2c-COF\.metals\.Na\)$/);
});
