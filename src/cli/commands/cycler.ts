/**
 * `sacplate analyze FILE --protocol symmetric|licu|aurbach|fullcell [--area 1.13 cm2]` and
 * `sacplate convert FILE --to bdf`. Cycler files (BioLogic .mpt, Neware, Arbin, Landt, BDF,
 * generic CSV with --map) and simulated eta.csv traces go through the same metric code.
 *
 * Flags and help text only: the work is in actions/cycler.ts, loaded when a command runs, so that
 * the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import { FORMATS } from '../../cycler/formats.js';
import { PAIR_RULES, PROTOCOLS } from '../../analysis/protocols.js';
import type * as Work from '../actions/cycler.js';

const work = (): Promise<typeof Work> => import('../actions/cycler.js');

function addReadFlags(c: Command): Command {
  return c
    .option('--format <format>', `input layout (default: detected): ${FORMATS.join(', ')}`)
    .option('--map <mapping>', 'column mapping, e.g. "time=Time (s),voltage=Ewe@mV,current=I@mA,cycle=Cycle"; "sign=Md:C+,D-" takes the sign from a label column')
    .option('--delimiter <char>', 'field delimiter for any delimited layout (",", ";" or "tab"; default: detected)')
    .option('--header-line <n>', 'generic CSV: line number of the column names (default 1)');
}

export function register(program: Command): void {
  addReadFlags(program
    .command('analyze')
    .description('metrics from a cycler file or a simulated eta.csv: symmetric-cell overpotentials and nucleation, Li||Cu and Aurbach CE, full-cell capacity/CE/retention; writes JSON and SVG/PNG figures')
    .argument('<file>', 'cycler export (.mpt, Neware/Arbin/Landt/BDF CSV, BDF Parquet) or a run directory\'s eta.csv')
    .requiredOption('--protocol <protocol>', PROTOCOLS.join(' | '))
    .option('--area <value...>', 'electrode area, e.g. 1.13 cm2 (default: from the .mpt header if present)'))
    .option('--json', 'print the JSON report on stdout instead of the table')
    .option('--out <dir>', 'directory for report.json and figures: a new or empty folder, or a previous analysis\'s with --force (default: ./<file name>.analysis, or the run\'s analysis/ for an eta.csv, written over by a rerun)')
    .option('--force', 'clear the --out folder (once the file is analysed) when it holds a previous analysis or run; never one holding the file')
    .option('--no-figures', 'do not write figures')
    .option('--no-png', 'write SVG figures only')
    .option('--limit <value...>', 'cycle life: overpotential limit, a magnitude > 0 compared with the plateau of |V|, e.g. 100 mV (a negative or zero value is refused)')
    .option('--no-soft-short', 'do not look for soft shorts')
    .option('--plateau-from <fraction>', 'start of the plateau window as a fraction of each half cycle (default 0.5); symmetric, and the nucleation readings of licu and aurbach')
    .option('--qt <value...>', 'Aurbach: reservoir charge Q_T, e.g. 5 mAh or 5 mAh/cm2 (default: detected)')
    .option('--qc <value...>', 'Aurbach: cycling charge Q_C (default: detected)')
    .option('--n <count>', 'Aurbach: number of Q_C cycles (default: detected)')
    .option('--reference-cycle <n>', 'full cell: retention against this cycle (default: first complete cycle)')
    .option('--mass <value...>', 'full cell: active material mass, e.g. 10.5 mg: capacities also in mAh/g')
    .option('--pair <rule>', `full cell: how half cycles make a cycle: ${PAIR_RULES.join(' | ')} (default auto: the file's first direction with the opposite half that follows)`)
    .option('--rest-current <value...>', 'rest below this |I|, e.g. 5 uA (default: 0.1 % of the current range, and the file\'s steps where it has them)')
    .option('--rest-fraction <fraction>', 'rest below this fraction of the largest |I| (the v1 rule was 0.01)')
    .option('--no-steps', "do not use the file's step column to tell rest from constant-voltage tails")
    .action(async (...a: Parameters<typeof Work.analyze>) => (await work()).analyze(...a));

  addReadFlags(program
    .command('convert')
    .description('convert a cycler file to the canonical Battery Data Format: CSV (streamed), or Parquet when -o names a .parquet file')
    .argument('<file>', 'cycler export')
    .requiredOption('--to <target>', 'bdf')
    .option('-o, --output <file>', 'write here instead of stdout (a .parquet name: BDF Parquet; - or none: stdout)')
    .option('--area <value...>', 'eta.csv only: electrode area to turn C/cm2 into A (default 1 cm2)'))
    .action(async (...a: Parameters<typeof Work.convert>) => (await work()).convert(...a));
}
