/**
 * The cases of a nucleation study as a user writes them: `sacplate nucleation`'s flags, a case
 * file (metal, current, capacity, cases [{name, host, sac, loading}]), `--against-literature`,
 * and the workbench's `POST /api/nucleation` body (the same keys). One reader for all of them, so
 * the CLI and the server accept the same values and give the same one-line messages (the field
 * is the flag at the CLI, `--current`, and the key in a file or a body, `current`; a key inside a
 * flag's text follows the flag, `--sac binding`, and inside a key's text the key, `cases[0].sac.binding`).
 */
import { MAX_CURRENT_A_PER_M2 } from '../input/limits.js';
import { InputError } from '../errors.js';
import { parseQuantity, TO } from '../units.js';
import { countExpected, countOf, refuseUnknownKeys } from '../args.js';
import { nearestWord } from '../did-you-mean.js';
import { parseNamedSacText, parseSacText, resolveStudy, SAC_TEXT_KEYS, type NamedSac, type SacNumbers } from './system.js';
import { parseHostReduction } from './host-reduction.js';
import { parsePlateauRule } from './plateau.js';
import { MAX_CAPACITY_C_PER_M2 } from './defaults.js';
import { DEFAULT_FFS_REPETITIONS, defaultSampler, parseFfsRepetitions, parseSampler, parseTailEnd, usesFfs } from './sampler.js';
import type { AtomisticOptions, NucleationRequest } from './index.js';

/** One study with its name; `reported` is the review's figure beside it (--against-literature). */
export interface NucleationCase {
  name: string;
  req: NucleationRequest;
  /** a case file's case: 'cases[i]', the prefix of its fields in errors */
  where?: string;
  /** where the case gives its own loading, when it does: '--sac' or 'sac' (one case), 'cases[i].sac' or 'cases[i].loading' */
  loadingFrom?: string;
  reported?: { value_mV: number; record: string; ref: number; quote: string; quantity: string; current: string;
    /** where the review gives it (section, figure: "section 3.1, Fig. 3E"), and the DOI of the paper it cites (null: none
     * found, data/literature/_dois.yaml); since review51 */
    where?: string | null; doi?: string | null };
  /** where the case's temperature was given and as what (`--temperature`, `temperature`, `cases[1].temperature`):
   * a molten metal is refused naming it (prepareCases); left out at the default 25 degC (nucl64) */
  temperatureFrom?: { field: string; value: unknown };
  /** set by prepareCases: what the SAC's site density assumes (a wt% loading without its element), or null */
  sacLoadingAssumption?: string | null;
}

/** a text that starts with one of the SAC numbers' keys ("binding", "migration", ...) */
const SAC_KEY_FIRST = new RegExp(`^\\s*(${Object.keys(SAC_TEXT_KEYS).join('|')})\\b`, 'i');

/** a SAC's name as the first part of a text: starts with a letter, no spaces ("Zn-N4", "Co-N/O", "SAFe-CVRCS") */
const NAME_FIRST = /^\s*[A-Za-z][^\s,]*\s*(,|$)/;

/** An InputError with its field named otherwise (the same value and expectation); anything else, or a field
 * `rename` leaves (undefined), as it was. */
function renamed(e: unknown, rename: (field: string) => string | undefined): unknown {
  if (!(e instanceof InputError)) return e;
  const field = rename(e.field);
  return field === undefined ? e : new InputError(field, e.value, e.expected);
}

/** a SAC text's field (`sac`, `sac.binding`: system.ts names them so) as the text was given: `at` for `sac` itself, a
 * key after it joined by `sep` (`--sac` and ' ' at the CLI: `--sac binding`; `cases[0].sac` and '.' in a file) */
function sacFieldAt(field: string, at: string, sep: string): string | undefined {
  if (field === 'sac') return at;
  return field.startsWith('sac.') ? `${at}${sep}${field.slice(4)}` : undefined;
}

/**
 * "Zn-N4" names a SAC of the parameter sets; "Zn-N4, loading 2 wt%, migration 1.5 eV" names one and
 * sets what a named SAC takes (system.ts NAMED_SAC_KEYS); "binding -2.29 eV, loading 1.2 wt%" gives
 * a SAC by its numbers.
 */
export function sacArg(text: string | undefined): { sac?: string | NamedSac | SacNumbers; loading?: string } {
  if (text === undefined) return {};
  // a name first, then overrides (a leading key is numbers: "binding -2.29 eV, ...")
  if (text.includes(',') && NAME_FIRST.test(text) && !SAC_KEY_FIRST.test(text)) return parseNamedSacText(text);
  // numbers, not a name: an energy, a comma or a leading key (a unit left out must say so, not "unknown SAC")
  if (/\d\s*eV/i.test(text) || text.includes(',') || SAC_KEY_FIRST.test(text)) {
    const p = parseSacText(text);
    const r: { sac: SacNumbers; loading?: string } = { sac: p.numbers };
    if (p.loading !== undefined) r.loading = p.loading;
    return r;
  }
  return { sac: text };
}

