/**
 * The screening pipeline: a list of stages, each filling some objectives for every candidate
 * and listing the sources of what it used. Stages that later issues bring (electrode-scale
 * nucleation, SAC stability under cycling, ...) are one more entry in `STAGES`.
 *
 * Stages today: plating (the kMC simulator through the sweep machinery: seeds on the worker
 * pool, results in the store, mean and 95 % interval over seeds; CE and dead metal when the base
 * protocol cycles), stability (descriptor distortion), elements (sustainability score of the SAC
 * element(s), src/evidence/elements.ts), synthesis (data/synthesis/routes.yaml), electrolyte
 * (fluorine-free or not) and anode (whole-anode gram capacity and anode-side cost per kWh,
 * src/evidence/capacity.ts).
 */
import { solventRangeCheck } from '../params/electrolytes.js';
import { FileError, InputError } from '../errors.js';
import { getElements, sustainabilityScore, toxicityInversionNotes, type Weights } from '../evidence/elements.js';
import { anodeCapacity, metalCapacity_mAh_g } from '../evidence/capacity.js';
import { NOT_USED_BY_THE_RUN, sourcedEntries, sourcedText } from '../params/registry.js';
import { KITTEL } from '../params/sourced.js';
import { SAC_SPECS } from '../params/sacs.js';
import { boundedInterval } from '../stats/interval.js';
import { runSweepLocal } from '../sweep/run.js';
import type { SweepSpec } from '../sweep/spec.js';
import { candidateInput, type Candidate, type ScreenSpec } from './spec.js';
import { electrolyteGreenness, loadComponents, synthesisIndicators, synthesisLabel, type DataSource } from './data.js';
import { nucleationStage } from './nucleation-stage.js';
import { elementSource, MENDELEEV, PRICE_SOURCE } from '../cite/citations.js';
import { NO_DIP_STAGE_NOTE, dipsOf, noDipNote } from './no-dip.js';
import { earlyEndSteps, earlyEndWarnings, reusedStepEnds, stepAt } from '../simulation/early-ends.js';
import type { StepResult } from '../simulation/simulation.js';
import type { ProtocolEntry } from '../input/types.js';
import type { SweepRow, FinishedRun } from '../sweep/store.js';
import { C_PER_MAH } from '../units.js';
import { runHadNoSacs } from '../metrics/sac-list.js';
import { plural } from '../plural.js';
import { OBJECTIVES } from './objectives.js';
import { aggregationMargin, dissolutionPotential, stabilityTable, STABILITY_TABLE, CRC_POTENTIALS, AGGREGATION_REF, DISSOLUTION_REF } from './stability.js';

export interface Value {
  value: number | null; lo?: number; hi?: number; n?: number; note?: string;
  /** seeds with no nucleation dip (src/screen/no-dip.ts) */ no_dip?: number;
  /** "interval cut at 0 (physical bound)": lo/hi were truncated to the quantity's bounds (stats/interval.ts boundedInterval) */ cut?: string;
  /** seeds whose run ended early in a step this value reads (box_full, ...: src/simulation/early-ends.ts): ranked as no value */ ended_early?: number;
  /**
   * the elements stage: criteria left out of the score for lack of data, by element ("Fe: price"); the other criteria
   * share their weight. Marked `~` beside the value (CLI table, report.md) and in ranking.csv's `sustainability_missing`.
   */
  missing?: string[];
  /**
   * the elements stage: the element that counts (the worst of the candidate's) and its score on each criterion, 0-1
   * (1 = best; null = no data, left out), as `elements --sustainability` prints them: ranking.csv's
   * sustainability_<criterion> columns and the CLI's `criteria:` lines.
   */
  criteria?: { element: string; scores: Record<string, number | null> };
}
/**
 * A run of a candidate with a step that ended before its own end condition, as src/simulation/early-ends.ts
 * earlyEndSteps finds it (the deposit filled the box, the run stalled, ...): what report.md, ranking.csv,
 * result.json and the workbench say beside the candidate.
 */
export interface EarlyEnd {
  seed: number | null;
  /** the step, counted from 1 (as the warning names it) */
  step: number;
  /** the step as the protocol writes it ("Plate 0.001 mAh/cm2 at 1 mA/cm2") */
  text?: string;
  /** why: box_full, no_metal, stalled, no_path, event_limit */
  ended: string;
  /** the charge the step had passed when it stopped, mAh/cm2 (not known for a run stored before the steps were kept) */
  reached_mAh_per_cm2?: number;
  /** the step's own capacity, mAh/cm2 (a step by time or to a cut-off has none) */
  capacity_mAh_per_cm2?: number;
  duration_s?: number;
}
/** A candidate's runs that ended early and the warning lines about them (earlyEndWarnings' wording, labelled "<candidate> (seed <n>)"). */
export interface RunWarnings { ended_early: EarlyEnd[]; warnings: string[]; }
export interface SourceLine {
  what: string; value: string; source: string; assumed: boolean;
  /**
   * the works to cite for it, as `sacplate cite` reads them (src/cite/screen.ts): a parameter set's ref,
   * an element data package, a hazard flag's citation, "review"; [] when there is none (the screen
   * file's own numbers, absent data, the model's code). `source` is the text the report shows.
   */
  refs?: string[];
  /** where in that work (a table, a section, a descriptor file's row) */
  where?: string;
  /** a source the user gave (Source.given): cited as a work whatever its words */
  given?: boolean;
}
export interface StageContext {
  spec: ScreenSpec;
  /** candidates whose input resolves */
  candidates: Candidate[];
  opts: { db?: string; threads?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void; onMessage?: (line: string) => void; objectives?: string[] };
}
export interface StageOutput {
  values: Map<string, Record<string, Value>>; sources: SourceLine[]; notes: string[]; failed?: Map<string, string>;
  /** candidates whose runs ended early or drew a warning (the plating stage) */
  runWarnings?: Map<string, RunWarnings>;
}
export interface Stage {
  name: string; describe: string; run(ctx: StageContext): Promise<StageOutput>;
  /**
   * the stage heeds the signal itself where it has work a stop would save (or has none: table look-ups, milliseconds): the
   * screen does not stop before it once an earlier stage has run (mends62c: a Ctrl-C that came as the last simulation
   * ended was a stop at the next stage, a look-up: "screen stopped; 2 of the 2 simulations ... finished", no report, exit
   * 130). Without it (a script's own stage) the screen stops before the stage at an aborted signal, as before.
   */
  hearsStop?: boolean;
}

