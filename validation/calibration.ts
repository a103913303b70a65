/**
 * calib67 (session 67): which published numbers set the model, and which test it.
 *
 * MODEL.md section 9: "a calibration target and a validation target are never the same number". This module reads both
 * sides from their data structures, so that test/calibration.test.ts keeps the check current:
 *  - the inputs: every sourced value of the built-in parameter sets (metals, hosts, SACs, electrolytes, SEI sets: the
 *    `Sourced` values `sacplate params show` prints), with the role it plays (read by the run, read by the derivation of
 *    a run value, kept only, or a published measurement kept for comparison);
 *  - the targets: every claim row of validation/results.json (a row with `claim: false` states no claim), with its
 *    `published` and `source` text;
 *  - the works each cites: `sourceKeys` reads a citation text into keys (a DOI, a journal's volume and page, a first
 *    author and year, a review reference number, the review as a whole, a MODEL.md section);
 *  - the overlaps: a key cited both by an input (its ref, where or note) and by a target (its source or published text);
 *  - the verdicts (VERDICTS): for each overlapping key, what the input takes from the work, what the target compares
 *    with, and the verdict: `same-paper` (the same work, a different quantity), `verification` (the target is an
 *    analytic law evaluated with the input itself: it tests the engine's implementation, not the input's value),
 *    `violation` (the same quantity), with the inputs and studies listed. checkCalibration says which overlaps are not
 *    listed, or listed with other inputs or studies, and which listed ones no longer occur.
 * What a key cannot see: a source cited in words that name no work (a figure taken from a paper without its name), and a
 * quantity a study compares with that is not in its row's text. docs/calibration.md says what was read by hand besides.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { builtinSets, sourcedEntries, type ParamSets } from '../src/params/registry.js';
import { SAC_SPECS } from '../src/params/sacs.js';
import { ELECTROLYTES } from '../src/params/electrolytes.js';
import { SEI_SETS } from '../src/params/sei.js';
import type { HostSet, Sourced } from '../src/params/types.js';
import type { ValidationEntry } from './types.js';

/**
 * What a sourced value does: `run` the run reads it; `derivation` the derivation of a run value reads it (a SAC's DFT
 * numbers, params/derive.ts); `kept` nothing the run does reads it (a DFT number kept for provenance, a SAC's bond-angle
 * change); `reported` a published measurement kept beside the set for comparison (the `reported` values, `nucleation
 * --against-literature`): a target's datum, not an input.
 */
export type Role = 'run' | 'derivation' | 'kept' | 'reported';
export const INPUT_ROLES: readonly Role[] = ['run', 'derivation'];

export interface CalibrationInput {
  /** kind/name of the set, e.g. "sac/Zn-N4", "electrolyte/LiPF6-EC-DMC" */
  set: string;
  /** the value's path in the set, e.g. "metals.Na.dft.Na_binding" */
  path: string;
  value: number;
  unit: string;
  role: Role;
  assumed: boolean;
  /** ref, where and note in one text */
  cites: string;
  keys: string[];
}

export interface ValidationTarget {
  study: string;
  row: string;
  published: string;
  source: string;
  keys: string[];
  /** the row's `calibrated` label (ValidationEntry.calibrated, calibfix67): why its target is no evidence; absent if none */
  calibrated?: string;
}

/**
 * `independent`: no number of the work sets an input that the target compares with (a shared key only: e.g. a note that
 * names the work to say its number is no longer used); `verification`: the target is an analytic law evaluated with the
 * input's own value, a test of the engine, not of the input; `same-paper`: the same work (or the same MODEL.md section),
 * a different quantity, said which; `violation`: the same quantity or measurement sets an input and is the target.
 */
export type VerdictKind = 'independent' | 'verification' | 'same-paper' | 'violation';

/** The verdict on one key that an input and a claim row both cite (found by `overlaps`). */
export interface Verdict {
  key: string;
  verdict: VerdictKind;
  /** another verdict for the rows of these studies (a row of the key's studies that compares with another quantity) */
  studyVerdicts?: Record<string, VerdictKind>;
  /** what the inputs take from the work */
  input: string;
  /** what the targets compare with */
  target: string;
  /** why the verdict (and, for a violation, what a fix would be) */
  why: string;
  /** the studies whose claim rows cite the key, as `overlaps` finds them (the inputs are listed by the doc's table) */
  studies: string[];
}

/**
 * A verdict found by reading, where no key links the two sides (an input chosen after a validation run, a row that
 * evaluates an analytic law with the inputs' values): `inputs` the input names ("set path", each must be in the
 * inventory), `rows` the claim rows it covers (a RegExp over "study row" and, with `bySource`, over the row's source).
 */
export interface HandVerdict {
  id: string;
  verdict: VerdictKind;
  inputs: string[];
  rows: RegExp;
  bySource?: true;
  input: string;
  target: string;
  why: string;
}

// ---------------------------------------------------------------------------------------------
// citation keys

