/**
 * A run's status in `sacplate runs list`'s words: `cancelled (event limit)` for a run stopped at its event limit
 * (`simulate --max-events`, the service's eventLimit), which otherwise reads as a run cancelled by hand. A row of
 * `GET /api/runs` / `GET /api/compare` says it in `stopped_by` (mends88); a run's own view (`GET /api/runs/:id`, its
 * `status` events) by its metrics' `steps_ended`, the store's rule (src/store/index.ts eventLimitStops). The Compare
 * page used it since mends88, the Run page since mends89.
 */
export function statusWords(r: { status?: unknown; stopped_by?: unknown; metrics?: { steps_ended?: unknown } | null } | null | undefined): string {
  const ended = r?.metrics?.steps_ended;
  const atLimit = r?.stopped_by === 'event_limit' || (Array.isArray(ended) && ended.includes('event_limit'));
  return r?.status === 'cancelled' && atLimit ? 'cancelled (event limit)' : String(r?.status);
}
