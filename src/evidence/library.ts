/**
 * The evidence base for a library caller and for the CLI's `lit list|show|normalise|import`,
 * `elements` and `anode-capacity` (cli/actions/evidence.ts prints what these return): plain
 * objects in, plain objects out, numbers with their unit in their names. The package entry exports
 * `literature` (list, show, normalise, exportText, importFile), `elements` and `anodeCapacity` (at the end of
 * this file) through withOptionNames, so that a mistake names the option a script wrote (`sacElement`); the CLI calls
 * the same functions and its errors name the flag (`--sac-element`).
 *
 * The records live in the store (a file path; default the CLI's, SACPLATE_DB or
 * ~/.sacplate/sacplate.db): the review's records are synced into it on every call, a user's
 * imported ones are kept there. A user's record whose id the review's records now take is moved
 * to a free id and reported in `moved` (the CLI prints it).
 */
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, withOptionNames } from '../args.js';
import { withStore, withStoreToRead, type Store } from '../store/index.js';
import { loadLiterature, type ReviewInfo } from './records.js';
import { isOwnFigure, type LitRecord } from './schema.js';
import { findRecord, parseRange, queryRecords, resolveQuantityKey, type LitQuery } from './query.js';
import { normaliseRecord, type Normalised } from './normalise.js';
import { readImportFile, toBibtex, toCsv, toJson } from './io.js';
import { importRecords, storedRecords, syncLiterature, type SyncReport } from './sync.js';
import { CRITERIA, DEFAULT_WEIGHTS, distinctElements, parseWeights, sustainabilityScore, type SustainabilityScore, type Weights } from './elements.js';
import { anodeCapacity as capacityOf, anodeInputFromStrings, type AnodeCapacityResult } from './capacity.js';
import { elementsDir } from './paths.js';

/** Records moved to a free id by this call's sync (a user's record whose id a review record now takes). */
export type MovedRecords = SyncReport['moved'];


/** Syncs the repository's records into the store and returns all stored records. */
export function litRecords(store: Store): { records: LitRecord[]; review: ReviewInfo; moved: MovedRecords } {
  const lit = loadLiterature();
  const { moved } = syncLiterature(store, lit);
  return { records: storedRecords(store), review: lit.review, moved };
}

