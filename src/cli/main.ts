/**
 * The `sacplate` command line. Each concern registers its own subcommands from
 * `commands/<concern>.ts`; this file only wires them and turns user errors into one line + exit 2.
 * A commands file holds flags and help text only and loads its work (`actions/<concern>.ts`: the
 * engine, the store, the readers) when one of its commands runs, so a call starts with commander
 * and the declarations alone (`sacplate --version`: 27 files instead of 390).
 */
import { Command } from 'commander';
import { runProgram } from './failure.js';
import { register as registerSim } from './commands/sim.js';
import { register as registerParams } from './commands/params.js';
import { register as registerEvidence } from './commands/evidence.js';
import { register as registerCycler } from './commands/cycler.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerCite } from './commands/cite.js';
import { register as registerSweep } from './commands/sweep.js';
import { register as registerNucleation } from './commands/nucleation.js';
import { register as registerFullCell } from './commands/fullcell.js';
import { register as registerSchema } from './commands/schema.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('sacplate')
    .description('Kinetic Monte Carlo workbench for dendrite-free Li/Na/K anodes with single-atom catalysts')
    .version('0.1.0')
    .exitOverride();
  registerSim(program);
  registerParams(program);
  registerEvidence(program);
  registerCycler(program);
  registerServe(program);
  registerCite(program);
  registerSweep(program);
  registerNucleation(program);
  registerFullCell(program);
  registerSchema(program);
  return program;
}

export async function run(argv: string[]): Promise<void> {
  await runProgram(buildProgram(), argv);
}
