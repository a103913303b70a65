/**
 * The files an input file reads besides itself: a run's `parameters: FILE`, a sweep's or screen's `base: FILE` (and
 * that run's own parameters file), a screen's `descriptors: FILE.csv`, a full-cell file's `anode: { run: FILE }` (and its measured `anode: { file: CYCLER FILE }`), a
 * comparison's variants' parameters files; each relative to the file that names it, as the parsers read them. The
 * output-folder guard (io/dirs.ts prepareOutDir `inputs`) is given these too: `fullcell fc.yaml --out OUT --force`
 * with `anode: { run: OUT/anode.yaml }` cleared the anode run file with the previous outputs (review35).
 * A file that cannot be read names nothing here (its parser says why, in its own words).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { readInputFile } from './parse.js';
import { isMap } from '../args.js';

/** `file` and the files it names (at any depth of base: / anode.run: files), each once. */
export function inputFilesOf(file: string): string[] {
  const seen: string[] = [];
  const visit = (f: string, depth: number): void => {
    if (seen.includes(f)) return;
    seen.push(f);
    if (depth > 4) return;
    let d: unknown;
    try { d = readInputFile(f); } catch { return; }
    if (!isMap(d)) return;
    const at = (p: unknown): string | undefined => (typeof p === 'string' && p.trim() !== '' ? (isAbsolute(p) ? p : resolve(dirname(f), p)) : undefined);
    const add = (p: unknown, follow: boolean) => {
      const a = at(p);
      if (a === undefined) return;
      if (follow) visit(a, depth + 1);
      else if (!seen.includes(a)) seen.push(a);
    };
    add(d.parameters, false);
    add(d.descriptors, false);
    add(d.base, true);
    if (isMap(d.base)) add(d.base.parameters, false);
    if (isMap(d.anode)) { add(d.anode.run, true); add(d.anode.file, false); }
    if (Array.isArray(d.variants)) for (const v of d.variants) if (isMap(v)) add(v.parameters, false);
  };
  visit(file, 0);
  return seen;
}
