/**
 * Sweep commands: `sweep` (local pool or Redis queue), `worker` (queue worker), `results`
 * (one row per task as CSV, JSON or Parquet), `screen` (SAC screening: ranking, Pareto set, report).
 *
 * The work of these commands; their flags and help text are in commands/sweep.ts, which loads
 * this file only when one of them runs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type CliProgress from 'cli-progress';
import { lazyRequire } from '../../lazy-require.js';
import { etaValue, timeLeftText } from '../progress-bar.js';
import { InputError } from '../../errors.js';
import { plural } from '../../plural.js';
import { didYouMean } from '../../did-you-mean.js';
import { labelText, baseKeyWords, type SweepTask } from '../../sweep/tasks.js';
import { planSweep } from '../../sweep/run.js';
import { sweepNameArg, sweepSize } from '../../sweep/spec.js';
import { sweepTasks, sweepSpecOf, sweepSpecAndRefused } from '../../sweep/library.js';
import { SweepStore } from '../../sweep/store.js';
import { storeExists } from '../../store/index.js';
import type * as QueueModule from '../../sweep/queue.js';
import { resultTable, pointTable, tableCsv, tableJson, writeParquet, checkFormat } from '../../sweep/results.js';
import { screenCandidates } from '../../screen/screen.js';
import { loadScreenFile, notEvaluatedLines, screenInputWarnings } from '../../screen/spec.js';
import { objectivesNeedSimulation } from '../../screen/stages.js';
import { writeReport, rankingText } from '../../screen/report.js';
import { OBJECTIVES } from '../../screen/objectives.js';
import { fileOrStdout, refuseEmptyPath, refuseOtherFormatName } from '../guards.js';
import { intOption } from '../../args.js';
import { prepareOutDir } from '../../io/dirs.js';
import { onStopSignals, stopLine } from '../signals.js';
import { inputFilesOf } from '../../input/named-files.js';
import { maskQueueUrl, namedBySource, queueSource, type QueueSource } from '../../sweep/queue-url.js';

/**
 * The Redis queue (BullMQ, ioredis: ~270 modules, about half of the CLI's start-up) is loaded
 * only by the commands that use it, so every other command (and each spawned CLI) starts without it.
 */
const loadQueue = (): Promise<typeof QueueModule> => import('../../sweep/queue.js');


/**
 * Tasks done / total on stderr (or `stream`): a bar on a terminal (with its ETA), a line every 2 s otherwise,
 * with the time left at the mean time per task so far (the lines had no time left; `now` is the clock, for tests).
 */
export function taskProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): { update: (done: number, extra?: string) => void; stop: () => void } {
  if (!stream.isTTY) {
    let last = 0;
    const t0 = now();
    const left = (done: number): string => {
      if (!(done > 0 && done < total)) return '';
      const s = ((now() - t0) / 1000 / done) * (total - done);
      return `, ${timeLeftText(s)}`;
    };
    return {
      update: (done, extra) => {
        const t = now();
        if (t - last < 2000 && done < total) return;
        last = t;
        stream.write(`${label}: ${done}/${total} tasks${left(done)}${extra ? '  ' + extra : ''}\n`);
      },
      stop: () => {},
    };
  }
  // cli-progress on a terminal only: a log or a test's pipe gets lines and never loads it (src/lazy-require.ts)
  const cliProgress = lazyRequire<typeof CliProgress>('cli-progress');
  // the extra text carries its own separator: a pool sweep has none, and its bar showed an empty '| |'
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} tasks{extra} | ETA {eta}`, formatValue: etaValue, stream, hideCursor: true }, cliProgress.Presets.shades_classic);
  const field = (extra?: string) => ({ extra: extra ? ` | ${extra}` : '' });
  bar.start(total, 0, field());
  return { update: (done, extra) => bar.update(done, field(extra)), stop: () => bar.stop() };
}

/**
 * The `invalid:` lines for a sweep's invalid tasks: one per distinct error, its first task's line
 * as before and how many more tasks fail the same way. A misspelt axis path failed every task, one
 * line each (24 for examples/sweep-loading.yaml), where the error is the same for each value. At
 * most ERROR_LINES of them, then `invalid: ... and N more`, as --keep-going's `error:` lines
 * (review88 F4: temperature 401..1400 K x 2 seeds, each value its own error, gave 1,005 lines).
 */
export function invalidTaskLines(tasks: SweepTask[]): string[] {
  const groups = new Map<string, { first: string; index: number; more: number[] }>();
  for (const t of tasks) {
    const prefix = `task ${t.index} (${labelText(t.label)}): `;
    const msg = t.error!.message;
    // a key of the base's refused with the task's axis values (tasks.ts baseKeyError): one line for the tasks it fails
    const key = (msg.startsWith(prefix) ? msg.slice(prefix.length) : msg).replace(baseKeyWords(t.label), '');
    const g = groups.get(key);
    if (g) g.more.push(t.index); else groups.set(key, { first: msg, index: t.index, more: [] });
  }
  const all = [...groups.values()];
  const lines = all.slice(0, ERROR_LINES).map(({ first, more }) => `invalid: ${first}${more.length === 0 ? ''
    : ` (and ${more.length} more task${more.length > 1 ? 's' : ''} with this error: ${more.length > 8 ? `${more.slice(0, 8).join(', ')}, ...` : more.join(', ')})`}`);
  const rest = all.slice(ERROR_LINES);
  if (rest.length > 0) lines.push(moreInvalidLine(rest.flatMap((g) => [g.index, ...g.more]).sort((a, b) => a - b), `${rest.length} other error${rest.length > 1 ? 's' : ''}`));
  return lines;
}

/** The line after ERROR_LINES `invalid:` lines: how many more tasks (`tasks`, their numbers) and with what (`what`), where their errors are. */
function moreInvalidLine(tasks: number[], what: string): string {
  return `invalid: ... and ${tasks.length} more task${tasks.length > 1 ? 's' : ''} with ${what} (task${tasks.length > 1 ? 's' : ''} ${tasks.slice(0, 8).join(', ')}${tasks.length > 8 ? ', ...' : ''}); `
    + 'each task\'s error_type and error: sacplate results without --by-point';
}

/**
 * The `invalid:` lines of the tasks found invalid while they ran (a worker's input error), after those
 * of the plan (`planned`, said before the tasks ran); at most ERROR_LINES, then `invalid: ... and N more`.
 */
export function lateInvalidLines(all: { index: number; error: { message: string } }[], planned: { index: number }[]): string[] {
  // a set: a scan of the planned list for each took 17.6 CPU s after a sweep of 20,000 invalid tasks (minutes at 100,000)
  const said = new Set(planned.map((t) => t.index));
  const late = all.filter((i) => !said.has(i.index));
  const lines = late.slice(0, ERROR_LINES).map((x) => `invalid: ${x.error.message}`);
  if (late.length > ERROR_LINES) lines.push(moreInvalidLine(late.slice(ERROR_LINES).map((x) => x.index), 'an input error found while running'));
  return lines;
}

/**
 * The plan line's note on tasks whose run is an earlier task's (run once, for both): without it a new sweep of
 * `temperature: [298.15 K, 25 degC]` said "2 tasks, 0 with a result, 0 invalid, 1 to run", one task unaccounted for.
 */
export function repeatsText(repeats: { index: number; of: number }[]): string {
  if (repeats.length === 0) return '';
  const first = repeats[0]!;
  return `, ${repeats.length} repeating an earlier task's run (task ${first.index} = task ${first.of}${repeats.length > 1 ? ', ...' : ''}: axis values that resolve alike; run once)`;
}

