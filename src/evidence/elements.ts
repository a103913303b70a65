/**
 * Element data for SAC choice: crustal abundance and price (elements.csv), supply concentration
 * (hhi.csv), alkali-metal data (alkali_metals.csv), all read at run time from the package's
 * data/elements (sources in data/elements/SOURCES.md), plus cited hazard flags (data/toxicity/toxicity.yaml). The sustainability score combines
 * four criteria, each mapped to 0..1 (1 = best) on fixed anchors, with user weights; the
 * breakdown's contributions add up to the total.
 */
import { splitDelimited } from '../io/csv.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, InputError, formatValue } from '../errors.js';
import { nearestWord } from '../did-you-mean.js';
import { elementsDir, toxicityFile } from './paths.js';
import { parseDataFileText } from './records.js';
import { CRITERIA, type Criterion } from './vocabulary.js';

export interface ElementData {
  symbol: string;
  name: string;
  atomicNumber: number;
  atomicWeight: number;
  /** crustal abundance, mg/kg */
  abundance_mg_per_kg?: number;
  /** USD/kg (lower end of the ranges on Wikipedia's "Prices of chemical elements") */
  price_usd_per_kg?: number;
  hhiProduction?: number;
  hhiReserve?: number;
  density_g_cm3?: number;
  /** 0..1, 1 = worst: the worse of the cited classification's hazard and the OEL's (1 - oelScore); 0 when neither */
  hazard: number;
  /** every cited hazard datum as label + citation: IARC classes, the review's statement, the OEL (its label "OEL ...") */
  hazardFlags: { label: string; citation: string }[];
  /** the occupational exposure limit the toxicity score uses, mg/m3 of the element (data/toxicity/toxicity.yaml `oel`) */
  oel?: OelData;
  /** the cited classification's hazard alone (IARC: 1, 0.75, 0.5), when the element has one */
  classHazard?: number;
}

/** An occupational exposure limit as toxicity.yaml gives it, converted to mg/m3 of the element. */
export interface OelData {
  mg_per_m3: number;
  /** the value as the source states it, e.g. "5 mg/m3 ZnO" */
  stated: string;
  measure: string;
  entry: string;
  quote: string;
  citation: string;
  url: string;
}

/** The toxicity data of one element as the loader returns it. */
export interface ToxicityEntry {
  hazard: number;
  flags: { label: string; citation: string }[];
  oel?: OelData;
  classHazard?: number;
}

export interface AlkaliData {
  symbol: 'Li' | 'Na' | 'K';
  atomicWeight: number;
  theoreticalCapacity_mAh_g: number;
  density_g_cm3: number;
}

/** Splits one CSV line (RFC 4180 quoting). */
/** One CSV line split into fields (the package's one splitter, src/io/csv.ts). */
export const splitCsvLine = (line: string): string[] => splitDelimited(line, ',');

function readCsv(file: string): { header: string[]; rows: string[][] } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch {
    throw new FileError(file, 'element data not found (the package ships it in data/elements; SACPLATE_ELEMENTS points elsewhere)');
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('"#'));
  const header = splitCsvLine(lines[0]!.replace(/^#/, ''));
  return { header, rows: lines.slice(1).filter((l) => !l.startsWith('#')).map(splitCsvLine) };
}

/**
 * A cell of the element data that must be a number in a range: empty is no data (undefined); text, or a number no
 * element can have (a price of -3 USD/kg, an HHI above 10000), refuses the file naming the element, the column, the
 * value and what is expected (audit69b: such a cell was read as it stood, or as no data, without a word).
 */
function checkedNum(file: string, sym: string, column: string, cell: string | undefined,
  ok: (v: number) => boolean, expected: string): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const v = Number(cell);
  if (!Number.isFinite(v) || !ok(v)) throw new FileError(file, `${sym}: ${column}: got ${formatValue(cell)}, expected ${expected} (or an empty cell: no data)`);
  return v;
}

let cache: { dir: string; map: Map<string, ElementData> } | undefined;

