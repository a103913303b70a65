/**
 * The plating benchmark (src/bench/engine.ts benchPlating) reports, beside events/s, the work that
 * first-passage exits do without being events: exits, the expected hops they stand for,
 * hop-equivalent events and kMC seconds per CPU s. A small box (a few seconds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchPlating } from '../src/bench/engine.js';

test('benchPlating: first-passage exits, the hops they stand for and hop-equivalent events per CPU s add up from its windows', () => {
  const r = benchPlating([32, 32, 16], 20_000, 1, 3);
  const w = r.windows!;
  assert.equal(w.length, 3);
  assert.equal(w.reduce((s, x) => s + x.events, 0), r.events);
  const exits = w.reduce((s, x) => s + x.exits, 0), hops = w.reduce((s, x) => s + x.hops_replaced, 0);
  assert.ok(exits > 100, `the sparse-adatom stage on graphene uses first-passage domains (exits ${exits})`);
  // an exit from a square of half-width L >= 1 takes at least L + 1 hops, 4.5 on average at L = 1
  // (centre -> edge -> ...: E = 1 + 3.5); hops_replaced is 4 k T per exit, whose mean is that count
  assert.ok(hops / exits > 3, `expected hops per exit ${hops / exits}, at least 4.5 on average`);
  assert.ok(Math.abs(r.first_passage_hops_per_exit! - hops / exits) < 1e-9 * hops);
  const med = (xs: number[]) => { const s = xs.slice().sort((a, b) => a - b); return s[s.length >> 1]!; };
  assert.equal(r.hop_equivalent_events_per_cpu_s, med(w.map((x) => (x.events + x.hops_replaced) / x.cpu_s)));
  assert.equal(r.first_passage_exits_per_cpu_s, med(w.map((x) => x.exits / x.cpu_s)));
  assert.equal(r.kmc_s_per_cpu_s, med(w.map((x) => x.kmc_s / x.cpu_s)));
  assert.ok(r.hop_equivalent_events_per_cpu_s! > 2 * r.events_per_cpu_s!, 'the exits stand for more hops than the events');
  assert.ok(w.every((x) => x.kmc_s > 0 && x.cpu_s > 0));
});
