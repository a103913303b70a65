/**
 * The two ends of the candidate's law (branch ffsfix; docs/nucleation-history.md "The two ends of the candidate's law"), under
 * `atomistic: { sampler: 'mfpt+ffs', tailEnd: 'electrode' }` only, on synthetic points (no scan, no kMC):
 *  - (ii) a SAC law fitted past its zero-rate points: sacZeroBelow is the highest overpotential with J_s = 0 below every
 *    J_s > 0 point (SAFe's box: J_s > 0 at 120-150 mV, 0 at 110, 100, 95 and 90 mV: 110 mV), null when a zero lies
 *    among the told-apart points (Li + Zn-N4's full FFS scan: 0 at 45 mV, > 0 at 40 mV) or no point is told apart;
 *    lawFromData reads the SAC sites as host sites at and below it under the tail end 'electrode', and as before (the
 *    law extrapolated) under any other options; a SAC told apart reads the same law either way, a twin the host's;
 *  - (i) tails that ended at the grid's own end: tailLadderMax gives a tail point a ladder past twice the previous
 *    point's n* (80 while 2 n* <= 80, so the points of before keep their ladder; 48 -> 100; at most 160); tailEndRecord
 *    says 'rule (a)' / 'rule (b)' for the tail end's own stops and flags a grid-ended tail as open unless rule (a)'s
 *    reading at its lowest point was under 0.1 mV apart;
 *  - the cache key: the tail end 'electrode''s keys hold the new rules (TAIL_RULES); the default's and the floor tail's
 *    keys are main 5536fab's (computed there before the change), the candidate's differs from it.
 * Checked on broken variants (branch ffsfix's commit): sacZeroOf returning null (the old reading) fails the SAFe case;
 * tailLadderMax returning 80 always (the old ladder) fails the ladder case; tailEndRecord with open = false always fails
 * the grid-end case. The file about 0.7 s of CPU (node start-up included) at load 3-8.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atomisticKey, lawFromData, lawOf, resolveAtomisticOptions, resolveStudy, sacZeroBelow, tailEndRecord, tailLadderMax,
  TAIL_LADDER_CAP, TAIL_RULES, type AtomisticData, type RatePoint,
} from '../src/nucleation/index.js';

/** a synthetic point: J per site from a 3D-cap law exp(lnK - B / eta^2) (0 when told is false) */
const point = (eta_V: number, lnK: number, B: number, told = true): RatePoint => ({
  eta_V, J_per_site_s: told ? Math.exp(lnK - B / (eta_V * eta_V)) : 0, nStar: 0.02 / eta_V, nStarLo: 0.015 / eta_V, nStarHi: 0.025 / eta_V,
  plateauRatio: 1, rate_per_s: 1, rateLo_per_s: 1, rateHi_per_s: 1, runs: 12, reached: 12, capture_factor: 1, lambda_sites: 1, events: 0,
});
const HOST = [0.17, 0.16, 0.15, 0.14, 0.13, 0.12, 0.11, 0.1, 0.095, 0.09, 0.085, 0.08, 0.075, 0.07, 0.065].map((e) => point(e, 21, 0.166));
const read = { current_A_per_m2: 10, capacity_C_per_m2: 720 };
const CANDIDATE = resolveAtomisticOptions({ sampler: 'mfpt+ffs', tailEnd: 'electrode' }, read);
const FLOOR = resolveAtomisticOptions({ sampler: 'mfpt+ffs' });
/** the SAC law 100x the host's per site, on the given SAC points (told: J_s > 0) */
const sacPoints = (etas: readonly number[], zeros: readonly number[]) =>
  [...etas.map((e) => point(e, 21 + Math.log(100), 0.166)), ...zeros.map((e) => point(e, 0, 0, false))].sort((a, b) => b.eta_V - a.eta_V);
const data = (options: AtomisticData['options'], sac: RatePoint[]): AtomisticData => ({
  key: 'synthetic', options, host: { points: HOST, law: lawOf(HOST, 'mfpt+ffs') },
  sac: { points: sac, law: lawOf(sac, 'mfpt+ffs'), sameAsHost: false }, events: 0, wall_s: 0,
});
const ETAS = [0.03, 0.05, 0.07, 0.09, 0.1, 0.105, 0.11, 0.115, 0.12, 0.13, 0.15, 0.2];

test('(ii) the SAC law is not read below a zero reading that lies below every told-apart point (tail end electrode only)', () => {
  // SAFe's box (ffslit, read again on branch ffsfix): J_s > 0 at 120-150 mV (MFPT), 0 at 160, 170 mV above and at 110,
  // 100 (MFPT), 95, 90 mV (FFS) below
  const safe = sacPoints([0.15, 0.14, 0.13, 0.12], [0.17, 0.16, 0.11, 0.1, 0.095, 0.09]);
  assert.equal(sacZeroBelow(safe), 0.11);
  const now = lawFromData(data(CANDIDATE, safe)), before = lawFromData(data(FLOOR, safe));
  assert.ok(data(CANDIDATE, safe).sac!.law, 'a SAC law is fitted on the 4 told-apart points');
  for (const eta of ETAS) {
    if (eta <= 0.11) assert.equal(now.sacRate(eta), now.hostRate(eta), `at ${eta} V the SAC sites nucleate as host sites`);
    else assert.equal(now.sacRate(eta), before.sacRate(eta), `above 110 mV the SAC law as before (${eta} V)`);
  }
  // the artefact itself: without the rule (other options) the law is read 100x the host's through the zero readings
  assert.ok(before.sacRate(0.1) > 50 * before.hostRate(0.1));
});

