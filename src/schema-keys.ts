/**
 * Strict zod objects and their first problem as one InputError: what the run file's schemas
 * (input/run-schema.ts) and the parameter sets' schemas (params/registry.ts) both build on. Kept
 * outside input/ so that the registry can use it: `params list` loads neither input/ nor zod
 * (test/cli-lazy). An unknown key gets refuseUnknownKeys' words (args.ts unknownKeyText), so a
 * misspelt key reads the same in a file, a request body and a library option.
 */
import { z } from 'zod';
import { InputError } from './errors.js';
import { isMap, refuseKeys, unknownKeyText, type UnknownKey } from './args.js';
import { didYouMean } from './did-you-mean.js';

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

/** The keys of the strict object `schema` holds at `path` (through optional, nullable, default, pipes, lazies, lists and records); [] where none is known (a union). */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.core.$ZodType | undefined = schema;
  let i = 0;
  while (s) {
    const def = s._zod.def as z.core.$ZodTypeDef & {
      innerType?: z.core.$ZodType; out?: z.core.$ZodType; element?: z.core.$ZodType; valueType?: z.core.$ZodType; getter?: () => z.core.$ZodType; shape?: Record<string, z.core.$ZodType>;
    };
    if (def.type === 'object') {
      if (i === path.length) return Object.keys(def.shape ?? {});
      s = def.shape?.[String(path[i++])];
    } else if (def.type === 'array' || def.type === 'record') { if (i === path.length) return []; i++; s = def.element ?? def.valueType; }
    else if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe') s = def.out;
    else if (def.type === 'lazy') s = def.getter?.();
    else return [];
  }
  return [];
}

const pathName = (field: string, path: readonly PropertyKey[]) =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), field) || 'input';
const valueAt = (v: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((x, k) => (isMap(x) || Array.isArray(x) ? (x as Record<PropertyKey, unknown>)[k] : undefined), v);

/**
 * Every unknown key of `v` against `schema`, the shallowest first, in keyed()'s words (a key with its
 * own message is named first by it), then every other by its full path with its own near spelling;
 * refuseKeys (args.ts) throws them as one InputError: '...; also no such keys: lattice.voxle (did you
 * mean "voxel"?), sacs[0].sit (did you mean "site"?)'. The other problems of `v` are not looked at.
 */
export function unknownSchemaKeys(schema: z.ZodType, field: string, v: unknown): UnknownKey[] {
  const r = schema.safeParse(v);
  return r.success ? [] : unknownIn(schema, field, v, r.error.issues);
}

function unknownIn(schema: z.ZodType, field: string, v: unknown, issues: readonly z.core.$ZodIssue[]): UnknownKey[] {
  const unknown = issues.filter((x): x is z.core.$ZodIssueUnrecognizedKeys => x.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length);
  return unknown.flatMap((x) => {
    // the key keyed() told of: a refused key whose own message this is, else the first unknown key
    const own = x.keys.find((k) => REFUSED.get(k)?.has(x.message)) ?? x.keys[0]!;
    const keys = keysAt(schema, x.path);
    return [own, ...x.keys.filter((k) => k !== own)].map((k) => ({
      name: pathName(field, [...x.path, k]), value: valueAt(v, [...x.path, k]), hint: didYouMean(k, keys), text: k === own ? x.message : unknownKeyText(k, keys),
    }));
  });
}

/**
 * `v` checked against `schema`; the first problem becomes the CLI's InputError for `field` plus the
 * issue's path ("parameters.hosts.g.metals.Li.bindng"; the path alone when `field` is ''). Unknown
 * keys at the shallowest level come first (objects are read keys first, then values), otherwise
 * zod's order, which is the order of the shape; an unknown key's error names every other unknown key
 * of `v` too (unknownSchemaKeys). A custom issue with `params: { missing: true }`
 * (input/run-schema.ts `required`) reports the value as missing.
 */
export function checked<T extends z.ZodType>(schema: T, field: string, v: unknown): z.output<T> {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issues = r.error.issues;
  const unknown = issues.filter((x) => x.code === 'unrecognized_keys').sort((a, b) => a.path.length - b.path.length)[0];
  if (unknown && (issues[0]!.code !== 'unrecognized_keys' ? unknown.path.length <= issues[0]!.path.length : true)) refuseKeys(unknownIn(schema, field, v, issues));
  const first = issues[0]!;
  const value = (first.code === 'custom' && (first.params as { missing?: boolean } | undefined)?.missing) ? undefined : valueAt(v, first.path);
  throw new InputError(pathName(field, first.path), value, first.message);
}
