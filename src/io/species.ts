/**
 * Metadata for structure snapshots (VTI and extended XYZ), and the mapping from voxel codes to
 * chemical species.
 *
 * Default species mapping (from the species registry, src/lattice/species.ts; override any of it
 * with `meta.species`):
 *   METAL (1), DEAD (2)        -> meta.metal (e.g. "Li"); the `voxel_code` column tells them apart
 *   host i  (code 8 + i)       -> meta.hostSpecies[i], default "C"  (give "Cu" for a copper collector)
 *   SAC i   (code 32 + i)      -> meta.sacSpecies[i], default "X"   (give the metal of the site, "Zn" for Zn-N4)
 *   SEI (3), SEPARATOR (4), VOID (6, sealed electrolyte: `model: { sealed_pores: void }`), any other code -> "X" (ASE's dummy atom)
 *   EMPTY (0)                  -> not written
 */
import { EMPTY, speciesOf, typeIndex } from '../lattice/species.js';

export type FieldValue = string | number | boolean;

export interface StructureMeta {
  /** element symbol of the plated metal: "Li", "Na" or "K" */
  metal: string;
  /** "atomistic" or "mesoscale" */
  mode?: string;
  /** element per host index (voxel code HOST_BASE + i); default "C" */
  hostSpecies?: readonly string[];
  /** element per SAC type index (voxel code SAC_BASE + i); default "X" */
  sacSpecies?: readonly string[];
  /** full override: species for a voxel code (never called for EMPTY) */
  species?: (code: number) => string;
  /** further metadata written into the file (VTI FieldData, extxyz comment line), e.g. time_s, charge_C_per_cm2, seed */
  fields?: Record<string, FieldValue>;
  /**
   * keys of `fields` whose numbers are quantities (time_s, charge_C_per_cm2): written as doubles even when whole (VTI
   * Float64, extxyz with a decimal point), so a series keeps one type; another number is Int64 when whole (mends103: a
   * full strip's charge 0 was Int64 beside the plate's Float64 in one snapshot series)
   */
  quantities?: readonly string[];
}

export function defaultSpecies(meta: StructureMeta, code: number): string {
  const sp = speciesOf(code);
  if (sp.role === 'metal' || sp.role === 'dead') return meta.metal;
  if (sp.role === 'host') return meta.hostSpecies?.[typeIndex(code)] ?? sp.element;
  if (sp.role === 'sac') return meta.sacSpecies?.[typeIndex(code)] || sp.element; // '': a user's SAC set gives no element
  return sp.element || 'X';
}

/** species for all 256 codes (index = code); '' for EMPTY. Throws on a symbol with spaces or quotes. */
export function speciesTable(meta: StructureMeta): string[] {
  const t: string[] = new Array(256);
  for (let c = 0; c < 256; c++) {
    if (c === EMPTY) {
      t[c] = '';
      continue;
    }
    const s = meta.species ? meta.species(c) : defaultSpecies(meta, c);
    if (typeof s !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(s)) {
      throw new Error(`species for voxel code ${c}: ${JSON.stringify(s)} is not a species symbol (letters, digits, _)`);
    }
    t[c] = s;
  }
  return t;
}
