/**
 * What every run reports (MODEL.md section 5): metrics.json, eta.csv, structures (.vti, .extxyz)
 * and the resolved input with its units.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { isMap, simulationArg, textArg } from '../args.js';
import { makeWritableDir } from '../io/dirs.js';
import { join } from 'node:path';
import type { Simulation } from './simulation.js';
import type { ResolvedRun } from '../input/types.js';
import { pulseStats } from './pulse.js';
import { morphology, STABLE_ISLAND_VOXELS, type Morphology } from '../metrics/morphology.js';
import { sacNucleationOf } from '../metrics/sac-share.js';
import { earlyNucleiMetrics, type EarlyNuclei } from '../metrics/early-nuclei.js';
import { firstPlatingSpan, nucleationOfPlatingRows, isNoDip } from '../analysis/nucleation.js';
import { METAL, DEAD } from '../lattice/voxel.js';
import { isSac, hostElement, speciesOf, typeIndex, EMPTY, SEI, SEPARATOR, SEI_INORGANIC, VOID, HOST_BASE, SAC_BASE, type Species } from '../lattice/species.js';
import { defaultSpecies } from '../io/species.js';
import { writeCsv, writeJson, writeVti, readVtiFields, writeExtxyz, speciesColorPreset, SPECIES_PRESET_FILE, type StructureMeta } from '../io/index.js';
import { TRACE_KEYS, type StepResult } from './simulation.js';
import { cycleSummary, directionColumn, recordedStepsArg, type CycleSummary } from './cycles.js';
import { transportMetrics, type TransportMetrics } from '../fields/report.js';
import { walkerMetrics } from './walker-step.js';
import { sandSteps, stepOfTime, type SandStep } from './sand-steps.js';
import { firstPlatingStep, platingOf, stepCapacity_mAh_per_cm2, stepCurrent_mA_per_cm2 } from '../input/protocol.js';
import { C_PER_M2_PER_MAH_PER_CM2, C_PER_MAH, CONST, CM2_PER_M2 } from '../units.js';
import { getSeiSet } from '../params/sei.js';
import { runInputWarnings } from '../input/limits.js';
import { sampleWindowOf } from './sample-window.js';
import { runIdentity } from './run-identity.js';

// startcost2: moved to their own modules (the run service and `simulate`'s table use them on the CLI's main thread,
// which loads no engine: this module imports the simulation's)
export { runIdentity } from './run-identity.js';
export { sampleWindowOf } from './sample-window.js';

/**
 * metrics.json. The early_* keys (metrics/early-nuclei.ts EarlyNuclei, nucleicov): the island count, nucleus density,
 * SAC share and chance read at the first trace row whose first-layer coverage reaches output.nuclei_coverage (default
 * 0.1), before the islands coalesce, with the coverage and charge there; null with early_reason when never reached.
 * Absent in older runs and in a sector run's metrics (cli/sector-simulate.ts).
 */
