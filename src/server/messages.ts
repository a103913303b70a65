/** Messages between the run service and its worker threads, and the trace columns the workbench shows. */
import type { ProgressInfo, TraceColumns } from '../simulation/simulation.js';

export interface WorkerJob {
  run: unknown;
  outDir?: string;
  /** SharedArrayBuffer of one Int32: 1 = cancel */
  cancelFlag: SharedArrayBuffer;
  chunk: number;
  progressEvery_ms: number;
  snapshotEvery_ms: number;
  maxSnapshotVoxels: number;
  maxTraceRows: number;
}

/** The trace columns the workbench plots (units in the names). */
export interface TraceRows {
  time_s: number[];
  charge_C_per_cm2: number[];
  overpotential_mV: number[];
  cell_voltage_mV: number[];
  current_mA_per_cm2: number[];
  cycle: number[];
}
export const TRACE_ROW_KEYS: (keyof TraceRows)[] = ['time_s', 'charge_C_per_cm2', 'overpotential_mV', 'cell_voltage_mV', 'current_mA_per_cm2', 'cycle'];

export interface Snapshot { nx: number; ny: number; nz: number; voxel_nm: number; cells: ArrayBuffer; }

export type WorkerMessage =
  | { type: 'progress'; progress: ProgressInfo | null; rows: TraceRows }
  | ({ type: 'snapshot' } & Snapshot)
  | { type: 'done'; cancelled: boolean; metrics: unknown; files: string[]; trace: TraceRows; cycles: unknown[] }
  | { type: 'error'; message: string };

const clean = (x: number) => (Number.isFinite(x) ? x : null) as number;

/** Trace rows from index `from` on. */
export function traceRows(tr: TraceColumns, from: number): TraceRows {
  const out = {} as TraceRows;
  for (const k of TRACE_ROW_KEYS) out[k] = (tr[k] as number[]).slice(from).map(clean);
  return out;
}

/** At most `max` rows, evenly thinned (first and last rows kept). */
export function thinTrace(tr: TraceColumns | TraceRows, max: number): TraceRows {
  const n = tr.time_s.length;
  const out = {} as TraceRows;
  if (n <= max) { for (const k of TRACE_ROW_KEYS) out[k] = (tr[k] as number[]).map(clean); return out; }
  const idx: number[] = [];
  for (let i = 0; i < max; i++) idx.push(Math.round((i * (n - 1)) / (max - 1)));
  for (const k of TRACE_ROW_KEYS) { const col = tr[k] as number[]; out[k] = idx.map((i) => clean(col[i]!)); }
  return out;
}
