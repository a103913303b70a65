/**
 * Evidence-base commands: `lit list|show|export|import|verify|normalise`, `elements`,
 * `anode-capacity`, `runs list|show`. Every command that touches the store takes `--db PATH`
 * (default SACPLATE_DB or ~/.sacplate/sacplate.db).
 *
 * Flags and help text only: the work is in actions/evidence.ts (`runs`: actions/runs.ts), loaded when a command runs, so that
 * the other commands (and `--help`) start without its modules.
 */
import type { Command } from 'commander';
import { CRITERIA, QUANTITIES } from '../../evidence/vocabulary.js';
import { RUN_STATUSES } from '../../store/run-status.js';
import { COLUMN_UNITS, CONDITION_SYNTAX, QUERY_COLUMN_NAMES } from '../../store/run-query.js';
import type * as Work from '../actions/evidence.js';
import type * as RunsWork from '../actions/runs.js';

const work = (): Promise<typeof Work> => import('../actions/evidence.js');
/** `runs list|show`: the store only (the literature's modules and zod are actions/evidence.ts's) */
const runsWork = (): Promise<typeof RunsWork> => import('../actions/runs.js');

/** --range (lit list) and --where (runs list) are repeatable: each value is added to the list */
const collect = (v: string, prev: string[]) => [...prev, v];

function registerLit(program: Command): void {
  const lit = program.command('lit').description('literature records of SAC anode systems (from the review Green Chem. 2024, 26, 10366)');

  lit.command('list')
    .description('list records, filtered and sorted')
    .option('--metal <metal>', 'Li, Na or K')
    .option('--sac-element <el>', 'SAC element, e.g. Co')
    .option('--support <text>', 'substring of the support description, e.g. "N-doped"')
    .option('--architecture <a>', 'coating | 3D host | host | separator layer | substrate | interlayer | unspecified')
    .option('--text <text>', 'substring of name, aliases, support, coordination or notes')
    .option('--range <quantity=min:max>', 'keep records with an own figure in range (repeatable), e.g. nucleation_overpotential=0:20', collect, [])
    .option('--sort <key>', `name | metal | a quantity (${Object.keys(QUANTITIES).slice(0, 4).join(', ')}, ...), optionally with unit suffix (_mV)`)
    .option('--desc', 'sort descending')
    .option('--format <fmt>', 'table | json | csv', 'table')
    .option('--width <columns>', 'the table within this many columns, each record a block of lines (default: the terminal\'s width; piped: one line a record)')
    .option('--db <path>', 'store file (default SACPLATE_DB or ~/.sacplate/sacplate.db)')
    .action(async (...a: Parameters<typeof Work.litList>) => (await work()).litList(...a));

  lit.command('show <name>')
    .description('one record with all its figures, conditions and citations')
    .option('--format <fmt>', 'text | json', 'text')
    .option('--db <path>', 'store file')
    .action(async (...a: Parameters<typeof Work.litShow>) => (await work()).litShow(...a));

  lit.command('normalise')
    .description('symmetric-cell lifetimes normalised to the review\'s standard protocol (3 mAh/cm2 at 3 mA/cm2)')
    .option('--metal <metal>', 'Li, Na or K')
    .option('--format <fmt>', 'table | json | csv', 'table')
    .option('--db <path>', 'store file')
    .action(async (...a: Parameters<typeof Work.litNormalise>) => (await work()).litNormalise(...a));

  lit.command('export')
    .description('export records (repository data plus imported) as csv, json or bibtex')
    .requiredOption('--format <fmt>', 'csv | json | bibtex')
    .option('--metal <metal>', 'only this metal')
    .option('--out <file>', 'write to a file instead of stdout (- or none: stdout)')
    .option('--db <path>', 'store file')
    .action(async (...a: Parameters<typeof Work.litExport>) => (await work()).litExport(...a));

  lit.command('import <file>')
    .description('import records (csv or json as exported, or yaml record files) into the store')
    .option('--format <fmt>', 'csv | json | yaml (default: from the file name)')
    .option('--db <path>', 'store file')
    .action(async (...a: Parameters<typeof Work.litImport>) => (await work()).litImport(...a));

  lit.command('verify')
    .description('check every record against the review text (figures, units, conditions, references, completeness)')
    .option('--review <file>', 'the review text (default: seed/000_761d9a0e1df2534e.txt of $SACPLATE_SHARED, or of ../shared beside the package)')
    .action(async (...a: Parameters<typeof Work.litVerify>) => (await work()).litVerify(...a));
}

