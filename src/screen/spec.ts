/**
 * Screen files: a base run, candidates (named SAC sets and/or a CSV of descriptors), the
 * electrolyte, the anode's masses and the objectives to rank by.
 *
 * ```yaml
 * name: screen-li
 * base: { metal: Li, lattice: ..., host: N-graphene, protocol: [...] }
 * seeds: 3
 * candidates:
 *   - { name: Zn-N4, sacs: [{ site: Zn-N4, loading: 2 % }], synthesis: { route: pyrolysis, temperature: 900 degC } }
 *   - { name: bare, sacs: [], synthesis: none }
 * descriptors: screen-li-descriptors.csv      # optional: one candidate per row
 * electrolyte: { salt: LiTFSI, solvents: [DOL, DME], additives: [LiNO3] }
 * anode: { metal_mass: 2 mg/cm2, host_mass: 1.5 mg/cm2, sac_mass_loading: 1 wt%, cell_voltage: 3.7 V }
 * objectives: [nucleation_overpotential_mV, rms_roughness_nm, sustainability]
 * weights: { toxicity: 2 }                     # sustainability criteria
 * ```
 *
 * Descriptor CSV columns (header names carry the units): name, element, binding_vs_support_eV (M0
 * binding energy at the site minus that on the bare support, with the DFT sign the parameter sets
 * use: negative = the site binds more strongly; the column was binding_energy_eV with the
 * opposite sign, and a file that still has it is refused rather than read the other way round),
 * migration_barrier_eV (the model's hop barrier on the site), desolvation_shift_eV (how much the
 * site lowers the desolvation barrier, >= 0), distortion_A (site distortion under plating: a
 * stability descriptor; optional, mends92), loading ("2 %"), and optionally metal_binding_eV (the metal atom's binding
 * energy in the site, DFT sign) and formation_energy_eV (the site's formation energy per metal atom vs the bulk metal),
 * read by the stability stage's aggregation_margin_eV and dissolution_potential_V (stab64), synthesis, synthesis_temperature_C, source.
 * The rows may also be given as a list of maps, the columns as keys (`descriptors: [{ name: Cu-N4, ... }]`, mends92).
 * A row becomes a user SAC set through the same rules as the built-in sets (params/derive.ts):
 * binding = support binding - bindingScale x binding_vs_support, redShift = -bindingScale x desolvation_shift.
 */
import { solventRangeCheck } from '../params/electrolytes.js';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { FileError, InputError, fsReason } from '../errors.js';
import { refuseUnknownKeys, textArg } from '../args.js';
import { didYouMean } from '../did-you-mean.js';
import { symbolCaseHint } from '../params/element-symbols.js';
import { readInputFile, parseRunInput, keylessWhat } from '../input/parse.js';
import { nonText, nonTextExpected } from '../io/text-file.js';
import { mergedInputWarnings } from '../input/limits.js';
import { fileKindOf } from '../input/file-kind.js';
import type { ResolvedRun } from '../input/types.js';
import { splitCsvLine, parseWeights, getElements, DEFAULT_WEIGHTS, CRITERIA, type Weights } from '../evidence/elements.js';
import { parseQuantity } from '../units.js';
import { parseSynthesis, SYNTHESIS_C, parseElectrolyte, type SynthesisChoice, type Electrolyte } from './data.js';
import { OBJECTIVES, DEFAULT_OBJECTIVES } from './objectives.js';
import { sweepNameArg } from '../sweep/spec.js';

export interface Candidate {
  name: string;
  /** run keys this candidate sets over the base (sacs, host, parameters) */
  overrides: Record<string, unknown>;
  synthesis: SynthesisChoice;
  electrolyte?: Electrolyte;
  /** SAC mass fraction of the host for the anode mass balance */
  sacMassLoading?: number;
  /** a descriptor row's SAC element (the stability stage looks it up in data/stability/metals.csv) */
  element?: string;
  /** descriptor values from the CSV row, by column */
  descriptors?: Record<string, number>;
  /**
   * a descriptor map's loading (runScreen's `descriptors: [{ ... }]`): its field in the list form and the value as given,
   * for the error when the run refuses it (`descriptors[1].loading: got ...`; mends94: it read `descriptors[1] "Mn-N4":
   * loading: ...`, a CSV row's form). A CSV row's loading keeps its row form (`d.csv row 2 "Cu-N4": loading: ...`).
   */
  loadingAt?: { field: string; given: unknown };
  origin: string;
  /** resolved run (seed of the base) or why it does not resolve */
  run?: ResolvedRun;
  error?: string;
}

export interface AnodeSpec { metalMass_kg_m2: number; hostMass_kg_m2: number; sacMassLoading: number; cellVoltage_V: number; collectorMass_kg_m2: number; }

export interface ScreenSpec {
  name: string;
  base: Record<string, unknown>;
  baseDir: string;
  seeds: number[];
  candidates: Candidate[];
  electrolyte?: Electrolyte;
  anode?: AnodeSpec;
  objectives: string[];
  weights: Weights;
  /** weights of the objectives in the within-front score (default 1 each) */
  objectiveWeights: number[];
  /** whether the file gave objective_weights (one per objective of the file), for the ranking's note (mends90) */
  objectiveWeightsGiven?: boolean;
  /** the screen file it was read from, as an absolute path (none for an object): its runs' sweep is that file's in the store */
  file?: string;
}

const SCREEN_KEYS = ['name', 'description', 'base', 'seeds', 'candidates', 'descriptors', 'electrolyte', 'anode', 'objectives', 'weights', 'objective_weights'];
const CANDIDATE_KEYS = ['name', 'sacs', 'host', 'parameters', 'synthesis', 'electrolyte', 'sac_mass_loading'];
const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

