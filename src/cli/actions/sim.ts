/**
 * What `simulate`, `compare` and `bench` do when they run (their flags and help text:
 * commands/sim.ts). Loaded only then: this is where the engine, the worker pool and the store come in.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { loadRunFile } from '../../input/parse.js';
import type { ResolvedRun } from '../../input/types.js';
import { inputFilesOf } from '../../input/named-files.js';
import { CHECKPOINT_FILE } from '../../simulation/checkpoint-file.js';
import { batchRunService } from '../../batch/cases.js';
import { progressBar } from '../progress-bar.js';
import { depositText, workText } from '../work-text.js';
import type { BenchResult } from '../../bench/engine.js';
import { MAX_RUN_VOXELS } from '../../input/voxel-limit.js';
import { MAX_SWEEP_TASKS } from '../../sweep/spec.js';
import { countExpected, countOf, decimalOf, intOption, isMap } from '../../args.js';
import { prepareOutDir } from '../../io/dirs.js';
import { checkStore } from '../../store/check.js';
import { earlyEndWarnings, shortCircuitLines } from '../run-report.js';
import { eventLimitReach, stepAt } from '../../simulation/early-ends.js';
import { stripFirstPairingOfSteps } from '../../simulation/strip-first.js';
import { caseLabel } from '../../simulation/case-label.js';
import { snapshotWarning } from '../../simulation/snapshots.js';
import { boxFitWarnings, runInputWarnings } from '../../input/limits.js';
import type * as Batch from '../batch.js';
import { checkRunMemory, runBudget, raiseWith, parseBytes } from '../../input/memory.js';
import { formatCompareTable } from '../compare-table.js';
import { cutoffNoteLines, filmHopLine, seiThicknessLine } from '../strip-cutoff.js';
import { getSeiSet } from '../../params/sei.js';
import { fieldCellLine, transportLines } from '../transport-lines.js';
import { onStopSignals, stopLine, endOnStop } from '../signals.js';
import { defaultRebuildEvery, noCheckpointNote } from '../../simulation/rebuild-interval.js';

// startcost: what one plain `simulate` does not use is loaded where it is used: the batch commands (compare, --seeds:
// their pool, tables and literature), the figures' renderer (after the run, with figures on) and the bench's engine
const batch = (): Promise<typeof Batch> => import('../batch.js');


/** Flags that would do nothing beside the others are refused, naming the flag (they did nothing, without a word). */
function refuseIdleFlags(o: { force?: boolean; out?: string; db?: string; store: boolean; fresh?: boolean; figures: boolean }): void {
  // --force clears the --out folder first: without --out there is none
  if (o.force && o.out === undefined) throw new InputError('--force', true, '--out <dir> as well (it clears that folder first; without --out no folder is written)');
  if (o.db !== undefined && !o.store) throw new InputError('--db', o.db, 'no --no-store beside it (--db names the store runs are recorded in; --no-store records none)');
  // without a store nothing is reused; --fresh then only lets a rerun write over its own --out folder
  if (o.fresh && !o.store && o.out === undefined) throw new InputError('--fresh', true, 'a store (no --no-store) or --out <dir> (it runs again what the store keeps; with --no-store and no --out nothing is kept, so every run is fresh)');
  if (!o.figures && o.out === undefined) throw new InputError('--no-figures', true, '--out <dir> as well (figures are rendered only into the --out folder; without --out there are none)');
}

/**
 * The flags `--sectors` cannot take, each named (a sector run has no checkpoints, runs one seed and has its own threads):
 * checked before the run file's refusals and before any folder, store or thread is touched.
 */
