/**
 * Many runs at once from the CLI: `compare` (cases of a comparison file: the library's compareCases,
 * src/batch/compare.ts) and `simulate --seeds` (src/batch/cases.ts runCases). Here: one progress bar
 * over all runs, Ctrl-C and SIGTERM as the runs' AbortSignal, the messages (runs reused, runs that
 * ended early, a stop), the table and the seeds' CSV; the checks, the store, the output folder and
 * compare's files are the library's.
 */
import { isMap } from '../args.js';
import { basename, dirname, join } from 'node:path';
import { plural } from '../plural.js';
import { availableParallelism } from 'node:os';
import type CliProgress from 'cli-progress';
import { lazyRequire } from '../lazy-require.js';
import { etaValue } from './progress-bar.js';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import { caseLabel } from '../simulation/case-label.js';
import type { StepResult } from '../simulation/simulation.js';
import { seedIntervals, summarise } from '../simulation/seeds.js';
import { Sink } from '../io/sink.js';
import { writeJson } from '../io/index.js';
import { formatCompareTable, formatPairedTable, NUCLEATION_COLUMN, pairedRows, type PairedRow } from './compare-table.js';
import { cutoffNoteLines } from './strip-cutoff.js';
import { onStopSignals, stopLine, endOnStop } from './signals.js';
import { COLUMNS, compareCsv, type TableRow } from '../batch/table.js';
import { measuredRows } from '../batch/measured-rows.js';
import { earlyEndWarnings, reusedStepEnds, shortCircuitLines, type StepEnd } from './run-report.js';
import { runCases, type CasesOptions } from '../batch/cases.js';
import { casesOf, compareCases, writeBesideLiterature, writeBesideMeasured } from '../batch/compare.js';
import { compareBaselineOf, compareMeasuredOf, readInputFile } from '../input/parse.js';
import { caseFolder } from '../io/folder-names.js';
import { checkRunMemory, raiseWith, runBudget } from '../input/memory.js';
import { csvField } from '../io/csv.js';
import { fieldCellLine, transportLines } from './transport-lines.js';
import { InputError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';

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
  // cli-progress on a terminal only: a log or a test's pipe gets lines and never loads it (src/lazy-require.ts)
  const cliProgress = lazyRequire<typeof CliProgress>('cli-progress');
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {done}/{n} runs | ETA {eta}`, formatValue: etaValue, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(1000, Math.round(total() * 1000), { done: finished(), n });
  const upd = () => bar.update(Math.round(total() * 1000), { done: finished(), n });
  return { progress: (i, f) => { frac[i] = Math.min(f, 0.999); upd(); }, done: (i) => { frac[i] = 1; upd(); }, stop: () => bar.stop() };
}

/**
 * What a second signal (quit at once) says `compare` or `--seeds` kept: the runs that had finished (kept in the store as
 * each ended, and reused by the same command again) of the batch's; the runs under way stop without their outputs.
 * Until mends80 it exited 130 without a word (review65).
 */
export function batchQuitLine(sig: NodeJS.Signals, done: number, n: number | undefined, store: boolean): string {
  const what = n === undefined ? 'no run had started'
    : `${done} of ${n} runs had finished${done === 0 ? '' : store ? `, kept in the store: the same command again reuses ${done === 1 ? 'it' : 'them'} and runs the rest` : ' (--no-store: a rerun runs them all again)'}`;
  return `sacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}quit at once (the runs under way stopped without their outputs); ${what}\n`;
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
 * Runs the store holds finished that run again because the --out folder does not hold them (mends104; review82 finding
 * 11: `compare FILE` then `compare FILE --out DIR` ran every case again, 10 s, where the help said finished runs are
 * reused): the store keeps a run's metrics and how its steps ended, not its folder's files (eta.csv, the structures,
 * the figures), so a folder cannot be written from it.
 */
export function storedNotInFolderLine(label: string, n: number, total: number, out: string): string {
  return `${label}: ${n} of ${plural(total, 'run')} ${n === 1 ? 'is' : 'are'} in the store but not in ${out}: the store keeps a run's metrics, not its folder's files (eta.csv, structures, figures), so ${n === 1 ? 'it runs' : 'they run'} again to write them (--out on the first call saves the second run)\n`;
}

/**
 * The run folders of an earlier call's --out copied into this one for runs reused from the store that it did not hold
 * (earlyapi: `compare FILE --out B` after `--out A` ran every case again, mends104's line saying why).
 */
export function copiedFoldersLine(label: string, copied: readonly string[], out: string): string {
  const shown = copied.length > 3 ? `${copied.slice(0, 3).join(', ')}, ...` : copied.join(', ');
  return `${label}: copied ${plural(copied.length, 'run folder')} into ${out} from an earlier call's --out (${shown}): ${copied.length === 1 ? 'a run' : 'runs'} reused from the store, the same resolved run, seed and engine build (--fresh runs ${copied.length === 1 ? 'it' : 'them'} again)\n`;
}

