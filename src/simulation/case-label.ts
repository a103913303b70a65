import type { Metrics } from './report.js';

/**
 * A run's case as the tables and figure titles name it: `Li on graphene + Zn-N4 2.00 % random`, and `(events
 * estimator)` or `(scaled-rates estimator)` after it when the galvanostat averaged other than the rate sums (the same
 * box reads other overpotentials so).
 */
export function caseLabel(m: Pick<Metrics, 'metal' | 'host' | 'sacs'> & { estimator?: string }): string {
  return `${m.metal} on ${m.host}${m.sacs.length ? ' + ' + m.sacs.join(', ') : ''}${m.estimator && m.estimator !== 'rates' ? ` (${m.estimator} estimator)` : ''}`;
}
