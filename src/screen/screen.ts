/**
 * A screen from file to ranking: run the stages in order, gather every candidate's objective
 * values, rank (Pareto fronts over the chosen objectives, then a weighted score within a front),
 * and keep the sources every stage used for the report. The ranking is kept in the store
 * (`screens` table, as `screenView` shapes it) for the workbench's Pareto plot.
 */
import { loadScreenFile, parseScreen, type ScreenSpec } from './spec.js';
import { InputError } from '../errors.js';
import { didYouMean } from '../did-you-mean.js';
import { isMap, plainOptionsArg, refuseUnknownKeys, signalArg, textArg, withOptionNames } from '../args.js';
import { defaultStages, screenStopped, type Stage, type Value, type SourceLine, type EarlyEnd, type RunWarnings } from './stages.js';
import { OBJECTIVES } from './objectives.js';
import { synthesisLabel } from './data.js';
import { rankCandidates, type Ranked, type Separation } from './pareto.js';
import { hasNoDip } from './no-dip.js';
import { screenView } from './view.js';
import { DESCRIPTOR_OBJECTIVES, type NoData } from './no-data-text.js';
import { SweepStore } from '../sweep/store.js';
import { sweepNameArg } from '../sweep/spec.js';

/** A value the ranking leaves out (counted as no value, the worst): no nucleation dip in a seed, or read from a run that ended early. */
const unranked = (v: Value | undefined): boolean => hasNoDip(v) || (v?.ended_early ?? 0) > 0;

/** Why the descriptor file's migration_barrier_eV changes no ranked number (docs/screening.md, descriptor columns). */
export const MIGRATION_UNUSED_NOTE = 'migration_barrier_eV (descriptor file) is kept in the results but changes no objective: the plating kMC hops every adatom over the metal\'s one saddle, and the nucleation stage\'s SAC migration barrier is another quantity (the barrier to leave the SAC, at least its binding difference to the host): docs/screening.md';

export interface CandidateResult {
  name: string; origin: string; synthesis: string; values: Record<string, Value>;
  /** its runs with a step that ended early (the box full, ...): their values are marked `ended_early` and not ranked */
  ended_early?: EarlyEnd[];
}
export interface ScreenResult {
  spec: ScreenSpec;
  objectives: string[];
  /** `why`: the candidate's place in words (best on which objectives, dominated by whom, which values are missing) */
  ranking: (Ranked & { pareto: boolean; why: string })[];
  candidates: CandidateResult[];
  invalid: { name: string; error: string }[];
  /**
   * mends65: the evaluated candidates left out of the ranking for want of a descriptor it reads (a ranked distortion_A,
   * aggregation_margin_eV or dissolution_potential_V with no value: a built-in site has no DFT stability numbers, a bare
   * host no SAC, a row's cell empty, its element not in data/stability/metals.csv). A missing descriptor is not a bad
   * value: they are listed here, by objective with the descriptor column it needs and why it has none, not ranked as the
   * worst (their other values are in `candidates`). Empty where every candidate has them.
   */
  noData: NoData[];
  sources: { stage: string; lines: SourceLine[] }[];
  notes: { stage: string; text: string }[];
  /**
   * each objective's weight in the ranking, in the order of `objectives` (the file's objective_weights matched by name,
   * 1 for an objective the file does not list): an objective of weight 0 is shown but takes no part in the fronts or the score (review69)
   */
  objectiveWeights?: number[];
  /**
   * one line per candidate and seed whose run ended early (or ended short of its furthest progress), in
   * src/simulation/early-ends.ts's wording, labelled "<candidate> (seed <n>)": what the CLI prints on stderr
   */
  warnings: string[];
}

export { DESCRIPTOR_OBJECTIVES, type NoData };

/**
 * A candidate's place in words: the Pareto set and the objectives it is the best of all on, or
 * the candidate of the front before that dominates it; and the objectives it has no value on.
 * The score's parts per objective are in `parts` (ranking.csv: score_<objective>).
 */
