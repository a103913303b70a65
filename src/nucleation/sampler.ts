/**
 * The atomistic stage's sampler (AtomisticOptions.sampler): how each overpotential's rate is measured. Apart from
 * ffs-scan.ts so that the CLI's and the server's checks of it load no engine (test/cli-lazy.test.ts).
 */
import { InputError } from '../errors.js';
import { countOf } from '../args.js';

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

/** where the 'mfpt+ffs' tail ends (AtomisticOptions.tailEnd; branch ffstail2, docs/nucleation.md "A cheaper end"):
 * 'floor' (ffs-scan.ts's own stops: the per-site floor, a failed point, n* not resolved) or 'electrode' (those, or
 * earlier where the electrode stage no longer reads the next point, or after 2 tail points of a SAC box with J_s = 0) */
export const TAIL_ENDS = ['floor', 'electrode'] as const;
export type TailEnd = typeof TAIL_ENDS[number];

/** the tail end named by a caller ('floor' when absent); 'electrode' only with the sampler 'mfpt+ffs'; anything else is one InputError */
export function parseTailEnd(field: string, v: unknown, sampler?: Sampler): TailEnd {
  if (v === undefined) return 'floor';
  if (!(TAIL_ENDS as readonly unknown[]).includes(v)) throw new InputError(field, v, "'floor' (the tail ends at the 1e-13 /s per-site floor; the default) or 'electrode' (it ends where the electrode stage no longer reads the next point; sampler 'mfpt+ffs' only)");
  if (v === 'electrode' && sampler !== undefined && sampler !== 'mfpt+ffs') throw new InputError(field, v, `'floor' or left out with sampler '${sampler}' ('electrode' ends the tail of the sampler 'mfpt+ffs')`);
  return v as TailEnd;
}

/** FFS repetitions per overpotential by default (ffs-scan.ts FFS_SCAN.repetitions) */
export const DEFAULT_FFS_REPETITIONS = 4;
/** the range of AtomisticOptions.ffsRepetitions: 2 at least (the point's t interval is over the repetitions) */
export const FFS_REPETITIONS_RANGE = { min: 2, max: 100 } as const;

/** what they are and the values taken, in the one wording of the refusal, the CLI's --ffs-repetitions help and the
 * OpenAPI schema's ffs_repetitions (server/openapi.ts, with FFS_REPETITIONS_RANGE as its bounds) */
export const FFS_REPETITIONS_TEXT = `forward flux sampling repetitions per overpotential, samplers 'ffs' and 'mfpt+ffs'; default ${DEFAULT_FFS_REPETITIONS}`;
export const FFS_REPETITIONS_EXPECTED = `an integer from ${FFS_REPETITIONS_RANGE.min} to ${FFS_REPETITIONS_RANGE.max} (${FFS_REPETITIONS_TEXT})`;

/** the FFS repetitions per overpotential named by a caller (the default when absent; branch ffsconv: the convergence
 * check doubles them); only with a sampler that runs FFS; anything else is one InputError naming the field, the value and
 * the range. `text`: a number written as text counts as that number (a CLI flag's value, and a request body's as its
 * runs: cases.ts atomisticOf; branch ffsreps); the library's option takes a number only. */
export function parseFfsRepetitions(field: string, v: unknown, sampler?: Sampler, text = false): number {
  if (v === undefined) return DEFAULT_FFS_REPETITIONS;
  const n = text ? countOf(v) : v;
  const { min, max } = FFS_REPETITIONS_RANGE;
  if (!(Number.isInteger(n) && (n as number) >= min && (n as number) <= max)) throw new InputError(field, v, FFS_REPETITIONS_EXPECTED);
  if (sampler !== undefined && !usesFfs(sampler)) throw new InputError(field, v, `left out with sampler '${sampler}' (it runs no forward flux sampling; 'ffs' or 'mfpt+ffs' do)`);
  return n as number;
}
