/**
 * Evidence-base commands: `lit list|show|export|import|verify|normalise`, `elements`,
 * `anode-capacity` (`runs list|show` are in actions/runs.ts: they need neither the literature nor zod).
 * Every command that touches the store takes `--db PATH` (default SACPLATE_DB or ~/.sacplate/sacplate.db).
 *
 * The work of these commands; their flags and help text are in commands/evidence.ts, which loads
 * this file only when one of them runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, InputError, fsReason } from '../../errors.js';
import {
  CRITERIA, displayValue, figureDisplay, isOwnFigure, cellNotStated, boundText, unitWords, atText, sourceText, loadLiterature, standardCell, parseDataText, QUANTITIES,
  recordOrigin, sharedDir, symbolList, toCsv, toJson, verifyRecords, literatureDir, type Exclusion, type LitRecord,
} from '../../evidence/index.js';
import { anodeSideCapacity, elementData, exportRecords, importFile, listRecords, normaliseRecords, showRecord, type MovedRecords } from '../../evidence/library.js';
import { fileOrStdout, refuseEmptyPath, refuseOtherFormatName } from '../guards.js';
import { plural } from '../../plural.js';
import { csvText } from '../../io/csv.js';
import { out, err, table, fmtNum, checkFormat } from './text-out.js';
import { elementSource } from '../../cite/citations.js';
import { toxicityInversionNotes } from '../../evidence/elements.js';
import { NO_STORE_THERE, storeExists } from '../../store/index.js';

/** The store's sync moved a user's record to a free id: said on stderr. */
/**
 * What lit list, show, normalise and export say once on stderr when the store they read is not there (mends69; review69
 * left it): they list the review's records from an empty store in memory, so a mistyped --db or SACPLATE_DB hid the
 * user's imported records without a word, where `runs list` says `0 runs in PATH: there is no store there ...`.
 */
function noStoreLine(db: string | undefined): string | undefined {
  const { file, exists } = storeExists(db);
  return exists ? undefined : `the review's records alone, none imported, in ${file}: ${NO_STORE_THERE}`;
}

function sayMoved(moved: MovedRecords): void {
  for (const m of moved) err(`your record "${m.from}" (${m.origin}) now has the id "${m.to}": the review's record ${m.from} takes that id; your data is unchanged`);
}

/** The symmetric-cell lifetime, else a lifetime of a cell the review does not name (said), "over" kept. */
function lifetimeText(r: LitRecord): string {
  const f = r.figures.find((x) => x.quantity === 'symmetric_lifetime' && isOwnFigure(x))
    ?? r.figures.find((x) => x.quantity === 'cycling_lifetime' && isOwnFigure(x));
  if (!f) return '';
  return `${boundText(f, f.value, f.unit)}${atText(f)}${f.quantity === 'cycling_lifetime' ? ' (cell type not stated)' : ''}`;
}

/**
 * The list's nucleation or plating overpotential, its current (and capacity) beside it as a lifetime has them
 * (CoSA@NC's 11.5 mV was listed without its 0.5 mA/cm2 until mends54); "(cell not stated)" after a figure whose
 * cell the review does not name (SA-Co@HC's 3 mV).
 */
function overpotentialText(r: LitRecord, quantity: 'nucleation_overpotential' | 'overpotential'): string {
  const f = r.figures.find((x) => x.quantity === quantity && isOwnFigure(x));
  return f ? `${fmtNum(figureDisplay(f).value)}${atText(f)}${cellNotStated(f) ? ' (cell not stated)' : ''}` : '';
}

/**
 * The list's source column: a record imported through `lit import` that cites the review is marked "imported: review ref ..." (recordOrigin), not shown as the review's own;
 * a user's record "user: <citation>" (mends70: its DOI is the DOI column's, "user doi:X" beside it said it twice).
 */
function listSource(r: LitRecord): string {
  if (r.user_source) return r.user_source.citation ? `user: ${r.user_source.citation}` : 'user';
  return recordOrigin(r) === 'imported' ? `imported: ${sourceText(r)}` : sourceText(r);
}

/** The list's DOI column (mends70): a user's own DOI; else the DOIs of the review's citations the record's figures come from (none found: empty). */
function listDoi(r: LitRecord): string {
  if (r.user_source) return r.user_source.doi ?? '';
  return [...new Set(r.citations.filter((c) => r.refs.includes(c.number) && c.doi).map((c) => c.doi!))].join(', ');
}

