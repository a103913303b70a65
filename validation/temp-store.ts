/**
 * A sacplate store in a fresh temporary directory for one study run: the atomistic data a study
 * computes are cached there and reused by its later rows, and the directory is removed at the end,
 * whatever happens (the nucleation studies).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/store/index.js';

export function withTempStore<T>(prefix: string, fn: (store: Store) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = openStore(join(dir, 'cache.db'));
  try {
    return fn(store);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
