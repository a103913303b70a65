/**
 * Limits on what a run file may ask for, checked after parsing and before anything is allocated:
 * the size of the unrolled protocol, currents and overpotentials within what an electrochemical
 * cell can see, the nesting depth of a parsed file, and a default sampling interval for
 * protocols with no known charge (rest-only or potentiostatic).
 */
import { FileError, InputError } from '../errors.js';
import { countSteps, isRepeat } from './protocol.js';
import type { ProtocolEntry, ProtocolStep } from './types.js';
import { C_PER_M2_PER_MAH_PER_CM2, CONST, TO } from '../units.js';

/** Steps after unrolling repeats (flattenProtocol builds them all): a repeat of 1e6 plate/strip cycles fits. */
export const MAX_STEPS = 2_000_000;
/** 1000 mA/cm2 = 1e4 A/m2: ten times the highest current densities reported for metal anodes. */
export const MAX_CURRENT_A_PER_M2 = 1e4;
/** |overpotential| of a potentiostatic hold: 1 V is far beyond any plating overpotential (a cut-off may be larger: "until 5 V" means strip until nothing is left). */
export const MAX_OVERPOTENTIAL_V = 1;
/** nesting depth of a run file's YAML/JSON (a run file needs fewer than 10 levels). */
export const MAX_DEPTH = 64;

function walk(entries: ProtocolEntry[], field: string, visit: (s: ProtocolStep, f: string) => void): void {
  entries.forEach((e, i) => {
    const f = `${field}[${i}]`;
    if (isRepeat(e)) walk(e.steps, `${f}.steps`, visit); else visit(e, f);
  });
}

export function checkProtocolLimits(entries: ProtocolEntry[], field = 'protocol'): void {
  const n = countSteps(entries);
  if (!(n <= MAX_STEPS)) {
    throw new InputError(field, `${n.toExponential(2)} steps after unrolling repeats`, `at most ${MAX_STEPS.toLocaleString('en')} steps (lower the repeat counts)`);
  }
  walk(entries, field, (s, f) => {
    if (s.control === 'galvanostatic' && !(s.current_A_per_m2 <= MAX_CURRENT_A_PER_M2)) {
      throw new InputError(f, s.text, `a current density up to ${TO.mA_per_cm2(MAX_CURRENT_A_PER_M2)} mA/cm2 (got ${TO.mA_per_cm2(s.current_A_per_m2).toPrecision(3)} mA/cm2)`);
    }
    if (s.overpotential_V !== undefined && !(Math.abs(s.overpotential_V) <= MAX_OVERPOTENTIAL_V)) {
      throw new InputError(f, s.text, `an overpotential from -${MAX_OVERPOTENTIAL_V * 1e3} to ${MAX_OVERPOTENTIAL_V * 1e3} mV against the metal (got ${(s.overpotential_V * 1e3).toPrecision(4)} mV)`);
    }
  });
}

/** Throws a FileError when a parsed document nests deeper than MAX_DEPTH (checked without recursion). */
export function checkDepth(doc: unknown, file: string): void {
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d >= MAX_DEPTH) throw new FileError(file, `nested more than ${MAX_DEPTH} levels deep (a run file needs fewer than 10)`);
    for (const c of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) if (c && typeof c === 'object') stack.push([c, d + 1]);
  }
}

/** The charge of one full voxel layer, C/m2 (a z e / atomic volume per layer). */
export function layerCharge_C_per_m2(voxel_m: number, z: number, atomicVolume_m3: number): number {
  return (voxel_m * z * CONST.e) / atomicVolume_m3;
}

/**
 * Sampling interval for a protocol whose steps have no known charge (rests, holds): 1/20 of the
 * charge of one full voxel layer, C/m2.
 */
export function layerSample_C_per_m2(voxel_m: number, z: number, atomicVolume_m3: number): number {
  return layerCharge_C_per_m2(voxel_m, z, atomicVolume_m3) / 20;
}

/**
 * Refuses a step whose charge limit (a plating or stripping charge, a pulse train's charge, a hold's
 * "until" charge) is below half a voxel of the box: the box moves whole voxels, and such a step
 * would wait for a whole one (at a tiny current, while its double layer settles over R_ct C_dl,
 * ~1e5 s of kMC time on Cu). A step given by a time instead ends at its time (simulation.ts).
 */
export function checkStepCharges(entries: ProtocolEntry[], box: { voxel_m: number; nx: number; ny: number; z: number; atomicVolume_m3: number }, field = 'protocol'): void {
  const voxel = layerCharge_C_per_m2(box.voxel_m, box.z, box.atomicVolume_m3) / (box.nx * box.ny);
  const mAh = (q: number) => `${(q / C_PER_M2_PER_MAH_PER_CM2).toExponential(2).replace(/\.?0+e/, 'e')} mAh/cm2`;
  walk(entries, field, (s, f) => {
    if (s.charge_C_per_m2 !== undefined && s.charge_C_per_m2 < voxel / 2) {
      throw new InputError(f, s.text, `a charge of at least half a voxel of this box (${mAh(voxel / 2)}: one voxel is ${mAh(voxel)} on `
        + `${box.nx} x ${box.ny} voxels of ${Number((box.voxel_m * 1e9).toPrecision(4))} nm); this step ${mAh(s.charge_C_per_m2)}: give a larger charge, or a larger box in x and y`);
    }
  });
}
