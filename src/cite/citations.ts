/**
 * What to cite for a run, PyBaMM style (pybamm.print_citations): sacplate itself, the review the
 * parameter sets come from, and every source the run's parameter sets name (walked from the
 * run's provenance: metal, host and SAC sets). "review ref N" is resolved against the review's
 * reference list (data/literature/references.yaml); a number the list does not hold is printed
 * as the review's reference N. BibTeX entries carry a DOI and title where the data have them;
 * the review's reference list gives no titles, and none are made up.
 */
import { join } from 'node:path';
import { loadReferences } from '../evidence/records.js';
import { literatureDir } from '../evidence/paths.js';
import type { Citation } from '../evidence/schema.js';
import { citationKey, REVIEW_BIBTEX_KEY } from '../evidence/io.js';
import { ELECTROLYTES } from '../params/electrolytes.js';
import { SEI_SETS } from '../params/sei.js';
import { NOT_USED_BY_THE_RUN } from '../params/registry.js';
import { SAC_SPECS } from '../params/sacs.js';
import { I0_EA_MEASURED } from '../params/metals.js';

export const SACPLATE_CITATION = {
  key: 'sacplate',
  title: 'sacplate: a kinetic Monte Carlo workbench for dendrite-free Li, Na and K metal anodes with single-atom catalysts',
  version: '0.1.0',
  year: 2026,
  note: 'software; see CITATION.cff',
};

export const REVIEW_CITATION = {
  key: REVIEW_BIBTEX_KEY,
  authors: 'Huihua Li and Jian Wang and Jing Zhang and Lujie Jia and Hongxu Qu and Qinghua Guan and Huang Zhang and Hongzhen Lin',
  title: 'Prospects of single atom catalysts for dendrite-free alkali metal batteries',
  journal: 'Green Chemistry',
  year: 2024,
  volume: '26',
  pages: '10366',
  doi: '10.1039/d4gc02590c',
};

export interface RunSource {
  /** the source as a reader can resolve it (a data file the sets name is replaced by its own upstream source) */
  ref: string;
  /** parameters that cite it, e.g. "Li.exchangeCurrentDensity" */
  used_by: string[];
  assumed: boolean;
  /**
   * literature: something to cite (a paper, a book, a data package); definition: a constant that is
   * true by definition or a choice of the model ("charge number of the alkali ion M+", "MODEL.md
   * section 2"); assumed: sacplate's own assumed or derived values; method: an algorithm of the engine the run ran with
   * (the sector scheme of simulate --sectors), cited under its own heading. Only literature and methods are cited.
   */
  kind: 'literature' | 'definition' | 'assumed' | 'method';
  /**
   * where the source says the values are (the parameter sets' `where`: "Fig. 2", "section 3.2, Fig. 4A"), every distinct
   * one of every value that cites it, in the order met (mends63: the first only, and the text printed none)
   */
  where?: string[];
  /** a web address for a source known by an identifier other than a DOI (a PMC id, a code repository) */
  url?: string;
  /** resolved entry of the review's reference list, for "review ref N" */
  citation?: Citation;
  review_number?: number;
  /** the user gave it (Source.given): a work to cite whatever its words */
  given?: boolean;
  /** an algorithm the run ran with, not a parameter's source (kind 'method') */
  method?: boolean;
  /**
   * a user-defined set's own fields its `source:` would cite and none does ("element", "support"): its line names them
   * (mends63: it read "your own values, no source given" although the set's values had a source)
   */
  set_fields?: string[];
  /** values given but not used by the run (their source notes begin "not used by the run": params show says why): not cited */
  unused?: boolean;
}

/**
 * The element data file the metal sets name (ALKALI_CSV: a path in the project's shared folder, which
 * a user does not have; the package ships a copy as data/elements/alkali_metals.csv) stands for its
 * own sources, data/elements/SOURCES.md: the atomic weight, the bcc lattice constant behind the
 * atomic volume and the capacity F/(3.6 M) are mendeleev's (CRC Handbook values); the standard
 * potential is the page that row cites (after "; " in the set's text), the file only its carrier.
 */
const ELEMENT_FILE = /^shared\/data\/elements\/alkali_metals\.csv \([^)]*\)/;
// as the package asks to be cited at that commit (its README, "Citing": L. M. Mentel, the title, 2014--) with the
// version and DOI of its CITATION.cff there (1.1.0, 10.5281/zenodo.5233824)
export const MENDELEEV = 'L. M. Mentel, mendeleev - A Python resource for properties of chemical elements, ions and isotopes, 2014–, version 1.1.0 (commit 580e3401; CRC Handbook values), doi:10.5281/zenodo.5233824';
const MENDELEEV_URL = 'https://github.com/lmmentel/mendeleev';