/** The list's CE (%) column (mends70): the record's own Coulombic efficiency (a user's Li||Cu cell), its current beside it. */
function ceText(r: LitRecord): string {
  const f = r.figures.find((x) => x.quantity === 'coulombic_efficiency' && isOwnFigure(x));
  return f ? `${fmtNum(figureDisplay(f).value)}${atText(f)}${cellNotStated(f) ? ' (cell not stated)' : ''}` : '';
}

/** A list's columns before which `lit list --width` sets its records in blocks (and its least). */
const MIN_LIST_WIDTH = 40;

/** `--width N`, else the terminal's width when stdout is one; undefined: one line a record, however wide (piped, for grep). */
function listWidth(w: string | undefined): number | undefined {
  if (w === undefined) return process.stdout.isTTY && process.stdout.columns > 0 ? Math.max(MIN_LIST_WIDTH, process.stdout.columns) : undefined;
  const n = /^\s*\d+\s*$/.test(w) ? Number(w) : NaN;
  if (!(n >= MIN_LIST_WIDTH)) throw new InputError('--width', w, `a whole number of columns, at least ${MIN_LIST_WIDTH} (the table's width: each record a block of lines within it; left out, the terminal's width, or one line a record when piped)`);
  return n;
}

/** `text` word-wrapped to `width` after `indent` (a word longer than the line is cut). */
function wrapped(text: string, width: number, indent: string): string[] {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  let cur = '';
  for (let word of text.split(' ')) {
    while (word.length > room) { if (cur) { lines.push(cur); cur = ''; } lines.push(word.slice(0, room)); word = word.slice(room); }
    if (!cur) cur = word; else if (cur.length + 1 + word.length <= room) cur += ' ' + word; else { lines.push(cur); cur = word; }
  }
  if (cur) lines.push(cur);
  return lines.map((l) => indent + l);
}

/**
 * `lit list` within `width` columns (mends70: its one line a record ran 140 columns and more): a line of name, metal,
 * SAC and architecture a record (the name cut with "~" where it leaves no room), then its figures, then its source and
 * DOI, each wrapped under a 4-space indent. The full text of every field is in --format json.
 */
function listBlocks(hits: LitRecord[], width: number, figures: (r: LitRecord) => string[], src: (r: LitRecord) => string[]): string {
  const cols = [(r: LitRecord) => r.name, (r: LitRecord) => r.metal, (r: LitRecord) => r.sac_elements.join('+'), (r: LitRecord) => r.architecture];
  const head = ['name', 'metal', 'SAC', 'architecture'];
  const w = head.map((h, i) => Math.max(h.length, ...hits.map((r) => cols[i]!(r).length)));
  const rest = w.slice(1).reduce((a, b) => a + b + 2, 0);
  w[0] = Math.max(8, Math.min(w[0]!, width - rest));
  const cut = (t: string, n: number) => (t.length > n ? t.slice(0, n - 1) + '~' : t);
  const line = (cells: string[]) => cut(cells.map((c, i) => cut(c, w[i]!).padEnd(w[i]!)).join('  ').trimEnd(), width);
  const out = [line(head), line(w.map((n) => '-'.repeat(n)))];
  for (const r of hits) {
    out.push(line(cols.map((c) => c(r))));
    for (const part of [figures(r), src(r)]) if (part.length) out.push(...wrapped(part.join('; '), width, '    '));
  }
  return out.join('\n');
}

