/**
 * The store as a script opens it (the package entry's `openStore`, docs/api.md (l)): the file the CLI
 * records its runs, sweeps and literature records in (SACPLATE_DB or ~/.sacplate/sacplate.db), or
 * another, read through the calls the CLI's `runs list|show`, `results` and `lit list` make (the
 * Store of index.ts, SweepStore's storedSweepRows, evidence/library.ts's litRecords), so the two
 * cannot drift. Writing runs into it stays the CLI's and the workbench's.
 */
import { InputError } from '../errors.js';
import { isMap, refuseUnknownKeys, textArg, withOptionNames } from '../args.js';
import { openStore as openFile, type RunRecord } from './index.js';
import { runFilterOf, type RunCondition, type RunOrder } from './run-query.js';
import { SweepStore, type SweepRow } from '../sweep/store.js';
import { litRecords, type MovedRecords } from '../evidence/library.js';
import type { LitRecord } from '../evidence/schema.js';

/** What openStore() returns: the store's runs, sweeps and literature records, read as the CLI reads them. */
export interface StoreHandle {
  /** the store file, absolute: what the other calls' `db` option takes (`literature.list({ db: store.path })`) */
  readonly path: string;
  /** the runs recorded (by `sacplate simulate`, `compare`, the workbench), newest first: `sacplate runs list` */
  /**
   * With `where` (conditions on the runs' columns, all met: `[{ column: 'average_ce', op: '>', value: 0.95 }]`; a run
   * whose column is NULL never matches) and `orderBy` (`{ column: 'nucleation_overpotential_mV' }`, lowest first, or
   * `descending: true`; NULLs last): `sacplate runs list --where ... --sort ...` (columns: QUERY_COLUMN_NAMES)
   */
  listRuns(filter?: { status?: RunRecord['status']; name?: string; since?: string; limit?: number; where?: RunCondition[]; orderBy?: RunOrder }): RunRecord[];
  /** one run by its id or a unique prefix of it, with its input and metrics (undefined when none): `sacplate runs show ID` */
  getRun(id: string): RunRecord | undefined;
  /** a sweep's rows, one per task with its label, status and metrics: `sacplate results NAME` (a screen's runs are the sweep NAME-runs) */
  sweepRows(name: string): SweepRow[];
  /** the literature records, the review's (synced into the store first, as every `lit` command does) and those imported: `sacplate lit list` */
  literature(): { records: LitRecord[]; moved: MovedRecords };
  /** closes the file; the store's calls after it are refused */
  close(): void;
}

const WORDS = { 'pass --db': 'call openStore(path)', '--db': 'path' };

/**
 * Opens the store at `path` (default the CLI's: SACPLATE_DB or ~/.sacplate/sacplate.db), creating and
 * migrating it when needed, with the checks every command makes (a file that is not a sacplate store is
 * a FileError and left as it is).
 */
export function openStore(path?: string): StoreHandle {
  if (path !== undefined) textArg('path', path, "a store file path (text), or nothing for the CLI's store (SACPLATE_DB or ~/.sacplate/sacplate.db)");
  const store = withOptionNames(() => openFile(path), {}, WORDS);
  let open = true;
  const live = (call: string): void => { if (!open) throw new InputError(call, store.path, 'an open store: this one was closed (openStore again)'); };
  return {
    path: store.path,
    listRuns: (filter) => {
      live('listRuns');
      if (filter !== undefined && !isMap(filter)) throw new InputError('filter', filter, 'a map { status, name, since, limit, where, orderBy }');
      if (filter) refuseUnknownKeys('filter', filter, ['status', 'name', 'since', 'limit', 'where', 'orderBy'], { word: 'option', owner: 'listRuns takes' });
      const { where, orderBy, ...rest } = filter ?? {};
      // where and orderBy are checked by the store (run-query.ts), in these names
      return store.listRuns({ ...withOptionNames(() => runFilterOf(rest)), ...(where !== undefined ? { where } : {}), ...(orderBy !== undefined ? { orderBy } : {}) });
    },
    getRun: (id) => {
      live('getRun');
      const r = store.getRun(textArg('id', id, 'a run id or a unique prefix of it (listRuns() gives them)'));
      // a prefix of several ids is no run it does not know (audit69b: undefined, as for one)
      if (r === undefined) { const m = store.runsWithPrefix(id); if (m.count >= 2) throw new InputError('id', id, `a run id or a unique prefix of it: it starts ${m.count} runs' ids (${m.ids.join(', ')}${m.count > m.ids.length ? ', ...' : ''}); give more of it`); }
      return r;
    },
    sweepRows: (name) => {
      live('sweepRows');
      textArg('name', name, 'the name of a sweep run before with this store');
      const sweeps = SweepStore.open(store.path);
      try { return sweeps.storedSweepRows(name, 'name', name, (runs) => `sweepRows('${runs}')`); } finally { sweeps.close(); }
    },
    literature: () => {
      live('literature');
      const { records, moved } = litRecords(store);
      return { records, moved };
    },
    close: () => { open = false; store.close(); },
  };
}
