/**
 * Many runs at once through the run service (the workbench server's, on worker threads): the cases
 * of a comparison (`compare()`, `sacplate compare`) and the seeds of `sacplate simulate --seeds`.
 * The output folder and the store are checked before the first run; a run that finished before
 * (its task key in the store; with an output folder, its folder there holds it) is reused, not run
 * again, unless `fresh` (src/batch/resume.ts); each run that finishes is kept at once (the store's
 * result, the folder's resume.json), so that a stop loses none. An aborted `signal` stops every run at
 * its next batch of events (their outputs written, queued runs never started): `cancelled`. Nothing
 * is printed here: the CLI (src/cli/batch.ts) prints from the hooks and the result.
 */
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { RunService } from '../server/service.js';
import { checkStore } from '../store/check.js';
import { snapshotWarning } from '../simulation/snapshots.js';
import { mergedInputWarnings } from '../input/limits.js';
import { taskHash } from '../sweep/hash.js';
import { SweepStore, type FinishedRun } from '../sweep/store.js';
import { copyRunFolder, droppedFolders, earlierFolders, finishedFolders, prepareBatchOut, readBatchState, writeBatchState, type BatchState } from './resume.js';
import { withStore } from '../store/index.js';

export interface CasesOptions {
  /** output folder: one folder per run (`dirName`) */
  out?: string;
  /** clear the output folder first when it holds a previous run (nothing in it is reused) */
  force?: boolean;
  threads?: number;
  /** keep the runs in the store (and reuse those that finished before) */
  store: boolean;
  db?: string;
  figures?: boolean;
  /** memory one run may take, bytes (default half of the machine's over the runs at once) */
  maxMemory?: number;
  /** run everything again, reusing no run that finished before */
  fresh?: boolean;
  signal?: AbortSignal;
  /**
   * before the runs start: which are reused, the snapshot warning for the runs to come (if any), and the warnings about
   * the runs' inputs (input/limits.ts runInputWarnings: a Hold at 100 mV or more, an electrolyte with another's SEI set or none; each line once, its case named in a comparison whose cases differ),
   * and how many runs the store holds finished that run again all the same because the output folder does not hold them
   * (the store keeps a run's metrics and steps, not its folder's files: mends104, review82 finding 11),
   * and (users83) the folders of the output folder's earlier call of the same command, finished runs this call does not
   * make, cleared with the rest (resume.ts droppedFolders),
   * and (earlyapi) the earlier calls' run folders copied into the output folder for runs reused from the store that it did
   * not hold (resume.ts earlierFolders: an earlier call's --out holds them), one per such run
   */
  onStart?: (reused: readonly boolean[], warning: string | undefined, protocolWarnings: readonly string[], storedNotInFolder?: number, dropped?: readonly string[], copied?: readonly string[]) => void;
  /** a run's fraction done */
  onProgress?: (index: number, fraction: number) => void;
  /** a run finished (not a reused one) */
  onDone?: (index: number) => void;
}

export interface CaseItem { name: string; dirName: string; run: ResolvedRun }

export interface CasesResult {
  /** per run (by index): its metrics, undefined for a run that never started */
  metrics: (Metrics | undefined)[];
  steps: (StepResult[] | undefined)[];
  /** per run: reused from an earlier call (not run again) */
  reused: boolean[];
  /** per run: finished (reused, or run to its end by this call) */
  done: boolean[];
  /**
   * the signal was aborted with a run not done: those were stopped (flaky62: an abort that came once every run had
   * finished, its worker done before this thread had read its end, read as a cancel: "cancelled; 2 of 2 runs had
   * finished", no summary, where a single run's finished run is reported as finished)
   */
  cancelled: boolean;
}

/**
 * The run service as a batch needs it: its store (or none), `threads` runs at once, the engine's
 * own batch size (so results and files are those of any other run), no voxel snapshots, no files
 * but those of the folders given.
 */
