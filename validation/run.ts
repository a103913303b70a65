/**
 * `npm run validate`: runs every study in validation/studies/ (each file exports `study`), writes
 * validation/results.json, the table between the validation markers in README.md (a row per study, since readme68),
 * docs/validation-claims.md (the rows that state a claim, one line each), docs/validation-table/<group>.md (every row, one line each, a page per group of studies) and docs/validation-table.md
 * (their index), docs/validation/<group>.md (every row in full, a page per group) and docs/validation.md (their index);
 * validation/table.ts renders them.
 *   npm run validate                 all studies
 *   npm run validate -- sand-time    only the studies whose id contains one of the arguments
 *   npm run validate -- --resume     skips the selected studies results.json already records for this build
 *                                    (same commit string, no error): after a stop, runs only what is left
 *   npm run validate -- --table      no study: rewrite README's table, docs/validation-claims.md, docs/validation-table.md, docs/validation.md and their pages from validation/results.json
 *                                    (after two branches' results files were merged by hand)
 * A study that throws is recorded as failed with its message; the others still run.
 *
 * The files are written after every study (results.json through a temporary file renamed into
 * place), so a stop loses at most the study that was running: until session 22 they were written after
 * the last of the 63 studies (about 6 h), and Ctrl-C at hour 5 lost every study. Each study runs in a
 * process of its own (validation/run-study.ts), so that Ctrl-C stops it at once while this process says
 * what was saved and how to resume (exit 130).
 *
 * SACPLATE_VALIDATE_STUDIES=<folder>: take the study files from there instead of dist/validation/studies
 * (for test/validate-resume.test.ts, which runs two tiny studies of its own; not for use otherwise).
 */
import { readdirSync, readFileSync, existsSync, accessSync, constants as fsConstants, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import type { ValidationStudy } from './types.js';
import type { StudyMessage } from './run-study.js';
import { renderTables, withReadmeTable, byId, isClaimsPage, CLAIMS_DIR, CLAIMS_PAGE, FULL_TABLE_PATH, PAGES_DIR, TABLE_PAGES_DIR, type StudyResult } from './table.js';
import { writeJson } from '../src/io/json.js';
import { withSink } from '../src/io/sink.js';
import { fsReason } from '../src/errors.js';

const here = dirname(fileURLToPath(import.meta.url));           // dist/validation
const repo = join(here, '..', '..');
const resultsPath = join(repo, 'validation', 'results.json');
const readmePath = join(repo, 'README.md');
const docsPath = join(repo, 'docs', 'validation.md');
const fullPath = join(repo, ...FULL_TABLE_PATH.split('/'));
const pagesDir = join(repo, ...PAGES_DIR.split('/'));
const tablePagesDir = join(repo, ...TABLE_PAGES_DIR.split('/'));
const claimsDir = join(repo, ...CLAIMS_DIR.split('/'));
const args = process.argv.slice(2);
const tableOnly = args.includes('--table');
const resume = args.includes('--resume');
const filters = args.filter((a) => a !== '--table' && a !== '--resume');
if (tableOnly && resume) {
  process.stderr.write('validate: --table runs no study and --resume skips the studies already run: give one or the other; nothing written\n');
  process.exit(2);
}
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

/** results.json (unless --table), the README's table, docs/validation-claims.md, docs/validation-table.md, docs/validation.md
 * and their pages (docs/validation-claims-2.md, ... past PAGE_BUDGET; docs/validation-table/*.md, docs/validation/*.md) from `previous`; each file goes to a temporary name beside it and is renamed into place
 * (src/io/sink.ts), so a stop while writing leaves the previous file whole. The pages are written first (a link in the
 * index or a table never points at a page not yet there), and a page no longer rendered is removed last. */
function writeAll(): void {
  const studies = Object.values(previous).sort(byId);
  if (!tableOnly) writeJson(resultsPath, { date: new Date().toISOString(), node: process.version, studies });
  const tables = renderTables(studies);
  for (const [name, text] of Object.entries(tables.pages)) withSink(join(pagesDir, name), (s) => s.text(text));
  for (const [name, text] of Object.entries(tables.tablePages)) withSink(join(tablePagesDir, name), (s) => s.text(text));
  for (const [name, text] of Object.entries(tables.claimPages)) withSink(join(claimsDir, name), (s) => s.text(text));
  if (existsSync(readmePath)) {
    const readme = withReadmeTable(readFileSync(readmePath, 'utf8'), tables.readme);
    withSink(readmePath, (s) => s.text(readme));
  }
  withSink(fullPath, (s) => s.text(tables.tableIndex));
  withSink(docsPath, (s) => s.text(tables.docs));
  for (const [dir, written] of [[pagesDir, tables.pages], [tablePagesDir, tables.tablePages]] as const) {
    if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.md') && !Object.hasOwn(written, f)) rmSync(join(dir, f));
  }
  // docs/ holds hand-written pages too: only a claims page (validation-claims-<n>.md) no longer rendered is removed
  if (existsSync(claimsDir)) for (const f of readdirSync(claimsDir)) if (isClaimsPage(f) && !Object.hasOwn(tables.claimPages, f)) rmSync(join(claimsDir, f));
}

/**
 * robust63: the files writeAll writes, refused in one line before any study runs when this user cannot write them (each
 * goes to a temporary file renamed into place: its folder, or the first of its folders that exists, must be writable).
 * validate ran the study, then stopped with writeAll's stack trace, the study's result lost.
 */
function refuseUnwritable(): void {
  for (const f of [...(tableOnly ? [] : [resultsPath]), ...(existsSync(readmePath) ? [readmePath] : []), join(claimsDir, `${CLAIMS_PAGE}.md`), fullPath, docsPath, join(pagesDir, '<group>.md'), join(tablePagesDir, '<group>.md')]) {
    let dir = dirname(f);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try { accessSync(dir, fsConstants.W_OK | fsConstants.X_OK); } catch (e) {
      process.stderr.write(`validate: ${f}: cannot be written: its folder ${dir} cannot be written by this user (${fsReason(e)}); nothing run\n`);
      process.exit(2);
    }
  }
}

/** writeAll, and when it fails all the same (a disk that fills): one line, the records so far kept in a file of the OS's temporary folder */
function saveAll(): void {
  try { writeAll(); } catch (e) {
    const fallback = join(tmpdir(), `sacplate-validate-${process.pid}.json`);
    let kept = '';
    try {
      writeFileSync(fallback, JSON.stringify({ date: new Date().toISOString(), node: process.version, studies: Object.values(previous) }, null, 2) + '\n');
      kept = `; the records so far (this run's studies among them) are in ${fallback}`;
    } catch { /* nowhere to keep them: the line says what failed */ }
    process.stderr.write(`validate: ${e instanceof Error ? e.message : String(e)}${kept}\n`);
    process.exit(1);
  }
}

const studiesDir = process.env.SACPLATE_VALIDATE_STUDIES ? resolve(process.env.SACPLATE_VALIDATE_STUDIES) : join(here, 'studies');
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
const selection: { study: ValidationStudy; file: string }[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(studiesDir, f)).href)) as { study?: ValidationStudy };
  const study = mod.study;
  if (!study) continue;
  known.push(study.id);
  if (filters.length > 0 && !selects(study.id)) continue;
  selection.push({ study, file: join(studiesDir, f) });
}
if (filters.length > 0 && selection.length === 0) refuse(known); // only helper files (no study) matched

