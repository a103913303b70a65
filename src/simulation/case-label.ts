import type { Metrics } from './report.js';
import { engineMark } from '../metrics/engine-mark.js';

/**
 * A run's case as the tables and figure titles name it: `Li on graphene + Zn-N4 2.00 % random`, and `(events
 * estimator)` or `(scaled-rates estimator)` after it when the galvanostat averaged other than the rate sums (the same
 * box reads other overpotentials so); `(sector run, 2 threads)` after a sector run's.
 */
export function caseLabel(m: Pick<Metrics, 'metal' | 'host' | 'sacs'> & { estimator?: string; engine?: string; threads?: number }): string {
  // a sector run (simulate --sectors: metrics engine "sectors") says so, as `runs list` does: its figures and table row
  // read as a serial run's (review47)
  const engine = engineMark(m); // runs list's words
  return `${m.metal} on ${m.host}${m.sacs.length ? ' + ' + m.sacs.join(', ') : ''}${m.estimator && m.estimator !== 'rates' ? ` (${m.estimator} estimator)` : ''}${engine}`;
}