export interface Metrics extends Partial<EarlyNuclei> {
  metal: string;
  host: string;
  sacs: string[];
  seed: number;
  mode: 'atomistic' | 'mesoscale';
  voxel_nm: number;
  temperature_K: number;
  /** what the galvanostat averaged (`electrochem.estimator`): `rates` (the default), `events` or `scaled-rates`; it moves the overpotentials */
  estimator: 'rates' | 'events' | 'scaled-rates';
  charge_C_per_cm2: number;
  charge_mAh_per_cm2: number;
  /** integral of I dt over the galvanostatic steps, C/cm2 (equals deposited_voxels x q / area) */
  applied_charge_C_per_cm2: number;
  deposited_voxels: number;
  charge_per_voxel_C: number;
  /** kMC events executed (reductions, oxidations, hops, ...): the count every events/s figure divides; it leaves out first_passage_exits */
  events: number;
  /**
   * exits of lone adatoms from first-passage domains (apps/lone-adatoms.ts): each moves an atom
   * across its domain in one draw instead of hop by hop, and is not counted in `events`
   * (0 with `engine.adatoms: 'exact'` or where the domains are off)
   */
  first_passage_exits: number;
  /** the hops those exits stand for: the expected hop count, sum over exits of 4 k T (k the hop rate per direction, T the exit time) */
  first_passage_hops: number;
  wall_s: number;
  events_per_s: number;
  peak_overpotential_mV: number;
  plateau_overpotential_mV: number;
  nucleation_overpotential_mV: number;
  /**
   * true when nucleation_overpotential_mV <= 0: the first plating step showed no dip (|eta| still
   * rising past its half: plate more), not a nucleation barrier; null without a reading. The
   * screen marks the same readings `no_dip` (src/screen/no-dip.ts)
   */
  nucleation_no_dip: boolean | null;
  mean_height_nm: number;
  rms_roughness_nm: number;
  max_height_nm: number;
  porosity: number;
  /** metal-electrolyte voxel faces per metal voxel (dimensionless, depends on the voxel size) */
  specific_surface_area: number;
  /** the same as a materials scientist quotes it (BET): face area per mass of metal, the metal at its bulk density */
  specific_surface_area_m2_per_g: number;
  /** metal-electrolyte voxel faces / the footprint's nx ny (1 for a flat film; metrics/morphology.ts) */
  surface_area_ratio: number;
  /** metal faces onto sealed liquid (VOID, `model: { sealed_pores: void }`) / the footprint's nx ny: not in surface_area_ratio; 0 without VOID */
  void_surface_area_ratio: number;
  /** VOID voxels (sealed liquid, `model: { sealed_pores: void }`) at the end, beside connected_voxels and dead_voxels; 0 without VOID (branch voidview) */
  void_voxels: number;
  /** islands: connected pieces of metal and dead metal (six-face neighbours, periodic in x and y), touching the host or not */
  island_count: number;
  /** the islands that touch the host or a SAC, per um2 of footprint */
  nucleus_density_per_um2: number;
  /**
   * the smallest island counted as a stable nucleus, voxels (metrics/morphology.ts STABLE_ISLAND_VOXELS, 5: tempwhy65b's
   * count; the box's critical nucleus is 2-3 voxels); absent in a run written before nuclei65
   */
  stable_island_min_voxels?: number;
  /** the islands that touch the host or a SAC and hold at least stable_island_min_voxels voxels, per um2 of footprint (nuclei65) */
  stable_nucleus_density_per_um2?: number;
  /** the islands that touch the host or a SAC and hold one voxel: lone atoms held by the host or a SAC, a count (nuclei65) */
  single_voxel_nuclei?: number;
  /**
   * fraction of first-layer islands whose footprint covers a SAC site; null for a host without SACs (not applicable:
   * until mends62 0, which read as "no nucleus on a SAC"; a stored row or a folder written before keeps its 0)
   */
  sac_nucleation_share: number | null;
  /**
   * its chance level: the share the same islands would have with the same number of SAC sites
   * placed uniformly at random over the top host sites (the SACs doing nothing); share minus
   * chance is the SAC effect (null without SACs, as the share)
   */
  sac_nucleation_share_chance: number | null;
  host_coverage: number;
  /**
   * dead metal voxels / voxels plated in all plating half cycles (0 before any stripping without `sei:`; with it the
   * film cuts necks while plating too: 0.061 after one plate past Sand's time, review79)
   */
  dead_metal_fraction: number;
  /** metal bound in SEI / metal plated (apps/events/sei.ts; 0 without `sei:`) */
  sei_charge_fraction: number;
  /** active SAC sites at the end / at the start */
  active_sac_fraction: number;
  /** the SEI module's counters at the end (with `sei:`) */
  sei?: Record<string, number>;
  /**
   * with `sei:`: the metal bound in SEI over the run as a film of its set's ion density (params/sei.ts lithiumDensity)
   * spread evenly over the box's footprint, nm (mends73): bound voxels x voxel volume / (molar volume x density x footprint).
   * A footprint average, not a local thickness: the deposit's surface is larger than the footprint.
   */
  sei_equivalent_thickness_nm?: number;
  /**
   * Damkoehler number of the first galvanostatic plating step: deposition rate per surface site
   * (j a^2 / q) over the terrace hop rate of a metal adatom (nu_hop exp(-E_d/kT)); null without one
   */
  damkohler_number: number | null;
  /** dead metal voxels / all metal voxels in the lattice now */
  dead_fraction_of_deposit: number;
  dead_voxels: number;
  connected_voxels: number;
  /** mean Coulombic efficiency of the plate/strip cycles (cycler-analysis code on the trace), null without one;
   *  for the Aurbach/Adams protocol its average CE (= aurbach_ce) */
  average_ce: number | null;
  cycles_completed: number;
  /** Aurbach/Adams average CE (n Q_C + Q_S)/(n Q_C + Q_T), for that protocol only */
  aurbach_ce?: number;
  /** the same from voxel counts (cross-check) */
  aurbach_ce_voxels?: number;
  reductions: number;
  oxidations: number;
  hops: number;
  /** hops rejected because they would have cut metal off from the collector */
  rejected_hops: number;
  steps_ended: string[];
  /** the run's input warnings (src/input/limits.ts runInputWarnings), as simulate prints them before the run; absent where none (mends119) */
  warnings?: string[];
  /**
   * each step's current density (galvanostatic: its magnitude, mA/cm2; null for a rest or a potentiostatic hold) and
   * areal capacity (mAh/cm2 when the step gives its charge, else null), one per step as steps_ended (mends48)
   */
  steps_current_mA_per_cm2: (number | null)[];
  steps_capacity_mAh_per_cm2: (number | null)[];
  /**
   * the first galvanostatic plating step's current density (mA/cm2) and the capacity it gives (mAh/cm2; null for a
   * step by time or to a cut-off), null without such a step: the run's current as one number, to sort and plot by
   * (results, compare.csv, the runs table; mends49)
   */
  plating_current_mA_per_cm2: number | null;
  plating_capacity_mAh_per_cm2: number | null;
  /**
   * what that step plated (its net charge, mAh/cm2; null without such a step or when the run ended before it): the
   * capacity above is the protocol's, and a step cut short (transport_limited, box_full, a cut-off) plated less
   * (mends82: compare.csv had only the protocol's 0.1 for a plate that ended after 0.0357). Absent in older runs.
   */
  plating_plated_mAh_per_cm2?: number | null;
  /**
   * the sampling window eta.csv's rows (and so the peak, plateau and nucleation readings) average over, as charge: the
   * run's output.sample rounded to whole voxels of the box, mAh/cm2 (mends104; review82 finding 2: the default, 1/200 of
   * the first step's charge, moved the peak by 21.5 mV between two runs of one trajectory and nothing said it).
   * Absent in older runs.
   */
  sample_window_mAh_per_cm2?: number;
  /** that window in seconds at the first galvanostatic plating step's current (null without one). Absent in older runs. */
  sample_window_s?: number | null;
  time_s: number;
  kmc_time_s: number;
  /** with an electrolyte: time the deposit reached the separator plane, s (null: no short circuit) */
  short_circuit_s?: number | null;
  /** with an electrolyte: the field's figures (fields/report.ts), with Sand's time per plating step and the step the surface ran out in (simulation/sand-steps.ts, review61) */
  transport?: TransportMetrics & SandStepMetrics;
  /** with cell.transport: walkers: the walkers' random-walk steps (simulation/walker-step.ts) */
  walkers?: { random_walk_steps: number; steps_per_voxel: number; drift?: { tau_s: number; far_field_V_per_m: number; bias_per_hop: number; max_bias: number; potential_solves: number; in_flight_at_end: number } };
}

