/**
 * `citations(run)` for a library caller: what `sacplate cite` prints, for a run file, a run object
 * or a resolved run (as pybamm.print_citations() gives the papers a simulation used): the
 * parameter sets' sources, the review, sacplate itself; as text, BibTeX or RIS.
 */
import { InputError } from '../errors.js';
import { resolveInput } from '../simulation/simulate.js';
import { loadRunFile } from '../input/parse.js';
import type { ResolvedRun } from '../input/types.js';
import { bibtex, formatCitations, ris, runSetsOf, runSources } from './citations.js';

export const CITATION_FORMATS = ['text', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/**
 * What citations() takes, said after a file of another kind: a screen file named `sacplate screen` and "a run file is
 * read here" only, though `sacplate cite` cites one (its sources are gathered asynchronously, src/cite/screen.ts; review33).
 */
export const CITATIONS_TAKE = 'citations() takes a run file, a run object or a resolved run (a screen file\'s sources: `sacplate cite FILE`)';

export function citations(input: string | ResolvedRun | Record<string, unknown>, format: CitationFormat = 'text'): string {
  if (!(CITATION_FORMATS as readonly unknown[]).includes(format)) throw new InputError('format', format, `one of ${CITATION_FORMATS.join(', ')}`);
  const run = typeof input === 'string' ? loadRunFile(input, CITATIONS_TAKE) : resolveInput(input);
  const sources = runSources(run.provenance, runSetsOf(run));
  return format === 'bibtex' ? bibtex(sources) : format === 'ris' ? ris(sources) : formatCitations(sources);
}
