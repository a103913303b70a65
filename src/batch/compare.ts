/**
 * A comparison: one protocol on several hosts / SAC settings (a base run plus `variants:`), each case
 * on a worker thread, for a library caller (`compare()` from the package entry) and for `sacplate
 * compare` (src/cli/batch.ts prints what compareCases returns: the table, its JSON, the messages).
 * Each finished case is kept in the store by its task key: a second call (after a stop, or with cases
 * added) reuses every case that finished before (src/batch/cases.ts). With `outDir` each case's run
 * folder, compare.csv and the overlay figures are written there.
 */
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { FileError, InputError } from '../errors.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, signalArg, textArg, withOptionNames } from '../args.js';
import { loadCompareFile, parseCompareInput, readInputFile } from '../input/parse.js';
import type { ResolvedRun } from '../input/types.js';
import type { CompareInput } from '../input/run-schema.js';
import type { Metrics } from '../simulation/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { checkRunMemory, parseBytes, raiseWith, runBudget } from '../input/memory.js';
import type { LiteratureMatch } from '../evidence/beside.js';
import { compareCsv, literatureOf, type TableRow } from './table.js';
import { Sink } from '../io/sink.js';
import { caseFolder, COMPARE_FIGURE_DIR, COMPARE_TABLE_FILE } from '../io/folder-names.js';
import { writeFigure } from '../plots/render.js';
import { overlaySpec, besideLiteratureSpec, besideMeasuredSpec, cyclesAcrossSpec } from '../plots/compare.js';
import { runCases, type CasesOptions } from './cases.js';

export interface CompareOptions {
  /** write each case's run folder into outDir/<case>, with compare.csv and the overlay figures; a second call into it keeps the cases that finished */
  outDir?: string;
  /** clear outDir first when it holds a previous comparison (nothing in it is reused) */
  force?: boolean;
  /** worker threads (default: every core) */
  threads?: number;
  /** the store the cases are kept in and reused from (default the CLI's, SACPLATE_DB or ~/.sacplate/sacplate.db); false: none (nothing kept, nothing reused) */
  db?: string | false;
  /** run every case again, reusing none that finished before */
  fresh?: boolean;
  /** render the figures into outDir (default true) */
  figures?: boolean;
  /** memory one run may take, e.g. "16 GB" (default half of this machine's memory over the runs at once) */
  maxMemory?: string;
  /** a case's fraction done (0..1), by its index in the comparison */
  onProgress?: (index: number, fraction: number) => void;
  /** stops every case at its next batch of events; the finished ones stay in the store, the same call again continues */
  signal?: AbortSignal;
}
const COMPARE_OPTION_KEYS = ['outDir', 'force', 'threads', 'db', 'fresh', 'figures', 'maxMemory', 'onProgress', 'signal'] as const;

export interface CompareCase {
  name: string;
  /** the case's run, resolved (canonical units, defaults filled in) */
  run: ResolvedRun;
  metrics: Metrics;
  /** how each step ended; undefined for a case reused from a store row of an older version that did not record its steps */
  steps: StepResult[] | undefined;
  /** the review's figure for this metal, host and SAC beside the model's nucleation overpotential, if it has one */
  literature: LiteratureMatch | null;
  /** taken from the store (finished in an earlier call), not run again */
  reused: boolean;
}

export interface CompareResult {
  /** the cases that finished, in the comparison's order (all of them unless cancelled) */
  cases: CompareCase[];
  /** the signal stopped the comparison: `stopped` names the cases that had not finished */
  cancelled: boolean;
  stopped: string[];
  /** files written into outDir (compare.csv, figures), besides one folder per case */
  files: string[];
}

/** What the CLI hears besides the library's options (src/cli/batch.ts: its bar and messages). */
export type CompareHooks = Pick<CasesOptions, 'onStart' | 'onDone'>;


function compareOptions(o: unknown): CompareOptions {
  if (!isMap(o)) throw new InputError('options', o, 'a map of options, e.g. { threads: 2, outDir: "runs/cmp" }');
  plainOptionsArg('options', o, '{ threads: 2, outDir: "runs/cmp" }');
  refuseUnknownKeys('options', o, COMPARE_OPTION_KEYS, { word: 'option', owner: 'compare takes' });
  if (o.outDir !== undefined) textArg('--out', o.outDir, 'a directory path'); // `--out ""` (an unset shell variable) too
  if (o.db !== undefined && o.db !== false) textArg('db', o.db, 'a store file path (text), or false for none');
  for (const k of ['force', 'fresh', 'figures'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new InputError(k, o[k], 'true or false');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && (o.threads as number) >= 1)) throw new InputError('threads', o.threads, 'an integer >= 1');
  if (o.maxMemory !== undefined) textArg('maxMemory', o.maxMemory, 'a memory size with its unit, e.g. "4 GB"');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new InputError('onProgress', o.onProgress, 'a function (index, fraction)');
  signalArg('signal', o.signal);
  return o as CompareOptions;
}

