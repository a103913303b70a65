/**
 * The distributed engine: BullMQ on Redis. `enqueueAndWatch` puts a sweep's unfinished tasks on
 * the queue (job id = task hash, so a task already waiting or running is not added twice),
 * then collects results into the local store as they appear; `runQueueWorker` pulls jobs on any
 * machine and runs them on its own thread pool (so the event loop stays free to renew job locks).
 *
 * Exactly-once results: a worker writes its outcome with HSETNX into one Redis hash keyed by the
 * task hash (the first write wins), and skips a job whose result is already there; the store
 * inserts a hash once. A job whose worker dies (kill -9) loses its lock after `lockDuration` and
 * BullMQ's stalled check on another worker puts it back on the queue.
 */
import { hostname } from 'node:os';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import { maskQueueUrl } from './queue-url.js';
import type { ResolvedRun } from '../input/types.js';
import { createPool } from './pool.js';
import { engineFingerprint } from './fingerprint.js';
import { plainRun, decodeOutcome, encodeOutcome, taskError, type SweepTask, type TaskError } from './tasks.js';
import type { TaskOutcome } from './task-worker.js';
import type { SweepStore, TakenOverMark } from './store.js';

export const QUEUE_NAME = 'sacplate-tasks';
/** the error type of a task a worker of another build refused: it stops a sweep even with --keep-going */
export const ENGINE_MISMATCH = 'EngineMismatch';
/** the error type of a task whose job BullMQ gave up because its worker process died each time it ran it (sweepfail) */
export const WORKER_LOST = 'WorkerLost';
/** BullMQ's failedReason for a job given up after more stalls than the workers' maxStalledCount (MAX_STALLS) */
const STALLED_LIMIT = 'job stalled more than allowable limit';
/** how many times a job may stall (its worker process gone: kill -9, out of memory) before BullMQ gives it up */
export const MAX_STALLS = 5;
export const RESULTS_KEY = 'sacplate:results';
/** the sweep commands watching a sweep: a set of watcher ids per sweep name, each alive while its key (WATCHER_KEY + id) has not expired */
export const WATCHERS_KEY = 'sacplate:watchers:';
export const WATCHER_KEY = 'sacplate:watcher:';
/** how long a watcher's key lives without being renewed (renewed every WATCHER_RENEW_MS while it watches) */
const WATCHER_TTL_MS = 15_000;
const WATCHER_RENEW_MS = 2_000;

export interface JobData { sweep: string; hash: string; index: number; run: ResolvedRun; /** engine fingerprint the task was keyed with */ engine: string; }

/** Validates redis[s]://[[user]:password@]host:port[/db]; a refusal says the URL with its password masked (maskQueueUrl). */
export function parseQueueUrl(url: string): string {
  let u: URL;
  const said = maskQueueUrl(url);
  try { u = new URL(url); } catch { throw new InputError('--queue', said, 'a Redis URL, e.g. redis://127.0.0.1:6379'); }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InputError('--queue', said, 'a Redis URL starting with redis:// (e.g. redis://127.0.0.1:6379)');
  if (!u.hostname) throw new InputError('--queue', said, 'a Redis URL with a host, e.g. redis://127.0.0.1:6379');
  return url;
}

/** How often a queued sweep looks at the results hash and the queue (enqueueAndWatch's default `pollMs`). */
export const QUEUE_POLL_MS = 250;

/**
 * enqueueAndWatch's period when the caller gives none: QUEUE_POLL_MS, or `SACPLATE_QUEUE_POLL_MS` from the environment
 * (read at each sweep's start). The variable is for tests (test/sweep-queue.test.ts runs its queued sweeps, spawned
 * commands included, at 50 ms: their ends and stops are seen sooner) and for trying the behaviour by hand; unset or
 * empty, nothing changes.
 */
export function queuePollMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.SACPLATE_QUEUE_POLL_MS;
  if (v === undefined || v.trim() === '') return QUEUE_POLL_MS;
  const ms = Number(v);
  if (!Number.isFinite(ms) || ms < 1 || ms > 60_000) throw new InputError('SACPLATE_QUEUE_POLL_MS', v, 'a queued sweep\'s poll period in ms from 1 to 60000 (unset: 250)');
  return ms;
}

/** How long connect() waits for Redis to answer (its ready check) before it gives up: a port that takes the connection and says nothing hung the sweep and the worker for ever. */
export const CONNECT_WAIT_MS = 5000;

/**
 * How long closing a connection (closeConnection) waits for its socket's close before it destroys the socket: ioredis's
 * default, 2 s, was a timer that held the process after the work. A connection is closed once every reply it waits
 * for is in, so there is nothing to wait for; a socket closed already (Redis away) gives no close to wait for at all.
 */
const DISCONNECT_WAIT_MS = 0;

