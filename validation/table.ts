/**
 * The validation table, rendered from validation/results.json in three places:
 * - the README's table (between the validation markers): the rows that state a claim (meets yes or **no**, and a
 *   study that failed), per row the quantity, the published value with its source, the measured value, its 95 %
 *   interval, whether it meets the claim, the build it ran on, and a link to its study's section in docs/validation.md;
 * - docs/validation-table.md: every row (the `reported` ones too), one line each, the same columns;
 * - docs/validation.md: per study, every row in full, with the runs (seeds, boxes) and the note
 *   (tolerance, per-seed values, disagreements).
 * The README kept the runs and notes in its own table until readme3: 41,000 of its 46,500 words, cells
 * of 100-300 words a reader could not take in; they are moved, not cut (the same text, one link away).
 * readme66: GitHub shows a front-page README up to 512,000 bytes and stops there (isaacs/github#1610); with every row
 * the README was 519,023 bytes, 463,723 of them this table. The README keeps the claim rows; within a study, a row whose
 * source is the row above's says "(same source)" and the build column gives the commit alone (the day is in the full
 * table and docs/validation.md): cells that repeat, never a figure, interval or verdict.
 */
import type { ValidationEntry } from './types.js';

/** What results.json records per study. commit: the build a study ran on (`git rev-parse --short HEAD`,
 * "+changes" when src/ or validation/studies/ differ from it); commit and ran_at are absent in records made
 * before those fields existed, so that a stale record can be seen. */
export interface StudyResult { id: string; title: string; wall_s: number; commit?: string; ran_at?: string; error?: string; entries: ValidationEntry[] }

/** The three renderings (full: docs/validation-table.md); all are regenerated together, never edited by hand. */
export interface ValidationTables { readme: string; full: string; docs: string }

/** Where the full table goes, from the repository's root. */
export const FULL_TABLE_PATH = 'docs/validation-table.md';

