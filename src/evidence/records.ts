/**
 * Loads literature records from YAML/JSON data files (one system per file, plus references.yaml
 * with the review's reference list entries) and resolves each record's citations.
 */
import { duplicateJsonKey, duplicateKeyWords, duplicateYamlKeyWords } from '../input/json-keys.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { FileError, fsReason } from '../errors.js';
import { literatureDir, packageRoot } from './paths.js';
import { applyDois } from './dois.js';
import { knownYaml, rememberYaml } from './parsed-yaml.js';
import { problemsText, recordProblems, type Citation, type LitRecord, type ReviewRecord } from './schema.js';

export interface ReviewInfo { citation: string; doi: string; note?: string; }
export interface LiteratureSet { review: ReviewInfo; references: Map<number, Citation>; records: ReviewRecord[]; }

// the YAML parser loads when a text needs it: the data files' texts are parsed at build (parsed-yaml.ts), so a
// `lit` command that reads no other YAML does not load it (0.06 CPU s). The same module `import 'yaml'` gives in node.
let yaml: typeof import('yaml') | undefined;
const YAML = () => (yaml ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** Parses YAML or JSON text; a syntax error becomes FileError(file, message, line). */
export function parseDataText(text: string, file: string): unknown {
  if (file.endsWith('.json')) {
    let value: unknown;
    try { value = JSON.parse(text); } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
      throw new FileError(file, `not valid JSON: ${(e as Error).message.split('\n')[0]}`, line);
    }
    // robust63: a key twice in one record (JSON.parse keeps the last without a word; YAML, read below, refuses it)
    const dup = duplicateJsonKey(text);
    if (dup) throw new FileError(file, duplicateKeyWords(dup), dup.line);
    return value;
  }
  const lc = new (YAML().LineCounter)();
  const doc = YAML().parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter: lc });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0]?.line;
    // review69: a key given twice named, and both places, as a run file's (input/parse.ts); it said "Map keys must be unique"
    const twice = err.code === 'DUPLICATE_KEY' && err.pos ? duplicateYamlKeyWords(doc, err.pos[0], lc) : undefined;
    throw new FileError(file, twice ?? `not valid YAML: ${err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`, line);
  }
  return doc.toJS();
}

/**
 * parseDataText for the data files (the literature folder, the toxicity table): a YAML text parsed before, at build
 * or earlier in this process, is not parsed again (parsed-yaml.ts; the same value, a fresh copy).
 */
export function parseDataFileText(text: string, file: string): unknown {
  if (file.endsWith('.json')) return parseDataText(text, file);
  const known = knownYaml(text);
  if (known !== undefined) return known;
  const value = parseDataText(text, file);
  rememberYaml(text, value);
  return value;
}

function readText(file: string): string {
  try { return readFileSync(file, 'utf8'); } catch (e) {
    throw new FileError(file, `cannot read: ${fsReason(e)}`);
  }
}

export function loadReferences(file: string): { review: ReviewInfo; references: Map<number, Citation> } {
  const data = parseDataFileText(readText(file), file) as { review?: ReviewInfo; references?: unknown[] } | null;
  if (!data || !Array.isArray(data.references) || !data.review) throw new FileError(file, 'expected "review" and a "references" list');
  const refs = new Map<number, Citation>();
  data.references.forEach((r, i) => {
    const c = r as Partial<Citation>;
    if (!Number.isInteger(c.number) || typeof c.authors !== 'string' || typeof c.journal !== 'string' || !Number.isInteger(c.year) || typeof c.text !== 'string')
      throw new FileError(file, `references[${i}]: expected number, authors, journal, year and text`);
    const cit: Citation = { number: c.number!, authors: c.authors!, journal: c.journal!, year: c.year!, text: c.text! };
    if (c.volume !== undefined) cit.volume = String(c.volume);
    if (c.pages !== undefined) cit.pages = String(c.pages);
    // the review's list gives no DOIs: each is kept in _dois.yaml with where it came from (dois.ts)
    if (c.doi !== undefined) throw new FileError(file, `references[${i}].doi: got ${JSON.stringify(c.doi)}, expected none here (this file copies the review's list, which gives no DOIs; a DOI goes in _dois.yaml with its source)`);
    if (refs.has(cit.number)) throw new FileError(file, `references[${i}]: reference ${cit.number} listed twice`);
    refs.set(cit.number, cit);
  });
  // the DOIs beside the list (a folder without the file: none)
  const doiFile = join(dirname(file), '_dois.yaml');
  if (existsSync(doiFile)) applyDois(parseDataFileText(readText(doiFile), displayPath(doiFile)), refs, displayPath(doiFile));
  return { review: data.review, references: refs };
}

