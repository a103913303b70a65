/**
 * `sacplate cite <run file | run folder | screen file> [--bibtex | --ris]`: the references a run used
 * (its parameter sources), like pybamm.print_citations(), or every source a screen's ranking reads
 * (src/cite/screen.ts); BibTeX with DOI and title for the primary references.
 *
 * The work of this command; its flags and help text are in commands/cite.ts, which loads this
 * file only when it runs.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { FileError, InputError } from '../../errors.js';
import { isMap } from '../../args.js';
import { readInputFile } from '../../input/parse.js';
import { runSources, runSetsOf, formatCitations, bibtex, ris } from '../../cite/citations.js';
import { runFileRecord, runFolderRecord } from '../../cite/run-citations.js';

/**
 * A stored run's record for citing, by its id (or a unique prefix, as `runs show` takes it; mends61: a compare case run
 * without --out could not be cited): its run folder's resolved.json when the store names a folder that still holds one
 * (the sets the run used), else its stored input (the run file's keys) resolved now, as `cite` resolves a run file; a
 * sector run's engine and a library caller's engine switches (the record's metrics) are kept, as a folder's are.
 */
async function storedRunOf(id: string, db: string | undefined): Promise<{ provenance?: unknown; from: string }> {
  const { openStoreToRead, defaultStorePath } = await import('../../store/index.js');
  const store = openStoreToRead(db);
  if (!store) throw new FileError(id, `no such run file or run folder, and no store at ${db ?? defaultStorePath()} to look a run id up in`);
  let rec;
  try { rec = store.getRun(id); } finally { store.close(); }
  if (!rec) throw new FileError(id, 'no such run file, run folder or stored run (the id or a unique prefix of one: sacplate runs list)');
  if (rec.out_dir && existsSync(join(rec.out_dir, 'resolved.json'))) return { ...runFolderRecord(rec.out_dir), from: `${rec.id}: its run folder ${rec.out_dir}` };
  const input = rec.input;
  // a parameters file named by a relative path: the store does not keep the folder the run was started from
  if (isMap(input) && typeof input.parameters === 'string' && !isAbsolute(input.parameters)) {
    throw new FileError(rec.id, `a stored run whose input names its parameters file by a relative path ("${input.parameters}"), which the store does not say the folder of: cite its run file or its --out folder`);
  }
  let run;
  const { resolveInput } = await import('../../simulation/simulate.js');
  try { run = resolveInput(input as Record<string, unknown>); } catch (e) {
    if (e instanceof InputError || e instanceof FileError) throw new FileError(rec.id, `a stored run whose input does not resolve (${e.message}): cite its run file or its --out folder`);
    throw e;
  }
  const m = (rec.metrics ?? {}) as { engine?: unknown; engine_config?: Record<string, string> };
  return { ...run, ...(m.engine === 'sectors' ? { engine: 'sectors' } : {}), ...(m.engine_config ? { engine_config: m.engine_config } : {}), from: `${rec.id}: its stored input, resolved with this version's parameter sets (a run folder's resolved.json keeps the sets the run used)` };
}

/** the run (a run file resolved, or a run folder's resolved.json): its provenance and named sets; or a screen file */
async function runOf(target: string, db: string | undefined): Promise<{ provenance?: unknown; from?: string } | { screen: string }> {
  let st;
  try { st = statSync(target); } catch {
    if (/^run-\d/.test(target)) return storedRunOf(target, db);
    throw new FileError(target, 'no such run file or run folder (nor a stored run\'s id, run-...)');
  }
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

export async function cite(target: string, opts: { bibtex?: boolean; ris?: boolean; format?: string; db?: string }): Promise<void> {
  let o = opts;
  if (o.bibtex && o.ris) throw new InputError('--ris', true, 'one output format: --bibtex or --ris, not both');
  // review65: --format, as the library's citations(run, format) and `elements --format` (it was an unknown option)
  if (o.format !== undefined) {
    const f = o.format.toLowerCase();
    if (f !== 'text' && f !== 'bibtex' && f !== 'ris') throw new InputError('--format', o.format, 'text, bibtex or ris (the same as no flag, --bibtex or --ris)');
    const flag = o.bibtex ? '--bibtex' : o.ris ? '--ris' : undefined;
    if (flag !== undefined && flag !== `--${f}`) throw new InputError('--format', o.format, `one output format: --format ${f} or ${flag}, not both`);
    o = { ...o, bibtex: f === 'bibtex', ris: f === 'ris' };
  }
  const run = await runOf(target, o.db);
  if ('from' in run && run.from) process.stderr.write(`cited from stored run ${run.from}\n`);
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
