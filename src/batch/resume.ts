/**
 * What lets a rerun of `compare` or `simulate --seeds` continue after a stop (Ctrl-C, SIGTERM, a
 * crash) instead of starting every run again: each finished run's result is in the store under
 * its task key (src/sweep/hash.ts: the fully resolved run, the seed and the engine build, the
 * key sweeps and screens use), and, with --out, `<out>/resume.json` says which run folders hold
 * a finished run of which key. A rerun of the same command reuses a run whose key has a result
 * in the store and (with --out) whose folder holds it; the folders of the other runs are cleared
 * and run again. A folder holding another command's outputs is still refused without --force.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { writeJson } from '../io/json.js';
import { BATCH_RESUME_FILE as RESUME_FILE } from '../io/folder-names.js';
import { prepareOutDir, makeWritableDir, clearDir, refuseHeldInput } from '../io/dirs.js';
import { inputFilesOf } from '../input/named-files.js';

// RESUME_FILE is written into the output folder of a comparison or a seeds batch; named among io/dirs.ts's run markers

/** The contents of resume.json. */
export interface BatchState {
  /** "compare" or "seeds" */
  command: string;
  /** the run or comparison file, as an absolute path */
  file: string;
  /** whether the run folders hold their figures (a rerun with --no-figures would not match) */
  figures: boolean;
  /** per run folder: its task key and whether the run in it finished */
  runs: Record<string, { key: string; finished: boolean }>;
}

/** The batch state in `dir`, or undefined when there is none (or it cannot be read: then it is not ours to continue). */
export function readBatchState(dir: string): BatchState | undefined {
  try {
    const s = JSON.parse(readFileSync(join(dir, RESUME_FILE), 'utf8')) as BatchState;
    if (typeof s?.command !== 'string' || typeof s.file !== 'string' || typeof s.runs !== 'object' || s.runs === null) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

/** Writes the batch state (src/io's atomic sink: a temporary file renamed into place, so a stop mid-write leaves the old one whole). */
export function writeBatchState(dir: string, state: BatchState): void {
  writeJson(join(dir, RESUME_FILE), state);
}

/** Whether the folder `dir` holds an earlier run of this very command (same command, same file). */
export function sameBatch(state: BatchState | undefined, command: string, file: string): state is BatchState {
  return state !== undefined && state.command === command && state.file === resolve(file);
}

/**
 * The run folders of the output folder `dir` that hold a finished run of the given key (with
 * figures as asked), from an earlier run of the same command; empty when the folder is not that
 * command's.
 */
export function finishedFolders(dir: string, state: BatchState | undefined, command: string, file: string, figures: boolean, runs: { dir: string; key: string }[]): Set<string> {
  const out = new Set<string>();
  if (!sameBatch(state, command, file) || state.figures !== figures) return out;
  for (const r of runs) {
    const s = state.runs[r.dir];
    // a folder removed (or emptied) by hand since is not there to reuse: that run runs again
    if (s && s.finished && s.key === r.key && existsSync(join(dir, r.dir, 'metrics.json'))) out.add(r.dir);
  }
  return out;
}

/**
 * The folders of the output folder `dir` that hold a finished run of an earlier call of the same command, which this call
 * (its run folders `dirs`) does not make: continuing the batch clears them (prepareBatchOut), and the store keeps their
 * metrics, not their files (users83: `compare --seeds 2 --out DIR` after `--seeds 3` into it removed the seed-3 folders
 * without a word). Empty when the folder is not that command's.
 */
export function droppedFolders(dir: string, state: BatchState | undefined, command: string, file: string, dirs: readonly string[]): string[] {
  if (!sameBatch(state, command, file)) return [];
  const asked = new Set(dirs);
  return Object.entries(state.runs).filter(([d, s]) => s.finished && !asked.has(d) && existsSync(join(dir, d, 'metrics.json'))).map(([d]) => d);
}

/**
 * Prepares the output folder of a batch. An earlier run of the same command (its resume.json)
 * is continued without --force: every entry but the folders in `keep` is cleared (the runs not
 * reused, the table, the overlays), as --force would clear them all. Anything else goes through
 * prepareOutDir (a previous run of another command or file is refused without --force).
 */
export function prepareBatchOut(dir: string, opts: { force?: boolean; command: string; file: string; keep: Set<string>; continueOwn: boolean }): void {
  const state = readBatchState(dir);
  if (!opts.force && opts.continueOwn && sameBatch(state, opts.command, opts.file)) {
    // the batch's own file, put there since (a link to the folder in its recorded path), went with the rest (mends45)
    refuseHeldInput(dir, '--out', inputFilesOf(opts.file), 'continuing the batch there would clear it with the runs it does not keep');
    clearDir(dir, '--out', opts.keep);
    makeWritableDir(dir, '--out');
    return;
  }
  prepareOutDir(dir, { force: opts.force, inputs: inputFilesOf(opts.file) });
}

/**
 * Earlier calls' run folders that hold a finished run of a key asked for (earlyapi; mends104 ran such a run again): among
 * `outDirs` (the store's recorded output folders of finished runs, newest first: Store.finishedOutDirs; a relative one
 * read from the working folder), a folder whose batch (its parent's resume.json, of `compare` or `seeds`) marks it
 * finished with that key and the same figures setting, and which holds its metrics.json; not one inside `out` (this
 * call's folder, whose own runs finishedFolders finds). The key is the fully resolved run, seed and engine build, so the
 * folder is that run's whatever its case was named. Key to folder (absolute), the newest first found.
 */
export function earlierFolders(outDirs: readonly string[], out: string, figures: boolean, keys: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>();
  const states = new Map<string, BatchState | undefined>();
  const own = resolve(out);
  for (const d of outDirs) {
    if (found.size === keys.size) break;
    const dir = resolve(d);
    const rel = relative(own, dir);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) continue; // this call's folder
    const parent = dirname(dir);
    if (!states.has(parent)) states.set(parent, readBatchState(parent));
    const state = states.get(parent);
    if (state === undefined || (state.command !== 'compare' && state.command !== 'seeds') || state.figures !== figures) continue;
    const s = state.runs[basename(dir)];
    if (!s || !s.finished || !keys.has(s.key) || found.has(s.key) || !existsSync(join(dir, 'metrics.json'))) continue;
    found.set(s.key, dir);
  }
  return found;
}

/**
 * Copies an earlier call's run folder `from` into `to` (a new folder of this call's --out): true when copied; false, with
 * nothing left at `to`, when it could not be (the folder went meanwhile, or a file cannot be read: the run then runs).
 */
export function copyRunFolder(from: string, to: string): boolean {
  try {
    if (!existsSync(join(from, 'metrics.json'))) return false;
    cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    return true;
  } catch {
    try { rmSync(to, { recursive: true, force: true }); } catch { /* left as it is */ }
    return false;
  }
}
