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
import { RESOLVED_RUN, isMap, optionsArg, resolvedRunArg, runArg, signalArg } from '../args.js';
import { resolveInput } from './resolve-input.js';
import { COLUMNS, compareCsv, seedsOf } from '../batch/table.js';
import { boundedInterval } from '../stats/interval.js';
import { dipsOf } from '../screen/no-dip.js';
import { caseLabel } from './case-label.js';
import { writeJson } from '../io/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInput } from '../input/run-schema.js';

/** the metrics.json keys of the deposit's morphology (the table's morphology columns) */
const MORPHOLOGY_KEYS = new Set<string>(COLUMNS.filter((c) => c.morphology).map((c) => String(c.key)));

export interface SeedSummary {
  /** the seeds that ran to their end (every seed asked for, in order, unless the signal stopped the call), one per `runs` */
  seeds: number[];
  runs: Metrics[];
  /** stopped by its `signal` before every seed ran to its end (mends92) */
  cancelled: boolean;
  /** the seeds the signal stopped under way or before they started, in order (their runs are in no other field); [] when not cancelled */
  unfinished: number[];
  /**
   * per numeric metric: mean, sample standard deviation, min, max and `n`, the seeds they are over: every seed with a
   * finite value (a seed whose metrics.json has null there, say no short circuit, is left out, not the metric), but for
   * a morphology of the deposit (nucleus density, rms, mean height, coverage, SAC share and its chance, porosity) only
   * the seeds that kept a deposit, as the table and seeds.json's `intervals` (a seed stripped away reads 0 there; none
   * when every seed was stripped away). The numbers of the `transport` and `sei` blocks by their path
   * (`transport.sand_time_s`, `sei.sei_bound_voxels`: the names of compare.csv / seeds.csv and `results --by-point`), a map
   * in a block by its keys' paths (`transport.space_charge.tip_speed_um_per_s`, since review76).
   */
  stats: Record<string, { mean: number; std: number; min: number; max: number; n: number }>;
  /**
   * per metric: the mean and its 95 % interval over the seeds (t interval, cut at the metric's physical bound: `cut`;
   * `same: true` and lo95/hi95 NaN where every seed gives the same value), as the CLI's seeds.json `intervals`
   * (mends126, review90 F4: the CLI's only until then)
   */
  intervals: ReturnType<typeof seedIntervals>;
  threads: number;
  wall_s: number;
}

/** the metrics.json blocks whose numbers summarise reads by their path (`transport.<key>`, `sei.<key>`) */
const BLOCKS = ['transport', 'sei'] as const;

/**
 * A run's reading by its name: a metric of metrics.json, or a number of its `transport` / `sei` block by its path
 * (`transport.sand_time_s`), also one map deeper (`transport.space_charge.tip_speed_um_per_s`; review76: the space-charge
 * zone's readings, a map in the block, were in no runSeeds() `stats` or seeds.json `intervals`).
 */
export function metricOf(m: Metrics, key: string): unknown {
  const parts = key.split('.');
  if (parts.length > 1 && (BLOCKS as readonly string[]).includes(parts[0]!)) {
    let v: unknown = m;
    for (const p of parts) { if (!isMap(v)) return undefined; v = (v as Record<string, unknown>)[p]; }
    return v;
  }
  return (m as unknown as Record<string, unknown>)[key];
}

/**
 * the names summarise reads: every metric of the runs, and every key of their `transport` and `sei` blocks, in order of
 * first use; a map in a block by its keys' paths (`transport.space_charge.onset_s`; review76)
 */
function metricNames(runs: Metrics[]): string[] {
  const names = new Set<string>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r)) {
      if ((BLOCKS as readonly string[]).includes(k) && isMap(v)) {
        for (const [b, bv] of Object.entries(v)) {
          if (isMap(bv)) { for (const c of Object.keys(bv)) names.add(`${k}.${b}.${c}`); } else names.add(`${k}.${b}`);
        }
      } else names.add(k);
    }
  }
  return [...names];
}