/**
 * The finished runs' folders a rerun into the same --out cleared because this call does not make them (users83: `compare
 * --seeds 2` after `--seeds 3` removed the seed-3 folders, and `simulate --seeds` with another --seed its old seeds', without
 * a word); the store keeps their metrics, not their files.
 */
export function droppedFoldersLine(label: string, dropped: readonly string[], out: string): string {
  const shown = dropped.length > 4 ? `${dropped.slice(0, 4).join(', ')}, ...` : dropped.join(', ');
  return `${label}: cleared ${plural(dropped.length, 'finished run folder')} of the previous call in ${out} that this call does not make (${shown}): the store keeps their metrics, not their files; give another --out to keep a call's folders\n`;
}

/** A batch's runs as the CLI reports them: name, steps (for the early-end warnings; undefined for a reused run the store did not record them for), protocol, and whether reused with its metrics. */
interface Reported { name: string; steps: StepResult[] | undefined; run: ResolvedRun; reused: boolean; metrics: Metrics }

/**
 * Runs `work` (a batch through runCases, given its hooks and signal) with the CLI's bar, Ctrl-C and
 * SIGTERM (the first stops every run at its next batch of events, their outputs written, queued runs
 * never started; a second quits at once, exit 130) and messages. A rerun of the same command then
 * continues: each run that had finished is kept in the store as it ends.
 */
