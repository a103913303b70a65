/**
 * Sweep files: a base run plus axes over parameter paths, expanded into tasks (PyBaMM's
 * BatchStudy: Cartesian product of the axes, or the axes zipped element by element).
 *
 * ```yaml
 * name: loading                 # optional; default: the file name without extension
 * base: li-zn-sac.yaml          # a run file (relative to this file) or the run keys inline
 * mode: cartesian               # or zip (all axes the same length)
 * axes:
 *   sacs[0].loading: [0.5 %, 1 %, 2 %, 4 %]
 *   temperature: [253 K, 298 K]
 * seeds: [1, 2, 3]              # or a count: 3 -> seeds 1, 2, 3; always crossed with the axes
 * ```
 *
 * A path names a key of the run file: dotted keys and [i] list indices (`lattice.size[0]`,
 * `sacs[0].site`). A path whose top key is not a run key, or that walks into something the base
 * does not have, is an InputError naming the axis. Values are not checked here: a task whose
 * value is bad is resolved (and recorded as invalid) on its own, without stopping the sweep.
 */
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { FileError, InputError } from '../errors.js';
import { keylessWhat, readInputFile, RUN_KEYS } from '../input/parse.js';
import { refuseUnknownKeys } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { fileKindOf } from '../input/file-kind.js';
import type { RunInput } from '../input/run-schema.js';
import { mergeVariant } from '../batch/variant-merge.js';

export type SweepMode = 'cartesian' | 'zip';

export interface SweepSpec {
  name: string;
  /** the base run's keys as the user wrote them */
  base: Record<string, unknown>;
  /** folder relative paths inside the base (a `parameters:` file) resolve against */
  baseDir: string;
  mode: SweepMode;
  axes: { path: string; values: unknown[] }[];
  seeds?: number[];
  /** the sweep or screen file it was read from, as an absolute path (none for an object): its name is that file's in the store (SweepStore.defineSweep) */
  file?: string;
  /** the name the file gives when the sweep's is made from it (a screen `s` runs as sweep `s-runs`): what a refusal tells to change */
  fileName?: string;
  /**
   * zip mode: a name for each point, its label's first key `key` (a screen's runs: `candidate`, each candidate's name;
   * audit70: `results NAME-runs` named no candidate, only its sacs, host and parameters as JSON)
   */
  pointNames?: { key: string; values: string[] };
}

/** One point of the sweep: the run object to resolve and the axis values that made it. */
export interface TaskSpec {
  index: number;
  /** axis path -> value as written, plus `seed` when seeds are swept */
  label: Record<string, unknown>;
  input: Record<string, unknown>;
}

/** Most tasks one sweep may hold (axis points x seeds): each is planned and resolved before any runs. */
export const MAX_SWEEP_TASKS = 100_000;

export const SWEEP_KEYS = ['name', 'base', 'mode', 'axes', 'seeds', 'description'] as const;

/**
 * A sweep object for TypeScript (mends94; it was `Record<string, unknown>`): SWEEP_KEYS, in the forms parseSweep takes.
 * What runSweep() takes besides a path; it also takes any map, as before (a screen object among them). Types only: parseSweep
 * checks the values at run time as before (an axis path against the base, a value in the task that uses it).
 */
export type SweepInput = {
  /** letters, digits, "_", "-" or "."; default: the file's name, or "sweep" */
  name?: string;
  /** the base run: a run file's path (relative to the sweep file) or the run's keys */
  base: string | RunInput;
  /** cartesian (default) or zip (every axis the same length) */
  mode?: SweepMode;
  /** parameter path -> its values as a run file writes them: { "sacs[0].loading": ["1 %", "2 %"], "lattice.size[0]": [16, 32] } */
  axes?: Record<string, unknown[]>;
  /** a count (3: seeds 1, 2, 3) or a list of distinct non-negative integers; crossed with every axis */
  seeds?: number | number[];
  description?: string;
};

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export type PathPart = string | number;