/**
 * What metrics.json adds to the field's figures so that it says what `simulate` prints under its table (review61: it
 * read `sand_time_analytic_s: null`, the first plating step's, below J_lim, beside a printed `Sand's time 0.0612 s for
 * step 2`, and only the run's clock for the onset the line placed `0.0754 s into` step 2)
 */
export interface SandStepMetrics {
  /** Sand's time of each galvanostatic plating step above the limiting current, one per current, in execution order (the printed lines'); [] when none is above it */
  sand_steps: SandStep[];
  /** the step (1-based, execution order) in which the surface reached Sand's onset (`sand_time_s`), and the time into it, s; null without an onset */
  sand_onset_step: number | null;
  sand_onset_into_step_s: number | null;
  /**
   * what the end-of-run readings (surface_concentration_M, concentration_overpotential_mV, counter_concentration_M,
   * electrolyte_resistance_Ohm_cm2) are of: `short circuit` where the deposit reached the separator (the run stopped there;
   * the gap closed, the resistance 0), else `end of run`. The limiting current and Sand's closed-form times are the cell's
   * as built (its gap before any deposit) in both. mends78 (review63: a short-circuited run's 0 Ohm cm2 and 10,020 mA/cm2
   * read as readings of the cell). `out of salt` (review68) where the run ended with no salt at any reduction site
   * (surface_concentration_M 0: a plate above the limiting current past Sand's time): the concentration overpotential and
   * the resistance are then the model's floors for an empty cell (c_s 1e-12 c0, the conductivity's c 1e-6 c0), not
   * measures of the cell. `space-charge zone` (mends100, review79) where a space-charge zone stands at the end
   * (`cell.space_charge: chazalviel`): surface_concentration_M is then c0, the neutral liquid ahead of the anions' front
   * (Chazalviel's steady state), not the salt at the metal, the concentration overpotential the zone's drop and the
   * resistance the liquid's from the front to the plane (eta.csv's in_space_charge_zone marks such rows)
   */
  readings_at: 'short circuit' | 'space-charge zone' | 'out of salt' | 'end of run';
}

function withSandSteps(t: TransportMetrics, sim: Simulation): TransportMetrics & SandStepMetrics {
  const e = sim.transport!.spec.electrolyte;
  const steps = sandSteps(sim.run.protocol, e, t.limiting_current_mA_per_cm2 * 10).map(({ numbered: _n, ...s }) => s);
  const at = t.sand_time_s !== null ? stepOfTime(t.sand_time_s, sim.stepResults) : undefined;
  return { ...t, sand_steps: steps, sand_onset_step: at?.step ?? null, sand_onset_into_step_s: at?.into_s ?? null, readings_at: t.short_circuit_s !== null ? 'short circuit'
      : typeof t.space_charge?.zone_drop_mV === 'number' ? 'space-charge zone' : t.surface_concentration_M <= 0 ? 'out of salt' : 'end of run' };
}

/**
 * metrics.json's stable-island keys (nuclei65) from a morphology: the islands touching the host or a SAC of
 * STABLE_ISLAND_VOXELS voxels or more per um2, and the lone atoms among those touching it (the serial report's and a
 * sector run's, cli/sector-simulate.ts).
 */
export function stableNuclei(m: Pick<Morphology, 'stable_nucleus_density_per_um2' | 'single_voxel_nuclei'>): Pick<Metrics, 'stable_island_min_voxels' | 'stable_nucleus_density_per_um2' | 'single_voxel_nuclei'> {
  return { stable_island_min_voxels: STABLE_ISLAND_VOXELS, stable_nucleus_density_per_um2: m.stable_nucleus_density_per_um2, single_voxel_nuclei: m.single_voxel_nuclei };
}

