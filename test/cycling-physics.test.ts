/**
 * Physics trends of cycling (issue 5, "Must show" 2 and 3), fixed seeds, small lattices:
 *  - over seven decades of the Damkoehler number (surface diffusion slowed by the terrace barrier
 *    at 10 mA/cm2) deposits get more porous, stripping leaves more dead metal and CE falls;
 *  - at the same conditions a host with Zn-N4 single atoms gives higher CE and less dead metal
 *    than the bare graphene host.
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

test('SAC host: higher CE and less dead metal than the bare host at the same conditions', (t) => {
  // Da ~ 0.1 (terrace barrier 0.35 eV), 24 x 24 columns, seeds 1-6 averaged: at a lower Da
  // both hosts leave only a voxel or two of dead metal per run and the difference drowns in noise.
  // Measured while writing the test, 8 seeds: SAC below bare in 7 (24 x 24) and 6 (16 x 16).
  const seeds = [1, 2, 3, 4, 5, 6];
  const bare = averaged('graphene', 0.35, seeds, [], 24);
  const sac = averaged('graphene', 0.35, seeds, [{ site: 'Zn-N4', loading: '10 %', arrangement: 'random' }], 24);
  t.diagnostic(`graphene: CE ${bare.ce.toFixed(5)} dead ${bare.dead.toFixed(5)} porosity ${bare.porosity.toFixed(4)}; + Zn-N4 10 %: CE ${sac.ce.toFixed(5)} dead ${sac.dead.toFixed(5)} porosity ${sac.porosity.toFixed(4)} (Da ${bare.da.toExponential(2)})`);
  assert.ok(bare.dead > 0.001, 'the bare host leaves dead metal');
  assert.ok(sac.dead < 0.8 * bare.dead, `dead metal: SAC ${sac.dead} < 0.8 x bare ${bare.dead}`);
  assert.ok(sac.ce > bare.ce, `CE: SAC ${sac.ce} > bare ${bare.ce}`);
});
