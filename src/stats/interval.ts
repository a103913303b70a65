/**
 * Intervals for physics claims (MODEL.md section 9): means with Student-t 95 % intervals, and
 * paired differences over seeds. Small and dependency-free: used by tests and by `npm run validate`.
 */

/** Two-sided 97.5 % quantile of Student's t for df = 1..30; larger df use the normal 1.96 blended by 1/df. */
const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be >= 1, got ${df}`);
  const d = Math.floor(df);
  if (d < T975.length) return T975[d] as number;
  return 1.96 + 2.4 / d; // within 0.2 % of the exact value for df > 30
}

export interface Interval {
  n: number;
  mean: number;
  sd: number;
  /** Standard error of the mean. */
  se: number;
  /** 95 % confidence interval of the mean (Student t). */
  lo: number;
  hi: number;
}

export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) throw new RangeError('meanInterval: no values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { n, mean, sd: NaN, se: NaN, lo: NaN, hi: NaN };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const h = tQuantile975(n - 1) * se;
  return { n, mean, sd, se, lo: mean - h, hi: mean + h };
}

/** Paired difference a[i] - b[i] over seeds (same seed i in both arms). */
export function pairedInterval(a: readonly number[], b: readonly number[]): Interval {
  if (a.length !== b.length) throw new RangeError(`pairedInterval: ${a.length} vs ${b.length} values`);
  return meanInterval(a.map((v, i) => v - (b[i] as number)));
}

/**
 * Unpaired difference mean(a) - mean(b) (Welch: unequal variances, Welch-Satterthwaite degrees of
 * freedom), for arms that share no seeds' trajectories (e.g. two box sizes). sd is the pooled
 * standard error times sqrt(2) only for display; use lo/hi.
 */
export function welchInterval(a: readonly number[], b: readonly number[]): Interval {
  const ia = meanInterval(a), ib = meanInterval(b);
  const va = ia.se ** 2, vb = ib.se ** 2;
  const se = Math.sqrt(va + vb);
  const mean = ia.mean - ib.mean;
  if (!(se > 0)) return { n: a.length + b.length, mean, sd: NaN, se, lo: mean, hi: mean };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const h = tQuantile975(Math.max(1, df)) * se;
  return { n: a.length + b.length, mean, sd: se * Math.SQRT2, se, lo: mean - h, hi: mean + h };
}

/** True when the 95 % interval excludes zero. */
export function excludesZero(iv: Interval): boolean {
  return iv.lo > 0 || iv.hi < 0;
}

/** Least-squares line y = a + b x with the 95 % interval of the slope. */
export function linearFit(x: readonly number[], y: readonly number[]): { intercept: number; slope: number; slopeLo: number; slopeHi: number; r2: number } {
  const n = x.length;
  if (n < 3 || y.length !== n) throw new RangeError(`linearFit: need >= 3 paired points, got ${n}/${y.length}`);
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx, dy = (y[i] as number) - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const rss = Math.max(0, syy - slope * sxy);
  const seSlope = Math.sqrt(rss / (n - 2) / sxx);
  const h = tQuantile975(n - 2) * seSlope;
  return { intercept, slope, slopeLo: slope - h, slopeHi: slope + h, r2: syy > 0 ? 1 - rss / syy : 1 };
}

/**
 * Physical bounds of the run metrics whose seed intervals are printed (compare, seeds, screen, the
 * workbench's /api/compare, results --by-point; each through runMetricBounds, which adds the net deposit's bound by host). A Student-t interval from few seeds runs past them (2 seeds:
 * a SAC share 0.583 [-0.476, 1.642], a nucleus density down to -268 /um2).
 */
export interface Bounds {
  min?: number; max?: number;
  /** a constant of the run's set-up (RUN_CONSTANT_METRICS): its value, no interval */
  constant?: true;
}
export const METRIC_BOUNDS: Readonly<Record<string, Bounds>> = {
  peak_overpotential_mV: { min: 0 }, plateau_overpotential_mV: { min: 0 }, // |eta|
  // peak minus plateau: every caller takes its mean over the seeds with a dip (> 0; screen/no-dip.ts dipsOf, mends119),
  // so its interval is cut at 0 as theirs (review88 F2: a --by-point cell read 3.88 [-28.07, 35.83] mV)
  nucleation_overpotential_mV: { min: 0 },
  damkohler_number: { min: 0 }, nucleus_density_per_um2: { min: 0 }, rms_roughness_nm: { min: 0 },
  host_coverage: { min: 0, max: 1 }, sac_nucleation_share: { min: 0, max: 1 }, sac_nucleation_share_chance: { min: 0, max: 1 },
  sac_nucleation_excess: { min: -1, max: 1 }, porosity: { min: 0, max: 1 },
  // a CE above 1 is possible (a strip that takes host metal), below 0 not
  average_ce: { min: 0 }, dead_metal_fraction: { min: 0, max: 1 }, sei_charge_fraction: { min: 0, max: 1 }, active_sac_fraction: { min: 0, max: 1 },
  events: { min: 0 }, wall_s: { min: 0 },
  // counts, sizes and rates that cannot go below 0 (a sweep's --by-point table gave 2 seeds' first_passage_exits an
  // interval from -724,310, review46)
  first_passage_exits: { min: 0 }, first_passage_hops: { min: 0 }, events_per_s: { min: 0 }, hops: { min: 0 }, rejected_hops: { min: 0 },
  // deposited_voxels, the net charge and mean_height_nm: by host (runMetricBounds, NET_DEPOSIT_METRICS)
  reductions: { min: 0 }, oxidations: { min: 0 }, dead_voxels: { min: 0 }, connected_voxels: { min: 0 },
  island_count: { min: 0 }, cycles_completed: { min: 0 }, max_height_nm: { min: 0 }, specific_surface_area: { min: 0 },
  specific_surface_area_m2_per_g: { min: 0 }, surface_area_ratio: { min: 0 }, void_surface_area_ratio: { min: 0 }, void_voxels: { min: 0 }, dead_fraction_of_deposit: { min: 0, max: 1 },
  time_s: { min: 0 }, kmc_time_s: { min: 0 },
  // nucleicov: the nuclei read at output.nuclei_coverage, before coalescence (metrics/early-nuclei.ts)
  early_island_count: { min: 0 }, early_nucleus_density_per_um2: { min: 0 }, early_host_coverage: { min: 0, max: 1 },
  early_charge_mAh_per_cm2: { min: 0 }, early_sac_nucleation_share: { min: 0, max: 1 }, early_sac_nucleation_share_chance: { min: 0, max: 1 },
  // nuclei65: the stable islands (5 voxels or more) and the single-atom nuclei, at the end and early
  stable_nucleus_density_per_um2: { min: 0 }, single_voxel_nuclei: { min: 0 }, early_stable_nucleus_density_per_um2: { min: 0 }, early_single_voxel_nuclei: { min: 0 },
  // an electrolyte run's readings, by their path in metrics.json (a sweep's --by-point spreads the `transport` block
  // into such columns since review60)
  'transport.surface_concentration_M': { min: 0 }, 'transport.sand_time_s': { min: 0 }, 'transport.short_circuit_s': { min: 0 },
  'transport.reductions_rejected': { min: 0 }, 'transport.field_updates': { min: 0 }, 'transport.field_wall_share': { min: 0, max: 1 },
  // mends97 (mends96 left it: two seeds' onset layers 6 and 5 read 5.5 [-0.853, 11.9] in compare.csv and on the Compare
  // page): the block's other numbers. The cell as built (its limiting current, Sand's closed-form times, the field's
  // grid, the plating steps above J_lim), the end-of-run readings (the zone's drop is a magnitude, fields/report.ts), and
  // the space-charge zone's counts, layers, times and speeds (the tips' speed is the slope of layers reached against
  // time, which only rise); transport.salt_balance_residual is signed, no bound, and so is
  // transport.concentration_overpotential_mV, (2kT/e)(1 - t+) ln(c0 / c_s): negative where a strip left c_s above c0
  // (branch fieldaudit: it had min 0, and two seeds ending in a strip read mean -2.12 mV, interval [0, -1.14] "cut at 0")
  'transport.limiting_current_mA_per_cm2': { min: 0 }, 'transport.sand_time_analytic_s': { min: 0 },
  'transport.counter_concentration_M': { min: 0 },
  'transport.electrolyte_resistance_Ohm_cm2': { min: 0 },
  'transport.field_grid.cell_nm': { min: 0 }, 'transport.field_grid.layers_in_box': { min: 0 }, 'transport.field_grid.layers_total': { min: 0 },
  'transport.field_grid.distance_um': { min: 0 },
  // cell.migration: ohmic (branch ohmic2): counts, spreads and the Newton step's change are magnitudes
  'transport.migration.solves': { min: 0 }, 'transport.migration.cg_iterations': { min: 0 }, 'transport.migration.spread_mV': { min: 0 },
  'transport.migration.current_weighted_spread_mV': { min: 0 }, 'transport.migration.last_newton_change_mV': { min: 0 },
  'transport.sand_steps.count': { min: 0 }, 'transport.sand_steps[0].step': { min: 0 }, 'transport.sand_steps[0].current_mA_per_cm2': { min: 0 },
  'transport.sand_steps[0].sand_time_analytic_s': { min: 0 }, 'transport.sand_onset_step': { min: 0 }, 'transport.sand_onset_into_step_s': { min: 0 },
  'transport.space_charge.anion_drift_um_per_s_per_mA_cm2': { min: 0 }, 'transport.space_charge.zones': { min: 0 },
  'transport.space_charge.onset_s': { min: 0 }, 'transport.space_charge.onset_layer': { min: 0 },
  'transport.space_charge.front_speed_um_per_s': { min: 0 }, 'transport.space_charge.tip_speed_um_per_s': { min: 0 },
  'transport.space_charge.layers_reached': { min: 0 }, 'transport.space_charge.zone_lag_layers': { min: 0 },
  'transport.space_charge.zone_drop_mV': { min: 0 }, 'transport.space_charge.solid_fraction': { min: 0 },
  'transport.space_charge.columns': { min: 0 }, 'transport.space_charge.columns_needed': { min: 0 },
};

/**
 * The deposit's net charge (metrics.json `charge_C_per_cm2`, `charge_mAh_per_cm2`, `deposited_voxels`: plated minus
 * stripped since the start). It cannot go below 0 on a host that holds no metal of its own (Cu, graphene, a SAC host:
 * a strip takes only what was plated); on a foil of the metal (host Li for Li) a strip takes the foil too and it can.
 * A sweep's --by-point table gave two seeds on Cu charge_C_per_cm2_lo95 -0.00138 (review55). The mean height
 * follows the same rule: on a foil its pits read negative heights (mends70), on any other host it is >= 0.
 */
export const NET_DEPOSIT_METRICS: ReadonlySet<string> = new Set(['charge_C_per_cm2', 'charge_mAh_per_cm2', 'deposited_voxels', 'mean_height_nm']);

/**
 * Constants of a run's set-up, not results: the charge of one voxel of the metal (`charge_per_voxel_C`, from the voxel
 * size and the metal's molar volume), the voxel size and the temperature. Their seeds share them: the value is shown
 * once, with no 95 % interval (lo and hi NaN: null or an empty cell in every output; mends68: a --by-point table and
 * seeds.json gave charge_per_voxel_C an interval lo = hi).
 */
export const RUN_CONSTANT_METRICS: ReadonlySet<string> = new Set(['charge_per_voxel_C', 'voxel_nm', 'temperature_K']);

/** The host and metal of a run (metrics.json `host`, `metal`; a stored row's columns) */
export interface RunSystem { host?: unknown; metal?: unknown }

/**
 * A run metric's physical bounds given the runs' host and metal (metrics.json `host`, `metal`): the one rule of every
 * 95 % interval over seeds (compare, `simulate --seeds`, the screen, the workbench, `results --by-point`).
 * METRIC_BOUNDS; for NET_DEPOSIT_METRICS 0 below unless the host is a foil of the metal (or the host or metal of a run
 * is not known: no bound); for RUN_CONSTANT_METRICS `{ constant: true }` (no interval). `run`: one run, or the runs
 * the interval is over (bound at 0 only when every one is on a host that is not its metal).
 */
export function runMetricBounds(key: string, run: RunSystem | readonly RunSystem[] = {}): Bounds | undefined {
  if (RUN_CONSTANT_METRICS.has(key)) return { constant: true };
  if (NET_DEPOSIT_METRICS.has(key)) {
    const runs: readonly RunSystem[] = Array.isArray(run) ? run : [run as RunSystem];
    const foreign = (r: RunSystem) => typeof r.host === 'string' && typeof r.metal === 'string' && r.host !== r.metal;
    return runs.length > 0 && runs.every(foreign) ? { min: 0 } : undefined;
  }
  return METRIC_BOUNDS[key];
}

export interface BoundedInterval extends Interval {
  /** "interval cut at 0" (or "at 1", "at 0 and 1") when an end was moved to a physical bound; absent otherwise */
  cut?: string;
  /**
   * true when every value is the same to round-off (SAME_RELATIVE_SPREAD): the value, no interval (lo, hi NaN), as a
   * constant of the run (mends78: `--seeds` printed `Da 0.80 ±3.3e-16`, the same Da in every seed, and seeds.csv lo = hi)
   */
  same?: true;
}

/** The relative spread (max - min over the largest |value|) below which values over seeds are one value, not a measured spread. */
export const SAME_RELATIVE_SPREAD = 1e-9;

/** True when 2 or more values are equal to round-off: (max - min) <= SAME_RELATIVE_SPREAD x the largest |value| (all 0 included). */
export function sameToRoundOff(values: readonly number[]): boolean {
  if (values.length < 2) return false;
  let lo = Infinity, hi = -Infinity, big = 0;
  for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); big = Math.max(big, Math.abs(v)); }
  return hi - lo <= SAME_RELATIVE_SPREAD * big;
}

/**
 * The mean's 95 % interval truncated to the quantity's physical bounds, said in `cut`. Chosen over
 * refusing intervals from fewer than 3 seeds: an interval runs past a bound with any number of seeds
 * when the mean is near it (a share near 0), and a truncated interval with its note still tells a
 * reader how uncertain the mean is. The mean, sd and se are not changed. Values equal to round-off (sameToRoundOff:
 * relative spread <= 1e-9) have no interval either (lo, hi NaN, `same`: mends78). `bounds`: a metric's key (its bounds by
 * runMetricBounds, given `run`: the runs' host and metal) or Bounds. A constant of the run (`{ constant: true }`) has
 * its mean and no interval (lo, hi NaN).
 */
export function boundedInterval(values: readonly number[], bounds: string | Bounds | undefined, run?: RunSystem | readonly RunSystem[]): BoundedInterval {
  const iv: BoundedInterval = meanInterval(values);
  const b = typeof bounds === 'string' ? runMetricBounds(bounds, run) : bounds;
  if (b?.constant) return { ...iv, lo: NaN, hi: NaN };
  // the same value in every seed to round-off: the value, no interval (an interval of round-off reads as a measured spread)
  if (sameToRoundOff(values)) return { ...iv, lo: NaN, hi: NaN, same: true };
  if (!b || !Number.isFinite(iv.lo)) return iv;
  const at: number[] = [];
  if (b.min !== undefined && iv.lo < b.min) { iv.lo = b.min; at.push(b.min); }
  if (b.max !== undefined && iv.hi > b.max) { iv.hi = b.max; at.push(b.max); }
  if (at.length) iv.cut = `interval cut at ${at.join(' and ')} (physical bound)`;
  return iv;
}
