/**
 * Errors across a worker-thread boundary. A thrown value posted from a worker loses its class
 * (structured clone keeps only Error's name and message), so a user error (InputError, FileError:
 * one line, exit 2 at the CLI) would come back as a plain Error and crash with a stack trace.
 * The worker sends `serialiseError(e)`; the parent throws `reviveError(m)`: the same class, field,
 * value and message (JavaScript's own classes, RangeError and the like, by their name).
 */
import { FileError, InputError } from '../errors.js';

export type SerialisedError =
  | { kind: 'InputError'; field: string; value: unknown; expected: string; message: string }
  | { kind: 'FileError'; file: string; line?: number; message: string; detail: string }
  | { kind: 'Error'; name: string; message: string; stack?: string };

/**
 * Nesting that the receiving thread can read: a value is cloned and read recursively, and an input
 * error's value nested 3,000 levels deep (a run object's key) was cloned on the worker but could
 * not be read on the main thread (a 'messageerror', "Maximum call stack size exceeded"): the run
 * ended as "simulation worker exited with code 0 before finishing", an internal error.
 */
const MAX_DEPTH = 64;
function shallow(v: unknown, depth: number, seen: Set<object>): boolean {
  if (v === null || typeof v !== 'object' || seen.has(v)) return true;
  if (depth >= MAX_DEPTH) return false;
  seen.add(v);
  for (const x of Object.values(v)) if (!shallow(x, depth + 1, seen)) return false;
  return true;
}

/** A plain-data form of a thrown value (safe for postMessage). */
export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof InputError) {
    // (a value that cannot be sent goes as text; the message, which shows it, goes as it is)
    let value: unknown = e.value;
    try { if (!shallow(value, 0, new Set())) throw new RangeError('nested too deeply'); structuredClone(value); } catch { value = String(value); }
    return { kind: 'InputError', field: e.field, value, expected: e.expected, message: e.message };
  }
  if (e instanceof FileError) {
    const prefix = e.line !== undefined ? `${e.file}:${e.line}: ` : `${e.file}: `;
    const detail = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
    return { kind: 'FileError', file: e.file, line: e.line, message: e.message, detail };
  }
  if (e instanceof Error) return { kind: 'Error', name: e.name, message: e.message, stack: e.stack };
  return { kind: 'Error', name: 'Error', message: String(e) };
}

/**
 * A message from a worker that this thread could not read (a worker's 'messageerror' event, or
 * receiveMessageOnPort's throw: "Maximum call stack size exceeded" for a value nested thousands of
 * levels deep): the error, its class kept (a RangeError is an input nested too deeply at the CLI),
 * saying whose message it was.
 */
export function unreadableMessage(e: unknown, from: string): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  err.message = `a message from ${from} could not be read: ${err.message}`;
  return err;
}

/**
 * JavaScript's own error classes, kept across the boundary by their name: a RangeError (an input too
 * large for memory or nested too deeply: exit 2 at the CLI, cli/failure.ts) came back as a plain
 * Error and was reported as an internal error.
 */
const BUILT_IN: Record<string, new (message: string) => Error> = { RangeError, TypeError, SyntaxError, ReferenceError, EvalError, URIError };

/** The error a serialised one stands for: InputError and FileError keep their class and fields, JavaScript's own error classes their class. */
export function reviveError(s: SerialisedError): Error {
  if (s.kind === 'InputError') {
    const e = new InputError(s.field, s.value, s.expected);
    e.message = s.message; // the thrower's words (its value may have come as text)
    return e;
  }
  if (s.kind === 'FileError') return new FileError(s.file, s.detail, s.line);
  const e = new (Object.hasOwn(BUILT_IN, s.name) ? BUILT_IN[s.name]! : Error)(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
