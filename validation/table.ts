/**
 * The validation table, rendered from validation/results.json in four places:
 * - the README's table (between the validation markers), since readme68 one row per study: the study (linked to its
 *   section in docs/validation/), its headline row (its first row that states a claim) with the published value (its
 *   source is on the pages below), the measured value, its 95 % interval and whether it meets the claim, how many of its claim rows are met
 *   ("k of n", and how many are calibrated), and the build it ran on;
 * - docs/validation-claims.md: the rows that state a claim (meets yes, **no** or calibrated: a row whose target an input
 *   was set from, ValidationEntry.calibrated, calibfix67; and a study that failed), per row the quantity, the published
 *   value with its source, the measured value, its 95 % interval, whether it meets the claim, the build it ran on, and a
 *   link to its study's section in docs/validation/ (the README's table from readme66 to readme68, moved: 708 rows were
 *   229,215 of the README's 286,167 bytes, more than a new reader takes in); past PAGE_BUDGET bytes it goes on in
 *   docs/validation-claims-2.md, ...;
 * - docs/validation-table/<group>.md: every row (the `reported` ones too), one line each, the same columns, a page per
 *   group as in docs/validation/; docs/validation-table.md is their index (each group's studies, rows, yes, **no** and
 *   reported counts, and page). tablesplit67: docs/validation-table.md held every row on one page (482,182 bytes at
 *   1,270 rows), near the 512,000 bytes test/docs-size.test.ts holds a generated page to;
 * - docs/validation/<group>.md: per study, every row in full, with the runs (seeds, boxes) and the note
 *   (tolerance, per-seed values, disagreements); docs/validation.md is their index (group -> page, each study id linked).
 *   docsplit66: docs/validation.md held every study (926,123 bytes at 134 studies), past what GitHub shows of a file
 *   (about 1 MB) and growing with each study; a page per group (the study id up to its first hyphen: bv, nucleation,
 *   sei, ...), a group whose page would pass PAGE_BUDGET bytes split into <group>.md, <group>-2.md, ... in id order.
 * The README kept the runs and notes in its own table until readme3: 41,000 of its 46,500 words, cells
 * of 100-300 words a reader could not take in; they are moved, not cut (the same text, one link away).
 * readme66: GitHub shows a front-page README up to 512,000 bytes and stops there (isaacs/github#1610); with every row
 * the README was 519,023 bytes, 463,723 of them this table. The README kept the claim rows (now docs/validation-claims.md);
 * within a study, a row whose source is the row above's says "(same source)" and the build column gives the commit alone
 * (the day is in the full table and docs/validation/): cells that repeat, never a figure, interval or verdict.
 */
import type { ValidationEntry } from './types.js';

/** What results.json records per study. commit: the build a study ran on (`git rev-parse --short HEAD`,
 * "+changes" when src/ or validation/studies/ differ from it); commit and ran_at are absent in records made
 * before those fields existed, so that a stale record can be seen. */
export interface StudyResult { id: string; title: string; wall_s: number; commit?: string; ran_at?: string; error?: string; entries: ValidationEntry[] }

/** The renderings (readme: the README's table, a row per study; claimPages: docs/<name>, name -> text, "validation-claims.md"
 * (and "validation-claims-2.md", ... past PAGE_BUDGET), the rows that state a claim one line each; tableIndex:
 * docs/validation-table.md; tablePages: docs/validation-table/<name>, name -> text, e.g. "sei.md", every row one line
 * each; docs: docs/validation.md, the index; pages: docs/validation/<name>, every row in full); all are regenerated
 * together, never edited by hand. */
export interface ValidationTables { readme: string; claimPages: Record<string, string>; tableIndex: string; tablePages: Record<string, string>; docs: string; pages: Record<string, string> }

/** readme68: the claim rows' page, docs/<CLAIMS_PAGE>.md (docs/<CLAIMS_PAGE>-2.md, ... past PAGE_BUDGET), from the
 * repository's root: CLAIMS_DIR holds hand-written pages too, so only a page named so is written or removed there. */