export function loadScreenFile(file: string): ScreenSpec {
  textArg('file', file, 'a screen file path (text), e.g. "examples/screen-li.yaml"'); // readInputFile's own text says "a run file path"
  const raw = readInputFile(file, 'a screen file (base, candidates and/or descriptors, objectives) is read here');
  // a file without keys (a CSV, a cycler's .mpt) said in words, as simulate, cite and fullcell do: it was
  // `screen: got "EC-Lab ASCII FILE\r\n..." (2312333 characters), expected a map ...` (cli66)
  if (typeof raw === 'string' || Array.isArray(raw)) throw new FileError(file, `${keylessWhat(file, raw)}, not a screen file; a screen file has base: (the run), candidates: and/or descriptors: and objectives: (examples/screen-li.yaml, docs/screening.md)`);
  return { ...parseScreen(raw, { file }), file: resolve(file) };
}

export function parseScreen(input: unknown, opts: { file?: string } = {}): ScreenSpec {
  if (!isObj(input)) throw new InputError('screen', input, 'a map with keys base, candidates and/or descriptors, objectives');
  // another command's file: said as such (its keys were listed as unknown keys of a screen file)
  const kind = fileKindOf(input);
  if (kind && kind.kind !== 'screen') {
    const words = `${kind.what}; a screen file has base: (the run), candidates: and/or descriptors: and objectives: (examples/screen-li.yaml, docs/screening.md)`;
    throw opts.file ? new FileError(opts.file, words) : new InputError('screen', input, `a screen object, not ${words}`);
  }
  refuseUnknownKeys('', input, SCREEN_KEYS, { where: ' in a screen file' });
  let baseDir = opts.file ? dirname(opts.file) : process.cwd();
  const fileDir = baseDir;
  let base: Record<string, unknown>;
  if (typeof input.base === 'string') {
    const f = isAbsolute(input.base) ? input.base : resolve(baseDir, input.base);
    const raw = readInputFile(f);
    if (!isObj(raw)) throw new InputError('base', input.base, 'a run file holding a map of run keys');
    base = raw; baseDir = dirname(f);
  } else if (isObj(input.base)) base = input.base;
  else throw new InputError('base', input.base, 'the base run: a run file path or a map of run keys');
  const name = input.name === undefined ? (opts.file ? basename(opts.file, extname(opts.file)) : 'screen') : sweepNameArg('name', input.name);
  let seeds: number[] = [typeof base.seed === 'number' ? base.seed : 1];
  if (input.seeds !== undefined) {
    const s = input.seeds;
    if (typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= 10000) seeds = Array.from({ length: s }, (_, i) => i + 1);
    else if (Array.isArray(s) && s.length > 0 && s.every((x) => Number.isInteger(x) && x >= 0) && new Set(s).size === s.length) seeds = s as number[];
    else throw new InputError('seeds', s, 'a count of seeds (e.g. 3) or a list of distinct non-negative integers');
  }
  const electrolyte = input.electrolyte === undefined ? undefined : parseElectrolyte('electrolyte', input.electrolyte);
  const anode = input.anode === undefined ? undefined : parseAnode('anode', input.anode);

  const candidates: Candidate[] = [];
  if (input.candidates !== undefined) {
    if (!Array.isArray(input.candidates)) throw new InputError('candidates', input.candidates, 'a list of { name, sacs, synthesis }');
    input.candidates.forEach((c, i) => candidates.push(parseCandidate(`candidates[${i}]`, c)));
  }
  if (input.descriptors !== undefined) {
    // mends92: the rows as a list of maps too (a script wrote a CSV first: `descriptors: got [...], expected a CSV file`)
    if (Array.isArray(input.descriptors)) candidates.push(...descriptorRowCandidates(input.descriptors, base, baseDir));
    else if (typeof input.descriptors !== 'string') throw new InputError('descriptors', input.descriptors, `a CSV file of candidate descriptors, or a list of rows, one map per candidate with the columns as keys (${DESCRIPTOR_EXAMPLE})`);
    else {
      const f = isAbsolute(input.descriptors) ? input.descriptors : resolve(fileDir, input.descriptors);
      candidates.push(...descriptorCandidates(f, base, baseDir, input.descriptors));
    }
  }
  // robust62: `candidates: []` read "candidates: got nothing (field missing)"; the key that was given, with its value
  if (candidates.length === 0) throw new InputError('candidates', input.candidates, 'at least one candidate (candidates: or descriptors:)');
  const names = new Set<string>();
  for (const c of candidates) {
    if (names.has(c.name)) throw new InputError(`${c.origin}.name`, c.name, 'a name no other candidate has');
    names.add(c.name);
  }

  let objectives = DEFAULT_OBJECTIVES.slice();
  if (input.objectives !== undefined) {
    if (!Array.isArray(input.objectives) || input.objectives.length === 0) throw new InputError('objectives', input.objectives, `a non-empty list of: ${Object.keys(OBJECTIVES).join(', ')}`);
    objectives = input.objectives.map((o, i) => {
      if (typeof o !== 'string' || !Object.hasOwn(OBJECTIVES, o)) throw new InputError(`objectives[${i}]`, o, `one of ${Object.keys(OBJECTIVES).join(', ')}${typeof o === 'string' ? didYouMean(o, Object.keys(OBJECTIVES)) : ''}`);
      // named twice it was ranked twice (two table columns, a doubled weight in the score)
      const first = (input.objectives as unknown[]).indexOf(o);
      if (first !== i) throw new InputError(`objectives[${i}]`, o, `each objective once (it is objectives[${first}] too)`);
      return o;
    });
  }
  let objectiveWeights = objectives.map(() => 1);
  if (input.objective_weights !== undefined) {
    const w = input.objective_weights;
    if (!Array.isArray(w) || w.length !== objectives.length || !w.every((x) => typeof x === 'number' && x >= 0 && Number.isFinite(x)))
      throw new InputError('objective_weights', w, `${objectives.length} numbers >= 0, one per objective`);
    objectiveWeights = w as number[];
  }
  let weights: Weights = { ...DEFAULT_WEIGHTS };
  if (input.weights !== undefined) {
    if (typeof input.weights === 'string') weights = parseWeights(input.weights, 'weights');
    else if (isObj(input.weights)) {
      refuseUnknownKeys('weights', input.weights, CRITERIA, { owner: 'the criteria are' });
      for (const [k, v] of Object.entries(input.weights)) {
        if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new InputError(`weights.${k}`, v, 'a number >= 0');
        weights[k as keyof Weights] = v;
      }
    } else throw new InputError('weights', input.weights, '{ abundance: 1, price: 1, hhi: 1, toxicity: 2 }');
    // all four 0: every SAC's sustainability is 0/0; it was accepted, the simulations ran, and each SAC candidate then
    // read "no value" with a note (review43), where `elements --weights` refuses it at once
    if (CRITERIA.every((c) => weights[c] === 0)) throw new InputError('weights', input.weights, `at least one positive weight (the criteria ${CRITERIA.join(', ')}, each a number >= 0; the score is their weighted mean)`);
  }

  // resolve each candidate once (the base's seed): invalid ones are kept with their error
  // a candidate refused on its temperature: the error, for the solvent check below (mends77)
  const temperatureErrors = new Map<Candidate, string>();
  for (const c of candidates) {
    if (c.error !== undefined) continue; // a descriptor row refused as it was read (mends69)
    try {
      c.run = parseRunInput(candidateInput(base, c), { baseDir });
    } catch (e) {
      // a descriptor row's loading cell goes in as the run's sacs[0].loading, a key the file does not have: named by its
      // column (review50: `d.csv row 2 "Cu-N4": sacs[0].loading: got "2 wt%", ...`)
      // a key the candidate does not give is the base's: named as base.KEY (review50: `candidates[0] "bare":
      // lattice.size[2]: got 6, ...` sent the reader to a candidate that has no lattice)
      const top = e instanceof InputError ? /^[A-Za-z_]+/.exec(e.field)?.[0] : undefined;
      const loading = c.descriptors && e instanceof InputError && e.field === 'sacs[0].loading';
      if (loading && c.loadingAt) {
        // a descriptor map's: named as its other keys are, descriptors[i].loading, with the value as given (mends94)
        c.error = new InputError(c.loadingAt.field, c.loadingAt.given, e.expected).message;
        continue;
      }
      const msg = loading ? new InputError('loading', e.value, e.expected).message
        : e instanceof InputError && top !== undefined && top in base && !(top in c.overrides) ? new InputError(`base.${e.field}`, e.value, e.expected).message
          : e instanceof InputError || e instanceof FileError ? e.message : undefined;
      if (msg !== undefined) c.error = `${c.origin} "${c.name}": ${msg}`;
      else throw e;
      if (e instanceof InputError && e.field === 'temperature') temperatureErrors.set(c, c.error);
    }
  }
  // the electrolyte's solvents at each candidate's temperature (mends70: K at -70 degC in DME, which freezes at -58 degC,
  // ran and was ranked, review58): refused here, before any candidate runs
  // mends77: also for a candidate refused on its temperature (outside the model's 150-400 K, or its metal molten), at
  // that temperature, so that both are named, the solvent's first: a screen of [DEC] at 130 degC was "not evaluated" on
  // the 127 degC cap alone, and DEC's boiling point (126 degC) was said only between 126 and 127 degC (review61)
  for (const c of candidates) {
    const e = c.electrolyte ?? electrolyte;
    if (!e || e.solvents.length === 0 || (c.error !== undefined && !temperatureErrors.has(c))) continue;
    const t = candidateInput(base, c).temperature;
    const tError = c.run ? undefined : temperatureErrors.get(c);
    let T_K = c.run?.temperature_K;
    if (T_K === undefined && tError !== undefined) {
      try { T_K = parseQuantity('temperature', t, 'temperature'); } catch { /* not a temperature at all: its error alone */ }
    }
    if (T_K === undefined || !Number.isFinite(T_K) || T_K <= 0) continue;
    try {
      solventRangeCheck(e.solvents, T_K, c.electrolyte ? `${c.origin}.electrolyte.solvents` : 'electrolyte.solvents',
        `the temperature ${c.origin} "${c.name}" runs at${t !== undefined ? ` (${'temperature' in c.overrides ? `${c.origin}.` : 'base.'}temperature: ${String(t)})` : ' (the default)'}`);
    } catch (se) {
      if (tError !== undefined && se instanceof InputError) throw new InputError(se.field, se.value, `${se.expected}; and the temperature is outside what the model runs: ${tError}`);
      throw se;
    }
  }
  return { name, base, baseDir, seeds, candidates, electrolyte, anode, objectives, weights, objectiveWeights, objectiveWeightsGiven: input.objective_weights !== undefined };
}