export function summarise(runs: Metrics[]): SeedSummary['stats'] {
  if (!Array.isArray(runs) || !runs.every(isMap)) throw new InputError('runs', runs, 'a list of metrics (what simulate() or runSeeds() returns per run)');
  const stats: SeedSummary['stats'] = {};
  if (runs.length === 0) return stats;
  // mends75: a morphology over the seeds that kept a deposit (until then a stripped seed's 0 was averaged in here, while
  // the table and seeds.json's `intervals` were over the others since mends74: two means for one column)
  const kept = seedsOf({ morphology: true }, runs);
  for (const key of metricNames(runs)) {
    // review62: a metric some seeds have no value of (null: no short circuit, no CE) is over the seeds that have one;
    // until then a single null dropped it (a separator that one seed of three did not reach: no short_circuit_s in
    // seeds.json, beside seeds.csv's transport.short_circuit_s over 2 seeds), and the blocks were not read at all
    const vals = runs.map((r) => metricOf(r, key));
    if (!vals.every((v) => typeof v === 'number' || v === null || v === undefined)) continue;
    const read = MORPHOLOGY_KEYS.has(key) ? kept.map((r) => metricOf(r, key)) : vals;
    const xs = read.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (xs.length === 0) continue;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
    stats[key] = { mean, std, min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
  }
  return stats;
}

/** What the pool options take (runPool's and runSeeds'). */
interface PoolOptions {
  threads?: number; outDirs?: (string | undefined)[]; onDone?: (index: number, done: number) => void; onProgress?: (index: number, fraction: number) => void; figures?: boolean; onSteps?: (index: number, steps: StepResult[]) => void;
  /**
   * aborted, the runs under way stop at their next batch of events and no run starts: their results are `undefined`,
   * a run that finished keeps its metrics (runPool since mends98, as runSeeds' since mends92)
   */
  signal?: AbortSignal;
}

/**
 * Runs resolved runs on a pool of worker threads; results in input order. With a `signal` (since mends98; it was refused,
 * `options.signal: ... expected no such option`): aborted, the runs under way stop at their next batch of events and no
 * run starts; each run that did not run to its end has `undefined` in its place (its outputs under `outDirs` are of the
 * part it ran), each finished run its metrics, as runSeeds' `runs` and `unfinished` say them; aborted before the call,
 * every entry is `undefined`.
 */
export function runPool(
  runs: (ResolvedRun | RunInput | Record<string, unknown>)[],
  opts?: PoolOptions & { signal?: undefined },
): Promise<Metrics[]>;
export function runPool(
  runs: (ResolvedRun | RunInput | Record<string, unknown>)[],
  opts: PoolOptions,
): Promise<(Metrics | undefined)[]>;
export async function runPool(
  /** resolved runs or run objects (each resolved on its worker) */
  runs: (ResolvedRun | RunInput | Record<string, unknown>)[],
  opts: PoolOptions = {},
): Promise<(Metrics | undefined)[]> {
  if (!Array.isArray(runs)) throw new InputError('runs', runs, `a list of runs (${RESOLVED_RUN}, or run objects)`);
  runs.forEach((r, i) => runArg(`runs[${i}]`, r));
  optionsArg('options', opts, '{ threads: 2 }', ['threads', 'outDirs', 'onDone', 'onProgress', 'figures', 'onSteps', 'signal']);
  signalArg('signal', opts.signal);
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new InputError('threads', opts.threads, 'an integer >= 1');
  return (await poolRuns(runs as (ResolvedRun | Record<string, unknown>)[], opts)).results;
}

/**
 * The pool: each worker runs one run at a time. `signal` (runSeeds' and runPool's) sets a flag in shared memory that every worker's
 * run reads between batches of events (an AbortSignal cannot cross to a worker), and no run starts after it; a run it
 * stopped under way, or never started, has no result (`undefined`), a run that finished keeps its own.
 */
async function poolRuns(runs: (ResolvedRun | Record<string, unknown>)[], opts: PoolOptions): Promise<{ results: (Metrics | undefined)[]; cancelled: boolean }> {
  const results = new Array<Metrics | undefined>(runs.length).fill(undefined);
  const signal = opts.signal;
  if (signal?.aborted) return { results, cancelled: true };
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), runs.length));
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const onAbort = () => { Atomics.store(flag, 0, 1); };
  signal?.addEventListener('abort', onAbort, { once: true });
  let next = 0, done = 0;
  const workerUrl = new URL('./seed-worker.js', import.meta.url);
  const workers: Worker[] = [];
  // the first error stops every worker (the others would keep the process alive to no purpose)
  const stopAll = () => { for (const x of workers) void x.terminate(); };
  try {
    await Promise.all(Array.from({ length: threads }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(workerUrl, { workerData: { cancel } });
      workers.push(w);
      const feed = () => {
        // mends92: after the signal no run starts
        if (next >= runs.length || signal?.aborted) { void w.terminate(); resolve(); return; }
        const i = next++;
        const { source: _src, ...plain } = runs[i]!;
        w.postMessage({ i, run: plain, outDir: opts.outDirs?.[i], figures: opts.figures });
      };
      w.on('message', (m: { i: number; metrics?: Metrics; error?: SerialisedError; progress?: number; steps?: StepResult[]; cancelled?: boolean }) => {
        // a user error in a worker keeps its class (one line, exit 2 at the CLI); the first error stops every worker
        if (m.error) { stopAll(); reject(reviveError(m.error)); return; }
        if (m.progress !== undefined) { opts.onProgress?.(m.i, m.progress); return; }
        if (!m.cancelled) {
          if (m.steps) opts.onSteps?.(m.i, m.steps);
          results[m.i] = m.metrics!;
          done++;
          opts.onDone?.(m.i, done);
        }
        feed();
      });
      w.on('error', (e) => { stopAll(); reject(e); });
      // a message this thread cannot read: the run's answer is lost (before, the pool waited for it for ever)
      w.on('messageerror', (e) => { stopAll(); reject(unreadableMessage(e, "a run's worker")); });
      feed();
    })));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return { results, cancelled: results.some((r) => r === undefined) };
}

