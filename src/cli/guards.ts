/**
 * Checks the CLI makes BEFORE a run starts, so that a bad output path or store never costs a
 * finished simulation: the output folder (a new or empty directory that can be written; a
 * previous run's folder only with --force, which clears it), the store (opens and takes a write
 * lock), output files (`convert -o`) and empty path flags (refuseEmptyPath). Each problem is one
 * FileError/InputError line, exit 2. The output folders a command creates are remembered, so that
 * a command that then fails removes them while still empty (forgetCreatedDirs, from failure.ts).
 */
import { accessSync, closeSync, constants, existsSync, lstatSync, openSync, readdirSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileError, InputError } from '../errors.js';
// io/dirs.ts's makeWritableDir, which records nothing; this file's own makeWritableDir wraps it
import { makeWritableDir as makeWritableDirUntracked } from '../io/dirs.js';

/** What sacplate writes into an output folder: a folder holding any of these is a previous run. */
const RUN_MARKERS = ['metrics.json', 'resolved.json', 'eta.csv', 'checkpoint.bin', 'seeds.json', 'compare.csv', 'resume.json', 'steps.csv', 'figures', 'report.json', 'nucleation.json', 'fullcell.json'];

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * The folders this command created for its outputs (the first missing level and the folder
 * itself), so that a command that then fails on its input, its store or its cases leaves none
 * of them behind (no partial output): a bad `fullcell` or `screen` file, or a bad `--db`, left an
 * empty --out folder (or --report, or a whole new path of them) after its one-line error.
 */
const created: { top: string; leaf: string }[] = [];

/** The outermost level of `dir` that does not exist yet (undefined when `dir` exists). */
function firstMissing(dir: string): string | undefined {
  let missing: string | undefined;
  for (let cur = resolve(dir); ; cur = dirname(cur)) {
    if (existsSync(cur)) return missing;
    missing = cur;
    if (dirname(cur) === cur) return missing;
  }
}

/**
 * makeWritableDir of io/dirs.ts (the library's simulate() needs it too) that remembers the
 * levels it created, for forgetCreatedDirs. The CLI's callers import it from here.
 */
export function makeWritableDir(dir: string, field: string): void {
  const top = firstMissing(dir);
  makeWritableDirUntracked(dir, field);
  if (top !== undefined) created.push({ top, leaf: resolve(dir) });
}

/**
 * After a failed command: removes the output folders it created that are still empty, from the
 * folder up to the first level it made (rmdir only: a folder holding anything is kept). Then,
 * and after a command that succeeded, forgets them (tests run many commands in one process).
 */
export function forgetCreatedDirs(removeEmpty: boolean): void {
  if (removeEmpty) {
    for (const { top, leaf } of created.reverse()) {
      for (let cur = leaf; ; cur = dirname(cur)) {
        try { rmdirSync(cur); } catch { break; }
        if (cur === top || dirname(cur) === cur) break;
      }
    }
  }
  created.length = 0;
}

/**
 * Prepares an output folder before a run: it must be new, empty, or (with `resume`) the folder
 * of the run being resumed. A folder holding a previous run is refused unless `force`, which
 * clears it first; a non-empty folder that holds no sacplate output is never cleared.
 */
export function prepareOutDir(dir: string, opts: { field?: string; force?: boolean; resume?: boolean } = {}): void {
  const field = opts.field ?? '--out';
  if (dir.trim() === '') throw new InputError(field, dir, 'a directory path');
  let st;
  try { st = lstatSync(dir); } catch { st = undefined; }
  if (st && !st.isDirectory()) {
    throw new InputError(field, dir, 'a directory for the outputs (a file of that name exists; choose another path)');
  }
  // --resume with no checkpoint would start the run over and overwrite the outputs there (a finished
  // run removes its checkpoint): refuse unless --force, as for any previous run's folder
  if (st && opts.resume && !opts.force && !existsSync(join(dir, 'checkpoint.bin'))) {
    let entries: string[] = [];
    try { entries = readdirSync(dir); } catch { /* reported below by makeWritableDir */ }
    if (entries.some((e) => RUN_MARKERS.includes(e))) {
      throw new InputError('--resume', dir, 'a folder with a checkpoint.bin to continue from (this one holds a run but no checkpoint: it finished, or stopped before its first checkpoint; pass --force to start over there, or choose a new folder)');
    }
  }
  if (st && !opts.resume) {
    let entries: string[];
    try { entries = readdirSync(dir); } catch (e) { throw new FileError(dir, `${field}: cannot read the directory (${code(e)})`); }
    if (entries.length > 0) {
      const previous = entries.some((e) => RUN_MARKERS.includes(e));
      if (!previous) throw new InputError(field, dir, 'a new or empty directory (this one holds other files; sacplate clears only its own output folders)');
      if (!opts.force) throw new InputError(field, dir, 'a new or empty directory (it holds a previous run: pass --force to clear it first, or choose another folder)');
      for (const e of entries) {
        try { rmSync(join(dir, e), { recursive: true, force: true }); } catch (err) {
          throw new FileError(dir, `${field}: cannot clear ${e} (${code(err)})`);
        }
      }
    }
  }
  makeWritableDir(dir, field);
}

