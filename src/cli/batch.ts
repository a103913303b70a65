/**
 * Many runs at once from the CLI: `compare` (cases of a comparison file) and `simulate --seeds`.
 * Both check the output folder and the store before the first run, show one progress bar over
 * all runs, record every run in the store like a single `simulate`, write the table as CSV and
 * the figures (each run's own, plus overlays) into the output folder, and warn about runs that
 * ended early.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { ResolvedRun } from '../input/types.js';
import type { Metrics } from '../simulation/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { runPool } from '../simulation/seeds.js';
import { summarise } from '../simulation/seeds.js';
import { meanInterval } from '../stats/interval.js';
import { Sink } from '../io/sink.js';
import { writeJson } from '../io/index.js';
import { writeFigure } from '../plots/render.js';
import { overlaySpec, besideLiteratureSpec } from '../plots/compare.js';
import { formatCompareTable, compareCsv, literatureOf, type TableRow } from './compare-table.js';
import { earlyEndWarnings, snapshotWarning } from './run-report.js';
import { prepareOutDir, checkStore } from './guards.js';

export interface BatchOptions {
  out?: string;
  force?: boolean;
  threads?: number;
  store: boolean;
  db?: string;
  json?: boolean;
  figures?: boolean;
}

/** One bar over all runs: each run's fraction counts 1/n. */
export function overallBar(label: string, n: number): { progress: (i: number, f: number) => void; done: (i: number) => void; stop: () => void } {
  const frac = new Float64Array(n);
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
  bar.start(1000, 0, { done: 0, n });
  const upd = () => bar.update(Math.round(total() * 1000), { done: finished(), n });
  return { progress: (i, f) => { frac[i] = Math.min(f, 0.999); upd(); }, done: (i) => { frac[i] = 1; upd(); }, stop: () => bar.stop() };
}

async function record(o: BatchOptions, name: string, run: ResolvedRun, metrics: Metrics, outDir: string | undefined): Promise<void> {
  if (!o.store) return;
  const { openStore } = await import('../store/index.js');
  const store = openStore(o.db);
  try { store.recordRun({ name, input: run.source ?? (({ provenance: _p, ...r }) => r)(run), metrics, outDir, artefacts: [], status: 'finished' }); } finally { store.close(); }
}

function writeText(path: string, text: string): void {
  const s = new Sink(path);
  s.text(text);
  s.close();
}

/** Runs `runs` (named) on the worker pool with the checks, bar, store, CSV and figures. */
async function runBatch(label: string, file: string, items: { name: string; dirName: string; run: ResolvedRun }[], o: BatchOptions): Promise<{ metrics: Metrics[]; steps: StepResult[][] }> {
  if (o.out) prepareOutDir(o.out, { force: o.force });
  if (o.store) await checkStore(o.db);
  const warn = snapshotWarning(items[0]!.run, o.out);
  if (warn) process.stderr.write(warn + ' (per run)\n');
  const bar = overallBar(label, items.length);
  const steps: StepResult[][] = [];
  let metrics: Metrics[];
  try {
    metrics = await runPool(items.map((c) => c.run), {
      threads: o.threads,
      outDirs: items.map((c) => (o.out ? join(o.out, c.dirName) : undefined)),
      figures: o.figures,
      onProgress: (i, f) => bar.progress(i, f),
      onDone: (i) => bar.done(i),
      onSteps: (i, s) => { steps[i] = s; },
    });
  } finally {
    bar.stop();
  }
  for (let i = 0; i < items.length; i++) {
    for (const w of earlyEndWarnings(steps[i] ?? [], items[i]!.name)) process.stderr.write(w + '\n');
    await record(o, `${file} [${items[i]!.name}]`, items[i]!.run, metrics[i]!, o.out ? join(o.out, items[i]!.dirName) : undefined);
  }
  if (o.store) process.stderr.write(`recorded ${items.length} runs in the store\n`);
  return { metrics, steps };
}

const safe = (n: string) => n.replace(/[^\w.-]+/g, '_');

export async function compareCommand(file: string, cases: { name: string; run: ResolvedRun }[], o: BatchOptions): Promise<void> {
  const { metrics } = await runBatch('compare', file, cases.map((c) => ({ ...c, dirName: safe(c.name) })), o);
  const rows: TableRow[] = cases.map((c, i) => ({ name: c.name, runs: [metrics[i]!], run: c.run }));
  if (o.json) process.stdout.write(JSON.stringify(rows.map((r) => ({ name: r.name, metrics: r.runs[0], literature: literatureOf(r) ?? null })), null, 2) + '\n');
  else process.stdout.write(formatCompareTable(rows) + '\n');
  if (o.out) {
    writeText(join(o.out, 'compare.csv'), compareCsv(rows));
    const files = [join(o.out, 'compare.csv')];
    if (o.figures !== false) {
      const dir = join(o.out, 'figures');
      const ov = overlaySpec(cases.map((c) => ({ name: c.name, dir: join(o.out!, safe(c.name)) })), `${file}: overpotential of all cases`);
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
  const { metrics } = await runBatch('seeds', file, seeds.map((s) => ({ name: `seed ${s}`, dirName: `seed-${s}`, run: { ...run, seed: s } })), o);
  const wall_s = (performance.now() - t0) / 1000;
  const stats = summarise(metrics);
  const intervals: Record<string, { mean: number; lo95: number; hi95: number; n: number }> = {};
  for (const k of Object.keys(stats)) {
    const xs = metrics.map((m) => (m as unknown as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (xs.length > 0) { const iv = meanInterval(xs); intervals[k] = { mean: iv.mean, lo95: iv.lo, hi95: iv.hi, n: iv.n }; }
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
