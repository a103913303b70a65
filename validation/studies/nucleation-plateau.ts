/**
 * Issue 15 under the electrode stage's new default plateau rule `flat` (branch plateau;
 * src/nucleation/plateau.ts): the run goes on past the requested 0.02 mAh/cm2 until eta drifts by
 * less than 0.1 mV over the last 10 % of the run or the metal covers >= 0.95 of the electrode (cap
 * 1 mAh/cm2, reported if hit), and the plateau is read there: how a cycler's curve is read (the dip
 * minus the flat growth plateau after it). The same rows under the earlier reading `end` (last 10 %
 * of 0.02 mAh/cm2) stay the records of studies nucleation-host-reduction, nucleation-controls and
 * nucleation-two-scale (pinned to `end`); each row's note here gives the `end` value beside it.
 * Li on graphene, 1 mA/cm2 unless said; atomistic defaults (12 runs per overpotential, fixed seeds).
 *
 * Claims and pass criteria (the existing ones, stated before the run):
 *  - controls (must show 3), Bronsted rule (the default) and metal-rate rule (nucleation-controls'):
 *    a SAC with the host's numbers gives the host's value within 1 mV; stronger binding (-2.37, -2.6,
 *    -3.0, -3.66 eV vs -2.37 eV) and more Zn-N4 sites (bare host, 0.25-10 wt%) never raise the
 *    nucleation overpotential by more than 0.2 mV (the stage's resolution); the foil < 1 mV;
 *  - Pei (must show 2): density vs peak exponent 3 and radius vs peak -1, each within 20 %; the
 *    nucleation overpotential rises with current (lower 95 % bound of its exponent > 0);
 *  - convergence (must show 5): Li on graphene + Zn-N4, 12 -> 24 atomistic runs, change < 5 %;
 *  - Scharifker-Hills (must show 2): the potentiostatic transients within 5 % of the analytic curves
 *    (the plateau rule is galvanostatic only; rerun to show it leaves them as they were).
 * Effect sizes expected before the run (development runs of the same code, Bronsted, 1 mA/cm2):
 *  host 66.62 mV (peak 91.64, plateau 25.02, read at 0.175 mAh/cm2 when the film closed, drift
 *  0.26 mV), -3.0 eV SAC 65.55 mV (read at 0.151), Zn-N4 0.25 wt% 65.76 mV (read at 0.154): the
 *  binding and sites controls expected met (under `end` they fail by +0.81 and +0.78 mV). Pei and the
 *  trend: not run before; the density at the end should barely move (nucleation stops after the
 *  peak: 0.187 /um2 under both rules in the development run), the radius is read later, so larger.
 * Stop reasons: the films close (area 0.95) with eta still drifting by about 0.26 mV over the window,
 * above the 0.1 mV threshold: stated in each note, not hidden.
 *
 * Branch zones: rerun under the electrode stage's new default overlap of the exclusion zones
 * (SeaSpec.zoneOverlap `phantom`, KJMA with phantom nuclei; the record before it is `random`, the real
 * nuclei only). Claims and pass criteria unchanged. Written before this rerun (seen before it: the
 * closed-form test; test/nucleation-binding-control's pair, Li on graphene Bronsted 1 mA/cm2 with the
 * -3.0 eV SAC, under `end`: peak minus plateau falls by 0.36 mV with the SAC instead of rising by 0.87;
 * test/nucleation-plateau's host run closes its film at 0.32 mAh/cm2 instead of 0.175; the review's
 * systems: 3.4-4.5x fewer nuclei, peaks 6-9 mV higher):
 *  - controls: twin within 1 mV, foil < 1 mV, expected met under both rules (same law, no nuclei);
 *    binding and sites under `flat`: expected met (every Bronsted run reads the foil's plateau, the SAC
 *    lowers the peak); under `end` (the notes) the Bronsted binding rise of +0.81 mV is expected gone;
 *  - Pei density, radius and trend, both rules: no number expected (fewer nuclei at every current,
 *    by how much per current is not known before the run); either outcome;
 *  - convergence 12 -> 24 runs: expected met (< 5 %), the stage's response to the law is not changed
 *    in kind;
 *  - Scharifker-Hills: identical to the record (0.05 % and 0.93 %; diffusion-controlled growth has
 *    no adatom sea, so no exclusion zones).
 */
