/**
 * The workbench's nucleation jobs (`POST /api/nucleation`): the cases of `sacplate nucleation`
 * (read by src/nucleation/cases.ts, as the CLI reads its flags and case files) computed by
 * `nucleation()` on a worker thread (in-worker.ts) against the server's store, so the atomistic
 * data a job computes is the CLI's cache and the other way round.
 *
 * One job computes at a time (FIFO): the atomistic stage is one thread, so nucleation adds at most
 * one busy thread beside the runs, and two jobs on the same host would otherwise both scan it; the
 * second now reads the first's cache. A job whose every
 * case is cached (or the metal's own foil) skips the queue: only the electrode stage runs, under
 * a second a case, so the route answers it at once (200) instead of handing out an id (202).
 * Finished jobs are kept in the store (param_sets kind `nucleation-job`), so `GET` outlives the server, each with the
 * request it was started from (since mends62; a JSON value in param_sets' data_json: no schema migration).
 */
import { InputError } from '../errors.js';
import { newRunId, type Store } from '../store/index.js';
import { atomisticSource, type NucleationReport } from '../nucleation/index.js';
import type { NucleationCase } from '../nucleation/cases.js';
import { nucleationInWorker, type NucleationWork } from '../nucleation/in-worker.js';
import { reportedCell } from '../evidence/beside.js';

/** A case's reported figure with the cell and note the evidence gives (SA-Co@HC's 3 mV: cell not stated), as the CLI's table says it. */
export function reportedWithCell(rep: NucleationCase['reported']): (NonNullable<NucleationCase['reported']> & { cell?: string; note?: string }) | null {
  return rep ? { ...rep, ...reportedCell(rep.record, rep.quantity) } : null;
}

export type JobStatus = 'queued' | 'running' | 'finished' | 'failed' | 'cancelled';
export type AtomisticSource = ReturnType<typeof atomisticSource>;

export interface JobView {
  id: string;
  created_at: string;
  status: JobStatus;
  /** the review's systems beside their reported values (against_literature) */
  literature: boolean;
  /**
   * the request as sent (the body of POST /api/nucleation, which casesFromBody read): the Nucleation page refills its
   * form from it when a job is opened; null for a job an older version kept (before mends62 the request was not kept)
   */
  request: Record<string, unknown> | null;
  /**
   * what reading the request said without refusing it (a set of its `parameters` block that no case names: mends86's
   * `notes`), the CLI's stderr lines; left out when there are none (and in a job kept before mends88)
   */
  notes?: string[];
  /** each case: its name, where its atomistic data comes from at the start, the review's figure (literature) */
  cases: { name: string; atomistic: AtomisticSource; reported: ReturnType<typeof reportedWithCell> }[];
  /** cases done, the case being computed, the number of progress lines and the last ones */
  progress: { done: number; case: number | null; lines: number; log: string[] };
  /** the report of each finished case (the CLI's --json, with its eta(t) trace) */
  results: (NucleationReport | null)[];
  error?: string;
  wall_s: number | null;
  live: boolean;
}

export type JobEvent =
  | { type: 'progress'; case: number; message: string }
  | { type: 'case'; case: number }
  | { type: 'status'; status: JobStatus };

interface Job {
  view: JobView;
  cases: NucleationCase[];
  work?: NucleationWork;
  listeners: Set<(e: JobEvent) => void>;
  ended: Promise<void>;
  resolveEnded: () => void;
  t0: number;
}

/**
 * Report keys renamed since a job could be kept in the store (per-area keys spelt `_per_cm2`, as the
 * simulator spells them: docs/cycler.md, "renamed keys"): a job an older version kept is read with
 * today's keys, in their place; new jobs are stored with today's keys only.
 */
const RENAMED_REPORT_KEYS = new Map([['plateau_capacity_mAh_cm2', 'plateau_capacity_mAh_per_cm2']]);

/** A stored job's view with its reports' keys as this version writes them, and request null where an older version kept none. */
function withCurrentKeys(stored: JobView): JobView {
  const v = { ...stored, request: stored.request ?? null };
  if (!Array.isArray(v.results)) return v;
  const renamed = (r: NucleationReport | null) => (r && typeof r === 'object' && Object.keys(r).some((k) => RENAMED_REPORT_KEYS.has(k))
    ? Object.fromEntries(Object.entries(r).map(([k, x]) => [RENAMED_REPORT_KEYS.get(k) ?? k, x])) as unknown as NucleationReport
    : r);
  return { ...v, results: v.results.map(renamed) };
}

const LOG_LINES = 40;
const KEEP_ENDED = 50;
export const JOB_ID = /^nuc-\d{8}-\d{9}-[0-9a-f]{8}$/;

