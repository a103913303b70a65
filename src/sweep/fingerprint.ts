/**
 * A fingerprint of the code that turns a resolved run into metrics (the engine, the run-file
 * parser, the parameter sets, the metrics): SHA-256 over the names and contents of those
 * modules as installed. It is part of every task key, so results from an older engine are never
 * reused as results of a newer one, and a queue worker with other code refuses the job.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders of src/ whose code decides a run's metrics. */
export const ENGINE_FOLDERS = ['kmc', 'apps', 'simulation', 'electrochem', 'lattice', 'metrics', 'analysis', 'input', 'params', 'units.ts', 'errors.ts'];

let cached: string | undefined;

export function engineFingerprint(): string {
  if (cached) return cached;
  const root = fileURLToPath(new URL('..', import.meta.url)); // dist/src/ (or src/ under tsx)
  const h = createHash('sha256');
  const files: string[] = [];
  const walk = (p: string) => {
    let st;
    try { st = statSync(p); } catch { return; }
    if (st.isDirectory()) { for (const f of readdirSync(p).sort()) walk(join(p, f)); return; }
    const ext = extname(p);
    if ((ext === '.js' || ext === '.ts') && !p.endsWith('.d.ts')) files.push(p);
  };
  for (const f of ENGINE_FOLDERS) walk(join(root, f.endsWith('.ts') ? (root.includes('/dist/') ? f.replace(/\.ts$/, '.js') : f) : f));
  for (const f of files) { h.update(f.slice(root.length)); h.update('\0'); h.update(readFileSync(f)); h.update('\0'); }
  return (cached = h.digest('hex').slice(0, 16));
}
