/**
 * Checks of the CLI's flags made BEFORE a run starts, so that a bad path never costs a finished
 * simulation: output files (`convert -o`) and empty path flags (refuseEmptyPath); numbers typed
 * as flags are args.ts's countOf (counts) and decimalOf (real values). Each problem is one
 * FileError/InputError line, exit 2. The output folder and the store, which the library checks
 * too, are io/dirs.ts's prepareOutDir and store/check.ts's checkStore.
 */
import { accessSync, closeSync, constants, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
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
 * The extensions of formats an output's name may ask for (refuseOtherFormatName; convert -o, which writes .csv and
 * .parquet only). One list: convert kept its own until review69 (it took out.bib, results took r.mpt).
 */
export const FORMAT_EXTS: readonly string[] = ['.csv', '.json', '.parquet', '.bib', '.ris', '.xlsx', '.xls', '.xlsm', '.ods', '.tsv', '.mpt', '.h5', '.hdf5', '.feather', '.arrow', '.mat', '.xml', '.zip', '.gz'];

/**
 * An output file whose name says another format than the one --format writes (audit69: `results --out r.parquet`, csv by
 * default, wrote CSV text into r.parquet; `lit export --format bibtex --out refs.csv` BibTeX into refs.csv): refused
 * naming the flag, the value and the name each --format writes. A name of no format's (.txt, none) is taken as given.
 * `exts` is each format's extension; `byDefault` the format written when --format is not given.
 */
export function refuseOtherFormatName(field: string, out: string | undefined, format: string, exts: Readonly<Record<string, string>>, byDefault?: string): void {
  if (out === undefined) return;
  const ext = extname(out).toLowerCase();
  const mine = exts[format];
  if (mine === undefined || ext === mine || !FORMAT_EXTS.includes(ext)) return;
  const other = Object.keys(exts).find((f) => exts[f] === ext);
  throw new InputError(field, out, `a name ending ${mine} for --format ${format}${format === byDefault ? ' (the default)' : ''}; ${other !== undefined ? `--format ${other} writes a ${ext} file` : `no --format writes a ${ext} file`}`);
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

/**
 * An output file flag's value with `-`, the usual name of standard output, read as no file: printed on stdout, as when
 * the flag is left out (review69: `lit export --out -`, `results --out -`, `convert -o -` and `schema --out -` wrote a
 * file named "-" in the current folder).
 */
export function fileOrStdout(v: string | undefined): string | undefined {
  return v === '-' ? undefined : v;
}

