import { test } from 'node:test';
import assert from 'node:assert/strict';
import { welchInterval, meanInterval } from '../src/stats/interval.js';
import { cli } from './helpers/cli.js';


test('welchInterval: difference of means with Welch-Satterthwaite degrees of freedom (worked by hand)', () => {
  // a: mean 2.5, var 5/3, se^2 5/12; b: mean 6, var 10, se^2 2; se = sqrt(29/12) = 1.55456;
  // df = (29/12)^2 / ((5/12)^2/3 + 2^2/4) = 5.52 -> t(5) = 2.571 (the table's floor, conservative).
  const iv = welchInterval([1, 2, 3, 4], [2, 4, 6, 8, 10]);
  assert.ok(Math.abs(iv.mean - -3.5) < 1e-12);
  assert.ok(Math.abs(iv.se - Math.sqrt(29 / 12)) < 1e-12);
  assert.ok(Math.abs(iv.lo - (-3.5 - 2.571 * Math.sqrt(29 / 12))) < 1e-9);
  assert.ok(Math.abs(iv.hi - (-3.5 + 2.571 * Math.sqrt(29 / 12))) < 1e-9);
});

test('welchInterval: swapping the arms mirrors the interval; equal arms contain 0', () => {
  const a = [5.1, 4.9, 5.3, 4.7], b = [5.0, 5.2, 4.8, 5.0];
  const ab = welchInterval(a, b), ba = welchInterval(b, a);
  assert.ok(Math.abs(ab.lo + ba.hi) < 1e-12 && Math.abs(ab.hi + ba.lo) < 1e-12);
  assert.ok(ab.lo < 0 && ab.hi > 0);
  // at least as wide as the normal-theory interval of the same standard error
  assert.ok(ab.hi - ab.lo >= 2 * 1.96 * Math.hypot(meanInterval(a).se, meanInterval(b).se));
});

// From loose8 (session 20, task loose8: the screening / evidence / full-cell / citing audit); failed on the code before its fix.
test('seed intervals are cut at a quantity\'s physical bounds and say so (2 seeds: SAC share 0.583 [-0.476, 1.642], nuclei down to -268 /um2)', async () => {
  const { boundedInterval, meanInterval } = await import('../src/stats/interval.js');
  const share = [0.5, 0.666];
  assert.ok(meanInterval(share).lo < 0 && meanInterval(share).hi > 1, 'the plain t interval runs past both bounds');
  const b = boundedInterval(share, 'sac_nucleation_share');
  assert.deepEqual([b.lo, b.hi, b.mean, b.cut], [0, 1, meanInterval(share).mean, 'interval cut at 0 and 1 (physical bound)']);
  const d = boundedInterval([20, 300], 'nucleus_density_per_um2');
  assert.equal(d.lo, 0); assert.ok(d.hi > 300); assert.equal(d.cut, 'interval cut at 0 (physical bound)');
  const n = boundedInterval([10, 12], 'nucleation_overpotential_mV'); // no bound: a reading <= 0 means no dip
  assert.ok(n.lo < 0); assert.equal(n.cut, undefined);
  // compare's table and CSV (one shared function: compare, seeds, screen, /api/runs/compare)
  const { formatCompareTable } = await import('../src/cli/compare-table.js');
  const { compareCsv } = await import('../src/batch/table.js');
  const m = (share: number, dens: number) => ({ sac_nucleation_share: share, nucleus_density_per_um2: dens, nucleation_overpotential_mV: 5, sacs: ['Zn-N4'], deposited_voxels: 10, dead_voxels: 0, cycles_completed: 0, steps_ended: [] });
  const rows = [{ name: 'two seeds', runs: [m(0.5, 20), m(0.666, 300)] }] as unknown as Parameters<typeof formatCompareTable>[0];
  const t = formatCompareTable(rows);
  assert.match(t, /0\.583 \[0\.000, 1\.000\]\*/);
  assert.match(t, /^note: two seeds: \* nuclei\/um2: interval cut at 0 \(physical bound\); SAC share: interval cut at 0 and 1 \(physical bound\): the 95 % interval over 2 seeds ran past/m);
  const [head, row] = compareCsv(rows).trim().split('\n').map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
  assert.equal(row![head!.indexOf('sac_nucleation_share_lo95')], '0');
  assert.equal(row![head!.indexOf('sac_nucleation_share_hi95')], '1');
  assert.match(row![head!.indexOf('intervals_cut')]!, /nucleus_density_per_um2: interval cut at 0 .*; sac_nucleation_share: interval cut at 0 and 1/);
});