/**
 * The error of a screen whose signal was aborted, in one place for both callers: a script's
 * AbortController and the CLI's Ctrl-C, which aborts the same signal. It read
 * "expected a screen that was not stopped (Ctrl-C)", odd from a script that never pressed a key.
 */
export function screenStopped(name: string): InputError {
  return new InputError('screen', name, 'a screen left to run to its end: it was stopped (its AbortSignal was aborted; at the command line, by Ctrl-C); the simulations that finished are kept in the store, run it again to continue where it stopped');
}

const srcText = (s: DataSource | { ref: string; where?: string; note?: string; assumed?: boolean }) =>
  [s.ref, s.where, s.note].filter(Boolean).join(', ');

// the SAC share with its chance level beside it and their difference per seed (src/simulation/report.ts sacNucleation)
const PLATING_KEYS = ['nucleation_overpotential_mV', 'rms_roughness_nm', 'porosity', 'sac_nucleation_share', 'sac_nucleation_share_chance', 'sac_nucleation_excess', 'host_coverage', 'nucleus_density_per_um2'];
/** A seed's value of a plating or cycling key: its metrics.json number; sac_nucleation_excess is share minus chance of the same run. */
function seedValue(m: Record<string, unknown> | undefined, k: string): unknown {
  if (k !== 'sac_nucleation_excess') return m?.[k];
  const s = m?.sac_nucleation_share, c = m?.sac_nucleation_share_chance;
  return typeof s === 'number' && typeof c === 'number' ? s - c : undefined;
}
const CYCLING_KEYS = ['average_ce', 'dead_metal_fraction'];
const SAC_KEYS = ['sac_nucleation_share', 'sac_nucleation_share_chance', 'sac_nucleation_excess'];

/** The objectives the kMC simulations give (plating and cycling stages), for a line that names them. */
export function simulatedObjectives(): string[] {
  return Object.values(OBJECTIVES).filter((o) => o.stage === 'plating' || o.stage === 'cycling').map((o) => o.key);
}

/** Whether a screen with these objectives runs the kMC simulations (one of them is a plating or cycling quantity). */
export function objectivesNeedSimulation(objectives: readonly string[]): boolean {
  const simulated = simulatedObjectives();
  return objectives.some((k) => simulated.includes(k));
}

/**
 * The simulations of a screen as a sweep (candidates zipped, crossed with the seeds), named
 * "<name>-runs": `sacplate sweep <screen file> [--queue URL]` runs exactly these tasks, and a
 * later `sacplate screen` finds their results in the store.
 */
export function screenSweep(spec: ScreenSpec, candidates: Candidate[] = spec.candidates.filter((c) => !c.error)): SweepSpec {
  return {
    name: `${spec.name}-runs`, base: spec.base, baseDir: spec.baseDir, mode: 'zip',
    axes: [
      { path: 'sacs', values: candidates.map((c) => candidateInput(spec.base, c).sacs ?? []) },
      { path: 'host', values: candidates.map((c) => candidateInput(spec.base, c).host) },
      { path: 'parameters', values: candidates.map((c) => candidateInput(spec.base, c).parameters ?? null) },
    ],
    seeds: spec.seeds, ...(spec.file !== undefined ? { file: spec.file } : {}), fileName: spec.name,
    pointNames: { key: 'candidate', values: candidates.map((c) => c.name) },
  };
}

/**
 * The sources of every parameter of the candidates' metal, host and SAC sets (a descriptor row's
 * numbers cite its `source` column): the plating stage's source lines, which `sacplate cite` of a
 * screen file reads without simulating (src/cite/screen.ts).
 */
export function parameterSources(candidates: readonly Candidate[]): SourceLine[] {
  const sources: SourceLine[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const p = c.run?.provenance;
    if (!p) continue;
    // host and SAC sets hold data for every metal: only the candidate's metal is read (as `cite` of a run
    // counts it; until loose10 a Li screen listed the Na and K entries too)
    const other = (path: string) => /^metals\./.test(path) && !path.startsWith(`metals.${c.run!.metal.name}.`);
    for (const set of [p.metal, p.host, ...p.sacs]) {
      for (const [path, sv] of sourcedEntries(set)) {
        if (other(path)) continue;
        const what = `${set.name}: ${path}`;
        if (seen.has(what)) continue;
        seen.add(what);
        // a value the runs do not use (its note says so, params/sourced.ts): no work to cite; `cite` lists it apart (mends61)
        const unused = (sv.source.note ?? '').startsWith(NOT_USED_BY_THE_RUN);
        sources.push({ what, value: sourcedText(sv), source: srcText(sv.source), assumed: !!sv.source.assumed, refs: [unused ? NOT_USED_BY_THE_RUN : sv.source.ref], ...(sv.source.where ? { where: sv.source.where } : {}), ...(sv.source.given ? { given: true } : {}) });
      }
    }
  }
  return sources;
}

