/**
 * The scan with `atomistic.sampler: 'ffs'` (branch ffsprod) against the default MFPT scan, as a record: branch ffsprod
 * measured these by CLI commands only (docs/nucleation-history.md "FFS in the scan (branch ffsprod)"). Each case is the
 * library call the CLI makes for `sacplate nucleation --metal Li --host N-graphene [--sac ...] --current 1 mA/cm2
 * [--sampler ffs]`: capture on (production), every other option the default, one store per sampler in which the host
 * is scanned once and the SAC boxes read it from the cache (as the CLI's second command does; their CPU is the SAC
 * box's alone).
 *
 * Cases: the host alone; + Zn-N4 (issue 15's first command); the twin, a SAC given the host's own numbers (binding
 * -2.37 eV against the same -2.37 eV reference, element Zn: the SAC of study nucleation-controls' first row, the CLI's
 * `--sac "binding -2.37 eV, reference -2.37 eV, element Zn"`).
 *
 * Rows: the nucleation overpotential of each case with each sampler (reported, no claim); the CPU s of each case's
 * atomistic stage with FFS, MFPT's beside it (reported); one claim, stated before the run: under FFS the twin's
 * nucleation overpotential is the host's within 0.2 mV. (nucleation-controls' twin row allows 1 mV; 0.2 mV is the
 * tolerance its series rows use, the electrode stage's resolution. ffsprod's CLI run gave -0.005 mV: the twin's SAC box
 * is never told apart from the host, so its law is the host's.)
 *
 * Each case runs in a child process (this file, given a job on stdin; study nucleation-ffs-tail runs its sampler
 * 'mfpt+ffs' cases through the same job) so that process.cpuUsage() is that case's CPU
 * alone (Node 20 has no per-thread CPU clock); two run at a time: the host's FFS scan beside the three MFPT cases, then
 * the two SAC boxes' FFS scans side by side, each on its own store holding the host's FFS data. Deterministic: the
 * scan's seeds are fixed (docs/nucleation-history.md, "FFS in the scan").
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { runChildJob } from '../child-job.js';
import { nucleation, type NucleationReport, type NucleationRequest } from '../../src/nucleation/index.js';
import { withTempStore } from '../temp-store.js';
import type { ValidationEntry, ValidationStudy } from '../types.js';
import type { Sampler, TailEnd } from '../../src/nucleation/sampler.js';

const here = fileURLToPath(import.meta.url);
const TWIN = { binding_eV: -2.37, reference_eV: -2.37, element: 'Zn' };
export const TOL_MV = 0.2;
export type CaseName = 'host' | 'sac' | 'twin';
const CASES: readonly CaseName[] = ['host', 'sac', 'twin'];
export const LABEL: Record<CaseName, string> = {
  host: 'Li on N-graphene (host alone)', sac: 'Li on N-graphene + Zn-N4 (issue 15\'s first command)',
  twin: 'Li on N-graphene + the twin SAC (binding -2.37 eV, reference -2.37 eV, element Zn)',
};

/** the request the CLI builds for a case (1 mA/cm2; `--sampler` adds atomistic.sampler, nothing else; `--tail-end`
 * atomistic.tailEnd, study nucleation-ffs-tail-end). The sampler and, under mfpt+ffs, the tail end are always named
 * ('floor' when none is given, the default these studies ran under): branch ffsdefault made mfpt+ffs with the tail
 * end 'electrode' the default, and {sampler: 'mfpt'} resolves to the options (and key) a request without one had */
function requestOf(c: CaseName, sampler: Sampler, tailEnd?: TailEnd): NucleationRequest {
  const sac = c === 'sac' ? { sac: 'Zn-N4' } : c === 'twin' ? { sac: TWIN } : {};
  return { metal: 'Li', host: 'N-graphene', ...sac, current_A_per_m2: 10, atomistic: { sampler, ...(sampler === 'mfpt+ffs' ? { tailEnd: tailEnd ?? 'floor' } : {}) } };
}

export interface CaseResult {
  /** the case's name (a CaseName, or a named request's name: study nucleation-ffs-controls) */
  case: string; sampler: Sampler; mV: number; peak_mV: number; plateau_mV: number;
  events: number; cpu_s: number; wall_s: number; hostFromCache: boolean; cacheKey: string;
  /** the report's laws and points (study nucleation-ffs-tail reads them) */
  J_eta: NucleationReport['J_eta'];
  /** the scan's progress lines about where a tail ended (tail end 'electrode') */
  tailNotes: string[];
}
/** 'cases': this study's cases under a sampler; 'requests': any named requests (study nucleation-ffs-controls); a case or
 * request named 'host' gives the job's hostData */
type Job = ({ kind: 'cases'; sampler: Sampler; tailEnd?: TailEnd; cases: CaseName[] } | { kind: 'requests'; requests: NamedRequest[] }) & { hostData?: { key: string; data: unknown } };
export type NamedRequest = { name: string; request: NucleationRequest };
export type JobResult = { results: CaseResult[]; hostData?: { key: string; data: unknown } };

