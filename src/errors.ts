/**
 * Errors a user can act on. Every input problem becomes one `InputError` whose message names
 * the field, the value that was given and what was expected (with its unit). The CLI prints the
 * message on one line and exits with code 2; it never prints a stack trace for these.
 */
export class InputError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
  /** `valueText`: how the value is said when formatValue would mislead (a key given as undefined: "undefined", not "nothing (field missing)") */
  constructor(field: string, value: unknown, expected: string, valueText?: string) {
    super(`${field}: got ${valueText ?? formatValue(value)}, expected ${expected}`);
    this.name = 'InputError';
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

const FS_WORDS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'a folder, not a file', ENOTDIR: 'a part of the path is a file, not a folder',
  EROFS: 'a read-only file system', ENOSPC: 'no space left on the disk', EDQUOT: 'disk quota exceeded', ENAMETOOLONG: 'a name too long', ELOOP: 'too many symbolic links' };

/** Why a file could not be read, for a FileError: the usual codes in words with the code ("no such file (ENOENT)";
 * branch audit28: a missing run file said only "cannot read (ENOENT)"), any other code with Node's words for it, a
 * message as it is. Also why a file or folder cannot be written or created (branch mends28: cli/guards.ts, io/sink.ts
 * and cli/failure.ts printed the bare code, "cannot be written (EACCES)"). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null | undefined)?.code; // no NodeJS namespace: the web build (no node types) compiles this file
  if (typeof code !== 'string') return e instanceof Error ? e.message : String(e);
  if (FS_WORDS[code]) return `${FS_WORDS[code]} (${code})`;
  // another code: Node's own words for it ("EIO: i/o error, write" -> "i/o error, write (EIO)"), never the bare code
  const words = e instanceof Error ? e.message.replace(`${code}: `, '').trim() : '';
  return words !== '' && words !== code ? `${words} (${code})` : code;
}

/** A problem with a file (parse error at a line, unreadable, corrupted store). Exit code 2. */
export class FileError extends Error {
  readonly file: string;
  readonly line?: number;
  constructor(file: string, message: string, line?: number) {
    // robust62: a "path" longer than a path can be (PATH_MAX is 4096) was said whole: simulate of a 10-million-character
    // name printed a 10 MB line; its start and length instead (.file keeps it whole)
    const said = file.length > 4096 ? `${file.slice(0, 100)}... (${file.length} characters)` : file;
    super(line !== undefined ? `${said}:${line}: ${message}` : `${said}: ${message}`);
    this.name = 'FileError';
    this.file = file;
    this.line = line;
  }
}

/**
 * A file that could not be read at all: missing, a folder, no permission (io/text-file.ts readTextFile), or YAML its
 * reader cannot take in (input/parse.ts: nested too deeply, too many aliases). Its message and name are FileError's ("FILE: cannot
 * read: no such file (ENOENT)"); a caller that names such a file as its own field (fullcell's anode.run) tells it by
 * this type, not by the words of the message (it matched the prefix "FILE: cannot read" until review36).
 */
export class UnreadableFileError extends FileError {}

/** JSON.stringify escapes C0 controls; also DEL, C1 controls and bidi overrides (terminal safety). */
function escapeControls(s: string): string {
  return s.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatValue(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  if (typeof v === 'string') {
    const s = escapeControls(JSON.stringify(v));
    return s.length > 120 ? `${s.slice(0, 100)}..." (${v.length} characters)` : s;
  }
  // JSON writes NaN and Infinity as null: a refine of NaN would read "got null"
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  // mends92: an instance of a class by its class (an AbortSignal given where no signal is taken, an AbortController where
  // its signal was meant, a Map, a Date), its JSON after it when that says more than {}: each read "got {}"
  const cls = className(v);
  if (cls !== undefined) {
    const json = jsonText(v);
    return `${/^[AEIOU]/.test(cls) ? 'an' : 'a'} ${cls} object${json !== undefined && json !== '{}' ? ` ${json}` : ''}`;
  }
  return jsonText(v) ?? String(v);
}

/** The class of an object that is not a plain map or a list ("AbortSignal", "Map"); undefined for those and for other values. */
function className(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === null || proto === Object.prototype) return undefined;
  const ctor = (proto as { constructor?: unknown }).constructor;
  const name = typeof ctor === 'function' ? ctor.name : '';
  // a plain map of another realm (node:vm) has its own Object
  return name === '' || name === 'Object' ? undefined : name;
}

/** A value as JSON, at most 80 characters (Infinity and NaN unquoted); undefined when JSON has no text for it. */
function jsonText(v: unknown): string | undefined {
  try {
    // and inside an object ({value: .inf, unit: K} read "got {"value":null,...}"): Infinity, -Infinity, NaN, unquoted
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `\u0000${x}\u0000` : x))?.replace(/"\\u0000(-?Infinity|NaN)\\u0000"/g, '$1');
    return s === undefined ? undefined : escapeControls(s.length > 80 ? s.slice(0, 77) + '...' : s);
  } catch {
    return typeof v === 'object' ? '(a value that cannot be shown)' : escapeControls(String(v).slice(0, 80));
  }
}

export function isUserError(e: unknown): e is InputError | FileError {
  return e instanceof InputError || e instanceof FileError;
}