export function litList(o: { metal?: string; sacElement?: string; support?: string; architecture?: string; text?: string; range: string[]; sort?: string; desc?: boolean; format: string; width?: string; db?: string }): void {
  const { format, width: widthText, ...query } = o;
  const fmt = checkFormat(format, ['table', 'json', 'csv']);
  // mends70c: the table's width only; with json or csv it was ignored without a word (refused, as other commands refuse
  // a flag that would change nothing)
  if (widthText !== undefined && fmt !== 'table') throw new InputError('--width', widthText, `it with --format table (the default: it sets the table's width), not --format ${fmt}, which writes each record's full text at any width`);
  const width = fmt === 'table' ? listWidth(widthText) : undefined;
  const noStore = noStoreLine(o.db);
  const { records: hits, total, review, quantities, moved } = listRecords(query);
  if (noStore) err(noStore);
  sayMoved(moved);
  if (fmt === 'json') return out(toJson(hits, review));
  if (fmt === 'csv') return out(toCsv(hits));
  const extra = quantities.filter((k) => !['nucleation_overpotential', 'overpotential', 'symmetric_lifetime', 'cycling_lifetime', 'coulombic_efficiency'].includes(k));
  const withCe = hits.some((r) => ceText(r) !== '') || quantities.includes('coulombic_efficiency');
  const unitOf = (k: string) => (QUANTITIES[k]!.displayUnit === '1' ? unitWords('1') : `(${QUANTITIES[k]!.displayUnit})`);
  const header = ['name', 'metal', 'SAC', 'architecture', 'nucleation (mV)', 'overpot. (mV)', 'lifetime',
    ...extra.map((k) => `${k} ${unitOf(k)}`), ...(withCe ? ['CE (%)'] : []), 'source', 'DOI'];
  const rows = hits.map((r) => [r.name, r.metal, r.sac_elements.join('+'), r.architecture,
    overpotentialText(r, 'nucleation_overpotential'), overpotentialText(r, 'overpotential'), lifetimeText(r),
    ...extra.map((k) => fmtNum(displayValue(r, k))), ...(withCe ? [ceText(r)] : []), listSource(r), listDoi(r)]);
  const wide = table(header, rows);
  if (width === undefined || wide.split('\n').every((l) => l.length <= width)) out(wide);
  else {
    const figures = (r: LitRecord) => {
      const nuc = overpotentialText(r, 'nucleation_overpotential'), ovp = overpotentialText(r, 'overpotential'), life = lifetimeText(r), ce = ceText(r);
      const unitAfter = (t: string, u: string) => t.replace(/^(\S+)/, `$1 ${u}`); // "11.5 @ 0.5 mA/cm2" -> "11.5 mV @ 0.5 mA/cm2"
      return [nuc ? `nucleation ${unitAfter(nuc, 'mV')}` : '', ovp ? `overpotential ${unitAfter(ovp, 'mV')}` : '', life ? `lifetime ${life}` : '',
        ...extra.map((k) => { const v = fmtNum(displayValue(r, k)); return v ? `${k} ${v} ${unitOf(k).replace(/^\((.*)\)$/, '$1')}` : ''; }),
        ce ? `CE ${unitAfter(ce, '%')}` : ''].filter(Boolean);
    };
    out(listBlocks(hits, width, figures, (r) => [`source ${listSource(r)}`, ...(listDoi(r) ? [`DOI ${listDoi(r)}`] : [])]));
  }
  // the review's records and a user's own are told apart by their source, in the words of lit show and
  // the Evidence page (recordOrigin); an imported copy of a review record was listed as the review's
  const own = hits.filter((r) => recordOrigin(r) === 'user-supplied').length;
  const copies = hits.filter((r) => recordOrigin(r) === 'imported').length;
  const marks = [own ? `${own} user-supplied: source "user ..."` : '', copies ? `${copies} imported: source "imported: review ref ..."` : ''].filter(Boolean);
  err(`${hits.length} of ${total} records${marks.length ? ` (${marks.join(', ')}, not from the review)` : ''}`);
}