import { withTempStore } from '../temp-store.js';
import {
  atomisticStage, classicalLaw, lawFromData, nucleation, resolveStudy, scharifkerHills, seaOf, simulateElectrode,
  type HostReductionRule, type NucleationReport, type NucleationRequest,
} from '../../src/nucleation/index.js';
import { plateauSpec } from '../../src/nucleation/plateau.js';
import type { Store } from '../../src/store/index.js';
import { linearFit } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { largestRise, RESOLUTION_MV } from './nucleation-control-checks.js';

const CURRENTS = [0.1, 0.2, 0.5, 1, 2, 5];
const Q = 720; // 0.02 mAh/cm2, C/m2
const f2 = (xs: number[], d = 2) => xs.map((x) => x.toFixed(d)).join(', ');

function peiSweep(rule: HostReductionRule, store: Store, plateau: 'flat' | 'end') {
  const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: rule });
  const law = lawFromData(atomisticStage(s, {}, store));
  const rows = CURRENTS.map((mA) => {
    const I = mA * 10;
    const r = simulateElectrode({
      z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / (s.a_m * s.a_m),
      sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law, growth: { kind: 'interface' },
      control: { kind: 'galvanostatic', current_A_per_m2: I, duration_s: Q / I }, sea: seaOf(s), plateau: plateauSpec(plateau, Q, I),
    });
    return { mA, eta: r.peak_eta_V, N: r.nuclei_end_per_m2, rad: r.mean_radius_end_m, nuc: r.nucleation_overpotential_V, plateau: r.plateau_eta_V,
      drift: r.plateau_drift_V, at: (r.plateau_t_s * I) / 3.6e4, stop: r.plateau_stop, area: r.metal_area_end };
  });
  const fit = (xs: number[], ys: number[]) => linearFit(xs.map(Math.log), ys.map(Math.log));
  return {
    rows,
    fN: fit(rows.map((r) => r.eta), rows.map((r) => r.N)),
    fR: fit(rows.map((r) => r.eta), rows.map((r) => r.rad)),
    fNuc: fit(CURRENTS, rows.map((r) => r.nuc)),
  };
}

const where = (rs: NucleationReport[]) =>
  `read at ${f2(rs.map((r) => r.plateau_capacity_mAh_per_cm2), 3)} mAh/cm2 (${rs.map((r) => r.plateau_stop).join(', ')}); drift over the window ${f2(rs.map((r) => r.plateau_drift_mV), 3)} mV; metal area ${f2(rs.map((r) => r.metal_area_end), 3)}`;

