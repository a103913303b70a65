/**
 * What the SAC share and its chance level mean, in the words of the CLI's compare legend (the
 * `meaning` of their COLUMNS in table.ts) and of the workbench's Compare and Run pages, which import
 * them from here: no Node imports, so the web build compiles this file.
 */
export const SAC_SHARE_MEANING = 'fraction of first-layer islands whose footprint covers a SAC site, on the lattice at the end of the run (the first nuclei only in a run that ends after a short plating); compare it with chance';
export const SAC_SHARE_CHANCE_MEANING = 'the SAC share by chance: that of the same islands with the same number of SAC sites placed at random over the host surface (SACs doing nothing); SAC share minus chance is the SAC effect';
/**
 * Where the early_* counts are read (metrics.json's, src/metrics/early-nuclei.ts; nucleicov): the words of compare.csv's
 * EARLY_COLUMNS (table.ts) and of the workbench Compare page's legend under its two early columns (earlyapi).
 */
export const EARLY_ROW_MEANING = 'at the first trace row whose first-layer coverage reached output.nuclei_coverage (default 0.1), before the islands coalesce';
export const EARLY_NUCLEI_MEANING = `islands touching the host or a SAC per um2 of host ${EARLY_ROW_MEANING}`;
