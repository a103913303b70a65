/**
 * How the electrode stage overlaps the adatom sea's exclusion zones (electrode.ts SeaSpec.zoneOverlap;
 * issue 15, branch zones). Deterministic (no seeds).
 *
 * The closed forms, for births at a constant rate J per host site (S sites per m2) outside the zones
 * and zones of a fixed radius R:
 *  - `phantom` (Kolmogorov-Johnson-Mehl-Avrami with nucleation excluded from the zones; Avrami,
 *    J. Chem. Phys. 7, 1103, 1939; Scharifker and Mostany, J. Electroanal. Chem. 177, 13, 1984): the
 *    extended zone area counts the births at J over the whole electrode, X = J S pi R^2 t, the cover
 *    is 1 - exp(-X) and the real density (1 - exp(-X)) / (pi R^2), saturating at 1 / (pi R^2);
 *  - `random` (the zones of the real nuclei only, overlapped as if these were placed at random):
 *    dN/dt = J S exp(-N pi R^2), so N pi R^2 = ln(1 + X), without bound.
 * Set-up: potentiostatic at 50 mV, J a step (K per site at and above 49.99 mV, 0 below) so that the
 * depleted sea inside the zones makes no nuclei (checked: all births outside), a sea with a zone reach
 * lambda a of about 0.19 um (slow reduction and hops: k0 1e-6 /s, hop 1e4 /s) and nuclei of 11 atoms
 * that hardly grow (radius about 0.5 nm, read from the result), so R = lambda a + r is fixed within
 * 1 %; K chosen for X = 10 at 1 s. Claims, stated before the run: at X = 1, 3 and 10 (read from the
 * trace, whose samples are at most 1/400 of the run apart) the cover and the density match the closed
 * form of their construction within 3 % (the stage pools births into cohorts by 2 % steps of the count,
 * so the count lags by up to 2 %); the two constructions differ by more than 2x in density at X = 10.
 * Measured (18:22 UTC, after the claims): phantom density 0.25-0.26 % above its closed form at X = 1, 3, 10
 * and free area within 2.5e-4 (the pooled zone count is counted at once, see electrode.ts); random
 * density 0.3-0.6 % above, cover within 1 %; N pi R^2 at the end 1.0025 (phantom) and 2.42 (random).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateElectrode, type NucleationLaw } from '../src/nucleation/electrode.js';
import { nucleation } from '../src/nucleation/index.js';

const KT = 8.617333e-5 * 298.15;
const A = 0.3e-9, S = 1 / (A * A);
const ETA = 0.05;
const SEA = { k0_per_s: 1e-6, oxFactor: Math.exp((0.3 - 0.014645) / KT), hop_per_s: 1e4, a_m: A };
const f = 1 / KT;
const reach = Math.sqrt(SEA.hop_per_s / (SEA.k0_per_s * Math.exp(0.5 * f * ETA) + SEA.k0_per_s * Math.exp(-0.5 * f * ETA) * SEA.oxFactor)) * A;
const X_END = 10, T = 1;
const K = X_END / (T * S * Math.PI * reach * reach);
const law: NucleationLaw = {
  hostRate: (e) => (e >= ETA - 1e-5 ? K : 0),
  sacRate: () => 0,
  criticalSize: () => 10,
  equilibriumOverpotential: () => 0.01,
};

function run(zoneOverlap: 'phantom' | 'random', xEnd = X_END, refine = 1) {
  const lawAt = xEnd === X_END ? law : { ...law, hostRate: (e: number) => (law.hostRate(e) * xEnd) / X_END };
  return simulateElectrode({
    z: 1, atomicVolume_m3: 21.25e-30, i0_A_per_m2: 1e-6, alpha: 0.5, T_K: 298.15, hostSites_per_m2: S, sacSites_per_m2: 0, Cdl_F_per_m2: 0.2,
    law: lawAt, growth: { kind: 'interface' }, control: { kind: 'potentiostatic', eta_V: ETA, duration_s: T }, sea: { ...SEA, zoneOverlap }, refine,
  });
}

test('exclusion zones overlap: phantom nuclei give cover 1 - exp(-X) and density (1 - exp(-X)) / (pi R^2); real nuclei only give ln(1 + X) / (pi R^2)', () => {
  const phantom = run('phantom'), random = run('random');
  for (const [name, r] of [['phantom', phantom], ['random', random]] as const) {
    assert.ok(r.born_per_m2.outside_zones >= 0.999 * r.born_per_m2.total, `${name}: ${r.born_per_m2.outside_zones} of ${r.born_per_m2.total} per m2 born outside the zones`);
    // the zone radius: the stage's reach (checked against the set-up's, whose kT differs in the 8th digit) plus the
    // nuclei's radius (at most the radius at the end, under 1 % of R)
    const stageReach = r.trace[r.trace.length - 1]!.zoneReach_m;
    const R = stageReach + r.mean_radius_end_m;
    assert.ok(r.mean_radius_end_m < 0.01 * reach && Math.abs(stageReach / reach - 1) < 1e-6, `${name}: r ${r.mean_radius_end_m} m, reach ${stageReach} m vs ${reach} m`);
    for (const X of [1, 3, 10]) {
      const t = (X / X_END) * T;
      const s = r.trace.reduce((best, p) => (Math.abs(p.t_s - t) < Math.abs(best.t_s - t) ? p : best));
      const x = K * S * Math.PI * R * R * s.t_s;
      const cover = name === 'phantom' ? 1 - Math.exp(-x) : 1 - 1 / (1 + x);
      const N = (name === 'phantom' ? 1 - Math.exp(-x) : Math.log1p(x)) / (Math.PI * R * R);
      assert.ok(Math.abs(s.zoneCover - cover) / (1 - cover) < 0.03 || Math.abs(s.zoneCover / cover - 1) < 0.03, `${name} X ${x.toFixed(3)}: cover ${s.zoneCover} vs ${cover}`);
      assert.ok(Math.abs(s.nuclei_per_m2 / N - 1) < 0.03, `${name} X ${x.toFixed(3)}: density ${s.nuclei_per_m2.toExponential(4)} vs ${N.toExponential(4)} per m2`);
    }
  }
  // saturation: N pi R^2 <= 1, up to the explicit step's overshoot (births over a step see the cover at its start: about half
  // the step's increment of X, 10 / 2000 / 2 = 0.25 %; 0.25 % measured at 18:22 UTC, after the claims above were written)
  const Rp = phantom.trace[phantom.trace.length - 1]!.zoneReach_m + phantom.mean_radius_end_m;
  assert.ok(phantom.nuclei_end_per_m2 * Math.PI * Rp * Rp <= 1.01, `phantom: N pi R^2 = ${phantom.nuclei_end_per_m2 * Math.PI * Rp * Rp} above 1 / (pi R^2) by more than 1 %`);
  assert.ok(random.nuclei_end_per_m2 > 2 * phantom.nuclei_end_per_m2, `random ${random.nuclei_end_per_m2} vs phantom ${phantom.nuclei_end_per_m2} per m2`);
  // X = 60: the cover is 1 in double precision from X of about 37, so pools of phantoms only (no real birth) follow one
  // another; the density stays finite at its saturation (found at 18:43 UTC: such pools were merged by weights 0 / 0,
  // NaN). Above 1 by the explicit step's overshoot, half the step's increment of X: 60 / 2000 / 2 = 1.5 % (1.0147 in the
  // first run, against 1 % written before it: the 1 % did not allow for the faster rate); halving every step (refine 2)
  // must bring the excess down by at least 40 % (first order in the step)
  const excess = (refine: number) => {
    const r = run('phantom', 60, refine);
    const R = r.trace[r.trace.length - 1]!.zoneReach_m + r.mean_radius_end_m;
    assert.ok(Number.isFinite(r.nuclei_end_per_m2) && r.trace.every((p) => Number.isFinite(p.zoneCover)), `phantom X 60, refine ${refine}: not finite`);
    return r.nuclei_end_per_m2 * Math.PI * R * R - 1;
  };
  const e1 = excess(1), e2 = excess(2);
  assert.ok(e1 >= 0 && e1 < 0.02, `phantom X 60: N pi R^2 = 1 + ${e1}`);
  assert.ok(e2 >= 0 && e2 < 0.6 * e1, `phantom X 60: N pi R^2 = 1 + ${e1} (refine 1), 1 + ${e2} (refine 2)`);
  // a bad overlap name is one line naming the field, the value and what is expected
  assert.throws(() => run('phantoms' as 'phantom'), { name: 'InputError', message: "sea.zoneOverlap: got \"phantoms\", expected 'phantom' or 'random'" });
});

test('nucleation(): a bad zoneOverlap is one line naming the field, before any stage runs', () => {
  assert.throws(() => nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, zoneOverlap: 'none' as 'random' }), { name: 'InputError', message: "zoneOverlap: got \"none\", expected 'phantom' or 'random'" });
});

/**
 * SAC sites under `phantom` (found in review, audit15): a SAC site is a germ that fires once (Avrami 1939's germ nuclei,
 * exhausted at rate k whether they lie in the transformed part or not), so the extended count of SAC births is
 * N0 (1 - exp(-k t)), never above N0, and the real births outside the zones are k (1 - Z) times the sites that have not
 * fired in that extended process. Constant k on N0 sites, no host births, fixed zones of radius R, x0 = N0 pi R^2:
 * with u = 1 - exp(-k t), cover 1 - exp(-x0 u) and real density (1 - exp(-x0 u)) / (pi R^2); both saturate at x0 u = x0.
 * Set-up as above, x0 = 0.5, k T = 50. Claims, stated before the fix: within 3 % at k t = 0.5, 1.5, 10 and 50 (the pool's
 * 2 % lag, as above). Before the fix the phantoms were drawn from the sites no real nucleus had taken, so a site inside a
 * zone was counted again every step (cover 0.4996 at the end against 0.395), and the real births from the same pool let
 * every site fire in the end (density N0, against 0.787 N0).
 */
