/**
 * What to cite for a screen (`sacplate cite <screen file>`): every source its ranking's values come
 * from, the works its stages' source lines name (SourceLine.refs, src/screen/stages.ts), without a
 * simulation: the candidates' metal, host and SAC sets (the plating stage's lines, `parameterSources`;
 * a descriptor row cites its `source` column) and the lines of every stage that simulates nothing
 * (element data, hazard flags, synthesis routes, electrolyte, anode). The simulating stages add no
 * work of their own: plating reads the sets, nucleation's lines name the model's code.
 *
 * Same formats as a run's (formatCitations, bibtex, ris): one entry per work, the parameters that
 * use it listed as "<stage>: <what>".
 */
import { loadScreenFile } from '../screen/spec.js';
import { defaultStages, parameterSources, type SourceLine } from '../screen/stages.js';
import { resolveSources, sourceEntry, type RunSource } from './citations.js';
import { NOT_USED_BY_THE_RUN } from '../params/sourced.js';

/** Stages that run simulations: their sources are the parameter sets (parameterSources), read without running them. */
const SIMULATING = new Set(['plating', 'nucleation']);

/** The works a screen's source lines name, one entry per work (a line that names none by refs is read by its text). */
export function sourcesOfLines(stages: readonly { stage: string; lines: readonly SourceLine[] }[]): RunSource[] {
  const out = new Map<string, RunSource>();
  for (const { stage, lines } of stages) {
    for (const l of lines) {
      // a value the runs do not use (parameterSources: a metal's lateralBond, a user host's terraceBarrier) is listed apart,
      // as a run's cite lists it (mends61: it read "definition: = bond")
      for (const ref of l.refs ?? [l.source]) {
        if (ref === NOT_USED_BY_THE_RUN) { sourceEntry(out, ref, `${stage}: ${l.what}`, { unused: true }); continue; }
        sourceEntry(out, ref, `${stage}: ${l.what}`, { assumed: l.assumed, ...(l.where !== undefined ? { where: l.where } : {}), ...(l.given ? { given: true } : {}) });
      }
    }
  }
  return resolveSources(out);
}

/** The sources of a screen file's ranking; candidates whose input does not resolve are left out (the screen does not rank them). */
export async function screenSources(file: string): Promise<{ sources: RunSource[]; invalid: { name: string; error: string }[] }> {
  const spec = loadScreenFile(file);
  const candidates = spec.candidates.filter((c) => !c.error);
  const stages: { stage: string; lines: SourceLine[] }[] = [{ stage: 'plating', lines: parameterSources(candidates) }];
  for (const s of defaultStages(spec.weights)) {
    if (SIMULATING.has(s.name)) continue;
    stages.push({ stage: s.name, lines: (await s.run({ spec, candidates, opts: {} })).sources });
  }
  return { sources: sourcesOfLines(stages), invalid: spec.candidates.filter((c) => c.error).map((c) => ({ name: c.name, error: c.error! })) };
}