/** sacArg, its errors named where the text was given (sacFieldAt: `--sac` and ' ', or `cases[0].sac` and '.') */
export function sacArgAt(text: string | undefined, at: string, sep: ' ' | '.'): ReturnType<typeof sacArg> {
  try { return sacArg(text); } catch (e) { throw renamed(e, (f) => sacFieldAt(f, at, sep)); }
}

/** plating current density, A/m2 */
export function currentOf(field: string, v: unknown): number {
  const I = parseQuantity(field, v, 'currentDensity');
  if (!(I > 0)) throw new InputError(field, v, 'a positive plating current density, e.g. "1 mA/cm2"');
  // the bound a run file's steps have (input/limits.ts): 1e6 mA/cm2 ran and gave a plateau 565 mV below its peak
  if (!(I <= MAX_CURRENT_A_PER_M2)) throw new InputError(field, v, `a plating current density up to ${TO.mA_per_cm2(MAX_CURRENT_A_PER_M2)} mA/cm2 (ten times the highest reported for metal anodes), e.g. "1 mA/cm2"`);
  return I;
}

export { MAX_CAPACITY_C_PER_M2 };

/** plated capacity, C/m2 */
export function capacityOf(field: string, v: unknown): number {
  const Q = parseQuantity(field, v, 'arealCapacity');
  if (!(Q > 0)) throw new InputError(field, v, 'a positive areal capacity, e.g. "0.02 mAh/cm2"');
  if (!(Q <= MAX_CAPACITY_C_PER_M2)) {
    throw new InputError(field, v, 'an areal capacity up to 100 mAh/cm2 (0.5 mm of dense Li, 0.9 mm Na, 1.7 mm K: thicker than any anode; the default is 0.02 mAh/cm2)');
  }
  return Q;
}

