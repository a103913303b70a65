/**
 * Branch migstudy: the liquid's potential along the deposit's surface in the concentration-field mode, on real states
 * of the transport studies' DC runs (docs/transport.md, "The liquid's potential along the surface").
 *   nice node dist/bench/liquid-potential-probe.js [seed ...] > out.json   (PROBE_CASES=0,2: only those cases)
 *
 * Each case plates (hops off, as the studies: validation/studies/transport-common.ts) a charge that ends where the
 * field is to be sampled; the field is then brought to the step's clock and the liquid's potential solved
 * (fields/liquid-potential.ts) two ways: 'sink' (the model's current distribution, phi = 0 at the plane) and 'fixed'
 * (the deposit at phi = 0, the current through the plane). Printed per case: c_s / c0, heights, the spread (max - min)
 * of phi over the surface cells that pass current, its ohmic part alone (no diffusion potential), the rate ratio
 * exp(alpha f spread) it implies (alpha = 1/2), and for 'fixed' the spread and the largest cell current / the mean.
 *
 * The equation is fields/liquid-potential.ts': Newman's concentrated-solution form with a thermodynamic factor of 1 and
 * kappa = kappa0 c / c0 (kappa0, D and t+ independent), not dilute theory's (which ties kappa0 to D and t+ and gives
 * phi = (kT/e) ln c, 25.7 mV per e-fold, in a steady depleted layer). kappa0 c / c0 is about half Valoen-Reimers' own
 * kappa(c) below 0.2 M (2.06-2.40 times at 0.2-0.01 M), so the ohmic parts printed for the depleted states near Sand's
 * onset are overstated about 2 times (review81; docs/transport.md, "Known limits").
 */
import { parseRunInput } from '../src/input/parse.js';
import { Simulation } from '../src/simulation/simulation.js';
import { computeMetrics } from '../src/simulation/report.js';
import { liquidPotential } from '../src/fields/liquid-potential.js';

