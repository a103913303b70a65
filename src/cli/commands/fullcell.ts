/**
 * `sacplate fullcell <file> [--out dir]`: capacity retention of a full cell whose metal inventory
 * fades by the anode's Coulombic efficiency (fullcell/inventory.ts). The file:
 *
 *   cathode: LFP                 # LFP, NCM811, S (Li); NVP (Na); KMnHCF (K) (fullcell/cathodes.ts)
 *   loading: 10 mg/cm2           # optional: the set's typical loading otherwise
 *   np: [0, 1, 2]                # N/P ratio(s); 0 = anode-free
 *   cycles: 300
 *   anode: { ce: 0.995 }         # a CE, or a list per cycle (the last repeats)
 *   anode: { run: anode-licu-carbonate.yaml }   # or simulate a Li||Cu run file (one run) and use its CE per cycle
 *   anode: { file: licu.mpt, protocol: licu }   # or a measured Li||Cu cycler export's CE per cycle (as analyze reads it)
 *
 * Prints, per N/P, the retention after the last cycle and cycles_to_80pct; --out writes
 * fullcell.csv (one row per N/P and cycle) and fullcell.json.
 *
 * Flags and help text only: the work is in actions/fullcell.ts, loaded when the command runs, so
 * that the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import type * as Work from '../actions/fullcell.js';

const work = (): Promise<typeof Work> => import('../actions/fullcell.js');

export function register(program: Command): void {
  program
    .command('fullcell')
    .description('capacity retention of a full cell (LFP, NCM811, S; NVP for Na; KMnHCF for K) from the anode CE per cycle and the N/P ratio')
    .argument('<file>', 'full-cell file (YAML/JSON): cathode, np, cycles, anode { ce | run | file }')
    .option('--anode-file <file>', "the anode's CE from a measured Li||Cu cycler export (.mpt, Neware/Arbin/Landt/BDF CSV), read as analyze reads it; replaces the file's anode")
    .option('--anode-protocol <protocol>', 'how --anode-file is read: licu (CE per cycle, the default) or aurbach (one CE)')
    .option('--anode-from-cycle <n>', "--anode-file's cycles from this one (2 leaves out the first plating, onto the bare electrode)")
    .option('--anode-area <value...>', "--anode-file's electrode area, e.g. 1.13 cm2, as analyze --area (default: from the file's header if present)")
    .option('--anode-map <mapping>', "--anode-file's column mapping, as analyze --map (its generic layout), e.g. \"time=Time (s),voltage=Ewe@mV,current=I@mA,cycle=Cycle\"")
    .option('--out <dir>', 'write fullcell.csv and fullcell.json there')
    .option('--force', 'clear the --out folder (once the results are ready) when it holds a previous run')
    .action(async (...a: Parameters<typeof Work.fullcell>) => (await work()).fullcell(...a));
}
