/**
 * The embedded store: one SQLite file (better-sqlite3) holding literature records, parameter
 * sets and simulation runs. Default path ~/.sacplate/sacplate.db, overridden by SACPLATE_DB or
 * an explicit path (the CLI's --db). WAL mode and a busy timeout let several CLI processes write
 * at once; schema changes go through numbered migrations recorded in PRAGMA user_version.
 * A file that is not a readable SQLite database is reported (FileError) and never overwritten.
 */
import { accessSync, constants as fsConstants, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { lazyRequire } from '../lazy-require.js';
import { FileError, InputError, fsReason } from '../errors.js';
import { makeDir } from '../io/dirs.js';
import { runHadNoSacs } from '../metrics/sac-list.js';
import type { Metrics } from '../simulation/report.js';

import { RUN_STATUSES, type RunStatus } from './run-status.js';
export { RUN_STATUSES, type RunStatus };
import { METRIC_COLUMNS, METRIC_COLUMNS_2, METRIC_COLUMNS_3, METRIC_COLUMNS_4, METRIC_COLUMNS_5, METRIC_COLUMNS_6, METRIC_COLUMNS_8, METRIC_COLUMNS_9, type MetricColumn } from './columns.js';
export { METRIC_COLUMNS };
import { runQuerySql, type RunCondition, type RunOrder } from './run-query.js';

export interface NewRun {
  name?: string;
  input: unknown;
  metrics: unknown;
  outDir?: string;
  artefacts?: string[];
  status?: 'finished' | 'failed' | 'cancelled' | 'running';
  /** the run's (thinned) trace and per-cycle summary, as updateRun stores them (GET /api/runs/:id/series) */
  trace?: unknown;
  cycles?: unknown;
}

/** A value as JSON gives it back: a number may be null (JSON writes NaN and Infinity as null, e.g. a run's NaN overpotential). */
export type JsonRead<T> = T extends number ? number | null
  : T extends readonly (infer E)[] ? JsonRead<E>[]
  : T extends object ? { [K in keyof T]: JsonRead<T[K]> }
  : T;

/**
 * A run record's metrics: the run's Metrics (simulation/report.ts, what its metrics.json holds) once it has run,
 * finished or cancelled part way, as JSON gives them back (a NaN is null). Partial: a row an older version wrote
 * lacks the keys added since, and a run that has not run holds only its identity (metal, host, sacs, seed, mode,
 * voxel_nm, temperature_K) and, while the workbench runs it, `workbench_pid`; one cancelled while queued
 * `never_started`; a failed one `error` (and `interrupted` when its server stopped); one run with engine switches (a
 * library caller's config.engine) `engine_config`.
 */
export type RunRecordMetrics = Partial<JsonRead<Metrics>> & { workbench_pid?: number; never_started?: boolean; error?: string; interrupted?: boolean; /** the engine switches the run's caller gave (config.engine), as resolved.json's engine_config */ engine_config?: Record<string, string> };

export interface RunRecord {
  id: string;
  created_at: string;
  name: string | null;
  input: unknown;
  metrics: RunRecordMetrics;
  out_dir: string | null;
  artefacts: string[];
  status: RunStatus;
}

export interface RunFilter {
  status?: RunStatus;
  /** substring of the run name */
  name?: string;
  /** ISO date/time; runs created at or after it */
  since?: string;
  /** newest first; default 100 */
  limit?: number;
  /** conditions on columns, all of which a run meets (run-query.ts: `{ column: 'average_ce', op: '>', value: 0.95 }`); a NULL never matches */
  where?: RunCondition[];
  /** the order (default newest first): a column, lowest first or `descending`; NULLs last */
  orderBy?: RunOrder;
}

export interface ParamSetRecord {
  kind: string;
  name: string;
  data: unknown;
  source: string | null;
  updated_at: string;
}

export interface StoredLitRecord {
  id: string;
  name: string;
  metal: string;
  data: unknown;
  origin: string;
  hash: string;
  updated_at: string;
}

/** The SQL that adds metric columns to the runs table and fills them from metrics_json for the rows it holds. */
function metricColumnsMigration(cols: readonly MetricColumn[]): string {
  return [...cols.map((c) => `ALTER TABLE runs ADD COLUMN ${c.name} ${c.type};`),
    ...cols.map((c) => `UPDATE runs SET ${c.name} = ${c.fill} WHERE json_valid(metrics_json);`)].join('\n   ');
}

/**
 * Metrics (or a metric row) read back: a run without SACs has no SAC share nor chance, null, also where a run written
 * before mends62 holds 0 for them (mends63: the Run page showed an old bare-host run's 0, as did `runs list`). The same
 * object when nothing changes; `input`, the run's stored input, for metrics without their `sacs` list.
 */
export function bareShareAsNull<T>(metrics: T, input?: unknown): T {
  if (!metrics || typeof metrics !== 'object') return metrics;
  const m = metrics as Record<string, unknown>;
  const held = (m.sac_nucleation_share ?? null) !== null || (m.sac_nucleation_share_chance ?? null) !== null;
  if (!held || runHadNoSacs(m, input) !== true) return metrics;
  return { ...m, sac_nucleation_share: null, sac_nucleation_share_chance: null } as T;
}

/**
 * The metric columns' values for one metrics object (null where absent or not a number/string); `input`, the run's
 * input, for metrics without their `sacs` list (bareShareAsNull).
 */
export function metricColumnValues(metrics: unknown, input?: unknown): (string | number | null)[] {
  // a run without SACs: no share nor chance (null), also in metrics written before mends62 (0)
  const m = bareShareAsNull((metrics && typeof metrics === 'object' ? metrics : {}) as Record<string, unknown>, input);
  return METRIC_COLUMNS.map((c) => {
    const v = m[c.name];
    if (c.name === 'sacs') return Array.isArray(v) ? v.map(String).join('+') : null;
    // the engine (columns.ts METRIC_COLUMNS_6): only a sector run's metrics name it; any other run is the serial engine's, on 1 thread
    const sectors = m.engine === 'sectors';
    if (c.name === 'engine') return sectors ? 'sectors' : 'serial';
    if (c.name === 'threads') return sectors ? (typeof m.threads === 'number' && Number.isInteger(m.threads) ? m.threads : null) : 1;
    if (c.type === 'TEXT') return typeof v === 'string' ? v : null;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  });
}

/** The runs columns a RunRecord is read from (not the traces). */
const RUN_COLS = 'id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status';

/** The columns of a metric row (runMetricRows, runRows): the run's identity and its metric columns. */
const METRIC_ROW_COLS = ['id', 'created_at', 'name', 'status', ...METRIC_COLUMNS.map((c) => c.name)].join(', ');

/**
 * The SQL function migration 7 reads (registered on the connection that migrates): 1 where runHadNoSacs says the run
 * had no SACs from its stored metrics and input (JSON text), else 0 (also for text that is not JSON).
 */
export const BARE_RUN_SQL_FUNCTION = 'sacplate_run_had_no_sacs';

/** Schema migrations; index i brings the database from user_version i to i+1 (exported for the tests, which make a store of an older version with the first ones). */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     name TEXT,
     input_json TEXT NOT NULL,
     metrics_json TEXT NOT NULL,
     out_dir TEXT,
     artefacts_json TEXT NOT NULL DEFAULT '[]',
     status TEXT NOT NULL CHECK (status IN ('finished','failed','cancelled','running'))
   );
   CREATE INDEX runs_created ON runs(created_at);
   CREATE TABLE param_sets (
     kind TEXT NOT NULL,
     name TEXT NOT NULL,
     data_json TEXT NOT NULL,
     source TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (kind, name)
   );
   CREATE TABLE lit_records (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     metal TEXT NOT NULL,
     data_json TEXT NOT NULL,
     origin TEXT NOT NULL,
     hash TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // 2: run metrics as columns (the workbench's Compare page queries them), plus the traces and
  // per-cycle CE the workbench keeps for runs it started; filled from metrics_json for old rows
  `${METRIC_COLUMNS_2.map((c) => `ALTER TABLE runs ADD COLUMN ${c.name} ${c.type};`).join('\n   ')}
   ALTER TABLE runs ADD COLUMN trace_json TEXT;
   ALTER TABLE runs ADD COLUMN cycles_json TEXT;
   ${METRIC_COLUMNS_2.map((c) => `UPDATE runs SET ${c.name} = ${c.fill} WHERE json_valid(metrics_json);`).join('\n   ')}
   CREATE INDEX runs_metal_host ON runs(metal, host);`,
  // 3: sac_nucleation_share_chance (a later metric column: a new migration like this one, never an edit of 2)
  metricColumnsMigration(METRIC_COLUMNS_3),
  // 4: the first plating step's current density and capacity (mends49)
  metricColumnsMigration(METRIC_COLUMNS_4),
  // 5: the estimator (review42)
  metricColumnsMigration(METRIC_COLUMNS_5),
  // 6: the engine (serial or sectors) and its threads (mends60)
  metricColumnsMigration(METRIC_COLUMNS_6),
  // 7: a bare-host run's SAC share and chance are null, not the 0 a row written before mends62 holds (mends66); the
  // rule is runHadNoSacs's own, the SQL function migrate() registers; a row whose JSON is
  // not valid is left as it is
  `UPDATE runs SET sac_nucleation_share = NULL, sac_nucleation_share_chance = NULL
     WHERE (sac_nucleation_share IS NOT NULL OR sac_nucleation_share_chance IS NOT NULL)
       AND json_valid(metrics_json) AND ${BARE_RUN_SQL_FUNCTION}(metrics_json, input_json) = 1;`,
  // 8: the nuclei counted before they coalesce, metrics.json's early_* keys (earlyapi; mends106 left them out of the
  // store): filled from metrics_json, null for a row written before nucleicov
  metricColumnsMigration(METRIC_COLUMNS_8),
  // 9: the stable islands (5 voxels or more) and the single-atom nuclei, at the end and early_* (nuclei65): filled from
  // metrics_json, null for a row written before nuclei65
  metricColumnsMigration(METRIC_COLUMNS_9),
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** ~/.sacplate/sacplate.db, or SACPLATE_DB when set. */
export function defaultStorePath(): string {
  const env = process.env.SACPLATE_DB;
  if (env && env.trim() !== '') return resolve(env);
  return resolve(homedir(), '.sacplate', 'sacplate.db');
}

/** The store file a --db value names: the path, resolved, or defaultStorePath() when none (or blank) is given. */
export function storeFile(db: string | undefined): string {
  return resolve(db && db.trim() !== '' ? db : defaultStorePath());
}

/**
 * Refuses a path that is not a SQLite database before anything is written to it. The header is read through SQLite (a
 * read-only connection), never with plain fs calls: closing any fd of a file drops every POSIX lock this process holds
 * on it (sqlite.org/howtocorrupt.html 2.2), and the process may have the store open already (the server's Store while a
 * GET /api/sweeps opens it again, compare, screen). With its lock gone, another client that closed the store cleanly
 * deleted the WAL this process still wrote to: a corrupt store and finished runs lost (review88 F1). SQLite keeps the fds
 * of a file its other connections lock open until they unlock, so this probe's close leaves their locks in place. A
 * read-only connection neither rolls back a journal nor checkpoints, so a foreign file is not written to either.
 */
function checkHeader(path: string): void {
  let st;
  try { st = statSync(path); } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return; // a new store
    throw new FileError(path, `cannot open the database file: ${fsReason(e)}`); // "unable to open database file" (SQLite's words) for a symlink loop
  }
  if (st.isDirectory()) throw new FileError(path, 'is a directory, expected a sacplate database file');
  if (!st.isFile()) throw new FileError(path, 'is not a regular file (a pipe, socket or device), expected a sacplate database file; it was left untouched');
  if (st.size === 0) return; // an empty file is a fresh database for SQLite
  let probe: Database.Database | undefined;
  try {
    probe = new (lazyRequire<typeof Database>('better-sqlite3'))(path, { readonly: true, fileMustExist: true, timeout: 15000 });
    probe.pragma('schema_version'); // reads the header (page 1): SQLITE_NOTADB when it is not SQLite's
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB')
      throw new FileError(path, 'is not a SQLite database (corrupted or another kind of file); it was left untouched. Move it away or pass --db with another path');
    // any other failure (unreadable, locked, damaged): openStore's own connection reports it in its words
  } finally {
    probe?.close();
  }
}

