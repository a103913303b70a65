/**
 * Two-scale nucleation model (issue 15; MODEL.md 8.2 b): the checks that take minutes.
 * Pinned to the earlier host-reduction rule `metal-rate` (src/nucleation/host-reduction.ts), so this
 * study's record stays that rule's; the default `bronsted` rule is study nucleation-host-reduction.
 *  1. Classical checks at the atomistic stage, Li on graphene (the parameter sets' energies):
 *     the critical size falls with eta (n* at the lowest activated eta above n* 20 mV higher,
 *     bootstrap intervals apart), and ln J is linear in 1/eta^2 (3D cap) or 1/eta (2D island),
 *     r^2 >= 0.95, slope interval excluding zero.
 *  2. (moved) The acceleration against plain kMC is study nucleation-acceleration: last session's
 *     48 x 48 comparison at Li's own diffusion length (1.2e4 sites) could not finish in plain kMC.
 *  3. Pei et al. (Nano Lett. 17, 1132, 2017): across 0.1-5 mA/cm2 the nucleus density at the end
 *     scales as eta^3 and the size as 1/eta, exponents within 20 %, eta = the peak overpotential
 *     (the overpotential at which the nuclei form); the law is the one measured in 1, the electrode
 *     stage carries the sea of lone adatoms (electrode.ts SeaSpec).
 *     This session: the sea drains only exclusion zones (one diffusion length around each nucleus, Avrami
 *     overlap), nucleation goes on outside them. Expected before the final run (from a development sweep of
 *     the same code and law, 15:15 UTC): density vs peak exponent about 10 [4, 16], radius about -3.2,
 *     i.e. still not Pei's 3 and -1; the nucleation overpotential still falls with current (about 58 -> 15 mV,
 *     exponent < 0) because the plateau follows the foil's Butler-Volmer law; the diagnostic what-if with
 *     the host's adatom formation slowed by exp(-alpha dE/kT) makes it rise (about 150 -> 230 mV, exponent > 0).
 *     Added after the first final run: classical nucleation and growth at constant current (the stage without
 *     the sea), expected from a development run to rise (about 120 -> 215 mV) with the surface saturated.
 *  4. Convergence: Li on graphene + Zn-N4 at 1 mA/cm2; the nucleation overpotential changes by
 *     less than 5 % when the atomistic runs per overpotential double (12 -> 24).
 * Branch plateau: every `nucleation()` call here is pinned to the plateau rule `end` (the last 10 % of the
 * requested capacity, the reading these claims were stated for), so this record stays reproducible; the
 * same rows under the new default `flat` are study nucleation-plateau. (simulateElectrode's own default is `end`.)
 * Branch zones: every electrode run here is pinned to the exclusion zones' `random` overlap (SeaSpec /
 * NucleationRequest.zoneOverlap; the real nuclei only), the stage these claims and records were made with,
 * so the records stay reproducible; under the new default (`phantom`) the same quantities are in studies
 * nucleation-plateau and nucleation-pei-dense and in docs/nucleation-history.md, "After the zone-overlap fix".
 */
import { atomisticStage, lawFromData, nucleation, resolveStudy, simulateElectrode, seaOf } from '../../src/nucleation/index.js';
import type { SeaSpec } from '../../src/nucleation/electrode.js';
import { CONST } from '../../src/units.js';
import { linearFit } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

