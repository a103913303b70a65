/**
 * Checks of the library's arguments (`import ... from 'sacplate'`), made once at a public entry and
 * never in a hot loop: a wrong type (undefined, a number where an object is expected, a string where
 * a number is) is one InputError naming the argument, the value and what was expected, instead of a
 * TypeError deep inside. The engine's own callers pass values already checked. refuseUnknownKeys
 * is also the one check of a map's keys for every file and request body (run, sweep, screen,
 * nucleation and full-cell files, server bodies and queries): one wording everywhere.
 */
import { FileError, InputError } from './errors.js';
import { didYouMean } from './did-you-mean.js';

export const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * How a refused key is told: "no such <word><where> (did you mean "..."?); <owner> <list>". Every
 * check of an object's keys against a list (run, sweep, screen, nucleation and full-cell files,
 * request bodies and queries, library options, literature records) says it in these words.
 */
export interface KeyWords {
  /** what a key is called: "key" (default), "option", "query parameter" */
  word?: string;
  /** after the word: " in a sweep file" */
  where?: string;
  /** what the list belongs to: "allowed keys:" (default), "simulate takes", "a case has:" */
  owner?: string;
  /** the allowed keys as said, when not `keys` joined ('{ value, unit } or a text such as "1 mA/cm2"'); no keys: "none" */
  list?: string;
  /** keys taken without being listed (an access token in any query) */
  ignored?: readonly string[];
  /** a key whose value is undefined counts as absent (a caller's `{ pair: opts.pair }` gives no pair) */
  undefinedIsAbsent?: boolean;
  /** a surer guess than the spelling: `binding` -> "binding_eV" */
  meant?: (key: string) => string | undefined;
}

/** The near spelling told after an unknown `key` (' (did you mean "host"?)'), or '': `w.meant` first, else the nearest of `keys`. */
export function keyHint(key: string, keys: readonly string[], w: KeyWords = {}): string {
  const meant = w.meant?.(key);
  return meant !== undefined ? ` (did you mean "${meant}"?)` : didYouMean(key, keys);
}

/** The text for an unknown `key` ("no such key (did you mean "host"?); allowed keys: metal, host, ..."): what refuseUnknownKeys throws, and schema validators' own messages. */
export function unknownKeyText(key: string, keys: readonly string[], w: KeyWords = {}): string {
  return `no such ${w.word ?? 'key'}${w.where ?? ''}${keyHint(key, keys, w)}; ${w.owner ?? 'allowed keys:'} ${w.list ?? (keys.length ? keys.join(', ') : 'none')}`;
}

/** An unknown key found: its full path ('lattice.voxle'), its value, its near spelling (keyHint) and what a refusal says of it first (unknownKeyText). */
export interface UnknownKey { name: string; value: unknown; hint: string; text: string }

/**
 * What follows the first unknown key's text when there are more, each by its full path with its own
 * hint: '; also no such keys: lattice.voxle (did you mean "voxel"?), colour'; '' when none. A user
 * with three typos was told the first only and fixed them one run at a time.
 */
export function otherKeysText(more: readonly Pick<UnknownKey, 'name' | 'hint'>[], word = 'key'): string {
  return more.length ? `; also no such ${word}${more.length > 1 ? 's' : ''}: ${more.map((m) => `${m.name}${m.hint}`).join(', ')}` : '';
}

/** The keys of `o` that are not one of `keys` (nor ignored), in `o`'s order, each named by its path (`field.key`, or the key alone when `field` is ''). */
export function unknownKeys(field: string, o: Record<string, unknown>, keys: readonly string[], w: KeyWords = {}): UnknownKey[] {
  return Object.keys(o).filter((k) => !keys.includes(k) && !w.ignored?.includes(k) && !(w.undefinedIsAbsent && o[k] === undefined))
    .map((k) => ({ name: field ? `${field}.${k}` : k, value: o[k], hint: keyHint(k, keys, w), text: unknownKeyText(k, keys, w) }));
}

/** One InputError for every key of `found` (nothing when it is empty): the first by its path, its value and its text, then the others (otherKeysText). */
export function refuseKeys(found: readonly UnknownKey[], word = 'key'): void {
  const [first, ...more] = found;
  // a key given as undefined is there ({ atomistic: undefined }): "got undefined", not "nothing (field missing)" (mends92)
  if (first) throw new InputError(first.name, first.value, first.text + otherKeysText(more, word), first.value === undefined ? 'undefined' : undefined);
}

/**
 * Refuses the keys of `o` that are not one of `keys`, in one InputError naming the first by its path
 * (`field.key`, or the key alone when `field` is ''), its value and a near spelling, then every other
 * one by its path with its own near spelling:
 * "options.treads: got 2, expected no such option (did you mean "threads"?); runScreen takes db, threads, ...;
 * also no such option: options.outdir (did you mean "outDir"?)".
 * Own keys only, "__proto__" and "constructor" included (JSON.parse and YAML keep them as own keys).
 */
export function refuseUnknownKeys(field: string, o: Record<string, unknown>, keys: readonly string[], w: KeyWords = {}): void {
  refuseKeys(unknownKeys(field, o, keys, w), w.word);
}

