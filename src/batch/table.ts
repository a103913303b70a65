/**
 * The comparison table's data, for the library's compare() (its compare.csv and literature) and the
 * CLI's printed table (cli/compare-table.ts): the columns (a metrics.json key each, with its unit),
 * each case's cell (with several seeds per case the mean with its 95 % interval, Student t over
 * seeds, src/stats/interval.ts), the literature beside the simulation (src/evidence/beside.ts) and
 * the table as CSV.
 */
import type { Metrics } from '../simulation/report.js';
import { runHadNoSacs } from '../metrics/sac-list.js';
import type { ResolvedRun } from '../input/types.js';
import { boundedInterval } from '../stats/interval.js';
import { literatureFor, agreement, currentMismatch, currentUnknown, singleSeedNoVerdict, supportMismatch, type LiteratureMatch } from '../evidence/beside.js';
import { csvField } from '../io/csv.js';
import { dipsOf, noDipNote } from '../screen/no-dip.js';
import { isNoDip } from '../analysis/nucleation.js';
import { SAC_SHARE_MEANING, SAC_SHARE_CHANCE_MEANING } from './sac-share-text.js';
import { platingOf } from '../input/protocol.js';
import { MIGRATION_READINGS, type TransportMetrics } from '../fields/report.js';
import type { StepResult } from '../simulation/simulation.js';
import { earlyEndSteps } from '../simulation/early-ends.js';
import type { MeasuredSource } from './measured-rows.js';

export interface Column {
  key: keyof Metrics;
  head: string;
  unit: string;
  meaning: string;
  fmt: (v: number) => string;
  /** a morphology of the deposit: "stripped" when no metal is left */
  morphology?: boolean;
  /** the runs this column means something for ("-" in the others: no SEI, no SACs) */
  applies?: (m: Metrics) => boolean;
}

const fixed = (d: number) => (v: number) => v.toFixed(d);
const pct = (d: number) => (v: number) => (v * 100).toFixed(d);
const sci = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? v.toPrecision(2) : v.toExponential(1));

/** a run with SAC sites (metrics.json's `sacs`; a stored row of an older version without the list: not known, shown) */
export const hasSacs = (m: Metrics): boolean => runHadNoSacs(m) !== true;

export const COLUMNS: Column[] = [
  { key: 'nucleation_overpotential_mV', head: 'nucl. mV', unit: 'mV', meaning: 'nucleation overpotential: peak |eta| of the first plating minus its plateau', fmt: fixed(1) },
  { key: 'peak_overpotential_mV', head: 'peak mV', unit: 'mV', meaning: 'largest |eta| early in the first plating (the nucleation dip)', fmt: fixed(1) },
  { key: 'plateau_overpotential_mV', head: 'plateau mV', unit: 'mV', meaning: 'median |eta| over the second half of the first plating', fmt: fixed(1) },
  { key: 'damkohler_number', head: 'Da', unit: 'dimensionless', meaning: 'Damkoehler number: deposition rate per site / terrace hop rate (> 1: growth outruns surface diffusion)', fmt: sci },
  { key: 'nucleus_density_per_um2', head: 'nuclei/um2', unit: '1/um2', meaning: 'islands in the first metal layer per um2 of host', fmt: fixed(2), morphology: true },
  { key: 'rms_roughness_nm', head: 'rms nm', unit: 'nm', meaning: 'rms roughness of the deposit height', fmt: fixed(2), morphology: true },
  { key: 'mean_height_nm', head: 'mean h nm', unit: 'nm', meaning: 'mean deposit height above the host', fmt: fixed(2), morphology: true },
  { key: 'host_coverage', head: 'coverage', unit: 'fraction', meaning: 'fraction of the host surface covered by metal', fmt: fixed(3), morphology: true },
  // "-" for a host without SACs (mends61: 0.000 there, where SEI % and SAC act. read "-"; compare.csv an empty cell)
  { key: 'sac_nucleation_share', head: 'SAC share', unit: 'fraction', meaning: SAC_SHARE_MEANING, fmt: fixed(3), morphology: true, applies: hasSacs },
  { key: 'sac_nucleation_share_chance', head: 'chance', unit: 'fraction', meaning: SAC_SHARE_CHANCE_MEANING, fmt: fixed(3), morphology: true, applies: hasSacs },
  { key: 'porosity', head: 'porosity', unit: 'fraction', meaning: 'liquid voxels (electrolyte, and sealed electrolyte VOID under model: { sealed_pores: void }) enclosed under the deposit surface / deposit volume', fmt: fixed(3), morphology: true },
  // mends127 (review91 F3): which CE a case shows, over how many cycles, its protocol and seeds: the legend's "CE %:" lines
  { key: 'average_ce', head: 'CE %', unit: '%', meaning: 'Coulombic efficiency: the mean of the cycles\' CE (each cycle\'s stripped / plated charge), or for an Aurbach reservoir protocol Adams\' average CE (n Q_C + Q_S) / (n Q_C + Q_T); which one each case shows is said below', fmt: pct(1) },
  { key: 'dead_metal_fraction', head: 'dead %', unit: '%', meaning: 'dead (disconnected) metal / all metal plated', fmt: pct(2) },
  { key: 'sei_charge_fraction', head: 'SEI %', unit: '%', meaning: 'metal bound in SEI / all metal plated (runs with `sei:`)', fmt: pct(2), applies: (m) => m.sei !== undefined },
  { key: 'active_sac_fraction', head: 'SAC act.', unit: 'fraction', meaning: 'SAC sites still active at the end / at the start (runs with SACs; below 1 only with `sei:`, which deactivates them)', fmt: fixed(3), applies: hasSacs },
];

