/**
 * One energy function (MODEL.md 8.3) and the double layer (8.2a), fixed seeds.
 *  - (wetting, the Winterbottom shape, is the `wetting` validation study: too slow for npm test);
 *  - growth mode: 3D islands (Volmer-Weber) on lithiophobic Cu, layer-by-layer on a host that binds
 *    like the metal;
 *  - the double layer keeps the galvanostat's charge balance exactly and a stepped Li foil follows
 *    Butler-Volmer at high current (the full sweep is the `bv-asinh` validation study);
 *  - `electrochem.estimator: events` and `scaled-rates` read a flickering SAC box's plateau near its host's (the
 *    default rate-sum estimator's artefact: docs/model.md, "What `simulate` reads for SAFe-CVRCS").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../src/simulation/simulation.js';
import { morphology } from '../src/metrics/morphology.js';
import { makeRun, LI } from './helpers/runs.js';
import type { ProtocolStep } from '../src/input/types.js';
import { simulate } from '../src/simulation/simulate.js';

const KB = 8.617333262e-5;

test('growth mode: 3D islands on lithiophobic Cu, layer-by-layer on a host that binds like the metal', (t) => {
  // 1 monolayer of Li at 1 mA/cm2 on 10 nm voxels. Cu: E_host / E_mm = 0.146 (contact angle 135 deg,
  // params/hosts.ts); lithiophilic: E_host = E_mm. Effect stated before the run: the Cu deposit
  // covers under 70 % of the host, the lithiophilic one over 90 % (mean of seeds 1-2 until branch testtime10).
  // 16 x 16 columns (32 x 32 until branch testtime4; 12 x 12 since testtime21, below): the same coverages, Cu 0.258 / 0.238 (32 x 32:
  // 0.254 / 0.254), lithiophilic 0.996 / 0.992 (0.998 / 0.999), rms 17.4 / 18.8 nm against
  // 0.9 / 1.3 nm, for 7 instead of 18 CPU s on Cu (1.2-1.4 million events a seed instead of 2.4 million).
  // One seed (seed 1) since branch testtime10: a single seed lies more than 20 standard deviations of the
  // seed-to-seed scatter inside its bound (Cu 0.238 +- 0.020 against 0.7, lithiophilic 0.995 +- 0.002 against 0.9).
  // Seeds 1-6 each alone (16 x 16): Cu coverage 0.258, 0.238, 0.223, 0.211, 0.262, 0.234 (rms 17.1-19.7 nm),
  // lithiophilic 0.996, 0.992, 0.996, 0.996, 0.996, 0.992 (rms 0.9-1.3 nm); the second seed was 2.2 of the
  // test's 7 CPU s (Cu, 1.19 million events).
  // 12 x 12 columns since branch testtime21 (about 1 CPU s less, most of it Cu's hops): seeds 1-6 Cu 0.271, 0.410,
  // 0.340, 0.326, 0.361, 0.313 (0.337 +- 0.047: seed 1 nine of these deviations inside 0.7; rms 12.6-17.0 nm),
  // lithiophilic 0.993 each (rms 1.2 nm).
  // With the host binding like the metal (plating app, dist edited) Cu's coverage goes over 0.7 and
  // this test fails; with every host binding like Cu, the lithiophilic one's goes under 0.9 (12 x 12: the two
  // runs' own figures, 0.993 > 0.7 and 0.271 < 0.9).
  const cover = (binding: number) => {
    const run = makeRun({ size: [12, 12, 16], monolayers: 1, samples: 20, host: { name: 'h', conducting: true, binding_eV: binding, redShift_eV: 0, terraceBarrier_eV: binding } });
    const sim = new Simulation({ ...run, seed: 1 });
    sim.runAll();
    const m = morphology(sim.grid, { hostTopZ: 0 });
    return { c: m.host_coverage, rough: m.rms_roughness_nm };
  };
  const cu = cover(0.146 * LI.bond_eV), philic = cover(LI.bond_eV);
  t.diagnostic(`coverage Cu ${cu.c.toFixed(3)} (rms ${cu.rough.toFixed(1)} nm), lithiophilic ${philic.c.toFixed(3)} (rms ${philic.rough.toFixed(1)} nm)`);
  assert.ok(cu.c < 0.7, `Cu coverage ${cu.c}`);
  assert.ok(philic.c > 0.9, `lithiophilic coverage ${philic.c}`);
  assert.ok(cu.rough > philic.rough, 'the 3D deposit is rougher');
});

test('double layer: deposited voxels x q equals I t, and a stepped Li foil follows Butler-Volmer at j = 100 i0 within 5 %', (t) => {
  const run = makeRun({ size: [32, 32, 16], host: { name: 'Li', conducting: true, binding_eV: 0.1, redShift_eV: 0, terraceBarrier_eV: 0.1 }, current: 100, monolayers: 1.5, samples: 60 });
  run.lattice.hostLayers = 4; run.lattice.terraceWidth = 4;
  run.electrochem.doubleLayer_F_per_m2 = 0.2;
  const sim = new Simulation(run);
  const m0 = sim.app.metalCount;
  sim.runAll();
  const step = sim.stepResults[0]!;
  assert.equal(step.ended, 'charge');
  const I_A = (run.protocol[0] as ProtocolStep).current_A_per_m2 * sim.d.area_m2;
  assert.equal((sim.app.metalCount - m0) * sim.d.q_C, I_A * step.duration_s);
  // time-weighted mean over the second half (the double layer charges over ~N_AVG events first)
  const tr = sim.trace, n = tr.kmc_time_s.length;
  let num = 0, den = 0;
  for (let i = Math.floor(n / 2) + 1; i < n; i++) { const dt = tr.kmc_time_s[i]! - tr.kmc_time_s[i - 1]!; num += -tr.overpotential_mV[i]! * dt; den += dt; }
  const eta = num / den, bv = 2 * KB * 298.15 * Math.asinh(100 / 2) * 1000;
  t.diagnostic(`eta ${eta.toFixed(2)} mV, Butler-Volmer ${bv.toFixed(2)} mV`);
  assert.ok(Math.abs(eta / bv - 1) < 0.05, `eta ${eta} vs ${bv}`);
});

/**
 * Both SAFe tests below compare a SAC box with the bare cloth read with `estimator: events`, Li on carbon cloth, 8 x 8 x 8
 * voxels of 10 nm, 0.00025 mAh/cm2 at 1 mA/cm2, seed 1: one run of the cloth for both (a module-level lazy value; branch
 * testtime27). Until then the events test read both boxes at 0.0005 mAh/cm2 (SAFe-CVRCS 145.0 mV, the cloth 126.2) and
 * the scaled-rates test the cloth with the default rates at 0.00025 (122.8 mV): three cloth-and-SAC pairs' worth of runs
 * for two claims. The SAC box's events are front-loaded (its flickers before the first voxel: 3.73 million events at
 * 0.00025 mAh/cm2 against 3.74 million at 0.0005, testtime15), so the events test's smaller charge costs its SAC run
 * nothing and saves its cloth run. Measured (seeds 1-3, this setting; docs/history.md testtime27): the cloth by events
 * 130.2, 135.1, 115.8 mV; SAFe-CVRCS by events 133.9, 146.2, 138.2 (+3.7, +11.1, +22.4: testtime15's figures), by
 * scaled-rates 132.7, 124.5, 120.0 (+2.5, -10.6, +4.2), by the default rates 234.4, 225.1, 248.6 (+104.3, +90.0,
 * +132.9: the artefact, which fails both claims' 50 mV).
 */
