export * from './types.js';
export { METALS } from './metals.js';
export { HOST_SPECS } from './hosts.js';
export { SAC_SPECS } from './sacs.js';
export {
  DEFAULT_BINDING_SCALE, HOST_TERRACE_EV, SAC_MIGRATION_LOWERING_EV, deriveHost, deriveSac, deriveSets, energyEv,
  type HostSpec, type SacSpec, type SacMetalSpec, type DeriveOptions,
} from './derive.js';
export {
  buildParamSets, listParams, resolveMetal, resolveHost, resolveSac,
  sourcedEntries, sourcedText, parseSourced, type ParamSets, type ParamKind, type ParamSummary, type BuildOptions,
} from './registry.js';
import { builtinSets as cachedSets, getMetal as metalSet, getHost as hostSet, getSac as sacSet, type ParamSets } from './registry.js';
import type { HostSet, MetalSet, SacSet } from './types.js';

/*
 * The library's look-ups give a copy of the set (polish65; mends65b left it): the sets they read are the ones every
 * later run of the process is built from (the cached built-ins), so a script that changed the object it got, e.g. to
 * make a variant, changed graphene for every run after it. The program's own look-ups (src/params/sets.ts) keep
 * returning the set itself, which a run's provenance shares, frozen.
 */
/** The metal set of that name (a copy: changing it changes no built-in set); `sets` as for getHost. */
export function getMetal(...a: Parameters<typeof metalSet>): MetalSet { return structuredClone(metalSet(...a)); }
/** The host set of that name, of `sets` (default the built-ins; buildParamSets({ user }) with one's own), as a copy. */
export function getHost(...a: Parameters<typeof hostSet>): HostSet { return structuredClone(hostSet(...a)); }
/** The SAC set of that name (a copy), as getHost. */
export function getSac(...a: Parameters<typeof sacSet>): SacSet { return structuredClone(sacSet(...a)); }
/**
 * The built-in sets (metals, hosts, SACs, the binding scale), as a copy (polish65b; polish65 left it): the cached sets
 * every later run of the process is built from were returned themselves, "treat as read-only", so a script that set
 * `builtinSets().hosts.graphene.metals.Li.binding.value = 2` changed graphene for each later look-up and run. A copy
 * each call (about a millisecond); the program's own look-ups read the cache (src/params/sets.ts).
 */
export function builtinSets(): ParamSets { return structuredClone(cachedSets()); }
