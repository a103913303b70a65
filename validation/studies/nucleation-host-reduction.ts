/**
 * The rule for reduction on the bare host (issue 15; src/nucleation/host-reduction.ts): Pei's
 * scaling and the nucleation overpotential's trend with current under the `bronsted` rule
 * (the host's reduction barrier carries beta = 1/2 of its binding deficit against the metal's own
 * terrace adatom, 0.043 eV for Li on graphene) and under the earlier `metal-rate` rule, plus the
 * controls of must show 3 and the convergence of must show 5 under the Bronsted rule. Li on graphene,
 * 0.1-5 mA/cm2, 0.02 mAh/cm2, law measured by the atomistic stage (defaults: 12 runs per
 * overpotential, fixed seeds), electrode stage with the adatom sea (exclusion zones).
 *
 * Effect sizes stated before the final run (from a development run of the same code at 19:50 UTC;
 * the stages are deterministic given their seeds, so the final run must give the same numbers):
 *  - atomistic J(eta) and n*(eta): identical under both rules. With the lone adatoms eliminated
 *    (reservoir), every slow event touches metal or is the sea's equilibrium, and MODEL.md 3 gives a
 *    position next to metal the metal's barrier: the host's shift cancels out of every rate the
 *    stage samples (the acceleration bound grows: the adatom lives longer, its diffusion length is
 *    exp(shift / 2kT) = 2.3x longer);
 *  - metal-rate: density vs peak exponent 9.87 [4.04, 15.70], radius -3.24 [-5.19, -1.29],
 *    nucleation overpotential vs current -0.33 [-0.53, -0.12] (last session's record, reproduced);
 *  - bronsted: density exponent about 2.2 [0.3, 4.1], radius about -0.71 [-1.34, -0.08]: within
 *    their intervals of Pei's 3 and -1 but not within 20 % (about -28 % and -29 %); the nucleation
 *    overpotential about flat with current (exponent about -0.01 [-0.09, 0.08]; 55 -> 44 -> 54 mV),
 *    i.e. not the rise Pei and the review's hosts show; the host's sea carries 27-32 % of the
 *    current at the end (53-63 % before).
 *  - controls under bronsted: SAC twin = host within 1 mV, stronger binding and more Zn-N4 sites
 *    never raise it (0.2 mV resolution), own foil < 1 mV; convergence 12 -> 24 runs < 5 %.
 * Added after the second run (diagnostic, no expectation stated before it): the same sweep with beta
 * 1/4 and 3/4, to see whether the assumed 1/2 decides the outcome.
 * Claims tested (the rows' pass): Pei's exponents within 20 %; the nucleation overpotential's
 * exponent with current > 0 (lower 95 % bound); the controls; convergence.
 * Added on branch bind (issue 15, the stronger-binding control: +0.81 mV, not met), effect sizes
 * stated before the run, from development runs of the same code on the same inputs (deterministic):
 *  - the more-sites control now starts at the bare host (0 sites), which the row had left out:
 *    47.74 -> 48.52 mV at 0.25 wt%, a rise of about 0.78 mV: not met, like the binding control;
 *  - stronger binding: the peak never rises (91.64, 91.64, 90.57, 90.57 mV), eta(t) is nowhere
 *    higher (0.00 mV, at 4x time resolution), and with the film closed (0.5 mAh/cm2, both plateaus
 *    the foil's 24.7 mV) peak minus plateau falls (66.93 -> 65.85 mV): all three met;
 *  - more sites: the same three met (peaks 91.64 -> 90.20 mV; eta(t) at most 0.03 mV higher;
 *    closed film 66.93 -> 65.48 mV);
 *  - the binding control's rise at twice the time resolution: 0.82 mV (0.81 at the default), so it
 *    is not discretisation.
 * Rerun with the capture correction (branches capture2 and capture3, ATOMISTIC_VERSION 4; results.json
 * at 56395e5): the numbers stated above are those before it. The first bullet ("J(eta) identical under
 * both rules") now holds for the reservoir's own box rates only (row 1 compares rate_per_s, as sampled):
 * the capture factor E depends on the host's shift through lambda, so the corrected J differs between
 * the rules by E's ratio (1.093-1.097, in row 1's note). The binding control's three sub-controls are
 * still met (peaks 92.66, 92.66, 91.06, 91.06 mV; eta(t) nowhere higher; closed film 67.97 -> 66.34 mV),
 * as are the more-sites ones (peaks 92.66 -> 90.64 mV); the binding and sites controls themselves rise
 * 0.53 and 0.50 mV (not met, as before), and Pei's exponents and the trend row are not met (README 15.x).
 * Why (docs/nucleation-history.md, "Stronger binding and the plateau"): at 0.02 mAh/cm2 the nuclei cover
 * about 40 % of the electrode and eta is still falling (1.3 mV over the plateau's window); the SAC's
 * extra nuclei lower that point by 1.9 mV, the peak by 1.1 mV (pinned near the host's own
 * reduction limit under this rule).
 * Branch plateau: every `nucleation()` call here is pinned to the plateau rule `end` (the last 10 % of the
 * requested capacity, the reading these claims were stated for), so this record stays reproducible; the
 * same rows under the new default `flat` are study nucleation-plateau. (simulateElectrode's own default is `end`.)
 * Branch zones: every electrode run here is pinned to the exclusion zones' `random` overlap (SeaSpec /
 * NucleationRequest.zoneOverlap; the real nuclei only), the stage these claims and records were made with,
 * so the records stay reproducible; under the new default (`phantom`) the same quantities are in studies
 * nucleation-plateau and nucleation-pei-dense and in docs/nucleation-history.md, "After the zone-overlap fix".
 */
