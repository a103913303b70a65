/**
 * `runs list|show`: the runs recorded in the store. The work of these commands; their flags and help text are in
 * commands/evidence.ts, which loads this file only when one of them runs. Apart from actions/evidence.ts since
 * mends47: that file's literature modules and zod (about 0.2 CPU s a call) loaded with every `runs list`, which
 * uses neither.
 */
import { InputError } from '../../errors.js';
import { METRIC_COLUMNS, NO_STORE_THERE, metricColumnValues, withStoreToRead, type RunFilter } from '../../store/index.js';
import { parseRunCondition, parseRunOrder, runFilterOf, QUERY_COLUMN_NAMES } from '../../store/run-query.js';
import { didYouMean } from '../../did-you-mean.js';
import { csvText } from '../../io/csv.js';
import { out, err, table, fmtNum, checkFormat } from './text-out.js';
import { engineMark } from '../../metrics/engine-mark.js';

/** The columns `runs list --columns` may name: the run's id and the columns a condition or an order names. */
const LIST_COLUMNS = ['id', ...QUERY_COLUMN_NAMES];

/** `--columns a,b,c`: each a column of the runs (the nearest named for a misspelling). */
function columnsOf(text: string): string[] {
  const cols = text.split(',').map((c) => c.trim());
  for (const c of cols) {
    if (!LIST_COLUMNS.includes(c)) throw new InputError('--columns', text, `comma-separated columns of the runs${c === '' ? ' (an empty one here)' : `; "${c}" is none${didYouMean(c, LIST_COLUMNS)}`}: ${LIST_COLUMNS.join(', ')}`);
  }
  return cols;
}

/** A cell of the printed table: numbers to 4 significant digits, integers (seed, events) as they are. */
const tableCell = (v: string | number | null | undefined): string => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : fmtNum(v)) : v ?? '');

/**
 * The count line under a runs list; a list cut at its limit says so (a CSV of 50 rows is not all the runs). `more`:
 * the store holds runs past the limit that the filter selects; `total`: how many runs the store holds, when nothing
 * but the limit filters. Until guide67 a cut list read "1 run in STORE (the limit: ...)", taken for the store's count,
 * and a list of every run that happened to fill the limit said "the limit" too.
 */
function runsCount(n: number, limit: number | undefined, path: string, more: boolean, total: number | undefined): string {
  const runs = (k: number) => `${k} run${k === 1 ? '' : 's'}`;
  if (!more || limit === undefined) return `${runs(n)} in ${path}`;
  const hint = `(--limit ${limit}: --limit ${limit * 10} for more)`;
  return total !== undefined ? `the first ${runs(n)} of the ${total} in ${path} ${hint}` : `the first ${runs(n)}; more in ${path} match ${hint}`;
}

/** The filter with one run more than its limit, to tell a list cut at its limit from one that holds every run. */
function probeOf(f: RunFilter): RunFilter {
  return f.limit !== undefined && f.limit < Number.MAX_SAFE_INTEGER ? { ...f, limit: f.limit + 1 } : f;
}

/** Of rows read with probeOf's filter: the rows within the limit and whether the store held more. */
function cutAt<T>(rows: T[], limit: number | undefined): { rows: T[]; more: boolean } {
  return limit !== undefined && rows.length > limit ? { rows: rows.slice(0, limit), more: true } : { rows, more: false };
}

/**
 * The status column of `runs list`'s table: a run stopped at its event limit (`simulate --max-events`, its metrics'
 * steps_ended holding event_limit) is stored `cancelled` as a Ctrl-C'd run is (it stopped part way, its checkpoint kept
 * for `simulate --resume`) and says why (mends86; it read `finished` until then).
 */
export function statusText(status: string, metrics: unknown): string {
  const ended = (metrics as { steps_ended?: unknown } | null)?.steps_ended;
  return status === 'cancelled' && Array.isArray(ended) && ended.includes('event_limit') ? 'cancelled (event limit)' : status;
}