function controls(rule: HostReductionRule, store: Store): ValidationEntry[] {
  const tag = rule === 'bronsted' ? '' : '-metal-rate';
  const ruleText = rule === 'bronsted' ? 'Bronsted rule (default)' : 'metal-rate rule (nucleation-controls\')';
  // sampler mfpt: the default this study was run for (branch ffsdefault made mfpt+ffs the default)
  const base: NucleationRequest = { metal: 'Li', host: 'graphene', current_A_per_m2: 10, hostReduction: rule, plateau: 'flat', atomistic: { sampler: 'mfpt' } };
  const both = (q: NucleationRequest) => ({ flat: nucleation(q, store), end: nucleation({ ...q, plateau: 'end' }, store) });
  const host = both(base);
  const twin = both({ ...base, sac: { binding_eV: -2.37, reference_eV: -2.37, element: 'Zn' } });
  const binding = [-2.37, -2.6, -3.0, -3.66].map((b) => both({ ...base, sac: { binding_eV: b, reference_eV: -2.37, element: 'Zn' } }));
  const loads = ['0.25 wt%', '0.5 wt%', '1 wt%', '2 wt%', '5 wt%', '10 wt%'];
  const sites = [host, ...loads.map((l) => both({ ...base, sac: 'Zn-N4', loading: l }))];
  const foil = both({ metal: 'Li', host: 'Li', current_A_per_m2: 10, hostReduction: rule, plateau: 'flat' });
  const nuc = (r: NucleationReport) => r.nucleation_overpotential_mV;
  const runs = `atomistic defaults, seeds fixed; ${ruleText}; plateau rule flat`;
  const series = (id: string, what: string, xs: { flat: NucleationReport; end: NucleationReport }[]): ValidationEntry => {
    const v = xs.map((x) => nuc(x.flat)), e = xs.map((x) => nuc(x.end));
    return {
      id, quantity: `largest rise of the nucleation overpotential (peak minus flat plateau) as ${what}, ${ruleText}`, published: '0 (never raises it)',
      source: 'issue 15, must show 3', measured: largestRise(v), unit: 'mV', runs, pass: largestRise(v) <= RESOLUTION_MV,
      note: `${f2(v)} mV (under end: ${f2(e)} mV, rise ${largestRise(e).toFixed(2)}); peaks ${f2(xs.map((x) => x.flat.peak_overpotential_mV))} mV; plateaus ${f2(xs.map((x) => x.flat.plateau_overpotential_mV))} mV; ${where(xs.map((x) => x.flat))}`,
    };
  };
  return [
    {
      id: `nucleation-plateau-control-twin${tag}`, quantity: `SAC with the host's numbers minus the bare host (Li on graphene, 1 mA/cm2), ${ruleText}, plateau flat`, published: '0 within 1 mV',
      source: 'issue 15, must show 3', measured: nuc(twin.flat) - nuc(host.flat), unit: 'mV', runs, pass: Math.abs(nuc(twin.flat) - nuc(host.flat)) < 1,
      note: `${nuc(twin.flat).toFixed(2)} vs ${nuc(host.flat).toFixed(2)} mV (under end: ${nuc(twin.end).toFixed(2)} vs ${nuc(host.end).toFixed(2)}); ${where([twin.flat, host.flat])}`,
    },
    series(`nucleation-plateau-control-binding${tag}`, 'SAC binding strengthens (-2.37, -2.6, -3.0, -3.66 eV vs -2.37 eV)', binding),
    series(`nucleation-plateau-control-sites${tag}`, `Zn-N4 loading grows (bare host, ${loads.join(', ')})`, sites),
    {
      id: `nucleation-plateau-control-foil${tag}`, quantity: `nucleation overpotential of the metal's own foil (Li on Li, 1 mA/cm2), ${ruleText}, plateau flat`, published: '< 1 mV',
      source: 'issue 15, must show 3', measured: nuc(foil.flat), unit: 'mV', runs: 'deterministic', pass: nuc(foil.flat) < 1,
      note: `under end: ${nuc(foil.end).toFixed(3)} mV; ${where([foil.flat])}`,
    },
  ];
}

