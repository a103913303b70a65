/**
 * The species registry: what each voxel code stands for. One byte per voxel holds a code; this
 * file is the only place that says which codes exist, which range belongs to hosts and SACs, and
 * what each species is (solid, conducting, ion-permeable, element, label in VTK/extxyz files,
 * colour in figures). Everything else (voxel.ts, morphology, report, io) asks here.
 *
 * Codes (unchanged since v1; the outputs of every run depend on them):
 *   0 electrolyte, 1 metal (connected), 2 dead metal, 3 SEI (organic-rich, solvent-derived),
 *   4 separator (reserved), 5 SEI (inorganic-rich, salt-derived: LiF/NaF/KF), 6 VOID (electrolyte sealed off from
 *   the bulk: run file `model: { sealed_pores: void }` only, apps/liquid.ts), 8 + i host type i (i < 24), 32 + i SAC
 *   type i (i < 32). Codes 7 and 64-255 are unused.
 *   The SEI species are written by the SEI event module (apps/events/sei.ts).
 *
 * Flags are the species' defaults. Whether a host type conducts comes from its parameter set
 * (`host.conducting`); the registry's `conducting` for hosts is the usual case (Cu, carbon).
 * A new species (SEI, separator, a second electrolyte phase) is one more entry here, with its
 * code in a free slot: the outputs, the legend and the lookups follow.
 */
import { InputError } from '../errors.js';

export type SpeciesRole = 'electrolyte' | 'metal' | 'dead' | 'sei' | 'separator' | 'void' | 'host' | 'sac' | 'unused';

export interface Species {
  /** voxel code (first code of the range for host and SAC types) */
  code: number;
  role: SpeciesRole;
  /** label in VTK legends and docs (e.g. "METAL") */
  label: string;
  /** what it is, in words */
  description: string;
  /** takes up its voxel (everything but the electrolyte) */
  solid: boolean;
  /** carries electrons to the collector (per host: from its parameter set) */
  conducting: boolean;
  /** lets ions through (electrolyte; SEI and separator once they have transport) */
  ionPermeable: boolean;
  /** element written to extxyz/VTK when the run does not say: '' = the plated metal, 'X' = ASE's dummy */
  element: string;
  /**
   * colour in figures (hex): the cross-section figure's voxel classes (src/plots/run.ts PHASES) and the workbench's 3D
   * view take it from here; both SEI species are one class there, in the first's colour (review45: the 3D view had
   * colours of its own here, SAC blue and SEI yellow, while the figure drew SAC yellow and SEI green). ParaView's preset
   * (io/vti.ts speciesColorPreset) gives every code its own: the inorganic-rich SEI its pale blue (mends103; it had the
   * organic-rich SEI's green), the reserved separator a polymer's tan (mends103; it had a grey next to the host's), the
   * i-th host or SAC type a shade of the range's colour
   */
  colour: string;
  /** number of codes of this species (24 host types, 32 SAC types, 1 otherwise) */
  count: number;
}

export const HOST_BASE = 8;
export const HOST_TYPES = 24;
export const SAC_BASE = 32;
export const SAC_TYPES = 32;

/** The registered species, in code order. */
export const SPECIES: readonly Species[] = Object.freeze([
  { code: 0, role: 'electrolyte', label: 'EMPTY', description: 'electrolyte', solid: false, conducting: false, ionPermeable: true, element: '', colour: '#ffffff', count: 1 },
  { code: 1, role: 'metal', label: 'METAL', description: 'plated metal, electronically connected', solid: true, conducting: true, ionPermeable: false, element: '', colour: '#4c78a8', count: 1 },
  { code: 2, role: 'dead', label: 'DEAD', description: 'disconnected metal', solid: true, conducting: false, ionPermeable: false, element: '', colour: '#e45756', count: 1 },
  { code: 3, role: 'sei', label: 'SEI', description: 'solid-electrolyte interphase, organic-rich (solvent-derived)', solid: true, conducting: false, ionPermeable: true, element: 'X', colour: '#54a24b', count: 1 },
  { code: 4, role: 'separator', label: 'SEPARATOR', description: 'separator (reserved)', solid: true, conducting: false, ionPermeable: true, element: 'X', colour: '#e0c9a6', count: 1 },
  { code: 5, role: 'sei', label: 'SEI_INORGANIC', description: 'solid-electrolyte interphase, inorganic-rich (salt-derived fluoride)', solid: true, conducting: false, ionPermeable: true, element: 'F', colour: '#9ecae9', count: 1 },
  // branch e1void: liquid that no path of electrolyte joins to the bulk (docs/model.md E1): liquid, not solid, but no
  // ion comes from or goes into it, so no reduction, oxidation or SEI reads it as electrolyte
  { code: 6, role: 'void', label: 'VOID', description: 'electrolyte sealed off from the bulk', solid: false, conducting: false, ionPermeable: false, element: 'X', colour: '#b279a2', count: 1 },
  { code: HOST_BASE, role: 'host', label: 'host', description: 'host i', solid: true, conducting: true, ionPermeable: false, element: 'C', colour: '#7f7f7f', count: HOST_TYPES },
  { code: SAC_BASE, role: 'sac', label: 'SAC type', description: 'SAC type i', solid: true, conducting: true, ionPermeable: false, element: 'X', colour: '#f2b701', count: SAC_TYPES },
].map((s) => Object.freeze(s as Species)));

