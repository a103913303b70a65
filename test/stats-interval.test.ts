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
  // review88 F2 (mends122): the nucleation reading's mean is over the seeds with a dip (> 0) since mends116/mends119, so it
  // is cut at 0 as the peak and plateau are (r88-hx point 0, 2 seeds: 3.88 [-28.07, 35.83] mV)
  const n = boundedInterval([1.37, 6.39], 'nucleation_overpotential_mV');
  assert.ok(meanInterval([1.37, 6.39]).lo < 0, 'the plain t interval runs below 0');
  assert.deepEqual([n.lo, n.mean, n.cut], [0, meanInterval([1.37, 6.39]).mean, 'interval cut at 0 (physical bound)']);
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

// mends68: one rule for every 95 % interval over seeds (compare, simulate --seeds, the screen, the workbench, results
// --by-point): the deposit's net charge is cut at 0 on a host that is not the metal, not on a foil of it (until mends68
// only --by-point said so: deposited_voxels was cut at 0 for every host and charge_C_per_cm2 never), and a constant of
// the run (the voxel's charge) has no interval.
test('the net deposit\'s bound by host and a run constant\'s missing interval, in boundedInterval and results --by-point (mends68)', async () => {
  const { boundedInterval, runMetricBounds } = await import('../src/stats/interval.js');
  const { pointTable } = await import('../src/sweep/results.js');
  const cu = { host: 'Cu', metal: 'Li' }, foil = { host: 'Li', metal: 'Li' };
  const charge = [0.001, 0.0001]; // t(1) 12.706: the plain interval runs to -0.0052
  const onCu = boundedInterval(charge, 'charge_C_per_cm2', [cu, cu]);
  assert.deepEqual([onCu.lo, onCu.cut], [0, 'interval cut at 0 (physical bound)']);
  const voxels = [-17, -5];
  const onFoil = boundedInterval(voxels, 'deposited_voxels', [foil, foil]);
  assert.ok(onFoil.lo < -17 && onFoil.cut === undefined, JSON.stringify(onFoil));
  // runs of both kinds, or a host not known: no bound
  assert.equal(runMetricBounds('deposited_voxels', [cu, foil]), undefined);
  assert.equal(runMetricBounds('deposited_voxels'), undefined);
  const q = boundedInterval([7.5e-15, 7.5e-15], 'charge_per_voxel_C', [cu, cu]);
  assert.deepEqual([q.mean, q.lo, q.hi, q.cut], [7.5e-15, NaN, NaN, undefined]);
  // results --by-point: the voxel's charge is one column, as the voxel's size (review58: it kept empty _lo95 / _hi95)
  const row = (seed: number, charge_C_per_cm2: number) => ({ index: seed, hash: `h${seed}`, label: { seed }, status: 'done', metrics: { ...cu, seed, charge_C_per_cm2, charge_per_voxel_C: 7.5e-15, voxel_nm: 10 } });
  const t = pointTable([row(1, 0.001), row(2, 0.0001)] as unknown as Parameters<typeof pointTable>[0]);
  const at = (c: string) => t.rows[0]![t.columns.indexOf(c)];
  assert.deepEqual([at('charge_per_voxel_C'), at('voxel_nm'), at('charge_C_per_cm2_lo95')], [7.5e-15, 10, 0]);
});

// review58: every constant of the run (RUN_CONSTANT_METRICS) is one column by point, as voxel_nm and temperature_K were:
// the voxel's charge had its mean and two columns always empty, so a by-point CSV read as a measured result without
// its interval. Two seeds of a Li foil that differ only in their seed.
test('results --by-point: a run constant is one column, with the seeds\' common value (review58)', async () => {
  const { pointTable } = await import('../src/sweep/results.js');
  const { RUN_CONSTANT_METRICS } = await import('../src/stats/interval.js');
  const metrics = { host: 'Li', metal: 'Li', charge_per_voxel_C: 7.539654748235294e-15, voxel_nm: 10, temperature_K: 298.15, deposited_voxels: -17 };
  const row = (seed: number) => ({ index: seed, hash: `h${seed}`, label: { seed }, status: 'done', metrics: { ...metrics, seed } });
  const t = pointTable([row(1), row(2)] as unknown as Parameters<typeof pointTable>[0]);
  for (const k of RUN_CONSTANT_METRICS) {
    assert.ok(t.columns.includes(k), `${k} in ${t.columns.join(',')}`);
    assert.ok(!t.columns.includes(`${k}_lo95`) && !t.columns.includes(`${k}_hi95`), `${k}: ${t.columns.join(',')}`);
    assert.equal(t.rows[0]![t.columns.indexOf(k)], metrics[k as keyof typeof metrics]);
  }
  assert.ok(t.columns.includes('deposited_voxels_lo95'), t.columns.join(','));
});