interface Case { name: string; size: [number, number, number]; layer: string; J: number; charge: number; stopAtSand?: boolean }
const F = 96485.33212, D = 3.22e-10, c0 = 1000, tPlus = 0.38;
const jLim = (L: number) => (F * D * c0) / ((1 - tPlus) * L) / 10; // mA/cm2
/** mAh/cm2 plated in t seconds at J mA/cm2 */
const q = (J: number, t: number) => (J * t) / 3600;
const L50 = 50e-6, L20 = 20e-6, tau50 = (L50 * L50) / D;
const cases: Case[] = [
  // 50 um layer (J_lim 100 mA/cm2), the studies' 16 x 16 x 64 box: steady state after 1.5 L^2/D
  { name: '0.5 J_lim, 50 um, steady', size: [16, 16, 64], layer: '50 um', J: 0.5 * jLim(L50), charge: q(0.5 * jLim(L50), 1.5 * tau50) },
  { name: '0.9 J_lim, 50 um, steady', size: [16, 16, 64], layer: '50 um', J: 0.9 * jLim(L50), charge: q(0.9 * jLim(L50), 1.5 * tau50) },
  // 20 um layer (J_lim 250.6 mA/cm2): transport-growth's 1.1 J_lim plate, at 0.8 x its onset and at its onset (stop_at_sand)
  { name: '1.1 J_lim, 20 um, 0.8 x onset', size: [16, 16, 64], layer: '20 um', J: 275, charge: q(275, 0.8 * 1.26) },
  { name: '1.1 J_lim, 20 um, at onset', size: [16, 16, 64], layer: '20 um', J: 275, charge: 0.2, stopAtSand: true },
  // and transport-sand's 400 mA/cm2 (500 um layer, 8 x 8 x 40) at its onset
  { name: '400 mA/cm2, 500 um, at onset', size: [8, 8, 40], layer: '500 um', J: 400, charge: 0.2, stopAtSand: true },
];
const seeds = process.argv.slice(2).map(Number);
if (seeds.length === 0) seeds.push(1);
const kT = 0.025693, alphaF = 0.5 / kT;
const out: unknown[] = [];
for (const seed of seeds) {
  for (const [ci, c] of cases.entries()) {
    if (process.env.PROBE_CASES && !process.env.PROBE_CASES.split(',').includes(String(ci))) continue;
    const run = parseRunInput({
      metal: 'Li', host: 'Cu', lattice: { size: c.size, voxel: '100 nm' }, kinetics: { attemptFrequency: '1 1/s' },
      electrolyte: 'LiPF6-EC-DMC', cell: { diffusion_layer: c.layer, field_cell: '100 nm', ...(c.stopAtSand ? { stop_at_sand: true } : {}) },
      protocol: [`Plate ${c.charge.toFixed(5)} mAh/cm2 at ${c.J.toFixed(3)} mA/cm2`], seed, output: { snapshots: false },
    });
    const w0 = performance.now();
    const sim = new Simulation(run);
    sim.runAll();
    const tp = sim.transport!;
    tp.advance(sim.time, sim.app, true);
    const m = computeMetrics(sim);
    const e = run.transport!.electrolyte;
    const base = { kappa0_S_per_m: e.kappa_S_per_m, tPlus: e.tPlus, kT_V: kT, J_A_per_m2: c.J * 10 };
    const sink = tp.reductionWeights(sim.app);
    const s = liquidPotential(tp.field, { ...base, electrode: 'sink', sink });
    const so = liquidPotential(tp.field, { ...base, electrode: 'sink', sink, diffusionPotential: false });
    const fx = liquidPotential(tp.field, { ...base, electrode: 'fixed' });
    const tf = liquidPotential(tp.field, { ...base, electrode: 'tafel', sink, alpha: 0.5, maxNewton: 80 });
    const tfo = liquidPotential(tp.field, { ...base, electrode: 'tafel', sink, alpha: 0.5, maxNewton: 80, diffusionPotential: false });
    // the current-weighted spread of the uniform-potential sink's phi: its rms about the weighted mean
    let sw = 0, s1 = 0, s2 = 0;
    for (let k = 0; k < s.surface.length; k++) { const a = s.surfaceCurrent[k]!, v = s.phi[s.surface[k]!]!; if (a > 0) { sw += a; s1 += a * v; s2 += a * v * v; } }
    const rms = Math.sqrt(Math.max(0, s2 / sw - (s1 / sw) ** 2));
    let mean = 0, n = 0, mx = 0;
    for (const x of fx.surfaceCurrent) if (x > 0) { mean += x; n++; if (x > mx) mx = x; }
    mean /= Math.max(1, n);
    // where the extremes sit: the z (nm) of the surface cells with the highest and lowest phi among those passing current
    const zOf = (i: number) => Math.round(tp.field.zc[(i / (tp.field.ncx * tp.field.ncy)) | 0]! * 1e9);
    let iHi = -1, iLo = -1;
    for (let k = 0; k < s.surface.length; k++) {
      if (!(s.surfaceCurrent[k]! > 0)) continue;
      const i = s.surface[k]!;
      if (iHi < 0 || s.phi[i]! > s.phi[iHi]!) iHi = i;
      if (iLo < 0 || s.phi[i]! < s.phi[iLo]!) iLo = i;
    }
    const r = {
      seed, case: c.name, J_mA_per_cm2: +c.J.toFixed(2), time_s: +sim.time.toPrecision(4), sand_s: tp.sandTime_s, ended: m.steps_ended,
      cs_over_c0: +(tp.surfaceConc / c0).toPrecision(3), rho: +tp.rho.toPrecision(3),
      max_height_nm: m.max_height_nm, mean_height_nm: +m.mean_height_nm.toPrecision(4),
      sink_spread_mV: +(s.spreadCarrying_V * 1e3).toPrecision(3), sink_spread_all_mV: +(s.spread_V * 1e3).toPrecision(3),
      sink_ohmic_spread_mV: +(so.spreadCarrying_V * 1e3).toPrecision(3),
      rate_ratio: +Math.exp(alphaF * s.spreadCarrying_V).toPrecision(4), sink_rms_mV: +(rms * 1e3).toPrecision(3),
      tafel_spread_sites_mV: +(tf.spreadSites_V * 1e3).toPrecision(3), tafel_spread_carrying_mV: +(tf.spreadCarrying_V * 1e3).toPrecision(3),
      tafel_moved: +tf.moved.toPrecision(3), tafel_ohmic_moved: +tfo.moved.toPrecision(3), tafel_newton: tf.newton, tafel_last_step_V: +tf.lastStep_V.toPrecision(2),
      phi_hi_z_nm: iHi >= 0 ? zOf(iHi) : null, phi_lo_z_nm: iLo >= 0 ? zOf(iLo) : null,
      fixed_spread_mV: +(fx.spreadCarrying_V * 1e3).toPrecision(3), fixed_focus: +(mx / mean).toPrecision(3),
      iterations: [s.iterations, fx.iterations, tf.iterations], residual: [s.relResidual, fx.relResidual, tf.relResidual].map((x) => +x.toPrecision(2)),
      wall_s: +((performance.now() - w0) / 1000).toFixed(1),
    };
    process.stderr.write(JSON.stringify(r) + '\n');
    out.push(r);
  }
}
console.log(JSON.stringify(out, null, 1));