/**
 * The nuclei read before they merge (metrics.json's early_* keys, src/metrics/early-nuclei.ts; nucleicov), in compare.csv
 * and seeds.csv after COLUMNS' (mends106: the CSVs had none of them), each the mean with its 95 % interval over the seeds
 * that read them (null in a seed that never reached output.nuclei_coverage: left out; an empty cell where none did), by
 * its metrics.json key, the unit in the name as COLUMNS' (a count, a fraction, 1/um2, mAh/cm2). Not the printed table's
 * columns (its coalesced-islands note gives the count); the SAC shares empty for a case without SACs, as the end's.
 */
export const EARLY_COLUMNS: Column[] = [
  { key: 'early_island_count', head: 'early islands', unit: 'count', meaning: 'islands in the box at the first trace row whose first-layer coverage reached output.nuclei_coverage (default 0.1), before they coalesce', fmt: fixed(0) },
  { key: 'early_nucleus_density_per_um2', head: 'early nuclei/um2', unit: '1/um2', meaning: 'islands touching the host or a SAC per um2 of host at that row', fmt: fixed(2) },
  { key: 'early_sac_nucleation_share', head: 'early SAC share', unit: 'fraction', meaning: `at that row: ${SAC_SHARE_MEANING}`, fmt: fixed(3), applies: hasSacs },
  { key: 'early_sac_nucleation_share_chance', head: 'early chance', unit: 'fraction', meaning: `at that row: ${SAC_SHARE_CHANCE_MEANING}`, fmt: fixed(3), applies: hasSacs },
  { key: 'early_host_coverage', head: 'early coverage', unit: 'fraction', meaning: 'the first-layer coverage at that row (at or just above output.nuclei_coverage)', fmt: fixed(3) },
  { key: 'early_charge_mAh_per_cm2', head: 'early Q mAh/cm2', unit: 'mAh/cm2', meaning: "the run's net charge at that row", fmt: sci },
];

/**
 * How many of the nuclei are stable islands and how many single atoms (nuclei65), in compare.csv after EARLY_COLUMNS':
 * at the end and at output.nuclei_coverage (early_*), the islands touching the host or a SAC of at least 5 voxels
 * (metrics.json stable_island_min_voxels; metrics/morphology.ts STABLE_ISLAND_VOXELS) per um2, and of one voxel. Each
 * the mean with its 95 % interval over the seeds that read it (an empty cell for a run recorded before nuclei65, and
 * where no seed reached the coverage). Not the printed table's columns (the main job's table stays as the README quotes it).
 */
export const STABLE_COLUMNS: Column[] = [
  { key: 'stable_nucleus_density_per_um2', head: 'stable nuclei/um2', unit: '1/um2', meaning: 'islands touching the host or a SAC of at least 5 voxels (stable_island_min_voxels) per um2 of host, at the end', fmt: fixed(2), morphology: true },
  { key: 'single_voxel_nuclei', head: 'single atoms', unit: 'count', meaning: 'islands touching the host or a SAC of exactly one voxel (lone atoms held by the host or a SAC) in the box, at the end', fmt: fixed(1), morphology: true },
  { key: 'early_stable_nucleus_density_per_um2', head: 'early stable nuclei/um2', unit: '1/um2', meaning: 'as stable_nucleus_density_per_um2, at the row where the first-layer coverage reached output.nuclei_coverage', fmt: fixed(2) },
  { key: 'early_single_voxel_nuclei', head: 'early single atoms', unit: 'count', meaning: 'as single_voxel_nuclei, at that row', fmt: fixed(1) },
];

/**
 * An electrolyte run's readings in compare.csv and seeds.csv (mends74; review60: the printed table's electrolyte line
 * had them, the CSVs not): metrics.json's `transport` block by its path, the names `sacplate results --by-point` gives
 * them. A setting of the cell (its limiting current, Sand's closed-form time) is one value a case, no interval (as
 * --by-point's); a reading at the run's end, mean and interval over seeds (the surface concentration cut at 0). Columns
 * only where some case has an electrolyte; a case without one (or, for Sand's time, plated below the limiting current)
 * an empty cell.
 */