const UNUSED: Species = Object.freeze({ code: -1, role: 'unused', label: 'unused', description: 'unused code', solid: true, conducting: false, ionPermeable: false, element: 'X', colour: '#ff00ff', count: 1 });

/** species of every code 0..255 */
const BY_CODE: readonly Species[] = (() => {
  const t: Species[] = new Array<Species>(256).fill(UNUSED);
  for (const s of SPECIES) for (let k = 0; k < s.count; k++) t[s.code + k] = s;
  return t;
})();

const byRole = (r: SpeciesRole): Species => SPECIES.find((s) => s.role === r)!;

/** voxel codes of the single-code species */
export const EMPTY = byRole('electrolyte').code;
export const METAL = byRole('metal').code;
export const DEAD = byRole('dead').code;
export const SEI = byRole('sei').code;
export const SEPARATOR = byRole('separator').code;
/** the second SEI species: inorganic-rich (salt-derived) SEI */
export const SEI_INORGANIC = 5;
/** sealed electrolyte (run file `model: { sealed_pores: void }`, apps/liquid.ts): liquid joined to the bulk by no path of EMPTY voxels */
export const VOID = byRole('void').code;
/** liquid, joined to the bulk (EMPTY) or sealed off (VOID): what porosity counts */
export const isLiquid = (c: number): boolean => c === EMPTY || c === VOID;

/** The species a voxel code stands for (an 'unused' entry for codes nothing registers). */
export function speciesOf(code: number): Species { return BY_CODE[code & 255]!; }

/** speciesOf for library callers (exported as `speciesOf`): a code outside 0..255 or not an integer is an InputError, not another code's species (code & 255). */
export function speciesOfChecked(code: number): Species {
  if (!(Number.isInteger(code) && code >= 0 && code <= 255)) throw new InputError('code', code, 'a voxel code, an integer from 0 to 255 (SPECIES lists them)');
  return speciesOf(code);
}

/** Per-code flag table (index = code), for loops that test every voxel. */
function flagTable(pred: (s: Species) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = BY_CODE[c]!.role !== 'unused' && pred(BY_CODE[c]!) ? 1 : 0;
  return t;
}

/** 1 for metal and dead metal (deposit) */
export const METAL_CODES = flagTable((s) => s.role === 'metal' || s.role === 'dead');
/** 1 for host and SAC codes (the substrate) */
export const SUBSTRATE_CODES = flagTable((s) => s.role === 'host' || s.role === 'sac');

export const isMetal = (c: number): boolean => METAL_CODES[c] === 1;
/** 1 for the SEI species (organic- and inorganic-rich) */
export const SEI_CODES = flagTable((s) => s.role === 'sei');
export const isSei = (c: number): boolean => SEI_CODES[c] === 1;
/** 1 for host codes / SAC codes */
export const HOST_CODES = flagTable((s) => s.role === 'host');
export const SAC_CODES = flagTable((s) => s.role === 'sac');

export const isHost = (c: number): boolean => HOST_CODES[c] === 1;
export const isSac = (c: number): boolean => SAC_CODES[c] === 1;
/** host or SAC: the substrate */
export const isSubstrate = (c: number): boolean => SUBSTRATE_CODES[c] === 1;
/** takes up its voxel: every code but the liquid ones (EMPTY, VOID) */
export const isSolid = (c: number): boolean => c !== EMPTY && c !== VOID;

/** voxel code of host type i / SAC type i (throws outside the registered range) */
export function hostCode(i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= HOST_TYPES) throw new Error(`host type index ${i} outside 0..${HOST_TYPES - 1}`);
  return HOST_BASE + i;
}
export function sacCode(i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= SAC_TYPES) throw new Error(`SAC type index ${i} outside 0..${SAC_TYPES - 1}`);
  return SAC_BASE + i;
}

/** index of a host/SAC type within its range (code - base) */
export const typeIndex = (c: number): number => c - speciesOf(c).code;

/**
 * Element of a host material in structure files: the element a user set gives (`parameters.hosts.<name>.element`;
 * '' for a new set that gives none: X, ASE's dummy atom, as a SAC set without one, review65), else the host's own
 * element where it is one (a metal foil, Cu), Ti for MXene (Ti3C2), otherwise the registry's default (carbon: the
 * built-in graphene, N-graphene, carbon-cloth, hard-carbon and sp2c-COF).
 */
const HOST_ELEMENTS: Readonly<Record<string, string>> = { Cu: 'Cu', Li: 'Li', Na: 'Na', K: 'K', MXene: 'Ti' };
export function hostElement(hostName: string, element?: string): string {
  if (element !== undefined) return element === '' ? 'X' : element;
  return HOST_ELEMENTS[hostName] ?? byRole('host').element;
}

/**
 * The legend of the voxel codes written into VTK files, built from the registry:
 * "0 EMPTY (electrolyte), 1 METAL, 2 DEAD (disconnected metal), 3 SEI, 4 SEPARATOR, 5 SEI_INORGANIC, 6 VOID (electrolyte
 * sealed off from the bulk), 8+i host i, 32+i SAC type i".
 */
export function codeLegend(): string {
  return SPECIES.map((s) => {
    if (s.count > 1) return `${s.code}+i ${s.label} i`;
    if (s.role === 'electrolyte' || s.role === 'dead' || s.role === 'void') return `${s.code} ${s.label} (${s.description})`;
    return `${s.code} ${s.label}`;
  }).join(', ');
}
