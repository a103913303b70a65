/**
 * A test file's own temporary folder: made under the OS's temporary folder (sacplate-<name>-XXXXXX) when the file
 * loads, and removed with everything its tests wrote there once the file's tests have run (node:test's `after`).
 */
import { after } from 'node:test';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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

let root: string | undefined;

/**
 * The OS's temporary folder for the rest of this test file: a fresh sacplate-<name>-XXXXXX made now becomes TMPDIR (which
 * `os.tmpdir()` reads at each call, and spawned commands inherit), and is removed with everything written under it once
 * the file's tests have run (node:test's `after`; TMPDIR is put back first). Call it at the top of a test file whose tests
 * make folders with `mkdtempSync(join(tmpdir(), ...))` and leave them (session 52, branch testtime26: about 2,600
 * entries in /tmp after a day's runs of the suite, e.g. fullcell-cli's fullcell-k-* and fullcell-capacity-*).
 */
export function tempRoot(name: string): string {
  // one per process: where npm test runs light files in one process (bench/run-tests.ts), the first file's is theirs
  if (root !== undefined) return root;
  const dir = mkdtempSync(join(tmpdir(), `sacplate-${name}-`));
  // searchable by other users, as /tmp is: tests that run the CLI as user nobody (store-chance, cli-robust) reach their
  // folders through it (mkdtemp makes it 0700)
  chmodSync(dir, 0o755);
  root = dir;
  const was = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  after(() => {
    if (process.env.TMPDIR === dir) { if (was === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = was; }
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
