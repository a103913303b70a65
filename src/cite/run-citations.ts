/**
 * `citations(run)` for a library caller: what `sacplate cite` prints, for a run file, a run folder (or its resolved.json), a run object
 * or a resolved run (as pybamm.print_citations() gives the papers a simulation used): the
 * parameter sets' sources, the review, sacplate itself; as text, BibTeX or RIS.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileError, InputError, fsReason } from '../errors.js';
import { resolveInput } from '../simulation/simulate.js';
import { loadRunFile, readInputFile } from '../input/parse.js';
import { fileKindOf } from '../input/file-kind.js';
import { BATCH_RESUME_FILE, COMPARE_TABLE_FILE } from '../io/folder-names.js';
import type { ResolvedRun } from '../input/types.js';
import { bibtex, formatCitations, ris, runSetsOf, runSources } from './citations.js';

export const CITATION_FORMATS = ['text', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

/**
 * What citations() takes, said after a file of another kind: a screen file named `sacplate screen` and "a run file is
 * read here" only, though `sacplate cite` cites one (its sources are gathered asynchronously, src/cite/screen.ts; review33).
 */
export const CITATIONS_TAKE = 'citations() takes a run file, a run folder, a run object or a resolved run (a screen file\'s sources: `sacplate cite FILE`)';

/**
 * A run folder's record (its resolved.json: provenance and named sets), as `sacplate cite DIR` and citations(DIR) read
 * it; a folder holding run folders (the output of compare or --seeds, or any folder a run folder is in) is refused
 * naming one. citations() given a folder said "cannot read: a folder, not a file (EISDIR)" until review33. `takes`:
 * what the caller takes, said after a folder that holds no run folder.
 */
export function runFolderRecord(dir: string, takes?: string): { provenance?: unknown } {
  const f = join(dir, 'resolved.json');
  if (!existsSync(f)) {
    // a folder holding run folders: name one (sorted, the first). It is said to be compare's or --seeds' output only
    // when it holds their table or state (citations('.') from a folder with a run folder in it said so; mends45)
    const entries = readdirSync(dir, { withFileTypes: true });
    const inner = entries.filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'resolved.json'))).map((d) => d.name).sort();
    const batch = entries.some((d) => BATCH_FILES.includes(d.name));
    const held = inner.length === 0 ? '' : inner.length === 1 && !batch
      ? `; it holds a run folder: cite that, ${join(dir, inner[0]!)}`
      : `; it holds run folders${batch ? ' (the output of compare or --seeds)' : ''}: cite one of them, e.g. ${join(dir, inner[0]!)}`;
    throw new FileError(dir, `not a run folder (no resolved.json)${held}${inner.length === 0 && takes ? `; ${takes}` : ''}`);
  }
  let data: unknown;
  try { data = JSON.parse(readFileSync(f, 'utf8')); } catch (e) { throw new FileError(f, `cannot read: ${fsReason(e)}`); }
  return resolvedRecord(data, f);
}

/**
 * A resolved.json's record, read as its folder is; one without provenance is a FileError naming `file`. A sector run's
 * folder (its metrics.json beside it says `engine: "sectors"`; resolved.json names no engine) adds `engine`, so that the
 * scheme is cited (runSetsOf; review47: it was cited as a serial run)
 */
function resolvedRecord(data: unknown, file: string): { provenance?: unknown; engine?: 'sectors' } {
  if (!(data as { provenance?: unknown } | null)?.provenance) throw new FileError(file, 'holds no parameter provenance');
  let engine: unknown;
  try { engine = (JSON.parse(readFileSync(join(dirname(file), 'metrics.json'), 'utf8')) as { engine?: unknown } | null)?.engine; } catch { /* no metrics.json (a run stopped before it): the serial engine's folder */ }
  return engine === 'sectors' ? { ...(data as object), engine } : data as { provenance?: unknown };
}

/**
 * A run file's, or a run folder's resolved.json given as a file (as its folder: it was read as a run file and its
 * keys listed as unknown run keys until review34), record for citing; a file of another kind is refused saying `takes`.
 */
export function runFileRecord(file: string, takes: string, raw: unknown = readInputFile(file)): { provenance?: unknown } {
  if (fileKindOf(raw)?.kind === 'resolved') return resolvedRecord(raw, file);
  return loadRunFile(file, takes, raw);
}

/** What compare and --seeds write beside their run folders (io/folder-names.ts; cli/batch.ts: seeds.json). */
const BATCH_FILES = [COMPARE_TABLE_FILE, BATCH_RESUME_FILE, 'seeds.json'];

const isFolder = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };

export function citations(input: string | ResolvedRun | Record<string, unknown>, format: CitationFormat = 'text'): string {
  if (!(CITATION_FORMATS as readonly unknown[]).includes(format)) throw new InputError('format', format, `one of ${CITATION_FORMATS.join(', ')}`);
  const run = typeof input !== 'string' ? resolveInput(input) : isFolder(input) ? runFolderRecord(input, CITATIONS_TAKE) : runFileRecord(input, CITATIONS_TAKE);
  const sources = runSources(run.provenance, runSetsOf(run));
  return format === 'bibtex' ? bibtex(sources) : format === 'ris' ? ris(sources) : formatCitations(sources);
}