function refuseSectorFlags(o: { sectors?: string; seeds?: string; threads?: string; resume?: boolean; checkpointEvery?: string; rebuildEvery?: string; maxEvents?: string }): void {
  if (o.sectors === undefined) return;
  const doc = 'docs/parallel.md, "From the CLI"';
  if (o.maxEvents !== undefined) throw new InputError('--max-events', o.maxEvents, `no --max-events beside --sectors: it stops the serial engine's run (${doc})`);
  if (o.seeds !== undefined) throw new InputError('--seeds', o.seeds, `no --seeds beside --sectors: --sectors runs one trajectory on several threads, --seeds several seeds one a thread (${doc})`);
  if (o.threads !== undefined) throw new InputError('--threads', o.threads, `no --threads beside --sectors: --sectors <threads> is the sector run's thread count (--threads is for --seeds)`);
  if (o.resume) throw new InputError('--resume', true, `no --resume beside --sectors: a sector run has no checkpoint to continue from (${doc})`);
  if (o.checkpointEvery !== undefined) throw new InputError('--checkpoint-every', o.checkpointEvery, `no --checkpoint-every beside --sectors: a sector run writes no checkpoint (${doc})`);
  if (o.rebuildEvery !== undefined) throw new InputError('--rebuild-every', o.rebuildEvery, `no --rebuild-every beside --sectors: the serial engine's rebuild interval; a sector run has none (${doc})`);
}