/** An optional AbortSignal: a string or {} was taken and never stopped anything. */
export function signalArg(field: string, v: unknown): void {
  if (v !== undefined && !(v instanceof AbortSignal)) throw new InputError(field, v, 'an AbortSignal (new AbortController().signal)');
}

/** An options map; undefined is the defaults ({}). */
/**
 * A map of options that is an object of another kind (a Date, a Map, a class instance) is refused (mends62b, robust62): a
 * Date or Map has no own keys, so it was taken as an empty map ({ threads: 2 } in a Map ran on the default thread count).
 * A plain object: `{ ... }`, Object.create(null) or one from another realm's Object (structuredClone, a worker's message).
 */
export function plainOptionsArg(field: string, v: unknown, example: string): void {
  if (!isMap(v)) return;
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto === null || proto === Object.prototype || (Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: unknown } }).constructor?.name === 'Object')) return;
  const kind = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  throw new InputError(field, v, `a plain object of options, e.g. ${example} (a ${typeof kind === 'string' && kind !== '' ? kind : 'non-plain'} object is not read as one${v instanceof Map ? ': Object.fromEntries(map) makes one of a Map' : ''})`);
}

export function optionsArg(field: string, v: unknown, example: string, keys?: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  if (!isMap(v)) throw new InputError(field, v, `a map of options, e.g. ${example}`);
  plainOptionsArg(field, v, example);
  // with the function's keys: a misspelt option (treads, outdir) was ignored without a word
  if (keys) refuseUnknownKeys(field, v, keys, { word: 'option', owner: 'it takes' });
  return v;
}

export const RESOLVED_RUN = 'a resolved run: resolveInput(run file or run object)';

/** What resolveInput() returns (the same test as simulate's isResolvedRun). */
export function resolvedRunArg(field: string, v: unknown): void {
  const o = v as { lattice?: { voxel_m?: unknown }; metal?: { i0_A_per_m2?: unknown } } | null;
  if (!isMap(o) || typeof o.lattice?.voxel_m !== 'number' || typeof o.metal?.i0_A_per_m2 !== 'number') throw new InputError(field, v, RESOLVED_RUN);
}

/** A run for a worker: resolved, or a run object the worker resolves (its mistakes come back as InputErrors). */
export function runArg(field: string, v: unknown): void {
  if (!isMap(v)) throw new InputError(field, v, 'a run: resolveInput(run file or run object), or a run object with the keys of a run file');
}

/** A Simulation (its run and trace are what the report functions read). */
export function simulationArg(field: string, v: unknown): void {
  const o = v as { run?: unknown; trace?: { time_s?: unknown } } | null;
  if (!isMap(o) || !isMap(o.run) || !isMap(o.trace) || !Array.isArray(o.trace.time_s)) {
    throw new InputError(field, v, 'a Simulation: new Simulation(resolveInput(run file or run object))');
  }
}

/**
 * A count (runs, seeds, threads, a cycle, a line, a port, a page's limit) as given on the command line, in a query or
 * in a request body: a number as it is; text only as plain decimal digits, spaces around them allowed. Number() read
 * '0x10' as 16, '1e1' as 10, '0b11' as 3, '0o7' as 7 and '1.0' as 1, so `--runs 0x10` ran 16 runs and
 * `--ffs-repetitions 1e1` 10; any other text is NaN here, which the caller's range check refuses in one line naming
 * its field, the value and the range. The one reading of an integer written as text (CLI, server, nucleation bodies).
 */
export function countOf(v: unknown): number {
  if (typeof v === 'number') return v;
  return typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
}

/**
 * `expected` with, for a count written as a whole number in another form than plain digits ("1e6", "2.0", "1.6e1"), the
 * digits it stands for: `, in plain digits: 1000000 for "1e6"` (review69: `--max-events 1e6` was refused as "an integer
 * >= 1" and no more, and 1e6 is an integer to its reader). Counts stay plain digits (countOf: Number() took 0x10 as 16);
 * any other value (2.5, 0x10, -1, 1e300) gets `expected` as it is. Every count reader's refusal says it.
 */
export function countExpected(expected: string, v: unknown): string {
  if (typeof v !== 'string' || /^\s*\d+\s*$/.test(v)) return expected;
  const x = decimalOf(v);
  // past 2^53 - 1 (1e300) the digits are not exact, and no count reaches there: `expected` alone
  return Number.isSafeInteger(x) && x >= 0 ? `${expected}, in plain digits: ${x} for "${v.trim()}"` : expected;
}

/**
 * An integer flag from min, with no upper limit unless max is given (the seeds give 2^53 - 1, the largest exact
 * integer); refused naming the flag, the value and the range (countExpected). The CLI's count flags (simulate, compare,
 * bench, sweep, worker) read through it (review69: sim.ts and sweep.ts each had their own, sweep's without the 2^53 bound).
 */
