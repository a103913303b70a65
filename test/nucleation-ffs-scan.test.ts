/**
 * The scan's FFS sampler (src/nucleation/ffs-scan.ts, `atomistic.sampler`; branch ffsprod):
 *  - refusals: a sampler other than mfpt / ffs is one line naming the field, the value and the choices (library,
 *    CLI flag, server body), and ffs with plain kMC is refused (FFS restarts from column heights, the whole state only
 *    with the reservoir);
 *  - the default keeps its cache key: the resolved options of {} and of { sampler: 'mfpt' } are the seven keys of
 *    before, in their order (what atomisticKey hashes), and 'ffs' is another key;
 *  - n* from the committor profile against the MFPT fit's n* on a cheap box (Li on N-graphene's host box, 8 x 8,
 *    90 mV, reservoir R = 1, capture off, target 16): 24 brute-force runs (MFPT fit, 40 bootstrap resamples) against
 *    ffsPoint with 50 crossings and 50 trials per stage, 4 repetitions, ladder to 20 atoms (t interval over the
 *    repetitions). Claim: the two 95 % intervals overlap. Measured on these seeds: MFPT 6.50 [6.0, 8.0], committor
 *    6.36 [5.54, 7.18]; a committor read from the wrong end (P_A instead of P_B: the product of the earlier stages' P,
 *    tried in a scratch copy) crosses 1/2 at 3-4 atoms and fails.
 * Fixed seeds. Measured: about 1.2 s of CPU for the n* test (0.6 s brute force, 0.6 s FFS) at load 2-3; the others are
 * instant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atomisticKey, atomisticSpecOf, nucleation, resolveAtomisticOptions, resolveStudy } from '../src/nucleation/index.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';
import { estimateRate } from '../src/nucleation/rate.js';
import { ffsPoint, FFS_SCAN } from '../src/nucleation/ffs-scan.js';
import { atomisticOf, casesFromBody } from '../src/nucleation/cases.js';
import { InputError } from '../src/errors.js';

const FLAGS = { runs: '--runs', box: '--box', target: '--target', maxEvents: '--max-events', plain: '--plain', capture: '--capture', sampler: '--sampler' };

test('a sampler other than mfpt or ffs is refused in one line naming field, value and choices; ffs with plain kMC too', async () => {
  const req = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10 };
  for (const bad of ['FFS', 'tis', 3, true]) {
    assert.throws(() => nucleation({ ...req, atomistic: { sampler: bad as 'ffs' } }), (e: Error) => e instanceof InputError && /^atomistic\.sampler: got .+, expected mfpt .* or ffs /.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => atomisticOf(FLAGS, { sampler: bad }), /--sampler: got .+, expected mfpt .* or ffs /);
    await assert.rejects(casesFromBody({ metal: 'Li', host: 'N-graphene', sampler: bad }), /(^|: )sampler: got .+, expected mfpt .* or ffs /);
  }
  assert.throws(() => nucleation({ ...req, atomistic: { sampler: 'ffs', reservoir: false } }), /atomistic\.sampler: got "ffs", expected 'mfpt' with plain kMC/);
  assert.throws(() => atomisticOf(FLAGS, { sampler: 'ffs', plain: true }), /--sampler: got "ffs", expected mfpt or left out with --plain/);
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'ffs' }), { sampler: 'ffs' });
  assert.equal(atomisticOf(FLAGS, { sampler: 'mfpt' }), undefined, "'mfpt' adds nothing to the options");
});

test("the default sampler keeps the cache key of before; 'ffs' is another key", () => {
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  const none = resolveAtomisticOptions({}), mfpt = resolveAtomisticOptions({ sampler: 'mfpt' }), ffs = resolveAtomisticOptions({ sampler: 'ffs' });
  // atomisticKey hashes JSON.stringify of these: the same keys in the same order as before the option existed
  assert.deepEqual(Object.keys(none), ['runs', 'L', 'target', 'maxEvents', 'reservoir', 'capture', 'seed']);
  assert.deepEqual(Object.keys(mfpt), Object.keys(none));
  assert.equal(atomisticKey(s, mfpt), atomisticKey(s, none));
  assert.notEqual(atomisticKey(s, ffs), atomisticKey(s, none));
  assert.equal(ffs.sampler, 'ffs');
});

test('n* from the committor profile (P_B = 1/2) agrees with the MFPT fit on a cheap box (intervals overlap)', () => {
  const study = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const target = 16;
  const spec = { ...atomisticSpecOf(study, { capture: false, L: 8, target }, 0.09, false), maxEvents: 1e7 };
  const runs = Array.from({ length: 24 }, (_, i) => runAtomistic({ ...spec, seed: 1000 + i }));
  const mfpt = estimateRate(runs, target, 40, 1);
  assert.equal(mfpt.reached, 24);
  const p = ffsPoint(spec, 1, { ...FFS_SCAN, fluxCrossings: 50, trials: 50, ladderMax: 20 }, { target, capture: false });
  assert.equal(p.ffs.failed, null);
  assert.ok(p.ffs.B.every((b) => b >= target && b <= 20), `B ${p.ffs.B}`);
  assert.ok(p.nStarLo <= mfpt.nStarHi && mfpt.nStarLo <= p.nStarHi, `committor n* ${p.nStar.toFixed(2)} [${p.nStarLo.toFixed(2)}, ${p.nStarHi.toFixed(2)}], MFPT ${mfpt.nStar} [${mfpt.nStarLo}, ${mfpt.nStarHi}]`);
});