/** Element data as data/elements/SOURCES.md gives it: HHI from Gaultois et al. (via pymatgen); abundance and price from mendeleev's elements.db. */
const HHI_WORK = 'Gaultois et al., Chem. Mater. 25, 2911 (2013), doi:10.1021/cm400893e';
const HHI_SOURCE = `${HHI_WORK} (via pymatgen)`;
export const PRICE_SOURCE = 'Wikipedia, Prices of chemical elements, lower end (via mendeleev elements.db)';

/**
 * A sustainability criterion's source: the text the report shows and the works to cite (the data package for abundance
 * and price): the screen's report and `cite`, and `sacplate elements` under its table and in its CSV.
 */
export function elementSource(criterion: string, e: { hazardFlags: { citation: string }[] }): { source: string; refs: string[] } {
  if (criterion === 'toxicity') {
    const cites = e.hazardFlags.map((f) => f.citation);
    return { source: cites.join('; ') || 'no cited hazard data (data/toxicity/toxicity.yaml)', refs: cites };
  }
  if (criterion === 'hhi') return { source: HHI_SOURCE, refs: [HHI_WORK] };
  if (criterion === 'price') return { source: PRICE_SOURCE, refs: [MENDELEEV] };
  return { source: 'CRC Handbook crustal abundance (via mendeleev elements.db)', refs: [MENDELEEV] };
}

function resolvable(ref: string): string {
  if (!ELEMENT_FILE.test(ref)) return ref;
  const rest = ref.replace(ELEMENT_FILE, '').replace(/^\s*;\s*/, '').trim();
  return rest === '' ? MENDELEEV : rest;
}

/** A web address for a source named by a PubMed Central id or the mendeleev package. */
function urlOf(ref: string): string | undefined {
  if (ref === MENDELEEV) return MENDELEEV_URL;
  const pmc = /\bPMC(\d{4,9})\b/.exec(ref)?.[1];
  return pmc !== undefined ? `https://www.ncbi.nlm.nih.gov/pmc/articles/PMC${pmc}/` : undefined;
}