refuseUnwritable();
if (tableOnly) {
  saveAll();
  process.stderr.write(`validate: rewrote the README's table, docs/validation-claims.md, docs/validation-table.md, docs/validation.md and their pages from ${resultsPath} (no study run)\n`);
  process.exit(0);
}

// without git the build is "unknown (no git)" whatever its sources: a record cannot be told to be this build's
const knownBuild = !commit.startsWith('unknown');
if (resume && !knownBuild) process.stderr.write('validate: --resume: no git here, so the build a study was recorded on cannot be told from this one; every selected study runs\n');
/** --resume: a study results.json records for this build (the same commit string) and that did not fail */
const recordedNow = (id: string): boolean => resume && knownBuild && previous[id]?.commit === commit && !previous[id]?.error;
/** a time as the progress line says it: "under a minute", "about 7 min", "about 95 min" */
const minutes = (s: number): string => (s < 60 ? 'under a minute' : `about ${Math.round(s / 60)} min`);
/** the time left for the selection from each study's last recorded wall time ("at least" when some study has none) */
function timeLeft(from: number): string {
  let s = 0, unknown = 0;
  for (const { study } of selection.slice(from)) {
    if (recordedNow(study.id)) continue;
    const w = previous[study.id]?.wall_s;
    if (typeof w === 'number' && Number.isFinite(w)) s += w; else unknown++;
  }
  const none = `${unknown} ${unknown > 1 ? 'studies have' : 'study has'} no earlier record`;
  if (unknown === 0) return `${minutes(s)} left for the selection`;
  return s === 0 ? `time left unknown: ${none}` : `at least ${minutes(s)} left for the selection (${none})`;
}

