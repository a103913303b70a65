/**
 * Literature records: one SAC anode system as the review reports it, with every figure the
 * review gives for it (value, unit, condition, the review's reference number and a quote of the
 * review text the figure comes from). Figures the review does not give are absent, never guessed.
 */
import { z } from 'zod';
import { FileError, InputError, formatValue } from '../errors.js';
import { keyHint, otherKeysText, unknownKeyText, type KeyWords } from '../args.js';
import { parseQuantity, type KindName } from '../units.js';
import { QUANTITIES, type QuantityDef } from './vocabulary.js';

export type AlkaliMetal = 'Li' | 'Na' | 'K';
export const METALS: readonly AlkaliMetal[] = ['Li', 'Na', 'K'];

export type Architecture =
  | 'coating' | '3D host' | 'host' | 'separator layer' | 'substrate' | 'interlayer' | 'unspecified';
export const ARCHITECTURES: readonly Architecture[] =
  ['coating', '3D host', 'host', 'separator layer', 'substrate', 'interlayer', 'unspecified'];

export { QUANTITIES, type QuantityDef };

/** Conditions a figure was measured under, as the review states them (strings with units). */
export interface Conditions {
  current_density?: string; // "0.5 mA/cm2"
  areal_capacity?: string; // "3 mAh/cm2"
  temperature?: string; // "-40 degC"
  rate?: string; // "0.5 C"
  cycles?: number;
  duration?: string; // "10 h"
  cell?: string; // "symmetric Li||Li", "Li-LiFePO4 full cell", "pouch Li-S"
  note?: string;
}
export const CONDITION_KEYS: readonly (keyof Conditions)[] =
  ['current_density', 'areal_capacity', 'temperature', 'rate', 'cycles', 'duration', 'cell', 'note'];

export interface Figure {
  quantity: string;
  /** what the number is about: the system itself (default) or a control it is compared with */
  subject?: string;
  value: number;
  /** other end when the review gives a range ("from -0.65 eV to -3.83 eV") */
  value_to?: number;
  unit: string;
  /** reference state of an energy (e.g. "vs. graphene"), or of a comparison */
  reference?: string;
  /**
   * -1 where the review prints a binding energy with the opposite of the DFT sign (a positive number
   * for binding): `value` stays as printed (its quote is checked against the review) and ranges,
   * sorting and tables use value x -1, so every binding energy reads negative = binds
   */
  to_dft_sign?: -1;
  /**
   * true where the review gives the number as a lower bound ("over 2500 h"): tables print it with
   * "over", JSON and CSV carry `lower_bound: true`, and anything computed from it is a lower bound too
   */
  lower_bound?: true;
  conditions?: Conditions;
  /** the review's reference number the figure is attributed to (absent in a user's record: it has its own source) */
  ref?: number;
  /** the review's words the figure comes from, in normalised form (see reviewtext.ts); in a user's record, optional words of their source */
  quote?: string;
  /** figure/section of the review */
  where?: string;
}

export interface Citation {
  number: number;
  authors: string;
  journal: string;
  year: number;
  volume?: string;
  pages?: string;
  doi?: string;
  /** where the DOI came from (data/literature/_dois.yaml): "seen on <page> (<date>)", "derived: Wiley article-number rule ...", or "not found" */
  doi_source?: string;
  /** the entry as the review's reference list prints it */
  text: string;
}

/** A figure of the review: its reference number and quote are always there. */
export type ReviewFigure = Figure & { ref: number; quote: string };
/** A record of the review (data/literature): no user_source, every figure with ref and quote. */
export type ReviewRecord = Omit<LitRecord, 'figures' | 'user_source'> & { figures: ReviewFigure[]; user_source?: undefined };

/** The source a user gives for their own record. */
export interface UserSource { doi?: string; citation?: string; }