/** From this many tasks on, `sweep` says how many before it resolves them (about 0.5 s). */
export const LARGE_SWEEP = 1000;

/** A sweep name from a sweep or screen file, or the name itself. */
async function sweepName(arg: string): Promise<string> {
  if (existsSync(arg)) return (await sweepSpecOf(arg)).name;
  return arg;
}

/** an object in a sweep's text summary: an error as `Type: message`, anything else as JSON */
function summaryValue(v: object | null): string {
  const e = v as { type?: unknown; message?: unknown } | null;
  return e && typeof e.type === 'string' && typeof e.message === 'string' ? `${e.type}: ${e.message}` : JSON.stringify(v);
}

/** At most this many `error: task N: ...` lines (a sweep --keep-going of hundreds of tasks may have hundreds of them): the rest are in `results`. */
export const ERROR_LINES = 10;

/**
 * The one line at the end of a sweep with failed tasks: how many, where their errors are, how to retry them (sweepkeep:
 * the `error:` lines named each, nothing said what to do about them).
 */
export function failedLine(p: { sweep: string; failed: number; ran: number; file: string; store: string; db?: string; queue?: string }): string {
  const db = p.db === undefined ? '' : ` --db ${p.db}`;
  return `${p.sweep}: ${p.failed} of the ${p.ran + p.failed} tasks run failed (an unexpected error, no result): their rows in the store ${p.store} have status error, `
    + `the error's type and message (sacplate results ${p.file}${db} --format csv); run the same command again to retry them`
    + `${p.queue === undefined ? '' : ` (with ${p.queue})`}: finished results are kept and not run again`;
}