export function rankWhy(r: Ranked, objectives: readonly string[], noDip: readonly string[] = [], endedEarly: readonly string[] = [], unweighted: readonly string[] = [], unresolved: readonly { objective: string; kind: 'overlap' | 'one_seed' }[] = [], alone = false): string {
  const names = (ks: number[]) => ks.map((k) => objectives[k]).join(', ');
  // mends125 (review89 F2): an objective whose order the screen's own note calls not resolved (the best mean within
  // another candidate's 95 % interval, or one seed: not tested) is the best mean there, not "best of all"
  const kindOf = (k: number) => unresolved.find((x) => x.objective === objectives[k])?.kind;
  const sure = r.bestOn.filter((k) => kindOf(k) === undefined), overlap = r.bestOn.filter((k) => kindOf(k) === 'overlap'), one = r.bestOn.filter((k) => kindOf(k) === 'one_seed');
  const best = [...(sure.length ? [`best of all on ${names(sure)}`] : []), ...(overlap.length ? [`best mean on ${names(overlap)} (not resolved: intervals overlap)`] : []),
    ...(one.length ? [`best mean on ${names(one)} (not tested: one seed)`] : [])].join('; ');
  const out = [r.front === 0
    // best on none with the whole score: every ranked objective ties, or it is the only candidate ranked (audit69b: it
    // read "a trade-off: best of all on none" with no other candidate to trade against)
    // (audit70: the only one ranked with no value on an objective, its score below 1, was "a trade-off" too)
    ? (r.bestOn.length ? `non-dominated; ${best}` : alone || Math.abs(r.score - 1) < 1e-9 ? 'non-dominated (no other candidate ranked is better on any objective)' : 'non-dominated (a trade-off: best of all on none)')
    : `front ${r.front + 1}: dominated by ${r.dominatedBy ?? 'a candidate of the front before'} (as good on every objective, better on one)${dominanceMark(r, objectives)}${r.bestOn.length ? `; ${best}` : ''}`];
  // an objective of weight 0 is not ranked: a missing value there is not counted as the worst
  const missing = objectives.map((_, k) => k).filter((k) => !Number.isFinite(r.values[k]!) && !noDip.includes(objectives[k]!) && !endedEarly.includes(objectives[k]!) && !unweighted.includes(objectives[k]!));
  if (missing.length) out.push(`no value on ${names(missing)} (counted as the worst)`);
  if (noDip.length) out.push(`no nucleation dip in some seed on ${noDip.join(', ')} (counted as no value, the worst)`);
  if (endedEarly.length) out.push(`a run ended early (see ended_early) on ${endedEarly.join(', ')} (counted as no value, the worst)`);
  return out.join('; ');
}

/**
 * mends126 (review90 F1): a dominance resting on means whose 95 % intervals overlap on an objective that decides it is
 * marked in the `why` as the data marks it (`dominatedByResolved: false`), in mends125's words: " (not resolved:
 * intervals overlap on nucleation_overpotential_mV; no candidate dominates it by resolved differences)", or " (not
 * tested: one seed on ...)"; "" for a resolved one (or a ranking made without intervals).
 */
function dominanceMark(r: Ranked, objectives: readonly string[]): string {
  if (r.dominatedByResolved !== false) return '';
  const on = r.dominatedByUnresolvedOn ?? [];
  const names = (kind: string) => on.filter((x) => x.separation === kind).map((x) => objectives[x.objective]).join(', ');
  const parts = [...(names('overlap') ? [`not resolved: intervals overlap on ${names('overlap')}`] : []), ...(names('one_seed') ? [`not tested: one seed on ${names('one_seed')}`] : [])];
  const others = r.resolvedDominators?.length ? `; dominated by resolved differences: by ${r.resolvedDominators.join(', ')}` : '; no candidate dominates it by resolved differences';
  return ` (${parts.join('; ')}${others})`;
}

/**
 * Two candidates' values on one objective told apart or not (mends126, review90 F1): both with a 95 % interval,
 * 'overlap' where the intervals overlap; a value of one seed (no interval) 'one_seed' (not tested); a value without an
 * interval (data: sustainability, cost) against an interval, 'overlap' where it lies in it; two values without
 * intervals (data) 'resolved'.
 */
