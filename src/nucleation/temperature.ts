/**
 * A nucleation case's temperature as a user writes it (`--temperature`, a case file's or a request body's
 * `temperature:`, a case's own): the run file's `temperature:` schema (input/run-schema.ts temperatureSchema), so
 * "25 degC", "253.15 K" and a plain number in K read as there, with its range (150 to 400 K) and its words. Loaded
 * only where a temperature is given: the schema brings zod and the parameter registry, which a cached call without
 * one does not load (issue 15, speed). A molten metal is refused later, by resolveStudy (params/metals.ts
 * refuseMolten), named where the value was given (cases.ts prepareCases).
 */
import { temperatureSchema } from '../input/run-schema.js';
import { checked } from '../schema-keys.js';

/** the temperature in K; a bad value is one InputError naming `field`, the value and the expected form and range */
export function temperatureOf(field: string, v: unknown): number {
  return checked(temperatureSchema, field, v);
}
