/**
 * The two controls of MODEL.md section 9 (issue 9, must show 2), fast versions; the full ones (32 x 32
 * voxels of 10 nm, more seeds) are the `nucleation-convergence` validation study.
 *  - the metal's own stepped foil shows no nucleation overpotential (< 2 mV), with the default estimator and with
 *    `electrochem.estimator: scaled-rates`;
 *  - a SAC whose parameters equal its host's gives the host's nucleation overpotential (paired seeds,
 *    the 95 % interval of the difference contains 0).
 * Li at 1 mA/cm2 (j = i0) on 20 nm voxels: the box is 480 nm (foil) or 320 nm (graphene) wide.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunInput } from '../src/input/parse.js';
import { simulate } from '../src/simulation/simulate.js';
import { meanInterval, pairedInterval } from '../src/stats/interval.js';
import type { ResolvedRun } from '../src/input/types.js';

function li(host: string, size: number, mAh: string, extra: Record<string, unknown> = {}): ResolvedRun {
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [size, size, 24], voxel: '20 nm', ...extra }, host,
    protocol: [`Plate ${mAh} mAh/cm2 at 1 mA/cm2`], seed: 1, output: { snapshots: false },
    ...(host === 'Li' ? { host_layers: 4 } : {}),
  });
}
const nuc = (run: ResolvedRun, seed: number): number => simulate({ ...run, seed }).metrics.nucleation_overpotential_mV;

test('control: Li on its own stepped foil shows no nucleation overpotential (mean of seeds 1-4 below 2 mV)', () => {
  // 24 x 24 voxels of 20 nm, kinked diagonal steps every 4 voxels (3 levels up, 3 down), half a
  // monolayer. Claim stated before the run: the mean over seeds 1-4 is below 2 mV and no seed
  // exceeds 4 mV. (With the deficit feedback capped at 5 net voxels, 10 nm voxels on 32 x 32 gave
  // 17 mV: this test fails on an estimator that swings.)
  const v = [1, 2, 3, 4].map((s) => nuc(li('Li', 24, '0.002', { terrace_width: 4 }), s));
  const iv = meanInterval(v);
  assert.ok(iv.mean < 2, `foil nucleation overpotential ${v.map((x) => x.toFixed(2)).join(', ')} mV, mean ${iv.mean.toFixed(2)} mV`);
  assert.ok(Math.max(...v) < 4, `a seed above 4 mV: ${v.map((x) => x.toFixed(2)).join(', ')} mV`);
});

test('control, scaled-rates estimator: Li on its own stepped foil shows no nucleation overpotential (mean of seeds 1-4 below 2 mV)', () => {
  // The same box and claim as above with `electrochem.estimator: scaled-rates` (the rate sums scaled by the window's
  // non-flicker share). The events estimator fails this claim (seeds 1-4: 7.4, 10.2, 18.1, 11.4 mV: counts' noise,
  // docs/history.md estim1); scaled-rates read -0.38, -1.92, -1.17, -0.45 mV (estim3).
  const run = li('Li', 24, '0.002', { terrace_width: 4 });
  const v = [1, 2, 3, 4].map((s) => nuc({ ...run, electrochem: { ...run.electrochem, estimator: 'scaled-rates' } }, s));
  const iv = meanInterval(v);
  assert.ok(iv.mean < 2, `foil nucleation overpotential ${v.map((x) => x.toFixed(2)).join(', ')} mV, mean ${iv.mean.toFixed(2)} mV`);
  assert.ok(Math.max(...v) < 4, `a seed above 4 mV: ${v.map((x) => x.toFixed(2)).join(', ')} mV`);
});

test('control: a SAC with its host\'s parameters gives the host\'s nucleation overpotential (paired seeds 1-4)', () => {
  // Li on graphene (lithiophobic), 16 x 16 voxels of 20 nm, 0.001 mAh/cm2; 3 % of the top host sites
  // replaced by a "SAC" whose binding, reduction shift and terrace barrier are graphene's. Claim: the
  // 95 % interval of the paired difference contains 0, and the host itself shows a nucleation
  // overpotential (> 10 mV: the control is not trivially 0 - 0). Detectable effect: the interval's
  // half-width, printed on failure (about 15 mV with 4 pairs). Since SAC placement has its own
  // random stream and first-passage domains count the twin as host, the twin's run is the host's
  // (difference exactly 0 on every seed; test/sac-twin.test.ts checks that bit for bit): a failure
  // here means the SAC machinery changed a run.
  const host = li('graphene', 16, '0.001');
  const twin: ResolvedRun = {
    ...host,
    sacs: [{ site: { name: 'host-twin', element: 'C', binding_eV: host.host.binding_eV, redShift_eV: host.host.redShift_eV, terraceBarrier_eV: host.host.terraceBarrier_eV },
      loading_fraction: 0.03, arrangement: 'random' }],
  };
  const seeds = [1, 2, 3, 4];
  const a = seeds.map((s) => nuc(twin, s)), b = seeds.map((s) => nuc(host, s));
  const d = pairedInterval(a, b);
  const msg = `twin ${a.map((x) => x.toFixed(1)).join(', ')}; host ${b.map((x) => x.toFixed(1)).join(', ')} mV; difference ${d.mean.toFixed(1)} [${d.lo.toFixed(1)}, ${d.hi.toFixed(1)}] mV`;
  assert.ok(d.lo <= 0 && d.hi >= 0, msg);
  assert.ok(meanInterval(b).mean > 10, msg);
});
