/**
 * The metric columns of the runs table. Apart from index.ts (as run-status.ts) so that the CLI's help
 * and the runs query (run-query.ts) name them without loading SQLite.
 */
export type MetricColumn = { name: string; type: 'TEXT' | 'REAL' | 'INTEGER'; fill: string };
/** A REAL metric column read from the metrics object's key of the same name. */
const realColumn = (k: string): MetricColumn => ({ name: k, type: 'REAL', fill: `json_extract(metrics_json, '$.${k}')` });

/**
 * The metric columns migration 2 added, frozen: a new store runs migration 2 with exactly this list,
 * as every store made before the later columns did, so that a new store and an old one migrated
 * forward end with the same columns. A column added later is not put here: it goes into a list of
 * its own with the migration that adds it (as METRIC_COLUMNS_3 below; index.ts's metricColumnsMigration
 * writes the SQL), and into METRIC_COLUMNS.
 */
export const METRIC_COLUMNS_2: readonly MetricColumn[] = [
  ...(['metal', 'host', 'mode'] as const).map((k) => ({ name: k, type: 'TEXT' as const, fill: `json_extract(metrics_json, '$.${k}')` })),
  { name: 'sacs', type: 'TEXT', fill: "(SELECT group_concat(value, '+') FROM json_each(metrics_json, '$.sacs'))" },
  { name: 'seed', type: 'INTEGER', fill: "json_extract(metrics_json, '$.seed')" },
  ...['voxel_nm', 'temperature_K', 'charge_mAh_per_cm2', 'nucleation_overpotential_mV', 'peak_overpotential_mV', 'plateau_overpotential_mV',
    'rms_roughness_nm', 'mean_height_nm', 'nucleus_density_per_um2', 'sac_nucleation_share', 'host_coverage', 'porosity',
    'average_ce', 'dead_metal_fraction', 'events', 'wall_s'].map(realColumn),
];

/** Migration 3 (branch storechance): the SAC share's chance level beside the share. */
export const METRIC_COLUMNS_3: readonly MetricColumn[] = [realColumn('sac_nucleation_share_chance')];

/**
 * Migration 4 (branch mends49): the first galvanostatic plating step's current density and capacity, a run's current as
 * one number to sort, filter and plot by (`runs list --sort plating_current_mA_per_cm2`); empty for a run recorded
 * before them (its metrics_json lacks them).
 */
export const METRIC_COLUMNS_4: readonly MetricColumn[] = ['plating_current_mA_per_cm2', 'plating_capacity_mAh_per_cm2'].map(realColumn);

/**
 * Migration 5 (branch review42): what the galvanostat averaged (`rates`, `events`, `scaled-rates`: metrics.json's
 * `estimator`), which moves the overpotentials of the same box (a SAC box by 100 mV and more), so that `runs list` shows,
 * filters and sorts by it; empty for a run recorded before metrics.json named it.
 */
export const METRIC_COLUMNS_5: readonly MetricColumn[] = [{ name: 'estimator', type: 'TEXT', fill: "json_extract(metrics_json, '$.estimator')" }];

/**
 * Migration 6 (branch mends60): the engine that ran the run, `serial` or `sectors` (simulate --sectors; metrics.json's
 * `engine`, which only a sector run writes), and its threads (1 for the serial engine), so that `runs list --where
 * engine=sectors` selects the sector runs (they were marked only beside their name). A row of an older store is a serial
 * run unless its metrics say `engine: "sectors"`; metricColumnValues (index.ts) reads a new run the same way.
 */
export const METRIC_COLUMNS_6: readonly MetricColumn[] = [
  { name: 'engine', type: 'TEXT', fill: "CASE WHEN json_extract(metrics_json, '$.engine') = 'sectors' THEN 'sectors' ELSE 'serial' END" },
  { name: 'threads', type: 'INTEGER', fill: "CASE WHEN json_extract(metrics_json, '$.engine') = 'sectors' THEN json_extract(metrics_json, '$.threads') ELSE 1 END" },
];

/**
 * Migration 8 (branch earlyapi): the nuclei counted before they coalesce (metrics.json's early_* keys, nucleicov;
 * src/metrics/early-nuclei.ts), so that GET /api/compare's rows and the Compare page show them and `runs list` sorts and
 * filters by them (mends106 left them out: the store had no column). Null for a run recorded before nucleicov (its
 * metrics_json lacks them) and where the run never reached output.nuclei_coverage; the SAC shares null without SACs.
 */
export const METRIC_COLUMNS_8: readonly MetricColumn[] = ['early_island_count', 'early_nucleus_density_per_um2', 'early_sac_nucleation_share',
  'early_sac_nucleation_share_chance', 'early_host_coverage', 'early_charge_mAh_per_cm2'].map(realColumn);

/**
 * Migration 9 (branch nuclei65): how many of the nuclei are stable islands and how many single atoms (metrics.json's
 * stable_nucleus_density_per_um2 and single_voxel_nuclei, at the end and at output.nuclei_coverage: early_*; islands
 * touching the host or a SAC of at least 5 voxels, metrics/morphology.ts STABLE_ISLAND_VOXELS, and of one voxel), so
 * that `runs list` shows, filters and sorts by them. Null for a run recorded before nuclei65 (its metrics_json lacks
 * them) and, the early ones, where the run never reached output.nuclei_coverage.
 */
export const METRIC_COLUMNS_9: readonly MetricColumn[] = ['stable_nucleus_density_per_um2', 'single_voxel_nuclei',
  'early_stable_nucleus_density_per_um2', 'early_single_voxel_nuclei'].map(realColumn);

/**
 * Metric columns of the runs table, those of every migration: the name, SQL type and how the value is
 * read from a metrics object (the keys of `Metrics` in simulation/report.ts).
 */
export const METRIC_COLUMNS: readonly MetricColumn[] = [...METRIC_COLUMNS_2, ...METRIC_COLUMNS_3, ...METRIC_COLUMNS_4, ...METRIC_COLUMNS_5, ...METRIC_COLUMNS_6, ...METRIC_COLUMNS_8, ...METRIC_COLUMNS_9];
