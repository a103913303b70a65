/**
 * Session 30, task mends34: the sector scheme (src/parallel/). Its options maxTauOverAvg, etaStep_V
 * and eventLimit were not checked (a negative number or text ran without a word; a cap of 0 never
 * ended: on the code before, the first test times out); eventLimit was split evenly between the
 * threads, so a thread stopped within a phase while the other ran on and the rest of the run was
 * distorted: now the run stops as a whole, at the end of the cycle at which the box's events reach
 * the limit (the second test fails on the code before: thread 0's phases differ from the unlimited
 * run's). The kMC clock of a step with a small charge was measured, not changed (docs/parallel.md).
 * About 5 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSectors } from '../src/parallel/sector-run.js';
import { InputError } from '../src/errors.js';

const input = (protocol: string, seed = 2) => ({
  metal: 'Li', temperature: '25 degC', host: 'Cu', lattice: { size: [24, 24, 16], voxel: '50 nm' },
  protocol: [protocol], seed, output: { snapshots: false }, kinetics: { terraceBarrier: '0.3 eV' },
});

test('sector scheme: maxTauOverAvg, etaStep_V and eventLimit are checked (field, value, what is allowed)', async () => {
  const run = input('Plate 0.013 mAh/cm2 at 3 mA/cm2');
  const bad: [string, unknown, RegExp][] = [
    ['maxTauOverAvg', 0, /averaging windows.*> 0/], ['maxTauOverAvg', -1, /> 0/], ['maxTauOverAvg', '0.5', /> 0/], ['maxTauOverAvg', NaN, /> 0/],
    ['etaStep_V', 0, /in V > 0/], ['etaStep_V', -1e-3, /in V > 0/], ['etaStep_V', '1 mV', /in V > 0/],
    ['eventLimit', 0, /events >= 1/], ['eventLimit', -5, /events >= 1/], ['eventLimit', '1000', /events >= 1/], ['eventLimit', NaN, /events >= 1/],
  ];
  for (const [key, value, expected] of bad) {
    await assert.rejects(runSectors(run, { threads: 2, [key]: value }), (e: unknown) => {
      assert.ok(e instanceof InputError, `${key} ${String(value)}: ${String(e)}`);
      assert.equal(e.field, `engine.${key}`);
      assert.match(e.message, new RegExp(`^engine\\.${key}: got ${typeof value === 'string' ? `"${value}"` : String(value)}`));
      assert.match(e.message, expected);
      return true;
    });
  }
});

test('sector scheme: eventLimit stops every thread at the same cycle, the unlimited run\'s up to there', async (t) => {
  const run = input('Plate 0.013 mAh/cm2 at 3 mA/cm2');
  const full = await runSectors(run, { threads: 2, phaseLog: true });
  const limit = Math.round(full.events / 2);
  const part = await runSectors(run, { threads: 2, phaseLog: true, eventLimit: limit });
  const logs = (r: typeof full) => r.phases!.map((p) => Array.from(p).filter((_, i) => i % 3 !== 2)); // events and expected events per phase
  const [a, b] = [logs(full), logs(part)];
  t.diagnostic(`unlimited: ${full.events} events, ${full.cycles} cycles; eventLimit ${limit}: ${part.events} events, ${part.cycles} cycles, threads ${part.phases!.map((p) => p.length / 3).join(' and ')} phases`);
  assert.equal(part.ended, 'event_limit');
  assert.ok(part.cycles < full.cycles && part.cycles > 10, `${part.cycles} cycles`);
  for (let k = 0; k < 2; k++) {
    assert.equal(b[k]!.length, 2 * 2 * part.cycles, `thread ${k}: two phases a cycle, every cycle`);
    assert.deepEqual(b[k], a[k]!.slice(0, b[k]!.length), `thread ${k}: the unlimited run's phases`);
  }
  // it stopped at the first cycle whose end reached the limit: the cycle before had not
  const cycleEvents = (c: number) => b.reduce((s, l) => s + l[4 * c]! + l[4 * c + 2]!, 0);
  const before = part.events - cycleEvents(part.cycles - 1);
  assert.ok(part.events >= limit && before < limit, `${before} events before the last cycle, ${part.events} after, limit ${limit}`);
  assert.equal(part.atom_balance, 0);
  assert.equal(part.stale_voxels, 0);
});