export const platingStage: Stage = {
  name: 'plating',
  describe: 'kMC plating (and cycling when the protocol has strip steps): mean and 95 % interval over seeds',
  async run(ctx) {
    const { spec, candidates } = ctx;
    // no chosen objective is a simulated quantity (e.g. sustainability and descriptors only): the kMC runs are not made
    // (until session 41 every screen simulated every candidate x seed, minutes of CPU for values nothing ranked by);
    // the parameter sources are still listed, as `sacplate cite` of the screen file lists them without simulating
    const wanted = ctx.opts.objectives ?? spec.objectives;
    // its quantities are left out (said once, here), not ten "(not simulated: ...)" cells per candidate in report.md and
    // empty columns in ranking.csv and the workbench's data (review48)
    if (!objectivesNeedSimulation(wanted)) {
      const simulated = simulatedObjectives();
      return {
        values: new Map<string, Record<string, Value>>(), sources: parameterSources(candidates), failed: new Map<string, string>(),
        notes: [`no objective needs the kMC simulations, so none were run (objectives: ${wanted.join(', ')}); name one of ${simulated.join(', ')} to simulate the candidates: their quantities are left out of the tables`],
      };
    }
    const sweep = screenSweep(spec, candidates);
    const r = await runSweepLocal(sweep, { db: ctx.opts.db, threads: ctx.opts.threads, signal: ctx.opts.signal, onOutcome: (_o, d, t) => ctx.opts.onProgress?.(d, t),
      // (0, total) as the runs start (audit70: the CLI's line came at the first run's end, its time left counted from then,
      // "1/24 tasks, about 1 s left", and a log said nothing before)
      onPlan: (p) => { if (p.todo.length > 0) ctx.opts.onProgress?.(0, p.todo.length); } });
    if (r.cancelled) throw screenStopped(spec.name);
    if (r.fatal) throw new Error(`plating stage stopped: ${r.fatal.error.type}: ${r.fatal.error.message}`);
    const { SweepStore } = await import('../sweep/store.js');
    const store = SweepStore.open(ctx.opts.db);
    let rows, finished;
    // the steps of each run (how each ended, with its charge and time): the early ends are said and their values not ranked
    try { rows = store.sweepRows(sweep.name); finished = store.finishedRuns(rows.map((x) => x.hash)); } finally { store.close(); }
    const runWarnings = new Map<string, RunWarnings>();
    const values = new Map<string, Record<string, Value>>();
    const failed = new Map<string, string>();
    const nS = spec.seeds.length;
    const cycling = new Set<string>();
    let noDip = false;
    const cuts: string[] = [];
    candidates.forEach((c, i) => {
      const mine = rows.slice(i * nS, (i + 1) * nS);
      const bad = mine.find((x) => x.status !== 'done');
      if (bad) { failed.set(c.name, bad.error?.message ?? bad.status); return; }
      const v: Record<string, Value> = {};
      const early = earlyRuns(c.name, c.run?.protocol, mine, finished, spec.seeds);
      if (early.warnings.length) runWarnings.set(c.name, { ended_early: early.ends, warnings: early.warnings });
      for (const k of [...PLATING_KEYS, ...CYCLING_KEYS]) {
        const xs = mine.map((x) => seedValue(x.metrics, k)).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
        // a candidate without SACs (a bare-host control): its metrics.json has no SAC share nor chance (null since mends62)
        const bare = SAC_KEYS.includes(k) && mine.every((x) => runHadNoSacs(x.metrics) === true);
        if (xs.length === 0) { v[k] = { value: null, note: CYCLING_KEYS.includes(k) ? 'no plate/strip cycles in the protocol' : bare ? 'not applicable: no SACs' : 'not measured' }; continue; }
        if (k === 'average_ce') cycling.add(k);
        // a nucleation reading <= 0 is no dip: counted (no_dip), the mean and interval over the seeds with a dip, no value
        // where none had one (mends119, review86 F3: the printed table showed the no-dip seeds' mean, `Zn-N4 -3.928`)
        const ys = k === 'nucleation_overpotential_mV' ? dipsOf(xs) : xs;
        if (ys.length === 0) v[k] = { value: null, n: 0 };
        else {
          const iv = boundedInterval(ys, k, mine.map((x) => x.metrics ?? {}));
          v[k] = { value: iv.mean, lo: iv.lo, hi: iv.hi, n: iv.n, ...(iv.cut ? { cut: iv.cut } : {}) };
        }
        const nd = k === 'nucleation_overpotential_mV' ? noDipNote(xs) : null;
        if (nd) { Object.assign(v[k]!, nd); noDip = true; }
        // a value read from a run that stopped before its protocol's end (its box full, ...): kept as read, marked, not ranked
        const ne = k === 'nucleation_overpotential_mV' ? early.seedsNucleation : early.seedsAny;
        if (ne > 0) {
          const x = v[k]!;
          x.ended_early = ne;
          const note = `ended early in ${ne} of ${nS} seed(s) (${early.summary}): read from a run that stopped before its protocol's end, not ranked (counted as no value)`;
          x.note = x.note ? `${x.note}; ${note}` : note;
        }
      }
      // dead metal is 0 by definition before any stripping: not a result without cycles
      if (v.average_ce?.value === null && v.dead_metal_fraction) v.dead_metal_fraction = { value: null, note: 'no plate/strip cycles in the protocol' };
      // the cuts of the values kept (a dead-metal interval dropped above was listed until review38)
      for (const [k, x] of Object.entries(v)) if (x.cut) cuts.push(`${c.name} ${k} (${x.cut.replace(/^interval /, '').replace(/ \(physical bound\)$/, '')})`);
      values.set(c.name, v);
    });
    const sources = parameterSources(candidates);
    const notes = [`${plural(candidates.length, 'candidate')} x ${plural(nS, 'seed')} = ${plural(candidates.length * nS, 'run')} (sweep "${sweep.name}" in the store; ${r.recorded} run now, the rest reused)`];
    // mends125 (review89 F2): candidates whose runs are the same trajectories (Co-N/O = Zn-N4, Mn-N4 = the bare host)
    notes.push(...identicalRunNotes(candidates.filter((c) => !failed.has(c.name)).map((c) => ({ name: c.name, run: c.run, metrics: rows.slice(candidates.indexOf(c) * nS, (candidates.indexOf(c) + 1) * nS).map((x) => x.metrics) }))));
    if (cycling.size === 0) notes.push('the base protocol has no plate/strip cycles: CE and dead metal are not evaluated');
    if (noDip) notes.push(NO_DIP_STAGE_NOTE);
    if (cuts.length) notes.push(`95 % intervals that ran past a physical bound (a share in [0, 1], a density >= 0) are cut there, marked *: ${cuts.join('; ')}`);
    const ended = [...runWarnings].filter(([, w]) => w.ended_early.length);
    if (ended.length) {
      const n = ended.reduce((a, [, w]) => a + new Set(w.ended_early.map((e) => e.seed)).size, 0);
      const boxFull = ended.some(([, w]) => w.ended_early.some((e) => e.ended === 'box_full'));
      notes.push(`${plural(n, 'run')} of ${ended.map(([name]) => name).join(', ')} ended early (${ended.map(([name, w]) => `${name}: ${w.ended_early.map(earlyEndText).join(', ')}`).join('; ')}): `
        + 'their values are read from a deposit that stopped before the protocol\'s end, so they are shown, marked, and ranked as no value (the worst) on the objectives read from that step'
        + (boxFull ? '; box_full: give the base a taller box (lattice.size[2]) or a smaller capacity' : ''));
    }
    return { values, sources, notes, failed, runWarnings };
  },
};