export const CLAIMS_DIR = 'docs';
export const CLAIMS_PAGE = 'validation-claims';
/** A page of the claim rows: validation-claims.md, validation-claims-2.md, ... (a file name in CLAIMS_DIR). */
export const isClaimsPage = (name: string) => new RegExp(`^${CLAIMS_PAGE}(-[2-9]|-[1-9]\\d+)?\\.md$`).test(name);
/** Where the full table's index goes, from the repository's root. */
export const FULL_TABLE_PATH = 'docs/validation-table.md';
/** The folder of the full table's pages (a group's rows, one line each), from the repository's root: every *.md in it is
 * written by renderTables. */
export const TABLE_PAGES_DIR = 'docs/validation-table';
/** The folder of the per-group pages, from the repository's root: every *.md in it is written by renderTables. */
export const PAGES_DIR = 'docs/validation';
/** A page's size, in bytes, past which its group goes on in another page: test/docs-size.test.ts holds the generated
 * pages under 512,000 bytes (GitHub's README render cut; its file view stops at about 1 MB), with room for a study's section. */
export const PAGE_BUDGET = 450_000;
/** Studies in id order, the ids' code points' (review68: localeCompare's order is the locale's, LC_ALL or LANG: under
 * et_EE nucleation-zone-overlap came before nucleation-temperature, so the same results.json gave other files). */
export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The group of a study: its id up to the first hyphen (bv-asinh: bv; wetting: wetting). */
export const studyGroup = (id: string) => id.split('-')[0]!;

export const README_MARKERS = { start: '<!-- validation:start -->', end: '<!-- validation:end -->' } as const;

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? 'not measured' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(3) : Number(v.toPrecision(3)).toString());
// build: the commit the study ran on and the day, so a row measured on an older build can be seen
// as such (the engine's trajectories for a seed change when its physics or draw order change).
const built = (s: StudyResult) => `${s.commit ?? 'before builds were recorded'}${s.ran_at ? `, ${s.ran_at.slice(0, 10)}` : ''}`;
// the README's build cell: the commit alone (readme66: the day repeated on each of a study's rows cost 8 KB)
const builtShort = (s: StudyResult) => s.commit ?? 'before builds were recorded';
// a '|' inside a cell (Li||Cu, |eta|) ends the cell in Markdown: escaped, it is shown as written; a line break ends the
// row (its other cells fell out of the table as a paragraph, review68): a space
const cell = (x: string) => x.replace(/\|/g, '\\|').replace(/[ \t]*[\r\n]+[ \t]*/g, ' ');
// meets: a row that states no claim (claim false: a diagnostic, or a value reported whichever way it comes
// out) says "reported"; it used to say "yes" (its pass only says the value exists), read as a met claim.
// calibfix67: a claim row whose target an input was set from or chosen to give (e.calibrated, docs/calibration.md) says
// "calibrated" and why, never yes/no (it said "yes" for 9 such rows, read as evidence); "calibrated, not met" when its
// value misses its range all the same. The same text in every table (test/docs-claims.test.ts compares the README's
// cells with the full table's): the reason names docs/calibration.md, which each table's introduction links.
const meets = (e: ValidationEntry) => (e.claim === false ? 'reported'
  : e.calibrated !== undefined ? cell(`calibrated${e.pass ? '' : ', not met'}: ${e.calibrated}`)
  : e.pass ? 'yes' : '**no**');
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
/** Study ids are lower case, digits and hyphens, so a heading `## <id>` has the id as its anchor; `page` is the study's
 * page in docs/validation/, `up` the way there from the linking file (from the README: docs/; from docs/: nothing; from
 * docs/validation-table/: ../). */
const studyLink = (s: StudyResult, page: string, up: '' | 'docs/' | '../') => `[${s.id}](${up}validation/${page}#${s.id})`;
const bytes = (lines: readonly string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);

/** The pages of a set of studies: per group (groupOf: the id up to its first hyphen), its studies in id order under head(group, part), each study's
 * section(s), a page ending before the study that would take it past PAGE_BUDGET (the group goes on in <group>-2.md, ...).
 * page: study id -> page name; text: page name -> text, in the order of the pages' first studies. */
