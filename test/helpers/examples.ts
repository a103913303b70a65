/**
 * Runs one of examples/library/*.mjs in this process (as the other tests run the CLI: its start-up is
 * not the point) and returns what it printed with console.log, one entry per line. The examples
 * import 'sacplate' (the package's self-reference to dist), so they run against this build. Each
 * example is imported once per process (the module cache), against a store of its own: the
 * examples that keep results (nucleation, screen) use the default store, SACPLATE_DB.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const EXAMPLE_DIR = mkdtempSync(join(tmpdir(), 'sacplate-examples-'));
export const EXAMPLE_DB = join(EXAMPLE_DIR, 'examples.db');
// removed once the importing file's tests have run (testtime26: one was left in /tmp per run)
after(() => rmSync(EXAMPLE_DIR, { recursive: true, force: true }));

export async function runExample(name: string): Promise<string[]> {
  process.env.SACPLATE_DB = EXAMPLE_DB;
  const lines: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => { lines.push(a.map(String).join(' ')); };
  try {
    await import(pathToFileURL(resolve('examples/library', name)).href);
  } finally {
    console.log = log;
  }
  return lines.join('\n').split('\n');
}

/** The number printed after `label: ` on its line (the examples print "label: value unit"). */
export function printed(lines: readonly string[], label: string): number {
  const line = lines.find((l) => l.startsWith(`${label}: `));
  if (line === undefined) throw new Error(`no line "${label}: ..." in:\n${lines.join('\n')}`);
  return Number(line.slice(label.length + 2).split(' ')[0]);
}
