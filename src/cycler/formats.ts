/**
 * The cycler file layouts the readers know, by id. Apart from read.ts so that the CLI can list
 * them in its help text without loading the readers.
 */
export const FORMATS = ['mpt', 'btlab-csv', 'neware', 'neware3', 'arbin', 'landt', 'bdf', 'maccor', 'novonix', 'pec', 'basytec', 'batteryarchive', 'sacplate-eta', 'generic'] as const;
export type FormatId = (typeof FORMATS)[number];