function paginate(sorted: readonly StudyResult[], section: (s: StudyResult) => string[], head: (group: string, part: number) => string[], groupOf: (id: string) => string = studyGroup): { page: Map<string, string>; text: Record<string, string> } {
  const page = new Map<string, string>(), lines = new Map<string, string[]>();
  const parts = new Map<string, number>();
  for (const s of sorted) {
    const group = groupOf(s.id), sec = section(s);
    let part = parts.get(group) ?? 1;
    let name = part > 1 ? `${group}-${part}.md` : `${group}.md`;
    let at = lines.get(name);
    if (at && bytes(at) + bytes(sec) > PAGE_BUDGET) { // a full page: the group goes on in the next
      parts.set(group, ++part);
      name = `${group}-${part}.md`;
      at = undefined;
    }
    if (!at) lines.set(name, (at = head(group, part)));
    at.push(...sec);
    page.set(s.id, name);
    parts.set(group, part);
  }
  const text: Record<string, string> = {};
  for (const [name, l] of lines) text[name] = l.join('\n') + '\n';
  return { page, text };
}

/** Each study's section of its page in docs/validation/ (heading, build, rows in full), paginated. */
function pagesOf(sorted: readonly StudyResult[]): { page: Map<string, string>; text: Record<string, string> } {
  const section = (s: StudyResult): string[] => {
    const out = ['', `## ${s.id}`, '', `${s.title}. Build ${built(s)}; ${s.wall_s.toFixed(1)} s wall.`, ''];
    if (s.error) return [...out, `Study failed: ${s.error}`];
    out.push('| quantity | published | measured | 95 % interval | runs | meets | note |', '|---|---|---|---|---|---|---|');
    for (const e of s.entries) out.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${cell(e.runs)} | ${meets(e)} | ${cell(e.note)} |`);
    return out;
  };
  const head = (group: string, part: number) => [
    `# Validation: the ${group} studies${part > 1 ? `, part ${part}` : ''}, every row in full`,
    '',
    'Generated from [validation/results.json](../../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. [docs/validation.md](../validation.md) lists',
    'every study and its page; the README\'s table ([README, "Validation"](../../README.md#validation-published-vs-measured))',
    'has one line per study, [validation-claims.md](../validation-claims.md) one line per row that states a claim and',
    '[validation-table.md](../validation-table.md) one line per row (a page per group). Here each study has its rows with',
    'the runs they used (seeds, boxes) and the note (tolerance, per-seed',
    'values, what disagrees). 95 % intervals over seeds where a study uses several. A row whose meets says `calibrated`',
    'states a claim whose target a model input was set from or chosen to give ([calibration.md](../calibration.md)): met',
    'by calibration, not evidence.',
  ];
  return paginate(sorted, section, head);
}