/**
 * The cases of a comparison file or object; a comparison of one is refused (it printed a one-row table). `compare --seeds`
 * reads them too (src/cli/batch.ts); the refusal points to `simulate --seeds` for one case over seeds (users83).
 */
export function casesOf(input: string | Record<string, unknown>): { name: string; run: ResolvedRun }[] {
  if (typeof input !== 'string' && !isMap(input)) throw new InputError('comparison', input, 'a comparison file (YAML or JSON) or object: a base run plus `variants:` (two or more)');
  const cases = typeof input === 'string' ? loadCompareFile(input) : parseCompareInput(input);
  if (cases.length >= 2) return cases;
  const raw = typeof input === 'string' ? readInputFile(input) : input;
  const hasVariants = isMap(raw) && 'variants' in raw;
  const why = hasVariants
    ? `one variant ("${cases[0]!.name}"); a comparison needs two or more runs: add another variant (\`- { name: base }\` runs the base keys as they are), or for this one case's mean and interval over seeds run \`sacplate simulate\` on a file of its run (no variants:) with --seeds N`
    : 'a single run (no variants:); a comparison needs two or more runs: add `variants:` (a list of { name, ...run keys to override }), or run it with `sacplate simulate` (simulate(); with --seeds N for its mean and interval over seeds)';
  if (typeof input === 'string') throw new FileError(input, why);
  throw new InputError('variants', input.variants, 'two or more variants (a list of { name, ...run keys to override }); a single run is simulate()\'s');
}

/** Runs a comparison's cases (`sacplate compare FILE`); `hooks` are the CLI's. */
export async function compareCases(input: string | CompareInput | Record<string, unknown>, options: CompareOptions = {}, hooks: CompareHooks = {}): Promise<CompareResult> {
  const o = compareOptions(options);
  const cases = casesOf(input);
  const file = typeof input === 'string' ? input : 'compare object';
  // every case's box is checked before any folder, store or thread is touched (as simulate's)
  const maxMemory = o.maxMemory === undefined ? undefined : parseBytes('--max-memory', o.maxMemory);
  const budget = runBudget(maxMemory, '--max-memory', Math.min(cases.length, o.threads ?? availableParallelism()));
  for (const c of cases) checkRunMemory(c.run.lattice.size, budget, raiseWith('--max-memory'), `lattice.size (case "${c.name}")`);
  const r = await runCases('compare', file, cases.map((c) => ({ ...c, dirName: caseFolder(c.name) })), {
    out: o.outDir, force: o.force, threads: o.threads, store: o.db !== false, db: o.db === false ? undefined : o.db, figures: o.figures, maxMemory, fresh: o.fresh,
    signal: o.signal, onProgress: o.onProgress, ...hooks,
  });
  const done: CompareCase[] = [];
  cases.forEach((c, i) => {
    if (!r.done[i]) return;
    const row: TableRow = { name: c.name, runs: [r.metrics[i]!], run: c.run };
    done.push({ name: c.name, run: c.run, metrics: r.metrics[i]!, steps: r.steps[i], literature: literatureOf(row) ?? null, reused: r.reused[i]! });
  });
  const stopped = cases.filter((_c, i) => !r.done[i]).map((c) => c.name);
  if (r.cancelled) return { cases: done, cancelled: true, stopped, files: [] };
  return { cases: done, cancelled: false, stopped, files: o.outDir === undefined ? [] : await writeCompareFiles(o.outDir, file, done, o.figures !== false) };
}

/**
 * The job in a figure's title (mends70): its file's base name (`main-job.yaml`), not the path as typed (`../x/main-job.yaml`,
 * `/work/.../main-job.yaml`, which a paper figure had to have edited out of its .vl.json); a compare object's words as they are.
 */
export function jobTitle(file: string): string {
  return file === 'compare object' ? file : basename(file);
}