async function cliBatch<R extends { cancelled: boolean }>(label: string, o: Pick<BatchOptions, 'out' | 'store'>, work: (h: Pick<CasesOptions, 'signal' | 'onStart' | 'onProgress' | 'onDone'>) => Promise<R>,
  report: (r: R) => { n: number; reused: number; done: number; runs: Reported[] }, after: (r: R) => void | Promise<void> = () => {}): Promise<R> {
  const ac = new AbortController();
  let bar: ReturnType<typeof overallBar> | undefined;
  let r: R;
  let finished = false;
  // SIGTERM (a scheduler's stop, `timeout`, `kill`) as Ctrl-C, as for a single run: without it the
  // default action killed the process at once (exit 143), leaving the started runs' outputs half-written.
  // review65: kept until the command has written its summary (`after`: seeds.json, seeds.csv, the table): removed as the
  // runs ended, a signal then killed the process by the signal, the summary unwritten, for runs finished and recorded
  // the runs kept so far (reused, or finished and kept in the store as each ended), for a second signal's line (mends80)
  const kept = new Set<number>();
  let nRuns: number | undefined;
  const offSignals = onStopSignals((sig) => {
    if (finished) { process.stderr.write(stopLine(sig, 'the runs have finished; writing their summary, then exiting')); return; }
    process.stderr.write(stopLine(sig, 'stopping every run at its next batch of events'));
    ac.abort();
  }, (sig) => {
    process.stderr.write(batchQuitLine(sig, kept.size, nRuns, o.store));
    process.exit(130);
  });
  try {
    try {
      r = await work({
        signal: ac.signal,
        onStart: (reused, warn, protocolWarnings, storedNotInFolder = 0, dropped = [], copied = []) => {
          nRuns = reused.length;
          reused.forEach((x, i) => { if (x) kept.add(i); });
          const nReused = reused.filter(Boolean).length;
          if (warn) process.stderr.write(warn + ' (per run)\n');
          for (const w of protocolWarnings) process.stderr.write(w + '\n');
          if (nReused > 0) process.stderr.write(`${label}: ${reusedText(nReused, reused.length, 'to run')} (--fresh runs them all again)\n`);
          if (storedNotInFolder > 0 && o.out !== undefined) process.stderr.write(storedNotInFolderLine(label, storedNotInFolder, reused.length, o.out));
          if (copied.length > 0 && o.out !== undefined) process.stderr.write(copiedFoldersLine(label, copied, o.out));
          if (dropped.length > 0 && o.out !== undefined) process.stderr.write(droppedFoldersLine(label, dropped, o.out));
          bar = overallBar(label, reused.length, reused);
        },
        onProgress: (i, f) => bar?.progress(i, f),
        onDone: (i) => { kept.add(i); bar?.done(i); },
      });
    } finally {
      bar?.stop();
      finished = true;
    }
    const { n, reused: nReused, done: had, runs } = report(r);
    const ran = n - nReused;
    // flaky62: a stop that came once every run had finished (the last one's worker done before this thread read its end)
    // stopped nothing: the runs' summary is written and the exit is 0, as for a single run's
    if (ac.signal.aborted && !r.cancelled) process.stderr.write('sacplate: every run had finished before the stop took effect: the summary follows\n');
    if (r.cancelled) {
      process.stderr.write(`sacplate: cancelled; ${had} of ${n} runs had finished${nReused > 0 ? ` (${nReused} of them reused)` : ''}; ${o.out ? `outputs of the runs that started in ${o.out}` : 'no outputs written (no --out)'}; ` +
        (o.store ? 'finished runs are kept in the store: run the same command again to continue (they are reused, the rest run)\n' : 'with --no-store nothing is kept: a rerun runs them all again\n'));
      process.exitCode = 130;
      endOnStop();
      return r;
    }
    for (const x of runs) {
      const ends = x.reused ? reusedStepEnds(x.steps, x.metrics, x.name) : { steps: x.steps ?? [] };
      if (ends.note !== undefined) process.stderr.write(ends.note + '\n');
      for (const w of [...shortCircuitLines(x.metrics, x.name), ...earlyEndWarnings(ends.steps, x.name, x.run.protocol)]) process.stderr.write(w + '\n');
    }
    if (nReused > 0) process.stderr.write(`${reusedText(nReused, n, 'run')}${o.store && ran > 0 ? `; recorded the ${ran === 1 ? 'new run' : `${ran} new runs`} in the store` : ''}\n`);
    else if (o.store) process.stderr.write(`recorded ${n} run${n === 1 ? '' : 's'} in the store\n`);
    await after(r);
    endOnStop();
    return r;
  } finally {
    offSignals();
  }
}

/**
 * The limiting-current and Sand's-time lines `simulate` prints for a run with an electrolyte (mends69; cli/transport-lines.ts
 * transportLines since mends72, Sand's time of each plating step above the limiting current and the step the surface ran
 * out in), for `compare`'s variants and `simulate --seeds`' seeds (mends70: they printed none): a line every case has
 * alike is printed once, as `simulate` words it; one that differs (another electrolyte or cell, or a seed's own time the
 * salt ran out) once per case, after its name; for ion walkers, why they have neither (mends72: `simulate` said it since
 * mends71, `compare` and `--seeds` nothing); then a case's fieldcost66 line (fieldCellLine, cmpmeas67: `simulate` alone
 * printed it). [] when no case has an electrolyte.
 */
export function transportLinesOf(cases: readonly { name: string; metrics: Pick<Metrics, 'transport'>; run: ResolvedRun; steps?: readonly StepEnd[] }[]): string[] {
  // cmpmeas67: and fieldcost66's line naming a coarser cell.field_cell, as `simulate` prints it after these (its share
  // and update count are the run's own: a case's or seed's line, after its name, where they differ)
  const per = cases.map((c) => { const cell = fieldCellLine(c.metrics.transport, c.run); return [...transportLines(c.metrics.transport, c.run, c.steps), ...(cell ? [cell] : [])]; });
  const out: string[] = [];
  const seen = new Set<string>();
  per.forEach((lines) => {
    for (const l of lines) {
      if (seen.has(l)) continue;
      seen.add(l);
      if (per.every((o) => o.includes(l))) out.push(l);
      else per.forEach((o, j) => { if (o.includes(l)) out.push(`${cases[j]!.name}: ${l}`); });
    }
  });
  return out;
}

