/** The trace columns and snapshots the workbench shows (defined with the worker path in src/simulation/live.ts). */
export { TRACE_ROW_KEYS, traceRows, thinTrace, type TraceRows, type Snapshot } from '../simulation/live.js';