export interface LitRecord {
  id: string;
  name: string;
  aliases: string[];
  metal: AlkaliMetal;
  sac_elements: string[];
  /** coordination of the single atoms as the review describes it; empty when not given */
  coordination?: string;
  support: string;
  architecture: Architecture;
  architecture_detail?: string;
  /** review section ("" in a user's record) */
  section: string;
  /** the review's reference numbers ([] in a user's record) */
  refs: number[];
  /**
   * A user's own measurement: the record cites its own source (a DOI and/or a free-text citation),
   * not the review. Such a record has no refs, section or per-figure ref; it is listed with
   * `source` "user ..." and exported and cited with its own DOI.
   */
  user_source?: UserSource;
  sei?: string;
  notes?: string;
  figures: Figure[];
  /** resolved from the reference list; filled in by the loader */
  citations: Citation[];
  /** where the record came from: a data file path, or "import:<file>" */
  source?: string;
}

/*
 * Record files are validated by zod 4 schemas (below), one per level: record, figure, conditions.
 * Each check carries the message the hand-written validator gave, so a bad file still gets one
 * line naming the field, the value and what was expected: "x.yaml: records[3].metal: got "Mg",
 * expected Li, Na or K". Unknown keys are reported first, then the first problem in key order.
 */
const got = (iss: { input?: unknown }) => `got ${formatValue(iss.input)}`;
/** an unknown key, in the words every input uses (args.ts): 'got "red", expected no such key (did you mean ...?); allowed keys: ...',
 * and the mapping's other unknown keys after it ('; also no such keys: lattice, seed'): a run file given to `lit import`
 * was refused for its first key alone */
const unknownKey = (iss: { keys?: readonly string[]; input?: unknown; path?: readonly PropertyKey[] }, keys: readonly string[], w?: KeyWords) => {
  const [k = '', ...more] = iss.keys ?? [];
  const v = iss.input !== null && typeof iss.input === 'object' ? (iss.input as Record<string, unknown>)[k] : undefined;
  // the others by their full path, as the first is named ("records[3].figures[0].colour"; a bare "colour" until audit29)
  const full = (m: string) => `${validating}${pathText([...(iss.path ?? []), m])}`;
  return `got ${formatValue(v)}, expected ${unknownKeyText(k, keys, w)}${otherKeysText(more.map((m) => ({ name: full(m), hint: keyHint(m, keys, w) })), w?.word)}`;
};
/** where the record being validated sits ("records[3]", "record"): validateRecord sets it while it reads the parse's error */
let validating = 'record';
const isStr = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;
/** a non-blank string, with one message for every way it can fail */
const text = (message: string) => z.string({ error: message }).refine(isStr, { error: message });
/** optional text: absent, null or '' are "not given" */
const optText = (message = 'expected text') => z.string({ error: message }).nullish();

const KIND_OF_CONDITION: Partial<Record<keyof Conditions, KindName>> = {
  current_density: 'currentDensity', areal_capacity: 'arealCapacity', temperature: 'temperature', duration: 'time',
};

const conditionsSchema = z.strictObject({
  ...Object.fromEntries(CONDITION_KEYS.filter((k) => k !== 'cycles').map((k) => [k, z.union([z.string(), z.null()], { error: 'expected text with a unit' }).optional()
    .superRefine((v, ctx) => {
      if (v === undefined || v === null || v === '') return;
      const kind = KIND_OF_CONDITION[k];
      if (kind) {
        try {
          const x = parseQuantity(`conditions.${k}`, v, kind);
          if (kind === 'temperature' && !(x > 0)) throw new InputError(`conditions.${k}`, v, 'a temperature above 0 K (absolute zero, -273.15 degC), e.g. "25 degC"');
          // audit69: the issue is said under the record's own path (record.figures[0].conditions.current_density); the reader's
          // field in front of it was said twice
        } catch (e) { ctx.addIssue({ code: 'custom', message: e instanceof InputError ? `got ${formatValue(e.value)}, expected ${e.expected}` : (e as Error).message }); }
      }
      if (k === 'rate' && !/^\d+(\.\d+)?\s*C$/.test(v)) ctx.addIssue({ code: 'custom', message: `got ${JSON.stringify(v)}, expected a C-rate like "0.5 C"` });
    })])),
  cycles: z.union([z.number().int(), z.literal(''), z.null()], { error: 'expected a whole number' }).optional(),
}, { error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKey(iss, CONDITION_KEYS, { word: 'condition', owner: 'known conditions:' }) : 'expected a mapping') });

