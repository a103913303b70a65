/**
 * The scan's FFS sampler (src/nucleation/ffs-scan.ts, `atomistic.sampler`; branch ffsprod):
 *  - refusals: a sampler other than mfpt / ffs / mfpt+ffs is one line naming the field, the value and the choices (library,
 *    CLI flag, server body), and ffs with plain kMC is refused (FFS restarts from column heights, the whole state only
 *    with the reservoir; mfpt+ffs too);
 *  - 'mfpt' keeps its cache key: the resolved options of {} without a request and of { sampler: 'mfpt' } with one are
 *    the seven keys of before, in their order (what atomisticKey hashes), and 'ffs' and 'mfpt+ffs' are two other keys;
 *  - the default for a request (branch ffsdefault) is mfpt+ffs with the tail end 'electrode': the same options and key
 *    as naming them, 'mfpt' under plain kMC and without a request, and a store holding only the mfpt box is not read for
 *    it (atomisticSource, no scan; instant);
 *  - the tail of 'mfpt+ffs' (ffsScan with `tail`; branch ffstail) on a cheap box (8 x 8, capture off, target 16, 30
 *    crossings and 20 trials per stage, 2 repetitions, ladder to 20): started at 70 mV it measures 70 mV first (no
 *    10 mV steps), goes on in 5 mV steps and ends at its first point that fails or has n* unresolved, kept out; its
 *    points are the full FFS scan's (started at 75 mV) at the same eta to the bit (the doc's pairing rests on it);
 *    started at 150 mV, where there is no barrier, it measures that one point and stops with none; a stop rule (the
 *    `o.stop` hook) ends it at its first reason, the next point not measured;
 *  - the tail end 'electrode' (index.ts tailStop; branch ffstail2) on the recorded scans of
 *    validation/ffs-window-points.json: the host's tail down to 50 mV stops (the law extrapolated below 50 mV and J cut
 *    to 0 there read the same nucleation overpotential; the recorded tail goes on to 45 mV); a SAC box stops after 2
 *    tail points with J_s = 0, not after 1; the option's refusals and its key (the reading's current and capacity);
 *  - n* from the committor profile against the MFPT fit's n* on a cheap box (Li on N-graphene's host box, 8 x 8,
 *    90 mV, reservoir R = 1, capture off, target 16): 24 brute-force runs (MFPT fit, 40 bootstrap resamples) against
 *    ffsPoint with 50 crossings and 50 trials per stage, 4 repetitions, ladder to 20 atoms (t interval over the
 *    repetitions). Claim: the two 95 % intervals overlap. Measured on these seeds: MFPT 6.50 [6.0, 8.0], committor
 *    6.36 [5.54, 7.18]; a committor read from the wrong end (P_A instead of P_B: the product of the earlier stages' P,
 *    tried in a scratch copy) crosses 1/2 at 3-4 atoms and fails.
 * Fixed seeds. Measured: about 1.2 s of CPU for the n* test (0.6 s brute force, 0.6 s FFS) at load 2-3; about 0.7 s for the
 * tail test (the file 2.2 s of CPU against 1.55 s before it, at load 2-3); the others are instant. Branch ffstail2: the
 * file 3.0 s of CPU at load 1-4 (the stop-hook run about 0.2 s, the tail end test 0.8-0.9 s: one electrode reading).
 * Branch ffsctl: the tail end's cache key holds every input of its electrode reading (two Zn-N4 loadings, two keys, one
 * host key) and --tail-end / tail_end at parse level (no scan): both instant; the file 3.35 s of CPU at load 1-2.
 * Branch ffsconv: atomistic.ffsRepetitions (library only): its refusals, its key (the default's is the one of before) and
 * that 8 repetitions hold the 4 as their first (a cheap ffsPoint, 8 x 8, 10 crossings and trials, ladder to 10).
 * Branch ffsreps: --ffs-repetitions / ffs_repetitions at parse level (no scan; instant): a good value (as text or a
 * number) reaches the request and the resolved options, 4 adds nothing, 1, 101, 2.5, 'x' and any value without a sampler
 * that runs FFS are one line, and the OpenAPI schema's bounds are the ones the parser takes.
 * Branch bindseeds: atomistic.seed under mfpt+ffs with the tail end 'electrode' gives each seed its own host and SAC
 * keys and its own tail points (one cheap tail point at 70 mV on seed 1 twice and seed 2 once: about 0.8 s of CPU at
 * load 1-2).
 * Branch ffsdefault: the file 5.1 s of CPU at load about 8 (4.8 s before the branch, one run each).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomisticKey, atomisticSource, atomisticSpecOf, nucleation, pointMemo, POINT_KIND, resolveAtomisticOptions, resolveStudy, tailStop, type RatePoint } from '../src/nucleation/index.js';
import { openStore } from '../src/store/index.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';
import { estimateRate } from '../src/nucleation/rate.js';
import { ffsPoint, ffsScan, FFS_SCAN, KEPT_TEXT, type FfsPointResult, type TailStop } from '../src/nucleation/ffs-scan.js';
import { FfsStopped } from '../src/nucleation/ffs.js';
import { atomisticOf, casesFromBody } from '../src/nucleation/cases.js';
import { InputError } from '../src/errors.js';
import { FFS_REPETITIONS_RANGE, SAMPLERS, TAIL_ENDS } from '../src/nucleation/sampler.js';
import { openApiDocument } from '../src/server/openapi.js';

const FLAGS = { runs: '--runs', box: '--box', target: '--target', maxEvents: '--max-events', plain: '--plain', capture: '--capture', sampler: '--sampler', tailEnd: '--tail-end', ffsRepetitions: '--ffs-repetitions' };

test('a sampler other than mfpt, ffs or mfpt+ffs is refused in one line naming field, value and choices; ffs or mfpt+ffs with plain kMC too', async () => {
  const req = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10 };
  const choices = /expected mfpt\+ffs \(.*\), mfpt \(.*\) or ffs \(/;
  for (const bad of ['FFS', 'tis', 'mfpt+FFS', 'ffs+mfpt', 3, true]) {
    assert.throws(() => nucleation({ ...req, atomistic: { sampler: bad as 'ffs' } }), (e: Error) => e instanceof InputError && /^atomistic\.sampler: got .+, /.test(e.message) && choices.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => atomisticOf(FLAGS, { sampler: bad }), (e: Error) => /--sampler: got .+, /.test(e.message) && choices.test(e.message));
    await assert.rejects(casesFromBody({ metal: 'Li', host: 'N-graphene', sampler: bad }), (e: Error) => /(^|: )sampler: got .+, /.test(e.message) && choices.test(e.message));
  }
  for (const sampler of ['ffs', 'mfpt+ffs'] as const) {
    const quoted = JSON.stringify(sampler).replace('+', '\\+');
    assert.throws(() => nucleation({ ...req, atomistic: { sampler, reservoir: false } }), new RegExp(`atomistic\\.sampler: got ${quoted}, expected 'mfpt' with plain kMC`));
    assert.throws(() => atomisticOf(FLAGS, { sampler, plain: true }), new RegExp(`--sampler: got ${quoted}, expected mfpt or left out with --plain`));
    assert.deepEqual(atomisticOf(FLAGS, { sampler }), { sampler });
  }
  // the server's schema offers the choices the parser takes
  const doc = openApiDocument() as { components: { schemas: { NucleationRequest: { properties: { sampler: { enum: unknown[] } } } } } };
  assert.deepEqual(doc.components.schemas.NucleationRequest.properties.sampler.enum, [...SAMPLERS]);
  // since branch ffsdefault 'mfpt' is no longer the default: named, it is kept (left out, the library's default applies)
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'mfpt' }), { sampler: 'mfpt' });
  assert.equal(atomisticOf(FLAGS, {}), undefined, 'no flag: the library default');
});

test("'mfpt' keeps the cache key of before; 'ffs' and 'mfpt+ffs' are two other keys", () => {
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  // the options of an 'mfpt' scan: {} without a request was (and is) one; { sampler: 'mfpt' } with one is the default of before
  const none = resolveAtomisticOptions({}), mfpt = resolveAtomisticOptions({ sampler: 'mfpt' }, read), ffs = resolveAtomisticOptions({ sampler: 'ffs' });
  const tail = resolveAtomisticOptions({ sampler: 'mfpt+ffs' });
  // atomisticKey hashes JSON.stringify of these: the same keys in the same order as before the option existed
  assert.deepEqual(Object.keys(none), ['runs', 'L', 'target', 'maxEvents', 'reservoir', 'capture', 'seed']);
  assert.deepEqual(Object.keys(mfpt), Object.keys(none));
  assert.equal(atomisticKey(s, mfpt), atomisticKey(s, none));
  assert.notEqual(atomisticKey(s, ffs), atomisticKey(s, none));
  assert.equal(ffs.sampler, 'ffs');
  assert.equal(tail.sampler, 'mfpt+ffs');
  assert.equal(new Set([atomisticKey(s, none), atomisticKey(s, ffs), atomisticKey(s, tail)]).size, 3);
});

test("the default for a request is mfpt+ffs with the tail end 'electrode' (branch ffsdefault): its key is that one's, never an mfpt box's", () => {
  // no scan runs: the options, the keys and where nucleation() would take the data from (atomisticSource, the lookup nucleation() makes)
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  const given = resolveAtomisticOptions({}, read), named = resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode' }, read);
  assert.deepEqual(given, named);
  assert.equal(given.sampler, 'mfpt+ffs');
  assert.deepEqual(given.tailEnd, { rule: 'electrode', ...read });
  // 'mfpt+ffs' alone for a request has the tail end electrode too; 'floor' named is the tail of before (its key)
  assert.deepEqual(resolveAtomisticOptions({ sampler: 'mfpt+ffs' }, read), named);
  assert.deepEqual(resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'floor' }, read), resolveAtomisticOptions({ sampler: 'mfpt+ffs' }));
  // where the default cannot run: plain kMC and the stage without a request get 'mfpt' (the options of before)
  assert.equal(resolveAtomisticOptions({ reservoir: false }, read).sampler, undefined);
  assert.equal(resolveAtomisticOptions({}).sampler, undefined);
  // the lookup: a store holding only the old default's (mfpt) boxes is not read for the default; one holding the default's is
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ffsdefault-'));
  const store = openStore(join(dir, 't.db'));
  try {
    const req = { metal: 'Li', host: 'N-graphene', sac: 'Zn-N4', current_A_per_m2: 10 };
    const box = (key: string) => store.saveParamSet('nucleation-atomistic', key, { key }, 'test: a box under this key');
    box(atomisticKey(s, resolveAtomisticOptions({ sampler: 'mfpt' }, read)));
    assert.equal(atomisticSource({ ...req, atomistic: { sampler: 'mfpt' } }, store), 'cached');
    assert.equal(atomisticSource(req, store), 'compute', 'an mfpt box is never the default\'s');
    box(atomisticKey(s, named));
    assert.equal(atomisticSource(req, store), 'cached');
    // the CLI's flags and a server body without a sampler give no options: the library's default
    assert.equal(atomisticOf(FLAGS, { runs: undefined }), undefined);
  } finally { store.close(); rmSync(dir, { recursive: true, force: true }); }
});

test("mfpt+ffs's tail: 5 mV steps from its start, ends at its first failed point, and its points are the full FFS scan's", () => {
  const study = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const target = 16;
  const specAt = (eta: number) => ({ ...atomisticSpecOf(study, { capture: false, L: 8, target }, eta, false), maxEvents: 1e7 });
  const set = { ...FFS_SCAN, fluxCrossings: 30, trials: 20, ladderMax: 20, repetitions: 2 };
  const o = { L: 8, target, capture: false, seed: 1 };
  const run = (start: number, tail: boolean, stop?: TailStop, ladderMax?: (pts: readonly unknown[]) => number) => {
    const said: string[] = [];
    return { ...ffsScan(specAt, start, { ...o, tail, ...(stop ? { stop } : {}), ...(ladderMax ? { ladderMax } : {}) }, false, null, (m) => said.push(m), undefined, set), said };
  };
  const tail = run(0.07, true);
  const etas = tail.points.map((p) => p.eta_V);
  assert.ok(etas.length >= 1 && etas[0] === 0.07, `tail points at ${etas}`);
  etas.forEach((e, i) => assert.equal(e, Math.round((0.07 - 0.005 * i) * 1000) / 1000));
  // every point it measured is kept but the last, which failed (the stop rule; the floor is far below these rates)
  assert.equal(tail.said.length, etas.length + 1);
  assert.match(tail.said[tail.said.length - 1]!, /no success|n\* not resolved/);
  // branch ffsfix: the scan says why it ended (the record of the tail end 'electrode')
  assert.equal(tail.end.by, 'not-activated');
  assert.match(tail.end.why, new RegExp(`^the point at ${Math.round((etas[etas.length - 1]! - 0.005) * 1e3)} mV was not kept: .*\\(ladder to 20 atoms\\)$`));
  const full = run(0.075, false);
  assert.equal(full.points[0]!.eta_V, 0.075, 'the full scan is activated at 75 mV already (else it would step 10 mV)');
  for (const p of tail.points) {
    const q = full.points.find((x) => x.eta_V === p.eta_V);
    assert.ok(q, `the full scan has a point at ${p.eta_V} V`);
    assert.deepEqual([p.rate_per_s, p.nStar, p.events], [q.rate_per_s, q.nStar, q.events]);
  }
  // a stop rule (the tail end 'electrode''s hook) is asked after each kept point and ends the grid at its first reason
  const asked: number[] = [];
  // branch ffsfix: the ladder hook is asked before each point with the points so far; 20 (the set's own) changes nothing
  const ladders: number[] = [];
  const stopped = run(0.07, true, (ps) => { asked.push(ps.length); return 'one point'; }, (ps) => { ladders.push(ps.length); return 20; });
  assert.deepEqual(ladders, [0]);
  assert.deepEqual(stopped.end, { by: 'stop', why: 'one point' });
  assert.ok(tail.said.some((m) => /eta 65 mV/.test(m)), 'the tail without the rule measures 65 mV');
  assert.deepEqual(asked, [1]);
  assert.ok(!stopped.said.some((m) => /eta 65 mV/.test(m)), 'with it, 65 mV is not measured');
  assert.deepEqual(stopped.points.map((p) => p.rate_per_s), [tail.points[0]!.rate_per_s]);
  assert.match(stopped.said[stopped.said.length - 1]!, /^host tail ends at 70 mV: one point$/);
  // no barrier at 150 mV: the first point is not activated, so the tail ends there with no point
  const high = run(0.15, true);
  assert.equal(high.points.length, 0);
  assert.equal(high.said.length, 1);
  assert.equal(high.end.by, 'no-point');
});

test("the tail end 'electrode''s key holds every input of its reading: two Zn-N4 loadings never share a SAC tail, and still share the host scan", () => {
  // tailStop runs the electrode stage with the SAC's site density: under one key the tail decided for the first
  // loading asked was the one every later loading read from the store (results then depended on call order)
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  const at = (loading: string) => resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4', loading });
  const host = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const o = resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode' }, read);
  const lo = at('0.5 wt%'), hi = at('10 wt%');
  assert.notEqual(lo.sac!.sites_per_m2, hi.sac!.sites_per_m2);
  assert.notEqual(atomisticKey(lo, o), atomisticKey(hi, o), 'the SAC box of each loading is its own cache entry');
  // the host box reads the host alone (hostOnly): one host scan for every SAC and loading
  for (const s of [lo, hi]) assert.equal(atomisticKey({ ...s, sac: null, sacLabel: null }, o), atomisticKey(host, o));
  // the tail end 'floor' reads no electrode: its key (and every mfpt key) is the one of before, loading-free
  const floor = resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'floor' }, read);
  assert.equal(atomisticKey(lo, floor), atomisticKey(hi, floor));
  // the other inputs of the reading: the double-layer capacitance (the host's data), i0 (the metal's)
  assert.notEqual(atomisticKey({ ...lo, Cdl_F_per_m2: lo.Cdl_F_per_m2 * 2 }, o), atomisticKey(lo, o));
  assert.notEqual(atomisticKey({ ...lo, i0_A_per_m2: lo.i0_A_per_m2 * 2 }, o), atomisticKey(lo, o));
});

test("the request's atomistic.seed under mfpt+ffs with the tail end 'electrode': its own host and SAC keys, and its own tail seeds", () => {
  // study nucleation-ffs-binding-seeds runs seeds 2-4 of this sampler: a seed left out of the key would read seed 1's
  // scans from the store, a seed left out of the tail would measure seed 1's FFS points again
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  const sac = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: { binding_eV: -2.6, reference_eV: -2.37, element: 'Zn' } });
  const host = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const at = (seed?: number) => resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode', ...(seed === undefined ? {} : { seed }) }, read);
  assert.equal(atomisticKey(sac, at(1)), atomisticKey(sac, at()), 'seed 1 is the default');
  for (const s of [sac, host]) assert.equal(new Set([1, 2, 3, 4].map((seed) => atomisticKey(s, at(seed)))).size, 4);
  // the tail's FFS point at one eta (the cheap box of the tail test above, stopped after its first point) on seeds 1, 2
  const study = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const specAt = (eta: number) => ({ ...atomisticSpecOf(study, { capture: false, L: 8, target: 16 }, eta, false), maxEvents: 1e7 });
  const set = { ...FFS_SCAN, fluxCrossings: 30, trials: 20, ladderMax: 20, repetitions: 2 };
  // (its progress line, said whether the point is kept or fails: box rate, interval, n*, events)
  const first = (seed: number) => {
    const said: string[] = [];
    ffsScan(specAt, 0.07, { L: 8, target: 16, capture: false, seed: at(seed).seed, tail: true, stop: () => 'one point' }, false, null, (m) => said.push(m), undefined, set);
    return said[0]!.replace(/, [0-9.]+ CPU s.*$/, '');
  };
  const [one, two] = [first(1), first(2)];
  assert.match(one, /^host eta 70 mV \(FFS, 2 repetitions\): box rate .* events$/);
  assert.equal(first(1), one, 'a seed reruns to the bit');
  assert.notEqual(two, one, 'seed 2 runs other trajectories than seed 1');
});

test("--tail-end (CLI) and tail_end (server body): electrode with mfpt+ffs only (the default sampler), floor kept, anything else one line", async () => {
  // parse level only: no scan runs
  const body = { metal: 'Li', host: 'N-graphene', sampler: 'mfpt+ffs' };
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'mfpt+ffs', tailEnd: 'electrode' }), { sampler: 'mfpt+ffs', tailEnd: 'electrode' });
  assert.deepEqual((await casesFromBody({ ...body, tail_end: 'electrode' })).cases[0]!.req.atomistic, { sampler: 'mfpt+ffs', tailEnd: 'electrode' });
  // 'floor' is no longer the default: named, it is kept, and resolves to the options (so the key) of the tail of before
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'mfpt+ffs', tailEnd: 'floor' }), { sampler: 'mfpt+ffs', tailEnd: 'floor' });
  assert.equal(resolveAtomisticOptions(atomisticOf(FLAGS, { sampler: 'mfpt+ffs', tailEnd: 'floor' }), { current_A_per_m2: 10, capacity_C_per_m2: 720 }).tailEnd, undefined);
  for (const bad of ['Electrode', 'peak', 3, true]) {
    assert.throws(() => atomisticOf(FLAGS, { sampler: 'mfpt+ffs', tailEnd: bad }), (e: Error) => e instanceof InputError && /^--tail-end: got .+, expected 'electrode' \(.*\) or 'floor' \(/.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(casesFromBody({ ...body, tail_end: bad }), (e: Error) => /(^|: )tail_end: got .+, expected 'electrode'/.test(e.message));
  }
  // 'electrode' without the sampler mfpt+ffs (mfpt, --plain's mfpt, or ffs); left out, the sampler is mfpt+ffs
  assert.deepEqual(atomisticOf(FLAGS, { tailEnd: 'electrode' }), { tailEnd: 'electrode' });
  assert.throws(() => atomisticOf(FLAGS, { sampler: 'mfpt', tailEnd: 'electrode' }), /(^|: )--tail-end: got "electrode", expected 'floor' or left out with sampler 'mfpt'/);
  assert.throws(() => atomisticOf(FLAGS, { plain: true, tailEnd: 'electrode' }), /(^|: )--tail-end: got "electrode", expected 'floor' or left out with sampler 'mfpt'/);
  assert.throws(() => atomisticOf(FLAGS, { sampler: 'ffs', tailEnd: 'electrode' }), /(^|: )--tail-end: got "electrode", expected 'floor' or left out with sampler 'ffs'/);
  await assert.rejects(casesFromBody({ metal: 'Li', host: 'N-graphene', sampler: 'mfpt', tail_end: 'electrode' }), /tail_end: got "electrode", expected 'floor' or left out with sampler 'mfpt'/);
  assert.deepEqual((await casesFromBody({ metal: 'Li', host: 'N-graphene', tail_end: 'electrode' })).cases[0]!.req.atomistic, { tailEnd: 'electrode' });
  // the server's schema offers the choices the parser takes
  const doc = openApiDocument() as { components: { schemas: { NucleationRequest: { properties: { tail_end: { enum: unknown[] } } } } } };
  assert.deepEqual(doc.components.schemas.NucleationRequest.properties.tail_end.enum, [...TAIL_ENDS]);
});

test("--ffs-repetitions (CLI) and ffs_repetitions (server body): 2-100 with ffs or mfpt+ffs reaches the request, 4 adds nothing, anything else one line", async () => {
  // parse level only: no scan runs
  const body = { metal: 'Li', host: 'N-graphene', sampler: 'mfpt+ffs' };
  for (const [given, n] of [['8', 8], [8, 8], [' 2 ', 2], [100, 100]] as const) {
    const cli = atomisticOf(FLAGS, { sampler: 'mfpt+ffs', ffsRepetitions: given });
    assert.deepEqual(cli, { sampler: 'mfpt+ffs', ffsRepetitions: n });
    assert.deepEqual((await casesFromBody({ ...body, ffs_repetitions: given })).cases[0]!.req.atomistic, { sampler: 'mfpt+ffs', ffsRepetitions: n });
    // what the flag gives is what the library runs on: in the resolved options, so in the cache key
    assert.equal(resolveAtomisticOptions(cli!).ffsRepetitions, n);
  }
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'ffs', ffsRepetitions: '8' }), { sampler: 'ffs', ffsRepetitions: 8 });
  assert.deepEqual(atomisticOf(FLAGS, { sampler: 'mfpt+ffs', ffsRepetitions: '4' }), { sampler: 'mfpt+ffs' }, 'the default 4 adds nothing: the key of before');
  const range = /expected an integer from 2 to 100 \(forward flux sampling repetitions per overpotential, samplers 'ffs' and 'mfpt\+ffs'; default 4\)$/;
  for (const bad of ['1', '101', '2.5', 'x', '', 1, 101, 2.5, true, null]) {
    assert.throws(() => atomisticOf(FLAGS, { sampler: 'mfpt+ffs', ffsRepetitions: bad }), (e: Error) => e instanceof InputError && /^--ffs-repetitions: got .+, /.test(e.message) && range.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(casesFromBody({ ...body, ffs_repetitions: bad }), (e: Error) => e instanceof InputError && /(^|: )ffs_repetitions: got .+, /.test(e.message) && range.test(e.message) && !e.message.includes('\n'));
  }
  // a sampler that runs no FFS (mfpt; plain kMC, whose sampler is mfpt): refused, not ignored; left out, the default runs FFS
  const rule = /^--ffs-repetitions: got "8", expected left out with sampler 'mfpt' \(it runs no forward flux sampling; 'ffs' or 'mfpt\+ffs' do\)$/;
  assert.deepEqual(atomisticOf(FLAGS, { ffsRepetitions: '8' }), { ffsRepetitions: 8 });
  for (const v of [{ sampler: 'mfpt' }, { plain: true }]) assert.throws(() => atomisticOf(FLAGS, { ...v, ffsRepetitions: '8' }), (e: Error) => e instanceof InputError && rule.test(e.message));
  await assert.rejects(casesFromBody({ metal: 'Li', host: 'N-graphene', sampler: 'mfpt', ffs_repetitions: 8 }), /(^|: )ffs_repetitions: got 8, expected left out with sampler 'mfpt'/);
  // the server's schema offers the bounds the parser takes: each bound is taken, one past it refused
  const doc = openApiDocument() as { components: { schemas: { NucleationRequest: { properties: { ffs_repetitions: { type: string; minimum: number; maximum: number } } } } } };
  const p = doc.components.schemas.NucleationRequest.properties.ffs_repetitions;
  assert.deepEqual([p.type, p.minimum, p.maximum], ['integer', FFS_REPETITIONS_RANGE.min, FFS_REPETITIONS_RANGE.max]);
  for (const n of [p.minimum, p.maximum]) assert.equal((await casesFromBody({ ...body, ffs_repetitions: n })).cases[0]!.req.atomistic!.ffsRepetitions, n);
  for (const n of [p.minimum - 1, p.maximum + 1]) await assert.rejects(casesFromBody({ ...body, ffs_repetitions: n }), /ffs_repetitions: got/);
});

test('atomistic.ffsRepetitions: the default adds nothing to the key, 8 is another key holding the 4 as its first repetitions; bad values one line', () => {
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  const base = { sampler: 'mfpt+ffs', tailEnd: 'electrode' } as const;
  const none = resolveAtomisticOptions(base, read), four = resolveAtomisticOptions({ ...base, ffsRepetitions: 4 }, read), eight = resolveAtomisticOptions({ ...base, ffsRepetitions: 8 }, read);
  assert.deepEqual(four, none, 'the default 4 is the options (and key) of before');
  assert.equal(eight.ffsRepetitions, 8);
  assert.notEqual(atomisticKey(s, eight), atomisticKey(s, none));
  const req = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10 };
  for (const bad of [0, 1, 2.5, 101, '8', null]) {
    for (const f of [() => nucleation({ ...req, atomistic: { ...base, ffsRepetitions: bad as number } }), () => resolveAtomisticOptions({ ...base, ffsRepetitions: bad as number }, read)]) {
      assert.throws(f, (e: Error) => e instanceof InputError && /^atomistic\.ffsRepetitions: got .+, expected an integer from 2 to 100 \(forward flux sampling repetitions/.test(e.message) && !e.message.includes('\n'));
    }
  }
  // the sampler mfpt runs no FFS: refused there, not silently ignored (the default, mfpt+ffs, takes them)
  assert.throws(() => nucleation({ ...req, atomistic: { sampler: 'mfpt', ffsRepetitions: 8 } }), /atomistic\.ffsRepetitions: got 8, expected left out with sampler 'mfpt'/);
  assert.equal(resolveAtomisticOptions({ ffsRepetitions: 8 }, read).ffsRepetitions, 8);
  // repetition r runs on the point's seed + r: 4 repetitions are the first 4 of 8 (a cheap box: 8 x 8, 10 crossings and trials per stage)
  const spec = { ...atomisticSpecOf(resolveStudy({ metal: 'Li', host: 'N-graphene' }), { capture: false, L: 8, target: 10 }, 0.09, false), maxEvents: 1e6 };
  const at = (repetitions: number) => ffsPoint(spec, 7, { ...FFS_SCAN, fluxCrossings: 10, trials: 10, ladderMax: 10, repetitions }, { target: 10, capture: false }).ffs;
  const a = at(4), b = at(8);
  assert.equal(b.repetitions, 8);
  assert.deepEqual(b.rateEach_per_s.slice(0, 4), a.rateEach_per_s);
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

test("mfpt+ffs's tail end 'electrode': stops where the electrode no longer reads the next point, and a SAC box after 2 points with J_s = 0", () => {
  // the recorded scans of Li on N-graphene (+ Zn-N4), capture on (validation/ffs-window-points.json): the MFPT scan's
  // points are what the tail starts below, the full FFS scan's points below them are the tail's (the same seeds)
  const rec = JSON.parse(readFileSync(new URL('../../validation/ffs-window-points.json', import.meta.url), 'utf8'), (_k, v) => (v === null ? NaN : v)) as
    { mfpt: { J_eta: { host: { points: RatePoint[] } } }; ffs: { J_eta: { host: { points: RatePoint[] } } } };
  const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
  const o = resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode' }, read);
  assert.deepEqual(o.tailEnd, { rule: 'electrode', ...read }, 'the reading is in the resolved options, so in the cache key');
  assert.notEqual(atomisticKey(resolveStudy({ metal: 'Li', host: 'N-graphene' }), o), atomisticKey(resolveStudy({ metal: 'Li', host: 'N-graphene' }), resolveAtomisticOptions({ sampler: 'mfpt+ffs' })));
  assert.throws(() => resolveAtomisticOptions({ sampler: 'ffs', tailEnd: 'electrode' }, read), /atomistic\.tailEnd: got "electrode", expected 'floor' or left out with sampler 'ffs'/);
  assert.throws(() => resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode' }), /atomistic\.tailEnd: got "electrode", expected .*without a request/);
  assert.throws(() => nucleation({ metal: 'Li', host: 'N-graphene', current_A_per_m2: 10, atomistic: { sampler: 'mfpt+ffs', tailEnd: 'last' as 'floor' } }), /^.*atomistic\.tailEnd: got "last", expected 'electrode' \(.*\) or 'floor'/);
  const host = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const above = rec.mfpt.J_eta.host.points;
  const tail = rec.ffs.J_eta.host.points.filter((p) => p.eta_V < 0.0699).sort((a, b) => b.eta_V - a.eta_V);
  const said: string[] = [];
  const stop = tailStop(host, o, o.tailEnd!, false, above, null, (m) => said.push(m));
  // rule (a): with the tail down to 50 mV, J cut to 0 below it and the law extrapolated there give the same answer (one
  // electrode pair only, for the test's CPU; down to 55 mV they differ by 0.96 mV, docs/nucleation-history.md "A cheaper end")
  assert.equal(tail[tail.length - 1]!.eta_V, 0.045, 'the recorded tail reaches 45 mV, so stopping at 50 mV is the rule');
  assert.match(stop(tail.filter((p) => p.eta_V >= 0.0499)) ?? 'none', /less than 0\.1 mV apart/, said.join('; '));
  // rule (b): a SAC box's tail with J_s = 0 at two points in a row ends before any law is fitted; one such point does not
  const zero = (eta_V: number): RatePoint => ({ ...tail[0]!, eta_V, J_per_site_s: 0 });
  const sacStop = tailStop(resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' }), o, o.tailEnd!, true, [], null);
  assert.equal(sacStop([zero(0.075)]), null);
  assert.match(sacStop([zero(0.075), zero(0.07)]) ?? 'none', /2 tail points in a row with J_s = 0/);
});

// mends79 (review64: Ctrl-C of a long scan lost its finished points, under the default sampler its FFS points); failed on the code before its fix.
test('an FFS scan stopped after its first point goes on from the point kept in the store (read, not run again), to the points of a scan never stopped', () => {
  const study = resolveStudy({ metal: 'Li', host: 'N-graphene' });
  const specAt = (eta: number) => ({ ...atomisticSpecOf(study, { capture: false, L: 8, target: 16 }, eta, false), maxEvents: 1e7 });
  const set = { ...FFS_SCAN, fluxCrossings: 30, trials: 20, ladderMax: 20, repetitions: 2 };
  const o = { L: 8, target: 16, capture: false, seed: 1, tail: true };
  const dir = mkdtempSync(join(tmpdir(), 'sacplate-ffskept-'));
  const store = openStore(join(dir, 't.db'));
  try {
    const memo = pointMemo(store, 'test-box', 'host', 'Li on N-graphene') as { get(part: string): FfsPointResult | undefined; put(part: string, p: FfsPointResult): void };
    const signal = { aborted: false };
    assert.throws(() => ffsScan(specAt, 0.07, { ...o, memo }, false, null, () => { signal.aborted = true; }, signal, set), FfsStopped);
    assert.equal(store.listParamSets(POINT_KIND).length, 1, 'the finished point kept');
    const said: string[] = [];
    const resumed = ffsScan(specAt, 0.07, { ...o, memo }, false, null, (m) => said.push(m), undefined, set);
    assert.ok(said.length >= 2, said.join('\n'));
    assert.deepEqual(said.map((l) => l.endsWith(KEPT_TEXT)), said.map((_, i) => i === 0), said.join('\n'));
    const whole = ffsScan(specAt, 0.07, o, false, null, undefined, undefined, set);
    // the same points to the bit but for the timings of the repetitions (each run's own clock)
    const bare = (pts: typeof whole.points) => pts.map((p) => ({ ...p, ffs: { ...p.ffs, cpuEach_s: undefined, wallEach_s: undefined, cpu_s: undefined, wall_s: undefined } }));
    assert.deepEqual(bare(resumed.points), bare(whole.points));
    assert.deepEqual(resumed.end, whole.end);
    assert.equal(resumed.events, whole.events);
  } finally { store.close(); rmSync(dir, { recursive: true, force: true }); }
});
