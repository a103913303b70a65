/**
 * What a watcher of a running simulation sees (the workbench's live view): trace rows with units
 * in their names, sent as they are added, and copies of the voxel grid. Used by the worker-thread
 * path (`simulateInWorker` with `live` options) that the CLI and the server share.
 */
import type { TraceColumns } from './simulation.js';

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

/** How often a live run reports, and how much it sends. */
export interface LiveOptions {
  /** least time between progress messages (each with the trace rows added since the last), ms */
  progressEvery_ms: number;
  /** least time between voxel snapshots, ms */
  snapshotEvery_ms: number;
  /** no snapshots for larger lattices (voxels) */
  maxSnapshotVoxels: number;
  /** rows of the thinned trace returned at the end */
  maxTraceRows: number;
}

/** rows of a run's trace kept in the store (the workbench's runs: LiveOptions.maxTraceRows; simulate --sectors' run) */
export const STORED_TRACE_MAX = 4000;

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