export function computeMetrics(sim: Simulation, cycles: CycleSummary = cycleSummary(sim)): Metrics {
  simulationArg('sim', sim);
  recordedStepsArg('sim', sim);
  const run = sim.run;
  const morph = morphology(sim.grid, { hostTopZ: sim.d.hostTopZ, foil: sim.d.hostCode === METAL });
  const sacShare = sacShareMetrics(run, sacNucleation(sim));
  // nucleation overpotential from the first plating (the one that starts on the bare host), on the rows that pass its
  // plating current (mends116, review86 F1): a pulse train's on-times, not its off-time (open-circuit) rows; a Plate's
  // rows, not the windows of a Hold after it. `analyze` of eta.csv reads the same rows (analysis/nucleation.ts
  // firstPlatingSpan, platingCurrentRows); 4 rows at least, as before
  const span = firstPlatingSpan(sim.stepResults, sim.trace.time_s.length);
  let peak = NaN, plateau = NaN, nuc = NaN;
  if (span && sim.run.transport?.mode !== 'walkers') { // walkers: no overpotential
    const r = nucleationOfPlatingRows(sim.trace.time_s, sim.trace.overpotential_mV, sim.trace.current_mA_per_cm2, span[0], span[1], {}, 1e3);
    if (r && r.rows.length >= 4) { peak = r.peak_V * 1e3; plateau = r.plateau_V * 1e3; nuc = r.nucleation_V * 1e3; }
  }
  const area_cm2 = sim.area_cm2;
  const deposited = sim.netVoxels;
  const charge = (deposited * sim.d.q_C) / area_cm2;
  let applied = 0;
  for (const s of sim.stepResults) {
    const step = sim.steps[s.index]!.step;
    // a pulse step's current flows in its on times only (simulation/pulse.ts)
    const on = step.pulse ? pulseStats(sim, s.index) : undefined;
    if (on) applied += (on.onNet * sim.d.q_C) / area_cm2;
    else if (step.control === 'galvanostatic') applied += ((s.kind === 'strip' ? -1 : 1) * step.current_A_per_m2 * s.duration_s) / CM2_PER_M2;
  }
  const c = sim.app.counters;
  return {
    ...runIdentity(run),
    charge_C_per_cm2: charge,
    charge_mAh_per_cm2: charge / C_PER_MAH,
    applied_charge_C_per_cm2: applied,
    deposited_voxels: deposited,
    charge_per_voxel_C: sim.d.q_C,
    events: sim.events,
    first_passage_exits: sim.app.lone?.stats.exits ?? 0,
    first_passage_hops: sim.app.lone?.stats.hopsReplaced ?? 0,
    wall_s: sim.wall_s,
    events_per_s: sim.wall_s > 0 ? sim.events / sim.wall_s : 0,
    peak_overpotential_mV: peak,
    plateau_overpotential_mV: plateau,
    nucleation_overpotential_mV: nuc,
    nucleation_no_dip: Number.isFinite(nuc) ? isNoDip(nuc) : null,
    mean_height_nm: morph.mean_height_nm,
    rms_roughness_nm: morph.rms_roughness_nm,
    max_height_nm: morph.max_height_nm,
    porosity: morph.porosity,
    specific_surface_area: morph.specific_surface_area,
    specific_surface_area_m2_per_g: specificSurfaceArea_m2_per_g(sim, morph.specific_surface_area),
    surface_area_ratio: morph.surface_area_ratio,
    void_surface_area_ratio: morph.void_surface_area_ratio,
    void_voxels: morph.void_voxels,
    island_count: morph.island_count,
    nucleus_density_per_um2: morph.nucleus_density_per_um2,
    ...stableNuclei(morph),
    sac_nucleation_share: sacShare.share,
    sac_nucleation_share_chance: sacShare.chance,
    host_coverage: morph.host_coverage,
    ...earlyNucleiMetrics(sim.earlyNuclei, run.sacs.length > 0),
    dead_metal_fraction: cycles.dead_metal_fraction,
    sei_charge_fraction: cycles.sei_charge_fraction,
    active_sac_fraction: cycles.active_sac_fraction,
    ...(sim.sei ? seiReport(sim) : {}),
    damkohler_number: damkohler(sim),
    dead_fraction_of_deposit: morph.dead_fraction,
    dead_voxels: sim.app.deadCount,
    connected_voxels: sim.connectedVoxels,
    average_ce: Number.isFinite(cycles.average_ce) ? cycles.average_ce : null,
    cycles_completed: cycles.cycles_completed,
    ...(cycles.aurbach ? { aurbach_ce: cycles.aurbach.ce_avg, aurbach_ce_voxels: cycles.aurbach.ce_voxels } : {}),
    reductions: c.reductions,
    oxidations: c.oxidations,
    hops: c.hops,
    rejected_hops: c.rejectedHops,
    steps_ended: sim.stepResults.map((s) => s.ended),
    steps_current_mA_per_cm2: sim.stepResults.map((s) => stepCurrent_mA_per_cm2(sim.steps[s.index]!.step)),
    steps_capacity_mAh_per_cm2: sim.stepResults.map((s) => stepCapacity_mAh_per_cm2(sim.steps[s.index]!.step)),
    ...platingOf(sim.run.protocol),
    plating_plated_mAh_per_cm2: platedOfFirstPlating(sim),
    ...sampleWindowOf(sim.run, sim.d.q_C),
    time_s: sim.time,
    kmc_time_s: sim.kmcTime,
    ...walkerMetrics(sim),
    ...(sim.transport ? {
      short_circuit_s: sim.transport.shortCircuit_s,
      transport: withSandSteps(transportMetrics(sim.transport, sim.wall_s, firstPlatingStep(sim.run.protocol)?.current_A_per_m2 ?? null,
        (sim.trace.current_mA_per_cm2[sim.trace.current_mA_per_cm2.length - 1] ?? 0) * 10), sim), // the last row's current, A/m2
    } : {}),
    ...inputWarningsOf(sim.run),
  };
}