/**
 * Closes a connection made by connect(), once: a second disconnect() of one connection, or one of a connection whose
 * Redis is away, waited for a close its socket had made already, and the command exited 2 s after its work (a queued
 * sweep stopped by Ctrl-C, Redis down or up; review36).
 */
export function closeConnection(r: Redis): void {
  if (r.status !== 'end') r.disconnect();
}

/** A connection as BullMQ wants it (no per-request retry limit); fails fast when Redis is not there. */
export async function connect(url: string, waitMs = CONNECT_WAIT_MS): Promise<Redis> {
  // fail fast when Redis is not there at the start; once connected, ride out restarts and blips
  let connected = false;
  const r = new Redis(parseQueueUrl(url), { maxRetriesPerRequest: null, lazyConnect: true, disconnectTimeout: DISCONNECT_WAIT_MS, retryStrategy: (n) => (connected ? Math.min(200 * n, 2000) : n > 10 ? null : 200) });
  // the socket's error (connect ECONNREFUSED 127.0.0.1:6379) says more than connect()'s 'Connection is closed.'
  let lastError: Error | undefined;
  r.on('error', (e: Error) => { lastError = e; /* reported by the command that fails */ });
  let timer: NodeJS.Timeout | undefined;
  const late = new Error();
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late.message = lastError ? `${lastError.message}; still no answer after ${waitMs / 1000} s`
        : `no answer within ${waitMs / 1000} s: the address takes connections but does not answer as Redis does`;
      reject(late);
    }, waitMs);
  });
  const opening = r.connect();
  opening.catch(() => { /* the race below reports it */ });
  try {
    await Promise.race([opening, silent]);
    // the database of the URL's /N: ioredis only warned when the server has no such database, and the
    // sweep then went to database 0 while a worker on /N looped on "DB index is out of range"
    if (r.options.db) await Promise.race([r.select(r.options.db), silent]);
    connected = true;
  } catch (e) {
    closeConnection(r);
    const db = /DB index/i.test((e as Error).message) ? `a Redis server that has database ${r.options.db} (${(e as Error).message})` : undefined;
    const why = (e === late ? late : lastError ?? e as Error).message;
    // ioredis's parser on a reply that is not Redis's protocol (an HTTP server's "HTTP/1.1 400"): 'Unknown RESP type 72 "H". Please report this.'
    const resp = /Unknown RESP type \d+ "(.)"/.exec(why);
    const notRedis = resp ? `a Redis server: the address answers, but not as Redis does (its reply starts with "${resp[1]}"; an HTTP server or another service listens there): give the host and port of a Redis server, e.g. redis://127.0.0.1:6379` : undefined;
    throw new InputError('--queue', maskQueueUrl(url), db ?? notRedis ?? `a reachable Redis server (${why})`);
  } finally {
    clearTimeout(timer);
  }
  return r;
}

/**
 * For tests only (test/sweep-queue.test.ts): awaited inside a queued sweep's count of its tasks on the queue, after Redis
 * answered and before the counts are used. The test stops Redis and starts it again without its data there: a count read
 * from the old server and used after the reconnection (queueflake). Unset, nothing is awaited.
 */
export const queueTestHooks: { afterCountRead?: () => Promise<void> } = {};

/** `waiting` and `active`: this sweep's own unfinished tasks on the queue, not other sweeps' jobs (until mends48 the whole queue's) */
export interface QueueProgress { done: number; total: number; waiting: number; active: number; }

export interface QueueSweepResult {
  collected: number;
  enqueued: number;
  cancelled: boolean;
  fatal?: TaskOutcome;
  invalid: { index: number; message: string }[];
  /** the tasks that ended with an unexpected error (`task N: message`; the first is `fatal`), retried by the next run:
   * the local pool's `errors` (until mends50 only the first was said, as `fatal`) */
  errors: { index: number; error: TaskError }[];
  wall_s: number;
}

/**
 * The finished results (`done`) of `todo` that the workers wrote while no sweep command was watching (a queued sweep
 * stopped by Ctrl-C, its running tasks finished after), recorded in `store` before the sweep's plan is said: the plan
 * line then counts them "with a result", and the progress's count and time left are those of the tasks still to run.
 * Until review39 they were collected after the plan line (`8 tasks, 0 with a result, ..., 8 to run`) and counted as done
 * in no time, so a rerun's first line read `2/8 tasks, about 1 s left` with six tasks of 2-4 s each to run. Invalid
 * and erroneous outcomes are left to enqueueAndWatch's collection, which reports them as before. Returns how many.
 */