const safePlateau = (sacs: boolean, estimator: 'events' | 'scaled-rates'): number => simulate({
  metal: 'Li', temperature: '25 degC', lattice: { size: [8, 8, 8], voxel: '10 nm' }, host: 'carbon-cloth',
  ...(sacs ? { sacs: [{ site: 'SAFe-CVRCS', loading: '2 %', arrangement: 'random' }] } : {}),
  protocol: ['Plate 0.00025 mAh/cm2 at 1 mA/cm2'], seed: 1, output: { snapshots: false },
  electrochem: { estimator },
}).metrics.plateau_overpotential_mV;
let clothRead: number | undefined;
/** the bare cloth's plateau read by events (run once, by whichever of the two tests comes first) */
const bareCloth = (): number => (clothRead ??= safePlateau(false, 'events'));

test('double layer, events estimator: Li on carbon cloth + SAFe-CVRCS 2 % plates at its host\'s plateau, not at the flicker\'s catch-up', () => {
  // The SAC sites' exchange (a lone atom reduced and oxidised ~1e6 times a second) dwarfs the applied
  // current. With the rate sums the galvanostat starts anodic (B-bar 0), plates nothing, then repays the
  // deficit at many times the current: 234.4 mV against the cloth's 130.2 mV on this box (seed 1, 0.00025 mAh/cm2;
  // 16 x 16 x 10, seeds 1-6: +148.5 mV, docs/history.md sacleak). Counting the events without the
  // flickers reads 133.9 mV here. Claim: within 50 mV of the bare cloth read the same way, either side (seeds 2, 3:
  // +11.1, +22.4 mV with events, +90.0, +132.9 mV with rates). At 0.0005 mAh/cm2 until branch testtime27 (above):
  // 145.0 against 126.2 mV, seeds 2, 3 +15.7, +22.8 with events, +121, +156 with rates.
  const sac = safePlateau(true, 'events'), bare = bareCloth();
  // two-sided: a SAC box that read far below its host (a sink pinning eta) would be as wrong as the catch-up above it
  assert.ok(Math.abs(sac - bare) < 50, `SAFe-CVRCS ${sac.toFixed(1)} mV against the bare cloth's ${bare.toFixed(1)} mV`);
});

test('double layer, scaled-rates estimator: Li on carbon cloth + SAFe-CVRCS 2 % plates at its host\'s plateau, not at the flicker\'s catch-up', () => {
  // The same artefact as above, read with the rate sums scaled by the window's non-flicker share (docs/model.md).
  // 0.00025 mAh/cm2 (about 8 voxels) on the same box, seed 1: SAFe-CVRCS 132.7 mV against the bare cloth's 130.2 mV read
  // by events (+2.5; the events test's run, above); with `estimator: rates` for the SAC box 234.4 mV (+104.3), and the
  // assertion fails. Seeds 2-3 against the cloth by events: -10.6, +4.2 mV with scaled-rates, +90.0, +132.9 with rates.
  // Until branch testtime27 the cloth was read here with the default rates, a run of its own (122.8 mV; +9.9): seeds 2-6
  // then -0.9, -22.2, +1.9, -18.6, -27.8 mV with scaled-rates, +99.7, +106.4, +156.2, +83.4, +105.3 mV with rates
  // (docs/history.md, estim4). Claim: within 50 mV of the bare cloth, either side.
  const sac = safePlateau(true, 'scaled-rates'), bare = bareCloth();
  assert.ok(Math.abs(sac - bare) < 50, `SAFe-CVRCS ${sac.toFixed(1)} mV against the bare cloth's ${bare.toFixed(1)} mV`);
});