/** what makes two runs the same trajectory in every seed: the event count, the charge and every value the screen reads */
// (not the SAC shares: a bare host has none, a SAC that binds as the host reads the same run's share of its sites)
const IDENTITY_KEYS = ['events', 'charge_C_per_cm2', 'deposited_voxels', ...PLATING_KEYS.filter((k) => !k.startsWith('sac_')), ...CYCLING_KEYS];

/** a run's SAC sites and host in words, the parameters the kMC reads (binding, redShift, terrace barrier, loading) */
function siteWords(run: Candidate['run']): string[] {
  if (!run) return [];
  const e = (x: number) => `${+x.toPrecision(4)} eV`;
  return [`host ${run.host.name} binding ${e(run.host.binding_eV)}`,
    ...(run.sacs.length ? run.sacs.map((s) => `${s.site.name} binding ${e(s.site.binding_eV)}, redShift ${e(s.site.redShift_eV)}, terrace barrier ${e(s.site.terraceBarrier_eV)}, loading ${+(100 * s.loading_fraction).toPrecision(3)} %`) : ['no SACs'])];
}

/**
 * mends125 (review89 F2): candidates whose runs are identical in every seed (same events, charge and read values): one
 * note per group, naming what differs in their inputs (which the trajectories do not depend on) and why that may be:
 * a SAC binding no stronger than the host's acts as bare host; bindings far above kT all keep every adatom.
 */
export function identicalRunNotes(cands: readonly { name: string; run?: Candidate['run']; metrics: readonly (Record<string, unknown> | undefined)[] }[]): string[] {
  const sig = (c: typeof cands[number]) => (c.metrics.length && c.metrics.every((m) => m && typeof m.events === 'number')
    ? JSON.stringify(c.metrics.map((m) => IDENTITY_KEYS.map((k) => seedValue(m, k) ?? null))) : undefined);
  const groups = new Map<string, (typeof cands[number])[]>();
  for (const c of cands) { const k = sig(c); if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), c]); }
  const out: string[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const words = g.map((c) => siteWords(c.run));
    const kT = g[0]!.run ? 8.617333e-5 * g[0]!.run.temperature_K : NaN;
    const why: string[] = [];
    for (const c of g) {
      if (!c.run) continue;
      const weak = c.run.sacs.filter((s) => s.site.binding_eV <= c.run!.host.binding_eV);
      if (c.run.sacs.length && weak.length === c.run.sacs.length) why.push(`${c.name}'s SAC binds no more than its host (${weak.map((s) => `${s.site.name} ${+s.site.binding_eV.toPrecision(4)}`).join(', ')} <= ${+c.run.host.binding_eV.toPrecision(4)} eV): it runs as the bare host`);
      else if (c.run.sacs.length && c.run.sacs.every((s) => s.site.binding_eV - c.run!.host.binding_eV > 20 * kT)) why.push(`${c.name}'s SAC binding is more than 20 kT above its host's: an adatom there does not leave within the run, however much stronger`);
    }
    out.push(`identical runs: ${g.map((c) => c.name).join(' and ')} gave the same trajectory in every seed (the same events, charge and values): their inputs differ (${g.map((c, i) => `${c.name}: ${words[i]!.join('; ')}`).join(' | ')}) in ways the kMC run does not feel here`
      + (why.length ? ` (${why.join('; ')})` : '') + '; their order among themselves comes from the objectives not simulated');
  }
  return out;
}