export async function collectFinished(conn: Redis, store: SweepStore, todo: SweepTask[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < todo.length; i += 500) {
    const chunk = todo.slice(i, i + 500);
    const vals = await conn.hmget(RESULTS_KEY, ...chunk.map((t) => t.hash));
    vals.forEach((v, j) => {
      if (v === null) return;
      const o = decodeOutcome(v);
      if (o.status !== 'done') return;
      const worker = (o as { worker?: string }).worker ?? 'queue';
      store.record({ hash: chunk[j]!.hash, status: 'done', metrics: o.metrics as unknown as Record<string, unknown>, steps: o.steps, worker });
      n++;
    });
  }
  return n;
}

/**
 * The error of a task whose job BullMQ moved to its failed jobs (a job is not failed by sacplate's own workers: a crash in
 * a task is written to the results hash as its `error` outcome). The usual cause: its worker process died each time it
 * ran it (kill -9, out of memory: a "poison" task) and BullMQ gave the job up after more than MAX_STALLS stalls. Until
 * sweepfail the sweep then had a task on no queue and stopped as cancelled (exit 130, `errors: 0`), the cause nowhere.
 */
export function failedJobError(job: { failedReason?: string; stalledCounter?: number; attemptsMade?: number }): TaskError {
  const reason = job.failedReason ?? '(no reason given)';
  if (reason === STALLED_LIMIT) {
    const n = job.stalledCounter ?? 0;
    return {
      type: WORKER_LOST,
      message: `a worker process died each time it ran this task (killed, or out of memory?): its job stalled ${n} time${n === 1 ? '' : 's'} `
        + `(its lock not renewed) and the queue gave it up (BullMQ: "${reason}"); run it on its own to see why: on the local pool `
        + `(sacplate sweep FILE without --queue, once the other tasks are in) or on a worker with more memory (sacplate worker --concurrency 1 `
        + `on a larger machine); a rerun of the sweep enqueues it again`,
    };
  }
  return { type: 'QueueJobFailed', message: `the queue gave its job up (BullMQ: "${reason}", after ${job.attemptsMade ?? 0} attempt(s)); a rerun of the sweep enqueues it again` };
}

/**
 * Enqueues `todo` (tasks without a result in the store), then polls the results hash every
 * `pollMs`, recording each outcome in `store`, until all are in, the signal aborts (the tasks
 * still waiting are taken off the queue; running ones finish and are collected next time) or an
 * unexpected error arrives (the rest is cancelled the same way).
 */