test('mends70: the mean height is bounded at 0 on a host that is not the metal, not on a foil (its pits read negative)', async () => {
  const { runMetricBounds } = await import('../src/stats/interval.js');
  assert.deepEqual(runMetricBounds('mean_height_nm', { host: 'Cu', metal: 'Li' }), { min: 0 });
  assert.equal(runMetricBounds('mean_height_nm', { host: 'Li', metal: 'Li' }), undefined);
});

// mends97 (mends96 left it): the space-charge zone's readings had no bound, so two seeds' onset layers 6 and 5 read
// 5.5 [-0.853, 11.9] in compare.csv and on the Compare page. Every number of an electrolyte run's `transport` block, by
// its path as seeds.json, --by-point and the workbench name it, has its physical bound; the salt balance's residual is
// signed (the field's salt less what it should hold) and has none. The block is typed in full (TransportMetrics and
// SandStepMetrics), so a key added to it without a bound fails here.
test('every number of the transport block has its physical bound; the space-charge onset layer is cut at 0 (mends97)', async () => {
  const { runMetricBounds, boundedInterval } = await import('../src/stats/interval.js');
  const { flatMetrics } = await import('../src/sweep/results.js');
  const { compareCsv } = await import('../src/batch/table.js');
  type T = import('../src/simulation/report.js').Metrics['transport'];
  const transport: NonNullable<T> = {
    electrolyte: 'LiPF6-EC-DMC', short_circuit_s: 0.5, sand_time_s: 0.07, sand_time_analytic_s: 0.06, limiting_current_mA_per_cm2: 10,
    surface_concentration_M: 0.1, concentration_overpotential_mV: 30, counter_concentration_M: 1.9, electrolyte_resistance_Ohm_cm2: 20,
    field_grid: { cell_nm: 100, columns: [4, 4], layers_in_box: 40, layers_total: 5040, boundary: 'diffusion layer', distance_um: 500 },
    reductions_rejected: 3, field_updates: 10, field_wall_share: 0.2, salt_balance_residual: -1e-6,
    space_charge: {
      anion_drift_um_per_s_per_mA_cm2: 0.1386, zones: 1, onset_s: 0.0754, onset_layer: 6, front_speed_um_per_s: 138.6,
      tip_speed_um_per_s: 21.22, layers_reached: 11, zone_lag_layers: 60, zone_drop_mV: 1048716, readings: 'text',
      solid_fraction: 0.05, columns: 16, columns_needed: 20,
    },
    sand_steps: [{ step: 1, protocol: 'Plate at 1000 mA/cm2 for 1 s', current_mA_per_cm2: 1000, sand_time_analytic_s: 0.06 }],
    sand_onset_step: 1, sand_onset_into_step_s: 0.07, readings_at: 'end of run',
  };
  // fieldaudit: the concentration overpotential is signed too (negative after a strip: c_s > c0)
  const signed = new Set(['transport.salt_balance_residual', 'transport.concentration_overpotential_mV']);
  const flat = flatMetrics({ transport })!;
  const numbers = Object.keys(flat).filter((k) => typeof flat[k] === 'number');
  assert.ok(numbers.length >= 30, numbers.join(','));
  const unbounded = numbers.filter((k) => !signed.has(k) && !(runMetricBounds(k)?.min === 0));
  assert.deepEqual(unbounded, [], `no bound at 0: ${unbounded.join(', ')}`);
  for (const k of signed) assert.equal(runMetricBounds(k), undefined, k);
  assert.equal(runMetricBounds('transport.field_wall_share')?.max, 1); // a share of the wall time
  // the two seeds mends96 measured (onset layers 6 and 5): compare.csv's interval cut at 0 and said so
  assert.equal(boundedInterval([6, 5], 'transport.space_charge.onset_layer').lo, 0);
  const run = (onset_layer: number) => ({ sacs: [], nucleation_overpotential_mV: 5, deposited_voxels: 10, dead_voxels: 0, cycles_completed: 0, steps_ended: [],
    transport: { ...transport, space_charge: { ...transport.space_charge!, onset_layer } } });
  const rows = [{ name: 'two seeds', runs: [run(6), run(5)] }] as unknown as Parameters<typeof compareCsv>[0];
  const [head, row] = compareCsv(rows).trim().split('\n').map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
  const at = (c: string) => row![head!.indexOf(c)];
  assert.deepEqual([at('transport.space_charge.onset_layer'), at('transport.space_charge.onset_layer_lo95')], ['5.5', '0']);
  assert.match(at('intervals_cut')!, /transport\.space_charge\.onset_layer: interval cut at 0 \(physical bound\)/);
});

