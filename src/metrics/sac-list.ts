/**
 * Whether a run had no SAC sites, from what its records keep: the metrics' `sacs` list (metrics.json, a stored run's
 * metrics, a sweep row's) is empty; for metrics without the list (a row of an older version), its run-file input names
 * none (no `sacs`, or an empty list). undefined when neither says. The one rule of every reader that shows a SAC
 * share, its chance or the active SAC fraction as not applicable (`-`, null) for a bare host: compare's table
 * (batch/table.ts), the store's read-back (store/index.ts bareShareAsNull) and a screen's plating stage.
 */
export function runHadNoSacs(metrics: unknown, input?: unknown): boolean | undefined {
  const list = metrics && typeof metrics === 'object' ? (metrics as { sacs?: unknown }).sacs : undefined;
  if (Array.isArray(list)) return list.length === 0;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const o = input as { sacs?: unknown; metal?: unknown };
  if (o.sacs === undefined) return typeof o.metal === 'string' ? true : undefined;
  return Array.isArray(o.sacs) ? o.sacs.length === 0 : undefined;
}