/** "seed 1 step 1 box_full after 0.000743 of 0.001 mAh/cm2": one early end, short. */
export function earlyEndText(e: EarlyEnd): string {
  const reached = e.reached_mAh_per_cm2 === undefined ? '' : ` after ${e.reached_mAh_per_cm2.toPrecision(3)}${e.capacity_mAh_per_cm2 != null ? ` of ${e.capacity_mAh_per_cm2}` : ''} mAh/cm2`;
  return `${e.seed === null ? '' : `seed ${e.seed} `}step ${e.step} ${e.ended}${reached}`;
}

/**
 * A candidate's runs (its rows of the sweep, one per seed) that ended early, by src/simulation/early-ends.ts's rule
 * (earlyEndSteps, with the warnings' wording): the early ends, the warning lines, the seeds with one anywhere (every
 * simulated value but the nucleation reading is read at the run's end) and those with one in or before the first
 * plating step (which the nucleation reading reads).
 */
function earlyRuns(name: string, protocol: ProtocolEntry[] | undefined, rows: readonly SweepRow[], finished: Map<string, FinishedRun>, seeds: readonly number[]): { ends: EarlyEnd[]; warnings: string[]; seedsAny: number; seedsNucleation: number; summary: string } {
  const ends: EarlyEnd[] = [];
  const warnings: string[] = [];
  let seedsAny = 0, seedsNucleation = 0;
  rows.forEach((x, j) => {
    const seed = typeof x.label.seed === 'number' ? x.label.seed : seeds[j] ?? null;
    const { steps } = reusedStepEnds(finished.get(x.hash)?.steps as StepResult[] | undefined, x.metrics ?? {}, '');
    warnings.push(...earlyEndWarnings(steps, `${name} (seed ${seed ?? j + 1})`, protocol));
    const early = earlyEndSteps(steps, protocol);
    if (early.length === 0) return;
    seedsAny++;
    const firstPlate = protocol ? steps.find((s) => stepAt(protocol, s.index)?.kind === 'plate')?.index : undefined;
    if (firstPlate === undefined || early.some((s) => s.index <= firstPlate)) seedsNucleation++;
    const caps = x.metrics?.steps_capacity_mAh_per_cm2;
    for (const s of early) {
      const text = s.text ?? (protocol ? stepAt(protocol, s.index)?.text : undefined);
      const cap = Array.isArray(caps) ? caps[s.index] : undefined;
      ends.push({
        seed, step: s.index + 1, ...(text !== undefined ? { text } : {}), ended: s.ended,
        ...(s.charge_C_per_cm2 !== undefined ? { reached_mAh_per_cm2: Math.abs(s.charge_C_per_cm2) / C_PER_MAH } : {}),
        ...(typeof cap === 'number' ? { capacity_mAh_per_cm2: cap } : {}),
        ...(s.duration_s !== undefined ? { duration_s: s.duration_s } : {}),
      });
    }
  });
  return { ends, warnings, seedsAny, seedsNucleation, summary: ends.map(earlyEndText).join(', ') };
}

