/**
 * capture.ts: the return probability p_ret of an adatom emitted from a cluster's explicit set, by
 * three independent routes that must agree (the screened lattice Green's function on the plane, the
 * same on the periodic box, conjugate gradients on the box), against the closed form for one site
 * (G(0,0) = 2 K(4 / (4 + a)) / (pi (4 + a)), K by the arithmetic-geometric mean, and
 * p_ret = (4 + a) / 4 - 1 / (4 G(0,0)) from G(1,0) = ((4 + a) G(0,0) - 1) / 4), and against brute-force
 * random walks. Tolerances: 1e-8 between exact routes (rounding and quadrature), 4 standard errors
 * for the walks (seeded).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureOfSet, explicitMask, hittingProbabilityBox, periodicGreen, returnProbabilityBox, returnProbabilityOfSet, screenedGreen, unwrapMask, captureFactorAt } from '../src/nucleation/capture.js';
import { runAtomistic } from '../src/nucleation/atomistic.js';
import { resolveStudy } from '../src/nucleation/index.js';
import { exchangeRate } from '../src/nucleation/system.js';
import { Rng } from '../src/kmc/rng.js';

const agm = (x: number, y: number) => { for (let i = 0; i < 60; i++) [x, y] = [(x + y) / 2, Math.sqrt(x * y)]; return x; };
const ellipticK = (k: number) => Math.PI / (2 * agm(1, Math.sqrt(1 - k * k)));
const singleSiteP = (a: number) => (4 + a) / 4 - (Math.PI * (4 + a)) / (8 * ellipticK(4 / (4 + a)));

test('one site: Green function and both box routes give the closed-form return probability', () => {
  for (const a of [1, 1e-2, 1e-4, 1e-8]) {
    const g00 = (2 * ellipticK(4 / (4 + a))) / (Math.PI * (4 + a));
    assert.ok(Math.abs(screenedGreen(0, 0, a) - g00) < 1e-8 * g00, `G(0,0) at a ${a}: ${screenedGreen(0, 0, a)} vs ${g00}`);
    // the lattice equation at the origin, (4 + a) G(0,0) - 4 G(1,0) = 1
    assert.ok(Math.abs((4 + a) * screenedGreen(0, 0, a) - 4 * screenedGreen(1, 0, a) - 1) < 1e-8);
    assert.ok(Math.abs(returnProbabilityOfSet([{ x: 0, y: 0 }], a) - singleSiteP(a)) < 1e-8, `a ${a}`);
  }
  // a box 20 diffusion lengths wide is the plane to ~exp(-20)
  const L = 101, a = 0.04, m = new Uint8Array(L * L);
  m[50 * L + 50] = 1;
  assert.ok(Math.abs(returnProbabilityBox(L, m, a) - singleSiteP(a)) < 1e-7);
  assert.ok(Math.abs(returnProbabilityOfSet([{ x: 0, y: 0 }], a, L) - singleSiteP(a)) < 1e-7);
});

test('conjugate gradients capped short of convergence throw, naming the set, lambda and the residual (not a partial h)', () => {
  const L = 24, a = 1 / 100, m = explicitMask(L, [12 * L + 12, 12 * L + 13, 13 * L + 12]);
  const n = m.reduce((s, v) => s + v, 0);
  assert.throws(() => hittingProbabilityBox(L, m, a, 2),
    new RegExp(`^RangeError: capture: hitting probabilities on the 24 x 24 box did not converge: set of ${n} sites, lambda 10\\.0 sites \\(a = 0\\.0100 per hop\\), relative residual \\d\\.\\d\\de-\\d+ after 2 conjugate-gradient iterations \\(wanted 1e-10\\)$`));
  // the default cap converges on the same set: h is 1 on the set and in (0, 1) off it
  const h = hittingProbabilityBox(L, m, a);
  for (let i = 0; i < L * L; i++) assert.ok(m[i] ? h[i] === 1 : h[i]! > 0 && h[i]! < 1, `site ${i}: ${h[i]}`);
});

test('a cluster: plane Green function = big-box solve; periodic Green function = box solve where the box matters', () => {
  const cluster = (L: number) => {
    const c0 = (L >> 1) * L + (L >> 1);
    return [[0, 0], [1, 0], [2, 0], [1, 1], [0, 1], [2, 1], [3, 1], [1, 2]].map(([dx, dy]) => c0 + dy! * L + dx!);
  };
  {
    const L = 65, a = 1 / 25; // lambda 5
    const m = explicitMask(L, cluster(L));
    const plane = returnProbabilityOfSet(unwrapMask(L, m), a);
    const cg = returnProbabilityBox(L, m, a);
    assert.ok(Math.abs(plane - cg) < 1e-6, `plane ${plane} vs box solve ${cg}`);
  }
  {
    const L = 24, a = 1 / 100; // lambda 10 in a 24-site box: the periodic images matter
    const m = explicitMask(L, cluster(L));
    const set = unwrapMask(L, m);
    const cg = returnProbabilityBox(L, m, a), green = returnProbabilityOfSet(set, a, L), plane = returnProbabilityOfSet(set, a);
    assert.ok(Math.abs(green - cg) < 1e-8, `periodic Green ${green} vs box solve ${cg}`);
    assert.ok(cg - plane > 1e-3, `the box returns more than the plane (${cg} vs ${plane})`);
    // the periodic Green function is periodic and symmetric
    assert.ok(Math.abs(periodicGreen(3, 5, a, L) - periodicGreen(L - 5, 3, a, L)) < 1e-12);
  }
});

test('random walks: an adatom leaving a set, started with weight c on the set\'s far neighbours, returns with p_ret', () => {
  // an L-shaped set of 4 sites, lambda 2 (a = 1/4): 20000 walks, each step lost with probability a / (4 + a)
  const set = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }, { x: 0, y: 2 }];
  const a = 0.25;
  const key = (x: number, y: number) => `${x},${y}`;
  const inI = new Set(set.map((p) => key(p.x, p.y)));
  const starts: { x: number; y: number }[] = []; // one entry per edge from I to a far site: weight c_x
  for (const p of set) for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) if (!inI.has(key(p.x + dx!, p.y + dy!))) starts.push({ x: p.x + dx!, y: p.y + dy! });
  const rng = new Rng(7);
  const N = 20000;
  let back = 0;
  for (let w = 0; w < N; w++) {
    let { x, y } = starts[rng.int(starts.length)]!;
    for (;;) {
      if (rng.next() < a / (4 + a)) break;
      const k = rng.int(4);
      x += k === 0 ? 1 : k === 1 ? -1 : 0; y += k === 2 ? 1 : k === 3 ? -1 : 0;
      if (inI.has(key(x, y))) { back++; break; }
    }
  }
  const c = captureOfSet(set, a);
  assert.equal(c.edges, starts.length);
  assert.equal(c.sites, 4);
  const pw = back / N, se = Math.sqrt((c.pRet * (1 - c.pRet)) / N);
  assert.ok(Math.abs(pw - c.pRet) < 4 * se, `walks ${pw} vs ${c.pRet} (se ${se.toFixed(4)})`);
});

test('recording clusters, following emissions or counting them changes no draw; the factor is 1 without a sea and 1 / (1 - p_ret) when the sea carries the growth', () => {
  const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'metal-rate' });
  const spec = {
    L: 16, T_K: s.T_K, eta_V: 0.12, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, sacBinding_eV: s.hostBinding_eV, sacRedShift_eV: 0,
    terraceBarrier_eV: 0.526, nu_per_s: s.nu_per_s, k0_per_s: exchangeRate(s), alpha: s.alpha, sacSites: [],
    target: 12, maxTime_s: 1e6, maxEvents: 2e5, reservoir: true, seed: 3,
  };
  const plain = runAtomistic(spec), rec = runAtomistic({ ...spec, recordClusters: true });
  assert.deepEqual([...rec.firstPassage_s], [...plain.firstPassage_s]);
  assert.equal(rec.events, plain.events);
  assert.ok(rec.reached && rec.clusterColumns !== undefined);
  // the recorded cluster at each n is one connected set of columns (unwrapMask throws on a set in pieces)
  for (let n = 2; n <= spec.target; n++) {
    const cols = rec.clusterColumns[n]!;
    assert.ok(cols.length >= 1, `n ${n}: no columns`);
    assert.doesNotThrow(() => unwrapMask(16, explicitMask(16, cols)));
  }
  // plain kMC with emissions followed: the same draws, and every emission ends in one of the four outcomes
  const p0 = runAtomistic({ ...spec, reservoir: false, maxEvents: 3e4 }), p1 = runAtomistic({ ...spec, reservoir: false, maxEvents: 3e4, traceEmissions: true });
  assert.deepEqual([...p1.firstPassage_s], [...p0.firstPassage_s]);
  assert.equal(p1.events, p0.events);
  assert.ok(p1.emissions !== undefined && p1.emissions.length > 0, 'no emission followed');
  for (const e of p1.emissions) assert.ok(['returned', 'bonded', 'lost', 'met'].includes(e.outcome) && e.cluster.length >= 1);
  // emission statistics in both arms: the same draws, and the time by size adds up to the run's time
  for (const reservoir of [true, false]) {
    const q0 = runAtomistic({ ...spec, reservoir, maxEvents: 3e4 }), q1 = runAtomistic({ ...spec, reservoir, maxEvents: 3e4, recordEmission: true });
    assert.deepEqual([...q1.firstPassage_s], [...q0.firstPassage_s]);
    assert.equal(q1.events, q0.events);
    assert.equal(q1.time_s, q0.time_s);
    const st = q1.emissionStats!;
    const total = st.time_s.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(total - q1.time_s) <= 1e-9 * q1.time_s, `time by size ${total} vs run ${q1.time_s}`);
    assert.ok(st.emissions.reduce((x, y) => x + y, 0) > 0 && st.arrivals.reduce((x, y) => x + y, 0) > 0, `${reservoir ? 'reservoir' : 'plain'}: no emission or arrival counted`);
    // a cluster of n atoms has at most n loose atoms
    for (let n = 0; n <= spec.target; n++) assert.ok(st.loose_s[n]! <= n * st.time_s[n]! * (1 + 1e-12), `loose at ${n}`);
  }
  const one = () => ({ pRet: 0.8, edges: 10, sites: 12 });
  assert.equal(captureFactorAt(one, [0, 1], 5, 0), 1);
  assert.ok(Math.abs(captureFactorAt(one, [0, 1], 5.5, 1e9) - 5) < 1e-6);
  assert.ok(Math.abs(captureFactorAt(one, [0], 5, 1) - 22 / 14) < 1e-12);
});
