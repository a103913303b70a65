/**
 * A CommonJS dependency loaded on its first use instead of at import (testtime20): yaml (72 files),
 * better-sqlite3, piscina and cli-progress (29 files, drawn on a terminal only: startcost) are CommonJS in Node, so `require` gives the same module object that
 * `import` would, synchronously, and a process (a test file, a script of the library) that never
 * reads YAML text, opens a store or starts a pool does not load them. Node caches the module
 * after the first call. Types come from `import type`, which loads nothing.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The CommonJS package `name`, loaded (once) by Node's require. */
export function lazyRequire<T>(name: 'yaml' | 'better-sqlite3' | 'piscina' | 'cli-progress'): T {
  return require(name) as T;
}
