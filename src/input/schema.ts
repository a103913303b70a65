/**
 * The run file as a zod 4 schema: one definition that the HTTP API validates with, that the
 * workbench's Run form is generated from and that the OpenAPI document and editors get as JSON
 * Schema (`runJsonSchema()`). Its refinement calls the run-file parser itself (parse.ts: the unit
 * parsers, the parameter registry, the protocol language), so every message a client sees is the
 * one-line message the CLI prints for the same mistake: "field: got VALUE, expected WHAT".
 *
 * The shape below describes the keys, their types, units and examples; it is loose at the top
 * level on purpose (keys added to the parser, e.g. by other sections of the run file, are judged
 * by the parser, whose message names the allowed keys).
 */
import { z } from 'zod';
import { InputError, formatValue } from '../errors.js';
import { listParams } from '../params/registry.js';
import { parseRunInput, RUN_KEYS } from './parse.js';
import type { ResolvedRun } from './types.js';

const quantity = (description: string, examples: (string | number)[]) =>
  z.union([z.string(), z.number()]).meta({ description, examples });

const names = (kind: 'metal' | 'host' | 'sac') => listParams(kind).map((p) => p.name);

const protocolStep = z.string().meta({
  description: 'a protocol step, PyBaMM-experiment style',
  examples: ['Plate 0.002 mAh/cm2 at 1 mA/cm2', 'Plate at 1 mA/cm2 for 10 s', 'Strip at 1 mA/cm2 until 200 mV', 'Rest for 1 s', 'Hold at -50 mV for 10 s'],
});
type ProtocolEntryShape = string | { repeat: number; steps: ProtocolEntryShape[] } | Record<string, unknown>;
const protocolEntry: z.ZodType<ProtocolEntryShape> = z.lazy(() => z.union([
  protocolStep,
  z.object({ repeat: z.number().int().min(1).meta({ description: 'how many times' }), steps: z.array(protocolEntry).min(1) }),
  z.record(z.string(), z.unknown()),
]));

/** The keys of a run file, their types, units and examples (no cross-field rules: those are the parser's). */
export const runShape = z.looseObject({
  metal: z.string().meta({ title: 'metal', description: 'the plated metal', examples: names('metal') }),
  temperature: quantity('temperature, 150 to 400 K', ['25 degC', '298.15 K']).optional(),
  lattice: z.object({
    size: z.tuple([z.number().int().min(4), z.number().int().min(4), z.number().int().min(8)])
      .meta({ description: 'voxels along x, y, z (x, y >= 4, z >= 8)', examples: [[32, 32, 24]] }),
    voxel: quantity('voxel edge, 0.05 nm to 100 um (the atomic spacing gives atomistic mode, larger gives mesoscale)', ['10 nm', '0.30 nm']).optional(),
  }).meta({ title: 'lattice' }),
  host: z.string().meta({ title: 'host', description: 'the host the metal plates onto', examples: names('host') }),
  sacs: z.array(z.object({
    site: z.string().meta({ description: 'SAC site', examples: names('sac') }),
    loading: quantity('share of host surface sites ("2 %") or areal density ("0.5 sites/nm2")', ['2 %', '0.5 sites/nm2']),
    arrangement: z.enum(['random', 'grid', 'clustered']).optional(),
  })).nullable().optional().meta({ title: 'single-atom catalysts' }),
  protocol: z.array(protocolEntry).min(1).meta({ title: 'protocol', description: 'steps run in order; { repeat, steps } for cycles' }),
  seed: z.number().int().min(0).optional().meta({ description: 'random seed (a non-negative integer)' }),
  electrochem: z.looseObject({
    double_layer: quantity('double-layer capacitance (only 0 is implemented)', ['0 uF/cm2']).optional(),
    ohmic: quantity('area-specific ohmic resistance, 0 to 10000 Ohm cm2', ['10 Ohm cm2']).optional(),
    counter: z.object({
      exchange_current_density: quantity('counter electrode i0', ['1 mA/cm2']).optional(),
      alpha: quantity('counter electrode transfer coefficient, 0.01 to 0.99', [0.5]).optional(),
    }).optional(),
  }).optional().meta({ title: 'electrochemistry' }),
  output: z.object({
    sample: quantity('sampling interval as areal capacity', ['0.0001 mAh/cm2']).optional(),
    snapshots: z.boolean().optional(),
  }).optional(),
  parameters: z.union([z.string(), z.record(z.string(), z.unknown())]).optional()
    .meta({ description: 'extra parameter sets (metals, hosts, sacs) inline, or a file path (CLI only)' }),
  kinetics: z.record(z.string(), z.union([z.string(), z.number()])).optional()
    .meta({ description: 'overrides of the metal kinetics: bond, lateralBond, terraceBarrier, schwoebel, attemptFrequency, exchangeCurrentDensity, transferCoefficient' }),
  host_layers: z.number().int().min(1).optional().meta({ description: 'host layers at the bottom of the box' }),
}).meta({ title: 'sacplate run', description: `a run file: keys ${RUN_KEYS.join(', ')}` });

export interface ValidateOptions {
  /** allow `parameters:` to name a file (the CLI does; the HTTP API does not read files a request names) */
  allowFiles?: boolean;
  baseDir?: string;
}

/** The first zod issue as the CLI's one-line InputError. */
function issueToInputError(input: unknown, issue: z.core.$ZodIssue): InputError {
  let value: unknown = input;
  for (const k of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
  const field = issue.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || 'input';
  return new InputError(field, value, issue.message.replace(/^Invalid input: expected /, ''));
}

/**
 * Validates a run object and resolves it. Throws one InputError whose message is the CLI's for
 * the same input (the parser runs first; the shape is checked after it as a second opinion).
 */
export function validateRunInput(input: unknown, opts: ValidateOptions = {}): ResolvedRun {
  if (!opts.allowFiles && input && typeof input === 'object' && !Array.isArray(input)) {
    const p = (input as Record<string, unknown>).parameters;
    if (typeof p === 'string') throw new InputError('parameters', p, 'an inline map of parameter sets (metals, hosts, sacs); file paths are read by the CLI only');
  }
  const run = parseRunInput(input, { baseDir: opts.baseDir });
  const r = runShape.safeParse(input);
  if (!r.success) throw issueToInputError(input, r.error.issues[0]!);
  return run;
}

/**
 * The zod schema with the parser as its refinement, run before the shape so that
 * `runSchema.safeParse(x)` gives the CLI's message as the issue; then piped into the shape.
 */
export const runSchema = z.unknown().superRefine((v, ctx) => {
  try {
    validateRunInput(v);
  } catch (e) {
    if (e instanceof InputError) ctx.addIssue({ code: 'custom', message: e.message, path: [], params: { field: e.field, value: formatValue(e.value) } });
    else throw e;
  }
}).pipe(runShape);

/** JSON Schema (draft 2020-12) of a run file, for forms, editors and the OpenAPI document. */
export function runJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runShape, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
