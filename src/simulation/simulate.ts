/**
 * The library entry point: `simulate(input, options)` runs a plating simulation and returns its
 * metrics, trace and (optionally) writes the output folder. `input` is a run file path, a raw
 * run object (the same keys as the YAML), or an already resolved run. The run itself is
 * run-resolved.ts's `simulateResolved`, which the worker threads call directly: they get resolved
 * runs and need not load the run-file parser imported here.
 */
import type { ResolvedRun } from '../input/types.js';
import { loadRunFile, parseRunInput } from '../input/parse.js';
import { RUN_KEYS, seedSchema } from '../input/run-schema.js';
import { fileKindOf } from '../input/file-kind.js';
import { InputError } from '../errors.js';
import { checked } from '../schema-keys.js';
import { withOptionNames } from '../args.js';
import { checkSimulateOptions, isResolvedRun, simulateResolved, type SimulateOptions, type SimulateResult } from './run-resolved.js';
import type { RunInput } from '../input/run-schema.js';

export { CHECKPOINT_FILE, isResolvedRun, type SimulateOptions, type SimulateResult } from './run-resolved.js';

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

/** The CLI flag a resumed run's refusals name (checkpoint.ts: "rerun without --resume"), as a script writes simulate()'s option
 * (withOptionNames; the field `--resume` of a checkpoint written for another seed reads `resume`). */
const SIMULATE_OPTION_WORDS = { '--resume': 'resume: true', '--rebuild-every': 'config.rebuildEvery' };

export function simulate(input: string | ResolvedRun | RunInput | Record<string, unknown>, opts: SimulateOptions = {}): SimulateResult {
  return withOptionNames(() => {
    // the options first (a misspelt option is named before the run file is read)
    checkSimulateOptions(opts);
    const { seed, ...runOpts } = opts;
    let run = resolveInput(input);
    if (seed !== undefined) run = { ...run, seed: checked(seedSchema, 'seed', seed) };
    return simulateResolved(run, runOpts);
  }, { '--max-events': 'eventLimit', '--rebuild-every': 'config.rebuildEvery' }, SIMULATE_OPTION_WORDS);
}
