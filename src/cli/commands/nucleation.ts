/**
 * `sacplate nucleation`: the electrode's nucleation overpotential from a SAC's DFT numbers
 * (atomistic kMC -> J(eta) -> electrode model; src/nucleation/). One case from flags, several
 * from a YAML/JSON file, or `--against-literature`: the review's systems beside their reported
 * figures (nothing is fitted to them).
 *
 * Flags and help text only: the work is in actions/nucleation.ts, loaded when the command runs, so
 * that the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import { ASSUMED_SAC_MOLAR_MASS, DEFAULT_CAPACITY_C_PER_M2 } from '../../nucleation/defaults.js';
import type * as Work from '../actions/nucleation.js';
import { C_PER_M2_PER_MAH_PER_CM2 } from '../../units.js';
import { FFS_REPETITIONS_EXPECTED, FFS_THREADS_TEXT, SAMPLER_CHOICES } from '../../nucleation/sampler.js';

const work = (): Promise<typeof Work> => import('../actions/nucleation.js');

export function register(program: Command): void {
  program
    .command('nucleation')
    .description('nucleation overpotential of a whole electrode from DFT numbers: atomistic kMC -> J(eta) -> electrode model (docs/nucleation.md)')
    .argument('[file]', 'YAML/JSON with metal, current, capacity and cases [{host, sac, loading}]')
    .option('--metal <metal>', 'Li, Na or K')
    .option('--host <host>', 'host name (sacplate params list), a host set of --params, or its DFT numbers: "binding -1.9 eV, reference -1.2 eV, refhost graphene" (adsorption energies of one metal atom on the host and, in the same study, on refhost, default the metal\'s own surface; model binding = refhost\'s + |binding| - |reference|)')
    .option('--sac <sac>', `SAC name (e.g. Zn-N4; "Zn-N4, loading 2 wt%, migration 1.5 eV" sets those two) or its numbers: "binding -2.29 eV, reference -1.2 eV, desolvation 0.38 eV, migration 1.5 eV, loading 1.2 wt%, element Co" (migration: barrier for an adatom to leave the SAC, kinetic only; at least the binding difference to the host; element: for wt%, without it ${ASSUMED_SAC_MOLAR_MASS} g/mol is assumed, the middle of Mn-Zn, sites within +-8.7 %, and said)`)
    .option('--loading <loading...>', 'SAC loading: "1.2 wt%", "2 %" of host sites or "0.1 sites/nm2" (default 1 wt%; for every case with a SAC; or inside --sac or a case file\'s case, not both)')
    .option('--current <value...>', 'plating current density (default 1 mA/cm2)')
    .option('--capacity <value...>', `plated capacity (default ${DEFAULT_CAPACITY_C_PER_M2 / C_PER_M2_PER_MAH_PER_CM2} mAh/cm2)`)
    .option('--temperature <value...>', 'cell temperature, as a run file\'s temperature: "25 degC" (the default), "-20 degC", "253.15 K"; 150 to 400 K, below the metal\'s melting point (Na 97.8 degC, K 63.5 degC); every case (or a case file\'s temperature:, its cases\' own); other cached data')
    .option('--runs <n>', 'atomistic runs per overpotential (default 12)')
    .option('--box <sites>', 'sites per side of the atomistic box (default 16; for quick checks: other settings are other cached data)')
    .option('--target <atoms>', 'cluster size at which an atomistic run stops (default 40; for quick checks)')
    .option('--max-events <n>', 'event budget of an atomistic run (default 200000; for quick checks)')
    .option('--host-reduction <rule>', 'reduction on the bare host: bronsted (beta 1/2 of the binding deficit in the barrier: the physically argued rule; default) or metal-rate (the metal\'s own rate on every site; the earlier rule; docs/nucleation.md)')
    .option('--plateau <rule>', 'where the plateau is read: flat (default: the run goes on past the capacity until eta drifts < 0.1 mV over the last 10 % or the film has closed, at most 1 mAh/cm2) or end (the last 10 % of the requested capacity; the earlier reading)')
    .option('--plain', 'atomistic stage without the slow-scale elimination of lone adatoms (slow; for checks; sampler mfpt, the one that runs without it)')
    .option('--capture <on|off>', 'divide each overpotential\'s J by the lattice capture factor E (the return of emitted adatoms the elimination forgets; no free parameter; measured to over-correct 1.2-1.8x against plain kMC): on (default) or off (the elimination\'s own J, 1.05-15x too high at diffusion lengths 1-100 sites); other cached data')
    .option('--sampler <name>', `how each overpotential's rate is measured: ${SAMPLER_CHOICES}; minutes of CPU for a new system under mfpt+ffs, about 15-30 s under mfpt (docs/nucleation-history.md "The default sampler"); other cached data`)
    .option('--tail-end <end>', 'where the mfpt+ffs tail ends: electrode (the default: where the electrode stage at this current and capacity no longer reads the next point; within 0.3 mV of full FFS\'s answer: docs/nucleation-history.md "A cheaper end") or floor (at the 1e-13 /s per-site floor; the default before); electrode with --sampler mfpt+ffs only; other cached data')
    .option('--ffs-repetitions <n>', `${FFS_REPETITIONS_EXPECTED}: the convergence check doubles them (docs/nucleation-history.md "Convergence under the electrode tail end"); other cached data`)
    .option('--threads <n>', `${FFS_THREADS_TEXT}; not in the cache key`)
    .option('--against-literature', "the review's systems beside their reported overpotentials (nothing fitted to them)")
    .option('--json', 'print JSON')
    .option('--out <dir>', 'write nucleation.json, eta.csv and figures')
    .option('--plot <dir>', 'same as --out (give one of them)')
    .option('--plot-time <axis>', 'time axis of the eta(t) figure: log (default: the millisecond peak and the plateau of minutes both show; the t = 0 sample left out) or linear')
    .option('--force', 'clear the --out / --plot folder (once the results are ready) when it holds a previous run')
    .option('--db <path>', 'store for the atomistic cache (default ~/.sacplate/sacplate.db or $SACPLATE_DB)')
    .option('--no-store', 'do not read or write the atomistic cache')
    .option('--params <file>', 'SAC sets of your own: a run file\'s parameters: block (inline or its path, as params show --input reads it) or a file holding one (sacs and new hosts); a --sac, --host or case sac or host named there runs its numbers, cited under the table')
    .option('--list-cached', 'list the atomistic stages cached in the store (--db or $SACPLATE_DB): system, model numbers, settings, events, when; with --json as JSON')
    .option('--clear-cached <what>', 'delete cached atomistic stages from the store: all, one by its cache key (or a unique start of it) or every entry of one system as --list-cached prints it ("Li on graphene + Zn-N4")')
    .action(async (...a: Parameters<typeof Work.nucleation>) => (await work()).nucleation(...a));
}