export async function runSeeds(
  input: string | ResolvedRun | RunInput | Record<string, unknown>, seeds: number[],
  opts: {
    threads?: number; outDir?: string; onDone?: (seed: number, done: number) => void; onProgress?: (index: number, fraction: number) => void; figures?: boolean; onSteps?: (index: number, steps: StepResult[]) => void;
    /**
     * aborted, the seeds under way stop at their next batch of events and no seed starts: the result holds the seeds that
     * ran to their end (`seeds`, `runs`, `stats`), the others in `unfinished`, and `cancelled: true` (mends92)
     */
    signal?: AbortSignal;
  } = {},
): Promise<SeedSummary> {
  // a library caller's mistakes as one line each, as the CLI's --seeds and --threads give them.
  // A run file or run object is resolved here, as simulate() takes them (only a resolved run was
  // taken: simulate(runObject) ran where runSeeds(runObject, seeds) was refused)
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('run', input, `${RESOLVED_RUN}, a run object or a run file path`);
  const run = resolveInput(input);
  resolvedRunArg('run', run);
  optionsArg('options', opts, '{ threads: 2, outDir: "runs/seeds" }', ['threads', 'outDir', 'onDone', 'onProgress', 'figures', 'onSteps', 'signal']);
  signalArg('signal', opts.signal);
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((x) => Number.isInteger(x) && x >= 0 && x <= Number.MAX_SAFE_INTEGER)) {
    throw new InputError('seeds', seeds, 'a non-empty list of integers from 0 to 9007199254740991, e.g. [1, 2, 3]');
  }
  // robust62: [1, 2, 1] ran seed 1 twice (the same run to the bit) and stats/intervals counted it as two seeds
  const firstAt = new Map<number, number>();
  seeds.forEach((x, i) => {
    const j = firstAt.get(x);
    if (j !== undefined) throw new InputError(`seeds[${i}]`, x, `each seed once (seeds[${j}] is ${x} too): a seed repeats its run to the bit, so the statistics would count one run twice`);
    firstAt.set(x, i);
  });
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 1)) throw new InputError('threads', opts.threads, 'an integer >= 1');
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), seeds.length));
  const t0 = performance.now();
  const { results, cancelled } = await poolRuns(seeds.map((seed) => ({ ...run, seed })), {
    threads,
    outDirs: seeds.map((s) => (opts.outDir ? `${opts.outDir}/seed-${s}` : undefined)),
    onDone: (i, done) => opts.onDone?.(seeds[i]!, done),
    onProgress: opts.onProgress, figures: opts.figures, onSteps: opts.onSteps, signal: opts.signal,
  });
  const runs = results.filter((r): r is Metrics => r !== undefined);
  const finished = seeds.filter((_s, i) => results[i] !== undefined);
  const unfinished = seeds.filter((_s, i) => results[i] === undefined);
  const stats = summarise(runs);
  const summary: SeedSummary = { seeds: finished, runs, cancelled, unfinished, stats, intervals: seedIntervals(runs, Object.keys(stats)), threads, wall_s: (performance.now() - t0) / 1000 };
  // mends126 (review90 F4): outDir gets seeds.json and seeds.csv beside the seed-<n> folders, as `simulate FILE --seeds
  // ... --out DIR` writes them (the same keys, with cancelled and unfinished; over the seeds that finished)
  if (opts.outDir && runs.length > 0) {
    writeJson(join(opts.outDir, 'seeds.json'), summary);
    writeFileSync(join(opts.outDir, 'seeds.csv'), compareCsv([{ name: caseLabel(runs[0]!), runs, run }]));
  }
  return summary;
}

