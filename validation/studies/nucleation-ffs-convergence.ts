/**
 * Issue 15, must show 5 ("the electrode-stage result changes by less than 5 % when the atomistic runs double") under the
 * sampler 'mfpt+ffs' with the tail end 'electrode' (branch ffsconv; docs/nucleation-history.md, "Convergence under the electrode
 * tail end"): issue 15's first command (Li on N-graphene + Zn-N4, 1 mA/cm2, 0.02 mAh/cm2, capture on, every other
 * setting the default) and the host alone, baseline (12 MFPT runs per overpotential, 4 FFS repetitions per tail point)
 * against doubled (24 and 8: `atomistic.runs`, `atomistic.ffsRepetitions`). Nested seeds: the doubled runs and
 * repetitions hold the baseline's and as many more; not a paired comparison of independent estimates, and the two
 * scans may keep different points and end their tails at different overpotentials.
 *
 * Claims, stated before the run (the doc section above):
 *  1. + Zn-N4: |relative change of the nucleation overpotential, doubled against baseline| < 5 %;
 *  2. the host alone: the same;
 *  3. control: the baseline equals study nucleation-ffs-tail-end's recorded host and + Zn-N4 overpotentials within 1e-6 mV.
 * Reported: the absolute change in mV, each case's overpotential, where each tail ended and why, laws, CPU per box.
 * Runner: one child process per arm, side by side (the host on a fresh store, then the SAC box on a store holding the
 * arm's host data, as nucleation-ffs-tail-end's); CPU = the child's process.cpuUsage() for its case.
 */
import { runJob, wallClock, type CaseResult, type NamedRequest } from './nucleation-ffs-scan.js';
import { lawOfArm, scanRow } from './nucleation-ffs-tail.js';
import { lawText } from './nucleation-ffs-window.js';
import type { NucleationRequest } from '../../src/nucleation/index.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';

const CHANGE = 0.05;
const SAME_MV = 1e-6;
const ARMS = { baseline: { runs: 12, ffsRepetitions: 4 }, doubled: { runs: 24, ffsRepetitions: 8 } } as const;
type Arm = keyof typeof ARMS;
export type Box = 'host' | 'sac';
const LABEL: Record<Box, string> = { host: 'Li on N-graphene (host alone)', sac: 'Li on N-graphene + Zn-N4 (issue 15\'s first command)' };

const requestOf = (arm: Arm, box: Box): NucleationRequest => ({
  metal: 'Li', host: 'N-graphene', ...(box === 'sac' ? { sac: 'Zn-N4' } : {}), current_A_per_m2: 10,
  atomistic: { sampler: 'mfpt+ffs', tailEnd: 'electrode', ...ARMS[arm] },
});
const armText = (arm: Arm) => `${ARMS[arm].runs} MFPT runs per overpotential, ${ARMS[arm].ffsRepetitions} FFS repetitions per tail point`;

const log = (m: string) => process.stderr.write(`  nucleation-ffs-convergence: ${m}\n`);
const f2 = (v: number) => v.toFixed(2);
const f3 = (v: number) => v.toFixed(3);

/** where a case's tail ended: its lowest FFS point, and the stop line when rule (a) or (b) ended it (study nucleation-ffs-literature too) */
export function tailText(r: CaseResult, box: Box): string {
  const law = r.J_eta[box];
  const ffs = (law?.points ?? []).filter((p) => 'ffs' in p).map((p) => Math.round(p.eta_V * 1e3));
  const end = r.tailNotes.filter((m) => /tail ends at/.test(m));
  const last = r.tailNotes.filter((m) => /tail end:/.test(m)).pop();
  return `tail points ${ffs.join('/') || 'none'} mV; ${end.length ? end.join('; ') : `ended by ffs-scan.ts's own stops${last ? ` (last reading: ${last})` : ''}`}`;
}

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-convergence-(?:(?:host|sac)-(?:baseline|doubled)|cpu-(?:host|sac))$/;

