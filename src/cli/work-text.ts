/** The summary line's count of a run's work (`simulate`), apart so a test reads it without the run machinery. */
import type { Metrics } from '../simulation/report.js';
import { groupedCount } from '../simulation/progress.js';

/**
 * The run's work for its summary line: the counted events and, beside them, the first-passage exits
 * of lone adatoms, which `events` (and so events/s) leaves out: in a small box of 10 nm voxels they
 * carry nearly all the hops (docs/speed-history.md, "A tiny mesoscale box"), and events/s alone read as a
 * slow engine. "57,800 events + 666,529 first-passage exits (about 2.99 M hops)".
 */
export function workText(m: Pick<Metrics, 'events' | 'first_passage_exits' | 'first_passage_hops'>): string {
  const events = `${groupedCount(m.events)} events`;
  if (!(m.first_passage_exits > 0)) return events;
  const h = m.first_passage_hops;
  const hops = h >= 1e6 ? `${(h / 1e6).toPrecision(3)} M` : h >= 1e3 ? `${(h / 1e3).toPrecision(3)} k` : h.toPrecision(3);
  return `${events} + ${groupedCount(m.first_passage_exits)} first-passage exits (about ${hops} hops)`;
}

/**
 * The summary line's deposit: "2200 voxels", or for a run that ended below its start (a strip took more than the plates
 * put down, e.g. from a foil of the metal) "net -2 voxels (stripped more than plated)" (mends104; review82 finding 14:
 * "-2 voxels" read as a bug).
 */
export function depositText(voxels: number): string {
  return voxels < 0 ? `net ${voxels} voxels (stripped more than plated)` : `${voxels} voxels`;
}
