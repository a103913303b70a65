/**
 * The Evidence page's queries: literature records (src/evidence, the repository's data files, and
 * the records a user imported into the workbench's store with `sacplate lit import`), element data with sustainability scores, and the gram capacity of a whole anode. Query-string
 * values go through the same parsers as the CLI's options, so a mistake gives the same line.
 */
import { InputError } from '../errors.js';
import {
  anodeCapacity, anodeInputFromStrings, atText, cellNotStated, displayValue, distinctElements, isOwnFigure, loadLiterature, parseRange, parseWeights,
  normaliseRecord, queryRecords, QUANTITIES, recordOrigin, resolveQuantityKey, sourceText, sustainabilityScore, symbolList, toBibtex, toCsv, type LitQuery, type LitRecord,
} from '../evidence/index.js';

import { STANDARD_ESTIMATE_KEY } from './page-readings.js';

let cache: ReturnType<typeof loadLiterature> | undefined;
const literature = () => (cache ??= loadLiterature());

/** Figures shown as columns on the Evidence page (display units). */
export const EVIDENCE_COLUMNS = ['nucleation_overpotential', 'overpotential', 'symmetric_lifetime', 'average_ce'].filter((k) => k in QUANTITIES);

/**
 * The Evidence page's column beside the raw lifetime (mends113, review85 M6: the page sorted raw hours measured at 0.5 to
 * 10 mA/cm2): the lifetime of the column's figure (the record's first own symmetric lifetime) at the review's standard
 * protocol, 3 mAh/cm2 at 3 mA/cm2, as `sacplate lit normalise` estimates it (src/evidence/normalise.ts: the hours at 3
 * mA/cm2 that pass the same cumulative charge). `?sort=` takes its key.
 */
export { STANDARD_ESTIMATE_KEY };

/** The column's value of a record: lit normalise's estimate of the lifetime the page shows, null where it has none. */
export function standardEstimate(r: LitRecord): { value_h: number; lower_bound: boolean; method: string } | null {
  const i = r.figures.findIndex((f) => f.quantity === 'symmetric_lifetime' && isOwnFigure(f));
  const n = i < 0 ? undefined : normaliseRecord(r).find((x) => x.figure === i);
  return n?.estimate ? { value_h: n.estimate.standard_lifetime_h, lower_bound: n.lower_bound, method: n.estimate.label } : null;
}

function row(r: LitRecord) {
  const figures: Record<string, number | null> = {};
  for (const k of EVIDENCE_COLUMNS) figures[k] = displayValue(r, k) ?? null;
  return {
    id: r.id, name: r.name, metal: r.metal, sac_elements: r.sac_elements, support: r.support, architecture: r.architecture,
    coordination: r.coordination ?? null, section: r.section, refs: r.refs, figures,
    // "review ref 58" or "user doi:..." (a user's own record, imported into the store)
    source: sourceText(r), user_source: r.user_source ?? null,
    // imported into the store with `lit import` (user_source or not): not one of the review's records
    imported: recordOrigin(r) !== 'review',
    // "review", "user-supplied" or "imported": the page's mark, in lit show's words (sync.ts recordOrigin)
    origin: recordOrigin(r),
    // the cell of a column's figure where the review names none (SA-Co@HC's 3 mV)
    cell_not_stated: EVIDENCE_COLUMNS.filter((k) => { const f = r.figures.find((x) => x.quantity === k && isOwnFigure(x)); return f !== undefined && cellNotStated(f); }),
    // the current (and capacity) a column's figure was measured at, as lit list sets it after the number: " @ 0.5 mA/cm2"
    // (the page showed CoSA@NC's 11.5 mV and every lifetime without it until mends56); a figure without one: no key
    at: Object.fromEntries(EVIDENCE_COLUMNS.flatMap((k) => { const f = r.figures.find((x) => x.quantity === k && isOwnFigure(x)); const t = f ? atText(f) : ''; return t ? [[k, t]] : []; })) as Record<string, string>,
    // lower_bound: the review gives "over N" (the column's value is then a lower bound too)
    lower_bounds: EVIDENCE_COLUMNS.filter((k) => r.figures.find((f) => f.quantity === k && isOwnFigure(f))?.lower_bound === true),
    // lit normalise's estimate of the lifetime column's figure at the standard protocol (mends113), or null
    standard_estimate: standardEstimate(r),
    own_figures: r.figures.filter(isOwnFigure).map((f) => ({ quantity: f.quantity, value: f.value, value_to: f.value_to ?? null, unit: f.unit, lower_bound: f.lower_bound === true, ref: f.ref })),
    // doi_source: where the DOI came from (data/literature/_dois.yaml), or "not found"
    citations: r.citations.map((c) => ({ ref: c.number, doi: c.doi ?? null, doi_source: c.doi_source ?? null, text: `${c.authors.split(',')[0]}, ${c.journal} ${c.year}${c.volume ? ', ' + c.volume : ''}${c.pages ? ', ' + c.pages : ''}` })),
  };
}

