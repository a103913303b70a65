/**
 * Sweep commands: `sweep` (local pool or Redis queue), `worker` (queue worker), `results`
 * (one row per task as CSV, JSON or Parquet), `screen` (SAC screening: ranking, Pareto set, report).
 *
 * Flags and help text only: the work is in actions/sweep.ts, loaded when a command runs, so that
 * the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import { OBJECTIVES } from '../../screen/objectives.js';
import type * as Work from '../actions/sweep.js';

const work = (): Promise<typeof Work> => import('../actions/sweep.js');

export function register(program: Command): void {
  program
    .command('sweep')
    .description('Run every task of a sweep file (a base run plus axes) on the local worker pool, or through a Redis queue; results go to the store, each task once')
    .argument('<file>', 'sweep file (YAML or JSON): base, axes, mode, seeds; or a screen file (its simulations)')
    .option('--threads <n>', 'local worker threads (default: all cores)')
    .option('--resume', 'continue an interrupted sweep (runs only the tasks without a result; a plain rerun does the same)')
    .option('--queue [url]', 'enqueue on Redis (BullMQ) instead of running locally, e.g. redis://127.0.0.1:6379; start workers with `sacplate worker`; without a URL, the one in $SACPLATE_QUEUE (kept off the command line, where `ps` shows it)')
    .option('--queue-file <file>', 'enqueue on the Redis whose URL is the first line of this file (e.g. redis://:PASSWORD@host:6379; chmod 600): as --queue, the password kept out of `ps`')
    .option('--cancel', 'with --queue: take this sweep\'s waiting tasks off the queue, record the results its workers finished, name the tasks still running and stop (a killed watcher\'s mark is cleared once none runs)')
    .option('--force', 'run on the local pool a sweep whose last run watched it on a queue and was killed (or is on another machine): refused without it, as that queue may still hold its waiting tasks, which workers would run beside this run (take them off first with --queue URL --cancel, after which a run goes on without --force, or go on there with --queue URL --resume)')
    .option('--keep-going', 'a task that crashes (an unexpected error, not a bad input) is recorded as an error row and the other tasks run; the exit code is 1 if any failed, and a rerun retries them (default: the first crash stops the sweep)')
    .option('--db <path>', 'SQLite store (default ~/.sacplate/sacplate.db or $SACPLATE_DB)')
    .option('--name <name>', 'the sweep\'s name in the store in place of the file\'s (its name: key, else the file name); a screen file\'s sweep is then NAME-runs')
    .option('--plan', 'say the plan (tasks, with a result, invalid, to run) and each invalid task\'s line, run nothing and record nothing; with --queue or --queue-file also the queue\'s part (results the workers wrote, tasks waiting there, to enqueue), nothing enqueued; exit 2 when a task is invalid or the file is bad, else 0')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (...a: Parameters<typeof Work.sweep>) => (await work()).sweep(...a));

  program
    .command('worker')
    .description('Pull sweep tasks from a Redis queue (BullMQ) and run them; start as many as you like on any machine')
    .option('--queue [url]', 'Redis URL, e.g. redis://127.0.0.1:6379 (default: $SACPLATE_QUEUE, which keeps a password off the command line, where `ps` shows it)')
    .option('--queue-file <file>', 'read the Redis URL from the first line of this file (e.g. redis://:PASSWORD@host:6379; chmod 600)')
    .option('--concurrency <n>', 'tasks at once (worker threads)', '1')
    .option('--lock <ms>', 'job lock in ms: a job of a worker that died goes back on the queue after about this long', '30000')
    .action(async (...a: Parameters<typeof Work.worker>) => (await work()).worker(...a));

  program
    .command('results')
    .description('A sweep\'s results, one row per task, metrics as columns (--by-point: one row per axis point, mean and 95 % interval over its seeds)')
    .argument('<sweep>', 'sweep file or sweep name')
    .option('--format <f>', 'csv | json | parquet', 'csv')
    .option('--out <file>', 'write here (required for parquet; default, or -: stdout)')
    .option('--by-point', 'one row per axis point, its seeds together: each metric\'s mean and 95 % interval over the seeds (<metric>, <metric>_lo95, <metric>_hi95, as compare.csv; a setting such as plating_current_mA_per_cm2 once)')
    .option('--db <path>', 'SQLite store')
    .action(async (...a: Parameters<typeof Work.results>) => (await work()).results(...a));

  program
    .command('screen')
    .description('Screen SAC candidates: simulate each (seeds on the worker pool), add sustainability, synthesis, electrolyte and anode indicators, rank by Pareto front; report with sources')
    .argument('<file>', 'screen file (YAML or JSON): base, candidates and/or descriptors CSV, electrolyte, anode, objectives')
    .option('--report <dir>', 'write report.md, report.html, pareto.svg, ranking.csv and result.json here (a new or empty folder, or a previous report\'s with --force)')
    .option('--force', 'clear the --report folder (once the new report is ready) when it holds a previous report')
    .option('--objectives <list>', `comma-separated objectives (overrides the file): ${Object.keys(OBJECTIVES).join(', ')}`)
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--db <path>', 'SQLite store (simulations are recorded and reused by task hash)')
    .option('--name <name>', 'the screen\'s name in the store in place of the file\'s (its simulations are the sweep NAME-runs)')
    .option('--json', 'print the ranking as JSON')
    .action(async (...a: Parameters<typeof Work.screen>) => (await work()).screen(...a));
}