export function runsList(o: { status?: string; name?: string; where: string[]; sort?: string; desc?: boolean; columns?: string; limit: string; format: string; db?: string }): void {
  const fmt = checkFormat(o.format, ['table', 'json', 'csv']);
  const f: RunFilter = runFilterOf({ status: o.status || undefined, name: o.name || undefined, limit: o.limit });
  if (o.where.length) f.where = o.where.map((w) => parseRunCondition(w, '--where'));
  if (o.sort !== undefined) f.orderBy = { ...parseRunOrder(o.sort, '--sort') };
  if (o.desc) {
    if (!f.orderBy) throw new InputError('--desc', true, 'a --sort column to order highest first');
    f.orderBy.descending = true;
  }
  const columns = o.columns !== undefined ? columnsOf(o.columns) : undefined;
  // nothing but the limit chooses the runs: a cut list can name the store's count
  const unfiltered = f.status === undefined && f.name === undefined && f.since === undefined && !f.where?.length;
  withStoreToRead(o.db, (store, missing) => {
    // review69: no store at the path (a mistyped --db or SACPLATE_DB) is said as such under the empty list, in every format
    const count = (n: number, more: boolean) => err(missing ? `0 runs in ${store.path}: ${NO_STORE_THERE}` : runsCount(n, f.limit, store.path, more, unfiltered ? store.countRuns() : undefined));
    if (columns || fmt === 'csv') {
      // the columns as stored (the values --where compares), headed by their names (units in them, as `results` writes)
      const cols = columns ?? LIST_COLUMNS; // id, created_at, name, status and the metric columns
      const { rows, more } = cutAt(store.runRows(probeOf(f)), f.limit);
      if (fmt === 'csv') out(csvText(cols, rows.map((r) => cols.map((c) => r[c]))));
      else if (fmt === 'json') out(JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null]))), null, 2));
      else out(table(cols, rows.map((r) => cols.map((c) => tableCell(r[c])))));
      return count(rows.length, more);
    }
    const { rows: list, more } = cutAt(store.listRuns(probeOf(f)), f.limit);
    if (fmt === 'json') { out(JSON.stringify(list, null, 2)); if (missing) count(0, false); return; }
    const metricIndex = (c: string) => METRIC_COLUMNS.findIndex((m) => m.name === c);
    // the columns a condition or the order names, after the run's own: what the list was chosen by; the engine (serial
    // or sectors; a column since mends60, which --where selects by) is one of the run's own, after its name
    const named = [...(f.where ?? []).map((w) => w.column), ...(f.orderBy ? [f.orderBy.column] : [])]
      .filter((c, i, a) => a.indexOf(c) === i && !['created_at', 'status', 'name', 'engine'].includes(c));
    out(table(['id', 'created', 'status', 'name', 'engine', 'out dir', 'artefacts', ...named],
      list.map((r) => {
        const values = metricColumnValues(r.metrics, r.input);
        return [r.id, r.created_at, statusText(r.status, r.metrics), (r.name ?? '') + engineMark(r.metrics), tableCell(values[metricIndex('engine')]), r.out_dir ?? '', String(r.artefacts.length), ...named.map((c) => tableCell(values[metricIndex(c)]))];
      })));
    count(list.length, more);
  });
}

/** `: it starts N runs' ids (a, b, ...); give more of it` when `id` is a prefix of two or more stored ids, else undefined. */
export function ambiguousPrefix(store: { runsWithPrefix(prefix: string): { count: number; ids: string[] } }, id: string): string | undefined {
  const m = store.runsWithPrefix(id);
  return m.count >= 2 ? `: it starts ${m.count} runs' ids (${m.ids.join(', ')}${m.count > m.ids.length ? ', ...' : ''}); give more of it` : undefined;
}

export function runsShow(id: string, o: { db?: string }): void {
  withStoreToRead(o.db, (store, missing) => {
    if (missing) throw new InputError('run', id, `the id (or a unique prefix) of a stored run in ${store.path}; ${NO_STORE_THERE}`);
    const r = store.getRun(id);
    if (!r) throw new InputError('run', id, `the id (or a unique prefix) of a stored run${ambiguousPrefix(store, id) ?? '; see `sacplate runs list`'}`);
    out(JSON.stringify(r, null, 2));
  });
}
