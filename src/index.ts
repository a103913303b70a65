/**
 * sacplate library API.
 *   import { simulate } from 'sacplate';
 *   const { metrics, trace } = simulate('examples/li-zn-sac.yaml', { outDir: 'runs/li' });
 */
export const version = '0.1.0';
export { simulate, resolveInput, type SimulateOptions, type SimulateResult } from './simulation/simulate.js';
export { Simulation, flattenProtocol } from './simulation/simulation.js';
export { runSeeds, runPool, summarise } from './simulation/seeds.js';
export { computeMetrics, writeOutputs, type Metrics } from './simulation/report.js';
export { cycleSummary, type CycleSummary, type CycleRecord } from './simulation/cycles.js';
export { writeCheckpoint, readCheckpoint, resumeSimulation } from './simulation/checkpoint.js';
export { Connectivity } from './apps/connectivity.js';
export { cellVoltage } from './electrochem/cell.js';
export { parseRunInput, loadRunFile, parseCompareInput, loadCompareFile } from './input/parse.js';
export { parseProtocol } from './input/protocol.js';
export * as params from './params/index.js';
export { morphology } from './metrics/morphology.js';
export { nucleationOverpotential } from './analysis/nucleation.js';
export { solveOverpotentialChecked as solveOverpotential } from './electrochem/galvanostat.js';
export { DiffusionApp } from './apps/diffusion.js';
export { PlatingApp } from './apps/plating.js';
export { ClassSolver } from './kmc/solver.js';
export { Rng } from './kmc/rng.js';
export { InputError, FileError } from './errors.js';
export { parseQuantity } from './units.js';
export { SPECIES, speciesOfChecked as speciesOf, type Species } from './lattice/species.js';
export { stepTerminations, type Termination } from './input/termination.js';
export { simulateInWorker, type WorkerRun } from './simulation/worker-run.js';
export { PLATING_CHANNELS } from './apps/channels.js';
export { runSectors, DEFAULT_WINDOW_EVENTS, type SectorOptions, type SectorRunResult } from './parallel/sector-run.js';
