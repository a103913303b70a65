/**
 * Whether a file's bytes are text: cycler exports (cycler/lines.ts sniff) and run, comparison,
 * sweep, full-cell, nucleation and literature import files (readTextFile) are; a UTF-16 file (Windows Notepad's
 * "Unicode") or a binary one (a figure given by mistake) is refused in words, not parsed as garbage.
 */
import { readFileSync } from 'node:fs';
import { FileError, UnreadableFileError, fsReason } from '../errors.js';

/**
 * Why a file's bytes are not text, if they are not: a UTF-16 byte-order mark (`utf16`, line 1), or a
 * NUL byte (binary data, or UTF-16 without a mark) and its line.
 */
export function nonText(bytes: Uint8Array): { utf16: boolean; line: number } | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return { utf16: true, line: 1 };
  const nul = bytes.indexOf(0);
  if (nul < 0) return undefined;
  let line = 1;
  for (let i = 0; i < nul; i++) if (bytes[i] === 10) line++;
  return { utf16: false, line };
}

/**
 * A file named by a field (a run file's parameters:, a screen's descriptors:) that is not UTF-8 text, in the words of its
 * InputError: `expected` and why this one is not (one wording for both; review69: audit69 wrote it twice).
 */
export function nonTextExpected(expected: string, bad: { utf16: boolean; line: number }): string {
  return `${expected} (this one ${bad.utf16 ? 'is UTF-16 encoded: save it as UTF-8' : `contains NUL bytes on line ${bad.line}: binary data, or UTF-16 without its mark`})`;
}

/** A run file's (or case or import file's) text, UTF-8; an UnreadableFileError when it cannot be read, a FileError when it is UTF-16 or is binary (`what`: the text file expected). */
export function readTextFile(path: string, what = 'a YAML or JSON text file'): string {
  let bytes: Buffer;
  try { bytes = readFileSync(path); } catch (e) {
    throw new UnreadableFileError(path, `cannot read: ${fsReason(e)}`);
  }
  const bad = nonText(bytes);
  if (bad?.utf16) throw new FileError(path, `is UTF-16 encoded; save it as UTF-8 (${what})`, 1);
  if (bad) throw new FileError(path, `contains NUL bytes: binary data (or UTF-16), not ${what}`, bad.line);
  return bytes.toString('utf8');
}
