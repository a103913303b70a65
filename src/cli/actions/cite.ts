/**
 * `sacplate cite <run file | run folder | screen file> [--bibtex | --ris]`: the references a run used
 * (its parameter sources), like pybamm.print_citations(), or every source a screen's ranking reads
 * (src/cite/screen.ts); BibTeX with DOI and title for the primary references.
 *
 * The work of this command; its flags and help text are in commands/cite.ts, which loads this
 * file only when it runs.
 */
import { statSync } from 'node:fs';
import { FileError, InputError } from '../../errors.js';
import { readInputFile } from '../../input/parse.js';
import { runSources, runSetsOf, formatCitations, bibtex, ris } from '../../cite/citations.js';
import { runFileRecord, runFolderRecord } from '../../cite/run-citations.js';

/** the run (a run file resolved, or a run folder's resolved.json): its provenance and named sets; or a screen file */
function runOf(target: string): { provenance?: unknown } | { screen: string } {
  let st;
  try { st = statSync(target); } catch { throw new FileError(target, 'no such run file or run folder'); }
  if (st.isDirectory()) return runFolderRecord(target);
  // a sweep or comparison file was refused as a run file with a key it has ("name: got ..., expected
  // no such key", or "use `sacplate compare`"): say what it is and what cite takes. A screen file is
  // cited whole (src/cite/screen.ts; until loose10 it was refused too)
  const raw = readInputFile(target);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if ('base' in o) {
      if ('candidates' in o || 'descriptors' in o) return { screen: target };
      throw new FileError(target, 'a sweep file (base + axes), not one run: cite takes a run file, a run folder (with resolved.json) or a screen file, e.g. the base run as its own file');
    }
    if ('variants' in o) throw new FileError(target, 'a comparison file (variants), not one run: cite takes a run file, a run folder or a screen file; `compare --out DIR` writes a run folder per case (DIR/<case>/resolved.json)');
  }
  // a nucleation case file, a full-cell file or a screen's result.json: refused by loadRunFile, as the library's citations() refuses them;
  // a run folder's resolved.json is cited as its folder is
  return runFileRecord(target, 'cite takes a run file, a run folder (with resolved.json) or a screen file', raw);
}

export async function cite(target: string, o: { bibtex?: boolean; ris?: boolean }): Promise<void> {
  if (o.bibtex && o.ris) throw new InputError('--ris', true, 'one output format: --bibtex or --ris, not both');
  const run = runOf(target);
  let sources, what = 'this run';
  if ('screen' in run) {
    // loaded only for a screen file: the screen's stages and their data
    const { screenSources } = await import('../../cite/screen.js');
    const s = await screenSources(run.screen);
    for (const c of s.invalid) process.stderr.write(`not cited (its input does not resolve, so the screen does not rank it): ${c.error}\n`);
    sources = s.sources;
    what = 'this screen (every source its ranking reads; the review\'s sets and the candidates\' own)';
  } else sources = runSources(run.provenance, runSetsOf(run));
  process.stdout.write(o.bibtex ? bibtex(sources) : o.ris ? ris(sources) : formatCitations(sources, what));
}
