/**
 * The atomistic stage's sampler (AtomisticOptions.sampler): how each overpotential's rate is measured. Apart from
 * ffs-scan.ts so that the CLI's and the server's checks of it load no engine (test/cli-lazy.test.ts).
 */
import { InputError } from '../errors.js';
import { countExpected, countOf } from '../args.js';
import { availableParallelism } from 'node:os';

export const SAMPLERS = ['mfpt', 'ffs', 'mfpt+ffs'] as const;
export type Sampler = typeof SAMPLERS[number];

/** the default sampler (since branch ffsdefault, issue 15): the MFPT scan, then forward flux sampling below its lowest
 * point, its tail ended where the electrode stage no longer reads it (DEFAULT_TAIL_END). 'mfpt', the default before,
 * computes what it did (docs/nucleation.md "The default sampler") */
export const DEFAULT_SAMPLER: Sampler = 'mfpt+ffs';

/** the sampler a caller gets who names none: DEFAULT_SAMPLER, but 'mfpt' where forward flux sampling cannot run or its
 * tail end cannot be read: plain kMC (reservoir false: FFS restarts runs from column heights) and an atomistic stage
 * run without a request (no current or capacity to read the electrode stage at; index.ts atomisticStage alone) */
export const defaultSampler = (reservoir = true, request = true): Sampler => (reservoir && request ? DEFAULT_SAMPLER : 'mfpt');

/** one wording of the choices, for the refusal and the CLI's help */
export const SAMPLER_CHOICES = "mfpt+ffs (the default: the MFPT scan, then forward flux sampling below its lowest point), mfpt (many runs per overpotential, MFPT fit; the default before: its law is read 30-40 mV below its points) or ffs (forward flux sampling at every overpotential)";

/** the sampler named by a caller (defaultSampler(reservoir) when absent); anything else is one InputError naming the field, the value and the choices */
export function parseSampler(field: string, v: unknown, reservoir = true): Sampler {
  if (v === undefined) return defaultSampler(reservoir);
  if ((SAMPLERS as readonly unknown[]).includes(v)) return v as Sampler;
  throw new InputError(field, v, SAMPLER_CHOICES);
}

/** whether a sampler runs forward flux sampling (and so needs the adatom elimination: FFS restarts runs from column heights) */
export const usesFfs = (s: Sampler): boolean => s !== 'mfpt';

/** where the 'mfpt+ffs' tail ends (AtomisticOptions.tailEnd; branch ffstail2, docs/nucleation-history.md "A cheaper end"):
 * 'floor' (ffs-scan.ts's own stops: the per-site floor, a failed point, n* not resolved) or 'electrode' (those, or
 * earlier where the electrode stage no longer reads the next point, or after 2 tail points of a SAC box with J_s = 0) */
export const TAIL_ENDS = ['floor', 'electrode'] as const;
export type TailEnd = typeof TAIL_ENDS[number];

/** the tail end of the sampler 'mfpt+ffs' when none is named and the stage runs for a request (since branch ffsdefault;
 * 'floor' before); 'floor' without a request (index.ts defaults) */
export const DEFAULT_TAIL_END: TailEnd = 'electrode';

/** the tail end named by a caller (when absent: DEFAULT_TAIL_END under the sampler 'mfpt+ffs', 'floor' under the others,
 * where it means nothing); 'electrode' only with the sampler 'mfpt+ffs'; anything else is one InputError */
export function parseTailEnd(field: string, v: unknown, sampler: Sampler = DEFAULT_SAMPLER): TailEnd {
  if (v === undefined) return sampler === 'mfpt+ffs' ? DEFAULT_TAIL_END : 'floor';
  if (!(TAIL_ENDS as readonly unknown[]).includes(v)) throw new InputError(field, v, "'electrode' (it ends where the electrode stage no longer reads the next point; the default of the sampler 'mfpt+ffs') or 'floor' (the tail ends at the 1e-13 /s per-site floor; the default before)");
  if (v === 'electrode' && sampler !== 'mfpt+ffs') throw new InputError(field, v, `'floor' or left out with sampler '${sampler}' ('electrode' ends the tail of the sampler 'mfpt+ffs')`);
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
export function parseFfsRepetitions(field: string, v: unknown, sampler: Sampler = DEFAULT_SAMPLER, text = false): number {
  if (v === undefined) return DEFAULT_FFS_REPETITIONS;
  const n = text ? countOf(v) : v;
  const { min, max } = FFS_REPETITIONS_RANGE;
  if (!(Number.isInteger(n) && (n as number) >= min && (n as number) <= max)) throw new InputError(field, v, text ? countExpected(FFS_REPETITIONS_EXPECTED, v) : FFS_REPETITIONS_EXPECTED);
  if (!usesFfs(sampler)) throw new InputError(field, v, `left out with sampler '${sampler}' (it runs no forward flux sampling; 'ffs' or 'mfpt+ffs' do)`);
  return n as number;
}

/** the default threads of `sacplate nucleation` and the library's nucleation() (branch ffspar): 2, or 1 on a one-core machine */
export const defaultFfsThreads = (): number => Math.min(2, availableParallelism());

/** what the threads option does, in the one wording of the refusal and the CLI's --threads help (branch ffspar) */
export const FFS_THREADS_TEXT = "threads each forward flux sampling point's repetitions run on (samplers 'ffs' and 'mfpt+ffs'; the same answer to the bit as 1, one after another); default 2, or 1 on a one-core machine";
export const FFS_THREADS_EXPECTED = `an integer >= 1 (${FFS_THREADS_TEXT})`;

/** the threads named by a caller (the library's nucleation option `threads`, the CLI's --threads; `text`: a count
 * written as text, countOf); more than 1 only with a sampler that runs FFS when one is named (`sampler`: the caller's own, undefined
 * when left out); anything else is one InputError naming the field, the value and what it takes */
export function parseFfsThreads(field: string, v: unknown, text = false, sampler?: Sampler): number {
  const n = text ? countOf(v) : v;
  if (!(Number.isInteger(n) && (n as number) >= 1)) throw new InputError(field, v, text ? countExpected(FFS_THREADS_EXPECTED, v) : FFS_THREADS_EXPECTED);
  if (sampler !== undefined && !usesFfs(sampler) && (n as number) > 1) throw new InputError(field, v, `1 or left out with sampler '${sampler}' (it runs no forward flux sampling, which is what the threads share; 'ffs' or 'mfpt+ffs' do)`);
  return n as number;
}
