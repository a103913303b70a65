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

/** the longest file name ext4, APFS and NTFS take (bytes; NTFS: UTF-16 units) */
const MAX_FOLDER_NAME = 255;

/**
 * One InputError naming both names and the folder when two of `items` (a name and the field it
 * was given in, in order) would be written to the same folder. Compared without case: on macOS
 * and Windows "Zn-N4" and "zn-n4" are one folder, and outputs are copied there. A name whose folder
 * is longer than a file name may be is refused too (it failed when its run started, ENAMETOOLONG).
 */
export function refuseSharedFolders(items: readonly { field: string; name: string }[], what: string): void {
  const seen = new Map<string, { field: string; name: string }>();
  for (const it of items) {
    const folder = caseFolder(it.name);
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
