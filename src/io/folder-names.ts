/**
 * Folders named after what a user named (a comparison's variants: one folder per case under
 * `compare --out DIR`). Two names that differ ("Zn N4", "Zn/N4") can become one folder; the
 * second case's outputs and resume mark then overwrote the first's, and a finished result was
 * lost. `refuseSharedFolders` refuses that before anything runs.
 */
import { InputError } from '../errors.js';

/**
 * The folder a name is written to: every run of characters other than letters, digits, `_`, `.`
 * and `-` becomes one `_`; a name of dots alone ("." or "..": the output folder itself or its
 * parent) has its dots replaced too.
 */
export function caseFolder(name: string): string {
  // (ASCII only: \w without the u flag is [A-Za-z0-9_], so its length is its size in bytes)
  const f = name.replace(/[^\w.-]+/g, '_');
  return /^\.*$/.test(f) ? f.replace(/\./g, '_') || '_' : f;
}

/** The files and folders `compare --out DIR` writes beside its case folders (batch/compare.ts the first two, batch/resume.ts the third). */
export const COMPARE_TABLE_FILE = 'compare.csv';
export const COMPARE_FIGURE_DIR = 'figures';
export const BATCH_RESUME_FILE = 'resume.json';
/** a case's folder may not be one of them (a case named "compare.csv": the table could not be written once every run had finished, EISDIR) */
export const COMPARE_OUT_NAMES: readonly string[] = [COMPARE_TABLE_FILE, COMPARE_FIGURE_DIR, BATCH_RESUME_FILE];

/** the longest file name ext4, APFS and NTFS take (bytes; NTFS: UTF-16 units) */
const MAX_FOLDER_NAME = 255;

/**
 * One InputError naming both names and the folder when two of `items` (a name and the field it
 * was given in, in order) would be written to the same folder. Compared without case: on macOS
 * and Windows "Zn-N4" and "zn-n4" are one folder, and outputs are copied there. A name whose folder
 * is longer than a file name may be is refused too (it failed when its run started, ENAMETOOLONG), and
 * one whose folder is among `beside`, the files and folders written beside the cases' folders.
 */
export function refuseSharedFolders(items: readonly { field: string; name: string }[], what: string, beside: readonly string[] = []): void {
  const seen = new Map<string, { field: string; name: string }>();
  for (const it of items) {
    const folder = caseFolder(it.name);
    if (beside.includes(folder.toLowerCase())) {
      throw new InputError(it.field, it.name, `a name whose folder is not one of what ${what} writes beside the cases (${beside.join(', ')})`);
    }
    if (folder.length > MAX_FOLDER_NAME) {
      throw new InputError(it.field, it.name, `a name of at most ${MAX_FOLDER_NAME} characters (it names its folder of ${what}; this one has ${folder.length})`);
    }
    const other = seen.get(folder.toLowerCase());
    if (other !== undefined) {
      const first = caseFolder(other.name);
      const where = first === folder ? `the folder "${folder}"` : `the folders "${first}" and "${folder}", one folder where case is not told apart (macOS, Windows)`;
      throw new InputError(it.field, it.name, `a name whose folder differs from that of ${other.field} ${JSON.stringify(other.name)} (both would be written to ${where} of ${what}, the second over the first: rename one)`);
    }
    seen.set(folder.toLowerCase(), it);
  }
}