export interface TransportColumn {
  key: `transport.${string}`; field: keyof TransportMetrics; unit: string; setting: boolean; meaning: string;
  /**
   * a reading of a map in the block (`space_charge`: its key's path, `transport.space_charge.onset_s`; mends95): how it
   * is read (transportValue), and columns blank, their `_seeds` too, where no seed has the map (the option off)
   */
  read?: (t: TransportMetrics) => unknown;
  /**
   * an event a seed may not reach (Sand's onset, a short circuit; null in its metrics.json): the mean and interval are
   * over the seeds that reached it, and `<key>_seeds` counts them (0 where none did; empty without an electrolyte), as
   * `results --by-point` notes "seeds without a value" (mends75)
   */
  counted?: boolean;
}
export const TRANSPORT_COLUMNS: readonly TransportColumn[] = [
  { key: 'transport.surface_concentration_M', field: 'surface_concentration_M', unit: 'mol/L', setting: false, meaning: 'salt concentration where the reductions go, at the end of the run (at the short circuit in a run that had one: transport.short_circuit_s); where a space-charge zone stands at the end (cell.space_charge: chazalviel, transport.space_charge.zone_drop_mV has a value), c0: the neutral liquid ahead of the anions\' front (Chazalviel\'s steady state), not the salt at the metal' },
  { key: 'transport.limiting_current_mA_per_cm2', field: 'limiting_current_mA_per_cm2', unit: 'mA/cm2', setting: true, meaning: "the cell's steady limiting current, as built (its gap before any deposit; a short circuit does not change it)" },
  { key: 'transport.sand_time_analytic_s', field: 'sand_time_analytic_s', unit: 's', setting: true, meaning: "Sand's time of the first plating current, closed form (empty at or below the limiting current)" },
  { key: 'transport.electrolyte_resistance_Ohm_cm2', field: 'electrolyte_resistance_Ohm_cm2', unit: 'Ohm cm2', setting: false, meaning: "the electrolyte's area-specific resistance at the end of the run (at the short circuit in a run that had one: 0 once the deposit closed the gap; in a run that ended with 0 M at the surface, out of salt, the floor of an empty cell's conductivity, 1e-6 c0, not a measure of the cell; where a space-charge zone stands at the end, the liquid's from the front to the plane at the bulk conductivity)" },
  // mends75: the measured times (mends74 left them to the printed electrolyte lines and `results --by-point`)
  { key: 'transport.sand_time_s', field: 'sand_time_s', unit: 's', setting: false, counted: true, meaning: "measured Sand's onset: the first time the surface concentration fell to cell.sand_fraction of c0 (empty where no seed reached it)" },
  { key: 'transport.short_circuit_s', field: 'short_circuit_s', unit: 's', setting: false, counted: true, meaning: 'the time the deposit reached the separator plane (empty where no seed short-circuited)' },
  // mends95 (review76 left it): the space-charge zone's readings, which simulate's and compare's space-charge line prints,
  // by their path as seeds.json names them; blank with cell.space_charge off
  ...spaceChargeColumns(),
  // mends103 (mends102 left it): cell.migration: ohmic's readings (metrics.json transport.migration, fields/report.ts
  // MIGRATION_READINGS: its keys, units and meanings), by their path as seeds.json names them; blank with the option off
  ...MIGRATION_READINGS.map((r): TransportColumn => ({
    key: `transport.migration.${r.key}`, field: 'migration', unit: r.unit, setting: false, meaning: `cell.migration: ohmic only (empty when off): ${r.meaning}`,
    read: (t) => t.migration?.[r.key],
  })),
];

type SpaceChargeMetrics = NonNullable<TransportMetrics['space_charge']>;
function spaceChargeColumns(): TransportColumn[] {
  // started: read only where the first zone started (onset_s not null: its layer and the layers reached are 0 otherwise)
  const zone = (k: keyof SpaceChargeMetrics & string, unit: string, meaning: string, counted = true, started = false): TransportColumn => ({
    key: `transport.space_charge.${k}`, field: 'space_charge', unit, setting: false, meaning: `cell.space_charge: chazalviel only (empty when off): ${meaning}`,
    ...(counted ? { counted } : {}),
    read: (t) => { const sc = t.space_charge; return sc === undefined || (started && sc.onset_s === null) ? undefined : sc[k]; },
  });
  return [
    zone('zones', 'count', 'the zones started, one per galvanostatic plate that reached Sand\'s onset', false),
    zone('onset_s', 's', 'the first zone\'s start, Sand\'s onset on the galvanostat\'s clock (empty where no seed\'s plate reached it)'),
    zone('onset_layer', 'voxel layer', 'the front\'s voxel layer at the first zone\'s start', true, true),
    zone('front_speed_um_per_s', 'um/s', 'the anions\' drift velocity v_a = (1 - t+) J / (F c0) at the first zone\'s current, the speed the front moves at'),
    zone('tip_speed_um_per_s', 'um/s', 'the highest metal layer\'s speed in the first zone, least squares over the layers it reached (empty with fewer than 3)'),
    zone('layers_reached', 'layers', 'the layers the highest tip reached in the first zone', true, true),
    zone('zone_lag_layers', 'layers', 'at the end, the whole layers the front stands above the edge\'s (0 while the tips keep up; empty where no zone stands)'),
    zone('zone_drop_mV', 'mV', 'at the end, the zone\'s potential drop, Mott-Gurney with eps the electrolyte\'s own permittivity (a set\'s, e.g. 32.6 eps0 for LiPF6-EC-DMC, or an inline electrolyte\'s permittivity:, 20 without one; metrics.json transport.space_charge.readings names it) (eta.csv\'s concentration_mV past the onset; empty where no zone stands)'),
  ];
}

