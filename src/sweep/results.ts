/**
 * A sweep's results as a table: one row per task (in sweep order), the axis values, status and
 * error, then every metric as a column. Written as CSV, JSON or Parquet (hyparquet-writer).
 * Metrics that are lists (e.g. `sacs`, `steps_ended`, `steps_current_mA_per_cm2`) are joined with ";" in CSV, JSON and
 * Parquet, one entry per item, a null item (a rest's current) empty: `1;;3`.
 * An axis whose values are quantities ("0.5 %", "1 mA/cm2") also gets its numbers in a column of
 * their own, named with the unit (`sacs[0].loading_pct`), since pandas, Excel and Parquet readers
 * take "0.5 %" for text; the label column stays (it is the value as the sweep file wrote it).
 */
import { InputError } from '../errors.js';
import { csvField } from '../io/csv.js';
import { writeParquetTable } from '../io/parquet.js';
import { parseUnit, splitQuantity } from '../units.js';
import { parseProtocolStep, stepCapacity_mAh_per_cm2, stepCurrent_mA_per_cm2 } from '../input/protocol.js';
import type { ProtocolStep } from '../input/types.js';
import { boundedInterval, runMetricBounds, RUN_CONSTANT_METRICS } from '../stats/interval.js';
import { plural } from '../plural.js';
import { isNoDip } from '../analysis/nucleation.js';
import { SETTING_COLUMNS } from '../batch/table.js';
import type { SweepRow } from './store.js';

/** Metrics that measure the machine (wall time, speed), not the simulation: they differ between runs of the same seed. */
export const TIMING_METRICS: readonly string[] = ['wall_s', 'events_per_s'];

export type Cell = number | string | null;
/** `maps`: the columns whose cells are a map's JSON text (a map axis), written as objects by tableJson (mends123) */
export interface ResultTable { columns: string[]; rows: Cell[][]; maps?: string[]; }

const cell = (v: unknown): Cell => (v === undefined || v === null ? null
  : typeof v === 'number' ? v
    : typeof v === 'string' ? v
      : typeof v === 'boolean' ? (v ? 1 : 0)
        // a step without a value (a rest's current) is an empty entry, so the list keeps one entry per step as
        // steps_ended beside it (until mends49 `1;null;3`)
        : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : x === null || x === undefined ? '' : JSON.stringify(x))).join(';') : JSON.stringify(v));

