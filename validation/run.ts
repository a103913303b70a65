/**
 * `npm run validate`: runs every study in validation/studies/ (each file exports `study`), writes
 * validation/results.json and the table between the validation markers in README.md.
 *   npm run validate                 all studies
 *   npm run validate -- sand-time    only the studies whose id contains one of the arguments
 *   npm run validate -- --table      no study: rewrite README's table from validation/results.json
 *                                    (after two branches' results files were merged by hand)
 * A study that throws is recorded as failed with its message; the others still run.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ValidationEntry, ValidationStudy } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));           // dist/validation
const repo = join(here, '..', '..');
const resultsPath = join(repo, 'validation', 'results.json');
const readmePath = join(repo, 'README.md');
const tableOnly = process.argv.includes('--table');
const filters = process.argv.slice(2).filter((a) => a !== '--table');
if (tableOnly && filters.length > 0) {
  process.stderr.write(`validate: --table runs no study; got study ids too (${filters.join(', ')}): give one or the other; nothing written\n`);
  process.exit(2);
}

/** commit: the build a study ran on (`git rev-parse --short HEAD`, "+changes" when src/ or validation/studies/
 * differ from it; absent in records made before this field existed), so that a stale record can be seen. */
interface StudyResult { id: string; title: string; wall_s: number; commit?: string; ran_at?: string; error?: string; entries: ValidationEntry[] }

function buildCommit(): string {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain', '--', 'src', 'validation/studies']) === '' ? head : `${head}+changes`;
  } catch {
    return 'unknown (no git)';
  }
}
const commit = buildCommit();

const previous: Record<string, StudyResult> = {};
if (existsSync(resultsPath)) {
  try {
    for (const s of (JSON.parse(readFileSync(resultsPath, 'utf8')).studies ?? []) as StudyResult[]) previous[s.id] = s;
  } catch { /* a broken results file is rewritten */ }
}

const studiesDir = join(here, 'studies');
const files = tableOnly ? [] : (existsSync(studiesDir) ? readdirSync(studiesDir) : []).filter((f) => f.endsWith('.js')).sort();
/** A filter that names a study exactly (its file is <id>.js) selects that study only; any other filter
 * selects every study whose id contains it (`npm run validate -- dla-3d` runs dla-3d, not dla-3d-wide). */
const exactIds = new Set(files.map((f) => f.slice(0, -3)));
const selects = (id: string): boolean => filters.some((q) => (exactIds.has(q) ? id === q : id.includes(q)));
// A mistyped id used to select nothing and still rewrite results.json and the README's table, exit 0:
// it looked like a validation that had passed. It is refused (exit 2) and nothing is written; a
// filter no file name contains is caught here, before the studies are loaded.
const refuse = (ids: string[]): never => {
  process.stderr.write(`validate: ${filters.map((q) => `"${q}"`).join(', ')}: got no study, expected a study id or part of one (${ids.join(', ')}); nothing written\n`);
  process.exit(2);
};
if (filters.length > 0 && ![...exactIds].some(selects)) refuse([...exactIds]);
const known: string[] = [];
let selected = 0;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'studies', f)).href)) as { study?: ValidationStudy };
  const study = mod.study;
  if (!study) continue;
  known.push(study.id);
  if (filters.length > 0 && !selects(study.id)) continue;
  selected++;
  process.stderr.write(`validate: ${study.id} (${study.title}) ...\n`);
  const t0 = performance.now();
  try {
    const entries = await study.run();
    previous[study.id] = { id: study.id, title: study.title, wall_s: (performance.now() - t0) / 1000, commit, ran_at: new Date().toISOString(), entries };
  } catch (err) {
    previous[study.id] = { id: study.id, title: study.title, wall_s: (performance.now() - t0) / 1000, commit, ran_at: new Date().toISOString(),
      error: (err as Error).message, entries: [] };
  }
  const r = previous[study.id]!;
  process.stderr.write(`validate: ${study.id} done in ${r.wall_s.toFixed(1)} s${r.error ? `: ERROR ${r.error}` : ''}\n`);
}

if (filters.length > 0 && selected === 0) refuse(known); // only helper files (no study) matched

const studies = Object.values(previous).sort((a, b) => a.id.localeCompare(b.id));
if (!tableOnly) writeFileSync(resultsPath, JSON.stringify({ date: new Date().toISOString(), node: process.version, studies }, null, 2) + '\n');

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? 'not measured' : Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(3) : Number(v.toPrecision(3)).toString());
// build: the commit the study ran on and the day, so a row measured on an older build can be seen
// as such (the engine's trajectories for a seed change when its physics or draw order change).
const built = (s: StudyResult) => `${s.commit ?? 'before builds were recorded'}${s.ran_at ? `, ${s.ran_at.slice(0, 10)}` : ''}`;
// a '|' inside a cell (Li||Cu, |eta|) ends the cell in Markdown: escaped, it is shown as written
const cell = (x: string) => x.replace(/\|/g, '\\|');
// meets: a row that states no claim (claim false: a diagnostic, or a value reported whichever way it comes
// out) says "reported"; it used to say "yes" (its pass only says the value exists), read as a met claim.
const meets = (e: ValidationEntry) => (e.claim === false ? 'reported' : e.pass ? 'yes' : '**no**');
const rows = ['| quantity | published | measured | 95 % interval | runs | meets | build | note |', '|---|---|---|---|---|---|---|---|'];
for (const s of studies) {
  if (s.error) rows.push(`| ${cell(s.title)} | | study failed | | | no | ${built(s)} | ${cell(s.error)} |`);
  for (const e of s.entries) {
    rows.push(`| ${cell(e.quantity)} | ${cell(`${e.published} (${e.source})`)} | ${fmt(e.measured)} ${cell(e.unit)} | ${e.interval ? `${fmt(e.interval[0])} to ${fmt(e.interval[1])}` : '-'} | ${cell(e.runs)} | ${meets(e)} | ${built(s)} | ${cell(e.note)} |`);
  }
}
const table = rows.join('\n');
if (existsSync(readmePath)) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- validation:start -->', end = '<!-- validation:end -->';
  const i = readme.indexOf(start), j = readme.indexOf(end);
  if (i >= 0 && j > i) writeFileSync(readmePath, readme.slice(0, i + start.length) + '\n' + table + '\n' + readme.slice(j));
}
process.stderr.write(tableOnly ? `validate: rewrote the README's table from ${resultsPath} (no study run)\n` : `validate: wrote ${resultsPath}\n`);