test('(ii) controls: a SAC told apart reads the same law as before, a zero among told-apart points is kept out, a twin is the host', () => {
  // told apart down to the lowest point (Li + Zn-N4's tail): nothing below its lowest point measured as zero
  const told = sacPoints([0.1, 0.09, 0.08, 0.07, 0.065, 0.06, 0.055, 0.05], [0.11, 0.105]);
  assert.equal(sacZeroBelow(told), null);
  // a zero among them (the full FFS scan's 45 mV, host interval wide) with a told-apart point below it (40 mV)
  const gap = sacPoints([0.1, 0.09, 0.08, 0.07, 0.05, 0.04], [0.045]);
  assert.equal(sacZeroBelow(gap), null);
  for (const pts of [told, gap]) {
    const now = lawFromData(data(CANDIDATE, pts)), before = lawFromData(data(FLOOR, pts));
    for (const eta of ETAS) assert.equal(now.sacRate(eta), before.sacRate(eta));
  }
  // the twin: no point told apart, no SAC law, the host's rate everywhere
  const twin = sacPoints([], [0.075, 0.07]);
  assert.equal(sacZeroBelow(twin), null);
  const t = lawFromData(data(CANDIDATE, twin));
  for (const eta of ETAS) assert.equal(t.sacRate(eta), t.hostRate(eta));
});

test('(i) a tail point\'s ladder reaches past twice the previous point\'s n*: 80 as before while 2 n* <= 80, at most 160', () => {
  assert.equal(tailLadderMax(NaN), 80, 'the first tail point: the default ladder');
  for (const n of [10, 31.1, 40]) assert.equal(tailLadderMax(n), 80, `n* ${n}: the ladder of before`);
  // Na on N-graphene's host at 35 mV: n* 48.1 with B at 80 in every repetition, so 30 mV had n* unresolved below 80
  assert.equal(tailLadderMax(48.1), 100);
  assert.equal(tailLadderMax(56), 120);
  assert.equal(tailLadderMax(65), 140);
  assert.equal(tailLadderMax(90), TAIL_LADDER_CAP);
  assert.equal(TAIL_LADDER_CAP, 160);
});

test("(i) the tail's end is recorded: rule (a) / (b) closed; the grid's own end open unless rule (a)'s reading there was under 0.1 mV apart", () => {
  const tail = [point(0.045, 0, 0), point(0.04, 0, 0), point(0.035, 0, 0)];
  const reading = (low_V: number, law_mV: number, cut_mV: number) => ({ low_V, law_mV, cut_mV });
  const a = tailEndRecord(tail, { by: 'stop', why: 'less than 0.1 mV apart' }, [reading(0.04, 37.16, 25.41), reading(0.035, 37.2, 37.23)]);
  assert.deepEqual([a.by, a.open, a.at_mV, a.law_mV, a.cut_mV], ['rule (a)', false, 35, 37.2, 37.23]);
  const b = tailEndRecord(tail, { by: 'stop', why: '2 tail points in a row with J_s = 0' }, [reading(0.04, 73.88, 75.98)]);
  assert.deepEqual([b.by, b.open, b.law_mV], ['rule (b)', false, null]);
  // ffslit's Na on N-graphene host (1 mA/cm2): the grid ended below 35 mV with rule (a)'s readings 0.58 mV apart there
  const open = tailEndRecord(tail, { by: 'not-activated', why: 'n* not resolved' }, [reading(0.035, 37.2, 37.78)]);
  assert.deepEqual([open.by, open.open, open.law_mV, open.cut_mV], ['not-activated', true, 37.2, 37.78]);
  // no reading at the lowest point (no law yet): open
  assert.equal(tailEndRecord(tail, { by: 'floor', why: 'floor' }, [reading(0.04, 37.16, 37.16)]).open, true);
  // the grid's own end with the reading converged there: closed
  assert.equal(tailEndRecord(tail, { by: 'floor', why: 'floor' }, [reading(0.035, 37.2, 37.25)]).open, false);
  assert.deepEqual(tailEndRecord([], { by: 'no-point', why: 'no point activated' }, []), { at_mV: null, by: 'no-point', why: 'no point activated', law_mV: null, cut_mV: null, open: true });
});

test("the tail end 'electrode''s keys hold branch ffsfix's rules; the default's key and the floor tail's do not", () => {
  const s = resolveStudy({ metal: 'Li', host: 'N-graphene', sac: 'Zn-N4' });
  assert.equal(TAIL_RULES, 2);
  // keys computed on main 5536fab (before this branch) and on it: the default's and the floor tail's the same, the
  // candidate's (ffslit's 371ca6e949a80154491e6209) another
  const [mfpt, floor, cand] = [resolveAtomisticOptions({}), FLOOR, CANDIDATE].map((o) => atomisticKey(s, o));
  // options {} without a request resolve to the sampler 'mfpt': since mends110 its SAC boxes hold the refinement
  // (SAC_REFINE_CAP) in their key ('62c2b375ffc806e1a2e929b6' until then), so a box cached unrefined is not read as refined
  assert.equal(mfpt, '0c46c1e1b44ceb3f4dbc7742');
  assert.equal(floor, '060994ae598d32ffbff018de');
  assert.equal(cand, '7b4c6465089baca484524b73');
  assert.equal(atomisticKey(resolveStudy({ metal: 'Li', host: 'N-graphene' }), resolveAtomisticOptions({})), '7a6e71ddf499c5529c94c6c7');
});