export function litShow(name: string, o: { format: string; db?: string }): void {
  const fmt = checkFormat(o.format, ['text', 'json']);
  const noStore = noStoreLine(o.db);
  let shown;
  try { shown = showRecord(name, o.db === undefined ? {} : { db: o.db }); } catch (e) {
    // a record not found says it in its one line, as runs show does (a record imported into the store a mistyped path
    // misses is one of those not found)
    if (noStore && e instanceof InputError && e.field === 'name') throw new InputError(e.field, e.value, `${e.expected}; ${noStore}`);
    throw e;
  }
  if (noStore) err(noStore);
  const { record: r, normalised: norm, moved } = shown;
  sayMoved(moved);
  if (fmt === 'json') return out(JSON.stringify({ ...r, normalised: norm }, null, 2));
  const lines: string[] = [];
  lines.push(`${r.name}  [${r.id}]${r.aliases.length ? '  aka ' + r.aliases.join(', ') : ''}`);
  lines.push(`metal: ${r.metal}   SAC: ${r.sac_elements.join(', ')}   architecture: ${r.architecture}${r.architecture_detail ? ' (' + r.architecture_detail + ')' : ''}`);
  lines.push(`support: ${r.support}`);
  if (r.coordination) lines.push(`coordination: ${r.coordination}`);
  if (r.sei) lines.push(`SEI: ${r.sei}`);
  if (r.notes) lines.push(`notes: ${r.notes}`);
  // in the Evidence page's words (recordOrigin): a copy of a review record imported under its own id is "imported", not the review's
  const origin = recordOrigin(r);
  if (r.user_source) lines.push(`${origin} record (not from the review): ${[r.user_source.doi ? `doi:${r.user_source.doi}` : '', r.user_source.citation ?? ''].filter(Boolean).join('; ')}; stored from ${r.source ?? ''}`);
  else if (origin === 'imported') lines.push(`${origin} record (not one of the review's records; it cites review section ${r.section}, ${sourceText(r)}): stored from ${r.source ?? ''}`);
  else lines.push(`review section ${r.section}; source: ${r.source ?? ''}`);
  lines.push('', 'figures:');
  for (const f of r.figures) {
    const d = figureDisplay(f);
    const val = f.value_to !== undefined ? `${f.value} to ${f.value_to} ${unitWords(f.unit)}` : boundText(f, f.value, f.unit);
    // a converted unit, or the DFT sign of a binding energy the review printed positive
    const conv = d.unit !== f.unit || f.to_dft_sign !== undefined ? ` (= ${d.value}${d.value_to !== undefined ? ' to ' + d.value_to : ''} ${d.unit}${f.to_dft_sign !== undefined ? ' in the DFT sign' : ''})` : '';
    const cond = f.conditions ? Object.entries(f.conditions).map(([k, v]) => `${k}=${v}`).join('; ') : '';
    lines.push(`  ${QUANTITIES[f.quantity]!.label}${f.subject ? ' [' + f.subject + ']' : ''}: ${val}${conv}`
      + `${f.reference ? ' — ' + f.reference : ''}${cond ? ' | ' + cond : ''}${f.ref !== undefined ? ` | ref ${f.ref}` : ''}${f.where ? (f.ref !== undefined ? ', ' : ' | ') + f.where : ''}`);
    if (f.quote !== undefined) lines.push(`      "${f.quote}"`);
  }
  if (norm.length) {
    lines.push('', 'normalised to the standard protocol (3 mAh/cm2 at 3 mA/cm2):');
    for (const n of norm) {
      lines.push(`  lifetime ${n.lower_bound ? 'over ' : ''}${n.lifetime_h} h: ${n.distance.text}`);
      const u = (v: number | null, unit: string) => (v === null ? 'unknown' : `${fmtNum(v)} ${unit}`.trim());
      lines.push(`    capacity per cycle ${u(n.cycled_capacity_per_cycle_mAh_per_cm2, 'mAh/cm2')}, cycle time ${u(n.cycle_time_h, 'h')}, cycles ${u(n.cycles, '')}, cumulative ${u(n.cumulative_capacity_mAh_per_cm2, 'mAh/cm2')}, C-rate ${u(n.c_rate_equivalent_per_h, '1/h')}`);
      if (n.estimate) lines.push(`    ${n.estimate.standard_lifetime_h} h at 3 mA/cm2 — ${n.estimate.label}`);
      for (const note of n.notes) lines.push(`    note: ${note}`);
    }
  }
  lines.push('', 'citations:');
  if (r.user_source) lines.push(`  user-supplied: ${[r.user_source.citation ?? '', r.user_source.doi ? `doi:${r.user_source.doi}` : ''].filter(Boolean).join(' ')}`);
  // the DOI and where it came from (data/literature/_dois.yaml; the review's list gives none)
  for (const c of r.citations) {
    lines.push(`  [${c.number}] ${c.text}${c.doi ? ' doi:' + c.doi : ''}`);
    if (c.doi_source) lines.push(`      doi ${c.doi_source === 'not found' ? 'not found (the searches: data/literature/_dois.yaml)' : c.doi_source}`);
  }
  out(lines.join('\n'));
}

/**
 * `lit normalise --format csv`: one row per lifetime, units in the headers, lower bounds flagged; each model estimate
 * with its method in the row (`model_estimate_method`; until audit32 only the table's stderr said how it was made).
 */
export const NORMALISE_CSV_COLUMNS = ['name', 'record', 'source', 'lifetime_h', 'lower_bound', 'current_density_mA_per_cm2', 'areal_capacity_mAh_per_cm2',
  'cycle_time_h', 'cycles', 'cumulative_capacity_mAh_per_cm2', 'c_rate_equivalent_per_h', 'current_ratio_to_standard', 'capacity_ratio_to_standard',
  'distance_decades', 'vs_standard', 'model_estimate_at_3_mA_per_cm2_h', 'model_estimate_method', 'where', 'notes', 'doi'] as const;