/**
 * metrics.json's `warnings` (mends119; mends117 left it): the lines `simulate` prints on stderr before the run about its
 * input (src/input/limits.ts runInputWarnings: a Hold at 100 mV or more, an electrolyte with another's SEI set, a
 * protocol that does not fit the box, a Pulse the box does not resolve, ...), the workbench's `input_warnings`, as a
 * list of strings under the key a `--sectors` run's metrics.json has; no key for a run without one (a run's metrics
 * without warnings unchanged). Until mends119 only a sector run's metrics.json had the key.
 */
function inputWarningsOf(run: ResolvedRun): { warnings?: string[] } {
  const w = runInputWarnings(run);
  return w.length ? { warnings: w } : {};
}

/** metrics.json's `sei` block and the SEI as nm of its set's film over the footprint (sei_equivalent_thickness_nm). */
function seiReport(sim: Simulation): Pick<Metrics, 'sei' | 'sei_equivalent_thickness_nm'> {
  const sei = sim.sei!.report(sim.app);
  const { size, voxel_m } = sim.run.lattice;
  const density_mol_per_m3 = getSeiSet(sim.run.sei!.set).lithiumDensity.value * 1e6;
  const bound_mol = ((sei.sei_bound_voxels ?? 0) * voxel_m ** 3) / sim.run.metal.atomicVolume_m3 / CONST.NA;
  return { sei, sei_equivalent_thickness_nm: (bound_mol / (size[0] * size[1] * voxel_m ** 2) / density_mol_per_m3) * 1e9 };
}

/**
 * Da = (j a^2 / q) / (nu_hop exp(-E_d(metal)/kT)) for the first galvanostatic plating step (a Simulation, or a sector run's
 * run and derived numbers): the deposition rate per site over one move's rate of an adatom on the metal's own terrace
 * (one direction of four; audit70c: this comment sat above seiReport)
 */
export function damkohler(sim: Pick<Simulation, 'run' | 'd'>): number | null {
  const fs = firstPlatingStep(sim.run.protocol); // the step metrics.json's plating_current_mA_per_cm2 is of
  if (!fs) return null;
  const a = sim.run.lattice.voxel_m;
  const perSite = (fs.current_A_per_m2 * a * a) / sim.d.q_C;
  const hop = sim.d.nuHop_per_s * Math.exp(-sim.run.metal.terraceBarrier_eV / sim.d.kT_eV);
  return perSite / hop;
}

/**
 * Share of nuclei that sit on a SAC, and its chance level, in one pass: the first metal layer
 * above the host is split into footprints (4-connected, periodic); a footprint that covers at
 * least one SAC site counts as nucleated on a SAC (`share`; meaningful while islands are
 * separate, before coalescence). `chance` is the share the same islands would have if the same number S of SAC
 * sites lay uniformly at random over the N = nx ny top host sites (the sites SACs are placed on,
 * simulation/setup.ts buildLattice), the SACs doing nothing: the mean over islands of
 * 1 - C(N - |F|, S) / C(N, S), |F| the island's footprint (sacChanceShare). A share above it is
 * a SAC effect; at it, geometry (large islands cover a SAC by chance).
 */
export function sacNucleation(sim: Simulation): { share: number; chance: number; islands: number } {
  const [nx, ny] = sim.run.lattice.size;
  return sacNucleationOf(sim.app.code, nx, ny, sim.d.hostTopZ);
}

/**
 * The SAC share and its chance as metrics.json gives them: null for a run without SACs (a bare host: not applicable, as
 * compare's table reads `-`, compare.csv an empty cell and GET /api/compare null) and for a run with no first-layer
 * island at the end (`islands` 0: nothing plated, or a strip took every island on the host; a share over no island,
 * review65: it read 0 and chance 0), else the computed pair; the serial engine's computeMetrics and a sector run's
 * metrics (cli/sector-simulate.ts) both go through it.
 */
export function sacShareMetrics(run: Pick<ResolvedRun, 'sacs'>, r: { share: number; chance: number; islands?: number }): { share: number | null; chance: number | null } {
  return run.sacs.length > 0 && r.islands !== 0 ? { share: r.share, chance: r.chance } : { share: null, chance: null };
}

// sacNucleationOf and sacChanceShare live in metrics/sac-share.ts (nucleicov: the run reads them at a coverage too)
export { sacNucleationOf, sacChanceShare } from '../metrics/sac-share.js';

/**
 * What the structure writers' metadata is read from: a Simulation, or a sector run's result dressed as one
 * (cli/sector-simulate.ts), so that both write their structure files through the same writers.
 */
export type StructureSource = Pick<Simulation, 'run' | 'time' | 'netVoxels' | 'area_cm2' | 'grid'> & { d: Pick<Simulation['d'], 'q_C'> };