export function renderTables(studies: readonly StudyResult[]): ValidationTables {
  const sorted = [...studies].sort(byId);
  const header = ['| quantity | published | measured | 95 % interval | meets | build | study (runs, notes) |', '|---|---|---|---|---|---|---|'];
  // readme68: the README's table, a row per study: its headline (its first row that states a claim) and its counts
  const readme: string[] = [];
  // per study: its claim rows (docs/validation-claims.md), its rows in the full table (one line each, linked from
  // docs/validation-table/) and its counts
  const claimRows = new Map<string, string[]>(), fullRows = new Map<string, string[]>();
  const counts = new Map<string, { yes: number; no: number; calibrated: number; reported: number; failed: number }>();
  let yes = 0, no = 0, calibrated = 0, failed = 0, reported = 0;
  const { page, text: pages } = pagesOf(sorted);
  for (const s of sorted) {
    const at = page.get(s.id)!, claim: string[] = [], full: string[] = [], n = { yes: 0, no: 0, calibrated: 0, reported: 0, failed: 0 };
    claimRows.set(s.id, claim);
    fullRows.set(s.id, full);
    counts.set(s.id, n);
    if (s.error) {
      failed++; n.failed++;
      readme.push(`| ${studyLink(s, at, 'docs/')} | ${cell(s.title)} | | study failed | | no | study failed | ${builtShort(s)} |`);
      claim.push(`| ${cell(s.title)} | | study failed | | no | ${builtShort(s)} | ${studyLink(s, at, '')} |`);
      full.push(`| ${cell(s.title)} | | study failed | | no | ${built(s)} | ${studyLink(s, at, '../')} |`);
      continue;
    }
    let above: ValidationEntry | undefined; // the claim row above, in this study
    for (const e of s.entries) {
      if (statesClaim(e)) {
        if (e.calibrated !== undefined) { calibrated++; n.calibrated++; } else if (e.pass) { yes++; n.yes++; } else { no++; n.no++; }
        claim.push(`| ${cell(e.quantity)} | ${publishedShort(e, above)} | ${measured(e)} | ${interval(e)} | ${meets(e)} | ${builtShort(s)} | ${studyLink(s, at, '')} |`);
        above = e;
      } else { reported++; n.reported++; }
      full.push(`| ${cell(e.quantity)} | ${published(e)} | ${measured(e)} | ${interval(e)} | ${meets(e)} | ${built(s)} | ${studyLink(s, at, '../')} |`);
    }
    // the headline's published value without its source (the claim rows and the study's page give it: 10,069 bytes of 139 headlines on 774cd158's record)
    const head = s.entries.find(statesClaim), k = n.yes + n.no + n.calibrated;
    const met = `${n.yes} of ${k}${n.calibrated ? ` (${n.calibrated} calibrated)` : ''}`;
    readme.push(head
      ? `| ${studyLink(s, at, 'docs/')} | ${cell(head.quantity)} | ${cell(head.published)} | ${measured(head)} | ${interval(head)} | ${meets(head)} | ${met} | ${builtShort(s)} |`
      : `| ${studyLink(s, at, 'docs/')} | no row states a claim (${n.reported} reported) | | | | reported | ${met} | ${builtShort(s)} |`);
  }
  // docs/validation.md: the index. Each study's line has an anchor named as its id, so that a link made before
  // docsplit66 (docs/validation.md#<id>) still lands on the study's line, which links on to its page.
  const names = [...new Set(page.values())];
  const docs = [
    '# Validation: every row in full',
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. The README\'s table',
    '([README, "Validation"](../README.md#validation-published-vs-measured)) has one line per study,',
    '[validation-claims.md](validation-claims.md) one line per row that states a claim and',
    '[validation-table.md](validation-table.md) one line per row (a page per group); the pages below have',
    'each study\'s rows with the runs they used (seeds, boxes) and the note (tolerance, per-seed',
    'values, what disagrees). 95 % intervals over seeds where a study uses several. A page per group of studies (the id up',
    `to its first hyphen), so that each stays under what GitHub shows of a file: ${sorted.length} studies on ${names.length} pages.`,
    '',
    '| group | page | studies |',
    '|---|---|---|',
    ...names.map((n) => {
      const ids = sorted.filter((s) => page.get(s.id) === n);
      return `| ${studyGroup(ids[0]!.id)} | [validation/${n}](validation/${n}) | ${ids.length} (${ids[0]!.id}${ids.length > 1 ? ` to ${ids.at(-1)!.id}` : ''}) |`;
    }),
    '',
    '## Studies',
    '',
    ...sorted.map((s) => `- <a name="${s.id}"></a>[${s.id}](validation/${page.get(s.id)!}#${s.id}): ${s.title}${s.error ? ' (study failed)' : ''}`),
  ];
  const rows = yes + no + calibrated + failed + reported;
  const claims = yes + no + calibrated;
  const failedText = failed ? `, and ${failed} stud${failed > 1 ? 'ies' : 'y'} that failed` : '';
  // readme68: the README's table has a row per study (708 claim rows were 229,215 of its 286,167 bytes); the claim rows, one line
  // each as the README had them from readme66, are on docs/validation-claims.md (-2.md, ... past PAGE_BUDGET)
  const claimsHead = (_group: string, part: number) => [
    `# Validation: the rows that state a claim, one line each${part > 1 ? `, part ${part}` : ''}`,
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. The README\'s table',
    '([README, "Validation"](../README.md#validation-published-vs-measured)) has one line per study, its first row that',
    `states a claim; here are all ${claims} rows that state a claim (${yes} yes, ${no} **no**, ${calibrated} calibrated)${failedText}, by study.`,
    `The ${reported} \`reported\` rows (no claim: a diagnostic, or a value reported whichever way it comes out) are left out here:`,
    `[validation-table.md](validation-table.md) has all ${rows} rows, the same columns, a page per group.`,
    'Within a study, "(same source)" is the source of the row above; the build is the commit the study ran on (the day',
    'is in the full table). The last column links each row to its study on its page in docs/validation/',
    '([validation.md](validation.md) lists them): its runs (seeds, boxes) and note (tolerance, per-seed values, what',
    'disagrees). 95 % intervals over seeds where a study uses several.',
    'A `calibrated` row\'s target is also what a model input was set from or chosen to give ([calibration.md](calibration.md)):',
    'met by calibration, not evidence. Its cell says why; it is counted apart from yes and **no**.',
    '',
    ...header,
  ];
  const { text: claimText } = paginate(sorted, (s) => claimRows.get(s.id)!, claimsHead, () => CLAIMS_PAGE);
  // a page of a split list links the next (each stays under PAGE_BUDGET; the README links the first)
  const claimNames = Object.keys(claimText);
  const claimPages: Record<string, string> = {};
  claimNames.forEach((n, i) => { claimPages[n] = claimText[n]! + (i + 1 < claimNames.length ? `\nContinued on [${claimNames[i + 1]}](${claimNames[i + 1]}).\n` : ''); });
  const claimsLink = `[docs/${CLAIMS_PAGE}.md](docs/${CLAIMS_PAGE}.md)${claimNames.length > 1 ? ` (and ${claimNames.length - 1} more page${claimNames.length > 2 ? 's' : ''})` : ''}`;
  const intro = [
    `The ${claims} rows that state a claim (${yes} yes, ${no} **no**, ${calibrated} calibrated)${failedText}, by study: here one row for`,
    `each of the ${sorted.length} studies, its first row that states a claim and how many of its claim rows are met (yes; calibrated ones`,
    `counted apart); ${claimsLink} has all ${claims}, one line each, and [docs/validation-table.md](docs/validation-table.md)`,
    `all ${rows} rows, the ${reported} \`reported\` ones (no claim) too, a page per group. The published value stands without its`,
    'source here: the claim rows and the study\'s page give it. The study links to its rows in full (runs, seeds,',
    'tolerance, notes); the build is the commit the study ran on.',
    'A `calibrated` row\'s target is also what a model input was set from or chosen to give ([docs/calibration.md](docs/calibration.md)):',
    'met by calibration, not evidence. Its cell says why; it is counted apart from yes and **no**.',
  ];
  const readmeHeader = ['| study (runs, notes) | its first claim row | published | measured | 95 % interval | meets | claim rows met | build |', '|---|---|---|---|---|---|---|---|'];
  // tablesplit67: the full table on a page per group (docs/validation-table/<group>.md, <group>-2.md past PAGE_BUDGET, as
  // docs/validation/), each page the full table's columns and rows in its order; docs/validation-table.md their index
  const tableHead = (group: string, part: number) => [
    `# Validation: the ${group} studies${part > 1 ? `, part ${part}` : ''}, one line per row`,
    '',
    'Generated from [validation/results.json](../../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. [docs/validation-table.md](../validation-table.md)',
    `lists every group's page with its counts; [docs/validation-claims.md](../validation-claims.md) has the rows that state a`,
    `claim and the README's table ([README, "Validation"](../../README.md#validation-published-vs-measured)) one line per study.`,
    `Here every row of the ${group} studies, the \`reported\` ones too (they state no claim:`,
    'a diagnostic, or a value reported whichever way it comes out). The last column links each row to its study on its page',
    'in docs/validation/ ([docs/validation.md](../validation.md) lists them): its runs (seeds, boxes) and note (tolerance,',
    'per-seed values, what disagrees). 95 % intervals over seeds where a study uses several; the build is the commit the',
    'study ran on and the day. A row whose meets says `calibrated` states a claim whose target a model input was set from',
    'or chosen to give ([calibration.md](../calibration.md)): met by calibration, not evidence.',
    '',
    ...header,
  ];
  const { page: tablePage, text: tablePages } = paginate(sorted, (s) => fullRows.get(s.id)!, tableHead);
  const tableNames = [...new Set(tablePage.values())];
  const sum = (ids: readonly StudyResult[], k: 'yes' | 'no' | 'calibrated' | 'reported' | 'failed') => ids.reduce((t, s) => t + counts.get(s.id)![k], 0);
  const tableIndex = [
    '# Validation: every row, one line each',
    '',
    'Generated from [validation/results.json](../validation/results.json) by `npm run validate` (or',
    '`npm run validate -- --table`, which runs no study); do not edit by hand. All the validation\'s rows, by study, on a page',
    'per group of studies (the id up to its first hyphen), so that each stays under what GitHub shows of a file:',
    `[validation-claims.md](validation-claims.md) lists the ${claims} that state a claim (meets yes, **no** or calibrated)${failedText},`,
    `and the README's table ([README, "Validation"](../README.md#validation-published-vs-measured)) one line per study; the`,
    `${reported} \`reported\` rows, which state none (a diagnostic, or a value`,
    'reported whichever way it comes out), are listed on the pages below only. A `calibrated` row\'s target is also what a',
    'model input was set from or chosen to give ([calibration.md](calibration.md)): met by calibration, not evidence.',
    'Each page has the same seven columns; the',
    'last links each row to its study on its page in docs/validation/ ([docs/validation.md](validation.md) lists them):',
    'its runs (seeds, boxes) and note (tolerance, per-seed values, what disagrees). 95 % intervals over seeds where a study',
    'uses several; the build is the commit the study ran on and the day.',
    '',
    `${sorted.length} studies, ${rows} rows (${yes} yes, ${no} **no**, ${calibrated} calibrated, ${reported} reported${failed ? `, ${failed} stud${failed > 1 ? 'ies' : 'y'} failed` : ''}) on ${tableNames.length} pages:`,
    '',
    `| group | page | studies | rows | yes | **no** | calibrated | reported |${failed ? ' study failed |' : ''}`,
    `|---|---|---|---|---|---|---|---|${failed ? '---|' : ''}`,
    ...tableNames.map((n) => {
      const ids = sorted.filter((s) => tablePage.get(s.id) === n);
      const [y, x, c, r, f] = (['yes', 'no', 'calibrated', 'reported', 'failed'] as const).map((k) => sum(ids, k));
      return `| ${studyGroup(ids[0]!.id)} | [validation-table/${n}](validation-table/${n}) | ${ids.length} (${ids[0]!.id}${ids.length > 1 ? ` to ${ids.at(-1)!.id}` : ''}) | ` +
        `${y! + x! + c! + r! + f!} | ${y} | ${x} | ${c} | ${r} |${failed ? ` ${f} |` : ''}`;
    }),
  ];
  return { readme: [...intro, '', ...readmeHeader, ...readme].join('\n'), claimPages, tableIndex: tableIndex.join('\n') + '\n', tablePages, docs: docs.join('\n') + '\n', pages };
}

/** The README with its table between the markers replaced; unchanged when the markers are missing. */
export function withReadmeTable(readme: string, table: string): string {
  const i = readme.indexOf(README_MARKERS.start), j = readme.indexOf(README_MARKERS.end);
  return i >= 0 && j > i ? readme.slice(0, i + README_MARKERS.start.length) + '\n' + table + '\n' + readme.slice(j) : readme;
}
