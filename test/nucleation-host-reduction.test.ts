/**
 * The rule for reduction on the bare host (issue 15; src/nucleation/host-reduction.ts). Claims,
 * stated before the runs:
 *  - `bronsted`: the shift is beta = 1/2 of the binding deficit against the metal's own terrace
 *    adatom, so the metal's own surface has none (own-metal control), a SAC with the host's numbers
 *    has the host's, and stronger binding never raises it; `metal-rate` has none anywhere;
 *  - the rule keeps the lone adatom's equilibrium (the electrode's sea has the same oxFactor and so
 *    the same theta1(eta)) and slows the host's exchange rate by exactly exp(-shift / kT);
 *  - in the atomistic stage with lone adatoms eliminated (reservoir), every slow event touches metal
 *    (MODEL.md 3: the barrier of the most catalytic neighbour) or is the sea's equilibrium, so a host
 *    shift leaves the first-passage times bit for bit unchanged (same seeds); in plain kMC, where a
 *    lone adatom's reduction and oxidation are sampled, it changes them;
 *  - the electrode stage with Li on graphene's measured-size 2D law: the slower host carries a
 *    smaller share of the current through its adatom sea and the plateau is higher.
 * Small boxes and short runs (under a second together).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reductionShifts, parseHostReduction, BRONSTED_BETA } from '../src/nucleation/host-reduction.js';
import { resolveStudy, seaOf, runAtomistic, simulateElectrode } from '../src/nucleation/index.js';
import type { AtomisticSpec } from '../src/nucleation/atomistic.js';
import { InputError } from '../src/errors.js';

const KT = 8.617333262e-5 * 298.15;

test('host reduction rule: own metal 0, SAC twin = host, stronger binding never raises the shift, metal-rate none, bad rule names the field', () => {
  const own = resolveStudy({ metal: 'Li', host: 'Li', hostReduction: 'bronsted' });
  assert.equal(own.reduction.host_eV, 0);
  const host = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'bronsted' });
  assert.ok(host.hostBinding_eV < host.bond_eV, 'graphene binds a lone Li more weakly than Li(100) does');
  assert.ok(Math.abs(host.reduction.host_eV - BRONSTED_BETA * (host.bond_eV - host.hostBinding_eV)) < 1e-12);
  const shifts = [-2.37, -2.4, -2.45, -2.6, -3.66].map((b) => resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'bronsted', sac: { binding_eV: b, reference_eV: -2.37, element: 'Zn' } }).reduction.sac_eV!);
  assert.equal(shifts[0], host.reduction.host_eV, 'SAC twin');
  for (let i = 1; i < shifts.length; i++) assert.ok(shifts[i]! <= shifts[i - 1]!, `shifts ${shifts.join(', ')}`);
  const old = reductionShifts('metal-rate', { bond_eV: 0.1, hostBinding_eV: 0.01, sac: { binding_eV: 0.02, redShift_eV: -0.05 } });
  assert.deepEqual([old.host_eV, old.sac_eV], [0, -0.05]);
  assert.throws(() => parseHostReduction('--host-reduction', 'fast'), (e: unknown) => e instanceof InputError && e.message.startsWith('--host-reduction: got'));
});

test('host reduction rule keeps the adatom equilibrium and slows the host exchange by exp(-shift/kT)', () => {
  const a = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'bronsted' });
  const b = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'metal-rate' });
  const sa = seaOf(a), sb = seaOf(b);
  assert.equal(sa.oxFactor, sb.oxFactor);
  assert.equal(sa.hop_per_s, sb.hop_per_s);
  assert.ok(Math.abs(sa.k0_per_s / sb.k0_per_s / Math.exp(-a.reduction.host_eV / KT) - 1) < 1e-12);
  assert.ok(sa.k0_per_s < 0.25 * sb.k0_per_s, `${sa.k0_per_s} vs ${sb.k0_per_s}`);
});

test('atomistic stage: a host shift cancels out with the reservoir, not in plain kMC', () => {
  const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'bronsted' });
  const spec = (shift: number, reservoir: boolean, seed: number): AtomisticSpec => ({
    L: 12, T_K: s.T_K, eta_V: 0.14, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, sacBinding_eV: s.hostBinding_eV, sacRedShift_eV: 0,
    hostRedShift_eV: shift, terraceBarrier_eV: s.terraceBarrier_eV, nu_per_s: s.nu_per_s, k0_per_s: (s.i0_A_per_m2 * s.a_m ** 2) / 1.602176634e-19,
    alpha: s.alpha, sacSites: [], reservoir, target: 12, maxTime_s: 1e6, maxEvents: reservoir ? 200000 : 20000, seed,
  });
  const shift = s.reduction.host_eV;
  for (const seed of [1, 2, 3]) {
    const x = runAtomistic(spec(0, true, seed)), y = runAtomistic(spec(shift, true, seed));
    assert.ok(x.reached, `seed ${seed} nucleated`);
    assert.deepEqual(Array.from(y.firstPassage_s), Array.from(x.firstPassage_s), `seed ${seed}`);
    assert.equal(y.theta1, x.theta1);
  }
  // plain kMC samples the lone adatom's reduction and oxidation, where the shift acts
  const p = runAtomistic(spec(0, false, 1)), q = runAtomistic(spec(shift, false, 1));
  assert.notDeepEqual(Array.from(q.firstPassage_s), Array.from(p.firstPassage_s));
});

test('electrode stage: the Bronsted host carries less of the current through its sea, and the plateau is higher', () => {
  const run = (rule: 'bronsted' | 'metal-rate') => {
    const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: rule });
    const r = simulateElectrode({
      z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / s.a_m ** 2, sacSites_per_m2: 0,
      Cdl_F_per_m2: s.Cdl_F_per_m2, growth: { kind: 'interface' }, control: { kind: 'galvanostatic', current_A_per_m2: 10, duration_s: 5 }, sea: seaOf(s),
      // the 2D law of the size the atomistic stage measured for Li on graphene (nucleation-electrode.test.ts)
      law: {
        hostRate: (e) => (e > 0 ? Math.exp(44.08 - 3.68 / e) : 0), sacRate: (e) => (e > 0 ? Math.exp(44.08 - 3.68 / e) : 0),
        criticalSize: (e) => (e > 0 ? Math.min(1e9, (0.334 / e) ** 2) : 1e9), equilibriumOverpotential: (n) => 0.334 / Math.sqrt(Math.max(n, 1e-9)),
      },
    });
    const end = r.trace[r.trace.length - 1]!;
    return { share: end.seaCurrent_A_per_m2 / 10, plateau: r.plateau_eta_V };
  };
  const a = run('bronsted'), b = run('metal-rate');
  assert.ok(a.share < b.share - 0.05, `sea share ${a.share} vs ${b.share}`);
  assert.ok(a.plateau > b.plateau + 0.002, `plateau ${a.plateau} vs ${b.plateau} V`);
});
