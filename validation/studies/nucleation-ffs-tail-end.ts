/**
 * The sampler 'mfpt+ffs' with the tail end 'electrode' (branch ffstail2; docs/nucleation-history.md, "A cheaper end"): the tail
 * stops (a) once cutting the box's J to 0 below its lowest point moves the electrode's nucleation overpotential at the
 * request's current by less than 0.1 mV, or (b) in a SAC box after 2 tail points in a row with J_s = 0. Cases and runner as
 * study nucleation-ffs-tail's (Li on N-graphene, the host alone, + Zn-N4, + the twin SAC; 1 mA/cm2, capture on; the host
 * on a fresh store in a child process, then the two SAC boxes side by side on stores holding the host's data).
 *
 * Claims, stated before the run (docs/nucleation-history.md, "A cheaper end"):
 *  1. issue 15's first command (+ Zn-N4) within 0.5 mV of full FFS's nucleation overpotential, and
 *  2. the host alone within 0.5 mV of full FFS's (both validation/results.json, study nucleation-ffs-scan);
 *  3. the twin within 0.2 mV of the host under the new end;
 *  4. CPU per box at most half of full FFS's (results.json nucleation-ffs-scan-cpu-*).
 * Reported: each case's overpotential, CPU, events, where its tail ended and why (the rule's electrode readings), laws and points.
 */
import { LABEL, runJob, wallClock, type CaseName } from './nucleation-ffs-scan.js';
import { lawOfArm, matchRows, pointList, scanRow } from './nucleation-ffs-tail.js';
import { lawText } from './nucleation-ffs-window.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const MATCH_MV = 0.5;
const CPU_SHARE = 0.5;

const log = (m: string) => process.stderr.write(`  nucleation-ffs-tail-end: ${m}\n`);
const f2 = (v: number) => v.toFixed(2);

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-tail-end-(?:host|sac|twin)$/;

export const study: ValidationStudy = {
  id: 'nucleation-ffs-tail-end',
  title: "The tail end 'electrode' of the sampler mfpt+ffs (stop where the electrode no longer reads the next point) against full FFS: Li on N-graphene, + Zn-N4 and the twin SAC, 1 mA/cm2",
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    const job = { kind: 'cases', sampler: 'mfpt+ffs', tailEnd: 'electrode' } as const;
    const host = await runJob({ ...job, cases: ['host'] });
    log(`host done (${wall()})`);
    const [sac, twin] = await Promise.all((['sac', 'twin'] as const).map((c) => runJob({ ...job, cases: [c], hostData: host.hostData! })));
    log(`SAC boxes done (${wall()})`);
    const all = [...host.results, ...sac!.results, ...twin!.results];
    const get = (c: CaseName) => all.find((r) => r.case === c)!;
    for (const c of ['sac', 'twin'] as const) if (!get(c).hostFromCache) throw new Error(`nucleation-ffs-tail-end: the ${c} case did not read the host's data from the store`);
    const rows: ValidationEntry[] = [];
    for (const c of ['host', 'sac', 'twin'] as const) {
      const r = get(c), hl = lawOfArm(r, 'host'), sl = lawOfArm(r, 'sac');
      rows.push({
        id: `nucleation-ffs-tail-end-${c}`, claim: false,
        quantity: `Nucleation overpotential, ${LABEL[c]}, 1 mA/cm2, capture on, sampler mfpt+ffs, tail end electrode`,
        published: 'reported, no claim', source: 'this study', measured: r.mV, unit: 'mV',
        runs: 'seeds fixed by the scan; MFPT 12 runs per overpotential, FFS (tail) 4 repetitions per point',
        pass: Number.isFinite(r.mV),
        note: `peak ${f2(r.peak_mV)} mV, plateau ${f2(r.plateau_mV)} mV; atomistic stage ${r.events.toExponential(2)} events, ${r.cpu_s.toFixed(1)} CPU s (${c === 'host' ? 'host scan' : 'SAC box only, host from the store'}), ${r.wall_s.toFixed(0)} s wall. Tail: ${r.tailNotes.join('; ') || 'no tail end line'}. Host law ${hl ? lawText(hl) : 'none'}${c === 'host' && hl ? `; points ${pointList(hl.points)}` : ''}${c !== 'host' ? `; SAC law ${sl ? lawText(sl) : 'none'}; SAC points ${pointList(r.J_eta.sac?.points ?? [])}` : ''}`,
      });
    }
    // 1-3. the nucleation overpotential against full FFS's, and the twin
    rows.push(...matchRows(get, 'nucleation-ffs-tail-end', 'mfpt+ffs with the tail end electrode', MATCH_MV));
    // 4. CPU per box
    for (const c of ['host', 'sac', 'twin'] as const) {
      const ref = scanRow(`nucleation-ffs-scan-cpu-${c}`), r = get(c);
      rows.push({
        id: `nucleation-ffs-tail-end-cpu-${c}`,
        quantity: `CPU s of the ${c === 'host' ? 'host scan' : 'SAC box scan (host from the store)'} under mfpt+ffs with the tail end electrode / full FFS's, ${LABEL[c]}`,
        published: `at most ${CPU_SHARE}`, source: 'validation/results.json nucleation-ffs-scan-cpu-' + c,
        measured: r.cpu_s / ref, unit: 'ratio', runs: 'user + system CPU of the child process running the case (the SAC boxes two at a time on 2 cores)',
        pass: r.cpu_s / ref <= CPU_SHARE,
        note: `${r.cpu_s.toFixed(1)} CPU s (${r.events.toExponential(2)} events) against full FFS's ${ref.toFixed(1)} CPU s; the whole nucleation() call, the tail end's electrode runs and the electrode stage included`,
      });
    }
    return rows;
  },
};