/** SQLite's own words for a problem, at the end of a FileError's message in brackets: "(SQLite: file is not a database)". */
export function sqliteWords(e: unknown): string {
  return `(SQLite: ${e instanceof Error ? e.message : String(e)})`;
}

/**
 * A quick_check's report in words: how many problems it found, the first in brackets (a damaged page
 * gave hundreds of lines of "Tree 5 page 5 cell 89: Offset 23040 out of range ..." in one message).
 */
function integrityText(report: string): string {
  const lines = report.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(l));
  const first = lines[0] ?? report;
  return `is damaged: SQLite's integrity check found ${lines.length > 1 ? `${lines.length} problems` : 'a problem'} in its pages; it was left untouched. Move it away or pass --db with another path (SQLite quick_check: ${first}${lines.length > 1 ? `; ... and ${lines.length - 1} more` : ''})`;
}

/**
 * A store that cannot be written (the file or its folder read-only for this user, or on a read-only disk): SQLite's
 * SQLITE_READONLY. Opening writes (WAL mode, a pending migration: every version-2 store needs migration 3) and so
 * does recording a run; it said "internal error: attempt to write a readonly database ... please report it".
 */
export function readOnlyStore(file: string, e: unknown): FileError | undefined {
  const code = (e as { code?: string }).code ?? '';
  if (!/^SQLITE_READONLY/.test(code)) return undefined;
  // (SQLITE_READONLY_DIRECTORY: its folder; SQLITE_READONLY_DBMOVED and the like, a file moved or removed while open,
  // are not a matter of permissions)
  const why = code === 'SQLITE_READONLY' || code === 'SQLITE_READONLY_DIRECTORY' ? 'the store file or its folder is read-only for this user' : 'SQLite cannot write to the store now';
  return new FileError(file, `cannot be written: ${why} (sacplate writes to its store when it opens it and records runs in it); make both writable, or pass --db with a store you can write ${sqliteWords(e)}`);
}