function integerOf(field: string, v: unknown, min: number, max: number, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = countOf(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(field, v, countExpected(`an integer from ${min} to ${max} (${what})`, v));
  return n;
}

/** atomistic runs per overpotential */
export const runsOf = (field: string, v: unknown) => integerOf(field, v, 4, 1000, 'atomistic runs per overpotential');

/**
 * The atomistic stage's settings a user may change (AtomisticOptions): runs per overpotential, and
 * for quick checks the box (sites per side), the cluster size a run stops at and its event budget.
 * Each is part of the cache key: other settings are other atomistic data.
 */
export function atomisticOf(fields: { runs: string; box: string; target: string; maxEvents: string; plain: string; capture: string; sampler?: string; tailEnd?: string; ffsRepetitions?: string },
  v: { runs?: unknown; box?: unknown; target?: unknown; maxEvents?: unknown; plain?: unknown; capture?: unknown; sampler?: unknown; tailEnd?: unknown; ffsRepetitions?: unknown }): AtomisticOptions | undefined {
  const o: AtomisticOptions = {};
  const runs = runsOf(fields.runs, v.runs);
  const L = integerOf(fields.box, v.box, 4, 256, 'sites per side of the atomistic box; default 16');
  const target = integerOf(fields.target, v.target, 4, 1000, 'atoms in the largest cluster at which an atomistic run stops; default 40');
  const maxEvents = integerOf(fields.maxEvents, v.maxEvents, 1000, 1e9, 'events per atomistic run; default 200000');
  if (v.plain !== undefined && typeof v.plain !== 'boolean') throw new InputError(fields.plain, v.plain, 'true or false');
  if (runs !== undefined) o.runs = runs;
  if (L !== undefined) o.L = L;
  if (target !== undefined) o.target = target;
  if (maxEvents !== undefined) o.maxEvents = maxEvents;
  if (v.plain === true) o.reservoir = false;
  // the capture correction: on / off (the CLI's words) or true / false (a request body)
  if (v.capture !== undefined) {
    const on = v.capture === true || v.capture === 'on' ? true : v.capture === false || v.capture === 'off' ? false : undefined;
    if (on === undefined) throw new InputError(fields.capture, v.capture, typeof v.capture === 'string' ? 'on or off (divide J(eta) by the lattice capture factor; default on)' : 'true or false (divide J(eta) by the lattice capture factor; default true)');
    // plain kMC has nothing to correct: "on" beside it is a contradiction, said rather than ignored
    if (on && v.plain === true) throw new InputError(fields.capture, v.capture, `off or left out with ${fields.plain} (the correction is of the adatom elimination; plain kMC has nothing to correct)`);
    if (!on) o.capture = false;
  }
  // the sampler: left out, the library's default (mfpt+ffs with the tail end electrode; mfpt under --plain); a named one is
  // kept, 'mfpt' too (it is no longer the default; its resolved options and cache key are the ones of before)
  const named = v.sampler === undefined || fields.sampler === undefined ? undefined : parseSampler(fields.sampler, v.sampler);
  if (fields.sampler !== undefined && named !== undefined && usesFfs(named) && v.plain === true) throw new InputError(fields.sampler, v.sampler, `mfpt or left out with ${fields.plain} (forward flux sampling restarts runs from column heights, the whole state only with the elimination of lone adatoms)`);
  if (named !== undefined) o.sampler = named;
  const sampler = named ?? defaultSampler(v.plain !== true);
  // where the mfpt+ffs tail ends: 'electrode' (its default) or 'floor', kept when named; 'electrode' with that sampler only
  if (v.tailEnd !== undefined && fields.tailEnd !== undefined) o.tailEnd = parseTailEnd(fields.tailEnd, v.tailEnd, sampler);
  // FFS repetitions per overpotential (a number as text too, as --runs): the default adds nothing (its cache key stays); ffs or mfpt+ffs only
  if (v.ffsRepetitions !== undefined && fields.ffsRepetitions !== undefined) {
    const n = parseFfsRepetitions(fields.ffsRepetitions, v.ffsRepetitions, sampler, true);
    if (n !== DEFAULT_FFS_REPETITIONS) o.ffsRepetitions = n;
  }
  return Object.keys(o).length ? o : undefined;
}

/** The review's systems with a reported nucleation (or plating) overpotential that the parameter sets can describe. */
const LITERATURE_CASES: { metal: string; host: string; sac?: string; record: string; subject?: RegExp; quantity?: string }[] = [
  { metal: 'Li', host: 'carbon-cloth', sac: 'SAFe-CVRCS', record: 'SAFe/CVRCS@3DPC' },
  { metal: 'Li', host: 'sp2c-COF', sac: 'sp2c-COF-Co', record: 'sp2c-COF-Co' },
  { metal: 'Na', host: 'Cu', record: 'ZnSA-N-C', subject: /copper/i },
  { metal: 'Na', host: 'carbon-cloth', record: 'ZnSA-N-C', subject: /carbon cloth/i },
  { metal: 'Na', host: 'N-graphene', sac: 'Zn-N4', record: 'ZnSA-N-C' },
  { metal: 'Na', host: 'N-graphene', sac: 'Co-N4', record: 'CoSA@NC' },
  { metal: 'K', host: 'hard-carbon', sac: 'Co-N4', record: 'SA-Co@HC', quantity: 'overpotential' },
  // control: the metal's own foil (no report; the model must give < 1 mV)
  { metal: 'Li', host: 'Li', record: '' },
];

// the evidence base is loaded only when asked for: a cached call stays fast (issue 15, speed)
export async function literatureCases(current: number | undefined, capacity: number | undefined): Promise<NucleationCase[]> {
  const { loadLiterature } = await import('../evidence/records.js');
  const recs = loadLiterature().records;
  const out: NucleationCase[] = [];
  for (const c of LITERATURE_CASES) {
    const r = recs.find((x) => x.name === c.record);
    const q = c.quantity ?? 'nucleation_overpotential';
    const f = r?.figures.find((x) => x.quantity === q && (c.subject ? x.subject !== undefined && c.subject.test(x.subject) : x.subject === undefined));
    const cur = f?.conditions?.current_density;
    const I = current ?? (cur ? currentOf('conditions.current_density', cur) : 10);
    const req: NucleationRequest = { metal: c.metal, host: c.host, current_A_per_m2: I };
    if (c.sac) req.sac = c.sac;
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    const cs: NucleationCase = { name: `${c.metal} on ${c.host}${c.sac ? ' + ' + c.sac : ''}`, req };
    if (f && r) {
      cs.reported = { value_mV: f.value, record: r.name, ref: f.ref, quote: f.quote, quantity: q, current: cur ?? '1 mA/cm2 (not reported; assumed)',
        where: f.where ?? null, doi: r.citations.find((x) => x.number === f.ref)?.doi ?? null };
    }
    out.push(cs);
  }
  return out;
}

/** The keys of a nucleation case file and of each case (nothing else is read). */
export const FILE_KEYS = ['metal', 'current', 'capacity', 'temperature', 'cases'] as const;
export const CASE_KEYS = ['name', 'host', 'sac', 'loading', 'temperature'] as const;

/** A temperature given (K) and where (the field and the value as written; `--temperature` at the CLI). */
export interface TemperatureGiven { K: number; field: string; value: unknown }

/**
 * A temperature as given (`--temperature`, a file's, a body's or a case's `temperature`), read by the run file's
 * temperature schema (temperature.ts), which is loaded only when a temperature is given (it loads zod: issue 15, speed).
 */
export async function temperatureGiven(field: string, v: unknown): Promise<TemperatureGiven> {
  const { temperatureOf } = await import('./temperature.js');
  return { K: temperatureOf(field, v), field, value: v };
}

/** the temperature reader casesFromDoc is given (temperature.ts temperatureOf) */
export type TemperatureReader = (field: string, v: unknown) => number;

/**
 * The cases of a case file's mapping (`base` holds --current / --capacity / --temperature when given: they win over the
 * file's keys). A temperature: the file's `temperature:` for every case, a case's own `temperature:` for it (nucl64);
 * a case's own beside --temperature is refused (two temperatures for one case, as two loadings are). `base.temperatureOf`
 * reads them (temperature.ts, loaded by the caller: it brings zod, which this module does not load; issue 15, speed).
 */
export function casesFromDoc(d: Record<string, unknown>, base: { current?: number; capacity?: number; temperature?: TemperatureGiven; temperatureOf?: TemperatureReader }): NucleationCase[] {
  // a misspelt key would otherwise run silently with the default (curent: -> 1 mA/cm2)
  refuseUnknownKeys('', d, FILE_KEYS);
  if (typeof d.metal !== 'string') throw new InputError('metal', d.metal, 'Li, Na or K');
  const current = base.current ?? currentOf('current', d.current ?? '1 mA/cm2');
  const capacity = base.capacity ?? (d.capacity !== undefined ? capacityOf('capacity', d.capacity) : undefined);
  const readT = (field: string, v: unknown): TemperatureGiven => {
    if (!base.temperatureOf) throw new Error(`casesFromDoc: ${field} given and no temperature reader (temperature.ts temperatureOf)`);
    return { K: base.temperatureOf(field, v), field, value: v };
  };
  const fileT = base.temperature ?? (d.temperature !== undefined ? readT('temperature', d.temperature) : undefined);
  if (!Array.isArray(d.cases) || d.cases.length === 0) throw new InputError('cases', d.cases, 'a list of cases, each with host and optionally sac and loading');
  // each case's own temperature, a second temperature for a case refused before any is read
  const ownT: (TemperatureGiven | undefined)[] = [];
  for (const [i, c] of (d.cases as unknown[]).entries()) {
    const t = c && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>).temperature : undefined;
    if (t !== undefined && base.temperature !== undefined) {
      throw new InputError(base.temperature.field, base.temperature.value, `nothing: cases[${i}] gives its own temperature already (${String(t)}); give it once: in the cases, or with ${base.temperature.field} for every case`);
    }
    ownT.push(t !== undefined ? readT(`cases[${i}].temperature`, t) : undefined);
  }
  const given: boolean[] = [];
  const cases = d.cases.map((c: unknown, i: number): NucleationCase => {
    if (!c || typeof c !== 'object') throw new InputError(`cases[${i}]`, c, 'a mapping with host, sac, loading');
    const cc = c as Record<string, unknown>;
    refuseUnknownKeys(`cases[${i}]`, cc, CASE_KEYS, { owner: 'a case has:' });
    if (typeof cc.host !== 'string') throw new InputError(`cases[${i}].host`, cc.host, 'a host name (sacplate params list)');
    const req: NucleationRequest = { metal: d.metal as string, host: cc.host, current_A_per_m2: current };
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    const T = ownT[i] ?? fileT;
    if (T !== undefined) req.T_K = T.K;
    let loadingFrom: string | undefined;
    if (cc.sac !== undefined) {
      if (typeof cc.sac !== 'string') throw new InputError(`cases[${i}].sac`, cc.sac, 'a SAC name or "binding <eV>, ..."');
      Object.assign(req, sacArgAt(cc.sac, `cases[${i}].sac`, '.'));
      if (req.loading !== undefined) loadingFrom = `cases[${i}].sac`;
    }
    if (cc.loading !== undefined) {
      // one loading per case: the key and the sac's text both giving one ran with the key's
      if (req.loading !== undefined) throw new InputError(`cases[${i}].loading`, cc.loading, `nothing: the case's sac gives a loading already (${req.loading}); give it once`);
      req.loading = String(cc.loading);
      loadingFrom = `cases[${i}].loading`;
    }
    given.push(typeof cc.name === 'string');
    const name = typeof cc.name === 'string' ? cc.name : `${req.metal} on ${req.host}${cc.sac ? ' + ' + String(cc.sac) : ''}`;
    return { name, req, where: `cases[${i}]`, ...(loadingFrom !== undefined ? { loadingFrom } : {}), ...(T !== undefined ? { temperatureFrom: { field: T.field, value: T.value } } : {}) };
  });
  // one name per case: the table's rows, eta.csv's case column and the figure's curves are told apart by it (two
  // cases of one name were drawn as one curve and could not be told apart in eta.csv). A default name another case
  // has too says its loading: key, as the sac text would ("Na on Cu + Zn-N4, loading 2 wt%": a loading scan of
  // one SAC, the workbench's "+ another SAC" rows of one SAC); names alike after that are refused.
  const shared = new Set(cases.map((x) => x.name).filter((n, i, all) => all.indexOf(n) !== i));
  cases.forEach((x, i) => { if (!given[i] && x.loadingFrom === `cases[${i}].loading` && shared.has(x.name)) x.name = `${x.name}, loading ${x.req.loading}`; });
  // a temperature scan of one system (nucl64): a default name another case has too says its own temperature
  const sharedT = new Set(cases.map((x) => x.name).filter((n, i, all) => all.indexOf(n) !== i));
  cases.forEach((x, i) => { if (!given[i] && ownT[i] !== undefined && sharedT.has(x.name)) x.name = `${x.name}, at ${String(ownT[i]!.value)}`; });
  const names = new Map<string, number>();
  cases.forEach((x, i) => {
    const first = names.get(x.name);
    if (first !== undefined) {
      throw given[i]
        ? new InputError(`cases[${i}].name`, x.name, `a name not used by another case (cases[${first}] has it)`)
        : new InputError(`cases[${i}]`, (d.cases as unknown[])[i], `a name: its default name "${x.name}" is that of cases[${first}] (add name: to one of them)`);
    }
    names.set(x.name, i);
  });
  return cases;
}

