/**
 * `sacplate cite <run file | run folder> [--bibtex]`: the references a run used (its parameter
 * sources), like pybamm.print_citations(); BibTeX with DOI and title for the primary references.
 *
 * The work of this command; its flags and help text are in commands/cite.ts, which loads this
 * file only when it runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, InputError } from '../../errors.js';
import { loadRunFile, readInputFile } from '../../input/parse.js';
import { runSources, runSetsOf, formatCitations, bibtex, ris } from '../../cite/citations.js';

/** the run (a run file resolved, or a run folder's resolved.json): its provenance and named sets */
function runOf(target: string): { provenance?: unknown } {
  let st;
  try { st = statSync(target); } catch { throw new FileError(target, 'no such run file or run folder'); }
  if (st.isDirectory()) {
    const f = join(target, 'resolved.json');
    if (!existsSync(f)) throw new FileError(target, 'not a run folder (no resolved.json)');
    let data: { provenance?: unknown };
    try { data = JSON.parse(readFileSync(f, 'utf8')) as { provenance?: unknown }; } catch (e) { throw new FileError(f, `cannot read (${(e as Error).message})`); }
    if (!data.provenance) throw new FileError(f, 'holds no parameter provenance');
    return data;
  }
  // a screen, sweep or comparison file was refused as a run file with a key it has ("name: got
  // ..., expected no such key", or "use `sacplate compare`"): say what it is and what cite takes
  const raw = readInputFile(target);
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if ('base' in o) {
      const screen = 'candidates' in o || 'descriptors' in o;
      throw new FileError(target, `${screen ? 'a screen file (base + candidates)' : 'a sweep file (base + axes)'}, not one run: cite takes a run file or a run folder (with resolved.json), e.g. the base run as its own file${screen ? '; the screen\'s report (screen --report DIR) lists every parameter\'s source' : ''}`);
    }
    if ('variants' in o) throw new FileError(target, 'a comparison file (variants), not one run: cite takes a run file or a run folder; `compare --out DIR` writes a run folder per case (DIR/<case>/resolved.json)');
  }
  return loadRunFile(target);
}

export function cite(target: string, o: { bibtex?: boolean; ris?: boolean }): void {
  if (o.bibtex && o.ris) throw new InputError('--ris', true, 'one output format: --bibtex or --ris, not both');
  const run = runOf(target);
  const sources = runSources(run.provenance, runSetsOf(run));
  process.stdout.write(o.bibtex ? bibtex(sources) : o.ris ? ris(sources) : formatCitations(sources));
}
