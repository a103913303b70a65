/**
 * Checks of the CLI's flags made BEFORE a run starts, so that a bad path never costs a finished
 * simulation: output files (`convert -o`) and empty path flags (refuseEmptyPath); numbers typed
 * as flags are args.ts's countOf (counts) and decimalOf (real values). Each problem is one
 * FileError/InputError line, exit 2. The output folder and the store, which the library checks
 * too, are io/dirs.ts's prepareOutDir and store/check.ts's checkStore.
 */
import { accessSync, closeSync, constants, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileError, InputError, fsReason } from '../errors.js';

/** Checks that `file` can be created or overwritten (a regular file in a writable directory). */
export function checkOutputFile(file: string, field: string): void {
  let st;
  try { st = statSync(file); } catch { st = undefined; }
  if (st?.isDirectory()) throw new InputError(field, file, 'a file path (this is a directory)');
  const parent = dirname(resolve(file));
  let pst;
  try { pst = statSync(parent); } catch (e) { throw new FileError(file, `${field}: cannot use the folder ${parent}: ${fsReason(e)}`); }
  if (!pst.isDirectory()) throw new FileError(file, `${field}: ${parent} is not a directory`);
  try {
    if (st) accessSync(file, constants.W_OK);
    const probe = join(parent, `.sacplate-write-test-${process.pid}`);
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new FileError(file, `${field}: cannot be written: ${fsReason(e)}`);
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

