/**
 * A sweep's results as a table: one row per task (in sweep order), the axis values, status and
 * error, then every metric as a column. Written as CSV, JSON or Parquet (hyparquet-writer).
 * Metrics that are lists (e.g. `sacs`, `steps_ended`) are joined with ";" in CSV and Parquet.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { csvField } from '../io/csv.js';
import type { SweepRow } from './store.js';

/** Metrics that measure the machine (wall time, speed), not the simulation: they differ between runs of the same seed. */
export const TIMING_METRICS: readonly string[] = ['wall_s', 'events_per_s'];

export type Cell = number | string | null;
export interface ResultTable { columns: string[]; rows: Cell[][]; }

const cell = (v: unknown): Cell => (v === undefined || v === null ? null
  : typeof v === 'number' ? v
    : typeof v === 'string' ? v
      : typeof v === 'boolean' ? (v ? 1 : 0)
        : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(';') : JSON.stringify(v));

export function resultTable(rows: SweepRow[]): ResultTable {
  const labelKeys: string[] = [];
  const metricKeys: string[] = [];
  for (const r of rows) {
    for (const k of Object.keys(r.label)) if (!labelKeys.includes(k)) labelKeys.push(k);
    for (const k of Object.keys(r.metrics ?? {})) if (!metricKeys.includes(k)) metricKeys.push(k);
  }
  const metricCols = metricKeys.map((k) => (labelKeys.includes(k) || ['task', 'hash', 'status', 'error_type', 'error'].includes(k) ? `metric.${k}` : k));
  const columns = ['task', 'hash', 'status', ...labelKeys, 'error_type', 'error', ...metricCols];
  const out = rows.map((r) => [
    r.index, r.hash, r.status, ...labelKeys.map((k) => cell(r.label[k])),
    r.error?.type ?? null, r.error?.message ?? null, ...metricKeys.map((k) => cell(r.metrics?.[k])),
  ]);
  return { columns, rows: out };
}

export function tableCsv(t: ResultTable): string {
  const line = (cells: Cell[]) => cells.map((c) => (c === null ? '' : csvField(c))).join(',');
  return [line(t.columns), ...t.rows.map(line)].join('\n') + '\n';
}

export function tableJson(t: ResultTable): string {
  return JSON.stringify(t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] === undefined ? null : r[i]]))), null, 2) + '\n';
}

export async function writeParquet(t: ResultTable, file: string): Promise<void> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = t.columns.map((name, i) => {
    const data = t.rows.map((r) => r[i] ?? null);
    const numeric = data.every((v) => v === null || typeof v === 'number');
    return numeric
      ? { name, data: data as (number | null)[], type: 'DOUBLE' as const }
      : { name, data: data.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  const buf = parquetWriteBuffer({ columnData, createdBy: 'sacplate' });
  writeFileSync(file, Buffer.from(buf));
}

export const FORMATS = ['csv', 'json', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];
export function checkFormat(f: string): Format {
  if (!(FORMATS as readonly string[]).includes(f)) throw new InputError('--format', f, FORMATS.join(', '));
  return f as Format;
}