/** The CLI's parsers name their flags (--metal-mass); over HTTP the field is the query parameter (metal_mass). */
function asQuery<T>(f: () => T): T {
  try { return f(); } catch (e) {
    // the field and any other flag the message points to ("... or --cycled-capacity") as query parameters
    const param = (flag: string) => flag.slice(2).replace(/-/g, '_');
    if (e instanceof InputError && e.field.startsWith('--')) throw new InputError(param(e.field), e.value, e.expected.replace(/--[a-z][a-z-]*/g, param));
    throw e;
  }
}

/** The query parameters each route reads (app.ts refuses any other). */
export const EVIDENCE_QUERY = ['metal', 'sac_element', 'support', 'architecture', 'text', 'range', 'sort', 'desc'] as const;
export const ELEMENTS_QUERY = ['symbols', 'weights'] as const;
export const CAPACITY_QUERY = ['metal', 'metal_mass', 'cycled_capacity', 'host_mass', 'sac_loading', 'binder_mass', 'collector_mass', 'other_mass'] as const;

/**
 * `imported`: the user's records from the workbench's store (`importedRecords`; none without a
 * store). Until loose9 the page showed only the review's records, whatever the store held.
 */
export function evidenceQuery(q: Record<string, string | undefined>, imported: LitRecord[] = []) {
  return asQuery(() => evidenceQueryOf(q, imported));
}

/** The records the page shows for `q` (its filters and sort), over the review's and the imported ones. */
function evidenceHits(q: Record<string, string | undefined>, imported: LitRecord[]) {
  const review = literature();
  // a user record under a review id (a store from before loose9, until a lit command's sync moves it) is shown too
  const lit = { review: review.review, records: [...review.records, ...imported] };
  const lq: LitQuery = {};
  if (q.metal) lq.metal = q.metal;
  if (q.sac_element) lq.sacElement = q.sac_element;
  if (q.support) lq.support = q.support;
  if (q.architecture) lq.architecture = q.architecture;
  if (q.text) lq.text = q.text;
  if (q.range) lq.ranges = q.range.split(';').filter(Boolean).map((r) => parseRange(r, 'range'));
  lq.sort = q.sort || 'metal';
  const byStandard = lq.sort === STANDARD_ESTIMATE_KEY;
  if (byStandard) lq.sort = 'name';
  else if (!['name', 'metal', 'id'].includes(lq.sort)) resolveQuantityKey(lq.sort, 'sort', `name, metal, id, ${STANDARD_ESTIMATE_KEY} or a quantity: `);
  if (q.desc !== undefined && !['1', 'true', '0', 'false', ''].includes(q.desc)) throw new InputError('desc', q.desc, '1 or true (descending), 0 or false');
  const descending = q.desc === '1' || q.desc === 'true';
  if (descending && !byStandard) lq.descending = true;
  let hits = queryRecords(lit.records, lq);
  if (byStandard) {
    // by the estimate, records without one last either way (as a quantity's sort), ties by name
    const at = new Map(hits.map((r) => [r, standardEstimate(r)?.value_h]));
    hits = [...hits].sort((a, b) => {
      const va = at.get(a), vb = at.get(b);
      if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? 1 : -1;
      return (descending ? vb - va : va - vb);
    });
  }
  return { lit, hits };
}

