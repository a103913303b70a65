/** `sacplate schema`: the run file's JSON Schema (input/schema.ts runJsonSchema) on stdout or in --out's file. */
import { writeFileSync } from 'node:fs';
import { FileError, fsReason } from '../../errors.js';
import { runJsonSchema } from '../../input/schema.js';
import { fileOrStdout, refuseEmptyPath } from '../guards.js';
import { out, err } from './text-out.js';

export function schema(o0: { out?: string }): void {
  refuseEmptyPath('--out', o0.out, 'a file path');
  const o = { out: fileOrStdout(o0.out) };
  const text = JSON.stringify(runJsonSchema(), null, 2) + '\n';
  if (o.out === undefined) return out(text);
  try { writeFileSync(o.out, text); } catch (e) { throw new FileError(o.out, `cannot write: ${fsReason(e)}`); }
  err(`wrote the run file's JSON Schema to ${o.out}`);
}
