/**
 * Battery Data Format column names as the specification has written them over its versions, each
 * resolved to sacplate's canonical column and the unit the name states. Sources (read in
 * battery-data-alliance/battery-data-format and battery-data-format-ontology):
 *   - README of March 2025: required `test_time_millisecond`, `current_ampere`, `voltage_volt`,
 *     `cycle_dimensionless`; recommended `date_time_millisecond`; optional `step_dimensionless`,
 *     `dcir_ohm`, ...; "the string after the final underscore denotes the unit".
 *   - README of April 2025: `charge_capacity_ampere_hour`, `discharge_energy_watt_hour`,
 *     `temperature_celsius`, `unix_time_millisecond`, `step_index` (the program's step).
 *   - ontology 0.2.0 (June 2025) to 1.3.0 (July 2026): `test_time_second` replaces the millisecond
 *     names (kept, deprecated); 1.1.0 renames `step_capacity_ah` / `step_energy_wh` to
 *     `step_cumulative_*`; 1.3.0 gives the program step `step_id` and deprecates `step_index`
 *     (renamed `step_record_index`, a within-step row counter); altLabels such as `test_time_s`,
 *     `current_a`, `voltage_v`, `power_w`, `cycle_count_1`, `*_ampere_hour`, `*_watt_hour`.
 * docs/cycler.md lists what is read and what sacplate writes.
 */
import { bdfUnit, QUANTITY_OF, type BdfColumn } from './columns.js';

export interface BdfName {
  col: BdfColumn;
  /** the unit the name states ('' for counts) */
  unit: string;
  /** lower is preferred when a file holds two names for one column (the current name first) */
  rank: number;
}

/**
 * Unit words after the last underscore of a machine name, to unit symbols parseUnit reads. The
 * 2025 text names pint units ("millisecond"), the ontology's altLabels symbols ("ms", "ah").
 */
const UNIT_WORDS: Record<string, string> = {
  second: 's', s: 's', millisecond: 'ms', ms: 'ms', microsecond: 'us', us: 'us', minute: 'min', min: 'min', hour: 'h', h: 'h',
  volt: 'V', v: 'V', millivolt: 'mV', mv: 'mV',
  ampere: 'A', a: 'A', milliampere: 'mA', ma: 'mA', microampere: 'uA', ua: 'uA',
  ampere_hour: 'Ah', ah: 'Ah', milliampere_hour: 'mAh', mah: 'mAh',
  watt_hour: 'Wh', wh: 'Wh', milliwatt_hour: 'mWh', mwh: 'mWh',
  watt: 'W', w: 'W', milliwatt: 'mW', mw: 'mW',
  ohm: 'Ohm', milliohm: 'mOhm', mohm: 'mOhm',
  celsius: 'degC', degc: 'degC', kelvin: 'K', k: 'K',
};

/** Measured quantities: the name before the unit word, current name first, older and vendor-neutral spellings after. */
const BASES: [BdfColumn, string[]][] = [
  ['test_time_second', ['test_time']],
  ['unix_time_second', ['unix_time', 'date_time']],
  ['voltage_volt', ['voltage']],
  ['current_ampere', ['current']],
  ['charging_capacity_ah', ['charging_capacity', 'charge_capacity']],
  ['discharging_capacity_ah', ['discharging_capacity', 'discharge_capacity']],
  ['step_capacity_ah', ['step_cumulative_capacity', 'step_capacity']],
  ['net_capacity_ah', ['net_capacity']],
  ['cumulative_capacity_ah', ['cumulative_capacity']],
  ['charging_energy_wh', ['charging_energy', 'charge_energy']],
  ['discharging_energy_wh', ['discharging_energy', 'discharge_energy']],
  ['step_energy_wh', ['step_cumulative_energy', 'step_energy']],
  ['net_energy_wh', ['net_energy']],
  ['cumulative_energy_wh', ['cumulative_energy']],
  ['power_watt', ['power']],
  ['internal_resistance_ohm', ['internal_resistance', 'dc_internal_resistance', 'dcir']],
  ['ambient_temperature_celsius', ['ambient_temperature']],
  // 1.2.0: an unqualified temperature column is auxiliary channel T1 (the ontology's default mapping)
  ['temperature_t1_celsius', ['temperature_t1', 'surface_temperature_t1', 'temperature', 'surface_temperature']],
];

/** Counts carry no unit: their names are listed whole. `step_id` (1.3.0) before `step_index` (the name it had). */
const COUNTS: Record<string, BdfName> = {
  cycle_count: { col: 'cycle_count', unit: '', rank: 0 },
  cycle_count_1: { col: 'cycle_count', unit: '', rank: 0 },
  cycle_dimensionless: { col: 'cycle_count', unit: '', rank: 1 },
  step_count: { col: 'step_count', unit: '', rank: 0 },
  step_count_1: { col: 'step_count', unit: '', rank: 0 },
  step_dimensionless: { col: 'step_count', unit: '', rank: 1 },
  step_id: { col: 'step_index', unit: '', rank: 0 },
  step_index: { col: 'step_index', unit: '', rank: 1 },
  step_index_1: { col: 'step_index', unit: '', rank: 1 },
};

/** base -> column and preference, longest base first so "temperature_t1_..." is not read as "temperature_..." */
const BASE_LIST = BASES.flatMap(([col, bases]) => bases.map((base, i) => ({ col, base, i })))
  .sort((a, b) => b.base.length - a.base.length);

/**
 * The column and unit a BDF machine-readable name stands for, or undefined when the name is not
 * one (case is ignored). A known quantity with a unit word of another dimension ("current_volt")
 * resolves, so that binding reports the unit as wrong instead of skipping the column.
 */
export function bdfName(header: string): BdfName | undefined {
  const h = header.trim().toLowerCase();
  const count = COUNTS[h];
  if (count) return count;
  for (const { col, base, i } of BASE_LIST) {
    if (!h.startsWith(base + '_')) continue;
    const unit = UNIT_WORDS[h.slice(base.length + 1)];
    if (unit === undefined) continue;
    const canonical = unit === bdfUnit(QUANTITY_OF[col]);
    return { col, unit, rank: i * 2 + (canonical ? 0 : 1) };
  }
  return undefined;
}