// arearel (session 55): the ratio interval of sei-area-layer-relative (validation/studies/sei-area-layer-relative.ts),
// mean(small) / mean(large) of two unpaired samples, delta method on the log scale with Welch df. Its coverage on normal
// samples must be near 95 %: 16 against 48 values with equal relative standard errors (2 %), and 5 against 5 (where t
// matters). Measured on these draws: 0.950 and 0.964 (the t table's floor of df is conservative); an interval from the
// standard deviations instead of the standard errors covers 1.000 / 1.000, one that leaves out either sample's variance
// 0.84 / 0.83 (0.88 at 5 against 5), one with 1.96 in place of t 0.944 / 0.920. The verdict must tell the bound's
// outcomes apart.
test('arearel: ratioInterval covers the true ratio of means about 95 % of the time; verdict names inside / above / below / straddles', async () => {
  const { ratioInterval, verdict } = await import('../validation/studies/sei-area-layer-relative.js');
  let s = 12345;
  const rnd = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s + 0.5) / 4294967296; };
  const normal = () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
  const sample = (n: number, mean: number, cv: number) => Array.from({ length: n }, () => mean * (1 + cv * normal()));
  const reps = 3000;
  for (const [na, cva, nb, cvb, lo, hi] of [[16, 0.08, 48, 0.14, 0.935, 0.965], [5, 0.05, 5, 0.05, 0.94, 0.98]] as const) {
    let covered = 0;
    for (let k = 0; k < reps; k++) {
      const r = ratioInterval(sample(na, 0.42, cva), sample(nb, 0.95, cvb));
      if (r.lo < 0.42 / 0.95 && 0.42 / 0.95 < r.hi) covered++;
    }
    const cov = covered / reps;
    assert.ok(cov > lo && cov < hi, `${na} against ${nb} values: coverage ${cov} (${lo}-${hi} expected)`);
  }
  assert.equal(verdict(0.85, 1.2), 'inside');
  assert.equal(verdict(1.3, 1.4), 'above');
  assert.equal(verdict(0.4, 0.5), 'below');
  assert.equal(verdict(0.78, 0.9), 'straddles');
  assert.equal(verdict(1.2, 1.3), 'straddles');
});

// damkwide (session 57): sei-damkohler-wide-powered's 5-seed subsets (validation/studies/sei-damkohler-wide-powered.ts
// subsetRhos) draw k of the n seeds without replacement, the same seeds at every point. With k = n every draw is the
// full means' rho (a draw with replacement would repeat some seeds and move it); with k = 1 every draw is one seed's rho.
test('damkwide: subsetRhos draws seeds without replacement, the same at every point; k = n gives the full rho, k = 1 a single seed\'s', async () => {
  const { subsetRhos } = await import('../validation/studies/sei-damkohler-wide-powered.js');
  const { spearman } = await import('../validation/studies/sei-common.js');
  const { Rng } = await import('../src/kmc/rng.js');
  const g = new Rng(3);
  const pts = Array.from({ length: 4 }, (_, p) => Array.from({ length: 7 }, () => ({ area: p * 0.01 + g.next(), ce: 95 - p + 3 * g.next(), sei: 0, dead: 0 })));
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  const full = spearman(pts.map((p) => mean(p.map((r) => r.area))), pts.map((p) => mean(p.map((r) => r.ce))));
  const all = subsetRhos(pts, 7, 50, new Rng(1));
  assert.equal(all.length, 50);
  for (const r of all) assert.ok(Math.abs(r - full) < 1e-12, `k = n: ${r} against the full rho ${full}`);
  const single = pts[0]!.map((_, i) => spearman(pts.map((p) => p[i]!.area), pts.map((p) => p[i]!.ce)));
  for (const r of subsetRhos(pts, 1, 50, new Rng(2))) assert.ok(single.some((s) => Math.abs(s - r) < 1e-12), `k = 1: ${r} is no seed's rho (${single.join(', ')})`);
  assert.throws(() => subsetRhos(pts, 8, 1, new Rng(1)), /subset size 8 outside 1\.\.7/);
  assert.throws(() => subsetRhos(pts, 0, 1, new Rng(1)), /subset size 0 outside 1\.\.7/);
});