const figureShape = {
  quantity: z.string({ error: (iss) => `${got(iss)}, expected one of ${Object.keys(QUANTITIES).join(', ')}` })
    .refine((q) => QUANTITIES[q] !== undefined, { error: (iss) => `${got(iss)}, expected one of ${Object.keys(QUANTITIES).join(', ')}` }),
  subject: optText(),
  value: z.number({ error: (iss) => `${got(iss)}, expected a number` }),
  value_to: z.number({ error: 'expected a number' }).nullish(),
  unit: z.string({ error: 'missing' }),
  reference: optText(),
  to_dft_sign: z.literal(-1, { error: 'expected -1 (the review prints this binding energy positive) or no field' }).nullish(),
  lower_bound: z.literal(true, { error: 'expected true (the review gives the number as "over N": a lower bound) or no field' }).nullish(),
  conditions: conditionsSchema.nullish(),
  // required in a review record, refused in a user's record (recordSchema's check below)
  ref: z.number({ error: 'expected the review\'s reference number' }).int({ error: 'expected the review\'s reference number' }).positive({ error: 'expected the review\'s reference number' }).optional(),
  quote: text('expected the review\'s words the figure comes from').optional(),
  where: optText(),
};
const figureSchema = z.strictObject(figureShape, { error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKey(iss, Object.keys(figureShape)) : 'expected a mapping') })
  .superRefine((f, ctx) => {
    const def = QUANTITIES[f.quantity];
    if (!def || typeof f.unit !== 'string' || typeof f.value !== 'number') return; // already reported
    try { figureCanonical(f.quantity, f.value, f.unit); } catch {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `got ${JSON.stringify(f.unit)}, expected a unit of ${def.label} (e.g. ${def.displayUnit})` });
      return;
    }
    // the quantity's physical range (vocabulary.ts), in its display unit
    for (const key of ['value', 'value_to'] as const) {
      const v = f[key];
      if (typeof v !== 'number') continue;
      const shown = figureCanonical(f.quantity, v, f.unit) / def.displayFactor;
      if ((def.min !== undefined && shown < def.min - 1e-12) || (def.max !== undefined && shown > def.max + 1e-12)) {
        const range = def.max !== undefined ? `from ${def.min ?? '-inf'} to ${def.max} ${def.displayUnit}` : `>= ${def.min} ${def.displayUnit}`;
        ctx.addIssue({ code: 'custom', path: [key], message: `got ${v} ${f.unit}, expected a ${def.label} ${range}` });
      }
    }
  });

const REFS = 'expected a list of the review\'s reference numbers (or, for your own measurements, no refs and user_source: { doi: "10.xxxx/..." } or { citation: "..." })';
/** A DOI as registered: "10.<registrant>/<suffix>", without "https://doi.org/" or "doi:" */
export const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;
const DOI_EXPECTED = 'a DOI like 10.1039/d4gc02590c (without https://doi.org/)';
const userSourceSchema = z.strictObject({
  doi: z.string({ error: DOI_EXPECTED }).trim().regex(DOI_PATTERN, { error: (iss) => `${got(iss)}, expected ${DOI_EXPECTED}` }).optional(),
  citation: text('expected the citation as text, e.g. "A. Author et al., J. Power Sources, 2025, 600, 234567"').optional(),
}, { error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKey(iss, ['doi', 'citation']) : 'expected a mapping { doi: "10.xxxx/...", citation: "..." }') })
  .refine((u) => u.doi !== undefined || u.citation !== undefined, { error: 'expected a doi or a citation (or both)' });
/** lists whose problems are reported for the whole list, as the hand-written validator did */
const LISTS = new Set(['aliases', 'sac_elements', 'refs']);

const RECORD_KEYS = ['id', 'name', 'aliases', 'metal', 'sac_elements', 'coordination', 'support', 'architecture',
  'architecture_detail', 'section', 'refs', 'user_source', 'sei', 'notes', 'figures', 'citations', 'source'] as const;