/**
 * What `simulate` says of a run's input before it runs (input/limits.ts runInputWarnings: a Hold at 100 mV or more, an
 * electrolyte with another's SEI set, a named electrolyte without `sei:`), for the screen's candidates that resolved: each
 * line once, bare when every one says it, else with the candidates' names, as `compare` says its variants' (mends77:
 * `screen` said none).
 */
export function screenInputWarnings(spec: Pick<ScreenSpec, 'candidates'>): string[] {
  return mergedInputWarnings(spec.candidates.flatMap((c) => (c.run ? [{ name: c.name, run: c.run }] : [])));
}

/** The run object of a candidate: the base with the candidate's keys; `parameters` merged per kind. */
export function candidateInput(base: Record<string, unknown>, c: Candidate): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ...c.overrides };
  if (isObj(base.parameters) && isObj(c.overrides.parameters)) {
    const bp = base.parameters, cp = c.overrides.parameters;
    const merged: Record<string, unknown> = { ...bp, ...cp };
    for (const k of ['metals', 'hosts', 'sacs']) if (isObj(bp[k]) && isObj(cp[k])) merged[k] = { ...bp[k], ...cp[k] };
    out.parameters = merged;
  }
  return out;
}

function parseCandidate(field: string, v: unknown): Candidate {
  if (!isObj(v)) throw new InputError(field, v, '{ name, sacs: [{ site, loading }], synthesis: { route, temperature } }');
  refuseUnknownKeys(field, v, CANDIDATE_KEYS);
  if (typeof v.name !== 'string' || v.name.trim() === '') throw new InputError(`${field}.name`, v.name, 'a non-empty name');
  const overrides: Record<string, unknown> = {};
  for (const k of ['sacs', 'host', 'parameters']) if (v[k] !== undefined) overrides[k] = v[k];
  const c: Candidate = { name: v.name, overrides, synthesis: v.synthesis === undefined ? { route: 'none' } : parseSynthesis(`${field}.synthesis`, v.synthesis), origin: field };
  if (v.electrolyte !== undefined) c.electrolyte = parseElectrolyte(`${field}.electrolyte`, v.electrolyte);
  if (v.sac_mass_loading !== undefined) c.sacMassLoading = massFraction(`${field}.sac_mass_loading`, v.sac_mass_loading);
  return c;
}