export function structureMeta(sim: StructureSource, fields: Record<string, string | number | boolean> = {}): StructureMeta {
  const run = sim.run;
  return {
    metal: run.metal.name,
    mode: run.lattice.mode,
    // a user host set's element (review65), from the set the run resolved (provenance: its HostSet)
    hostSpecies: [hostElement(run.host.name, run.provenance?.host.element)],
    sacSpecies: run.sacs.map((s) => s.site.element),
    // written as doubles even when whole: a full strip's charge 0 was Int64 beside the plate's Float64 (mends103)
    quantities: ['voxel_nm', 'time_s', 'charge_C_per_cm2', 'separator_plane_nm'],
    fields: {
      voxel_nm: Number((run.lattice.voxel_m * 1e9).toPrecision(12)),
      seed: run.seed,
      time_s: sim.time,
      charge_C_per_cm2: (sim.netVoxels * sim.d.q_C) / sim.area_cm2,
      host: run.host.name,
      // which SAC each code 32 + i is ("32 Zn-N4, 33 Fe-N4"): the legend says "32+i SAC type i", and two SACs of one
      // element (sp2c-COF-Co and Co-N/O) were both Co atoms, nothing in the file saying which was which (review39)
      ...(run.sacs.length ? { sac_codes: run.sacs.map((s, i) => `${SAC_BASE + i} ${s.site.name}`).join(', ') } : {}),
      // the separator plane (the counter electrode's side; a deposit reaching it is a short circuit), nm above the host
      // surface as `cell.separator_distance` gives it: no voxel holds it (mends100; review60 and review79 found it in
      // neither structure file). Its z in the files' frame is the host's top (host layers x voxel_nm) plus this.
      ...(run.transport?.boundary === 'separator' ? { separator_plane_nm: Number((run.transport.distance_m * 1e9).toPrecision(12)) } : {}),
      ...fields,
    },
  };
}

/**
 * Writes the run's categorical ParaView colour preset for the VTI's `voxel` array beside its final.vti
 * (species-colors.json, io/vti.ts speciesColorPreset; mends100) and returns its path.
 */
export function writeSpeciesPreset(outDir: string, run: Pick<ResolvedRun, 'host' | 'sacs'>): string {
  const f = join(outDir, SPECIES_PRESET_FILE);
  writeJson(f, speciesColorPreset({ hosts: [run.host.name], sacs: run.sacs.map((s) => s.site.name) }));
  return f;
}

/** One voxel code of a run's deposit grid (`SimulateResult.grid.codes`): what it stands for in this run. */
export interface VoxelCode {
  /** the voxel code (0-255), as in final.vti's `voxel` array and final.extxyz's `voxel_code` column */
  code: number;
  /** 'electrolyte', 'metal' (connected to the collector), 'dead' (disconnected metal), 'sei', 'separator', 'host' or 'sac' */
  role: Species['role'];
  /** the species registry's label (final.vti's legend): EMPTY, METAL, DEAD, SEI, SEPARATOR, SEI_INORGANIC, VOID, host, SAC type */
  label: string;
  /** the element final.extxyz writes for it ('' for the electrolyte, 'X' for ASE's dummy atom) */
  element: string;
  /** the host's or the SAC site's name (host and SAC codes only) */
  name?: string;
}

/**
 * A run's voxel grid at its end, as an array (`SimulateResult.grid`, docs/api.md (a)): what final.vti holds, without
 * writing or reading a file.
 */
export interface VoxelGrid {
  /** voxels along x, y and z: [nx, ny, nz]; x and y periodic, z normal to the collector (z = 0 the bottom layer) */
  dims: [number, number, number];
  /** voxel edge, nm */
  voxel_nm: number;
  /** one code per voxel, x fastest: voxel (x, y, z) is codes[x + nx * (y + ny * z)]; the run's own array (not a copy) */
  codes: Uint8Array;
  /** what each code this run can hold stands for: 0-6 (6 VOID, sealed electrolyte, under `model: { sealed_pores: void }`), the host's 8 and each SAC's 32 + i (in the run's `sacs` order) */
  table: VoxelCode[];
}

/** The run's grid as a VoxelGrid: the lattice's own code array, read once at the end (nothing copied, nothing added to the run's loop). */
export function voxelGrid(sim: Pick<Simulation, 'run' | 'grid'>): VoxelGrid {
  const g = sim.grid;
  const meta = structureMeta({ run: sim.run, time: 0, netVoxels: 0, area_cm2: 1, grid: g, d: { q_C: 0 } });
  const entry = (code: number, name?: string): VoxelCode => {
    const sp = speciesOf(code);
    return { code, role: sp.role, label: sp.count > 1 ? `${sp.label} ${typeIndex(code)}` : sp.label, element: code === EMPTY ? '' : defaultSpecies(meta, code), ...(name !== undefined ? { name } : {}) };
  };
  return {
    dims: [g.nx, g.ny, g.nz],
    voxel_nm: Number((g.voxel_m * 1e9).toPrecision(12)),
    codes: g.cells,
    table: [
      // VOID (sealed electrolyte, `model: { sealed_pores: void }`) listed since branch voidview: a void run's code 6 had no entry
      ...[EMPTY, METAL, DEAD, SEI, SEPARATOR, SEI_INORGANIC, VOID].map((c) => entry(c)),
      entry(HOST_BASE, sim.run.host.name),
      ...sim.run.sacs.map((s, i) => entry(SAC_BASE + i, s.site.name)),
    ],
  };
}

