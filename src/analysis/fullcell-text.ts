/**
 * How a full-cell report is said, shared by `sacplate analyze` (report.ts) and the workbench's
 * Cycler page (web/src/pages/cycler.ts): the retention phrase, and whether a cycle holds a half.
 * No Node imports: the web page bundles this file.
 */
import type { FullCellCycle } from './ce.js';

/** 'retention against cycle N', or that there is none: a file without a complete cycle said 'against cycle 1' above a row of '-'. */
export function retentionText(cycles: FullCellCycle[], referenceCycle: number): string {
  const ref = cycles.find((c) => c.cycle === referenceCycle);
  return ref && Number.isFinite(ref.retention) ? `retention against cycle ${referenceCycle}` : 'no complete cycle to take retention against';
}

/** Whether cycle `c` holds its charge (half 1) or discharge (half -1): a half the file ends before is shown '-', not 0 mAh. */
export function holdsHalf(c: FullCellCycle, half: -1 | 1): boolean {
  // mends70: a half not held is NaN in memory, null in report.json (the Cycler page reads the JSON); 0 before (a report of an earlier build)
  const q = half > 0 ? (c.charge_mAh as number | null) : (c.discharge_mAh as number | null);
  if (q === null || Number.isNaN(q)) return false;
  return !(c.partial && c.first_sign !== half && c.q_out_mAh === 0);
}