/** The query parameters of GET /api/evidence/export: the page's filters and sort, and the format. */
export const EVIDENCE_EXPORT_QUERY = [...EVIDENCE_QUERY, 'format'] as const;
export const EVIDENCE_EXPORT_FORMATS = ['csv', 'bibtex'] as const;

/**
 * The records the page shows (its filters and sort) as `lit list --format csv` / `lit export --format csv`
 * write them (toCsv: one row per figure, the columns `lit import` reads back) or as `lit export --format
 * bibtex` (toBibtex: the review, each cited paper and each user source, under the keys `cite --bibtex` uses).
 */
export function evidenceExport(q: Record<string, string | undefined>, imported: LitRecord[] = []): { format: 'csv' | 'bibtex'; text: string; records: number } {
  return asQuery(() => {
    const { format = 'csv', ...rest } = q;
    if (!(EVIDENCE_EXPORT_FORMATS as readonly string[]).includes(format)) throw new InputError('format', format, EVIDENCE_EXPORT_FORMATS.join(' or '));
    const { lit, hits } = evidenceHits(rest, imported);
    return { format: format as 'csv' | 'bibtex', text: format === 'csv' ? toCsv(hits) : toBibtex(hits, lit.review), records: hits.length };
  });
}

function evidenceQueryOf(q: Record<string, string | undefined>, imported: LitRecord[]) {
  const { lit, hits } = evidenceHits(q, imported);
  const all = lit.records;
  return {
    review: lit.review,
    total: all.length,
    imported: imported.length,
    columns: EVIDENCE_COLUMNS.map((k) => ({ key: k, unit: QUANTITIES[k]!.displayUnit })),
    facets: {
      metals: [...new Set(all.map((r) => r.metal))].sort(),
      sac_elements: [...new Set(all.flatMap((r) => r.sac_elements))].sort(),
      architectures: [...new Set(all.map((r) => r.architecture))].sort(),
    },
    records: hits.map(row),
  };
}

export function elementsReport(q: Record<string, string | undefined>) {
  return asQuery(() => elementsReportOf(q));
}

function elementsReportOf(q: Record<string, string | undefined>) {
  const symbols = q.symbols
    ? symbolList([q.symbols]) // "Fe,Co", "Fe, Co" or "Fe Co", as `sacplate elements` reads them
    : [...new Set(literature().records.flatMap((r) => r.sac_elements))].sort();
  if (symbols.length > 120) throw new InputError('symbols', q.symbols, 'at most 120 element symbols');
  const weights = parseWeights(q.weights, 'weights'); // the query parameter's name, not the CLI's --weights
  const els = distinctElements(symbols, 'symbols'); // each element once, as the CLI lists them; a bad one named by the query parameter (it said element)
  const rows = els.map((e) => ({
    symbol: e.symbol, name: e.name, abundance_mg_per_kg: e.abundance_mg_per_kg ?? null, price_usd_per_kg: e.price_usd_per_kg ?? null,
    hhi_production: e.hhiProduction ?? null, hazard_flags: e.hazardFlags.map((f) => f.label), sustainability: sustainabilityScore(e, weights),
  }));
  rows.sort((a, b) => b.sustainability.total - a.sustainability.total);
  return { weights, elements: rows };
}

export function capacityReport(q: Record<string, string | undefined>) {
  return asQuery(() => anodeCapacity(anodeInputFromStrings({
    metal: q.metal, metalMass: q.metal_mass || undefined, cycledCapacity: q.cycled_capacity || undefined, hostMass: q.host_mass || undefined,
    sacLoading: q.sac_loading || undefined, binderMass: q.binder_mass || undefined, collectorMass: q.collector_mass || undefined, otherMass: q.other_mass || undefined,
  })));
}
