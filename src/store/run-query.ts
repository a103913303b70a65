/**
 * Querying the stored runs: the filter (status, name, since, limit: runFilterOf), conditions on their columns
 * (`average_ce > 0.95`, `host = graphene`) and an order, for the store's listRuns and runRows, `sacplate runs
 * list --where/--sort/--columns`, the library's openStore().listRuns and the workbench's GET /api/runs. Light (no
 * SQLite) so the CLI's help names the columns without loading the store (and `runs list` its filter without the
 * literature's modules).
 *
 * Safety: a column name reaches the SQL only when it is one of QUERY_COLUMNS (the names written here,
 * never the caller's text); every value is a bound parameter. A text condition whose value reads as SQL
 * (`name = x' OR 1=1`) is a name that no run has.
 *
 * NULL: a run without a value in the column (an older run without the SAC share's chance, a
 * failed run without metrics) never matches a condition on that column, `!=` included (SQL's own
 * rule: NULL compared with anything is not true), and sorts last whichever the direction.
 */
import { InputError } from '../errors.js';
import { choiceArg, countExpected, countOf, isMap, refuseUnknownKeys, textArg } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { METRIC_COLUMNS } from './columns.js';
import { RUN_STATUSES } from './run-status.js';
import type { RunFilter } from './index.js';

/** The operators of a condition: `~` is "contains" (text, case aside for ASCII letters, as SQLite's LIKE). */
export const RUN_OPS = ['=', '!=', '<', '<=', '>', '>=', '~'] as const;
export type RunOp = (typeof RUN_OPS)[number];

export interface RunCondition { column: string; op: RunOp; value: string | number }
export interface RunOrder { column: string; descending?: boolean }

type QueryColumn = { name: string; type: 'TEXT' | 'REAL' | 'INTEGER' };

/** The columns a condition or an order may name (and `runs list --columns` may show): the run's own, then its metric columns. */
export const QUERY_COLUMNS: readonly QueryColumn[] = [
  { name: 'created_at', type: 'TEXT' }, { name: 'name', type: 'TEXT' }, { name: 'status', type: 'TEXT' },
  ...METRIC_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
];
export const QUERY_COLUMN_NAMES: readonly string[] = QUERY_COLUMNS.map((c) => c.name);

const NUMBER_OPS: readonly RunOp[] = ['=', '!=', '<', '<=', '>', '>='];
const TEXT_OPS: readonly RunOp[] = ['=', '!=', '~'];

/** The operators a column takes: numbers compare; text is equal, not equal or contains; created_at (UTC ISO text) also compares as time. */
function opsOf(c: QueryColumn): readonly RunOp[] {
  if (c.type !== 'TEXT') return NUMBER_OPS;
  return c.name === 'created_at' ? RUN_OPS : TEXT_OPS;
}

/**
 * The text columns whose values are a closed set: `=` or `!=` with another value matched nothing, or everything, without a
 * word (`--where engine=sector` listed 0 runs; review49). `~` (part of a value) is left as it is.
 */
const CLOSED_VALUES: Readonly<Record<string, readonly string[]>> = { engine: ['serial', 'sectors'], status: RUN_STATUSES };
/** What a closed column takes, said when a value is not one of them (undefined: the value, or the column, is fine). */
function closedValueMiss(column: string, op: RunOp, value: string): string | undefined {
  const values = CLOSED_VALUES[column];
  if (!values || (op !== '=' && op !== '!=') || values.some((v) => v.toLowerCase() === value.toLowerCase())) return undefined;
  return `one of ${values.join(', ')} (the values ${column} holds; ~ matches part of one)`;
}

/** How a numeric column's unit is read: from its name (the metrics.json key, as `sacplate results` and compare.csv head their columns). */
export const COLUMN_UNITS = 'units are in the column names (_mV, _nm, _K, ...), and a number whose name says no unit is a fraction from 0 to 1 (average_ce, porosity, ...) or a count (seed, events)';

/** The column named `name`, else an InputError naming `field`, the name and the columns allowed (with the nearest spelling). */
export function queryColumn(field: string, name: unknown): QueryColumn {
  const c = typeof name === 'string' ? QUERY_COLUMNS.find((x) => x.name === name) : undefined;
  if (!c) throw new InputError(field, name, `a column of the runs${typeof name === 'string' ? didYouMean(name, QUERY_COLUMN_NAMES) : ''}: ${QUERY_COLUMN_NAMES.join(', ')}`);
  return c;
}

