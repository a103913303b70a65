/**
 * Physics trends of cycling (issue 5, "Must show" 2 and 3), fixed seeds, small lattices:
 *  - over seven decades of the Damkoehler number (surface diffusion slowed by the terrace barrier
 *    at 10 mA/cm2) deposits get more porous, stripping leaves more dead metal and CE falls;
 *  - at the same conditions a host with Zn-N4 single atoms leaves no more dead metal than the bare
 *    graphene host (the review's advantage is not resolved by this reaction-limited model).
 * The effects are small in this reaction-limited model (no electrolyte transport): dead metal is
 * a few tenths of a percent of the plated charge at the highest Da (see docs/cycling.md), i.e. a
 * handful of voxels per run, so every comparison averages seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../src/simulation/simulate.js';

interface Outcome { da: number; ce: number; dead: number; porosity: number }

function cycle(host: string, barrier_eV: number, seed: number, sacs: unknown[] = [], L = 16): Outcome {
  const r = simulate({
    metal: 'Li', temperature: '25 degC', lattice: { size: [L, L, 40], voxel: '10 nm' }, host, sacs,
    kinetics: { terraceBarrier: `${barrier_eV} eV` },
    protocol: [{ repeat: 2, steps: ['Plate 0.01 mAh/cm2 at 10 mA/cm2', 'Strip at 10 mA/cm2 until 1 V'] }],
    seed, output: { snapshots: false },
  });
  const c = r.cycles.cycles;
  assert.equal(c.length, 2);
  for (const x of c) assert.ok(['no_metal', 'cutoff'].includes(x.strip_ended));
  return {
    da: r.metrics.damkohler_number!,
    ce: r.metrics.average_ce!,
    dead: r.metrics.dead_metal_fraction,
    porosity: c.reduce((a, x) => a + x.porosity, 0) / c.length,
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function averaged(host: string, barrier: number, seeds: number[], sacs: unknown[] = [], L = 16): Outcome {
  const runs = seeds.map((s) => cycle(host, barrier, s, sacs, L));
  return { da: runs[0]!.da, ce: mean(runs.map((r) => r.ce)), dead: mean(runs.map((r) => r.dead)), porosity: mean(runs.map((r) => r.porosity)) };
}

test('Damkoehler trend: compact deposits strip fully, porous ones leave dead metal and lower CE', (t) => {
  // Seeds 1-4 averaged. Above Da ~ 0.1 dead metal and porosity saturate in this reaction-limited
  // model on a 0.16 um box (seed to seed, Da 0.1 and Da 300 overlap), so the test compares the
  // compact end with each porous one rather than asserting an order between the two porous ones.
  const seeds = [1, 2, 3, 4];
  const rows = [0.15, 0.35, 0.55].map((b) => ({ barrier: b, ...averaged('Cu', b, seeds) }));
  for (const r of rows) t.diagnostic(`E_d ${r.barrier} eV  Da ${r.da.toExponential(2)}  CE ${r.ce.toFixed(5)}  dead ${r.dead.toFixed(5)}  porosity ${r.porosity.toFixed(4)}`);
  const [lo, mid, hi] = rows as [typeof rows[0], typeof rows[0], typeof rows[0]];
  assert.ok(mid.da / lo.da > 10 && hi.da / mid.da > 10, 'each step spans more than a decade of Da');
  assert.ok(lo.dead <= 0.0005, `low Da: (almost) no dead metal: ${lo.dead}`);
  assert.ok(lo.ce >= 0.9995, `low Da strips almost fully: CE ${lo.ce}`);
  for (const p of [mid, hi]) {
    assert.ok(p.dead >= 0.001 && p.dead > 3 * lo.dead, `Da ${p.da.toExponential(1)}: dead metal ${p.dead} well above the compact ${lo.dead}`);
    assert.ok(p.ce < lo.ce - 0.0005, `Da ${p.da.toExponential(1)}: CE ${p.ce} below the compact ${lo.ce}`);
    assert.ok(p.porosity > 3 * lo.porosity, `Da ${p.da.toExponential(1)}: porosity ${p.porosity} > 3 x the compact ${lo.porosity}`);
  }
});

test('SAC host: no more dead metal than the bare host (the review\'s advantage is within the noise of this model)', (t) => {
  // What the v1 model shows, measured while writing this test (24 x 24, Da ~ 0.1, 10 % Zn-N4,
  // 40 seeds each): dead fraction 0.00189 bare vs 0.00151 SAC (SAC lower in 25 of 40) with one
  // random stream, 0.00170 vs 0.00178 with another (a changed integer draw): a 10-20 % reduction
  // at best, 0.5-3 standard errors. The mechanism the review names (uniform nucleation -> compact
  // deposit -> fewer cut-off clusters) needs transport-limited growth, which v1 lacks; at 10 mA/cm2
  // nucleation is not even limiting (nucleation overpotential 6-10 mV on both hosts). So this test
  // asserts only what is robust: both hosts leave dead metal, and the SAC host does not leave more
  // (its mean within 2 paired standard errors above the bare one). See docs/cycling.md.
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
  const sacs = [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }];
  const pairs = seeds.map((s) => ({ bare: cycle('graphene', 0.35, s, [], 24), sac: cycle('graphene', 0.35, s, sacs, 24) }));
  const d = pairs.map((p) => p.sac.dead - p.bare.dead);
  const md = mean(d);
  const se = Math.sqrt(d.reduce((a, x) => a + (x - md) * (x - md), 0) / (d.length - 1) / d.length);
  const bare = mean(pairs.map((p) => p.bare.dead)), sac = mean(pairs.map((p) => p.sac.dead));
  const lower = d.filter((x) => x < 0).length;
  t.diagnostic(`dead fraction: graphene ${bare.toFixed(5)}, + Zn-N4 10 % ${sac.toFixed(5)} (difference ${md.toFixed(5)} +- ${se.toFixed(5)}, SAC lower in ${lower} of ${d.length}); CE ${mean(pairs.map((p) => p.bare.ce)).toFixed(5)} vs ${mean(pairs.map((p) => p.sac.ce)).toFixed(5)}`);
  assert.ok(bare > 0.001 && sac > 0.001, 'both hosts leave dead metal at Da ~ 0.1');
  assert.ok(md < 2 * se, `SAC dead metal ${sac} not above bare ${bare} beyond 2 standard errors (${se})`);
});
