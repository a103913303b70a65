/**
 * The CLI's one-line refusals of an input, and the keys they name: the first (before ": got", or a CSV's
 * `column "x":`), then those after "; also no such <word>(s): " (every unknown key in one line since audit27).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, type CliOptions } from './cli.js';
import { tempFolder } from './tmp.js';

/** The one line of a CLI result refused with exit code 2 (`what`: the call, for the message), "sacplate: " kept. */
function onlyLine(r: { code: number; stderr: string }, what = ''): string {
  assert.equal(r.code, 2, `${what}exit ${r.code}, stderr: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  return lines[0]!;
}

/** The CLI's one line for a refused input (exit code 2), without "sacplate: ". */
export async function refusalLine(args: string[], o: CliOptions = {}): Promise<string> {
  return onlyLine(await cli(args, o), `${args.join(' ')}: `).replace(/^sacplate: /, '');
}

/** A CLI result refused in one line (exit code 2) that names `field` and matches `what`. */
export function refusedInOneLine(r: { code: number; stderr: string }, field: string, what: RegExp): void {
  const line = onlyLine(r);
  assert.ok(line.includes(field), `${field} not named in: ${line}`);
  assert.match(line, what);
}

/** The keys one message names: the first (before ": got" or the CSV's `column "x":`), then those after "; also no such <word>(s): ", hints dropped. */
export function namedKeys(message: string): string[] {
  const first = /^(?:[^:\n]+:\d+: CSV column ("[^"]+")|([^ \n]+): got )/.exec(message);
  const also = /; also no such [a-z ]+?s?: ([^\n]+)$/.exec(message)?.[1]?.split(', ').map((k) => k.replace(/ \(did you mean "[^"]*"\?\)$/, '')) ?? [];
  return [first?.[1] ?? first?.[2] ?? '', ...also];
}

/** The names after "; also no such <word>(s): ", hints dropped (a numbered list of other problems may follow). */
export const alsoKeys = (message: string): string[] => /; also no such [a-z]+?s?: ([^\n]+?)(?:; \(\d+\) .*)?$/.exec(message)?.[1]?.split(', ').map((k) => k.replace(/ \(did you mean "[^"]*"\?\)$/, '')) ?? [];

/**
 * A scratch folder for refusal tests (tempFolder(name)): its store, a writer of files in it, a small valid run
 * (`run`, also written as run.yaml with a lattice) and `refusal`, refusalLine run there against that store.
 */
export function refusalScratch(name: string) {
  const dir = tempFolder(name);
  const db = join(dir, 'store.db');
  const file = (f: string, text: string): string => { const p = join(dir, f); writeFileSync(p, text); return p; };
  const run = 'metal: Li\nhost: graphene\nprotocol: ["Rest for 1 s"]\n';
  file('run.yaml', `${run}lattice: { size: [8, 8, 8], voxel: 10 nm }\n`);
  const refusal = (args: string[]): Promise<string> => refusalLine(args, { cwd: dir, env: { SACPLATE_DB: db } });
  return { dir, db, file, run, refusal };
}