/** Checks that `file` can be created or overwritten (a regular file in a writable directory). */
export function checkOutputFile(file: string, field: string): void {
  let st;
  try { st = statSync(file); } catch { st = undefined; }
  if (st?.isDirectory()) throw new InputError(field, file, 'a file path (this is a directory)');
  const parent = dirname(resolve(file));
  let pst;
  try { pst = statSync(parent); } catch (e) { throw new FileError(file, `${field}: the folder ${parent} does not exist (${code(e)})`); }
  if (!pst.isDirectory()) throw new FileError(file, `${field}: ${parent} is not a directory`);
  try {
    if (st) accessSync(file, constants.W_OK);
    const probe = join(parent, `.sacplate-write-test-${process.pid}`);
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new FileError(file, `${field}: cannot be written (${code(e)})`);
  }
}

/**
 * Opens the store at `db` (default path when undefined) and takes and releases a write lock, so
 * that a read-only or unusable store is reported before the run, not after it.
 */
export async function checkStore(db: string | undefined): Promise<void> {
  const { openStore, defaultStorePath } = await import('../store/index.js');
  const file = resolve(db && db.trim() !== '' ? db : defaultStorePath());
  makeWritableDir(dirname(file), '--db');
  let store;
  try {
    store = openStore(file);
  } catch (e) {
    if (e instanceof FileError || e instanceof InputError) throw e;
    throw new FileError(file, `--db: cannot use the store (${e instanceof Error ? e.message : String(e)})`);
  }
  store.close();
  const { default: Database } = await import('better-sqlite3');
  let d;
  try {
    d = new Database(file, { fileMustExist: true, timeout: 15000 });
    d.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch (e) {
    throw new FileError(file, `--db: the store cannot be written (${e instanceof Error ? e.message : String(e)}); pass --no-store or another --db`);
  } finally {
    d?.close();
  }
}

/**
 * A path flag given as "" (an unset shell variable: `--out "$DIR"`) is refused before any work,
 * as prepareOutDir refuses it: `analyze --out ""` wrote report.json into the current folder,
 * `screen --report ""` ran every simulation and then wrote no report, `convert -o ""` and
 * `lit export --out ""` printed to stdout instead.
 */
export function refuseEmptyPath(field: string, v: unknown, expected: 'a directory path' | 'a file path'): void {
  if (typeof v === 'string' && v.trim() === '') throw new InputError(field, v, expected);
}

/** A number typed as a flag value; NaN for a blank one (Number('') is 0: `--seed ''` ran seed 0, `--n ''` zero cycles). */
export function flagNumber(v: unknown): number {
  return typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
}

/**
 * An enum-like flag value as one of `choices`, its case ignored (`--to BDF`, `--format Neware`,
 * `--protocol Fullcell` as a vendor or a paper spells it), returned in the one canonical spelling the
 * outputs use; refused naming the flag, the value and the choices. Choices differing only in case
 * would be ambiguous: none of the lists it is used for has two.
 */
export function choiceFlag<T extends string>(flag: string, v: unknown, choices: readonly T[], expected = `one of ${choices.join(', ')}`): T {
  const s = String(v);
  const hit = choices.find((c) => c === s) ?? choices.find((c) => c.toLowerCase() === s.toLowerCase());
  if (hit === undefined) throw new InputError(flag, v, expected);
  return hit;
}
