/** Defaults of a nucleation request that the CLI's help text states (apart from index.ts, which loads the whole model). */

/** 0.02 mAh/cm2: the first plating, where the review's nucleation peaks are read */
export const DEFAULT_CAPACITY_C_PER_M2 = 720;
