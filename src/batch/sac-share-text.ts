/**
 * What the SAC share and its chance level mean, in the words of the CLI's compare legend (the
 * `meaning` of their COLUMNS in table.ts) and of the workbench's Compare and Run pages, which import
 * them from here: no Node imports, so the web build compiles this file.
 */
export const SAC_SHARE_MEANING = 'fraction of first-layer islands whose footprint covers a SAC site, on the lattice at the end of the run (the first nuclei only in a run that ends after a short plating); compare it with chance';
export const SAC_SHARE_CHANCE_MEANING = 'the SAC share by chance: that of the same islands with the same number of SAC sites placed at random over the host surface (SACs doing nothing); SAC share minus chance is the SAC effect';