function massFraction(field: string, v: unknown): number {
  const f = parseQuantity(field, v, 'fraction');
  // a bare 1.2 was refused as "a mass fraction from 0 to 100 wt%", which 1.2 reads as: the two forms named (mends42)
  if (!(f >= 0 && f <= 1)) throw new InputError(field, v, 'a mass fraction from 0 to 1 (e.g. 0.012) or with its unit from 0 to 100 wt% (e.g. "1.2 wt%")');
  return f;
}

function parseAnode(field: string, v: unknown): AnodeSpec {
  if (!isObj(v)) throw new InputError(field, v, '{ metal_mass: "2 mg/cm2", host_mass: "1.5 mg/cm2", sac_mass_loading: "1 wt%", cell_voltage: "3.7 V" }');
  const keys = ['metal_mass', 'host_mass', 'sac_mass_loading', 'cell_voltage', 'collector_mass'];
  refuseUnknownKeys(field, v, keys);
  const mass = (k: string, req: boolean) => {
    if (v[k] === undefined) { if (req) throw new InputError(`${field}.${k}`, undefined, 'an areal mass, e.g. "2 mg/cm2"'); return 0; }
    const m = parseQuantity(`${field}.${k}`, v[k], 'arealMass');
    if (!(m >= 0)) throw new InputError(`${field}.${k}`, v[k], 'a non-negative areal mass');
    return m;
  };
  // units written out, as for the masses: a bare 3.7 is refused, "3700 mV" is 3.7 V
  if (typeof v.cell_voltage === 'number') throw new InputError(`${field}.cell_voltage`, v.cell_voltage, 'a voltage with a unit, e.g. "3.7 V"');
  const V = v.cell_voltage === undefined ? 3.7 : parseQuantity(`${field}.cell_voltage`, v.cell_voltage, 'voltage');
  if (!(V > 0 && V < 10)) throw new InputError(`${field}.cell_voltage`, v.cell_voltage, 'a cell voltage in V, e.g. "3.7 V"');
  // no metal: the gram capacity is 0 and the cost per kWh of the metal's capacity infinite (it was
  // kept as Infinity, shown as "-" with its usual note, ranked as missing)
  if (mass('metal_mass', true) === 0) throw new InputError(`${field}.metal_mass`, v.metal_mass, 'a positive areal mass, e.g. "2 mg/cm2" (the capacity and the cost per kWh are those of the metal on the anode)');
  return {
    metalMass_kg_m2: mass('metal_mass', true), hostMass_kg_m2: mass('host_mass', true), collectorMass_kg_m2: mass('collector_mass', false),
    sacMassLoading: v.sac_mass_loading === undefined ? 0 : massFraction(`${field}.sac_mass_loading`, v.sac_mass_loading), cellVoltage_V: V,
  };
}

/**
 * The `not evaluated:` lines of the candidates refused when the file is read: one per candidate, except an error of a
 * key of the base (`base.metal: got "Mg", ...`), the same for every candidate that does not set the key, which is said
 * once naming them (review69: ten identical lines for ten candidates).
 */
export function notEvaluatedLines(candidates: readonly Pick<Candidate, 'name' | 'origin' | 'error'>[]): string[] {
  const refused = candidates.filter((c) => c.error);
  const byBase = new Map<string, string[]>();
  const lines: (string | { msg: string })[] = [];
  for (const c of refused) {
    const prefix = `${c.origin} "${c.name}": `;
    const msg = c.error!.startsWith(prefix) ? c.error!.slice(prefix.length) : undefined;
    if (msg === undefined || !msg.startsWith('base.')) { lines.push(`not evaluated: ${c.error}`); continue; }
    if (!byBase.has(msg)) { byBase.set(msg, []); lines.push({ msg }); }
    byBase.get(msg)!.push(c.name);
  }
  return lines.map((l) => {
    if (typeof l === 'string') return l;
    const names = byBase.get(l.msg)!;
    if (names.length === 1) return `not evaluated: ${refused.find((c) => c.name === names[0])!.error}`;
    const who = names.length === candidates.length ? `every candidate (${names.length}: ${names.join(', ')})` : `${names.length} candidates (${names.join(', ')})`;
    return `not evaluated: ${who}: ${l.msg}`;
  });
}

