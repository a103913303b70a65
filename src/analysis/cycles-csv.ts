/**
 * The analysis's per-cycle table as a CSV a lab opens in a spreadsheet (`analyze` writes it as cycles.csv beside
 * report.json): one row per cycle of the protocol's table, the columns named as a simulated run's cycles.csv names the
 * same quantity (cycle, plated_mAh_per_cm2, stripped_mAh_per_cm2, ce, plating_plateau_mV, stripping_plateau_mV), the
 * others with their unit in the name (plated_mAh, hysteresis_mV, charge_mAh_per_g, end_time_s); ce and retention are
 * fractions (0.98), as in a run's cycles.csv. A value the analysis does not give (a cut half, no dip) is an empty cell;
 * a column no cycle has is left out (per-area columns without an area, mAh/g without a mass). The Aurbach protocol has
 * no per-cycle table (one CE over its n cycles): no file.
 */
import type { CsvCell } from '../io/csv.js';
import type { AnalysisReport } from './report.js';

export interface CyclesCsv { header: string[]; rows: CsvCell[][] }

type Row = Record<string, number | string | boolean | undefined>;

/** The columns in `order` that some row gives, and the rows in them (booleans as 1, absent or NaN as an empty cell). */
function tableOf(order: readonly string[], rows: Row[]): CyclesCsv {
  const header = order.filter((k) => rows.some((r) => r[k] !== undefined && r[k] !== false));
  const cell = (v: Row[string]): CsvCell => (v === undefined || v === false ? '' : v === true ? 1 : v);
  return { header, rows: rows.map((r) => header.map((k) => cell(r[k]))) };
}

export function cyclesCsv(r: AnalysisReport): CyclesCsv | undefined {
  if (r.licu && r.licu.cycles.length > 0) {
    return tableOf(
      ['cycle', 'plated_mAh', 'stripped_mAh', 'plated_mAh_per_cm2', 'stripped_mAh_per_cm2', 'ce', 'plating_plateau_mV', 'plating_peak_mV', 'plating_peak_time_s', 'nucleation_overpotential_mV', 'end_time_s', 'partial'],
      r.licu.cycles.map(({ file_cycles_joined: _j, ...c }) => ({ ...c, end_time_s: c.t_s, partial: c.partial === true })),
    );
  }
  if (r.symmetric && r.symmetric.cycles.length > 0) {
    // the charge of each cycle's platings and strips, from its half cycles (a plating split by a rest counts whole)
    const q = new Map<number, { plated: number; stripped: number; platedA?: number; strippedA?: number }>();
    for (const h of r.symmetric.half_cycles) {
      const e = q.get(h.cycle) ?? { plated: 0, stripped: 0 };
      if (h.sign < 0) { e.plated += h.charge_mAh; if (h.charge_mAh_per_cm2 !== undefined) e.platedA = (e.platedA ?? 0) + h.charge_mAh_per_cm2; }
      else { e.stripped += h.charge_mAh; if (h.charge_mAh_per_cm2 !== undefined) e.strippedA = (e.strippedA ?? 0) + h.charge_mAh_per_cm2; }
      q.set(h.cycle, e);
    }
    return tableOf(
      ['cycle', 'file_cycle', 'plated_mAh', 'stripped_mAh', 'plated_mAh_per_cm2', 'stripped_mAh_per_cm2', 'plating_plateau_mV', 'stripping_plateau_mV', 'hysteresis_mV', 'partial'],
      r.symmetric.cycles.map((c) => {
        const e = q.get(c.cycle);
        return { ...c, plated_mAh: e?.plated, stripped_mAh: e?.stripped, plated_mAh_per_cm2: e?.platedA, stripped_mAh_per_cm2: e?.strippedA, partial: c.partial === true };
      }),
    );
  }
  if (r.fullcell && r.fullcell.cycles.length > 0) {
    return tableOf(
      ['cycle', 'file_cycle', 'first_half', 'charge_mAh', 'discharge_mAh', 'charge_mAh_per_cm2', 'discharge_mAh_per_cm2', 'charge_mAh_per_g', 'discharge_mAh_per_g', 'ce', 'retention', 'partial'],
      r.fullcell.cycles.map(({ file_cycles_joined: _j, ...c }) => ({ ...c, first_half: c.first_sign > 0 ? 'charge' : 'discharge', partial: c.partial === true })),
    );
  }
  return undefined;
}