/** the child's work: the cases in order on one fresh store (the host's data saved there first when given) */
function runCases(job: Job): JobResult {
  return withTempStore('sacplate-nucleation-ffs-scan-', (store) => {
    if (job.hostData) store.saveParamSet('nucleation-atomistic', job.hostData.key, job.hostData.data, 'nucleation-ffs-scan: the host scan of the first job');
    const results: CaseResult[] = [];
    let hostData: JobResult['hostData'];
    const list: NamedRequest[] = job.kind === 'cases' ? job.cases.map((c) => ({ name: c, request: requestOf(c, job.sampler, job.tailEnd) })) : job.requests;
    for (const { name: c, request } of list) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      const tailNotes: string[] = [];
      const r: NucleationReport = nucleation(request, store, (m) => { if (/tail end/.test(m)) tailNotes.push(m); });
      const u = process.cpuUsage(c0);
      const a = r.atomistic!;
      results.push({
        case: c, sampler: request.atomistic?.sampler ?? 'mfpt', mV: r.nucleation_overpotential_mV, peak_mV: r.peak_overpotential_mV, plateau_mV: r.plateau_overpotential_mV,
        events: a.events, cpu_s: (u.user + u.system) / 1e6, wall_s: (performance.now() - t0) / 1000, hostFromCache: a.host_from_cache, cacheKey: a.cache_key,
        J_eta: r.J_eta, tailNotes,
      });
      if (c === 'host') hostData = { key: a.cache_key, data: store.getParamSet('nucleation-atomistic', a.cache_key)!.data };
    }
    return { results, ...(hostData ? { hostData } : {}) };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === here) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => { input += d; });
  process.stdin.on('end', () => { process.stdout.write(JSON.stringify(runCases(JSON.parse(input) as Job))); });
}

/** one job (its cases in order on one fresh store) in a child process of this file; study nucleation-ffs-tail's too */
export const runJob = (job: Job): Promise<JobResult> => runChildJob<Job, JobResult>(here, job, 'nucleation-ffs-scan');

/** a clock started now for a study's progress lines: the function it returns reads "123 s wall" */
export function wallClock(): () => string {
  const t0 = performance.now();
  return () => `${((performance.now() - t0) / 1000).toFixed(0)} s wall`;
}

/** tasks (each starts one or more child jobs) run two at a time on the 2 cores, in the order given (the dearest
 * first); a task starts when one of the two slots is free. Studies nucleation-ffs-controls and -ffs-binding-seeds. */
export async function twoAtATime<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  // each result at its task's place (lead, session 67: repro67 found the results kept in the order the jobs finished,
  // which the load sets: nucleation-ffs-controls' rows swapped between runs; test/two-at-a-time.test.ts)
  const done: T[] = new Array(tasks.length);
  let next = 0;
  const slot = async () => { for (let k = next++; k < tasks.length; k = next++) done[k] = await tasks[k]!(); };
  await Promise.all([slot(), slot()]);
  return done;
}

/** the result named `name` among `results`; a SAC box that did not read its host from the store is refused (its CPU
 * would hold a host scan too). `who`: the study, for the error. */
export function resultNamed(results: readonly CaseResult[], name: string, who: string): CaseResult {
  const r = results.find((x) => x.case === name);
  if (!r) throw new Error(`${who}: no result for ${name}`);
  if (name !== 'host' && !r.hostFromCache) throw new Error(`${who}: ${name} did not read the host's data from the store`);
  return r;
}

/** a case's name in a row id: lower case, every run of characters other than letters, digits and '.' one '-'
 * ('binding -2.6 eV' -> 'binding-2.6-ev') */
export const caseSlug = (name: string) => name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/-+$/, '').toLowerCase();

/** a report-only row of one mfpt+ffs case with the tail end 'electrode' (studies nucleation-ffs-controls, -ffs-binding-seeds):
 * its id `${idPrefix}-${caseSlug(r.case)}`; `what` the system after "Nucleation overpotential, " */
export function tailEndCaseRow(idPrefix: string, what: string, r: CaseResult, runs: string): ValidationEntry {
  return {
    id: `${idPrefix}-${caseSlug(r.case)}`, claim: false,
    quantity: `Nucleation overpotential, ${what}, 1 mA/cm2, capture on, mfpt+ffs, tail end electrode`,
    published: 'reported, no claim', source: 'this study', measured: r.mV, unit: 'mV', runs, pass: Number.isFinite(r.mV),
    note: `peak ${f2(r.peak_mV)} mV, plateau ${f2(r.plateau_mV)} mV; atomistic stage ${r.events.toExponential(2)} events, ${r.cpu_s.toFixed(1)} CPU s (${r.case === 'host' ? 'host scan' : 'SAC box only, host from the store'}), ${r.wall_s.toFixed(0)} s wall. Tail: ${r.tailNotes.filter((m) => /ends at/.test(m)).join('; ') || 'no tail end line'}`,
  };
}

const log = (m: string) => process.stderr.write(`  nucleation-ffs-scan: ${m}\n`);
const f2 = (v: number) => v.toFixed(2);