function registerElements(program: Command): void {
  program.command('elements <symbols...>')
    .description('element data for SAC choice: abundance, price, supply concentration (HHI), cited hazard flags')
    .option('--sustainability', 'add the sustainability score with its breakdown, best first')
    .option('--weights <w>', `criterion weights of the --sustainability score, e.g. "abundance=1,price=1,hhi=1,toxicity=2" (criteria: ${CRITERIA.join(', ')})`)
    .option('--format <fmt>', 'table | json | csv', 'table')
    .action(async (...a: Parameters<typeof Work.elements>) => (await work()).elements(...a));
}

function registerCapacity(program: Command): void {
  program.command('anode-capacity')
    .description('gram capacity of the whole anode side (metal + host + SAC + binder + collector)')
    .requiredOption('--metal <metal>', 'Li, Na or K')
    .option('--metal-mass <m...>', 'metal mass per area, e.g. "2 mg/cm2"')
    .option('--cycled-capacity <q...>', 'capacity actually cycled, e.g. "3 mAh/cm2" (default: all of the metal)')
    .option('--host-mass <m...>', 'host mass per area including its SAC atoms, e.g. "1.5 mg/cm2"')
    .option('--sac-loading <w...>', 'SAC share of the host mass, e.g. "1.2 wt%"')
    .option('--binder-mass <m...>', 'binder mass per area')
    .option('--collector-mass <m...>', 'current collector mass per area (e.g. Cu foil)')
    .option('--other-mass <m...>', 'any other mass on the anode side, per area')
    .option('--format <fmt>', 'text | json', 'text')
    .action(async (...a: Parameters<typeof Work.printAnodeCapacity>) => (await work()).printAnodeCapacity(...a));
}

function registerRuns(program: Command): void {
  const runs = program.command('runs').description('simulation runs recorded in the store');
  runs.command('list')
    .description('runs, newest first, or those meeting --where conditions in a --sort order')
    .option('--status <s>', RUN_STATUSES.join(' | '))
    .option('--name <text>', 'substring of the run name')
    .option('--where <cond>', `a condition on a column, all met (repeatable): ${CONDITION_SYNTAX}; a run without a value there never matches`, collect, [])
    .option('--sort <column>', 'order by a column, lowest first; -COLUMN highest first (runs without a value last)')
    .option('--desc', 'with --sort: highest first (as -COLUMN)')
    .option('--columns <list>', 'comma-separated columns to show (table, csv, json), e.g. name,host,sacs,average_ce,nucleation_overpotential_mV; id too')
    .option('--limit <n>', 'at most this many', '50')
    .option('--format <fmt>', 'table | json | csv', 'table')
    .option('--db <path>', 'store file')
    .addHelpText('after', `\nColumns for --where, --sort and --columns (${COLUMN_UNITS.replace(/ \(.*?\)/g, "")}):\n  ${QUERY_COLUMN_NAMES.join(', ')}\n\nExample: the Li runs on graphene with CE above 0.95, lowest nucleation overpotential first, as CSV:\n  sacplate runs list --where metal=Li --where host=graphene --where 'average_ce>0.95' --sort nucleation_overpotential_mV \\\n    --columns name,host,sacs,average_ce,nucleation_overpotential_mV --format csv > runs.csv`)
    .action(async (...a: Parameters<typeof RunsWork.runsList>) => (await runsWork()).runsList(...a));
  runs.command('show <id>')
    .description('one run: input, metrics, artefacts (id or unique prefix)')
    .option('--db <path>', 'store file')
    .action(async (...a: Parameters<typeof RunsWork.runsShow>) => (await runsWork()).runsShow(...a));
}

/** Registers this concern's subcommands on the program. */
export function register(program: Command): void {
  registerLit(program);
  registerElements(program);
  registerCapacity(program);
  registerRuns(program);
}
