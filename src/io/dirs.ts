/**
 * Output folders for the CLI and the library alike: created one level at a time and proved
 * writable before any work is spent on what goes into them.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { FileError } from '../errors.js';

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Creates `dir` one level at a time (Node's recursive mkdir loops forever on some paths, e.g.
 * under /proc), then proves it writable by creating and removing a probe file.
 */
export function makeWritableDir(dir: string, field: string): void {
  makeDir(dir, field);
  const abs = resolve(dir);
  const probe = join(abs, `.sacplate-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new FileError(dir, `${field}: the directory cannot be written (${code(e)})`);
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
      throw new FileError(dir, `${field}: cannot create the directory (${code(e)})`);
    }
  }
}