/** A unit as a column-name suffix: "%" -> pct, "wt%" -> wt_pct, "mA/cm2" -> mA_per_cm2, "nm" stays nm (the unit alone: splitQuantity gives it). */
export function unitSuffix(unit: string): string {
  return unit.trim().replace(/%/g, '_pct').replace(/\//g, '_per_').replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

/**
 * The number columns of one axis: its values split into number and unit when every value given is
 * a quantity with a unit the package knows. One unit across the sweep: one column `<axis>_<unit>`; units that convert
 * into one another ("25 degC", "298.15 K"): one column in one unit (commonUnit); mixed units that do not ("1 wt%" beside
 * "2 %"): `<axis>_value` and `<axis>_unit`, since the numbers alone would not compare.
 */
function axisNumberColumns(key: string, values: unknown[]): { columns: string[]; cells: (v: unknown) => Cell[] } | undefined {
  const given = values.filter((v) => v !== undefined && v !== null);
  if (given.length === 0) return undefined;
  if (given.every(isMapValue)) return mapNumberColumns(key, given as Record<string, unknown>[]);
  if (given.every((v) => Array.isArray(v))) return listNumberColumns(key, given as unknown[][]);
  const steps = protocolStepColumns(key, given);
  if (steps) return steps;
  const split = given.map((v) => (typeof v === 'string' ? splitQuantity(v) : undefined));
  // a unit the package knows: "3D-Cu" (a host's name) is not 3 of "D-Cu"
  const isUnit = (u: string) => unitSuffix(u) !== '' && (parseUnit(u) !== undefined || /^(deg[CF]|°C)$/.test(u.trim()));
  if (split.some((q) => q === undefined || !isUnit(q.unit))) return undefined;
  const units = new Set(split.map((q) => q!.unit.trim()));
  const parse = (v: unknown) => (typeof v === 'string' ? splitQuantity(v) : undefined);
  if (units.size === 1) return { columns: [`${key}_${unitSuffix([...units][0]!)}`], cells: (v) => [parse(v)?.value ?? null] };
  const one = commonUnit([...units]);
  if (one) return { columns: [`${key}_${unitSuffix(one.unit)}`], cells: (v) => { const q = parse(v); return [q ? one.convert(q.value, q.unit.trim()) : null]; } };
  return { columns: [`${key}_value`, `${key}_unit`], cells: (v) => { const q = parse(v); return [q?.value ?? null, q ? q.unit.trim() : null]; } };
}

/** A number converted into another unit, to 12 significant digits: 2 A/m2 is 0.2 mA/cm2, not 0.19999999999999998. */
const converted = (x: number): number => Number(x.toPrecision(12));

/**
 * The one unit an axis' mixed units convert into (mends123, review88 F7: `25 degC` beside `298.15 K` got `_value` and
 * `_unit` columns, though both are temperatures): temperatures in K (degC + 273.15), the unit of the `temperature_K`
 * metric; units of one dimension (mA/cm2 and A/m2) in the first value's unit. None for units without a dimension
 * (`wt%` of the host's mass beside `%` of its sites do not compare) or of two dimensions.
 */
function commonUnit(units: string[]): { unit: string; convert: (value: number, unit: string) => number | null } | undefined {
  const celsius = (u: string) => /^(degC|°C)$/.test(u);
  if (units.every((u) => celsius(u) || u === 'K')) return { unit: 'K', convert: (x, u) => (celsius(u) ? converted(x + 273.15) : x) };
  const parsed = units.map((u) => parseUnit(u));
  const first = parsed[0];
  if (!first || first.dims.every((d) => d === 0)) return undefined;
  if (!parsed.every((p) => p !== undefined && p.dims.every((d, i) => Math.abs(d - first.dims[i]!) < 1e-12))) return undefined;
  return {
    unit: units[0]!,
    convert: (x, u) => {
      const p = parseUnit(u);
      return p === undefined ? null : u === units[0] ? x : converted(x * p.factor / first.factor);
    },
  };
}

const isMapValue = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A map's leaves by their dotted path (`{ a: { b: 1 } }`: `a.b`); a list is a leaf. */
function leafPaths(m: Record<string, unknown>, prefix = '', out: string[] = []): string[] {
  for (const [k, v] of Object.entries(m)) {
    if (isMapValue(v)) leafPaths(v, `${prefix}${k}.`, out);
    else if (!out.includes(`${prefix}${k}`)) out.push(`${prefix}${k}`);
  }
  return out;
}

const leafAt = (m: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (isMapValue(o) ? o[k] : undefined), m);

/**
 * The number columns of a map (block) axis (`kinetics: [{ terraceBarrier: 0.2 eV }, { terraceBarrier: 0.3 eV }]`), one
 * per key whose values are numbers: `<axis>.<key>` for plain numbers, and for quantities the columns an axis of them
 * gets (`kinetics.terraceBarrier_eV`; mixed units as axisNumberColumns says). The axis' own column stays, the map's JSON
 * text. Until mends123 (review88 F6) the JSON text alone, to be parsed by the user before plotting.
 */
function mapNumberColumns(key: string, maps: Record<string, unknown>[]): { columns: string[]; cells: (v: unknown) => Cell[] } | undefined {
  const paths: string[] = [];
  for (const m of maps) leafPaths(m, '', paths);
  return entryColumns(paths.map((path) => ({ name: `${key}.${path}`, at: (v: unknown) => leafAt(v, path) })), maps);
}

/**
 * The number columns of a list-valued axis (`lattice.size: [[8, 8, 10], [16, 16, 12]]`), or of a list key of a map axis
 * (`lattice: [{ size: [8, 8, 10] }, ...]`), one per entry, named by its path as a sweep file names it: `lattice.size[0]`,
 * `lattice.size[1]`, `lattice.size[2]` for plain numbers; the columns an axis of the entries gets for quantities, steps
 * and maps (`protocol[0]_current_mA_per_cm2`, `sacs[0].loading_pct`); none for an entry of names. The axis' own column
 * stays, the entries' text joined by ";" (`8;8;10`). mends124 (mends123 left it: that text alone, no number column).
 */
function listNumberColumns(key: string, lists: unknown[][]): { columns: string[]; cells: (v: unknown) => Cell[] } | undefined {
  const n = Math.max(...lists.map((l) => l.length));
  const entries = Array.from({ length: n }, (_, i) => ({ name: `${key}[${i}]`, at: (v: unknown) => (Array.isArray(v) ? v[i] as unknown : undefined) }));
  return entryColumns(entries, lists);
}

/**
 * The number columns of the entries of map or list values (`at` reads an entry from a value): an entry whose values are
 * all plain numbers, one column under its name; any other, the columns an axis of its values gets (axisNumberColumns:
 * quantities with their unit, steps, lists and maps within); an entry of names, or of maps beside other values, none.
 */
function entryColumns(entries: { name: string; at: (v: unknown) => unknown }[], values: unknown[]): { columns: string[]; cells: (v: unknown) => Cell[] } | undefined {
  const parts = entries.flatMap(({ name, at }) => {
    const leaves = values.map(at).filter((v) => v !== undefined && v !== null);
    if (leaves.length > 0 && leaves.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return [{ columns: [name], cells: (v: unknown): Cell[] => { const x = at(v); return [typeof x === 'number' && Number.isFinite(x) ? x : null]; } }];
    }
    if (leaves.some(isMapValue) && !leaves.every(isMapValue)) return [];
    const q = axisNumberColumns(name, leaves);
    return q ? [{ columns: q.columns, cells: (v: unknown) => { const x = at(v); return x === undefined || x === null ? q.columns.map(() => null) : q.cells(x); } }] : [];
  });
  if (parts.length === 0) return undefined;
  return { columns: parts.flatMap((p) => p.columns), cells: (v) => parts.flatMap((p) => p.cells(v)) };
}

/** The axes whose values are maps (their column is the map's JSON text; tableJson writes them as objects). */
const mapAxes = (axes: { key: string }[], values: (k: string) => unknown[]): string[] =>
  axes.map((a) => a.key).filter((k) => { const given = values(k).filter((v) => v !== undefined && v !== null); return given.length > 0 && given.every(isMapValue); });

/**
 * The numbers of a protocol step axis (`protocol[0]: [Plate 0.001 mAh/cm2 at 1 mA/cm2, ... at 3 mA/cm2]`, the way a
 * sweep varies the current density): `<axis>_current_mA_per_cm2` (a galvanostatic step's current; empty for a rest or
 * a potentiostatic hold) and `<axis>_capacity_mAh_per_cm2` (when a step gives its charge), each only when some value
 * has it. Until review39 such an axis was its text alone, the current to be cut out of it by the user.
 */
function protocolStepColumns(key: string, given: unknown[]): { columns: string[]; cells: (v: unknown) => Cell[] } | undefined {
  if (!/^protocol\[\d+\](\.steps\[\d+\])*$/.test(key) || !given.every((v) => typeof v === 'string')) return undefined;
  const parse = (v: unknown): ProtocolStep | undefined => {
    if (typeof v !== 'string') return undefined;
    try { return parseProtocolStep(v, key); } catch { return undefined; }
  };
  const parsed = given.map(parse); // a bad step (that task is invalid, its error says why) gets empty cells
  const current = (p: ProtocolStep | undefined): Cell => (p ? stepCurrent_mA_per_cm2(p) : null);
  const capacity = (p: ProtocolStep | undefined): Cell => (p ? stepCapacity_mAh_per_cm2(p) : null);
  const parts = [
    { name: `${key}_current_mA_per_cm2`, of: current },
    { name: `${key}_capacity_mAh_per_cm2`, of: capacity },
  ].filter((c) => parsed.some((p) => c.of(p) !== null));
  if (parts.length === 0) return undefined;
  return { columns: parts.map((c) => c.name), cells: (v) => { const p = parse(v); return parts.map((c) => c.of(p)); } };
}

/**
 * A run's metrics with its blocks (metrics.json `transport` with an electrolyte, `sei` with an SEI: objects) spread into
 * one column per reading, named by its path as metrics.json nests it and as the workbench names them
 * (`transport.surface_concentration_M`, `transport.field_grid.cell_nm`, `sei.sei_bound_voxels`). Until review60 a block
 * was one cell of JSON text per task, which pandas reads as a string, and `--by-point`, which keeps numbers, left it out.
 */
export function flatMetrics(m: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!m) return m;
  const out: Record<string, unknown> = {};
  const put = (prefix: string, o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) put(`${prefix}${k}.`, v as Record<string, unknown>);
      else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) listOf(`${prefix}${k}`, v);
      else out[`${prefix}${k}`] = v;
    }
  };
  // a list of records (transport.sand_steps: one per plating step above J_lim) as numbers: how many
  // (`transport.sand_steps.count`, 0 for none) and the first one's numbers (`transport.sand_steps[0].sand_time_analytic_s`,
  // `...[0].step`, `...[0].current_mA_per_cm2`); its text (the step as the protocol says it) and the later entries are in
  // the run's metrics.json (mends78: until then one cell of JSON text per task, `{"step":1,"protocol":...}`)
  const listOf = (key: string, v: unknown[]) => {
    out[`${key}.count`] = v.length;
    const first = v[0];
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
      for (const [k, x] of Object.entries(first as Record<string, unknown>)) if (typeof x === 'number' || x === null) out[`${key}[0].${k}`] = x;
    }
  };
  put('', m);
  return out;
}

