/**
 * Why stripping at high current leaves Butler-Volmer in the `bv-asinh` study (2 monolayers): the
 * stepped foil loses its steps. Periodic boundaries allow no true vicinal staircase (docs/model.md:
 * k levels up, k down), so stripping removes the hills and leaves flat terraces, from which an atom
 * leaves only through a vacancy island (five bonds instead of a kink's three). Measured here on
 * the fresh foil, where the steps still exist:
 *  - galvanostatic stripping of a quarter monolayer at j / i0 = 10 and 100 (eta = time-weighted
 *    mean of the second half, as in bv-asinh), seeds 1-3;
 *  - potentiostatic holds at the Butler-Volmer overpotential of the same currents (the current is
 *    then the output: no estimator involved), seeds 1-3.
 * Li, 32 x 32 voxels of 10 nm, terraces 4 wide, 10 foil layers, C_dl 20 uF/cm2.
 */
import { parseRunInput } from '../../src/input/parse.js';
import { Simulation } from '../../src/simulation/simulation.js';
import { meanInterval } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const KB = 8.617333262e-5;
const SEEDS = [1, 2, 3];
const ML_MAH = 2.0947e-3; // one monolayer of 10 nm Li voxels, mAh/cm2
const bv = (ratio: number) => 2 * KB * 298.15 * Math.asinh(ratio / 2) * 1000;

function foil(protocol: string, seed: number, sample?: string, nu?: number, w = 4) {
  // the terrace-width sweep uses 40 layers: terraces 1 wide make k = 16 levels on 10 foil layers
  return parseRunInput({
    metal: 'Li', temperature: '25 degC', lattice: { size: [32, 32, w <= 2 ? 40 : 24], voxel: '10 nm', terrace_width: w }, host: 'Li',
    host_layers: 10, protocol: [protocol], seed, output: { snapshots: false, ...(sample ? { sample } : {}) },
    ...(nu ? { kinetics: { attemptFrequency: `${nu} 1/s` } } : {}),
  });
}

function stripEta(ratio: number, ml: number, seed: number, w = 4): number {
  const mAh = (ml * ML_MAH).toPrecision(4);
  const sim = new Simulation(foil(`Strip ${mAh} mAh/cm2 at ${ratio} mA/cm2`, seed, `${(Number(mAh) / 100).toPrecision(3)} mAh/cm2`, undefined, w));
  sim.runAll();
  const tr = sim.trace, n = tr.kmc_time_s.length;
  let num = 0, den = 0;
  for (let i = Math.floor(n / 2) + 1; i < n; i++) { const dt = tr.kmc_time_s[i]! - tr.kmc_time_s[i - 1]!; num += -tr.overpotential_mV[i]! * dt; den += dt; }
  return num / den;
}

/** net stripping current of a potentiostatic hold, in units of i0 (1 mA/cm2) */
function holdCurrent(eta_mV: number, seconds: number, seed: number, nu?: number, w = 4): number {
  const sim = new Simulation(foil(`Hold at ${eta_mV.toFixed(2)} mV for ${seconds} s`, seed, undefined, nu, w));
  const n0 = sim.netVoxels;
  sim.runAll();
  return (-(sim.netVoxels - n0) * sim.d.q_C) / sim.d.area_m2 / seconds / 10;
}