/**
 * Options that apply to every case (flags at the CLI, keys of the body at the server); already parsed.
 * `loadingField` names the common loading in errors: '--loading' at the CLI, 'loading' (the default) in a body.
 * `flags`: the CLI's; a case of no file (its flags) names its fields in errors as the flags, `--metal`, `--sac binding`.
 */
export interface CaseOptions { loading?: string; loadingField?: string; flags?: boolean; hostReduction?: NucleationRequest['hostReduction']; plateau?: NucleationRequest['plateau']; atomistic?: AtomisticOptions }

/**
 * A common loading and one a case gives itself (in its sac text or its loading key, or in `--sac`)
 * are two loadings for that case: refused, naming the case and both values. The common one won
 * silently for a case file's cases, while one case's `--sac "..., loading X"` with `--loading Y` was
 * already refused; one rule now for every case, at the CLI and in a workbench body.
 */
function refuseTwoLoadings(cases: readonly NucleationCase[], o: CaseOptions): void {
  if (o.loading === undefined) return;
  const field = o.loadingField ?? 'loading';
  const c = cases.find((x) => x.req.loading !== undefined);
  if (c === undefined) return;
  const from = c.loadingFrom ?? c.where ?? 'the case';
  // one case from flags or a body: its --sac / sac, as before; a file's case by its name and key
  const who = c.where === undefined ? from : `case "${c.name}" (${from})`;
  const todo = c.where === undefined ? 'give it once' : `give it once: in the case, or with ${field} for every case that has a SAC`;
  throw new InputError(field, o.loading, `nothing: ${who} gives a loading already (${c.req.loading}); ${todo}`);
}