const recordSchema = z.strictObject({
  id: z.string({ error: (iss) => `${got(iss)}, expected lower-case letters, digits and dashes` })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: (iss) => `${got(iss)}, expected lower-case letters, digits and dashes` }),
  name: text('missing'),
  aliases: z.array(text('expected a list of names'), { error: 'expected a list of names' }).optional(),
  metal: z.enum(METALS as readonly AlkaliMetal[] as [AlkaliMetal, ...AlkaliMetal[]], { error: (iss) => `${got(iss)}, expected Li, Na or K` }),
  sac_elements: z.array(z.string({ error: 'expected a list of element symbols, e.g. [Fe]' }).regex(/^[A-Z][a-z]?$/, { error: 'expected a list of element symbols, e.g. [Fe]' }), { error: 'expected a list of element symbols, e.g. [Fe]' })
    .min(1, { error: 'got [] (no element), expected at least one SAC element, e.g. [Fe]: a record is a SAC anode system; a control\'s figure (bare Cu foil, the host without SACs) goes in the SAC system\'s record with subject: (e.g. subject: Cu foil)' }),
  coordination: optText(),
  support: text('missing'),
  architecture: z.enum(ARCHITECTURES as readonly Architecture[] as [Architecture, ...Architecture[]], { error: (iss) => `${got(iss)}, expected one of ${ARCHITECTURES.join(', ')}` }),
  architecture_detail: optText(),
  // section and refs: required in a review record, absent (or empty) in a user's record (checked below)
  section: z.union([z.string(), z.number()], { error: 'missing (review section, e.g. "3.2")' }).nullish(),
  refs: z.array(z.number({ error: REFS }).int({ error: REFS }).positive({ error: REFS }), { error: REFS }).nullish(),
  user_source: userSourceSchema.nullish(),
  sei: optText(),
  notes: optText(),
  figures: z.array(figureSchema, { error: 'expected a list (may be empty)' }),
  citations: z.unknown().optional(),
  source: optText(),
}, { error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKey(iss, RECORD_KEYS) : 'expected a mapping with id, name, metal, ...') })
  .superRefine((r, ctx) => {
    const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message, input: undefined });
    if (r.user_source) {
      // a user's record cites its own source: a review reference number would attribute it to the review
      if (r.refs && r.refs.length > 0) add(['refs'], 'a user record (user_source) cites its own source, not the review\'s reference numbers: drop refs');
      r.figures.forEach((f, i) => { if (f.ref !== undefined) add(['figures', i, 'ref'], 'a user record (user_source) has no review reference number: drop ref'); });
      return;
    }
    if (r.section === undefined || r.section === null || (typeof r.section === 'string' && r.section.trim() === '')) add(['section'], 'missing (review section, e.g. "3.2"; or user_source for your own measurements)');
    if (!r.refs || r.refs.length === 0) add(['refs'], REFS);
    r.figures.forEach((f, i) => {
      if (f.ref === undefined) add(['figures', i, 'ref'], 'expected the review\'s reference number');
      if (f.quote === undefined) add(['figures', i, 'quote'], 'expected the review\'s words the figure comes from');
    });
  });

/** JSON Schema (draft 2020-12) of one literature record, for editors of data/literature/*.yaml. */
export function recordJsonSchema(): Record<string, unknown> {
  const js = z.toJSONSchema(recordSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  // what the record-level check asks (zod's refinements do not carry over): the review's refs and
  // section, or a user's own source
  js.anyOf = [{ required: ['refs', 'section'] }, { required: ['user_source'] }];
  return js;
}

/** "records[3]" + [figures, 0, unit] -> "records[3].figures[0].unit" */
const pathText = (path: readonly PropertyKey[]) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');

/**
 * Every problem of one record, each with its full path ("records[3].figures[0].conditions.tempp: got ..."): unknown
 * keys first, each mapping's in one line (deepest first: a misspelt key explains the "missing" beside it), then the
 * others in key order. Until branch mends28 the first alone: the deepest mapping's unknown keys, or the first other.
 */
function problemLines(issues: readonly z.core.$ZodIssue[], where: string): string[] {
  const unknown = issues.filter((i): i is z.core.$ZodIssueUnrecognizedKeys => i.code === 'unrecognized_keys').sort((a, b) => b.path.length - a.path.length);
  const others = issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => {
    const p = typeof i.path.at(-1) === 'number' && LISTS.has(String(i.path.at(-2))) ? i.path.slice(0, -1) : i.path;
    return `${where}${pathText(p)}: ${i.message}`;
  });
  return [...unknown.map((u) => `${where}${pathText([...u.path, u.keys[0]!])}: ${u.message}`), ...others];
}

