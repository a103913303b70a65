/**
 * The package entry's 95 % intervals (mends126, review90 F4: MODEL.md section 9 asks for paired seeds and 95 %
 * intervals, and the functions the project's own studies use were not exported): stats/interval.ts's meanInterval and
 * pairedInterval, a caller's mistake refused as one InputError naming the argument (they threw a RangeError, or read
 * a string as NaN).
 */
import { InputError } from '../errors.js';
import { meanInterval as mean, pairedInterval as paired, type Interval } from './interval.js';

function numbersArg(field: string, v: unknown): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(field, v, 'a non-empty list of finite numbers, one per seed, e.g. [48.3, 43.7, 55.1]');
  v.forEach((x, i) => { if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(`${field}[${i}]`, x, 'a finite number (one value per seed, e.g. metrics.nucleation_overpotential_mV)'); });
  return v as number[];
}

/** Mean of `values` (one per seed) with its Student-t 95 % interval (lo, hi); one value: lo, hi, sd and se NaN. */
export function meanInterval(values: readonly number[]): Interval {
  return mean(numbersArg('values', values));
}

/** The paired difference a[i] - b[i] over seeds (a[i] and b[i] run on the same seed), its mean and 95 % interval. */
export function pairedInterval(a: readonly number[], b: readonly number[]): Interval {
  const x = numbersArg('a', a), y = numbersArg('b', b);
  if (x.length !== y.length) throw new InputError('b', b, `as many values as a (${x.length}), one per seed in the same order: got ${y.length}`);
  return paired(x, y);
}

export type { Interval };
