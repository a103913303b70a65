/**
 * `sacplate cite <run file | run folder> [--bibtex]`: the references a run used (its parameter
 * sources), like pybamm.print_citations(); BibTeX with DOI and title for the primary references.
 */
import type { Command } from 'commander';
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

export function register(program: Command): void {
  program
    .command('cite')
    .description('references a run used (parameter sources, the review, sacplate itself); --bibtex for BibTeX')
    .argument('<run>', 'a run file (YAML/JSON) or a run folder (with resolved.json)')
    .option('--bibtex', 'print BibTeX entries instead of text')
    .action((target: string, o: { bibtex?: boolean }) => {
      const sources = runSources(provenanceOf(target));
      process.stdout.write(o.bibtex ? bibtex(sources) : formatCitations(sources));
    });
}