export const DESCRIPTOR_COLUMNS = ['name', 'element', 'binding_vs_support_eV', 'desolvation_shift_eV', 'loading'] as const;

// migration_barrier_eV: no screened number reads it (docs/screening.md), so a row or a file without it is screened (review43:
// a user without the barrier had to make one up, `got ""` for an empty cell). distortion_A (mends92): an empty cell was
// screened (not known) while a file without the column was refused (`column distortion_A missing`): a file without it
// reads as that column empty in every row
// metal_binding_eV and formation_energy_eV (stab64): DFT stability numbers, read only by the stability stage
// (src/screen/stability.ts); empty = not known, as distortion_A
const OPTIONAL_DESCRIPTOR_COLUMNS = ['distortion_A', 'metal_binding_eV', 'formation_energy_eV', 'migration_barrier_eV', 'synthesis', 'synthesis_temperature_C', 'source'] as const;

const DESCRIPTOR_EXAMPLE = '{ name: "Cu-N4", element: "Cu", binding_vs_support_eV: -0.6, desolvation_shift_eV: 0.1, loading: "2 %" }';

/**
 * Why a header cell is not the column `want` (review43): the same name with its unit written out or in another case
 * ("binding_vs_support (eV)", "Distortion [A]": the name it must have), the same quantity in another unit ("(meV)":
 * convert), or a near spelling (did you mean); "" when none of these.
 */
function columnHint(h: string, want: string): string {
  const unitOf = (c: string) => /_(eV|A|C)$/.exec(c)?.[1];
  // "binding_vs_support (eV)", "[eV]", "/ eV", "in eV"; spaces and hyphens as underscores, case aside
  const m = /^(.*?)\s*(?:[([]\s*([^)\]]*?)\s*[)\]]|\/\s*(\S+)|\s+in\s+(\S+))$/i.exec(h);
  const stem = (m ? m[1]! : h).trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/_+$/, '');
  // the suffix's unit as a user writes it: _C is degC, _A angstrom
  const unit = m ? (m[2] ?? m[3] ?? m[4] ?? '').replace(/^(Å|angstroms?)$/i, 'A').replace(/^(deg\s*C|°C|celsius)$/i, 'C') : undefined;
  const u = unitOf(want);
  if (unit === undefined && stem === want.toLowerCase()) return `the file's ${JSON.stringify(h)} is read only as ${want} (names are case-sensitive)`;
  if (unit !== undefined && u && stem === want.replace(/_(eV|A|C)$/, '').toLowerCase()) {
    return unit.toLowerCase() === u.toLowerCase()
      ? `the file's ${JSON.stringify(h)} is read only as ${want} (the unit as the name's suffix; the cells hold the numbers alone)`
      : `the file's ${JSON.stringify(h)} is in ${unit}, the column is in ${{ C: 'degC', A: 'angstrom' }[u] ?? u}: convert the numbers and name it ${want}`;
  }
  const near = didYouMean(h, [want]);
  return near ? `the file's ${JSON.stringify(h)}${near}` : '';
}

/**
 * The header's columns checked (review43): a missing required column and a column the screen does not read were both
 * refused or dropped without naming what the file holds ("binding_vs_support (eV)", "E_b (eV)", a semicolon export:
 * "column binding_vs_support_eV missing"; a misspelt optional "sourse" or "synthesis_temperature (degC)" was dropped
 * without a word). Each refusal names the header's line, the column and, where one fits, the name it must have.
 */
function checkDescriptorHeader(file: string, header: string[], line: number): void {
  const all = `(columns: ${DESCRIPTOR_COLUMNS.join(', ')}, optional ${OPTIONAL_DESCRIPTOR_COLUMNS.join(', ')})`;
  if (header.length === 1 && /[;\t]/.test(header[0]!)) {
    const sep = header[0]!.includes(';') ? '";"' : 'tabs';
    throw new FileError(file, `the header is one column, ${JSON.stringify(header[0]!.length > 60 ? `${header[0]!.slice(0, 57)}...` : header[0])}: the file is separated by ${sep}, expected commas (save it as CSV with commas; a decimal point, not a comma, in the numbers) ${all}`, line);
  }
  // a column twice: the row's map kept the second cell and dropped the first without a word
  header.forEach((h, i) => {
    const j = header.indexOf(h);
    if (h !== '' && j < i) throw new FileError(file, `column ${JSON.stringify(h)} twice (cells ${j + 1} and ${i + 1}): one column each ${all}`, line);
  });
  const known: readonly string[] = [...DESCRIPTOR_COLUMNS, ...OPTIONAL_DESCRIPTOR_COLUMNS];
  const unread = header.filter((h) => h !== '' && !known.includes(h));
  for (const c of DESCRIPTOR_COLUMNS) {
    if (header.includes(c)) continue;
    const hint = unread.map((h) => columnHint(h, c)).find((x) => x !== '');
    const rest = unread.length ? `; columns not read: ${unread.map((h) => JSON.stringify(h)).join(', ')} (a unit goes in the name, as the suffix _eV, _A or _C)` : '';
    throw new FileError(file, `column ${c} missing${hint ? `: ${hint}` : rest} ${all}`, line);
  }
  for (const h of unread) {
    const hint = OPTIONAL_DESCRIPTOR_COLUMNS.map((c) => (header.includes(c) ? '' : columnHint(h, c))).find((x) => x !== '');
    throw new FileError(file, `column ${JSON.stringify(h)}: no such column${hint ? `: ${hint}` : ' (a note of your own goes in a line beginning with #)'} ${all}`, line);
  }
}

/**
 * One candidate per CSV row; a bad cell leaves its row not evaluated (the candidate's `error` names the file, the row (the
 * file's line), the column and the value; mends69: it refused the file), a bad header refuses the file.
 */