/**
 * compare's measured rows (side66): the comparison file's `measured:` items (measured70b: input/parse.ts compareMeasuredOf,
 * each with its own protocol, area and map), then the --measured files; [] with neither. Read (and refused) before any run.
 */
async function measuredOf(file: string, o: { measured?: string[]; protocol?: string; area?: string[]; map?: string }, traces?: Parameters<typeof measuredRows>[3]): Promise<TableRow[]> {
  const items = compareMeasuredOf(readInputFile(file), dirname(file));
  if (!items.length && !o.measured?.length) return [];
  return measuredRows(o.measured ?? [], o.protocol, { ...(o.area !== undefined ? { area: o.area } : {}), ...(o.map !== undefined ? { map: o.map } : {}), items }, traces);
}

/** `sacplate compare FILE`: the library's compareCases, with the CLI's bar, signals, messages and table. */
export async function compareCommand(file: string, o: Omit<BatchOptions, 'maxMemory'> & { maxMemory?: string; baseline?: string; measured?: string[]; protocol?: string; area?: string[]; map?: string }): Promise<void> {
  // side66: the measured files read (and refused) before any run
  const traces: Parameters<typeof writeBesideMeasured>[3] & { note?: string }[] = [];
  const measured = await measuredOf(file, o, o.out && o.figures !== false ? traces : undefined);
  // mends65: --baseline (or the file's baseline:) with one seed: each case minus the baseline, checked before any run
  let baseline: { name: string; chosenBy: string } | undefined;
  if (!o.json) {
    const input = readInputFile(file);
    if (o.baseline !== undefined || (isMap(input) && input.baseline !== undefined)) {
      const names = casesOf(file).map((c) => c.name);
      const name = o.baseline !== undefined ? names[baselineIndex(names, o.baseline)]! : compareBaselineOf(input, names);
      if (name !== undefined) baseline = { name, chosenBy: o.baseline !== undefined ? '--baseline' : 'the file\'s baseline:' };
    }
  }
  await cliBatch('compare', o, (h) => compareCases(file, {
    outDir: o.out, force: o.force, threads: o.threads, db: o.store ? o.db : false, fresh: o.fresh, figures: o.figures, maxMemory: o.maxMemory, signal: h.signal, onProgress: h.onProgress,
  }, { onStart: h.onStart, onDone: h.onDone }), (x) => ({
    n: x.cases.length + x.stopped.length, reused: x.cases.filter((c) => c.reused).length, done: x.cases.length,
    runs: x.cases.map((c) => ({ name: c.name, steps: c.steps, run: c.run, reused: c.reused, metrics: c.metrics })),
  }), async (r) => {
    // audit70b: the measured cells' nucleation overpotentials in the figure beside the cases' (it had the cases' only)
    if (o.out && measured.length && o.figures !== false && !r.cancelled) {
      await writeBesideLiterature(o.out, file, r.cases, measured);
      // and their voltage traces beside the cases' (a cell without an area has none: said, as the workbench says it)
      const written = await writeBesideMeasured(o.out, file, r.cases, traces);
      r.files.push(...written.filter((f) => !r.files.includes(f)));
      for (const t of traces) if (t.trace === null && t.note) process.stderr.write(`compare: ${t.name}: ${t.note}\n`);
    }
    compareSummary(r, o, baseline, measured);
  });
}

/** A measured row in compare's --json (and compare --seeds' seeds.json `measured`): its file, protocol, what was read and the keys read */
function measuredJson(m: TableRow): { name: string; source: 'measured'; file: string; protocol: string; read: string; metrics: unknown } {
  return { name: m.name, source: 'measured', file: m.measured!.file, protocol: m.measured!.protocol, read: m.measured!.what, metrics: m.runs[0] };
}