/** "sacs[0].loading" -> ['sacs', 0, 'loading']; a malformed path is an InputError on `field`. */
export function parsePath(path: string, field: string): PathPart[] {
  const parts: PathPart[] = [];
  const re = /([A-Za-z_][\w-]*)|\[(\d+)\]|(\.)/y;
  let expectKey = true;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) throw new InputError(field, path, 'a parameter path such as sacs[0].loading or lattice.size[0]');
    if (m[1] !== undefined) {
      if (!expectKey) throw new InputError(field, path, 'a parameter path such as sacs[0].loading (a "." between keys)');
      parts.push(m[1]); expectKey = false;
    } else if (m[2] !== undefined) {
      if (parts.length === 0) throw new InputError(field, path, 'a path that starts with a run key, e.g. sacs[0].loading');
      parts.push(Number(m[2])); expectKey = false;
    } else {
      if (expectKey) throw new InputError(field, path, 'a parameter path such as sacs[0].loading (no empty key)');
      expectKey = true;
    }
    i = re.lastIndex;
  }
  if (parts.length === 0 || expectKey) throw new InputError(field, path, 'a parameter path such as sacs[0].loading');
  return parts;
}

/**
 * Checks that `parts` can be set in `base`: the containers on the way exist (the last key may be new), except a
 * map the base does not set at all (`electrochem` of `electrochem.estimator`; a key not spelt near one the base
 * has), which setPath starts empty in each task, the run file's own check reading what is put in it.
 */
function checkPath(base: Record<string, unknown>, parts: PathPart[], field: string, path: string): void {
  const top = parts[0];
  if (typeof top !== 'string' || !(RUN_KEYS as readonly string[]).includes(top)) {
    // the same near spelling as a misspelt key in the run file ("temprature" -> "temperature")
    throw new InputError(field, path, `a path starting with a run key${typeof top === 'string' ? didYouMean(top, RUN_KEYS) : ''}: ${RUN_KEYS.join(', ')}`);
  }
  let cur: unknown = base;
  for (let k = 0; k < parts.length - 1; k++) {
    const p = parts[k]!;
    const next = (cur as Record<string | number, unknown>)[p];
    const at = formatPath(parts.slice(0, k + 1));
    // a key the base lacks, near one it has (lattice.sise[0]): named as a typo
    const near = typeof p === 'string' && isObj(cur) && !Object.hasOwn(cur, p) ? didYouMean(p, Object.keys(cur)) : '';
    const nextPart = parts[k + 1]!;
    // a run section the base leaves out (electrochem.estimator with no electrochem in the base): started empty
    // (a run key at the top; below it, a key not spelt near one the base has: lattice.sise stays a typo)
    if (next === undefined && parts.slice(k + 1).every((q) => typeof q === 'string') && typeof p === 'string' && isObj(cur) && !Object.hasOwn(cur, p) && (k === 0 || near === '')) {
      return;
    }
    if (typeof nextPart === 'number') {
      if (!Array.isArray(next)) throw new InputError(field, path, `a path the base run has: ${at} is not a list in the base run${near}`);
      if (nextPart >= next.length) throw new InputError(field, path, `a path the base run has: ${at} has ${next.length} entries (indices 0..${next.length - 1})`);
    } else if (!isObj(next)) {
      // a protocol step is a line of text (audit70: `protocol[0].current` was refused without saying how to vary a
      // step's current): the whole step is the axis, its current read back as protocol[0]_current_mA_per_cm2
      const step = top === 'protocol' && typeof next === 'string'
        ? `: it is the step ${JSON.stringify(next)}, a line of text; vary the whole step, e.g. axes: { ${at}: [${JSON.stringify(next)}, ...] } (the results' ${at}_current_mA_per_cm2 column gives its current)` : '';
      throw new InputError(field, path, `a path the base run has: ${at} is not a map in the base run${near}${step}`);
    }
    cur = next;
  }
}

