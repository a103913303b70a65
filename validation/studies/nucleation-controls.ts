/**
 * Two-scale nucleation controls on the real atomistic data (issue 15, must show 3), Li on
 * graphene at 1 mA/cm2, 0.02 mAh/cm2, electrode stage with the adatom sea. Claims, stated before
 * the runs:
 *  - a SAC given the host's own numbers (binding -2.37 eV against the same -2.37 eV reference)
 *    gives the host's nucleation overpotential within 1 mV;
 *  - stronger binding at the SAC (-2.6, -3.0, -3.66 eV against -2.37 eV) never raises it;
 *  - more SAC sites (Zn-N4 at 0.25, 0.5, 1, 2, 5, 10 wt%) never raise it;
 *  - the metal's own foil gives less than 1 mV.
 * Deterministic given the seeds of the atomistic stage (defaults: 12 runs per overpotential).
 * Pinned to the earlier host-reduction rule `metal-rate` (src/nucleation/host-reduction.ts), so this
 * study's record stays that rule's; the default `bronsted` rule is study nucleation-host-reduction.
 * Added on branch bind, effect sizes stated before the run (development runs of the same code on the
 * same inputs): the more-sites series starts at the bare host (42.74 mV, then 37.15 at 0.25 wt%: still
 * falls); for both series the peak never rises (70.47 -> 60.73 mV with binding, -> 58.70 with sites),
 * eta(t) is nowhere higher (0.00 mV at 4x time resolution), and peak minus plateau with the film closed
 * (0.5 mAh/cm2) never rises (46.20 -> 36.10 mV; 46.22 -> 34.04 mV): all met under this rule too.
 * Branch plateau: every `nucleation()` call here is pinned to the plateau rule `end` (the last 10 % of the
 * requested capacity, the reading these claims were stated for), so this record stays reproducible; the
 * same rows under the new default `flat` are study nucleation-plateau. (simulateElectrode's own default is `end`.)
 * Branch zones: every electrode run here is pinned to the exclusion zones' `random` overlap (SeaSpec /
 * NucleationRequest.zoneOverlap; the real nuclei only), the stage these claims and records were made with,
 * so the records stay reproducible; under the new default (`phantom`) the same quantities are in studies
 * nucleation-plateau and nucleation-pei-dense and in docs/nucleation-history.md, "After the zone-overlap fix".
 */
import { withTempStore } from '../temp-store.js';
import { nucleation, type NucleationReport, type NucleationRequest } from '../../src/nucleation/index.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import { seriesRows } from './nucleation-control-checks.js';

// pinned to the plateau rule `end` (the last 10 % of 0.02 mAh/cm2), the reading its claims were stated for; the default `flat` is study nucleation-plateau
// sampler mfpt: the default these claims were stated and run for (branch ffsdefault made mfpt+ffs the default)
const base: NucleationRequest = { metal: 'Li', host: 'graphene', current_A_per_m2: 10, hostReduction: 'metal-rate', plateau: 'end', zoneOverlap: 'random', atomistic: { sampler: 'mfpt' } };
const mv = (r: NucleationReport) => r.nucleation_overpotential_mV;

export const study: ValidationStudy = {
  id: 'nucleation-controls',
  title: 'Two-scale nucleation controls on the atomistic data: SAC = host, stronger binding, more sites, own foil',
  run(): ValidationEntry[] {
    // one store for the run (atomistic data computed once, then reused by the extra rows); removed at the end
    return withTempStore('sacplate-nucleation-controls-', (store) => {
    const host = mv(nucleation(base, store));
    const same = mv(nucleation({ ...base, sac: { binding_eV: -2.37, reference_eV: -2.37, element: 'Zn' } }, store));
    const bindingReqs: NucleationRequest[] = [-2.37, -2.6, -3.0, -3.66].map((b) => ({ ...base, sac: { binding_eV: b, reference_eV: -2.37, element: 'Zn' } }));
    const bindingReports = bindingReqs.map((q) => nucleation(q, store));
    const byBinding = bindingReports.map(mv);
    const loads = ['0.25 wt%', '0.5 wt%', '1 wt%', '2 wt%', '5 wt%', '10 wt%'];
    // the series starts at the bare host (0 sites); before branch bind it started at 0.25 wt%
    const sitesReqs: NucleationRequest[] = [base, ...loads.map((l) => ({ ...base, sac: 'Zn-N4', loading: l }))];
    const sitesReports = sitesReqs.map((q) => nucleation(q, store));
    const bySites = sitesReports.map(mv);
    const foil = mv(nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, hostReduction: 'metal-rate', plateau: 'end', zoneOverlap: 'random' }, store));
    const rise = (xs: number[]) => Math.max(0, ...xs.slice(1).map((x, i) => x - xs[i]!));
    const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    return [
      {
        id: 'nucleation-control-sac-equals-host', quantity: 'SAC with the host\'s numbers minus the bare host (Li on graphene, 1 mA/cm2)', published: '0 within 1 mV',
        source: 'issue 15, must show 3', measured: same - host, unit: 'mV', runs: 'atomistic defaults, seeds fixed', pass: Math.abs(same - host) < 1,
        note: `${same.toFixed(2)} vs ${host.toFixed(2)} mV`,
      },
      {
        id: 'nucleation-control-stronger-binding', quantity: 'largest rise of the nucleation overpotential as SAC binding strengthens (-2.37, -2.6, -3.0, -3.66 eV vs -2.37 eV)', published: '0 (never raises it)',
        source: 'issue 15, must show 3', measured: rise(byBinding), unit: 'mV', runs: 'atomistic defaults, seeds fixed', pass: rise(byBinding) <= 0.2,
        note: `${list(byBinding)} mV (0.2 mV = the electrode stage's resolution)`,
      },
      {
        id: 'nucleation-control-more-sites', quantity: `largest rise of the nucleation overpotential as Zn-N4 loading grows (bare host, ${loads.join(', ')})`, published: '0 (never raises it)',
        source: 'issue 15, must show 3', measured: rise(bySites), unit: 'mV', runs: 'atomistic defaults, seeds fixed', pass: rise(bySites) <= 0.2,
        note: `${list(bySites)} mV (the bare host first; until branch bind the series started at 0.25 wt%)`,
      },
      {
        id: 'nucleation-control-own-foil', quantity: 'nucleation overpotential of the metal\'s own foil (Li on Li, 1 mA/cm2)', published: '< 1 mV',
        source: 'issue 15, must show 3', measured: foil, unit: 'mV', runs: 'deterministic', pass: foil < 1, note: '',
      },
      ...seriesRows({ idPrefix: 'nucleation-control-stronger-binding', what: 'SAC binding strengthens (-2.37, -2.6, -3.0, -3.66 eV vs -2.37 eV)', rule: 'metal-rate', requests: bindingReqs, reports: bindingReports, store }),
      ...seriesRows({ idPrefix: 'nucleation-control-more-sites', what: `Zn-N4 loading grows (bare host, ${loads.join(', ')})`, rule: 'metal-rate', requests: sitesReqs, reports: sitesReports, store }),
    ];
    });
  },
};