import { withTempStore } from '../temp-store.js';
import {
  atomisticStage, lawFromData, nucleation, resolveStudy, simulateElectrode, seaOf,
  type HostReductionRule, type NucleationReport, type NucleationRequest,
} from '../../src/nucleation/index.js';
import type { Store } from '../../src/store/index.js';
import type { SeaSpec } from '../../src/nucleation/electrode.js';
import { CONST } from '../../src/units.js';
import { linearFit } from '../../src/stats/interval.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { largestRise, seriesRows } from './nucleation-control-checks.js';

const CURRENTS = [0.1, 0.2, 0.5, 1, 2, 5];
const mv = (xs: number[]) => xs.map((v) => (v * 1e3).toFixed(1)).join(', ');

/** beta: a Bronsted coefficient other than the rule's 1/2 (sensitivity only; the law is beta 1/2's: the reservoir's box rates do not
 * depend on the host's shift, row 1, but since the capture correction the corrected J does, through E (1.09x between beta 1/2 and
 * the metal-rate rule's 0, row 1's note), which these rows leave out) */
function peiSweep(rule: HostReductionRule, store: Store, beta?: number) {
  const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: rule });
  const d = atomisticStage(s, {}, store);
  const law = lawFromData(d);
  const sea0: SeaSpec = { ...seaOf(s), zoneOverlap: 'random' };
  const sea = beta === undefined ? sea0
    : { ...sea0, k0_per_s: sea0.k0_per_s * Math.exp((s.reduction.host_eV - beta * Math.max(0, s.bond_eV - s.hostBinding_eV)) / (CONST.kB_eV * s.T_K)) };
  const rows = CURRENTS.map((mA) => {
    const I = mA * 10;
    const r = simulateElectrode({
      z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / (s.a_m * s.a_m),
      sacSites_per_m2: 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law, growth: { kind: 'interface' },
      control: { kind: 'galvanostatic', current_A_per_m2: I, duration_s: 720 / I }, sea,
    });
    const end = r.trace[r.trace.length - 1]!;
    return { mA, eta: r.peak_eta_V, N: r.nuclei_end_per_m2, rad: r.mean_radius_end_m, plateau: r.plateau_eta_V, nuc: r.nucleation_overpotential_V, area: end.metalArea, seaShare: end.seaCurrent_A_per_m2 / I };
  });
  const fit = (xs: number[], ys: number[]) => linearFit(xs.map(Math.log), ys.map(Math.log));
  return {
    s, d, rows,
    fN: fit(rows.map((r) => r.eta), rows.map((r) => r.N)),
    fR: fit(rows.map((r) => r.eta), rows.map((r) => r.rad)),
    fNuc: fit(CURRENTS, rows.map((r) => r.nuc)),
  };
}

/** rows that state no claim (the beta 1/4 and 3/4 sensitivity rows): the full table (docs/validation-table/) says "reported" for them, docs/validation-claims.md leaves them out */
export const reportOnly = /^nucleation-host-reduction-beta-/;

