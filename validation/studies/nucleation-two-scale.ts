/**
 * Two-scale nucleation model (issue 15; MODEL.md 8.2 b): the checks that take minutes.
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
 *  4. Convergence: Li on graphene + Zn-N4 at 1 mA/cm2; the nucleation overpotential changes by
 *     less than 5 % when the atomistic runs per overpotential double (12 -> 24).
 */
import { atomisticStage, lawFromData, nucleation, resolveStudy, simulateElectrode, seaOf } from '../../src/nucleation/index.js';
import { linearFit } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

export const study: ValidationStudy = {
  id: 'nucleation-two-scale',
  title: 'Two-scale nucleation: atomistic J(eta), acceleration vs plain kMC, Pei scaling, convergence',
  run(): ValidationEntry[] {
    const out: ValidationEntry[] = [];
    // 1. classical checks
    const s = resolveStudy({ metal: 'Li', host: 'graphene' });
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
      const rows = [0.1, 0.2, 0.5, 1, 2, 5].map((mA) => {
        const I = mA * 10;
        const r = simulateElectrode({
          z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / (s.a_m * s.a_m),
          sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law: nl, growth: { kind: 'interface' },
          control: { kind: 'galvanostatic', current_A_per_m2: I, duration_s: 720 / I }, sea: seaOf(s),
        });
        const end = r.trace[r.trace.length - 1]!;
        return { eta: r.peak_eta_V, N: r.nuclei_end_per_m2, rad: r.mean_radius_end_m, plateau: r.plateau_eta_V, area: end.metalArea };
      });
      const x = rows.map((r) => Math.log(r.eta));
      const fN = linearFit(x, rows.map((r) => Math.log(r.N)));
      const fR = linearFit(x, rows.map((r) => Math.log(r.rad)));
      out.push({
        id: 'nucleation-pei-density-exponent', quantity: 'exponent of nucleus density vs peak overpotential, 0.1-5 mA/cm2, 0.02 mAh/cm2',
        published: '3', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: fN.slope, unit: '1', interval: [fN.slopeLo, fN.slopeHi],
        runs: 'deterministic electrode stage, law of check 1', pass: Math.abs(fN.slope / 3 - 1) <= 0.2,
        note: `peaks ${rows.map((r) => (r.eta * 1e3).toFixed(1)).join(', ')} mV; plateaus ${rows.map((r) => (r.plateau * 1e3).toFixed(1)).join(', ')} mV; densities ${rows.map((r) => (r.N / 1e12).toPrecision(3)).join(', ')} /um2; ` +
          `exponent of density vs current ${linearFit(rows.map((_, i) => Math.log([0.1, 0.2, 0.5, 1, 2, 5][i]!)), rows.map((r) => Math.log(r.N))).slope.toFixed(2)}; metal area at the end ${rows.map((r) => r.area.toFixed(2)).join(', ')}; electrode stage with the adatom sea`,
      });
      out.push({
        id: 'nucleation-pei-size-exponent', quantity: 'exponent of mean nucleus radius vs peak overpotential, 0.1-5 mA/cm2, 0.02 mAh/cm2',
        published: '-1', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: fR.slope, unit: '1', interval: [fR.slopeLo, fR.slopeHi],
        runs: 'deterministic electrode stage, law of check 1', pass: Math.abs(fR.slope / -1 - 1) <= 0.2,
        note: `radii ${rows.map((r) => (r.rad * 1e9).toPrecision(3)).join(', ')} nm (extended hemispheres); at fixed charge N r^3 is fixed while nuclei are apart, so this exponent is -1/3 of the density's (Pei's 3 and -1 are tied the same way)`,
      });
    }
    // 4. convergence in the number of atomistic runs
    const a = nucleation({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10, atomistic: { runs: 12 } });
    const b = nucleation({ metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10, atomistic: { runs: 24 } });
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
