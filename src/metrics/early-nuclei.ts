/**
 * Nuclei counted before they coalesce (nucleicov; review82 finding 3). metrics.json's island_count,
 * nucleus_density_per_um2, sac_nucleation_share and its chance are read on the lattice at the end of the run: after the
 * islands merge a bare host reads one island per box (the main job's Cu and graphene: 2.44 /um2 = 1 island in 0.41 um2),
 * and a SAC share of 1 means one island that covers a SAC. An SEM after a short plate counts nuclei before they merge.
 *
 * The simulation (simulation.ts pushRow) looks at the first-layer coverage at each trace row until it reaches the run's
 * `output.nuclei_coverage` (default 0.1, a fraction of the first layer: the rule of morphology.ts host_coverage), and
 * there reads the same counts with the same code as at the end (morphology() and sacNucleationOf()) on the lattice as
 * it stands. It keeps the counts (a few numbers), not a copy of the lattice; reading them draws no random number and
 * changes nothing of the trajectory. Lone adatoms in first-passage domains (apps/lone-adatoms.ts) are read at their
 * domain's centre (a run's end places them at a drawn position first): each is a one-voxel island either way.
 */
import type { Grid } from '../lattice/voxel.js';
import { firstLayerCoverage, morphology } from './morphology.js';
import { sacNucleationOf } from './sac-share.js';

/** output.nuclei_coverage when the run file does not give it: a tenth of the first layer */
export const DEFAULT_NUCLEI_COVERAGE = 0.1;

/**
 * The readings at the coverage, as metrics.json gives them (flat keys, so seeds.csv and `results` list them). nuclei65:
 * beside the count of every island touching the host or a SAC, those of STABLE_ISLAND_VOXELS voxels or more
 * (morphology.ts) and the lone atoms among them.
 */
export interface EarlyNuclei {
  /** the set first-layer coverage (output.nuclei_coverage) the counts are read at, fraction of the first layer */
  early_coverage_target: number;
  /** the first-layer coverage at the row they were read at (at or just above the target); null when not read */
  early_host_coverage: number | null;
  /** the run's net charge at that row, mAh/cm2; null when not read */
  early_charge_mAh_per_cm2: number | null;
  /** islands (all of them, as island_count) at that row; null when not read */
  early_island_count: number | null;
  /** islands touching the host or a SAC per um2 of footprint at that row (as nucleus_density_per_um2); null when not read */
  early_nucleus_density_per_um2: number | null;
  /**
   * islands touching the host or a SAC of at least STABLE_ISLAND_VOXELS (5) voxels per um2 of footprint at that row (as
   * stable_nucleus_density_per_um2; nuclei65); null when not read
   */
  early_stable_nucleus_density_per_um2: number | null;
  /** islands touching the host or a SAC of exactly one voxel (lone atoms) at that row (as single_voxel_nuclei; nuclei65); null when not read */
  early_single_voxel_nuclei: number | null;
  /** SAC share of first-layer islands at that row; null when not read or without SACs */
  early_sac_nucleation_share: number | null;
  /** its chance level at that row; null when not read or without SACs */
  early_sac_nucleation_share_chance: number | null;
  /** why the counts are null (the coverage was never reached, or the box has no host sites under the first layer); null when read */
  early_reason: string | null;
}

/** What the simulation keeps while the run goes: the reading (once taken) and the largest coverage seen before it. */
export interface EarlyNucleiState {
  target: number;
  /** the counts, once read */
  read: {
    coverage: number; charge_mAh_per_cm2: number; island_count: number; nucleus_density_per_um2: number;
    stable_nucleus_density_per_um2: number; single_voxel_nuclei: number; share: number; chance: number;
  } | null;
  /** the largest coverage seen at a row (the reason's figure when never read) */
  maxCoverage: number;
  /** whether any row saw host sites under the first layer */
  sawSites: boolean;
}

export function earlyNucleiState(target: number): EarlyNucleiState {
  return { target, read: null, maxCoverage: 0, sawSites: false };
}

/**
 * One row's look: when the coverage is at or above the target, the counts are read (morphology and SAC share of the
 * lattice as it stands) into `st.read`. Nothing once read.
 */
export function lookAtRow(st: EarlyNucleiState, grid: Grid, hostTopZ: number, foil: boolean, charge_mAh_per_cm2: number): void {
  if (st.read !== null) return;
  const nxy = grid.nx * grid.ny;
  const { covered, sites } = firstLayerCoverage(grid.cells, nxy, grid.nz, hostTopZ);
  if (sites === 0) return;
  st.sawSites = true;
  const cov = covered / sites;
  if (cov > st.maxCoverage) st.maxCoverage = cov;
  if (cov < st.target) return;
  const m = morphology(grid, { hostTopZ, foil });
  const s = sacNucleationOf(grid.cells, grid.nx, grid.ny, hostTopZ);
  st.read = {
    coverage: cov, charge_mAh_per_cm2, island_count: m.island_count, nucleus_density_per_um2: m.nucleus_density_per_um2,
    stable_nucleus_density_per_um2: m.stable_nucleus_density_per_um2, single_voxel_nuclei: m.single_voxel_nuclei, share: s.share, chance: s.chance,
  };
}

/** metrics.json's keys from the state at the end of the run (`hasSacs` false: share and chance null, as at the end). */
export function earlyNucleiMetrics(st: EarlyNucleiState, hasSacs: boolean): EarlyNuclei {
  const r = st.read;
  if (r === null) {
    return {
      early_coverage_target: st.target, early_host_coverage: null, early_charge_mAh_per_cm2: null, early_island_count: null,
      early_nucleus_density_per_um2: null, early_stable_nucleus_density_per_um2: null, early_single_voxel_nuclei: null, early_sac_nucleation_share: null, early_sac_nucleation_share_chance: null,
      early_reason: st.sawSites
        ? `the first-layer coverage never reached ${st.target} (at most ${Number(st.maxCoverage.toPrecision(4))} at a trace row): the counts at the end are the only ones`
        : 'no host sites under the first metal layer (a foil of the metal, or no host): no first-layer coverage to read at',
    };
  }
  return {
    early_coverage_target: st.target, early_host_coverage: r.coverage, early_charge_mAh_per_cm2: r.charge_mAh_per_cm2,
    early_island_count: r.island_count, early_nucleus_density_per_um2: r.nucleus_density_per_um2,
    early_stable_nucleus_density_per_um2: r.stable_nucleus_density_per_um2, early_single_voxel_nuclei: r.single_voxel_nuclei,
    early_sac_nucleation_share: hasSacs ? r.share : null, early_sac_nucleation_share_chance: hasSacs ? r.chance : null,
    early_reason: null,
  };
}
