/**
 * Several seeds of one run on a pool of worker threads (one simulation per worker at a time),
 * and the mean and spread of every numeric metric.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from './report.js';
import type { StepResult } from './simulation.js';
import { reviveError, unreadableMessage, type SerialisedError } from './worker-errors.js';
import { InputError } from '../errors.js';
import { RESOLVED_RUN, isMap, optionsArg, resolvedRunArg, runArg } from '../args.js';
import { resolveInput } from './simulate.js';
import { COLUMNS, seedsOf } from '../batch/table.js';

/** the metrics.json keys of the deposit's morphology (the table's morphology columns) */
const MORPHOLOGY_KEYS = new Set<string>(COLUMNS.filter((c) => c.morphology).map((c) => String(c.key)));

export interface SeedSummary {
  seeds: number[];
  runs: Metrics[];
  /**
   * per numeric metric: mean, sample standard deviation, min, max and `n`, the seeds they are over: every seed with a
   * finite value, but for a morphology of the deposit (nucleus density, rms, mean height, coverage, SAC share and its
   * chance, porosity) only the seeds that kept a deposit, as the table and seeds.json's `intervals` (a seed stripped
   * away reads 0 there; none when every seed was stripped away)
   */
  stats: Record<string, { mean: number; std: number; min: number; max: number; n: number }>;
  threads: number;
  wall_s: number;
}

export function summarise(runs: Metrics[]): SeedSummary['stats'] {
  if (!Array.isArray(runs) || !runs.every(isMap)) throw new InputError('runs', runs, 'a list of metrics (what simulate() or runSeeds() returns per run)');
  const stats: SeedSummary['stats'] = {};
  if (runs.length === 0) return stats;
  // mends75: a morphology over the seeds that kept a deposit (until then a stripped seed's 0 was averaged in here, while
  // the table and seeds.json's `intervals` were over the others since mends74: two means for one column)
  const kept = seedsOf({ morphology: true }, runs);
  for (const key of Object.keys(runs[0]!)) {
    const vals = runs.map((r) => (r as unknown as Record<string, unknown>)[key]);
    if (!vals.every((v) => typeof v === 'number')) continue;
    const read = MORPHOLOGY_KEYS.has(key) ? kept.map((r) => (r as unknown as Record<string, number>)[key]!) : (vals as number[]);
    const xs = read.filter((v) => Number.isFinite(v));
    if (xs.length === 0) continue;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
    stats[key] = { mean, std, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
  }
  return stats;
}

/** Runs resolved runs on a pool of worker threads; results in input order. */
export async function runPool(
  /** resolved runs or run objects (each resolved on its worker) */
  runs: (ResolvedRun | Record<string, unknown>)[],
  opts: { threads?: number; outDirs?: (string | undefined)[]; onDone?: (index: number, done: number) => void; onProgress?: (index: number, fraction: number) => void; figures?: boolean; onSteps?: (index: number, steps: StepResult[]) => void } = {},
): Promise<Metrics[]> {
  if (!Array.isArray(runs)) throw new InputError('runs', runs, `a list of runs (${RESOLVED_RUN}, or run objects)`);
  runs.forEach((r, i) => runArg(`runs[${i}]`, r));
  optionsArg('options', opts, '{ threads: 2 }', ['threads', 'outDirs', 'onDone', 'onProgress', 'figures', 'onSteps']);
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new InputError('threads', opts.threads, 'an integer >= 1');
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), runs.length));
  const results = new Array<Metrics>(runs.length);
  let next = 0, done = 0;
  const workerUrl = new URL('./seed-worker.js', import.meta.url);
  const workers: Worker[] = [];
  // the first error stops every worker (the others would keep the process alive to no purpose)
  const stopAll = () => { for (const x of workers) void x.terminate(); };
  await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
    const w = new Worker(workerUrl);
    workers.push(w);
    const feed = () => {
      if (next >= runs.length) { void w.terminate(); resolve(); return; }
      const i = next++;
      const { source: _src, ...plain } = runs[i]!;
      w.postMessage({ i, run: plain, outDir: opts.outDirs?.[i], figures: opts.figures });
    };
    w.on('message', (m: { i: number; metrics?: Metrics; error?: SerialisedError; progress?: number; steps?: StepResult[] }) => {
      // a user error in a worker keeps its class (one line, exit 2 at the CLI); the first error stops every worker
      if (m.error) { stopAll(); reject(reviveError(m.error)); return; }
      if (m.progress !== undefined) { opts.onProgress?.(m.i, m.progress); return; }
      if (m.steps) opts.onSteps?.(m.i, m.steps);
      results[m.i] = m.metrics!;
      done++;
      opts.onDone?.(m.i, done);
      feed();
    });
    w.on('error', (e) => { stopAll(); reject(e); });
    // a message this thread cannot read: the run's answer is lost (before, the pool waited for it for ever)
    w.on('messageerror', (e) => { stopAll(); reject(unreadableMessage(e, "a run's worker")); });
    feed();
  })));
  return results;
}

export async function runSeeds(
  input: string | ResolvedRun | Record<string, unknown>, seeds: number[],
  opts: { threads?: number; outDir?: string; onDone?: (seed: number, done: number) => void; onProgress?: (index: number, fraction: number) => void; figures?: boolean; onSteps?: (index: number, steps: StepResult[]) => void } = {},
): Promise<SeedSummary> {
  // a library caller's mistakes as one line each, as the CLI's --seeds and --threads give them.
  // A run file or run object is resolved here, as simulate() takes them (only a resolved run was
  // taken: simulate(runObject) ran where runSeeds(runObject, seeds) was refused)
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('run', input, `${RESOLVED_RUN}, a run object or a run file path`);
  const run = resolveInput(input);
  resolvedRunArg('run', run);
  optionsArg('options', opts, '{ threads: 2, outDir: "runs/seeds" }', ['threads', 'outDir', 'onDone', 'onProgress', 'figures', 'onSteps']);
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((x) => Number.isInteger(x) && x >= 0 && x <= Number.MAX_SAFE_INTEGER)) {
    throw new InputError('seeds', seeds, 'a non-empty list of integers from 0 to 9007199254740991, e.g. [1, 2, 3]');
  }
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new InputError('threads', opts.threads, 'an integer >= 1');
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), seeds.length));
  const t0 = performance.now();
  const runs = await runPool(seeds.map((seed) => ({ ...run, seed })), {
    threads,
    outDirs: seeds.map((s) => (opts.outDir ? `${opts.outDir}/seed-${s}` : undefined)),
    onDone: (i, done) => opts.onDone?.(seeds[i]!, done),
    onProgress: opts.onProgress, figures: opts.figures, onSteps: opts.onSteps,
  });
  return { seeds, runs, stats: summarise(runs), threads, wall_s: (performance.now() - t0) / 1000 };
}