/** At most this many problems in the one error about a file's records (then "... and N more"). */
export const MAX_PROBLEMS = 20;

/** The problems in one message: one as it is; several numbered ("3 problems in 2 records: (1) ...; (2) ..."), at most MAX_PROBLEMS. */
export function problemsText(problems: readonly string[], records: number): string {
  if (problems.length === 1) return problems[0]!;
  const shown = problems.slice(0, MAX_PROBLEMS).map((p, i) => `(${i + 1}) ${p}`).join('; ');
  const more = problems.length > MAX_PROBLEMS ? `; ... and ${problems.length - MAX_PROBLEMS} more` : '';
  return `${problems.length} problems${records > 1 ? ` in ${records} records` : ''}: ${shown}${more}`;
}

export type ValidRecord = Omit<LitRecord, 'citations'> & { citations?: Citation[] };

/** Validates one raw record object. Throws FileError(file, "path: problem") naming every problem it has. */
export function validateRecord(raw: unknown, file: string, where = 'record'): ValidRecord {
  return validateRecords([{ raw, where }], file)[0]!;
}

/**
 * Validates a file's records (`where` names each: "records[3]", "row 12 (li-zn)"): every record is checked, and
 * every problem of every bad record is in ONE FileError (a 40-record file took 40 imports until branch mends28); a
 * single bad record given with its `line` is reported at that line.
 */
export function validateRecords(list: readonly { raw: unknown; where: string; line?: number }[], file: string): ValidRecord[] {
  const { valid, problems, bad } = recordProblems(list);
  if (bad.length > 0) throw new FileError(file, problemsText(problems, bad.length), bad.length === 1 ? bad[0]!.line : undefined);
  return valid.filter((v): v is ValidRecord => v !== undefined);
}

/**
 * Checks records without throwing: each record as the schema accepts it (undefined for a bad one, in the list's
 * order), every problem of every bad record by its full path, and the bad records. validateRecords throws them
 * as one FileError; loadLiterature (records.ts) gathers them over a folder's files first.
 */
export function recordProblems(list: readonly { raw: unknown; where: string; line?: number }[]): { valid: (ValidRecord | undefined)[]; problems: string[]; bad: { where: string; line?: number }[] } {
  const valid: (ValidRecord | undefined)[] = [];
  const problems: string[] = [];
  const bad: { where: string; line?: number }[] = [];
  for (const { raw, where, line } of list) {
    const r = recordSchema.safeParse(raw);
    if (r.success) { valid.push(recordOf(raw, r.data)); continue; }
    valid.push(undefined);
    // zod words the issues when `error` is first read: unknownKey names the other unknown keys under `where` then
    validating = where;
    try { problems.push(...problemLines(r.error.issues, where)); } finally { validating = 'record'; }
    bad.push({ where, ...(line !== undefined ? { line } : {}) });
  }
  return { valid, problems, bad };
}

/** A record the schema accepted, as sacplate keeps it (`raw`: the file's order of its conditions). */
function recordOf(raw: unknown, d: z.output<typeof recordSchema>): ValidRecord {
  const opt = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const rec: ValidRecord = {
    id: d.id, name: d.name, aliases: d.aliases ?? [], metal: d.metal, sac_elements: d.sac_elements, support: d.support,
    architecture: d.architecture, section: d.section === undefined || d.section === null ? '' : String(d.section), refs: d.refs ?? [],
    figures: d.figures.map((f, i) => {
      const fig: Figure = { quantity: f.quantity, value: f.value, unit: f.unit };
      if (f.ref !== undefined) fig.ref = f.ref;
      if (f.quote !== undefined) fig.quote = f.quote;
      if (typeof f.value_to === 'number') fig.value_to = f.value_to;
      if (f.to_dft_sign === -1) fig.to_dft_sign = -1;
      if (f.lower_bound === true) fig.lower_bound = true;
      for (const k of ['subject', 'reference', 'where'] as const) { const v = opt(f[k]); if (v !== undefined) fig[k] = v; }
      if (f.conditions) {
        const cond: Conditions = {};
        // in the file's order (the parsed object is in the schema's)
        const given = ((raw as { figures: { conditions: Record<string, unknown> }[] }).figures[i]!).conditions;
        for (const k of Object.keys(given)) {
          const v = (f.conditions as Record<string, unknown>)[k];
          if (v === undefined || v === null || v === '') continue;
          (cond as Record<string, unknown>)[k] = v;
        }
        if (Object.keys(cond).length > 0) fig.conditions = cond;
      }
      return fig;
    }),
  };
  for (const k of ['coordination', 'architecture_detail', 'sei', 'notes', 'source'] as const) { const v = opt(d[k]); if (v !== undefined) rec[k] = v; }
  if (Array.isArray(d.citations)) rec.citations = d.citations as Citation[];
  if (d.user_source) {
    const u: UserSource = {};
    if (d.user_source.doi !== undefined) u.doi = d.user_source.doi;
    if (d.user_source.citation !== undefined) u.citation = d.user_source.citation;
    rec.user_source = u;
  }
  return rec;
}

