/**
 * `sacplate cite <run file | run folder> [--bibtex]`: the references a run used (its parameter
 * sources), like pybamm.print_citations(); BibTeX with DOI and title for the primary references.
 *
 * The work of this command; its flags and help text are in commands/cite.ts, which loads this
 * file only when it runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileError } from '../../errors.js';
import { loadRunFile } from '../../input/parse.js';
import { runSources, formatCitations, bibtex } from '../../cite/citations.js';

function provenanceOf(target: string): unknown {
  let st;
  try { st = statSync(target); } catch { throw new FileError(target, 'no such run file or run folder'); }
  if (st.isDirectory()) {
    const f = join(target, 'resolved.json');
    if (!existsSync(f)) throw new FileError(target, 'not a run folder (no resolved.json)');
    let data: { provenance?: unknown };
    try { data = JSON.parse(readFileSync(f, 'utf8')) as { provenance?: unknown }; } catch (e) { throw new FileError(f, `cannot read (${(e as Error).message})`); }
    if (!data.provenance) throw new FileError(f, 'holds no parameter provenance');
    return data.provenance;
  }
  return loadRunFile(target).provenance;
}

export function cite(target: string, o: { bibtex?: boolean }): void {
  const sources = runSources(provenanceOf(target));
  process.stdout.write(o.bibtex ? bibtex(sources) : formatCitations(sources));
}
