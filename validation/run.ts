/**
 * `npm run validate`: runs every study in validation/studies/ (each file exports `study`), writes
 * validation/results.json, the table between the validation markers in README.md and docs/validation.md
 * (every row in full; validation/table.ts renders both).
 *   npm run validate                 all studies
 *   npm run validate -- sand-time    only the studies whose id contains one of the arguments
 *   npm run validate -- --table      no study: rewrite README's table and docs/validation.md from validation/results.json
 *                                    (after two branches' results files were merged by hand)
 * A study that throws is recorded as failed with its message; the others still run.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ValidationStudy } from './types.js';
import { renderTables, withReadmeTable, type StudyResult } from './table.js';

const here = dirname(fileURLToPath(import.meta.url));           // dist/validation
const repo = join(here, '..', '..');
const resultsPath = join(repo, 'validation', 'results.json');
const readmePath = join(repo, 'README.md');
const docsPath = join(repo, 'docs', 'validation.md');
const tableOnly = process.argv.includes('--table');
const filters = process.argv.slice(2).filter((a) => a !== '--table');
if (tableOnly && filters.length > 0) {
  process.stderr.write(`validate: --table runs no study; got study ids too (${filters.join(', ')}): give one or the other; nothing written\n`);
  process.exit(2);
}

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

const tables = renderTables(studies);
if (existsSync(readmePath)) writeFileSync(readmePath, withReadmeTable(readFileSync(readmePath, 'utf8'), tables.readme));
mkdirSync(dirname(docsPath), { recursive: true });
writeFileSync(docsPath, tables.docs);
process.stderr.write(tableOnly ? `validate: rewrote the README's table and docs/validation.md from ${resultsPath} (no study run)\n` : `validate: wrote ${resultsPath}\n`);
