/**
 * The library entry point: `simulate(input, options)` runs a plating simulation and returns its
 * metrics, trace and (optionally) writes the output folder. `input` is a run file path, a raw
 * run object (the same keys as the YAML), or an already resolved run.
 */
import type { ResolvedRun } from '../input/types.js';
import { loadRunFile, parseRunInput } from '../input/parse.js';
import { Simulation, type ProgressInfo, type TraceColumns, type StepResult } from './simulation.js';
import { computeMetrics, writeOutputs, type Metrics } from './report.js';

export interface SimulateOptions {
  /** write metrics.json, eta.csv, steps.csv, final.vti, final.extxyz, resolved.json here */
  outDir?: string;
  /** override the seed of the input */
  seed?: number;
  onProgress?: (p: ProgressInfo) => void;
  signal?: AbortSignal;
}

export interface SimulateResult {
  metrics: Metrics;
  trace: TraceColumns;
  steps: StepResult[];
  files: string[];
  run: ResolvedRun;
}

export function isResolvedRun(x: unknown): x is ResolvedRun {
  const o = x as { lattice?: { voxel_m?: unknown }; metal?: { i0_A_per_m2?: unknown } } | null;
  return !!o && typeof o === 'object' && typeof o.lattice?.voxel_m === 'number' && typeof o.metal?.i0_A_per_m2 === 'number';
}

export function resolveInput(input: string | ResolvedRun | Record<string, unknown>): ResolvedRun {
  if (typeof input === 'string') return loadRunFile(input);
  if (isResolvedRun(input)) return input;
  return parseRunInput(input);
}

export function simulate(input: string | ResolvedRun | Record<string, unknown>, opts: SimulateOptions = {}): SimulateResult {
  let run = resolveInput(input);
  if (opts.seed !== undefined) run = { ...run, seed: opts.seed };
  const sim = new Simulation(run);
  sim.runAll({ onProgress: opts.onProgress, signal: opts.signal });
  const metrics = computeMetrics(sim);
  const files = opts.outDir ? writeOutputs(sim, opts.outDir, metrics) : [];
  return { metrics, trace: sim.trace, steps: sim.stepResults, files, run };
}
