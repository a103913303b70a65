/**
 * A task's error as plain data, for the sweep store and for crossing a thread or a machine. Apart
 * from tasks.ts so that the task worker (task-worker.ts) does not load the run-file parser.
 */
import { InputError, FileError } from '../errors.js';

export interface TaskError {
  /** the error's class: InputError, FileError (bad input) or the name of an unexpected error */
  type: string;
  message: string;
  field?: string;
}

/** A plain copy of an error for storage and for crossing a thread or a machine. */
export function taskError(e: unknown): TaskError {
  if (e instanceof InputError) return { type: 'InputError', message: e.message, field: e.field };
  if (e instanceof FileError) return { type: 'FileError', message: e.message };
  if (e instanceof Error) return { type: e.name || 'Error', message: e.message.split('\n')[0]! };
  return { type: 'Error', message: String(e) };
}

/** Input errors are the user's to fix and do not stop a sweep; anything else is fatal. */
export const isInputErrorType = (t: string) => t === 'InputError' || t === 'FileError';
