/**
 * Output folders for the CLI and the library alike: created one level at a time and proved
 * writable before any work is spent on what goes into them; a folder for a run's outputs must be
 * new, empty, or (with `force`) a previous run's, which is cleared (prepareOutDir). While the CLI
 * watches (cli/failure.ts: watchCreatedDirs), the folders made here are remembered, so that a
 * command that then fails removes them while still empty (forgetCreatedDirs).
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, realpathSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FileError, InputError, fsReason } from '../errors.js';

/** What sacplate writes into an output folder: a folder holding any of these is a previous run (ranking.csv and pareto.svg: a screen's --report). */
const RUN_MARKERS = ['metrics.json', 'resolved.json', 'eta.csv', 'checkpoint.bin', 'seeds.json', 'compare.csv', 'resume.json', 'steps.csv', 'figures', 'report.json', 'nucleation.json', 'fullcell.json', 'ranking.csv', 'pareto.svg'];

/**
 * The folders the CLI's command created for its outputs (the first missing level and the folder
 * itself; undefined while nobody watches: nothing is kept), so that a command that then fails on its input, its store or its cases leaves none
 * of them behind (no partial output): a bad `fullcell` or `screen` file, or a bad `--db`, left an
 * empty --out folder (or --report, or a whole new path of them) after its one-line error.
 */
let created: { top: string; leaf: string }[] | undefined;

/** The outermost level of `dir` that does not exist yet (undefined when `dir` exists). */
function firstMissing(dir: string): string | undefined {
  let missing: string | undefined;
  for (let cur = resolve(dir); ; cur = dirname(cur)) {
    if (existsSync(cur)) return missing;
    missing = cur;
    if (dirname(cur) === cur) return missing;
  }
}

/** From now on, remember the folders makeWritableDir creates (the CLI, before a command: cli/failure.ts). */
export function watchCreatedDirs(): void {
  created = [];
}

/**
 * After a failed command: removes the output folders it created that are still empty, from the
 * folder up to the first level it made (rmdir only: a folder holding anything is kept). Then,
 * and after a command that succeeded, forgets them and stops watching (tests run many commands in
 * one process; a library call made outside a CLI command is not watched).
 */
export function forgetCreatedDirs(removeEmpty: boolean): void {
  if (removeEmpty && created) {
    for (const { top, leaf } of created.reverse()) {
      for (let cur = leaf; ; cur = dirname(cur)) {
        try { rmdirSync(cur); } catch { break; }
        if (cur === top || dirname(cur) === cur) break;
      }
    }
  }
  created = undefined;
}

/**
 * Creates `dir` one level at a time (Node's recursive mkdir loops forever on some paths, e.g.
 * under /proc), then proves it writable by creating and removing a probe file. The levels it
 * created are remembered while watched (watchCreatedDirs).
 */
