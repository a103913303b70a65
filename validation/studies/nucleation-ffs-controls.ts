/**
 * Issue 15's controls (must show 3, study nucleation-controls) under the sampler 'mfpt+ffs' with the tail end
 * 'electrode' (branch ffsctl; docs/nucleation-history.md, "Controls under the electrode tail end"): Li on N-graphene as the
 * ffs-tail studies, 1 mA/cm2, 0.02 mAh/cm2, capture on, every other setting the default (Bronsted host reduction,
 * plateau rule flat, phantom zones).
 *
 * Claims, stated before the run (the doc section above):
 *  1. the twin SAC (binding -2.37 eV against reference -2.37 eV, element Zn, default 1 wt%) within 0.2 mV of the host;
 *  2. binding -2.37 (twin), -2.6, -3.0, -3.66 eV (reference -2.37, element Zn): never raises the nucleation
 *     overpotential (a rise below 0.2 mV, the electrode stage's resolution, counts as none);
 *  3. Zn-N4 at 0 (the bare host), 0.5, 2, 10 wt%: never raises it (the same 0.2 mV);
 *  4. the metal's own foil (Li on Li) below 1 mV.
 * Reported, no claim: each case's overpotential, peak, plateau, CPU, and where its tails ended and why.
 * Runner as nucleation-ffs-tail-end's: the host on a fresh store in a child process, then the SAC boxes in child
 * processes two at a time (the dearest first), each on a store holding the host's data (so the host box is scanned
 * once); CPU = the child's process.cpuUsage() for its case. The foil needs no atomistic stage: run here.
 */
import { resultNamed, runJob, tailEndCaseRow, twoAtATime, wallClock, type NamedRequest } from './nucleation-ffs-scan.js';
import { largestRise, RESOLUTION_MV } from './nucleation-control-checks.js';
import { nucleation, type NucleationRequest } from '../../src/nucleation/index.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

/** the host's request (seed 1, the default); study nucleation-ffs-binding-seeds adds a seed */
export const base: NucleationRequest = { metal: 'Li', host: 'N-graphene', current_A_per_m2: 10, atomistic: { sampler: 'mfpt+ffs', tailEnd: 'electrode' } };
const BINDINGS = [-2.37, -2.6, -3.0, -3.66];
const LOADINGS = ['0.5 wt%', '2 wt%', '10 wt%'];
const FOIL_MV = 1;

/** a binding case's name (its row id: nucleation-ffs-controls-case-binding-2.6-ev) and its SAC (reference -2.37 eV, element Zn) */
export const bindName = (b: number) => `binding ${b} eV`;
export const bindingSac = (b: number) => ({ binding_eV: b, reference_eV: -2.37, element: 'Zn' });
const loadName = (l: string) => `Zn-N4 ${l}`;
/** the SAC boxes, the dearest first (Zn-N4 boxes ran 169 CPU s in nucleation-ffs-tail-end, the twin's 31 s) */
const SAC_CASES: NamedRequest[] = [
  ...LOADINGS.slice().reverse().map((l) => ({ name: loadName(l), request: { ...base, sac: 'Zn-N4', loading: l } })),
  ...BINDINGS.slice().reverse().map((b) => ({ name: bindName(b), request: { ...base, sac: bindingSac(b) } })),
];

const log = (m: string) => process.stderr.write(`  nucleation-ffs-controls: ${m}\n`);
const f2 = (v: number) => v.toFixed(2);
const list = (xs: number[]) => xs.map(f2).join(', ');

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-controls-case-/;

export const study: ValidationStudy = {
  id: 'nucleation-ffs-controls',
  title: "Issue 15's controls (twin = host, stronger binding, more SAC sites, own foil) under the sampler mfpt+ffs with the tail end 'electrode': Li on N-graphene, 1 mA/cm2",
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    const host = await runJob({ kind: 'requests', requests: [{ name: 'host', request: base }] });
    log(`host done (${wall()})`);
    // two child processes at a time over the SAC boxes
    const done = (await twoAtATime(SAC_CASES.map((next) => async () => {
      const r = await runJob({ kind: 'requests', requests: [next], hostData: host.hostData! });
      log(`${next.name} done (${wall()})`);
      return r.results;
    }))).flat();
    const all = [...host.results, ...done];
    const get = (name: string) => resultNamed(all, name, 'nucleation-ffs-controls');
    const foil = nucleation({ metal: 'Li', host: 'Li', current_A_per_m2: 10, atomistic: { sampler: 'mfpt+ffs', tailEnd: 'electrode' } });
    const h = get('host'), twin = get(bindName(-2.37));
    const byBinding = BINDINGS.map((b) => get(bindName(b)).mV);
    const bySites = [h.mV, ...LOADINGS.map((l) => get(loadName(l)).mV)];
    const runs = 'seeds fixed by the scan; MFPT 12 runs per overpotential, FFS (tail) 4 repetitions per point; sampler mfpt+ffs, tail end electrode';
    const rows: ValidationEntry[] = [
      {
        id: 'nucleation-ffs-controls-twin', quantity: 'Twin SAC (binding -2.37 eV vs reference -2.37 eV, element Zn, 1 wt%) minus the bare host, Li on N-graphene, 1 mA/cm2, mfpt+ffs with the tail end electrode',
        published: `0 within ${RESOLUTION_MV} mV`, source: 'issue 15, must show 3 (study nucleation-controls\' first control)', measured: twin.mV - h.mV, unit: 'mV', runs,
        pass: Math.abs(twin.mV - h.mV) <= RESOLUTION_MV, note: `${f2(twin.mV)} vs ${f2(h.mV)} mV`,
      },
      {
        id: 'nucleation-ffs-controls-binding', quantity: `largest rise of the nucleation overpotential as SAC binding strengthens (${BINDINGS.join(', ')} eV vs -2.37 eV, element Zn, 1 wt%), mfpt+ffs with the tail end electrode`,
        published: '0 (never raises it)', source: 'issue 15, must show 3', measured: largestRise(byBinding), unit: 'mV', runs,
        pass: largestRise(byBinding) <= RESOLUTION_MV, note: `${list(byBinding)} mV (a rise up to ${RESOLUTION_MV} mV, the electrode stage's resolution, counts as none)`,
      },
      {
        id: 'nucleation-ffs-controls-sites', quantity: `largest rise of the nucleation overpotential as Zn-N4 loading grows (0 = the bare host, ${LOADINGS.join(', ')}), mfpt+ffs with the tail end electrode`,
        published: '0 (never raises it)', source: 'issue 15, must show 3', measured: largestRise(bySites), unit: 'mV', runs,
        pass: largestRise(bySites) <= RESOLUTION_MV, note: `${list(bySites)} mV (the bare host first; a rise up to ${RESOLUTION_MV} mV counts as none)`,
      },
      {
        id: 'nucleation-ffs-controls-foil', quantity: 'nucleation overpotential of the metal\'s own foil (Li on Li, 1 mA/cm2), the same request options', published: `< ${FOIL_MV} mV`,
        source: 'issue 15, must show 3', measured: foil.nucleation_overpotential_mV, unit: 'mV', runs: 'deterministic (no atomistic stage)', pass: foil.nucleation_overpotential_mV < FOIL_MV, note: '',
      },
    ];
    for (const r of all) {
      rows.push(tailEndCaseRow('nucleation-ffs-controls-case', `Li on N-graphene${r.case === 'host' ? ' (host alone)' : ` + ${r.case}`}`, r, runs));
    }
    return rows;
  },
};