/**
 * A case's field (resolveStudy names them `metal`, `host`, `sac`, `sac.<key>`, `loading`) as the user gave it: the common
 * loading by its flag or key (--loading); a case's own loading where it was written (a file's `cases[1].loading`, a key of
 * its sac text `cases[1].sac.loading`, at the CLI `--sac loading`); a case file's host and sac under the case
 * (`cases[1].host`, `cases[1].sac.binding`; its metal is the file's key); at the CLI the flag (`--metal`, `--sac binding`).
 * Undefined: the field stays (a request body's keys are resolveStudy's).
 */
function caseField(c: NucleationCase, field: string, o: CaseOptions): string | undefined {
  if (field === 'loading') {
    if (o.loading !== undefined) return o.loadingField ?? 'loading';
    const from = c.loadingFrom;
    if (from === undefined) return c.where !== undefined ? `${c.where}.loading` : undefined;
    if (from === '--sac') return '--sac loading';
    return from.endsWith('.sac') ? `${from}.loading` : from === 'sac' ? undefined : from;
  }
  if (!/^(metal|host|sac)(\.|$)/.test(field)) return undefined;
  if (c.where !== undefined) return field === 'metal' ? undefined : `${c.where}.${field}`;
  if (!o.flags) return undefined;
  if (field.startsWith('host.')) return `--host ${field.slice('host.'.length)}`; // a host by its numbers: --host binding
  return field === 'metal' || field === 'host' ? `--${field}` : sacFieldAt(field, '--sac', ' ');
}

/**
 * Applies the common options and resolves every case before any work, so that every input error
 * comes first, named where it was given (caseField).
 */
export function prepareCases(cases: NucleationCase[], o: CaseOptions): NucleationCase[] {
  refuseTwoLoadings(cases, o);
  // the common loading loads every case with a SAC; with no SAC anywhere it is given to all, so that
  // resolveStudy refuses a loading without a SAC instead of dropping it silently
  // a SAC set of --params FILE is a resolved SAC (sacResolved), a SAC as much as a named one
  const hasSac = (c: NucleationCase) => c.req.sac !== undefined || c.req.sacResolved !== undefined;
  const anySac = cases.some(hasSac);
  for (const c of cases) {
    if (o.loading !== undefined && (hasSac(c) || !anySac)) c.req.loading = o.loading;
    if (o.hostReduction !== undefined) c.req.hostReduction = o.hostReduction;
    if (o.plateau !== undefined) c.req.plateau = o.plateau;
    if (o.atomistic !== undefined) c.req.atomistic = { ...o.atomistic };
  }
  for (const c of cases) {
    try { c.sacLoadingAssumption = resolveStudy(c.req).sacLoadingAssumption; } catch (e) {
      // a molten metal (refuseMolten names T_K, in K): the temperature as the user gave it, with the same words
      if (e instanceof InputError && e.field === 'T_K' && c.temperatureFrom !== undefined) throw new InputError(c.temperatureFrom.field, c.temperatureFrom.value, e.expected);
      throw renamed(e, (f) => caseField(c, f, o));
    }
  }
  return cases;
}

