/**
 * The protocols an analysis takes (report.ts) and the rules that pair half cycles into full-cell
 * cycles (ce.ts). Apart from them so that the CLI can list them in its help text without loading
 * the analysis.
 */
export const PROTOCOLS = ['symmetric', 'licu', 'aurbach', 'fullcell'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PAIR_RULES = ['auto', 'discharge-charge', 'charge-discharge', 'file'] as const;
export type PairRule = (typeof PAIR_RULES)[number];