export function batchRunService(store: boolean, db: string | undefined, threads: number, maxMemory?: number, quietRecord = false): RunService {
  return new RunService({ ...(store ? { storePath: db } : { store: null }), concurrency: threads, chunk: null, maxSnapshotVoxels: 0, writeFiles: false, runMemory: { bytes: maxMemory, flag: '--max-memory' }, logPrefix: 'sacplate', quietRecord });
}

/** Runs `items` (named; `label` "compare" or "seeds", `file` the input's name, as resume.json keeps them). */
export async function runCases(label: string, file: string, items: CaseItem[], o: CasesOptions): Promise<CasesResult> {
  const keys = items.map((c) => taskHash(c.run));
  const figures = o.figures !== false;
  const state = o.out !== undefined ? readBatchState(o.out) : undefined;
  if (o.store) await checkStore(o.db);
  // finished earlier: results in the store (none asked for with fresh, none kept without a store)
  let found = new Map<string, FinishedRun>();
  const results = o.store ? SweepStore.open(o.db) : undefined;
  try {
    results?.checkWritable();
    if (results && !o.fresh) found = results.finishedRuns(keys);
    // (force clears the folder first: nothing in it is kept, so nothing is reused with it)
    const inFolder = o.out === undefined ? undefined : o.force ? new Set<string>() : finishedFolders(o.out, state, label, file, figures, items.map((c, i) => ({ dir: c.dirName, key: keys[i]! })));
    // with an output folder a run is reused only where its folder holds it (the outputs must be those of a run from scratch)
    const reused = items.map((c, i) => found.has(keys[i]!) && (inFolder === undefined || inFolder.has(c.dirName)));
    // earlyapi: a run the store holds that this output folder does not is reused from an earlier call's folder of the
    // same run, copied (`compare FILE --out B` after `--out A` ran every case again: the store keeps metrics, not files);
    // one with no such folder runs again to write its files (mends104), as every run with --fresh
    const out = o.out;
    const wanted = out === undefined ? [] : items.map((_c, i) => i).filter((i) => !reused[i] && found.has(keys[i]!));
    const sources = wanted.length === 0 ? new Map<string, string>()
      : earlierFolders(withStore(o.db, (s) => s.finishedOutDirs()), out!, figures, new Set(wanted.map((i) => keys[i]!)));
    let dropped: string[] = [];
    if (out !== undefined) {
      const keep = new Set(items.filter((_c, i) => reused[i]).map((c) => c.dirName));
      const continueOwn = o.store || o.fresh === true;
      if (!o.force && continueOwn) dropped = droppedFolders(out, state, label, file, items.map((c) => c.dirName));
      prepareBatchOut(out, { force: o.force, command: label, file, keep, continueOwn }); // out "" is an error, not "no outputs"
    }
    const copied: string[] = [];
    for (const i of wanted) {
      const from = sources.get(keys[i]!);
      if (from !== undefined && copyRunFolder(from, join(out!, items[i]!.dirName))) { reused[i] = true; copied.push(from); }
    }
    const storedNotInFolder = out === undefined ? 0 : items.filter((_c, i) => !reused[i] && found.has(keys[i]!)).length;
    return await runMissing(label, file, items, keys, reused, found, results, o, storedNotInFolder, dropped, copied);
  } finally {
    results?.close();
  }
}

/**
 * runInputWarnings (holdWarnings, and seiWarnings: an electrolyte with another's SEI set, or with none: mends73) of each run, each line
 * once, in the order the cases first say it: as it is when every case says it, else with the names of the cases that say it
 * (`warning: a, b: electrolyte ...`; until mends76 a line said by several of a comparison's variants, not all, was printed once per
 * variant, each with its name, review61).
 */
export function protocolWarnings(items: readonly Pick<CaseItem, 'name' | 'run'>[]): string[] {
  return mergedInputWarnings(items); // input/limits.ts since mends77 (screen says them too)
}