/** worst relative deviation of a potentiostatic transient from the Scharifker-Hills curve over 0.2 <= t/t_m <= 4 */
function scharifker(kind: 'instantaneous' | 'progressive'): number {
  const r = simulateElectrode({
    z: 1, atomicVolume_m3: 21.25e-30, i0_A_per_m2: 10, alpha: 0.5, T_K: 298.15, hostSites_per_m2: 0, Cdl_F_per_m2: 0.2,
    sacSites_per_m2: kind === 'instantaneous' ? 1e10 : 1e14,
    law: classicalLaw({ K_host_per_s: 0, K_sac_per_s: kind === 'instantaneous' ? 1e6 : 1e-4, B_host_V2: 0, B_sac_V2: 0, b_V: 0.1 }),
    growth: { kind: 'diffusion', D_m2_per_s: 1e-10, c0_mol_per_m3: 1000, molarMass_kg_per_mol: 6.94e-3, density_kg_per_m3: 534 },
    control: { kind: 'potentiostatic', eta_V: 0.1, duration_s: kind === 'instantaneous' ? 4 : 8 }, samples: 4000,
    plateau: plateauSpec('flat', 720, 10),
  });
  let im = 0, tm = 0;
  for (const p of r.trace) if (p.current_A_per_m2 > im) { im = p.current_A_per_m2; tm = p.t_s; }
  let worst = 0;
  for (const p of r.trace) {
    const tau = p.t_s / tm;
    if (tau < 0.2 || tau > 4) continue;
    const a = Math.sqrt(scharifkerHills(kind, tau));
    worst = Math.max(worst, Math.abs(p.current_A_per_m2 / im - a) / a);
  }
  return worst;
}