export const study: ValidationStudy = {
  id: 'nucleation-two-scale',
  title: 'Two-scale nucleation: atomistic J(eta), acceleration vs plain kMC, Pei scaling, convergence',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    // 1. classical checks
    const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'metal-rate' });
    const d = atomisticStage(s, {});
    const pts = [...d.host.points].sort((a, b) => a.eta_V - b.eta_V);
    const lo = pts[0]!, hi = pts.find((p) => p.eta_V >= lo.eta_V + 0.0199);
    if (hi) {
      out.push({
        id: 'nucleation-critical-size-falls', quantity: `critical size n* at ${(lo.eta_V * 1e3).toFixed(0)} mV minus n* at ${(hi.eta_V * 1e3).toFixed(0)} mV (Li on graphene)`,
        published: '> 0 (intervals apart)', source: 'classical nucleation theory: n* ~ eta^-3 (3D cap) or eta^-2 (2D island)',
        measured: lo.nStar - hi.nStar, unit: 'atoms', interval: [lo.nStarLo - hi.nStarHi, lo.nStarHi - hi.nStarLo],
        runs: `${d.options.runs} runs per overpotential, bootstrap 95 %`, pass: lo.nStarLo > hi.nStarHi,
        note: `n* ${lo.nStar} [${lo.nStarLo}, ${lo.nStarHi}] vs ${hi.nStar} [${hi.nStarLo}, ${hi.nStarHi}]`,
      });
    }
    const law = d.host.law;
    if (law) {
      out.push({
        id: 'nucleation-lnJ-form', quantity: `ln J vs ${law.form.startsWith('3D') ? '1/eta^2' : '1/eta'}: r^2 of the better form (Li on graphene, ${(law.etaMin_V * 1e3).toFixed(0)}-${(law.etaMax_V * 1e3).toFixed(0)} mV)`,
        published: '>= 0.95, slope interval excluding 0', source: 'classical nucleation theory',
        measured: law.r2, unit: '1', runs: `${d.options.runs} runs per overpotential`, pass: law.r2 >= 0.95 && law.BLo > 0,
        note: `${law.form}: B ${law.B.toPrecision(3)} [${law.BLo.toPrecision(3)}, ${law.BHi.toPrecision(3)}], ln K ${law.lnK.toFixed(1)}; other form r^2 ${law.otherR2.toFixed(3)}; free n* exponent ${law.p.toFixed(2)} [${law.pLo.toFixed(2)}, ${law.pHi.toFixed(2)}]`,
      });
    }
    // 2. the acceleration against plain kMC: validation study nucleation-acceleration (over the adatom diffusion length)
    // 3. Pei scaling
    if (law) {
      const nl = lawFromData(d);
      const currents = [0.1, 0.2, 0.5, 1, 2, 5];
      const sea0: SeaSpec = { ...seaOf(s), zoneOverlap: 'random' };
      // what-if (diagnostic, not the model): adatom formation on the host slowed by exp(-alpha dE/kT) and its
      // oxidation by the same factor (dE = 3 E_mm - E_host: Butler-Volmer for the adatom's own equilibrium),
      // where the model, like the engine, puts all of dE into oxidation
      const dE = 3 * s.bond_eV - s.hostBinding_eV;
      const bep = { ...sea0, k0_per_s: sea0.k0_per_s * Math.exp((-s.alpha * dE) / (CONST.kB_eV * s.T_K)) };
      const sweep = (sea: SeaSpec | undefined) => currents.map((mA) => {
        const I = mA * 10;
        const r = simulateElectrode({
          z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / (s.a_m * s.a_m),
          sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law: nl, growth: { kind: 'interface' },
          control: { kind: 'galvanostatic', current_A_per_m2: I, duration_s: 720 / I }, ...(sea ? { sea } : {}),
        });
        const end = r.trace[r.trace.length - 1]!;
        const seaMax = Math.max(...r.trace.map((p) => p.seaEta_V));
        return { mA, eta: r.peak_eta_V, N: r.nuclei_end_per_m2, rad: r.mean_radius_end_m, plateau: r.plateau_eta_V, nuc: r.nucleation_overpotential_V, area: end.metalArea, seaMax, seaShare: end.seaCurrent_A_per_m2 / I };
      });
      const rows = sweep(sea0), uniform = sweep({ ...sea0, meanField: true }), what = sweep(bep), classical = sweep(undefined);
      const mv = (xs: number[]) => xs.map((v) => (v * 1e3).toFixed(1)).join(', ');
      const foilBV = currents.map((mA) => (2 * CONST.kB_eV * s.T_K) * Math.asinh(mA * 10 / (2 * s.i0_A_per_m2)));
      const lnI = currents.map((mA) => Math.log(mA));
      const fit = (xs: number[], ys: number[]) => linearFit(xs.map(Math.log), ys.map(Math.log));
      const fN = fit(rows.map((r) => r.eta), rows.map((r) => r.N));
      const fR = fit(rows.map((r) => r.eta), rows.map((r) => r.rad));
      const fNuc = linearFit(lnI, rows.map((r) => Math.log(r.nuc)));
      const fWhat = linearFit(lnI, what.map((r) => Math.log(r.nuc)));
      const fNwhat = fit(what.map((r) => r.eta), what.map((r) => r.N));
      const fNu = fit(uniform.map((r) => r.eta), uniform.map((r) => r.N));
      const fCl = linearFit(lnI, classical.map((r) => Math.log(r.nuc)));
      const fNcl = fit(classical.map((r) => r.eta), classical.map((r) => r.N));
      out.push({
        id: 'nucleation-pei-density-exponent', quantity: 'exponent of nucleus density vs peak overpotential, 0.1-5 mA/cm2, 0.02 mAh/cm2',
        published: '3', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: fN.slope, unit: '1', interval: [fN.slopeLo, fN.slopeHi],
        runs: 'deterministic electrode stage (adatom sea with exclusion zones), law of check 1', pass: Math.abs(fN.slope / 3 - 1) <= 0.2,
        note: `peaks ${mv(rows.map((r) => r.eta))} mV; plateaus ${mv(rows.map((r) => r.plateau))} mV; densities ${rows.map((r) => (r.N / 1e12).toPrecision(3)).join(', ')} /um2; ` +
          `exponent of density vs current ${linearFit(lnI, rows.map((r) => Math.log(r.N))).slope.toFixed(2)}; metal area at the end ${rows.map((r) => r.area.toFixed(2)).join(', ')}; ` +
          `the sea's own overpotential (the supersaturation the nuclei form at) peaks at ${mv(rows.map((r) => r.seaMax))} mV; ` +
          `uniform sea (last session's stage): exponent ${fNu.slope.toFixed(2)} [${fNu.slopeLo.toFixed(2)}, ${fNu.slopeHi.toFixed(2)}], densities ${uniform.map((r) => (r.N / 1e12).toPrecision(3)).join(', ')} /um2`,
      });
      out.push({
        id: 'nucleation-pei-size-exponent', quantity: 'exponent of mean nucleus radius vs peak overpotential, 0.1-5 mA/cm2, 0.02 mAh/cm2',
        published: '-1', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: fR.slope, unit: '1', interval: [fR.slopeLo, fR.slopeHi],
        runs: 'deterministic electrode stage (adatom sea with exclusion zones), law of check 1', pass: Math.abs(fR.slope / -1 - 1) <= 0.2,
        note: `radii ${rows.map((r) => (r.rad * 1e9).toPrecision(3)).join(', ')} nm (extended hemispheres); at fixed charge N r^3 is fixed while nuclei are apart, so this exponent is -1/3 of the density's (Pei's 3 and -1 are tied the same way)`,
      });
      out.push({
        id: 'nucleation-overpotential-vs-current', quantity: 'exponent of the nucleation overpotential (peak minus plateau) vs current, 0.1-5 mA/cm2 (Li on graphene)',
        published: '> 0 (rises with current)', source: 'Pei et al., Nano Lett. 17, 1132 (2017) and the review\'s hosts: the nucleation overpotential rises with current',
        measured: fNuc.slope, unit: '1', interval: [fNuc.slopeLo, fNuc.slopeHi], runs: 'deterministic electrode stage, law of check 1', pass: fNuc.slopeLo > 0,
        note: `peak minus plateau ${mv(rows.map((r) => r.nuc))} mV. The plateau follows the own foil's Butler-Volmer value (2kT/e) asinh(j / 2 i0) = ${mv(foilBV)} mV ` +
          `(plateau minus it: ${mv(rows.map((r, i) => r.plateau - foilBV[i]!))} mV): ` +
          `the sea carries ${rows.map((r) => r.seaShare.toFixed(2)).join(', ')} of the current at the end, because the free host reduces M+ to adatoms at the metal's own exchange rate per site ` +
          `(the engine's rate convention: reduction k0 exp(alpha f eta) on any site, the whole binding deficit in the oxidation), so the electrode behaves as a foil once a few nuclei drain the sea, ` +
          `and the plateau rises at the Tafel slope; the peak is pinned by the steep J(eta) (the sea's overpotential at nucleation moves ${((rows[5]!.seaMax - rows[0]!.seaMax) * 1e3).toFixed(1)} mV over the sweep)`,
      });
      out.push({
        id: 'nucleation-overpotential-vs-current-bep-whatif', quantity: 'diagnostic, not the model: the same exponent with adatom formation on the host slowed by exp(-alpha dE/kT), dE = 3 E_mm - E_host',
        published: '> 0 (rises with current)', source: 'Butler-Volmer for the adatom\'s own equilibrium potential (the host\'s share of the binding deficit in the reduction barrier)',
        measured: fWhat.slope, unit: '1', interval: [fWhat.slopeLo, fWhat.slopeHi], runs: 'deterministic electrode stage, law of check 1 (measured with the engine\'s convention: not consistent with this what-if)', pass: fWhat.slopeLo > 0,
        note: `peaks ${mv(what.map((r) => r.eta))} mV; plateaus ${mv(what.map((r) => r.plateau))} mV; peak minus plateau ${mv(what.map((r) => r.nuc))} mV; sea share of the current at the end ${what.map((r) => r.seaShare.toFixed(2)).join(', ')}; ` +
          `density vs peak exponent ${fNwhat.slope.toFixed(2)} [${fNwhat.slopeLo.toFixed(2)}, ${fNwhat.slopeHi.toFixed(2)}]: with the host a poor reducer the nuclei carry the current on their own area and the classical picture returns, at values far above the review's`,
      });
      out.push({
        id: 'nucleation-overpotential-vs-current-classical', quantity: 'comparison, not the model: the same exponent for classical nucleation and growth at constant current (the stage without the sea: nuclei grow only by reduction on their own surface)',
        published: '> 0 (rises with current)', source: 'classical galvanostatic nucleation and growth (Scharifker-Hills / Milchev: no surface-diffusion pathway)',
        measured: fCl.slope, unit: '1', interval: [fCl.slopeLo, fCl.slopeHi], runs: 'deterministic electrode stage without the sea, law of check 1', pass: fCl.slopeLo > 0,
        note: `peaks ${mv(classical.map((r) => r.eta))} mV; plateaus ${mv(classical.map((r) => r.plateau))} mV; peak minus plateau ${mv(classical.map((r) => r.nuc))} mV; ` +
          `densities ${classical.map((r) => (r.N / 1e12).toPrecision(3)).join(', ')} /um2 (the nuclei saturate the surface: no Pei scaling, density vs peak exponent ${fNcl.slope.toFixed(2)} [${fNcl.slopeLo.toFixed(2)}, ${fNcl.slopeHi.toFixed(2)}])`,
      });
    }
    // 4. convergence in the number of atomistic runs
    const a = nucleation({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', hostReduction: 'metal-rate', plateau: 'end', zoneOverlap: 'random', current_A_per_m2: 10, atomistic: { sampler: 'mfpt', runs: 12 } });
    const b = nucleation({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', hostReduction: 'metal-rate', plateau: 'end', zoneOverlap: 'random', current_A_per_m2: 10, atomistic: { sampler: 'mfpt', runs: 24 } });
    const change = (b.nucleation_overpotential_mV - a.nucleation_overpotential_mV) / a.nucleation_overpotential_mV;
    out.push({
      id: 'nucleation-runs-convergence', quantity: 'relative change of the nucleation overpotential (Li on graphene + Zn-N4, 1 mA/cm2) when atomistic runs double 12 -> 24',
      published: '< 5 %', source: 'issue 15, must show 5', measured: 100 * change, unit: '%', runs: 'seeds fixed (runs 1-12, 1-24)',
      pass: Math.abs(change) < 0.05,
      note: `${a.nucleation_overpotential_mV.toFixed(1)} mV (12 runs) vs ${b.nucleation_overpotential_mV.toFixed(1)} mV (24 runs)`,
    });
    return out;
  },
};