/** the rows that state no claim (test/validation-claims.test.ts) */
export const reportOnly = /^nucleation-ffs-scan-(?:(?:host|sac|twin)-(?:mfpt|ffs)|cpu-(?:host|sac|twin))$/;

export const study: ValidationStudy = {
  id: 'nucleation-ffs-scan',
  title: 'The scan by forward flux sampling (--sampler ffs) against MFPT: Li on N-graphene, + Zn-N4 and the twin SAC, 1 mA/cm2',
  async run(): Promise<ValidationEntry[]> {
    const wall = wallClock();
    const mfpt = runJob({ kind: 'cases', sampler: 'mfpt', cases: ['host', 'sac', 'twin'] }).then((r) => { log(`MFPT cases done (${wall()})`); return r; });
    const host = await runJob({ kind: 'cases', sampler: 'ffs', cases: ['host'] });
    log(`FFS host done (${wall()})`);
    const [sac, twin] = await Promise.all((['sac', 'twin'] as const).map((c) => runJob({ kind: 'cases', sampler: 'ffs', cases: [c], hostData: host.hostData! })));
    log(`FFS SAC boxes done (${wall()})`);
    const all = [...(await mfpt).results, ...host.results, ...sac!.results, ...twin!.results];
    const get = (c: CaseName, s: Sampler) => all.find((r) => r.case === c && r.sampler === s)!;
    for (const c of ['sac', 'twin'] as const) for (const s of ['mfpt', 'ffs'] as const) {
      // the SAC boxes must have read the host's scan of the same sampler, or their CPU would hold a host scan too
      if (!get(c, s).hostFromCache) throw new Error(`nucleation-ffs-scan: the ${c} case (${s}) did not read the host's data from the store`);
    }
    const rows: ValidationEntry[] = [];
    for (const c of CASES) for (const s of ['mfpt', 'ffs'] as const) {
      const r = get(c, s);
      rows.push({
        id: `nucleation-ffs-scan-${c}-${s}`, claim: false,
        quantity: `Nucleation overpotential, ${LABEL[c]}, 1 mA/cm2, capture on, sampler ${s}${s === 'mfpt' ? ' (the default until branch ffsdefault)' : ''}`,
        published: 'reported, no claim', source: 'branch ffsprod\'s CLI run: docs/nucleation-history.md "FFS in the scan"',
        measured: r.mV, unit: 'mV', runs: `seeds fixed by the scan; ${s === 'ffs' ? 'FFS: lambda_A 2, 400 crossings, 300 trials per stage, 4 repetitions per point' : '12 runs per overpotential'}`,
        pass: Number.isFinite(r.mV),
        note: `peak ${f2(r.peak_mV)} mV, plateau ${f2(r.plateau_mV)} mV; atomistic stage ${r.events.toExponential(2)} events, ${r.cpu_s.toFixed(1)} CPU s (${c === 'host' ? 'host scan' : 'SAC box only, host from the store'}), ${r.wall_s.toFixed(0)} s wall`,
      });
    }
    for (const c of CASES) {
      const m = get(c, 'mfpt'), f = get(c, 'ffs');
      rows.push({
        id: `nucleation-ffs-scan-cpu-${c}`, claim: false,
        quantity: `CPU s of the ${c === 'host' ? 'host scan' : 'SAC box scan (host from the store)'} by FFS, ${LABEL[c]}`,
        published: 'reported, no claim', source: 'this study', measured: f.cpu_s, unit: 's',
        runs: 'user + system CPU of the child process running the case (two cases at a time on 2 cores)',
        pass: Number.isFinite(f.cpu_s),
        note: `FFS ${f.cpu_s.toFixed(1)} CPU s (${f.events.toExponential(2)} events), MFPT ${m.cpu_s.toFixed(1)} CPU s (${m.events.toExponential(2)} events): ${(f.cpu_s / m.cpu_s).toFixed(0)}x; the whole nucleation() call, electrode stage included`,
      });
    }
    const h = get('host', 'ffs'), t = get('twin', 'ffs'), hm = get('host', 'mfpt'), tm = get('twin', 'mfpt');
    const d = t.mV - h.mV;
    rows.push({
      id: 'nucleation-ffs-scan-twin-control',
      quantity: 'Twin SAC (the host\'s own numbers) minus the bare host, nucleation overpotential under FFS, Li on N-graphene, 1 mA/cm2, capture on',
      published: `0 within ${TOL_MV} mV`, source: 'issue 15, must show 3 (the control of study nucleation-controls)',
      measured: d, unit: 'mV', runs: 'seeds fixed by the scan; FFS as the rows above', pass: Math.abs(d) <= TOL_MV,
      note: `${f2(t.mV)} vs ${f2(h.mV)} mV (MFPT: ${f2(tm.mV)} vs ${f2(hm.mV)} mV, ${(tm.mV - hm.mV).toFixed(3)} mV); claim |twin - host| <= ${TOL_MV} mV, the electrode stage's resolution (nucleation-controls' series rows; its own twin row allows 1 mV)`,
    });
    return rows;
  },
};