export const stabilityStage: Stage = {
  name: 'stability',
  hearsStop: true, // look-ups only
  describe: 'stability from the descriptor CSV: site distortion as given, the aggregation margin E_b + E_coh and the dissolution potential U0 - E_f/n (src/screen/stability.ts)',
  async run(ctx) {
    const values = new Map<string, Record<string, Value>>();
    const sources: SourceLine[] = [];
    const seen = new Set<string>();
    // the two DFT criteria only when ranked on (a screen that does not name them shows no such column, as before stab64)
    const objs = ctx.opts?.objectives ?? ctx.spec?.objectives;
    const wanted = (k: string) => !objs || objs.includes(k);
    for (const c of ctx.candidates) {
      const d = c.descriptors?.distortion_A;
      // mends65: a candidate without a descriptor row says why it has none: a bare host has no SAC to describe, a built-in
      // site (candidates: with sacs:) has no sourced DFT stability numbers (the review gives none: docs/screening.md)
      const noRow = candidateElements(c).length === 0 ? 'no SAC: not applicable' : 'a built-in site, no descriptor row: no sourced DFT value; give the site as a descriptor row to rank it';
      // a descriptor row with an empty cell (not known: mends84) is no value, said as such
      const v: Record<string, Value> = { distortion_A: d === undefined ? { value: null, note: c.descriptors ? 'distortion_A cell empty: not known' : noRow } : { value: d } };
      // the two DFT criteria (stab64): the row's element looked up in data/stability/metals.csv; a missing cell, a
      // candidate without a descriptor row, or an element not in the table is no value, said in the note
      const el = c.element ?? candidateElements(c)[0];
      const m = el === undefined ? undefined : stabilityTable().get(el);
      const crit = (col: 'metal_binding_eV' | 'formation_energy_eV', f: (e: string, x: number) => number | undefined, how: (x: number) => string): Value => {
        const x = c.descriptors?.[col];
        if (!c.descriptors) return { value: null, note: noRow };
        if (x === undefined) return { value: null, note: `${col} cell empty: not known` };
        if (el === undefined || m === undefined) return { value: null, note: `${el ?? 'no element'}: not in ${STABILITY_TABLE}` };
        return { value: Number(f(el, x)!.toFixed(6)), note: how(x) };
      };
      if (wanted('aggregation_margin_eV')) {
        v.aggregation_margin_eV = crit('metal_binding_eV', aggregationMargin, (x) => `E_b ${x} eV + E_coh(${el}) ${m!.cohesive_eV} eV`);
      }
      if (wanted('dissolution_potential_V')) {
        v.dissolution_potential_V = crit('formation_energy_eV', dissolutionPotential, (x) => `U0(${m!.reaction}) ${m!.U0_V} V - E_f ${x} eV / ${m!.n}`);
      }
      // the table values a value used, cited once each
      if (m && v.aggregation_margin_eV?.value != null && !seen.has(`coh ${el}`)) {
        seen.add(`coh ${el}`);
        sources.push({ what: `${el}: cohesive energy`, value: `${m.cohesive_eV} eV (${m.cohesive_kJ_per_mol} kJ/mol)`, source: `${KITTEL} (${STABILITY_TABLE})`, assumed: false, refs: [KITTEL] });
      }
      if (m && v.dissolution_potential_V?.value != null && !seen.has(`diss ${el}`)) {
        seen.add(`diss ${el}`);
        sources.push({ what: `${el}: dissolution ${m.reaction}`, value: `U0 ${m.U0_V} V vs SHE, n ${m.n}`, source: `${CRC_POTENTIALS} (${STABILITY_TABLE})`, assumed: false, refs: [CRC_POTENTIALS] });
      }
      values.set(c.name, v);
    }
    // the formulas' sources, once, when a value used them
    const used = (k: string) => [...values.values()].some((v) => v[k]?.value != null);
    if (used('aggregation_margin_eV')) sources.push({ what: 'aggregation_margin_eV = E_b + E_coh', value: 'formula', source: AGGREGATION_REF, assumed: false, refs: [AGGREGATION_REF] });
    if (used('dissolution_potential_V')) sources.push({ what: 'dissolution_potential_V = U0 - E_f / n', value: 'formula', source: DISSOLUTION_REF, assumed: false, refs: [DISSOLUTION_REF] });
    const notes: string[] = [];
    if (wanted('aggregation_margin_eV')) notes.push(`aggregation_margin_eV = metal_binding_eV + the bulk metal's cohesive energy (Kittel): negative = the atom is bound more strongly in its site than in its bulk metal (${AGGREGATION_REF})`);
    if (wanted('dissolution_potential_V')) notes.push(`dissolution_potential_V = U0_diss(bulk metal) - formation_energy_eV / n, vs SHE: higher = more stable against dissolution (${DISSOLUTION_REF}); U0 and n of the ion in ${STABILITY_TABLE}`);
    return { values, sources, notes };
  },
};

/** SAC elements of a candidate (none for a bare host): what the anode stage prices. */
export function candidateElements(c: Candidate): string[] {
  return [...new Set((c.run?.provenance?.sacs ?? []).map((s) => s.element))];
}

/**
 * The elements a candidate's sustainability scores: its SAC elements and a built-in site's support elements
 * (params/sacs.ts `supportElements`: SAFe-CVRCS's Fe sits in Co1-xS, so Co and S count beside Fe; until toxoel it was
 * scored on Fe alone and tied Fe-N4 as the most sustainable SAC). A user's set of the same name counts them only with
 * the same element. The worst of them counts, as for a dual-atom site's two elements.
 */
export function candidateSustainabilityElements(c: Candidate): { elements: string[]; support: string[] } {
  const sacs = c.run?.provenance?.sacs ?? [];
  const elements = [...new Set(sacs.map((s) => s.element))];
  // a set's own list first (a user's, parameters.sacs.<name>.supportElements since mends84), else the built-in spec's
  const support = [...new Set(sacs.flatMap((s) => s.supportElements ?? SAC_SPECS.find((x) => x.name === s.name && x.element === s.element)?.supportElements ?? []))]
    .filter((x) => !elements.includes(x));
  return { elements: [...elements, ...support], support };
}

// toxicityInversionNotes moved to src/evidence/elements.ts (mends84: `elements --sustainability` prints it too)
export { toxicityInversionNotes };

