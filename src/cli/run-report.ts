/**
 * What the CLI says around a run: warnings after it ends (a step that ended early: the deposit
 * filled the box, no metal was left to strip, the run stalled) and recording in the store (the
 * figures are drawn by plots/library.ts's renderFigures, which the library exports). The warning
 * before it starts (snapshot volume) is simulation/snapshots.ts's snapshotWarning, which the
 * library's batches give too.
 */
import type { StepResult } from '../simulation/simulation.js';
import type { StepEnd } from '../simulation/early-ends.js';

// the warnings themselves live beside the simulation, where the workbench's server reads them too
export { earlyEndWarnings, stepAt, type StepEnd } from '../simulation/early-ends.js';

/**
 * How each step of a run ended, for earlyEndWarnings, when the run is reused from the store: its
 * recorded steps (`steps_json`), or for a row written before those were kept (NULL there) the
 * endings in its metrics (`steps_ended`, one per step in order, without charge or time), with a
 * line saying so. Such a run was reported as if no step had ended early.
 */
export function reusedStepEnds(steps: readonly StepResult[] | undefined, metrics: { steps_ended?: unknown }, label: string): { steps: StepEnd[]; note?: string } {
  if (steps !== undefined) return { steps: [...steps] };
  const ended = metrics.steps_ended;
  const pre = label ? `${label}: ` : '';
  if (!Array.isArray(ended) || !ended.every((e) => typeof e === 'string')) {
    return { steps: [], note: `note: ${pre}steps not recorded (a run from an older version, reused from the store): whether a step ended early is not known; --fresh runs it again` };
  }
  return {
    steps: ended.map((e, index) => ({ index, ended: e as StepResult['ended'] })),
    note: `note: ${pre}steps not recorded (a run from an older version, reused from the store): early ends read from its metrics' steps_ended, without their charge and time; --fresh runs it again`,
  };
}