export class NucleationJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private computing = 0;
  private closed = false;

  /** `store`: the server's store (null: none, nothing is cached); each worker opens the same file */
  constructor(private readonly store: Store | null) {}

  /**
   * Queues the cases (already read and resolved: casesFromBody); returns the job and whether it
   * needs the atomistic stage (false: every case cached or the metal's own, started at once).
   */
  start(cases: NucleationCase[], literature: boolean, request: Record<string, unknown> | null = null, notes: string[] = []): { view: JobView; computes: boolean } {
    if (this.closed) throw new InputError('server', 'stopping', 'a running server');
    const sources = cases.map((c) => atomisticSource(c.req, this.store ?? undefined));
    const computes = sources.some((s) => s === 'compute' || s === 'host-cached');
    let resolveEnded!: () => void;
    const ended = new Promise<void>((r) => { resolveEnded = r; });
    const id = newRunId().replace(/^run-/, 'nuc-');
    const job: Job = {
      cases, listeners: new Set(), ended, resolveEnded, t0: Date.now(),
      view: {
        id, created_at: new Date().toISOString(), status: 'queued', literature, request, ...(notes.length ? { notes: [...notes] } : {}),
        cases: cases.map((c, i) => ({ name: c.name, atomistic: sources[i]!, reported: reportedWithCell(c.reported) })),
        progress: { done: 0, case: null, lines: 0, log: [] }, results: cases.map(() => null), wall_s: null, live: true,
      },
    };
    this.jobs.set(id, job);
    if (computes) { this.queue.push(job); this.pump(); } else this.launch(job);
    return { view: this.copy(job), computes };
  }

  /** A job by id: this server's, else the one the store kept. */
  status(id: string): JobView | undefined {
    const j = this.jobs.get(id);
    if (j) return this.copy(j);
    const rec = this.store?.getParamSet('nucleation-job', id);
    return rec ? { ...withCurrentKeys(rec.data as JobView), live: false } : undefined;
  }

  /** Recent jobs, newest first, without their reports. */
  list(limit = 50): Omit<JobView, 'results'>[] {
    const live = [...this.jobs.values()].map((j) => j.view);
    const stored = (this.store?.listParamSets('nucleation-job') ?? []).map((r) => r.data as JobView).filter((v) => !this.jobs.has(v.id));
    return [...live, ...stored].sort((a, b) => (a.created_at < b.created_at ? 1 : -1)).slice(0, limit)
      .map(({ results: _r, ...v }) => ({ ...v, progress: { ...v.progress, log: v.progress.log.slice(-1) } }));
  }

  /** Resolves when the job ends. */
  async wait(id: string): Promise<JobView | undefined> {
    await this.jobs.get(id)?.ended;
    return this.status(id);
  }

  /** Cancels a queued or running job (a running one stops before its next atomistic run); false when it has ended or is unknown. */
  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j) return false;
    if (j.view.status === 'queued') {
      this.queue.splice(this.queue.indexOf(j), 1);
      this.end(j, 'cancelled');
      return true;
    }
    if (j.view.status === 'running') { j.work?.cancel(); return true; }
    return false;
  }

  subscribe(id: string, fn: (e: JobEvent) => void): (() => void) | undefined {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    j.listeners.add(fn);
    return () => { j.listeners.delete(fn); };
  }

  /** Cancels every job, waits (at most 20 s) for the running ones to stop, then stops their workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const j of [...this.queue]) this.cancel(j.view.id);
    const running = [...this.jobs.values()].filter((j) => j.view.status === 'running');
    for (const j of running) j.work?.cancel();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(running.map((j) => j.ended)), new Promise((r) => { timer = setTimeout(r, 20000); })]);
    clearTimeout(timer);
    for (const j of running) if (j.view.status === 'running') await j.work?.terminate();
  }

  private copy(j: Job): JobView {
    const v = j.view;
    return { ...v, progress: { ...v.progress, log: [...v.progress.log] }, results: [...v.results], wall_s: v.wall_s ?? (v.status === 'running' ? (Date.now() - j.t0) / 1000 : null) };
  }

  private emit(j: Job, e: JobEvent): void {
    for (const fn of j.listeners) { try { fn(e); } catch { /* a listener's failure is its own */ } }
  }

  private pump(): void {
    while (!this.closed && this.computing < 1 && this.queue.length > 0) {
      this.computing++;
      this.launch(this.queue.shift()!, () => { this.computing--; this.pump(); });
    }
  }

  private launch(j: Job, after?: () => void): void {
    const v = j.view;
    v.status = 'running';
    j.t0 = Date.now();
    this.emit(j, { type: 'status', status: 'running' });
    j.work = nucleationInWorker(j.cases, this.store?.path ?? null, {
      progress: (i, message) => {
        v.progress.case = i;
        v.progress.lines++;
        v.progress.log.push(message);
        if (v.progress.log.length > LOG_LINES) v.progress.log.splice(0, v.progress.log.length - LOG_LINES);
        this.emit(j, { type: 'progress', case: i, message });
      },
      report: (i, r) => {
        v.results[i] = r;
        v.progress.done++;
        this.emit(j, { type: 'case', case: i });
      },
    });
    j.work.done.then((r) => this.end(j, r.cancelled ? 'cancelled' : 'finished'), (e: unknown) => {
      v.error = e instanceof Error ? e.message : String(e);
      this.end(j, 'failed');
    }).finally(() => after?.());
  }

  private end(j: Job, status: JobStatus): void {
    const v = j.view;
    v.status = status;
    v.progress.case = null;
    v.wall_s = (Date.now() - j.t0) / 1000;
    try { this.store?.saveParamSet('nucleation-job', v.id, { ...v, live: false }, `sacplate serve: nucleation job (${v.cases.map((c) => c.name).join('; ')})`); } catch (e) {
      v.error = `${v.error ? v.error + '; ' : ''}could not record the job in the store: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.emit(j, { type: 'status', status });
    j.listeners.clear();
    j.resolveEnded();
    const ended = [...this.jobs.values()].filter((x) => x.view.status !== 'queued' && x.view.status !== 'running');
    for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.jobs.delete(old.view.id);
  }
}
