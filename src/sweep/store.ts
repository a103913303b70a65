/**
 * Sweep tables in the embedded store (the same SQLite file as `src/store`, WAL mode):
 *
 *  - `task_results`: one row per task hash, ever. A result is inserted once (INSERT OR IGNORE
 *    on the hash), so a task run twice (a retried queue job, a second sweep that shares it) is
 *    recorded once. Every numeric or text metric is a column of its own (added as new metric
 *    names appear), plus the whole metrics object as JSON for an exact round trip.
 *    status: done | invalid (bad input, with its one-line error) | error (unexpected; retried
 *    by the next run of the sweep). `steps_json`: how each protocol step ended (the early-end
 *    warnings of `compare` and `simulate --seeds`, which reuse these rows; NULL in rows
 *    recorded before it was added: those warnings then come from the metrics' steps_ended;
 *    finishedRuns is the one reader of the column).
 *  - `sweeps` and `sweep_tasks`: which task hashes make up a named sweep, with their axis values.
 *  - `screens`: the latest ranking of each named screen (objectives, fronts, values with their
 *    intervals), as `src/screen/view.ts` shapes it, so the workbench can plot it.
 *
 * The tables are created on first use (CREATE TABLE IF NOT EXISTS) next to the store's own,
 * after `openStore` has checked and migrated the file.
 */
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute } from 'node:path';
import type Database from 'better-sqlite3';
import { lazyRequire } from '../lazy-require.js';
import { processAlive } from '../io/process-alive.js';
import { FileError, InputError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { openStore, readOnlyStore, sqliteWords, writeProbe } from '../store/index.js';
import type { TaskError } from './tasks.js';
import { labelJson, labelText } from './hash.js';
import { maskQueueUrl } from './queue-url.js';
import type { Metrics } from '../simulation/report.js';

export type TaskStatus = 'done' | 'invalid' | 'error';

export interface TaskResult {
  hash: string;
  status: TaskStatus;
  metrics?: Record<string, unknown>;
  error?: TaskError;
  /** who ran it: "local" or the queue worker's id */
  worker?: string;
  wall_s?: number;
  /** how each protocol step ended (simulation/simulation.ts StepResult), for the early-end warnings */
  steps?: unknown[];
}

/** A finished run as `compare` and `simulate --seeds` reuse it. */
export interface FinishedRun {
  /** as a sweep row's (the same table, a NaN given back as NaN) */
  metrics: SweepRowMetrics;
  /** undefined in a row recorded before the steps were kept (NULL steps_json): cli/run-report.ts reusedStepEnds then reads the metrics' steps_ended */
  steps?: unknown[];
}

/** A sweep row's metrics (SweepRow.metrics). */
export type SweepRowMetrics = Partial<Metrics> & Record<string, unknown>;

export interface SweepRow {
  index: number;
  hash: string;
  label: Record<string, unknown>;
  status: TaskStatus | 'pending';
  error?: TaskError;
  /**
   * a done task's metrics: the simulator's Metrics (simulation/report.ts) with their types, a NaN kept (the store
   * spells it out), each key optional (a row an older version wrote lacks the keys added since); read by a key
   * name too (a table's columns, a screen's objectives: unknown)
   */
  metrics?: SweepRowMetrics;
}

const FIXED = ['hash', 'status', 'error_type', 'error', 'worker', 'finished_at', 'metrics_json', 'steps_json'];
const SAFE_COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The column a metric is stored in (its own name, unless that clashes with a fixed column). */
export function metricColumn(key: string): string | undefined {
  if (!SAFE_COLUMN.test(key)) return undefined;
  return FIXED.includes(key.toLowerCase()) ? `m_${key}` : key;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS task_results (
  hash TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('done','invalid','error')),
  error_type TEXT,
  error TEXT,
  worker TEXT,
  finished_at TEXT NOT NULL,
  metrics_json TEXT,
  steps_json TEXT
);
CREATE TABLE IF NOT EXISTS sweeps (
  name TEXT PRIMARY KEY,
  file TEXT,
  spec_json TEXT NOT NULL,
  task_count INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sweep_tasks (
  sweep TEXT NOT NULL REFERENCES sweeps(name) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  hash TEXT NOT NULL,
  label_json TEXT NOT NULL,
  PRIMARY KEY (sweep, idx)
);
CREATE INDEX IF NOT EXISTS sweep_tasks_hash ON sweep_tasks(hash);
CREATE TABLE IF NOT EXISTS sweep_runs (
  name TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  token TEXT NOT NULL,
  started_at TEXT NOT NULL,
  runner TEXT
);
CREATE TABLE IF NOT EXISTS screens (
  name TEXT PRIMARY KEY,
  file TEXT,
  result_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;

/**
 * A stored error as it applies to task `idx` (its `label`) of the sweep read. A result is stored once per hash, with
 * the line of the task that recorded it ("task 1 (temperature=NaN, seed=1): ..." for an invalid input, "task 1: ..."
 * for a worker's error): another sweep with the same task showed that sweep's index and label in `results` (mends46).
 * The stored label is found as this task's own first, else up to the first "): " (a label that holds "): " itself is
 * then cut short; the message is left as it is when no prefix is found).
 */
function ownTaskLine(message: string, idx: number, label: Record<string, unknown>): string {
  const own = labelText(label);
  const head = /^task \d+ /.exec(message);
  if (head && message.startsWith(`(${own}): `, head[0].length)) return `task ${idx} (${own}): ${message.slice(head[0].length + own.length + 4)}`;
  const other = /^task \d+ \(.*?\): /.exec(message);
  if (other) return `task ${idx} (${own}): ${message.slice(other[0].length)}`;
  return message.replace(/^task \d+: /, `task ${idx}: `);
}

/** JSON with non-finite numbers spelled out ("NaN", "Infinity"), and back: metrics round-trip exactly. */
const encodeJson = labelJson; // the labels' JSON (hash.ts): non-finite numbers as their text
const decodeJson = (t: string): unknown => JSON.parse(t, (_k, v: unknown) => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v));

/** A sweep as listed by `listSweeps`: its definition and how many of its tasks have each status. */
export interface SweepSummary {
  name: string;
  file: string | null;
  task_count: number;
  updated_at: string;
  counts: Record<TaskStatus | 'pending', number>;
}

/** A queue watcher's mark that a local run took over (its process gone, or on another machine): claimRun's onTakeOver. */
export interface TakenOverMark { host: string; /** on this machine (its process gone), else another's (not known) */ here: boolean; pid: number; queue: string; started_at: string; }

export class SweepStore {
  readonly path: string;
  private db: Database.Database;
  private columns = new Set<string>();
  /** the store file's device and inode as opened (sameFile: a file removed or replaced since is another's, or none) */
  private readonly identity: { dev: number; ino: number } | undefined;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
    this.identity = fileIdentity(path);
    for (const c of db.prepare('PRAGMA table_info(task_results)').all() as { name: string }[]) this.columns.add(c.name);
  }

  /** Opens the store at `path` (default: the store's default path) and creates the sweep tables. */
  static open(path?: string): SweepStore {
    const base = openStore(path); // checks, creates and migrates the file
    const file = base.path;
    base.close();
    let db: Database.Database;
    try {
      db = new (lazyRequire<typeof Database>('better-sqlite3'))(file, { timeout: 15000 });
      db.pragma('busy_timeout = 15000');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.exec(SCHEMA);
      // a store made before the steps were kept: the column is added (older rows keep none)
      const cols = db.prepare('PRAGMA table_info(task_results)').all() as { name: string }[];
      if (!cols.some((c) => c.name === 'steps_json')) {
        try { db.exec('ALTER TABLE task_results ADD COLUMN steps_json TEXT'); } catch (e) {
          if (!/duplicate column/i.test((e as Error).message)) throw e; // another process added it
        }
      }
      // a store whose sweep_runs came before the queue's marks (review53's, local runs only): NULL there is a local run
      if (!(db.prepare('PRAGMA table_info(sweep_runs)').all() as { name: string }[]).some((c) => c.name === 'runner')) {
        try { db.exec('ALTER TABLE sweep_runs ADD COLUMN runner TEXT'); } catch (e) {
          if (!/duplicate column/i.test((e as Error).message)) throw e;
        }
      }
    } catch (e) {
      // robust63: a store this user may read but not write (its file read-only, in a folder it can write) is opened, then
      // refused here in the store's own words for that, not as "cannot open the sweep tables (SQLite: attempt to write a
      // readonly database)"
      throw readOnlyStore(file, e) ?? new FileError(file, `cannot open the sweep tables ${sqliteWords(e)}`);
    }
    return new SweepStore(file, db);
  }

  /**
   * Refuses (FileError, the store's words) a store this user may read but not write, before a run that records in it:
   * robust63, a read-only store that already held the sweep tables opened, and the first record failed as "internal
   * error: attempt to write a readonly database". Readers (results, the workbench's sweep pages, a plan) do not call it.
   */
  checkWritable(): void {
    try { writeProbe(this.db); } catch (e) { throw readOnlyStore(this.path, e) ?? e; }
  }

  /**
   * Records which tasks make up the sweep `name` (replacing an earlier definition of the same sweep).
   * `file` is the sweep or screen file, as an absolute path. A name the store holds for another file
   * is refused (InputError): two files x.yaml in two folders both default to the name "x", and the
   * second replaced the first's listing without a word. A row without a file (an object's, or from
   * before the files were kept) or with a relative path (kept before they were made absolute: from
   * which folder is not known) is taken over as before. `fileName` is the name the file gives when the
   * sweep's is made from it (a screen `s` runs as sweep `s-runs`): the refusal names it, and its example
   * is one the command would take (it said "name: s-runs-2" for a screen, which runs as s-runs-2-runs).
   */
  defineSweep(name: string, file: string | undefined, spec: unknown, tasks: { index: number; hash: string; label: Record<string, unknown> }[], fileName = name): void {
    const put = this.db.prepare('INSERT INTO sweep_tasks (sweep, idx, hash, label_json) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.checkSweepName(name, file, fileName);
      this.db.prepare('DELETE FROM sweep_tasks WHERE sweep = ?').run(name);
      this.db.prepare(`INSERT INTO sweeps (name, file, spec_json, task_count, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET file = excluded.file, spec_json = excluded.spec_json, task_count = excluded.task_count, updated_at = excluded.updated_at`)
        .run(name, file ?? null, JSON.stringify(spec), tasks.length, new Date().toISOString());
      for (const t of tasks) put.run(name, t.index, t.hash, labelJson(t.label)); // NaN, Infinity as text (JSON.stringify: null)
    }).immediate();
  }

  /** defineSweep's refusal of a name the store holds for another file, alone (`sweep --plan`, which records nothing: mends123). */
  checkSweepName(name: string, file: string | undefined, fileName = name): void {
    const old = (this.db.prepare('SELECT file FROM sweeps WHERE name = ?').get(name) as { file: string | null } | undefined)?.file;
    if (file !== undefined && old != null && isAbsolute(old) && old !== file) {
      const suffix = name.startsWith(fileName) ? name.slice(fileName.length) : '';
      const example = `name: ${fileName}-2${suffix ? `, whose simulations are then sweep ${fileName}-2${suffix}` : ''}`;
      throw new InputError('name', fileName, `${suffix ? `a name whose sweep, "${name}", is this file's own` : "a sweep name of this file's own"}: sweep "${name}" in the store ${this.path} is the one of ${old}, `
        + `and ${file} would replace its listing (what \`sacplate results ${name}\` gives); set \`name:\` in ${file} to another name (e.g. ${example}) or give one with --name`);
    }
  }

  /**
   * Marks the sweep `name` as being run by this process, on the local pool or watched on a Redis queue (`runner`),
   * until releaseRun(name, token) (returned). Refused (InputError, one line naming the other process, its runner and how
   * to stop it) while another live process on this machine (or another call in this one) has the sweep:
   *  - on the local pool, whatever this one's runner: until review53 the same sweep started twice at once (two shells,
   *    a script and a shell) ran every task twice, each command saying it ran them all, and the second result of each
   *    was dropped; until sweepkeep a queued run beside it was not refused either, and the workers ran them all again;
   *  - watching it on a queue, for a local run: the local pool ran the tasks the workers were running (one result kept).
   * Two commands watching the same sweep on a queue are allowed (review53: each leaves the waiting tasks to the other);
   * the later one holds the mark. A mark whose process is gone (killed, the machine restarted) or that another machine
   * left (whether its process lives is not known here) is taken over; `onTakeOver` hears of a queue watcher's so taken
   * (its waiting tasks may still be on its queue).
   */
  claimRun(name: string, runner: { kind: 'local'; /** take over a queue watcher's mark its process left (sweep --force) */ force?: boolean } | { kind: 'queue'; url: string }, onTakeOver?: (old: TakenOverMark) => void): string {
    const token = `${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
    const host = hostname();
    // a queue's URL is kept with its password masked (mends108): the mark is said in other commands' refusals and notes
    const mine = runner.kind === 'queue' ? `queue ${maskQueueUrl(runner.url)}` : 'local';
    this.db.transaction(() => {
      const r = this.db.prepare('SELECT host, pid, started_at, runner FROM sweep_runs WHERE name = ?').get(name) as { host: string; pid: number; started_at: string; runner: string | null } | undefined;
      if (r && r.host === host && processAlive(r.pid)) {
        const who = `process ${r.pid}${r.pid === process.pid ? ' (this one)' : ''} on this machine`;
        const queued = r.runner?.startsWith('queue ') ? r.runner.slice('queue '.length) : undefined;
        if (queued === undefined) {
          // the same words for a queued run as for a second local one: the other runner is the local pool either way
          throw new InputError('sweep', name, `one run of a sweep at a time on the local pool: ${who} has been running sweep "${name}" (store ${this.path}) since ${r.started_at}; `
            + 'wait for it to end, or stop it (Ctrl-C) and run this again, which goes on from its results (two runs at once ran every task twice); to share a sweep among processes or machines, run it with --queue URL and sacplate worker');
        }
        if (runner.kind === 'local') {
          throw new InputError('sweep', name, `one runner of a sweep at a time: ${who} has been watching sweep "${name}" on the queue ${queued} (store ${this.path}) since ${r.started_at}, whose workers run its tasks; `
            + `stop it (Ctrl-C in its shell, or kill -INT ${r.pid}: its waiting tasks are taken off the queue) and run this again, which goes on from its results, or run this with --queue ${queued} to watch the same sweep (a local run beside it ran the tasks the workers ran)`);
        }
        // a second command watching the same queued sweep: allowed (review53); it holds the mark from now on
      } else if (r?.runner?.startsWith('queue ') && runner.kind === 'local') {
        const old: TakenOverMark = { host: r.host, here: r.host === host, pid: r.pid, queue: r.runner.slice('queue '.length), started_at: r.started_at };
        // polish65b (sweeprobust65): a local run after a queue watcher killed (SIGKILL: no Ctrl-C took its waiting tasks
        // off) ran the unfinished tasks beside the workers, which ran the same ones from the queue (6 of 8 ran twice; one
        // result each kept); it went on with a note. Refused unless told (--force), naming the queue it was watched on
        if (runner.force !== true) {
          throw new InputError('sweep', name, `a sweep whose tasks no queue may still hold, to run it here: sweep "${name}" (store ${this.path}) was last watched on the queue ${old.queue} by process ${old.pid} `
            + `${old.here ? 'on this machine, now gone' : `on ${old.host} (whether it still runs is not known here)`}, since ${old.started_at}, and its waiting tasks may still be on that queue, where the workers would run them beside a local run (each twice); `
            + `run this with --queue ${old.queue} --resume to collect the workers' results and go on there, or take its waiting tasks off first (\`sacplate sweep FILE --queue ${old.queue} --cancel\`, which clears this mark once none of its tasks runs on a worker) and run this again to run the rest here (--force runs it here without that)`);
        }
        onTakeOver?.(old);
      }
      this.db.prepare(`INSERT INTO sweep_runs (name, host, pid, token, started_at, runner) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET host = excluded.host, pid = excluded.pid, token = excluded.token, started_at = excluded.started_at, runner = excluded.runner`)
        .run(name, host, process.pid, token, new Date().toISOString(), mine);
    }).immediate();
    return token;
  }

  /**
   * The mark of a command that watched sweep `name` on a queue and is gone (mends66, for `sweep --queue URL --cancel`): on
   * this machine, its process no longer there; on another (a store shared over the network), not alive by `aliveThere`
   * (the queue's watcher keys). Undefined when there is no such mark (none, a local run's, or a live watcher's).
   */
  goneQueueMark(name: string, aliveThere: (host: string, pid: number) => boolean): TakenOverMark | undefined {
    const r = this.db.prepare('SELECT host, pid, started_at, runner FROM sweep_runs WHERE name = ?').get(name) as { host: string; pid: number; started_at: string; runner: string | null } | undefined;
    if (!r?.runner?.startsWith('queue ')) return undefined;
    const here = r.host === hostname();
    if (here ? processAlive(r.pid) : aliveThere(r.host, r.pid)) return undefined;
    return { host: r.host, here, pid: r.pid, queue: r.runner.slice('queue '.length), started_at: r.started_at };
  }

  /** Removes the mark goneQueueMark found (not one written since by another run); whether it did. */
  clearQueueMark(name: string, mark: TakenOverMark): boolean {
    return this.db.prepare('DELETE FROM sweep_runs WHERE name = ? AND host = ? AND pid = ? AND started_at = ? AND runner = ?')
      .run(name, mark.host, mark.pid, mark.started_at, `queue ${mark.queue}`).changes > 0;
  }

  /** Ends the mark claimRun made (not a later run's, which took over the mark). */
  releaseRun(name: string, token: string): void {
    this.db.prepare('DELETE FROM sweep_runs WHERE name = ? AND token = ?').run(name, token);
  }

  hasSweep(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM sweeps WHERE name = ?').get(name) !== undefined;
  }

  /** Status of each given hash that has a result. */
  statuses(hashes: string[]): Map<string, TaskStatus> {
    const out = new Map<string, TaskStatus>();
    const get = this.db.prepare('SELECT status FROM task_results WHERE hash = ?');
    for (const h of hashes) {
      const r = get.get(h) as { status: TaskStatus } | undefined;
      if (r) out.set(h, r.status);
    }
    return out;
  }

  /**
   * Writes a result once: a hash that already has a done or invalid result is left as it is
   * (returns false); an earlier unexpected error is replaced by the new result.
   */
  record(r: TaskResult): boolean {
    this.checkSameFile();
    try { return this.insertResult(r); } catch (e) {
      // a store that cannot be written any more (made read-only, its disk full, locked by another program past the busy
      // wait): the store's words, naming the file, not SQLite's alone ("internal error ... please report it")
      const code = (e as { code?: string }).code ?? '';
      const why = /^SQLITE_BUSY/.test(code) ? 'another program held the store locked for writing longer than the 15 s this command waits (a sqlite3 shell in a transaction, a copy or backup tool?)'
        : /^SQLITE_FULL/.test(code) ? 'the disk that holds it is full' : '';
      throw readOnlyStore(this.path, e) ?? (e instanceof Error && /^SQLITE_/.test(code)
        ? new FileError(this.path, `cannot record a task's result${why ? `: ${why}` : ''} ${sqliteWords(e)}; the results recorded before are kept: run the command again once the store can be written (what has a result is not run again)`)
        : e);
    }
  }

  /**
   * sweeprobust65: refuses (FileError) to go on with a store whose file was removed, moved or replaced since it was
   * opened (its folder removed by hand or by a clean-up, the file moved away or deleted). SQLite writes on into the
   * unlinked file without an error, so a sweep said `ran: 8`, exit 0, its results in no file, and the command's closing
   * hint made a new, empty store at the path. A stat of the path (a few microseconds) before each result.
   */
  checkSameFile(): void {
    if (this.identity === undefined) return;
    const now = fileIdentity(this.path);
    if (now !== undefined && now.dev === this.identity.dev && now.ino === this.identity.ino) return;
    throw new FileError(this.path, `was removed or replaced while this command had it open (${now === undefined ? 'no file there now: its folder removed, the file deleted or moved away?' : 'another file there now'}): `
      + 'the results recorded in it since are not in any store, and this command stops rather than go on writing into a file no path leads to; '
      + 'put the store back (a moved file keeps what it held) or run the command again with a store (--db) that stays where it is: what has a result in it is not run again');
  }

  private insertResult(r: TaskResult): boolean {
    const metrics = r.metrics ?? {};
    const cols: [string, unknown][] = [];
    for (const [k, v] of Object.entries(metrics)) {
      const c = metricColumn(k);
      if (!c) continue;
      const val = typeof v === 'number' ? (Number.isFinite(v) ? v : null)
        : typeof v === 'string' || v === null ? v
          : typeof v === 'boolean' ? (v ? 1 : 0) : JSON.stringify(v);
      cols.push([c, val]);
      if (!this.columns.has(c)) {
        const type = typeof v === 'number' || typeof v === 'boolean' ? 'REAL' : v === null ? '' : 'TEXT';
        try { this.db.exec(`ALTER TABLE task_results ADD COLUMN "${c}" ${type}`); } catch (e) {
          if (!/duplicate column/i.test((e as Error).message)) throw e; // another process added it
        }
        this.columns.add(c);
      }
    }
    const names = ['hash', 'status', 'error_type', 'error', 'worker', 'finished_at', 'metrics_json', 'steps_json', ...cols.map((c) => c[0])];
    const vals = [r.hash, r.status, r.error?.type ?? null, r.error?.message ?? null, r.worker ?? null, new Date().toISOString(),
      r.metrics ? encodeJson(r.metrics) : null, r.steps ? encodeJson(r.steps) : null,
      ...cols.map((c) => c[1])];
    const sql = `INSERT INTO task_results (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})
      ON CONFLICT(hash) DO UPDATE SET ${names.slice(1).map((n) => `"${n}" = excluded."${n}"`).join(', ')} WHERE task_results.status = 'error'`;
    const info = this.db.prepare(sql).run(...vals);
    return info.changes > 0;
  }

  /**
   * The rows of the stored sweep `name` (`sacplate results NAME`); a name the store does not hold is an
   * InputError naming `field`, what was given (`given`: a file's name or the name) and, for a screen's
   * name, the sweep its simulations are stored as, read with `how` (the CLI's `sacplate results NAME-runs`).
   */
  storedSweepRows(name: string, field: string, given: unknown, how: (runs: string) => string): SweepRow[] {
    if (!this.hasSweep(name)) {
      // a screen's name: its simulations are the sweep NAME-runs (screen/stages.ts screenSweep)
      const runs = `${name}-runs`;
      // a screen ranked without simulations (its objectives need none, since session 41) has no sweep at all: said so
      // (review48: `results nosim` and `results nosim.yaml` said only `none named`)
      const screenName = [name, ...(name.endsWith('-runs') ? [name.slice(0, -'-runs'.length)] : [])]
        .find((n) => this.db.prepare('SELECT 1 FROM screens WHERE name = ?').get(n) !== undefined);
      const screen = this.hasSweep(runs) ? `; "${name}" is a screen: its runs are stored as the sweep "${runs}" (${how(runs)})`
        : screenName !== undefined ? `; "${screenName}" is a screen ranked without simulations (its objectives need none): it has no runs to list` : '';
      // a near name among the store's sweeps, as for a misspelt SAC site (review39: `results r39-sac` beside r39-sacs)
      const near = screen ? '' : didYouMean(name, (this.db.prepare('SELECT name FROM sweeps').all() as { name: string }[]).map((x) => x.name));
      throw new InputError(field, given, `a sweep run before with this store (${this.path}); none named "${name}"${screen}${near}`);
    }
    return this.sweepRows(name);
  }

  /** The tasks of a sweep in order, with their results (pending when none yet). */
  sweepRows(name: string): SweepRow[] {
    const rows = this.db.prepare(`SELECT t.idx, t.hash, t.label_json, r.status, r.error_type, r.error, r.metrics_json
      FROM sweep_tasks t LEFT JOIN task_results r ON r.hash = t.hash WHERE t.sweep = ? ORDER BY t.idx`).all(name) as {
      idx: number; hash: string; label_json: string; status: TaskStatus | null; error_type: string | null; error: string | null; metrics_json: string | null;
    }[];
    return rows.map((r) => {
      const label = JSON.parse(r.label_json) as Record<string, unknown>;
      return {
        index: r.idx, hash: r.hash, label,
        status: r.status ?? 'pending',
        ...(r.error_type ? { error: { type: r.error_type, message: ownTaskLine(r.error ?? '', r.idx, label) } } : {}),
        ...(r.metrics_json ? { metrics: decodeJson(r.metrics_json) as SweepRowMetrics } : {}),
      };
    });
  }

  /**
   * The finished (done) results among `hashes`: what `compare` and `simulate --seeds` reuse
   * instead of running a run again (the hash is the task key of src/sweep/hash.ts, so a sweep's
   * result serves them too, and theirs a sweep).
   */
  finishedRuns(hashes: string[]): Map<string, FinishedRun> {
    const out = new Map<string, FinishedRun>();
    const get = this.db.prepare("SELECT metrics_json, steps_json FROM task_results WHERE hash = ? AND status = 'done' AND metrics_json IS NOT NULL");
    for (const h of hashes) {
      const r = get.get(h) as { metrics_json: string; steps_json: string | null } | undefined;
      if (r) out.set(h, { metrics: decodeJson(r.metrics_json) as SweepRowMetrics, ...(r.steps_json ? { steps: decodeJson(r.steps_json) as unknown[] } : {}) });
    }
    return out;
  }

  /** Every sweep, newest first, with its task counts by status. */
  listSweeps(): SweepSummary[] {
    const sweeps = this.db.prepare('SELECT name, file, task_count, updated_at FROM sweeps ORDER BY updated_at DESC, name').all() as Omit<SweepSummary, 'counts'>[];
    const count = this.db.prepare(`SELECT COALESCE(r.status, 'pending') AS status, COUNT(*) AS n
      FROM sweep_tasks t LEFT JOIN task_results r ON r.hash = t.hash WHERE t.sweep = ? GROUP BY 1`);
    return sweeps.map((sw) => {
      const counts: SweepSummary['counts'] = { done: 0, invalid: 0, error: 0, pending: 0 };
      for (const c of count.all(sw.name) as { status: TaskStatus | 'pending'; n: number }[]) counts[c.status] = c.n;
      return { ...sw, counts };
    });
  }

  /** Keeps the latest result of the screen `name` (replacing the one before). */
  recordScreen(name: string, file: string | undefined, result: unknown): void {
    this.db.prepare(`INSERT INTO screens (name, file, result_json, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(name) DO UPDATE SET file = excluded.file, result_json = excluded.result_json, updated_at = excluded.updated_at`)
      .run(name, file ?? null, JSON.stringify(result), new Date().toISOString());
  }

  /** Every recorded screen, newest first. */
  listScreens(): { name: string; file: string | null; updated_at: string; result: unknown }[] {
    const rows = this.db.prepare('SELECT name, file, updated_at, result_json FROM screens ORDER BY updated_at DESC, name').all() as { name: string; file: string | null; updated_at: string; result_json: string }[];
    return rows.map((r) => ({ name: r.name, file: r.file, updated_at: r.updated_at, result: JSON.parse(r.result_json) as unknown }));
  }

  /** How many result rows exist for a hash (0 or 1 by construction; the tests check it). */
  resultCount(hash: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM task_results WHERE hash = ?').get(hash) as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** `path`'s device and inode, or undefined when nothing is there (or it cannot be read). */
function fileIdentity(path: string): { dev: number; ino: number } | undefined {
  try { const st = statSync(path); return { dev: st.dev, ino: st.ino }; } catch { return undefined; }
}
