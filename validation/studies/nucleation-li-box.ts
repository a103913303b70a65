/**
 * The box the studies of the fast-adatom elimination run in (nucleation-acceleration, nucleation-capture,
 * nucleation-capture-returns; each wrote it out itself before): Li's energies on graphene (host-reduction
 * rule metal-rate) with the terrace barrier E_d raised so that plain kMC can run, on an L x L box, at
 * 120 mV, to a 30-atom cluster unless told otherwise. Not a study: no `study` export.
 */
import { resolveStudy } from '../../src/nucleation/index.js';
import { exchangeRate } from '../../src/nucleation/system.js';
import type { AtomisticSpec } from '../../src/nucleation/atomistic.js';

/** seeds 1..n, the same in both arms of a comparison */
export const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export function liBoxSpec(Ed: number, L: number, eta_V = 0.12, target = 30, maxEvents = 5e7): Omit<AtomisticSpec, 'seed' | 'reservoir'> {
  const s = resolveStudy({ metal: 'Li', host: 'graphene', hostReduction: 'metal-rate' });
  return {
    L, T_K: s.T_K, eta_V, bond_eV: s.bond_eV, hostBinding_eV: s.hostBinding_eV, sacBinding_eV: s.hostBinding_eV, sacRedShift_eV: 0,
    terraceBarrier_eV: Ed, nu_per_s: s.nu_per_s, k0_per_s: exchangeRate(s), alpha: s.alpha, sacSites: [],
    target, maxTime_s: 1e6, maxEvents,
  };
}
