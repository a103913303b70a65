/**
 * A test file's own temporary folder: made under the OS's temporary folder (sacplate-<name>-XXXXXX) when the file
 * loads, and removed with everything its tests wrote there once the file's tests have run (node:test's `after`).
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempFolder(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sacplate-${name}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `body` in a fresh temporary folder (sacplate-<name>-XXXXXX), removed afterwards whatever happens. */
export async function inTempDir(name: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `sacplate-${name}-`));
  try { await body(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}
