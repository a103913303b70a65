/**
 * resolveInput (a run file, a run object or a resolved run to a resolved run). Its own module (startcost2, from
 * simulate.ts, which re-exports it): `sacplate compare` and `simulate --seeds`
 * resolve their runs on the CLI's main thread (simulation/seeds.ts), which loads no engine (the runs are on workers).
 */
import type { ResolvedRun } from '../input/types.js';
import { loadRunFile, parseRunInput } from '../input/parse.js';
import { RUN_KEYS, type RunInput } from '../input/run-schema.js';
import { fileKindOf } from '../input/file-kind.js';
import { InputError } from '../errors.js';
import { isResolvedRun } from './is-resolved-run.js';

export function resolveInput(input: string | ResolvedRun | RunInput | Record<string, unknown>): ResolvedRun {
  if (typeof input === 'string') return loadRunFile(input);
  if (isResolvedRun(input)) return input;
  // an object of another kind (a parsed sweep, screen, nucleation or full-cell file, a screen's result.json) is said as
  // loadRunFile says a file of it: its keys were listed as unknown run keys (review33). A comparison's `variants` has its
  // own words in parseRunInput
  // (fileKindOf is undefined for null, an array or a number: their keys are not read here, parseRunInput says what
  // they are; Object.keys(null) was a TypeError until review34)
  const kind = fileKindOf(input);
  if (kind && kind.kind !== 'run' && kind.kind !== 'comparison') {
    const key = Object.keys(input).find((k) => !(RUN_KEYS as readonly string[]).includes(k));
    if (key !== undefined) throw new InputError(key, (input as Record<string, unknown>)[key], `no such key in a single run (the keys of ${kind.what})`);
  }
  return parseRunInput(input);
}