/** compare's table (or --json) and its closing line, once its runs have ended (inside cliBatch's signal handlers). */
function compareSummary(r: Awaited<ReturnType<typeof compareCases>>, o: Pick<BatchOptions, 'out' | 'json'>, baseline?: { name: string; chosenBy: string }, measured: TableRow[] = []): void {
  const rows: TableRow[] = r.cases.map((c) => ({ name: c.name, runs: [c.metrics], run: c.run }));
  // side66: compare.csv again with the measured rows after the cases' (and its source column)
  if (o.out && measured.length) writeText(join(o.out, 'compare.csv'), compareCsv([...rows, ...measured]));
  // mends65: one seed's paired rows, each case minus the baseline, one difference each and no interval (formatPairedTable says so)
  const at = baseline === undefined ? -1 : rows.findIndex((x) => x.name === baseline.name);
  const paired = at < 0 ? [] : pairedRows(rows, at);
  if (o.out && paired.length) {
    writeText(join(o.out, 'paired.csv'), pairedCsv(paired));
    r.files.push(join(o.out, 'paired.csv'));
  }
  if (o.json) process.stdout.write(JSON.stringify([...r.cases.map((c) => ({ name: c.name, metrics: c.metrics, literature: c.literature })), ...measured.map(measuredJson)], null, 2) + '\n');
  else {
    process.stdout.write(formatCompareTable([...rows, ...measured]) + '\n');
    // mends125 (review89 F1): each case's strips that stopped at their voltage cut-off, as simulate says them
    for (const l of new Set(r.cases.flatMap((c) => cutoffNoteLines(c.steps ?? [], c.name)))) process.stdout.write(l + '\n');
    for (const l of transportLinesOf(r.cases)) process.stdout.write(l + '\n');
    if (paired.length) process.stdout.write('\n' + formatPairedTable(paired, 1, baseline!.chosenBy) + '\n');
  }
  // the count by its plural rule (mends78: "wrote 1 files" with --no-figures), the file named when it is the one
  if (o.out) process.stderr.write(`wrote ${plural(r.files.length, 'file')}${r.files.length === 1 ? ` (${basename(r.files[0]!)})` : ''} and one folder per case into ${o.out}\n`);
  else if (!o.json) process.stderr.write('(--out DIR keeps each case\'s outputs and figures, the overlays and compare.csv)\n');
}

// seedIntervals moved to src/simulation/seeds.ts (mends126: runSeeds' outDir writes seeds.json as --seeds --out does)
export { seedIntervals };

export async function seedsCommand(file: string, run: ResolvedRun, seeds: number[], o: BatchOptions): Promise<void> {
  const t0 = performance.now();
  // each seed's recorded input is the one that ran, seed s (every seed's store row held the first seed's input until
  // session 41: a rerun from `runs show`'s input or GET /api/runs/:id/input ran another seed); the task key ignores it
  const items = seeds.map((s) => ({ name: `seed ${s}`, dirName: `seed-${s}`, run: { ...run, seed: s, ...(isMap(run.source) ? { source: { ...run.source, seed: s } } : {}) } }));
  await cliBatch('seeds', o, (h) => runCases('seeds', file, items, { ...o, ...h }),
    (x) => ({ n: items.length, reused: x.reused.filter(Boolean).length, done: x.done.filter(Boolean).length, runs: items.flatMap((c, i) => (x.done[i] ? [{ name: c.name, steps: x.steps[i], run: c.run, reused: x.reused[i]!, metrics: x.metrics[i] as Metrics }] : [])) }),
    (r) => {
      const metrics = r.metrics as Metrics[];
      const wall_s = (performance.now() - t0) / 1000;
      const stats = summarise(metrics);
      const intervals = seedIntervals(metrics, Object.keys(stats));
      const summary = { seeds, runs: metrics, stats, intervals, threads: Math.min(o.threads ?? availableParallelism(), seeds.length), wall_s };
      const rows: TableRow[] = [{ name: caseLabel(metrics[0]!), runs: metrics, run }];
      if (o.out) {
        writeJson(join(o.out, 'seeds.json'), summary);
        writeText(join(o.out, 'seeds.csv'), compareCsv(rows));
      }
      if (o.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        process.stdout.write(`${seeds.length} seeds in ${wall_s.toFixed(2)} s\n`);
        process.stdout.write(formatCompareTable(rows) + '\n');
        for (const l of transportLinesOf(items.map((c, i) => ({ name: c.name, metrics: metrics[i]!, run: c.run, steps: r.steps[i] })))) process.stdout.write(l + '\n');
      }
    });
}

