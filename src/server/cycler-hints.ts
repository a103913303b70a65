/**
 * The cycler reader's messages and the report's checks name CLI flags (`--format`, `--map`, `--area`) where a user can name the
 * layout or a column, or give the area. The workbench API (`POST /api/cycler`) has neither: it reads the layout it
 * detects and the columns the file names. Its messages say that, and what an API user can do
 * instead (export the file with the column the reader needs), with the CLI command for the rest.
 */

const CLI_LAYOUT = 'sacplate analyze FILE --format generic --map time=COL,voltage=COL,current=COL';
/** the API's words for the CLI's --area (an area check's detail); the Cycler page says its area box instead (cyclerTextForPage) */
const AREA_NEEDED_API = 'per-area figures need the area query parameter (e.g. ?area=1.13%20cm2)';
const AREA_GIVEN_API = ' (the area query parameter)';

/**
 * The reader's message (the upload's temporary path already replaced by the display name), or a
 * check's detail in the analysis report, with API hints for CLI ones.
 */
export function cyclerMessageForApi(message: string): string {
  return message
    // unknown layout: "...; give --format (mpt, neware, ...) or --format generic --map ...", up to the hint for a
    // run file given instead ("; a YAML file is no cycler export: simulate ... and analyze DIR/eta.csv"), which stays
    // (the layouts it detects: generic is the CLI's, with --map; the list said the workbench detects it until session 25)
    .replace(/; give --format \(([^)]*)\)[^;]*/, (_m, list: string) => `; the workbench detects ${list.split(', ').filter((f) => f !== 'generic').join(', ')}; for another layout use the CLI: ${CLI_LAYOUT}`)
    // a time column that does not grow or spans years: "(name the column with --map time=COLUMN@s)"
    .replace(/ \(name (?:the column|it) with --map time=COLUMN@s\)/,
      ' (the workbench reads the time column the file names and has no column mapping: export the file with its elapsed test time in seconds, or name the column with the CLI: sacplate analyze FILE --map time=COLUMN@s)')
    // a known layout without a required column: ". Use --format generic --map to name the columns"
    .replace(/\. Use --format generic --map to name the columns$/,
      `. The workbench reads the columns the file names: export the file with that column, or name the columns with the CLI: ${CLI_LAYOUT}`)
    // a workbook with no cycler sheet: "...; export the record/detail sheet as CSV, or give --format and --map"
    .replace(/, or give --format and --map$/, `, or name the layout and columns with the CLI: ${CLI_LAYOUT}`)
    // the area check of a report: "...; per-area figures need --area"
    .replace(/per-area figures need --area$/, AREA_NEEDED_API)
    // the area check when one is given: "1.13 cm2 (--area)", or "0.0113 cm2 (--area); its largest half cycle ... is the area right?"
    .replace(/ \(--area\)(?=;|$)/, AREA_GIVEN_API)
    // the protocol check: "...; --protocol fullcell fits it: ..."
    .replace(/--protocol (\w+)/g, 'protocol=$1')
    // the plausibility flags (src/analysis/plausibility.ts, the response's warnings): "implausible --mass 10 g", "check --protocol, the
    // current sign"; the reference cycle and the rest threshold have no query parameter: the CLI's flags, said so
    .replace(/--mass\b/g, 'mass').replace(/--protocol\b/g, 'protocol')
    .replace(/try --reference-cycle/g, 'the CLI chooses another with sacplate analyze FILE --reference-cycle N')
    .replace(/set it with --rest-current/g, 'the CLI sets it with sacplate analyze FILE --rest-current');
}

/**
 * An API message or check detail as the Cycler page shows it: the user typed the area into the
 * page's area box and picked the protocol from its protocol box, not query parameters (the API's own
 * words stay for API callers).
 */
export function cyclerTextForPage(text: string): string {
  return text.replace(AREA_NEEDED_API, 'per-area figures need the electrode area: type it in the area box (e.g. 1.13 cm2)').replace(AREA_GIVEN_API, ' (the area box)')
    // the protocol check: "...; protocol=fullcell fits it" where the user picked the protocol from the page's protocol box
    .replace(/\bprotocol=(\w+( \(or \w+\))?)/g, '$1 in the protocol box');
}

/**
 * webaudit67: a reader's refusal on POST /api/compare/measured (the Compare page's measured cell), whose `--map` and
 * `--area` are already said as its `map` and `area` (measured-options.ts withMeasuredNames): the unknown layout's
 * "give --format (mpt, ...) or map time=COL,..." named a `--format` the route has not (nor the page); it says the
 * layouts the workbench detects and the route's `map`.
 */
export function measuredMessageForApi(message: string): string {
  return message.replace(/; give --format \(([^)]*)\) or map (time=COL,voltage=COL,current=COL)/,
    (_m, list: string, cols: string) => `; the workbench detects ${list.split(', ').filter((f) => f !== 'generic').join(', ')}; for another layout give map (its columns: ${cols})`);
}

/** An API message of the measured cell as the Compare page shows it: the page's column map box for the `map` parameter. */
export function measuredTextForPage(text: string): string {
  return text.replace('; for another layout give map (its columns: ', '; for another layout name its columns in the column map box (');
}
