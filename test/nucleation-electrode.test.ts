/**
 * Electrode stage of the nucleation model (issue 15, must show 2 and the controls of 3;
 * MODEL.md 8.2). Deterministic (no seeds): the stage integrates rate equations.
 *
 * Claims, stated before the runs:
 *  - potentiostatic transients with diffusion-controlled growth reproduce the Scharifker-Hills
 *    dimensionless curves (Electrochim. Acta 28, 879, 1983) for instantaneous and progressive
 *    nucleation within 5 % for t/t_m from 0.2 to 4;
 *  - a galvanostatic run shows a peak at least 20 mV above its plateau, and eta falls after it;
 *  - the metal's own foil has no nucleation overpotential (< 1 mV) and its plateau is the
 *    Butler-Volmer value (2kT/e) asinh(j / 2 i0) within 5 % (MODEL.md 8.2 a), for j/i0 = 0.1 .. 10;
 *  - more SAC sites, or SAC sites that nucleate faster, never raise the nucleation overpotential.
 * The nucleation law of the galvanostatic runs is a classical 3D-cap law of the size the atomistic
 * stage measured for Li on graphene (ln K = 25.2, B = 0.183 V^2, n* = (0.288 V / eta)^3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateElectrode, classicalLaw, scharifkerHills, type ElectrodeSpec } from '../src/nucleation/electrode.js';
import { nucleation } from '../src/nucleation/index.js';
import { describeFailure } from '../src/cli/failure.js';

const LI = { z: 1, atomicVolume_m3: 21.25e-30, i0_A_per_m2: 10, alpha: 0.5, T_K: 298.15, hostSites_per_m2: 1 / (0.3e-9) ** 2, Cdl_F_per_m2: 0.2 };
const KT_E = (1.380649e-23 * 298.15) / 1.602176634e-19;

function transient(kind: 'instantaneous' | 'progressive') {
  const spec: ElectrodeSpec = {
    ...LI, hostSites_per_m2: 0,
    sacSites_per_m2: kind === 'instantaneous' ? 1e10 : 1e14,
    law: classicalLaw({ K_host_per_s: 0, K_sac_per_s: kind === 'instantaneous' ? 1e6 : 1e-4, B_host_V2: 0, B_sac_V2: 0, b_V: 0.1 }),
    growth: { kind: 'diffusion', D_m2_per_s: 1e-10, c0_mol_per_m3: 1000, molarMass_kg_per_mol: 6.94e-3, density_kg_per_m3: 534 },
    control: { kind: 'potentiostatic', eta_V: 0.1, duration_s: kind === 'instantaneous' ? 4 : 8 },
    samples: 4000,
  };
  const r = simulateElectrode(spec);
  let im = 0, tm = 0;
  for (const s of r.trace) if (s.current_A_per_m2 > im) { im = s.current_A_per_m2; tm = s.t_s; }
  let worst = 0, checked = 0;
  for (const s of r.trace) {
    const tau = s.t_s / tm;
    if (tau < 0.2 || tau > 4) continue;
    const a = Math.sqrt(scharifkerHills(kind, tau));
    worst = Math.max(worst, Math.abs(s.current_A_per_m2 / im - a) / a);
    checked++;
  }
  return { worst, checked, tm };
}

test('Scharifker-Hills: instantaneous and progressive transients within 5 % of the dimensionless curves', () => {
  for (const kind of ['instantaneous', 'progressive'] as const) {
    const { worst, checked } = transient(kind);
    assert.ok(checked > 500, `${kind}: ${checked} points compared`);
    assert.ok(worst < 0.05, `${kind}: worst deviation ${(worst * 100).toFixed(2)} % >= 5 %`);
  }
});

test('Scharifker-Hills: the two kinds are told apart (a progressive transient is not within 5 % of the instantaneous curve)', () => {
  const spec: ElectrodeSpec = {
    ...LI, hostSites_per_m2: 0, sacSites_per_m2: 1e14,
    law: classicalLaw({ K_host_per_s: 0, K_sac_per_s: 1e-4, B_host_V2: 0, B_sac_V2: 0, b_V: 0.1 }),
    growth: { kind: 'diffusion', D_m2_per_s: 1e-10, c0_mol_per_m3: 1000, molarMass_kg_per_mol: 6.94e-3, density_kg_per_m3: 534 },
    control: { kind: 'potentiostatic', eta_V: 0.1, duration_s: 8 }, samples: 2000,
  };
  const r = simulateElectrode(spec);
  let im = 0, tm = 0;
  for (const s of r.trace) if (s.current_A_per_m2 > im) { im = s.current_A_per_m2; tm = s.t_s; }
  let worst = 0;
  for (const s of r.trace) {
    const tau = s.t_s / tm;
    if (tau < 0.2 || tau > 4) continue;
    const a = Math.sqrt(scharifkerHills('instantaneous', tau));
    worst = Math.max(worst, Math.abs(s.current_A_per_m2 / im - a) / a);
  }
  assert.ok(worst > 0.05, `progressive transient matches the instantaneous curve within ${(worst * 100).toFixed(1)} %`);
});

const LAW = { K_host_per_s: Math.exp(25.16), B_host_V2: 0.1826, b_V: 0.288 };

function galvanostatic(opts: { sacSites?: number; sacK?: number; sacB?: number; current?: number; ownMetal?: boolean; duration?: number }) {
  const current = opts.current ?? 10;
  return simulateElectrode({
    ...LI, sacSites_per_m2: opts.sacSites ?? 0,
    law: classicalLaw({ ...LAW, K_sac_per_s: opts.sacK ?? LAW.K_host_per_s, B_sac_V2: opts.sacB ?? LAW.B_host_V2 }),
    growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: current, duration_s: opts.duration ?? 20 / current },
    ownMetal: opts.ownMetal ?? false,
  });
}

test('galvanostatic: eta rises, peaks and falls to a plateau (peak - plateau > 20 mV)', () => {
  const r = galvanostatic({});
  assert.equal(r.trace[0]!.eta_V, 0);
  assert.ok(r.nucleation_overpotential_V > 0.02, `peak ${r.peak_eta_V * 1e3} mV, plateau ${r.plateau_eta_V * 1e3} mV`);
  const last = r.trace[r.trace.length - 1]!;
  assert.ok(last.eta_V < r.peak_eta_V - 0.02, 'eta at the end is below the peak');
  assert.ok(r.peak_t_s < 0.5 * r.trace[r.trace.length - 1]!.t_s, 'the peak is early');
  assert.ok(r.nuclei_end_per_m2 > 0);
});

test("own-metal foil: no nucleation overpotential (< 1 mV) and the Butler-Volmer plateau within 5 % for j/i0 = 0.1 .. 10", () => {
  for (const ratio of [0.1, 1, 10]) {
    const j = ratio * LI.i0_A_per_m2;
    const r = galvanostatic({ ownMetal: true, current: j, duration: 0.05 });
    const bv = 2 * KT_E * Math.asinh(j / (2 * LI.i0_A_per_m2));
    assert.ok(r.nucleation_overpotential_V < 1e-3, `j/i0 ${ratio}: ${(r.nucleation_overpotential_V * 1e3).toFixed(3)} mV`);
    assert.ok(Math.abs(r.plateau_eta_V - bv) / bv < 0.05, `j/i0 ${ratio}: plateau ${(r.plateau_eta_V * 1e3).toFixed(2)} vs ${(bv * 1e3).toFixed(2)} mV`);
  }
});

test('controls: more SAC sites and faster-nucleating SAC sites never raise the nucleation overpotential', () => {
  // SAC sites nucleate faster than host sites: B 0.02 V^2 instead of 0.183 (they nucleate near 20 mV)
  const bySites = [0, 1e15, 1e16, 1e17].map((n) => galvanostatic({ sacSites: n, sacB: 0.02 }).nucleation_overpotential_V);
  for (let i = 1; i < bySites.length; i++) assert.ok(bySites[i]! <= bySites[i - 1]! + 1e-6, `sites: ${bySites.map((v) => (v * 1e3).toFixed(2)).join(', ')} mV`);
  assert.ok(bySites[3]! < bySites[0]! - 0.005, 'a 1e17 /m2 loading of faster sites lowers it by more than 5 mV');
  const byBinding = [0.1826, 0.12, 0.05, 0.02].map((B) => galvanostatic({ sacSites: 1e17, sacB: B }).nucleation_overpotential_V);
  for (let i = 1; i < byBinding.length; i++) assert.ok(byBinding[i]! <= byBinding[i - 1]! + 1e-6, `binding: ${byBinding.map((v) => (v * 1e3).toFixed(2)).join(', ')} mV`);
  // a SAC with the host's own law is the host (byBinding[0]: 1e17 sites with the host's B; bySites[0]: no SAC)
  const same = byBinding[0]!, host = bySites[0]!;
  assert.ok(Math.abs(same - host) < 0.002, `SAC = host: ${(same * 1e3).toFixed(2)} vs ${(host * 1e3).toFixed(2)} mV`);
});

// With the sea of lone adatoms (electrode.ts SeaSpec), Li on graphene's energies (E_mm 0.10 eV,
// host 0.0146 eV, E_d 0.10 eV, nu 1e13 /s, i0 1 mA/cm2, a 0.30 nm) and the 2D law the atomistic
// stage measured for it (ln K 44.08, B 3.68 V, n* = (0.334 V / eta)^2). Claims, stated before the runs:
//  - before the first nucleus the sea is at theta1(eta) and the host passes no net current, so eta
//    rises at I / C_dl (within 2 %);
//  - capture by the nuclei drains the sea and stops nucleation: fewer nuclei at the end than without
//    the sea, by more than 100x;
//  - the controls hold with the sea too: more SAC sites or faster SAC sites never raise the peak, nor
//    the nucleation overpotential by more than the stage's resolution (eta moves at most 0.2 mV per
//    step; with the sea the plateau also falls as nuclei multiply, by up to 0.06 mV more than the
//    peak here), and a SAC with the host's own law gives the host's value within 1 mV.
const KT = 8.617333e-5 * 298.15;
const SEA = { k0_per_s: (10 * (0.3e-9) ** 2) / 1.602176634e-19, oxFactor: Math.exp((0.3 - 0.014645) / KT), hop_per_s: 1e13 * Math.exp(-0.014645 / KT), a_m: 0.3e-9 };
const law2D = (lnKsac: number): import('../src/nucleation/electrode.js').NucleationLaw => ({
  hostRate: (e) => (e > 0 ? Math.exp(44.08 - 3.68 / e) : 0),
  sacRate: (e) => (e > 0 ? Math.exp(lnKsac - 3.68 / e) : 0),
  criticalSize: (e) => (e > 0 ? Math.min(1e9, (0.334 / e) ** 2) : 1e9),
  equilibriumOverpotential: (n) => 0.334 / Math.sqrt(Math.max(n, 1e-9)),
});
function withSea(opts: { sacSites?: number; lnKsac?: number; sea?: boolean; duration?: number }) {
  return simulateElectrode({
    ...LI, hostSites_per_m2: 1 / (0.3e-9) ** 2, sacSites_per_m2: opts.sacSites ?? 0, law: law2D(opts.lnKsac ?? 44.08), growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: 10, duration_s: opts.duration ?? 20 }, ...(opts.sea === false ? {} : { sea: SEA }),
  });
}

test('electrode with the adatom sea: double layer charges at I/C before nuclei, capture limits the nucleus density, controls hold', () => {
  const start = withSea({ duration: 0.002 });
  const early = start.trace.filter((s) => s.t_s > 0 && s.nuclei_per_m2 < 1 && s.eta_V < 0.04);
  assert.ok(early.length >= 2, `${early.length} samples before the first nucleus`);
  for (const s of early) assert.ok(Math.abs(s.eta_V / ((10 * s.t_s) / LI.Cdl_F_per_m2) - 1) < 0.02, `t ${s.t_s}: eta ${s.eta_V} vs I t / C ${(10 * s.t_s) / LI.Cdl_F_per_m2}`);
  const r = withSea({});
  const noSea = withSea({ sea: false });
  assert.ok(r.nuclei_end_per_m2 > 0 && r.nuclei_end_per_m2 * 100 < noSea.nuclei_end_per_m2, `with sea ${r.nuclei_end_per_m2}, without ${noSea.nuclei_end_per_m2} per m2`);
  assert.ok(r.nucleation_overpotential_V > 0, 'a peak above the plateau');
  const sitesRuns = [0, 1e14, 1e15, 1e16].map((n) => withSea({ sacSites: n, lnKsac: 60 }));
  const rateRuns = [44.08, 50, 55, 60].map((k) => withSea({ sacSites: 1e15, lnKsac: k }));
  for (const [what, runs] of [['sites', sitesRuns], ['rate', rateRuns]] as const) {
    const peaks = runs.map((x) => x.peak_eta_V), nuc = runs.map((x) => x.nucleation_overpotential_V);
    const txt = `${what}: peaks ${peaks.map((v) => (v * 1e3).toFixed(3)).join(', ')} mV; nucleation ${nuc.map((v) => (v * 1e3).toFixed(3)).join(', ')} mV`;
    for (let i = 1; i < runs.length; i++) {
      assert.ok(peaks[i]! <= peaks[i - 1]! + 1e-6, txt);
      assert.ok(nuc[i]! <= nuc[i - 1]! + 2e-4, txt);
    }
  }
  const bySites = sitesRuns.map((x) => x.nucleation_overpotential_V), byRate = rateRuns.map((x) => x.nucleation_overpotential_V);
  assert.ok(bySites[3]! < bySites[0]! - 0.002, `1e16 fast SAC sites per m2 lower it by more than 2 mV: ${(bySites[0]! * 1e3).toFixed(2)} -> ${(bySites[3]! * 1e3).toFixed(2)} mV`);
  assert.ok(Math.abs(byRate[0]! - bySites[0]!) < 1e-3, `SAC = host: ${(byRate[0]! * 1e3).toFixed(2)} vs ${(bySites[0]! * 1e3).toFixed(2)} mV`);
});

// Exclusion zones (electrode.ts): a nucleus drains the sea only within about one diffusion length
// lambda of its edge; beyond, the sea stays at theta1(eta) and nucleation goes on at J(eta) (the
// classical nucleation-exclusion-zone construction; the uniform sea drained the whole host at once).
// Claims (the law and sea above, 1 mA/cm2, 20 s; the sizes were seen in a development run at
// 15:20 UTC before this test was written, the bounds are the mechanism's, not those numbers):
//  - at Li's own lambda (microns, first nuclei several microns apart) the zones give at least 1.5x the
//    uniform sea's final nucleus density, because the gaps between zones keep nucleating;
//  - with lambda 100x shorter (hop rate / 1e4) the zones cover the host as soon as nuclei exist and the
//    two agree within 10 %.
// Branch zones: these runs keep the zones' overlap the claims were made with (`zoneOverlap: 'random'`, the real
// nuclei only). Under the default `phantom` overlap both claims fail: 7.19e10 against 6.66e10 per m2 (1.08x),
// because the 1.5x came from births in the tail exp(-N pi R^2) of the real nuclei's cover; and at lambda / 100
// 6.10e14 against 5.22e14 (+17 %: fewer nuclei per zone area leave the sea inside the zones less depleted, and more
// nuclei form there) (test/nucleation-zone-overlap.test.ts; docs/nucleation-history.md, "After the zone-overlap fix").
test('adatom sea with exclusion zones: more nuclei than the uniform sea when lambda is long, the same when it is short', () => {
  const run = (hopFactor: number, meanField: boolean) => simulateElectrode({
    ...LI, hostSites_per_m2: 1 / (0.3e-9) ** 2, sacSites_per_m2: 0, law: law2D(44.08), growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: 10, duration_s: 20 }, sea: { ...SEA, hop_per_s: SEA.hop_per_s * hopFactor, meanField, zoneOverlap: 'random' },
  }).nuclei_end_per_m2;
  const zLong = run(1, false), uLong = run(1, true);
  assert.ok(zLong >= 1.5 * uLong, `lambda of microns: zones ${zLong.toExponential(3)}, uniform ${uLong.toExponential(3)} per m2`);
  const zShort = run(1e-4, false), uShort = run(1e-4, true);
  assert.ok(Math.abs(zShort / uShort - 1) < 0.1, `lambda / 100: zones ${zShort.toExponential(3)}, uniform ${uShort.toExponential(3)} per m2`);
});

// The trace's exclusion-zone diagnostics (ElectrodeSample.zoneCover, zoneReach_m; branch pei4, read by
// validation study nucleation-pei-dense). Claims: the reach is the adatom's diffusion length at the
// sample's eta, sqrt(hop / (k_red + k_ox)) a (within 1e-12 relative); the cover is a fraction, 1 with the
// uniform sea (`meanField`), 0 without a sea; once nuclei exist it is at least their footprint's share.
test('trace diagnostics of the exclusion zones: reach = the diffusion length at eta, cover a fraction (1 uniform sea, 0 no sea)', () => {
  const f = 1 / KT_E;
  const r = withSea({ duration: 2 });
  let withNuclei = 0;
  for (const s of r.trace) {
    const kr = SEA.k0_per_s * Math.exp(0.5 * f * s.eta_V), ko = SEA.k0_per_s * Math.exp(-0.5 * f * s.eta_V) * SEA.oxFactor;
    const reach = Math.sqrt(SEA.hop_per_s / (kr + ko)) * SEA.a_m;
    assert.ok(Math.abs(s.zoneReach_m / reach - 1) < 1e-12, `t ${s.t_s}: reach ${s.zoneReach_m} m vs ${reach} m`);
    assert.ok(s.zoneCover >= 0 && s.zoneCover <= 1, `t ${s.t_s}: cover ${s.zoneCover}`);
    if (s.nuclei_per_m2 > 0) { withNuclei++; assert.ok(s.zoneCover >= 0.5 * s.metalArea, `t ${s.t_s}: cover ${s.zoneCover} vs metal area ${s.metalArea}`); }
  }
  assert.ok(withNuclei > 10, `${withNuclei} samples with nuclei`);
  const uniform = simulateElectrode({
    ...LI, sacSites_per_m2: 0, law: law2D(44.08), growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: 10, duration_s: 0.5 }, sea: { ...SEA, meanField: true },
  });
  assert.ok(uniform.trace.every((s) => s.zoneCover === 1), 'uniform sea: cover 1 throughout');
  const none = withSea({ sea: false, duration: 0.5 });
  assert.ok(none.trace.every((s) => s.zoneCover === 0 && s.zoneReach_m === 0), 'no sea: cover and reach 0');
});

test('bad settings of the stage are one InputError line naming the field, the value and what is expected (library and CLI)', () => {
  const base: ElectrodeSpec = {
    ...LI, sacSites_per_m2: 0, law: classicalLaw({ ...LAW, K_sac_per_s: 0, B_sac_V2: 1 }), growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: 10, duration_s: 2 },
  };
  const diffusion = { kind: 'diffusion', D_m2_per_s: 1e-10, c0_mol_per_m3: 1000, molarMass_kg_per_mol: 6.94e-3, density_kg_per_m3: 534 } as const;
  const cases: [Partial<ElectrodeSpec>, string][] = [
    [{ growth: diffusion }, `growth.kind: got "diffusion", expected 'interface' under galvanostatic control (diffusion-controlled growth is implemented for potentiostatic control only)`],
    [{ refine: 0.5 }, 'refine: got 0.5, expected a time resolution of 1 or more (it divides the step sizes: 2 halves them)'],
    [{ refine: NaN }, 'refine: got NaN, expected a time resolution of 1 or more (it divides the step sizes: 2 halves them)'],
    [{ plateau: { rule: 'flat', drift_V: 1e-4, closedArea: 0.95, maxDuration_s: 1 } }, 'plateau.maxDuration_s: got 1, expected a cap of at least the requested duration control.duration_s (2 s), in s'],
  ];
  for (const [bad, message] of cases) {
    let caught: unknown;
    try { simulateElectrode({ ...base, ...bad }); } catch (e) { caught = e; }
    assert.ok(caught instanceof Error && caught.name === 'InputError', `${JSON.stringify(bad)}: ${String(caught)}`);
    assert.equal(caught.message, message);
    // what the CLI and the server make of it: this line, exit code 2 (a user error, no stack trace)
    assert.deepEqual(describeFailure(caught), { line: message, exitCode: 2 });
  }
  // through nucleation() (a Li foil: no atomistic stage runs)
  assert.throws(() => nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, refine: 0 }), { name: 'InputError', message: /^refine: got 0, expected a time resolution of 1 or more/ });
  // on a host that needs the atomistic stage, refused before it starts (no progress line: it ran first, minutes at the defaults)
  const lines: string[] = [];
  assert.throws(() => nucleation({ metal: 'Li', host: 'graphene', current_A_per_m2: 10, refine: 0.5, atomistic: { runs: 4, L: 6, target: 6, maxEvents: 3000 } }, undefined, (m) => lines.push(m)), { name: 'InputError', message: /^refine: got 0\.5/ });
  assert.deepEqual(lines, []);
});