export const study: ValidationStudy = {
  id: 'bv-strip-steps',
  title: 'Butler-Volmer stripping on the fresh stepped foil (steps still present)',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    for (const ratio of [10, 100]) {
      const v = SEEDS.map((s) => stripEta(ratio, 0.25, s));
      const iv = meanInterval(v), ref = -bv(ratio);
      out.push({
        id: `bv-strip-fresh-${ratio}`, quantity: `strip overpotential on a fresh stepped Li foil, j / i0 = ${ratio}, first quarter monolayer`,
        published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
        measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(', ')}: ${v.map((x) => x.toFixed(1)).join(', ')} mV`,
        pass: Math.abs(iv.mean / ref - 1) <= 0.05,
        note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %); the bv-asinh row (2 monolayers, the steps stripped away) is the same current`,
      });
    }
    for (const [ratio, secs] of [[10, 0.3], [100, 0.03]] as const) {
      const v = SEEDS.map((s) => holdCurrent(bv(ratio), secs, s));
      const iv = meanInterval(v);
      out.push({
        id: `bv-strip-hold-${ratio}`, quantity: `stripping current of a potentiostatic hold at +${bv(ratio).toFixed(1)} mV on a fresh stepped Li foil`,
        published: `${ratio} mA/cm2 (j / i0 = ${ratio})`, source: 'Butler-Volmer, alpha 1/2, i0 = 1 mA/cm2',
        measured: iv.mean, unit: 'mA/cm2', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(', ')}: ${v.map((x) => x.toFixed(2)).join(', ')} mA/cm2 over ${secs} s`,
        pass: Math.abs(iv.mean / ratio - 1) <= 0.05,
        note: `error ${(100 * (iv.mean / ratio - 1)).toFixed(1)} % (tolerance 5 %); no double-layer estimator involved: the lattice's own rates at fixed eta`,
      });
    }
    // Kink supply: the same hold at 100 i0 with every hop 10 and 100 times faster (attempt frequency
    // 1e14 and 1e15 1/s instead of 1e13; equilibrium and the redox rates unchanged, only surface
    // diffusion faster). If the hold's deficit is the resupply of kink atoms by detachment and
    // diffusion, the current rises toward 100 i0 as hops speed up.
    const base = out.find((e) => e.id === 'bv-strip-hold-100')!;
    for (const nu of [1e14, 1e15]) {
      const v = SEEDS.map((s) => holdCurrent(bv(100), 0.03, s, nu));
      const iv = meanInterval(v);
      out.push({
        id: `bv-strip-hold-100-nu${nu.toExponential(0)}`, quantity: `stripping current of a hold at +${bv(100).toFixed(1)} mV on a fresh stepped Li foil, hops ${nu / 1e13} x faster (attempt frequency ${nu.toExponential(0)} 1/s)`,
        published: '100 mA/cm2 (j / i0 = 100)', source: 'Butler-Volmer, alpha 1/2, i0 = 1 mA/cm2',
        measured: iv.mean, unit: 'mA/cm2', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(', ')}: ${v.map((x) => x.toFixed(2)).join(', ')} mA/cm2 over 0.03 s`,
        pass: Math.abs(iv.mean / 100 - 1) <= 0.05,
        note: `kink-supply test: at 1e13 1/s (the default) ${base.measured.toFixed(1)} mA/cm2; error here ${(100 * (iv.mean / 100 - 1)).toFixed(1)} % (tolerance 5 %)`,
      });
    }
    // Step density (geometry, no energy changed): the same strip and hold with terraces 1, 2, 4 and 8
    // voxels wide (diagonal steps every w voxels, all fully kinked; 32 x 32, 10 foil layers, 40 layers
    // high for terraces 1 and 2 wide). If
    // the deficit at 100 i0 is the resupply of kinks along the steps, the current at the BV eta rises
    // and the strip overpotential falls toward Butler-Volmer as the steps get denser. (Terraces 1
    // wide make a 45-degree staircase whose top ridge is a line of one-bond atoms and whose valley a
    // line of five-bond sites; the first quarter of the strip removes the ridge, the second half is
    // the measurement.)
    const sweep: string[] = [];
    for (const w of [1, 2, 4, 8]) {
      const v = SEEDS.map((s) => stripEta(100, 0.25, s, w));
      const iv = meanInterval(v), ref = -bv(100);
      const h = SEEDS.map((s) => holdCurrent(bv(100), 0.03, s, undefined, w));
      const ih = meanInterval(h);
      sweep.push(`w ${w}: ${iv.mean.toFixed(1)} mV, hold ${ih.mean.toFixed(1)} i0`);
      out.push({
        id: `bv-strip-terrace-${w}`, quantity: `strip overpotential at j / i0 = 100 on a fresh stepped Li foil with terraces ${w} voxel${w > 1 ? 's' : ''} wide (${w * 10} nm), first quarter monolayer`,
        published: `${ref.toFixed(2)} mV`, source: 'Butler-Volmer, alpha 1/2: (2kT/e) asinh(j / 2 i0)',
        measured: iv.mean, unit: 'mV', interval: [iv.lo, iv.hi], runs: `seeds ${SEEDS.join(', ')}: ${v.map((x) => x.toFixed(1)).join(', ')} mV; 32 x 32 x ${w <= 2 ? 40 : 24}`,
        pass: Math.abs(iv.mean / ref - 1) <= 0.05 && v.every((x) => x < 0),
        note: `error ${(100 * (iv.mean / ref - 1)).toFixed(1)} % (tolerance 5 %); a hold at +${bv(100).toFixed(1)} mV on the same foil carries ${ih.mean.toFixed(1)} i0 [${ih.lo.toFixed(1)}, ${ih.hi.toFixed(1)}] (seeds ${SEEDS.join(', ')}: ${h.map((x) => x.toFixed(1)).join(', ')}; BV: 100)`,
      });
    }
    process.stderr.write(`bv-strip-steps terrace sweep: ${sweep.join('; ')}\n`);
    return out;
  },
};
