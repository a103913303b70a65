/**
 * Validation against published results (issue 2, "Must show" 4; MODEL.md section 6): growth with no
 * surface diffusion (Eden-like) belongs to the KPZ class, growth exponent beta ~ 0.24 in 2+1 D
 * (Kelling, Odor & Gemming; Aarao Reis, PRE 69, 021610, 2004).
 *
 * Set-up: `model: { irreversible: true, reduction: 'per-bond' }` (no oxidation, no detachment, an
 * empty voxel is reduced at a rate proportional to its number of solid neighbours) and hop attempt
 * frequency nu = 0 (no surface diffusion), a flat host, L x L columns, grown in steps at a held
 * overpotential on the same lattice (galvanostatic steps until branch testtime19: the same process, see
 * `hold`). After t monolayers the interface width W(t) is the RMS of the column-mass height (metal voxels
 * per column; the highest-voxel height is reported beside it).
 *
 * Why per-bond: the engine's default rule (every empty voxel touching a solid at the same rate) is
 * the perimeter-site Eden rule, which Jullien & Botet (J. Phys. A 18, 2279, 1985) found to carry
 * strong corrections to scaling. Measured here with it (t = 8..128): L = 128, 24 seeds, beta 0.165;
 * 8 seeds to t = 256, 0.168 -> 0.189 late; L = 256, 0.176: the asymptotic range is not reached at
 * sizes a test can afford. The per-bond rule, also Eden-like, has a much smaller intrinsic width
 * (W^2 at 8 ML about half) and reaches the KPZ range: measured with seed groups of four at
 * L = 128, t = 8..128: column-mass beta 0.242 (seeds 1-4), 0.207 (5-8); highest-voxel 0.229, 0.194.
 * On 24237c35's engine (branch testtime19, galvanostatic as then): 0.239 (1-4), 0.189 (5-8), 0.235 (9-12);
 * held (as now): 0.248, 0.246, 0.231. A group of four seeds spreads over about +-0.03: seeds 1-4 are the
 * test's, the window's margin for another group is thin, and the window alone does not tell the two rules apart on
 * every group: the per-site rule held reads 0.193 on seeds 1-4 but 0.204 on seeds 5-8 (testtime27). So the KPZ test
 * first checks the rule (branch testtime29): the per-site rule grown beside each seed to 8 ML, and the per-bond W^2 at
 * 8 ML under 0.8 of it on each seed (measured 0.585-0.648 on seeds 1-8, bench/eden-rules.ts; a per-bond rule that
 * ran as the per-site one reads exactly 1, since it is then the same process on the same seed).
 *
 * Estimator: the plain log-log slope of W^2(t) over t = 8..128 ML, halved (W ~ t^beta). The
 * Kertesz-Wolf form W^2 = A t^(2 beta) + w_i^2 (Kertesz & Wolf, J. Phys. A 21, 747, 1988) is fitted
 * beside it and reported only: with the per-bond rule's small intrinsic width it over-corrects
 * (0.284 with w_i^2 = 0.55 for seeds 1-4, where W^2 also curves up over the last octave); its
 * estimator is checked on synthetic curves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRun, LI, plate } from './helpers/runs.js';
import { Simulation } from '../src/simulation/simulation.js';
import { heightField, heightStats } from '../src/metrics/morphology.js';
import { METAL, DEAD } from '../src/lattice/voxel.js';
import type { ProtocolStep } from '../src/input/types.js';

const L = 128;
const T_MAX = 128;
const SEEDS = [1, 2, 3, 4];
/** times in monolayers: 8, 10, 11, 13, 16, ... 128 (quarter-octave steps) */
const TIMES = [...new Set(Array.from({ length: 17 }, (_, k) => Math.round(2 ** (3 + k / 4))))].filter((t) => t <= T_MAX);

/** least-squares slope and intercept of y on x */
function linfit(xs: number[], ys: number[]): { slope: number; intercept: number; sse: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; }
  const slope = sxy / sxx, intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - intercept - slope * xs[i]!) ** 2;
  return { slope, intercept, sse };
}

/** beta from the plain log-log slope of W^2 against t */
function betaPlain(t: number[], W2: number[]): number {
  return linfit(t.map(Math.log), W2.map(Math.log)).slope / 2;
}

/**
 * Kertesz-Wolf form W^2 = A t^(2 beta) + w_i^2: scans w_i^2 over [0, min W^2) and keeps the value
 * whose log-log fit of W^2 - w_i^2 has the smallest residual.
 */
function betaIntrinsic(t: number[], W2: number[], steps = 2000): { beta: number; wi2: number } {
  const lt = t.map(Math.log);
  const top = Math.min(...W2) * (1 - 1e-6);
  let best = { sse: Infinity, beta: NaN, wi2: NaN };
  for (let k = 0; k <= steps; k++) {
    const c = (top * k) / steps;
    const f = linfit(lt, W2.map((w) => Math.log(w - c)));
    if (f.sse < best.sse) best = { sse: f.sse, beta: f.slope / 2, wi2: c };
  }
  return { beta: best.beta, wi2: best.wi2 };
}

