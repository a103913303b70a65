export * from './types.js';
export {
  parseRunInput, loadRunFile, parseCompareInput, loadCompareFile, readInputFile, parseYamlText,
  RUN_KEYS, DEFAULTS, type ParseOptions, type CompareCase,
} from './parse.js';
export {
  parseProtocol, parseProtocolStep, expandProtocol, countSteps, stepCharge, firstKnownCharge, isRepeat,
} from './protocol.js';