/**
 * A parameters block's SAC and host sets given to the cases (mends79's `--params FILE`, the CLI's; since mends83 also
 * `POST /api/nucleation`'s `parameters`, the block inline: mends79 left the workbench without a user set): each case
 * whose SAC is named in `sacs` runs that set's numbers for its metal (sacResolved), each whose host is named in `hosts`
 * (new names only) that host set (hostResolved), cited in the provenance. `src` names where the block came from in
 * the errors (`--params`, the file) and the citations (`of run.yaml`, `of the request`).
 */
export async function applyParamsBlock(cases: NucleationCase[], block: unknown, src: { field: string; value: unknown; of: string }): Promise<string[]> {
  if (!block || typeof block !== 'object' || Array.isArray(block)) throw new InputError(src.field, src.value, 'a parameters block holding sacs: { NAME: { element, metals: { Li: { binding } } } } or hosts: { NAME: { metals: { Li: { binding } } } }');
  const b = block as Record<string, unknown>;
  const other = Object.keys(b).filter((k) => k !== 'sacs' && k !== 'hosts');
  // mends86 (review71: a misspelt key, `sac`, was refused in words about metals): a key simulate's block does not take
  // either is named with the keys expected; simulate's own keys (metals, bindingScale) keep the words about metals
  refuseUnknownKeys('parameters', b, ['sacs', 'hosts'], { ignored: SIMULATE_ONLY_PARAMETERS_KEYS, where: src.field.startsWith('--') ? ` in ${src.of} (${src.field})` : '', owner: 'nucleation takes a block of SAC and host sets:' });
  if (other.length) {
    throw new InputError(src.field, src.value, `a parameters block of SAC and host sets only (sacs, hosts): nucleation's metals are the built-in ones, and this one gives parameters.${other.join(', parameters.')}; keep them for simulate, and give nucleation a block with the sacs and hosts alone`);
  }
  const { buildParamSets } = await import('../params/registry.js');
  const { builtinSets, resolveSac, resolveHost } = await import('../params/sets.js');
  // a new host only (branch nuchost): a built-in host's numbers changed here would move the built-in SACs derived from
  // it in simulate (docs/parameters.md) and not in nucleation, whose named SACs are the built-in ones: refused, not half read
  const builtinHosts = builtinSets().hosts;
  const hostNames = Object.keys((b.hosts ?? {}) as Record<string, unknown>);
  const clash = hostNames.find((n) => Object.hasOwn(builtinHosts, n));
  if (clash !== undefined) {
    throw new InputError(src.field, src.value, `a parameters.hosts block of new hosts: ${clash} is a built-in host, whose numbers nucleation keeps (the built-in SACs are derived from them); give your set a name of its own, e.g. my-${clash}`);
  }
  const sets = buildParamSets({ user: { sacs: b.sacs, hosts: b.hosts } });
  const mine = new Set(Object.keys((b.sacs ?? {}) as Record<string, unknown>));
  const cite = (x: { value: number; unit: string; source: { ref: string; where?: string; note?: string } } | undefined, whose = '') =>
    x ? `${x.value} ${x.unit} (${whose}${[x.source.ref, x.source.where].filter(Boolean).join(', ')}${x.source.note ? `: ${x.source.note}` : ''})` : 'n/a';
  // a case's field where it was given: a case file's or body's case, the CLI's flag, or the body's key
  const at = (c: NucleationCase, k: string) => (c.where !== undefined ? `${c.where}.${k}` : src.field.startsWith('--') ? `--${k}` : k);
  for (const c of cases) {
    const hname = c.req.host;
    if (typeof hname === 'string' && hostNames.includes(hname)) {
      const metal = String(c.req.metal);
      const set = sets.hosts[hname]!;
      const field = at(c, 'host');
      resolveHost(set, metal, field, `define them under parameters.hosts.${hname}.metals.${metal} in ${src.of}`);
      const mi = set.metals[metal]!;
      const source = `parameters.hosts.${hname} of ${src.of} (set source: ${[set.source.ref, set.source.where].filter(Boolean).join(', ')}): binding ${cite(mi.binding)}`;
      c.req.hostResolved = { set: JSON.parse(JSON.stringify(set)) as typeof set, source };
    }
  }
  const caseHosts = cases.map((c) => c.req.host).filter((h): h is string => typeof h === 'string');
  const caseSacs: string[] = [];
  for (const c of cases) {
    const sac = c.req.sac;
    const name = typeof sac === 'string' ? sac : sac && typeof sac === 'object' && 'name' in sac && typeof sac.name === 'string' ? sac.name : undefined;
    if (name !== undefined) caseSacs.push(name);
    if (name === undefined || !mine.has(name)) continue;
    const field = at(c, 'sac');
    if (typeof sac === 'object' && 'migration_eV' in sac && sac.migration_eV !== undefined) {
      throw new InputError(`${field} migration`, `${sac.migration_eV} eV`, `no migration barrier beside a SAC set of ${src.field} (${name}): run it by its numbers ("binding ..., migration ...") to set one`);
    }
    const metal = String(c.req.metal);
    const set = sets.sacs[name]!;
    const r = resolveSac(set, metal, field, `define them under parameters.sacs.${name}.metals.${metal} in ${src.of}`);
    const mi = set.metals[metal]!;
    const setSource = (x: { source: { ref: string; where?: string } }) => [x.source.ref, x.source.where].filter(Boolean).join(', ');
    // mends90 (review71): a set named as a built-in SAC is merged with it (registry.ts applySac): a value the block gives
    // is cited as the block's, a value kept from the built-in as the built-in set's (params show and cite say the same)
    const builtin = Object.hasOwn(builtinSets().sacs, name) ? builtinSets().sacs[name]! : undefined;
    const blockSet = ((b.sacs ?? {}) as Record<string, unknown>)[name];
    const blockMetals = blockSet && typeof blockSet === 'object' && 'metals' in blockSet && blockSet.metals && typeof blockSet.metals === 'object' ? blockSet.metals as Record<string, unknown> : {};
    let source: string;
    if (!builtin) {
      source = `parameters.sacs.${name} of ${src.of} (set source: ${setSource(set)}): binding ${cite(mi.binding)}, reduction shift ${cite(mi.redShift)}`;
    } else if (!Object.hasOwn(blockMetals, metal)) {
      // the block gives no numbers for this metal: the run takes the built-in set's, and says so
      source = `${name}, the built-in set (parameters.sacs.${name} of ${src.of} gives no ${metal} numbers, so the built-in set's run; set source: ${setSource(builtin)}): binding ${cite(mi.binding)}, reduction shift ${cite(mi.redShift)}`;
    } else {
      const kept = builtin.metals[metal];
      const whose = (k: 'binding' | 'redShift') => cite(mi[k], kept && JSON.stringify(kept[k]) === JSON.stringify(mi[k]) ? `of the built-in ${name}: ` : `of ${src.of}: `);
      source = `parameters.sacs.${name} of ${src.of} over the built-in ${name} (the values the block gives are ${src.of}'s, the others the built-in set's, set source: ${setSource(builtin)}): binding ${whose('binding')}, reduction shift ${whose('redShift')}`;
    }
    delete c.req.sac;
    c.req.sacResolved = { name, binding_eV: r.binding_eV, redShift_eV: r.redShift_eV, ...(set.element ? { element: set.element } : {}), source };
  }
  return [...unusedSetNotes('sacs', 'SAC', [...mine], caseSacs, src.of), ...unusedSetNotes('hosts', 'host', hostNames, caseHosts, src.of)];
}

