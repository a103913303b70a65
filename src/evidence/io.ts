/**
 * Export and import of literature records: JSON (lossless), CSV (one row per figure, record
 * columns repeated; imports back to the same records) and BibTeX (one entry per cited paper plus
 * the review). The review's reference list gives no titles, so entries carry none.
 */
import { createHash } from 'node:crypto';
import { readTextFile } from '../io/text-file.js';
import { FileError } from '../errors.js';
import { keyHint, otherKeysText, unknownKeyText } from '../args.js';
import { csvField, parseCsv } from '../io/csv.js';
import { parseDataText, type ReviewInfo } from './records.js';
import { CONDITION_KEYS, validateRecords, type Citation, type Conditions, type Figure, type LitRecord } from './schema.js';

export const RECORD_COLUMNS = ['id', 'name', 'aliases', 'metal', 'sac_elements', 'coordination', 'support', 'architecture',
  'architecture_detail', 'section', 'refs', 'user_doi', 'user_citation', 'sei', 'notes', 'citations'] as const;
export const FIGURE_COLUMNS = ['quantity', 'subject', 'value', 'value_to', 'unit', 'reference', 'to_dft_sign', 'lower_bound',
  ...CONDITION_KEYS.map((k) => `cond_${k}`), 'ref', 'doi', 'quote', 'where'] as const;
export const CSV_COLUMNS = [...RECORD_COLUMNS, ...FIGURE_COLUMNS];

/** A record's cell: empty for a missing value, JSON for a structure, else the package's CSV field (src/io/csv.ts). */
function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  return csvField(typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));
}