/**
 * `monolayers` more at a held overpotential of -50 mV ("Hold at -50 mV until <charge>"). The growth was a galvanostatic
 * plate (plate(1, ...), 1 mA/cm2) until branch testtime19. With no oxidation and no hops every event is a reduction
 * whose rate is the same multiplier of the overpotential times the site's bond count, so which site is reduced next
 * does not depend on the overpotential, held or set by the current: the same process (the same Eden growth), without
 * the double layer's solve after every reduction. About 17 % less CPU (a seed of 128 x 128 to 128 ML: 2.87 -> 2.37
 * CPU s); another trajectory, so other numbers: the plain beta of seeds 1-4 read 0.239 galvanostatic and reads 0.248
 * held (seeds 5-8: 0.189 and 0.246; 9-12: 0.235 and 0.231; testtime19's entry in docs/history.md), and the
 * perimeter-site rule held reads 0.193 on seeds 1-4 (fails the window, as galvanostatic).
 */
function hold(monolayers: number): ProtocolStep {
  const { charge_C_per_m2 } = plate(1, monolayers, 0.3e-9);
  return { kind: 'plate', control: 'potentiostatic', current_A_per_m2: 0, overpotential_V: -0.05, charge_C_per_m2, text: `Hold at -50 mV until ${monolayers} ML` };
}

/**
 * W^2 (voxels^2) of the column-mass height (metal voxels per column) and of the highest-voxel height (the highest metal
 * or dead voxel of a column above the host, as morphology.ts heightField), in one pass up to the highest metal layer so
 * far (the app's record; empty layers above it were scanned until branch testtime5: the same sums, about 0.15 CPU s more
 * a seed). Until branch testtime29 the highest-voxel height was heightField's own pass over every layer of the box
 * (nz = T_MAX + 48: 0.47 CPU s of the file's 68 calls); the same field (the widths compared to the bit on seeds 1-4, docs/history.md).
 */
function widthsNow(sim: Simulation, nz: number): { mass: number; top: number } {
  const nxy = L * L, mass = new Float64Array(nxy), top = new Int32Array(nxy), code = sim.app.code;
  const z0 = sim.d.hostTopZ, zTop = Math.min(nz - 1, sim.app.maxMetalZ);
  for (let z = z0 + 1; z <= zTop; z++) {
    const base = z * nxy, hz = z - z0;
    for (let p = 0; p < nxy; p++) { const v = code[base + p]; if (v === METAL) { mass[p]!++; top[p] = hz; } else if (v === DEAD) top[p] = hz; }
  }
  return { mass: heightStats(mass).rms ** 2, top: heightStats(top).rms ** 2 };
}

/** an Eden growth of this file's set-up (nu = 0, irreversible) with the given reduction rule on seed `seed` */
function edenSim(seed: number, reduction: 'per-bond' | 'per-site', nz: number): Simulation {
  return new Simulation(makeRun({
    size: [L, L, nz], voxel_m: 0.3e-9, metal: { ...LI, nu_per_s: 0 },
    model: { irreversible: true, reduction }, seed, monolayers: 1, samples: 1,
  }));
}

/**
 * The per-site (perimeter) rule beside the per-bond rule, paired by seed (branch testtime29): W^2 at TIMES[0] = 8 ML
 * for each rule, the same seed, lattice and charge. The per-bond rule fills a site in proportion to its solid
 * neighbours, so pits fill first and the intrinsic width is smaller (this header: W^2 at 8 ML about half); a
 * per-bond rule that ran as the per-site one would give the perimeter's trajectory itself, a ratio of exactly 1.
 */
interface Paired { seed: number; perBond: number; perSite: number }

let cached: { W2: number[]; W2top: number[]; oxidations: number; hops: number; paired: Paired[] } | undefined;
/** Ensemble-averaged W^2 (in voxels^2) at TIMES for the engine's Eden growth (column-mass and highest-voxel heights). */
function edenWidths(): { W2: number[]; W2top: number[]; oxidations: number; hops: number; paired: Paired[] } {
  if (cached) return cached;
  const nz = T_MAX + 48;
  const acc = TIMES.map(() => 0), accTop = TIMES.map(() => 0);
  let oxidations = 0, hops = 0;
  const paired: Paired[] = [];
  for (const seed of SEEDS) {
    const sim = edenSim(seed, 'per-bond', nz);
    const perimeter = edenSim(seed, 'per-site', TIMES[0]! + 48);
    const r0 = perimeter.runSubStep({ step: hold(TIMES[0]!), index: 0, cycle: 0, half_cycle: 0 });
    assert.equal(r0.ended, 'charge', `seed ${seed}: the per-site growth to ${TIMES[0]} ML ended by ${r0.ended}`);
    paired.push({ seed, perBond: NaN, perSite: widthsNow(perimeter, TIMES[0]! + 48).mass });
    let done = 0;
    TIMES.forEach((t, k) => {
      // each call continues the same lattice with the charge of (t - done) monolayers
      // (a variable, not a literal: FlatStep is gaining fields such as half_cycle)
      const flat = { step: hold(t - done), index: 0, cycle: 0, half_cycle: 0 };
      // runSubStep: the step without its end figures (the morphology of the whole lattice, which
      // runStep adds and this test does not read: 68 calls, 1.2 of 16 CPU s); the same events
      const r = sim.runSubStep(flat);
      assert.equal(r.ended, 'charge', `seed ${seed}: growth to ${t} ML ended by ${r.ended}`);
      done = t;
      const w = widthsNow(sim, nz);
      accTop[k]! += w.top;
      acc[k]! += w.mass;
      if (k === 0) paired[paired.length - 1]!.perBond = w.mass;
    });
    assert.equal(sim.netVoxels, T_MAX * L * L, 'every monolayer deposited');
    // the one-pass highest-voxel height is morphology.ts's height field (checked once a seed, at the last time)
    assert.equal(widthsNow(sim, nz).top, heightStats(heightField(sim.grid, sim.d.hostTopZ)).rms ** 2, `seed ${seed}: the highest-voxel W^2 is heightField's`);
    oxidations += sim.app.counters.oxidations;
    hops += sim.app.counters.hops;
  }
  cached = { W2: acc.map((a) => a / SEEDS.length), W2top: accTop.map((a) => a / SEEDS.length), oxidations, hops, paired };
  return cached;
}