export async function simulate(file: string, o: { out?: string; json?: boolean; seed?: string; seeds?: string; threads?: string; db?: string; store: boolean; checkpointEvery?: string; resume?: boolean; rebuildEvery?: string; force?: boolean; figures: boolean; maxMemory?: string; fresh?: boolean; sectors?: string; maxEvents?: string }): Promise<void> {
  refuseSectorFlags(o);
  // mends78 (review62: no way to cut a run part way from the CLI but Ctrl-C; the library's runAll had eventLimit)
  const maxEvents = intOption('--max-events', o.maxEvents, 1);
  const sectors = intOption('--sectors', o.sectors, 1, 1024);
  const run = loadRunFile(file);
  const maxMemory = o.maxMemory === undefined ? undefined : parseBytes('--max-memory', o.maxMemory);
  const seed = intOption('--seed', o.seed, 0, Number.MAX_SAFE_INTEGER) ?? run.seed;
  // the input recorded in the store is the one that runs: --seed N is in it (it kept the run file's seed beside metrics
  // of seed N, and a rerun from `runs show`'s input or GET /api/runs/:id/input ran another seed: review47)
  if (seed !== run.seed && isMap(run.source)) run.source = { ...run.source, seed };
  if (sectors !== undefined) return simulateWithSectors(file, { ...run, seed }, sectors, o, maxMemory);
  // at most as many runs as a sweep holds: each is resolved, hashed and looked up in the store before the first starts
  const nSeeds = intOption('--seeds', o.seeds, 1, MAX_SWEEP_TASKS);
  if (nSeeds !== undefined && seed > Number.MAX_SAFE_INTEGER - (nSeeds - 1)) throw new InputError('--seeds', o.seeds, `a count that keeps the last seed (seed + n - 1) at most 2^53 - 1 = ${Number.MAX_SAFE_INTEGER}`);
  const threads = intOption('--threads', o.threads, 1);
  // flags that would do nothing (they were taken without a word)
  if (threads !== undefined && !(nSeeds !== undefined && nSeeds > 1)) throw new InputError('--threads', o.threads, '--seeds n (n >= 2) as well: a single run takes one thread (--threads is how many seeds run at once)');
  // a single run reuses nothing (it continues only from its checkpoint, --resume): --fresh there would do nothing
  if (o.fresh && !(nSeeds !== undefined && nSeeds > 1)) throw new InputError('--fresh', true, 'several seeds (--seeds n, n >= 2): a single run is never reused, it continues from a checkpoint with --resume');
  refuseIdleFlags(o);
  // a batch keeps its runs as finished results to reuse (store, --out folder): a run cut at a limit is not one
  if (maxEvents !== undefined && nSeeds !== undefined && nSeeds > 1) throw new InputError('--max-events', o.maxEvents, 'a single run (no --seeds n, n >= 2): each seed of --seeds is kept as a finished run to reuse, which a run stopped at an event limit is not');
  let checkpointEvery_s: number | undefined;
  if (o.checkpointEvery !== undefined) {
    checkpointEvery_s = decimalOf(o.checkpointEvery);
    if (!(checkpointEvery_s >= 0)) throw new InputError('--checkpoint-every', o.checkpointEvery, 'seconds of wall time, a decimal number >= 0');
  }
  const rebuildEvery = intOption('--rebuild-every', o.rebuildEvery, 1000);
  if ((checkpointEvery_s !== undefined || o.resume) && !o.out) throw new InputError(o.resume ? '--resume' : '--checkpoint-every', o.resume ? 'set' : o.checkpointEvery, 'an output folder given with --out (the checkpoint lives there)');
  if ((checkpointEvery_s !== undefined || o.resume) && nSeeds !== undefined && nSeeds > 1) throw new InputError('--seeds', o.seeds, 'a single seed with --checkpoint-every / --resume');
  // a box that would not fit is refused before any folder, store or thread is touched (the run
  // service checks again as it accepts the run; the workbench's refusal is the same line)
  const atOnce = nSeeds !== undefined && nSeeds > 1 ? Math.min(nSeeds, threads ?? availableParallelism()) : 1;
  checkRunMemory(run.lattice.size, runBudget(maxMemory, '--max-memory', atOnce), raiseWith('--max-memory'));
  if (nSeeds !== undefined && nSeeds > 1) {
    const seeds = Array.from({ length: nSeeds }, (_, i) => seed + i);
    await (await batch()).seedsCommand(file, { ...run, seed }, seeds, { out: o.out, force: o.force, threads, store: o.store, db: o.db, json: o.json, figures: o.figures, maxMemory, fresh: o.fresh });
    return;
  }
  // output folder and store are checked before the run, not after it. A previous run's folder that --force clears is
  // cleared by the run itself just before its first file (a checkpoint, a snapshot, its outputs at the end or at a
  // stop): a bad --db, a failed run or a second Ctrl-C before then leaves the previous outputs as they were (mends45)
  // review71: a checkpoint of another run, or a --max-events / --rebuild-every it refuses, is refused here, before the
  // store records a run (the run's worker found them, and each refusal was a failed run in the store with no outputs)
  // (startcost2: run-resolved.js, the engine's, is loaded for --resume only: a plain run's main thread loads no engine)
  if (o.resume && o.out !== undefined) (await import('../../simulation/run-resolved.js')).checkResume(o.out, { ...run, seed }, { eventLimit: maxEvents, rebuildEvery });
  const clearFirst = o.out !== undefined ? prepareOutDir(o.out, { force: o.force, resume: o.resume, inputs: inputFilesOf(file), laterClear: true }).entries : []; // --out "" (an unset shell variable) is an error, not "no outputs"
  if (o.store) await checkStore(o.db);
  // --resume where there is nothing to resume (a new folder: a typo in its name?) starts over, and says so
  if (o.resume && o.out && !existsSync(join(o.out, CHECKPOINT_FILE))) process.stderr.write(`sacplate: --resume: no ${CHECKPOINT_FILE} in ${o.out}: the run starts from the beginning\n`);
  const snapWarn = snapshotWarning(run, o.out);
  if (snapWarn) process.stderr.write(snapWarn + '\n');
  for (const w of runInputWarnings(run)) process.stderr.write(w + '\n');
  // a protocol the box cannot hold: the line's time left says it is the whole protocol's (mends64)
  const bar = progressBar('simulate', process.stderr, { boxFills: boxFitWarnings(run).length > 0 });
  // a run stopped at --max-events keeps a checkpoint in --out where it stopped (mends83; review67: "no checkpoint (none
  // asked for)", and the run could only be run again from the start): a checkpoint request with no periodic writes, as a
  // resumed run has (run-resolved.ts writes one at the event limit and at a cancel; a run that ends by itself removes it)
  const checkpointAsked = checkpointEvery_s ?? (maxEvents !== undefined && o.out !== undefined ? Infinity : undefined);
  // the run goes through the run service the workbench server uses, on a worker thread, so that
  // Ctrl-C reaches this thread: the first stops the run at its next batch of events (outputs
  // written, checkpoint kept, exit 130), a second at once
  const service = batchRunService(o.store, o.db, 1, maxMemory, true);
  let r;
  let id = '';
  let recordError: string | undefined;
  let row: string | undefined;
  // review65: the handlers stay until this command has said its result (below): removed once the figures were done, a
  // Ctrl-C while the store closed or the table was printed killed the process by the signal, the summary (or --json's
  // metrics) never written, for a run finished and recorded
  let offSignals = () => {};
  let quitting: Promise<never> | undefined;
  try {
    id = service.start(run.source ?? { ...run, seed }, file, {
      resolved: { ...run, seed }, outDir: o.out, recordOutDir: true, onProgress: bar.update, checkpointEvery_s: checkpointAsked, resume: o.resume, clearFirst,
      ...(maxEvents !== undefined ? { eventLimit: maxEvents } : {}),
      config: rebuildEvery !== undefined ? { rebuildEvery } : undefined,
      onResume: (i) => process.stderr.write(resumeLine(i, run.protocol)),
    }).id;
    let finished = false;
    // SIGTERM (a scheduler's stop) as Ctrl-C: the checkpoint is written where the run stopped. Once the run has ended
    // its outputs are being finished (figures, the store): stopping then would leave them half-written
    offSignals = onStopSignals((sig) => {
      if (finished) { process.stderr.write(stopLine(sig, 'the run has finished; writing its last outputs, then exiting')); return; }
      service.cancel(id);
      process.stderr.write(stopLine(sig, 'stopping at the next batch of events'));
    }, (sig) => {
      if (finished) process.exit(130);
      // mends80 (review65: a second Ctrl-C said nothing of what it left): once the worker is gone and the service has
      // recorded the run's end, one line says what was kept: the last checkpoint (or none) and the store's row
      quitting = service.terminate(id)
        .then(() => Promise.race([service.result(id).catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]))
        .then(() => {
          const row = service.stored ? service.store.getRun(id)?.status : undefined;
          process.stderr.write(quitLine(sig, { out: o.out, checkpointEvery_s, id, stored: service.stored, row }));
          return process.exit(130);
        });
    });
    try {
      try {
        r = (await service.result(id))!;
      } finally {
        bar.stop();
        finished = true;
      }
      if (!r.cancelled && o.out && o.figures) {
        r.files.push(...(await (await import('../../plots/library.js')).renderFigures(o.out)));
        if (service.stored && service.recordError(id) === undefined) {
          try { service.store.updateRun(id, { artefacts: r.files }); } catch (e) { recordError = `could not record the run's figures in the store: ${e instanceof Error ? e.message : String(e)}`; }
        }
      }
      recordError ??= service.recordError(id);
      if (recordError !== undefined) { try { row = service.store.getRun(id)?.status; } catch { row = 'unreadable'; } }
    } catch (e) {
      // the worker terminated by a second signal fails the run: the quit's line and exit 130 are the command's end, not
      // an "internal error" for the worker's exit
      if (quitting) await quitting;
      offSignals();
      throw e;
    }
  } finally {
    await service.close();
  }
  try {
    reportRun(r, { file, run, seed, maxEvents, checkpointEvery_s, rebuildEvery, id, out: o.out, store: o.store, json: o.json, recordError, row });
    endOnStop();
  } finally {
    offSignals();
  }
}