/**
 * `sacplate compare FILE --seeds N` (mends104; review82 finding 4: a paired SAC-minus-host difference took 4 files, 2
 * commands and a script): every case on N seeds, each case's own seed (the file's, or its variant's) onward, as
 * `simulate --seeds` counts them; each case's mean with its 95 % interval (the table), then for every case after the
 * first the paired row "<case> minus <first case>" (compare-table.ts pairedRows: seed by seed, Student t with N - 1 df).
 * The seeds' runs are ordinary runs: a run that finished before (plain `compare` ran seed 1 of each case) is reused from
 * the store, the bar, Ctrl-C and a rerun's continuing are compare's. --out writes one folder per case and seed
 * (`<case>_seed-<s>`), seeds.json, seeds.csv (the table) and paired.csv; --json prints seeds.json.
 */
export async function compareSeedsCommand(file: string, nSeeds: number, o: BatchOptions & { baseline?: string; measured?: string[]; protocol?: string; area?: string[]; map?: string }): Promise<void> {
  const t0 = performance.now();
  const cases = casesOf(file);
  // side66b: a measured cell's row beside the seed means (one value each, no interval; not in the paired rows), read
  // before any run as compare's
  const measured = await measuredOf(file, o);
  // cmp64: the case the paired rows subtract, checked before any run
  // the flag wins over the file's `baseline:` (checked by casesOf against the variants' names)
  const names = cases.map((c) => c.name);
  const baseline = o.baseline ?? compareBaselineOf(readInputFile(file), names);
  const baseIndex = o.baseline !== undefined ? baselineIndex(names, o.baseline) : baseline === undefined ? 0 : names.indexOf(baseline);
  const seedsOfCase = cases.map((c) => Array.from({ length: nSeeds }, (_, i) => c.run.seed + i));
  const items = cases.flatMap((c, k) => seedsOfCase[k]!.map((s) => ({
    name: `${c.name} seed ${s}`, dirName: `${caseFolder(c.name)}_seed-${s}`,
    run: { ...c.run, seed: s, ...(isMap(c.run.source) ? { source: { ...c.run.source, seed: s } } : {}) },
  })));
  // every box checked before any folder, store or thread is touched (as compare's)
  const budget = runBudget(o.maxMemory, '--max-memory', Math.min(items.length, o.threads ?? availableParallelism()));
  for (const c of cases) checkRunMemory(c.run.lattice.size, budget, raiseWith('--max-memory'), `lattice.size (case "${c.name}")`);
  await cliBatch('compare', o, (h) => runCases('compare --seeds', file, items, { ...o, ...h }),
    (x) => ({ n: items.length, reused: x.reused.filter(Boolean).length, done: x.done.filter(Boolean).length, runs: items.flatMap((c, i) => (x.done[i] ? [{ name: c.name, steps: x.steps[i], run: c.run, reused: x.reused[i]!, metrics: x.metrics[i] as Metrics }] : [])) }),
    (r) => {
      const metrics = r.metrics as Metrics[];
      const wall_s = (performance.now() - t0) / 1000;
      const rows: TableRow[] = cases.map((c, k) => ({ name: c.name, runs: metrics.slice(k * nSeeds, (k + 1) * nSeeds), run: c.run }));
      const paired = pairedRows(rows, baseIndex);
      const summary = {
        seeds: nSeeds,
        baseline: cases[baseIndex]!.name,
        cases: rows.map((row, k) => ({ name: row.name, seeds: seedsOfCase[k]!, runs: row.runs, intervals: seedIntervals(row.runs, Object.keys(summarise(row.runs))) })),
        paired: paired.map(pairedJson),
        ...(measured.length ? { measured: measured.map(measuredJson) } : {}),
        threads: Math.min(o.threads ?? availableParallelism(), items.length), wall_s,
      };
      if (o.out) {
        writeJson(join(o.out, 'seeds.json'), summary);
        writeText(join(o.out, 'seeds.csv'), compareCsv([...rows, ...measured]));
        writeText(join(o.out, 'paired.csv'), pairedCsv(paired));
      }
      if (o.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        const shared = new Set(seedsOfCase.map((s) => s[0])).size === 1;
        process.stdout.write(`${cases.length} cases x ${nSeeds} seeds (${shared ? `seeds ${seedsOfCase[0]![0]}-${seedsOfCase[0]!.at(-1)}` : `each case's own seed onward: ${cases.map((c, k) => `${c.name} ${seedsOfCase[k]![0]}-${seedsOfCase[k]!.at(-1)}`).join(', ')}`}) in ${wall_s.toFixed(2)} s\n`);
        process.stdout.write(formatCompareTable([...rows, ...measured]) + '\n');
        for (const l of transportLinesOf(items.map((c, i) => ({ name: c.name, metrics: metrics[i]!, run: c.run, steps: r.steps[i] })))) process.stdout.write(l + '\n');
        process.stdout.write('\n' + formatPairedTable(paired, nSeeds, baseline === undefined ? undefined : o.baseline !== undefined ? '--baseline' : 'the file\'s baseline:') + '\n');
      }
      if (o.out) process.stderr.write(`wrote seeds.json, seeds.csv, paired.csv and one folder per case and seed into ${o.out}\n`);
      else if (!o.json) process.stderr.write('(--out DIR keeps each case\'s seeds\' outputs, seeds.json, seeds.csv and paired.csv)\n');
    });
}

/**
 * `compare --seeds N --baseline <case>` (cmp64; cycaudit64: the paired rows were each case minus the FIRST, so "Zn-N4
 * minus graphene" took a reordered file): the index of the named case, 0 without the flag; an unknown name is refused
 * naming --baseline, the value and the cases (with the nearest name).
 */
export function baselineIndex(names: readonly string[], baseline: string | undefined): number {
  if (baseline === undefined) return 0;
  const i = names.indexOf(baseline);
  if (i >= 0) return i;
  throw new InputError('--baseline', baseline, `the name of one of the comparison's cases${didYouMean(baseline, names)}: ${names.map((n) => `"${n}"`).join(', ')}`);
}

/** seeds.json's `paired` entry: each column's difference by its metrics.json key, mean, 95 % ends (null where n < 2), pairs and df; `seeds`, each pair's [case's seed, first case's seed] (users83); `nucleation_no_dip_pairs`, the pairs left out of the nucleation difference (mends120). */
function pairedJson(p: PairedRow): { name: string; case: string; minus: string; seeds: [number, number][]; differences: Record<string, { mean: number; lo95: number; hi95: number; n: number; df: number }>; nucleation_no_dip_pairs: number } {
  const differences: Record<string, { mean: number; lo95: number; hi95: number; n: number; df: number }> = {};
  for (const [c, v] of p.cells) differences[String(c.key)] = { mean: v.mean, lo95: v.lo, hi95: v.hi, n: v.n, df: v.df };
  return { name: p.name, case: p.case, minus: p.minus, seeds: p.seeds, differences, nucleation_no_dip_pairs: p.nucleation_no_dip_pairs };
}

/** paired.csv: one row per case after the first, the seeds of its pairs (`case_seeds`, `minus_seeds`: `1; 2`), each column's mean difference with its 95 % ends and pair count, by metrics.json key; after the nucleation column's, `nucleation_no_dip_pairs`: the pairs left out of it, either seed with no dip (mends120). */
export function pairedCsv(paired: readonly PairedRow[]): string {
  // mends120: the nucleation column is kept where a row's pairs all had no dip (empty cells), with the count of them
  const noDip = paired.some((p) => p.nucleation_no_dip_pairs > 0);
  const cols = COLUMNS.filter((c) => paired.some((p) => p.cells.has(c)) || (noDip && c === NUCLEATION_COLUMN));
  // users83: which seeds each row's differences are of (a variant's own seed pairs other seeds), as seeds.json's `paired[].seeds`
  const head = ['case', 'minus', 'case_seeds', 'minus_seeds', ...cols.flatMap((c) => [String(c.key), `${String(c.key)}_lo95`, `${String(c.key)}_hi95`, `${String(c.key)}_n`, ...(c === NUCLEATION_COLUMN ? ['nucleation_no_dip_pairs'] : [])])];
  const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '' : csvField(x));
  const lines = [head.map(csvField).join(','), ...paired.map((p) => [csvField(p.case), csvField(p.minus), csvField(p.seeds.map((x) => x[0]).join('; ')), csvField(p.seeds.map((x) => x[1]).join('; ')), ...cols.flatMap((c) => {
    const v = p.cells.get(c);
    return [num(v?.mean), num(v?.lo), num(v?.hi), num(v?.n), ...(c === NUCLEATION_COLUMN ? [csvField(p.nucleation_no_dip_pairs)] : [])];
  })].join(','))];
  return lines.join('\n') + '\n';
}
