export * from './types.js';
export { METALS } from './metals.js';
export { HOST_SPECS } from './hosts.js';
export { SAC_SPECS } from './sacs.js';
export {
  DEFAULT_BINDING_SCALE, HOST_TERRACE_EV, SAC_MIGRATION_LOWERING_EV, deriveHost, deriveSac, deriveSets, energyEv,
  type HostSpec, type SacSpec, type SacMetalSpec, type DeriveOptions,
} from './derive.js';
export {
  buildParamSets, builtinSets, listParams, getMetal, getHost, getSac, resolveMetal, resolveHost, resolveSac,
  sourcedEntries, sourcedText, parseSourced, type ParamSets, type ParamKind, type ParamSummary, type BuildOptions,
} from './registry.js';