/**
 * The line a resumed run starts with: the checkpoint, its events and the step it goes on in, numbered from 1 as the
 * protocol and every other line (`warning: step 1 "..." ended early`, the progress line) number them, with the step's
 * text. `i.step` is the library's 0-based index of the flat step (a cycle's steps each counted); until mends86 the line
 * printed it as it is (`(step 0)` above `warning: step 1 ...`: review71).
 */
export function resumeLine(i: { file: string; events: number; step: number }, protocol: ResolvedRun['protocol']): string {
  const text = stepAt(protocol, i.step)?.text;
  return `resuming from ${i.file} at event ${i.events} (step ${i.step + 1}${text !== undefined ? ` "${text}"` : ''})\n`;
}

/**
 * What a second signal (quit at once, the worker terminated) says it left: the checkpoint in --out if there is one (the
 * last one written, periodic or an earlier run's: --resume continues from it, not from where the run was quit), or why
 * there is none, and the store's row as it reads now. One line, before exit 130.
 */
export function quitLine(sig: NodeJS.Signals, c: { out: string | undefined; checkpointEvery_s: number | undefined; id: string; stored: boolean; row: string | undefined }): string {
  const ck = c.out !== undefined ? join(c.out, CHECKPOINT_FILE) : undefined;
  const kept = ck && existsSync(ck) ? `checkpoint kept: ${ck} (the last one written; --resume continues from it, not from where the run was quit)`
    : c.out === undefined ? 'no checkpoint (no --out)'
      : c.checkpointEvery_s === undefined ? 'no checkpoint (none asked for: --checkpoint-every)' : 'no checkpoint (none written yet)';
  const store = c.stored ? `the store's run ${c.id} reads ${c.row ?? 'nothing (not found)'}` : 'nothing recorded in a store (--no-store)';
  return `sacplate: ${sig === 'SIGTERM' ? 'SIGTERM: ' : ''}quit at once (no outputs written of where it stopped); ${kept}; ${store}\n`;
}