/**
 * The resolved input as written to resolved.json: numbers with their units spelled out, and the engine switches a library
 * caller gave (config.engine, as `engine_config`: `adatoms: 'exact'` turns first-passage kMC off, which cite reads; mends60).
 */
export function resolvedForOutput(sim: Pick<Simulation, 'run' | 'd'> & { engineConfig?: Simulation['engineConfig'] }): unknown {
  const { source: _s, ...rest } = sim.run;
  const engine = sim.engineConfig && Object.keys(sim.engineConfig).length > 0 ? { engine_config: sim.engineConfig } : {};
  return {
    units: {
      temperature_K: 'K', voxel_m: 'm', 'energies (*_eV)': 'eV', i0_A_per_m2: 'A/m2 (1 A/m2 = 0.1 mA/cm2)',
      current_A_per_m2: 'A/m2', charge_C_per_m2: `C/m2 (1 mAh/cm2 = ${C_PER_M2_PER_MAH_PER_CM2} C/m2)`,
      duration_s: 's', cutoff_V: 'V', atomicVolume_m3: 'm3', nu_per_s: '1/s',
    },
    ...rest,
    ...engine,
    derived: { ...sim.d, note: 'q_C: charge per voxel; k0_per_s: exchange rate per site i0 a^2/q; nuHop_per_s: hop attempt frequency after coarse-graining (a0/a)^4' },
  };
}

export function writeOutputs(sim: Simulation, outDir: string, metrics: Metrics, cycles: CycleSummary = cycleSummary(sim)): string[] {
  simulationArg('sim', sim);
  recordedStepsArg('sim', sim);
  textArg('outDir', outDir, 'a folder path (text)');
  if (!isMap(metrics)) throw new InputError('metrics', metrics, 'the metrics of the run: computeMetrics(sim)');
  makeWritableDir(outDir, 'outDir'); // not a recursive mkdir: it never returns under /proc
  const files: string[] = [];
  const tr = sim.trace;
  const etaPath = join(outDir, 'eta.csv');
  // with an electrolyte, eta.csv gains the concentration part of the cell voltage and the surface concentration
  // mends100 (review79): with cell.space_charge: chazalviel also in_space_charge_zone (0/1), the rows a zone stood in
  const keys = sim.transport
    ? [...TRACE_KEYS, 'concentration_mV', 'surface_concentration_M', ...(sim.trace.in_space_charge_zone ? ['in_space_charge_zone'] as const : [])] as const
    : TRACE_KEYS;
  const cols: (number | string)[][] = keys.map((k) => tr[k] ?? []);
  // last column, `direction`: the half cycle each row belongs to, as cycles.csv reads it (cycles.ts analysisTrace: a
  // Hold's rows are its own kind whatever their window's current; a row of no current outside a Hold is rest), so that
  // `sacplate analyze RUN/eta.csv` splits the trace as cycles.csv does (before analyzecccv it split a Hold by sign)
  cols.push(directionColumn(sim.run.protocol, tr));
  // mends117 (review86 F7): the charge in mAh/cm2 too (the figures' axis, metrics.json's charge_mAh_per_cm2), appended
  // after `direction` so that readers by name and by position keep working
  cols.push(Array.from(tr.charge_C_per_cm2, (q) => q / C_PER_MAH));
  writeCsv(etaPath, [...keys as readonly string[], 'direction', 'charge_mAh_per_cm2'],
    (function* () {
      for (let i = 0; i < tr.time_s.length; i++) yield cols.map((c) => c[i]!);
    })());
  files.push(etaPath);
  const stepsPath = join(outDir, 'steps.csv');
  writeCsv(stepsPath, ['step', 'cycle', 'half_cycle', 'kind', 'protocol', 'charge_C_per_cm2', 'net_voxels', 'duration_s', 'kmc_duration_s', 'events', 'ended',
    'connected_voxels', 'dead_voxels', 'porosity', 'rms_roughness_nm', 'mean_height_nm', 'charge_mAh_per_cm2'],
    sim.stepResults.map((s) => [s.index, s.cycle, s.half_cycle, s.kind, s.text, s.charge_C_per_cm2, s.net_voxels, s.duration_s, s.kmc_duration_s, s.events, s.ended,
      s.connected_voxels, s.dead_voxels, s.porosity, s.rms_roughness_nm, s.mean_height_nm, s.charge_C_per_cm2 / C_PER_MAH]));
  files.push(stepsPath);
  if (cycles.cycles.length > 0) {
    const cyclesPath = join(outDir, 'cycles.csv');
    const keys = Object.keys(cycles.cycles[0]!) as (keyof CycleSummary['cycles'][number])[];
    writeCsv(cyclesPath, keys, cycles.cycles.map((c) => keys.map((k) => c[k] ?? '')));
    files.push(cyclesPath);
  }
  const meta = structureMeta(sim);
  const formats = structureFormats(sim);
  if (formats.includes('vti')) {
    const vti = join(outDir, 'final.vti');
    writeVti(vti, sim.grid, meta);
    files.push(vti, writeSpeciesPreset(outDir, sim.run));
  }
  if (formats.includes('extxyz')) {
    const xyz = join(outDir, 'final.extxyz');
    writeExtxyz(xyz, sim.grid, meta);
    files.push(xyz);
  }
  const series = writeSnapshotSeries(outDir);
  if (series) files.push(series);
  const resolved = join(outDir, 'resolved.json');
  writeJson(resolved, resolvedForOutput(sim));
  files.push(resolved);
  const mpath = join(outDir, 'metrics.json');
  writeJson(mpath, metrics);
  files.push(mpath);
  return files;
}

