/**
 * How a cycler report counts its rows and cycles, shared by `sacplate analyze` (report.ts, its format line) and the
 * workbench's Cycler page title (web/src/pages/cycler.ts). No Node imports: the web page bundles this file.
 */
import { plural } from '../plural.js';

/** '12 rows, 3 cycles by the current sign', or for a file at rest throughout '0 cycles: the file holds only rest ...' */
export function rowsAndCyclesText(r: { rows: number; cycles: number; cycles_counted_by: 'cycle column' | 'current sign'; only_rest?: true }): string {
  const cycles = r.only_rest ? '0 cycles: the file holds only rest (no row passes current)'
    : `${plural(r.cycles, 'cycle')} ${r.cycles_counted_by === 'cycle column' ? "by the file's cycle column" : 'by the current sign'}`;
  return `${plural(r.rows, 'row')}, ${cycles}`;
}
