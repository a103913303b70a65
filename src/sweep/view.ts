/**
 * A sweep's result table as the workbench shows it (no Node imports: the web page bundles this
 * file). `sacplate results` and GET /api/sweeps keep every column of resultTable; the page drops
 * what only repeats another column and clips long error texts (their full text on hover).
 */

export type ViewCell = string | number | boolean | null;

/**
 * Columns to show: without `metric.K` where every row's value equals column K's (a run's metrics
 * repeat its identity, e.g. its seed, beside the sweep's own `seed` axis: the Sweeps table showed
 * "seed" and "metric.seed" side by side), and without the `hidden` ones.
 */
export function shownColumns(columns: string[], rows: ViewCell[][], hidden: ReadonlySet<string> = new Set()): number[] {
  const at = new Map(columns.map((c, i) => [c, i]));
  return columns.map((c, i) => i).filter((i) => {
    const c = columns[i]!;
    if (hidden.has(c)) return false;
    if (!c.startsWith('metric.')) return true;
    const j = at.get(c.slice('metric.'.length));
    return j === undefined || rows.some((r) => (r[i] ?? null) !== null && String(r[i]) !== String(r[j] ?? ''));
  });
}

/** Longest error text shown in a table cell before it is clipped (a worker's message can run to a stack). */
export const ERROR_CELL_CHARS = 80;

/** An error text for a table cell: whole when short, else its first ERROR_CELL_CHARS characters and an ellipsis. */
export function clipText(text: string, max = ERROR_CELL_CHARS): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}