/** What `simulate` says of a single run once it has ended (cancelled, or finished: its lines, table or --json metrics). */
function reportRun(r: Awaited<ReturnType<ReturnType<typeof batchRunService>['result']>> & object, c: { file: string; run: ResolvedRun; seed: number; maxEvents: number | undefined; checkpointEvery_s: number | undefined; rebuildEvery: number | undefined; id: string; out: string | undefined; store: boolean; json: boolean | undefined; recordError?: string; row?: string }): void {
  const { run, seed, maxEvents, checkpointEvery_s, rebuildEvery, id } = c;
  const o = c;
  if (r.cancelled) {
    const ck = o.out ? join(o.out, CHECKPOINT_FILE) : undefined;
    process.stderr.write(`sacplate: cancelled after ${r.metrics.events} events; partial outputs${o.out ? ` in ${o.out}` : ' not written (no --out)'}` +
      (ck && existsSync(ck) ? `; checkpoint kept: ${ck} (continue with --resume)` : o.out ? noCheckpointNote({ checkpointEvery_s, events: r.metrics.events,
        rebuildEvery: rebuildEvery ?? defaultRebuildEvery(run.lattice.size[0] * run.lattice.size[1] * run.lattice.size[2]) }) : '') + '\n');
    process.exitCode = 130;
    return;
  }
  for (const w of shortCircuitLines(r.metrics)) process.stderr.write(w + '\n');
  for (const w of earlyEndWarnings(r.steps, '', run.protocol)) process.stderr.write(w + '\n');
  // a run that strips first: which halves its cycles.csv pairs, and that analyze of its eta.csv pairs them otherwise (mends93)
  const sf = stripFirstPairingOfSteps(r.steps);
  if (sf) process.stderr.write(sf.note + '\n');
  // --max-events: where the run stopped (the step's own warning above says it ended early, event_limit)
  const cut = r.steps.find((s) => s.ended === 'event_limit');
  // mends65b: how far the step got and what to change (review65: a first Na run stopped with the limit's number only)
  const reach = cut ? eventLimitReach(cut, run.protocol) : undefined;
  const needed = reach?.stepEvents !== undefined ? roundUp2(r.metrics.events - cut!.events + reach.stepEvents) : undefined;
  if (cut) process.stderr.write(`stopped at the event limit: --max-events ${maxEvents} reached in step ${cut.index + 1} "${cut.text}" after ${r.metrics.events} events (t = ${r.metrics.time_s.toPrecision(4)} s)${reach!.share}; the run stopped there (no later step ran) and its outputs are of the part it ran` +
    `; to run the step to its end give ${needed !== undefined ? `--max-events about ${needed} or more (at the step's pace so far, a linear guess)` : 'a larger --max-events or none'}, plate less, or use a box of fewer, larger voxels (lattice.voxel 100 nm: mesoscale)` +
    (o.out && existsSync(join(o.out, CHECKPOINT_FILE)) ? `; checkpoint kept: ${join(o.out, CHECKPOINT_FILE)} (continue with --resume, with a larger --max-events or none)` : o.out ? '; no checkpoint (none asked for: --checkpoint-every or --resume keeps one here)' : '') + '\n');
  // robust62: a store that refused the run's end (a write refused, the disk full) was said as "sacplate serve: could not
  // record ..." and followed by "recorded run ID"; now one line of what is where
  if (o.store) process.stderr.write(c.recordError === undefined ? `recorded run ${id}\n`
    : `sacplate: the run finished${o.out ? `, its outputs in ${o.out}` : ''}, but the store did not record its end: ${c.recordError}; its row ${id} reads ${c.row ?? 'nothing (not found)'}\n`);
  if (o.json) process.stdout.write(JSON.stringify(r.metrics, null, 2) + '\n');
  else {
    process.stdout.write(formatCompareTable([{ name: caseLabel(r.metrics), runs: [r.metrics], run: { ...run, seed } }]) + '\n');
    // mends125 (review89 F1): a strip that ended on its voltage cut-off, how far it got and the metal it left connected
    for (const l of cutoffNoteLines(r.steps)) process.stdout.write(l + '\n');
    // mends125 (review89 F3): the SEI's equivalent thickness with what it means
    const seiLine = seiThicknessLine(r.metrics, run.sei ? { name: run.sei.set, thickness_nm: getSeiSet(run.sei.set).thickness.value } : undefined);
    if (seiLine) process.stdout.write(seiLine + '\n');
    const hopLine = filmHopLine(r.metrics.sei);
    if (hopLine) process.stdout.write(hopLine + '\n');
    // a run with an electrolyte: the cell's limiting current and Sand's time of each plating step above it (mends69:
    // metrics.json only until then; mends72: of the first plating step only), or why ion walkers have neither (mends71)
    for (const l of transportLines(r.metrics.transport, run, r.steps)) process.stdout.write(l + '\n');
    // fieldcost66: a run that spent most of its time in the field, on a grid finer than one that would do, names it
    const cellLine = fieldCellLine(r.metrics.transport, run);
    if (cellLine) process.stdout.write(cellLine + '\n');
    process.stdout.write(`${depositText(r.metrics.deposited_voxels)}, ${r.metrics.charge_mAh_per_cm2.toExponential(3)} mAh/cm2, ${workText(r.metrics)} in ${r.metrics.wall_s.toFixed(2)} s (${Math.round(r.metrics.events_per_s)} events/s)\n`);
    if (o.out) process.stdout.write(`outputs in ${o.out}\n`);
  }
}

/**
 * More sector threads than the machine's cores: they take turns on the cores and every cycle waits for the slowest
 * (review47: --sectors 4 on 2 cores, 2.4 times the wall time of --sectors 2), said before the run; undefined when they fit.
 */
export function sectorCoresWarning(threads: number, cores: number): string | undefined {
  if (threads <= cores) return undefined;
  return `warning: --sectors ${threads} runs ${threads} threads on ${cores} core${cores === 1 ? '' : 's'} (os.availableParallelism()): `
    + `they take turns on the cores and each of the scheme's cycles waits for the slowest thread, so the run is slower than on fewer threads `
    + `(--sectors 4 on 2 cores took 2.4 times the wall time of --sectors 2: docs/parallel.md); ${cores === 1 ? 'on one core the serial engine (no --sectors) is the faster' : `--sectors ${cores} or fewer fits this machine`}`;
}

/** `simulate --sectors <threads>`: the run file's refusals first, then the folder and the store, then the run (cli/sector-simulate.ts). */
async function simulateWithSectors(file: string, run: ResolvedRun, threads: number, o: { out?: string; json?: boolean; db?: string; store: boolean; force?: boolean; figures: boolean; fresh?: boolean; maxMemory?: string }, maxMemory: number | undefined): Promise<void> {
  if (o.fresh) throw new InputError('--fresh', true, 'several seeds (--seeds n, n >= 2): a single run is never reused, and a sector run is one');
  refuseIdleFlags(o);
  const { checkSectorRun } = await import('../../parallel/sector-run.js');
  try {
    checkSectorRun(run, { threads });
  } catch (e) {
    // the scheme's own words name its option engine.threads: here that is --sectors
    if (e instanceof InputError && e.message.includes('engine.threads')) throw new InputError(e.field === 'engine.threads' ? '--sectors' : e.field, e.value, e.expected.replaceAll('engine.threads', '--sectors'));
    throw e;
  }
  // each thread builds the whole box once and keeps its own sub-box: the box is checked as `threads` runs at once, in
  // the default budget (the machine's share over the threads) and in --max-memory's (the whole run's: it was held
  // against one box, so --sectors 64 --max-memory 20MB took 64 boxes of up to 20 MB: review47)
  const budget = maxMemory === undefined ? runBudget(undefined, '--max-memory', threads)
    : { bytes: maxMemory / threads, why: `--max-memory ${o.maxMemory} over the ${threads} threads of --sectors ${threads}, each of which builds the whole box` };
  checkRunMemory(run.lattice.size, budget, raiseWith('--max-memory'));
  const coresWarn = sectorCoresWarning(threads, availableParallelism());
  if (coresWarn) process.stderr.write(coresWarn + '\n');
  // a folder that is not there yet is made by prepareOutDir: a stop removes it again (nothing is written into it)
  const made = o.out !== undefined && !existsSync(o.out);
  const clear = o.out !== undefined ? prepareOutDir(o.out, { force: o.force, inputs: inputFilesOf(file), laterClear: true }) : () => {};
  if (o.store) await checkStore(o.db);
  const snapWarn = snapshotWarning(run, o.out);
  if (snapWarn) process.stderr.write(snapWarn + '\n');
  for (const w of runInputWarnings(run, { sectors: true })) process.stderr.write(w + '\n'); // the sector scheme's room (mends83)
  const { simulateSectors } = await import('../sector-simulate.js');
  await simulateSectors(run, { file, threads, out: o.out, json: o.json, store: o.store, db: o.db, figures: o.figures, clear, made });
}

export async function compare(file: string, o: { json?: boolean; out?: string; threads?: string; force?: boolean; figures: boolean; db?: string; store: boolean; maxMemory?: string; fresh?: boolean; seeds?: string; baseline?: string; measured?: string[]; protocol?: string; area?: string[]; map?: string }): Promise<void> {
  // side66: --protocol says how the --measured files are read; --seeds' table is of means over seeds, which a measured cell has not
  if (o.protocol !== undefined && o.measured === undefined) throw new InputError('--protocol', o.protocol, '--measured <file> as well (--protocol says how the --measured cycler files are read; a comparison file\'s measured: items name their own protocol)');
  // side66b: --area and --map are analyze's, for the measured files
  if (o.area !== undefined && o.measured === undefined) throw new InputError('--area', o.area.join(' '), '--measured <file> as well (--area is the --measured cycler files\' electrode area, as analyze --area; a comparison file\'s measured: items give their own area)');
  if (o.map !== undefined && o.measured === undefined) throw new InputError('--map', o.map, '--measured <file> as well (--map is the --measured cycler files\' column mapping, as analyze --map; a comparison file\'s measured: items give their own map)');
  // mends65: with one seed (no --seeds) --baseline prints each case minus the baseline, one run each, without an interval;
  // --json prints the cases' metrics as a list, which has no place for them: the paired rows are --seeds' JSON (cmp64
  // refused --baseline without --seeds)
  if (o.baseline !== undefined && o.seeds === undefined && o.json) throw new InputError('--baseline', o.baseline, 'the printed table or --out (paired.csv) without --seeds, or --seeds N with --json (seeds.json\'s paired); plain compare --json prints the cases\' metrics as a list, which holds no paired rows');
  // mends104: a paired comparison needs two seeds at least (one seed is plain `compare`)
  if (o.seeds !== undefined) {
    const n = countOf(o.seeds);
    // users83: both bounds in the one message (0 said ">= 2", 100001 "an integer from 2 to 100000")
    if (!Number.isInteger(n) || n < 2 || n > MAX_SWEEP_TASKS) throw new InputError('--seeds', o.seeds, countExpected(`a whole number of seeds from 2 to ${MAX_SWEEP_TASKS} (the paired rows need 2 seeds at least for an interval; one seed is compare without --seeds)`, o.seeds));
  }
  refuseIdleFlags(o);
  const threads = intOption('--threads', o.threads, 1);
  const nSeeds = intOption('--seeds', o.seeds, 2, MAX_SWEEP_TASKS);
  if (nSeeds !== undefined) {
    const { seeds: _s, ...rest } = o;
    await (await batch()).compareSeedsCommand(file, nSeeds, { ...rest, threads, maxMemory: o.maxMemory === undefined ? undefined : parseBytes('--max-memory', o.maxMemory) });
    return;
  }
  await (await batch()).compareCommand(file, { ...o, threads });
}

export async function bench(o: { app: string; size: string; shape?: string; events: string; seed: string; json?: boolean }): Promise<void> {
  const { benchDiffusion, benchPlating, platingWorkText } = await import('../../bench/engine.js');
  const events = intOption('--events', o.events, 1)!;
  const seed = intOption('--seed', o.seed, 0, Number.MAX_SAFE_INTEGER)!;
  let r: BenchResult;
  // --shape belongs to the plating app; with the diffusion app it was dropped and a 100^3 lattice timed
  if (o.shape !== undefined && o.app === 'diffusion') throw new InputError('--shape', o.shape, 'the plating app as well (--app plating); the diffusion app takes --size');
  if (o.app === 'diffusion') {
    r = benchDiffusion(intOption('--size', o.size, 4)!, events, seed);
  } else if (o.app === 'plating') {
    let shape: [number, number, number];
    if (o.shape) {
      const p = o.shape.split(',').map(countOf);
      if (p.length !== 3 || !p.every((x) => Number.isInteger(x) && x >= 4)) throw new InputError('--shape', o.shape, 'three integers >= 4, e.g. 128,128,64');
      // the same ceiling as a run file's lattice.size, before the typed arrays are allocated
      if (p[0]! * p[1]! * p[2]! > MAX_RUN_VOXELS) throw new InputError('--shape', o.shape, `at most 2^30 - 1 = ${MAX_RUN_VOXELS} voxels in all, what the plating app holds (got ${p[0]! * p[1]! * p[2]!})`);
      shape = p as [number, number, number];
    } else {
      const n = intOption('--size', o.size, 8)!;
      shape = [n, n, Math.max(8, n >> 1)];
    }
    r = benchPlating(shape, events, seed);
  } else throw new InputError('--app', o.app, 'diffusion or plating');
  if (o.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else {
    process.stdout.write(`${r.app} ${r.size.join('x')} (${r.sites} sites): ${r.events} events in ${r.wall_s.toFixed(3)} s = ${Math.round(r.events_per_s).toLocaleString('en')} events/s, rss ${(r.rss_bytes / 2 ** 20).toFixed(0)} MiB\n`);
    if (r.app === 'plating') process.stdout.write(platingWorkText(r));
  }
}

/** n rounded up at two significant digits (a --max-events to suggest: 7,634,112 -> 7700000) */
function roundUp2(n: number): number {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(n, 1))) - 1);
  return Math.ceil(n / unit) * unit;
}