test('KPZ estimator: the intrinsic-width fit recovers beta from W^2 = A t^(2 beta) + w_i^2', () => {
  for (const [beta, A, wi2] of [[0.24, 1.0, 3.0], [0.24, 0.4, 0], [0.2, 2.0, 1.5], [0.33, 0.8, 5]] as const) {
    const W2 = TIMES.map((t) => A * t ** (2 * beta) + wi2);
    const r = betaIntrinsic(TIMES, W2);
    assert.ok(Math.abs(r.beta - beta) < 0.005, `beta ${beta}, w_i^2 ${wi2}: fitted ${r.beta.toFixed(4)} (w_i^2 ${r.wi2.toFixed(3)})`);
    if (wi2 === 0) assert.ok(Math.abs(betaPlain(TIMES, W2) - beta) < 1e-9);
    else assert.ok(betaPlain(TIMES, W2) < beta - 0.02, 'an intrinsic width lowers the plain slope');
  }
});

test('Eden growth (no diffusion, no detachment): correlated roughening, beta far below random deposition', () => {
  const { W2, oxidations, hops } = edenWidths();
  assert.equal(oxidations, 0);
  assert.equal(hops, 0);
  for (let k = 1; k < W2.length; k++) assert.ok(W2[k]! > W2[k - 1]! * 0.97, `W^2 grows: ${W2.map((w) => w.toFixed(2)).join(' ')}`);
  const b = betaPlain(TIMES, W2);
  // random deposition (no lateral correlation) would give 1/2; Edwards-Wilkinson in 2+1 D only
  // logarithmic growth. Measured here: 0.14-0.20 (groups of 3-4 seeds).
  assert.ok(b > 0.10 && b < 0.30, `plain beta ${b.toFixed(3)}`);
});

test("KPZ: Eden growth gives a growth exponent beta between 0.20 and 0.27 in 2+1 D, by the per-bond rule (its W^2 at 8 ML under 0.8 of the per-site rule's, paired seeds)", (t) => {
  const { W2, W2top, paired } = edenWidths();
  // The rule first (branch testtime29): the beta window alone did not tell the per-bond rule from the per-site one on
  // every seed group (the per-site rule reads 0.193 on seeds 1-4 but 0.204 on 5-8, inside the window; testtime27).
  // Measured (bench/eden-rules.ts, L = 128): the per-bond / per-site ratio of W^2 at 8 ML 0.585-0.648 on each of
  // seeds 1-8 (W^2 1.97-2.09 against 3.18-3.43 voxels^2); a per-bond rule that runs as the per-site one reads 1 exactly.
  const ratios = paired.map((p) => `seed ${p.seed}: ${p.perBond.toFixed(3)} / ${p.perSite.toFixed(3)} = ${(p.perBond / p.perSite).toFixed(3)}`);
  t.diagnostic(`W^2 at ${TIMES[0]} ML, per-bond / per-site (paired seeds): ${ratios.join('; ')}`);
  for (const p of paired) assert.ok(p.perBond / p.perSite < 0.8, `the per-bond rule's W^2 at ${TIMES[0]} ML is not well below the per-site rule's: ${ratios.join('; ')}`);
  const fit = betaIntrinsic(TIMES, W2);
  const plain = betaPlain(TIMES, W2);
  const msg = `L = ${L}, t = ${TIMES[0]}..${TIMES[TIMES.length - 1]} ML, ${SEEDS.length} seeds: ` +
    `beta (W^2 = A t^2beta + w_i^2) ${fit.beta.toFixed(3)} with w_i^2 ${fit.wi2.toFixed(2)}, plain ${plain.toFixed(3)}; ` +
    `W^2 = ${W2.map((w) => w.toFixed(2)).join(' ')}`;
  t.diagnostic(msg + `; highest-voxel height: plain beta ${betaPlain(TIMES, W2top).toFixed(3)}`);
  assert.ok(plain >= 0.20 && plain <= 0.27, msg);
});