function finish(summary: Record<string, unknown>, json: boolean | undefined, cancelled: boolean, fatal: boolean, invalid: boolean): void {
  if (json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  // `fatal` in words, its type and message (it was the error's JSON: review46); --json keeps the object
  else process.stdout.write(Object.entries(summary).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'object' ? summaryValue(v) : String(v)}`).join('\n') + '\n');
  // 130: stopped by the user; 1: a task ended with an unexpected error (it stopped the sweep, or --keep-going went on);
  // 2: some task's input is invalid
  process.exitCode = cancelled ? 130 : fatal ? 1 : invalid ? 2 : 0;
}

/**
 * A screen's stop line (mends70c: the two stages' lines said the same things in different words, and those with nothing
 * finished left out the store's path the others gave): the stage it stopped in; what of each stage had finished (the
 * simulations, and in the nucleation stage its atomistic scans); where what finished is kept, or that none is (the store
 * named in each, `--db` as given); what a rerun does.
 */
export function screenStopLine(p: { name: string; nucleating: boolean; done: number; total: number; scans: number; db?: string }): string {
  const where = p.db === undefined ? 'in the store' : `in ${p.db}`;
  const sims = p.total === 0 ? (p.nucleating ? 'it had no simulation left to run' : 'no simulation had finished')
    : p.done > 0 ? `${p.done} of the ${p.total} simulations it had to run finished` : `no simulation of the ${p.total} it had to run had finished`;
  const facts = [sims, ...(p.nucleating ? [p.scans > 0 ? 'some of its atomistic scans had finished' : 'no atomistic scan had finished'] : [])];
  const kept = [...(p.done > 0 ? [p.done === 1 ? 'the finished simulation' : 'the finished simulations'] : []), ...(p.scans > 0 ? ['the finished atomistic scans'] : [])];
  const partWay = `(a ${p.nucleating ? 'scan' : 'simulation'} stopped part-way is not kept)`;
  const one = kept.length === 1 && p.scans === 0 && p.done === 1;
  const keptWords = kept.length > 0 ? `${kept.join(' and ')} ${one ? 'is' : 'are'} kept ${where} ${partWay}` : `so none is kept ${where} ${partWay}`;
  const rerun = kept.length > 0
    ? `continue (${kept.length === 2 ? 'both are' : one ? 'it is' : 'they are'} reused${p.nucleating && p.scans === 0 ? '; the atomistic stage runs from its start' : ''})`
    : p.nucleating ? 'run the atomistic stage from its start' : `run ${p.total === 1 ? 'it' : 'them'} from the start`;
  return `sacplate: screen "${p.name}" stopped${p.nucleating ? ' in its nucleation stage' : ''}; ${facts.join('; ')}${kept.length > 0 ? '; ' : ', '}${keptWords}: run the same command again to ${rerun}; no report written`;
}

/**
 * `--queue URL`, `--queue-file FILE`, or a bare `--queue` with the URL in SACPLATE_QUEUE (mends109: the URL and its password
 * were on the command line, in `ps`); a refusal of the URL names where it came from.
 */
export async function sweep(file: string, o: { threads?: string; resume?: boolean; queue?: string | boolean; queueFile?: string; cancel?: boolean; db?: string; name?: string; json?: boolean; keepGoing?: boolean; plan?: boolean; force?: boolean }): Promise<void> {
  if (o.plan) return sweepPlanOnly(file, o);
  const src = queueSource(o, false);
  try { await sweepOn(file, o, src); } catch (e) { throw src ? namedBySource(e, src) : e; }
}

/**
 * `sacplate sweep FILE --plan`: the plan line and the `invalid:` lines a run would say first, with nothing run, defined
 * or recorded (no store made where there is none); exit 2 when a task is invalid (a bad file: its one line, exit 2 as
 * any command's input error), 0 otherwise. mends123 (review88 F10: they came only as the sweep started running).
 * With a queue (`--queue URL`, `--queue-file FILE`, a bare `--queue`), what the run would do there, read without a write
 * (mends124; mends123 refused it): the results the workers wrote since the last run (counted with a result, as the run's
 * plan line counts them), the tasks waiting or running there already, those it would enqueue.
 */
async function sweepPlanOnly(file: string, o: { threads?: string; queue?: string | boolean; queueFile?: string; cancel?: boolean; resume?: boolean; keepGoing?: boolean; db?: string; name?: string; json?: boolean; force?: boolean }): Promise<void> {
  const other = o.cancel ? '--cancel' : o.resume ? '--resume' : o.keepGoing ? '--keep-going' : o.force ? '--force' : undefined;
  if (other) throw new InputError('--plan', true, `no ${other} (--plan runs nothing: it says what \`sacplate sweep FILE\` would do, with --db, --name and a queue's --queue or --queue-file)`);
  // robust61: the threads the run would refuse (--threads 0, abc) are refused by its plan too (they were taken without a word)
  intOption('--threads', o.threads, 1);
  const src = queueSource(o, false);
  try { await planOn(file, o, src); } catch (e) { throw src ? namedBySource(e, src) : e; }
}

async function planOn(file: string, o: { db?: string; name?: string; json?: boolean }, src: QueueSource | undefined): Promise<void> {
  const name = o.name === undefined ? undefined : sweepNameArg('--name', o.name);
  const { spec, notEvaluated } = await sweepSpecAndRefused(file, name, { toRun: true });
  // a screen's candidates its sweep leaves out, as screen says them (robust61): a plan with any exits 2
  for (const line of notEvaluated) process.stderr.write(`${line}\n`);
  const { resolveTasks } = await import('../../sweep/tasks.js');
  const { previewSweep } = await import('../../sweep/run.js');
  const { defaultStorePath } = await import('../../store/index.js');
  const db = resolve(o.db !== undefined && o.db.trim() !== '' ? o.db : defaultStorePath());
  // Redis is asked before the tasks are resolved (a large sweep's second or more): a queue that is not there is said first
  const queue = src ? await loadQueue() : undefined;
  const connection = src && queue ? await queue.connect(src.url) : undefined;
  try {
    const size = sweepSize(spec);
    if (size.tasks >= LARGE_SWEEP) process.stderr.write(`${spec.name}: ${size.tasks} tasks (${size.shape}): resolving and keying each one\n`);
    const tasks = resolveTasks(spec);
    // a store that is not there has no result: not made by a plan
    const store = existsSync(db) ? SweepStore.open(db) : undefined;
    let p;
    try { p = previewSweep(store, spec, tasks); } finally { store?.close(); }
    const q = connection && queue ? await queue.previewQueue(connection, p.todo) : undefined;
    const said = src ? maskQueueUrl(src.url) : undefined;
    // the plan line of a run (sweepOn's onPlan): with a queue, the results its workers wrote counted with a result, as the
    // run collects them before its plan line (collectFinished)
    const withResult = p.finished + (q?.results ?? 0), toRun = p.todo.length - (q?.results ?? 0);
    process.stderr.write(`${spec.name}: ${plural(p.tasks.length, 'task')}, ${withResult} with a result, ${p.invalid.length} invalid, ${toRun} to run${said ? ` on ${said}` : ''}${repeatsText(p.repeats)}\n`);
    for (const line of invalidTaskLines(p.invalid)) process.stderr.write(line + '\n');
    if (q) {
      process.stderr.write(`${spec.name}: on ${said}: ${q.results} result${q.results === 1 ? '' : 's'} of its tasks written by ${q.results === 1 ? 'a worker' : 'workers'}${q.results > 0 ? ' (collected first: counted above with a result)' : ''}, `
        + `${q.onQueue} of its tasks waiting or running there${q.onQueue > 0 ? ' (not added again)' : ''}, ${q.toEnqueue} to enqueue`
        + `${q.otherOutcomes > 0 ? `, ${q.otherOutcomes} with an invalid input or an error written by a worker (recorded as the run starts, not enqueued)` : ''}`
        + `${q.failed > 0 ? `, ${q.failed} given up by the queue (failed jobs, not added again: the run records each as the task's error)` : ''}; nothing enqueued\n`);
    }
    const summary = { sweep: spec.name, tasks: p.tasks.length, with_result: withResult, invalid: p.invalid.length, to_run: toRun, repeats: p.repeats.length,
      ...(q ? { queue: said, queue_results: q.results, on_queue: q.onQueue, to_enqueue: q.toEnqueue, ...(q.otherOutcomes > 0 ? { queue_other_outcomes: q.otherOutcomes } : {}), ...(q.failed > 0 ? { queue_failed: q.failed } : {}) } : {}) };
    process.stdout.write(o.json ? JSON.stringify(summary, null, 2) + '\n' : Object.entries(summary).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    process.stderr.write(`${spec.name}: --plan: nothing run; sacplate sweep ${file}${src ? ` ${src.flag}` : ''}${o.db ? ` --db ${o.db}` : ''}${name === undefined ? '' : ` --name ${name}`} runs ${toRun === 0 ? 'nothing more' : `the ${plural(toRun, 'task')} to run`}\n`);
    process.exitCode = p.invalid.length > 0 || notEvaluated.length > 0 ? 2 : 0;
  } finally {
    if (connection && queue) queue.closeConnection(connection);
  }
}

async function sweepOn(file: string, opts: { threads?: string; resume?: boolean; cancel?: boolean; db?: string; name?: string; json?: boolean; keepGoing?: boolean; force?: boolean }, src: QueueSource | undefined): Promise<void> {
  const o = { ...opts, queue: src?.url };
  const threads = intOption('--threads', o.threads, 1);
  const name = o.name === undefined ? undefined : sweepNameArg('--name', o.name);
  // the queue's URL as this command's lines say it: its password masked (mends108; the plan line said redis://:s3cret@...);
  // a rerun's flag as it was given (--queue-file FILE, or --queue with SACPLATE_QUEUE: mends109)
  const queueSaid = o.queue === undefined ? undefined : maskQueueUrl(o.queue);
  const queueFlag = src?.flag;
  const { spec, notEvaluated } = await sweepSpecAndRefused(file, name, { toRun: !o.cancel });
  if (!o.cancel) for (const line of notEvaluated) process.stderr.write(`${line}\n`);
  if (o.cancel && !o.queue) throw new InputError('--cancel', true, 'a queue given with --queue URL, --queue-file FILE or a bare --queue with SACPLATE_QUEUE (a local sweep stops with Ctrl-C)');
  if (o.cancel && o.keepGoing) throw new InputError('--keep-going', true, 'a sweep to run (with --cancel nothing runs: it takes the waiting tasks off the queue)');
  // polish65b: --force runs on the local pool a sweep last watched on a queue by a command now gone (claimRun refuses it otherwise)
  if (o.force && o.queue) throw new InputError('--force', true, 'a sweep run on the local pool (no --queue, --queue-file or bare --queue: --force runs here a sweep last watched on a queue, whose waiting tasks are off it; with the queue, --resume goes on there)');
  const queue = o.queue ? await loadQueue() : undefined;
  // Redis is reached before the store is opened: a sweep whose queue is not there records nothing
  // (it was defined in the store, then failed on the connection)
  const connection = o.queue && queue ? await queue.connect(o.queue) : undefined;
  const closeConnection = (): void => { if (connection && queue) queue.closeConnection(connection); };
  let store: SweepStore;
  try { store = SweepStore.open(o.db); } catch (e) { closeConnection(); throw e; }
  try { store.checkWritable(); } catch (e) { store.close(); closeConnection(); throw e; }
  if (o.resume && !store.hasSweep(spec.name)) {
    store.close();
    closeConnection();
    throw new InputError('--resume', spec.name, `a sweep that was started before in ${store.path} (none named "${spec.name}"; run it without --resume)`);
  }
  const ac = new AbortController();
  // the line says what a second signal does, as the other commands' do (it was "stopping: finished results are kept;
  // run again with --resume", without the signal or the second one; review33)
  let offSignals = (): void => {};
  const listen = (): void => {
    offSignals = onStopSignals((sig) => {
      // a queued sweep's rerun must name the queue: run locally (the line said "run again with --resume"), it ran the tasks
      // still running on the workers a second time (review39)
      process.stderr.write(stopLine(sig, o.queue
        ? `stopping the sweep: finished results are kept, and tasks running on workers finish there; run again with ${queueFlag} --resume to collect them and continue`
        : 'stopping the sweep: finished results are kept, run again with --resume'));
      ac.abort();
    });
  };
  try {
    if (o.cancel && queue && connection) {
      listen();
      const plan = planSweep(store, spec);
      // mends66: the results the workers finished recorded, the tasks still running said, a killed watcher's mark cleared
      const c = await queue.cancelSweep(o.queue!, store, spec.name, plan.todo, connection);
      process.stderr.write(`${c.removed} waiting task(s) of ${spec.name} taken off the queue\n`);
      if (c.collected > 0) process.stderr.write(`${spec.name}: ${plural(c.collected, 'result')} the workers finished recorded in the store (not run again)\n`);
      const gone = c.mark ?? c.otherQueue;
      const who = gone ? `process ${gone.pid}${gone.here ? '' : ` on ${gone.host}`}, which watched it on the queue ${gone.queue}` : '';
      if (c.running.length > 0) {
        const n = c.running.length;
        process.stderr.write(`${spec.name}: ${plural(n, 'task')} still running on ${n === 1 ? 'a worker' : 'workers'} (task${n === 1 ? '' : 's'} ${c.running.slice(0, 8).map((t) => t.index).join(', ')}${n > 8 ? ', ...' : ''}): `
          + `${n === 1 ? 'it finishes' : 'they finish'} there, and \`sacplate sweep ${file} ${queueFlag} --resume\` collects ${n === 1 ? 'its result' : 'their results'}; a local run now would run ${n === 1 ? 'it' : 'them'} a second time`
          + `${c.mark ? ` (the mark of ${who} and is gone, stays until none runs: run this --cancel again then, and a local run goes on)` : ''}\n`);
      } else if (c.mark?.cleared) {
        process.stderr.write(`${spec.name}: the mark of ${who} and is gone, cleared: a local run (sacplate sweep FILE) goes on from the store's results, without --force\n`);
      }
      if (c.otherQueue) process.stderr.write(`${spec.name}: last watched on another queue, ${c.otherQueue.queue}, by ${who.replace(/, which watched it on the queue .*$/, '')} (gone): its tasks there are not touched; \`sacplate sweep ${file} --queue ${c.otherQueue.queue} --cancel\` takes them off\n`);
      return;
    }
    // the checks above are done (Redis there, the sweep to resume known): the library's sweepTasks runs it
    store.close();
    closeConnection();
    // every task is resolved and keyed before any runs, about 0.5 ms each (20,000: 10 s here), in one go: a large
    // sweep said nothing until then, and Ctrl-C waited for it to end. It is said first, and until the plan is made a
    // signal quits at once (nothing has run; the store's writes are transactions)
    const size = sweepSize(spec);
    if (size.tasks >= LARGE_SWEEP) process.stderr.write(`${spec.name}: ${size.tasks} tasks (${size.shape}): resolving and keying each one before any runs (Ctrl-C quits at once until then)\n`);
    let bar: ReturnType<typeof taskProgress> | undefined;
    let planned: SweepTask[] = [];
    let toRun = 0; // the plan's tasks to run
    let r;
    try {
      r = await sweepTasks(file, { db: o.db, ...(name === undefined ? {} : { name }), ...(o.queue ? { queue: o.queue } : { threads }), ...(o.keepGoing ? { keepGoing: true } : {}), ...(o.force ? { force: true } : {}), signal: ac.signal, onProgress: (done) => { if (!o.queue) bar?.update(done); } }, {
        onPlan: (p) => {
          listen();
          planned = p.invalid;
          toRun = p.todo.length;
          process.stderr.write(`${spec.name}: ${plural(p.tasks.length, 'task')}, ${p.finished} with a result, ${p.invalid.length} invalid, ${p.todo.length} to run${queueSaid ? ` on ${queueSaid}` : ''}${repeatsText(p.repeats)}\n`);
          for (const line of invalidTaskLines(p.invalid)) process.stderr.write(line + '\n');
          bar = taskProgress(spec.name, p.todo.length);
          // audit70: the local pool's count moves only as a task ends (a task is one simulation, seconds to minutes): a
          // log said nothing past the plan line until then; a queue's first look says it with its running and waiting
          if (!o.queue && p.todo.length > 0) bar.update(0);
        },
        onQueue: (p) => bar?.update(p.done, `${p.active} running, ${p.waiting} waiting`),
        onNote: (line) => process.stderr.write(`${spec.name}: ${line}\n`),
      });
    } finally { bar?.stop(); }
    // mends62c: a stop that came once every task had ended (the last one's result in hand before the stop was heard) stopped
    // nothing: the summary is written and the exit is as for a sweep not stopped, as compare's (flaky62); it said
    // `cancelled: true` and exited 130
    if (ac.signal.aborted && !r.cancelled) process.stderr.write('sacplate: every task had finished before the stop took effect: the summary follows\n');
    for (const line of lateInvalidLines(r.invalid, planned)) process.stderr.write(line + '\n');
    // a worker's unexpected error too (an EngineMismatch of a worker of another build was in the summary's `fatal:` only; review39)
    // without --keep-going, the flag that goes on is named (sweepkeep); a worker of another build stops a sweep either way
    if (r.fatal) {
      process.stderr.write(`sacplate: stopped the sweep: ${r.fatal.type}: ${r.fatal.message}${o.keepGoing ? '' : r.fatal.type === 'EngineMismatch'
        ? '' : ' (--keep-going records such an error and goes on with the other tasks)'}\n`);
    }
    // each task that ended with an unexpected error, by its index (no result: the next run retries it); until mends49 the
    // local pool's summary counted it in `ran`, and a second error in the same turn was named nowhere. The first
    // ERROR_LINES: a --keep-going sweep may have hundreds, all in the store
    const errors = [...(r.errors ?? [])].sort((a, b) => a.index - b.index); // in the sweep's order, not as they ended
    for (const e of errors.slice(0, ERROR_LINES)) process.stderr.write(`error: ${e.error.message.replace(/^(task \d+): /, `$1: ${e.error.type}: `)}\n`);
    if (errors.length > ERROR_LINES) process.stderr.write(`error: ... and ${errors.length - ERROR_LINES} more task(s) with an unexpected error (tasks ${errors.slice(ERROR_LINES, ERROR_LINES + 8).map((e) => e.index).join(', ')}${errors.length > ERROR_LINES + 8 ? ', ...' : ''})\n`);
    if (errors.length > 0) process.stderr.write(failedLine({ sweep: r.sweep, failed: errors.length, ran: r.ran, file: name === undefined ? file : r.sweep, store: store.path, ...(o.db === undefined ? {} : { db: o.db }), ...(queueFlag === undefined ? {} : { queue: queueFlag }) }) + '\n');
    // cancelled without a Ctrl-C here: the queue held none of its unfinished tasks any more. The rerun named with its
    // queue, as the Ctrl-C line names it (until mends48 `run again with --resume`, which ran them on the local pool). A job
    // the queue gave up (failed) is no cancel since sweepfail: it is the task's error (`WorkerLost`), counted in `errors`
    if (o.queue && r.cancelled && !ac.signal.aborted) process.stderr.write(`stopping: none of the ${r.tasks - r.finishedBefore - r.ran - r.invalid.length - (r.errors?.length ?? 0)} unfinished tasks of ${r.sweep} is on the queue any more (taken off by sweep --cancel, or removed from Redis by hand); finished results are kept; run again with ${queueFlag} --resume to enqueue them again\n`);
    // mends70b: a local sweep stopped before any task ended kept nothing of this run (the stop line's "finished results
    // are kept" read as if some were): said, with what a rerun runs (the tasks under way stopped part-way, not kept)
    // mends70c: a --keep-going run whose only ended tasks had failed said "stopped before any task finished": the failed
    // ones are counted (they have no result either, and a rerun retries them)
    if (!o.queue && r.cancelled && r.ran === 0 && !r.fatal) {
      const left = toRun, failed = errors.length;
      const what = failed > 0
        ? `stopped after ${plural(failed, 'task')} failed and none finished, so this run kept no result (a failed task has none; a task stopped part-way is not kept)`
        : 'stopped before any task finished, so this run kept none (a task stopped part-way is not kept)';
      process.stderr.write(`${r.sweep}: ${what}: run the same command again (or with --resume) to run ${left === 1 ? 'it' : `the ${left}`} from the start${failed > 0 ? `, the failed ${failed === 1 ? 'one' : 'ones'} retried` : ''}${r.finishedBefore > 0 ? ` (${plural(r.finishedBefore, 'result')} from before ${r.finishedBefore === 1 ? 'is' : 'are'} kept and reused)` : ''}\n`);
    }
    // to the millisecond: it printed every digit of a float (wall_s: 0.44248505899999996)
    const wall_s = Math.round(r.wall_s * 1000) / 1000;
    const summary = o.queue
      // the queue's `errors` as the local pool's (mends50: it named the first, as `fatal`, and counted none)
      ? { sweep: r.sweep, tasks: r.tasks, collected: r.ran, errors: r.errors?.length ?? 0, enqueued: r.enqueued, invalid: r.invalid.length, cancelled: r.cancelled, wall_s, fatal: r.fatal }
      : { sweep: r.sweep, tasks: r.tasks, ran: r.ran, errors: r.errors?.length ?? 0, threads: r.threads, invalid: r.invalid.length, cancelled: r.cancelled, wall_s, fatal: r.fatal };
    // exit 1 when any task failed, stopped at it or gone on past it (--keep-going)
    finish(summary, o.json, r.cancelled, !!r.fatal || errors.length > 0, r.invalid.length > 0);
    // the seeds of a point taken together are another command's: said where a user reads the sweep's end (review39)
    const seeds = spec.seeds?.length ?? 0;
    // not when no task has a result (review88 F4: a sweep of invalid tasks only was pointed to a table of none)
    if (seeds >= 2 && !r.cancelled && !r.fatal && r.rows.some((x) => x.status === 'done')) process.stderr.write(`${spec.name}: each point's mean and 95 % interval over its ${seeds} seeds: sacplate results ${file} --by-point${o.db ? ` --db ${o.db}` : ''}\n`);
  } finally {
    store.close();
    closeConnection(); // closed already where the queue ran; not left open by an early error
    offSignals();
  }
}

/** `--queue URL`, `--queue-file FILE`, or neither (or a bare `--queue`) with the URL in SACPLATE_QUEUE (mends109). */
export async function worker(o: { queue?: string | boolean; queueFile?: string; concurrency: string; lock: string }): Promise<void> {
  const src = queueSource(o, true)!;
  try { await workerOn(src.url, o); } catch (e) { throw namedBySource(e, src); }
}

async function workerOn(url: string, o: { concurrency: string; lock: string }): Promise<void> {
  const concurrency = intOption('--concurrency', o.concurrency, 1)!;
  const lockMs = intOption('--lock', o.lock, 200)!;
  const ac = new AbortController();
  // the commands' shared stop (cli/signals.ts): it finishes its running tasks (a task cut short would be run again
  // elsewhere) and exits 0; a second signal exits 130 at once (until mends44 its own words, and a second signal met
  // no handler: death by the signal, 143 for SIGTERM). Listened for before the queue's modules load (a second or so):
  // a signal then killed the worker without the line (review36); it now ends there, nothing connected
  const offSignals = onStopSignals((sig) => { process.stderr.write(stopLine(sig, 'stopping the worker after its running tasks').trimStart()); ac.abort(); });
  let r;
  try {
    const { parseQueueUrl, runQueueWorker } = await loadQueue();
    parseQueueUrl(url);
    if (ac.signal.aborted) return;
    // the banner once Redis answers: a worker pointed at no server printed it, then the connection error
    r = await runQueueWorker(url, {
      concurrency, lockMs, signal: ac.signal,
      onConnected: () => process.stderr.write(`worker ${process.pid}: ${concurrency} thread(s) on ${maskQueueUrl(url)}\n`),
      log: (l) => process.stderr.write(`worker ${process.pid}: ${l}\n`),
    });
  } finally {
    offSignals();
  }
  process.stderr.write(`worker ${process.pid}: ran ${r.ran} task(s)${r.errors ? `, ${r.errors} ended in an error (no result; logged above)` : ''}, skipped ${r.skipped} already done\n`);
}

export async function results(arg: string, o0: { format: string; out?: string; db?: string; byPoint?: boolean }): Promise<void> {
  refuseEmptyPath('--out', o0.out, 'a file path');
  const format = checkFormat(o0.format);
  // Parquet is binary: a file, never standard output (`--out -`, review69), said before any work
  if (format === 'parquet' && fileOrStdout(o0.out) === undefined) throw new InputError('--out', o0.out, `an output file for --format parquet (binary${o0.out === '-' ? ': not standard output' : ''}), e.g. --out results.parquet`);
  const o = { ...o0, out: fileOrStdout(o0.out) };
  refuseOtherFormatName('--out', o.out, format, { csv: '.csv', json: '.json', parquet: '.parquet' }, 'csv');
  const name = await sweepName(arg);
  // audit69: no store there (a mistyped --db or SACPLATE_DB): said as a sweep the store does not hold, none made there
  const at = storeExists(o.db);
  if (!at.exists) throw new InputError('sweep', arg, `a sweep run before with this store (${at.file}); there is no store there (no such file)`);
  const store = SweepStore.open(o.db);
  let rows;
  try { rows = store.storedSweepRows(name, 'sweep', arg, (runs) => `sacplate results ${runs}`); } catch (e) {
    // a mistyped file path was said to be no sweep's name only ("none named \"swepp.yaml\""), the file not mentioned (review39)
    if (e instanceof InputError && !existsSync(arg) && /\.(ya?ml|json)$|[\\/]/i.test(arg)) {
      throw new InputError('sweep', arg, `a sweep file that exists (no such file: ${arg}) or the name of a sweep run before with this store (${store.path})`);
    }
    throw e;
  } finally { store.close(); }
  const table = o.byPoint ? pointTable(rows) : resultTable(rows);
  if (format === 'parquet') {
    await writeParquet(table, o.out!);
    process.stderr.write(`${table.rows.length} rows to ${o.out}\n`);
    return;
  }
  const text = format === 'csv' ? tableCsv(table) : tableJson(table);
  if (o.out) { (await import('node:fs')).writeFileSync(o.out, text); process.stderr.write(`${table.rows.length} rows to ${o.out}\n`); }
  else process.stdout.write(text);
  // by point, a task that failed is a count in its point's `errors` and a note: a line under the table says where its
  // message is (review55: `done` 1 of 2 and no word of the error)
  const failed = rows.filter((r) => r.status === 'error').length;
  if (o.byPoint && failed > 0) {
    const points = table.rows.filter((r) => Number(r[table.columns.indexOf('errors')]) > 0).length;
    process.stderr.write(`note: ${plural(failed, 'task')} of ${plural(points, 'point')} ended in an error (no result, left out of the point's means: its column errors, its notes): each one's error_type and error: sacplate results ${arg}${o.db ? ` --db ${o.db}` : ''} --format csv; run the sweep again to retry them\n`);
  }
}

export async function screen(file: string, o: { report?: string; force?: boolean; objectives?: string; threads?: string; db?: string; name?: string; json?: boolean }): Promise<void> {
  refuseEmptyPath('--report', o.report, 'a directory path');
  // --force clears the --report folder first: without --report there is none (as simulate's --force without --out)
  if (o.force && o.report === undefined) throw new InputError('--force', true, '--report <dir> as well (it clears that folder first; without --report no folder is written)');
  const name = o.name === undefined ? undefined : sweepNameArg('--name', o.name);
  const threads = intOption('--threads', o.threads, 1);
  let objectives: string[] | undefined;
  if (o.objectives !== undefined) {
    objectives = o.objectives.split(',').map((x) => x.trim()).filter(Boolean);
    if (objectives.length === 0) throw new InputError('--objectives', o.objectives, 'one or more objectives');
    for (const k of objectives) if (!Object.hasOwn(OBJECTIVES, k)) throw new InputError('--objectives', k, `one of ${Object.keys(OBJECTIVES).join(', ')}${didYouMean(k, Object.keys(OBJECTIVES))}`);
    const twice = objectives.find((k, i) => objectives!.indexOf(k) !== i);
    if (twice !== undefined) throw new InputError('--objectives', o.objectives, `each objective once (${twice} is named twice)`);
  }
  // the report folder is proved writable before the simulations, not after them (a finished screen is not lost); a
  // previous report there is refused without --force, as simulate, nucleation and fullcell refuse a previous run's
  // folder (it was written over without a word)
  // (--force clears it once there is a report to write: a missing or bad screen file, or a stopped screen, left it cleared; review34)
  const clearReport = o.report !== undefined ? prepareOutDir(o.report, { field: '--report', force: o.force === true, holds: { what: 'a previous report', files: ['ranking.csv', 'pareto.svg'] }, inputs: inputFilesOf(file), laterClear: true }) : () => {};
  // Ctrl-C (or SIGTERM) stops the simulations at their next batch of events; a second quits at once. The screen
  // used to end a stop with the library's error line (exit 2, as for a mistake in the input) and took no SIGTERM
  const ac = new AbortController();
  const offSignals = onStopSignals((sig) => {
    process.stderr.write(stopLine(sig, 'stopping the screen'));
    ac.abort();
  });
  let bar: ReturnType<typeof taskProgress> | undefined;
  let r;
  let done = 0, total = 0;
  let nucleating = false; // the nucleation stage has said its first line: a stop now is in its atomistic stage (review64)
  let scans = 0; // the atomistic scans' points that finished (kept in the store as each ends): their lines, "  SAC eta 50 mV: ..."
  // a candidate whose input is wrong is said now, not after the others have run (Ctrl-C to fix it)
  const read = loadScreenFile(file);
  const spec = name === undefined ? read : { ...read, name };
  const early = spec.candidates.filter((c) => c.error).map((c) => c.error!);
  // a base key's error once for the candidates it refuses (review69: `base.metal: Mg` said it once per candidate)
  for (const line of notEvaluatedLines(spec.candidates)) process.stderr.write(`${line}\n`);
  // what simulate says of a run's input (a Hold at a cell voltage's size, an electrolyte and its SEI set), when the screen
  // simulates its candidates (mends77: it said none)
  if (objectivesNeedSimulation(objectives ?? spec.objectives)) for (const w of screenInputWarnings(spec)) process.stderr.write(w + '\n');
  try {
    // the nucleation stage's lines (a new host or SAC's atomistic stage, minutes; review64: minutes without a line), under
    // the simulations' bar, which is done by then
    // its lines give the screen's name, as a sweep's give the sweep's (mends70b: they read `screen: 0/24 tasks`)
    const onMessage = (m: string) => { nucleating = true; if (/^\s+(SAC|host) eta -?[\d.]+ mV[: ]/.test(m)) scans++; bar?.stop(); process.stderr.write(`${spec.name} (nucleation): ${m}\n`); };
    r = await screenCandidates(spec, { db: o.db, threads, signal: ac.signal, objectives, onMessage, onProgress: (d, t) => { done = d; total = t; bar ??= taskProgress(spec.name, t); bar.update(d); } });
  } catch (e) {
    if (!(ac.signal.aborted && e instanceof InputError && e.field === 'screen')) throw e;
    bar?.stop();
    // stopped in the nucleation stage: its finished atomistic scans are cached as the simulations are (review64: the line
    // said only the simulations)
    // mends70b: what is kept only where something is (a stop before any simulation ended said "no simulation had
    // finished; they are kept in the store"; one before any atomistic scan ended, "the atomistic scans that finished are kept")
    process.stderr.write(screenStopLine({ name: spec.name, nucleating, done, total, scans, ...(o.db === undefined ? {} : { db: o.db }) }) + '\n');
    process.exitCode = 130;
    return;
  } finally { bar?.stop(); offSignals(); }
  // mends62c: a stop that came once every simulation had ended stopped nothing (the later stages are look-ups): the ranking
  // and report follow, as compare's summary does (flaky62); it said "screen stopped; 2 of the 2 simulations ... finished", exit 130
  if (ac.signal.aborted) process.stderr.write('sacplate: every simulation had finished before the stop took effect: the ranking follows\n');
  for (const x of r.invalid) if (!early.includes(x.error)) process.stderr.write(`not evaluated: ${x.error}\n`);
  // a run that stopped before its protocol's end (its box full, ...), as simulate and compare say it (naspeed: a Na
  // screen ranked a value from a box that filled up without a word)
  for (const w of r.warnings) process.stderr.write(w + '\n');
  if (o.report) clearReport();
  const files = o.report ? writeReport(r, o.report) : [];
  // the stages' notes too (a value not evaluated, an unresolved order): they were only in result.json
  if (o.json) process.stdout.write(JSON.stringify({ objectives: r.objectives, ranking: r.ranking, invalid: r.invalid, no_data: r.noData, notes: r.notes, warnings: r.warnings, ended_early: Object.fromEntries(r.candidates.filter((c) => c.ended_early).map((c) => [c.name, c.ended_early])), files }, null, 2) + '\n');
  else {
    process.stdout.write(rankingText(r));
    if (files.length) process.stdout.write(`report in ${o.report}: ${files.map((f) => f.split('/').pop()).join(', ')}\n`);
  }
  // mends65: nothing ranked because no evaluated candidate has a ranked descriptor: exit 2, as when none is evaluated
  if (r.invalid.length || (r.ranking.length === 0 && r.noData.length)) process.exitCode = 2;
}