test('exclusion zones overlap, SAC sites: phantoms exhaust the sites once (cover 1 - exp(-x0 u), density (1 - exp(-x0 u)) / (pi R^2))', () => {
  const x0 = 0.5, kT = 50, k = kT / T;
  const N0 = x0 / (Math.PI * reach * reach);
  const sacLaw: NucleationLaw = { ...law, hostRate: () => 0, sacRate: (e) => (e >= ETA - 1e-5 ? k : 0) };
  const r = simulateElectrode({
    z: 1, atomicVolume_m3: 21.25e-30, i0_A_per_m2: 1e-6, alpha: 0.5, T_K: 298.15, hostSites_per_m2: S, sacSites_per_m2: N0, Cdl_F_per_m2: 0.2,
    law: sacLaw, growth: { kind: 'interface' }, control: { kind: 'potentiostatic', eta_V: ETA, duration_s: T }, sea: { ...SEA, zoneOverlap: 'phantom' },
  });
  const R = r.trace[r.trace.length - 1]!.zoneReach_m + r.mean_radius_end_m;
  assert.ok(r.mean_radius_end_m < 0.01 * reach, `r ${r.mean_radius_end_m} m against reach ${reach} m`);
  const x = N0 * Math.PI * R * R;
  for (const kt of [0.5, 1.5, 10, 50]) {
    const t = kt / k;
    const s = r.trace.reduce((best, p) => (Math.abs(p.t_s - t) < Math.abs(best.t_s - t) ? p : best));
    const u = 1 - Math.exp(-k * s.t_s);
    const cover = 1 - Math.exp(-x * u), N = cover / (Math.PI * R * R);
    assert.ok(Math.abs(s.zoneCover / cover - 1) < 0.03, `k t ${(k * s.t_s).toFixed(3)}: cover ${s.zoneCover} vs ${cover}`);
    assert.ok(Math.abs(s.nuclei_per_m2 / N - 1) < 0.03, `k t ${(k * s.t_s).toFixed(3)}: density ${s.nuclei_per_m2.toExponential(4)} vs ${N.toExponential(4)} per m2`);
  }
  assert.ok(r.born_per_m2.on_sac <= N0 * (1 - Math.exp(-x)) / x * 1.03, `born on SAC sites ${r.born_per_m2.on_sac} per m2 of ${N0}`);
});
