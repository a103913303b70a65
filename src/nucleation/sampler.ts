/**
 * The atomistic stage's sampler (AtomisticOptions.sampler): how each overpotential's rate is measured. Apart from
 * ffs-scan.ts so that the CLI's and the server's checks of it load no engine (test/cli-lazy.test.ts).
 */
import { InputError } from '../errors.js';

export const SAMPLERS = ['mfpt', 'ffs'] as const;
export type Sampler = typeof SAMPLERS[number];

/** the sampler named by a caller ('mfpt' when absent); anything else is one InputError naming the field, the value and the choices */
export function parseSampler(field: string, v: unknown): Sampler {
  if (v === undefined) return 'mfpt';
  if (v === 'mfpt' || v === 'ffs') return v;
  throw new InputError(field, v, "mfpt (the default: many runs per overpotential, MFPT fit) or ffs (forward flux sampling, reaches lower overpotentials)");
}
