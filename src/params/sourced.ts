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

/**
 * How a value's source note begins when the run does not use the value (a host's or SAC's own terraceBarrier, mends83; a
 * metal's lateralBond, mends61): `params show` prints it on the value's line, and `cite` (since mends84) lists the value
 * apart, not citing its source.
 */
export const NOT_USED_BY_THE_RUN = 'not used by the run';

/** What a metal set's lateralBond says it is (lateralOf). */
export const LATERAL_IS_BOND = `${NOT_USED_BY_THE_RUN} as a parameter of its own: the rates take every lateral bond as the bond E_mm (\`bond\`; one energy function, docs/model.md), so the set holds the bond's value here, and a run's kinetics.lateralBond or a parameters block's lateralBond other than it is refused`;

/**
 * A metal set's lateralBond: the bond's value and unit, marked as not a parameter of its own (mends61: `params show` and
 * `cite` listed it as an assumed value the run used, and under `kinetics: { bond }` it kept the set's old value).
 */
export function lateralOf(bond: Sourced): Sourced {
  return { value: bond.value, unit: bond.unit, source: { ref: '= bond', note: LATERAL_IS_BOND } };
}

/** The review every "review ref N" points to. */
/** params67: the words that mark a DFT number the review gives for the ion (Li+, Na+) read as the M0 atom's binding
 * (params/sacs.ts's notes; derive.ts marks the derived binding assumed where a note carries them) */
export const ION_AS_M0 = 'ASSUMED ion-as-M0 reading (sacplate)';
export const REVIEW = 'Li et al., Green Chem. 26, 10366 (2024), doi:10.1039/d4gc02590c';
export const review = (n: number): string => `review ref ${n}`;

/**
 * Where the review prints the original Li surface's Li0 binding energy, 1.388 eV (ref 34), for every set that holds it
 * (host Li, and Fe-N4 and Ni-N4 as their reference): section 3.2, in a sentence that cites no figure. Until params66 host
 * Li cited "section 3.2, Fig. 7A"; the review gives Fig. 7A, cited with the next sentence, for the diffusion barriers.
 */
export const LI_SURFACE_WHERE = 'section 3.2';
/** The review's sentence for the 1.388 eV (normalised form, as the literature records quote it). */
export const LI_SURFACE_QUOTE = 'compared with the original Li surface, the Li0 binding energy was increased from 1.388 to 1.589 and 1.611 eV after introducing SAFe and SANi, respectively';

/** The element data file shipped with the project. */
export const ALKALI_CSV = 'shared/data/elements/alkali_metals.csv (mendeleev @580e3401 / pymatgen, MIT)';
export const KITTEL = 'Kittel, Introduction to Solid State Physics, 8th ed., Ch. 3 Table 1';