export async function enqueueAndWatch(
  url: string, store: SweepStore, sweep: string, todo: SweepTask[],
  opts: {
    signal?: AbortSignal; pollMs?: number; onProgress?: (p: QueueProgress) => void; onOutcome?: (o: TaskOutcome, t: SweepTask) => void;
    /** a connection made beforehand by connect(url) (the sweep command checks Redis before it records anything); closed here */
    connection?: Redis;
    /** a line on the connection: lost, back, the tasks enqueued again after Redis came back without them */
    onNote?: (line: string) => void;
    /** `sweep --keep-going`: a task's unexpected error is recorded and the sweep goes on (an EngineMismatch still stops it) */
    keepGoing?: boolean;
  } = {},
): Promise<QueueSweepResult> {
  const t0 = performance.now();
  const pollMs = opts.pollMs ?? queuePollMs();
  const conn = opts.connection ?? await connect(url);
  const said = maskQueueUrl(url); // the URL in its lines, its password masked (mends108)
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: conn });
  // Redis gone (stopped, restarted, a network cut): one line, then one when it is back. Without a listener BullMQ
  // printed each failed reconnection's stack trace (console.error) on the sweep's terminal
  let lost = false, cameBack = false;
  queue.on('error', (e: Error) => {
    if (lost) return;
    lost = true;
    opts.onNote?.(`lost the connection to Redis at ${said} (${e.message}); waiting for it to come back (the workers' results are collected then)`);
  });
  // the connection's socket closed (`cut`, until it is ready again) and its `epoch`, one more at each close and each
  // reconnection: a count of the tasks on the queue is used only when no close or reconnection came while it was read
  // (ownCounts). Until queueflake "came back" was set only after a connection error: a server that closed the connection
  // and was back before the client's first reconnection attempt (200 ms) gave none, and the sweep read its empty queue as
  // a cancel from elsewhere; and a count answered by the server before a restart and used after the reconnection said the
  // new, empty one still held the tasks ("0 running, 2 waiting", then the same from the cache), and the sweep stopped as cancelled
  let cut = false, epoch = 0;
  const onClose = () => { if (cut) return; cut = true; epoch++; };
  const onReady = () => {
    if (!cut) return;
    cut = false;
    epoch++;
    cameBack = true;
    opts.onNote?.(lost ? `the connection to Redis at ${said} is back` : `the connection to Redis at ${said} closed and is back (the server restarted?)`);
    lost = false;
  };
  conn.on('close', onClose);
  conn.on('ready', onReady); // after the first connection: only a reconnection fires it
  const pending = new Map(todo.map((t) => [t.hash, t]));
  // this command among the sweep's watchers: a stop takes the waiting tasks off the queue only when no other command
  // watches the same sweep (the same sweep submitted twice, from two shells: until review53 a Ctrl-C on one took the
  // other's waiting tasks off, and the other stopped saying they were taken off by sweep --cancel, or failed)
  const me = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  let renewedAt = -Infinity;
  const renew = async () => {
    if (performance.now() - renewedAt < WATCHER_RENEW_MS) return;
    renewedAt = performance.now();
    await conn.multi().set(WATCHER_KEY + me, sweep, 'PX', WATCHER_TTL_MS).sadd(WATCHERS_KEY + sweep, me).exec();
  };
  /** the other commands watching this sweep now (their keys alive; ids of those that went away are dropped) */
  const otherWatchers = async (): Promise<string[]> => {
    const ids = (await conn.smembers(WATCHERS_KEY + sweep)).filter((id) => id !== me);
    if (ids.length === 0) return [];
    const alive = await Promise.all(ids.map((id) => conn.exists(WATCHER_KEY + id)));
    const gone = ids.filter((_, i) => alive[i] === 0);
    if (gone.length) await conn.srem(WATCHERS_KEY + sweep, ...gone);
    return ids.filter((_, i) => alive[i] === 1);
  };
  const leave = async () => { await conn.multi().srem(WATCHERS_KEY + sweep, me).del(WATCHER_KEY + me).exec(); };
  const res: QueueSweepResult = { collected: 0, enqueued: 0, cancelled: false, invalid: [], errors: [], wall_s: 0 };
  const total = todo.length;
  const erroneous: string[] = [];
  // a command to Redis waits while it is away (it is queued until the reconnection): a stop does not wait for it, and
  // what it brings back after the stop is not recorded (the store is closed by then)
  let stopped = false;
  const STOP = Symbol('stop');
  const onStop = new Promise<typeof STOP>((resolve) => {
    if (opts.signal?.aborted) resolve(STOP);
    opts.signal?.addEventListener('abort', () => resolve(STOP), { once: true });
  });
  const untilStop = <T>(p: Promise<T>): Promise<T | typeof STOP> => { p.catch(() => { /* abandoned at a stop */ }); return Promise.race([p, onStop]); };
  const collect = async () => {
    const keys = [...pending.keys()];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const vals = await conn.hmget(RESULTS_KEY, ...chunk);
      if (stopped) return;
      vals.forEach((v, j) => {
        if (v === null) return;
        const hash = chunk[j]!;
        const t = pending.get(hash)!;
        const o = decodeOutcome(v);
        pending.delete(hash);
        const worker = (o as { worker?: string }).worker ?? 'queue';
        if (o.status === 'done') store.record({ hash, status: 'done', metrics: o.metrics as unknown as Record<string, unknown>, steps: o.steps, worker });
        else {
          const message = `task ${t.index}: ${o.error.message}`;
          store.record({ hash, status: o.status, error: { ...o.error, message }, worker });
          if (o.status === 'invalid') res.invalid.push({ index: t.index, message });
          else {
            // with keepGoing a crash is the task's outcome; a worker of another build is not: it refuses every task it
            // takes (in no time, so it would take most of them), and the workers of this build could run them
            if (!res.fatal && (!opts.keepGoing || o.error.type === ENGINE_MISMATCH)) res.fatal = o;
            res.errors.push({ index: t.index, error: { ...o.error, message } });
            erroneous.push(hash); // an unexpected error is not a result: the next run retries the task
          }
        }
        // until review39 an error counted too: a worker of another build refused all 8 tasks of a sweep (EngineMismatch)
        // and the sweep said `8/8 tasks` and `collected: 8`, with no result in the store
        if (o.status !== 'error') res.collected++;
        opts.onOutcome?.(o, t);
      });
    }
    if (erroneous.length) await conn.hdel(RESULTS_KEY, ...erroneous.splice(0));
  };
  // 500 at a time, in one round trip (ioredis pipelines what is sent together): one by one, a stop of a sweep of 5,000
  // queued tasks took 3.5 s (100,000: about a minute)
  const added = new Set<string>();
  const cancelWaiting = async () => {
    const hashes = [...pending.keys()].filter((h) => added.has(h));
    for (let i = 0; i < hashes.length; i += 500) {
      await Promise.all(hashes.slice(i, i + 500).map((hash) => queue.remove(hash).catch(() => { /* running (locked): it finishes and is collected by the next sweep run */ })));
    }
  };
  // this sweep's own tasks running and waiting (its unfinished tasks' job ids among the queue's): until mends48 the
  // whole queue's counts, so a sweep beside another one's 3 waiting jobs said `0 running, 5 waiting` of its 2. The ids
  // cost 1.5-5 ms per 1,000 jobs on the queue (32-96 ms at 20,000 here, 7-24 ms at 1,000): asked again after 4 times that at least,
  // the last counts said in between (not none: that stops the sweep, and is asked again)
  // `missing`: its unfinished tasks on none of those lists (finished, their result not collected yet; failed; taken off)
  // A count read while the connection closed or came back (`epoch` moved) may be the old server's, in part (one of its two
  // calls answered before a restart, the other sent again to the new server) or in whole (answered before the restart,
  // used after it): it is read again, and the last counts are not said from before a close or reconnection
  let own = { active: 0, waiting: 0, missing: 0 }, ownAt = -Infinity, ownCost = 0, ownEpoch = -1;
  const ownCounts = async (): Promise<{ active: number; waiting: number; missing: number }> => {
    for (;;) {
      const t = performance.now();
      if (ownEpoch === epoch && t - ownAt < 4 * ownCost && own.active + own.waiting > 0) return own;
      const e = epoch;
      // all states in one call (one script: a job moving from waiting to running is in it once), running ones in another
      const [onQueue, active] = await Promise.all([queue.getRanges(['active', 'waiting', 'delayed', 'prioritized'], 0, -1), queue.getRanges(['active'], 0, -1)]);
      if (queueTestHooks.afterCountRead) await queueTestHooks.afterCountRead();
      if (e !== epoch || cut) {
        if (stopped) return own; // abandoned at a stop (untilStop)
        continue;
      }
      const mine = (ids: string[]) => ids.reduce((n, id) => n + (pending.has(id) ? 1 : 0), 0);
      const all = mine(onQueue), running = Math.min(mine(active), all);
      own = { active: running, waiting: all - running, missing: pending.size - all };
      ownAt = performance.now();
      ownCost = ownAt - t;
      ownEpoch = e;
      return own;
    }
  };
  // its tasks among the queue's failed jobs: BullMQ gave them up (a worker process that died each time it ran one: it
  // stalled more than MAX_STALLS times). Recorded as the task's error, as a crash inside a task is, and taken off the
  // queue, so that the next run enqueues the task again (an id already there is not added); until sweepfail the sweep
  // stopped as cancelled once its other tasks were in. A result in the hash wins (collect() records it)
  const collectFailed = async () => {
    const ids = (await queue.getRanges(['failed'], 0, -1)).filter((id) => pending.has(id));
    if (ids.length === 0 || stopped) return;
    const results = await conn.hmget(RESULTS_KEY, ...ids);
    for (const [j, hash] of ids.entries()) {
      if (results[j] !== null) continue;
      const job = await queue.getJob(hash);
      if (stopped) return;
      const t = pending.get(hash);
      if (!job || !t || (await job.getState()) !== 'failed') continue; // taken off, or enqueued again, meanwhile
      const error = failedJobError(job);
      const message = `task ${t.index}: ${error.message}`;
      store.record({ hash, status: 'error', error: { ...error, message }, worker: 'queue' });
      pending.delete(hash);
      const o: TaskOutcome = { hash, status: 'error', error };
      if (!res.fatal && !opts.keepGoing) res.fatal = o;
      res.errors.push({ index: t.index, error: { ...error, message } });
      await queue.remove(hash).catch(() => { /* gone already */ });
      opts.onOutcome?.(o, t);
    }
  };
  try {
    await collect(); // results computed while no sweep command was watching
    const enqueue = async (): Promise<number> => {
      const jobs = [...pending.values()].map((t) => ({
        name: 'simulate',
        data: { sweep, hash: t.hash, index: t.index, run: plainRun(t.run!), engine: engineFingerprint() },
        opts: { jobId: t.hash, removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: { type: 'fixed', delay: 500 } },
      }));
      let n = 0;
      // a stop between two batches ends it: 100,000 tasks took about a minute to enqueue
      for (let i = 0; i < jobs.length && !opts.signal?.aborted; i += 500) {
        const batch = jobs.slice(i, i + 500);
        await queue.addBulk(batch);
        for (const j of batch) added.add(j.opts.jobId);
        n += batch.length;
      }
      return n;
    };
    await renew();
    res.enqueued = await enqueue();
    while (pending.size > 0) {
      if (opts.signal?.aborted) { res.cancelled = true; break; }
      if (res.fatal) break;
      await new Promise((r) => setTimeout(r, pollMs));
      // Ctrl-C while Redis is away stopped nothing: the sweep waited for it to come back, however long
      if (await untilStop(collect()) === STOP) { res.cancelled = true; break; }
      if (await untilStop(renew()) === STOP) { res.cancelled = true; break; }
      const c = await untilStop(ownCounts());
      if (c === STOP) { res.cancelled = true; break; }
      if (c.missing > 0) {
        if (await untilStop(collectFailed()) === STOP) { res.cancelled = true; break; }
        if (res.fatal) break;
      }
      opts.onProgress?.({ done: total - pending.size - res.errors.length, total, waiting: c.waiting, active: c.active });
      // back with its jobs (a blip, or a server that kept its data): an empty queue later is a cancel from elsewhere again.
      // Counts read before a close or reconnection that came after them (during collectFailed) do not say so
      if (cameBack && c.waiting + c.active > 0 && ownEpoch === epoch) cameBack = false;
      // none of its tasks left on the queue to wait for (`--cancel` from another shell took them off; a job BullMQ gave up
      // is recorded above, an error): stop as cancelled; the watcher waited for ever at "0 running, 0 waiting" (and, until
      // mends48, as long as another sweep's jobs were on the queue)
      if (pending.size > 0 && c.waiting + c.active === 0) {
        await collect(); // a result written just before its job left the queue
        if (pending.size > 0 && cameBack) {
          // Redis came back without them (restarted without persistence, or another server in its place): the sweep
          // stopped as if cancelled elsewhere. Job ids are task hashes and a worker skips a task with a result: safe to add again
          cameBack = false;
          const n = await enqueue();
          res.enqueued += n;
          opts.onNote?.(`Redis is back without the ${n} unfinished tasks of ${sweep} on its queue (restarted without its data?): enqueued them again`);
          continue;
        }
        if (pending.size > 0) { res.cancelled = true; break; }
      }
    }
    // a stop met once every task's result was collected (in the watcher's renewal or count after that turn's collect) stopped
    // nothing: no cancel (mends62c; it said `cancelled: true`, exit 130, every result in, as flaky62 found for compare)
    if (pending.size === 0) res.cancelled = false;
    stopped = true;
    if (pending.size > 0 && (lost || cut)) {
      opts.onNote?.(`Redis at ${said} is not reachable: the ${pending.size} unfinished tasks of ${sweep} stay on its queue (the workers run them when it is back; \`sacplate sweep FILE --queue URL --cancel\` takes the waiting ones off, a rerun collects the results)`);
    } else if (pending.size > 0) {
      const others = await otherWatchers();
      if (others.length) {
        opts.onNote?.(`another sweep command watches ${sweep} on this queue (${others.map((id) => id.split(':').slice(0, 2).join(' pid ')).join(', ')}): its waiting tasks stay on the queue for it (stop it too, or \`sacplate sweep FILE --queue URL --cancel\`, to take them off)`);
      } else await cancelWaiting();
    }
    if (!lost && !cut) await leave().catch(() => { /* its key runs out on its own */ });
  } finally {
    stopped = true;
    conn.off('ready', onReady);
    conn.off('close', onClose);
    await queue.close();
    closeConnection(conn);
  }
  res.wall_s = (performance.now() - t0) / 1000;
  return res;
}

