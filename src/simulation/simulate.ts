/**
 * The library entry point: `simulate(input, options)` runs a plating simulation and returns its
 * metrics, trace and (optionally) writes the output folder. `input` is a run file path, a raw
 * run object (the same keys as the YAML), or an already resolved run. The run itself is
 * run-resolved.ts's `simulateResolved`, which the worker threads call directly: they get resolved
 * runs and need not load the run-file parser imported here.
 */
import type { ResolvedRun } from '../input/types.js';
import { seedSchema } from '../input/run-schema.js';
import { checked } from '../schema-keys.js';
import { withOptionNames } from '../args.js';
import { checkSimulateOptions, simulateResolved, type SimulateOptions, type SimulateResult } from './run-resolved.js';
import type { RunInput } from '../input/run-schema.js';
import { resolveInput } from './resolve-input.js';

export { CHECKPOINT_FILE, isResolvedRun, type SimulateOptions, type SimulateResult, type RunTrace, type RunStep } from './run-resolved.js';
// startcost2: in resolve-input.ts (the batch commands resolve their runs on the CLI's main thread, which loads no engine)
export { resolveInput } from './resolve-input.js';

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