export const study: ValidationStudy = {
  id: 'nucleation-host-reduction',
  title: 'Two-scale nucleation: reduction on the bare host by the Bronsted rule vs the metal\'s rate (Pei scaling, trend with current, controls, convergence)',
  run(): ValidationEntry[] {
    return withTempStore('sacplate-host-reduction-', (store) => {
      const out: ValidationEntry[] = [];
      const nw = peiSweep('bronsted', store), old = peiSweep('metal-rate', store);
      const kT = CONST.kB_eV * nw.s.T_K;
      // 1. the atomistic stage under both rules
      const pa = nw.d.host.points, pb = old.d.host.points;
      const same = pa.length === pb.length && pa.every((p, i) => p.eta_V === pb[i]!.eta_V);
      // the reservoir's own box rates (rate_per_s: as sampled, before the capture factor). The capture factor E
      // does depend on the host's shift (through lambda and the sea's share of attachment), so the corrected
      // J differs between the rules by E's ratio: reported in the note, not part of this check
      const relDiff = same ? Math.max(...pa.map((p, i) => Math.abs(p.rate_per_s / pb[i]!.rate_per_s - 1))) : Infinity;
      const eRatio = same ? pa.map((p, i) => p.capture_factor / pb[i]!.capture_factor) : [];
      out.push({
        id: 'nucleation-host-reduction-atomistic-J', quantity: 'largest relative difference of the atomistic reservoir box rate (before the capture factor), Bronsted rule vs metal-rate (Li on graphene, every measured overpotential)',
        published: '0 (the host\'s shift cancels out of every rate the reservoir stage samples)', source: 'MODEL.md 3 (a position next to metal has the metal\'s barrier); host-reduction.ts',
        measured: relDiff, unit: '1', runs: `${nw.d.options.runs} runs per overpotential, same seeds`, pass: relDiff < 1e-9,
        note: `${pa.length} overpotentials ${mv(pa.map((p) => p.eta_V))} mV; host shift ${nw.s.reduction.host_eV.toFixed(4)} eV = beta ${nw.s.reduction.beta} x (E_mm ${nw.s.bond_eV} - E_host ${nw.s.hostBinding_eV.toFixed(4)}) eV: ` +
          `the host's exchange rate per site is exp(-shift/kT) = ${Math.exp(-nw.s.reduction.host_eV / kT).toFixed(3)} of the metal's; ` +
          `the acceleration bound grows with the adatom's diffusion length (x ${Math.exp(nw.s.reduction.host_eV / (2 * kT)).toFixed(2)}); ` +
          `capture factor E Bronsted / metal-rate ${eRatio.map((x) => x.toFixed(3)).join(', ')} (so the corrected J differs by its inverse)`,
      });
      // 2. Pei, both rules
      for (const [tag, r] of [['', nw], ['-metal-rate', old]] as const) {
        const rule = r.s.reduction.rule;
        const what = rule === 'bronsted' ? 'Bronsted host reduction (the physically argued rule, the default)' : 'metal-rate host reduction (the earlier rule)';
        out.push({
          id: `nucleation-host-reduction-pei-density${tag}`, quantity: `exponent of nucleus density vs peak overpotential, 0.1-5 mA/cm2, 0.02 mAh/cm2, ${what}`,
          published: '3', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: r.fN.slope, unit: '1', interval: [r.fN.slopeLo, r.fN.slopeHi],
          runs: 'deterministic electrode stage (adatom sea with exclusion zones), atomistic law at fixed seeds', pass: Math.abs(r.fN.slope / 3 - 1) <= 0.2,
          note: `peaks ${mv(r.rows.map((x) => x.eta))} mV; plateaus ${mv(r.rows.map((x) => x.plateau))} mV; densities ${r.rows.map((x) => (x.N / 1e12).toPrecision(3)).join(', ')} /um2; ` +
            `metal area at the end ${r.rows.map((x) => x.area.toFixed(2)).join(', ')}; share of the current through the host's sea at the end ${r.rows.map((x) => x.seaShare.toFixed(2)).join(', ')}`,
        });
        out.push({
          id: `nucleation-host-reduction-pei-size${tag}`, quantity: `exponent of mean nucleus radius vs peak overpotential, 0.1-5 mA/cm2, ${what}`,
          published: '-1', source: 'Pei et al., Nano Lett. 17, 1132 (2017)', measured: r.fR.slope, unit: '1', interval: [r.fR.slopeLo, r.fR.slopeHi],
          runs: 'deterministic electrode stage, atomistic law at fixed seeds', pass: Math.abs(r.fR.slope / -1 - 1) <= 0.2,
          note: `radii ${r.rows.map((x) => (x.rad * 1e9).toPrecision(3)).join(', ')} nm (extended hemispheres)`,
        });
        out.push({
          id: `nucleation-host-reduction-trend${tag}`, quantity: `exponent of the nucleation overpotential (peak minus plateau) vs current, 0.1-5 mA/cm2, ${what}`,
          published: '> 0 (rises with current)', source: 'Pei et al., Nano Lett. 17, 1132 (2017) and the review\'s hosts',
          measured: r.fNuc.slope, unit: '1', interval: [r.fNuc.slopeLo, r.fNuc.slopeHi], runs: 'deterministic electrode stage, atomistic law at fixed seeds', pass: r.fNuc.slopeLo > 0,
          note: `peak minus plateau ${mv(r.rows.map((x) => x.nuc))} mV`,
        });
      }
      // 2b. sensitivity to the assumed beta (diagnostic rows, no claim): 1/4 and 3/4
      for (const beta of [0.25, 0.75]) {
        const r = peiSweep('bronsted', store, beta);
        out.push({
          id: `nucleation-host-reduction-beta-${beta}`, quantity: `sensitivity, not a claim: Bronsted rule with beta = ${beta} instead of 1/2 (host exchange ${Math.exp(-beta * Math.max(0, r.s.bond_eV - r.s.hostBinding_eV) / kT).toFixed(3)} of Li's): exponent of the nucleation overpotential vs current`,
          published: '> 0 (rises with current)', source: 'Pei et al., Nano Lett. 17, 1132 (2017) and the review\'s hosts', measured: r.fNuc.slope, unit: '1', interval: [r.fNuc.slopeLo, r.fNuc.slopeHi],
          runs: 'deterministic electrode stage, atomistic law at fixed seeds', pass: r.fNuc.slopeLo > 0, claim: false,
          note: `peak minus plateau ${mv(r.rows.map((x) => x.nuc))} mV; peaks ${mv(r.rows.map((x) => x.eta))} mV; density vs peak exponent ${r.fN.slope.toFixed(2)} [${r.fN.slopeLo.toFixed(2)}, ${r.fN.slopeHi.toFixed(2)}] (Pei 3); ` +
            `radius vs peak ${r.fR.slope.toFixed(2)} [${r.fR.slopeLo.toFixed(2)}, ${r.fR.slopeHi.toFixed(2)}] (Pei -1); sea share at the end ${r.rows.map((x) => x.seaShare.toFixed(2)).join(', ')}`,
        });
      }
      // 3. controls under the Bronsted rule (must show 3)
      // pinned to the plateau rule `end` (the last 10 % of 0.02 mAh/cm2), the reading its claims were stated for; the default `flat` is study nucleation-plateau
      // sampler mfpt: the default this study was run for (branch ffsdefault made mfpt+ffs the default)
      const base: NucleationRequest = { metal: 'Li', host: 'graphene', current_A_per_m2: 10, hostReduction: 'bronsted', plateau: 'end', zoneOverlap: 'random', atomistic: { sampler: 'mfpt' } };
      const val = (r: NucleationReport) => r.nucleation_overpotential_mV;
      const host = val(nucleation(base, store));
      const twin = val(nucleation({ ...base, sac: { binding_eV: -2.37, reference_eV: -2.37, element: 'Zn' } }, store));
      const bindingReqs: NucleationRequest[] = [-2.37, -2.6, -3.0, -3.66].map((b) => ({ ...base, sac: { binding_eV: b, reference_eV: -2.37, element: 'Zn' } }));
      const bindingReports = bindingReqs.map((q) => nucleation(q, store));
      const byBinding = bindingReports.map(val);
      const loads = ['0.25 wt%', '0.5 wt%', '1 wt%', '2 wt%', '5 wt%', '10 wt%'];
      // the series starts at the bare host (0 sites); before branch bind it started at 0.25 wt%
      const sitesReqs: NucleationRequest[] = [base, ...loads.map((l) => ({ ...base, sac: 'Zn-N4', loading: l }))];
      const sitesReports = sitesReqs.map((q) => nucleation(q, store));
      const bySites = sitesReports.map(val);
      const byBindingRefined = bindingReqs.map((q) => val(nucleation({ ...q, refine: 2 }, store)));
      const foil = val(nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, hostReduction: 'bronsted', plateau: 'end', zoneOverlap: 'random' }, store));
      const rise = largestRise;
      const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
      const runs = 'atomistic defaults, seeds fixed; Bronsted rule';
      out.push(
        {
          id: 'nucleation-host-reduction-control-twin', quantity: 'SAC with the host\'s numbers minus the bare host (Li on graphene, 1 mA/cm2, Bronsted rule)', published: '0 within 1 mV',
          source: 'issue 15, must show 3', measured: twin - host, unit: 'mV', runs, pass: Math.abs(twin - host) < 1, note: `${twin.toFixed(2)} vs ${host.toFixed(2)} mV`,
        },
        {
          id: 'nucleation-host-reduction-control-binding', quantity: 'largest rise of the nucleation overpotential as SAC binding strengthens (-2.37, -2.6, -3.0, -3.66 eV vs -2.37 eV), Bronsted rule', published: '0 (never raises it)',
          source: 'issue 15, must show 3', measured: rise(byBinding), unit: 'mV', runs, pass: rise(byBinding) <= 0.2,
          note: `${list(byBinding)} mV (0.2 mV = the electrode stage's resolution); peaks ${list(bindingReports.map((r) => r.peak_overpotential_mV))} mV, ` +
            `plateaus ${list(bindingReports.map((r) => r.plateau_overpotential_mV))} mV: the plateau (read while the metal covers ${list(bindingReports.map((r) => r.metal_area_end))} of the electrode) falls more than the peak`,
        },
        {
          id: 'nucleation-host-reduction-control-binding-refined', quantity: 'the binding control\'s rise (row above) with every step bound of the electrode stage halved (refine 2), Bronsted rule',
          published: 'the same rise within 0.2 mV (a discretisation check, not a claim of the review)', source: 'branch bind (issue 15, must show 3)',
          measured: rise(byBindingRefined), unit: 'mV', runs, pass: Math.abs(rise(byBindingRefined) - rise(byBinding)) < 0.2,
          note: `${list(byBindingRefined)} mV at refine 2 vs ${list(byBinding)} mV at refine 1`,
        },
        {
          id: 'nucleation-host-reduction-control-sites', quantity: `largest rise of the nucleation overpotential as Zn-N4 loading grows (bare host, ${loads.join(', ')}), Bronsted rule`, published: '0 (never raises it)',
          source: 'issue 15, must show 3', measured: rise(bySites), unit: 'mV', runs, pass: rise(bySites) <= 0.2,
          note: `${list(bySites)} mV (the bare host first; until branch bind the series started at 0.25 wt%); peaks ${list(sitesReports.map((r) => r.peak_overpotential_mV))} mV, plateaus ${list(sitesReports.map((r) => r.plateau_overpotential_mV))} mV`,
        },
        {
          id: 'nucleation-host-reduction-control-foil', quantity: 'nucleation overpotential of the metal\'s own foil (Li on Li, 1 mA/cm2, Bronsted rule: shift 0 by construction)', published: '< 1 mV',
          source: 'issue 15, must show 3', measured: foil, unit: 'mV', runs: 'deterministic', pass: foil < 1, note: '',
        },
        ...seriesRows({ idPrefix: 'nucleation-host-reduction-control-binding', what: 'SAC binding strengthens (-2.37, -2.6, -3.0, -3.66 eV vs -2.37 eV)', rule: 'Bronsted', requests: bindingReqs, reports: bindingReports, store }),
        ...seriesRows({ idPrefix: 'nucleation-host-reduction-control-sites', what: `Zn-N4 loading grows (bare host, ${loads.join(', ')})`, rule: 'Bronsted', requests: sitesReqs, reports: sitesReports, store }),
      );
      // 4. convergence (must show 5) under the Bronsted rule
      const a = nucleation({ ...base, sac: 'Zn-N4', atomistic: { sampler: 'mfpt', runs: 12 } }, store);
      const b = nucleation({ ...base, sac: 'Zn-N4', atomistic: { sampler: 'mfpt', runs: 24 } }, store);
      const change = (b.nucleation_overpotential_mV - a.nucleation_overpotential_mV) / a.nucleation_overpotential_mV;
      out.push({
        id: 'nucleation-host-reduction-convergence', quantity: 'relative change of the nucleation overpotential (Li on graphene + Zn-N4, 1 mA/cm2, Bronsted rule) when atomistic runs double 12 -> 24',
        published: '< 5 %', source: 'issue 15, must show 5', measured: 100 * change, unit: '%', runs: 'seeds fixed (runs 1-12, 1-24)', pass: Math.abs(change) < 0.05,
        note: `${a.nucleation_overpotential_mV.toFixed(1)} mV (12 runs) vs ${b.nucleation_overpotential_mV.toFixed(1)} mV (24 runs)`,
      });
      return out;
    });
  },
};
