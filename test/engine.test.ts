/**
 * Physics and engine tests for the plating app (issue 2, "Must show"), fixed seeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI } from './helpers/runs.js';
import { Simulation } from '../src/simulation/simulation.js';
import { simulate } from '../src/simulation/simulate.js';
import { computeMetrics } from '../src/simulation/report.js';
import { morphology } from '../src/metrics/morphology.js';
import { METAL } from '../src/lattice/voxel.js';
import { DiffusionApp } from '../src/apps/diffusion.js';
import { solveOverpotential } from '../src/electrochem/galvanostat.js';
import { DoubleLayer } from '../src/electrochem/doublelayer.js';
import { runSeeds } from '../src/simulation/seeds.js';
import type { ProtocolStep } from '../src/input/types.js';
import { platingBenchRun } from '../src/bench/engine.js';

const KT_298 = 8.617333262e-5 * 298.15;

function fitSlope(xs: number[], ys: number[]): number {
  const n = xs.length, mx = xs.reduce((a, b) => a + b) / n, my = ys.reduce((a, b) => a + b) / n;
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
}

test('galvanostat: the solved overpotential satisfies A e^(a f eta) - B e^(-(1-a) f eta) = r', () => {
  const f = 1 / KT_298;
  for (const alpha of [0.5, 0.3, 0.7]) {
    for (const [A, B, r] of [[100, 50, 1000], [100, 50, -30], [1e3, 1e-3, 5], [2, 2000, 10]] as const) {
      const eta = solveOverpotential(A, B, r, alpha, f);
      const g = A * Math.exp(alpha * f * eta) - B * Math.exp(-(1 - alpha) * f * eta);
      assert.ok(Math.abs(g - r) <= 1e-9 * Math.max(1, Math.abs(r), A, B), `alpha ${alpha}: ${g} vs ${r}`);
    }
  }
});

// dlaudit: the double layer between updates, C_dl d(eta)/dt = (q/area)(r - A e^(a f eta) + B e^(-(1-a) f eta)) with the
// averages held, against a fourth-order Runge-Kutta integration of that equation (1e-7 s steps): the Riccati closed form
// (alpha 1/2) and the linearised sub-steps of any other alpha (DoubleLayer.integrate), which no run of the suite took
// (the transfer coefficient of every set is 1/2). Claim before the run: each within 0.01 mV of the reference over the
// charging transient (tau about 0.5 ms here) and at the Butler-Volmer root after 50 ms.
test('double layer: eta(t) between updates follows C_dl d(eta)/dt = j - j_F(eta) for alpha 1/2 and 0.3 (dlaudit)', () => {
  const f = 1 / KT_298, q = 7.54e-15, area = 1.024e-13, C = 0.2, A = 136, B = 136, r = 272; // j = 2 i0 of 32 x 32 voxels of 10 nm Li
  const k = q / (C * area);
  for (const alpha of [0.5, 0.3]) {
    const dl = new DoubleLayer({ C_F_per_m2: C, area_m2: area, q_C: q, alpha, f_per_V: f, exchangeRate_per_s: A, sites: 1024 });
    dl.init(0, A, B);
    dl.setRate(r);
    const rhs = (e: number) => k * (r - A * Math.exp(alpha * f * e) + B * Math.exp(-(1 - alpha) * f * e));
    let ref = 0, t = 0;
    for (const tEnd of [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3]) {
      const h = 1e-7;
      while (t < tEnd - h / 2) {
        const k1 = rhs(ref), k2 = rhs(ref + (h / 2) * k1), k3 = rhs(ref + (h / 2) * k2), k4 = rhs(ref + h * k3);
        ref += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4); t += h;
      }
      const eta = dl.update(tEnd, A, B);
      assert.ok(Math.abs(eta - ref) < 1e-5, `alpha ${alpha}, t ${tEnd} s: ${(eta * 1e3).toFixed(4)} mV, reference ${(ref * 1e3).toFixed(4)} mV`);
    }
    const root = solveOverpotential(A, B, r, alpha, f);
    const end = dl.update(0.05, A, B);
    assert.ok(Math.abs(end - root) < 1e-5, `alpha ${alpha}: ${(end * 1e3).toFixed(4)} mV after 50 ms, root ${(root * 1e3).toFixed(4)} mV`);
    assert.ok(Math.abs(ref) > 0.5 * Math.abs(root) && ref * root > 0, 'the reference has charged');
  }
});

test('charge conservation: deposited voxels x q equals the integral of I dt exactly', () => {
  // a 0.20 eV terrace hop (0.10 until branch testtime5): the same 864 net voxels and checks, with
  // 2,300 oxidations and 105,000 hops where the 0.10 eV hop spent 1.94 M hops (99 % of the events,
  // about 5 of the test's 5.2 CPU s) on surface diffusion the bookkeeping checked here does not need
  const run = makeRun({ size: [24, 24, 16], monolayers: 1.5, samples: 40, metal: { ...LI, terraceBarrier_eV: 0.20 } });
  const sim = new Simulation(run);
  const metal0 = sim.app.code.reduce((a, c) => a + (c === METAL ? 1 : 0), 0);
  sim.runAll();
  const metal1 = sim.app.code.reduce((a, c) => a + (c === METAL ? 1 : 0), 0);
  const step = sim.stepResults[0]!;
  assert.equal(step.ended, 'charge');
  const I_A = (run.protocol[0] as ProtocolStep).current_A_per_m2 * sim.d.area_m2;
  // voxels counted in the lattice, not from the event counters
  assert.equal(metal1 - metal0, sim.netVoxels);
  // the count above went through both ways a voxel leaves or moves: oxidation and surface hops
  assert.ok(sim.app.counters.oxidations > 0 && sim.app.counters.hops > 0, JSON.stringify(sim.app.counters));
  assert.equal((metal1 - metal0) * sim.d.q_C, I_A * step.duration_s);
  const m = computeMetrics(sim);
  assert.equal(m.deposited_voxels, metal1 - metal0);
  assert.ok(Math.abs(m.charge_C_per_cm2 - m.applied_charge_C_per_cm2) <= 1e-15 * m.charge_C_per_cm2);
  // the kMC clock agrees with the galvanostat clock within Poisson noise (a few sqrt(N))
  const N = sim.netVoxels;
  assert.ok(Math.abs(step.kmc_duration_s - step.duration_s) / step.duration_s < 6 / Math.sqrt(N) + 0.1);
});

test('Tafel: on a pure-metal surface eta vs log10 j has slope 2.303 kT/(alpha e) within 3 %', (t) => {
  // 28 x 28 columns (40 x 40 until branch testtime4): slope -1.07 % from 2.303 kT/(alpha e) (40 x 40:
  // -1.15 %) for 1.3 instead of 3.5 CPU s; with the galvanostat's closed form off by 5 % (2.1/f
  // for 2/f, dist edited) the slope is 3.9 % high and this test fails on 28 x 28 as on 40 x 40
  const xs: number[] = [], ys: number[] = [];
  for (const j of [10, 30, 100, 300, 1000]) {
    const run = makeRun({ size: [28, 28, 12], host: { name: 'Li', conducting: true, binding_eV: 0.1, redShift_eV: 0, terraceBarrier_eV: 0.1 }, current: j, monolayers: 2, samples: 50 });
    run.lattice.hostLayers = 2;
    const sim = new Simulation(run);
    sim.runAll();
    assert.equal(sim.stepResults[0]!.ended, 'charge');
    const eta = sim.trace.overpotential_mV.slice(5);
    xs.push(Math.log10(j));
    ys.push(-eta.reduce((a, b) => a + b, 0) / eta.length);
  }
  const slope = fitSlope(xs, ys);
  const expected = (2.302585093 * KT_298 / 0.5) * 1000; // 118.3 mV/dec
  t.diagnostic(`Tafel slope ${slope.toFixed(2)} mV/dec, expected ${expected.toFixed(2)} (${(100 * (slope / expected - 1)).toFixed(2)} %)`);
  assert.ok(Math.abs(slope - expected) / expected < 0.03, `slope ${slope.toFixed(2)} mV/dec, expected ${expected.toFixed(2)}`);
});

test('island density: irreversible submonolayer aggregation gives N ~ (D/F)^-chi, chi in [0.30, 0.36] over 3 decades', (t) => {
  // Island counts of seeds 1-4 pooled per D/F: one 128 x 128 seed has only ~10 islands at the
  // highest D/F, and single-seed fits scatter over 0.30-0.36 (pooled 6 seeds while writing: 0.325).
  const xs: number[] = [], ys: number[] = [];
  const L = 128, seeds = [1, 2, 3, 4];
  for (const Ed of [0.08, 0.14, 0.2, 0.26]) {
    let islands = 0, logDF = 0;
    for (const seed of seeds) {
      const run = makeRun({
        size: [L, L, 8], voxel_m: 0.3e-9, metal: LI,
        // one energy function: a lone adatom hops over E_ts + E_host, E_ts = E_d(Li) - E_mm = 0, so
        // E_host = Ed sets the diffusion barrier (irreversible: no oxidation, bonded atoms frozen)
        host: { name: 'x', conducting: true, binding_eV: Ed, redShift_eV: 0, terraceBarrier_eV: Ed },
        model: { irreversible: true }, current: 1000, monolayers: 0.1, samples: 10,
      });
      const sim = new Simulation({ ...run, seed });
      sim.runAll();
      assert.equal(sim.app.counters.oxidations, 0);
      const F = ((run.protocol[0] as ProtocolStep).current_A_per_m2 * 0.3e-9 ** 2) / sim.d.q_C;
      const D = sim.d.nuHop_per_s * Math.exp(-Ed / sim.d.kT_eV);
      logDF = Math.log10(D / F);
      islands += morphology(sim.grid, { hostTopZ: 0 }).island_count;
    }
    xs.push(logDF);
    ys.push(Math.log10(islands / (seeds.length * L * L)));
  }
  assert.ok(Math.abs(xs[xs.length - 1]! - xs[0]!) >= 3, `fit spans at least 3 decades: ${xs.join(', ')}`);
  const chi = -fitSlope(xs, ys);
  t.diagnostic(`chi ${chi.toFixed(3)} over log10(D/F) ${xs.map((x) => x.toFixed(2)).join(', ')}`);
  assert.ok(chi >= 0.30 && chi <= 0.36, `chi = ${chi.toFixed(3)}`);
});

test('SAC trend: more SAC sites and stronger SAC binding lower the nucleation overpotential', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'long physics study: run by `npm run validate` (study long-tests) or SACPLATE_FULL_VALIDATION=1' }, () => {
  // 48 x 48 columns, mean of seeds 1 and 2. (On 32 x 32 one seed's nucleation overpotential
  // scatters by +-12 mV, more than the 1 % loading effect; on 48 x 48 the order below held for
  // each of seeds 1-6 on its own: bare 36.7-48.2, 1 % 21.0-37.1, 5 % 12.7-16.7, weak 21.9-32.2 mV.)
  const base = { size: [48, 48, 20] as [number, number, number], monolayers: 0.6, samples: 60 };
  const sac = (binding: number, loading: number) => ({ site: { name: 'S', element: 'Zn', binding_eV: binding, redShift_eV: 0, terraceBarrier_eV: 0.08 }, loading_fraction: loading, arrangement: 'random' as const });
  const nuc = (sacs: ReturnType<typeof sac>[]) => {
    const ms = [1, 2].map((seed) => simulate({ ...makeRun({ ...base, sacs }), seed }).metrics);
    const mean = (k: 'nucleation_overpotential_mV' | 'sac_nucleation_share') => ms.reduce((a, m) => a + (m[k] ?? NaN), 0) / ms.length; // the share: null without SACs (unused there)
    return { nucleation_overpotential_mV: mean('nucleation_overpotential_mV'), sac_nucleation_share: mean('sac_nucleation_share') };
  };
  const bare = nuc([]);
  const few = nuc([sac(0.38, 0.01)]);
  const many = nuc([sac(0.38, 0.05)]);
  const weak = nuc([sac(0.2, 0.05)]);
  // a weakly binding host without SACs shows a clear peak followed by a lower plateau
  assert.ok(bare.nucleation_overpotential_mV > 10, `bare host peak-plateau ${bare.nucleation_overpotential_mV}`);
  assert.ok(many.nucleation_overpotential_mV < few.nucleation_overpotential_mV, `${many.nucleation_overpotential_mV} < ${few.nucleation_overpotential_mV}`);
  assert.ok(few.nucleation_overpotential_mV < bare.nucleation_overpotential_mV, `${few.nucleation_overpotential_mV} < ${bare.nucleation_overpotential_mV}`);
  assert.ok(many.nucleation_overpotential_mV < weak.nucleation_overpotential_mV, `strong ${many.nucleation_overpotential_mV} < weak ${weak.nucleation_overpotential_mV}`);
  assert.ok(many.sac_nucleation_share > 0.05, 'nuclei sit on SACs');
});

test('determinism: the same seed gives identical metrics and traces; another seed differs', () => {
  // a 0.20 eV terrace hop (0.10 until branch testtime6): equality holds exactly at any event count,
  // and the run still goes through every kind of event (checked below): seed 1 has 28,770 events
  // (881 reductions, 681 oxidations, 27,023 hops, 6,077 first-passage exits) where the
  // 0.10 eV hop spent 450,000 events, 99 % of them hops, three runs about 4 of the file's CPU s
  const run = makeRun({ size: [20, 20, 12], monolayers: 0.5, samples: 20, metal: { ...LI, terraceBarrier_eV: 0.20 } });
  const a = simulate(run), b = simulate(run), c = simulate({ ...run, seed: 2 });
  const strip = (m: Record<string, unknown>) => { const { wall_s: _w, events_per_s: _e, ...rest } = m; return rest; };
  assert.deepEqual(strip(a.metrics as never), strip(b.metrics as never));
  assert.deepEqual(a.trace, b.trace);
  assert.notDeepEqual(a.trace.overpotential_mV, c.trace.overpotential_mV);
  const m = a.metrics;
  assert.ok(m.reductions > 0 && m.oxidations > 0 && m.hops > 0 && m.first_passage_exits > 0,
    `every kind of event ran: ${JSON.stringify({ reductions: m.reductions, oxidations: m.oxidations, hops: m.hops, exits: m.first_passage_exits })}`);
});

test('seeds on worker threads: mean and spread, same per-seed metrics as a serial run', async () => {
  // numbers carried through threads, not surface diffusion: a 0.30 eV terrace hop (docs/speed.md,
  // "Tests and benchmarks") keeps each seed to about 2,000 events (1,665, 2,029 and 1,984 for seeds
  // 1-3, each seed's events and overpotential its own) where the 0.10 eV hop took 220,000-280,000
  // (about 1 CPU s a run, four runs); a worker given another seed's run fails the comparison below
  const run = makeRun({ size: [16, 16, 10], monolayers: 0.3, samples: 10, metal: { ...LI, terraceBarrier_eV: 0.30 } });
  const s = await runSeeds(run, [1, 2, 3], { threads: 2 });
  assert.equal(s.runs.length, 3);
  const serial = simulate({ ...run, seed: 2 }).metrics;
  assert.equal(s.runs[1]!.nucleation_overpotential_mV, serial.nucleation_overpotential_mV);
  assert.equal(s.runs[1]!.events, serial.events);
  const st = s.stats['nucleation_overpotential_mV']!;
  assert.ok(st.min <= st.mean && st.mean <= st.max && st.std >= 0);
});

test('reference diffusion app conserves atoms and keeps its neighbour counts consistent', () => {
  const app = new DiffusionApp({ size: 12, seed: 3 });
  app.run(20000);
  let atoms = 0;
  for (let i = 0; i < app.occ.length; i++) atoms += app.occ[i]!;
  assert.equal(atoms, app.atoms);
  const nb = new Int32Array(6);
  for (let i = 0; i < app.occ.length; i++) {
    app.lat.neighbors(i, nb);
    let c = 0;
    for (const t of nb) c += app.occ[t]!;
    assert.equal(app.nOcc[i], c);
  }
});

test('incremental event updates equal a full recomputation (SACs, weak bonds, irreversible)', () => {
  const cases = [
    makeRun({ size: [12, 12, 12], monolayers: 3, samples: 10, sacs: [{ site: { name: 'S', element: 'Zn', binding_eV: 0.38, redShift_eV: -0.05, terraceBarrier_eV: 0.08 }, loading_fraction: 0.1, arrangement: 'random' }] }),
    makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, metal: { ...LI, bond_eV: 0.03 } }),
    makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, model: { irreversible: true } }),
    makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, model: { reduction: 'per-bond' } }),
    // the KPZ test's setting (validation-kpz): hop attempt frequency 0, so no atom has a hop event
    // and a change collects no atom's hop (PlatingApp noHops); irreversible, per-bond reduction
    makeRun({ size: [10, 10, 14], monolayers: 4, samples: 10, metal: { ...LI, nu_per_s: 0 }, model: { irreversible: true, reduction: 'per-bond' } }),
    // the benchmark's setting (hop-dominated, 10 nm voxels on a graphene-like host): event-table
    // entries follow hopping atoms (PlatingApp.relabel)
    platingBenchRun([16, 16, 12]),
  ];
  for (const run of cases) {
    const sim = new Simulation(run);
    for (let k = 0; k < 60; k++) {
      sim.runStep(sim.steps[0]!, { eventLimit: sim.events + 400 });
      const bad = sim.app.checkConsistency();
      assert.equal(bad, null, `after ${sim.events} events: ${bad}`);
    }
  }
});

test('SAC trend: more SAC sites and stronger SAC binding give more (and smaller) nuclei early on', { skip: process.env.SACPLATE_FULL_VALIDATION === '1' ? false : 'long physics study: run by `npm run validate` (study long-tests) or SACPLATE_FULL_VALIDATION=1' }, () => {
  const sac = (binding: number, loading: number) => ({ site: { name: 'S', element: 'Zn', binding_eV: binding, redShift_eV: 0, terraceBarrier_eV: 0.08 }, loading_fraction: loading, arrangement: 'random' as const });
  const early = (sacs: ReturnType<typeof sac>[]) => simulate(makeRun({ size: [48, 48, 16], monolayers: 0.2, samples: 40, sacs })).metrics;
  const bare = early([]), few = early([sac(0.38, 0.01)]), many = early([sac(0.38, 0.05)]), weak = early([sac(0.2, 0.05)]);
  const d = (m: typeof bare) => m.nucleus_density_per_um2;
  assert.ok(d(bare) < d(few) && d(few) < d(many), `density bare ${d(bare)} < 1 % ${d(few)} < 5 % ${d(many)}`);
  assert.ok(d(weak) < d(many), `weak binding ${d(weak)} < strong binding ${d(many)}`);
});
