/**
 * The run file for the HTTP API, the workbench's Run form, the OpenAPI document and editors: the
 * zod schemas of run-schema.ts (`runShape`, emitted as JSON Schema by `runJsonSchema()`), and the
 * validation every entry point shares (`validateRunInput`, the parser that checks a run with those
 * schemas), so every message a client sees is the one-line message the CLI prints for the same
 * mistake: "field: got VALUE, expected WHAT".
 */
import { z } from 'zod';
import { InputError, formatValue } from '../errors.js';
import { parseRunInput } from './parse.js';
import { runShape } from './run-schema.js';
import type { ResolvedRun } from './types.js';

export { runShape };

export interface ValidateOptions {
  /** allow `parameters:` to name a file (the CLI does; the HTTP API does not read files a request names) */
  allowFiles?: boolean;
  baseDir?: string;
}

/**
 * Validates a run object and resolves it. Throws one InputError whose message is the CLI's for
 * the same input (the parser checks the run with the schemas of run-schema.ts).
 */
export function validateRunInput(input: unknown, opts: ValidateOptions = {}): ResolvedRun {
  if (!opts.allowFiles && input && typeof input === 'object' && !Array.isArray(input)) {
    const p = (input as Record<string, unknown>).parameters;
    if (typeof p === 'string') throw new InputError('parameters', p, 'an inline map of parameter sets (metals, hosts, sacs); file paths are read by the CLI only');
  }
  return parseRunInput(input, { baseDir: opts.baseDir });
}

/**
 * The zod schema with the parser as its refinement, run before the shape so that
 * `runSchema.safeParse(x)` gives the CLI's message as the issue; then piped into the shape.
 */
export const runSchema = z.unknown().superRefine((v, ctx) => {
  try {
    validateRunInput(v);
  } catch (e) {
    if (e instanceof InputError) ctx.addIssue({ code: 'custom', message: e.message, path: [], params: { field: e.field, value: formatValue(e.value) } });
    else throw e;
  }
}).pipe(runShape);

/** JSON Schema (draft 2020-12) of a run file, for forms, editors and the OpenAPI document. */
export function runJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runShape, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