const DOI_RE = /doi:\s*(10\.\d{4,9}\/[^\s,;"]+)/i;

/**
 * The work a source names, when it names one by an identifier: its DOI (lower case: DOIs are case-insensitive) or
 * its web address. Two sources with one key are one work cited twice (Zn-N4's set cites the review by its DOI,
 * which the text also prints as the review), listed once.
 */
function workKey(s: RunSource): string | undefined {
  const doi = s.citation?.doi ?? DOI_RE.exec(s.ref)?.[1]?.replace(/[.)]+$/, '');
  return doi !== undefined && doi !== '' ? `doi:${doi.toLowerCase()}` : s.url;
}
const REVIEW_KEY = `doi:${REVIEW_CITATION.doi.toLowerCase()}`;

/**
 * Sources that name one work (workKey) as one entry: the most specific text kept (a resolved entry of the review's
 * reference list, with its authors and journal, over text; else the longer text), the parameters that cite it
 * together. Sources without a DOI or address are kept as they are.
 */
export function mergeSameWork(sources: RunSource[]): RunSource[] {
  const out: RunSource[] = [];
  const byKey = new Map<string, RunSource>();
  for (const s of sources) {
    const key = workKey(s);
    const held = key === undefined ? undefined : byKey.get(key);
    if (!held) { out.push(s); if (key !== undefined) byKey.set(key, s); continue; }
    // the more specific text: a resolved review reference over text, else the longer text
    const sWins = (s.citation !== undefined && held.citation === undefined) || (!!s.citation === !!held.citation && s.ref.length > held.ref.length);
    const [keep, other] = sWins ? [s, held] : [held, s];
    // every place either cites the work at, in the order met
    const where = [...new Set([...(held.where ?? []), ...(s.where ?? [])])];
    const merged: RunSource = { ...keep, used_by: [...held.used_by, ...s.used_by.filter((u) => !held.used_by.includes(u))], assumed: held.assumed || s.assumed, ...(where.length > 0 ? { where } : {}) };
    out[out.indexOf(held)] = merged;
    byKey.set(key!, merged);
  }
  return out;
}

/** A model choice: the source is the project's model document ("MODEL.md section 2"), not a publication. */
const MODEL_DOC = /^MODEL\.md\b/;

/** What a source is: sacplate's own (assumed, derived), a definition or model choice, or literature. */
function kindOf(s: RunSource): RunSource['kind'] {
  if (s.method) return 'method';
  if (s.unused) return 'definition'; // a value the run does not use: nothing to cite, listed apart (formatCitations)
  if (s.review_number !== undefined || s.citation) return 'literature';
  if (s.assumed || /^(assumed|derived) \(sacplate/.test(s.ref)) return 'assumed';
  // a source the user gave is a work whatever its words, unless they marked it assumed (review32: "my estimate",
  // assumed: true, was cited as a work, BibTeX entry included)
  if (s.given) return 'literature';
  // a definition ("charge number of the alkali ion M+", "metal foil: same material as the plated
  // metal") names no year, volume or edition; the project's model document is not a publication
  if (MODEL_DOC.test(s.ref) || !/\d/.test(s.ref)) return 'definition';
  return 'literature';
}

/** A place a source is cited at, kept once. */
function addWhere(s: RunSource, where: string): void {
  if (where.trim() === '') return;
  if (!s.where) s.where = [where];
  else if (!s.where.includes(where)) s.where.push(where);
}

/** The places a work is cited at as one text ("Table S2; Fig. 3"), or undefined. */
export function placesOf(s: RunSource): string | undefined {
  return s.where && s.where.length > 0 ? s.where.join('; ') : undefined;
}

/** Every { ref } in a provenance object, with the dotted path of the parameter that holds it. */
function collect(obj: unknown, path: string, out: Map<string, RunSource>, metal?: string): void {
  if (!obj || typeof obj !== 'object') return;
  if (Array.isArray(obj)) { obj.forEach((x, i) => collect(x, `${path}[${i}]`, out, metal)); return; }
  const o = obj as Record<string, unknown>;
  // a value the run does not use (a user's terraceBarrier on a host or SAC: params show says so on its line, mends83):
  // not a source of the run, listed apart (mends84: cite listed its source as if the run used it)
  const note = (o.source as { note?: unknown } | undefined)?.note;
  if (typeof note === 'string' && note.startsWith(NOT_USED_BY_THE_RUN)) {
    const s = out.get(NOT_USED_BY_THE_RUN) ?? { ref: NOT_USED_BY_THE_RUN, used_by: [], assumed: false, kind: 'definition' as const, unused: true };
    s.used_by.push(path);
    out.set(NOT_USED_BY_THE_RUN, s);
    return;
  }
  if (typeof o.ref === 'string') {
    const key = resolvable(o.ref);
    const s = out.get(key) ?? { ref: key, used_by: [], assumed: false, kind: 'literature' as const };
    s.used_by.push(path.replace(/\.source$/, ''));
    if (o.assumed === true) s.assumed = true;
    if (o.given === true) s.given = true;
    if (typeof o.where === 'string') addWhere(s, o.where);
    out.set(key, s);
    return;
  }
  for (const [k, v] of Object.entries(o)) {
    // host and SAC sets hold data for every metal: only the run's metal counts
    if (k === 'metals' && metal && v && typeof v === 'object') { collect((v as Record<string, unknown>)[metal], `${path}.${k}.${metal}`, out, metal); continue; }
    collect(v, path ? `${path}.${k}` : k, out, metal);
  }
}

/** The named sets a run uses beside its provenance: the electrolyte (transport) and the SEI set. */
/** `engine: 'sectors'`: a sector run (simulate --sectors; its folder's metrics.json says so), whose method is cited (SECTOR_SCHEME_REF) */
export interface RunSets { electrolyte?: string; sei?: string; engine?: 'sectors'; /** the run's lone adatoms moved by first-passage kMC (FIRST_PASSAGE_REF) */ firstPassage?: boolean }

/** The sector scheme a sector run ran with (parallel/sector-run.ts; docs/parallel.md): a method to cite, under "Methods" (it was
 *  listed under "Parameter sources", its BibTeX note "as the parameter set cites it", until mends57) */
export const SECTOR_SCHEME_REF = 'Y. Shim and J. G. Amar, "Semirigorous synchronous sublattice algorithm for parallel kinetic Monte Carlo simulations of thin film growth", Phys. Rev. B, 2005, 71, 125432, doi:10.1103/PhysRevB.71.125432';

/** The rejection-free kMC (the n-fold way) every run's solver draws its events with (src/kmc/solver.ts): a method to cite */
export const KMC_REF = 'A. B. Bortz, M. H. Kalos and J. L. Lebowitz, "A new algorithm for Monte Carlo simulation of Ising spin systems", J. Comput. Phys., 1975, 17, 10-18, doi:10.1016/0021-9991(75)90060-1';

/**
 * First-passage kMC of lone adatoms (src/kmc/firstpassage.ts, apps/lone-adatoms.ts; docs/engine-history.md, "First-passage
 * lone adatoms"), on in a serial run without an SEI or an electrolyte (simulation.ts turns it off there) and not in a
 * sector run (its threads move lone atoms hop by hop): a method to cite
 */
export const FIRST_PASSAGE_REF = 'T. Oppelstrup, V. V. Bulatov, G. H. Gilmer, M. H. Kalos and B. Sadigh, "First-passage Monte Carlo algorithm: diffusion without all the hops", Phys. Rev. Lett., 2006, 97, 230602, doi:10.1103/PhysRevLett.97.230602';

/** The electrolyte and SEI set names of a resolved run (or of a run folder's resolved.json), and the engine's methods it ran with. */
export function runSetsOf(run: unknown): RunSets {
  const r = (run ?? {}) as { transport?: { electrolyte?: { name?: unknown } }; sei?: { set?: unknown }; engine?: unknown; engine_config?: { adatoms?: unknown } | null };
  const out: RunSets = {};
  if (r.engine === 'sectors') out.engine = 'sectors';
  // the serial engine's default (engine: { adatoms: 'first-passage' }), off with an SEI or an electrolyte (simulation.ts)
  // or by a library caller's config.engine { adatoms: 'exact' } (resolved.json's and the store's engine_config; mends60)
  else if (r.sei === undefined && r.transport === undefined && r.engine_config?.adatoms !== 'exact') out.firstPassage = true;
  const e = r.transport?.electrolyte?.name;
  if (typeof e === 'string' && Object.hasOwn(ELECTROLYTES, e)) out.electrolyte = e;
  const s = r.sei?.set;
  if (typeof s === 'string' && Object.hasOwn(SEI_SETS, s)) out.sei = s;
  return out;
}

/** The ref of a value or set the user gave without a source (src/params/registry.ts). */
const USER_INPUT = 'user input';

/**
 * A host or SAC set's own fields (not its sourced energies) that a user-defined set gave: the SAC's element,
 * coordination, support and description, the host's description and a non-conducting flag (defaults left out: a user set
 * starts with element '' and description 'user-defined SAC site' or 'user-defined host', conducting true).
 */
function ownFieldsOf(set: Record<string, unknown>, kind: 'host' | 'sac'): string[] {
  const given = (k: string, unset: unknown) => typeof set[k] === 'string' && set[k] !== '' && set[k] !== unset;
  if (kind === 'sac') return [...['element', 'coordination', 'support', 'description'].filter((k) => given(k, k === 'description' ? 'user-defined SAC site' : '')), ...(Array.isArray(set.supportElements) && set.supportElements.length ? ['supportElements'] : [])];
  return [...(given('element', '') ? ['element'] : []), ...(given('description', 'user-defined host') ? ['description'] : []), ...(set.conducting === false ? ['conducting'] : [])];
}

/**
 * A host or SAC set: its values as collect() takes them; a user-defined set without a source of its own (its `source` is
 * "user input") is listed by the own fields it gave (ownFieldsOf), as one line of its own, and not at all when it gave
 * none (its energies are then all it holds, each listed by its own source).
 */
function collectSet(set: unknown, name: string, kind: 'host' | 'sac', out: Map<string, RunSource>, metal?: string): void {
  let o = set as Record<string, unknown> & { source?: { ref?: unknown; where?: unknown } };
  // mends117 (review86 F6): a built-in SAC set whose source covers several metals (Zn-N4: refs 58 for Li, 70 and 71 for
  // Na) is cited at the place of the run's metal (a Li run's cite listed the Na papers' section beside ref 58)
  const spec = kind === 'sac' && o && typeof o === 'object' ? SAC_SPECS.find((x) => x.name === o.name) : undefined;
  const own = metal !== undefined ? spec?.whereByMetal?.[metal as keyof NonNullable<typeof spec.whereByMetal>] : undefined;
  if (spec && own !== undefined && o.source?.ref === spec.source.ref && o.source?.where === spec.source.where) o = { ...o, source: { ...o.source, where: own } };
  if (!o || typeof o !== 'object' || o.source?.ref !== USER_INPUT) { collect(o, name, out, metal); return; }
  const { source: _source, ...rest } = o;
  collect(rest, name, out, metal);
  const fields = ownFieldsOf(o, kind);
  if (fields.length > 0) out.set(`${USER_INPUT}: the set ${name}`, { ref: USER_INPUT, used_by: [name], assumed: false, kind: 'literature', set_fields: fields });
}

/**
 * The sources a run's parameter sets cite, with review references resolved: the metal, host and
 * SAC sets (from the provenance) and the named electrolyte and SEI sets the run uses (`sets`; a
 * user's own electrolyte numbers have no set and no source).
 */
export function runSources(provenance: unknown, sets: RunSets = {}): RunSource[] {
  const out = new Map<string, RunSource>();
  const p = provenance as { metal?: { name?: string }; host?: { name?: string }; sacs?: { name?: string }[] } | undefined;
  const metal = p?.metal?.name;
  if (p?.metal) collect(p.metal, String(metal ?? 'metal'), out, metal);
  if (p?.host) collectSet(p.host, String(p.host.name ?? 'host'), 'host', out, metal);
  for (const s of p?.sacs ?? []) collectSet(s, String(s.name ?? 'sac'), 'sac', out, metal);
  if (sets.electrolyte) collect(ELECTROLYTES[sets.electrolyte], `electrolyte:${sets.electrolyte}`, out, metal);
  if (sets.sei) collect(SEI_SETS[sets.sei], `sei:${sets.sei}`, out, metal);
  // the methods a run ran with (every run's kMC solver; first-passage lone adatoms where they were on; the sector scheme)
  if (p !== undefined) sourceEntry(out, KMC_REF, 'the kinetic Monte Carlo solver (rejection-free, the n-fold way)', { method: true });
  if (sets.firstPassage) sourceEntry(out, FIRST_PASSAGE_REF, 'lone adatoms on flat terraces (first-passage kMC, exact in distribution)', { method: true });
  if (sets.engine === 'sectors') sourceEntry(out, SECTOR_SCHEME_REF, 'the sector scheme (simulate --sectors)', { method: true });
  measuredInNote(out, sets);
  return resolveSources(out);
}

/** The solvent class of a named electrolyte set ('carbonate', 'ether'), from its solvents (params/electrolytes.ts liquidRange). */
function solventClass(electrolyte: string | undefined): string | undefined {
  const solvent = electrolyte !== undefined ? ELECTROLYTES[electrolyte]?.liquidRange?.solvent : undefined;
  if (solvent === undefined) return undefined;
  if (/\b(EC|DMC|EMC|DEC|PC)\b/.test(solvent)) return 'carbonate';
  if (/\b(DME|DOL|diglyme|THF)\b/.test(solvent)) return 'ether';
  return undefined;
}

/**
 * mends117 (review86 F6): a value measured in one solvent class and used for every electrolyte (the Li i0 activation
 * energy, measured in LiAsF6/THF) says so beside its parameter: "value from this paper, measured in ether (LiAsF6 in
 * THF); assumed for carbonate (this run's LiPF6-EC-DMC)". Until then `cite` listed the ether paper for a carbonate run
 * without a word. The value is unchanged.
 */
function measuredInNote(out: Map<string, RunSource>, sets: RunSets): void {
  const s = out.get(resolvable(I0_EA_MEASURED.ref));
  if (!s) return;
  const cls = solventClass(sets.electrolyte);
  const effect = 'it sets i0 away from 25 degC only';
  const words = cls === undefined
    ? `value from this paper, measured in ${I0_EA_MEASURED.solvent} (${I0_EA_MEASURED.medium}); taken for every electrolyte (this run names none); ${effect}`
    : cls === I0_EA_MEASURED.solvent
      ? `value from this paper, measured in ${I0_EA_MEASURED.solvent} (${I0_EA_MEASURED.medium}), as this run's ${sets.electrolyte}; ${effect}`
      : `value from this paper, measured in ${I0_EA_MEASURED.solvent} (${I0_EA_MEASURED.medium}); assumed for ${cls} (this run's ${sets.electrolyte}); ${effect}`;
  s.used_by = s.used_by.map((u) => (u.endsWith(`.${I0_EA_MEASURED.param}`) ? `${u} (${words})` : u));
}

/**
 * A source as a parameter set or a screen stage names it, for the map resolveSources reads: the element
 * data file stands for its own sources (resolvable), "review" (a screen's synthesis statement, the
 * electrolyte criterion) for the review by its DOI.
 */
export function sourceEntry(out: Map<string, RunSource>, ref: string, user: string, o: { assumed?: boolean; where?: string; given?: boolean; method?: boolean; unused?: boolean } = {}): void {
  const key = ref === 'review' ? REVIEW_REF : resolvable(ref);
  const s = out.get(key) ?? { ref: key, used_by: [], assumed: false, kind: 'literature' as const };
  if (!s.used_by.includes(user)) s.used_by.push(user);
  if (o.assumed) s.assumed = true;
  if (o.given) s.given = true;
  if (o.method) s.method = true;
  if (o.unused) s.unused = true;
  if (o.where !== undefined) addWhere(s, o.where);
  out.set(key, s);
}

/** The review as a source's text names it (with its DOI, so it is listed under the review's line: workKey). */
const REVIEW_REF = `H. Li et al., Green Chem., 2024, 26, 10366, doi:${REVIEW_CITATION.doi}`;

/** Sources collected by ref: review references resolved against its reference list, each one's kind and address, one entry per work. */
export function resolveSources(out: Map<string, RunSource>): RunSource[] {
  let refs = new Map<number, Citation>();
  try { refs = loadReferences(join(literatureDir(), 'references.yaml')).references; } catch { /* data folder missing: unresolved */ }
  for (const s of out.values()) {
    const m = /review ref (\d+)/.exec(s.ref);
    if (m) { s.review_number = Number(m[1]); s.citation = refs.get(s.review_number); }
    s.kind = kindOf(s);
    const url = urlOf(s.ref);
    if (url !== undefined) s.url = url;
  }
  return mergeSameWork([...out.values()].sort((a, b) => (a.review_number ?? 1e9) - (b.review_number ?? 1e9) || a.ref.localeCompare(b.ref)));
}

/** `what`: "this run", or "this screen" (src/cite/screen.ts) */
export function formatCitations(sources: RunSource[], what = 'this run'): string {
  const lines: string[] = [];
  lines.push(`Cite for ${what}:`);
  lines.push(`  [software] ${SACPLATE_CITATION.title}, version ${SACPLATE_CITATION.version} (CITATION.cff)`);
  const R = REVIEW_CITATION;
  lines.push(`  [review]   H. Li, J. Wang, J. Zhang, L. Jia, H. Qu, Q. Guan, H. Zhang and H. Lin, "${R.title}", Green Chem., 2024, 26, 10366, doi:${R.doi}`);
  const users = (s: RunSource) => (s.used_by.length > 4 ? `${s.used_by.slice(0, 4).join(', ')} and ${s.used_by.length - 4} more: ${perSet(s.used_by.slice(4))}` : s.used_by.join(', '));
  // a set that cites the review itself (by its DOI) is listed under the review's line, not as a second entry of it
  const isReview = (s: RunSource) => workKey(s) === REVIEW_KEY;
  const review = mergeSameWork(sources.filter(isReview))[0];
  // the places a work is cited at (a parameter set's `where`, as `params show` prints it beside the source), after its users
  const at = (s: RunSource) => (placesOf(s) !== undefined ? `\n      where: ${placesOf(s)}` : '');
  if (review) lines.push(`      for ${users(review)}${at(review)}`);
  lines.push('Parameter sources (as the parameter sets cite them):');
  for (const s of sources.filter((x) => x.kind === 'literature' && !isReview(x))) {
    const what = s.citation ? `${s.citation.text}${s.citation.doi ? ` doi:${s.citation.doi}` : ''} (ref ${s.review_number} of the review)`
      : s.review_number !== undefined ? `reference ${s.review_number} of the review (see its reference list)`
        : `${s.ref}${s.url && !s.ref.includes(s.url) ? ` ${s.url}` : ''}`;
    lines.push(`  - ${what}\n      for ${users(s)}${at(s)}`);
  }
  // the engine's algorithms a run ran with (the sector scheme): not a parameter's source
  const methods = sources.filter((x) => x.kind === 'method');
  if (methods.length > 0) {
    lines.push('Methods (the algorithms this run ran with):');
    for (const s of methods) lines.push(`  - ${s.ref}\n      for ${users(s)}`);
  }
  // sacplate's own values: nothing to cite, but a reader should see which values they are
  const own = sources.filter((x) => x.kind !== 'literature' && x.kind !== 'method');
  if (own.length > 0) {
    lines.push("Not citations: definitions, model choices and sacplate's own assumed or derived values:");
    for (const s of own) {
      const what = s.unused ? 'given but not used by the run, so not cited (`params show` says on each value\'s line what the run uses instead)'
      : s.kind === 'assumed' ? `${s.ref} [assumed value]`
        : MODEL_DOC.test(s.ref) ? `model choice${placesOf(s) !== undefined ? `: ${placesOf(s)}` : ''} (the project's model document, ${s.ref})`
          : s.set_fields ? `the set's own fields ${s.set_fields.join(', ')}: no source given (the set's \`source: { ref }\` cites them)`
          : s.ref === USER_INPUT ? 'your own values, no source given (a value written { value, unit, source: { ref } }, or a descriptor row\'s source column, cites one)' : `definition: ${s.ref}`;
      lines.push(`  - ${what}\n      for ${users(s)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * The set a cited value belongs to: a run's `Li.bond`, `sei:carbonate.x` is the name before the first dot; a screen's
 * `<stage>: <set>: <what>` (src/cite/screen.ts: `plating: Zn-N4: metals.Li.binding`, `elements: Co: price`) is the stage
 * and the set (review50: split at the dot alone, each of a screen's cut values was its own "set", `1 of elements: Co:
 * price, 1 of elements: Co: abundance`, longer than the list it stood for).
 */
function setOfUser(u: string): string {
  const parts = u.split(': ');
  return parts.length >= 3 ? `${parts[0]}: ${parts[1]}` : u.split('.')[0]!;
}

/**
 * The values a cut list leaves out, counted per parameter set ("3 of Li, 13 of sei:carbonate"): a run's SEI set, all of
 * whose values are assumed, was hidden behind "and 16 more" under the metal's first four (review49).
 */
function perSet(users: string[]): string {
  const n = new Map<string, number>();
  for (const u of users) { const k = setOfUser(u); n.set(k, (n.get(k) ?? 0) + 1); }
  return [...n].map(([k, c]) => `${c} of ${k}`).join(', ');
}

// BibTeX field text: no braces of ours, LaTeX specials escaped (a "_" or "%" in a note breaks LaTeX)
const bibEscape = (s: string) => s.replace(/[{}]/g, '').replace(/([&%#_$])/g, '\\$1').replace(/–/g, '--');
function authorsBib(a: string): string {
  return a.replace(/\s+and\s+/g, ', ').split(/,\s*/).filter((x) => x.trim() !== '').join(' and ');
}
/** surname of the first author of "K. Xu, M. Zhu, ... and Y. Qian" (a citation key names the first author) */
function firstSurname(a: string): string {
  const first = a.split(/,|\s+and\s+/)[0] ?? '';
  return (first.trim().split(/\s+/).slice(-1)[0] ?? '').replace(/\W/g, '') || 'ref';
}
/**
 * A source given as text (not a review reference) that is literature: it names a year, volume or
 * edition (a digit), is not sacplate's own (assumed, derived, MODEL.md) and is not the review.
 */
function isLiterature(s: RunSource): boolean {
  if (s.kind === 'method') return true; // an algorithm's paper, cited as text (its note says it is a method)
  if (s.kind !== 'literature' || s.citation || s.review_number !== undefined) return false; // definitions, our own values and documents
  const doi = DOI_RE.exec(s.ref)?.[1];
  return doi === undefined || doi.toLowerCase() !== REVIEW_CITATION.doi.toLowerCase();
}

/** What a BibTeX or RIS entry's note says it is cited for: a parameter set's source, or a method the run ran with */
function citedAs(s: RunSource, users: string): string {
  const at = placesOf(s);
  return s.kind === 'method' ? `the method of this run: ${users}` : `as the parameter set cites it${at !== undefined ? ` (where: ${at})` : ''}; source of ${users}`;
}

/** A literature source's text split as BibTeX and RIS both file it: its DOI, the year it names, the rest as title. */
function sourceParts(ref: string): { doi?: string; year?: string; title: string; word?: string | undefined } {
  const doi = DOI_RE.exec(ref)?.[1]?.replace(/[.)]+$/, '');
  const year = /\b(1[89]\d\d|20\d\d)\b/.exec(ref.replace(DOI_RE, ''))?.[1];
  const title = ref.replace(DOI_RE, '').replace(/,\s*,/g, ',').replace(/[,;\s]+$/, '').trim();
  // a source given by its DOI alone ("doi:10.1021/acsnano.0c01234", as docs/parameters.md shows a set's source) has no other
  // text: its DOI is its title, and the key's word is the DOI's (review50: `@misc{src_source, title = {}` and an RIS record
  // without TI, which a reference manager lists untitled)
  if (title === '' && doi !== undefined) return { doi, ...(year !== undefined ? { year } : {}), title: `doi:${doi}`, word: /[A-Za-z]{2,}/.exec(doi.split('/').slice(1).join('/'))?.[0] };
  return { ...(doi !== undefined ? { doi } : {}), ...(year !== undefined ? { year } : {}), title, word: /[A-Za-z]{2,}/.exec(title)?.[0] };
}

/**
 * BibTeX: the software, the review (title and DOI), each resolved review reference, and every other
 * literature source the run's sets cite as text (@misc: the text as the set holds it, its DOI and
 * year when it names them). Standard BibTeX entry types only, so plain, unsrt and natbib styles
 * and biblatex all read it.
 */
export function bibtex(sources: RunSource[]): string {
  const R = REVIEW_CITATION;
  const out: string[] = [];
  const keys = new Set<string>();
  const keyOf = (k: string) => {
    let key = k, n = 0;
    while (keys.has(key)) key = `${k}${String.fromCharCode(98 + n++)}`; // b, c, ...
    keys.add(key);
    return key;
  };
  out.push(`@misc{${keyOf(SACPLATE_CITATION.key)},\n  author = {{sacplate developers}},\n  title = {${SACPLATE_CITATION.title}},\n  howpublished = {software, version ${SACPLATE_CITATION.version}},\n  year = {${SACPLATE_CITATION.year}},\n  note = {${SACPLATE_CITATION.note}}\n}`);
  out.push(`@article{${keyOf(R.key)},\n  author = {${R.authors}},\n  title = {${R.title}},\n  journal = {${R.journal}},\n  year = {${R.year}},\n  volume = {${R.volume}},\n  pages = {${R.pages}},\n  doi = {${R.doi}}\n}`);
  for (const s of sources) {
    const c = s.citation;
    if (!c) continue;
    const fields = [
      `  author = {${bibEscape(authorsBib(c.authors))}}`,
      `  journal = {${bibEscape(c.journal)}}`,
      `  year = {${c.year}}`,
      ...(c.volume ? [`  volume = {${bibEscape(c.volume)}}`] : []),
      ...(c.pages ? [`  pages = {${bibEscape(c.pages)}}`] : []),
      ...(c.doi ? [`  doi = {${c.doi}}`] : []),
      `  note = {${bibEscape(`Reference ${c.number} of doi:${R.doi}; the review's reference list gives no title${placesOf(s) !== undefined ? `; the parameter set cites it where: ${placesOf(s)}` : ''}`)}}`,
    ];
    out.push(`@article{${keyOf(citationKey(c))},\n${fields.join(',\n')}\n}`);
  }
  for (const s of sources) {
    if (!isLiterature(s)) continue;
    const { doi, year, title, word } = sourceParts(s.ref);
    const users = s.used_by.length > 6 ? `${s.used_by.slice(0, 6).join(', ')} and ${s.used_by.length - 6} more` : s.used_by.join(', ');
    const fields = [
      `  title = {${bibEscape(title)}}`,
      ...(year ? [`  year = {${year}}`] : []),
      ...(doi ? [`  doi = {${doi}}`] : []),
      ...(s.url ? [`  howpublished = {${s.url}}`, `  url = {${s.url}}`] : []),
      `  note = {${bibEscape(citedAs(s, users))}}`,
    ];
    out.push(`@misc{${keyOf(`src_${word ?? 'source'}${year ?? ''}`)},\n${fields.join(',\n')}\n}`);
  }
  return out.join('\n\n') + '\n';
}

/** "K. Xu" or "Huihua Li" as RIS wants an author: "Xu, K." */
function risAuthor(name: string): string {
  const parts = name.trim().split(/\s+/);
  const last = parts.pop() ?? '';
  return parts.length ? `${last}, ${parts.join(' ')}` : last;
}

/**
 * RIS (EndNote, Zotero, Mendeley): the same records as bibtex(), one per source, each from TY to
 * ER; no escaping is needed, a line break inside a value is turned into a space.
 */
export function ris(sources: RunSource[]): string {
  const R = REVIEW_CITATION;
  const recs: string[][] = [];
  const tag = (t: string, v: string | number | undefined) => (v === undefined || v === '' ? [] : [`${t}  - ${String(v).replace(/\s*\n\s*/g, ' ')}`]);
  const rec = (type: string, lines: string[]) => recs.push([`TY  - ${type}`, ...lines, 'ER  - ']);
  rec('COMP', [...tag('AU', 'sacplate developers'), ...tag('TI', SACPLATE_CITATION.title), ...tag('PY', SACPLATE_CITATION.year), ...tag('ET', SACPLATE_CITATION.version), ...tag('N1', SACPLATE_CITATION.note)]);
  rec('JOUR', [...R.authors.split(/\s+and\s+/).flatMap((a) => tag('AU', risAuthor(a))), ...tag('TI', R.title), ...tag('JO', R.journal), ...tag('PY', R.year), ...tag('VL', R.volume), ...tag('SP', R.pages), ...tag('DO', R.doi)]);
  for (const s of sources) {
    const c = s.citation;
    if (!c) continue;
    const authors = c.authors.replace(/\s+and\s+/g, ', ').split(/,\s*/).filter((x) => x.trim() !== '');
    const [sp, ep] = (c.pages ?? '').split(/[–-]+/);
    rec('JOUR', [...authors.flatMap((a) => tag('AU', risAuthor(a))),
      ...tag('TI', `Reference ${c.number} of doi:${R.doi} (the review's reference list gives no title)`),
      ...tag('JO', c.journal), ...tag('PY', c.year), ...tag('VL', c.volume), ...tag('SP', sp), ...tag('EP', ep), ...tag('DO', c.doi),
      ...tag('N1', placesOf(s) !== undefined ? `the parameter set cites it where: ${placesOf(s)}` : undefined)]);
  }
  for (const s of sources) {
    if (!isLiterature(s)) continue;
    const { doi, year, title } = sourceParts(s.ref);
    rec('GEN', [...tag('TI', title), ...tag('PY', year), ...tag('DO', doi), ...tag('UR', s.url), ...tag('N1', citedAs(s, s.used_by.join(', ')))]);
  }
  return recs.map((r) => r.join('\r\n')).join('\r\n\r\n') + '\r\n';
}
