/** The states of a recorded run. Apart from index.ts so that the CLI's help can list them without loading SQLite. */
export type RunStatus = 'finished' | 'failed' | 'cancelled' | 'running';
export const RUN_STATUSES: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'running'];
