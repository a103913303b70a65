/**
 * isResolvedRun. Its own module, with no imports (startcost2, from run-resolved.ts, which re-exports it): resolve-input.ts
 * reads it on the CLI's main thread, which loads no engine, and run-resolved.ts on the run's worker, which loads no parser.
 */
import type { ResolvedRun } from '../input/types.js';

/** resolveInput()'s result (the test of args.ts resolvedRunArg), not a run file's keys still to resolve. */
export function isResolvedRun(x: unknown): x is ResolvedRun {
  const o = x as { lattice?: { voxel_m?: unknown }; metal?: { i0_A_per_m2?: unknown } } | null;
  return !!o && typeof o === 'object' && typeof o.lattice?.voxel_m === 'number' && typeof o.metal?.i0_A_per_m2 === 'number';
}