/** A transport column's value in a run's `transport` block (a map's key by its path). */
export function transportValue(c: TransportColumn, t: TransportMetrics | Record<string, unknown> | undefined): unknown {
  if (t === undefined) return undefined;
  return c.read ? c.read(t as TransportMetrics) : (t as Record<string, unknown>)[c.field];
}

/** A counted transport column's `<key>_seeds`: the row's seeds with a value (NaN, an empty cell, where no seed has an electrolyte). */
export function transportSeeds(c: TransportColumn, runs: Metrics[]): number {
  if (!runs.some((m) => m.transport !== undefined && (!c.read || m.transport[c.field] !== undefined))) return NaN;
  return runs.filter((m) => { const v = transportValue(c, m.transport); return typeof v === 'number' && Number.isFinite(v); }).length;
}

/**
 * A setting's one value over a case's seeds (compare.csv's cell of a setting column, TransportColumn.setting): the
 * seeds' common value, NaN (an empty cell) where they differ or none has one. The workbench's Compare page shows the
 * same (src/server/app.ts GET /api/compare; mends98).
 */
export function settingValue(xs: readonly number[]): number {
  return xs.length > 0 && new Set(xs).size === 1 ? xs[0]! : NaN;
}

/** A transport column's value over a row's seeds: a setting's common value (NaN where the seeds differ or none has it), else the mean with its 95 % interval. */
export function transportCell(c: TransportColumn, runs: Metrics[]): { mean: number; lo: number; hi: number; cut?: string } {
  const xs = runs.map((m) => transportValue(c, m.transport)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return { mean: NaN, lo: NaN, hi: NaN };
  if (c.setting) return { mean: settingValue(xs), lo: NaN, hi: NaN };
  if (xs.length === 1) return { mean: xs[0]!, lo: NaN, hi: NaN };
  const iv = boundedInterval(xs, c.key, runs);
  return { mean: iv.mean, lo: iv.lo, hi: iv.hi, ...(iv.cut ? { cut: iv.cut } : {}) };
}

/**
 * What a case was run at, not what it measured: the first galvanostatic plating step's current density and capacity
 * (metrics.json's keys of the same names; mends49). compare.csv has them after `seeds` (then `estimator`: estimatorOf), one value a case (its seeds
 * share the protocol); the printed table shows one only when the cases differ in it (a table of one current keeps its
 * width), after the case's name.
 */
export interface SettingColumn { key: 'plating_current_mA_per_cm2' | 'plating_capacity_mAh_per_cm2'; head: string; unit: string; meaning: string; }
export const SETTING_COLUMNS: readonly SettingColumn[] = [
  { key: 'plating_current_mA_per_cm2', head: 'j mA/cm2', unit: 'mA/cm2', meaning: 'current density of the first galvanostatic plating step' },
  { key: 'plating_capacity_mAh_per_cm2', head: 'Q mAh/cm2', unit: 'mAh/cm2', meaning: 'areal capacity that step plates (none for a step by time or to a cut-off)' },
];

/** A case's setting: from its resolved run (the protocol's first plating step), else its first run's metrics (null where neither says). */
export function settingOf(c: SettingColumn, row: TableRow): number | null {
  if (row.run) return platingOf(row.run.protocol)[c.key];
  const v = row.runs[0]?.[c.key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * What a case's galvanostat averaged (`electrochem.estimator`: `rates`, the default, `events` or `scaled-rates`; metrics.json's
 * `estimator`, review40): compare.csv's `estimator` column after the settings, one value a case, from its resolved run,
 * else its first run's metrics; empty for a stored row written before metrics.json had it.
 */
/** the estimator column's meaning, for the printed table's legend ("-": a stored run older than metrics.json's `estimator`) */
export const ESTIMATOR_MEANING = "what the galvanostat averaged (electrochem.estimator): rates (the default: the box's rate sums), events (the realised faradaic events), or scaled-rates (the rate sums times the realised non-flicker share); overpotentials read by different estimators differ for the same box; - not recorded";

export function estimatorOf(row: TableRow): string {
  if (row.run) return row.run.electrochem.estimator ?? 'rates';
  return row.runs[0]?.estimator ?? '';
}

/**
 * How a case's steps ended and what its first plating plated (mends82: compare.csv had neither, and its
 * `plating_capacity_mAh_per_cm2` is the protocol's: a plate cut short read as the whole 0.1 mAh/cm2). compare.csv has
 * them after `estimator`.
 */
export const ENDED_COLUMNS = [
  { key: 'ended_early', meaning: "the first step that ended before its own end condition, as `step N REASON` (REASON as steps.csv's `ended`: box_full, no_metal, stalled, no_path, event_limit, transport_limited, the salt at the surface ran out, or short_circuit, the deposit reached the separator plane; a strip to a voltage cut-off that ran out of metal is its cut-off, not listed), each seed's in seed order joined by `; ` where the seeds differ; empty where every step ended as asked" },
  { key: 'plating_plated_mAh_per_cm2', meaning: "what the first galvanostatic plating step (the one plating_capacity_mAh_per_cm2 is of) plated, mAh/cm2, the mean over seeds (metrics.json's key; empty for a run stored before mends82): below its capacity when the step was cut short" },
] as const;

/** ENDED_COLUMNS' `ended_early` of a case: each seed's first early end (earlyEndSteps, transport_limited and short_circuit), one text where all agree. */
export function endedEarlyOf(row: TableRow): string {
  const protocol = row.run?.protocol;
  const each = row.runs.map((m) => {
    const steps = (m.steps_ended ?? []).map((ended, index) => ({ index, ended: ended as StepResult['ended'] }));
    const early = new Set(earlyEndSteps(steps, protocol).map((s) => s.index));
    const first = steps.find((s) => early.has(s.index) || s.ended === 'transport_limited' || s.ended === 'short_circuit');
    return first ? `step ${first.index + 1} ${first.ended}` : '';
  });
  const distinct = new Set(each);
  return distinct.size === 1 ? each[0] ?? '' : each.join('; ');
}

/** ENDED_COLUMNS' `plating_plated_mAh_per_cm2` of a case: the mean over the seeds that recorded it (NaN, an empty cell, where none did). */
export function platedOf(row: TableRow): number {
  const xs = row.runs.map((m) => m.plating_plated_mAh_per_cm2).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return xs.length > 0 ? xs.reduce((a, x) => a + x, 0) / xs.length : NaN;
}

/** A setting as the printed table shows it: 4 significant digits at most, "-" for none. */
export const settingText = (v: number | null): string => (v === null ? '-' : String(+v.toPrecision(4)));

export interface TableRow {
  name: string;
  /** one entry per seed */
  runs: Metrics[];
  run?: ResolvedRun;
  /** the case's `cell.migration` where no resolved run gives it (the workbench's stored inputs: migrationOfInput) */
  migration?: 'off' | 'ohmic';
  /**
   * why the runs of this name are not seeds of one case (the workbench's groups by name: src/server/seed-groups.ts
   * notSeedsNote), compare.csv's last column `not_seeds` where some row has one (polish65)
   */
  notSeeds?: string;
  /**
   * a measured cell's row (`compare --measured`, side66: batch/measured-rows.ts): its one `runs` entry holds only the
   * metrics.json keys analyze reads from the file; compare.csv's `source` column says `measured` where some row is one
   */
  measured?: MeasuredSource;
}

/**
 * compare.csv's `cell.migration` (mends101; review80: nothing compare wrote said a case ran with `cell.migration: ohmic`):
 * the run file's setting, `off` or `ohmic`, one value a case, from its resolved run (its seeds share the input), else the
 * row's `migration`; empty without one (a stored row). A column where compare.csv has its transport columns, before
 * `transport.electrolyte` (the option needs an electrolyte); metrics.json has no key for it (not read from there).
 */
export const MIGRATION_MEANING = "the run file's cell.migration: off (the default) or ohmic (each reduction site's rate scaled by the liquid's potential along the deposit's surface, in galvanostatic plates: docs/transport.md); empty for a case without an electrolyte";

/**
 * compare.csv's `transport.readings_at` (mends103; mends100 left it): metrics.json's word for what the end-of-run
 * readings are of (`end of run`, `short circuit`, `space-charge zone`, `out of salt`; src/simulation/report.ts), one value
 * where the seeds agree, each seed's in seed order joined by `; ` where they differ; empty without an electrolyte (or for
 * a run stored before the key).
 */
export const READINGS_AT_MEANING = "what the end-of-run transport readings are of, metrics.json's transport.readings_at: end of run, short circuit (the state at the short circuit), space-charge zone (a zone stands at the end: surface_concentration_M is c0 ahead of its front) or out of salt (no salt at any reduction site: the concentration overpotential and the resistance are the model's floors); each seed's in seed order joined by '; ' where the seeds differ";

export function readingsAtOf(row: TableRow): string {
  const each = row.runs.map((m) => (typeof m.transport?.readings_at === 'string' ? m.transport.readings_at : ''));
  return new Set(each).size === 1 ? each[0]! : each.join('; ');
}

export function migrationOf(row: TableRow): string {
  if (row.run) return row.run.transport ? row.run.transport.migration ?? 'off' : '';
  return row.runs.some((m) => m.transport !== undefined) ? row.migration ?? '' : '';
}

/**
 * A stored run's `cell.migration` from its stored input (the run file's object: `cell.migration`; a resolved run's
 * `transport.migration`): `ohmic` or `off` (the default, also where the input does not say), for a run with an electrolyte.
 */
export function migrationOfInput(input: unknown): 'off' | 'ohmic' {
  const at = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined);
  return at(at(input, 'cell'), 'migration') === 'ohmic' || at(at(input, 'transport'), 'migration') === 'ohmic' ? 'ohmic' : 'off';
}

/**
 * True when stripping removed all plated metal: no net deposit and no dead metal left (the
 * morphology of a deposit that is not there is undefined; a metal-foil host stays, but it is not
 * a deposit).
 */
export function fullyStripped(m: Metrics): boolean {
  return m.deposited_voxels <= 0 && m.dead_voxels === 0 && (m.cycles_completed > 0 || m.steps_ended.includes('no_metal'));
}

/** The nucleation cell when every seed read <= 0 (src/analysis/nucleation.ts): no barrier, not a negative one; compare.csv an empty cell (mends119). */
export const NO_DIP_CELL = 'none (no dip: plateau above peak)';

/**
 * A column's value over a row's seeds: its text as the table shows it, mean and 95 % interval (NaN where none), and the
 * note when the interval was cut at a physical bound. The nucleation overpotential is over the seeds with a dip only
 * (a reading <= 0 is no dip, not a nucleation barrier: counted in compare.csv's nucleation_no_dip_seeds, said in the
 * note under the table); `none (no dip ...)`, with no mean, where no seed had one. Until mends119 (review86 F3) the
 * no-dip readings were averaged in (the printed mean and compare.csv's mean and interval), and compare.csv kept the
 * negative mean of a case whose every seed had no dip.
 */
export function cell(c: Column, runs: Metrics[]): { text: string; mean: number; lo: number; hi: number; cut?: string } {
  return cellValue(c, runs);
}

/**
 * The seeds a column is read over: a morphology's, those that kept a deposit (a seed stripped away reads 0 for each in
 * its metrics.json: no deposit to measure; until mends74 those zeros were averaged in), every seed for the others.
 */
export function seedsOf(c: Pick<Column, 'morphology'>, runs: Metrics[]): Metrics[] {
  return c.morphology ? runs.filter((m) => !fullyStripped(m)) : runs;
}

function cellValue(c: Column, all: Metrics[]): { text: string; mean: number; lo: number; hi: number; cut?: string } {
  if (c.morphology && all.every(fullyStripped)) return { text: 'stripped', mean: NaN, lo: NaN, hi: NaN };
  if (c.applies && !all.some(c.applies)) return { text: '-', mean: NaN, lo: NaN, hi: NaN };
  const runs = seedsOf(c, all);
  let xs = runs.map((m) => m[c.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return { text: '-', mean: NaN, lo: NaN, hi: NaN };
  if (c.key === 'nucleation_overpotential_mV') {
    xs = dipsOf(xs);
    if (xs.length === 0) return { text: NO_DIP_CELL, mean: NaN, lo: NaN, hi: NaN };
  }
  if (xs.length === 1) return { text: c.fmt(xs[0]!), mean: xs[0]!, lo: NaN, hi: NaN };
  // truncated to the metric's physical bounds (a share in [0, 1]), then no longer symmetric: its ends, and a note
  const iv = boundedInterval(xs, String(c.key), runs);
  // the same in every seed to round-off (mends78): the value without ± (was `Da 0.80 ±3.3e-16`), empty interval cells
  if (iv.same) return { text: c.fmt(iv.mean), mean: iv.mean, lo: NaN, hi: NaN };
  if (iv.cut) return { text: `${c.fmt(iv.mean)} [${c.fmt(iv.lo)}, ${c.fmt(iv.hi)}]*`, mean: iv.mean, lo: iv.lo, hi: iv.hi, cut: iv.cut };
  const half = (iv.hi - iv.lo) / 2;
  return { text: `${c.fmt(iv.mean)} ±${c.fmt(half).replace(/^-/, '')}`, mean: iv.mean, lo: iv.lo, hi: iv.hi };
}

export function literatureOf(row: TableRow): LiteratureMatch | undefined {
  if (!row.run) return undefined;
  return literatureFor(row.run.metal.name, row.run.host.name, row.run.sacs.map((s) => s.site.element));
}

/**
 * The model-vs-literature verdict of a row (evidence/beside.ts `agreement`), or `no model value (no dip)` where every
 * seed had no dip: its nucleation cell says "none (no dip ...)", and until review42 the negative reading was compared
 * with the paper's figure all the same (Li on carbon-cloth + SAFe-CVRCS: "DISAGREES: model lower by 41 mV").
 */
export function literatureVerdict(r: TableRow, l: LiteratureMatch): string {
  const nuc = cell(COLUMNS[0]!, r.runs);
  if (nuc.text === NO_DIP_CELL) return 'no model value (no dip)';
  // at another current than the figure's (review43), on another support than the host (mends54): said beside the verdict
  // the report's current unknown (review83, mends107): said as a current that differs is
  const other = [currentMismatch(settingOf(SETTING_COLUMNS[0]!, r), l), currentUnknown(l), r.run ? supportMismatch(r.run.host.name, l) : ''].filter(Boolean).join('; ');
  // one seed in a box narrower than the band is set for: no verdict (review83, mends107)
  // the seeds the mean is over: those with a dip (mends119)
  const seeds = seedsOf(COLUMNS[0]!, r.runs).filter((m) => Number.isFinite(m.nucleation_overpotential_mV) && !isNoDip(m.nucleation_overpotential_mV)).length;
  const side_um = r.run ? Math.min(r.run.lattice.size[0], r.run.lattice.size[1]) * r.run.lattice.voxel_m * 1e6 : undefined;
  const verdict = singleSeedNoVerdict(seeds, side_um) || agreement(nuc.mean, l.value, nuc.lo, nuc.hi);
  return other ? `${verdict} (${other})` : verdict;
}

/**
 * "SAC share: interval cut at 0 and 1 (physical bound)" for each of the row's columns whose interval was cut,
 * each named by `name` (the table's head, or the CSV's metrics.json key).
 */
export function cutsOf(r: TableRow, name: (c: Column) => string = (c) => c.head): string[] {
  return cutColumnsOf(r).map(({ column, cut }) => `${name(column)}: ${cut}`);
}

/**
 * The row's columns whose interval was cut, each with its note and `n`, the seeds its interval is over (a morphology's,
 * those that kept a deposit: mends75, the printed note said every seed's count for them).
 */
export function cutColumnsOf(r: TableRow): { column: Column; cut: string; n: number }[] {
  return COLUMNS.flatMap((c) => {
    const v = cell(c, r.runs);
    return v.cut ? [{ column: c, cut: v.cut, n: seedsOf(c, r.runs).filter((m) => Number.isFinite(m[c.key] as number)).length }] : [];
  });
}

/**
 * compare.csv's columns for a symmetric measured row's per-cycle means (symcsv67), after `source`, where some row was read
 * as symmetric: each reading's mean over analyze's complete cycles (the legend's), and their count
 */
export const PER_CYCLE_CSV = [
  { column: 'measured_plating_plateau_mV', key: 'plating_plateau_mV' },
  { column: 'measured_stripping_plateau_mV', key: 'stripping_plateau_mV' },
  { column: 'measured_hysteresis_mV', key: 'hysteresis_mV' },
  { column: 'measured_cycles', key: 'cycles' },
] as const;

/**
 * The table as CSV: one row per case, numbers to 12 significant digits (io/csv.ts), interval bounds with seeds. A value
 * that is not there (the printed table's `-`, and `stripped` where every seed's deposit was stripped away) is an empty
 * cell, so that every metric column reads as numbers; `stripped_seeds` counts the seeds stripped away; `seed_list`, the
 * last column, names the seeds (`seeds` counts them).
 */
export function compareCsv(rows: TableRow[]): string {
  const seeds = Math.max(...rows.map((r) => r.runs.length));
  const head = ['case', 'seeds', ...SETTING_COLUMNS.map((c) => c.key), 'estimator', ...ENDED_COLUMNS.map((c) => c.key)];
  for (const c of [...COLUMNS, ...EARLY_COLUMNS, ...STABLE_COLUMNS]) {
    const k = String(c.key); // the metrics.json key and its unit (fractions, not %)
    head.push(k);
    if (seeds > 1) head.push(`${k}_lo95`, `${k}_hi95`);
  }
  // an electrolyte's readings, where some case has one (a setting one column, a reading its interval too)
  const transport = rows.some((r) => r.runs.some((m) => m.transport !== undefined)) ? TRANSPORT_COLUMNS : [];
  // the electrolyte's name first (metrics.json's transport.electrolyte; a variant's inline electrolyte merged over the
  // base's is labelled `<name> (changed: <keys>)`, src/batch/variant-merge.ts): until mends96 compare.csv named none
  // the case's cell.migration (off / ohmic), a setting of the run file, before the electrolyte's name (mends101)
  if (transport.length) head.push('cell.migration', 'transport.electrolyte', 'transport.readings_at');
  for (const c of transport) head.push(c.key, ...(seeds > 1 && !c.setting ? [`${c.key}_lo95`, `${c.key}_hi95`] : []), ...(c.counted ? [`${c.key}_seeds`] : []));
  // seed_list (mends106; users83 left it): the case's seeds in its rows' order, `2; 5`, as paired.csv's case_seeds; the
  // last column, so that `seeds` stays the count and no column moves for a reader by position
  head.push('literature_nucleation_overpotential_mV', 'literature_ref', 'literature_record', 'model_vs_literature', 'nucleation_no_dip_seeds', 'stripped_seeds', 'intervals_cut', 'seed_list');
  // polish65 (webaudit65 left it): the workbench groups runs by name, and a group whose runs share a seed or whose inputs
  // differ beyond it is no set of seeds: its note, after seed_list so that no column moves, where some row has one (a
  // `sacplate compare` case's seeds are one input's by construction: its compare.csv has no such column)
  const notSeeds = rows.some((r) => r.notSeeds !== undefined);
  if (notSeeds) head.push('not_seeds');
  // side66: `compare --measured`'s rows beside the simulated ones, said by a last column where some row is measured
  const withSource = rows.some((r) => r.measured !== undefined);
  if (withSource) head.push('source');
  // symcsv67: a symmetric measured row's per-cycle means (the legend's), after `source`, where some row was read so
  const perCycle = rows.some((r) => r.measured?.perCycle !== undefined);
  if (perCycle) head.push(...PER_CYCLE_CSV.map((c) => c.column));
  const lines = [head.map(csvField).join(',')];
  for (const r of rows) {
    const cells: (string | number)[] = [r.name, r.measured ? '' : r.runs.length, ...SETTING_COLUMNS.map((c) => settingOf(c, r) ?? NaN), estimatorOf(r), endedEarlyOf(r), platedOf(r)];
    const earlyCuts: string[] = [];
    for (const c of [...COLUMNS, ...EARLY_COLUMNS, ...STABLE_COLUMNS]) {
      const v = cell(c, r.runs);
      if (v.cut && (EARLY_COLUMNS.includes(c) || STABLE_COLUMNS.includes(c))) earlyCuts.push(`${String(c.key)}: ${v.cut}`);
      // a fully stripped case's morphology is an empty cell (the printed table's word `stripped`, counted in
      // stripped_seeds): until review60 the word itself, which made the column text to pandas and Excel
      cells.push(v.mean);
      if (seeds > 1) cells.push(v.lo, v.hi);
    }
    const transportCuts: string[] = [];
    // the seeds' electrolyte (one input: one name; names joined with "; " should they differ), empty without one
    if (transport.length) cells.push(migrationOf(r));
    if (transport.length) cells.push([...new Set(r.runs.flatMap((m) => (m.transport ? [m.transport.electrolyte] : [])))].join('; '));
    // what the end-of-run readings are of (mends103)
    if (transport.length) cells.push(readingsAtOf(r));
    for (const c of transport) {
      const v = transportCell(c, r.runs);
      cells.push(v.mean, ...(seeds > 1 && !c.setting ? [v.lo, v.hi] : []), ...(c.counted ? [transportSeeds(c, r.runs)] : []));
      if (v.cut) transportCuts.push(`${c.key}: ${v.cut}`);
    }
    const l = literatureOf(r);
    cells.push(l ? l.value : '', l ? l.ref : '', l ? l.record : '', l ? literatureVerdict(r, l) : '');
    // seeds whose nucleation reading is <= 0 (no dip: src/screen/no-dip.ts), as the note under the table says
    cells.push(noDipNote(r.runs.map((m) => m.nucleation_overpotential_mV).filter(Number.isFinite))?.no_dip ?? 0);
    // seeds whose deposit was stripped away (no metal, no dead metal left): their morphology is not there to measure
    cells.push(r.runs.filter(fullyStripped).length);
    // the *_lo95 / *_hi95 cut at a physical bound, by metrics.json key ("sac_nucleation_share: interval cut at 0 and 1 (physical bound)")
    cells.push([...cutsOf(r, (c) => String(c.key)), ...earlyCuts, ...transportCuts].join('; '));
    cells.push(r.runs.map((m) => m.seed).join('; '));
    if (notSeeds) cells.push(r.notSeeds ?? '');
    if (withSource) cells.push(r.measured ? 'measured' : 'simulated');
    if (perCycle) for (const c of PER_CYCLE_CSV) cells.push(r.measured?.perCycle?.[c.key] ?? '');
    lines.push(cells.map((x) => (typeof x === 'number' && !Number.isFinite(x) ? '' : csvField(x))).join(','));
  }
  return lines.join('\n') + '\n';
}
