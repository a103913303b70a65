/**
 * DOIs of the papers the review cites (data/literature/_dois.yaml). The review's reference list gives
 * none, so each DOI here says where it came from: `source`, a stored page that shows the same paper
 * (first author, journal, year, volume, pages) beside its DOI; or `derived: Wiley article-number rule`,
 * a Wiley journal's DOI built from the article number (e2302828 in Adv. Mater. -> 10.1002/adma.202302828),
 * checked against the reference text on every read so a typo fails; or `not_found`, the searches that
 * found none. No DOI is written from memory. loadReferences (records.ts) reads the file beside
 * references.yaml and puts each DOI on its citation.
 */
import { FileError } from '../errors.js';
import type { Citation } from './schema.js';

/** A DOI's form: "10." then a registrant code of 4-9 digits, "/", and a suffix without spaces. */
export const DOI_FORMAT = /^10\.\d{4,9}\/\S+$/;

export const WILEY_RULE = 'Wiley article-number rule';

/**
 * Wiley journals whose article numbers (7 digits, the first two the year of submission; "e" in front in
 * some) are the DOI's suffix after "20": the journal's code as its DOIs spell it. Each code was seen so on a
 * stored page (2026-12-03): adma the brief's example (e2302828 -> adma.202302828); aenm, "Adv. Energy Mater.,
 * 10, 1902084, https://doi.org/10.1002/aenm.201902084" (ouci.dntb.gov.ua/en/works/9Gwgndn9); adfm, "Adv. Funct.
 * Mater., 31, 2009310, 10.1002/adfm.202009310" (ouci.dntb.gov.ua/works/40ogKn57); smtd, Small Methods 2025,
 * 10.1002/smtd.202401884 (ouci.dntb.gov.ua/works/96GN0Mk0); smll, "Small, 18, 10.1002/smll.202203835"
 * (ouci.dntb.gov.ua/works/7AKgkBml); advs, Adv. Sci. 2022, 9, 2103930, 10.1002/advs.202103930 (PMC8867166).
 */
export const WILEY_CODES: Readonly<Record<string, string>> = {
  'Adv. Mater.': 'adma',
  'Adv. Energy Mater.': 'aenm',
  'Adv. Funct. Mater.': 'adfm',
  'Small Methods': 'smtd',
  'Small': 'smll',
  'Adv. Sci.': 'advs',
};

/** The DOI the Wiley article-number rule gives for a citation, or undefined where the rule does not apply (and why). */
export function wileyRuleDoi(c: Pick<Citation, 'journal' | 'pages'>): { doi?: string; why?: string } {
  const code = WILEY_CODES[c.journal];
  if (code === undefined) return { why: `the rule is for ${Object.keys(WILEY_CODES).join(', ')}; this is ${c.journal}` };
  const m = /^e?(\d{7})$/.exec(c.pages ?? '');
  if (!m) return { why: `the rule needs a 7-digit article number (e2302828); the reference gives pages ${JSON.stringify(c.pages ?? '')}` };
  return { doi: `10.1002/${code}.20${m[1]}` };
}

interface DoiEntry { ref: number; doi?: string; source?: string; derived?: string; not_found?: string[]; checked: string; note?: string }

const KEYS = ['ref', 'doi', 'source', 'derived', 'not_found', 'checked', 'note'];

/**
 * Validates _dois.yaml (a list of entries) against the reference list and puts each DOI on its citation
 * (doi, doi_source). Every problem is a FileError naming the entry's ref, the value and what was expected.
 */
export function applyDois(data: unknown, refs: Map<number, Citation>, file: string): void {
  if (!Array.isArray(data)) throw new FileError(file, 'expected a list of entries (- ref: 50, doi: ..., source: ... | derived: ... | not_found: [...], checked: YYYY-MM-DD)');
  const seen = new Set<number>();
  data.forEach((raw, i) => {
    const e = raw as Partial<DoiEntry> | null;
    if (!e || typeof e !== 'object' || !Number.isInteger(e.ref)) throw new FileError(file, `[${i}].ref: got ${JSON.stringify(e?.ref)}, expected the reference's number in the review's list`);
    const at = `ref ${e.ref}`;
    const extra = Object.keys(e).filter((k) => !KEYS.includes(k));
    if (extra.length) throw new FileError(file, `${at}: unknown key ${extra.map((k) => `"${k}"`).join(', ')} (allowed keys: ${KEYS.join(', ')})`);
    const cit = refs.get(e.ref!);
    if (!cit) throw new FileError(file, `${at}: not in references.yaml (a DOI is kept only for an entry of the review's list)`);
    if (seen.has(e.ref!)) throw new FileError(file, `${at}: listed twice`);
    seen.add(e.ref!);
    if (typeof e.checked !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.checked)) throw new FileError(file, `${at}.checked: got ${JSON.stringify(e.checked)}, expected the date it was checked (YYYY-MM-DD, quoted)`);
    const kinds = (['source', 'derived', 'not_found'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) throw new FileError(file, `${at}: ${kinds.length ? `has ${kinds.join(' and ')}` : 'says nothing of where its DOI came from'}; expected exactly one of source (the page that shows it), derived (${WILEY_RULE}) or not_found (the searches)`);
    if (e.not_found !== undefined) {
      if (e.doi !== undefined) throw new FileError(file, `${at}: has a doi and not_found; a DOI found goes with its source`);
      if (!Array.isArray(e.not_found) || e.not_found.length === 0 || !e.not_found.every((s) => typeof s === 'string' && s.trim() !== ''))
        throw new FileError(file, `${at}.not_found: got ${JSON.stringify(e.not_found)}, expected the list of searches that found no DOI`);
      cit.doi_source = 'not found';
      return;
    }
    if (typeof e.doi !== 'string' || !DOI_FORMAT.test(e.doi)) throw new FileError(file, `${at}.doi: got ${JSON.stringify(e.doi)}, expected a DOI (10.NNNN/suffix, e.g. 10.1002/adma.202302828, without "https://doi.org/")`);
    if (e.source !== undefined) {
      if (typeof e.source !== 'string' || !/^https?:\/\/\S+$/.test(e.source)) throw new FileError(file, `${at}.source: got ${JSON.stringify(e.source)}, expected the address (http:// or https://) of the page that shows the paper beside its DOI`);
      cit.doi_source = `seen on ${e.source} (${e.checked})`;
    } else {
      if (e.derived !== WILEY_RULE) throw new FileError(file, `${at}.derived: got ${JSON.stringify(e.derived)}, expected "${WILEY_RULE}" (the only rule a DOI may be derived by)`);
      const rule = wileyRuleDoi(cit);
      if (rule.doi === undefined) throw new FileError(file, `${at}: the ${WILEY_RULE} does not apply: ${rule.why}`);
      if (rule.doi.toLowerCase() !== e.doi.toLowerCase()) throw new FileError(file, `${at}.doi: got "${e.doi}", but the ${WILEY_RULE} gives ${rule.doi} for ${cit.journal} ${cit.pages}`);
      cit.doi_source = `derived: ${WILEY_RULE} (not seen on a page)`;
    }
    cit.doi = e.doi;
  });
}