export function descriptorCandidates(file: string, base: Record<string, unknown>, baseDir: string, given: string = file): Candidate[] {
  // audit69: a missing file (or a folder) was said by its path alone, no word of descriptors:, and a binary one split as
  // text (its header "one column ... separated by ';'"); `given` is the screen's descriptors: as written
  let bytes: Buffer;
  try { bytes = readFileSync(file); } catch (e) { throw new InputError('descriptors', given, `a readable CSV file of candidate descriptors (this one: ${fsReason(e)})`); }
  const bad = nonText(bytes);
  if (bad) throw new InputError('descriptors', given, nonTextExpected('a CSV file of candidate descriptors in UTF-8 text', bad));
  const text = bytes.toString('utf8');
  // each kept line with its number in the file: a row is named by the line a spreadsheet shows it on (review43: comment
  // and blank lines were not counted, so the example's second row, on line 7, was "row 3")
  const lines = text.split(/\r?\n/).map((l, i) => ({ l, n: i + 1 })).filter(({ l }) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length < 2) throw new FileError(file, 'a header line and at least one candidate row are needed');
  const headLine = lines[0]!.n;
  const header = splitCsvLine(lines[0]!.l).map((h) => h.trim());
  if (header.includes('binding_energy_eV') && !header.includes('binding_vs_support_eV')) {
    throw new FileError(file, 'column binding_energy_eV (positive = binds more strongly) is now binding_vs_support_eV with the DFT sign (negative = binds more strongly than the support): rename the column and negate its values', headLine);
  }
  checkDescriptorHeader(file, header, headLine);
  const rows = lines.slice(1).map(({ l: line, n }) => {
    const cells = splitCsvLine(line).map((x) => x.trim());
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const where = `${basename(file)} row ${n}`;
    let error: string | undefined;
    // more cells than the header has columns were dropped, and the rest read shifted: a decimal comma ("-0,6") split a
    // number in two and the error named the next column's "6" (review43)
    if (cells.slice(header.length).some((x) => x !== '')) {
      // the row's own split number where one shows ("-0" then "8"; review44: the hint said -0.6 whatever the row held)
      const i = cells.findIndex((x, j) => /^[+-]?\d+$/.test(x) && /^\d+$/.test(cells[j + 1] ?? ''));
      const fix = i >= 0
        ? `, ${cells[i]},${cells[i + 1]} here?; write it with a point, ${cells[i]}.${cells[i + 1]}, and quote a cell holding a comma`
        : ' (write 0.5, not 0,5); quote a cell holding a comma';
      error = new InputError(where, line.length > 100 ? `${line.slice(0, 97)}...` : line, `${header.length} cells, one per column of the header (it has ${cells.length}: a decimal comma splits a number in two${fix})`).message;
    }
    const at: DescriptorRow['at'] = (k) => `${where}, ${k}`;
    return { row, given: row, where, at, sourceWhere: `row ${n}`, from: `descriptor file ${basename(file)}, row ${n}`, description: `descriptor candidate from ${basename(file)}`, ...(error === undefined ? {} : { error }) };
  });
  return rowsToCandidates(rows, base, baseDir);
}

/** A descriptor row, from a CSV line or a map: its cells as text, the values as given (for the errors), and how it is named. */
interface DescriptorRow {
  /** the cells as text ('' for an empty or absent one) */
  row: Record<string, string>;
  /** the values as the user gave them (a map's number, a CSV's text): the errors quote these */
  given: Record<string, unknown>;
  /** the row's name in errors and as the candidate's origin (`d.csv row 7`, `descriptors[1]`) */
  where: string;
  /** an error's field for column k (`d.csv row 7, distortion_A`, `descriptors[1].distortion_A`) */
  at: (k: string) => string;
  /** the source's `where` when the row gives a source, and its text when it does not */
  sourceWhere: string;
  from: string;
  description: string;
  /** a row of the list form (`descriptors: [{ ... }]`), whose values may carry their column's unit ("-0.6 eV"); a CSV cell holds the number alone */
  listForm?: boolean;
  /** why the row cannot be read (a CSV row with more cells than the header, a list value in another unit): not evaluated (mends69) */
  error?: string;
}

/**
 * One candidate per map of a list (runScreen's `descriptors: [{ name, element, ... }]`, mends92): the CSV's columns as
 * keys, numbers as numbers (or text as a CSV cell holds them), checked as the CSV's rows are, each error naming
 * `descriptors[i].column`. An absent key is an empty cell.
 */
export function descriptorRowCandidates(list: unknown[], base: Record<string, unknown>, baseDir: string): Candidate[] {
  if (list.length === 0) throw new InputError('descriptors', list, `at least one row (${DESCRIPTOR_EXAMPLE})`);
  const known: readonly string[] = [...DESCRIPTOR_COLUMNS, ...OPTIONAL_DESCRIPTOR_COLUMNS];
  const rows = list.map((o, i): DescriptorRow => {
    const where = `descriptors[${i}]`;
    if (!isObj(o)) throw new InputError(where, o, `a map of one candidate's descriptors, e.g. ${DESCRIPTOR_EXAMPLE}`);
    if ('binding_energy_eV' in o && !('binding_vs_support_eV' in o)) {
      throw new InputError(`${where}.binding_energy_eV`, o.binding_energy_eV, 'binding_vs_support_eV with the DFT sign (negative = binds more strongly than the support): binding_energy_eV (positive = binds more strongly) is now that key, negated');
    }
    // a column without its unit's suffix (binding_vs_support) named with the one it must have (mends95; review76: no hint)
    refuseUnknownKeys(where, o, known, { word: 'column', meant: (k) => known.find((c) => /_(eV|A|C)$/.test(c) && c.replace(/_(eV|A|C)$/, '').toLowerCase() === k.toLowerCase()) });
    const row: Record<string, string> = {};
    // a bad value leaves its row not evaluated, as a CSV cell's (mends69); the first one is said
    let error: string | undefined;
    for (const k of known) {
      const v = o[k];
      try {
        if (v === undefined || v === null) row[k] = '';
        else if (typeof v === 'string') row[k] = withoutColumnUnit(`${where}.${k}`, k, v);
        else if (typeof v === 'number') row[k] = String(v).trim();
        else throw new InputError(`${where}.${k}`, v, 'a number, or a text as a CSV cell holds it (the unit is in the column\'s name)');
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        error ??= e.message; row[k] = typeof v === 'string' ? v : '';
      }
    }
    return { row, given: o, where, at: (k) => `${where}.${k}`, sourceWhere: where, from: `${where} of the screen's descriptors`, description: `descriptor candidate from ${where}`, listForm: true, ...(error === undefined ? {} : { error }) };
  });
  return rowsToCandidates(rows, base, baseDir).map((c, i) => ({ ...c, loadingAt: { field: rows[i]!.at('loading'), given: rows[i]!.given.loading } }));
}