/** The keys of a parameters block that simulate takes and nucleation does not (nucleation's metals are the built-in ones). */
const SIMULATE_ONLY_PARAMETERS_KEYS = ['metals', 'bindingScale'];

/**
 * mends86 (review71: a set no case names was ignored without a word, so a misspelt name, `Zn-N5` for `Zn-N4`, ran the
 * built-in set): a note for each set of the block that no case runs, naming the nearest name a case gives that runs a
 * built-in set (did-you-mean.ts), else the cases' names. A note, not a refusal: a run file's block (`--params FILE`)
 * may hold sets for other cases and for simulate.
 */
function unusedSetNotes(key: 'sacs' | 'hosts', what: string, setNames: readonly string[], caseNames: readonly string[], of: string): string[] {
  const builtinRun = [...new Set(caseNames.filter((n) => !setNames.includes(n)))];
  return setNames.filter((n) => !caseNames.includes(n)).map((n) => {
    const near = nearestWord(n, builtinRun);
    const hint = near !== undefined ? `did you mean "${near}"? a case runs ${near}, the built-in set, as its ${what}; name the set as the case does to run it`
      : caseNames.length ? `the cases' ${what}s: ${[...new Set(caseNames)].join(', ')}` : `no case has a ${what}`;
    return `note: parameters.${key}.${n} of ${of}: no case names this ${what} set, so nothing runs it (${hint})`;
  });
}

/** The keys of a `POST /api/nucleation` body: one case, a case file's, or the review's systems. */
export const BODY_KEYS = ['metal', 'host', 'sac', 'loading', 'current', 'capacity', 'temperature', 'cases', 'parameters', 'against_literature', 'runs', 'box', 'target', 'max_events', 'plain', 'capture', 'sampler', 'tail_end', 'ffs_repetitions', 'host_reduction', 'plateau'] as const;
/** most cases one request body may hold */
export const MAX_BODY_CASES = 50;
const OPTION_KEYS = ['loading', 'runs', 'box', 'target', 'max_events', 'plain', 'capture', 'sampler', 'tail_end', 'ffs_repetitions', 'host_reduction', 'plateau'];

