/**
 * Resolved runs built directly in code for the physics tests: the numbers each published
 * result needs (irreversible aggregation, Eden growth, a pure metal surface) without going
 * through a parameter set. Canonical units: eV, K, m, A/m2, C/m2.
 */
import type { ResolvedRun, ProtocolStep } from '../../src/input/types.js';

export const LI = {
  name: 'Li', z: 1, molarMass_g_per_mol: 6.94, atomicVolume_m3: 21.25e-30, atomicSpacing_m: 0.30e-9,
  i0_A_per_m2: 10, alpha: 0.5, bond_eV: 0.10, terraceBarrier_eV: 0.10, lateralBond_eV: 0.10, schwoebel_eV: 0.05, nu_per_s: 1e13,
};

export function plate(current_mA_per_cm2: number, monolayers: number, voxel_m: number): ProtocolStep {
  // one monolayer of voxels carries nx*ny*q over nx*ny*a^2, i.e. q/a^2 per m2
  const q = (voxel_m ** 3 / LI.atomicVolume_m3) * 1.602176634e-19;
  return {
    kind: 'plate', control: 'galvanostatic', current_A_per_m2: current_mA_per_cm2 * 10,
    charge_C_per_m2: (monolayers * q) / voxel_m ** 2, text: `Plate ${monolayers} ML at ${current_mA_per_cm2} mA/cm2`,
  };
}

export function makeRun(o: Partial<ResolvedRun> & { size: [number, number, number]; voxel_m?: number; monolayers?: number; current?: number; samples?: number }): ResolvedRun {
  const voxel = o.voxel_m ?? 10e-9;
  const step = plate(o.current ?? 1, o.monolayers ?? 1, voxel);
  return {
    metal: o.metal ?? LI,
    temperature_K: o.temperature_K ?? 298.15,
    lattice: o.lattice ?? { size: o.size, voxel_m: voxel, mode: Math.abs(voxel - 0.3e-9) < 0.03e-9 ? 'atomistic' : 'mesoscale', hostLayers: 1 },
    host: o.host ?? { name: 'graphene', conducting: true, binding_eV: 0.06, redShift_eV: 0, terraceBarrier_eV: 0.10 },
    sacs: o.sacs ?? [],
    protocol: o.protocol ?? [step],
    seed: o.seed ?? 1,
    model: o.model,
    electrochem: { doubleLayer_F_per_m2: 0, ohmic_Ohm_m2: 0 },
    output: { sample_C_per_m2: (step.charge_C_per_m2 ?? 1) / (o.samples ?? 100), snapshots: false },
  };
}
