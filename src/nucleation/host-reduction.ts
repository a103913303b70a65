/**
 * How fast M+ is reduced on a bare host site and on a SAC, relative to the metal's own surface: the
 * rule of the two-scale nucleation model (both stages: atomistic.ts through its shifts, electrode.ts
 * through the adatom sea of index.ts `seaOf`).
 *
 * MODEL.md 3 gives every site a reduction barrier E_red(s) (that of its most catalytic neighbour),
 * used in reduction and oxidation alike (micro-reversibility), and calibrates the metal's own
 * barrier through its exchange current i0. For the plain host the parameter sets give no figure.
 *
 *  - `bronsted` (the rule the physics argument picks): the Bronsted-Evans-Polanyi relation (Evans and Polanyi, Trans. Faraday
 *    Soc. 34, 11, 1938; for electrode reactions the Bronsted / transfer-coefficient form of Marcus
 *    theory, the barrier moving by beta times the change of the reaction energy, beta = 1/2 near
 *    equilibrium: Marcus, J. Chem. Phys. 24, 966, 1956; Bard and Faulkner, Electrochemical Methods,
 *    2nd ed., 3.3 and 3.6). Within one family of reactions (M+ + e- -> a lone M0 adatom on a site),
 *    a site that binds the adatom more weakly than the metal's own terrace does costs beta of the
 *    difference in the reduction barrier and (1 - beta) of it in the oxidation barrier:
 *        E_red(host) = beta * max(0, E_mm - E_host),    beta = 1/2,
 *    E_mm the adatom's bond to the metal's own terrace (one bond), E_host its bond to the host.
 *    The reference is the metal's own terrace adatom because that is the reaction i0 calibrates in
 *    this model (reduction onto any metal site at k0, MODEL.md 3): the shift is the host's extra
 *    deficit, 0 for the metal itself, and the host's exchange rate per site is
 *    k0 exp(-E_red(host) / kT). A site binding more strongly than the metal's terrace gets no
 *    negative shift from its binding (the metal's rate is the ceiling; a BEP line is not extended
 *    past it); what lowers a SAC's barrier below the metal's is its own desolvation shift from the
 *    parameter sets. The same term applies to a SAC's binding, so a SAC with the host's numbers is
 *    the host, and stronger binding never raises the barrier.
 *    Assumed, not measured: beta = 1/2 (symmetric barrier), the reference, and the cap at 0.
 *  - `metal-rate`: the rule of the earlier sessions (and of the 3D engine): reduction on any site
 *    at the metal's own k0 exp(alpha f eta); the whole binding deficit sits in the oxidation.
 *    Kept so the earlier studies stay reproducible. It is still the default, for a practical reason
 *    and not a physical one: under `bronsted` the electrode stage cannot finish Na and K cases (nuclei
 *    born outside the exclusion zones are given the depleted zone sea and dissolve as fast as they
 *    form; 500,000 steps reach 0.1 s of a 72 s run for Na on Cu), while Li cases take 1-12 s of CPU.
 *    docs/nucleation.md says so; flipping DEFAULT_HOST_REDUCTION is the one line to change once the
 *    electrode stage handles it.
 *
 * Either rule keeps every equilibrium (the shift multiplies reduction and oxidation of the same
 * position alike), so the lone-adatom coverage theta1(eta) and the Gibbs-Thomson sizes do not move;
 * what moves is how fast the host exchanges M+ with the electrolyte.
 */
import { InputError } from '../errors.js';

export const HOST_REDUCTION_RULES = ['bronsted', 'metal-rate'] as const;
export type HostReductionRule = (typeof HOST_REDUCTION_RULES)[number];
export const DEFAULT_HOST_REDUCTION: HostReductionRule = 'metal-rate';
/** Bronsted coefficient: the share of the binding deficit in the reduction barrier (assumed symmetric) */
export const BRONSTED_BETA = 0.5;

export interface ReductionShifts {
  rule: HostReductionRule;
  beta: number;
  /** reduction-barrier shift of a bare host site relative to the metal's own surface, eV (>= 0) */
  host_eV: number;
  /** the SAC's: its desolvation shift from the parameter sets plus the rule's binding term, eV */
  sac_eV: number | null;
}

/** The rule's binding term for a site that binds a lone adatom with `binding_eV` (bond magnitudes, eV). */
export function bindingShift(rule: HostReductionRule, bond_eV: number, binding_eV: number): number {
  if (rule === 'metal-rate') return 0;
  return BRONSTED_BETA * Math.max(0, bond_eV - binding_eV);
}

export function reductionShifts(
  rule: HostReductionRule,
  s: { bond_eV: number; hostBinding_eV: number; sac: { binding_eV: number; redShift_eV: number } | null },
): ReductionShifts {
  return {
    rule, beta: rule === 'metal-rate' ? 0 : BRONSTED_BETA,
    host_eV: bindingShift(rule, s.bond_eV, s.hostBinding_eV),
    sac_eV: s.sac ? s.sac.redShift_eV + bindingShift(rule, s.bond_eV, s.sac.binding_eV) : null,
  };
}

export function parseHostReduction(field: string, v: unknown): HostReductionRule {
  if (v === undefined) return DEFAULT_HOST_REDUCTION;
  if (typeof v === 'string' && (HOST_REDUCTION_RULES as readonly string[]).includes(v)) return v as HostReductionRule;
  throw new InputError(field, v, `one of ${HOST_REDUCTION_RULES.join(', ')} (the rule for reduction on the bare host; docs/nucleation.md)`);
}
