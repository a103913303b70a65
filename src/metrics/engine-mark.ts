/**
 * A sector run's mark beside its name, ` (sector run, 2 threads)`: its metrics say `engine: "sectors"` (the runs table
 * has no engine column; docs/parallel.md, "From the CLI"). One copy for `runs list`, the case label (tables, figure
 * titles) and the workbench's runs list (which said `1 threads` after mends57 had fixed the other two).
 */
import { plural } from '../plural.js';

export function engineMark(metrics: unknown): string {
  const m = metrics as { engine?: unknown; threads?: unknown } | null | undefined;
  return m?.engine === 'sectors' ? ` (sector run, ${plural(Number(m.threads), 'thread')})` : '';
}