/** What a queued sweep would find on the queue for its tasks to run (previewQueue). */
export interface QueuePreview {
  /** tasks with a result (done) a worker wrote in the results hash, not yet collected: a run records them first, counted "with a result" */
  results: number;
  /** tasks with an invalid-input or error outcome there: a run records them as it starts (not enqueued) */
  otherOutcomes: number;
  /** tasks without an outcome whose job is on the queue already (waiting, running, delayed): not added again, watched */
  onQueue: number;
  /** tasks whose job the queue gave up (failed): not added again; a run records each as the task's error */
  failed: number;
  /** tasks a run would put on the queue */
  toEnqueue: number;
}

/**
 * What `enqueueAndWatch` would do with `todo` on the queue of `conn`, read without a write (`sacplate sweep FILE --queue URL
 * --plan`, mends124; mends123's --plan refused a queue): the outcomes the workers wrote for them, the jobs on the queue
 * already, the ones it would enqueue. Reads the results hash and the queue's job ids (500 hashes a round trip).
 */
export async function previewQueue(conn: Redis, todo: SweepTask[]): Promise<QueuePreview> {
  let results = 0, otherOutcomes = 0;
  const left: string[] = [];
  for (let i = 0; i < todo.length; i += 500) {
    const chunk = todo.slice(i, i + 500);
    const vals = await conn.hmget(RESULTS_KEY, ...chunk.map((t) => t.hash));
    vals.forEach((v, j) => {
      if (v === null) left.push(chunk[j]!.hash);
      else if (decodeOutcome(v).status === 'done') results++;
      else otherOutcomes++;
    });
  }
  // skipMetasUpdate: a Queue object writes the queue's meta hash (its version) as it opens otherwise, and a plan writes nothing
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: conn, skipMetasUpdate: true });
  try {
    const [onQueueIds, failedIds] = await Promise.all([queue.getRanges(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'], 0, -1), queue.getRanges(['failed'], 0, -1)]);
    const on = new Set(onQueueIds), gaveUp = new Set(failedIds);
    const onQueue = left.filter((h) => on.has(h)).length;
    const failed = left.filter((h) => !on.has(h) && gaveUp.has(h)).length;
    return { results, otherOutcomes, onQueue, failed, toEnqueue: left.length - onQueue - failed };
  } finally {
    await queue.close();
  }
}

/** Job states that mean "not started yet": what `--cancel` takes off the queue. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Takes a sweep's waiting tasks off the queue (from another shell: `sacplate sweep <file> --queue URL --cancel`);
 * returns how many it took off. Only jobs still waiting are counted: BullMQ's `remove` also
 * answers 1 for a job id that is not on the queue at all (taken off by an earlier Ctrl-C, or
 * finished), which made `--cancel` report every unfinished task of the sweep as taken off.
 */
export async function cancelQueued(url: string, hashes: string[], connection?: Redis): Promise<number> {
  const conn = connection ?? await connect(url);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: conn });
  try {
    return (await takeOffWaiting(queue, hashes)).removed;
  } finally {
    await queue.close();
    closeConnection(conn);
  }
}