/** A figure's value in canonical units (units.ts), or in degrees / plain numbers for kind null. */
export function figureCanonical(quantity: string, value: number, unit: string): number {
  const def = QUANTITIES[quantity];
  if (!def) throw new Error(`unknown quantity ${quantity}`);
  if (def.kind === null) {
    if (!(def.units ?? []).includes(unit)) throw new Error(`unit ${unit} not accepted for ${quantity}`);
    return value;
  }
  return parseQuantity(quantity, { value, unit }, def.kind);
}

/** A figure's value in the quantity's display unit (what sorting and tables use). */
export function figureDisplay(f: Figure): { value: number; value_to?: number; unit: string } {
  const def = QUANTITIES[f.quantity]!;
  const conv = (v: number) => round((f.to_dft_sign ?? 1) * figureCanonical(f.quantity, v, f.unit) / def.displayFactor);
  const out: { value: number; value_to?: number; unit: string } = { value: conv(f.value), unit: def.displayUnit };
  if (f.value_to !== undefined) out.value_to = conv(f.value_to);
  return out;
}

/** Rounds to 12 significant digits so unit conversions print cleanly. */
export function round(x: number): number {
  return Number(x.toPrecision(12));
}

/** "over 2500 h" for a lower bound (Figure.lower_bound), else "2500 h"; `value` and `unit` as shown. */
export function boundText(f: Pick<Figure, 'lower_bound'>, value: number | string, unit: string): string {
  return `${f.lower_bound ? 'over ' : ''}${value}${unit ? ' ' + unitWords(unit) : ''}`;
}

/** A unit as a table writes it: a dimensionless figure's `1` (the data files' unit of a transference number) in words,
 * "(dimensionless)"; `lit show` printed sp2c-COF-Co's transference number "0.76 1" until review51. */
export function unitWords(unit: string): string {
  return unit === '1' ? '(dimensionless)' : unit;
}

/**
 * " @ 0.5 mA/cm2" (and the capacity where the figure has it: " @ 3 mA/cm2, 3 mAh/cm2"): the conditions a figure was
 * measured at, or "". Set after the figure's number by `lit list` and the Evidence page (GET /api/evidence's `at`).
 */
export function atText(f: Pick<Figure, 'conditions'>): string {
  const c = f.conditions ?? {};
  const at = [c.current_density, c.areal_capacity].filter(Boolean).join(', ');
  return at ? ' @ ' + at : '';
}

/** "review ref 58, 59" or "user doi:10.1/x" / "user: A. Author, ..." : where a record's numbers come from. */
export function sourceText(r: Pick<LitRecord, 'refs' | 'user_source'>): string {
  if (r.user_source) return r.user_source.doi ? `user doi:${r.user_source.doi}` : `user: ${r.user_source.citation}`;
  return `review ref ${r.refs.join(', ')}`;
}

/** The figure's cell is recorded as "not stated ..." (the review does not say which cell: SA-Co@HC's 3 mV and 2500 h). */
export function cellNotStated(f: Pick<Figure, 'conditions'>): boolean {
  return /^not stated\b/i.test(f.conditions?.cell ?? '');
}

/** True when the figure is about the record's own system (not a control it was compared with). */
export function isOwnFigure(f: Figure): boolean {
  return f.subject === undefined || f.subject === '' || f.subject === 'system';
}
