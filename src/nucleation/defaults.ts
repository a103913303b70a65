/** Defaults of a nucleation request that the CLI's help text, the OpenAPI schema and the workbench state (apart from index.ts and system.ts, which load the whole model). */
import { C_PER_M2_PER_MAH_PER_CM2 } from '../units.js';

/** 0.02 mAh/cm2: the first plating, where the review's nucleation peaks are read */
export const DEFAULT_CAPACITY_C_PER_M2 = 720;

/**
 * The largest plated capacity taken, 100 mAh/cm2 (3.6e6 C/m2): a dense metal layer of about
 * 0.49 mm of Li, 0.89 mm of Na, 1.7 mm of K (molar volumes 13.0, 23.8, 45.4 cm3/mol), thicker
 * than any anode, five times the largest capacity in the review's records (20 mAh/cm2). The
 * electrode stage integrates any capacity in under a second, so the bound is physical: 1e9
 * mAh/cm2 ran and reported nuclei 4.8 km in radius.
 */
export const MAX_CAPACITY_C_PER_M2 = 100 * C_PER_M2_PER_MAH_PER_CM2;

/** Molar masses (g/mol) of the review's SAC elements, for wt% loadings (IUPAC 2021 standard atomic weights). */
export const SAC_MOLAR_MASS: Readonly<Record<string, number>> = { Fe: 55.845, Co: 58.933, Ni: 58.693, Zn: 65.38, Mn: 54.938, Zr: 91.224, Cu: 63.546 };
/**
 * The SAC metal's molar mass taken for a wt% loading when no element is given, g/mol: the middle of
 * the review's 3d SAC metals, Mn (54.938) to Zn (65.38). Sites per area go as 1/M at a given wt%, so
 * the sites so found are within +-8.7 % of the true ones for any of Mn, Fe, Co, Ni, Cu, Zn (Fe -7.2 %,
 * Co and Ni -2.0 to -2.4 %, Cu +5.6 %), and 52 % too many for Zr (91.224), the one 4d metal of the
 * sets. A user who types "binding -2.29 eV, loading 1.2 wt%" (issue 15's own command) expects a
 * number: this gives one within those bounds and says so, rather than refusing.
 */
export const ASSUMED_SAC_MOLAR_MASS = Number(((SAC_MOLAR_MASS.Mn! + SAC_MOLAR_MASS.Zn!) / 2).toFixed(2));