/** One condition as a script gives it ({ column, op, value }), checked: the column known, the operator one it takes, the value of its type. */
export function checkCondition(field: string, c: unknown): RunCondition {
  if (!isMap(c)) throw new InputError(field, c, 'a condition { column, op, value }, e.g. { column: "average_ce", op: ">", value: 0.95 }');
  refuseUnknownKeys(field, c, ['column', 'op', 'value']);
  const col = queryColumn(`${field}.column`, c.column);
  const ops = opsOf(col);
  if (!(RUN_OPS as readonly unknown[]).includes(c.op)) throw new InputError(`${field}.op`, c.op, `one of ${RUN_OPS.join(' ')} (~: contains, for text)`);
  const op = c.op as RunOp;
  if (!ops.includes(op)) throw new InputError(`${field}.op`, op, `one of ${ops.join(' ')}: ${col.name} is a ${col.type === 'TEXT' ? 'text' : 'numeric'} column`);
  if (col.type === 'TEXT') {
    if (typeof c.value !== 'string') throw new InputError(`${field}.value`, c.value, `text: ${col.name} is a text column`);
    const miss = closedValueMiss(col.name, op, c.value);
    if (miss !== undefined) throw new InputError(`${field}.value`, c.value, miss);
  } else if (typeof c.value !== 'number' || !Number.isFinite(c.value)) {
    throw new InputError(`${field}.value`, c.value, `a number: ${col.name} is a numeric column; ${COLUMN_UNITS}`);
  }
  return { column: col.name, op, value: c.value };
}

const CONDITION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(==|<=|>=|!=|=|<|>|~)\s*([\s\S]*?)\s*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The syntax of a condition as text, for help and messages. */
export const CONDITION_SYNTAX = 'COLUMN OP VALUE, OP one of = != < <= > >= ~ (~: text contains; = and != on text ignore case), e.g. average_ce>0.95 or host=graphene';

/**
 * A condition as the CLI and the workbench write it: `average_ce>0.95`, `host=graphene`, `name~seed`,
 * `name='my run'` (one pair of quotes around a text value is taken off). The value of a numeric column
 * must be a number; `field` names the flag or query parameter in a message.
 */
