/**
 * The canonical cycler table: Battery Data Format (BDF) machine-readable column names, each in
 * the unit its name states (the BDF fixes units: seconds, volts, amperes, ampere-hours,
 * watt-hours, watts, ohms, degrees Celsius, counts). Current is positive when charging the cell
 * (anodic at the working electrode), negative when discharging (plating onto the working
 * electrode of a Li||Li or Li||Cu cell).
 */
import { parseUnit } from '../units.js';

export const BDF_COLUMNS = [
  'test_time_second',
  'voltage_volt',
  'current_ampere',
  'unix_time_second',
  'cycle_count',
  'step_count',
  'step_index',
  'charging_capacity_ah',
  'discharging_capacity_ah',
  'step_capacity_ah',
  'net_capacity_ah',
  'cumulative_capacity_ah',
  'charging_energy_wh',
  'discharging_energy_wh',
  'step_energy_wh',
  'net_energy_wh',
  'cumulative_energy_wh',
  'power_watt',
  'internal_resistance_ohm',
  'ambient_temperature_celsius',
  'temperature_t1_celsius',
] as const;
export type BdfColumn = (typeof BDF_COLUMNS)[number];
export const REQUIRED: readonly BdfColumn[] = ['test_time_second', 'voltage_volt', 'current_ampere'];

export type Quantity = 'time' | 'voltage' | 'current' | 'capacity' | 'energy' | 'power' | 'resistance' | 'temperature' | 'count';

export const QUANTITY_OF: Record<BdfColumn, Quantity> = {
  test_time_second: 'time',
  voltage_volt: 'voltage',
  current_ampere: 'current',
  unix_time_second: 'time',
  cycle_count: 'count',
  step_count: 'count',
  step_index: 'count',
  charging_capacity_ah: 'capacity',
  discharging_capacity_ah: 'capacity',
  step_capacity_ah: 'capacity',
  net_capacity_ah: 'capacity',
  cumulative_capacity_ah: 'capacity',
  charging_energy_wh: 'energy',
  discharging_energy_wh: 'energy',
  step_energy_wh: 'energy',
  net_energy_wh: 'energy',
  cumulative_energy_wh: 'energy',
  power_watt: 'power',
  internal_resistance_ohm: 'resistance',
  ambient_temperature_celsius: 'temperature',
  temperature_t1_celsius: 'temperature',
};

/** BDF preferred labels ("Test Time / s"), accepted on input as well as the machine names. */
export const BDF_LABEL: Record<BdfColumn, string> = {
  test_time_second: 'Test Time / s',
  voltage_volt: 'Voltage / V',
  current_ampere: 'Current / A',
  unix_time_second: 'Unix Time / s',
  cycle_count: 'Cycle Count / 1',
  step_count: 'Step Count / 1',
  step_index: 'Step Index / 1',
  charging_capacity_ah: 'Charging Capacity / Ah',
  discharging_capacity_ah: 'Discharging Capacity / Ah',
  step_capacity_ah: 'Step Capacity / Ah',
  net_capacity_ah: 'Net Capacity / Ah',
  cumulative_capacity_ah: 'Cumulative Capacity / Ah',
  charging_energy_wh: 'Charging Energy / Wh',
  discharging_energy_wh: 'Discharging Energy / Wh',
  step_energy_wh: 'Step Energy / Wh',
  net_energy_wh: 'Net Energy / Wh',
  cumulative_energy_wh: 'Cumulative Energy / Wh',
  power_watt: 'Power / W',
  internal_resistance_ohm: 'Internal Resistance / Ohm',
  ambient_temperature_celsius: 'Ambient Temperature / degC',
  temperature_t1_celsius: 'Surface Temperature T1 / degC',
};

/** SI dimensions [m, kg, s, A, K, mol, n] and the factor from SI to the BDF unit. */
const SI: Record<Exclude<Quantity, 'temperature'>, { dims: number[]; fromSI: number; unit: string }> = {
  time: { dims: [0, 0, 1, 0, 0, 0, 0], fromSI: 1, unit: 's' },
  voltage: { dims: [2, 1, -3, -1, 0, 0, 0], fromSI: 1, unit: 'V' },
  current: { dims: [0, 0, 0, 1, 0, 0, 0], fromSI: 1, unit: 'A' },
  capacity: { dims: [0, 0, 1, 1, 0, 0, 0], fromSI: 1 / 3600, unit: 'Ah' },
  energy: { dims: [2, 1, -2, 0, 0, 0, 0], fromSI: 1 / 3600, unit: 'Wh' },
  power: { dims: [2, 1, -3, 0, 0, 0, 0], fromSI: 1, unit: 'W' },
  resistance: { dims: [2, 1, -3, -2, 0, 0, 0], fromSI: 1, unit: 'Ohm' },
  count: { dims: [0, 0, 0, 0, 0, 0, 0], fromSI: 1, unit: '1' },
};

export function bdfUnit(q: Quantity): string {
  return q === 'temperature' ? 'degC' : SI[q].unit;
}

/**
 * Factor and offset converting a value in `unit` to the BDF unit of quantity `q`
 * (value_bdf = value * factor + offset), or undefined when the unit does not fit.
 * An empty unit means the value is already in the BDF unit.
 */
export function conversion(q: Quantity, unit: string): { factor: number; offset: number } | undefined {
  const u = unit.trim();
  if (u === '') return { factor: 1, offset: 0 };
  if (q === 'temperature') {
    const t = u.replace(/\s+/g, '').replace(/^°/, '');
    if (/^(degC|C|celsius|Celsius|\?)$/.test(t) || u.includes('°C') || u === '°C') return { factor: 1, offset: 0 };
    if (t === 'K') return { factor: 1, offset: -273.15 };
    return undefined;
  }
  const p = parseUnit(u);
  if (!p) return undefined;
  const s = SI[q];
  for (let i = 0; i < 7; i++) if (Math.abs(p.dims[i]! - s.dims[i]!) > 1e-12) return undefined;
  return { factor: p.factor * s.fromSI, offset: 0 };
}
