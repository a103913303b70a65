/**
 * The electrode stage alone for Li on graphene, Bronsted rule, with the J(eta) laws the atomistic stage
 * fitted under its default options: for the bare host, and for a SAC binding -3.0 eV against -2.37 eV
 * (`nucleation()` with `sac: { binding_eV: -3.0, reference_eV: -2.37, element: 'Zn' }`). No atomistic run
 * is needed. Shared by test/nucleation-binding-control, nucleation-plateau and nucleation-controls-phantom,
 * which each wrote the laws and the set-up out (the same numbers three times).
 */
import { lawFromData, resolveStudy, seaOf, simulateElectrode, type AtomisticData } from '../../src/nucleation/index.js';
import type { RateLawFit } from '../../src/nucleation/rate.js';
import type { ElectrodeResult, PlateauRule } from '../../src/nucleation/electrode.js';

const law = (form: RateLawFit['form'], lnK: number, B: number, q: number, b_V: number) => ({ form, lnK, B, q, b_V }) as RateLawFit;
/** J(eta) fitted for Li on graphene */
export const HOST_LAW = law('2D island: ln J = ln K - B/eta', 44.07754938289544, 3.68093186025052, 2, 0.33425009630930413);
/** J(eta) fitted for a SAC binding Li -3.0 eV on graphene (-2.37 eV) */
export const SAC_LAW = law('3D cap: ln J = ln K - B/eta^2', 27.44449754074936, 0.10890247210949301, 3, 0.23504266008228922);
/** graphene's binding of a Li adatom, eV: a SAC given this is the host's twin (no SAC law) */
export const GRAPHENE_BINDING_EV = -2.37;

export interface LiGrapheneRun {
  /** a SAC by its binding (reference -2.37 eV, element Zn) at a loading (default 1 wt%): SAC_LAW, or none when it binds as graphene */
  sac?: { binding_eV: number; loading?: string };
  /** the metal's own foil (host 'Li', ownMetal) in place of graphene */
  ownMetal?: boolean;
  current_A_per_m2: number;
  /** the requested capacity, C/m2 (the run's duration is capacity / current) */
  capacity_C_per_m2: number;
  /** the zones' overlap; absent: the stage's default (`phantom`) */
  zoneOverlap?: 'phantom' | 'random';
  samples: number;
  plateau?: PlateauRule;
  refine?: number;
}

/** A galvanostatic run of the electrode stage for Li on graphene (or its foil) with the fitted laws. */
export function liOnGraphene(o: LiGrapheneRun): ElectrodeResult {
  const sac = o.sac;
  const s = resolveStudy({
    metal: 'Li', host: o.ownMetal ? 'Li' : 'graphene', hostReduction: 'bronsted',
    ...(sac ? { sac: { binding_eV: sac.binding_eV, reference_eV: GRAPHENE_BINDING_EV, element: 'Zn' }, ...(sac.loading !== undefined ? { loading: sac.loading } : {}) } : {}),
  });
  const sacLaw = sac && sac.binding_eV !== GRAPHENE_BINDING_EV ? SAC_LAW : null;
  const data = { host: { points: [], law: HOST_LAW }, sac: sac ? { points: [], law: sacLaw, sameAsHost: !sacLaw } : null } as unknown as AtomisticData;
  const seaSpec = seaOf(s);
  return simulateElectrode({
    z: s.z, atomicVolume_m3: s.omega_m3, i0_A_per_m2: s.i0_A_per_m2, alpha: s.alpha, T_K: s.T_K, hostSites_per_m2: 1 / s.a_m ** 2,
    sacSites_per_m2: s.sac?.sites_per_m2 ?? 0, Cdl_F_per_m2: s.Cdl_F_per_m2, law: lawFromData(data), growth: { kind: 'interface' },
    control: { kind: 'galvanostatic', current_A_per_m2: o.current_A_per_m2, duration_s: o.capacity_C_per_m2 / o.current_A_per_m2 },
    sea: o.zoneOverlap !== undefined ? { ...seaSpec, zoneOverlap: o.zoneOverlap } : seaSpec, samples: o.samples,
    ...(o.ownMetal !== undefined ? { ownMetal: o.ownMetal } : {}), ...(o.plateau !== undefined ? { plateau: o.plateau } : {}), ...(o.refine !== undefined ? { refine: o.refine } : {}),
  });
}