export function makeWritableDir(dir: string, field: string): void {
  const top = created && firstMissing(dir);
  makeDir(dir, field);
  if (created && top !== undefined) created.push({ top, leaf: resolve(dir) });
  const abs = resolve(dir);
  const probe = join(abs, `.sacplate-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new FileError(dir, `${field}: the directory cannot be written: ${fsReason(e)}`);
  }
}

/** Creates `dir` one level at a time (not Node's recursive mkdir: see makeWritableDir); a FileError naming `field` when it cannot. */
export function makeDir(dir: string, field: string): void {
  const abs = resolve(dir);
  const parts = abs.split(sep).filter((p) => p !== '');
  let cur = abs.startsWith(sep) ? sep : '';
  for (const p of parts) {
    cur = cur === '' || cur.endsWith(sep) ? cur + p : cur + sep + p;
    let st;
    try { st = statSync(cur); } catch { st = undefined; }
    if (st) {
      if (!st.isDirectory()) throw new FileError(dir, `${field}: ${cur === abs ? 'is a file' : `${cur} is a file`}, expected a directory`);
      continue;
    }
    try { mkdirSync(cur); } catch (e) {
      throw new FileError(dir, `${field}: cannot create the directory: ${fsReason(e)}`);
    }
  }
}

/** Whether the path `file` lies inside the folder `dir` (at any depth; links resolved where they exist). */
function isInside(file: string, dir: string): boolean {
  const real = (p: string) => { try { return realpathSync(p); } catch { return resolve(p); } };
  const rel = relative(real(dir), real(file));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The entries of the folder `dir`; one that cannot be read is one FileError naming `field`. */
function dirEntries(dir: string, field: string): string[] {
  try { return readdirSync(dir); } catch (e) { throw new FileError(dir, `${field}: cannot read the directory: ${fsReason(e)}`); }
}

/**
 * Removes every entry of the folder `dir` but those in `keep` (prepareOutDir's --force, a batch's
 * continued output folder); an entry that cannot be removed is one FileError naming `field` and it.
 */
export function clearDir(dir: string, field: string, keep: ReadonlySet<string> = new Set(), entries: readonly string[] = dirEntries(dir, field)): void {
  for (const e of entries) {
    if (keep.has(e)) continue;
    try { rmSync(join(dir, e), { recursive: true, force: true }); } catch (err) {
      throw new FileError(dir, `${field}: cannot clear ${e}: ${fsReason(err)}`);
    }
  }
}

/**
 * Refuses to clear the folder `dir` when it holds one of the command's `inputs` (at any depth, links resolved): the
 * input would go with the rest (review34). `why` says what would clear it.
 */
export function refuseHeldInput(dir: string, field: string, inputs: readonly (string | undefined)[] | undefined, why: string): void {
  const input = (inputs ?? []).find((f) => f !== undefined && isInside(f, dir));
  if (input !== undefined) throw new InputError(field, dir, `a folder that does not hold the command's input (${input} is in it, and ${why}; choose another folder)`);
}

/**
 * Prepares an output folder before a run: it must be new, empty, or (with `resume`) the folder
 * of the run being resumed. A folder holding a previous run is refused unless `force`, which
 * clears it first; a non-empty folder that holds no sacplate output is never cleared. The refusal
 * says the folder holds "a previous run", or the caller's `holds.what` (screen --report: "a previous
 * report") when it holds one of the caller's own `holds.files`. A folder that would be cleared and holds one of the
 * command's `inputs` (the file it reads: `analyze RUN/eta.csv --out RUN`) is refused, `--force` or not: --force
 * cleared the input with the rest (analyze then failed reading it; simulate and screen lost it; review34).
 * With `laterClear`, a folder --force clears is checked now but cleared by the function returned, which the caller
 * calls once its input is read (analyze: a missing or unreadable file left the previous analysis cleared and nothing
 * in its place); without it the folder is cleared now and the function returned does nothing. With `resume` a folder
 * with a checkpoint.bin is kept as it is (the run continues there); one without is a new start, refused unless `force`,
 * which clears it as without `resume`. The function's
 * `entries` are the entries it clears (none when there is nothing to clear), for a caller whose first write happens
 * on another thread (simulate's run on its worker: simulation/run-resolved.ts clears them before its first file).
 */
export function prepareOutDir(dir: string, opts: { field?: string; force?: boolean; resume?: boolean; holds?: { what: string; files: readonly string[] }; inputs?: readonly (string | undefined)[]; laterClear?: boolean } = {}): (() => void) & { entries: readonly string[] } {
  const nothing = Object.assign(() => {}, { entries: [] as readonly string[] });
  const field = opts.field ?? '--out';
  if (dir.trim() === '') throw new InputError(field, dir, 'a directory path');
  let st;
  try { st = lstatSync(dir); } catch { st = undefined; }
  // a link is followed (--out results, a link to a scratch folder: it was refused as "a file of that name exists"
  // until review35); a link to nothing is said as one
  if (st?.isSymbolicLink()) {
    try { st = statSync(dir); } catch (e) {
      throw new InputError(field, dir, `a directory for the outputs (it is a link to ${readlinkSync(dir)}: ${fsReason(e)}; make that folder or choose another path)`);
    }
  }
  if (st && !st.isDirectory()) {
    throw new InputError(field, dir, 'a directory for the outputs (a file of that name exists; choose another path)');
  }
  // --resume with no checkpoint would start the run over and overwrite the outputs there (a finished
  // run removes its checkpoint): refuse unless --force, as for any previous run's folder
  const noCheckpoint = st !== undefined && !existsSync(join(dir, 'checkpoint.bin'));
  if (opts.resume && !opts.force && noCheckpoint) {
    let entries: string[] = [];
    try { entries = readdirSync(dir); } catch { /* reported below by makeWritableDir */ }
    if (entries.some((e) => RUN_MARKERS.includes(e))) {
      throw new InputError('--resume', dir, 'a folder with a checkpoint.bin to continue from (this one holds a run but no checkpoint: it finished, or stopped before its first checkpoint; pass --force to start over there, or choose a new folder)');
    }
  }
  // and with --force it is a run started over, whose folder --force clears as without --resume: the previous run's
  // snapshots, cycles.csv and figures stayed beside the new run's outputs (review36)
  if (st && (!opts.resume || (opts.force && noCheckpoint))) {
    const entries = dirEntries(dir, field);
    if (entries.length > 0) {
      const previous = entries.some((e) => RUN_MARKERS.includes(e));
      // (--resume into a folder of other files and no checkpoint starts there as before: it clears nothing)
      if (!previous && opts.resume) { makeWritableDir(dir, field); return nothing; }
      if (!previous) throw new InputError(field, dir, 'a new or empty directory (this one holds other files; sacplate clears only its own output folders)');
      refuseHeldInput(dir, field, opts.inputs, '--force would clear it with the rest');
      if (!opts.force) {
        const what = opts.holds && entries.some((e) => opts.holds!.files.includes(e)) ? opts.holds.what : 'a previous run';
        throw new InputError(field, dir, `a new or empty directory (it holds ${what}: pass --force to clear it first, or choose another folder)`);
      }
      makeWritableDir(dir, field);
      const clear = () => clearDir(dir, field, new Set(), entries);
      if (opts.laterClear) return Object.assign(clear, { entries });
      clear();
      return nothing;
    }
  }
  makeWritableDir(dir, field);
  return nothing;
}