/**
 * A list row's text value in a column whose name ends in its unit (`_eV`, `_A`, `_C`): "-0.4 eV" is what users write, read
 * as -0.4 (review76: refused, a number only, as the CSV's cell); the number alone as before; another unit ("-400 meV")
 * refused naming the column's unit (mends95). The CSV's cells keep the numbers alone (the unit in the header).
 */
function withoutColumnUnit(field: string, column: string, v: string): string {
  const u = /_(eV|A|C)$/.exec(column)?.[1];
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zÅ°µ].*?)\s*$/.exec(v);
  if (u === undefined || !m) return v.trim();
  const unit = m[2]!;
  const same = u === 'eV' ? unit === 'eV' : u === 'A' ? /^(A|Å|angstroms?)$/i.test(unit) : /^(degC|°C|C)$/.test(unit);
  if (same) return m[1]!;
  const name = { eV: 'eV', A: 'angstrom', C: 'degC' }[u];
  throw new InputError(field, v, `a number in ${name}, the unit of the column's name (e.g. ${u === 'eV' ? '-0.4 or "-0.4 eV"' : u === 'A' ? '0.1 or "0.1 A"' : '700 or "700 degC"'}): ${JSON.stringify(unit)} is not ${name}; convert the number`);
}

/** The rows' candidates: each row becomes a user SAC set through the rules of the built-in sets (params/derive.ts). */
function rowsToCandidates(rows: DescriptorRow[], base: Record<string, unknown>, baseDir: string): Candidate[] {
  // the support's binding and the coarse-graining factor come from the base run
  const baseRun = parseRunInput(base, { baseDir });
  const metal = baseRun.metal.name;
  const scale = baseRun.provenance?.bindingScale ?? 0.25;
  const supportBinding = baseRun.host.binding_eV;
  // mends69: one rule for a bad value in a row, as for a row's loading and a named set that does not resolve: the row is
  // not evaluated, its error naming the row, the column, the value and the range, and the others are screened (exit 2).
  // It refused the whole screen (a binding of +50 eV) while a loading of 200 % dropped its row alone (audit69b). The
  // file's form (its header, a list entry that is no map or has a key that is no column) still refuses the file.
  return rows.map((r) => {
    const notEvaluated = (error: string): Candidate => ({ name: r.row.name || r.where, origin: r.where, overrides: {}, synthesis: { route: 'none' }, error });
    if (r.error !== undefined) return notEvaluated(r.error);
    try { return rowCandidate(r); } catch (e) {
      if (e instanceof InputError) return notEvaluated(e.message);
      throw e;
    }
  });
  function rowCandidate({ row, given, where, at, sourceWhere, from, description, listForm }: DescriptorRow): Candidate {
    // the column's unit is in its name ("-0.55 eV" or "-550 meV" in binding_vs_support_eV was refused as "a number from -5 to 5")
    const num = (k: string, min: number, max: number, unit: string) => {
      const x = Number(row[k]);
      // a quoted decimal comma ("-0,6") is one cell and no number: said so (review44)
      const comma = /^[+-]?\d*,\d+$/.test(row[k] ?? '') ? `; a decimal point, not a comma: ${row[k]!.replace(',', '.')}` : '';
      // a list's value may carry the unit ("6 eV" out of range was told "the number alone", as if the unit were the fault: audit69b)
      if (row[k] === '' || !Number.isFinite(x) || x < min || x > max) throw new InputError(at(k), given[k], listForm
        ? `a number from ${min} to ${max} (in ${unit}, the unit of the column's name: e.g. 0.5 or "0.5 ${unit === 'angstrom' ? 'A' : unit}"${comma})`
        : `a number from ${min} to ${max} (in ${unit}, the unit of the column's name: the number alone, e.g. 0.5${comma})`);
      return x;
    };
    const name = row.name!;
    if (!name) throw new InputError(at('name'), given.name, 'a candidate name');
    if (!/^[A-Z][a-z]?$/.test(row.element!)) throw new InputError(at('element'), given.element, `an element symbol, e.g. Fe${symbolCaseHint(row.element!)}`);
    // a symbol that is no element ("Xx") was simulated, then scored "-" on sustainability and ranked
    // (exit 0), or failed after the simulations naming no file or row once an anode: block priced it
    try { getElements([row.element!]); } catch (e) {
      if (e instanceof InputError) throw new InputError(at('element'), given.element, 'an element symbol such as Fe, Co, Ni, Zn, Mn or Pt');
      throw e;
    }
    // one rule for an empty cell (mends84; review69: an empty distortion_A refused the whole screen while an empty
    // migration_barrier_eV was screened): empty = not known, never replaced by a number. A column the simulation reads
    // (binding_vs_support_eV, desolvation_shift_eV) must hold one, a default would be a made-up number in every
    // simulated result; a column only shown and ranked (distortion_A) or read by nothing (migration_barrier_eV) may be
    // empty: distortion_A then reads as no value (ranked as the worst, as any missing value, and said)
    const needed = (k: string, why: string) => {
      if ((row[k] ?? '') === '') throw new InputError(at(k), given[k], `a number (${why}; an empty cell is left empty only in the columns no simulation reads: distortion_A, metal_binding_eV, formation_energy_eV and migration_barrier_eV: docs/screening.md, "An empty cell")`);
    };
    needed('binding_vs_support_eV', 'the simulation reads it: the site\'s binding');
    needed('desolvation_shift_eV', 'the simulation reads it: write 0 for a site that does not change the desolvation barrier');
    const dE = num('binding_vs_support_eV', -5, 5, 'eV'), dS = num('desolvation_shift_eV', 0, 3, 'eV');
    const dist = (row.distortion_A ?? '') === '' ? undefined : num('distortion_A', 0, 5, 'angstrom');
    const Em = (row.migration_barrier_eV ?? '') === '' ? undefined : num('migration_barrier_eV', 0, 2, 'eV');
    // DFT stability numbers (stab64), only ranked: empty = not known (no value, ranked as the worst, said)
    const Eb = (row.metal_binding_eV ?? '') === '' ? undefined : num('metal_binding_eV', -20, 5, 'eV');
    const Ef = (row.formation_energy_eV ?? '') === '' ? undefined : num('formation_energy_eV', -20, 20, 'eV');
    // a row without a source is the user's own value, as a parameters: block's value without one ("user input": not cited)
    const src = row.source ? { ref: row.source, where: sourceWhere } : { ref: 'user input', where: from };
    const derived = (value: number, note: string) => ({ value: Number(value.toFixed(6)), unit: 'eV', source: { ...src, note } });
    const sac = {
      element: row.element, support: String(base.host ?? ''), description,
      metals: { [metal]: {
        // DFT sign: a site that binds more strongly than the support has dE < 0 and a deeper well
        // a site that binds less than the support by more than the support's own binding is held at 0: said (the note's
        // arithmetic read "0.05 eV - 1 x 0.55 eV" beside a value of 0 eV)
        binding: derived(Math.max(0, supportBinding - scale * dE), `support binding ${supportBinding} eV - bindingScale ${scale} x binding_vs_support ${dE} eV` +
          (supportBinding - scale * dE < 0 ? ` = ${(supportBinding - scale * dE).toFixed(3)} eV, held at 0 eV (a model binding is not negative)` : '')),
        redShift: derived(-scale * dS, `-bindingScale ${scale} x desolvation_shift ${dS} eV`),
        ...(Em === undefined ? {} : { terraceBarrier: derived(Em, 'migration_barrier_eV, kept as the site\'s hop barrier; no event of the plating kMC reads it (its hops use the metal\'s one saddle), so it changes no screened number') }),
      } },
      ...(dist === undefined && Eb === undefined && Ef === undefined ? {} : { stability: {
        ...(dist === undefined ? {} : { distortion: { value: dist, unit: 'A', source: src } }),
        ...(Eb === undefined ? {} : { metal_binding: { value: Eb, unit: 'eV', source: { ...src, note: 'binding energy of the metal atom in the site (DFT sign: negative = bound); read by the aggregation_margin_eV objective' } } }),
        ...(Ef === undefined ? {} : { formation_energy: { value: Ef, unit: 'eV', source: { ...src, note: 'formation energy of the site per metal atom vs the bulk metal; read by the dissolution_potential_V objective' } } }),
      } }),
    };
    // a temperature without a route was dropped without a word (the row screened as route none)
    if (!row.synthesis && row.synthesis_temperature_C) throw new InputError(at('synthesis_temperature_C'), given.synthesis_temperature_C, 'a synthesis route in the synthesis column beside it (or no temperature)');
    // "850 degC" in the degC column read as "850 degC degC"
    if (row.synthesis_temperature_C && !Number.isFinite(Number(row.synthesis_temperature_C))) throw new InputError(at('synthesis_temperature_C'), given.synthesis_temperature_C, 'a number (in degC, the unit of the column\'s name: the number alone, e.g. 850)');
    // out of range, the line named synthesis.temperature and a value "-400 degC" the file does not hold (review37)
    const tC = Number(row.synthesis_temperature_C);
    if (row.synthesis_temperature_C && !(tC >= SYNTHESIS_C[0] && tC <= SYNTHESIS_C[1])) {
      throw new InputError(at('synthesis_temperature_C'), given.synthesis_temperature_C, `a number from ${SYNTHESIS_C[0]} to ${SYNTHESIS_C[1]} (in degC, the unit of the column's name), e.g. 850`);
    }
    const synthesis = row.synthesis ? parseSynthesis(at('synthesis'), row.synthesis_temperature_C ? { route: row.synthesis, temperature: `${row.synthesis_temperature_C} degC` } : row.synthesis) : { route: 'none' };
    return {
      name, origin: where, synthesis, element: row.element!,
      overrides: { sacs: [{ site: name, loading: row.loading }], parameters: { sacs: { [name]: sac } } },
      descriptors: { binding_vs_support_eV: dE, ...(Em === undefined ? {} : { migration_barrier_eV: Em }), desolvation_shift_eV: dS, ...(dist === undefined ? {} : { distortion_A: dist }),
        ...(Eb === undefined ? {} : { metal_binding_eV: Eb }), ...(Ef === undefined ? {} : { formation_energy_eV: Ef }) },
    };
  }
}
