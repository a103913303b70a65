/**
 * Where data lives. The package root is found by walking up from this module to the
 * package.json named "sacplate", so paths work from src/ (tsx) and from dist/src/ alike.
 * Everything read at run time ships in <root>/data (element data, literature, toxicity). The
 * shared folder (<root>/../shared, or SACPLATE_SHARED) is only where `lit verify` looks for
 * the review text by default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'sacplate') return (cachedRoot = dir);
      } catch { /* keep walking */ }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('sacplate package root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** The shared folder (the review text for `lit verify`): SACPLATE_SHARED or <root>/../shared. */
export function sharedDir(): string {
  const env = process.env.SACPLATE_SHARED;
  return env && env.trim() !== '' ? resolve(env) : resolve(packageRoot(), '..', 'shared');
}

/** Element data (data/elements in the package; SACPLATE_ELEMENTS overrides). */
export function elementsDir(): string {
  const env = process.env.SACPLATE_ELEMENTS;
  return env && env.trim() !== '' ? resolve(env) : join(packageRoot(), 'data', 'elements');
}
export function literatureDir(): string { return join(packageRoot(), 'data', 'literature'); }
export function toxicityFile(): string { return join(packageRoot(), 'data', 'toxicity', 'toxicity.yaml'); }
