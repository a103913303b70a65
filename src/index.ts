/**
 * sacplate library API (docs/api.md: one example per task, run by test/library-examples.test.ts).
 *   import { simulate } from 'sacplate';
 *   const { metrics, trace } = simulate('examples/li-zn-sac.yaml', { outDir: 'runs/li' });
 * The first group is the public API, documented in docs/api.md and kept stable: what a user scripts with
 * (simulation, comparisons, sweeps, nucleation, screening, cycler files, the evidence base, element data, anode
 * and full-cell capacity, the store the CLI records in, a run folder's figures drawn, input files).
 * The second group is the engine internals (apps, solver, RNG, checkpoints, sectors): exported for benches, tests
 * and code that builds on the engine, with no stability promise (docs/api.md, "Engine internals").
 * docs/api.md's "Every export" names each runtime export once (test/library.test.ts, apidoc83): add a new one there.
 */
export const version = '0.1.0';

// public API: run files and objects in, results with units out (docs/api.md, sections (a)-(q))
export { simulate, resolveInput, type SimulateOptions, type SimulateResult, type RunTrace, type RunStep } from './simulation/simulate.js';
export type { RunInput } from './input/run-schema.js';
export type { ProgressInfo, TraceColumns, StepResult, LiveStep, LiveTrace, SimulationConfig } from './simulation/simulation.js';
export type { ResolvedRun } from './input/types.js';
export type { Metrics, VoxelGrid, VoxelCode } from './simulation/report.js';
export type { CycleSummary, CycleRecord } from './simulation/cycles.js';
export { runSeeds, runPool, type SeedSummary } from './simulation/seeds.js';
export { simulateInWorker, type WorkerRun, type WorkerRunResult, type WorkerRunOutput, type WorkerRunOptions } from './simulation/worker-run.js';
export { nucleation, type NucleationOptions } from './nucleation/library.js';
export { NucleationCancelled, type NucleationRequest, type NucleationReport, type AtomisticOptions, type SacNumbers, type NamedSac } from './nucleation/index.js';
export { runScreen, type ScreenResult, type ScreenOptions } from './screen/screen.js';
export { parseScreen, loadScreenFile, type ScreenSpec } from './screen/spec.js';
export { compare, type CompareOptions, type CompareResult, type CompareCase } from './batch/compare.js';
export type { CompareInput, CompareVariant } from './input/run-schema.js';
export { fullCell, type FullCellReport, type FullCellNp, type FullCellSpec } from './fullcell/library.js';
export type { FullCellCycle } from './fullcell/inventory.js';
export { runSweep, type SweepOptions, type SweepResult } from './sweep/library.js';
export type { SweepInput } from './sweep/spec.js';
export type { SweepRow, SweepRowMetrics } from './sweep/store.js';
export { OBJECTIVES } from './screen/objectives.js';
export { analyzeCyclerFile as analyzeFile, formatCyclerReport as formatReport, type AnalyzeOptions, type AnalysisReport } from './analysis/report.js';
export { citations, type CitationFormat } from './cite/run-citations.js';
export * as params from './params/index.js';
export { literature, elements, anodeCapacity, type LiteratureListOptions, type LiteratureList, type LiteratureNormalised, type NormalisedLifetime,
  type LiteratureImport, type ElementsOptions, type ElementRow, type AnodeCapacityOptions } from './evidence/library.js';
export type { LitRecord } from './evidence/schema.js';
export type { AnodeCapacityResult } from './evidence/capacity.js';
export { openStore, type StoreHandle } from './store/library.js';
export type { RunRecord, RunRecordMetrics, RunStatus } from './store/index.js';
export { QUERY_COLUMN_NAMES, RUN_OPS, type RunCondition, type RunOrder, type RunOp } from './store/run-query.js';
export { renderFigures, type RenderFiguresOptions } from './plots/library.js';
export { parseRunInput, loadRunFile, parseCompareInput, loadCompareFile } from './input/parse.js';
export { runJsonSchema } from './input/schema.js';
export { parseProtocol } from './input/protocol.js';
export { parseQuantity } from './units.js';
// mends126 (review90 F4): the 95 % intervals MODEL.md section 9 asks for, over seeds and of paired differences
export { meanInterval, pairedInterval, type Interval } from './stats/library.js';
export { InputError, FileError } from './errors.js';

// engine internals, no stability promise: for benches, tests and code that builds on the engine (docs/api.md,
// "Engine internals (no stability promise)")
export { summarise } from './simulation/seeds.js';
export { Simulation, flattenProtocol } from './simulation/simulation.js';
export { computeMetrics, writeOutputs } from './simulation/report.js';
export { cycleSummary } from './simulation/cycles.js';
export { writeCheckpoint, readCheckpointNamed as readCheckpoint, resumeSimulationNamed as resumeSimulation } from './simulation/checkpoint.js';
export { Connectivity } from './apps/connectivity.js';
export { cellVoltage } from './electrochem/cell.js';
export { morphology } from './metrics/morphology.js';
export { nucleationOverpotential } from './analysis/nucleation.js';
export { solveOverpotentialChecked as solveOverpotential } from './electrochem/galvanostat.js';
export { DiffusionApp } from './apps/diffusion.js';
export { PlatingApp } from './apps/plating.js';
export { ClassSolver } from './kmc/solver.js';
export { Rng } from './kmc/rng.js';
export { SPECIES, speciesOfChecked as speciesOf, type Species } from './lattice/species.js';
export { stepTerminations, type Termination } from './input/termination.js';
export { PLATING_CHANNELS } from './apps/channels.js';
export { runSectors, DEFAULT_WINDOW_EVENTS, type SectorOptions, type SectorRunResult } from './parallel/sector-run.js';