/** A sweep row with its metrics flattened (flatMetrics). */
const flatRow = (r: SweepRow): SweepRow => (r.metrics ? { ...r, metrics: flatMetrics(r.metrics) } : r);

export function resultTable(rowsIn: SweepRow[]): ResultTable {
  const rows = rowsIn.map(flatRow);
  const labelKeys: string[] = [];
  const metricKeys: string[] = [];
  for (const r of rows) {
    for (const k of Object.keys(r.label)) if (!labelKeys.includes(k)) labelKeys.push(k);
    for (const k of Object.keys(r.metrics ?? {})) if (!metricKeys.includes(k)) metricKeys.push(k);
  }
  const axes = labelKeys.map((k) => ({ key: k, numbers: axisNumberColumns(k, rows.map((r) => r.label[k])) }));
  const labelCols = axes.flatMap((a) => [a.key, ...(a.numbers?.columns ?? [])]);
  const taken = new Set(['task', 'hash', 'status', 'error_type', 'error', ...labelCols]);
  const metricCols = metricKeys.map((k) => (taken.has(k) ? `metric.${k}` : k));
  const columns = ['task', 'hash', 'status', ...labelCols, 'error_type', 'error', ...metricCols];
  const out = rows.map((r) => [
    r.index, r.hash, r.status, ...axes.flatMap((a) => [cell(r.label[a.key]), ...(a.numbers?.cells(r.label[a.key]) ?? [])]),
    r.error?.type ?? null, r.error?.message ?? null, ...metricKeys.map((k) => cell(r.metrics?.[k])),
  ]);
  return { columns, rows: out, maps: mapAxes(axes, (k) => rows.map((r) => r.label[k])) };
}