/** All elements keyed by symbol. */
export function loadElements(dir = elementsDir()): Map<string, ElementData> {
  if (cache && cache.dir === dir) return cache.map;
  const el = readCsv(join(dir, 'elements.csv'));
  const col = (name: string) => {
    const i = el.header.indexOf(name);
    if (i < 0) throw new FileError(join(dir, 'elements.csv'), `column ${name} missing`);
    return i;
  };
  const [cZ, cSym, cName, cW, cDen, cAb, cPrice] =
    ['atomic_number', 'symbol', 'name', 'atomic_weight', 'density', 'abundance_crust', 'price_per_kg'].map(col) as number[];
  const hhi = readCsv(join(dir, 'hhi.csv'));
  const hhiMap = new Map<string, [number | undefined, number | undefined]>();
  const hhiFile = join(dir, 'hhi.csv');
  const hhiCell = (sym: string, column: string, cell: string | undefined) =>
    checkedNum(hhiFile, sym, column, cell, (v) => v >= 0 && v <= 10000, 'an HHI from 0 to 10000');
  for (const r of hhi.rows) if (!hhiMap.has(r[0]!)) hhiMap.set(r[0]!, [hhiCell(r[0]!, hhi.header[1] ?? 'HHI_production', r[1]), hhiCell(r[0]!, hhi.header[2] ?? 'HHI_reserve', r[2])]);
  const tox = loadToxicity();
  const map = new Map<string, ElementData>();
  for (const r of el.rows) {
    const sym = r[cSym!]!;
    const e: ElementData = {
      symbol: sym, name: r[cName!]!, atomicNumber: Number(r[cZ!]), atomicWeight: Number(r[cW!]),
      hazard: tox.get(sym)?.hazard ?? 0, hazardFlags: tox.get(sym)?.flags ?? [],
    };
    const t = tox.get(sym);
    if (t?.oel) e.oel = t.oel;
    if (t?.classHazard !== undefined) e.classHazard = t.classHazard;
    const elFile = join(dir, 'elements.csv');
    const positive = (column: string, i: number, expected: string) => checkedNum(elFile, sym, column, r[i], (v) => v > 0, expected);
    const ab = positive('abundance_crust', cAb!, 'an abundance above 0 (mg/kg)'); if (ab !== undefined) e.abundance_mg_per_kg = ab;
    const pr = positive('price_per_kg', cPrice!, 'a price above 0 (USD/kg)'); if (pr !== undefined) e.price_usd_per_kg = pr;
    const de = positive('density', cDen!, 'a density above 0 (g/cm3)'); if (de !== undefined) e.density_g_cm3 = de;
    const h = hhiMap.get(sym);
    if (h?.[0] !== undefined) e.hhiProduction = h[0];
    if (h?.[1] !== undefined) e.hhiReserve = h[1];
    map.set(sym, e);
  }
  cache = { dir, map };
  return map;
}

/**
 * The toxicity table: per element a cited classification (`hazard` 0..1 with `flags`, each with a citation) and/or an
 * occupational exposure limit (`oel`: value in mg/m3, its measure, the source's entry, a quote, the citation and its
 * address). A value without its source, or out of range, refuses the file naming the element, the field, the value
 * and what is expected (toxoel): a table that scores elements must not hold an unsourced or mistyped number.
 */
