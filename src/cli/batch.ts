/**
 * Many runs at once from the CLI: `compare` (cases of a comparison file) and `simulate --seeds`.
 * Both check the output folder and the store before the first run, show one progress bar over
 * all runs, record every run in the store like a single `simulate`, write the table as CSV and
 * the figures (each run's own, plus overlays) into the output folder, and warn about runs that
 * ended early.
 */
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { RunService } from '../server/service.js';
import { summarise } from '../simulation/seeds.js';
import { boundedInterval } from '../stats/interval.js';
import { Sink } from '../io/sink.js';
import { writeJson } from '../io/index.js';
import { writeFigure } from '../plots/render.js';
import { overlaySpec, besideLiteratureSpec } from '../plots/compare.js';
import { formatCompareTable, compareCsv, literatureOf, type TableRow } from './compare-table.js';
import { earlyEndWarnings, reusedStepEnds, snapshotWarning } from './run-report.js';
import { checkStore } from './guards.js';
import { taskHash } from '../sweep/hash.js';
import { SweepStore, type FinishedRun } from '../sweep/store.js';
import { caseFolder, COMPARE_FIGURE_DIR, COMPARE_TABLE_FILE } from '../io/folder-names.js';
import { finishedFolders, prepareBatchOut, readBatchState, writeBatchState, type BatchState } from './batch-resume.js';

export interface BatchOptions {
  out?: string;
  force?: boolean;
  threads?: number;
  store: boolean;
  db?: string;
  json?: boolean;
  figures?: boolean;
  /** memory one run may take, bytes (`--max-memory`; default half of the machine's over the runs at once) */
  maxMemory?: number;
  /** run everything again, reusing no run that finished before (`--fresh`) */
  fresh?: boolean;
}