export function separation(a: Value | undefined, b: Value | undefined): Separation {
  const ci = (v: Value | undefined) => v !== undefined && Number.isFinite(v.lo ?? NaN) && Number.isFinite(v.hi ?? NaN);
  const va = a?.value ?? NaN, vb = b?.value ?? NaN;
  if (ci(a) && ci(b)) return a!.lo! <= b!.hi! && b!.lo! <= a!.hi! ? 'overlap' : 'resolved';
  if ((!ci(a) && a?.n === 1) || (!ci(b) && b?.n === 1)) return 'one_seed';
  if (ci(a)) return vb >= a!.lo! && vb <= a!.hi! ? 'overlap' : 'resolved';
  if (ci(b)) return va >= b!.lo! && va <= b!.hi! ? 'overlap' : 'resolved';
  return 'resolved';
}

/**
 * Simulated objectives whose best candidate's 95 % interval over seeds overlaps another
 * candidate's: the order there is not resolved by the simulation (docs/screening.md said so; the
 * ranking and its score read the means alone). One note per such objective.
 */
export function unresolvedNotes(objectives: readonly string[], cands: readonly { name: string; values: Record<string, Value> }[]): string[] {
  return unresolvedObjectives(objectives, cands).map((x) => x.text);
}

/** unresolvedNotes' objectives with their notes (mends125: rankWhy names them as not resolved). */
export function unresolvedObjectives(objectives: readonly string[], cands: readonly { name: string; values: Record<string, Value> }[]): { objective: string; kind: 'overlap' | 'one_seed'; text: string }[] {
  const out: { objective: string; kind: 'overlap' | 'one_seed'; text: string }[] = [];
  const f = (x: number) => Number(x.toPrecision(4));
  for (const k of objectives) {
    const dir = OBJECTIVES[k]!.direction;
    // one seed: a mean without an interval, so no difference on k is tested at all. Only ranked values count: a value
    // with no dip or from a run that ended early is not ranked (audit70: two candidates left with one seed with a dip
    // each made the note say "one seed per candidate" over ten with two seeds and intervals, and "not tested: one
    // seed" in the best's why, whose own value had two)
    const ranked = cands.filter((c) => { const v = c.values[k]; return v && v.value !== null && Number.isFinite(v.value) && !unranked(v); });
    const single = ranked.filter((c) => c.values[k]!.n === 1 && !(Number.isFinite(c.values[k]!.lo ?? NaN) && Number.isFinite(c.values[k]!.hi ?? NaN)));
    if (single.length >= 2 && single.length === ranked.length) { out.push({ objective: k, kind: 'one_seed', text: `${k}: one seed per candidate, no 95 % interval: the order on ${k} is not tested (seeds: 3 or more give intervals)` }); continue; }
    if (single.length > 0 && ranked.length >= 2) {
      const top = ranked.reduce((a, b) => ((dir === 'min' ? b.values[k]!.value! < a.values[k]!.value! : b.values[k]!.value! > a.values[k]!.value!) ? b : a));
      if (single.includes(top)) {
        out.push({ objective: k, kind: 'one_seed', text: `${k}: the best mean, ${top.name} ${f(top.values[k]!.value!)}, is of one seed (no 95 % interval; ${single.length} of ${ranked.length} candidates have one seed: ${single.map((c) => c.name).join(', ')}): the order on ${k} is not tested against it (seeds: 3 or more give intervals)` });
        continue;
      }
    }
    // the others: a 95 % interval, or the value itself where the seeds agree (no interval: stats/interval.ts `same`),
    // which the ranking reads as its best mean too (audit70: Mn-N4x's two seeds at 3.958 nm were left out and the note
    // named Ag-N4x 4.428 [0, 10.41] the best mean, beside Mn-N4x's why "best mean on rms_roughness_nm")
    const many = ranked.filter((c) => !single.includes(c));
    if (many.length < 2) continue;
    const span = (v: Value): [number, number] => (Number.isFinite(v.lo ?? NaN) && Number.isFinite(v.hi ?? NaN) ? [v.lo!, v.hi!] : [v.value!, v.value!]);
    const best = many.reduce((a, b) => ((dir === 'min' ? b.values[k]!.value! < a.values[k]!.value! : b.values[k]!.value! > a.values[k]!.value!) ? b : a));
    const bv = best.values[k]!;
    const [blo, bhi] = span(bv);
    const overlap = many.filter((c) => { if (c === best) return false; const [lo, hi] = span(c.values[k]!); return lo <= bhi && hi >= blo; });
    if (overlap.length === 0) continue;
    const said = Number.isFinite(bv.lo ?? NaN) && Number.isFinite(bv.hi ?? NaN) ? `[${f(blo)}, ${f(bhi)}]` : `(its ${bv.n ?? 'several'} seeds agree)`;
    out.push({ objective: k, kind: 'overlap', text: `${k}: the best mean, ${best.name} ${f(bv.value!)} ${said}, is within the 95 % intervals of ${overlap.length} other candidate(s) (${overlap.map((c) => c.name).join(', ')}): the order on ${k} is not resolved by the simulation; more seeds may separate them` });
  }
  return out;
}