export const study: ValidationStudy = {
  id: 'nucleation-ffs-convergence',
  title: "Issue 15's convergence check (atomistic runs doubled: 12 -> 24 MFPT runs, 4 -> 8 FFS repetitions) under the sampler mfpt+ffs with the tail end 'electrode': Li on N-graphene, + Zn-N4, 1 mA/cm2",
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    const arm = async (a: Arm): Promise<Record<Box, CaseResult>> => {
      const named = (box: Box): NamedRequest => ({ name: box, request: requestOf(a, box) });
      const host = await runJob({ kind: 'requests', requests: [named('host')] });
      log(`${a} host done (${wall()})`);
      const sac = await runJob({ kind: 'requests', requests: [named('sac')], hostData: host.hostData! });
      log(`${a} SAC box done (${wall()})`);
      const r = { host: host.results[0]!, sac: sac.results[0]! };
      if (!r.sac.hostFromCache) throw new Error(`nucleation-ffs-convergence: the ${a} SAC box did not read its host's data from the store`);
      return r;
    };
    // the doubled arm first: it sets the wall time
    const [doubled, baseline] = await Promise.all([arm('doubled'), arm('baseline')]);
    const got: Record<Arm, Record<Box, CaseResult>> = { baseline: baseline!, doubled: doubled! };
    const rows: ValidationEntry[] = [];
    for (const box of ['sac', 'host'] as const) for (const a of ['baseline', 'doubled'] as const) {
      const r = got[a][box], law = lawOfArm(r, box);
      rows.push({
        id: `nucleation-ffs-convergence-${box}-${a}`, claim: false,
        quantity: `Nucleation overpotential, ${LABEL[box]}, 1 mA/cm2, capture on, sampler mfpt+ffs, tail end electrode, ${a}`,
        published: 'reported, no claim', source: 'this study', measured: r.mV, unit: 'mV', runs: `seeds fixed by the scan; ${armText(a)}`,
        pass: Number.isFinite(r.mV),
        note: `peak ${f2(r.peak_mV)} mV, plateau ${f2(r.plateau_mV)} mV; ${r.events.toExponential(2)} events, ${r.cpu_s.toFixed(1)} CPU s (${box === 'host' ? 'host scan' : 'SAC box only, host from the store'}), ${r.wall_s.toFixed(0)} s wall; ${tailText(r, box)}; ${box === 'host' ? 'host' : 'SAC'} law ${law ? lawText(law) : 'none'}`,
      });
    }
    // 1-2. the relative change
    for (const box of ['sac', 'host'] as const) {
      const b = got.baseline[box], d = got.doubled[box], change = (d.mV - b.mV) / b.mV;
      rows.push({
        id: `nucleation-ffs-convergence-${box}`,
        quantity: `relative change of the nucleation overpotential (${LABEL[box]}, 1 mA/cm2, sampler mfpt+ffs, tail end electrode) when atomistic runs double: 12 -> 24 MFPT runs, 4 -> 8 FFS repetitions`,
        published: `< ${CHANGE * 100} %`, source: 'issue 15, must show 5', measured: 100 * change, unit: '%',
        runs: 'seeds fixed, nested (MFPT runs 1-12 of 1-24, FFS repetitions 1-4 of 1-8 at each overpotential): not independent estimates',
        pass: Math.abs(change) < CHANGE,
        note: `${f3(b.mV)} mV (baseline) vs ${f3(d.mV)} mV (doubled): ${d.mV - b.mV >= 0 ? '+' : ''}${f3(d.mV - b.mV)} mV; tails: baseline ${tailText(b, box).replace(/ \(last reading:.*\)$/, '')}; doubled ${tailText(d, box).replace(/ \(last reading:.*\)$/, '')}`,
      });
    }
    // 3. control: the baseline is nucleation-ffs-tail-end's run again
    const rec = { host: scanRow('nucleation-ffs-tail-end-host', 'nucleation-ffs-tail-end'), sac: scanRow('nucleation-ffs-tail-end-sac', 'nucleation-ffs-tail-end') };
    const off = Math.max(Math.abs(got.baseline.host.mV - rec.host), Math.abs(got.baseline.sac.mV - rec.sac));
    rows.push({
      id: 'nucleation-ffs-convergence-baseline-control',
      quantity: "Largest |baseline - study nucleation-ffs-tail-end's record| of the host and + Zn-N4 nucleation overpotentials (same options, keys and seeds; ffsRepetitions 4 given explicitly)",
      published: `0 within ${SAME_MV} mV`, source: 'validation/results.json nucleation-ffs-tail-end-host, -sac', measured: off, unit: 'mV',
      runs: 'seeds fixed by the scan', pass: off <= SAME_MV,
      note: `host ${got.baseline.host.mV} vs ${rec.host} mV; + Zn-N4 ${got.baseline.sac.mV} vs ${rec.sac} mV`,
    });
    // CPU per box
    for (const box of ['host', 'sac'] as const) {
      const b = got.baseline[box], d = got.doubled[box];
      rows.push({
        id: `nucleation-ffs-convergence-cpu-${box}`, claim: false,
        quantity: `CPU s of the ${box === 'host' ? 'host scan' : 'SAC box scan (host from the store)'} doubled / baseline, ${LABEL[box]}, sampler mfpt+ffs, tail end electrode`,
        published: 'reported, no claim (about 2 expected)', source: 'this study', measured: d.cpu_s / b.cpu_s, unit: 'ratio',
        runs: 'user + system CPU of the child process running the case (the two arms side by side on 2 cores)', pass: Number.isFinite(d.cpu_s / b.cpu_s),
        note: `baseline ${b.cpu_s.toFixed(1)} CPU s (${b.events.toExponential(2)} events), doubled ${d.cpu_s.toFixed(1)} CPU s (${d.events.toExponential(2)} events); the whole nucleation() call, the tail end's electrode runs and the electrode stage included`,
      });
    }
    return rows;
  },
};