/** Attaches citations; every reference number a record or figure uses must be in the list. */
export function resolveCitations(rec: Omit<LitRecord, 'citations'> & { citations?: Citation[] }, refs: Map<number, Citation>, file: string): LitRecord {
  const nums = new Set<number>(rec.refs);
  for (const f of rec.figures) {
    if (f.ref !== undefined && !rec.refs.includes(f.ref)) throw new FileError(file, `${rec.id}: a figure cites ref ${f.ref}, which is not in the record's refs ${JSON.stringify(rec.refs)}`);
  }
  const citations: Citation[] = [];
  for (const n of [...nums].sort((a, b) => a - b)) {
    const c = refs.get(n) ?? rec.citations?.find((x) => x.number === n);
    if (!c) throw new FileError(file, `${rec.id}: reference ${n} is not in the reference list`);
    citations.push(c);
  }
  return { ...rec, citations };
}

/** Loads every record file in a folder (default: data/literature). Files starting with "_" (_dois.yaml, _review_numbers.yaml) and references.yaml are not records. */
export function loadLiterature(dir = literatureDir()): LiteratureSet {
  let names: string[];
  try { names = readdirSync(dir); } catch { throw new FileError(dir, 'literature folder not found'); }
  const { review, references } = loadReferences(join(dir, 'references.yaml'));
  const records: ReviewRecord[] = [];
  const ids = new Map<string, string>();
  // every bad record of every file in one FileError, as `lit import` says a file's (schema.ts problemsText; until
  // branch mends30 the first bad record's problems alone): the file's when one file has them, else the folder's
  const bad: { shown: string; problems: string[]; records: number }[] = [];
  for (const name of names.sort()) {
    if (!/\.(ya?ml|json)$/.test(name) || name.startsWith('_') || name.startsWith('references.')) continue;
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    const shown = displayPath(file);
    const data = parseDataFileText(readText(file), shown);
    const list = Array.isArray(data) ? data : [data];
    const checked = recordProblems(list.map((raw, i) => ({ raw, where: Array.isArray(data) ? `[${i}]` : 'record' })));
    const mine = { shown, problems: checked.problems, records: checked.bad.length };
    checked.valid.forEach((v, i) => {
      if (!v) return;
      const where = Array.isArray(data) ? `[${i}]` : 'record';
      // the repository's records are the review's; a user's own measurements are imported (lit import)
      if (v.user_source) { mine.problems.push(`${where}.user_source: records in ${basename(dir)}/ are the review's (refs, section, quotes); import your own measurements with \`sacplate lit import\``); mine.records++; return; }
      // validated as a review record: refs, section, and every figure's ref and quote are there
      let rec: ReviewRecord;
      try { rec = resolveCitations(v, references, shown) as ReviewRecord; } catch (e) {
        if (!(e instanceof FileError) || e.file !== shown) throw e;
        mine.problems.push(`${where}: ${e.message.slice(shown.length + 2)}`); mine.records++; return;
      }
      if (ids.has(rec.id)) { mine.problems.push(`${where}: record id "${rec.id}" also used in ${ids.get(rec.id)}`); mine.records++; return; }
      ids.set(rec.id, shown);
      rec.source = relative(packageRoot(), file);
      records.push(rec);
    });
    if (mine.records > 0) bad.push(mine);
  }
  if (bad.length === 1) throw new FileError(bad[0]!.shown, problemsText(bad[0]!.problems, bad[0]!.records));
  if (bad.length > 1) {
    throw new FileError(displayPath(dir), problemsText(bad.flatMap((b) => b.problems.map((p) => `${b.shown}: ${p}`)), bad.reduce((n, b) => n + b.records, 0)));
  }
  return { review, references, records };
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel || basename(file);
}