export const study: ValidationStudy = {
  id: 'nucleation-plateau',
  title: 'Two-scale nucleation under the flat-plateau rule: controls, Pei scaling, convergence, Scharifker-Hills',
  run(): ValidationEntry[] {
    return withTempStore('sacplate-nucleation-plateau-', (store) => {
      const out: ValidationEntry[] = [];
      // 1. controls
      out.push(...controls('bronsted', store), ...controls('metal-rate', store));
      // 2. Pei, both rules
      for (const rule of ['bronsted', 'metal-rate'] as const) {
        const tag = rule === 'bronsted' ? '' : '-metal-rate';
        const r = peiSweep(rule, store, 'flat'), e = peiSweep(rule, store, 'end');
        const ruleText = rule === 'bronsted' ? 'Bronsted rule (default)' : 'metal-rate rule';
        const runs = 'deterministic electrode stage (adatom sea with exclusion zones overlapped by KJMA with phantom nuclei), atomistic law at fixed seeds; plateau flat';
        const iv = (f: { slope: number; slopeLo: number; slopeHi: number }) => `${f.slope.toFixed(2)} [${f.slopeLo.toFixed(2)}, ${f.slopeHi.toFixed(2)}]`;
        const read = `read at ${f2(r.rows.map((x) => x.at), 3)} mAh/cm2 (${r.rows.map((x) => x.stop).join(', ')}), drift ${f2(r.rows.map((x) => x.drift * 1e3), 3)} mV, metal area ${f2(r.rows.map((x) => x.area), 3)}`;
        out.push(
          {
            id: `nucleation-plateau-pei-density${tag}`, quantity: `exponent of nucleus density (at the end of the run) vs peak overpotential, 0.1-5 mA/cm2, ${ruleText}, plateau flat`,
            published: '3', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: r.fN.slope, unit: '1', interval: [r.fN.slopeLo, r.fN.slopeHi], runs,
            pass: Math.abs(r.fN.slope / 3 - 1) <= 0.2,
            note: `under end: ${iv(e.fN)}; densities ${r.rows.map((x) => (x.N / 1e12).toPrecision(3)).join(', ')} /um2 (end: ${e.rows.map((x) => (x.N / 1e12).toPrecision(3)).join(', ')}); peaks ${f2(r.rows.map((x) => x.eta * 1e3), 1)} mV; ${read}`,
          },
          {
            id: `nucleation-plateau-pei-size${tag}`, quantity: `exponent of mean nucleus radius (at the end of the run) vs peak overpotential, 0.1-5 mA/cm2, ${ruleText}, plateau flat`,
            published: '-1', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: r.fR.slope, unit: '1', interval: [r.fR.slopeLo, r.fR.slopeHi], runs,
            pass: Math.abs(r.fR.slope / -1 - 1) <= 0.2,
            note: `under end: ${iv(e.fR)}; radii ${r.rows.map((x) => (x.rad * 1e9).toPrecision(3)).join(', ')} nm (end: ${e.rows.map((x) => (x.rad * 1e9).toPrecision(3)).join(', ')}), read at different capacities per current (see the density row)`,
          },
          {
            id: `nucleation-plateau-trend${tag}`, quantity: `exponent of the nucleation overpotential (peak minus flat plateau) vs current, 0.1-5 mA/cm2, ${ruleText}`,
            published: '> 0 (rises with current)', source: 'Pei et al., Nano Lett. 17, 1132 (2017) and the review\'s hosts', measured: r.fNuc.slope, unit: '1',
            interval: [r.fNuc.slopeLo, r.fNuc.slopeHi], runs, pass: r.fNuc.slopeLo > 0,
            note: `under end: ${iv(e.fNuc)}; peak minus plateau ${f2(r.rows.map((x) => x.nuc * 1e3), 1)} mV (end: ${f2(e.rows.map((x) => x.nuc * 1e3), 1)}); plateaus ${f2(r.rows.map((x) => x.plateau * 1e3), 1)} mV`,
          },
        );
      }
      // 3. convergence, both rules
      for (const rule of ['bronsted', 'metal-rate'] as const) {
        const q: NucleationRequest = { metal: 'Li', host: 'graphene', sac: 'Zn-N4', current_A_per_m2: 10, hostReduction: rule, plateau: 'flat' };
        const a = nucleation({ ...q, atomistic: { sampler: 'mfpt', runs: 12 } }, store), b = nucleation({ ...q, atomistic: { sampler: 'mfpt', runs: 24 } }, store);
        const ae = nucleation({ ...q, plateau: 'end', atomistic: { sampler: 'mfpt', runs: 12 } }, store), be = nucleation({ ...q, plateau: 'end', atomistic: { sampler: 'mfpt', runs: 24 } }, store);
        const ch = (b.nucleation_overpotential_mV - a.nucleation_overpotential_mV) / a.nucleation_overpotential_mV;
        const che = (be.nucleation_overpotential_mV - ae.nucleation_overpotential_mV) / ae.nucleation_overpotential_mV;
        out.push({
          id: `nucleation-plateau-convergence${rule === 'bronsted' ? '' : '-metal-rate'}`,
          quantity: `relative change of the nucleation overpotential (Li on graphene + Zn-N4, 1 mA/cm2, ${rule} rule, plateau flat) when atomistic runs double 12 -> 24`,
          published: '< 5 %', source: 'issue 15, must show 5', measured: 100 * ch, unit: '%', runs: 'seeds fixed (runs 1-12, 1-24)', pass: Math.abs(ch) < 0.05,
          note: `${a.nucleation_overpotential_mV.toFixed(2)} mV (12 runs) vs ${b.nucleation_overpotential_mV.toFixed(2)} mV (24 runs); under end ${ae.nucleation_overpotential_mV.toFixed(2)} vs ${be.nucleation_overpotential_mV.toFixed(2)} mV (${(100 * che).toFixed(2)} %); ${where([a, b])}`,
        });
      }
      // 4. Scharifker-Hills
      for (const kind of ['instantaneous', 'progressive'] as const) {
        const w = scharifker(kind);
        out.push({
          id: `nucleation-plateau-scharifker-hills-${kind}`, quantity: `worst deviation of a potentiostatic ${kind} transient (diffusion-controlled growth) from the Scharifker-Hills curve, 0.2 <= t/t_m <= 4, with the plateau rule flat given`,
          published: '< 5 %', source: 'Scharifker and Hills, Electrochim. Acta 28, 879 (1983); issue 15, must show 2', measured: 100 * w, unit: '%', runs: 'deterministic', pass: w < 0.05,
          note: 'the plateau rule acts on galvanostatic runs only; the same transient as test/nucleation-electrode.test.ts',
        });
      }
      return out;
    });
  },
};