const YEAR = '(?:18|19|20)\\d\\d';
/**
 * The works a citation text names, as keys:
 *  - doi:<doi, lower case>; arxiv:<id>; pmc:<id>; url:<host/path> for a work cited by its page's address;
 *  - vp:<volume>,<page> for "Journal 17, 1132" (a capitalised journal word, then volume, comma, page);
 *  - ay:<first author>-<year> for "Sand (1901)", "Chen et al. 2017", "Valoen & Reimers, J. ... (2005)";
 *  - review-ref:<n> for "review ref 58", "ref 70", "refs 70, 71" (every "ref N" of the project is the review's);
 *  - review for the review as a whole (the word "review", not an internal session name such as review82);
 *  - model:<section> for "MODEL.md section 3", "MODEL.md 8.4".
 */
export function sourceKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/\b10\.\d{4,9}\/[^\s,;()"]+/g)) keys.add(`doi:${m[0].replace(/[.:]+$/, '').toLowerCase()}`);
  for (const m of text.matchAll(/\barXiv:(\d{4}\.\d{4,5})/gi)) keys.add(`arxiv:${m[1]}`);
  for (const m of text.matchAll(/\bPMC(\d{5,9})\b/g)) keys.add(`pmc:${m[1]}`);
  // a work cited by its page's address (scilit.net/publications/..., chemrxiv.org/..., github.com/...): host and path
  for (const m of text.matchAll(/\b(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:net|org|com|edu|gov|io)\/[^\s,;()"]+)/gi)) keys.add(`url:${m[1]!.replace(/[.:]+$/, '').toLowerCase()}`);
  for (const m of text.matchAll(/\b[A-Z][A-Za-z]*\.?(?::)? (\d{1,4}), ([A-Z]?\d{2,7})\b/g)) keys.add(`vp:${m[1]},${m[2]}`);
  const author = new RegExp(`\\b([A-Z][a-z]{2,})(?: et al\\.?|(?:,? (?:and|&) [A-Z][a-z]+)+)?(?:,[^;()]{0,80}?)?,? \\(?(${YEAR})\\b`, 'g');
  for (const m of text.matchAll(author)) keys.add(`ay:${m[1]!.toLowerCase()}-${m[2]}`);
  for (const m of text.matchAll(/\brefs? (\d+(?:(?:, | and )\d+)*)/g)) for (const n of m[1]!.split(/, | and /)) keys.add(`review-ref:${n}`);
  // "not a claim of the review" (a discretisation check's row) names the review to say it does not cite it
  if (/(?<!not a claim of the |no figure in the )\breview\b/i.test(text) || /Green Chem\. 26, 10366/.test(text)) keys.add('review');
  for (const m of text.matchAll(/MODEL\.md(?: section)? (\d+(?:\.\d+)?)/g)) keys.add(`model:${m[1]}`);
  return [...keys].sort();
}

// ---------------------------------------------------------------------------------------------
// the two sides

/** The review's DOI key (src/params/sourced.ts REVIEW). */
export const REVIEW_DOI = 'doi:10.1039/d4gc02590c';
const text = (s: Sourced) => [s.source.ref, s.source.where, s.source.note].filter((x) => x).join('; ');

/** The keys of the DFT values each built-in SAC's derivation reads (sacKey, refKey, desolvationKey). */
function derivationKeys(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of SAC_SPECS) for (const [metal, ms] of Object.entries(s.metals)) {
    if (!ms) continue;
    for (const k of [ms.sacKey, ms.refKey, ms.desolvationKey]) if (k) {
      const key = `${s.name}|${metal}`;
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(k);
    }
  }
  return out;
}

function roleOf(kind: string, name: string, path: string, read: Map<string, Set<string>>): Role {
  const parts = path.split('.');
  // a SAC's bond-length change under plating is read by the SEI rule (input/sei.ts: the site's deactivation per plating
  // event, bond_length_change / sei.deactivation_length); the bond-angle change by nothing
  if (parts[0] === 'stability') return parts[1] === 'bond_length_change' ? 'run' : 'kept';
  if (parts[0] === 'metals' && parts[2] === 'reported') return 'reported';
  if (parts[0] === 'metals' && parts[2] === 'dft') return kind === 'sac' && read.get(`${name}|${parts[1]}`)?.has(parts[3]!) ? 'derivation' : 'kept';
  return 'run';
}

/** Every sourced value of the sets (default the built-ins), with its role and the works it cites. */
export function calibrationInputs(sets: ParamSets = builtinSets()): CalibrationInput[] {
  const read = derivationKeys();
  const out: CalibrationInput[] = [];
  const add = (kind: string, name: string, set: unknown) => {
    for (const [path, v] of sourcedEntries(set as HostSet)) {
      const cites = text(v);
      // the review as a whole only where the value cites it (one of its references, or the review itself): a note that
      // says "no figure in the review supports ..." names no source
      let keys = sourceKeys(cites);
      if (!keys.some((k) => k.startsWith('review-ref:') || k === REVIEW_DOI)) keys = keys.filter((k) => k !== 'review');
      out.push({ set: `${kind}/${name}`, path, value: v.value, unit: v.unit, role: roleOf(kind, name, path, read), assumed: v.source.assumed === true, cites, keys });
    }
  };
  for (const m of Object.values(sets.metals)) add('metal', m.name, m);
  for (const h of Object.values(sets.hosts)) add('host', h.name, h);
  for (const s of Object.values(sets.sacs)) add('sac', s.name, s);
  for (const e of Object.values(ELECTROLYTES)) add('electrolyte', e.name, e);
  for (const e of Object.values(SEI_SETS)) add('sei', e.name, e);
  return out;
}

interface Recorded { id: string; entries: ValidationEntry[] }

/** The recorded studies (validation/results.json, from the working directory). */
export function recordedStudies(path = resolve('validation/results.json')): Recorded[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { studies: Recorded[] }).studies;
}

/** Every claim row of the recorded studies, with the works its source and published text cite. */
export function validationTargets(studies: readonly Recorded[] = recordedStudies()): ValidationTarget[] {
  const out: ValidationTarget[] = [];
  for (const s of studies) for (const e of s.entries) {
    if (e.claim === false) continue;
    out.push({ study: s.id, row: e.id, published: e.published, source: e.source, keys: sourceKeys(`${e.source}; ${e.published}`),
      ...(e.calibrated !== undefined ? { calibrated: e.calibrated } : {}) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the check

export interface Overlap { key: string; inputs: string[]; studies: string[] }
export const inputName = (i: CalibrationInput) => `${i.set} ${i.path}`;

/** The keys cited by an input (roles run and derivation) and by a target, with both sides' names, sorted. */
export function overlaps(inputs: readonly CalibrationInput[], targets: readonly ValidationTarget[]): Overlap[] {
  const byKey = new Map<string, { inputs: Set<string>; studies: Set<string> }>();
  for (const i of inputs) {
    if (!INPUT_ROLES.includes(i.role)) continue;
    for (const k of i.keys) {
      if (!byKey.has(k)) byKey.set(k, { inputs: new Set(), studies: new Set() });
      byKey.get(k)!.inputs.add(inputName(i));
    }
  }
  const out: Overlap[] = [];
  for (const [key, v] of byKey) {
    for (const t of targets) if (t.keys.includes(key)) v.studies.add(t.study);
    if (v.studies.size) out.push({ key, inputs: [...v.inputs].sort(), studies: [...v.studies].sort() });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export interface CalibrationCheck {
  overlaps: Overlap[];
  /** overlapping keys VERDICTS does not list */
  unlisted: Overlap[];
  /** listed keys whose studies differ from what is found: [listed, found] */
  changed: [Verdict, Overlap][];
  /** listed keys no longer overlapping */
  stale: Verdict[];
  /** hand verdicts naming an input not in the inventory, or covering no claim row: [id, what] */
  handProblems: [string, string][];
  /** calibfix67: per violation (a key's or a hand verdict's), the claim rows it covers and whether each carries the
   * `calibrated` label in validation/results.json; a violation is `labelled` when all its rows do (the tables then say
   * "calibrated", not yes/no), `open` otherwise */
  violations: ViolationStatus[];
}

export interface ViolationStatus {
  /** the key (VERDICTS) or the hand verdict's id (HAND_VERDICTS) */
  id: string;
  status: 'labelled' | 'open';
  rows: ValidationTarget[];
  /** its rows without the label, as "study row" */
  unlabelled: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** What the inventory and the verdicts disagree on (all empty: every overlap is listed with its studies). */
export function checkCalibration(inputs: readonly CalibrationInput[], targets: readonly ValidationTarget[],
  verdicts: readonly Verdict[] = VERDICTS, hand: readonly HandVerdict[] = HAND_VERDICTS): CalibrationCheck {
  const found = overlaps(inputs, targets);
  const listed = new Map(verdicts.map((v) => [v.key, v]));
  const unlisted: Overlap[] = [], changed: [Verdict, Overlap][] = [];
  for (const o of found) {
    const v = listed.get(o.key);
    if (!v) unlisted.push(o);
    else if (!sameList(v.studies, o.studies)) changed.push([v, o]);
  }
  const stale = verdicts.filter((v) => !found.some((o) => o.key === v.key));
  const names = new Set(inputs.map(inputName));
  const handProblems: [string, string][] = [];
  for (const h of hand) {
    for (const n of h.inputs) if (!names.has(n)) handProblems.push([h.id, `input ${n} is not in the inventory`]);
    if (!targets.some((t) => handCovers(h, t))) handProblems.push([h.id, `no claim row matches ${String(h.rows)}`]);
  }
  const status = (id: string, rows: ValidationTarget[]): ViolationStatus => {
    const unlabelled = rows.filter((t) => !t.calibrated).map((t) => `${t.study} ${t.row}`);
    return { id, status: unlabelled.length ? 'open' : 'labelled', rows, unlabelled };
  };
  const violations: ViolationStatus[] = [];
  for (const v of verdicts) {
    if (!found.some((o) => o.key === v.key)) continue;
    const rows = targets.filter((t) => t.keys.includes(v.key) && (v.studyVerdicts?.[t.study] ?? v.verdict) === 'violation');
    if (rows.length) violations.push(status(v.key, rows));
  }
  for (const h of hand) if (h.verdict === 'violation') violations.push(status(h.id, targets.filter((t) => handCovers(h, t))));
  return { overlaps: found, unlisted, changed, stale, handProblems, violations };
}

/** The claim rows that carry a `calibrated` label but that no violation covers (listed in the doc, not a failure: a label
 * may come from a reading this check does not record). */
export function labelledElsewhere(targets: readonly ValidationTarget[], check: CalibrationCheck): ValidationTarget[] {
  const covered = new Set(check.violations.flatMap((v) => v.rows));
  return targets.filter((t) => t.calibrated && !covered.has(t));
}

const handCovers = (h: HandVerdict, t: ValidationTarget) => h.rows.test(h.bySource ? t.source : `${t.study} ${t.row}`);

export type RowVerdict = VerdictKind | 'unlisted';
const RANK: Record<RowVerdict, number> = { independent: 0, verification: 1, 'same-paper': 2, unlisted: 3, violation: 4 };

/** Per claim row: the worst verdict of its shared keys and of the hand verdicts covering it ('independent' if none). */
export function rowVerdicts(targets: readonly ValidationTarget[], check: CalibrationCheck,
  verdicts: readonly Verdict[] = VERDICTS, hand: readonly HandVerdict[] = HAND_VERDICTS): Map<ValidationTarget, RowVerdict> {
  const byKey = new Map(verdicts.map((v) => [v.key, v]));
  const overlapping = new Set(check.overlaps.map((o) => o.key));
  const out = new Map<ValidationTarget, RowVerdict>();
  for (const t of targets) {
    let worst: RowVerdict = 'independent';
    const take = (v: RowVerdict) => { if (RANK[v] > RANK[worst]) worst = v; };
    for (const k of t.keys) {
      if (!overlapping.has(k)) continue;
      const v = byKey.get(k);
      take(v ? v.studyVerdicts?.[t.study] ?? v.verdict : 'unlisted');
    }
    for (const h of hand) if (handCovers(h, t)) take(h.verdict);
    out.set(t, worst);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the verdicts (read by hand; docs/calibration.md renders them)

const NUCLEATION_REPORTED = 'the nucleation overpotential the review reports for the system (`reported` beside the set; the ' +
  'row compares the model\'s with it as a ratio, 0.1 to 10)';

/** cevalid67: Seh et al., ACS Cent. Sci. 1, 449 (2015), cited by its author and year, its volume and page and its DOI, one verdict */
const SEH_2015 = {
  verdict: 'same-paper' as const,
  input: 'NaPF6-diglyme\'s concentration, 1 mol/L (the composition Seh et al. used; a run with no electrolyte field does not ' +
    'read it), and the Na-ether set\'s film thickness, 4 nm, assumed beside the paper\'s "uniform inorganic SEI" (no number from it)',
  target: 'sei-ce-na-glyme: the mean CE of Na||Cu cycling in NaPF6 in glymes, 99.9 % over 300 cycles at 0.5 mA/cm2 (the abstract)',
  why: 'same paper, different quantity: a composition and a qualitative reading of the SEI against a measured CE; no SEI ' +
    'value was set from the CE, and the Na-ether set\'s crack, fresh fraction and passivation are assumed (cevalid67: the ' +
    'out-of-sample test of the SEI sets, which the row fails, 93.9 % against 99.9 %)',
  studies: ['sei-ce-na-glyme'],
};

export const VERDICTS: Verdict[] = [
  { key: 'ay:seh-2015', ...SEH_2015 },
  { key: 'doi:10.1021/acscentsci.5b00328', ...SEH_2015 },
  { key: 'vp:1,449', ...SEH_2015 },
  {
    key: 'ay:valoen-2005', verdict: 'verification',
    input: 'LiPF6-EC-DMC\'s c0, D, t+ and kappa (and LiPF6-EC-EMC\'s Arrhenius energies): Valoen and Reimers\' fit at 1 M, 25 degC',
    target: 'Sand\'s time t_s = pi D (z c0 F)^2 / (4 (J (1 - t+))^2) evaluated with the same set\'s D, c0 and t+',
    why: 'the row tests the transport solver against Sand\'s law at the set\'s own values; it is no evidence for the ' +
      'values (a wrong D would move the law and the model together)',
    studies: ['transport-sand'],
  },
  {
    key: 'model:3', verdict: 'same-paper',
    input: 'every metal\'s i0 (about 1 mA/cm2 for Li) and attempt frequency (1e12 to 1e13 1/s), orders of magnitude of MODEL.md 3',
    target: 'an identity of the model\'s rates (a position next to metal has the metal\'s barrier, MODEL.md 3): the host\'s ' +
      'shift cancels out of the reservoir stage\'s rates, 0',
    why: 'same section, different quantity: the row checks a rule of the rate laws, which holds for any i0 and attempt frequency',
    studies: ['nucleation-host-reduction'],
  },
  {
    key: 'model:6', verdict: 'same-paper', studyVerdicts: { 'bv-asinh': 'verification' },
    input: 'alpha = 1/2 for Li, Na and K (symmetric charge transfer, MODEL.md 6: Tafel 118 mV/dec)',
    target: 'bv-asinh: the Tafel slope 2.303 kT / (alpha e) = 118.3 mV/dec at alpha 1/2; long-tests: the morphology against ' +
      'the Damkoehler number (MODEL.md 6; Hao, Verma and Mukherjee 2018)',
    why: 'bv-asinh\'s Tafel row is the same number by the letter (alpha was set from the 118 mV/dec, and the row compares with ' +
      '118.3): it tests that the kMC rates reproduce the Butler-Volmer law they are built from, and says nothing of whether ' +
      'alpha = 1/2 describes Li (verification). The Damkoehler row compares a morphology trend, a different quantity',
    studies: ['bv-asinh', 'long-tests'],
  },
  {
    key: 'review', verdict: 'same-paper',
    input: 'the DFT numbers the review quotes (M0 or ion binding energies, a desolvation energy, bond-length changes) that ' +
      'set SAC bindings, a reduction shift and the SAC deactivation; the NaF shares of ref 71 that set the SEI inorganic ' +
      'shares; ref 61\'s lithiophilic N-doped carbon (no number: the 90 deg angle is assumed)',
    target: 'the review\'s qualitative claims on SAC hosts (lower nucleation barrier, many uniform nuclei, compact deposits, ' +
      'less dead metal), its reported nucleation overpotentials, and the rows named under the review\'s references below',
    why: 'the review is one paper quoting many: an input and a row citing it share the paper; the rows that share a reference ' +
      'with an input are judged under that reference (review-ref:N). Every other row compares with a different quantity ' +
      '(an effect\'s sign, or a measured overpotential) than the DFT energies and XPS shares the inputs take',
    studies: ['cycling-trends', 'long-tests', 'nucleation-ffs-ends', 'nucleation-ffs-literature', 'nucleation-ffs-literature-rest',
      'nucleation-host-reduction', 'nucleation-plateau', 'nucleation-two-scale', 'sac-island-uniformity-confirm', 'sac-island-uniformity-paired',
      'sac-island-uniformity-replicate', 'sac-morphology', 'sac-nucleation-paired', 'sac-nucleation-standard', 'sac-share-chance',
      'sac-spacecharge', 'sac-stable-islands-paired', 'sac-transport', 'sac-transport-ohmic', 'sac-voids', 'sei-layer-mustshows',
      'sei-sac', 'sei-sac-replicate'],
  },
  {
    key: 'review-ref:50', verdict: 'same-paper',
    input: 'SAFe-CVRCS\'s reduction shift, -0.382 eV: the desolvation energy of Li(DME)4+ -> Li(DME)3+, 36.84 kJ/mol (Fig. 3A)',
    target: NUCLEATION_REPORTED + ': SAFe/CVRCS@3DPC-Cu, 29 mV (Fig. 3E)',
    why: 'same paper, different quantity and figure: a DFT desolvation energy against a measured nucleation overpotential',
    studies: ['nucleation-ffs-ends', 'nucleation-ffs-literature', 'nucleation-ffs-literature-rest'],
  },
  {
    key: 'review-ref:58', verdict: 'same-paper',
    input: 'Zn-N4\'s Li binding: the DFT Li0 binding on ZnSAs and on graphene, -3.66 and -2.37 eV (Fig. 4A)',
    target: 'sac-share-chance-zn: the share of the first atoms on Zn-N4 sites above chance (the review: ZnSAs hold the first ' +
      'Li; the row\'s text quotes the 1.29 eV difference)',
    why: 'same paper, different quantity: the row measures where the model\'s first atoms sit, which follows from the binding ' +
      'input; it shows that the model turns the DFT binding into preferred sites, and is no independent evidence that ZnSAs ' +
      'bind Li more strongly',
    studies: ['sac-share-chance'],
  },
  {
    key: 'review-ref:61', verdict: 'violation',
    input: 'Zr-N4\'s and Mn-N4\'s bond-length change under plating, 0.103 and 0.005 A (Fig. 4G), read by the SEI rule as each ' +
      'site\'s deactivation per plating event (bond_length_change / deactivation_length 1 A, input/sei.ts); also ' +
      'their DFT Li0 bindings (Fig. 4F) and N-graphene\'s lithiophilicity (no number)',
    target: 'sei-sac-stability: SAC sites lost, Zr-N4 minus Mn-N4, > 0 (the review: SAZr@NG collapses, SAMn@NG stays, ' +
      '0.103 vs 0.005 A, Fig. 4G)',
    why: 'the same measurement: Fig. 4G\'s distortions set the two loss probabilities (10.3 % and 0.5 % per plating event) ' +
      'and are the claim; the row can only come out as the inputs order it (the project\'s audit, docs/history/part-2.md, ' +
      'lists it under "by construction"). A fix: mark the row a design check (claim: false, or a design-check kind in ' +
      'the tables), or set the deactivation from an independent measure of stability (e.g. the screen\'s aggregation ' +
      'margin or dissolution potential, data/stability/) and keep Fig. 4G as the target',
    studies: ['sei-sac'],
  },
  {
    key: 'review-ref:64', verdict: 'same-paper',
    input: 'sp2c-COF-Co\'s Li binding: the DFT Li+ binding with and without Co, -3.302 and -1.856 eV (read as M0)',
    target: NUCLEATION_REPORTED + ': sp2c-COF-Co, 8 mV',
    why: 'same paper, different quantity: DFT binding energies against a measured nucleation overpotential',
    studies: ['nucleation-ffs-literature', 'nucleation-ffs-literature-rest'],
  },
  {
    key: 'review-ref:70', verdict: 'same-paper',
    input: 'Zn-N4\'s Na binding: the DFT Na+ binding with and without Zn, 0.34 and 0.09 eV (read as M0); carbon-cloth\'s ' +
      'binding note names ref 70 only to say that v1 set the factor 0.9 from the Na order 9 vs 32 mV and that it is no longer used',
    target: 'the Na nucleation overpotentials of ref 70 (Cu 32 mV, carbon cloth 9 mV, ZnSA-N-C 0 mV): ' + NUCLEATION_REPORTED +
      '; long-tests: the order carbon cloth vs Cu',
    why: 'same paper, different quantity: DFT binding energies against measured overpotentials. v1\'s carbon-cloth factor was ' +
      'a violation (set from the order it was tested on); the wetting angle replaced it (params/hosts.ts), so the order is now ' +
      'a prediction (Cu and carbon cloth are the same host to the model, and the long-tests row says so)',
    studies: ['long-tests', 'nucleation-ffs-literature', 'nucleation-ffs-literature-rest'],
  },
  {
    key: 'review-ref:72', verdict: 'same-paper',
    input: 'Co-N4\'s Na binding: the DFT Na0 binding of Co_SA@NC, -2.29 eV (cohesive reference)',
    target: NUCLEATION_REPORTED + ': Co_SA@NC, 11.5 mV at 0.5 mA/cm2',
    why: 'same paper, different quantity: a DFT binding energy against a measured nucleation overpotential',
    studies: ['nucleation-ffs-ends', 'nucleation-ffs-literature', 'nucleation-ffs-literature-rest'],
  },
];

export const HAND_VERDICTS: HandVerdict[] = [
  {
    id: 'aurbach-carbonate-crack', verdict: 'violation',
    inputs: ['sei/carbonate crack', 'sei/ether-LiNO3 crack'],
    rows: /^(sei-aurbach sei-aurbach-carbonate(-torn)?|sei-layer-mustshows sei-layer-mustshows-aurbach-carbonate-on|sei-void-headline sei-void-headline-void-aurbach-carbonate)$/,
    input: 'every SEI set\'s crack probability and the cracking rule (carbonate 0.1 -> 0.8, LiNO3 0.01 -> 0.2, commit 2fcf9ebd)',
    target: 'the Aurbach CE of Li in carbonates, 90-99.5 % (issue 10, must show 2)',
    why: 'tuned to the target: the rule and the crack values were changed after a validation run read 86.8 %, below the ' +
      '90-99.5 % asked (docs/history/part-2.md, the audit of must show 10; docs/cycling.md: "not predictions"). No key ' +
      'links them: the crack values cite no source. A fix: mark the row calibrated (claim: false, a calibration row), ' +
      'and test the held values on a CE they were not set from (another electrolyte, protocol or current)',
  },
  {
    id: 'aurbach-lino3-sign', verdict: 'violation',
    inputs: ['sei/ether-LiNO3 passivation', 'sei/ether-LiNO3 crack', 'sei/ether-LiNO3 freshFraction'],
    rows: /^(sei-aurbach sei-aurbach-lino3-minus-carbonate(-torn)?|sei-layer-mustshows sei-layer-mustshows-aurbach-lino3-minus-carbonate-on|sei-void-headline sei-void-headline-void-aurbach-lino3-minus-carbonate)$/,
    input: 'the ether + LiNO3 set\'s passivation, crack and fresh fraction, chosen smaller than the carbonate set\'s as "the ' +
      'reason LiNO3 raises CE"',
    target: 'the sign of the CE difference, ether + LiNO3 minus carbonate, > 0 (98-99 % vs ~90 %)',
    why: 'the same quantity by construction: the inputs were chosen to give the sign the row tests (docs/cycling.md: "not ' +
      'predictions"; the audit in docs/history/part-2.md lists the sign under "by construction"); only its size, +6.85 ' +
      'points against the stated +20, is free. A fix: label the rows design checks (claim: false), or set the LiNO3 ' +
      'set\'s values from a measurement other than the CE (e.g. an SEI resistance or a corrosion rate)',
  },
  {
    id: 'butler-volmer', verdict: 'verification', bySource: true,
    inputs: ['metal/Li transferCoefficient', 'metal/Li exchangeCurrentDensity'],
    rows: /^(Butler-Volmer, alpha 1\/2|2\.303 kT \/ \(alpha e\))/,
    input: 'Li\'s alpha = 1/2 and i0 = 1 mA/cm2 (MODEL.md 6 and 3)',
    target: 'the Butler-Volmer overpotential (2kT/e) asinh(j / 2 i0) and the Tafel slope 2.303 kT / (alpha e), at those values',
    why: 'the rows evaluate the law with the set\'s own alpha and i0: they test that the kMC rates give the Butler-Volmer ' +
      'law, not that the values describe Li (a wrong i0 moves the law and the model together)',
  },
  {
    id: 'sand', verdict: 'verification',
    inputs: ['electrolyte/LiPF6-EC-DMC diffusivity', 'electrolyte/LiPF6-EC-DMC transference', 'electrolyte/LiPF6-EC-DMC concentration'],
    // the rows that compare with Sand's law itself (transport-pulse's row citing Sand compares a share, a prediction)
    rows: /^(transport-sand sand-(slope|absolute)|transport-growth post-sand-onset)$/,
    input: 'the electrolyte\'s D, t+ and c0 (Valoen and Reimers 2005 for LiPF6 in EC/DMC)',
    target: 'Sand\'s time (Sand 1901) evaluated with the run\'s own D, t+ and c0 (its slope against current, -2, and its value; the finite layer\'s exact onset time)',
    why: 'as the Butler-Volmer rows: a test of the transport solver against the law at the inputs\' values',
  },
];

// ---------------------------------------------------------------------------------------------
// the doc's table (docs/calibration.md, between the markers; test/calibration.test.ts checks it is current)

export const CALIBRATION_MARKERS = { start: '<!-- calibration:start -->', end: '<!-- calibration:end -->' } as const;
export const CALIBRATION_DOC = 'docs/calibration.md';

const cell = (x: string) => x.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const short = (x: string, n: number) => (x.length > n ? `${x.slice(0, n - 3)}...` : x);
const num = (v: number) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(v));

/** The generated part of docs/calibration.md: counts, the verdicts, the inputs that cite a work, the targets by source. */
export function renderCalibration(inputs: readonly CalibrationInput[], targets: readonly ValidationTarget[]): string {
  const check = checkCalibration(inputs, targets);
  const rows = rowVerdicts(targets, check);
  const used = inputs.filter((i) => INPUT_ROLES.includes(i.role));
  const citing = used.filter((i) => i.keys.length > 0 || !i.assumed);
  const count = (v: RowVerdict) => [...rows.values()].filter((x) => x === v).length;
  // calibfix67: a violation's cell says whether its rows carry the `calibrated` label (the tables say "calibrated" for them)
  const violationCell = (id: string) => {
    const st = check.violations.find((v) => v.id === id);
    return !st ? '**violation**' : st.status === 'labelled' ? `**violation**, labelled (its ${st.rows.length} row${st.rows.length > 1 ? 's say' : ' says'} calibrated)`
      : `**violation**, **open** (${st.unlabelled.length} of ${st.rows.length} rows not labelled calibrated)`;
  };
  const violating = targets.filter((t) => rows.get(t) === 'violation');
  const labelled = violating.filter((t) => t.calibrated).length, elsewhere = labelledElsewhere(targets, check);
  const out: string[] = [CALIBRATION_MARKERS.start, '',
    '<!-- generated by `node dist/validation/calibration.js --write` from the parameter sets and validation/results.json; do not edit by hand -->', '',
    `Inputs: ${inputs.length} sourced values in the built-in sets, ${used.length} read by a run or by the derivation of a run value ` +
    `(${inputs.filter((i) => i.role === 'kept').length} kept only, ${inputs.filter((i) => i.role === 'reported').length} published measurements kept for comparison); ` +
    `${citing.length} of the ${used.length} cite a work or a MODEL.md section (or are not marked assumed), ${used.length - citing.length} are assumed with no work named.`, '',
    `Targets: ${targets.length} claim rows in validation/results.json, ${targets.filter((t) => t.keys.length).length} citing a work or a MODEL.md section. ` +
    `Per row (its worst verdict): independent ${count('independent')}, verification ${count('verification')}, same paper ${count('same-paper')}, ` +
    `violation ${count('violation')}${count('unlisted') ? `, **unlisted ${count('unlisted')}**` : ''}. ` +
    `Of the ${violating.length} violating rows, ${labelled} carry the \`calibrated\` label (the validation tables say "calibrated", not yes/no)` +
    `${labelled < violating.length ? `, **${violating.length - labelled} do not**` : ''}; ` +
    `${check.violations.filter((v) => v.status === 'labelled').length} of the ${check.violations.length} violations are labelled in full.` +
    (elsewhere.length ? ` Labelled calibrated with no violation found here: ${elsewhere.map((t) => `${t.study} ${t.row}`).join(', ')}.` : ''), '',
    '### Shared works', '',
    '| key | verdict | inputs (set, path) | what the inputs take | what the rows compare with | studies (claim rows) | why |',
    '|---|---|---|---|---|---|---|'];
  for (const o of check.overlaps) {
    const v = VERDICTS.find((x) => x.key === o.key);
    const n = (s: string) => targets.filter((t) => t.study === s && t.keys.includes(o.key)).length;
    const studies = o.studies.map((s) => `${s} (${n(s)}${v?.studyVerdicts?.[s] ? `, ${v.studyVerdicts[s]}` : ''})`).join(', ');
    out.push(`| ${o.key} | ${v ? (v.verdict === 'violation' ? violationCell(o.key) : v.verdict) : '**unlisted**'} | ${cell(o.inputs.join(', '))} | ${cell(v?.input ?? '')} | ${cell(v?.target ?? '')} | ${cell(studies)} | ${cell(v?.why ?? '')} |`);
  }
  out.push('', '### Found by reading (no shared key)', '',
    '| id | verdict | inputs (set, path) | what the inputs take | what the rows compare with | claim rows | why |', '|---|---|---|---|---|---|---|');
  for (const h of HAND_VERDICTS) {
    const covered = targets.filter((t) => handCovers(h, t));
    const studies = [...new Set(covered.map((t) => t.study))].sort().map((s) => `${s} (${covered.filter((t) => t.study === s).length})`).join(', ');
    out.push(`| ${h.id} | ${h.verdict === 'violation' ? violationCell(h.id) : h.verdict} | ${cell(h.inputs.join(', '))} | ${cell(h.input)} | ${cell(h.target)} | ${cell(studies)} | ${cell(h.why)} |`);
  }
  out.push('', '### Inputs that cite a work', '',
    `The ${citing.length} values read by a run (or by a derivation) that cite a work, a MODEL.md section or a data file; the ${used.length - citing.length} ` +
    'assumed values that name no work are in `sacplate params show`.', '',
    '| set | path | value | role | source (ref; where; note, shortened) | keys |', '|---|---|---|---|---|---|');
  for (const i of citing) out.push(`| ${i.set} | ${i.path} | ${num(i.value)} ${cell(i.unit === '1' ? '' : i.unit)} | ${i.role}${i.assumed ? ', assumed' : ''} | ${cell(short(i.cites, 220))} | ${i.keys.join(', ') || '-'} |`);
  out.push('', '### Targets by source', '',
    'Every claim row\'s source, with its rows, studies, keys and verdict (the worst of its rows).', '',
    '| source (shortened) | rows | studies | keys | verdict |', '|---|---|---|---|---|');
  const bySource = new Map<string, ValidationTarget[]>();
  for (const t of targets) { const k = t.source; if (!bySource.has(k)) bySource.set(k, []); bySource.get(k)!.push(t); }
  for (const [src, ts] of [...bySource].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    let worst: RowVerdict = 'independent';
    for (const t of ts) { const v = rows.get(t)!; if (RANK[v] > RANK[worst]) worst = v; }
    const keys = [...new Set(ts.flatMap((t) => t.keys))].sort();
    const studies = [...new Set(ts.map((t) => t.study))].sort();
    out.push(`| ${cell(short(src || '(none)', 160))} | ${ts.length} | ${cell(short(studies.join(', '), 160))} | ${keys.join(', ') || '-'} | ${worst === 'violation' ? '**violation**' : worst} |`);
  }
  out.push('', CALIBRATION_MARKERS.end);
  return out.join('\n');
}

/** The doc with its generated part replaced (the markers must be there). */
export function withCalibration(doc: string, block: string): string {
  const a = doc.indexOf(CALIBRATION_MARKERS.start), b = doc.indexOf(CALIBRATION_MARKERS.end);
  if (a < 0 || b < a) throw new Error(`${CALIBRATION_DOC}: the markers ${CALIBRATION_MARKERS.start} ... ${CALIBRATION_MARKERS.end} are missing`);
  return doc.slice(0, a) + block + doc.slice(b + CALIBRATION_MARKERS.end.length);
}

// `node dist/validation/calibration.js --write` (from the repository's root): rewrites docs/calibration.md's table;
// without --write, prints the check's problems and exits 1 if there are any
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const inputs = calibrationInputs(), targets = validationTargets();
  const c = checkCalibration(inputs, targets);
  const problems = [...c.unlisted.map((o) => `unlisted key ${o.key}: inputs ${o.inputs.join(', ')}; studies ${o.studies.join(', ')}`),
    ...c.changed.map(([v, o]) => `key ${v.key}: listed studies ${v.studies.join(', ')}, found ${o.studies.join(', ')}`),
    ...c.stale.map((v) => `key ${v.key} is listed but no longer shared`), ...c.handProblems.map(([id, w]) => `${id}: ${w}`),
    ...c.violations.filter((v) => v.status === 'open').map((v) => `violation ${v.id}: rows not labelled calibrated: ${v.unlabelled.join(', ')}`)];
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (process.argv.includes('--write')) {
    const path = resolve(CALIBRATION_DOC);
    writeFileSync(path, withCalibration(readFileSync(path, 'utf8'), renderCalibration(inputs, targets)));
    process.stdout.write(`wrote ${CALIBRATION_DOC}\n`);
  }
  if (problems.length) process.exitCode = 1;
}
