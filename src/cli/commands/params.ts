/**
 * `sacplate params list|show|resolve`: the named parameter sets with units and sources, and a
 * run file resolved to the numbers the engine uses.
 *
 * Flags and help text only: the work is in actions/params.ts, loaded when a command runs, so that
 * the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import type * as Work from '../actions/params.js';

const work = (): Promise<typeof Work> => import('../actions/params.js');

export function register(program: Command): void {
  const params = program.command('params').description('Named parameter sets (metals, hosts, SAC sites, electrolytes, SEI sets) with units and sources');

  params.command('list')
    .description('List the parameter sets')
    .option('--kind <kind>', 'metal, host, sac, electrolyte or sei')
    .option('--json', 'machine-readable output')
    .option('--input <file>', 'include the user sets of a run file (its parameters: block) or of a file that is such a block (sacs: ...)')
    .action(async (...a: Parameters<typeof Work.paramsList>) => (await work()).paramsList(...a));

  params.command('show')
    .description('Show every value of a set with its unit and source (assumed values marked)')
    .argument('<name>', 'set name, e.g. Li, graphene, Zn-N4, LiPF6-EC-DMC, ether-LiNO3')
    .option('--kind <kind>', 'metal, host, sac, electrolyte or sei (a name such as Li is both a metal and a host)')
    .option('--json', 'machine-readable output (the set plus its resolved canonical numbers)')
    .option('--input <file>', 'include the user sets of a run file (its parameters: block) or of a file that is such a block (sacs: ...)')
    .action(async (...a: Parameters<typeof Work.paramsShow>) => (await work()).paramsShow(...a));

  params.command('resolve')
    .description('Validate a run (or comparison) file and print it as resolved: canonical units, defaults filled in')
    .argument('<file>', 'run file, YAML or JSON')
    .action(async (...a: Parameters<typeof Work.paramsResolve>) => (await work()).paramsResolve(...a));
}