/**
 * robust63: a write to the store `db` that is taken back, to learn before any work whether this user may write it:
 * `BEGIN IMMEDIATE` alone passes on a connection SQLite opened read-only (the file's mode), so the header's
 * user_version is set to its own value inside the transaction (SQLITE_READONLY there), then rolled back.
 */
export function writeProbe(db: Database.Database): void {
  const v = db.pragma('user_version', { simple: true }) as number;
  try { db.exec(`BEGIN IMMEDIATE; PRAGMA user_version = ${v}; ROLLBACK;`); } finally { if (db.inTransaction) db.exec('ROLLBACK'); }
}

/**
 * robust63: why SQLite cannot open the store `file` when this user's permissions are the cause, else undefined. SQLite
 * says "unable to open database file" alike for a new store in a folder this user cannot write and for a store file it
 * cannot read (mode 000, another user's 600), which named neither the folder nor the mode (the CLI's simulate and
 * compare check the folder first, --db's own words; sweep, runs, serve and the library did not).
 */
function unopenableStore(file: string): FileError | undefined {
  const dir = dirname(file);
  if (!existsSync(file)) {
    try { accessSync(dir, fsConstants.W_OK | fsConstants.X_OK); } catch (e) {
      return new FileError(file, `cannot be created: its folder ${dir} cannot be written by this user (${fsReason(e)}); make it writable, or pass --db with a store you can write`);
    }
    return undefined;
  }
  try { accessSync(file, fsConstants.R_OK); } catch (e) {
    return new FileError(file, `cannot be opened: ${fsReason(e)}: the store file must be readable and writable by this user; change its mode, or pass --db with a store you can write`);
  }
  return undefined;
}