export function litNormalise(o: { metal?: string; format: string; db?: string }): void {
  const { format, ...opts } = o;
  const fmt = checkFormat(format, ['table', 'json', 'csv']);
  const noStore = noStoreLine(o.db);
  const { lifetimes: rows, notNormalised, moved } = normaliseRecords(opts);
  if (noStore) err(noStore);
  sayMoved(moved);
  if (fmt === 'json') return out(JSON.stringify(rows, null, 2));
  if (fmt === 'csv') {
    return out(csvText([...NORMALISE_CSV_COLUMNS], rows.map((n) => [n.name, n.record, n.source, n.lifetime_h, n.lower_bound, n.current_density_mA_per_cm2,
      n.areal_capacity_mAh_per_cm2, n.cycle_time_h, n.cycles, n.cumulative_capacity_mAh_per_cm2, n.c_rate_equivalent_per_h, n.distance.current_ratio,
      n.distance.capacity_ratio, n.distance.decades, n.distance.flag, n.estimate?.standard_lifetime_h ?? null, n.estimate?.label ?? null, n.where, n.notes.join('; '), n.doi])));
  }
  // "over": a lower bound stays one in every column computed from it
  const lb = (n: { lower_bound: boolean }, v: number | null | undefined) => (v === null || v === undefined ? '' : `${n.lower_bound ? '>= ' : ''}${fmtNum(v)}`);
  out(table(['name', 'life (h)', 'j (mA/cm2)', 'Q (mAh/cm2)', 'cycles', 'cumulative (mAh/cm2)', 'C-rate (1/h)', 'vs standard', 'model estimate @3 mA/cm2 (h)', 'source'],
    rows.map((n) => [n.name, lb(n, n.lifetime_h), fmtNum(n.current_density_mA_per_cm2), fmtNum(n.areal_capacity_mAh_per_cm2), lb(n, n.cycles),
      lb(n, n.cumulative_capacity_mAh_per_cm2), fmtNum(n.c_rate_equivalent_per_h), standardCell(n), n.estimate ? `${lb(n, n.estimate.standard_lifetime_h)} (estimate)` : '', n.source])));
  // each row's place in the review (section, figure), its paper's DOI and its notes, under the table: until review51
  // they were in lit show only (the JSON's `figure` is an index among the record's figures), so a reader wanting the
  // figure and DOI of each system took a lit show per record, and a row's note (SAFeNi@LNCP's ambiguous Fig. 7C, Pt
  // SAs/In2S3/Ti3C2's duration that is no end of life) was in the JSON and CSV only
  if (rows.length) {
    out('\nwhere each record\'s lifetimes are in its source, the DOI of its paper, and its notes:');
    // one line per record, not per lifetime (review69: a user record's three lifetimes repeated its line three times); a
    // record's lifetimes in different places name each place once, and a note that is not every lifetime's names its own
    const byRecord = new Map<string, typeof rows>();
    for (const n of rows) { const k = `${n.record}\u0000${n.name}`; byRecord.set(k, [...(byRecord.get(k) ?? []), n]); }
    for (const group of byRecord.values()) {
      const n = group[0]!;
      const wheres = [...new Set(group.map((x) => x.where ?? '').filter(Boolean))];
      const place = [n.source, wheres.join(' / ')].filter(Boolean).join(', ');
      // audit70b: a user record's source is its DOI already ("user doi:10.1016/..."): it read "user doi:X; doi:X"
      const doi = n.doi ? (n.source.includes(`doi:${n.doi}`) ? '' : `; doi:${n.doi}`) : /review ref/.test(n.source) ? '; doi not found (data/literature/_dois.yaml)' : '; no doi given';
      out(`  ${n.name}: ${place}${doi}`);
      // "... not reported with this lifetime" is what the empty j or Q cell and "incomplete" already say
      const notesOf = (x: typeof n) => x.notes.filter((t) => !/ not reported with this lifetime$/.test(t));
      const seen = new Set<string>();
      for (const x of group) {
        for (const note of notesOf(x)) {
          const all = group.every((y) => notesOf(y).includes(note));
          const text = all ? note : `${lb(x, x.lifetime_h)} h: ${note}`;
          if (seen.has(text)) continue;
          seen.add(text);
          out(`    note: ${text}`);
        }
      }
    }
  }
  if (rows.some((n) => n.lower_bound)) err('>= : the source gives that lifetime as "over N h", a lower bound (or "even after N h": the cell still cycling then); what is computed from it is a lower bound too');
  const whose = (by: string) => {
    const names = notNormalised.filter((x) => x.by === by).map((x) => x.name);
    return names.length ? `the lifetime${names.length > 1 ? 's' : ''} of ${names.join(', ')}, whose cell type ${by} does not state` : '';
  };
  const notStated = [whose('the review'), whose('its source')].filter(Boolean);
  if (notStated.length) err(`not normalised: ${notStated.join('; ')} (not known to be a symmetric cell; lit show)`);
  err('model estimates assume life is limited by cumulative charge; they are not measurements');
}

