/**
 * Entry of `sacplate nucleation` alone: bin/sacplate.js routes the command here so a cached call
 * does not load the modules of the other commands (the simulation engine, sweeps with Redis and
 * worker pools, the web server): issue 15 asks for a cached call under 2 s, and those imports
 * were about half of it. Since every command loads its work only when it runs (main.ts), this
 * entry saves only the other commands' declarations: importing main.js instead took 14 ms more
 * (median of 10 paired calls of an own-metal case, range 2-60 ms, load 3.6; the whole call
 * 190-430 ms either way). Kept: bin/sacplate.js and test/helpers/cli.ts route `nucleation` here.
 * Same behaviour as main.ts for this command: one line + exit 2 on user errors.
 */
import { Command } from 'commander';
import { runProgram } from './failure.js';
import { register } from './commands/nucleation.js';

export async function run(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('sacplate').version('0.1.0').exitOverride();
  register(program);
  await runProgram(program, argv);
}
