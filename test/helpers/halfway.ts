/**
 * A run's checkpoint written halfway: the run in full (its events), then the same run cancelled once its events pass half
 * of that, its checkpoint written to `file` at the cancel (every_s 1e9: only there). Returns both simulations. For the
 * tests that resume from such a file (checkpoint-header-hash, equal-quantities, hop-words; lead63, one copy for three).
 */
import { Simulation, type SimulationConfig, type StepState } from '../../src/simulation/simulation.js';
import { writeCheckpoint } from '../../src/simulation/checkpoint.js';
import type { ResolvedRun } from '../../src/input/types.js';

export function checkpointHalfway(run: ResolvedRun, file: string, o: { chunk: number; config?: SimulationConfig }): { full: Simulation; cut: Simulation } {
  const full = new Simulation(run, o.config);
  full.runAll();
  const ac = new AbortController();
  const cut = new Simulation(run, o.config);
  cut.runAll({ chunk: o.chunk, signal: ac.signal, onProgress: (p) => { if (p.events >= full.events / 2) ac.abort(); },
    checkpoint: { every_s: 1e9, write: (s: Simulation, st: StepState) => { writeCheckpoint(file, s, st); } } });
  return { full, cut };
}