export function toCsv(records: LitRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) {
    const rec: Record<string, unknown> = {
      id: r.id, name: r.name, aliases: r.aliases.join('; '), metal: r.metal, sac_elements: r.sac_elements.join('; '),
      coordination: r.coordination, support: r.support, architecture: r.architecture, architecture_detail: r.architecture_detail,
      section: r.section, refs: r.refs.join('; '), user_doi: r.user_source?.doi, user_citation: r.user_source?.citation,
      sei: r.sei, notes: r.notes, citations: JSON.stringify(r.citations),
    };
    const figs: (Figure | undefined)[] = r.figures.length ? r.figures : [undefined];
    for (const f of figs) {
      const row: Record<string, unknown> = { ...rec };
      if (f) {
        Object.assign(row, { quantity: f.quantity, subject: f.subject, value: f.value, value_to: f.value_to, unit: f.unit,
          reference: f.reference, to_dft_sign: f.to_dft_sign, lower_bound: f.lower_bound, ref: f.ref, quote: f.quote, where: f.where,
          // the DOI of the figure's reference (data/literature/_dois.yaml), a copy of the citations column's
          doi: f.ref !== undefined ? r.citations.find((c) => c.number === f.ref)?.doi : undefined });
        for (const k of CONDITION_KEYS) row[`cond_${k}`] = f.conditions?.[k];
      }
      lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

export { parseCsv };

const list = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);

export function fromCsv(text: string, file: string): LitRecord[] {
  let rows: string[][];
  try { rows = parseCsv(text); } catch (e) {
    // where the quote opens: the rest of the file read as one field (it said "not valid CSV: unterminated quoted field", no line)
    const line = (e as { line?: number }).line;
    throw new FileError(file, `not valid CSV: ${line !== undefined ? `the quoted field that opens on line ${line} is never closed (a " is missing), so the rest of the file reads as one field ` : ''}(${(e as Error).message})`, line);
  }
  if (rows.length === 0) throw new FileError(file, 'empty CSV');
  const header = rows[0]!;
  // a column the export does not write (a misspelt "note", a spreadsheet's own) was dropped without a
  // word; JSON and YAML records refuse an unknown key the same way (schema.ts). Every such column in
  // the one line (until audit27 the first only: two misspelt columns took two imports)
  const [c0, ...more] = new Set(header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c)));
  if (c0 !== undefined) {
    const w = { word: 'column', owner: 'the columns of `sacplate lit export --format csv`:' };
    throw new FileError(file, `CSV column "${c0}": ${unknownKeyText(c0, CSV_COLUMNS, w)}${otherKeysText(more.map((c) => ({ name: `"${c}"`, hint: keyHint(c, CSV_COLUMNS, w) })), w.word)}`, 1);
  }
  header.forEach((c, i) => {
    if (header.indexOf(c) !== i) throw new FileError(file, `CSV column "${c}" twice (columns ${header.indexOf(c) + 1} and ${i + 1}; each column once)`, 1);
  });
  for (const c of ['id', 'name', 'metal', 'sac_elements', 'support', 'architecture', 'section', 'refs'])
    if (!header.includes(c)) throw new FileError(file, `CSV column "${c}" missing (expected the columns of \`sacplate lit export --format csv\`)`, 1);
  const col = (row: string[], c: string) => { const i = header.indexOf(c); return i >= 0 ? row[i] ?? '' : ''; };
  const byId = new Map<string, { raw: Record<string, unknown>; line: number }>();
  rows.slice(1).forEach((row, idx) => {
    const line = idx + 2;
    if (row.length !== header.length) throw new FileError(file, `expected ${header.length} columns, found ${row.length}`, line);
    const id = col(row, 'id');
    let entry = byId.get(id);
    if (!entry) {
      let citations: unknown;
      try { citations = col(row, 'citations') ? JSON.parse(col(row, 'citations')) : undefined; } catch {
        throw new FileError(file, 'citations: not valid JSON', line);
      }
      const raw: Record<string, unknown> = {
        id, name: col(row, 'name'), aliases: list(col(row, 'aliases')), metal: col(row, 'metal'),
        sac_elements: list(col(row, 'sac_elements')), support: col(row, 'support'), architecture: col(row, 'architecture'),
        section: col(row, 'section'), refs: list(col(row, 'refs')).map(Number), figures: [],
      };
      for (const k of ['coordination', 'architecture_detail', 'sei', 'notes'] as const) if (col(row, k) !== '') raw[k] = col(row, k);
      // a user's own record: its source instead of the review's refs (absent columns: an older export, the review's records)
      if (col(row, 'user_doi') !== '' || col(row, 'user_citation') !== '') {
        const u: Record<string, string> = {};
        if (col(row, 'user_doi') !== '') u.doi = col(row, 'user_doi');
        if (col(row, 'user_citation') !== '') u.citation = col(row, 'user_citation');
        raw.user_source = u;
      }
      if (citations !== undefined) raw.citations = citations;
      entry = { raw, line };
      byId.set(id, entry);
    }
    if (col(row, 'quantity') !== '') {
      const fnum = (c: string) => {
        const s = col(row, c);
        if (s === '') return undefined;
        const v = Number(s);
        if (!Number.isFinite(v)) throw new FileError(file, `${c}: got ${JSON.stringify(s)}, expected a number`, line);
        return v;
      };
      const f: Record<string, unknown> = { quantity: col(row, 'quantity'), value: fnum('value'), unit: col(row, 'unit') };
      // absent in a user's record; the schema says what a review record misses
      const ref = fnum('ref'); if (ref !== undefined) f.ref = ref;
      // the doi column is the export's copy of the citations column's DOI for the figure's ref: an edit there would be lost
      const doi = col(row, 'doi');
      if (doi !== '') {
        const cits = Array.isArray(entry.raw.citations) ? entry.raw.citations as { number?: unknown; doi?: unknown }[] : [];
        const given = ref === undefined ? undefined : cits.find((c) => c.number === ref)?.doi;
        if (given !== doi) throw new FileError(file, `doi: got ${JSON.stringify(doi)}, but the citations column gives ${ref === undefined ? 'no ref for this figure' : `ref ${ref} ${given === undefined ? 'no DOI' : `the DOI ${JSON.stringify(given)}`}`} (the doi column is a copy of the citations column's; edit that, or leave doi empty)`, line);
      }
      if (col(row, 'quote') !== '') f.quote = col(row, 'quote');
      const vt = fnum('value_to'); if (vt !== undefined) f.value_to = vt;
      const sg = fnum('to_dft_sign'); if (sg !== undefined) f.to_dft_sign = sg;
      // "true" as written by toCsv; anything else is passed on for the schema to refuse in one line
      const lb = col(row, 'lower_bound'); if (lb !== '') f.lower_bound = lb === 'true' ? true : lb;
      for (const k of ['subject', 'reference', 'where'] as const) if (col(row, k) !== '') f[k] = col(row, k);
      const cond: Record<string, unknown> = {};
      for (const k of CONDITION_KEYS) {
        const s = col(row, `cond_${k}`);
        if (s !== '') cond[k] = k === 'cycles' ? Number(s) : s;
      }
      if (Object.keys(cond).length) f.conditions = cond as Conditions;
      (entry.raw.figures as unknown[]).push(f);
    }
  });
  return validateRecords([...byId.values()].map(({ raw, line }) => ({ raw, where: `row ${line} (${raw.id})`, line })), file).map(withCitations);
}

function withCitations(r: Omit<LitRecord, 'citations'> & { citations?: Citation[] }): LitRecord {
  return { ...r, citations: r.citations ?? [] };
}

export function toJson(records: LitRecord[], review?: ReviewInfo): string {
  return JSON.stringify({ review, records: records.map(stripSource) }, null, 2) + '\n';
}

function stripSource(r: LitRecord): LitRecord {
  const { source: _s, ...rest } = r;
  return rest as LitRecord;
}

export function fromJson(text: string, file: string): LitRecord[] {
  const data = parseDataText(text, file.endsWith('.json') ? file : file + '.json') as unknown;
  const list = Array.isArray(data) ? data : (data as { records?: unknown[] } | null)?.records;
  if (!Array.isArray(list)) throw new FileError(file, 'expected a list of records or {"records": [...]}');
  return validateRecords(list.map((raw, i) => ({ raw, where: `records[${i}]` })), file).map(withCitations);
}

/** Reads an import file; format from the option or the file name (.csv, .json, .yaml). */
export function readImportFile(file: string, format?: string): LitRecord[] {
  const text = readTextFile(file, 'a CSV, JSON or YAML text file');
  const fmt = format ?? (file.endsWith('.csv') ? 'csv' : file.endsWith('.json') ? 'json' : /\.ya?ml$/.test(file) ? 'yaml' : undefined);
  if (fmt === 'csv') return fromCsv(text, file);
  if (fmt === 'json') return fromJson(text, file);
  if (fmt === 'yaml') {
    const data = parseDataText(text, file);
    const arr = Array.isArray(data) ? data : [data];
    return validateRecords(arr.map((raw, i) => ({ raw, where: Array.isArray(data) ? `[${i}]` : 'record' })), file).map(withCitations);
  }
  throw new FileError(file, 'unknown format; use --format csv|json|yaml or a .csv/.json/.yaml name');
}

// ---------------------------------------------------------------------------------------------
// BibTeX

const LATEX_ESC: Record<string, string> = { '&': '\\&', '%': '\\%', '$': '\\$', '#': '\\#', '_': '\\_', '{': '\\{', '}': '\\}' };
function bibEscape(s: string): string {
  return s.replace(/[&%$#_{}]/g, (c) => LATEX_ESC[c]!).replace(/–/g, '--').replace(/ø/g, '{\\o}');
}

/** "A. B, C. D and E. F" -> "A. B and C. D and E. F" */
export function bibAuthors(authors: string): string {
  return authors.split(/,\s*|\s+and\s+/).map((a) => a.trim()).filter(Boolean).join(' and ');
}

function firstSurname(authors: string): string {
  const first = authors.split(/,|\s+and\s+/)[0]!.trim();
  const parts = first.split(/\s+/);
  return (parts[parts.length - 1] ?? 'ref').normalize('NFD').replace(/[^A-Za-z]/g, '');
}

/**
 * BibTeX key of a review reference, `ref58_Xu2019`: the key `sacplate cite --bibtex` writes too, so
 * the two exports merge into one .bib without the same work under two keys (this export wrote
 * Xu2019ref58 and Li2024sacreview, cite ref58_Xu2019 and Li2024GreenChem).
 */
export function citationKey(c: Citation): string {
  return `ref${c.number}_${firstSurname(c.authors)}${c.year}`;
}

/** BibTeX key of a user's record, `user_<id>` (ids are lower-case letters, digits and dashes). */
export function userCitationKey(r: Pick<LitRecord, 'id'>): string {
  return `user_${r.id}`;
}

/** BibTeX key of the review, shared with `sacplate cite --bibtex` (src/cite/citations.ts). */
export const REVIEW_BIBTEX_KEY = 'Li2024GreenChem';

export function toBibtex(records: LitRecord[], review?: ReviewInfo): string {
  const cites = new Map<number, { c: Citation; systems: string[] }>();
  const users = records.filter((r) => r.user_source);
  for (const r of records) for (const c of r.citations) {
    const e = cites.get(c.number) ?? { c, systems: [] };
    e.systems.push(r.name);
    cites.set(c.number, e);
  }
  const out: string[] = [];
  if (review) {
    out.push(`@article{${REVIEW_BIBTEX_KEY},
  author = {Li, Huihua and Wang, Jian and Zhang, Jing and Jia, Lujie and Qu, Hongxu and Guan, Qinghua and Zhang, Huang and Lin, Hongzhen},
  title = {Prospects of single atom catalysts for dendrite-free alkali metal batteries},
  journal = {Green Chem.},
  year = {2024},
  volume = {26},
  pages = {10366},
  doi = {${review.doi}}
}`);
  }
  for (const { c, systems } of [...cites.values()].sort((a, b) => a.c.number - b.c.number)) {
    const fields: [string, string][] = [['author', bibAuthors(c.authors)], ['journal', c.journal], ['year', String(c.year)]];
    if (c.volume) fields.push(['volume', c.volume]);
    if (c.pages) fields.push(['pages', c.pages]);
    if (c.doi) fields.push(['doi', c.doi]);
    // a DOI built by rule, not read on a page, says so (data/literature/_dois.yaml)
    const derived = c.doi && c.doi_source?.startsWith('derived') ? `; DOI ${c.doi_source}` : '';
    fields.push(['note', `Ref. ${c.number} of Li et al., Green Chem. 2024, 26, 10366 (title not given in its reference list)${derived}; systems: ${systems.join(', ')}`]);
    out.push(`@article{${citationKey(c)},\n${fields.map(([k, v]) => `  ${k} = {${bibEscape(v)}}`).join(',\n')}\n}`);
  }
  // a user's record cites its own source: an entry with its DOI, marked as user-supplied (not from the review)
  for (const r of users) {
    const u = r.user_source!;
    const fields: [string, string][] = [];
    if (u.doi) fields.push(['doi', u.doi]);
    if (u.citation) fields.push(['howpublished', u.citation]);
    fields.push(['note', `user-supplied source of the record ${r.name} (not from the review)`]);
    out.push(`@misc{${userCitationKey(r)},\n${fields.map(([k, v]) => `  ${k} = {${k === 'doi' ? v : bibEscape(v)}}`).join(',\n')}\n}`);
  }
  return out.join('\n\n') + '\n';
}

/** JSON with object keys sorted: the same record read from YAML, JSON or CSV gives the same text. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/**
 * Stable content hash of a record (used to skip unchanged records when syncing the store, and to
 * tell an exported review record imported back from a changed one). Keys are sorted: until loose9
 * the same record exported to JSON and imported back hashed differently (its keys in another order).
 */
export function recordHash(r: LitRecord): string {
  return createHash('sha256').update(canonicalJson(stripSource(r))).digest('hex').slice(0, 16);
}