/**
 * robust62: a store whose tables were changed outside sacplate (a column or table dropped or renamed with the sqlite3
 * shell, a view in a table's place, a trigger refusing writes) failed every command with "internal error: no such
 * column: name (... please report it)", exit 1: SQLite's schema errors named as the store's, with what to do.
 */
function changedStore(file: string, e: unknown): FileError | undefined {
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') return new FileError(file, `a write was refused by a trigger in the store (added outside sacplate); it was left as it is. Drop the trigger, or pass --db with another path ${sqliteWords(e)}`);
  if (code !== 'SQLITE_ERROR' || !/^(no such (table|column)|table \S+ has no column named|duplicate column name|cannot (modify|add column to) \S+ because it is a view|\S+ may not be (modified|altered))/.test(msg)) return undefined;
  return new FileError(file, `does not have the tables and columns of a sacplate store (schema version ${SCHEMA_VERSION}): it was changed outside sacplate or damaged; it was left as it is. Move it away or pass --db with another path ${sqliteWords(e)}`);
}

function isSqliteCorruption(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return /^SQLITE_(CORRUPT|NOTADB|CANTOPEN|IOERR)/.test(code);
}

const nowIso = () => new Date().toISOString();

/** A run id that sorts by creation time and does not collide between processes. */
/** A new run id, run-YYYYMMDD-HHMMSSmmm-xxxxxxxx (UTC time and 4 random bytes). */
export function newRunId(): string {
  const t = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}-${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}${p(t.getUTCMilliseconds(), 3)}`;
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}

function toJson(field: string, v: unknown): string {
  try {
    const s = JSON.stringify(v === undefined ? null : v);
    return s;
  } catch {
    throw new InputError(field, '(unserialisable value)', 'JSON-serialisable data');
  }
}

export class Store {
  readonly path: string;
  private db: Database.Database;

  constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  /** Writes one run and returns its id. Safe to call from several processes at once. */
  recordRun(run: NewRun): string {
    const status = run.status ?? 'finished';
    if (!RUN_STATUSES.includes(status)) throw new InputError('status', status, RUN_STATUSES.join(', '));
    if (run.artefacts !== undefined && (!Array.isArray(run.artefacts) || !run.artefacts.every((a) => typeof a === 'string')))
      throw new InputError('artefacts', run.artefacts, 'a list of file paths');
    const id = newRunId();
    const cols = METRIC_COLUMNS.map((c) => c.name);
    // (prepared inside write(): a store whose runs table lacks a column fails here, robust62)
    const stmt = this.write(() => this.db.prepare(`INSERT INTO runs (id, created_at, name, input_json, metrics_json, out_dir, artefacts_json, status, trace_json, cycles_json, ${cols.join(', ')})
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?${', ?'.repeat(cols.length)})`));
    this.write(() => stmt.run(id, nowIso(), run.name ?? null, toJson('input', run.input), toJson('metrics', run.metrics),
      run.outDir ?? null, JSON.stringify(run.artefacts ?? []), status,
      run.trace !== undefined ? toJson('trace', run.trace) : null, run.cycles !== undefined ? toJson('cycles', run.cycles) : null, ...metricColumnValues(run.metrics, run.input)));
    return id;
  }

  /** Changes a run's status and, optionally, its metrics and artefacts (e.g. when a running simulation ends). */
  updateRun(id: string, patch: { status?: RunStatus; metrics?: unknown; artefacts?: string[]; trace?: unknown; cycles?: unknown }): void {
    const cur = this.getRun(id);
    if (!cur) throw new InputError('run', id, 'the id of a stored run (see `sacplate runs list`)');
    const status = patch.status ?? cur.status;
    if (!RUN_STATUSES.includes(status)) throw new InputError('status', status, RUN_STATUSES.join(', '));
    const metrics = patch.metrics !== undefined ? patch.metrics : cur.metrics;
    const sets = METRIC_COLUMNS.map((c) => `${c.name} = ?`).join(', ');
    this.write(() => this.db.prepare(`UPDATE runs SET status = ?, metrics_json = ?, artefacts_json = ?, ${sets},
      trace_json = coalesce(?, trace_json), cycles_json = coalesce(?, cycles_json) WHERE id = ?`).run(
      status, toJson('metrics', metrics), JSON.stringify(patch.artefacts ?? cur.artefacts), ...metricColumnValues(metrics, cur.input),
      patch.trace !== undefined ? toJson('trace', patch.trace) : null, patch.cycles !== undefined ? toJson('cycles', patch.cycles) : null, cur.id));
  }

  /** The metric columns of some runs (all runs, newest first, when `ids` is not given). */
  runMetricRows(ids?: string[], limit = 500): Array<Record<string, string | number | null>> {
    const cols = METRIC_ROW_COLS;
    if (ids) {
      if (ids.length === 0) return [];
      return this.read(() => this.db.prepare(`SELECT ${cols} FROM runs WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY created_at`).all(...ids)) as Array<Record<string, string | number | null>>;
    }
    return this.runRows({ limit });
  }

  /**
   * Each run's SACs as its metrics.json lists them (`["Zn-N4 2.00 % random"]`, `[]` for a bare host), by id; runs whose
   * metrics hold no list are left out. The `sacs` column joins them with "+" (what `runs list` shows and `--where` reads).
   */
  runSacs(ids: string[]): Map<string, string[]> {
    if (ids.length === 0) return new Map();
    const rows = this.read(() => this.db.prepare(`SELECT id, json_extract(metrics_json, '$.sacs') AS sacs FROM runs WHERE json_valid(metrics_json) AND id IN (${ids.map(() => '?').join(',')})`).all(...ids)) as { id: string; sacs: unknown }[];
    const out = new Map<string, string[]>();
    for (const r of rows) {
      if (typeof r.sacs !== 'string') continue;
      const v: unknown = JSON.parse(r.sacs);
      if (Array.isArray(v)) out.set(r.id, v.map(String));
    }
    return out;
  }

  /**
   * Of the given cancelled runs, those that stopped at their event limit (`simulate --max-events`, the service's
   * eventLimit: metrics.json's `steps_ended` holds `event_limit`; recorded cancelled since mends86), for the rows of
   * GET /api/runs and /api/compare (mends88). The caller passes the cancelled runs only: no other row's metrics are read.
   */
  eventLimitStops(ids: string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const rows = this.read(() => this.db.prepare(`SELECT id FROM runs WHERE status = 'cancelled' AND id IN (${ids.map(() => '?').join(',')}) AND json_valid(metrics_json)
      AND EXISTS (SELECT 1 FROM json_each(metrics_json, '$.steps_ended') WHERE value = 'event_limit')`).all(...ids)) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** The stored trace and per-cycle summary of a run (null when the run has none). */
  runSeries(id: string): { trace: unknown; cycles: unknown } | undefined {
    const row = this.read(() => this.db.prepare('SELECT trace_json, cycles_json FROM runs WHERE id = ?').get(id)) as { trace_json: string | null; cycles_json: string | null } | undefined;
    if (!row) return undefined;
    return { trace: row.trace_json ? JSON.parse(row.trace_json) : null, cycles: row.cycles_json ? JSON.parse(row.cycles_json) : null };
  }

  /** Names of the tables in the store (the workbench lists sweep results only when a table holds them). */
  tableNames(): string[] {
    return (this.read(() => this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()) as { name: string }[]).map((r) => r.name);
  }

  /** All rows of a table by name (only names from tableNames(); newest-first order is the caller's). */
  tableRows(name: string, limit = 1000): unknown[] {
    if (!this.tableNames().includes(name)) throw new InputError('table', name, 'a table of the store');
    return this.read(() => this.db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" LIMIT ?`).all(limit)) as unknown[];
  }

  listRuns(filter: RunFilter = {}): RunRecord[] {
    return (this.selectRuns(RUN_COLS, filter) as RunRow[]).map((r) => rowToRun(this.path, r));
  }

  /** The runs a filter selects (listRuns' filter and order) as their metric columns, as runMetricRows gives them. */
  runRows(filter: RunFilter = {}): Array<Record<string, string | number | null>> {
    // a sector run (simulate --sectors) says so in its `engine` and `threads` columns (`serial` and 1 for any other run):
    // until mends60 its row alone carried them, read from its metrics (review47), the table having no engine column
    return this.selectRuns(METRIC_ROW_COLS, filter) as Array<Record<string, string | number | null>>;
  }

  /** `cols` of the runs `filter` selects, in its order (newest first by default), at most its limit (default 100). */
  private selectRuns(cols: string, filter: RunFilter): unknown[] {
    const q = runQuerySql(filter);
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.status) { where.push('status = ?'); args.push(filter.status); }
    if (filter.name) { where.push("name LIKE ? ESCAPE '\\'"); args.push('%' + filter.name.replace(/[%_\\]/g, (c) => '\\' + c) + '%'); }
    if (filter.since) { where.push('created_at >= ?'); args.push(filter.since); }
    where.push(...q.where);
    args.push(...q.args);
    const limit = filter.limit ?? 100;
    const sql = `SELECT ${cols} FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${q.order} LIMIT ?`;
    return this.read(() => this.db.prepare(sql).all(...args, limit));
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.read(() => this.db.prepare(`SELECT ${RUN_COLS} FROM runs WHERE id = ?`).get(id)) as RunRow | undefined;
    if (row) return rowToRun(this.path, row);
    // unique prefix
    const rows = this.read(() => this.db.prepare(`SELECT ${RUN_COLS} FROM runs WHERE id LIKE ? ESCAPE '\\' LIMIT 2`).all(id.replace(/[%_\\]/g, (c) => '\\' + c) + '%')) as RunRow[];
    return rows.length === 1 ? rowToRun(this.path, rows[0]!) : undefined;
  }

  /**
   * The runs whose id starts with `prefix`: how many, and the first two ids (newest first). What a caller of getRun says
   * when a prefix starts several ids (audit69b: `runs show run-2026` was told there was no such run).
   */
  runsWithPrefix(prefix: string): { count: number; ids: string[] } {
    const like = prefix.replace(/[%_\\]/g, (c) => '\\' + c) + '%';
    const count = (this.read(() => this.db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE id LIKE ? ESCAPE '\\'`).get(like)) as { n: number }).n;
    const ids = (this.read(() => this.db.prepare(`SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT 2`).all(like)) as { id: string }[]).map((r) => r.id);
    return { count, ids };
  }

  /**
   * The output folders of the finished runs, as recorded (a relative one as the command was given it), newest first, at
   * most `limit`: where a batch looks for an earlier call's folder of a run it reuses (batch/resume.ts earlierFolders;
   * earlyapi).
   */
  finishedOutDirs(limit = 5000): string[] {
    const rows = this.read(() => this.db.prepare(`SELECT out_dir, MAX(created_at) AS at FROM runs WHERE status = 'finished' AND out_dir IS NOT NULL
      GROUP BY out_dir ORDER BY at DESC LIMIT ?`).all(limit)) as { out_dir: string }[];
    return rows.map((r) => r.out_dir);
  }

  countRuns(): number {
    return (this.read(() => this.db.prepare('SELECT COUNT(*) AS n FROM runs').get()) as { n: number }).n;
  }

  saveParamSet(kind: string, name: string, data: unknown, source?: string): void {
    this.write(() => this.db.prepare(`INSERT INTO param_sets (kind, name, data_json, source, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(kind, name) DO UPDATE SET data_json = excluded.data_json, source = excluded.source, updated_at = excluded.updated_at`)
      .run(kind, name, toJson('data', data), source ?? null, nowIso()));
  }

  getParamSet(kind: string, name: string): ParamSetRecord | undefined {
    const row = this.read(() => this.db.prepare('SELECT * FROM param_sets WHERE kind = ? AND name = ?').get(kind, name)) as ParamRow | undefined;
    return row ? { kind: row.kind, name: row.name, data: JSON.parse(row.data_json), source: row.source, updated_at: row.updated_at } : undefined;
  }

  /** Deletes one parameter set; true when it was there (nucleation --clear-cached). */
  deleteParamSet(kind: string, name: string): boolean {
    return this.write(() => this.db.prepare('DELETE FROM param_sets WHERE kind = ? AND name = ?').run(kind, name)).changes > 0;
  }

  /** Deletes the parameter sets of a kind whose name starts with prefix; how many (the kept points of a nucleation scan). */
  deleteParamSetsStartingWith(kind: string, prefix: string): number {
    return this.write(() => this.db.prepare(`DELETE FROM param_sets WHERE kind = ? AND substr(name, 1, ?) = ?`).run(kind, prefix.length, prefix)).changes;
  }

  listParamSets(kind?: string): ParamSetRecord[] {
    const rows = this.read(() => (kind
      ? this.db.prepare('SELECT * FROM param_sets WHERE kind = ? ORDER BY name').all(kind)
      : this.db.prepare('SELECT * FROM param_sets ORDER BY kind, name').all())) as ParamRow[];
    return rows.map((row) => ({ kind: row.kind, name: row.name, data: JSON.parse(row.data_json), source: row.source, updated_at: row.updated_at }));
  }

  /** Inserts or replaces literature records (by id) in one transaction; returns how many changed. */
  upsertLitRecords(items: Array<{ id: string; name: string; metal: string; data: unknown; origin: string; hash: string }>): number {
    const get = this.read(() => this.db.prepare('SELECT hash, origin FROM lit_records WHERE id = ?'));
    const put = this.write(() => this.db.prepare(`INSERT INTO lit_records (id, name, metal, data_json, origin, hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, metal = excluded.metal, data_json = excluded.data_json,
        origin = excluded.origin, hash = excluded.hash, updated_at = excluded.updated_at`));
    let changed = 0;
    this.write(() => this.db.transaction(() => {
      for (const it of items) {
        const cur = get.get(it.id) as { hash: string; origin: string } | undefined;
        if (cur && cur.hash === it.hash && cur.origin === it.origin) continue;
        put.run(it.id, it.name, it.metal, toJson('record', it.data), it.origin, it.hash, nowIso());
        changed++;
      }
    }).immediate());
    return changed;
  }

  /** Removes records of an origin that are not in `keepIds` (data files deleted from the repository). */
  pruneLitRecords(originPrefix: string, keepIds: string[]): number {
    const keep = new Set(keepIds);
    const rows = this.read(() => this.db.prepare("SELECT id FROM lit_records WHERE origin LIKE ? ESCAPE '\\'").all(originPrefix.replace(/[%_\\]/g, (c) => '\\' + c) + '%')) as { id: string }[];
    const del = this.write(() => this.db.prepare('DELETE FROM lit_records WHERE id = ?'));
    let n = 0;
    this.write(() => this.db.transaction(() => { for (const r of rows) if (!keep.has(r.id)) { del.run(r.id); n++; } }).immediate());
    return n;
  }

  listLitRecords(): StoredLitRecord[] {
    const rows = this.read(() => this.db.prepare('SELECT * FROM lit_records ORDER BY metal, name').all()) as LitRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, metal: r.metal, data: JSON.parse(r.data_json), origin: r.origin, hash: r.hash, updated_at: r.updated_at }));
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Why this user cannot write the store (its words, a FileError), or undefined when a write can be taken (writeProbe). */
  writeRefusal(): FileError | undefined {
    try { writeProbe(this.db); return undefined; } catch (e) { return readOnlyStore(this.path, e); }
  }

  journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private write<T>(fn: () => T): T {
    try { return fn(); } catch (e) { throw this.wrap(e); }
  }
  private read<T>(fn: () => T): T {
    try { return fn(); } catch (e) { throw this.wrap(e); }
  }
  private wrap(e: unknown): unknown {
    if (isSqliteCorruption(e)) return new FileError(this.path, `is damaged or cut short: a read of the store failed; the file was left as it is ${sqliteWords(e)}`);
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return new FileError(this.path, 'database is busy (another sacplate process holds a write lock for too long); try again');
    return readOnlyStore(this.path, e) ?? changedStore(this.path, e) ?? e;
  }
}

interface RunRow { id: string; created_at: string; name: string | null; input_json: string; metrics_json: string; out_dir: string | null; artefacts_json: string; status: RunStatus; }
interface ParamRow { kind: string; name: string; data_json: string; source: string | null; updated_at: string; }
interface LitRow { id: string; name: string; metal: string; data_json: string; origin: string; hash: string; updated_at: string; }

/**
 * A run's JSON column as stored. Text that is not JSON (a store edited or damaged outside sacplate: migrations skip such
 * rows, json_valid) is refused naming the store, the run and the column; `runs list` said "internal error: Unexpected
 * token ... please report it" (review31).
 */
function runJson(file: string, id: string, column: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FileError(file, `run ${id}: its ${column} is not JSON (${(e as Error).message}); the store was changed outside sacplate or damaged: remove that run's row, or pass --db with another store`);
  }
}

function rowToRun(file: string, r: RunRow): RunRecord {
  return {
    id: r.id, created_at: r.created_at, name: r.name, input: runJson(file, r.id, 'input_json', r.input_json), metrics: runJson(file, r.id, 'metrics_json', r.metrics_json) as RunRecordMetrics,
    out_dir: r.out_dir, artefacts: runJson(file, r.id, 'artefacts_json', r.artefacts_json) as string[], status: r.status,
  };
}

/**
 * Opens (creating when absent) the store at `path` (default: defaultStorePath()), creates its
 * folder, sets WAL mode and a busy timeout, and applies pending migrations.
 */
export function openStore(path?: string): Store {
  const file = storeFile(path);
  checkHeader(file);
  // one level at a time: Node's recursive mkdir never returns under /proc (--db /proc/x/s.db hung every command)
  makeDir(dirname(file), 'the store folder');
  let db: Database.Database;
  try {
    db = new (lazyRequire<typeof Database>('better-sqlite3'))(file, { timeout: 15000 });
  } catch (e) {
    throw unopenableStore(file) ?? new FileError(file, `cannot open the database file ${sqliteWords(e)}`);
  }
  try {
    db.pragma('busy_timeout = 15000');
    const integrity = existsSync(file) && statSync(file).size > 0 ? String(db.pragma('quick_check', { simple: true })) : 'ok';
    if (integrity !== 'ok') throw new FileError(file, integrityText(integrity));
    // every reason to refuse the file is checked before anything is written to it
    // version and tables read in one read transaction (one snapshot): read apart, another process's
    // first migration could commit between them, and a new store would look like a foreign database
    const { version, tables } = db.transaction(() => ({
      version: db.pragma('user_version', { simple: true }) as number,
      tables: (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n,
    }))();
    if (version > SCHEMA_VERSION)
      throw new FileError(file, `database schema version ${version} is newer than this sacplate understands (${SCHEMA_VERSION}); use a newer sacplate`);
    if (version === 0 && tables > 0)
      throw new FileError(file, 'is a SQLite database but not a sacplate store (it has tables and no sacplate schema version); it was left untouched');
    setWalMode(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (e) {
    db.close();
    if (e instanceof FileError) throw e;
    const ro = readOnlyStore(file, e);
    if (ro) throw ro;
    if (isSqliteCorruption(e)) throw new FileError(file, `is damaged or cut short: SQLite cannot read it as a database; it was left untouched. Move it away or pass --db with another path ${sqliteWords(e)}`);
    throw changedStore(file, e) ?? e;
  }
  return new Store(file, db);
}

/** `fn` with the store `db` open (default the CLI's), closed after it. */
export function withStore<T>(db: string | undefined, fn: (store: Store) => T): T {
  const store = openStore(db);
  try { return fn(store); } finally { store.close(); }
}

/**
 * `fn` with the store `db` open to read, for a command that only reads it (runs list and show, lit list, show,
 * normalise and export): where there is no file, an empty store in memory named by that path, and none is made there
 * (audit69: a mistyped --db or SACPLATE_DB was created, folders and all, and said to hold "0 runs"). An existing file is
 * opened as openStore opens it: checked, and migrated.
 */
export function withStoreToRead<T>(db: string | undefined, fn: (store: Store, missing: boolean) => T): T {
  const { file, exists } = storeExists(db);
  if (exists) return withStore(db, (store) => fn(store, false));
  const mem = new (lazyRequire<typeof Database>('better-sqlite3'))(':memory:');
  let store: Store;
  try { migrate(mem, file); store = new Store(file, mem); } catch (e) { mem.close(); throw e; }
  try { return fn(store, true); } finally { store.close(); }
}

/** Whether there is a store file at `db` (default the CLI's): a command that only reads one says so where there is none. */
export function storeExists(db: string | undefined): { file: string; exists: boolean } {
  const file = storeFile(db);
  return { file, exists: existsSync(file) };
}

/**
 * What a command that only reads the store says of a path where there is none (review69: `runs list --db typo.db` said
 * "0 runs in typo.db" and no more, the mistyped path not named as such; `results` says "there is no store there").
 */
export const NO_STORE_THERE = 'there is no store there (no such file): simulate, compare, sweep, lit import or serve creates one on first use';

/**
 * Opens an existing store for reading only, for a command that may not need to write (a nucleation
 * call whose atomistic data are cached): no quick_check, no WAL switch, no migration. openStore's
 * quick_check reads every page (a 50 MB store: about 0.2 s of CPU to open, against 2 ms read-only;
 * measured on branch nucspeed), which a read needs no more than any other query does: a damaged
 * page it reads is a FileError from the query, and nothing is written. Undefined when the file is
 * absent, empty, not a store of this schema version or cannot be opened so: the caller then uses
 * openStore, which checks the file and says what is wrong with it. A read-only connection cannot
 * remove the WAL's -wal and -shm files on closing: they stay beside the store until a writer closes.
 */
export function openStoreToRead(path?: string): Store | undefined {
  const file = storeFile(path);
  let db: Database.Database | undefined;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size === 0) return undefined;
    db = new (lazyRequire<typeof Database>('better-sqlite3'))(file, { readonly: true, fileMustExist: true, timeout: 15000 });
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) { db.close(); return undefined; }
    return new Store(file, db);
  } catch {
    db?.close();
    return undefined;
  }
}

/**
 * journal_mode = WAL needs a lock that SQLite does not wait for through the busy timeout: two
 * processes opening a new store at once could get "database is locked" here (measured: 2 of 140
 * paired opens of a fresh file). Retry for up to the busy timeout, 20 ms apart.
 */
function setWalMode(db: Database.Database): void {
  const t0 = Date.now();
  for (;;) {
    try { db.pragma('journal_mode = WAL'); return; } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() - t0 > 15000) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/** The JavaScript functions a migration's SQL calls, on the connection that migrates (migration 7: BARE_RUN_SQL_FUNCTION). */
function registerMigrationFunctions(db: Database.Database): void {
  const parse = (t: unknown): unknown => { if (typeof t !== 'string') return undefined; try { return JSON.parse(t); } catch { return undefined; } };
  db.function(BARE_RUN_SQL_FUNCTION, { deterministic: true }, (metrics: unknown, input: unknown) => (runHadNoSacs(parse(metrics), parse(input)) === true ? 1 : 0));
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION)
    throw new FileError(file, `database schema version ${current} is newer than this sacplate understands (${SCHEMA_VERSION}); use a newer sacplate`);
  if (current === SCHEMA_VERSION) return;
  registerMigrationFunctions(db);
  // BEGIN IMMEDIATE so that two processes creating the same new database do not both migrate
  db.transaction(() => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v === 0) {
      const tables = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw new FileError(file, 'is a SQLite database but not a sacplate store (it has tables and no sacplate schema version); it was left untouched');
    }
    for (let i = v; i < SCHEMA_VERSION; i++) db.exec(MIGRATIONS[i]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
