/**
 * Strict zod objects and their first problem as one InputError: what the run file's schemas
 * (input/run-schema.ts) and the parameter sets' schemas (params/registry.ts) both build on. Kept
 * outside input/ so that the registry can use it: `params list` loads neither input/ nor zod
 * (test/cli-lazy). An unknown key gets refuseUnknownKeys' words (args.ts unknownKeyText), so a
 * misspelt key reads the same in a file, a request body and a library option.
 */
import { z } from 'zod';
import { InputError } from './errors.js';
import { isMap, unknownKeyText } from './args.js';

/** Keys whose presence in an object has its own message (instead of "no such key"): key -> message. */
export type Refused = Record<string, string>;

/**
 * Every refused key's own messages (key -> messages, from every keyed() schema): `checked` names
 * the key whose own message an issue carries, by the message keyed() chose, not by its wording.
 */
const REFUSED = new Map<string, Set<string>>();

/**
 * A strict object: not an object -> `what` (missing or null -> `missing` when given); an unknown
 * key -> "no such key; allowed keys: ...", with "(did you mean ...?)" when it is one or two letters
 * from an allowed key (or the key's own message in `refused`).
 */
export function keyed<S extends z.core.$ZodLooseShape>(shape: S, what: string, refused: Refused = {}, missing?: string) {
  for (const [k, text] of Object.entries(refused)) REFUSED.set(k, (REFUSED.get(k) ?? new Set()).add(text));
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return missing !== undefined && iss.input == null ? missing : what;
      const own = iss.keys.find((k) => Object.hasOwn(refused, k)); // not `in`: "__proto__" and "constructor" are in every object
      // a key one or two letters from an allowed one ("hots", "curent") is named as a typo
      return own !== undefined ? refused[own]! : unknownKeyText(iss.keys[0] ?? '', Object.keys(shape));
    },
  });
}

/**
 * `v` checked against `schema`; the first problem becomes the CLI's InputError for `field` plus the
 * issue's path ("parameters.hosts.g.metals.Li.bindng"; the path alone when `field` is ''). Unknown
 * keys at the shallowest level come first (objects are read keys first, then values), otherwise
 * zod's order, which is the order of the shape. A custom issue with `params: { missing: true }`
 * (input/run-schema.ts `required`) reports the value as missing.
 */
export function checked<T extends z.ZodType>(schema: T, field: string, v: unknown): z.output<T> {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issues = r.error.issues;
  const unknown = issues.filter((x) => x.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length)[0];
  const first = unknown && (issues[0]!.code !== 'unrecognized_keys' ? unknown.path.length <= issues[0]!.path.length : true) ? unknown : issues[0]!;
  let path: PropertyKey[] = first.path;
  if (first.code === 'unrecognized_keys') {
    // the key keyed() told of: a refused key whose own message this is, else the first unknown key
    const own = first.keys.find((k) => REFUSED.get(k)?.has(first.message));
    path = [...first.path, own ?? first.keys[0]!];
  }
  let value: unknown = v;
  for (const k of path) value = isMap(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[k] : undefined;
  if (first.code === 'custom' && (first.params as { missing?: boolean } | undefined)?.missing) value = undefined;
  const name = path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), field) || 'input';
  throw new InputError(name, value, first.message);
}
