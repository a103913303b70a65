/**
 * `sacplate schema [--out FILE]`: the run file's JSON Schema (the package's runJsonSchema(), the document the workbench's
 * Run form and GET /api/schema/run use), for editors: the YAML language server's `# yaml-language-server: $schema=FILE`
 * line (VS Code's YAML extension) completes and checks a run file with it. mends101 (review80 left it: the CLI's way to
 * the schema was `sacplate serve`).
 *
 * Flags and help text only: the work is in actions/schema.ts, loaded when the command runs.
 */
import type { Command } from 'commander';
import type * as Work from '../actions/schema.js';

const work = (): Promise<typeof Work> => import('../actions/schema.js');

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the run file\'s JSON Schema (draft 2020-12) to stdout, for editors (e.g. a `# yaml-language-server: $schema=run.schema.json` line in a run file); --out to write it to a file')
    .option('--out <file>', 'write the schema to this file instead of stdout (- or none: stdout)')
    .action(async (...a: Parameters<typeof Work.schema>) => (await work()).schema(...a));
}