/** the structure files a run writes (output.structures; default both) */
const structureFormats = (sim: Pick<Simulation, 'run'>): readonly ('vti' | 'extxyz')[] => sim.run.output.structures ?? ['vti', 'extxyz'];

/**
 * Structure snapshot at the end of a plate/strip step (output.snapshots): snapshots/step-NNN-<kind>-cycle-C.vti
 * and .extxyz. Returns the files written.
 */
export function writeStepSnapshot(sim: StructureSource, outDir: string, r: Pick<StepResult, 'index' | 'kind' | 'cycle' | 'half_cycle' | 'dead_voxels' | 'connected_voxels'>): string[] {
  if (r.kind === 'rest') return [];
  // `structures: []` writes no structure file: no snapshots/ folder either (it was made, and left empty, until mends74)
  const formats = structureFormats(sim);
  if (formats.length === 0) return [];
  const dir = join(outDir, 'snapshots');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `step-${String(r.index).padStart(3, '0')}-${r.kind}-cycle-${r.cycle}`);
  const meta = structureMeta(sim, { step: r.index, cycle: r.cycle, half_cycle: r.half_cycle, kind: r.kind, dead_voxels: r.dead_voxels, connected_voxels: r.connected_voxels });
  const files: string[] = [];
  if (formats.includes('vti')) { writeVti(base + '.vti', sim.grid, meta); files.push(base + '.vti'); }
  if (formats.includes('extxyz')) { writeExtxyz(base + '.extxyz', sim.grid, meta); files.push(base + '.extxyz'); }
  return files;
}

/**
 * snapshots/snapshots.pvd: the .vti snapshots of the folder as one ParaView time series (a VTK
 * Collection, each DataSet's timestep its file's time_s, test time in s), ordered by step. Opening
 * it in ParaView gives one object with a time slider instead of one object per file. Written from
 * the folder's files, so a resumed run's earlier snapshots are in it. Returns the file, or
 * undefined when there is no .vti snapshot.
 */
export function writeSnapshotSeries(outDir: string): string | undefined {
  const dir = join(outDir, 'snapshots');
  if (!existsSync(dir)) return undefined;
  const stepOf = (f: string) => Number(/^step-(\d+)-/.exec(f)?.[1] ?? NaN);
  const vtis = readdirSync(dir).filter((f) => f.endsWith('.vti') && Number.isFinite(stepOf(f))).sort((a, b) => stepOf(a) - stepOf(b));
  if (vtis.length === 0) return undefined;
  const attrEsc = (x: string) => x.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const rows = vtis.map((f) => {
    const t = Number(readVtiFields(join(dir, f)).time_s);
    // a file without time_s (not ours) keeps its place by step number
    return `    <DataSet timestep="${Number.isFinite(t) ? t : stepOf(f)}" group="" part="0" file="${attrEsc(f)}"/>`;
  });
  const file = join(dir, 'snapshots.pvd');
  writeFileSync(file, `<?xml version="1.0"?>\n<VTKFile type="Collection" version="0.1" byte_order="LittleEndian">\n  <Collection>\n${rows.join('\n')}\n  </Collection>\n</VTKFile>\n`);
  return file;
}

/**
 * Faces per metal voxel as m2 per g of metal: a face is a^2, a metal voxel holds a^3 of bulk metal
 * (density M / (N_A x atomic volume)) in mesoscale mode and one atom in atomistic mode.
 */
export function specificSurfaceArea_m2_per_g(sim: Pick<Simulation, 'run'>, facesPerVoxel: number): number {
  const a = sim.run.lattice.voxel_m;
  const m = sim.run.metal;
  const NA = CONST.NA;
  const gramsPerVoxel = sim.run.lattice.mode === 'atomistic' ? m.molarMass_g_per_mol / NA : (a ** 3 * m.molarMass_g_per_mol) / (NA * m.atomicVolume_m3);
  return gramsPerVoxel > 0 ? (facesPerVoxel * a * a) / gramsPerVoxel : 0;
}

/** metrics.json's `plating_plated_mAh_per_cm2`: what the first galvanostatic plating step plated (null: no such step, or not run). */
function platedOfFirstPlating(sim: Simulation): number | null {
  const fp = firstPlatingStep(sim.run.protocol);
  const r = fp ? sim.stepResults.find((x) => sim.steps[x.index]?.step === fp) : undefined;
  return r ? r.charge_C_per_cm2 / C_PER_MAH + 0 : null;
}