/**
 * The cases of a request body (the workbench), read as the CLI reads its flags and case files:
 * `{ metal, host, sac?, loading?, current?, capacity? }` (one case, as the flags), `{ metal,
 * current?, capacity?, cases: [{ name?, host, sac?, loading? }] }` (as a case file) or
 * `{ against_literature: true, current?, capacity? }`; each may add runs, box, target, max_events,
 * plain, capture, sampler, tail_end, ffs_repetitions, host_reduction and plateau (the review's systems took no sampler,
 * tail_end or ffs_repetitions while 'mfpt' was the default; since it is not, they take them as --against-literature does).
 * Throws the one-line InputError.
 */
export async function casesFromBody(body: unknown): Promise<{ cases: NucleationCase[]; literature: boolean; notes: string[] }> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError('body', body, 'a JSON object: { metal, host, sac, current } (or cases: [...], or against_literature: true)');
  const b = body as Record<string, unknown>;
  refuseUnknownKeys('', b, BODY_KEYS);
  const str = (k: string): string | undefined => {
    const v = b[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') throw new InputError(k, v, k === 'sac' ? 'a SAC name or "binding <eV>, ..."' : 'text');
    return String(v);
  };
  const current = b.current !== undefined ? currentOf('current', b.current) : undefined;
  const capacity = b.capacity !== undefined ? capacityOf('capacity', b.capacity) : undefined;
  // nucl64: as a case file's temperature (every case; a case's own wins for it); not beside against_literature (refused below)
  const temperature = b.temperature !== undefined && b.against_literature !== true ? await temperatureGiven('temperature', b.temperature) : undefined;
  const atomistic = atomisticOf({ runs: 'runs', box: 'box', target: 'target', maxEvents: 'max_events', plain: 'plain', capture: 'capture', sampler: 'sampler', tailEnd: 'tail_end', ffsRepetitions: 'ffs_repetitions' }, { runs: b.runs, box: b.box, target: b.target, maxEvents: b.max_events, plain: b.plain, capture: b.capture, sampler: b.sampler, tailEnd: b.tail_end, ffsRepetitions: b.ffs_repetitions });
  const opts: CaseOptions = {};
  const loading = str('loading');
  if (loading !== undefined) opts.loading = loading;
  if (b.host_reduction !== undefined) opts.hostReduction = parseHostReduction('host_reduction', b.host_reduction);
  if (b.plateau !== undefined) opts.plateau = parsePlateauRule('plateau', b.plateau);
  if (atomistic !== undefined) opts.atomistic = atomistic;
  if (b.against_literature !== undefined && typeof b.against_literature !== 'boolean') throw new InputError('against_literature', b.against_literature, 'true or false');
  let cases: NucleationCase[];
  const literature = b.against_literature === true;
  if (literature) {
    // a host or cases beside it were dropped: against_literature takes the review's systems
    refuseUnknownKeys('', b, ['against_literature', 'current', 'capacity', ...OPTION_KEYS], { where: ' beside against_literature: true', owner: 'it takes the review\'s systems, and only' });
    cases = await literatureCases(current, capacity);
  } else if (b.cases !== undefined) {
    // a server takes a bounded amount of work per request (a case file at the CLI is the user's own machine)
    if (Array.isArray(b.cases) && b.cases.length > MAX_BODY_CASES) throw new InputError('cases', `(${b.cases.length} cases)`, `a list of 1 to ${MAX_BODY_CASES} cases`);
    const extra = ['host', 'sac'].find((k) => b[k] !== undefined);
    if (extra !== undefined) throw new InputError(extra, b[extra], `nothing beside cases (give ${extra} in each case)`);
    const { temperatureOf } = await import('./temperature.js');
    cases = casesFromDoc({ metal: b.metal, cases: b.cases, ...(b.temperature !== undefined ? { temperature: b.temperature } : {}) }, { current: current ?? currentOf('current', '1 mA/cm2'), ...(capacity !== undefined ? { capacity } : {}), temperatureOf });
  } else {
    const metal = str('metal'), host = str('host'), sac = str('sac');
    if (metal === undefined) throw new InputError('metal', undefined, 'Li, Na or K (or cases, or against_literature: true)');
    if (host === undefined) throw new InputError('host', undefined, 'a host name (sacplate params list)');
    const req: NucleationRequest = { metal, host, current_A_per_m2: current ?? 10, ...sacArg(sac) };
    if (capacity !== undefined) req.capacity_C_per_m2 = capacity;
    if (temperature !== undefined) req.T_K = temperature.K;
    // a loading in sac beside the body's loading: refused by prepareCases, as for a case file's case
    cases = [{ name: `${metal} on ${host}${sac ? ' + ' + sac : ''}`, req, ...(req.loading !== undefined ? { loadingFrom: 'sac' } : {}),
      ...(temperature !== undefined ? { temperatureFrom: { field: temperature.field, value: temperature.value } } : {}) }];
  }
  // a parameters block inline (mends83): its SAC and host sets, as the CLI's --params FILE gives them
  const notes = b.parameters !== undefined ? await applyParamsBlock(cases, b.parameters, { field: 'parameters', value: b.parameters, of: 'the request' }) : [];
  return { cases: prepareCases(cases, opts), literature, notes };
}