export function elementsStage(weights: Weights): Stage {
  return {
    name: 'elements',
    hearsStop: true, // look-ups only
    describe: 'sustainability of the SAC element(s) and a built-in site\'s support elements: abundance, price, HHI, cited exposure limits and hazard classes (unknown hazard = worst case); the worst element of a candidate counts',
    async run(ctx) {
      const values = new Map<string, Record<string, Value>>();
      const sources: SourceLine[] = [];
      const seen = new Set<string>();
      const notes: string[] = [];
      for (const c of ctx.candidates) {
        const { elements: els, support } = candidateSustainabilityElements(c);
        if (els.length === 0) { values.set(c.name, { sustainability: { value: 1, note: 'no SAC element' } }); continue; }
        // a user's SAC set without `element` (params/registry.ts): nothing to score, not the worst or the best
        if (els.includes('')) { values.set(c.name, { sustainability: { value: null, note: 'SAC element not given (parameters.sacs.<name>.element)' } }); continue; }
        let scores;
        try { scores = getElements(els).map((e) => ({ e, s: sustainabilityScore(e, weights) })); } catch (err) {
          // said in the notes too: the CLI showed only "no value on sustainability" for a SAC set whose element is "Xx"
          if (err instanceof FileError || err instanceof InputError) { values.set(c.name, { sustainability: { value: null, note: err.message } }); notes.push(`${c.name}: not scored: ${err.message}`); continue; }
          throw err;
        }
        const worst = scores.reduce((a, b) => (b.s.total < a.s.total ? b : a));
        for (const { e, s } of scores) if (s.missing.length && !seen.has(e.symbol)) notes.push(`${e.symbol}: no ${s.missing.join(', ')} data; left out of its sustainability score, the other criteria share the weight`);
        // no bracket in the note: the report puts the note in one (mends59)
        const supportNote = support.length ? `; the worst of ${els.join(', ')}, support elements ${support.join(', ')} included` : '';
        // a criterion without data, beside the value (review69: said only in the stage's note): the element's, as "Fe: price"
        const missing = scores.flatMap(({ e, s }) => s.missing.map((m) => `${e.symbol}: ${m}`));
        const missingNote = missing.length ? `; no data for ${missing.join(', ')}: left out, the other criteria share their weight` : '';
        values.set(c.name, { sustainability: { value: worst.s.total, note: `${worst.e.symbol}${support.includes(worst.e.symbol) ? ', a support element' : ''}${worst.s.unknown.length ? ', hazard unknown: scored as the worst case' : ''}${supportNote}${missingNote}`, ...(missing.length ? { missing } : {}),
          criteria: { element: worst.e.symbol, scores: Object.fromEntries(worst.s.breakdown.map((b) => [b.criterion, b.score])) } } });
        for (const { e, s } of scores) {
          if (seen.has(e.symbol)) continue;
          seen.add(e.symbol);
          for (const b of s.breakdown) sources.push({ what: `${e.symbol}: ${b.criterion}`, value: b.input, ...elementSource(b.criterion, e), assumed: false });
        }
      }
      notes.push(`criterion weights ${JSON.stringify(weights)}; toxicity: the worse of an element's exposure-limit score (log10 of the OEL from 0.001 mg/m3 -> 0 to 10 mg/m3 -> 1) and its cited classification (IARC); an element without cited hazard data scores 0 on toxicity (unknown, not safe)`);
      notes.push(...toxicityInversionNotes([...seen], weights));
      return { values, sources, notes };
    },
  };
}