/** cancelQueued's work on an open queue: the jobs of `hashes` not started yet taken off (`removed`), and those running (`running`: active, or started between the look and the removal) */
async function takeOffWaiting(queue: Queue<JobData>, hashes: string[]): Promise<{ removed: number; running: string[] }> {
  let removed = 0;
  const running: string[] = [];
  for (const h of hashes) {
    const state = await queue.getJobState(h);
    if (state === 'active') { running.push(h); continue; }
    if (!NOT_STARTED.has(state)) continue; // finished, failed or not there
    try { removed += await queue.remove(h); } catch { running.push(h); /* started meanwhile (locked): it finishes */ }
  }
  return { removed, running };
}

/** What `sacplate sweep FILE --queue URL --cancel` did (cancelSweep). */
export interface CancelResult {
  /** waiting tasks taken off the queue */
  removed: number;
  /** the sweep's tasks still running on workers once the waiting ones were off: they finish there (their results are collected by a run with the queue) */
  running: SweepTask[];
  /** results the workers had finished and no command had collected, recorded in the store now (a run does not run them again) */
  collected: number;
  /** the store's mark of a command that watched the sweep on this queue and is gone (SIGKILL), as it was: cleared when no task of the sweep runs on a worker, else kept (`cleared` false) */
  mark?: TakenOverMark & { cleared: boolean };
  /** the mark of a command that watched the sweep on another queue (not touched) */
  otherQueue?: TakenOverMark;
}