export const README_MARKERS = { start: '<!-- validation:start -->', end: '<!-- validation:end -->' } as const;

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? 'not measured' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(3) : Number(v.toPrecision(3)).toString());
// build: the commit the study ran on and the day, so a row measured on an older build can be seen
// as such (the engine's trajectories for a seed change when its physics or draw order change).
const built = (s: StudyResult) => `${s.commit ?? 'before builds were recorded'}${s.ran_at ? `, ${s.ran_at.slice(0, 10)}` : ''}`;
// the README's build cell: the commit alone (readme66: the day repeated on each of a study's rows cost 8 KB)
const builtShort = (s: StudyResult) => s.commit ?? 'before builds were recorded';
// a '|' inside a cell (Li||Cu, |eta|) ends the cell in Markdown: escaped, it is shown as written
const cell = (x: string) => x.replace(/\|/g, '\\|');
// meets: a row that states no claim (claim false: a diagnostic, or a value reported whichever way it comes
// out) says "reported"; it used to say "yes" (its pass only says the value exists), read as a met claim.
const meets = (e: ValidationEntry) => (e.claim === false ? 'reported' : e.pass ? 'yes' : '**no**');
const measured = (e: ValidationEntry) => `${fmt(e.measured)} ${cell(e.unit)}`;
const interval = (e: ValidationEntry) => (e.interval ? `${fmt(e.interval[0])} to ${fmt(e.interval[1])}` : '-');
// the source once: a published text that already names it (`converged in domain size (MODEL.md 4: ...)`, source
// `MODEL.md 4`) is not followed by the source again (it printed "(MODEL.md 4: ...) (MODEL.md 4)"; branch audit28)
const names = (text: string, source: string) => new RegExp(`(^|[^\\w])${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(text);
const published = (e: ValidationEntry) => cell(e.source && !names(e.published, e.source) ? `${e.published} (${e.source})` : e.published);
// the README's: a source that the row above (same study, the published text not naming it) already gave is "(same source)"
const publishedShort = (e: ValidationEntry, above: ValidationEntry | undefined) =>
  (e.source && above?.source === e.source && !names(e.published, e.source) ? cell(`${e.published} (same source)`) : published(e));
/** A row that states a claim: the README lists it (a `reported` row is in the full table only). */
export const statesClaim = (e: ValidationEntry) => e.claim !== false;
/** Study ids are lower case, digits and hyphens, so a heading `## <id>` has the id as its anchor. */
const studyLink = (s: StudyResult, fromDocs: boolean) => `[${s.id}](${fromDocs ? 'validation.md' : 'docs/validation.md'}#${s.id})`;

export function renderTables(studies: readonly StudyResult[]): ValidationTables {
  const sorted = [...studies].sort((a, b) => a.id.localeCompare(b.id));
  const header = ['| quantity | published | measured | 95 % interval | meets | build | study (runs, notes) |', '|---|---|---|---|---|---|---|'];
  const readme: string[] = [], full: string[] = [];
  let yes = 0, no = 0, failed = 0, reported = 0;
  const docs = [
    '# Validation: every row in full',
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. The README\'s table',
    '([README, "Validation"](../README.md#validation-published-vs-measured)) has one line per row that states a claim',
    'and [validation-table.md](validation-table.md) one line per row; here',
    'each study has its rows with the runs they used (seeds, boxes) and the note (tolerance, per-seed',
    'values, what disagrees). 95 % intervals over seeds where a study uses several.',
  ];
  for (const s of sorted) {
    docs.push('', `## ${s.id}`, '', `${s.title}. Build ${built(s)}; ${s.wall_s.toFixed(1)} s wall.`, '');
    if (s.error) {
      failed++;
      readme.push(`| ${cell(s.title)} | | study failed | | no | ${builtShort(s)} | ${studyLink(s, false)} |`);
      full.push(`| ${cell(s.title)} | | study failed | | no | ${built(s)} | ${studyLink(s, true)} |`);
      docs.push(`Study failed: ${s.error}`);
      continue;
    }
    docs.push('| quantity | published | measured | 95 % interval | runs | meets | note |', '|---|---|---|---|---|---|---|');
    let above: ValidationEntry | undefined; // the README's row above, in this study
    for (const e of s.entries) {
      if (statesClaim(e)) {
        if (e.pass) yes++; else no++;
        readme.push(`| ${cell(e.quantity)} | ${publishedShort(e, above)} | ${measured(e)} | ${interval(e)} | ${meets(e)} | ${builtShort(s)} | ${studyLink(s, false)} |`);
        above = e;
      } else reported++;
      full.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${meets(e)} | ${built(s)} | ${studyLink(s, true)} |`);
      docs.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${cell(e.runs)} | ${meets(e)} | ${cell(e.note)} |`);
    }
  }
  const rows = yes + no + failed + reported;
  const failedText = failed ? `, and ${failed} stud${failed > 1 ? 'ies' : 'y'} that failed` : '';
  const intro = [
    `The ${yes + no} rows that state a claim (${yes} yes, ${no} **no**)${failedText}, by study; the ${reported} \`reported\` rows`,
    `(no claim) are left out here: [docs/validation-table.md](docs/validation-table.md) has all ${rows} rows, the same columns.`,
    'Within a study, "(same source)" is the source of the row above; the build is the commit the study ran on.',
  ];
  const fullDoc = [
    '# Validation: every row, one line each',
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. All the validation\'s rows, by study: the',
    `README's table ([README, "Validation"](../README.md#validation-published-vs-measured)) lists the ${yes + no} that state`,
    `a claim (meets yes or **no**)${failedText}; the ${reported} \`reported\` rows, which state none (a diagnostic, or a value`,
    'reported whichever way it comes out), are listed here only. The last column links each row to its study in',
    '[docs/validation.md](validation.md): its runs (seeds, boxes) and note (tolerance, per-seed values, what disagrees).',
    '95 % intervals over seeds where a study uses several; the build is the commit the study ran on and the day.',
    '',
    ...header, ...full,
  ];
  return { readme: [...intro, '', ...header, ...readme].join('\n'), full: fullDoc.join('\n') + '\n', docs: docs.join('\n') + '\n' };
}

/** The README with its table between the markers replaced; unchanged when the markers are missing. */
export function withReadmeTable(readme: string, table: string): string {
  const i = readme.indexOf(README_MARKERS.start), j = readme.indexOf(README_MARKERS.end);
  return i >= 0 && j > i ? readme.slice(0, i + README_MARKERS.start.length) + '\n' + table + '\n' + readme.slice(j) : readme;
}