export const synthesisStage: Stage = {
  name: 'synthesis',
  hearsStop: true, // look-ups only
  describe: 'synthesis route indicators per gram of host: furnace energy, cost, organic solvents (data/synthesis/routes.yaml)',
  async run(ctx) {
    const values = new Map<string, Record<string, Value>>();
    const sources: SourceLine[] = [];
    const seen = new Set<string>();
    for (const c of ctx.candidates) {
      const s = synthesisIndicators(c.synthesis);
      const label = synthesisLabel(c.synthesis);
      values.set(c.name, {
        synthesis_energy_kWh_per_g: { value: s.energy_kWh_per_g, note: label },
        synthesis_cost_USD_per_g: { value: s.cost_USD_per_g, note: label },
        organic_solvent: { value: s.organic_solvent ? 1 : 0, note: s.solvents.join(', ') || 'none' },
      });
      for (const l of s.sources) {
        const key = `${l.what}=${l.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        sources.push({ what: l.what, value: l.value, source: srcText(l.source), assumed: !!l.source.assumed, refs: [l.source.ref], ...(l.source.where ? { where: l.source.where } : {}) });
      }
    }
    return { values, sources, notes: ['lab-scale indicators for comparing routes, most values assumed (marked); not a life-cycle assessment'] };
  },
};

export const electrolyteStage: Stage = {
  name: 'electrolyte',
  hearsStop: true, // look-ups only
  describe: 'fluorine-free salt, solvents and additives or not (review section 5.1)',
  async run(ctx) {
    const values = new Map<string, Record<string, Value>>();
    const sources: SourceLine[] = [];
    const seen = new Set<string>();
    for (const c of ctx.candidates) {
      const e = c.electrolyte ?? ctx.spec.electrolyte;
      if (!e) { values.set(c.name, { electrolyte_fluorine_free: { value: null, note: 'no electrolyte given' } }); continue; }
      const g = electrolyteGreenness(e);
      values.set(c.name, { electrolyte_fluorine_free: { value: g.fluorineFree ? 1 : 0, note: g.fluorineFree ? 'F-free' : `fluorinated: ${g.fluorinated.join(', ')}` } });
      if (!seen.has(g.text)) { seen.add(g.text); sources.push({ what: 'electrolyte components', value: g.text, source: loadComponents().source, assumed: false, refs: ['review'], where: 'section 5.1 (its ref 85): the fluorine-free criterion; components by their molecular formulas' }); }
    }
    // what the solvents' liquid-range check (screen/spec.ts, mends70) could not check: said once per note
    const notes = [...new Set(ctx.candidates.flatMap((c) => {
      const e = c.electrolyte ?? ctx.spec.electrolyte;
      return e && c.run ? solventRangeCheck(e.solvents, c.run.temperature_K, 'electrolyte.solvents', 'the run temperature') : [];
    }))];
    return { values, sources, notes };
  },
};

/** "1165.8 mAh/g = F/(3.6 M), M = 22.99 g/mol": the capacity the anode stage divides, with where it comes from. */
function metalCapacityText(metal: string): string {
  try {
    const { capacity, M } = metalCapacity_mAh_g(metal);
    return `${capacity.toFixed(1)} mAh/g = F/(3.6 M), M = ${M.toFixed(2)} g/mol`;
  } catch (e) { if (!(e instanceof InputError)) throw e; return 'F/(3.6 M) mAh/g'; }
}

export const anodeStage: Stage = {
  name: 'anode',
  hearsStop: true, // look-ups only
  describe: 'whole-anode gram capacity (metal + host + SAC + collector) and anode-side material cost per kWh',
  async run(ctx) {
    const values = new Map<string, Record<string, Value>>();
    const a = ctx.spec.anode;
    const sources: SourceLine[] = [];
    if (!a) {
      for (const c of ctx.candidates) values.set(c.name, { anode_mAh_per_g: { value: null, note: 'no anode: block' }, anode_cost_USD_per_kWh: { value: null, note: 'no anode: block' } });
      return { values, sources, notes: ['no anode: block in the screen file: gram capacity and cost per kWh not evaluated'] };
    }
    const metal = ctx.candidates[0]?.run?.metal.name ?? String(ctx.spec.base.metal);
    let metalPrice: number | undefined;
    try { metalPrice = getElements([metal])[0]!.price_usd_per_kg; } catch (e) { if (!(e instanceof FileError)) throw e; }
    const stageNotes: string[] = [];
    for (const c of ctx.candidates) {
      const els = candidateElements(c);
      // a site's support elements (SAFe-CVRCS: Co, S of Co1-xS) are the host's material, not single atoms: their mass is
      // a share of the host's that our sources do not give, and the SAC mass loading is not it; not priced, and said
      // (mends87; docs/screening.md "Anode" bounds what they could add)
      const { support } = candidateSustainabilityElements(c);
      const supportNote = support.length ? `; support elements ${support.join(', ')} not priced: they are the host's material, whose composition is not known` : '';
      if (support.length) stageNotes.push(`${c.name}: support elements ${support.join(', ')} not priced: they are the host's material (priced at its route's cost per gram), whose share of the host mass is not in the sources; the SAC mass loading is the SAC element's alone (docs/screening.md, "Anode")`);
      const load = els.length ? (c.sacMassLoading ?? a.sacMassLoading) : 0;
      const cap = anodeCapacity({ metal, metalMass_kg_m2: a.metalMass_kg_m2, hostMass_kg_m2: a.hostMass_kg_m2, sacLoading: load, collectorMass_kg_m2: a.collectorMass_kg_m2 });
      const syn = synthesisIndicators(c.synthesis);
      let sacPrice = 0;
      let missing = '';
      if (els.length) {
        try {
          const prices = getElements(els).map((e) => e.price_usd_per_kg);
          if (prices.some((p) => p === undefined)) missing = 'no price for a SAC element';
          else sacPrice = prices.reduce<number>((s, p) => s + (p ?? 0), 0) / prices.length;
        } catch (e) { if (!(e instanceof FileError)) throw e; missing = 'element data not found'; }
      }
      const m = cap.masses_mg_per_cm2;
      const usd_cm2 = metalPrice === undefined || missing ? NaN
        : (m.metal / 1e6) * metalPrice + (m.host_support / 1000) * syn.cost_USD_per_g + (m.sac / 1e6) * sacPrice;
      const kWh_cm2 = cap.capacity_mAh_per_cm2 * a.cellVoltage_V * 1e-6;
      values.set(c.name, {
        anode_mAh_per_g: { value: cap.wholeAnode_mAh_per_g, note: `${m.total.toFixed(3)} mg/cm2 in all` },
        anode_cost_USD_per_kWh: Number.isFinite(usd_cm2) ? { value: usd_cm2 / kWh_cm2, note: `metal + host at its route cost + SAC element, ${a.cellVoltage_V} V${supportNote}` } : { value: null, note: missing || 'no metal price' },
      });
    }
    sources.push(
      // the number the gram capacity reads, with its formula (review43: the value read "F/(3.6 M) mAh/g", no number)
      { what: `${metal}: theoretical capacity`, value: metalCapacityText(metal), source: 'alkali_metals.csv (mendeleev, pymatgen), src/evidence/capacity.ts', assumed: false, refs: [MENDELEEV] },
      { what: `${metal}: price`, value: metalPrice === undefined ? 'n/a' : `${metalPrice} USD/kg (element, not battery-grade foil)`, source: PRICE_SOURCE, assumed: false, refs: [MENDELEEV] },
      { what: 'anode masses and cell voltage', value: `metal ${a.metalMass_kg_m2 * 100} mg/cm2, host ${a.hostMass_kg_m2 * 100} mg/cm2, collector ${a.collectorMass_kg_m2 * 100} mg/cm2, SAC ${(a.sacMassLoading * 100).toFixed(2)} wt% of host, ${a.cellVoltage_V} V`, source: 'screen file (user input)', assumed: false, refs: [] },
    );
    return { values, sources, notes: ['cost per kWh counts anode-side materials only (metal at element price, host at its route cost per gram, SAC element), per kWh of the metal capacity at the given cell voltage', ...stageNotes] };
  },
};

/** The pipeline in order; a new stage is one more entry. */
export function defaultStages(weights: Weights): Stage[] {
  return [platingStage, stabilityStage, elementsStage(weights), synthesisStage, electrolyteStage, anodeStage, nucleationStage()];
}