export interface ScreenOptions {
  /** the store the screen's simulations and ranking are kept in (default: the CLI's, SACPLATE_DB or ~/.sacplate/sacplate.db) */
  db?: string;
  /** worker threads for the simulations (default: every core) */
  threads?: number;
  signal?: AbortSignal;
  /** simulations done of all the screen's simulations */
  onProgress?: (done: number, total: number) => void;
  /** a slow stage's progress, a line at a time: the nucleation stage's candidate as its atomistic stage starts (minutes
   * for a new host or SAC) and each overpotential it scans (review64: it said nothing for minutes) */
  onMessage?: (line: string) => void;
  /** the stages to run (default: defaultStages of the spec's weights) */
  stages?: Stage[];
  /** rank on these objectives (OBJECTIVES) instead of the spec's */
  objectives?: string[];
  /** keep the ranking in the store (default true) */
  record?: boolean;
  /** the screen's name in place of the file's (its ranking, and its simulations as the sweep "<name>-runs", are kept by it): a name the store keeps for another file is refused */
  name?: string;
}
const SCREEN_OPTION_KEYS = ['db', 'threads', 'signal', 'onProgress', 'onMessage', 'stages', 'objectives', 'record', 'name'] as const;

/** What parseScreen returns (a raw screen object never has baseDir: parseScreen refuses the key). */
const isParsedSpec = (x: Record<string, unknown>): boolean => typeof x.baseDir === 'string' && Array.isArray(x.candidates) && Array.isArray(x.objectiveWeights);

/**
 * A library caller's screen and options, as the CLI's flags are checked: a raw screen object was
 * taken for a parsed one (a TypeError on its objectives), an unknown objective was a TypeError in
 * the ranking after every simulation had run.
 */