export function litExport(o0: { format: string; metal?: string; out?: string; db?: string }): void {
  refuseEmptyPath('--out', o0.out, 'a file path');
  const o = { ...o0, out: fileOrStdout(o0.out) };
  const fmt = checkFormat(o.format, ['csv', 'json', 'bibtex']) as 'csv' | 'json' | 'bibtex';
  refuseOtherFormatName('--out', o.out, fmt, { csv: '.csv', json: '.json', bibtex: '.bib' });
  const noStore = noStoreLine(o.db);
  const { text, records, moved } = exportRecords({ format: fmt, metal: o.metal, db: o.db });
  if (noStore) err(noStore);
  sayMoved(moved);
  if (o.out) {
    try { writeFileSync(o.out, text); } catch (e) { throw new FileError(o.out, `cannot write: ${fsReason(e)}`); }
    err(`wrote ${plural(records, 'record')} to ${o.out}`);
  } else out(text);
}

/** Ids shown on one stderr line before "and N more": a re-import of a large file named them all, a line of thousands of characters. */
export const IDS_ON_STDERR = 5;

/** "a, b, c", or the first IDS_ON_STDERR and "and 995 more; all in the output's "key"": the full list is in the JSON lit import prints. */
function fewIds(ids: readonly string[], key: string): string {
  if (ids.length <= IDS_ON_STDERR) return ids.join(', ');
  return `${ids.slice(0, IDS_ON_STDERR).join(', ')} and ${ids.length - IDS_ON_STDERR} more; all in the output's "${key}"`;
}

export function litImport(file: string, o: { format?: string; db?: string }): void {
  if (o.format) checkFormat(o.format, ['csv', 'json', 'yaml']);
  const rep = importFile(file, o);
  sayMoved(rep.moved);
  out(JSON.stringify({ file, records: rep.records, changed: rep.changed, ...(rep.updated.length ? { updated: rep.updated } : {}),
    ...(rep.same_as_review.length ? { same_as_review: rep.same_as_review } : {}) }));
  if (rep.updated.length) err(`updated your earlier import of ${fewIds(rep.updated, 'updated')} (same id)`);
  if (rep.same_as_review.length) err(`skipped ${rep.same_as_review.length} record(s) identical to the review's (${fewIds(rep.same_as_review, 'same_as_review')}): the review's records are always in the store`);
}

export function litVerify(o: { review?: string }): void {
  refuseEmptyPath('--review', o.review, 'a file path');
  const file = o.review ?? join(sharedDir(), 'seed', '000_761d9a0e1df2534e.txt');
  let raw: string;
  try { raw = readFileSync(file, 'utf8'); } catch { throw new FileError(file, 'review text not found (use --review or SACPLATE_SHARED)'); }
  const lit = loadLiterature();
  const exFile = join(literatureDir(), '_review_numbers.yaml');
  const ex = parseDataText(readFileSync(exFile, 'utf8'), exFile) as Exclusion[];
  const rep = verifyRecords(lit.records, raw, ex);
  out(JSON.stringify({ records: lit.records.length, figures: rep.figuresChecked, numbers_in_sections_3_4: rep.numbersInSections, numbers_accounted_for: rep.numbersCovered, problems: rep.problems }, null, 2));
  if (rep.problems.length) process.exitCode = 1;
}

/** The CSV's source columns: the column, the criterion whose source it is (src/cite/citations.ts elementSource, as a screen's report cites them). */
const ELEMENT_SOURCE_COLUMNS = [['abundance_source', 'abundance'], ['price_source', 'price'], ['hhi_source', 'hhi'], ['hazard_flag_sources', 'toxicity']] as const;

