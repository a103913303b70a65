/**
 * Errors across a worker-thread boundary. A thrown value posted from a worker loses its class
 * (structured clone keeps only Error's name and message), so a user error (InputError, FileError:
 * one line, exit 2 at the CLI) would come back as a plain Error and crash with a stack trace.
 * The worker sends `serialiseError(e)`; the parent throws `reviveError(m)`: the same class, field,
 * value and message.
 */
import { FileError, InputError } from '../errors.js';

export type SerialisedError =
  | { kind: 'InputError'; field: string; value: unknown; expected: string; message: string }
  | { kind: 'FileError'; file: string; line?: number; message: string; detail: string }
  | { kind: 'Error'; name: string; message: string; stack?: string };

/** A plain-data form of a thrown value (safe for postMessage). */
export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof InputError) {
    let value: unknown = e.value;
    try { structuredClone(value); } catch { value = String(value); }
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

/** The error a serialised one stands for: InputError and FileError keep their class and fields. */
export function reviveError(s: SerialisedError): Error {
  if (s.kind === 'InputError') return new InputError(s.field, s.value, s.expected);
  if (s.kind === 'FileError') return new FileError(s.file, s.detail, s.line);
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