export function loadToxicity(file = toxicityFile()): Map<string, ToxicityEntry> {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { throw new FileError(file, 'toxicity table not found'); }
  const data = parseDataFileText(text, file) as { elements?: Record<string, Record<string, unknown> | null> } | null;
  const out = new Map<string, ToxicityEntry>();
  const bad = (field: string, value: unknown, expected: string) => new FileError(file, `${field}: got ${formatValue(value)}, expected ${expected}`);
  for (const [sym, v0] of Object.entries(data?.elements ?? {})) {
    const v = v0 ?? {};
    if (v.hazard === undefined && v.flags === undefined && v.oel === undefined)
      throw bad(sym, v0, 'an `oel` (occupational exposure limit with its source) and/or a `hazard` with cited `flags`');
    const flags: { label: string; citation: string }[] = [];
    let classHazard: number | undefined;
    if (v.hazard !== undefined || v.flags !== undefined) {
      const hz = v.hazard;
      if (typeof hz !== 'number' || !(hz >= 0 && hz <= 1)) throw bad(`${sym}.hazard`, hz, 'a number from 0 to 1 (IARC Group 1: 1, 2A: 0.75, 2B: 0.5)');
      if (!Array.isArray(v.flags) || v.flags.length === 0) throw bad(`${sym}.flags`, v.flags, 'at least one cited flag { label, citation } for the hazard');
      v.flags.forEach((f, i) => {
        const ff = (f ?? {}) as { label?: unknown; citation?: unknown };
        if (typeof ff.label !== 'string' || ff.label.trim() === '') throw bad(`${sym}.flags[${i}].label`, ff.label, 'the hazard\'s label, e.g. "IARC Group 2A (...)"');
        if (typeof ff.citation !== 'string' || ff.citation.trim() === '') throw bad(`${sym}.flags[${i}].citation`, ff.citation, 'the source of the flag (title, entry)');
        flags.push({ label: ff.label, citation: ff.citation });
      });
      classHazard = hz;
    }
    const oel = v.oel === undefined ? undefined : parseOel(v.oel, `${sym}.oel`, bad);
    if (oel) {
      const asEl = oel.stated === `${fmtOel(oel.mg_per_m3)} mg/m3` ? '' : ` = ${fmtOel(oel.mg_per_m3)} mg/m3 ${sym}`;
      flags.push({ label: `OEL ${oel.stated}${asEl} (${oel.measure}): ${oel.entry}`, citation: `${oel.citation}, ${oel.url}: "${oel.quote}"` });
    }
    const hazard = Math.max(classHazard ?? 0, oel ? 1 - oelScore(oel.mg_per_m3) : 0);
    out.set(sym, { hazard, flags, ...(oel ? { oel } : {}), ...(classHazard !== undefined ? { classHazard } : {}) });
  }
  return out;
}

const fmtOel = (x: number) => String(Number(x.toPrecision(4)));

/** An `oel` block checked field by field; its value converted to mg/m3 of the element. */
function parseOel(o: unknown, field: string, bad: (field: string, value: unknown, expected: string) => Error): OelData {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw bad(field, o, '{ value, unit: mg/m3, measure, entry, quote, citation, url }');
  const m = o as Record<string, unknown>;
  const v = m.value;
  if (typeof v !== 'number' || !(v >= OEL_RANGE.lo && v <= OEL_RANGE.hi))
    throw bad(`${field}.value`, v, `a number from ${OEL_RANGE.lo} to ${OEL_RANGE.hi} (mg/m3, time-weighted average)`);
  if (m.unit !== 'mg/m3') throw bad(`${field}.unit`, m.unit, '"mg/m3" (convert ppm or ug/m3 first)');
  let frac = 1;
  if (m.measured_as !== undefined || m.element_mass_fraction !== undefined) {
    if (typeof m.measured_as !== 'string' || m.measured_as.trim() === '') throw bad(`${field}.measured_as`, m.measured_as, 'the compound the value is stated for, e.g. ZnO (with element_mass_fraction)');
    const f = m.element_mass_fraction;
    if (typeof f !== 'number' || !(f > 0 && f <= 1)) throw bad(`${field}.element_mass_fraction`, f, `the element's mass fraction of ${m.measured_as}, a number above 0 and at most 1`);
    frac = f;
  }
  const text = (k: string, expected: string): string => {
    const x = m[k];
    if (typeof x !== 'string' || x.trim() === '') throw bad(`${field}.${k}`, x, expected);
    return x;
  };
  const out: OelData = {
    mg_per_m3: v * frac,
    stated: `${v} mg/m3${typeof m.measured_as === 'string' ? ` ${m.measured_as}` : ''}`,
    measure: text('measure', 'the limit\'s kind, e.g. "NIOSH REL, TWA"'),
    entry: text('entry', 'the source\'s entry the value is read from, e.g. "Cobalt metal dust and fume (as Co)"'),
    quote: text('quote', 'the source\'s words stating the value'),
    citation: text('citation', 'the source of the value (title, entry)'),
    url: text('url', 'the address of the source'),
  };
  return out;
}

export function loadAlkali(dir = elementsDir()): Map<string, AlkaliData> {
  const csv = readCsv(join(dir, 'alkali_metals.csv'));
  const i = (n: string) => csv.header.indexOf(n);
  const out = new Map<string, AlkaliData>();
  for (const r of csv.rows) {
    out.set(r[0]!, {
      symbol: r[0] as 'Li' | 'Na' | 'K',
      atomicWeight: Number(r[i('atomic_weight')]),
      theoreticalCapacity_mAh_g: Number(r[i('theoretical_capacity_mAh_g')]),
      density_g_cm3: Number(r[i('density_g_cm3_mendeleev')]),
    });
  }
  return out;
}

