/**
 * The atomistic stage's sampler (AtomisticOptions.sampler): how each overpotential's rate is measured. Apart from
 * ffs-scan.ts so that the CLI's and the server's checks of it load no engine (test/cli-lazy.test.ts).
 */
import { InputError } from '../errors.js';

export const SAMPLERS = ['mfpt', 'ffs', 'mfpt+ffs'] as const;
export type Sampler = typeof SAMPLERS[number];

/** the sampler named by a caller ('mfpt' when absent); anything else is one InputError naming the field, the value and the choices */
export function parseSampler(field: string, v: unknown): Sampler {
  if (v === undefined) return 'mfpt';
  if ((SAMPLERS as readonly unknown[]).includes(v)) return v as Sampler;
  throw new InputError(field, v, "mfpt (the default: many runs per overpotential, MFPT fit), ffs (forward flux sampling, reaches lower overpotentials) or mfpt+ffs (the MFPT scan, then forward flux sampling below its lowest point)");
}

/** whether a sampler runs forward flux sampling (and so needs the adatom elimination: FFS restarts runs from column heights) */
export const usesFfs = (s: Sampler): boolean => s !== 'mfpt';
