/**
 * What the CLI says around a run: warnings after it ends (a step that ended early: the deposit
 * filled the box, no metal was left to strip, the run stalled) and recording in the store (the
 * figures are drawn by plots/library.ts's renderFigures, which the library exports). The warning
 * before it starts (snapshot volume) is simulation/snapshots.ts's snapshotWarning, which the
 * library's batches give too.
 */

// the warnings themselves live beside the simulation, where the workbench's server reads them too
export { earlyEndWarnings, reusedStepEnds, shortCircuitLines, stepAt, type StepEnd } from '../simulation/early-ends.js';