/**
 * `sacplate sweep FILE --queue URL --cancel` (mends66): takes the sweep's waiting tasks off the queue (cancelQueued), then
 * records in `store` the results the workers finished that no command collected, and, when none of the sweep's tasks runs
 * on a worker any more, clears the store's mark of a command that watched the sweep on this queue and is gone (killed:
 * its Ctrl-C would have cleared it), so that a local run goes on without `--force`. Until mends66 the mark stayed, a local
 * run was refused ("last watched on the queue ...") however often the sweep was cancelled, and `--force` then ran again
 * the tasks the workers had finished (their results in Redis only) and those running at the cancel. A task still running
 * keeps the mark (a local run would run it a second time) and is said; a --cancel once it has finished clears it.
 * The connection is closed here.
 */
export async function cancelSweep(url: string, store: SweepStore, sweep: string, todo: SweepTask[], connection?: Redis): Promise<CancelResult> {
  const conn = connection ?? await connect(url);
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: conn });
  try {
    const first = await takeOffWaiting(queue, todo.map((t) => t.hash));
    let removed = first.removed;
    // looked at again: a job seen running that is not now has ended (its result in the hash, collected below), or its
    // worker died and BullMQ put it back to wait (taken off now)
    const stillRunning: string[] = [];
    for (const h of first.running) {
      const state = await queue.getJobState(h);
      if (state === 'active') { stillRunning.push(h); continue; }
      if (NOT_STARTED.has(state)) {
        try { removed += await queue.remove(h); } catch { stillRunning.push(h); }
      }
    }
    // after that look: a task that was not running at it has its result in the hash by now, if it has one
    const collected = await collectFinished(conn, store, todo);
    const byHash = new Map(todo.map((t) => [t.hash, t]));
    const running = stillRunning.map((h) => byHash.get(h)!).sort((a, b) => a.index - b.index);
    const said = maskQueueUrl(url);
    // a watcher on another machine is alive while its key lives (renewed every 2 s, 15 s without)
    const watchers = await conn.smembers(WATCHERS_KEY + sweep);
    const alive = await Promise.all(watchers.map((id) => conn.exists(WATCHER_KEY + id)));
    const liveIds = watchers.filter((_, i) => alive[i] === 1);
    const gone = store.goneQueueMark(sweep, (host, pid) => liveIds.some((id) => id.startsWith(`${host}:${pid}:`)));
    const out: CancelResult = { removed, running, collected };
    if (gone && gone.queue !== said) out.otherQueue = gone;
    else if (gone) out.mark = { ...gone, cleared: running.length === 0 && store.clearQueueMark(sweep, gone) };
    return out;
  } finally {
    await queue.close();
    closeConnection(conn);
  }
}