async function runMissing(label: string, file: string, items: CaseItem[], keys: string[], reused: boolean[], found: Map<string, FinishedRun>,
  results: SweepStore | undefined, o: CasesOptions, storedNotInFolder = 0, dropped: readonly string[] = [], copied: readonly string[] = []): Promise<CasesResult> {
  const n = items.length;
  const state: BatchState = { command: label, file: resolve(file), figures: o.figures !== false, runs: {} };
  items.forEach((c, i) => { state.runs[c.dirName] = { key: keys[i]!, finished: reused[i]! }; });
  if (o.out !== undefined) writeBatchState(o.out, state);
  const todo = items.map((_c, i) => i).filter((i) => !reused[i]);
  const steps: (StepResult[] | undefined)[] = new Array<undefined>(n);
  const metrics: (Metrics | undefined)[] = new Array<undefined>(n);
  const done = [...reused];
  for (let i = 0; i < n; i++) {
    if (!reused[i]) continue;
    const f = found.get(keys[i]!)!;
    metrics[i] = f.metrics as unknown as Metrics;
    steps[i] = f.steps as StepResult[] | undefined; // undefined: a row from before steps_json
  }
  o.onStart?.(reused, todo.length > 0 ? snapshotWarning(items[0]!.run, o.out) : undefined, protocolWarnings(items), storedNotInFolder, dropped, copied);
  // a finished run is kept at once (the store's result, the folder's mark), so that a stop later loses none
  const keep = (i: number, r: { metrics: Metrics; steps: StepResult[] }) => {
    results?.record({ hash: keys[i]!, status: 'done', metrics: r.metrics as unknown as Record<string, unknown>, steps: r.steps, worker: 'local' });
    if (o.out !== undefined) { state.runs[items[i]!.dirName]!.finished = true; writeBatchState(o.out, state); }
  };
  // nothing to run, or stopped before any run started: no worker thread is started
  const cancelled = () => o.signal?.aborted === true && done.some((d) => !d);
  if (todo.length === 0 || o.signal?.aborted) return { metrics, steps, reused, done, cancelled: cancelled() };
  // every run through the run service (the workbench server's), on its worker threads; a run is
  // started when a thread frees up, not all at once: a queued run has a store row and a stop
  // cancelled each (--seeds 100000: 100,000 cancelled rows, 237 s to stop)
  const lanes = Math.max(1, Math.min(o.threads ?? availableParallelism(), todo.length));
  const service = batchRunService(o.store, o.db, lanes, o.maxMemory);
  const running = new Set<string>();
  let next = 0;
  let stopped = false;
  const stop = () => { stopped = true; for (const id of running) service.cancel(id); };
  const lane = async () => {
    try {
      while (!stopped && next < todo.length) {
        const i = todo[next++]!;
        const c = items[i]!;
        const id = service.start(c.run.source ?? (({ provenance: _p, ...r }) => r)(c.run), `${file} [${c.name}]`, {
          resolved: c.run, outDir: o.out ? join(o.out, c.dirName) : undefined, recordOutDir: true, figures: o.figures !== false,
          onProgress: (p) => o.onProgress?.(i, p.fraction),
        }).id;
        running.add(id);
        try {
          const r = await service.result(id);
          if (!r) continue; // cancelled before it started
          metrics[i] = r.metrics;
          steps[i] = r.steps;
          if (!r.cancelled) { done[i] = true; keep(i, r); o.onDone?.(i); }
        } finally {
          running.delete(id);
        }
      }
    } catch (e) {
      // the first failure stops every other run (they would keep the process busy to no purpose)
      const others = stopped ? [] : [...running];
      stopped = true;
      for (const x of others) service.cancel(x);
      await Promise.all(others.map((x) => service.terminate(x)));
      throw e;
    }
  };
  try {
    // a case whose box would not fit is refused before any run starts
    for (const i of todo) service.checkFits(items[i]!.run);
    o.signal?.addEventListener('abort', stop, { once: true });
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    o.signal?.removeEventListener('abort', stop);
    await service.close();
  }
  return { metrics, steps, reused, done, cancelled: cancelled() };
}