export function parseRunCondition(text: string, field = '--where'): RunCondition {
  const m = CONDITION.exec(text);
  if (!m) throw new InputError(field, text, `a condition ${CONDITION_SYNTAX}`);
  const [, name, rawOp, raw] = m as unknown as [string, string, string, string];
  const col = QUERY_COLUMNS.find((x) => x.name === name);
  if (!col) throw new InputError(field, text, `a condition on a column of the runs${didYouMean(name, QUERY_COLUMN_NAMES)}: ${QUERY_COLUMN_NAMES.join(', ')}`);
  const op = (rawOp === '==' ? '=' : rawOp) as RunOp;
  const ops = opsOf(col);
  if (!ops.includes(op)) throw new InputError(field, text, `${col.name} ${ops.join(' or ')} a value: ${col.name} is a ${col.type === 'TEXT' ? 'text' : 'numeric'} column`);
  if (col.type === 'TEXT') {
    // robust61: nothing after the operator ("host~", "metal=": a shell's `--where "host~$HOST"` with HOST unset) matched
    // every run (~) or none (=) without a word; an empty text is asked for by its quotes
    if (raw === '') throw new InputError(field, text, `a value after "${op}" (${col.name}${rawOp}'' for the empty text)`);
    const value = /^(['"])[\s\S]*\1$/.test(raw) && raw.length >= 2 ? raw.slice(1, -1) : raw;
    const miss = closedValueMiss(col.name, op, value);
    if (miss !== undefined) throw new InputError(field, text, `${col.name} = or != ${miss}`);
    return { column: col.name, op, value };
  }
  if (!NUMBER.test(raw)) throw new InputError(field, text, `a number after "${op}": ${col.name} is a numeric column; ${COLUMN_UNITS}`);
  return { column: col.name, op, value: Number(raw) };
}

/** An order as the CLI and the workbench write it: `average_ce` (lowest first) or `-average_ce` (highest first). */
export function parseRunOrder(text: string, field = '--sort'): RunOrder {
  const descending = text.startsWith('-');
  const name = descending ? text.slice(1) : text;
  if (!QUERY_COLUMNS.some((c) => c.name === name)) throw new InputError(field, text, `a column of the runs, lowest first, or -COLUMN for highest first${didYouMean(name, QUERY_COLUMN_NAMES)}: ${QUERY_COLUMN_NAMES.join(', ')}`);
  return { column: name, descending };
}

/**
 * The WHERE terms, their bound values and the ORDER BY of a query, every condition and the order checked
 * (checkCondition, queryColumn): only names of QUERY_COLUMNS are written into the SQL. Without an
 * order, newest first; with one, NULLs last and then newest first among equals.
 */
export function runQuerySql(f: { where?: unknown; orderBy?: unknown }): { where: string[]; args: (string | number)[]; order: string } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.where !== undefined) {
    if (!Array.isArray(f.where)) throw new InputError('where', f.where, 'a list of conditions { column, op, value }');
    f.where.forEach((raw, i) => {
      const c = checkCondition(`where[${i}]`, raw);
      if (c.op === '~') {
        where.push(`${c.column} LIKE ? ESCAPE '\\'`);
        args.push('%' + String(c.value).replace(/[%_\\]/g, (x) => '\\' + x) + '%');
      } else {
        // text equals case aside (ASCII, as `~`): `metal=li` finds the Li runs, as `lit list --metal li` does
        where.push(`${c.column} ${c.op} ?${typeof c.value === 'string' && c.op.includes('=') && c.column !== 'created_at' ? ' COLLATE NOCASE' : ''}`);
        args.push(c.value);
      }
    });
  }
  let order = 'created_at DESC, id DESC';
  if (f.orderBy !== undefined) {
    if (!isMap(f.orderBy)) throw new InputError('orderBy', f.orderBy, 'an order { column, descending }, e.g. { column: "nucleation_overpotential_mV" }');
    refuseUnknownKeys('orderBy', f.orderBy, ['column', 'descending']);
    const col = queryColumn('orderBy.column', f.orderBy.column);
    const desc = f.orderBy.descending;
    if (desc !== undefined && typeof desc !== 'boolean') throw new InputError('orderBy.descending', desc, 'true (highest first) or false (lowest first, the default)');
    order = `${col.name} IS NULL, ${col.name} ${desc ? 'DESC' : 'ASC'}, ${order}`;
  }
  return { where, args, order };
}

/**
 * A filter of the runs as `sacplate runs list` takes it (--status, --name, --limit, default 100) and a
 * script does (`status`, `name`, `since`, `limit`): each checked, an InputError naming the flag (the
 * library's openStore names the option: withOptionNames). `since` is read as a date or time and
 * compared as UTC ISO text, the form the runs' created_at has.
 */
export function runFilterOf(o: { status?: unknown; name?: unknown; since?: unknown; limit?: unknown }): RunFilter {
  const f: RunFilter = {};
  if (o.status !== undefined) f.status = choiceArg('--status', o.status, RUN_STATUSES, RUN_STATUSES.join(', '));
  if (o.name !== undefined) f.name = textArg('--name', o.name, 'text: a part of the run name');
  if (o.since !== undefined) {
    const t = typeof o.since === 'string' ? new Date(o.since) : undefined;
    if (t === undefined || Number.isNaN(t.getTime())) throw new InputError('--since', o.since, 'a date or time, e.g. "2026-12-01" or "2026-12-01T10:00:00Z" (UTC)');
    f.since = t.toISOString();
  }
  if (o.limit !== undefined) {
    const limit = countOf(o.limit);
    // robust62: past 2^53 (1e308, --limit 9223372036854775807) SQLite was handed a double it cannot bind as LIMIT
    // ("internal error: datatype mismatch"); a safe integer is exact and binds
    if (!Number.isSafeInteger(limit) || limit <= 0) throw new InputError('--limit', o.limit, countExpected(`a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`, o.limit));
    f.limit = limit;
  }
  return f;
}
