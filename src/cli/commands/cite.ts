/**
 * `sacplate cite <run file | run folder | screen file> [--bibtex | --ris | --format text|bibtex|ris]`: the references a run used
 * (its parameter sources), like pybamm.print_citations(), or a screen's ranking; BibTeX with DOI and
 * title for the primary references.
 *
 * Flags and help text only: the work is in actions/cite.ts, loaded when the command runs, so
 * that the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import type * as Work from '../actions/cite.js';

const work = (): Promise<typeof Work> => import('../actions/cite.js');

export function register(program: Command): void {
  program
    .command('cite')
    .description('references a run used (parameter sources, the review, sacplate itself), or every source a screen\'s ranking reads; --bibtex for BibTeX')
    .argument('<run>', 'a run file (YAML/JSON), a run folder (with resolved.json), that resolved.json, a stored run\'s id (run-..., or a unique prefix: as `runs show` takes it; its folder\'s resolved.json if the store names one, else its stored input resolved now), or a screen file (base + candidates: its parameter sets, element, synthesis, electrolyte and anode data; nothing is simulated)')
    .option('--bibtex', 'print BibTeX entries instead of text')
    .option('--ris', 'print RIS records (EndNote, Zotero) instead of text')
    .option('--format <format>', 'text (the default), bibtex or ris: the same as no flag, --bibtex or --ris (the library citations()\'s format)')
    .option('--db <path>', 'store file a run id is looked up in (default SACPLATE_DB or ~/.sacplate/sacplate.db)')
    .action(async (...a: Parameters<typeof Work.cite>) => (await work()).cite(...a));
}