/**
 * What a run was set to, not what it measured (compare.csv's settings, batch/table.ts's SETTING_COLUMNS, and the run's
 * constants, stats/interval.ts RUN_CONSTANT_METRICS: voxel, temperature, the voxel's charge): by point one column, the
 * seeds' common value, no interval (mends50: a mean with lo = hi; review58: `charge_per_voxel_C` kept two empty
 * `_lo95`/`_hi95` columns beside it, where `voxel_nm` had one).
 */
const SETTING_METRICS: ReadonlySet<string> = new Set([...RUN_CONSTANT_METRICS, ...SETTING_COLUMNS.map((c) => c.key),
  // an electrolyte run's constants of its set-up (metrics.json `transport`, flatMetrics): the cell's limiting current
  // and Sand's closed-form time, and the concentration grid
  'transport.limiting_current_mA_per_cm2', 'transport.sand_time_analytic_s', 'transport.field_grid.cell_nm',
  'transport.field_grid.layers_in_box', 'transport.field_grid.layers_total', 'transport.field_grid.distance_um',
  // the plating steps above J_lim (flatMetrics: their count and the first one's step, current and Sand's closed-form time)
  'transport.sand_steps.count', 'transport.sand_steps[0].step', 'transport.sand_steps[0].current_mA_per_cm2', 'transport.sand_steps[0].sand_time_analytic_s',
  // cell.space_charge: chazalviel's constants of the set-up (fields/report.ts): the anions' drift per current density
  // and the solid fraction phi from the electrolyte, the box's columns and the 1 / phi a front needs (review79: each kept
  // two `_lo95`/`_hi95` columns, always empty, as charge_per_voxel_C did until review58)
  'transport.space_charge.anion_drift_um_per_s_per_mA_cm2', 'transport.space_charge.solid_fraction',
  'transport.space_charge.columns', 'transport.space_charge.columns_needed']);