function screenArgs(input: unknown, opts: unknown): { spec: ScreenSpec; opts: ScreenOptions } {
  if (!isMap(opts)) throw new InputError('options', opts, 'a map of options, e.g. { db: "screens.db", threads: 2, record: false }');
  plainOptionsArg('options', opts, '{ db: "screens.db", threads: 2, record: false }');
  refuseUnknownKeys('options', opts, SCREEN_OPTION_KEYS, { word: 'option', owner: 'runScreen takes' });
  if (opts.db !== undefined) textArg('db', opts.db, 'a store file path (text)');
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && (opts.threads as number) >= 1)) throw new InputError('threads', opts.threads, 'an integer >= 1');
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') throw new InputError('onProgress', opts.onProgress, 'a function (done, total)');
  if (opts.onMessage !== undefined && typeof opts.onMessage !== 'function') throw new InputError('onMessage', opts.onMessage, 'a function (line)');
  if (opts.record !== undefined && typeof opts.record !== 'boolean') throw new InputError('record', opts.record, 'true or false');
  signalArg('signal', opts.signal);
  const read = typeof input === 'string' ? loadScreenFile(input)
    : isMap(input) && isParsedSpec(input) ? input as unknown as ScreenSpec
      : parseScreen(input);
  const spec = opts.name === undefined ? read : { ...read, name: sweepNameArg('name', opts.name) };
  const objectives = (opts.objectives as unknown) ?? spec.objectives;
  if (!Array.isArray(objectives) || objectives.length === 0) throw new InputError('objectives', objectives, `a list of one or more of ${Object.keys(OBJECTIVES).join(', ')}`);
  // the nearest objective named, as --objectives and a screen file's objectives: name it (review32: not here)
  for (const k of objectives) if (typeof k !== 'string' || !Object.hasOwn(OBJECTIVES, k)) throw new InputError('objectives', k, `one of ${Object.keys(OBJECTIVES).join(', ')}${typeof k === 'string' ? didYouMean(k, Object.keys(OBJECTIVES)) : ''}`);
  return { spec, opts: opts as ScreenOptions };
}

/** The package entry's `runScreen`: screenCandidates, its errors naming the options as a script writes them (`db`, not `--db`). */
export function runScreen(fileOrSpec: string | ScreenSpec | Record<string, unknown>, options: ScreenOptions = {}): Promise<ScreenResult> {
  return withOptionNames(() => screenCandidates(fileOrSpec, options), {}, { '--db': 'db', '--name': 'the name option' });
}

