/**
 * How the pages show a nucleation overpotential read from a trace with no dip. A kMC reading
 * (peak minus plateau, src/analysis/nucleation.ts) <= 0 means |eta| was still rising past half of
 * the first plating step: not a nucleation barrier of the host. The pages keep the value and say
 * so beside it, as the CLI's compare table and the screen do (src/screen/no-dip.ts); the test is
 * the simulator's own `isNoDip`, so page, metrics.json and compare.csv cannot disagree.
 */
import { isNoDip } from '../../src/analysis/nucleation';
import { fmt, h } from './api';

export const NO_DIP_TITLE = 'no dip: peak minus plateau <= 0, |eta| still rising past half of the first plating step; not a nucleation barrier (plate more)';

/** Whether a nucleation overpotential (mV) is a no-dip reading. */
export const noDip = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && isNoDip(v);

/** A table cell for one run's nucleation overpotential (mV): the value, marked "no dip" when it is one. */
export function nucleationCell(v: unknown, digits = 4): string | HTMLElement {
  if (!noDip(v)) return fmt(v, digits);
  return h('span', { class: 'no-dip', title: NO_DIP_TITLE, 'data-no-dip': '1' }, `${fmt(v, digits)} (no dip)`);
}

/** The note after a value over seeds: "no dip in k of n seed(s)", or nothing when every seed had a dip. */
export function noDipSeedsText(k: number, n: number): string {
  return k > 0 ? ` (no dip in ${k} of ${n} seed(s): not a nucleation barrier)` : '';
}