/**
 * The sources under the `elements` table, numbered as `lit show` numbers its citations: abundance, price, HHI, and each
 * listed element's cited hazard flags; then the data folder's SOURCES.md (until mends40 neither table nor CSV had any).
 */
function elementSourcesText(rows: { symbol: string; hazard_flags: { label: string; citation: string }[] }[], sourcesFile: string): string {
  const what: [string, string][] = [['abundance (mg/kg)', 'abundance'], ['price (USD/kg)', 'price'], ['HHI prod, HHI res', 'hhi']];
  const lines = what.map(([col, criterion]) => {
    const { source, refs } = elementSource(criterion, { hazardFlags: [] });
    // the work to cite when the text names only its carrier ("via mendeleev elements.db")
    return `${col}: ${source}${refs.filter((x) => !source.includes(x)).map((x) => `; cite ${x}`).join('')}`;
  });
  // each flag by the table's short label
  for (const r of rows) for (const f of r.hazard_flags) lines.push(`hazard ${r.symbol} ${f.label.split(':')[0]!.replace(/ \(.*$/, '')}: ${f.citation}`);
  return ['sources:', ...lines.map((l, i) => `  [${i + 1}] ${l}`), `  (the data files and their licences: ${sourcesFile}; "-" hazard: no cited flag, data/toxicity/toxicity.yaml)`].join('\n');
}