/** One bar over all runs: each run's fraction counts 1/n; `reused` runs (finished earlier) start as done. */
export function overallBar(label: string, n: number, reused: readonly boolean[] = []): { progress: (i: number, f: number) => void; done: (i: number) => void; stop: () => void } {
  const frac = new Float64Array(n);
  reused.forEach((r, i) => { if (r) frac[i] = 1; });
  const total = () => frac.reduce((a, b) => a + b, 0) / n;
  const finished = () => frac.filter((f) => f >= 1).length;
  if (!process.stderr.isTTY) {
    let last = 0;
    const say = (force: boolean) => {
      const now = Date.now();
      if (!force && now - last < 2000) return;
      last = now;
      process.stderr.write(`${label}: ${(total() * 100).toFixed(1)} % (${finished()}/${n} runs done)\n`);
    };
    return { progress: (i, f) => { frac[i] = Math.min(f, 0.999); say(false); }, done: (i) => { frac[i] = 1; say(true); }, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {done}/{n} runs | ETA {eta}s`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(1000, Math.round(total() * 1000), { done: finished(), n });
  const upd = () => bar.update(Math.round(total() * 1000), { done: finished(), n });
  return { progress: (i, f) => { frac[i] = Math.min(f, 0.999); upd(); }, done: (i) => { frac[i] = 1; upd(); }, stop: () => bar.stop() };
}

/**
 * The run service the workbench server uses, as the CLI needs it: its store (or none with
 * --no-store), `threads` runs at once, the engine's own batch size (so results and files are
 * those of any other run), no voxel snapshots, no files but those of the folders given.
 */
export function cliRunService(store: boolean, db: string | undefined, threads: number, maxMemory?: number): RunService {
  return new RunService({ ...(store ? { storePath: db } : { store: null }), concurrency: threads, chunk: null, maxSnapshotVoxels: 0, writeFiles: false, runMemory: { bytes: maxMemory, flag: '--max-memory' } });
}

function writeText(path: string, text: string): void {
  const s = new Sink(path);
  s.text(text);
  s.close();
}

/** "3 of 6 runs reused from the store (finished earlier), 3 run" (`verb`: "run" at the end, "to run" at the start). */
export function reusedText(reused: number, total: number, verb: string): string {
  return `${reused} of ${total} runs reused from the store (finished earlier), ${total - reused} ${verb}`;
}

/**
 * Runs `items` (named) through the run service with the checks, bar, store, CSV and figures.
 * A run that finished before (its task key in the store; with --out, its folder in this --out
 * holds it) is reused, not run again, unless `fresh`: src/cli/batch-resume.ts. Ctrl-C stops
 * every run at its next batch of events (their outputs written, queued runs never started) and
 * gives `cancelled`; a second Ctrl-C quits at once (exit 130). A rerun of the same command
 * then continues: each run that had finished is kept in the store as it ends.
 */
async function runBatch(label: string, file: string, items: { name: string; dirName: string; run: ResolvedRun }[], o: BatchOptions): Promise<{ metrics: Metrics[]; cancelled: boolean }> {
  const keys = items.map((c) => taskHash(c.run));
  const figures = o.figures !== false;
  const state = o.out !== undefined ? readBatchState(o.out) : undefined;
  if (o.store) await checkStore(o.db);
  // finished earlier: results in the store (none asked for with --fresh, none kept with --no-store)
  let found = new Map<string, FinishedRun>();
  const results = o.store ? SweepStore.open(o.db) : undefined;
  try {
    if (results && !o.fresh) found = results.finishedRuns(keys);
    // (--force clears the folder first: nothing in it is kept, so nothing is reused with it)
    const inFolder = o.out === undefined ? undefined : o.force ? new Set<string>() : finishedFolders(o.out, state, label, file, figures, items.map((c, i) => ({ dir: c.dirName, key: keys[i]! })));
    // with --out a run is reused only where its folder holds it (the outputs must be those of a run from scratch)
    const reused = items.map((c, i) => found.has(keys[i]!) && (inFolder === undefined || inFolder.has(c.dirName)));
    if (o.out !== undefined) {
      const keep = new Set(items.filter((_c, i) => reused[i]).map((c) => c.dirName));
      prepareBatchOut(o.out, { force: o.force, command: label, file, keep, continueOwn: o.store || o.fresh === true }); // --out "" is an error, not "no outputs"
    }
    return await runMissing(label, file, items, keys, reused, found, results, o);
  } finally {
    results?.close();
  }
}

async function runMissing(label: string, file: string, items: { name: string; dirName: string; run: ResolvedRun }[], keys: string[], reused: boolean[], found: Map<string, FinishedRun>,
  results: SweepStore | undefined, o: BatchOptions): Promise<{ metrics: Metrics[]; cancelled: boolean }> {
  const n = items.length;
  const state: BatchState = { command: label, file: resolve(file), figures: o.figures !== false, runs: {} };
  items.forEach((c, i) => { state.runs[c.dirName] = { key: keys[i]!, finished: reused[i]! }; });
  if (o.out !== undefined) writeBatchState(o.out, state);
  const warn = snapshotWarning(items[0]!.run, o.out);
  const todo = items.map((_c, i) => i).filter((i) => !reused[i]);
  const nReused = n - todo.length;
  if (warn && todo.length > 0) process.stderr.write(warn + ' (per run)\n');
  // how each run's steps ended (undefined: a reused run whose steps the store did not record)
  const steps: (StepResult[] | undefined)[] = [];
  const metrics: Metrics[] = [];
  for (let i = 0; i < n; i++) {
    if (!reused[i]) continue;
    const f = found.get(keys[i]!)!;
    metrics[i] = f.metrics as unknown as Metrics;
    steps[i] = f.steps as StepResult[] | undefined;
  }
  if (nReused > 0) process.stderr.write(`${label}: ${reusedText(nReused, n, 'to run')} (--fresh runs them all again)\n`);
  const bar = overallBar(label, n, reused);
  // every run through the run service (the workbench server's), on its worker threads
  const service = todo.length > 0 ? cliRunService(o.store, o.db, Math.max(1, Math.min(o.threads ?? availableParallelism(), todo.length)), o.maxMemory) : undefined;
  let interrupts = 0;
  let ids: string[] = [];
  // SIGTERM (a scheduler's stop, `timeout`, `kill`) as Ctrl-C, as for a single run: without it the
  // default action killed the process at once (exit 143), leaving the started runs' outputs half-written
  const onSig = (sig: NodeJS.Signals) => {
    if (++interrupts === 1) {
      for (const id of ids) service!.cancel(id);
      process.stderr.write(sig === 'SIGTERM'
        ? '\nsacplate: SIGTERM: stopping every run at its next batch of events (a second signal quits at once)\n'
        : '\nsacplate: stopping every run at its next batch of events (Ctrl-C again to quit at once)\n');
      return;
    }
    void Promise.all(ids.map((id) => service!.terminate(id))).then(() => process.exit(130));
  };
  let finished = 0;
  // a finished run is kept at once (the store's result, the folder's mark), so that a stop later loses none
  const keep = (i: number, r: { metrics: Metrics; steps: StepResult[] }) => {
    results?.record({ hash: keys[i]!, status: 'done', metrics: r.metrics as unknown as Record<string, unknown>, steps: r.steps, worker: 'local' });
    if (o.out !== undefined) { state.runs[items[i]!.dirName]!.finished = true; writeBatchState(o.out, state); }
  };
  if (service) {
    try {
      ids = todo.map((i) => {
        const c = items[i]!;
        return service.start(c.run.source ?? (({ provenance: _p, ...r }) => r)(c.run), `${file} [${c.name}]`, {
          resolved: c.run, outDir: o.out ? join(o.out, c.dirName) : undefined, recordOutDir: true, figures: o.figures !== false,
          onProgress: (p) => bar.progress(i, p.fraction),
        }).id;
      });
      process.on('SIGINT', onSig);
      process.on('SIGTERM', onSig);
      // the first failure stops every other run (they would keep the process busy to no purpose)
      await Promise.all(ids.map(async (id, j) => {
        const i = todo[j]!;
        try {
          const r = await service.result(id);
          if (!r) return; // cancelled before it started
          metrics[i] = r.metrics;
          steps[i] = r.steps;
          if (!r.cancelled) { finished++; keep(i, r); bar.done(i); }
        } catch (e) {
          for (const x of ids) if (x !== id) service.cancel(x); // queued ones never start
          await Promise.all(ids.filter((x) => x !== id).map((x) => service.terminate(x)));
          throw e;
        }
      }));
    } finally {
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
      bar.stop();
      await service.close();
    }
  } else bar.stop();
  if (interrupts > 0) {
    const had = nReused + finished;
    process.stderr.write(`sacplate: cancelled; ${had} of ${n} runs had finished${nReused > 0 ? ` (${nReused} of them reused)` : ''}; ${o.out ? `outputs of the runs that started in ${o.out}` : 'no outputs written (no --out)'}; ` +
      (o.store ? 'finished runs are kept in the store: run the same command again to continue (they are reused, the rest run)\n' : 'with --no-store nothing is kept: a rerun runs them all again\n'));
    process.exitCode = 130;
    return { metrics, cancelled: true };
  }
  for (let i = 0; i < n; i++) {
    const ends = reused[i] ? reusedStepEnds(steps[i], metrics[i]!, items[i]!.name) : { steps: steps[i] ?? [] };
    if (ends.note !== undefined) process.stderr.write(ends.note + '\n');
    for (const w of earlyEndWarnings(ends.steps, items[i]!.name, items[i]!.run.protocol)) process.stderr.write(w + '\n');
  }
  if (nReused > 0) process.stderr.write(`${reusedText(nReused, n, 'run')}${o.store && todo.length > 0 ? `; recorded the ${todo.length === 1 ? 'new run' : `${todo.length} new runs`} in the store` : ''}\n`);
  else if (o.store) process.stderr.write(`recorded ${n} runs in the store\n`);
  return { metrics, cancelled: false };
}

export async function compareCommand(file: string, cases: { name: string; run: ResolvedRun }[], o: BatchOptions): Promise<void> {
  const { metrics, cancelled } = await runBatch('compare', file, cases.map((c) => ({ ...c, dirName: caseFolder(c.name) })), o);
  if (cancelled) return;
  const rows: TableRow[] = cases.map((c, i) => ({ name: c.name, runs: [metrics[i]!], run: c.run }));
  if (o.json) process.stdout.write(JSON.stringify(rows.map((r) => ({ name: r.name, metrics: r.runs[0], literature: literatureOf(r) ?? null })), null, 2) + '\n');
  else process.stdout.write(formatCompareTable(rows) + '\n');
  if (o.out) {
    writeText(join(o.out, COMPARE_TABLE_FILE), compareCsv(rows));
    const files = [join(o.out, COMPARE_TABLE_FILE)];
    if (o.figures !== false) {
      const dir = join(o.out, COMPARE_FIGURE_DIR);
      const ov = overlaySpec(cases.map((c) => ({ name: c.name, dir: join(o.out!, caseFolder(c.name)) })), `${file}: overpotential of all cases`);
      if (ov) files.push(...(await writeFigure(dir, 'overlay_eta_vs_capacity', ov)));
      files.push(...(await writeFigure(dir, 'nucleation_beside_literature', besideLiteratureSpec(rows.map((r) => {
        const l = literatureOf(r);
        return { name: r.name, model_mV: r.runs[0]!.nucleation_overpotential_mV, lit_mV: l?.value, ref: l?.ref };
      }), `${file}: nucleation overpotential, model and reported`))));
    }
    process.stderr.write(`wrote ${files.length} files and one folder per case into ${o.out}\n`);
  } else if (!o.json) process.stderr.write('(--out DIR keeps each case\'s outputs and figures, the overlays and compare.csv)\n');
}

export async function seedsCommand(file: string, run: ResolvedRun, seeds: number[], o: BatchOptions): Promise<void> {
  const t0 = performance.now();
  const { metrics, cancelled } = await runBatch('seeds', file, seeds.map((s) => ({ name: `seed ${s}`, dirName: `seed-${s}`, run: { ...run, seed: s } })), o);
  if (cancelled) return;
  const wall_s = (performance.now() - t0) / 1000;
  const stats = summarise(metrics);
  const intervals: Record<string, { mean: number; lo95: number; hi95: number; n: number; cut?: string }> = {};
  for (const k of Object.keys(stats)) {
    const xs = metrics.map((m) => (m as unknown as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (xs.length > 0) { const iv = boundedInterval(xs, k); intervals[k] = { mean: iv.mean, lo95: iv.lo, hi95: iv.hi, n: iv.n, ...(iv.cut ? { cut: iv.cut } : {}) }; }
  }
  const summary = { seeds, runs: metrics, stats, intervals, threads: Math.min(o.threads ?? availableParallelism(), seeds.length), wall_s };
  const rows: TableRow[] = [{ name: `${metrics[0]!.metal} on ${metrics[0]!.host}${metrics[0]!.sacs.length ? ' + ' + metrics[0]!.sacs.join(', ') : ''}`, runs: metrics, run }];
  if (o.out) {
    writeJson(join(o.out, 'seeds.json'), summary);
    writeText(join(o.out, 'seeds.csv'), compareCsv(rows));
  }
  if (o.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    process.stdout.write(`${seeds.length} seeds in ${wall_s.toFixed(2)} s\n`);
    process.stdout.write(formatCompareTable(rows) + '\n');
  }
}