/** Looks up element symbols; an unknown one is an InputError naming it, under `field` (the workbench's query: `symbols`). */
export function getElements(symbols: string[], field = 'element'): ElementData[] {
  const map = loadElements();
  return symbols.map((s) => {
    const e = map.get(s) ?? map.get(s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
    if (!e) throw new InputError(field, s, `an element symbol such as Fe, Co, Ni, Zn, Mn or Pt${symbolHint(map, s)}`);
    return e;
  });
}

/**
 * The symbol an element's name means ("Iron", or "cobolt" for Cobalt), as some paste names; "" otherwise (a
 * two-letter typo is one edit from many symbols: "Xx" is not guessed as Xe).
 */
function symbolHint(map: Map<string, ElementData>, s: string): string {
  const els = [...map.values()];
  const byName = els.find((e) => e.name.toLowerCase() === s.toLowerCase()) ?? els.find((e) => e.name === nearestWord(s, els.map((x) => x.name)));
  return byName ? ` (did you mean "${byName.symbol}", ${byName.name}?)` : '';
}

/**
 * The symbols of a command line's arguments as users paste them: "Fe,Co", "Fe, Co" or "Fe Co" in one argument
 * (`sacplate elements Fe,Co` was refused as the symbol "Fe,Co").
 */
export function symbolList(args: readonly string[]): string[] {
  return args.flatMap((a) => a.split(/[\s,;]+/)).filter((x) => x !== '');
}

/**
 * Each element once, in the order first named (`Co co Fe Co` -> Co, Fe): what a listing shows.
 * getElements keeps one entry per symbol given (a dual-atom site's Fe, Fe counts twice in a mean).
 */
export function distinctElements(symbols: string[], field = 'element'): ElementData[] {
  const seen = new Set<string>();
  return getElements(symbols, field).filter((e) => {
    if (seen.has(e.symbol)) return false;
    seen.add(e.symbol);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Sustainability score

export { CRITERIA, type Criterion };
export type Weights = Record<Criterion, number>;
export const DEFAULT_WEIGHTS: Weights = { abundance: 1, price: 1, hhi: 1, toxicity: 1 };

/**
 * Fixed anchors (so a score does not depend on which elements are compared):
 * abundance: log10 scale from 1e-3 mg/kg (score 0) to 1e5 mg/kg (score 1);
 * price: log10 scale from 1e5 USD/kg (0) to 0.1 USD/kg (1);
 * HHI (production): 1 - HHI/10000;  toxicity: the worse of the OEL's score (OEL_ANCHORS) and 1 - the cited
 * classification's hazard (0 when no cited hazard data: unknown, not safe).
 */
export const ANCHORS = { abundanceLo: 1e-3, abundanceHi: 1e5, priceLo: 0.1, priceHi: 1e5 } as const;

/**
 * Toxicity from an occupational exposure limit (toxoel): log10 scale from 0.001 mg/m3 (score 0) to 10 mg/m3 (score 1).
 * 10 mg/m3 is the level at which dusts with no specific toxicity ("nuisance dusts", particulates not otherwise
 * regulated) are controlled, so a limit there says no hazard beyond a dust; 0.001 mg/m3 is four decades below, so every
 * limit found (Ni 0.015 to Fe, Zr 5) lies inside and a tenfold lower limit costs 0.25. A limit outside is clamped.
 */
export const OEL_ANCHORS = { lo_mg_m3: 1e-3, hi_mg_m3: 10 } as const;
/** What toxicity.yaml accepts as an `oel` value, mg/m3: outside it is a unit slip, not a limit. */
export const OEL_RANGE = { lo: 1e-4, hi: 100 } as const;

/** The toxicity score (0..1, 1 = best) of an exposure limit in mg/m3 of the element. */
export function oelScore(mgPerM3: number): number {
  const lg = Math.log10;
  return clamp01((lg(mgPerM3) - lg(OEL_ANCHORS.lo_mg_m3)) / (lg(OEL_ANCHORS.hi_mg_m3) - lg(OEL_ANCHORS.lo_mg_m3)));
}

/**
 * Toxicity score of an element with no cited hazard data (no OEL, no classification). Unknown is not safe: it is scored as
 * the worst case, so raising the toxicity weight never favours an element nobody has assessed
 * (before, Pt scored a perfect 1 and outranked Co and Ni as the weight rose).
 */
export const UNKNOWN_HAZARD_SCORE = 0;

export interface CriterionScore {
  criterion: Criterion;
  /** the input the score comes from, with its unit */
  input: string;
  /** 0..1, 1 = most sustainable; null when the data is missing */
  score: number | null;
  weight: number;
  /** weight share x score; these add up to the total */
  contribution: number;
}

export interface SustainabilityScore {
  symbol: string;
  total: number;
  breakdown: CriterionScore[];
  /** criteria left out for missing data (their weight is shared by the others) */
  missing: Criterion[];
  /** criteria scored as the worst case because no cited data says otherwise (toxicity without a hazard flag) */
  unknown: Criterion[];
  hazardFlags: { label: string; citation: string }[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The toxicity score's input: the OEL and its score, the classification and its, and which one counts. */
function toxicityInput(e: ElementData): string {
  const f4 = (x: number) => String(Number(x.toPrecision(4)));
  const cls = e.hazardFlags.filter((f) => !f.label.startsWith('OEL ')).map((f) => f.label.split(':')[0]).join('; ');
  const parts: string[] = [];
  if (e.oel) parts.push(`OEL ${f4(e.oel.mg_per_m3)} mg/m3 (${e.oel.measure}) -> ${f4(oelScore(e.oel.mg_per_m3))}`);
  if (e.classHazard !== undefined) parts.push(`${cls} -> ${f4(1 - e.classHazard)}`);
  return parts.length > 1 ? `${parts.join('; ')}; the worse counts` : parts.join('');
}

export function criterionScores(e: ElementData): Record<Criterion, { score: number | null; input: string }> {
  const lg = Math.log10;
  return {
    abundance: e.abundance_mg_per_kg !== undefined && e.abundance_mg_per_kg > 0
      ? { score: clamp01((lg(e.abundance_mg_per_kg) - lg(ANCHORS.abundanceLo)) / (lg(ANCHORS.abundanceHi) - lg(ANCHORS.abundanceLo))), input: `${e.abundance_mg_per_kg} mg/kg crust` }
      : { score: null, input: 'no abundance data' },
    price: e.price_usd_per_kg !== undefined && e.price_usd_per_kg > 0
      ? { score: clamp01((lg(ANCHORS.priceHi) - lg(e.price_usd_per_kg)) / (lg(ANCHORS.priceHi) - lg(ANCHORS.priceLo))), input: `${e.price_usd_per_kg} USD/kg` }
      : { score: null, input: 'no price data' },
    hhi: e.hhiProduction !== undefined
      ? { score: clamp01(1 - e.hhiProduction / 10000), input: `HHI ${e.hhiProduction} (production)` }
      : { score: null, input: 'no HHI data' },
    // an element without cited hazard data (an exposure limit or a classification) is unknown, not safe: it scores the
    // worst case (0) until data/toxicity/toxicity.yaml gives it cited data; with both, the worse counts
    toxicity: e.hazardFlags.length
      ? { score: 1 - e.hazard, input: toxicityInput(e) }
      : { score: UNKNOWN_HAZARD_SCORE, input: 'no cited hazard data: unknown, scored as the worst case (0)' },
  };
}

export function sustainabilityScore(e: ElementData, weights: Weights = DEFAULT_WEIGHTS): SustainabilityScore {
  for (const c of CRITERIA) {
    const w = weights[c];
    if (!(Number.isFinite(w) && w >= 0)) throw new InputError(`weight ${c}`, w, 'a number >= 0');
  }
  const cs = criterionScores(e);
  const missing = CRITERIA.filter((c) => cs[c].score === null);
  const wsum = CRITERIA.filter((c) => cs[c].score !== null).reduce((s, c) => s + weights[c], 0);
  if (wsum <= 0) throw new InputError('weights', weights, 'at least one positive weight for a criterion with data');
  const breakdown = CRITERIA.map((c) => {
    const s = cs[c].score;
    const share = s === null ? 0 : weights[c] / wsum;
    return { criterion: c, input: cs[c].input, score: s, weight: weights[c], contribution: s === null ? 0 : share * s };
  });
  const total = breakdown.reduce((s, b) => s + b.contribution, 0);
  const unknown: Criterion[] = e.hazardFlags.length === 0 ? ['toxicity'] : [];
  return { symbol: e.symbol, total, breakdown, missing, unknown, hazardFlags: e.hazardFlags };
}

/**
 * An element with a cited hazard (Co, IARC Group 2A: toxicity score 0.25) that scores above an unassessed one (since
 * toxoel Cr, Mo, S, ...: 0, the worst case; Fe, Zn, Mn, Cu until their exposure limits were added) only through the
 * toxicity criterion: said, with both scores with and without it (review69: the
 * example's toxicity weight 2, meant to penalise cobalt, put Co 0.4641 above Zn 0.4422 and Cu 0.4282 without a word;
 * with toxicity 0 Co scores 0.607, Zn 0.737). One note per such cited element; none when toxicity has no weight.
 */
export function toxicityInversionNotes(symbols: readonly string[], weights: Weights): string[] {
  if (!(weights.toxicity > 0) || !CRITERIA.some((c) => c !== 'toxicity' && weights[c] > 0)) return [];
  let els;
  try { els = getElements([...new Set(symbols)].filter((x) => x !== '')); } catch { return []; }
  const noTox: Weights = { ...weights, toxicity: 0 };
  const rows = els.flatMap((e) => {
    try { return [{ e, now: sustainabilityScore(e, weights), without: sustainabilityScore(e, noTox) }]; } catch { return []; }
  });
  const f4 = (x: number) => Number(x.toPrecision(4));
  const out: string[] = [];
  for (const c of rows.filter((r) => r.e.hazardFlags.length > 0 && r.e.hazard < 1)) {
    const below = rows.filter((u) => u.now.unknown.includes('toxicity') && c.now.total > u.now.total && c.without.total < u.without.total);
    if (below.length === 0) continue;
    const sym = c.e.symbol, names = below.map((u) => u.e.symbol).join(', ');
    const label = c.e.hazardFlags[0]!.label.split(' (')[0]!;
    out.push(`toxicity: ${sym} (cited hazard: ${label}) scores above ${names} (no cited hazard data) only through the toxicity criterion: `
      + `an element without cited hazard data (an exposure limit or a class) scores 0 there, the worst case, below ${sym}'s cited hazard (${f4(1 - c.e.hazard)}), so the toxicity weight ${weights.toxicity} lifts ${sym} above them `
      + `(${[c, ...below].map((r) => `${r.e.symbol} ${f4(r.now.total)}`).join(', ')}; with toxicity weight 0: ${[c, ...below].map((r) => `${r.e.symbol} ${f4(r.without.total)}`).join(', ')}). `
      + `This is not evidence that ${names} ${below.length > 1 ? 'are' : 'is'} more toxic than ${sym}: ${below.length > 1 ? 'they have' : 'it has'} no cited hazard data in data/toxicity/toxicity.yaml`);
  }
  return out;
}

/** Parses "abundance=1,price=2,hhi=1,toxicity=3" (missing criteria keep the default 1); a mistake names `field`
 * (the flag --weights, or a screen file's weights key), a criterion's value the flag and criterion (`--weights price`, as
 * `--range <quantity>`) or the key's dotted path (`weights.price`, as a screen file's map names it; mends69: `weights price`). */
export function parseWeights(text: string | undefined, field = '--weights'): Weights {
  const w: Weights = { ...DEFAULT_WEIGHTS };
  if (!text) return w;
  // a criterion given twice is refused naming both (review69: the last was read, so "toxicity=2,toxicity=0" weighed toxicity 0)
  const given = new Map<string, string>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]+)\s*=\s*([0-9.eE+-]+)$/.exec(part);
    if (!m || !(CRITERIA as readonly string[]).includes(m[1]!)) throw new InputError(field, part, `criterion=number with criterion one of ${CRITERIA.join(', ')}`);
    const before = given.get(m[1]!);
    if (before !== undefined) throw new InputError(field, text, `each criterion once (${m[1]} is given twice: ${before} and ${part})`);
    given.set(m[1]!, part);
    const v = Number(m[2]);
    if (!(Number.isFinite(v) && v >= 0)) throw new InputError(field.startsWith('--') ? `${field} ${m[1]}` : `${field}.${m[1]}`, m[2], 'a number >= 0');
    w[m[1] as Criterion] = v;
  }
  return w;
}