/** "Fe was given 3 times (Fe, fe, FE); it is listed once", one per element given more than once (`symbols` as given, `listed` the rows' symbols in order) */
function repeatedSymbolNotes(symbols: string[], listed: string[]): string[] {
  // a symbol as given maps to its row as getElements reads it (as written, or capitalised)
  const of = (s: string) => listed.find((x) => x === s) ?? listed.find((x) => x === s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
  return listed.flatMap((sym) => {
    const given = symbols.filter((s) => of(s) === sym);
    return given.length > 1 ? [`${sym} was given ${given.length} times (${given.join(', ')}); it is listed once`] : [];
  });
}

export function elements(symbols: string[], o: { sustainability?: boolean; weights?: string; format: string }): void {
  const { format, ...opts } = o;
  const fmt = checkFormat(format, ['table', 'json', 'csv']);
  if (o.weights !== undefined && !o.sustainability) throw new InputError('--weights', o.weights, '--sustainability as well (the weights are the sustainability score\'s; without it no score is computed)');
  // "Fe,Co" or "Fe Co" in one argument, as users paste them
  const list = symbolList(symbols);
  if (list.length === 0) throw new InputError('symbols', symbols.join(' '), 'element symbols, e.g. "Fe Co" or "Fe,Co"');
  const data = elementData(list, opts);
  const rows = data.elements;
  // the table's stderr notes, for a reader of the JSON: review69's toxicity note as the screen's elements stage words it
  // (mends87; an empty list when there is none to say, as without --sustainability). The CSV stays header and rows: the
  // package's CSV reader (src/io/csv.ts parseCsv) has no comment lines, a "#" line would read as a row; its notes go to
  // stderr, as the table's (mends89: until then the CSV had none)
  const notes = o.sustainability && data.weights ? toxicityInversionNotes(rows.map((r) => r.symbol), data.weights) : [];
  // mends62b (robust62): `elements Fe Fe Fe` listed Fe once without a word; the repeat said (the table's stderr, the JSON's notes)
  notes.unshift(...repeatedSymbolNotes(list, rows.map((r) => r.symbol)));
  if (fmt === 'json') return out(JSON.stringify({ ...data, notes }, null, 2));
  if (fmt === 'csv') {
    for (const n of notes) err(`note: ${n}`);
    // units in the headers; a criterion without data is empty (as n/a in the table), hazards by label; each
    // column's source in a source column, as lit normalise's CSV carries a row's (until mends40 none was given),
    // last: the columns before keep their places
    const head = ['symbol', 'name', 'atomic_weight_g_per_mol', 'crust_abundance_mg_per_kg', 'price_usd_per_kg', 'hhi_production_0_to_10000', 'hhi_reserve_0_to_10000', 'hazard_flags',
      ...(o.sustainability ? ['sustainability_score_0_to_1', ...CRITERIA.flatMap((c) => [`${c}_score_0_to_1`, `${c}_contribution_to_score`])] : []),
      ...ELEMENT_SOURCE_COLUMNS.map(([col]) => col)];
    return out(csvText(head, rows.map((r) => [r.symbol, r.name, r.atomic_weight, r.abundance_mg_per_kg, r.price_usd_per_kg, r.hhi_production, r.hhi_reserve,
      r.hazard_flags.map((f) => f.label).join('; '),
      ...(r.sustainability ? [r.sustainability.total, ...CRITERIA.flatMap((c) => {
        const b = r.sustainability!.breakdown.find((x) => x.criterion === c);
        return b && b.score !== null ? [b.score, b.contribution] : [null, null];
      })] : []),
      ...ELEMENT_SOURCE_COLUMNS.map(([, criterion]) => (criterion === 'toxicity' && r.hazard_flags.length === 0 ? null : elementSource(criterion, { hazardFlags: r.hazard_flags }).source))])));
  }
  const header = ['el', 'abundance (mg/kg)', 'price (USD/kg)', 'HHI prod', 'HHI res', 'hazard (cited)'];
  if (o.sustainability) header.push('score', ...CRITERIA.map((c) => `${c}`));
  out(table(header, rows.map((r) => {
    const base = [r.symbol, fmtNum(r.abundance_mg_per_kg), fmtNum(r.price_usd_per_kg), fmtNum(r.hhi_production), fmtNum(r.hhi_reserve),
      r.hazard_flags.length ? r.hazard_flags.map((f) => f.label.split(':')[0]!.replace(/ \(.*$/, '')).join('; ') : '-'];
    if (r.sustainability) {
      base.push(r.sustainability.total.toFixed(3), ...r.sustainability.breakdown.map((b) => b.score === null ? 'n/a' : `${b.score.toFixed(2)}→${b.contribution.toFixed(3)}`));
    }
    return base;
  })));
  out(elementSourcesText(rows, data.sources));
  if (o.sustainability) err(`score = sum of weight share x criterion score (0..1, 1 = best); weights ${JSON.stringify(data.weights)}; "-" hazard means no cited flag: unknown, scored 0 on toxicity (worst case), not "safe"`);
  // a criterion without data drops out and the others share its weight: that lifts the score of
  // an element nobody has data for (Tc: price only, 0 -> scored on price and toxicity), so say it
  const gaps = rows.filter((r) => r.sustainability && r.sustainability.missing.length > 0);
  if (gaps.length) err(`n/a: no data for that criterion; it is left out of the score and the other criteria share its weight (${gaps.map((r) => `${r.symbol}: ${r.sustainability!.missing.join(', ')}`).join('; ')})`);
  // a cited hazard that ranks above an unassessed element only through the toxicity weight, as the screen's elements
  // stage says it (review69's note; until mends84 this command, where the weights are tried, did not)
  for (const n of notes) err(`note: ${n}`);
}

export function printAnodeCapacity(raw: Record<string, string | string[] | undefined>): void {
  // quantities may be given quoted ("2 mg/cm2") or as separate words (2 mg/cm2)
  const o: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(raw)) o[k] = Array.isArray(v) ? v.join(' ') : v;
  const { format, ...opts } = o;
  const fmt = checkFormat(format ?? 'text', ['text', 'json']);
  const res = anodeSideCapacity(opts as unknown as Parameters<typeof anodeSideCapacity>[0]);
  if (fmt === 'json') return out(JSON.stringify(res, null, 2));
  const m = res.masses_mg_per_cm2;
  out([
    `${res.metal}: theoretical ${res.metalTheoretical_mAh_per_g.toFixed(1)} mAh/g (F / (3.6 x ${res.molarMass_g_mol}))`,
    `capacity ${res.capacity_mAh_per_cm2.toPrecision(5)} mAh/cm2 (from ${res.capacitySource})`,
    `masses (mg/cm2): metal ${fmtNum(m.metal)}, host support ${fmtNum(m.host_support)}, SAC ${fmtNum(m.sac)}, binder ${fmtNum(m.binder)}, collector ${fmtNum(m.collector)}, other ${fmtNum(m.other)}; total ${fmtNum(m.total)}`,
    `whole anode: ${res.wholeAnode_mAh_per_g.toFixed(1)} mAh/g   (metal only: ${res.metalOnly_mAh_per_g.toFixed(1)} mAh/g; inactive mass ${(100 * res.inactiveFraction).toFixed(1)}%)`,
  ].join('\n'));
}