/** compare.csv and (with figures) the overlay of the cases' overpotentials and the model beside the literature. */
async function writeCompareFiles(out: string, file: string, cases: CompareCase[], figures: boolean): Promise<string[]> {
  const rows: TableRow[] = cases.map((c) => ({ name: c.name, runs: [c.metrics], run: c.run }));
  const csv = join(out, COMPARE_TABLE_FILE);
  const s = new Sink(csv);
  s.text(compareCsv(rows));
  s.close();
  const files = [csv];
  if (figures) {
    const dir = join(out, COMPARE_FIGURE_DIR);
    const ov = overlaySpec(cases.map((c) => ({ name: c.name, dir: join(out, caseFolder(c.name)) })), `${jobTitle(file)}: overpotential of all cases`);
    if (ov) files.push(...(await writeFigure(dir, 'overlay_eta_vs_capacity', ov)));
    files.push(...(await writeCyclesFigure(out, file, cases)));
    files.push(...(await writeBesideLiterature(out, file, cases)));
  }
  return files;
}

/** audit70b: figures/measured_beside_simulated, the cases' overpotentials beside the measured cells' voltage (besideMeasuredSpec); none without a trace. */
export async function writeBesideMeasured(out: string, file: string, cases: readonly Pick<CompareCase, 'name'>[], measured: Parameters<typeof besideMeasuredSpec>[1]): Promise<string[]> {
  const spec = besideMeasuredSpec(cases.map((c) => ({ name: c.name, dir: join(out, caseFolder(c.name)) })), measured, `${jobTitle(file)}: the cases beside the measured cell${measured.length === 1 ? '' : 's'}`);
  return spec ? writeFigure(join(out, COMPARE_FIGURE_DIR), 'measured_beside_simulated', spec) : [];
}

/**
 * figures/nucleation_beside_literature: each case's nucleation overpotential beside the reported one, and (audit70b) each
 * `compare --measured` cell's, its first plating's as analyze reads it (`measured`: the rows measuredRows gives). Until
 * then the CLI wrote the figure before it read the measured rows, so a measured cell was in the table and not the figure.
 */
export async function writeBesideLiterature(out: string, file: string, cases: readonly Pick<CompareCase, 'name' | 'metrics' | 'literature'>[], measured: readonly { name: string; runs: readonly Partial<Metrics>[] }[] = []): Promise<string[]> {
  const rows = [
    ...cases.map((c) => ({ name: c.name, model_mV: c.metrics.nucleation_overpotential_mV, lit_mV: c.literature?.value, ref: c.literature?.ref })),
    ...measured.map((m) => ({ name: m.name, model_mV: NaN, measured_mV: m.runs[0]?.nucleation_overpotential_mV ?? NaN })),
  ];
  const what = measured.length ? 'model, reported and measured' : 'model and reported';
  return writeFigure(join(out, COMPARE_FIGURE_DIR), 'nucleation_beside_literature', besideLiteratureSpec(rows, `${jobTitle(file)}: nucleation overpotential, ${what}`));
}

/**
 * cmp64: the cycling cases' CE, dead metal and SEI per cycle side by side (plots/compare.ts cyclesAcrossSpec), from each
 * case's cycles.csv in `out`: figures/cycles_across_cases.{vl.json,svg,png}; nothing where no case has a cycle.
 */
export async function writeCyclesFigure(out: string, file: string, cases: readonly Pick<CompareCase, 'name' | 'run'>[]): Promise<string[]> {
  const cy = cyclesAcrossSpec(cases.map((c) => ({ name: c.name, dir: join(out, caseFolder(c.name)), sei: c.run.sei !== undefined && c.run.sei !== null })), `${jobTitle(file)}: CE, dead metal and SEI per cycle`);
  return cy ? writeFigure(join(out, COMPARE_FIGURE_DIR), CYCLES_FIGURE, cy) : [];
}

/** compare's figure of the cases' cycles, by its file name (figures/cycles_across_cases.svg) */
export const CYCLES_FIGURE = 'cycles_across_cases';

/** The CLI flags compareCases's errors and hints name, as a script writes the options of compare() (withOptionNames). */
const COMPARE_OPTION_WORDS: Record<string, string> = {
  '--out': 'outDir', '--max-memory': 'maxMemory', '--force': 'force: true', '--fresh': 'fresh: true', '--no-store': 'db: false', '--db': 'db',
};

/** The package entry's `compare`: compareCases, its errors naming the options as a script writes them. */
export function compare(input: string | CompareInput | Record<string, unknown>, options?: CompareOptions): Promise<CompareResult> {
  return withOptionNames(() => compareCases(input, options), { '--out': 'outDir' }, COMPARE_OPTION_WORDS);
}