export function formatPath(parts: PathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A deep copy of `obj` with the value at `parts` replaced. */
export function setPath(obj: Record<string, unknown>, parts: PathPart[], value: unknown): Record<string, unknown> {
  const root = structuredClone(obj);
  let cur = root as Record<string | number, unknown>;
  for (let k = 0; k < parts.length - 1; k++) {
    // a map the base does not set (checkPath allows it only before a key): started empty
    if (cur[parts[k]!] === undefined) cur[parts[k]!] = {};
    cur = cur[parts[k]!] as Record<string | number, unknown>;
  }
  cur[parts[parts.length - 1]!] = structuredClone(value);
  return root;
}

/**
 * A deep copy of `obj` with an axis's value put at `parts` (mends98; mends95 left it): a map at a path of keys alone
 * (`cell`, `electrolyte`, `electrochem.counter`) is "the base's block with these changes", merged as a comparison's
 * variant merges it (src/batch/variant-merge.ts mergeVariant: key by key at every depth, `null` removing a key, lists and
 * text inside it replacing, `parameters` by kind, a map over a named SEI set `{ set: <name>, ...the map }`, a merged
 * inline electrolyte labelled `<name> (changed: ...)`). A value that is not a map (`null` too), or any value at a path
 * into a list (`sacs[0]`: a list's entries are not merged, as a comparison's lists), replaces what the base has
 * (setPath). Until mends98 every value replaced, so `cell: [{ space_charge: chazalviel }]` ran behind the default 25 um
 * separator, not the base's 500 um diffusion layer, where a comparison's variant merged it.
 */
export function setAxisValue(obj: Record<string, unknown>, parts: PathPart[], value: unknown): Record<string, unknown> {
  if (!isObj(value) || parts.some((p) => typeof p === 'number')) return setPath(obj, parts, value);
  let over: Record<string, unknown> = value;
  for (let k = parts.length - 1; k > 0; k--) over = { [parts[k] as string]: over };
  // mergeVariant shares the base's unchanged blocks: the task gets its own copy, as setPath's
  return structuredClone(mergeVariant(obj, { [parts[0] as string]: over }));
}

/**
 * A sweep's or screen's name (the store knows its tasks by it): the `name:` key of the file, or the
 * name given in its place (`--name`, the library's `name` option); refused naming `field`.
 */
export function sweepNameArg(field: string, v: unknown): string {
  if (typeof v === 'string' && /^[\w.-]{1,100}$/.test(v)) return v;
  throw new InputError(field, v, 'a name of letters, digits, "_", "-" or "." (1 to 100 characters)');
}

/** Validates a sweep object (what a sweep file holds). `file` names it in messages and anchors relative paths. */
export function parseSweep(input: unknown, opts: { file?: string; baseDir?: string } = {}): SweepSpec {
  if (!isObj(input)) throw new InputError('sweep', input, 'a map with keys base, axes, and optionally name, mode, seeds');
  // a nucleation case file or a full-cell file (its metal: read it as a run file), a comparison or a screen's result.json
  const kind = fileKindOf(input);
  if (kind && !['sweep', 'screen', 'run'].includes(kind.kind)) throw new InputError('sweep', opts.file ?? '(an object)', `a sweep file (base + axes) or a screen file, not ${kind.what}`);
  // a run file given to sweep: its keys are the base, not the sweep's (the unknown-keys list did not say so)
  if (input.base === undefined && ['metal', 'lattice', 'host', 'protocol'].some((k) => k in input)) {
    throw new InputError('base', undefined, 'the base run: this is a run file (metal, lattice, host, protocol at the top; `sacplate simulate` runs it once). A sweep file has base: (the run) and the keys it varies, e.g. '
      + 'base: run.yaml (or the run\'s keys indented under base:), axes: { sacs[0].loading: [1 %, 2 %] }, seeds: [1, 2] (examples/sweep-loading.yaml, docs/sweeps.md)');
  }
  refuseUnknownKeys('', input, SWEEP_KEYS, { where: ' in a sweep file' });
  let baseDir = opts.baseDir ?? (opts.file ? dirname(opts.file) : process.cwd());
  let base: Record<string, unknown>;
  if (typeof input.base === 'string') {
    const file = isAbsolute(input.base) ? input.base : resolve(baseDir, input.base);
    const raw = readInputFile(file);
    if (!isObj(raw)) throw new InputError('base', input.base, 'a run file holding a map of run keys');
    // robust62: a sweep, full-cell or screen file (the sweep itself too) named as base made every task invalid for its
    // keys ("name: got ..., expected no such key"); the kind said once, as simulate says it of such a file
    const baseKind = fileKindOf(raw);
    if (baseKind && baseKind.kind !== 'run') throw new InputError('base', input.base, `a run file (metal, lattice, host, protocol), not ${baseKind.what}`);
    base = raw;
    baseDir = dirname(file);
  } else if (isObj(input.base)) {
    base = input.base;
  } else {
    throw new InputError('base', input.base, 'the base run: a run file path or a map of run keys (metal, lattice, host, sacs, protocol, ...)');
  }
  const name = input.name === undefined ? (opts.file ? basename(opts.file, extname(opts.file)) : 'sweep') : sweepNameArg('name', input.name);
  const mode = input.mode === undefined ? 'cartesian' : input.mode;
  if (mode !== 'cartesian' && mode !== 'zip') throw new InputError('mode', input.mode, 'cartesian or zip');

  const axes: SweepSpec['axes'] = [];
  // mends62b (robust62): a bare `axes:` (YAML null) read as no axes, the base run alone, without a word; refused (left out,
  // the sweep is still the base run over its seeds)
  if (input.axes === null) throw new InputError('axes', null, 'a map of parameter path -> list of values, e.g. { "sacs[0].loading": ["1 %", "2 %"] }, or leave axes out for the base run alone (over its seeds)');
  if (input.axes !== undefined) {
    if (!isObj(input.axes)) throw new InputError('axes', input.axes, 'a map of parameter path -> list of values, e.g. { "sacs[0].loading": ["1 %", "2 %"] }');
    for (const [path, values] of Object.entries(input.axes)) {
      const field = `axes.${path}`;
      const parts = parsePath(path, field);
      if (parts[0] === 'seed') throw new InputError(field, path, 'seeds given with the `seeds:` key (they are crossed with every other axis)');
      checkPath(base, parts, field, path);
      if (!Array.isArray(values) || values.length === 0) throw new InputError(field, values, 'a non-empty list of values');
      axes.push({ path: formatPath(parts), values });
    }
  }
  const paths = new Set<string>();
  for (const a of axes) {
    if (paths.has(a.path)) throw new InputError(`axes.${a.path}`, a.path, 'each path once');
    paths.add(a.path);
  }
  if (mode === 'zip' && axes.length > 1) {
    const n = axes[0]!.values.length;
    for (const a of axes) if (a.values.length !== n) throw new InputError(`axes.${a.path}`, `${a.values.length} values`, `${n} values, as many as axes.${axes[0]!.path} (mode: zip)`);
  }
  let seeds: number[] | undefined;
  if (input.seeds !== undefined) {
    const s = input.seeds;
    if (typeof s === 'number') {
      if (!Number.isInteger(s) || s < 1 || s > 100000) throw new InputError('seeds', s, 'a count of seeds (1, 2, ... n) from 1 to 100000, or a list of non-negative integers');
      seeds = Array.from({ length: s }, (_, i) => i + 1);
    } else if (Array.isArray(s) && s.length > 0 && s.every((x) => Number.isInteger(x) && x >= 0 && x <= Number.MAX_SAFE_INTEGER)) {
      if (new Set(s).size !== s.length) throw new InputError('seeds', s, 'a list of distinct seeds');
      seeds = s as number[];
    } else {
      throw new InputError('seeds', s, 'a count of seeds (e.g. 4) or a list of non-negative integers (e.g. [1, 2, 3])');
    }
  }
  // the task list is built (and each task resolved) before any runs: 100 x 1000 axis values x 1000
  // seeds ran the process out of memory after minutes, with a V8 stack instead of a message
  const size = sweepSize({ mode, axes, seeds });
  if (size.tasks > MAX_SWEEP_TASKS) {
    throw new InputError('axes', `${size.tasks.toExponential(2)} tasks (${size.shape})`, `at most ${MAX_SWEEP_TASKS.toLocaleString('en')} tasks in one sweep (split it into several sweeps)`);
  }
  return { name, base, baseDir, mode, axes, seeds };
}

/** How many tasks a sweep holds and its shape ("4 x 3 x 2 seeds", "5 zipped points x 2 seeds"), before any is made. */
export function sweepSize(spec: Pick<SweepSpec, 'mode' | 'axes' | 'seeds'>): { tasks: number; shape: string } {
  const { mode, axes, seeds } = spec;
  const points = axes.length === 0 ? 1 : mode === 'zip' ? axes[0]!.values.length : axes.reduce((n, a) => n * a.values.length, 1);
  const shape = [...(mode === 'zip' ? [`${points} zipped points`] : axes.map((a) => String(a.values.length))), ...(seeds ? [`${seeds.length} seeds`] : [])].join(' x ');
  return { tasks: points * (seeds?.length ?? 1), shape: shape || 'the base run' };
}

/** What the sweep command reads, said after an empty file's name. */
export const SWEEP_FILE_TAKES = 'a sweep file (base, axes, seeds) or a screen file (base, candidates, objectives) is read here';

/** Loads a sweep file (YAML or JSON). */
export function loadSweepFile(file: string): SweepSpec {
  return { ...parseSweep(keyedSweepFile(file, readInputFile(file, SWEEP_FILE_TAKES)), { file }), file: resolve(file) };
}

/** A sweep file's value; a file without keys (a CSV, a cycler's .mpt) said in words, as simulate and cite say it: it was `sweep: got "EC-Lab ASCII FILE..." (2312333 characters), expected a map ...` (cli66). */
export function keyedSweepFile(file: string, raw: unknown): unknown {
  if (typeof raw === 'string' || Array.isArray(raw)) throw new FileError(file, `${keylessWhat(file, raw)}, not a sweep file; ${SWEEP_FILE_TAKES.replace(/ is read here$/, ' is read here (examples/sweep-loading.yaml)')}`);
  return raw;
}

/** The points of the sweep, in a fixed order (first axis slowest, seeds fastest). */
export function expandSweep(spec: SweepSpec): TaskSpec[] {
  type Point = { path: string; value: unknown }[];
  let points: Point[];
  if (spec.axes.length === 0) points = [[]];
  else if (spec.mode === 'zip') {
    points = spec.axes[0]!.values.map((_, i) => spec.axes.map((a) => ({ path: a.path, value: a.values[i] })));
  } else {
    points = [[]];
    for (const a of spec.axes) points = points.flatMap((p) => a.values.map((value) => [...p, { path: a.path, value }]));
  }
  const tasks: TaskSpec[] = [];
  const names = spec.mode === 'zip' && spec.pointNames?.values.length === points.length ? spec.pointNames : undefined;
  for (const [i, p] of points.entries()) {
    let input = spec.base;
    const label: Record<string, unknown> = names ? { [names.key]: names.values[i] } : {};
    for (const { path, value } of p) {
      input = setAxisValue(input, parsePath(path, path), value);
      label[path] = value;
    }
    for (const seed of spec.seeds ?? [undefined]) {
      const inp = seed === undefined ? input : { ...input, seed };
      tasks.push({ index: tasks.length, label: seed === undefined ? label : { ...label, seed }, input: inp });
    }
  }
  return tasks;
}
