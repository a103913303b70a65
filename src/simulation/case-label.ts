import type { Metrics } from './report.js';

/**
 * A run's case as the tables and figure titles name it: `Li on graphene + Zn-N4 2.00 % random`, and `(events
 * estimator)` after it when the galvanostat counted events (the same box reads other overpotentials so).
 */
export function caseLabel(m: Pick<Metrics, 'metal' | 'host' | 'sacs'> & { estimator?: string }): string {
  return `${m.metal} on ${m.host}${m.sacs.length ? ' + ' + m.sacs.join(', ') : ''}${m.estimator === 'events' ? ' (events estimator)' : ''}`;
}