// Ctrl-C (or SIGTERM): the running study's process is stopped, what finished is already on disk; one
// line says what and how to go on. A second signal kills the study's process at once.
const ranNow: string[] = [];
let running: { id: string; child: ChildProcess } | null = null;
let stopping: NodeJS.Signals | null = null;
const resumeHint = () => `npm run validate -- --resume${filters.length > 0 ? ' ' + filters.join(' ') : ''}`;
function stoppedLine(sig: NodeJS.Signals, during: string | null): string {
  const saved = ranNow.length === 0 ? 'no study of this run had finished'
    : `${resultsPath} has the ${ranNow.length} stud${ranNow.length > 1 ? 'ies' : 'y'} this run finished (${ranNow.length > 6 ? ranNow.slice(0, 6).join(', ') + ', ...' : ranNow.join(', ')}), the README's table, docs/validation-claims.md, docs/validation-table.md, docs/validation.md and their pages with them`;
  return `validate: stopped by ${sig}${during ? ` during ${during} (not recorded)` : ' between studies'}; ${saved}; continue with \`${resumeHint()}\`\n`;
}
// mends62c: a stop that comes once every selected study has finished (as the last one's process ends, before or after this
// process reads its end) stops nothing: the run ends as one not stopped, and says so. It said "stopped by SIGINT between
// studies; ... continue with `npm run validate -- --resume`" and exited 130, every study recorded.
let allRan = false;
const EVERY_STUDY_RAN = 'validate: every study had finished before the stop took effect: the results follow\n';
// lead63: once the run's last line is written (its "wrote" line) there is nothing left to stop or to say: a signal that
// lands then (the last study's process ends, validate writes everything, and only then is the signal read) says nothing
// and the run exits 0 as written. It wrote "every study had finished ..." after the "wrote" line (a CI run at load 2).
let ended = false;
const onSignal = (sig: NodeJS.Signals) => {
  if (ended) return;
  if (stopping) { running?.child.kill('SIGKILL'); return; }
  stopping = sig;
  if (allRan) { process.stderr.write(EVERY_STUDY_RAN); return; }
  if (running) { running.child.kill('SIGTERM'); return; } // its exit ends the run (runInChild)
  process.stderr.write(stoppedLine(sig, null));
  process.exit(sig === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

/** Runs one study in its own process; null when a signal stopped it (Ctrl-C in a terminal reaches the study's process too). */
function runInChild(id: string, file: string): Promise<StudyMessage | null> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = fork(join(here, 'run-study.js'), [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    running = { id, child };
    let msg: StudyMessage | undefined;
    child.on('message', (m) => { msg = m as StudyMessage; });
    child.on('error', (err) => { if (!msg) msg = { wall_s: 0, error: `could not start the study's process: ${err.message}` }; });
    child.on('exit', (code, signal) => {
      running = null;
      if (msg) return done(msg);
      if (stopping || signal === 'SIGINT' || signal === 'SIGTERM') return done(null);
      // the time it had run (the process's, start-up included): the study gave none
      done({ wall_s: (performance.now() - t0) / 1000, error: `the study's process ended before the study returned (${signal ? `killed by ${signal}${signal === 'SIGKILL' ? ': out of memory?' : ''}` : `exit code ${code}`})` });
    });
  });
}

const N = selection.length;
for (let k = 0; k < N; k++) {
  const { study, file } = selection[k]!;
  const tag = `validate: [${k + 1}/${N}] ${study.id}`;
  if (recordedNow(study.id)) {
    process.stderr.write(`${tag}: recorded for this build (${commit}, ${previous[study.id]!.ran_at ?? 'no date'}); skipped (--resume)\n`);
    continue;
  }
  const last = previous[study.id]?.wall_s;
  const expect = typeof last === 'number' && Number.isFinite(last) ? `expected ${minutes(last)} from its last recorded wall_s` : 'no earlier record of its time';
  process.stderr.write(`${tag} (${study.title}) ... (${expect}; ${timeLeft(k)})\n`);
  const r = await runInChild(study.id, file);
  const ranAt = new Date().toISOString();
  if (r === null) {
    process.stderr.write(stoppedLine(stopping ?? 'SIGINT', study.id));
    process.exit(stopping === 'SIGTERM' ? 143 : 130);
  }
  previous[study.id] = 'error' in r
    ? { id: study.id, title: study.title, wall_s: r.wall_s, commit, ran_at: ranAt, error: r.error, entries: [] }
    : { id: study.id, title: study.title, wall_s: r.wall_s, commit, ran_at: ranAt, entries: r.entries };
  saveAll();
  ranNow.push(study.id);
  process.stderr.write(`${tag} done in ${r.wall_s.toFixed(1)} s${'error' in r ? `: ERROR ${r.error}` : ''}; saved in ${resultsPath}\n`);
  // none left to run (the later ones recorded for this build, --resume): the stop stopped nothing
  if (!selection.slice(k + 1).some((x) => !recordedNow(x.study.id))) {
    allRan = true;
    if (stopping) process.stderr.write(EVERY_STUDY_RAN);
  }
  if (stopping && !allRan) { process.stderr.write(stoppedLine(stopping, null)); process.exit(stopping === 'SIGTERM' ? 143 : 130); }
}
allRan = true;

const ran = ranNow.length;
if (ran === 0 && N > 0) process.stderr.write(`validate: nothing to run: the ${N} selected stud${N > 1 ? 'ies are' : 'y is'} recorded for this build (${commit}); files unchanged\n`);
else if (ran === 0) { saveAll(); process.stderr.write(`validate: no study found in ${studiesDir}; wrote ${resultsPath}\n`); }
else process.stderr.write(`validate: wrote ${resultsPath} (${ran} stud${ran > 1 ? 'ies' : 'y'} run)\n`);
ended = true;
