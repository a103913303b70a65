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
import { FileError, InputError } from '../errors.js';
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
  hazard: number;
  hazardFlags: { label: string; citation: string }[];
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

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
};

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
  for (const r of hhi.rows) if (!hhiMap.has(r[0]!)) hhiMap.set(r[0]!, [num(r[1]), num(r[2])]);
  const tox = loadToxicity();
  const map = new Map<string, ElementData>();
  for (const r of el.rows) {
    const sym = r[cSym!]!;
    const e: ElementData = {
      symbol: sym, name: r[cName!]!, atomicNumber: Number(r[cZ!]), atomicWeight: Number(r[cW!]),
      hazard: tox.get(sym)?.hazard ?? 0, hazardFlags: tox.get(sym)?.flags ?? [],
    };
    const ab = num(r[cAb!]); if (ab !== undefined) e.abundance_mg_per_kg = ab;
    const pr = num(r[cPrice!]); if (pr !== undefined) e.price_usd_per_kg = pr;
    const de = num(r[cDen!]); if (de !== undefined) e.density_g_cm3 = de;
    const h = hhiMap.get(sym);
    if (h?.[0] !== undefined) e.hhiProduction = h[0];
    if (h?.[1] !== undefined) e.hhiReserve = h[1];
    map.set(sym, e);
  }
  cache = { dir, map };
  return map;
}

export function loadToxicity(file = toxicityFile()): Map<string, { hazard: number; flags: { label: string; citation: string }[] }> {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { throw new FileError(file, 'toxicity table not found'); }
  const data = parseDataFileText(text, file) as { elements?: Record<string, { hazard?: unknown; flags?: unknown }> } | null;
  const out = new Map<string, { hazard: number; flags: { label: string; citation: string }[] }>();
  for (const [sym, v] of Object.entries(data?.elements ?? {})) {
    const hz = v.hazard;
    if (typeof hz !== 'number' || hz < 0 || hz > 1) throw new FileError(file, `${sym}.hazard: expected a number 0..1`);
    if (!Array.isArray(v.flags) || v.flags.length === 0) throw new FileError(file, `${sym}: a hazard needs at least one cited flag`);
    const flags = v.flags.map((f, i) => {
      const ff = f as { label?: unknown; citation?: unknown };
      if (typeof ff.label !== 'string' || typeof ff.citation !== 'string' || ff.citation.trim() === '')
        throw new FileError(file, `${sym}.flags[${i}]: expected label and citation`);
      return { label: ff.label, citation: ff.citation };
    });
    out.set(sym, { hazard: hz, flags });
  }
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
 * HHI (production): 1 - HHI/10000;  toxicity: 1 - hazard (0 when no cited hazard data: unknown, not safe).
 */
export const ANCHORS = { abundanceLo: 1e-3, abundanceHi: 1e5, priceLo: 0.1, priceHi: 1e5 } as const;

/**
 * Toxicity score of an element with no cited hazard flag. Unknown is not safe: it is scored as
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
    // an element without a cited hazard flag is unknown, not safe: it scores the worst case (0)
    // until data/toxicity/toxicity.yaml gives it a cited flag
    toxicity: e.hazardFlags.length
      ? { score: 1 - e.hazard, input: e.hazardFlags.map((f) => f.label.split(':')[0]).join('; ') }
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

/** Parses "abundance=1,price=2,hhi=1,toxicity=3" (missing criteria keep the default 1); a mistake names `field`
 * (the flag --weights, or a screen file's weights key). */
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
    if (!(Number.isFinite(v) && v >= 0)) throw new InputError(`${field} ${m[1]}`, m[2], 'a number >= 0');
    w[m[1] as Criterion] = v;
  }
  return w;
}