/** metrics.json's yes/no keys (null without a reading): counted, not averaged, even where no seed has a value */
const FLAG_METRICS: ReadonlySet<string> = new Set(['nucleation_no_dip']);

/**
 * A sweep's results one row per axis point, its seeds taken together (`sacplate results --by-point`): the axis values
 * (and their numbers, as resultTable gives them), `seeds` (the point's tasks), `done` (those with a result), then for
 * each numeric metric its mean over the done seeds under the metric's own name and the 95 % interval of that mean
 * (Student t, cut at the metric's physical bound as compare and simulate --seeds cut it) in `<metric>_lo95` and
 * `<metric>_hi95`: the columns of compare.csv and seeds.csv, the unit in the metric's name; a yes/no metric, how many
 * seeds say yes (`nucleation_no_dip_seeds`, as compare.csv); a setting (SETTING_METRICS: the run's current, capacity,
 * voxel, temperature) one column, the seeds' value, no interval; a metric no seed has, empty cells. One seed gives a mean and empty interval cells, and so do seeds that agree (the same value to round-off), which `notes` says. `intervals_cut` says which intervals were cut (as in compare.csv); `notes`, a metric without a
 * value in some seeds and the point's invalid, failed or pending tasks.
 * Until review39 a sweep with seeds gave one row per task only, and the means and intervals were the user's to make.
 */