/**
 * seeds.json's `intervals`: each metric's mean and 95 % interval over the seeds (cut at its physical bound); a morphology
 * over the seeds that kept a deposit, as seeds.csv and the table (mends74: a seed stripped away, 0 in its metrics.json,
 * was averaged in; `n` says how many; `stats`, the library's summarise, over the same seeds since mends75); a metric
 * over the seeds that have a value, the `transport` / `sei` blocks' numbers by their path (`transport.short_circuit_s`; review62).
 * The nucleation overpotential is over the seeds with a dip (> 0; none where no seed had one: mends119).
 * A value the same in every seed to round-off has `same: true` and lo95/hi95 NaN (null in the file; mends78). The seed
 * number has none (users83).
 */
export function seedIntervals(metrics: Metrics[], keys: readonly string[]): Record<string, { mean: number; lo95: number; hi95: number; n: number; cut?: string; same?: true }> {
  const intervals: Record<string, { mean: number; lo95: number; hi95: number; n: number; cut?: string; same?: true }> = {};
  const morphology = new Set(COLUMNS.filter((c) => c.morphology).map((c) => String(c.key)));
  for (const k of keys) {
    // users83: the seed number is listed (seeds.json's `seeds`), not measured: seeds 1-3 read mean 2 [-0.48, 4.48]
    if (k === 'seed') continue;
    const runs = morphology.has(k) ? seedsOf({ morphology: true }, metrics) : metrics;
    let xs = runs.map((m) => metricOf(m, k)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    // the nucleation overpotential over the seeds with a dip (a reading <= 0 is no dip: none where no seed had one), as
    // the table and compare.csv (mends119)
    if (k === 'nucleation_overpotential_mV') xs = dipsOf(xs);
    if (xs.length > 0) { const iv = boundedInterval(xs, k, runs); intervals[k] = { mean: iv.mean, lo95: iv.lo, hi95: iv.hi, n: iv.n, ...(iv.cut ? { cut: iv.cut } : {}), ...(iv.same ? { same: true as const } : {}) }; }
  }
  return intervals;
}