/** Runs a screen (`sacplate screen FILE`): a screen file path, a screen object (the keys of a screen file) or what parseScreen returns. */
export async function screenCandidates(fileOrSpec: string | ScreenSpec | Record<string, unknown>, options: ScreenOptions = {}): Promise<ScreenResult> {
  const { spec, opts } = screenArgs(fileOrSpec, options);
  const objectives = opts.objectives ?? spec.objectives;
  const invalid = spec.candidates.filter((c) => c.error).map((c) => ({ name: c.name, error: c.error! }));
  let valid = spec.candidates.filter((c) => !c.error);
  const values = new Map<string, Record<string, Value>>(valid.map((c) => [c.name, {}]));
  const sources: ScreenResult['sources'] = [];
  const notes: ScreenResult['notes'] = [];
  const runWarnings = new Map<string, RunWarnings>();
  let first = true;
  for (const stage of opts.stages ?? defaultStages(spec.weights)) {
    if (valid.length === 0) break;
    // a signal aborted before the first stage, or between stages before one that does not hear it itself (a script's own
    // stage), stops the screen as one aborted in a stage does; a built-in stage hears it where it has work to save
    // (mends62c: a stop as the last simulation ended stopped the screen at the next stage, a look-up, no report, exit 130)
    if (opts.signal?.aborted && (first || !stage.hearsStop)) throw screenStopped(spec.name);
    first = false;
    const out = await stage.run({ spec, candidates: valid, opts });
    for (const [name, v] of out.values) Object.assign(values.get(name) ?? {}, v);
    for (const [name, w] of out.runWarnings ?? []) runWarnings.set(name, w);
    for (const [name, err] of out.failed ?? []) {
      invalid.push({ name, error: err });
      values.delete(name);
    }
    valid = valid.filter((c) => values.has(c.name));
    if (out.sources.length) sources.push({ stage: stage.name, lines: out.sources });
    for (const n of out.notes) notes.push({ stage: stage.name, text: n });
  }
  // a descriptor column the stages read but no model uses: said in the report, not only in docs/screening.md
  if (valid.some((c) => c.descriptors?.migration_barrier_eV !== undefined)) notes.push({ stage: 'descriptors', text: MIGRATION_UNUSED_NOTE });
  const dirs = objectives.map((k) => OBJECTIVES[k]!.direction);
  // the file's objective_weights belong to the file's objectives: matched by name (with --objectives
  // naming others, weights went by position to whatever objectives came, or were dropped when the
  // count differed); an objective the file does not weight gets 1
  const objectiveWeights = objectives.map((k) => { const i = spec.objectives.indexOf(k); return i >= 0 ? spec.objectiveWeights[i] ?? 1 : 1; });
  // an objective of weight 0 is shown, not ranked: it takes no part in the fronts or the score (review69: it weighed 0
  // in the score alone, so it still made its best candidate non-dominated, "best of all on" it, ahead of a candidate
  // better on every objective that had weight)
  const rankedK = objectives.map((_, k) => k).filter((k) => objectiveWeights[k]! > 0);
  const isRanked = (k: string) => rankedK.some((j) => objectives[j] === k);
  const unweighted = objectives.filter((k) => !isRanked(k));
  // mends65: a ranked objective read from a descriptor column alone (distortion_A, the two DFT stability criteria) ranks
  // only the candidates that have it; the others are listed as having no data, naming the column and why (session 64: a
  // built-in Zn-N4 or Fe-N4, which has no formation or binding energy, was ranked the WORST on them, a missing number
  // read as a bad one)
  const noData: NoData[] = valid.flatMap((c) => {
    const miss = objectives.filter((k) => isRanked(k) && Object.hasOwn(DESCRIPTOR_OBJECTIVES, k) && !Number.isFinite(values.get(c.name)![k]?.value ?? NaN));
    return miss.length ? [{ name: c.name, missing: miss.map((k) => ({ objective: k, column: DESCRIPTOR_OBJECTIVES[k]!, why: values.get(c.name)![k]?.note ?? 'no value' })) }] : [];
  });
  const rankable = valid.filter((c) => !noData.some((x) => x.name === c.name));
  if (noData.length) {
    const on = objectives.filter((k) => noData.some((x) => x.missing.some((m) => m.objective === k)));
    notes.push({ stage: 'ranking', text: `not ranked, no data: ${noData.map((x) => x.name).join(', ')} (each listed with the descriptor it lacks). A missing descriptor is not a bad value, so ${noData.length === 1 ? 'this candidate is' : 'these candidates are'} listed, not ranked as the worst on ${on.join(', ')}; ${rankable.length ? `the ranking is of the ${rankable.length} candidate(s) with ${on.length === 1 ? 'it' : 'them'}` : 'no candidate has them: nothing is ranked'} (to rank every candidate on the other objectives, leave ${on.join(', ')} out or give ${on.length === 1 ? 'it' : 'them'} weight 0 in objective_weights)` });
  }
  // a reading with no dip in some seed is not a nucleation barrier (src/screen/no-dip.ts): ranked as a missing value, not as the best
  const noDip = objectives.filter((k) => rankable.some((c) => hasNoDip(values.get(c.name)![k])));
  // a value read from a run that ended early (its box full, ...) is not ranked either: the deposit it reads stopped
  // before the protocol's end, unlike the other candidates' (docs/screening.md, "Runs that ended early")
  const early = (v: Value | undefined) => (v?.ended_early ?? 0) > 0;
  const endedEarly = objectives.filter((k) => rankable.some((c) => early(values.get(c.name)![k])));
  const items = rankable.map((c) => ({ name: c.name, values: objectives.map((k) => { const v = values.get(c.name)![k]; return unranked(v) ? NaN : v?.value ?? NaN; }) }));
  const missing = objectives.filter((k) => isRanked(k) && rankable.some((c) => { const v = values.get(c.name)![k]; return !unranked(v) && Number.isNaN(v?.value ?? NaN); }));
  if (missing.length) notes.push({ stage: 'ranking', text: `no value for some candidates on: ${missing.join(', ')} (ranked as the worst there)` });
  const noDipRanked = noDip.filter(isRanked), endedEarlyRanked = endedEarly.filter(isRanked);
  if (noDipRanked.length) notes.push({ stage: 'ranking', text: `no dip in some seed of some candidates on: ${noDipRanked.join(', ')} (a reading <= 0 is not a nucleation barrier: those candidates are ranked as having no value there, i.e. the worst, not the best)` });
  if (endedEarlyRanked.length) {
    const who = rankable.filter((c) => endedEarlyRanked.some((k) => early(values.get(c.name)![k]))).map((c) => c.name);
    notes.push({ stage: 'ranking', text: `a run ended early for ${who.join(', ')} on: ${endedEarlyRanked.join(', ')} (a value read from a run that stopped before its protocol's end is shown, marked, and ranked as having no value there, i.e. the worst: see the warnings and ended_early)` });
  }
  // mends90 (review71: the note said "objective_weights; 1 where not given", where objective_weights gives one weight per
  // objective of the file or is refused): where the weights come from, as the code above takes them
  const notListed = objectives.filter((k) => !spec.objectives.includes(k));
  // a spec built without parseScreen may lack the flag: weights other than 1 were given
  const whence = (spec.objectiveWeightsGiven ?? spec.objectiveWeights.some((w) => w !== 1))
    ? `objective_weights, one per objective of the file${notListed.length ? `; 1 for an objective the file does not list: ${notListed.join(', ')}` : ''}`
    : 'no objective_weights: 1 each';
  if (valid.length) notes.push({ stage: 'ranking', text: `objective weights (${whence}): ${objectives.map((k, i) => `${k} ${objectiveWeights[i]}`).join(', ')}${unweighted.length ? `; weight 0, shown but not ranked (no part in the Pareto fronts or the score): ${unweighted.join(', ')}` : ''}` });
  if (valid.length && rankedK.length === 0) notes.push({ stage: 'ranking', text: 'every chosen objective has weight 0 in objective_weights: no objective is ranked, every candidate is in front 1 with score 0, in order of name' });
  const sub = rankCandidates(items.map((it) => ({ name: it.name, values: rankedK.map((k) => it.values[k]!) })), rankedK.map((k) => dirs[k]!), rankedK.map((k) => objectiveWeights[k]!),
    (a, b, j) => separation(values.get(a)![objectives[rankedK[j]!]!], values.get(b)![objectives[rankedK[j]!]!]));
  const fullValues = new Map(items.map((it) => [it.name, it.values]));
  const ranked = sub.map((r) => ({ ...r, values: fullValues.get(r.name)!, parts: objectives.map((_, k) => { const j = rankedK.indexOf(k); return j >= 0 ? r.parts[j]! : 0; }), bestOn: r.bestOn.map((j) => rankedK[j]!), ...(r.dominatedByUnresolvedOn ? { dominatedByUnresolvedOn: r.dominatedByUnresolvedOn.map((x) => ({ ...x, objective: rankedK[x.objective]! })) } : {}) }));
  const unresolved = unresolvedObjectives(objectives.filter(isRanked), rankable.map((c) => ({ name: c.name, values: values.get(c.name)! })));
  for (const { text } of unresolved) notes.push({ stage: 'ranking', text });
  const result: ScreenResult = {
    spec, objectives,
    ranking: ranked.map((r) => ({ ...r, pareto: r.front === 0, why: rankWhy(r, objectives, noDipRanked.filter((k) => hasNoDip(values.get(r.name)![k])), endedEarlyRanked.filter((k) => early(values.get(r.name)![k])), unweighted, unresolved, ranked.length === 1) })),
    candidates: valid.map((c) => {
      const ends = runWarnings.get(c.name)?.ended_early ?? [];
      return { name: c.name, origin: c.origin, synthesis: synthesisLabel(c.synthesis), values: values.get(c.name)!, ...(ends.length ? { ended_early: ends } : {}) };
    }),
    invalid, noData, sources, notes, objectiveWeights,
    warnings: valid.flatMap((c) => runWarnings.get(c.name)?.warnings ?? []),
  };
  // the latest ranking of this screen, kept in the store beside its simulations (the workbench plots it)
  if (opts.record !== false) {
    const store = SweepStore.open(opts.db);
    try { store.recordScreen(spec.name, typeof fileOrSpec === 'string' ? fileOrSpec : undefined, screenView(result)); } finally { store.close(); }
  }
  return result;
}