/** The options map `o` of `owner`, with only `keys`, each of them text when given (db, metal, ...) except those in `other`. */
function options(o: unknown, keys: readonly string[], owner: string, other: readonly string[] = []): Record<string, unknown> {
  if (o === undefined) return {};
  if (!isMap(o)) throw new InputError('options', o, `a map of options (${keys.join(', ')})`);
  plainOptionsArg('options', o, `{ ${keys.join(', ')} }`);
  refuseUnknownKeys('options', o, keys, { word: 'option', owner: `${owner} takes` });
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || other.includes(k) || (typeof v === 'string' && v.trim() !== '')) continue;
    // robust62: `lit list --metal ""` said `metal: got "", expected text` (the library's name, and "" is text); the flag
    // here (the library's wrapper names its option), and what the option takes
    const flag = `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new InputError(flag, v, k === 'db' ? 'a store file path (text)' : k === 'metal' ? 'Li, Na or K (or leave it out for every metal)'
      : k === 'format' ? (owner === 'literature.importFile' ? 'csv | json | yaml' : 'csv | json | bibtex') : 'a non-empty text (or leave it out for no filter)');
  }
  return o;
}

export interface LiteratureListOptions {
  /** Li, Na or K */
  metal?: string;
  /** a SAC element, e.g. 'Co' */
  sacElement?: string;
  /** substring of the support description, e.g. 'N-doped' */
  support?: string;
  /** coating | 3D host | host | separator layer | substrate | interlayer | unspecified */
  architecture?: string;
  /** substring of name, aliases, support, coordination or notes */
  text?: string;
  /** records with an own figure in each range, 'quantity=min:max', e.g. 'nucleation_overpotential=0:20' (mV unless a unit is given) */
  range?: string[];
  /** name | metal | id | a quantity (optionally with its unit suffix, nucleation_overpotential_mV); default metal */
  sort?: string;
  /** sort descending */
  desc?: boolean;
  /** the store file (default the CLI's) */
  db?: string;
}
const LIST_KEYS = ['metal', 'sacElement', 'support', 'architecture', 'text', 'range', 'sort', 'desc', 'db'] as const;

export interface LiteratureList {
  /** the records that pass the filters, sorted */
  records: LitRecord[];
  /** how many records the store holds */
  total: number;
  /** the review the records come from (citation, doi) */
  review: ReviewInfo;
  /** the quantities the call sorts and filters by (the sort's first, each once): the CLI's table shows them as columns */
  quantities: string[];
  moved: MovedRecords;
}

/** The literature records that pass the filters (`sacplate lit list`). */
export function listRecords(o: LiteratureListOptions = {}): LiteratureList {
  const opts = options(o, LIST_KEYS, 'literature.list', ['range', 'desc']) as LiteratureListOptions;
  if (opts.range !== undefined && !(Array.isArray(opts.range) && opts.range.every((r) => typeof r === 'string'))) throw new InputError('--range', opts.range, 'a list of "quantity=min:max" texts');
  if (opts.desc !== undefined && typeof opts.desc !== 'boolean') throw new InputError('--desc', opts.desc, 'true or false');
  const ranges = (opts.range ?? []).map((r) => parseRange(r));
  const sortQuantity = opts.sort && !['name', 'metal', 'id'].includes(opts.sort) ? resolveQuantityKey(opts.sort, '--sort', 'name, metal, id or a quantity: ') : undefined;
  return withStoreToRead(opts.db, (store) => {
    const { records, review, moved } = litRecords(store);
    const q: LitQuery = { ranges, sort: opts.sort ?? 'metal' };
    for (const k of ['metal', 'sacElement', 'support', 'architecture', 'text'] as const) if (opts[k]) q[k] = opts[k];
    if (opts.desc) q.descending = true;
    const quantities = [...new Set([...(sortQuantity ? [sortQuantity] : []), ...ranges.map((r) => r.quantity)])];
    return { records: queryRecords(records, q), total: records.length, review, quantities, moved };
  });
}

/** One record (by id, name or alias) with its lifetimes normalised to the standard protocol (`sacplate lit show`). */
export function showRecord(name: string, o: { db?: string } = {}): { record: LitRecord; normalised: Normalised[]; moved: MovedRecords } {
  if (typeof name !== 'string' || name.trim() === '') throw new InputError('name', name, 'a record\'s id, name or alias, e.g. "SA-Co@HC"');
  const opts = options(o, ['db'], 'literature.show') as { db?: string };
  return withStoreToRead(opts.db, (store) => {
    const { records, moved } = litRecords(store);
    const record = findRecord(records, name);
    return { record, normalised: normaliseRecord(record), moved };
  });
}

/** One normalised lifetime of a record (Normalised) with the record's name. */
export type NormalisedLifetime = Normalised & { name: string };

export interface LiteratureNormalised {
  /** one row per symmetric-cell lifetime, records by metal */
  lifetimes: NormalisedLifetime[];
  /** records with a lifetime of a cell not known to be symmetric, not normalised; `by`: who does not state the cell */
  notNormalised: { name: string; by: 'the review' | 'its source' }[];
  moved: MovedRecords;
}

/** Symmetric-cell lifetimes normalised to the review's standard protocol, 3 mAh/cm2 at 3 mA/cm2 (`sacplate lit normalise`). */
export function normaliseRecords(o: { metal?: string; db?: string } = {}): LiteratureNormalised {
  const opts = options(o, ['metal', 'db'], 'literature.normalise') as { metal?: string; db?: string };
  return withStoreToRead(opts.db, (store) => {
    const { records, moved } = litRecords(store);
    const hits = queryRecords(records, opts.metal ? { metal: opts.metal, sort: 'metal' } : { sort: 'metal' });
    const lifetimes = hits.flatMap((r) => normaliseRecord(r).map((n) => ({ name: r.name, ...n })));
    // a user's record's cell is its source's to state, not the review's
    const notNormalised = hits.filter((r) => r.figures.some((f) => f.quantity === 'cycling_lifetime' && isOwnFigure(f)))
      .map((r) => ({ name: r.name, by: r.user_source ? 'its source' as const : 'the review' as const }));
    return { lifetimes, notNormalised, moved };
  });
}

/** The records (all, or one metal's) as csv, json or BibTeX text (`sacplate lit export`): what importFile reads back. */
export function exportRecords(o: { format: 'csv' | 'json' | 'bibtex'; metal?: string; db?: string }): { text: string; records: number; moved: MovedRecords } {
  const opts = options(o, ['format', 'metal', 'db'], 'literature.exportText') as { format?: string; metal?: string; db?: string };
  if (!['csv', 'json', 'bibtex'].includes(opts.format ?? '')) throw new InputError('--format', opts.format, 'csv | json | bibtex');
  const { records, review, moved } = listRecords(opts.metal === undefined ? { db: opts.db } : { metal: opts.metal, db: opts.db });
  const text = opts.format === 'csv' ? toCsv(records) : opts.format === 'json' ? toJson(records, review) : toBibtex(records, review);
  return { text, records: records.length, moved };
}

export interface LiteratureImport {
  file: string;
  /** records read from the file */
  records: number;
  /** records added or changed in the store */
  changed: number;
  /** ids of the caller's earlier imports this one replaced */
  updated: string[];
  /** ids of records identical to the review's, skipped */
  same_as_review: string[];
  moved: MovedRecords;
}

/** Imports records (csv or json as exported, or yaml record files) into the store (`sacplate lit import`). */
export function importFile(file: string, o: { format?: string; db?: string } = {}): LiteratureImport {
  if (typeof file !== 'string' || file.trim() === '') throw new InputError('file', file, 'a csv, json or yaml file of records');
  const opts = options(o, ['format', 'db'], 'literature.importFile') as { format?: string; db?: string };
  if (opts.format !== undefined && !['csv', 'json', 'yaml'].includes(opts.format)) throw new InputError('--format', opts.format, 'csv | json | yaml');
  const recs = readImportFile(file, opts.format);
  return withStore(opts.db, (store) => {
    const { moved } = litRecords(store);
    const rep = importRecords(store, recs, file);
    return { file, records: recs.length, changed: rep.changed, updated: rep.updated, same_as_review: rep.same_as_review, moved };
  });
}

/** One element's data as `elements` gives it (units in the names; null where the data has no value). */
export interface ElementRow {
  symbol: string;
  name: string;
  atomic_weight: number;
  abundance_mg_per_kg: number | null;
  price_usd_per_kg: number | null;
  hhi_production: number | null;
  hhi_reserve: number | null;
  hazard_flags: { label: string; citation: string }[];
  sustainability?: SustainabilityScore;
}

export interface ElementsOptions {
  /** add the sustainability score with its breakdown, best first */
  sustainability?: boolean;
  /** criterion weights, { abundance, price, hhi, toxicity } (each 1 unless given) or the CLI's "abundance=1,toxicity=2" */
  weights?: Partial<Weights> | string;
}

/** Element data for a SAC choice: abundance, price, supply concentration (HHI), cited hazard flags (`sacplate elements`). */
export function elementData(symbols: string[], o: ElementsOptions = {}, weightsField = '--weights'): { weights?: Weights; elements: ElementRow[]; sources: string } {
  if (!Array.isArray(symbols) || symbols.length === 0 || !symbols.every((s) => typeof s === 'string')) throw new InputError('symbols', symbols, 'a list of element symbols, e.g. ["Co", "Zn"]');
  const opts = options(o, ['sustainability', 'weights'], 'elements', ['sustainability', 'weights']) as ElementsOptions;
  if (opts.sustainability !== undefined && typeof opts.sustainability !== 'boolean') throw new InputError('--sustainability', opts.sustainability, 'true or false');
  const weights = weightsOf(opts.weights, weightsField);
  // an unknown symbol is named under `symbols`, as the command's usage, its missing-argument line and a wrong type name them
  const rows: ElementRow[] = distinctElements(symbols, 'symbols').map((e) => ({ // `elements Co Co` listed Co twice
    symbol: e.symbol, name: e.name, atomic_weight: e.atomicWeight, abundance_mg_per_kg: e.abundance_mg_per_kg ?? null,
    price_usd_per_kg: e.price_usd_per_kg ?? null, hhi_production: e.hhiProduction ?? null, hhi_reserve: e.hhiReserve ?? null,
    hazard_flags: e.hazardFlags, ...(opts.sustainability ? { sustainability: sustainabilityScore(e, weights) } : {}),
  }));
  if (opts.sustainability) rows.sort((a, b) => b.sustainability!.total - a.sustainability!.total);
  return { ...(opts.sustainability ? { weights } : {}), elements: rows, sources: join(elementsDir(), 'SOURCES.md') };
}

/** The weights option: the CLI's text (`--weights price`) or the library's text or map (`weights.price`, the dotted path a
 * screen file's weights: names; mends69: the library said `weights price`). */
function weightsOf(w: unknown, field: string): Weights {
  if (w === undefined || typeof w === 'string') return parseWeights(w, field);
  if (!isMap(w)) throw new InputError('--weights', w, `a map of criterion weights (${CRITERIA.join(', ')}), e.g. { toxicity: 2 }`);
  refuseUnknownKeys('weights', w, CRITERIA, { word: 'criterion', owner: 'criteria:' });
  const out: Weights = { ...DEFAULT_WEIGHTS };
  for (const c of CRITERIA) {
    const v = w[c];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !(Number.isFinite(v) && v >= 0)) throw new InputError(`weights.${c}`, v, 'a number >= 0');
    out[c] = v;
  }
  return out;
}

/** The anode side's masses as `anodeCapacity` takes them: each a quantity with its unit, e.g. '2 mg/cm2', '3 mAh/cm2', '1.2 wt%'. */
export interface AnodeCapacityOptions {
  metal: string;
  metalMass?: string;
  /** capacity actually cycled (default: all of the metal) */
  cycledCapacity?: string;
  /** host mass per area including its SAC atoms */
  hostMass?: string;
  /** SAC share of the host mass */
  sacLoading?: string;
  binderMass?: string;
  collectorMass?: string;
  otherMass?: string;
}
const CAPACITY_KEYS = ['metal', 'metalMass', 'cycledCapacity', 'hostMass', 'sacLoading', 'binderMass', 'collectorMass', 'otherMass'] as const;

/** Gram capacity of the whole anode side: metal + host + SAC + binder + collector (`sacplate anode-capacity`). */
export function anodeSideCapacity(o: AnodeCapacityOptions): AnodeCapacityResult {
  if (!isMap(o)) throw new InputError('options', o, 'a map: { metal, metalMass, cycledCapacity, hostMass, sacLoading, binderMass, collectorMass, otherMass }');
  plainOptionsArg('options', o, '{ metal, metalMass, cycledCapacity, hostMass, sacLoading, binderMass, collectorMass, otherMass }');
  return capacityOf(anodeInputFromStrings(options(o, CAPACITY_KEYS, 'anodeCapacity') as unknown as AnodeCapacityOptions));
}

/** The CLI flags the evidence base's hints name, as a script writes literature's options: a store that is
 * no database ("pass --db with another path") and an import file of no known format ("use --format csv|json|yaml"). */
const LITERATURE_OPTION_WORDS = { '--db': 'db', 'use --format': 'use format' };

/** The package entry's names: the functions above, their errors naming the options as a script writes them. */
export const literature = {
  /** the records that pass the filters (`sacplate lit list`) */
  list: (o?: LiteratureListOptions): LiteratureList => withOptionNames(() => listRecords(o), {}, LITERATURE_OPTION_WORDS),
  /** one record by id, name or alias, with its normalised lifetimes (`sacplate lit show`) */
  show: (name: string, o?: { db?: string }): ReturnType<typeof showRecord> => withOptionNames(() => showRecord(name, o), {}, LITERATURE_OPTION_WORDS),
  /** lifetimes normalised to 3 mAh/cm2 at 3 mA/cm2 (`sacplate lit normalise`) */
  normalise: (o?: { metal?: string; db?: string }): LiteratureNormalised => withOptionNames(() => normaliseRecords(o), {}, LITERATURE_OPTION_WORDS),
  /** the records as csv, json or BibTeX text (`sacplate lit export`) */
  exportText: (o: { format: 'csv' | 'json' | 'bibtex'; metal?: string; db?: string }): ReturnType<typeof exportRecords> => withOptionNames(() => exportRecords(o), {}, LITERATURE_OPTION_WORDS),
  /** records from a csv, json or yaml file into the store (`sacplate lit import`) */
  importFile: (file: string, o?: { format?: string; db?: string }): LiteratureImport => withOptionNames(() => importFile(file, o), {}, LITERATURE_OPTION_WORDS),
};

/** Element data and sustainability scores (`sacplate elements`). */
export function elements(symbols: string[], o?: ElementsOptions): ReturnType<typeof elementData> {
  return withOptionNames(() => elementData(symbols, o, 'weights'));
}

/** Gram capacity of the whole anode side (`sacplate anode-capacity`). */
export function anodeCapacity(o: AnodeCapacityOptions): AnodeCapacityResult {
  return withOptionNames(() => anodeSideCapacity(o), {}, { '--cycled-capacity': 'cycledCapacity' });
}