export interface WorkerOptions {
  concurrency: number;
  /** job lock, ms: a dead worker's job goes back on the queue after about this long (default 30000) */
  lockMs?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** called once both connections are up (the command's banner: not printed before a connection error) */
  onConnected?: () => void;
}

/**
 * Pulls jobs until `signal` aborts; returns how many it ran to a result (done or invalid input), how many ended in an
 * error (no result: refused for EngineMismatch, a thread that died; until review46 counted as run) and how many it
 * skipped as already done.
 */
export async function runQueueWorker(url: string, opts: WorkerOptions): Promise<{ ran: number; errors: number; skipped: number }> {
  const id = `${hostname()}:${process.pid}`;
  const conn = await connect(url);
  let results: Redis;
  try { results = await connect(url); } catch (e) { closeConnection(conn); throw e; }
  opts.onConnected?.();
  const pool = createPool(opts.concurrency);
  const lockDuration = opts.lockMs ?? 30000;
  let ran = 0, errors = 0, skipped = 0;
  const worker = new Worker<JobData>(QUEUE_NAME, async (job) => {
    const { hash, run } = job.data;
    if (await results.hexists(RESULTS_KEY, hash)) { skipped++; return 'already done'; }
    opts.log?.(`start ${hash} (task ${job.data.index} of ${job.data.sweep})`);
    let out: TaskOutcome;
    try {
      if (job.data.engine !== engineFingerprint()) {
        out = { hash, status: 'error', error: { type: ENGINE_MISMATCH, message: `worker ${id} runs engine ${engineFingerprint()}, the sweep was keyed for engine ${job.data.engine}: run the same sacplate version on every machine` } };
      } else out = await pool.run({ hash, run, index: job.data.index });
    } catch (e) {
      // the thread itself died (out of memory, a native crash): record it, so the sweep sees it and stops
      out = { hash, status: 'error', error: taskError(e) };
    }
    const first = await results.hsetnx(RESULTS_KEY, hash, encodeOutcome({ ...out, worker: id }));
    if (out.status === 'error') errors++; else ran++;
    // an error says what it is here too: a worker of another build logged `error HASH` for each task it refused, the
    // reason (EngineMismatch: rebuild or restart the worker) only on the sweep's side (review39)
    opts.log?.(`${out.status} ${hash}${out.status === 'error' ? `: ${out.error.type}: ${out.error.message}` : ''}${first ? '' : ' (a result was already there; kept the first)'}`);
    return out.status;
  }, {
    connection: conn, concurrency: opts.concurrency, lockDuration, stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    maxStalledCount: MAX_STALLS, removeOnComplete: { count: 0 }, drainDelay: 1,
  });
  worker.on('error', (e) => opts.log?.(`queue error: ${e.message}`));
  // a job BullMQ gives up as this worker takes it (it stalled more than MAX_STALLS times: the worker processes that ran
  // it died) fails here without running: said, as the sweep records it (sweepfail; nothing was logged)
  worker.on('failed', (job, e) => opts.log?.(`given up ${job?.id ?? '?'}${job ? ` (task ${job.data.index} of ${job.data.sweep})` : ''}: ${e.message}${e.message === STALLED_LIMIT
    ? ` (a worker process died each time it ran it: the sweep records it as the task's ${WORKER_LOST} error)` : ''}`));
  await new Promise<void>((resolve) => {
    if (opts.signal?.aborted) resolve();
    opts.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  // Redis away: a plain close waits for it however long (Ctrl-C on `sacplate worker` stopped nothing; a second one killed
  // it). Forced, the running job is not waited for: its result cannot be written now, and its lock runs out on Redis, so
  // the job goes back on the queue for another worker
  if (conn.status !== 'ready' || results.status !== 'ready') {
    opts.log?.(`Redis at ${maskQueueUrl(url)} is not reachable: stopping without waiting for it (a job running here goes back on the queue when its lock runs out)`);
    await worker.close(true);
  } else await worker.close();
  await pool.destroy();
  closeConnection(results);
  closeConnection(conn);
  return { ran, errors, skipped };
}