export function intOption(field: string, v: string | undefined, min: number, max?: number): number | undefined {
  if (v === undefined) return undefined;
  const n = countOf(v);
  // no upper limit but 2^53 - 1, where integers stop being exact: named only where it is the bound given or crossed
  const hi = max ?? Number.MAX_SAFE_INTEGER;
  const range = max === undefined && !(n > hi) ? `an integer >= ${min}` : hi === Number.MAX_SAFE_INTEGER ? `an integer from ${min} to 2^53 - 1 (${hi})` : `an integer from ${min} to ${hi}`;
  if (!Number.isInteger(n) || n < min || n > hi) throw new InputError(field, v, countExpected(range, v));
  return n;
}

/**
 * A real number (seconds, a fraction) as given on the command line: a number as it is if finite; text only as a plain
 * decimal (a sign, digits, a point, an exponent: 0.5, -2, .25, 1e-3), spaces around it allowed. Number() read '0x10'
 * as 16, '0b11' as 3, '0o7' as 7, '' and ' ' as 0 and took 'Infinity', so `--checkpoint-every 0x10` waited 16 s and
 * `--checkpoint-every ''` checkpointed as often as possible; any other text, and a value that is not finite (1e999),
 * is NaN here, which the caller's range check refuses in one line naming its flag, the value and the unit. The one
 * reading of a real-valued flag (what countOf is for a count).
 */
export function decimalOf(v: unknown): number {
  const x = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(x) ? x : NaN;
}

export function numberArg(field: string, v: unknown, expected: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(field, v, expected);
  return v;
}

/**
 * An enum-like value as one of `choices`, its case ignored (`--to BDF`, `--format Neware`,
 * `--protocol Fullcell`, the workbench's `?protocol=Fullcell`, as a vendor or a paper spells it),
 * returned in the one canonical spelling the outputs use; refused naming `field` (the flag, the
 * query parameter or the library option), the value and the choices. The CLI, the server and the
 * library (readCycler's and analyzeFile's format, protocol and pair) all match through it, so they
 * cannot drift. Choices differing only in case would be ambiguous: none of the lists it is
 * used for has two.
 */
export function choiceArg<T extends string>(field: string, v: unknown, choices: readonly T[], expected = `one of ${choices.join(', ')}`): T {
  // text only: a library caller's ['licu'] or 5 is refused, not matched by its String()
  if (typeof v !== 'string') throw new InputError(field, v, expected);
  const hit = choices.find((c) => c === v) ?? choices.find((c) => c.toLowerCase() === v.toLowerCase());
  if (hit === undefined) throw new InputError(field, v, expected);
  return hit;
}

export function textArg(field: string, v: unknown, expected: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new InputError(field, v, expected);
  return v;
}

/** An array or a typed array of numbers (values not checked: NaN samples may be meant). */
export function samplesArg(field: string, v: unknown, expected: string): void {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || v instanceof DataView) throw new InputError(field, v, expected);
}

/** "--sac-element" -> "sacElement": a CLI flag by the library option's name (commander's camelCase). */
const optionName = (flag: string): string => flag.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** `text` with each flag of `words` (a whole flag, not the start of a longer one) written as the option's wording. */
export function renameFlags(text: string, words: Record<string, string>): string {
  let t = text;
  for (const [flag, word] of Object.entries(words)) t = t.replace(new RegExp(`${flag}(?![\\w-])`, 'g'), word);
  return t;
}

/**
 * `fn`'s InputErrors with the library's option names where the shared code names a CLI flag
 * ("--sac-element: got ..." -> "sacElement: got ..."; "--range nucleation_overpotential" -> "range
 * nucleation_overpotential"; a flag whose option has another name by `aliases`, { '--out': 'outDir' }),
 * so that a library call and its CLI command run one implementation and each names the argument its
 * caller wrote. `words` does the same for the flags an error's text names in a hint (its expected
 * text, and a FileError's message): { '--max-memory': 'maxMemory', '--no-store': 'db: false' } turns
 * "or --max-memory SIZE" into "or maxMemory SIZE"; only the flags listed there, so that a hint naming
 * another command (`sacplate worker --concurrency N`) is kept as it is. A promise's rejection is
 * renamed as well.
 */
export function withOptionNames<T>(fn: () => T, aliases: Record<string, string> = {}, words: Record<string, string> = {}): T {
  const rename = (e: unknown): never => {
    if (e instanceof InputError && (/^--[a-z]/.test(e.field) || Object.keys(words).some((f) => e.expected.includes(f)))) {
      const [flag, ...rest] = e.field.split(' ');
      const field = /^--[a-z]/.test(flag!) ? [aliases[flag!] ?? optionName(flag!), ...rest].join(' ') : e.field;
      throw new InputError(field, e.value, renameFlags(e.expected, words));
    }
    if (e instanceof FileError) {
      const prefix = e.line !== undefined ? `${e.file}:${e.line}: ` : `${e.file}: `;
      const message = e.message.slice(prefix.length);
      const renamed = renameFlags(message, words);
      if (renamed !== message) throw new FileError(e.file, renamed, e.line);
    }
    throw e;
  };
  try {
    const v = fn();
    return (v instanceof Promise ? v.catch(rename) : v) as T;
  } catch (e) { return rename(e); }
}
