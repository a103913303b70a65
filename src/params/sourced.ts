/** Helpers to write `Sourced` values compactly. */
import type { Source, Sourced } from './types.js';

/** A value with its unit and a source. */
export function sv(value: number, unit: string, ref: string, where?: string, extra: Omit<Source, 'ref' | 'where'> = {}): Sourced {
  const source: Source = { ref };
  if (where !== undefined) source.where = where;
  Object.assign(source, extra);
  return { value, unit, source };
}

/** An assumed value: `note` says why and how it was chosen. */
export function assumed(value: number, unit: string, note: string, ref = 'assumed (sacplate)'): Sourced {
  return { value, unit, source: { ref, assumed: true, note } };
}

/** The review every "review ref N" points to. */
export const REVIEW = 'Li et al., Green Chem. 26, 10366 (2024), doi:10.1039/d4gc02590c';
export const review = (n: number): string => `review ref ${n}`;

/** The element data file shipped with the project. */
export const ALKALI_CSV = 'shared/data/elements/alkali_metals.csv (mendeleev @580e3401 / pymatgen, MIT)';
export const KITTEL = 'Kittel, Introduction to Solid State Physics, 8th ed., Ch. 3 Table 1';
