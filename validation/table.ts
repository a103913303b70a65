/**
 * The validation table, rendered from validation/results.json in two places:
 * - the README's table (between the validation markers): per row the quantity, the published value
 *   with its source, the measured value, its 95 % interval, whether it meets the claim, the build it
 *   ran on, and a link to its study's section in docs/validation.md;
 * - docs/validation.md: per study, every row in full, with the runs (seeds, boxes) and the note
 *   (tolerance, per-seed values, disagreements).
 * The README kept the runs and notes in its own table until readme3: 41,000 of its 46,500 words, cells
 * of 100-300 words a reader could not take in; they are moved, not cut (the same text, one link away).
 */
import type { ValidationEntry } from './types.js';

/** What results.json records per study. commit: the build a study ran on (`git rev-parse --short HEAD`,
 * "+changes" when src/ or validation/studies/ differ from it); commit and ran_at are absent in records made
 * before those fields existed, so that a stale record can be seen. */
export interface StudyResult { id: string; title: string; wall_s: number; commit?: string; ran_at?: string; error?: string; entries: ValidationEntry[] }

/** The two renderings; both are regenerated together, never edited by hand. */
export interface ValidationTables { readme: string; docs: string }

export const README_MARKERS = { start: '<!-- validation:start -->', end: '<!-- validation:end -->' } as const;

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? 'not measured' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(3) : Number(v.toPrecision(3)).toString());
// build: the commit the study ran on and the day, so a row measured on an older build can be seen
// as such (the engine's trajectories for a seed change when its physics or draw order change).
const built = (s: StudyResult) => `${s.commit ?? 'before builds were recorded'}${s.ran_at ? `, ${s.ran_at.slice(0, 10)}` : ''}`;
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
/** Study ids are lower case, digits and hyphens, so a heading `## <id>` has the id as its anchor. */
const studyLink = (s: StudyResult, fromDocs: boolean) => `[${s.id}](${fromDocs ? '' : 'docs/validation.md'}#${s.id})`;

export function renderTables(studies: readonly StudyResult[]): ValidationTables {
  const sorted = [...studies].sort((a, b) => a.id.localeCompare(b.id));
  const readme = ['| quantity | published | measured | 95 % interval | meets | build | study (runs, notes) |', '|---|---|---|---|---|---|---|'];
  const docs = [
    '# Validation: every row in full',
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. The README\'s table',
    '([README, "Validation"](../README.md#validation-published-vs-measured)) has one line per row; here',
    'each study has its rows with the runs they used (seeds, boxes) and the note (tolerance, per-seed',
    'values, what disagrees). 95 % intervals over seeds where a study uses several.',
  ];
  for (const s of sorted) {
    docs.push('', `## ${s.id}`, '', `${s.title}. Build ${built(s)}; ${s.wall_s.toFixed(1)} s wall.`, '');
    if (s.error) {
      readme.push(`| ${cell(s.title)} | | study failed | | no | ${built(s)} | ${studyLink(s, false)} |`);
      docs.push(`Study failed: ${s.error}`);
      continue;
    }
    docs.push('| quantity | published | measured | 95 % interval | runs | meets | note |', '|---|---|---|---|---|---|---|');
    for (const e of s.entries) {
      readme.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${meets(e)} | ${built(s)} | ${studyLink(s, false)} |`);
      docs.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${cell(e.runs)} | ${meets(e)} | ${cell(e.note)} |`);
    }
  }
  return { readme: readme.join('\n'), docs: docs.join('\n') + '\n' };
}

/** The README with its table between the markers replaced; unchanged when the markers are missing. */
export function withReadmeTable(readme: string, table: string): string {
  const i = readme.indexOf(README_MARKERS.start), j = readme.indexOf(README_MARKERS.end);
  return i >= 0 && j > i ? readme.slice(0, i + README_MARKERS.start.length) + '\n' + table + '\n' + readme.slice(j) : readme;
}