export function pointTable(rowsIn: SweepRow[]): ResultTable {
  const rows = rowsIn.map(flatRow);
  const points = new Map<string, { label: Record<string, unknown>; rows: SweepRow[] }>();
  for (const r of rows) {
    const { seed: _seed, ...label } = r.label;
    const key = JSON.stringify(Object.entries(label));
    const p = points.get(key);
    if (p) p.rows.push(r); else points.set(key, { label, rows: [r] });
  }
  const list = [...points.values()];
  const labelKeys: string[] = [];
  for (const p of list) for (const k of Object.keys(p.label)) if (!labelKeys.includes(k)) labelKeys.push(k);
  const axes = labelKeys.map((k) => ({ key: k, numbers: axisNumberColumns(k, list.map((p) => p.label[k])) }));
  // numeric metrics, in the order a task's row gives them; the seed is the point's, not a figure
  // (a null is a number not there: `average_ce` of a plating-only run keeps its columns, empty; until mends50 a metric
  // null in every seed had none, so two by-point tables differed in their columns)
  const metricKeys: string[] = [];
  for (const r of rows) for (const [k, v] of Object.entries(r.metrics ?? {})) if (k !== 'seed' && (typeof v === 'number' || (v === null && !FLAG_METRICS.has(k))) && !metricKeys.includes(k)) metricKeys.push(k);
  // yes/no metrics (nucleation_no_dip): how many of the point's seeds say yes, as compare.csv's nucleation_no_dip_seeds
  const flagKeys: string[] = [];
  for (const r of rows) for (const [k, v] of Object.entries(r.metrics ?? {})) if ((typeof v === 'boolean' || (v === null && FLAG_METRICS.has(k))) && !flagKeys.includes(k)) flagKeys.push(k);
  // a key a row has as something else (a boolean among numbers) is a flag, not a metric
  for (let i = metricKeys.length - 1; i >= 0; i--) if (flagKeys.includes(metricKeys[i]!)) metricKeys.splice(i, 1);
  // text metrics (metrics.json's `metal`, `host`, `steps_ended`, `transport.electrolyte`, `transport.readings_at`, ...;
  // a list as its `;`-joined text, as the per-task table writes it): one column, the point's seeds' common text, empty
  // where they differ (a note says so), as compare.csv keeps its settings (mends100; review79: --by-point left them out)
  const textKeys: string[] = [];
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.metrics ?? {})) {
      if (k !== 'seed' && (typeof v === 'string' || Array.isArray(v)) && !metricKeys.includes(k) && !flagKeys.includes(k) && !textKeys.includes(k)) textKeys.push(k);
    }
  }
  const labelCols = axes.flatMap((a) => [a.key, ...(a.numbers?.columns ?? [])]);
  // a metric named as an axis column (a run key swept, e.g. `temperature_K` beside an axis `temperature`) is metric.<name>
  const taken = new Set(['point', 'seeds', 'done', 'errors', 'intervals_cut', 'notes', ...labelCols]);
  const metricCols = metricKeys.map((k) => (taken.has(k) ? `metric.${k}` : k));
  const textCols = textKeys.map((k) => (taken.has(k) ? `metric.${k}` : k));
  const columns = ['point', ...labelCols, 'seeds', 'done', 'errors', ...metricCols.flatMap((k, j) => (SETTING_METRICS.has(metricKeys[j]!) ? [k] : [k, `${k}_lo95`, `${k}_hi95`])), ...flagKeys.map((k) => `${k}_seeds`), ...textCols, 'intervals_cut', 'notes'];
  const finite = (x: number): Cell => (Number.isFinite(x) ? x : null);
  const out = list.map((p, i) => {
    const done = p.rows.filter((r) => r.status === 'done' && r.metrics);
    const notes: string[] = [], cuts: string[] = [], agree: string[] = [];
    const other = p.rows.length - done.length;
    if (other > 0) {
      const by = new Map<string, number>();
      for (const r of p.rows) if (!(r.status === 'done' && r.metrics)) by.set(r.status, (by.get(r.status) ?? 0) + 1);
      // a failed task: which, its error's type and message (review55: "1 error of 2 tasks" said neither nor where they are)
      const failed = p.rows.filter((r) => r.status === 'error');
      const first = failed.slice(0, 3).map((r) => `${r.error?.message ?? `task ${r.index}`}`.replace(/^task (\d+): /, `task $1: ${r.error?.type ?? 'error'}: `));
      const which = failed.length > 0 ? ` (${first.join('; ')}${failed.length > 3 ? `; and ${failed.length - 3} more` : ''}); each task's error_type and error: sacplate results without --by-point` : '';
      notes.push(`${[...by].map(([st, n]) => `${n} ${st}`).join(', ')} of ${plural(p.rows.length, 'task')}${which}`);
    }
    const run = done[0]?.metrics ?? {};
    const cells = metricKeys.flatMap((k): Cell[] => {
      let xs = done.map((r) => r.metrics![k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (xs.length > 0 && xs.length < done.length) notes.push(`${k}: ${done.length - xs.length} of ${done.length} seeds without a value`);
      // a nucleation reading <= 0 is no dip, not a nucleation barrier (analysis/nucleation.ts isNoDip): counted in
      // nucleation_no_dip_seeds and left out of the mean, as the CLI table's cell reads "none (no dip ...)" for it
      // (mends116, review86 F3: a point of two no-dip seeds read -98.28 [-121.06, -75.50] mV, one of a no-dip seed and
      // a dip 2.24 [-45.78, 50.27] mV)
      if (k === 'nucleation_overpotential_mV') {
        const dips = xs.filter((x) => !isNoDip(x));
        if (dips.length < xs.length) {
          notes.push(`${k}: ${xs.length - dips.length} of ${xs.length} seeds had no dip (a reading <= 0: not a nucleation barrier; nucleation_no_dip_seeds), ` +
            (dips.length ? `the mean and interval are of the ${dips.length} with a dip` : 'no mean (the CLI table\'s "none (no dip ...)")'));
        }
        xs = dips;
      }
      if (SETTING_METRICS.has(k)) {
        // a point's seeds share their run but the seed: one value (seeds that differ, not one point's, say so)
        const values = [...new Set(xs)];
        if (values.length > 1) notes.push(`${k}: the seeds differ (${values.join(', ')})`);
        return [values.length === 1 ? values[0]! : null];
      }
      if (xs.length === 0) return [null, null, null];
      const iv = boundedInterval(xs, runMetricBounds(k, run));
      if (iv.cut) cuts.push(`${k}: ${iv.cut}`);
      if (iv.same) agree.push(k);
      return [finite(iv.mean), finite(iv.lo), finite(iv.hi)];
    });
    // seeds that agree (the same value to round-off, docs/figures.md: an interval of zero width reads as a measured spread)
    // have empty interval cells as one seed has: said, so that `done` 2 with empty cells is not read as one seed (mends123,
    // review88 F3: island_count 3 and 3, deposited_voxels 34 and 34 gave empty cells and an empty `notes`)
    if (agree.length) notes.push(`${agree.join(', ')}: the ${done.length} seeds agree (the same value to round-off): no interval`);
    const texts = textKeys.map((k): Cell => {
      const values = [...new Set(done.map((r) => cell(r.metrics![k])))];
      if (values.length > 1) notes.push(`${k}: the seeds differ (${plural(values.length, 'value')}; each task's in sacplate results without --by-point)`);
      return values.length === 1 ? values[0]! : null;
    });
    return [i, ...axes.flatMap((a) => [cell(p.label[a.key]), ...(a.numbers?.cells(p.label[a.key]) ?? [])]), p.rows.length, done.length, p.rows.filter((r) => r.status === 'error').length, ...cells, ...flagKeys.map((k) => done.filter((r) => r.metrics![k] === true).length), ...texts, cuts.length ? cuts.join('; ') : null, notes.length ? notes.join('; ') : null];
  });
  return { columns, rows: out, maps: mapAxes(axes, (k) => list.map((p) => p.label[k])) };
}

export function tableCsv(t: ResultTable): string {
  const line = (cells: Cell[]) => cells.map((c) => (c === null ? '' : csvField(c))).join(',');
  return [line(t.columns), ...t.rows.map(line)].join('\n') + '\n';
}

/** The rows as JSON objects; a map axis' cell as the map (its JSON text in CSV and Parquet; until mends123 a string here too). */
export function tableJson(t: ResultTable): string {
  const maps = new Set(t.maps ?? []);
  const value = (c: string, x: Cell | undefined): unknown => (x === undefined ? null : maps.has(c) && typeof x === 'string' ? JSON.parse(x) as unknown : x);
  return JSON.stringify(t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, value(c, r[i])]))), null, 2) + '\n';
}

export async function writeParquet(t: ResultTable, file: string): Promise<void> {
  await writeParquetTable(file, t.columns, t.rows);
}

export const FORMATS = ['csv', 'json', 'parquet'] as const;
export type Format = (typeof FORMATS)[number];
export function checkFormat(f: string): Format {
  if (!(FORMATS as readonly string[]).includes(f)) throw new InputError('--format', f, FORMATS.join(', '));
  return f as Format;
}
